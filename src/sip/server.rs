//! The thin IO shell: tokio UDP and TCP sockets, a clock, and fair per-source queues around one `Endpoint`.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::{mpsc, oneshot, Notify};

use super::endpoint::{CallRef, Endpoint, EndpointConfig, Event, Output};
use super::message::find_head_end;
use super::transport::Transport;

/// Packets queued per source address before further ones are dropped (a PBX carries all its
/// calls from one address, so this is sized for bursts of many calls, not for one phone).
pub const DEFAULT_PER_SOURCE_QUEUE: usize = 256;

/// What the call engine asks of the SIP layer.
#[derive(Debug)]
pub enum Command {
    /// Send 180 Ringing.
    Ring {
        /// The call.
        call: CallRef,
    },
    /// Answer with 200 OK and this SDP.
    Accept {
        /// The call.
        call: CallRef,
        /// SDP body.
        sdp: Vec<u8>,
    },
    /// Refuse the call (or a pending re-INVITE) with this status.
    Reject {
        /// The call.
        call: CallRef,
        /// Status code, 300–699.
        code: u16,
    },
    /// End the call (BYE, CANCEL or final error, by state).
    Hangup {
        /// The call.
        call: CallRef,
    },
    /// Answer a re-INVITE with 200 OK and this SDP.
    AcceptReoffer {
        /// The call.
        call: CallRef,
        /// SDP body.
        sdp: Vec<u8>,
    },
    /// Blind-transfer the call to `target` (REFER).
    Refer {
        /// The call.
        call: CallRef,
        /// Transfer target SIP URI.
        target: String,
    },
    /// Stop taking calls: new INVITEs and OPTIONS get 503; calls in progress go on.
    Drain,
    /// Place an outbound call; the new call's reference comes back on `reply`.
    Invite {
        /// Callee SIP URI.
        to: String,
        /// Our SDP offer.
        sdp: Vec<u8>,
        /// Receives the call reference.
        reply: oneshot::Sender<CallRef>,
    },
}

/// Settings of the IO shell.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The user agent's configuration (its `udp_addr` / `tcp_addr` are the listen addresses).
    pub endpoint: EndpointConfig,
    /// Whether to listen on TCP too (at `endpoint.tcp_addr`).
    pub tcp: bool,
    /// Queue depth per source IP (fairness under floods).
    pub per_source_queue: usize,
}

/// Why the SIP server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A listen address could not be bound.
    #[error("cannot listen for SIP on {transport} {addr}: {source}")]
    Bind {
        /// "UDP" or "TCP".
        transport: &'static str,
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// A socket failed.
    #[error("SIP socket error: {0}")]
    Io(#[from] std::io::Error),
}

struct Packet {
    transport: Transport,
    from: SocketAddr,
    bytes: Vec<u8>,
}

/// Round-robin queues, one per source IP, each bounded: one noisy source cannot starve others.
struct Inbox {
    queues: HashMap<IpAddr, VecDeque<Packet>>,
    order: VecDeque<IpAddr>,
    cap: usize,
    dropped: u64,
}

impl Inbox {
    fn push(&mut self, p: Packet) {
        let ip = p.from.ip();
        let q = self.queues.entry(ip).or_default();
        if q.len() >= self.cap {
            self.dropped += 1;
            if self.dropped.is_power_of_two() {
                tracing::warn!(dropped = self.dropped, "SIP input queue full for a source; dropping");
            }
            return;
        }
        if q.is_empty() {
            self.order.push_back(ip);
        }
        q.push_back(p);
    }

    fn pop(&mut self) -> Option<Packet> {
        let ip = self.order.pop_front()?;
        let q = self.queues.get_mut(&ip)?;
        let p = q.pop_front();
        if q.is_empty() {
            self.queues.remove(&ip);
        } else {
            self.order.push_back(ip);
        }
        p
    }
}

type TcpWriters = Arc<Mutex<HashMap<SocketAddr, mpsc::Sender<Vec<u8>>>>>;

/// A bound SIP server, ready to run.
pub struct Server {
    config: ServerConfig,
    udp: Arc<UdpSocket>,
    tcp: Option<TcpListener>,
}

impl Server {
    /// Binds the sockets (port 0 picks a free port; see `local_udp_addr`).
    pub async fn bind(mut config: ServerConfig) -> Result<Server, ServerError> {
        let ua = config.endpoint.udp_addr;
        let udp = UdpSocket::bind(ua).await.map_err(|source| ServerError::Bind { transport: "UDP", addr: ua, source })?;
        config.endpoint.udp_addr = udp.local_addr()?;
        let tcp = if config.tcp {
            let ta = config.endpoint.tcp_addr.unwrap_or(config.endpoint.udp_addr);
            let l = TcpListener::bind(ta).await.map_err(|source| ServerError::Bind { transport: "TCP", addr: ta, source })?;
            config.endpoint.tcp_addr = Some(l.local_addr()?);
            Some(l)
        } else {
            config.endpoint.tcp_addr = None;
            None
        };
        tracing::info!(
            udp = %config.endpoint.udp_addr,
            tcp = ?config.endpoint.tcp_addr,
            "SIP listening"
        );
        Ok(Server { config, udp: Arc::new(udp), tcp })
    }

    /// The bound UDP address.
    pub fn local_udp_addr(&self) -> SocketAddr {
        self.config.endpoint.udp_addr
    }

    /// The bound TCP address, if listening on TCP.
    pub fn local_tcp_addr(&self) -> Option<SocketAddr> {
        self.config.endpoint.tcp_addr
    }

    /// Runs until `commands` is closed (then unregisters and returns).
    pub async fn run(self, events: mpsc::Sender<Event>, mut commands: mpsc::Receiver<Command>) -> Result<(), ServerError> {
        let max = self.config.endpoint.max_message;
        let inbox = Arc::new(Mutex::new(Inbox { queues: HashMap::new(), order: VecDeque::new(), cap: self.config.per_source_queue.max(1), dropped: 0 }));
        let notify = Arc::new(Notify::new());
        let writers: TcpWriters = Arc::new(Mutex::new(HashMap::new()));
        let mut tasks = tokio::task::JoinSet::new();
        {
            let (udp, inbox, notify) = (self.udp.clone(), inbox.clone(), notify.clone());
            tasks.spawn(async move {
                let mut buf = vec![0u8; 65_536];
                loop {
                    match udp.recv_from(&mut buf).await {
                        Ok((n, from)) => {
                            inbox.lock().unwrap().push(Packet { transport: Transport::Udp, from, bytes: buf[..n].to_vec() });
                            notify.notify_one();
                        }
                        // ICMP port unreachable and the like surface here on some systems: keep going.
                        Err(e) => tracing::debug!(error = %e, "UDP receive error"),
                    }
                }
            });
        }
        if let Some(listener) = self.tcp {
            let (inbox, notify, writers) = (inbox.clone(), notify.clone(), writers.clone());
            tasks.spawn(async move {
                loop {
                    match listener.accept().await {
                        Ok((stream, peer)) => spawn_connection(stream, peer, inbox.clone(), notify.clone(), writers.clone(), max),
                        Err(e) => tracing::warn!(error = %e, "TCP accept error"),
                    }
                }
            });
        }
        let mut ep = Endpoint::new(self.config.endpoint.clone());
        ep.handle_timeout(Instant::now());
        let mut deadline: Option<Instant> = None;
        let mut closing = false;
        loop {
            while let Some(o) = ep.poll_output() {
                match o {
                    Output::Transmit { transport: Transport::Udp, to, bytes } => {
                        if let Err(e) = self.udp.send_to(&bytes, to).await {
                            tracing::debug!(error = %e, %to, "UDP send failed");
                        }
                    }
                    Output::Transmit { transport: Transport::Tcp, to, bytes } => {
                        send_tcp(to, bytes, &inbox, &notify, &writers, max);
                    }
                    Output::Event(e) => {
                        if let Event::Registration { registered, detail } = &e {
                            tracing::info!(registered, %detail, "SIP registration");
                        }
                        if events.send(e).await.is_err() {
                            closing = true;
                        }
                    }
                    Output::Timeout(t) => {
                        deadline = Some(t);
                        break;
                    }
                }
            }
            if closing {
                break;
            }
            let sleep_to = deadline.map(tokio::time::Instant::from_std);
            tokio::select! {
                _ = notify.notified() => {
                    // Take a bounded batch, round-robin across sources, then let timers and commands in.
                    for _ in 0..64 {
                        let p = inbox.lock().unwrap().pop();
                        let Some(p) = p else { break };
                        ep.handle_input(Instant::now(), p.transport, p.from, &p.bytes);
                    }
                    if !inbox.lock().unwrap().order.is_empty() {
                        notify.notify_one();
                    }
                }
                _ = async { match sleep_to { Some(t) => tokio::time::sleep_until(t).await, None => std::future::pending().await } } => {
                    deadline = None;
                    ep.handle_timeout(Instant::now());
                }
                cmd = commands.recv() => {
                    let now = Instant::now();
                    match cmd {
                        None => {
                            ep.unregister(now);
                            while let Some(o) = ep.poll_output() {
                                if let Output::Transmit { transport: Transport::Udp, to, bytes } = o {
                                    let _ = self.udp.send_to(&bytes, to).await;
                                }
                            }
                            break;
                        }
                        Some(Command::Drain) => ep.set_draining(true),
                        Some(Command::Ring { call }) => ep.ring(now, call),
                        Some(Command::Accept { call, sdp }) => ep.accept(now, call, sdp),
                        Some(Command::Reject { call, code }) => ep.reject(now, call, code),
                        Some(Command::Hangup { call }) => ep.hangup(now, call),
                        Some(Command::AcceptReoffer { call, sdp }) => ep.accept_reoffer(now, call, sdp),
                        Some(Command::Refer { call, target }) => ep.refer(now, call, &target),
                        Some(Command::Invite { to, sdp, reply }) => {
                            let call = ep.invite(now, &to, sdp);
                            let _ = reply.send(call);
                        }
                    }
                }
            }
        }
        tasks.abort_all();
        Ok(())
    }
}

/// Binds and runs a SIP server until `commands` closes.
pub async fn run(config: ServerConfig, events: mpsc::Sender<Event>, commands: mpsc::Receiver<Command>) -> Result<(), ServerError> {
    Server::bind(config).await?.run(events, commands).await
}

fn send_tcp(to: SocketAddr, bytes: Vec<u8>, inbox: &Arc<Mutex<Inbox>>, notify: &Arc<Notify>, writers: &TcpWriters, max: usize) {
    let existing = writers.lock().unwrap().get(&to).cloned();
    match existing {
        Some(w) => {
            if w.try_send(bytes).is_err() {
                tracing::debug!(%to, "TCP connection gone or congested; message dropped");
            }
        }
        None => {
            let (inbox, notify, writers) = (inbox.clone(), notify.clone(), writers.clone());
            tokio::spawn(async move {
                match TcpStream::connect(to).await {
                    Ok(stream) => {
                        spawn_connection(stream, to, inbox, notify, writers.clone(), max);
                        let w = writers.lock().unwrap().get(&to).cloned();
                        if let Some(w) = w {
                            let _ = w.send(bytes).await;
                        }
                    }
                    Err(e) => tracing::debug!(error = %e, %to, "TCP connect failed"),
                }
            });
        }
    }
}

fn spawn_connection(stream: TcpStream, peer: SocketAddr, inbox: Arc<Mutex<Inbox>>, notify: Arc<Notify>, writers: TcpWriters, max: usize) {
    let (mut rd, mut wr) = stream.into_split();
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(64);
    writers.lock().unwrap().insert(peer, tx);
    tokio::spawn(async move {
        while let Some(b) = rx.recv().await {
            if wr.write_all(&b).await.is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        let mut buf: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 16_384];
        'conn: loop {
            loop {
                match frame(&buf, max) {
                    Frame::Message(n) => {
                        let bytes: Vec<u8> = buf.drain(..n).collect();
                        inbox.lock().unwrap().push(Packet { transport: Transport::Tcp, from: peer, bytes });
                        notify.notify_one();
                    }
                    Frame::Skip(n) => {
                        buf.drain(..n);
                    }
                    Frame::Incomplete => break,
                    Frame::Invalid => {
                        tracing::debug!(%peer, "unframeable TCP stream; closing");
                        break 'conn;
                    }
                }
            }
            match rd.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        writers.lock().unwrap().remove(&peer);
    });
}

/// Result of looking for one message at the start of a TCP buffer.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A whole message of this many bytes.
    Message(usize),
    /// Leading CRLF keep-alives to discard.
    Skip(usize),
    /// Need more bytes.
    Incomplete,
    /// Too large or without a usable Content-Length.
    Invalid,
}

fn frame(buf: &[u8], max: usize) -> Frame {
    let lead = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
    if lead > 0 {
        return Frame::Skip(lead);
    }
    if buf.is_empty() {
        return Frame::Incomplete;
    }
    let Some((head_end, body_start)) = find_head_end(buf) else {
        return if buf.len() > max { Frame::Invalid } else { Frame::Incomplete };
    };
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let mut len = 0usize;
    for line in head.lines().skip(1) {
        if let Some((n, v)) = line.split_once(':') {
            let n = n.trim();
            if n.eq_ignore_ascii_case("content-length") || n.eq_ignore_ascii_case("l") {
                match v.trim().parse() {
                    Ok(l) => len = l,
                    Err(_) => return Frame::Invalid,
                }
            }
        }
    }
    if body_start + len > max.max(1) * 4 {
        return Frame::Invalid;
    }
    if buf.len() < body_start + len {
        return Frame::Incomplete;
    }
    Frame::Message(body_start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_framing() {
        let m = b"OPTIONS sip:a@b SIP/2.0\r\nl: 3\r\n\r\nabcNEXT";
        assert_eq!(frame(m, 4096), Frame::Message(m.len() - 4));
        assert_eq!(frame(b"\r\n\r\nOPT", 4096), Frame::Skip(4));
        assert_eq!(frame(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nabc", 4096), Frame::Incomplete);
        assert_eq!(frame(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: x\r\n\r\n", 4096), Frame::Invalid);
    }

    #[test]
    fn inbox_is_fair_and_bounded() {
        let mut ib = Inbox { queues: HashMap::new(), order: VecDeque::new(), cap: 3, dropped: 0 };
        let a: SocketAddr = "127.0.0.1:1".parse().unwrap();
        let b: SocketAddr = "127.0.0.2:1".parse().unwrap();
        for _ in 0..10 {
            ib.push(Packet { transport: Transport::Udp, from: a, bytes: vec![1] });
        }
        ib.push(Packet { transport: Transport::Udp, from: b, bytes: vec![2] });
        assert_eq!(ib.dropped, 7);
        let order: Vec<u8> = std::iter::from_fn(|| ib.pop()).map(|p| p.bytes[0]).collect();
        assert_eq!(order, vec![1, 2, 1, 1]);
    }
}
