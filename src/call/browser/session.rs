//! One browser call's media, sans-IO: the WebRTC peer (str0m, itself sans-IO), Opus in and out,
//! and the 20 ms slot clock that turns it into [`LegEvent`]s for the call engine.
//!
//! Fed with UDP datagrams, the clock and the engine's requests (`handle_*`, [`BrowserSession::play`],
//! [`BrowserSession::stop`], [`BrowserSession::send_message`]); drained with
//! [`BrowserSession::poll_output`] until it yields [`BrowserOutput::Timeout`]. Audio is kept at
//! 16 kHz both ways (Opus decodes to and encodes from 16 kHz itself; the RTP clock stays 48 kHz),
//! so recognition hears the browser's wideband voice without an 8 kHz detour.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use str0m::change::SdpOffer;
use str0m::channel::ChannelId;
use str0m::format::Codec;
use str0m::media::{Frequency, MediaKind, MediaTime, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc, RtcConfig};

use crate::call::driver::LegEvent;
use crate::speech::audio::Audio;

/// The call's audio rate on our side (recognition's rate; Opus converts to and from it).
pub const RATE: u32 = 16_000;
/// Samples in one 20 ms slot at [`RATE`].
pub const SLOT: usize = (RATE / 50) as usize;
const SLOT_TIME: Duration = Duration::from_millis(20);
/// RTP clock ticks per slot (Opus always runs a 48 kHz RTP clock).
const RTP_TICKS: u64 = 960;
/// Most decoded audio kept waiting for its slot (older audio is dropped: the browser ran ahead).
const MAX_BUFFERED: usize = SLOT * 10;
/// A browser silent this long (no packet at all) is gone.
const SILENT_LIMIT: Duration = Duration::from_secs(15);

/// Why a browser call could not start.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The offer is not SDP str0m can read.
    #[error("the browser's SDP offer is malformed: {0}")]
    Offer(String),
    /// The offer could not be accepted (no audio, no common codec, no ICE credentials…).
    #[error("cannot answer the browser's offer: {0}")]
    Negotiation(String),
    /// Opus could not be set up.
    #[error("Opus: {0}")]
    Opus(#[from] opus::Error),
}

/// What the session asks of its shell.
#[derive(Debug, Clone, PartialEq)]
pub enum BrowserOutput {
    /// Send this datagram from the call's socket.
    Transmit {
        /// Destination.
        to: SocketAddr,
        /// The datagram.
        bytes: Vec<u8>,
    },
    /// Tell the call engine.
    Event(LegEvent),
    /// Call `handle_timeout` at this instant.
    Timeout(Instant),
}

/// One browser call's media; see the module documentation.
pub struct BrowserSession {
    rtc: Rtc,
    local: SocketAddr,
    mid: Option<Mid>,
    channel: Option<ChannelId>,
    decoder: opus::Decoder,
    encoder: opus::Encoder,
    received: VecDeque<i16>,
    playing: VecDeque<VecDeque<i16>>,
    started: bool,
    next_slot: Option<Instant>,
    rtp_time: u64,
    last_heard: Instant,
    unsent: VecDeque<String>,
    outputs: VecDeque<BrowserOutput>,
    rtc_deadline: Instant,
    ended: bool,
}

impl std::fmt::Debug for BrowserSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserSession").field("local", &self.local).field("ended", &self.ended).finish_non_exhaustive()
    }
}

impl BrowserSession {
    /// Answers the browser's SDP `offer` for a call whose media uses the UDP socket bound at
    /// `local`; returns the session and the SDP answer to send back.
    pub fn accept(offer: &str, local: SocketAddr, now: Instant) -> Result<(BrowserSession, String), SessionError> {
        if !offer.contains("m=audio") {
            return Err(SessionError::Negotiation("the offer has no audio".into()));
        }
        let offer = SdpOffer::from_sdp_string(offer).map_err(|e| SessionError::Offer(e.to_string()))?;
        let provider = Arc::new(str0m::crypto::from_feature_flags());
        let mut rtc = RtcConfig::new().set_crypto_provider(provider).clear_codecs().enable_opus(true, false).build(now);
        let candidate = Candidate::host(local, "udp").map_err(|e| SessionError::Negotiation(e.to_string()))?;
        rtc.add_local_candidate(candidate);
        let answer = rtc.sdp_api().accept_offer(offer).map_err(|e| SessionError::Negotiation(e.to_string()))?;
        let mut s = BrowserSession {
            rtc,
            local,
            mid: None,
            channel: None,
            decoder: opus::Decoder::new(RATE, opus::Channels::Mono)?,
            encoder: opus::Encoder::new(RATE, opus::Channels::Mono, opus::Application::Voip)?,
            received: VecDeque::new(),
            playing: VecDeque::new(),
            started: false,
            next_slot: None,
            rtp_time: 0,
            last_heard: now,
            unsent: VecDeque::new(),
            outputs: VecDeque::new(),
            rtc_deadline: now,
            ended: false,
        };
        s.drain(now);
        Ok((s, answer.to_sdp_string()))
    }

    /// Whether the call is over (the browser left, or we hung up).
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// Whether our voice is playing or queued.
    pub fn is_speaking(&self) -> bool {
        !self.playing.is_empty()
    }

    /// A datagram arrived on the call's socket from `source`.
    pub fn handle_receive(&mut self, now: Instant, source: SocketAddr, bytes: &[u8]) {
        if self.ended {
            return;
        }
        self.last_heard = now;
        let Ok(contents) = bytes.try_into() else { return };
        let input = Input::Receive(now, Receive { proto: Protocol::Udp, source, destination: self.local, contents });
        if self.rtc.accepts(&input) {
            if let Err(e) = self.rtc.handle_input(input) {
                tracing::debug!(error = %e, "browser packet refused");
            }
            self.drain(now);
        }
        self.slots(now);
    }

    /// The clock: ICE and DTLS timers, and the 20 ms audio slots.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.ended {
            return;
        }
        if now >= self.rtc_deadline {
            if let Err(e) = self.rtc.handle_input(Input::Timeout(now)) {
                tracing::debug!(error = %e, "browser peer timer");
            }
            self.drain(now);
        }
        if now.saturating_duration_since(self.last_heard) > SILENT_LIMIT {
            tracing::info!("the browser went silent: ending its call");
            self.end();
            return;
        }
        self.slots(now);
    }

    /// Queues `audio` to play after what is queued.
    pub fn play(&mut self, audio: Audio) {
        let audio = if audio.rate == RATE {
            audio
        } else {
            match audio.resampled(RATE) {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot resample speech for the browser");
                    return;
                }
            }
        };
        self.playing.push_back(audio.to_i16().into());
    }

    /// Stops playing and drops what is queued.
    pub fn stop(&mut self) {
        self.playing.clear();
        self.started = false;
    }

    /// Sends a text message to the page over the data channel (kept until the channel opens).
    pub fn send_message(&mut self, now: Instant, text: String) {
        self.unsent.push_back(text);
        self.flush_messages(now);
    }

    /// Ends the call from our side.
    pub fn hang_up(&mut self, now: Instant) {
        if !self.ended {
            self.send_message(now, r#"{"type":"bye"}"#.to_string());
            self.rtc.disconnect();
            self.drain(now);
            self.end();
        }
    }

    /// The next thing to do; ends each drain with [`BrowserOutput::Timeout`].
    pub fn poll_output(&mut self) -> Option<BrowserOutput> {
        if let Some(o) = self.outputs.pop_front() {
            return Some(o);
        }
        if self.ended {
            return None;
        }
        let t = match self.next_slot {
            Some(s) => s.min(self.rtc_deadline),
            None => self.rtc_deadline,
        };
        self.outputs.push_back(BrowserOutput::Timeout(t));
        self.outputs.pop_front()
    }

    fn end(&mut self) {
        if !self.ended {
            self.ended = true;
            self.next_slot = None;
            self.outputs.push_back(BrowserOutput::Event(LegEvent::HungUp));
        }
    }

    /// Drains str0m to its next timeout (its one rule: drain after every change).
    fn drain(&mut self, now: Instant) {
        let mut events = Vec::new();
        loop {
            match self.rtc.poll_output() {
                Ok(Output::Timeout(t)) => {
                    self.rtc_deadline = t;
                    break;
                }
                Ok(Output::Transmit(t)) => self.outputs.push_back(BrowserOutput::Transmit { to: t.destination, bytes: t.contents.to_vec() }),
                Ok(Output::Event(e)) => events.push(e),
                Err(e) => {
                    tracing::info!(error = %e, "browser peer failed");
                    self.end();
                    return;
                }
            }
        }
        for e in events {
            self.on_event(now, e);
        }
    }

    fn on_event(&mut self, now: Instant, e: Event) {
        match e {
            Event::MediaAdded(m) if m.kind == MediaKind::Audio => self.mid = Some(m.mid),
            Event::Connected => {
                tracing::info!("browser call connected");
                self.next_slot = Some(now);
                self.outputs.push_back(BrowserOutput::Event(LegEvent::Answered));
            }
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => self.end(),
            Event::MediaData(d) => self.decode(&d.data),
            Event::ChannelOpen(id, _) => {
                self.channel = Some(id);
                self.flush_messages(now);
            }
            Event::ChannelData(d) => self.on_message(now, &String::from_utf8_lossy(&d.data)),
            Event::ChannelClose(_) | Event::Closed => self.end(),
            _ => {}
        }
    }

    /// A message from the page: `key:N` (the on-screen keypad) or `bye` (Raccrocher).
    fn on_message(&mut self, now: Instant, text: &str) {
        let text = text.trim();
        if let Some(k) = text.strip_prefix("key:").and_then(|k| k.chars().next()) {
            if k.is_ascii_digit() || k == '*' || k == '#' {
                self.outputs.push_back(BrowserOutput::Event(LegEvent::Key(k)));
            }
        } else if text == "bye" {
            self.rtc.disconnect();
            self.drain(now);
            self.end();
        }
    }

    fn flush_messages(&mut self, now: Instant) {
        let Some(id) = self.channel else { return };
        while let Some(m) = self.unsent.pop_front() {
            let sent = self.rtc.channel(id).map(|mut c| c.write(false, m.as_bytes()));
            self.drain(now);
            if !matches!(sent, Some(Ok(true))) {
                tracing::debug!("data channel full or closed: a message to the page is dropped");
            }
        }
    }

    fn decode(&mut self, packet: &[u8]) {
        let mut pcm = [0i16; SLOT * 6];
        match self.decoder.decode(packet, &mut pcm, false) {
            Ok(n) => self.received.extend(&pcm[..n]),
            Err(e) => tracing::debug!(error = %e, "undecodable Opus packet"),
        }
        let excess = self.received.len().saturating_sub(MAX_BUFFERED);
        self.received.drain(..excess);
    }

    /// Runs every slot that is due: one frame heard, one frame sent.
    fn slots(&mut self, now: Instant) {
        let Some(mut due) = self.next_slot else { return };
        if now.saturating_duration_since(due) > SLOT_TIME * 10 {
            // The task was held up: skip ahead rather than rush a burst of slots.
            due = now;
        }
        while due <= now && !self.ended {
            self.slot(now);
            due += SLOT_TIME;
        }
        self.next_slot = Some(due);
    }

    fn slot(&mut self, now: Instant) {
        let received: Vec<i16> = if self.received.len() >= SLOT { self.received.drain(..SLOT).collect() } else { vec![0; SLOT] };
        let mut sent = None;
        if let Some(u) = self.playing.front_mut() {
            if !self.started {
                self.started = true;
                self.outputs.push_back(BrowserOutput::Event(LegEvent::SpeechStarted));
            }
            let take = u.len().min(SLOT);
            let mut frame: Vec<i16> = u.drain(..take).collect();
            frame.resize(SLOT, 0);
            if u.is_empty() {
                self.playing.pop_front();
                self.started = false;
                self.outputs.push_back(BrowserOutput::Event(LegEvent::SpeechDone));
            }
            sent = Some(frame);
        }
        self.send_frame(now, sent.as_deref().unwrap_or(&[0; SLOT]));
        self.outputs.push_back(BrowserOutput::Event(LegEvent::Audio { received, sent }));
    }

    fn send_frame(&mut self, now: Instant, frame: &[i16]) {
        let Some(mid) = self.mid else { return };
        let mut packet = [0u8; 1500];
        let n = match self.encoder.encode(frame, &mut packet) {
            Ok(n) => n,
            Err(e) => {
                tracing::debug!(error = %e, "Opus encoding failed");
                return;
            }
        };
        let time = MediaTime::new(self.rtp_time, Frequency::FORTY_EIGHT_KHZ);
        self.rtp_time += RTP_TICKS;
        let Some(writer) = self.rtc.writer(mid) else { return };
        let Some(pt) = writer.payload_params().find(|p| p.spec().codec == Codec::Opus).map(|p| p.pt()) else { return };
        if let Err(e) = writer.write(pt, now, time, packet[..n].to_vec()) {
            tracing::debug!(error = %e, "cannot send audio to the browser");
        }
        self.drain(now);
    }
}
