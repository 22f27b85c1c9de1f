//! Lists the shipped knowledge library (`knowledge/guides/<slug>/<lang>.md` and
//! `knowledge/diagnosis/<topic>.toml`) into `$OUT_DIR/knowledge_files.rs`, so that a guide
//! or a question tree added to the folders is compiled into the binary without editing
//! a list by hand. Which files must exist is a test's business
//! (`knowledge::tests`), not the build's.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut guides = Vec::new();
    let mut trees = Vec::new();
    for dir in sorted(&root.join("guides")) {
        println!("cargo:rerun-if-changed={}", dir.display());
        if !dir.is_dir() {
            continue;
        }
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in sorted(&dir) {
            if file.extension().is_some_and(|e| e == "md") {
                let lang = file.file_stem().unwrap().to_string_lossy().into_owned();
                guides.push((slug.clone(), lang, file));
            }
        }
    }
    for file in sorted(&root.join("diagnosis")) {
        if file.extension().is_some_and(|e| e == "toml") {
            trees.push((file.file_stem().unwrap().to_string_lossy().into_owned(), file));
        }
    }
    let mut out = String::from("/// (slug, language code, Markdown) of every shipped guide.\n");
    out.push_str("pub(crate) static SHIPPED_GUIDES: &[(&str, &str, &str)] = &[\n");
    for (slug, lang, file) in &guides {
        writeln!(out, "    ({slug:?}, {lang:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    out.push_str("];\n/// (file stem, TOML) of every shipped question tree.\n");
    out.push_str("pub(crate) static SHIPPED_TREES: &[(&str, &str)] = &[\n");
    for (stem, file) in &trees {
        writeln!(out, "    ({stem:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("knowledge_files.rs");
    std::fs::write(dest, out).unwrap();
}

fn sorted(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}
