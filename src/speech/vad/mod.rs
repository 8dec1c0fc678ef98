//! Voice activity: the probability that a short frame of the caller's audio is speech.

use crate::media::vad::level_db;

/// A voice-activity detector fed with consecutive frames of one stream.
pub trait VoiceActivity: Send {
    /// The probability (0–1) that the latest audio (any length, e.g. 20 ms) is speech.
    fn probability(&mut self, frame: &[i16]) -> f32;
    /// Forgets the stream's past (a new call).
    fn reset(&mut self);
    /// The detector's name, for logs.
    fn name(&self) -> &str;
}

/// Energy over an adaptive noise floor, mapped to 0–1: the fallback when no model is installed.
#[derive(Debug, Clone)]
pub struct EnergyDetector {
    floor_db: f32,
}

impl Default for EnergyDetector {
    fn default() -> Self {
        Self { floor_db: -60.0 }
    }
}

impl VoiceActivity for EnergyDetector {
    fn probability(&mut self, frame: &[i16]) -> f32 {
        let db = level_db(frame);
        // The floor follows quiet frames quickly and loud ones very slowly.
        let step = if db < self.floor_db { 0.3 } else { 0.002 };
        self.floor_db = (self.floor_db + step * (db - self.floor_db)).clamp(-90.0, -35.0);
        // Speech: 12 dB over the floor and above −50 dBFS; a soft ramp around it.
        let over = (db - self.floor_db).min(db + 50.0);
        ((over - 6.0) / 12.0).clamp(0.0, 1.0)
    }

    fn reset(&mut self) {
        *self = Self::default();
    }

    fn name(&self) -> &str {
        "energy"
    }
}

/// The best detector this build and install offer for audio at `rate` Hz.
pub fn default_detector(rate: u32) -> Box<dyn VoiceActivity> {
    let _ = rate;
    Box::new(EnergyDetector::default())
}
