//! The STOP importer and exporter on Access Now's real rows for 2016–2020 (793 rows × 47
//! columns, in the shared data folder): every row becomes a record, the dirty cells are
//! reported, and an export gives back the file exactly. Without the data folder the tests
//! say why they skip, except on CI.

use std::path::PathBuf;

use vigie_core::watch::disruption::{Answer, Network, Problem, STOP_COLUMNS, ShutdownExtent, Status, Vocabulary};
use vigie_ingest::{StopImport, read_stop_csv, write_stop_csv};

/// `$VIGIE_SHARED_DATA`, or the first `shared/data` found walking up from this crate.
fn shared_data() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("VIGIE_SHARED_DATA") {
        return Some(PathBuf::from(dir));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared").join("data")).find(|p| p.is_dir())
}

fn stop_file() -> Option<Vec<u8>> {
    let name = "stop/stop_2016-2020.csv";
    let path = shared_data().map(|d| d.join(name)).filter(|p| p.is_file());
    if path.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{name} is missing (set VIGIE_SHARED_DATA)");
        eprintln!("skipped: {name} not found (set VIGIE_SHARED_DATA to the shared `data` folder)");
    }
    path.map(|p| std::fs::read(p).unwrap())
}

fn import(bytes: &[u8]) -> StopImport {
    read_stop_csv(bytes).unwrap()
}

fn record(import: &StopImport, row: u64) -> &vigie_core::watch::disruption::Disruption {
    &import.records.iter().find(|(r, _)| *r == row).unwrap_or_else(|| panic!("no row {row}")).1
}

fn has_issue(import: &StopImport, row: u64, column: &str, problem: &Problem) -> bool {
    import.issues.iter().any(|i| i.row == row && i.column == column && &i.problem == problem)
}

/// Every cell of a CSV file, read independently of the importer.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn every_row_of_the_sample_becomes_a_record_and_dirty_cells_are_reported() {
    let Some(bytes) = stop_file() else { return };
    let import = import(&bytes);
    assert_eq!(import.records.len(), 793);
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let rows: Vec<u64> = import.records.iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, (2..=794).collect::<Vec<_>>());

    eprintln!("{} issues in {} rows:", import.issues.len(), import.records.len());
    for (column, n) in import.issues_per_column() {
        eprintln!("  {column:<20} {n}");
    }

    // Row 287 (Syria, 27 May 2018): a duration of "Curfew Style", kept and reported.
    let curfew = record(&import, 287);
    assert_eq!(curfew.country.name, "Syrian Arab Republic");
    assert_eq!(curfew.duration.written(), "Curfew Style");
    assert!(curfew.duration.value().is_none());
    assert!(has_issue(&import, 287, "duration", &Problem::NotANumberOfDays));

    // Row 3 (Iran, since 24 May 2009): ongoing, no end date, both networks, services only.
    let iran = record(&import, 3);
    assert_eq!(iran.country.code.as_ref().map(|c| c.as_str()), Some("IR"));
    assert_eq!(iran.status, Some(Status::Ongoing));
    assert!(iran.end.is_empty());
    assert_eq!(iran.affected_network.0, vec![Network::Broadband, Network::Mobile]);
    assert_eq!(iran.shutdown_extent.0, vec![ShutdownExtent::ServiceBased]);
    assert!(!import.issues.iter().any(|i| i.row == 3 && i.column == "end_date"));

    // Row 175: Somaliland has no ISO code; kept by name and reported.
    let somaliland = record(&import, 175);
    assert_eq!((somaliland.country.name.as_str(), somaliland.country.code.as_ref()), ("Somaliland", None));
    assert!(has_issue(&import, 175, "country", &Problem::UnknownCountry));

    // Three rows end before they start.
    for row in [658, 693, 712] {
        assert!(has_issue(&import, row, "end_date", &Problem::EndBeforeStart), "row {row}");
    }
    // "School exams" is STOP's "School Exams" spelt otherwise: kept as written.
    let spelt = import.issues.iter().filter(|i| i.problem == Problem::Spelling { stop: "School Exams" }).count();
    assert_eq!(spelt, 7);

    // The yes/no columns hold STOP's words only.
    let answers = import.records.iter().flat_map(|(_, d)| {
        let s = &d.services;
        [&s.facebook, &s.twitter, &s.whatsapp, &s.instagram, &s.telegram, &s.sms, &s.phone_calls]
    });
    assert!(answers.flatten().all(Answer::is_known));
}

#[test]
fn an_export_of_the_import_is_the_original_file() {
    let Some(bytes) = stop_file() else { return };
    let import = import(&bytes);
    let records: Vec<_> = import.records.iter().map(|(_, d)| d.clone()).collect();
    let mut exported = Vec::new();
    write_stop_csv(&mut exported, &records).unwrap();

    // Field by field, every row and column: nothing normalised, not even whitespace.
    let (original, again) = (cells(&bytes), cells(&exported));
    assert_eq!(original.len(), 794);
    assert_eq!(again.len(), original.len());
    assert_eq!(again[0], STOP_COLUMNS);
    let mut compared = 0;
    for (row, (a, b)) in original.iter().zip(&again).enumerate() {
        assert_eq!(a.len(), 47, "row {}", row + 1);
        for (column, (x, y)) in a.iter().zip(b).enumerate() {
            assert_eq!(x, y, "row {}, column {}", row + 1, STOP_COLUMNS[column]);
            compared += 1;
        }
    }
    assert_eq!(compared, 794 * 47);
    // And the bytes: same quoting, same CRLF line ends.
    assert!(exported == bytes, "same cells but different bytes");
}

#[test]
fn importing_an_export_gives_the_same_records_and_issues() {
    let Some(bytes) = stop_file() else { return };
    let first = import(&bytes);
    let records: Vec<_> = first.records.iter().map(|(_, d)| d.clone()).collect();
    let mut exported = Vec::new();
    write_stop_csv(&mut exported, &records).unwrap();
    let second = import(&exported);
    assert_eq!(second.records, first.records);
    assert_eq!(second.issues, first.issues);
}

#[test]
fn records_survive_json_as_the_store_keeps_them() {
    let Some(bytes) = stop_file() else { return };
    for (row, record) in import(&bytes).records {
        let json = serde_json::to_string(&record).unwrap();
        let back: vigie_core::watch::disruption::Disruption = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record, "row {row}");
    }
}
