//! Command-line interface: one file per subcommand.

pub mod ask;
pub mod calls;
pub mod chat;
pub mod clerk;
pub mod doctor;
pub mod messages;
pub mod models;
pub mod say;
pub mod serve;
pub mod transcribe;

use clap::{Parser, Subcommand};

/// The top-level command line.
#[derive(Debug, Parser)]
#[command(name = "standardiste", version, about = "The town hall's voice switchboard")]
pub struct Cli {
    /// More logs (-v debug, -vv trace). Caller data is never logged at info level.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the switchboard service (SIP endpoint) with the embedded defaults.
    Serve(serve::Args),
    /// Transcribe a WAV file with Whisper (French).
    Transcribe(transcribe::Args),
    /// Speak French text into a WAV file.
    Say(say::Args),
    /// Ask the answering core one question.
    Ask(ask::Args),
    /// A text conversation with the answering core on stdin/stdout.
    Chat(chat::Args),
    /// The latest calls recorded, and how many messages wait.
    Calls(calls::Args),
    /// The messages residents left (open ones; --all for every one).
    Messages(messages::Args),
    /// Check models, voices, ports, database and each town file, one line each.
    Doctor(doctor::Args),
    /// The clerks' accounts for the desk (/admin): add, list, remove.
    Clerk(clerk::Args),
    /// Check, list, install or convert the models and voices.
    Models(models::Args),
    /// Benchmarks (ratios against a reference measured in the same run).
    Bench(crate::bench::Args),
}

/// Sets up `tracing` on stderr; RUST_LOG overrides the verbosity flag.
pub fn init_logging(verbose: u8) {
    // ONNX Runtime's loader reports itself at info: keep it to warnings unless asked.
    let default = match verbose {
        0 => "info,ort=warn",
        1 => "debug,ort=info",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(a) => serve::run(a),
        Command::Transcribe(a) => transcribe::run(a),
        Command::Say(a) => say::run(a),
        Command::Ask(a) => ask::run(a),
        Command::Chat(a) => chat::run(a),
        Command::Calls(a) => calls::run(a),
        Command::Messages(a) => messages::run(a),
        Command::Doctor(a) => doctor::run(a),
        Command::Clerk(a) => clerk::run(a),
        Command::Models(a) => models::run(a),
        Command::Bench(a) => crate::bench::run(a),
    }
}
