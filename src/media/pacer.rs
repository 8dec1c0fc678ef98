//! 20 ms frame pacing from a monotonic clock: frame n is due at start + n·20 ms, so there is no drift.

use std::time::{Duration, Instant};

/// The frame period.
pub const FRAME: Duration = Duration::from_millis(20);

/// Schedules frames on a fixed grid; late calls catch up, very late ones skip ahead.
#[derive(Debug, Clone)]
pub struct Pacer {
    start: Instant,
    next: u64,
    max_burst: u64,
}

impl Pacer {
    /// A pacer whose frame 0 is due at `start`.
    pub fn new(start: Instant) -> Self {
        Self { start, next: 0, max_burst: 10 }
    }

    /// When the next frame is due.
    pub fn next_due(&self) -> Instant {
        self.start + FRAME * self.next as u32
    }

    /// The index of the next frame.
    pub fn next_index(&self) -> u64 {
        self.next
    }

    /// The frame indices due at `now`, in order. If more than ten are due (the process stalled),
    /// the older ones are skipped so the stream stays in real time; skipped indices are not returned.
    pub fn due(&mut self, now: Instant) -> std::ops::Range<u64> {
        if now < self.next_due() {
            return self.next..self.next;
        }
        let elapsed = now.duration_since(self.start);
        let last = (elapsed.as_nanos() / FRAME.as_nanos()) as u64;
        let first = self.next.max(last.saturating_sub(self.max_burst - 1));
        self.next = last + 1;
        first..last + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_drift_over_ten_minutes_with_late_wakeups() {
        let t0 = Instant::now();
        let mut p = Pacer::new(t0);
        let mut sent = 0u64;
        let mut now = t0;
        // Every wake-up is 3 ms late: a sleep-accumulating loop would drift by 3 ms per frame.
        while now < t0 + Duration::from_secs(600) {
            let r = p.due(now);
            for (k, i) in r.enumerate() {
                assert_eq!(i, sent + k as u64);
            }
            sent = p.next_index();
            now = p.next_due() + Duration::from_millis(3);
        }
        assert_eq!(sent, 30_000);
        assert_eq!(p.next_due(), t0 + Duration::from_secs(600));
    }

    #[test]
    fn catches_up_then_skips_after_a_stall() {
        let t0 = Instant::now();
        let mut p = Pacer::new(t0);
        assert_eq!(p.due(t0), 0..1);
        assert_eq!(p.due(t0 + Duration::from_millis(10)), 1..1, "not yet due");
        assert_eq!(p.due(t0 + Duration::from_millis(65)), 1..4, "three due at once");
        assert_eq!(p.due(t0 + Duration::from_millis(1000)), 41..51, "a stall keeps the last ten");
        assert_eq!(p.next_due(), t0 + Duration::from_millis(1020));
    }
}
