//! The thin IO shell of a media session: a tokio task per call with its RTP and RTCP sockets.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use tokio::net::UdpSocket;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::dtmf::Digit;
use super::relay::{Relay, RelayOutput, Side, StreamState};
use super::sdp::Negotiated;
use super::session::{Channel, MediaOutput, MediaSession, MediaStats};
use crate::speech::audio::Audio;

/// Hands out RTP/RTCP port pairs (even RTP port, RTCP on the next) from the configured range.
#[derive(Debug)]
pub struct PortPool {
    ip: IpAddr,
    min: u16,
    max: u16,
    next: AtomicU32,
}

impl PortPool {
    /// A pool over `min..=max` on `ip`.
    pub fn new(ip: IpAddr, min: u16, max: u16) -> Self {
        let min = min + (min % 2);
        Self { ip, min, max, next: AtomicU32::new(0) }
    }

    /// Binds the next free pair; errors when every pair of the range is taken.
    pub async fn bind(&self) -> std::io::Result<(UdpSocket, UdpSocket)> {
        let pairs = ((self.max.saturating_sub(self.min)) / 2).max(1) as u32;
        for _ in 0..pairs {
            let k = self.next.fetch_add(1, Ordering::Relaxed) % pairs;
            let port = self.min + 2 * k as u16;
            let Ok(rtp) = UdpSocket::bind(SocketAddr::new(self.ip, port)).await else { continue };
            let Ok(rtcp) = UdpSocket::bind(SocketAddr::new(self.ip, port + 1)).await else { continue };
            return Ok((rtp, rtcp));
        }
        Err(std::io::Error::new(std::io::ErrorKind::AddrInUse, format!("no free RTP port pair in {}–{}", self.min, self.max)))
    }
}

/// What the call asks of its media task.
#[derive(Debug)]
pub enum MediaCommand {
    /// Queue speech (any rate; resampled to 8 kHz once).
    Speak(Audio),
    /// Drop queued speech (barge-in).
    StopSpeech,
    /// Send an RFC 4733 key press.
    SendDtmf(char),
    /// Apply a renegotiation (re-INVITE, hold/unhold).
    Update(Negotiated),
    /// Stop the task.
    Close,
    /// Stop the task and hand its sockets and stream over (a bridged transfer relays them).
    Release(oneshot::Sender<Released>),
}

/// A call's RTP sockets and stream, handed over by a media task that stopped for a bridge.
#[derive(Debug)]
pub struct Released {
    /// The RTP socket.
    pub rtp: UdpSocket,
    /// The RTCP socket.
    pub rtcp: UdpSocket,
    /// The stream's negotiated codec and peer.
    pub neg: Negotiated,
    /// Where our stream toward the peer stands.
    pub stream: StreamState,
}

/// What the media task reports to the call.
#[derive(Debug, Clone, PartialEq)]
pub enum MediaEvent {
    /// A DTMF key received in RTP.
    Dtmf(Digit),
    /// The caller started or stopped talking.
    Voice(bool),
    /// A queued utterance started playing.
    SpeechStarted,
    /// A queued utterance has been sent in full.
    SpeechDone,
    /// One 20 ms slot, received and sent audio at 8 kHz (only when started with `forward_audio`).
    Audio {
        /// What the caller sent.
        received: Vec<i16>,
        /// What we sent (`None`: silence).
        sent: Option<Vec<i16>>,
    },
    /// The task ended.
    Closed(MediaStats, SendTiming),
    /// A bridged call's relay heard nothing from one side for the media timeout.
    PeerSilent,
}

/// How late RTP packets left compared with their 20 ms schedule, in microseconds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SendTiming {
    /// Send lateness of each wake-up, histogram in 100 µs buckets (the last bucket is ≥ 100 ms).
    pub late_histogram: Vec<u32>,
    /// Packets sent.
    pub packets: u64,
    /// Time between the first and last packet sent, in microseconds (summed over calls).
    pub span_us: u64,
    /// Intervals between consecutive packets (packets − 1 per call), summed over calls.
    pub intervals: u64,
}

impl SendTiming {
    /// An empty record.
    pub fn new() -> Self {
        Self { late_histogram: vec![0; 1001], packets: 0, span_us: 0, intervals: 0 }
    }

    /// Adds another call's figures.
    pub fn merge(&mut self, o: &SendTiming) {
        if self.late_histogram.len() < o.late_histogram.len() {
            self.late_histogram.resize(o.late_histogram.len(), 0);
        }
        for (a, b) in self.late_histogram.iter_mut().zip(&o.late_histogram) {
            *a += b;
        }
        self.packets += o.packets;
        self.span_us += o.span_us;
        self.intervals += o.intervals;
    }

    /// The mean time between two packets of a call, in microseconds.
    pub fn mean_interval_us(&self) -> f64 {
        if self.intervals == 0 {
            0.0
        } else {
            self.span_us as f64 / self.intervals as f64
        }
    }

    /// The lateness quantile `q` (0–1) in microseconds.
    pub fn late_quantile_us(&self, q: f64) -> u64 {
        let total: u64 = self.late_histogram.iter().map(|&c| c as u64).sum();
        if total == 0 {
            return 0;
        }
        let want = ((total as f64) * q).ceil().max(1.0) as u64;
        let mut acc = 0;
        for (i, &c) in self.late_histogram.iter().enumerate() {
            acc += c as u64;
            if acc >= want {
                return i as u64 * 100;
            }
        }
        self.late_histogram.len() as u64 * 100
    }
}

/// A running media task.
#[derive(Debug)]
pub struct MediaHandle {
    /// Commands to the task.
    pub commands: mpsc::UnboundedSender<MediaCommand>,
    /// Our RTP port.
    pub port: u16,
    /// The task (ends after `Close`).
    pub task: JoinHandle<()>,
}

/// Starts the media task of one call; its events go to `events` tagged with `tag`
/// (received audio too when `forward_audio`, for speech recognition).
pub fn spawn<T: Clone + Send + 'static>(
    rtp: UdpSocket,
    rtcp: UdpSocket,
    neg: Negotiated,
    tag: T,
    events: mpsc::UnboundedSender<(T, MediaEvent)>,
    forward_audio: bool,
) -> std::io::Result<MediaHandle> {
    let port = rtp.local_addr()?.port();
    let ssrc = random_u32();
    let cname = format!("standardiste@{}", rtp.local_addr()?.ip());
    let mut session = MediaSession::new(neg, Instant::now(), SystemTime::now(), ssrc, &cname);
    session.set_audio_output(forward_audio);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let rtp = Arc::new(rtp);
        let mut buf = vec![0u8; 2048];
        let mut buf2 = vec![0u8; 2048];
        let mut timing = SendTiming::new();
        let mut first_send: Option<Instant> = None;
        let mut last_send = Instant::now();
        let mut deadline = Instant::now();
        let mut release = None;
        loop {
            while let Some(out) = session.poll_output() {
                match out {
                    MediaOutput::Transmit { channel, to, bytes } => {
                        let sock = if channel == Channel::Rtp { &*rtp } else { &rtcp };
                        if let Err(e) = sock.send_to(&bytes, to).await {
                            tracing::debug!(error = %e, "RTP send failed");
                        }
                        if channel == Channel::Rtp {
                            let now = Instant::now();
                            first_send.get_or_insert(now);
                            last_send = now;
                            timing.packets += 1;
                        }
                    }
                    MediaOutput::Timeout(t) => deadline = t,
                    MediaOutput::Dtmf(d) => {
                        let _ = events.send((tag.clone(), MediaEvent::Dtmf(d)));
                    }
                    MediaOutput::Voice(v) => {
                        let _ = events.send((tag.clone(), MediaEvent::Voice(v)));
                    }
                    MediaOutput::SpeechDone => {
                        let _ = events.send((tag.clone(), MediaEvent::SpeechDone));
                    }
                    MediaOutput::SpeechStarted => {
                        let _ = events.send((tag.clone(), MediaEvent::SpeechStarted));
                    }
                    MediaOutput::Audio { received, sent } => {
                        let _ = events.send((tag.clone(), MediaEvent::Audio { received, sent }));
                    }
                }
            }
            tokio::select! {
                _ = tokio::time::sleep_until(deadline.into()) => {
                    let now = Instant::now();
                    let late = now.saturating_duration_since(deadline).as_micros() as usize / 100;
                    timing.late_histogram[late.min(1000)] += 1;
                    session.handle_timeout(now);
                }
                r = rtp.recv_from(&mut buf) => match r {
                    Ok((n, from)) => session.handle_rtp(Instant::now(), from, &buf[..n]),
                    Err(e) => tracing::debug!(error = %e, "RTP receive failed"),
                },
                r = rtcp.recv_from(&mut buf2) => match r {
                    Ok((n, from)) => session.handle_rtcp(Instant::now(), from, &buf2[..n]),
                    Err(e) => tracing::debug!(error = %e, "RTCP receive failed"),
                },
                c = rx.recv() => match c {
                    Some(MediaCommand::Speak(a)) => {
                        if let Err(e) = session.queue_speech(&a) {
                            tracing::warn!(error = %e, "cannot queue speech");
                        }
                    }
                    Some(MediaCommand::StopSpeech) => { session.stop_speech(); }
                    Some(MediaCommand::SendDtmf(k)) => { session.queue_dtmf(k, 100); }
                    Some(MediaCommand::Update(n)) => session.update(n),
                    Some(MediaCommand::Close) | None => break,
                    Some(MediaCommand::Release(to)) => {
                        release = Some(to);
                        break;
                    }
                },
            }
        }
        if let (Some(to), Ok(rtp)) = (release, Arc::try_unwrap(rtp)) {
            let _ = to.send(Released { rtp, rtcp, neg: *session.negotiated(), stream: session.stream_state() });
        }
        timing.span_us = first_send.map(|f| last_send.duration_since(f).as_micros() as u64).unwrap_or(0);
        timing.intervals = timing.packets.saturating_sub(1);
        let _ = events.send((tag, MediaEvent::Closed(session.stats(), timing)));
    });
    Ok(MediaHandle { commands: tx, port, task })
}

/// A running RTP relay between the two legs of a bridged call; it ends, freeing both legs'
/// sockets, on `RelayCommand::Stop` or when `commands` is dropped.
#[derive(Debug)]
pub struct RelayHandle {
    /// Commands to the relay.
    pub commands: mpsc::UnboundedSender<RelayCommand>,
    /// The task.
    pub task: JoinHandle<()>,
}

/// What the call manager asks of a running relay.
#[derive(Debug, Clone, PartialEq)]
pub enum RelayCommand {
    /// A side renegotiated (a re-INVITE: hold, resume, another codec or address).
    Update(Side, Negotiated),
    /// End the relay.
    Stop,
}

/// Starts relaying RTP between the caller's sockets and the agent's (RTP, RTCP pairs); a side
/// whose peer falls silent is reported to `events` as `PeerSilent`, tagged with `tag`.
pub fn spawn_relay<T: Clone + Send + std::fmt::Debug + 'static>(
    caller: (UdpSocket, UdpSocket),
    agent: (UdpSocket, UdpSocket),
    mut relay: Relay,
    tag: T,
    events: mpsc::UnboundedSender<(T, MediaEvent)>,
) -> RelayHandle {
    let (tx, mut commands) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let ((crtp, crtcp), (artp, artcp)) = (caller, agent);
        let (mut b1, mut b2, mut b3, mut b4) = (vec![0u8; 2048], vec![0u8; 2048], vec![0u8; 512], vec![0u8; 512]);
        let mut deadline = tokio::time::Instant::now();
        loop {
            while let Some(o) = relay.poll_output() {
                match o {
                    RelayOutput::Transmit { side, to, bytes } => {
                        let sock = if side == Side::Caller { &crtp } else { &artp };
                        if let Err(e) = sock.send_to(&bytes, to).await {
                            tracing::debug!(error = %e, "relayed RTP send failed");
                        }
                    }
                    RelayOutput::PeerSilent(side) => {
                        tracing::info!(call = ?tag, side = ?side, "no media from one side of the bridged call");
                        let _ = events.send((tag.clone(), MediaEvent::PeerSilent));
                    }
                    RelayOutput::Timeout(t) => deadline = t.into(),
                }
            }
            tokio::select! {
                c = commands.recv() => match c {
                    Some(RelayCommand::Update(side, n)) => relay.update(Instant::now(), side, &n),
                    Some(RelayCommand::Stop) | None => break,
                },
                r = crtp.recv_from(&mut b1) => if let Ok((n, from)) = r { relay.handle_rtp(Instant::now(), Side::Caller, from, &b1[..n]) },
                r = artp.recv_from(&mut b2) => if let Ok((n, from)) = r { relay.handle_rtp(Instant::now(), Side::Agent, from, &b2[..n]) },
                r = crtcp.recv_from(&mut b3) => if r.is_ok() { relay.handle_rtcp(Instant::now(), Side::Caller) },
                r = artcp.recv_from(&mut b4) => if r.is_ok() { relay.handle_rtcp(Instant::now(), Side::Agent) },
                _ = tokio::time::sleep_until(deadline) => relay.handle_timeout(Instant::now()),
            }
        }
        let s = relay.stats();
        tracing::info!(call = ?tag, to_agent = s.to_agent, to_caller = s.to_caller, dropped = s.dropped, "bridge media ended");
    });
    RelayHandle { commands: tx, task }
}

/// A random 32-bit value (SSRC) from the standard library's randomly keyed hasher.
pub fn random_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    h.finish() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_the_lateness_histogram() {
        let mut t = SendTiming::new();
        t.late_histogram[0] = 98;
        t.late_histogram[5] = 1;
        t.late_histogram[30] = 1;
        assert_eq!(t.late_quantile_us(0.5), 0);
        assert_eq!(t.late_quantile_us(0.99), 500);
        assert_eq!(t.late_quantile_us(1.0), 3000);
        let mut all = SendTiming::new();
        all.merge(&t);
        all.merge(&t);
        assert_eq!(all.late_histogram[0], 196);
    }
}

#[cfg(test)]
mod socket_tests {
    use super::*;
    use crate::media::g711::Law;
    use crate::media::rtp::RtpPacket;
    use crate::media::sdp::Direction;
    use std::time::Duration;

    /// The shell on real loopback sockets: paced RTP reaches the peer, the peer's audio and DTMF come back as events.
    #[tokio::test]
    async fn shell_moves_packets_both_ways_on_loopback() {
        let peer = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let (rtp, rtcp) = (UdpSocket::bind("127.0.0.1:0").await.unwrap(), UdpSocket::bind("127.0.0.1:0").await.unwrap());
        let ours = rtp.local_addr().unwrap();
        let neg =
            Negotiated { remote: peer.local_addr().unwrap(), law: Law::Ulaw, payload_type: 0, telephone_event: Some(101), direction: Direction::SendRecv };
        let (tx, mut rx) = mpsc::unbounded_channel();
        let h = spawn(rtp, rtcp, neg, 7u32, tx, true).unwrap();
        let mut buf = [0u8; 2048];
        for _ in 0..5 {
            let (n, from) = tokio::time::timeout(Duration::from_secs(2), peer.recv_from(&mut buf)).await.unwrap().unwrap();
            assert_eq!(from, ours);
            assert_eq!(RtpPacket::parse(&buf[..n]).unwrap().payload_type, 0);
        }
        for (i, end) in [false, true, true].into_iter().enumerate() {
            let p = RtpPacket::new(101, i as u16, 0, 9, vec![11, if end { 0x80 } else { 0 }, 0, 160]);
            peer.send_to(&p.build(), ours).await.unwrap();
        }
        for k in 0..4u16 {
            peer.send_to(&RtpPacket::new(0, 10 + k, 160 * k as u32, 8, vec![0x10; 160]).build(), ours).await.unwrap();
        }
        let mut got_digit = false;
        let mut got_audio = false;
        for _ in 0..200 {
            if got_digit && got_audio {
                break;
            }
            match tokio::time::timeout(Duration::from_secs(2), rx.recv()).await.unwrap().unwrap() {
                (7, MediaEvent::Dtmf(d)) => {
                    assert_eq!(d.key, '#');
                    assert!(!got_digit, "one digit");
                    got_digit = true;
                }
                (7, MediaEvent::Audio { received: f, .. }) => got_audio |= f.iter().any(|&s| s.abs() > 1000),
                _ => {}
            }
        }
        assert!(got_digit && got_audio, "digit {got_digit}, audio {got_audio}");
        h.commands.send(MediaCommand::Close).unwrap();
        tokio::time::timeout(Duration::from_secs(2), h.task).await.unwrap().unwrap();
    }
}
