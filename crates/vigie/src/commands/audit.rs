//! `vigie audit export`: the audit trail as JSON Lines, one event per line.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Context;
use serde::Serialize;
use vigie_core::UserId;

use crate::cli::AuditExportArgs;
use crate::config::instance_config;
use crate::instance::Instance;

#[derive(Serialize)]
struct Line<'a> {
    id: i64,
    case: i64,
    at: String,
    at_unix: i64,
    actor: Option<&'a str>,
    kind: &'a str,
    detail: &'a str,
}

const PAGE: i64 = 5000;

pub async fn export(args: AuditExportArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let services = instance.services();
    let usernames: HashMap<UserId, String> =
        services.accounts.users_as_operator(None).await?.into_iter().map(|(u, _)| (u.id, u.username)).collect();
    let (mut after, mut count) = (args.after_id, 0u64);
    loop {
        let events = services.cases.all_events_as_operator(after, PAGE).await?;
        let Some(last) = events.last() else { break };
        after = last.id;
        for e in &events {
            let line = Line {
                id: e.id,
                case: e.case_id.0,
                at: e.created_at.rfc3339(),
                at_unix: e.created_at.0,
                actor: e.actor_id.and_then(|a| usernames.get(&a)).map(String::as_str),
                kind: &e.kind,
                detail: &e.detail,
            };
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            count += 1;
        }
        if events.len() < PAGE as usize {
            break;
        }
    }
    out.flush()?;
    eprintln!("exported {} (last id {after})", super::count(count, "event", "events"));
    Ok(())
}
