//! The command line. Every setting of `serve` can also come from a `VIGIE_*`
//! environment variable or the TOML file (`--config`, or `vigie.toml` in the data
//! folder); flags win over the environment, which wins over the file.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    Serve(ServeArgs),
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
    /// Import data: observations (public posts) for campaign detection.
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
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import public posts from JSON Lines or CSV (also .gz); see docs/observations.md.
    /// Posts already imported (same platform and post id) are not duplicated; a bad
    /// row is reported with its line number and skipped.
    Observations(ImportObservationsArgs),
    /// Import OONI measurements: single JSON documents, JSONL, .jsonl.gz, or folders of
    /// them (OONI's bulk archives). Each is classified (ok / anomaly / confirmed /
    /// failure, see docs/ooni.md) and added to its hourly cell; measurements already
    /// imported are not counted twice. Detection then runs for the countries touched.
    Ooni(ImportOoniArgs),
    /// Import disruption records from a CSV with the 47 columns of Access Now's STOP
    /// dataset. Every row becomes a record; dirty cells are kept as written and reported
    /// with their row and column; unreadable rows are reported with their line.
    Stop(ImportStopArgs),
}

#[derive(Args, Debug)]
pub struct ImportOoniArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Files or folders of OONI measurements
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
    /// Do not run detection after the import
    #[arg(long)]
    pub no_detect: bool,
}

#[derive(Args, Debug)]
pub struct ImportStopArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The STOP CSV file
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ImportObservationsArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The files to import (.jsonl, .ndjson, .json, .csv, optionally .gz)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum CampaignsCommand {
    /// Find coordinated campaigns among every imported observation and save them (the
    /// pages and the API show the latest run). Texts signed by earlier runs are not signed again.
    Detect(CampaignsDetectArgs),
    /// List the saved campaigns, highest score first.
    List(CampaignsListArgs),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// A table for people
    Text,
    /// One JSON object per campaign per line
    Json,
}

#[derive(Args, Debug)]
pub struct CampaignsDetectArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Output: a summary table, or one JSON object per campaign (with `accounts`, the
    /// author handles, and `posts`, [platform, post_id] pairs)
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Two posts co-act when at most this many seconds apart
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub window: i64,
    /// Automated bursts: co-actions within 60 seconds (overrides --window)
    #[arg(long)]
    pub bot_burst: bool,
    /// Least Jaccard similarity of near-duplicate texts (0 < t ≤ 1)
    #[arg(long, value_name = "T", default_value_t = 0.5)]
    pub threshold: f64,
    /// Texts with fewer words are not compared
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub min_tokens: usize,
    /// Least number of distinct co-actions linking two accounts
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_weight: u32,
    /// Least number of accounts of a campaign
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_accounts: usize,
    /// Shingles: character 5-grams (suit Arabic clitics) or word 2-grams
    #[arg(long, value_enum, default_value = "chars")]
    pub shingles: ShingleKind,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShingleKind {
    Chars,
    Words,
}

#[derive(Args, Debug)]
pub struct CampaignsListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Include campaigns a later run no longer found
    #[arg(long)]
    pub all: bool,
}

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

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "VIGIE_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Served behind a reverse proxy that terminates TLS: Secure cookies, HSTS, and the
    /// client address read from X-Forwarded-For [default: false]
    #[arg(long, env = "VIGIE_BEHIND_TLS_PROXY", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub behind_tls_proxy: Option<bool>,
    /// Minutes without activity after which a session ends [default: 30]
    #[arg(long, env = "VIGIE_SESSION_IDLE_MINUTES", value_name = "MINUTES")]
    pub session_idle_minutes: Option<u32>,
    /// Hours after login after which a session ends anyway [default: 12]
    #[arg(long, env = "VIGIE_SESSION_MAX_HOURS", value_name = "HOURS")]
    pub session_max_hours: Option<u32>,
    /// Minutes between signed tree heads of the evidence log, published on this fixed
    /// schedule (not after each change, so that polling the public head does not count
    /// reports as they arrive) [default: 10]
    #[arg(long, env = "VIGIE_TREE_HEAD_MINUTES", value_name = "MINUTES")]
    pub tree_head_minutes: Option<u32>,
    /// Largest request body accepted, in KiB [default: 256]
    #[arg(long, env = "VIGIE_MAX_BODY_KIB", value_name = "KIB")]
    pub max_body_kib: Option<u32>,
    /// Short name of the organization that receives reports sent to /report
    /// [default: the first organization created]
    #[arg(long, env = "VIGIE_DEFAULT_REPORT_ORG", value_name = "SLUG")]
    pub default_report_org: Option<String>,
    /// Reports accepted per client address per hour (counted in memory only) [default: 20]
    #[arg(long, env = "VIGIE_REPORTS_PER_ADDRESS_PER_HOUR", value_name = "N")]
    pub reports_per_address_per_hour: Option<u32>,
    /// Reports accepted per hour from everyone together [default: 2000]
    #[arg(long, env = "VIGIE_REPORTS_PER_HOUR", value_name = "N")]
    pub reports_per_hour: Option<u32>,
    /// Receipt-code lookups (`/follow`) accepted per client address per hour (counted in
    /// memory only) [default: 120]
    #[arg(long, env = "VIGIE_FOLLOWS_PER_ADDRESS_PER_HOUR", value_name = "N")]
    pub follows_per_address_per_hour: Option<u32>,
    /// Fetch "capture this link" pages through this SOCKS5 proxy, e.g. 127.0.0.1:9050 for Tor
    #[arg(long, env = "VIGIE_CAPTURE_SOCKS5", value_name = "HOST:PORT")]
    pub capture_socks5: Option<String>,
    /// Let captures reach loopback and private addresses (testing only) [default: false]
    #[arg(long, env = "VIGIE_CAPTURE_PRIVATE_ADDRESSES", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub capture_private_addresses: Option<bool>,
    /// Deadlines per severity, first response/resolution, e.g.
    /// "critical=2h/3d,high=8h/7d,medium=24h/14d,low=72h/30d" [default: those]
    #[arg(long, env = "VIGIE_DEADLINES", value_name = "POLICY")]
    pub deadlines: Option<String>,
    /// Log filter, e.g. info or vigie=debug [default: info]
    #[arg(long, env = "VIGIE_LOG", value_name = "FILTER")]
    pub log: Option<String>,
}

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

#[derive(Args, Debug)]
pub struct SetupLinkArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Base URL the link starts with [default: http://<listen address>]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
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

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print a commented example configuration file.
    Example,
}

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Find outages in a signal CSV (`time,region,value` by default) and print one JSON
    /// object per event: region, start, end (null while ongoing), severity in drop-hours,
    /// min_ratio, points. Bad rows are reported on standard error and skipped.
    Detect(WatchDetectArgs),
    /// Run the detectors over the stored measurements now (the server also does every
    /// ten minutes) and print what changed.
    Refresh(WatchRefreshArgs),
}

#[derive(Args, Debug)]
pub struct WatchRefreshArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Only these countries (two-letter codes) [default: every country with recent data,
    /// or with --from, every country with data in the period]
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// Analyse a past period instead (e.g. imported OONI archives), from this day
    /// (YYYY-MM-DD, UTC) …
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// … to this day, included. Events found are stored and get proposed disruption
    /// records, without alerts; events still under way at the end are left out.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
}

#[derive(Args, Debug)]
pub struct WatchDetectArgs {
    /// The signal file (CSV with a header row)
    #[arg(long, value_name = "FILE.csv")]
    pub signal: PathBuf,
    /// A point alerts below this share of its baseline (0 < r ≤ 1)
    #[arg(long, value_name = "R", default_value_t = 0.8)]
    pub ratio: f64,
    /// The baseline is the median of this many days before each point
    #[arg(long, value_name = "DAYS", default_value_t = 7.0)]
    pub window_days: f64,
    /// No alert until the region has this many hours of history
    #[arg(long, value_name = "HOURS", default_value_t = 24.0)]
    pub warmup_hours: f64,
    /// … and at least this many points in its window
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub warmup_points: usize,
    /// Consecutive points back above the ratio that close an event
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub recovery_points: usize,
    /// The column holding the time (RFC 3339, epoch seconds, or a zone-less date-time)
    #[arg(long, value_name = "NAME", default_value = "time")]
    pub time_column: String,
    /// The column holding the region
    #[arg(long, value_name = "NAME", default_value = "region")]
    pub region_column: String,
    /// The column holding the value
    #[arg(long, value_name = "NAME", default_value = "value")]
    pub value_column: String,
    /// Epoch seconds and zone-less times are local times this many hours east of UTC
    /// (e.g. -4 for Venezuela); RFC 3339 times keep their own zone
    #[arg(long, value_name = "HOURS", default_value_t = 0.0, allow_negative_numbers = true)]
    pub time_offset_hours: f64,
    /// A column giving that offset in hours on each row (overrides --time-offset-hours)
    #[arg(long, value_name = "NAME")]
    pub offset_column: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ProbeCommand {
    /// Enrol this probe with a token from an admin of the server (once per machine).
    Enrol(ProbeEnrolArgs),
    /// Measure the targets, queue the signed results, then upload what the server can take.
    Run(ProbeRunArgs),
    /// Upload the queued results (those the server already has are not sent twice).
    Upload(ProbeDirArgs),
    /// Print the targets the server asks probes to measure.
    Targets(ProbeDirArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ProbeDirArgs {
    /// The probe's folder: its key, its enrolment and its queue [default: ./vigie-probe]
    #[arg(long, env = "VIGIE_PROBE_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ProbeEnrolArgs {
    #[command(flatten)]
    pub dir: ProbeDirArgs,
    /// The Vigie server's address, e.g. https://vigie.example.org
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The enrolment token an admin gave you
    #[arg(long, value_name = "TOKEN")]
    pub token: String,
    /// A name for this probe, shown to coordinators (avoid a person's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct ProbeRunArgs {
    #[command(flatten)]
    pub dir: ProbeDirArgs,
    /// The country of this connection (two letters, e.g. TG)
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// The network of this connection (e.g. AS37303)
    #[arg(long, value_name = "ASN")]
    pub asn: String,
    /// Measure the targets in this file (one per line) instead of the server's list
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Resolve names with this DNS server (IP:PORT) instead of the system's resolver
    #[arg(long, value_name = "IP:PORT")]
    pub resolver: Option<std::net::SocketAddr>,
    /// A second DNS server (IP:PORT) to compare answers with, e.g. 9.9.9.9:53
    #[arg(long, value_name = "IP:PORT")]
    pub second_resolver: Option<std::net::SocketAddr>,
    /// Seconds to wait for each step (DNS, connect, TLS; HTTP gets three times as long)
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    /// Extra trusted root certificate (PEM), e.g. for a test server
    #[arg(long, value_name = "FILE")]
    pub extra_root: Vec<PathBuf>,
    /// Only measure and queue; do not upload now
    #[arg(long)]
    pub no_upload: bool,
}
