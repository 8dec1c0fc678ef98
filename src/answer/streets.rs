//! Loose street matching: abbreviations, articles, accents and small recognition errors.

use super::normalize::{is_stopword, phonetic, tokens};

const TYPES: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "place",
    "chemin",
    "impasse",
    "allee",
    "route",
    "square",
    "quai",
    "cours",
    "passage",
    "sentier",
    "lotissement",
    "residence",
    "chaussee",
    "voie",
    "promenade",
    "esplanade",
    "hameau",
    "cite",
    "parvis",
    "rond",
    "point",
    "ruelle",
    "faubourg",
    "clos",
    "montee",
    "sente",
    "venelle",
];
/// The street types callers say most, which alone mark words as a street's ("la rue", "les chemins").
const COMMON: &[&str] = &["rue", "avenue", "boulevard", "place", "chemin", "impasse", "allee", "route", "quai"];

/// Whether a word is one of the street types callers say most, singular or plural.
pub fn is_common_type(w: &str) -> bool {
    COMMON.contains(&w) || w.strip_suffix('s').is_some_and(|w| COMMON.contains(&w))
}

/// Kinds of place that open a name in a town file but, said by a caller, name a neighbourhood
/// rather than confirm a street ("la mairie de quartier de Saint-Roch" is not the rue Saint-Roch's).
const AREAS: &[&str] = &["quartier", "domaine"];

const ARTICLES: &[&str] = &["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "en", "et", "sur"];

/// Expands a normalised street-type abbreviation ("av" → "avenue").
pub(super) fn expand_abbrev(t: &str) -> &str {
    match t {
        "av" | "ave" | "avn" => "avenue",
        "bd" | "bld" | "boul" | "bvd" => "boulevard",
        "pl" => "place",
        "r" => "rue",
        "ch" | "che" | "chem" => "chemin",
        "imp" => "impasse",
        "all" => "allee",
        "rte" => "route",
        "sq" => "square",
        "fg" | "fbg" => "faubourg",
        "st" => "saint",
        "ste" => "sainte",
        "pdt" | "pres" => "president",
        "gal" | "gl" => "general",
        "mal" => "marechal",
        other => other,
    }
}

/// A street of the town, ready for matching.
#[derive(Debug, Clone)]
pub struct Street {
    /// The name as written in the town file.
    pub display: String,
    /// Street type ("rue", "avenue"…), if any.
    kind: Option<String>,
    /// Significant name words.
    name: Vec<String>,
    /// Their phonetic keys.
    ph: Vec<String>,
}

impl Street {
    /// Prepares a street name for matching.
    pub fn new(display: &str) -> Street {
        let mut toks: Vec<String> = tokens(display).into_iter().map(|t| expand_abbrev(&t).to_string()).collect();
        // "lieu-dit Peyrelongue": the place's kind is two words.
        if toks.starts_with(&["lieu".to_string(), "dit".to_string()]) {
            toks.splice(0..2, ["lieudit".to_string()]);
        }
        let mut kind = None;
        let mut name = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if i == 0 && (TYPES.contains(&t.as_str()) || AREAS.contains(&t.as_str()) || t == "lieudit") {
                kind = Some(t.clone());
            } else if !ARTICLES.contains(&t.as_str()) {
                name.push(t.clone());
            }
        }
        if name.is_empty() {
            // "La Place": the type word is the name.
            if let Some(k) = kind.take() {
                name.push(k);
            }
        }
        let ph = name.iter().map(|w| phonetic(w)).collect();
        Street { display: display.to_string(), kind, name, ph }
    }

    /// The significant words of its name ("perrieres" in "chemin des Perrières").
    pub fn name_words(&self) -> &[String] {
        &self.name
    }

    /// How many significant words its name has.
    pub fn words(&self) -> usize {
        self.name.len()
    }
}

/// Similarity of a spoken word to a street word: 1 exact, less for fuzzy or phonetic matches.
fn word_sim(q: &str, qph: &str, s: &str, sph: &str) -> f32 {
    if q == s {
        return 1.0;
    }
    let numeric = q.chars().all(|c| c.is_ascii_digit()) || s.chars().all(|c| c.is_ascii_digit());
    if numeric || q.len() < 3 || s.len() < 3 {
        return 0.0;
    }
    if q.len() >= 4 && sph.len() >= 3 && qph == sph {
        return 0.9;
    }
    let jw = strsim::jaro_winkler(q, s) as f32;
    if s.len() >= 5 && jw >= 0.9 {
        return 0.85;
    }
    if s.len() >= 4 && strsim::levenshtein(q, s) == 1 {
        return 0.8;
    }
    // A long name said short ("la rue du Gewurtz" for the rue du Gewurztraminer).
    let head = s.get(..q.len());
    if q.len() >= 6 && s.len() >= q.len() + 4 && head.is_some_and(|h| strsim::damerau_levenshtein(q, h) <= 1) {
        return 0.8;
    }
    0.0
}

/// Whether a street is a place of the commune named alone ("Kerhallic", "lieu-dit Peyrelongue",
/// "hameau de Trévennec", "quartier les Garrigues"): a name heard nearly right is enough, no type
/// word needed before it.
fn is_place_name(st: &Street) -> bool {
    st.kind.as_deref().is_none_or(|k| matches!(k, "lieudit" | "hameau") || AREAS.contains(&k))
}

/// Whether `word`, last of street `index`'s two name words, names it alone: no French word ("la
/// rue de l'Ancienne-École" is not "l'école"), at least five letters, and in no other street's name.
fn is_surname(word: &str, index: usize, streets: &[Street]) -> bool {
    let own = &streets[index].name;
    word.len() >= 5
        && super::respell::dictionary().is_some_and(|d| !d.contains(word))
        && streets.iter().all(|s| s.name == *own || !s.name.iter().any(|w| w == word))
}

/// The position of the sentence word that sounds one sound away from the one name word not
/// found (`spans[k]` is None), said right beside the name's other words (articles between).
fn misheard_word(q: &[String], qph: &[String], spans: &[Option<(usize, usize)>], ph: &[String]) -> Option<usize> {
    let k = spans.iter().position(Option::is_none)?;
    let between = |a: usize, b: usize| a <= b && b - a <= 2 && q[a..b].iter().all(|t| ARTICLES.contains(&t.as_str()));
    let after_previous = |j: usize| k == 0 || spans[k - 1].is_some_and(|(_, next)| between(next, j));
    let before_next = |j: usize| k + 1 == spans.len() || spans[k + 1].is_some_and(|(start, _)| between(j + 1, start));
    let sounds_alike = |j: usize| {
        let (a, b) = (qph[j].as_str(), ph[k].as_str());
        q[j].len() >= 4 && a.len().min(b.len()) >= 2 && (a == b || a.len().max(b.len()) >= 3 && strsim::levenshtein(a, b) == 1) && !is_stopword(&q[j])
    };
    (0..q.len()).find(|&j| after_previous(j) && before_next(j) && sounds_alike(j))
}

/// A street found in a sentence, with a score in [0, 1].
#[derive(Debug, Clone)]
pub struct StreetMatch {
    /// Index into the street list.
    pub index: usize,
    /// Match quality.
    pub score: f32,
    /// A street type word ("rue", "place"…) was said just before the name.
    pub typed: bool,
}

/// Whether `q[j]` is the clipped form of street word `w` ("avenue des facs" for "avenue des
/// Facultés", "rue du gym" for "rue du Gymnase"), said after the street's own type `kind`.
fn clipped_after_type(q: &[String], j: usize, w: &str, kind: Option<&String>) -> bool {
    let short = q[j].trim_end_matches('s');
    let typed = q[..j].iter().rev().find(|t| !ARTICLES.contains(&t.as_str())).is_some_and(|b| Some(b) == kind);
    typed && short.len() >= 3 && w.len() >= short.len() + 3 && w.starts_with(short) && !is_stopword(short)
}

/// Finds the street named in a sentence, if any (score ≥ 0.75).
pub fn find_street(text: &str, streets: &[Street]) -> Option<StreetMatch> {
    let raw = tokens(text);
    let q: Vec<String> = raw.iter().map(|t| expand_abbrev(t).to_string()).collect();
    let qph: Vec<String> = q.iter().map(|w| phonetic(w)).collect();
    // A name word heard as two ("tré venec" for "Trévennec"), or a word that only looks like an
    // abbreviation ("jean le gal": not "général").
    let joined: Vec<String> = raw.windows(2).map(|p| format!("{}{}", p[0], p[1])).collect();
    let joined_ph: Vec<String> = joined.iter().map(|w| phonetic(w)).collect();
    let raw_ph: Vec<String> = raw.iter().map(|w| phonetic(w)).collect();
    // The best match of street word `w` (phonetic key `wph`) at sentence position `j`, and the position after it.
    // "une machine qui marche plus": the verb, not "rue du Marché".
    let verb = |j: usize| {
        q[j] == "marche"
            && (j > 0 && matches!(q[j - 1].as_str(), "qui" | "ne" | "n" | "ca" | "il" | "elle" | "on")
                || q.get(j + 1).is_some_and(|n| matches!(n.as_str(), "pas" | "plus")))
    };
    let at = |j: usize, w: &str, wph: &str, kind: Option<&String>| -> (usize, f32) {
        if verb(j) {
            return (j + 1, 0.0);
        }
        let mut best = (j + 1, word_sim(&q[j], &qph[j], w, wph));
        if best.1 == 0.0 && clipped_after_type(&q, j, w, kind) {
            best.1 = 0.85;
        }
        if raw[j] != q[j] {
            best.1 = best.1.max(word_sim(&raw[j], &raw_ph[j], w, wph));
        }
        if let Some(jw) = joined.get(j).filter(|_| raw[j].len() >= 2 && raw[j + 1].len() >= 3 && w.len() >= 6) {
            let s = word_sim(jw, &joined_ph[j], w, wph) * 0.95;
            if s > best.1 {
                best = (j + 2, s);
            }
        }
        best
    };
    let mut best: Option<(StreetMatch, f32)> = None;
    for (i, st) in streets.iter().enumerate() {
        // Each name word must be found, in order, among the sentence words.
        let mut pos = 0usize;
        let mut total = 0.0;
        let mut missed = 0;
        let mut first_pos = None;
        let mut first_missed = false;
        // Where each name word was found: (its position, the position after it).
        let mut spans: Vec<Option<(usize, usize)>> = Vec::with_capacity(st.name.len());
        for (k, w) in st.name.iter().enumerate() {
            let found = (pos..q.len())
                .map(|j| (j, at(j, w, &st.ph[k], st.kind.as_ref())))
                .filter(|(_, (_, s))| *s > 0.0)
                .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(b.0.cmp(&a.0)));
            match found {
                Some((j, (next, s))) => {
                    total += s;
                    first_pos.get_or_insert(j);
                    pos = next;
                    spans.push(Some((j, next)));
                }
                None => {
                    missed += 1;
                    first_missed |= k == 0;
                    spans.push(None);
                }
            }
        }
        // "au Maud-Blanche" for "aux Mottes-Blanches", "au Grand Point" for "au Grand-Coin": one
        // word of a longer name misheard by a sound, said beside its other words, found well.
        if missed == 1 && st.name.len() >= 2 && total >= 0.9 * (st.name.len() - 1) as f32 {
            if let Some(j) = misheard_word(&q, &qph, &spans, &st.ph) {
                total += 0.6;
                missed = 0;
                first_missed = false;
                first_pos = first_pos.map(|p| p.min(j)).or(Some(j));
            }
        }
        let n = st.name.len() as f32;
        let before = first_pos.and_then(|fp| q[..fp].iter().rev().find(|t| !ARTICLES.contains(&t.as_str())));
        // "quai Riquet" for the "quai Paul-Riquet": a person's name said without the first name;
        // "rue Mistral" for the "rue Frédéric-Mistral", its own type said before a word no other street has.
        let own_type = st.kind.is_some() && before == st.kind.as_ref();
        let surname = first_missed
            && total >= 1.0
            && st.name.len() == 2
            && (is_surname(&st.name[1], i, streets) || (own_type && st.name[1].len() >= 4 && only_in(&st.name[1], i, streets)));
        // "place du Mail" for the "place du Mail-Saint-Léger": a compound name said by its first
        // word alone, after its own type, when no other street has that word.
        let shortened = !first_missed
            && missed + 1 == st.name.len()
            && missed >= 1
            && own_type
            && total >= 1.0
            && st.name[0].len() >= 4
            && only_in(&st.name[0], i, streets);
        if missed > 0 && (st.name.len() < 3 || missed > 1) && !surname && !shortened {
            continue;
        }
        // A long name with one word left out ("rue du 8 Mai" for "rue du 8-Mai-1945", "rue du
        // maréchal de Lattre" for "…-de-Lattre-de-Tassigny") is still that street, a little less sure.
        let mut score = if shortened {
            0.8
        } else if missed == 1 {
            total / (n - 1.0) * 0.9
        } else {
            total / n
        };
        let typed = before.is_some_and(|b| TYPES.contains(&b.as_str()));
        // One word heard only like the name, and no type word: "quand passe le camion" is not
        // about the "rue Basse".
        // "au Plouvier" for the "chemin du Plouvier": a place named as where one lives.
        let located = first_pos.is_some_and(|fp| fp > 0 && matches!(q[fp - 1].as_str(), "au" | "aux"));
        if !typed && st.name.len() == 1 && total < 1.0 && !(total >= 0.8 && st.name[0].len() >= 6 && (is_place_name(st) || located)) {
            continue;
        }
        // "on aimerait boire un verre" is not about the "rue de la Boire": a one-word name that is a
        // French word, said after a subject or a modal, is a verb.
        const SUBJECTS_AND_MODALS: &[&str] = &[
            "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "peux", "peut", "pouvez", "veux", "veut", "voudrais", "voudrait", "aimerais",
            "aimerait", "faut", "dois", "doit", "vais", "va", "pour",
        ];
        let a_verb = first_pos.is_some_and(|fp| fp > 0 && SUBJECTS_AND_MODALS.contains(&q[fp - 1].as_str()));
        let french = || super::respell::dictionary().is_some_and(|d| d.contains(st.name[0].as_str()));
        if !typed && st.name.len() == 1 && a_verb && french() {
            continue;
        }
        // "le bac jaune", "le bac ce soir": a one-word name that is a word of the rounds ("rue du
        // Bac") is that street only with its type.
        if !typed && st.name.len() == 1 && crate::answer::intent::is_waste_word(&st.name[0]) {
            continue;
        }
        // "la mairie de Kerhouat": a one-word name followed by what names it further is that
        // other place, not the "place de la Mairie".
        let qualified = first_pos.is_some_and(|fp| matches!(q.get(fp + 1).map(String::as_str), Some("de" | "du" | "d" | "des")) && q.len() > fp + 2);
        if !typed && st.name.len() == 1 && qualified && !is_place_name(st) {
            continue;
        }
        // The type word just before the name confirms; a different type lowers the score a little.
        if let (Some(k), Some(b)) = (&st.kind, before) {
            if b == k {
                score += 0.05;
            } else if typed {
                score -= 0.1;
            }
        }
        // Prefer longer names when equally matched ("rue du Moulin" vs "rue du Moulin Neuf").
        let tie = n * 0.001;
        if score >= 0.75 && best.as_ref().is_none_or(|(_, b)| score + tie > *b) {
            best = Some((StreetMatch { index: i, score: score.min(1.0), typed }, score + tie));
        }
    }
    best.map(|(m, _)| m).or_else(|| the_only_one_of_its_type(&q, streets))
}

/// Street types that, said alone with an article, name no other thing in a question about rounds
/// (not "le passage", "la voie", "la cité", "la chaussée", nor the types of every road).
const ALONE: &[&str] = &["cours", "promenade", "esplanade", "parvis", "faubourg"];

/// "sur le cours", "la promenade": a type said alone, the town's only street of that type; not
/// "le cours de danse", "de la place", "une place", nor the types every road is ("le chemin
/// derrière la cité", "un trou dans la route").
fn the_only_one_of_its_type(q: &[String], streets: &[Street]) -> Option<StreetMatch> {
    let said = type_said_alone(q, |t| ALONE.contains(&t))?;
    let mut of_type = streets.iter().enumerate().filter(|(_, s)| s.kind.as_deref() == Some(said));
    let (index, _) = of_type.next()?;
    of_type.next().is_none().then_some(StreetMatch { index, score: 0.8, typed: true })
}

/// A street type among `kept` said alone after its article ("sur la place"), not before a name
/// ("la place du Marché") nor after "de" ("le prix de la place").
fn type_said_alone(q: &[String], kept: impl Fn(&str) -> bool) -> Option<&str> {
    (1..q.len()).find_map(|j| {
        let (t, art) = (q[j].as_str(), q[j - 1].as_str());
        let after = q.get(j + 1).map(String::as_str);
        let alone = kept(t) && matches!(art, "le" | "la" | "l") && !matches!(after, Some("de" | "du" | "des" | "d" | "en" | "a"));
        (alone && !(j >= 2 && matches!(q[j - 2].as_str(), "de" | "d"))).then_some(t)
    })
}

/// Every street of the type said alone ("sur la place": the town's squares), for a question that
/// already asks about rounds; empty when no type is said so.
pub fn of_the_type_said_alone(q: &[String], streets: &[Street]) -> Vec<usize> {
    // Where something stands: "sur la place", "devant la place"; not "j'ai plus la place".
    let placed =
        |j: usize| j >= 2 && matches!(q[j - 2].as_str(), "sur" | "a" | "pres" | "vers" | "devant" | "derriere" | "autour") || matches!(q[j - 1].as_str(), "au");
    let typed = |t: &str| COMMON.contains(&t);
    let Some(said) = (1..q.len()).find(|&j| typed(&q[j]) && placed(j)).and_then(|_| type_said_alone(q, typed)) else { return Vec::new() };
    (0..streets.len()).filter(|&i| streets[i].kind.as_deref() == Some(said)).collect()
}

/// Whether `word` is in street `index`'s name and in no other street's.
fn only_in(word: &str, index: usize, streets: &[Street]) -> bool {
    streets.iter().enumerate().all(|(i, s)| (i == index) == s.name.iter().any(|w| w == word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streets() -> Vec<Street> {
        [
            "rue des Lilas",
            "avenue de la Gare",
            "place du Marché",
            "rue Victor Hugo",
            "avenue Victor Hugo",
            "impasse du Moulin Neuf",
            "rue du Moulin",
            "rue du 8 Mai 1945",
        ]
        .iter()
        .map(|s| Street::new(s))
        .collect()
    }

    fn find(q: &str) -> Option<String> {
        let s = streets();
        find_street(q, &s).map(|m| s[m.index].display.clone())
    }

    #[test]
    fn exact_and_loose() {
        assert_eq!(find("quand passent les poubelles rue des lilas").as_deref(), Some("rue des Lilas"));
        assert_eq!(find("j'habite au 12 av. de la gare").as_deref(), Some("avenue de la Gare"));
        assert_eq!(find("Place du marche").as_deref(), Some("place du Marché"));
        assert_eq!(find("rue des lila").as_deref(), Some("rue des Lilas"));
        assert_eq!(find("rue du huit mai mille neuf cent quarante cinq").as_deref(), Some("rue du 8 Mai 1945"));
        // A long name with one word left out.
        assert_eq!(find("les poubelles rue du huit mai").as_deref(), Some("rue du 8 Mai 1945"));
    }

    #[test]
    fn type_disambiguates_and_unknown_is_none() {
        assert_eq!(find("avenue victor hugo").as_deref(), Some("avenue Victor Hugo"));
        assert_eq!(find("rue victor hugo").as_deref(), Some("rue Victor Hugo"));
        assert_eq!(find("impasse du moulin neuf").as_deref(), Some("impasse du Moulin Neuf"));
        assert_eq!(find("rue du moulin").as_deref(), Some("rue du Moulin"));
        assert_eq!(find("rue des acacias"), None);
        assert_eq!(find("la mairie est ouverte"), None);
        // Qualified, a one-word name is another place ("la mairie de Kerhouat"), not the street's.
        assert!(find_street("je passe à la mairie de kerhouat", &[Street::new("place de la Mairie")]).is_none());
        assert!(find_street("place de la mairie ça passe quand", &[Street::new("place de la Mairie")]).is_some());
    }

    #[test]
    fn a_clipped_word_after_a_street_type_names_the_street() {
        let s: Vec<Street> = ["avenue des Facultés", "rue du Gymnase", "rue des Pins"].iter().map(|s| Street::new(s)).collect();
        assert_eq!(find_street("je sors le bac jaune avenue des facs", &s).map(|m| m.index), Some(0));
        assert_eq!(find_street("rue du gym le tri c'est quand", &s).map(|m| m.index), Some(1));
        // Not without the type, nor a word too short to be clipped.
        assert!(find_street("je vais à la fac demain", &s).is_none());
        assert!(find_street("rue des pi", &s).is_none());
    }

    #[test]
    fn misheard_words() {
        assert_eq!(find("avenue de la guerre").as_deref(), None);
        // A one-word name heard only loosely needs its type word.
        let s: Vec<Street> = ["rue Basse", "rue Haute"].iter().map(|s| Street::new(s)).collect();
        assert!(find_street("quand est-ce qu'il passe le camion", &s).is_none());
        assert!(find_street("rue passe", &s).is_some());
        assert!(find_street("les poubelles haute", &s).is_some());
        assert_eq!(find("rue victor ugo").as_deref(), Some("rue Victor Hugo"));
        // A long name said short, as heard ("gewurtz"); a short word is no clipped name.
        let s: Vec<Street> = ["rue du Gewurztraminer", "rue des Vergers"].iter().map(|s| Street::new(s)).collect();
        assert_eq!(find_street("la poubelle grise rue du gewurtz", &s).map(|m| m.index), Some(0));
        assert!(find_street("la poubelle rue du ver", &s).is_none_or(|m| m.index == 1));
        // "au Plouvier" for the "chemin du Plouvier", heard with a plural s: where one lives.
        let s: Vec<Street> = ["chemin du Plouvier", "rue Basse"].iter().map(|s| Street::new(s)).collect();
        assert_eq!(find_street("les poubelles aux pluviers c'est quand", &s).map(|m| m.index), Some(0));
        assert!(find_street("les poubelles des pluviers c'est quand", &s).is_none());
    }

    #[test]
    fn a_neighbourhood_is_named_without_its_kind_and_its_kind_confirms_no_street() {
        let s: Vec<Street> = ["quartier les Garrigues", "rue Saint-Roch"].iter().map(|s| Street::new(s)).collect();
        assert_eq!(find_street("j habite aux garrigues la grise ils passent quand", &s).map(|m| m.index), Some(0));
        // "la mairie de quartier de Saint-Roch": a neighbourhood, not the street's type word.
        assert!(find_street("les papiers a la mairie de quartier de saint roch", &s).is_some_and(|m| m.index == 1 && !m.typed));
    }

    #[test]
    fn a_person_s_name_said_without_the_first_name() {
        let s: Vec<Street> = ["quai Paul-Riquet", "rue de l'Ancienne-École", "rue Victor Hugo", "place Jean Hugo"].iter().map(|s| Street::new(s)).collect();
        assert_eq!(find_street("les poubelles capel riquet ils passent quand", &s).map(|m| m.index), Some(0));
        // A French word, or a surname two streets share, is not enough alone.
        assert!(find_street("l'école ferme à quelle heure", &s).is_none());
        assert!(find_street("les poubelles rue hugo", &s).is_none());
    }

    #[test]
    fn a_name_said_short_after_its_own_type_and_a_type_said_alone() {
        let s: Vec<Street> =
            ["rue Frédéric-Mistral", "cours Gambetta", "place de la République", "place des Arènes", "rue des Hérons"].iter().map(|s| Street::new(s)).collect();
        // The wind's name is a French word: "rue" before it, and no other street has it.
        assert_eq!(find_street("rue mistral demain c est ferie ils passent quand", &s).map(|m| m.index), Some(0));
        assert!(find_street("le mistral souffle fort", &s).is_none());
        // The only "cours" of the town; not a lesson, not one of two squares.
        assert_eq!(find_street("j avais pas sorti mon bac sur le cours", &s).map(|m| (m.index, m.typed)), Some((1, true)));
        assert!(find_street("le cours de danse reprend quand", &s).is_none());
        assert!(find_street("les cartons sur la place ils passent quand", &s).is_none());
        // …but the squares are the streets of the type said alone; not the price of a seat.
        let said = |q: &str| of_the_type_said_alone(&tokens(q), &s);
        assert_eq!(said("les cartons sur la place ils passent quand"), vec![2, 3]);
        assert!(said("le prix de la place pour la course").is_empty());
        assert!(said("la place de la mairie").is_empty());
        assert!(said("j ai plus la place dans ma poubelle ils passent quand").is_empty());
    }
}
