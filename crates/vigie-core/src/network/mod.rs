//! The network of defenders: who its members are and what they can do (the
//! directory), who answers when a critical case arrives (the rota and paging), and the
//! alerts that reach people where they are (e-mail, webhooks, Matrix), queued as jobs
//! so that none is lost in a restart and none is sent twice to a receiver that
//! dedupes on its delivery key.

mod addresses;
mod alerts;
mod directory;
mod notify;
mod paging;
mod rota;
mod service;
mod skills;
mod subscriptions;
pub mod suggest;

pub use addresses::is_internal;
pub use alerts::{
    Alert, AlertSender, ChannelId, ChannelKind, ChannelTarget, Delivery, OutgoingAlert, PageStepCode, SendAnswer,
    SendFailure, webhook,
};
pub use directory::{EntryLists, Language, MAX_CONTACT_CHARS, OrgEntry, PersonEntry, join_codes};
pub use notify::{DIGEST, NEW_CASE, NewCaseJob, Routed};
pub use paging::{ACK_PURPOSE, PageStep, PagingCase, PagingPolicy, ack_token, ack_token_valid};
pub use rota::{DAY_MINUTES, Handover, Slot, format_minute, on_call, parse_minute, week_position};
pub use service::{DELIVER, Directory, Network, NetworkConfig, NewPage, Prepared, Rota, open_contact};
pub use skills::{Availability, Skill};
pub use subscriptions::{DIGEST_MAX_ITEMS, DigestSchedule, Mode, Preferences, Topic};
