//! The fallback voice activity detector: frame level in dB over an adaptive noise floor.

use super::VoiceActivity;

/// Frame level below which nothing is speech, whatever the floor (dBFS).
const ABSOLUTE_MIN_DB: f32 = -55.0;
/// Level above the noise floor where the probability reaches 0.5 (dB).
const MID_SNR_DB: f32 = 12.0;
/// Width of the soft step around [`MID_SNR_DB`] (dB).
const STEP_DB: f32 = 2.5;
/// How fast the noise floor rises while the level stays above it (dB per second).
const FLOOR_RISE_DB_S: f32 = 3.0;
/// Starting noise floor (dBFS).
const INITIAL_FLOOR_DB: f32 = -60.0;

/// Energy detector: the probability is a soft step of the frame's level above a noise floor that
/// follows quiet frames down at once and rises slowly, so steady line noise is not speech.
#[derive(Debug, Clone)]
pub struct EnergyVad {
    rate: u32,
    floor_db: f32,
    last: f32,
}

impl EnergyVad {
    /// A detector for audio at `rate` Hz.
    pub fn new(rate: u32) -> Self {
        Self { rate: rate.max(1), floor_db: INITIAL_FLOOR_DB, last: 0.0 }
    }

    /// The current noise floor estimate (dBFS).
    pub fn noise_floor_db(&self) -> f32 {
        self.floor_db
    }
}

/// RMS level of 16-bit samples in dBFS (−120 for digital silence).
pub fn level_db(frame: &[i16]) -> f32 {
    if frame.is_empty() {
        return -120.0;
    }
    let energy: f64 = frame.iter().map(|&s| (s as f64 / 32768.0).powi(2)).sum::<f64>() / frame.len() as f64;
    (10.0 * energy.max(1e-12).log10()) as f32
}

impl VoiceActivity for EnergyVad {
    fn probability(&mut self, frame: &[i16]) -> f32 {
        if frame.is_empty() {
            return self.last;
        }
        let db = level_db(frame);
        let seconds = frame.len() as f32 / self.rate as f32;
        if db < self.floor_db {
            self.floor_db = db.max(-90.0);
        } else {
            self.floor_db += FLOOR_RISE_DB_S * seconds;
        }
        self.last = if db < ABSOLUTE_MIN_DB { 0.0 } else { 1.0 / (1.0 + (-(db - self.floor_db - MID_SNR_DB) / STEP_DB).exp()) };
        self.last
    }

    fn reset(&mut self) {
        *self = Self::new(self.rate);
    }

    fn name(&self) -> &str {
        "energy"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f32, n: usize) -> Vec<i16> {
        (0..n).map(|i| (amplitude * 32767.0 * (i as f32 * 0.3).sin()) as i16).collect()
    }

    #[test]
    fn silence_is_not_speech_and_loud_frames_over_a_quiet_floor_are() {
        let mut v = EnergyVad::new(8000);
        for _ in 0..50 {
            assert_eq!(v.probability(&[0; 160]), 0.0);
        }
        for _ in 0..25 {
            assert!(v.probability(&tone(0.001, 160)) < 0.1);
        }
        assert!(v.probability(&tone(0.3, 160)) > 0.9);
    }

    #[test]
    fn steady_noise_is_absorbed_by_the_floor() {
        let mut v = EnergyVad::new(8000);
        let hum = tone(0.05, 160);
        let mut p = 1.0;
        for _ in 0..2000 {
            p = v.probability(&hum);
        }
        assert!(p < 0.2, "p = {p}, floor {}", v.noise_floor_db());
        v.reset();
        assert_eq!(v.noise_floor_db(), INITIAL_FLOOR_DB);
    }
}
