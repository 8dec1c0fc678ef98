//! The sans-IO SIP user agent: transactions, dialogs and registration behind `handle_input` / `poll_output`.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::cidr::Cidr;
use super::dialog::Dialog;
use super::digest::Challenge;
use super::message::{Message, NameAddr, ParseError, StartLine, DEFAULT_MAX_MESSAGE};
use super::register::{RegOutcome, Registration, RegistrationConfig};
use super::transaction::{client_key, server_key, ClientState, ClientTx, ResponseVerdict, ServerState, ServerTx, TimerAction, T1, T2};
pub use super::transport::Transport;

/// Methods we implement (the Allow header).
pub const ALLOW: &str = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY";
/// Methods we know but do not serve here (405 with Allow).
const KNOWN_UNSUPPORTED: &[&str] = &["REGISTER", "SUBSCRIBE", "PUBLISH", "MESSAGE", "UPDATE", "PRACK", "REFER"];

/// Identifies one call for the life of the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallRef(pub u64);

/// Why a call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// The peer sent BYE.
    RemoteBye,
    /// We hung up (BYE answered, CANCEL done, or we declined).
    LocalHangup,
    /// The caller cancelled before we answered.
    Cancelled,
    /// A final error status ended the call (ours via `reject`, or the peer's to our INVITE).
    Rejected(u16),
    /// The peer stopped answering (timer B/F, or no ACK to our 2xx).
    Timeout,
}

/// Something the call engine must know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A new call; 100 Trying has been sent. Reply with `ring`, `accept` or `reject`.
    Incoming {
        /// The call.
        call: CallRef,
        /// From URI.
        from: String,
        /// To URI.
        to: String,
        /// SDP offer, if the INVITE had one.
        offer: Option<Vec<u8>>,
        /// Source address of the INVITE.
        source: SocketAddr,
    },
    /// ACK received: the call is up (answer = SDP in the ACK when we offered in the 200).
    Established {
        /// The call.
        call: CallRef,
        /// SDP answer carried by the ACK.
        answer: Option<Vec<u8>>,
    },
    /// A re-INVITE: reply with `accept_reoffer` or `reject`.
    ReOffer {
        /// The call.
        call: CallRef,
        /// The new offer, if any.
        offer: Option<Vec<u8>>,
    },
    /// A DTMF digit received in an INFO.
    Dtmf {
        /// The call.
        call: CallRef,
        /// 0-9, *, #, A-D.
        digit: char,
        /// Duration in milliseconds (0 if not given).
        duration_ms: u32,
    },
    /// Our outbound INVITE got 200 (ACK already sent).
    Answered {
        /// The call.
        call: CallRef,
        /// SDP answer.
        answer: Vec<u8>,
    },
    /// The call is over.
    Ended {
        /// The call.
        call: CallRef,
        /// Why.
        reason: EndReason,
    },
    /// Outcome of a `refer`.
    TransferResult {
        /// The call that was transferred.
        call: CallRef,
        /// Whether the transfer target answered.
        ok: bool,
    },
    /// Registration state changed.
    Registration {
        /// Whether we are registered now.
        registered: bool,
        /// What happened, for logs.
        detail: String,
    },
}

/// What the endpoint wants the IO shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Send bytes (a TCP message goes on the connection to/from `to`).
    Transmit {
        /// Transport.
        transport: Transport,
        /// Destination.
        to: SocketAddr,
        /// One whole SIP message.
        bytes: Vec<u8>,
    },
    /// Tell the call engine.
    Event(Event),
    /// Call `handle_timeout` at this instant; always the last output of a drain.
    Timeout(Instant),
}

/// Configuration of the user agent.
#[derive(Clone, Debug)]
pub struct EndpointConfig {
    /// Local UDP address.
    pub udp_addr: SocketAddr,
    /// Local TCP address, if listening on TCP.
    pub tcp_addr: Option<SocketAddr>,
    /// Address written in Via and Contact (defaults to `udp_addr`).
    pub public_addr: Option<SocketAddr>,
    /// User part of our Contact.
    pub contact_user: String,
    /// User-Agent / Server header value.
    pub user_agent: String,
    /// Registration with a trunk, if any.
    pub registration: Option<RegistrationConfig>,
    /// Source networks allowed to send requests (empty = everyone).
    pub allowed_sources: Vec<Cidr>,
    /// Largest accepted message in bytes (bigger requests get 513).
    pub max_message: usize,
    /// Most simultaneous calls; beyond, INVITEs get 503.
    pub max_calls: usize,
    /// Seed for tags, branches and Call-IDs.
    pub seed: u64,
}

impl Default for EndpointConfig {
    fn default() -> Self {
        EndpointConfig {
            udp_addr: "127.0.0.1:5060".parse().unwrap(),
            tcp_addr: None,
            public_addr: None,
            contact_user: "standardiste".into(),
            user_agent: concat!("standardiste/", env!("CARGO_PKG_VERSION")).into(),
            registration: None,
            allowed_sources: Vec::new(),
            max_message: DEFAULT_MAX_MESSAGE,
            max_calls: 64,
            seed: 0x5eed_cafe,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Uas,
    Uac,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallState {
    /// UAS: INVITE received, 100 sent.
    Incoming,
    /// UAS: 2xx sent, waiting for ACK.
    Accepted,
    /// UAC: INVITE sent.
    Calling,
    /// UAC: provisional received.
    Early,
    /// Dialog confirmed.
    Confirmed,
    /// BYE sent, waiting for its response.
    Terminating,
}

/// A 2xx we keep retransmitting until the ACK (RFC 3261 §13.3.1.4).
#[derive(Debug, Clone)]
struct PendingOk {
    bytes: Vec<u8>,
    cseq: u32,
    next: Option<Instant>,
    interval: Duration,
    give_up: Instant,
}

#[derive(Debug, Clone)]
struct Call {
    role: Role,
    state: CallState,
    dialog: Dialog,
    /// Server transaction of the initial INVITE (UAS) or client key of our INVITE (UAC).
    invite_tx: String,
    /// Our INVITE, for CANCEL and authenticated retries (UAC).
    invite_msg: Option<Message>,
    invite_dest: SocketAddr,
    offer_in_invite: bool,
    pending_ok: Option<PendingOk>,
    /// Server transaction of a re-INVITE awaiting the engine's reply.
    reinvite_tx: Option<String>,
    hangup_after_ack: bool,
    cancel_when_provisional: bool,
    auth_tries: u32,
    ack_bytes: Option<Vec<u8>>,
    refer_pending: bool,
    /// Our address as the peer wrote it in the Request-URI (used in Contact when we listen on 0.0.0.0).
    local_host: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Call(CallRef),
    Bye(CallRef),
    Cancel,
    Refer(CallRef),
    Register,
}

/// The whole user agent: transactions, dialogs, registration. Sans-IO.
///
/// The shell calls `handle_timeout(now)` once at start (it sends the first REGISTER), then feeds
/// input, commands and timeouts, draining `poll_output` after each until it yields `Timeout` or `None`.
pub struct Endpoint {
    cfg: EndpointConfig,
    rng: u64,
    out: VecDeque<Output>,
    timeout_reported: bool,
    server_txs: HashMap<String, ServerTx>,
    server_tx_call: HashMap<String, CallRef>,
    client_txs: HashMap<String, (ClientTx, Owner)>,
    calls: HashMap<CallRef, Call>,
    next_call: u64,
    registration: Option<Registration>,
    started: bool,
}

impl Endpoint {
    /// Creates the endpoint; nothing is sent until the first `handle_timeout`.
    pub fn new(config: EndpointConfig) -> Self {
        let mut ep = Endpoint {
            rng: config.seed | 1,
            cfg: config,
            out: VecDeque::new(),
            timeout_reported: false,
            server_txs: HashMap::new(),
            server_tx_call: HashMap::new(),
            client_txs: HashMap::new(),
            calls: HashMap::new(),
            next_call: 1,
            registration: None,
            started: false,
        };
        if let Some(rc) = ep.cfg.registration.clone() {
            let (cid, tag) = (ep.token(), ep.token());
            // Due at the shell's first `handle_timeout(now)`.
            ep.registration = Some(Registration::new(rc, format!("{cid}@standardiste"), tag));
        }
        ep
    }

    /// Number of calls in progress.
    pub fn call_count(&self) -> usize {
        self.calls.len()
    }

    /// Whether the registrar holds our binding.
    pub fn is_registered(&self) -> bool {
        self.registration.as_ref().is_some_and(|r| r.registered)
    }

    // ---- identifiers --------------------------------------------------------------------------

    fn next_u64(&mut self) -> u64 {
        // xorshift64*: deterministic from the seed, good enough for tags and branches.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn token(&mut self) -> String {
        format!("{:016x}", self.next_u64())
    }

    fn branch(&mut self) -> String {
        format!("z9hG4bK{}", self.token())
    }

    fn public(&self) -> SocketAddr {
        self.cfg.public_addr.unwrap_or(self.cfg.udp_addr)
    }

    fn host_port(&self, transport: Transport) -> String {
        let a = match transport {
            Transport::Tcp => self
                .cfg
                .public_addr
                .map(|p| SocketAddr::new(p.ip(), self.cfg.tcp_addr.map(|t| t.port()).unwrap_or(p.port())))
                .or(self.cfg.tcp_addr)
                .unwrap_or(self.public()),
            Transport::Udp => self.public(),
        };
        match a {
            SocketAddr::V4(v4) => v4.to_string(),
            SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
        }
    }

    fn via(&mut self, transport: Transport) -> (String, String) {
        let b = self.branch();
        (format!("SIP/2.0/{} {};branch={b};rport", transport.via_name(), self.host_port(transport)), b)
    }

    fn contact_uri(&self, transport: Transport) -> String {
        let user = self.cfg.registration.as_ref().map(|r| r.username.clone()).unwrap_or_else(|| self.cfg.contact_user.clone());
        match transport {
            Transport::Udp => format!("sip:{user}@{}", self.host_port(transport)),
            Transport::Tcp => format!("sip:{user}@{};transport=tcp", self.host_port(transport)),
        }
    }

    /// Contact for one call: the configured address, or, when that is a wildcard (0.0.0.0), the
    /// address the caller reached us at (its Request-URI).
    fn call_contact(&self, call: CallRef) -> String {
        let Some(c) = self.calls.get(&call) else {
            return self.contact_uri(Transport::Udp);
        };
        let t = c.dialog.transport;
        match &c.local_host {
            Some(h) if self.public().ip().is_unspecified() => {
                let user = self.cfg.registration.as_ref().map(|r| r.username.clone()).unwrap_or_else(|| self.cfg.contact_user.clone());
                match t {
                    Transport::Udp => format!("sip:{user}@{h}"),
                    Transport::Tcp => format!("sip:{user}@{h};transport=tcp"),
                }
            }
            _ => self.contact_uri(t),
        }
    }

    // ---- output helpers -----------------------------------------------------------------------

    fn transmit(&mut self, transport: Transport, to: SocketAddr, bytes: Vec<u8>) {
        self.out.push_back(Output::Transmit { transport, to, bytes });
    }

    fn emit(&mut self, e: Event) {
        self.out.push_back(Output::Event(e));
    }

    /// Next output; `Timeout` ends each drain, then `None` until new input.
    pub fn poll_output(&mut self) -> Option<Output> {
        if let Some(o) = self.out.pop_front() {
            return Some(o);
        }
        if self.timeout_reported {
            return None;
        }
        self.timeout_reported = true;
        self.next_deadline().map(Output::Timeout)
    }

    fn next_deadline(&self) -> Option<Instant> {
        let mut best: Option<Instant> = None;
        let mut take = |t: Option<Instant>| {
            if let Some(t) = t {
                best = Some(best.map_or(t, |b: Instant| b.min(t)));
            }
        };
        for tx in self.server_txs.values() {
            take(tx.deadline());
        }
        for (tx, _) in self.client_txs.values() {
            take(tx.deadline());
        }
        for c in self.calls.values() {
            if let Some(p) = &c.pending_ok {
                take(Some(p.next.map_or(p.give_up, |n| n.min(p.give_up))));
            }
        }
        if let Some(r) = &self.registration {
            take(r.next_at);
        }
        best
    }

    /// Builds a response to `req` (Via/From/To/Call-ID/CSeq copied; `to_tag` added if To has none).
    fn response_to(&self, req: &Message, code: u16, reason: &str, to_tag: Option<&str>, from: SocketAddr) -> Message {
        let mut r = Message::response(code, reason);
        for (i, v) in req.headers_named("Via").enumerate() {
            if i == 0 {
                // RFC 3581 / §18.2.1: tell the sender where its request came from.
                let mut v = v.to_string();
                if let Some(via) = super::message::Via::parse(&v) {
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
    fn respond(&mut self, now: Instant, key: &str, resp: Message) {
        let code = resp.code().unwrap_or(500);
        let bytes = resp.to_bytes();
        if let Some(tx) = self.server_txs.get_mut(key) {
            tx.on_send(now, code, bytes.clone());
            let (t, p) = (tx.transport, tx.peer);
            self.transmit(t, p, bytes);
        }
    }

    /// Builds and sends a simple response within a server transaction.
    fn respond_simple(&mut self, now: Instant, key: &str, code: u16, reason: &str, extra: &[(&str, String)]) {
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

    // ---- input --------------------------------------------------------------------------------

    /// Feeds one datagram, or one framed TCP message, received at `now` from `from`.
    pub fn handle_input(&mut self, now: Instant, transport: Transport, from: SocketAddr, bytes: &[u8]) {
        self.timeout_reported = false;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return; // keep-alive (RFC 5626 CRLF)
        }
        let allowed = self.cfg.allowed_sources.is_empty() || self.cfg.allowed_sources.iter().any(|n| n.contains(from.ip()));
        match Message::parse(bytes, self.cfg.max_message) {
            Ok(msg) => match &msg.start {
                StartLine::Request { method, .. } => {
                    if !allowed {
                        if method != "ACK" {
                            let r = self.response_to(&msg, 403, "Forbidden", Some("forbidden"), from);
                            self.transmit(transport, from, r.to_bytes());
                        }
                        tracing::debug!(%from, "request from a source outside the allowed networks");
                        return;
                    }
                    self.on_request(now, transport, from, msg);
                }
                StartLine::Response { .. } => {
                    if allowed {
                        self.on_response(now, msg);
                    }
                }
            },
            Err(ParseError::BadRequest { code, reason, partial }) => {
                tracing::debug!(%from, code, %reason, "malformed request");
                let is_ack = partial.method().as_deref() == Some("ACK");
                let answerable = partial.header("Via").is_some() && partial.header("CSeq").is_some() && partial.header("Call-ID").is_some();
                if !is_ack && answerable && allowed {
                    let phrase = match code {
                        505 => "Version Not Supported".to_string(),
                        513 => "Message Too Large".to_string(),
                        416 => "Unsupported URI Scheme".to_string(),
                        _ => format!("Bad Request ({reason})"),
                    };
                    let mut r = self.response_to(&partial, code, &phrase, Some("bad"), from);
                    // Responses must not echo headers we could not read: keep only what parsed.
                    r.headers.retain(|(n, v)| n != "Via" || super::message::Via::parse(v).is_some());
                    if r.header("Via").is_some() {
                        self.transmit(transport, from, r.to_bytes());
                    }
                }
            }
            Err(e) => tracing::debug!(%from, error = %e, "dropped unparseable message"),
        }
    }

    fn on_request(&mut self, now: Instant, transport: Transport, from: SocketAddr, msg: Message) {
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
            "CANCEL" => self.on_cancel(now, &key, &msg),
            "BYE" => self.on_bye(now, &key, &msg),
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

    fn find_dialog(&self, msg: &Message) -> Option<CallRef> {
        self.calls.iter().find(|(_, c)| c.dialog.matches(msg)).map(|(r, _)| *r)
    }

    /// Checks the peer's CSeq is increasing; answers 500 if not. Returns whether to go on.
    fn check_remote_cseq(&mut self, now: Instant, key: &str, call: CallRef, msg: &Message) -> bool {
        let n = msg.cseq().map(|c| c.0).unwrap_or(0);
        let Some(c) = self.calls.get_mut(&call) else {
            return false;
        };
        if c.dialog.remote_cseq.is_some_and(|r| n <= r) {
            self.respond_simple(now, key, 500, "Server Internal Error (CSeq out of order)", &[]);
            return false;
        }
        c.dialog.remote_cseq = Some(n);
        true
    }

    fn on_invite(&mut self, now: Instant, key: &str, transport: Transport, from: SocketAddr, msg: Message) {
        let offer = (!msg.body.is_empty()).then(|| msg.body.clone());
        if offer.is_some() && msg.content_type().as_deref() != Some("application/sdp") {
            self.respond_simple(now, key, 415, "Unsupported Media Type", &[("Accept", "application/sdp".into())]);
            return;
        }
        if msg.to_tag().is_some() {
            // re-INVITE
            let Some(call) = self.find_dialog(&msg) else {
                self.respond_simple(now, key, 481, "Call/Transaction Does Not Exist", &[]);
                return;
            };
            if !self.check_remote_cseq(now, key, call, &msg) {
                return;
            }
            self.server_tx_call.insert(key.to_string(), call);
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
            return;
        }
        // Merged request (same Call-ID / From tag / CSeq via another path): 482.
        let merged = self
            .calls
            .values()
            .any(|c| c.role == Role::Uas && c.dialog.call_id == msg.call_id() && c.dialog.remote_tag == msg.from_tag() && c.invite_tx != key);
        if merged {
            self.respond_simple(now, key, 482, "Loop Detected", &[]);
            return;
        }
        if self.calls.len() >= self.cfg.max_calls {
            self.respond_simple(now, key, 503, "Service Unavailable", &[("Retry-After", "30".into())]);
            return;
        }
        let call = CallRef(self.next_call);
        self.next_call += 1;
        let tag = self.token();
        let dialog = Dialog::from_request(&msg, tag, transport, from);
        let local_host = msg.uri().and_then(super::message::uri_host_port).and_then(|(h, p)| {
            let ip: std::net::IpAddr = h.parse().ok()?;
            (!ip.is_unspecified()).then(|| match ip {
                std::net::IpAddr::V6(v6) => format!("[{v6}]:{}", p.unwrap_or(5060)),
                v4 => format!("{v4}:{}", p.unwrap_or(5060)),
            })
        });
        self.calls.insert(
            call,
            Call {
                role: Role::Uas,
                state: CallState::Incoming,
                dialog,
                invite_tx: key.to_string(),
                invite_msg: None,
                invite_dest: from,
                offer_in_invite: offer.is_some(),
                pending_ok: None,
                reinvite_tx: None,
                hangup_after_ack: false,
                cancel_when_provisional: false,
                auth_tries: 0,
                ack_bytes: None,
                refer_pending: false,
                local_host,
            },
        );
        self.server_tx_call.insert(key.to_string(), call);
        let trying = self.response_to(&msg, 100, "Trying", None, from);
        self.respond(now, key, trying);
        let uri_of = |h: &str| msg.header(h).and_then(NameAddr::parse).map(|n| n.uri).unwrap_or_default();
        self.emit(Event::Incoming { call, from: uri_of("From"), to: uri_of("To"), offer, source: from });
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

    fn on_cancel(&mut self, now: Instant, key: &str, msg: &Message) {
        let invite_key = key.rsplit_once('|').map(|(k, _)| format!("{k}|INVITE")).unwrap_or_default();
        let pending = self.server_txs.get(&invite_key).map(|t| t.is_final());
        match pending {
            None => self.respond_simple(now, key, 481, "Call/Transaction Does Not Exist", &[]),
            Some(is_final) => {
                let call = self.server_tx_call.get(&invite_key).copied();
                if let Some(c) = call {
                    self.server_tx_call.insert(key.to_string(), c);
                }
                self.respond_simple(now, key, 200, "OK", &[]);
                if !is_final {
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
                let _ = msg;
            }
        }
    }

    fn on_bye(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.find_dialog(msg) else {
            self.respond_simple(now, key, 481, "Call/Transaction Does Not Exist", &[]);
            return;
        };
        if !self.check_remote_cseq(now, key, call, msg) {
            return;
        }
        self.server_tx_call.insert(key.to_string(), call);
        self.respond_simple(now, key, 200, "OK", &[]);
        // A re-INVITE still waiting for the engine gets 487.
        if let Some(rk) = self.calls.get(&call).and_then(|c| c.reinvite_tx.clone()) {
            self.respond_simple(now, &rk, 487, "Request Terminated", &[]);
        }
        self.end_call(call, EndReason::RemoteBye);
    }

    fn on_info(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.find_dialog(msg) else {
            self.respond_simple(now, key, 481, "Call/Transaction Does Not Exist", &[]);
            return;
        };
        if !self.check_remote_cseq(now, key, call, msg) {
            return;
        }
        self.server_tx_call.insert(key.to_string(), call);
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

    fn on_notify(&mut self, now: Instant, key: &str, msg: &Message) {
        let Some(call) = self.find_dialog(msg) else {
            self.respond_simple(now, key, 481, "Subscription Does Not Exist", &[]);
            return;
        };
        let is_refer = msg.header("Event").is_some_and(|e| e.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("refer"));
        if !is_refer {
            self.respond_simple(now, key, 489, "Bad Event", &[]);
            return;
        }
        if !self.check_remote_cseq(now, key, call, msg) {
            return;
        }
        self.server_tx_call.insert(key.to_string(), call);
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

    fn on_response(&mut self, now: Instant, msg: Message) {
        let Some(branch) = msg.top_via().and_then(|v| v.branch().map(str::to_string)) else {
            return;
        };
        let method = msg.method().unwrap_or_default();
        let code = msg.code().unwrap_or(0);
        let key = client_key(&branch, &method);
        let Some((tx, owner)) = self.client_txs.get_mut(&key) else {
            // A retransmitted 2xx to our INVITE after its transaction ended: re-send the ACK.
            if method == "INVITE" && (200..300).contains(&code) {
                let found = self
                    .calls
                    .values()
                    .find(|c| c.role == Role::Uac && c.dialog.call_id == msg.call_id())
                    .and_then(|c| c.ack_bytes.clone().map(|a| (c.dialog.transport, c.dialog.destination(), a)));
                if let Some((t, to, ack)) = found {
                    self.transmit(t, to, ack);
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
                if method == "INVITE" && (200..300).contains(&code) {
                    if let Owner::Call(call) = owner {
                        if let Some(c) = self.calls.get(&call) {
                            if let Some(a) = c.ack_bytes.clone() {
                                let (t, to) = (c.dialog.transport, c.dialog.destination());
                                self.transmit(t, to, a);
                            }
                        }
                    }
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
        match owner {
            Owner::Call(call) => self.on_invite_response(now, call, &msg),
            Owner::Bye(call) => {
                if code >= 200 {
                    self.end_call(call, EndReason::LocalHangup);
                }
            }
            Owner::Refer(call) => {
                if code >= 300 {
                    if let Some(c) = self.calls.get_mut(&call) {
                        c.refer_pending = false;
                    }
                    self.emit(Event::TransferResult { call, ok: false });
                }
            }
            Owner::Cancel => {}
            Owner::Register => self.on_register_response(now, &msg),
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
        let was_cancelled = c.hangup_after_ack || code == 487;
        self.end_call(call, if was_cancelled { EndReason::LocalHangup } else { EndReason::Rejected(code) });
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

    fn on_register_response(&mut self, now: Instant, msg: &Message) {
        let contact = self.registration_contact();
        let Some(reg) = self.registration.as_mut() else {
            return;
        };
        match reg.on_response(now, msg, &contact) {
            RegOutcome::Pending => {}
            RegOutcome::Retry => self.send_register(now, false),
            RegOutcome::Registered(secs) => {
                let r = secs > 0;
                self.emit(Event::Registration { registered: r, detail: format!("registered for {secs} s") });
            }
            RegOutcome::Failed(detail) => self.emit(Event::Registration { registered: false, detail }),
        }
    }

    fn registration_contact(&self) -> String {
        let t = self.registration.as_ref().map(|r| r.config.transport).unwrap_or(Transport::Udp);
        self.contact_uri(t)
    }

    fn send_register(&mut self, now: Instant, unregister: bool) {
        let Some(t) = self.registration.as_ref().map(|r| r.config.transport) else {
            return;
        };
        let (via, branch) = self.via(t);
        let contact = self.contact_uri(t);
        let cnonce = self.token();
        let ua = self.cfg.user_agent.clone();
        let reg = self.registration.as_mut().unwrap();
        let m = reg.build(&via, &contact, &ua, &cnonce, unregister);
        let to = reg.config.registrar_addr;
        let key = client_key(&branch, "REGISTER");
        reg.in_flight = Some(key);
        reg.next_at = None;
        let bytes = m.to_bytes();
        self.start_client_tx(now, branch, "REGISTER", t, to, bytes, Owner::Register);
    }

    /// Removes a registration binding (REGISTER with expires 0), e.g. at shutdown.
    pub fn unregister(&mut self, now: Instant) {
        self.timeout_reported = false;
        if self.is_registered() {
            self.send_register(now, true);
        }
    }

    // ---- timers -------------------------------------------------------------------------------

    /// Runs every timer due at `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.timeout_reported = false;
        // First call: the registration starts.
        if !self.started {
            self.started = true;
            if let Some(reg) = &mut self.registration {
                reg.next_at = Some(now);
            }
        }
        let mut retx = Vec::new();
        let mut dead_server = Vec::new();
        for (k, tx) in self.server_txs.iter_mut() {
            while tx.deadline().is_some_and(|d| d <= now) {
                match tx.on_timer(now) {
                    Some(TimerAction::Retransmit(b)) => retx.push((tx.transport, tx.peer, b)),
                    Some(TimerAction::TimedOut) | None => {}
                }
                if tx.state == ServerState::Terminated {
                    dead_server.push(k.clone());
                    break;
                }
            }
        }
        for k in dead_server {
            self.server_txs.remove(&k);
            self.server_tx_call.remove(&k);
        }
        let mut timed_out = Vec::new();
        let mut dead_client = Vec::new();
        for (k, (tx, owner)) in self.client_txs.iter_mut() {
            while tx.deadline().is_some_and(|d| d <= now) {
                match tx.on_timer(now) {
                    Some(TimerAction::Retransmit(b)) => retx.push((tx.transport, tx.to, b)),
                    Some(TimerAction::TimedOut) => timed_out.push(*owner),
                    None => {}
                }
                if tx.state == ClientState::Terminated {
                    dead_client.push(k.clone());
                    break;
                }
            }
        }
        for k in dead_client {
            self.client_txs.remove(&k);
        }
        for (t, to, b) in retx {
            self.transmit(t, to, b);
        }
        for owner in timed_out {
            match owner {
                Owner::Call(call) | Owner::Bye(call) => self.end_call(call, EndReason::Timeout),
                Owner::Refer(call) => {
                    if let Some(c) = self.calls.get_mut(&call) {
                        c.refer_pending = false;
                    }
                    self.emit(Event::TransferResult { call, ok: false });
                }
                Owner::Cancel => {}
                Owner::Register => {
                    if let Some(reg) = self.registration.as_mut() {
                        if let RegOutcome::Failed(detail) = reg.on_timeout(now) {
                            self.emit(Event::Registration { registered: false, detail });
                        }
                    }
                }
            }
        }
        // 2xx retransmission until ACK (timer T1 doubling to T2), give up after 64*T1.
        let mut ok_retx = Vec::new();
        let mut ack_timeouts = Vec::new();
        for (r, c) in self.calls.iter_mut() {
            let Some(p) = c.pending_ok.as_mut() else {
                continue;
            };
            if now >= p.give_up {
                ack_timeouts.push(*r);
                continue;
            }
            if let Some(n) = p.next {
                if now >= n {
                    p.interval = (p.interval * 2).min(T2);
                    p.next = Some(now + p.interval);
                    ok_retx.push((c.dialog.transport, c.dialog.peer, p.bytes.clone()));
                }
            }
        }
        for (t, to, b) in ok_retx {
            self.transmit(t, to, b);
        }
        for call in ack_timeouts {
            let c = self.calls.get_mut(&call).unwrap();
            c.pending_ok = None;
            c.state = CallState::Confirmed;
            self.send_bye(now, call);
            self.end_call(call, EndReason::Timeout);
        }
        let due = self.registration.as_ref().and_then(|r| r.next_at).is_some_and(|t| t <= now);
        if due {
            self.send_register(now, false);
        }
    }

    // ---- commands from the call engine --------------------------------------------------------

    fn uas_invite_key(&self, call: CallRef) -> Option<String> {
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

    fn start_pending_ok(&mut self, now: Instant, call: CallRef, bytes: Vec<u8>, cseq: u32) {
        let c = self.calls.get_mut(&call).unwrap();
        let udp = c.dialog.transport == Transport::Udp;
        c.pending_ok = Some(PendingOk { bytes, cseq, next: udp.then(|| now + T1), interval: T1, give_up: now + 64 * T1 });
    }

    /// Answers an incoming call with 200 OK carrying `sdp` (our offer if the INVITE had none).
    pub fn accept(&mut self, now: Instant, call: CallRef, sdp: Vec<u8>) {
        self.timeout_reported = false;
        let Some(key) = self.uas_invite_key(call) else {
            return;
        };
        let tx = &self.server_txs[&key];
        let cseq = tx.request.cseq().map(|c| c.0).unwrap_or(0);
        let r = self.ok_with_sdp(&tx.request.clone(), call, sdp, tx.peer);
        let bytes = r.to_bytes();
        self.respond(now, &key, r);
        self.calls.get_mut(&call).unwrap().state = CallState::Accepted;
        self.start_pending_ok(now, call, bytes, cseq);
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
        let req = tx.request.clone();
        let cseq = req.cseq().map(|c| c.0).unwrap_or(0);
        let r = self.ok_with_sdp(&req, call, sdp, tx.peer);
        let bytes = r.to_bytes();
        self.respond(now, &key, r);
        self.start_pending_ok(now, call, bytes, cseq);
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

    fn send_bye(&mut self, now: Instant, call: CallRef) {
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

    /// Starts the client transaction of a request already serialised, and sends it.
    #[allow(clippy::too_many_arguments)]
    fn start_client_tx(&mut self, now: Instant, branch: String, method: &str, t: Transport, to: SocketAddr, bytes: Vec<u8>, owner: Owner) {
        let tx = ClientTx::new(now, branch.clone(), method, t, to, bytes.clone());
        self.client_txs.insert(client_key(&branch, method), (tx, owner));
        self.transmit(t, to, bytes);
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
        let branch = super::message::Via::parse(&via).and_then(|v| v.branch().map(str::to_string)).unwrap_or_default();
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
        let target = target.trim().trim_start_matches('<').trim_end_matches('>');
        // A bare extension ("3001") is taken relative to the peer's domain.
        let target = if target.contains(':') {
            target.to_string()
        } else {
            let host = NameAddr::parse(&c.dialog.remote_uri).and_then(|n| super::message::uri_host_port(&n.uri)).map(|(h, p)| match p {
                Some(p) => format!("{h}:{p}"),
                None => h,
            });
            format!("sip:{target}@{}", host.unwrap_or_else(|| c.dialog.peer.to_string()))
        };
        let mut m = c.dialog.request("REFER", &via, None);
        m.push("Refer-To", format!("<{target}>"));
        m.push("Referred-By", c.dialog.local_uri.clone());
        m.push("Contact", format!("<{contact}>"));
        c.refer_pending = true;
        let to = c.dialog.destination();
        let bytes = m.to_bytes();
        self.start_client_tx(now, branch, "REFER", t, to, bytes, Owner::Refer(call));
    }

    /// Places an outbound call to `to` (a SIP URI) offering `sdp`; routed via the trunk unless the URI's host is an IP.
    pub fn invite(&mut self, now: Instant, to: &str, sdp: Vec<u8>) -> CallRef {
        self.timeout_reported = false;
        let call = CallRef(self.next_call);
        self.next_call += 1;
        let target = to.trim().trim_start_matches('<').trim_end_matches('>').to_string();
        let reg = self.cfg.registration.clone();
        let direct =
            super::message::uri_host_port(&target).and_then(|(h, p)| h.parse::<std::net::IpAddr>().ok().map(|ip| SocketAddr::new(ip, p.unwrap_or(5060))));
        let transport = if target.to_ascii_lowercase().contains(";transport=tcp") {
            Transport::Tcp
        } else {
            reg.as_ref().map(|r| r.config_transport()).unwrap_or(Transport::Udp)
        };
        let dest = direct.or(reg.as_ref().map(|r| r.registrar_addr));
        let Some(dest) = dest else {
            self.emit(Event::Ended { call, reason: EndReason::Rejected(404) });
            return call;
        };
        let local_uri = match &reg {
            Some(r) => format!("<{}>", r.aor),
            None => format!("<sip:{}@{}>", self.cfg.contact_user, self.host_port(transport)),
        };
        let (cid, tag) = (self.token(), self.token());
        let dialog = Dialog {
            call_id: format!("{cid}@standardiste"),
            local_tag: tag,
            remote_tag: None,
            local_uri,
            remote_uri: format!("<{target}>"),
            remote_target: target.clone(),
            route_set: Vec::new(),
            local_cseq: 0,
            remote_cseq: None,
            transport,
            peer: dest,
        };
        let (via, branch) = self.via(transport);
        let contact = self.contact_uri(transport);
        let mut d = dialog;
        let mut m = d.request("INVITE", &via, None);
        m.push("Contact", format!("<{contact}>"));
        m.push("Allow", ALLOW);
        m.push("User-Agent", self.cfg.user_agent.clone());
        if !sdp.is_empty() {
            m.push("Content-Type", "application/sdp");
        }
        m.body = sdp.clone();
        let key = client_key(&branch, "INVITE");
        let bytes = m.to_bytes();
        self.calls.insert(
            call,
            Call {
                role: Role::Uac,
                state: CallState::Calling,
                dialog: d,
                invite_tx: key,
                invite_msg: Some(m),
                invite_dest: dest,
                offer_in_invite: !sdp.is_empty(),
                pending_ok: None,
                reinvite_tx: None,
                hangup_after_ack: false,
                cancel_when_provisional: false,
                auth_tries: 0,
                ack_bytes: None,
                refer_pending: false,
                local_host: None,
            },
        );
        self.start_client_tx(now, branch, "INVITE", transport, dest, bytes, Owner::Call(call));
        call
    }

    fn end_call(&mut self, call: CallRef, reason: EndReason) {
        if self.calls.remove(&call).is_some() {
            self.emit(Event::Ended { call, reason });
        }
    }
}

trait RegTransport {
    fn config_transport(&self) -> Transport;
}

impl RegTransport for RegistrationConfig {
    fn config_transport(&self) -> Transport {
        self.transport
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

/// Standard reason phrase for a status code.
pub fn reason_phrase(code: u16) -> &'static str {
    match code {
        180 => "Ringing",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        491 => "Request Pending",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        603 => "Decline",
        _ => "Error",
    }
}
