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

/// Marks a message body that carries its exact time before the text (the time in clear
/// is rounded for the reporter's messages). Bodies written before have no mark.
const TIMED: &[u8] = b"\0vigie-msg-v2\0";

/// The plaintext of a message: the mark, the exact time (8 bytes, big-endian), the text.
fn timed_body(at: Timestamp, text: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(TIMED.len() + 8 + text.len());
    body.extend_from_slice(TIMED);
    body.extend_from_slice(&at.0.to_be_bytes());
    body.extend_from_slice(text.as_bytes());
    body
}

/// The exact time (when the body carries it) and the text of a message's plaintext.
fn split_body(plain: &[u8]) -> (Option<Timestamp>, &[u8]) {
    match plain.strip_prefix(TIMED) {
        Some(rest) if rest.len() >= 8 => {
            let (at, text) = rest.split_at(8);
            let at: [u8; 8] = at.try_into().unwrap_or_default();
            (Some(Timestamp(i64::from_be_bytes(at))), text)
        }
        _ => (None, plain),
    }
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
        // Padded (the text is trimmed, so the filler comes off exactly), with its exact
        // time inside: the reporter's messages are dated in clear to the slot only.
        let exact = self.clock.now();
        let padded = vigie_crypto::padding::pad(&timed_body(exact, text));
        let body = symmetric::encrypt(key, &padded, &aad(case, from_reporter))?;
        let at = if from_reporter { self.reporter_time() } else { exact };
        self.store.insert_message(case.id, from_reporter, author, &body, at).await?;
        Ok(())
    }

    pub(super) async fn thread(&self, case: &CaseRecord, key: &[u8; 32]) -> Result<Vec<ThreadMessage>, DomainError> {
        let mut out = Vec::new();
        for m in self.store.messages(case.id).await? {
            let plain = symmetric::decrypt(key, &m.body, &aad(case, m.from_reporter))?;
            let (exact, text) = split_body(vigie_crypto::padding::unpad(&plain));
            out.push(ThreadMessage {
                from_reporter: m.from_reporter,
                author: m.author_id,
                text: String::from_utf8_lossy(text).into_owned(),
                at: exact.unwrap_or(m.created_at),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_body_gives_back_its_time_and_text() {
        let body = timed_body(Timestamp(1_760_000_123), "Bonjour, مرحبا");
        assert_eq!(split_body(&body), (Some(Timestamp(1_760_000_123)), "Bonjour, مرحبا".as_bytes()));
    }

    #[test]
    fn a_body_from_before_the_mark_is_all_text() {
        assert_eq!(split_body(b"plain old message"), (None, &b"plain old message"[..]));
    }

    #[test]
    fn rounding_keeps_the_slot_start() {
        assert_eq!(Timestamp(1_760_000_123).rounded_down(600), Timestamp(1_759_999_800));
        assert_eq!(Timestamp(-1).rounded_down(600), Timestamp(-600));
        assert_eq!(Timestamp(42).rounded_down(0), Timestamp(42));
    }
}
