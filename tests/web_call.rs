//! The browser call leg end to end: the real binary serves `/appeler`; Debian's headless Chromium
//! (driven by `tests/browser/call.mjs`) calls it over WebRTC with a fake microphone playing a French
//! question in a voice that is not the assistant's; the caption must carry the fact asked for, and
//! what the page heard, transcribed here with the real Whisper model, too. The page is audited with
//! axe-core and kept as a screenshot under `target/test-artifacts/browser/`. Networked: run in a
//! loopback-only network namespace (`scripts/test.sh`, or `unshare -n`).

mod call_support;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use call_support::{has_any_fact, log_numbers, plain, recognizer, require, root, run_bounded, saturday_facts, Server};
use jiff::Timestamp;
use standardiste::answer::{Conversation, Town};
use standardiste::speech::audio::Audio;
use standardiste::speech::tts::{SpeakOptions, Speaker};

/// The microphone: silence through the welcome, the question (Pico pitched down and slowed with
/// sox, so never the assistant's own voice), then silence; 48 kHz mono as Chromium wants it.
fn microphone(path: &Path, question: &str, lead_s: f64) {
    require("sox");
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("pico.wav");
    let speaker = Speaker::default_voice().expect("the Pico voice");
    speaker.speak(question, &SpeakOptions { rate: 1.0, sample_rate: Some(16000) }).unwrap().write_wav(&raw).unwrap();
    let (code, log) = run_bounded(
        Command::new("sox").arg(&raw).args(["-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer"]).arg(path).args([
            "pitch",
            "-350",
            "tempo",
            "0.92",
            "pad",
            &format!("{lead_s:.2}"),
            "40",
        ]),
        Duration::from_secs(30),
    );
    assert_eq!(code, 0, "sox: {log}");
}

#[test]
fn a_question_asked_from_the_browser_is_answered_aloud_and_in_captions() {
    require("node");
    require("/usr/lib/chromium/chromium");
    let town = Town::sample();
    let question = "La mairie est ouverte samedi ?";
    let facts = saturday_facts(&town);
    let welcome = Speaker::default_voice()
        .unwrap()
        .speak(&standardiste::call::prompts::welcome(&town, false), &SpeakOptions { rate: 1.0, sample_rate: Some(16000) })
        .unwrap()
        .seconds();
    let work = tempfile::tempdir().unwrap();
    let mic = work.path().join("question-48k.wav");
    // The fake microphone starts when the page opens it, a little before the call connects.
    microphone(&mic, question, welcome + 3.0);

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Server::start_with(60, &format!("[http]\nlisten = \"127.0.0.1:{port}\"\n"));
    assert!(server.wait_log("/appeler", Duration::from_secs(10)), "{}", server.log_text());
    let artefacts = root().join("target/test-artifacts/browser");
    let (code, out) = run_bounded(
        Command::new("node").arg(root().join("tests/browser/call.mjs")).arg(format!("http://localhost:{port}")).arg(&artefacts).arg(&mic),
        Duration::from_secs(240),
    );
    let result: serde_json::Value = std::fs::read_to_string(artefacts.join("call-result.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(|| panic!("no result from the page (exit {code}): {out}\n{}", server.log_text()));
    assert_eq!(code, 0, "the browser script failed: {out}\n{}", server.log_text());

    let captions: Vec<(String, String)> =
        result["captions"].as_array().unwrap().iter().map(|c| (c["who"].as_str().unwrap().to_string(), c["text"].as_str().unwrap().to_string())).collect();
    let asked = captions.iter().position(|(w, _)| w == "caller").expect("a caption of the caller's question");
    let answer = captions[asked + 1..].iter().find(|(w, _)| w == "assistant").map(|(_, t)| t.clone()).expect("an answer caption");
    let heard_audio = Audio::read_wav(&artefacts.join("call-answer.wav")).unwrap();
    let heard = recognizer().stream(Default::default()).unwrap().transcribe(&heard_audio).unwrap().text;
    let server_ms = log_numbers(&server, "turn answered", "total_ms");
    println!(
        "caller caption: {:?}\nanswer caption: {answer:?}\nheard in the page (Whisper, {:.1} s): {heard:?}\nexpected (in-process): {:?}; facts {facts:?}",
        captions[asked].1,
        heard_audio.seconds(),
        Conversation::new(Arc::new(town.clone())).reply(question, Timestamp::now()).answer,
    );
    println!(
        "voice-to-voice over WebRTC, measured in the page: {} ms; server total_ms: {server_ms:?}; keypad: {}; states: {}",
        result["latency_ms"], result["keypad"], result["states"]
    );
    for k in ["screenshot_idle", "screenshot", "screenshot_200"] {
        println!("{k}: {}", result[k].as_str().unwrap_or("-"));
    }
    println!("axe serious/critical violations: before the call {}, during it {}", result["violations_idle"], result["violations"]);
    assert!(plain(&captions[asked].1).contains("samedi"), "the caller's caption: {captions:?}");
    assert!(has_any_fact(&answer, &facts), "the answer caption lacks {facts:?}: {answer:?}");
    assert!(has_any_fact(&heard, &facts), "the answer heard in the page lacks {facts:?}: {heard:?}\n{}", server.log_text());
    assert_eq!(result["violations_idle"].as_array().map(|v| v.len()), Some(0), "axe before the call: {}", result["violations_idle"]);
    assert_eq!(result["violations"].as_array().map(|v| v.len()), Some(0), "axe during the call: {}", result["violations"]);
    assert!(Path::new(result["screenshot"].as_str().unwrap()).exists());
    assert!(server.wait_log("browser call ended", Duration::from_secs(10)), "{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(5)), "{}", server.log_text());
    assert!(server.stop());
}
