//! Clerks' passwords: argon2id hashes in PHC format, checked in time that does not reveal
//! whether the name exists.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

/// Why a password cannot be set.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Too short.
    #[error("the password must have at least {MIN_LENGTH} characters")]
    TooShort,
    /// Hashing failed.
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

/// The argon2id hash (PHC string, random salt) of a password of at least [`MIN_LENGTH`] characters.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordError::TooShort);
    }
    hash_any(password)
}

fn hash_any(password: &str) -> Result<String, PasswordError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether `password` matches the stored hash; with no hash (unknown name), a dummy hash is
/// checked anyway so that the answer takes as long.
pub fn verify_password(stored: Option<&str>, password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_any("no clerk has this password").unwrap_or_default());
    let hash = stored.unwrap_or(dummy);
    let ok = match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    };
    ok && stored.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "salted");
        assert!(verify_password(Some(&a), "correct horse battery"));
        assert!(!verify_password(Some(&a), "correct horse batterie"));
        assert!(!verify_password(None, "no clerk has this password"));
        assert!(!verify_password(Some("not a hash"), "x"));
        assert!(matches!(hash_password("short"), Err(PasswordError::TooShort)));
    }
}
