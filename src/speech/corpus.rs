//! French test speech: Debian's Asterisk French telephone prompts with their transcripts.

use std::path::{Path, PathBuf};

/// Default folder of the prompt WAV files (`asterisk-core-sounds-fr-wav`).
pub const SOUNDS_DIR: &str = "/usr/share/asterisk/sounds/fr";
/// Default transcript file (`asterisk-core-sounds-fr`).
pub const TRANSCRIPTS: &str = "/usr/share/doc/asterisk-core-sounds-fr/core-sounds-fr.txt.gz";

/// Errors finding the prompt corpus.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The transcripts could not be read.
    #[error("{path}: cannot read the French prompt transcripts ({reason}); run `scripts/install.sh` (Debian asterisk-core-sounds-fr)")]
    Transcripts { path: PathBuf, reason: String },
    /// No prompt WAV matched a transcript.
    #[error("{dir}: no French prompt WAV files; run `scripts/install.sh` (Debian asterisk-core-sounds-fr-wav)")]
    NoClips { dir: PathBuf },
}

/// One recorded prompt and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// Prompt name, e.g. `vm-nobodyavail`.
    pub name: String,
    /// Its WAV file.
    pub wav: PathBuf,
    /// The spoken text.
    pub text: String,
}

/// Every prompt with a spoken transcript (no `[tones]` or `(effects)`), sorted by name.
pub fn load(sounds: &Path, transcripts: &Path) -> Result<Vec<Clip>, CorpusError> {
    let fail = |reason: String| CorpusError::Transcripts { path: transcripts.to_owned(), reason };
    let out = std::process::Command::new("gzip").arg("-dc").arg(transcripts).output().map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        return Err(fail(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut clips: Vec<Clip> = text
        .lines()
        .filter(|l| !l.starts_with(';'))
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(_, v)| v.chars().any(char::is_alphabetic) && !v.contains(['[', '(', '<']))
        .map(|(k, v)| Clip { name: k.to_string(), wav: sounds.join(format!("{k}.wav")), text: v.to_string() })
        .filter(|c| c.wav.is_file())
        .collect();
    clips.sort_by(|a, b| a.name.cmp(&b.name));
    clips.dedup_by(|a, b| a.name == b.name);
    if clips.is_empty() {
        return Err(CorpusError::NoClips { dir: sounds.to_owned() });
    }
    Ok(clips)
}

/// The corpus at the default Debian paths.
pub fn load_default() -> Result<Vec<Clip>, CorpusError> {
    load(Path::new(SOUNDS_DIR), Path::new(TRANSCRIPTS))
}

/// `n` clips spread evenly over the sorted corpus (deterministic), or all when `n` ≥ its size.
pub fn spread(clips: &[Clip], n: usize) -> Vec<Clip> {
    if n >= clips.len() {
        return clips.to_vec();
    }
    (0..n).map(|i| clips[i * clips.len() / n].clone()).collect()
}
