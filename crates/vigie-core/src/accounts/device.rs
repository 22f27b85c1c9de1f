//! Device cookies (OWASP's "device cookie" pattern against lockout attacks).
//!
//! A successful login leaves in the browser a signed entry naming the account it was for.
//! While an account refuses unknown clients (too many wrong passwords from anywhere), an
//! attempt that carries a valid entry *for that account* is still checked, and throttled on
//! its own per device: an attacker who only knows the account's name can no longer keep
//! its owner out.
//!
//! One cookie holds the entries of the last few accounts that logged in from the browser
//! (a shared office computer): `entry~entry~…`, each `base64(payload).base64(mac)`, where
//! the payload is the issue time (8 bytes, big-endian seconds), a random 128-bit device
//! nonce and the account name, and the MAC is HMAC-SHA-256 under a key that never leaves
//! the server's data folder, truncated to 128 bits and compared in constant time.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use vigie_crypto::token::{constant_time_eq, hmac_sha256};

use crate::Timestamp;

/// How many accounts' entries one browser keeps.
pub const MAX_ENTRIES: usize = 4;

/// What a verified entry identifies: one browser's login to one account (the nonce,
/// encoded), used only as the key of its own throttle.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeviceId(String);

impl DeviceId {
    pub(crate) fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Issues and recognises device cookies.
#[derive(Clone)]
pub struct DeviceCookies {
    key: [u8; 32],
    /// An entry older than this is ignored (and dropped at the next login).
    pub max_age_secs: i64,
}

impl std::fmt::Debug for DeviceCookies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceCookies").field("max_age_secs", &self.max_age_secs).finish_non_exhaustive()
    }
}

const MAC_LEN: usize = 16;
const CONTEXT: &[u8] = b"vigie device cookie v1\0";

struct Entry {
    issued: Timestamp,
    nonce: [u8; 16],
    account: String,
}

impl DeviceCookies {
    /// Default lifetime: 180 days, so that a responder who logs in twice a year is known.
    pub const DEFAULT_MAX_AGE_SECS: i64 = 180 * 24 * 3600;

    pub fn new(key: [u8; 32]) -> Self {
        Self { key, max_age_secs: Self::DEFAULT_MAX_AGE_SECS }
    }

    fn mac(&self, payload: &[u8]) -> [u8; MAC_LEN] {
        let mut message = CONTEXT.to_vec();
        message.extend_from_slice(payload);
        let full = hmac_sha256(&self.key, &message);
        let mut out = [0u8; MAC_LEN];
        out.copy_from_slice(&full[..MAC_LEN]);
        out
    }

    fn encode(&self, e: &Entry) -> String {
        let mut payload = Vec::with_capacity(24 + e.account.len());
        payload.extend_from_slice(&e.issued.0.to_be_bytes());
        payload.extend_from_slice(&e.nonce);
        payload.extend_from_slice(e.account.as_bytes());
        format!("{}.{}", URL_SAFE_NO_PAD.encode(&payload), URL_SAFE_NO_PAD.encode(self.mac(&payload)))
    }

    /// One entry, if its MAC is right (whatever its age).
    fn decode(&self, text: &str) -> Option<Entry> {
        let (payload, mac) = text.split_once('.')?;
        let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
        let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
        if payload.len() < 24 || !constant_time_eq(&mac, &self.mac(&payload)) {
            return None;
        }
        let issued = Timestamp(i64::from_be_bytes(payload[..8].try_into().ok()?));
        let nonce: [u8; 16] = payload[8..24].try_into().ok()?;
        let account = String::from_utf8(payload[24..].to_vec()).ok()?;
        Some(Entry { issued, nonce, account })
    }

    fn fresh(&self, e: &Entry, now: Timestamp) -> bool {
        e.issued <= now.plus_secs(60) && now < e.issued.plus_secs(self.max_age_secs)
    }

    fn entries<'a>(&'a self, cookie: &'a str, now: Timestamp) -> impl Iterator<Item = Entry> + 'a {
        cookie.split('~').take(MAX_ENTRIES * 2).filter_map(|t| self.decode(t)).filter(move |e| self.fresh(e, now))
    }

    /// The device behind `cookie` for `account` (already normalised: trimmed, lower case),
    /// if the cookie holds a valid, unexpired entry for exactly that account.
    pub fn recognise(&self, cookie: &str, account: &str, now: Timestamp) -> Option<DeviceId> {
        self.entries(cookie, now).find(|e| e.account == account).map(|e| DeviceId::new(URL_SAFE_NO_PAD.encode(e.nonce)))
    }

    /// The cookie to set after `account` logged in: a new entry for it (a fresh `nonce`),
    /// first, then the other accounts' valid entries from `previous`, at most
    /// [`MAX_ENTRIES`] in all.
    pub fn after_login(&self, previous: Option<&str>, account: &str, nonce: [u8; 16], now: Timestamp) -> String {
        let mut out = vec![self.encode(&Entry { issued: now, nonce, account: account.to_owned() })];
        if let Some(previous) = previous {
            for e in self.entries(previous, now).filter(|e| e.account != account) {
                if out.len() == MAX_ENTRIES {
                    break;
                }
                out.push(self.encode(&e));
            }
        }
        out.join("~")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_750_000_000);

    #[test]
    fn an_entry_is_recognised_for_its_own_account_only() {
        let d = DeviceCookies::new([1; 32]);
        let cookie = d.after_login(None, "admin", [5; 16], T0);
        let id = d.recognise(&cookie, "admin", T0.plus_secs(10)).expect("recognised");
        assert_eq!(d.recognise(&cookie, "admin", T0), Some(id));
        assert_eq!(d.recognise(&cookie, "resp", T0), None, "another account's entry does not count");
    }

    #[test]
    fn a_forged_or_altered_entry_or_another_key_is_not_recognised() {
        let d = DeviceCookies::new([1; 32]);
        let cookie = d.after_login(None, "resp", [5; 16], T0);
        // Rewrite the account name in the payload and keep the MAC.
        let (payload, mac) = cookie.split_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
        bytes.truncate(24);
        bytes.extend_from_slice(b"admin");
        let forged = format!("{}.{mac}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(d.recognise(&forged, "admin", T0), None);
        let other_key = DeviceCookies::new([2; 32]).after_login(None, "admin", [5; 16], T0);
        assert_eq!(d.recognise(&other_key, "admin", T0), None);
        for junk in ["", "~", ".", "a.b", "%%%.%%%", "AAAA.AAAA~~~"] {
            assert_eq!(d.recognise(junk, "admin", T0), None, "{junk:?}");
        }
    }

    #[test]
    fn an_entry_expires() {
        let d = DeviceCookies::new([1; 32]);
        let cookie = d.after_login(None, "admin", [5; 16], T0);
        assert!(d.recognise(&cookie, "admin", T0.plus_secs(d.max_age_secs - 1)).is_some());
        assert!(d.recognise(&cookie, "admin", T0.plus_secs(d.max_age_secs)).is_none());
    }

    #[test]
    fn one_browser_keeps_the_last_accounts_and_a_new_login_renews_its_own() {
        let d = DeviceCookies::new([1; 32]);
        let mut cookie = String::new();
        for (i, name) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            cookie = d.after_login(Some(&cookie), name, [i as u8; 16], T0);
        }
        assert!(d.recognise(&cookie, "a", T0).is_none(), "the oldest of five is dropped");
        for name in ["b", "c", "d", "e"] {
            assert!(d.recognise(&cookie, name, T0).is_some(), "{name}");
        }
        let before = d.recognise(&cookie, "c", T0).unwrap();
        cookie = d.after_login(Some(&cookie), "c", [9; 16], T0);
        assert_ne!(d.recognise(&cookie, "c", T0).unwrap(), before, "a new login gives a new device nonce");
        assert_eq!(cookie.split('~').count(), MAX_ENTRIES);
    }
}
