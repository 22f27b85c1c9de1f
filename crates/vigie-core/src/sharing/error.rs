//! What can be wrong in a share or an import, said precisely enough to find it in the file:
//! the place (which attribute of which object) and the field.

use std::fmt;

use serde_json::Value;
use thiserror::Error;

use super::Tlp;

/// Where in an imported document a problem is. Indexes count from 0, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The MISP event itself.
    Event,
    /// `Event.Attribute[n]`.
    Attribute(usize),
    /// `Event.Object[n]`.
    Object(usize),
    /// `Event.Object[object].Attribute[attribute]`.
    ObjectAttribute { object: usize, attribute: usize },
    /// The STIX bundle itself.
    Bundle,
    /// `objects[n]` of a STIX bundle.
    StixObject(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Event => f.write_str("the event"),
            Place::Attribute(i) => write!(f, "attribute {i}"),
            Place::Object(i) => write!(f, "object {i}"),
            Place::ObjectAttribute { object, attribute } => write!(f, "attribute {attribute} of object {object}"),
            Place::Bundle => f.write_str("the bundle"),
            Place::StixObject(i) => write!(f, "STIX object {i}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SharingError {
    /// Not JSON at all (serde_json's message gives the line and column).
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a MISP event: {0}")]
    NotMispEvent(&'static str),
    #[error("not a STIX 2.1 bundle: {0}")]
    NotBundle(String),
    /// A field that is there but unusable, or missing where it is required.
    #[error("{place}: `{field}` {problem}")]
    Field { place: Place, field: &'static str, problem: String },
    #[error("not a TLP level: {0:?}")]
    UnknownTlp(String),
    #[error("{0} information is not shared: only TLP:CLEAR and TLP:GREEN are")]
    NotShareable(Tlp),
    #[error("not a UUID (8-4-4-4-12 hexadecimal digits): {0:?}")]
    InvalidUuid(String),
    #[error("not a DISARM technique id (T0049, T0049.005): {0:?}")]
    InvalidTechnique(String),
}

impl SharingError {
    pub(crate) fn field(place: Place, field: &'static str, problem: impl Into<String>) -> Self {
        Self::Field { place, field, problem: problem.into() }
    }
}

/// How a JSON value is named in an error.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
