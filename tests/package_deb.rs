//! The Debian package, built by `scripts/deb.sh` (cargo-deb from `[package.metadata.deb]`): its
//! control data (dependencies, conffile, maintainer scripts creating the user), its files (binary,
//! systemd unit, default configuration, model install steps), and the packaged binary run from a
//! throwaway root (`dpkg -x`): `doctor` on the packaged configuration and `models install`
//! through the packaged install steps (offline: the models are already in place).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Builds the package into `dir` and returns its path.
fn build(dir: &Path) -> PathBuf {
    assert!(root().join(".cache/cargo-bin/bin/cargo-deb").is_file(), "cargo-deb is not installed: run scripts/install.sh (scripts/install/70-cargo-deb.sh)");
    run(Command::new("bash").arg(root().join("scripts/deb.sh")).arg(dir).env("CARGO_DEB_FLAGS", "--fast").current_dir(root()));
    let debs: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "deb")).collect();
    assert_eq!(debs.len(), 1, "{debs:?}");
    debs[0].clone()
}

fn free_port() -> u16 {
    loop {
        let p = std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if std::net::TcpListener::bind(("127.0.0.1", p)).is_ok() {
            return p;
        }
    }
}

/// Links every file of `from` into `to` (a real folder).
fn link_files(from: &Path, to: &Path, names: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for n in names {
        std::os::unix::fs::symlink(from.join(n).canonicalize().unwrap_or_else(|e| panic!("{n}: {e} (run scripts/install.sh)")), to.join(n)).unwrap();
    }
}

#[test]
fn the_debian_package_holds_the_service_and_runs_from_a_throwaway_root() {
    let work = tempfile::tempdir().unwrap();
    let deb = build(&work.path().join("out"));

    let info = run(Command::new("dpkg-deb").arg("-I").arg(&deb));
    for needle in ["Package: standardiste", "adduser", "python3-pip", "espeak-ng-data", "wfrench", "mythes-fr", "postinst", "prerm", "postrm"] {
        assert!(info.contains(needle), "control data names {needle}:\n{info}");
    }
    let files = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    for path in [
        "./usr/bin/standardiste",
        "./lib/systemd/system/standardiste.service",
        "./etc/standardiste/standardiste.toml",
        "./usr/share/standardiste/install/30-whisper.sh",
        "./usr/share/standardiste/install/lib.sh",
        "./usr/share/standardiste/towns/sample.toml",
    ] {
        assert!(files.lines().any(|l| l.ends_with(path)), "the package holds {path}:\n{files}");
    }
    assert!(!files.contains(".bin\n") && !files.contains(".onnx"), "no model inside the package:\n{files}");

    let control = work.path().join("control");
    run(Command::new("dpkg-deb").arg("-e").arg(&deb).arg(&control));
    let conf = std::fs::read_to_string(control.join("conffiles")).unwrap();
    assert_eq!(conf.trim(), "/etc/standardiste/standardiste.toml");
    let postinst = std::fs::read_to_string(control.join("postinst")).unwrap();
    assert!(postinst.contains("adduser --system") && postinst.contains("install -d -o standardiste -g standardiste"), "{postinst}");

    // The throwaway root.
    let fake = work.path().join("root");
    run(Command::new("dpkg").arg("-x").arg(&deb).arg(&fake));
    let unit = std::fs::read_to_string(fake.join("lib/systemd/system/standardiste.service")).unwrap();
    for line in [
        "User=standardiste",
        "ExecStart=/usr/bin/standardiste serve --config /etc/standardiste/standardiste.toml",
        "StateDirectory=standardiste",
        "WorkingDirectory=/var/lib/standardiste",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "ReadWritePaths=/var/lib/standardiste",
    ] {
        assert!(unit.lines().any(|l| l == line), "the unit has {line}:\n{unit}");
    }

    // The state directory as `models install` leaves it, then the packaged steps over it (offline:
    // every file is in place with its checksum, so nothing is fetched).
    let state = work.path().join("var-lib-standardiste");
    link_files(&root().join("models"), &state.join("models"), &["ggml-base-q8_0.bin", "silero_vad.onnx", "smart-turn-v3.2-cpu.onnx", "e5-small-q4.bin"]);
    link_files(&root().join("voices"), &state.join("voices"), &["en_US-joe-medium.onnx", "en_US-joe-medium.onnx.json"]);
    let ort = std::fs::read_dir(root().join("voices/lib"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("libonnxruntime.so."))
        .unwrap();
    link_files(&root().join("voices/lib"), &state.join("voices/lib"), &[&ort]);
    let bin = fake.join("usr/bin/standardiste");
    let installed = run(Command::new(&bin)
        .args(["models", "install", "--dir"])
        .arg(&state)
        .env("STANDARDISTE_INSTALL_SCRIPTS", fake.join("usr/share/standardiste/install"))
        .current_dir(work.path()));
    assert!(installed.contains("present, sha256 ok") && installed.contains("models and voices installed"), "{installed}");

    // The packaged configuration, its ports and database moved into the test's space.
    let (sip, http, rtp) = (free_port(), free_port(), free_port() & !1);
    let packaged = std::fs::read_to_string(fake.join("etc/standardiste/standardiste.toml")).unwrap();
    let conf = packaged
        .replace("0.0.0.0:5060", &format!("127.0.0.1:{sip}"))
        .replace("127.0.0.1:8080", &format!("127.0.0.1:{http}"))
        .replace("port_min = 10000", &format!("port_min = {rtp}"))
        .replace("port_max = 20000", &format!("port_max = {}", rtp + 20))
        .replace("/var/lib/standardiste/standardiste.db", &state.join("standardiste.db").display().to_string());
    assert_ne!(conf, packaged);
    let conf_path = work.path().join("standardiste.toml");
    std::fs::write(&conf_path, conf).unwrap();
    let out = run(Command::new(&bin)
        .args(["doctor", "--config"])
        .arg(&conf_path)
        .env("STANDARDISTE_MODELS_DIR", state.join("models"))
        .env("STANDARDISTE_VOICES_DIR", state.join("voices"))
        .env("RUST_LOG", "error")
        .current_dir(&state));
    println!("{out}");
    assert!(out.contains("everything is in place") && !out.contains("PROBLEM"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("ok ") && l.contains("Whisper model") && l.contains("var-lib-standardiste")), "{out}");
}
