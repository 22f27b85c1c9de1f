//! Login throttling, in memory only (a client's address is never written anywhere).
//!
//! Two counters: per account, so that a password cannot be guessed from many
//! addresses, and per client address, with a much higher bound, so that one address
//! cannot sweep many accounts while the many people behind one Tor exit or one
//! operator's NAT are not locked out together.

use std::collections::HashMap;

use crate::Timestamp;

#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failed attempts in a row after which an account refuses further attempts.
    pub account_failures: u32,
    /// Failed attempts from one address after which it is refused.
    pub address_failures: u32,
    /// How long a refusal lasts, counted from the first failure of the run.
    pub window_secs: i64,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self { account_failures: 9, address_failures: 100, window_secs: 15 * 60 }
    }
}

#[derive(Debug, Clone, Copy)]
struct Run {
    failures: u32,
    since: Timestamp,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    policy: ThrottlePolicy,
    accounts: HashMap<String, Run>,
    addresses: HashMap<String, Run>,
}

/// Bound on remembered runs, so that a flood of random names cannot grow memory.
const MAX_ENTRIES: usize = 100_000;

impl LoginThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self { policy, ..Self::default() }
    }

    fn blocked(run: Option<&Run>, limit: u32, window: i64, now: Timestamp) -> Option<i64> {
        let run = run?;
        let ends = run.since.plus_secs(window);
        (run.failures >= limit && now < ends).then(|| ends.0 - now.0)
    }

    /// `Err(seconds to wait)` when this attempt must be refused before any password check.
    pub fn check(&self, account: &str, address: &str, now: Timestamp) -> Result<(), i64> {
        let p = self.policy;
        let a = Self::blocked(self.accounts.get(account), p.account_failures, p.window_secs, now);
        let b = Self::blocked(self.addresses.get(address), p.address_failures, p.window_secs, now);
        match a.max(b) {
            Some(wait) => Err(wait.max(1)),
            None => Ok(()),
        }
    }

    pub fn record_failure(&mut self, account: &str, address: &str, now: Timestamp) {
        let window = self.policy.window_secs;
        for (map, key) in [(&mut self.accounts, account), (&mut self.addresses, address)] {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, r| now < r.since.plus_secs(window));
            }
            let run = map.entry(key.to_owned()).or_insert(Run { failures: 0, since: now });
            if now >= run.since.plus_secs(window) {
                *run = Run { failures: 0, since: now };
            }
            run.failures += 1;
        }
    }

    /// A successful login ends the account's run of failures (not the address's).
    pub fn record_success(&mut self, account: &str) {
        self.accounts.remove(account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_000_000);

    #[test]
    fn the_tenth_wrong_attempt_in_a_row_is_refused_until_the_window_ends() {
        let mut t = LoginThrottle::new(ThrottlePolicy::default());
        for _ in 0..9 {
            assert!(t.check("amina", "10.0.0.1", T0).is_ok());
            t.record_failure("amina", "10.0.0.1", T0);
        }
        let wait = t.check("amina", "10.0.0.2", T0).unwrap_err();
        assert_eq!(wait, 900);
        assert!(t.check("amina", "10.0.0.2", T0.plus_secs(899)).is_err());
        assert!(t.check("amina", "10.0.0.2", T0.plus_secs(900)).is_ok());
        // Other accounts behind the same address are not affected.
        assert!(t.check("kofi", "10.0.0.1", T0).is_ok());
    }

    #[test]
    fn success_resets_the_account_run() {
        let mut t = LoginThrottle::new(ThrottlePolicy::default());
        for _ in 0..8 {
            t.record_failure("amina", "a", T0);
        }
        t.record_success("amina");
        t.record_failure("amina", "a", T0);
        assert!(t.check("amina", "a", T0).is_ok());
    }

    #[test]
    fn one_address_sweeping_many_accounts_is_refused() {
        let policy = ThrottlePolicy { address_failures: 5, ..ThrottlePolicy::default() };
        let mut t = LoginThrottle::new(policy);
        for i in 0..5 {
            t.record_failure(&format!("user{i}"), "203.0.113.9", T0);
        }
        assert!(t.check("someone-else", "203.0.113.9", T0).is_err());
        assert!(t.check("someone-else", "203.0.113.10", T0).is_ok());
    }
}
