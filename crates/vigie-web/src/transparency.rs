//! The transparency report as people read it: a standalone HTML page and a PDF, in
//! French, Arabic or English, both printing the signed CSV, its signature and the
//! instance's public key so that a quoted figure can be checked. The figures and the
//! CSV come from [`vigie_core::escalation::transparency`]; the page, the API and the
//! command line all render through here.

use maud::{DOCTYPE, Markup, html};
use vigie_core::Timestamp;
use vigie_core::escalation::metrics::Cell;
use vigie_core::escalation::{PublishedRow, PublishedTiming, SignedTransparency};
use vigie_pdf::{Block, Direction, Document, HeadingLevel, Table};

use crate::i18n::Tr;
use crate::pages::accountability::{day, duration};

/// The report's own style, inline so that a saved page stands alone.
const STYLE: &str = "body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}\
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem}\
pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem}";

/// The Content-Security-Policy of the HTML report: nothing but its own inline style,
/// allowed by hash (the server's default policy allows only the site's stylesheet).
pub fn html_csp() -> String {
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; form-action 'none'; \
        frame-ancestors 'none'; base-uri 'none'"
    )
}

/// What the report says about its own making.
pub struct ReportContext<'a> {
    /// The organization's name.
    pub org_name: &'a str,
    pub generated: Timestamp,
}

fn timing(tr: Tr, t: &PublishedTiming) -> String {
    let base = n_of(t.count);
    match t.figures {
        Some((median, p90)) => format!("{} / {} ({base})", duration(tr, median), duration(tr, p90)),
        None => format!("— ({base})"),
    }
}

fn n_of(c: Cell) -> String {
    match c {
        Cell::Shown(n) => format!("n = {n}"),
        Cell::Suppressed => c.to_string().replacen('<', "n <", 1),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |r| format!("{:.0} %", (r * 100.0).round()))
}

fn platform(tr: Tr, r: &PublishedRow) -> String {
    match &r.platform {
        Some(p) => tr.t_with(p.translation_key(), &[("name", p.other_name().unwrap_or(""))]),
        None => tr.t("transparency-all-platforms"),
    }
}

/// The header and rows of the figures, as words.
fn rows(tr: Tr, report: &SignedTransparency) -> (Vec<String>, Vec<Vec<String>>) {
    let header = vec![
        tr.t("escalation-dimension-platform"),
        tr.t("accountability-items"),
        tr.t("transparency-first-reply"),
        tr.t("transparency-action"),
        tr.t("accountability-action-rate"),
        tr.t("accountability-never-answered"),
        tr.t("accountability-re-escalated"),
    ];
    let body = report
        .report
        .rows
        .iter()
        .map(|r| {
            vec![
                platform(tr, r),
                r.items.to_string(),
                timing(tr, &r.first_reply),
                timing(tr, &r.action),
                format!("{} ({})", percent(r.action_rate), n_of(r.decided)),
                percent(r.never_answered),
                percent(r.re_escalated),
            ]
        })
        .collect();
    (header, body)
}

fn period(report: &SignedTransparency) -> String {
    format!("{} — {}", day(report.report.from), day(Timestamp(report.report.until.0 - 86_400)))
}

fn method(tr: Tr) -> Vec<String> {
    ["period", "percentiles", "action", "suppression", "signature"]
        .iter()
        .map(|k| tr.t(&format!("transparency-method-{k}")))
        .collect()
}

/// The report as a standalone HTML page (no script, no external resource).
pub fn html(tr: Tr, report: &SignedTransparency, ctx: &ReportContext<'_>) -> Markup {
    let lang = tr.lang();
    let title = tr.t_with("transparency-title", &[("org", ctx.org_name)]);
    let (header, body) = rows(tr, report);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (STYLE) }
            }
            body {
                h1 { (title) }
                dl {
                    dt { (tr.t("transparency-org")) } dd { bdi { (ctx.org_name) } " (" (report.report.org) ")" }
                    dt { (tr.t("transparency-period")) } dd dir="ltr" { (period(report)) }
                    dt { (tr.t("transparency-generated")) } dd dir="ltr" { (ctx.generated.rfc3339()) }
                }
                p { (tr.t("transparency-intro")) }
                table.transparency {
                    thead { tr { @for h in &header { th { (h) } } } }
                    tbody { @for row in &body { tr { @for (i, c) in row.iter().enumerate() {
                        @if i == 0 { th scope="row" { bdi { (c) } } } @else { td dir="auto" { (c) } }
                    } } } }
                }
                h2 { (tr.t("transparency-method-title")) }
                @for p in method(tr) { p { (p) } }
                h2 { (tr.t("transparency-signature-title")) }
                p { (tr.t("transparency-signature-intro")) }
                pre.csv dir="ltr" { (report.csv) }
                dl dir="ltr" {
                    dt { (tr.t("transparency-signature")) } dd { code.signature { (report.signature) } }
                    dt { (tr.t("transparency-public-key")) } dd { code.public-key { (report.public_key) } }
                }
            }
        }
    }
}

/// The report as a PDF, laid out in the language's direction.
pub fn pdf(tr: Tr, report: &SignedTransparency, ctx: &ReportContext<'_>) -> Result<Vec<u8>, vigie_pdf::PdfError> {
    let lang = tr.lang();
    let direction = if lang.dir() == "rtl" { Direction::Rtl } else { Direction::Ltr };
    let title = tr.t_with("transparency-title", &[("org", ctx.org_name)]);
    let mut doc = Document::new(title, lang.code(), direction);
    doc.metadata.author = Some(ctx.org_name.to_owned());
    let (header, body) = rows(tr, report);
    let columns = header.len();
    doc.push(Block::KeyValues {
        items: vec![
            (tr.t("transparency-org"), format!("{} ({})", ctx.org_name, report.report.org)),
            (tr.t("transparency-period"), period(report)),
            (tr.t("transparency-generated"), ctx.generated.rfc3339()),
        ],
        direction: Some(direction),
    });
    doc.push(Block::Paragraph { text: tr.t("transparency-intro"), direction: Some(direction) });
    doc.push(Block::Table(Table {
        widths: [1.6, 0.8, 1.6, 1.6, 1.2, 1.0, 1.0].into_iter().take(columns).collect(),
        header,
        rows: body,
        direction: Some(direction),
    }));
    doc.push(Block::Heading { level: HeadingLevel::H2, text: tr.t("transparency-method-title"), direction: None });
    for p in method(tr) {
        doc.push(Block::Paragraph { text: p, direction: Some(direction) });
    }
    doc.push(Block::Heading { level: HeadingLevel::H2, text: tr.t("transparency-signature-title"), direction: None });
    doc.push(Block::Paragraph { text: tr.t("transparency-signature-intro"), direction: Some(direction) });
    for line in report.csv.lines() {
        doc.push(Block::Mono { text: line.to_owned(), direction: Some(Direction::Ltr) });
    }
    doc.push(Block::Paragraph { text: tr.t("transparency-signature"), direction: Some(direction) });
    doc.push(Block::Mono { text: report.signature.clone(), direction: Some(Direction::Ltr) });
    doc.push(Block::Paragraph { text: tr.t("transparency-public-key"), direction: Some(direction) });
    doc.push(Block::Mono { text: report.public_key.clone(), direction: Some(Direction::Ltr) });
    vigie_pdf::render(&doc)
}
