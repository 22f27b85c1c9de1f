//! One module per subcommand.

mod audit;
mod campaigns;
mod capture;
mod evidence;
mod import;
mod jobs;
pub(crate) mod member;
mod ooni;
mod org;
mod probe;
mod report;
mod serve;
mod sharing;
mod stop;
mod user;
mod verify;
mod watch;

use std::io::IsTerminal;

use crate::cli::{Cli, Command, ConfigCommand, EvidenceCommand, ExportCommand};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve::run(*args).await,
        Command::User(cmd) => {
            init_cli_logging();
            user::run(cmd).await
        }
        Command::Org(cmd) => {
            init_cli_logging();
            org::run(cmd).await
        }
        Command::Audit(crate::cli::AuditCommand::Export(args)) => {
            init_cli_logging();
            audit::export(args).await
        }
        Command::SetupLink(args) => {
            init_cli_logging();
            serve::setup_link(args).await
        }
        Command::Evidence(cmd) => {
            init_cli_logging();
            match cmd {
                EvidenceCommand::Add(args) => evidence::add(args).await,
                EvidenceCommand::Post(args) => evidence::post(args).await,
                EvidenceCommand::List(args) => evidence::list(args).await,
            }
        }
        Command::Capture(args) => {
            init_cli_logging();
            capture::run(args).await
        }
        Command::Export(ExportCommand::Bundle(args)) => {
            init_cli_logging();
            evidence::export_bundle(args).await
        }
        Command::Verify(args) => {
            init_cli_logging();
            verify::run(args).await
        }
        Command::Import(crate::cli::ImportCommand::Observations(args)) => {
            init_cli_logging();
            import::observations(args).await
        }
        Command::Import(crate::cli::ImportCommand::Ooni(args)) => {
            init_cli_logging();
            ooni::import(args).await
        }
        Command::Import(crate::cli::ImportCommand::Stop(args)) => {
            init_cli_logging();
            stop::import(args).await
        }
        Command::Import(crate::cli::ImportCommand::Misp(args)) => {
            init_cli_logging();
            sharing::import(args, sharing::Kind::Misp).await
        }
        Command::Import(crate::cli::ImportCommand::Stix(args)) => {
            init_cli_logging();
            sharing::import(args, sharing::Kind::Stix).await
        }
        Command::Import(crate::cli::ImportCommand::Peer(args)) => {
            init_cli_logging();
            sharing::import(args, sharing::Kind::Peer).await
        }
        Command::Export(ExportCommand::Stop(args)) => {
            init_cli_logging();
            stop::export(args).await
        }
        Command::Watch(crate::cli::WatchCommand::Refresh(args)) => {
            init_cli_logging();
            watch::refresh(args).await
        }
        Command::Campaigns(cmd) => {
            init_cli_logging();
            match cmd {
                crate::cli::CampaignsCommand::Detect(args) => campaigns::detect(args).await,
                crate::cli::CampaignsCommand::List(args) => campaigns::list(args).await,
            }
        }
        Command::Watch(crate::cli::WatchCommand::Detect(args)) => {
            init_cli_logging();
            watch::detect(&args)
        }
        Command::Probe(cmd) => {
            init_cli_logging();
            probe::run(cmd).await
        }
        Command::Jobs(cmd) => {
            init_cli_logging();
            jobs::run(cmd).await
        }
        Command::Report(cmd) => {
            init_cli_logging();
            report::run(cmd).await
        }
        Command::Escalation(cmd) => {
            init_cli_logging();
            report::run_escalation(cmd).await
        }
        Command::Config(ConfigCommand::Example) => {
            print!("{}", crate::config::EXAMPLE);
            Ok(())
        }
    }
}

/// A progress bar over the bytes of a file being read (a spinner when the size is not
/// known, e.g. standard input).
pub fn bytes_progress_bar(total: Option<u64>, name: &str) -> indicatif::ProgressBar {
    let bar = match total {
        Some(total) => indicatif::ProgressBar::new(total),
        None => indicatif::ProgressBar::no_length(),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(name.to_owned());
    bar
}

/// Commands other than `serve` log only warnings, to standard error.
fn init_cli_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VIGIE_LOG").unwrap_or_else(|_| "warn".into());
    init_logging(filter);
}

/// The log goes to standard error (standard output carries what scripts read), in colour
/// only on a terminal: a file or a pipe (journald, `docker logs`) would keep the escape
/// codes. `NO_COLOR` (set and not empty, <https://no-color.org>) turns colour off.
pub fn init_logging(filter: tracing_subscriber::EnvFilter) {
    let ansi = colour_allowed(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).try_init();
}

fn colour_allowed(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// A count with its noun, for the command line's English: `1 case`, `2 cases`, `0 cases`.
pub fn count(n: impl TryInto<u64>, one: &str, other: &str) -> String {
    let n = n.try_into().unwrap_or(u64::MAX);
    format!("{n} {}", if n == 1 { one } else { other })
}

/// Reads a secret from the first line of a file, or asks for it on the terminal.
pub fn read_secret(file: Option<&std::path::Path>, prompt: &str) -> anyhow::Result<String> {
    use anyhow::Context;
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok(text.lines().next().unwrap_or_default().to_owned())
        }
        None => rpassword::prompt_password(prompt).context("cannot read from the terminal (use --password-file)"),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::colour_allowed;

    #[test]
    fn counts_take_the_noun_of_their_number() {
        assert_eq!(super::count(1u64, "case", "cases"), "1 case");
        assert_eq!(super::count(0usize, "case", "cases"), "0 cases");
        assert_eq!(super::count(2i64, "entry", "entries"), "2 entries");
    }

    #[test]
    fn the_log_is_coloured_only_on_a_terminal_without_no_color() {
        assert!(colour_allowed(true, None));
        assert!(colour_allowed(true, Some(OsStr::new(""))));
        assert!(!colour_allowed(true, Some(OsStr::new("1"))));
        assert!(!colour_allowed(false, None));
    }
}
