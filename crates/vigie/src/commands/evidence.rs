//! `vigie evidence add|post|list` and `vigie export bundle`.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, bail};
use vigie_core::CaseId;
use vigie_core::cases::NewPost;
use vigie_core::evidence::EvidenceSource;
use vigie_core::media::MediaType;
use vigie_web::bundle_export::Exporter;

use super::member::MemberSession;
use crate::cli::{EvidenceAddArgs, EvidenceListArgs, EvidencePostArgs, ExportBundleArgs};

pub async fn add(args: EvidenceAddArgs) -> anyhow::Result<()> {
    // Every file is checked before anything is stored.
    let mut kinds = Vec::new();
    for path in &args.files {
        let mut head = [0u8; 512];
        let mut file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let n = file.read(&mut head).with_context(|| format!("cannot read {}", path.display()))?;
        let Some(media) = MediaType::sniff(&head[..n]) else {
            bail!("{}: not a kind of file Vigie keeps (images, PDF, audio, video, plain text, WARC)", path.display());
        };
        kinds.push(media);
    }
    let session = MemberSession::open(&args.instance, &args.member).await?;
    let result = async {
        let case = session.app.cases.owned_case(&session.actor, CaseId(args.case)).await?;
        let mut stored = Vec::new();
        for (path, media) in args.files.iter().zip(kinds) {
            let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            eprintln!("sealing {} ({})…", path.display(), super::count(size, "byte", "bytes"));
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let reader = futures::io::AllowStdIo::new(std::io::BufReader::with_capacity(256 * 1024, file));
            match session.app.cases.store_upload(case.org_id, &name, media, reader).await {
                Ok(f) => stored.push(f),
                Err(e) => {
                    session.app.cases.discard_uploads(&stored).await;
                    return Err(anyhow::Error::from(e).context(format!("cannot store {}", path.display())));
                }
            }
        }
        let leaves = session.app.cases.add_file_evidence(&session.actor, case.id, &stored, EvidenceSource::Cli).await?;
        for ((path, f), leaf) in args.files.iter().zip(&stored).zip(leaves) {
            let size = super::count(f.blob.size, "byte", "bytes");
            println!("{}\tlog entry {leaf}\tsha256 {}\t{size}", path.display(), hex(&f.blob.sha256));
        }
        anyhow::Ok(())
    }
    .await;
    session.close().await;
    result
}

pub async fn post(args: EvidencePostArgs) -> anyhow::Result<()> {
    let session = MemberSession::open(&args.instance, &args.member).await?;
    let post = NewPost {
        platform: args.platform,
        url: args.url,
        author: args.author,
        posted_at: args.posted_at,
        text: args.text,
    };
    let result = session.app.cases.add_post(&session.actor, CaseId(args.case), &post, EvidenceSource::Cli).await;
    session.close().await;
    println!("post recorded as log entry {}", result?);
    Ok(())
}

pub async fn list(args: EvidenceListArgs) -> anyhow::Result<()> {
    let session = MemberSession::open(&args.instance, &args.member).await?;
    let result = async {
        let items = session.app.cases.evidence(&session.actor, Some(session.key()?), CaseId(args.case)).await?;
        if items.is_empty() {
            println!("no evidence in case {}", args.case);
        }
        for item in items {
            let r = &item.record;
            let what = r.file_name.clone().or_else(|| r.url.clone()).unwrap_or_default();
            println!(
                "#{}\t{}\t{}\t{} bytes\tsha256 {}\t{}\tby {}",
                item.leaf_index,
                r.kind.as_str(),
                what,
                r.size,
                r.sha256,
                r.captured_at,
                r.added_by
            );
        }
        anyhow::Ok(())
    }
    .await;
    session.close().await;
    result
}

pub async fn export_bundle(args: ExportBundleArgs) -> anyhow::Result<()> {
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from(format!("case-{}-evidence.tar", args.case)));
    if out.exists() {
        bail!("{} already exists; choose another --output", out.display());
    }
    let session = MemberSession::open(&args.instance, &args.member).await?;
    let result = async {
        let exporter = Exporter {
            cases: &session.app.cases,
            custody: &session.app.custody,
            instance_key: &session.app.instance_key,
            now: session.app.accounts.now(),
        };
        eprintln!("writing the evidence bundle of case {}…", args.case);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&out)
            .with_context(|| format!("cannot create {}", out.display()))?;
        let scratch = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let done = exporter.write(&session.actor, session.key()?, CaseId(args.case), file, &out, scratch).await;
        if done.is_err() {
            let _ = std::fs::remove_file(&out);
        }
        let (done, _) = done?;
        println!(
            "wrote {} ({} bytes): {} evidence items, {} case actions, tree head of {} entries",
            out.display(),
            done.bytes,
            done.items,
            done.actions,
            done.tree_head.size
        );
        println!("check it with: vigie verify {} --key {}", out.display(), session.app.instance_public_key);
        anyhow::Ok(())
    }
    .await;
    session.close().await;
    result
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
