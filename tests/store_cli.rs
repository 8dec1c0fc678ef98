//! `standardiste calls` and `standardiste messages` through the real binary, on a database the
//! test fills through the library.

use std::path::Path;
use std::process::Command;

use jiff::Timestamp;
use standardiste::store::{CallRecord, Channel, MessageSaved, NewMessage, Outcome, Store, StoreOptions, TurnLatencyMs};

fn run(args: &[&str], config: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_standardiste")).args(args).arg("--config").arg(config).env("TZ", "UTC").output().expect("run standardiste");
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn latency(total_ms: u64) -> TurnLatencyMs {
    TurnLatencyMs { total_ms, ..Default::default() }
}

fn fill(db: &Path) -> i64 {
    let store = Store::open(db, StoreOptions::beside(db)).unwrap();
    let start = Timestamp::from_second(1_780_000_000).unwrap(); // 2026-05-28 20:26:40 UTC
    store
        .record_call(&CallRecord {
            id: "call-1".into(),
            started_at: start,
            ended_at: Timestamp::from_second(1_780_000_083).unwrap(),
            channel: Channel::Sip,
            caller_hash: Some(store.hash_caller("06 12 34 56 78")),
            outcome: Outcome::Message,
            turns: 3,
            intents: vec!["hours".into()],
            latencies: vec![latency(600), latency(900), latency(700)],
            transcript: None,
            town: None,
        })
        .unwrap();
    let mut m = NewMessage::new("call-1", start, "Je voudrais un rendez-vous.").unwrap();
    m.caller_name = Some("Mme Martin".into());
    m.callback_number = Some("06 12 34 56 78".into());
    m.service = Some("état civil".into());
    store.save_message(&m).unwrap();
    let done = NewMessage::new("call-1", start, "Déjà traité.").unwrap();
    let MessageSaved::Stored(id) = store.save_message(&done).unwrap() else {
        panic!("stored");
    };
    store.mark_message_done(id, start).unwrap();
    id
}

#[test]
fn calls_and_messages_list_what_the_library_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let done_id = fill(&db);
    let config = dir.path().join("s.toml");
    std::fs::write(&config, format!("[store]\npath = {:?}\n", db.to_str().unwrap())).unwrap();

    let calls = run(&["calls", "--limit", "5"], &config);
    let lines: Vec<&str> = calls.lines().collect();
    assert_eq!(lines.len(), 3, "{calls}");
    assert!(lines[0].starts_with("started"), "{calls}");
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(row, ["2026-05-28", "20:26:40", "1:23", "sip", "message", "3", "0.70", "s"], "{calls}");
    assert_eq!(lines[2], "1 open message (standardiste messages)");
    assert!(!calls.contains("12 34"), "no caller number in the calls list");

    let open = run(&["messages"], &config);
    assert!(open.contains("Mme Martin, 06 12 34 56 78"), "{open}");
    assert!(open.contains("« Je voudrais un rendez-vous. »"), "{open}");
    assert!(open.contains("service: état civil"), "{open}");
    assert!(!open.contains("Déjà traité"), "{open}");
    let all = run(&["messages", "--all"], &config);
    assert!(all.contains("Déjà traité") && all.contains(&format!("#{done_id} ")), "{all}");
    assert!(all.contains("done 2026-05-28 20:26:40"), "{all}");
}

#[test]
fn a_missing_database_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("s.toml");
    let db = dir.path().join("absent.db");
    std::fs::write(&config, format!("[store]\npath = {:?}\n", db.to_str().unwrap())).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_standardiste")).args(["calls", "--config"]).arg(&config).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database at") && err.contains("absent.db"), "{err}");
    assert!(!db.exists(), "listing never creates a database");
}

#[test]
fn calls_and_messages_of_several_towns_are_listed_by_town() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let store = Store::open(&db, StoreOptions::beside(&db)).unwrap();
    let start = Timestamp::from_second(1_780_000_000).unwrap();
    for (i, town) in ["alpha", "beta"].iter().enumerate() {
        let id = format!("call-{i}");
        store
            .record_call(&CallRecord {
                id: id.clone(),
                started_at: start,
                ended_at: start,
                channel: Channel::Sip,
                caller_hash: None,
                outcome: Outcome::Message,
                turns: 1,
                intents: vec![],
                latencies: vec![],
                transcript: None,
                town: Some(town.to_string()),
            })
            .unwrap();
        let mut m = NewMessage::new(&id, start, format!("Message pour {town}.")).unwrap();
        m.town = Some(town.to_string());
        store.save_message(&m).unwrap();
    }
    drop(store);
    let config = dir.path().join("s.toml");
    std::fs::write(&config, format!("[store]\npath = {:?}\n", db.to_str().unwrap())).unwrap();

    let all = run(&["calls"], &config);
    assert!(all.lines().next().unwrap().ends_with("town") && all.contains("alpha") && all.contains("beta"), "{all}");
    let beta = run(&["calls", "--town", "beta"], &config);
    let rows: Vec<&str> = beta.lines().filter(|l| l.starts_with("2026")).collect();
    assert!(rows.len() == 1 && rows[0].ends_with("beta"), "{beta}");
    let alpha = run(&["messages", "--town", "alpha"], &config);
    assert!(alpha.contains("town: alpha") && alpha.contains("Message pour alpha.") && !alpha.contains("beta"), "{alpha}");
}
