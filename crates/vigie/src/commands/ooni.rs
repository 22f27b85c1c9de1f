//! `vigie import ooni PATH…`: OONI measurements in, classified, stored once, aggregated
//! per hour; then detection for the countries touched.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::bail;
use serde::Serialize;
use vigie_core::watch::ooni::Origin;
use vigie_core::watch::service::STORE_BATCH;
use vigie_core::watch::{MeasurementFacts, RefreshReport, Watch};
use vigie_ingest::OoniReader;

use crate::cli::ImportOoniArgs;
use crate::config::instance_config;
use crate::instance::Instance;

/// What happened to one path.
#[derive(Serialize, Default)]
struct PathReport {
    path: String,
    files: usize,
    /// Files in a folder that are not measurement files (by name), left aside.
    skipped_files: Vec<String>,
    /// Documents read.
    read: u64,
    /// Measurements classified.
    classified: u64,
    /// Newly stored (the others were imported before).
    stored: u64,
    by_outcome: BTreeMap<String, u64>,
    /// Documents that gave no measurement, by reason (ZZ country, AS0, not a measurement…).
    dropped_by_reason: BTreeMap<String, u64>,
    /// The first problems, with file and line.
    first_errors: Vec<String>,
    /// The path could not be read at all.
    error: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    paths: Vec<PathReport>,
    detection: Option<DetectionReport>,
    /// Measurements older than the period detection reads: the days to pass to
    /// `vigie watch refresh --from … --to …` to analyse them.
    older: Option<OlderMeasurements>,
}

#[derive(Serialize)]
struct OlderMeasurements {
    count: u64,
    from: String,
    to: String,
}

#[derive(Serialize)]
struct DetectionReport {
    countries: usize,
    events_opened: usize,
    events_closed: usize,
    disruptions_proposed: usize,
}

const MAX_ERRORS_SHOWN: usize = 20;

pub async fn import(args: ImportOoniArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let watch = instance.services().watch;
    let mut countries = BTreeSet::new();
    let mut reports = Vec::new();
    let recent = watch.now().0 - vigie_core::watch::service::HISTORY_DAYS * 86_400;
    let mut older = Older { recent, count: 0, first: i64::MAX, last: i64::MIN };
    for path in &args.paths {
        let name = path.display().to_string();
        let report = match OoniReader::open(path, Origin::Archive) {
            Ok(reader) => import_path(&watch, reader, &name, &mut countries, &mut older).await?,
            Err(e) => PathReport { path: name, error: Some(e.to_string()), ..Default::default() },
        };
        reports.push(report);
    }
    let detection = if args.no_detect || countries.is_empty() {
        None
    } else {
        let RefreshReport { countries, events_opened, events_closed, disruptions_proposed, .. } =
            watch.refresh(&countries.into_iter().collect::<Vec<_>>()).await?;
        Some(DetectionReport { countries, events_opened, events_closed, disruptions_proposed })
    };
    let day = |t: i64| vigie_core::Timestamp(t).rfc3339()[..10].to_owned();
    let older = (older.count > 0).then(|| OlderMeasurements {
        count: older.count,
        from: day(older.first),
        to: day(older.last.min(recent)),
    });
    let summary = Summary { paths: reports, detection, older };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary);
    }
    let failed: Vec<&str> = summary.paths.iter().filter(|r| r.error.is_some()).map(|r| r.path.as_str()).collect();
    if !failed.is_empty() {
        bail!("could not read {} (the other paths were imported)", failed.join(", "));
    }
    Ok(())
}

/// The measurements older than what detection reads.
struct Older {
    recent: i64,
    count: u64,
    first: i64,
    last: i64,
}

async fn import_path(
    watch: &Watch,
    mut reader: OoniReader,
    name: &str,
    countries: &mut BTreeSet<String>,
    older: &mut Older,
) -> anyhow::Result<PathReport> {
    let bar = super::bytes_progress_bar(reader.bytes().1, name);
    let mut report = PathReport {
        path: name.to_owned(),
        files: reader.files().len(),
        skipped_files: reader.skipped_files().iter().map(|p| p.display().to_string()).collect(),
        ..Default::default()
    };
    while let Some(items) = reader.next_batch(STORE_BATCH) {
        let mut facts: Vec<MeasurementFacts> = Vec::with_capacity(items.len());
        for item in items {
            report.read += 1;
            match item {
                Ok(f) => {
                    report.classified += 1;
                    *report.by_outcome.entry(f.outcome.as_str().to_owned()).or_default() += 1;
                    countries.insert(f.country.clone());
                    if f.measured_at.0 < older.recent {
                        older.count += 1;
                        older.first = older.first.min(f.measured_at.0);
                        older.last = older.last.max(f.measured_at.0);
                    }
                    facts.push(f);
                }
                Err(e) => {
                    *report.dropped_by_reason.entry(e.reason.code().to_owned()).or_default() += 1;
                    if report.first_errors.len() < MAX_ERRORS_SHOWN {
                        report.first_errors.push(e.to_string());
                    }
                }
            }
        }
        report.stored += watch.store_measurements(&facts).await?;
        bar.set_position(reader.bytes().0);
    }
    bar.finish_and_clear();
    Ok(report)
}

fn print_summary(s: &Summary) {
    for r in &s.paths {
        if let Some(error) = &r.error {
            eprintln!("{}: {error}", r.path);
            continue;
        }
        println!(
            "{}: {}, {} read, {} classified, {} stored ({} already imported)",
            r.path,
            super::count(r.files, "file", "files"),
            super::count(r.read, "document", "documents"),
            super::count(r.classified, "measurement", "measurements"),
            r.stored,
            r.classified - r.stored
        );
        let outcomes: Vec<String> = r.by_outcome.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if !outcomes.is_empty() {
            println!("  outcomes: {}", outcomes.join(", "));
        }
        for (reason, count) in &r.dropped_by_reason {
            println!("  left out {count} × {reason}");
        }
        for e in &r.first_errors {
            println!("  {e}");
        }
        let dropped: u64 = r.dropped_by_reason.values().sum();
        if dropped > r.first_errors.len() as u64 {
            println!("  … {} more left out (counted above)", dropped - r.first_errors.len() as u64);
        }
        if !r.skipped_files.is_empty() {
            println!("  not measurement files, left aside: {}", r.skipped_files.join(", "));
        }
    }
    if let Some(o) = &s.older {
        println!(
            "{} older than the {} days detection reads; to analyse them: vigie watch refresh --from {} --to {}",
            if o.count == 1 { "1 measurement is".to_owned() } else { format!("{} measurements are", o.count) },
            vigie_core::watch::service::HISTORY_DAYS,
            o.from,
            o.to
        );
    }
    if let Some(d) = &s.detection {
        println!(
            "detection over {}: {} opened, {} closed, {} proposed",
            super::count(d.countries, "country", "countries"),
            super::count(d.events_opened, "event", "events"),
            d.events_closed,
            super::count(d.disruptions_proposed, "disruption record", "disruption records")
        );
    }
}
