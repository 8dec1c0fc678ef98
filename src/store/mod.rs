//! Storage: the call records, the messages left for the clerks and the questions the town file
//! could not answer, in an embedded SQLite file (WAL, the default) or a shared PostgreSQL
//! database ([`Database`]). Never any audio.
//!
//! Both databases sit behind one interface (`backend.rs`: each query once per backend, in
//! `sqlite.rs` and `postgres.rs`); what does not depend on the database (the salt, hashing, the
//! spool, retention) is here, once.
//!
//! The API is synchronous: call it from `spawn_blocking` or a dedicated thread. A [`Store`] is
//! `Send + Sync` (one connection behind a mutex) and meant to be shared in an `Arc`.
//!
//! Privacy: a caller's number is kept in `calls` only as a salted SHA-256 ([`Store::hash_caller`];
//! the salt is a file beside an SQLite database, a row of `settings` in PostgreSQL so that every
//! node hashes alike);
//! transcripts are kept only when the town enabled them ([`StoreOptions::keep_transcripts`]);
//! [`Store::purge`] deletes everything older than the retention period (in SQLite deleted rows
//! are overwritten, `secure_delete`; PostgreSQL's autovacuum reclaims them). A message's callback number is kept in clear: the caller left it
//! to be called back.
//!
//! A message is never lost: when the database cannot be written (locked, server unreachable),
//! [`Store::save_message`] puts it in this machine's spool directory, and [`Store::flush_spool`]
//! (run at open and periodically) moves it in, exactly once (the message's `uid` is unique in the
//! table, whichever node inserts it).

#![warn(missing_docs)]

mod backend;
mod clerks;
mod postgres;
mod records;
mod spool;
mod sqlite;
#[cfg(test)]
mod tests;

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use backend::Backend;
pub use clerks::Clerk;
pub use postgres::check_url;

pub use records::{
    CallRecord, CallerHash, Channel, Message, MessageSaved, NewMessage, Outcome, OutcomeCounts, PurgeCounts, Speaker, TownScope, TranscriptLine, TurnLatencyMs,
    Unanswered,
};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// PostgreSQL refused an operation or could not be reached.
    #[error("database {database}: {}", with_causes(source))]
    Postgres {
        /// The database (`postgres://user@host:port/name`, no password).
        database: String,
        /// The driver's error.
        source: ::postgres::Error,
    },
    /// A row the database returned cannot be read back.
    #[error("database {database}: unreadable row: {message}")]
    BadRow {
        /// The database.
        database: String,
        /// What is wrong.
        message: String,
    },
    /// The database settings cannot be used (a bad connection URL or certificate).
    #[error("{message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// A file beside the database (salt, spool) could not be used.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The salt is unusable.
    #[error("salt {place}: {message}")]
    Salt {
        /// The salt file, or the database row.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// The database was written by a newer standardiste.
    #[error("database {database} has schema version {found}; this standardiste knows up to {known}")]
    NewerSchema {
        /// The database.
        database: String,
        /// Its schema version.
        found: i64,
        /// The last migration known here.
        known: usize,
    },
    /// A message uid that cannot be a spool file name.
    #[error("message uid {0:?} must be 1 to 64 ASCII letters, digits or dashes")]
    BadUid(String),
    /// Neither the database nor the spool could take a message.
    #[error("message lost: {db}; spool {spool_dir}: {spool}")]
    MessageLost {
        /// Why the database write failed.
        db: Box<StoreError>,
        /// The spool directory.
        spool_dir: PathBuf,
        /// Why the spool write failed.
        spool: io::Error,
    },
    /// The system gave no random bytes.
    #[error("no random bytes for the salt: {0}")]
    Random(getrandom::Error),
}

/// How a store keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// Days after which calls, messages and unanswered questions are deleted by [`Store::purge`].
    pub retention_days: u32,
    /// Keep what was said in each call (`calls.transcript`); off by default.
    pub keep_transcripts: bool,
    /// The 32-byte secret that salts caller hashes; created (mode 0600) if missing.
    pub salt_path: PathBuf,
    /// Where messages wait when the database cannot be written.
    pub spool_dir: PathBuf,
    /// How long a write waits for a lock held by another process before failing (SQLite).
    pub busy_timeout: Duration,
    /// How long connecting to the server, or a write it does not answer, may take before the
    /// write fails and a message goes to the spool (PostgreSQL).
    pub network_timeout: Duration,
}

impl StoreOptions {
    /// Default options for a database file: 30 days, no transcripts, the salt in
    /// `<stem>.salt` and the spool in `<stem>.spool/` beside it.
    pub fn beside(db_path: &Path) -> StoreOptions {
        StoreOptions {
            retention_days: 30,
            keep_transcripts: false,
            salt_path: db_path.with_extension("salt"),
            spool_dir: db_path.with_extension("spool"),
            busy_timeout: Duration::from_secs(2),
            network_timeout: Duration::from_secs(5),
        }
    }
}

/// Which database keeps the rows.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// An embedded SQLite file (the default).
    Sqlite(PathBuf),
    /// A PostgreSQL server shared by every node.
    Postgres {
        /// The connection URL (`postgres://user@host:port/name?sslmode=verify-full`) or libpq
        /// `key=value` string.
        url: String,
        /// The password, when not in the URL.
        password: Option<String>,
    },
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(p) => f.debug_tuple("Sqlite").field(p).finish(),
            Database::Postgres { .. } => f.write_str("Postgres { .. }"),
        }
    }
}

/// The store: calls, messages and unanswered questions in a [`Database`]; see the module documentation.
pub struct Store {
    backend: Mutex<Box<dyn Backend>>,
    database: String,
    salt: [u8; 32],
    options: StoreOptions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("database", &self.database).field("options", &self.options).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) an SQLite database file, migrates it, and flushes the spool.
    pub fn open(path: impl AsRef<Path>, options: StoreOptions) -> Result<Store, StoreError> {
        Store::connect(&Database::Sqlite(path.as_ref().to_path_buf()), options)
    }

    /// Opens a database (creating an SQLite file if needed), applies the missing migrations,
    /// loads (or creates) the caller-hash salt, and flushes the spool.
    ///
    /// A spool that cannot be flushed yet is not an error (it is logged and retried later).
    pub fn connect(database: &Database, options: StoreOptions) -> Result<Store, StoreError> {
        let (backend, salt): (Box<dyn Backend>, [u8; 32]) = match database {
            Database::Sqlite(path) => {
                let salt = salt_beside(path, &options.salt_path)?;
                (Box::new(sqlite::Sqlite::open(path, options.busy_timeout)?), salt)
            }
            Database::Postgres { url, password } => {
                let mut pg = postgres::Postgres::open(url, password.as_deref(), options.network_timeout)?;
                let mut fresh = [0u8; 32];
                getrandom::fill(&mut fresh).map_err(StoreError::Random)?;
                let salt = pg.shared_salt(&fresh)?;
                (Box::new(pg), salt)
            }
        };
        fs::create_dir_all(&options.spool_dir).map_err(|source| StoreError::Io { path: options.spool_dir.clone(), source })?;
        let store = Store { database: backend.describe().to_string(), backend: Mutex::new(backend), salt, options };
        match store.flush_spool() {
            Ok(0) => {}
            Ok(n) => tracing::info!(messages = n, "spooled messages moved into the database"),
            Err(e) => tracing::warn!(error = %e, "the message spool could not be flushed yet"),
        }
        Ok(store)
    }

    /// The database, as named in messages (an SQLite file, or a PostgreSQL URL without password).
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The options it was opened with.
    pub fn options(&self) -> &StoreOptions {
        &self.options
    }

    /// The salted hash of a caller's number (normalised first, see [`normalise_number`]).
    pub fn hash_caller(&self, number: &str) -> CallerHash {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update(normalise_number(number).as_bytes());
        CallerHash(records::hex(&h.finalize()))
    }

    /// Records a finished call (replacing a record with the same id). The transcript is dropped
    /// unless transcripts are enabled.
    pub fn record_call(&self, call: &CallRecord) -> Result<(), StoreError> {
        let transcript = call.transcript.as_ref().filter(|_| self.options.keep_transcripts);
        self.db().insert_call(call, transcript)
    }

    /// Saves a message in the database, or in the spool when the database cannot be written.
    pub fn save_message(&self, message: &NewMessage) -> Result<MessageSaved, StoreError> {
        if !spool::valid_uid(&message.uid) {
            return Err(StoreError::BadUid(message.uid.clone()));
        }
        let db_error = match self.db().insert_message(message) {
            Ok((id, _)) => return Ok(MessageSaved::Stored(id)),
            Err(e) => e,
        };
        tracing::warn!(error = %db_error, "the database refused a message: spooling it");
        match spool::write(&self.options.spool_dir, message) {
            Ok(path) => Ok(MessageSaved::Spooled(path)),
            Err(spool) => Err(StoreError::MessageLost { db: Box::new(db_error), spool_dir: self.options.spool_dir.clone(), spool }),
        }
    }

    /// Moves spooled messages into the database; returns how many were new there.
    ///
    /// A file is removed only after its message is committed, and inserting is keyed by the
    /// message uid: a crash between the two inserts nothing twice. Unreadable files are left in
    /// place and logged. Stops at the first database error.
    pub fn flush_spool(&self) -> Result<usize, StoreError> {
        let dir = &self.options.spool_dir;
        let io_err = |path: &Path, source| StoreError::Io { path: path.to_path_buf(), source };
        let mut inserted = 0;
        for file in spool::list(dir).map_err(|e| io_err(dir, e))? {
            let message = match spool::read(&file) {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(file = %file.display(), error = %e, "unreadable spool file left in place");
                    continue;
                }
            };
            let (_, new) = self.db().insert_message(&message)?;
            inserted += usize::from(new);
            spool::remove(&file).map_err(|e| io_err(&file, e))?;
        }
        Ok(inserted)
    }

    /// Records a question the town file had no answer for (its text only).
    pub fn add_unanswered(&self, at: Timestamp, town: &str, text: &str) -> Result<i64, StoreError> {
        self.db().insert_unanswered(at, town, text)
    }

    /// The latest calls, newest first.
    pub fn recent_calls(&self, limit: usize) -> Result<Vec<CallRecord>, StoreError> {
        self.recent_calls_in(&TownScope::All, limit)
    }

    /// The latest calls of `scope`'s towns, newest first.
    pub fn recent_calls_in(&self, scope: &TownScope, limit: usize) -> Result<Vec<CallRecord>, StoreError> {
        self.db().recent_calls(scope, limit)
    }

    /// Messages, oldest first; only those not marked done when `only_open`.
    pub fn messages(&self, only_open: bool) -> Result<Vec<Message>, StoreError> {
        self.messages_in(&TownScope::All, only_open)
    }

    /// Messages of `scope`'s towns, oldest first; only those not marked done when `only_open`.
    pub fn messages_in(&self, scope: &TownScope, only_open: bool) -> Result<Vec<Message>, StoreError> {
        self.db().messages(scope, only_open)
    }

    /// Marks a message done; `false` when there is no open message with this id.
    pub fn mark_message_done(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        self.mark_message_done_in(&TownScope::All, id, at)
    }

    /// Marks a message of `scope`'s towns done; `false` when there is no such open message.
    pub fn mark_message_done_in(&self, scope: &TownScope, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        self.db().mark_done(scope, id, at)
    }

    /// The latest unanswered questions, newest first.
    pub fn recent_unanswered(&self, limit: usize) -> Result<Vec<Unanswered>, StoreError> {
        self.recent_unanswered_in(&TownScope::All, limit)
    }

    /// The latest unanswered questions of `scope`'s towns, newest first.
    pub fn recent_unanswered_in(&self, scope: &TownScope, limit: usize) -> Result<Vec<Unanswered>, StoreError> {
        self.db().recent_unanswered(scope, limit)
    }

    /// Calls started at or after `since`, counted by outcome.
    pub fn stats_since(&self, since: Timestamp) -> Result<OutcomeCounts, StoreError> {
        self.stats_since_in(&TownScope::All, since)
    }

    /// Calls of `scope`'s towns started at or after `since`, counted by outcome.
    pub fn stats_since_in(&self, scope: &TownScope, since: Timestamp) -> Result<OutcomeCounts, StoreError> {
        self.db().stats_since(scope, since)
    }

    /// Deletes what is older than the retention period at `now`.
    ///
    /// Age is counted from when the data was collected (a call's start, a message's or question's
    /// creation). Open messages are deleted too: the retention period is what the town promises its
    /// residents, and a message nobody handled in that time is stale; [`PurgeCounts::open_messages`]
    /// lets the service warn about them. The WAL is checkpointed and truncated afterwards so that
    /// deleted rows do not linger in it.
    pub fn purge(&self, now: Timestamp) -> Result<PurgeCounts, StoreError> {
        let days = i64::from(self.options.retention_days);
        let cutoff = Timestamp::from_millisecond(now.as_millisecond() - days * 86_400_000).unwrap_or(Timestamp::MIN);
        self.db().purge(cutoff)
    }

    fn db(&self) -> MutexGuard<'_, Box<dyn Backend>> {
        // A panic while holding the lock cannot leave the database inconsistent (transactions roll back).
        self.backend.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// An error and its causes on one line ("db error: FATAL: no pg_hba.conf entry …").
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    text
}

/// A phone number reduced to one spelling, so that "01 23 45 67 89", "+33 1 23 45 67 89",
/// "0033123456789" and "sip:0123456789@pbx" hash alike. Anything else is trimmed and lowercased.
pub fn normalise_number(number: &str) -> String {
    let mut s = number.trim();
    for scheme in ["sip:", "sips:", "tel:"] {
        if s.len() >= scheme.len() && s[..scheme.len()].eq_ignore_ascii_case(scheme) {
            s = &s[scheme.len()..];
        }
    }
    let s = s.split(['@', ';']).next().unwrap_or("");
    let plus = s.starts_with('+');
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let only_number = s.chars().all(|c| c.is_ascii_digit() || " .-()+/".contains(c));
    if !only_number || digits.is_empty() {
        return s.to_lowercase();
    }
    if plus {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else {
        digits
    }
}

/// The salt file of an SQLite database (creating the database's directory); warns when a new
/// salt is made for a database that already exists.
fn salt_beside(db_path: &Path, salt_path: &Path) -> Result<[u8; 32], StoreError> {
    if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
    }
    let (existed, salt_existed) = (db_path.exists(), salt_path.exists());
    let salt = load_or_create_salt(salt_path)?;
    if existed && !salt_existed {
        tracing::warn!(salt = %salt_path.display(), "new salt for an existing database: earlier caller hashes will not match new ones");
    }
    Ok(salt)
}

/// Reads the 32-byte salt, creating it (mode 0600, written whole or not at all) if missing.
fn load_or_create_salt(path: &Path) -> Result<[u8; 32], StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    match fs::read(path) {
        Ok(bytes) => {
            return <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| StoreError::Salt {
                place: path.display().to_string(),
                message: format!(
                    "holds {} bytes instead of 32; restore it from a backup (a new salt would \
                     make earlier caller hashes unmatchable), or delete it to start afresh",
                    bytes.len()
                ),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(e)),
    }
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(StoreError::Random)?;
    let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(io_err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{}.tmp", name.unwrap_or_default()));
    let _ = fs::remove_file(&tmp);
    {
        let mut f = fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp).map_err(io_err)?;
        f.write_all(&salt).map_err(io_err)?;
        f.sync_all().map_err(io_err)?;
    }
    // A hard link never replaces a salt another process created meanwhile.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            spool::sync_dir(&dir).map_err(io_err)?;
            Ok(salt)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => load_or_create_salt(path),
        Err(e) => Err(io_err(e)),
    }
}
