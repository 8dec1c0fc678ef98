//! Smart Turn v3.2 (BSD-2-Clause, pipecat-ai), `models/smart-turn-v3.2-cpu.onnx`: the probability
//! that the speaker has finished their turn, from the sound of the last 8 s (intonation, pace,
//! the way the last word ends), not from words.
//!
//! Input `input_features` `[1, 80, 800]` (see [`super::features`]); output `logits` `[1, 1]`,
//! already a probability (the model ends with a sigmoid). Audio must be at 16 kHz: phone audio
//! at 8 kHz is resampled first (feeding 8 kHz samples as if they were 16 kHz silently breaks it).

use std::path::{Path, PathBuf};

use super::features::{MelExtractor, N_FRAMES, N_MELS};
use super::TurnError;
use crate::speech::vad::onnx::{Input, Model};

/// File name of the model in the models folder.
pub const SMART_TURN_FILE: &str = "smart-turn-v3.2-cpu.onnx";
/// Above this probability the turn is complete (the model's own threshold).
pub const THRESHOLD: f32 = 0.5;
const WHAT: &str = "Smart Turn model";

/// The default model path: `smart-turn-v3.2-cpu.onnx` in the models folder.
pub fn default_path() -> PathBuf {
    crate::assets::models_dir().join(SMART_TURN_FILE)
}

/// A loaded Smart Turn model with its own single-threaded session and feature extractor.
pub struct SmartTurn {
    model: Model,
    mel: MelExtractor,
}

impl SmartTurn {
    /// Loads the model at `path`.
    pub fn load(path: &Path) -> Result<Self, TurnError> {
        Ok(Self { model: Model::load(WHAT, path)?, mel: MelExtractor::new() })
    }

    /// Loads the installed model.
    pub fn load_default() -> Result<Self, TurnError> {
        Self::load(&default_path())
    }

    /// The model's input and output names, as ONNX Runtime lists them.
    pub fn io_names(&self) -> (Vec<String>, Vec<String>) {
        self.model.io_names()
    }

    /// The probability (0..1) that the turn is complete at the end of `audio_16k` (mono, 16 kHz,
    /// samples in [-1, 1]; only the last 8 s count, shorter audio is padded at the start).
    pub fn end_probability(&mut self, audio_16k: &[f32]) -> Result<f32, TurnError> {
        let features = self.mel.features(audio_16k);
        self.probability_of_features(&features)
    }

    /// The probability for precomputed features (`N_MELS × N_FRAMES`, band-major).
    pub fn probability_of_features(&mut self, features: &[f32]) -> Result<f32, TurnError> {
        let shape = vec![1, N_MELS as i64, N_FRAMES as i64];
        let out = self.model.run(&[("input_features", Input::F32(shape, features))], &["logits"])?;
        Ok(out[0].first().copied().unwrap_or(0.0))
    }
}
