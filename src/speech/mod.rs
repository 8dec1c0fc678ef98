//! Speech engines: recognition (Whisper) and synthesis (Pico, Piper), turn-taking (voice activity,
//! end of turn), plus the audio they share.

pub mod asr;
pub mod audio;
pub mod corpus;
pub mod tts;
pub mod turn;
pub mod vad;
pub mod wer;
