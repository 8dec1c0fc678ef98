//! `standardiste bench sip`: SIPp at rising call rates against an in-process server; calls
//! accepted, RTP send-timing jitter, memory per call, and the send interval against the 20 ms clock.

use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::call::counters::Totals;
use crate::config::Config;
use crate::media::io::SendTiming;

/// Arguments of `standardiste bench sip`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Call rates to try, in calls per second.
    #[arg(long, value_delimiter = ',', default_values_t = vec![5u32, 10, 20, 40])]
    pub rates: Vec<u32>,
    /// Calls placed at each rate.
    #[arg(long, default_value_t = 60)]
    pub calls: u32,
    /// Length of each call in milliseconds (SIPp plays G.711 audio meanwhile).
    #[arg(long, default_value_t = 3000)]
    pub call_ms: u32,
    /// The SIPp scenario (a UAC that plays audio and hangs up after `-d`).
    #[arg(long, default_value = "telephony/sipp/media-caller-bye.xml")]
    pub scenario: PathBuf,
    /// Through Kamailio (telephony/kamailio/kamailio.cfg) to one node, then to two nodes.
    #[arg(long)]
    pub kamailio: bool,
}

/// One rate's figures.
struct Row {
    rate: u32,
    ok: u64,
    failed: u64,
    wall: Duration,
    peak_calls: usize,
    rss_per_call_kib: f64,
    timing: SendTiming,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn free_block(len: u16) -> anyhow::Result<u16> {
    for base in (30_000u16..60_000).step_by(1000) {
        if UdpSocket::bind(("127.0.0.1", base)).is_ok() && UdpSocket::bind(("127.0.0.1", base + len - 1)).is_ok() {
            return Ok(base);
        }
    }
    bail!("no free block of {len} UDP ports on 127.0.0.1")
}

/// One SIPp load run of `scenario` (`args.calls` calls at `rate` per second, `args.call_ms`
/// each) from `sipp_port` to 127.0.0.1:`target_port`, bounded in time; returns (ok, failed).
pub(crate) fn run_sipp(args: &Args, scenario: &Path, target_port: u16, sipp_port: u16, rate: u32) -> anyhow::Result<(u64, u64)> {
    let limit = Duration::from_secs_f64(args.calls as f64 / rate as f64 + args.call_ms as f64 / 1000.0 + 30.0);
    let out = Command::new("timeout")
        .arg(limit.as_secs().to_string())
        .arg("sipp")
        .arg("-sf")
        .arg(scenario)
        .arg(format!("127.0.0.1:{target_port}"))
        .args(["-s", "bot", "-i", "127.0.0.1", "-p", &sipp_port.to_string(), "-mp", &(sipp_port + 2).to_string(), "-nostdin"])
        .args(["-m", &args.calls.to_string(), "-r", &rate.to_string(), "-l", &args.calls.to_string(), "-d", &args.call_ms.to_string()])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .context("running sipp")?;
    Ok(sipp_counts(&String::from_utf8_lossy(&out.stdout)))
}

/// The final successful and failed call counts of SIPp's statistics screen.
pub(crate) fn sipp_counts(out: &str) -> (u64, u64) {
    let last =
        |label: &str| -> u64 { out.lines().rfind(|l| l.trim_start().starts_with(label)).and_then(|l| l.split('|').nth(2)?.trim().parse().ok()).unwrap_or(0) };
    (last("Successful call"), last("Failed call"))
}

/// Runs `standardiste bench sip`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let st = Command::new("sipp").arg("-v").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if st.is_err() {
        bail!("sipp is not installed: run scripts/install.sh");
    }
    if args.kamailio {
        return super::cluster::run(&args);
    }
    if !args.scenario.is_file() {
        bail!("{}: scenario not found (run from the repository root or pass --scenario)", args.scenario.display());
    }
    let base = free_block(1000)?;
    let (sip_port, rtp_min, rtp_max, sipp_port) = (base, base + 100, base + 899, base + 900);
    let db = std::env::temp_dir().join(format!("standardiste-bench-sip-{}.db", std::process::id()));
    let text = format!(
        "[sip]\nudp = \"127.0.0.1:{sip_port}\"\ntcp = \"127.0.0.1:{sip_port}\"\nmax_calls = 2000\ndrain_timeout = 1\n[rtp]\nport_min = {rtp_min}\nport_max = {rtp_max}\n[store]\npath = \"{}\"\n",
        db.display()
    );
    let config = Config::parse(&text, std::path::Path::new("<bench>"))?;
    let rt = tokio::runtime::Runtime::new()?;
    let totals = Arc::new(Mutex::new(Totals::default()));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = {
        let totals = totals.clone();
        rt.spawn(async move {
            crate::app::serve(
                config,
                crate::call::EngineSettings { silence_reprompt: Duration::from_secs(600), ..Default::default() },
                async {
                    let _ = stop_rx.await;
                },
                totals,
            )
            .await
        })
    };
    std::thread::sleep(Duration::from_millis(1500));
    println!(
        "bench sip: SIPp UAC ({}) → standardiste on 127.0.0.1:{sip_port}, {} calls per rate, {} ms each",
        args.scenario.display(),
        args.calls,
        args.call_ms
    );
    let mut rows = Vec::new();
    // Memory is measured against the RSS before any call: the allocator keeps what earlier rates used.
    let rss_idle = rss_kib();
    for &rate in &args.rates {
        {
            let mut t = totals.lock().unwrap();
            t.timing = SendTiming::new();
            t.peak_active = t.active;
        }
        let peak_rss = Arc::new(AtomicU64::new(rss_kib()));
        let sampling = Arc::new(AtomicBool::new(true));
        let sampler = {
            let (peak_rss, sampling) = (peak_rss.clone(), sampling.clone());
            std::thread::spawn(move || {
                while sampling.load(Ordering::Relaxed) {
                    peak_rss.fetch_max(rss_kib(), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
        };
        let t0 = Instant::now();
        let (ok, failed) = run_sipp(&args, &args.scenario, sip_port, sipp_port, rate)?;
        let wall = t0.elapsed();
        // Let the media tasks of the last calls close and report.
        std::thread::sleep(Duration::from_millis(700));
        sampling.store(false, Ordering::Relaxed);
        let _ = sampler.join();
        let t = totals.lock().unwrap().clone();
        let peak = t.peak_active.max(1);
        let rss_per_call_kib = peak_rss.load(Ordering::Relaxed).saturating_sub(rss_idle) as f64 / peak as f64;
        rows.push(Row {
            rate,
            ok,
            failed: failed + (args.calls as u64).saturating_sub(ok + failed),
            wall,
            peak_calls: t.peak_active,
            rss_per_call_kib,
            timing: t.timing,
        });
    }
    let _ = stop_tx.send(());
    let _ = rt.block_on(async { tokio::time::timeout(Duration::from_secs(10), server).await });

    println!();
    println!(
        "{:>5} {:>6} {:>6} {:>7} {:>6} {:>10} {:>10} {:>10} {:>11} {:>8}",
        "cps", "ok", "failed", "wall_s", "peak", "late_p50", "late_p99", "late_max", "interval_ms", "ratio"
    );
    let mut best = 0;
    for r in &rows {
        let interval = r.timing.mean_interval_us() / 1000.0;
        println!(
            "{:>5} {:>6} {:>6} {:>7.1} {:>6} {:>8.1}ms {:>8.1}ms {:>8.1}ms {:>11.4} {:>8.5}",
            r.rate,
            r.ok,
            r.failed,
            r.wall.as_secs_f64(),
            r.peak_calls,
            r.timing.late_quantile_us(0.5) as f64 / 1000.0,
            r.timing.late_quantile_us(0.99) as f64 / 1000.0,
            r.timing.late_quantile_us(1.0) as f64 / 1000.0,
            interval,
            interval / 20.0,
        );
        if r.failed == 0 && r.ok > 0 {
            best = best.max(r.rate);
        }
    }
    println!();
    for r in &rows {
        println!(
            "memory: {:.0} KiB per concurrent call at {} cps ({} calls up at the peak; peak RSS minus idle RSS)",
            r.rss_per_call_kib, r.rate, r.peak_calls
        );
    }
    println!("highest rate with zero failed calls: {best} calls/s");
    println!("ratio = measured mean RTP send interval / the 20 ms real-time frame clock (1.00000 = no drift);");
    println!("late = how long after its scheduled 20 ms slot each send wake-up ran.");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_sipp_final_counts() {
        let out = "  Successful call        |        0                  |        3\n  Failed call            |        0                  |        0\n  Successful call        |        2                  |        57\n  Failed call            |        1                  |        2\n";
        assert_eq!(super::sipp_counts(out), (57, 2));
    }
}
