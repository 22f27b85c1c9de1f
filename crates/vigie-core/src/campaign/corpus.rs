//! A deterministic generator of labelled observation corpora, to test and measure
//! campaign detection on real text.
//!
//! Background posts are real texts (given by the caller) posted by random authors from a
//! large pool at times spread over the span. Planted campaigns take one real text and
//! post many edited copies of it from the campaign's own accounts, in a burst of a few
//! hours, across several platforms, all carrying the campaign's hashtag sequence and
//! sometimes its link. The edits are the ones seen in real coordinated posting: Arabic
//! diacritics and tatweel added or removed, ى/ي swapped, emoji, hashtags and mentions
//! added, random suffix tokens, one or two words dropped, partial copies keeping at
//! least 70 % of the words.
//!
//! Pure: no file I/O, no clock, no global randomness. The same spec and texts give the
//! same corpus; the work is linear in the number of observations (plus one sort).

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::Timestamp;
use crate::observation::{Observation, RawObservation};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSpec {
    pub seed: u64,
    /// Total number of observations, background and planted together.
    pub observations: usize,
    pub campaigns: usize,
    /// Inclusive range of the number of accounts in each campaign.
    pub accounts_per_campaign: (usize, usize),
    /// Inclusive range of the number of copies each campaign account posts.
    pub posts_per_account: (usize, usize),
    /// Platform names (lower-case tokens such as `x`, `facebook`, `telegram`).
    pub platforms: Vec<String>,
    pub start: Timestamp,
    /// Length of the period the posts fall in, in seconds.
    pub span_secs: i64,
}

/// A generated corpus, sorted by time. `labels[i]` is the planted campaign of
/// `observations[i]` (`None` for background posts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    pub observations: Vec<Observation>,
    pub labels: Vec<Option<u32>>,
    /// The accounts of each campaign, indexed by campaign id.
    pub campaign_accounts: Vec<Vec<String>>,
    /// The real text each campaign copied (NFC), indexed by campaign id.
    pub campaign_sources: Vec<String>,
}

/// Why a spec cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusError {
    NoTexts,
    NoPlatforms,
    /// A `(min, max)` range with `min > max` or `min == 0`; names the field.
    BadRange(&'static str),
    NonPositiveSpan,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoTexts => f.write_str("no background texts given"),
            Self::NoPlatforms => f.write_str("no platforms given"),
            Self::BadRange(field) => write!(f, "{field}: expected 1 <= min <= max"),
            Self::NonPositiveSpan => f.write_str("span_secs must be positive"),
        }
    }
}

impl std::error::Error for CorpusError {}

/// SplitMix64: small, fast, and good enough for test data.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
    /// Uniform in `0..n` (`n > 0`), by multiply-high.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    fn between(&mut self, (min, max): (usize, usize)) -> usize {
        min + self.below(max - min + 1)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The SplitMix64 finaliser, a bijection on `u64`.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const SYLLABLES: [&str; 64] = [
    "ba", "be", "bi", "bo", "da", "de", "di", "do", "fa", "fe", "fi", "fo", "ha", "he", "hi", "ho", "ka", "ke", "ki",
    "ko", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "ra", "re", "ri", "ro", "sa", "se",
    "si", "so", "ta", "te", "ti", "to", "za", "ze", "zi", "zo", "nour", "amin", "sam", "yas", "rim", "kar", "lina",
    "omar", "sof", "wal", "jad", "hak", "zak", "dal", "mar", "tal",
];

/// A unique handle for account number `n` (`n < 2^32`): the number goes through a
/// seeded bijection of `u32` and is written out whole, so distinct numbers give
/// distinct handles.
fn handle(seed: u64, n: u32) -> String {
    let key = mix64(seed ^ 0xACC0_0417) as u32;
    let mut x = n.wrapping_add(key);
    x = x.wrapping_mul(0x9E37_79B1);
    x ^= x >> 16;
    x = x.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 13;
    let first = SYLLABLES[(x >> 26) as usize];
    let second = SYLLABLES[((x >> 20) & 63) as usize];
    format!("{first}{second}{}", x & 0xF_FFFF)
}

const EMOJI: [&str; 12] = ["🔥", "👇", "‼️", "😡", "🇩🇿", "🇲🇦", "🇹🇳", "✅", "❌", "📢", "💯", "🙏"];
const TAG_WORDS: [&str; 16] = [
    "الحقيقة",
    "عاجل",
    "لا_للفساد",
    "الشعب_يريد",
    "فضيحة",
    "انتخابات",
    "vérité",
    "urgent",
    "scandale",
    "réveil",
    "truth",
    "wakeup",
    "breaking",
    "exposed",
    "boycott",
    "حراك",
];
const MENTION_WORDS: [&str; 8] =
    ["user", "media_watch", "akhbar", "infos_direct", "alyoum", "press24", "nouvelles", "watchdog"];
const LINK_HOSTS: [&str; 6] =
    ["news-today.example", "alhaqiqa.example", "infos-vraies.example", "short.example", "bit.example", "watch.example"];

const TATWEEL: char = '\u{0640}';

fn is_mark(c: char) -> bool {
    ('\u{064B}'..='\u{0652}').contains(&c) || c == TATWEEL
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != TATWEEL
}

fn token(rng: &mut Rng, len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..len).map(|_| char::from(ALPHABET[rng.below(ALPHABET.len())])).collect()
}

/// A campaign: its accounts, source text, shared hashtags and maybe a link.
struct Campaign {
    accounts: Vec<String>,
    source: String,
    hashtags: Vec<String>,
    mention: String,
    link: Option<String>,
    start: i64,
    burst_secs: i64,
}

/// Generates the corpus of `spec` with `texts` as the real background and seed texts.
pub fn generate_corpus(spec: &CorpusSpec, texts: &[String]) -> Result<Corpus, CorpusError> {
    if texts.is_empty() {
        return Err(CorpusError::NoTexts);
    }
    if spec.platforms.is_empty() {
        return Err(CorpusError::NoPlatforms);
    }
    for (name, (min, max)) in
        [("accounts_per_campaign", spec.accounts_per_campaign), ("posts_per_account", spec.posts_per_account)]
    {
        if min == 0 || min > max {
            return Err(CorpusError::BadRange(name));
        }
    }
    if spec.span_secs <= 0 {
        return Err(CorpusError::NonPositiveSpan);
    }
    let mut rng = Rng::new(spec.seed);
    let pool = (spec.observations / 4).max(100);
    let mut next_account = pool as u32;
    let mut campaigns = Vec::with_capacity(spec.campaigns);
    for _ in 0..spec.campaigns {
        let count = rng.between(spec.accounts_per_campaign);
        let accounts = (0..count)
            .map(|_| {
                next_account = next_account.wrapping_add(1);
                handle(spec.seed, next_account)
            })
            .collect();
        let mut source = rng.pick(texts);
        for _ in 0..20 {
            if source.split_whitespace().count() >= 5 {
                break;
            }
            source = rng.pick(texts);
        }
        let hashtags = (0..rng.between((1, 3))).map(|_| rng.pick(&TAG_WORDS).to_string()).collect();
        let link = rng.chance(50).then(|| format!("https://{}/{}", rng.pick(&LINK_HOSTS), token(&mut rng, 7)));
        let burst_secs = (3_600 * rng.between((1, 6)) as i64).min(spec.span_secs);
        let start = rng.below((spec.span_secs - burst_secs + 1) as usize) as i64;
        campaigns.push(Campaign {
            accounts,
            source: source.nfc().collect(),
            hashtags,
            mention: format!("@{}", rng.pick(&MENTION_WORDS)),
            link,
            start,
            burst_secs,
        });
    }

    let mut rows: Vec<(Timestamp, Observation, Option<u32>)> = Vec::with_capacity(spec.observations);
    let mut serial = 0u64;
    'planting: for (id, campaign) in campaigns.iter().enumerate() {
        for account in &campaign.accounts {
            for _ in 0..rng.between(spec.posts_per_account) {
                if rows.len() == spec.observations {
                    break 'planting;
                }
                let text = edited_copy(&mut rng, campaign);
                // Front-loaded burst: the minimum of two uniform draws.
                let offset =
                    rng.below(campaign.burst_secs as usize + 1).min(rng.below(campaign.burst_secs as usize + 1));
                let at = spec.start.plus_secs(campaign.start + offset as i64);
                let links = campaign.link.iter().filter(|_| rng.chance(80)).cloned().collect();
                let platform = rng.pick(&spec.platforms).clone();
                let obs = observation(spec.seed, &mut serial, platform, account.clone(), at, text, links);
                rows.push((at, obs, Some(id as u32)));
            }
        }
    }
    while rows.len() < spec.observations {
        let author = handle(spec.seed, rng.below(pool) as u32);
        let at = spec.start.plus_secs(rng.below(spec.span_secs as usize) as i64);
        let text = rng.pick(texts).clone();
        let links = if rng.chance(5) {
            vec![format!("https://{}/{}", rng.pick(&LINK_HOSTS), token(&mut rng, 7))]
        } else {
            Vec::new()
        };
        let platform = rng.pick(&spec.platforms).clone();
        rows.push((at, observation(spec.seed, &mut serial, platform, author, at, text, links), None));
    }
    rows.sort_by_key(|row| row.0);
    let (observations, labels) = rows.into_iter().map(|(_, obs, label)| (obs, label)).unzip();
    Ok(Corpus {
        observations,
        labels,
        campaign_accounts: campaigns.iter().map(|c| c.accounts.clone()).collect(),
        campaign_sources: campaigns.into_iter().map(|c| c.source).collect(),
    })
}

/// Builds an observation through the validating parser; invalid hashtags or mentions
/// found in the text (too long, odd characters) are left in the text but not listed.
fn observation(
    seed: u64,
    serial: &mut u64,
    platform: String,
    author: String,
    at: Timestamp,
    text: String,
    links: Vec<String>,
) -> Observation {
    *serial += 1;
    let post_id = format!("{:016x}", mix64(seed.rotate_left(17) ^ *serial));
    let tags = |sigil: char| -> Vec<String> {
        text.split_whitespace()
            .filter_map(|w| w.strip_prefix(sigil))
            .filter(|t| !t.is_empty() && t.chars().count() <= 200 && !t.contains(['#', '@']))
            .filter(|t| !t.chars().any(char::is_control))
            .map(|t| format!("{sigil}{t}"))
            .collect()
    };
    let lang = text.chars().any(is_arabic_letter).then(|| "ar".to_owned());
    let raw = RawObservation {
        url: Some(format!("https://{platform}.example/{author}/{post_id}")),
        hashtags: tags('#'),
        mentions: tags('@'),
        platform: Some(platform),
        post_id: Some(post_id),
        author: Some(author),
        created_at: Some(at.rfc3339()),
        text: Some(text),
        lang,
        links,
        collected_by: Some("vigie-corpus".to_owned()),
        ..RawObservation::default()
    };
    Observation::parse(raw).expect("generated observations are valid")
}

/// One edited copy of the campaign's source text, never equal to it.
fn edited_copy(rng: &mut Rng, campaign: &Campaign) -> String {
    let words: Vec<&str> = campaign.source.split_whitespace().collect();
    let n = words.len();
    let keep_min = (n * 7).div_ceil(10);
    let mut kept: Vec<String> = match rng.below(4) {
        // Partial copy: a contiguous window of at least 70 % of the words.
        0 if n > keep_min => {
            let len = rng.between((keep_min, n));
            let from = rng.below(n - len + 1);
            words[from..from + len].iter().map(|w| w.to_string()).collect()
        }
        // One or two words dropped, keeping at least 70 %.
        1 if n > keep_min => {
            let mut kept: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            for _ in 0..rng.between((1, 2)).min(n - keep_min) {
                kept.remove(rng.below(kept.len()));
            }
            kept
        }
        _ => words.iter().map(|w| w.to_string()).collect(),
    };
    let arabic = kept.iter().any(|w| w.chars().any(is_arabic_letter));
    for _ in 0..rng.between((1, 3)) {
        match rng.below(if arabic { 7 } else { 3 }) {
            0 => kept.insert(rng.below(kept.len() + 1), rng.pick(&EMOJI).to_string()),
            1 => {
                let len = rng.between((3, 6));
                kept.push(token(rng, len));
            }
            2 => kept.insert(rng.below(kept.len() + 1), campaign.mention.clone()),
            3 => add_marks(rng, &mut kept, false),
            4 => add_marks(rng, &mut kept, true),
            5 => kept.iter_mut().for_each(|w| w.retain(|c| !is_mark(c))),
            _ => swap_ya(rng, &mut kept),
        }
    }
    let tags = campaign.hashtags.iter().map(|t| format!("#{t}"));
    if rng.chance(20) {
        let mut front: Vec<String> = tags.collect();
        front.append(&mut kept);
        kept = front;
    } else {
        kept.extend(tags);
    }
    let mut text: String = kept.join(" ").nfc().collect();
    if text == campaign.source {
        text.push(' ');
        text.push_str(&token(rng, 5));
    }
    text
}

/// Adds one to three diacritics (or tatweels) after random Arabic letters.
fn add_marks(rng: &mut Rng, words: &mut [String], tatweel: bool) {
    for _ in 0..rng.between((1, 3)) {
        let word = &mut words[rng.below(words.len())];
        let letters: Vec<usize> = word.char_indices().filter(|(_, c)| is_arabic_letter(*c)).map(|(i, _)| i).collect();
        if letters.is_empty() {
            continue;
        }
        let at = letters[rng.below(letters.len())];
        let len = word[at..].chars().next().map_or(0, char::len_utf8);
        let mark = if tatweel { TATWEEL } else { char::from_u32(0x064B + rng.below(8) as u32).unwrap_or(TATWEEL) };
        word.insert(at + len, mark);
    }
}

/// Swaps ى and ي in the words, one way or the other.
fn swap_ya(rng: &mut Rng, words: &mut [String]) {
    let (from, to) = if rng.chance(50) { ('ى', 'ي') } else { ('ي', 'ى') };
    for word in words.iter_mut().filter(|w| w.contains(from)) {
        *word = word.replace(from, &to.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        [
            "صلاة الفجر خير لك من ترديد بول البعير وسبي النساء",
            "صراحة نفسي اشوف اللي قالوا مدرب اجنبي منك لله ربنا ياخدك @url",
            "on ne lâchera rien face à ces gens qui nous méprisent tous les jours",
            "this is exactly what they want you to believe about the election",
            "الى متى هذا الظلم في بلادنا يا ناس",
            "court",
        ]
        .map(String::from)
        .to_vec()
    }

    fn spec(seed: u64) -> CorpusSpec {
        CorpusSpec {
            seed,
            observations: 2_000,
            campaigns: 5,
            accounts_per_campaign: (5, 20),
            posts_per_account: (1, 4),
            platforms: vec!["x".into(), "facebook".into(), "telegram".into()],
            start: Timestamp(1_700_000_000),
            span_secs: 7 * 86_400,
        }
    }

    /// Folds away the edits that do not change a word: marks, tatweel, ى/ي.
    fn fold(word: &str) -> String {
        word.chars().filter(|c| !is_mark(*c)).map(|c| if c == 'ى' { 'ي' } else { c }).collect()
    }

    #[test]
    fn corpus_same_seed_same_corpus_and_different_seed_differs() {
        let a = generate_corpus(&spec(7), &texts()).unwrap();
        assert_eq!(a, generate_corpus(&spec(7), &texts()).unwrap());
        assert_ne!(a, generate_corpus(&spec(8), &texts()).unwrap());
    }

    #[test]
    fn corpus_labels_match_observations_and_accounts() {
        let c = generate_corpus(&spec(1), &texts()).unwrap();
        assert_eq!(c.observations.len(), 2_000);
        assert_eq!(c.labels.len(), c.observations.len());
        assert_eq!(c.campaign_accounts.len(), 5);
        assert!(c.observations.windows(2).all(|w| w[0].created_at() <= w[1].created_at()));
        let ids: std::collections::HashSet<&str> = c.observations.iter().map(Observation::post_id).collect();
        assert_eq!(ids.len(), c.observations.len(), "post ids are unique");
        for (obs, label) in c.observations.iter().zip(&c.labels) {
            if let Some(id) = label {
                assert!(c.campaign_accounts[*id as usize].iter().any(|a| a == obs.author()));
            } else {
                assert!(!c.campaign_accounts.iter().flatten().any(|a| a == obs.author()));
            }
        }
    }

    #[test]
    fn corpus_planted_copies_differ_yet_share_most_words_in_a_burst() {
        let c = generate_corpus(&spec(3), &texts()).unwrap();
        let mut planted = 0;
        for (obs, label) in c.observations.iter().zip(&c.labels) {
            let Some(id) = label else { continue };
            planted += 1;
            let source = &c.campaign_sources[*id as usize];
            assert_ne!(obs.text(), source);
            let copy: std::collections::HashSet<String> = obs.text().split_whitespace().map(fold).collect();
            let words: Vec<String> = source.split_whitespace().map(fold).collect();
            let shared = words.iter().filter(|w| copy.contains(*w)).count();
            assert!(shared * 10 >= words.len() * 7, "{source:?} → {:?}", obs.text());
            assert!(!obs.hashtags().is_empty());
        }
        assert!(planted > 0);
        for id in 0..c.campaign_accounts.len() {
            let times: Vec<i64> = c
                .observations
                .iter()
                .zip(&c.labels)
                .filter(|(_, l)| **l == Some(id as u32))
                .map(|(o, _)| o.created_at().0)
                .collect();
            let (min, max) = (times.iter().min().unwrap(), times.iter().max().unwrap());
            assert!(max - min <= 6 * 3_600, "campaign {id} spans {}s", max - min);
        }
    }

    #[test]
    fn corpus_refuses_bad_specs() {
        assert_eq!(generate_corpus(&spec(1), &[]), Err(CorpusError::NoTexts));
        let bad = CorpusSpec { accounts_per_campaign: (3, 2), ..spec(1) };
        assert_eq!(generate_corpus(&bad, &texts()), Err(CorpusError::BadRange("accounts_per_campaign")));
        let bad = CorpusSpec { platforms: vec![], ..spec(1) };
        assert_eq!(generate_corpus(&bad, &texts()), Err(CorpusError::NoPlatforms));
    }
}
