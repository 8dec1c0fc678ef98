//! Speech synthesis: the engine interface, SVOX Pico (embedded default), Piper, French normaliser.
