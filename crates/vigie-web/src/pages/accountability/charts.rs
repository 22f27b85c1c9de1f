//! Horizontal bar charts of the accountability record, drawn on the server as SVG: no
//! script, readable when printed, and mirrored for right-to-left languages (labels on
//! the right, bars growing to the left). Each chart has a title and a caption; the
//! figures themselves are in the table below them, for screen readers and for copying.

use maud::{Markup, html};

use crate::i18n::Tr;

const WIDTH: f64 = 680.0;
/// The room for the labels, then for the value after the longest bar.
const LABEL_W: f64 = 170.0;
const VALUE_W: f64 = 150.0;
const ROW_H: f64 = 24.0;
const BAR_H: f64 = 16.0;
const TOP: f64 = 8.0;
/// Okabe–Ito blue, apart for colour-blind readers.
const BAR: &str = "#0072b2";

/// One bar: what it is, its length (in the chart's unit) and its value in words.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// A bar chart of `bars`, the longest `max` long (the longest bar when `None`).
pub fn bars(tr: Tr, id: &str, title: &str, bars: &[Bar], max: Option<f64>) -> Markup {
    if bars.is_empty() {
        return html! { p.muted { (title) ": " (tr.t("accountability-chart-empty")) } };
    }
    let rtl = tr.lang().dir() == "rtl";
    let max = max.unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max)).max(f64::EPSILON);
    let plot_w = WIDTH - LABEL_W - VALUE_W;
    let height = TOP * 2.0 + ROW_H * bars.len() as f64;
    // Positions are computed left to right and mirrored in a right-to-left page.
    let x = |v: f64| if rtl { WIDTH - v } else { v };
    let (start, end) = if rtl { ("start", "end") } else { ("end", "start") };
    let title_id = format!("{id}-title");
    html! {
        figure.chart id=(id) {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) } width="100%"
                role="img" aria-labelledby=(title_id) direction="ltr" font-size="12" font-family="sans-serif" {
                title id=(title_id) { (title) }
                line x1=(x(LABEL_W)) y1=(TOP) x2=(x(LABEL_W)) y2=(height - TOP) stroke="#555" {}
                @for (i, b) in bars.iter().enumerate() {
                    @let y = TOP + ROW_H * i as f64;
                    @let len = (plot_w * (b.value / max).clamp(0.0, 1.0)).max(1.0);
                    @let bar_x = if rtl { WIDTH - LABEL_W - len } else { LABEL_W };
                    text x=(x(LABEL_W - 6.0)) y=(y + BAR_H - 3.0) text-anchor=(start) { (b.label) }
                    rect class="bar" x=(format!("{bar_x:.1}")) y=(y + 2.0) width=(format!("{len:.1}")) height=(BAR_H)
                        fill=(BAR) {
                        title { (b.label) ": " (b.shown) }
                    }
                    text x=(format!("{:.1}", x(LABEL_W + len + 6.0))) y=(y + BAR_H - 3.0) text-anchor=(end) {
                        (b.shown)
                    }
                }
            }
            figcaption { (title) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn two() -> Vec<Bar> {
        vec![
            Bar { label: "X".into(), value: 2.0, shown: "2 h".into() },
            Bar { label: "Facebook".into(), value: 1.0, shown: "1 h".into() },
        ]
    }

    #[test]
    fn bars_are_scaled_to_the_longest_and_mirrored_in_arabic() {
        let ltr = bars(Tr(Lang::En), "c", "Chart", &two(), None).into_string();
        assert!(ltr.contains(r#"x="170.0" y="10" width="360.0""#), "{ltr}");
        assert!(ltr.contains(r#"width="180.0""#), "half as long: {ltr}");
        let rtl = bars(Tr(Lang::Ar), "c", "Chart", &two(), None).into_string();
        assert!(rtl.contains(r#"x="150.0" y="10" width="360.0""#), "grows to the left: {rtl}");
        assert!(!ltr.contains("<script"));
    }
}
