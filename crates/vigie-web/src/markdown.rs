//! Guides' Markdown as HTML: `pulldown-cmark` renders it, raw HTML in the source is shown
//! as text, and `ammonia` keeps only a short list of tags and attributes. No image is
//! kept (loading one from elsewhere would tell that site who reads the guide), no
//! script, no style, no form; links may only be relative, `http(s)` or `mailto`, and
//! open without sending a referrer.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser};

const TAGS: [&str; 22] = [
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.add_tags(TAGS)
            .add_tag_attributes("a", ["href"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        b
    })
}

/// A guide's Markdown as safe HTML, ready to put in a page as is.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // What an editor wrote as HTML is shown, never interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    cleaner().clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn renders_the_markdown_of_a_guide() {
        let html = to_safe_html("## Steps\n\n1. **Change** the password\n2. Read [the guide](/guides/phishing)\n");
        assert!(html.contains("<h2>Steps</h2>"), "{html}");
        assert!(html.contains("<strong>Change</strong>"), "{html}");
        assert!(html.contains(r#"<a href="/guides/phishing" rel="noopener noreferrer nofollow">"#), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text_and_never_runs() {
        let html = to_safe_html(
            "Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_keep_only_safe_schemes_and_images_are_dropped() {
        let html = to_safe_html(
            "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://stopncii.org) ![t](https://tracker.example/p.png)",
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains(r#"href="https://stopncii.org""#), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
    }
}
