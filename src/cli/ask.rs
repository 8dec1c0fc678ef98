//! `standardiste ask`: one question, one answer.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use crate::answer::{Conversation, Town};

/// Arguments of `standardiste ask`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Town file (default: the embedded sample town).
    #[arg(long)]
    pub town: Option<PathBuf>,
    /// The moment of the question, RFC 3339 (default: now).
    #[arg(long)]
    pub now: Option<String>,
    /// Print one JSON object instead of the answer text.
    #[arg(long)]
    pub json: bool,
    /// The question.
    pub question: String,
}

/// Loads the town given on the command line, or the sample.
pub fn load_town(path: Option<&PathBuf>) -> anyhow::Result<Town> {
    match path {
        Some(p) => Ok(Town::load(p)?),
        None => Ok(Town::sample()),
    }
}

/// Parses an RFC 3339 instant, or returns the current one.
pub fn parse_now(now: Option<&str>) -> anyhow::Result<jiff::Timestamp> {
    match now {
        Some(s) => s.parse::<jiff::Timestamp>().with_context(|| format!("--now: `{s}` is not an RFC 3339 instant (e.g. 2026-07-14T10:00:00+02:00)")),
        None => Ok(jiff::Timestamp::now()),
    }
}

/// Runs `standardiste ask`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let town = load_town(args.town.as_ref())?;
    let now = parse_now(args.now.as_deref())?;
    let mut conv = Conversation::new(Arc::new(town));
    let reply = conv.reply(&args.question, now);
    if args.json {
        println!("{}", serde_json::to_string(&reply)?);
    } else {
        println!("{}", reply.answer);
    }
    Ok(())
}
