//! CPU time a process has used, read from `/proc/<pid>/stat` (Linux), so that a run can
//! say how many milliseconds of the server's CPU one report costs.

use std::time::Duration;

/// `/proc` counts in USER_HZ, which Linux fixes at 100 for user space.
const TICKS_PER_SECOND: u64 = 100;

/// User plus system CPU time of `pid`, or `None` where `/proc` is not there.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    parse_stat(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

fn parse_stat(stat: &str) -> Option<Duration> {
    // The command name (field 2) may hold spaces and parentheses: count after its end.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 1000 / TICKS_PER_SECOND))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_and_system_ticks_are_added_after_the_command_name() {
        let stat = "4242 (vigie (x) y) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 30 0 0 20 0 6 0 100 0 0";
        assert_eq!(parse_stat(stat), Some(Duration::from_millis(2800)));
        assert!(cpu_time(std::process::id()).is_some());
    }
}
