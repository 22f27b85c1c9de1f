//! `/alerts/topics`: what a person hears of, and when: per topic, at once, in the
//! daily digest, or not at all. Pages are always immediate and shown so.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use vigie_core::Actor;
use vigie_core::network::{Mode, Preferences};

use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::csrf;
use crate::pages::layout::page;
use crate::state::AppState;

async fn topics_page(app: &AppState, ctx: &Ctx, actor: &Actor) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let prefs = app.network.preferences(actor).await?;
    let hour = format!("{:02}:00", app.network.digest_schedule().hour());
    let body = html! {
        h1 { (tr.t("topics-title")) }
        p.muted { (tr.t_with("topics-explain", &[("hour", &hour)])) }
        form method="post" action="/alerts/topics" {
            (csrf(ctx))
            table {
                thead { tr { th { (tr.t("topics-topic")) } th { (tr.t("topics-mode")) } } }
                tbody {
                    @for (topic, mode) in prefs.all() {
                        tr {
                            td {
                                strong { (tr.t(&format!("topic-{}", topic.code()))) }
                                br;
                                small.hint { (tr.t(&format!("topic-{}-hint", topic.code()))) }
                            }
                            td {
                                @if topic.is_fixed() {
                                    (tr.t("topics-always-immediate"))
                                } @else {
                                    fieldset.inline {
                                        legend.visually-hidden { (tr.t(&format!("topic-{}", topic.code()))) }
                                        @for m in Mode::ALL {
                                            @let id = format!("t-{}-{}", topic.code(), m.code());
                                            input type="radio" id=(id) name=(topic.code()) value=(m.code())
                                                checked[m == mode];
                                            " " label for=(id) { (tr.t(&format!("mode-{}", m.code()))) } " "
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            button type="submit" { (tr.t("topics-save")) }
        }
        p { a href="/alerts/channels" { (tr.t("topics-channels-link")) } " · "
            a href="/alerts" { (tr.t("topics-countries-link")) } }
    };
    Ok(page(ctx, Some(actor), &tr.t("topics-title"), body).into_response())
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    topics_page(&app, &ctx, &actor).await
}

/// Saves the modes the form sends (a radio group per topic, named by its code).
pub async fn save(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let changes =
        Preferences::parse_changes(f.iter().filter(|(k, _)| k != "csrf").map(|(k, v)| (k.as_str(), v.as_str())))?;
    app.network.set_preferences(&actor, &changes).await?;
    Ok(Redirect::to("/alerts/topics").into_response())
}

/// The keys the page builds from codes, for the translations' test.
#[cfg(test)]
pub(crate) fn keys() -> Vec<String> {
    let mut keys: Vec<String> = vigie_core::network::Topic::ALL
        .iter()
        .flat_map(|t| [format!("topic-{}", t.code()), format!("topic-{}-hint", t.code())])
        .collect();
    keys.extend(Mode::ALL.iter().map(|m| format!("mode-{}", m.code())));
    keys
}
