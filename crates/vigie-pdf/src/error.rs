//! The one error type of the crate.

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A table has no columns, or a column width that is not a positive number.
    #[error("table column widths must be positive numbers, at least one")]
    ColumnWidths,
    /// A row (0 for the header, then 1, 2…) has a different number of cells than the
    /// table has columns.
    #[error("table row {row} has {found} cells, the table has {expected} columns")]
    RowLength {
        /// 0 for the header, n for the n-th body row.
        row: usize,
        /// The number of columns.
        expected: usize,
        /// The number of cells in the row.
        found: usize,
    },
    /// The creation date is not a real date and time.
    #[error("invalid creation date")]
    InvalidDate,
    /// An embedded font could not be parsed (a broken build).
    #[error("embedded font {0} cannot be parsed")]
    Font(&'static str),
    /// krilla refused to write the PDF.
    #[error("writing the PDF failed: {0}")]
    Write(String),
}
