//! The media of a bridged call: RTP relayed both ways between the caller's stream and the agent's.
//!
//! Sans-IO: `handle_rtp` with the side a datagram arrived on, `poll_output` for what to send from
//! which side's socket. Audio payloads pass through untouched when both sides use the same G.711
//! law, transcoded µ-law↔A-law when they differ. Each outgoing stream keeps its own SSRC, sequence
//! numbers and timestamps (the caller's continues where our speech left off), so a peer sees one
//! steady stream. RFC 4733 key presses and comfort noise are dropped; RTCP is not relayed.

use std::collections::VecDeque;
use std::net::SocketAddr;

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

/// A datagram to send from one side's RTP socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayOutput {
    /// Whose socket sends it (toward that side's peer).
    pub side: Side,
    /// Destination.
    pub to: SocketAddr,
    /// The RTP packet.
    pub bytes: Vec<u8>,
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
}

impl Relay {
    /// A relay between the caller's stream (`caller` negotiated, our stream toward it at `caller_out`)
    /// and the agent's (`agent` negotiated, our fresh SSRC `agent_ssrc` toward it).
    pub fn new(caller: &Negotiated, caller_out: StreamState, agent: &Negotiated, agent_ssrc: u32) -> Self {
        let leg =
            |n: &Negotiated, out: StreamState| Leg { law: n.law, payload_type: n.payload_type, sends: n.direction.sends(), out, last_in: None, last_out: None };
        let agent_out = StreamState { ssrc: agent_ssrc, seq: (agent_ssrc >> 7) as u16, ts: agent_ssrc.rotate_left(13), remote: agent.remote, latched: false };
        Relay { legs: [leg(caller, caller_out), leg(agent, agent_out)], out: VecDeque::new(), stats: RelayStats::default() }
    }

    /// Feeds a datagram that arrived on `side`'s RTP socket from `from`.
    pub fn handle_rtp(&mut self, side: Side, from: SocketAddr, bytes: &[u8]) {
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
        self.out.push_back(RelayOutput { side: to, to: outbound.out.remote, bytes: q.build() });
        match to {
            Side::Agent => self.stats.to_agent += 1,
            Side::Caller => self.stats.to_caller += 1,
        }
    }

    /// Next datagram to send.
    pub fn poll_output(&mut self) -> Option<RelayOutput> {
        self.out.pop_front()
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

    fn neg(law: Law, remote: &str) -> Negotiated {
        Negotiated { remote: remote.parse().unwrap(), law, payload_type: law.payload_type(), telephone_event: Some(101), direction: Direction::SendRecv }
    }

    fn relay(caller: Law, agent: Law) -> Relay {
        let out = StreamState { ssrc: 0xCA11, seq: 500, ts: 80_000, remote: CALLER.parse().unwrap(), latched: true };
        Relay::new(&neg(caller, CALLER), out, &neg(agent, AGENT), 0xA6E7)
    }

    fn packet(pt: u8, seq: u16, ts: u32, ssrc: u32, payload: &[u8]) -> Vec<u8> {
        RtpPacket::new(pt, seq, ts, ssrc, payload.to_vec()).build()
    }

    fn sent(r: &mut Relay) -> Vec<(Side, SocketAddr, RtpPacket)> {
        std::iter::from_fn(|| r.poll_output()).map(|o| (o.side, o.to, RtpPacket::parse(&o.bytes).unwrap())).collect()
    }

    #[test]
    fn same_law_payloads_pass_through_restamped_with_our_own_stream() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let from_caller = CALLER.parse().unwrap();
        r.handle_rtp(Side::Caller, from_caller, &packet(0, 9, 1000, 0x1111, &[1, 2, 3]));
        r.handle_rtp(Side::Caller, from_caller, &packet(0, 10, 1160, 0x1111, &[4, 5, 6]));
        let out = sent(&mut r);
        assert_eq!(out.len(), 2);
        let (side, to, a) = &out[0];
        assert_eq!((*side, *to), (Side::Agent, AGENT.parse().unwrap()));
        assert_eq!((a.ssrc, a.payload.as_slice(), a.marker), (0xA6E7, &[1u8, 2, 3][..], true));
        let b = &out[1].2;
        assert_eq!((b.ssrc, b.sequence, b.timestamp.wrapping_sub(a.timestamp), b.marker), (0xA6E7, a.sequence.wrapping_add(1), 160, false));
        // The agent's packets continue our stream toward the caller, and the agent's source is latched.
        let agent_src: SocketAddr = "127.0.0.1:7100".parse().unwrap();
        r.handle_rtp(Side::Agent, agent_src, &packet(0, 77, 5, 0x2222, &[7; 160]));
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
        let pcm: Vec<i16> = (0..160).map(|i| ((i as f64 / 8.0).sin() * 8000.0) as i16).collect();
        r.handle_rtp(Side::Caller, CALLER.parse().unwrap(), &packet(0, 1, 0, 1, &Law::Ulaw.encode(&pcm)));
        let p = sent(&mut r).remove(0).2;
        assert_eq!(p.payload_type, 8);
        assert_eq!(p.payload, Law::Alaw.encode(&Law::Ulaw.decode(&Law::Ulaw.encode(&pcm))));
    }

    #[test]
    fn keys_rtcp_and_strangers_are_dropped() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let from = CALLER.parse().unwrap();
        r.handle_rtp(Side::Caller, from, &packet(101, 1, 0, 1, &[1, 0x8a, 0, 160]));
        r.handle_rtp(Side::Caller, from, &packet(13, 2, 0, 1, &[40]));
        r.handle_rtp(Side::Caller, from, &[0x80, 200, 0, 6, 0, 0, 0, 1]);
        r.handle_rtp(Side::Caller, from, b"garbage");
        assert!(sent(&mut r).is_empty());
        assert_eq!(r.stats().dropped, 4);
    }

    #[test]
    fn a_new_source_or_a_jump_continues_the_outgoing_timeline() {
        let mut r = relay(Law::Ulaw, Law::Ulaw);
        let from = CALLER.parse().unwrap();
        r.handle_rtp(Side::Caller, from, &packet(0, 1, 1000, 1, &[0]));
        r.handle_rtp(Side::Caller, from, &packet(0, 1, 9_000_000, 2, &[0]));
        r.handle_rtp(Side::Caller, from, &packet(0, 2, 9_000_320, 2, &[0]));
        let out: Vec<RtpPacket> = sent(&mut r).into_iter().map(|o| o.2).collect();
        let ts: Vec<u32> = out.iter().map(|p| p.timestamp.wrapping_sub(out[0].timestamp)).collect();
        assert_eq!(ts, vec![0, 160, 480]);
        assert_eq!(out.iter().map(|p| p.marker).collect::<Vec<_>>(), vec![true, true, false]);
        assert!(out.windows(2).all(|w| w[1].sequence == w[0].sequence.wrapping_add(1)));
    }
}
