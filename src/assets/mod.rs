//! Installed models and voices: where they live, checking them, converting Whisper to ggml.
