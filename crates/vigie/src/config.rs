//! One typed configuration: defaults, then the TOML file, then `VIGIE_*` variables,
//! then flags (clap merges the last two). Validated before anything starts.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use secrecy::SecretString;
use serde::Deserialize;

use crate::cli::{InstanceArgs, ServeArgs};

/// The TOML file's shape; unknown keys are an error, so a typo is caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data: Option<PathBuf>,
    pub database: Option<String>,
    pub blobs: Option<String>,
    pub listen: Option<SocketAddr>,
    pub behind_tls_proxy: Option<bool>,
    pub session_idle_minutes: Option<u32>,
    pub session_max_hours: Option<u32>,
    pub tree_head_minutes: Option<u32>,
    pub max_body_kib: Option<u32>,
    pub default_report_org: Option<String>,
    pub reports_per_address_per_hour: Option<u32>,
    pub reports_per_hour: Option<u32>,
    pub follows_per_address_per_hour: Option<u32>,
    pub deadlines: Option<String>,
    pub escalation_reply: Option<String>,
    pub paging: Option<String>,
    pub digest_hour: Option<u8>,
    pub delivery_retry: Option<String>,
    pub peer_pull: Option<String>,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    pub matrix_homeserver: Option<String>,
    pub matrix_token: Option<String>,
    pub webhooks_private_addresses: Option<bool>,
    pub capture_socks5: Option<String>,
    pub capture_private_addresses: Option<bool>,
    pub log: Option<String>,
}

pub const DEFAULT_DATA: &str = "./vigie-data";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// Where an instance lives.
#[derive(Debug)]
pub struct InstanceConfig {
    pub data: PathBuf,
    /// May hold a password: never logged as is.
    pub database: Option<SecretString>,
    pub blobs: Option<String>,
}

#[derive(Debug)]
pub struct ServeConfig {
    pub instance: InstanceConfig,
    pub listen: SocketAddr,
    pub behind_tls_proxy: bool,
    pub session_idle_minutes: u32,
    pub session_max_hours: u32,
    pub tree_head_minutes: u32,
    pub max_body_kib: u32,
    pub default_report_org: Option<String>,
    pub reports_per_address_per_hour: u32,
    pub reports_per_hour: u32,
    pub follows_per_address_per_hour: u32,
    pub deadlines: vigie_core::deadline::SlaPolicy,
    pub escalation_reply: vigie_core::escalation::ReplyPolicy,
    pub paging: vigie_core::network::PagingPolicy,
    pub digest: vigie_core::network::DigestSchedule,
    pub delivery_retry: vigie_core::jobs::RetryPolicy,
    /// How often pinned peers are pulled, in seconds.
    pub peer_pull_secs: i64,
    pub public_url: String,
    /// May hold a password: never logged as is.
    pub smtp_url: Option<SecretString>,
    pub smtp_from: String,
    pub matrix_homeserver: Option<String>,
    pub matrix_token: Option<SecretString>,
    pub webhooks_private_addresses: bool,
    pub capture_socks5: Option<String>,
    pub capture_private_addresses: bool,
    pub log: String,
}

fn read_file(args: &InstanceArgs) -> anyhow::Result<FileConfig> {
    let (path, explicit) = match &args.config {
        Some(p) => (p.clone(), true),
        None => (args.data.clone().unwrap_or_else(|| DEFAULT_DATA.into()).join("vigie.toml"), false),
    };
    if !explicit && !path.exists() {
        return Ok(FileConfig::default());
    }
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("cannot read configuration file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("invalid configuration file {}", path.display()))
}

fn instance(args: &InstanceArgs, file: &FileConfig) -> InstanceConfig {
    InstanceConfig {
        data: args.data.clone().or_else(|| file.data.clone()).unwrap_or_else(|| DEFAULT_DATA.into()),
        database: args.database.clone().or_else(|| file.database.clone()).map(SecretString::from),
        blobs: args.blobs.clone().or_else(|| file.blobs.clone()),
    }
}

pub fn instance_config(args: &InstanceArgs) -> anyhow::Result<InstanceConfig> {
    Ok(instance(args, &read_file(args)?))
}

pub fn serve_config(args: &ServeArgs) -> anyhow::Result<ServeConfig> {
    let file = read_file(&args.instance)?;
    let config = ServeConfig {
        instance: instance(&args.instance, &file),
        listen: args.listen.or(file.listen).unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("valid default")),
        behind_tls_proxy: args.behind_tls_proxy.or(file.behind_tls_proxy).unwrap_or(false),
        session_idle_minutes: args.session_idle_minutes.or(file.session_idle_minutes).unwrap_or(30),
        session_max_hours: args.session_max_hours.or(file.session_max_hours).unwrap_or(12),
        tree_head_minutes: args.tree_head_minutes.or(file.tree_head_minutes).unwrap_or(10),
        max_body_kib: args.max_body_kib.or(file.max_body_kib).unwrap_or(256),
        default_report_org: args.default_report_org.clone().or(file.default_report_org.clone()),
        reports_per_address_per_hour: args
            .reports_per_address_per_hour
            .or(file.reports_per_address_per_hour)
            .unwrap_or(20),
        reports_per_hour: args.reports_per_hour.or(file.reports_per_hour).unwrap_or(2000),
        follows_per_address_per_hour: args
            .follows_per_address_per_hour
            .or(file.follows_per_address_per_hour)
            .unwrap_or(120),
        capture_socks5: args.capture_socks5.clone().or(file.capture_socks5.clone()),
        capture_private_addresses: args.capture_private_addresses.or(file.capture_private_addresses).unwrap_or(false),
        deadlines: vigie_core::deadline::SlaPolicy::parse(
            args.deadlines.as_deref().or(file.deadlines.as_deref()).unwrap_or(""),
        )
        .map_err(|e| anyhow::anyhow!("invalid deadlines: {e}"))?,
        escalation_reply: vigie_core::escalation::ReplyPolicy::parse(
            args.escalation_reply.as_deref().or(file.escalation_reply.as_deref()).unwrap_or(""),
        )
        .map_err(|e| anyhow::anyhow!("invalid escalation_reply: {e}"))?,
        paging: vigie_core::network::PagingPolicy::parse(
            args.paging.as_deref().or(file.paging.as_deref()).unwrap_or(""),
        )
        .map_err(|e| anyhow::anyhow!("invalid paging: {e}"))?,
        digest: vigie_core::network::DigestSchedule::at_hour(args.digest_hour.or(file.digest_hour).unwrap_or(7))
            .map_err(|_| anyhow::anyhow!("digest_hour must be between 0 and 23"))?,
        delivery_retry: vigie_web::jobs::DELIVERY_RETRY
            .parse_over(args.delivery_retry.as_deref().or(file.delivery_retry.as_deref()).unwrap_or(""))
            .map_err(|e| anyhow::anyhow!("invalid delivery_retry: {e}"))?,
        peer_pull_secs: match args.peer_pull.as_deref().or(file.peer_pull.as_deref()) {
            None => 3600,
            Some(raw) => vigie_core::time::short_duration_secs(raw).filter(|s| *s >= 60).ok_or_else(|| {
                anyhow::anyhow!("invalid peer_pull {raw:?}: a duration of a minute or more, like 30m or 6h")
            })?,
        },
        public_url: args.public_url.clone().or(file.public_url.clone()).unwrap_or_default(),
        smtp_url: args.smtp_url.clone().or(file.smtp_url.clone()).map(SecretString::from),
        smtp_from: args
            .smtp_from
            .clone()
            .or(file.smtp_from.clone())
            .unwrap_or_else(|| "Vigie <vigie@localhost>".into()),
        matrix_homeserver: args.matrix_homeserver.clone().or(file.matrix_homeserver.clone()),
        matrix_token: args.matrix_token.clone().or(file.matrix_token.clone()).map(SecretString::from),
        webhooks_private_addresses: args
            .webhooks_private_addresses
            .or(file.webhooks_private_addresses)
            .unwrap_or(false),
        log: args.log.clone().or(file.log).unwrap_or_else(|| "info".into()),
    };
    validate(&config)?;
    Ok(config)
}

fn validate(c: &ServeConfig) -> anyhow::Result<()> {
    if !(1..=24 * 60).contains(&c.session_idle_minutes) {
        bail!("session_idle_minutes must be between 1 and 1440");
    }
    if !(1..=24 * 60).contains(&c.tree_head_minutes) {
        bail!("tree_head_minutes must be between 1 and 1440");
    }
    if !(1..=24 * 7).contains(&c.session_max_hours) {
        bail!("session_max_hours must be between 1 and 168");
    }
    if u64::from(c.session_idle_minutes) > u64::from(c.session_max_hours) * 60 {
        bail!("session_idle_minutes cannot exceed session_max_hours");
    }
    if !(1..=1024 * 1024).contains(&c.max_body_kib) {
        bail!("max_body_kib must be between 1 and 1048576");
    }
    if c.reports_per_address_per_hour == 0 || c.reports_per_hour == 0 || c.follows_per_address_per_hour == 0 {
        bail!("reports_per_address_per_hour, reports_per_hour and follows_per_address_per_hour must be at least 1");
    }
    Ok(())
}

pub fn data_dir_display(p: &Path) -> String {
    p.display().to_string()
}

pub const EXAMPLE: &str = r#"# Vigie configuration file (TOML).
# Pass it with --config FILE (or VIGIE_CONFIG), or put it at <data folder>/vigie.toml.
# Flags win over VIGIE_* environment variables, which win over this file.

# Data folder: SQLite database, blobs and keys. Keep it on an encrypted disk if you can,
# and back it up. (VIGIE_DATA, --data)
data = "./vigie-data"

# Database. Leave unset for the embedded SQLite file in the data folder.
# For PostgreSQL: database = "postgres://vigie:PASSWORD@localhost:5432/vigie"
# (VIGIE_DATABASE_URL, --database)
# database = "postgres://vigie@localhost/vigie"

# Where files (evidence) are stored, sealed: a folder, or s3://bucket/prefix with the
# usual AWS_* credential variables. Default: the blobs folder in the data folder.
# (VIGIE_BLOBS, --blobs)
# blobs = "s3://vigie-evidence/network"

# Address to listen on. Keep 127.0.0.1 behind a reverse proxy. (VIGIE_LISTEN, --listen)
listen = "127.0.0.1:8080"

# Set to true when a reverse proxy in front terminates TLS: Secure cookies, HSTS, and
# the client address read from X-Forwarded-For. (VIGIE_BEHIND_TLS_PROXY, --behind-tls-proxy)
behind_tls_proxy = false

# A session ends after this many minutes without activity... (VIGIE_SESSION_IDLE_MINUTES)
session_idle_minutes = 30
# ...and in any case this many hours after login. (VIGIE_SESSION_MAX_HOURS)
session_max_hours = 12

# Minutes between signed tree heads of the evidence log, on a fixed schedule: the public
# head then tells an observer nothing about when reports arrive. (VIGIE_TREE_HEAD_MINUTES,
# --tree-head-minutes)
tree_head_minutes = 10

# Largest request body accepted, in KiB. (VIGIE_MAX_BODY_KIB, --max-body-kib)
max_body_kib = 256

# The organization (short name) that receives reports sent to /report; reports sent to
# /report/<short name> go to that organization. Default: the first organization.
# (VIGIE_DEFAULT_REPORT_ORG, --default-report-org)
# default_report_org = "ligue"

# Caps on the public reporting channel, counted in memory only (no address is stored):
# per client address, and for everyone together, per hour.
# (VIGIE_REPORTS_PER_ADDRESS_PER_HOUR, VIGIE_REPORTS_PER_HOUR)
reports_per_address_per_hour = 20
reports_per_hour = 2000

# Receipt-code lookups at /follow per client address per hour (each page a reporter
# opens or message they send is one), counted in memory only.
# (VIGIE_FOLLOWS_PER_ADDRESS_PER_HOUR, --follows-per-address-per-hour)
follows_per_address_per_hour = 120

# "Capture this link" on a case fetches pages from the server. Through a SOCKS5 proxy
# (Tor: "127.0.0.1:9050") if set; names are then resolved by the proxy.
# (VIGIE_CAPTURE_SOCKS5, --capture-socks5)
# capture_socks5 = "127.0.0.1:9050"
# Let captures reach loopback and private addresses (only for testing: otherwise a
# member could make the server fetch internal services). (VIGIE_CAPTURE_PRIVATE_ADDRESSES)
capture_private_addresses = false

# Deadlines per severity: first response / resolution, in m, h or d.
# (VIGIE_DEADLINES, --deadlines)
deadlines = "critical=2h/3d,high=8h/7d,medium=24h/14d,low=72h/30d"

# How long a platform has to answer an escalation before the assignee and the
# coordinators are reminded: critical / other, per platform (facebook, instagram,
# whatsapp, threads, x, telegram, tiktok, youtube, other:NAME), "default" for the rest.
# (VIGIE_ESCALATION_REPLY, --escalation-reply)
escalation_reply = "default=48h/7d"

# When a critical case nobody took pages the person on call, then the coordinators,
# counted from its arrival (s, m or h). (VIGIE_PAGING, --paging)
paging = "on_call=10m,coordinators=30m"

# The hour of the day (UTC, 0 to 23) each person's daily digest of the alert topics
# they chose to read once a day goes. (VIGIE_DIGEST_HOUR, --digest-hour)
digest_hour = 7

# How a failing alert delivery is tried again: first delay, doubled up to the cap, and
# the attempts before it goes to the dead jobs. (VIGIE_DELIVERY_RETRY, --delivery-retry)
delivery_retry = "base=30s,cap=30m,attempts=50"

# The address people reach this server at, for the links alerts carry; the listen
# address when unset. (VIGIE_PUBLIC_URL, --public-url)
# public_url = "https://vigie.example.org"

# Alerts by e-mail: the SMTP server (smtps:// for implicit TLS, ?tls=required for
# STARTTLS) and the sender. (VIGIE_SMTP_URL, VIGIE_SMTP_FROM)
# smtp_url = "smtps://alerts:password@mail.example.org:465"
# smtp_from = "Vigie <alerts@example.org>"

# Alerts in Matrix rooms: the homeserver and the bot account's access token (better in
# VIGIE_MATRIX_TOKEN than here). (VIGIE_MATRIX_HOMESERVER, VIGIE_MATRIX_TOKEN)
# matrix_homeserver = "https://matrix.example.org"

# Log filter (tracing syntax): "info", "warn", "vigie_web=debug,info". (VIGIE_LOG, --log)
log = "info"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_parses_and_unknown_keys_are_refused() {
        let parsed: FileConfig = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(parsed.session_idle_minutes, Some(30));
        assert!(toml::from_str::<FileConfig>("lisen = \"1.2.3.4:5\"").is_err());
        let reply = vigie_core::escalation::ReplyPolicy::parse(parsed.escalation_reply.as_deref().unwrap()).unwrap();
        assert_eq!(reply, vigie_core::escalation::ReplyPolicy::default(), "the example shows the default");
    }
}
