//! SIP dialog state (RFC 3261 §12): identifiers, CSeq, route set, remote target, in-dialog requests.

use std::net::{IpAddr, SocketAddr};

use super::message::{uri_host_port, Message, NameAddr};
use super::transport::Transport;

/// One dialog, from our side.
#[derive(Debug, Clone)]
pub struct Dialog {
    /// Call-ID.
    pub call_id: String,
    /// Our tag.
    pub local_tag: String,
    /// Peer's tag (None until the peer answers, for dialogs we start).
    pub remote_tag: Option<String>,
    /// Our URI (From of our requests), without tag, in `<uri>` form.
    pub local_uri: String,
    /// Peer's URI (To of our requests), without tag.
    pub remote_uri: String,
    /// Peer's Contact URI: Request-URI of our in-dialog requests.
    pub remote_target: String,
    /// Route set, in the order we put it in Route headers.
    pub route_set: Vec<String>,
    /// Our last CSeq number.
    pub local_cseq: u32,
    /// Peer's last CSeq number seen.
    pub remote_cseq: Option<u32>,
    /// Transport the dialog runs over.
    pub transport: Transport,
    /// Address the peer's messages come from.
    pub peer: SocketAddr,
}

impl Dialog {
    /// Dialog created by a request we received (we are UAS).
    pub fn from_request(req: &Message, local_tag: String, transport: Transport, peer: SocketAddr) -> Dialog {
        let from = req.header("From").and_then(NameAddr::parse);
        let to = req.header("To").and_then(NameAddr::parse);
        let remote_target = req.header("Contact").and_then(NameAddr::parse).map(|n| n.uri).or_else(|| from.as_ref().map(|f| f.uri.clone())).unwrap_or_default();
        Dialog {
            call_id: req.call_id().to_string(),
            local_tag,
            remote_tag: from.as_ref().and_then(|f| f.param("tag")),
            local_uri: to.map(|t| t.bare()).unwrap_or_default(),
            remote_uri: from.map(|f| f.bare()).unwrap_or_default(),
            remote_target,
            route_set: req.headers_named("Record-Route").map(str::to_string).collect(),
            local_cseq: 0,
            remote_cseq: req.cseq().map(|c| c.0),
            transport,
            peer,
        }
    }

    /// Completes a dialog we started with the peer's 2xx (tag, Contact, reversed Record-Route).
    pub fn confirm_from_response(&mut self, resp: &Message) {
        self.remote_tag = resp.to_tag();
        if let Some(c) = resp.header("Contact").and_then(NameAddr::parse) {
            self.remote_target = c.uri;
        }
        let mut rr: Vec<String> = resp.headers_named("Record-Route").map(str::to_string).collect();
        rr.reverse();
        self.route_set = rr;
    }

    /// Whether an incoming request's tags belong to this dialog.
    pub fn matches(&self, req: &Message) -> bool {
        req.call_id() == self.call_id
            && req.to_tag().as_deref() == Some(self.local_tag.as_str())
            && (self.remote_tag.is_none() || req.from_tag() == self.remote_tag)
    }

    /// Builds an in-dialog request; CSeq is incremented unless `cseq` is given (ACK, CANCEL).
    pub fn request(&mut self, method: &str, via: &str, cseq: Option<u32>) -> Message {
        let n = match cseq {
            Some(n) => n,
            None => {
                self.local_cseq += 1;
                self.local_cseq
            }
        };
        let mut m = Message::request(method, &self.remote_target);
        m.push("Via", via);
        m.push("Max-Forwards", "70");
        for r in &self.route_set {
            m.push("Route", r.clone());
        }
        m.push("From", format!("{};tag={}", self.local_uri, self.local_tag));
        match &self.remote_tag {
            Some(t) => m.push("To", format!("{};tag={t}", self.remote_uri)),
            None => m.push("To", self.remote_uri.clone()),
        };
        m.push("Call-ID", self.call_id.clone());
        m.push("CSeq", format!("{n} {method}"));
        m
    }

    /// Where in-dialog requests go: first route, else the remote target, else the peer's address.
    pub fn destination(&self) -> SocketAddr {
        if self.transport == Transport::Tcp {
            return self.peer;
        }
        let uri = match self.route_set.first() {
            Some(r) => NameAddr::parse(r).map(|n| n.uri).unwrap_or_default(),
            None => self.remote_target.clone(),
        };
        match uri_host_port(&uri) {
            Some((h, p)) => match h.parse::<IpAddr>() {
                Ok(ip) if !ip.is_unspecified() => SocketAddr::new(ip, p.unwrap_or(5060)),
                _ => self.peer,
            },
            None => self.peer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uas_dialog_builds_in_dialog_requests() {
        let raw = b"INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1\r\nRecord-Route: <sip:127.0.0.9:5090;lr>\r\nFrom: \"A\" <sip:alice@x>;tag=a1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: cid\r\nCSeq: 7 INVITE\r\nContact: <sip:alice@127.0.0.2:5062>\r\n\r\n";
        let req = Message::parse(raw, 4096).unwrap();
        let peer: SocketAddr = "127.0.0.1:5061".parse().unwrap();
        let mut d = Dialog::from_request(&req, "b2".into(), Transport::Udp, peer);
        assert_eq!(d.remote_cseq, Some(7));
        assert_eq!(d.destination(), "127.0.0.9:5090".parse().unwrap());
        let bye = d.request("BYE", "SIP/2.0/UDP me;branch=z9hG4bKx", None);
        assert_eq!(bye.uri(), Some("sip:alice@127.0.0.2:5062"));
        assert_eq!(bye.header("To"), Some("\"A\" <sip:alice@x>;tag=a1"));
        assert_eq!(bye.header("From"), Some("<sip:bot@127.0.0.1>;tag=b2"));
        assert_eq!(bye.header("Route"), Some("<sip:127.0.0.9:5090;lr>"));
        assert_eq!(bye.cseq(), Some((1, "BYE".into())));
        let mut bye_req = bye.clone();
        bye_req.start = super::super::message::StartLine::Request { method: "BYE".into(), uri: "sip:bot@127.0.0.1".into() };
        // The peer's BYE carries our tag in To and theirs in From.
        let mut theirs = Message::request("BYE", "sip:bot@127.0.0.1");
        theirs.push("From", "<sip:alice@x>;tag=a1").push("To", "<sip:bot@127.0.0.1>;tag=b2").push("Call-ID", "cid");
        assert!(d.matches(&theirs));
        theirs.headers[1].1 = "<sip:bot@127.0.0.1>;tag=zz".into();
        assert!(!d.matches(&theirs));
    }
}
