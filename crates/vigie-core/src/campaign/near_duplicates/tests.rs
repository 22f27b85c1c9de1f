use super::*;
use crate::campaign::shingles::{Shingling, shingles};
use crate::normalize::{Lang, normalize};
use proptest::prelude::*;

/// Normalises, shingles and counts the words of each post, ids in order from 0.
fn prepare(posts: &[(&str, Lang)]) -> Vec<(Vec<u64>, usize)> {
    posts
        .iter()
        .map(|&(text, lang)| {
            let normalized = normalize(text, lang);
            (shingles(&normalized.text, Shingling::default()), normalized.tokens.len())
        })
        .collect()
}

fn pairs_of(posts: &[(&str, Lang)]) -> Vec<(u32, u32, f64)> {
    let prepared = prepare(posts);
    let items: Vec<Item<'_>> = prepared
        .iter()
        .enumerate()
        .map(|(id, (set, tokens))| Item { id: id as u32, shingles: set, token_count: *tokens })
        .collect();
    NearDuplicates::default().pairs(&items)
}

const TWEET: &str = "نطالب بالإفراج الفوري عن الصحفي المعتقل منذ ثلاثة أشهر دون محاكمة";

#[test]
fn identical_posts_pair() {
    let pairs =
        pairs_of(&[(TWEET, Lang::Arabic), ("something else entirely here", Lang::English), (TWEET, Lang::Arabic)]);
    assert_eq!(pairs, vec![(0, 2, 1.0)]);
}

#[test]
fn an_edited_arabic_tweet_pairs_with_its_original() {
    // Short vowels and tatweel added, a hashtag appended, "الفوري" dropped.
    let edited = "نُطَالِب بالإفـــراج عن الصَّحفي المعتقـل منذ ثلاثة أشهر دون محاكمة #الحرية_للصحفيين";
    let pairs = pairs_of(&[(TWEET, Lang::Arabic), (edited, Lang::Arabic)]);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!((pairs[0].0, pairs[0].1), (0, 1));
    assert!(pairs[0].2 >= 0.5);
}

#[test]
fn unrelated_sentences_do_not_pair() {
    let pairs = pairs_of(&[
        (TWEET, Lang::Arabic),
        ("يتوقع هطول أمطار غزيرة على المناطق الساحلية الشمالية يوم غد", Lang::Arabic),
        ("La réunion du comité est reportée à jeudi prochain faute de quorum", Lang::French),
    ]);
    assert!(pairs.is_empty(), "{pairs:?}");
}

#[test]
fn one_word_posts_never_pair() {
    let pairs =
        pairs_of(&[("عار", Lang::Arabic), ("عار", Lang::Arabic), ("shame!", Lang::English), ("Shame", Lang::English)]);
    assert!(pairs.is_empty(), "{pairs:?}");
}

#[test]
fn clusters_join_chains_and_drop_singletons() {
    let groups = clusters(6, &[(4, 1, 0.7), (1, 3, 0.6), (0, 5, 1.0), (2, 9, 1.0)]);
    assert_eq!(groups, vec![vec![0, 5], vec![1, 3, 4]]);
}

proptest! {
    /// The index may only miss pairs: whatever it reports has an exact similarity above
    /// the threshold, once, in order; and identical sets always pair.
    #[test]
    fn pairs_are_confirmed_exactly(sets in prop::collection::vec(prop::collection::btree_set(0u64..40, 1..12), 0..12)) {
        let sets: Vec<Vec<u64>> = sets.into_iter().map(|set| set.into_iter().collect()).collect();
        let items: Vec<Item<'_>> =
            sets.iter().enumerate().map(|(id, set)| Item { id: id as u32, shingles: set, token_count: 4 }).collect();
        let pairs = NearDuplicates::default().pairs(&items);
        prop_assert!(pairs.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        for &(a, b, similarity) in &pairs {
            prop_assert!(a < b);
            prop_assert_eq!(similarity, jaccard(&sets[a as usize], &sets[b as usize]));
            prop_assert!(similarity >= 0.5);
        }
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                if sets[a] == sets[b] {
                    prop_assert!(pairs.iter().any(|&(x, y, _)| (x, y) == (a as u32, b as u32)));
                }
            }
        }
    }

    #[test]
    fn clusters_partition_the_linked_ids(edges in prop::collection::vec((0u32..20, 0u32..20), 0..30)) {
        let pairs: Vec<(u32, u32, f64)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        let groups = clusters(20, &pairs);
        let mut seen: Vec<u32> = groups.iter().flatten().copied().collect();
        seen.sort_unstable();
        let before = seen.len();
        seen.dedup();
        prop_assert_eq!(before, seen.len());
        for &(a, b) in &edges {
            if a != b {
                prop_assert!(groups.iter().any(|group| group.contains(&a) && group.contains(&b)));
            }
        }
    }
}
