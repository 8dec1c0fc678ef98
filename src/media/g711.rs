//! G.711 µ-law (PCMU) and A-law (PCMA) encoding and decoding (ITU-T G.711, Sun reference algorithm).

/// Decodes one µ-law byte to a 16-bit linear sample.
pub fn ulaw_to_linear(u: u8) -> i16 {
    let u = !u;
    let mut t: i32 = (((u & 0x0F) as i32) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    (if u & 0x80 != 0 { 0x84 - t } else { t - 0x84 }) as i16
}

/// Encodes one 16-bit linear sample to µ-law.
pub fn linear_to_ulaw(pcm: i16) -> u8 {
    const SEG_END: [i32; 8] = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF];
    let mut v = (pcm as i32) >> 2;
    let mask: u8 = if v < 0 {
        v = -v;
        0x7F
    } else {
        0xFF
    };
    v = v.min(8159) + (0x84 >> 2);
    match SEG_END.iter().position(|&e| v <= e) {
        None => 0x7F ^ mask,
        Some(seg) => ((((seg as i32) << 4) | ((v >> (seg + 1)) & 0x0F)) as u8) ^ mask,
    }
}

/// Decodes one A-law byte to a 16-bit linear sample.
pub fn alaw_to_linear(a: u8) -> i16 {
    let a = a ^ 0x55;
    let mut t: i32 = ((a & 0x0F) as i32) << 4;
    let seg = (a & 0x70) >> 4;
    match seg {
        0 => t += 8,
        1 => t += 0x108,
        _ => {
            t += 0x108;
            t <<= seg - 1;
        }
    }
    (if a & 0x80 != 0 { t } else { -t }) as i16
}

/// Encodes one 16-bit linear sample to A-law.
pub fn linear_to_alaw(pcm: i16) -> u8 {
    const SEG_END: [i32; 8] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];
    let mut v = (pcm as i32) >> 3;
    let mask: u8 = if v >= 0 {
        0xD5
    } else {
        v = -v - 1;
        0x55
    };
    match SEG_END.iter().position(|&e| v <= e) {
        None => 0x7F ^ mask,
        Some(seg) => {
            let q = if seg < 2 { (v >> 1) & 0x0F } else { (v >> seg) & 0x0F };
            ((((seg as i32) << 4) | q) as u8) ^ mask
        }
    }
}

/// A G.711 law: which of the two companding variants a payload uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Law {
    /// µ-law, RTP payload type 0 (PCMU).
    Ulaw,
    /// A-law, RTP payload type 8 (PCMA).
    Alaw,
}

impl Law {
    /// The static RTP payload type of this law.
    pub fn payload_type(self) -> u8 {
        match self {
            Law::Ulaw => 0,
            Law::Alaw => 8,
        }
    }

    /// The law of a static payload type (0 or 8), if any.
    pub fn from_payload_type(pt: u8) -> Option<Law> {
        match pt {
            0 => Some(Law::Ulaw),
            8 => Some(Law::Alaw),
            _ => None,
        }
    }

    /// The SDP encoding name (PCMU or PCMA).
    pub fn name(self) -> &'static str {
        match self {
            Law::Ulaw => "PCMU",
            Law::Alaw => "PCMA",
        }
    }

    /// Encodes linear samples into G.711 bytes.
    pub fn encode(self, samples: &[i16]) -> Vec<u8> {
        match self {
            Law::Ulaw => samples.iter().map(|&s| linear_to_ulaw(s)).collect(),
            Law::Alaw => samples.iter().map(|&s| linear_to_alaw(s)).collect(),
        }
    }

    /// Decodes G.711 bytes into linear samples.
    pub fn decode(self, bytes: &[u8]) -> Vec<i16> {
        match self {
            Law::Ulaw => bytes.iter().map(|&b| ulaw_to_linear(b)).collect(),
            Law::Alaw => bytes.iter().map(|&b| alaw_to_linear(b)).collect(),
        }
    }

    /// The byte that encodes digital silence.
    pub fn silence(self) -> u8 {
        match self {
            Law::Ulaw => 0xFF,
            Law::Alaw => 0xD5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulaw_reference_values() {
        // ITU-T G.711 Table 2a / Sun reference: decoder outputs at segment edges.
        assert_eq!(ulaw_to_linear(0x00), -32124);
        assert_eq!(ulaw_to_linear(0x80), 32124);
        assert_eq!(ulaw_to_linear(0x7F), 0);
        assert_eq!(ulaw_to_linear(0xFF), 0);
        assert_eq!(ulaw_to_linear(0x7E), -8);
        assert_eq!(ulaw_to_linear(0xFE), 8);
        assert_eq!(ulaw_to_linear(0x70), -120);
        assert_eq!(ulaw_to_linear(0xEF), 132);
        assert_eq!(linear_to_ulaw(0), 0xFF);
        assert_eq!(linear_to_ulaw(-1), 0x7E);
        assert_eq!(linear_to_ulaw(32767), 0x80);
        assert_eq!(linear_to_ulaw(-32768), 0x00);
    }

    #[test]
    fn alaw_reference_values() {
        assert_eq!(alaw_to_linear(0xD5), 8);
        assert_eq!(alaw_to_linear(0x55), -8);
        assert_eq!(alaw_to_linear(0xAA), 32256);
        assert_eq!(alaw_to_linear(0x2A), -32256);
        assert_eq!(alaw_to_linear(0xD4), 24);
        assert_eq!(alaw_to_linear(0xC5), 264);
        assert_eq!(linear_to_alaw(0), 0xD5);
        assert_eq!(linear_to_alaw(-1), 0x55);
        assert_eq!(linear_to_alaw(32767), 0xAA);
        assert_eq!(linear_to_alaw(-32768), 0x2A);
    }

    #[test]
    fn every_code_round_trips() {
        for c in 0..=255u8 {
            let a = linear_to_alaw(alaw_to_linear(c));
            assert_eq!(a, c, "A-law code {c:#04x}");
            let u = linear_to_ulaw(ulaw_to_linear(c));
            // µ-law has two zeros (0x7F and 0xFF); both decode to 0, which encodes as 0xFF.
            let want = if c == 0x7F { 0xFF } else { c };
            assert_eq!(u, want, "µ-law code {c:#04x}");
        }
    }

    #[test]
    fn decoders_are_monotonic_and_errors_small() {
        let mut prev = i32::MIN;
        for c in (0x00..=0x7Fu8).chain((0x80..=0xFFu8).rev()) {
            let v = ulaw_to_linear(c) as i32;
            assert!(v >= prev, "µ-law not monotonic at {c:#04x}");
            prev = v;
        }
        for s in (-32768i32..=32767).step_by(7) {
            let s = s as i16;
            let eu = (ulaw_to_linear(linear_to_ulaw(s)) as i32 - s as i32).abs();
            let ea = (alaw_to_linear(linear_to_alaw(s)) as i32 - s as i32).abs();
            let bound = (s as i32).abs() / 16 + 16;
            assert!(eu <= bound, "µ-law error {eu} at {s}");
            assert!(ea <= bound, "A-law error {ea} at {s}");
        }
    }

    #[test]
    fn law_helpers() {
        assert_eq!(Law::from_payload_type(0), Some(Law::Ulaw));
        assert_eq!(Law::from_payload_type(8), Some(Law::Alaw));
        assert_eq!(Law::from_payload_type(9), None);
        let s = [0i16, 1000, -1000, 30000];
        assert_eq!(Law::Alaw.decode(&Law::Alaw.encode(&s)).len(), 4);
        assert_eq!(Law::Ulaw.decode(&[Law::Ulaw.silence()]), vec![0]);
        assert_eq!(Law::Alaw.decode(&[Law::Alaw.silence()]), vec![8]);
    }
}
