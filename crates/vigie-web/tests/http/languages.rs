//! Language negotiation: `?lang=`, then the cookie, then `Accept-Language`, then French.

use crate::harness::{Browser, server};

fn html_tag(body: &str) -> &str {
    let start = body.find("<html").unwrap();
    &body[start..start + body[start..].find('>').unwrap()]
}

#[tokio::test]
async fn french_is_the_default() {
    let s = server().await;
    let page = Browser::new(&s).get("/login").await;
    assert_eq!(html_tag(&page.body), r#"<html lang="fr" dir="ltr""#);
    assert!(page.body.contains("Connexion"));
    assert_eq!(page.headers.get("content-language").unwrap(), "fr");
}

#[tokio::test]
async fn accept_language_is_followed_and_arabic_reads_right_to_left() {
    let s = server().await;
    let b = Browser::new(&s);
    let r =
        b.send(b.client.get(format!("{}/login", s.base)).header("accept-language", "ar-IQ,ar;q=0.9,en;q=0.5")).await;
    assert_eq!(html_tag(&r.body), r#"<html lang="ar" dir="rtl""#);
    assert!(r.body.contains("تسجيل الدخول"));
    let r = b.send(b.client.get(format!("{}/login", s.base)).header("accept-language", "de, en;q=0.8")).await;
    assert!(html_tag(&r.body).contains(r#"lang="en""#));
    assert!(r.body.contains("Log in"));
}

#[tokio::test]
async fn the_query_wins_and_is_remembered_in_a_cookie() {
    let s = server().await;
    let b = Browser::new(&s);
    let r = b.send(b.client.get(format!("{}/login?lang=ar", s.base)).header("accept-language", "en")).await;
    assert!(html_tag(&r.body).contains(r#"dir="rtl""#));
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("vigie_lang="))
        .unwrap();
    assert!(cookie.starts_with("vigie_lang=ar"));
    // Later pages keep Arabic through the cookie, even against Accept-Language.
    let later = b.send(b.client.get(format!("{}/login", s.base)).header("accept-language", "en")).await;
    assert!(html_tag(&later.body).contains(r#"lang="ar""#));
    let en = b.get("/login?lang=en").await;
    assert!(html_tag(&en.body).contains(r#"lang="en""#));
    let unknown = b.get("/login?lang=xx").await;
    assert!(html_tag(&unknown.body).contains(r#"lang="en""#), "an unsupported ?lang= is ignored");
}

#[tokio::test]
async fn a_member_sees_every_page_in_each_language_without_missing_keys() {
    let s = server().await;
    let b = Browser::logged_in(&s, "admin").await;
    for lang in ["fr", "ar", "en"] {
        for path in ["/", "/account", "/org", "/admin/users", "/admin/orgs", "/nowhere", "/cases", "/report", "/follow"]
        {
            let page = b.get(&format!("{path}?lang={lang}")).await;
            assert!(html_tag(&page.body).contains(&format!("lang=\"{lang}\"")), "{path} {lang}");
            // A missing key would be rendered as the key itself (e.g. "nav-home").
            for key in [
                "nav-",
                "footer-",
                "field-",
                "error-",
                "role-",
                "key-",
                "queue-",
                "report-",
                "incident-",
                "country-",
                "case-",
            ] {
                assert!(!page.body.contains(&format!(">{key}")), "{path} {lang} shows a raw key {key}");
            }
        }
    }
}
