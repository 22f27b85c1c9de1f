//! `vigie import stop FILE` and `vigie export stop`: disruption records in and out in the
//! 47 columns of Access Now's STOP dataset.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use anyhow::Context;
use serde::Serialize;
use vigie_ingest::{read_stop_csv, write_stop_csv};

use crate::cli::{ExportStopArgs, ImportStopArgs};
use crate::config::instance_config;
use crate::instance::Instance;

#[derive(Serialize)]
struct ImportReport {
    file: String,
    /// Rows read (every row becomes a record).
    records: usize,
    /// Newly stored.
    stored: u64,
    /// Rows identical to a record stored before (the same file imported again): not duplicated.
    already_imported: u64,
    /// Dirty cells, kept as written, per column.
    issues_per_column: BTreeMap<String, usize>,
    issues: Vec<IssueLine>,
    /// Rows that could not be read at all (wrong column count, not UTF-8).
    unreadable: Vec<IssueLine>,
}

#[derive(Serialize)]
struct IssueLine {
    row: u64,
    line: Option<u64>,
    column: Option<String>,
    value: Option<String>,
    problem: String,
}

pub async fn import(args: ImportStopArgs) -> anyhow::Result<()> {
    let file = File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?;
    let parsed =
        read_stop_csv(BufReader::new(file)).with_context(|| format!("{} is not a STOP CSV", args.file.display()))?;
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let watch = instance.services().watch;
    let records: Vec<_> = parsed.records.iter().map(|(_, r)| r.clone()).collect();
    let note = format!(
        "imported from {}",
        args.file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    let (stored, already) = watch.import_disruptions_as_operator(&records, &note).await?;
    let report = ImportReport {
        file: args.file.display().to_string(),
        records: records.len(),
        stored,
        already_imported: already,
        issues_per_column: parsed.issues_per_column().into_iter().map(|(c, n)| (c.to_owned(), n)).collect(),
        issues: parsed
            .issues
            .iter()
            .map(|i| IssueLine {
                row: i.row,
                line: None,
                column: Some(i.column.to_owned()),
                value: Some(i.value.clone()),
                problem: i.problem.to_string(),
            })
            .collect(),
        unreadable: parsed
            .errors
            .iter()
            .map(|e| IssueLine {
                row: e.row,
                line: Some(e.line),
                column: None,
                value: None,
                problem: e.problem.to_string(),
            })
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!(
        "{}: {} imported, {} kept as written, {}",
        report.file,
        super::count(report.records, "record", "records"),
        super::count(report.issues.len(), "dirty cell", "dirty cells"),
        super::count(report.unreadable.len(), "unreadable row", "unreadable rows")
    );
    for (column, n) in &report.issues_per_column {
        println!("  {column}: {n}");
    }
    for i in &report.issues {
        println!(
            "  row {} {}: {:?} — {}",
            i.row,
            i.column.as_deref().unwrap_or(""),
            i.value.as_deref().unwrap_or(""),
            i.problem
        );
    }
    for e in &report.unreadable {
        println!("  row {} (line {}): {}", e.row, e.line.unwrap_or(0), e.problem);
    }
    Ok(())
}

pub async fn export(args: ExportStopArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let watch = instance.services().watch;
    let records: Vec<_> = watch.all_disruptions_as_operator(args.all).await?.into_iter().map(|v| v.record).collect();
    match &args.output {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            write_stop_csv(&mut out, &records)?;
            out.flush()?;
            eprintln!("{} written to {}", super::count(records.len(), "record", "records"), path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write_stop_csv(&mut out, &records)?;
            out.flush()?;
        }
    }
    Ok(())
}
