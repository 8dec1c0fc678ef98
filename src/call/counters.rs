//! Figures gathered over all calls of the SIP leg (for `bench sip` and logs).

use crate::media::io::SendTiming;
use crate::media::session::MediaStats;

/// Figures gathered over all calls.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Calls answered.
    pub answered: u64,
    /// Calls refused because the machine was full.
    pub refused_busy: u64,
    /// Calls refused because no town answers the number dialled (404).
    pub refused_unknown: u64,
    /// Calls now up.
    pub active: usize,
    /// Most calls up at once.
    pub peak_active: usize,
    /// Media counters summed over ended calls.
    pub packets_sent: u64,
    /// RTP packets received.
    pub packets_received: u64,
    /// Send timing merged over ended calls.
    pub timing: SendTiming,
}

impl Totals {
    /// Adds an ended call's media figures.
    pub fn record_media(&mut self, stats: MediaStats, timing: &SendTiming) {
        self.packets_sent += stats.packets_sent;
        self.packets_received += stats.packets_received;
        self.timing.merge(timing);
    }
}
