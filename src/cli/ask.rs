//! `standardiste ask`.

/// Arguments of `standardiste ask`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste ask`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`ask` is not built yet")
}
