//! How much of the machine is free right now: idle cores averaged over the last few tenths of a
//! second, from the kernel's CPU counters (Linux).
//!
//! A single reading of the runnable-thread count is a coin toss at the moment a decode starts (the
//! thread that queued the job is still running), so the recognition workers read this average.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// How often the counters are read; the average covers the last period.
const PERIOD: Duration = Duration::from_millis(200);

/// Idle cores over the last period, as f32 bits; NaN until known.
static IDLE: AtomicU32 = AtomicU32::new(0x7fc0_0000);

/// Idle cores on the machine over the last fifth of a second; None where the counters cannot be
/// read or do not describe the cores this process may use (a container limited to fewer CPUs
/// than the host shows).
pub fn idle_cores() -> Option<f32> {
    static SAMPLER: OnceLock<bool> = OnceLock::new();
    let running = *SAMPLER.get_or_init(start_sampler);
    let v = f32::from_bits(IDLE.load(Ordering::Relaxed));
    (running && v.is_finite()).then_some(v)
}

/// Starts the thread that reads the counters every period; false when they are unusable.
fn start_sampler() -> bool {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let Some(first) = read() else { return false };
    if first.cores != cores {
        return false;
    }
    std::thread::Builder::new()
        .name("cpu-load".into())
        .spawn(move || {
            let mut last = first;
            loop {
                std::thread::sleep(PERIOD);
                let Some(now) = read() else { continue };
                if let Some(idle) = now.idle_cores_since(&last) {
                    IDLE.store(idle.to_bits(), Ordering::Relaxed);
                }
                last = now;
            }
        })
        .is_ok()
}

/// One reading of the machine's CPU time counters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Counters {
    /// Ticks spent idle (idle and I/O wait), all cores together.
    idle: u64,
    /// Ticks in all, all cores together.
    total: u64,
    /// Cores the kernel counts.
    cores: usize,
}

impl Counters {
    /// Idle cores on average between `before` and this reading (None if no time passed).
    fn idle_cores_since(&self, before: &Counters) -> Option<f32> {
        let total = self.total.checked_sub(before.total).filter(|t| *t > 0)?;
        let idle = self.idle.saturating_sub(before.idle).min(total);
        Some(idle as f32 / total as f32 * self.cores as f32)
    }
}

fn read() -> Option<Counters> {
    parse(&std::fs::read_to_string("/proc/stat").ok()?)
}

/// Reads the "cpu" line (user nice system idle iowait irq softirq steal …) and counts the cores.
fn parse(stat: &str) -> Option<Counters> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let ticks: Vec<u64> = line.split_whitespace().skip(1).take(8).map(|t| t.parse().ok()).collect::<Option<_>>()?;
    if ticks.len() < 5 {
        return None;
    }
    let cores = stat.lines().filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit)).count();
    Some(Counters { idle: ticks[3] + ticks[4], total: ticks.iter().sum(), cores })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_cores_come_from_the_kernel_counters() {
        let before = parse("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 0 0 0 0 0 0 0\ncpu1 1 0 0 0 0 0 0 0\nprocs_running 1\n").unwrap();
        assert_eq!(before, Counters { idle: 850, total: 1000, cores: 2 });
        // 100 ticks pass; 25 of them idle: a quarter of two cores.
        let after = Counters { idle: 875, total: 1100, cores: 2 };
        assert_eq!(after.idle_cores_since(&before), Some(0.5));
        assert_eq!(before.idle_cores_since(&before), None);
        assert_eq!(parse("intr 1 2 3\n"), None);
        if cfg!(target_os = "linux") {
            assert!(read().is_some_and(|c| c.cores >= 1 && c.total > 0));
        }
    }
}
