//! Embedded storage: one SQLite file (WAL) with the call records, the messages left for the
//! clerks and the questions the town file could not answer. Never any audio.
//!
//! The API is synchronous: call it from `spawn_blocking` or a dedicated thread. A [`Store`] is
//! `Send + Sync` (one connection behind a mutex) and meant to be shared in an `Arc`.
//!
//! Privacy: a caller's number is kept in `calls` only as a salted SHA-256 ([`Store::hash_caller`]);
//! transcripts are kept only when the town enabled them ([`StoreOptions::keep_transcripts`]);
//! [`Store::purge`] deletes everything older than the retention period, and deleted rows are
//! overwritten (`secure_delete`). A message's callback number is kept in clear: the caller left it
//! to be called back.
//!
//! A message is never lost: when the database cannot be written, [`Store::save_message`] puts it
//! in the spool directory, and [`Store::flush_spool`] (run at open and periodically) moves it in,
//! exactly once (the message's `uid` is unique in the table).

#![warn(missing_docs)]

mod clerks;
mod db;
mod records;
mod spool;
#[cfg(test)]
mod tests;

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

pub use clerks::Clerk;
pub use records::{
    CallRecord, CallerHash, Channel, Message, MessageSaved, NewMessage, Outcome, OutcomeCounts, PurgeCounts, Speaker, TranscriptLine, TurnLatencyMs, Unanswered,
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
    /// A file beside the database (salt, spool) could not be used.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The salt file is unusable.
    #[error("salt file {path}: {message}")]
    Salt {
        /// The salt file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The database was written by a newer standardiste.
    #[error("database {path} has schema version {found}; this standardiste knows up to {known}")]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The last migration known here.
        known: usize,
    },
    /// A message uid that cannot be a spool file name.
    #[error("message uid {0:?} must be 1 to 64 ASCII letters, digits or dashes")]
    BadUid(String),
    /// Neither the database nor the spool could take a message.
    #[error("message lost: database {path}: {db}; spool {spool_dir}: {spool}")]
    MessageLost {
        /// The database file.
        path: PathBuf,
        /// Why the database write failed.
        db: rusqlite::Error,
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
    /// How long a write waits for a lock held by another process before failing.
    pub busy_timeout: Duration,
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
        }
    }
}

/// The embedded database; see the module documentation.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    salt: [u8; 32],
    options: StoreOptions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("options", &self.options).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database, migrates it, and flushes the spool.
    ///
    /// A spool that cannot be flushed yet is not an error (it is logged and retried later).
    pub fn open(path: impl AsRef<Path>, options: StoreOptions) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let existed = path.exists();
        let salt_existed = options.salt_path.exists();
        let salt = load_or_create_salt(&options.salt_path)?;
        if existed && !salt_existed {
            tracing::warn!(
                salt = %options.salt_path.display(),
                "new salt for an existing database: earlier caller hashes will not match new ones"
            );
        }
        let sqlite = |source| StoreError::Sqlite { path: path.clone(), source };
        let mut conn = Connection::open(&path).map_err(sqlite)?;
        db::configure(&conn, options.busy_timeout).map_err(sqlite)?;
        match db::migrate(&mut conn).map_err(sqlite)? {
            Ok(()) => {}
            Err(found) => return Err(StoreError::NewerSchema { path, found, known: db::MIGRATIONS.len() }),
        }
        fs::create_dir_all(&options.spool_dir).map_err(|source| StoreError::Io { path: options.spool_dir.clone(), source })?;
        let store = Store { conn: Mutex::new(conn), path, salt, options };
        match store.flush_spool() {
            Ok(0) => {}
            Ok(n) => tracing::info!(messages = n, "spooled messages moved into the database"),
            Err(e) => tracing::warn!(error = %e, "the message spool could not be flushed yet"),
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
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
        db::insert_call(&self.conn(), call, transcript).map_err(|e| self.sqlite(e))
    }

    /// Saves a message in the database, or in the spool when the database cannot be written.
    pub fn save_message(&self, message: &NewMessage) -> Result<MessageSaved, StoreError> {
        if !spool::valid_uid(&message.uid) {
            return Err(StoreError::BadUid(message.uid.clone()));
        }
        let db_error = match db::insert_message(&self.conn(), message) {
            Ok((id, _)) => return Ok(MessageSaved::Stored(id)),
            Err(e) => e,
        };
        tracing::warn!(error = %db_error, "the database refused a message: spooling it");
        match spool::write(&self.options.spool_dir, message) {
            Ok(path) => Ok(MessageSaved::Spooled(path)),
            Err(spool) => Err(StoreError::MessageLost { path: self.path.clone(), db: db_error, spool_dir: self.options.spool_dir.clone(), spool }),
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
            let (_, new) = db::insert_message(&self.conn(), &message).map_err(|e| self.sqlite(e))?;
            inserted += usize::from(new);
            spool::remove(&file).map_err(|e| io_err(&file, e))?;
        }
        Ok(inserted)
    }

    /// Records a question the town file had no answer for (its text only).
    pub fn add_unanswered(&self, at: Timestamp, town: &str, text: &str) -> Result<i64, StoreError> {
        db::insert_unanswered(&self.conn(), at, town, text).map_err(|e| self.sqlite(e))
    }

    /// The latest calls, newest first.
    pub fn recent_calls(&self, limit: usize) -> Result<Vec<CallRecord>, StoreError> {
        db::recent_calls(&self.conn(), limit).map_err(|e| self.sqlite(e))
    }

    /// Messages, oldest first; only those not marked done when `only_open`.
    pub fn messages(&self, only_open: bool) -> Result<Vec<Message>, StoreError> {
        db::messages(&self.conn(), only_open).map_err(|e| self.sqlite(e))
    }

    /// Marks a message done; `false` when there is no open message with this id.
    pub fn mark_message_done(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        db::mark_done(&self.conn(), id, at).map_err(|e| self.sqlite(e))
    }

    /// The latest unanswered questions, newest first.
    pub fn recent_unanswered(&self, limit: usize) -> Result<Vec<Unanswered>, StoreError> {
        db::recent_unanswered(&self.conn(), limit).map_err(|e| self.sqlite(e))
    }

    /// Calls started at or after `since`, counted by outcome.
    pub fn stats_since(&self, since: Timestamp) -> Result<OutcomeCounts, StoreError> {
        db::stats_since(&self.conn(), since).map_err(|e| self.sqlite(e))
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
        let cutoff_ms = now.as_millisecond() - days * 86_400_000;
        db::purge(&mut self.conn(), cutoff_ms).map_err(|e| self.sqlite(e))
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions roll back).
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn sqlite(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }
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

/// Reads the 32-byte salt, creating it (mode 0600, written whole or not at all) if missing.
fn load_or_create_salt(path: &Path) -> Result<[u8; 32], StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    match fs::read(path) {
        Ok(bytes) => {
            return <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| StoreError::Salt {
                path: path.to_path_buf(),
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
