//! The caller's side of turn-taking, sans-IO: when they start talking (or barge in over us), when
//! they pause, and the audio of what they said. When a turn *ends* is the engine's decision
//! (`call::endpoint`): a pause is only a candidate.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::echo::EchoEstimator;
use crate::speech::vad::VoiceActivity;

/// Length of one audio frame.
pub const FRAME: Duration = Duration::from_millis(20);

/// Thresholds of the caller's turn-taking.
#[derive(Debug, Clone)]
pub struct TurnSettings {
    /// Voice probability from which a frame is speech.
    pub speech_threshold: f32,
    /// Voice probability under which a frame is silence (between the two: no change).
    pub silence_threshold: f32,
    /// Speech needed to open an utterance while we are silent.
    pub onset: Duration,
    /// The caller's own voice needed to interrupt us while we speak (barge-in), gaps excluded.
    pub barge_in: Duration,
    /// Audio kept from before the detected onset, so the first syllable is not lost.
    pub preroll: Duration,
    /// Silence after which a pause is reported (and speculative recognition starts).
    pub pause: Duration,
    /// Utterances with less speech than this are noise (a click, a breath).
    pub min_speech: Duration,
    /// The longest utterance; a caller still talking then is treated as pausing.
    pub max_utterance: Duration,
}

impl Default for TurnSettings {
    fn default() -> Self {
        Self {
            speech_threshold: 0.5,
            silence_threshold: 0.35,
            onset: Duration::from_millis(60),
            barge_in: Duration::from_millis(160),
            preroll: Duration::from_millis(300),
            pause: Duration::from_millis(200),
            min_speech: Duration::from_millis(160),
            max_utterance: Duration::from_secs(25),
        }
    }
}

/// What the caller's side did.
#[derive(Debug, Clone, PartialEq)]
pub enum TurnEvent {
    /// The caller started talking; `barge_in` when it was over our voice.
    Started {
        /// Whether we were speaking.
        barge_in: bool,
    },
    /// The caller has been silent for the pause length; `speech_end` is when their voice stopped.
    Paused {
        /// The end of the last speech frame.
        speech_end: Instant,
    },
    /// The caller went on after a pause of this length.
    Resumed {
        /// How long the pause lasted.
        pause: Duration,
    },
    /// What started as speech was too short to be words; it is forgotten.
    Noise,
}

/// A run of voiced frames while no utterance is open (a candidate onset).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    frames: u32,
    voiced: u32,
    /// Voiced frames that sound like a voice (few zero crossings), not a breath of noise.
    tonal: u32,
    gap: u32,
    /// Voiced frames in a row, up to now.
    streak: u32,
}

/// Share of sign changes between consecutive samples: about 0.5 for white noise or a cough's
/// burst, under 0.25 for voiced speech.
fn zero_crossing_rate(frame: &[i16]) -> f32 {
    let n = frame.windows(2).filter(|w| (w[0] >= 0) != (w[1] >= 0)).count();
    n as f32 / frame.len().saturating_sub(1).max(1) as f32
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Idle,
    Talking { voiced: Duration, started: Instant },
    Paused { voiced: Duration, started: Instant, speech_end: Instant },
}

/// The caller's voice activity over one call.
pub struct TurnTaker {
    settings: TurnSettings,
    vad: Box<dyn VoiceActivity>,
    echo: EchoEstimator,
    frame_samples: usize,
    state: State,
    preroll: VecDeque<Vec<i16>>,
    /// Recent frames' verdicts (true = the caller's own speech), newest last.
    recent: VecDeque<bool>,
    silent_frames: u32,
    run: Option<Run>,
    utterance: Vec<i16>,
    events: VecDeque<TurnEvent>,
    last_probability: f32,
}

impl std::fmt::Debug for TurnTaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TurnTaker").field("vad", &self.vad.name()).field("state", &self.state).finish()
    }
}

fn frames(d: Duration) -> usize {
    (d.as_millis() / FRAME.as_millis()).max(1) as usize
}

impl TurnTaker {
    /// A turn-taker for audio at `rate` Hz judged by `vad`.
    pub fn new(settings: TurnSettings, vad: Box<dyn VoiceActivity>, rate: u32) -> Self {
        Self {
            settings,
            vad,
            echo: EchoEstimator::default(),
            frame_samples: (rate / 50) as usize,
            state: State::Idle,
            preroll: VecDeque::new(),
            recent: VecDeque::new(),
            silent_frames: 0,
            run: None,
            utterance: Vec::new(),
            events: VecDeque::new(),
            last_probability: 0.0,
        }
    }

    /// Samples in one 20 ms frame.
    pub fn frame_samples(&self) -> usize {
        self.frame_samples
    }

    /// The voice probability of the last frame.
    pub fn last_probability(&self) -> f32 {
        self.last_probability
    }

    /// Feeds one 20 ms slot ending at `now`: what was received, what we sent, whether we are speaking.
    pub fn handle_frame(&mut self, now: Instant, received: &[i16], sent: Option<&[i16]>, speaking: bool) {
        let p = self.vad.probability(received);
        self.last_probability = p;
        let double_talk = self.run.is_some() || self.state != State::Idle;
        self.echo.push(sent, received, !double_talk);
        let own_voice = self.echo.near_end();
        let speech = p >= self.settings.speech_threshold && own_voice;
        let silence = p < self.settings.silence_threshold || !own_voice;
        self.recent.push_back(speech);
        while self.recent.len() > frames(self.settings.barge_in) + 2 {
            self.recent.pop_front();
        }
        // Echo suppression for what is kept for recognition: a frame our echo explains is turned
        // down 20 dB (the caller's own words, louder than the echo, stay whole).
        let suppressed: Vec<i16>;
        let kept = if self.echo.echo_possible() && !own_voice {
            suppressed = received.iter().map(|&x| x / 10).collect();
            &suppressed[..]
        } else {
            received
        };
        match self.state {
            State::Idle => self.idle(now, kept, speaking),
            State::Talking { voiced, started } => {
                self.utterance.extend_from_slice(kept);
                let voiced = if speech { voiced + FRAME } else { voiced };
                self.silent_frames = if silence { self.silent_frames + 1 } else { 0 };
                self.state = State::Talking { voiced, started };
                let long = now.saturating_duration_since(started) >= self.settings.max_utterance;
                if self.silent_frames as usize >= frames(self.settings.pause) || long {
                    if voiced < self.settings.min_speech && !long {
                        self.reset_utterance();
                        self.events.push_back(TurnEvent::Noise);
                        return;
                    }
                    let speech_end = if long { now } else { now - FRAME * self.silent_frames };
                    self.state = State::Paused { voiced, started, speech_end };
                    self.events.push_back(TurnEvent::Paused { speech_end });
                }
            }
            State::Paused { voiced, started, speech_end } => {
                self.utterance.extend_from_slice(kept);
                // Two speech frames in a row: the caller goes on.
                let n = self.recent.len();
                if n >= 2 && self.recent[n - 1] && self.recent[n - 2] {
                    self.silent_frames = 0;
                    self.state = State::Talking { voiced: voiced + FRAME * 2, started };
                    let pause = now.saturating_duration_since(speech_end).saturating_sub(FRAME * 2);
                    self.events.push_back(TurnEvent::Resumed { pause });
                }
            }
        }
    }

    fn idle(&mut self, now: Instant, received: &[i16], speaking: bool) {
        // Enough history for the pre-roll before the longest possible run of voice.
        self.preroll.push_back(received.to_vec());
        while self.preroll.len() > frames(self.settings.preroll) + 50 {
            self.preroll.pop_front();
        }
        let speech = self.recent.back().copied().unwrap_or(false);
        let tonal = speech && zero_crossing_rate(received) < 0.25; // kept == received when speech
                                                                   // A run of voice: ends after 100 ms without it (longer gaps let stray echo frames add up).
        match (&mut self.run, speech) {
            (None, true) => self.run = Some(Run { frames: 1, voiced: 1, tonal: tonal as u32, gap: 0, streak: 1 }),
            (None, false) => {}
            (Some(r), true) => {
                r.frames += 1;
                r.voiced += 1;
                r.tonal += tonal as u32;
                r.gap = 0;
                r.streak += 1;
            }
            (Some(r), false) => {
                r.frames += 1;
                r.gap += 1;
                r.streak = 0;
                if r.gap >= 5 {
                    self.run = None;
                }
            }
        }
        let Some(run) = self.run else { return };
        // Over our voice: enough of the caller's own voice (frames louder than our echo), gaps
        // between words allowed; on a quiet line: the onset unbroken, after whatever short syllable
        // and gap came first ("À… quelle heure": the "À" is kept in the utterance).
        let onset = if speaking {
            // A cough over our echo is loud and "speech" to a model that also hears the echo: half
            // the frames must sound voiced.
            run.voiced as usize >= frames(self.settings.barge_in) && run.voiced as f32 >= 0.6 * run.frames as f32 && run.tonal * 2 >= run.voiced
        } else {
            run.streak as usize >= frames(self.settings.onset)
        };
        if speech && onset {
            let keep = (run.frames as usize + frames(self.settings.preroll)).min(self.preroll.len());
            let skip = self.preroll.len() - keep;
            self.utterance = self.preroll.drain(..).skip(skip).flatten().collect();
            self.silent_frames = 0;
            self.run = None;
            self.state = State::Talking { voiced: FRAME * run.voiced, started: now - FRAME * run.frames };
            self.events.push_back(TurnEvent::Started { barge_in: speaking });
        }
    }

    /// Takes the audio of the current utterance (pre-roll included) and listens for the next one.
    pub fn finish(&mut self) -> Vec<i16> {
        let audio = std::mem::take(&mut self.utterance);
        self.reset_utterance();
        audio
    }

    /// A copy of the utterance so far (for speculative recognition).
    pub fn audio(&self) -> &[i16] {
        &self.utterance
    }

    /// Whether the caller is in the middle of an utterance (talking or pausing).
    pub fn in_utterance(&self) -> bool {
        self.state != State::Idle
    }

    /// Whether the caller is talking right now (not pausing).
    pub fn talking(&self) -> bool {
        matches!(self.state, State::Talking { .. })
    }

    fn reset_utterance(&mut self) {
        self.run = None;
        self.utterance.clear();
        self.preroll.clear();
        self.silent_frames = 0;
        self.state = State::Idle;
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<TurnEvent> {
        self.events.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::vad::EnergyVad;

    pub(crate) fn tone(amp: f32) -> Vec<i16> {
        (0..160).map(|k| ((k as f32 * 0.4).sin() * amp) as i16).collect()
    }

    fn run(t: &mut TurnTaker, t0: Instant, from: usize, frames: &[(Vec<i16>, Option<Vec<i16>>)], speaking: bool) -> Vec<(usize, TurnEvent)> {
        let mut out = Vec::new();
        for (i, (rx, tx)) in frames.iter().enumerate() {
            let k = from + i;
            t.handle_frame(t0 + FRAME * (k as u32 + 1), rx, tx.as_deref(), speaking);
            while let Some(e) = t.poll_event() {
                out.push((k, e));
            }
        }
        out
    }

    fn taker() -> TurnTaker {
        TurnTaker::new(TurnSettings::default(), Box::new(EnergyVad::new(8000)), 8000)
    }

    fn quiet(n: usize) -> Vec<(Vec<i16>, Option<Vec<i16>>)> {
        vec![(vec![0; 160], None); n]
    }

    fn voiced(n: usize) -> Vec<(Vec<i16>, Option<Vec<i16>>)> {
        vec![(tone(6000.0), None); n]
    }

    #[test]
    fn an_utterance_starts_pauses_resumes_and_keeps_its_audio() {
        let t0 = Instant::now();
        let mut t = taker();
        let mut k = 0;
        let mut ev = run(&mut t, t0, k, &quiet(50), false);
        k += 50;
        assert!(ev.is_empty());
        ev = run(&mut t, t0, k, &voiced(30), false);
        k += 30;
        assert_eq!(ev, vec![(52, TurnEvent::Started { barge_in: false })]);
        ev = run(&mut t, t0, k, &quiet(20), false);
        // Ten silent frames (200 ms) make a pause; speech ended at frame 80's start.
        assert_eq!(ev, vec![(89, TurnEvent::Paused { speech_end: t0 + FRAME * 80 })]);
        k += 20;
        ev = run(&mut t, t0, k, &voiced(5), false);
        assert_eq!(ev, vec![(101, TurnEvent::Resumed { pause: FRAME * 20 })]);
        k += 5;
        run(&mut t, t0, k, &quiet(12), false);
        let audio = t.finish();
        // Pre-roll (15 frames) + everything since the onset.
        assert_eq!(audio.len(), 160 * (15 + 3 + 117 - 53), "pre-roll, the onset run, everything since");
        assert!(!t.in_utterance());
    }

    #[test]
    fn a_short_first_syllable_and_a_gap_are_kept_in_the_utterance() {
        // "À" (40 ms), a 60 ms gap, then "quelle heure…": the onset comes in the second word and
        // the utterance reaches back to the first.
        let t0 = Instant::now();
        let mut t = taker();
        run(&mut t, t0, 0, &quiet(50), false);
        let mut frames = voiced(2);
        frames.extend(quiet(3));
        frames.extend(voiced(20));
        let ev = run(&mut t, t0, 50, &frames, false);
        assert_eq!(ev, vec![(57, TurnEvent::Started { barge_in: false })], "the onset after three voiced frames in a row");
        run(&mut t, t0, 75, &quiet(12), false);
        let audio = t.finish();
        let loud_frames = audio.chunks(160).filter(|f| f.iter().any(|&x| x.abs() > 1000)).count();
        assert_eq!(loud_frames, 22, "the first syllable is in the utterance");
    }

    #[test]
    fn a_click_is_noise_and_barge_in_needs_160_ms_of_voice() {
        let t0 = Instant::now();
        let mut t = taker();
        run(&mut t, t0, 0, &quiet(50), false);
        let mut frames = voiced(4);
        frames.extend(quiet(15));
        let ev = run(&mut t, t0, 50, &frames, false);
        assert_eq!(ev.last().map(|e| &e.1), Some(&TurnEvent::Noise));
        // While we speak (no echo on this line), 140 ms of voice is not enough, 160 ms is, and a
        // short gap between words does not start the count again.
        let mut frames = voiced(7);
        frames.extend(quiet(10));
        assert!(run(&mut t, t0, 100, &frames, true).is_empty());
        let mut frames = voiced(4);
        frames.extend(quiet(3));
        frames.extend(voiced(6));
        let ev = run(&mut t, t0, 120, &frames, true);
        assert_eq!(ev, vec![(130, TurnEvent::Started { barge_in: true })]);
    }

    #[test]
    fn our_echo_does_not_barge_in() {
        let t0 = Instant::now();
        let mut t = taker();
        run(&mut t, t0, 0, &quiet(50), false);
        let sent: Vec<Vec<i16>> = (0..150).map(|i| tone(3000.0 + 2500.0 * ((i as f32) * 0.7).sin().abs())).collect();
        let frames: Vec<(Vec<i16>, Option<Vec<i16>>)> = (0..150)
            .map(|i| {
                let echo: Vec<i16> = if i >= 5 { sent[i - 5].iter().map(|&s| s / 4).collect() } else { vec![0; 160] };
                (echo, Some(sent[i].clone()))
            })
            .collect();
        assert!(run(&mut t, t0, 50, &frames, true).is_empty());
    }
}
