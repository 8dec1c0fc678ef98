//! `standardiste clerk`: the clerks' accounts for the desk (`/admin`): add (or set a new
//! password), list, remove. The password is read from the terminal twice (not echoed), or as
//! the first line of a pipe.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use anyhow::Context;
use jiff::Timestamp;

use crate::config::Config;
use crate::store::Store;
use crate::web::admin::password::hash_password;

/// Arguments of `standardiste clerk`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml) naming the database; built-in defaults without one.
    #[arg(long, short, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with the accounts.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Create an account, or set a new password for an existing one.
    Add {
        /// The log-in name (letters, digits, '.', '-' or '_').
        name: String,
    },
    /// List the accounts.
    List,
    /// Delete an account.
    Remove {
        /// The log-in name.
        name: String,
    },
}

/// Whether a log-in name is acceptable: 1 to 64 letters, digits, '.', '-' or '_'.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.chars().count()) && name.chars().all(|c| c.is_alphanumeric() || ".-_".contains(c))
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Mot de passe (12 caractères au moins) : ")?;
        let second = rpassword::prompt_password("Le même mot de passe, encore : ")?;
        anyhow::ensure!(first == second, "the two passwords differ: nothing changed");
        return Ok(first);
    }
    let mut lines = std::io::stdin().lock().lines();
    let first = lines.next().transpose()?.context("no password on standard input")?;
    // A second line, when piped, must repeat the first.
    if let Some(second) = lines.next().transpose()?.filter(|l| !l.is_empty()) {
        anyhow::ensure!(first == second, "the two passwords differ: nothing changed");
    }
    Ok(first)
}

/// Runs `standardiste clerk`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let path = config.store_path();
    let open = || Store::open(&path, config.store_options()).with_context(|| format!("cannot open the database {}", path.display()));
    match args.action {
        Action::Add { name } => {
            anyhow::ensure!(valid_name(&name), "clerk name {name:?}: use 1 to 64 letters, digits, '.', '-' or '_'");
            let password = read_password()?;
            let hash = hash_password(&password)?;
            let new = open()?.set_clerk(&name, &hash, Timestamp::now())?;
            println!("{} {name}", if new { "clerk added:" } else { "new password set for clerk" });
        }
        Action::List => {
            let clerks = open()?.clerks()?;
            if clerks.is_empty() {
                println!("no clerks: add one with `standardiste clerk add NAME`");
            }
            for c in clerks {
                println!("{}  (password set {})", c.name, super::calls::local_time(c.created_at));
            }
        }
        Action::Remove { name } => {
            anyhow::ensure!(open()?.remove_clerk(&name)?, "no clerk named {name:?}");
            println!("clerk removed: {name}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("martine.dupont"));
        assert!(valid_name("agent_2"));
        assert!(!valid_name(""));
        assert!(!valid_name("a b"));
        assert!(!valid_name("x<y"));
    }
}
