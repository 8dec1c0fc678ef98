//! What the caller wants: conversational intents (goodbye, repeat, operator…), word likeness and
//! waste-collection cues, from normalised words; hours cues in `hours`, place cues in `place`.

use serde::Serialize;

use super::normalize::{is_stopword, phonetic, phonetic_nasal, tokens};

mod hours;
mod place;

pub use hours::{asks_hours, asks_if_shut, ends_on_open, is_subject_pronoun, is_visit_word, still_may_go, still_open, still_open_now, visit_there, OPEN, SHUT};
pub use place::{
    asks_phone, asks_way, asks_where, asks_where_held, asks_whom_to_call, ends_on_where, how_to_reach_at, phone_number_at, reaches_it_at, says_address,
    WHERE_IS,
};

/// The kind of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    /// Opening hours of a service.
    Hours,
    /// A FAQ answer.
    Faq,
    /// Waste collection days of a street.
    Collection,
    /// Address or phone of a service.
    Contact,
    /// Transfer to a person.
    Operator,
    /// Leave a message.
    Message,
    /// Say the last answer again.
    Repeat,
    /// Speak slower.
    Slower,
    /// End of the call.
    Goodbye,
    /// A bare yes/no or politeness with nothing pending.
    Smalltalk,
    /// Not understood or not known: no fact given.
    Unknown,
}

impl Intent {
    /// The lowercase name used in JSON and the eval file.
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Hours => "hours",
            Intent::Faq => "faq",
            Intent::Collection => "collection",
            Intent::Contact => "contact",
            Intent::Operator => "operator",
            Intent::Message => "message",
            Intent::Repeat => "repeat",
            Intent::Slower => "slower",
            Intent::Goodbye => "goodbye",
            Intent::Smalltalk => "smalltalk",
            Intent::Unknown => "unknown",
        }
    }
}

/// A normalised sentence with helpers to look for words and phrases.
#[derive(Debug, Clone)]
pub struct Words {
    /// The tokens.
    pub t: Vec<String>,
    /// Their phonetic keys.
    pub ph: Vec<String>,
}

impl Words {
    /// Normalises a sentence.
    pub fn new(text: &str) -> Words {
        let t = tokens(text);
        let ph = t.iter().map(|w| phonetic(w)).collect();
        Words { t, ph }
    }
    /// Whether a word is present.
    pub fn has(&self, w: &str) -> bool {
        self.t.iter().any(|x| x == w)
    }
    /// Whether any of the words is present.
    pub fn any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.has(w))
    }
    /// Whether a phrase (space-separated normalised words) occurs.
    pub fn phrase(&self, p: &str) -> bool {
        let p: Vec<&str> = p.split(' ').collect();
        self.t.windows(p.len()).any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
    }
    /// Whether any phrase occurs.
    pub fn any_phrase(&self, ps: &[&str]) -> bool {
        ps.iter().any(|p| self.phrase(p))
    }
    /// One word alone, to ask what it says by itself.
    pub fn one(word: &str) -> Words {
        Words { t: vec![word.to_string()], ph: vec![] }
    }
    /// Content words (no stop words).
    pub fn content(&self) -> Vec<&str> {
        self.t.iter().map(String::as_str).filter(|w| !is_stopword(w)).collect()
    }
}

/// Similarity of two normalised words: 1 exact, < 1 for phonetic or fuzzy matches, 0 otherwise.
pub fn word_sim(q: &str, s: &str) -> f32 {
    word_sim_ph(q, &phonetic(q), s, &phonetic(s))
}

/// `word_sim` with the phonetic keys already computed.
pub fn word_sim_ph(q: &str, qph: &str, s: &str, sph: &str) -> f32 {
    if q == s {
        return 1.0;
    }
    if q.len() < 4 || s.len() < 4 || q.chars().any(|c| c.is_ascii_digit()) {
        return 0.0;
    }
    if q.trim_end_matches(['s', 'x']) == s.trim_end_matches(['s', 'x']) {
        return 0.95;
    }
    // "musé" written for "musée", "allé" for "allée": the same sound.
    if q.ends_with('e') && s.ends_with("ee") && s.trim_end_matches('s').strip_suffix('e') == Some(q.trim_end_matches('s')) {
        return 0.9;
    }
    if crate::answer::lexicon::same_place(q, s) {
        return 0.9;
    }
    // Alike but for a nasal vowel ("Perrin", "prairie") is no match.
    if q.len() >= 5 && s.len() >= 5 && qph.len() >= 3 && qph == sph && phonetic_nasal(q) == phonetic_nasal(s) {
        return 0.9;
    }
    if s.len() >= 6 && q.len().abs_diff(s.len()) <= 2 && strsim::jaro_winkler(q, s) >= 0.94 {
        return 0.8;
    }
    // One letter off in a long word, wherever it is ("midiatheque"): Jaro-Winkler forgives the
    // end of a word far more than its start.
    if q.len() >= 7 && s.len() >= 7 && strsim::damerau_levenshtein(q, s) == 1 {
        return 0.8;
    }
    0.0
}

/// Materials a caller may name, each with the words that name it.
const MATERIALS: &[&[&str]] = &[
    &["verre", "bouteille", "bouteilles", "bocal", "bocaux"],
    &[
        "papier",
        "papiers",
        "journaux",
        "carton",
        "cartons",
        "emballages",
        "emballage",
        "jaune",
        "jaunes",
        "recyclables",
        "plastique",
        "plastiques",
        "tri",
        "selective",
        "selectif",
    ],
    &["verts", "vegetaux", "tonte", "feuilles", "branches", "branchages", "fagots"],
    &["encombrants", "encombrant", "meubles", "electromenager"],
    &["biodechets", "epluchures", "alimentaires", "compost"],
];

/// The words name a material that none of `kinds` (the town's rounds and their notes) collects:
/// "le camion pour le verre" where glass goes to bottle banks is not a question for a street.
pub fn names_uncollected_material<'a>(w: &Words, kinds: impl Iterator<Item = &'a str> + Clone) -> bool {
    MATERIALS.iter().filter(|m| w.any(m)).any(|m| !kinds.clone().any(|k| tokens(k).iter().any(|t| m.contains(&t.as_str()))))
}

/// Words about household waste collection ("la grise": the grey bin, unless a card is named;
/// "les jaunes": the yellow bags, unless vests, the directory, road markings, a beach flag or an alert).
/// Whether one word alone is a word of the waste rounds ("poubelle", "bac", "ramassage").
pub fn is_waste_word(x: &str) -> bool {
    asks_waste(&Words::one(x))
}

pub fn asks_waste(w: &Words) -> bool {
    w.any(&[
        "poubelle",
        "poubelles",
        "ordures",
        "ordure",
        "collecte",
        "collectes",
        "ramassage",
        "ramasse",
        "ramassent",
        "ramasser",
        "bac",
        "bacs",
        "tri",
        "recyclage",
        "recyclables",
        "eboueurs",
        "eboueur",
        "benne",
        "camion",
        "dechets",
        "sacs",
        "verre",
        "emballages",
        "biodechets",
        "conteneur",
        "conteneurs",
        "container",
        "containers",
        "ramassee",
        "ramassees",
        "ramasses",
        "ramassez",
        "ramassera",
        "ramasserez",
    ]) || (w.any(&["grise", "grises"]) && !w.any(&["carte", "cartes"]))
        || (w.any(&["jaune", "jaunes"])
            && !w.any(&["gilet", "gilets", "pages", "ligne", "lignes", "bande", "bandes", "drapeau", "drapeaux", "vigilance", "alerte", "feu", "feux"]))
}

/// Words asking when the collection passes (rather than how waste works).
pub fn asks_when(w: &Words) -> bool {
    // "comment ça se passe ?": how it is done, not when the truck passes.
    if w.t.iter().enumerate().any(|(i, x)| x == "passe" && !(i > 0 && w.t[i - 1] == "se")) {
        return true;
    }
    w.any(&[
        "quand",
        "jour",
        "jours",
        "passent",
        "passage",
        "sortir",
        "sort",
        "ramasse",
        "ramassent",
        "collecte",
        "collectees",
        "collectes",
        "ramassage",
        "quel",
        "quels",
        // A round shifted by a holiday: "avec le 14 juillet, c'est décalé ?", "c'est maintenu ?"
        "decale",
        "decalee",
        "decales",
        "decalees",
        "decalage",
        "maintenu",
        "maintenue",
        "maintenus",
        "reporte",
        "reportee",
    ])
}

/// A transfer asked outright ("passez-moi", "mettez-moi en relation").
const TRANSFER: &[&str] = &[
    "mettre en relation",
    "mettez moi en relation",
    // "mettez-moi" heard "métiez-moi".
    "moi en relation",
    "me mettre en relation",
    "moi en contact",
    // "mettez-moi en ligne / en communication avec le standard".
    "moi en ligne avec",
    "moi en communication",
    "mettre en communication",
    "me mettre en contact",
    "passez moi",
    "passer moi",
    // "passez-moi" heard "passé, moi".
    "passe moi",
    "me passer",
    "transferer",
    "transferez",
];

/// The opening asked ("c'est ouvert quand ?", "vous fermez à quelle heure ?").
const OPENING_ASKED: &[&str] = &[
    "c est ouvert",
    "est ouvert",
    "est ouverte",
    "sont ouverts",
    "ouvert quand",
    "ouverte quand",
    "ouvre quand",
    "ouvre a quelle heure",
    "ferme a quelle heure",
    "vous ouvrez",
    "vous fermez",
    "horaires",
    "horaire",
];

/// A request to talk to a person, optionally naming a service.
pub fn asks_operator(w: &Words) -> bool {
    // "c'est quoi le téléphone pour parler à quelqu'un du logement ?": a number asked.
    if w.any(&["message", "repondeur"])
        || w.any_phrase(&["le telephone pour", "le numero pour", "quel numero", "quel telephone", "quel est le numero", "quel est le telephone"])
    {
        return false;
    }
    let transfer = w.any_phrase(TRANSFER);
    let explicit = transfer
        || w.any_phrase(&[
            "la standardiste",
            "parler au",
            "parler a",
            "parler aux",
            "parler avec",
            "parler directement",
            "lui parler",
            "leur parler",
            "quelqu un de vivant",
            "a qui parler",
            "mettez moi avec",
            "mettre avec",
            "un humain",
            "etre humain",
            "une vraie personne",
            "une vraie dame",
            "causer avec",
            "au bout du fil",
            "un vrai conseiller",
            "personne en chair",
            "en chair et en os",
            "quelqu un en vrai",
            "une personne en vrai",
            // "je peux avoir l'accueil en direct ?"
            "en direct",
        ]);
    const PERSON: &[&str] = &[
        "quelqu un",
        "une personne",
        "un humain",
        "une humaine",
        "un agent",
        "une agente",
        "un conseiller",
        "une conseillere",
        "vraie personne",
        "vrai personne",
        "un operateur",
        "une operatrice",
        "une secretaire",
        "la secretaire",
        "un employe",
        "une employee",
        "le standard",
        "le secretariat",
        "une dame",
        "la dame",
        "un adjoint",
        "un elu",
        "l elu",
    ];
    const VERB: &[&str] = &["parler", "avoir", "joindre", "contacter", "discuter", "passez", "passer", "veux", "voudrais", "aimerais", "prefere", "preferais"];
    // Where each phrase naming a person is said: its phrase, first word and the word after it.
    let said: Vec<(&str, usize, usize)> = PERSON
        .iter()
        .flat_map(|p| {
            let n = p.split(' ').count();
            w.t.windows(n).enumerate().filter(move |(_, win)| win.join(" ") == *p).map(move |(i, _)| (*p, i, i + n))
        })
        .collect();
    // A person asked for: the phrase right after a verb of reaching ("avoir quelqu'un", "je voudrais
    // un conseiller"), or last ("un agent s'il vous plaît"; not "quelqu'un", sent as often as asked for).
    let reached = |i: usize| w.t[i.saturating_sub(3)..i].iter().any(|v| VERB.contains(&v.as_str()));
    // What may follow a person asked for: politeness, the place ("le standard de la mairie s'il vous
    // plaît"), the line ("… au téléphone", "… en direct") or urgency ("un employé, c'est urgent").
    let please = |rest: &[String]| {
        let place = rest.first().is_some_and(|x| matches!(x.as_str(), "de" | "du" | "d"));
        let rest = if place { &rest[rest.len().min(3)..] } else { rest };
        rest.iter().all(|x| {
            matches!(
                x.as_str(),
                "s" | "il" | "vous" | "plait" | "svp" | "merci" | "au" | "telephone" | "en" | "direct" | "directement" | "c" | "est" | "urgent"
            )
        })
    };
    // "le standard" after other words may be a place named; asked for, it is the whole turn ("le
    // standard de la mairie s'il vous plaît", politeness stripped) or comes with a "s'il vous plaît".
    let asked = |i: usize, end: usize| i == 0 || w.t[end..].iter().any(|x| matches!(x.as_str(), "plait" | "svp"));
    let last = |p: &str, i: usize, end: usize| p != "quelqu un" && (!matches!(p, "le standard" | "le secretariat") || asked(i, end)) && please(&w.t[end..]);
    // Not someone's number asked: "le numéro de la secrétaire de mairie".
    let of_someone = |i: usize| i > 0 && matches!(w.t[i - 1].as_str(), "de" | "du" | "d");
    let person = said.iter().any(|&(p, i, end)| reached(i) || (last(p, i, end) && !of_someone(i)));
    // "passer voir la secrétaire", "voir quelqu'un, je peux venir là ?": going there in person, a question of hours.
    let visit = w.any_phrase(&["passer voir", "passe voir", "venir voir", "viens voir", "aller voir", "vais voir", "peux venir", "peux passer"]);
    // "je voudrais parler au service des eaux, c'est ouvert quand ?": the opening asked, no transfer
    // (unless the words ask one outright: "passez-moi…"); not "j'ai ouvert un dossier".
    let opening = w.any_phrase(OPENING_ASKED);
    // "votre machine me comprend pas, je veux une vraie dame": a person asked against the machine.
    // (Not "une machine à laver qui marche plus".)
    let the_machine = w.t.windows(3).any(|p| {
        matches!(p[0].as_str(), "votre" | "la" | "cette" | "le" | "ce")
            && matches!(p[1].as_str(), "machine" | "robot")
            && !matches!(p[2].as_str(), "a" | "de" | "d")
    }) || w.t.last().is_some_and(|x| matches!(x.as_str(), "machine" | "robot"));
    let machine = the_machine && w.any(&["veux", "voudrais", "prefere", "comprend", "comprends"]);
    ((explicit || machine) && (transfer || !opening)) || (person && !visit && !opening && !w.any(&["aider", "faire"]))
}

/// "je peux avoir madame Lhuillier ?", "joindre monsieur le maire": someone named by a civility
/// right after a verb of reaching, with the name or title after it ("merci madame" asks no one).
/// Read on the words as said: politeness, civilities included, is stripped from the question.
pub fn named_person_asked(w: &Words) -> bool {
    w.t.iter().enumerate().any(|(i, x)| {
        let before = |k: usize| i.checked_sub(k).map(|j| w.t[j].as_str());
        let reaching = matches!(before(1), Some("avoir" | "joindre" | "contacter"))
            || matches!((before(2), before(1)), (Some("parler"), Some("a" | "avec")) | (Some("passez" | "passer"), Some("moi")));
        let named = w.t.get(i + 1).is_some_and(|n| !matches!(n.as_str(), "s" | "svp" | "merci" | "au" | "bonne"));
        super::lexicon::CIVILITIES.contains(&x.as_str()) && reaching && named
    })
}

/// Words that ask to leave a message or be called back.
const MESSAGE_ASKED: &[&str] = &[
    "mes coordonnees",
    "me recontacte",
    "me recontacter",
    "me recontactiez",
    "un message",
    "laisser un mot",
    "laissez un mot",
    "laisse un mot",
    "prenez mon numero",
    "notez mon numero",
    "noter mon numero",
    "vous notez",
    "pouvez noter",
    // A message dictated: "notez que madame X a appelé pour…", "dites-lui que je rappellerai".
    "noter que",
    "notez que",
    "prenez note",
    "prendre note",
    "a appele pour",
    "rappellera",
    "rappellerai",
    "laisser mon numero",
    "laisser mon telephone",
    "laisser mes coordonnees",
    "un repondeur",
    "me rappeler",
    "vous me rappelez",
    "me rappeliez",
    "il me rappelle",
    "elle me rappelle",
    "qu on me rappelle",
    "rappeler plus tard",
    "etre rappele",
    "etre rappelee",
    "messagerie",
    // A call told: "dites-lui que je passerai".
    "dites lui que",
    "lui dire que",
    "lui dites que",
];

/// Farewells and thanks of France's other languages: Occitan, Basque, Breton, Creole.
const FAREWELLS: &[&str] = &["adishatz", "adiu", "agur", "milesker", "kenavo", "trugarez", "mesi"];

/// A word of thanks, farewell or politeness that a closing turn may hold.
pub fn is_closing_word(x: &str) -> bool {
    CLOSING_WORDS.contains(&x) || FAREWELLS.contains(&x)
}

/// A request to leave a message or be called back (not "le numéro, pour les rappeler plus tard");
/// something told for someone is `tells_someone`, read on the words as said.
pub fn asks_message(w: &Words) -> bool {
    let calls_back_themselves = w.any_phrase(&["pour les rappeler", "pour vous rappeler", "pour la rappeler", "pour le rappeler", "pour rappeler"]);
    // "dites à la secrétaire que monsieur Verdier a rappelé": someone's call told, not "la mairie m'a rappelé".
    let called_again = w.t.windows(3).any(|p| p[1] == "a" && p[2] == "rappele" && !matches!(p[0].as_str(), "m" | "me" | "nous" | "vous" | "t" | "l" | "on"));
    // "… pour que la secrétaire me rappelle": a call back asked (not "ça me rappelle…").
    let call_back =
        w.t.windows(3).any(|p| p[1] == "me" && matches!(p[2].as_str(), "rappelle" | "rappellent") && !matches!(p[0].as_str(), "ca" | "cela" | "qui"));
    !calls_back_themselves && (called_again || call_back || w.any_phrase(MESSAGE_ASKED))
}

/// "dites à madame Gillot que…", "vous pouvez prévenir monsieur Carlier qu'…", "dites au maire
/// que…": something to tell a person or the town hall, a message (not "dites-moi que…").
pub fn tells_someone(w: &Words) -> bool {
    // "vous direz à monsieur Dumontet que…", "vous pourrez prévenir madame X que…"
    const TELL: &[&str] = &["dites", "dire", "direz", "prevenir", "prevenez", "previendrez", "transmettre", "transmettez", "transmettrez"];
    // Not "ça veut dire que…", "j'ai entendu dire que…", nor a number asked "pour prévenir que…".
    if w.any(&["numero", "telephone", "joindre"]) {
        return false;
    }
    w.t.iter().enumerate().any(|(i, x)| {
        let hearsay = i > 0 && matches!(w.t[i - 1].as_str(), "veut" | "veulent" | "voulait" | "entendu" | "pour" | "sans" | "a");
        // Told to someone ("à madame Gillot", "au maire", "monsieur Carlier"), or passed on ("transmettre que…").
        let to_whom = match w.t.get(i + 1).map(String::as_str) {
            Some("a" | "au" | "aux") => true,
            Some(n) => super::lexicon::CIVILITIES.contains(&n) || (matches!(x.as_str(), "transmettre" | "transmettez") && matches!(n, "que" | "qu")),
            None => false,
        };
        // "dites à monsieur Ducret de la police municipale que…": the person and their office first.
        TELL.contains(&x.as_str()) && !hearsay && to_whom && w.t[i + 1..w.t.len().min(i + 10)].iter().any(|n| matches!(n.as_str(), "que" | "qu"))
    })
}

/// A request to say it again.
pub fn asks_repeat(w: &Words) -> bool {
    w.any(&["repeter", "repetez", "repete", "redire", "redites", "redite", "rediter"])
        || w.any_phrase(&["pas compris", "pas bien compris", "pas entendu", "pas bien entendu", "encore une fois", "vous dites", "vous avez dit", "avez vous dit"])
        // A bad line: "ça coupe", "je vous entends mal".
        || w.any_phrase(&["ca coupe", "ca a coupe", "vous entends mal", "vous entends pas", "entends rien", "ca gresille", "a gresille", "pas saisi", "pas bien saisi", "pas tout saisi", "pas tout compris", "pas tout entendu"])
        // "une nouvelle fois s'il vous plaît".
        || w.any_phrase(&["une nouvelle fois", "encore un coup"])
        // "vous recommencez ?", "vous pouvez recommencer" (not "vous recommencez quand, après les vacances ?").
        || (w.any_phrase(&["vous recommencez", "pouvez recommencer", "pourriez recommencer", "recommencez s", "reprendre depuis le debut"])
            && !w.any(&["quand", "heure", "heures"]))
        || (w.t.len() <= 3 && w.phrase("comment ca"))
        || (w.t.len() <= 2 && w.any(&["pardon", "comment", "quoi", "hein", "pardonnez", "pardonne"]))
}

/// A request to speak slower.
pub fn asks_slower(w: &Words) -> bool {
    // "ça roule trop vite devant l'école": the traffic, not the voice.
    const TRAFFIC: &[&str] =
        &["roule", "roulent", "rouler", "conduit", "conduisent", "foncent", "vitesse", "voitures", "camions", "engins", "tracteurs", "limite", "limitation"];
    if w.any(TRAFFIC) {
        return false;
    }
    w.any(&["lentement", "doucement"])
        // "plus lent", not "internet est si lent".
        || w.any_phrase(&["moins vite", "trop vite", "parlez moins", "pas si vite", "plus lent", "parlez lent", "parler lent"])
        || w.any_phrase(&["moins rapide", "trop rapide", "si rapide", "moins rapidement", "trop rapidement", "si rapidement"])
        || w.any(&["ralentir", "ralentissez", "ralentis"])
        // Misheard on the line: "parlez moi vite" for "parlez moins vite", "pilentement" for "plus lentement".
        || w.any_phrase(&["parlez moi vite", "parler moi vite", "parle moi vite"])
        || w.t.iter().any(|x| x.len() >= 9 && strsim::damerau_levenshtein(x, "pluslentement") <= 3)
}

/// Words of a closing that ask nothing ("ok ça marche, merci beaucoup, bonne soirée madame").
const CLOSING_WORDS: &[&str] = &[
    "revoir",
    "bonsoir",
    "nuit",
    "journee",
    "soiree",
    "bientot",
    "tout",
    "fin",
    "merci",
    "c",
    "etait",
    "rien",
    "autre",
    "sera",
    "raccroche",
    "raccrocher",
    "plus",
    "madame",
    "monsieur",
    "mademoiselle",
    "beaucoup",
    "parfait",
    "parfaitement",
    "revoyure",
    "prochaine",
    "va",
    "convient",
    "marche",
    "ca",
    "ok",
    "okay",
    "daccord",
    "accord",
    "bon",
    "bonne",
    "bien",
    "tres",
    "super",
    "impeccable",
    "genial",
    "salut",
    "non",
    "oui",
    "ouais",
    "aimable",
    "gentil",
    "gentille",
    "note",
    "compris",
    "nickel",
    "top",
    "voila",
    "vous",
    "va",
    "me",
    "ben",
    "euh",
    "alors",
    "aussi",
    "pareillement",
    "egalement",
    "semaine",
    "weekend",
    "week",
    "end",
    "soir",
    "apres",
    "midi",
    "infiniment",
    "remercie",
    "remercions",
    "remercier",
    // Alsace and Moselle say thanks in German; Occitan, Basque, Breton and Creole callers in
    // theirs (`FAREWELLS`, and Creole's "anpil" of "mèsi anpil").
    "danke",
    "anpil",
    // "très bien, je vous laisse", "parfait, j'ai ma réponse".
    "laisse",
    "reponse",
    "renseignement",
    "renseignements",
    "info",
    "infos",
    "information",
    "informations",
    "ciao",
    "adieu",
    "dame",
    "joyeux",
    "joyeuses",
    "noel",
    "bonnes",
    "fetes",
    "annee",
    "nouvel",
    "an",
    "meilleurs",
    "voeux",
    "paques",
];

/// A closing of the call.
pub fn asks_goodbye(w: &Words) -> bool {
    w.any_phrase(&[
        "au revoir",
        "a bientot",
        "bonne journee",
        "bonne soiree",
        "bonne fin",
        "bonne continuation",
        "bon week end",
        "bonne semaine",
        "bonne apres midi",
        "c est tout",
        "ce sera tout",
        "ca sera tout",
        "a plus",
        "raccrocher",
        "je raccroche",
        "rien d autre",
        "pas d autre",
        "c etait tout",
        "a la revoyure",
        "a la prochaine",
        "merci a vous",
        // "c'est bon, j'ai ce qu'il me faut, merci", "j'ai tout ce qu'il faut".
        "ce qu il me faut",
        "tout ce qu il faut",
        "j ai ma reponse",
        "j ai eu ma reponse",
        // Season's wishes close a call: "merci, bonnes fêtes à vous".
        "bonnes fetes",
        "joyeuses fetes",
        "joyeux noel",
        "bonne annee",
        "joyeuses paques",
    ]) || (w.t.len() <= 4 && w.any(&["revoir", "adieu", "ciao", "salut"]))
        // "d'accord c'est noté merci adieu": a short turn that ends on its farewell.
        || (w.t.len() <= 8 && w.t.last().is_some_and(|x| matches!(x.as_str(), "adieu" | "ciao")))
        // "bonne fin de journée" with its "fin" misheard ("bonne saint de journée").
        || (w.any(&["merci", "bonne"]) && w.phrase("de journee"))
        // "d'accord j'ai compris merci bonsoir": thanks, then the evening's greeting as a farewell.
        || (w.t.len() <= 8
            && w.t.last().is_some_and(|x| x == "bonsoir")
            && w.any(&["merci", "remercie", "accord", "daccord", "compris", "note"]))
        || w.phrase("bonne nuit")
        // Thanks with an acknowledgement: "d'accord merci madame", "bon c'est noté merci",
        // "parfait je vous remercie" (a bare "merci" is answered with another question offered).
        || (w.any(&["merci", "remercie"])
            && (w.any(&["accord", "daccord", "note", "parfait", "impeccable", "nickel", "compris", "entendu", "super", "genial", "ok", "okay"])
                || w.any_phrase(&["tres bien", "je vous laisse", "ca marche"])))
        // Farewells of France's other languages: Occitan, Basque, Breton, Creole.
        || w.any(FAREWELLS)
}

/// A bare yes.
pub fn is_yes(w: &Words) -> bool {
    w.t.len() <= 6
        && (w.any(&["oui", "ouais", "ouai", "volontiers", "daccord", "ok", "okay", "bien", "entendu", "absolument", "exactement", "voui", "si"])
            || w.phrase("d accord")
            || w.phrase("je veux bien"))
        && !w.any(&["non", "pas"])
}

/// A bare no.
pub fn is_no(w: &Words) -> bool {
    w.t.len() <= 6 && (w.any(&["non", "nan", "nope"]) || w.any_phrase(&["pas la peine", "pas besoin", "ca ira", "c est bon"]))
}
