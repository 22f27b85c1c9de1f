//! `vigie import misp|stix|peer FILE…`: threat information from CERTs and peers, read
//! as the API reads it, with the instance as importer. Each file is reported: what it
//! became, or why it was refused; the command fails when any file was refused.

use anyhow::{Context, bail};
use vigie_core::sharing::{ImportedItem, Importer};

use crate::cli::ImportSharedArgs;
use crate::config::instance_config;
use crate::instance::Instance;

#[derive(Clone, Copy)]
pub enum Kind {
    Misp,
    Stix,
    Peer,
}

fn line(item: &ImportedItem) -> String {
    format!(
        "  {} #{} {:?}: {} indicators{}",
        item.outcome.code(),
        item.id,
        item.title,
        item.indicators,
        if item.skipped > 0 { format!(", {} not understood", item.skipped) } else { String::new() }
    )
}

pub async fn import(args: ImportSharedArgs, kind: Kind) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let org = match &args.org {
        None => None,
        Some(slug) => {
            let orgs = instance.store.orgs().await.context("reading the organizations")?;
            let found = orgs.iter().find(|o| o.slug == *slug);
            Some(found.map(|o| o.id).with_context(|| format!("no organization {slug:?} in this instance"))?)
        }
    };
    let sharing = instance.services().sharing;
    let who = Importer::Instance { org };
    let mut failed = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: cannot read it: {e}");
                failed.push(name);
                continue;
            }
        };
        let result = match kind {
            Kind::Misp => sharing.import_misp(who, &bytes).await.map(|i| (None, vec![i])),
            Kind::Stix => sharing.import_stix(who, &bytes).await.map(|i| (None, vec![i])),
            Kind::Peer => sharing.import_peer(who, &bytes).await.map(|p| (Some((p.peer_name, p.sequence)), p.items)),
        };
        match result {
            Ok((peer, items)) => {
                match peer {
                    Some((peer, sequence)) => println!("{name}: bundle {sequence} from {peer:?}"),
                    None => println!("{name}:"),
                }
                for i in &items {
                    println!("{}", line(i));
                }
            }
            Err(vigie_core::DomainError::Import(e)) => {
                eprintln!("{name}: refused: {e}");
                failed.push(name);
            }
            Err(e) => return Err(e).with_context(|| format!("importing {name}")),
        }
    }
    if !failed.is_empty() {
        bail!("not imported: {} (see above; the other files were imported)", failed.join(", "));
    }
    Ok(())
}
