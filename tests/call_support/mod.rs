//! Shared helpers of the end-to-end call tests: the real binary on free loopback ports, SIPp,
//! tshark captures. Every peer run is bounded in time.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails with the install hint when a peer program is missing.
pub fn require(tool: &str) {
    let ok = Command::new("sh").arg("-c").arg(format!("command -v {tool}")).stdout(Stdio::null()).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "{tool} is not installed: run scripts/install.sh (apt package list in scripts/install/10-apt.sh)");
}

static NEXT_BLOCK: AtomicU16 = AtomicU16::new(0);

/// A block of 200 consecutive free UDP ports on 127.0.0.1 (checked by binding its first and last).
pub fn port_block() -> u16 {
    let start = 20_000 + (std::process::id() % 100) as u16 * 200;
    loop {
        let k = NEXT_BLOCK.fetch_add(1, Ordering::Relaxed);
        let base = 20_000 + (start - 20_000 + k * 200) % 40_000;
        let a = UdpSocket::bind(("127.0.0.1", base));
        let b = UdpSocket::bind(("127.0.0.1", base + 199));
        if a.is_ok() && b.is_ok() {
            return base;
        }
    }
}

/// A running `standardiste serve` with a temporary configuration.
pub struct Server {
    child: Child,
    /// SIP UDP port.
    pub sip_port: u16,
    /// First RTP port of its range.
    pub rtp_min: u16,
    /// Last RTP port of its range.
    pub rtp_max: u16,
    /// Log lines (stderr) so far.
    pub log: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the binary and waits (bounded) until it listens.
    pub fn start(silence_timeout_s: u64) -> Server {
        let base = port_block();
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("standardiste.toml");
        let (sip_port, rtp_min, rtp_max) = (base, base + 10, base + 99);
        std::fs::write(
            &cfg,
            format!("[sip]\nudp = \"127.0.0.1:{sip_port}\"\ntcp = \"127.0.0.1:{sip_port}\"\n\n[rtp]\nport_min = {rtp_min}\nport_max = {rtp_max}\n"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_standardiste"))
            .args(["serve", "--config"])
            .arg(&cfg)
            .args(["--silence-timeout", &silence_timeout_s.to_string()])
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start standardiste serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let l2 = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                l2.lock().unwrap().push(line);
            }
        });
        let s = Server { child, sip_port, rtp_min, rtp_max, log, _dir: dir };
        assert!(s.wait_log("standardiste listening", Duration::from_secs(30)), "server did not start: {:?}", s.log_text());
        s
    }

    /// All log lines, joined.
    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// How many log lines contain `needle`.
    pub fn count_log(&self, needle: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|l| l.contains(needle)).count()
    }

    /// Waits (bounded) for a log line containing `needle`.
    pub fn wait_log(&self, needle: &str, limit: Duration) -> bool {
        let t0 = Instant::now();
        while t0.elapsed() < limit {
            if self.count_log(needle) > 0 {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Sends SIGINT and waits (bounded) for a clean exit; returns whether it exited with success.
    pub fn stop(&mut self) -> bool {
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs a command with a time limit; returns (exit code, stdout+stderr). Code 124 = timed out.
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let f = std::fs::File::create(&out).unwrap();
    let mut child = cmd.stdin(Stdio::null()).stdout(f.try_clone().unwrap()).stderr(f).spawn().expect("spawn peer");
    let t0 = Instant::now();
    let code = loop {
        if let Ok(Some(st)) = child.try_wait() {
            break st.code().unwrap_or(-1);
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break 124;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (code, std::fs::read_to_string(&out).unwrap_or_default())
}

/// A SIPp UAC run of one of our scenarios against the server.
pub fn sipp(scenario: &str, server: &Server, extra: &[&str], limit: Duration) -> (i32, String) {
    sipp_to(server.sip_port, scenario, extra, limit)
}

/// A SIPp UAC run of one of our scenarios against a SIP port.
pub fn sipp_to(sip_port: u16, scenario: &str, extra: &[&str], limit: Duration) -> (i32, String) {
    require("sipp");
    let base = port_block();
    let work = tempfile::tempdir().unwrap();
    let scen = root().join("telephony/sipp").join(scenario);
    let mut c = Command::new("sipp");
    c.current_dir(work.path())
        .arg("-sf")
        .arg(&scen)
        .arg(format!("127.0.0.1:{sip_port}"))
        .args(["-s", "bot", "-i", "127.0.0.1", "-p", &base.to_string(), "-mp", &(base + 10).to_string(), "-nostdin", "-trace_err"])
        .args(extra);
    let (code, mut out) = run_bounded(&mut c, limit);
    for e in std::fs::read_dir(work.path()).unwrap().flatten() {
        if e.file_name().to_string_lossy().ends_with("_errors.log") {
            out.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    (code, out)
}

/// A tshark capture of loopback UDP in a port range.
pub struct Capture {
    child: Child,
    /// The pcap file.
    pub file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Capture {
    /// Starts capturing (bounded to `limit`) and waits until tshark listens.
    pub fn start(ports: (u16, u16), limit: Duration) -> Capture {
        require("tshark");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cap.pcap");
        let mut child = Command::new("tshark")
            .args(["-i", "lo", "-f", &format!("udp portrange {}-{}", ports.0, ports.1), "-F", "pcap", "-w"])
            .arg(&file)
            .args(["-a", &format!("duration:{}", limit.as_secs().max(1)), "-q"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tshark");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("Capturing on") || line.contains("Capture started") {
                    let _ = tx.send(());
                }
            }
        });
        assert!(rx.recv_timeout(Duration::from_secs(20)).is_ok(), "tshark did not start capturing");
        std::thread::sleep(Duration::from_millis(300));
        Capture { child, file, _dir: dir }
    }

    /// Stops the capture (SIGINT, bounded) and returns RTP packets as (time, src port, dst port, pt, payload hex).
    pub fn finish(mut self) -> Vec<RtpSeen> {
        std::thread::sleep(Duration::from_millis(300));
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        rtp_packets(&self.file)
    }
}

/// One RTP packet seen on the wire.
#[derive(Debug, Clone)]
pub struct RtpSeen {
    /// Seconds since the capture started.
    pub time: f64,
    /// UDP source port.
    pub src: u16,
    /// UDP destination port.
    pub dst: u16,
    /// RTP payload type.
    pub pt: u8,
    /// RTP payload.
    pub payload: Vec<u8>,
}

fn rtp_packets(file: &Path) -> Vec<RtpSeen> {
    let out = Command::new("tshark")
        .arg("-r")
        .arg(file)
        // Heuristics first: otherwise a flow whose peer port is registered to another protocol
        // (SIPp's auto media port 25826 is collectd's) is dissected as that protocol, not RTP.
        .args(["-o", "rtp.heuristic_rtp:TRUE", "-o", "udp.try_heuristic_first:TRUE", "-Y", "rtp", "-T", "fields", "-e", "frame.time_relative", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "rtp.p_type", "-e", "rtp.payload"])
        .stderr(Stdio::null())
        .output()
        .expect("tshark -r");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 5 {
                return None;
            }
            let hex: String = f[4].chars().filter(|c| c.is_ascii_hexdigit()).collect();
            let payload = (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
            Some(RtpSeen { time: f[0].parse().ok()?, src: f[1].parse().ok()?, dst: f[2].parse().ok()?, pt: f[3].parse().ok()?, payload })
        })
        .collect()
}

/// RMS of 16-bit samples.
pub fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|&s| (s as f64).powi(2)).sum::<f64>() / samples.len() as f64).sqrt()
}

/// Seconds of audio whose 100 ms windows are louder than `threshold` RMS.
pub fn loud_seconds(samples: &[i16], rate: usize, threshold: f64) -> f64 {
    let w = rate / 10;
    samples.chunks(w).filter(|c| rms(c) > threshold).count() as f64 / 10.0
}
