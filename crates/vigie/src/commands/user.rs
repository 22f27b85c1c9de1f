//! `vigie user add | list | disable | reset-password`, beside or instead of the server.

use anyhow::{Context, bail};
use vigie_core::Accounts;
use vigie_core::accounts::{KeyState, NewMember};
use vigie_core::{DisplayName, Password, Role, Username};
use vigie_crypto::RecoveryKey;

use super::read_secret;
use crate::cli::{UserAddArgs, UserCommand, UserListArgs, UserResetArgs, UserTargetArgs};
use crate::config::instance_config;
use crate::instance::Instance;

pub async fn run(cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add(a) => add(a).await,
        UserCommand::List(a) => list(a).await,
        UserCommand::Disable(a) => disable(a).await,
        UserCommand::ResetPassword(a) => reset(a).await,
    }
}

fn recovery(file: Option<&std::path::Path>) -> anyhow::Result<Option<RecoveryKey>> {
    let Some(path) = file else { return Ok(None) };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(
        RecoveryKey::parse(&text).with_context(|| format!("{} does not hold a valid recovery key", path.display()))?,
    ))
}

fn new_password(file: Option<&std::path::Path>) -> anyhow::Result<Password> {
    let pw = read_secret(file, "Password (at least 10 characters): ")?;
    if file.is_none() {
        let again = read_secret(None, "Password again: ")?;
        if pw != again {
            bail!("the two passwords differ");
        }
    }
    Ok(Password::parse(&pw)?)
}

fn describe(state: KeyState) -> &'static str {
    match state {
        KeyState::Held => "holds the organization key",
        KeyState::Pending => "pending: receives the organization key when a colleague of the organization logs in",
        KeyState::Granted => "key granted; active at the member's next login",
        KeyState::None => "no key",
    }
}

async fn add(a: UserAddArgs) -> anyhow::Result<()> {
    let username = Username::parse(&a.username)?;
    let display_name = DisplayName::parse(a.display_name.as_deref().unwrap_or(&a.username))?;
    let role = Role::parse(&a.role)?;
    let recovery = recovery(a.recovery_key_file.as_deref())?;
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let accounts = instance.services().accounts;
    let org =
        accounts.org_by_slug(&a.org).await.with_context(|| format!("no organization with short name {:?}", a.org))?;
    let password = new_password(a.password_file.as_deref())?;
    let member = NewMember { org: org.id, username, display_name, role, password };
    let (id, state) = accounts.add_member(None, member, recovery.as_ref()).await?;
    println!(
        "added user {} (id {id}, {role}, organization {}): {}",
        a.username.to_ascii_lowercase(),
        org.slug,
        describe(state)
    );
    Ok(())
}

async fn list(a: UserListArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let accounts = instance.services().accounts;
    let orgs = accounts.orgs_as_operator().await?;
    let scope = match &a.org {
        Some(slug) => {
            Some(orgs.iter().find(|o| &o.slug == slug).with_context(|| format!("no organization {slug:?}"))?.id)
        }
        None => None,
    };
    println!("{:<6} {:<24} {:<12} {:<16} {:<9} {:<8} NAME", "ID", "USERNAME", "ROLE", "ORGANIZATION", "STATUS", "KEY");
    for (u, key) in accounts.users_as_operator(scope).await? {
        let org = orgs.iter().find(|o| o.id == u.org_id).map_or("?", |o| o.slug.as_str());
        let key = format!("{key:?}").to_lowercase();
        let status = if u.disabled { "disabled" } else { "active" };
        println!(
            "{:<6} {:<24} {:<12} {:<16} {:<9} {:<8} {}",
            u.id, u.username, u.role, org, status, key, u.display_name
        );
    }
    Ok(())
}

async fn find_user(accounts: &Accounts, username: &str) -> anyhow::Result<vigie_core::store::UserRecord> {
    accounts.user_by_username_as_operator(username).await.with_context(|| format!("no user {username:?}"))
}

async fn disable(a: UserTargetArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let accounts = instance.services().accounts;
    let user = find_user(&accounts, &a.username).await?;
    accounts.disable_user(None, user.id).await?;
    println!("disabled {}: sessions, API tokens and key wraps removed", user.username);
    Ok(())
}

async fn reset(a: UserResetArgs) -> anyhow::Result<()> {
    let recovery = recovery(a.recovery_key_file.as_deref())?;
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let accounts = instance.services().accounts;
    let user = find_user(&accounts, &a.username).await?;
    let password = new_password(a.password_file.as_deref())?;
    let state = accounts.reset_password(None, user.id, password, recovery.as_ref()).await?;
    println!("password of {} reset: {}", user.username, describe(state));
    Ok(())
}
