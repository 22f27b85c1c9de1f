//! Counters exposed at `/metrics` in Prometheus' text format.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Metrics {
    responses: [AtomicU64; 5],
    logins_ok: AtomicU64,
    logins_refused: AtomicU64,
    logins_throttled: AtomicU64,
    csrf_rejected: AtomicU64,
}

#[derive(Debug, Clone, Copy)]
pub enum LoginOutcome {
    Ok,
    Refused,
    Throttled,
}

impl Metrics {
    pub fn response(&self, status: u16) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.responses[class].fetch_add(1, Ordering::Relaxed);
    }

    pub fn login(&self, outcome: LoginOutcome) {
        let c = match outcome {
            LoginOutcome::Ok => &self.logins_ok,
            LoginOutcome::Refused => &self.logins_refused,
            LoginOutcome::Throttled => &self.logins_throttled,
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    pub fn csrf_rejected(&self) {
        self.csrf_rejected.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text, with the gauges the caller measured (`cases`: per
    /// organization slug, open and overdue cases; `escalations`: per organization slug,
    /// escalations past their reply period).
    pub fn render(
        &self,
        unlocked_sessions: usize,
        database_up: bool,
        cases: &[(String, i64, i64)],
        escalations: &[(String, usize)],
    ) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP vigie_http_responses_total HTTP responses by status class.");
        let _ = writeln!(out, "# TYPE vigie_http_responses_total counter");
        for (i, c) in self.responses.iter().enumerate() {
            let _ = writeln!(out, "vigie_http_responses_total{{class=\"{}xx\"}} {}", i + 1, c.load(Ordering::Relaxed));
        }
        let _ = writeln!(out, "# HELP vigie_logins_total Login attempts by outcome.");
        let _ = writeln!(out, "# TYPE vigie_logins_total counter");
        for (name, c) in
            [("ok", &self.logins_ok), ("refused", &self.logins_refused), ("throttled", &self.logins_throttled)]
        {
            let _ = writeln!(out, "vigie_logins_total{{outcome=\"{name}\"}} {}", c.load(Ordering::Relaxed));
        }
        let _ = writeln!(out, "# HELP vigie_csrf_rejected_total Form posts refused for a missing or wrong CSRF token.");
        let _ = writeln!(out, "# TYPE vigie_csrf_rejected_total counter");
        let _ = writeln!(out, "vigie_csrf_rejected_total {}", self.csrf_rejected.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP vigie_unlocked_sessions Sessions holding an unlocked organization key.");
        let _ = writeln!(out, "# TYPE vigie_unlocked_sessions gauge");
        let _ = writeln!(out, "vigie_unlocked_sessions {unlocked_sessions}");
        let _ = writeln!(out, "# HELP vigie_database_up Whether the database answered.");
        let _ = writeln!(out, "# TYPE vigie_database_up gauge");
        let _ = writeln!(out, "vigie_database_up {}", u8::from(database_up));
        let _ = writeln!(out, "# HELP vigie_cases_open Cases neither resolved nor closed, per organization.");
        let _ = writeln!(out, "# TYPE vigie_cases_open gauge");
        for (org, open, _) in cases {
            let _ = writeln!(out, "vigie_cases_open{{org=\"{org}\"}} {open}");
        }
        let _ = writeln!(out, "# HELP vigie_cases_overdue Open cases past a deadline, per organization.");
        let _ = writeln!(out, "# TYPE vigie_cases_overdue gauge");
        for (org, _, overdue) in cases {
            let _ = writeln!(out, "vigie_cases_overdue{{org=\"{org}\"}} {overdue}");
        }
        let _ = writeln!(
            out,
            "# HELP vigie_escalations_overdue Sent escalations a platform has not answered within its reply period, \
             per organization."
        );
        let _ = writeln!(out, "# TYPE vigie_escalations_overdue gauge");
        for (org, overdue) in escalations {
            let _ = writeln!(out, "vigie_escalations_overdue{{org=\"{org}\"}} {overdue}");
        }
        out
    }
}
