//! `standardiste bench tts`.

/// Arguments of `standardiste bench tts`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste bench tts`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`bench tts` is not built yet")
}
