//! The SQLite backend: connection settings, the schema migrations and each query.
//!
//! Times are stored as Unix milliseconds (UTC); lists as JSON text.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::backend::Backend;
use super::records::{CallRecord, CallerHash, Message, NewMessage, Outcome, OutcomeCounts, PurgeCounts, TownScope, TranscriptLine, Unanswered};
use super::StoreError;

/// The schema, one file per step (`migrations/sqlite/`); `PRAGMA user_version` counts the steps
/// applied. Never edit a file once released: add the next one.
pub(crate) const MIGRATIONS: &[&str] =
    &[include_str!("migrations/sqlite/0001_init.sql"), include_str!("migrations/sqlite/0002_towns.sql"), include_str!("migrations/sqlite/0003_clerks.sql")];

/// The embedded database: one SQLite file.
pub(crate) struct Sqlite {
    conn: Connection,
    path: PathBuf,
    describe: String,
}

impl Sqlite {
    /// Opens (creating if needed) the file and migrates it.
    pub(crate) fn open(path: &Path, busy_timeout: Duration) -> Result<Sqlite, StoreError> {
        let sqlite = |source| StoreError::Sqlite { path: path.to_path_buf(), source };
        let mut conn = Connection::open(path).map_err(sqlite)?;
        configure(&conn, busy_timeout).map_err(sqlite)?;
        if let Err(found) = migrate(&mut conn).map_err(sqlite)? {
            return Err(StoreError::NewerSchema { database: path.display().to_string(), found, known: MIGRATIONS.len() });
        }
        Ok(Sqlite { conn, path: path.to_path_buf(), describe: path.display().to_string() })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }
}

impl Backend for Sqlite {
    fn describe(&self) -> &str {
        &self.describe
    }

    fn set_clerk(&mut self, name: &str, password_hash: &str, at: Timestamp) -> Result<bool, StoreError> {
        super::clerks::sqlite::set(&self.conn, name, password_hash, at).map_err(|e| self.err(e))
    }

    fn clerks(&mut self, name: Option<&str>) -> Result<Vec<super::clerks::Clerk>, StoreError> {
        super::clerks::sqlite::list(&self.conn, name).map_err(|e| self.err(e))
    }

    fn remove_clerk(&mut self, name: &str) -> Result<bool, StoreError> {
        super::clerks::sqlite::remove(&self.conn, name).map_err(|e| self.err(e))
    }

    fn insert_call(&mut self, call: &CallRecord, transcript: Option<&Vec<TranscriptLine>>) -> Result<(), StoreError> {
        insert_call(&self.conn, call, transcript).map_err(|e| self.err(e))
    }

    fn insert_message(&mut self, message: &NewMessage) -> Result<(i64, bool), StoreError> {
        insert_message(&self.conn, message).map_err(|e| self.err(e))
    }

    fn insert_unanswered(&mut self, at: Timestamp, town: &str, text: &str) -> Result<i64, StoreError> {
        insert_unanswered(&self.conn, at, town, text).map_err(|e| self.err(e))
    }

    fn recent_calls(&mut self, scope: &TownScope, limit: usize) -> Result<Vec<CallRecord>, StoreError> {
        recent_calls(&self.conn, scope, limit).map_err(|e| self.err(e))
    }

    fn messages(&mut self, scope: &TownScope, only_open: bool) -> Result<Vec<Message>, StoreError> {
        messages(&self.conn, scope, only_open).map_err(|e| self.err(e))
    }

    fn mark_done(&mut self, scope: &TownScope, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        mark_done(&self.conn, scope, id, at).map_err(|e| self.err(e))
    }

    fn recent_unanswered(&mut self, scope: &TownScope, limit: usize) -> Result<Vec<Unanswered>, StoreError> {
        recent_unanswered(&self.conn, scope, limit).map_err(|e| self.err(e))
    }

    fn stats_since(&mut self, scope: &TownScope, since: Timestamp) -> Result<OutcomeCounts, StoreError> {
        stats_since(&self.conn, scope, since).map_err(|e| self.err(e))
    }

    fn purge(&mut self, cutoff: Timestamp) -> Result<PurgeCounts, StoreError> {
        purge(&mut self.conn, cutoff.as_millisecond()).map_err(|e| self.err(e))
    }
}

/// WAL, durable commits, overwritten deletions, and a bounded wait for locks.
fn configure(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    conn.busy_timeout(busy_timeout)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(journal_mode = %mode, "SQLite refused WAL mode; commits are still durable");
    }
    // FULL: in WAL mode, NORMAL already survives `kill -9` (committed pages sit in the OS cache)
    // but may lose the last commits on a power cut. Writes here are a few per call, so the
    // extra fsync per commit costs nothing noticeable, and a message a resident was told is
    // recorded must survive the town hall's power going off.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Applies the missing migrations, each in its own transaction. `Ok(Err(version))` when the
/// file is newer than this program.
fn migrate(conn: &mut Connection) -> rusqlite::Result<Result<(), i64>> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Ok(Err(version));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
        tracing::debug!(version = i + 1, "database schema migrated");
    }
    Ok(Ok(()))
}

fn bad(col: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, Box::new(e))
}

fn to_json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn json_col<T: serde::de::DeserializeOwned>(row: &Row<'_>, col: usize) -> rusqlite::Result<T> {
    let text: String = row.get(col)?;
    serde_json::from_str(&text).map_err(|e| bad(col, e))
}

fn ts_col(row: &Row<'_>, col: usize) -> rusqlite::Result<Timestamp> {
    let ms: i64 = row.get(col)?;
    Timestamp::from_millisecond(ms).map_err(|e| bad(col, e))
}

fn parsed_col<T: std::str::FromStr<Err = String>>(row: &Row<'_>, col: usize) -> rusqlite::Result<T> {
    let text: String = row.get(col)?;
    text.parse().map_err(|e: String| bad(col, std::io::Error::other(e)))
}

/// Inserts or replaces one call.
fn insert_call(conn: &Connection, c: &CallRecord, transcript: Option<&Vec<TranscriptLine>>) -> rusqlite::Result<()> {
    let transcript = transcript.map(to_json).transpose()?;
    conn.execute(
        "INSERT OR REPLACE INTO calls (id, started_at, ended_at, channel, caller_hash, outcome,
             turns, intents, latencies, transcript, town)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            c.id,
            c.started_at.as_millisecond(),
            c.ended_at.as_millisecond(),
            c.channel.as_str(),
            c.caller_hash.as_ref().map(CallerHash::as_str),
            c.outcome.as_str(),
            c.turns,
            to_json(&c.intents)?,
            to_json(&c.latencies)?,
            transcript,
            c.town,
        ],
    )?;
    Ok(())
}

/// Inserts a message unless its uid is already there; returns its row id and whether it is new.
fn insert_message(conn: &Connection, m: &NewMessage) -> rusqlite::Result<(i64, bool)> {
    let new = conn.execute(
        "INSERT INTO messages (uid, call_id, created_at, callback_number, caller_name,
             transcript, service, town)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (uid) DO NOTHING",
        params![m.uid, m.call_id, m.created_at.as_millisecond(), m.callback_number, m.caller_name, m.transcript, m.service, m.town],
    )? == 1;
    let id = conn.query_row("SELECT id FROM messages WHERE uid = ?1", [&m.uid], |r| r.get(0))?;
    Ok((id, new))
}

/// Inserts one unanswered question.
fn insert_unanswered(conn: &Connection, at: Timestamp, town: &str, text: &str) -> rusqlite::Result<i64> {
    conn.execute("INSERT INTO unanswered (created_at, town, text) VALUES (?1, ?2, ?3)", params![at.as_millisecond(), town, text])?;
    Ok(conn.last_insert_rowid())
}

fn call_from_row(row: &Row<'_>) -> rusqlite::Result<CallRecord> {
    let transcript: Option<String> = row.get(9)?;
    Ok(CallRecord {
        id: row.get(0)?,
        started_at: ts_col(row, 1)?,
        ended_at: ts_col(row, 2)?,
        channel: parsed_col(row, 3)?,
        caller_hash: row.get::<_, Option<String>>(4)?.map(CallerHash),
        outcome: parsed_col(row, 5)?,
        turns: row.get(6)?,
        intents: json_col(row, 7)?,
        latencies: json_col(row, 8)?,
        transcript: match transcript {
            Some(t) => Some(serde_json::from_str(&t).map_err(|e| bad(9, e))?),
            None => None,
        },
        town: row.get(10)?,
    })
}

/// The latest calls, newest first.
/// The SQL condition on a row's `town` for a scope whose parameters are `?{n}` (the towns as a JSON
/// array, or NULL for every town) and `?{n+1}` (whether rows without a town are in).
fn in_scope(n: usize) -> String {
    format!("(?{n} IS NULL OR town IN (SELECT value FROM json_each(?{n})) OR (town IS NULL AND ?{}))", n + 1)
}

/// The two parameters of [`in_scope`].
fn scope_params(scope: &TownScope) -> (Option<String>, bool) {
    let (names, untagged) = scope.filter();
    (names.map(|n| serde_json::to_string(n).unwrap_or_else(|_| "[]".into())), untagged)
}

fn recent_calls(conn: &Connection, scope: &TownScope, limit: usize) -> rusqlite::Result<Vec<CallRecord>> {
    let mut st = conn.prepare(&format!(
        "SELECT id, started_at, ended_at, channel, caller_hash, outcome, turns, intents,
             latencies, transcript, town
         FROM calls WHERE {} ORDER BY started_at DESC, id DESC LIMIT ?1",
        in_scope(2)
    ))?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let (names, untagged) = scope_params(scope);
    let rows = st.query_map(params![limit, names, untagged], call_from_row)?;
    rows.collect()
}

fn message_from_row(row: &Row<'_>) -> rusqlite::Result<Message> {
    let done_at: Option<i64> = row.get(8)?;
    Ok(Message {
        id: row.get(0)?,
        message: NewMessage {
            uid: row.get(1)?,
            call_id: row.get(2)?,
            created_at: ts_col(row, 3)?,
            callback_number: row.get(4)?,
            caller_name: row.get(5)?,
            transcript: row.get(6)?,
            service: row.get(7)?,
            town: row.get(9)?,
        },
        done_at: match done_at {
            Some(ms) => Some(Timestamp::from_millisecond(ms).map_err(|e| bad(8, e))?),
            None => None,
        },
    })
}

/// Messages, oldest first.
fn messages(conn: &Connection, scope: &TownScope, only_open: bool) -> rusqlite::Result<Vec<Message>> {
    let mut st = conn.prepare(&format!(
        "SELECT id, uid, call_id, created_at, callback_number, caller_name, transcript, service,
             done_at, town
         FROM messages WHERE (done = 0 OR ?1 = 0) AND {} ORDER BY created_at, id",
        in_scope(2)
    ))?;
    let (names, untagged) = scope_params(scope);
    let rows = st.query_map(params![only_open, names, untagged], message_from_row)?;
    rows.collect()
}

/// Marks an open message done.
fn mark_done(conn: &Connection, scope: &TownScope, id: i64, at: Timestamp) -> rusqlite::Result<bool> {
    let (names, untagged) = scope_params(scope);
    let sql = format!("UPDATE messages SET done = 1, done_at = ?2 WHERE id = ?1 AND done = 0 AND {}", in_scope(3));
    let n = conn.execute(&sql, params![id, at.as_millisecond(), names, untagged])?;
    Ok(n == 1)
}

/// The latest unanswered questions, newest first.
fn recent_unanswered(conn: &Connection, scope: &TownScope, limit: usize) -> rusqlite::Result<Vec<Unanswered>> {
    let mut st = conn.prepare(&format!(
        "SELECT id, created_at, town, text FROM unanswered WHERE {}
         ORDER BY created_at DESC, id DESC LIMIT ?1",
        in_scope(2)
    ))?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let (names, untagged) = scope_params(scope);
    let rows = st.query_map(params![limit, names, untagged], |row| {
        Ok(Unanswered { id: row.get(0)?, created_at: ts_col(row, 1)?, town: row.get(2)?, text: row.get(3)? })
    })?;
    rows.collect()
}

/// Calls started at or after `since`, by outcome.
fn stats_since(conn: &Connection, scope: &TownScope, since: Timestamp) -> rusqlite::Result<OutcomeCounts> {
    let mut st = conn.prepare(&format!("SELECT outcome, COUNT(*) FROM calls WHERE started_at >= ?1 AND {} GROUP BY outcome", in_scope(2)))?;
    let mut counts = OutcomeCounts::default();
    let (names, untagged) = scope_params(scope);
    let mut rows = st.query(params![since.as_millisecond(), names, untagged])?;
    while let Some(row) = rows.next()? {
        let outcome: Outcome = parsed_col(row, 0)?;
        let n: i64 = row.get(1)?;
        counts.add(outcome, n.max(0) as u64);
    }
    Ok(counts)
}

/// Deletes rows collected before `cutoff_ms`, then truncates the WAL.
fn purge(conn: &mut Connection, cutoff_ms: i64) -> rusqlite::Result<PurgeCounts> {
    let tx = conn.transaction()?;
    let counts = PurgeCounts {
        calls: tx.execute("DELETE FROM calls WHERE started_at < ?1", [cutoff_ms])?,
        done_messages: tx.execute("DELETE FROM messages WHERE created_at < ?1 AND done = 1", [cutoff_ms])?,
        open_messages: tx.execute("DELETE FROM messages WHERE created_at < ?1 AND done = 0", [cutoff_ms])?,
        unanswered: tx.execute("DELETE FROM unanswered WHERE created_at < ?1", [cutoff_ms])?,
    };
    tx.commit()?;
    // Readers may keep the checkpoint from finishing; the next purge will try again.
    let _busy: Option<i64> = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).optional()?;
    Ok(counts)
}
