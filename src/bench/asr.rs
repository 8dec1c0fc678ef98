//! `standardiste bench asr`.

/// Arguments of `standardiste bench asr`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste bench asr`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`bench asr` is not built yet")
}
