//! `vigie evidence`, `vigie capture`, `vigie export` and `vigie verify`: a case's evidence in
//! and out, with the member acting from the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::InstanceArgs;
/// A member acting from the command line: their password opens the organization's key
/// and every action is recorded in their name, as on the web.
#[derive(Args, Debug, Clone)]
pub struct MemberArgs {
    /// Your username on this instance
    #[arg(long, value_name = "USERNAME")]
    pub user: String,
    /// Read your password from this file (first line) instead of asking
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum EvidenceCommand {
    /// Add files to a case as evidence (each is hashed, sealed and logged).
    Add(EvidenceAddArgs),
    /// Record a public post (platform, address, author, text) as evidence.
    Post(EvidencePostArgs),
    /// List a case's evidence items with their hashes and log entries.
    List(EvidenceListArgs),
}

#[derive(Args, Debug)]
pub struct EvidenceAddArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub member: MemberArgs,
    /// The case number
    #[arg(long)]
    pub case: i64,
    /// Files to add
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct EvidencePostArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub member: MemberArgs,
    /// The case number
    #[arg(long)]
    pub case: i64,
    /// Platform (x, facebook, telegram, …)
    #[arg(long)]
    pub platform: String,
    /// Address of the post
    #[arg(long)]
    pub url: String,
    /// Author's handle
    #[arg(long)]
    pub author: String,
    /// When it was posted, as the platform shows it (RFC 3339 preferred)
    #[arg(long)]
    pub posted_at: Option<String>,
    /// Text of the post
    #[arg(long)]
    pub text: String,
}

#[derive(Args, Debug)]
pub struct EvidenceListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub member: MemberArgs,
    /// The case number
    #[arg(long)]
    pub case: i64,
}

#[derive(Args, Debug)]
pub struct CaptureArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Address of the page (http:// or https://)
    pub url: String,
    /// Keep the capture as evidence of this case (needs --user)
    #[arg(long, requires = "user")]
    pub case: Option<i64>,
    /// Your username, when keeping the capture in a case
    #[arg(long, value_name = "USERNAME")]
    pub user: Option<String>,
    /// Read your password from this file (first line) instead of asking
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Also write the WARC file here
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fetch through this SOCKS5 proxy, e.g. 127.0.0.1:9050 for Tor (names resolved by the proxy)
    #[arg(long, env = "VIGIE_CAPTURE_SOCKS5", value_name = "HOST:PORT")]
    pub socks5: Option<String>,
    /// Give up after this many seconds
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
    /// Largest response kept, in MiB
    #[arg(long, default_value_t = 50, value_name = "MIB")]
    pub max_mib: u64,
    /// Extra trusted root certificate (PEM), e.g. for a test server
    #[arg(long, value_name = "FILE")]
    pub extra_root: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Write one file holding the case's opened evidence, records, proofs and signed tree head.
    Bundle(ExportBundleArgs),
    /// Write the disruption records as a CSV with the 47 columns and vocabularies of
    /// Access Now's STOP dataset (confirmed and proposed records; rejected ones with --all).
    Stop(ExportStopArgs),
}

#[derive(Args, Debug)]
pub struct ExportStopArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Where to write the CSV [default: standard output]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also the records a coordinator rejected
    #[arg(long)]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct ExportBundleArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub member: MemberArgs,
    /// The case number
    #[arg(long)]
    pub case: i64,
    /// Where to write the bundle [default: case-<N>-evidence.tar]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The bundle file
    pub bundle: PathBuf,
    /// The instance public key you trust (base64), obtained from a trusted channel
    #[arg(long, value_name = "BASE64")]
    pub key: Option<String>,
    /// Also fetch the server's current signed tree head from this base URL and check
    /// that the log only grew since the bundle was made
    #[arg(long, value_name = "URL")]
    pub against: Option<String>,
}
