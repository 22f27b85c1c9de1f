//! `/directory`: who is in the network and what they can do; `/directory/me`: one's own
//! entry (the contact sealed to one's organization); `/directory/org`: the
//! organization's entry, for its coordinators.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use vigie_core::network::{Availability, EntryLists, Skill, join_codes, open_contact};
use vigie_core::{DomainError, policy};

use super::skill_label;
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    #[serde(default)]
    skill: String,
    #[serde(default)]
    language: String,
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let dir = app.network.directory(&actor).await?;
    let skill = Skill::parse(&q.skill);
    let language = q.language.trim().to_ascii_lowercase();
    let key = app.accounts.org_key(&actor);
    let org_name = |id| dir.orgs.iter().find(|(o, _)| o.id == id).map_or("?".to_owned(), |(o, _)| o.name.clone());
    let people = dir.people.iter().filter(|(_, e)| {
        skill.is_none_or(|s| e.skills.contains(&s))
            && (language.is_empty() || e.languages.iter().any(|l| l.as_str() == language))
    });
    let body = html! {
        h1 { (tr.t("directory-title")) }
        p.muted { (tr.t("directory-explain")) }
        p { a href="/directory/me" { (tr.t("directory-edit-mine")) } }
        form method="get" action="/directory" {
            div.field {
                label for="f-skill" { (tr.t("directory-skill")) }
                select id="f-skill" name="skill" {
                    option value="" { "—" }
                    @for s in Skill::ALL { option value=(s.code()) selected[skill == Some(s)] { (skill_label(tr, s)) } }
                }
            }
            div.field {
                label for="f-language" { (tr.t("directory-language")) }
                input id="f-language" name="language" type="text" size="4" value=(language) dir="ltr";
            }
            button type="submit" { (tr.t("directory-filter")) }
        }
        h2 { (tr.t("directory-people")) }
        table {
            thead { tr { th { (tr.t("directory-name")) } th { (tr.t("directory-org")) }
                th { (tr.t("directory-skills")) }
                th { (tr.t("directory-languages")) } th { (tr.t("directory-countries")) }
                th { (tr.t("directory-availability")) } th { (tr.t("directory-contact")) } } }
            tbody {
                @for (u, e) in people {
                    tr {
                        td { bdi { (u.display_name) } }
                        td { bdi { (org_name(e.org)) } }
                        td { (e.skills.iter().map(|s| skill_label(tr, *s)).collect::<Vec<_>>().join(", ")) }
                        td dir="ltr" { (join_codes(e.languages.iter().map(|l| l.as_str()))) }
                        td dir="ltr" { (join_codes(e.countries.iter().map(|c| c.as_str()))) }
                        td { (tr.t(&format!("availability-{}", e.availability.code()))) }
                        td {
                            @match (&e.contact_sealed, e.org == actor.user.org_id, key.as_ref()) {
                                (None, _, _) => { "—" }
                                (Some(sealed), true, Some(k)) => {
                                    @match open_contact(k, sealed) {
                                        Ok(text) => { bdi.text { (text) } }
                                        Err(_) => { "?" }
                                    }
                                }
                                (Some(_), true, None) => { (tr.t("directory-contact-locked")) }
                                (Some(_), false, _) => { (tr.t("directory-contact-sealed")) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr.t("directory-orgs")) }
        table {
            thead { tr { th { (tr.t("directory-org")) } th { (tr.t("directory-focus")) }
                th { (tr.t("directory-languages")) } th { (tr.t("directory-countries")) } } }
            tbody {
                @for (o, e) in &dir.orgs {
                    tr {
                        td { bdi { (o.name) } }
                        @if let Some(e) = e {
                            td { (e.focus.iter().map(|s| skill_label(tr, *s)).collect::<Vec<_>>().join(", ")) }
                            td dir="ltr" { (join_codes(e.languages.iter().map(|l| l.as_str()))) }
                            td dir="ltr" { (join_codes(e.countries.iter().map(|c| c.as_str()))) }
                        } @else { td colspan="3" { "—" } }
                    }
                }
            }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("directory-title"), body).into_response())
}

pub async fn edit(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let key = app.accounts.org_key(&actor);
    let (entry, contact) = app.network.own_entry(&actor, key.as_ref()).await?;
    let org_entry = app.network.org_entry(actor.user.org_id).await?;
    let manages = policy::can_manage_org_network(actor.role());
    let skills = entry.as_ref().map(|e| e.skills.clone()).unwrap_or_default();
    let availability = entry.as_ref().map(|e| e.availability).unwrap_or_default();
    let codes = |v: Vec<&str>| join_codes(v);
    let body = html! {
        h1 { (tr.t("directory-mine")) }
        p.muted { (tr.t("directory-mine-explain")) }
        form method="post" action="/directory/me" {
            (csrf(&ctx))
            div.field {
                label for="f-languages" { (tr.t("directory-languages")) }
                    small.hint { (tr.t("directory-languages-hint")) }
                input id="f-languages" name="languages" type="text" dir="ltr"
                    value=(codes(entry.iter().flat_map(|e| e.languages.iter().map(|l| l.as_str())).collect()));
            }
            div.field {
                label for="f-countries" { (tr.t("directory-countries")) }
                    small.hint { (tr.t("directory-countries-hint")) }
                input id="f-countries" name="countries" type="text" dir="ltr"
                    value=(codes(entry.iter().flat_map(|e| e.countries.iter().map(|c| c.as_str())).collect()));
            }
            fieldset {
                legend { (tr.t("directory-skills")) }
                @for s in Skill::ALL {
                    label { input type="checkbox" name="skills" value=(s.code()) checked[skills.contains(&s)];
                        " " (skill_label(tr, s)) } br;
                }
            }
            div.field {
                label for="f-availability" { (tr.t("directory-availability")) }
                select id="f-availability" name="availability" {
                    @for a in Availability::ALL {
                        option value=(a.code()) selected[a == availability] {
                            (tr.t(&format!("availability-{}", a.code()))) }
                    }
                }
            }
            @match contact {
                Err(DomainError::KeyLocked) => { (notice("warn", &tr.t("error-key-locked"))) }
                Err(e) => { (notice("error", &e.to_string())) }
                Ok(current) => {
                    div.field {
                        label for="f-contact" { (tr.t("directory-contact")) }
                            small.hint { (tr.t("directory-contact-hint")) }
                        textarea id="f-contact" name="contact" rows="3" maxlength="2000" {
                            (current.unwrap_or_default()) }
                    }
                }
            }
            button type="submit" { (tr.t("directory-save")) }
        }
        @if manages {
            h2 { (tr.t("directory-org-entry")) }
            form method="post" action="/directory/org" {
                (csrf(&ctx))
                div.field {
                    label for="f-org-languages" { (tr.t("directory-languages")) }
                    input id="f-org-languages" name="languages" type="text" dir="ltr"
                        value=(codes(org_entry.iter().flat_map(|e| e.languages.iter().map(|l| l.as_str())).collect()));
                }
                div.field {
                    label for="f-org-countries" { (tr.t("directory-countries")) }
                    input id="f-org-countries" name="countries" type="text" dir="ltr"
                        value=(codes(org_entry.iter().flat_map(|e| e.countries.iter().map(|c| c.as_str())).collect()));
                }
                fieldset {
                    legend { (tr.t("directory-focus")) }
                    @for s in Skill::ALL {
                        label { input type="checkbox" name="skills" value=(s.code())
                            checked[org_entry.as_ref().is_some_and(|e| e.focus.contains(&s))];
                                " " (skill_label(tr, s)) } br;
                    }
                }
                button type="submit" { (tr.t("directory-save")) }
            }
            p { a href="/org" { (tr.t("directory-org-contacts")) } }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("directory-mine"), body).into_response())
}

#[derive(Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    languages: String,
    #[serde(default)]
    countries: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    availability: String,
    /// Absent when the session could not open the current one.
    contact: Option<String>,
}

pub async fn save(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<EntryForm>,
) -> Result<Response, WebError> {
    let lists = EntryLists::parse(&f.languages, &f.countries, &f.skills)?;
    let availability = Availability::parse(&f.availability).unwrap_or_default();
    let contact = match f.contact {
        Some(c) => c,
        // Keep a contact one cannot read rather than erase it unseen.
        None => {
            let key = app.accounts.org_key(&actor);
            match app.network.own_entry(&actor, key.as_ref()).await?.1 {
                Ok(current) => current.unwrap_or_default(),
                Err(_) => return Err(WebError::KeyLocked),
            }
        }
    };
    app.network.save_own_entry(&actor, lists, availability, &contact).await?;
    Ok(Redirect::to("/directory").into_response())
}

pub async fn save_org(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<EntryForm>,
) -> Result<Response, WebError> {
    let lists = EntryLists::parse(&f.languages, &f.countries, &f.skills)?;
    app.network.save_org_entry(&actor, lists).await?;
    Ok(Redirect::to("/directory").into_response())
}
