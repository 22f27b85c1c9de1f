//! A bound on concurrent password-hash work (Argon2id): each derivation runs on the
//! blocking pool, at most `slots` at a time, so that a flood of logins (each a few
//! milliseconds and megabytes of memory-hard work) waits its turn instead of occupying
//! every worker thread while pages, `/healthz` and the reporting channel go unanswered.

use std::sync::Arc;

use tokio::sync::Semaphore;

#[derive(Debug, Clone)]
pub struct KdfGate {
    slots: Arc<Semaphore>,
}

impl KdfGate {
    pub fn new(slots: usize) -> Self {
        Self { slots: Arc::new(Semaphore::new(slots.max(1))) }
    }

    /// One slot fewer than the machine's cores (at least one), leaving a core for the rest.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(cores.saturating_sub(1))
    }

    /// Runs `work` when a slot is free, off the async workers. A panic in `work` is
    /// resumed here.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> T {
        let _slot = self.slots.acquire().await.expect("the gate's semaphore is never closed");
        match tokio::task::spawn_blocking(work).await {
            Ok(v) => v,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}

impl Default for KdfGate {
    fn default() -> Self {
        Self::for_this_machine()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_derivations_run_at_once_than_the_gate_has_slots() {
        let gate = KdfGate::new(2);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..12)
            .map(|i| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    gate.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                        i
                    })
                    .await
                })
            })
            .collect();
        let mut sum = 0;
        for t in tasks {
            sum += t.await.unwrap();
        }
        assert_eq!(sum, (0..12).sum::<i32>(), "every derivation ran and returned");
        assert_eq!(most.load(Ordering::SeqCst), 2, "two at a time, never more");
    }
}
