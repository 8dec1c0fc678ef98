//! What a question's words tell beyond its subject: the caller's errand, a visit, a booking, a
//! place running at a moment, a rule of what one may do.

use super::*;

/// The town hall asked of its own opening ("vous ouvrez quand ?").
pub(super) const YOU_OPEN: &[&str] = &[
    "vous etes",
    "etes vous",
    "vous etiez",
    "vous ouvrez",
    "vous fermez",
    "vous rouvrez",
    "vous reouvrez",
    "vous serez",
    "vous y serez",
    "vous faites le pont",
    "vous faites l accueil",
    "vous recevez",
];

/// Words that name an office rather than the thing it handles ("le bureau du cimetière").
pub(super) const OFFICE_WORDS: &[&str] = &["bureau", "guichet", "service", "secretariat"];

/// "il faut l'inscrire où ?", "la demande de logement, c'est où ?": where a procedure is done, which
/// an entry that fits says better than the service's address.
pub(super) fn does_procedure(w: &Words, faq_conf: f32) -> bool {
    const PROCEDURE: &[&str] = &[
        "inscrire",
        "inscription",
        "inscrit",
        "demande",
        "demander",
        "redemande",
        "redemander",
        "refaire",
        "renouveler",
        "remplacer",
        "declarer",
        "declaration",
        "reserver",
        "reservation",
        // A thing lost or stolen: "on m'a volé ma carte d'identité, il faut aller où ?"
        "perdu",
        "perdue",
        "perdus",
        "vole",
        "volee",
        "voler",
        "plainte",
        // Passports are made in some town halls only: "pour le passeport c'est où la mairie la plus proche".
        "passeport",
        "passeports",
    ];
    // "le numéro de la garderie pour réserver": a number asked is the service's.
    faq_conf >= 0.4 && w.any(PROCEDURE) && !intent::asks_phone(w)
}

/// Whether a word is a number said in digits.
pub(super) fn is_number(x: &str) -> bool {
    x.chars().all(|c| c.is_ascii_digit())
}

/// Words of a booking ("la salle est libre samedi ?"), not of opening.
pub(super) const BOOKED: &[&str] =
    &["libre", "libres", "disponible", "disponibles", "dispo", "reservee", "reserve", "reserver", "louee", "loue", "louer", "complet", "complete"];

/// A booking ("la salle est libre samedi ?") or a subject usually handled elsewhere ("la
/// pharmacie de garde ce soir"): no question of a service's opening.
pub(super) fn booked_or_elsewhere(w: &Words) -> bool {
    w.any(BOOKED) || !lexicon::elsewhere_subjects(&w.t).is_empty()
}

/// A day or a time of day the words name ("samedi", "demain matin", "le jour de Noël"); not "now"
/// nor a span ("en ce moment", "cet été").
pub(super) fn day_said(text: &str, now: DateTime) -> Option<When> {
    timeexpr::parse(text, now).filter(|x| !matches!(x.moment, Moment::Now | Moment::Period(_)))
}

/// "je peux encore appeler cet après-midi ?", "je voudrais joindre la maîtresse, c'est possible ?":
/// whether someone is there to answer then, which the opening hours tell; not the number.
pub(super) fn reach_then(w: &Words, when: Option<When>) -> bool {
    let reach = w.any(&["joindre", "appeler", "contacter", "telephoner"]) && !w.any(&["numero", "telephone", "tel", "portable"]);
    reach && (when.is_some() || w.any(&["encore"]) || w.phrase("c est possible")) && !intent::asks_whom_to_call(w)
}

/// "comment je joins la police municipale pour un chien errant ?": how to reach the service named
/// right after the verb, whatever the reason said after it.
pub(super) fn reach_named(w: &Words, svc: Option<ServiceMatch>) -> bool {
    const REACH: &[&str] = &["joins", "joint", "joindre", "contacter", "contacte", "appeler", "appelle"];
    let right_before = |s: ServiceMatch| (1..=3).filter_map(|d| s.first.checked_sub(d)).any(|k| REACH.contains(&w.t[k].as_str()));
    // "le poste de secours" where "poste" named the post office: a complement left unnamed.
    let whole = |s: ServiceMatch| s.words >= 2 || !matches!(w.t.get(s.first + 1).map(String::as_str), Some("de" | "du" | "des" | "d"));
    w.has("comment") && svc.is_some_and(|s| right_before(s) && whole(s))
}

/// "je voulais payer la facture ce matin, c'est possible ?": an errand at the office at a moment,
/// which its hours that moment answer.
pub(super) fn errand_then(when: Option<When>, w: &Words) -> bool {
    let i_want = w.t.windows(2).any(|p| p[0] == "je" && matches!(p[1].as_str(), "voulais" | "voudrais" | "peux" | "pourrais"));
    i_want && w.phrase("c est possible") && when.is_some_and(|x| !matches!(x.moment, Moment::Period(_)))
}

/// "la chèvrerie vend ses fromages ce matin ?", "la navette roule encore cette semaine ?", "la
/// navette passe ce vingt-quatre ?", "on peut avoir des skis aujourd'hui ?", "la location de kayaks
/// c'est fini pour l'année ?": whether a place runs at a moment near now (or still), asked yes or
/// no: a verb of running, "encore", or what one may do today or on a weekday said; not how, how
/// much, where, who or what, nor whether it is free or allowed; `named` are the words that named
/// the service.
pub(super) fn runs_then(w: &Words, when: Option<When>, today: jiff::civil::Date, s: ServiceMatch) -> bool {
    const RUNS: &[&str] =
        &["vend", "vendent", "marche", "marchent", "roule", "roulent", "tourne", "tournent", "fonctionne", "fonctionnent", "circule", "circulent"];
    let end = w.t.len();
    let named = &w.t[s.first.min(end)..(s.first + s.words).min(end)];
    let near = when.is_some_and(|x| x.date >= today && x.date <= today + 7.days());
    let over = w.any_phrase(&["c est fini", "c est termine", "fini pour", "termine pour"]);
    // "encore" as "still", not "pas encore" ("not yet").
    let still = w.has("encore") && !w.phrase("pas encore");
    // "la navette (de nuit) passe ce vingt-quatre ?": the place named, then "passe"; not "ça se
    // passe maintenant à la halle", an event, nor "ils passent plus le dimanche", someone else.
    let passes = said_of_place(w, s.first + s.words, |k| matches!(w.t[k].as_str(), "passe" | "passent"));
    let running = (near && (w.any(RUNS) || passes)) || (still && (near || when.is_none())) || may_do_now(w, near) || over;
    running && !asks_more_than_whether(w, named)
}

/// "je voulais acheter des timbres maintenant", "le lundi je peux envoyer un colis à la poste ?":
/// what one may do now, or on a weekday said of the coming week (`near`).
fn may_do_now(w: &Words, near: bool) -> bool {
    let today_said = timeexpr::says_today(&w.t) || w.any(&["maintenant", "actuellement"]) || w.phrase("en ce moment");
    let weekday_said = near && w.t.iter().any(|x| weekday_from_name(x).is_some());
    w.any_phrase(&["on peut", "je peux", "peut on", "je voulais", "je voudrais", "on voudrait", "on voulait"]) && (today_said || weekday_said)
}

/// Whether a question of a place's running asks more than yes or no: how, how much, where, who or
/// what, whether it is free or allowed, despite what, or of another body than the place `named`.
fn asks_more_than_whether(w: &Words, named: &[String]) -> bool {
    const ASKING: &[&str] = &[
        "comment",
        "combien",
        "pourquoi",
        "quoi",
        "ou",
        "qui",
        "prix",
        "tarif",
        "tarifs",
        "coute",
        "coutent",
        "faut",
        "abonnement",
        "forfait",
        "carte",
        "ticket",
        "tickets",
        "droit",
        "autorise",
        "autorisee",
        "interdit",
        "interdite",
        "joindre",
        "appeler",
        "contacter",
        "inscrire",
        "annuler",
    ];
    let which = w.t.windows(2).any(|p| matches!(p[0].as_str(), "quel" | "quelle" | "quels" | "quelles") && !matches!(p[1].as_str(), "jour" | "heure" | "date"));
    // A booking, but renting from the place ("louer des skis") is its running.
    let free = w.t.iter().any(|x| BOOKED.contains(&x.as_str()) && !matches!(x.as_str(), "reserve" | "louee" | "loue" | "louer"));
    // "il y a beaucoup d'eau, le passeur tourne quand même ?": a condition an entry may tell.
    let despite = w.any_phrase(&["quand meme", "malgre"]);
    // Another body's subject, unless the service's own name says it ("le train touristique").
    let elsewhere = lexicon::elsewhere_subjects(&w.t).iter().any(|x| !named.iter().any(|n| n == x));
    despite || w.any(ASKING) || which || free || elsewhere
}

/// Whether a verb is said of the place named, whose name ends before `after`: `verb_at` accepts its
/// position within three words, no other subject between ("la navette de nuit passe", "le bus
/// vient encore"; not "les Châtaigniers, ça passe quand", nor "ça se passe").
pub(super) fn said_of_place(w: &Words, after: usize, verb_at: impl Fn(usize) -> bool) -> bool {
    (after..after + 3).any(|k| k < w.t.len() && verb_at(k) && !w.t[after..k].iter().any(|x| x == "se" || intent::is_subject_pronoun(x)))
}

/// A street named as where a thing is ("la poste du boulevard Carnot"), not where the caller is
/// ("devant la porte, place des Graviers").
pub(super) fn street_of_a_thing(w: &Words) -> bool {
    let thing = |x: &str| !is_stopword(x) && !matches!(x, "devant" | "pres" | "cote" | "face" | "porte");
    let of = |x: &str| matches!(x, "du" | "de" | "des" | "d");
    w.t.windows(3).any(|t| thing(&t[0]) && of(&t[1]) && is_common_type(&t[2]))
        || w.t.windows(4).any(|t| thing(&t[0]) && t[1] == "de" && matches!(t[2].as_str(), "la" | "l") && is_common_type(&t[3]))
}

/// Whether the words tell the caller's home is in the street they name: "on emménage rue de la
/// Filature, il faut ouvrir l'eau" asks nothing of the library at number 22.
pub(super) fn street_of_a_home(w: &Words) -> bool {
    let home = |x: &str| matches!(x, "habite" | "habites" | "habitons" | "habitez" | "habitent" | "habiter" | "domicile");
    w.t.iter().any(|x| home(x) || x.starts_with("emmenag") || x.starts_with("demenag"))
}

/// Whether normalised words tell a time of day or a day of the week.
pub(super) fn tells_day_or_time(t: &[String]) -> bool {
    tells_clock_time(t) || t.iter().any(|x| weekday_from_name(x.trim_end_matches('s')).is_some())
}

/// Whether the words ask until when something may or must be done, other than going somewhere:
/// "on peut faire la fête jusqu'à quelle heure", "la musique, on doit l'arrêter à quelle heure".
pub(super) fn allowed_to_do(w: &Words) -> bool {
    const MAY: &[&str] = &["peut", "peuvent", "peux", "pouvons", "pouvez", "droit", "doit", "doivent", "dois", "devons", "devez", "autorise", "autorisee"];
    let deed = |x: &str| {
        x.len() >= 5
            && (x.ends_with("er") || x.ends_with("ir") || x.ends_with("re"))
            && !VISIT_WORDS.contains(&x)
            // Buying is a visit where things are sold: "on peut acheter aux producteurs le samedi ?"
            // So is what one goes there to do: "on peut patiner le jour de l'an ?", "visiter ?".
            && !matches!(x, "etre" | "avoir" | "ouvrir" | "rouvrir" | "fermer" | "acheter" | "patiner" | "visiter")
    };
    // "je dois travailler": the caller's own need, a reason to ask, not a rule of the place.
    let my_need = |i: usize| w.t[i] == "dois" && i > 0 && w.t[i - 1] == "je";
    w.t.iter().enumerate().any(|(i, x)| MAY.contains(&x.as_str()) && !my_need(i) && w.t[i + 1..].iter().take(3).any(|n| deed(n)))
}

/// The caller comes to the town hall: "je peux venir", "je voulais venir", "je peux voir quelqu'un" (not "on peut aller").
pub(super) fn i_come(w: &Words) -> bool {
    const MODALS: &[&str] = &["peux", "voulais", "voudrais", "pourrais", "pourrai", "dois", "vais", "viens"];
    // "je peux voir quelqu'un pour mon poêle là ?": someone met there (not "parler à quelqu'un",
    // which asks for a person on the line).
    let meets = w.any_phrase(&["voir quelqu un", "rencontrer quelqu un"]) && w.t.windows(2).any(|p| p[0] == "je" && MODALS.contains(&p[1].as_str()));
    says_i_come(w, MODALS) || meets
}

/// The caller asks to come, not whether they must, nor by when: "je peux venir", "je voulais
/// venir", not "jusqu'à quand je peux venir".
pub(super) fn i_may_come(w: &Words) -> bool {
    !w.any_phrase(DEADLINE) && says_i_come(w, &["peux", "voulais", "voudrais", "pourrais", "pourrai"])
}

/// By when a thing must be done, not when to come: "jusqu'à quand", "quel délai".
const DEADLINE: &[&str] = &["jusqu a quand", "avant quand", "combien de temps", "quel delai", "date limite"];

/// "je peux venir quand ?", "c'est possible quand ?", "quand est-ce que je peux passer ?": when to
/// come, which the hours answer; not by when a thing must be done ("jusqu'à quand", "quel délai").
pub(super) fn come_when(w: &Words) -> bool {
    // "on peut passer quand on veut ?": whether an appointment is needed, not when.
    let deadline = w.any_phrase(DEADLINE) || w.any_phrase(&["quand on veut", "quand je veux", "n importe quand"]);
    // The caller comes, not "le cantonnier peut passer quand il neige".
    let i_come = |p: &[String]| {
        matches!((p[0].as_str(), p[1].as_str()), ("je", "peux" | "pourrai" | "pourrais") | ("on", "peut" | "pourra" | "pourrait") | ("nous", "pouvons"))
            && matches!(p[2].as_str(), "venir" | "passer")
    };
    let come = w.t.windows(3).any(i_come) || w.phrase("c est possible");
    let when = w.has("quand") || w.any_phrase(&["quel jour", "quels jours"]);
    come && when && !deadline
}

/// Whether the words say "je <one of modals> venir".
pub(super) fn says_i_come(w: &Words, modals: &[&str]) -> bool {
    w.t.windows(3).any(|p| p[0] == "je" && modals.contains(&p[1].as_str()) && p[2] == "venir")
}

/// Going somewhere on a day, at a time or within a week ("je peux passer samedi ?", "je peux venir
/// cette semaine ?"); not over a longer span: "venir chez nous cet été" is no visit to an office.
pub(super) fn visiting(when: Option<When>, w: &Words) -> bool {
    // "passer la tondeuse", "passer un coup de fil": a thing passed, not a place gone to; but
    // "passer le samedi" is a visit.
    let passes_a_thing = |i: usize| {
        w.t[i] == "passer"
            && matches!(w.t.get(i + 1).map(String::as_str), Some("la" | "le" | "les" | "l" | "un" | "une"))
            && w.t.get(i + 2).is_some_and(|n| !is_time_word(n))
    };
    // "la police peut passer surveiller": someone else comes to the caller.
    let comes_to_them = |i: usize| {
        const MODALS: &[&str] = &["peut", "peuvent", "pourrait", "pourraient", "doit", "doivent", "va", "vont", "viendra", "viendront"];
        const ACTORS: &[&str] =
            &["police", "gendarmerie", "gendarmes", "municipaux", "agent", "agents", "facteur", "technicien", "pompiers", "medecin", "infirmiere"];
        let subject = (0..i).rev().find(|&j| !MODALS.contains(&w.t[j].as_str()));
        subject.is_some_and(|j| ACTORS.contains(&w.t[j].as_str()))
    };
    // "voir les menus": things looked at, not someone met.
    let sees_things = |i: usize| w.t[i] == "voir" && matches!(w.t.get(i + 1).map(String::as_str), Some("les" | "des"));
    // "je voudrais mettre ma fille au périscolaire, comment je fais ?": an enrolment, not a visit.
    let enrols = |i: usize| w.t[i] == "mettre" && w.any(&["comment", "inscrire", "inscription", "inscrit", "inscrite"]);
    // "je peux laisser le petit à la garderie ?": a child left there, not "laisser l'auto".
    const CHILD: &[&str] = &["petit", "petite", "petits", "enfant", "enfants", "fils", "fille", "bebe", "gamin", "gamins", "gosses", "pitchoun"];
    let child = |k: usize| w.t.get(k).is_some_and(|x| CHILD.contains(&x.as_str()));
    let leaves_a_child = w.t.iter().enumerate().any(|(i, x)| x == "laisser" && (child(i + 1) || child(i + 2)));
    let complains = |i: usize| w.t[i] == "porter" && w.t.get(i + 1).is_some_and(|n| n == "plainte");
    // "la ferme se visite ce lundi ?": the place seen, as "visiter".
    let seen = w.has("visiter") || w.any_phrase(&["se visite", "se visitent"]);
    let goes = leaves_a_child
        || seen
        || w.t
            .iter()
            .enumerate()
            .any(|(i, x)| VISIT_WORDS.contains(&x.as_str()) && !passes_a_thing(i) && !comes_to_them(i) && !sees_things(i) && !enrols(i) && !complains(i));
    // A week is a visit's span ("je peux venir cette semaine ?"); a month or a season is not.
    let short = |x: When| match x.moment {
        Moment::Period(to) => to <= x.date + 7.days(),
        _ => true,
    };
    // "le musée, on peut le visiter en février ?": a place seen, whatever the span.
    when.is_some_and(|x| short(x) || seen) && goes
}

/// "le prochain marché c'est quand ?", "la prochaine navette part à quelle heure ?", "le marché des
/// halles c'est quand le prochain ?": the named service's next opening.
pub(super) fn next_one_asked(q: &Question) -> bool {
    let next = q.svc().is_some_and(|s| s.first > 0 && q.w.t[s.first - 1].starts_with("prochain"));
    // Not "allée des Tamaris, c'est quand la prochaine ?": a street's round, the street named alike.
    let after = q.svc().is_some() && q.street.is_none() && q.w.any_phrase(&["quand le prochain", "quand la prochaine"]);
    after || (next && (q.w.has("quand") || q.w.any_phrase(&["quel jour", "quelle date", "quelle heure"])))
}

/// "on a jusqu'à quand pour patiner ?", "je peux venir chercher la petite à la crèche jusqu'à
/// quand ?": a place named, asked until when; not the deadline of a step ("je dois m'inscrire
/// jusqu'à quand ?", "on a jusqu'à quand pour noter les repas ?").
pub(super) fn until_when_there(q: &Question) -> bool {
    const STEPS: &[&str] = &[
        "inscrire",
        "inscris",
        "inscrit",
        "inscrite",
        "inscription",
        "inscriptions",
        "reserver",
        "reservation",
        "retenir",
        "demande",
        "demander",
        "dossier",
        "prevenir",
        "noter",
        "dire",
        "declarer",
        "declare",
        "liste",
        "delai",
        "payer",
        "paie",
        "recenser",
        "recensement",
        "rendre",
        "droit",
        "permis",
        "autorise",
        "interdit",
        "defendu",
        "bouger",
        "retirer",
        "sortir",
        "mettre",
        "laisser",
        "garder",
        "voter",
        "vote",
        "elire",
        "choisir",
        "deposer",
        "faire",
        "travaux",
        "rester",
    ];
    q.svc().is_some() && q.w.phrase("jusqu a quand") && !q.w.any(STEPS)
}
