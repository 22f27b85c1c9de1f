//! `vigie capture URL`: fetches a page (optionally through SOCKS5, e.g. Tor) into a WARC
//! file, written to `--output` and/or kept as evidence of `--case`.

use std::time::Duration;

use anyhow::{Context, bail};
use vigie_core::CaseId;
use vigie_core::cases::CapturedPage;
use vigie_core::evidence::EvidenceSource;

use super::member::MemberSession;
use crate::cli::{CaptureArgs, MemberArgs};

pub async fn run(args: CaptureArgs) -> anyhow::Result<()> {
    if args.case.is_none() && args.output.is_none() {
        bail!("say where the capture goes: --case N (with --user) to keep it as evidence, and/or --output FILE.warc");
    }
    if let Some(out) = &args.output
        && out.exists()
    {
        bail!("{} already exists; choose another --output", out.display());
    }
    let mut options = vigie_capture::CaptureOptions {
        socks5: args.socks5.clone(),
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_bytes: args.max_mib.max(1) * 1024 * 1024,
        ..Default::default()
    };
    for root in &args.extra_root {
        options.extra_roots_pem.push(std::fs::read(root).with_context(|| format!("cannot read {}", root.display()))?);
    }
    // Log in first: a wrong password should not cost a fetch.
    let session = match (args.case, &args.user) {
        (Some(_), Some(user)) => Some(
            MemberSession::open(
                &args.instance,
                &MemberArgs { user: user.clone(), password_file: args.password_file.clone() },
            )
            .await?,
        ),
        _ => None,
    };
    eprintln!("fetching {}{}…", args.url, args.socks5.as_deref().map(|p| format!(" through {p}")).unwrap_or_default());
    let result = async {
        let capture = vigie_capture::capture(&args.url, &options).await.context("capture failed")?;
        println!(
            "captured {} → {} (HTTP {}, {}, {}), WARC {}",
            capture.requested_url,
            capture.final_url,
            capture.status,
            super::count(capture.hops.len(), "hop", "hops"),
            super::count(capture.certificate_chain_der.len(), "TLS certificate", "TLS certificates"),
            super::count(capture.warc.len(), "byte", "bytes")
        );
        if let Some(title) = &capture.title {
            println!("title: {title}");
        }
        if let Some(out) = &args.output {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(out)
                .and_then(|mut f| std::io::Write::write_all(&mut f, &capture.warc).and_then(|()| f.sync_all()))
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!("wrote {}", out.display());
        }
        if let (Some(case), Some(session)) = (args.case, &session) {
            let page = CapturedPage {
                warc: capture.warc,
                url: capture.requested_url,
                final_url: capture.final_url,
                captured_at: capture.captured_at,
            };
            let leaf = session.app.cases.add_capture(&session.actor, CaseId(case), page, EvidenceSource::Cli).await?;
            println!("kept as evidence of case {case}: log entry {leaf}");
        }
        anyhow::Ok(())
    }
    .await;
    if let Some(session) = session {
        session.close().await;
    }
    result
}
