//! Shared helpers of the end-to-end call tests: the real binary on free loopback ports, SIPp,
//! tshark captures. Every peer run is bounded in time.
#![allow(dead_code)]

pub mod script;

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
        Server::start_with(silence_timeout_s, "")
    }

    /// Like [`Server::start`], with `extra_config` appended to the temporary `standardiste.toml`
    /// (e.g. a `[town]` section; `[sip]` and `[rtp]` are already written).
    pub fn start_with(silence_timeout_s: u64, extra_config: &str) -> Server {
        Server::start_with_rtp(silence_timeout_s, "", extra_config)
    }

    /// Like [`Server::start_with`], with `rtp_lines` added to the `[rtp]` section.
    pub fn start_with_rtp(silence_timeout_s: u64, rtp_lines: &str, extra_config: &str) -> Server {
        let base = port_block();
        let dir = tempfile::tempdir().unwrap();
        let store = format!("path = \"{}\"", dir.path().join("standardiste.db").display());
        Server::launch(dir, ("127.0.0.1", base), (base + 10, base + 99, rtp_lines), &store, silence_timeout_s, extra_config)
    }

    /// A node of a cluster: SIP on `ip`:5060, RTP from `rtp_min` (200 ports), calls and messages
    /// in the database at `store_url`, `extra_config` appended.
    pub fn start_node(ip: &str, rtp_min: u16, store_url: &str, extra_config: &str) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Server::launch(dir, (ip, 5060), (rtp_min, rtp_min + 199, ""), &format!("url = \"{store_url}\""), 60, extra_config)
    }

    fn launch(
        dir: tempfile::TempDir,
        (ip, sip_port): (&str, u16),
        (rtp_min, rtp_max, rtp_lines): (u16, u16, &str),
        store: &str,
        silence_timeout_s: u64,
        extra: &str,
    ) -> Server {
        let cfg = dir.path().join("standardiste.toml");
        std::fs::write(
            &cfg,
            format!("[sip]\nudp = \"{ip}:{sip_port}\"\ntcp = \"{ip}:{sip_port}\"\n\n[rtp]\nport_min = {rtp_min}\nport_max = {rtp_max}\n{rtp_lines}\n[store]\n{store}\n\n{extra}\n"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_standardiste"))
            .args(["serve", "--config"])
            .arg(&cfg)
            .args(["--silence-timeout", &silence_timeout_s.to_string()])
            // CALL_TEST_LOG=debug (say) shows the engine's decisions when a test is investigated.
            .env("RUST_LOG", std::env::var("CALL_TEST_LOG").unwrap_or_else(|_| "info".into()))
            .env("NO_COLOR", "1")
            // With a PostgreSQL `url`, the message spool goes here (as under systemd).
            .env("STATE_DIRECTORY", dir.path())
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
        let mut s = Server { child, sip_port, rtp_min, rtp_max, log, _dir: dir };
        let t0 = Instant::now();
        while s.count_log("standardiste listening") == 0 {
            let exited = s.child.try_wait().ok().flatten().is_some();
            assert!(!exited && t0.elapsed() < Duration::from_secs(60), "server on {ip} did not start: {}", s.log_text());
            std::thread::sleep(Duration::from_millis(50));
        }
        s
    }

    /// The server's SQLite database.
    pub fn db_path(&self) -> PathBuf {
        self._dir.path().join("standardiste.db")
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

    /// Sends SIGINT (a second one after 3 s, which ends a drain of calls still up) and waits
    /// (bounded) for a clean exit; returns whether it exited with success.
    pub fn stop(&mut self) -> bool {
        self.signal("INT");
        if let Some(ok) = self.wait_exit(Duration::from_secs(3)) {
            return ok;
        }
        self.signal("INT");
        if let Some(ok) = self.wait_exit(Duration::from_secs(10)) {
            return ok;
        }
        let _ = self.child.kill();
        false
    }

    /// Kills the process at once (SIGKILL) and reaps it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends a signal by name ("TERM", "INT").
    pub fn signal(&self, name: &str) {
        let _ = Command::new("kill").args([&format!("-{name}"), &self.child.id().to_string()]).status();
    }

    /// Waits (bounded) for the process to exit: `Some(success)`, or `None` while it still runs.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<bool> {
        let t0 = Instant::now();
        loop {
            if let Ok(Some(st)) = self.child.try_wait() {
                eprintln!("node exit status: {st:?}");
                return Some(st.success());
            }
            if t0.elapsed() >= limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The temporary directory holding its configuration and database (`standardiste.db`).
    pub fn dir(&self) -> &Path {
        self._dir.path()
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
    sipp_at(&format!("127.0.0.1:{sip_port}"), scenario, extra, limit)
}

/// A SIPp UAC run of one of our scenarios against a SIP address (`ip:port`).
pub fn sipp_at(address: &str, scenario: &str, extra: &[&str], limit: Duration) -> (i32, String) {
    require("sipp");
    let base = port_block();
    let work = tempfile::tempdir().unwrap();
    let scen = root().join("telephony/sipp").join(scenario);
    let mut c = Command::new("sipp");
    c.current_dir(work.path())
        .arg("-sf")
        .arg(&scen)
        .arg(address)
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

/// A SIPp call to `service` that must be refused with `code`, the response carrying `header`
/// (`telephony/sipp/invite-refused.xml.in`).
pub fn sipp_refused(sip_port: u16, service: &str, code: u16, header: &str, limit: Duration) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(root().join("telephony/sipp/invite-refused.xml.in")).unwrap();
    let scen = dir.path().join("refused.xml");
    std::fs::write(&scen, template.replace("@CODE@", &code.to_string()).replace("@HEADER@", header)).unwrap();
    sipp_to(sip_port, &scen.display().to_string(), &["-m", "1", "-l", "1", "-s", service], limit)
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
    /// RTP timestamp (sample clock of the sender).
    pub ts: u32,
    /// RTP payload.
    pub payload: Vec<u8>,
}

fn rtp_packets(file: &Path) -> Vec<RtpSeen> {
    let out = Command::new("tshark")
        .arg("-r")
        .arg(file)
        // Heuristics first: otherwise a flow whose peer port is registered to another protocol
        // (SIPp's auto media port 25826 is collectd's) is dissected as that protocol, not RTP.
        .args([
            "-o",
            "rtp.heuristic_rtp:TRUE",
            "-o",
            "udp.try_heuristic_first:TRUE",
            "-Y",
            "rtp",
            "-T",
            "fields",
            "-e",
            "frame.time_relative",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport",
            "-e",
            "rtp.p_type",
            "-e",
            "rtp.timestamp",
            "-e",
            "rtp.payload",
        ])
        .stderr(Stdio::null())
        .output()
        .expect("tshark -r");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 6 {
                return None;
            }
            let hex: String = f[5].chars().filter(|c| c.is_ascii_hexdigit()).collect();
            let payload = (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
            Some(RtpSeen {
                time: f[0].parse().ok()?,
                src: f[1].parse().ok()?,
                dst: f[2].parse().ok()?,
                pt: f[3].parse().ok()?,
                ts: f[4].parse().ok()?,
                payload,
            })
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

// ---------------------------------------------------------------- spoken conversations

/// 8 kHz telephone audio rate of the helpers below.
pub const RATE: usize = 8000;

/// `seconds` of digital silence at 8 kHz.
pub fn silence(seconds: f64) -> Vec<i16> {
    vec![0; (seconds * RATE as f64) as usize]
}

/// A caller's question: the library's Pico voice, then changed with sox (pitch −350 cents, tempo
/// 0.92) so that the caller never speaks with the assistant's own voice. 8 kHz samples.
pub fn caller_voice(text: &str) -> Vec<i16> {
    use standardiste::speech::tts::{SpeakOptions, Speaker};
    require("sox");
    let dir = tempfile::tempdir().unwrap();
    let (raw, out) = (dir.path().join("pico.wav"), dir.path().join("caller.wav"));
    let speaker = Speaker::default_voice().expect("the Pico voice");
    speaker.speak(text, &SpeakOptions { rate: 1.0, sample_rate: Some(16000) }).expect("synthesis").write_wav(&raw).unwrap();
    let (code, log) = run_bounded(
        Command::new("sox").arg(&raw).args(["-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"]).arg(&out).args(["pitch", "-350", "tempo", "0.92"]),
        Duration::from_secs(30),
    );
    assert_eq!(code, 0, "sox: {log}");
    let a = standardiste::speech::audio::Audio::read_wav(&out).unwrap();
    assert_eq!(a.rate as usize, RATE);
    a.to_i16()
}

/// Writes 8 kHz 16-bit mono samples as a WAV file.
pub fn write_wav(path: &Path, samples: &[i16]) {
    standardiste::speech::audio::Audio::from_i16(RATE as u32, samples).write_wav(path).unwrap();
}

/// Where each part of a microphone track starts, in seconds from its beginning.
pub struct Track {
    /// The samples.
    pub samples: Vec<i16>,
    /// (start, end) of the voice of each spoken part, in seconds.
    pub spoken: Vec<(f64, f64)>,
}

impl Track {
    /// An empty track.
    pub fn new() -> Track {
        Track { samples: Vec::new(), spoken: Vec::new() }
    }

    /// Appends silence.
    pub fn pause(mut self, seconds: f64) -> Track {
        self.samples.extend(silence(seconds));
        self
    }

    /// Appends a spoken part, remembering where its voice (louder than RMS 300) starts and ends.
    pub fn say(mut self, speech: &[i16]) -> Track {
        let start = self.samples.len() as f64 / RATE as f64;
        let len = speech.len() as f64 / RATE as f64;
        let (a, b) = (first_loud(speech, 0.0, 300.0).unwrap_or(0.0), last_loud(speech, len, 300.0).unwrap_or(len));
        self.samples.extend_from_slice(speech);
        self.spoken.push((start + a, start + b));
        self
    }

    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / RATE as f64
    }
}

/// What one baresip call gave.
pub struct BaresipCall {
    /// baresip's own output.
    pub out: String,
    /// What baresip heard (its `dump-*-dec.wav`), 8 kHz.
    pub heard: Vec<i16>,
    /// What baresip sent (its `dump-*-enc.wav`), 8 kHz.
    pub sent: Vec<i16>,
    /// baresip's RTP ports (first, last).
    pub rtp_ports: (u16, u16),
}

/// A free block of ports for one baresip (SIP port, RTP range) — for captures that include it.
pub fn baresip_ports() -> (u16, u16) {
    let base = port_block();
    (base, base + 20)
}

/// baresip (a real softphone) calls `sip:bot@127.0.0.1:SIP_PORT` with `mic` as its microphone
/// (the call ends when the track ends) and records both directions. Bounded by `limit`.
pub fn baresip_call(mic: &[i16], sip_port: u16, ports: (u16, u16), limit: Duration) -> BaresipCall {
    require("baresip");
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("mic.wav");
    write_wav(&wav, mic);
    let (own_sip, rtp) = ports;
    write_baresip_config(dir.path(), &wav, own_sip, rtp);
    let secs = (mic.len() / RATE) as u64 + 8;
    let (code, out) = run_bounded(
        Command::new("baresip").arg("-f").arg(dir.path()).arg("-e").arg(format!("/dial sip:bot@127.0.0.1:{sip_port}")).args(["-t", &secs.to_string()]),
        limit,
    );
    assert_ne!(code, 124, "baresip ran past its time limit:\n{out}");
    assert!(out.contains("Call established"), "baresip's call was not answered:\n{out}");
    let read = |suffix: &str| {
        let p = std::fs::read_dir(dir.path().join("rec")).unwrap().flatten().map(|e| e.path()).find(|p| p.to_string_lossy().ends_with(suffix));
        let a = standardiste::speech::audio::Audio::read_wav(&p.unwrap_or_else(|| panic!("baresip's {suffix} recording:\n{out}"))).unwrap();
        assert_eq!(a.rate as usize, RATE);
        a.to_i16()
    };
    BaresipCall { heard: read("-dec.wav"), sent: read("-enc.wav"), out, rtp_ports: (rtp, rtp + 60) }
}

/// The Whisper model of the tests, loaded once.
pub fn recognizer() -> &'static standardiste::speech::asr::Recognizer {
    static REC: std::sync::OnceLock<standardiste::speech::asr::Recognizer> = std::sync::OnceLock::new();
    REC.get_or_init(|| standardiste::speech::asr::Recognizer::load_default().unwrap_or_else(|e| panic!("{e}")))
}

/// What Whisper hears in 8 kHz samples (empty for silence).
pub fn transcribe(samples: &[i16]) -> String {
    use standardiste::speech::asr::AsrOptions;
    if samples.len() < RATE / 10 {
        return String::new();
    }
    let audio = standardiste::speech::audio::Audio::from_i16(RATE as u32, samples);
    recognizer().stream(AsrOptions::default()).unwrap().transcribe(&audio).unwrap().text
}

/// What an answer about the sample town's accueil on Saturday must contain: its closing hour on the
/// coming Saturday (today if it is one), or "ferm" when that Saturday is a public holiday or a
/// dated exception closes it (the weekly hours are 09:00-12:00: "12" or "midi").
pub fn saturday_facts(town: &standardiste::answer::Town) -> Vec<String> {
    use jiff::civil::Weekday;
    let accueil = town.service("accueil").unwrap();
    let mut day = jiff::Timestamp::now().to_zoned(town.tz.clone()).date();
    while day.weekday() != Weekday::Saturday {
        day = day.tomorrow().unwrap();
    }
    let hours = standardiste::answer::hours::day_hours(accueil, day, town.holidays);
    match hours.ranges.last() {
        None => vec!["ferm".into()],
        Some(r) if r.end.hour() == 12 && r.end.minute() == 0 => vec!["12".into(), "midi".into()],
        Some(r) => vec![r.end.hour().to_string()],
    }
}

/// Whether `text` (a caption, or what Whisper heard) says one of `facts`, numbers in words or digits
/// alike ("douze heures" says "12"): both go through the answering core's normalisation.
pub fn has_any_fact(text: &str, facts: &[String]) -> bool {
    use standardiste::answer::normalize::normalize;
    let said = format!(" {} ", normalize(text));
    facts.iter().any(|f| said.contains(&normalize(f)))
}

/// Lower case, hyphens and apostrophes as spaces: for looking for words in a transcript.
pub fn plain(text: &str) -> String {
    text.to_lowercase().replace(['-', '\'', '’'], " ")
}

/// Samples `[from, to)` seconds of `samples` (clamped).
pub fn span(samples: &[i16], from: f64, to: f64) -> &[i16] {
    let a = ((from.max(0.0) * RATE as f64) as usize).min(samples.len());
    let b = ((to.max(0.0) * RATE as f64) as usize).clamp(a, samples.len());
    &samples[a..b]
}

/// Loudness of each 20 ms frame (RMS).
pub fn frame_rms(samples: &[i16]) -> Vec<f64> {
    samples.chunks(RATE / 50).map(rms).collect()
}

/// Start (s) of the first 20 ms frame at or after `from` louder than `threshold`.
pub fn first_loud(samples: &[i16], from: f64, threshold: f64) -> Option<f64> {
    let f0 = (from * 50.0).ceil().max(0.0) as usize;
    frame_rms(samples).iter().enumerate().skip(f0).find(|(_, &r)| r > threshold).map(|(i, _)| i as f64 / 50.0)
}

/// End (s) of the last 20 ms frame before `to` louder than `threshold`.
pub fn last_loud(samples: &[i16], to: f64, threshold: f64) -> Option<f64> {
    let f1 = ((to * 50.0).floor().max(0.0) as usize).min(samples.len() / (RATE / 50) + 1);
    frame_rms(samples).iter().enumerate().take(f1).rev().find(|(_, &r)| r > threshold).map(|(i, _)| (i + 1) as f64 / 50.0)
}

/// Start and length (s) of the first run of quiet 20 ms frames (RMS ≤ `threshold`) at or after
/// `from` lasting at least `min` seconds; the run is measured to its end (or the audio's end).
pub fn first_quiet(samples: &[i16], from: f64, min: f64, threshold: f64) -> Option<(f64, f64)> {
    let rms = frame_rms(samples);
    let need = (min * 50.0).round() as usize;
    let mut i = (from * 50.0).ceil().max(0.0) as usize;
    while i < rms.len() {
        if rms[i] <= threshold {
            let j = (i..rms.len()).find(|&j| rms[j] > threshold).unwrap_or(rms.len());
            if j - i >= need {
                return Some((i as f64 / 50.0, (j - i) as f64 / 50.0));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// One direction of an RTP flow laid on the capture's clock: the packets matching `which`
/// decoded (PCMU/PCMA by payload type) at 8 kHz from capture time 0, silence where none came.
pub fn rtp_timeline(rtp: &[RtpSeen], which: impl Fn(&RtpSeen) -> bool) -> Vec<i16> {
    use standardiste::media::g711::Law;
    let mut out: Vec<i16> = Vec::new();
    for p in rtp.iter().filter(|p| which(p)) {
        let Some(law) = Law::from_payload_type(p.pt) else {
            continue;
        };
        let pcm = law.decode(&p.payload);
        let at = (p.time * RATE as f64) as usize;
        if out.len() < at + pcm.len() {
            out.resize(at + pcm.len(), 0);
        }
        out[at..at + pcm.len()].copy_from_slice(&pcm);
    }
    out
}

/// The audio a receiver plays: each flow's packets placed by RTP timestamp from the flow's first arrival,
/// as a phone's jitter buffer does, so late packets under load are heard in order (arrival times stay in
/// [`rtp_timeline`], for latency).
pub fn rtp_played(rtp: &[RtpSeen], which: impl Fn(&RtpSeen) -> bool) -> Vec<i16> {
    use standardiste::media::g711::Law;
    let mut anchors: std::collections::HashMap<(u16, u16), (f64, u32)> = std::collections::HashMap::new();
    let mut out: Vec<i16> = Vec::new();
    for p in rtp.iter().filter(|p| which(p)) {
        let Some(law) = Law::from_payload_type(p.pt) else {
            continue;
        };
        let (t0, ts0) = *anchors.entry((p.src, p.dst)).or_insert((p.time, p.ts));
        let pcm = law.decode(&p.payload);
        let at = (t0 * RATE as f64) as usize + p.ts.wrapping_sub(ts0) as usize;
        if out.len() < at + pcm.len() {
            out.resize(at + pcm.len(), 0);
        }
        out[at..at + pcm.len()].copy_from_slice(&pcm);
    }
    out
}

/// The largest lateness of a flow's packets against their RTP timestamps, in milliseconds.
pub fn rtp_worst_lateness_ms(rtp: &[RtpSeen], which: impl Fn(&RtpSeen) -> bool) -> f64 {
    let mut anchors: std::collections::HashMap<(u16, u16), (f64, u32)> = std::collections::HashMap::new();
    let mut worst: f64 = 0.0;
    for p in rtp.iter().filter(|p| which(p)) {
        let (t0, ts0) = *anchors.entry((p.src, p.dst)).or_insert((p.time, p.ts));
        let due = t0 + p.ts.wrapping_sub(ts0) as f64 / RATE as f64;
        worst = worst.max((p.time - due) * 1000.0);
    }
    worst
}

/// The numbers after `key=` on the log lines that contain `needle`.
pub fn log_numbers(server: &Server, needle: &str, key: &str) -> Vec<u64> {
    let pat = format!("{key}=");
    server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains(needle))
        .filter_map(|l| {
            let i = l.find(&pat)? + pat.len();
            l[i..].chars().take_while(|c| c.is_ascii_digit()).collect::<String>().parse().ok()
        })
        .collect()
}

/// The `q`-quantile (0–1, nearest rank) of values.
pub fn quantile(values: &[u64], q: f64) -> u64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    if v.is_empty() {
        return 0;
    }
    v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1]
}

/// SIPp calls (`extra`: `-m`, `-l`, `-r`, `-d` …) in which the caller streams `speech` (8 kHz,
/// sent as PCMU) from the start of the call, through `telephony/sipp/media-speak-then-bye.xml.in`.
pub fn sipp_speaking(sip_port: u16, speech: &[i16], extra: &[&str], limit: Duration) -> (i32, String) {
    use standardiste::media::g711::Law;
    let dir = tempfile::tempdir().unwrap();
    let ul = dir.path().join("speech.ul");
    std::fs::write(&ul, Law::Ulaw.encode(speech)).unwrap();
    let template = std::fs::read_to_string(root().join("telephony/sipp/media-speak-then-bye.xml.in")).unwrap();
    let scen = dir.path().join("speak.xml");
    std::fs::write(&scen, template.replace("@SPEECH_UL@", &ul.display().to_string())).unwrap();
    sipp_to(sip_port, &scen.display().to_string(), extra, limit)
}

/// Writes a headless baresip configuration in `dir`: `mic` as the microphone, recordings in `dir/rec`.
pub fn write_baresip_config(dir: &std::path::Path, mic: &std::path::Path, sip_port: u16, rtp: u16) {
    std::fs::create_dir_all(dir.join("rec")).unwrap();
    let cfg = format!(
        "sip_listen 127.0.0.1:{sip_port}\nnet_interface 127.0.0.1\ndns_server 127.0.0.1:53\naudio_player alsa,null\n\
         audio_source aufile,{mic}\naudio_alert alsa,null\nrtp_ports {rtp}-{}\nmodule_path /usr/lib/baresip/modules\n\
         module g711.so\nmodule aufile.so\nmodule sndfile.so\nmodule alsa.so\nmodule_tmp account.so\nmodule_app menu.so\n\
         snd_path {}\n",
        rtp + 60,
        dir.join("rec").display(),
        mic = mic.display()
    );
    std::fs::write(dir.join("config"), cfg).unwrap();
    std::fs::write(dir.join("accounts"), format!("<sip:caller@127.0.0.1:{sip_port}>;regint=0;answermode=manual;audio_codecs=PCMU,PCMA;medianat=\n")).unwrap();
}
