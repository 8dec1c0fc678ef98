//! Which towns a clerk sees at the desk: in a service for several towns, only those whose
//! `clerks` list names them; in a single-town service, that town.

use std::sync::Arc;

use crate::answer::TownHandle;
use crate::store::TownScope;
use crate::towns::Towns;
use crate::web::site::Site;

/// One town at the desk.
#[derive(Debug, Clone)]
pub struct DeskTown {
    /// The name its calls and messages are kept under.
    pub name: String,
    /// Its town file.
    pub handle: Arc<TownHandle>,
}

/// The towns one clerk sees and the rows of the store they may read.
#[derive(Debug, Clone)]
pub struct DeskTowns {
    /// The towns, in configuration order (empty: the clerk belongs to no town of this service).
    pub towns: Vec<DeskTown>,
    /// The store rows of those towns.
    pub scope: TownScope,
}

impl DeskTowns {
    /// The towns `clerk` sees on `site`.
    pub fn of(site: &Site, clerk: &str) -> DeskTowns {
        match &site.towns {
            None => DeskTowns { towns: vec![DeskTown { name: site.town_name(), handle: site.town.clone() }], scope: TownScope::All },
            Some(towns) => DeskTowns::among(towns, clerk),
        }
    }

    /// The towns `clerk` sees among a service's `towns`.
    pub fn among(towns: &Towns, clerk: &str) -> DeskTowns {
        let visible: Vec<DeskTown> = towns.visible_to(clerk).into_iter().map(|t| DeskTown { name: t.name.clone(), handle: t.town.clone() }).collect();
        let scope = if towns.all().len() == 1 && !visible.is_empty() {
            TownScope::All
        } else {
            // Rows kept without a town come from before the service listed towns: its first town's.
            let untagged = visible.iter().any(|t| t.name == towns.first().name);
            TownScope::Towns { names: visible.iter().map(|t| t.name.clone()).collect(), untagged }
        };
        DeskTowns { towns: visible, scope }
    }

    /// Whether the clerk sees several towns (pages then name each row's town).
    pub fn several(&self) -> bool {
        self.towns.len() > 1
    }

    /// The town a row kept under `name` belongs to (rows without a town: the first one shown).
    pub fn for_row(&self, name: Option<&str>) -> Option<&DeskTown> {
        name.and_then(|n| self.towns.iter().find(|t| t.name == n)).or_else(|| self.towns.first())
    }

    /// The desk's notice for a clerk who belongs to no town of this service.
    pub fn none_html() -> &'static str {
        "<p class=\"erreur\" role=\"alert\">Votre compte n'est rattaché à aucune commune de ce service : rien ne peut vous être \
         montré. Demandez à l'administrateur d'ajouter votre nom à la liste <code>clerks</code> de votre commune dans \
         <code>standardiste.toml</code>.</p>\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Town;
    use crate::call::synthesis::Voice;
    use crate::towns::{Routes, ServedTown};

    fn served(name: &str, clerks: &[&str]) -> ServedTown {
        let voice = Arc::new(Voice::new(Arc::new(crate::speech::tts::Speaker::selected(None).unwrap()), 8000));
        ServedTown { name: name.into(), town: Arc::new(TownHandle::fixed(Town::sample())), voice, clerks: clerks.iter().map(|c| c.to_string()).collect() }
    }

    #[test]
    fn a_clerk_sees_the_towns_that_name_them_and_old_rows_only_with_the_first() {
        let towns = Towns::new(vec![served("alpha", &["marie"]), served("beta", &["marie", "paul"]), served("gamma", &[])], Routes::single());
        let marie = DeskTowns::among(&towns, "marie");
        assert_eq!(marie.towns.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["alpha", "beta"]);
        assert_eq!(marie.scope, TownScope::Towns { names: vec!["alpha".into(), "beta".into()], untagged: true });
        assert!(marie.several());
        assert_eq!(marie.for_row(Some("beta")).unwrap().name, "beta");
        let paul = DeskTowns::among(&towns, "paul");
        assert_eq!(paul.scope, TownScope::Towns { names: vec!["beta".into()], untagged: false });
        let nobody = DeskTowns::among(&towns, "intrus");
        assert!(nobody.towns.is_empty() && nobody.for_row(None).is_none());
        assert_eq!(nobody.scope, TownScope::Towns { names: vec![], untagged: false });
    }

    #[test]
    fn a_single_town_without_clerks_listed_is_every_clerks() {
        let towns = Towns::new(vec![served("seule", &[])], Routes::single());
        let any = DeskTowns::among(&towns, "quiconque");
        assert_eq!((any.towns.len(), any.scope), (1, TownScope::All));
    }
}
