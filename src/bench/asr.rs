//! `standardiste bench asr`: WER, latency and real-time factor of our Whisper call on Debian's French
//! telephone prompts, against the naive full-window whisper.cpp call and faster-whisper (same model,
//! CTranslate2) measured in the same run.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};

use crate::speech::asr::{AsrOptions, Recognizer};
use crate::speech::audio::Audio;
use crate::speech::corpus::{self, Clip};
use crate::speech::wer::{word_errors, WordErrors};

/// Arguments of `standardiste bench asr`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of prompt clips (spread evenly over the corpus).
    #[arg(long, default_value_t = 100)]
    pub clips: usize,
    /// Also run faster-whisper (int8 and float32) on the same CTranslate2 model (needs scripts/bench-deps.sh).
    #[arg(long)]
    pub compare_faster_whisper: bool,
    /// Skip the naive full-window whisper.cpp reference.
    #[arg(long)]
    pub no_naive: bool,
    /// ggml model (default: discovered as for `transcribe`).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// ggml model for the naive reference (default: the same model).
    #[arg(long)]
    pub naive_model: Option<PathBuf>,
    /// CTranslate2 model directory for faster-whisper.
    #[arg(long, default_value = ".cache/whisper-base-ct2")]
    pub ct2: PathBuf,
    /// Python interpreter with faster-whisper installed.
    #[arg(long, default_value = ".cache/bench-venv/bin/python")]
    pub python: PathBuf,
    /// Threads for every system (default: all available cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Print every clip's reference and hypothesis.
    #[arg(long)]
    pub verbose_clips: bool,
}

/// One system's results over the clips.
struct Run {
    name: String,
    texts: Vec<String>,
    seconds: Vec<f64>,
}

/// Summary figures of one run.
struct Summary {
    wer: f64,
    p50: f64,
    p95: f64,
    p50_short: f64,
    p95_short: f64,
    rtf: f64,
    mean: f64,
}

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let rank = (p / 100.0 * (s.len() - 1) as f64).round() as usize;
    s[rank.min(s.len() - 1)]
}

fn summarise(run: &Run, clips: &[Clip], durations: &[f64]) -> Summary {
    let errs: WordErrors = clips.iter().zip(&run.texts).map(|(c, t)| word_errors(&c.text, t)).sum();
    let short: Vec<f64> = run.seconds.iter().zip(durations).filter(|(_, &d)| d <= 6.0).map(|(s, _)| *s).collect();
    let total: f64 = run.seconds.iter().sum();
    Summary {
        wer: errs.rate(),
        p50: percentile(&run.seconds, 50.0),
        p95: percentile(&run.seconds, 95.0),
        p50_short: percentile(&short, 50.0),
        p95_short: percentile(&short, 95.0),
        rtf: total / durations.iter().sum::<f64>(),
        mean: total / run.seconds.len().max(1) as f64,
    }
}

/// Our recogniser: fitted audio_ctx, one reused state, greedy, guards.
fn run_ours(rec: &Recognizer, audios: &[Audio], threads: usize) -> anyhow::Result<Run> {
    let mut stream = rec.stream(AsrOptions { threads, ..Default::default() })?;
    stream.transcribe(&audios[0])?; // warm-up: first call allocates the compute buffers
    let mut run = Run { name: "standardiste".into(), texts: vec![], seconds: vec![] };
    for (i, a) in audios.iter().enumerate() {
        let t = Instant::now();
        let tr = stream.transcribe(a)?;
        run.seconds.push(t.elapsed().as_secs_f64());
        run.texts.push(tr.text);
        eprint!("\r  standardiste {}/{}", i + 1, audios.len());
    }
    eprintln!();
    Ok(run)
}

/// The naive whisper.cpp call: default parameters (greedy best-of-5, temperature fallback, timestamps,
/// full 30 s window), language forced to French, same threads, one reused state.
#[cfg(feature = "whisper")]
fn run_naive(model: &Path, audios: &[Audio], threads: usize) -> anyhow::Result<Run> {
    use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};
    whisper_rs::install_logging_hooks();
    let ctx = WhisperContext::new_with_params(model, WhisperContextParameters::default())?;
    let mut state = ctx.create_state()?;
    let mut once = |a: &Audio| -> anyhow::Result<String> {
        let pcm = a.resampled(16000)?.samples;
        let mut p = FullParams::new(SamplingStrategy::Greedy { best_of: 5 });
        p.set_language(Some("fr"));
        p.set_n_threads(threads as i32);
        p.set_print_progress(false);
        p.set_print_realtime(false);
        p.set_print_special(false);
        p.set_print_timestamps(false);
        state.full(p, &pcm)?;
        let mut text = String::new();
        for seg in state.as_iter() {
            text.push_str(&seg.to_str_lossy()?);
        }
        Ok(text.trim().to_string())
    };
    once(&audios[0])?;
    let mut run = Run { name: "whisper.cpp naive".into(), texts: vec![], seconds: vec![] };
    for (i, a) in audios.iter().enumerate() {
        let t = Instant::now();
        let text = once(a)?;
        run.seconds.push(t.elapsed().as_secs_f64());
        run.texts.push(text);
        eprint!("\r  naive {}/{}", i + 1, audios.len());
    }
    eprintln!();
    Ok(run)
}

#[cfg(not(feature = "whisper"))]
fn run_naive(_model: &Path, _audios: &[Audio], _threads: usize) -> anyhow::Result<Run> {
    bail!("built without the `whisper` feature")
}

/// faster-whisper through scripts/bench/faster_whisper_bench.py, on 16 kHz copies of the clips.
fn run_faster_whisper(args: &Args, audios: &[Audio], threads: usize) -> anyhow::Result<Vec<Run>> {
    if !args.python.exists() {
        bail!("{} missing: run `scripts/bench-deps.sh` (installs faster-whisper from PyPI)", args.python.display());
    }
    if !args.ct2.join("model.bin").exists() {
        bail!("{}: no CTranslate2 model; run `scripts/install.sh`", args.ct2.display());
    }
    let dir = std::env::temp_dir().join(format!("standardiste-bench-asr-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut paths = Vec::new();
    for (i, a) in audios.iter().enumerate() {
        let p = dir.join(format!("{i:04}.wav"));
        a.resampled(16000)?.write_wav(&p)?;
        paths.push(p.to_string_lossy().into_owned());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench/faster_whisper_bench.py");
    let mut child = std::process::Command::new(&args.python)
        .arg(&script)
        .arg(&args.ct2)
        .arg(threads.to_string())
        .args(["int8", "float32"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", args.python.display()))?;
    serde_json::to_writer(child.stdin.take().context("stdin")?, &paths)?;
    let out = child.wait_with_output()?;
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        bail!("faster-whisper script failed ({})", out.status);
    }
    let mut runs = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let results = v["results"].as_array().context("results")?;
        runs.push(Run {
            name: format!("faster-whisper {}", v["compute_type"].as_str().unwrap_or("?")),
            texts: results.iter().map(|r| r["text"].as_str().unwrap_or("").to_string()).collect(),
            seconds: results.iter().map(|r| r["seconds"].as_f64().unwrap_or(f64::NAN)).collect(),
        });
    }
    Ok(runs)
}

/// Runs `standardiste bench asr`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let all = corpus::load_default()?;
    let clips = corpus::spread(&all, args.clips.max(1));
    let audios: Vec<Audio> = clips.iter().map(|c| Audio::read_wav(&c.wav)).collect::<Result<_, _>>()?;
    let durations: Vec<f64> = audios.iter().map(Audio::seconds).collect();
    let threads = match args.threads {
        0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        n => n,
    };
    let model = match &args.model {
        Some(p) => p.clone(),
        None => crate::assets::whisper_model()?,
    };
    println!(
        "bench asr: {} clips ({} ≤ 6 s) of {} Debian French prompts, {:.1} s of audio, mean {:.2} s; model {}; {} threads",
        clips.len(),
        durations.iter().filter(|&&d| d <= 6.0).count(),
        all.len(),
        durations.iter().sum::<f64>(),
        durations.iter().sum::<f64>() / durations.len() as f64,
        model.display(),
        threads
    );
    #[cfg(feature = "whisper")]
    println!("whisper.cpp: {}", whisper_rs::print_system_info().trim());
    let rec = Recognizer::load(&model)?;
    let mut runs = vec![run_ours(&rec, &audios, threads)?];
    drop(rec);
    if !args.no_naive {
        let naive_model = args.naive_model.clone().unwrap_or_else(|| model.clone());
        if naive_model != model {
            println!("naive reference model: {}", naive_model.display());
        }
        runs.push(run_naive(&naive_model, &audios, threads)?);
    }
    if args.compare_faster_whisper {
        match run_faster_whisper(&args, &audios, threads) {
            Ok(r) => runs.extend(r),
            Err(e) => println!("faster-whisper: not run: {e:#}"),
        }
    }
    if args.verbose_clips {
        for (i, c) in clips.iter().enumerate() {
            println!("{} ({:.1} s): {}", c.name, durations[i], c.text);
            for r in &runs {
                println!("  {:<24} {:.3} s  {}", r.name, r.seconds[i], r.texts[i]);
            }
        }
    }
    let sums: Vec<Summary> = runs.iter().map(|r| summarise(r, &clips, &durations)).collect();
    println!("\n{:<24} {:>7} {:>8} {:>8} {:>10} {:>10} {:>8} {:>7}", "system", "WER", "p50 s", "p95 s", "p50 ≤6s", "p95 ≤6s", "mean s", "RTF");
    for (r, s) in runs.iter().zip(&sums) {
        println!(
            "{:<24} {:>6.1}% {:>8.3} {:>8.3} {:>10.3} {:>10.3} {:>8.3} {:>7.3}",
            r.name,
            s.wer * 100.0,
            s.p50,
            s.p95,
            s.p50_short,
            s.p95_short,
            s.mean,
            s.rtf
        );
    }
    let ours = &sums[0];
    println!();
    for (r, s) in runs.iter().zip(&sums).skip(1) {
        println!(
            "{} / standardiste: p50 {:.2}×, mean {:.2}×, p50 ≤6s {:.2}×; WER {:+.1} points",
            r.name,
            s.p50 / ours.p50,
            s.mean / ours.mean,
            s.p50_short / ours.p50_short,
            (s.wer - ours.wer) * 100.0
        );
    }
    Ok(())
}
