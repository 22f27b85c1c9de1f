//! The network's pages: the directory (`/directory`), the on-call rota (`/rota`), a
//! person's alert channels (`/alerts/channels`) and topics (`/alerts/topics`),
//! acknowledging a page (`/pages/…`), the rapid-response section of a case page, and
//! the admin's view of the job queue and deliveries (`/admin/jobs`).

pub mod ack;
mod case_section;
pub mod channels;
pub mod directory;
pub mod jobs;
pub mod rota;
pub mod topics;

pub use case_section::case_section;

use crate::i18n::Tr;
use vigie_core::network::{Skill, suggest::Reason};

pub(crate) fn skill_label(tr: Tr, s: Skill) -> String {
    tr.t(&format!("skill-{}", s.code()))
}

pub(crate) fn reason_label(tr: Tr, r: &Reason) -> String {
    match r {
        Reason::Skill(s) => skill_label(tr, *s),
        Reason::Language(l) => tr.t_with("reason-language", &[("language", l)]),
        Reason::Country(c) => tr.t_with("reason-country", &[("country", c)]),
        Reason::OnCall => tr.t("reason-on-call"),
        Reason::Limited => tr.t("reason-limited"),
    }
}
