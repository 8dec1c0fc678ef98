//! The browser call leg's IO shell: one UDP socket and one task per call move datagrams and time
//! to a [`BrowserSession`]; the call's conversation runs in the same [`driver`] as a phone call.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::net::UdpSocket;
use tokio::sync::mpsc;

use super::session::{self, BrowserOutput, BrowserSession, SessionError};
use crate::answer::TownHandle;
use crate::call::driver::{self, CallServices, Leg, LegEvent};
use crate::call::report::{Party, Record};
use crate::call::{CallEngine, CallId, EngineSettings};
use crate::speech::audio::Audio;

/// Why a browser call was refused.
#[derive(Debug, thiserror::Error)]
pub enum BrowserCallError {
    /// The offer could not be answered.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// No UDP socket for the call's media.
    #[error("cannot open a media socket on {ip}: {source}")]
    Socket {
        /// The address.
        ip: IpAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// Every line is taken.
    #[error("all lines are busy")]
    Busy,
}

/// Starts browser calls: the services they share with phone calls, and the voice at 16 kHz.
#[derive(Debug)]
pub struct BrowserCalls {
    town: Arc<TownHandle>,
    engine: EngineSettings,
    services: CallServices,
    max_active: usize,
    active: Arc<AtomicUsize>,
}

enum Command {
    Play(Audio),
    Stop,
    Message(String),
    TransferFailed,
    HangUp,
}

impl BrowserCalls {
    /// Browser calls about `town`; `services.voice` must speak at [`session::RATE`] Hz.
    pub fn new(town: Arc<TownHandle>, engine: EngineSettings, services: CallServices, max_active: usize) -> BrowserCalls {
        BrowserCalls { town, engine, services, max_active: max_active.max(1), active: Arc::default() }
    }

    /// Browser calls in progress.
    pub fn active(&self) -> usize {
        self.active.load(Ordering::SeqCst)
    }

    /// Answers a browser's SDP `offer` (ICE gathering complete) with media on `ip`; the call runs
    /// in its own task until either side hangs up. Returns the SDP answer.
    pub async fn start(&self, offer: &str, ip: IpAddr) -> Result<String, BrowserCallError> {
        if self.active() >= self.max_active {
            return Err(BrowserCallError::Busy);
        }
        let socket = UdpSocket::bind((ip, 0)).await.map_err(|source| BrowserCallError::Socket { ip, source })?;
        let local = socket.local_addr().map_err(|source| BrowserCallError::Socket { ip, source })?;
        let (session, answer) = BrowserSession::accept(offer, local, Instant::now())?;
        let id = CallId::next();
        tracing::info!(id = %id, media = %local, "browser call");
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
        let _ = self.services.records.send((id, Record::Began { channel: "web", caller: None, town: None }));
        let vad = crate::speech::vad::default_detector_off_runtime(session::RATE).await;
        let engine = CallEngine::new(self.engine.clone(), self.town.current(), vad, session::RATE, Instant::now(), jiff::Timestamp::now());
        let leg = BrowserLeg { commands: cmd_tx, town_phone: self.town.current().phone.clone() };
        self.active.fetch_add(1, Ordering::SeqCst);
        let active = self.active.clone();
        tokio::spawn(driver::drive(id, engine, leg, events_rx, self.services.clone()));
        tokio::spawn(async move {
            run(session, socket, cmd_rx, events_tx).await;
            active.fetch_sub(1, Ordering::SeqCst);
            tracing::info!(id = %id, "browser call ended");
        });
        Ok(answer)
    }
}

/// The engine's view of a browser call.
struct BrowserLeg {
    commands: mpsc::UnboundedSender<Command>,
    town_phone: Option<String>,
}

impl Leg for BrowserLeg {
    fn play(&mut self, audio: Audio) {
        let _ = self.commands.send(Command::Play(audio));
    }

    fn stop(&mut self) {
        let _ = self.commands.send(Command::Stop);
    }

    /// A browser call cannot be handed to a desk phone: the page shows the town hall's number, and
    /// the engine hears that the transfer failed, so it offers to take a message.
    fn transfer(&mut self, _target: &str) {
        let text = match &self.town_phone {
            Some(p) => format!("Pour parler à un agent, appelez la mairie au {p}. Vous pouvez aussi laisser un message."),
            None => "Le transfert vers un agent n'est pas possible depuis le navigateur. Vous pouvez laisser un message.".to_string(),
        };
        let _ = self.commands.send(Command::Message(serde_json::json!({ "type": "notice", "text": text }).to_string()));
        let _ = self.commands.send(Command::TransferFailed);
    }

    fn hang_up(&mut self) {
        let _ = self.commands.send(Command::HangUp);
    }

    fn caption(&mut self, who: Party, text: &str) {
        let who = match who {
            Party::Caller => "caller",
            Party::Assistant => "assistant",
        };
        let _ = self.commands.send(Command::Message(serde_json::json!({ "type": "caption", "who": who, "text": text }).to_string()));
    }
}

/// Moves datagrams, commands and time to the session until the call ends.
async fn run(mut session: BrowserSession, socket: UdpSocket, mut commands: mpsc::UnboundedReceiver<Command>, events: mpsc::UnboundedSender<LegEvent>) {
    let mut buf = vec![0u8; 2048];
    let mut deadline = Instant::now();
    loop {
        while let Some(out) = session.poll_output() {
            match out {
                BrowserOutput::Transmit { to, bytes } => {
                    if let Err(e) = socket.send_to(&bytes, to).await {
                        tracing::debug!(error = %e, "cannot send to the browser");
                    }
                }
                BrowserOutput::Event(e) => {
                    let _ = events.send(e);
                }
                BrowserOutput::Timeout(t) => {
                    deadline = t;
                    break;
                }
            }
        }
        if session.is_ended() {
            break;
        }
        tokio::select! {
            r = socket.recv_from(&mut buf) => match r {
                Ok((n, from)) => session.handle_receive(Instant::now(), from, &buf[..n]),
                Err(e) => tracing::debug!(error = %e, "browser media socket"),
            },
            c = commands.recv() => {
                let now = Instant::now();
                match c {
                    Some(Command::Play(a)) => session.play(a),
                    Some(Command::Stop) => session.stop(),
                    Some(Command::TransferFailed) => {
                        let _ = events.send(LegEvent::TransferResult(false));
                    }
                    Some(Command::Message(m)) => session.send_message(now, m),
                    Some(Command::HangUp) | None => session.hang_up(now),
                }
            }
            _ = tokio::time::sleep_until(deadline.into()) => session.handle_timeout(Instant::now()),
        }
    }
    // Whatever the session said last (its goodbye to the page, the hang-up event).
    while let Some(out) = session.poll_output() {
        match out {
            BrowserOutput::Transmit { to, bytes } => {
                let _ = socket.send_to(&bytes, to).await;
            }
            BrowserOutput::Event(e) => {
                let _ = events.send(e);
            }
            BrowserOutput::Timeout(_) => break,
        }
    }
}

/// The local address the kernel would use to reach `peer` (no packet is sent), loopback if none.
pub fn local_ip_toward(peer: SocketAddr) -> IpAddr {
    let any: SocketAddr = if peer.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    std::net::UdpSocket::bind(any)
        .and_then(|s| s.connect(peer).and_then(|_| s.local_addr()))
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}
