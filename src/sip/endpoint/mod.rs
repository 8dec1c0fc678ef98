//! The sans-IO SIP user agent: transactions, dialogs and registration behind `handle_*` / `poll_output`.
//!
//! This file is the core: the `Endpoint` state, what comes in (`handle_input`, `handle_timeout`) and
//! what goes out (`poll_output`). The rest is split by job. Leaves, which import nothing from here:
//! - `event` and `config`: the public types (outputs, events, call references, configuration);
//! - `call`: the state of one call (role, progress, dialog, the 2xx awaiting its ACK);
//! - `status`: the Allow list, the methods we refuse, reason phrases.
//!
//! And `impl Endpoint` blocks, which import `Endpoint` from here and are never imported back:
//! - `addressing`: tags, branches, call references, our Via and Contact;
//! - `response`: building and sending responses within server transactions;
//! - `uas`: incoming requests (INVITE, ACK, CANCEL, BYE, OPTIONS, INFO), dialog creation, and the
//!   engine's answers (`ring`, `accept`, `accept_reoffer`, `reject`);
//! - `uac`: requests we send (INVITE, BYE, CANCEL) and their responses (`invite`, `hangup`);
//! - `refer`: blind transfer, REFER out and its NOTIFYs in (`refer`);
//! - `registration`: REGISTER out and its responses (`unregister`);
//! - `timers`: transaction timers A–K, 2xx retransmission, registration refresh, the next deadline.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::Instant;

use super::message::{Message, ParseError, StartLine};
use super::register::Registration;
use super::transaction::{ClientTx, ServerTx};
use call::Call;

mod addressing;
mod call;
mod config;
mod event;
mod refer;
mod registration;
mod response;
mod status;
mod timers;
mod uac;
mod uas;

pub use super::transport::Transport;
pub use config::EndpointConfig;
pub use event::{CallRef, EndReason, Event, Output};
pub use status::{reason_phrase, ALLOW};

/// Who a client transaction works for: where its responses and its timeout go.
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
/// Methods come in four groups: getters (`call_count`, `is_registered`); `handle_input` and
/// `handle_timeout`, what happened; commands from the call engine (`ring`, `accept`,
/// `accept_reoffer`, `reject`, `hangup`, `refer`, `invite`, `unregister`); and `poll_output`.
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
    /// Stopping: new calls and OPTIONS get 503, calls in progress go on.
    draining: bool,
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
            draining: false,
        };
        if let Some(rc) = ep.cfg.registration.clone() {
            let (cid, tag) = (ep.token(), ep.token());
            // Due at the shell's first `handle_timeout(now)`.
            ep.registration = Some(Registration::new(rc, format!("{cid}@standardiste"), tag));
        }
        ep
    }

    // ---- getters ------------------------------------------------------------------------------

    /// Number of calls in progress.
    pub fn call_count(&self) -> usize {
        self.calls.len()
    }

    /// Whether the endpoint is draining (refusing new calls).
    pub fn is_draining(&self) -> bool {
        self.draining
    }

    /// Starts (or ends) draining: new INVITEs and OPTIONS get 503 with Retry-After; calls in
    /// progress and their in-dialog requests go on.
    pub fn set_draining(&mut self, draining: bool) {
        self.draining = draining;
    }

    /// Whether the registrar holds our binding.
    pub fn is_registered(&self) -> bool {
        self.registration.as_ref().is_some_and(|r| r.registered)
    }

    // ---- handle_* -----------------------------------------------------------------------------

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
                if allowed {
                    self.answer_malformed(transport, from, code, &reason, &partial);
                }
            }
            Err(e) => tracing::debug!(%from, error = %e, "dropped unparseable message"),
        }
    }

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
        self.run_timers(now);
    }

    // ---- poll_output --------------------------------------------------------------------------

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

    fn transmit(&mut self, transport: Transport, to: SocketAddr, bytes: Vec<u8>) {
        self.out.push_back(Output::Transmit { transport, to, bytes });
    }

    fn emit(&mut self, e: Event) {
        self.out.push_back(Output::Event(e));
    }

    /// Forgets a call and tells the engine why it ended (once).
    fn end_call(&mut self, call: CallRef, reason: EndReason) {
        if self.calls.remove(&call).is_some() {
            self.emit(Event::Ended { call, reason });
        }
    }
}
