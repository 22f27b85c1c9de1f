use super::*;

const HEADER: &str = "platform,post_id,author,created_at,text,hashtags,media_phash,extra\n";

fn all(input: &str) -> Vec<Result<Observation, RowError>> {
    read_csv(input.as_bytes()).collect()
}

#[test]
fn rows_in_arabic_and_french_parse_with_both_list_forms() {
    let input = format!(
        "{HEADER}x,1,@akhbar,2026-11-23T16:40:00Z,لا للعهدة الخامسة,#لا_للعهدة|#الجزائر,,z\n\
         facebook,2,Collectif,2026-11-23T17:40:00+01:00,\"Votez, votez !\",\
         \"[\"\"#Vote\"\",\"\"#DZ\"\"]\",D1C4B2A09F8E7766,\n"
    );
    let rows = all(&input);
    assert_eq!(rows.len(), 2);
    let ar = rows[0].as_ref().unwrap();
    assert_eq!(ar.hashtags(), ["لا_للعهدة", "الجزائر"]);
    assert!(ar.media_phash().is_empty());
    let fr = rows[1].as_ref().unwrap();
    assert_eq!(fr.text(), "Votez, votez !");
    assert_eq!(fr.hashtags(), ["vote", "dz"]);
    assert_eq!(fr.created_at(), ar.created_at());
    assert_eq!(fr.media_phash(), ["d1c4b2a09f8e7766"]);
}

#[test]
fn a_malformed_row_in_the_middle_is_reported_and_the_others_are_kept() {
    let input = format!(
        "{HEADER}x,1,a,2026-11-23T16:40:00Z,un,,,\n\
         x,2,b,2026-11-23T16:40:00Z\n\
         x,3,c,not a time,trois,,,\n\
         x,4,d,2026-11-23T16:41:00Z,quatre,,,\n"
    );
    let rows = all(&input);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].as_ref().unwrap().post_id(), "1");
    let bad = rows[1].as_ref().unwrap_err();
    assert_eq!(bad.line, 3);
    assert!(matches!(bad.reason, Reason::MalformedCsv(_)), "{bad}");
    let bad = rows[2].as_ref().unwrap_err();
    assert_eq!(bad.line, 4);
    assert!(matches!(bad.reason, Reason::BadTime { field: "created_at", .. }));
    assert_eq!(rows[3].as_ref().unwrap().post_id(), "4");
}

#[test]
fn a_row_that_is_not_utf8_is_skipped_with_its_line() {
    let mut input = HEADER.as_bytes().to_vec();
    input.extend_from_slice(b"x,1,a,2026-11-23T16:40:00Z,caf\xe9,,,\nx,2,b,2026-11-23T16:40:00Z,ok,,,\n");
    let rows: Vec<_> = read_csv(&input[..]).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].as_ref().unwrap_err(), &RowError { line: 2, reason: Reason::NotUtf8 });
    assert!(rows[1].is_ok());
}

#[test]
fn line_numbers_count_newlines_inside_quoted_cells() {
    let input = format!("{HEADER}x,1,a,2026-11-23T16:40:00Z,\"deux\nlignes\",,,\nx,2,,2026-11-23T16:40:00Z,,,,\n");
    let rows = all(&input);
    assert!(rows[0].is_ok());
    assert_eq!(rows[1].as_ref().unwrap_err(), &RowError { line: 4, reason: Reason::MissingField("author") });
}

#[test]
fn column_order_and_case_do_not_matter() {
    let rows = all("Created_At,AUTHOR,post_id,platform\n2026-11-23T16:40:00Z,a,1,telegram\n");
    assert_eq!(rows[0].as_ref().unwrap().platform(), "telegram");
}

#[test]
fn a_bad_json_list_cell_is_named() {
    let rows = all(&format!("{HEADER}x,1,a,2026-11-23T16:40:00Z,t,[\"\"oops,,\n"));
    assert!(matches!(rows[0].as_ref().unwrap_err().reason, Reason::WrongType { field: "hashtags", .. }));
}

#[test]
fn an_empty_file_gives_nothing() {
    assert!(all("").is_empty());
    assert!(all(HEADER).is_empty());
}

#[test]
fn raw_rows_carry_their_line_and_media_files_for_the_importer() {
    let input = "platform,post_id,author,created_at,media_files\n\
                 x,1,a,2026-11-23T16:40:00Z,img/a.png|img/b.jpg\n\
                 x,2,a,2026-11-23T16:40:00Z,\"[\"\"a|b.png\"\"]\"\n";
    let rows: Vec<_> = read_csv_raw(input.as_bytes()).map(Result::unwrap).collect();
    assert_eq!(rows[0].0, 2);
    assert_eq!(rows[0].1.media_files, ["img/a.png", "img/b.jpg"]);
    assert_eq!(rows[1].1.media_files, ["a|b.png"]);
    assert!(all(input).iter().all(Result::is_ok), "core alone ignores media_files");
}
