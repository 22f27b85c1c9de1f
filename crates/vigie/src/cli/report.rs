//! `vigie report` and `vigie escalation`: the accountability record as an operator
//! publishes and reads it.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{InstanceArgs, MemberArgs};

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// The transparency report of an organization for a period: aggregate figures of
    /// what it escalated to platforms, small cells suppressed ("< 5"), the method
    /// written out, and the figures signed by the instance key (see
    /// docs/transparency-report.md). The signature and the public key are also printed
    /// on standard error; with --format csv and -o FILE, the signature is written to
    /// FILE.sig.
    Transparency(TransparencyArgs),
}

/// The file `vigie report transparency` writes.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Pdf,
    Csv,
}

/// The language of a report.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportLang {
    Fr,
    Ar,
    En,
}

#[derive(Args, Debug)]
pub struct TransparencyArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The organization (its short name)
    #[arg(long, value_name = "SLUG")]
    pub org: String,
    /// First day of the period (YYYY-MM-DD, UTC): escalations sent from then on
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day of the period, included (YYYY-MM-DD, UTC)
    #[arg(long, value_name = "DATE")]
    pub to: String,
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to this file [default: standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's language (the CSV is the same in every language)
    #[arg(long, value_enum, default_value = "fr")]
    pub lang: ReportLang,
}

#[derive(Subcommand, Debug)]
pub enum EscalationCommand {
    /// List an organization's escalations to platforms, newest first (read only; no
    /// narrative, nothing sealed).
    List(EscalationListArgs),
    /// Write one escalation's package for the platform (PDF, CSV or JSON, see
    /// docs/escalation-package.md), as its page offers it: every item with its evidence
    /// SHA-256 and inclusion proof against a freshly signed tree head. Acts in your name
    /// (your password opens the organization's key); making it is logged in the case's
    /// history. The report's words and the reporter never go in; the narrative only with
    /// --include-narrative.
    Export(EscalationExportArgs),
}

/// The format of an escalation package.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageFormat {
    Pdf,
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct EscalationExportArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub member: MemberArgs,
    /// The escalation's number
    #[arg(long)]
    pub id: i64,
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: PackageFormat,
    /// The package's language, the platform's choice
    #[arg(long, value_enum, default_value = "en")]
    pub lang: ReportLang,
    /// Put the sealed narrative in the package (logged as such)
    #[arg(long)]
    pub include_narrative: bool,
    /// Write to this file [default: escalation-<id>-<platform>-<lang>.<ext> in the current folder]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct EscalationListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The organization (its short name)
    #[arg(long, value_name = "SLUG")]
    pub org: String,
    /// Only escalations in this status: draft, sent, acknowledged, decided, closed
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// At most this many
    #[arg(long, default_value_t = 200)]
    pub limit: u32,
}
