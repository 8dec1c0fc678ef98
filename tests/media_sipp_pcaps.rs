//! The media session fed with the RTP of SIPp's bundled captures (real traffic, no sockets):
//! each RFC 4733 pcap gives its digit exactly once, the G.711 A-law pcap plays out as speech.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use standardiste::media::g711::Law;
use standardiste::media::sdp::{Direction, Negotiated};
use standardiste::media::{MediaOutput, MediaSession};

const DIR: &str = "/usr/share/sip-tester";

/// UDP payloads of a classic pcap file (Ethernet, IPv4), with their capture time offsets.
fn udp_payloads(path: &Path) -> Vec<(Duration, Vec<u8>)> {
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e} (install sip-tester: scripts/install.sh)", path.display()));
    assert!(b.len() > 24, "{} is not a pcap file", path.display());
    let le = match &b[..4] {
        [0xd4, 0xc3, 0xb2, 0xa1] => true,
        [0xa1, 0xb2, 0xc3, 0xd4] => false,
        m => panic!("{}: not a classic pcap file (magic {m:02x?})", path.display()),
    };
    let u32at = |o: usize| {
        let a: [u8; 4] = b[o..o + 4].try_into().unwrap();
        if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        }
    };
    let mut out = Vec::new();
    let mut pos = 24;
    let mut first = None;
    while pos + 16 <= b.len() {
        let (sec, usec, caplen) = (u32at(pos) as u64, u32at(pos + 4) as u64, u32at(pos + 8) as usize);
        let frame = &b[pos + 16..pos + 16 + caplen];
        pos += 16 + caplen;
        let t = Duration::from_micros(sec * 1_000_000 + usec);
        let t0 = *first.get_or_insert(t);
        if frame.len() < 14 + 20 + 8 || frame[12..14] != [0x08, 0x00] || frame[14 + 9] != 17 {
            continue;
        }
        let ihl = (frame[14] & 0x0F) as usize * 4;
        let udp = 14 + ihl;
        out.push((t - t0, frame[udp + 8..].to_vec()));
    }
    out
}

fn session(law: Law, now: Instant) -> MediaSession {
    let neg = Negotiated {
        remote: "127.0.0.1:6000".parse().unwrap(),
        law,
        payload_type: law.payload_type(),
        telephone_event: Some(101),
        direction: Direction::SendRecv,
    };
    MediaSession::new(neg, now, SystemTime::now(), 0x5157_0001, "test")
}

fn play(s: &mut MediaSession, t0: Instant, packets: &[(Duration, Vec<u8>)], tail: Duration) -> Vec<MediaOutput> {
    let from: SocketAddr = "127.0.0.1:6000".parse().unwrap();
    let mut out = Vec::new();
    let end = packets.last().map(|p| p.0).unwrap_or_default() + tail;
    let mut i = 0;
    let mut now = t0;
    while now <= t0 + end {
        while i < packets.len() && t0 + packets[i].0 <= now {
            s.handle_rtp(now, from, &packets[i].1);
            i += 1;
        }
        s.handle_timeout(now);
        while let Some(o) = s.poll_output() {
            out.push(o);
        }
        now += Duration::from_millis(5);
    }
    out
}

#[test]
fn every_sipp_dtmf_pcap_gives_its_digit_once() {
    for (name, key) in [("0", '0'), ("1", '1'), ("5", '5'), ("9", '9'), ("star", '*'), ("pound", '#')] {
        let packets = udp_payloads(&Path::new(DIR).join(format!("dtmf_2833_{name}.pcap")));
        assert!(packets.len() >= 5, "{name}: {} packets", packets.len());
        let t0 = Instant::now();
        let mut s = session(Law::Alaw, t0);
        let out = play(&mut s, t0, &packets, Duration::from_secs(2));
        let digits: Vec<char> = out.iter().filter_map(|o| if let MediaOutput::Dtmf(d) = o { Some(d.key) } else { None }).collect();
        assert_eq!(digits, vec![key], "pcap dtmf_2833_{name}");
    }
}

#[test]
fn sipp_g711a_pcap_plays_out_as_speech() {
    let packets = udp_payloads(&Path::new(DIR).join("g711a.pcap"));
    assert!(packets.len() > 100);
    let t0 = Instant::now();
    let mut s = session(Law::Alaw, t0);
    let out = play(&mut s, t0, &packets, Duration::from_secs(1));
    let frames: Vec<&Vec<i16>> = out.iter().filter_map(|o| if let MediaOutput::Audio { received: f, .. } = o { Some(f) } else { None }).collect();
    let loud = frames.iter().filter(|f| f.iter().map(|&x| (x as f64).powi(2)).sum::<f64>() / f.len() as f64 > 300.0f64.powi(2)).count();
    assert!(loud > 100, "{loud} loud 20 ms frames played out of {}", frames.len());
    assert!(out.contains(&MediaOutput::Voice(true)), "the VAD hears the caller");
    assert!(s.stats().packets_received as usize >= packets.len() - 2);
}
