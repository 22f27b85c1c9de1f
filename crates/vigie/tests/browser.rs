//! The public reporting form and self-help pages in a real browser: the real `vigie` binary, headless
//! Chromium with JavaScript disabled, driven over WebDriver by chromedriver (Debian's
//! `chromium` and `chromium-driver`, installed by `.ci/run`).
//!
//! It checks what a plain HTTP client cannot: that the page lays out right to left in
//! Arabic, that nothing spills past a 360 px phone screen, and that a person can fill
//! and send the form with clicks and typing alone. It leaves full-length screenshots in
//! `target/screenshots/` for a person to look at.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use vigie_core::receipt::ReceiptCode;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The longest any single wait may take: a start, a page load, an element to appear.
const WAIT: Duration = Duration::from_secs(20);
/// The whole browser journey; a hang anywhere fails the test instead of blocking CI.
const JOURNEY: Duration = Duration::from_secs(240);
const PASSWORD: &str = "une phrase de passe solide";
const WORDS: &str = "يهددونني في رسائل خاصة منذ شهر وينشرون صوري مع عنوان عملي";
const LINK: &str = "https://facebook.com/hostile/posts/1";
const PHONE: (u32, u32) = (360, 800);
const DESKTOP: (u32, u32) = (1280, 900);

/// A child process killed and reaped however the test ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver in a process group of its own, which the browsers it starts join: a
/// Chromium left behind by a session that was never closed (a hang, a panic while
/// starting) is ended with the group, as chromedriver itself does not end it when killed.
struct Driver(Killed);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = self.0.0.id();
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{group}")]).stderr(Stdio::null()).status();
    }
}

/// `vigie serve` on a random port with a temporary data folder; returns its base URL and
/// the one-time setup link it prints on first start.
fn start_vigie(data: &Path) -> (Killed, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env_remove("VIGIE_DATA")
        .env_remove("VIGIE_DATABASE_URL")
        .env_remove("VIGIE_CONFIG")
        .env("VIGIE_LOG", "warn")
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the vigie binary starts");
    let stdout = child.stdout.take().unwrap();
    let server = Killed(child);
    // Read on a thread so that a silent server fails the test instead of hanging it.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(WAIT).expect("the server prints its address");
    let base = first.strip_prefix("Vigie listening on ").unwrap_or_else(|| panic!("unexpected {first:?}")).to_owned();
    let second = rx.recv_timeout(WAIT).expect("the server prints a setup link");
    let link = second[second.find("http://").unwrap_or_else(|| panic!("no setup link in {second:?}"))..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(link.contains("/setup?token="), "{second}");
    (server, base, link)
}

/// Creates the organization over plain HTTP: the report form needs one to receive reports.
async fn set_up(base: &str, link: &str) {
    let http = reqwest::Client::builder().cookie_store(true).timeout(WAIT).build().unwrap();
    let page = http.get(link).send().await.unwrap().text().await.unwrap();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).expect("the setup form").split('"').next().unwrap();
    let token = link.split("token=").nth(1).unwrap();
    let form = [
        ("csrf", csrf),
        ("token", token),
        ("org_name", "رابطة المدافعين"),
        ("org_slug", "rabita"),
        ("display_name", "أمينة"),
        ("username", "amina"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let r = http.post(format!("{base}/setup")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert!(r.text().await.unwrap().contains("VIGIE-RK-"), "setup shows the recovery key");
}

/// The help desk's view of case `id`: what the browser sent, opened with the key.
async fn case_as_the_team(base: &str, id: u32) -> String {
    let http = reqwest::Client::builder().cookie_store(true).timeout(WAIT).build().unwrap();
    let page = http.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).expect("the login form").split('"').next().unwrap();
    let form = [("csrf", csrf), ("username", "amina"), ("password", PASSWORD)];
    let r = http.post(format!("{base}/login")).form(&form).send().await.unwrap();
    assert!(r.status().is_success(), "login: {}", r.status());
    let r = http.get(format!("{base}/cases/{id}?lang=ar")).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    r.text().await.unwrap()
}

/// chromedriver on a free loopback port, once it answers that it is ready.
async fn start_chromedriver() -> (Driver, String) {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg("--log-level=WARNING")
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(Killed(child));
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(r) = http.get(format!("{url}/status")).send().await
            && let Ok(status) = r.json::<Value>().await
            && status["value"]["ready"] == json!(true)
        {
            return (driver, url);
        }
        assert!(tokio::time::Instant::now() < deadline, "chromedriver did not become ready at {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Headless Chromium with a fresh profile and JavaScript switched off by the same
/// content setting an administrator's policy would use (2 = block).
fn capabilities(profile: &Path) -> serde_json::Map<String, Value> {
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": { "profile.managed_default_content_settings.javascript": 2 },
        },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Proof that the pref took effect. WebDriver's "execute script" (used below to measure
/// the layout) is carried out by chromedriver through DevTools, which the content setting
/// does not govern, so it proves nothing; a page's own script is what must not run. The
/// same `data:` page gets the title "on" in a session without the pref.
async fn page_scripts_do_not_run(c: &Client) {
    c.goto("data:text/html,<title>off</title><script>document.title=%27on%27</script><p>x</p>").await.unwrap();
    assert_eq!(c.title().await.unwrap(), "off", "a page script ran: JavaScript is not disabled");
}

/// Sets the size of the layout viewport (the window has no browser chrome across, but
/// some in height).
async fn set_viewport(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.unwrap();
    let inner = c.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap();
    assert_eq!(inner[0], json!(width), "the viewport is {width} px wide");
    let chrome = height - inner[1].as_u64().unwrap() as u32;
    c.set_window_size(width, height + chrome).await.unwrap();
}

/// Saves the whole page, not only what fits in the window: the window is made as tall as
/// the document for the picture, then put back.
async fn screenshot(c: &Client, (width, height): (u32, u32), name: &str) {
    let full = c.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
    let full = full.as_u64().unwrap() as u32;
    set_viewport(c, width, full.max(height)).await;
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    std::fs::write(screenshots().join(name), png).unwrap();
    set_viewport(c, width, height).await;
}

/// Every visible element's box, in CSS pixels, that sticks out of the viewport sideways
/// (outside the parts meant to scroll, and the honeypot kept off-screen on purpose), and
/// every box whose content (text included, which has no box of its own) is wider than it:
/// spilling out, or clipped.
const LAYOUT: &str = r#"
const vw = document.documentElement.clientWidth;
const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '');
const scrolls = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
  if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
const out = [];
for (const e of document.body.querySelectorAll('*')) {
  if (e.closest('.trap') || scrolls(e)) continue;
  const s = getComputedStyle(e);
  if (s.display === 'none' || s.visibility === 'hidden') continue;
  const r = e.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.left < -1 || r.right > vw + 1) out.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
  const control = ['INPUT', 'SELECT', 'TEXTAREA', 'OPTION'].includes(e.tagName);
  if (!control && s.display !== 'inline' && e.scrollWidth > e.clientWidth + 1)
    out.push(`${name(e)} has ${e.scrollWidth} px of content in ${e.clientWidth} px`);
}
return { viewport: vw, document: document.documentElement.scrollWidth, outside: out };
"#;

/// The distinct sizes of the form's checkboxes and radios.
const BOX_SIZES: &str = r#"
const sizes = [...document.querySelectorAll('form label.check input')]
  .map((e) => { const r = e.getBoundingClientRect(); return `${r.width.toFixed(1)}x${r.height.toFixed(1)}`; });
return [...new Set(sizes)];
"#;

/// How many lines the receipt code takes.
const RECEIPT_LINES: &str = r#"
const range = document.createRange();
range.selectNodeContents(document.querySelector('p.receipt'));
return range.getClientRects().length;
"#;

async fn nothing_sticks_out(c: &Client, what: &str) {
    let layout = c.execute(LAYOUT, vec![]).await.unwrap();
    let (viewport, document) = (layout["viewport"].as_u64().unwrap(), layout["document"].as_u64().unwrap());
    assert!(document <= viewport, "{what}: the page is {document} px wide in a {viewport} px viewport: {layout}");
    assert_eq!(layout["outside"], json!([]), "{what}: boxes outside the viewport, or content wider than its box");
}

/// The empty form in one language and size: direction, no script, no sideways overflow,
/// the first field on the reading side; and its screenshot.
async fn the_form(c: &Client, base: &str, lang: &str, size: (u32, u32)) {
    let what = format!("/report?lang={lang} at {} px", size.0);
    set_viewport(c, size.0, size.1).await;
    c.goto(&format!("{base}/report?lang={lang}")).await.unwrap();
    let html = c.find(Locator::Css("html")).await.unwrap();
    let rtl = lang == "ar";
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some(lang), "{what}");
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some(if rtl { "rtl" } else { "ltr" }), "{what}");
    assert!(c.find_all(Locator::Css("script")).await.unwrap().is_empty(), "{what} has a script");
    nothing_sticks_out(c, &what).await;
    // The first checkbox starts the line: on the right in Arabic, on the left in French.
    let (x, _, w, _) = c.find(Locator::Css("form input[type=checkbox]")).await.unwrap().rectangle().await.unwrap();
    let centre = x + w / 2.0;
    let half = f64::from(size.0) / 2.0;
    assert!(if rtl { centre > half } else { centre < half }, "{what}: the first field is at x = {centre}");
    // A long label wraps beside its box; the box must not shrink to make room.
    let sizes = c.execute(BOX_SIZES, vec![]).await.unwrap();
    assert_eq!(sizes.as_array().map(Vec::len), Some(1), "{what}: checkboxes and radios of several sizes: {sizes}");
    screenshot(c, size, &format!("report-{lang}-{}.png", size.0)).await;
}

async fn click(c: &Client, css: &str) {
    let e = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    // Read before the click: a submit button is gone once the next page is there.
    let ticks = e.attr("type").await.unwrap().is_some_and(|t| t == "checkbox" || t == "radio");
    e.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    if ticks {
        assert!(e.is_selected().await.unwrap(), "{css} is ticked after a click");
    }
}

async fn type_into(c: &Client, css: &str, text: &str) {
    let e = c.find(Locator::Css(css)).await.unwrap();
    e.click().await.unwrap();
    e.send_keys(text).await.unwrap();
    assert_eq!(e.prop("value").await.unwrap().as_deref(), Some(text), "what was typed into {css}");
}

/// A person on a phone reports in Arabic, keeps the receipt, and follows the case.
async fn report_in_arabic(c: &Client, base: &str) {
    set_viewport(c, PHONE.0, PHONE.1).await;
    c.goto(&format!("{base}/report?lang=ar")).await.unwrap();
    click(c, "#incident-threats").await;
    click(c, "#incident-doxing").await;
    click(c, "#platform-facebook").await;
    type_into(c, "#f-description", WORDS).await;
    type_into(c, "#f-links", LINK).await;
    let country = c.find(Locator::Css("#f-country")).await.unwrap();
    country.click().await.unwrap();
    country.select_by_value("IQ").await.unwrap();
    assert_eq!(country.prop("value").await.unwrap().as_deref(), Some("IQ"));
    click(c, "#contact_by-signal").await;
    type_into(c, "#f-contact_address", "@amal.77").await;
    assert!(!c.find(Locator::Css("#contact_by-none")).await.unwrap().is_selected().await.unwrap());
    click(c, "form[action^='/report'] button[type=submit]").await;

    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("p.receipt")).await.expect("the receipt page");
    let shown = receipt.text().await.unwrap();
    let code = ReceiptCode::parse(&shown).unwrap_or_else(|_| panic!("{shown:?} is not a receipt code"));
    assert_eq!(shown.trim(), code.display(), "the code is shown in its display form");
    let dir = c.find(Locator::Css("html")).await.unwrap().attr("dir").await.unwrap();
    assert_eq!(dir.as_deref(), Some("rtl"), "the receipt page is still in Arabic");
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "وصلت رسالتك");
    nothing_sticks_out(c, "the receipt at 360 px").await;
    let lines = c.execute(RECEIPT_LINES, vec![]).await.unwrap();
    assert_eq!(lines, json!(1), "the code is on one line, to be copied whole");
    screenshot(c, PHONE, "receipt-ar-360.png").await;

    click(c, "form[action='/follow'] button[type=submit]").await;
    c.wait().at_most(WAIT).for_element(Locator::Css("#f-message")).await.expect("the case page");
    let status = c.find(Locator::Css("main p strong")).await.unwrap().text().await.unwrap();
    assert_eq!(status, "وصل، في انتظار القراءة", "the follow page shows the case status");
    nothing_sticks_out(c, "the case page at 360 px").await;

    // What the person typed and picked reached the team unchanged.
    let case = case_as_the_team(base, 1).await;
    for sent in [WORDS, LINK, "@amal.77", "العراق"] {
        assert!(case.contains(sent), "{sent:?} is not on the team's case page");
    }
}

/// Self-help on a phone in `lang`: "my account was hacked" walked with clicks to a report
/// form already ticked, then a guide found by the search and read.
async fn self_help(c: &Client, base: &str, lang: &str, query: &str) {
    set_viewport(c, PHONE.0, PHONE.1).await;
    c.goto(&format!("{base}/help?lang={lang}")).await.unwrap();
    let rtl = lang == "ar";
    let dir = c.find(Locator::Css("html")).await.unwrap().attr("dir").await.unwrap();
    assert_eq!(dir.as_deref(), Some(if rtl { "rtl" } else { "ltr" }), "/help in {lang}");
    nothing_sticks_out(c, &format!("/help in {lang}")).await;
    click(c, "a[href='/help/account-hacked']").await;
    // Facebook; no, I am locked out; yes, I still have the e-mail or phone number.
    for (i, answer) in ["0", "0.1", "0.1.0"].into_iter().enumerate() {
        let css = format!("button[name=a][value='{answer}']");
        c.wait().at_most(WAIT).for_element(Locator::Css(&css)).await.unwrap_or_else(|_| panic!("{lang}: {css}"));
        nothing_sticks_out(c, &format!("question {} in {lang}", i + 1)).await;
        if i == 1 {
            screenshot(c, PHONE, &format!("help-question-{lang}-360.png")).await;
        }
        click(c, &css).await;
    }
    let open = "form[action='/help/report'] button[type=submit]";
    c.wait().at_most(WAIT).for_element(Locator::Css(open)).await.expect("the outcome offers a report");
    assert!(c.find_all(Locator::Css("ol.first-steps li")).await.unwrap().len() >= 3, "first steps in {lang}");
    nothing_sticks_out(c, &format!("the outcome in {lang}")).await;
    screenshot(c, PHONE, &format!("help-outcome-{lang}-360.png")).await;
    click(c, open).await;
    c.wait().at_most(WAIT).for_element(Locator::Css("#f-description")).await.expect("the report form");
    for ticked in ["#incident-account_compromise", "#platform-facebook", "#risk-account_controlled"] {
        let e = c.find(Locator::Css(ticked)).await.unwrap();
        assert!(e.is_selected().await.unwrap(), "{lang}: {ticked} is ticked from the answers");
    }
    assert!(!c.find(Locator::Css("#incident-doxing")).await.unwrap().is_selected().await.unwrap());
    screenshot(c, PHONE, &format!("help-report-{lang}-360.png")).await;

    c.goto(&format!("{base}/guides?lang={lang}")).await.unwrap();
    nothing_sticks_out(c, &format!("/guides in {lang}")).await;
    type_into(c, "#q", query).await;
    click(c, "form.search button[type=submit]").await;
    let hit = c.wait().at_most(WAIT).for_element(Locator::Css("ol.results a[href='/guides/phishing']")).await;
    hit.unwrap_or_else(|_| panic!("{lang}: {query:?} finds the phishing guide"));
    screenshot(c, PHONE, &format!("guides-search-{lang}-360.png")).await;
    click(c, "ol.results a[href='/guides/phishing']").await;
    let article = c.wait().at_most(WAIT).for_element(Locator::Css("article.guide")).await.expect("the guide");
    assert_eq!(article.attr("dir").await.unwrap().as_deref(), Some(if rtl { "rtl" } else { "ltr" }));
    assert!(c.find_all(Locator::Css("article.guide h2")).await.unwrap().len() >= 2, "the guide's sections");
    nothing_sticks_out(c, &format!("the phishing guide in {lang}")).await;
    screenshot(c, PHONE, &format!("guide-{lang}-360.png")).await;
}

async fn journey(c: Client, base: String) {
    let timeouts = TimeoutConfiguration::new(Some(WAIT), Some(WAIT), Some(Duration::ZERO));
    c.update_timeouts(timeouts).await.unwrap();
    page_scripts_do_not_run(&c).await;
    for lang in ["ar", "fr"] {
        for size in [PHONE, DESKTOP] {
            the_form(&c, &base, lang, size).await;
        }
    }
    self_help(&c, &base, "ar", "التصيّد").await;
    self_help(&c, &base, "fr", "hameçonnages").await;
    report_in_arabic(&c, &base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_arabic_form_works_in_chromium_without_javascript_on_a_phone() {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER].into_iter().filter(|p| !Path::new(p).exists()).collect();
    if !missing.is_empty() {
        let reason = format!("{} missing (Debian's chromium and chromium-driver)", missing.join(" and "));
        assert!(std::env::var("CI").as_deref() != Ok("true"), "under CI=true the browser is required: {reason}");
        return eprintln!("SKIPPED: {reason}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (_server, base, link) = start_vigie(&dir.path().join("data"));
    set_up(&base, &link).await;
    // Declared before the driver: dropped after it, once Chromium is gone.
    let profile = tempfile::tempdir().unwrap();
    let (_driver, driver_url) = start_chromedriver().await;
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    let connect = builder.capabilities(capabilities(profile.path())).connect(&driver_url);
    let client = tokio::time::timeout(WAIT, connect).await.expect("Chromium starts in time").expect("a session");

    // The journey runs as its own task so that the browser is closed whether it passes,
    // fails or hangs; chromedriver and the server are killed when their guards drop.
    let outcome = tokio::time::timeout(JOURNEY, tokio::spawn(journey(client.clone(), base))).await;
    let _ = tokio::time::timeout(WAIT, client.close()).await;
    match outcome {
        Err(_) => panic!("the browser journey took more than {JOURNEY:?}"),
        Ok(Err(e)) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Ok(Err(e)) => panic!("{e}"),
        Ok(Ok(())) => {}
    }
}
