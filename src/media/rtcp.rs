//! RTCP (RFC 3550 §6.4): sender reports to build, sender and receiver reports to parse.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why a datagram is not valid RTCP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RtcpError {
    /// Shorter than its header or its announced length.
    #[error("RTCP packet truncated")]
    Truncated,
    /// The version field is not 2.
    #[error("RTCP version {0} is not 2")]
    Version(u8),
}

/// One reception report block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportBlock {
    /// The source this block reports on.
    pub ssrc: u32,
    /// Fraction of packets lost since the last report, out of 256.
    pub fraction_lost: u8,
    /// Cumulative number of packets lost (24-bit signed).
    pub cumulative_lost: i32,
    /// Extended highest sequence number received.
    pub highest_seq: u32,
    /// Interarrival jitter, in timestamp units.
    pub jitter: u32,
    /// Middle 32 bits of the last SR's NTP timestamp.
    pub last_sr: u32,
    /// Delay since the last SR, in 1/65536 s.
    pub delay_since_last_sr: u32,
}

/// Sender information of a sender report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderInfo {
    /// 64-bit NTP wall-clock time of the report.
    pub ntp: u64,
    /// The RTP timestamp that corresponds to `ntp`.
    pub rtp_timestamp: u32,
    /// Packets sent so far.
    pub packet_count: u32,
    /// Payload octets sent so far.
    pub octet_count: u32,
}

/// One parsed RTCP packet of a compound datagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RtcpPacket {
    /// A sender report (PT 200).
    SenderReport { ssrc: u32, info: SenderInfo, reports: Vec<ReportBlock> },
    /// A receiver report (PT 201).
    ReceiverReport { ssrc: u32, reports: Vec<ReportBlock> },
    /// A BYE (PT 203).
    Bye { sources: Vec<u32> },
    /// Any other packet type (SDES, APP…), kept by type only.
    Other { packet_type: u8 },
}

/// The 64-bit NTP timestamp of a wall-clock time.
pub fn ntp_time(t: SystemTime) -> u64 {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = d.as_secs() + 2_208_988_800;
    let frac = ((d.subsec_nanos() as u64) << 32) / 1_000_000_000;
    (secs << 32) | frac
}

fn header(out: &mut Vec<u8>, count: u8, pt: u8, words_after: usize) {
    out.push(0x80 | (count & 0x1F));
    out.push(pt);
    out.extend_from_slice(&(words_after as u16).to_be_bytes());
}

fn block(out: &mut Vec<u8>, b: &ReportBlock) {
    out.extend_from_slice(&b.ssrc.to_be_bytes());
    out.push(b.fraction_lost);
    out.extend_from_slice(&(b.cumulative_lost.clamp(-0x80_0000, 0x7F_FFFF) as u32).to_be_bytes()[1..]);
    for v in [b.highest_seq, b.jitter, b.last_sr, b.delay_since_last_sr] {
        out.extend_from_slice(&v.to_be_bytes());
    }
}

/// Builds a compound RTCP datagram: a sender report followed by an SDES CNAME (both mandatory).
pub fn build_sender_report(ssrc: u32, info: &SenderInfo, reports: &[ReportBlock], cname: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let reports = &reports[..reports.len().min(31)];
    header(&mut out, reports.len() as u8, 200, 6 + 6 * reports.len());
    out.extend_from_slice(&ssrc.to_be_bytes());
    out.extend_from_slice(&info.ntp.to_be_bytes());
    for v in [info.rtp_timestamp, info.packet_count, info.octet_count] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    for b in reports {
        block(&mut out, b);
    }
    // SDES: one chunk with CNAME, null-terminated, padded to a word.
    let cname = &cname.as_bytes()[..cname.len().min(255)];
    let chunk = 4 + 2 + cname.len() + 1;
    let padded = chunk.div_ceil(4) * 4;
    header(&mut out, 1, 202, padded / 4);
    out.extend_from_slice(&ssrc.to_be_bytes());
    out.push(1);
    out.push(cname.len() as u8);
    out.extend_from_slice(cname);
    out.resize(out.len() + padded - chunk + 1, 0);
    out
}

fn parse_blocks(b: &[u8], count: usize) -> Result<Vec<ReportBlock>, RtcpError> {
    if b.len() < 24 * count {
        return Err(RtcpError::Truncated);
    }
    Ok((0..count)
        .map(|i| {
            let r = &b[24 * i..24 * i + 24];
            let w = |o: usize| u32::from_be_bytes(r[o..o + 4].try_into().unwrap());
            let lost = u32::from_be_bytes([0, r[5], r[6], r[7]]);
            ReportBlock {
                ssrc: w(0),
                fraction_lost: r[4],
                cumulative_lost: ((lost << 8) as i32) >> 8,
                highest_seq: w(8),
                jitter: w(12),
                last_sr: w(16),
                delay_since_last_sr: w(20),
            }
        })
        .collect())
}

/// Parses a (compound) RTCP datagram.
pub fn parse(buf: &[u8]) -> Result<Vec<RtcpPacket>, RtcpError> {
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        if rest.len() < 4 {
            return Err(RtcpError::Truncated);
        }
        if rest[0] >> 6 != 2 {
            return Err(RtcpError::Version(rest[0] >> 6));
        }
        let count = (rest[0] & 0x1F) as usize;
        let pt = rest[1];
        let len = (u16::from_be_bytes([rest[2], rest[3]]) as usize + 1) * 4;
        if rest.len() < len {
            return Err(RtcpError::Truncated);
        }
        let body = &rest[4..len];
        let w = |o: usize| -> Result<u32, RtcpError> { body.get(o..o + 4).map(|s| u32::from_be_bytes(s.try_into().unwrap())).ok_or(RtcpError::Truncated) };
        out.push(match pt {
            200 => {
                let info = SenderInfo { ntp: ((w(4)? as u64) << 32) | w(8)? as u64, rtp_timestamp: w(12)?, packet_count: w(16)?, octet_count: w(20)? };
                RtcpPacket::SenderReport { ssrc: w(0)?, info, reports: parse_blocks(&body[24..], count)? }
            }
            201 => RtcpPacket::ReceiverReport { ssrc: w(0)?, reports: parse_blocks(&body[4.min(body.len())..], count)? },
            203 => RtcpPacket::Bye { sources: (0..count).map(|i| w(4 * i)).collect::<Result<_, _>>()? },
            other => RtcpPacket::Other { packet_type: other },
        });
        rest = &rest[len..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_report_round_trips() {
        let info = SenderInfo { ntp: 0xE000_0000_8000_0000, rtp_timestamp: 1600, packet_count: 10, octet_count: 1600 };
        let blk = ReportBlock { ssrc: 9, fraction_lost: 25, cumulative_lost: -3, highest_seq: 70000, jitter: 12, last_sr: 1, delay_since_last_sr: 2 };
        let b = build_sender_report(42, &info, &[blk], "standardiste@127.0.0.1");
        assert_eq!(b.len() % 4, 0);
        let p = parse(&b).unwrap();
        assert_eq!(p[0], RtcpPacket::SenderReport { ssrc: 42, info, reports: vec![blk] });
        assert_eq!(p[1], RtcpPacket::Other { packet_type: 202 });
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn parses_a_receiver_report_from_a_peer() {
        // RR with one block, then a BYE — as a softphone sends them.
        let mut b = vec![0x81, 201, 0, 7, 0, 0, 0, 5];
        b.extend([0, 0, 0, 42, 0x40, 0x00, 0x00, 0x10, 0, 1, 0, 100, 0, 0, 0, 30, 0xAB, 0xCD, 0xEF, 0x01, 0, 1, 0, 0]);
        b.extend([0x81, 203, 0, 1, 0, 0, 0, 5]);
        let p = parse(&b).unwrap();
        let RtcpPacket::ReceiverReport { ssrc, reports } = &p[0] else { panic!("{p:?}") };
        assert_eq!(*ssrc, 5);
        assert_eq!(reports[0].ssrc, 42);
        assert_eq!(reports[0].fraction_lost, 64);
        assert_eq!(reports[0].cumulative_lost, 16);
        assert_eq!(reports[0].highest_seq, 65536 + 100);
        assert_eq!(reports[0].jitter, 30);
        assert_eq!(reports[0].delay_since_last_sr, 65536);
        assert_eq!(p[1], RtcpPacket::Bye { sources: vec![5] });
    }

    #[test]
    fn rejects_truncated_and_bad_version() {
        assert_eq!(parse(&[0x81, 201, 0, 7, 0, 0, 0, 5]), Err(RtcpError::Truncated));
        assert_eq!(parse(&[0x40, 201, 0, 0]), Err(RtcpError::Version(1)));
        assert_eq!(parse(&[0x81, 201, 0, 1, 0, 0, 0, 5]), Err(RtcpError::Truncated), "count says one block, none present");
    }

    #[test]
    fn ntp_epoch_offset() {
        let t = UNIX_EPOCH + Duration::from_millis(1500);
        let n = ntp_time(t);
        assert_eq!(n >> 32, 2_208_988_801);
        assert_eq!(n & 0xFFFF_FFFF, 1 << 31);
    }
}
