//! Places named by what one goes there to do or who works there ("aller nager", "la secrétaire",
//! "le bateau pour l'île"): general to every town, matched against the words of its services' names.

use super::intent::Words;
use super::services::{ServiceLabel, ServiceMatch};
use super::town::Town;

/// What one goes somewhere to do, said without the place ("aller nager", "rendre mes livres"),
/// and the words a name of that place holds.
struct Activity {
    /// The words that say it.
    said: &'static [&'static str],
    /// Words that must be said too, anywhere, when not empty.
    with: &'static [&'static str],
    /// Words one of which must follow it directly, when not empty.
    next: &'static [&'static str],
    /// The words a name of the place holds.
    places: &'static [&'static str],
}

const fn act(said: &'static [&'static str], with: &'static [&'static str], places: &'static [&'static str]) -> Activity {
    Activity { said, with, next: &[], places }
}

const ACTIVITIES: &[Activity] = &[
    act(&["nager", "baigner", "natation", "plongeon"], &[], &["piscine", "aquatique", "nautique", "baignade"]),
    act(
        &["livres", "livre", "bouquins", "romans", "roman", "bd", "dvd", "films"],
        &["emprunter", "rendre", "rapporter", "ramener", "prendre", "chercher", "rechercher", "choisir", "echanger"],
        &["bibliotheque", "mediatheque"],
    ),
    Activity { said: &["bandes"], with: &[], next: &["dessinees"], places: &["bibliotheque", "mediatheque"] },
    act(&["recommande", "recommandee", "colis"], &["poster", "envoyer", "retirer", "chercher", "deposer", "instance", "recuperer"], &["poste", "postale"]),
    // "poster mes cartes de vœux", "faire un mandat".
    act(&["poster", "mandat"], &[], &["poste", "postale"]),
    // "ma baguette", "mon journal": the shop that sells them.
    act(&["pain", "baguette", "baguettes", "journal", "croissants"], &[], &["boulangerie", "epicerie", "multiservice", "commerce"]),
    // "mes cannes", "lancer les lignes": the fishing place (not "pêcher": the permit is an entry).
    act(&["cannes", "lignes"], &[], &["peche", "etang", "etangs"]),
    act(&["couronne", "couronnes"], &[], &["cimetiere", "cimetieres"]),
    act(&["ferraille", "deblais"], &[], &["dechetterie", "decheterie", "dechetteries"]),
    // "vider ma remorque", "deux remorques de tailles de haies"; not "une barque sur remorque".
    act(
        &["remorque", "remorques"],
        &["vider", "tailles", "haies", "branches", "dechets", "deblais", "gravats"],
        &["dechetterie", "decheterie", "dechetteries"],
    ),
    act(&["timbres", "timbre"], &[], &["poste", "postale"]),
    // "faire des longueurs": laps of a pool.
    act(&["longueurs"], &[], &["piscine", "aquatique", "nautique"]),
    // "la carte des balades", "le programme des randonnées": what a tourist office hands out.
    act(
        &["balades", "randonnees", "randos", "circuits"],
        &["carte", "cartes", "programme", "plan", "plans", "brochure", "depliant"],
        &["tourisme", "touristique"],
    ),
    // Everyday names of a service: "l'atelier municipal" is the technical services' depot.
    act(&["atelier", "ateliers", "cantonnier", "cantonniers"], &[], &["techniques", "technique", "voirie"]),
    act(&["decharge"], &[], &["dechetterie", "decheterie", "dechetteries"]),
    // "emmener mes cartons", not "jeter les cartons" (in which bin?).
    act(&["cartons"], &["emmener", "amener", "apporter", "deposer", "vider"], &["dechetterie", "decheterie", "dechetteries"]),
    // "on arrive avec la caravane", "presser nos pommes".
    act(&["caravane", "caravanes"], &[], &["camping"]),
    act(&["pommes"], &["presser", "jus", "pressage"], &["pressoir"]),
    // "le maître de port", "les sauveteurs sur la plage".
    act(&["maitre", "maitres"], &["port"], &["capitainerie"]),
    act(&["sauveteurs", "sauveteur", "surveillants", "secouristes"], &[], &["secours", "surveillance"]),
    // "les maîtres-nageurs", "la secrétaire", "l'infirmière", "le bateau", "les fosses": who works
    // there, or what it runs.
    act(&["nageur", "nageurs"], &[], &["piscine", "aquatique", "nautique", "baignade", "plage", "plages"]),
    act(&["secretaire", "secretaires"], &[], &["secretariat"]),
    act(&["infirmiere", "infirmieres", "infirmier", "infirmiers"], &[], &["sante", "medical", "medicale", "soins"]),
    // "le bateau pour l'île, il part d'où ?", not "faire du bateau", "les dorades du bateau".
    act(&["bateau"], &["part", "partent", "repart", "prendre", "rate", "traverser"], &["navette", "vedette", "vedettes", "embarcadere"]),
    act(&["traversee"], &[], &["navette", "vedette", "vedettes", "embarcadere"]),
    act(&["fosses", "septique", "septiques"], &[], &["spanc", "assainissement"]),
    act(&["producteurs", "maraichers", "marchands", "commercants"], &[], &["marche"]),
    act(&["gardez", "gardent"], &["enfants", "petits"], &["garderie", "periscolaire"]),
    act(&["patiner", "patinage", "patins"], &[], &["patinoire"]),
    // "fleurir la tombe de mes parents": the cemetery; "la tombe de mamie", not "il est tombé", read alike.
    act(&["tombes", "fleurir"], &[], &["cimetiere", "cimetieres"]),
    Activity { said: &["tombe"], with: &[], next: &["de", "du", "des", "d"], places: &["cimetiere", "cimetieres"] },
];

/// The one service whose name holds the place of an activity said ("on peut aller nager ce
/// soir ?": the pool), a little less sure than its name.
pub fn place_of_activity(words: &Words, town: &Town) -> Option<ServiceMatch> {
    let has = |ws: &[&str]| words.t.iter().position(|w| ws.contains(&w.as_str()));
    let (first, places) = ACTIVITIES.iter().find_map(|a| {
        let at = has(a.said)?;
        let next_ok = a.next.is_empty() || words.t.get(at + 1).is_some_and(|n| a.next.contains(&n.as_str()));
        ((a.with.is_empty() || has(a.with).is_some()) && next_ok).then_some((at, a.places))
    })?;
    // "le poste de police", "le poste de secours" and "le poste de pêche" hold no post office.
    let post = places.contains(&"poste");
    let other_post = |l: &&ServiceLabel| post && l.words.iter().any(|w| matches!(w.as_str(), "police" | "secours" | "garde" | "pilotage" | "peche"));
    // The place's words in their order, the likeliest first: "la piscine" before "la halte nautique".
    let index = places.iter().find_map(|place| {
        let mut found = town.labels.iter().filter(|l| l.words.iter().any(|w| w == place) && !other_post(l)).map(|l| l.service);
        let index = found.next()?;
        Some((!found.any(|i| i != index)).then_some(index))
    })??;
    Some(ServiceMatch { index, score: 0.7, words: 1, first })
}
