//! The PostgreSQL backend: one connection (reopened when it drops), TLS as libpq's `sslmode`,
//! the schema migrations and each query.
//!
//! Times are `timestamptz`; lists `jsonb`. The caller-hash salt lives in the `settings` table, so
//! every node using the database hashes a number alike.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use jiff::Timestamp;
use postgres::config::{Host, SslMode};
use postgres::types::Json;
use postgres::{Client, Row};
use postgres_native_tls::MakeTlsConnector;

use super::backend::Backend;
use super::clerks::Clerk;
use super::records::{CallRecord, CallerHash, Message, NewMessage, Outcome, OutcomeCounts, PurgeCounts, TownScope, TranscriptLine, Unanswered};
use super::StoreError;

/// The schema, one file per step (`migrations/postgres/`); the `schema_migrations` table lists
/// the steps applied. Never edit a file once released: add the next one.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_init.sql"),
    include_str!("migrations/postgres/0002_towns.sql"),
    include_str!("migrations/postgres/0003_clerks.sql"),
];

/// The advisory lock that keeps two nodes from migrating at the same moment ("standard").
const MIGRATION_LOCK: i64 = 0x7374_616e_6461_7264;

/// A connection string made ready for the driver: libpq's `sslmode` values and `sslrootcert`
/// taken out (the driver knows only disable, prefer and require).
#[derive(Debug)]
struct Target {
    config: postgres::Config,
    verify_chain: bool,
    verify_host: bool,
    root_cert: Option<String>,
}

/// Splits libpq-only parameters off a URL (`postgres://…?k=v&…`) or a `key=value …` string.
fn parse_target(conn: &str) -> Result<Target, String> {
    let is_url = conn.starts_with("postgres://") || conn.starts_with("postgresql://");
    let (head, params, sep) = if is_url {
        match conn.split_once('?') {
            Some((h, q)) => (h.to_string(), q.split('&').map(str::to_string).collect::<Vec<_>>(), "&"),
            None => (conn.to_string(), Vec::new(), "&"),
        }
    } else {
        (String::new(), conn.split_whitespace().map(str::to_string).collect(), " ")
    };
    let mut kept = Vec::new();
    let (mut mode, mut root_cert) = ("prefer".to_string(), None);
    for p in params.into_iter().filter(|p| !p.is_empty()) {
        match p.split_once('=') {
            Some(("sslmode", v)) => mode = v.to_string(),
            Some(("sslrootcert", v)) => root_cert = Some(v.replace("%2F", "/").replace("%2f", "/")),
            _ => kept.push(p),
        }
    }
    let (driver_mode, verify_chain, verify_host) = match mode.as_str() {
        "disable" => ("disable", false, false),
        "allow" | "prefer" => ("prefer", false, false),
        "require" => ("require", false, false),
        "verify-ca" => ("require", true, false),
        "verify-full" => ("require", true, true),
        other => return Err(format!("sslmode {other:?}: use disable, prefer, require, verify-ca or verify-full")),
    };
    kept.push(format!("sslmode={driver_mode}"));
    let rebuilt = if is_url { format!("{head}?{}", kept.join(sep)) } else { kept.join(sep) };
    let config = postgres::Config::from_str(&rebuilt).map_err(|e| e.to_string())?;
    if config.get_hosts().is_empty() {
        return Err("names no host (e.g. postgres://standardiste@db.example/standardiste)".into());
    }
    Ok(Target { config, verify_chain, verify_host, root_cert })
}

/// Checks a connection string as the configuration is read: `Err` says what is wrong.
pub fn check_url(conn: &str) -> Result<(), String> {
    parse_target(conn).map(|_| ())
}

/// `postgres://user@host:port/db`, without any password.
fn describe(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "?".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    format!("postgres://{user}{host}:{port}/{}", config.get_dbname().unwrap_or(""))
}

/// A shared PostgreSQL database.
pub(crate) struct Postgres {
    config: postgres::Config,
    tls: MakeTlsConnector,
    client: Option<Client>,
    describe: String,
}

impl Postgres {
    /// Connects, migrates and keeps the connection. `password` overrides one in the URL; every
    /// network wait (connecting, an unanswered write) is bounded by `timeout`.
    pub(crate) fn open(conn: &str, password: Option<&str>, timeout: Duration) -> Result<Postgres, StoreError> {
        let bad = |message: String| StoreError::Config { message };
        let target = parse_target(conn).map_err(|m| bad(format!("[store] url: {m}")))?;
        let mut config = target.config;
        let describe = describe(&config);
        if let Some(p) = password {
            config.password(p);
        }
        config.connect_timeout(timeout).tcp_user_timeout(timeout).keepalives_idle(Duration::from_secs(30));
        if config.get_application_name().is_none() {
            config.application_name("standardiste");
        }
        if config.get_options().is_none() {
            config.options(&format!("-c statement_timeout={} -c client_min_messages=warning", timeout.as_millis().max(1)));
        }
        let mut tls = native_tls::TlsConnector::builder();
        tls.danger_accept_invalid_certs(!target.verify_chain).danger_accept_invalid_hostnames(!target.verify_host);
        if let Some(path) = &target.root_cert {
            let pem = std::fs::read(path).map_err(|source| StoreError::Io { path: Path::new(path).to_path_buf(), source })?;
            let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| bad(format!("sslrootcert {path}: {e}")))?;
            tls.add_root_certificate(cert);
        }
        let tls = MakeTlsConnector::new(tls.build().map_err(|e| bad(format!("TLS: {e}")))?);
        if config.get_ssl_mode() == SslMode::Disable && (target.verify_chain || target.root_cert.is_some()) {
            return Err(bad("[store] url: sslrootcert given with sslmode=disable".into()));
        }
        let mut db = Postgres { config, tls, client: None, describe };
        let client = db.client()?;
        let applied = migrate(client).map_err(|e| db.err(e))?;
        if let Err(found) = applied {
            return Err(StoreError::NewerSchema { database: db.describe.clone(), found, known: MIGRATIONS.len() });
        }
        Ok(db)
    }

    /// The open connection, reconnecting when there is none or it dropped.
    fn client(&mut self) -> Result<&mut Client, StoreError> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.client = None;
            let client = self.config.connect(self.tls.clone()).map_err(|source| StoreError::Postgres { database: self.describe.clone(), source })?;
            self.client = Some(client);
        }
        Ok(self.client.as_mut().expect("connected above"))
    }

    fn err(&self, source: postgres::Error) -> StoreError {
        StoreError::Postgres { database: self.describe.clone(), source }
    }

    fn bad_row(&self, message: String) -> StoreError {
        StoreError::BadRow { database: self.describe.clone(), message }
    }

    /// Runs `f` on the connection, mapping the driver's error. A connection found dead on use (the
    /// server restarted since) is reopened and `f` run once more: every query here may run twice
    /// (calls and messages are keyed; an unanswered question may at worst be counted twice).
    fn with<T>(&mut self, mut f: impl FnMut(&mut Client) -> Result<T, postgres::Error>) -> Result<T, StoreError> {
        let was_open = self.client.is_some();
        let first = f(self.client()?);
        match first {
            Err(e) if was_open && self.client.as_ref().is_none_or(Client::is_closed) => {
                tracing::info!(error = %e, database = %self.describe, "the database connection dropped: reconnecting");
                self.client = None;
                let client = self.client()?;
                f(client).map_err(|e| self.err(e))
            }
            r => r.map_err(|e| self.err(e)),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // The driver closes its connection by blocking on a runtime of its own, which panics on a
        // thread that drives async tasks (the last `Arc<Store>` may be dropped in one).
        if let Some(client) = self.client.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                let _ = std::thread::spawn(move || drop(client)).join();
            }
        }
    }
}

/// Applies the missing migrations in one transaction, under an advisory lock. `Ok(Err(version))`
/// when the database is newer than this program.
fn migrate(client: &mut Client) -> Result<Result<(), i64>, postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")?;
    let version: i32 = tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])?.get(0);
    if version as usize > MIGRATIONS.len() {
        return Ok(Err(i64::from(version)));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&(i as i32 + 1)])?;
        tracing::debug!(version = i + 1, "database schema migrated");
    }
    tx.commit()?;
    Ok(Ok(()))
}

const CALL_COLUMNS: &str = "id, started_at, ended_at, channel, caller_hash, outcome, turns, intents, latencies, transcript, town";
const MESSAGE_COLUMNS: &str = "id, uid, call_id, created_at, callback_number, caller_name, transcript, service, done_at, town";

/// The condition on a row's `town` for a scope in parameters $2 (the towns, or NULL for every
/// town) and $3 (whether rows without a town are in); `IN_SCOPE_3` uses $3 and $4.
const IN_SCOPE_2: &str = "($2::text[] IS NULL OR town = ANY($2) OR (town IS NULL AND $3))";
/// [`IN_SCOPE_2`] one parameter further.
const IN_SCOPE_3: &str = "($3::text[] IS NULL OR town = ANY($3) OR (town IS NULL AND $4))";

/// The two parameters of a scope condition.
fn scope_params(scope: &TownScope) -> (Option<Vec<String>>, bool) {
    let (names, untagged) = scope.filter();
    (names.map(<[String]>::to_vec), untagged)
}

fn call_from_row(row: &Row) -> Result<CallRecord, String> {
    let turns: i32 = row.get(6);
    Ok(CallRecord {
        id: row.get(0),
        started_at: row.get(1),
        ended_at: row.get(2),
        channel: row.get::<_, String>(3).parse()?,
        caller_hash: row.get::<_, Option<String>>(4).map(CallerHash),
        outcome: row.get::<_, String>(5).parse()?,
        turns: u32::try_from(turns).map_err(|e| e.to_string())?,
        intents: row.get::<_, Json<Vec<String>>>(7).0,
        latencies: row.get::<_, Json<_>>(8).0,
        transcript: row.get::<_, Option<Json<Vec<TranscriptLine>>>>(9).map(|j| j.0),
        town: row.get(10),
    })
}

fn message_from_row(row: &Row) -> Message {
    Message {
        id: row.get(0),
        message: NewMessage {
            uid: row.get(1),
            call_id: row.get(2),
            created_at: row.get(3),
            callback_number: row.get(4),
            caller_name: row.get(5),
            transcript: row.get(6),
            service: row.get(7),
            town: row.get(9),
        },
        done_at: row.get(8),
    }
}

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Postgres {
    /// The caller-hash salt every node shares: the one in `settings`, else `fresh`, stored there.
    pub(crate) fn shared_salt(&mut self, fresh: &[u8; 32]) -> Result<[u8; 32], StoreError> {
        let value: Vec<u8> = self.with(|c| {
            c.execute("INSERT INTO settings (name, value) VALUES ('caller_salt', $1) ON CONFLICT (name) DO NOTHING", &[&fresh.as_slice()])?;
            Ok(c.query_one("SELECT value FROM settings WHERE name = 'caller_salt'", &[])?.get(0))
        })?;
        let salt = <[u8; 32]>::try_from(value.as_slice()).map_err(|_| StoreError::Salt {
            place: format!("{} settings.caller_salt", self.describe),
            message: format!("holds {} bytes instead of 32; restore it from a backup", value.len()),
        })?;
        Ok(salt)
    }
}

impl Backend for Postgres {
    fn describe(&self) -> &str {
        &self.describe
    }

    fn set_clerk(&mut self, name: &str, password_hash: &str, at: Timestamp) -> Result<bool, StoreError> {
        self.with(|db| {
            let existed = db.query_opt("SELECT 1 FROM clerks WHERE name = $1", &[&name])?.is_some();
            db.execute(
                "INSERT INTO clerks (name, password_hash, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, created_at = EXCLUDED.created_at",
                &[&name, &password_hash, &at],
            )?;
            Ok(!existed)
        })
    }

    fn clerks(&mut self, name: Option<&str>) -> Result<Vec<Clerk>, StoreError> {
        let rows =
            self.with(|db| db.query("SELECT name, password_hash, created_at FROM clerks WHERE $1::TEXT IS NULL OR name = $1 ORDER BY name", &[&name]))?;
        Ok(rows.iter().map(|r| Clerk { name: r.get(0), password_hash: r.get(1), created_at: r.get(2) }).collect())
    }

    fn remove_clerk(&mut self, name: &str) -> Result<bool, StoreError> {
        Ok(self.with(|db| db.execute("DELETE FROM clerks WHERE name = $1", &[&name]))? == 1)
    }

    fn insert_call(&mut self, c: &CallRecord, transcript: Option<&Vec<TranscriptLine>>) -> Result<(), StoreError> {
        let turns = i32::try_from(c.turns).unwrap_or(i32::MAX);
        let sql = format!(
            "INSERT INTO calls ({CALL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                 channel = EXCLUDED.channel, caller_hash = EXCLUDED.caller_hash, outcome = EXCLUDED.outcome,
                 turns = EXCLUDED.turns, intents = EXCLUDED.intents, latencies = EXCLUDED.latencies,
                 transcript = EXCLUDED.transcript, town = EXCLUDED.town"
        );
        self.with(|db| {
            db.execute(
                &sql,
                &[
                    &c.id,
                    &c.started_at,
                    &c.ended_at,
                    &c.channel.as_str(),
                    &c.caller_hash.as_ref().map(CallerHash::as_str),
                    &c.outcome.as_str(),
                    &turns,
                    &Json(&c.intents),
                    &Json(&c.latencies),
                    &transcript.map(Json),
                    &c.town,
                ],
            )
        })?;
        Ok(())
    }

    fn insert_message(&mut self, m: &NewMessage) -> Result<(i64, bool), StoreError> {
        self.with(|db| {
            let inserted = db.query_opt(
                "INSERT INTO messages (uid, call_id, created_at, callback_number, caller_name, transcript, service, town)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (uid) DO NOTHING RETURNING id",
                &[&m.uid, &m.call_id, &m.created_at, &m.callback_number, &m.caller_name, &m.transcript, &m.service, &m.town],
            )?;
            match inserted {
                Some(row) => Ok((row.get(0), true)),
                None => Ok((db.query_one("SELECT id FROM messages WHERE uid = $1", &[&m.uid])?.get(0), false)),
            }
        })
    }

    fn insert_unanswered(&mut self, at: Timestamp, town: &str, text: &str) -> Result<i64, StoreError> {
        self.with(|db| Ok(db.query_one("INSERT INTO unanswered (created_at, town, text) VALUES ($1, $2, $3) RETURNING id", &[&at, &town, &text])?.get(0)))
    }

    fn recent_calls(&mut self, scope: &TownScope, n: usize) -> Result<Vec<CallRecord>, StoreError> {
        let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE {IN_SCOPE_2} ORDER BY started_at DESC, id DESC LIMIT $1");
        let (names, untagged) = scope_params(scope);
        let rows = self.with(|db| db.query(&sql, &[&limit(n), &names, &untagged]))?;
        rows.iter().map(|r| call_from_row(r).map_err(|m| self.bad_row(m))).collect()
    }

    fn messages(&mut self, scope: &TownScope, only_open: bool) -> Result<Vec<Message>, StoreError> {
        let sql = format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE (done_at IS NULL OR NOT $1) AND {IN_SCOPE_2} ORDER BY created_at, id");
        let (names, untagged) = scope_params(scope);
        let rows = self.with(|db| db.query(&sql, &[&only_open, &names, &untagged]))?;
        Ok(rows.iter().map(message_from_row).collect())
    }

    fn mark_done(&mut self, scope: &TownScope, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        let sql = format!("UPDATE messages SET done_at = $2 WHERE id = $1 AND done_at IS NULL AND {IN_SCOPE_3}");
        let (names, untagged) = scope_params(scope);
        self.with(|db| Ok(db.execute(&sql, &[&id, &at, &names, &untagged])? == 1))
    }

    fn recent_unanswered(&mut self, scope: &TownScope, n: usize) -> Result<Vec<Unanswered>, StoreError> {
        let sql = format!("SELECT id, created_at, town, text FROM unanswered WHERE {IN_SCOPE_2} ORDER BY created_at DESC, id DESC LIMIT $1");
        let (names, untagged) = scope_params(scope);
        let rows = self.with(|db| db.query(&sql, &[&limit(n), &names, &untagged]))?;
        Ok(rows.iter().map(|r| Unanswered { id: r.get(0), created_at: r.get(1), town: r.get(2), text: r.get(3) }).collect())
    }

    fn stats_since(&mut self, scope: &TownScope, since: Timestamp) -> Result<OutcomeCounts, StoreError> {
        let sql = format!("SELECT outcome, COUNT(*) FROM calls WHERE started_at >= $1 AND {IN_SCOPE_2} GROUP BY outcome");
        let (names, untagged) = scope_params(scope);
        let rows = self.with(|db| db.query(&sql, &[&since, &names, &untagged]))?;
        let mut counts = OutcomeCounts::default();
        for row in rows {
            let outcome: Outcome = row.get::<_, String>(0).parse().map_err(|m| self.bad_row(m))?;
            counts.add(outcome, row.get::<_, i64>(1).max(0) as u64);
        }
        Ok(counts)
    }

    fn purge(&mut self, cutoff: Timestamp) -> Result<PurgeCounts, StoreError> {
        self.with(|db| {
            let mut tx = db.transaction()?;
            let mut delete = |sql: &str| tx.execute(sql, &[&cutoff]).map(|n| n as usize);
            let counts = PurgeCounts {
                calls: delete("DELETE FROM calls WHERE started_at < $1")?,
                done_messages: delete("DELETE FROM messages WHERE created_at < $1 AND done_at IS NOT NULL")?,
                open_messages: delete("DELETE FROM messages WHERE created_at < $1 AND done_at IS NULL")?,
                unanswered: delete("DELETE FROM unanswered WHERE created_at < $1")?,
            };
            tx.commit()?;
            Ok(counts)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_ssl_modes_map_onto_the_driver() {
        let t = parse_target("postgres://u:secret@db.example:5433/s?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem").unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Require);
        assert!(t.verify_chain && t.verify_host);
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(describe(&t.config), "postgres://u@db.example:5433/s");
        let t = parse_target("host=/run/postgresql dbname=s sslmode=disable").unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Disable);
        assert_eq!(describe(&t.config), "postgres:///run/postgresql:5432/s");
        let t = parse_target("postgresql://db/s").unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Prefer);
        assert!(!t.verify_chain);
        let t = parse_target("postgres://db/s?sslmode=verify-ca").unwrap();
        assert!(t.verify_chain && !t.verify_host);
        assert!(check_url("postgres://db/s?sslmode=always").unwrap_err().contains("sslmode"));
        assert!(check_url("dbname=s").unwrap_err().contains("no host"));
    }
}
