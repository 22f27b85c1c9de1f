#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod error;
mod fonts;
mod layout;
mod model;
mod render;
mod text;

pub use error::PdfError;
pub use model::{Block, Direction, Document, HeadingLevel, Metadata, Table, Timestamp};
pub use render::render;
