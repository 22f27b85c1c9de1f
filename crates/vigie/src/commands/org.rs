//! `vigie org add | list`.

use vigie_core::{OrgName, OrgSlug};

use crate::cli::{OrgAddArgs, OrgCommand, OrgListArgs};
use crate::config::instance_config;
use crate::instance::Instance;

pub async fn run(cmd: OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::Add(a) => add(a).await,
        OrgCommand::List(a) => list(a).await,
    }
}

async fn add(a: OrgAddArgs) -> anyhow::Result<()> {
    let name = OrgName::parse(&a.name)?;
    let slug = OrgSlug::parse(&a.slug)?;
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let accounts = instance.services().accounts;
    let created = accounts.create_org(None, name, slug).await?;
    println!("created organization {} (id {})", a.slug.to_ascii_lowercase(), created.id);
    println!();
    println!("RECOVERY KEY (shown only this once; the server does not keep it):");
    println!();
    println!("    {}", created.recovery_key.to_printable());
    println!();
    println!("Print it or write it down, and keep it away from the server. With it, `vigie user add");
    println!("--recovery-key-file` gives a member the organization key even if every member forgot");
    println!("their password. Anyone holding it and a copy of the database can read the");
    println!("organization's sealed data.");
    Ok(())
}

async fn list(a: OrgListArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    println!("{:<6} {:<20} {:<64} NAME", "ID", "SLUG", "PUBLIC KEY");
    for o in instance.services().accounts.orgs_as_operator().await? {
        println!("{:<6} {:<20} {:<64} {}", o.id, o.slug, o.public_key, o.name);
    }
    Ok(())
}
