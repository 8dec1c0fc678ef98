//! Speech recognition: Whisper (whisper.cpp through whisper-rs), French forced.
//!
//! One [`Recognizer`] holds the model (shared, cheap to clone); each concurrent caller opens its own
//! [`AsrStream`] (one whisper.cpp state, reused across utterances).

pub mod guards;
#[cfg(feature = "whisper")]
mod whisper;

use std::path::PathBuf;

#[cfg(feature = "whisper")]
pub use whisper::{AsrStream, Recognizer};

/// Errors loading the model or transcribing.
#[derive(Debug, thiserror::Error)]
pub enum AsrError {
    /// The model is missing, corrupt or unsuitable (the message names the fixing command).
    #[error(transparent)]
    Model(#[from] crate::assets::AssetError),
    /// whisper.cpp refused the model file.
    #[error("{path}: whisper.cpp could not load the model ({reason}); run `scripts/install.sh` to reinstall it")]
    Load { path: PathBuf, reason: String },
    /// The input audio could not be read or resampled.
    #[error(transparent)]
    Audio(#[from] crate::speech::audio::AudioError),
    /// The input holds no samples.
    #[error("no audio to transcribe (0 samples)")]
    EmptyAudio,
    /// whisper.cpp failed while transcribing.
    #[error("whisper.cpp failed: {0}")]
    Whisper(String),
    /// This binary was built without the `whisper` feature.
    #[error("speech recognition is not built in: rebuild with `--features whisper`")]
    Disabled,
}

/// Options of one recognition stream.
#[derive(Debug, Default, Clone)]
pub struct AsrOptions {
    /// Text that primes the decoder (expected vocabulary: street names, services).
    pub initial_prompt: Option<String>,
    /// Decode with the full 30 s window whatever the utterance length (slower; for comparisons).
    pub full_window: bool,
    /// Worker threads; 0 = all available cores.
    pub threads: usize,
}

/// The text recognised in one utterance, with timings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Transcript {
    /// Recognised French text, trimmed; empty for silence or noise.
    pub text: String,
    /// Duration of the input audio in seconds.
    pub audio_seconds: f64,
    /// Wall-clock seconds spent (resampling + recognition).
    pub processing_seconds: f64,
}

#[cfg(not(feature = "whisper"))]
mod disabled {
    use super::*;
    use std::path::Path;

    /// Whisper recogniser (this build has no `whisper` feature: every call fails clearly).
    #[derive(Debug, Clone)]
    pub struct Recognizer;

    /// One recognition stream (unavailable in this build).
    #[derive(Debug)]
    pub struct AsrStream;

    impl Recognizer {
        /// Loads a model (fails: built without `whisper`).
        pub fn load(_model: &Path) -> Result<Self, AsrError> {
            Err(AsrError::Disabled)
        }
        /// Loads the discovered model (fails: built without `whisper`).
        pub fn load_default() -> Result<Self, AsrError> {
            Err(AsrError::Disabled)
        }
        /// Opens a stream (fails: built without `whisper`).
        pub fn stream(&self, _options: AsrOptions) -> Result<AsrStream, AsrError> {
            Err(AsrError::Disabled)
        }
    }

    impl AsrStream {
        /// Sets the decoding threads (no effect in this build).
        pub fn set_threads(&mut self, _threads: usize) {}
        /// Transcribes (fails: built without `whisper`).
        pub fn transcribe(&mut self, _audio: &crate::speech::audio::Audio) -> Result<Transcript, AsrError> {
            Err(AsrError::Disabled)
        }
    }
}
#[cfg(not(feature = "whisper"))]
pub use disabled::{AsrStream, Recognizer};
