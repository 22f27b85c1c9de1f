//! `vigie-campaigns scale`: 1,000,000 observations end to end, then 10,000 more.

use std::time::Instant;

use vigie_core::campaign::evaluation::evaluate;
use vigie_core::campaign::{Detector, DetectorConfig};

use super::{batch_of, generate, secs, settings};

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned()))
        .unwrap_or_else(|| "unknown".into())
}

pub(super) fn scale(
    texts: &[String],
    seed: u64,
    observations: usize,
    campaigns: usize,
    batch: usize,
    more: usize,
) -> anyhow::Result<()> {
    let corpus = generate(texts, seed, observations, campaigns)?;
    println!("peak RSS after generating the corpus: {}", peak_rss());
    let config = DetectorConfig::default();
    println!("settings: {}", settings(&config));
    let mut detector = Detector::new(config.clone());

    let started = Instant::now();
    let (mut new_texts, mut matches) = (0, 0);
    for (n, chunk) in corpus.observations.chunks(batch.max(1)).enumerate() {
        let summary = detector.add(&batch_of(chunk, (n * batch) as i64));
        new_texts += summary.new_texts;
        matches += summary.matches;
    }
    let add = started.elapsed();
    let t = Instant::now();
    let findings = detector.findings();
    let find = t.elapsed();
    let t = Instant::now();
    let reports: Vec<_> =
        findings.iter().map(|f| detector.report(f, |id| corpus.observations.get(id as usize))).collect();
    let report = t.elapsed();
    let total = started.elapsed();
    let q = evaluate(&corpus, &detector, &findings);

    println!();
    println!("{} observations, batches of {batch}:", corpus.observations.len());
    println!(
        "  add (normalise + shingle + sign + LSH index + exact Jaccard + text clusters): {} \
         ({new_texts} distinct texts signed, {matches} confirmed pairs, {} distinct comparable texts)",
        secs(add),
        detector.text_count()
    );
    println!("  findings (co-action links + campaigns): {} ({} campaigns)", secs(find), findings.len());
    println!("  reports for all findings: {} ({} reports)", secs(report), reports.len());
    println!("  total: {}", secs(total));
    println!("  peak RSS (VmHWM, corpus included): {}", peak_rss());
    println!(
        "  quality: recall {:.3}, precision {:.3}, max split {}, pair P {:.3}, pair R {:.3}",
        q.campaign_recall(),
        q.campaign_precision(),
        q.max_split,
        q.pair_precision,
        q.pair_recall
    );
    drop(reports);

    // Incremental: more observations from another seed, with new ids.
    let extra = generate(texts, seed.wrapping_add(1_000), more, (campaigns * more / observations.max(1)).max(1))?;
    let t = Instant::now();
    let summary = detector.add(&batch_of(&extra.observations, corpus.observations.len() as i64));
    let added = t.elapsed();
    let findings = detector.findings();
    let both = t.elapsed();
    println!();
    println!("incremental: {} more observations onto {}:", extra.observations.len(), corpus.observations.len());
    println!("  add: {} ({} new texts, {} confirmed pairs)", secs(added), summary.new_texts, summary.matches);
    println!("  add + findings: {} ({} campaigns)", secs(both), findings.len());
    println!("  peak RSS (VmHWM): {}", peak_rss());
    Ok(())
}
