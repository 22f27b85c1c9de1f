//! A country's signals per hour as an SVG drawn on the server: the number of
//! measurements (left axis) and the share that succeeded (right axis, 0–100 %), with the
//! detected events shaded behind them. No script; long periods are drawn in buckets of
//! several hours so the picture stays small.

use maud::{Markup, html};
use vigie_core::Timestamp;
use vigie_core::watch::{EventKind, HourSignal};

use crate::i18n::Tr;
use crate::pages::cases::when;

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 44.0;
/// At most this many points per line.
const MAX_POINTS: usize = 240;
/// Okabe–Ito colours, apart for colour-blind readers.
const VOLUME: &str = "#0072b2";
const SUCCESS: &str = "#009e73";

/// A span to shade: kind, start, end (`None` while open).
pub struct Shade {
    pub kind: EventKind,
    pub start: Timestamp,
    pub end: Option<Timestamp>,
}

/// The hours summed into buckets: (bucket start, measurements, success rate).
pub(super) fn buckets(hours: &[HourSignal]) -> (i64, Vec<(Timestamp, u32, Option<f64>)>) {
    let per = hours.len().div_ceil(MAX_POINTS).max(1);
    let out = hours
        .chunks(per)
        .map(|chunk| {
            let total: u32 = chunk.iter().map(|h| h.counts.total).sum();
            let ok: u32 = chunk.iter().map(|h| h.counts.ok).sum();
            let blocked: u32 = chunk.iter().map(|h| h.counts.blocked()).sum();
            let rate = (ok + blocked > 0).then(|| f64::from(ok) / f64::from(ok + blocked));
            (chunk[0].hour, total, rate)
        })
        .collect();
    (per as i64, out)
}

fn shade_colour(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Outage => "#d55e00",
        EventKind::Blocking => "#cc79a7",
        EventKind::Throttling => "#e69f00",
    }
}

pub fn svg(tr: Tr, hours: &[HourSignal], shades: &[Shade]) -> Markup {
    if hours.is_empty() {
        return html! { p.muted { (tr.t("watch-chart-empty")) } };
    }
    let (per, points) = buckets(hours);
    let first = hours[0].hour.0;
    let last = hours[hours.len() - 1].hour.0 + 3600;
    let max = points.iter().map(|p| p.1).max().unwrap_or(1).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x_of_time = |t: i64| LEFT + plot_w * ((t.clamp(first, last) - first) as f64 / (last - first).max(1) as f64);
    let x = |t: Timestamp| x_of_time(t.0 + per * 1800);
    let y = |v: f64, top: f64| TOP + plot_h * (1.0 - v / top);
    let volume: Vec<String> =
        points.iter().map(|(t, v, _)| format!("{:.1},{:.1}", x(*t), y(f64::from(*v), f64::from(max)))).collect();
    let unit =
        if per == 1 { tr.t("watch-per-hour") } else { tr.t_with("watch-per-hours", &[("hours", &per.to_string())]) };
    let legend_y = HEIGHT - 6.0;
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width="100%"
                role="img" aria-labelledby="watch-chart-title" direction="ltr" font-size="11" font-family="sans-serif" {
                title id="watch-chart-title" { (tr.t("watch-chart-title")) " (" (unit) ")" }
                @for s in shades {
                    @let x0 = x_of_time(s.start.0);
                    @let x1 = x_of_time(s.end.map_or(last, |e| e.0));
                    rect class={ "event " (s.kind.as_str()) } x=(format!("{x0:.1}")) y=(TOP)
                        width=(format!("{:.1}", (x1 - x0).max(2.0))) height=(plot_h)
                        fill=(shade_colour(s.kind)) fill-opacity="0.18" {
                        title { (tr.t(&format!("watch-kind-{}", s.kind.as_str()))) ": " (when(s.start)) }
                    }
                }
                line x1=(LEFT) y1=(TOP + plot_h) x2=(LEFT + plot_w) y2=(TOP + plot_h) stroke="#555" {}
                line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + plot_h) stroke="#555" {}
                line x1=(LEFT + plot_w) y1=(TOP) x2=(LEFT + plot_w) y2=(TOP + plot_h) stroke="#555" {}
                text x=(LEFT - 4.0) y=(TOP + 4.0) text-anchor="end" fill=(VOLUME) { (max) }
                text x=(LEFT - 4.0) y=(TOP + plot_h) text-anchor="end" fill=(VOLUME) { "0" }
                text x=(LEFT + plot_w + 4.0) y=(TOP + 4.0) text-anchor="start" fill=(SUCCESS) { "100%" }
                text x=(LEFT + plot_w + 4.0) y=(TOP + plot_h) text-anchor="start" fill=(SUCCESS) { "0%" }
                text x=(LEFT) y=(TOP + plot_h + 14.0) text-anchor="start" { (when(Timestamp(first))) }
                text x=(LEFT + plot_w) y=(TOP + plot_h + 14.0) text-anchor="end" { (when(Timestamp(last))) " UTC" }
                polyline class="volume" fill="none" stroke=(VOLUME) stroke-width="2" points=(volume.join(" ")) {}
                // The success rate is drawn only where there were conclusive measurements.
                @for run in success_runs(&points) {
                    @let pts: Vec<String> =
                        run.iter().map(|(t, r)| format!("{:.1},{:.1}", x(*t), y(*r, 1.0))).collect();
                    polyline class="success" fill="none" stroke=(SUCCESS) stroke-width="2" stroke-dasharray="4 2"
                        points=(pts.join(" ")) {}
                }
                rect x=(LEFT) y=(legend_y - 9.0) width="10" height="10" fill=(VOLUME) {}
                text x=(LEFT + 14.0) y=(legend_y) { (tr.t("watch-signal-volume")) }
                rect x=(LEFT + 200.0) y=(legend_y - 9.0) width="10" height="10" fill=(SUCCESS) {}
                text x=(LEFT + 214.0) y=(legend_y) { (tr.t("watch-signal-success")) }
            }
            figcaption { (tr.t("watch-chart-title")) " (" (unit) "). " (tr.t("watch-chart-shaded")) }
        }
    }
}

/// Consecutive buckets with a success rate, as separate lines.
fn success_runs(points: &[(Timestamp, u32, Option<f64>)]) -> Vec<Vec<(Timestamp, f64)>> {
    let mut runs: Vec<Vec<(Timestamp, f64)>> = vec![Vec::new()];
    for (t, _, rate) in points {
        match rate {
            Some(r) => runs.last_mut().expect("never empty").push((*t, *r)),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::watch::CellCounts;

    fn hour(h: i64, total: u32, ok: u32) -> HourSignal {
        HourSignal {
            hour: Timestamp(h * 3600),
            counts: CellCounts { total, ok, anomaly: total - ok, ..Default::default() },
        }
    }

    #[test]
    fn long_periods_are_bucketed_and_gaps_split_the_success_line() {
        let hours: Vec<_> = (0..720).map(|h| hour(h, 10, if h < 100 { 10 } else { 5 })).collect();
        let (per, points) = buckets(&hours);
        assert_eq!(per, 3);
        assert_eq!(points.len(), 240);
        assert_eq!(points[0].1, 30);
        let gaps = [(Timestamp(0), 1, Some(1.0)), (Timestamp(1), 0, None), (Timestamp(2), 1, Some(0.5))];
        assert_eq!(success_runs(&gaps).len(), 2);
    }
}
