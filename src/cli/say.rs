//! `standardiste say`.

/// Arguments of `standardiste say`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste say`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`say` is not built yet")
}
