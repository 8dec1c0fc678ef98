//! `standardiste bench call`: voice-to-voice latency over real SIP calls on loopback, with the
//! adaptive end of turn against a fixed-silence endpointer measured in the same run, and how many
//! simultaneous calls this machine holds with p95 ≤ 1.5 s.
//!
//! The callers are SIP user agents of this crate's own stack (a second endpoint in the process)
//! that place real calls over UDP and RTP to the service, wait for the welcome, then ask spoken
//! questions in another voice than the assistant's (Pico pitched down and slowed by sox). Latency
//! is timed at the caller: from the last frame of its question leaving to the first loud frame of
//! the answer arriving.

use std::net::UdpSocket;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use tokio::sync::{mpsc, oneshot};

use crate::call::counters::Totals;
use crate::call::endpoint::EndOfTurn;
use crate::call::EngineSettings;
use crate::config::Config;
use crate::media::io::{self, MediaCommand, MediaEvent};
use crate::media::sdp::{self, LocalMedia};
use crate::sip::endpoint::{CallRef, Event};
use crate::sip::server::{Command as SipCommand, Server};
use crate::speech::audio::Audio;
use crate::speech::tts::{SpeakOptions, Speaker};

/// Arguments of `standardiste bench call`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Questions asked in each call.
    #[arg(long, default_value_t = 6)]
    pub questions: usize,
    /// Calls placed one after another for the latency comparison (turns = calls × questions).
    #[arg(long, default_value_t = 5)]
    pub calls: usize,
    /// Simultaneous calls to try for capacity.
    #[arg(long, value_delimiter = ',', default_values_t = vec![2usize, 4, 8])]
    pub concurrency: Vec<usize>,
    /// The fixed silence of the reference endpointer, in milliseconds.
    #[arg(long, default_value_t = 800)]
    pub fixed_ms: u64,
}

/// Questions on the bundled sample town, in a caller's words.
const QUESTIONS: &[&str] = &[
    "La mairie est ouverte samedi ?",
    "Quels sont les horaires de la piscine ?",
    "Comment faire une carte d'identité ?",
    "Je voudrais inscrire mon fils à la cantine.",
    "À quelle heure ferme la médiathèque ?",
    "Quand passe le camion des poubelles rue des Écoles ?",
    "Où se trouve la mairie ?",
    "Comment s'inscrire sur les listes électorales ?",
];

/// A frame louder than this (RMS) is speech.
const LOUD: f64 = 300.0;

fn rms(f: &[i16]) -> f64 {
    (f.iter().map(|&x| (x as f64).powi(2)).sum::<f64>() / f.len().max(1) as f64).sqrt()
}

/// Pico made into another speaker: pitched down 350 cents, 8 % slower.
fn caller_voice(speaker: &Speaker, text: &str, dir: &std::path::Path, i: usize) -> anyhow::Result<Audio> {
    let a = speaker.speak(text, &SpeakOptions { rate: 1.0, sample_rate: Some(16000) })?;
    let (src, dst) = (dir.join(format!("q{i}.wav")), dir.join(format!("c{i}.wav")));
    a.write_wav(&src)?;
    let st = Command::new("sox")
        .arg(&src)
        .args(["-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"])
        .arg(&dst)
        .args(["pitch", "-350", "tempo", "0.92"])
        .status();
    if !st.is_ok_and(|s| s.success()) {
        bail!("sox failed (install it with scripts/install.sh)");
    }
    Ok(Audio::read_wav(&dst)?)
}

fn free_block(len: u16) -> anyhow::Result<u16> {
    for base in (31_000u16..60_000).step_by(1000) {
        if UdpSocket::bind(("127.0.0.1", base)).is_ok() && UdpSocket::bind(("127.0.0.1", base + len - 1)).is_ok() {
            return Ok(base);
        }
    }
    bail!("no free block of {len} UDP ports on 127.0.0.1")
}

/// Runs `standardiste bench call`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let dir = tempfile_dir()?;
    let speaker = Speaker::default_voice()?;
    let questions: Vec<Audio> = QUESTIONS.iter().enumerate().map(|(i, q)| caller_voice(&speaker, q, &dir, i)).collect::<anyhow::Result<_>>()?;
    let rt = tokio::runtime::Runtime::new()?;
    println!("bench call: {} calls × {} questions, one at a time; then {:?} calls at once", args.calls, args.questions, args.concurrency);
    let adaptive = EngineSettings::default();
    let fixed = EngineSettings { end_of_turn: EndOfTurn::FixedSilence(Duration::from_millis(args.fixed_ms)), ..EngineSettings::default() };
    let mut rows = Vec::new();
    for (name, settings, conc) in [("adaptive end of turn", adaptive.clone(), 1), (&*format!("fixed silence {} ms (reference)", args.fixed_ms), fixed, 1)] {
        let lat = rt.block_on(session(settings, &questions, args.calls, args.questions, conc))?;
        rows.push((name.to_string(), conc, lat));
    }
    for &c in &args.concurrency {
        let lat = rt.block_on(session(adaptive.clone(), &questions, c, args.questions, c))?;
        rows.push((format!("adaptive, {c} calls at once"), c, lat));
    }
    println!("\n| endpointer | calls at once | turns | answered | p50 | p95 | max |\n| --- | --- | --- | --- | --- | --- | --- |");
    for (name, c, lat) in &rows {
        let (p50, p95, max) = quantiles(&lat.times);
        println!("| {name} | {c} | {} | {} | {p50:.3} s | {p95:.3} s | {max:.3} s |", lat.asked, lat.times.len());
    }
    let (a50, a95, _) = quantiles(&rows[0].2.times);
    let (f50, f95, _) = quantiles(&rows[1].2.times);
    println!("\nadaptive / fixed silence: p50 {:.2}×, p95 {:.2}×", a50 / f50.max(1e-9), a95 / f95.max(1e-9));
    let held = rows.iter().filter(|(_, _, l)| l.times.len() == l.asked && quantiles(&l.times).1 <= 1.5).map(|(_, c, _)| *c).max().unwrap_or(0);
    println!("simultaneous calls held with every turn answered and p95 ≤ 1.5 s: {held} (of those tried)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let d = std::env::temp_dir().join(format!("standardiste-bench-call-{}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

fn quantiles(v: &[f64]) -> (f64, f64, f64) {
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let q = |p: f64| s[((s.len() as f64 - 1.0) * p).round() as usize];
    (q(0.5), q(0.95), s[s.len() - 1])
}

/// Turns of one session: how many questions were asked, and the latencies of those answered.
#[derive(Debug, Default)]
struct Latencies {
    asked: usize,
    times: Vec<f64>,
}

/// Starts a service with `settings`, places `calls` calls (`concurrency` at a time), each asking `n` questions.
async fn session(settings: EngineSettings, questions: &[Audio], calls: usize, n: usize, concurrency: usize) -> anyhow::Result<Latencies> {
    let base = free_block(1000)?;
    let db = std::env::temp_dir().join(format!("standardiste-bench-call-{}-{base}.db", std::process::id()));
    let text = format!(
        "[sip]\nudp = \"127.0.0.1:{base}\"\ntcp = \"127.0.0.1:{base}\"\nmax_calls = 64\ndrain_timeout = 1\n[rtp]\nport_min = {}\nport_max = {}\n[store]\npath = \"{}\"\n",
        base + 100,
        base + 499,
        db.display()
    );
    let config = Config::parse(&text, std::path::Path::new("<bench call>"))?;
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let server = tokio::spawn(crate::app::serve(
        config,
        settings,
        async {
            let _ = stop_rx.await;
        },
        Arc::new(Mutex::new(Totals::default())),
    ));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let caller_text = format!("[sip]\nudp = \"127.0.0.1:{0}\"\ntcp = \"127.0.0.1:{0}\"\n", base + 1);
    let caller = Server::bind(Config::parse(&caller_text, std::path::Path::new("<caller>"))?.sip_server_config()?).await.context("caller's SIP endpoint")?;
    let (ev_tx, mut ev_rx) = mpsc::channel::<Event>(256);
    let (cmd_tx, cmd_rx) = mpsc::channel::<SipCommand>(256);
    let sip = tokio::spawn(caller.run(ev_tx, cmd_rx));
    // Route the caller endpoint's events to each call's task.
    let routes = Routes::default();
    let r2 = routes.clone();
    tokio::spawn(async move {
        while let Some(ev) = ev_rx.recv().await {
            let call = match &ev {
                Event::Answered { call, .. } | Event::Ended { call, .. } => *call,
                _ => continue,
            };
            let _ = r2.sender(call).send(ev);
        }
    });
    let mut total = Latencies::default();
    let mut next = 0;
    while next < calls {
        let batch = concurrency.min(calls - next);
        let mut tasks = Vec::new();
        for k in 0..batch {
            let qs: Vec<Audio> = (0..n).map(|j| questions[(next + k + j) % questions.len()].clone()).collect();
            let port = base + 500 + 2 * (next + k) as u16 % 400;
            tasks.push(tokio::spawn(one_call(cmd_tx.clone(), routes.clone(), base, port, qs)));
        }
        for t in tasks {
            let l = t.await??;
            total.asked += l.asked;
            total.times.extend(l.times);
        }
        next += batch;
    }
    drop(cmd_tx);
    let _ = stop_tx.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    let _ = tokio::time::timeout(Duration::from_secs(3), sip).await;
    Ok(total)
}

/// Each caller's SIP events. A call's channel is made by whichever comes first, its first event
/// or its caller, so an answer that arrives before the caller asks for it is kept.
#[derive(Clone, Default)]
struct Routes(Arc<Mutex<std::collections::HashMap<CallRef, Route>>>);

type Route = (mpsc::UnboundedSender<Event>, Option<mpsc::UnboundedReceiver<Event>>);

impl Routes {
    fn sender(&self, call: CallRef) -> mpsc::UnboundedSender<Event> {
        self.0.lock().unwrap().entry(call).or_insert_with(new_route).0.clone()
    }

    fn receiver(&self, call: CallRef) -> mpsc::UnboundedReceiver<Event> {
        let mut map = self.0.lock().unwrap();
        let route = map.entry(call).or_insert_with(new_route);
        route.1.take().unwrap_or_else(|| mpsc::unbounded_channel().1)
    }
}

fn new_route() -> Route {
    let (tx, rx) = mpsc::unbounded_channel();
    (tx, Some(rx))
}

/// One caller: waits for the welcome to end, asks each question after the previous answer.
async fn one_call(sip: mpsc::Sender<SipCommand>, routes: Routes, bot_port: u16, rtp_port: u16, questions: Vec<Audio>) -> anyhow::Result<Latencies> {
    let rtp = tokio::net::UdpSocket::bind(("127.0.0.1", rtp_port)).await?;
    let rtcp = tokio::net::UdpSocket::bind(("127.0.0.1", rtp_port + 1)).await?;
    let mut local = LocalMedia::new([127, 0, 0, 1].into(), rtp_port, rtp_port as u64);
    let (tx, rx) = oneshot::channel();
    sip.send(SipCommand::Invite { to: format!("sip:bot@127.0.0.1:{bot_port}"), sdp: local.offer().into_bytes(), reply: tx }).await?;
    let call = rx.await?;
    let mut erx = routes.receiver(call);
    let answer = match tokio::time::timeout(Duration::from_secs(20), erx.recv()).await {
        Ok(Some(Event::Answered { answer, .. })) => answer,
        other => bail!("the call was not answered: {other:?}"),
    };
    let neg = sdp::parse_answer(&String::from_utf8_lossy(&answer))?;
    let (mtx, mut mrx) = mpsc::unbounded_channel();
    let media = io::spawn(rtp, rtcp, neg, (), mtx, true)?;
    let mut lat = Latencies::default();
    // Listening state: when the bot last made a loud frame, and when our question ended.
    let mut last_loud: Option<Instant> = None;
    let mut heard_any = false;
    let mut asked_at: Option<Instant> = None;
    let mut pending = questions.into_iter();
    let deadline = Instant::now() + Duration::from_secs(240);
    while Instant::now() < deadline {
        let Ok(Some(((), ev))) = tokio::time::timeout(Duration::from_secs(5), mrx.recv()).await else { break };
        match ev {
            MediaEvent::Audio { received, .. } => {
                let now = Instant::now();
                if asked_at.is_some_and(|t| now.duration_since(t) > Duration::from_secs(10)) {
                    // No answer in 10 s: count it unanswered and go on.
                    asked_at = None;
                    heard_any = true;
                    last_loud = Some(now - Duration::from_secs(2));
                }
                if rms(&received) > LOUD {
                    if let Some(t) = asked_at.take() {
                        lat.times.push(now.duration_since(t).as_secs_f64());
                    }
                    last_loud = Some(now);
                    heard_any = true;
                }
                // The bot has been quiet for 1.5 s after speaking: ask the next question.
                let quiet = last_loud.is_some_and(|t| now.duration_since(t) > Duration::from_millis(1500));
                if heard_any && quiet && asked_at.is_none() {
                    match pending.next() {
                        Some(q) => {
                            lat.asked += 1;
                            let _ = media.commands.send(MediaCommand::Speak(q));
                            last_loud = None;
                            heard_any = false;
                        }
                        None => break,
                    }
                }
            }
            // The last frame of our question has left.
            MediaEvent::SpeechDone => asked_at = Some(Instant::now()),
            _ => {}
        }
    }
    let _ = sip.send(SipCommand::Hangup { call }).await;
    let _ = media.commands.send(MediaCommand::Close);
    Ok(lat)
}
