//! Speech engines: recognition (Whisper) and synthesis (Pico, Piper), plus the audio they share.

pub mod asr;
pub mod audio;
pub mod corpus;
pub mod tts;
pub mod vad;
pub mod wer;
