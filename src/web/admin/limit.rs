//! Log-in attempts rate limiting: after [`FREE_FAILURES`] wrong passwords for a name or from an
//! address, each further attempt is refused until a wait that doubles with every new failure
//! (30 s, 1 min, 2 min… at most 15 min). Sans-IO: every call takes the current instant.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Wrong passwords allowed before attempts are slowed.
pub const FREE_FAILURES: u32 = 5;
/// The first wait after the free failures.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures older than this are forgotten.
pub const WINDOW: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn blocked_until(&self) -> Option<Instant> {
        let over = self.count.checked_sub(FREE_FAILURES)?;
        let wait = FIRST_WAIT.saturating_mul(1u32 << over.min(10)).min(LONGEST_WAIT);
        Some(self.last + wait)
    }
}

/// Failed log-ins per key (a name, an address).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: HashMap<String, Failures>,
}

impl LoginLimiter {
    /// An empty limiter.
    pub fn new() -> LoginLimiter {
        LoginLimiter::default()
    }

    /// `Err(wait)` when any key must still wait before its next attempt.
    pub fn check(&mut self, keys: &[String], now: Instant) -> Result<(), Duration> {
        self.forget_old(now);
        let wait = keys.iter().filter_map(|k| self.failures.get(k)?.blocked_until()).filter(|until| *until > now).map(|until| until - now).max();
        match wait {
            Some(w) => Err(w),
            None => Ok(()),
        }
    }

    /// Counts a wrong password against every key.
    pub fn failed(&mut self, keys: &[String], now: Instant) {
        for k in keys {
            let f = self.failures.entry(k.clone()).or_insert(Failures { count: 0, last: now });
            f.count += 1;
            f.last = now;
        }
    }

    /// Forgets the failures of these keys (a successful log-in).
    pub fn succeeded(&mut self, keys: &[String]) {
        for k in keys {
            self.failures.remove(k);
        }
    }

    fn forget_old(&mut self, now: Instant) {
        self.failures.retain(|_, f| now.saturating_duration_since(f.last) < WINDOW);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str, addr: &str) -> Vec<String> {
        vec![format!("name:{name}"), format!("addr:{addr}")]
    }

    #[test]
    fn the_sixth_attempt_waits_and_the_wait_doubles() {
        let t0 = Instant::now();
        let mut l = LoginLimiter::new();
        let k = keys("martine", "10.0.0.1");
        for i in 0..5 {
            assert_eq!(l.check(&k, t0 + Duration::from_secs(i)), Ok(()), "attempt {} is free", i + 1);
            l.failed(&k, t0 + Duration::from_secs(i));
        }
        let t5 = t0 + Duration::from_secs(4);
        assert_eq!(l.check(&k, t5 + Duration::from_secs(1)), Err(Duration::from_secs(29)), "the 6th waits");
        assert_eq!(l.check(&k, t5 + FIRST_WAIT), Ok(()), "after the wait one more try");
        l.failed(&k, t5 + FIRST_WAIT);
        assert_eq!(l.check(&k, t5 + FIRST_WAIT), Err(FIRST_WAIT * 2), "then twice as long");
        // Another name from the same address waits too; the same name from elsewhere too.
        assert!(l.check(&keys("alain", "10.0.0.1"), t5 + FIRST_WAIT).is_err());
        assert!(l.check(&keys("martine", "10.0.0.2"), t5 + FIRST_WAIT).is_err());
        assert_eq!(l.check(&keys("alain", "10.0.0.2"), t5 + FIRST_WAIT), Ok(()));
    }

    #[test]
    fn waits_are_capped_success_clears_and_old_failures_are_forgotten() {
        let t0 = Instant::now();
        let mut l = LoginLimiter::new();
        let k = keys("martine", "10.0.0.1");
        for _ in 0..40 {
            l.failed(&k, t0);
        }
        assert_eq!(l.check(&k, t0), Err(LONGEST_WAIT));
        assert_eq!(l.check(&k, t0 + WINDOW), Ok(()), "forgotten after the window");
        for _ in 0..6 {
            l.failed(&k, t0 + WINDOW);
        }
        l.succeeded(&k);
        assert_eq!(l.check(&k, t0 + WINDOW), Ok(()));
    }
}
