//! `standardiste calls`: the latest calls in the database, and how many messages wait.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::config::Config;
use crate::store::{CallRecord, Database, Store};

/// Arguments of `standardiste calls`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml) naming the database; built-in defaults without one.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// How many calls to list, newest first.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Only the calls for this town (`[[towns]] name`).
    #[arg(long)]
    pub town: Option<String>,
}

/// Opens the database a configuration names; it must exist (these commands only read it).
pub(crate) fn open_store(config: Option<&Path>) -> anyhow::Result<Store> {
    let config = match config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let database = config.store_database()?;
    if let Database::Sqlite(path) = &database {
        anyhow::ensure!(path.is_file(), "no database at {} (has the service run? is [store] path right?)", path.display());
    }
    Store::connect(&database, config.store_options()).context("cannot open the database")
}

/// A moment in the system's time zone, to the second.
pub(crate) fn local_time(t: Timestamp) -> String {
    t.to_zoned(TimeZone::system()).strftime("%Y-%m-%d %H:%M:%S").to_string()
}

fn row(c: &CallRecord, with_town: bool) -> String {
    let secs = (c.ended_at.as_second() - c.started_at.as_second()).max(0);
    let median = c.median_total_ms().map_or_else(|| "-".to_string(), |ms| format!("{:.2} s", ms as f64 / 1000.0));
    format!(
        "{:<19}  {:>5}:{:02}  {:<7}  {:<11}  {:>5}  {:>11}",
        local_time(c.started_at),
        secs / 60,
        secs % 60,
        c.channel.as_str(),
        c.outcome.as_str(),
        c.turns,
        median
    ) + &if with_town { format!("  {}", c.town.as_deref().unwrap_or("-")) } else { String::new() }
}

/// Runs `standardiste calls`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = open_store(args.config.as_deref())?;
    let mut calls = store.recent_calls(args.limit)?;
    if let Some(t) = &args.town {
        calls.retain(|c| c.town.as_deref() == Some(t.as_str()));
    }
    // A town column once calls carry their town (several towns in one service).
    let with_town = calls.iter().any(|c| c.town.is_some());
    if calls.is_empty() {
        println!("no calls recorded");
    } else {
        let town = if with_town { "  town" } else { "" };
        println!("{:<19}  {:>8}  {:<7}  {:<11}  {:>5}  {:>11}{town}", "started", "duration", "channel", "outcome", "turns", "median turn");
        for c in &calls {
            println!("{}", row(c, with_town));
        }
    }
    let open = store.messages(true)?.len();
    let plural = if open == 1 { "" } else { "s" };
    println!("{open} open message{plural} (standardiste messages)");
    Ok(())
}
