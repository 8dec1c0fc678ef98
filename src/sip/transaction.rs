//! SIP transaction state machines (RFC 3261 §17, RFC 6026): client/server, INVITE/non-INVITE, timers A–K.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::message::Message;
use super::transport::Transport;

/// RTT estimate (timer T1).
pub const T1: Duration = Duration::from_millis(500);
/// Maximum retransmit interval for non-INVITE requests and INVITE responses (T2).
pub const T2: Duration = Duration::from_secs(4);
/// Maximum time a message stays in the network (T4).
pub const T4: Duration = Duration::from_secs(5);

/// Identifies a server transaction: branch + sent-by + method (ACK folded into INVITE).
pub fn server_key(msg: &Message) -> String {
    let via = msg.top_via();
    let method = match msg.method().as_deref() {
        Some("ACK") => "INVITE".to_string(),
        Some(m) => m.to_string(),
        None => String::new(),
    };
    match via.as_ref().and_then(|v| v.branch().map(|b| (b.to_string(), v))) {
        Some((b, v)) if b.starts_with("z9hG4bK") => {
            format!("{b}|{}:{}|{method}", v.host.to_ascii_lowercase(), v.port.unwrap_or(5060))
        }
        // RFC 2543 peers: fall back to dialog identifiers and CSeq number.
        _ => format!("2543|{}|{}|{}|{method}", msg.call_id(), msg.from_tag().unwrap_or_default(), msg.cseq().map(|c| c.0).unwrap_or(0)),
    }
}

/// Identifies a client transaction from a response: branch + CSeq method.
pub fn client_key(branch: &str, method: &str) -> String {
    let method = if method == "ACK" { "INVITE" } else { method };
    format!("{branch}|{method}")
}

/// State of a client transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientState {
    /// Request sent, nothing heard (Calling / Trying).
    Calling,
    /// A provisional response came.
    Proceeding,
    /// A final response came; absorbing retransmissions (timers D / K).
    Completed,
    /// Finished; the transaction can be removed.
    Terminated,
}

/// What the transaction user should do with a received response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseVerdict {
    /// New information: pass it to the TU.
    PassUp,
    /// A retransmission: absorb it (for INVITE non-2xx, re-send the stored ACK).
    Absorb(Option<Vec<u8>>),
}

/// What a timer firing asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimerAction {
    /// Send these bytes again.
    Retransmit(Vec<u8>),
    /// Timer B/F (client) or H (server) fired: the peer did not answer.
    TimedOut,
}

/// A client transaction (we sent the request).
#[derive(Debug, Clone)]
pub struct ClientTx {
    /// Branch of our Via.
    pub branch: String,
    /// Method of the request.
    pub method: String,
    /// Transport used.
    pub transport: Transport,
    /// Where the request went.
    pub to: SocketAddr,
    /// Request bytes, for retransmission.
    pub request: Vec<u8>,
    /// Current state.
    pub state: ClientState,
    /// ACK bytes for a non-2xx final response to an INVITE.
    pub ack: Option<Vec<u8>>,
    retx_at: Option<Instant>,
    interval: Duration,
    timeout_at: Option<Instant>,
}

impl ClientTx {
    /// Starts a client transaction at `now` (the request has just been sent).
    pub fn new(now: Instant, branch: String, method: &str, transport: Transport, to: SocketAddr, request: Vec<u8>) -> Self {
        let reliable = transport == Transport::Tcp;
        ClientTx {
            branch,
            method: method.to_string(),
            transport,
            to,
            request,
            state: ClientState::Calling,
            ack: None,
            retx_at: if reliable { None } else { Some(now + T1) },
            interval: T1,
            timeout_at: Some(now + 64 * T1),
        }
    }

    fn is_invite(&self) -> bool {
        self.method == "INVITE"
    }

    /// Feeds a response's status code.
    pub fn on_response(&mut self, now: Instant, code: u16) -> ResponseVerdict {
        let reliable = self.transport == Transport::Tcp;
        match self.state {
            ClientState::Calling | ClientState::Proceeding => {
                if code < 200 {
                    self.state = ClientState::Proceeding;
                    if self.is_invite() {
                        self.retx_at = None; // timer A stops; B keeps guarding until a final response
                    } else if !reliable {
                        self.interval = T2;
                        self.retx_at = Some(now + T2);
                    }
                    return ResponseVerdict::PassUp;
                }
                self.retx_at = None;
                if self.is_invite() && code < 300 {
                    // 2xx: the transaction ends; ACK and 2xx retransmissions are the dialog's job.
                    self.state = ClientState::Terminated;
                    self.timeout_at = None;
                } else {
                    self.state = ClientState::Completed;
                    let linger = if reliable {
                        Duration::ZERO
                    } else if self.is_invite() {
                        Duration::from_secs(32) // timer D
                    } else {
                        T4 // timer K
                    };
                    self.timeout_at = Some(now + linger);
                }
                ResponseVerdict::PassUp
            }
            ClientState::Completed => ResponseVerdict::Absorb(self.ack.clone()),
            ClientState::Terminated => ResponseVerdict::Absorb(None),
        }
    }

    /// Earliest instant this transaction needs `on_timer`.
    pub fn deadline(&self) -> Option<Instant> {
        match (self.retx_at, self.timeout_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs due timers.
    pub fn on_timer(&mut self, now: Instant) -> Option<TimerAction> {
        if let Some(t) = self.timeout_at {
            if now >= t {
                self.retx_at = None;
                self.timeout_at = None;
                let was = self.state;
                self.state = ClientState::Terminated;
                return (was != ClientState::Completed).then_some(TimerAction::TimedOut);
            }
        }
        if let Some(t) = self.retx_at {
            if now >= t {
                self.interval = if self.is_invite() { self.interval * 2 } else { (self.interval * 2).min(T2) };
                self.retx_at = Some(now + self.interval);
                return Some(TimerAction::Retransmit(self.request.clone()));
            }
        }
        None
    }
}

/// State of a server transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerState {
    /// Request received, no final response yet.
    Proceeding,
    /// Non-2xx final sent; waiting for ACK (INVITE) or absorbing retransmissions (timers G/H, J).
    Completed,
    /// ACK received for a non-2xx final (timer I).
    Confirmed,
    /// 2xx sent to INVITE: absorb retransmitted INVITEs (RFC 6026 timer L).
    Accepted,
    /// Finished.
    Terminated,
}

/// A server transaction (we received the request).
#[derive(Debug, Clone)]
pub struct ServerTx {
    /// The request that opened the transaction.
    pub request: Message,
    /// Transport it came on.
    pub transport: Transport,
    /// Where it came from (responses go back there).
    pub peer: SocketAddr,
    /// Current state.
    pub state: ServerState,
    /// Last response sent, for retransmitted requests.
    pub last_response: Option<(u16, Vec<u8>)>,
    retx_at: Option<Instant>,
    interval: Duration,
    timeout_at: Option<Instant>,
}

impl ServerTx {
    /// Opens a server transaction for a request received now.
    pub fn new(request: Message, transport: Transport, peer: SocketAddr) -> Self {
        ServerTx { request, transport, peer, state: ServerState::Proceeding, last_response: None, retx_at: None, interval: T1, timeout_at: None }
    }

    fn is_invite(&self) -> bool {
        self.request.method().as_deref() == Some("INVITE")
    }

    /// Records that `bytes` (status `code`) is being sent now.
    pub fn on_send(&mut self, now: Instant, code: u16, bytes: Vec<u8>) {
        let reliable = self.transport == Transport::Tcp;
        self.last_response = Some((code, bytes));
        if code < 200 {
            return;
        }
        if self.is_invite() {
            if code < 300 {
                self.state = ServerState::Accepted;
                self.timeout_at = Some(now + 64 * T1); // timer L
            } else {
                self.state = ServerState::Completed;
                self.retx_at = if reliable { None } else { Some(now + T1) }; // timer G
                self.interval = T1;
                self.timeout_at = Some(now + 64 * T1); // timer H
            }
        } else {
            self.state = ServerState::Completed;
            self.timeout_at = Some(now + if reliable { Duration::ZERO } else { 64 * T1 });
            // timer J
        }
    }

    /// A retransmission of the request arrived: what to re-send, if anything.
    pub fn on_retransmission(&self) -> Option<Vec<u8>> {
        match self.state {
            ServerState::Proceeding | ServerState::Completed => self.last_response.as_ref().map(|(_, b)| b.clone()),
            // In Accepted, retransmitted INVITEs are absorbed: the dialog re-sends its 2xx.
            _ => None,
        }
    }

    /// An ACK for a non-2xx final arrived.
    pub fn on_ack(&mut self, now: Instant) {
        if self.state == ServerState::Completed && self.is_invite() {
            self.state = ServerState::Confirmed;
            self.retx_at = None;
            self.timeout_at = Some(now + if self.transport == Transport::Tcp { Duration::ZERO } else { T4 });
            // timer I
        }
    }

    /// Whether a final response has been sent.
    pub fn is_final(&self) -> bool {
        self.state != ServerState::Proceeding
    }

    /// Earliest instant this transaction needs `on_timer`.
    pub fn deadline(&self) -> Option<Instant> {
        match (self.retx_at, self.timeout_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs due timers.
    pub fn on_timer(&mut self, now: Instant) -> Option<TimerAction> {
        if let Some(t) = self.timeout_at {
            if now >= t {
                let was = self.state;
                self.state = ServerState::Terminated;
                self.retx_at = None;
                self.timeout_at = None;
                return (was == ServerState::Completed && self.is_invite()).then_some(TimerAction::TimedOut);
            }
        }
        if let Some(t) = self.retx_at {
            if now >= t {
                self.interval = (self.interval * 2).min(T2);
                self.retx_at = Some(now + self.interval);
                return self.last_response.as_ref().map(|(_, b)| TimerAction::Retransmit(b.clone()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr() -> SocketAddr {
        "127.0.0.1:5060".parse().unwrap()
    }

    #[test]
    fn invite_client_timer_a_doubles_and_b_times_out() {
        let t0 = Instant::now();
        let mut tx = ClientTx::new(t0, "z9hG4bK1".into(), "INVITE", Transport::Udp, addr(), b"INV".to_vec());
        let mut sends = vec![];
        let mut now = t0;
        let mut timed_out = None;
        while now < t0 + Duration::from_secs(40) {
            now += Duration::from_millis(100);
            while tx.deadline().is_some_and(|d| d <= now) {
                match tx.on_timer(now) {
                    Some(TimerAction::Retransmit(_)) => sends.push(now - t0),
                    Some(TimerAction::TimedOut) => timed_out = Some(now - t0),
                    None => {}
                }
            }
        }
        let ms: Vec<u128> = sends.iter().map(|d| d.as_millis()).collect();
        assert_eq!(ms, vec![500, 1500, 3500, 7500, 15500, 31500]);
        assert_eq!(timed_out, Some(Duration::from_secs(32)));
    }

    #[test]
    fn non_invite_client_caps_at_t2_and_k_absorbs() {
        let t0 = Instant::now();
        let mut tx = ClientTx::new(t0, "z9hG4bK2".into(), "BYE", Transport::Udp, addr(), b"BYE".to_vec());
        let mut gaps = vec![];
        let mut now = t0;
        for _ in 0..8 {
            now = tx.deadline().unwrap();
            if let Some(TimerAction::Retransmit(_)) = tx.on_timer(now) {
                gaps.push(now - t0);
            }
        }
        assert_eq!(gaps.last().unwrap().as_millis() - gaps[gaps.len() - 2].as_millis(), 4000);
        assert_eq!(tx.on_response(now, 200), ResponseVerdict::PassUp);
        assert_eq!(tx.on_response(now, 200), ResponseVerdict::Absorb(None));
        assert_eq!(tx.deadline(), Some(now + T4));
        assert_eq!(tx.on_timer(now + T4), None);
        assert_eq!(tx.state, ClientState::Terminated);
    }

    #[test]
    fn tcp_client_never_retransmits() {
        let t0 = Instant::now();
        let mut tx = ClientTx::new(t0, "z9hG4bK3".into(), "OPTIONS", Transport::Tcp, addr(), b"O".to_vec());
        assert_eq!(tx.deadline(), Some(t0 + 64 * T1));
        assert_eq!(tx.on_timer(t0 + 64 * T1), Some(TimerAction::TimedOut));
    }

    #[test]
    fn invite_server_g_h_i() {
        let t0 = Instant::now();
        let req = Message::request("INVITE", "sip:a@b");
        let mut tx = ServerTx::new(req, Transport::Udp, addr());
        tx.on_send(t0, 100, b"100".to_vec());
        assert_eq!(tx.on_retransmission(), Some(b"100".to_vec()));
        tx.on_send(t0, 486, b"486".to_vec());
        assert_eq!(tx.on_timer(t0 + T1), Some(TimerAction::Retransmit(b"486".to_vec())));
        assert_eq!(tx.deadline(), Some(t0 + T1 + 2 * T1));
        tx.on_ack(t0 + 2 * T1);
        assert_eq!(tx.state, ServerState::Confirmed);
        assert_eq!(tx.on_retransmission(), None);
        assert_eq!(tx.on_timer(t0 + 2 * T1 + T4), None);
        assert_eq!(tx.state, ServerState::Terminated);
        // Without an ACK, timer H fires.
        let mut tx = ServerTx::new(Message::request("INVITE", "sip:a@b"), Transport::Udp, addr());
        tx.on_send(t0, 603, b"603".to_vec());
        let mut now = t0;
        let mut out = None;
        while tx.state != ServerState::Terminated {
            now = tx.deadline().unwrap();
            out = tx.on_timer(now);
        }
        assert_eq!(out, Some(TimerAction::TimedOut));
        assert_eq!(now, t0 + 64 * T1);
    }
}
