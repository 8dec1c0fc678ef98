//! Answering core: the town file, understanding spoken French, time-aware answers for the ear.

pub mod activities;
pub mod adapter;
pub mod choose;
pub mod collection;
pub mod collection_answer;
pub mod conversation;
pub mod dense;
pub mod encoder;
pub mod follow;
pub mod holidays;
pub mod hours;
pub mod hours_answer;
pub mod intent;
pub mod kinds;
pub mod lexicon;
pub mod mend;
pub mod normalize;
pub mod occasions;
pub mod phonetic;
pub mod reload;
pub mod respell;
pub mod retrieval;
pub mod rounds;
pub mod senses;
pub mod services;
pub mod speak;
pub mod streets;
pub mod synonyms;
pub mod thesaurus;
pub mod timeexpr;
pub mod town;

pub use conversation::{Action, Conversation, Reply};
pub use intent::Intent;
pub use reload::TownHandle;
pub use town::{Town, TownError};

/// The town's vocabulary (town, services, aliases, streets) as a short prompt for the recogniser.
pub fn vocabulary(town: &Town) -> String {
    const MAX: usize = 600;
    let mut seen = std::collections::HashSet::new();
    let mut words: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && seen.insert(s.to_lowercase()) {
            words.push(s.to_string());
        }
    };
    push(&format!("Mairie de {}", town.name));
    // Most useful first: one short name per service, the streets, then the other aliases.
    for s in &town.services {
        push(s.aliases.first().unwrap_or(&s.name));
    }
    for st in &town.streets {
        push(&st.display);
    }
    for s in &town.services {
        for a in s.aliases.iter().skip(1) {
            push(a);
        }
    }
    let mut out = String::new();
    for w in words {
        if out.len() + w.len() + 2 > MAX {
            continue;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&w);
    }
    out.push('.');
    out
}
