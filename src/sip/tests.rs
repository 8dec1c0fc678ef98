//! Deterministic tests of the sans-IO endpoint with a fake clock: calls, timers, CANCEL, re-INVITE, DTMF, REFER, registration.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::endpoint::*;
use super::message::Message;
use super::register::RegistrationConfig;
use super::transaction::{T1, T2, T4};

const PEER: &str = "127.0.0.1:5070";
const SDP: &[u8] = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

struct Rig {
    ep: Endpoint,
    now: Instant,
}

#[derive(Default, Debug)]
struct Drained {
    sent: Vec<Message>,
    events: Vec<Event>,
    timeout: Option<Instant>,
}

impl Rig {
    fn new(cfg: EndpointConfig) -> Rig {
        let mut r = Rig { ep: Endpoint::new(cfg), now: Instant::now() };
        r.ep.handle_timeout(r.now);
        r
    }

    fn plain() -> Rig {
        Rig::new(EndpointConfig { seed: 7, ..EndpointConfig::default() })
    }

    fn drain(&mut self) -> Drained {
        let mut d = Drained::default();
        while let Some(o) = self.ep.poll_output() {
            match o {
                Output::Transmit { bytes, .. } => d.sent.push(Message::parse(&bytes, usize::MAX).expect("we send valid SIP")),
                Output::Event(e) => d.events.push(e),
                Output::Timeout(t) => d.timeout = Some(t),
            }
        }
        d
    }

    fn input(&mut self, raw: &str) -> Drained {
        self.ep.handle_input(self.now, Transport::Udp, PEER.parse().unwrap(), raw.as_bytes());
        self.drain()
    }

    fn advance(&mut self, d: Duration) -> Drained {
        self.now += d;
        self.ep.handle_timeout(self.now);
        self.drain()
    }
}

fn req(method: &str, branch: &str, call_id: &str, cseq: u32, to_tag: Option<&str>, extra: &str, body: &[u8]) -> String {
    let to = match to_tag {
        Some(t) => format!("<sip:bot@127.0.0.1>;tag={t}"),
        None => "<sip:bot@127.0.0.1>".into(),
    };
    format!(
        "{method} sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {PEER};branch={branch}\r\nFrom: \"Alice\" <sip:alice@127.0.0.1>;tag=alice1\r\nTo: {to}\r\nCall-ID: {call_id}\r\nCSeq: {cseq} {method}\r\nContact: <sip:alice@{PEER}>\r\nMax-Forwards: 70\r\n{extra}Content-Length: {}\r\n\r\n{}",
        body.len(),
        String::from_utf8_lossy(body)
    )
}

fn invite(branch: &str, call_id: &str, sdp: bool) -> String {
    if sdp {
        req("INVITE", branch, call_id, 1, None, "Content-Type: application/sdp\r\n", SDP)
    } else {
        req("INVITE", branch, call_id, 1, None, "", b"")
    }
}

fn codes(d: &Drained) -> Vec<u16> {
    d.sent.iter().filter_map(|m| m.code()).collect()
}

/// Sets up an incoming call answered and ACKed; returns (call, our tag).
fn established(r: &mut Rig) -> (CallRef, String) {
    let d = r.input(&invite("z9hG4bKinv1", "c1", true));
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!("{d:?}") };
    r.ep.accept(r.now, call, SDP.to_vec());
    let d = r.drain();
    let tag = d.sent[0].to_tag().unwrap();
    let d = r.input(&req("ACK", "z9hG4bKack1", "c1", 1, Some(&tag), "", b""));
    assert_eq!(d.events, vec![Event::Established { call, answer: None }]);
    (call, tag)
}

#[test]
fn incoming_call_gets_100_then_ring_and_200_until_ack() {
    let mut r = Rig::plain();
    let d = r.input(&invite("z9hG4bKinv1", "c1", true));
    assert_eq!(codes(&d), vec![100]);
    let Some(Event::Incoming { call, offer, from, source, request_uri, .. }) = d.events.first().cloned() else { panic!() };
    assert_eq!(offer.as_deref(), Some(SDP));
    assert_eq!(request_uri, "sip:bot@127.0.0.1");
    assert_eq!(from, "sip:alice@127.0.0.1");
    assert_eq!(source, PEER.parse::<SocketAddr>().unwrap());
    // A retransmitted INVITE is absorbed by re-sending the last provisional.
    assert_eq!(codes(&r.input(&invite("z9hG4bKinv1", "c1", true))), vec![100]);
    r.ep.ring(r.now, call);
    let d = r.drain();
    assert_eq!(codes(&d), vec![180]);
    let tag = d.sent[0].to_tag().unwrap();
    assert!(d.sent[0].header("Contact").is_some());
    r.ep.accept(r.now, call, b"v=0 answer".to_vec());
    let d = r.drain();
    assert_eq!(codes(&d), vec![200]);
    assert_eq!(d.sent[0].to_tag().unwrap(), tag, "same tag in 180 and 200");
    assert_eq!(d.sent[0].body, b"v=0 answer");
    assert_eq!(d.sent[0].content_type().as_deref(), Some("application/sdp"));
    // No ACK yet: the 200 is retransmitted at T1, 2T1, 4T1… capped at T2.
    let mut gaps = vec![];
    let start = r.now;
    for _ in 0..6 {
        let d = r.advance(Duration::from_millis(250));
        if codes(&d) == vec![200] {
            gaps.push((r.now - start).as_millis());
        }
    }
    assert_eq!(gaps, vec![500, 1500]);
    // A retransmitted INVITE after the 2xx is absorbed (RFC 6026), not answered again by the transaction.
    assert!(codes(&r.input(&invite("z9hG4bKinv1", "c1", true))).is_empty());
    let d = r.input(&req("ACK", "z9hG4bKack1", "c1", 1, Some(&tag), "", b""));
    assert_eq!(d.events, vec![Event::Established { call, answer: None }]);
    // After the ACK, nothing more is retransmitted.
    assert!(r.advance(T2 * 3).sent.is_empty());
}

#[test]
fn no_ack_means_bye_after_64_t1() {
    let mut r = Rig::plain();
    let d = r.input(&invite("z9hG4bKinv1", "c1", true));
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    r.ep.accept(r.now, call, SDP.to_vec());
    r.drain();
    let mut ended = None;
    let mut byes = 0;
    for _ in 0..200 {
        let d = r.advance(Duration::from_millis(250));
        byes += d.sent.iter().filter(|m| m.method().as_deref() == Some("BYE") && m.code().is_none()).count();
        if let Some(e) = d.events.iter().find(|e| matches!(e, Event::Ended { .. })) {
            ended = Some(e.clone());
            break;
        }
    }
    assert_eq!(ended, Some(Event::Ended { call, reason: EndReason::Timeout }));
    assert_eq!(byes, 1);
}

#[test]
fn invite_without_offer_gets_offer_in_200_and_answer_from_ack() {
    let mut r = Rig::plain();
    let d = r.input(&invite("z9hG4bKinv2", "c2", false));
    let Some(Event::Incoming { call, offer: None, .. }) = d.events.first().cloned() else { panic!("{d:?}") };
    r.ep.accept(r.now, call, b"our offer".to_vec());
    let tag = r.drain().sent[0].to_tag().unwrap();
    let d = r.input(&req("ACK", "z9hG4bKa2", "c2", 1, Some(&tag), "Content-Type: application/sdp\r\n", b"their answer"));
    assert_eq!(d.events, vec![Event::Established { call, answer: Some(b"their answer".to_vec()) }]);
}

#[test]
fn cancel_before_answer_gives_200_and_487() {
    let mut r = Rig::plain();
    let d = r.input(&invite("z9hG4bKinv3", "c3", true));
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    r.ep.ring(r.now, call);
    r.drain();
    let d = r.input(&req("CANCEL", "z9hG4bKinv3", "c3", 1, None, "", b""));
    assert_eq!(codes(&d), vec![200, 487]);
    assert_eq!(d.sent[0].method().as_deref(), Some("CANCEL"));
    assert_eq!(d.sent[1].method().as_deref(), Some("INVITE"));
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::Cancelled }]);
    // The 487 is retransmitted (timer G) until the ACK, which is absorbed.
    assert_eq!(codes(&r.advance(T1)), vec![487]);
    let tag = d.sent[1].to_tag().unwrap();
    let d = r.input(&req("ACK", "z9hG4bKinv3", "c3", 1, Some(&tag), "", b""));
    assert!(d.sent.is_empty() && d.events.is_empty());
    assert!(r.advance(T1 * 4).sent.is_empty());
    // Engine commands on the ended call are ignored.
    r.ep.accept(r.now, call, SDP.to_vec());
    assert!(r.drain().sent.is_empty());
    // CANCEL for an unknown transaction: 481.
    assert_eq!(codes(&r.input(&req("CANCEL", "z9hG4bKnone", "c9", 1, None, "", b""))), vec![481]);
}

#[test]
fn bye_and_unknown_dialogs() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    assert_eq!(codes(&r.input(&req("BYE", "z9hG4bKb1", "c1", 2, Some("wrongtag"), "", b""))), vec![481]);
    assert_eq!(codes(&r.input(&req("INFO", "z9hG4bKi0", "c1", 2, Some("wrongtag"), "", b""))), vec![481]);
    let d = r.input(&req("BYE", "z9hG4bKb2", "c1", 2, Some(&tag), "", b""));
    assert_eq!(codes(&d), vec![200]);
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::RemoteBye }]);
    // Retransmitted BYE: same 200 from the transaction, no second event.
    let d = r.input(&req("BYE", "z9hG4bKb2", "c1", 2, Some(&tag), "", b""));
    assert_eq!(codes(&d), vec![200]);
    assert!(d.events.is_empty());
}

#[test]
fn local_hangup_sends_bye_and_ends_on_200() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    r.ep.hangup(r.now, call);
    let d = r.drain();
    let bye = &d.sent[0];
    assert_eq!(bye.method().as_deref(), Some("BYE"));
    assert_eq!(bye.uri(), Some("sip:alice@127.0.0.1:5070"));
    assert_eq!(bye.from_tag().as_deref(), Some(tag.as_str()));
    assert_eq!(bye.to_tag().as_deref(), Some("alice1"));
    // Retransmitted on UDP (timer E).
    assert_eq!(r.advance(T1).sent.len(), 1);
    let via = bye.header("Via").unwrap();
    let ok = format!(
        "SIP/2.0 200 OK\r\nVia: {via}\r\nFrom: {}\r\nTo: {}\r\nCall-ID: c1\r\nCSeq: {}\r\nContent-Length: 0\r\n\r\n",
        bye.header("From").unwrap(),
        bye.header("To").unwrap(),
        bye.header("CSeq").unwrap()
    );
    let d = r.input(&ok);
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::LocalHangup }]);
    // Timer K: no more retransmissions.
    assert!(r.advance(T4).sent.is_empty());
}

#[test]
fn reinvite_is_passed_up_and_glare_handled() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    let d = r.input(&req("INVITE", "z9hG4bKre1", "c1", 2, Some(&tag), "Content-Type: application/sdp\r\n", b"new offer"));
    assert_eq!(codes(&d), vec![100]);
    assert_eq!(d.events, vec![Event::ReOffer { call, offer: Some(b"new offer".to_vec()) }]);
    // A second re-INVITE while the first is pending: 500 with Retry-After (RFC 3261 §14.2).
    let d = r.input(&req("INVITE", "z9hG4bKre2", "c1", 3, Some(&tag), "Content-Type: application/sdp\r\n", b"again"));
    assert_eq!(codes(&d), vec![500]);
    assert!(d.sent[0].header("Retry-After").is_some());
    r.ep.accept_reoffer(r.now, call, b"new answer".to_vec());
    let d = r.drain();
    assert_eq!(codes(&d), vec![200]);
    assert_eq!(d.sent[0].body, b"new answer");
    // While that 200 waits for its ACK, another re-INVITE gets 500 too; after the ACK, one is accepted.
    let d = r.input(&req("ACK", "z9hG4bKra", "c1", 2, Some(&tag), "", b""));
    assert!(d.events.is_empty());
    let d = r.input(&req("INVITE", "z9hG4bKre3", "c1", 4, Some(&tag), "", b""));
    assert_eq!(d.events, vec![Event::ReOffer { call, offer: None }]);
    r.ep.reject(r.now, call, 488);
    assert_eq!(codes(&r.drain()), vec![488]);
    // Re-INVITE in a dialog whose 2xx was not yet ACKed: 491.
    let mut r = Rig::plain();
    let d = r.input(&invite("z9hG4bKinvg", "cg", true));
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    r.ep.accept(r.now, call, SDP.to_vec());
    let tag = r.drain().sent[0].to_tag().unwrap();
    let _ = r.input(&req("ACK", "z9hG4bKag", "cg", 1, Some(&tag), "", b""));
    r.ep.hangup(r.now, call);
    r.drain();
    let d = r.input(&req("INVITE", "z9hG4bKreg", "cg", 2, Some(&tag), "", b""));
    assert_eq!(codes(&d), vec![491]);
}

#[test]
fn info_dtmf_both_content_types() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    let d = r.input(&req("INFO", "z9hG4bKi1", "c1", 2, Some(&tag), "Content-Type: application/dtmf-relay\r\n", b"Signal=5\r\nDuration=160\r\n"));
    assert_eq!(codes(&d), vec![200]);
    assert_eq!(d.events, vec![Event::Dtmf { call, digit: '5', duration_ms: 160 }]);
    let d = r.input(&req("INFO", "z9hG4bKi2", "c1", 3, Some(&tag), "Content-Type: application/dtmf-relay\r\n", b"Signal=11\r\nDuration=100\r\n"));
    assert_eq!(d.events, vec![Event::Dtmf { call, digit: '#', duration_ms: 100 }]);
    let d = r.input(&req("INFO", "z9hG4bKi3", "c1", 4, Some(&tag), "Content-Type: application/dtmf\r\n", b"*"));
    assert_eq!(d.events, vec![Event::Dtmf { call, digit: '*', duration_ms: 0 }]);
    let d = r.input(&req("INFO", "z9hG4bKi4", "c1", 5, Some(&tag), "Content-Type: application/dtmf-relay\r\n", b"Signal=Z\r\n"));
    assert_eq!(codes(&d), vec![400]);
    assert!(d.events.is_empty());
    // Out-of-order CSeq: 500.
    let d = r.input(&req("INFO", "z9hG4bKi5", "c1", 3, Some(&tag), "Content-Type: application/dtmf\r\n", b"1"));
    assert_eq!(codes(&d), vec![500]);
}

#[test]
fn options_unknown_and_unsupported_methods() {
    let mut r = Rig::plain();
    let d = r.input(&req("OPTIONS", "z9hG4bKo1", "o1", 1, None, "", b""));
    assert_eq!(codes(&d), vec![200]);
    assert!(d.sent[0].header("Allow").unwrap().contains("INVITE"));
    assert_eq!(d.sent[0].header("Accept"), Some("application/sdp"));
    let d = r.input(&req("PUBLISH", "z9hG4bKo2", "o2", 1, None, "", b""));
    assert_eq!(codes(&d), vec![405]);
    assert!(d.sent[0].header("Allow").is_some());
    assert_eq!(codes(&r.input(&req("XYZZY", "z9hG4bKo3", "o3", 1, None, "", b""))), vec![501]);
    assert_eq!(codes(&r.input(&req("OPTIONS", "z9hG4bKo4", "o4", 1, None, "Require: 100rel\r\n", b""))), vec![420]);
    let d = r.input(&req("INVITE", "z9hG4bKo5", "o5", 1, None, "Content-Type: text/plain\r\n", b"hello"));
    assert_eq!(codes(&d), vec![415]);
}

#[test]
fn sources_outside_allowed_networks_get_403() {
    let mut r = Rig::new(EndpointConfig { allowed_sources: vec!["10.0.0.0/8".parse().unwrap()], ..EndpointConfig::default() });
    let d = r.input(&invite("z9hG4bKx", "x1", true));
    assert_eq!(codes(&d), vec![403]);
    assert!(d.events.is_empty());
}

#[test]
fn too_many_calls_get_503_and_reject_sends_final() {
    let mut r = Rig::new(EndpointConfig { max_calls: 1, ..EndpointConfig::default() });
    let d = r.input(&invite("z9hG4bKm1", "m1", true));
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    assert_eq!(codes(&r.input(&invite("z9hG4bKm2", "m2", true))), vec![503]);
    r.ep.reject(r.now, call, 486);
    let d = r.drain();
    assert_eq!(codes(&d), vec![486]);
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::Rejected(486) }]);
}

/// Builds a response to one of our requests.
fn answer(m: &Message, code: u16, to_tag: Option<&str>, extra: &str, body: &[u8]) -> String {
    let to = match to_tag {
        Some(t) => format!("{};tag={t}", m.header("To").unwrap()),
        None => m.header("To").unwrap().to_string(),
    };
    format!(
        "SIP/2.0 {code} X\r\nVia: {}\r\nFrom: {}\r\nTo: {to}\r\nCall-ID: {}\r\nCSeq: {}\r\n{extra}Content-Length: {}\r\n\r\n{}",
        m.header("Via").unwrap(),
        m.header("From").unwrap(),
        m.call_id(),
        m.header("CSeq").unwrap(),
        body.len(),
        String::from_utf8_lossy(body)
    )
}

#[test]
fn refer_with_notify_sipfrag() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    r.ep.refer(r.now, call, "sip:accueil@127.0.0.1");
    let d = r.drain();
    let refer = &d.sent[0];
    assert_eq!(refer.method().as_deref(), Some("REFER"));
    assert_eq!(refer.header("Refer-To"), Some("<sip:accueil@127.0.0.1>"));
    assert!(r.input(&answer(refer, 202, None, "", b"")).events.is_empty());
    let notify = |cseq: u32, frag: &str, state: &str| {
        req(
            "NOTIFY",
            &format!("z9hG4bKn{cseq}"),
            "c1",
            cseq,
            Some(&tag),
            &format!("Event: refer\r\nSubscription-State: {state}\r\nContent-Type: message/sipfrag\r\n"),
            frag.as_bytes(),
        )
    };
    let d = r.input(&notify(2, "SIP/2.0 100 Trying", "active;expires=60"));
    assert_eq!(codes(&d), vec![200]);
    assert!(d.events.is_empty());
    let d = r.input(&notify(3, "SIP/2.0 200 OK", "terminated;reason=noresource"));
    assert_eq!(d.events, vec![Event::TransferResult { call, ok: true }]);
    // A REFER refused outright leaves the call ours, to be bridged to the same target.
    r.ep.refer(r.now, call, "sip:accueil@127.0.0.1");
    let refer = r.drain().sent.remove(0);
    let d = r.input(&answer(&refer, 603, None, "", b""));
    assert_eq!(d.events, vec![Event::ReferRefused { call, target: "sip:accueil@127.0.0.1".into(), code: 603 }]);
}

mod bridge;

fn trunk() -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:pbx.test".into(),
        registrar_addr: "127.0.0.1:5090".parse().unwrap(),
        transport: Transport::Udp,
        aor: "sip:mairie@pbx.test".into(),
        username: "mairie".into(),
        password: "pw".into(),
        expires: 300,
    }
}

#[test]
fn registration_digest_refresh_and_backoff() {
    let mut r = Rig { ep: Endpoint::new(EndpointConfig { registration: Some(trunk()), ..EndpointConfig::default() }), now: Instant::now() };
    r.ep.handle_timeout(r.now);
    let reg = r.drain().sent.remove(0);
    assert_eq!(reg.method().as_deref(), Some("REGISTER"));
    assert!(reg.header("Authorization").is_none());
    assert!(reg.header("Contact").unwrap().contains("sip:mairie@"));
    let chal = "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256\r\n";
    let d = r.input(&answer(&reg, 401, Some("r"), chal, b""));
    let reg2 = &d.sent[0];
    let auth = reg2.header("Authorization").unwrap();
    assert!(auth.contains("algorithm=SHA-256") && auth.contains("nc=00000001") && auth.contains("username=\"mairie\""), "{auth}");
    assert_eq!(reg2.cseq().unwrap().0, reg.cseq().unwrap().0 + 1);
    let contact = reg2.header("Contact").unwrap().to_string();
    let d = r.input(&answer(reg2, 200, Some("r"), &format!("Contact: {}\r\n", contact.replace("expires=300", "expires=120")), b""));
    assert_eq!(d.events, vec![Event::Registration { registered: true, detail: "registered for 120 s".into() }]);
    assert!(r.ep.is_registered());
    // Refresh 30 s before the 120 s expiry, reusing the challenge (nc=2).
    assert!(r.advance(Duration::from_secs(89)).sent.is_empty());
    let d = r.advance(Duration::from_secs(1));
    let refresh = &d.sent[0];
    assert!(refresh.header("Authorization").unwrap().contains("nc=00000002"));
    // The registrar refuses now: back-off 5 s, then 10 s.
    let d = r.input(&answer(refresh, 503, Some("r"), "", b""));
    assert!(matches!(&d.events[..], [Event::Registration { registered: false, .. }]));
    assert!(r.advance(Duration::from_secs(4)).sent.is_empty());
    let d = r.advance(Duration::from_secs(1));
    assert_eq!(d.sent[0].method().as_deref(), Some("REGISTER"));
    // No answer at all (timer F): failure, next try 10 s later.
    let mut sent = 0;
    let mut failed = false;
    for _ in 0..33 {
        let d = r.advance(Duration::from_secs(1));
        sent += d.sent.len();
        failed |= d.events.iter().any(|e| matches!(e, Event::Registration { registered: false, .. }));
    }
    assert!(failed && sent >= 7, "retransmissions then timeout ({sent})");
    let mut waited = 0;
    loop {
        waited += 1;
        if !r.advance(Duration::from_secs(1)).sent.is_empty() || waited > 20 {
            break;
        }
    }
    assert!((9..=11).contains(&waited), "back-off doubled: {waited}");
}

#[test]
fn wrong_credentials_do_not_loop() {
    let mut r = Rig { ep: Endpoint::new(EndpointConfig { registration: Some(trunk()), ..EndpointConfig::default() }), now: Instant::now() };
    r.ep.handle_timeout(r.now);
    let reg = r.drain().sent.remove(0);
    let chal = "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\", algorithm=MD5\r\n";
    let reg2 = r.input(&answer(&reg, 401, Some("r"), chal, b"")).sent.remove(0);
    let d = r.input(&answer(&reg2, 401, Some("r"), chal, b""));
    assert!(d.sent.is_empty(), "no third REGISTER straight away");
    assert!(matches!(&d.events[..], [Event::Registration { registered: false, .. }]));
}

#[test]
fn outbound_invite_with_auth_ack_and_bye() {
    let mut r = Rig {
        ep: Endpoint::new(EndpointConfig { registration: Some(RegistrationConfig { expires: 0, ..trunk() }), ..EndpointConfig::default() }),
        now: Instant::now(),
    };
    let call = r.ep.invite(r.now, "sip:0612345678@pbx.test", SDP.to_vec());
    let inv = r.drain().sent.remove(0);
    assert_eq!(inv.uri(), Some("sip:0612345678@pbx.test"));
    assert_eq!(inv.body, SDP);
    let chal = "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n2\", algorithm=MD5\r\n";
    let d = r.input(&answer(&inv, 407, Some("p"), chal, b""));
    // ACK for the 407 (same branch), then the authenticated INVITE.
    let ack = &d.sent[0];
    assert_eq!(ack.method().as_deref(), Some("ACK"));
    assert_eq!(ack.top_via().unwrap().branch(), inv.top_via().unwrap().branch());
    let inv2 = d.sent[1].clone();
    assert!(inv2.header("Proxy-Authorization").unwrap().contains("uri=\"sip:0612345678@pbx.test\""));
    assert_ne!(inv2.top_via().unwrap().branch(), inv.top_via().unwrap().branch());
    // A retransmitted 407 gets the ACK again, not a new INVITE.
    let d = r.input(&answer(&inv, 407, Some("p"), chal, b""));
    assert_eq!(d.sent.len(), 1);
    assert!(r.input(&answer(&inv2, 180, Some("callee"), "", b"")).events.is_empty());
    let d = r.input(&answer(&inv2, 200, Some("callee"), "Contact: <sip:callee@127.0.0.1:5099>\r\nContent-Type: application/sdp\r\n", b"their sdp"));
    assert_eq!(d.events, vec![Event::Answered { call, answer: b"their sdp".to_vec() }]);
    let ack = &d.sent[0];
    assert_eq!(ack.method().as_deref(), Some("ACK"));
    assert_eq!(ack.uri(), Some("sip:callee@127.0.0.1:5099"));
    assert_eq!(ack.to_tag().as_deref(), Some("callee"));
    // A retransmitted 200 is ACKed again.
    let d = r.input(&answer(&inv2, 200, Some("callee"), "Contact: <sip:callee@127.0.0.1:5099>\r\n", b""));
    assert_eq!(d.sent.iter().filter(|m| m.method().as_deref() == Some("ACK")).count(), 1);
    // The callee hangs up.
    let bye = format!(
        "BYE sip:mairie@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKcb\r\nFrom: <sip:0612345678@pbx.test>;tag=callee\r\nTo: {}\r\nCall-ID: {}\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n",
        inv.header("From").unwrap(),
        inv.call_id()
    );
    let d = r.input(&bye);
    assert_eq!(codes(&d), vec![200]);
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::RemoteBye }]);
}

#[test]
fn outbound_hangup_while_ringing_cancels() {
    let mut r = Rig::plain();
    let call = r.ep.invite(r.now, "sip:desk@127.0.0.1:5099", SDP.to_vec());
    let inv = r.drain().sent.remove(0);
    r.input(&answer(&inv, 180, Some("desk"), "", b""));
    r.ep.hangup(r.now, call);
    let cancel = r.drain().sent.remove(0);
    assert_eq!(cancel.method().as_deref(), Some("CANCEL"));
    assert_eq!(cancel.top_via().unwrap().branch(), inv.top_via().unwrap().branch());
    assert_eq!(cancel.cseq().unwrap(), (inv.cseq().unwrap().0, "CANCEL".into()));
    r.input(&answer(&cancel, 200, Some("desk"), "", b""));
    let d = r.input(&answer(&inv, 487, Some("desk"), "", b""));
    assert_eq!(d.sent[0].method().as_deref(), Some("ACK"));
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::LocalHangup }]);
    // Unanswered INVITE: timer B ends the call.
    let call = r.ep.invite(r.now, "sip:desk@127.0.0.1:5099", SDP.to_vec());
    r.drain();
    let d = r.advance(64 * T1);
    assert!(d.events.contains(&Event::Ended { call, reason: EndReason::Timeout }), "{:?}", d.events);
}

#[test]
fn responses_carry_received_and_rport() {
    let mut r = Rig::plain();
    let raw = req("OPTIONS", "z9hG4bKrp", "rp", 1, None, "", b"").replace(&format!("UDP {PEER};branch"), "UDP 192.0.2.1:5060;rport;branch");
    let d = r.input(&raw);
    let via = d.sent[0].header("Via").unwrap().to_string();
    assert!(via.contains("received=127.0.0.1") && via.contains("rport=5070"), "{via}");
}

#[test]
fn tcp_calls_never_retransmit_but_still_time_out() {
    let mut r = Rig::plain();
    r.ep.handle_input(r.now, Transport::Tcp, PEER.parse().unwrap(), invite("z9hG4bKt1", "t1", true).as_bytes());
    let d = r.drain();
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    r.ep.accept(r.now, call, SDP.to_vec());
    let d = r.drain();
    assert_eq!(codes(&d), vec![200]);
    assert!(d.sent[0].header("Contact").unwrap().contains("transport=tcp"));
    for _ in 0..10 {
        assert!(r.advance(T1).sent.is_empty(), "no 2xx retransmission over TCP");
    }
    let d = r.advance(64 * T1);
    assert!(d.events.contains(&Event::Ended { call, reason: EndReason::Timeout }));
}

#[test]
fn wildcard_listen_address_uses_the_request_uri_in_contact() {
    let mut r = Rig::new(EndpointConfig { udp_addr: "0.0.0.0:5060".parse().unwrap(), ..EndpointConfig::default() });
    let raw = invite("z9hG4bKw1", "w1", true).replace("INVITE sip:bot@127.0.0.1 SIP/2.0", "INVITE sip:bot@127.0.0.5:5062 SIP/2.0");
    let d = r.input(&raw);
    let Some(Event::Incoming { call, .. }) = d.events.first().cloned() else { panic!() };
    r.ep.ring(r.now, call);
    let d = r.drain();
    assert_eq!(d.sent[0].header("Contact"), Some("<sip:standardiste@127.0.0.5:5062>"));
}

#[test]
fn calls_arrive_over_the_registration_contact() {
    let mut r = Rig { ep: Endpoint::new(EndpointConfig { registration: Some(trunk()), ..EndpointConfig::default() }), now: Instant::now() };
    r.ep.handle_timeout(r.now);
    let reg = r.drain().sent.remove(0);
    let contact = reg.header("Contact").unwrap().to_string();
    r.input(&answer(&reg, 200, Some("r"), &format!("Contact: {contact}\r\n"), b""));
    assert!(r.ep.is_registered());
    // The PBX sends the call to the registered Contact URI.
    let uri = contact.trim_start_matches('<').split('>').next().unwrap().to_string();
    let raw = invite("z9hG4bKpbx", "pbx1", true).replace("INVITE sip:bot@127.0.0.1 SIP/2.0", &format!("INVITE {uri} SIP/2.0"));
    let d = r.input(&raw);
    assert_eq!(codes(&d), vec![100]);
    assert!(matches!(d.events.first(), Some(Event::Incoming { .. })));
}

#[test]
fn a_draining_endpoint_refuses_new_calls_and_options_but_keeps_its_calls() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    r.ep.set_draining(true);
    let d = r.input(&invite("z9hG4bKinv2", "c2", true));
    assert_eq!(codes(&d), vec![503]);
    assert_eq!(d.sent[0].header("Retry-After"), Some("60"));
    assert!(d.events.is_empty(), "{d:?}");
    let d = r.input(&req("OPTIONS", "z9hG4bKo9", "o9", 1, None, "", b""));
    assert_eq!(codes(&d), vec![503]);
    // The call in progress goes on: its BYE is answered and ends it.
    let d = r.input(&req("BYE", "z9hG4bKbye9", "c1", 2, Some(&tag), "", b""));
    assert_eq!(codes(&d), vec![200]);
    assert!(matches!(d.events.as_slice(), [Event::Ended { call: c, reason: EndReason::RemoteBye }] if *c == call), "{d:?}");
    r.ep.set_draining(false);
    assert_eq!(codes(&r.input(&req("OPTIONS", "z9hG4bKo10", "o10", 1, None, "", b""))), vec![200]);
}
