//! The async glue of calls: SIP events ↔ media tasks ↔ speech synthesis, driven by `CallFlow`.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::flow::{CallAction, CallEvent, CallFlow, FlowSettings};
use crate::speech::audio::Audio;
use crate::speech::tts::{SpeakOptions, Speaker};
use crate::media::io::{self, MediaCommand, MediaEvent, MediaHandle, PortPool, SendTiming};
use crate::media::sdp::{self, LocalMedia, SdpError, SessionDescription};
use crate::media::session::MediaStats;
use crate::sip::endpoint::{CallRef, Event};
use crate::sip::server::Command;

/// Settings of the call manager.
#[derive(Debug, Clone)]
pub struct ManagerConfig {
    /// Address RTP sockets bind to.
    pub bind_ip: IpAddr,
    /// Address written in our SDP; `None`: the local address of the route toward each caller.
    pub sdp_ip: Option<IpAddr>,
    /// RTP port range.
    pub port_min: u16,
    /// RTP port range end.
    pub port_max: u16,
    /// Call behaviour.
    pub flow: FlowSettings,
}

/// Figures gathered over all calls (for `bench sip` and logs).
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Calls answered.
    pub answered: u64,
    /// Calls now up.
    pub active: usize,
    /// Most calls up at once.
    pub peak_active: usize,
    /// Media counters summed over ended calls.
    pub packets_sent: u64,
    /// RTP packets received.
    pub packets_received: u64,
    /// Send timing merged over ended calls.
    pub timing: SendTiming,
}

struct Call {
    flow: CallFlow,
    local: LocalMedia,
    media: Option<MediaHandle>,
    speech: mpsc::UnboundedSender<String>,
    sockets: Option<(tokio::net::UdpSocket, tokio::net::UdpSocket)>,
}

/// Runs calls until the SIP event channel closes or `shutdown` fires (then hangs every call up).
pub async fn run(
    cfg: ManagerConfig,
    speaker: Arc<Speaker>,
    mut sip_events: mpsc::Receiver<Event>,
    sip: mpsc::Sender<Command>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
    totals: Arc<Mutex<Totals>>,
) {
    let pool = PortPool::new(cfg.bind_ip, cfg.port_min, cfg.port_max);
    let cache = Arc::new(SpeechCache::default());
    let (media_tx, mut media_rx) = mpsc::unbounded_channel::<(CallRef, MediaEvent)>();
    let mut calls: HashMap<CallRef, Call> = HashMap::new();
    loop {
        let next = calls.values().filter_map(|c| c.flow.poll_timeout()).min().unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            ev = sip_events.recv() => {
                let Some(ev) = ev else { break };
                handle_sip(&cfg, &pool, (&speaker, &cache), &sip, &media_tx, &mut calls, &totals, ev).await;
            }
            Some((call, ev)) = media_rx.recv() => {
                match ev {
                    MediaEvent::Closed(stats, timing) => record(&totals, stats, &timing),
                    MediaEvent::Dtmf(d) => flow_event(&sip, &mut calls, call, CallEvent::Dtmf(d.key)).await,
                    MediaEvent::Voice(v) => flow_event(&sip, &mut calls, call, CallEvent::Voice(v)).await,
                    MediaEvent::SpeechDone => flow_event(&sip, &mut calls, call, CallEvent::SpeechDone).await,
                    MediaEvent::Audio(_) => {}
                }
            }
            _ = tokio::time::sleep_until(next.into()) => {
                let now = Instant::now();
                let due: Vec<CallRef> = calls.iter().filter(|(_, c)| c.flow.poll_timeout().is_some_and(|t| t <= now)).map(|(k, _)| *k).collect();
                for k in due {
                    if let Some(c) = calls.get_mut(&k) {
                        c.flow.handle_timeout(now);
                    }
                    apply(&sip, &mut calls, k).await;
                }
            }
            _ = shutdown.changed() => {
                tracing::info!(calls = calls.len(), "shutting down: hanging up active calls");
                let keys: Vec<CallRef> = calls.keys().copied().collect();
                for &k in &keys {
                    let _ = sip.send(Command::Hangup { call: k }).await;
                    end_call(&mut calls, k);
                }
                // Let the BYEs be answered (bounded), then return, which closes the SIP command channel.
                let mut left = keys.len();
                let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
                while left > 0 {
                    match tokio::time::timeout_at(deadline, sip_events.recv()).await {
                        Ok(Some(Event::Ended { call, .. })) if keys.contains(&call) => left -= 1,
                        Ok(Some(Event::Incoming { call, .. })) => { let _ = sip.send(Command::Reject { call, code: 503 }).await; }
                        Ok(Some(_)) => {}
                        Ok(None) | Err(_) => break,
                    }
                }
                break;
            }
        }
        totals.lock().unwrap().active = calls.len();
    }
    for k in calls.keys().copied().collect::<Vec<_>>() {
        end_call(&mut calls, k);
    }
}

fn record(totals: &Arc<Mutex<Totals>>, stats: MediaStats, timing: &SendTiming) {
    let mut t = totals.lock().unwrap();
    t.packets_sent += stats.packets_sent;
    t.packets_received += stats.packets_received;
    t.timing.merge(timing);
}

fn end_call(calls: &mut HashMap<CallRef, Call>, k: CallRef) {
    if let Some(c) = calls.remove(&k) {
        if let Some(m) = c.media {
            let _ = m.commands.send(MediaCommand::Close);
        }
    }
}

async fn flow_event(sip: &mpsc::Sender<Command>, calls: &mut HashMap<CallRef, Call>, k: CallRef, ev: CallEvent) {
    let Some(c) = calls.get_mut(&k) else { return };
    c.flow.handle(Instant::now(), ev);
    apply(sip, calls, k).await;
}

async fn apply(sip: &mpsc::Sender<Command>, calls: &mut HashMap<CallRef, Call>, k: CallRef) {
    let Some(c) = calls.get_mut(&k) else { return };
    let mut hang = false;
    while let Some(a) = c.flow.poll_action() {
        match a {
            CallAction::Speak(text) => {
                let _ = c.speech.send(text);
            }
            CallAction::HangUp => hang = true,
        }
    }
    if hang {
        tracing::info!(call = k.0, "hanging up");
        let _ = sip.send(Command::Hangup { call: k }).await;
        end_call(calls, k);
    }
}

/// Synthesised utterances kept for reuse (the welcome and DTMF echoes repeat on every call).
#[derive(Default)]
pub struct SpeechCache {
    entries: Mutex<HashMap<String, Audio>>,
}

/// Most utterances the cache keeps.
const SPEECH_CACHE_MAX: usize = 64;

impl SpeechCache {
    fn get(&self, text: &str) -> Option<Audio> {
        self.entries.lock().unwrap().get(text).cloned()
    }

    fn put(&self, text: String, audio: &Audio) {
        let mut e = self.entries.lock().unwrap();
        if e.len() >= SPEECH_CACHE_MAX {
            e.clear();
        }
        e.insert(text, audio.clone());
    }
}

/// A task that synthesises a call's utterances in order and queues them on its media task.
fn speech_task(speaker: Arc<Speaker>, cache: Arc<SpeechCache>, media: mpsc::UnboundedSender<MediaCommand>) -> mpsc::UnboundedSender<String> {
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    tokio::spawn(async move {
        while let Some(text) = rx.recv().await {
            let audio = match cache.get(&text) {
                Some(a) => a,
                None => {
                    let sp = speaker.clone();
                    let t = text.clone();
                    match tokio::task::spawn_blocking(move || sp.speak(&t, &SpeakOptions { rate: 1.0, sample_rate: Some(8000) })).await {
                        Ok(Ok(a)) => {
                            cache.put(text, &a);
                            a
                        }
                        Ok(Err(e)) => {
                            tracing::warn!(error = %e, "speech synthesis failed");
                            continue;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "speech synthesis task failed");
                            continue;
                        }
                    }
                }
            };
            if media.send(MediaCommand::Speak(audio)).is_err() {
                break;
            }
        }
    });
    tx
}

fn reject_code(e: &SdpError) -> u16 {
    match e {
        SdpError::Malformed { .. } => 400,
        SdpError::NoAudio | SdpError::NoCommonCodec { .. } => 488,
    }
}

#[allow(clippy::too_many_arguments)]
async fn handle_sip(
    cfg: &ManagerConfig,
    pool: &PortPool,
    (speaker, cache): (&Arc<Speaker>, &Arc<SpeechCache>),
    sip: &mpsc::Sender<Command>,
    media_tx: &mpsc::UnboundedSender<(CallRef, MediaEvent)>,
    calls: &mut HashMap<CallRef, Call>,
    totals: &Arc<Mutex<Totals>>,
    ev: Event,
) {
    match ev {
        Event::Incoming { call, offer, source, .. } => {
            tracing::info!(call = call.0, "incoming call");
            let (rtp, rtcp) = match pool.bind().await {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!(error = %e, "no RTP port for a call");
                    let _ = sip.send(Command::Reject { call, code: 503 }).await;
                    return;
                }
            };
            let port = rtp.local_addr().map(|a| a.port()).unwrap_or(0);
            let sdp_ip = cfg.sdp_ip.unwrap_or_else(|| local_ip_toward(source));
            let mut local = LocalMedia::new(sdp_ip, port, io::random_u32() as u64);
            let (sdp_body, neg) = match offer {
                Some(o) => {
                    let parsed = String::from_utf8_lossy(&o).into_owned();
                    match SessionDescription::parse(&parsed).and_then(|sd| local.answer(&sd)) {
                        Ok((neg, answer)) => (answer, Some(neg)),
                        Err(e) => {
                            tracing::info!(call = call.0, error = %e, "refusing the call's SDP offer");
                            let _ = sip.send(Command::Reject { call, code: reject_code(&e) }).await;
                            return;
                        }
                    }
                }
                None => (local.offer(), None),
            };
            let (speech, media, sockets) = match neg {
                Some(neg) => match io::spawn(rtp, rtcp, neg, call, media_tx.clone(), false) {
                    Ok(h) => (speech_task(speaker.clone(), cache.clone(), h.commands.clone()), Some(h), None),
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot start media");
                        let _ = sip.send(Command::Reject { call, code: 500 }).await;
                        return;
                    }
                },
                None => (mpsc::unbounded_channel().0, None, Some((rtp, rtcp))),
            };
            let flow = CallFlow::new(cfg.flow.clone(), Instant::now());
            calls.insert(call, Call { flow, local, media, speech, sockets });
            let _ = sip.send(Command::Accept { call, sdp: sdp_body.into_bytes() }).await;
            let mut t = totals.lock().unwrap();
            t.answered += 1;
            t.peak_active = t.peak_active.max(calls.len());
        }
        Event::Established { call, answer } => {
            let Some(c) = calls.get_mut(&call) else { return };
            if let (Some(m), Some(a)) = (&c.media, &answer) {
                // The answer to the offer we made in reply to a re-INVITE without SDP.
                match sdp::parse_answer(&String::from_utf8_lossy(a)) {
                    Ok(neg) => {
                        let _ = m.commands.send(MediaCommand::Update(neg));
                    }
                    Err(e) => tracing::info!(call = call.0, error = %e, "unusable SDP answer in an ACK"),
                }
                return;
            }
            if c.media.is_none() {
                // We offered in the 200 OK: the caller's answer came with the ACK.
                let neg = answer.as_deref().map(|a| sdp::parse_answer(&String::from_utf8_lossy(a)));
                match (neg, c.sockets.take()) {
                    (Some(Ok(neg)), Some((rtp, rtcp))) => match io::spawn(rtp, rtcp, neg, call, media_tx.clone(), false) {
                        Ok(h) => {
                            c.speech = speech_task(speaker.clone(), cache.clone(), h.commands.clone());
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
            flow_event(sip, calls, call, CallEvent::Established).await;
        }
        Event::ReOffer { call, offer } => {
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
        Event::Dtmf { call, digit, .. } => flow_event(sip, calls, call, CallEvent::Dtmf(digit)).await,
        Event::Ended { call, reason } => {
            tracing::info!(call = call.0, reason = ?reason, "call ended");
            if let Some(c) = calls.get_mut(&call) {
                c.flow.handle(Instant::now(), CallEvent::RemoteHangup);
            }
            end_call(calls, call);
        }
        Event::Answered { .. } | Event::TransferResult { .. } => {}
        Event::Registration { registered, detail } => tracing::info!(registered, detail = %detail, "registration"),
    }
}

/// The local address the kernel would use to reach `peer` (no packet is sent), loopback if none.
fn local_ip_toward(peer: std::net::SocketAddr) -> IpAddr {
    let any: std::net::SocketAddr = if peer.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    std::net::UdpSocket::bind(any)
        .and_then(|s| s.connect(peer).and_then(|_| s.local_addr()))
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}
