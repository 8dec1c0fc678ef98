//! How well one prepared service name matches the words: in order or not, one word left out, the
//! head noun alone, similar words and phonetic keys.

use super::*;
use crate::answer::town::weekday_from_name;

/// A name's head noun said alone ("l'office" for "l'office de tourisme"), as a match of the whole
/// label a little less sure, when the words name no other body's place.
pub(super) fn head_alone(words: &Words, label: &ServiceLabel) -> Option<(f32, usize)> {
    let head = label.alone_head.as_ref()?;
    let at = words.t.iter().position(|w| w == head).filter(|&at| !market_verb(words, at))?;
    // "la pharmacie de garde": another body's place, whatever word it shares.
    if !crate::answer::lexicon::elsewhere_subjects(&words.t).is_empty() {
        return None;
    }
    // "la carte grise" is not "la carte d'identité": a word of its own after the head names another thing.
    let next = words.t.get(at + 1).map(String::as_str);
    if next.is_some_and(|n| !is_stopword(n) && !crate::answer::hours_answer::is_hours_word(n) && !crate::answer::timeexpr::is_time_word(n)) {
        return None;
    }
    // "l'accueil du soir" is the care after school, not the front desk in the evening.
    if head == "accueil" && next == Some("du") && words.t.get(at + 2).is_some_and(|n| matches!(n.as_str(), "soir" | "matin")) {
        return None;
    }
    Some((0.8 * label.words.len() as f32, at))
}

/// A label of three words or more said with one word left out, never its head noun, the words kept
/// naming no other service ("la mairie de Trévennec" for "la mairie annexe de Trévennec"), a little
/// less sure; in another order only close together ("l'annexe de la mairie").
pub(super) fn all_but_one(words: &Words, label: &ServiceLabel) -> Option<(f32, usize)> {
    // Cheap test first: all but one of its words said somewhere.
    let heard = |k: usize| (0..words.t.len()).any(|j| word_sim_ph(&words.t[j], &words.ph[j], &label.words[k], &label.ph[k]) > 0.0);
    if label.words.len() < 3 || (0..label.words.len()).filter(|&k| heard(k)).count() + 1 < label.words.len() {
        return None;
    }
    (0..label.words.len())
        .filter(|&k| k > 0 && label.apart_without[k])
        .filter_map(|k| {
            let ordered = label_match_skipping(words, label, true, Some(k)).map(|(t, f)| (t * 0.9, f));
            ordered.or_else(|| label_match_skipping(words, label, false, Some(k)).map(|(t, f)| (t * 0.85, f)))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// The first two or more words of a label of three or more said in a row, only small words between
/// ("le secrétariat du SIVOS" for "le secrétariat du SIVOS Orlanges-Chaumeillou"), less sure than
/// the whole: their summed similarity, the first of them, and how many.
pub(super) fn words_in_a_row(words: &Words, label: &ServiceLabel) -> Option<(f32, usize, usize)> {
    if label.words.len() < 3 {
        return None;
    }
    let sim = |j: usize, k: usize| label_word_sim(words, j, label, k);
    let mut best: Option<(f32, usize, usize)> = None;
    for start in 0..words.t.len() {
        let (mut j, mut n, mut total) = (start, 0, 0.0);
        while n < label.words.len() {
            let sc = sim(j, n);
            if sc <= 0.0 {
                break;
            }
            total += sc;
            n += 1;
            // The next word of the label may follow one or two small words ("du", "de la").
            match (j + 1..words.t.len().min(j + 4)).find(|&x| !is_stopword(&words.t[x])) {
                Some(x) => j = x,
                None => break,
            }
        }
        if n >= 2 && n < label.words.len() && best.is_none_or(|b| (n, total) > (b.2, b.0)) {
            best = Some((total, start, n));
        }
    }
    best.map(|(total, first, n)| (total * 0.9, first, n))
}

/// How like word `k` of a label the sentence's word `j` is: abbreviations read in full ("st"),
/// and a word of the calendar never taken for another ("l'année" is not "l'annexe").
pub(super) fn label_word_sim(words: &Words, j: usize, label: &ServiceLabel, k: usize) -> f32 {
    let (q, w) = (words.t[j].as_str(), label.words[k].as_str());
    if market_verb(words, j) {
        return 0.0;
    }
    // "la crèche de Noël", "voir la crèche dans l'église": the nativity scene, not the nursery.
    let then = |k: usize| words.t.get(j + k).map(String::as_str);
    let church = then(2) == Some("eglise") || (then(2) == Some("l") && then(3) == Some("eglise"));
    let after = then(1);
    let nativity = after == Some("vivante") || (matches!(after, Some("de" | "dans")) && (then(2) == Some("noel") || church));
    if q == "creche" && nativity {
        return 0.0;
    }
    if expand_abbrev(q) == w {
        1.0
    } else if q.len() >= 5 && !generic(q) && COMPOUND_PREFIXES.iter().any(|p| w.strip_prefix(p) == Some(q)) {
        // "le musée" for "l'écomusée": the word without its learned prefix.
        0.9
    } else if q != w && matches!(q, "annee" | "annees" | "an" | "ans" | "mois" | "semaine" | "semaines" | "jour" | "jours" | "heure" | "heures") {
        0.0
    } else if q != w && OFFICES.contains(&q) && OFFICES.contains(&w) && label.words.len() >= 2 {
        // "le bureau du tourisme" for "l'office du tourisme": one office for another, before what
        // it handles.
        0.8
    } else if is_info_word(q) && is_info_word(w) {
        // "le point information" for "le point info".
        1.0
    } else if q != w && VEHICLES.contains(&q) && VEHICLES.contains(&w) && label.words.len() >= 2 {
        // "le car des cimetières" for "la navette des cimetières": one coach for another, before
        // where it goes.
        0.8
    } else {
        let sim = word_sim_ph(q, &words.ph[j], w, &label.ph[k]);
        // "je passe" is no "passeur": the verbs callers say most are never a name misheard.
        const VERBS: &[&str] = &["passe", "passer", "porte", "porter", "monte", "monter", "garde", "garder", "sortir", "rentre", "rentrer", "arrive", "venir"];
        if sim > 0.0 && sim < 0.9 && VERBS.contains(&q) {
            0.0
        } else {
            sim
        }
    }
}

/// An office word, then a word of this service's names that no other service's names hold, only
/// small words between ("l'accueil touristique", "le bureau des visiteurs", "le service des
/// eaux"): the service, a little less sure than its whole name.
pub(super) fn office_and_mark(words: &Words, label: &ServiceLabel) -> Option<(f32, usize)> {
    (0..words.t.len()).filter(|&j| is_office_word(&words.t[j])).find_map(|j| {
        let k = (j + 1..words.t.len().min(j + 4)).find(|&x| !is_stopword(&words.t[x]))?;
        let mark = words.t[k].as_str();
        // Not an everyday word: "le bureau de poste" is no "poste de police".
        let marks = !generic(mark) && !EVERYDAY.contains(&mark) && label.words.iter().zip(&label.own).any(|(w, own)| *own && same_family(mark, w));
        marks.then_some((0.85, j))
    })
}

/// The position of an office word right before word `first`, only small words between ("l'accueil
/// touristique", "le bureau de l'urbanisme").
pub(super) fn office_before(words: &Words, first: usize) -> Option<usize> {
    (first.saturating_sub(3)..first).rev().take_while(|&j| j + 1 == first || is_stopword(&words.t[j + 1])).find(|&j| is_office_word(&words.t[j]))
}

/// Whether a word names an office, a desk or a service, said before what it handles.
fn is_office_word(x: &str) -> bool {
    OFFICES.contains(&x) || matches!(x, "accueil" | "service" | "point" | "permanence")
}

/// Whether a said word and a name's word are one word, its plural, or one of its family
/// ("touristes" and "touristique" for "tourisme").
fn same_family(said: &str, name: &str) -> bool {
    let singular = |w: &str| w.strip_suffix(['s', 'x']).filter(|s| s.len() >= 3).unwrap_or(w).to_string();
    said == name || singular(said) == singular(name) || OFFICE_FAMILIES.iter().any(|f| f.contains(&said) && f.contains(&name))
}

/// Words of one family that callers say one for another after an office word.
const OFFICE_FAMILIES: &[&[&str]] = &[
    &["tourisme", "touristique", "touristiques", "touriste", "touristes"],
    &["agriculture", "agricole", "agricoles", "agriculteurs", "agriculteur"],
    &["sport", "sports", "sportif", "sportive", "sportifs"],
    &["culture", "culturel", "culturelle", "culturelles"],
    &["social", "sociale", "sociaux", "sociales"],
    &["jeunes", "jeunesse"],
    &["enfance", "enfants"],
    &["emploi", "emplois"],
    &["urbanisme", "urbanistes"],
];

/// Parts of the day a name may hold ("l'accueil du matin et du soir").
const PARTS_OF_DAY: &[&str] = &["matin", "soir", "midi", "apres", "nuit", "journee"];

/// Nouns of an office, which callers say one for another before what it handles.
const OFFICES: &[&str] = &["office", "bureau", "guichet", "secretariat"];

/// Whether "marche" at `j` is the verb, not the market: "ma box ne marche plus", "ça marche",
/// "la balance marche sans rendez-vous", "le bateau marche ?" (after a word that is no determiner).
fn market_verb(words: &Words, j: usize) -> bool {
    const DETERMINERS: &[&str] = &[
        "le", "au", "du", "un", "ce", "cet", "les", "des", "aux", "de", "d", "l", "sur", "grand", "petit", "nouveau", "gros", "prochain", "premier", "mon",
        "son", "notre", "votre", "leur", "a", "aura", "avait", "ya", "quel",
    ];
    let before = j.checked_sub(1).map(|b| words.t[b].as_str());
    let after = words.t.get(j + 1).map(String::as_str);
    words.t[j] == "marche"
        && (matches!(before, Some("ne" | "n" | "ca" | "qui" | "rien" | "tout" | "il" | "elle" | "on"))
            || matches!(after, Some("pas" | "plus" | "bien" | "mal" | "jamais" | "sans" | "encore" | "toujours" | "comment" | "normalement"))
            || before.is_some_and(|b| !DETERMINERS.contains(&b)))
}

/// Whether a word is "information" or its short form ("info", "infos").
pub(super) fn is_info_word(w: &str) -> bool {
    matches!(w, "information" | "informations" | "info" | "infos")
}

/// Coaches and shuttles, which callers call one for another.
const VEHICLES: &[&str] = &["navette", "navettes", "car", "cars", "bus", "autocar", "autocars", "minibus"];

/// Learned prefixes glued to a noun that callers leave out ("écomusée", "polyclinique").
pub(super) const COMPOUND_PREFIXES: &[&str] = &["eco", "bio", "agro", "aqua", "multi", "poly", "cyber"];

/// The summed similarity of every word of a label to a distinct word of the sentence (in the
/// label's order when `ordered`) and the first of those words, or `None` if one is missing.
/// Abbreviations read in full ("st roch").
pub(super) fn label_match(words: &Words, label: &ServiceLabel, ordered: bool) -> Option<(f32, usize)> {
    label_match_skipping(words, label, ordered, None)
}

/// `label_match` without the label's word `skip`.
pub(super) fn label_match_skipping(words: &Words, label: &ServiceLabel, ordered: bool, skip: Option<usize>) -> Option<(f32, usize)> {
    let mut total = 0.0;
    let mut pos = 0;
    let (mut first, mut last) = (usize::MAX, 0);
    let mut used = vec![false; words.t.len()];
    let mut prev: Option<usize> = None;
    for k in (0..label.words.len()).filter(|k| Some(*k) != skip) {
        let sim = |j: usize| label_word_sim(words, j, label, k);
        let from = if ordered { pos } else { 0 };
        // A word of time in a name ("l'accueil du matin") is that name's only beside its other
        // words: "l'accueil du camping ferme à quelle heure ce matin" names no morning care.
        let timed = crate::answer::timeexpr::is_time_word(&label.words[k]);
        // Nor a day said with its date: "mercredi 1er septembre, l'accueil du camping" names no
        // "accueil du mercredi".
        let dated = |j: usize| words.t.get(j + 1).is_some_and(|n| n == "premier" || n.parse::<u8>().is_ok() || crate::answer::timeexpr::month(n).is_some());
        // Out of order only a weekday or a part of the day ("ce mercredi, l'accueil des Kaolins"):
        // "le jour de Noël, la patinoire" names no "patinoire de Noël".
        let scattered = !ordered && timed && weekday_from_name(&label.words[k]).is_none() && !PARTS_OF_DAY.contains(&label.words[k].as_str());
        if scattered {
            return None;
        }
        let near = |j: usize| (!timed || !dated(j)) && (!ordered || !timed || prev.is_none_or(|p| j <= p + 3));
        let (j, sc) =
            (from..words.t.len()).filter(|&j| !used[j] && near(j)).map(|j| (j, sim(j))).filter(|(_, s)| *s > 0.0).max_by(|a, b| a.1.total_cmp(&b.1))?;
        prev = Some(j);
        total += sc;
        used[j] = true;
        pos = j + 1;
        first = first.min(j);
        last = last.max(j);
    }
    // Out of order, a name's words stand together ("Saint-Roch, la mairie annexe"), not scattered
    // over the sentence ("la mairie de … au secrétariat").
    if !ordered && last - first > label.words.len() - usize::from(skip.is_some()) + 2 {
        return None;
    }
    Some((total, first))
}
