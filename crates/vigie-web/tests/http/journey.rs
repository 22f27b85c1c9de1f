//! The whole journey over real HTTP, without JavaScript: a report in Arabic with two
//! files, the receipt, following it, a responder who logs in, triages, takes the case,
//! writes to the reporter, the reporter's answer through /follow, and the resolution.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::harness::{Browser, PW, server};

#[tokio::test]
async fn from_an_arabic_report_with_two_files_to_a_resolved_case() {
    let s = server().await;

    // The reporter, without an account.
    let reporter = Browser::new(&s);
    let csrf = reporter.get("/report/ligue?lang=ar").await.csrf();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([7u8; 20_000]);
    let form = Form::new()
        .text("csrf", csrf.clone())
        .text("incident", "defamation")
        .text("platform", "facebook")
        .text("description", "صفحة على فيسبوك تنشر أكاذيب عني وتتهمني بالخيانة")
        .text("links", "https://facebook.com/page/posts/42")
        .text("country", "JO")
        .text("contact_by", "none")
        .text("website", "")
        .part("files", Part::bytes(png).file_name("منشور.png"))
        .part("files", Part::bytes(b"%PDF-1.4\nrapport".to_vec()).file_name("rapport.pdf"));
    let receipt = reporter.send(reporter.client.post(format!("{}/report/ligue", s.base)).multipart(form)).await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.body);
    let start = receipt.body.find("class=\"receipt\"").unwrap();
    let code = receipt.body[start..].split('>').nth(1).unwrap()[..19].to_owned();
    let follow = |extra: Option<&'static str>| {
        let reporter = &reporter;
        let code = code.clone();
        let csrf = csrf.clone();
        async move {
            let mut form = vec![("csrf", csrf.as_str()), ("code", code.as_str())];
            if let Some(m) = extra {
                form.push(("message", m));
            }
            reporter.post("/follow?lang=ar", &form).await
        }
    };
    assert!(follow(None).await.body.contains("وصل، في انتظار القراءة"));

    // The responder logs in through the form and finds the case in the queue.
    let resp = Browser::new(&s);
    assert_eq!(resp.login("resp", PW).await.status, StatusCode::SEE_OTHER);
    let queue = resp.get("/cases?lang=fr").await.body;
    let link = queue.split("href=\"/cases/").nth(1).expect("the case is in the queue");
    let id: i64 = link.split('"').next().unwrap().parse().unwrap();
    let page = resp.get(&format!("/cases/{id}")).await;
    assert!(
        page.body.contains("صفحة على فيسبوك") && page.body.contains("منشور.png") && page.body.contains("rapport.pdf")
    );
    let act = |fields: Vec<(&'static str, String)>, what: &'static str| {
        let resp = &resp;
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            resp.post_with_csrf(&format!("/cases/{id}/{what}"), &f).await.status
        }
    };
    let me = s.store.store.user_by_username("resp").await.unwrap().id.to_string();
    assert_eq!(act(vec![("action", "triage".into())], "action").await, StatusCode::SEE_OTHER);
    assert_eq!(act(vec![("assignee", me)], "assign").await, StatusCode::SEE_OTHER);
    assert_eq!(act(vec![("action", "start".into())], "action").await, StatusCode::SEE_OTHER);
    assert_eq!(act(vec![("text", "نحن معك. هل ما زالت الصفحة تنشر؟".into())], "message").await, StatusCode::SEE_OTHER);
    assert_eq!(act(vec![("action", "await_reporter".into())], "action").await, StatusCode::SEE_OTHER);

    // The reporter reads and answers through /follow.
    let page = follow(None).await;
    assert!(page.body.contains("نحن معك") && page.body.contains("في انتظار ردّك"));
    let page = follow(Some("نعم، نشرت منشورًا جديدًا اليوم")).await;
    assert!(page.body.contains("أُرسلت رسالتك"));

    // Back in progress; the responder sees the answer and resolves the case.
    let page = resp.get(&format!("/cases/{id}?lang=en")).await;
    assert!(page.body.contains("نشرت منشورًا جديدًا") && page.body.contains("In progress"));
    assert_eq!(act(vec![("action", "resolve".into())], "action").await, StatusCode::SEE_OTHER);
    assert!(follow(None).await.body.contains("تمت معالجته"));
    let history = resp.get(&format!("/cases/{id}?lang=en")).await.body;
    for event in
        ["report received", "report opened", "status changed", "assigned", "message sent", "message from the reporter"]
    {
        assert!(history.contains(event), "{event} missing from the history");
    }
}
