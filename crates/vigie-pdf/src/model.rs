//! The document model: plain data that callers build and [`crate::render`] lays out.
//!
//! Nothing here knows about fonts or pages, so services can build a document (a package
//! cover sheet, a report, a security plan) without touching the renderer, and tests can
//! compare documents as values.

/// The direction a block of text runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (French, English).
    Ltr,
    /// Right to left (Arabic): lines are right-aligned and runs ordered from the right.
    Rtl,
}

impl Direction {
    /// The direction of the text's first strong character (Unicode rule P2), if it has one.
    ///
    /// A block whose text has no letter at all (only digits, a hash) has none, and
    /// takes the document's direction.
    pub fn detect(text: &str) -> Option<Self> {
        match unicode_bidi::get_base_direction(text) {
            unicode_bidi::Direction::Ltr => Some(Self::Ltr),
            unicode_bidi::Direction::Rtl => Some(Self::Rtl),
            unicode_bidi::Direction::Mixed => None,
        }
    }

    /// Whether the direction is right to left.
    pub fn is_rtl(self) -> bool {
        self == Self::Rtl
    }
}

/// A creation date, given by the caller: the renderer reads no clock, so the same
/// document always renders to the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Full year, e.g. 2026.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// 0–23, UTC.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59.
    pub second: u8,
}

/// What goes into the PDF's information dictionary and XMP metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// The title viewers show in their window bar.
    pub title: String,
    /// The author, if the document names one (an organisation rather than a person
    /// when the document may travel).
    pub author: Option<String>,
    /// The main language as a BCP 47 tag (`fr`, `ar`, `en`); screen readers use it.
    pub language: String,
    /// When the document was made; no date is written if `None`.
    pub created: Option<Timestamp>,
}

/// A heading's rank; only three, as the documents are short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingLevel {
    /// A section.
    H1,
    /// A subsection.
    H2,
    /// A minor heading.
    H3,
}

/// A table: a header row and body rows, each cell a wrapped paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths: `[1.0, 2.0]` gives the second column twice the first.
    /// Every row, the header included, has exactly this many cells.
    pub widths: Vec<f32>,
    /// The header cells, repeated at the top of each page the table continues on.
    pub header: Vec<String>,
    /// The body rows.
    pub rows: Vec<Vec<String>>,
    /// Column order: in a right-to-left table the first column is on the right.
    /// `None`: detected from the header, else the document's direction.
    pub direction: Option<Direction>,
}

/// One element of the document, laid out from top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, in bold.
    Heading {
        /// Its rank.
        level: HeadingLevel,
        /// Its text.
        text: String,
        /// `None`: detected from the text.
        direction: Option<Direction>,
    },
    /// Running text, wrapped at spaces; `\n` starts a new line.
    Paragraph {
        /// Its text.
        text: String,
        /// `None`: detected from the text.
        direction: Option<Direction>,
    },
    /// Pairs shown as two columns, the key in bold.
    KeyValues {
        /// The pairs, in order.
        items: Vec<(String, String)>,
        /// `None`: detected from the first key.
        direction: Option<Direction>,
    },
    /// A table.
    Table(Table),
    /// A line of monospace text (a hash, a URL, a command): wrapped at spaces only, and
    /// inside a word only when the word alone is wider than the page.
    Mono {
        /// Its text.
        text: String,
        /// `None`: detected from the text.
        direction: Option<Direction>,
    },
    /// The next block starts on a new page.
    PageBreak,
}

impl Block {
    /// A heading whose direction is detected from its text.
    pub fn heading(level: HeadingLevel, text: impl Into<String>) -> Self {
        Self::Heading { level, text: text.into(), direction: None }
    }

    /// A paragraph whose direction is detected from its text.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self::Paragraph { text: text.into(), direction: None }
    }

    /// A key–value list whose direction is detected from its first key.
    pub fn key_values<K: Into<String>, V: Into<String>>(items: impl IntoIterator<Item = (K, V)>) -> Self {
        let items = items.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        Self::KeyValues { items, direction: None }
    }

    /// A monospace line whose direction is detected from its text.
    pub fn mono(text: impl Into<String>) -> Self {
        Self::Mono { text: text.into(), direction: None }
    }
}

/// A whole document: what [`crate::render`] turns into PDF bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title printed at the top of the first page.
    pub title: String,
    /// The PDF metadata.
    pub metadata: Metadata,
    /// The direction of blocks whose text has no strong character, and of the title
    /// if it has none either.
    pub direction: Direction,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty document; its metadata title is the printed title.
    pub fn new(title: impl Into<String>, language: impl Into<String>, direction: Direction) -> Self {
        let title = title.into();
        let metadata = Metadata { title: title.clone(), language: language.into(), ..Metadata::default() };
        Self { title, metadata, direction, blocks: Vec::new() }
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_the_first_strong_character() {
        assert_eq!(Direction::detect("2026 : تقرير about"), Some(Direction::Rtl));
        assert_eq!(Direction::detect("« Rapport » تقرير"), Some(Direction::Ltr));
        assert_eq!(Direction::detect("2026 — 42 !"), None);
    }
}
