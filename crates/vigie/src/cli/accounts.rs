//! `vigie user`, `vigie org` and `vigie audit`: accounts, organizations and the audit trail.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::InstanceArgs;
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add an account. Without an unlocked organization key here, the member stays
    /// pending until a colleague logs in, unless --recovery-key-file is given.
    Add(UserAddArgs),
    /// List accounts.
    List(UserListArgs),
    /// Disable an account: its sessions, API tokens and key wraps are removed.
    Disable(UserTargetArgs),
    /// Set a new password for an account.
    ResetPassword(UserResetArgs),
}

#[derive(Args, Debug)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Organization's short name (slug)
    #[arg(long)]
    pub org: String,
    /// Login name (a-z, 0-9, '.', '_', '-')
    #[arg(long)]
    pub username: String,
    /// Name shown to colleagues [default: the username]
    #[arg(long)]
    pub display_name: Option<String>,
    /// admin, coordinator or responder
    #[arg(long, default_value = "responder")]
    pub role: String,
    /// Read the password from this file (first line) instead of asking
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// The organization's recovery key, so the member holds the key at once
    #[arg(long, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct UserListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Only this organization (slug)
    #[arg(long)]
    pub org: Option<String>,
}

#[derive(Args, Debug)]
pub struct UserTargetArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The account's username
    pub username: String,
}

#[derive(Args, Debug)]
pub struct UserResetArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The account's username
    pub username: String,
    /// Read the new password from this file (first line) instead of asking
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// The organization's recovery key, so the member keeps holding the key
    #[arg(long, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Create an organization and print its recovery key (shown only this once).
    Add(OrgAddArgs),
    /// List organizations.
    List(OrgListArgs),
}

#[derive(Args, Debug)]
pub struct OrgAddArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Full name
    #[arg(long)]
    pub name: String,
    /// Short name used in addresses (a-z, 0-9, '-')
    #[arg(long)]
    pub slug: String,
}

#[derive(Args, Debug)]
pub struct OrgListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Write every case event (who, when, what) as JSON Lines, oldest first.
    Export(AuditExportArgs),
}

#[derive(Args, Debug)]
pub struct AuditExportArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Write to this file instead of standard output (refuses to overwrite)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only events after this event id (for incremental exports)
    #[arg(long, default_value_t = 0, value_name = "ID")]
    pub after_id: i64,
}
