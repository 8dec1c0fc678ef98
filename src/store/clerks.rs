//! The clerks' accounts for the desk (`/admin`): a name and an argon2 password hash (PHC string).
//! Hashing and checking passwords is the web desk's business; the store keeps only the hash.

use jiff::Timestamp;

use super::{Store, StoreError};

/// One clerk's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clerk {
    /// The log-in name.
    pub name: String,
    /// The argon2 hash in PHC format (`$argon2id$v=19$…`).
    pub password_hash: String,
    /// When the account was created or its password last set.
    pub created_at: Timestamp,
}

impl Store {
    /// Creates a clerk or sets a new password hash; `true` when the account is new.
    pub fn set_clerk(&self, name: &str, password_hash: &str, at: Timestamp) -> Result<bool, StoreError> {
        self.db().set_clerk(name, password_hash, at)
    }

    /// The clerk with this name, if any.
    pub fn clerk(&self, name: &str) -> Result<Option<Clerk>, StoreError> {
        Ok(self.db().clerks(Some(name))?.into_iter().next())
    }

    /// Every clerk, by name.
    pub fn clerks(&self) -> Result<Vec<Clerk>, StoreError> {
        self.db().clerks(None)
    }

    /// Deletes a clerk's account; `false` when there was none.
    pub fn remove_clerk(&self, name: &str) -> Result<bool, StoreError> {
        self.db().remove_clerk(name)
    }
}

/// The SQLite side of the clerks' queries.
pub(crate) mod sqlite {
    use jiff::Timestamp;
    use rusqlite::{params, Connection};

    use super::Clerk;

    /// Creates or updates a clerk; `true` when new.
    pub(crate) fn set(conn: &Connection, name: &str, password_hash: &str, at: Timestamp) -> rusqlite::Result<bool> {
        let existed = !list(conn, Some(name))?.is_empty();
        conn.execute(
            "INSERT INTO clerks (name, password_hash, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, created_at = excluded.created_at",
            params![name, password_hash, at.as_millisecond()],
        )?;
        Ok(!existed)
    }

    /// The clerks by name (only `name`'s when given).
    pub(crate) fn list(conn: &Connection, name: Option<&str>) -> rusqlite::Result<Vec<Clerk>> {
        let mut st = conn.prepare("SELECT name, password_hash, created_at FROM clerks WHERE ?1 IS NULL OR name = ?1 ORDER BY name")?;
        let rows = st.query_map([name], |row| {
            let ms: i64 = row.get(2)?;
            let created_at =
                Timestamp::from_millisecond(ms).map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Integer, Box::new(e)))?;
            Ok(Clerk { name: row.get(0)?, password_hash: row.get(1)?, created_at })
        })?;
        rows.collect()
    }

    /// Deletes a clerk; `true` when there was one.
    pub(crate) fn remove(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
        Ok(conn.execute("DELETE FROM clerks WHERE name = ?1", [name])? == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreOptions;

    #[test]
    fn clerks_are_added_updated_listed_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let store = Store::open(&path, StoreOptions::beside(&path)).unwrap();
        let t = Timestamp::UNIX_EPOCH;
        assert!(store.set_clerk("martine", "$argon2id$a", t).unwrap());
        assert!(!store.set_clerk("martine", "$argon2id$b", t).unwrap());
        assert!(store.set_clerk("alain", "$argon2id$c", t).unwrap());
        assert_eq!(store.clerk("martine").unwrap().unwrap().password_hash, "$argon2id$b");
        let names: Vec<String> = store.clerks().unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["alain", "martine"]);
        assert!(store.remove_clerk("alain").unwrap());
        assert!(!store.remove_clerk("alain").unwrap());
        assert!(store.clerk("alain").unwrap().is_none());
    }
}
