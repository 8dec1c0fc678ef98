//! The message spool: one JSON file per message that could not reach the database.
//!
//! A file is written under a temporary name, synced, renamed to `<uid>.json` and the directory
//! synced: after a crash (even `kill -9` or a power cut) a spool file is either whole or absent.
//! Temporary files left by a crash were never acknowledged to the caller and are ignored.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::records::NewMessage;

/// The spool file format (version 1).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpoolFile {
    v: u32,
    uid: String,
    call_id: String,
    created_at_ms: i64,
    callback_number: Option<String>,
    caller_name: Option<String>,
    transcript: String,
    service: Option<String>,
    /// Absent in files spooled before towns were recorded.
    #[serde(default)]
    town: Option<String>,
}

/// Whether a uid is safe as a file name (and sensible as a key).
pub(crate) fn valid_uid(uid: &str) -> bool {
    !uid.is_empty() && uid.len() <= 64 && uid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Writes one message durably into `dir`; returns the file's path.
pub(crate) fn write(dir: &Path, msg: &NewMessage) -> io::Result<PathBuf> {
    let file = SpoolFile {
        v: 1,
        uid: msg.uid.clone(),
        call_id: msg.call_id.clone(),
        created_at_ms: msg.created_at.as_millisecond(),
        callback_number: msg.callback_number.clone(),
        caller_name: msg.caller_name.clone(),
        transcript: msg.transcript.clone(),
        service: msg.service.clone(),
        town: msg.town.clone(),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", msg.uid));
    let path = dir.join(format!("{}.json", msg.uid));
    {
        let mut f = File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, &path)?;
    sync_dir(dir)?;
    Ok(path)
}

/// The spooled messages' files, oldest name first (names are random: order is not meaningful).
pub(crate) fn list(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with('.') && name.ends_with(".json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one spool file back.
pub(crate) fn read(path: &Path) -> io::Result<NewMessage> {
    let bytes = fs::read(path)?;
    let f: SpoolFile = serde_json::from_slice(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if f.v != 1 || !valid_uid(&f.uid) {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("unsupported spool file version {} or uid", f.v)));
    }
    let created_at = Timestamp::from_millisecond(f.created_at_ms).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(NewMessage {
        uid: f.uid,
        call_id: f.call_id,
        created_at,
        callback_number: f.callback_number,
        caller_name: f.caller_name,
        transcript: f.transcript,
        service: f.service,
        town: f.town,
    })
}

/// Removes a spool file whose message is now in the database.
pub(crate) fn remove(path: &Path) -> io::Result<()> {
    fs::remove_file(path)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Makes a directory's entries (a rename, a removal) durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tmp_files_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = NewMessage::new("call-1", Timestamp::from_second(1_700_000_000).unwrap(), "allô").unwrap();
        m.callback_number = Some("06 12 34 56 78".into());
        m.town = Some("saint-martin".into());
        let path = write(dir.path(), &m).unwrap();
        fs::write(dir.path().join(".half.tmp"), b"{\"v\":").unwrap();
        assert_eq!(list(dir.path()).unwrap(), vec![path.clone()]);
        assert_eq!(read(&path).unwrap(), m);
        remove(&path).unwrap();
        assert!(list(dir.path()).unwrap().is_empty());
        assert!(list(&dir.path().join("absent")).unwrap().is_empty());
    }

    #[test]
    fn uids_are_checked() {
        assert!(valid_uid("0a1b-2c"));
        assert!(!valid_uid("../etc/passwd"));
        assert!(!valid_uid(""));
    }
}
