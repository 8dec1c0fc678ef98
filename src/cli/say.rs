//! `standardiste say`: speaks French text into a WAV file.

use std::path::PathBuf;

use anyhow::Context;

use crate::speech::tts::{list_voices, SpeakOptions, Speaker};

/// Arguments of `standardiste say`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The French text to speak (`-` reads it from stdin).
    pub text: Option<String>,
    /// Output WAV file.
    #[arg(short, long, default_value = "say.wav")]
    pub output: PathBuf,
    /// Speaking rate: 1.0 normal, 0.8 slower (0.5–2.0).
    #[arg(long, default_value_t = 1.0)]
    pub rate: f32,
    /// Voice: `pico` (default) or a Piper voice in voices/ (file stem or path to .onnx);
    /// default from $STANDARDISTE_VOICE.
    #[arg(long)]
    pub voice: Option<String>,
    /// Output sample rate in Hz (e.g. 8000 for the phone); default: the voice's own rate.
    #[arg(long)]
    pub sample_rate: Option<u32>,
    /// List the available voices and exit.
    #[arg(long)]
    pub list_voices: bool,
}

/// Runs `standardiste say`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.list_voices {
        for v in list_voices() {
            match v.model {
                Some(m) => println!("{}\t{}\t{}", v.name, v.engine, m.display()),
                None => println!("{}\t{}\t(embedded)", v.name, v.engine),
            }
        }
        return Ok(());
    }
    let text = match args.text.as_deref() {
        None => anyhow::bail!("no text given: standardiste say \"Bonjour\" -o bonjour.wav"),
        Some("-") => std::io::read_to_string(std::io::stdin()).context("reading the text from stdin")?,
        Some(t) => t.to_owned(),
    };
    if !(0.5..=2.0).contains(&args.rate) {
        anyhow::bail!("--rate {} is out of range: use 0.5 to 2.0 (1.0 is normal speed)", args.rate);
    }
    if let Some(r) = args.sample_rate {
        if !(4000..=96000).contains(&r) {
            anyhow::bail!("--sample-rate {r} is out of range: use 4000 to 96000 Hz");
        }
    }
    let speaker = Speaker::selected(args.voice.as_deref())?;
    let opts = SpeakOptions { rate: args.rate, sample_rate: args.sample_rate };
    let start = std::time::Instant::now();
    let audio = speaker.speak(&text, &opts)?;
    if audio.samples.is_empty() {
        anyhow::bail!("nothing to say: the text holds no words");
    }
    audio.write_wav(&args.output)?;
    eprintln!(
        "{}: {:.2} s of speech at {} Hz, voice {}, made in {:.0} ms",
        args.output.display(),
        audio.seconds(),
        audio.rate,
        speaker.voice_name(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
