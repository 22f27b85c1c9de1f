//! The knowledge pages: the guides and their search (`/guides`), self-diagnosis
//! (`/help`), and the admins' editing of the library (`/admin/guides`). The public pages
//! keep the reporting channel's neutral layout and quick exit; a member sees them with
//! the navigation.

pub mod edit;
pub mod guides;
pub mod help;

use maud::{Markup, html};
use vigie_core::Actor;
use vigie_core::knowledge::Language;

use super::layout::{page, public_page};
use crate::context::Ctx;
use crate::i18n::Lang;

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

/// The page language of a library language (the same three).
fn page_lang(lang: Language) -> Lang {
    Lang::from_tag(lang.code()).unwrap_or(Lang::En)
}

/// `ltr` or `rtl` for a text in `lang` (a fallback shown inside a page of another
/// direction keeps its own).
fn dir(lang: Language) -> &'static str {
    page_lang(lang).dir()
}

/// The language's name in itself, as the language switcher writes it.
fn native_name(lang: Language) -> &'static str {
    page_lang(lang).native_name()
}

/// One guide in a list: its title as a link, and its summary.
fn guide_item(slug: &vigie_core::knowledge::GuideSlug, shown: &vigie_core::knowledge::Shown<'_>) -> Markup {
    html! {
        li lang=(shown.lang.code()) dir=(dir(shown.lang)) {
            a href={ "/guides/" (slug) } { (shown.text.title) }
            @if shown.fell_back_from.is_some() { " " small.muted { "(" (native_name(shown.lang)) ")" } }
            p.muted { (shown.text.summary) }
        }
    }
}
