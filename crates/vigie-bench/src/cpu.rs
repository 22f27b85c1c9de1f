//! CPU time a process has used, read from `/proc/<pid>/stat` (Linux), so that a run can
//! say how many milliseconds of the server's CPU one report costs; and which processor
//! the figures come from, since the same code runs several times faster on one than on
//! another.

use std::time::Duration;

/// `/proc` counts in USER_HZ, which Linux fixes at 100 for user space.
const TICKS_PER_SECOND: u64 = 100;

/// User plus system CPU time of `pid`, or `None` where `/proc` is not there.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    parse_stat(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// The processor's model as `/proc/cpuinfo` names it (its first "model name"), with the
/// number of cores this process may use: printed beside every benchmark figure.
pub fn model() -> String {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let name = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|info| model_name(&info));
    format!("{}, {cores} cores", name.as_deref().unwrap_or("unknown CPU"))
}

fn model_name(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.split_whitespace().collect::<Vec<_>>().join(" "))
    })
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

    #[test]
    fn the_model_is_the_first_model_name_line() {
        let info = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC  7B13 64-Core Processor\n\n\
                    processor\t: 1\nmodel name\t: other\n";
        assert_eq!(model_name(info).as_deref(), Some("AMD EPYC 7B13 64-Core Processor"));
        assert_eq!(model_name("processor\t: 0\n"), None);
        assert!(model().ends_with(" cores"));
    }
}
