//! End to end against SIPp through the real binary: answer, media both ways, RFC 4733 DTMF,
//! BYE from each side, hold/unhold, parallel calls. Networked: run under `scripts/test.sh`.

mod call_support;

use std::time::Duration;

use call_support::{loud_seconds, sipp, Capture, Server};
use standardiste::media::g711::Law;

#[test]
fn keys_are_answered_and_a_silent_line_ends_with_our_bye() {
    let mut server = Server::start(1);
    // About a minute of speech on an idle machine; the bounds leave room for a loaded one.
    let cap = Capture::start((server.rtp_min, server.rtp_max), Duration::from_secs(170));
    let (code, out) = sipp("media-dtmf-pound.xml", &server, &["-m", "1", "-l", "1"], Duration::from_secs(170));
    let rtp = cap.finish();
    assert_eq!(code, 0, "SIPp did not get our BYE after the keys and the silence:\n{out}\n{}", server.log_text());
    let ours: Vec<_> = rtp.iter().filter(|p| (server.rtp_min..=server.rtp_max).contains(&p.src) && p.pt == 8).collect();
    let theirs = rtp.iter().filter(|p| (server.rtp_min..=server.rtp_max).contains(&p.dst)).count();
    assert!(theirs > 50, "SIPp's audio reached our port: {theirs} packets");
    // Welcome (several seconds), the answers to '1' and '#', the silence prompts: 50 packets a second.
    assert!(ours.len() > 250, "we sent {} PCMA packets", ours.len());
    let pcm: Vec<i16> = ours.iter().flat_map(|p| Law::Alaw.decode(&p.payload)).collect();
    let loud = loud_seconds(&pcm, 8000, 500.0);
    assert!(loud > 3.0, "{loud:.1} s of speech in what we sent");
    assert!(server.count_log("reason=LocalHangup") == 1, "{}", server.log_text());
    assert!(server.stop(), "serve exits cleanly on SIGINT");
}

#[test]
fn caller_bye_ends_the_call_cleanly() {
    let mut server = Server::start(20);
    let (code, out) = sipp("media-caller-bye.xml", &server, &["-m", "1", "-l", "1", "-d", "3000"], Duration::from_secs(30));
    assert_eq!(code, 0, "{out}");
    assert!(server.wait_log("reason=RemoteBye", Duration::from_secs(5)), "{}", server.log_text());
    assert!(server.stop());
    assert_eq!(server.count_log("hanging up call"), 0, "no BYE of ours after the caller's");
}

#[test]
fn hold_stops_our_rtp_and_unhold_resumes_it() {
    let server = Server::start(20);
    let cap = Capture::start((server.rtp_min, server.rtp_max), Duration::from_secs(30));
    let (code, out) = sipp("media-hold-unhold.xml", &server, &["-m", "1", "-l", "1"], Duration::from_secs(30));
    let rtp = cap.finish();
    assert_eq!(code, 0, "answers to the re-INVITEs (a=recvonly, then a=sendrecv):\n{out}");
    let times: Vec<f64> = rtp.iter().filter(|p| (server.rtp_min..=server.rtp_max).contains(&p.src)).map(|p| p.time).collect();
    let longest_gap = times.windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max);
    assert!(longest_gap > 1.5, "no RTP while on hold (longest gap {longest_gap:.2} s)");
    let after = times.iter().filter(|&&t| t > times[0] + 4.0).count();
    assert!(after > 25, "RTP resumed after unhold: {after} packets");
}

#[test]
fn twenty_parallel_calls_are_all_answered_with_media() {
    let server = Server::start(20);
    let cap = Capture::start((server.rtp_min, server.rtp_max), Duration::from_secs(40));
    let (code, out) = sipp("media-caller-bye.xml", &server, &["-m", "20", "-l", "20", "-r", "20", "-d", "4000"], Duration::from_secs(40));
    let rtp = cap.finish();
    assert_eq!(code, 0, "all 20 calls succeed:\n{out}");
    assert_eq!(server.count_log("incoming call"), 20);
    let mut ports: Vec<u16> = rtp.iter().filter(|p| (server.rtp_min..=server.rtp_max).contains(&p.src)).map(|p| p.src).collect();
    ports.sort();
    ports.dedup();
    assert_eq!(ports.len(), 20, "each call sent RTP from its own port: {ports:?}");
    for port in ports {
        let n = rtp.iter().filter(|p| p.src == port).count();
        assert!(n > 100, "call on port {port} sent {n} packets");
    }
}

#[test]
fn invite_without_sdp_gets_our_offer_and_media_follows_the_ack_answer() {
    let server = Server::start(20);
    let cap = Capture::start((server.rtp_min, server.rtp_max), Duration::from_secs(30));
    let (code, out) = sipp("media-late-offer.xml", &server, &["-m", "1", "-l", "1"], Duration::from_secs(30));
    let rtp = cap.finish();
    assert_eq!(code, 0, "offer PCMU/PCMA/101 in the 200, '#' heard after the ACK's answer, the caller's BYE answered:\n{out}\n{}", server.log_text());
    let pcma = rtp.iter().filter(|p| (server.rtp_min..=server.rtp_max).contains(&p.src) && p.pt == 8).count();
    assert!(pcma > 100, "we send the codec of the ACK's answer (PCMA): {pcma} packets");
}

#[test]
fn a_silent_caller_is_hung_up_after_the_timeout() {
    let server = Server::start(2);
    let t0 = std::time::Instant::now();
    let (code, out) = sipp("media-wait-bye.xml", &server, &["-m", "1", "-l", "1"], Duration::from_secs(170));
    assert_eq!(code, 0, "our BYE came:\n{out}\n{}", server.log_text());
    assert!(server.count_log("reason=LocalHangup") == 1);
    // Welcome, then three times 2 s of silence (reprompt, menu, goodbye): not before 6 s.
    assert!(t0.elapsed() > Duration::from_secs(6), "hung up after {:?}", t0.elapsed());
}

#[test]
fn shutdown_sends_bye_to_active_calls() {
    let mut server = Server::start(60);
    let port = server.sip_port;
    let peer = std::thread::spawn(move || call_support::sipp_to(port, "media-wait-bye.xml", &["-m", "1", "-l", "1"], Duration::from_secs(40)));
    assert!(server.wait_log("incoming call", Duration::from_secs(20)), "{}", server.log_text());
    std::thread::sleep(Duration::from_secs(1));
    assert!(server.stop(), "serve exits cleanly on SIGINT with a call up");
    let (code, out) = peer.join().unwrap();
    assert_eq!(code, 0, "the active call got our BYE on shutdown:\n{out}\n{}", server.log_text());
}
