//! Voice activity: is the caller speaking in this 20 ms frame?
//!
//! [`SileroVad`] (the Silero VAD ONNX model, `models/silero_vad.onnx`) is the detector; the
//! [`EnergyVad`] (level over an adaptive noise floor) is the fallback when the model or ONNX
//! Runtime is missing. [`default_detector`] picks between them.

pub mod energy;
pub mod onnx;
pub mod silero;

pub use energy::EnergyVad;
pub use onnx::OnnxError;
pub use silero::SileroVad;

/// Errors of the voice activity detectors.
#[derive(Debug, thiserror::Error)]
pub enum VadError {
    /// The model could not be loaded or run.
    #[error(transparent)]
    Model(#[from] OnnxError),
    /// The sample rate is not one the detector supports.
    #[error("voice activity detection runs at 8000 or 16000 Hz, not {0} Hz")]
    Rate(u32),
}

/// A voice activity detector fed with consecutive frames of one audio stream.
pub trait VoiceActivity: Send {
    /// Feeds the next frame (any length, typically 20 ms) and returns the latest speech probability (0..1).
    fn probability(&mut self, frame: &[i16]) -> f32;
    /// Forgets the stream (new call, or after our own prompt was played).
    fn reset(&mut self);
    /// The detector's name, for logs.
    fn name(&self) -> &str;
}

/// Silero VAD at `rate` (8000 or 16000 Hz) when its model and ONNX Runtime load, else the energy
/// detector (with a warning saying why).
pub fn default_detector(rate: u32) -> Box<dyn VoiceActivity> {
    match SileroVad::new_for_rate(rate) {
        Ok(vad) => Box::new(vad),
        Err(e) => {
            tracing::warn!("Silero VAD unavailable, using the energy detector: {e}");
            Box::new(EnergyVad::new(rate))
        }
    }
}

/// [`default_detector`] made on the blocking pool: loading the model (once) takes tens of milliseconds,
/// which must not stall the runtime threads that pace other calls' audio every 20 ms.
pub async fn default_detector_off_runtime(rate: u32) -> Box<dyn VoiceActivity> {
    match tokio::task::spawn_blocking(move || default_detector(rate)).await {
        Ok(vad) => vad,
        Err(_) => Box::new(EnergyVad::new(rate)),
    }
}

#[cfg(all(test, not(feature = "onnx")))]
mod tests {
    use super::*;
    use crate::speech::turn::{SmartTurn, TurnError};

    #[test]
    fn without_onnx_the_energy_detector_is_used() {
        assert_eq!(default_detector(8000).name(), "energy");
    }

    #[test]
    fn without_onnx_loading_a_model_says_the_feature_is_missing() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let err = SmartTurn::load(file.path()).err().unwrap();
        assert!(matches!(err, TurnError::Model(OnnxError::NotBuilt(_))), "{err}");
        assert!(err.to_string().contains("`onnx` feature"), "{err}");
        let err = SileroVad::load(file.path(), 8000).err().unwrap();
        assert!(matches!(err, VadError::Model(OnnxError::NotBuilt(_))), "{err}");
    }
}
