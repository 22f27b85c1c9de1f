use std::path::{Path, PathBuf};

use vigie_core::watch::probe_envelope::EnvelopeError;

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("invalid probe configuration: {0}")]
    Config(String),
    #[error("queue {path}: {reason}")]
    Queue { path: PathBuf, reason: String },
    #[error("key file {path}: {reason}")]
    Key { path: PathBuf, reason: String },
    #[error("cannot reach the server at {url}: {source}")]
    Unreachable {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("the server at {url} answered {status}: {body}")]
    Server { url: String, status: u16, body: String },
    #[error("the server's answer from {url} is not understood: {reason}")]
    BadAnswer { url: String, reason: String },
    #[error("the server sent invalid targets: {0}")]
    Targets(String),
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
}

impl ProbeError {
    pub(crate) fn queue(path: &Path, e: std::io::Error) -> Self {
        Self::Queue { path: path.to_owned(), reason: e.to_string() }
    }
}
