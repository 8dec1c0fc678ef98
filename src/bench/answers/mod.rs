//! `standardiste bench answers`: accuracy per intent, wrong facts, unknown handling, latency and
//! town loading time, on every evaluation set of `eval/sets.toml` (tuned and frozen sets reported
//! apart), written or spoken through the phone channel.

mod eval;
mod features;
mod report;
mod spelling;
pub mod spoken;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use serde::Deserialize;

pub use eval::{evaluate, evaluate_heard, parse_eval, Case, EvalFile, Hearings, Outcome, Report};
pub use report::generated_town;

use crate::answer::Town;

/// Arguments of `standardiste bench answers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One evaluation file instead of the sets of `eval/sets.toml`.
    #[arg(long)]
    pub eval: Option<PathBuf>,
    /// Town file for `--eval` (default: the embedded sample town).
    #[arg(long)]
    pub town: Option<PathBuf>,
    /// Only the sets whose name contains this.
    #[arg(long)]
    pub set: Option<String>,
    /// The list of evaluation sets.
    #[arg(long, default_value = "eval/sets.toml")]
    pub sets: PathBuf,
    /// Also speak every question (Pico, lower and slower than ours) through 8 kHz G.711 into
    /// Whisper, and answer what was heard.
    #[arg(long)]
    pub spoken: bool,
    /// Recognition threads for `--spoken`.
    #[arg(long, default_value_t = 2)]
    pub workers: usize,
    /// Print every failing question.
    #[arg(long)]
    pub failures: bool,
    /// Time each question once, without a warm-up run (faster, rougher latency figures).
    #[arg(long)]
    pub quick: bool,
    /// Write the FAQ chooser's candidates and features of every FAQ and unanswerable question to
    /// this file (tab-separated), to fit its weights on the tuned sets.
    #[arg(long)]
    pub faq_features: Option<PathBuf>,
    /// Write the FAQ phrasings' and the questions' sentence vectors of the tuned sets to this
    /// file, to fit the meaning adapter (`scripts/fit_adapter.py`).
    #[arg(long, conflicts_with = "faq_features")]
    pub faq_vectors: Option<PathBuf>,
}

/// The list of evaluation sets.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sets {
    #[serde(rename = "set")]
    sets: Vec<SetEntry>,
}

/// One evaluation set: a town and its questions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetEntry {
    /// Short name.
    pub name: String,
    /// Town file (relative to the repository root).
    pub town: PathBuf,
    /// Question file.
    pub questions: PathBuf,
    /// "tuned" (developers looked at it while tuning) or "frozen" (held out, written before tuning).
    pub status: String,
    /// When it was written (frozen sets).
    #[serde(default)]
    pub written: Option<String>,
}

/// Runs `standardiste bench answers`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let sets = match &args.eval {
        Some(e) => vec![SetEntry {
            name: e.display().to_string(),
            town: args.town.clone().unwrap_or_default(),
            questions: e.clone(),
            status: "given".into(),
            written: None,
        }],
        None => {
            let text = std::fs::read_to_string(&args.sets).with_context(|| format!("cannot read {}", args.sets.display()))?;
            let sets: Sets = toml::from_str(&text).with_context(|| format!("{}: invalid list of sets", args.sets.display()))?;
            sets.sets.into_iter().filter(|s| args.set.as_deref().is_none_or(|f| s.name.contains(f))).collect()
        }
    };
    let mut results = Vec::new();
    let create = |p: &Option<PathBuf>| -> anyhow::Result<_> {
        p.as_ref().map(|p| std::fs::File::create(p).map(std::io::BufWriter::new).with_context(|| format!("cannot write {}", p.display()))).transpose()
    };
    let mut features = create(&args.faq_features)?;
    let mut vectors = create(&args.faq_vectors)?;
    let runs = if args.quick { 1 } else { eval::TIMING_RUNS };
    for (i, set) in sets.iter().enumerate() {
        let town = Arc::new(load_town(&set.town)?);
        let text = std::fs::read_to_string(&set.questions).with_context(|| format!("cannot read {}", set.questions.display()))?;
        let eval = parse_eval(&text, &set.questions.display().to_string())?;
        if let Some(out) = features.as_mut() {
            features::write(out, set, &town, &eval, i == 0)?;
            continue;
        }
        if let Some(out) = vectors.as_mut() {
            features::write_vectors(out, set, &town, &eval)?;
            continue;
        }
        if !args.quick {
            evaluate(town.clone(), &eval)?; // warm-up
        }
        let written = evaluate_heard(town.clone(), &eval, None, runs)?;
        let spoken = if args.spoken {
            let questions: Vec<String> = eval.cases.iter().flat_map(|c| c.context.iter().chain(&c.questions)).cloned().collect();
            eprintln!("{}: speaking {} questions (cache {})…", set.name, questions.len(), spoken::cache_path().display());
            let first = spoken::hear_all(&town, &questions, args.workers, false)?;
            let once = evaluate_heard(town.clone(), &eval, Some(Hearings { first: &first, again: None }), 1)?;
            let mut unplaced = once.unplaced;
            unplaced.sort();
            unplaced.dedup();
            eprintln!("{}: hearing {} turns again, wider…", set.name, unplaced.len());
            let again = spoken::hear_all(&town, &unplaced, args.workers, true)?;
            Some(evaluate_heard(town.clone(), &eval, Some(Hearings { first: &first, again: Some(&again) }), 1)?)
        } else {
            None
        };
        report::print_set(set, &town, &written, spoken.as_ref(), args.failures);
        results.push((set.clone(), written, spoken));
    }
    if let Some(mut out) = features.or(vectors) {
        std::io::Write::flush(&mut out)?;
        return Ok(());
    }
    report::print_summary(&results);
    report::print_speed(&results, runs)?;
    Ok(())
}

fn load_town(path: &Path) -> anyhow::Result<Town> {
    if path.as_os_str().is_empty() {
        Ok(Town::sample())
    } else {
        Ok(Town::load(path)?)
    }
}
