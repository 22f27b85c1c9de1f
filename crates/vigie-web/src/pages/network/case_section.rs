//! The rapid-response part of a case page: who was paged and when, who answered, the
//! one-click acknowledgement, and who in the network could take the case and why.

use maud::{Markup, html};
use vigie_core::accounts::OrgSummary;
use vigie_core::network::suggest::CaseNeeds;
use vigie_core::store::{CaseRecord, UserRecord};
use vigie_core::{Actor, UserId};

use super::reason_label;
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::csrf;
use crate::state::AppState;

/// `members` and `orgs` are what the case page already read (the actor's colleagues,
/// the organizations' names).
pub async fn case_section(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    case: &CaseRecord,
    members: &[UserRecord],
    orgs: &[OrgSummary],
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let pages = app.network.pages_of(actor, case.id).await?;
    let needs =
        CaseNeeds { incidents: case.incidents.clone(), language: case.language.clone(), country: case.country.clone() };
    let (people, partners) = app.network.suggestions(actor, &needs).await?;
    let name = |u: UserId| members.iter().find(|m| m.id == u).map_or("?".to_owned(), |m| m.display_name.clone());
    let unanswered = pages.iter().any(|p| p.acknowledged_at.is_none());
    Ok(html! {
        h2 { (tr.t("rapid-title")) }
        @if pages.is_empty() {
            p.muted { (tr.t("rapid-no-pages")) }
        } @else {
            ul.pages {
                @for p in &pages {
                    li {
                        (tr.t_with("rapid-paged", &[("who", &name(p.user))]))
                        " (" (tr.t(&format!("page-step-{}", p.step.code()))) ") · " span dir="ltr" {
                            (when(p.paged_at)) }
                        @if let (Some(at), Some(by)) = (p.acknowledged_at, p.acknowledged_by) {
                            " · " (tr.t_with("rapid-acknowledged", &[("who", &name(by))])) " " span dir="ltr" {
                                (when(at)) }
                        }
                    }
                }
            }
            @if unanswered && case.org_id == actor.user.org_id {
                form method="post" action=(format!("/cases/{}/acknowledge", case.id)) {
                    (csrf(ctx)) button type="submit" { (tr.t("ack-button")) }
                }
            }
        }
        @if !people.is_empty() {
            h3 { (tr.t("rapid-suggested-people")) }
            ul { @for s in &people {
                li { bdi { (name(s.who)) }
                    " — " (s.reasons.iter().map(|r| reason_label(tr, r)).collect::<Vec<_>>().join(", ")) }
            } }
        }
        @if !partners.is_empty() {
            h3 { (tr.t("rapid-suggested-partners")) }
            ul { @for s in &partners {
                li { bdi { (orgs.iter().find(|o| o.id == s.who).map_or("?", |o| o.name.as_str())) } " — "
                    (s.reasons.iter().map(|r| reason_label(tr, r)).collect::<Vec<_>>().join(", ")) }
            } }
        }
    })
}
