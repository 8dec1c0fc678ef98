//! Cues that a question asks where a place is, its phone number, or whom to call.

use super::Words;

/// A question asking for a phone number ("le numéro", "comment les joindre").
pub fn asks_phone(w: &Words) -> bool {
    // "il faut appeler avant ?" asks whether, not the number.
    let call = w.any(&["appeler", "telephoner"]) && !w.any_phrase(&["appeler avant", "telephoner avant", "prevenir avant"]);
    // "comment on appelle l'office ?": how to phone it (not "comment on appelle ça ?").
    let how_to_call =
        w.t.windows(4)
            .any(|t| t[0] == "comment" && matches!(t[1].as_str(), "on" | "j") && t[2] == "appelle" && matches!(t[3].as_str(), "l" | "le" | "la" | "les"));
    call || how_to_call
        || w.t.iter().enumerate().any(|(i, x)| x == "numero" && phone_number_at(w, i))
        || w.any(&["telephone", "tel", "joindre", "contacter", "telephonique", "telephoniques"])
        || w.any_phrase(&["le portable du", "le portable de", "son portable", "ligne directe"])
        // "comment je joins le périscolaire ?", "on les joint comment ?", "comment je contacte la permanence ?"
        // Not "je joins quoi à ma lettre ?", a thing attached.
        || (0..w.t.len()).any(|i| how_to_reach_at(w, i))
        || (0..w.t.len()).any(|i| reaches_it_at(w, i))
}

/// Forms of reaching someone said with a subject ("je joins", "on contacte"), not "je joins quoi à
/// ma lettre ?" unless asked how.
const REACH: &[&str] = &["joins", "joint", "joindrai", "contacte"];

/// Whether the word at `i` asks how to reach someone: "comment je joins", "comment on contacte".
pub fn how_to_reach_at(w: &Words, i: usize) -> bool {
    i >= 2 && REACH.contains(&w.t[i].as_str()) && w.t[i - 2] == "comment" && matches!(w.t[i - 1].as_str(), "je" | "on")
}

/// Whether the word at `i` reaches someone named before: "on la joint (comment)", "je les contacte".
pub fn reaches_it_at(w: &Words, i: usize) -> bool {
    i >= 2 && REACH.contains(&w.t[i].as_str()) && matches!(w.t[i - 1].as_str(), "les" | "le" | "la" | "l") && matches!(w.t[i - 2].as_str(), "je" | "on")
}

/// Whether the "numéro" at `i` is a phone number: not "c'est quoi ce numéro ?", "mon numéro",
/// "le numéro unique", "le numéro de dossier".
pub fn phone_number_at(w: &Words, i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| w.t[p].as_str());
    let next = w.t.get(i + 1).map(String::as_str);
    let of = w.t.get(i + 2).map(String::as_str);
    let other = matches!(next, Some("unique" | "fiscal" | "fiscale"))
        || (next == Some("de") && matches!(of, Some("dossier" | "demande" | "securite" | "allocataire" | "enregistrement" | "rue" | "maison")));
    // "on me parle d'un numéro"
    let spoken_of = prev == Some("un") && i >= 2 && w.t[i - 2] == "d";
    !matches!(prev, Some("ce" | "mon")) && !other && !spoken_of && !house_number_at(w, i)
}

/// Whether the "numéro" at `i` is a house number in a street ("à quel numéro de la place",
/// "c'est quel numéro dans l'avenue").
fn house_number_at(w: &Words, i: usize) -> bool {
    let rest = w.t.iter().skip(i + 1).map(String::as_str);
    let mut rest = rest.skip_while(|x| matches!(*x, "de" | "du" | "dans" | "sur" | "la" | "le" | "l"));
    w.t.get(i + 1).is_some_and(|x| matches!(x.as_str(), "de" | "du" | "dans" | "sur")) && rest.next().is_some_and(crate::answer::streets::is_common_type)
}

/// A question of whom to call or tell ("qui je préviens ?", "un numéro d'urgence ?"), which a
/// closure said beside it ("la mairie est fermée") does not make a question of hours.
pub fn asks_whom_to_call(w: &Words) -> bool {
    w.any_phrase(&[
        "qui j appelle",
        "qui appeler",
        "qui je previens",
        "qui prevenir",
        "qui je contacte",
        "qui contacter",
        "qui je dois appeler",
        "qui je dois prevenir",
        "qui dois je appeler",
        "qui je peux appeler",
        "numero d urgence",
        // "je m'adresse à qui ?", "à qui s'adresser ?"
        "m adresse a qui",
        "m adresser a qui",
        "qui je m adresse",
        "qui m adresser",
        "qui s adresser",
    ])
}

/// Words naming an address or where a place stands; not "je m'adresse à qui ?" (whom to see).
pub fn says_address(w: &Words) -> bool {
    let address =
        // Not the caller's own or a new one: "un changement d'adresse", "il me faut une adresse".
        |(i, x): (usize, &String)| {
            x == "adresse"
                && !(i > 0
                    && matches!(
                        w.t[i - 1].as_str(),
                        "m" | "s" | "t" | "me" | "se" | "te" | "nous" | "vous" | "d" | "une" | "mon" | "nouvelle" | "ancienne" | "sans"
                    ))
        };
    let house_number = (0..w.t.len()).any(|i| w.t[i] == "numero" && house_number_at(w, i));
    w.t.iter().enumerate().any(address) || w.any(&["situe", "situee"]) || house_number
}

/// "c'est où ?", "elle est où ?", "ils sont où ?", "où est … ?".
pub const WHERE_IS: &[&str] = &["est ou", "sont ou", "ou est"];

/// The way to a place asked ("je cherche le chemin de la déchetterie", "je cherche l'accès au
/// stade"; not "il faut payer pour l'accès à la décharge ?", a right of entry).
pub fn asks_way(w: &Words) -> bool {
    w.any_phrase(&[
        "cherche le chemin",
        "cherche l acces",
        "trouver le chemin",
        "trouver l acces",
        "indiquer le chemin",
        "le chemin pour aller",
        "comment acceder",
    ])
}

/// A question about where a place is or how to reach it (address, phone).
pub fn asks_where(w: &Words) -> bool {
    // "c'est sur quel quai ?", "dans quelle allée ?"
    let which_street = w.t.windows(2).any(|p| matches!(p[0].as_str(), "quel" | "quelle") && crate::answer::streets::is_common_type(&p[1]));
    which_street
        || asks_way(w)
        || says_address(w)
        || asks_phone(w)
        || w.any_phrase(WHERE_IS)
        || w.any_phrase(&[
            "ou se trouve",
            "ou ca se trouve",
            "se trouve ou",
            "se trouvent ou",
            "quelle rue",
            "quelle adresse",
            "ou elle est",
            "ou il est",
            "ou sont",
            "comment y aller",
            "comment aller",
            "je la trouve",
            "je le trouve",
            "ca se trouve",
            // The way there: "c'est de quel côté ?", "je mets quoi dans le GPS ?", "il faut monter ?"
            "de quel cote",
            "quelle route",
            "quel chemin",
            "dans quelle rue",
            "dans le gps",
            "quel etage",
            "quel endroit",
            "quel batiment",
            "il faut monter",
            "pour y aller",
            // "je prends quelle direction ?", "elle est dans quel hameau ?", "on y entre par où ?"
            "quelle direction",
            "quel hameau",
            "quel quartier",
            "quel lieu dit",
            "entre par ou",
            "entre par quel",
            // "comment on va à la décharge ?"
            "comment on va a",
            "comment on va au",
            "comment on y va",
        ])
        || ends_on_where(w)
        || asks_where_held(w)
}

/// "où a lieu la permanence ?", "dans quelle salle ?": the place of a thing held, asked outright
/// whatever words of opening hours ("permanence") come with it.
pub fn asks_where_held(w: &Words) -> bool {
    w.any_phrase(&["quelle salle", "ou a lieu", "ou ont lieu", "ou se tient", "ou se tiennent", "ou ca se passe", "ou se passe"])
}

/// "on prend le bac où ?", "il se tient où ?", "c'est où exactement ?", "où ça ?": the question
/// ends on its "où", which asks the place whatever else it says.
pub fn ends_on_where(w: &Words) -> bool {
    // Not "de quand jusqu'où ?", the end of a span of hours (but "je dois couper jusqu'où ?", a distance).
    let n = w.t.len();
    let of_time = w.has("quand") || w.any(super::OPEN) || w.t.iter().any(|x| crate::answer::timeexpr::is_time_word(x));
    let until = n >= 2 && w.t[n - 1] == "ou" && matches!(w.t[n - 2].as_str(), "jusqu" | "jusque") && of_time;
    !until && w.t.iter().rev().find(|l| !matches!(l.as_str(), "exactement" | "precisement" | "donc" | "ca" | "alors" | "svp")).is_some_and(|l| l == "ou")
}
