//! `vigie import observations FILE…`: public posts in, for campaign detection.

use std::collections::BTreeMap;

use anyhow::bail;
use serde::Serialize;
use vigie_core::campaign::service::IMPORT_BATCH;
use vigie_core::campaign::{Campaigns, ImportCounts};
use vigie_core::observation::{ImportSummary, Observation};
use vigie_ingest::ObservationReader;

use crate::cli::ImportObservationsArgs;
use crate::config::instance_config;
use crate::instance::Instance;

/// What happened to one file.
#[derive(Serialize)]
struct FileReport {
    file: String,
    /// Valid rows read.
    taken: u64,
    /// Newly stored.
    stored: u64,
    /// Already stored before (same platform and post id), not duplicated.
    duplicates: u64,
    skipped: u64,
    skipped_by_reason: BTreeMap<String, u64>,
    /// The first refusals, with their line numbers.
    first_errors: Vec<RowProblem>,
    /// The file could not be read at all.
    error: Option<String>,
}

#[derive(Serialize)]
struct RowProblem {
    line: u64,
    reason: String,
}

pub async fn observations(args: ImportObservationsArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let service = instance.services().campaigns;
    let mut reports = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let report = match ObservationReader::open(path) {
            Ok(reader) if named_gz(path) && !reader.is_gzip() => failed_report(
                name,
                "the name ends in .gz but the file is not gzip-compressed (it does not start with 1f 8b); \
                 rename it or compress it",
            ),
            Ok(reader) => judged(import_file(&service, reader, &name).await?),
            Err(e) => failed_report(name, &e.to_string()),
        };
        reports.push(report);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        for r in &reports {
            print_report(r);
        }
    }
    let failed: Vec<&str> = reports.iter().filter(|r| r.error.is_some()).map(|r| r.file.as_str()).collect();
    if !failed.is_empty() {
        bail!("could not import {} in full (see above; the other files were imported)", failed.join(", "));
    }
    Ok(())
}

fn named_gz(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

fn failed_report(file: String, error: &str) -> FileReport {
    FileReport {
        file,
        taken: 0,
        stored: 0,
        duplicates: 0,
        skipped: 0,
        skipped_by_reason: BTreeMap::new(),
        first_errors: Vec::new(),
        error: Some(error.to_owned()),
    }
}

/// A file read with trouble is a failed import even when some rows went in: one that
/// could not be read to its end (a truncated or damaged gzip, a failing disk), and one
/// whose every row was skipped.
fn judged(mut r: FileReport) -> FileReport {
    if r.skipped_by_reason.contains_key("read error") {
        let kept = r.stored + r.duplicates;
        r.error = Some(format!(
            "the file could not be read to its end (truncated or damaged?); the {} before the fault were kept",
            super::count(kept, "row", "rows")
        ));
    } else if r.skipped > 0 && r.stored + r.duplicates == 0 {
        r.error =
            Some(format!("every row was skipped ({}); nothing was imported", super::count(r.skipped, "row", "rows")));
    }
    r
}

async fn import_file(service: &Campaigns, mut reader: ObservationReader, name: &str) -> anyhow::Result<FileReport> {
    let bar = super::bytes_progress_bar(reader.total_bytes(), name);
    let mut summary = ImportSummary::default();
    let mut counts = ImportCounts::default();
    let mut batch: Vec<Observation> = Vec::with_capacity(IMPORT_BATCH);
    loop {
        let next = reader.next();
        let done = next.is_none();
        if let Some(row) = next {
            summary.record(&row);
            if let Ok(observation) = row {
                batch.push(observation);
            }
        }
        if batch.len() >= IMPORT_BATCH || (done && !batch.is_empty()) {
            let stored = service.import_as_operator(&batch).await?;
            counts.stored += stored.stored;
            counts.duplicates += stored.duplicates;
            batch.clear();
            bar.set_position(reader.bytes_read());
        }
        if done {
            break;
        }
    }
    bar.finish_and_clear();
    Ok(FileReport {
        file: name.to_owned(),
        taken: summary.taken,
        stored: counts.stored,
        duplicates: counts.duplicates,
        skipped: summary.skipped(),
        skipped_by_reason: summary.skipped_by_reason.clone(),
        first_errors: summary
            .first_errors
            .iter()
            .map(|e| RowProblem { line: e.line, reason: e.reason.to_string() })
            .collect(),
        error: None,
    })
}

fn print_report(r: &FileReport) {
    if let Some(error) = &r.error {
        eprintln!("{}: {error}", r.file);
        if r.taken + r.skipped == 0 {
            return;
        }
    }
    println!(
        "{}: {} read, {} stored, {} already imported (not duplicated), {} skipped",
        r.file,
        super::count(r.taken, "row", "rows"),
        r.stored,
        r.duplicates,
        r.skipped
    );
    for (reason, count) in &r.skipped_by_reason {
        println!("  skipped {count} × {reason}");
    }
    for e in &r.first_errors {
        println!("  line {}: {}", e.line, e.reason);
    }
    if r.skipped > r.first_errors.len() as u64 {
        let more = r.skipped - r.first_errors.len() as u64;
        println!("  … {} more skipped (counted above)", super::count(more, "row", "rows"));
    }
}
