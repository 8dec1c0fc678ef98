//! `standardiste serve`: the SIP endpoint and the call manager, until Ctrl-C or SIGTERM.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, watch};

use crate::call::flow::FlowSettings;
use crate::call::manager::{self, ManagerConfig, Totals};
use crate::speech::tts::Speaker;
use crate::answer::Town;
use crate::config::Config;
use crate::sip::server::Server;

/// Arguments of `standardiste serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml); built-in defaults without one.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// Hang up after this many seconds without the caller speaking or pressing a key.
    #[arg(long, default_value_t = 20)]
    pub silence_timeout: u64,
}

/// The address to write in SDP: the public address, else the SIP listen address if specific,
/// else `None` (each call then uses the local address of the route toward its caller).
pub fn sdp_address(config: &Config) -> Option<IpAddr> {
    if let Some(p) = &config.sip.public_address {
        if let Ok(ip) = p.parse::<IpAddr>() {
            return Some(ip);
        }
        if let Ok(sa) = p.parse::<std::net::SocketAddr>() {
            return Some(sa.ip());
        }
    }
    let ip = config.sip.udp.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// Runs `standardiste serve`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let rt = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    rt.block_on(serve(config, Duration::from_secs(args.silence_timeout), shutdown_signal(), Arc::new(Mutex::new(Totals::default()))))?;
    Ok(())
}

async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
    }
}

/// Serves calls until `stop` completes, keeping call figures in `totals`.
pub async fn serve(config: Config, silence_timeout: Duration, stop: impl std::future::Future<Output = ()>, totals: Arc<Mutex<Totals>>) -> anyhow::Result<()> {
    let server_cfg = config.sip_server_config()?;
    // `voice = "pico…"` or none: the embedded Pico voice; anything else names a Piper voice.
    let voice = config.speech.voice.clone().filter(|v| !v.trim().to_ascii_lowercase().starts_with("pico"));
    let speaker = tokio::task::spawn_blocking(move || Speaker::selected(voice.as_deref())).await?.context("cannot load the voice")?;
    let town = match &config.town.file {
        Some(path) => Town::load(path)?,
        None => Town::sample(),
    };
    let server = Server::bind(server_cfg).await?;
    let bind_ip = config.sip.udp.ip();
    tracing::info!(
        sip_udp = %server.local_udp_addr(),
        sip_tcp = ?server.local_tcp_addr(),
        rtp_ports = %format!("{}-{}", config.rtp.port_min, config.rtp.port_max),
        "standardiste listening"
    );
    let (ev_tx, ev_rx) = mpsc::channel(256);
    let (cmd_tx, cmd_rx) = mpsc::channel(256);
    let (stop_tx, stop_rx) = watch::channel(false);
    let mcfg = ManagerConfig {
        bind_ip,
        sdp_ip: sdp_address(&config),
        port_min: config.rtp.port_min,
        port_max: config.rtp.port_max,
        flow: FlowSettings::new(crate::call::welcome_text(&town), silence_timeout),
    };
    let sip_task = tokio::spawn(server.run(ev_tx, cmd_rx));
    let mgr = tokio::spawn(manager::run(mcfg, Arc::new(speaker), ev_rx, cmd_tx, stop_rx, totals.clone()));
    stop.await;
    tracing::info!("stopping");
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(3), mgr).await;
    match tokio::time::timeout(Duration::from_secs(3), sip_task).await {
        Ok(Ok(r)) => r?,
        Ok(Err(e)) => return Err(e.into()),
        Err(_) => tracing::warn!("the SIP server did not stop in time"),
    }
    tracing::info!("stopped");
    Ok(())
}
