//! Organization keys unlocked by a login, held in memory for the life of that session
//! only. The key is dropped (and zeroized by its own `Drop`) on logout, on expiry and
//! when the account is disabled; a restart forgets every key.

use std::collections::HashMap;
use std::sync::Mutex;

use vigie_crypto::OrgSecretKey;

use crate::{OrgId, Timestamp, UserId};

struct Entry {
    user: UserId,
    org: OrgId,
    key: OrgSecretKey,
    created_at: Timestamp,
    last_seen_at: Timestamp,
}

#[derive(Default)]
pub struct Keyring {
    by_session: Mutex<HashMap<Vec<u8>, Entry>>,
}

impl Keyring {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<u8>, Entry>> {
        // A panic while holding the lock cannot leave the map half-updated (each
        // operation is a single insert/remove), so a poisoned lock is still usable.
        self.by_session.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn insert(&self, session: &[u8], user: UserId, org: OrgId, key: OrgSecretKey, now: Timestamp) {
        self.lock().insert(session.to_vec(), Entry { user, org, key, created_at: now, last_seen_at: now });
    }

    /// A copy of the session's key for `org`, if that session unlocked it.
    pub fn key(&self, session: &[u8], org: OrgId) -> Option<OrgSecretKey> {
        self.lock().get(session).filter(|e| e.org == org).map(|e| e.key.clone())
    }

    pub fn touch(&self, session: &[u8], now: Timestamp) {
        if let Some(e) = self.lock().get_mut(session) {
            e.last_seen_at = now;
        }
    }

    pub fn remove(&self, session: &[u8]) {
        self.lock().remove(session);
    }

    pub fn remove_user(&self, user: UserId) {
        self.lock().retain(|_, e| e.user != user);
    }

    /// Drops the keys of sessions that are idle or too old.
    pub fn sweep(&self, now: Timestamp, idle_secs: i64, absolute_secs: i64) {
        self.lock()
            .retain(|_, e| now < e.last_seen_at.plus_secs(idle_secs) && now < e.created_at.plus_secs(absolute_secs));
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_per_session_and_per_org_and_swept_when_idle() {
        let ring = Keyring::default();
        let k = OrgSecretKey::generate();
        ring.insert(b"s1", UserId(1), OrgId(7), k, Timestamp(0));
        assert!(ring.key(b"s1", OrgId(7)).is_some());
        assert!(ring.key(b"s1", OrgId(8)).is_none());
        assert!(ring.key(b"s2", OrgId(7)).is_none());
        ring.sweep(Timestamp(100), 100, 1000);
        assert!(ring.is_empty());
    }

    #[test]
    fn removing_a_user_drops_all_their_sessions_keys() {
        let ring = Keyring::default();
        ring.insert(b"a", UserId(1), OrgId(1), OrgSecretKey::generate(), Timestamp(0));
        ring.insert(b"b", UserId(1), OrgId(1), OrgSecretKey::generate(), Timestamp(0));
        ring.insert(b"c", UserId(2), OrgId(1), OrgSecretKey::generate(), Timestamp(0));
        ring.remove_user(UserId(1));
        assert_eq!(ring.len(), 1);
    }
}
