//! A simple energy voice-activity detector with hangover, for "hang up after N s of silence".

use std::time::{Duration, Instant};

/// Reports when the caller starts and stops talking, from the level of 20 ms frames.
#[derive(Debug)]
pub struct Vad {
    threshold_db: f32,
    onset_frames: u32,
    hangover: Duration,
    loud_run: u32,
    active: bool,
    last_voice: Option<Instant>,
}

impl Default for Vad {
    fn default() -> Self {
        Self::new(-42.0, 3, Duration::from_millis(400))
    }
}

/// The level of a frame in dBFS (−100 for digital silence).
pub fn level_db(samples: &[i16]) -> f32 {
    if samples.is_empty() {
        return -100.0;
    }
    let e: f64 = samples.iter().map(|&s| (s as f64 / 32768.0).powi(2)).sum::<f64>() / samples.len() as f64;
    if e <= 1e-10 {
        -100.0
    } else {
        (10.0 * e.log10()) as f32
    }
}

impl Vad {
    /// A detector: voice above `threshold_db` for `onset_frames` frames starts, `hangover` of quiet ends.
    pub fn new(threshold_db: f32, onset_frames: u32, hangover: Duration) -> Self {
        Self { threshold_db, onset_frames: onset_frames.max(1), hangover, loud_run: 0, active: false, last_voice: None }
    }

    /// Feeds one frame; returns `Some(true)` when voice starts, `Some(false)` when it ends.
    pub fn push(&mut self, now: Instant, samples: &[i16]) -> Option<bool> {
        let loud = level_db(samples) > self.threshold_db;
        if loud {
            self.loud_run += 1;
            if self.loud_run >= self.onset_frames {
                self.last_voice = Some(now);
                if !self.active {
                    self.active = true;
                    return Some(true);
                }
            }
        } else {
            self.loud_run = 0;
            if self.active && self.last_voice.is_some_and(|t| now.saturating_duration_since(t) >= self.hangover) {
                self.active = false;
                return Some(false);
            }
        }
        None
    }

    /// Whether the caller is talking now.
    pub fn is_active(&self) -> bool {
        self.active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amp: f32) -> Vec<i16> {
        (0..160).map(|i| ((i as f32 * 0.3).sin() * amp * 32767.0) as i16).collect()
    }

    #[test]
    fn start_and_end_with_hangover() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut v = Vad::default();
        let mut events = Vec::new();
        for i in 0..10 {
            events.extend(v.push(ms(20 * i), &tone(0.0)).map(|e| (i, e)));
        }
        for i in 10..30 {
            events.extend(v.push(ms(20 * i), &tone(0.3)).map(|e| (i, e)));
        }
        // One quiet frame in the middle of speech does not end it.
        events.extend(v.push(ms(600), &tone(0.001)).map(|e| (30, e)));
        for i in 31..40 {
            events.extend(v.push(ms(20 * i), &tone(0.3)).map(|e| (i, e)));
        }
        for i in 40..80 {
            events.extend(v.push(ms(20 * i), &tone(0.001)).map(|e| (i, e)));
        }
        assert_eq!(events, vec![(12, true), (59, false)]);
        assert!(!v.is_active());
    }

    #[test]
    fn a_click_is_not_speech() {
        let t0 = Instant::now();
        let mut v = Vad::default();
        assert_eq!(v.push(t0, &tone(0.5)), None);
        assert_eq!(v.push(t0, &tone(0.0)), None);
        assert!(!v.is_active());
        assert!(level_db(&tone(0.5)) > -10.0);
        assert_eq!(level_db(&[0; 160]), -100.0);
    }
}
