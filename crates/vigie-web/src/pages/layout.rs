//! The base layout: language and direction on `<html>`, a neutral title, the
//! navigation for a member, the language switcher, and one stylesheet.

use maud::{DOCTYPE, Markup, html};
use vigie_core::{Actor, policy};

use crate::context::Ctx;
use crate::i18n::Lang;

/// The layout of the public reporting pages: a quick-exit link first, no navigation
/// that would reveal what the site is.
pub fn public_page(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    shell(ctx, None, title, Some(super::report::quick_exit(ctx)), body)
}

pub fn page(ctx: &Ctx, actor: Option<&Actor>, title: &str, body: Markup) -> Markup {
    shell(ctx, actor, title, None, body)
}

fn shell(ctx: &Ctx, actor: Option<&Actor>, title: &str, exit: Option<Markup>, body: Markup) -> Markup {
    let tr = ctx.tr;
    let lang = ctx.lang();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · Vigie" }
                link rel="stylesheet" href="/static/vigie.css";
            }
            body {
                header.top {
                    @if let Some(exit) = exit { (exit) } @else { a.brand href="/" { "Vigie" } }
                    @if let Some(a) = actor {
                        nav aria-label=(tr.t("nav-label")) {
                            a href="/" { (tr.t("nav-home")) }
                            a href="/cases" { (tr.t("nav-cases")) }
                            a href="/escalations" { (tr.t("nav-escalations")) }
                            @if policy::can_view_campaigns(a.role()) { a href="/campaigns" { (tr.t("nav-campaigns")) } }
                            @if policy::can_view_watch(a.role()) { a href="/watch" { (tr.t("nav-watch")) } }
                            a href="/org" { (tr.t("nav-org")) }
                            a href="/guides" { (tr.t("nav-guides")) }
                            @if policy::can_view_directory(a.role()) { a href="/directory" { (tr.t("nav-directory")) } }
                            @if policy::can_view_network(a.role()) {
                                a href="/accountability" { (tr.t("nav-accountability")) }
                                a href="/sharing" { (tr.t("nav-sharing")) }
                                a href="/admin/users" { (tr.t("nav-users")) }
                                a href="/admin/orgs" { (tr.t("nav-orgs")) }
                                a href="/admin/playbooks" { (tr.t("nav-playbooks")) }
                            }
                            @if policy::can_manage_jobs(a.role()) {
                                a href="/peers" { (tr.t("nav-peers")) }
                                a href="/admin/jobs" { (tr.t("nav-jobs")) }
                            }
                            a href="/account" { (tr.t("nav-account")) }
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(ctx.csrf);
                                button.link type="submit" { (tr.t("nav-logout")) }
                            }
                        }
                    }
                    nav.langs aria-label=(tr.t("nav-languages")) {
                        @for l in Lang::ALL {
                            @if l == lang {
                                span lang=(l.code()) aria-current="true" { (l.native_name()) }
                            } @else {
                                a lang=(l.code()) hreflang=(l.code()) href={ (ctx.switch_path) "?lang=" (l.code()) } {
                                    (l.native_name())
                                }
                            }
                        }
                    }
                }
                main { (body) }
                footer { p { (tr.t("footer-tagline")) } }
            }
        }
    }
}
