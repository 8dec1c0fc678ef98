//! Networked SIP tests against real SIPp on loopback (run inside `unshare -n` with `lo` up).

use std::net::{SocketAddr, UdpSocket as StdUdp};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use standardiste::sip::endpoint::{EndReason, EndpointConfig, Event};
use standardiste::sip::register::RegistrationConfig;
use standardiste::sip::server::{Command, Server, ServerConfig};
use standardiste::sip::Transport;
use tokio::sync::mpsc;

const SDP: &[u8] = b"v=0\r\no=standardiste 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

/// How the tiny test call handler behaves.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Ring, then answer with the fixed SDP.
    Answer,
    /// Ring, answer, and hang up once the call is established.
    AnswerThenHangup,
    /// Ring and never answer (for CANCEL).
    RingOnly,
    /// For outbound calls: transfer to the reception desk once answered, hang up once transferred.
    TransferWhenAnswered,
}

struct Harness {
    udp: SocketAddr,
    tcp: SocketAddr,
    events: Arc<Mutex<Vec<Event>>>,
    commands: mpsc::Sender<Command>,
}

fn free_port() -> u16 {
    // UDP and TCP both free on this port.
    loop {
        let u = StdUdp::bind("127.0.0.1:0").unwrap();
        let p = u.local_addr().unwrap().port();
        if std::net::TcpListener::bind(("127.0.0.1", p)).is_ok() {
            return p;
        }
    }
}

async fn start(mode: Mode, registration: Option<RegistrationConfig>) -> Harness {
    let cfg = ServerConfig {
        endpoint: EndpointConfig {
            udp_addr: "127.0.0.1:0".parse().unwrap(),
            tcp_addr: Some("127.0.0.1:0".parse().unwrap()),
            registration,
            allowed_sources: vec!["127.0.0.0/8".parse().unwrap()],
            seed: 42,
            ..EndpointConfig::default()
        },
        tcp: true,
        per_source_queue: 256,
    };
    let server = Server::bind(cfg).await.expect("bind");
    let (udp, tcp) = (server.local_udp_addr(), server.local_tcp_addr().unwrap());
    let (ev_tx, mut ev_rx) = mpsc::channel(1024);
    let (cmd_tx, cmd_rx) = mpsc::channel(1024);
    tokio::spawn(async move { server.run(ev_tx, cmd_rx).await.expect("server run") });
    let events = Arc::new(Mutex::new(Vec::new()));
    let (ev, cmd) = (events.clone(), cmd_tx.clone());
    tokio::spawn(async move {
        while let Some(e) = ev_rx.recv().await {
            ev.lock().unwrap().push(e.clone());
            match e {
                Event::Incoming { call, .. } => {
                    let _ = cmd.send(Command::Ring { call }).await;
                    if mode != Mode::RingOnly {
                        let _ = cmd.send(Command::Accept { call, sdp: SDP.to_vec() }).await;
                    }
                }
                Event::Established { call, .. } if mode == Mode::AnswerThenHangup => {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    let _ = cmd.send(Command::Hangup { call }).await;
                }
                Event::ReOffer { call, .. } => {
                    let _ = cmd.send(Command::AcceptReoffer { call, sdp: SDP.to_vec() }).await;
                }
                Event::Answered { call, .. } if mode == Mode::TransferWhenAnswered => {
                    let _ = cmd.send(Command::Refer { call, target: "sip:accueil@127.0.0.1".into() }).await;
                }
                Event::TransferResult { call, ok: true } => {
                    let _ = cmd.send(Command::Hangup { call }).await;
                }
                _ => {}
            }
        }
    });
    Harness { udp, tcp, events, commands: cmd_tx }
}

fn scenario(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "telephony", "sipp", name].iter().collect();
    p.to_string_lossy().into_owned()
}

/// Runs SIPp (bounded by -timeout and -m) and returns (success, log).
async fn sipp(args: &[&str]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let sip_port = free_port().to_string();
    let media_port = free_port().to_string();
    let mut cmd = tokio::process::Command::new("sipp");
    cmd.args(args)
        .args(["-i", "127.0.0.1", "-p", &sip_port, "-mp", &media_port, "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-trace_screen"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(45), cmd.output()).await.expect("sipp did not finish").expect("sipp runs (apt-get install sip-tester)");
    let mut log = String::from_utf8_lossy(&out.stdout).into_owned();
    log.push_str(&String::from_utf8_lossy(&out.stderr));
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        if let Ok(t) = std::fs::read_to_string(entry.path()) {
            log.push_str(&format!("\n--- {} ---\n{t}", entry.file_name().to_string_lossy()));
        }
    }
    (out.status.success(), log)
}

fn count(events: &Arc<Mutex<Vec<Event>>>, f: impl Fn(&Event) -> bool) -> usize {
    events.lock().unwrap().iter().filter(|e| f(e)).count()
}

/// Waits until a call has ended for `reason`; returns how many such ends were seen.
async fn ended(events: &Arc<Mutex<Vec<Event>>>, reason: EndReason) -> usize {
    eventually(events, move |e| matches!(e, Event::Ended { reason: r, .. } if *r == reason), 1).await
}

/// Waits (up to 10 s) until `n` events match, and returns how many matched.
async fn eventually(events: &Arc<Mutex<Vec<Event>>>, f: impl Fn(&Event) -> bool, n: usize) -> usize {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let c = count(events, &f);
        if c >= n || tokio::time::Instant::now() > deadline {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_gets_200_with_allow_and_accept() {
    let h = start(Mode::Answer, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sf", &scenario("options.xml"), "-s", "bot", "-m", "1"]).await;
    assert!(ok, "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uac_call_with_bye_from_sipp() {
    let h = start(Mode::Answer, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sn", "uac", "-s", "bot", "-m", "1", "-d", "200"]).await;
    assert!(ok, "{log}");
    assert_eq!(eventually(&h.events, |e| matches!(e, Event::Incoming { offer: Some(_), .. }), 1).await, 1);
    assert_eq!(eventually(&h.events, |e| matches!(e, Event::Established { .. }), 1).await, 1);
    assert_eq!(ended(&h.events, EndReason::RemoteBye).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uac_call_over_tcp() {
    let h = start(Mode::Answer, None).await;
    let target = h.tcp.to_string();
    let (ok, log) = sipp(&[&target, "-sn", "uac", "-s", "bot", "-m", "1", "-d", "200", "-t", "t1"]).await;
    assert!(ok, "{log}");
    assert_eq!(ended(&h.events, EndReason::RemoteBye).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bye_from_us() {
    let h = start(Mode::AnswerThenHangup, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sf", &scenario("uac_bye_from_uas.xml"), "-s", "bot", "-m", "1"]).await;
    assert!(ok, "{log}");
    assert_eq!(ended(&h.events, EndReason::LocalHangup).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_before_answer_gets_487() {
    let h = start(Mode::RingOnly, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sf", &scenario("uac_cancel.xml"), "-s", "bot", "-m", "1"]).await;
    assert!(ok, "{log}");
    assert_eq!(ended(&h.events, EndReason::Cancelled).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_calls_in_parallel() {
    let h = start(Mode::Answer, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sn", "uac", "-s", "bot", "-m", "20", "-l", "20", "-r", "20", "-d", "1000"]).await;
    assert!(ok, "{log}");
    assert_eq!(eventually(&h.events, |e| matches!(e, Event::Ended { reason: EndReason::RemoteBye, .. }), 20).await, 20);
}

async fn register_against_sipp(password: &str) -> (bool, String, Vec<Event>) {
    let registrar_port = free_port();
    let registrar: SocketAddr = format!("127.0.0.1:{registrar_port}").parse().unwrap();
    let reg = RegistrationConfig {
        registrar_uri: "sip:mairie.test".into(),
        registrar_addr: registrar,
        transport: Transport::Udp,
        aor: "sip:standardiste@mairie.test".into(),
        username: "standardiste".into(),
        password: password.into(),
        expires: 120,
    };
    // SIPp must listen before we send the first REGISTER: start it, then the server.
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = tokio::process::Command::new("sipp");
    let port = registrar_port.to_string();
    let media = free_port().to_string();
    cmd.args([
        "-sf",
        &scenario("registrar.xml"),
        "-i",
        "127.0.0.1",
        "-p",
        &port,
        "-mp",
        &media,
        "-m",
        "1",
        "-timeout",
        "20s",
        "-timeout_error",
        "-nostdin",
        "-trace_err",
    ])
    .current_dir(dir.path())
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .kill_on_drop(true);
    let child = cmd.spawn().expect("sipp runs");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let h = start(Mode::Answer, Some(reg)).await;
    let out = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output()).await.expect("sipp finished").unwrap();
    eventually(&h.events, |e| matches!(e, Event::Registration { .. }), 1).await;
    let log = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let events = h.events.lock().unwrap().clone();
    (out.status.success(), log, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_with_digest_against_sipp_registrar() {
    let (ok, log, events) = register_against_sipp("secret").await;
    assert!(ok, "{log}");
    assert!(events.iter().any(|e| matches!(e, Event::Registration { registered: true, .. })), "{events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_with_wrong_password_fails() {
    let (ok, _log, events) = register_against_sipp("wrong").await;
    assert!(!ok, "SIPp's verifyauth must refuse a wrong password");
    assert!(events.iter().any(|e| matches!(e, Event::Registration { registered: false, .. })), "{events:?}");
    assert!(!events.iter().any(|e| matches!(e, Event::Registration { registered: true, .. })));
}

fn exchange(sock: &StdUdp, to: SocketAddr, msg: &[u8]) -> Option<String> {
    sock.send_to(msg, to).unwrap();
    let mut buf = [0u8; 65536];
    match sock.recv_from(&mut buf) {
        Ok((n, _)) => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_datagrams_get_4xx_and_the_next_call_works() {
    let h = start(Mode::Answer, None).await;
    let to = h.udp;
    let replies = tokio::task::spawn_blocking(move || {
        let sock = StdUdp::bind("127.0.0.1:0").unwrap();
        sock.set_read_timeout(Some(Duration::from_millis(700))).unwrap();
        let me = sock.local_addr().unwrap();
        let head = |method: &str, cseq: &str| {
            format!("{method} sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bK{method}{}\r\nFrom: <sip:t@x>;tag=1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: mal-{method}\r\nCSeq: {cseq}\r\nMax-Forwards: 70\r\n", cseq.len())
        };
        let mut r = Vec::new();
        // CSeq method mismatch -> 400.
        r.push(exchange(&sock, to, format!("{}Content-Length: 0\r\n\r\n", head("OPTIONS", "1 INVITE")).as_bytes()));
        // Unknown method -> 501.
        r.push(exchange(&sock, to, format!("{}Content-Length: 0\r\n\r\n", head("FROBNICATE", "1 FROBNICATE")).as_bytes()));
        // Known, unsupported -> 405 with Allow.
        r.push(exchange(&sock, to, format!("{}Content-Length: 0\r\n\r\n", head("SUBSCRIBE", "1 SUBSCRIBE")).as_bytes()));
        // Oversized -> 513.
        r.push(exchange(&sock, to, format!("{}Subject: {}\r\nContent-Length: 0\r\n\r\n", head("OPTIONS", "2 OPTIONS"), "x".repeat(20_000)).as_bytes()));
        // Garbage -> dropped (no answer).
        r.push(exchange(&sock, to, b"\x00\x01garbage that is not SIP\r\n\r\n"));
        // BYE for an unknown dialog -> 481.
        r.push(exchange(&sock, to, format!("{}Content-Length: 0\r\n\r\n", head("BYE", "1 BYE")).replace("To: <sip:bot@127.0.0.1>", "To: <sip:bot@127.0.0.1>;tag=nope").as_bytes()));
        r
    })
    .await
    .unwrap();
    let status = |r: &Option<String>| r.as_deref().and_then(|s| s.split(' ').nth(1)).map(str::to_string);
    assert_eq!(status(&replies[0]).as_deref(), Some("400"), "{replies:?}");
    assert_eq!(status(&replies[1]).as_deref(), Some("501"));
    assert_eq!(status(&replies[2]).as_deref(), Some("405"));
    assert!(replies[2].as_deref().unwrap().contains("Allow: INVITE"));
    assert_eq!(status(&replies[3]).as_deref(), Some("513"));
    assert_eq!(replies[4], None);
    assert_eq!(status(&replies[5]).as_deref(), Some("481"));
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sn", "uac", "-s", "bot", "-m", "1", "-d", "100"]).await;
    assert!(ok, "server must keep working after malformed input: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn info_dtmf_and_reinvite_from_sipp() {
    let h = start(Mode::Answer, None).await;
    let target = h.udp.to_string();
    let (ok, log) = sipp(&[&target, "-sf", &scenario("uac_info_reinvite.xml"), "-s", "bot", "-m", "1"]).await;
    assert!(ok, "{log}");
    assert_eq!(eventually(&h.events, |e| matches!(e, Event::Dtmf { digit: '7', duration_ms: 160, .. }), 1).await, 1);
    assert_eq!(eventually(&h.events, |e| matches!(e, Event::ReOffer { offer: Some(o), .. } if String::from_utf8_lossy(o).contains("sendonly")), 1).await, 1);
    assert_eq!(ended(&h.events, EndReason::RemoteBye).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outbound_invite_then_blind_transfer_to_sipp() {
    // SIPp plays the callee; it must listen before we call.
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let media = free_port().to_string();
    let mut cmd = tokio::process::Command::new("sipp");
    cmd.args([
        "-sf",
        &scenario("uas_refer.xml"),
        "-i",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-mp",
        &media,
        "-m",
        "1",
        "-timeout",
        "20s",
        "-timeout_error",
        "-nostdin",
        "-trace_err",
    ])
    .current_dir(dir.path())
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .kill_on_drop(true);
    let child = cmd.spawn().expect("sipp runs");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let h = start(Mode::TransferWhenAnswered, None).await;
    let (tx, rx) = tokio::sync::oneshot::channel();
    h.commands.send(Command::Invite { to: format!("sip:transfer@127.0.0.1:{port}"), sdp: SDP.to_vec(), reply: tx }).await.unwrap();
    let call = rx.await.unwrap();
    let out = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output()).await.expect("sipp finished").unwrap();
    eventually(&h.events, |e| matches!(e, Event::Ended { .. }), 1).await;
    let log = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let errors: String = std::fs::read_dir(dir.path()).unwrap().flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect();
    assert!(out.status.success(), "{log}\n{errors}");
    let events = h.events.lock().unwrap().clone();
    assert!(events.contains(&Event::TransferResult { call, ok: true }), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, Event::Answered { call: c, answer } if *c == call && !answer.is_empty())));
    assert!(events.contains(&Event::Ended { call, reason: EndReason::LocalHangup }), "{events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_source_does_not_starve_another_caller() {
    let h = start(Mode::Answer, None).await;
    let to = h.udp;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    // 127.0.0.9 floods OPTIONS as fast as it can; SIPp calls from 127.0.0.2 meanwhile.
    let flood = std::thread::spawn(move || {
        let sock = StdUdp::bind("127.0.0.9:0").unwrap();
        let me = sock.local_addr().unwrap();
        let mut n = 0u64;
        while !flag.load(std::sync::atomic::Ordering::Relaxed) {
            let m = format!("OPTIONS sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bKflood{n}\r\nFrom: <sip:f@x>;tag=f\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: flood{n}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            let _ = sock.send_to(m.as_bytes(), to);
            n += 1;
        }
        n
    });
    let target = to.to_string();
    let sip_port = free_port().to_string();
    let media_port = free_port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = tokio::time::timeout(
        Duration::from_secs(45),
        tokio::process::Command::new("sipp")
            .args([
                &target,
                "-sn",
                "uac",
                "-s",
                "bot",
                "-m",
                "3",
                "-l",
                "3",
                "-d",
                "200",
                "-i",
                "127.0.0.2",
                "-p",
                &sip_port,
                "-mp",
                &media_port,
                "-timeout",
                "30s",
                "-timeout_error",
                "-nostdin",
            ])
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("sipp finished")
    .unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let sent = flood.join().unwrap();
    assert!(sent > 1000, "the flood ran ({sent} datagrams)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tcp_framing_errors_close_only_that_connection() {
    use std::io::{Read, Write};
    let h = start(Mode::Answer, None).await;
    let to = h.tcp;
    let replies = tokio::task::spawn_blocking(move || {
        let options = |n: u32| format!("OPTIONS sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKtcp{n}\r\nFrom: <sip:t@x>;tag=1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: tcp{n}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        let read_reply = |s: &mut std::net::TcpStream| {
            s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            let mut buf = vec![0u8; 8192];
            match s.read(&mut buf) {
                Ok(n) => String::from_utf8_lossy(&buf[..n]).into_owned(),
                Err(_) => String::new(),
            }
        };
        let mut bad = std::net::TcpStream::connect(to).unwrap();
        // Two messages in one write, with CRLF keep-alives between them: both answered.
        bad.write_all(format!("\r\n\r\n{}{}", options(1), options(2)).as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let both = read_reply(&mut bad);
        // A non-numeric Content-Length cannot be framed: the connection is closed.
        bad.write_all(b"OPTIONS sip:bot@127.0.0.1 SIP/2.0\r\nContent-Length: lots\r\n\r\n").unwrap();
        let closed = read_reply(&mut bad);
        let mut good = std::net::TcpStream::connect(to).unwrap();
        good.write_all(options(3).as_bytes()).unwrap();
        let fresh = read_reply(&mut good);
        (both, closed, fresh)
    })
    .await
    .unwrap();
    assert_eq!(replies.0.matches("SIP/2.0 200 OK").count(), 2, "{}", replies.0);
    assert_eq!(replies.1, "", "connection closed without a reply");
    assert!(replies.2.starts_with("SIP/2.0 200 OK"), "{}", replies.2);
}
