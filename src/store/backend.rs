//! The one interface both databases implement: every query the store makes.
//!
//! Adding a query: a method here, then its SQL once in `sqlite.rs` and once in `postgres.rs`,
//! and a public method on [`super::Store`] that calls it. The shared tests
//! (`tests/store_backends.rs`) then run it on both.

use jiff::Timestamp;

use super::clerks::Clerk;
use super::records::{CallRecord, Message, NewMessage, OutcomeCounts, PurgeCounts, TownScope, TranscriptLine, Unanswered};
use super::StoreError;

/// A database the store can keep its rows in. Implementations hold one connection; the store
/// serialises calls behind a mutex.
pub(crate) trait Backend: Send {
    /// The database, for error messages and logs (never a password).
    fn describe(&self) -> &str;

    /// Inserts or replaces one call; `transcript` is what may be kept of it.
    fn insert_call(&mut self, call: &CallRecord, transcript: Option<&Vec<TranscriptLine>>) -> Result<(), StoreError>;

    /// Inserts a message unless its uid is already there; returns its row id and whether it is new.
    fn insert_message(&mut self, message: &NewMessage) -> Result<(i64, bool), StoreError>;

    /// Inserts one unanswered question; returns its row id.
    fn insert_unanswered(&mut self, at: Timestamp, town: &str, text: &str) -> Result<i64, StoreError>;

    /// The latest calls of `scope`, newest first.
    fn recent_calls(&mut self, scope: &TownScope, limit: usize) -> Result<Vec<CallRecord>, StoreError>;

    /// Messages of `scope`, oldest first; only open ones when `only_open`.
    fn messages(&mut self, scope: &TownScope, only_open: bool) -> Result<Vec<Message>, StoreError>;

    /// Marks an open message of `scope` done; `false` when there is no such open message.
    fn mark_done(&mut self, scope: &TownScope, id: i64, at: Timestamp) -> Result<bool, StoreError>;

    /// The latest unanswered questions of `scope`, newest first.
    fn recent_unanswered(&mut self, scope: &TownScope, limit: usize) -> Result<Vec<Unanswered>, StoreError>;

    /// Calls of `scope` started at or after `since`, by outcome.
    fn stats_since(&mut self, scope: &TownScope, since: Timestamp) -> Result<OutcomeCounts, StoreError>;

    /// Deletes rows collected before `cutoff`, in one transaction.
    fn purge(&mut self, cutoff: Timestamp) -> Result<PurgeCounts, StoreError>;

    /// Creates a clerk or sets a new password hash; `true` when the account is new.
    fn set_clerk(&mut self, name: &str, password_hash: &str, at: Timestamp) -> Result<bool, StoreError>;

    /// The clerks, by name (only `name`'s when given).
    fn clerks(&mut self, name: Option<&str>) -> Result<Vec<Clerk>, StoreError>;

    /// Deletes a clerk's account; `false` when there was none.
    fn remove_clerk(&mut self, name: &str) -> Result<bool, StoreError>;
}
