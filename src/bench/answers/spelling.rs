//! A question written as a transcript ("c est ferme a la bibliotheque") spelt again as French
//! ("c'est fermé à la bibliothèque") before the bench's caller voice says it: a caller says the
//! words, not the letters, while Pico reads "s il" as "esse il" and "ferme" as the farm.
//!
//! Accents come from the town's own names first, then from the French word list; a word the list
//! knows without accents keeps them off, but after an auxiliary ("c est ferme", "ils sont passes")
//! it is the past participle. Elided letters get their apostrophe back ("j ai" → "j'ai").

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::answer::normalize::plain_tokens as tokens;
use crate::answer::respell::wordlist_path;
use crate::answer::Town;

/// Letters and words that stand elided before the next word in a transcript ("qu il", "l annexe").
const ELIDED: &[&str] = &["c", "j", "l", "d", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "aujourd"];

/// Words after which a word with a past participle is that participle ("c est ferme" → "fermé").
const AUXILIARIES: &[&str] =
    &["est", "sont", "suis", "es", "etes", "etait", "etaient", "ai", "as", "a", "ont", "avez", "avons", "ete", "bien", "deja", "pas", "toujours"];

/// The accented spellings of the French word list, by their form without accents.
fn french() -> &'static HashMap<String, Vec<String>> {
    static FORMS: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let text = std::fs::read_to_string(wordlist_path()).unwrap_or_default();
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for word in text.lines().map(str::trim).filter(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase())) {
            if let [bare] = tokens(word).as_slice() {
                forms.entry(bare.clone()).or_default().push(word.to_string());
            }
        }
        forms
    })
}

/// The question as a caller would say it, for a voice to read.
pub fn spoken_form(town: &Town, question: &str) -> String {
    let own = town_forms(town);
    let words: Vec<String> = tokens(question);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| words[j].as_str());
        let word = respelt(&own, w, before.is_some_and(|b| AUXILIARIES.contains(&b)));
        if let Some(prev) = out.last_mut().filter(|_| before.is_some_and(|b| ELIDED.contains(&b))) {
            prev.push('\'');
            prev.push_str(&word);
            continue;
        }
        out.push(word);
    }
    out.join(" ")
}

/// The town's names (services, streets) by their words without accents.
fn town_forms(town: &Town) -> HashMap<String, String> {
    let mut own = HashMap::new();
    let names =
        town.services.iter().flat_map(|s| std::iter::once(&s.name).chain(&s.aliases)).chain(town.streets.iter().map(|s| &s.display)).chain([&town.name]);
    for word in names.flat_map(|n| n.split(|c: char| !c.is_alphabetic())).filter(|w| w.len() > 1) {
        let lower = word.to_lowercase();
        if let [bare] = tokens(&lower).as_slice() {
            if *bare != lower {
                own.entry(bare.clone()).or_insert(lower);
            }
        }
    }
    own
}

/// One word spelt again: the town's spelling, else the word list's.
fn respelt(own: &HashMap<String, String>, w: &str, after_auxiliary: bool) -> String {
    if let Some(s) = own.get(w) {
        return s.clone();
    }
    let Some(forms) = french().get(w) else {
        return w.to_string();
    };
    if forms.iter().any(|f| f == w) {
        // "ferme", "passes": the participle after an auxiliary.
        let participle = |f: &&String| f.ends_with('é') || f.ends_with("ée") || f.ends_with("és") || f.ends_with("ées");
        return match forms.iter().find(participle) {
            Some(p) if after_auxiliary => p.clone(),
            _ => w.to_string(),
        };
    }
    forms[0].clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_is_spelt_again_as_french() {
        if french().is_empty() {
            return; // no word list here: nothing to spell with (scripts/install.sh installs it)
        }
        let town = Town::sample();
        assert_eq!(spoken_form(&town, "plus lentement s il vous plait j ecris"), "plus lentement s'il vous plaît j'écris");
        assert_eq!(spoken_form(&town, "c est ferme a la bibliotheque tout le mois d aout"), "c'est fermé a la bibliothèque tout le mois d'août");
        assert_eq!(spoken_form(&town, "ils sont passes ce matin"), "ils sont passés ce matin");
        assert_eq!(spoken_form(&town, "la ferme du village"), "la ferme du village");
    }
}
