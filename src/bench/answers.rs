//! `standardiste bench answers`.

/// Arguments of `standardiste bench answers`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste bench answers`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`bench answers` is not built yet")
}
