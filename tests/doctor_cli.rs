//! `standardiste doctor` on a good setup and on a broken one: every check is one line, problems
//! name the file (and line) at fault and the command that fixes them, and set the exit code.

use std::path::Path;
use std::process::Command;

/// A free loopback port (UDP and TCP), found by binding port 0.
fn free_port() -> u16 {
    loop {
        let p = std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if std::net::TcpListener::bind(("127.0.0.1", p)).is_ok() {
            return p;
        }
    }
}

fn config(dir: &Path, towns: &str) -> std::path::PathBuf {
    let (sip, http, rtp) = (free_port(), free_port(), free_port() & !1);
    let text = format!(
        "[sip]\nudp = \"127.0.0.1:{sip}\"\ntcp = \"127.0.0.1:{sip}\"\n[rtp]\nport_min = {rtp}\nport_max = {}\n[store]\npath = \"{}\"\n[http]\nlisten = \"127.0.0.1:{http}\"\n{towns}",
        rtp + 20,
        dir.join("data/standardiste.db").display()
    );
    let path = dir.join("standardiste.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn doctor(config: &Path, env: &[(&str, &Path)]) -> (i32, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_standardiste"));
    c.current_dir(env!("CARGO_MANIFEST_DIR")).args(["doctor", "--config"]).arg(config).env("RUST_LOG", "error").env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_good_setup_passes_with_one_ok_line_per_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg = config(dir.path(), &format!("[town]\nfile = \"{}\"\n", root.join("towns/sample.toml").display()));
    let (code, out) = doctor(&cfg, &[]);
    println!("{out}");
    assert_eq!(code, 0, "{out}");
    for what in [
        "configuration",
        "Whisper model",
        "voice activity model",
        "end-of-turn model",
        "sentence encoder",
        "French thesaurus",
        "ONNX Runtime",
        "voice pico",
        "SIP UDP port",
        "SIP TCP port",
        "RTP ports",
        "HTTP port",
        "database",
        "town:",
    ] {
        assert_eq!(out.lines().filter(|l| l.starts_with("ok ") && l.contains(what)).count(), 1, "one ok line for {what}:\n{out}");
    }
    assert!(!out.contains("PROBLEM"), "{out}");
    assert!(dir.path().join("data/standardiste.db").is_file(), "the database was created and written");
}

#[test]
fn missing_models_a_bad_town_file_and_a_busy_port_are_named_with_their_fix() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bad = dir.path().join("bad-town.toml");
    std::fs::write(&bad, "[town]\nname = \"Nulle-Part\"\nbogus = 1\n").unwrap();
    let towns = format!(
        "[[towns]]\nname = \"good\"\nnumbers = [\"0561000001\"]\nfile = \"{}\"\n[[towns]]\nname = \"broken\"\nnumbers = [\"0561000002\"]\nfile = \"{}\"\n",
        root.join("towns/sample.toml").display(),
        bad.display()
    );
    let cfg = config(dir.path(), &towns);
    let text = std::fs::read_to_string(&cfg).unwrap();
    let sip: u16 = text.split("udp = \"127.0.0.1:").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let _busy = std::net::UdpSocket::bind(("127.0.0.1", sip)).unwrap();
    let no_models = dir.path().join("models");
    std::fs::create_dir(&no_models).unwrap();
    let (code, out) = doctor(&cfg, &[("STANDARDISTE_MODELS_DIR", &no_models)]);
    println!("{out}");
    assert_ne!(code, 0, "{out}");
    let problem = |what: &str, needle: &str| {
        let i = out.lines().position(|l| l.starts_with("PROBLEM") && l.contains(what)).unwrap_or_else(|| panic!("no problem line for {what}:\n{out}"));
        assert!(out.lines().nth(i).unwrap().contains(needle), "{what} names {needle}:\n{out}");
        let fix = out.lines().nth(i + 1).unwrap();
        assert!(fix.trim_start().starts_with("fix: "), "{what} is followed by its fix:\n{out}");
        fix.to_string()
    };
    assert!(problem("Whisper model", "ggml-base-q8_0.bin").contains("install"));
    assert!(problem("voice activity model", "silero_vad.onnx").contains("install"));
    assert!(problem("town broken", "bad-town.toml:3: field `bogus`").contains("bad-town.toml"));
    problem("SIP UDP port", &format!("127.0.0.1:{sip}"));
    assert!(out.lines().any(|l| l.starts_with("ok ") && l.contains("town good")), "the good town still passes:\n{out}");
    assert!(out.lines().any(|l| l.starts_with("ok ") && l.contains("database")), "{out}");
}

#[test]
fn a_configuration_error_is_one_line_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("standardiste.toml");
    std::fs::write(&cfg, "[sip]\nudp = \"127.0.0.1:5060\"\nusr_agent = \"x\"\n").unwrap();
    let (code, out) = doctor(&cfg, &[]);
    assert_ne!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("PROBLEM  configuration:") && first.contains("standardiste.toml:3:") && first.contains("usr_agent"), "{out}");
}
