//! RFC 4733 telephone-events: receiving DTMF digits exactly once, and building events to send.

use std::time::{Duration, Instant};

/// The digit of an RFC 4733 event code (0–15), if it is a DTMF key.
pub fn event_to_char(event: u8) -> Option<char> {
    Some(match event {
        0..=9 => (b'0' + event) as char,
        10 => '*',
        11 => '#',
        12..=15 => (b'A' + event - 12) as char,
        _ => return None,
    })
}

/// The RFC 4733 event code of a DTMF key.
pub fn char_to_event(c: char) -> Option<u8> {
    Some(match c {
        '0'..='9' => c as u8 - b'0',
        '*' => 10,
        '#' => 11,
        'A'..='D' => c as u8 - b'A' + 12,
        'a'..='d' => c as u8 - b'a' + 12,
        _ => return None,
    })
}

/// One telephone-event payload (4 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventPayload {
    /// The event code.
    pub event: u8,
    /// The end bit.
    pub end: bool,
    /// Volume in -dBm0 (0–63).
    pub volume: u8,
    /// Duration so far, in timestamp units.
    pub duration: u16,
}

impl EventPayload {
    /// Parses the 4-byte payload; `None` when shorter.
    pub fn parse(b: &[u8]) -> Option<Self> {
        if b.len() < 4 {
            return None;
        }
        Some(Self { event: b[0], end: b[1] & 0x80 != 0, volume: b[1] & 0x3F, duration: u16::from_be_bytes([b[2], b[3]]) })
    }

    /// Serialises the payload.
    pub fn build(&self) -> [u8; 4] {
        let d = self.duration.to_be_bytes();
        [self.event, if self.end { 0x80 } else { 0 } | (self.volume & 0x3F), d[0], d[1]]
    }
}

/// A digit received, with how long it was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digit {
    /// The key pressed.
    pub key: char,
    /// How long it was held, in milliseconds (8 kHz clock).
    pub duration_ms: u32,
}

/// Turns a stream of telephone-event packets into digits, each reported once.
///
/// An event is identified by its (SSRC, RTP timestamp): retransmitted end packets and the
/// continuation packets of one key press share it. A digit is reported on its first end packet, or
/// when a new event starts or `timeout` passes without an end (the end packets were lost). A
/// reported event is forgotten `timeout` after its last packet: retransmissions come within tens of
/// milliseconds, and a sender that replays the very same packets later (a recorded key) is pressing again.
#[derive(Debug)]
pub struct DtmfReceiver {
    current: Option<Pending>,
    reported: Vec<((u32, u32), Instant)>,
    timeout: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    ssrc: u32,
    timestamp: u32,
    event: u8,
    duration: u16,
    last_seen: Instant,
}

impl Default for DtmfReceiver {
    fn default() -> Self {
        Self { current: None, reported: Vec::new(), timeout: Duration::from_millis(1000) }
    }
}

impl DtmfReceiver {
    /// Feeds one telephone-event packet; returns the digits now complete (at most two).
    pub fn handle(&mut self, now: Instant, ssrc: u32, timestamp: u32, payload: &[u8]) -> Vec<Digit> {
        let mut out = Vec::new();
        let Some(p) = EventPayload::parse(payload) else { return out };
        let key = (ssrc, timestamp);
        let timeout = self.timeout;
        self.reported.retain(|(_, at)| now.saturating_duration_since(*at) < timeout);
        if let Some((_, at)) = self.reported.iter_mut().find(|(k, _)| *k == key) {
            *at = now;
            return out;
        }
        if let Some(cur) = self.current {
            if (cur.ssrc, cur.timestamp) != key {
                out.extend(self.finish());
            }
        }
        let cur = self.current.get_or_insert(Pending { ssrc, timestamp, event: p.event, duration: 0, last_seen: now });
        cur.duration = cur.duration.max(p.duration);
        cur.last_seen = now;
        if p.end {
            out.extend(self.finish());
        }
        out
    }

    /// Reports an event whose end packets never came, once `timeout` has passed.
    pub fn handle_timeout(&mut self, now: Instant) -> Option<Digit> {
        match self.current {
            Some(cur) if now.saturating_duration_since(cur.last_seen) >= self.timeout => self.finish(),
            _ => None,
        }
    }

    /// When `handle_timeout` should next be called.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.current.map(|c| c.last_seen + self.timeout)
    }

    fn finish(&mut self) -> Option<Digit> {
        let cur = self.current.take()?;
        self.reported.push(((cur.ssrc, cur.timestamp), cur.last_seen));
        if self.reported.len() > 32 {
            self.reported.remove(0);
        }
        event_to_char(cur.event).map(|key| Digit { key, duration_ms: cur.duration as u32 / 8 })
    }
}

/// The payloads of one outgoing key press: one per 20 ms frame, then three end packets.
///
/// All share one RTP timestamp (the event start); the first carries the marker bit.
pub fn event_frames(key: char, duration_ms: u32) -> Option<Vec<(bool, [u8; 4])>> {
    let event = char_to_event(key)?;
    let frames = (duration_ms / 20).max(1);
    let mut out = Vec::new();
    for i in 1..=frames {
        let p = EventPayload { event, end: false, volume: 10, duration: (i * 160).min(65535) as u16 };
        out.push((i == 1, p.build()));
    }
    let end = EventPayload { event, end: true, volume: 10, duration: (frames * 160).min(65535) as u16 };
    out.extend(std::iter::repeat_n((false, end.build()), 3));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pl(event: u8, end: bool, duration: u16) -> [u8; 4] {
        EventPayload { event, end, volume: 10, duration }.build()
    }

    #[test]
    fn digit_reported_once_despite_retransmitted_ends() {
        let t0 = Instant::now();
        let mut r = DtmfReceiver::default();
        let mut got = Vec::new();
        for (i, d) in [160u16, 320, 480, 640].iter().enumerate() {
            got.extend(r.handle(t0 + Duration::from_millis(20 * i as u64), 0x1234, 8000, &pl(1, false, *d)));
        }
        assert!(got.is_empty(), "nothing before the end bit");
        for _ in 0..3 {
            got.extend(r.handle(t0, 0x1234, 8000, &pl(1, true, 800)));
        }
        assert_eq!(got, vec![Digit { key: '1', duration_ms: 100 }]);
        // The same key pressed again is a new event (new timestamp).
        got = r.handle(t0, 0x1234, 9600, &pl(1, true, 400));
        assert_eq!(got, vec![Digit { key: '1', duration_ms: 50 }]);
        // A late retransmission is still the same press; the very same packets replayed seconds
        // later (a recorded key played again) are a new press.
        assert!(r.handle(t0 + Duration::from_millis(300), 0x1234, 9600, &pl(1, true, 400)).is_empty());
        let again = t0 + Duration::from_millis(300) + r.timeout;
        assert_eq!(r.handle(again, 0x1234, 9600, &pl(1, true, 400)), vec![Digit { key: '1', duration_ms: 50 }]);
    }

    #[test]
    fn lost_end_packets_are_recovered() {
        let t0 = Instant::now();
        let mut r = DtmfReceiver::default();
        assert!(r.handle(t0, 5, 100, &pl(11, false, 160)).is_empty());
        // A new event on another SSRC (as SIPp's DTMF pcaps have) closes the previous one.
        let got = r.handle(t0, 6, 50, &pl(10, false, 160));
        assert_eq!(got, vec![Digit { key: '#', duration_ms: 20 }]);
        assert_eq!(r.poll_timeout(), Some(t0 + Duration::from_secs(1)));
        assert_eq!(r.handle_timeout(t0 + Duration::from_millis(999)), None);
        assert_eq!(r.handle_timeout(t0 + Duration::from_secs(1)), Some(Digit { key: '*', duration_ms: 20 }));
        assert_eq!(r.poll_timeout(), None);
        // Late end packets of a reported event are ignored.
        assert!(r.handle(t0, 6, 50, &pl(10, true, 320)).is_empty());
        assert!(r.handle(t0, 6, 50, &[1, 2]).is_empty(), "short payloads are ignored");
    }

    #[test]
    fn send_frames_round_trip_through_the_receiver() {
        let frames = event_frames('#', 100).unwrap();
        assert_eq!(frames.len(), 5 + 3);
        assert!(frames[0].0 && !frames[1].0);
        let mut r = DtmfReceiver::default();
        let t0 = Instant::now();
        let digits: Vec<_> = frames.iter().flat_map(|(_, p)| r.handle(t0, 1, 0, p)).collect();
        assert_eq!(digits, vec![Digit { key: '#', duration_ms: 100 }]);
        assert!(event_frames('x', 100).is_none());
    }

    #[test]
    fn keys_map_both_ways() {
        for c in "0123456789*#ABCD".chars() {
            assert_eq!(event_to_char(char_to_event(c).unwrap()), Some(c));
        }
        assert_eq!(event_to_char(16), None);
    }
}
