//! A small adaptive jitter buffer for 20 ms G.711 frames, with loss concealment and silence fill.

use std::collections::BTreeMap;
use std::time::Instant;

use super::rtp::SeqExtender;

/// Samples in one 20 ms frame at 8 kHz.
pub const FRAME_SAMPLES: usize = 160;

/// What the buffer plays out for one 20 ms slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Playout {
    /// A received frame.
    Frame(Vec<i16>),
    /// A lost frame, concealed from the previous one (attenuated repeat, then silence).
    Concealed(Vec<i16>),
    /// Nothing to play (not started, underrun, or the caller sends nothing).
    Silence(Vec<i16>),
}

impl Playout {
    /// The samples of this slot.
    pub fn samples(&self) -> &[i16] {
        match self {
            Playout::Frame(s) | Playout::Concealed(s) | Playout::Silence(s) => s,
        }
    }
}

/// Reorders packets by sequence number and plays one frame per 20 ms tick.
///
/// The target depth follows the RFC 3550 interarrival jitter estimate (between 2 and 10 packets);
/// when the buffer holds more than the target plus two, the oldest frames are dropped to catch up.
#[derive(Debug, Default)]
pub struct JitterBuffer {
    seq: SeqExtender,
    frames: BTreeMap<u64, Vec<i16>>,
    next: Option<u64>,
    playing: bool,
    last: Vec<i16>,
    concealed_run: u32,
    /// RFC 3550 jitter estimate, in timestamp units (1/8000 s).
    jitter: f64,
    last_transit: Option<i64>,
    epoch: Option<Instant>,
    carry: Vec<i16>,
    /// Packets received, lost (never played) and late (arrived after their slot).
    pub stats: JitterStats,
}

/// Counters of the jitter buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JitterStats {
    /// Packets accepted.
    pub received: u64,
    /// Slots concealed because their packet was missing.
    pub concealed: u64,
    /// Packets dropped because they came after their slot or as duplicates.
    pub late: u64,
    /// Frames dropped to shrink the delay.
    pub dropped: u64,
}

impl JitterBuffer {
    /// Stores one decoded frame with its RTP sequence number and timestamp.
    pub fn push(&mut self, now: Instant, sequence: u16, timestamp: u32, samples: Vec<i16>) {
        let idx = self.seq.extend(sequence);
        let epoch = *self.epoch.get_or_insert(now);
        let arrival = (now.saturating_duration_since(epoch).as_micros() as i64) * 8 / 1000;
        let transit = arrival - timestamp as i64;
        if let Some(prev) = self.last_transit {
            let d = (transit - prev).unsigned_abs() as f64;
            if d < 8000.0 {
                self.jitter += (d - self.jitter) / 16.0;
            }
        }
        self.last_transit = Some(transit);
        if self.next.is_some_and(|n| idx < n) || self.frames.contains_key(&idx) {
            self.stats.late += 1;
            return;
        }
        self.stats.received += 1;
        self.frames.insert(idx, samples);
        if self.next.is_none() {
            self.next = Some(idx);
        }
    }

    /// The current target depth in frames.
    pub fn target_depth(&self) -> usize {
        ((self.jitter * 3.0 / FRAME_SAMPLES as f64).ceil() as usize + 1).clamp(2, 10)
    }

    /// The RFC 3550 interarrival jitter, in timestamp units.
    pub fn jitter(&self) -> u32 {
        self.jitter as u32
    }

    /// Frames waiting.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether no frame is waiting.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Plays out the next 20 ms slot (exactly 160 samples, whatever the packets' duration).
    pub fn pop(&mut self) -> Playout {
        let (mut real, mut concealed) = (false, false);
        while self.carry.len() < FRAME_SAMPLES {
            match self.pop_packet() {
                Playout::Frame(f) => {
                    real = true;
                    self.carry.extend(f);
                }
                Playout::Concealed(f) => {
                    concealed = true;
                    self.carry.extend(f);
                }
                Playout::Silence(_) => {
                    let n = FRAME_SAMPLES - self.carry.len();
                    self.carry.extend(std::iter::repeat_n(0, n));
                }
            }
        }
        let out: Vec<i16> = self.carry.drain(..FRAME_SAMPLES).collect();
        if real {
            Playout::Frame(out)
        } else if concealed {
            Playout::Concealed(out)
        } else {
            Playout::Silence(out)
        }
    }

    /// Takes the next packet's samples, a concealment of it, or silence on underrun.
    fn pop_packet(&mut self) -> Playout {
        let target = self.target_depth();
        if !self.playing {
            if self.frames.len() < target {
                return Playout::Silence(vec![0; FRAME_SAMPLES]);
            }
            self.playing = true;
        }
        while self.frames.len() > target + 2 {
            let (&k, _) = self.frames.iter().next().unwrap();
            self.frames.remove(&k);
            self.stats.dropped += 1;
            self.next = self.frames.keys().next().copied();
        }
        let Some(next) = self.next else { return Playout::Silence(vec![0; FRAME_SAMPLES]) };
        if let Some(f) = self.frames.remove(&next) {
            self.next = Some(next + 1);
            self.concealed_run = 0;
            self.last = f.clone();
            return Playout::Frame(f);
        }
        if self.frames.is_empty() {
            // Underrun: the caller paused or stopped; wait for the buffer to fill again.
            self.playing = false;
            self.last.clear();
            return Playout::Silence(vec![0; FRAME_SAMPLES]);
        }
        // A hole with later frames waiting: conceal this slot.
        self.next = Some(next + 1);
        self.stats.concealed += 1;
        self.concealed_run += 1;
        let tenths: i32 = match self.concealed_run {
            1 => 7,
            2 => 4,
            _ => 0,
        };
        let out = if self.last.is_empty() { vec![0; FRAME_SAMPLES] } else { self.last.iter().map(|&s| (s as i32 * tenths / 10) as i16).collect() };
        Playout::Concealed(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn frame(v: i16) -> Vec<i16> {
        vec![v; FRAME_SAMPLES]
    }

    #[test]
    fn reorders_and_plays_in_sequence() {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        jb.push(t0, 10, 0, frame(1));
        jb.push(t0, 12, 320, frame(3));
        jb.push(t0, 11, 160, frame(2));
        let got: Vec<_> = (0..3).map(|_| jb.pop()).collect();
        assert_eq!(got, vec![Playout::Frame(frame(1)), Playout::Frame(frame(2)), Playout::Frame(frame(3))]);
        assert!(matches!(jb.pop(), Playout::Silence(_)));
    }

    #[test]
    fn conceals_a_lost_packet_then_resumes() {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        jb.push(t0, 65535, 0, frame(1000));
        jb.push(t0, 1, 320, frame(3000));
        assert_eq!(jb.pop(), Playout::Frame(frame(1000)));
        assert_eq!(jb.pop(), Playout::Concealed(frame(700)));
        assert_eq!(jb.pop(), Playout::Frame(frame(3000)));
        assert_eq!(jb.stats.concealed, 1);
        // A late duplicate of a played frame is dropped.
        jb.push(t0, 0, 160, frame(2000));
        assert_eq!(jb.stats.late, 1);
    }

    #[test]
    fn adapts_to_jitter_and_catches_up() {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        assert_eq!(jb.target_depth(), 2);
        // Packets arrive in bursts: 0 ms, 100 ms, 200 ms… five at a time.
        for i in 0..50u16 {
            let at = t0 + Duration::from_millis(100 * (i as u64 / 5));
            jb.push(at, i, i as u32 * 160, frame(i as i16));
        }
        assert!(jb.target_depth() > 3, "target {} after bursty arrival", jb.target_depth());
        let mut played = 0;
        for _ in 0..60 {
            if let Playout::Frame(_) = jb.pop() {
                played += 1;
            }
        }
        assert!(jb.stats.dropped > 0, "a 50-frame backlog is trimmed to the target");
        assert_eq!(played as u64 + jb.stats.dropped, 50);
    }

    #[test]
    fn thirty_ms_packets_play_out_as_twenty_ms_frames() {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        // Packets arrive every 30 ms; playout ticks every 20 ms.
        let mut frames = Vec::new();
        let mut next = 0u16;
        for k in 0..30u64 {
            let now = t0 + Duration::from_millis(20 * k);
            while next < 10 && t0 + Duration::from_millis(30 * next as u64) <= now {
                jb.push(now, next, 240 * next as u32, vec![100 + next as i16; 240]);
                next += 1;
            }
            frames.push(jb.pop());
        }
        assert!(frames.iter().all(|f| f.samples().len() == FRAME_SAMPLES));
        let all: Vec<i16> = frames.iter().flat_map(|f| f.samples().to_vec()).skip_while(|&s| s == 0).take(2400).collect();
        let want: Vec<i16> = (0..10).flat_map(|i| vec![100 + i as i16; 240]).collect();
        assert_eq!(all, want, "every sample once, in order, without gaps");
        assert_eq!(jb.stats.concealed, 0);
        assert!(matches!(frames[29], Playout::Silence(_)));
    }

    #[test]
    fn silence_before_any_packet() {
        let mut jb = JitterBuffer::default();
        assert_eq!(jb.pop(), Playout::Silence(frame(0)));
        assert!(jb.is_empty());
    }
}
