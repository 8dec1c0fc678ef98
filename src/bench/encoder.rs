//! `standardiste bench encoder`: time to embed one spoken question with the sentence encoder
//! (`answer::encoder`), on one thread, for each engine build this CPU runs; references measured in
//! the same run: the tokeniser alone, and today's answering core (no encoder) on the same questions.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use crate::answer::encoder::{default_path, Encoder, Kernel};
use crate::answer::{Conversation, Town};

/// Arguments of `standardiste bench encoder`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Evaluation file whose questions are embedded (default: eval/answers-sample.toml).
    #[arg(long)]
    pub eval: Option<PathBuf>,
    /// Model file (default: models/e5-small-q4.bin).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Number of questions timed (the file's questions, repeated if it has fewer).
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
}

/// Mean, median and 99th percentile of a set of times, in milliseconds.
#[derive(Debug, Clone, Copy)]
struct Stats {
    mean: f64,
    p50: f64,
    p99: f64,
}

fn stats(mut ms: Vec<f64>) -> Stats {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    Stats { mean: ms.iter().sum::<f64>() / ms.len() as f64, p50: at(0.5), p99: at(0.99) }
}

/// Times `f` on every question, one after the other on this thread, in milliseconds.
fn time_each(questions: &[String], mut f: impl FnMut(&str)) -> Vec<f64> {
    time_each_cpu(questions, &mut f).0
}

/// Wall-clock and this thread's CPU times of `f` on every question, in milliseconds. The CPU time
/// is what one question costs a core, whatever else the machine runs (Linux; else empty).
fn time_each_cpu(questions: &[String], mut f: impl FnMut(&str)) -> (Vec<f64>, Vec<f64>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for q in questions {
        let (t0, c0) = (Instant::now(), thread_cpu_ms());
        f(q);
        wall.push(t0.elapsed().as_secs_f64() * 1e3);
        if let (Some(c0), Some(c1)) = (c0, thread_cpu_ms()) {
            cpu.push(c1 - c0);
        }
    }
    (wall, cpu)
}

/// This thread's CPU time in milliseconds (`CLOCK_THREAD_CPUTIME_ID`).
#[cfg(target_os = "linux")]
fn thread_cpu_ms() -> Option<f64> {
    #[repr(C)]
    struct Timespec {
        sec: std::ffi::c_long,
        nsec: std::ffi::c_long,
    }
    extern "C" {
        fn clock_gettime(clock: std::ffi::c_int, ts: *mut Timespec) -> std::ffi::c_int;
    }
    const CLOCK_THREAD_CPUTIME_ID: std::ffi::c_int = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: a valid clock id and a valid out-pointer.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| ts.sec as f64 * 1e3 + ts.nsec as f64 / 1e6)
}

/// This thread's CPU time: not measured on this system.
#[cfg(not(target_os = "linux"))]
fn thread_cpu_ms() -> Option<f64> {
    None
}

/// Runs `standardiste bench encoder`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let eval_path = args.eval.clone().unwrap_or_else(|| PathBuf::from("eval/answers-sample.toml"));
    let text = std::fs::read_to_string(&eval_path).with_context(|| format!("cannot read {}", eval_path.display()))?;
    let eval = super::answers::parse_eval(&text, &eval_path.display().to_string())?;
    let mut distinct: Vec<String> = Vec::new();
    for q in eval.cases.iter().flat_map(|c| &c.questions) {
        if !distinct.contains(q) {
            distinct.push(q.clone());
        }
    }
    anyhow::ensure!(!distinct.is_empty(), "{}: no questions", eval_path.display());
    let questions: Vec<String> = distinct.iter().cycle().take(args.queries.max(1)).cloned().collect();
    let model = args.model.clone().unwrap_or_else(default_path);

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").ok().and_then(|s| s.split_whitespace().next().map(str::to_string)).unwrap_or_else(|| "?".into());
    println!(
        "{} questions ({} distinct, {}), one thread; machine: {cores} cores, load average {load} (a busy machine inflates every time below)",
        questions.len(),
        distinct.len(),
        eval_path.display()
    );
    println!("model: {}", model.display());

    let kernels: Vec<Kernel> = [Kernel::Generic, Kernel::Avx2].into_iter().filter(|k| k.available()).collect();
    let mut results: Vec<(Kernel, Stats, Option<Stats>)> = Vec::new();
    let mut tokens = 0usize;
    let mut tokenise = None;
    for &kernel in &kernels {
        let t0 = Instant::now();
        let enc = Encoder::load_with(&model, kernel)?;
        let load_ms = t0.elapsed().as_secs_f64() * 1e3;
        for q in questions.iter().take(10) {
            std::hint::black_box(enc.embed_query(q));
        }
        let (wall, cpu) = time_each_cpu(&questions, |q| {
            std::hint::black_box(enc.embed_query(q));
        });
        let s = stats(wall);
        let c = (!cpu.is_empty()).then(|| stats(cpu));
        println!("encoder [{kernel:>7}]  wall  mean {:6.2} ms  p50 {:6.2} ms  p99 {:6.2} ms per question   (load {load_ms:.0} ms)", s.mean, s.p50, s.p99);
        if let Some(c) = c {
            println!("encoder [{kernel:>7}]  CPU   mean {:6.2} ms  p50 {:6.2} ms  p99 {:6.2} ms per question   (this thread's CPU time)", c.mean, c.p50, c.p99);
        }
        results.push((kernel, s, c));
        if tokenise.is_none() {
            tokens = questions.iter().map(|q| enc.query_tokens(q)).sum();
            tokenise = Some(stats(time_each(&questions, |q| {
                std::hint::black_box(enc.query_tokens(q));
            })));
        }
    }
    let (best_kernel, best, best_cpu) = *results.last().expect("the generic kernel always runs");
    println!("tokens per question (with `query: `, <s>, </s>): {:.1} on average", tokens as f64 / questions.len() as f64);
    if let Some(t) = tokenise {
        println!(
            "reference: tokeniser alone   mean {:6.3} ms per question — the encoder [{best_kernel}] costs {:.0}× that",
            t.mean,
            best.mean / t.mean.max(1e-6)
        );
    }
    if let [(_, generic, _), (_, avx2, _)] = results[..] {
        println!("reference: generic build     the AVX2+FMA build is {:.2}× faster (mean), {:.2}× (p99)", generic.mean / avx2.mean, generic.p99 / avx2.p99);
    }

    // Today's answering core on the same questions (fresh conversation each, sample town).
    let town = Arc::new(Town::sample());
    let now: jiff::Timestamp = eval.now.parse().context("bad `now` in the evaluation file")?;
    let answer = |q: &str| {
        std::hint::black_box(Conversation::new(town.clone()).reply(q, now));
    };
    time_each(&questions, answer);
    let (core_wall, core_cpu) = time_each_cpu(&questions, answer);
    let core = stats(core_wall);
    println!("reference: answering core    wall mean {:6.3} ms  p99 {:6.3} ms per question (no encoder)", core.mean, core.p99);
    let budget = 50.0;
    // Sums of p99s: an upper bound of the p99 of the sum.
    let mut line = format!(
        "encoder [{best_kernel}] + answering core, sum of p99s: wall {:.1} ms ({:.2}× the {budget:.0} ms budget)",
        best.p99 + core.p99,
        (best.p99 + core.p99) / budget
    );
    if let (Some(e), false) = (best_cpu, core_cpu.is_empty()) {
        let c = stats(core_cpu);
        line.push_str(&format!(", CPU {:.1} ms ({:.2}×)", e.p99 + c.p99, (e.p99 + c.p99) / budget));
    }
    println!("{line}; issue target 30–45 ms per question on one core");
    Ok(())
}
