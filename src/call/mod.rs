//! Calls: the transport-independent call engine (one sans-IO core per call) and the SIP/RTP leg
//! that carries it; the browser (WebRTC) leg plugs into the same engine.

pub mod browser;
pub mod counters;
pub mod cpu_load;
pub mod driver;
pub mod echo;
pub mod endpoint;
pub mod engine;
pub mod message;
pub mod prompts;
pub mod recognition;
pub mod report;
mod sip_bridge;
pub mod sip_leg;
pub mod synthesis;
pub mod turn;

pub use engine::{CallEngine, EngineSettings, Output};

/// A call, whatever carries it (SIP, browser): unique in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId(pub u64);

impl std::fmt::Display for CallId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0)
    }
}

impl CallId {
    /// A new id, never given before in this process.
    pub fn next() -> CallId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        CallId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

#[cfg(test)]
mod engine_tests;
