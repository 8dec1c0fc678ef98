//! `standardiste chat`: a text conversation on stdin/stdout with the same core as a call.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crate::answer::{Action, Conversation};

/// Arguments of `standardiste chat`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Town file (default: the embedded sample town).
    #[arg(long)]
    pub town: Option<PathBuf>,
    /// A fixed moment for every turn, RFC 3339 (default: the real clock at each turn).
    #[arg(long)]
    pub now: Option<String>,
}

/// Runs `standardiste chat`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let town = super::ask::load_town(args.town.as_ref())?;
    let fixed = match &args.now {
        Some(s) => Some(super::ask::parse_now(Some(s))?),
        None => None,
    };
    let now = || fixed.unwrap_or_else(jiff::Timestamp::now);
    let mut conv = Conversation::new(Arc::new(town));
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "{}", conv.greeting(now()).answer)?;
    out.flush()?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let r = conv.reply(&line, now());
        writeln!(out, "{}", r.answer)?;
        match &r.action {
            Some(Action::Transfer { service, target }) => writeln!(out, "[transfert vers {service} : {target}]")?,
            Some(Action::TakeMessage) => writeln!(out, "[enregistrement d'un message]")?,
            Some(Action::SlowDown) => writeln!(out, "[débit ralenti]")?,
            Some(Action::HangUp) => {
                out.flush()?;
                return Ok(());
            }
            None => {}
        }
        out.flush()?;
    }
    Ok(())
}
