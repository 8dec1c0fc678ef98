//! The endpoint's part of a bridged transfer: a refused REFER hands the target back, a failure
//! NOTIFY does not, and an outgoing INVITE left ringing is cancelled at the ring limit.

use super::*;

#[test]
fn a_refused_refer_gives_the_resolved_target_back() {
    let mut r = Rig::plain();
    let (call, _) = established(&mut r);
    r.ep.refer(r.now, call, "3001");
    let refer = r.drain().sent.remove(0);
    assert_eq!(refer.header("Refer-To"), Some("<sip:3001@127.0.0.1>"));
    let d = r.input(&answer(&refer, 501, None, "", b""));
    assert_eq!(d.events, vec![Event::ReferRefused { call, target: "sip:3001@127.0.0.1".into(), code: 501 }]);
    // The call is still up: a second REFER may go out.
    r.ep.refer(r.now, call, "3001");
    assert_eq!(r.drain().sent[0].method().as_deref(), Some("REFER"));
}

#[test]
fn an_unanswered_refer_is_a_refusal_with_408() {
    let mut r = Rig::plain();
    let (call, _) = established(&mut r);
    r.ep.refer(r.now, call, "sip:accueil@127.0.0.1");
    r.drain();
    let d = r.advance(64 * T1 + Duration::from_millis(1));
    assert_eq!(d.events, vec![Event::ReferRefused { call, target: "sip:accueil@127.0.0.1".into(), code: 408 }]);
}

#[test]
fn a_failure_notify_after_an_accepted_refer_is_a_failed_transfer() {
    let mut r = Rig::plain();
    let (call, tag) = established(&mut r);
    r.ep.refer(r.now, call, "sip:accueil@127.0.0.1");
    let refer = r.drain().sent.remove(0);
    assert!(r.input(&answer(&refer, 202, None, "", b"")).events.is_empty());
    let extra = "Event: refer\r\nSubscription-State: terminated;reason=noresource\r\nContent-Type: message/sipfrag\r\n";
    let d = r.input(&req("NOTIFY", "z9hG4bKn9", "c1", 2, Some(&tag), extra, b"SIP/2.0 486 Busy Here"));
    assert_eq!(d.events, vec![Event::TransferResult { call, ok: false }]);
}

#[test]
fn an_outgoing_invite_ringing_past_the_limit_is_cancelled_and_ends_as_a_timeout() {
    let mut r = Rig::new(EndpointConfig { seed: 9, ring_limit: Duration::from_secs(30), ..EndpointConfig::default() });
    let call = r.ep.invite(r.now, &format!("sip:agent@{PEER}"), SDP.to_vec());
    let inv = r.drain().sent.remove(0);
    assert_eq!(inv.method().as_deref(), Some("INVITE"));
    assert!(r.input(&answer(&inv, 180, Some("ag1"), "", b"")).events.is_empty());
    let d = r.advance(Duration::from_secs(29));
    assert!(d.sent.iter().all(|m| m.method().as_deref() != Some("CANCEL")), "{d:?}");
    let d = r.advance(Duration::from_secs(1));
    let cancel = d.sent.iter().find(|m| m.method().as_deref() == Some("CANCEL")).expect("CANCEL at the ring limit");
    assert_eq!(cancel.call_id(), inv.call_id());
    let d = r.input(&answer(&inv, 487, Some("ag1"), "", b""));
    assert!(d.sent.iter().any(|m| m.method().as_deref() == Some("ACK")), "the 487 is ACKed: {d:?}");
    assert_eq!(d.events, vec![Event::Ended { call, reason: EndReason::Timeout }]);
}

#[test]
fn an_answered_outgoing_invite_is_not_cancelled() {
    let mut r = Rig::new(EndpointConfig { seed: 9, ring_limit: Duration::from_secs(30), ..EndpointConfig::default() });
    let call = r.ep.invite(r.now, &format!("sip:agent@{PEER}"), SDP.to_vec());
    let inv = r.drain().sent.remove(0);
    let d = r.input(&answer(&inv, 200, Some("ag1"), &format!("Contact: <sip:agent@{PEER}>\r\nContent-Type: application/sdp\r\n"), SDP));
    assert_eq!(d.events, vec![Event::Answered { call, answer: SDP.to_vec() }]);
    let d = r.advance(Duration::from_secs(31));
    assert!(d.sent.iter().all(|m| !matches!(m.method().as_deref(), Some("CANCEL" | "BYE"))), "{d:?}");
    assert!(d.events.is_empty(), "{d:?}");
}
