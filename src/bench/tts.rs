//! `standardiste bench tts`: time to first audio and real-time factor per voice, against the raw
//! engine and the espeak-ng command measured in the same run; round-trip intelligibility through
//! the phone channel (G.711 µ-law, 8 kHz) and the project's own recogniser.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::speech::tts::{list_voices, normalize::normalize, SpeakOptions, Speaker, Synthesizer};

/// Town-style sentences for the round trip (one per line, `#` comments).
const SENTENCES: &str = include_str!("tts_sentences.txt");

/// Other towns' sentences, written before the synthesis chain was tuned: a check against over-fitting.
const HELDOUT: &str = include_str!("tts_sentences_heldout.txt");

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
    /// Skip the timings (round trip only).
    #[arg(long)]
    pub no_timings: bool,
    /// Sentence set for the round trip: the tuning set, the held-out set, or both.
    #[arg(long, value_enum, default_value_t = Set::Both)]
    pub set: Set,
    /// Channel for the round trip: the phone (8 kHz G.711 µ-law), 16 kHz without G.711, or both.
    #[arg(long, value_enum, default_value_t = Channel::Phone)]
    pub channel: Channel,
    /// Decode with Whisper's full 30 s window instead of the context fitted to the utterance.
    #[arg(long)]
    pub full_window: bool,
    /// Recogniser threads for the round trip (0 = all cores; 1 is faster on a busy machine).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Which sentences the round trip speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Set {
    /// `tts_sentences.txt` (the sentences the chain was tuned on).
    Main,
    /// `tts_sentences_heldout.txt` (other towns' sentences, never tuned on).
    Heldout,
    /// Both sets, each scored on its own.
    Both,
}

/// What carries the speech from the voice to the recogniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Channel {
    /// 8 kHz through G.711 µ-law, as a phone call.
    Phone,
    /// 16 kHz straight to the recogniser (the voice's own loss, without the channel's).
    Wide,
    /// Both channels, each scored on its own.
    Both,
}

fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The benchmark's tuning sentences.
pub fn sentences() -> Vec<&'static str> {
    lines(SENTENCES)
}

/// The benchmark's held-out sentences.
pub fn heldout_sentences() -> Vec<&'static str> {
    lines(HELDOUT)
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
    if !args.no_timings {
        timings(&args)?;
    }
    if args.no_roundtrip {
        return Ok(());
    }
    roundtrip(&args)
}

fn timings(args: &Args) -> anyhow::Result<()> {
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
    println!("  {:<22} {:>10} {:>10} {:>9} {:>8} {:>10} {:>12}", "voice", "first(ms)", "total(ms)", "audio(s)", "RTF", "raw(ms)", "vs espeak-ng");
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
    Ok(())
}

/// Median time for the bare engine to speak the normalised answer in one call.
fn time_raw_engine(name: &str, runs: usize) -> anyhow::Result<Duration> {
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
    let text = crate::speech::tts::normalize::normalize_with(ANSWER, engine.numbers());
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
        let ok =
            std::process::Command::new("espeak-ng").args(["-v", "fr", "-w"]).arg(&out).arg(ANSWER).stderr(std::process::Stdio::null()).status().ok()?.success();
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

/// 8 kHz audio through G.711 µ-law and back (or 16 kHz audio as it is), with the silence the
/// endpointer leaves around an utterance (0.3 s before, 0.5 s after), at 16 kHz for the recogniser.
#[cfg(feature = "whisper")]
fn carry(a: &crate::speech::audio::Audio, phone: bool) -> anyhow::Result<crate::speech::audio::Audio> {
    use crate::media::g711::{linear_to_ulaw, ulaw_to_linear};
    use crate::speech::audio::Audio;
    let pad = |s: f32| vec![0.0f32; (s * a.rate as f32) as usize];
    let mut samples = pad(0.3);
    samples.extend_from_slice(&a.samples);
    samples.extend(pad(0.5));
    let padded = Audio::new(a.rate, samples);
    if !phone {
        return Ok(padded.resampled(16000)?);
    }
    let decoded: Vec<i16> = padded.to_i16().into_iter().map(|s| ulaw_to_linear(linear_to_ulaw(s))).collect();
    Ok(Audio::from_i16(a.rate, &decoded).resampled(16000)?)
}

/// Round-trip WER for each chosen set and channel: each sentence spoken (8 kHz through G.711, or
/// 16 kHz as it is) and read back by Whisper. Both the sentence and the transcript go through the
/// speech normaliser before scoring, so "8h30" and "huit heures trente" count as the same words.
#[cfg(feature = "whisper")]
fn roundtrip(args: &Args) -> anyhow::Result<()> {
    use crate::speech::asr::{AsrOptions, Recognizer};

    let speaker = Speaker::selected(args.voice.as_deref())?;
    let rec = Recognizer::load_default()?;
    let mut stream = rec.stream(AsrOptions { full_window: args.full_window, threads: args.threads, ..Default::default() })?;
    let sets: Vec<(&str, Vec<&str>)> = match args.set {
        Set::Main => vec![("main", sentences())],
        Set::Heldout => vec![("held-out", heldout_sentences())],
        Set::Both => vec![("main", sentences()), ("held-out", heldout_sentences())],
    };
    let channels: &[bool] = match args.channel {
        Channel::Phone => &[true],
        Channel::Wide => &[false],
        Channel::Both => &[true, false],
    };
    println!(
        "round trip: voice {}, rate {}, Whisper {} ({})",
        speaker.voice_name(),
        args.rate,
        if args.full_window { "full 30 s window" } else { "fitted context" },
        rec.model_path().display()
    );
    let mut summary = Vec::new();
    for &phone in channels {
        for (name, list) in &sets {
            let mut list = list.clone();
            if let Some(n) = args.limit {
                list.truncate(n);
            }
            let channel = if phone { "phone 8 kHz G.711 µ-law" } else { "wide 16 kHz" };
            let line = roundtrip_set(&speaker, &mut stream, &list, args.rate, phone)?;
            println!("  [{name}, {channel}] {line}");
            summary.push(format!("{name:<9} {channel:<24} {line}"));
        }
    }
    println!("round-trip summary:");
    for l in summary {
        println!("  {l}");
    }
    Ok(())
}

#[cfg(feature = "whisper")]
fn roundtrip_set(speaker: &Speaker, stream: &mut crate::speech::asr::AsrStream, list: &[&str], rate: f32, phone: bool) -> anyhow::Result<String> {
    use crate::speech::wer::{word_errors, WordErrors};

    let opts = SpeakOptions { rate, sample_rate: Some(if phone { 8000 } else { 16000 }) };
    let mut total = WordErrors::default();
    let mut raw_total = WordErrors::default();
    let mut worst: Vec<(f64, &str, String)> = Vec::new();
    for s in list {
        let audio = carry(&speaker.speak(s, &opts)?, phone)?;
        let heard = stream.transcribe(&audio)?.text;
        let e = word_errors(&normalize(s), &normalize(&heard));
        raw_total = raw_total + word_errors(s, &heard);
        worst.push((e.rate(), s, heard));
        total = total + e;
    }
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (rate, s, heard) in worst.iter().take(8).filter(|w| w.0 > 0.0) {
        println!("  {:5.1} %  {s}\n          heard: {heard}", rate * 100.0);
    }
    Ok(format!(
        "{} sentences: WER {:.1} % ({} errors / {} words), scored after the speech normaliser; {:.1} % with the ASR normaliser alone",
        list.len(),
        total.rate() * 100.0,
        total.errors,
        total.reference_words,
        raw_total.rate() * 100.0
    ))
}
