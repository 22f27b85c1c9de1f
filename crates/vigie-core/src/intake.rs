//! Limits on the public reporting channel, in memory only (no address is ever written):
//! a cap per client address, high enough that the many people behind one Tor exit or
//! one operator's NAT can still report, and a cap on the whole intake per hour, so a
//! flood cannot bury the help desk or fill the disk. Both refusals say when to retry.

use std::collections::HashMap;

use crate::Timestamp;

#[derive(Debug, Clone, Copy)]
pub struct IntakePolicy {
    pub per_address_per_hour: u32,
    pub global_per_hour: u32,
}

impl Default for IntakePolicy {
    fn default() -> Self {
        Self { per_address_per_hour: 20, global_per_hour: 2000 }
    }
}

/// Why a report was refused, with the seconds to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Address { retry_after_secs: i64 },
    Global { retry_after_secs: i64 },
}

const WINDOW: i64 = 3600;

/// Fixed one-hour windows: simple, bounded, and good enough for a cap.
#[derive(Debug, Default)]
pub struct IntakeLimiter {
    policy: IntakePolicy,
    window_start: i64,
    global: u32,
    by_address: HashMap<String, u32>,
}

impl IntakeLimiter {
    pub fn new(policy: IntakePolicy) -> Self {
        Self { policy, ..Self::default() }
    }

    /// Counts one report from `address` now, or refuses it.
    pub fn admit(&mut self, address: &str, now: Timestamp) -> Result<(), Refusal> {
        let start = now.0 - now.0.rem_euclid(WINDOW);
        if start != self.window_start {
            self.window_start = start;
            self.global = 0;
            self.by_address.clear();
        }
        let retry_after_secs = start + WINDOW - now.0;
        if self.global >= self.policy.global_per_hour {
            return Err(Refusal::Global { retry_after_secs });
        }
        let count = self.by_address.entry(address.to_owned()).or_insert(0);
        if *count >= self.policy.per_address_per_hour {
            return Err(Refusal::Address { retry_after_secs });
        }
        *count += 1;
        self.global += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_is_capped_without_stopping_others() {
        let mut l = IntakeLimiter::new(IntakePolicy { per_address_per_hour: 2, global_per_hour: 100 });
        let t = Timestamp(7200);
        assert!(l.admit("a", t).is_ok() && l.admit("a", t).is_ok());
        assert_eq!(l.admit("a", t.plus_secs(10)), Err(Refusal::Address { retry_after_secs: 3590 }));
        assert!(l.admit("b", t).is_ok());
        assert!(l.admit("a", t.plus_secs(3600)).is_ok(), "a new hour, a new count");
    }

    #[test]
    fn the_global_cap_refuses_everyone_until_the_hour_ends() {
        let mut l = IntakeLimiter::new(IntakePolicy { per_address_per_hour: 10, global_per_hour: 3 });
        let t = Timestamp(0);
        for a in ["a", "b", "c"] {
            l.admit(a, t).unwrap();
        }
        assert!(matches!(l.admit("d", t), Err(Refusal::Global { .. })));
    }
}
