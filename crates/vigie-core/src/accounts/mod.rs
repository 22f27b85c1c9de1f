//! The accounts service: setup, organizations, members, passwords, sessions and API
//! tokens, and the organization keys that follow them.

pub mod device;
mod keys;
mod members;
mod sessions;
mod setup;
mod tokens;

use std::sync::{Arc, Mutex};

use vigie_crypto::KdfParams;

pub use device::{DeviceCookies, DeviceId};
pub use members::{KeyState, NewMember, OrgCreated, OrgSummary};
pub use sessions::{Actor, LoggedIn, SessionPolicy};
pub use setup::SetupForm;
pub use tokens::TOKEN_PREFIX;

use crate::store::AccountStore;
use crate::throttle::{LoginThrottle, ThrottlePolicy};
use crate::{Clock, Keyring};

/// The accounts service, over its own port, [`AccountStore`].
pub struct Accounts {
    store: Arc<dyn AccountStore>,
    clock: Arc<dyn Clock>,
    kdf: KdfParams,
    sessions: SessionPolicy,
    keyring: Keyring,
    throttle: Mutex<LoginThrottle>,
    /// Bounds how many password hashes are computed at once.
    kdf_gate: crate::kdf_gate::KdfGate,
    /// Verified against when an account does not exist, so that the answer takes as long.
    dummy_hash: String,
}

/// Tunables of the accounts service.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountsConfig {
    pub kdf: KdfParams,
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
}

impl Accounts {
    pub fn new(store: Arc<dyn AccountStore>, clock: Arc<dyn Clock>, config: AccountsConfig) -> Self {
        Self {
            store,
            clock,
            kdf: config.kdf,
            sessions: config.sessions,
            keyring: Keyring::default(),
            throttle: Mutex::new(LoginThrottle::new(config.throttle)),
            kdf_gate: crate::kdf_gate::KdfGate::for_this_machine(),
            dummy_hash: vigie_crypto::password::dummy_hash(config.kdf),
        }
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub fn now(&self) -> crate::Timestamp {
        self.clock.now()
    }

    /// How many sessions hold an unlocked organization key right now.
    pub fn unlocked_sessions(&self) -> usize {
        self.keyring.len()
    }

    /// Forgets the keys of expired sessions; run periodically.
    pub fn sweep_keys(&self) {
        self.keyring.sweep(self.clock.now(), self.sessions.idle_secs, self.sessions.absolute_secs);
    }
}
