//! Words the recogniser misheard into no French word at all ("merpredi", "samdi", "gardorie",
//! "sacture") respelled as the one word of the town's vocabulary, or of the words the answers hang
//! on (days, months, opening and closing), that they are a letter or two away from.
//!
//! A word is only respelled when the French dictionary (Debian's `wfrench`, installed by
//! `scripts/install.sh`) does not know it; without the dictionary nothing is respelled. Around such
//! a word, up to four words may be heard as one name of the town that they sound like ("l'Ophi du
//! Tourisme"), the French words among them included.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::normalize::{phonetic, tokens};
use super::phonetic::{distance, same_onset as sound_onset};
use super::town::Town;

/// Where the French word list is looked for when `STANDARDISTE_WORDLIST` does not name one.
pub const WORDLIST: &str = "/usr/share/dict/french";

/// The words the answers hang on, whatever the town, besides the days: months, opening and
/// closing, times.
const GENERAL: &[&str] = &[
    "janvier",
    "fevrier",
    "avril",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "ouvert",
    "ouverte",
    "ouverts",
    "ouvertes",
    "rouvre",
    "rouvrent",
    "ferme",
    "fermee",
    "fermez",
    "ferment",
    "fermer",
    "fermeture",
    "ouverture",
    "horaire",
    "horaires",
    "heure",
    "heures",
    "mairie",
    "demain",
    "semaine",
    "poubelle",
    "poubelles",
    "collecte",
    "ramassage",
    "facture",
];

/// The French word list in use: `STANDARDISTE_WORDLIST`, else [`WORDLIST`].
pub fn wordlist_path() -> PathBuf {
    std::env::var_os("STANDARDISTE_WORDLIST").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(WORDLIST))
}

/// The French words, normalised as questions are (no accents, no case), or None when the word
/// list is not installed.
pub fn dictionary() -> Option<&'static HashSet<String>> {
    static WORDS: OnceLock<Option<HashSet<String>>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let path = wordlist_path();
            let start = std::time::Instant::now();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let words: HashSet<String> = text.lines().flat_map(tokens).collect();
                    tracing::debug!(path = %path.display(), words = words.len(), seconds = start.elapsed().as_secs_f64(), "French word list loaded");
                    Some(words)
                }
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "no French word list: misheard words are not respelled (scripts/install.sh installs it)");
                    None
                }
            }
        })
        .as_ref()
}

/// The words a misheard word may be respelled as, for one town.
#[derive(Debug, Clone, Default)]
pub struct Respeller {
    targets: Vec<String>,
    names: Vec<Name>,
}

/// One of the town's names, or of the words the answers hang on, as it sounds.
#[derive(Debug, Clone)]
struct Name {
    /// Its normalised words.
    words: String,
    /// The phonetic key of its words said as one.
    key: String,
}

/// The fewest sounds a name has for a misheard span to be heard as it.
const FEWEST_SOUNDS: usize = 7;
/// The fewest sounds a name has for words heard apart to be read as it when they sound exactly
/// like it together ("mrona madi": Mronamadi).
const FEWEST_SOUNDS_SPLIT: usize = 5;
/// The most words of a misheard span read as one name.
const SPAN: usize = 4;

impl Respeller {
    /// The town's vocabulary (services and their other names, FAQ keywords, streets, kinds of
    /// waste collected) and the general words, of four letters or more.
    pub fn new(town: &Town) -> Self {
        let mut seen = HashSet::new();
        let names = town.services.iter().flat_map(|s| std::iter::once(&s.name).chain(&s.aliases));
        let keywords = town.faqs.iter().flat_map(|f| &f.keywords);
        let streets = town.streets.iter().map(|s| &s.display);
        let rounds = town.collections.iter().map(|c| &c.kind);
        let general = super::mend::DAYS.iter().chain(GENERAL).map(|w| w.to_string());
        let town_names: Vec<&String> = names.chain(keywords).chain(streets).chain(rounds).collect();
        let mut targets: Vec<String> = general.collect();
        targets.extend(town_names.iter().flat_map(|t| tokens(t)).filter(|t| t.len() >= 4 && t.chars().all(|c| c.is_ascii_alphabetic())));
        targets.retain(|t| seen.insert(t.clone()));
        // Each word of the vocabulary, and each name said whole ("office de tourisme").
        let names = sounding(targets.iter().cloned().chain(town_names.iter().map(|t| tokens(t).join(" "))));
        Self { targets, names }
    }

    /// The normalised `text` with each word unknown to French and to the town respelled as the
    /// single closest word of the town's vocabulary, when there is one, else with the words around
    /// it heard as the one name they sound like, when there is one.
    pub fn respell(&self, text: &str) -> String {
        let Some(french) = dictionary() else {
            return text.to_string();
        };
        let words: Vec<&str> = text.split(' ').collect();
        let mut out: Vec<&str> = Vec::with_capacity(words.len());
        // The words from `own_from` on went out as heard: a misheard span may take them back.
        let mut own_from = 0;
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            // A plural the word list lacks ("facs", "biblis") is a French word too.
            let plural_of_known = w.strip_suffix('s').is_some_and(|s| french.contains(s));
            let known =
                w.len() < 4 || !w.chars().all(|c| c.is_ascii_alphabetic()) || french.contains(w) || plural_of_known || self.targets.iter().any(|t| t == w);
            if known {
                out.push(w);
            } else if let Some(t) = self.closest(w) {
                out.push(t);
                own_from = i + 1;
            } else if let Some((start, end, name)) = self.heard_as(&words, i, own_from) {
                tracing::debug!(heard = words[start..end].join(" "), name, "misheard words read as a name");
                out.truncate(out.len() - (i - start));
                out.push(name);
                own_from = end;
                i = end;
                continue;
            } else {
                out.push(w);
            }
            i += 1;
        }
        out.join(" ")
    }

    /// The one name that the words around the misheard `words[i]` sound like, said as one
    /// ("ophi du tourisme", "sud artific"), with the span of words it replaces: the closest at
    /// most a fifth of its sounds away, starting alike; None when two names are as close.
    fn heard_as<'a>(&'a self, words: &[&str], i: usize, own_from: usize) -> Option<(usize, usize, &'a str)> {
        let mut best: Option<(f32, usize, usize, &str)> = None;
        let mut tied = false;
        // From the word itself first: on equal sound, "l ophi…" keeps its article.
        for start in (i.saturating_sub(1).max(own_from)..=i).rev() {
            for end in i + 1..=(start + SPAN).min(words.len()) {
                if words[start..end].iter().any(|w| !w.chars().all(|c| c.is_ascii_alphabetic())) {
                    continue;
                }
                let heard = phonetic(&words[start..end].concat());
                for name in &self.names {
                    let most = name.key.len() as f32 * 0.2;
                    if (heard.len() as f32 - name.key.len() as f32).abs() > most.max(1.0) || !sound_onset(&heard, &name.key) {
                        continue;
                    }
                    let d = distance(&heard, &name.key);
                    let split = end - start >= 2 && d == 0.0;
                    if d > most || (name.key.len() < FEWEST_SOUNDS && !split) {
                        continue;
                    }
                    let score = d / name.key.len() as f32;
                    match best {
                        Some((b, _, _, n)) if score > b || (score == b && n == name.words) => {}
                        Some((b, _, _, _)) if score == b => tied = true,
                        _ => {
                            best = Some((score, start, end, &name.words));
                            tied = false;
                        }
                    }
                }
            }
        }
        best.filter(|_| !tied).map(|(_, start, end, name)| (start, end, name))
    }

    /// The one target a letter away from `heard` (two from seven letters), starting with the same
    /// sound, else the one it begins with (`run_on`); None when none is, or when two are as close.
    fn closest(&self, heard: &str) -> Option<&str> {
        let most = if heard.len() >= 7 { 2 } else { 1 };
        let mut best: Option<(usize, &str)> = None;
        let mut tied = false;
        for t in &self.targets {
            // A silent "h": "auraire" is "horaire".
            let silent_h = t.starts_with('h') && heard.starts_with(['a', 'e', 'i', 'o', 'u']);
            let t_said = if silent_h { &t[1..] } else { t.as_str() };
            if t_said.len().abs_diff(heard.len()) > most || !(silent_h || same_onset(heard, t_said)) {
                continue;
            }
            let d = strsim::damerau_levenshtein(heard, t_said);
            if d > most {
                continue;
            }
            match best {
                Some((b, _)) if d > b => {}
                Some((b, _)) if d == b => tied = true,
                _ => {
                    best = Some((d, t));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(_, t)| t).or_else(|| self.run_on(heard))
    }

    /// The target a longer heard word begins with, its first eight letters or more, the rest being
    /// what came after it run on ("encombranjeratees" → "encombrant"); among several, the one
    /// sharing most letters, then the shortest.
    fn run_on(&self, heard: &str) -> Option<&str> {
        const HEAD: usize = 8;
        let shared = |t: &str| t.bytes().zip(heard.bytes()).take_while(|(a, b)| a == b).count();
        self.targets
            .iter()
            .filter(|t| t.len() >= HEAD && heard.len() > t.len() && shared(t) >= HEAD)
            .min_by_key(|t| (usize::MAX - shared(t), t.len()))
            .map(String::as_str)
    }
}

/// Names of enough sounds, each sound heard once: a plural sounding as its singular is not a second
/// name ("association", "associations").
fn sounding(words: impl Iterator<Item = String>) -> Vec<Name> {
    let mut seen = HashSet::new();
    words
        .map(|words| Name { key: phonetic(&words.replace(' ', "")), words })
        .filter(|n| n.key.len() >= FEWEST_SOUNDS_SPLIT && seen.insert(n.key.clone()))
        .collect()
}

/// Whether two words start with the same letter, or with letters the 8 kHz line confuses
/// ("sermé" for "fermé", "zendredi" for "vendredi").
fn same_onset(a: &str, b: &str) -> bool {
    const CONFUSED: &[(char, char)] = &[('s', 'f'), ('z', 'v'), ('v', 'f')];
    match (a.chars().next(), b.chars().next()) {
        (Some(x), Some(y)) => x == y || CONFUSED.iter().any(|&(p, q)| (x, y) == (p, q) || (x, y) == (q, p)),
        _ => false,
    }
}

/// Whether the French word list is here for a test that needs it; in CI it must be
/// (`scripts/install.sh` installs it).
#[cfg(test)]
pub(crate) fn word_list_for_test() -> bool {
    if dictionary().is_some() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "no French word list at {}", wordlist_path().display());
    eprintln!("skipped: no French word list at {} (scripts/install.sh installs wfrench)", wordlist_path().display());
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn respeller(words: &[&str]) -> Respeller {
        let names = sounding(words.iter().map(|w| w.to_string()));
        Respeller { targets: words.iter().filter(|w| !w.contains(' ')).map(|w| w.to_string()).collect(), names }
    }

    #[test]
    fn misheard_words_around_a_name_are_heard_as_it() {
        if !word_list_for_test() {
            return;
        }
        let r = respeller(&["office du tourisme", "feu d artifice", "car scolaire", "mairie annexe", "mercredi", "mardi", "bandrakoni", "mronamadi"]);
        assert_eq!(r.respell("l ophi du tourisme ferme a quelle heure"), "l office du tourisme ferme a quelle heure");
        assert_eq!(r.respell("le sud artific du nouvel an"), "le feu d artifice du nouvel an");
        assert_eq!(r.respell("le carcolaire il part quand"), "le car scolaire il part quand");
        // A village's name heard as two words.
        assert_eq!(r.respell("a bandra koni les sacs"), "a bandrakoni les sacs");
        // A short name only when the words together sound exactly like it, before a day is read.
        assert_eq!(r.respell("la mairie de mrona madi"), "la mairie de mronamadi");
        assert_eq!(r.respell("la mairie de mrona"), "la mairie de mrona");
        // Nothing near enough: the words stay the caller's.
        assert_eq!(r.respell("le zorglub est ouvert"), "le zorglub est ouvert");
    }

    #[test]
    fn a_misheard_word_is_respelled_as_the_one_close_target() {
        let r = respeller(&["mercredi", "samedi", "garderie", "facture", "fermee", "gare", "garde", "horaire"]);
        assert_eq!(r.closest("merpredi"), Some("mercredi"));
        assert_eq!(r.closest("samdi"), Some("samedi"));
        assert_eq!(r.closest("gardorie"), Some("garderie"));
        assert_eq!(r.closest("sacture"), Some("facture"), "f heard s on the phone line");
        assert_eq!(r.closest("auraire"), Some("horaire"), "a silent h");
        // Two as close: neither.
        assert_eq!(r.closest("garre"), None);
        // Too far, or another first sound.
        assert_eq!(r.closest("samille"), None);
        assert_eq!(r.closest("tardorie"), None);
        // A town word with what came after it run on.
        let r = respeller(&["encombrant", "encombrants", "poubelle", "poubelles"]);
        assert_eq!(r.closest("encombranjeratees"), Some("encombrant"));
        assert_eq!(r.closest("poubellesdu"), Some("poubelles"));
        assert_eq!(r.closest("poubel"), None);
    }

    #[test]
    fn words_of_the_dictionary_stay_as_they_are() {
        if !word_list_for_test() {
            return;
        }
        let r = respeller(&["mercredi", "garderie", "cantine"]);
        assert_eq!(r.respell("la gardorie c est ouvert merpredi"), "la garderie c est ouvert mercredi");
        // "cantines" and "garder" are French: never respelled.
        assert_eq!(r.respell("les cantines on peut garder"), "les cantines on peut garder");
    }
}
