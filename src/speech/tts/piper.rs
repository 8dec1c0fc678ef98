//! Piper voices (VITS ONNX models through piper-rs), ONNX Runtime loaded from the voices folder.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use super::voices::{config_path, espeak_data_parent, onnxruntime_library};
use super::{Synthesizer, TtsError};
use crate::speech::audio::Audio;

/// A loaded Piper voice, shared between threads behind a mutex (inference needs `&mut`).
pub struct PiperVoice {
    name: String,
    piper: Mutex<piper_rs::Piper>,
    length_scale: f32,
}

fn engine_err(e: impl std::fmt::Display) -> TtsError {
    TtsError::Engine { engine: "piper".into(), reason: e.to_string() }
}

/// Loads ONNX Runtime and points espeak-ng at its data, once per process.
fn init_runtime() -> Result<(), TtsError> {
    static INIT: OnceLock<Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| {
        let data = espeak_data_parent().map_err(|e| e.to_string())?;
        // Read by espeak-rs on its first phonemisation, which happens after this, under our lock.
        std::env::set_var("PIPER_ESPEAKNG_DATA_DIRECTORY", &data);
        let lib = onnxruntime_library().map_err(|e| e.to_string())?;
        ort::init_from(&lib)
            .map_err(|e| format!("cannot load ONNX Runtime from {}: {e}", lib.display()))?
            .with_name("standardiste")
            .with_logger(std::sync::Arc::new(ort_log))
            .commit();
        tracing::debug!(lib = %lib.display(), espeak = %data.display(), "piper runtime ready");
        Ok(())
    })
    .clone()
    .map_err(|reason| TtsError::Engine { engine: "piper".into(), reason })
}

/// ONNX Runtime's chatty session logs go to `debug`; only its warnings and errors stay visible.
fn ort_log(level: ort::logging::LogLevel, category: &str, _id: &str, _at: &str, message: &str) {
    use ort::logging::LogLevel;
    match level {
        LogLevel::Verbose | LogLevel::Info => tracing::debug!(target: "ort", category, "{message}"),
        LogLevel::Warning => tracing::warn!(target: "ort", category, "{message}"),
        LogLevel::Error | LogLevel::Fatal => tracing::error!(target: "ort", category, "{message}"),
    }
}

impl PiperVoice {
    /// Loads `model` (`.onnx`, with its `.onnx.json` beside it).
    pub fn load(model: &Path) -> Result<Self, TtsError> {
        init_runtime()?;
        let config = config_path(model);
        let text = std::fs::read_to_string(&config).map_err(|source| TtsError::Io { path: config.clone(), source })?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| engine_err(format!("{}: not a Piper config: {e}", config.display())))?;
        let length_scale = json["inference"]["length_scale"].as_f64().unwrap_or(1.0) as f32;
        let piper = piper_rs::Piper::new(model, &config).map_err(engine_err)?;
        let name = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Self { name, piper: Mutex::new(piper), length_scale })
    }

    fn run(&self, text: &str, speed: f32) -> Result<Audio, TtsError> {
        let mut piper = self.piper.lock().unwrap_or_else(|p| p.into_inner());
        let scale = self.length_scale / speed.clamp(0.2, 5.0);
        let (samples, rate) = piper.create(text, false, None, Some(scale), None, None).map_err(engine_err)?;
        Ok(Audio::new(rate, samples))
    }
}

impl Synthesizer for PiperVoice {
    fn name(&self) -> &str {
        &self.name
    }

    fn synthesize(&self, text: &str) -> Result<Audio, TtsError> {
        self.run(text, 1.0)
    }

    /// Piper's own `length_scale` stretches phoneme durations, so the pitch stays the same.
    fn synthesize_at(&self, text: &str, rate: f32) -> Result<Audio, TtsError> {
        self.run(text, rate)
    }
}
