//! Recognition slips mended: words the phone line and the recogniser glue together, split or
//! mishear ("l'Amérique" for "la mairie", "sermé" for "fermé", "séquant" for "c'est quand"),
//! general to every town. Applied to the words of every question before any search.

use super::lexicon::{follows_verb, BEING};

/// Recognition slips and everyday short names, general to every town: pairs of words first.
const PAIRS: &[(&str, &str, &str)] = &[
    ("l", "amerique", "la mairie"),
    ("la", "merie", "la mairie"),
    ("la", "marie", "la mairie"),
    ("la", "meree", "la mairie"),
    // "la veille" heard "l'aveil".
    ("l", "aveil", "la veille"),
    // "l'annexe" heard "la mecs", "l'Amex", "l'Amèque".
    ("la", "mecs", "l annexe"),
    ("l", "amex", "l annexe"),
    ("l", "ameque", "l annexe"),
    ("de", "chetterie", "dechetterie"),
    ("de", "cheterie", "dechetterie"),
    ("dechet", "terie", "dechetterie"),
    ("mediat", "heque", "mediatheque"),
    ("mer", "tredi", "mercredi"),
    ("mer", "credi", "mercredi"),
    ("passe", "port", "passeport"),
    ("sam", "dit", "samedi"),
    // "jeudi" heard "jeu dit", "lundi" heard "l'Indi".
    ("jeu", "dit", "jeudi"),
    ("l", "indi", "lundi"),
    ("l", "indie", "lundi"),
    ("sam", "di", "samedi"),
    ("sam", "dim", "samedi"),
    // "à tantôt", the north's and the south-west's "à bientôt".
    ("a", "tantot", "a bientot"),
    // "bonne fin de journée" heard "bonne saint de journée".
    ("bonne", "saint", "bonne fin"),
    // Good Friday heard without its last letter (a silent one).
    ("vendredi", "sain", "vendredi saint"),
    ("vendredi", "sein", "vendredi saint"),
    // "est ouvert" heard with its liaison as a word of its own.
    ("tout", "vert", "ouvert"),
    ("tout", "verts", "ouvert"),
    ("tout", "verte", "ouverte"),
    ("tout", "vertes", "ouverte"),
    ("tous", "verts", "ouvert"),
    ("au", "vert", "ouvert"),
    ("tout", "vers", "ouvert"),
    // "c'est férié" heard "ces séries".
    ("ces", "series", "c est ferie"),
    // "mon fils a seize ans" heard "mon fils à saison", "elle a seize ans" heard "elle saison".
    ("a", "saison", "a 16 ans"),
    ("elle", "saison", "elle a 16 ans"),
    ("il", "saison", "il a 16 ans"),
    // "quelqu'un" heard "calcul": "y a calcul", "voir calcul", "pour calculant".
    ("a", "calcul", "a quelqu un"),
    ("voir", "calcul", "voir quelqu un"),
    ("pour", "calculant", "pour quelqu un"),
    ("ces", "serie", "c est ferie"),
    ("ces", "seriers", "c est ferie"),
    ("au", "verts", "ouvert"),
    // "ça rouvre" heard "car ouvre".
    ("car", "ouvre", "ca rouvre"),
    ("car", "ouvres", "ca rouvre"),
    ("car", "ouver", "ca rouvre"),
    // "les sacs jaunes" heard "les sacs jones", "les sats jones", "les sacs jouent".
    ("sacs", "jones", "sacs jaunes"),
    ("sac", "jones", "sac jaune"),
    ("sats", "jones", "sacs jaunes"),
    ("sacs", "jouent", "sacs jaunes"),
    // "la poubelle jaune" heard "la poubelle jeune", "le bac jaune" heard "le bac jeûne".
    ("poubelle", "jeune", "poubelle jaune"),
    ("poubelles", "jeunes", "poubelles jaunes"),
    ("bac", "jeune", "bac jaune"),
    ("bac", "jeun", "bac jaune"),
    ("bacs", "jeunes", "bacs jaunes"),
    // "le bac gris" heard "le bac dri", "le bâque drie", "la poubelle brise".
    ("bac", "dri", "bac gris"),
    ("bac", "drie", "bac gris"),
    ("bac", "bri", "bac gris"),
    ("baque", "drie", "bac gris"),
    ("baque", "dri", "bac gris"),
    ("poubelle", "brise", "poubelle grise"),
    ("poubelle", "brisse", "poubelle grise"),
    ("sac", "jeune", "sac jaune"),
    ("sacs", "jeunes", "sacs jaunes"),
    // Two-letter acronyms said letter by letter: "l'O.T.", "la P.M.".
    ("o", "t", "office de tourisme"),
    ("p", "m", "police municipale"),
    // "lundi" heard "l'indie", "la garderie" heard "la garde rie", "lotissement" heard "l'autissement".
    ("l", "indie", "lundi"),
    ("l", "indi", "lundi"),
    ("l", "india", "lundi"),
    // "lundi" heard as a word after an elision: "l'indice", "l'indique", "l'élendie".
    ("l", "indice", "lundi"),
    ("l", "indique", "lundi"),
    ("l", "elendie", "lundi"),
    ("l", "elandi", "lundi"),
    ("l", "elandie", "lundi"),
    ("l", "elendi", "lundi"),
    ("l", "helandie", "lundi"),
    // "mercredi" and "samedi" heard as two words: "mer produit", "somme dit".
    ("mer", "produit", "mercredi"),
    ("mer", "predi", "mercredi"),
    ("mer", "trudier", "mercredi"),
    ("somme", "dit", "samedi"),
    // "ma femme" heard "ma somme" (f heard s on the 8 kHz line).
    ("ma", "somme", "ma femme"),
    ("garde", "rie", "garderie"),
    ("l", "autissement", "lotissement"),
    // "la municipale": the municipal police, in callers' mouths.
    ("la", "municipale", "la police municipale"),
    // "le tri sélectif" heard "le prix sélectif".
    ("prix", "selectif", "tri selectif"),
    // "les sacs jaunes" heard "les sept jeûnes", "les sept-unes".
    ("sept", "jeune", "sacs jaunes"),
    ("sept", "jeunes", "sacs jaunes"),
    ("sept", "unes", "sacs jaunes"),
    ("7", "jeune", "sacs jaunes"),
    ("7", "jeunes", "sacs jaunes"),
    ("7", "unes", "sacs jaunes"),
];

/// Words that recognisers glue to the liaison before them ("c'est touvert", "s'étouvert").
const AFTER_LIAISON: &[&str] = &["ouvert", "ouverte", "ouverts", "ouvertes", "ouvre", "ouvrent", "ouvrir"];

/// The days of the week, which recognisers glue to the "et" or "le" before them ("évendredi").
pub(super) const DAYS: &[&str] = &["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// "à quelle heure" run together into one word ("aqueleur", "caqueleur", "scakeleur").
fn is_glued_what_time(w: &str) -> bool {
    ["queleur", "keleur", "quelleur", "kelleur"].iter().any(|e| w.ends_with(e)) && w.len() <= 12
}

/// Words that follow "jeudi" heard as "je dis" ("je dis matin", "je dis à 14 heures", "je dis je peux passer").
const AFTER_A_DAY: &[&str] = &["matin", "soir", "apres", "a", "prochain", "midi", "c", "ca", "aprem", "je", "j", "sequant", "quand", "ces"];

/// "quel(le)" heard "qu'elle" before the words it asks about: "à qu'elle heure", "c'est qu'elle
/// joue" (quel jour).
const AFTER_WHICH: &[(&str, &str)] = &[
    ("heure", "quelle heure"),
    ("heures", "quelle heure"),
    ("date", "quelle date"),
    ("adresse", "quelle adresse"),
    ("jour", "quel jour"),
    ("joue", "quel jour"),
    ("jouent", "quel jour"),
    ("aure", "quelle heure"),
    ("route", "quelle route"),
    ("rue", "quelle rue"),
    ("prix", "quel prix"),
    ("age", "quel age"),
    ("numero", "quel numero"),
    ("semaine", "quelle semaine"),
    ("mois", "quel mois"),
    ("moment", "quel moment"),
    ("endroit", "quel endroit"),
    ("tarif", "quel tarif"),
    ("hauteur", "quelle hauteur"),
];

/// A verb run together with the "quand" after it ("ça rouvre quand" heard "roudrequant", "ils
/// repassent quand" heard "repasquant"): the verb as heard, and the words it stands for.
const BEFORE_WHEN: &[(&str, &str)] = &[
    ("rouvre", "rouvre"),
    ("roudre", "rouvre"),
    ("repasse", "repasse"),
    ("repas", "repasse"),
    ("sapas", "ca passe"),
    ("passe", "passe"),
    ("pas", "passe"),
    ("fini", "fini"),
    ("signi", "fini"),
    ("revers", "reverse"),
    ("reverse", "reverse"),
    ("ouvre", "ouvre"),
    ("ferme", "ferme"),
];

/// The endings "quand" takes when glued to the word before it.
const GLUED_WHEN: &[&str] = &["quants", "quant", "quand", "quent", "kant", "kan"];

/// A verb and "quand" run together ("finiquant" → "fini quand"), or any French word of four
/// letters or more and "quand" making no word ("videquants" → "vide quand").
fn unglue_when(w: &str) -> Option<Vec<String>> {
    let stem = GLUED_WHEN.iter().find_map(|e| w.strip_suffix(e))?;
    if let Some((_, means)) = BEFORE_WHEN.iter().find(|(heard, _)| *heard == stem) {
        return Some(means.split(' ').chain(["quand"]).map(str::to_string).collect());
    }
    let general = ["quants", "quant", "quand"].iter().any(|e| w.ends_with(e));
    let french = super::respell::dictionary()?;
    (general && stem.len() >= 4 && french.contains(stem) && !french.contains(w)).then(|| vec![stem.to_string(), "quand".to_string()])
}

/// A word glued to what came before it: "touvert" → "ouvert", "etouverte" → "ouverte",
/// "evendredi" → "et vendredi", "lesamedi" → "le samedi".
fn unglue(w: &str) -> Option<Vec<&'static str>> {
    // Not "c": "couvert" is a word ("le marché couvert").
    for prefix in ["t", "z", "et", "e"] {
        if let Some(word) = w.strip_prefix(prefix).and_then(|rest| AFTER_LIAISON.iter().find(|a| **a == rest)) {
            return Some(vec![*word]);
        }
    }
    if ["sacjones", "sacsjones", "sacjaunes", "sacsjaunes"].contains(&w) {
        return Some(vec!["sacs", "jaunes"]);
    }
    // "le bac jaune" run together: "batjoune", "backjouins", "bacjaune".
    if w.starts_with("ba") && w.len() <= 11 && ["joune", "jouin", "jouins", "jaune", "jaunes", "june"].iter().any(|e| w.ends_with(e)) {
        return Some(vec!["bac", "jaune"]);
    }
    // "le bac gris" run together, its g heard b or d: "batbri", "bacdri", "batbry".
    if w.starts_with("ba") && (6..=9).contains(&w.len()) && ["bri", "bry", "brie", "dri", "drie", "gri", "gris"].iter().any(|e| w.ends_with(e)) {
        return Some(vec!["bac", "gris"]);
    }
    // "ça rouvre" run together ("carouvre", "carrouvre"), and "c'est quand" ("séquant").
    if ["carouvre", "carrouvre", "carouvrent"].contains(&w) {
        return Some(vec!["ca", "rouvre"]);
    }
    if ["sequant", "sequand", "sequan", "sekan", "sequants", "sequents", "sequen", "secans", "secant", "secants"].contains(&w) {
        return Some(vec!["c", "est", "quand"]);
    }
    for (prefix, before) in [("et", "et"), ("e", "et"), ("le", "le"), ("les", "les")] {
        if let Some(rest) = w.strip_prefix(prefix) {
            if let Some(day) = DAYS.iter().find(|d| **d == rest) {
                return Some(vec![before, day]);
            }
        }
    }
    None
}

/// One word for another (applied before any search, so the senses below never see these words).
fn canonical(w: &str) -> Option<&'static str> {
    Some(match w {
        "media" | "medias" | "mediateque" => "mediatheque",
        "biblio" | "bibli" => "bibliotheque",
        "dechette" | "decheterie" | "decheteries" | "dechetteries" | "dechetrie" => "dechetterie",
        "pax" | "paxe" | "pacse" | "pacser" | "pacses" | "pacsee" => "pacs",
        "secu" => "securite",
        "pm" => "police municipale",
        "ot" => "office de tourisme",
        "rouve" | "rouvert" => "rouvre",
        // "le tantôt", "mardi tantôt": the afternoon in the north, Lyon and the south-west.
        "tantot" => "aprem",
        // On the 8 kHz phone line "f" is heard "s" ("vous sermez à quelle heure").
        "sermez" | "sernez" => "fermez",
        "serme" | "serne" => "ferme",
        "sermee" | "fermie" => "fermee",
        "sermer" => "fermer",
        "sermeture" => "fermeture",
        "cinquiere" => "cimetiere",
        "sevrier" => "fevrier",
        "sacture" | "sactures" => "facture",
        "merpredi" | "mertre" => "mercredi",
        "merpredis" => "mercredis",
        // "mardi" heard with a hard g ("le marguit", "un marguille"), "vendredi" with a z.
        "marguit" | "marguer" | "marguille" | "marguillis" | "mariie" | "nardie" => "mardi",
        "zendredi" => "vendredi",
        "nosembre" => "novembre",
        "cintier" | "cintiere" | "cintieres" | "cinquieres" | "cinquierent" => "cimetiere",
        "sacteur" => "facteur",
        "rattroche" | "racroche" | "ratroche" => "raccroche",
        // "les numéros de la piscine" heard for "le numéro": one number asked all the same.
        "numeros" => "numero",
        "revoilure" => "revoyure",
        "canarche" | "camarche" => "ca marche",
        "ressentement" => "recensement",
        "personnages" => "personnes agees",
        "encombrances" | "encombrance" | "encombrans" | "congrances" => "encombrants",
        "tricelectif" | "triselectif" => "tri selectif",
        "dequetrie" | "decreterie" | "dequeterie" | "dechetterise" => "dechetterie",
        "barbuc" | "barbeuc" | "barbek" => "barbecue",
        "mediatete" | "mediate" => "mediatheque",
        "ordres" => "ordures",
        "cans" | "kan" | "kant" | "cant" | "cacan" => "quand",
        "eferme" | "eferne" => "ferme",
        "efermee" => "fermee",
        "encole" | "encoles" => "ecole",
        // "ça passe" run together ("capace ou pas"), "férié" heard with an s.
        "capace" | "capaces" | "capasse" | "capasses" => "ca passe",
        "serrie" | "serries" => "ferie",
        "jone" | "jones" | "johne" | "jaunne" | "joune" | "jounes" => "jaune",
        "dechetrique" | "dechetrice" | "dechetteri" | "dechetri" | "deuxchettes" | "deuxchette" => "dechetterie",
        _ => return None,
    })
}

/// What follows "vous êtes" in a question of hours ("vous êtes encore ouverts", "vous êtes là").
const OPEN_OR_THERE: &[&str] = &["encore", "ouvert", "ouverts", "ouverte", "ouvertes", "la", "ferme", "fermes", "fermee"];

/// The verb of a visit after "je peux", heard after "je te" ("je te vois le gardien", "je te montais").
fn can_do(heard: &str) -> Option<&'static str> {
    Some(match heard {
        "voir" | "vois" | "voit" => "voir",
        "venir" | "viens" | "vient" => "venir",
        "monter" | "montais" | "monte" => "monter",
        "passer" | "passe" | "passais" => "passer",
        "aller" => "aller",
        _ => return None,
    })
}

/// Verbs of wanting, before a "se pacser" heard "se passer".
const WANT: &[&str] = &["veut", "veux", "voudrait", "voudrais", "voudrions", "voulons", "voulez", "voulait", "aimerait", "aimerions", "souhaite", "souhaitons"];

/// What a follow-up asks after its "et le" ("et le samedi ?", "et le passage suivant ?"), besides the days.
const FOLLOWED_UP: &[&str] = &["passage", "prochain", "prochaine", "suivant", "suivante", "matin", "soir", "week", "weekend", "tarif", "prix", "mois"];

/// A follow-up's "et le" heard "il le" ("d'accord, il le samedi ?"): first, or after an acknowledgement.
fn follow_up_heard_il(t: &[&str], i: usize) -> bool {
    let first = i == 0 || matches!(t[i - 1], "accord" | "daccord" | "ok" | "bon" | "bien" | "ah" | "oui" | "merci");
    first && t[i] == "il" && matches!(t.get(i + 1), Some(&"le" | &"la" | &"les")) && t.get(i + 2).is_some_and(|n| DAYS.contains(n) || FOLLOWED_UP.contains(n))
}

/// What a repair puts in place of the words at its position, and how many words it replaces.
type Mended = Option<(Vec<String>, usize)>;

/// `words` in place of the next `n` words.
fn put(words: &[&str], n: usize) -> Mended {
    Some((words.iter().map(|w| w.to_string()).collect(), n))
}

/// Whole phrases of a caller misheard: "lequel est ouvert", "se passer", "vous a été ouvert", "je
/// te venir", a follow-up's "il le", "séparé", "foi".
fn caller_phrase(t: &[&str], i: usize) -> Mended {
    // "le CCAS est ouvert ?" heard "lequel est ouvert ?", first of the question.
    if i == 0 && t[0] == "lequel" && matches!(t.get(1), Some(&"est" | &"il")) && t.get(2).is_some_and(|n| n.starts_with("ouv") || n.starts_with("ferm")) {
        return put(&["le", "ccas"], 1);
    }
    // "on veut se pacser" heard "on veut se passer".
    if t[i] == "se" && t.get(i + 1) == Some(&"passer") && i > 0 && WANT.contains(&t[i - 1]) {
        return put(&["se", "pacs"], 2);
    }
    // "vous êtes encore ouverts" heard "vous a été encore ouvert", "vous été ouverts", "vous était ouvert".
    if t[i] == "vous" && t.get(i + 1) == Some(&"a") && t.get(i + 2) == Some(&"ete") && t.get(i + 3).is_some_and(|n| OPEN_OR_THERE.contains(n)) {
        return put(&["vous", "etes"], 3);
    }
    if t[i] == "vous" && (t.get(i + 1) == Some(&"ete") || (t.get(i + 1) == Some(&"etait") && t.get(i + 2).is_some_and(|n| OPEN_OR_THERE.contains(n)))) {
        return put(&["vous", "etes"], 2);
    }
    // "je peux venir" heard "je te venir": a caller does not say "te" to the town hall.
    if let Some(verb) = (t[i] == "je" && t.get(i + 1) == Some(&"te")).then(|| t.get(i + 2).and_then(|v| can_do(v))).flatten() {
        return put(&["je", "peux", verb], 3);
    }
    if follow_up_heard_il(t, i) {
        return put(&["et"], 1);
    }
    // "c'est pareil ?" heard "séparé", last of a follow-up ("et le dimanche, séparé ?").
    if t[i] == "separe" && i + 1 == t.len() && i > 0 && !matches!(t[i - 1], "est" | "sont" | "c") {
        return put(&["c", "est", "pareil"], 1);
    }
    // "la veille de Noël" heard "la vieille de Noël", "veilleux de Noël"; not "une photo vieille de huit mois".
    if matches!(t[i], "vieille" | "veilleux")
        && t.get(i + 1) == Some(&"de")
        && t.get(i + 2).is_some_and(|f| matches!(*f, "noel" | "paques" | "toussaint" | "l"))
    {
        return put(&["veille"], 1);
    }
    // "la mairie" heard "la mère" in a question of its opening ("la mère elle est ouverte ?", "la
    // mère de Vaurenay c'est fermé ?"); not "la mère de mon mari".
    let opening = || t.iter().any(|w| w.starts_with("ouv") || w.starts_with("ferm") || w.starts_with("horaire"));
    let of_someone = matches!(t.get(i + 2), Some(&"de" | &"d"))
        && t.get(i + 3)
            .is_some_and(|p| matches!(*p, "mon" | "ma" | "mes" | "ton" | "son" | "sa" | "notre" | "votre" | "leur" | "la" | "le" | "l" | "un" | "une"));
    if t[i] == "la" && t.get(i + 1) == Some(&"mere") && !of_someone && opening() {
        return put(&["la", "mairie"], 2);
    }
    // "la prochaine fois" heard "foi" (not "ma foi", "de bonne foi").
    if t[i] == "foi" && (i == 0 || !matches!(t[i - 1], "ma" | "bonne")) {
        return put(&["fois"], 1);
    }
    None
}

/// A "là" that ends the question: now ("je peux passer à la poste là ?"), or, after "être",
/// open now ("vous êtes encore là ?", "la police est là ?"). An article never ends a sentence.
fn here_and_now(t: &[&str], i: usize) -> Mended {
    // "là maintenant": the now is said.
    if t[i] == "la" && i > 0 && i + 2 == t.len() && t[i + 1] == "maintenant" {
        return put(&[], 1);
    }
    if t[i] != "la" || i == 0 || i + 1 != t.len() {
        return None;
    }
    let before = |k: usize| if i >= k { t[i - k] } else { "" };
    // "ce jour-là", "à ce moment-là", "celui-là": that one, not now.
    if matches!(before(2), "ce" | "cet" | "cette" | "ces") || matches!(before(1), "celui" | "celle" | "ceux" | "celles") {
        return None;
    }
    // "on habite pas là", "je travaille là": a place, not a moment.
    if [before(1), before(2)].iter().any(|x| x.starts_with("habit") || x.starts_with("travaill") || matches!(*x, "vis" | "vit" | "vivent")) {
        return None;
    }
    if follows_verb(t, i, BEING) {
        // Not "c'est quand qu'ils sont là ?", "comment savoir si elles sont là ?": the hours of
        // someone's presence are read from "sont là" itself.
        let asks = t.iter().any(|x| matches!(*x, "quand" | "quel" | "quelle" | "quels" | "quelles" | "comment" | "si" | "pourquoi"));
        return if asks { None } else { put(&["ouvert"], 1) };
    }
    if t.contains(&"maintenant") {
        return put(&[], 1);
    }
    put(&["maintenant"], 1)
}

/// Two words heard for others (`PAIRS`).
fn pair(t: &[&str], i: usize) -> Mended {
    let (_, _, to) = PAIRS.iter().find(|(a, b, _)| t[i] == *a && t.get(i + 1) == Some(b))?;
    put(&to.split(' ').collect::<Vec<_>>(), 2)
}

/// Days and "when" misheard: "je dis" for "jeudi", "qu'en" and "quant" for "quand", "qu'elle" for
/// "quel(le)", "sept semaines" for "cette semaine".
fn day_or_when(t: &[&str], i: usize) -> Mended {
    // "jeudi" heard "je dis": before what follows a day ("je dis matin", "je dis 25 mars"), or after
    // what comes before one ("ce je dis là").
    let day_after = |n: &&str| AFTER_A_DAY.contains(n) || n.chars().all(|c| c.is_ascii_digit());
    let day_before = i > 0 && matches!(t[i - 1], "ce" | "le" | "chaque" | "et");
    if t[i] == "je" && t.get(i + 1) == Some(&"dis") && (day_before || t.get(i + 2).is_none_or(day_after)) {
        return put(&["jeudi"], 2);
    }
    // "samedi" heard "sa me dit" ("ça me dit" is spelt so).
    if t[i] == "sa" && t.get(i + 1) == Some(&"me") && matches!(t.get(i + 2), Some(&"dit" | &"di")) {
        return put(&["samedi"], 3);
    }
    // "il passe quand ?" heard "il passe qu'en", last of the question.
    if t[i] == "qu" && t.get(i + 1) == Some(&"en") && i + 2 == t.len() {
        return put(&["quand"], 2);
    }
    // "quant" is "quand" unless it is "quant à".
    if t[i] == "quant" && !t.get(i + 1).is_some_and(|n| ["a", "au", "aux"].contains(n)) {
        return put(&["quand"], 1);
    }
    if let Some((_, which)) = AFTER_WHICH.iter().find(|(w, _)| t[i] == "qu" && matches!(t.get(i + 1), Some(&"elle" | &"elles")) && t.get(i + 2) == Some(w)) {
        return put(&which.split(' ').collect::<Vec<_>>(), 3);
    }
    // "cette semaine" heard "sept semaines", unless a count of weeks is meant ("dans sept semaines").
    let counted = i > 0 && ["dans", "pendant", "depuis", "a", "en", "les", "de"].contains(&t[i - 1]);
    if (t[i] == "sept" || t[i] == "7") && matches!(t.get(i + 1), Some(&"semaines" | &"semaine")) && !counted {
        return put(&["cette", "semaine"], 2);
    }
    None
}

/// A death heard as a resolve ("est décidée"), the CCAS heard as a case ("au cas", "le cas").
fn death_or_ccas(t: &[&str], i: usize) -> Mended {
    // "décédé(e)" heard "décidé(e)" after "est": a death, unless a resolve ("il est décidé à partir").
    if t[i] == "est" && !matches!(t.get(i + 2), Some(&"a" | &"de" | &"d")) {
        match t.get(i + 1) {
            Some(&"decide" | &"decides") => return put(&["est", "decede"], 2),
            Some(&"decidee" | &"decidees" | &"decidez") => return put(&["est", "decedee"], 2),
            _ => {}
        }
    }
    // "au CCAS" heard "au cas", unless "au cas où"; "le CCAS" heard "le cas" before what is said
    // of a place ("le cas est fermé", "le cas a un numéro"), not "c'est le cas" nor the bus ("le
    // car pour la gare passe à quelle heure" heard "le cas pour la gare").
    let said_of_place = matches!(t.get(i + 2), Some(&"est" | &"ouvre" | &"ferme" | &"rouvre" | &"a" | &"un" | &"il" | &"elle"));
    let a_case = t[i] == "le" && (!said_of_place || (i > 0 && matches!(t[i - 1], "est" | "dans" | "pas" | "selon")) || t.iter().any(|w| w.starts_with("pass")));
    if matches!(t[i], "au" | "le") && !a_case && t.get(i + 1) == Some(&"cas") && !matches!(t.get(i + 2), Some(&"ou" | &"de" | &"d" | &"par")) {
        return put(&[t[i], "ccas"], 2);
    }
    None
}

/// Times of day misheard: "serma qu'elle" and "sermaquelle" for "ferme à quelle heure", "la
/// maintenance" for "là maintenant", "aquéleur" for "à quelle heure".
fn time_of_day(t: &[&str], i: usize) -> Mended {
    // "ferme à quelle heure" heard "serma qu'elle haurent".
    if matches!(t[i], "serma" | "ferma") && t.get(i + 1) == Some(&"qu") && matches!(t.get(i + 2), Some(&"elle" | &"elles")) {
        return put(&["ferme", "a", "quelle", "heure"], if t.get(i + 3).is_some_and(|n| n.starts_with("h") || n.starts_with("aur")) { 4 } else { 3 });
    }
    // "là maintenant" heard "la maintenance", unless it is the upkeep of a thing.
    if t[i] == "la" && t.get(i + 1) == Some(&"maintenance") && !matches!(t.get(i + 2), Some(&"de" | &"du" | &"des" | &"d")) {
        return put(&["la", "maintenant"], 2);
    }
    // "ça ferme à quelle heure" run together ("sermaquelle", "cassermaquelle").
    if ["sermaquelle", "fermaquelle", "cassermaquelle", "caffermaquelle", "casermaquelle"].contains(&t[i]) {
        return put(&["ferme", "a", "quelle", "heure"], if t.get(i + 1) == Some(&"heure") { 2 } else { 1 });
    }
    if is_glued_what_time(t[i]) {
        return put(&["a", "quelle", "heure"], 1);
    }
    // "l'après-midi" / "l'aprèm" heard with the article apart and the rest blurred: "la prémidie",
    // "à preme", "la prenudie".
    if matches!(t[i], "la" | "a" | "l") {
        match t.get(i + 1) {
            Some(&("preme" | "prem" | "premes")) => return put(&["l", "aprem"], 2),
            Some(n) if blurred_afternoon(n) => return put(&["l", "apres", "midi"], 2),
            _ => {}
        }
    }
    None
}

/// "après-midi" heard as one blurred word ("prémidie", "primidio", "prenudie", "pranédié").
fn blurred_afternoon(w: &str) -> bool {
    w.starts_with("pr") && (8..=10).contains(&w.len()) && ["midi", "midie", "midio", "nudie", "nedie", "medie", "midy"].iter().any(|e| w.ends_with(e))
}

/// One word glued, run together or misheard, else the word as it is.
fn one_word(t: &[&str], i: usize) -> (Vec<String>, usize) {
    match unglue(t[i]).map(|words| words.into_iter().map(str::to_string).collect()).or_else(|| unglue_when(t[i])) {
        Some(words) => (words, 1),
        None => (vec![canonical(t[i]).unwrap_or(t[i]).to_string()], 1),
    }
}

/// The repairs of several words, tried in this order at each position.
const RULES: &[fn(&[&str], usize) -> Mended] = &[caller_phrase, pair, day_or_when, death_or_ccas, time_of_day, here_and_now];

/// Applies the word-pair and single-word repairs.
pub fn repair(t: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(t.len());
    let mut i = 0;
    while i < t.len() {
        let (words, n) = RULES.iter().find_map(|rule| rule(t, i)).unwrap_or_else(|| one_word(t, i));
        out.extend(words);
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::answer::lexicon::strip_openings;

    #[test]
    fn a_french_word_run_together_with_quand_is_two_words() {
        if !crate::answer::respell::word_list_for_test() {
            return;
        }
        assert_eq!(strip_openings("ils sont videquants"), "ils sont vide quand");
        assert_eq!(strip_openings("le bus repasquant"), "le bus repasse quand");
        // A word of its own stays one.
        assert_eq!(strip_openings("il manque un piquant"), "il manque un piquant");
    }

    #[test]
    fn words_glued_or_split_by_the_recogniser_are_mended() {
        assert_eq!(strip_openings("samedi matin la mairie s'étouvert"), "samedi matin la mairie s ouvert");
        assert_eq!(strip_openings("on est samedi vous était ouvert ce matin"), "on est samedi vous etes ouvert ce matin");
        assert_eq!(strip_openings("Vous été ouverts, ce matin ?"), "vous etes ouverts ce matin");
        assert_eq!(strip_openings("c'est ouvert, c'est à preme"), "c est ouvert c est l aprem");
        assert_eq!(strip_openings("je peux passer la prenudie à la mairie"), "je peux passer l apres midi a la mairie");
        assert_eq!(strip_openings("je pensais que vous étiez ouverts"), "je pensais que vous etiez ouverts");
        assert_eq!(strip_openings("il était à la presse"), "il etait a la presse");
        assert_eq!(strip_openings("l'aveil du 14 juillet"), "la veille du 14 juillet");
        assert_eq!(strip_openings("la crèche aujourd'hui vieille de Noël"), "la creche aujourd hui veille de noel");
        assert_eq!(strip_openings("ma photo est vieille de huit mois"), "ma photo est vieille de 8 mois");
        assert_eq!(strip_openings("la mère de Vaurenay elle est ouverte aujourd'hui"), "la mairie de vaurenay elle est ouverte aujourd hui");
        assert_eq!(strip_openings("la mère de mon mari est fermée à tout"), "la mere de mon mari est fermee a tout");
        assert_eq!(strip_openings("Et le jeu dit, vous fermez tard"), "et le jeudi vous fermez tard");
        assert_eq!(strip_openings("l'Indie prochain la mairie"), "lundi prochain la mairie");
        assert_eq!(strip_openings("Peu, la poubelle jaune, rue Berlioz"), "la poubelle jaune rue berlioz");
        assert_eq!(strip_openings("Un, les cours collectifs"), "les cours collectifs");
        assert_eq!(strip_openings("Bon et sa me dit alors vous y serez"), "bon et samedi vous y serez");
        assert_eq!(strip_openings("le vendredi c'est serrié"), "le vendredi c est ferie");
        assert_eq!(strip_openings("peu de monde le samedi"), "peu de monde le samedi");
        assert_eq!(strip_openings("allô la mecs du canal"), "l annexe du canal");
        assert_eq!(strip_openings("le service et tout verts en ce moment"), "le service et ouvert en ce moment");
        assert_eq!(strip_openings("Évendredi"), "et vendredi");
        assert_eq!(strip_openings("je peux passer à la poste là"), "je peux passer a la poste maintenant");
        assert_eq!(strip_openings("vous êtes encore là"), "vous etes encore ouvert");
        assert_eq!(strip_openings("la navette roule là maintenant"), "la navette roule maintenant");
        assert_eq!(strip_openings("je suis là devant la mairie"), "je suis la devant la mairie");
        assert_eq!(strip_openings("je peux aller à la déchetterie ce jour-là"), "je peux aller a la dechetterie ce jour la");
        assert_eq!(strip_openings("le conciliateur sera là"), "le conciliateur sera ouvert");
        assert_eq!(strip_openings("c'est quand qu'ils sont là"), "c est quand qu ils sont la");
        assert_eq!(strip_openings("même si on habite pas là"), "meme si on habite pas la");
        assert_eq!(strip_openings("le vendredi sain la mairie est fermée"), "le vendredi saint la mairie est fermee");
        assert_eq!(strip_openings("la mairie rouve quand"), "la mairie rouvre quand");
        assert_eq!(strip_openings("le service de urbanisme il est ouvert je dis matin"), "le service de urbanisme il est ouvert jeudi matin");
        assert_eq!(strip_openings("Aquéleur, ferme la médiathèque"), "a quelle heure ferme la mediatheque");
        // The 8 kHz line: "f" heard "s", words run together or split.
        assert_eq!(strip_openings("Vous sermez à quelle heure ce samedi matin ?"), "vous fermez a quelle heure ce samedi matin");
        assert_eq!(strip_openings("La mairie, carouvre-cans."), "la mairie ca rouvre quand");
        assert_eq!(strip_openings("le bureau du cinquière est ferme, séquant il rouvre"), "le bureau du cimetiere est ferme c est quand il rouvre");
        assert_eq!(strip_openings("je peux passer mer-tredi"), "je peux passer mercredi");
        assert_eq!(strip_openings("l'encole s'éferme à quelle heure"), "l ecole s ferme a quelle heure");
        assert_eq!(strip_openings("À l'eau, la mairie vous êtes là jusqu'à quelle heure"), "la mairie vous etes la jusqu a quelle heure");
        assert_eq!(strip_openings("une fuite à l'eau chaude"), "une fuite a l eau chaude");
        assert_eq!(strip_openings("la piscine jusqu'à qu'elle heure"), "la piscine jusqu a quelle heure");
        assert_eq!(strip_openings("les cérémonies c'est qu'elle joue"), "les ceremonies c est quel jour");
        assert_eq!(strip_openings("la vidange s'est finiquant"), "la vidange s est fini quand");
        assert_eq!(strip_openings("la poste elle roudrequant"), "la poste elle rouvre quand");
        assert_eq!(strip_openings("et je dis je peux passer"), "et jeudi je peux passer");
        assert_eq!(strip_openings("Sam dit, la mairie"), "samedi la mairie");
        assert_eq!(strip_openings("les sacs jones sept semaines secans"), "les sacs jaunes cette semaine c est quand");
        assert_eq!(strip_openings("les backjouins à la montée séquant"), "les bac jaune a la montee c est quand");
        assert_eq!(strip_openings("la poubelle jeune ils passent"), "la poubelle jaune ils passent");
        assert_eq!(strip_openings("le prix sélectif ils repasquent"), "le tri selectif ils repasse quand");
        assert_eq!(strip_openings("on peut passer à l o t ce matin"), "on peut passer a l office de tourisme ce matin");
        assert_eq!(strip_openings("la p m c'est ouvert"), "la police municipale c est ouvert");
        assert_eq!(strip_openings("la PM le samedi"), "la police municipale le samedi");
        assert_eq!(strip_openings("le téléphone de la municipale"), "le telephone de la police municipale");
        assert_eq!(strip_openings("la piscine municipale"), "la piscine municipale");
        assert_eq!(strip_openings("l'indie de Pâques la garde rie l'ouvre"), "lundi de paques la garderie l ouvre");
        assert_eq!(strip_openings("les ordures capaces ou pas c'est qu'elle route"), "les ordures ca passe ou pas c est quelle route");
        assert_eq!(strip_openings("rue des Lilas, il passe qu'en"), "rue des lilas il passe quand");
        assert_eq!(strip_openings("ils passent qu'elles jouent"), "ils passent quel jour");
        // "le bac gris" run together, its g heard b or d; "le tantôt", the afternoon, but "à tantôt" a farewell.
        assert_eq!(strip_openings("rue du lac le batbri on le sort quand"), "rue du lac le bac gris on le sort quand");
        assert_eq!(strip_openings("le bac dri passe quand"), "le bac gris passe quand");
        assert_eq!(strip_openings("vous ouvrez mardi tantôt"), "vous ouvrez mardi aprem");
        assert_eq!(strip_openings("on se dit à tantôt"), "on se dit a bientot");
        assert_eq!(strip_openings("le bac-Johne c'est jusqu'à qu'elle aure"), "le bac jaune c est jusqu a quelle heure");
        assert_eq!(strip_openings("l'indice de Pâques la mairie"), "lundi de paques la mairie");
        assert_eq!(strip_openings("le bureau du cintière s'est ouvert le marguer"), "le bureau du cimetiere s est ouvert le mardi");
        assert_eq!(strip_openings("la garderie sermaquelle heure le matin"), "la garderie ferme a quelle heure le matin");
        assert_eq!(strip_openings("je peux venir la maintenance"), "je peux venir la maintenant");
        assert_eq!(strip_openings("somme dit la poste"), "samedi la poste");
        assert_eq!(strip_openings("ma maman est décidée cette nuit"), "ma maman est decedee cette nuit");
        assert_eq!(strip_openings("je passe au cas pour mon dossier"), "je passe au ccas pour mon dossier");
        assert_eq!(strip_openings("les cinquières serma qu'elle haurent le soir"), "les cimetiere ferme a quelle heure le soir");
        assert_eq!(strip_openings("le barbuc dans le jardin"), "le barbecue dans le jardin");
        assert_eq!(strip_openings("ma somme voudrait faire de la gym"), "ma femme voudrait faire de la gym");
        assert_eq!(strip_openings("D'accord, il le dimanche matin séparé."), "et le dimanche matin c est pareil");
        assert_eq!(strip_openings("il le passage suivant séquant"), "et le passage suivant c est quand");
        assert_eq!(strip_openings("et la foi d'après"), "et la fois d apres");
        assert_eq!(strip_openings("Les 7 jeûne route de Vallagnac"), "les sacs jaunes route de vallagnac");
        assert_eq!(strip_openings("je pensais que vous étiez au vert"), "je pensais que vous etiez ouvert");
        assert_eq!(strip_openings("c'est fermé car ouvres, quand"), "c est ferme ca rouvre quand");
        assert_eq!(strip_openings("Le cas est fermé aujourd'hui"), "le ccas est ferme aujourd hui");
        assert_eq!(strip_openings("et après je dis séquant"), "et apres jeudi c est quand");
        assert_eq!(strip_openings("Je dis ces séries, les poubelles"), "jeudi c est ferie les poubelles");
        assert_eq!(strip_openings("la déchette c'est tout vers là"), "la dechetterie c est ouvert maintenant");
        assert_eq!(strip_openings("lequel est ouvert cet après-midi ?"), "le ccas est ouvert cet apres midi");
        assert_eq!(strip_openings("vous avez les numéros de la capitainerie"), "vous avez les numero de la capitainerie");
        assert_eq!(strip_openings("on veut se passer avec ma copine"), "on veut se pacs avec ma copine");
        assert_eq!(strip_openings("Bonjour vous a été encore ouvert la je suis sur la place."), "vous etes encore ouvert la je suis sur la place");
        assert_eq!(strip_openings("Le premier novembre, je te vois le gardien"), "le 1 novembre je peux voir le gardien");
        assert_eq!(strip_openings("Et je dis je te montais à la mairie"), "et jeudi je peux monter a la mairie");
        assert_eq!(strip_openings("Je dis 25 mars"), "jeudi 25 mars");
        assert_eq!(strip_openings("Ce je dis là je peux venir"), "ce jeudi la je peux venir");
        assert_eq!(strip_openings("Ok, canarche au revoir et bonne saint de journée."), "ok ca marche au revoir et bonne fin de journee");
        assert_eq!(strip_openings("Sam-Dim matin la mairie"), "samedi matin la mairie");
        assert_eq!(strip_openings("mon fils à saison, il doit faire quoi"), "mon fils a 16 ans il doit faire quoi");
        assert_eq!(strip_openings("je voudrais voir calcul pour une aide"), "je voudrais voir quelqu un pour une aide");
        // Real words stay as they are.
        assert_eq!(strip_openings("il est décidé à vendre"), "il est decide a vendre");
        assert_eq!(strip_openings("au cas où la mairie est fermée"), "au cas ou la mairie est fermee");
        assert_eq!(strip_openings("la maintenance de la chaudière"), "la maintenance de la chaudiere");
        assert_eq!(strip_openings("en indiquant la rue"), "en indiquant la rue");
        assert_eq!(strip_openings("le délai est de sept semaines"), "le delai est de 7 semaines");
        assert_eq!(strip_openings("le prix de la cantine"), "le prix de la cantine");
        assert_eq!(strip_openings("il dit qu'elle viendra"), "il dit qu elle viendra");
        assert_eq!(strip_openings("qu'en pensez-vous"), "qu en pensez vous");
        assert_eq!(strip_openings("quant à moi je passe mardi"), "quant a moi je passe mardi");
        assert_eq!(strip_openings("je dis que la rue est sale"), "je dis que la rue est sale");
        assert_eq!(strip_openings("le marché couvert est ouvert"), "le marche couvert est ouvert");
        assert_eq!(strip_openings("il le fait quand"), "il le fait quand");
        assert_eq!(strip_openings("le tri c'est séparé"), "le tri c est separe");
        assert_eq!(strip_openings("de bonne foi"), "de bonne foi");
        assert_eq!(strip_openings("dans le cas de mon père"), "dans le cas de mon pere");
        assert_eq!(strip_openings("si c'est le cas je passe"), "si c est le cas je passe");
        assert_eq!(strip_openings("le cas pour la gare passe à quelle heure"), "le cas pour la gare passe a quelle heure");
        assert_eq!(strip_openings("le cas il passe à quelle heure"), "le cas il passe a quelle heure");
        assert_eq!(strip_openings("lequel est le moins cher"), "lequel est le moins cher");
        assert_eq!(strip_openings("ça se passer comment"), "ca se passer comment");
        assert_eq!(strip_openings("la saison d'été"), "la saison d ete");
        assert_eq!(strip_openings("le dossier vous a été envoyé"), "le dossier vous a ete envoye");
        assert_eq!(strip_openings("je dis que c'est loin"), "je dis que c est loin");
    }
}
