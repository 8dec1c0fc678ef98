//! The `standardiste` binary: parses the command line and hands over to `cli`.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = standardiste::cli::Cli::parse();
    standardiste::cli::init_logging(cli.verbose);
    standardiste::cli::run(cli)
}
