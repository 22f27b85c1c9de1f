use super::*;

fn raw() -> RawObservation {
    RawObservation {
        platform: Some("x".into()),
        post_id: Some("1790000000000000001".into()),
        author: Some("@nouvelles_dz".into()),
        created_at: Some("2026-11-23T16:40:00Z".into()),
        text: Some("لا للعهدة الخامسة".into()),
        ..RawObservation::default()
    }
}

fn refused(r: RawObservation) -> Reason {
    Observation::parse(r).expect_err("should be refused")
}

#[test]
fn a_minimal_row_is_accepted() {
    let o = Observation::parse(raw()).unwrap();
    assert_eq!(o.platform(), "x");
    assert_eq!(o.created_at(), Timestamp::parse_rfc3339("2026-11-23T16:40:00Z").unwrap());
    assert_eq!(o.text(), "لا للعهدة الخامسة");
    assert!(o.hashtags().is_empty() && o.url().is_none() && o.author_created_at().is_none());
}

#[test]
fn each_required_field_is_named_when_missing() {
    for (field, r) in [
        ("platform", RawObservation { platform: None, ..raw() }),
        ("post_id", RawObservation { post_id: Some("  ".into()), ..raw() }),
        ("author", RawObservation { author: None, ..raw() }),
        ("created_at", RawObservation { created_at: Some(String::new()), ..raw() }),
    ] {
        assert_eq!(refused(r), Reason::MissingField(field));
    }
}

#[test]
fn platform_is_lower_cased_and_must_be_a_short_token() {
    let o = Observation::parse(RawObservation { platform: Some(" Facebook ".into()), ..raw() }).unwrap();
    assert_eq!(o.platform(), "facebook");
    assert!(matches!(
        refused(RawObservation { platform: Some("face book".into()), ..raw() }),
        Reason::Invalid { field: "platform", .. }
    ));
    assert!(matches!(
        refused(RawObservation { platform: Some("a".repeat(41)), ..raw() }),
        Reason::Invalid { field: "platform", .. }
    ));
    assert!(Observation::parse(RawObservation { platform: Some("a".repeat(40)), ..raw() }).is_ok());
}

#[test]
fn ids_and_authors_are_bounded() {
    assert!(Observation::parse(RawObservation { post_id: Some("9".repeat(200)), ..raw() }).is_ok());
    assert!(matches!(
        refused(RawObservation { post_id: Some("9".repeat(201)), ..raw() }),
        Reason::Invalid { field: "post_id", .. }
    ));
    assert!(matches!(
        refused(RawObservation { author: Some("é".repeat(201)), ..raw() }),
        Reason::Invalid { field: "author", .. }
    ));
    assert!(matches!(
        refused(RawObservation { author: Some("a\u{0}b".into()), ..raw() }),
        Reason::Invalid { field: "author", .. }
    ));
}

#[test]
fn text_is_bounded_in_characters_not_bytes() {
    assert!(Observation::parse(RawObservation { text: Some("ع".repeat(100_000)), ..raw() }).is_ok());
    assert!(matches!(
        refused(RawObservation { text: Some("a".repeat(100_001)), ..raw() }),
        Reason::Invalid { field: "text", .. }
    ));
}

#[test]
fn a_post_without_text_is_accepted() {
    let o = Observation::parse(RawObservation { text: None, ..raw() }).unwrap();
    assert_eq!(o.text(), "");
}

#[test]
fn times_with_offsets_are_read_in_utc() {
    let o = Observation::parse(RawObservation {
        created_at: Some("2026-11-23T17:40:00+01:00".into()),
        author_created_at: Some("2026-11-01T00:00:00.250Z".into()),
        ..raw()
    })
    .unwrap();
    assert_eq!(o.created_at().rfc3339(), "2026-11-23T16:40:00Z");
    assert_eq!(o.author_created_at().map(Timestamp::rfc3339).as_deref(), Some("2026-11-01T00:00:00Z"));
    assert!(matches!(
        refused(RawObservation { created_at: Some("23/11/2026".into()), ..raw() }),
        Reason::BadTime { field: "created_at", .. }
    ));
    assert!(matches!(
        refused(RawObservation { author_created_at: Some("2026-11-23".into()), ..raw() }),
        Reason::BadTime { field: "author_created_at", .. }
    ));
}

#[test]
fn hashtags_lose_their_sign_are_lower_cased_and_deduplicated() {
    let o = Observation::parse(RawObservation {
        hashtags: vec!["#Vote".into(), "vote".into(), "＃الجزائر".into(), String::new()],
        mentions: vec!["@Ministere".into()],
        ..raw()
    })
    .unwrap();
    assert_eq!(o.hashtags(), ["vote", "الجزائر"]);
    assert_eq!(o.mentions(), ["ministere"]);
    assert!(matches!(
        refused(RawObservation { hashtags: vec!["#".into()], ..raw() }),
        Reason::Invalid { field: "hashtags", .. }
    ));
    assert!(matches!(
        refused(RawObservation { hashtags: vec!["two words".into()], ..raw() }),
        Reason::Invalid { field: "hashtags", .. }
    ));
}

#[test]
fn links_must_be_web_addresses() {
    let o = Observation::parse(RawObservation {
        url: Some("https://x.com/nouvelles_dz/status/1".into()),
        links: vec!["HTTP://example.org/a".into()],
        ..raw()
    })
    .unwrap();
    assert_eq!(o.links(), ["HTTP://example.org/a"]);
    assert!(matches!(
        refused(RawObservation { url: Some("javascript:alert(1)".into()), ..raw() }),
        Reason::Invalid { field: "url", .. }
    ));
    assert!(matches!(
        refused(RawObservation { links: vec!["https://a b".into()], ..raw() }),
        Reason::Invalid { field: "links", .. }
    ));
}

#[test]
fn perceptual_hashes_are_16_or_64_hex_digits() {
    let o =
        Observation::parse(RawObservation { media_phash: vec!["D1C4B2A09F8E7766".into(), "ab".repeat(32)], ..raw() })
            .unwrap();
    assert_eq!(o.media_phash()[0], "d1c4b2a09f8e7766");
    for bad in ["d1c4b2a09f8e776", "d1c4b2a09f8e77zz", &"a".repeat(32)] {
        let r = refused(RawObservation { media_phash: vec![bad.into()], ..raw() });
        assert!(matches!(r, Reason::Invalid { field: "media_phash", .. }), "{bad}");
    }
}

#[test]
fn language_tags_are_checked() {
    for good in ["ar", "fr", "ar-DZ", "kab", "zh-Hant-TW"] {
        assert!(Observation::parse(RawObservation { lang: Some(good.into()), ..raw() }).is_ok(), "{good}");
    }
    for bad in ["arabic-", "a", "français", "12"] {
        assert!(
            matches!(
                refused(RawObservation { lang: Some(bad.into()), ..raw() }),
                Reason::Invalid { field: "lang", .. }
            ),
            "{bad}"
        );
    }
}

#[test]
fn text_is_normalised_to_nfc() {
    let o = Observation::parse(RawObservation { text: Some("e\u{301}lection".into()), ..raw() }).unwrap();
    assert_eq!(o.text(), "\u{e9}lection");
}
