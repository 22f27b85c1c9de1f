//! Times the rendering of a 500-row Arabic table and writes it out:
//! `cargo run --release -p vigie-pdf --example arabic_table -- /tmp/table.pdf`

use std::time::Instant;

use vigie_pdf::{Block, Direction, Document, Table};

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "arabic_table.pdf".to_owned());
    let mut doc = Document::new("سجل الملاحظات", "ar", Direction::Rtl);
    let rows = (1..=500)
        .map(|i| {
            vec![
                format!("{i}"),
                format!("حجب موقع إخباري محلي على شبكة الهاتف المحمول رقم {i} في العاصمة"),
                "https://vigie.example/observations".to_owned(),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        widths: vec![0.5, 3.0, 2.0],
        header: vec!["الرقم".into(), "الملاحظة".into(), "المصدر".into()],
        rows,
        direction: None,
    }));
    let start = Instant::now();
    let pdf = vigie_pdf::render(&doc).expect("the document is valid");
    let elapsed = start.elapsed();
    std::fs::write(&out, &pdf).expect("the output file is writable");
    println!("500 Arabic rows: {} bytes in {elapsed:.2?}, written to {out}", pdf.len());
}
