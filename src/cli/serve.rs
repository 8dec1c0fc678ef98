//! `standardiste serve`: the switchboard service, until Ctrl-C or SIGTERM.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;

use crate::call::counters::Totals;
use crate::call::EngineSettings;
use crate::config::Config;

/// Arguments of `standardiste serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml); built-in defaults without one.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// Seconds of silence before each prompt of a silent line (reprompt, menu, goodbye).
    #[arg(long, default_value_t = 9)]
    pub silence_timeout: u64,
    /// Serve the web side (the /appeler call page, /healthz, /metrics) on this address,
    /// overriding `[http] listen`; e.g. 127.0.0.1:8080.
    #[arg(long, value_name = "ADDR")]
    pub http: Option<std::net::SocketAddr>,
}

/// Runs `standardiste serve`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut config = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    if let Some(listen) = args.http {
        config.http = Some(crate::config::HttpSection { listen });
    }
    let rt = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let engine = EngineSettings { silence_reprompt: std::time::Duration::from_secs(args.silence_timeout.max(1)), ..EngineSettings::default() };
    let served = rt.block_on(crate::app::serve(config, engine, shutdown_signal(), Arc::new(Mutex::new(Totals::default()))));
    // Once the service has stopped, a call's task still working out an answer on a blocking
    // thread (an abandoned call) must not keep the process alive: it is given 2 s, then left.
    rt.shutdown_timeout(std::time::Duration::from_secs(2));
    leave(served)
}

/// Ends the process with the service's outcome, without the C and C++ exit handlers: the native
/// libraries (ONNX Runtime, whisper.cpp, the sentence encoder) may still be in use by a thread
/// left working above, and tearing them down under it killed the node with SIGSEGV.
fn leave(served: anyhow::Result<()>) -> ! {
    use std::io::Write;
    let code = match served {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Error: {e:?}");
            1
        }
    };
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: _exit ends the process at once; nothing runs after it.
    unsafe { libc::_exit(code) }
}

/// Completes on Ctrl-C or SIGTERM (the first starts the drain; a second, during it, hangs up).
pub use crate::app::shutdown_signal;
