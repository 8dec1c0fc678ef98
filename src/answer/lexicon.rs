//! The words around a question, general to every town: the openings and politeness that carry
//! nothing, the subjects usually handled elsewhere, and what a question asks of an answer.
//!
//! Nothing here names a town: a town file says what it offers in its own words; this lexicon says
//! how residents ask for it.

use super::normalize::{is_stopword, stem, tokens};

/// The forms of "être" a state follows: "elle est fermée", "vous êtes encore là".
pub const BEING: &[&str] = &["est", "es", "etes", "sont", "suis", "sommes", "sera", "seront", "serez", "serai", "serait", "seriez"];

/// Words that may stand between "être" and the state it says: "est encore", "sont pas".
const STILL: &[&str] = &["encore", "toujours", "pas", "deja", "bien"];

/// Whether the word at `i` of `t` follows one of `verbs`, right before it or past one word of
/// [`STILL`] ("est fermé", "est encore fermé").
pub fn follows_verb<S: AsRef<str>>(t: &[S], i: usize, verbs: &[&str]) -> bool {
    let before = |k: usize| if i >= k { t[i - k].as_ref() } else { "" };
    verbs.contains(&before(1)) || (STILL.contains(&before(1)) && verbs.contains(&before(2)))
}

/// Token patterns of openings, politeness and filler that carry nothing of the question.
/// `*` stands for up to three words ("c'est * qui m'a dit d'appeler").
/// Words said before a person's surname ("madame Perrin").
pub const CIVILITIES: &[&str] = &["monsieur", "madame", "mademoiselle", "mme", "docteur"];

const OPENINGS: &[&str] = &[
    "c est * qui m a dit de vous appeler",
    "c est * qui m a dit d appeler",
    "c est * qui m a conseille de vous appeler",
    "on m a dit de vous appeler",
    "on m a dit d appeler",
    "on m a conseille de vous appeler",
    "excusez moi de vous deranger",
    "pardon de vous deranger",
    "desole de vous deranger",
    "desolee de vous deranger",
    "je suis desole de vous deranger",
    "je suis desolee de vous deranger",
    "je ne vous derange pas",
    "je vous derange",
    "je vous appelle parce que",
    "je vous appelle pour savoir",
    "je vous appelle pour",
    "je vous appelle",
    "j appelle parce que",
    "j appelle pour savoir",
    "j appelle pour",
    "je voulais juste savoir",
    "je voulais savoir",
    "je voudrais savoir",
    "j aurais voulu savoir",
    "j aurais aime savoir",
    "j aimerais savoir",
    "je me demandais",
    "je voulais vous demander",
    "je voudrais vous demander",
    "je voulais vous poser une question",
    "j ai une petite question",
    "j ai une question",
    "une petite question",
    "c est pour un petit renseignement",
    "c est pour un renseignement",
    "pour un petit renseignement",
    "pour un renseignement",
    "un petit renseignement",
    "c est pour savoir",
    "vous pouvez me dire",
    "pouvez vous me dire",
    "pourriez vous me dire",
    "vous pourriez me dire",
    "est ce que vous pouvez me dire",
    "est ce que",
    "est ce qu",
    "s il vous plait",
    "s il te plait",
    "excusez moi",
    "excuse moi",
    "dites moi",
    "ecoutez",
    "en fait",
    // "il peut manger à la cantine quand même ?": a concession, not a question of when.
    "quand meme",
    "tout de meme",
    "du coup",
    "merci beaucoup",
    "merci",
    "bonjour",
    "bonsoir",
    "allo",
    "madame",
    "monsieur",
    "mademoiselle",
    "euh",
    "heu",
    "hum",
    "hmm",
    "ben",
    "bah",
    "voila",
    "alors",
    "oui bonjour",
];

/// "lé" of Réunion Creole ("la mairie lé où", "lé ouvert") is "est": read so before the accents go,
/// which would leave the article "le".
fn creole_be(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("lé") && !text.contains("Lé") {
        return text.into();
    }
    let words: Vec<&str> = text.split(' ').map(|w| if w == "lé" || w == "Lé" { "est" } else { w }).collect();
    words.join(" ").into()
}

/// Removes openings, politeness and filler; returns the normalised words that remain (the words as
/// they were when nothing remains).
pub fn strip_openings(text: &str) -> String {
    let t = tokens(&creole_be(text));
    let mut keep = vec![true; t.len()];
    // "Allô" heard "À l'eau" as the first words.
    if t.len() > 3 && t[..3] == ["a", "l", "eau"] {
        keep[..3].iter_mut().for_each(|k| *k = false);
    }
    // "Euh" heard "peu", "un", "e", "hub" as the first word, before an article or a pronoun that
    // could not follow it ("peu, la poubelle…", "un, les cours…"; not "peu de monde").
    const STARTS: &[&str] = &["la", "le", "les", "l", "je", "j", "on", "il", "elle", "c", "ca", "vous", "mon", "ma", "mes", "pour", "est", "et"];
    if t.len() > 2 && matches!(t[0].as_str(), "peu" | "un" | "e" | "hub" | "hop") && STARTS.contains(&t[1].as_str()) {
        keep[0] = false;
    }
    // Longest first: "je suis désolé de vous déranger" before "désolé de vous déranger".
    let mut patterns: Vec<&str> = OPENINGS.to_vec();
    patterns.sort_by_key(|p| std::cmp::Reverse(p.split(' ').count()));
    for p in patterns {
        let pat: Vec<&str> = p.split(' ').collect();
        let mut i = 0;
        while i < t.len() {
            match match_at(&t, i, &pat) {
                Some(end) if keep[i..end].iter().all(|k| *k) => {
                    keep[i..end].iter_mut().for_each(|k| *k = false);
                    i = end;
                }
                _ => i += 1,
            }
        }
    }
    let kept: Vec<&str> = t.iter().zip(&keep).filter(|(_, k)| **k).map(|(w, _)| w.as_str()).collect();
    let mut kept = if kept.is_empty() { t.iter().map(String::as_str).collect() } else { kept };
    // "le bac jaune alors ?", "les emballages du coup ?": a short turn that leans on the last
    // answer, as "et le bac jaune ?".
    let leans = t.last().is_some_and(|l| l == "alors") || t.ends_with(&["du".to_string(), "coup".to_string()]);
    if leans && kept.len() <= 4 && kept.first() != Some(&"et") {
        kept.insert(0, "et");
    }
    let mended = super::mend::repair(&kept);
    // "d'accord, et le samedi ?": an acknowledgement before a follow-up ("ok, ça marche" stays).
    let ack = match mended.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["d", "accord", "et", _, ..] => 2,
        ["daccord" | "ok" | "okay", "et", _, ..] => 1,
        _ => 0,
    };
    mended[ack..].join(" ")
}

/// Two words that name the same place or service in callers' mouths ("la secrétaire" for "le
/// secrétariat", "la poste" for "l'agence postale").
pub fn same_place(a: &str, b: &str) -> bool {
    const SAME: &[&[&str]] = &[
        &["secretaire", "secretariat", "secretaires"],
        &["poste", "postale", "postal"],
        &["policier", "policiers", "police", "policiere"],
        &["mediatheque", "media", "mediateque"],
        &["dechetterie", "decheterie", "dechette", "dechetteries", "bennes"],
        &["train", "locomotive", "loco"],
        // "la remontée" for the ski lift.
        &["teleski", "teleskis", "remontee", "remontees"],
        // "la mairie de Sainte-Éloi" for Saint-Éloi.
        &["saint", "sainte", "saints", "saintes"],
    ];
    a != b && SAME.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// The end (exclusive) of `pat` matched at `start`, `*` matching up to three words.
fn match_at(t: &[String], start: usize, pat: &[&str]) -> Option<usize> {
    let Some((first, rest)) = pat.split_first() else {
        return Some(start);
    };
    if *first == "*" {
        return (0..=3).filter(|n| start + n <= t.len()).find_map(|n| match_at(t, start + n, rest));
    }
    if t.get(start).map(String::as_str) == Some(*first) {
        match_at(t, start + 1, rest)
    } else {
        None
    }
}

/// Subjects residents ask a town hall about that are usually another body's: health care, shops,
/// energy, telecoms, taxes, culture and transport run by others. A question naming one is not
/// answered from an FAQ entry that neither names it nor shares another word with the question, nor
/// taken for a waste round no round names so: "la pharmacie de garde" is not "la garderie".
const ELSEWHERE: &[&str] = &[
    "pharmacie",
    "pharmacien",
    "medecin",
    "medecins",
    "docteur",
    "dentiste",
    "infirmiere",
    "infirmier",
    "kine",
    "veterinaire",
    "ambulance",
    "musee",
    "cinema",
    "fibre",
    "internet",
    "adsl",
    "wifi",
    "mazout",
    "impots",
    "impot",
    "taxe",
    "epicerie",
    "boulangerie",
    // "le camion du pain", the baker's or butcher's round: no waste round.
    "pain",
    "boulanger",
    "boucher",
    "poissonnier",
    "vaccin",
    "vaccins",
    "supermarche",
    "banque",
    "meteo",
    "sncf",
    "train",
    "gare",
    "taxi",
    "notaire",
    "avocat",
    "hopital",
    "clinique",
    "restaurant",
    "restaurants",
    "cure",
    "messe",
    "esf",
    "ski",
    "patinoire",
    "bus",
    "autocar",
    "fioul",
    "carburant",
];

/// Words before a subject that make it a landmark ("devant la gare") or a street ("rue du Docteur-Roux").
const PLACE_BEFORE: &[&str] =
    &["devant", "pres", "cote", "derriere", "face", "vers", "rue", "avenue", "av", "place", "chemin", "route", "boulevard", "bd", "impasse", "allee", "quai"];

/// Words after a subject that make it the one asking for a paper ("le notaire me demande un acte").
const ASKER_AFTER: &[&str] = &["demande", "demandent", "veut", "exige", "reclame", "dit", "demander"];

/// The words of a question that name a subject usually handled elsewhere than the town hall, as
/// its subject: not a landmark or a street ("devant la boulangerie", "rue du Docteur-Roux"), nor
/// the one who asks for a paper ("la banque me demande…").
pub fn elsewhere_subjects(words: &[String]) -> Vec<&str> {
    let near = |range: std::ops::Range<usize>, list: &[&str]| range.filter_map(|j| words.get(j)).any(|x| list.contains(&x.as_str()));
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| ELSEWHERE.contains(&w.as_str()) && !near(i.saturating_sub(3)..*i, PLACE_BEFORE) && !near(i + 1..i + 4, ASKER_AFTER))
        .map(|(_, w)| w.as_str())
        .collect()
}

/// Whether `text` names `word` (same stem).
pub fn names(text: &str, word: &str) -> bool {
    let st = stem(word);
    tokens(text).iter().any(|t| stem(t) == st)
}

/// What a question asks about an entry (a delay, a price, papers, a place, a day), with the words
/// of the question that say so and the words of an answer sentence that give it.
const FACETS: &[(&[&str], &[&str])] = &[
    (
        &["long", "delai", "delais", "temps", "attendre", "quand", "rapide", "vite"],
        &["semaine", "semaines", "jours", "jour", "mois", "delai", "heure", "heures", "minutes", "an", "ans", "annee"],
    ),
    (
        &[
            "combien", "prix", "tarif", "tarifs", "coute", "coutent", "payant", "payante", "cher", "gratuit", "payer", "caution", "risque", "risquent",
            "amende", "sanction",
        ],
        &["euro", "euros", "gratuit", "gratuite", "tarif", "paye", "payant", "caution", "amende"],
    ),
    // "c'est qui le président ?", "à qui je m'adresse ?": a person named, or the one in charge.
    (
        &["qui", "responsable", "president", "presidente", "contact"],
        &["monsieur", "madame", "mme", "president", "presidente", "responsable", "referent", "referente", "adjoint", "adjointe", "maire"],
    ),
    (
        &["papiers", "papier", "apporter", "amener", "documents", "document", "pieces", "justificatif", "fournir"],
        &["justificatif", "piece", "pieces", "photo", "livret", "copie", "identite", "formulaire", "dossier"],
    ),
    (&["ou", "adresse", "endroit"], &["rue", "place", "avenue", "chemin", "route", "salle", "bureau", "guichet", "mairie"]),
    // "on est dimanche, y a quelqu'un ?": what is done out of office hours.
    (
        &["samedi", "dimanche", "week", "weekend", "ferie", "feries", "nuit"],
        &["week", "weekend", "samedi", "dimanche", "ferie", "feries", "nuit", "astreinte", "permanence"],
    ),
    (
        &["jour", "jours", "quel", "date", "mois", "semaine", "quand", "jusqu", "avant", "limite", "tard"],
        &[
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
    ),
    // "elle les prend, mes vieux pneus ?": what is taken or refused.
    (
        &["prend", "prennent", "prendre", "accepte", "acceptent", "accepter", "reprend", "reprennent", "amener", "apporter", "deposer"],
        &["accepte", "acceptes", "acceptee", "acceptees", "refuse", "refuses", "refusee", "refusees", "interdit", "interdits", "interdite"],
    ),
];

/// What the words of a question stand for (`senses`), each once: weighed by [`facet_score`].
pub fn meanings(asked: &super::intent::Words) -> Vec<&'static str> {
    let mut meant: Vec<&'static str> = super::senses::senses(&asked.t).into_iter().flatten().collect();
    meant.sort_unstable();
    meant.dedup();
    meant
}

/// How well a sentence of an answer gives what the question asks (0: not at all): the facets
/// asked that it gives, each worth three words, and the question's own words that it repeats and
/// `said` (the sentence spoken before it) does not, each weighed by its `rarity` in the town's
/// entries ("allergique" tells more than "repas"), and half as much what they stand for (`meant`,
/// from [`meanings`]).
pub fn facet_score(asked: &super::intent::Words, meant: &[&str], sentence: &str, said: &str, rarity: impl Fn(&str) -> f32) -> f32 {
    let words = tokens(sentence);
    let said: Vec<String> = tokens(said).iter().map(|w| stem(w)).collect();
    // A facet counts once: "mercredi et samedi" is no better an answer to "quel jour" than "mercredi".
    let facets: usize = FACETS.iter().filter(|(q, _)| asked.any(q)).filter(|(_, a)| words.iter().any(|w| a.contains(&w.as_str()))).count();
    let digits = words.iter().filter(|w| w.chars().all(|c| c.is_ascii_digit())).count();
    let phone = (super::intent::asks_phone(asked) || asked.has("appelle")) && digits >= 4;
    let hour = asked.any(&["heure", "heures", "horaires", "ouvre", "ferme"]) && words.iter().any(|w| w == "h");
    let age = asked.any(&["age", "ans"]) && words.iter().any(|w| w == "ans");
    // "combien de livres ?": a quantity, not a price, is a number.
    let price = ["coute", "coutent", "prix", "tarif", "tarifs", "cher", "payer", "payant", "euros"];
    let count = asked.has("combien") && !asked.any(&price) && digits >= 1;
    // "dix bains": a number said is a word like another ("la carte de 10 entrées").
    let worded = |w: &str| w.len() > 2 || (w.len() == 2 && w.chars().all(|c| c.is_ascii_digit()));
    let stems: Vec<String> = words.iter().filter(|w| !is_stopword(w) && worded(w)).map(|w| stem(w)).collect();
    // Words of one family share a stem, or their first six letters ("allergique", "allergie").
    let prefix = |x: &str| (x.chars().count() >= 6).then(|| x.chars().take(6).collect::<String>());
    let family = |w: &str| stems.contains(&stem(w)) || prefix(w).is_some_and(|p| words.iter().any(|s| prefix(s).as_ref() == Some(&p)));
    // "à la fois" frames a question of quantity; it is no topic.
    let frame = |w: &str| super::retrieval::is_frame_word(w) || w == "fois";
    let repeated: Vec<&str> = asked.content().into_iter().filter(|w| worded(w) && !frame(w) && !said.contains(&stem(w)) && family(w)).collect();
    // What the words stand for ("mal écrit": "rectification") that the sentence says and the first
    // does not: each counts half a word said, and all of them together never more than one; two of
    // them ("erreur", "rectification") are worth one, less than a word said that is at all rare.
    let meant = meant.iter().filter(|m| !said.contains(&stem(m)) && family(m) && !asked.has(m) && !repeated.contains(m)).count();
    let meant = (0.5 * meant as f32).min(1.0);
    // Each repeated word counts one, and a little more as it is rarer: between equals, the rarer.
    let shared: f32 = repeated.iter().map(|w| 1.0 + 0.05 * rarity(w).clamp(0.0, 5.0)).sum();
    // A facet given outweighs a word repeated: "combien pour le chenil ?" wants the price.
    let facets = 3 * (facets + 2 * usize::from(phone) + usize::from(hour) + usize::from(age) + usize::from(count));
    facets as f32 + shared + meant
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_handled_elsewhere_is_not_a_landmark_a_street_or_an_asker() {
        let subjects = |q: &str| elsewhere_subjects(&tokens(q)).into_iter().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(subjects("c'est quoi la pharmacie de garde ce soir"), ["pharmacie"]);
        assert_eq!(subjects("vous savez s'il y a un docteur de garde"), ["docteur"]);
        assert!(subjects("j'ai trouvé un portefeuille devant la boulangerie").is_empty());
        assert!(subjects("les poubelles rue du docteur schweitzer").is_empty());
        assert_eq!(subjects("le camion du pain il monte quand"), ["pain"]);
        assert!(subjects("le notaire me demande un acte de naissance").is_empty());
        assert!(subjects("la carte d'identité c'est long").is_empty());
    }

    #[test]
    fn between_sentences_repeating_as_many_words_the_rarer_word_wins() {
        let asked = super::super::intent::Words::new("ma fille est allergique a l oeuf pour le repas");
        let rare = |w: &str| if w.starts_with("allerg") { 3.0 } else { 0.5 };
        let meal = facet_score(&asked, &meanings(&asked), "Un repas végétarien est servi chaque jour.", "Les menus sont affichés.", rare);
        let allergy = facet_score(&asked, &meanings(&asked), "En cas d'allergie, il faut un PAI.", "Les menus sont affichés.", rare);
        assert!(allergy > meal && meal > 0.0, "{allergy} {meal}");
    }

    #[test]
    fn what_is_taken_asks_the_sentence_of_what_is_refused() {
        let asked = super::super::intent::Words::new("j'ai quatre vieux pneus la dechetterie elle les prend");
        let said = "La déchetterie est gérée par l'agglomération.";
        let flat = |_: &str| 1.0;
        let taken = facet_score(&asked, &meanings(&asked), "On y prend les déchets verts, les gravats et le bois.", said, flat);
        let refused = facet_score(&asked, &meanings(&asked), "Les pneus et l'amiante ne sont pas acceptés.", said, flat);
        assert!(refused > taken, "{refused} {taken}");
    }

    #[test]
    fn what_the_words_stand_for_counts_half_and_never_more_than_a_word_said() {
        let said = "Une copie d'acte se demande à la mairie.";
        let flat = |_: &str| 1.0;
        // "une faute": "erreur" and "rectification", both in the sentence: one word's worth.
        let asked = super::super::intent::Words::new("y a une faute sur l'acte de mon fils");
        let fix = facet_score(&asked, &meanings(&asked), "Si l'acte comporte une erreur, la demande de rectification va au procureur.", said, flat);
        assert!(fix >= 1.0, "{fix}");
        // "la façade" stands for "ravalement", "déclaration préalable"; the sentence that says
        // "façade" itself comes first.
        let asked = super::super::intent::Words::new("je voudrais repeindre la facade de ma maison");
        let meant = facet_score(&asked, &meanings(&asked), "Pour un ravalement, il faut une déclaration préalable.", said, flat);
        let own = facet_score(&asked, &meanings(&asked), "Les couleurs de façade suivent le nuancier.", said, flat);
        assert!(own > meant && meant <= 1.0, "{own} {meant}");
    }

    #[test]
    fn openings_and_politeness_go_and_the_question_stays() {
        let q = "Bonjour madame, excusez-moi de vous déranger, c'est ma voisine qui m'a dit de vous appeler, je voulais savoir si la médiathèque est ouverte";
        assert_eq!(strip_openings(q), "si la mediatheque est ouverte");
        assert_eq!(strip_openings("euh ben est-ce que la piscine ouvre demain"), "la piscine ouvre demain");
        // Nothing but politeness: the words stay (the caller said only that).
        assert_eq!(strip_openings("bonjour madame"), "bonjour madame");
        // A word of the question that looks like filler inside a longer phrase is kept.
        assert_eq!(strip_openings("je vous appelle pour la carte grise"), "la carte grise");
        // "quand même" concedes; it does not ask when.
        assert_eq!(strip_openings("il peut manger à la cantine quand même"), "il peut manger a la cantine");
    }
}
