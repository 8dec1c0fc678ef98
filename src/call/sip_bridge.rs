//! A transfer bridged through us when the PBX refuses REFER: our own INVITE to the transfer
//! target on a fresh RTP port; once the agent answers, the caller's media task hands its sockets
//! over to an RTP relay and the conversation ends as transferred while both dialogs stay up; a
//! BYE on either side ends the other, and so does a side gone silent. A re-INVITE on either side
//! (hold, resume) is answered for that side and passed to the relay. The SIP side (the refused REFER, the ring limit) and the
//! relay are sans-IO cores; this file only moves their results between tasks.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::driver::LegEvent;
use super::sip_leg::{LegConfig, SipCall};
use crate::media::io::{self, MediaCommand, MediaEvent, PortPool, RelayCommand, RelayHandle};
use crate::media::relay::{Relay, Side};
use crate::media::sdp::{self, LocalMedia, SessionDescription};
use crate::sip::endpoint::{CallRef, EndReason};
use crate::sip::server::Command;

/// The longest we wait for the SIP task or a media task to answer a request of ours.
const HANDOVER: Duration = Duration::from_secs(5);
/// Beyond the ring limit, how long the conversation waits for the endpoint to report the outcome.
const RING_MARGIN: Duration = Duration::from_secs(5);

/// Where a bridged transfer stands.
pub(super) enum Bridge {
    /// Our INVITE to the agent rings; its RTP sockets wait.
    Dialing {
        /// The outgoing call.
        agent: CallRef,
        /// Its RTP and RTCP sockets.
        sockets: (tokio::net::UdpSocket, tokio::net::UdpSocket),
        /// Our media description toward the agent.
        local: LocalMedia,
    },
    /// The agent answered: media flows through the relay.
    Up {
        /// The outgoing call.
        agent: CallRef,
        /// The RTP relay (stopping it frees both legs' ports).
        relay: RelayHandle,
        /// Our media description toward the agent (answers its re-INVITEs).
        local: LocalMedia,
    },
}

impl Bridge {
    fn agent(&self) -> CallRef {
        match self {
            Bridge::Dialing { agent, .. } | Bridge::Up { agent, .. } => *agent,
        }
    }
}

/// Ends a call's bridge, if any, and returns the agent's call to hang up.
pub(super) fn take_agent(c: &mut SipCall) -> Option<CallRef> {
    let b = c.bridge.take()?;
    let agent = b.agent();
    if let Bridge::Up { relay, .. } = b {
        let _ = relay.commands.send(RelayCommand::Stop);
    }
    Some(agent)
}

/// The caller's call bridged (or being bridged) to `agent`.
fn caller_of(calls: &HashMap<CallRef, SipCall>, agent: CallRef) -> Option<CallRef> {
    calls.iter().find(|(_, c)| c.bridge.as_ref().is_some_and(|b| b.agent() == agent)).map(|(k, _)| *k)
}

/// Our REFER was refused: place our own call to `target`, offering the caller's codec first on a
/// fresh RTP port; when that cannot start, the transfer has failed.
pub(super) async fn on_refer_refused(
    cfg: &LegConfig,
    pool: &PortPool,
    sip: &mpsc::Sender<Command>,
    calls: &mut HashMap<CallRef, SipCall>,
    call: CallRef,
    target: String,
    code: u16,
) {
    let Some(c) = calls.get_mut(&call) else { return };
    if c.bridge.is_some() || c.media.is_none() {
        c.transfer_result(false);
        return;
    }
    tracing::info!(call = call.0, code, "the REFER was refused: bridging the call through us");
    let (rtp, rtcp) = match pool.bind().await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(call = call.0, error = %e, "no RTP port for a bridged transfer");
            c.transfer_result(false);
            return;
        }
    };
    let port = rtp.local_addr().map(|a| a.port()).unwrap_or(0);
    let mut local = LocalMedia::new(cfg.sdp_ip.unwrap_or(c.local.address), port, io::random_u32() as u64);
    let offer = local.offer_preferring(c.law).into_bytes();
    let (tx, rx) = oneshot::channel();
    let placed = match sip.send(Command::Invite { to: target, sdp: offer, reply: tx }).await {
        Ok(()) => tokio::time::timeout(HANDOVER, rx).await.ok().and_then(Result::ok),
        Err(_) => None,
    };
    match placed {
        Some(agent) => {
            tracing::debug!(call = call.0, agent = agent.0, port, "INVITE to the transfer target sent");
            c.bridge = Some(Bridge::Dialing { agent, sockets: (rtp, rtcp), local });
            if let Some(e) = &c.engine {
                let _ = e.send(LegEvent::TransferPending(cfg.ring_limit + RING_MARGIN));
            }
        }
        None => c.transfer_result(false),
    }
}

/// Our INVITE was answered: if it is a bridge's, take the caller's media over and relay it, and
/// tell the conversation the transfer is done (the call stays up).
pub(super) async fn on_answered(
    cfg: &LegConfig,
    sip: &mpsc::Sender<Command>,
    media_tx: &mpsc::UnboundedSender<(CallRef, MediaEvent)>,
    calls: &mut HashMap<CallRef, SipCall>,
    agent: CallRef,
    answer: &[u8],
) {
    let Some(call) = caller_of(calls, agent) else {
        tracing::debug!(agent = agent.0, "an answered call that no bridge placed");
        return;
    };
    let c = calls.get_mut(&call).unwrap();
    let Some(Bridge::Dialing { sockets, local, .. }) = c.bridge.take() else { return };
    let agent_neg = match sdp::parse_answer(&String::from_utf8_lossy(answer)) {
        Ok(n) => n,
        Err(e) => {
            tracing::info!(call = call.0, error = %e, "the transfer target's SDP answer is unusable: hanging it up");
            let _ = sip.send(Command::Hangup { call: agent }).await;
            c.transfer_result(false);
            return;
        }
    };
    let released = match c.media.take() {
        Some(m) => {
            let (tx, rx) = oneshot::channel();
            let _ = m.commands.send(MediaCommand::Release(tx));
            tokio::time::timeout(HANDOVER, rx).await.ok().and_then(Result::ok)
        }
        None => None,
    };
    let Some(rel) = released else {
        tracing::warn!(call = call.0, "the caller's media could not be handed over: ending both calls");
        let _ = sip.send(Command::Hangup { call: agent }).await;
        let _ = sip.send(Command::Hangup { call }).await;
        return;
    };
    let relay = Relay::new(&rel.neg, rel.stream, &agent_neg, io::random_u32(), std::time::Instant::now(), cfg.media_timeout);
    let handle = io::spawn_relay((rel.rtp, rel.rtcp), sockets, relay, call, media_tx.clone());
    tracing::info!(call = call.0, caller_law = rel.neg.law.name(), agent_law = agent_neg.law.name(), "bridged to the transfer target");
    c.bridged.store(true, Ordering::SeqCst);
    c.bridge = Some(Bridge::Up { agent, relay: handle, local });
    c.transfer_result(true);
}

/// A call ended: when it was one side of a bridge, end the other side too. Returns whether the
/// event was the agent's (then nothing else is to be done for it).
pub(super) async fn on_ended(sip: &mpsc::Sender<Command>, calls: &mut HashMap<CallRef, SipCall>, call: CallRef, reason: &EndReason) -> bool {
    if let Some(c) = calls.get_mut(&call) {
        if let Some(agent) = take_agent(c) {
            tracing::info!(call = call.0, agent = agent.0, "the caller left: ending the bridged call");
            let _ = sip.send(Command::Hangup { call: agent }).await;
        }
        return false;
    }
    let Some(caller) = caller_of(calls, call) else { return false };
    let c = calls.get_mut(&caller).unwrap();
    match c.bridge.take() {
        Some(Bridge::Dialing { .. }) => {
            tracing::info!(call = caller.0, reason = ?reason, "the transfer target did not answer");
            c.transfer_result(false);
        }
        Some(Bridge::Up { relay, .. }) => {
            tracing::info!(call = caller.0, "the transfer target hung up: ending the caller's call");
            let _ = relay.commands.send(RelayCommand::Stop);
            let _ = sip.send(Command::Hangup { call: caller }).await;
        }
        None => {}
    }
    true
}

/// A side of a bridged call sent nothing for the media timeout: hang both sides up (their `Ended`
/// events then free the call).
pub(super) async fn on_peer_silent(sip: &mpsc::Sender<Command>, calls: &mut HashMap<CallRef, SipCall>, call: CallRef) {
    let Some(agent) = calls.get_mut(&call).and_then(take_agent) else { return };
    tracing::info!(call = call.0, agent = agent.0, "a side of the bridged call fell silent: ending both calls");
    let _ = sip.send(Command::Hangup { call: agent }).await;
    let _ = sip.send(Command::Hangup { call }).await;
}

/// A re-INVITE on either side of a bridge that is up: answered for that side (hold, resume, a new
/// codec) and passed to the relay. `None` when `call` is no side of a bridge that is up.
pub(super) fn on_reoffer(calls: &mut HashMap<CallRef, SipCall>, call: CallRef, offer: Option<&[u8]>) -> Option<Command> {
    let (owner, side) = match calls.get(&call) {
        Some(c) if matches!(c.bridge, Some(Bridge::Up { .. })) => (call, Side::Caller),
        Some(_) => return None,
        None => (caller_of(calls, call)?, Side::Agent),
    };
    let c = calls.get_mut(&owner)?;
    let Some(Bridge::Up { relay, local: agent_local, .. }) = c.bridge.as_mut() else { return None };
    let local = if side == Side::Caller { &mut c.local } else { agent_local };
    let Some(offer) = offer else {
        // An offer of ours; the peer's answer comes with its ACK and keeps the relay as it is.
        return Some(Command::AcceptReoffer { call, sdp: local.offer().into_bytes() });
    };
    Some(match SessionDescription::parse(&String::from_utf8_lossy(offer)).and_then(|sd| local.answer(&sd)) {
        Ok((neg, answer)) => {
            tracing::info!(call = owner.0, side = ?side, direction = ?neg.direction, "re-INVITE during the bridge");
            let _ = relay.commands.send(RelayCommand::Update(side, neg));
            Command::AcceptReoffer { call, sdp: answer.into_bytes() }
        }
        Err(e) => {
            tracing::info!(call = owner.0, side = ?side, error = %e, "unusable re-INVITE during the bridge");
            Command::Reject { call, code: super::sip_leg::reject_code(&e) }
        }
    })
}
