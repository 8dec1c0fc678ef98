//! `standardiste bench sip`.

/// Arguments of `standardiste bench sip`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste bench sip`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`bench sip` is not built yet")
}
