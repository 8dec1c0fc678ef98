//! The service assembled: town, voice, recognisers, the SIP endpoint and its calls, the store,
//! the HTTP listener (health, metrics).

pub mod recorder;

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
use crate::call::synthesis::Voice;
use crate::call::EngineSettings;
use crate::config::Config;
use crate::sip::server::Server;
use crate::speech::asr::Recognizer;
use crate::speech::tts::Speaker;
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

/// Recognition workers for this machine: one per core, at most `max`.
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
    let town = Arc::new(load_town(&config)?);
    // `voice = "pico…"` or none: the embedded Pico voice; anything else names a Piper voice.
    let voice_name = config.speech.voice.clone().filter(|v| !v.trim().to_ascii_lowercase().starts_with("pico"));
    let model = config.speech.model.clone();
    let current = town.current();
    let (speaker, pool) = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let speaker = Speaker::selected(voice_name.as_deref()).context("cannot load the voice")?;
        let recognizer = match &model {
            Some(p) => Recognizer::load(p),
            None => Recognizer::load_default(),
        }
        .context("cannot load the Whisper model")?;
        let prompt = Some(crate::answer::vocabulary(&current));
        let pool = RecognitionPool::start(&recognizer, worker_count(2), prompt).context("cannot start speech recognition")?;
        Ok((speaker, pool))
    })
    .await??;
    let voice = Arc::new(Voice::new(Arc::new(speaker), 8000));
    let (records_tx, records_rx) = mpsc::unbounded_channel();
    let services = CallServices { recognition: Arc::new(pool), voice, records: records_tx, metrics: metrics.clone() };
    let server = Server::bind(server_cfg).await?;
    tracing::info!(
        sip_udp = %server.local_udp_addr(),
        sip_tcp = ?server.local_tcp_addr(),
        rtp_ports = %format!("{}-{}", config.rtp.port_min, config.rtp.port_max),
        voice = services.voice.name(),
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
        engine,
    };
    let reload = tokio::spawn(watch_town(town.clone()));
    let recorder = tokio::spawn(recorder::run(records_rx, store.clone(), metrics.clone(), town.current().name.clone()));
    let upkeep = tokio::spawn(upkeep(store.clone(), metrics.clone(), services.recognition.clone()));
    let (http_stop_tx, http_stop_rx) = oneshot::channel::<()>();
    let http = match &config.http {
        Some(h) => {
            let server = crate::web::HttpServer::bind(h.listen).await.with_context(|| format!("cannot listen for HTTP on {}", h.listen))?;
            tracing::info!(http = %server.local_addr()?, "HTTP listening (/healthz, /metrics)");
            let state = HttpState::new(metrics.clone()).with_health(Health::ok);
            Some(tokio::spawn(server.run(state, async move {
                let _ = http_stop_rx.await;
            })))
        }
        None => None,
    };
    let shared = Shared { cfg, town, services, totals };
    let sip_task = tokio::spawn(server.run(ev_tx, cmd_rx));
    let leg = tokio::spawn(sip_leg::run(shared, ev_rx, cmd_tx, stop_rx));
    stop.await;
    tracing::info!("stopping");
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(3), leg).await;
    reload.abort();
    upkeep.abort();
    let _ = http_stop_tx.send(());
    if let Some(h) = http {
        let _ = tokio::time::timeout(Duration::from_secs(2), h).await;
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

/// Reloads the town file when it changes; a bad file keeps the previous town.
async fn watch_town(town: Arc<TownHandle>) {
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        match town.poll() {
            Ok(true) => tracing::info!("town file reloaded"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "town file not reloaded: the previous one stays"),
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
