//! The command line. Every setting of `serve` can also come from a `VIGIE_*`
//! environment variable or the TOML file (`--config`, or `vigie.toml` in the data
//! folder); flags win over the environment, which wins over the file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod accounts;
mod data;
mod evidence;
mod jobs;
mod report;
mod serve;
mod watch;

pub use accounts::*;
pub use data::*;
pub use evidence::*;
pub use jobs::*;
pub use report::*;
pub use serve::*;
pub use watch::*;

#[derive(Parser, Debug)]
#[command(
    name = "vigie",
    version,
    about = "Vigie: reports, evidence and response for networks of digital human-rights defenders"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the web server (creates the data folder and database on first start).
    Serve(Box<ServeArgs>),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage member organizations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// The audit trail of every case.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print a new one-time setup link (only while no admin exists).
    SetupLink(SetupLinkArgs),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Add evidence to a case (files, public posts) or list it.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Capture a web page as a WARC file, and keep it as evidence of a case.
    Capture(CaptureArgs),
    /// Export a case's evidence bundle.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Check an evidence bundle offline, and optionally against the live server's log.
    Verify(VerifyArgs),
    /// Import data: observations (public posts), OONI measurements, STOP records, MISP
    /// events, STIX bundles and peer bundles.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Coordinated campaigns among the imported observations.
    #[command(subcommand)]
    Campaigns(CampaignsCommand),
    /// Shutdown and censorship watch: outages in connectivity signals (see docs/watch.md).
    #[command(subcommand)]
    Watch(WatchCommand),
    /// The network's own probe: measure targets from this machine's connection and send
    /// signed results to the server, queued on disk while it cannot be reached (see
    /// docs/probe.md).
    #[command(subcommand)]
    Probe(ProbeCommand),
    /// The queue of background work (tree heads, the watch's detectors): what waits,
    /// what failed and why, and requeueing what failed for good.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Publishable reports: the transparency report of what an organization escalated
    /// to platforms and what they did (see docs/transparency-report.md).
    #[command(subcommand)]
    Report(ReportCommand),
    /// Escalations to platforms, read only.
    #[command(subcommand)]
    Escalation(EscalationCommand),
}

/// Where the instance lives; shared by every command that works on one.
#[derive(Args, Debug, Clone)]
pub struct InstanceArgs {
    /// Data folder: database (SQLite), blobs and keys [default: ./vigie-data]
    #[arg(long, env = "VIGIE_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Database URL: postgres://… for PostgreSQL, sqlite:PATH for another SQLite file
    /// [default: SQLite file vigie.db in the data folder]
    #[arg(long, env = "VIGIE_DATABASE_URL", value_name = "URL")]
    pub database: Option<String>,
    /// Where files are stored, sealed: a folder, or s3://bucket/prefix (credentials from
    /// the usual AWS_* variables) [default: the blobs folder in the data folder]
    #[arg(long, env = "VIGIE_BLOBS", value_name = "LOCATION")]
    pub blobs: Option<String>,
    /// TOML configuration file [default: vigie.toml in the data folder, if present]
    #[arg(long, env = "VIGIE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}
