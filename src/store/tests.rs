//! SQLite-only store tests on real files in temporary directories (WAL, the salt file, locks,
//! kill -9); the tests shared with PostgreSQL are in `tests/store_backends.rs`.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::Connection;

use super::*;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

fn open(dir: &Path, name: &str) -> Store {
    let db = dir.join(name);
    Store::open(&db, StoreOptions::beside(&db)).unwrap()
}

fn call(id: &str, start: i64, outcome: Outcome) -> CallRecord {
    CallRecord {
        id: id.into(),
        started_at: at(start),
        ended_at: at(start + 42),
        channel: Channel::Sip,
        caller_hash: None,
        outcome,
        turns: 2,
        intents: vec!["horaires".into(), "dechets".into()],
        latencies: vec![TurnLatencyMs { speech_end_to_text_ms: 400, text_to_answer_ms: 5, answer_to_first_audio_ms: 300, total_ms: 705 }],
        transcript: Some(vec![
            TranscriptLine { who: Speaker::Caller, text: "la mairie ouvre quand".into() },
            TranscriptLine { who: Speaker::Bot, text: "de 9 h à 12 h".into() },
        ]),
        town: Some("saint-martin".into()),
    }
}

#[test]
fn migrations_on_a_fresh_file_then_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/s.db");
    {
        let s = Store::open(&db, StoreOptions::beside(&db)).unwrap();
        s.record_call(&call("c1", 1_000, Outcome::Answered)).unwrap();
    }
    let conn = Connection::open(&db).unwrap();
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, sqlite::MIGRATIONS.len() as i64);
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(conn);
    let s = Store::open(&db, StoreOptions::beside(&db)).unwrap();
    let calls = s.recent_calls(10).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].intents, ["horaires", "dechets"]);
    assert_eq!(calls[0].latencies[0].total_ms, 705);
    assert_eq!(calls[0].town.as_deref(), Some("saint-martin"));
    drop(s);

    Connection::open(&db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = Store::open(&db, StoreOptions::beside(&db)).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
}

#[test]
fn a_first_version_database_gains_the_town_columns_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&db).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sqlite::MIGRATIONS[0]).unwrap();
        tx.execute_batch(
            "INSERT INTO calls VALUES ('old', 1000, 2000, 'sip', NULL, 'answered', 1, '[]', '[]', NULL);
             INSERT INTO messages (uid, call_id, created_at, transcript) VALUES ('u1', 'old', 1000, 'bonjour');",
        )
        .unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.commit().unwrap();
    }
    let s = open(dir.path(), "old.db");
    let calls = s.recent_calls(10).unwrap();
    assert_eq!((calls[0].id.as_str(), calls[0].town.as_deref()), ("old", None));
    let mut m = NewMessage::new("new", at(5_000), "rappelez-moi").unwrap();
    m.town = Some("val-d-arre".into());
    s.save_message(&m).unwrap();
    let towns: Vec<Option<String>> = s.messages(false).unwrap().into_iter().map(|m| m.message.town).collect();
    assert_eq!(towns, [None, Some("val-d-arre".to_string())]);
}

#[test]
fn caller_hash_is_salted_and_the_number_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(dir.path(), "a.db");
    let b = open(dir.path(), "b.db");
    let h = a.hash_caller("06 12 34 56 78");
    assert_eq!(h.as_str().len(), 64);
    assert_eq!(h, a.hash_caller("+33612345678"));
    assert_eq!(h, a.hash_caller("sip:0612345678@pbx.mairie.example"));
    assert_ne!(h, a.hash_caller("06 12 34 56 79"));
    assert_ne!(h, b.hash_caller("06 12 34 56 78"));

    let salt = &a.options().salt_path;
    let meta = std::fs::metadata(salt).unwrap();
    assert_eq!(meta.len(), 32);
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    let mut c = call("c1", 1_000, Outcome::Transferred);
    c.caller_hash = Some(h.clone());
    a.record_call(&c).unwrap();
    drop(a);
    let a = open(dir.path(), "a.db");
    assert_eq!(a.hash_caller("0612345678"), h, "the salt persists");
    assert_eq!(a.recent_calls(1).unwrap()[0].caller_hash, Some(h));
    for file in ["a.db", "a.db-wal"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("0612345678") && !text.contains("612345678"));
    }
}

#[test]
fn a_short_salt_file_is_an_error_not_a_new_salt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    std::fs::write(db.with_extension("salt"), b"short").unwrap();
    let err = Store::open(&db, StoreOptions::beside(&db)).unwrap_err();
    assert!(matches!(err, StoreError::Salt { .. }), "{err}");
}

#[test]
fn a_locked_database_spools_and_flush_inserts_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let s = Store::open(&db, StoreOptions { busy_timeout: Duration::from_millis(50), ..StoreOptions::beside(&db) }).unwrap();
    // Another process holds the write lock (root ignores file modes, so chmod cannot be used).
    let locker = Connection::open(&db).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut m = NewMessage::new("c1", at(1_000), "rappelez-moi").unwrap();
    m.callback_number = Some("06 12 34 56 78".into());
    m.caller_name = Some("Mme Martin".into());
    let MessageSaved::Spooled(file) = s.save_message(&m).unwrap() else {
        panic!("expected the message in the spool");
    };
    assert!(file.starts_with(&s.options().spool_dir));
    let err = s.flush_spool().unwrap_err().to_string();
    assert!(err.contains("locked"), "{err}");
    assert!(file.exists(), "a failed flush keeps the file");
    locker.execute_batch("COMMIT").unwrap();

    let copy = std::fs::read(&file).unwrap();
    assert_eq!(s.flush_spool().unwrap(), 1);
    assert!(!file.exists());
    // A crash after the commit but before the file's removal: the file comes back.
    std::fs::write(&file, &copy).unwrap();
    drop(s);
    let s = open(dir.path(), "s.db");
    assert!(!file.exists(), "open flushes the spool");
    let all = s.messages(false).unwrap();
    assert_eq!(all.len(), 1, "inserted exactly once");
    assert_eq!(all[0].message, m);
}

#[test]
fn a_directory_where_the_database_should_be_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    std::fs::create_dir(&db).unwrap();
    let err = Store::open(&db, StoreOptions::beside(&db)).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite { .. }), "{err}");
}

#[test]
fn numbers_normalise() {
    assert_eq!(normalise_number("01 23 45 67 89"), "+33123456789");
    assert_eq!(normalise_number("0033 1 23 45 67 89"), "+33123456789");
    assert_eq!(normalise_number("+33 (0)1"), "+3301");
    assert_eq!(normalise_number("tel:+33123456789"), "+33123456789");
    assert_eq!(normalise_number("SIP:0123456789@x;user=phone"), "+33123456789");
    assert_eq!(normalise_number("3615"), "3615");
    assert_eq!(normalise_number(" Anonymous "), "anonymous");
}

const KILL_CHILD: &str = "STANDARDISTE_STORE_KILL_CHILD";

/// Run only as the child of `a_stored_message_survives_kill_9`.
#[test]
fn kill_child() {
    let Ok(dir) = std::env::var(KILL_CHILD) else {
        return;
    };
    let s = open(Path::new(&dir), "s.db");
    let m = NewMessage::new("c1", at(1_000), "survit au kill").unwrap();
    assert!(matches!(s.save_message(&m).unwrap(), MessageSaved::Stored(_)));
    println!("saved {}", m.uid);
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn a_stored_message_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["store::tests::kill_child", "--exact", "--nocapture"])
        .env(KILL_CHILD, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let uid = out.lines().map_while(Result::ok).find_map(|l| l.strip_prefix("saved ").map(str::to_owned)).expect("the child saved a message");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let s = open(dir.path(), "s.db");
    let all = s.messages(true).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].message.uid, uid);
}
