//! Our own voice coming back on the line: how much of the received audio is echo of what we sent.
//!
//! The line's echo path is modelled on 20 ms frame powers: received ≈ gain × sent(t − delay).
//! For every candidate delay, the log ratio received / sent is averaged over the playback with a
//! forgetting time of about four seconds; the delay whose ratio varies least is the echo's, and
//! its mean ratio the gain. Nothing is learnt while the caller talks over us (double talk). A
//! frame is the caller's own voice when its power is well above the echo the model predicts.

use std::collections::VecDeque;

/// Longest echo delay looked for, in 20 ms frames (300 ms).
const MAX_DELAY: usize = 15;
/// Frames of history used for the estimate (1 s).
const HISTORY: usize = 50;
/// Sent power below which a frame says nothing about the echo path (−50 dBFS).
const QUIET: f64 = 1e-5;
/// Echo gain assumed before there is enough playback to estimate it (−6 dB: a loud echo).
const PRIOR_GAIN: f64 = 0.25;
/// How far above the predicted echo the caller's own voice must be (×3: 5 dB).
const NEAR_END_MARGIN: f64 = 3.0;

/// Echo estimator of one call (sans-IO: fed with the frames sent and received in each 20 ms slot).
#[derive(Debug, Default)]
pub struct EchoEstimator {
    sent: VecDeque<f64>,
    received: VecDeque<f64>,
    /// Per delay: weight, mean and mean square of log10(received / sent), forgetting over time.
    stats: [(f64, f64, f64); MAX_DELAY + 1],
    model: Option<(usize, f64)>,
}

/// Forgetting factor per frame (about 4 s of memory).
const FORGET: f64 = 0.995;
/// Weight (frames of our speech) from which a delay's statistics count.
const MIN_WEIGHT: f64 = 60.0;

/// Mean power of a frame (full scale = 1).
pub fn power(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.iter().map(|&s| (s as f64 / 32768.0).powi(2)).sum::<f64>() / samples.len() as f64
}

impl EchoEstimator {
    /// Records one slot: what we sent (`None`: nothing, silence) and what we received; the echo
    /// path is re-estimated only when `adapt` (not while the caller talks over us: double talk).
    pub fn push(&mut self, sent: Option<&[i16]>, received: &[i16], adapt: bool) {
        self.sent.push_back(sent.map_or(0.0, power));
        self.received.push_back(power(received));
        while self.sent.len() > HISTORY + MAX_DELAY {
            self.sent.pop_front();
        }
        while self.received.len() > HISTORY {
            self.received.pop_front();
        }
        if adapt {
            self.learn();
        }
    }

    /// Whether we sent any audible audio in the last `MAX_DELAY` frames (echo may be on the line).
    pub fn echo_possible(&self) -> bool {
        self.sent.iter().rev().take(MAX_DELAY + 1).any(|&p| p > QUIET)
    }

    /// The echo power predicted for the latest received frame.
    pub fn predicted_echo(&self) -> f64 {
        let n = self.sent.len();
        match self.model {
            // Two frames either side of the delay too: an echo path smears, and the delay is an estimate.
            Some((delay, gain)) if n > delay + 2 => {
                gain * (n - 3 - delay..=(n - 1 - delay.saturating_sub(2)).min(n - 1)).map(|j| self.sent[j]).fold(0.0f64, f64::max)
            }
            _ => PRIOR_GAIN * self.sent.iter().rev().take(MAX_DELAY + 1).fold(0.0f64, |m, &p| m.max(p)),
        }
    }

    /// Whether the latest received frame is louder than our echo can explain (the caller speaks).
    pub fn near_end(&self) -> bool {
        let Some(&r) = self.received.back() else { return false };
        r > NEAR_END_MARGIN * self.predicted_echo() && r > QUIET / 10.0
    }

    /// Current echo path estimate: (delay in frames, power gain).
    pub fn model(&self) -> Option<(usize, f64)> {
        self.model
    }

    fn learn(&mut self) {
        let Some(&r) = self.received.back() else { return };
        let n = self.sent.len();
        for d in 0..=MAX_DELAY {
            let Some(&sp) = n.checked_sub(1 + d).and_then(|j| self.sent.get(j)) else { continue };
            if sp <= QUIET {
                continue;
            }
            let x = ((r + 1e-12) / sp).log10();
            let (w, m, q) = &mut self.stats[d];
            *w = *w * FORGET + 1.0;
            *m += (x - *m) / *w;
            *q += (x * x - *q) / *w;
        }
        // Every delay must have been seen as often, or the shortest ones would win by arriving first.
        if self.stats.iter().any(|(w, _, _)| *w < MIN_WEIGHT) {
            return;
        }
        self.model = self
            .stats
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 .2 - a.1 .1 * a.1 .1).total_cmp(&(b.1 .2 - b.1 .1 * b.1 .1)))
            .map(|(d, (_, m, _))| (d, 10f64.powf(*m)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic speech-like signal: a tone whose loudness follows syllables.
    fn voice(i: usize, seed: u32) -> Vec<i16> {
        let env = ((i as f32 * 0.9 + seed as f32).sin().abs() * 0.8 + 0.2) * 8000.0;
        (0..160).map(|k| ((k as f32 * 0.35 + i as f32).sin() * env) as i16).collect()
    }

    fn scaled(f: &[i16], g: f32) -> Vec<i16> {
        f.iter().map(|&s| (s as f32 * g) as i16).collect()
    }

    fn mix(a: &[i16], b: &[i16]) -> Vec<i16> {
        a.iter().zip(b).map(|(&x, &y)| x.saturating_add(y)).collect()
    }

    #[test]
    fn echo_alone_is_not_the_caller_and_the_path_is_found() {
        let mut e = EchoEstimator::default();
        let sent: Vec<Vec<i16>> = (0..200).map(|i| voice(i, 1)).collect();
        let mut flagged = 0;
        for i in 0..200 {
            // Echo 6 frames (120 ms) late, 15 dB down.
            let rx = if i >= 6 { scaled(&sent[i - 6], 0.18) } else { vec![0; 160] };
            e.push(Some(&sent[i]), &rx, !e.near_end());
            flagged += e.near_end() as u32;
        }
        assert_eq!(flagged, 0, "pure echo must never count as the caller");
        let (delay, gain) = e.model().unwrap();
        assert_eq!(delay, 6);
        assert!((gain - 0.0324).abs() < 0.01, "gain {gain}");
    }

    #[test]
    fn caller_talking_over_the_echo_is_heard() {
        let mut e = EchoEstimator::default();
        let sent: Vec<Vec<i16>> = (0..200).map(|i| voice(i, 1)).collect();
        let mut flagged = 0;
        for i in 0..200 {
            let echo = if i >= 6 { scaled(&sent[i - 6], 0.18) } else { vec![0; 160] };
            // The caller, 6 dB quieter than our voice, from frame 120 to 135.
            let rx = if (120..135).contains(&i) { mix(&echo, &scaled(&voice(i, 7), 0.5)) } else { echo };
            e.push(Some(&sent[i]), &rx, !e.near_end());
            if (120..135).contains(&i) {
                flagged += e.near_end() as u32;
            } else {
                assert!(!e.near_end(), "frame {i} is only echo");
            }
        }
        assert!(flagged >= 12, "the caller's frames were heard {flagged} times of 15");
    }

    #[test]
    fn without_playback_any_voice_is_the_caller() {
        let mut e = EchoEstimator::default();
        e.push(None, &voice(3, 2), true);
        assert!(e.near_end());
        assert!(!e.echo_possible());
        e.push(None, &[0; 160], true);
        assert!(!e.near_end());
    }
}
