//! `vigie-campaigns qut`: the Detector against the QUT coordination-network-toolkit's
//! `co_similar_tweet` network.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use vigie_core::campaign::evaluation::evaluate;
use vigie_core::campaign::{Corpus, Detector, DetectorConfig};

use super::{CorpusArgs, batch_of, generate, secs, settings};

pub(super) fn qut(
    texts: &[String],
    args: &CorpusArgs,
    seed: u64,
    compute_networks: &Path,
    similarity: f64,
    work: &Path,
) -> anyhow::Result<()> {
    let corpus = generate(texts, seed, args.observations, args.campaigns)?;
    let config = DetectorConfig::default();
    let min_accounts = config.coordination.min_accounts;
    std::fs::create_dir_all(work)?;

    // Vigie end to end.
    let started = Instant::now();
    let mut detector = Detector::new(config.clone());
    detector.add(&batch_of(&corpus.observations, 0));
    let findings = detector.findings();
    let vigie_wall = started.elapsed();
    let q = evaluate(&corpus, &detector, &findings);

    // QUT: message_id,user_id,username,repost_id,reply_id,message,timestamp,urls
    let csv_path = work.join("qut-input.csv");
    let mut writer = csv::Writer::from_path(&csv_path)?;
    writer.write_record([
        "message_id",
        "user_id",
        "username",
        "repost_id",
        "reply_id",
        "message",
        "timestamp",
        "urls",
    ])?;
    for (i, o) in corpus.observations.iter().enumerate() {
        let user = format!("{}:{}", o.platform(), o.author());
        writer.write_record([
            i.to_string(),
            user.clone(),
            user,
            String::new(),
            String::new(),
            o.text().to_owned(),
            o.created_at().0.to_string(),
            o.links().join(" "),
        ])?;
    }
    writer.flush()?;
    let db = work.join("qut.db");
    let edges_path = work.join("qut-edges.csv");
    let _ = std::fs::remove_file(&db);
    let _ = std::fs::remove_file(&edges_path);
    let run = |args: &[&str]| -> anyhow::Result<Duration> {
        let started = Instant::now();
        let out = Command::new(compute_networks)
            .arg(&db)
            .args(args)
            .output()
            .with_context(|| format!("starting {}", compute_networks.display()))?;
        if !out.status.success() {
            bail!("compute_networks {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(started.elapsed())
    };
    let threshold = similarity.to_string();
    let min_doc = config.min_tokens.to_string();
    eprintln!("QUT: preprocess…");
    let pre = run(&["preprocess", "--format", "csv", csv_path.to_str().context("path")?])?;
    eprintln!("QUT: compute co_similar_tweet…");
    let compute = run(&[
        "compute",
        "co_similar_tweet",
        "--time_window",
        "3600",
        "--similarity_threshold",
        &threshold,
        "--min_document_size_similarity",
        &min_doc,
        "--min_edge_weight",
        "1",
        "--n_cpus",
        &rayon::current_num_threads().to_string(),
    ])?;
    // Its CSV export (`--output_file`, `export_network`) fails in 1.5.2 (`output_gephi_csv()
    // got an unexpected keyword argument 'n_messages'`), so the edges are read from its table.
    let python = compute_networks.with_file_name("python");
    let dump = "import csv, sqlite3, sys\n\
                w = csv.writer(open(sys.argv[2], 'w', newline=''))\n\
                w.writerow(['source', 'target'])\n\
                w.writerows(sqlite3.connect(sys.argv[1]).execute(\n\
                'select user_1, user_2 from co_similar_tweet_network where user_1 != user_2'))\n";
    let out = Command::new(&python).arg("-c").arg(dump).arg(&db).arg(&edges_path).output()?;
    if !out.status.success() {
        bail!("reading the QUT network failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    // Components of its graph with at least `min_accounts` accounts are its campaigns.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut edges = Vec::new();
    let mut reader = csv::Reader::from_path(&edges_path)?;
    for record in reader.records() {
        let record = record?;
        let mut id = |s: &str| {
            let n = names.len();
            *names.entry(s.to_owned()).or_insert(n)
        };
        let (a, b) = (id(&record[0]), id(&record[1]));
        if a != b {
            edges.push((a, b));
        }
    }
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in &edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: HashMap<usize, Vec<&str>> = HashMap::new();
    for (name, &i) in &names {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(name);
    }
    let reported: Vec<Vec<&str>> = groups.into_values().filter(|g| g.len() >= min_accounts).collect();
    let (recall, precision, split) = score_groups(&corpus, &reported);

    println!(
        "Vigie settings: {}\nQUT settings: co_similar_tweet, time_window 3600 s, word-set Jaccard ≥ {similarity}, \
         min_document_size_similarity {min_doc}, min_edge_weight 1, campaigns = connected components of ≥ \
         {min_accounts} accounts",
        settings(&config)
    );
    println!();
    println!(
        "{:<36} {:>10} {:>8} {:>9} {:>10} {:>10}",
        "tool", "wall", "recall", "precision", "campaigns", "max split"
    );
    println!(
        "{:<36} {:>10} {:>8.3} {:>9.3} {:>10} {:>10}",
        "Vigie Detector (add + findings)",
        secs(vigie_wall),
        q.campaign_recall(),
        q.campaign_precision(),
        q.reported,
        q.max_split
    );
    println!(
        "{:<36} {:>10} {:>8.3} {:>9.3} {:>10} {:>10}",
        "QUT toolkit (preprocess + compute)",
        secs(pre + compute),
        recall,
        precision,
        reported.len(),
        split
    );
    println!(
        "QUT phases: preprocess {}, compute co_similar_tweet {}; its graph: {} accounts, {} edges",
        secs(pre),
        secs(compute),
        names.len(),
        edges.len()
    );
    Ok(())
}

/// `evaluate`'s campaign rules for groups of `platform:author` names: a group is true when
/// more than half of its accounts are one planted campaign's; a planted campaign is found
/// when some true group is mostly its own.
fn score_groups(corpus: &Corpus, groups: &[Vec<&str>]) -> (f64, f64, usize) {
    let mut planted_of: HashMap<&str, u32> = HashMap::new();
    for (id, accounts) in corpus.campaign_accounts.iter().enumerate() {
        for account in accounts {
            planted_of.insert(account, id as u32);
        }
    }
    let mut split = vec![0usize; corpus.campaign_accounts.len()];
    let mut true_groups = 0;
    for group in groups {
        let mut votes: HashMap<u32, usize> = HashMap::new();
        for name in group {
            let author = name.split_once(':').map_or(*name, |(_, a)| a);
            if let Some(&label) = planted_of.get(author) {
                *votes.entry(label).or_default() += 1;
            }
        }
        if let Some((&label, &n)) = votes.iter().max_by_key(|(label, n)| (**n, std::cmp::Reverse(**label)))
            && n * 2 > group.len()
        {
            true_groups += 1;
            split[label as usize] += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (
        ratio(split.iter().filter(|&&n| n > 0).count(), split.len()),
        ratio(true_groups, groups.len()),
        split.iter().copied().max().unwrap_or(0),
    )
}
