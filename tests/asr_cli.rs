//! `standardiste transcribe` and `standardiste models` as a user runs them (real binary, real model).

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_standardiste"))
}

/// A folder of its own for one test, removed when the test ends.
fn tmp_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("std-asr-cli-").tempdir().unwrap()
}

#[test]
fn transcribe_prints_text_and_json() {
    let wav = "/usr/share/asterisk/sounds/fr/vm-nobodyavail.wav";
    let out = bin().args(["transcribe", "--json", wav]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v["text"].as_str().unwrap();
    let wer = standardiste::speech::wer::wer("Personne n'est en mesure de prendre votre appel en ce moment.", text);
    assert!(wer <= 0.2, "{text:?}");
    assert!((v["audio_seconds"].as_f64().unwrap() - 2.69).abs() < 0.01);
    assert!(v["processing_seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn transcribe_errors_are_one_clear_line() {
    let dir = tmp_dir();
    let not_wav = dir.path().join("notes.wav");
    std::fs::write(&not_wav, "pas du son").unwrap();
    let empty = dir.path().join("empty.wav");
    standardiste::speech::audio::Audio::new(8000, vec![]).write_wav(&empty).unwrap();
    let cases = [
        (vec!["transcribe".to_string(), "/nonexistent/a.wav".into()], "cannot read"),
        (vec!["transcribe".to_string(), not_wav.display().to_string()], "not a readable WAV"),
        (vec!["transcribe".to_string(), empty.display().to_string()], "holds no audio"),
        (
            vec!["transcribe".to_string(), "--model".into(), "/nonexistent/ggml-x.bin".into(), "/usr/share/asterisk/sounds/fr/vm-nobodyavail.wav".into()],
            "scripts/install.sh",
        ),
    ];
    for (args, want) in cases {
        let out = bin().args(&args).env("RUST_BACKTRACE", "0").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(err.lines().next().unwrap_or("").contains(want), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed {:?}", String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn models_list_and_check() {
    let out = bin().args(["models", "check"]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && s.contains("multilingual") && s.contains("245 tensors"), "{s}");
    let out = bin().args(["models", "list"]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("in use: ") && s.contains("ggml-base-q8_0.bin"), "{s}");
    // An empty models folder: the one line names the command that fixes it.
    let dir = tmp_dir();
    let out = bin().args(["models", "check"]).env("STANDARDISTE_MODELS_DIR", dir.path()).env("RUST_BACKTRACE", "0").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("ggml-base-q8_0.bin") && err.contains("scripts/install.sh"), "{err}");
}
