//! Which of a town's waste rounds a caller's words name: by the round's own name, by an everyday
//! word of its family ("les gros objets" for the encombrants), or by the colour of its bin.

use super::intent::word_sim;
use super::normalize::{content_tokens, tokens};
use super::timeexpr::is_time_word;
use super::town::Collection;

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
    (&["verre", "bocaux"], &["verre"]),
    // Kitchen waste.
    (&["biodechets", "biodechet", "epluchures", "alimentaires", "compost", "restes"], &["biodechets", "alimentaires", "organiques"]),
    // Garden waste.
    (
        &["vegetaux", "branches", "branchages", "tontes", "tonte", "herbe", "haie", "haies", "feuilles", "elagage", "palmes", "verts"],
        &["verts", "vegetaux", "branchages", "tontes"],
    ),
    // Bulky items.
    (
        &["encombrants", "encombrant", "objets", "monstres", "meubles", "frigo", "frigidaire", "ferraille", "electromenager", "matelas", "canape", "armoire"],
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
    let mut named: Vec<&Collection> = rounds.iter().copied().filter(|c| by_name(c, words) || by_family(c, words)).collect();
    for colour in bin_colours(words) {
        let coloured: Vec<&Collection> = rounds.iter().copied().filter(|c| said_colour(c).contains(&colour)).collect();
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
    // "les poubelles et les sacs jaunes": bins without a colour beside another round are the household ones.
    let bare_bin = words.iter().enumerate().any(|(i, w)| (w == "poubelles" || w == "poubelle") && words.get(i + 1).is_none_or(|n| colour_of(n).is_none()));
    if !named.is_empty() && bare_bin && !named.iter().any(|c| in_family(c, "ordures")) {
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

/// Whether a caller's word names a part of the commune ("bourg", "hameaux").
pub fn is_area_word(w: &str) -> bool {
    AREAS.iter().any(|(callers, _)| callers.contains(&w)) || w == "lieu"
}

/// The part of the commune a round's note says it serves ("Le bourg. Sortez le bac…" → "le bourg"):
/// the note's first sentence, when short and naming one.
pub fn area(c: &Collection) -> Option<String> {
    let first = c.note.as_deref()?.split(['.', ';', ':']).next()?.trim();
    let words = tokens(first);
    let names = AREAS.iter().any(|(_, own)| words.iter().any(|w| own.contains(&w.as_str())));
    (names && words.len() <= 6).then(|| first.to_lowercase())
}

/// The rounds among `rounds` whose part of the commune the words name, when they name one only.
pub fn in_area<'a>(rounds: &[&'a Collection], words: &[String]) -> Vec<&'a Collection> {
    let Some((_, own)) = AREAS.iter().find(|(callers, _)| words.iter().any(|w| callers.contains(&w.as_str()))) else {
        return Vec::new();
    };
    let found: Vec<(&Collection, String)> =
        rounds.iter().filter_map(|c| area(c).filter(|a| tokens(a).iter().any(|t| own.contains(&t.as_str()))).map(|a| (*c, a))).collect();
    // "le haut du bourg" and "le bas du bourg": which one is not said.
    if found.windows(2).any(|p| p[0].1 != p[1].1) {
        return Vec::new();
    }
    found.into_iter().map(|(c, _)| c).collect()
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

/// The colours of bins the words name ("la poubelle grise" → grise).
fn bin_colours(words: &[String]) -> Vec<String> {
    words.windows(2).filter(|p| BINS.contains(&p[0].as_str())).filter_map(|p| colour_of(&p[1])).map(|(base, _)| base.to_string()).collect()
}

/// The colours a round's name or note gives its bin, each as its first spelling.
fn said_colour(c: &Collection) -> Vec<String> {
    let mut words = tokens(&c.kind);
    words.extend(c.note.as_deref().map(tokens).unwrap_or_default());
    let mut said: Vec<String> = words.iter().filter_map(|w| colour_of(w)).map(|(base, _)| base.to_string()).collect();
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
        // Nothing named: every round is asked about.
        assert!(kinds(&t, "la poubelle passe quand").is_empty());
        assert!(kinds(&t, "le camion passe quand").is_empty());
    }
}
