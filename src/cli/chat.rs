//! `standardiste chat`.

/// Arguments of `standardiste chat`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `standardiste chat`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`chat` is not built yet")
}
