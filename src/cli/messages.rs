//! `standardiste messages`: the messages residents left for the clerks.

use std::path::PathBuf;

use jiff::Timestamp;

use super::calls::{local_time, open_store};
use crate::store::Message;

/// Arguments of `standardiste messages`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml) naming the database; built-in defaults without one.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// Also list the messages already marked done.
    #[arg(long)]
    pub all: bool,
    /// Mark this message (by its number) done, then list.
    #[arg(long, value_name = "NUMBER")]
    pub done: Option<i64>,
    /// Only the messages left for this town (`[[towns]] name`).
    #[arg(long)]
    pub town: Option<String>,
}

fn print(m: &Message) {
    let state = match m.done_at {
        Some(t) => format!("done {}", local_time(t)),
        None => "open".to_string(),
    };
    let service = m.message.service.as_deref().unwrap_or("-");
    let town = m.message.town.as_deref().map(|t| format!("  town: {t}")).unwrap_or_default();
    println!("#{}  {}  {}  service: {}{town}", m.id, local_time(m.message.created_at), state, service);
    let name = m.message.caller_name.as_deref().unwrap_or("(no name)");
    let number = m.message.callback_number.as_deref().unwrap_or("(no number)");
    println!("    {name}, {number}");
    println!("    « {} »", m.message.transcript.trim());
}

/// Runs `standardiste messages`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = open_store(args.config.as_deref())?;
    if let Some(id) = args.done {
        anyhow::ensure!(store.mark_message_done(id, Timestamp::now())?, "no open message #{id}");
        println!("message #{id} marked done");
    }
    let mut messages = store.messages(!args.all)?;
    if let Some(t) = &args.town {
        messages.retain(|m| m.message.town.as_deref() == Some(t.as_str()));
    }
    if messages.is_empty() {
        println!("{}", if args.all { "no messages" } else { "no open messages" });
    }
    for m in &messages {
        print(m);
    }
    Ok(())
}
