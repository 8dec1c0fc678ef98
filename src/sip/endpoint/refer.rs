//! Blind transfer (RFC 3515): REFER out in an established call, then the peer's NOTIFYs give the
//! engine one `Event::TransferResult`; a REFER refused outright (a final error or timer F) gives
//! `Event::ReferRefused` instead, so that the call can be bridged with an outgoing INVITE.

use std::time::Instant;

use super::call::CallState;
use super::{CallRef, Endpoint, Event, Owner};
use crate::sip::dialog::Dialog;
use crate::sip::message::{uri_host_port, Message, NameAddr};

impl Endpoint {
    /// Blind transfer (REFER, RFC 3515) of an established call to `target` (a SIP URI).
    pub fn refer(&mut self, now: Instant, call: CallRef, target: &str) {
        self.timeout_reported = false;
        let Some(c) = self.calls.get(&call) else {
            return;
        };
        if c.state != CallState::Confirmed || c.refer_pending {
            self.emit(Event::TransferResult { call, ok: false });
            return;
        }
        let t = c.dialog.transport;
        let (via, branch) = self.via(t);
        let contact = self.call_contact(call);
        let c = self.calls.get_mut(&call).unwrap();
        let target = refer_target(&c.dialog, target);
        let mut m = c.dialog.request("REFER", &via, None);
        m.push("Refer-To", format!("<{target}>"));
        m.push("Referred-By", c.dialog.local_uri.clone());
        m.push("Contact", format!("<{contact}>"));
        c.refer_pending = true;
        c.refer_target = Some(target.clone());
        let to = c.dialog.destination();
        let bytes = m.to_bytes();
        self.start_client_tx(now, branch, "REFER", t, to, bytes, Owner::Refer(call));
    }

    /// A NOTIFY about our REFER: its `message/sipfrag` body carries the transfer's progress.
    pub(super) fn on_notify(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.dialog_or_481(now, key, msg, "Subscription Does Not Exist") else {
            return;
        };
        let is_refer = msg.header("Event").is_some_and(|e| e.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("refer"));
        if !is_refer {
            self.respond_simple(now, key, 489, "Bad Event", &[]);
            return;
        }
        if !self.join_dialog(now, key, call, msg) {
            return;
        }
        self.respond_simple(now, key, 200, "OK", &[]);
        // Body: message/sipfrag, e.g. "SIP/2.0 200 OK".
        let frag = String::from_utf8_lossy(&msg.body).to_string();
        let code = frag.lines().next().and_then(|l| l.strip_prefix("SIP/2.0 ")).and_then(|r| r.split_whitespace().next()).and_then(|c| c.parse::<u16>().ok());
        let terminated = msg.header("Subscription-State").is_some_and(|s| s.trim_start().to_ascii_lowercase().starts_with("terminated"));
        let pending = self.calls.get(&call).is_some_and(|c| c.refer_pending);
        if !pending {
            return;
        }
        let result = match code {
            Some(c) if c >= 200 => Some((200..300).contains(&c)),
            _ if terminated => Some(false),
            _ => None,
        };
        if let Some(ok) = result {
            if let Some(c) = self.calls.get_mut(&call) {
                c.refer_pending = false;
            }
            self.emit(Event::TransferResult { call, ok });
        }
    }

    /// The REFER itself failed (an error response `code`, or timer F as 408): the peer will not
    /// transfer; the call is still up, so the engine may bridge it to the target instead.
    pub(super) fn refer_failed(&mut self, call: CallRef, code: u16) {
        let Some(c) = self.calls.get_mut(&call) else {
            return;
        };
        if !c.refer_pending {
            return;
        }
        c.refer_pending = false;
        match c.refer_target.take() {
            Some(target) if c.state == CallState::Confirmed => self.emit(Event::ReferRefused { call, target, code }),
            _ => self.emit(Event::TransferResult { call, ok: false }),
        }
    }
}

/// The Refer-To URI for `target`; a bare extension ("3001") is taken relative to the peer's domain.
fn refer_target(dialog: &Dialog, target: &str) -> String {
    let target = target.trim().trim_start_matches('<').trim_end_matches('>');
    if target.contains(':') {
        return target.to_string();
    }
    let host = NameAddr::parse(&dialog.remote_uri).and_then(|n| uri_host_port(&n.uri)).map(|(h, p)| match p {
        Some(p) => format!("{h}:{p}"),
        None => h,
    });
    format!("sip:{target}@{}", host.unwrap_or_else(|| dialog.peer.to_string()))
}
