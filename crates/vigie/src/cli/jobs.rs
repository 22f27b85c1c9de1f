//! `vigie jobs`: the durable queue of background work, for an operator.

use clap::{Args, Subcommand, ValueEnum};

use super::InstanceArgs;

#[derive(Subcommand, Debug)]
pub enum JobsCommand {
    /// List queued jobs: what waits, what runs, and what failed for good (dead), with
    /// its last error. Starts with how many jobs are in each state.
    List(JobsListArgs),
    /// Make dead jobs pending again, to run at once with their attempts reset.
    Requeue(JobsRequeueArgs),
}

/// Which jobs `vigie jobs list` shows.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobsShown {
    Pending,
    Running,
    Dead,
    All,
}

#[derive(Args, Debug)]
pub struct JobsListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Which jobs to show
    #[arg(long, value_enum, default_value = "all")]
    pub state: JobsShown,
    /// At most this many jobs per state
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
}

#[derive(Args, Debug)]
pub struct JobsRequeueArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The ids of the dead jobs (from `vigie jobs list --state dead`)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
}
