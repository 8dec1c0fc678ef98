//! Speech recognition: Whisper (whisper.cpp through whisper-rs), French forced.
