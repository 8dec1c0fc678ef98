//! End of turn: has the caller finished speaking, or only paused mid-sentence?
//!
//! [`SmartTurn`] runs the Smart Turn v3.2 model (`models/smart-turn-v3.2-cpu.onnx`) on the last
//! 8 s of the caller's audio at 16 kHz, as Whisper-style log-mel features ([`features`]).

pub mod features;
pub mod smart_turn;

pub use crate::speech::vad::OnnxError;
pub use smart_turn::SmartTurn;

/// Errors of the end-of-turn model.
#[derive(Debug, thiserror::Error)]
pub enum TurnError {
    /// The model could not be loaded or run.
    #[error(transparent)]
    Model(#[from] OnnxError),
}
