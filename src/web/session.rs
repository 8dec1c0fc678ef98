//! Server-side sessions behind a random cookie: a bounded table that forgets a session after a
//! period of inactivity. Sans-IO: every call takes the current instant.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A fresh random 256-bit identifier as 64 hex digits (session ids, CSRF tokens).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

struct Entry<T> {
    value: T,
    last: Instant,
}

/// Sessions by id, each forgotten after `idle` without use; at most `max` (the least recently
/// used one goes first).
pub struct Sessions<T> {
    map: HashMap<String, Entry<T>>,
    idle: Duration,
    max: usize,
}

impl<T> std::fmt::Debug for Sessions<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions").field("len", &self.map.len()).field("idle", &self.idle).field("max", &self.max).finish()
    }
}

impl<T> Sessions<T> {
    /// An empty table.
    pub fn new(idle: Duration, max: usize) -> Sessions<T> {
        Sessions { map: HashMap::new(), idle, max: max.max(1) }
    }

    /// Stores a new session under a fresh random id; returns the id and the sessions pushed out
    /// to make room.
    pub fn insert(&mut self, value: T, now: Instant) -> (String, Vec<T>) {
        let mut evicted = self.expire(now);
        while self.map.len() >= self.max {
            let Some(oldest) = self.map.iter().min_by_key(|(_, e)| e.last).map(|(k, _)| k.clone()) else { break };
            evicted.extend(self.map.remove(&oldest).map(|e| e.value));
        }
        let id = random_token();
        self.map.insert(id.clone(), Entry { value, last: now });
        (id, evicted)
    }

    /// The live session with this id, marked as used now; `None` when unknown or idle too long.
    pub fn get_mut(&mut self, id: &str, now: Instant) -> Option<&mut T> {
        let idle = self.idle;
        let e = self.map.get_mut(id)?;
        if now.saturating_duration_since(e.last) >= idle {
            return None;
        }
        e.last = now;
        Some(&mut e.value)
    }

    /// Forgets a session and returns it.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.map.remove(id).map(|e| e.value)
    }

    /// Forgets and returns every session idle for `idle` or longer.
    pub fn expire(&mut self, now: Instant) -> Vec<T> {
        let idle = self.idle;
        let old: Vec<String> = self.map.iter().filter(|(_, e)| now.saturating_duration_since(e.last) >= idle).map(|(k, _)| k.clone()).collect();
        old.into_iter().filter_map(|k| self.map.remove(&k).map(|e| e.value)).collect()
    }

    /// Forgets and returns every session.
    pub fn drain(&mut self) -> Vec<T> {
        self.map.drain().map(|(_, e)| e.value).collect()
    }

    /// How many sessions are held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_expires_after_inactivity_not_while_used() {
        let t0 = Instant::now();
        let mut s = Sessions::new(Duration::from_secs(60), 10);
        let (id, gone) = s.insert("a", t0);
        assert!(gone.is_empty());
        assert_eq!(id.len(), 64);
        // Used every 50 s: it lives on past the first minute.
        assert_eq!(s.get_mut(&id, t0 + Duration::from_secs(50)).copied(), Some("a"));
        assert_eq!(s.get_mut(&id, t0 + Duration::from_secs(100)).copied(), Some("a"));
        // A minute without use: gone, and handed back by expire().
        assert!(s.get_mut(&id, t0 + Duration::from_secs(160)).is_none());
        assert_eq!(s.expire(t0 + Duration::from_secs(160)), vec!["a"]);
        assert!(s.is_empty());
        assert!(s.get_mut("not-an-id", t0).is_none());
    }

    #[test]
    fn the_table_is_bounded_and_drops_the_least_recently_used() {
        let t0 = Instant::now();
        let mut s = Sessions::new(Duration::from_secs(600), 2);
        let (a, _) = s.insert(1, t0);
        let (_b, _) = s.insert(2, t0 + Duration::from_secs(1));
        s.get_mut(&a, t0 + Duration::from_secs(2)).unwrap();
        let (c, gone) = s.insert(3, t0 + Duration::from_secs(3));
        assert_eq!(gone, vec![2]);
        assert_eq!(s.len(), 2);
        assert!(s.get_mut(&a, t0 + Duration::from_secs(4)).is_some());
        assert!(s.get_mut(&c, t0 + Duration::from_secs(4)).is_some());
        assert_ne!(a, c);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc123", "abc123"));
        assert!(!same_secret("abc123", "abc124"));
        assert!(!same_secret("abc123", "abc12"));
        assert!(!same_secret("", "x"));
    }
}
