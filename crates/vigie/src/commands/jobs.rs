//! `vigie jobs list | requeue`: the job queue as an operator sees it.

use vigie_core::Clock as _;
use vigie_core::store::{JobId, JobRow, JobState, JobStore};

use crate::cli::{JobsCommand, JobsListArgs, JobsRequeueArgs, JobsShown};
use crate::config::instance_config;
use crate::instance::{Instance, SystemClock};

pub async fn run(cmd: JobsCommand) -> anyhow::Result<()> {
    match cmd {
        JobsCommand::List(a) => list(a).await,
        JobsCommand::Requeue(a) => requeue(a).await,
    }
}

async fn list(a: JobsListArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let store: &dyn JobStore = &*instance.store;
    let counts = store.job_counts().await?;
    println!("{} pending, {} running, {} dead", counts.pending, counts.running, counts.dead);
    let states: &[JobState] = match a.state {
        JobsShown::Pending => &[JobState::Pending],
        JobsShown::Running => &[JobState::Running],
        JobsShown::Dead => &[JobState::Dead],
        JobsShown::All => &JobState::ALL,
    };
    let mut rows = Vec::new();
    for state in states {
        rows.extend(store.jobs(*state, a.limit).await?);
    }
    if rows.is_empty() {
        return Ok(());
    }
    println!();
    println!("{:<8} {:<24} {:<8} {:<21} {:>8}  LAST ERROR", "ID", "KIND", "STATE", "RUN AT (UTC)", "ATTEMPTS");
    for row in &rows {
        println!("{}", line(row));
    }
    Ok(())
}

/// One job as a line of `vigie jobs list`.
fn line(row: &JobRow) -> String {
    let error = row.last_error.as_deref().unwrap_or("").replace(['\n', '\r'], " ");
    let mut line = format!(
        "{:<8} {:<24} {:<8} {:<21} {:>8}  {error}",
        row.id.to_string(),
        row.kind.as_str(),
        row.state.as_str(),
        row.run_at.rfc3339(),
        row.attempts
    );
    if let (JobState::Running, Some(by)) = (row.state, &row.locked_by) {
        line.push_str(&format!(" (claimed by {by})"));
    }
    line.trim_end().to_owned()
}

async fn requeue(a: JobsRequeueArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&a.instance)?).await?;
    let store: &dyn JobStore = &*instance.store;
    let now = SystemClock.now();
    let mut failed = 0;
    for id in a.ids {
        match store.requeue(JobId(id), now, now).await {
            Ok(()) => println!("job {id}: pending again, runs at the next poll of a running server"),
            Err(vigie_core::StoreError::NotFound) => {
                failed += 1;
                eprintln!("job {id}: no dead job with this id (see `vigie jobs list --state dead`)");
            }
            Err(vigie_core::StoreError::Conflict(_)) => {
                failed += 1;
                eprintln!("job {id}: a job of its kind with its key is already queued; it is left dead");
            }
            Err(e) => return Err(e.into()),
        }
    }
    if failed > 0 {
        anyhow::bail!("{failed} of the jobs were not requeued");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::Timestamp;
    use vigie_core::store::JobKind;

    #[test]
    fn a_job_line_shows_its_error_on_one_line_and_who_holds_it() {
        let row = JobRow {
            id: JobId(7),
            kind: JobKind::of("custody.sign_head"),
            state: JobState::Running,
            run_at: Timestamp(1_760_000_000),
            attempts: 2,
            last_error: Some("the database\nwas busy".into()),
            dedupe_key: Some("recurring".into()),
            locked_by: Some("host:42".into()),
            locked_until: Some(Timestamp(1_760_000_300)),
            created_at: Timestamp(1_760_000_000),
            updated_at: Timestamp(1_760_000_000),
        };
        let l = line(&row);
        assert!(l.starts_with("7        custody.sign_head        running  2025-10-09T08:53:20Z"), "{l}");
        assert!(l.ends_with("the database was busy (claimed by host:42)"), "{l}");
    }
}
