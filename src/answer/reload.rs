//! Hot reload of the town file: an `ArcSwap` swapped when the file's modification time changes.
//!
//! A conversation keeps the `Arc<Town>` it started with for the whole call (answers stay
//! consistent); new calls pick up the new town. A file that fails to load keeps the old town.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use arc_swap::ArcSwap;

use super::town::{Town, TownError};

/// The current town, shared by every call, reloadable.
#[derive(Debug)]
pub struct TownHandle {
    path: Option<PathBuf>,
    /// Transfer targets by service id that replace the file's (the service configuration's).
    transfers: BTreeMap<String, String>,
    current: ArcSwap<Town>,
    mtime: Mutex<Option<SystemTime>>,
}

impl TownHandle {
    /// Loads a town file and watches it.
    pub fn load(path: impl AsRef<Path>) -> Result<TownHandle, TownError> {
        TownHandle::load_with_transfers(path, BTreeMap::new())
    }

    /// Loads a town file and watches it; `transfers` (service id → SIP URI) replace the file's
    /// transfer targets at every load.
    pub fn load_with_transfers(path: impl AsRef<Path>, transfers: BTreeMap<String, String>) -> Result<TownHandle, TownError> {
        let path = path.as_ref().to_path_buf();
        let mtime = modified(&path);
        let town = Arc::new(with_transfers(Town::load(&path)?, &transfers)?);
        super::dense::warm(town.clone());
        Ok(TownHandle { path: Some(path), transfers, current: ArcSwap::new(town), mtime: Mutex::new(mtime) })
    }

    /// The watched file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A fixed town (e.g. the embedded sample), never reloaded.
    pub fn fixed(town: Town) -> TownHandle {
        let town = Arc::new(town);
        super::dense::warm(town.clone());
        TownHandle { path: None, transfers: BTreeMap::new(), current: ArcSwap::new(town), mtime: Mutex::new(None) }
    }

    /// Loads the file again now, changed or not; the previous town stays on error. `Ok(false)`
    /// for a fixed town.
    pub fn reload(&self) -> Result<bool, TownError> {
        let Some(path) = &self.path else { return Ok(false) };
        let mut last = self.mtime.lock().unwrap_or_else(|e| e.into_inner());
        *last = modified(path);
        let town = Arc::new(with_transfers(Town::load(path)?, &self.transfers)?);
        super::dense::warm(town.clone());
        self.current.store(town);
        tracing::info!(file = %path.display(), "town file reloaded on request");
        Ok(true)
    }

    /// The town to give a new conversation.
    pub fn current(&self) -> Arc<Town> {
        self.current.load_full()
    }

    /// Reloads the file if its modification time changed; Ok(true) when a new town is in place.
    /// On a load error the previous town stays and the error is returned.
    pub fn poll(&self) -> Result<bool, TownError> {
        let Some(path) = &self.path else { return Ok(false) };
        let now = modified(path);
        let mut last = self.mtime.lock().unwrap_or_else(|e| e.into_inner());
        if now == *last {
            return Ok(false);
        }
        *last = now;
        let town = Arc::new(with_transfers(Town::load(path)?, &self.transfers)?);
        super::dense::warm(town.clone());
        self.current.store(town);
        tracing::info!(file = %path.display(), "town file reloaded");
        Ok(true)
    }
}

/// The town with its services' transfer targets replaced; an unknown service id is an error.
fn with_transfers(mut town: Town, transfers: &BTreeMap<String, String>) -> Result<Town, TownError> {
    for (id, target) in transfers {
        let Some(service) = town.services.iter_mut().find(|s| &s.id == id) else {
            let ids: Vec<&str> = town.services.iter().map(|s| s.id.as_str()).collect();
            return Err(TownError::Invalid {
                file: town.source.clone(),
                line: 1,
                field: format!("transfers.{id}"),
                message: format!(
                    "the service configuration gives a transfer target for {id:?}, which is no service of this town (services: {})",
                    ids.join(", ")
                ),
            });
        };
        service.transfer = Some(target.clone());
    }
    Ok(town)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
