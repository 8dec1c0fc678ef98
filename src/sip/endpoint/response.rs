//! Responses: built from the request they answer, sent within its server transaction.

use std::net::SocketAddr;
use std::time::Instant;

use super::Endpoint;
use crate::sip::message::{Message, Via};
use crate::sip::transport::Transport;

impl Endpoint {
    /// Builds a response to `req` (Via/From/To/Call-ID/CSeq copied; `to_tag` added if To has none).
    pub(super) fn response_to(&self, req: &Message, code: u16, reason: &str, to_tag: Option<&str>, from: SocketAddr) -> Message {
        let mut r = Message::response(code, reason);
        for (i, v) in req.headers_named("Via").enumerate() {
            if i == 0 {
                // RFC 3581 / §18.2.1: tell the sender where its request came from.
                let mut v = v.to_string();
                if let Some(via) = Via::parse(&v) {
                    if via.host != from.ip().to_string() {
                        v.push_str(&format!(";received={}", from.ip()));
                    }
                    if via.params.iter().any(|(n, val)| n == "rport" && val.is_none()) {
                        v = v.replacen(";rport", &format!(";rport={}", from.port()), 1);
                    }
                }
                r.push("Via", v);
            } else {
                r.push("Via", v);
            }
        }
        if let Some(f) = req.header("From") {
            r.push("From", f);
        }
        if let Some(t) = req.header("To") {
            match (req.to_tag(), to_tag) {
                (None, Some(tag)) if code > 100 => r.push("To", format!("{t};tag={tag}")),
                _ => r.push("To", t),
            };
        }
        r.push("Call-ID", req.call_id());
        if let Some(c) = req.header("CSeq") {
            r.push("CSeq", c);
        }
        r.push("Server", self.cfg.user_agent.clone());
        r
    }

    /// Sends a response within server transaction `key`.
    pub(super) fn respond(&mut self, now: Instant, key: &str, resp: Message) {
        let code = resp.code().unwrap_or(500);
        let bytes = resp.to_bytes();
        if let Some(tx) = self.server_txs.get_mut(key) {
            tx.on_send(now, code, bytes.clone());
            let (t, p) = (tx.transport, tx.peer);
            self.transmit(t, p, bytes);
        }
    }

    /// Builds and sends a simple response within a server transaction.
    pub(super) fn respond_simple(&mut self, now: Instant, key: &str, code: u16, reason: &str, extra: &[(&str, String)]) {
        let Some(tx) = self.server_txs.get(key) else {
            return;
        };
        let tag = self.server_tx_call.get(key).and_then(|c| self.calls.get(c)).map(|c| c.dialog.local_tag.clone());
        let tag = tag.unwrap_or_else(|| format!("{:016x}", self.rng.rotate_left(17)));
        let mut r = self.response_to(&tx.request, code, reason, Some(&tag), tx.peer);
        for (n, v) in extra {
            r.push(n, v.clone());
        }
        self.respond(now, key, r);
    }

    /// Answers a request we could not parse (400, 416, 505, 513), outside any transaction, when
    /// enough of it was read to address the answer; never an ACK.
    pub(super) fn answer_malformed(&mut self, transport: Transport, from: SocketAddr, code: u16, reason: &str, partial: &Message) {
        let is_ack = partial.method().as_deref() == Some("ACK");
        let answerable = partial.header("Via").is_some() && partial.header("CSeq").is_some() && partial.header("Call-ID").is_some();
        if is_ack || !answerable {
            return;
        }
        let phrase = match code {
            505 => "Version Not Supported".to_string(),
            513 => "Message Too Large".to_string(),
            416 => "Unsupported URI Scheme".to_string(),
            _ => format!("Bad Request ({reason})"),
        };
        let mut r = self.response_to(partial, code, &phrase, Some("bad"), from);
        // Responses must not echo headers we could not read: keep only what parsed.
        r.headers.retain(|(n, v)| n != "Via" || Via::parse(v).is_some());
        if r.header("Via").is_some() {
            self.transmit(transport, from, r.to_bytes());
        }
    }
}
