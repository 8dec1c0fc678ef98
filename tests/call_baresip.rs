//! End to end with baresip (a real softphone) calling the real binary with French speech as its
//! microphone: what it hears must be our spoken welcome, as long as the welcome synthesised here.

mod call_support;

use std::process::Command;
use std::time::Duration;

use call_support::{port_block, require, rms, run_bounded, write_baresip_config, Server};
use standardiste::speech::audio::Audio;
use standardiste::speech::tts::{SpeakOptions, Speaker};

/// First to last 100 ms window louder than `threshold`, in seconds.
fn loud_span(samples: &[i16], rate: usize, threshold: f64) -> f64 {
    let w = rate / 10;
    let loud: Vec<usize> = samples.chunks(w).enumerate().filter(|(_, c)| rms(c) > threshold).map(|(i, _)| i).collect();
    match (loud.first(), loud.last()) {
        (Some(a), Some(b)) => (b - a + 1) as f64 / 10.0,
        _ => 0.0,
    }
}

#[test]
fn baresip_hears_the_spoken_welcome_and_hangs_up() {
    require("baresip");
    require("sox");
    let mut server = Server::start(30);
    let dir = tempfile::tempdir().unwrap();
    // The caller listens without a word (the line's own hiss only) for the whole welcome.
    let mic = dir.path().join("mic.wav");
    let st = Command::new("sox")
        .args(["-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"])
        .arg(&mic)
        .args(["synth", "18", "whitenoise", "vol", "0.002"])
        .status()
        .unwrap();
    assert!(st.success());
    let base = port_block();
    write_baresip_config(dir.path(), &mic, base, base + 20);
    let (code, out) = run_bounded(
        Command::new("baresip").arg("-f").arg(dir.path()).arg("-e").arg(format!("/dial sip:bot@127.0.0.1:{}", server.sip_port)).args(["-t", "20"]),
        Duration::from_secs(40),
    );
    assert_ne!(code, 124, "baresip ran past its time limit:\n{out}");
    assert!(out.contains("Call established"), "baresip's call was not answered:\n{out}");
    let rec = std::fs::read_dir(dir.path().join("rec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-dec.wav"))
        .expect("baresip's recording");
    let heard = Audio::read_wav(&rec).unwrap();
    assert_eq!(heard.rate, 8000);
    let heard = heard.to_i16();
    // Our welcome, synthesised here the same way, gives the expected length.
    let speaker = Speaker::default_voice().unwrap();
    let welcome = speaker
        .speak(&standardiste::call::prompts::welcome(&standardiste::answer::Town::sample(), false), &SpeakOptions { rate: 1.0, sample_rate: Some(8000) })
        .unwrap();
    let expected = loud_span(&welcome.to_i16(), 8000, 300.0);
    let span = loud_span(&heard, 8000, 300.0);
    assert!(expected > 3.0, "the welcome is {expected:.1} s long");
    assert!((span - expected).abs() < 1.0, "baresip heard {span:.1} s of speech, the welcome lasts {expected:.1} s");
    assert!(rms(&heard) > 1000.0, "what baresip heard is loud enough to be speech: RMS {:.0}", rms(&heard));
    assert!(server.wait_log("reason=RemoteBye", Duration::from_secs(5)), "baresip's BYE ended the call:\n{}", server.log_text());
    assert!(server.stop());
}
