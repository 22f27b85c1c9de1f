//! Login throttling, in memory only (a client's address is never written anywhere).
//!
//! Three counters:
//! - per account, for *unknown* clients, so that a password cannot be guessed from many
//!   addresses;
//! - per device, for clients that carry a valid device cookie for the account (see
//!   [`crate::accounts::device`]): while the account refuses unknown clients, its owner's
//!   browsers are still checked, each throttled on its own, so that an attacker who knows
//!   only the account's name cannot lock its owner out;
//! - per client address, with a much higher bound, so that one address cannot sweep many
//!   accounts while the many people behind one Tor exit or one operator's NAT are not
//!   locked out together.

use std::collections::HashMap;

use crate::Timestamp;
use crate::accounts::DeviceId;

#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failed attempts in a row from unknown clients after which an account refuses
    /// further attempts from unknown clients.
    pub account_failures: u32,
    /// Failed attempts in a row from one recognised device after which it is refused.
    pub device_failures: u32,
    /// Failed attempts from one address after which it is refused.
    pub address_failures: u32,
    /// How long a refusal lasts, counted from the first failure of the run.
    pub window_secs: i64,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self { account_failures: 9, device_failures: 9, address_failures: 100, window_secs: 15 * 60 }
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
    devices: HashMap<String, Run>,
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
    /// `device` is the device recognised from the request's cookie for this very account.
    pub fn check(&self, account: &str, address: &str, device: Option<&DeviceId>, now: Timestamp) -> Result<(), i64> {
        let p = self.policy;
        let a = match device {
            Some(d) => Self::blocked(self.devices.get(d.as_str()), p.device_failures, p.window_secs, now),
            None => Self::blocked(self.accounts.get(account), p.account_failures, p.window_secs, now),
        };
        let b = Self::blocked(self.addresses.get(address), p.address_failures, p.window_secs, now);
        match a.max(b) {
            Some(wait) => Err(wait.max(1)),
            None => Ok(()),
        }
    }

    pub fn record_failure(&mut self, account: &str, address: &str, device: Option<&DeviceId>, now: Timestamp) {
        let window = self.policy.window_secs;
        let first = match device {
            Some(d) => (&mut self.devices, d.as_str()),
            None => (&mut self.accounts, account),
        };
        for (map, key) in [first, (&mut self.addresses, address)] {
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

    /// A successful login ends the run of failures of the way it came in: the device's
    /// when it carried a device cookie (an attacker's run against the account from
    /// unknown clients goes on), else the account's. The address's run goes on.
    pub fn record_success(&mut self, account: &str, device: Option<&DeviceId>) {
        match device {
            Some(d) => self.devices.remove(d.as_str()),
            None => self.accounts.remove(account),
        };
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
            assert!(t.check("amina", "10.0.0.1", None, T0).is_ok());
            t.record_failure("amina", "10.0.0.1", None, T0);
        }
        let wait = t.check("amina", "10.0.0.2", None, T0).unwrap_err();
        assert_eq!(wait, 900);
        assert!(t.check("amina", "10.0.0.2", None, T0.plus_secs(899)).is_err());
        assert!(t.check("amina", "10.0.0.2", None, T0.plus_secs(900)).is_ok());
        // Other accounts behind the same address are not affected.
        assert!(t.check("kofi", "10.0.0.1", None, T0).is_ok());
    }

    #[test]
    fn success_resets_the_account_run() {
        let mut t = LoginThrottle::new(ThrottlePolicy::default());
        for _ in 0..8 {
            t.record_failure("amina", "a", None, T0);
        }
        t.record_success("amina", None);
        t.record_failure("amina", "a", None, T0);
        assert!(t.check("amina", "a", None, T0).is_ok());
    }

    #[test]
    fn one_address_sweeping_many_accounts_is_refused() {
        let policy = ThrottlePolicy { address_failures: 5, ..ThrottlePolicy::default() };
        let mut t = LoginThrottle::new(policy);
        for i in 0..5 {
            t.record_failure(&format!("user{i}"), "203.0.113.9", None, T0);
        }
        assert!(t.check("someone-else", "203.0.113.9", None, T0).is_err());
        assert!(t.check("someone-else", "203.0.113.10", None, T0).is_ok());
    }

    #[test]
    fn a_known_device_is_still_checked_while_the_account_refuses_unknown_clients() {
        let mut t = LoginThrottle::new(ThrottlePolicy::default());
        let mine = DeviceId::new("owner-browser");
        let stolen = DeviceId::new("other-browser");
        for _ in 0..9 {
            t.record_failure("admin", "127.0.0.5", None, T0);
        }
        assert!(t.check("admin", "127.0.0.9", None, T0).is_err(), "unknown clients are refused");
        assert!(t.check("admin", "127.0.0.9", Some(&mine), T0).is_ok(), "the owner's browser is not");
        // The device is throttled on its own.
        for _ in 0..9 {
            t.record_failure("admin", "127.0.0.9", Some(&mine), T0);
        }
        assert!(t.check("admin", "127.0.0.9", Some(&mine), T0).is_err());
        assert!(t.check("admin", "127.0.0.9", Some(&stolen), T0).is_ok(), "another device has its own run");
        // A success from a device leaves the run against unknown clients going.
        t.record_success("admin", Some(&stolen));
        assert!(t.check("admin", "127.0.0.9", None, T0).is_err());
    }

    #[test]
    fn the_address_bound_holds_for_known_devices_too() {
        let policy = ThrottlePolicy { address_failures: 3, ..ThrottlePolicy::default() };
        let mut t = LoginThrottle::new(policy);
        let d = DeviceId::new("x");
        for i in 0..3 {
            t.record_failure(&format!("user{i}"), "203.0.113.9", None, T0);
        }
        assert!(t.check("admin", "203.0.113.9", Some(&d), T0).is_err());
    }
}
