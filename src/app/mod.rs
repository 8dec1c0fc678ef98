//! The service assembled: town, voice, recognisers, the SIP endpoint and its calls, the store,
//! the HTTP listener (health, metrics).

pub mod recorder;
pub mod towns;

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, oneshot, watch};

use crate::answer::{Town, TownHandle};
use crate::call::counters::Totals;
use crate::call::driver::CallServices;
use crate::call::recognition::RecognitionPool;
use crate::call::sip_leg::{self, LegConfig, Shared};
use crate::call::EngineSettings;
use crate::config::Config;
use crate::sip::server::{Command, Server};
use crate::speech::asr::Recognizer;
use crate::store::Store;
use crate::web::{Health, HttpState, Metrics};

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

/// Loads the town named in the configuration (the bundled sample without one).
pub fn load_town(config: &Config) -> anyhow::Result<TownHandle> {
    Ok(match &config.town.file {
        Some(path) => TownHandle::load(path)?,
        None => TownHandle::fixed(Town::sample()),
    })
}

/// Cores for recognition on this machine: all of them, at most `max`.
fn worker_count(max: usize) -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(max).max(1)
}

/// Serves calls until `stop` completes, keeping call figures in `totals`.
pub async fn serve(config: Config, mut engine: EngineSettings, stop: impl std::future::Future<Output = ()>, totals: Arc<Mutex<Totals>>) -> anyhow::Result<()> {
    let server_cfg = config.sip_server_config()?;
    let (database, store_options) = (config.store_database()?, config.store_options());
    engine.keep_transcript = store_options.keep_transcripts;
    engine.retention_days = store_options.retention_days;
    let store = {
        let d = database.clone();
        Arc::new(tokio::task::spawn_blocking(move || Store::connect(&d, store_options)).await?.context("cannot open the database")?)
    };
    let metrics = Arc::new(Metrics::new());
    let cfg = config.clone();
    let (towns, pool) = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let towns = towns::load_towns(&cfg)?;
        let recognizer = match &cfg.speech.model {
            Some(p) => Recognizer::load(p),
            None => Recognizer::load_default(),
        }
        .context("cannot load the Whisper model")?;
        // Each call primes recognition with its own town's streets and services (the engine's context).
        let pool = RecognitionPool::start(&recognizer, worker_count(8), None).context("cannot start speech recognition")?;
        Ok((Arc::new(towns), pool))
    })
    .await??;
    let voice = towns.first().voice.clone();
    let speaker = voice.speaker();
    let (records_tx, records_rx) = mpsc::unbounded_channel();
    let services = CallServices { recognition: Arc::new(pool), voice, records: records_tx, metrics: metrics.clone() };
    // Browser calls: the same services, the voice at the browser leg's wideband rate.
    let web_services =
        CallServices { voice: Arc::new(crate::call::synthesis::Voice::new(speaker.clone(), crate::call::browser::session::RATE)), ..services.clone() };
    let browser_calls = Arc::new(crate::call::browser::BrowserCalls::new(towns.first().town.clone(), engine.clone(), web_services, config.sip.max_calls));
    let server = Server::bind(server_cfg).await?;
    tracing::info!(
        sip_udp = %server.local_udp_addr(),
        sip_tcp = ?server.local_tcp_addr(),
        rtp_ports = %format!("{}-{}", config.rtp.port_min, config.rtp.port_max),
        voice = services.voice.name(),
        towns = %towns.all().iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
        recognition_workers = services.recognition.workers(),
        "standardiste listening"
    );
    let (ev_tx, ev_rx) = mpsc::channel(256);
    let (cmd_tx, cmd_rx) = mpsc::channel(256);
    let (stop_tx, stop_rx) = watch::channel(false);
    let cfg = LegConfig {
        bind_ip: config.sip.udp.ip(),
        sdp_ip: sdp_address(&config),
        port_min: config.rtp.port_min,
        port_max: config.rtp.port_max,
        max_active: config.sip.max_calls.max(1),
        ring_limit: Duration::from_secs(config.sip.ring_timeout.max(1)),
        media_timeout: Duration::from_secs(config.rtp.media_timeout.max(1)),
        engine,
    };
    let reload = tokio::spawn(watch_towns(towns.clone()));
    let recorder = tokio::spawn(recorder::run(records_rx, store.clone(), metrics.clone(), towns.first().name.clone()));
    let upkeep = tokio::spawn(upkeep(store.clone(), metrics.clone(), services.recognition.clone()));
    let (http_stop_tx, http_stop_rx) = oneshot::channel::<()>();
    let mut site = None;
    let http = match &config.http {
        Some(h) => {
            let server = crate::web::HttpServer::bind(h.listen).await.with_context(|| format!("cannot listen for HTTP on {}", h.listen))?;
            let addr = server.local_addr()?;
            tracing::info!(http = %addr, "HTTP listening (/healthz, /metrics, pages /, /appeler, /ecrire, /accessibilite, desk /admin)");
            let pages = Arc::new(
                crate::web::Site::new(towns.first().town.clone(), store.clone(), metrics.clone(), h.listen)
                    .with_speaker(speaker.clone())
                    .with_towns(towns.clone()),
            );
            tokio::spawn(crate::web::site::sweep_forever(pages.clone()));
            site = Some(pages.clone());
            let state = HttpState::new(metrics.clone()).with_health(Health::ok).with_pages(crate::web::site::router(pages)).with_calls(browser_calls.clone());
            // Listening on every address: name the one the LAN most likely reaches (no packet is sent).
            let shown =
                if addr.ip().is_unspecified() { (crate::call::browser::leg::local_ip_toward(([192, 0, 2, 1], 9).into()), addr.port()).into() } else { addr };
            tracing::info!(page = %format!("http://{shown}/appeler"), "residents call the town hall from a browser at this page");
            Some(tokio::spawn(server.run(state, async move {
                let _ = http_stop_rx.await;
            })))
        }
        None => None,
    };
    let drain_tx = cmd_tx.clone();
    let shared = Shared { cfg, towns, services, totals: totals.clone() };
    let sip_task = tokio::spawn(server.run(ev_tx, cmd_rx));
    let leg = tokio::spawn(sip_leg::run(shared, ev_rx, cmd_tx, stop_rx));
    stop.await;
    let _ = drain_tx.send(Command::Drain).await;
    drop(drain_tx);
    drain(&totals, Duration::from_secs(config.sip.drain_timeout)).await;
    tracing::info!("stopping");
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(3), leg).await;
    reload.abort();
    upkeep.abort();
    let _ = http_stop_tx.send(());
    if let Some(h) = http {
        let _ = tokio::time::timeout(Duration::from_secs(2), h).await;
    }
    if let Some(s) = site {
        let _ = tokio::time::timeout(Duration::from_secs(2), s.close()).await;
    }
    let result = match tokio::time::timeout(Duration::from_secs(3), sip_task).await {
        Ok(Ok(r)) => r.map_err(anyhow::Error::from),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => {
            tracing::warn!("the SIP server did not stop in time");
            Ok(())
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), recorder).await;
    tracing::info!("stopped");
    result
}

/// Reloads each town file when it changes; a bad file keeps that town's previous version.
async fn watch_towns(towns: Arc<crate::towns::Towns>) {
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let t = towns.clone();
        let _ = tokio::task::spawn_blocking(move || t.poll()).await;
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
    }
}

/// Lets the calls in progress end (new ones already get 503), at most `limit`; a second
/// SIGTERM or Ctrl-C ends the wait at once.
async fn drain(totals: &Mutex<Totals>, limit: Duration) {
    let active = || totals.lock().unwrap_or_else(|e| e.into_inner()).active;
    if active() == 0 {
        return;
    }
    tracing::info!(calls = active(), limit_s = limit.as_secs(), "draining: new calls get 503, the calls in progress go on");
    let deadline = tokio::time::Instant::now() + limit;
    let mut again = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = tokio::time::sleep_until(deadline) => {
                tracing::warn!(calls = active(), "drain time is up: hanging up the calls left");
                return;
            }
            _ = &mut again => {
                tracing::warn!(calls = active(), "stop asked again: hanging up the calls left");
                return;
            }
        }
        if active() == 0 {
            tracing::info!("drained: no call left");
            return;
        }
    }
}

/// Every minute: spooled messages into the database, the recognition queue into the metrics;
/// every hour: the retention purge.
async fn upkeep(store: Arc<Store>, metrics: Arc<Metrics>, recognition: Arc<RecognitionPool>) {
    let mut minute = 0u64;
    loop {
        let s = store.clone();
        let purge = minute.is_multiple_of(60);
        let r = tokio::task::spawn_blocking(move || -> Result<(usize, Option<crate::store::PurgeCounts>), crate::store::StoreError> {
            let flushed = s.flush_spool()?;
            let purged = if purge { Some(s.purge(jiff::Timestamp::now())?) } else { None };
            Ok((flushed, purged))
        })
        .await;
        match r {
            Ok(Ok((flushed, purged))) => {
                if flushed > 0 {
                    tracing::info!(messages = flushed, "spooled messages written to the database");
                }
                if let Some(p) = purged {
                    tracing::info!(calls = p.calls, messages = p.done_messages + p.open_messages, unanswered = p.unanswered, "retention purge");
                    if p.open_messages > 0 {
                        tracing::warn!(messages = p.open_messages, "messages never marked done were deleted at the end of the retention period");
                    }
                }
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "database upkeep failed"),
            Err(e) => tracing::warn!(error = %e, "database upkeep task failed"),
        }
        for _ in 0..12 {
            metrics.recognition_queue_depth(recognition.queued());
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        minute += 1;
    }
}
