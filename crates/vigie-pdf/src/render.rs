//! Positioned items to PDF bytes with krilla.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use crate::error::PdfError;
use crate::fonts::Fonts;
use crate::layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, footer, lay_out_document};
use crate::model::{Document, Timestamp};

/// Renders `doc` to the bytes of a PDF file.
///
/// The same document gives the same bytes: no clock is read, the creation date is the
/// caller's. Only the glyphs used are embedded.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    let fonts = Fonts::load()?;
    let pages = lay_out_document(&fonts, doc);
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(metadata(doc)?);
    let count = pages.len();
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
    for (index, page) in pages.into_iter().enumerate() {
        let mut pdf_page = pdf.start_page_with(size.clone());
        let mut surface = pdf_page.surface();
        for item in page.items.into_iter().chain(footer(&fonts, index, count)) {
            draw(&mut surface, &fonts, item);
        }
        surface.finish();
        pdf_page.finish();
    }
    pdf.finish().map_err(|e| PdfError::Write(e.to_string()))
}

fn grey(level: u8) -> luma::Color {
    luma::Color::new(level)
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, item: Item) {
    match item {
        Item::Glyphs { x, y, run } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill::default()));
            let font = fonts.pdf_font(run.font).clone();
            surface.draw_glyphs(Point::from_xy(x, y), &run.glyphs, font, &run.text, run.size, false);
        }
        Item::Rect { x, y, w, h, fill, stroke } => {
            let Some(rect) = Rect::from_xywh(x, y, w, h) else { return };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else { return };
            surface.set_fill(fill.map(|g| Fill { paint: grey(g).into(), ..Fill::default() }));
            surface.set_stroke(stroke.map(|g| Stroke { paint: grey(g).into(), width: 0.5, ..Stroke::default() }));
            surface.draw_path(&path);
        }
    }
}

fn validate(doc: &Document) -> Result<(), PdfError> {
    for block in &doc.blocks {
        let crate::model::Block::Table(table) = block else { continue };
        let columns = table.widths.len();
        if columns == 0 || table.widths.iter().any(|w| !w.is_finite() || *w <= 0.0) {
            return Err(PdfError::ColumnWidths);
        }
        let rows = std::iter::once(&table.header).chain(&table.rows);
        if let Some((row, cells)) = rows.enumerate().find(|(_, cells)| cells.len() != columns) {
            return Err(PdfError::RowLength { row, expected: columns, found: cells.len() });
        }
    }
    Ok(())
}

fn metadata(doc: &Document) -> Result<Metadata, PdfError> {
    let meta = &doc.metadata;
    let direction = if doc.direction.is_rtl() {
        krilla::metadata::TextDirection::RightToLeft
    } else {
        krilla::metadata::TextDirection::LeftToRight
    };
    let mut out = Metadata::new()
        .title(meta.title.clone())
        .language(meta.language.clone())
        .creator("Vigie".to_owned())
        .text_direction(direction);
    if let Some(author) = &meta.author {
        out = out.authors(vec![author.clone()]);
    }
    if let Some(created) = meta.created {
        out = out.creation_date(date(created)?);
    }
    Ok(out)
}

fn date(t: Timestamp) -> Result<DateTime, PdfError> {
    let days = match t.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if t.year.is_multiple_of(4) && (!t.year.is_multiple_of(100) || t.year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return Err(PdfError::InvalidDate),
    };
    if t.day == 0 || t.day > days || t.hour > 23 || t.minute > 59 || t.second > 59 {
        return Err(PdfError::InvalidDate);
    }
    Ok(DateTime::new(t.year)
        .month(t.month)
        .day(t.day)
        .hour(t.hour)
        .minute(t.minute)
        .second(t.second)
        .utc_offset_hour(0)
        .utc_offset_minute(0))
}
