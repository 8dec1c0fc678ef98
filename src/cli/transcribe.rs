//! `standardiste transcribe`.

/// Arguments of `standardiste transcribe`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste transcribe`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`transcribe` is not built yet")
}
