//! The message thread between the reporter and the responders, encrypted under the
//! case's thread key, each message bound to its case and side.

use vigie_crypto::symmetric;

use super::Cases;
use crate::store::CaseRecord;
use crate::{DomainError, Timestamp, UserId};

/// Longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadMessage {
    pub from_reporter: bool,
    pub author: Option<UserId>,
    pub text: String,
    pub at: Timestamp,
}

fn aad(case: &CaseRecord, from_reporter: bool) -> Vec<u8> {
    format!("vigie/message/v1|case={}|reporter={from_reporter}", case.id).into_bytes()
}

impl Cases {
    pub(super) async fn append(
        &self,
        case: &CaseRecord,
        key: &[u8; 32],
        from_reporter: bool,
        author: Option<UserId>,
        text: &str,
    ) -> Result<(), DomainError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::invalid("message", crate::Problem::Empty));
        }
        if text.chars().count() > MAX_MESSAGE_CHARS {
            return Err(DomainError::invalid("message", crate::Problem::TooLong));
        }
        // Padded (the text is trimmed, so the filler comes off exactly).
        let padded = vigie_crypto::padding::pad(text.as_bytes());
        let body = symmetric::encrypt(key, &padded, &aad(case, from_reporter))?;
        self.store.insert_message(case.id, from_reporter, author, &body, self.clock.now()).await?;
        Ok(())
    }

    pub(super) async fn thread(&self, case: &CaseRecord, key: &[u8; 32]) -> Result<Vec<ThreadMessage>, DomainError> {
        let mut out = Vec::new();
        for m in self.store.messages(case.id).await? {
            let text = symmetric::decrypt(key, &m.body, &aad(case, m.from_reporter))?;
            out.push(ThreadMessage {
                from_reporter: m.from_reporter,
                author: m.author_id,
                text: String::from_utf8_lossy(vigie_crypto::padding::unpad(&text)).into_owned(),
                at: m.created_at,
            });
        }
        Ok(out)
    }
}
