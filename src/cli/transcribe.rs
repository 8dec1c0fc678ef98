//! `standardiste transcribe`: French speech in a WAV file to text.

use std::path::PathBuf;

use anyhow::Context;

use crate::speech::asr::{AsrOptions, Recognizer};
use crate::speech::audio::Audio;

/// Arguments of `standardiste transcribe`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// WAV file (any rate, mono or stereo, 16-bit or float).
    pub file: PathBuf,
    /// Print JSON `{text, audio_seconds, processing_seconds}` instead of the text.
    #[arg(long)]
    pub json: bool,
    /// ggml Whisper model (default: $STANDARDISTE_WHISPER_MODEL, else the best in models/).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Text priming the decoder (expected names and words).
    #[arg(long)]
    pub prompt: Option<String>,
    /// Prime the decoder with this town file's vocabulary (as calls do), instead of `--prompt`.
    #[arg(long, conflicts_with = "prompt")]
    pub town: Option<PathBuf>,
    /// Decoding threads (0: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Runs `standardiste transcribe`.
pub fn run(args: Args) -> anyhow::Result<()> {
    // Read the audio first: a bad file is reported without waiting for the model.
    let audio = Audio::read_wav(&args.file)?;
    let recognizer = match &args.model {
        Some(p) => Recognizer::load(p)?,
        None => Recognizer::load_default()?,
    };
    let prompt = match &args.town {
        Some(path) => Some(crate::answer::vocabulary(&crate::answer::Town::load(path)?)),
        None => args.prompt.clone(),
    };
    let mut stream = recognizer.stream(AsrOptions { initial_prompt: prompt, threads: args.threads, ..Default::default() })?;
    let t = stream.transcribe(&audio).with_context(|| format!("transcribing {}", args.file.display()))?;
    if args.json {
        println!("{}", serde_json::to_string(&t)?);
    } else {
        println!("{}", t.text);
    }
    Ok(())
}
