//! Follow-ups: which turns lean on the last answer ("et le samedi ?", "et pour un enfant ?"), and
//! which service a follow-up names ("et celle des Tilleuls ?" after a town-hall annex).

use super::intent::{word_sim, Words};
use super::normalize::{is_stopword, tokens};
use super::town::Town;

/// Words of a follow-up that only point back at the last answer ("et il faut quels papiers ?").
pub const FOLLOW_WORDS: &[&str] = &[
    "papiers",
    "papier",
    "apporter",
    "amener",
    "documents",
    "quel",
    "quels",
    "quelle",
    "quelles",
    "payant",
    "payante",
    "gratuit",
    "cher",
    "enfant",
    "enfants",
    "adulte",
    "adultes",
    "fils",
    "fille",
    "mari",
    "femme",
    "ans",
    "paie",
    "paye",
    "payer",
    "prend",
    "long",
    "delai",
    "temps",
    "semaine",
    "jour",
    "jours",
];

/// Words of a follow-up that say "the same question" ("et samedi c'est pareil ?", "celle du sud").
pub const SAME_WORDS: &[&str] = &["pareil", "pareille", "meme", "aussi", "celle", "celui", "celles", "ceux", "idem", "egalement"];

/// A turn that leans on the previous one: "et le samedi ?", "et pour un enfant ?", "puis le tri ?"
/// (not "puis-je venir ?").
pub fn is_follow_up(w: &Words) -> bool {
    let first = w.t.first().map(String::as_str);
    let then = first == Some("puis") && w.t.get(1).is_some_and(|n| n != "je");
    // "mardi pareil ?", "le jeudi c'est les mêmes horaires ?": the same question asked again.
    let same = w.any(&["pareil", "pareille", "idem"]) || w.any_phrase(&["memes horaires", "meme horaire", "meme chose"]);
    w.content().len() <= 5 && (first == Some("et") || then || same || (w.content().len() <= 3 && matches!(first, Some("pour" | "mais" | "sinon" | "ca" | "c"))))
}

/// In a follow-up after an answer about the service `last`, the one other service of the same
/// kind (sharing a word of its names) that every word of `named` names: "et celle des Tilleuls ?"
/// after the annex of Saint-Roch is the annex of the Tilleuls, not their library.
pub fn sibling(town: &Town, last: usize, named: &[&str]) -> Option<usize> {
    if named.is_empty() {
        return None;
    }
    let kind: Vec<String> = name_words(town, last).into_iter().filter(|t| t.len() > 2 && !is_stopword(t)).collect();
    let fits: Vec<usize> = (0..town.services.len())
        .filter(|&i| i != last)
        .filter(|&i| {
            let own = name_words(town, i);
            own.iter().any(|t| kind.contains(t)) && named.iter().all(|n| own.iter().any(|t| word_sim(n, t) >= 0.9))
        })
        .collect();
    // Of several, the one whose own name (not an alias) shares most of the kind: "la mairie annexe
    // des Tilleuls" before "la bibliothèque des Tilleuls", also called "annexe de la médiathèque".
    let kinship = |i: usize| tokens(&town.services[i].name).iter().filter(|t| kind.contains(t)).count();
    let best = fits.iter().map(|&i| kinship(i)).max()?;
    let mut top = fits.into_iter().filter(|&i| kinship(i) == best);
    let pick = top.next()?;
    top.next().is_none().then_some(pick)
}

/// The words of a service's name and aliases.
pub fn name_words(town: &Town, i: usize) -> Vec<String> {
    let s = &town.services[i];
    std::iter::once(&s.name).chain(&s.aliases).flat_map(|l| tokens(l)).collect()
}
