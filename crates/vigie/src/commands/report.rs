//! `vigie report transparency` and `vigie escalation list|export`.

use std::io::Write as _;

use anyhow::Context as _;
use vigie_core::Clock as _;
use vigie_core::escalation::{EscalationStatus, SignedTransparency};
use vigie_core::store::EscalationStore;
use vigie_web::i18n::{Lang, Tr};
use vigie_web::pages::accountability::parse_day;
use vigie_web::transparency::{ReportContext, html, pdf};

use crate::cli::{
    EscalationCommand, EscalationExportArgs, EscalationListArgs, PackageFormat, ReportCommand, ReportFormat,
    ReportLang, TransparencyArgs,
};
use crate::commands::member::MemberSession;
use crate::config::instance_config;
use crate::instance::{Instance, SystemClock};

pub async fn run(cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Transparency(a) => transparency(a).await,
    }
}

pub async fn run_escalation(cmd: EscalationCommand) -> anyhow::Result<()> {
    match cmd {
        EscalationCommand::List(a) => list(a).await,
        EscalationCommand::Export(a) => export(a).await,
    }
}

fn lang(l: ReportLang) -> Lang {
    match l {
        ReportLang::Fr => Lang::Fr,
        ReportLang::Ar => Lang::Ar,
        ReportLang::En => Lang::En,
    }
}

async fn export(a: EscalationExportArgs) -> anyhow::Result<()> {
    use vigie_web::pages::escalations::{PackageFormat as Web, assemble_package, encode_package, package_file_name};
    let format = match a.format {
        PackageFormat::Pdf => Web::Pdf,
        PackageFormat::Csv => Web::Csv,
        PackageFormat::Json => Web::Json,
    };
    let session = MemberSession::open(&a.instance, &a.member).await?;
    let lang = lang(a.lang);
    let made = async {
        let key = session.key()?;
        let id = vigie_core::escalation::EscalationId(a.id);
        let package = assemble_package(&session.app, &session.actor, key, id, lang, a.include_narrative, format)
            .await
            .map_err(|e| anyhow::anyhow!("escalation {}: {e}", a.id))?;
        let bytes = encode_package(&package, lang, format).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        anyhow::Ok((package_file_name(&package, format), bytes, package.items.len()))
    }
    .await;
    session.close().await;
    let (name, bytes, items) = made?;
    let path = a.output.unwrap_or_else(|| name.into());
    std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}: escalation {} with {items} items ({} bytes)", path.display(), a.id, bytes.len());
    Ok(())
}

async fn transparency(a: TransparencyArgs) -> anyhow::Result<()> {
    let from = parse_day(&a.from, "from").map_err(|_| anyhow::anyhow!("--from: expected a day as YYYY-MM-DD"))?;
    let to = parse_day(&a.to, "to").map_err(|_| anyhow::anyhow!("--to: expected a day as YYYY-MM-DD"))?;
    anyhow::ensure!(from <= to, "--to is before --from");
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let services = instance.services();
    let org =
        services.accounts.org_by_slug(&a.org).await.with_context(|| format!("no organization named {:?}", a.org))?;
    let report = services.escalations.transparency_as_system(org.id, from, to.plus_secs(86_400)).await?;
    let signed = SignedTransparency::sign(report, &instance.instance_key);
    let tr = Tr(lang(a.lang));
    let ctx = ReportContext { org_name: &org.name, generated: SystemClock.now() };
    let bytes = match a.format {
        ReportFormat::Csv => signed.csv.clone().into_bytes(),
        ReportFormat::Html => html(tr, &signed, &ctx).into_string().into_bytes(),
        ReportFormat::Pdf => pdf(tr, &signed, &ctx).context("cannot lay out the PDF")?,
    };
    match &a.output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            if a.format == ReportFormat::Csv {
                let mut sig = path.clone().into_os_string();
                sig.push(".sig");
                std::fs::write(&sig, format!("{}\n", signed.signature))
                    .with_context(|| format!("cannot write {}", sig.to_string_lossy()))?;
            }
        }
        None => std::io::stdout().write_all(&bytes).context("cannot write to standard output")?,
    }
    eprintln!("signature (Ed25519, base64): {}", signed.signature);
    eprintln!("public key (Ed25519, base64): {}", signed.public_key);
    Ok(())
}

async fn list(a: EscalationListArgs) -> anyhow::Result<()> {
    let status = match a.status.as_deref() {
        Some(raw) => Some(EscalationStatus::parse(raw).map_err(|_| {
            let codes: Vec<_> = EscalationStatus::ALL.iter().map(|s| s.code()).collect();
            anyhow::anyhow!("--status: one of {}", codes.join(", "))
        })?),
        None => None,
    };
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let services = instance.services();
    let org =
        services.accounts.org_by_slug(&a.org).await.with_context(|| format!("no organization named {:?}", a.org))?;
    let store: &dyn EscalationStore = &*instance.store;
    let rows = store.org_escalations(org.id, status, a.limit.max(1)).await?;
    println!(
        "{:<6} {:<13} {:<12} {:<16} {:>5} {:>6}  {:<20}  REFERENCE",
        "ID", "STATUS", "PLATFORM", "CHANNEL", "ITEMS", "CASE", "SENT (UTC)"
    );
    for r in &rows {
        let e = &r.escalation;
        let line = format!(
            "{:<6} {:<13} {:<12} {:<16} {:>5} {:>6}  {:<20}  {}",
            r.id.to_string(),
            e.status.code(),
            e.platform.code(),
            e.channel.code(),
            e.items.len(),
            r.case_id.map(|c| c.0.to_string()).unwrap_or_else(|| "-".into()),
            e.sent_at.map(|t| t.rfc3339()).unwrap_or_else(|| "-".into()),
            e.reference.as_ref().map(|p| p.as_str()).unwrap_or("-"),
        );
        println!("{}", line.trim_end());
    }
    Ok(())
}
