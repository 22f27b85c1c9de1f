//! Renders a French, Arabic and English document and reads it back with poppler
//! (`pdftotext`, `pdftoppm`), an independent reader: the Arabic must come back in
//! logical order, the URL and the hash whole.
//!
//! Without poppler-utils the tests are skipped with a message, except under CI=true
//! where they fail (`.ci/run` installs poppler-utils).

use std::path::Path;
use std::process::Command;

use vigie_pdf::{Block, Direction, Document, HeadingLevel, PdfError, Table, Timestamp};

const URL: &str = "https://vigie.example/cases/42?lang=ar";
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn sample() -> Document {
    let mut doc = Document::new("تقرير الحالة — Rapport de cas", "ar", Direction::Rtl);
    doc.metadata.author = Some("Vigie".into());
    doc.metadata.created = Some(Timestamp { year: 2026, month: 3, day: 14, hour: 9, minute: 30, second: 0 });
    doc.push(Block::heading(HeadingLevel::H1, "ملخص الحالة"))
        .push(Block::paragraph(format!(
            "نشرت منظمة Amnesty International تقريرا على الرابط {URL} وبصمته {HASH} محفوظة في الأرشيف."
        )))
        .push(Block::key_values([("الحالة", "قيد المعالجة"), ("المرجع", "VIG-2026-0042")]))
        .push(Block::heading(HeadingLevel::H2, "Résumé en français"))
        .push(Block::paragraph(
            "Le site a été bloqué par les fournisseurs d’accès depuis le 12 mars ; « مرصد » a documenté la coupure.",
        ))
        .push(Block::Table(Table {
            widths: vec![1.0, 2.0, 1.0],
            header: vec!["التاريخ".into(), "الحدث".into(), "المصدر".into()],
            rows: vec![
                vec!["2026-03-12".into(), "حجب الموقع على جميع الشبكات".into(), "OONI".into()],
                vec!["2026-03-13".into(), "Rétablissement partiel de l’accès mobile".into(), "STOP".into()],
            ],
            direction: None,
        }))
        .push(Block::mono(HASH))
        .push(Block::PageBreak)
        .push(Block::heading(HeadingLevel::H2, "English summary"))
        .push(Block::paragraph("The evidence package is sealed; its SHA-256 is printed above."));
    doc
}

/// Whether `tool` can run; panics under CI=true when it cannot.
fn have(tool: &str) -> bool {
    if Command::new(tool).arg("-v").output().is_ok() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{tool} is missing: CI must install poppler-utils");
    }
    eprintln!("skipped: {tool} is not installed (apt-get install poppler-utils)");
    false
}

fn write_sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("sample.pdf");
    std::fs::write(&path, vigie_pdf::render(&sample()).unwrap()).unwrap();
    path
}

fn pdftotext(pdf: &Path, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn arabic_text_comes_back_in_logical_order() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = squeeze(&pdftotext(&write_sample(dir.path()), false));
    for phrase in ["ملخص الحالة", "نشرت منظمة", "تقريرا على الرابط", "محفوظة في الأرشيف", "قيد المعالجة"]
    {
        assert!(text.contains(phrase), "{phrase:?} not in logical order in:\n{text}");
    }
    assert!(text.contains("حجب الموقع على جميع الشبكات"), "table cell: {text}");
    assert!(text.contains("Amnesty International"), "Latin name: {text}");
    assert!(text.contains("Rétablissement partiel"), "French cell: {text}");
    assert!(text.contains("English summary"), "{text}");
}

#[test]
fn url_and_hash_in_an_arabic_paragraph_stay_whole() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_sample(dir.path());
    for layout in [false, true] {
        let text = pdftotext(&pdf, layout);
        assert!(text.contains(URL), "URL broken (layout {layout}):\n{text}");
        assert!(text.contains(HASH), "hash broken (layout {layout}):\n{text}");
    }
}

#[test]
fn pages_are_numbered_n_of_total() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // pdftotext drops the narrow spaces around the slash.
    let text = pdftotext(&write_sample(dir.path()), false).replace(' ', "");
    assert!(text.contains("\n1/2\n") && text.contains("\n2/2\n"), "{text}");
}

#[test]
fn the_first_page_rasterises_to_a_png() {
    if !have("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_sample(dir.path());
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read(prefix.with_extension("png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000);
    if let Ok(keep) = std::env::var("VIGIE_PDF_KEEP") {
        std::fs::copy(&pdf, Path::new(&keep).with_extension("pdf")).unwrap();
        std::fs::write(Path::new(&keep).with_extension("png"), png).unwrap();
    }
}

#[test]
fn metadata_carries_title_language_and_date() {
    let pdf = vigie_pdf::render(&sample()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Lang(ar)"), "no /Lang");
    assert!(raw.contains("D:20260314093000"), "no creation date");
    assert_eq!(pdf, vigie_pdf::render(&sample()).unwrap(), "rendering is deterministic");
}

#[test]
fn pdfinfo_reads_the_arabic_title_and_the_author() {
    if !have("pdfinfo") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("pdfinfo").arg(write_sample(dir.path())).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    assert!(info.contains("تقرير الحالة — Rapport de cas"), "{info}");
    assert!(info.contains("Author:          Vigie"), "{info}");
}

#[test]
fn a_row_with_the_wrong_number_of_cells_is_refused() {
    let mut doc = Document::new("t", "fr", Direction::Ltr);
    doc.push(Block::Table(Table {
        widths: vec![1.0, 1.0],
        header: vec!["a".into(), "b".into()],
        rows: vec![vec!["only one".into()]],
        direction: None,
    }));
    assert!(matches!(vigie_pdf::render(&doc), Err(PdfError::RowLength { row: 1, expected: 2, found: 1 })));
    doc.blocks =
        vec![Block::Table(Table { widths: vec![0.0], header: vec!["a".into()], rows: vec![], direction: None })];
    assert!(matches!(vigie_pdf::render(&doc), Err(PdfError::ColumnWidths)));
}
