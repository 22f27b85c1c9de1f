//! Property: generated records go through `write_stop_csv` and `read_stop_csv` unchanged,
//! whatever their cells hold (STOP's words, lists of them, dates, numbers, or any text
//! with commas, quotes, line breaks and spaces at either end).

use proptest::prelude::*;
use vigie_core::watch::disruption::{
    Answer, Cause, Date, Disruption, GeoScope, Justification, Network, Origin, STOP_WIDTH, ShutdownExtent,
    ShutdownType, Status, Users, Vocabulary, Written,
};
use vigie_ingest::{read_stop_csv, write_stop_csv};

fn words() -> Vec<&'static str> {
    [
        Answer::WORDS,
        Cause::WORDS,
        GeoScope::WORDS,
        Justification::WORDS,
        Network::WORDS,
        ShutdownExtent::WORDS,
        ShutdownType::WORDS,
        Status::WORDS,
        Users::WORDS,
    ]
    .concat()
}

fn date() -> impl Strategy<Value = String> {
    (1990i32..2040, 1u8..=12, 1u8..=31)
        .prop_filter_map("a real day", |(y, m, d)| Date::new(y, m, d))
        .prop_map(|d| Written::from_value(d).written().to_owned())
}

/// One cell: mostly what STOP files hold, sometimes anything.
fn cell() -> impl Strategy<Value = String> {
    let words = words();
    prop_oneof![
        Just(String::new()),
        proptest::sample::select(words.clone()).prop_map(str::to_owned),
        proptest::collection::vec(proptest::sample::select(words), 1..4).prop_map(|w| w.join(", ")),
        date(),
        (-50_000i32..50_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        "[ -~]{0,12}",
        "(\\PC|[\r\n\"',;])*",
    ]
}

fn row() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(cell(), STOP_WIDTH)
}

fn record(cells: &[String], row: u64) -> Disruption {
    let fields: [&str; STOP_WIDTH] = std::array::from_fn(|i| cells[i].as_str());
    Disruption::from_stop_fields(&fields, Origin::ImportedStop { row })
}

proptest! {
    #[test]
    fn generated_records_survive_a_write_and_a_read(rows in proptest::collection::vec(row(), 0..6)) {
        let records: Vec<Disruption> = rows.iter().enumerate().map(|(i, r)| record(r, i as u64 + 2)).collect();
        for (r, d) in rows.iter().zip(&records) {
            prop_assert_eq!(&d.to_stop_fields()[..], &r[..]);
        }
        let mut bytes = Vec::new();
        write_stop_csv(&mut bytes, &records).unwrap();
        let import = read_stop_csv(&bytes[..]).unwrap();
        prop_assert!(import.errors.is_empty(), "{:?}", import.errors);
        let back: Vec<Disruption> = import.records.into_iter().map(|(_, d)| d).collect();
        prop_assert_eq!(back, records);
    }

    #[test]
    fn generated_records_survive_json(cells in row()) {
        let d = record(&cells, 2);
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<Disruption>(&json).unwrap(), d);
    }
}
