//! `media_files`: images named by a row are hashed into its `media_phash`.

use image::{Rgb, RgbImage};
use vigie_core::observation::Reason;
use vigie_ingest::{Format, ObservationReader, phash64};

fn picture(seed: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(96, 64, |x, y| {
        let v = if (x / 24 + y / 16 + seed).is_multiple_of(3) { 230 } else { (x * 2 + y) as u8 };
        Rgb([v, v / 2, 255 - v])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn row(id: u32, media: &str) -> String {
    format!(
        r#"{{"platform":"x","post_id":"{id}","author":"a","created_at":"2026-11-23T16:40:00Z","media_phash":["00000000000000ff"],"media_files":{media}}}"#
    )
}

#[test]
fn media_files_are_hashed_and_appended_and_bad_ones_refuse_their_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::write(dir.path().join("img/a.png"), picture(0)).unwrap();
    std::fs::write(dir.path().join("img/b.png"), picture(1)).unwrap();
    std::fs::write(dir.path().join("flat.png"), {
        let mut out = std::io::Cursor::new(Vec::new());
        RgbImage::from_pixel(40, 40, Rgb([9, 9, 9])).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    })
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a picture").unwrap();
    let lines = [
        row(1, r#"["img/a.png", "./img/b.png"]"#),
        row(2, r#"["img/missing.png"]"#),
        row(3, r#"["notes.txt"]"#),
        row(4, r#"["../etc/passwd"]"#),
        row(5, r#"["flat.png"]"#),
        row(6, r#""img/a.png""#),
    ];
    let path = dir.path().join("posts.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();

    let mut reader = ObservationReader::open(&path).unwrap();
    let rows: Vec<_> = reader.by_ref().collect();
    let a = phash64(&picture(0)).unwrap().to_string();
    let b = phash64(&picture(1)).unwrap().to_string();
    assert_eq!(rows[0].as_ref().unwrap().media_phash(), ["00000000000000ff".to_owned(), a.clone(), b]);
    let media_error = |i: usize| match &rows[i] {
        Err(e) => match &e.reason {
            Reason::Media { file, problem } => (e.line, file.clone(), problem.clone()),
            other => panic!("row {i}: {other}"),
        },
        Ok(_) => panic!("row {i} should be refused"),
    };
    let (line, file, problem) = media_error(1);
    assert_eq!((line, file.as_str()), (2, "img/missing.png"));
    assert!(problem.starts_with("cannot be opened"), "{problem}");
    assert_eq!(media_error(2).1, "notes.txt");
    assert!(media_error(2).2.starts_with("not an image"), "{}", media_error(2).2);
    assert!(media_error(3).2.contains("inside the import file's folder"));
    assert_eq!(rows[4].as_ref().unwrap().media_phash(), ["00000000000000ff"], "a flat image is not used");
    assert_eq!(reader.low_quality_media(), 1);
    assert!(matches!(rows[5], Err(ref e) if matches!(e.reason, Reason::WrongType { field: "media_files", .. })));
    assert_eq!(rows[1].as_ref().unwrap_err().to_string(), format!("line 2: media file `img/missing.png`: {problem}"));

    // CSV: `|`-separated, relative to the folder given to an in-memory reader.
    let csv = "platform,post_id,author,created_at,media_files\nx,1,a,2026-11-23T16:40:00Z,img/a.png|img/a.png\n";
    let mut rows = ObservationReader::from_reader(std::io::Cursor::new(csv.as_bytes().to_vec()), Format::Csv)
        .with_media_dir(dir.path());
    assert_eq!(rows.next().unwrap().unwrap().media_phash(), [a], "duplicates are dropped by core");
    let mut no_dir = ObservationReader::from_reader(std::io::Cursor::new(csv.as_bytes().to_vec()), Format::Csv);
    assert!(matches!(no_dir.next(), Some(Err(ref e)) if matches!(e.reason, Reason::Media { .. })));
}
