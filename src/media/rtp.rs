//! RTP packets (RFC 3550): parsing and building, with CSRC lists, header extensions and padding.

/// Why a datagram is not a valid RTP packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RtpError {
    /// Fewer bytes than the fixed header, CSRC list or extension announce.
    #[error("RTP packet truncated: {0}")]
    Truncated(&'static str),
    /// The version field is not 2.
    #[error("RTP version {0} is not 2")]
    Version(u8),
    /// The padding count is zero or longer than the payload.
    #[error("RTP padding length {0} is invalid")]
    Padding(u8),
}

/// An RTP header extension: profile-defined id and its data (a whole number of 32-bit words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The 16-bit profile-specific identifier.
    pub profile: u16,
    /// The extension data; its length is a multiple of 4 when built.
    pub data: Vec<u8>,
}

/// One RTP packet, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpPacket {
    /// The marker bit (start of a talkspurt or of a DTMF event).
    pub marker: bool,
    /// The payload type (7 bits).
    pub payload_type: u8,
    /// The sequence number.
    pub sequence: u16,
    /// The media timestamp.
    pub timestamp: u32,
    /// The synchronisation source.
    pub ssrc: u32,
    /// Contributing sources (at most 15).
    pub csrc: Vec<u32>,
    /// The header extension, if present.
    pub extension: Option<Extension>,
    /// The payload, without padding.
    pub payload: Vec<u8>,
    /// Padding bytes to append when building (0 = none); the count of removed bytes when parsed.
    pub padding: u8,
}

impl RtpPacket {
    /// A packet with no CSRC, extension or padding.
    pub fn new(payload_type: u8, sequence: u16, timestamp: u32, ssrc: u32, payload: Vec<u8>) -> Self {
        Self { marker: false, payload_type, sequence, timestamp, ssrc, csrc: Vec::new(), extension: None, payload, padding: 0 }
    }

    /// Parses a datagram as RTP.
    pub fn parse(buf: &[u8]) -> Result<Self, RtpError> {
        if buf.len() < 12 {
            return Err(RtpError::Truncated("fixed header"));
        }
        let version = buf[0] >> 6;
        if version != 2 {
            return Err(RtpError::Version(version));
        }
        let has_padding = buf[0] & 0x20 != 0;
        let has_ext = buf[0] & 0x10 != 0;
        let cc = (buf[0] & 0x0F) as usize;
        let marker = buf[1] & 0x80 != 0;
        let payload_type = buf[1] & 0x7F;
        let sequence = u16::from_be_bytes([buf[2], buf[3]]);
        let timestamp = u32::from_be_bytes([buf[4], buf[5], buf[6], buf[7]]);
        let ssrc = u32::from_be_bytes([buf[8], buf[9], buf[10], buf[11]]);
        let mut pos = 12;
        if buf.len() < pos + 4 * cc {
            return Err(RtpError::Truncated("CSRC list"));
        }
        let csrc = (0..cc).map(|i| u32::from_be_bytes(buf[pos + 4 * i..pos + 4 * i + 4].try_into().unwrap())).collect();
        pos += 4 * cc;
        let extension = if has_ext {
            if buf.len() < pos + 4 {
                return Err(RtpError::Truncated("extension header"));
            }
            let profile = u16::from_be_bytes([buf[pos], buf[pos + 1]]);
            let words = u16::from_be_bytes([buf[pos + 2], buf[pos + 3]]) as usize;
            pos += 4;
            if buf.len() < pos + 4 * words {
                return Err(RtpError::Truncated("extension data"));
            }
            let data = buf[pos..pos + 4 * words].to_vec();
            pos += 4 * words;
            Some(Extension { profile, data })
        } else {
            None
        };
        let mut end = buf.len();
        let mut padding = 0;
        if has_padding {
            padding = buf[end - 1];
            if padding == 0 || (padding as usize) > end - pos {
                return Err(RtpError::Padding(padding));
            }
            end -= padding as usize;
        }
        Ok(Self { marker, payload_type, sequence, timestamp, ssrc, csrc, extension, payload: buf[pos..end].to_vec(), padding })
    }

    /// Serialises the packet; the extension data is zero-padded to whole words.
    pub fn build(&self) -> Vec<u8> {
        let cc = self.csrc.len().min(15);
        let mut out = Vec::with_capacity(12 + 4 * cc + self.payload.len() + self.padding as usize + 16);
        out.push(0x80 | if self.padding > 0 { 0x20 } else { 0 } | if self.extension.is_some() { 0x10 } else { 0 } | cc as u8);
        out.push(if self.marker { 0x80 } else { 0 } | (self.payload_type & 0x7F));
        out.extend_from_slice(&self.sequence.to_be_bytes());
        out.extend_from_slice(&self.timestamp.to_be_bytes());
        out.extend_from_slice(&self.ssrc.to_be_bytes());
        for c in &self.csrc[..cc] {
            out.extend_from_slice(&c.to_be_bytes());
        }
        if let Some(ext) = &self.extension {
            let words = ext.data.len().div_ceil(4);
            out.extend_from_slice(&ext.profile.to_be_bytes());
            out.extend_from_slice(&(words as u16).to_be_bytes());
            out.extend_from_slice(&ext.data);
            out.resize(out.len() + words * 4 - ext.data.len(), 0);
        }
        out.extend_from_slice(&self.payload);
        if self.padding > 0 {
            out.resize(out.len() + self.padding as usize - 1, 0);
            out.push(self.padding);
        }
        out
    }
}

/// Tells RTCP from RTP on a shared port (RFC 5761: RTCP packet types 192–223 in the second byte).
pub fn looks_like_rtcp(buf: &[u8]) -> bool {
    buf.len() >= 2 && (192..=223).contains(&buf[1])
}

/// Extends 16-bit sequence numbers to a monotonic 64-bit index across wrap-arounds.
#[derive(Debug, Clone, Default)]
pub struct SeqExtender {
    last: Option<u64>,
}

impl SeqExtender {
    /// The extended index of `seq`, the closest to the previous one.
    pub fn extend(&mut self, seq: u16) -> u64 {
        let ext = match self.last {
            None => (1u64 << 16) + seq as u64,
            Some(last) => {
                let base = last & !0xFFFF;
                let candidates = [base.wrapping_sub(1 << 16) + seq as u64, base + seq as u64, base + (1 << 16) + seq as u64];
                *candidates.iter().min_by_key(|&&c| (c as i64 - last as i64).unsigned_abs()).unwrap()
            }
        };
        if self.last.is_none_or(|l| ext > l) {
            self.last = Some(ext);
        }
        ext
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_plain_packet() {
        let mut b = vec![0x80, 0x08, 0x12, 0x34, 0, 0, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef];
        b.extend([0xd5; 160]);
        let p = RtpPacket::parse(&b).unwrap();
        assert_eq!((p.payload_type, p.sequence, p.timestamp, p.ssrc), (8, 0x1234, 256, 0xdeadbeef));
        assert!(!p.marker);
        assert_eq!(p.payload.len(), 160);
        assert_eq!(p.build(), b);
    }

    #[test]
    fn csrc_extension_padding_round_trip() {
        let p = RtpPacket {
            marker: true,
            payload_type: 101,
            sequence: 65535,
            timestamp: u32::MAX,
            ssrc: 7,
            csrc: vec![1, 2, 3],
            extension: Some(Extension { profile: 0xBEDE, data: vec![0x10, 0xAA, 0, 0] }),
            payload: vec![1, 2, 3, 4, 5],
            padding: 3,
        };
        let b = p.build();
        assert_eq!(b.len(), 12 + 12 + 8 + 5 + 3);
        assert_eq!(b[0], 0x80 | 0x20 | 0x10 | 3);
        assert_eq!(b[1], 0x80 | 101);
        assert_eq!(RtpPacket::parse(&b).unwrap(), p);
    }

    #[test]
    fn rejects_bad_packets() {
        assert_eq!(RtpPacket::parse(&[0x80; 11]), Err(RtpError::Truncated("fixed header")));
        assert_eq!(RtpPacket::parse(&[0x40; 12]), Err(RtpError::Version(1)));
        let mut b = vec![0x82, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(RtpPacket::parse(&b), Err(RtpError::Truncated("CSRC list")));
        b = vec![0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 2, 0, 0, 0, 0];
        assert_eq!(RtpPacket::parse(&b), Err(RtpError::Truncated("extension data")));
        b = vec![0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 9];
        assert_eq!(RtpPacket::parse(&b), Err(RtpError::Padding(9)));
        b[13] = 0;
        assert_eq!(RtpPacket::parse(&b), Err(RtpError::Padding(0)));
        b[13] = 2;
        assert_eq!(RtpPacket::parse(&b).unwrap().payload, Vec::<u8>::new());
    }

    #[test]
    fn rtcp_is_told_apart() {
        assert!(looks_like_rtcp(&[0x80, 200]));
        assert!(looks_like_rtcp(&[0x81, 201]));
        assert!(!looks_like_rtcp(&[0x80, 0]));
        assert!(!looks_like_rtcp(&[0x80, 0x80 | 101]));
    }

    #[test]
    fn sequence_extension_wraps_both_ways() {
        let mut e = SeqExtender::default();
        let a = e.extend(65534);
        assert_eq!(e.extend(65535), a + 1);
        assert_eq!(e.extend(0), a + 2);
        assert_eq!(e.extend(1), a + 3);
        assert_eq!(e.extend(65535), a + 1, "a late packet from before the wrap");
        assert_eq!(e.extend(2), a + 4);
    }
}
