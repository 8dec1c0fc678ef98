//! standardiste: the town hall's voice switchboard (SIP/WebRTC → Whisper → answering core → TTS).

pub mod answer;
pub mod app;
pub mod assets;
pub mod bench;
pub mod call;
pub mod cli;
pub mod config;
pub mod media;
pub mod sip;
pub mod speech;
pub mod store;
pub mod towns;
pub mod web;
