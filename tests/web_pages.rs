//! The residents' pages and the clerks' desk in a real headless Chromium (tests/browser/pages.mjs):
//! the real binary with `[http]` on a free loopback port, a clerk created through the CLI, a
//! message left in the store beforehand; text mode with and without JavaScript, keyboard use,
//! log-in, inbox, mark-done, the town file's check, the log-in rate limit, axe-core on every page.
//! Screenshots are kept under target/test-artifacts/browser/.

mod call_support;

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use call_support::{require, root, run_bounded, Server};
use standardiste::store::{Channel, NewMessage, Outcome, Store, StoreOptions};

const CLERK: &str = "martine";
const PASSWORD: &str = "un mot de passe assez long";
const SEEDED: &str = "je voudrais un rendez-vous pour refaire ma carte d'identité";

fn free_tcp_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn artefacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    target.join("test-artifacts/browser")
}

#[test]
fn pages_and_desk_in_chromium() {
    require("node");
    assert!(Path::new("/usr/lib/chromium/chromium").exists(), "chromium is not installed: run scripts/install.sh");
    assert!(root().join("tests/browser/node_modules/playwright-core").exists(), "playwright-core missing: run scripts/install/60-browser.sh");
    let dir = tempfile::tempdir().unwrap();
    let town = dir.path().join("commune.toml");
    std::fs::copy(root().join("towns/sample.toml"), &town).unwrap();
    let http = free_tcp_port();
    let service = Server::start_with(60, &format!("[http]\nlisten = \"127.0.0.1:{http}\"\n\n[town]\nfile = \"{}\"\n", town.display()));
    let (db, cfg) = (service.db_path(), service.dir().join("standardiste.toml"));

    // A clerk through the CLI, the password piped twice.
    let mut add = Command::new(env!("CARGO_BIN_EXE_standardiste"))
        .args(["clerk", "add", CLERK, "--config"])
        .arg(&cfg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n{PASSWORD}\n").as_bytes()).unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success(), "clerk add: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("clerk added: martine"));
    let (code, listed) = run_bounded(Command::new(env!("CARGO_BIN_EXE_standardiste")).args(["clerk", "list", "--config"]).arg(&cfg), Duration::from_secs(30));
    assert!(code == 0 && listed.contains(CLERK), "{listed}");

    // A message left by phone, straight into the store.
    {
        let store = Store::open(&db, StoreOptions::beside(&db)).unwrap();
        let mut m = NewMessage::new("call-seeded", jiff::Timestamp::now(), SEEDED).unwrap();
        m.callback_number = Some("06 12 34 56 78".into());
        m.caller_name = Some("Paul Martin".into());
        store.save_message(&m).unwrap();
        let clerk = store.clerk(CLERK).unwrap().expect("the clerk is in the store");
        assert!(clerk.password_hash.starts_with("$argon2id$") && !clerk.password_hash.contains(PASSWORD));
    }

    let t0 = Instant::now();
    while TcpStream::connect(("127.0.0.1", http)).is_err() {
        assert!(t0.elapsed() < Duration::from_secs(10), "no HTTP listener on {http}");
        std::thread::sleep(Duration::from_millis(100));
    }

    let art = artefacts();
    let mut node = Command::new("node");
    // `localhost`: Chromium's host rules (tests/browser/lib.mjs) resolve nothing else.
    node.current_dir(root())
        .arg("tests/browser/pages.mjs")
        .arg(format!("http://localhost:{http}"))
        .arg(&art)
        .env("CLERK_NAME", CLERK)
        .env("CLERK_PASSWORD", PASSWORD)
        .env("SEEDED_MESSAGE", SEEDED)
        .env("TOWN_FILE", &town);
    let (code, output) = run_bounded(&mut node, Duration::from_secs(240));
    println!("{output}");
    assert_eq!(code, 0, "the browser test failed:\n{output}\n--- service log ---\n{}", service.log_text());
    assert!(output.contains("RESULT {"), "{output}");

    // A clean stop records the text conversations still open, as web calls with their outcome.
    service.signal("INT");
    assert!(service.wait_log("stopped", Duration::from_secs(20)), "the service did not stop: {}", service.log_text());

    // What the pages did is in the store: the message done, the question the clerks will see.
    let store = Store::open(&db, StoreOptions::beside(&db)).unwrap();
    let seeded = store.messages(false).unwrap().into_iter().find(|m| m.message.transcript == SEEDED).unwrap();
    assert!(seeded.is_done(), "the seeded message was not marked done");
    assert!(
        store.messages(true).unwrap().iter().any(|m| m.message.transcript.contains("rampe de la salle des fêtes")),
        "the written message is not open in the store"
    );
    assert!(store.recent_unanswered(10).unwrap().iter().any(|q| q.text.contains("couleur préférée du maire")));
    let web: Vec<_> = store.recent_calls(10).unwrap().into_iter().filter(|c| c.channel == Channel::Web).collect();
    assert!(web.iter().any(|c| c.outcome == Outcome::Answered && c.turns == 2), "no answered text conversation of 2 questions: {web:?}");
    assert!(web.iter().any(|c| c.outcome == Outcome::Message), "no text conversation with a message: {web:?}");
    assert!(web.iter().all(|c| c.caller_hash.is_none()));
    // No visitor's words at info level.
    let log = service.log_text();
    assert!(!log.contains("couleur préférée") && !log.contains("rampe de la salle"), "the visitor's words were logged:\n{log}");
}
