//! Cues that a question asks about opening hours or a visit at a time.

use super::Words;
use crate::answer::lexicon::{follows_verb, BEING};
use crate::answer::timeexpr;
use crate::answer::town::weekday_from_name;

/// Someone of a service receiving the public ("il reçoit le mardi"), not a thing received ("je
/// reçois des textos", "recevoir un colis", "on la reçoit quand").
fn receives(w: &Words) -> bool {
    w.t.iter().enumerate().any(|(i, x)| {
        matches!(x.as_str(), "recoit" | "recoivent" | "recevoir")
            && !matches!(w.t.get(i + 1).map(String::as_str), Some("des" | "un" | "une" | "mon" | "ma" | "mes" | "du" | "de" | "d" | "son" | "sa" | "ses"))
            // "la facture, on la reçoit quand ?"
            && !(i > 0 && matches!(w.t[i - 1].as_str(), "la" | "le" | "les" | "l"))
    })
}

/// "y a quelqu'un qui s'occupe des personnes âgées ?", "quelqu'un pour garder les enfants ?": who
/// handles a need, not whether someone is in.
fn someone_who(w: &Words) -> bool {
    // …but "quelqu'un pour nous accueillir", "pour nous ouvrir": someone there, the hours.
    let receiving = |k: usize| {
        let verb = w.t[k + 1..].iter().find(|x| !matches!(x.as_str(), "nous" | "me" | "m" | "vous" | "les" | "la" | "le" | "l"));
        verb.is_some_and(|v| matches!(v.as_str(), "accueillir" | "recevoir" | "ouvrir" | "repondre"))
    };
    w.t.windows(2)
        .enumerate()
        .any(|(i, p)| p[0] == "quelqu" && p[1] == "un" && (i + 2..w.t.len().min(i + 7)).any(|k| w.t[k] == "qui" || (w.t[k] == "pour" && !receiving(k))))
}

/// Words of opening and closing, and of timetables.
const HOURS_WORDS: &[&str] = &[
    "horaire",
    "horaires",
    "ouvert",
    "ouverte",
    "ouverts",
    "ouvertes",
    "ouvre",
    "ouvrent",
    "ouvrez",
    "ouvrir",
    "ouvrira",
    "ferme",
    "fermee",
    "fermes",
    "fermees",
    "fermez",
    "ferment",
    "fermer",
    "fermera",
    "fermeture",
    "ouverture",
    "ouvertures",
    "fermetures",
    "horraire",
    "horraires",
    "permanence",
    "permanences",
    "rouvre",
    "rouvrent",
    "rouvrez",
    "rouvrir",
    "reouvre",
    "reouvrez",
    "reouverture",
    "rouvrira",
];

/// The people who keep a place open: asked there at a time, its hours.
const STAFF: &[&str] = &[
    "surveillant",
    "surveillants",
    "surveillante",
    "surveillantes",
    "nageur",
    "nageurs",
    "benevole",
    "benevoles",
    "gardien",
    "gardiens",
    "gardienne",
    "permanencier",
    "permanenciers",
    "secretaire",
    "secretaires",
    "animateur",
    "animateurs",
    "animatrice",
    "animatrices",
];

/// Words saying a place is closed ("fermé", "fermées").
pub const SHUT: &[&str] = &["ferme", "fermee", "fermes", "fermees"];
/// Words saying a place is open ("ouvert", "ouvertes").
pub const OPEN: &[&str] = &["ouvert", "ouverte", "ouverts", "ouvertes"];

/// Verbs of opening and closing, which may take an object ("ouvre une salle").
const OPEN_VERBS: &[&str] = &["ouvre", "ouvrent", "ouvrir", "ouvrira", "ferme", "ferment", "fermer", "fermera"];

/// "may" and "go" of a visit asked about: "je pourrai y aller", "on peut y passer".
const MAY_GO: &[&str] = &["peux", "peut", "pourrai", "pourrais", "pourra", "pouvez"];
const GO: &[&str] = &["aller", "passer"];

/// Whether the caller asks whether they may go there: "je pourrai y aller ?", not "comment y aller ?".
pub fn visit_there(w: &Words) -> bool {
    w.t.windows(3).any(|p| MAY_GO.contains(&p[0].as_str()) && p[1] == "y" && GO.contains(&p[2].as_str()))
}

/// Whether a word is one of such a visit's.
pub fn is_visit_word(x: &str) -> bool {
    MAY_GO.contains(&x) || GO.contains(&x)
}

/// "dans cinq minutes", "dans un quart d'heure", "dans une demi-heure": a moment soon.
fn arriving_soon(w: &Words) -> bool {
    w.any_phrase(&["dans un quart d heure", "dans une demi heure", "dans une heure", "dans une petite heure"])
        || w.t.windows(3).any(|p| p[0] == "dans" && matches!(p[2].as_str(), "minutes" | "min" | "mn"))
}

/// A pronoun standing for the place or service just named: "la navette, elle marche ?", "ça ouvre quand ?".
pub fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "il" | "elle" | "ils" | "elles" | "ca")
}

/// A service said to run ("la navette elle marche", "ça fonctionne", "elle est surveillée"): asked
/// with a day, its hours. Not "comment ça marche ?", "il marche plus" (broken), "au marché".
fn runs(w: &Words) -> bool {
    const RUNS: &[&str] = &["marche", "marchent", "circule", "circulent", "fonctionne", "fonctionnent", "repart", "repartent"];
    // "il s'arrête quand ?", "elle arrête à quelle heure ?": when it stops running.
    const STOPS: &[&str] = &["arrete", "arretent"];
    let said = |i: usize| {
        let p = &w.t[i - 1..=i];
        // Of a place or a service ("il", "elle"), not "ça s'arrête" (the bells, the noise).
        let of_it = |x: &str| is_subject_pronoun(x) && x != "ca";
        let reflexive = p[0] == "s" && i >= 2 && of_it(&w.t[i - 2]);
        (is_subject_pronoun(&p[0]) && RUNS.contains(&p[1].as_str()))
            || ((of_it(&p[0]) || reflexive) && STOPS.contains(&p[1].as_str()))
            || (matches!(p[0].as_str(), "est" | "sont") && matches!(p[1].as_str(), "surveillee" | "surveillees" | "surveille" | "surveilles"))
    };
    (1..w.t.len()).any(|i| said(i) && w.t.get(i + 1).is_none_or(|n| n != "plus")) && !w.any(&["comment"])
}

/// A moment of the day, a day or a month said ("aujourd'hui", "ce matin", "demain", "samedi", "fin
/// septembre"), not a span ("il y a 3 jours", "cette année").
fn moment_said(w: &Words) -> bool {
    w.any(&["aujourd", "aujourdhui", "demain", "maintenant", "matin", "soir", "apres", "midi"])
        || w.t.iter().any(|x| weekday_from_name(x).is_some() || timeexpr::month(x).is_some())
        // "à cette heure-ci", "cette semaine".
        || w.any_phrase(&["cette heure", "cette semaine"])
}

/// "vers cinq heures", "à 17 h": a time of day the caller means to come at; not "il y a 48 heures".
fn at_a_clock_time(w: &Words) -> bool {
    w.t.windows(3)
        .enumerate()
        .any(|(i, p)| matches!(p[2].as_str(), "heure" | "heures" | "h") && (p[0] == "vers" || (p[0] == "a" && (i == 0 || w.t[i - 1] != "y"))))
}

/// "il reprend quel jour ?", "elle rouvre à quelle heure ?", "quel jour elle rouvre ?", "je
/// reviens quel jour ?": a word of opening again, of coming back or of beginning with the day or
/// hour asked right after it, or before it and its subject.
fn reopening_asked(w: &Words) -> bool {
    const ASKED: &[&[&str]] = &[&["quand"], &["quel", "jour"], &["quelle", "date"], &["a", "quelle", "date"], &["a", "quelle", "heure"], &["le", "combien"]];
    // "les maîtres-nageurs reviennent à quelle date ?", "la baignade commence quand ?"
    const BEGIN: &[&str] = &["revient", "reviennent", "commence", "commencent", "debute", "debutent", "demarre", "demarrent"];
    let asked_at = |k: usize| ASKED.iter().any(|a| w.t.get(k..k + a.len()).is_some_and(|s| s == *a));
    w.t.iter().enumerate().any(|(i, x)| {
        let subject = i >= 1 && (is_subject_pronoun(&w.t[i - 1]) || matches!(w.t[i - 1].as_str(), "peux" | "pourrai" | "dois" | "faut"));
        let before = subject && (i.saturating_sub(6)..i - 1).any(asked_at);
        // Not "les inscriptions commencent quand ?": a procedure's opening, not the place's.
        let begins = BEGIN.contains(&x.as_str()) && !w.any(&["inscription", "inscriptions", "reservation", "reservations", "travaux", "demandes"]);
        (timeexpr::is_reopen_word(x) || timeexpr::RETURN_VERBS.contains(&x.as_str()) || begins) && (asked_at(i + 1) || before)
    })
}

/// Words that ask about opening hours.
pub fn asks_hours(w: &Words) -> bool {
    // "la mairie ouvre une salle fraîche ?": something opened, not the opening.
    // Not "ça ferme un jour férié ?", "ça ouvre un samedi sur deux ?", "ça ferme des fois plus tôt ?".
    let of_time = |k: usize| w.t.get(k).is_some_and(|x| timeexpr::is_time_word(x) || matches!(x.as_str(), "fois" | "peu"));
    let opens_a_thing =
        |i: usize| OPEN_VERBS.contains(&w.t[i].as_str()) && w.t.get(i + 1).is_some_and(|n| matches!(n.as_str(), "un" | "une" | "des")) && !of_time(i + 2);
    w.t.iter().enumerate().any(|(i, x)| HOURS_WORDS.contains(&x.as_str()) && !opens_a_thing(i)) || w.phrase("quelle heure")
        // "le maire reçoit quand ?", not "la voisine reçoit des textos".
        || receives(w)
        // "elle revient quand de ses congés ?", "l'école reprend quand ?"
        || w.any_phrase(&["revient quand", "reviennent quand", "rentre quand", "reprend quand", "reprennent quand", "reprenez quand", "reviens quand", "revenez quand", "recommencez quand"])
        // A span asked: "le technicien est là de quand à quand ?", "de quand jusqu'où ?", "entre quand et quand ?"
        || w.any_phrase(&["de quand a quand", "de quand jusqu", "entre quand et quand", "plage horaire", "plages horaires", "quelle plage de la journee"])
        // "le périscolaire il reprend quel jour ?", "quel jour elle rouvre ?"
        || reopening_asked(w)
        // "la biblio, elle revient de congés quand ?"
        || timeexpr::back_from_leave(&w.t)
        || w.phrase("quelles heures")
        // "la navette passe à quels moments ?", "quels créneaux pour la piscine ?"
        || w.any_phrase(&["a quels moments", "quels creneaux", "quel creneau", "quels horaires"])
        // "je suis devant et la porte est close, c'est normal ?": shut, said the literary way.
        || w.any_phrase(&["porte close", "porte est close", "porte etait close", "c est clos", "trouve close", "trouve clos"])
        // "c'est quoi les heures de la garderie ?"
        || w.any_phrase(&["quoi les heures", "sont les heures", "les heures de la", "les heures du"])
        // "y a quelqu'un au poste dimanche ?", "il y a du monde à l'accueil ?"
        || (w.any_phrase(&["y a quelqu un", "il y a quelqu un", "y a encore quelqu un", "y a toujours quelqu un"]) && !someone_who(w))
        || w.any_phrase(&["y a du monde", "il y a du monde"])
        // "un dimanche, je peux trouver quelqu'un à la police municipale ?"
        || (w.any_phrase(&["trouver quelqu un", "trouverai quelqu un", "trouve quelqu un"]) && !someone_who(w))
        // "le dimanche vous avez quelqu'un à l'office ?"
        || (w.phrase("avez quelqu un") && !someone_who(w))
        // "le marché, il finit quand ?", "ça dure encore longtemps ?", "elle dure tard ce soir ?";
        // not "la procédure dure combien de temps ?".
        || w.t.windows(3).any(|p| {
            is_subject_pronoun(&p[0]) && matches!(p[1].as_str(), "finit" | "finissent" | "termine" | "terminent") && p[2] == "quand"
        })
        || w.t.windows(2).any(|p| matches!(p[0].as_str(), "dure" | "durent") && matches!(p[1].as_str(), "tard" | "encore"))
        // "l'agence postale est en congé ?", "vous êtes encore en vacances ?": shut for leave.
        // Not "on est en vacances", the caller's own.
        || w.t.windows(2).enumerate().any(|(i, p)| {
            p[0] == "en" && matches!(p[1].as_str(), "conge" | "conges" | "vacances") && follows_verb(&w.t, i, &["est", "sont", "etes"]) && !w.any_phrase(&["on est", "nous sommes"])
        })
        // "les maîtres-nageurs restent jusqu'à quand ?"
        || w.any_phrase(&["reste jusqu a quand", "restent jusqu a quand", "restez jusqu a quand"])
        // "il est au bureau ?", not "au bureau du port".
        || w.t.windows(2).enumerate().any(|(i, p)| p == ["au", "bureau"] && !w.t.get(i + 2).is_some_and(|n| matches!(n.as_str(), "du" | "de" | "des" | "d")))
        // "ils sont au poste aujourd'hui ?", "elle est au guichet ?", not "au poste de secours".
        || w.t.windows(3).enumerate().any(|(i, p)| {
            matches!(p[0].as_str(), "est" | "sont" | "sera" | "seront") && p[1] == "au" && matches!(p[2].as_str(), "poste" | "guichet")
                && !w.t.get(i + 3).is_some_and(|n| matches!(n.as_str(), "du" | "de" | "des" | "d"))
        })
        // The staff of a service: "l'employé communal il travaille aujourd'hui ?"
        // Not the caller's own work: "je travaille le mercredi, qui garde ma fille ?"
        || w.t.iter().enumerate().any(|(i, x)| {
            matches!(x.as_str(), "travaille" | "travaillent" | "travaillez" | "bosse" | "joignable" | "joignables") && !(i > 0 && matches!(w.t[i - 1].as_str(), "je" | "j"))
        })
        // A visit now: "j'ai encore le temps de passer ?", "je peux y aller tout de suite ?"; not a
        // delay: "mon passeport expire en janvier, j'ai le temps ?"
        || w.any_phrase(&["encore le temps", "le temps de passer", "le temps d y aller", "le temps de venir", "le temps d aller"])
        || (w.any_phrase(&["ai le temps", "a le temps", "avez le temps", "aurai le temps", "reste combien de temps", "me reste du temps", "reste encore du temps"])
            && !w.t.iter().any(|x| timeexpr::month(x).is_some()))
        // A visit on a day: "et le jeudi 18, je pourrai y aller ?", "on peut y passer samedi ?"
        || (visit_there(w) && w.t.iter().any(|x| timeexpr::is_time_word(x)))
        // …not "on paie la consultation tout de suite ?"
        || (w.phrase("tout de suite") && w.any(&["aller", "passer", "venir", "viens", "arrive", "monter", "descendre", "apporter", "amener", "deposer", "entrer", "partir"]))
        // On duty: "les policiers sont en service cette nuit ?"
        || w.any_phrase(&["est en service", "sont en service", "sera en service", "seront en service", "de service ce", "de service cette"])
        // At a shut door: "c'est la pause de midi ?", "y a personne", "ça répond jamais".
        || w.any_phrase(&["c est la pause", "pause de midi", "pause du midi", "pause dejeuner", "y a personne", "y a plus personne", "repond jamais", "repond pas", "personne ne repond"])
        // Someone of the service there: "le fontainier il sera là samedi ?", "elle est là quand ?"
        || w.any_phrase(&["est la quand", "sont la quand", "il sera la", "elle sera la", "ils seront la", "elles seront la", "vous serez la"])
        // …but "où elle est, la déchetterie ?" asks the way.
        || (w.any_phrase(&["il est la", "elle est la", "vous etes la", "ils sont la", "elles sont la"])
            && !w.any_phrase(&["ou il est la", "ou elle est la", "ou vous etes la", "ou ils sont la", "ou elles sont la"]))
        // Someone at the desk now: "vous êtes à l'accueil ?"
        || w.any_phrase(&["etes a l accueil", "est a l accueil", "sont a l accueil"])
        // Arriving soon: "on sera au camping dans un quart d'heure, ça ira ?", "j'arrive dans cinq minutes".
        || (arriving_soon(w) && w.any(&["arrive", "arrivons", "arrivera", "arriverai", "serai", "sera", "serons", "passe", "passerai", "attendez", "attendre"]))
        // "les secouristes sont là jusqu'au soir ?": someone there until a time.
        || w.any_phrase(&["est la jusqu", "sont la jusqu", "etes la jusqu", "est la jusque", "sont la jusque"])
        // Receiving people on a day: "la crèche accueille le samedi ?", "le gîte accueille encore ce soir ?"
        || (w.any(&["accueille", "accueillent", "accueillez"]) && w.t.iter().any(|x| timeexpr::is_time_word(x)))
        // Reached on the phone at a time: "le service des eaux répond le mercredi ?", "il répond quand ?"
        || (w.any(&["repond", "repondent", "repondez"]) && (w.any(&["quand"]) || w.t.iter().any(|x| timeexpr::is_time_word(x))))
        // A closure's end: "le service logement est en congé jusqu'à quand ?"
        || (w.t.windows(3).any(|p| matches!(p[0].as_str(), "est" | "sont" | "etes") && p[1] == "en" && matches!(p[2].as_str(), "conge" | "conges" | "vacances" | "fermeture"))
            && w.any(&["quand"]))
        // A service that runs on a day: "la navette elle marche le premier janvier ?", not "comment ça marche ?"
        || (runs(w) && w.t.iter().any(|x| timeexpr::is_time_word(x)))
        || w.any_phrase(&["dans son bureau", "dans leur bureau", "est encore la", "sont encore la", "etes encore la", "vous y serez", "y serez vous"])
        // A visitor's coming: "l'architecte, il passe quand à la mairie ?", "sa prochaine venue".
        // Not the round ("les ordures, ils passent quand ?"), a bill ("la note, elle arrive quand ?").
        || (w.t.windows(3).any(|p| {
            (matches!((p[0].as_str(), p[1].as_str()), ("il" | "elle", "passe" | "passera" | "vient" | "viendra")) || p[..2] == ["il", "arrive"])
                && p[2] == "quand"
        }) && !super::asks_waste(w)
            && !w.any(&["facture", "compteur", "compteurs", "car", "bus", "navette"]))
        || w.any_phrase(&["sa prochaine venue", "sa prochaine visite", "sa prochaine permanence", "leur prochaine venue", "leur prochaine permanence"])
        || (w.any_phrase(&["sera a la mairie", "seront a la mairie"]) && (moment_said(w) || w.any(&["quand"])))
        // Someone in at the town hall: "le garde il est à la mairie quand ?", "il est en mairie quel jour ?"
        || w.any_phrase(&["il est a la mairie", "elle est a la mairie", "il est en mairie", "elle est en mairie", "ils sont en mairie", "il sera en mairie", "elle sera en mairie"])
        // A bridge day: "vous faites le pont vendredi ?"
        || w.any_phrase(&["faites le pont", "font le pont", "fait le pont"])
        // "vous faites le samedi ?": open that day.
        || w.t.windows(3).any(|p| matches!(p[0].as_str(), "faites" | "fait" | "font") && p[1] == "le" && weekday_from_name(&p[2]).is_some())
        // A whole day: "la déchetterie fait la journée complète le samedi ?"
        || w.any_phrase(&["journee complete", "toute la journee", "journee continue", "non stop"])
        // An event's day: "le marché a lieu le jeudi de l'Ascension ?"
        // Not "où a lieu la permanence ?", which asks the place.
        || (w.any_phrase(&["a lieu", "aura lieu", "ont lieu", "auront lieu", "se tient", "se tiendra"])
            && !super::place::asks_where_held(w))
        // The end of a closure: "les travaux c'est fini quand ?" (not "jusqu'à quand", a deadline too)
        || w.any_phrase(&["fini quand", "finis quand", "termine quand"])
        // A season's start: "la saison de la piscine d'été, elle commence quand ?"
        || (w.any(&["saison"]) && w.any(&["commence", "commencent", "debute", "debutent", "demarre", "demarrent"]))
        // A place's own start: "la baignade surveillée, elle commence quand ?", not "comment ça commence".
        || w.t.windows(3).any(|p| {
            is_subject_pronoun(&p[0])
                && matches!(p[1].as_str(), "commence" | "commencent" | "recommence" | "recommencent" | "debute" | "debutent" | "demarre" | "demarrent")
                && (p[2] == "quand" || w.phrase("quel jour"))
        } && !w.any(&["travaux", "chantier", "inscription", "inscriptions"]))
        // Its staff there at a time: "il y a encore des surveillants aujourd'hui ?"
        || (w.any_phrase(&["y a", "sont la", "seront la"]) && w.any(STAFF) && moment_said(w))
        // Whether it takes place then: "y a bien le marché ce matin, le lendemain de Noël ?"
        || (w.any_phrase(&["y a bien le", "y a bien la", "y a bien les", "y a bien un", "y a bien une", "y a toujours le", "y a toujours la", "y a encore le", "y a encore la"])
            && moment_said(w))
        // A time of day that suits: "je passe vers cinq heures, c'est bon ?"
        || (w.any_phrase(&["c est bon", "ca passe", "ca ira", "c est jouable"]) && at_a_clock_time(w))
        // Today's end of a place's work: "la vente aux enchères elle finit quand aujourd'hui ?"
        || (w.any_phrase(&["finit quand", "finissent quand", "finit a quelle", "termine a quelle"]) && w.any(&["aujourd", "aujourdhui", "soir", "matin"]))
        // …but "jusqu'à quand" beside a closure is its end: "c'est la vidange à la piscine jusqu'à quand ?"
        || (w.any_phrase(&["jusqu a quand"])
            && (w.any(SHUT) || w.any(&["vidange", "inventaire", "fermeture", "conge", "conges"])))
        // …and beside today: "c'est jusqu'à quand qu'on peut rester au cimetière aujourd'hui ?",
        // "il dure jusque quand aujourd'hui ?", "c'est jusqu'où ce soir ?"
        || (w.any_phrase(&["jusqu a quand", "jusque quand", "jusqu ou"]) && (w.any(&["aujourd", "aujourdhui"]) || w.any_phrase(&["ce soir", "ce matin", "cet apres"])))
        // A span of the day: "elle commence et finit quand ?", "sur quel créneau ?"
        || w.any_phrase(&["commence et finit", "commence et se termine", "commence et termine", "debute et finit", "quel creneau", "quels creneaux"])
        // Still time to go: "je peux encore passer ?", "on peut encore aller patiner ?"
        || still_may_go(w)
        // Someone there at a time: "on arrive vers une heure, il y aura quelqu'un ?"
        || (w.any_phrase(&["y aura quelqu un", "il y aura quelqu un"]) && !someone_who(w))
        // The staff's arrival: "la secrétaire arrive bientôt ?", "les sauveteurs arrivent quand ?";
        // not a thing sent: "mon colis arrive quand ?", "la fibre arrive quand ?".
        || (w.any(&["arrive", "arrivent", "arrivera", "arriveront"])
            && w.any(&["quand", "bientot"])
            && (w.any(STAFF) || w.any(&["producteurs", "sauveteurs", "maraichers"])))
        || someone_there_then(w)
        // "le vieux moulin se visite quand ?", "la barque se visite à nouveau quand ?"
        || w.any_phrase(&["se visite quand", "se visitent quand", "visiter quand", "se visite a quelle", "visitable quand", "a nouveau quand", "de nouveau quand"])
        || takes_them_then(w)
        || market_then(w)
        || guarded_then(w)
        // The days a ticket office sells: "les arènes vendent des places quand ?"
        || (w.any(&["vend", "vendent", "vendez", "vendra", "vendront"]) && w.any(&["quand"]) && w.any(&["places", "billets", "tickets", "entrees"]))
}

/// "le garde est là ce samedi ?", "les animateurs sont là quand ?": someone there at a moment;
/// not "c'est là", "où est la mairie", "le garde est la personne à appeler".
fn someone_there_then(w: &Words) -> bool {
    const THEN: &[&str] = &["ce", "cet", "cette", "quand", "tous", "toute", "toujours", "encore", "aussi", "demain"];
    let there = |(i, p): (usize, &[String])| {
        matches!(p[0].as_str(), "est" | "sont" | "sera" | "seront")
            && p[1] == "la"
            && !(i > 0 && matches!(w.t[i - 1].as_str(), "c" | "ou" | "qui" | "ce"))
            && w.t.get(i + 2).is_none_or(|n| timeexpr::is_time_word(n) || THEN.contains(&n.as_str()))
    };
    w.t.windows(2).enumerate().any(there) && (moment_said(w) || w.any(&["quand"]))
}

/// A place that takes the children, or anyone, on a day: "demain c'est le pont, le centre de
/// loisirs prend les enfants ?", "il accueille ma fille aujourd'hui ?", "ils accueillent de quand à
/// quand ?", "le camping accueille encore ?".
fn takes_them_then(w: &Words) -> bool {
    const TAKE: &[&str] = &["prend", "prennent", "accueille", "accueillent", "gardez", "garde", "gardent"];
    const WHO: &[&str] = &["enfants", "petits", "fille", "fils", "gamins", "gosses", "bebe", "enfant", "petite", "petit"];
    let takes = w.t.iter().enumerate().any(|(i, x)| TAKE.contains(&x.as_str()) && w.t[i + 1..].iter().take(2).any(|n| WHO.contains(&n.as_str())));
    let day = moment_said(w) || w.phrase("quelle heure") || w.any(&["ferie", "pont", "fete"]);
    let accueil = w.any(&["accueille", "accueillent"]);
    (takes && day)
        || (accueil && (w.phrase("de quand a quand") || w.t.windows(2).any(|p| matches!(p[0].as_str(), "accueille" | "accueillent") && p[1] == "encore")))
}

/// The market on a day, asked by who buys there: "je trouverai les maraîchers jeudi ?", "les
/// commerçants sont sur la place le jour de l'Ascension ?", "acheter des asperges au marché, c'est
/// quand le prochain ?"; not "ça marche quand ?".
fn market_then(w: &Words) -> bool {
    // Not "les forains", who may be the funfair's.
    const FOLK: &[&str] = &["commercants", "maraichers", "producteurs", "marchands", "primeurs"];
    const THERE: &[&str] = &["acheter", "trouverai", "trouve", "trouver", "sont", "seront", "viennent", "viendront", "commence", "commencent", "installes"];
    let market = w.any(FOLK) || w.t.iter().enumerate().any(|(i, x)| matches!(x.as_str(), "marche" | "marches") && !(i > 0 && w.t[i - 1] == "ca"));
    let then = moment_said(w) || w.any(&["quand", "ferie", "fetes", "noel", "ascension", "paques", "tot"]);
    market && w.any(THERE) && then && !w.any(&["emplacement", "emplacements", "vendre", "exposer", "stand", "placier"])
}

/// A guarded place's season or day: "la baignade est surveillée à partir de quand ?", "la
/// surveillance commence quand ?", "le maître-nageur sera là quand ?", "c'est terminé pour la
/// saison ?".
fn guarded_then(w: &Words) -> bool {
    const BEGIN: &[&str] = &["commence", "commencent", "debute", "debutent", "reprend", "reprennent"];
    // "la baignade est surveillée", not "quelqu'un qui surveille les nageurs", which an entry may tell.
    let guarded =
        w.t.iter()
            .enumerate()
            .any(|(i, x)| matches!(x.as_str(), "surveillee" | "surveille" | "surveillees" | "surveilles" | "surveillance") && !(i > 0 && w.t[i - 1] == "qui"))
            && w.any(&["quand"]);
    let staff_there = w.any(STAFF) && w.any(&["sera", "seront", "est", "sont"]) && w.any(&["quand"]);
    let season_over = w.any_phrase(&["termine pour la saison", "fini pour la saison", "finie pour la saison", "terminee pour la saison"]);
    (guarded && (w.any(BEGIN) || w.phrase("a partir de quand"))) || staff_there || season_over
}

/// "… pour la rentrée, c'est fermé ?", "… cet aprèm, vous êtes ouverts ?": the words end on whether
/// a place is open, whatever errand came before.
pub fn ends_on_open(w: &Words) -> bool {
    const WHO: [&str; 6] = ["c est", "vous etes", "il est", "elle est", "ils sont", "elles sont"];
    // A moment may follow: "… c'est ouvert ce samedi matin ?"
    let then = |x: &String| timeexpr::is_time_word(x) || matches!(x.as_str(), "ce" | "cet" | "cette" | "le" | "la" | "ou" | "pas" | "encore" | "toujours");
    let t = &w.t[..w.t.len() - w.t.iter().rev().take_while(|x| then(x)).count()];
    let n = t.len();
    n >= 3 && (OPEN.contains(&t[n - 1].as_str()) || SHUT.contains(&t[n - 1].as_str())) && WHO.contains(&format!("{} {}", t[n - 3], t[n - 2]).as_str())
}

/// Words that say the place is open at this very moment: "y a encore quelqu'un ?", "il est encore ouvert là ?".
const STILL_OPEN_NOW: &[&str] = &["y a encore quelqu un", "est encore ouvert", "est encore ouverte"];

/// "c'est fermé pour midi ?", "la poste est encore fermée ?": whether a place is shut, asked yes or
/// no (not "elle est fermée jusqu'à quand ?", nor beside "ouvert").
pub fn asks_if_shut(w: &Words) -> bool {
    const REMAINING: &[&str] = &["reste", "restent", "restez"];
    let shut = w.t.iter().enumerate().any(|(i, x)| SHUT.contains(&x.as_str()) && (follows_verb(&w.t, i, BEING) || follows_verb(&w.t, i, REMAINING)));
    let asks_when = w.any(&["quand", "quel", "quelle", "quels", "quelles", "heure", "heures", "jusqu", "pourquoi", "combien"]);
    shut && !asks_when && !w.any(OPEN) && !w.any(&["ouvre", "ouvrent"])
}

/// "il est encore ouvert là ? je voulais retirer un colis", "vous êtes encore ouverts ?": open
/// now, whatever the errand.
pub fn still_open(w: &Words) -> bool {
    still_open_now(w) || w.any_phrase(&["sont encore ouverts", "sont encore ouvertes", "etes encore ouverts", "etes encore ouvert"])
}

/// The words of [`still_open`] that speak of this very moment, a season said beside them being only
/// the reason ("c'est les fêtes, y a encore quelqu'un ?").
pub fn still_open_now(w: &Words) -> bool {
    w.any_phrase(STILL_OPEN_NOW)
}

/// "je peux encore passer au service ?", "on peut encore y aller ?": still open now; not "je peux
/// encore payer ?".
pub fn still_may_go(w: &Words) -> bool {
    w.t.windows(2)
        .enumerate()
        // "on peut encore s'y présenter ce soir ?", "on peut encore arriver vers dix heures ?"
        .any(|(i, p)| {
            MAY_GO.contains(&p[0].as_str())
                && p[1] == "encore"
                && w.t[i + 2..]
                    .iter()
                    .take(3)
                    .any(|x| GO.contains(&x.as_str()) || matches!(x.as_str(), "venir" | "presenter" | "arriver" | "recuperer" | "chercher"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_the_staff_there_a_time_that_suits_and_a_day_it_takes_place_ask_the_hours() {
        let asks = |q: &str| asks_hours(&Words::new(q));
        assert!(asks("la baignade surveillée elle commence quand"));
        assert!(asks("le périscolaire il recommence quel jour"));
        assert!(!asks("comment ça commence une inscription"));
        assert!(asks("il y a encore des surveillants aujourd'hui"));
        assert!(!asks("il y a des surveillants à la cantine"));
        assert!(asks("je récupère la petite vers cinq heures c'est bon"));
        assert!(!asks("le dossier est complet c'est bon"));
        assert!(asks("y a bien le marché ce matin même si c'est le lendemain de noël"));
        assert!(!asks("les inscriptions à la cantine ça commence quand"));
        assert!(!asks("il y a 2 animateurs pour combien d'enfants cette année"));
        assert!(!asks("y a toujours la taxe cette année"));
        assert!(!asks("j'ai envoyé le dossier il y a 48 heures c'est bon"));
        // The market asked by who buys there, not by who sells.
        assert!(asks("avec le jour férié de jeudi je trouverai les maraîchers sur la place"));
        assert!(!asks("je voudrais vendre au marché jeudi il faut un emplacement"));
        assert!(!asks("comment ça marche quand on veut acheter une concession"));
        // A guarded place's season, a place that takes children or campers.
        assert!(asks("la surveillance de la rivière commence quand"));
        assert!(asks("le camping accueille encore"));
        assert!(asks("le centre accueille ma fille le jour férié"));
        assert!(!asks("le centre accueille les enfants de quel âge"));
        // Someone there at a moment; a place visited when.
        assert!(asks("le garde est là ce samedi"));
        assert!(!asks("le garde est la personne à appeler ce samedi"));
        assert!(!asks("c'est là que je dépose le dossier demain"));
        assert!(asks("le vieux moulin se visite quand cette année"));
        // A span of the day, the time left today.
        assert!(asks("le marché de noël il dure jusque quand aujourd'hui"));
        assert!(asks("le mercredi l'accueil commence et finit quand"));
        assert!(asks("les vendredis la ludothèque accueille les familles sur quel créneau"));
        assert!(asks("il est sept heures il me reste du temps pour passer au marché"));
        assert!(!asks("mon passeport expire en mars il me reste du temps"));
        // Where an event takes place is its place, not its day.
        assert!(asks("la permanence a lieu quel jour"));
        assert!(!asks("où a lieu la réunion des parents"));
        assert!(crate::answer::intent::asks_where(&Words::new("où a lieu la permanence de l'architecte")));
        assert!(crate::answer::intent::asks_where(&Words::new("l'architecte conseil reçoit dans quelle salle")));
        assert!(crate::answer::intent::asks_where(&Words::new("comment on va à la décharge")));
    }

    #[test]
    fn arriving_soon_someone_to_receive_and_a_span_up_to_ask_the_hours() {
        let asks = |q: &str| asks_hours(&Words::new(q));
        assert!(asks("on sera à la piscine dans un quart d'heure ça ira"));
        assert!(asks("j'arrive au musée dans dix minutes vous m'attendez"));
        assert!(!asks("mon colis arrive dans dix jours"));
        assert!(asks("on arrive tard il y a quelqu'un pour nous accueillir au gîte"));
        assert!(!asks("il y a quelqu'un pour m'aider à remplir le dossier"));
        assert!(asks("on est devant le camping vous êtes à l'accueil"));
        assert!(asks("les sauveteurs sont là jusqu'au soir"));
        assert!(asks("la halte-garderie accueille le samedi"));
        assert!(asks("le dimanche la brocante c'est de quand jusqu'où"));
        assert!(asks("je peux apporter mes gravats à la décharge tout de suite"));
        assert!(!crate::answer::intent::ends_on_where(&Words::new("le marché c'est de quand jusqu'où")));
        assert!(!crate::answer::intent::ends_on_where(&Words::new("la garderie garde les enfants le soir jusqu'où")));
        assert!(crate::answer::intent::ends_on_where(&Words::new("je dois débroussailler autour de la maison jusqu'où")));
        assert!(crate::answer::intent::ends_on_where(&Words::new("le marché c'est où")));
        assert!(asks("je suis devant la médiathèque et la porte est close c'est normal"));
        assert!(!asks("le clos du moulin il appartient à qui"));
    }

    #[test]
    fn the_staff_arriving_someone_still_there_and_a_place_taking_the_children_ask_the_hours() {
        let asks = |q: &str| asks_hours(&Words::new(q));
        assert!(asks("la secrétaire arrive bientôt ce matin"));
        assert!(asks("le marché de la place d'armes il finit quand"));
        assert!(asks("le marché de nuit il dure encore longtemps"));
        assert!(asks("le dimanche en cette saison vous avez quelqu'un à l'office"));
        assert!(!asks("la procédure dure combien de temps"));
        assert!(!asks("vous avez quelqu'un qui parle anglais"));
        assert!(asks("les sauveteurs arrivent quand ce midi"));
        assert!(!asks("mon colis arrive quand"));
        assert!(asks("il y a encore quelqu'un au poste de surveillance du lac là"));
        assert!(asks("on arrive au camping vers une heure il y aura quelqu'un"));
        assert!(asks("demain vendredi c'est le pont le centre de loisirs prend les enfants"));
        assert!(!asks("le centre de loisirs prend les enfants quand ils ont moins de trois ans"));
        assert!(asks("les arènes vendent des places quand"));
        assert!(!asks("ils vendent des places de parking aux résidents"));
        assert!(still_may_go(&Words::new("on peut encore s'y présenter ce soir avec la caravane")));
        assert!(!still_may_go(&Words::new("on peut encore payer par chèque")));
        // A span of the day asked; someone of the place asked back.
        assert!(asks("lundi quatorze juin le technicien est là de quand à quand"));
        assert!(asks("on est au ponton et personne au bureau du port vous revenez quand"));
        assert!(!asks("vous revenez sur votre décision"));
    }

    #[test]
    fn shut_asked_yes_or_no_and_the_moments_of_a_round() {
        let shut = |q: &str| asks_if_shut(&Words::new(q));
        assert!(shut("c'est fermé pour midi"));
        assert!(shut("la poste est encore fermée"));
        assert!(!shut("la poste est fermée jusqu'à quand"));
        assert!(!shut("elle est fermée ou ouverte"));
        assert!(!shut("vous fermez à quelle heure"));
        assert!(asks_hours(&Words::new("le lundi la navette passe à quels moments")));
    }
}
