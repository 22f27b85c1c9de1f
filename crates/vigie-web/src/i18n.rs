//! Every visible string goes through Project Fluent, in French (the default), Arabic
//! (right to left) and English. The resources are compiled into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    Ar,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Ar, Lang::En];
    pub const DEFAULT: Lang = Lang::Fr;

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Text direction for `<html dir=…>`.
    pub fn dir(self) -> &'static str {
        if self == Lang::Ar { "rtl" } else { "ltr" }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
            Lang::En => "English",
        }
    }

    /// Reads a language tag (`ar`, `fr-BJ`, `EN_us`); `None` when unsupported.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else { continue };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Fr => include_str!("../locales/fr.ftl"),
            Lang::Ar => include_str!("../locales/ar.ftl"),
            Lang::En => include_str!("../locales/en.ftl"),
        }
    }
}

struct Bundles(HashMap<Lang, FluentBundle<FluentResource>>);

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        let map = Lang::ALL
            .into_iter()
            .map(|lang| {
                let langid = lang.code().parse().expect("valid language id");
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                // Isolation marks would show up in form values and titles; where a
                // placeable holds text of the other direction, pages wrap it in <bdi>.
                bundle.set_use_isolating(false);
                let resource = FluentResource::try_new(lang.source().to_owned())
                    .unwrap_or_else(|(_, errors)| panic!("{} translations do not parse: {errors:?}", lang.code()));
                bundle.add_resource(resource).expect("no duplicate message ids");
                (lang, bundle)
            })
            .collect();
        Bundles(map)
    })
}

/// The translator of one request.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn lang(self) -> Lang {
        self.0
    }

    /// The message `key`; the key itself (and a log line) when it is missing, which the
    /// test suite forbids.
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with named arguments. A value written as a whole number
    /// (`"3"`, `"-1"`) goes to Fluent as a number, so that a message selects its plural
    /// form on it (`{ $count -> [one] … *[other] … }`; Arabic has six); a string would
    /// always fall to the default variant ("1 cases").
    pub fn t_with(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match whole_number(value) {
                Some(n) => fargs.set(*name, FluentValue::from(n)),
                None => fargs.set(*name, FluentValue::from(*value)),
            }
        }
        self.format(key, Some(&fargs))
    }

    /// The message `key` with one count, `$count`, in its plural form.
    pub fn t_count(self, key: &str, count: impl TryInto<i64>) -> String {
        let mut fargs = FluentArgs::new();
        fargs.set("count", FluentValue::from(count.try_into().unwrap_or(i64::MAX)));
        self.format(key, Some(&fargs))
    }

    fn format(self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &bundles().0[&self.0];
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!(key, lang = self.0.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
        if !errors.is_empty() {
            tracing::error!(key, lang = self.0.code(), ?errors, "translation formatting error");
        }
        text
    }

    /// Whether `key` exists in this language.
    pub fn has(self, key: &str) -> bool {
        bundles().0[&self.0].has_message(key)
    }
}

/// `Some` for a whole number written plainly (no sign but `-`, no leading zero, at most
/// 15 digits so that Fluent's `f64` holds it exactly): identifiers such as `007` stay text.
fn whole_number(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| s.parse().ok()).flatten()
}

/// Message ids of one language's resource, for the completeness test.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(Lang::from_accept_language("ar-IQ,ar;q=0.9,en;q=0.5"), Some(Lang::Ar));
        assert_eq!(Lang::from_accept_language("de-DE, en;q=0.3, fr;q=0.7"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("de, es"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, ar;q=0.1"), Some(Lang::Ar));
    }

    #[test]
    fn counts_pick_the_plural_form_of_each_language() {
        let count = |lang, n: i64| Tr(lang).t_count("queue-count", n);
        assert_eq!(count(Lang::En, 1), "1 case");
        assert_eq!(count(Lang::En, 2), "2 cases");
        assert_eq!(count(Lang::En, 0), "0 cases");
        // French counts 0 and 1 as one.
        assert_eq!(count(Lang::Fr, 0), "0 dossier");
        assert_eq!(count(Lang::Fr, 1), "1 dossier");
        assert_eq!(count(Lang::Fr, 2), "2 dossiers");
        // Arabic: zero, one, two, few (3–10), many (11–99), other (100…).
        let ar: Vec<String> = [0, 1, 2, 3, 11, 100].into_iter().map(|n| count(Lang::Ar, n)).collect();
        let mut distinct = ar.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "{ar:?}");
        assert_eq!(count(Lang::Ar, 3).split(' ').nth(1), count(Lang::Ar, 10).split(' ').nth(1), "3 and 10 are few");
        // Through t_with, a count written as text is a number all the same.
        assert_eq!(Tr(Lang::En).t_with("queue-count", &[("count", "1")]), "1 case");
    }

    #[test]
    fn only_plain_whole_numbers_become_numbers() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("42"), Some(42));
        assert_eq!(whole_number("-3"), Some(-3));
        for text in ["", "-", "007", "1.5", "+1", "1e3", "12 ", "1234567890123456", "awa"] {
            assert_eq!(whole_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn every_language_has_exactly_the_same_keys() {
        let mut en = message_ids(Lang::En);
        en.sort();
        assert!(en.len() > 50, "the English resource looks truncated");
        for lang in [Lang::Fr, Lang::Ar] {
            let mut other = message_ids(lang);
            other.sort();
            let missing: Vec<_> = en.iter().filter(|k| !other.contains(k)).collect();
            let extra: Vec<_> = other.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, extra {extra:?}", lang.code());
        }
    }

    #[test]
    fn every_key_used_in_the_code_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut used = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Keys passed around as literals (error pages, key states).
                    for prefix in ["\"error-", "\"key-", "\"conflict-", "\"problem-"] {
                        for part in text.split(prefix).skip(1) {
                            let rest: String =
                                part.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                            if part[rest.len()..].starts_with('"') && !rest.is_empty() && !rest.ends_with('-') {
                                used.push((path.display().to_string(), format!("{}{rest}", &prefix[1..])));
                            }
                        }
                    }
                    for marker in [".t(\"", ".t_with(\"", ".t_count(\""] {
                        for part in text.split(marker).skip(1) {
                            let key: String = part.chars().take_while(|c| *c != '"').collect();
                            used.push((path.display().to_string(), key));
                        }
                    }
                }
            }
        }
        assert!(used.len() > 50);
        for (file, key) in used {
            assert!(Tr(Lang::En).has(&key), "{file} uses missing key {key}");
        }
        for problem in vigie_core::Problem::ALL {
            assert!(Tr(Lang::En).has(&format!("problem-{}", problem.code())), "{problem:?}");
        }
        for role in vigie_core::Role::ALL {
            assert!(Tr(Lang::En).has(&format!("role-{}", role.as_str())));
        }
        let dynamic = vigie_core::incident::IncidentType::ALL
            .iter()
            .map(|t| format!("incident-{}", t.code()))
            .chain(vigie_core::incident::Platform::ALL.iter().map(|p| format!("platform-{}", p.code())))
            .chain(vigie_core::workflow::Status::ALL.iter().map(|s| format!("status-{}", s.code())))
            .chain(crate::pages::report::COUNTRIES.iter().map(|c| format!("country-{c}")))
            .chain(["myself", "someone_else", "organization"].iter().map(|t| format!("target-{t}")))
            .chain(
                ["physical_threat", "address_exposed", "intimate_images", "account_controlled"]
                    .iter()
                    .map(|r| format!("risk-{r}")),
            )
            .chain(["none", "email", "signal", "phone"].iter().map(|c| format!("contact-{c}")))
            .chain(["report-refused-address", "report-refused-global"].iter().map(|k| (*k).to_owned()))
            .chain(["files-refused-kind", "files-refused-size", "files-refused-count"].iter().map(|k| (*k).to_owned()))
            .chain(["file", "capture", "post"].iter().map(|k| format!("evidence-kind-{k}")))
            .chain(["text", "image", "hashtag_sequence", "link", "mention"].iter().map(|k| format!("trace-{k}")))
            .chain(
                ["campaign_linked", "campaign_unlinked", "observations_attached"].iter().map(|e| format!("event-{e}")),
            )
            .chain(vigie_core::workflow::Status::ALL.iter().map(|s| format!("case-status-{}", s.code())))
            .chain(vigie_core::workflow::Action::ALL.iter().map(|a| format!("case-action-{}", a.code())))
            .chain(vigie_core::triage::Severity::ALL.iter().map(|s| format!("severity-{}", s.code())))
            .chain(
                [
                    "opened",
                    "reporter_message",
                    "report_viewed",
                    "message_sent",
                    "status",
                    "severity",
                    "assigned",
                    "note_added",
                    "escalation_created",
                    "escalation_status",
                    "escalation_reescalation",
                    "escalation_appeal",
                    "escalation_package",
                ]
                .iter()
                .map(|e| format!("event-{e}")),
            )
            .chain(crate::pages::network::topics::keys());
        for key in dynamic {
            assert!(Tr(Lang::En).has(&key), "missing {key}");
        }
    }
}
