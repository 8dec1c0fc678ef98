//! `standardiste bench sip --kamailio`: the same SIPp load through Kamailio
//! (`telephony/kamailio/kamailio.cfg`) to one node, then to two nodes, in one run: calls answered
//! per second and RTP send timing. Both nodes run in this process (127.0.0.2 and 127.0.0.3), so the
//! figure measures the proxy path and the SIP/media side, not recognition.

use std::net::UdpSocket;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use super::sip::{run_sipp, Args};
use crate::call::counters::Totals;
use crate::config::Config;
use crate::media::io::SendTiming;

const NODES: [&str; 2] = ["127.0.0.2", "127.0.0.3"];

/// Kamailio in the foreground on `port`, dispatching to `nodes`, in its own process group;
/// killed with its workers when dropped.
struct Kamailio(Child);

impl Kamailio {
    fn start(dir: &Path, port: u16, nodes: &[&str]) -> anyhow::Result<Kamailio> {
        let list = dir.join(format!("dispatcher-{}.list", nodes.len()));
        std::fs::write(&list, nodes.iter().map(|n| format!("1 sip:{n}:5060\n")).collect::<String>())?;
        let run = dir.join(format!("run-{}", nodes.len()));
        std::fs::create_dir_all(&run)?;
        let child = Command::new("kamailio")
            .process_group(0)
            .arg("-f")
            .arg("telephony/kamailio/kamailio.cfg")
            .args(["-DD", "-E", "-m", "128", "-M", "8", "-n", "4"])
            .arg("-A")
            .arg(format!("LISTEN=udp:127.0.0.1:{port}"))
            .arg("-A")
            .arg(format!("DISPATCHER_LIST=\"{}\"", list.display()))
            .arg("-Y")
            .arg(&run)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting kamailio (apt package kamailio)")?;
        std::thread::sleep(Duration::from_millis(2500));
        Ok(Kamailio(child))
    }
}

impl Drop for Kamailio {
    fn drop(&mut self) {
        // Its whole process group: the workers it forked would outlive the main process.
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// One setup's figures at one rate.
struct Row {
    nodes: usize,
    rate: u32,
    ok: u64,
    failed: u64,
    wall: Duration,
    timing: SendTiming,
}

/// Runs the load through Kamailio to one node, then two.
pub fn run(args: &Args) -> anyhow::Result<()> {
    if !Path::new("telephony/kamailio/kamailio.cfg").is_file() {
        bail!("telephony/kamailio/kamailio.cfg not found: run from the repository root");
    }
    let dir = tempfile_dir()?;
    let rt = tokio::runtime::Runtime::new()?;
    let totals = Arc::new(Mutex::new(Totals::default()));
    let mut stops = Vec::new();
    for (i, ip) in NODES.iter().enumerate() {
        let base = 40_000 + i as u16 * 1000;
        let text = format!(
            "[sip]\nudp = \"{ip}:5060\"\ntcp = \"{ip}:5060\"\nmax_calls = 2000\n[rtp]\nport_min = {base}\nport_max = {}\n[store]\npath = \"{}\"\n",
            base + 999,
            dir.join(format!("node{i}.db")).display()
        );
        let config = Config::parse(&text, Path::new("<bench>"))?;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let totals = totals.clone();
        let settings = crate::call::EngineSettings { silence_reprompt: Duration::from_secs(600), ..Default::default() };
        stops.push((stop_tx, rt.spawn(async move { crate::app::serve(config, settings, async { stop_rx.await.unwrap_or(()) }, totals).await })));
    }
    std::thread::sleep(Duration::from_secs(3));
    let scenario = Path::new("telephony/sipp/proxy-caller-bye.xml");
    println!("bench sip --kamailio: SIPp → Kamailio → standardiste nodes, {} calls per rate, {} ms each", args.calls, args.call_ms);
    let mut rows = Vec::new();
    for nodes in [1usize, 2] {
        let port = UdpSocket::bind("127.0.0.1:0")?.local_addr()?.port();
        let _kamailio = Kamailio::start(&dir, port, &NODES[..nodes])?;
        for &rate in &args.rates {
            totals.lock().unwrap().timing = SendTiming::new();
            let sipp_port = UdpSocket::bind("127.0.0.1:0")?.local_addr()?.port();
            let t0 = Instant::now();
            let (ok, failed) = run_sipp(args, scenario, port, sipp_port, rate)?;
            let wall = t0.elapsed();
            std::thread::sleep(Duration::from_millis(700));
            let timing = totals.lock().unwrap().timing.clone();
            rows.push(Row { nodes, rate, ok, failed: failed + (args.calls as u64).saturating_sub(ok + failed), wall, timing });
        }
    }
    for (stop, task) in stops {
        let _ = stop.send(());
        let _ = rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), task).await });
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "{:>5} {:>5} {:>6} {:>6} {:>12} {:>10} {:>10} {:>10} {:>9}",
        "nodes", "cps", "ok", "failed", "answered/s", "late_p50", "late_p99", "late_max", "within2ms"
    );
    for r in &rows {
        // Calls answered per second while calls were being placed (the last call's length excluded).
        let placing = (r.wall.as_secs_f64() - args.call_ms as f64 / 1000.0).max(0.001);
        let max_ms = r.timing.late_quantile_us(1.0) as f64 / 1000.0;
        println!(
            "{:>5} {:>5} {:>6} {:>6} {:>12.1} {:>8.1}ms {:>8.1}ms {:>8.1}ms {:>9}",
            r.nodes,
            r.rate,
            r.ok,
            r.failed,
            r.ok as f64 / placing,
            r.timing.late_quantile_us(0.5) as f64 / 1000.0,
            r.timing.late_quantile_us(0.99) as f64 / 1000.0,
            max_ms,
            if r.timing.late_quantile_us(0.99) <= 2000 { "yes" } else { "no" }
        );
    }
    println!("late = how long after its scheduled 20 ms slot each RTP send ran (both nodes together); within2ms: p99 ≤ 2 ms.");
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("standardiste-bench-cluster-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
