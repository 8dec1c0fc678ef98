//! The media of a bridged call: RTP relayed both ways between the caller's stream and the agent's.
//!
//! Sans-IO: `handle_rtp` / `handle_rtcp` with the side a datagram arrived on, `handle_timeout`, and
//! `poll_output` for what to send from which side's socket, ending with the next deadline. A side
//! whose peer should send and has sent nothing, RTP or RTCP, for the media timeout is reported
//! silent (a dead phone or a lost NAT binding): the shell then ends both calls. Audio payloads pass through untouched when both sides use the same G.711
//! law, transcoded µ-law↔A-law when they differ. Each outgoing stream keeps its own SSRC, sequence
//! numbers and timestamps (the caller's continues where our speech left off), so a peer sees one
//! steady stream. RFC 4733 key presses and comfort noise are dropped; RTCP is not relayed.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::g711::Law;
use super::rtp::{looks_like_rtcp, RtpPacket};
use super::sdp::Negotiated;

/// Samples in 20 ms at 8 kHz: the timestamp step assumed after a gap or a new source.
const STEP: u32 = 160;
/// The largest timestamp jump taken as is (2 s); beyond, the stream is re-based.
const MAX_JUMP: u32 = 16_000;

/// One side of a bridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The person who called the mairie.
    Caller,
    /// The agent our INVITE reached.
    Agent,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Side::Caller => 0,
            Side::Agent => 1,
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Caller => Side::Agent,
            Side::Agent => Side::Caller,
        }
    }
}

/// Where an outgoing stream stands: its SSRC, next sequence number and timestamp, and its peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamState {
    /// Our SSRC toward that peer.
    pub ssrc: u32,
    /// The next sequence number to send.
    pub seq: u16,
    /// The timestamp of the next frame to send.
    pub ts: u32,
    /// Where that peer receives RTP.
    pub remote: SocketAddr,
    /// Whether `remote` was learnt from the peer's own packets (symmetric RTP).
    pub latched: bool,
}

/// What the relay asks of its IO shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayOutput {
    /// A datagram to send from one side's RTP socket.
    Transmit {
        /// Whose socket sends it (toward that side's peer).
        side: Side,
        /// Destination.
        to: SocketAddr,
        /// The RTP packet.
        bytes: Vec<u8>,
    },
    /// That side's peer should send media and has sent nothing for the media timeout.
    PeerSilent(Side),
    /// Call `handle_timeout` at this instant.
    Timeout(Instant),
}

/// Packets counted by the relay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelayStats {
    /// Audio packets relayed from the caller to the agent.
    pub to_agent: u64,
    /// Audio packets relayed from the agent to the caller.
    pub to_caller: u64,
    /// Packets dropped: keys, comfort noise, RTCP, unknown payload types, garbage.
    pub dropped: u64,
}

#[derive(Debug)]
struct Leg {
    law: Law,
    payload_type: u8,
    sends: bool,
    /// Whether this side's peer is to send us media (our direction receives).
    receives: bool,
    /// When this side's peer was last heard from (any datagram), or the timer last restarted.
    heard: Instant,
    /// Whether its silence has been reported.
    silent: bool,
    out: StreamState,
    /// The last packet taken from this side's peer: its SSRC and timestamp.
    last_in: Option<(u32, u32)>,
    /// The timestamp given to the last packet relayed toward this side's peer.
    last_out: Option<u32>,
}

/// Relays RTP between the two legs of a bridged call; see the module documentation.
#[derive(Debug)]
pub struct Relay {
    legs: [Leg; 2],
    out: VecDeque<RelayOutput>,
    stats: RelayStats,
    media_timeout: Duration,
    timeout_pending: bool,
}

impl Relay {
    /// A relay between the caller's stream (`caller` negotiated, our stream toward it at `caller_out`)
    /// and the agent's (`agent` negotiated, our fresh SSRC `agent_ssrc` toward it), starting at `now`;
    /// a side silent for `media_timeout` is reported.
    pub fn new(caller: &Negotiated, caller_out: StreamState, agent: &Negotiated, agent_ssrc: u32, now: Instant, media_timeout: Duration) -> Self {
        let leg = |n: &Negotiated, out: StreamState| Leg {
            law: n.law,
            payload_type: n.payload_type,
            sends: n.direction.sends(),
            receives: n.direction.receives(),
            heard: now,
            silent: false,
            out,
            last_in: None,
            last_out: None,
        };
        let agent_out = StreamState { ssrc: agent_ssrc, seq: (agent_ssrc >> 7) as u16, ts: agent_ssrc.rotate_left(13), remote: agent.remote, latched: false };
        Relay {
            legs: [leg(caller, caller_out), leg(agent, agent_out)],
            out: VecDeque::new(),
            stats: RelayStats::default(),
            media_timeout,
            timeout_pending: true,
        }
    }

    /// A new negotiation on `side` (a re-INVITE: hold, resume, another codec or address).
    pub fn update(&mut self, now: Instant, side: Side, n: &Negotiated) {
        let leg = &mut self.legs[side.index()];
        (leg.law, leg.payload_type, leg.sends, leg.receives) = (n.law, n.payload_type, n.direction.sends(), n.direction.receives());
        if n.remote != leg.out.remote {
            leg.out.remote = n.remote;
            leg.out.latched = false;
        }
        leg.heard = now;
        leg.silent = false;
        self.timeout_pending = true;
    }

    /// Feeds an RTCP datagram that arrived on `side`'s RTCP socket: not relayed, a sign of life.
    pub fn handle_rtcp(&mut self, now: Instant, side: Side) {
        self.legs[side.index()].heard = now;
        self.timeout_pending = true;
    }

    /// Reports a side whose peer should send and has been silent for the media timeout.
    pub fn handle_timeout(&mut self, now: Instant) {
        for side in [Side::Caller, Side::Agent] {
            let limit = self.media_timeout;
            let leg = &mut self.legs[side.index()];
            if now.saturating_duration_since(leg.heard) < limit {
                continue;
            }
            if leg.receives && !leg.silent {
                leg.silent = true;
                self.out.push_back(RelayOutput::PeerSilent(side));
            }
            // Not expected to send (on hold), or already reported: look again a timeout later.
            leg.heard = now;
        }
        self.timeout_pending = true;
    }

    /// Feeds a datagram that arrived on `side`'s RTP socket from `from`.
    pub fn handle_rtp(&mut self, now: Instant, side: Side, from: SocketAddr, bytes: &[u8]) {
        self.legs[side.index()].heard = now;
        self.timeout_pending = true;
        let parsed = if looks_like_rtcp(bytes) { None } else { RtpPacket::parse(bytes).ok() };
        let Some(p) = parsed.filter(|p| p.payload_type == self.legs[side.index()].payload_type) else {
            self.stats.dropped += 1;
            return;
        };
        let inbound = &mut self.legs[side.index()];
        if !inbound.out.latched {
            // Symmetric RTP: answer where the peer's packets come from (NAT).
            inbound.out.latched = true;
            inbound.out.remote = from;
        }
        let from_law = inbound.law;
        let to = side.other();
        let outbound = &mut self.legs[to.index()];
        let (timestamp, marker) = outbound.restamp(p.ssrc, p.timestamp);
        if !outbound.sends {
            return;
        }
        let payload = if from_law == outbound.law { p.payload } else { outbound.law.encode(&from_law.decode(&p.payload)) };
        let mut q = RtpPacket::new(outbound.payload_type, outbound.out.seq, timestamp, outbound.out.ssrc, payload);
        q.marker = marker || p.marker;
        outbound.out.seq = outbound.out.seq.wrapping_add(1);
        self.out.push_back(RelayOutput::Transmit { side: to, to: outbound.out.remote, bytes: q.build() });
        match to {
            Side::Agent => self.stats.to_agent += 1,
            Side::Caller => self.stats.to_caller += 1,
        }
    }

    /// The next output; each drain ends with `Timeout` (when to call `handle_timeout`).
    pub fn poll_output(&mut self) -> Option<RelayOutput> {
        if let Some(o) = self.out.pop_front() {
            return Some(o);
        }
        if std::mem::take(&mut self.timeout_pending) {
            return Some(RelayOutput::Timeout(self.poll_timeout()));
        }
        None
    }

    /// When `handle_timeout` must next be called.
    pub fn poll_timeout(&self) -> Instant {
        self.legs.iter().map(|l| l.heard).min().unwrap_or_else(Instant::now) + self.media_timeout
    }

    /// Packets relayed and dropped so far.
    pub fn stats(&self) -> RelayStats {
        self.stats
    }

    /// Where the stream toward `side`'s peer stands.
    pub fn stream(&self, side: Side) -> StreamState {
        self.legs[side.index()].out
    }
}

impl Leg {
    /// The outgoing timestamp for an incoming packet (`ssrc`, `ts`) and whether it starts a new run:
    /// the incoming spacing is kept within one source; a new source or a jump continues 20 ms on.
    fn restamp(&mut self, ssrc: u32, ts: u32) -> (u32, bool) {
        let next = match (self.last_in, self.last_out) {
            (Some((s, t)), Some(o)) if s == ssrc => {
                let d = ts.wrapping_sub(t);
                (d != 0 && d <= MAX_JUMP).then(|| o.wrapping_add(d))
            }
            _ => None,
        };
        self.last_in = Some((ssrc, ts));
        let (out, marker) = match next {
            Some(o) => (o, false),
            None => (self.out.ts, true),
        };
        self.last_out = Some(out);
        self.out.ts = out.wrapping_add(STEP);
        (out, marker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sdp::Direction;

    const CALLER: &str = "127.0.0.1:6000";
    const AGENT: &str = "127.0.0.1:7000";
    const LIMIT: Duration = Duration::from_secs(60);

    fn neg(law: Law, remote: &str) -> Negotiated {
        Negotiated { remote: remote.parse().unwrap(), law, payload_type: law.payload_type(), telephone_event: Some(101), direction: Direction::SendRecv }
    }

    fn relay(caller: Law, agent: Law) -> Relay {
        let out = StreamState { ssrc: 0xCA11, seq: 500, ts: 80_000, remote: CALLER.parse().unwrap(), latched: true };
        Relay::new(&neg(caller, CALLER), out, &neg(agent, AGENT), 0xA6E7, Instant::now(), LIMIT)
    }

    fn packet(pt: u8, seq: u16, ts: u32, ssrc: u32, payload: &[u8]) -> Vec<u8> {
        RtpPacket::new(pt, seq, ts, ssrc, payload.to_vec()).build()
    }

    fn sent(r: &mut Relay) -> Vec<(Side, SocketAddr, RtpPacket)> {
        std::iter::from_fn(|| r.poll_output())
            .filter_map(|o| match o {
                RelayOutput::Transmit { side, to, bytes } => Some((side, to, RtpPacket::parse(&bytes).unwrap())),
                _ => None,
            })
            .collect()
    }

    /// The sides reported silent, and the next deadline, in one drain.
    fn silences(r: &mut Relay) -> (Vec<Side>, Option<Instant>) {
        let (mut sides, mut next) = (vec![], None);
        while let Some(o) = r.poll_output() {
            match o {
                RelayOutput::PeerSilent(s) => sides.push(s),
                RelayOutput::Timeout(t) => next = Some(t),
                RelayOutput::Transmit { .. } => {}
            }
        }
        (sides, next)
    }

    #[test]
    fn same_law_payloads_pass_through_restamped_with_our_own_stream() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let now = Instant::now();
        let from_caller = CALLER.parse().unwrap();
        r.handle_rtp(now, Side::Caller, from_caller, &packet(0, 9, 1000, 0x1111, &[1, 2, 3]));
        r.handle_rtp(now, Side::Caller, from_caller, &packet(0, 10, 1160, 0x1111, &[4, 5, 6]));
        let out = sent(&mut r);
        assert_eq!(out.len(), 2);
        let (side, to, a) = &out[0];
        assert_eq!((*side, *to), (Side::Agent, AGENT.parse().unwrap()));
        assert_eq!((a.ssrc, a.payload.as_slice(), a.marker), (0xA6E7, &[1u8, 2, 3][..], true));
        let b = &out[1].2;
        assert_eq!((b.ssrc, b.sequence, b.timestamp.wrapping_sub(a.timestamp), b.marker), (0xA6E7, a.sequence.wrapping_add(1), 160, false));
        // The agent's packets continue our stream toward the caller, and the agent's source is latched.
        let agent_src: SocketAddr = "127.0.0.1:7100".parse().unwrap();
        r.handle_rtp(now, Side::Agent, agent_src, &packet(0, 77, 5, 0x2222, &[7; 160]));
        let out = sent(&mut r);
        let (side, to, c) = &out[0];
        assert_eq!((*side, *to), (Side::Caller, CALLER.parse().unwrap()));
        assert_eq!((c.ssrc, c.sequence, c.timestamp, c.payload.len()), (0xCA11, 500, 80_000, 160));
        assert_eq!(r.stream(Side::Agent).remote, agent_src);
        assert_eq!(r.stats(), RelayStats { to_agent: 2, to_caller: 1, dropped: 0 });
    }

    #[test]
    fn different_laws_are_transcoded() {
        let mut r = relay(Law::Ulaw, Law::Alaw);
        let now = Instant::now();
        let pcm: Vec<i16> = (0..160).map(|i| ((i as f64 / 8.0).sin() * 8000.0) as i16).collect();
        r.handle_rtp(now, Side::Caller, CALLER.parse().unwrap(), &packet(0, 1, 0, 1, &Law::Ulaw.encode(&pcm)));
        let p = sent(&mut r).remove(0).2;
        assert_eq!(p.payload_type, 8);
        assert_eq!(p.payload, Law::Alaw.encode(&Law::Ulaw.decode(&Law::Ulaw.encode(&pcm))));
    }

    #[test]
    fn keys_rtcp_and_strangers_are_dropped() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let now = Instant::now();
        let from = CALLER.parse().unwrap();
        r.handle_rtp(now, Side::Caller, from, &packet(101, 1, 0, 1, &[1, 0x8a, 0, 160]));
        r.handle_rtp(now, Side::Caller, from, &packet(13, 2, 0, 1, &[40]));
        r.handle_rtp(now, Side::Caller, from, &[0x80, 200, 0, 6, 0, 0, 0, 1]);
        r.handle_rtp(now, Side::Caller, from, b"garbage");
        assert!(sent(&mut r).is_empty());
        assert_eq!(r.stats().dropped, 4);
    }

    #[test]
    fn a_new_source_or_a_jump_continues_the_outgoing_timeline() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let now = Instant::now();
        let from = CALLER.parse().unwrap();
        r.handle_rtp(now, Side::Caller, from, &packet(0, 1, 1000, 1, &[0]));
        r.handle_rtp(now, Side::Caller, from, &packet(0, 1, 9_000_000, 2, &[0]));
        r.handle_rtp(now, Side::Caller, from, &packet(0, 2, 9_000_320, 2, &[0]));
        let out: Vec<RtpPacket> = sent(&mut r).into_iter().map(|o| o.2).collect();
        let ts: Vec<u32> = out.iter().map(|p| p.timestamp.wrapping_sub(out[0].timestamp)).collect();
        assert_eq!(ts, vec![0, 160, 480]);
        assert_eq!(out.iter().map(|p| p.marker).collect::<Vec<_>>(), vec![true, true, false]);
        assert!(out.windows(2).all(|w| w[1].sequence == w[0].sequence.wrapping_add(1)));
    }

    #[test]
    fn a_side_that_sends_nothing_for_the_media_timeout_is_reported_once() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let t0 = Instant::now();
        let s = |secs: u64| t0 + Duration::from_secs(secs);
        // The caller keeps talking; the agent's RTCP alone keeps it alive until 50 s, then nothing.
        for t in (0..=120).step_by(10) {
            r.handle_rtp(s(t), Side::Caller, CALLER.parse().unwrap(), &packet(0, t as u16, 160 * t as u32, 1, &[0]));
            if t <= 50 {
                r.handle_rtcp(s(t), Side::Agent);
            }
            r.handle_timeout(s(t));
            let (silent, next) = silences(&mut r);
            let expected: &[Side] = if t == 110 { &[Side::Agent] } else { &[] };
            assert_eq!(silent, expected, "at {t} s");
            assert!(next.is_some_and(|n| n > s(t)), "at {t} s the next deadline is ahead: {next:?}");
        }
    }

    #[test]
    fn a_side_on_hold_is_not_expected_to_send_and_resuming_restarts_its_timer() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let t0 = Instant::now();
        let s = |secs: u64| t0 + Duration::from_secs(secs);
        // The agent holds with a=inactive: nothing is sent to it and nothing is awaited from it.
        let inactive = Negotiated { direction: Direction::Inactive, ..neg(Law::Alaw, "127.0.0.1:7002") };
        r.update(s(5), Side::Agent, &inactive);
        r.handle_rtp(s(6), Side::Caller, CALLER.parse().unwrap(), &packet(0, 1, 0, 1, &[0]));
        assert!(sent(&mut r).is_empty(), "nothing goes to an agent that holds with a=inactive");
        for t in [70, 140, 200] {
            r.handle_rtcp(s(t), Side::Caller);
            r.handle_timeout(s(t));
            assert_eq!(silences(&mut r).0, vec![], "at {t} s");
        }
        // Resumed (PCMA now, at a new address): the agent is awaited again, from the resume on.
        r.update(s(200), Side::Agent, &neg(Law::Alaw, "127.0.0.1:7002"));
        r.handle_rtp(s(201), Side::Caller, CALLER.parse().unwrap(), &packet(0, 2, 160, 1, &[0; 160]));
        let out = sent(&mut r);
        assert_eq!((out[0].1, out[0].2.payload_type), ("127.0.0.1:7002".parse().unwrap(), 8));
        r.handle_timeout(s(259));
        assert_eq!(silences(&mut r).0, vec![]);
        r.handle_timeout(s(260));
        assert_eq!(silences(&mut r).0, vec![Side::Agent]);
    }
}
