//! What a file is, read from its first bytes rather than its name: a reporter's phone may
//! call a screenshot `IMG_2024.heic` or `document`, and an attacker may call a program
//! `photo.jpg`. Only kinds a help desk can open safely are accepted.

/// Kinds of files the reporting channel accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    Jpeg,
    Png,
    Gif,
    Webp,
    Heic,
    Pdf,
    Mp4,
    QuickTime,
    Webm,
    Ogg,
    Mp3,
    M4a,
    PlainText,
    /// A web archive (ISO 28500), as the capture tool writes them.
    Warc,
}

impl MediaType {
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Gif => "image/gif",
            MediaType::Webp => "image/webp",
            MediaType::Heic => "image/heic",
            MediaType::Pdf => "application/pdf",
            MediaType::Mp4 => "video/mp4",
            MediaType::QuickTime => "video/quicktime",
            MediaType::Webm => "video/webm",
            MediaType::Ogg => "audio/ogg",
            MediaType::Mp3 => "audio/mpeg",
            MediaType::M4a => "audio/mp4",
            MediaType::PlainText => "text/plain",
            MediaType::Warc => "application/warc",
        }
    }

    /// The kind of a file from its first bytes (at least 16 are needed for most kinds;
    /// 512 for text), or `None` for anything not accepted.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        let starts = |magic: &[u8]| head.starts_with(magic);
        if starts(b"\xFF\xD8\xFF") {
            return Some(MediaType::Jpeg);
        }
        if starts(b"\x89PNG\r\n\x1a\n") {
            return Some(MediaType::Png);
        }
        if starts(b"GIF87a") || starts(b"GIF89a") {
            return Some(MediaType::Gif);
        }
        if starts(b"%PDF-") {
            return Some(MediaType::Pdf);
        }
        if head.len() >= 12 && starts(b"RIFF") && &head[8..12] == b"WEBP" {
            return Some(MediaType::Webp);
        }
        if starts(b"\x1A\x45\xDF\xA3") {
            return Some(MediaType::Webm);
        }
        if starts(b"OggS") {
            return Some(MediaType::Ogg);
        }
        if starts(b"ID3") || (head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0 && head[1] & 0x06 != 0) {
            return Some(MediaType::Mp3);
        }
        if head.len() >= 12 && &head[4..8] == b"ftyp" {
            return match &head[8..12] {
                b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" => Some(MediaType::Heic),
                b"qt  " => Some(MediaType::QuickTime),
                b"M4A " | b"M4B " => Some(MediaType::M4a),
                _ => Some(MediaType::Mp4),
            };
        }
        if starts(b"WARC/1.") {
            return Some(MediaType::Warc);
        }
        Self::plain_text(head).then_some(MediaType::PlainText)
    }

    /// UTF-8 text without control characters other than tab and line breaks (a cut
    /// multi-byte character at the end of the sample is allowed).
    fn plain_text(head: &[u8]) -> bool {
        if head.is_empty() {
            return false;
        }
        let valid = match std::str::from_utf8(head) {
            Ok(s) => s,
            Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
            Err(_) => return false,
        };
        !valid.is_empty() && !valid.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_kinds_are_recognised_by_content() {
        assert_eq!(MediaType::sniff(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::sniff(b"\x89PNG\r\n\x1a\n\x00\x00"), Some(MediaType::Png));
        assert_eq!(MediaType::sniff(b"RIFF\x10\x00\x00\x00WEBPVP8 "), Some(MediaType::Webp));
        assert_eq!(MediaType::sniff(b"\x00\x00\x00\x18ftypmp42\x00\x00"), Some(MediaType::Mp4));
        assert_eq!(MediaType::sniff(b"\x00\x00\x00\x18ftypheic\x00\x00"), Some(MediaType::Heic));
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(MediaType::sniff("رسالة تهديد\nمن رقم مجهول".as_bytes()), Some(MediaType::PlainText));
    }

    #[test]
    fn programs_and_archives_are_refused_whatever_their_name() {
        assert_eq!(MediaType::sniff(b"MZ\x90\x00\x03\x00\x00\x00"), None, "Windows program");
        assert_eq!(MediaType::sniff(b"\x7FELF\x02\x01\x01\x00"), None, "Linux program");
        assert_eq!(MediaType::sniff(b"PK\x03\x04\x14\x00\x06\x00"), None, "zip, docx, apk");
        assert_eq!(MediaType::sniff(b"<script>alert(1)</script>\x00"), None, "a NUL byte is not text");
        assert_eq!(MediaType::sniff(b""), None);
    }

    proptest! {
        #[test]
        fn sniffing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = MediaType::sniff(&bytes);
        }
    }
}
