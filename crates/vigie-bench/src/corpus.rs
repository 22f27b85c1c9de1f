//! Realistic reports for the load: descriptions in Arabic, French or English of 200 to
//! 2,000 characters, one to three incident types, links, a contact. Written for this
//! benchmark; they describe no real person.

use rand::Rng;
use rand::seq::SliceRandom;

const ARABIC: &[&str] = &[
    "منذ أسبوعين تنشر صفحة مجهولة صوري مع تعليقات مهينة وتدعو الناس إلى مهاجمتي.",
    "وصلتني رسائل تهديد على واتساب من أرقام لا أعرفها، وبعضها يذكر اسم حيّنا.",
    "نشروا عنوان منزلي ورقم هاتف أمي في مجموعة على تيليغرام فيها آلاف الأعضاء.",
    "أنشأ أحدهم حساباً باسمي وصورتي ويرسل منه رسائل إلى زملائي في المنظمة.",
    "لا أستطيع الدخول إلى بريدي الإلكتروني منذ أمس، وتغيّرت كلمة المرور دون علمي.",
    "بعد مشاركتي في الندوة عن حقوق النساء بدأت حملة من التعليقات المسيئة على منشوراتي.",
    "أخشى أن يكون هاتفي مراقباً، فالبطارية تفرغ بسرعة وتظهر رسائل غريبة.",
    "حُذف منشوري عن الاعتقالات الأخيرة ثلاث مرات، وأُغلق حسابي مؤقتاً.",
    "أرجو أن تساعدوني في توثيق ما يحدث، فقد احتفظت بلقطات شاشة لكل الرسائل.",
    "الهجوم مستمر حتى الآن، وكل يوم تظهر حسابات جديدة تكرر الاتهامات نفسها.",
];

const FRENCH: &[&str] = &[
    "Depuis deux semaines, une page anonyme publie mes photos avec des commentaires humiliants.",
    "J'ai reçu des messages de menace sur WhatsApp venant de numéros inconnus, certains citent mon quartier.",
    "Ils ont publié l'adresse de ma famille et le numéro de ma mère dans un groupe Telegram \
     de plusieurs milliers de membres.",
    "Quelqu'un a créé un compte à mon nom, avec ma photo, et écrit à mes collègues de l'association.",
    "Je n'arrive plus à me connecter à ma messagerie depuis hier : le mot de passe a été changé sans moi.",
    "Après mon intervention sur les droits des femmes, une campagne de commentaires injurieux a commencé.",
    "Je crains que mon téléphone soit surveillé : la batterie se vide vite et des messages étranges s'affichent.",
    "Ma publication sur les arrestations de la semaine dernière a été supprimée trois fois et mon compte suspendu.",
    "Pouvez-vous m'aider à documenter tout cela ? J'ai gardé des captures d'écran de chaque message.",
    "Les attaques continuent : chaque jour de nouveaux comptes reprennent les mêmes accusations mensongères.",
];

const ENGLISH: &[&str] = &[
    "For two weeks an anonymous page has been posting my photos with degrading comments.",
    "I received threatening messages on WhatsApp from unknown numbers, some of them naming my neighbourhood.",
    "They published my family's address and my mother's phone number in a Telegram group with thousands of members.",
    "Someone created an account in my name, with my picture, and is writing to my colleagues at the organisation.",
    "I cannot log in to my email since yesterday; the password was changed without my knowledge.",
    "After I spoke at the panel on women's rights, a campaign of abusive comments started under my posts.",
    "I fear my phone is being monitored: the battery drains quickly and strange messages appear.",
    "My post about last week's arrests was removed three times and my account was suspended.",
    "Could you help me document this? I kept screenshots of every message.",
    "The attacks are still going on: every day new accounts repeat the same false accusations.",
];

const INCIDENTS: &[&str] = &[
    "harassment",
    "threats",
    "doxing",
    "defamation",
    "hate_speech",
    "sexual_abuse",
    "impersonation",
    "account_compromise",
    "spyware",
    "phishing",
    "surveillance",
    "censorship",
    "blocking",
    "shutdown",
    "legal_harassment",
    "other",
];
const PLATFORMS: &[&str] = &["facebook", "instagram", "whatsapp", "x", "telegram", "tiktok", "youtube", "other"];
const COUNTRIES: &[&str] =
    &["BJ", "BF", "CM", "CI", "DZ", "EG", "IQ", "JO", "LB", "MA", "ML", "NE", "SN", "TN", "YE", ""];
const RISKS: &[&str] = &["physical_threat", "address_exposed", "intimate_images", "account_controlled"];

/// The three languages of the form.
pub const LANGS: [&str; 3] = ["ar", "fr", "en"];

/// A description of `200..=2000` characters in `lang`, made of whole sentences then cut.
pub fn description(rng: &mut impl Rng, lang: &str) -> String {
    let bank = match lang {
        "ar" => ARABIC,
        "fr" => FRENCH,
        _ => ENGLISH,
    };
    let target = rng.gen_range(200..=2000);
    let mut text = String::new();
    while text.chars().count() < target {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(bank.choose(rng).expect("a non-empty bank"));
    }
    text.chars().take(target).collect()
}

fn some_of(rng: &mut impl Rng, from: &[&'static str], at_most: usize) -> Vec<&'static str> {
    let n = rng.gen_range(1..=at_most);
    from.choose_multiple(rng, n).copied().collect()
}

/// The fields of one report form (without the CSRF token), as the browser sends them:
/// repeated keys for the checkboxes.
pub fn report_fields(rng: &mut impl Rng, lang: &str) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = Vec::with_capacity(24);
    for i in some_of(rng, INCIDENTS, 3) {
        f.push(("incident", i.to_owned()));
    }
    for p in some_of(rng, PLATFORMS, 2) {
        f.push(("platform", p.to_owned()));
    }
    let links: Vec<String> = (0..rng.gen_range(0..=4))
        .map(|i| format!("https://www.facebook.com/page{}/posts/{}{i}", rng.gen_range(100..999), rng.r#gen::<u32>()))
        .collect();
    f.push(("links", links.join("\n")));
    f.push(("description", description(rng, lang)));
    f.push(("since", ["", "2 weeks", "منذ شهر", "depuis mars"][rng.gen_range(0..4)].to_owned()));
    f.push(("ongoing", if rng.gen_bool(0.6) { "yes" } else { "no" }.to_owned()));
    f.push(("target", ["myself", "someone_else", "organization"][rng.gen_range(0..3)].to_owned()));
    for r in RISKS {
        if rng.gen_bool(0.15) {
            f.push(("risk", (*r).to_owned()));
        }
    }
    f.push(("country", COUNTRIES.choose(rng).expect("countries").to_string()));
    let (by, address) = match rng.gen_range(0..4) {
        0 => ("none", String::new()),
        1 => ("email", format!("defender{}@example.org", rng.gen_range(1..10_000))),
        2 => ("signal", format!("@safe.{}", rng.gen_range(10..99))),
        _ => (
            "phone",
            format!("+227 90 {:02} {:02} {:02}", rng.gen_range(0..100), rng.gen_range(0..100), rng.gen_range(0..100)),
        ),
    };
    f.push(("contact_by", by.to_owned()));
    f.push(("contact_address", address));
    f.push(("contact_language", lang.to_owned()));
    if rng.gen_bool(0.5) {
        f.push(("consent", "yes".to_owned()));
    }
    f.push(("website", String::new()));
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn descriptions_are_200_to_2000_characters_in_each_language() {
        let mut rng = StdRng::seed_from_u64(1);
        for lang in LANGS {
            for _ in 0..200 {
                let n = description(&mut rng, lang).chars().count();
                assert!((200..=2000).contains(&n), "{lang}: {n}");
            }
        }
    }

    #[test]
    fn a_report_has_one_to_three_incidents_and_a_contact_address_when_asked_for() {
        let mut rng = StdRng::seed_from_u64(2);
        for _ in 0..200 {
            let f = report_fields(&mut rng, "fr");
            let get = |k: &str| f.iter().filter(|(key, _)| *key == k).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
            assert!((1..=3).contains(&get("incident").len()));
            assert!((1..=2).contains(&get("platform").len()));
            let by = get("contact_by")[0];
            assert_eq!(by == "none", get("contact_address")[0].is_empty());
        }
    }
}
