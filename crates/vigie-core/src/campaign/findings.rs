//! From the detector's posts to campaigns: co-actions, weighted account links,
//! connected groups, and the report of each group.
//!
//! A *co-action* is a pair of posts by two accounts, at most the window apart, that
//! share a trace: the same near-duplicate text cluster, the same image (within the
//! perceptual distance), the same sequence of two or more hashtags, or the same link.
//! A link's weight is the number of distinct co-actions of its two accounts; links of
//! weight at least `min_edge_weight` join accounts into campaigns. Mentions are shown
//! but do not make co-actions on their own: a minister's handle or a platform's
//! anonymised `@user` is mentioned by thousands who never coordinated, as is a single
//! trending hashtag.

use std::collections::{BTreeMap, HashMap, VecDeque};

use super::detector::{Detector, Mark, NO_TEXT, PostEntry};
use super::report::{
    AccountLink, AccountSummary, CampaignReport, CoAction, Count, HourCount, RepresentativePost, TraceKind,
    TraceSummary,
};
use crate::observation::Observation;

/// How many co-actions of each link the report spells out.
const EXAMPLES_PER_LINK: usize = 3;
/// How many links a report keeps (strongest first); the rest are summed up in the weights.
const MAX_REPORTED_LINKS: usize = 5_000;

/// A shared trace as linking sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Anchor {
    /// A text cluster, by its root text.
    Text(u32),
    /// An image group, by its root image.
    Image(u32),
    Mark(Mark),
}

/// One detected campaign, before its report is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Accounts, by the detector's numbers, sorted.
    pub accounts: Vec<u32>,
    /// The coordinated posts, by position in the order added, sorted.
    pub posts: Vec<u32>,
    links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    a: u32,
    b: u32,
    weight: u32,
    /// `(anchor, post of a, post of b)`.
    examples: Vec<(Anchor, u32, u32)>,
}

impl Finding {
    /// The caller's ids of the campaign's posts.
    pub fn post_ids(&self, detector: &Detector) -> Vec<i64> {
        self.posts.iter().map(|&p| detector.posts[p as usize].id).collect()
    }

    /// The campaign's accounts, `platform:author`.
    pub fn account_names<'a>(&self, detector: &'a Detector) -> Vec<&'a str> {
        self.accounts.iter().map(|&a| detector.accounts[a as usize].as_str()).collect()
    }
}

impl Detector {
    /// The name (`platform:author`) of an account number.
    pub fn account_name(&self, account: u32) -> &str {
        &self.accounts[account as usize]
    }

    /// The campaigns among all posts added: groups of at least `min_accounts` accounts
    /// joined by links of weight at least `min_edge_weight`, largest first.
    pub fn findings(&self) -> Vec<Finding> {
        let config = &self.config.coordination;
        let roots = self.text_roots();
        let mut entries: Vec<(Anchor, i64, u32)> = Vec::with_capacity(self.posts.len() * 2);
        for (position, post) in self.posts.iter().enumerate() {
            let position = position as u32;
            if post.text != NO_TEXT {
                entries.push((Anchor::Text(roots[post.text as usize]), post.at, position));
            }
            for &mark in post.marks.iter() {
                match mark {
                    Mark::Image(image) => entries.push((Anchor::Image(self.images.root(image)), post.at, position)),
                    Mark::Mention(_) => {}
                    other => entries.push((Anchor::Mark(other), post.at, position)),
                }
            }
        }
        entries.sort_unstable();

        // Every co-action: (account a, account b, post of a, post of b, anchor), a < b.
        let mut coactions: Vec<(u32, u32, u32, u32, Anchor)> = Vec::new();
        let mut start = 0;
        while start < entries.len() {
            let anchor = entries[start].0;
            let end = start + entries[start..].iter().position(|e| e.0 != anchor).unwrap_or(entries.len() - start);
            let group = &entries[start..end];
            for (i, &(_, at, p)) in group.iter().enumerate() {
                let account = self.posts[p as usize].account;
                for &(_, later, q) in group[i + 1..].iter().take(config.max_partners) {
                    if i128::from(later) - i128::from(at) > i128::from(config.window_secs) {
                        break;
                    }
                    let other = self.posts[q as usize].account;
                    if other != account {
                        coactions.push(if account < other {
                            (account, other, p, q, anchor)
                        } else {
                            (other, account, q, p, anchor)
                        });
                    }
                }
            }
            start = end;
        }
        coactions.sort_unstable();

        let mut links: Vec<Link> = Vec::new();
        let mut i = 0;
        while i < coactions.len() {
            let (a, b) = (coactions[i].0, coactions[i].1);
            let mut link = Link { a, b, weight: 0, examples: Vec::new() };
            let mut last_pair = None;
            while i < coactions.len() && (coactions[i].0, coactions[i].1) == (a, b) {
                let (_, _, p, q, anchor) = coactions[i];
                if last_pair != Some((p, q)) {
                    link.weight += 1;
                    last_pair = Some((p, q));
                    if link.examples.len() < EXAMPLES_PER_LINK {
                        link.examples.push((anchor, p, q));
                    }
                }
                i += 1;
            }
            if link.weight >= config.min_edge_weight {
                links.push(link);
            }
        }
        drop(coactions);

        // Connected groups of accounts.
        let mut parent: HashMap<u32, u32> = HashMap::new();
        fn root(parent: &mut HashMap<u32, u32>, x: u32) -> u32 {
            let mut r = x;
            while let Some(&p) = parent.get(&r).filter(|&&p| p != r) {
                r = p;
            }
            let mut y = x;
            while y != r {
                let next = parent[&y];
                parent.insert(y, r);
                y = next;
            }
            r
        }
        for link in &links {
            parent.entry(link.a).or_insert(link.a);
            parent.entry(link.b).or_insert(link.b);
            let (ra, rb) = (root(&mut parent, link.a), root(&mut parent, link.b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
        let mut groups: BTreeMap<u32, Finding> = BTreeMap::new();
        let accounts: Vec<u32> = parent.keys().copied().collect();
        for account in accounts {
            let r = root(&mut parent, account);
            groups.entry(r).or_insert_with(empty_finding).accounts.push(account);
        }
        for link in links {
            let r = root(&mut parent, link.a);
            groups.get_mut(&r).expect("every linked account has a group").links.push(link);
        }
        let mut findings: Vec<Finding> = groups
            .into_values()
            .filter(|g| g.accounts.len() >= config.min_accounts)
            .map(|mut g| {
                g.accounts.sort_unstable();
                g.links.sort_unstable_by(|x, y| y.weight.cmp(&x.weight).then((x.a, x.b).cmp(&(y.a, y.b))));
                g
            })
            .collect();
        coordinated_posts(self, &roots, &mut findings);
        findings.sort_by(|x, y| y.accounts.len().cmp(&x.accounts.len()).then(x.accounts.cmp(&y.accounts)));
        findings
    }

    /// The report of one finding. `lookup` gives the observation of a caller's id; posts
    /// it does not know are left out of texts and counts.
    pub fn report<'a>(&self, finding: &Finding, lookup: impl Fn(i64) -> Option<&'a Observation>) -> CampaignReport {
        let mut posts: Vec<(&PostEntry, &Observation)> = finding
            .posts
            .iter()
            .filter_map(|&p| {
                let post = &self.posts[p as usize];
                lookup(post.id).map(|o| (post, o))
            })
            .collect();
        posts.sort_by_key(|(post, o)| (post.at, o.platform(), o.post_id()));
        let index_of: HashMap<u32, u32> =
            finding.accounts.iter().enumerate().map(|(i, &account)| (account, i as u32)).collect();

        // Accounts.
        let mut per_account: HashMap<u32, (u32, i64)> = HashMap::new();
        for (post, _) in &posts {
            let entry = per_account.entry(post.account).or_insert((0, post.at));
            entry.0 += 1;
            entry.1 = entry.1.min(post.at);
        }
        let mut degree: HashMap<u32, u32> = HashMap::new();
        for link in &finding.links {
            *degree.entry(link.a).or_default() += 1;
            *degree.entry(link.b).or_default() += 1;
        }
        let mut accounts: Vec<AccountSummary> = finding
            .accounts
            .iter()
            .map(|&account| {
                let name = &self.accounts[account as usize];
                let (platform, author) = name.split_once(':').unwrap_or(("", name));
                let (count, first) = per_account.get(&account).copied().unwrap_or((0, 0));
                AccountSummary {
                    account: name.clone(),
                    platform: platform.to_owned(),
                    author: author.to_owned(),
                    posts: count,
                    first_seen: first,
                    links: degree.get(&account).copied().unwrap_or(0),
                }
            })
            .collect();
        // Reorder links' indexes after sorting accounts by activity.
        let mut order: Vec<usize> = (0..accounts.len()).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = (&accounts[x], &accounts[y]);
            b.posts.cmp(&a.posts).then(b.links.cmp(&a.links)).then(a.account.cmp(&b.account))
        });
        let mut new_index = vec![0u32; accounts.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let mut sorted: Vec<Option<AccountSummary>> = accounts.drain(..).map(Some).collect();
        let accounts: Vec<AccountSummary> = order.iter().map(|&old| sorted[old].take().expect("once")).collect();
        let account_index = |account: u32| new_index[index_of[&account] as usize];

        // Counts.
        let mut platforms: HashMap<&str, u32> = HashMap::new();
        let mut hashtags: HashMap<&str, u32> = HashMap::new();
        let mut hours: BTreeMap<(i64, &str), u32> = BTreeMap::new();
        let mut per_hour: HashMap<i64, u32> = HashMap::new();
        for (post, o) in &posts {
            *platforms.entry(o.platform()).or_default() += 1;
            for tag in o.hashtags() {
                *hashtags.entry(tag.as_str()).or_default() += 1;
            }
            let hour = post.at - post.at.rem_euclid(3_600);
            *hours.entry((hour, o.platform())).or_default() += 1;
            *per_hour.entry(hour).or_default() += 1;
        }
        let (peak_hour, peak_per_hour) =
            per_hour.iter().map(|(&h, &n)| (h, n)).max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0))).unwrap_or((0, 0));
        let times: Vec<i64> = posts.iter().map(|(p, _)| p.at).collect();
        let burstiness = burstiness(&times);

        // Representative texts: one per text cluster, the earliest post of the cluster.
        let mut clusters: BTreeMap<u32, (u32, &PostEntry, &Observation)> = BTreeMap::new();
        for (post, o) in &posts {
            if let Some(cluster) = self.cluster_of(post) {
                clusters.entry(cluster).or_insert((0, post, o)).0 += 1;
            }
        }
        let text_label = |cluster: u32| -> String {
            clusters.get(&cluster).map(|(_, _, o)| excerpt(o.text(), 120)).unwrap_or_default()
        };
        let mut representative: Vec<RepresentativePost> = clusters
            .values()
            .map(|&(copies, post, o)| RepresentativePost {
                post_id: post.id,
                platform: o.platform().to_owned(),
                author: o.author().to_owned(),
                at: post.at,
                lang: o.lang().map(str::to_owned),
                text: o.text().to_owned(),
                copies,
            })
            .collect();
        representative.sort_by(|x, y| y.copies.cmp(&x.copies).then(x.at.cmp(&y.at)));
        representative.truncate(10);

        // Traces.
        let mut traces: HashMap<(TraceKind, String), u32> = HashMap::new();
        for (post, _) in &posts {
            if let Some(cluster) = self.cluster_of(post) {
                *traces.entry((TraceKind::Text, text_label(cluster))).or_default() += 1;
            }
            for &mark in post.marks.iter() {
                *traces.entry((mark.kind(), self.mark_label(mark))).or_default() += 1;
            }
        }
        let mut traces: Vec<TraceSummary> = traces
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|((kind, label), posts)| TraceSummary { kind, label, posts })
            .collect();
        traces.sort_by(|x, y| y.posts.cmp(&x.posts).then(x.kind.cmp(&y.kind)).then(x.label.cmp(&y.label)));
        traces.truncate(50);

        let anchor_label = |anchor: Anchor| -> (TraceKind, String) {
            match anchor {
                Anchor::Text(cluster) => (TraceKind::Text, text_label(cluster)),
                Anchor::Image(image) => (TraceKind::Image, self.mark_label(Mark::Image(image))),
                Anchor::Mark(mark) => (mark.kind(), self.mark_label(mark)),
            }
        };
        let links: Vec<AccountLink> = finding
            .links
            .iter()
            .take(MAX_REPORTED_LINKS)
            .map(|link| {
                let (a, b) = (account_index(link.a), account_index(link.b));
                let examples = link
                    .examples
                    .iter()
                    .map(|&(anchor, p, q)| {
                        let (kind, label) = anchor_label(anchor);
                        let (pa, pb) = (&self.posts[p as usize], &self.posts[q as usize]);
                        CoAction { kind, label, post_a: pa.id, post_b: pb.id, gap_secs: (pb.at - pa.at).abs() }
                    })
                    .collect();
                // Keep `a < b` in the report's numbering, swapping the examples' sides too.
                if a <= b {
                    AccountLink { a, b, weight: link.weight, examples }
                } else {
                    let examples = examples
                        .into_iter()
                        .map(|c: CoAction| CoAction { post_a: c.post_b, post_b: c.post_a, ..c })
                        .collect();
                    AccountLink { a: b, b: a, weight: link.weight, examples }
                }
            })
            .collect();

        let first_seen = times.first().copied().unwrap_or(0);
        let last_seen = times.last().copied().unwrap_or(0);
        let platforms = counts(platforms);
        let score = score(accounts.len(), peak_per_hour, burstiness, platforms.len());
        CampaignReport {
            posts: posts.iter().map(|(_, o)| (o.platform().to_owned(), o.post_id().to_owned())).collect(),
            post_ids: posts.iter().map(|(p, _)| p.id).collect(),
            accounts,
            platforms,
            first_seen,
            last_seen,
            peak_per_hour,
            peak_hour,
            burstiness,
            score,
            hashtags: {
                let mut tags = counts(hashtags);
                for tag in &mut tags {
                    tag.value.insert(0, '#');
                }
                tags.truncate(30);
                tags
            },
            representative,
            traces,
            timeline: hours
                .into_iter()
                .map(|((hour, platform), posts)| HourCount { hour, platform: platform.to_owned(), posts })
                .collect(),
            links,
        }
    }

    fn mark_label(&self, mark: Mark) -> String {
        let key = match mark {
            Mark::Image(image) => Mark::Image(self.images.root(image)),
            other => other,
        };
        self.labels.get(&key).or_else(|| self.labels.get(&mark)).cloned().unwrap_or_default()
    }
}

fn empty_finding() -> Finding {
    Finding { accounts: Vec::new(), posts: Vec::new(), links: Vec::new() }
}

/// Fills each group's posts: the posts of its accounts that carry one of the traces its
/// links were made of (the links' examples are a sample, so every post of the group's
/// accounts carrying those traces is counted). One pass over the posts for all groups.
fn coordinated_posts(detector: &Detector, roots: &[u32], groups: &mut [Finding]) {
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    let mut anchors: Vec<Vec<Anchor>> = Vec::with_capacity(groups.len());
    for (g, group) in groups.iter().enumerate() {
        for &account in &group.accounts {
            group_of.insert(account, g);
        }
        let mut used: Vec<Anchor> = group.links.iter().flat_map(|l| l.examples.iter().map(|e| e.0)).collect();
        used.sort_unstable();
        used.dedup();
        anchors.push(used);
    }
    for (position, post) in detector.posts.iter().enumerate() {
        let Some(&g) = group_of.get(&post.account) else { continue };
        let used = &anchors[g];
        let carries = (post.text != NO_TEXT && used.binary_search(&Anchor::Text(roots[post.text as usize])).is_ok())
            || post.marks.iter().any(|&m| {
                let anchor = match m {
                    Mark::Image(image) => Anchor::Image(detector.images.root(image)),
                    other => Anchor::Mark(other),
                };
                used.binary_search(&anchor).is_ok()
            });
        if carries {
            groups[g].posts.push(position as u32);
        }
    }
}

fn counts(map: HashMap<&str, u32>) -> Vec<Count> {
    let mut out: Vec<Count> = map.into_iter().map(|(value, count)| Count { value: value.to_owned(), count }).collect();
    out.sort_by(|x, y| y.count.cmp(&x.count).then(x.value.cmp(&y.value)));
    out
}

fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// Goh and Barabási's burstiness `(σ − μ) / (σ + μ)` of the gaps between sorted times:
/// −1 for a metronome, about 0 for random (Poisson) posting, towards 1 for bursts. Zero
/// when there are fewer than three posts.
pub fn burstiness(sorted_times: &[i64]) -> f64 {
    if sorted_times.len() < 3 {
        return 0.0;
    }
    let gaps: Vec<f64> = sorted_times.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    let var = gaps.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / gaps.len() as f64;
    let sd = var.sqrt();
    if sd + mean == 0.0 { 1.0 } else { (sd - mean) / (sd + mean) }
}

/// The rank key of a campaign: more accounts, a higher peak, more bursty and more
/// platforms rank higher. `ln(1 + accounts) · ln(1 + peak per hour) · (1 + max(B, 0)) ·
/// (1 + (platforms − 1) / 4)`, rounded to 3 decimals.
pub fn score(accounts: usize, peak_per_hour: u32, burstiness: f64, platforms: usize) -> f64 {
    let raw = (1.0 + accounts as f64).ln()
        * (1.0 + f64::from(peak_per_hour)).ln()
        * (1.0 + burstiness.max(0.0))
        * (1.0 + platforms.saturating_sub(1) as f64 / 4.0);
    (raw * 1000.0).round() / 1000.0
}

/// Why two accounts of a report are linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhyLinked<'a> {
    /// Linked directly: their co-actions.
    Direct(&'a AccountLink),
    /// Linked through others: the accounts on a shortest path (indexes into `accounts`),
    /// both ends included.
    Through(Vec<u32>),
    /// Not linked within the report's links.
    NotLinked,
}

impl CampaignReport {
    /// The index of an account (`platform:author`, or an author handle when unambiguous).
    pub fn account_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = self.accounts.iter().position(|a| a.account == name) {
            return Some(i as u32);
        }
        let mut by_author = self.accounts.iter().enumerate().filter(|(_, a)| a.author == name);
        match (by_author.next(), by_author.next()) {
            (Some((i, _)), None) => Some(i as u32),
            _ => None,
        }
    }

    /// Why accounts `a` and `b` (indexes into `accounts`) are linked.
    pub fn why_linked(&self, a: u32, b: u32) -> WhyLinked<'_> {
        let (lo, hi) = (a.min(b), a.max(b));
        if let Some(link) = self.links.iter().find(|l| l.a == lo && l.b == hi) {
            return WhyLinked::Direct(link);
        }
        let n = self.accounts.len();
        if a as usize >= n || b as usize >= n || a == b {
            return WhyLinked::NotLinked;
        }
        let mut next: Vec<Vec<u32>> = vec![Vec::new(); n];
        for link in &self.links {
            next[link.a as usize].push(link.b);
            next[link.b as usize].push(link.a);
        }
        let mut from: Vec<Option<u32>> = vec![None; n];
        from[a as usize] = Some(a);
        let mut queue = VecDeque::from([a]);
        while let Some(x) = queue.pop_front() {
            if x == b {
                let mut path = vec![b];
                let mut y = b;
                while y != a {
                    y = from[y as usize].expect("visited");
                    path.push(y);
                }
                path.reverse();
                return WhyLinked::Through(path);
            }
            for &y in &next[x as usize] {
                if from[y as usize].is_none() {
                    from[y as usize] = Some(x);
                    queue.push_back(y);
                }
            }
        }
        WhyLinked::NotLinked
    }
}

/// For each campaign found now, the id of the saved campaign it continues, if any: the
/// saved campaign sharing the most accounts with it, when they share at least a third of
/// the smaller one's accounts. Each saved campaign is continued at most once, larger
/// overlaps first.
pub fn continued_campaigns(saved: &[(i64, Vec<String>)], found: &[Vec<String>]) -> Vec<Option<i64>> {
    let mut owner: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, accounts)) in saved.iter().enumerate() {
        for account in accounts {
            owner.entry(account.as_str()).or_default().push(i);
        }
    }
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (f, accounts) in found.iter().enumerate() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for account in accounts {
            for &s in owner.get(account.as_str()).into_iter().flatten() {
                *overlap.entry(s).or_default() += 1;
            }
        }
        for (s, shared) in overlap {
            let smaller = accounts.len().min(saved[s].1.len()).max(1);
            if shared * 3 >= smaller {
                candidates.push((shared, f, s));
            }
        }
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut out = vec![None; found.len()];
    let mut used = vec![false; saved.len()];
    for (_, f, s) in candidates {
        if out[f].is_none() && !used[s] {
            out[f] = Some(saved[s].0);
            used[s] = true;
        }
    }
    out
}
