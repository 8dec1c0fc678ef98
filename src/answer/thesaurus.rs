//! A general French thesaurus (LibreOffice's, Debian's `mythes-fr`, installed by
//! `scripts/install.sh`): the other words for a word, to reach a FAQ entry written in other words
//! than the caller's ("bicyclette" for "vélo"). Without it no word is looked up.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::normalize::tokens;

/// Where the thesaurus is looked for when `STANDARDISTE_THESAURUS` does not name one.
pub const THESAURUS: &str = "/usr/share/mythes/th_fr_FR_v2.dat";

/// Normalised single words, each with the normalised single words given as its synonyms.
#[derive(Debug, Default)]
pub struct Thesaurus {
    words: HashMap<String, Vec<String>>,
}

impl Thesaurus {
    /// Reads a MyThes data file ("word|n", then n lines "(kind)|synonym|synonym…").
    pub fn parse(text: &str) -> Thesaurus {
        let mut words: HashMap<String, Vec<String>> = HashMap::new();
        let mut lines = text.lines().skip(1);
        while let Some(head) = lines.next() {
            let Some((word, n)) = head.split_once('|') else { continue };
            let n: usize = n.trim().parse().unwrap_or(0);
            let key = single(word);
            for line in lines.by_ref().take(n) {
                let (Some(key), true) = (&key, line.starts_with('(')) else { continue };
                for syn in line.split('|').skip(1).filter_map(single) {
                    let list = words.entry(key.clone()).or_default();
                    if syn != *key && !list.contains(&syn) {
                        list.push(syn);
                    }
                }
            }
        }
        Thesaurus { words }
    }

    /// The synonyms of a normalised word, or of its singular ("bicyclettes").
    pub fn synonyms(&self, word: &str) -> &[String] {
        if let Some(s) = self.words.get(word) {
            return s;
        }
        word.strip_suffix(['s', 'x']).and_then(|w| self.words.get(w)).map_or(&[], Vec::as_slice)
    }
}

/// A thesaurus word as one normalised word, if it is one word ("V.T.T." is "vtt"; not "mettre en route").
fn single(s: &str) -> Option<String> {
    let s = s.split('(').next().unwrap_or("").trim();
    match tokens(s).as_slice() {
        [w] if w.len() >= 3 && !w.chars().all(|c| c.is_ascii_digit()) => Some(w.clone()),
        _ => None,
    }
}

/// The thesaurus file: `$STANDARDISTE_THESAURUS`, else Debian's.
pub fn path() -> PathBuf {
    std::env::var_os("STANDARDISTE_THESAURUS").filter(|p| !p.is_empty()).map_or_else(|| PathBuf::from(THESAURUS), PathBuf::from)
}

/// The installed thesaurus, read once; None when the file is missing or unreadable.
pub fn installed() -> Option<&'static Thesaurus> {
    static T: OnceLock<Option<Thesaurus>> = OnceLock::new();
    T.get_or_init(|| {
        let path = path();
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(Thesaurus::parse(&text)),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "no French thesaurus: FAQ entries are reached by their own words only (scripts/install.sh installs mythes-fr)");
                None
            }
        }
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::Thesaurus;

    const SAMPLE: &str = "UTF-8\nbicyclette|2\n(Nom)|bécane|vélo|deux-roues|V.T.T.\n(Nom)|mettre en route|cycle\nvélo|1\n(Nom)|bicyclette|bécane\n";

    #[test]
    fn a_word_gets_its_one_word_synonyms_normalised() {
        let t = Thesaurus::parse(SAMPLE);
        assert_eq!(t.synonyms("bicyclette"), ["becane", "velo", "vtt", "cycle"]);
        assert_eq!(t.synonyms("bicyclettes"), ["becane", "velo", "vtt", "cycle"], "the plural finds the word");
        assert_eq!(t.synonyms("velo"), ["bicyclette", "becane"]);
        assert!(t.synonyms("tandem").is_empty());
    }
}
