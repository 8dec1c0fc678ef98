//! The same store tests on both databases: SQLite files in a temporary directory, and a
//! PostgreSQL server this test starts (Debian's postgresql 15, private socket and port, stopped
//! after, even on failure). Each case gets a fresh database; "two nodes" are two stores on it.

mod pg_support;

use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;
use pg_support::TempPostgres;
use standardiste::store::{
    CallRecord, Channel, Database, MessageSaved, NewMessage, Outcome, PurgeCounts, Speaker, Store, StoreError, StoreOptions, TownScope, TranscriptLine,
    TurnLatencyMs,
};

/// What a case needs from a backend.
trait Backend {
    /// A database for this case (the same one for every call with this name).
    fn database(&self, case: &str) -> Database;
    /// A directory for one node's salt and spool.
    fn node_dir(&self, case: &str, node: &str) -> PathBuf;
    /// Makes the database refuse writes (SQLite: another process holds the lock; PostgreSQL: the server is down).
    fn cut(&self, case: &str);
    /// Undoes [`Backend::cut`].
    fn restore(&self, case: &str);
}

fn options(b: &dyn Backend, case: &str, node: &str) -> StoreOptions {
    let dir = b.node_dir(case, node);
    StoreOptions { busy_timeout: Duration::from_millis(100), network_timeout: Duration::from_secs(2), ..StoreOptions::beside(&dir.join("standardiste.db")) }
}

fn open(b: &dyn Backend, case: &str, node: &str) -> Store {
    Store::connect(&b.database(case), options(b, case, node)).unwrap_or_else(|e| panic!("{case}: open: {e}"))
}

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
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
        town: Some("val-d-arre".into()),
    }
}

fn towns_and_clerks_are_kept(b: &dyn Backend) {
    let case = "towns-clerks";
    let s = open(b, case, "a");
    s.record_call(&call("t1", 1_000, Outcome::Answered)).unwrap();
    assert_eq!(s.recent_calls(1).unwrap()[0].town.as_deref(), Some("val-d-arre"));
    let mut m = NewMessage::new("t1", at(1_010), "rappelez-moi").unwrap();
    m.town = Some("val-d-arre".into());
    s.save_message(&m).unwrap();
    assert_eq!(s.messages(false).unwrap()[0].message.town.as_deref(), Some("val-d-arre"));
    assert!(s.set_clerk("martine", "$argon2id$a", at(5)).unwrap());
    assert!(!s.set_clerk("martine", "$argon2id$b", at(6)).unwrap());
    assert!(s.set_clerk("alain", "$argon2id$c", at(7)).unwrap());
    assert_eq!(s.clerk("martine").unwrap().map(|c| c.password_hash).as_deref(), Some("$argon2id$b"));
    let names: Vec<String> = s.clerks().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["alain", "martine"]);
    assert!(s.remove_clerk("alain").unwrap() && !s.remove_clerk("alain").unwrap());
    assert_eq!(s.clerk("alain").unwrap(), None);
}

fn each_clerk_reads_their_own_towns_rows(b: &dyn Backend) {
    let s = open(b, "scopes", "a");
    for (id, town) in [("a1", Some("alpha")), ("b1", Some("beta")), ("old", None)] {
        s.record_call(&CallRecord { town: town.map(String::from), ..call(id, 1_000, Outcome::Message) }).unwrap();
        let mut m = NewMessage::new(id, at(1_010), format!("message {id}")).unwrap();
        m.town = town.map(String::from);
        s.save_message(&m).unwrap();
        s.add_unanswered(at(1_020), town.unwrap_or("alpha"), &format!("question {id}")).unwrap();
    }
    let alpha = TownScope::Towns { names: vec!["alpha".into()], untagged: true };
    let beta = TownScope::Towns { names: vec!["beta".into()], untagged: false };
    let nowhere = TownScope::Towns { names: vec![], untagged: false };
    let msgs = |scope: &TownScope| s.messages_in(scope, false).unwrap().into_iter().map(|m| m.message.call_id).collect::<Vec<_>>();
    assert_eq!(msgs(&alpha), ["a1", "old"], "alpha's clerks also see the rows kept before towns were named");
    assert_eq!(msgs(&beta), ["b1"]);
    assert!(msgs(&nowhere).is_empty());
    assert_eq!(msgs(&TownScope::All).len(), 3);
    let calls = |scope: &TownScope| s.recent_calls_in(scope, 10).unwrap().len();
    assert_eq!((calls(&alpha), calls(&beta), calls(&nowhere), calls(&TownScope::All)), (2, 1, 0, 3));
    assert_eq!(s.stats_since_in(&beta, at(0)).unwrap().get(Outcome::Message), 1);
    assert_eq!(s.stats_since_in(&alpha, at(0)).unwrap().total(), 2);
    let questions: Vec<_> = s.recent_unanswered_in(&beta, 10).unwrap().into_iter().map(|q| q.text).collect();
    assert_eq!(questions, ["question b1"]);
    // A clerk of beta cannot mark alpha's message done, even by its id.
    let a1 = s.messages_in(&alpha, false).unwrap()[0].id;
    assert!(!s.mark_message_done_in(&beta, a1, at(2_000)).unwrap());
    assert!(s.mark_message_done_in(&alpha, a1, at(2_000)).unwrap());
}

fn reopen_keeps_rows_and_migrations_are_idempotent(b: &dyn Backend) {
    let case = "reopen";
    {
        let s = open(b, case, "a");
        s.record_call(&call("c1", 1_000, Outcome::Answered)).unwrap();
        s.record_call(&call("c1", 1_000, Outcome::Transferred)).unwrap();
    }
    let s = open(b, case, "a");
    let calls = s.recent_calls(10).unwrap();
    assert_eq!(calls.len(), 1, "a record with the same id replaces the first");
    assert_eq!(calls[0].outcome, Outcome::Transferred);
    assert_eq!(calls[0].intents, ["horaires", "dechets"]);
    assert_eq!(calls[0].latencies[0].total_ms, 705);
    assert_eq!(calls[0].ended_at, at(1_042));
}

fn caller_hashes_are_salted_and_alike_on_every_node(b: &dyn Backend) {
    let (a1, a2) = (open(b, "hash", "a"), open(b, "hash", "a"));
    let node_b = open(b, "hash", "b");
    let other = open(b, "hash-other", "c");
    let h = a1.hash_caller("06 12 34 56 78");
    assert_eq!(h.as_str().len(), 64);
    assert_eq!(h, a1.hash_caller("+33612345678"));
    assert_eq!(h, a2.hash_caller("sip:0612345678@pbx.mairie.example"));
    assert_ne!(h, a1.hash_caller("06 12 34 56 79"));
    assert_ne!(h, other.hash_caller("06 12 34 56 78"), "another database, another salt");
    let same_db = matches!(b.database("hash"), Database::Postgres { .. });
    assert_eq!(h == node_b.hash_caller("0612345678"), same_db, "two nodes on one PostgreSQL database hash alike");
    let mut c = call("c1", 1_000, Outcome::Transferred);
    c.caller_hash = Some(h.clone());
    a1.record_call(&c).unwrap();
    assert_eq!(a2.recent_calls(1).unwrap()[0].caller_hash, Some(h));
}

fn transcripts_are_kept_only_when_enabled(b: &dyn Backend) {
    let off = open(b, "transcripts-off", "a");
    off.record_call(&call("c1", 1_000, Outcome::Answered)).unwrap();
    assert_eq!(off.recent_calls(1).unwrap()[0].transcript, None);
    let on = Store::connect(&b.database("transcripts-on"), StoreOptions { keep_transcripts: true, ..options(b, "transcripts-on", "a") }).unwrap();
    let c = call("c1", 1_000, Outcome::Answered);
    on.record_call(&c).unwrap();
    assert_eq!(on.recent_calls(1).unwrap()[0], c);
}

fn purge_respects_retention(b: &dyn Backend) {
    let s = open(b, "purge", "a");
    let day = 86_400;
    let now = 100 * day;
    s.record_call(&call("old", now - 31 * day, Outcome::Answered)).unwrap();
    s.record_call(&call("new", now - 29 * day, Outcome::Message)).unwrap();
    let old_open = NewMessage::new("old", at(now - 31 * day), "rappelez-moi").unwrap();
    let old_done = NewMessage::new("old", at(now - 40 * day), "merci").unwrap();
    let recent = NewMessage::new("new", at(now - day), "bonjour").unwrap();
    for m in [&old_open, &old_done, &recent] {
        assert!(matches!(s.save_message(m).unwrap(), MessageSaved::Stored(_)));
    }
    let done_id = s.messages(true).unwrap()[0].id;
    assert!(s.mark_message_done(done_id, at(now - 39 * day)).unwrap());
    assert!(!s.mark_message_done(done_id, at(now)).unwrap(), "already done");
    assert_eq!(s.messages(true).unwrap().len(), 2);
    assert_eq!(s.messages(false).unwrap()[0].done_at, Some(at(now - 39 * day)));
    s.add_unanswered(at(now - 31 * day), "exemple", "piscine").unwrap();
    s.add_unanswered(at(now - 2 * day), "exemple", "cantine").unwrap();

    let counts = s.purge(at(now)).unwrap();
    assert_eq!(counts, PurgeCounts { calls: 1, done_messages: 1, open_messages: 1, unanswered: 1 });
    assert_eq!(s.recent_calls(10).unwrap()[0].id, "new");
    let left = s.messages(false).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].message, recent);
    assert_eq!(s.recent_unanswered(10).unwrap()[0].text, "cantine");
    assert_eq!(s.purge(at(now)).unwrap(), PurgeCounts::default());
}

fn stats_count_by_outcome_since(b: &dyn Backend) {
    let s = open(b, "stats", "a");
    s.record_call(&call("a", 100, Outcome::Answered)).unwrap();
    s.record_call(&call("b", 200, Outcome::Answered)).unwrap();
    s.record_call(&call("c", 300, Outcome::Refused)).unwrap();
    s.record_call(&call("d", 50, Outcome::Error)).unwrap();
    let st = s.stats_since(at(100)).unwrap();
    assert_eq!((st.get(Outcome::Answered), st.get(Outcome::Refused), st.get(Outcome::Error), st.total()), (2, 1, 0, 3));
    let ids: Vec<_> = s.recent_calls(2).unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["c", "b"]);
}

fn bad_uids_are_refused(b: &dyn Backend) {
    let s = open(b, "uids", "a");
    let mut m = NewMessage::new("c", at(1), "x").unwrap();
    m.uid = "../../etc/x".into();
    assert!(matches!(s.save_message(&m), Err(StoreError::BadUid(_))));
}

/// The database refuses writes: the message goes to this node's spool, a flush fails and keeps
/// it, and once the database is back the flush moves it in exactly once, even when another node
/// had inserted the same message meanwhile.
fn an_unwritable_database_spools_and_flush_inserts_once(b: &dyn Backend) {
    let case = "spool";
    let (a, node_b) = (open(b, case, "a"), open(b, case, "b"));
    let mut m = NewMessage::new("c1", at(1_000), "rappelez-moi").unwrap();
    m.callback_number = Some("06 12 34 56 78".into());
    m.caller_name = Some("Mme Martin".into());
    m.service = Some("état civil".into());
    b.cut(case);
    let saved = a.save_message(&m);
    let flushed = a.flush_spool();
    b.restore(case);
    let Ok(MessageSaved::Spooled(file)) = saved else {
        panic!("expected the message in the spool, got {saved:?}");
    };
    assert!(file.starts_with(&a.options().spool_dir));
    assert!(flushed.is_err(), "a flush while the database is away fails");
    assert!(file.exists(), "a failed flush keeps the file");
    let copy = std::fs::read(&file).unwrap();
    assert_eq!(a.flush_spool().unwrap(), 1);
    assert!(!file.exists());
    // A crash after the commit but before the file's removal: the file comes back; node b
    // flushes a copy too. Still one message.
    std::fs::write(&file, &copy).unwrap();
    let b_spool = node_b.options().spool_dir.join(file.file_name().unwrap());
    std::fs::write(&b_spool, &copy).unwrap();
    assert_eq!(node_b.flush_spool().unwrap(), 0);
    drop(a);
    let a = open(b, case, "a");
    assert!(!file.exists(), "open flushes the spool");
    let all = node_b.messages(false).unwrap();
    assert_eq!(all.len(), 1, "inserted exactly once");
    assert_eq!(all[0].message, m);
    // Written straight to the database, it is seen by the other node.
    let n = NewMessage::new("c2", at(2_000), "bonjour").unwrap();
    assert!(matches!(a.save_message(&n).unwrap(), MessageSaved::Stored(_)));
    assert_eq!(node_b.messages(true).unwrap().len(), 2);
}

/// One shared case.
type Case = fn(&dyn Backend);

const CASES: &[(&str, Case)] = &[
    ("reopen_keeps_rows_and_migrations_are_idempotent", reopen_keeps_rows_and_migrations_are_idempotent),
    ("caller_hashes_are_salted_and_alike_on_every_node", caller_hashes_are_salted_and_alike_on_every_node),
    ("transcripts_are_kept_only_when_enabled", transcripts_are_kept_only_when_enabled),
    ("purge_respects_retention", purge_respects_retention),
    ("stats_count_by_outcome_since", stats_count_by_outcome_since),
    ("bad_uids_are_refused", bad_uids_are_refused),
    ("towns_and_clerks_are_kept", towns_and_clerks_are_kept),
    ("each_clerk_reads_their_own_towns_rows", each_clerk_reads_their_own_towns_rows),
    ("an_unwritable_database_spools_and_flush_inserts_once", an_unwritable_database_spools_and_flush_inserts_once),
];

fn run_all(b: &dyn Backend) {
    for (name, case) in CASES {
        eprintln!("case {name}");
        case(b);
    }
}

struct Sqlite {
    dir: tempfile::TempDir,
    locker: std::sync::Mutex<Option<rusqlite::Connection>>,
}

impl Sqlite {
    fn file(&self, case: &str) -> PathBuf {
        // Every node of a case shares the file; salt and spool are per node (see node_dir).
        self.dir.path().join(case).join("standardiste.db")
    }
}

impl Backend for Sqlite {
    fn database(&self, case: &str) -> Database {
        Database::Sqlite(self.file(case))
    }

    fn node_dir(&self, case: &str, node: &str) -> PathBuf {
        let d = self.dir.path().join(case).join(node);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn cut(&self, case: &str) {
        let c = rusqlite::Connection::open(self.file(case)).unwrap();
        c.execute_batch("BEGIN EXCLUSIVE").unwrap();
        *self.locker.lock().unwrap() = Some(c);
    }

    fn restore(&self, _case: &str) {
        if let Some(c) = self.locker.lock().unwrap().take() {
            c.execute_batch("COMMIT").unwrap();
        }
    }
}

#[test]
fn sqlite() {
    let b = Sqlite { dir: tempfile::tempdir().unwrap(), locker: Default::default() };
    run_all(&b);
}

struct Postgres {
    server: TempPostgres,
    dir: tempfile::TempDir,
    created: std::sync::Mutex<Vec<String>>,
}

impl Backend for Postgres {
    fn database(&self, case: &str) -> Database {
        let name = case.replace('-', "_");
        let mut created = self.created.lock().unwrap();
        if !created.contains(&name) {
            self.server.create_database(&name);
            created.push(name.clone());
        }
        Database::Postgres { url: self.server.url(&name), password: None }
    }

    fn node_dir(&self, case: &str, node: &str) -> PathBuf {
        let d = self.dir.path().join(case).join(node);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn cut(&self, _case: &str) {
        self.server.stop();
    }

    fn restore(&self, _case: &str) {
        self.server.start_again();
    }
}

#[test]
fn postgres() {
    let b = Postgres { server: TempPostgres::start(), dir: tempfile::tempdir().unwrap(), created: Default::default() };
    run_all(&b);
    // The salt is a row of the database, not a file: nodes on other machines find it there.
    let salt: Vec<u8> = b.server.client("hash").query_one("SELECT value FROM settings WHERE name = 'caller_salt'", &[]).unwrap().get(0);
    assert_eq!(salt.len(), 32);
    assert!(!b.node_dir("hash", "a").join("standardiste.salt").exists());
    let versions: i64 = b.server.client("reopen").query_one("SELECT COUNT(*) FROM schema_migrations", &[]).unwrap().get(0);
    assert_eq!(versions, 3, "each migration applied once");
}

#[test]
fn postgres_password_url_errors_never_show_the_password() {
    let d = Database::Postgres { url: "postgres://u:hunter2@127.0.0.1:1/s?sslmode=disable".into(), password: None };
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions { network_timeout: Duration::from_secs(1), ..StoreOptions::beside(&dir.path().join("s.db")) };
    let err = Store::connect(&d, opts).unwrap_err().to_string();
    assert!(err.contains("postgres://u@127.0.0.1:1/s") && !err.contains("hunter2"), "{err}");
    assert!(!format!("{d:?}").contains("hunter2"));
}

/// A self-signed certificate for `localhost` (and 127.0.0.1) in `dir`: (cert, key).
fn self_signed(dir: &std::path::Path, name: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
    let out = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl (apt package openssl)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (cert, key)
}

#[test]
fn postgres_over_tls_checks_the_server_certificate() {
    let certs = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(certs.path(), "server");
    let (other, _) = self_signed(certs.path(), "other");
    let server = TempPostgres::start();
    // The server's key must belong to the server's user and be private.
    let (srv_cert, srv_key) = (server.dir().join("server.crt"), server.dir().join("server.key"));
    std::fs::copy(&cert, &srv_cert).unwrap();
    std::fs::copy(&key, &srv_key).unwrap();
    let _ = std::process::Command::new("chown").arg("postgres:postgres").arg(&srv_cert).arg(&srv_key).status();
    std::fs::set_permissions(&srv_key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut admin = server.client("postgres");
    for setting in ["ssl = on".to_string(), format!("ssl_cert_file = '{}'", srv_cert.display()), format!("ssl_key_file = '{}'", srv_key.display())] {
        admin.batch_execute(&format!("ALTER SYSTEM SET {setting}")).unwrap();
    }
    // TCP connections must use TLS from now on.
    std::fs::write(server.dir().join("data/pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 trust\n").unwrap();
    admin.batch_execute("SELECT pg_reload_conf()").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let dir = tempfile::tempdir().unwrap();
    let connect = |query: &str| {
        let url = format!("postgres://postgres@localhost:{}/postgres?{query}", server.port);
        let opts = StoreOptions { network_timeout: Duration::from_secs(3), ..StoreOptions::beside(&dir.path().join("s.db")) };
        Store::connect(&Database::Postgres { url, password: None }, opts).map(|_| ()).map_err(|e| e.to_string())
    };
    connect(&format!("sslmode=verify-full&sslrootcert={}", cert.display())).expect("TLS with the server's certificate checked");
    let err = connect("sslmode=disable").unwrap_err();
    assert!(err.contains("pg_hba") || err.contains("no encryption"), "without TLS the server refuses: {err}");
    let err = connect(&format!("sslmode=verify-full&sslrootcert={}", other.display())).unwrap_err();
    assert!(err.contains("certificate") || err.contains("error"), "a server certificate from another authority is refused: {err}");
    connect("sslmode=require").expect("require encrypts without checking, as in libpq");
}
