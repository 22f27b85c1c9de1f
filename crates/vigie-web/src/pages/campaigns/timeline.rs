//! The campaign's timeline as an SVG drawn on the server: posts per hour, one line per
//! platform, axis labels and a legend. No script, readable in any browser; long
//! campaigns are drawn in buckets of several hours so the picture stays small.

use std::collections::BTreeMap;

use maud::{Markup, html};
use vigie_core::Timestamp;
use vigie_core::campaign::report::HourCount;

use super::platform_name;
use crate::i18n::Tr;
use crate::pages::cases::when;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 40.0;
/// At most this many points per line.
const MAX_POINTS: i64 = 240;
/// Colours that stay apart for colour-blind readers (Okabe–Ito).
const COLOURS: [&str; 7] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];

/// Posts per bucket and platform: the bucket width in hours, the first bucket's start,
/// the number of buckets, and per platform (most posts first) its counts.
pub(super) struct Series {
    pub hours_per_bucket: i64,
    pub start: i64,
    pub buckets: usize,
    pub lines: Vec<(String, Vec<u32>)>,
}

pub(super) fn series(timeline: &[HourCount]) -> Option<Series> {
    let first = timeline.iter().map(|h| h.hour).min()?;
    let last = timeline.iter().map(|h| h.hour).max()?;
    let hours = (last - first) / 3600 + 1;
    let hours_per_bucket = (hours + MAX_POINTS - 1) / MAX_POINTS;
    let buckets = ((hours + hours_per_bucket - 1) / hours_per_bucket) as usize;
    let mut by_platform: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for h in timeline {
        let i = ((h.hour - first) / 3600 / hours_per_bucket) as usize;
        by_platform.entry(h.platform.as_str()).or_insert_with(|| vec![0; buckets])[i] += h.posts;
    }
    let mut lines: Vec<(String, Vec<u32>)> = by_platform.into_iter().map(|(p, c)| (p.to_owned(), c)).collect();
    lines.sort_by_key(|(_, c)| std::cmp::Reverse(c.iter().sum::<u32>()));
    Some(Series { hours_per_bucket, start: first, buckets, lines })
}

pub(super) fn svg(tr: Tr, timeline: &[HourCount]) -> Markup {
    let Some(s) = series(timeline) else { return html! {} };
    let max = s.lines.iter().flat_map(|(_, c)| c.iter().copied()).max().unwrap_or(1).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        if s.buckets <= 1 { LEFT + plot_w / 2.0 } else { LEFT + plot_w * i as f64 / (s.buckets - 1) as f64 }
    };
    let y = |v: u32| TOP + plot_h * (1.0 - f64::from(v) / f64::from(max));
    let end = s.start + (s.buckets as i64 - 1) * s.hours_per_bucket * 3600;
    let unit = if s.hours_per_bucket == 1 {
        tr.t("timeline-per-hour")
    } else {
        tr.t_with("timeline-per-hours", &[("hours", &s.hours_per_bucket.to_string())])
    };
    let legend_y = HEIGHT - 6.0;
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width="100%"
                role="img" aria-labelledby="timeline-title" direction="ltr" font-size="11" font-family="sans-serif" {
                title id="timeline-title" { (tr.t("timeline-title")) " (" (unit) ")" }
                line x1=(LEFT) y1=(TOP + plot_h) x2=(LEFT + plot_w) y2=(TOP + plot_h) stroke="#555" {}
                line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + plot_h) stroke="#555" {}
                text x=(LEFT - 4.0) y=(TOP + 4.0) text-anchor="end" { (max) }
                text x=(LEFT - 4.0) y=(TOP + plot_h) text-anchor="end" { "0" }
                text x=(LEFT) y=(TOP + plot_h + 14.0) text-anchor="start" { (when(Timestamp(s.start))) }
                text x=(LEFT + plot_w) y=(TOP + plot_h + 14.0) text-anchor="end" { (when(Timestamp(end))) " UTC" }
                @for (n, (platform, counts)) in s.lines.iter().enumerate() {
                    @let colour = COLOURS[n % COLOURS.len()];
                    @let points: Vec<String> =
                        counts.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v))).collect();
                    g class="series" data-platform=(platform) {
                        polyline fill="none" stroke=(colour) stroke-width="2" points=(points.join(" ")) {}
                        @for (i, v) in counts.iter().enumerate().filter(|(_, v)| **v > 0) {
                            circle cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(*v))) r="2.5" fill=(colour) {
                                title { (platform_name(tr, platform)) ": " (v) }
                            }
                        }
                    }
                    @let lx = LEFT + 120.0 * n as f64;
                    rect x=(lx) y=(legend_y - 9.0) width="10" height="10" fill=(colour) {}
                    text x=(lx + 14.0) y=(legend_y) { (platform_name(tr, platform)) }
                }
            }
            figcaption { (tr.t("timeline-title")) " (" (unit) ")" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hour(h: i64, platform: &str, posts: u32) -> HourCount {
        HourCount { hour: h * 3600, platform: platform.into(), posts }
    }

    #[test]
    fn hours_without_posts_count_zero_and_platforms_get_a_line_each() {
        let s = series(&[hour(10, "x", 3), hour(12, "x", 1), hour(12, "telegram", 5)]).unwrap();
        assert_eq!((s.hours_per_bucket, s.buckets), (1, 3));
        assert_eq!(s.lines, [("telegram".to_owned(), vec![0, 0, 5]), ("x".to_owned(), vec![3, 0, 1])]);
    }

    #[test]
    fn a_long_campaign_is_drawn_in_buckets() {
        let s = series(&[hour(0, "x", 1), hour(999, "x", 2)]).unwrap();
        assert_eq!(s.hours_per_bucket, 5);
        assert!(s.buckets <= MAX_POINTS as usize);
        assert_eq!(s.lines[0].1.iter().sum::<u32>(), 3);
    }
}
