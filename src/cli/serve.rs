//! `standardiste serve`.

/// Arguments of `standardiste serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste serve`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`serve` is not built yet")
}
