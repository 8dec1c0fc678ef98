//! Speech synthesis: the engine interface, SVOX Pico (embedded default), Piper, French normaliser.
//!
//! [`Speaker`] is the entry point: it normalises French text, splits it into sentences, has the
//! selected engine speak each one at the requested rate, trims and levels the audio for the phone,
//! puts short pauses between sentences and resamples to the rate the caller needs.

pub mod normalize;
pub mod pico;
#[cfg(feature = "piper")]
pub mod piper;
pub mod post;
pub mod sentences;
pub mod stretch;
pub mod voices;

use std::path::PathBuf;

use crate::speech::audio::{Audio, AudioError};

pub use voices::{list_voices, voices_dir, VoiceInfo};

/// Errors from speech synthesis.
#[derive(Debug, thiserror::Error)]
pub enum TtsError {
    /// The requested voice is neither `pico` nor a Piper voice in the voices folder.
    #[error(
        "unknown voice `{name}`: not `pico` and no `{name}.onnx` in {dir} (available: {available}); \
             drop a Piper voice (.onnx + .onnx.json) there or run scripts/install.sh"
    )]
    UnknownVoice { name: String, dir: PathBuf, available: String },
    /// A file the voice needs is missing.
    #[error("missing {what}: {path} (run scripts/install.sh)")]
    Missing { what: &'static str, path: PathBuf },
    /// Piper voices need a binary built with the `piper` feature.
    #[error("voice `{0}` is a Piper voice, but this binary was built without the `piper` feature")]
    PiperNotBuilt(String),
    /// The engine failed to load or to speak.
    #[error("{engine}: {reason}")]
    Engine { engine: String, reason: String },
    /// Converting the audio failed.
    #[error(transparent)]
    Audio(#[from] AudioError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// A speech engine: speaks one normalised sentence into mono audio at the engine's own rate.
pub trait Synthesizer: Send + Sync {
    /// The voice's name as the user selects it (`pico`, a Piper file stem).
    fn name(&self) -> &str;
    /// Speaks one normalised sentence at normal speed.
    fn synthesize(&self, text: &str) -> Result<Audio, TtsError>;
    /// How the normaliser should write numbers for this engine (words unless it reads digits better).
    fn numbers(&self) -> normalize::Numbers {
        normalize::Numbers::Words
    }
    /// Speaks one sentence at `rate` (1.0 normal, 0.8 slower), pitch unchanged. Engines with a
    /// native speed control override this; the default time-stretches the normal-speed audio.
    fn synthesize_at(&self, text: &str, rate: f32) -> Result<Audio, TtsError> {
        let audio = self.synthesize(text)?;
        if (rate - 1.0).abs() < 0.01 {
            return Ok(audio);
        }
        Ok(Audio::new(audio.rate, stretch::time_stretch(&audio.samples, audio.rate, rate)))
    }
}

/// How to speak: speed and output sample rate.
#[derive(Debug, Clone)]
pub struct SpeakOptions {
    /// Speaking rate: 1.0 normal, 0.8 slower (clamped to 0.5–2.0).
    pub rate: f32,
    /// Output sample rate (e.g. `Some(8000)` for the phone); `None` keeps the engine's rate.
    pub sample_rate: Option<u32>,
}

impl Default for SpeakOptions {
    fn default() -> Self {
        Self { rate: 1.0, sample_rate: None }
    }
}

/// Environment variable that selects the voice when none is given on the command line.
pub const VOICE_ENV: &str = "STANDARDISTE_VOICE";

/// Pre-emphasis applied when speaking for the phone (8 kHz or less). Round-trip WER (bench tts,
/// 70 sentences, phone): 0 → 25.8 %, 0.6 → 24.1 %, 0.8 → 21.9 %, 0.95 → 21.5 %; with Pico's
/// lower pitch 0.95 gives 19.6 %.
const PHONE_EMPHASIS: f32 = 0.95;

/// Silence put between two sentences.
pub const SENTENCE_PAUSE_S: f32 = 0.30;

/// A voice ready to speak French text: normaliser, sentence splitter, engine, phone levelling.
pub struct Speaker {
    engine: Box<dyn Synthesizer>,
}

impl std::fmt::Debug for Speaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speaker").field("voice", &self.engine.name()).finish()
    }
}

impl Speaker {
    /// The embedded SVOX Pico fr-FR voice (always available).
    pub fn default_voice() -> Result<Self, TtsError> {
        Ok(Self { engine: Box::new(pico::Pico::french()?) })
    }

    /// `pico`, or a Piper voice from the voices folder (file stem) or a path to a `.onnx` file.
    pub fn with_voice(name: &str) -> Result<Self, TtsError> {
        let name = name.trim();
        if name.is_empty() || name.eq_ignore_ascii_case("pico") || name.eq_ignore_ascii_case("default") {
            return Self::default_voice();
        }
        let model = voices::resolve_piper(name)?;
        Self::piper(name, &model)
    }

    /// The voice chosen by `choice` (e.g. `--voice`), else `$STANDARDISTE_VOICE`, else Pico.
    pub fn selected(choice: Option<&str>) -> Result<Self, TtsError> {
        let env = std::env::var(VOICE_ENV).ok();
        match choice.or(env.as_deref()).map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => Self::with_voice(name),
            None => Self::default_voice(),
        }
    }

    /// Wraps any engine (tests, other voices).
    pub fn from_engine(engine: Box<dyn Synthesizer>) -> Self {
        Self { engine }
    }

    #[cfg(feature = "piper")]
    fn piper(_name: &str, model: &std::path::Path) -> Result<Self, TtsError> {
        Ok(Self { engine: Box::new(piper::PiperVoice::load(model)?) })
    }

    #[cfg(not(feature = "piper"))]
    fn piper(name: &str, _model: &std::path::Path) -> Result<Self, TtsError> {
        Err(TtsError::PiperNotBuilt(name.to_owned()))
    }

    /// The voice's name.
    pub fn voice_name(&self) -> &str {
        self.engine.name()
    }

    /// Speaks the whole text (sentences joined by short pauses).
    pub fn speak(&self, text: &str, opts: &SpeakOptions) -> Result<Audio, TtsError> {
        let mut out: Option<Audio> = None;
        for part in self.sentences(text, opts) {
            let part = part?;
            match &mut out {
                None => out = Some(part),
                Some(o) => o.samples.extend_from_slice(&part.samples),
            }
        }
        let rate = opts.sample_rate.unwrap_or(16000);
        Ok(out.unwrap_or_else(|| Audio::new(rate, Vec::new())))
    }

    /// Speaks the text sentence by sentence, so the first audio is ready before the whole answer.
    /// Each item but the last ends with a short pause.
    pub fn sentences<'a>(&'a self, text: &str, opts: &'a SpeakOptions) -> impl Iterator<Item = Result<Audio, TtsError>> + 'a {
        let parts = sentences::split(&normalize::normalize_with(text, self.engine.numbers()));
        let n = parts.len();
        parts.into_iter().enumerate().map(move |(i, s)| self.speak_sentence(&s, opts, i + 1 < n))
    }

    fn speak_sentence(&self, sentence: &str, opts: &SpeakOptions, pause_after: bool) -> Result<Audio, TtsError> {
        let rate = if opts.rate.is_finite() { opts.rate.clamp(0.5, 2.0) } else { 1.0 };
        let audio = self.engine.synthesize_at(sentence, rate)?;
        let mut samples = post::trim_silence(&audio.samples, audio.rate);
        if opts.sample_rate.is_some_and(|r| r <= 8000) {
            // Phone band: tilting towards the consonants keeps them through 8 kHz G.711 (see PHONE_EMPHASIS).
            post::phone_emphasis(&mut samples, PHONE_EMPHASIS);
        }
        post::level_for_phone(&mut samples, audio.rate);
        if pause_after {
            samples.extend(std::iter::repeat_n(0.0, (SENTENCE_PAUSE_S * audio.rate as f32) as usize));
        }
        let audio = Audio::new(audio.rate, samples);
        match opts.sample_rate {
            Some(r) if r != audio.rate => Ok(audio.resampled(r)?),
            _ => Ok(audio),
        }
    }
}
