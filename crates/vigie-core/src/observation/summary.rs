//! What an import did: how many rows were taken, how many refused and why.

use std::collections::BTreeMap;
use std::fmt;

use super::RowError;

/// How many refusals are kept in full; the rest are only counted, so that a file of a
/// million bad rows does not produce a million-line report.
pub const MAX_FIRST_ERRORS: usize = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub taken: u64,
    /// Refused rows counted by [`super::Reason::kind`].
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// The first [`MAX_FIRST_ERRORS`] refusals, in file order.
    pub first_errors: Vec<RowError>,
}

impl ImportSummary {
    /// Counts one row's outcome.
    pub fn record<T>(&mut self, outcome: &Result<T, RowError>) {
        match outcome {
            Ok(_) => self.taken += 1,
            Err(e) => self.skip(e.clone()),
        }
    }

    pub fn skip(&mut self, error: RowError) {
        *self.skipped_by_reason.entry(error.reason.kind()).or_default() += 1;
        if self.first_errors.len() < MAX_FIRST_ERRORS {
            self.first_errors.push(error);
        }
    }

    pub fn skipped(&self) -> u64 {
        self.skipped_by_reason.values().sum()
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} taken, {} skipped", self.taken, self.skipped())?;
        if self.skipped_by_reason.is_empty() {
            return Ok(());
        }
        let reasons: Vec<String> = self.skipped_by_reason.iter().map(|(kind, n)| format!("{kind}: {n}")).collect();
        write!(f, " ({})", reasons.join(", "))?;
        let shown = self.first_errors.len() as u64;
        write!(f, "\nfirst refused rows:")?;
        for e in &self.first_errors {
            write!(f, "\n  {e}")?;
        }
        if self.skipped() > shown {
            write!(f, "\n  … and {} more", self.skipped() - shown)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::Reason;

    fn missing(line: u64) -> RowError {
        RowError { line, reason: Reason::MissingField("author") }
    }

    #[test]
    fn outcomes_are_counted_by_kind() {
        let mut s = ImportSummary::default();
        s.record(&Ok::<(), RowError>(()));
        s.record(&Ok::<(), RowError>(()));
        s.record::<()>(&Err(missing(3)));
        s.record::<()>(&Err(RowError {
            line: 4,
            reason: Reason::BadTime { field: "created_at", problem: "no such date" },
        }));
        s.record::<()>(&Err(missing(5)));
        assert_eq!(s.taken, 2);
        assert_eq!(s.skipped(), 3);
        assert_eq!(s.skipped_by_reason["missing field `author`"], 2);
        assert_eq!(
            s.to_string(),
            "2 taken, 3 skipped (bad time in `created_at`: 1, missing field `author`: 2)\n\
             first refused rows:\n  line 3: missing field `author`\n  \
             line 4: bad time in `created_at`: no such date\n  line 5: missing field `author`"
        );
    }

    #[test]
    fn only_the_first_twenty_errors_are_kept() {
        let mut s = ImportSummary::default();
        for line in 1..=25 {
            s.skip(missing(line));
        }
        assert_eq!(s.first_errors.len(), MAX_FIRST_ERRORS);
        assert_eq!(s.first_errors.last().map(|e| e.line), Some(20));
        assert!(s.to_string().ends_with("… and 5 more"));
    }

    #[test]
    fn a_clean_import_says_so_briefly() {
        let s = ImportSummary { taken: 4, ..ImportSummary::default() };
        assert_eq!(s.to_string(), "4 taken, 0 skipped");
    }
}
