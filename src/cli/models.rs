//! `standardiste models`.

/// Arguments of `standardiste models`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste models`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`models` is not built yet")
}
