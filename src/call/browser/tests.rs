//! The browser session against a real WebRTC peer (a second str0m, playing the browser), wired
//! together in memory on a simulated clock: no sockets, no sleeps.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use str0m::change::SdpAnswer;
use str0m::channel::ChannelId;
use str0m::format::Codec;
use str0m::media::{Direction, Frequency, MediaKind, MediaTime, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc, RtcConfig};

use super::session::{BrowserOutput, BrowserSession, RATE, SLOT};
use crate::call::driver::LegEvent;
use crate::speech::audio::Audio;

const BROWSER: &str = "127.0.0.1:40000";
const SERVICE: &str = "127.0.0.1:40001";

fn rms(x: &[i16]) -> f64 {
    (x.iter().map(|&s| (s as f64).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt()
}

/// A browser: a str0m peer that offers audio and a data channel, and sends a 440 Hz tone.
struct Browser {
    rtc: Rtc,
    mid: Mid,
    channel: Option<ChannelId>,
    label: ChannelId,
    encoder: opus::Encoder,
    rtp_time: u64,
    heard_packets: usize,
    messages: Vec<String>,
}

/// The browser, the session, and what the session told the engine, on one simulated clock.
struct Call {
    browser: Browser,
    session: BrowserSession,
    now: Instant,
    events: Vec<LegEvent>,
}

impl Call {
    fn new() -> Call {
        let now = Instant::now();
        let provider = Arc::new(str0m::crypto::from_feature_flags());
        let mut rtc = RtcConfig::new().set_crypto_provider(provider).clear_codecs().enable_opus(true, false).build(now);
        rtc.add_local_candidate(Candidate::host(BROWSER.parse().unwrap(), "udp").unwrap());
        let mut change = rtc.sdp_api();
        let mid = change.add_media(MediaKind::Audio, Direction::SendRecv, None, None, None);
        let label = change.add_channel("standardiste".into());
        let (offer, pending) = change.apply().unwrap();
        let (session, answer) = BrowserSession::accept(&offer.to_sdp_string(), SERVICE.parse().unwrap(), now).unwrap();
        rtc.sdp_api().accept_answer(pending, SdpAnswer::from_sdp_string(&answer).unwrap()).unwrap();
        let encoder = opus::Encoder::new(48_000, opus::Channels::Mono, opus::Application::Voip).unwrap();
        let browser = Browser { rtc, mid, channel: None, label, encoder, rtp_time: 0, heard_packets: 0, messages: Vec::new() };
        Call { browser, session, now, events: Vec::new() }
    }

    /// Moves packets both ways until both sides are drained.
    fn exchange(&mut self) {
        for _ in 0..50 {
            let mut moved = false;
            let mut to_session = Vec::new();
            loop {
                match self.browser.rtc.poll_output().unwrap() {
                    Output::Timeout(_) => break,
                    Output::Transmit(t) => to_session.push(t.contents.to_vec()),
                    Output::Event(e) => self.browser.on_event(e),
                }
            }
            for p in to_session {
                moved = true;
                self.session.handle_receive(self.now, BROWSER.parse().unwrap(), &p);
            }
            while let Some(o) = self.session.poll_output() {
                match o {
                    BrowserOutput::Transmit { bytes, .. } => {
                        moved = true;
                        let source: SocketAddr = SERVICE.parse().unwrap();
                        let r = Receive { proto: Protocol::Udp, source, destination: BROWSER.parse().unwrap(), contents: bytes.as_slice().try_into().unwrap() };
                        self.browser.rtc.handle_input(Input::Receive(self.now, r)).unwrap();
                    }
                    BrowserOutput::Event(e) => self.events.push(e),
                    BrowserOutput::Timeout(_) => break,
                }
            }
            if !moved {
                return;
            }
        }
    }

    /// Runs `ms` of simulated time in 5 ms steps; the browser sends a tone every 20 ms when `talk`.
    fn run(&mut self, ms: u64, talk: bool) {
        for step in 0..ms / 5 {
            self.now += Duration::from_millis(5);
            self.browser.rtc.handle_input(Input::Timeout(self.now)).unwrap();
            self.session.handle_timeout(self.now);
            if talk && step % 4 == 0 && self.browser.channel.is_some() {
                self.browser.talk(self.now);
            }
            self.exchange();
        }
    }

    fn count(&self, f: impl Fn(&LegEvent) -> bool) -> usize {
        self.events.iter().filter(|e| f(e)).count()
    }
}

impl Browser {
    fn on_event(&mut self, e: Event) {
        match e {
            Event::ChannelOpen(id, _) => self.channel = Some(id),
            Event::ChannelData(d) => self.messages.push(String::from_utf8_lossy(&d.data).into_owned()),
            Event::MediaData(_) => self.heard_packets += 1,
            _ => {}
        }
    }

    fn talk(&mut self, now: Instant) {
        let tone: Vec<i16> =
            (0..960).map(|k| ((self.rtp_time + k) as f32 * 440.0 * std::f32::consts::TAU / 48_000.0).sin() * 8000.0).map(|v| v as i16).collect();
        let mut packet = [0u8; 1500];
        let n = self.encoder.encode(&tone, &mut packet).unwrap();
        let time = MediaTime::new(self.rtp_time, Frequency::FORTY_EIGHT_KHZ);
        self.rtp_time += 960;
        let writer = self.rtc.writer(self.mid).unwrap();
        let pt = writer.payload_params().find(|p| p.spec().codec == Codec::Opus).unwrap().pt();
        writer.write(pt, now, time, packet[..n].to_vec()).unwrap();
    }

    fn send(&mut self, text: &str) {
        let id = self.channel.unwrap_or(self.label);
        self.rtc.channel(id).unwrap().write(false, text.as_bytes()).unwrap();
    }
}

#[test]
fn a_browser_connects_talks_keys_hears_and_hangs_up() {
    let mut c = Call::new();
    c.exchange();
    c.run(1000, false);
    assert_eq!(c.count(|e| *e == LegEvent::Answered), 1, "connected once: {:?}", &c.events[..c.events.len().min(5)]);
    assert!(c.browser.channel.is_some(), "the data channel opened");

    // The browser's voice reaches the engine as 20 ms frames at 16 kHz.
    c.events.clear();
    c.run(1000, true);
    let frames: Vec<&Vec<i16>> = c.events.iter().filter_map(|e| if let LegEvent::Audio { received, .. } = e { Some(received) } else { None }).collect();
    assert!((45..=55).contains(&frames.len()), "one frame per 20 ms slot: {}", frames.len());
    assert!(frames.iter().all(|f| f.len() == SLOT));
    let loud = frames.iter().filter(|f| rms(f) > 2000.0).count();
    assert!(loud > 30, "the tone is heard: {loud} loud frames of {}", frames.len());

    // The on-screen keypad.
    c.browser.send("key:5");
    c.run(100, false);
    assert_eq!(c.count(|e| *e == LegEvent::Key('5')), 1);

    // Our voice: started, sent in slots (as the echo reference), done; the browser receives it.
    c.events.clear();
    let before = c.browser.heard_packets;
    c.session.play(Audio::new(RATE, vec![0.3; RATE as usize / 2]));
    c.run(800, false);
    assert_eq!(c.count(|e| *e == LegEvent::SpeechStarted), 1);
    assert_eq!(c.count(|e| *e == LegEvent::SpeechDone), 1);
    let sent = c.count(|e| matches!(e, LegEvent::Audio { sent: Some(_), .. }));
    assert_eq!(sent, 25, "half a second is 25 slots");
    assert!(c.browser.heard_packets - before >= 35, "the browser receives audio: {}", c.browser.heard_packets - before);

    // Barge-in: stop drops what is queued at once.
    c.events.clear();
    c.session.play(Audio::new(RATE, vec![0.3; RATE as usize * 5]));
    c.run(100, false);
    c.session.stop();
    c.run(200, false);
    assert_eq!(c.count(|e| matches!(e, LegEvent::Audio { sent: Some(_), .. })), 5, "100 ms played, then nothing");
    assert!(!c.session.is_speaking());

    // Captions reach the page.
    c.session.send_message(c.now, r#"{"type":"caption","who":"assistant","text":"Bonjour"}"#.into());
    c.run(100, false);
    assert!(c.browser.messages.iter().any(|m| m.contains("Bonjour")), "{:?}", c.browser.messages);

    // Raccrocher.
    c.browser.send("bye");
    c.run(100, false);
    assert_eq!(c.count(|e| *e == LegEvent::HungUp), 1);
    assert!(c.session.is_ended());
}

#[test]
fn a_malformed_offer_is_refused_clearly() {
    let err = BrowserSession::accept("v=0\r\nm=audio nonsense", "127.0.0.1:5000".parse().unwrap(), Instant::now()).unwrap_err();
    assert!(err.to_string().contains("malformed"), "{err}");
    let err = BrowserSession::accept("v=0\r\n", "127.0.0.1:5000".parse().unwrap(), Instant::now()).unwrap_err();
    assert!(err.to_string().contains("no audio"), "{err}");
}
