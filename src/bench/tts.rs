//! `standardiste bench tts`: time to first audio and real-time factor per voice, against the raw
//! engine and the espeak-ng command measured in the same run; round-trip intelligibility through
//! the phone channel (G.711 µ-law, 8 kHz) and the project's own recogniser.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::speech::tts::{list_voices, normalize::normalize, SpeakOptions, Speaker, Synthesizer};

/// Town-style sentences for the round trip (one per line, `#` comments).
const SENTENCES: &str = include_str!("tts_sentences.txt");

/// The 3-sentence answer used for the latency figures.
const ANSWER: &str = "La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h. \
                      Le samedi matin, l'accueil est ouvert de 9h à 12h. \
                      Pour une carte d'identité, prenez rendez-vous au 03 29 64 12 30.";

/// Arguments of `standardiste bench tts`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Runs per measurement (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Speaking rate for the round trip (1.0 normal).
    #[arg(long, default_value_t = 1.0)]
    pub rate: f32,
    /// Voice for the round trip (default: the default voice, Pico).
    #[arg(long)]
    pub voice: Option<String>,
    /// Only the first N sentences of the round trip.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Skip the round-trip intelligibility part (timings only).
    #[arg(long)]
    pub no_roundtrip: bool,
}

/// The benchmark's sentences.
pub fn sentences() -> Vec<&'static str> {
    SENTENCES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `standardiste bench tts`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let runs = args.runs.max(1);
    let opts = SpeakOptions { rate: 1.0, sample_rate: Some(8000) };
    println!("bench tts: 3-sentence answer ({} chars), {runs} runs, median; output 8 kHz", ANSWER.len());

    // Reference 1: the espeak-ng command (formant synthesis, process start included).
    let espeak = time_espeak(runs);
    match espeak {
        Some(d) => println!("  reference espeak-ng -v fr (whole answer, process): {:.1} ms", ms(d)),
        None => println!("  reference espeak-ng: not available"),
    }

    let mut voices = vec!["pico".to_owned()];
    voices.extend(list_voices().into_iter().filter(|v| v.engine == "piper").map(|v| v.name));
    println!(
        "  {:<22} {:>10} {:>10} {:>9} {:>8} {:>10} {:>12}",
        "voice", "first(ms)", "total(ms)", "audio(s)", "RTF", "raw(ms)", "vs espeak-ng"
    );
    for name in &voices {
        let speaker = match Speaker::with_voice(name) {
            Ok(s) => s,
            Err(e) => {
                println!("  {name:<22} skipped: {e}");
                continue;
            }
        };
        // Warm-up (loads lazily initialised runtimes).
        speaker.speak("Bonjour.", &opts).with_context(|| format!("voice {name}"))?;
        let (mut first, mut total, mut secs) = (Vec::new(), Vec::new(), 0.0);
        for _ in 0..runs {
            let t = Instant::now();
            let mut it = speaker.sentences(ANSWER, &opts);
            let a = it.next().context("no audio")??;
            first.push(t.elapsed());
            let mut s = a.seconds();
            for part in it {
                s += part?.seconds();
            }
            total.push(t.elapsed());
            secs = s;
        }
        let raw = time_raw_engine(name, runs)?;
        let total = median(total);
        let vs = espeak.map(|e| format!("{:.2}×", total.as_secs_f64() / e.as_secs_f64())).unwrap_or_default();
        println!(
            "  {:<22} {:>10.1} {:>10.1} {:>9.2} {:>8.3} {:>10.1} {:>12}",
            name,
            ms(median(first)),
            ms(total),
            secs,
            total.as_secs_f64() / secs,
            ms(raw),
            vs
        );
    }
    println!("  first = time to the first sentence's audio; RTF = synthesis time / audio time;");
    println!("  raw = the engine alone on the normalised answer (no levelling, resampling, pauses).");

    if args.no_roundtrip {
        return Ok(());
    }
    roundtrip(&args)
}

/// Median time for the bare engine to speak the normalised answer in one call.
fn time_raw_engine(name: &str, runs: usize) -> anyhow::Result<Duration> {
    let text = normalize(ANSWER);
    let engine: Box<dyn Synthesizer> = if name == "pico" {
        Box::new(crate::speech::tts::pico::Pico::french()?)
    } else {
        #[cfg(feature = "piper")]
        {
            let model = crate::speech::tts::voices::resolve_piper(name)?;
            Box::new(crate::speech::tts::piper::PiperVoice::load(&model)?)
        }
        #[cfg(not(feature = "piper"))]
        anyhow::bail!("piper feature not built")
    };
    engine.synthesize(&text)?;
    let mut t = Vec::new();
    for _ in 0..runs {
        let s = Instant::now();
        engine.synthesize(&text)?;
        t.push(s.elapsed());
    }
    Ok(median(t))
}

fn time_espeak(runs: usize) -> Option<Duration> {
    let out = std::env::temp_dir().join(format!("bench-espeak-{}.wav", std::process::id()));
    let mut t = Vec::new();
    for _ in 0..runs {
        let s = Instant::now();
        let ok = std::process::Command::new("espeak-ng")
            .args(["-v", "fr", "-w"])
            .arg(&out)
            .arg(ANSWER)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?
            .success();
        if !ok {
            return None;
        }
        t.push(s.elapsed());
    }
    let _ = std::fs::remove_file(out);
    Some(median(t))
}

#[cfg(not(feature = "whisper"))]
fn roundtrip(_args: &Args) -> anyhow::Result<()> {
    println!("round trip: skipped (this binary was built without the `whisper` feature)");
    Ok(())
}

#[cfg(feature = "whisper")]
fn roundtrip(_args: &Args) -> anyhow::Result<()> {
    anyhow::bail!("round trip: the recogniser (speech::asr) is not on this branch yet; use --no-roundtrip")
}
