//! `vigie watch` and `vigie probe`: the shutdown and censorship watch, and the network's own
//! probe.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::InstanceArgs;
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
    /// The enrolment token an admin gave you (it may begin with "-": base64url)
    #[arg(long, value_name = "TOKEN", allow_hyphen_values = true)]
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    #[test]
    fn an_enrolment_token_may_begin_with_a_hyphen() {
        let args = ["vigie", "probe", "enrol", "--server", "http://127.0.0.1:1", "--token", "-eX_9", "--name", "lome"];
        let cli = Cli::try_parse_from(args).expect("a base64url token starting with '-' is a value");
        let Command::Probe(super::ProbeCommand::Enrol(a)) = cli.command else { panic!("not enrol: {cli:?}") };
        assert_eq!((a.token.as_str(), a.name.as_str()), ("-eX_9", "lome"));
    }
}
