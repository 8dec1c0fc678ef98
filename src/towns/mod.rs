//! The towns one service answers for: each town's file (reloaded on its own), voice, transfer
//! targets and clerks, and which town a called number reaches (`route`, a pure function).

pub mod route;

use std::sync::Arc;

use crate::answer::{Town, TownHandle};
use crate::call::synthesis::Voice;
pub use route::Routes;

/// One town of the service.
#[derive(Debug)]
pub struct ServedTown {
    /// The name kept with its calls and messages.
    pub name: String,
    /// Its town file, reloadable.
    pub town: Arc<TownHandle>,
    /// The voice that answers its calls.
    pub voice: Arc<Voice>,
    /// The clerks who may see its calls and messages.
    pub clerks: Vec<String>,
}

/// Every town of the service and the routing table of their numbers.
#[derive(Debug)]
pub struct Towns {
    towns: Vec<ServedTown>,
    routes: Routes,
}

impl Towns {
    /// Towns and their routes (indexes into `towns`).
    pub fn new(towns: Vec<ServedTown>, routes: Routes) -> Towns {
        assert!(!towns.is_empty(), "a service answers for at least one town");
        Towns { towns, routes }
    }

    /// One town answering every number, named after its file's `name`.
    pub fn single(town: TownHandle, voice: Arc<Voice>) -> Towns {
        let name = town.current().name.clone();
        Towns::new(vec![ServedTown { name, town: Arc::new(town), voice, clerks: Vec::new() }], Routes::single())
    }

    /// The index of the town a call to `request_uri` (else `to`) is for; `None`: no town has that number.
    pub fn route(&self, request_uri: &str, to: &str) -> Option<usize> {
        self.routes.route(request_uri, to).filter(|&i| i < self.towns.len())
    }

    /// The town at `index` (from `route`); the first town if out of range.
    pub fn get(&self, index: usize) -> &ServedTown {
        self.towns.get(index).unwrap_or(&self.towns[0])
    }

    /// Every town, in configuration order.
    pub fn all(&self) -> &[ServedTown] {
        &self.towns
    }

    /// The first town (the one a single-town service answers as).
    pub fn first(&self) -> &ServedTown {
        &self.towns[0]
    }

    /// The town named `name`.
    pub fn by_name(&self, name: &str) -> Option<&ServedTown> {
        self.towns.iter().find(|t| t.name == name)
    }

    /// The current town file of the first town (for what needs one town, e.g. recognition hints).
    pub fn first_town(&self) -> Arc<Town> {
        self.first().town.current()
    }

    /// The towns `clerk` may see: those listing them, or the only town of a single-town service.
    pub fn visible_to(&self, clerk: &str) -> Vec<&ServedTown> {
        if self.towns.len() == 1 && self.towns[0].clerks.is_empty() {
            return vec![&self.towns[0]];
        }
        self.towns.iter().filter(|t| t.clerks.iter().any(|c| c == clerk)).collect()
    }

    /// Reloads each town file that changed; a bad file keeps that town's previous version only.
    /// Returns how many towns were reloaded.
    pub fn poll(&self) -> usize {
        let mut reloaded = 0;
        for t in &self.towns {
            match t.town.poll() {
                Ok(true) => {
                    tracing::info!(town = %t.name, "town file reloaded");
                    reloaded += 1;
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(town = %t.name, error = %e, "town file not reloaded: the previous one stays for this town"),
            }
        }
        reloaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::tts::Speaker;

    fn voice() -> Arc<Voice> {
        Arc::new(Voice::new(Arc::new(Speaker::selected(None).unwrap()), 8000))
    }

    fn town_file(dir: &std::path::Path, file: &str, name: &str) -> std::path::PathBuf {
        let text = crate::answer::town::SAMPLE_TOML.replacen("name = \"", &format!("name = \"{name} "), 1);
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn each_town_reloads_on_its_own_and_a_bad_file_keeps_only_its_own_town() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (town_file(dir.path(), "a.toml", "Alpha"), town_file(dir.path(), "b.toml", "Beta"));
        let v = voice();
        let served = |name: &str, p: &std::path::Path, clerks: &[&str]| ServedTown {
            name: name.into(),
            town: Arc::new(TownHandle::load(p).unwrap()),
            voice: v.clone(),
            clerks: clerks.iter().map(|c| c.to_string()).collect(),
        };
        let numbers = [vec!["0561000001".to_string()], vec!["0561000002".to_string()]];
        let towns =
            Towns::new(vec![served("alpha", &a, &["marie"]), served("beta", &b, &["marie", "paul"])], Routes::new(numbers.iter().map(|n| n.as_slice())));
        assert_eq!(towns.get(towns.route("sip:0561000002@h", "").unwrap()).name, "beta");
        assert!(towns.route("sip:0561000003@h", "sip:0561000003@h").is_none());
        let names = |c: &str| towns.visible_to(c).iter().map(|t| t.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("paul"), ["beta"]);
        assert_eq!(names("marie"), ["alpha", "beta"]);
        assert!(names("intrus").is_empty());

        // A broken Alpha and a changed Beta: Beta reloads, Alpha keeps its previous town.
        let before = towns.by_name("alpha").unwrap().town.current().name.clone();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&a, "name = \"Alpha\"\n[[nonsense\n").unwrap();
        town_file(dir.path(), "b.toml", "Gamma");
        assert_eq!(towns.poll(), 1);
        assert_eq!(towns.by_name("alpha").unwrap().town.current().name, before);
        assert!(towns.by_name("beta").unwrap().town.current().name.starts_with("Gamma"), "{}", towns.by_name("beta").unwrap().town.current().name);
    }

    #[test]
    fn transfer_targets_of_the_configuration_replace_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = town_file(dir.path(), "a.toml", "Alpha");
        let operator = Town::sample().operator;
        let t = TownHandle::load_with_transfers(&a, [(operator.clone(), "sip:accueil@pbx.alpha".to_string())].into()).unwrap();
        let town = t.current();
        assert_eq!(town.services.iter().find(|s| s.id == operator).unwrap().transfer.as_deref(), Some("sip:accueil@pbx.alpha"));
        let err = TownHandle::load_with_transfers(&a, [("piscine-olympique".to_string(), "sip:x@y".to_string())].into()).unwrap_err();
        assert_eq!(err.field(), Some("transfers.piscine-olympique"), "{err}");
    }
}
