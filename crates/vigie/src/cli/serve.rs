//! `vigie serve`, `vigie setup-link` and `vigie config`.

use std::net::SocketAddr;

use clap::{Args, Subcommand};

use super::InstanceArgs;
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
    #[arg(
        long,
        env = "VIGIE_CAPTURE_PRIVATE_ADDRESSES",
        num_args = 0..=1,
        default_missing_value = "true",
        value_name = "BOOL"
    )]
    pub capture_private_addresses: Option<bool>,
    /// Deadlines per severity, first response/resolution, e.g.
    /// "critical=2h/3d,high=8h/7d,medium=24h/14d,low=72h/30d" [default: those]
    #[arg(long, env = "VIGIE_DEADLINES", value_name = "POLICY")]
    pub deadlines: Option<String>,
    /// How long platforms have to answer an escalation, critical/other, e.g.
    /// "default=48h/7d,telegram=24h/3d,other:vk=3d/14d" [default: default=48h/7d]
    #[arg(long, env = "VIGIE_ESCALATION_REPLY", value_name = "POLICY")]
    pub escalation_reply: Option<String>,
    /// When a critical case nobody took pages the person on call, then the
    /// coordinators, counted from its arrival [default: on_call=10m,coordinators=30m]
    #[arg(long, env = "VIGIE_PAGING", value_name = "POLICY")]
    pub paging: Option<String>,
    /// The hour of the day (UTC, 0 to 23) the daily digest of subscribed alerts goes
    /// [default: 7]
    #[arg(long, env = "VIGIE_DIGEST_HOUR", value_name = "HOUR")]
    pub digest_hour: Option<u8>,
    /// How a failing alert delivery is tried again: the first delay, doubled up to the
    /// cap, and the attempts before it is dead [default: base=30s,cap=30m,attempts=50]
    #[arg(long, env = "VIGIE_DELIVERY_RETRY", value_name = "POLICY")]
    pub delivery_retry: Option<String>,
    /// How often the pinned peers that have an address are pulled (30m, 6h) [default: 1h]
    #[arg(long, env = "VIGIE_PEER_PULL", value_name = "DURATION")]
    pub peer_pull: Option<String>,
    /// The address people reach this server at, for the links alerts carry
    /// (https://vigie.example.org) [default: http://LISTEN]
    #[arg(long, env = "VIGIE_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// The SMTP server alerts are e-mailed through: smtps://user:pass@host:465,
    /// smtp://host:587?tls=required (STARTTLS), or smtp://127.0.0.1:25 for a local relay
    #[arg(long, env = "VIGIE_SMTP_URL", value_name = "URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of alert e-mails [default: Vigie <vigie@localhost>]
    #[arg(long, env = "VIGIE_SMTP_FROM", value_name = "ADDRESS")]
    pub smtp_from: Option<String>,
    /// The Matrix homeserver alerts are posted through (https://matrix.example.org)
    #[arg(long, env = "VIGIE_MATRIX_HOMESERVER", value_name = "URL")]
    pub matrix_homeserver: Option<String>,
    /// The access token of the Matrix bot account that posts alerts (better as
    /// VIGIE_MATRIX_TOKEN than on the command line)
    #[arg(long, env = "VIGIE_MATRIX_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub matrix_token: Option<String>,
    /// Let webhooks reach loopback and private addresses (a receiver on this machine or
    /// network; tests). Off by default: members could make the server probe internal
    /// services
    #[arg(
        long,
        env = "VIGIE_WEBHOOKS_PRIVATE_ADDRESSES",
        value_name = "BOOL",
        num_args = 0..=1,
        default_missing_value = "true"
    )]
    pub webhooks_private_addresses: Option<bool>,
    /// Log filter, e.g. info or vigie=debug [default: info]
    #[arg(long, env = "VIGIE_LOG", value_name = "FILTER")]
    pub log: Option<String>,
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
pub enum ConfigCommand {
    /// Print a commented example configuration file.
    Example,
}
