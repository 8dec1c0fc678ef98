//! The calling side: requests we send (INVITE, BYE, CANCEL) in client transactions, the responses
//! they get, and the call engine's `invite` and `hangup`.

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use super::call::{Call, CallState, Role};
use super::status::ALLOW;
use super::{CallRef, EndReason, Endpoint, Event, Owner};
use crate::sip::dialog::Dialog;
use crate::sip::digest::Challenge;
use crate::sip::message::{uri_host_port, Message, Via};
use crate::sip::register::RegistrationConfig;
use crate::sip::transaction::{client_key, ClientState, ClientTx, ResponseVerdict};
use crate::sip::transport::Transport;

impl Endpoint {
    // ---- commands -----------------------------------------------------------------------------

    /// Places an outbound call to `to` (a SIP URI) offering `sdp`; routed via the trunk unless the URI's host is an IP.
    pub fn invite(&mut self, now: Instant, to: &str, sdp: Vec<u8>) -> CallRef {
        self.timeout_reported = false;
        let call = self.next_call_ref();
        let target = to.trim().trim_start_matches('<').trim_end_matches('>').to_string();
        let Some(mut dialog) = self.outgoing_dialog(&target) else {
            self.emit(Event::Ended { call, reason: EndReason::Rejected(404) });
            return call;
        };
        let (transport, dest) = (dialog.transport, dialog.peer);
        let (via, branch) = self.via(transport);
        let contact = self.contact_uri(transport);
        let mut m = dialog.request("INVITE", &via, None);
        m.push("Contact", format!("<{contact}>"));
        m.push("Allow", ALLOW);
        m.push("User-Agent", self.cfg.user_agent.clone());
        if !sdp.is_empty() {
            m.push("Content-Type", "application/sdp");
        }
        m.body = sdp.clone();
        let key = client_key(&branch, "INVITE");
        let bytes = m.to_bytes();
        let mut c = Call::outgoing(dialog, key, m, dest, !sdp.is_empty());
        c.ring_deadline = Some(now + self.cfg.ring_limit);
        self.calls.insert(call, c);
        self.start_client_tx(now, branch, "INVITE", transport, dest, bytes, Owner::Call(call));
        call
    }

    /// The dialog of a call we place to `target`: straight to the URI's host when it is an IP,
    /// else through the registrar; None when there is nowhere to send it.
    fn outgoing_dialog(&mut self, target: &str) -> Option<Dialog> {
        let reg = self.cfg.registration.clone();
        let direct = uri_host_port(target).and_then(|(h, p)| h.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, p.unwrap_or(5060))));
        let transport =
            if target.to_ascii_lowercase().contains(";transport=tcp") { Transport::Tcp } else { reg.as_ref().map(|r| r.transport).unwrap_or(Transport::Udp) };
        let dest = direct.or(reg.as_ref().map(|r| r.registrar_addr))?;
        let local_uri = match &reg {
            Some(r) => format!("<{}>", r.aor),
            None => format!("<sip:{}@{}>", self.cfg.contact_user, self.host_port(transport)),
        };
        let (cid, tag) = (self.token(), self.token());
        Some(Dialog {
            call_id: format!("{cid}@standardiste"),
            local_tag: tag,
            remote_tag: None,
            local_uri,
            remote_uri: format!("<{target}>"),
            remote_target: target.to_string(),
            route_set: Vec::new(),
            local_cseq: 0,
            remote_cseq: None,
            transport,
            peer: dest,
        })
    }

    /// Ends a call: BYE when up, CANCEL when our INVITE rings, a final error when theirs does.
    pub fn hangup(&mut self, now: Instant, call: CallRef) {
        self.timeout_reported = false;
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        match (c.role, c.state) {
            (Role::Uas, CallState::Incoming) => {
                if let Some(key) = self.uas_invite_key(call) {
                    self.respond_simple(now, &key, 603, "Decline", &[]);
                }
                self.end_call(call, EndReason::LocalHangup);
            }
            (_, CallState::Accepted) => c.hangup_after_ack = true,
            (_, CallState::Confirmed) => self.send_bye(now, call),
            (Role::Uac, CallState::Calling) => c.cancel_when_provisional = true,
            (Role::Uac, CallState::Early) => {
                c.hangup_after_ack = true;
                self.send_cancel(now, call);
            }
            _ => {}
        }
    }

    // ---- requests out -------------------------------------------------------------------------

    /// Starts the client transaction of a request already serialised, and sends it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn start_client_tx(&mut self, now: Instant, branch: String, method: &str, t: Transport, to: SocketAddr, bytes: Vec<u8>, owner: Owner) {
        let tx = ClientTx::new(now, branch.clone(), method, t, to, bytes.clone());
        self.client_txs.insert(client_key(&branch, method), (tx, owner));
        self.transmit(t, to, bytes);
    }

    /// Sends BYE in the call's dialog; the call ends when it is answered or times out.
    pub(super) fn send_bye(&mut self, now: Instant, call: CallRef) {
        let Some(t) = self.calls.get(&call).map(|c| c.dialog.transport) else {
            return;
        };
        let (via, branch) = self.via(t);
        let ua = self.cfg.user_agent.clone();
        let c = self.calls.get_mut(&call).unwrap();
        let mut bye = c.dialog.request("BYE", &via, None);
        bye.push("User-Agent", ua);
        c.state = CallState::Terminating;
        let to = c.dialog.destination();
        let bytes = bye.to_bytes();
        self.start_client_tx(now, branch, "BYE", t, to, bytes, Owner::Bye(call));
    }

    /// The ring limit of an unanswered INVITE of ours passed: CANCEL it (once it has rung), and
    /// end the call as a timeout.
    pub(super) fn ring_expired(&mut self, now: Instant, call: CallRef) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        c.ring_deadline = None;
        if c.role != Role::Uac || !matches!(c.state, CallState::Calling | CallState::Early) {
            return;
        }
        tracing::debug!(call = call.0, "no answer within the ring limit: cancelling");
        c.ring_expired = true;
        self.hangup(now, call);
    }

    fn send_cancel(&mut self, now: Instant, call: CallRef) {
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        let Some(inv) = c.invite_msg.clone() else {
            return;
        };
        // CANCEL copies Request-URI, top Via (same branch), From, To, Call-ID, Route; CSeq number.
        let mut m = Message::request("CANCEL", inv.uri().unwrap_or(""));
        let via = inv.header("Via").unwrap_or("").to_string();
        let branch = Via::parse(&via).and_then(|v| v.branch().map(str::to_string)).unwrap_or_default();
        m.push("Via", via);
        m.push("Max-Forwards", "70");
        for r in inv.headers_named("Route") {
            m.push("Route", r);
        }
        for h in ["From", "To", "Call-ID"] {
            m.push(h, inv.header(h).unwrap_or(""));
        }
        m.push("CSeq", format!("{} CANCEL", inv.cseq().map(|c| c.0).unwrap_or(1)));
        let (t, to) = (c.dialog.transport, c.invite_dest);
        let bytes = m.to_bytes();
        self.start_client_tx(now, branch, "CANCEL", t, to, bytes, Owner::Cancel);
    }

    // ---- responses in -------------------------------------------------------------------------

    /// A response: matched to its client transaction, retransmissions absorbed, the rest passed
    /// to whoever the transaction works for.
    pub(super) fn on_response(&mut self, now: Instant, msg: Message) {
        let Some(branch) = msg.top_via().and_then(|v| v.branch().map(str::to_string)) else {
            return;
        };
        let method = msg.method().unwrap_or_default();
        let code = msg.code().unwrap_or(0);
        let key = client_key(&branch, &method);
        let invite_2xx = method == "INVITE" && (200..300).contains(&code);
        let Some((tx, owner)) = self.client_txs.get_mut(&key) else {
            // A retransmitted 2xx to our INVITE after its transaction ended: re-send the ACK.
            if invite_2xx {
                let found = self.calls.iter().find(|(_, c)| c.role == Role::Uac && c.dialog.call_id == msg.call_id()).map(|(r, _)| *r);
                if let Some(call) = found {
                    self.resend_ack(call);
                }
            }
            return;
        };
        let owner = *owner;
        match tx.on_response(now, code) {
            ResponseVerdict::Absorb(Some(ack)) => {
                let (t, to) = (tx.transport, tx.to);
                self.transmit(t, to, ack);
                return;
            }
            ResponseVerdict::Absorb(None) => {
                if let (true, Owner::Call(call)) = (invite_2xx, owner) {
                    self.resend_ack(call);
                }
                return;
            }
            ResponseVerdict::PassUp => {}
        }
        let mut ack_out = None;
        if method == "INVITE" && code >= 300 {
            // The transaction ACKs non-2xx finals itself (§17.1.1.3).
            if let Some(ack) = build_non2xx_ack(&tx.request, &msg) {
                tx.ack = Some(ack.clone());
                ack_out = Some((tx.transport, tx.to, ack));
            }
        }
        if tx.state == ClientState::Terminated {
            self.client_txs.remove(&key);
        }
        if let Some((t, to, ack)) = ack_out {
            self.transmit(t, to, ack);
        }
        self.pass_response(now, owner, &msg);
    }

    /// Re-sends the ACK of our INVITE's 2xx, if we sent one.
    fn resend_ack(&mut self, call: CallRef) {
        if let Some(c) = self.calls.get(&call) {
            if let Some(a) = c.ack_bytes.clone() {
                let (t, to) = (c.dialog.transport, c.dialog.destination());
                self.transmit(t, to, a);
            }
        }
    }

    /// Hands a new response to whoever its client transaction works for.
    fn pass_response(&mut self, now: Instant, owner: Owner, msg: &Message) {
        let code = msg.code().unwrap_or(0);
        match owner {
            Owner::Call(call) => self.on_invite_response(now, call, msg),
            Owner::Bye(call) => {
                if code >= 200 {
                    self.end_call(call, EndReason::LocalHangup);
                }
            }
            Owner::Refer(call) => {
                if code >= 300 {
                    self.refer_failed(call, code);
                }
            }
            Owner::Cancel => {}
            Owner::Register => self.on_register_response(now, msg),
        }
    }

    fn on_invite_response(&mut self, now: Instant, call: CallRef, msg: &Message) {
        let code = msg.code().unwrap_or(0);
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        if code < 200 {
            if c.state == CallState::Calling {
                c.state = CallState::Early;
            }
            if c.cancel_when_provisional {
                c.hangup_after_ack = true;
                c.cancel_when_provisional = false;
                self.send_cancel(now, call);
            }
            return;
        }
        if code < 300 {
            self.on_invite_2xx(now, call, msg);
            return;
        }
        if (code == 401 || code == 407) && c.auth_tries == 0 {
            if let Some(rc) = self.cfg.registration.clone() {
                let header = if code == 401 { "WWW-Authenticate" } else { "Proxy-Authenticate" };
                if let Some(ch) = Challenge::best(msg.headers_named(header)) {
                    self.retry_invite_with_auth(now, call, &ch, code == 407, &rc);
                    return;
                }
            }
        }
        let reason = match (c.ring_expired, c.hangup_after_ack || code == 487) {
            (true, _) => EndReason::Timeout,
            (false, true) => EndReason::LocalHangup,
            (false, false) => EndReason::Rejected(code),
        };
        self.end_call(call, reason);
    }

    /// Our INVITE answered: the dialog is confirmed, ACKed, and either passed up or, when we hung
    /// up while it rang, ended with BYE.
    fn on_invite_2xx(&mut self, now: Instant, call: CallRef, msg: &Message) {
        let c = self.calls.get_mut(&call).unwrap();
        c.ring_deadline = None;
        c.dialog.confirm_from_response(msg);
        c.state = CallState::Confirmed;
        let n = msg.cseq().map(|x| x.0).unwrap_or(1);
        let (via, _) = self.via(self.calls[&call].dialog.transport);
        let c = self.calls.get_mut(&call).unwrap();
        let ack = c.dialog.request("ACK", &via, Some(n));
        let bytes = ack.to_bytes();
        c.ack_bytes = Some(bytes.clone());
        let (t, to) = (c.dialog.transport, c.dialog.destination());
        let hang = c.cancel_when_provisional || c.hangup_after_ack;
        self.transmit(t, to, bytes);
        if hang {
            // We hung up while it rang; the 200 crossed our CANCEL: end with BYE.
            self.send_bye(now, call);
        } else {
            self.emit(Event::Answered { call, answer: msg.body.clone() });
        }
    }

    fn retry_invite_with_auth(&mut self, now: Instant, call: CallRef, ch: &Challenge, proxy: bool, rc: &RegistrationConfig) {
        let (via, branch) = self.via(self.calls[&call].dialog.transport);
        let cnonce = self.token();
        let c = self.calls.get_mut(&call).unwrap();
        c.auth_tries += 1;
        let Some(mut m) = c.invite_msg.clone() else {
            return;
        };
        c.dialog.local_cseq += 1;
        let uri = m.uri().unwrap_or("").to_string();
        for h in m.headers.iter_mut() {
            match h.0.as_str() {
                "Via" => h.1 = via.clone(),
                "CSeq" => h.1 = format!("{} INVITE", c.dialog.local_cseq),
                _ => {}
            }
        }
        m.headers.retain(|(n, _)| n != "Authorization" && n != "Proxy-Authorization");
        m.push(if proxy { "Proxy-Authorization" } else { "Authorization" }, ch.authorization(&rc.username, &rc.password, "INVITE", &uri, 1, &cnonce));
        c.invite_msg = Some(m.clone());
        let (t, to) = (c.dialog.transport, c.invite_dest);
        let bytes = m.to_bytes();
        let key = client_key(&branch, "INVITE");
        c.invite_tx = key;
        self.start_client_tx(now, branch, "INVITE", t, to, bytes, Owner::Call(call));
    }
}

/// Builds the ACK for a non-2xx final response to `request_bytes` (same branch, To from the response).
fn build_non2xx_ack(request_bytes: &[u8], resp: &Message) -> Option<Vec<u8>> {
    let req = Message::parse(request_bytes, usize::MAX).ok()?;
    let mut m = Message::request("ACK", req.uri()?);
    m.push("Via", req.header("Via")?);
    m.push("Max-Forwards", "70");
    for r in req.headers_named("Route") {
        m.push("Route", r);
    }
    m.push("From", req.header("From")?);
    m.push("To", resp.header("To")?);
    m.push("Call-ID", req.call_id());
    m.push("CSeq", format!("{} ACK", req.cseq()?.0));
    Some(m.to_bytes())
}
