//! Speech engines: recognition (Whisper), synthesis (Pico, Piper), voice activity (Silero VAD),
//! plus the audio they share.

pub mod asr;
pub mod audio;
pub mod corpus;
pub mod tts;
pub mod vad;
pub mod wer;
