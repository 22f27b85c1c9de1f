//! `vigie watch detect`: the outage events of a signal CSV, as JSON lines.

use std::io::{BufWriter, Write};

use anyhow::{Context, bail};
use serde::Serialize;
use vigie_core::watch::{OutageEvent, SignalCsvLayout, WatchSettings, detect_outages, read_signal_csv};

use crate::cli::WatchDetectArgs;

/// One event as printed: times in RFC 3339, `end` null while the outage is ongoing.
#[derive(Serialize)]
struct EventLine<'a> {
    region: &'a str,
    start: String,
    end: Option<String>,
    /// Drop-hours: the sum over alerting points of (1 − value / baseline) × hours covered.
    severity: f64,
    min_ratio: f64,
    points: usize,
    baseline: f64,
}

impl<'a> From<&'a OutageEvent> for EventLine<'a> {
    fn from(e: &'a OutageEvent) -> Self {
        Self {
            region: &e.region,
            start: e.start.rfc3339(),
            end: e.end.map(vigie_core::Timestamp::rfc3339),
            severity: e.severity,
            min_ratio: e.min_ratio,
            points: e.points,
            baseline: e.baseline,
        }
    }
}

fn hours_to_secs(hours: f64, flag: &str) -> anyhow::Result<i64> {
    if !hours.is_finite() || hours.abs() > 1e6 {
        bail!("{flag} must be a finite number of hours (got {hours})");
    }
    Ok((hours * 3600.0).round() as i64)
}

fn settings_of(args: &WatchDetectArgs) -> anyhow::Result<WatchSettings> {
    let settings = WatchSettings {
        ratio: args.ratio,
        window_secs: hours_to_secs(args.window_days * 24.0, "--window-days")?,
        warmup_secs: hours_to_secs(args.warmup_hours, "--warmup-hours")?,
        warmup_points: args.warmup_points,
        recovery_points: args.recovery_points,
        ..WatchSettings::default()
    };
    Ok(settings.validate()?)
}

pub fn detect(args: &WatchDetectArgs) -> anyhow::Result<()> {
    let settings = settings_of(args)?;
    let layout = SignalCsvLayout {
        time_column: args.time_column.clone(),
        region_column: args.region_column.clone(),
        value_column: args.value_column.clone(),
        offset_secs: hours_to_secs(args.time_offset_hours, "--time-offset-hours")?,
        offset_column: args.offset_column.clone(),
    };
    let path = &args.signal;
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut points = Vec::new();
    let mut skipped = 0usize;
    for row in read_signal_csv(std::io::BufReader::new(file), &layout) {
        match row {
            Ok(point) => points.push(point),
            Err(e) if e.reason.is_fatal() => bail!("{}: {e}", path.display()),
            Err(e) => {
                skipped += 1;
                eprintln!("{}: {e} (skipped)", path.display());
            }
        }
    }
    let events = detect_outages(&points, &settings);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for event in &events {
        serde_json::to_writer(&mut out, &EventLine::from(event))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{} read, {} skipped, {}",
        super::count(points.len(), "point", "points"),
        super::count(skipped, "bad row", "bad rows"),
        super::count(events.len(), "outage event", "outage events")
    );
    Ok(())
}

/// `vigie watch refresh`: the detectors over the stored measurements, now, or over a
/// past period.
pub async fn refresh(args: crate::cli::WatchRefreshArgs) -> anyhow::Result<()> {
    let instance = crate::instance::Instance::open(&crate::config::instance_config(&args.instance)?).await?;
    let watch = instance.services().watch;
    let mut codes = Vec::new();
    for c in &args.country {
        codes.push(
            vigie_core::watch::service::parse_country(c)
                .map_err(|_| anyhow::anyhow!("{c:?} is not a two-letter country code"))?,
        );
    }
    let (report, open_at_end) = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let from = day(from)?;
            let to = day(to)?.plus_secs(86_400);
            if to <= from {
                bail!("--to must not be before --from");
            }
            if codes.is_empty() {
                codes = watch.countries_since_as_operator(from).await?.into_iter().map(|c| c.country).collect();
            }
            watch.refresh_between(&codes, from, to).await?
        }
        _ if codes.is_empty() => (watch.refresh_all().await?, 0),
        _ => (watch.refresh(&codes).await?, 0),
    };
    println!(
        "{} checked: {} opened, {} closed, {} proposed",
        super::count(report.countries, "country", "countries"),
        super::count(report.events_opened, "event", "events"),
        report.events_closed,
        super::count(report.disruptions_proposed, "disruption record", "disruption records")
    );
    if open_at_end > 0 {
        let events = super::count(open_at_end, "event", "events");
        let were = if open_at_end == 1 { "was" } else { "were" };
        println!("{events} still under way at the end of the period {were} left out: extend --to");
    }
    Ok(())
}

/// A day as `YYYY-MM-DD` (UTC midnight).
fn day(raw: &str) -> anyhow::Result<vigie_core::Timestamp> {
    vigie_core::Timestamp::parse_rfc3339(&format!("{}T00:00:00Z", raw.trim()))
        .map_err(|e| anyhow::anyhow!("{raw:?} is not a day written YYYY-MM-DD ({e})"))
}
