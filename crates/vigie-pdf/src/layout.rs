//! Blocks to positioned items on A4 pages.
//!
//! Layout is finished before anything is written, so the footer can say "n / N".
//! Coordinates are PDF points from the page's top-left corner, y downwards (krilla's).

use crate::fonts::{Fonts, Style};
use crate::model::{Block, Direction, Document, HeadingLevel, Table};
use crate::text::{GlyphRun, Line, baseline, lay_out, line_height};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 2 cm on every side; the footer sits in the bottom margin.
const MARGIN: f32 = 56.69;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;

const BODY: f32 = 10.5;
const MONO: f32 = 9.0;
const CELL_PADDING: f32 = 4.0;
const BLOCK_GAP: f32 = 6.0;

/// Something to draw.
pub(crate) enum Item {
    /// A glyph run whose left end is at `x` on the baseline `y`.
    Glyphs { x: f32, y: f32, run: GlyphRun },
    /// A rectangle, filled and/or stroked with a grey (0 black, 255 white).
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<u8>, stroke: Option<u8> },
}

/// What one page shows.
#[derive(Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// Lays the whole document out; there is always at least one page.
pub(crate) fn lay_out_document(fonts: &Fonts, doc: &Document) -> Vec<Page> {
    let mut flow = Flow { fonts, pages: vec![Page::default()], y: MARGIN };
    let dir = resolve(None, &doc.title, doc.direction);
    flow.text_block(&doc.title, Style::bold(20.0), dir);
    flow.y += 2.0 * BLOCK_GAP;
    for block in &doc.blocks {
        flow.block(block, doc.direction);
    }
    flow.pages
}

/// The footer of page `index` (0-based) out of `count`.
pub(crate) fn footer(fonts: &Fonts, index: usize, count: usize) -> Vec<Item> {
    let style = Style::regular(9.0);
    let lines = lay_out(fonts, &format!("{} / {count}", index + 1), style, Direction::Ltr, CONTENT_WIDTH);
    let y = PAGE_HEIGHT - MARGIN / 2.0;
    lines
        .into_iter()
        .take(1)
        .flat_map(|line| {
            let left = (PAGE_WIDTH - line.width) / 2.0;
            line.runs.into_iter().map(move |run| Item::Glyphs { x: left + run.x, y, run })
        })
        .collect()
}

/// A block's direction: the one given, else its text's, else the document's.
fn resolve(given: Option<Direction>, text: &str, fallback: Direction) -> Direction {
    given.or_else(|| Direction::detect(text)).unwrap_or(fallback)
}

struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("the flow always has a page")
    }

    fn at_top(&self) -> bool {
        self.y <= MARGIN
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits (or the page is empty anyway).
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn block(&mut self, block: &Block, doc_dir: Direction) {
        match block {
            Block::Heading { level, text, direction } => {
                let size = match level {
                    HeadingLevel::H1 => 16.0,
                    HeadingLevel::H2 => 13.5,
                    HeadingLevel::H3 => 11.5,
                };
                if !self.at_top() {
                    self.y += size * 0.6;
                }
                // Keep the heading with the first two lines of what follows.
                self.ensure(line_height(Style::bold(size)) + 2.0 * line_height(Style::regular(BODY)));
                self.text_block(text, Style::bold(size), resolve(*direction, text, doc_dir));
            }
            Block::Paragraph { text, direction } => {
                self.text_block(text, Style::regular(BODY), resolve(*direction, text, doc_dir));
            }
            Block::Mono { text, direction } => {
                let style = Style::mono(MONO);
                let dir = resolve(*direction, text, doc_dir);
                let lines = lay_out(self.fonts, text, style, dir, CONTENT_WIDTH - 2.0 * CELL_PADDING);
                for line in lines {
                    let h = line_height(style);
                    self.ensure(h);
                    let (x, y) = (MARGIN, self.y);
                    self.page().items.push(Item::Rect { x, y, w: CONTENT_WIDTH, h, fill: Some(242), stroke: None });
                    let w = CONTENT_WIDTH - 2.0 * CELL_PADDING;
                    place_line(self.page(), line, x + CELL_PADDING, w, y + baseline(style), dir);
                    self.y += h;
                }
            }
            Block::KeyValues { items, direction } => {
                let first = items.first().map_or("", |(k, _)| k.as_str());
                let dir = resolve(*direction, first, doc_dir);
                let table = [0.32, 0.68];
                for (key, value) in items {
                    let cells = [(key.as_str(), Style::bold(BODY)), (value.as_str(), Style::regular(BODY))];
                    self.row(&table, &cells, dir, doc_dir, None);
                }
            }
            Block::Table(table) => self.table(table, doc_dir),
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
                return;
            }
        }
        self.y += BLOCK_GAP;
    }

    /// Wrapped text across the content width, breaking pages between lines.
    fn text_block(&mut self, text: &str, style: Style, dir: Direction) {
        let h = line_height(style);
        for line in lay_out(self.fonts, text, style, dir, CONTENT_WIDTH) {
            self.ensure(h);
            let y = self.y + baseline(style);
            place_line(self.page(), line, MARGIN, CONTENT_WIDTH, y, dir);
            self.y += h;
        }
    }

    fn table(&mut self, table: &Table, doc_dir: Direction) {
        let dir = resolve(table.direction, &table.header.join(" "), doc_dir);
        let total: f32 = table.widths.iter().sum();
        let fractions: Vec<f32> = table.widths.iter().map(|w| w / total).collect();
        let header: Vec<(&str, Style)> = table.header.iter().map(|h| (h.as_str(), Style::bold(BODY))).collect();
        self.row(&fractions, &header, dir, doc_dir, Some(225));
        for cells in &table.rows {
            let cells: Vec<(&str, Style)> = cells.iter().map(|c| (c.as_str(), Style::regular(BODY))).collect();
            let lines = self.lay_out_row(&fractions, &cells, doc_dir);
            let height = row_height(&lines);
            if self.y + height > BOTTOM && !self.at_top() {
                // The table goes on over a page break: repeat its header.
                self.new_page();
                self.row(&fractions, &header, dir, doc_dir, Some(225));
            }
            self.draw_row(&fractions, lines, height, dir, Some(None));
        }
    }

    /// One row of cells (`fractions` of the content width), kept on one page; with a
    /// background grey it is a bordered table row, else a borderless key–value row.
    fn row(
        &mut self,
        fractions: &[f32],
        cells: &[(&str, Style)],
        dir: Direction,
        doc_dir: Direction,
        fill: Option<u8>,
    ) {
        let lines = self.lay_out_row(fractions, cells, doc_dir);
        let height = row_height(&lines);
        self.ensure(height);
        let border = fill.map(Some);
        self.draw_row(fractions, lines, height, dir, border);
    }

    fn lay_out_row(&self, fractions: &[f32], cells: &[(&str, Style)], doc_dir: Direction) -> Vec<CellLines> {
        fractions
            .iter()
            .zip(cells)
            .map(|(fraction, (text, style))| {
                let dir = resolve(None, text, doc_dir);
                let width = fraction * CONTENT_WIDTH - 2.0 * CELL_PADDING;
                CellLines { lines: lay_out(self.fonts, text, *style, dir, width), style: *style }
            })
            .collect()
    }

    /// Draws a laid-out row at the current position. `border`: `None` for no border,
    /// `Some(fill)` for a bordered cell with an optional background.
    fn draw_row(
        &mut self,
        fractions: &[f32],
        cells: Vec<CellLines>,
        height: f32,
        dir: Direction,
        border: Option<Option<u8>>,
    ) {
        let top = self.y;
        let mut offset = 0.0;
        for (fraction, cell) in fractions.iter().zip(cells) {
            let w = fraction * CONTENT_WIDTH;
            // Columns run from the right in a right-to-left table.
            let x = if dir.is_rtl() { MARGIN + CONTENT_WIDTH - offset - w } else { MARGIN + offset };
            offset += w;
            if let Some(fill) = border {
                self.page().items.push(Item::Rect { x, y: top, w, h: height, fill, stroke: Some(150) });
            }
            let mut y = top + CELL_PADDING;
            let h = line_height(cell.style);
            for line in cell.lines {
                place_line(self.page(), line, x + CELL_PADDING, w - 2.0 * CELL_PADDING, y + baseline(cell.style), dir);
                y += h;
            }
        }
        self.y = top + height;
    }
}

/// A cell's lines. Each cell is its own bidi paragraph (a French cell in an Arabic table
/// reads left to right) but is aligned like its row, so values sit next to their keys.
struct CellLines {
    lines: Vec<Line>,
    style: Style,
}

fn row_height(cells: &[CellLines]) -> f32 {
    let tallest = cells.iter().map(|c| c.lines.len() as f32 * line_height(c.style)).fold(0.0, f32::max);
    tallest + 2.0 * CELL_PADDING
}

/// Puts a line's runs on the page, right-aligned in a right-to-left box.
fn place_line(page: &mut Page, line: Line, left: f32, width: f32, y: f32, dir: Direction) {
    let start = if dir.is_rtl() { left + width - line.width } else { left };
    for run in line.runs {
        page.items.push(Item::Glyphs { x: start + run.x, y, run });
    }
}
