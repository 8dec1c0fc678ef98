//! Which of the town's services the words name: their names and aliases prepared for matching,
//! with phonetic keys, split and glued words, and several services named at once.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use super::intent::{word_sim, word_sim_ph, Words};
use super::normalize::{is_stopword, phonetic, tokens};
use super::streets::{expand_abbrev, is_common_type};
use super::town::Town;

mod label_match;
use label_match::*;

/// One way of naming a service, prepared for matching.
#[derive(Debug, Clone)]
pub struct ServiceLabel {
    /// Index into `town.services`.
    pub service: usize,
    /// Identifying words.
    pub words: Vec<String>,
    /// Their phonetic keys.
    pub ph: Vec<String>,
    /// Its generic words ("bureau" in "bureau du cimetière"): not needed, but they count when said.
    pub generic: Vec<String>,
    /// Its head noun, which callers may say alone ("office" in "l'office de tourisme"): a noun its
    /// other words complement, no everyday word, held by no other service's name.
    pub alone_head: Option<String>,
    /// Per identifying word, whether the label's other words together still name no other
    /// service ("mairie … Macaya" without "Crique", in a town whose dump is "de Crique-Macaya").
    pub apart_without: Vec<bool>,
    /// The surname of a person the label names ("Vergnaud" in "la permanence de monsieur
    /// Vergnaud"), which names the service alone; none when it is a French word or without a word list.
    pub person: Option<String>,
    /// The proper name of the place it stands at ("perrieres" in "la déchetterie des Perrières"),
    /// said alone as a place ("aux Perrières"); none when it is the town's, a street's or another
    /// service's name.
    pub place: Option<Vec<String>>,
    /// Per identifying word, whether no other service's names hold it ("touristique" in "le
    /// bureau d'information touristique"): said after an office word, it names this service.
    pub own: Vec<bool>,
}

/// The labels (name and aliases) of every service of a town.
pub fn service_labels(town: &Town) -> Vec<ServiceLabel> {
    // Each label's service, generic words, identifying words, head noun, person and place.
    type Raw = (usize, Vec<String>, Vec<String>, Option<String>, Option<String>, Option<Vec<String>>);
    let mut raw: Vec<Raw> = Vec::new();
    for (i, s) in town.services.iter().enumerate() {
        for label in std::iter::once(&s.name).chain(s.aliases.iter()) {
            // "le point information tourisme": a word callers drop elsewhere names the office here.
            let kept = |w: &String| !is_stopword(w) || label_match::is_info_word(w);
            let (generic_words, words): (Vec<String>, Vec<String>) = tokens(label).into_iter().filter(kept).partition(|w| generic(w));
            if !words.is_empty() {
                let all = tokens(label);
                let alone_head = headed(&all, &words).map(str::to_string);
                let person = all.windows(2).find(|p| super::lexicon::CIVILITIES.contains(&p[0].as_str()) && p[1].len() >= 3).map(|p| p[1].clone());
                raw.push((i, generic_words, words, alone_head, person, proper_complement(label)));
            }
        }
    }
    // Every word of each service's names.
    let mut words_of: Vec<HashSet<&str>> = vec![HashSet::new(); town.services.len()];
    for (i, _, words, _, _, _) in &raw {
        words_of[*i].extend(words.iter().map(String::as_str));
    }
    let own_name: Vec<String> = tokens(&town.name).into_iter().filter(|w| !is_stopword(w)).collect();
    let own_name: Vec<&str> = own_name.iter().map(String::as_str).collect();
    let held_elsewhere = |service: usize, w: &str| words_of.iter().enumerate().any(|(i, held)| i != service && held.contains(w));
    raw.iter()
        .map(|(service, generic, words, alone_head, person, place)| {
            let others = |k: usize| words.iter().enumerate().filter(move |(j, _)| *j != k).map(|(_, w)| w.as_str());
            // The town's own name goes with any of its places: "la mairie de Marvange" is the town
            // hall, not "la mairie de Haut-Marvange" with a word left out.
            let apart_without = (0..words.len())
                .map(|k| !words_of.iter().enumerate().any(|(i, held)| i != *service && others(k).all(|w| held.contains(w) || own_name.contains(&w))))
                .collect();
            // A head noun another service's name holds names neither alone.
            let alone_head = alone_head.clone().filter(|h| !held_elsewhere(*service, h));
            ServiceLabel {
                service: *service,
                ph: words.iter().map(|w| phonetic(w)).collect(),
                words: words.clone(),
                generic: generic.clone(),
                alone_head,
                apart_without,
                own: words.iter().map(|w| !held_elsewhere(*service, w) && !super::timeexpr::is_time_word(w)).collect(),
                // Not a French word ("Petit", "Martin"), which the caller may say of other things.
                person: person.clone().filter(|p| !held_elsewhere(*service, p) && super::respell::dictionary().is_some_and(|d| !d.contains(p.as_str()))),
                place: place.clone().filter(|p| {
                    // Nor a quarter the rounds serve ("du Grau", where "le Grau-de-Sérane" is one),
                    // unless it is a lieu-dit of that very name where the place stands ("la
                    // déchetterie des Brandes", lieu-dit les Brandes).
                    let stands_there = town.services[*service].address.as_deref().is_some_and(|a| {
                        let a = tokens(a);
                        p.iter().all(|w| a.contains(w))
                    });
                    let a_street = town.streets.iter().any(|s| s.name_words().starts_with(p.as_slice()) && !(stands_there && s.name_words() == p.as_slice()));
                    !a_street && !p.iter().all(|w| own_name.contains(&w.as_str())) && !p.iter().any(|w| held_elsewhere(*service, w))
                }),
            }
        })
        .collect()
}

/// The words of the proper name after a label's "de", "des", "du", "d'" or "de la" ("Perrières"
/// in "la déchetterie des Perrières", "Plaine" in "la coopérative de la Plaine"), written with a capital.
fn proper_complement(label: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = label.split(|c: char| c.is_whitespace() || c == '\'' || c == '’').filter(|p| !p.is_empty()).collect();
    let of = |i: usize| {
        let before = |k: usize| i.checked_sub(k).map(|j| parts[j].to_lowercase()).unwrap_or_default();
        matches!(before(1).as_str(), "de" | "des" | "du" | "d") || (matches!(before(1).as_str(), "la" | "l") && before(2) == "de")
    };
    let at = (1..parts.len()).find(|&i| of(i) && parts[i].chars().next().is_some_and(char::is_uppercase))?;
    let words: Vec<String> = tokens(&parts[at..].join(" ")).into_iter().filter(|w| !is_stopword(w)).collect();
    (!words.is_empty()).then_some(words)
}

/// A label's place said alone as where one goes ("aux Perrières", "au Prieuré", "les
/// Grands-Champs"), as a match of the whole label a little less sure.
fn place_alone(words: &Words, label: &ServiceLabel) -> Option<(f32, usize)> {
    let place = label.place.as_ref()?;
    let at = words.t.windows(place.len()).position(|w| w == place.as_slice())?;
    let before = |k: usize| at.checked_sub(k).map(|j| words.t[j].as_str()).unwrap_or("");
    let said_as_place = matches!(before(1), "au" | "aux" | "les") || (matches!(before(1), "la" | "l") && matches!(before(2), "a" | "vers"));
    // Asked open, or gone to: not "des méduses au Grau, comment on sait ?".
    let about_going = super::intent::asks_hours(words) || words.t.iter().any(|x| super::timeexpr::is_time_word(x) || super::hours_answer::is_hours_word(x));
    (said_as_place && about_going).then_some((0.8 * label.words.len() as f32, at))
}

/// Everyday words that never name a service alone: "l'école" is the children's school, never
/// "l'école de musique".
const EVERYDAY: &[&str] = &["maison", "place", "point", "relais", "local", "jardin", "route", "chemin", "salon", "porte", "poste", "garde", "ecole", "ecoles"];

/// The first identifying word of a label when a complement follows it ("office" in "l'office de
/// tourisme"), it is long enough to be heard apart, and it is no everyday word.
fn headed<'a>(all: &[String], words: &'a [String]) -> Option<&'a str> {
    let head = words.first().filter(|h| words.len() >= 2 && h.len() >= 5 && !EVERYDAY.contains(&h.as_str()))?;
    let complemented = all.iter().position(|t| t == head).and_then(|p| all.get(p + 1)).is_some_and(|n| matches!(n.as_str(), "de" | "du" | "des" | "d"));
    complemented.then_some(head.as_str())
}

/// Words of a service name that do not identify it.
fn generic(w: &str) -> bool {
    is_stopword(w)
        || matches!(
            w,
            "service" | "services" | "municipal" | "municipale" | "municipaux" | "municipales" | "communal" | "communale" | "bureau" | "espace" | "centre"
        )
}

/// A service named in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct ServiceMatch {
    /// Index into `town.services`.
    pub index: usize,
    /// Match quality in [0, 1].
    pub score: f32,
    /// How many words of the sentence it covered.
    pub words: usize,
    /// The first word of the sentence it covered.
    pub first: usize,
}

/// Finds the service a sentence names (by its name or an alias), if any.
pub fn find_service(words: &Words, town: &Town) -> Option<ServiceMatch> {
    find_services(words, town).first().copied()
}

/// The services a sentence names equally well: several when the words fit more than one ("la
/// piscine" in a town of two pools); the best first otherwise.
pub fn find_services(words: &Words, town: &Town) -> Vec<ServiceMatch> {
    // An article glued to a name ("la mairie de lecluse") is read apart when that names a service.
    let apart = split_elisions(words, town);
    let words = apart.as_ref().unwrap_or(words);
    // A name split by the recogniser ("l'aqua renne") is read joined when that names a service.
    // Read joined, it may name a service by more words ("la petite mairie de tré venec").
    let joined = join_split_names(words, town);
    let as_said = best_service(words, town, None).map(|b| (words, b));
    let as_joined = joined.as_ref().and_then(|j| best_service(j, town, None).map(|b| (j, b)));
    let (words, best) = match (as_said, as_joined) {
        (Some(s), Some(j)) if j.1.words > s.1.words => j,
        (Some(s), _) => s,
        (None, Some(j)) => j,
        (None, None) => {
            return only_where_asked(words, front_desk(words, town).or_else(|| super::activities::place_of_activity(words, town)).into_iter().collect())
        }
    };
    // "faire de la barque sur le lac": the service named as where a thing is done yields to one
    // named as well otherwise.
    let best = if where_a_thing_stands(words, best.first) {
        best_service(words, town, Some(&[best])).filter(|o| o.words >= best.words && !where_a_thing_stands(words, o.first)).unwrap_or(best)
    } else {
        best
    };
    let mut out = vec![best];
    while let Some(m) = best_service(words, town, Some(&out)) {
        if (m.words, m.score) != (best.words, best.score) {
            break;
        }
        out.push(m);
    }
    // A name said in a street's ("le CCAS rue du Marché") names no service of its own.
    if out.iter().any(|m| !in_street_name(words, m.first)) {
        out.retain(|m| !in_street_name(words, m.first));
    }
    // Named equally well by different words: the first named is the one asked about ("la
    // bibliothèque de l'ancienne école"); the same words naming several ("la piscine") stay a question.
    // Not where the caller stands ("je suis sur le parking de la médiathèque, elle ferme à quelle heure ?").
    let asked: Vec<ServiceMatch> = out.iter().copied().filter(|m| !where_the_caller_stands(words, m.first)).collect();
    if !asked.is_empty() {
        out = asked;
    }
    let first = out.iter().map(|m| m.first).min().unwrap_or(0);
    out.retain(|m| m.first == first);
    if let Some(of) = office_of_another(words, town, &out) {
        out = vec![of];
    }
    let out = match opened_subject(words) {
        Some(run) if !out.iter().any(|m| names_in(town, words, m, &run)) => subject_named(words, town, out, run),
        _ => out,
    };
    only_where_asked(words, out)
}

/// The service named after an office word that alone named another: "le secrétariat des
/// médecins" is the medical centre's, not the town hall's "secrétariat".
fn office_of_another(words: &Words, town: &Town, found: &[ServiceMatch]) -> Option<ServiceMatch> {
    let m = found.first().filter(|m| found.len() == 1 && m.words == 1)?;
    let office = words.t.get(m.first).is_some_and(|x| matches!(x.as_str(), "secretariat" | "accueil" | "guichet" | "permanence"));
    let of = words.t.get(m.first + 1).is_some_and(|x| matches!(x.as_str(), "de" | "du" | "des" | "d"));
    if !(office && of) {
        return None;
    }
    best_service(words, town, Some(found)).filter(|other| other.first > m.first + 1 && other.first <= m.first + 3)
}

/// None of `found` when the first is named only as where another body's place stands: "un
/// restaurant ouvert le lundi soir sur le port ?" asks nothing of the harbour office.
fn only_where_asked(words: &Words, found: Vec<ServiceMatch>) -> Vec<ServiceMatch> {
    let elsewhere = || !super::lexicon::elsewhere_subjects(&words.t).is_empty();
    if found.first().is_some_and(|m| where_a_thing_stands(words, m.first) || in_a_place(words, m)) && elsewhere() {
        return Vec::new();
    }
    found
}

/// Whether a service is named only by a place's name said after "à" ("la messe dimanche à
/// Villechaise" for "la mairie déléguée de Villechaise"): the village, not its office.
fn in_a_place(words: &Words, m: &ServiceMatch) -> bool {
    let proper = words.t.get(m.first).is_some_and(|x| super::respell::dictionary().is_some_and(|d| !d.contains(x.as_str())));
    m.words == 1 && m.first > 0 && words.t[m.first - 1] == "a" && proper
}

/// The last word before word `first` that is no article ("sur" in "sur le port"), among the three before.
fn before_articles(w: &Words, first: usize) -> Option<usize> {
    let article = |x: &str| matches!(x, "le" | "la" | "les" | "l" | "du" | "de" | "des" | "d");
    (0..first).rev().take(3).find(|&i| !article(&w.t[i]))
}

/// Whether the words before word `first` say where something stands ("sur le port", "près de la
/// mairie", "à côté de l'école", "le car devant la mairie"); not "je suis devant", where the caller
/// stands, nor "des infos sur".
fn where_a_thing_stands(w: &Words, first: usize) -> bool {
    let Some(at) = before_articles(w, first) else { return false };
    let about = |i: usize| i > 0 && matches!(w.t[i - 1].as_str(), "infos" | "info" | "informations" | "renseignements" | "question" | "questions");
    match w.t[at].as_str() {
        "sur" => !about(at),
        "devant" => !where_the_caller_stands(w, first),
        // "la messe de minuit, c'est à quelle heure dans l'église ?": what happens inside, another body's.
        x => matches!(x, "pres" | "cote" | "derriere" | "face" | "vers" | "autour" | "dans"),
    }
}

/// Whether the words before word `first` say the caller is there: "je suis sur le parking de",
/// "on est devant", "je me trouve à côté de", "je suis garé au".
fn where_the_caller_stands(w: &Words, first: usize) -> bool {
    let Some(mut at) = before_articles(w, first) else { return false };
    if !matches!(w.t[at].as_str(), "sur" | "devant" | "dans" | "a" | "au" | "aux" | "pres" | "cote" | "face") {
        return false;
    }
    // "à côté de", "en face de": the verb before the first word.
    if matches!(w.t[at].as_str(), "cote" | "face") && at > 0 && matches!(w.t[at - 1].as_str(), "a" | "en") {
        at -= 1;
    }
    let word = |k: usize| if k <= at { w.t[at - k].as_str() } else { "" };
    let subject = |x: &str| matches!(x, "je" | "j" | "on" | "nous" | "me");
    match word(1) {
        "suis" | "sommes" | "est" | "trouve" | "attends" => subject(word(2)),
        "gare" | "garee" | "gares" => matches!(word(2), "suis" | "sommes" | "est"),
        _ => false,
    }
}

/// Whether the name at `first` is said as part of a street's: "rue du Marché", "place de la Mairie".
fn in_street_name(w: &Words, first: usize) -> bool {
    let word = |k: usize| first.checked_sub(k).map_or("", |i| w.t[i].as_str());
    let kind = super::streets::is_common_type;
    match (word(2), word(1)) {
        (_, "du" | "des" | "d") | ("de", "l" | "la") | (_, "de") => kind(word(2)) || kind(word(3)),
        _ => false,
    }
}

/// Third-person words of opening, which follow the place asked about ("la mairie est ouverte ?").
const OPENING: &[&str] =
    &["ouvert", "ouverte", "ouverts", "ouvertes", "ouvre", "ouvrent", "rouvre", "rouvrent", "ferme", "fermee", "fermes", "fermees", "ferment"];

/// Words that may stand between a place and its opening word ("la mairie, elle est encore ouverte ?").
const BEFORE_OPENING: &[&str] = &[
    "elle", "il", "ils", "elles", "est", "sont", "sera", "seront", "reste", "restera", "etait", "c", "ca", "t", "encore", "toujours", "bien", "deja", "pas",
    "ne", "n", "y", "va", "vont", "etre",
];

/// Words that make the noun after them a complement ("pour la saison", "de la mairie").
const PREPOSITIONS: &[&str] =
    &["de", "d", "pour", "a", "en", "dans", "sur", "par", "avec", "chez", "vers", "apres", "avant", "pendant", "sans", "sous", "derriere", "devant", "pres"];

/// The words an opening word is said of, an article before them ("la garderie" in "je commence
/// au port à sept heures, la garderie ouvre à quelle heure ?"): their positions, first to last.
fn opened_subject(words: &Words) -> Option<RangeInclusive<usize>> {
    let open = words.t.iter().position(|w| OPENING.contains(&w.as_str()))?;
    let last = (0..open).rev().find(|&j| !BEFORE_OPENING.contains(&words.t[j].as_str()))?;
    let substance = |w: &str| w.len() > 2 && !is_stopword(w) && !w.chars().all(|c| c.is_ascii_digit()) && !super::timeexpr::is_time_word(w);
    let first = (0..=last).rev().take_while(|&j| substance(&words.t[j])).last()?;
    let article = first > 0 && matches!(words.t[first - 1].as_str(), "la" | "le" | "les" | "l" | "un" | "une");
    // Not a complement: "la poste de la mairie", "l'annexe dans les corons elle ouvre".
    let complement = first > 1 && PREPOSITIONS.contains(&words.t[first - 2].as_str());
    (article && !complement).then_some(first..=last)
}

/// Whether the words ask whether another thing than service `i` opens ("les plages vont être
/// fermées ?" of the technical services).
pub fn other_thing_opens(words: &Words, town: &Town, i: usize) -> bool {
    opened_subject(words).is_some_and(|run| run.clone().all(|at| !of_service(town, Some(i), &words.t[at])))
}

/// Whether the service of match `m` is named by a word of `run` (one of its labels' words).
fn names_in(town: &Town, words: &Words, m: &ServiceMatch, run: &RangeInclusive<usize>) -> bool {
    run.clone().any(|at| at >= m.first && of_service(town, Some(m.index), &words.t[at]))
}

/// Whether a word is one of the labels' words (identifying or generic) of service `i`, or of any service.
fn of_service(town: &Town, i: Option<usize>, w: &str) -> bool {
    town.labels.iter().filter(|l| i.is_none_or(|i| l.service == i)).any(|l| l.words.iter().chain(&l.generic).any(|x| word_sim(w, x) > 0.0))
}

/// The services named when the opening word is said of other words than the first named: the
/// service those words name ("saisonnier au télésiège, la mairie est ouverte ?": the town hall);
/// none when they name a thing of the town's entries that no service is ("au port …, la garderie
/// ouvre quand ?").
fn subject_named(words: &Words, town: &Town, named: Vec<ServiceMatch>, run: RangeInclusive<usize>) -> Vec<ServiceMatch> {
    // "ma tante aux Gentianes, l'accueil il est ouvert ?": the desk of the place named; "devant le
    // cimetière, le portail est fermé": its gate.
    const OWN_PARTS: &[&str] = &["accueil", "secretariat", "guichet", "standard", "portail", "porte", "portes", "grille", "grilles", "barriere", "entree"];
    if run.clone().all(|at| OWN_PARTS.contains(&words.t[at].as_str())) {
        return named;
    }
    let mut seen = named.clone();
    while seen.len() < 6 {
        let Some(m) = best_service(words, town, Some(&seen)) else { break };
        if names_in(town, words, &m, &run) {
            return vec![m];
        }
        seen.push(m);
    }
    let thing = run.clone().all(|at| !of_service(town, None, &words.t[at]) && town.index.knows(&words.t[at]));
    if thing && named.iter().all(|m| m.first < *run.start()) {
        return Vec::new();
    }
    named
}

/// "l'accueil" alone, in a town whose names never say it: the town's front desk (its operator),
/// not "l'accueil de loisirs" or "l'accueil périscolaire"; so is "la mairie" alone when the town's
/// names say it only with a place ("la mairie de Terres-de-Vireval", "la mairie déléguée de …")
/// and the front desk is one of them.
fn front_desk(words: &Words, town: &Town) -> Option<ServiceMatch> {
    let operator = town.operator_index();
    // "le secrétariat" alone is the town hall's, as callers of small towns say it.
    let desk = |w: &String| {
        matches!(w.as_str(), "accueil" | "secretariat")
            || (w == "mairie" && town.labels.iter().any(|l| l.service == operator && l.words.iter().any(|x| x == "mairie")))
    };
    let at = words.t.iter().position(desk)?;
    // "le parking de la mairie", "le marché à côté de la mairie": another thing, placed by it
    // (not "devant", where the caller often stands).
    let before = words.t[..at].iter().rev().find(|w| !matches!(w.as_str(), "le" | "la" | "les" | "l"));
    if words.t[at] == "mairie" && before.is_some_and(|b| matches!(b.as_str(), "de" | "du" | "d" | "derriere" | "pres" | "cote" | "face" | "place")) {
        return None;
    }
    let qualified = ["de", "du", "des", "d", "periscolaire", "loisirs", "jeunes", "jeunesse", "annexe", "annexes", "deleguee", "delegue", "deleguees"];
    if words.t.get(at + 1).is_some_and(|next| qualified.contains(&next.as_str())) {
        return None;
    }
    Some(ServiceMatch { index: operator, score: 0.8, words: 1, first: at })
}

/// The words with an elided article split off ("lecluse": "l ecluse", "dalembert": "d alembert")
/// wherever the rest is a word of a service's name and the whole is not; None when there is none.
fn split_elisions(words: &Words, town: &Town) -> Option<Words> {
    let known = |w: &str| is_name_word(town, w);
    let glued = |w: &str| {
        let mut c = w.chars();
        matches!(c.next(), Some('l' | 'd')) && c.next().is_some_and(|v| "aeiouyh".contains(v)) && w.len() >= 4 && !known(w) && known(&w[1..])
    };
    if !words.t.iter().any(|w| glued(w)) {
        return None;
    }
    let (mut t, mut ph) = (Vec::new(), Vec::new());
    for (w, p) in words.t.iter().zip(&words.ph) {
        if glued(w) {
            t.extend([w[..1].to_string(), w[1..].to_string()]);
            ph.extend([phonetic(&w[..1]), phonetic(&w[1..])]);
        } else {
            t.push(w.clone());
            ph.push(p.clone());
        }
    }
    Some(Words { t, ph })
}

/// Whether a word is a word of one of the town's service names.
fn is_name_word(town: &Town, w: &str) -> bool {
    town.labels.iter().any(|l| l.words.iter().any(|x| x == w))
}

/// The words with two neighbours joined wherever the joined word is a word of a service's name,
/// or nearly ("tré venec" for "Trévennec").
fn join_split_names(words: &Words, town: &Town) -> Option<Words> {
    // Nearly: a long name word of about the same length and the same first letter ("trevenec").
    let near = |w: &str, x: &str| x.len() >= 6 && w.len().abs_diff(x.len()) <= 2 && w.as_bytes()[0] == x.as_bytes()[0] && word_sim(w, x) >= 0.8;
    // Two French words ("passe pour") are no name split, unless joined they are one exactly.
    let french = |w: &str| super::respell::dictionary().is_some_and(|d| d.contains(w));
    let known =
        |w: &str, a: &str, b: &str| is_name_word(town, w) || (!(french(a) && french(b)) && town.labels.iter().flat_map(|l| &l.words).any(|x| near(w, x)));
    let (mut t, mut ph) = (Vec::new(), Vec::new());
    let mut i = 0;
    let mut any = false;
    while i < words.t.len() {
        if i + 1 < words.t.len() && words.t[i].len() >= 2 && words.t[i + 1].len() >= 2 {
            let j = format!("{}{}", words.t[i], words.t[i + 1]);
            if j.len() >= 6 && known(&j, &words.t[i], &words.t[i + 1]) {
                ph.push(phonetic(&j));
                t.push(j);
                i += 2;
                any = true;
                continue;
            }
        }
        t.push(words.t[i].clone());
        ph.push(words.ph[i].clone());
        i += 1;
    }
    any.then_some(Words { t, ph })
}

/// Whether a label names a police post ("le poste de police").
fn police_post(label: &ServiceLabel) -> bool {
    label.words.iter().any(|x| x == "poste") && label.words.iter().any(|x| x == "police")
}

/// "le poste", "au poste" said alone, without a complement: the police post, if this label is one.
fn post_alone(words: &Words, label: &ServiceLabel) -> Option<(f32, usize)> {
    let alone = |j: &usize| {
        words.t[*j] == "poste"
            && j.checked_sub(1).is_some_and(|k| matches!(words.t[k].as_str(), "le" | "au" | "du" | "un" | "ce"))
            && !matches!(words.t.get(j + 1).map(String::as_str), Some("de" | "du" | "des" | "d"))
    };
    let at = (0..words.t.len()).find(alone).filter(|_| police_post(label))?;
    Some((0.9 * label.words.len() as f32, at))
}

fn best_service(words: &Words, town: &Town, except: Option<&[ServiceMatch]>) -> Option<ServiceMatch> {
    let mut best: Option<ServiceMatch> = None;
    for label in &town.labels {
        let i = label.service;
        if except.is_some_and(|e| e.iter().any(|m| m.index == i)) {
            continue;
        }
        // In the label's order; else in any order ("Saint-Roch, la mairie annexe"), a little less sure.
        let whole = label_match(words, label, true).or_else(|| label_match(words, label, false).map(|(t, f)| (t * 0.95, f)));
        let (alone, partial) = (whole.is_none(), whole.is_none().then(|| all_but_one(words, label)).flatten());
        let run = (alone && partial.is_none()).then(|| words_in_a_row(words, label)).flatten();
        let person = || label.person.as_ref().and_then(|p| words.t.iter().position(|w| w == p)).map(|at| (0.9 * label.words.len() as f32, at));
        let Some((total, first)) = whole
            .or(partial)
            .or(run.map(|(t, f, _)| (t, f)))
            .or_else(|| head_alone(words, label))
            .or_else(person)
            .or_else(|| place_alone(words, label))
            .or_else(|| post_alone(words, label))
        else {
            // "l'accueil touristique", "le bureau des visiteurs": an office and a word of this service alone.
            if let Some((score, first)) = office_and_mark(words, label) {
                let m = ServiceMatch { index: i, score, words: 2, first };
                if best.is_none_or(|b| (m.words, m.score) > (b.words, b.score)) {
                    best = Some(m);
                }
            }
            continue;
        };
        // A generic word of the label said ("le bureau du cimetière") covers one word more; one not
        // said makes it a little less sure ("le cimetière" is the cemetery more than its office).
        let said = label.generic.iter().filter(|g| words.t.contains(g)).count();
        // "le poste de secours", "le poste de police": another post than the post office's.
        // ("la poste de Valfrège" is the post office.)
        // And "le poste", "au poste" alone, where the town has a police post: the police's.
        let masculine = words.t.get(first).is_some_and(|x| x == "poste")
            && first.checked_sub(1).is_some_and(|k| matches!(words.t[k].as_str(), "le" | "au" | "du" | "un" | "ce"));
        let complement = matches!(words.t.get(first + 1).map(String::as_str), Some("de" | "du" | "des" | "d"));
        let other_post = masculine
            && if complement {
                words.t.get(first + 2).is_some_and(|n| !label.words.contains(n))
            } else {
                !police_post(label) && town.labels.iter().any(police_post)
            };
        if other_post {
            continue;
        }
        // "le centre du mercredi" is not named by "c'est quel mercredi ?": a day is no name alone.
        if said == 0 && label.words.iter().all(|x| super::timeexpr::is_time_word(x)) {
            continue;
        }
        let unsaid = label.generic.len() - said;
        let score = total / label.words.len() as f32 * 0.98f32.powi(unsaid as i32);
        let covered = match (alone, partial, run) {
            (false, _, _) => label.words.len() + said,
            (true, Some(_), _) => label.words.len() - 1 + said,
            (true, None, Some((_, _, n))) => n + said,
            (true, None, None) => 1,
        };
        // "l'accueil touristique", "le guichet de l'urbanisme": an office word said before the
        // name covers one word more, unless the name holds it.
        // Not where another service's name holds both ("le bureau du cimetière" beside "le cimetière").
        let holds = |l: &ServiceLabel, x: &String| l.words.contains(x) || l.generic.contains(x);
        let another_holds = |at: usize| town.labels.iter().any(|l| l.service != i && holds(l, &words.t[at]) && holds(l, &words.t[first]));
        let office = office_before(words, first).filter(|&at| !holds(label, &words.t[at]) && !another_holds(at));
        let (covered, first) = match office {
            Some(at) if !alone || partial.is_some() => (covered + 1, at),
            _ => (covered, first),
        };
        let m = ServiceMatch { index: i, score, words: covered, first };
        let better = match best {
            None => true,
            Some(b) => (m.words, m.score) > (b.words, b.score) && (m.words > b.words || m.score > b.score),
        };
        if better {
            best = Some(m);
        }
    }
    best
}

/// The services whose names open on the same head noun, said alone ("le marché" in a town of a
/// truffle market and a night market), when it names two or more and nothing else does.
pub fn sharing_a_head(words: &Words, town: &Town) -> Vec<usize> {
    // A label's head: its first identifying word, when another follows ("marché" in "le marché
    // nocturne"), long enough and no everyday word.
    let heads_of: Vec<(usize, Option<&str>)> = town
        .labels
        .iter()
        .map(|l| (l.service, l.words.first().filter(|h| l.words.len() >= 2 && h.len() >= 5 && !EVERYDAY.contains(&h.as_str())).map(String::as_str)))
        .collect();
    for (at, w) in words.t.iter().enumerate() {
        // The word after the head, or after its complement's preposition ("le syndicat des écoles").
        const OF: &[&str] = &["de", "du", "des", "d", "au", "aux", "a", "la", "le", "les", "l"];
        let next = words.t[at + 1..].iter().find(|n| !OF.contains(&n.as_str())).map(String::as_str);
        let next = next.filter(|n| !is_stopword(n) || words.t.get(at + 1).is_some_and(|a| OF.contains(&a.as_str())));
        // Said as a noun ("le marché", "au marché"), not a verb ("la navette, elle marche ?"); "le
        // marché aux puces" names a thing of its own.
        let noun = at > 0 && matches!(words.t[at - 1].as_str(), "le" | "la" | "les" | "l" | "au" | "aux" | "du" | "des");
        if !noun || next.is_some_and(|n| !super::hours_answer::is_hours_word(n) && !super::timeexpr::is_time_word(n)) {
            continue;
        }
        let mut heads: Vec<usize> = heads_of.iter().filter(|(_, h)| *h == Some(w.as_str())).map(|(i, _)| *i).collect();
        heads.dedup();
        if heads.len() >= 2 && super::lexicon::elsewhere_subjects(&words.t).is_empty() {
            return heads;
        }
    }
    Vec::new()
}

/// Words that name a building or a part of one in an address ("Maison des Balmettes", "porte B").
const BUILDING_WORDS: &[&str] = &["maison", "porte", "batiment", "espace", "pavillon", "hall", "immeuble", "aile", "entree", "chalet"];

/// The services at the street the words name with its kind ("l'annexe quai Paul-Riquet", "c'est
/// fermé rue Jean-Moulin"), or at the building they name whole ("devant la Maison des Balmettes",
/// "à la porte B"): a part of the address before its postcode whose kind of street and every other
/// distinctive word were said, or whose every word was said in a row with a building word among them.
pub fn at_address(words: &Words, town: &Town) -> Vec<usize> {
    let said: Vec<&str> = words.t.iter().map(|t| expand_abbrev(t)).collect();
    let town_name = tokens(&town.name);
    let postcode = |t: &String| t.len() == 5 && t.chars().all(|c| c.is_ascii_digit());
    let names_part = |part: &str| {
        let t = tokens(part);
        let kind_said = t.iter().any(|w| is_common_type(w) && said.contains(&w.as_str()));
        let marks: Vec<&String> = t
            .iter()
            .filter(|w| w.len() > 2 && !is_stopword(w) && !is_common_type(w) && !w.chars().all(|c| c.is_ascii_digit()) && !town_name.contains(w))
            .collect();
        kind_said && !marks.is_empty() && marks.iter().all(|m| said.iter().any(|s| word_sim(s, m) >= 0.9))
    };
    let building = |part: &str| {
        let t = tokens(part);
        t.len() >= 2 && t.iter().any(|w| BUILDING_WORDS.contains(&w.as_str())) && said.windows(t.len()).any(|s| s.iter().zip(&t).all(|(a, b)| a == b))
    };
    // A building may come after the postcode: "…, 69745 Vernassieux, rez-de-chaussée, porte B".
    let at = |address: &str| address.split(',').take_while(|part| !tokens(part).iter().any(postcode)).any(names_part) || address.split(',').any(building);
    (0..town.services.len()).filter(|&i| town.services[i].address.as_deref().is_some_and(at)).collect()
}
