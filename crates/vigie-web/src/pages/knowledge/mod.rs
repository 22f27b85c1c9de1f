//! The knowledge pages: the guides and their search (`/guides`), self-diagnosis
//! (`/help`), and the admins' editing of the library (`/admin/guides`). The public pages
//! keep the reporting channel's neutral layout and quick exit; a member sees them with
//! the navigation.

pub mod edit;
pub mod guides;
pub mod help;

use maud::Markup;
use vigie_core::Actor;
use vigie_core::knowledge::Language;

use super::layout::{page, public_page};
use crate::context::Ctx;

/// The library's language for the page's language.
pub fn language(ctx: &Ctx) -> Language {
    Language::parse(ctx.lang().code()).unwrap_or(Language::En)
}

/// A knowledge page: with the navigation for a member, with the quick exit otherwise.
fn knowledge_page(ctx: &Ctx, actor: Option<&Actor>, title: &str, body: Markup) -> Markup {
    match actor {
        Some(a) => page(ctx, Some(a), title, body),
        None => public_page(ctx, title, body),
    }
}

/// `ltr` or `rtl` for a text in `lang` (a fallback shown inside a page of another
/// direction keeps its own).
fn dir(lang: Language) -> &'static str {
    if lang == Language::Ar { "rtl" } else { "ltr" }
}
