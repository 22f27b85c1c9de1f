//! Rapid response: a critical case that nobody acknowledged pages the person on call
//! once its first paging deadline passes, then the organization's coordinators at the
//! second. A case is acknowledged when someone answers a page, takes the case
//! (assigns it) or moves it past `new`; then nobody else is paged for it.

use crate::triage::Severity;
use crate::workflow::Status;
use crate::{Timestamp, UserId};

/// Who a page goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageStep {
    /// The person on call (the coordinators when nobody is).
    OnCall,
    /// Every coordinator of the organization (its admins when it has none).
    Coordinators,
}

impl PageStep {
    pub const ALL: [PageStep; 2] = [PageStep::OnCall, PageStep::Coordinators];

    pub fn code(self) -> &'static str {
        match self {
            PageStep::OnCall => "on_call",
            PageStep::Coordinators => "coordinators",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }
}

/// When each step pages, counted from the case's opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingPolicy {
    pub on_call_after_secs: i64,
    pub coordinators_after_secs: i64,
    /// Cases older than this are not paged for any more (a rota that was empty for a
    /// week does not page about last week's cases when it fills).
    pub horizon_secs: i64,
}

impl Default for PagingPolicy {
    /// On call after 10 minutes, coordinators after 30, for two days.
    fn default() -> Self {
        Self { on_call_after_secs: 600, coordinators_after_secs: 1800, horizon_secs: 2 * 86_400 }
    }
}

impl PagingPolicy {
    /// Reads `on_call=10m,coordinators=30m` (units `s`, `m`, `h`); steps left out keep
    /// their default.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut policy = Self::default();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = item.split_once('=').ok_or_else(|| format!("{item:?}: expected step=duration"))?;
            let secs = crate::time::short_duration_secs(value)
                .ok_or_else(|| format!("{item:?}: expected a duration like 10m"))?;
            match PageStep::parse(name.trim()) {
                Some(PageStep::OnCall) => policy.on_call_after_secs = secs,
                Some(PageStep::Coordinators) => policy.coordinators_after_secs = secs,
                None => return Err(format!("unknown paging step {:?} (on_call, coordinators)", name.trim())),
            }
        }
        if policy.coordinators_after_secs < policy.on_call_after_secs {
            return Err("the coordinators cannot be paged before the person on call".into());
        }
        Ok(policy)
    }

    fn after(&self, step: PageStep) -> i64 {
        match step {
            PageStep::OnCall => self.on_call_after_secs,
            PageStep::Coordinators => self.coordinators_after_secs,
        }
    }

    /// The steps due for a case at `now` that have not paged yet, in order.
    pub fn due(&self, case: &PagingCase, now: Timestamp, done: &[PageStep]) -> Vec<PageStep> {
        if !case.needs_paging() || now.0 - case.opened_at.0 > self.horizon_secs {
            return Vec::new();
        }
        PageStep::ALL.into_iter().filter(|s| !done.contains(s) && now.0 >= case.opened_at.0 + self.after(*s)).collect()
    }
}

/// What paging reads of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingCase {
    pub severity: Severity,
    pub status: Status,
    pub opened_at: Timestamp,
    pub assignee: Option<UserId>,
    /// Someone answered one of its pages.
    pub acknowledged: bool,
}

impl PagingCase {
    /// Critical, still `new`, unassigned and unanswered.
    pub fn needs_paging(&self) -> bool {
        self.severity == Severity::Critical
            && self.status == Status::New
            && self.assignee.is_none()
            && !self.acknowledged
    }
}

/// The purpose string a page's acknowledgement link is MACed under.
pub const ACK_PURPOSE: &str = "page-ack";

/// The secret of a page's acknowledgement link: it names the page and the person paged,
/// so a link forwarded or guessed for another page does nothing.
pub fn ack_token(key: &[u8; 32], page: i64, user: UserId) -> String {
    link_token(key, &format!("vigie/page-ack/v1|{page}|{user}"))
}

/// The secret of a link an alert carries: 192 bits of HMAC-SHA-256 of what it names
/// (its purpose first), base64url.
pub(crate) fn link_token(key: &[u8; 32], names: &str) -> String {
    use base64::Engine as _;
    let mac = vigie_crypto::token::hmac_sha256(key, names.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&mac[..24])
}

/// Whether `token` is the acknowledgement link's secret for this page and person
/// (compared in constant time).
pub fn ack_token_valid(key: &[u8; 32], page: i64, user: UserId, token: &str) -> bool {
    vigie_crypto::token::constant_time_eq(ack_token(key, page, user).as_bytes(), token.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> PagingCase {
        PagingCase {
            severity: Severity::Critical,
            status: Status::New,
            opened_at: Timestamp(1000),
            assignee: None,
            acknowledged: false,
        }
    }

    #[test]
    fn steps_come_due_in_order_and_once() {
        let p = PagingPolicy::default();
        assert!(p.due(&case(), Timestamp(1000 + 599), &[]).is_empty());
        assert_eq!(p.due(&case(), Timestamp(1000 + 600), &[]), [PageStep::OnCall]);
        assert_eq!(p.due(&case(), Timestamp(1000 + 1800), &[]), [PageStep::OnCall, PageStep::Coordinators]);
        assert_eq!(p.due(&case(), Timestamp(1000 + 1800), &[PageStep::OnCall]), [PageStep::Coordinators]);
        assert!(p.due(&case(), Timestamp(1000 + 3 * 86_400), &[]).is_empty());
    }

    #[test]
    fn an_acknowledged_taken_or_triaged_case_pages_nobody() {
        let p = PagingPolicy::default();
        let later = Timestamp(1000 + 3600);
        for c in [
            PagingCase { acknowledged: true, ..case() },
            PagingCase { assignee: Some(UserId(3)), ..case() },
            PagingCase { status: Status::Triaged, ..case() },
            PagingCase { severity: Severity::High, ..case() },
        ] {
            assert!(p.due(&c, later, &[]).is_empty(), "{c:?}");
        }
    }

    #[test]
    fn policies_parse_and_refuse_nonsense() {
        let p = PagingPolicy::parse("on_call=0m, coordinators=2h").unwrap();
        assert_eq!((p.on_call_after_secs, p.coordinators_after_secs), (0, 7200));
        assert!(PagingPolicy::parse("on_call=1h,coordinators=5m").is_err());
        assert!(PagingPolicy::parse("boss=1m").is_err());
        assert!(PagingPolicy::parse("on_call=soon").is_err());
    }

    #[test]
    fn ack_links_name_their_page_and_person() {
        let key = [7u8; 32];
        let t = ack_token(&key, 12, UserId(3));
        assert!(ack_token_valid(&key, 12, UserId(3), &t));
        assert!(!ack_token_valid(&key, 13, UserId(3), &t));
        assert!(!ack_token_valid(&key, 12, UserId(4), &t));
        assert!(!ack_token_valid(&[8u8; 32], 12, UserId(3), &t));
    }
}
