use proptest::prelude::*;

use super::*;

fn all(input: &str, layout: &SignalCsvLayout) -> Vec<Result<SignalPoint, SignalRowError>> {
    read_signal_csv(input.as_bytes(), layout).collect()
}

#[test]
fn the_default_header_reads_rfc3339_and_epoch_times() {
    let input = "time,region,value\n\
                 2019-07-22T20:00:00Z,Zulia,100\n\
                 2019-07-22T17:00:00-04:00, Zulia ,80.5\n\
                 1563825600,Lara,3\n";
    let rows = all(input, &SignalCsvLayout::default());
    let points: Vec<SignalPoint> = rows.into_iter().map(Result::unwrap).collect();
    assert_eq!(points[0], SignalPoint::new(Timestamp(1_563_825_600), "Zulia", 100.0));
    assert_eq!(points[1], SignalPoint::new(Timestamp(1_563_829_200), "Zulia", 80.5));
    assert_eq!(points[2], SignalPoint::new(Timestamp(1_563_825_600), "Lara", 3.0));
}

#[test]
fn bad_rows_are_reported_with_their_line_and_the_others_kept() {
    let input = "value,extra,REGION,Time\n\
                 1,x,A,2019-07-22T20:00:00Z\n\
                 abc,x,A,2019-07-22T21:00:00Z\n\
                 1,x,,2019-07-22T21:00:00Z\n\
                 1,x,A,22/07/2019\n\
                 1,x,A\n\
                 NaN,x,A,2019-07-22T22:00:00Z\n\
                 2,x,A,2019-07-22T23:00:00Z\n";
    let rows = all(input, &SignalCsvLayout::default());
    assert_eq!(rows.len(), 7);
    assert!(rows[0].is_ok() && rows[6].is_ok());
    let errors: Vec<(u64, String)> =
        rows.iter().filter_map(|r| r.as_ref().err()).map(|e| (e.line, e.reason.to_string())).collect();
    assert_eq!(errors[0], (3, "bad value `abc`: expected a finite number".to_owned()));
    assert_eq!(errors[1], (4, "empty `region`".to_owned()));
    assert_eq!(errors[2].0, 5);
    assert!(errors[2].1.starts_with("bad time `22/07/2019`"), "{}", errors[2].1);
    assert_eq!(errors[3], (6, "malformed CSV row: 3 cells where the header has 4".to_owned()));
    assert_eq!(errors[4].0, 7);
    assert!(rows.iter().filter_map(|r| r.as_ref().err()).all(|e| !e.reason.is_fatal()));
}

#[test]
fn a_missing_column_ends_reading_at_line_one() {
    let rows = all("time,place,value\n2019-07-22T20:00:00Z,A,1\n", &SignalCsvLayout::default());
    assert_eq!(rows.len(), 1);
    let e = rows[0].as_ref().unwrap_err();
    assert_eq!((e.line, e.reason.is_fatal()), (1, true));
    assert_eq!(e.to_string(), "line 1: the header has no column `region`");
}

#[test]
fn local_epochs_and_naive_times_are_shifted_by_the_offset() {
    // Venezuela (UTC−4): an epoch of local time 2019-07-22 16:00 is 20:00 UTC.
    let layout = SignalCsvLayout {
        time_column: "time_e".into(),
        region_column: "name_1".into(),
        value_column: "connectivity".into(),
        offset_secs: -4 * 3600,
        offset_column: None,
    };
    let input = "time_e,name_1,connectivity\n1563811200,Zulia,90\n";
    let p = all(input, &layout).remove(0).unwrap();
    assert_eq!(p.time.rfc3339(), "2019-07-22T20:00:00Z");

    // Kyiv (UTC+2), offset read per row.
    let layout = SignalCsvLayout {
        time_column: "time_local".into(),
        region_column: "adm1_name".into(),
        value_column: "latency_indx".into(),
        offset_secs: 0,
        offset_column: Some("timezone_offset".into()),
    };
    let input = "adm1_name,timezone_offset,time_local,latency_indx\n\
                 Kiev City,2,01-Dec-2021 06:00:00,103.7\n\
                 Kursk,3,2021-12-01 06:00:00,100\n\
                 Kursk,x,2021-12-01 06:00:00,100\n";
    let rows = all(input, &layout);
    assert_eq!(rows[0].as_ref().unwrap().time.rfc3339(), "2021-12-01T04:00:00Z");
    assert_eq!(rows[1].as_ref().unwrap().time.rfc3339(), "2021-12-01T03:00:00Z");
    assert_eq!(rows[2].as_ref().unwrap_err().reason, SignalReason::BadOffset("x".into()));
}

#[test]
fn an_rfc3339_time_keeps_its_own_zone_whatever_the_offset() {
    assert_eq!(parse_time("2019-07-22T16:00:00-04:00", 3 * 3600).unwrap().rfc3339(), "2019-07-22T20:00:00Z");
    assert_eq!(parse_time("22-Foo-2019 16:00:00", 0), Err("unknown month (expected Jan … Dec)"));
}

proptest! {
    #[test]
    fn arbitrary_cells_never_panic(cells in proptest::collection::vec("\\PC{0,24}", 3)) {
        let input = format!("time,region,value\n\"{}\",\"{}\",\"{}\"\n",
            cells[0].replace('"', ""), cells[1].replace('"', ""), cells[2].replace('"', ""));
        let rows = all(&input, &SignalCsvLayout::default());
        prop_assert_eq!(rows.len(), 1);
    }

    #[test]
    fn rfc3339_and_epoch_agree(secs in 0i64..4_000_000_000) {
        let t = Timestamp(secs);
        prop_assert_eq!(parse_time(&t.rfc3339(), 0), Ok(t));
        prop_assert_eq!(parse_time(&secs.to_string(), 0), Ok(t));
        let naive = t.rfc3339().trim_end_matches('Z').replace('T', " ");
        prop_assert_eq!(parse_time(&naive, 3600), Ok(Timestamp(secs - 3600)));
    }
}
