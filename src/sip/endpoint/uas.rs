//! The answering side: incoming requests (INVITE, re-INVITE, ACK, CANCEL, BYE, OPTIONS, INFO),
//! dialog creation, and the call engine's answers to an INVITE (`ring`, `accept`, `accept_reoffer`,
//! `reject`).

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use super::call::{Call, CallState, PendingOk, Role};
use super::status::{reason_phrase, ALLOW, KNOWN_UNSUPPORTED};
use super::{CallRef, EndReason, Endpoint, Event};
use crate::sip::dialog::Dialog;
use crate::sip::message::{uri_host_port, Message, NameAddr};
use crate::sip::transaction::{server_key, ServerState, ServerTx};
use crate::sip::transport::Transport;

/// Seconds a caller's proxy should wait before offering a stopping node a new call.
const DRAIN_RETRY_AFTER: &str = "60";

impl Endpoint {
    // ---- requests in --------------------------------------------------------------------------

    /// A request from an allowed source: retransmission, or a new server transaction to route.
    pub(super) fn on_request(&mut self, now: Instant, transport: Transport, from: SocketAddr, msg: Message) {
        let method = msg.method().unwrap_or_default();
        let key = server_key(&msg);
        if method == "ACK" {
            self.on_ack(now, &key, msg);
            return;
        }
        if let Some(tx) = self.server_txs.get(&key) {
            // A retransmission: re-send the last response, if any.
            if let Some(b) = tx.on_retransmission() {
                let (t, p) = (tx.transport, tx.peer);
                self.transmit(t, p, b);
            }
            return;
        }
        self.server_txs.insert(key.clone(), ServerTx::new(msg.clone(), transport, from));
        if msg.header("Max-Forwards").is_some_and(|m| m.trim() == "0") && method != "OPTIONS" {
            self.respond_simple(now, &key, 483, "Too Many Hops", &[]);
            return;
        }
        if let Some(req) = msg.header("Require") {
            if method != "CANCEL" {
                let unsupported = req.to_string();
                self.respond_simple(now, &key, 420, "Bad Extension", &[("Unsupported", unsupported)]);
                return;
            }
        }
        match method.as_str() {
            "INVITE" => self.on_invite(now, &key, transport, from, msg),
            "CANCEL" => self.on_cancel(now, &key),
            "BYE" => self.on_bye(now, &key, &msg),
            "OPTIONS" if self.draining => {
                // A stopping node: proxies' keepalives (Kamailio's dispatcher) mark it down.
                self.respond_simple(now, &key, 503, "Service Unavailable", &[("Retry-After", DRAIN_RETRY_AFTER.into())]);
            }
            "OPTIONS" => {
                let extra = [("Allow", ALLOW.to_string()), ("Accept", "application/sdp".to_string()), ("Supported", String::new())];
                let extra: Vec<(&str, String)> = extra.into_iter().filter(|(_, v)| !v.is_empty()).collect();
                self.respond_simple(now, &key, 200, "OK", &extra);
            }
            "INFO" => self.on_info(now, &key, &msg),
            "NOTIFY" => self.on_notify(now, &key, &msg),
            m if KNOWN_UNSUPPORTED.contains(&m) => {
                self.respond_simple(now, &key, 405, "Method Not Allowed", &[("Allow", ALLOW.to_string())]);
            }
            _ => self.respond_simple(now, &key, 501, "Not Implemented", &[("Allow", ALLOW.to_string())]),
        }
    }

    /// The call whose dialog `msg` belongs to.
    pub(super) fn find_dialog(&self, msg: &Message) -> Option<CallRef> {
        self.calls.iter().find(|(_, c)| c.dialog.matches(msg)).map(|(r, _)| *r)
    }

    /// The call whose dialog `msg` belongs to; when none, answers 481 with `reason`.
    pub(super) fn dialog_or_481(&mut self, now: Instant, key: &str, msg: &Message, reason: &str) -> Option<CallRef> {
        let call = self.find_dialog(msg);
        if call.is_none() {
            self.respond_simple(now, key, 481, reason, &[]);
        }
        call
    }

    /// Takes an in-dialog request into its call: checks the peer's CSeq is increasing (500 if
    /// not) and ties the server transaction to the call. Returns whether to go on.
    pub(super) fn join_dialog(&mut self, now: Instant, key: &str, call: CallRef, msg: &Message) -> bool {
        let n = msg.cseq().map(|c| c.0).unwrap_or(0);
        let Some(c) = self.calls.get_mut(&call) else {
            return false;
        };
        if c.dialog.remote_cseq.is_some_and(|r| n <= r) {
            self.respond_simple(now, key, 500, "Server Internal Error (CSeq out of order)", &[]);
            return false;
        }
        c.dialog.remote_cseq = Some(n);
        self.server_tx_call.insert(key.to_string(), call);
        true
    }

    fn on_invite(&mut self, now: Instant, key: &str, transport: Transport, from: SocketAddr, msg: Message) {
        let offer = (!msg.body.is_empty()).then(|| msg.body.clone());
        if offer.is_some() && msg.content_type().as_deref() != Some("application/sdp") {
            self.respond_simple(now, key, 415, "Unsupported Media Type", &[("Accept", "application/sdp".into())]);
            return;
        }
        if msg.to_tag().is_some() {
            self.on_reinvite(now, key, &msg, offer);
        } else {
            self.on_new_invite(now, key, transport, from, msg, offer);
        }
    }

    fn on_reinvite(&mut self, now: Instant, key: &str, msg: &Message, offer: Option<Vec<u8>>) {
        let Some(call) = self.dialog_or_481(now, key, msg, "Call/Transaction Does Not Exist") else {
            return;
        };
        if !self.join_dialog(now, key, call, msg) {
            return;
        }
        let c = &self.calls[&call];
        if c.reinvite_tx.is_some() || c.pending_ok.is_some() {
            // RFC 3261 §14.2: an INVITE while one is still pending gets 500 with Retry-After.
            self.respond_simple(now, key, 500, "Server Internal Error", &[("Retry-After", "1".into())]);
            return;
        }
        if c.state != CallState::Confirmed {
            // Our own offer is outstanding (2xx not yet ACKed, or BYE sent): glare.
            self.respond_simple(now, key, 491, "Request Pending", &[]);
            return;
        }
        self.respond_simple(now, key, 100, "Trying", &[]);
        let c = self.calls.get_mut(&call).unwrap();
        c.reinvite_tx = Some(key.to_string());
        c.offer_in_invite = offer.is_some();
        if let Some(ct) = msg.header("Contact").and_then(NameAddr::parse) {
            c.dialog.remote_target = ct.uri;
        }
        self.emit(Event::ReOffer { call, offer });
    }

    /// An INVITE outside any dialog: a new call (100 Trying, then `Event::Incoming`).
    fn on_new_invite(&mut self, now: Instant, key: &str, transport: Transport, from: SocketAddr, msg: Message, offer: Option<Vec<u8>>) {
        // Merged request (same Call-ID / From tag / CSeq via another path): 482.
        let merged = self
            .calls
            .values()
            .any(|c| c.role == Role::Uas && c.dialog.call_id == msg.call_id() && c.dialog.remote_tag == msg.from_tag() && c.invite_tx != key);
        if merged {
            self.respond_simple(now, key, 482, "Loop Detected", &[]);
            return;
        }
        if self.draining {
            self.respond_simple(now, key, 503, "Service Unavailable", &[("Retry-After", DRAIN_RETRY_AFTER.into())]);
            return;
        }
        if self.calls.len() >= self.cfg.max_calls {
            self.respond_simple(now, key, 503, "Service Unavailable", &[("Retry-After", "30".into())]);
            return;
        }
        let call = self.next_call_ref();
        let tag = self.token();
        let dialog = Dialog::from_request(&msg, tag, transport, from);
        let local_host = msg.uri().and_then(uri_host_port).and_then(|(h, p)| {
            let ip: IpAddr = h.parse().ok()?;
            (!ip.is_unspecified()).then(|| match ip {
                IpAddr::V6(v6) => format!("[{v6}]:{}", p.unwrap_or(5060)),
                v4 => format!("{v4}:{}", p.unwrap_or(5060)),
            })
        });
        self.calls.insert(call, Call::incoming(dialog, key.to_string(), from, offer.is_some(), local_host));
        self.server_tx_call.insert(key.to_string(), call);
        let trying = self.response_to(&msg, 100, "Trying", None, from);
        self.respond(now, key, trying);
        let uri_of = |h: &str| msg.header(h).and_then(NameAddr::parse).map(|n| n.uri).unwrap_or_default();
        let request_uri = msg.uri().unwrap_or_default().to_string();
        self.emit(Event::Incoming { call, from: uri_of("From"), to: uri_of("To"), request_uri, offer, source: from });
    }

    fn on_ack(&mut self, now: Instant, key: &str, msg: Message) {
        if let Some(tx) = self.server_txs.get_mut(key) {
            if tx.state == ServerState::Completed {
                tx.on_ack(now);
                return;
            }
        }
        let Some(call) = self.find_dialog(&msg) else {
            return;
        };
        let n = msg.cseq().map(|c| c.0).unwrap_or(0);
        let c = self.calls.get_mut(&call).unwrap();
        let Some(p) = &c.pending_ok else { return };
        if p.cseq != n {
            return;
        }
        let we_offered = !c.offer_in_invite;
        c.pending_ok = None;
        let answer = (we_offered && !msg.body.is_empty()).then(|| msg.body.clone());
        if c.state == CallState::Accepted {
            c.state = CallState::Confirmed;
            let hang = c.hangup_after_ack;
            self.emit(Event::Established { call, answer });
            if hang {
                self.send_bye(now, call);
            }
        } else if answer.is_some() {
            // ACK to a re-INVITE's 2xx where we made the offer: pass the answer up.
            self.emit(Event::Established { call, answer });
        }
    }

    fn on_cancel(&mut self, now: Instant, key: &str) {
        let invite_key = key.rsplit_once('|').map(|(k, _)| format!("{k}|INVITE")).unwrap_or_default();
        let Some(is_final) = self.server_txs.get(&invite_key).map(|t| t.is_final()) else {
            self.respond_simple(now, key, 481, "Call/Transaction Does Not Exist", &[]);
            return;
        };
        let call = self.server_tx_call.get(&invite_key).copied();
        if let Some(c) = call {
            self.server_tx_call.insert(key.to_string(), c);
        }
        self.respond_simple(now, key, 200, "OK", &[]);
        if is_final {
            return;
        }
        self.respond_simple(now, &invite_key, 487, "Request Terminated", &[]);
        if let Some(call) = call {
            let is_initial = self.calls.get(&call).is_some_and(|c| c.invite_tx == invite_key);
            if is_initial {
                self.end_call(call, EndReason::Cancelled);
            } else if let Some(c) = self.calls.get_mut(&call) {
                c.reinvite_tx = None;
            }
        }
    }

    fn on_bye(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.dialog_or_481(now, key, msg, "Call/Transaction Does Not Exist") else {
            return;
        };
        if !self.join_dialog(now, key, call, msg) {
            return;
        }
        self.respond_simple(now, key, 200, "OK", &[]);
        // A re-INVITE still waiting for the engine gets 487.
        if let Some(rk) = self.calls.get(&call).and_then(|c| c.reinvite_tx.clone()) {
            self.respond_simple(now, &rk, 487, "Request Terminated", &[]);
        }
        self.end_call(call, EndReason::RemoteBye);
    }

    /// INFO: a DTMF digit (`application/dtmf-relay` or `application/dtmf`), or an empty keep-alive.
    fn on_info(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.dialog_or_481(now, key, msg, "Call/Transaction Does Not Exist") else {
            return;
        };
        if !self.join_dialog(now, key, call, msg) {
            return;
        }
        let ct = msg.content_type().unwrap_or_default();
        let body = String::from_utf8_lossy(&msg.body).to_string();
        let parsed = match ct.as_str() {
            "application/dtmf-relay" => parse_dtmf_relay(&body),
            "application/dtmf" => body.trim().chars().next().filter(|c| is_dtmf(*c)).map(|d| (d.to_ascii_uppercase(), 0)),
            "" if body.trim().is_empty() => {
                // Empty INFO (keep-alive): acknowledged, nothing to pass up.
                self.respond_simple(now, key, 200, "OK", &[]);
                return;
            }
            _ => {
                self.respond_simple(now, key, 415, "Unsupported Media Type", &[("Accept", "application/dtmf-relay, application/dtmf".into())]);
                return;
            }
        };
        match parsed {
            Some((digit, duration_ms)) => {
                self.respond_simple(now, key, 200, "OK", &[]);
                self.emit(Event::Dtmf { call, digit, duration_ms });
            }
            None => self.respond_simple(now, key, 400, "Bad Request (DTMF body)", &[]),
        }
    }

    // ---- the engine's answers -----------------------------------------------------------------

    /// The server transaction of an incoming call's INVITE while it can still be answered.
    pub(super) fn uas_invite_key(&self, call: CallRef) -> Option<String> {
        let c = self.calls.get(&call)?;
        (c.role == Role::Uas && self.server_txs.get(&c.invite_tx).is_some_and(|t| !t.is_final())).then(|| c.invite_tx.clone())
    }

    fn with_contact(&self, call: CallRef, mut r: Message) -> Message {
        for rr in self
            .server_txs
            .get(&self.calls[&call].invite_tx)
            .map(|tx| tx.request.headers_named("Record-Route").map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            r.push("Record-Route", rr);
        }
        r.push("Contact", format!("<{}>", self.call_contact(call)));
        r
    }

    /// Sends 180 Ringing for an incoming call.
    pub fn ring(&mut self, now: Instant, call: CallRef) {
        self.timeout_reported = false;
        let Some(key) = self.uas_invite_key(call) else {
            return;
        };
        let tx = &self.server_txs[&key];
        let tag = self.calls[&call].dialog.local_tag.clone();
        let r = self.response_to(&tx.request, 180, "Ringing", Some(&tag), tx.peer);
        let r = self.with_contact(call, r);
        self.respond(now, &key, r);
    }

    fn ok_with_sdp(&self, req: &Message, call: CallRef, sdp: Vec<u8>, peer: SocketAddr) -> Message {
        let tag = self.calls[&call].dialog.local_tag.clone();
        let mut r = self.response_to(req, 200, "OK", Some(&tag), peer);
        r = self.with_contact(call, r);
        r.push("Allow", ALLOW);
        r.push("Supported", "replaces");
        r.headers.retain(|(n, v)| n != "Supported" || !v.is_empty());
        if !sdp.is_empty() {
            r.push("Content-Type", "application/sdp");
        }
        r.body = sdp;
        r
    }

    /// Sends a 2xx with `sdp` within server transaction `key` and keeps it until the ACK.
    fn send_ok(&mut self, now: Instant, call: CallRef, key: &str, req: &Message, peer: SocketAddr, sdp: Vec<u8>) {
        let cseq = req.cseq().map(|c| c.0).unwrap_or(0);
        let r = self.ok_with_sdp(req, call, sdp, peer);
        let bytes = r.to_bytes();
        self.respond(now, key, r);
        let c = self.calls.get_mut(&call).unwrap();
        c.pending_ok = Some(PendingOk::new(now, bytes, cseq, c.dialog.transport));
    }

    /// Answers an incoming call with 200 OK carrying `sdp` (our offer if the INVITE had none).
    pub fn accept(&mut self, now: Instant, call: CallRef, sdp: Vec<u8>) {
        self.timeout_reported = false;
        let Some(key) = self.uas_invite_key(call) else {
            return;
        };
        let tx = &self.server_txs[&key];
        let (req, peer) = (tx.request.clone(), tx.peer);
        self.send_ok(now, call, &key, &req, peer, sdp);
        self.calls.get_mut(&call).unwrap().state = CallState::Accepted;
    }

    /// Answers a re-INVITE with 200 OK carrying `sdp`.
    pub fn accept_reoffer(&mut self, now: Instant, call: CallRef, sdp: Vec<u8>) {
        self.timeout_reported = false;
        let Some(key) = self.calls.get_mut(&call).and_then(|c| c.reinvite_tx.take()) else {
            return;
        };
        let Some(tx) = self.server_txs.get(&key) else {
            return;
        };
        let (req, peer) = (tx.request.clone(), tx.peer);
        self.send_ok(now, call, &key, &req, peer, sdp);
    }

    /// Rejects an incoming call (or a pending re-INVITE) with `code` (486, 488, 603…).
    pub fn reject(&mut self, now: Instant, call: CallRef, code: u16) {
        self.timeout_reported = false;
        let code = if (300..700).contains(&code) { code } else { 500 };
        if let Some(key) = self.calls.get_mut(&call).and_then(|c| c.reinvite_tx.take()) {
            self.respond_simple(now, &key, code, reason_phrase(code), &[]);
            return;
        }
        let Some(key) = self.uas_invite_key(call) else {
            return;
        };
        self.respond_simple(now, &key, code, reason_phrase(code), &[]);
        self.end_call(call, EndReason::Rejected(code));
    }
}

fn is_dtmf(c: char) -> bool {
    c.is_ascii_digit() || matches!(c.to_ascii_uppercase(), '*' | '#' | 'A' | 'B' | 'C' | 'D')
}

/// Parses an `application/dtmf-relay` body (`Signal=5\r\nDuration=160`).
fn parse_dtmf_relay(body: &str) -> Option<(char, u32)> {
    let mut digit = None;
    let mut duration = 0;
    for line in body.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "signal" => {
                let v = v.trim();
                digit = match v {
                    "10" => Some('*'),
                    "11" => Some('#'),
                    _ => v.chars().next().filter(|c| is_dtmf(*c) && v.len() == 1).map(|c| c.to_ascii_uppercase()),
                };
            }
            "duration" => duration = v.trim().parse().unwrap_or(0),
            _ => {}
        }
    }
    digit.map(|d| (d, duration))
}
