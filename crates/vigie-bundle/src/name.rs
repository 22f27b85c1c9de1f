//! File names inside a bundle. They come from whoever uploaded the file, so they are
//! cleaned before they become archive paths that other people's tools will extract.

/// The longest name kept, in bytes: what a ustar header's name field holds.
pub const MAX_FILE_NAME: usize = 100;

/// Longest extension kept whole when a name is shortened (`.warc.gz` and the like).
const MAX_EXTENSION: usize = 16;

/// A name safe to use as the last component of `files/<leaf index>/<name>`: no path
/// separators, no `..`, no control or bidirectional formatting characters (which can
/// make `gpj.exe` display as `exe.jpg`), no characters Windows refuses, no leading dot,
/// at most [`MAX_FILE_NAME`] bytes with the extension kept, and never empty.
pub fn sanitise_file_name(name: &str) -> String {
    let mut cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    while cleaned.contains("..") {
        cleaned = cleaned.replace("..", ".");
    }
    // Windows drops trailing dots and spaces; a leading dot hides the file.
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let shortened = shorten(trimmed);
    if shortened.is_empty() { "file".to_owned() } else { shortened }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn shorten(name: &str) -> String {
    if name.len() <= MAX_FILE_NAME {
        return name.to_owned();
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_EXTENSION => name.split_at(dot),
        _ => (name, ""),
    };
    let mut end = MAX_FILE_NAME - extension.len();
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    let stem = stem[..end].trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}{extension}")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn ordinary_names_are_kept() {
        assert_eq!(sanitise_file_name("capture.png"), "capture.png");
        assert_eq!(sanitise_file_name("صورة الشاشة.jpg"), "صورة الشاشة.jpg");
        assert_eq!(sanitise_file_name("page.warc.gz"), "page.warc.gz");
    }

    #[test]
    fn paths_and_tricks_are_neutralised() {
        assert_eq!(sanitise_file_name("../../etc/passwd"), "_._etc_passwd");
        assert_eq!(sanitise_file_name(".."), "file");
        assert_eq!(sanitise_file_name(".hidden"), "hidden");
        assert_eq!(sanitise_file_name("C:\\Users\\a.txt"), "C__Users_a.txt");
        assert_eq!(sanitise_file_name("a\u{0}b\nc\u{202e}gpj.exe"), "abcgpj.exe");
        assert_eq!(sanitise_file_name(""), "file");
        assert_eq!(sanitise_file_name(" . "), "file");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let name = format!("{}.mp4", "é".repeat(80));
        let short = sanitise_file_name(&name);
        assert!(short.len() <= MAX_FILE_NAME && short.ends_with("é.mp4"), "{short}");
    }

    proptest! {
        #[test]
        fn any_name_becomes_one_safe_component(name in any::<String>()) {
            let safe = sanitise_file_name(&name);
            prop_assert!(!safe.is_empty() && safe.len() <= MAX_FILE_NAME);
            prop_assert!(!safe.contains('/') && !safe.contains('\\') && !safe.contains(".."));
            prop_assert!(!safe.starts_with('.') && !safe.chars().any(char::is_control));
            prop_assert_eq!(sanitise_file_name(&safe), safe.clone());
        }
    }
}
