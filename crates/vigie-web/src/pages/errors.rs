//! The friendly error page.

use axum::http::StatusCode;
use maud::{Markup, html};

use crate::context::Ctx;
use crate::error::ErrorInfo;

pub fn page(ctx: &Ctx, status: StatusCode, info: &ErrorInfo) -> Markup {
    let tr = ctx.tr;
    let title = tr.t("error-title");
    let body = html! {
        h1 { (title) }
        p { (tr.t(&info.message_key)) }
        @if let Some(detail) = &info.detail {
            p { code { (detail) } }
        }
        @if let Some(secs) = info.retry_after_secs {
            p { (tr.t_with("error-retry-after", &[("minutes", &((secs + 59) / 60).to_string())])) }
        }
        p.muted { (tr.t("error-code")) " " (status.as_u16()) }
        p { a href="/" { (tr.t("error-home")) } }
    };
    super::layout::page(ctx, None, &title, body)
}
