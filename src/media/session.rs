//! The sans-IO media session of one call: RTP in and out, DTMF, jitter buffer, pacing, RTCP, VAD.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use super::dtmf::{self, Digit, DtmfReceiver};
use super::jitter::{JitterBuffer, Playout, FRAME_SAMPLES};
use super::pacer::{Pacer, FRAME};
use super::relay::StreamState;
use super::rtcp::{self, ReportBlock, RtcpPacket, SenderInfo};
use super::rtp::{looks_like_rtcp, RtpPacket, SeqExtender};
use super::sdp::Negotiated;
use super::vad::Vad;
use crate::speech::audio::{Audio, AudioError};

/// RTCP report interval.
pub const RTCP_INTERVAL: Duration = Duration::from_secs(5);

/// The comfort-noise payload type (RFC 3389), ignored on receipt.
pub const COMFORT_NOISE_PT: u8 = 13;

/// Which of the call's two sockets a datagram goes out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The RTP port.
    Rtp,
    /// The RTCP port (RTP port + 1).
    Rtcp,
}

/// What the session asks of its IO shell or reports to the call.
#[derive(Debug, Clone, PartialEq)]
pub enum MediaOutput {
    /// Send a datagram.
    Transmit {
        /// Which socket to send from.
        channel: Channel,
        /// Destination.
        to: SocketAddr,
        /// The datagram.
        bytes: Vec<u8>,
    },
    /// One 20 ms slot: the audio received at 8 kHz (silence-filled and concealed) and the speech we
    /// sent in the same slot (`None`: silence or a key tone), the reference for echo.
    Audio {
        /// What the caller's side sent us.
        received: Vec<i16>,
        /// What we sent.
        sent: Option<Vec<i16>>,
    },
    /// A DTMF key received (RFC 4733).
    Dtmf(Digit),
    /// The caller started (`true`) or stopped (`false`) talking.
    Voice(bool),
    /// The first frame of a queued utterance is being sent.
    SpeechStarted,
    /// A queued utterance has been sent in full.
    SpeechDone,
    /// Call `handle_timeout` at this instant.
    Timeout(Instant),
}

#[derive(Debug, Clone)]
enum OutFrame {
    SpeechStart,
    Speech(Vec<i16>),
    SpeechEnd,
    Event { marker: bool, payload: [u8; 4] },
}

/// Counters of one session, for logs and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MediaStats {
    /// RTP packets sent.
    pub packets_sent: u64,
    /// RTP packets received and accepted.
    pub packets_received: u64,
    /// Datagrams dropped as not RTP, or of a payload type we did not negotiate.
    pub packets_ignored: u64,
    /// Comfort-noise packets received.
    pub comfort_noise: u64,
}

/// One call's media, fed with datagrams and a clock; see the module documentation.
#[derive(Debug)]
pub struct MediaSession {
    neg: Negotiated,
    remote_rtp: SocketAddr,
    remote_rtcp: SocketAddr,
    latched: bool,
    ssrc: u32,
    cname: String,
    seq: u16,
    ts_base: u32,
    pacer: Pacer,
    outgoing: VecDeque<OutFrame>,
    event_ts: u32,
    need_marker: bool,
    jitter: JitterBuffer,
    dtmf: DtmfReceiver,
    vad: Vad,
    outputs: VecDeque<MediaOutput>,
    octets_sent: u64,
    next_rtcp: Instant,
    wall: (Instant, SystemTime),
    remote_ssrc: Option<u32>,
    remote_seq: SeqExtender,
    highest_seq: u64,
    last_sr: Option<(u32, Instant)>,
    peer_reports: Vec<ReportBlock>,
    last_received: Option<Instant>,
    emit_audio: bool,
    stats: MediaStats,
    timeout_pending: bool,
}

fn rtcp_addr(a: SocketAddr) -> SocketAddr {
    SocketAddr::new(a.ip(), a.port().wrapping_add(1))
}

impl MediaSession {
    /// A session for the negotiated stream; `ssrc` also seeds the first sequence number and timestamp.
    pub fn new(neg: Negotiated, now: Instant, wall: SystemTime, ssrc: u32, cname: &str) -> Self {
        Self {
            neg,
            remote_rtp: neg.remote,
            remote_rtcp: rtcp_addr(neg.remote),
            latched: false,
            ssrc,
            cname: cname.to_string(),
            seq: (ssrc >> 7) as u16,
            ts_base: ssrc.rotate_left(13),
            pacer: Pacer::new(now),
            outgoing: VecDeque::new(),
            event_ts: 0,
            need_marker: true,
            jitter: JitterBuffer::default(),
            dtmf: DtmfReceiver::default(),
            vad: Vad::default(),
            outputs: VecDeque::new(),
            octets_sent: 0,
            next_rtcp: now + RTCP_INTERVAL,
            wall: (now, wall),
            remote_ssrc: None,
            remote_seq: SeqExtender::default(),
            highest_seq: 0,
            last_sr: None,
            peer_reports: Vec::new(),
            last_received: None,
            emit_audio: true,
            stats: MediaStats::default(),
            timeout_pending: true,
        }
    }

    /// Where our stream toward the peer stands (SSRC, next sequence number and timestamp, peer), for a relay taking it over.
    pub fn stream_state(&self) -> StreamState {
        let ts = self.ts_base.wrapping_add((self.pacer.next_index() as u32).wrapping_mul(FRAME_SAMPLES as u32));
        StreamState { ssrc: self.ssrc, seq: self.seq, ts, remote: self.remote_rtp, latched: self.latched }
    }

    /// Whether to emit `MediaOutput::Audio` for received frames (on by default).
    pub fn set_audio_output(&mut self, on: bool) {
        self.emit_audio = on;
    }

    /// Applies a renegotiation (re-INVITE): codec, direction (hold/unhold), maybe a new address.
    pub fn update(&mut self, neg: Negotiated) {
        if neg.remote != self.neg.remote {
            self.latched = false;
            self.remote_rtp = neg.remote;
            self.remote_rtcp = rtcp_addr(neg.remote);
        }
        self.neg = neg;
    }

    /// The negotiated stream.
    pub fn negotiated(&self) -> &Negotiated {
        &self.neg
    }

    /// Where RTP goes now (the SDP address, or where the caller's packets come from once latched).
    pub fn remote(&self) -> SocketAddr {
        self.remote_rtp
    }

    /// Counters.
    pub fn stats(&self) -> MediaStats {
        self.stats
    }

    /// The latest receiver reports the peer sent about our stream.
    pub fn peer_reports(&self) -> &[ReportBlock] {
        &self.peer_reports
    }

    /// When the last valid RTP packet arrived.
    pub fn last_received(&self) -> Option<Instant> {
        self.last_received
    }

    /// Queues speech to send, resampled to 8 kHz once; `SpeechDone` follows its last frame.
    pub fn queue_speech(&mut self, audio: &Audio) -> Result<(), AudioError> {
        let audio = if audio.rate == 8000 { audio.clone() } else { audio.resampled(8000)? };
        self.outgoing.push_back(OutFrame::SpeechStart);
        for chunk in audio.to_i16().chunks(FRAME_SAMPLES) {
            let mut f = chunk.to_vec();
            f.resize(FRAME_SAMPLES, 0);
            self.outgoing.push_back(OutFrame::Speech(f));
        }
        self.outgoing.push_back(OutFrame::SpeechEnd);
        Ok(())
    }

    /// Drops queued speech (barge-in); returns whether any was cut.
    pub fn stop_speech(&mut self) -> bool {
        let before = self.outgoing.len();
        self.outgoing.retain(|f| matches!(f, OutFrame::Event { .. }));
        before != self.outgoing.len()
    }

    /// Whether speech is queued or being sent.
    pub fn is_speaking(&self) -> bool {
        self.outgoing.iter().any(|f| matches!(f, OutFrame::SpeechEnd))
    }

    /// Queues an RFC 4733 key press to send (after queued speech); false when it cannot be sent.
    pub fn queue_dtmf(&mut self, key: char, duration_ms: u32) -> bool {
        let (Some(_), Some(frames)) = (self.neg.telephone_event, dtmf::event_frames(key, duration_ms)) else { return false };
        self.outgoing.extend(frames.into_iter().map(|(marker, payload)| OutFrame::Event { marker, payload }));
        true
    }

    /// Feeds a datagram received on the RTP port (RTCP multiplexed there is handled too).
    pub fn handle_rtp(&mut self, now: Instant, from: SocketAddr, bytes: &[u8]) {
        self.timeout_pending = true;
        if looks_like_rtcp(bytes) {
            self.handle_rtcp(now, from, bytes);
            return;
        }
        let Ok(p) = RtpPacket::parse(bytes) else {
            self.stats.packets_ignored += 1;
            return;
        };
        let pt = p.payload_type;
        let is_audio = pt == self.neg.payload_type;
        let is_event = Some(pt) == self.neg.telephone_event;
        if !(is_audio || is_event || pt == COMFORT_NOISE_PT) {
            self.stats.packets_ignored += 1;
            return;
        }
        if !self.latched {
            // Symmetric RTP: answer where the caller's packets come from (NAT).
            self.latched = true;
            self.remote_rtp = from;
            self.remote_rtcp = rtcp_addr(from);
        }
        self.last_received = Some(now);
        self.stats.packets_received += 1;
        if is_event {
            for d in self.dtmf.handle(now, p.ssrc, p.timestamp, &p.payload) {
                self.outputs.push_back(MediaOutput::Dtmf(d));
            }
        } else if is_audio {
            self.remote_ssrc = Some(p.ssrc);
            self.highest_seq = self.highest_seq.max(self.remote_seq.extend(p.sequence));
            self.jitter.push(now, p.sequence, p.timestamp, self.neg.law.decode(&p.payload));
        } else {
            self.stats.comfort_noise += 1;
        }
    }

    /// Feeds a datagram received on the RTCP port.
    pub fn handle_rtcp(&mut self, now: Instant, _from: SocketAddr, bytes: &[u8]) {
        let Ok(packets) = rtcp::parse(bytes) else {
            self.stats.packets_ignored += 1;
            return;
        };
        for p in packets {
            match p {
                RtcpPacket::SenderReport { info, reports, .. } => {
                    self.last_sr = Some(((info.ntp >> 16) as u32, now));
                    self.keep_reports(reports);
                }
                RtcpPacket::ReceiverReport { reports, .. } => self.keep_reports(reports),
                _ => {}
            }
        }
    }

    fn keep_reports(&mut self, reports: Vec<ReportBlock>) {
        let mine: Vec<_> = reports.into_iter().filter(|r| r.ssrc == self.ssrc).collect();
        if !mine.is_empty() {
            self.peer_reports = mine;
        }
    }

    /// Advances the clock: sends due frames, plays out received audio, reports, DTMF timeouts.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.timeout_pending = true;
        for i in self.pacer.due(now) {
            let sent = self.send_slot(i);
            let played = self.jitter.pop();
            let samples = match played {
                Playout::Frame(s) | Playout::Concealed(s) | Playout::Silence(s) => s,
            };
            let slot_time = self.pacer_time(i);
            if let Some(v) = self.vad.push(slot_time, &samples) {
                self.outputs.push_back(MediaOutput::Voice(v));
            }
            if self.emit_audio {
                self.outputs.push_back(MediaOutput::Audio { received: samples, sent });
            }
        }
        if let Some(d) = self.dtmf.handle_timeout(now) {
            self.outputs.push_back(MediaOutput::Dtmf(d));
        }
        if now >= self.next_rtcp {
            self.send_report(now);
            while self.next_rtcp <= now {
                self.next_rtcp += RTCP_INTERVAL;
            }
        }
    }

    fn pacer_time(&self, i: u64) -> Instant {
        self.wall.0 + FRAME * i as u32
    }

    /// Sends the frame of slot `index`; returns the speech samples sent, if any.
    fn send_slot(&mut self, index: u64) -> Option<Vec<i16>> {
        let mut sent = None;
        let ts = self.ts_base.wrapping_add((index as u32).wrapping_mul(FRAME_SAMPLES as u32));
        let (pt, marker, payload, timestamp) = loop {
            match self.outgoing.pop_front() {
                Some(OutFrame::SpeechStart) => {
                    self.outputs.push_back(MediaOutput::SpeechStarted);
                    continue;
                }
                Some(OutFrame::SpeechEnd) => {
                    self.outputs.push_back(MediaOutput::SpeechDone);
                    continue;
                }
                Some(OutFrame::Speech(s)) => {
                    let payload = self.neg.law.encode(&s);
                    sent = Some(s);
                    break (self.neg.payload_type, std::mem::take(&mut self.need_marker), payload, ts);
                }
                Some(OutFrame::Event { marker, payload }) => {
                    if marker {
                        self.event_ts = ts;
                    }
                    self.need_marker = true;
                    break (self.neg.telephone_event.unwrap_or(101), marker, payload.to_vec(), self.event_ts);
                }
                None => break (self.neg.payload_type, std::mem::take(&mut self.need_marker), vec![self.neg.law.silence(); FRAME_SAMPLES], ts),
            }
        };
        if !self.neg.direction.sends() {
            return None;
        }
        let mut p = RtpPacket::new(pt, self.seq, timestamp, self.ssrc, payload);
        p.marker = marker;
        self.seq = self.seq.wrapping_add(1);
        self.stats.packets_sent += 1;
        self.octets_sent += p.payload.len() as u64;
        self.outputs.push_back(MediaOutput::Transmit { channel: Channel::Rtp, to: self.remote_rtp, bytes: p.build() });
        sent
    }

    fn send_report(&mut self, now: Instant) {
        let wall = self.wall.1 + now.saturating_duration_since(self.wall.0);
        let elapsed = now.saturating_duration_since(self.wall.0);
        let rtp_timestamp = self.ts_base.wrapping_add((elapsed.as_micros() as u64 * 8 / 1000) as u32);
        let info = SenderInfo { ntp: rtcp::ntp_time(wall), rtp_timestamp, packet_count: self.stats.packets_sent as u32, octet_count: self.octets_sent as u32 };
        let reports: Vec<ReportBlock> = self
            .remote_ssrc
            .map(|ssrc| ReportBlock {
                ssrc,
                fraction_lost: 0,
                cumulative_lost: self.jitter.stats.concealed.min(0x7F_FFFF) as i32,
                highest_seq: self.highest_seq as u32,
                jitter: self.jitter.jitter(),
                last_sr: self.last_sr.map(|(m, _)| m).unwrap_or(0),
                delay_since_last_sr: self.last_sr.map(|(_, at)| (now.saturating_duration_since(at).as_secs_f64() * 65536.0) as u32).unwrap_or(0),
            })
            .into_iter()
            .collect();
        let bytes = rtcp::build_sender_report(self.ssrc, &info, &reports, &self.cname);
        self.outputs.push_back(MediaOutput::Transmit { channel: Channel::Rtcp, to: self.remote_rtcp, bytes });
    }

    /// The next output; ends with `Timeout` (when to call `handle_timeout` next) after each drain.
    pub fn poll_output(&mut self) -> Option<MediaOutput> {
        if let Some(o) = self.outputs.pop_front() {
            return Some(o);
        }
        if std::mem::take(&mut self.timeout_pending) {
            return Some(MediaOutput::Timeout(self.poll_timeout()));
        }
        None
    }

    /// When `handle_timeout` must next be called.
    pub fn poll_timeout(&self) -> Instant {
        let mut t = self.pacer.next_due().min(self.next_rtcp);
        if let Some(d) = self.dtmf.poll_timeout() {
            t = t.min(d);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::g711::Law;
    use crate::media::sdp::Direction;

    fn neg(law: Law) -> Negotiated {
        Negotiated {
            remote: "127.0.0.1:6000".parse().unwrap(),
            law,
            payload_type: law.payload_type(),
            telephone_event: Some(101),
            direction: Direction::SendRecv,
        }
    }

    fn drain(s: &mut MediaSession) -> Vec<MediaOutput> {
        std::iter::from_fn(|| s.poll_output()).collect()
    }

    fn sent(out: &[MediaOutput]) -> Vec<(SocketAddr, RtpPacket)> {
        out.iter()
            .filter_map(|o| match o {
                MediaOutput::Transmit { channel: Channel::Rtp, to, bytes } => Some((*to, RtpPacket::parse(bytes).unwrap())),
                _ => None,
            })
            .collect()
    }

    fn ms(t0: Instant, n: u64) -> Instant {
        t0 + Duration::from_millis(n)
    }

    #[test]
    fn paces_silence_then_speech_and_reports_done() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Ulaw), t0, SystemTime::now(), 0x1234_5678, "t");
        assert_eq!(s.poll_output(), Some(MediaOutput::Timeout(t0)));
        assert_eq!(s.poll_output(), None);
        s.handle_timeout(t0);
        let out = drain(&mut s);
        let p = sent(&out);
        assert_eq!(p.len(), 1);
        assert!(p[0].1.marker);
        assert_eq!(p[0].1.payload, vec![0xFF; 160]);
        // 50 ms of speech at 16 kHz → 400 samples at 8 kHz → three frames.
        let speech = Audio::new(16000, (0..800).map(|i| ((i as f32) * 0.2).sin() * 0.5).collect());
        s.queue_speech(&speech).unwrap();
        assert!(s.is_speaking());
        let mut all = Vec::new();
        for k in 1..=5 {
            s.handle_timeout(ms(t0, 20 * k));
            all.extend(drain(&mut s));
        }
        let p = sent(&all);
        assert_eq!(p.len(), 5);
        for (k, (_, pkt)) in p.iter().enumerate() {
            assert_eq!(pkt.sequence, p[0].1.sequence.wrapping_add(k as u16));
            assert_eq!(pkt.timestamp.wrapping_sub(p[0].1.timestamp), 160 * k as u32);
        }
        assert_ne!(p[0].1.payload, vec![0xFF; 160], "speech, not silence");
        assert_eq!(p[3].1.payload, vec![0xFF; 160], "silence after speech");
        assert!(matches!(all.last(), Some(MediaOutput::Timeout(t)) if *t == ms(t0, 120)));
        let done_at = all.iter().position(|o| *o == MediaOutput::SpeechDone).expect("SpeechDone");
        assert!(done_at > 0);
        assert!(!s.is_speaking());
    }

    #[test]
    fn symmetric_rtp_latches_on_first_valid_packet() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Alaw), t0, SystemTime::now(), 1, "t");
        let nat: SocketAddr = "127.0.0.9:7777".parse().unwrap();
        // Garbage and a wrong payload type do not latch.
        s.handle_rtp(t0, nat, b"hello");
        s.handle_rtp(t0, nat, &RtpPacket::new(0, 1, 0, 9, vec![0; 160]).build());
        assert_eq!(s.remote(), "127.0.0.1:6000".parse().unwrap());
        assert_eq!(s.stats().packets_ignored, 2);
        s.handle_rtp(t0, nat, &RtpPacket::new(8, 2, 160, 9, vec![0xD5; 160]).build());
        assert_eq!(s.remote(), nat);
        s.handle_timeout(t0);
        let out = drain(&mut s);
        assert_eq!(sent(&out)[0].0, nat);
        // Another source later does not steal the stream.
        s.handle_rtp(t0, "127.0.0.10:1".parse().unwrap(), &RtpPacket::new(8, 3, 320, 9, vec![0xD5; 160]).build());
        assert_eq!(s.remote(), nat);
    }

    #[test]
    fn receives_audio_dtmf_and_ignores_comfort_noise() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Alaw), t0, SystemTime::now(), 1, "t");
        let from: SocketAddr = "127.0.0.1:6000".parse().unwrap();
        let tone: Vec<i16> = (0..160).map(|i| ((i as f32 * 0.3).sin() * 8000.0) as i16).collect();
        let mut outs = Vec::new();
        for k in 0..40u64 {
            let p = RtpPacket::new(8, k as u16, 160 * k as u32, 77, Law::Alaw.encode(&tone));
            s.handle_rtp(ms(t0, 20 * k), from, &p.build());
            s.handle_timeout(ms(t0, 20 * k));
            outs.extend(drain(&mut s));
        }
        s.handle_rtp(t0, from, &RtpPacket::new(13, 999, 0, 77, vec![40]).build());
        // A key press on its own SSRC and sequence numbers, with three end packets.
        for (i, (marker, payload)) in dtmf::event_frames('5', 60).unwrap().into_iter().enumerate() {
            let mut p = RtpPacket::new(101, 5000 + i as u16, 123_456, 0xABCD, payload.to_vec());
            p.marker = marker;
            s.handle_rtp(t0, from, &p.build());
        }
        outs.extend(drain(&mut s));
        let digits: Vec<_> = outs.iter().filter_map(|o| if let MediaOutput::Dtmf(d) = o { Some(d.key) } else { None }).collect();
        assert_eq!(digits, vec!['5']);
        assert!(outs.contains(&MediaOutput::Voice(true)));
        let audio = outs.iter().filter(|o| matches!(o, MediaOutput::Audio { received: f, .. } if f.iter().any(|&x| x.abs() > 1000))).count();
        assert!(audio >= 35, "{audio} loud frames played out");
        assert_eq!(s.stats().comfort_noise, 1);
        // Then silence: voice ends.
        let mut later = Vec::new();
        for k in 40..80u64 {
            s.handle_timeout(ms(t0, 20 * k));
            later.extend(drain(&mut s));
        }
        assert!(later.contains(&MediaOutput::Voice(false)));
    }

    #[test]
    fn hold_stops_sending_and_unhold_resumes() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Ulaw), t0, SystemTime::now(), 1, "t");
        let mut held = neg(Law::Ulaw);
        held.direction = Direction::RecvOnly;
        s.update(held);
        s.handle_timeout(ms(t0, 100));
        assert!(sent(&drain(&mut s)).is_empty());
        s.update(neg(Law::Ulaw));
        s.handle_timeout(ms(t0, 120));
        assert_eq!(sent(&drain(&mut s)).len(), 1);
    }

    #[test]
    fn no_drift_over_ten_minutes() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Ulaw), t0, SystemTime::now(), 1, "t");
        s.set_audio_output(false);
        let mut n = 0u64;
        let mut first_ts = None;
        let mut last_ts = 0;
        let mut now = t0;
        while now <= t0 + Duration::from_secs(600) {
            s.handle_timeout(now);
            for (_, p) in sent(&drain(&mut s)) {
                first_ts.get_or_insert(p.timestamp);
                last_ts = p.timestamp;
                n += 1;
            }
            // Each wake-up is 1–7 ms late, as a loaded tokio timer is.
            now = s.poll_timeout() + Duration::from_millis(1 + n % 7);
        }
        // Frames 0..29 999 are due in the first 600 s: none lost to late wake-ups, none extra.
        assert_eq!(n, 30_000);
        assert_eq!(last_ts.wrapping_sub(first_ts.unwrap()), 29_999 * 160);
    }

    #[test]
    fn sends_rtcp_reports_and_reads_peer_reports() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Ulaw), t0, SystemTime::now(), 42, "me@here");
        s.handle_rtp(t0, "127.0.0.1:6000".parse().unwrap(), &RtpPacket::new(0, 1, 0, 77, vec![0xFF; 160]).build());
        let mut out = Vec::new();
        for k in 0..=250 {
            s.handle_timeout(ms(t0, 20 * k));
            out.extend(drain(&mut s));
        }
        let rtcp: Vec<_> = out
            .iter()
            .filter_map(|o| if let MediaOutput::Transmit { channel: Channel::Rtcp, to, bytes } = o { Some((*to, bytes.clone())) } else { None })
            .collect();
        assert_eq!(rtcp.len(), 1);
        assert_eq!(rtcp[0].0, "127.0.0.1:6001".parse().unwrap());
        let parsed = rtcp::parse(&rtcp[0].1).unwrap();
        let RtcpPacket::SenderReport { ssrc, info, reports } = &parsed[0] else { panic!() };
        assert_eq!((*ssrc, info.packet_count), (42, 251));
        assert_eq!(reports[0].ssrc, 77);
        // The peer's RR about us is kept; one about someone else is not.
        let rr = |who: u32| {
            let mut b = vec![0x81, 201, 0, 7, 0, 0, 0, 77];
            b.extend(who.to_be_bytes());
            b.extend([0u8; 20]);
            b
        };
        s.handle_rtcp(t0, "127.0.0.1:6001".parse().unwrap(), &rr(9));
        assert!(s.peer_reports().is_empty());
        s.handle_rtcp(t0, "127.0.0.1:6001".parse().unwrap(), &rr(42));
        assert_eq!(s.peer_reports().len(), 1);
    }

    #[test]
    fn sends_dtmf_and_barge_in_cuts_speech() {
        let t0 = Instant::now();
        let mut s = MediaSession::new(neg(Law::Ulaw), t0, SystemTime::now(), 1, "t");
        s.queue_speech(&Audio::new(8000, vec![0.3; 8000])).unwrap();
        assert!(s.stop_speech());
        assert!(!s.is_speaking());
        assert!(s.queue_dtmf('9', 40));
        let mut all = Vec::new();
        for k in 0..6 {
            s.handle_timeout(ms(t0, 20 * k));
            all.extend(drain(&mut s));
        }
        let p = sent(&all);
        assert!(p[..5].iter().all(|(_, p)| p.payload_type == 101 && p.timestamp == p.timestamp));
        assert!(p[0].1.marker);
        assert!(p[..5].iter().all(|(_, x)| x.timestamp == p[0].1.timestamp));
        assert_eq!(p[5].1.payload_type, 0);
        assert!(p[5].1.marker, "audio after an event starts a new talkspurt");
    }
}
