//! The SIP/RTP call leg: routes SIP events and RTP media to each call's engine, and the engine's
//! requests (play, stop, transfer, hang up) back to SIP and RTP. One task for all calls; each
//! call's conversation runs in its own [`driver`](super::driver) task.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::counters::Totals;
use super::driver::{self, CallServices, Leg, LegEvent};
use super::engine::{CallEngine, EngineSettings};
use super::sip_bridge::{self, Bridge};
use super::CallId;
use crate::media::g711::Law;
use crate::media::io::{self, MediaCommand, MediaEvent, MediaHandle, PortPool};
use crate::media::sdp::{self, LocalMedia, SdpError, SessionDescription};
use crate::sip::endpoint::{CallRef, Event};
use crate::sip::server::Command;
use crate::speech::audio::Audio;
use crate::towns::Towns;

/// Settings of the SIP leg.
#[derive(Debug, Clone)]
pub struct LegConfig {
    /// Address RTP sockets bind to.
    pub bind_ip: IpAddr,
    /// Address written in our SDP; `None`: the local address of the route toward each caller.
    pub sdp_ip: Option<IpAddr>,
    /// RTP port range.
    pub port_min: u16,
    /// RTP port range end.
    pub port_max: u16,
    /// Calls served at once; beyond, callers hear that the lines are busy and the call ends.
    pub max_active: usize,
    /// How long a bridged transfer's call to the target may ring (the endpoint cancels it then).
    pub ring_limit: Duration,
    /// How long a side of a bridged call may send nothing before both sides are hung up.
    pub media_timeout: Duration,
    /// The call engine's settings.
    pub engine: EngineSettings,
}

/// A running SIP call.
pub(super) struct SipCall {
    id: CallId,
    pub(super) local: LocalMedia,
    pub(super) media: Option<MediaHandle>,
    sockets: Option<(tokio::net::UdpSocket, tokio::net::UdpSocket)>,
    /// The conversation's event channel, once the call is up.
    pub(super) engine: Option<mpsc::UnboundedSender<LegEvent>>,
    /// Refused for lack of capacity: say so and hang up.
    busy: bool,
    /// The caller's From URI (hashed by the store, never logged).
    caller: Option<String>,
    /// The town it was dialled for (an index into `Shared::towns`).
    town: usize,
    /// The caller's G.711 law, once media is negotiated.
    pub(super) law: Law,
    /// A transfer bridged with our own INVITE, dialling or up.
    pub(super) bridge: Option<Bridge>,
    /// Set once bridged: the engine's hang-up after the transfer then leaves the call up.
    pub(super) bridged: Arc<AtomicBool>,
}

impl SipCall {
    /// Tells the conversation how a transfer went.
    pub(super) fn transfer_result(&self, ok: bool) {
        if let Some(e) = &self.engine {
            let _ = e.send(LegEvent::TransferResult(ok));
        }
    }
}

/// The engine's view of a SIP call.
struct SipLeg {
    call: CallRef,
    sip: mpsc::Sender<Command>,
    media: mpsc::UnboundedSender<MediaCommand>,
    bridged: Arc<AtomicBool>,
}

impl SipLeg {
    fn send(&self, cmd: Command) {
        if let Err(mpsc::error::TrySendError::Full(cmd)) = self.sip.try_send(cmd) {
            let sip = self.sip.clone();
            tokio::spawn(async move {
                let _ = sip.send(cmd).await;
            });
        }
    }
}

impl Leg for SipLeg {
    fn play(&mut self, audio: Audio) {
        let _ = self.media.send(MediaCommand::Speak(audio));
    }

    fn stop(&mut self) {
        let _ = self.media.send(MediaCommand::StopSpeech);
    }

    fn transfer(&mut self, target: &str) {
        tracing::info!(call = self.call.0, "transferring the call");
        self.send(Command::Refer { call: self.call, target: target.to_string() });
    }

    fn hang_up(&mut self) {
        if self.bridged.load(Ordering::SeqCst) {
            tracing::debug!(call = self.call.0, "the call is bridged to the transfer target: it stays up");
            return;
        }
        tracing::info!(call = self.call.0, "hanging up");
        self.send(Command::Hangup { call: self.call });
    }
}

/// Everything the SIP leg shares.
pub struct Shared {
    /// Settings.
    pub cfg: LegConfig,
    /// The towns answered for, and which number reaches which.
    pub towns: Arc<Towns>,
    /// Recognition, voice, records.
    pub services: CallServices,
    /// Figures for benchmarks and logs.
    pub totals: Arc<Mutex<Totals>>,
}

/// Runs calls until the SIP event channel closes or `shutdown` fires (then hangs every call up).
pub async fn run(shared: Shared, mut sip_events: mpsc::Receiver<Event>, sip: mpsc::Sender<Command>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let pool = PortPool::new(shared.cfg.bind_ip, shared.cfg.port_min, shared.cfg.port_max);
    let (media_tx, mut media_rx) = mpsc::unbounded_channel::<(CallRef, MediaEvent)>();
    let mut calls: HashMap<CallRef, SipCall> = HashMap::new();
    loop {
        tokio::select! {
            ev = sip_events.recv() => {
                let Some(ev) = ev else { break };
                on_sip(&shared, &pool, &sip, &media_tx, &mut calls, ev).await;
            }
            Some((call, ev)) = media_rx.recv() => on_media(&shared, &sip, &mut calls, call, ev).await,
            _ = shutdown.changed() => {
                hang_up_all(&sip, &mut sip_events, &mut calls).await;
                break;
            }
        }
        shared.totals.lock().unwrap().active = calls.len();
    }
    for k in calls.keys().copied().collect::<Vec<_>>() {
        end_call(&mut calls, k);
    }
}

async fn hang_up_all(sip: &mpsc::Sender<Command>, sip_events: &mut mpsc::Receiver<Event>, calls: &mut HashMap<CallRef, SipCall>) {
    tracing::info!(calls = calls.len(), "shutting down: hanging up active calls");
    let keys: Vec<CallRef> = calls.keys().copied().collect();
    for agent in calls.values_mut().filter_map(sip_bridge::take_agent) {
        let _ = sip.send(Command::Hangup { call: agent }).await;
    }
    for &k in &keys {
        let _ = sip.send(Command::Hangup { call: k }).await;
        end_call(calls, k);
    }
    // Let the BYEs be answered (bounded), then return, which closes the SIP command channel.
    let mut left = keys.len();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while left > 0 {
        match tokio::time::timeout_at(deadline, sip_events.recv()).await {
            Ok(Some(Event::Ended { call, .. })) if keys.contains(&call) => left -= 1,
            Ok(Some(Event::Incoming { call, .. })) => {
                let _ = sip.send(Command::Reject { call, code: 503 }).await;
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
}

async fn on_media(shared: &Shared, sip: &mpsc::Sender<Command>, calls: &mut HashMap<CallRef, SipCall>, call: CallRef, ev: MediaEvent) {
    if let MediaEvent::Closed(stats, timing) = &ev {
        shared.totals.lock().unwrap().record_media(*stats, timing);
        return;
    }
    if ev == MediaEvent::PeerSilent {
        sip_bridge::on_peer_silent(sip, calls, call).await;
        return;
    }
    let Some(c) = calls.get_mut(&call) else { return };
    if c.busy {
        if ev == MediaEvent::SpeechDone {
            let _ = sip.send(Command::Hangup { call }).await;
            end_call(calls, call);
        }
        return;
    }
    let Some(engine) = &c.engine else { return };
    let le = match ev {
        MediaEvent::Audio { received, sent } => LegEvent::Audio { received, sent },
        MediaEvent::Dtmf(d) => LegEvent::Key(d.key),
        MediaEvent::SpeechStarted => LegEvent::SpeechStarted,
        MediaEvent::SpeechDone => LegEvent::SpeechDone,
        MediaEvent::Voice(_) | MediaEvent::Closed(..) | MediaEvent::PeerSilent => return,
    };
    let _ = engine.send(le);
}

fn end_call(calls: &mut HashMap<CallRef, SipCall>, k: CallRef) {
    if let Some(c) = calls.remove(&k) {
        if let Some(e) = c.engine {
            let _ = e.send(LegEvent::HungUp);
        }
        if let Some(m) = c.media {
            let _ = m.commands.send(MediaCommand::Close);
        }
    }
}

pub(super) fn reject_code(e: &SdpError) -> u16 {
    match e {
        SdpError::Malformed { .. } => 400,
        SdpError::NoAudio | SdpError::NoCommonCodec { .. } => 488,
    }
}

async fn on_sip(
    shared: &Shared,
    pool: &PortPool,
    sip: &mpsc::Sender<Command>,
    media_tx: &mpsc::UnboundedSender<(CallRef, MediaEvent)>,
    calls: &mut HashMap<CallRef, SipCall>,
    ev: Event,
) {
    match ev {
        Event::Incoming { call, from, to, request_uri, offer, source } => {
            let Some(town) = shared.towns.route(&request_uri, &to) else {
                // The called number is the town hall's, not the caller's: it may be logged.
                let called = crate::towns::route::called_user(&request_uri).or_else(|| crate::towns::route::called_user(&to)).unwrap_or_default();
                tracing::info!(call = call.0, called = %called, "no town answers this number: 404");
                shared.totals.lock().unwrap().refused_unknown += 1;
                shared.services.metrics.calls_refused("unknown_number");
                let _ = sip.send(Command::Reject { call, code: 404 }).await;
                return;
            };
            on_incoming(shared, pool, sip, media_tx, calls, (call, from, town), offer, source).await
        }
        Event::Established { call, answer } => on_established(shared, sip, media_tx, calls, call, answer).await,
        Event::ReOffer { call, offer } => {
            if let Some(reply) = sip_bridge::on_reoffer(calls, call, offer.as_deref()) {
                let _ = sip.send(reply).await;
                return;
            }
            let Some(c) = calls.get_mut(&call) else {
                let _ = sip.send(Command::Reject { call, code: 481 }).await;
                return;
            };
            let reply = match offer {
                Some(o) => match SessionDescription::parse(&String::from_utf8_lossy(&o)).and_then(|sd| c.local.answer(&sd)) {
                    Ok((neg, answer)) => {
                        tracing::info!(call = call.0, direction = ?neg.direction, "re-INVITE");
                        if let Some(m) = &c.media {
                            let _ = m.commands.send(MediaCommand::Update(neg));
                        }
                        Command::AcceptReoffer { call, sdp: answer.into_bytes() }
                    }
                    Err(e) => Command::Reject { call, code: reject_code(&e) },
                },
                None => Command::AcceptReoffer { call, sdp: c.local.offer().into_bytes() },
            };
            let _ = sip.send(reply).await;
        }
        Event::Dtmf { call, digit, .. } => {
            if let Some(e) = calls.get(&call).and_then(|c| c.engine.as_ref()) {
                let _ = e.send(LegEvent::Key(digit));
            }
        }
        Event::TransferResult { call, ok } => {
            tracing::info!(call = call.0, ok, "transfer result");
            if let Some(c) = calls.get(&call) {
                c.transfer_result(ok);
            }
        }
        Event::ReferRefused { call, target, code } => sip_bridge::on_refer_refused(&shared.cfg, pool, sip, calls, call, target, code).await,
        Event::Ended { call, reason } => {
            tracing::info!(call = call.0, reason = ?reason, "call ended");
            if !sip_bridge::on_ended(sip, calls, call, &reason).await {
                end_call(calls, call);
            }
        }
        Event::Answered { call, answer } => sip_bridge::on_answered(&shared.cfg, sip, media_tx, calls, call, &answer).await,
        Event::Registration { registered, detail } => tracing::info!(registered, detail = %detail, "registration"),
    }
}

#[allow(clippy::too_many_arguments)]
async fn on_incoming(
    shared: &Shared,
    pool: &PortPool,
    sip: &mpsc::Sender<Command>,
    media_tx: &mpsc::UnboundedSender<(CallRef, MediaEvent)>,
    calls: &mut HashMap<CallRef, SipCall>,
    (call, from, town): (CallRef, String, usize),
    offer: Option<Vec<u8>>,
    source: std::net::SocketAddr,
) {
    let id = CallId::next();
    tracing::info!(call = call.0, id = %id, town = %shared.towns.get(town).name, "incoming call");
    let (rtp, rtcp) = match pool.bind().await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "no RTP port for a call");
            let _ = sip.send(Command::Reject { call, code: 503 }).await;
            return;
        }
    };
    let port = rtp.local_addr().map(|a| a.port()).unwrap_or(0);
    let sdp_ip = shared.cfg.sdp_ip.unwrap_or_else(|| local_ip_toward(source));
    let mut local = LocalMedia::new(sdp_ip, port, io::random_u32() as u64);
    let mut law = Law::Ulaw;
    let (sdp_body, media, sockets) = match offer {
        Some(o) => {
            let parsed = String::from_utf8_lossy(&o).into_owned();
            match SessionDescription::parse(&parsed).and_then(|sd| local.answer(&sd)) {
                Ok((neg, answer)) => match io::spawn(rtp, rtcp, neg, call, media_tx.clone(), true) {
                    Ok(h) => {
                        law = neg.law;
                        (answer, Some(h), None)
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot start media");
                        let _ = sip.send(Command::Reject { call, code: 500 }).await;
                        return;
                    }
                },
                Err(e) => {
                    tracing::info!(call = call.0, error = %e, "refusing the call's SDP offer");
                    let _ = sip.send(Command::Reject { call, code: reject_code(&e) }).await;
                    return;
                }
            }
        }
        None => (local.offer(), None, Some((rtp, rtcp))),
    };
    // A bridged call no longer uses the assistant: it leaves its line to the next caller.
    let busy = calls.values().filter(|c| !c.busy && !c.bridged.load(Ordering::SeqCst)).count() >= shared.cfg.max_active;
    let sip_call =
        SipCall { id, local, media, sockets, engine: None, busy, caller: Some(from), town, law, bridge: None, bridged: Arc::new(AtomicBool::new(false)) };
    calls.insert(call, sip_call);
    let _ = sip.send(Command::Accept { call, sdp: sdp_body.into_bytes() }).await;
    let mut t = shared.totals.lock().unwrap();
    if busy {
        tracing::warn!(call = call.0, active = calls.len() - 1, "all lines busy: the caller is told and the call ends");
        t.refused_busy += 1;
    } else {
        t.answered += 1;
    }
    t.peak_active = t.peak_active.max(calls.len());
}

async fn on_established(
    shared: &Shared,
    sip: &mpsc::Sender<Command>,
    media_tx: &mpsc::UnboundedSender<(CallRef, MediaEvent)>,
    calls: &mut HashMap<CallRef, SipCall>,
    call: CallRef,
    answer: Option<Vec<u8>>,
) {
    let Some(c) = calls.get_mut(&call) else { return };
    if let (Some(m), Some(a)) = (&c.media, &answer) {
        // The answer to the offer we made in reply to a re-INVITE without SDP.
        match sdp::parse_answer(&String::from_utf8_lossy(a)) {
            Ok(neg) => {
                let _ = m.commands.send(MediaCommand::Update(neg));
            }
            Err(e) => tracing::info!(call = call.0, error = %e, "unusable SDP answer in an ACK"),
        }
        if c.engine.is_some() {
            return;
        }
    }
    if c.media.is_none() {
        // We offered in the 200 OK: the caller's answer came with the ACK.
        let neg = answer.as_deref().map(|a| sdp::parse_answer(&String::from_utf8_lossy(a)));
        match (neg, c.sockets.take()) {
            (Some(Ok(neg)), Some((rtp, rtcp))) => match io::spawn(rtp, rtcp, neg, call, media_tx.clone(), true) {
                Ok(h) => {
                    c.law = neg.law;
                    c.media = Some(h);
                }
                Err(e) => tracing::warn!(error = %e, "cannot start media"),
            },
            _ => {
                tracing::info!(call = call.0, "no usable SDP answer in the ACK: hanging up");
                let _ = sip.send(Command::Hangup { call }).await;
                end_call(calls, call);
                return;
            }
        }
    }
    let Some(media) = c.media.as_ref().map(|m| m.commands.clone()) else { return };
    let town = shared.towns.get(c.town);
    let services = CallServices { voice: town.voice.clone(), ..shared.services.clone() };
    if c.busy {
        let _ = services.records.send((c.id, crate::call::report::Record::Refused));
        let voice = services.voice.clone();
        tokio::spawn(async move {
            if let Ok(Ok(a)) = tokio::task::spawn_blocking(move || voice.sentence(super::prompts::BUSY, 1.0)).await {
                let _ = media.send(MediaCommand::Speak(a));
            }
        });
        return;
    }
    let began = crate::call::report::Record::Began { channel: "sip", caller: c.caller.take(), town: Some(town.name.clone()) };
    let _ = services.records.send((c.id, began));
    let (tx, rx) = mpsc::unbounded_channel();
    let _ = tx.send(LegEvent::Answered);
    c.engine = Some(tx);
    let (settings, town_file, id) = (shared.cfg.engine.clone(), town.town.current(), c.id);
    let leg = SipLeg { call, sip: sip.clone(), media, bridged: c.bridged.clone() };
    tokio::spawn(async move {
        let vad = crate::speech::vad::default_detector_off_runtime(8000).await;
        let engine = CallEngine::new(settings, town_file, vad, 8000, Instant::now(), jiff::Timestamp::now());
        driver::drive(id, engine, leg, rx, services).await
    });
}

/// The local address the kernel would use to reach `peer` (no packet is sent), loopback if none.
fn local_ip_toward(peer: std::net::SocketAddr) -> IpAddr {
    let any: std::net::SocketAddr = if peer.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    std::net::UdpSocket::bind(any)
        .and_then(|s| s.connect(peer).and_then(|_| s.local_addr()))
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}
