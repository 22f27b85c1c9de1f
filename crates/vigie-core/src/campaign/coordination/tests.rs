use super::*;

#[test]
fn link_variants_meet_and_different_pages_do_not() {
    let a = normalise_link("https://www.Example.com/a/#top");
    assert_eq!(a, normalise_link("http://example.com/a"));
    assert_eq!(a, "example.com/a");
    assert_ne!(a, normalise_link("https://example.com/b"));
    assert_eq!(normalise_link("https://EXAMPLE.com?q=1"), "example.com?q=1");
}

#[test]
fn the_bot_burst_preset_only_narrows_the_window() {
    let burst = CoordinationConfig::bot_burst();
    assert_eq!(burst.window_secs, 60);
    assert_eq!(CoordinationConfig { window_secs: 3600, ..burst }, CoordinationConfig::default());
}
