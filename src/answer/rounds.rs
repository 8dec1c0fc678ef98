//! Which of a town's waste rounds a caller's words name: by the round's own name, by an everyday
//! word of its family ("les gros objets" for the encombrants), or by the colour of its bin.

use super::intent::word_sim;
use super::normalize::{content_tokens, is_article, phonetic, stem, tokens};
use super::timeexpr::is_time_word;
use super::town::{weekday_from_name, Collection};

/// Families of rounds: the everyday words that name one, and the words of a round's name that
/// make it one of the family. General French usage, never one town's wording.
const FAMILIES: &[(&[&str], &[&str])] = &[
    // Household waste.
    (&["ordures", "ordure", "menageres", "menagere", "residuels", "om"], &["ordures", "menageres", "residuels"]),
    // Packaging and recyclables.
    (
        &["tri", "selectif", "recyclables", "recyclable", "recyclage", "emballages", "emballage", "plastique", "plastiques", "canettes"],
        &["tri", "selectif", "recyclables", "emballages", "jaune", "jaunes"],
    ),
    // Paper and cardboard.
    (&["papiers", "papier", "cartons", "carton", "journaux", "journal", "magazines"], &["papiers", "papier", "cartons", "carton", "journaux"]),
    // Glass.
    (&["verre", "bocaux", "bouteilles", "bouteille"], &["verre"]),
    // Kitchen waste.
    (&["biodechets", "biodechet", "epluchures", "alimentaires", "compost", "restes"], &["biodechets", "alimentaires", "organiques"]),
    // Garden waste.
    (
        &[
            "vegetaux",
            "branches",
            "branchages",
            "tontes",
            "tonte",
            "herbe",
            "gazon",
            "pelouse",
            "haie",
            "haies",
            "feuilles",
            "elagage",
            "palmes",
            "fagots",
            "fagot",
            "verts",
            "jardin",
            "coupes",
            "tailles",
        ],
        &["verts", "vegetaux", "branchages", "tontes"],
    ),
    // Bulky items.
    (
        &[
            "encombrants",
            "encombrant",
            "objets",
            "monstres",
            "meubles",
            "meuble",
            "frigo",
            "frigidaire",
            "ferraille",
            "electromenager",
            "matelas",
            "canape",
            "armoire",
            "buffet",
            "sommier",
            "literie",
            "cuisiniere",
            "gaziniere",
            "congelateur",
            "refrigerateur",
        ],
        &["encombrants", "ferraille", "monstres"],
    ),
    // Christmas trees.
    (&["sapin", "sapins"], &["sapins", "sapin"]),
];

/// Bin colours and, when no round of a town says its colour, the family that colour usually means.
const COLOURS: &[(&[&str], &str)] = &[
    (&["gris", "grise", "grises", "noir", "noire", "noirs", "noires"], "ordures"),
    (&["jaune", "jaunes"], "tri"),
    (&["bleu", "bleue", "bleus", "bleues"], "papiers"),
    (&["marron", "marrons", "brun", "brune", "bruns", "brunes"], "biodechets"),
    // Green is the glass, the sorting or the garden bin depending on the town: only a town's own
    // words say which.
    (&["vert", "verte", "verts", "vertes"], ""),
];

/// Words of a bin, before its colour ("le bac jaune", "les sacs jaunes").
const BINS: &[&str] = &["bac", "bacs", "sac", "sacs", "poubelle", "poubelles", "conteneur", "conteneurs", "container", "containers", "couvercle"];

/// `named`, for words not yet known to speak of waste: "quels papiers ?" asks for documents,
/// unless other words speak of waste.
pub fn named_unprompted<'a>(rounds: &[&'a Collection], words: &[String]) -> Vec<&'a Collection> {
    let waste =
        words.iter().any(|w| BINS.contains(&w.as_str()) || matches!(w.as_str(), "collecte" | "ramassage" | "tri" | "cartons" | "journaux" | "recyclage"));
    let kept: Vec<String> = words.iter().filter(|w| waste || !matches!(w.as_str(), "papier" | "papiers")).cloned().collect();
    named(rounds, &kept)
}

/// The rounds among `rounds` that the words name; empty when they name none.
pub fn named<'a>(rounds: &[&'a Collection], words: &[String]) -> Vec<&'a Collection> {
    // A word that names a round itself names no other by its family: "les plastiques" where a
    // round is "plastiques agricoles" is not also the sorting round's.
    let plain = without_bin_colours(rounds, words);
    let by_own_name: Vec<bool> = rounds.iter().map(|c| by_name(c, &plain)).collect();
    let rest: Vec<String> = if by_own_name.contains(&true) {
        let own = |q: &String| rounds.iter().zip(&by_own_name).any(|(c, named)| *named && by_name(c, std::slice::from_ref(q)));
        plain.iter().filter(|q| !own(q)).cloned().collect()
    } else {
        plain
    };
    let mut named: Vec<&Collection> = rounds.iter().zip(&by_own_name).filter(|(c, named)| **named || by_family(c, &rest)).map(|(c, _)| *c).collect();
    for colour in bin_colours(words) {
        // A round whose name says the colour ("sacs jaunes") before one whose note does ("Bac gris.";
        // not "en alternance avec les sacs jaunes" in another round's note).
        let of_kind: Vec<&Collection> = rounds.iter().copied().filter(|c| colours_in(&c.kind).contains(&colour)).collect();
        let coloured: Vec<&Collection> =
            if of_kind.is_empty() { rounds.iter().copied().filter(|c| said_colour(c).contains(&colour)).collect() } else { of_kind };
        let usual = || {
            let family = colour_of(&colour).map(|(_, f)| f);
            rounds.iter().copied().filter(|c| family.is_some_and(|f| in_family(c, f))).collect()
        };
        let of_colour = if coloured.is_empty() { usual() } else { coloured };
        for c in of_colour {
            if !named.iter().any(|n| std::ptr::eq(*n, c)) {
                named.push(c);
            }
        }
    }
    // "les poubelles et les sacs jaunes", "c'est pour les poubelles": bins without a colour are the
    // household ones.
    let bare_bin = words.iter().enumerate().any(|(i, w)| (w == "poubelles" || w == "poubelle") && words.get(i + 1).is_none_or(|n| colour_of(n).is_none()));
    if bare_bin && !named.iter().any(|c| in_family(c, "ordures")) {
        let household: Vec<&Collection> = rounds.iter().copied().filter(|c| in_family(c, "ordures")).collect();
        named.extend(household);
    }
    named.sort_by_key(|c| rounds.iter().position(|r| std::ptr::eq(*r, *c)));
    named
}

/// Parts of a commune: the words callers use ("au chef-lieu", "dans le bourg") and the words of a
/// round's note that name it ("Le bourg.", "Les hameaux.").
const AREAS: &[(&[&str], &[&str])] =
    &[(&["bourg", "chef", "centre", "village"], &["bourg", "centre"]), (&["hameau", "hameaux", "ecarts", "campagne"], &["hameau", "hameaux", "ecarts"])];

/// Whether a caller's word names a part of the commune ("bourg", "hameaux"), in general usage or
/// as one of `rounds`' notes names it ("la bastide").
pub fn is_area_word(w: &str, rounds: &[Collection]) -> bool {
    AREAS.iter().any(|(callers, _)| callers.contains(&w))
        || matches!(w, "lieu" | "dit" | "quartier")
        || rounds.iter().filter_map(area).any(|a| area_says(&a, w))
}

/// The part of the commune a round's note says it serves ("Le bourg. Sortez le bac…" → "le bourg"):
/// the note's first sentence, or its first parts between commas, when they are short names ("La
/// bastide.", "Le bourg et le port.", "Ravine-Goyave, Pointe-Sable et les Hauts, bac jaune."), not
/// a rule ("Les semaines paires.").
pub fn area(c: &Collection) -> Option<String> {
    let first = c.note.as_deref()?.split(['.', ';', ':']).next()?;
    let mut parts = first.split(',').map(str::trim);
    let head = parts.next().filter(|part| is_place(part))?;
    // After a comma, only names or a short "les Hauts": "Le bourg, la collecte se fait tôt" is a rule.
    let more = parts.take_while(|part| is_place(part) && (proper_names(part) || tokens(part).len() <= 3));
    let said = std::iter::once(head).chain(more).collect::<Vec<_>>().join(", ");
    // "Le bourg" is said "dans le bourg"; the names keep their capitals.
    if !tokens(&said).first().is_some_and(|w| is_article(w)) {
        return Some(said);
    }
    let (at, letter) = said.char_indices().find(|(_, c)| c.is_alphabetic())?;
    Some(format!("{}{}{}", &said[..at], letter.to_lowercase(), &said[at + letter.len_utf8()..]))
}

/// Whether a part of a note is names of places: an article first or proper names, no rule, and
/// short ("Sainte-Honorine-la-Haie et Le Mesnil-Auger").
fn is_place(part: &str) -> bool {
    let words = tokens(part);
    let named = words.first().is_some_and(|w| is_article(w)) || proper_names(part);
    // A capitalised word after the first is a name, never a rule: "La cité du Onze".
    let common: Vec<&str> = part.split_whitespace().enumerate().filter(|(i, w)| *i == 0 || !w.starts_with(char::is_uppercase)).map(|(_, w)| w).collect();
    let rule =
        tokens(&common.join(" ")).iter().any(|w| w.chars().any(|c| c.is_ascii_digit()) || is_time_word(w) || weekday_from_name(w).is_some() || is_rule_word(w));
    let short = words.split(|w| w == "et").all(|p| p.len() <= 6) && words.len() <= 14;
    named && !rule && short
}

/// Whether a phrase is only places' own names ("Savane-Couri", "Crique-Macaya et Pointe-Coco"):
/// every word but the small ones capitalised, and more than a sentence's first word.
fn proper_names(phrase: &str) -> bool {
    let names: Vec<&str> = phrase.split_whitespace().filter(|w| !matches!(*w, "et" | "de" | "du" | "des" | "la" | "le" | "les")).collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    !names.is_empty() && names.iter().all(capital) && (names.len() >= 2 || names[0].contains('-'))
}

/// Words of a note's first sentence that say a rule rather than a place.
fn is_rule_word(w: &str) -> bool {
    matches!(w, "semaine" | "semaines" | "paires" | "impaires" | "mois" | "jour" | "jours" | "bacs" | "sacs" | "sortir" | "sortez" | "inscription")
}

/// Whether a caller's word is a word of a part of the commune (`area`): the same stem, or the same
/// sound for a longer word ("la bastid").
fn area_says(area: &str, w: &str) -> bool {
    // "la haie" names the garden waste, even in "Sainte-Honorine-la-Haie".
    let round_word = FAMILIES.iter().any(|(callers, _)| callers.contains(&w));
    !round_word && w.len() >= 4 && content_tokens(area).iter().any(|x| x.len() >= 4 && (stem(x) == stem(w) || (x.len() >= 5 && phonetic(x) == phonetic(w))))
}

/// The rounds among `rounds` whose part of the commune the words name: by its own words ("dans la
/// bastide") or the usual ones ("au chef-lieu" for "le bourg"); with a street every one of them
/// serves and the shortest name of the part. None when they serve no street in common ("le haut
/// du bourg" and "le bas du bourg": which one is not said).
pub fn in_area(rounds: &[&Collection], words: &[String]) -> Option<(String, String)> {
    // "hors du village", "en dehors du bourg": the part named is where the caller does not live;
    // in a commune of two parts, the other one.
    let outside = |i: usize| words[i.saturating_sub(3)..=i].iter().any(|w| w == "hors" || w == "dehors");
    // "dans les collines au-dessus du village": the part the caller lives in is placed by another.
    let beside = |i: usize| words[i.saturating_sub(3)..i].iter().any(|w| matches!(w.as_str(), "dessus" | "dessous" | "derriere" | "cote" | "pres" | "loin"));
    let (mut out, mut kept) = (Vec::new(), Vec::new());
    for (i, w) in words.iter().enumerate() {
        if outside(i) {
            out.push(w);
        } else if !beside(i) {
            kept.push(w.clone());
        }
    }
    if let Some(found) = in_area_said(rounds, &kept) {
        return Some(found);
    }
    let mut parts: Vec<String> = rounds.iter().filter_map(|c| area(c)).collect();
    parts.sort();
    parts.dedup();
    let left: Vec<&String> = parts.iter().filter(|a| !out.iter().any(|w| area_says(a, w))).collect();
    (left.len() == 1 && parts.len() == 2).then(|| in_area_said(rounds, &content_tokens(left[0]))).flatten()
}

/// `in_area` on the words that name a part where the caller lives.
fn in_area_said(rounds: &[&Collection], words: &[String]) -> Option<(String, String)> {
    let usual: Vec<&str> =
        AREAS.iter().filter(|(callers, _)| words.iter().any(|w| callers.contains(&w.as_str()))).flat_map(|(_, own)| own.iter().copied()).collect();
    let found: Vec<(&Collection, String)> = rounds
        .iter()
        .filter_map(|c| {
            let a = area(c)?;
            let said = words.iter().any(|w| area_says(&a, w)) || tokens(&a).iter().any(|t| usual.contains(&t.as_str()));
            said.then_some((*c, a))
        })
        .collect();
    let (first, _) = found.first()?;
    let street = first.streets.iter().find(|st| found.iter().all(|(c, _)| c.streets.contains(st)))?;
    let place = found.iter().map(|(_, a)| a).min_by_key(|a| a.len())?;
    Some((street.clone(), place.clone()))
}

/// Whether the words ask when or how to put the bins out ("je sors ma poubelle quand", "à quelle heure").
pub fn asks_put_out(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| matches!(w.as_str(), "sortir" | "sors" | "sort" | "sorte" | "sortent" | "veille" | "heure" | "heures" | "rentrer" | "deposer" | "depose"))
}

/// Whether a round's note says when or how to put the bins out ("Sortez le bac la veille au soir").
pub fn tells_put_out(note: &str) -> bool {
    tokens(note)
        .iter()
        .any(|w| matches!(w.as_str(), "sortez" | "sortir" | "sorti" | "sortis" | "sorties" | "veille" | "trottoir" | "h" | "heures" | "matin" | "soir"))
}

/// The words without the colour of a bin that a round's name or note gives ("le bac vert" where
/// the note says "Bac vert" of the sorting round): that colour names the bin, not "déchets verts".
fn without_bin_colours(rounds: &[&Collection], words: &[String]) -> Vec<String> {
    let given = |w: &str| colour_of(w).is_some_and(|(base, _)| rounds.iter().any(|c| said_colour(c).iter().any(|s| s == base)));
    let after_bin = |i: usize| i > 0 && BINS.contains(&words[i - 1].as_str());
    words.iter().enumerate().filter(|(i, w)| !(after_bin(*i) && given(w))).map(|(_, w)| w.clone()).collect()
}

/// The round's own name among the words ("les encombrants", "les déchets verts").
fn by_name(c: &Collection, words: &[String]) -> bool {
    content_tokens(&c.kind)
        .iter()
        .any(|k| k.len() >= 4 && !matches!(k.as_str(), "dechets" | "collecte") && !is_time_word(k) && words.iter().any(|q| word_sim(q, k) >= 0.9))
}

/// An everyday word of the round's family among the words ("les branches" for the déchets verts).
fn by_family(c: &Collection, words: &[String]) -> bool {
    let kind = content_tokens(&c.kind);
    FAMILIES.iter().any(|(callers, own)| kind.iter().any(|k| own.contains(&k.as_str())) && words.iter().any(|w| callers.contains(&w.as_str())))
}

/// Whether the round is of the family whose first own word is `first`.
fn in_family(c: &Collection, first: &str) -> bool {
    let kind = content_tokens(&c.kind);
    FAMILIES.iter().filter(|(_, own)| own[0] == first).any(|(_, own)| kind.iter().any(|k| own.contains(&k.as_str())))
}

/// The bin colours the words say: after a bin ("le bac jaune") or as the bin's own name, after an
/// article ("le jaune ça passe quand", "la grise").
fn bin_colours(words: &[String]) -> Vec<String> {
    let named_bin = |p: &[String]| BINS.contains(&p[0].as_str()) || matches!(p[0].as_str(), "le" | "la" | "les" | "du" | "des");
    words.windows(2).filter(|p| named_bin(p)).filter_map(|p| colour_of(&p[1])).map(|(base, _)| base.to_string()).collect()
}

/// The colours a round's name or note gives its bin, each as its first spelling.
fn said_colour(c: &Collection) -> Vec<String> {
    colours_in(&format!("{} {}", c.kind, c.note.as_deref().unwrap_or_default()))
}

/// The bin colours a text says, by their first spelling.
fn colours_in(text: &str) -> Vec<String> {
    // "déchets verts", "espaces verts" are names, not a bin's colour.
    let t = tokens(text);
    let named = |i: usize| i > 0 && matches!(t[i - 1].as_str(), "dechets" | "dechet" | "espaces");
    let mut said: Vec<String> = t.iter().enumerate().filter(|(i, _)| !named(*i)).filter_map(|(_, w)| colour_of(w)).map(|(base, _)| base.to_string()).collect();
    said.dedup();
    said
}

/// A colour word's first spelling ("grises" → "gris") and the family it usually means.
fn colour_of(w: &str) -> Option<(&'static str, &'static str)> {
    COLOURS.iter().find(|(names, _)| names.contains(&w)).map(|(names, family)| (names[0], *family))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::town::Town;

    fn town() -> Town {
        Town::parse(
            r#"
[town]
name = "Essai"
timezone = "Europe/Paris"
operator = "mairie"
[[service]]
id = "mairie"
name = "la mairie"
hours.monday = ["09:00-12:00"]
[[collection]]
kind = "ordures ménagères"
days = ["monday"]
streets = ["rue A"]
note = "Bac gris."
[[collection]]
kind = "sacs jaunes"
days = ["tuesday"]
streets = ["rue A"]
[[collection]]
kind = "biodéchets"
days = ["friday"]
streets = ["rue A"]
[[collection]]
kind = "déchets verts"
days = ["wednesday"]
streets = ["rue A"]
[[collection]]
kind = "encombrants et ferraille"
dates = ["2027-05-19"]
streets = ["rue A"]
"#,
            "t.toml",
        )
        .unwrap()
    }

    fn kinds(t: &Town, q: &str) -> Vec<String> {
        let rounds: Vec<&Collection> = t.collections.iter().collect();
        named(&rounds, &tokens(q)).iter().map(|c| c.kind.clone()).collect()
    }

    #[test]
    fn rounds_are_named_by_family_colour_and_name() {
        let t = town();
        assert_eq!(kinds(&t, "les gros objets c'est quand"), ["encombrants et ferraille"]);
        assert_eq!(kinds(&t, "et pour les branches"), ["déchets verts"]);
        assert_eq!(kinds(&t, "le tri c'est quel jour"), ["sacs jaunes"]);
        assert_eq!(kinds(&t, "la poubelle grise"), ["ordures ménagères"]);
        // No round says "marron": the brown bin is the kitchen waste's, as almost everywhere.
        assert_eq!(kinds(&t, "le bac marron il passe"), ["biodéchets"]);
        assert_eq!(kinds(&t, "les poubelles et les sacs jaunes"), ["ordures ménagères", "sacs jaunes"]);
        // A bin without a colour is the household one; nothing named: every round is asked about.
        assert_eq!(kinds(&t, "la poubelle passe quand"), ["ordures ménagères"]);
        assert!(kinds(&t, "le camion passe quand").is_empty());
        // The colour alone, as the bin's name.
        assert_eq!(kinds(&t, "le 1er novembre c'est ferie le jaune ca passe quand"), ["sacs jaunes"]);
        assert_eq!(kinds(&t, "et la grise"), ["ordures ménagères"]);
    }

    #[test]
    fn a_green_bin_is_the_round_whose_note_gives_it_that_colour() {
        // No note gives a bin the colour: green is the garden round's, as its name says.
        assert_eq!(kinds(&town(), "le bac vert il passe quand"), ["déchets verts"]);
        let sorting = Collection { kind: "déchets recyclables".into(), note: Some("Bac vert, une semaine sur deux.".into()), ..town().collections[1].clone() };
        let garden = town().collections[3].clone();
        let rounds = [&sorting, &garden];
        let kinds = |q: &str| named(&rounds, &tokens(q)).iter().map(|c| c.kind.clone()).collect::<Vec<_>>();
        assert_eq!(kinds("le bac vert pour les cartons c'est quand"), ["déchets recyclables"]);
        assert_eq!(kinds("et le bac vert au lotissement c'est quand"), ["déchets recyclables"]);
        assert_eq!(kinds("les déchets verts c'est quand"), ["déchets verts"]);
        assert_eq!(kinds("les branches c'est quand"), ["déchets verts"]);
    }

    #[test]
    fn a_note_names_the_parts_a_round_serves_before_its_rules() {
        let round = |note: &str| Collection { note: Some(note.to_string()), ..town().collections[0].clone() };
        assert_eq!(area(&round("Le bourg. Sortez le bac la veille.")).as_deref(), Some("le bourg"));
        assert_eq!(
            area(&round("Ravine-Goyave, Pointe-Sable et les Hauts, bac jaune, une semaine sur deux.")).as_deref(),
            Some("Ravine-Goyave, Pointe-Sable et les Hauts")
        );
        assert_eq!(area(&round("Sainte-Honorine-la-Haie et Le Mesnil-Auger, en sacs jaunes.")).as_deref(), Some("Sainte-Honorine-la-Haie et Le Mesnil-Auger"));
        assert_eq!(area(&round("« Le bourg », bac jaune.")).as_deref(), Some("« le bourg »"));
        assert_eq!(area(&round("Le bourg, la collecte se fait tôt.")).as_deref(), Some("le bourg"));
        assert_eq!(area(&round("Les semaines paires.")), None);
        assert_eq!(area(&round("Bac gris.")), None);
        // A number in a name is no rule; a number said in a rule is.
        assert_eq!(area(&round("La cité du Onze. Bac gris, à sortir le dimanche soir.")).as_deref(), Some("la cité du Onze"));
        assert_eq!(area(&round("Le bourg, deux fois par semaine.")).as_deref(), Some("le bourg"));
        assert_eq!(area(&round("Les semaines deux et quatre.")), None);
    }
}
