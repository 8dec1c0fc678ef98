//! Answering core through its public API: loader errors, conversation context, honesty, reload.

use std::sync::Arc;

use standardiste::answer::{vocabulary, Action, Conversation, Intent, Town, TownError, TownHandle};

const HEAD: &str = "[town]\nname = \"T\"\ntimezone = \"Europe/Paris\"\noperator = \"a\"\n[[service]]\nid = \"a\"\nname = \"l'accueil\"\n";

/// A town named "T" whose operator is a front desk with no hours, with the given services and entries.
fn plain(body: &str) -> Arc<Town> {
    Arc::new(Town::parse(&format!("{HEAD}{body}"), "t.toml").unwrap())
}

/// An entry on another subject, so that the chooser weighs more than one.
const CANTEEN_ENTRY: &str = "[[faq]]\nid = \"cantine\"\nquestions = [\"Comment inscrire mon enfant à la cantine ?\"]\nkeywords = [\"cantine\"]\n\
                             answer = \"La cantine s'inscrit sur le portail famille.\"\n";

/// A town named "Essai" whose operator is the service "mairie", with the given services and entries.
fn essai(body: &str) -> Arc<Town> {
    let head = "[town]\nname = \"Essai\"\ntimezone = \"Europe/Paris\"\noperator = \"mairie\"\n";
    Arc::new(Town::parse(&format!("{head}{body}"), "t.toml").unwrap())
}

fn err(body: &str) -> (usize, String, String) {
    let text = format!("{HEAD}{body}");
    match Town::parse(&text, "t.toml") {
        Err(e @ TownError::Invalid { .. }) => {
            let msg = e.to_string();
            assert!(msg.starts_with("t.toml:"), "{msg}");
            (e.line().unwrap(), e.field().unwrap().to_string(), msg)
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn loader_errors_name_file_line_and_field() {
    let (line, field, _) = err("hours.monday = [\"08:30-12:00\"]\nhourz = 3\n");
    assert_eq!((line, field.as_str()), (9, "hourz"));
    let (line, field, _) = err("hours.monday = [\"8h30-12h\"]\n");
    assert_eq!((line, field.as_str()), (8, "service[a].hours.monday"));
    let (line, field, msg) = err("hours.tuesday = [\"08:00-12:00\", \"11:00-14:00\"]\n");
    assert_eq!((line, field.as_str()), (8, "service[a].hours.tuesday"));
    assert!(msg.contains("overlapping"));
    let (line, field, _) = err("[[faq]]\nid = \"f\"\nservice = \"nope\"\nanswer = \"x\"\n");
    assert_eq!((line, field.as_str()), (10, "faq[f].service"));
    let (line, field, _) = err("[[service.exception]]\nfrom = \"2026-13-01\"\nhours = []\n");
    assert_eq!((line, field.as_str()), (9, "service[a].exception[0].from"));
    let (line, field, _) = err("[[collection]]\nkind = \"x\"\ndays = [\"lundy\"]\nstreets = [\"rue A\"]\n");
    assert_eq!((line, field.as_str()), (10, "collection[0].days"));
    let text = HEAD.replace("Europe/Paris", "Europe/Pariss");
    let e = Town::parse(&text, "t.toml").unwrap_err();
    assert_eq!((e.line(), e.field()), (Some(3), Some("town.timezone")));
    let text = HEAD.replace("operator = \"a\"", "operator = \"b\"");
    let e = Town::parse(&text, "t.toml").unwrap_err();
    assert_eq!((e.line(), e.field()), (Some(4), Some("town.operator")));
    let e = Town::parse(&format!("{HEAD}[[service]]\nid = \"a\"\nname = \"b\"\n"), "t.toml").unwrap_err();
    assert_eq!(e.field(), Some("service[1].id"));
}

#[test]
fn collection_rules_are_loaded_strictly() {
    let round = |extra: &str| format!("[[collection]]\nkind = \"x\"\ndays = [\"monday\"]\nstreets = [\"rue A\"]\n{extra}");
    let (line, field, msg) = err(&round("weeks = \"impair\"\n"));
    assert_eq!((line, field.as_str()), (12, "collection[0].weeks"));
    assert!(msg.contains("\"odd\" or \"even\""), "{msg}");
    let (line, field, msg) = err(&round("weeks = \"odd\"\nmonthly = [\"first\"]\n"));
    assert_eq!((line, field.as_str()), (13, "collection[0].monthly"));
    assert!(msg.contains("at most one"), "{msg}");
    let (line, field, msg) = err(&round("monthly = [\"first\", \"fifth\"]\n"));
    assert_eq!((line, field.as_str()), (12, "collection[0].monthly"));
    assert!(msg.contains("\"last\""), "{msg}");
    let (line, field, msg) = err(&round("on_holiday = \"moved\"\n"));
    assert_eq!((line, field.as_str()), (12, "collection[0].on_holiday"));
    assert!(msg.contains("\"next-day\""), "{msg}");
    let (line, field, msg) = err(&round("dates = [\"2026-12-07\", \"2026-12-08\"]\n"));
    assert_eq!((line, field.as_str()), (12, "collection[0].dates"));
    assert!(msg.contains("2026-12-08"), "{msg}");
    let (line, field, _) = err(&round("dates = [\"2026-12-32\"]\n"));
    assert_eq!((line, field.as_str()), (12, "collection[0].dates"));
    let (line, field, _) = err(&round("every = \"odd\"\n"));
    assert_eq!((line, field.as_str()), (12, "every"));
    let (line, field, _) = err("[[collection]]\nkind = \"x\"\nstreets = [\"rue A\"]\n");
    assert_eq!((line, field.as_str()), (9, "collection[0].days"));
    let (line, field, _) = err("[[collection]]\nkind = \"x\"\ndays = []\nstreets = [\"rue A\"]\n");
    assert_eq!((line, field.as_str()), (10, "collection[0].days"));
    // Fixed dates need no days; French spellings are accepted.
    for ok in [
        "[[collection]]\nkind = \"x\"\nstreets = [\"rue A\"]\ndates = [\"2026-12-08\"]\n".to_string(),
        round("weeks = \"impaires\"\non_holiday = \"cancelled\"\n"),
        round("monthly = [\"premier\", \"dernier\"]\non_holiday = \"next-day\"\n"),
    ] {
        Town::parse(&format!("{HEAD}{ok}"), "t.toml").unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
}

#[test]
fn collection_answers_say_the_rule_the_next_date_and_holiday_shifts() {
    let rounds = "[[collection]]\nkind = \"encombrants\"\ndays = [\"monday\"]\nmonthly = [\"first\"]\nstreets = [\"rue des Lilas\"]\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"friday\"]\non_holiday = \"next-day\"\nstreets = [\"rue des Lilas\"]\n\
                  [[collection]]\nkind = \"tri sélectif\"\ndays = [\"tuesday\"]\nweeks = \"odd\"\nstreets = [\"rue des Lilas\"]\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{rounds}"), "t.toml").unwrap());
    let mut c = Conversation::new(town.clone());
    let r = c.reply("quand passent les encombrants rue des lilas", at("2026-11-20T10:00:00+01:00"));
    assert_eq!(r.intent, Intent::Collection);
    assert_eq!(r.answer, "Rue des Lilas, collecte des encombrants : le premier lundi du mois. Prochain passage : le lundi 7 décembre.");
    let r = c.reply("et le tri sélectif rue des lilas", at("2026-11-20T10:00:00+01:00"));
    assert!(r.answer.contains("du tri sélectif : le mardi des semaines impaires. Prochain passage : le mardi 1er décembre."), "{}", r.answer);

    let mut c = Conversation::new(town.clone());
    let r = c.reply("les poubelles rue des lilas c'est quel jour", at("2026-12-21T10:00:00+01:00"));
    assert!(r.answer.contains("ordures ménagères : le vendredi"), "{}", r.answer);
    assert!(r.answer.contains("Le vendredi 25 décembre étant férié, la collecte est reportée au samedi 26 décembre."), "{}", r.answer);
    let r = c.reply("et la semaine prochaine ?", at("2026-12-21T10:00:00+01:00"));
    assert_eq!(r.intent, Intent::Collection);
    assert!(r.answer.starts_with("La semaine prochaine, rue des Lilas : collecte le mardi 29 décembre pour le tri sélectif"), "{}", r.answer);
    assert!(r.answer.contains("reportée au samedi 2 janvier"), "{}", r.answer);

    let r = Conversation::new(town).reply("les poubelles passent demain rue des lilas ?", at("2026-12-24T18:00:00+01:00"));
    assert!(r.answer.starts_with("Pas de collecte demain, le vendredi 25 décembre, rue des Lilas."), "{}", r.answer);
    assert!(r.answer.contains("reportée au samedi 26 décembre"), "{}", r.answer);
}

#[test]
fn rounds_are_named_in_everyday_words_and_a_town_wide_round_needs_no_street() {
    let rounds = "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"tuesday\"]\nstreets = [\"rue A\"]\nnote = \"Sortez le bac la veille au soir.\"\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"friday\"]\nstreets = [\"rue B\"]\nnote = \"Sortez le bac la veille au soir.\"\n\
                  [[collection]]\nkind = \"sacs jaunes\"\ndays = [\"thursday\"]\nstreets = [\"rue A\", \"rue B\"]\n\
                  [[collection]]\nkind = \"encombrants et ferraille\"\ndates = [\"2027-05-19\"]\nstreets = [\"rue A\", \"rue B\"]\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{rounds}"), "t.toml").unwrap());
    let now = at("2027-03-01T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // The bulky round serves every street: its date, without asking which street.
    let r = ask("les gros objets c'est quand");
    assert_eq!(r.intent, Intent::Collection);
    assert!(r.answer.starts_with("Dans toute la commune") && r.answer.contains("mercredi 19 mai"), "{}", r.answer);
    // "le tri" is the yellow bags, which pass everywhere on Thursdays.
    assert!(ask("le tri il passe quel jour").answer.contains("le jeudi"), "{}", ask("le tri il passe quel jour").answer);
    // The household round differs by street: ask which, and say nothing else.
    let r = ask("la poubelle grise c'est quel jour");
    assert!(r.asks_back && r.answer.starts_with("Pour quelle rue"), "{}", r.answer);
    // Bins without a colour beside the yellow bags are the household ones; putting them out is answered.
    let r = ask("rue a les poubelles et les sacs jaunes on les sort quand");
    assert!(r.answer.contains("le mardi") && r.answer.contains("le jeudi"), "{}", r.answer);
    assert!(r.answer.ends_with("Sortez le bac la veille au soir."), "{}", r.answer);
    // Papers are documents unless the words speak of waste.
    assert_ne!(ask("il faut quels papiers pour le passeport").intent, Intent::Collection);

    // A note that names the part of the commune a round serves answers "dans le bourg".
    let areas = "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"thursday\"]\nstreets = [\"rue A\"]\nnote = \"Le bourg. Sortez le bac la veille.\"\n\
                 [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"tuesday\"]\nstreets = [\"La Borie\"]\nnote = \"Les hameaux.\"\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{areas}"), "t.toml").unwrap());
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("les ordures au village c'est quel jour");
    assert!(r.answer.starts_with("Dans le bourg, collecte des ordures ménagères : le jeudi."), "{}", r.answer);
    assert!(ask("la poubelle dans les hameaux elle passe quand").answer.contains("le mardi"));
    assert!(ask("la poubelle passe quand").asks_back);
}

#[test]
fn a_round_serving_all_but_a_few_streets_needs_no_street_and_one_missed_is_followed() {
    let rounds = "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"tuesday\"]\nstreets = [\"rue des Lilas\"]\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"friday\"]\nstreets = [\"rue du Moulin\", \"chemin des Prés\", \"galerie des Marmottes\"]\n\
                  [[collection]]\nkind = \"encombrants\"\ndates = [\"2027-05-19\", \"2027-10-13\"]\nstreets = [\"rue des Lilas\", \"rue du Moulin\", \"chemin des Prés\"]\n\
                  [[collection]]\nkind = \"sapins de Noël\"\ndates = [\"2027-01-07\", \"2027-01-21\"]\nstreets = [\"rue du Moulin\", \"galerie des Marmottes\"]\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{rounds}"), "t.toml").unwrap());
    let ask = |q: &str, now: &str| Conversation::new(town.clone()).reply(q, at(now));
    // One round for the bulky items, every street but one: its date, naming the street left out.
    let r = ask("les encombrants c'est quand", "2027-03-01T10:00:00+01:00");
    assert_eq!(r.intent, Intent::Collection);
    assert!(r.answer.starts_with("Dans toute la commune (sauf galerie des Marmottes)") && r.answer.contains("mercredi 19 mai"), "{}", r.answer);
    // Missed in May, asked in June: the one after May, not "none" after next May.
    let r = ask("j'ai loupé les encombrants en mai c'est quand la prochaine fois", "2027-06-25T10:00:00+02:00");
    assert!(r.answer.contains("mercredi 13 octobre"), "{}", r.answer);
    // A round of two streets: named, without asking which; "mon sapin de Noël" is the round's
    // name, not a date.
    let r = ask("mon sapin de noël il est encore dans le salon y a un autre passage", "2027-01-15T09:00:00+01:00");
    assert!(r.answer.starts_with("Rue du Moulin et galerie des Marmottes, collecte des sapins de Noël : le jeudi 21 janvier"), "{}", r.answer);
    // The household rounds differ by street: which one?
    assert!(ask("les ordures c'est quel jour", "2027-03-01T10:00:00+01:00").asks_back);
}

#[test]
fn a_part_of_the_commune_its_notes_name_and_places_heard_loosely_are_answered() {
    let rounds = "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"tuesday\"]\nstreets = [\"rue des Lilas\", \"rue Jean-Le Gall\"]\nnote = \"La bastide. Bacs la veille.\"\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"monday\"]\nweeks = \"even\"\nstreets = [\"lieu-dit Peyrelongue\", \"hameau de Trévennec\"]\nnote = \"La campagne. En alternance avec les sacs jaunes.\"\n\
                  [[collection]]\nkind = \"sacs jaunes\"\ndays = [\"monday\"]\nweeks = \"odd\"\nstreets = [\"lieu-dit Peyrelongue\", \"hameau de Trévennec\"]\n\
                  [[collection]]\nkind = \"sacs jaunes\"\ndays = [\"friday\"]\nstreets = [\"rue des Lilas\", \"rue Jean-Le Gall\"]\nnote = \"Les semaines paires.\"\n\
                  [[collection]]\nkind = \"verre\"\ndays = [\"thursday\"]\nmonthly = [\"last\"]\nstreets = [\"rue des Lilas\", \"rue Jean-Le Gall\"]\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{rounds}"), "t.toml").unwrap());
    // Wednesday 9 June 2027 (ISO week 23, odd).
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-06-09T11:45:00+02:00")).answer;
    // The part of the commune in the note's own words; "Les semaines paires." names no part.
    let r = ask("les ordures dans la bastide c'est quel jour");
    assert!(r.starts_with("Dans la bastide, collecte des ordures ménagères : le mardi") && r.contains("mardi 15 juin"), "{r}");
    assert!(ask("les ordures à la campagne c'est quand").contains("lundi 14 juin"));
    // A lieu-dit named without its kind, a hamlet heard as two words, a name that looks like an abbreviation.
    assert!(ask("à peyrelongue les sacs jaunes c'est quand").starts_with("Lieu-dit Peyrelongue, collecte des sacs jaunes"));
    assert!(ask("les ordures à tré venec c'est quand").starts_with("Hameau de Trévennec"));
    assert!(ask("rue jean le gal le verre c'est quand").contains("jeudi 24 juin"));
    // Bare bins are the household ones.
    let r = ask("c'est pour les poubelles j'habite rue des lilas c'est quel jour");
    assert!(r.contains("ordures ménagères") && !r.contains("sacs jaunes") && !r.contains("verre"), "{r}");
    // "Les bouteilles" are the glass.
    assert!(ask("ma caissette de bouteilles rue des lilas ils la prennent quand").contains("jeudi 24 juin"));
    // "Ils sont passés ce matin": the round that passed, next time; no waste word is needed beside a street.
    let tuesday = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-06-15T10:00:00+02:00")).answer;
    let r = tuesday("rue des lilas ils sont passés ce matin j'ai raté c'est quand le prochain");
    assert!(r.contains("mardi 22 juin") && !r.contains("vendredi 18 juin"), "{r}");
    let r = Conversation::new(town.clone()).reply("rue des lilas ils sont passés hier j'ai loupé", at("2027-06-16T10:00:00+02:00")).answer;
    assert!(r.contains("mardi 22 juin") && !r.contains("vendredi 18 juin"), "{r}");
}

#[test]
fn a_part_of_the_commune_named_by_its_own_names_or_its_main_street_is_answered() {
    let rounds = "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"monday\"]\nstreets = [\"carrughju maiò\", \"rue du Four\"]\nnote = \"Le village. Bacs la veille.\"\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"wednesday\"]\nstreets = [\"route de la Crique\", \"rue des Pêcheurs\"]\nnote = \"Crique-Macaya et Pointe-Coco. Bac gris la veille.\"\n\
                  [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"friday\"]\nstreets = [\"chemin des Awaras\"]\nnote = \"Emballages et cartons. Le matin.\"\n";
    let town = Arc::new(Town::parse(&format!("{HEAD}{rounds}"), "t.toml").unwrap());
    // Tuesday 8 June 2027.
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-06-08T10:00:00+02:00")).answer;
    // A note that names its places by their own names ("Crique-Macaya et Pointe-Coco.").
    let r = ask("les ordures dans le quartier de pointe coco c'est quand");
    assert!(r.contains("mercredi"), "{r}");
    // A street of the village the town file does not list, the village named.
    let r = ask("euh la rue principale du village les ordures c'est quel jour");
    assert!(r.contains("lundi"), "{r}");
    // A name with a Corsican accent said without it.
    let r = ask("les poubelles dans le carrughju maio ils passent quand");
    assert!(r.starts_with("Carrughju maiò"), "{r}");
    // A first sentence that is no place: "Emballages et cartons" names nothing.
    let r = ask("les ordures pour les emballages et cartons c'est quand");
    assert!(!r.contains("vendredi"), "{r}");
}

#[test]
fn hours_an_entry_writes_in_words_answer_for_the_thing_it_is_about_not_the_town_hall() {
    let town = essai(
        r#"
[[service]]
id = "mairie"
name = "l'hôtel de ville"
aliases = ["la mairie", "l'accueil de la mairie"]
hours.monday = ["07:30-12:30"]
hours.saturday = ["08:00-12:00"]
[[service]]
id = "famille"
name = "le guichet unique famille"
aliases = ["la garderie", "le périscolaire"]
hours.monday = ["07:30-12:30"]
[[faq]]
id = "periscolaire"
service = "famille"
questions = ["À quelle heure ouvre la garderie ?", "Quels sont les horaires de l'accueil périscolaire ?"]
answer = "L'accueil périscolaire ouvre à 6 heures 45 le matin et ferme à 17 heures 30 le soir."
[[faq]]
id = "accueil-etranger"
questions = ["Comment faire une attestation d'accueil pour un parent étranger ?"]
answer = "L'attestation d'accueil se demande à la mairie avec un justificatif de domicile. Elle coûte 30 euros."
[[faq]]
id = "cantine"
service = "famille"
questions = ["Combien coûte la cantine ?"]
answer = "Le repas coûte 2 euros 50."
"#,
    );
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-03-01T09:00:00-03:00"));
    // The entry tells its times in words ("6 heures 45"): it answers for the garderie.
    let r = ask("la garderie du matin elle ouvre quand");
    assert_eq!(r.faq.as_deref(), Some("periscolaire"), "{}", r.answer);
    // "l'accueil de la mairie" is the town hall itself, not the "accueil périscolaire".
    let r = ask("l'accueil de la mairie il est fermé à dix heures et demie c'est normal");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
}

#[test]
fn a_death_on_a_weekend_gets_the_entry_that_says_whom_to_call_then() {
    let town = essai(
        r#"
[[service]]
id = "mairie"
name = "la mairie"
hours.monday = ["08:00-12:00"]
hours.saturday = ["09:30-11:00"]
[[faq]]
id = "deces"
service = "mairie"
questions = ["Comment déclarer un décès ?"]
keywords = ["décès", "obsèques"]
answer = "Un décès se déclare dans les 24 heures à la mairie. Il faut le certificat du médecin. Les pompes funèbres font souvent la démarche. Le week-end, le maire répond au 06 12 48 70 00."
[[faq]]
id = "salle"
service = "mairie"
questions = ["Combien coûte la salle des fêtes ?"]
answer = "La salle coûte 200 euros le week-end."
"#,
    );
    for (q, now) in [
        ("c'est dimanche et on a un décès y a quelqu'un à la mairie", "2027-02-14T10:00:00+01:00"),
        ("ma mère vient de mourir et on est samedi y a quelqu'un à la mairie", "2027-02-13T10:00:00+01:00"),
    ] {
        let r = Conversation::new(town.clone()).reply(q, at(now));
        assert_eq!(r.faq.as_deref(), Some("deces"), "{q}: {}", r.answer);
        assert!(r.answer.contains("06 12 48 70 00"), "{q}: {}", r.answer);
    }
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn follow_up_uses_the_last_service() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("la piscine est ouverte mardi ?", now);
    assert_eq!(r.service.as_deref(), Some("piscine"));
    let r = c.reply("et le samedi ?", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("piscine")));
    assert!(r.answer.contains("samedi 11 juillet") && r.answer.contains("10 h"), "{}", r.answer);
    // A visit on a day leans on the last service too.
    let r = c.reply("et le jeudi 9 juillet je pourrai y aller", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("piscine")), "{}", r.answer);
    assert!(r.answer.contains("jeudi 9 juillet"), "{}", r.answer);
    c.reply("et le samedi ?", now);
    let r = c.reply("répétez s'il vous plaît", now);
    assert_eq!(r.intent, Intent::Repeat);
    assert!(r.answer.contains("samedi 11 juillet"));
    let r = c.reply("moins vite", now);
    assert_eq!(r.action, Some(Action::SlowDown));
}

#[test]
fn a_follow_up_the_words_alone_leave_unsure_is_read_with_the_question_before() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("je voudrais louer la salle des fetes", now);
    assert_eq!(r.faq.as_deref(), Some("location-salle"));
    let r = c.reply("et pour quelqu'un qui habite pas la commune c'est plus cher", now);
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("location-salle")), "{}", r.answer);
    // Not a follow-up: a question of its own.
    let mut c = Conversation::new(Arc::new(Town::sample()));
    c.reply("je voudrais louer la salle des fetes", now);
    let r = c.reply("la piscine est ouverte samedi", now);
    assert_eq!(r.service.as_deref(), Some("piscine"));
}

#[test]
fn an_annex_named_by_its_place_alone_or_misheard_is_that_annex() {
    let town = essai(
        r#"
[[service]]
id = "mairie"
name = "l'accueil de la mairie"
aliases = ["la mairie"]
hours.monday = ["08:30-12:00"]
hours.tuesday = ["08:30-12:00"]
[[service]]
id = "annexe-trevennec"
name = "la mairie annexe de Trévennec"
aliases = ["la petite mairie de Trévennec"]
hours.tuesday = ["09:00-11:00"]
[[service]]
id = "annexe-eloi"
name = "la mairie annexe de la cité Saint-Éloi"
aliases = ["la mairie de Saint-Éloi"]
hours.thursday = ["09:00-12:00"]
[[service]]
id = "spanc"
name = "le SPANC de la communauté de communes"
hours.friday = ["09:00-12:00"]
[[service]]
id = "car"
name = "le transport scolaire"
aliases = ["le car scolaire"]
hours.monday = ["14:00-17:00"]
"#,
    );
    let now = at("2027-03-02T10:00:00+01:00");
    let service = |q: &str| Conversation::new(town.clone()).reply(q, now).service;
    // A word of the name left out ("annexe"), the place's name split or in the feminine.
    assert_eq!(service("la mairie de trévennec est ouverte ce matin").as_deref(), Some("annexe-trevennec"));
    assert_eq!(service("la petite mairie de tré venec elle ouvre quand").as_deref(), Some("annexe-trevennec"));
    assert_eq!(service("la mairie de sainte eloi elle ouvre quand").as_deref(), Some("annexe-eloi"));
    assert_eq!(service("la mairie est ouverte ce matin").as_deref(), Some("mairie"));
    // Never without its head noun: "la communauté de communes" alone is not the SPANC.
    assert_eq!(service("le car scolaire à la communauté de communes il ferme à quelle heure").as_deref(), Some("car"));
}

#[test]
fn season_wishes_a_bad_line_and_a_call_back_are_understood() {
    let town = Arc::new(Town::sample());
    let now = at("2026-12-22T10:15:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    for q in [
        "ok merci bonnes fêtes à vous",
        "merci joyeux noël au revoir",
        "bon ben je vous remercie bonne soirée",
        "voilà c'est tout danke au revoir",
        "ok merci bien à la prochaine",
        "d'accord c'est noté merci adieu",
    ] {
        assert_eq!(ask(q).intent, Intent::Goodbye, "{q}");
    }
    let mut c = Conversation::new(town.clone());
    let first = c.reply("la piscine est ouverte samedi ?", now);
    let r = c.reply("hein j'ai pas bien compris ça coupe ici", now);
    assert_eq!((r.intent, r.answer.as_str()), (Intent::Repeat, first.answer.as_str()));
    assert_eq!(ask("je peux laisser mes coordonnées pour qu'on me recontacte").intent, Intent::Message);
    assert_eq!(ask("j'arrive pas à m'expliquer avec la machine un agent s'il vous plaît").intent, Intent::Operator);
    // The same requests as the recogniser hears them on a bad line.
    for (q, intent) in [
        ("Pilentement si vous pliez.", Intent::Slower),
        ("Vous pouvez parler moi vite, si vous perez.", Intent::Slower),
        ("Pardonne.", Intent::Repeat),
        ("Passé, moi calculé un de la Mairie.", Intent::Operator),
    ] {
        assert_eq!(ask(q).intent, intent, "{q}");
    }
    // Something slow is no request to speak slower.
    assert_ne!(ask("pourquoi internet est si lent chez nous").intent, Intent::Slower);
    // Someone sent, not someone to talk to.
    assert_ne!(ask("des guêpes ont fait leur nid sous le toit vous envoyez quelqu'un").intent, Intent::Operator);
    // The caller who will call back wants the number, not to leave a message.
    let r = ask("je voudrais le téléphone de la mairie pour les rappeler plus tard");
    assert_ne!(r.intent, Intent::Message, "{}", r.answer);
}

#[test]
fn thanks_farewells_messages_and_requests_for_a_person_in_callers_words_are_understood() {
    let town = Arc::new(Town::sample());
    let now = at("2026-12-22T10:15:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    for (q, intent) in [
        // Thanks with an acknowledgement close the call; so do farewells of France's regions.
        ("d'accord merci monsieur", Intent::Goodbye),
        ("bon c'est noté je vous remercie", Intent::Goodbye),
        ("adiu merci bien", Intent::Goodbye),
        ("kenavo et merci", Intent::Goodbye),
        // Slower, again.
        ("moins rapide s'il vous plaît je note", Intent::Slower),
        ("vous pouvez ralentir un peu", Intent::Slower),
        ("ça a grésillé vous pouvez recommencer", Intent::Repeat),
        ("j'ai pas saisi le jour", Intent::Repeat),
        ("une nouvelle fois s'il vous plaît je n'ai pas tout saisi", Intent::Repeat),
        ("très bien merci de votre aide bonne fin de journée", Intent::Goodbye),
        ("est-ce que je peux avoir l'accueil en direct", Intent::Operator),
        // A person asked for.
        ("un être humain s'il vous plaît", Intent::Operator),
        ("le standard de la mairie s'il vous plaît", Intent::Operator),
        ("mettez-moi en communication avec l'accueil", Intent::Operator),
        ("votre machine me comprend pas je veux une dame de l'accueil", Intent::Operator),
        // Something to tell someone.
        ("dites à madame Roux que je passerai jeudi", Intent::Message),
        ("vous pouvez prévenir monsieur le maire qu'un arbre est tombé chemin des Vignes", Intent::Message),
        ("prenez mon numéro pour que la secrétaire me rappelle", Intent::Message),
    ] {
        assert_eq!(ask(q).intent, intent, "{q}");
    }
    // A bare "merci" leaves room for another question; "vous recommencez quand ?" asks a date.
    assert_eq!(ask("merci").intent, Intent::Smalltalk);
    assert_ne!(ask("la piscine vous recommencez quand après les vacances").intent, Intent::Repeat);
    // Not a message: what a sign means, a number to warn someone, hearsay.
    for q in [
        "le drapeau jaune ça veut dire qu'on peut pas se baigner",
        "le numéro de la crèche pour prévenir que ma fille est malade",
        "j'ai entendu dire que la mairie fait le pont vendredi",
    ] {
        assert_ne!(ask(q).intent, Intent::Message, "{q}");
    }
    // Not a person: a washing machine, someone's number.
    assert_ne!(ask("je voudrais jeter une machine à laver qui marche plus comment faire").intent, Intent::Operator);
    assert_ne!(ask("vous pouvez me donner le numéro de la secrétaire de mairie").intent, Intent::Operator);
}

#[test]
fn a_new_question_after_a_collection_answer_is_not_about_a_street_it_names() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("quand passent les poubelles rue des Lilas ?", now);
    assert_eq!(r.intent, Intent::Collection);
    let r = c.reply("et place de la Mairie ?", now);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    // "la mairie" is also the name of the place de la Mairie: the question asks where the town hall is.
    let r = c.reply("Où se trouve la mairie ?", now);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("2 place de la Mairie"), "{}", r.answer);
}

#[test]
fn a_service_named_like_a_street_is_not_a_collection_question() {
    let body = "address = \"1 place de l'Église\"\n\
                [[service]]\nid = \"annexe\"\nname = \"la mairie annexe de Saint-Roch\"\naddress = \"3 rue Saint-Roch\"\nhours.monday = [\"09:00-12:00\"]\n\
                [[collection]]\nkind = \"emballages et papiers\"\ndays = [\"tuesday\"]\nstreets = [\"rue Saint-Roch\"]\n";
    let town = plain(body);
    let now = at("2026-11-23T10:00:00+01:00");
    // "papiers" is also a round's name: without "rue", the words ask about the annexe.
    let r = Conversation::new(town.clone()).reply("qu'est ce qu'on peut faire comme papiers à la mairie annexe de saint roch", now);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    let r = Conversation::new(town.clone()).reply("les papiers rue saint roch c'est quel jour", now);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("mardi"), "{}", r.answer);
    // The service's name in another order, or "St" for "Saint".
    for q in ["saint roch la mairie annexe c'est ouvert lundi", "la mairie annexe de st roch elle ouvre lundi"] {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("annexe")), "{q}: {}", r.answer);
    }
}

#[test]
fn a_street_said_with_an_hours_question_picks_the_place_there() {
    let body = "address = \"4 place des Graviers, 97500 T\"\nhours.monday = [\"08:00-12:00\", \"13:30-17:00\"]\n\
                [[service]]\nid = \"annexe\"\nname = \"la mairie annexe\"\naliases = [\"la petite mairie\"]\naddress = \"2 quai Paul-Riquet, 97500 T\"\nhours.monday = [\"14:00-17:00\"]\n\
                [[service]]\nid = \"police\"\nname = \"la police municipale\"\naddress = \"1 boulevard Carnot, 97500 T\"\nhours.monday = [\"08:00-18:00\"]\n";
    let town = plain(body);
    let now = at("2026-11-23T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // Of the places of a kind, the one at the street named; naming none, the one where the caller stands.
    for (q, id) in
        [("la petite mairie quai paul riquet elle est ouverte cet après-midi", "annexe"), ("je suis devant la porte place des graviers ça rouvre quand", "a")]
    {
        let r = ask(q);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some(id)), "{q}: {}", r.answer);
    }
    // A street that places another subject says nothing of the town's places there.
    for q in ["la poste du boulevard carnot est ouverte cet après-midi", "le bus pour l'hôpital il passe à quelle heure place des graviers"] {
        let r = ask(q);
        assert!(!(r.intent == Intent::Hours && r.service.is_some()), "{q}: {:?} {}", r.service, r.answer);
    }
}

#[test]
fn l_accueil_alone_is_the_front_desk_in_a_town_whose_names_never_say_it() {
    let text = "[town]\nname = \"T\"\ntimezone = \"Europe/Paris\"\noperator = \"m\"\n\
                [[service]]\nid = \"m\"\nname = \"la mairie\"\nphone = \"01 02 03 04 05\"\nhours.monday = [\"09:00-12:00\"]\n\
                [[service]]\nid = \"p\"\nname = \"la piscine\"\nphone = \"01 99 99 99 99\"\nhours.monday = [\"10:00-18:00\"]\n";
    let town = Arc::new(Town::parse(text, "t.toml").unwrap());
    let now = at("2026-11-23T10:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("vous pouvez me donner le téléphone de l'accueil", now);
    assert!(r.service.as_deref() == Some("m") && r.answer.contains("01 02 03 04 05"), "{:?} {}", r.service, r.answer);
    // Another desk by its own name is not the mairie's.
    let r = Conversation::new(town).reply("le téléphone de l'accueil de loisirs", now);
    assert!(!r.answer.contains("01 02 03 04 05"), "{}", r.answer);
}

#[test]
fn an_article_glued_to_a_site_s_name_still_names_it() {
    let svc = |id: &str, name: &str, hours: &str| format!("[[service]]\nid = \"{id}\"\nname = \"{name}\"\nhours.saturday = [\"{hours}\"]\n");
    let body = format!(
        "{}{}aliases = [\"mairie de l'Écluse\"]\n",
        svc("hdv", "la mairie", "09:00-12:00"),
        svc("ecluse", "la mairie de quartier de l'Écluse", "10:00-11:00")
    );
    let town = plain(&body);
    let now = at("2026-11-23T10:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("la mairie de lecluse elle ouvre samedi", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("ecluse")), "{}", r.answer);
    let r = Conversation::new(town).reply("la mairie elle ouvre samedi", now);
    assert_eq!(r.service.as_deref(), Some("hdv"), "{}", r.answer);
}

#[test]
fn a_follow_up_naming_another_site_asks_the_same_of_it() {
    let svc = |id: &str, name: &str, hours: &str| {
        format!("[[service]]\nid = \"{id}\"\nname = \"{name}\"\naddress = \"1 rue Haute\"\nhours.saturday = [\"{hours}\"]\n")
    };
    let body = format!(
        "address = \"1 place de l'Église\"\n{}{}{}{}[[faq]]\nid = \"annexes\"\nquestions = [\"Que font les mairies annexes ?\"]\n\
         answer = \"Les mairies annexes du Moulin et des Vergers délivrent les actes d'état civil.\"\n",
        svc("annexe-moulin", "la mairie annexe du Moulin", "09:00-11:00"),
        svc("annexe-vergers", "la mairie annexe des Vergers", "10:00-12:00"),
        // An alias that shares the annexes' kind ("annexe de la médiathèque") does not make it one.
        svc("biblio-vergers", "la bibliothèque des Vergers", "14:00-17:00") + "aliases = [\"annexe de la médiathèque\"]\n",
        svc("piscine-vergers", "la piscine des Vergers", "15:00-19:00"),
    );
    let town = plain(&body);
    let now = at("2026-11-23T10:00:00+01:00");
    let mut c = Conversation::new(town.clone());
    let r = c.reply("la mairie annexe du moulin elle ouvre samedi", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("annexe-moulin")), "{}", r.answer);
    // The other annex, not the library or the pool of its quarter, nor what annexes do.
    let r = c.reply("et celle des vergers", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("annexe-vergers")), "{}", r.answer);
    assert!(r.answer.contains("10 h"), "{}", r.answer);
    // The same question on another day of the same service.
    let r = c.reply("la bibliothèque des vergers elle ouvre samedi", now);
    assert_eq!(r.service.as_deref(), Some("biblio-vergers"), "{}", r.answer);
    let r = c.reply("et dimanche c'est pareil", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("biblio-vergers")), "{}", r.answer);
}

#[test]
fn glass_taken_to_bottle_banks_is_not_a_question_for_a_street() {
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"verre\"\nquestions = [\"Où jeter le verre ?\"]\nanswer = \"Le verre se dépose dans les colonnes à verre, place du Marché.\"\n\
                [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"monday\"]\nstreets = [\"rue Haute\", \"rue Basse\"]\n\
                [[collection]]\nkind = \"collecte sélective\"\ndays = [\"thursday\"]\nstreets = [\"rue Haute\", \"rue Basse\"]\n";
    let town = plain(body);
    let now = at("2026-11-23T10:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("quand est-ce qu'il passe le camion pour les bouteilles en verre", now);
    assert!(r.answer.contains("colonnes") || r.answer.contains("Où jeter le verre"), "{}", r.answer);
    // Rounds the town has still ask which street (or name the day, every street being served alike).
    let r = Conversation::new(town.clone()).reply("quand est-ce qu'il passe le camion pour le bac jaune", now);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("jeudi"), "{}", r.answer);
}

#[test]
fn the_sentence_kept_from_a_long_answer_gives_what_was_asked() {
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"marches\"\nquestions = [\"Où sont les marchés ?\"]\n\
                answer = \"Il y a deux marchés en ville. Le mardi matin place Haute, et le vendredi matin sous la halle. \
                Le marché de Noël a lieu du samedi 12 au dimanche 20 décembre. Les commerçants s'inscrivent en mairie. \
                Les producteurs locaux y vendent des fruits, des légumes, du fromage et du miel, et les artisans y sont les bienvenus. \
                Les places des forains se réservent auprès du placier, le lundi matin, au bureau du marché sous la halle couverte.\"\n";
    let town = plain(body);
    let now = at("2026-11-23T10:00:00+01:00");
    // The topic's own word ("marché"), said already, does not make the Christmas market the answer.
    let r = Conversation::new(town.clone()).reply("c'est quel jour le marché", now);
    assert_eq!(r.faq.as_deref(), Some("marches"), "{}", r.answer);
    let (weekly, noel) = (r.answer.find("mardi"), r.answer.find("Noël"));
    assert!(weekly.is_some() && noel.is_none_or(|n| Some(n) > weekly), "{}", r.answer);
    // "Combien de livres ?" asks a quantity: the sentence with a number, not the one that is free.
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"biblio\"\nquestions = [\"Comment s'inscrire à la bibliothèque ?\"]\nkeywords = [\"livres\", \"bibliothèque\"]\n\
                answer = \"La bibliothèque est tenue par des bénévoles. L'inscription est gratuite. On peut emprunter 5 livres pour 3 semaines. \
                Les livres changent deux fois par an.\"\n";
    let town = plain(body);
    let r = Conversation::new(town).reply("on peut prendre combien de livres à la fois à la bibliothèque", now);
    assert!(r.answer.contains("5 livres"), "{}", r.answer);
    // A price, a fine or a person asked: that sentence, even when another repeats more of the words;
    // a number said in words ("dix") is a word of the question.
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"chiens\"\nquestions = [\"Que faire d'un chien errant ?\"]\nkeywords = [\"chien\", \"chenil\"]\n\
                answer = \"Les chiens sont tenus en laisse dans le bourg. Un chien errant est conduit au chenil municipal. \
                Signalez-le en mairie. Le propriétaire paie 40 euros pour le récupérer ou une amende de 35 euros. Le référent est Monsieur Bastide.\"\n\
                [[faq]]\nid = \"piscine\"\nquestions = [\"Combien coûte la piscine ?\"]\nkeywords = [\"piscine\", \"bains\"]\n\
                answer = \"Entrée adulte : 3,50 euros. Enfant : 2 euros. Étudiant : 2,50 euros. La carte de 10 entrées coûte 30 euros.\"\n";
    let town = plain(body);
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now).answer;
    assert!(ask("ça coûte combien de reprendre son chien au chenil municipal").contains("40 euros"), "{}", ask("ça coûte combien au chenil"));
    assert!(ask("il risque quoi le propriétaire d'un chien errant").contains("amende"), "{}", ask("il risque quoi le propriétaire"));
    assert!(ask("c'est qui le responsable pour les chiens errants").contains("Bastide"), "{}", ask("c'est qui le responsable des chiens"));
    assert!(ask("la piscine pour dix bains ça coûte combien").contains("30 euros"), "{}", ask("la piscine pour dix bains ça coûte combien"));
    // "c'est trop tard ?" asks for the deadline.
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"aines\"\nquestions = [\"Le repas des aînés\"]\nkeywords = [\"repas des aînés\"]\n\
                answer = \"Le repas des aînés a lieu le dimanche 10 janvier à la salle des fêtes, avec un orchestre pour tout l'après-midi. \
                Il est offert aux habitants inscrits de 70 ans et plus de la commune. \
                Inscrivez-vous à l'accueil de la mairie avant le 15 décembre, avec une pièce d'identité.\"\n";
    let town = plain(body);
    let r = Conversation::new(town).reply("je suis pas encore inscrit pour le repas des aînés c'est trop tard", now);
    assert!(r.answer.contains("15 décembre"), "{}", r.answer);
}

#[test]
fn asked_about_later_today_or_tomorrow_while_shut_the_answer_says_it_is_shut_now() {
    let town = Arc::new(Town::sample());
    // Monday 12:30, état civil shut over lunch: at 14 h it is open, but not now.
    let r = Conversation::new(town.clone()).reply("l'état civil c'est ouvert à 14 h ?", at("2026-07-06T12:30:00+02:00"));
    assert!(r.answer.starts_with("Le service état civil est fermé en ce moment."), "{}", r.answer);
    assert!(r.answer.contains("13 h 30") && !r.answer.contains("Oui"), "{}", r.answer);
    // Sunday: closed today, open tomorrow.
    let r = Conversation::new(town.clone()).reply("l'état civil il ouvre à quelle heure demain", at("2026-07-05T10:00:00+02:00"));
    assert!(r.answer.starts_with("Le service état civil est fermé en ce moment."), "{}", r.answer);
    assert!(r.answer.contains("8 h 30"), "{}", r.answer);
    // Open now: nothing is added; shut at the asked time: said once.
    let r = Conversation::new(town.clone()).reply("l'état civil il ouvre à quelle heure demain", at("2026-07-06T10:00:00+02:00"));
    assert!(!r.answer.contains("en ce moment"), "{}", r.answer);
    let r = Conversation::new(town).reply("l'état civil c'est ouvert à 13 h ?", at("2026-07-06T12:30:00+02:00"));
    assert_eq!(r.answer.matches("fermé").count(), 1, "{}", r.answer);
}

#[test]
fn a_month_or_the_holidays_asked_get_the_closures_then_or_the_usual_week() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"la mairie\"\naliases = [\"mairie\"]\n\
                hours.tuesday = [\"09:00-12:00\"]\nhours.friday = [\"09:00-12:00\"]\nhours.saturday = [\"09:00-12:00\"]\n\
                [[service.exception]]\nfrom = \"2026-08-03\"\nto = \"2026-08-21\"\nhours = []\nreason = \"congés d'été\"\n";
    let town = plain(body);
    let now = at("2026-07-08T10:00:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now).answer;
    let r = ask("c'est vrai que la mairie est fermée en août");
    assert!(r.contains("fermée du lundi 3 août au vendredi 21 août (congés d'été)") && r.contains("Réouverture le samedi 22 août à 9 h"), "{r}");
    let r = ask("la mairie est ouverte en septembre");
    assert!(r.starts_with("En septembre, la mairie est ouverte aux horaires habituels"), "{r}");
    // The public holidays of the span are said (Christmas and New Year's Day fall on Fridays here).
    let r = ask("la mairie est fermée pendant les fêtes");
    assert!(r.contains("fermée le vendredi 25 décembre et le vendredi 1er janvier 2027, jours fériés"), "{r}");
}

#[test]
fn going_to_see_the_secretary_is_a_question_of_hours_asking_for_her_is_a_transfer() {
    let town = Arc::new(Town::sample());
    let now = at("2026-07-06T10:00:00+02:00");
    let r = Conversation::new(town.clone()).reply("je voulais passer voir quelqu'un à la mairie ce matin c'est possible", now);
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    let r = Conversation::new(town.clone()).reply("je voudrais parler à la secrétaire", now);
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
    // Someone asked for, and the opening asked outright: the hours; a transfer asked outright stays one.
    let r = Conversation::new(town.clone()).reply("je voudrais parler à quelqu'un de la mairie, c'est ouvert quand ?", now);
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    let r = Conversation::new(town).reply("passez-moi la mairie, elle est ouverte ?", now);
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
}

#[test]
fn the_hours_of_a_thing_a_service_handles_come_from_its_entry() {
    let body = "[[service]]\nid = \"ecole\"\nname = \"l'école et la cantine\"\naliases = [\"école\", \"garderie\"]\n\
                hours.monday = [\"08:20-16:30\"]\nhours.tuesday = [\"08:20-16:30\"]\n\
                [[faq]]\nid = \"garderie\"\nservice = \"ecole\"\nquestions = [\"Quels sont les horaires de la garderie ?\"]\nkeywords = [\"garderie\"]\n\
                answer = \"La garderie coûte 2 euros. Elle ouvre de 7 h 30 à 8 h 20 et de 16 h 30 à 18 h.\"\n";
    let town = plain(body);
    let now = at("2026-12-01T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // The garderie's own hours, not the school office's.
    let r = ask("la garderie du soir elle finit à quelle heure");
    assert_eq!(r.faq.as_deref(), Some("garderie"), "{}", r.answer);
    assert!(r.answer.contains("18 h"), "{}", r.answer);
    // The school itself keeps its hours.
    assert_eq!(ask("l'école elle ouvre à quelle heure demain").intent, Intent::Hours);
    // "quand même" concedes; it asks no date.
    assert!(!ask("la garderie c'est payant quand même").answer.contains("Réouverture"));
    // An office named for what it handles ("le service des cimetières"): the cemetery's own gates.
    let body = "[[service]]\nid = \"cimetieres\"\nname = \"le service des cimetières\"\naliases = [\"cimetière\", \"concessions\"]\n\
                hours.monday = [\"09:00-12:00\"]\nhours.tuesday = [\"09:00-12:00\"]\n\
                [[faq]]\nid = \"portes\"\nservice = \"cimetieres\"\nquestions = [\"Quels sont les horaires des portes du cimetière ?\", \"Le cimetière est-il ouvert le dimanche ?\"]\n\
                answer = \"Le cimetière est ouvert tous les jours, de 8 h à 17 h 30.\"\n";
    let town = plain(body);
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    for q in ["le cimetière il ferme à quelle heure", "on peut aller au cimetière dimanche"] {
        assert_eq!(ask(q).faq.as_deref(), Some("portes"), "{q}: {}", ask(q).answer);
    }
    // The office itself keeps its hours.
    assert_eq!(ask("le bureau du cimetière ferme à quelle heure").intent, Intent::Hours);
}

#[test]
fn street_asked_then_given() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("c'est quel jour les poubelles ?", now);
    assert_eq!(r.intent, Intent::Collection);
    let r = c.reply("rue pasteur", now);
    assert_eq!(r.intent, Intent::Collection);
    assert!(r.answer.contains("mardi") && r.answer.contains("vendredi"), "{}", r.answer);
}

#[test]
fn unknown_offers_transfer_in_hours_and_message_after() {
    let town = Arc::new(Town::sample());
    let mut c = Conversation::new(town.clone());
    let day = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("qui a gagné le match de foot", day);
    assert_eq!(r.intent, Intent::Unknown);
    assert!(r.answer.contains("passe"), "{}", r.answer);
    let r = c.reply("oui", day);
    assert!(matches!(r.action, Some(Action::Transfer { ref service, .. }) if service == "accueil"), "{r:?}");

    let mut c = Conversation::new(town);
    let night = at("2026-07-08T23:00:00+02:00");
    let r = c.reply("quel temps fera-t-il demain", night);
    assert_eq!(r.intent, Intent::Unknown);
    assert!(r.answer.contains("message"), "{}", r.answer);
    let r = c.reply("oui d'accord", night);
    assert_eq!(r.action, Some(Action::TakeMessage));
    let r = c.reply("merci au revoir", night);
    assert_eq!(r.action, Some(Action::HangUp));
}

#[test]
fn faq_paraphrases_find_the_entry() {
    let town = Arc::new(Town::sample());
    let now = at("2026-07-08T10:15:00+02:00");
    for (q, id) in [
        ("bonjour euh ma carte d identite elle est perimee qu est ce que je fais", "carte-identite"),
        ("la quantine c'est combien", "cantine"),
        ("mon fils va avoir seize ans il doit se faire recenser ou", "recensement-citoyen"),
        ("je voudrais louer la salle des fetes pour les quatre vingt ans de ma mere", "location-salle"),
        ("le chien du voisin aboie toute la nuit c est insupportable", "bruit"),
    ] {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!(r.faq.as_deref(), Some(id), "{q} → {r:?}");
    }
}

#[test]
fn greeting_vocabulary_and_reload() {
    let town = Town::sample();
    let v = vocabulary(&town);
    assert!(v.contains("Roche-Aubière") && v.contains("piscine") && v.contains("rue des Lilas"), "{v}");
    assert!(v.len() <= 601);
    let g = Conversation::new(Arc::new(town)).greeting(at("2026-07-08T10:15:00+02:00"));
    assert!(g.answer.contains("Roche-Aubière") && g.answer.contains("assistant automatique"));

    let dir = tempfile::Builder::new().prefix("standardiste-reload-").tempdir().unwrap();
    let dir = dir.path();
    let path = dir.join("town.toml");
    std::fs::write(&path, HEAD).unwrap();
    let h = TownHandle::load(&path).unwrap();
    let before = h.current();
    assert_eq!(before.name, "T");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, HEAD.replace("name = \"T\"", "name = \"U\"")).unwrap();
    let f = std::fs::File::options().append(true).open(&path).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
    assert!(h.poll().unwrap());
    assert_eq!(h.current().name, "U");
    assert_eq!(before.name, "T", "a running conversation keeps its town");
    std::fs::write(&path, "garbage = ").unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(10)).unwrap();
    assert!(h.poll().is_err());
    assert_eq!(h.current().name, "U", "a bad file keeps the previous town");
}

#[test]
fn long_answers_stop_after_two_sentences_and_offer_the_rest() {
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"carte\"\nquestions = [\"Comment refaire ma carte d'identité ?\"]\n\
                answer = \"Les cartes d'identité se font sur rendez-vous au service état civil, le matin du lundi au vendredi. \
                Faites d'abord une pré-demande en ligne sur le site de l'ANTS, puis venez avec une photo d'identité récente et un justificatif de domicile. \
                Un enfant mineur vient avec l'un de ses parents, qui présente aussi sa propre pièce d'identité. \
                Le délai est d'environ trois semaines.\"\n\
                [[faq]]\nid = \"feux\"\nquestions = [\"Peut-on brûler ses déchets verts ?\"]\n\
                answer = \"Non, c'est interdit toute l'année. L'amende peut aller jusqu'à 750 euros. La commune prête un broyeur.\"\n";
    let town = plain(body);
    let mut c = Conversation::new(town.clone());
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("comment refaire ma carte d'identité", now);
    assert_eq!(r.faq.as_deref(), Some("carte"));
    assert!(r.answer.ends_with("Voulez-vous la suite ?"), "{}", r.answer);
    assert!(!r.answer.contains("trois semaines"));
    let r = c.reply("oui", now);
    assert!(r.answer.contains("trois semaines"), "{}", r.answer);
    assert_eq!(r.faq.as_deref(), Some("carte"));
    // A short answer is said whole, whatever its sentences: nothing is left to offer.
    let r = Conversation::new(town).reply("je peux brûler mes déchets verts", now);
    assert_eq!(r.faq.as_deref(), Some("feux"), "{}", r.answer);
    assert!(r.answer.contains("750 euros") && r.answer.ends_with("broyeur."), "{}", r.answer);
}

#[test]
fn a_long_answer_goes_on_while_its_first_part_stays_short() {
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"deces\"\nquestions = [\"Que faire après un décès ?\"]\n\
                answer = \"Un décès se déclare dans les 24 heures à la mairie du lieu du décès. \
                Le plus souvent, les pompes funèbres s'en chargent. \
                Il faut le certificat de décès et le livret de famille. \
                Pour une concession au cimetière communal, les tarifs, les durées de quinze, trente ou cinquante ans, \
                le columbarium et le jardin du souvenir, voyez le bureau des concessions à l'accueil de la mairie, \
                du lundi au vendredi le matin, avec le livret de famille et un justificatif de domicile.\"\n";
    let mut c = Conversation::new(plain(body));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = c.reply("mon père est décédé qu'est-ce qu'il faut faire", now);
    assert_eq!(r.faq.as_deref(), Some("deces"), "{}", r.answer);
    // Three short sentences fit in the first part; the long fourth is offered.
    assert!(r.answer.contains("pompes funèbres") && r.answer.contains("livret de famille."), "{}", r.answer);
    assert!(!r.answer.contains("columbarium") && r.answer.ends_with("Voulez-vous la suite ?"), "{}", r.answer);
    let r = c.reply("oui", now);
    assert!(r.answer.contains("columbarium"), "{}", r.answer);
}

#[test]
fn a_sentence_of_a_few_words_does_not_count_against_the_two() {
    let body = "address = \"1 place de l'Église\"\n\
                [[faq]]\nid = \"feux\"\nquestions = [\"Peut-on brûler ses déchets verts ?\"]\n\
                answer = \"Non. Le brûlage des déchets verts est interdit toute l'année, dans le bourg comme dans les hameaux. \
                L'amende peut aller jusqu'à 750 euros. Portez les branches à la déchetterie intercommunale, ouverte du lundi au samedi. \
                Les tontes de gazon peuvent aussi aller au compost, que la commune vend à petit prix aux habitants. \
                La commune prête aussi un broyeur aux habitants qui le réservent en mairie.\"\n";
    let town = plain(body);
    let now = at("2026-11-23T10:00:00+01:00");
    let r = Conversation::new(town).reply("je peux brûler mes déchets verts au fond du jardin", now);
    assert_eq!(r.faq.as_deref(), Some("feux"), "{}", r.answer);
    // "Non." goes with the sentence after it: two sentences of substance are said, then the offer.
    assert!(r.answer.starts_with("Non. Le brûlage") && r.answer.contains("750 euros"), "{}", r.answer);
    assert!(!r.answer.contains("broyeur") && r.answer.ends_with('?'), "{}", r.answer);
}

#[test]
fn a_visit_now_or_a_shut_door_is_a_question_of_hours() {
    let town = Arc::new(Town::sample());
    // Wednesday 8 July 2026 in the morning, then Thursday's lunch break.
    let ask = |q: &str, t: &str| Conversation::new(town.clone()).reply(q, at(t));
    for q in ["j'ai encore le temps de passer à la mairie", "je peux aller à la mairie tout de suite", "la mairie est joignable ce matin"] {
        let r = ask(q, "2026-07-08T10:15:00+02:00");
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("accueil")), "{q}: {}", r.answer);
        assert!(r.answer.contains("12 h"), "{q}: {}", r.answer);
    }
    // An errand on a day: the hours of that day, not the errand's FAQ entry.
    let r = ask("je voulais rendre mes livres à la médiathèque samedi c'est possible", "2026-07-08T10:15:00+02:00");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mediatheque")), "{}", r.answer);
    assert!(r.answer.contains("samedi 11 juillet") && r.answer.contains("10 h"), "{}", r.answer);
    // Someone of the service there on a day, or the whole day open: that day's hours.
    for (q, facts) in [
        ("quelqu'un de la police municipale il sera là samedi", ["samedi 11 juillet", "9 h à 12 h"]),
        ("la médiathèque elle fait la journée complète le samedi", ["samedi 11 juillet", "14 h à 17 h"]),
        // "vous faites le samedi ?": open on that day; "les permanences": the hours too.
        ("la police municipale vous faites le samedi ou pas", ["samedi 11 juillet", "9 h à 12 h"]),
        ("c'est quand les permanences de la police municipale", ["9 h", "12 h"]),
    ] {
        let r = ask(q, "2026-07-08T10:15:00+02:00");
        assert_eq!(r.intent, Intent::Hours, "{q}: {}", r.answer);
        assert!(facts.iter().all(|f| r.answer.contains(f)), "{q}: {}", r.answer);
    }
    for q in ["je suis devant la mairie y a personne", "c'est la pause de midi à la mairie ou quoi"] {
        let r = ask(q, "2026-07-09T12:30:00+02:00");
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("accueil")), "{q}: {}", r.answer);
        assert!(r.answer.contains("fermé") && r.answer.contains("13 h 30"), "{q}: {}", r.answer);
    }
}

#[test]
fn time_words_of_the_brief() {
    let town = Arc::new(Town::sample());
    // Wednesday 8 July 2026, 10:15.
    let now = at("2026-07-08T10:15:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now).answer;
    assert!(ask("la mairie est ouverte cet après-midi ?").contains("fermé"));
    assert!(ask("la piscine est ouverte à midi ?").starts_with("Non"));
    assert!(ask("la mairie est ouverte en ce moment ?").contains("jusqu'à 12 h"));
    assert!(ask("la piscine ce soir ?").contains("fermée"));
    assert!(ask("la mairie samedi prochain").contains("samedi 11 juillet"));
    assert!(ask("la mairie demain matin").contains("8 h 30"));
    assert!(ask("la mairie le 14 juillet").contains("fête nationale"));
}

#[test]
fn a_situation_told_in_everyday_words_is_answered_at_once() {
    // No word of the entry ("registre canicule") is said: the meaning adapter brings the caller's
    // words near the entry's phrasings (without it, this was only proposed for confirmation).
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-09T15:00:00+02:00");
    let r = c.reply("il fait une chaleur terrible et je suis toute seule chez moi quelqu'un peut passer me voir", now);
    assert_eq!(r.faq.as_deref(), Some("canicule"), "{}", r.answer);
    assert!(r.answer.contains("registre canicule"), "{}", r.answer);
}

#[test]
fn unsure_proposes_the_closest_topic_without_its_facts() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let now = at("2026-07-09T15:00:00+02:00");
    // Unsure (the words and the meaning both point elsewhere, weakly): a topic is proposed, no fact.
    let r = c.reply("ma cousine d'algérie veut venir me voir il faut un papier", now);
    assert_eq!(r.intent, Intent::Unknown);
    assert!(r.answer.contains("Votre question est-elle") && !r.answer.contains("euros"), "{}", r.answer);
    let r = c.reply("non", now);
    assert!(r.answer.contains("reformuler"), "{}", r.answer);
    // Sure (words and meaning agree): the answer at once, with its facts.
    let r = c.reply("je voudrais faire une attestation d'accueil pour ma cousine qui vient d'Algérie", now);
    assert_eq!(r.faq.as_deref(), Some("attestation-accueil"));
    assert!(r.answer.contains("30 euros"));
    // A range mostly outside the afternoon does not make the place "open in the afternoon".
    let r = c.reply("la piscine c'est ouvert le dimanche après-midi", now);
    assert!(r.answer.starts_with("Non"), "{}", r.answer);
}

#[test]
fn the_communes_own_name_beside_a_service_asks_for_its_hours() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-01/towns/castera-montbrun.toml");
    let mut c = Conversation::new(Arc::new(Town::load(path).unwrap()));
    // Not the entry on the "marché au gras": the market's own hours.
    let r = c.reply("euh il y a marché quand à castéra", at("2027-06-09T10:00:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref(), r.faq.as_deref()), (Intent::Hours, Some("marche"), None), "{}", r.answer);
    // "a lieu" asks whether it is on that day; a missed market, when it is on next.
    let r = c.reply("le jeudi de l'ascension le marché a lieu", at("2027-05-05T10:00:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("marche")), "{}", r.answer);
    assert!(r.answer.contains("jeudi 6 mai") && r.answer.contains("de 7 h à 13 h"), "{}", r.answer);
    let r = c.reply("j'ai raté le marché ce matin le prochain c'est quand", at("2027-06-12T13:00:00+02:00"));
    assert!(r.answer.contains("Réouverture le jeudi 17 juin à 7 h"), "{}", r.answer);
    // A price with the market's day: the entry on its stalls, not its hours.
    let r =
        Conversation::new(c.town().clone()).reply("je suis maraîcher je veux venir au marché du jeudi je dois payer combien", at("2027-06-09T11:45:00+02:00"));
    assert!(r.answer.contains("1 euro 20"), "{}", r.answer);
}

#[test]
fn yes_to_a_proposed_topic_answers_what_the_question_asked() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/heldout-2026-11-28/towns/castelrenne.toml");
    let mut c = Conversation::new(Arc::new(Town::load(path).unwrap()));
    let now = at("2027-06-10T10:00:00+02:00");
    let r = c.reply("le petit peut pas manger d'oeufs à midi", now);
    assert!(r.answer.contains("Où consulter les menus de la cantine"), "{}", r.answer);
    // On "oui", the entry's sentence about what the child may eat, not only its first two.
    let r = c.reply("oui", now);
    assert_eq!(r.faq.as_deref(), Some("menus-allergies"));
    assert!(r.answer.contains("PAI"), "{}", r.answer);
}

const KNOWLEDGE: &str = "[town]\nname = \"T\"\ntimezone = \"Europe/Paris\"\noperator = \"a\"\n[[service]]\nid = \"a\"\nname = \"l'accueil\"\n\
[[faq]]\nid = \"permis-chasse\"\nquestions = [\"Comment valider mon permis de chasser ?\"]\nkeywords = [\"permis de chasser\", \"gilet orange\"]\n\
answer = \"La validation annuelle se fait en ligne auprès de la fédération des chasseurs, avec une assurance.\"\n\
[[faq]]\nid = \"battue\"\nquestions = [\"Quand ont lieu les battues ?\", \"Y a-t-il une battue dimanche ?\"]\nkeywords = [\"battue\", \"sanglier\"]\n\
answer = \"Les battues au sanglier ont lieu le dimanche matin, annoncées par des panneaux.\"\n\
[[faq]]\nid = \"societe\"\nquestions = [\"Comment rejoindre la société de chasse ?\"]\nkeywords = [\"adhésion\", \"société de chasse\"]\n\
answer = \"La société de chasse accueille les nouveaux membres ; elle organise aussi les battues.\"\n\
[[faq]]\nid = \"piscine\"\nquestions = [\"La piscine est-elle chauffée ?\"]\nkeywords = [\"bassin\"]\nanswer = \"Le bassin est chauffé à 27 degrés.\"\n";

#[test]
fn a_multi_word_keyword_needs_most_of_its_words() {
    use standardiste::answer::conversation::ANSWER_THRESHOLD;
    let t = Town::parse(KNOWLEDGE, "k.toml").unwrap();
    // One word of "gilet orange" alone is no keyword hit: no confident answer.
    let hits = t.index.search("est-ce que vous vendez des gilets", 3);
    assert!(hits.first().is_none_or(|h| h.confidence < ANSWER_THRESHOLD), "{hits:?}");
    // The whole phrase is.
    let hits = t.index.search("il me faut un gilet orange", 3);
    assert_eq!(t.faqs[hits[0].faq].id, "permis-chasse");
    assert!(hits[0].confidence >= ANSWER_THRESHOLD && !hits[0].contested, "{hits:?}");
}

#[test]
fn a_question_naming_another_entrys_subject_is_contested() {
    let t = Town::parse(KNOWLEDGE, "k.toml").unwrap();
    // "adhésion" is the club's subject, "battues" the hunt's; the club only mentions hunts in its
    // answer, so whichever comes first must not state its facts as if sure.
    let hits = t.index.search("adhésion pour les battues", 3);
    assert!(!hits.is_empty());
    let top = &hits[0];
    let covers_both = t.faqs[top.faq].id == "battue" && !top.contested;
    assert!(top.contested || covers_both, "{:?}", hits.iter().map(|h| (&t.faqs[h.faq].id, h.contested)).collect::<Vec<_>>());
    // A plain question about one subject is not contested.
    let hits = t.index.search("quand ont lieu les battues", 3);
    assert_eq!(t.faqs[hits[0].faq].id, "battue");
    assert!(!hits[0].contested);
}

#[test]
fn two_services_of_one_kind_are_never_guessed() {
    let town = "[town]\nname = \"Deux-Bassins\"\ntimezone = \"Europe/Paris\"\noperator = \"accueil\"\n\
[[service]]\nid = \"accueil\"\nname = \"l'accueil de la mairie\"\naliases = [\"mairie\"]\nhours.monday = [\"08:30-12:00\"]\n\
[[service]]\nid = \"iris\"\nname = \"la piscine des Iris\"\naliases = [\"piscine des Iris\", \"piscine\"]\nhours.saturday = [\"10:00-18:00\"]\n\
[[service]]\nid = \"aquarenne\"\nname = \"l'Aquarenne\"\naliases = [\"Aquarenne\", \"piscine\"]\nhours.saturday = [\"14:00-19:00\"]\n";
    let town = Arc::new(Town::parse(town, "deux-bassins.toml").unwrap());
    let now = at("2026-11-25T10:00:00+01:00");
    let mut c = Conversation::new(town);
    let r = c.reply("la piscine est ouverte samedi ?", now);
    assert_eq!(r.intent, Intent::Unknown, "{}", r.answer);
    assert!(r.answer.contains("la piscine des Iris ou l'Aquarenne") && !r.answer.contains("14 h"), "{}", r.answer);
    // The answer names one; the day asked stays.
    let r = c.reply("l'aquarenne", now);
    assert_eq!(r.service.as_deref(), Some("aquarenne"));
    assert!(r.answer.contains("samedi 28 novembre") && r.answer.contains("14 h"), "{}", r.answer);
}

#[test]
fn keypad_0_after_hours_then_yes_takes_a_message() {
    let mut c = Conversation::new(Arc::new(Town::sample()));
    let night = at("2026-07-08T23:00:00+02:00");
    let r = c.ask_operator(night);
    assert!(r.answer.contains("message"), "{}", r.answer);
    // "Oui, s'il vous plaît" misheard on a bad line is still a yes.
    for yes in ["Oui.", "oui", "Oui, d'accord.", "Oui, c'est vous, plé.", "Oui, si vous plez."] {
        let mut c2 = c.clone();
        let r = c2.reply(yes, night);
        assert_eq!(r.action, Some(Action::TakeMessage), "{yes:?} → {r:?}");
    }
    // A yes followed by a question of its own is that question.
    for question in ["Oui, et la piscine ?", "Oui mais c'est ouvert quand ?"] {
        let r = c.clone().reply(question, night);
        assert_ne!(r.action, Some(Action::TakeMessage), "{question:?} → {r:?}");
    }
}

#[test]
fn closed_for_the_rest_of_the_day_says_when_it_reopens_and_holiday_eves_are_their_own_day() {
    let town = Arc::new(Town::sample());
    let now = at("2026-12-23T15:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now).answer;
    let a = ask("la mairie est ouverte cet après-midi");
    assert!(a.starts_with("Non") && a.contains("Réouverture demain, le jeudi 24 décembre à 8 h 30"), "{a}");
    let a = ask("demain c'est la veille de noël la mairie est ouverte");
    assert!(a.contains("jeudi 24 décembre") && a.contains("8 h 30 à 12 h"), "{a}");
    let a = ask("y a quelqu'un à la mairie samedi");
    assert!(a.contains("samedi 26 décembre") && a.contains("9 h à 12 h"), "{a}");
}

#[test]
fn the_service_named_first_is_asked_about_and_a_generic_word_tells_two_apart() {
    let town = "[town]\nname = \"Val\"\ntimezone = \"Europe/Paris\"\noperator = \"accueil\"\n\
[[service]]\nid = \"accueil\"\nname = \"l'accueil de la mairie\"\naliases = [\"mairie\"]\nhours.monday = [\"08:30-12:00\"]\n\
[[service]]\nid = \"biblio\"\nname = \"la bibliothèque\"\naliases = [\"bibliothèque\"]\nhours.saturday = [\"10:00-12:00\"]\n\
[[service]]\nid = \"ecole\"\nname = \"l'école\"\naliases = [\"école\"]\nhours.monday = [\"08:30-16:30\"]\n\
[[service]]\nid = \"cimetiere\"\nname = \"le cimetière\"\naliases = [\"cimetière\"]\nhours.monday = [\"08:00-18:00\"]\n\
[[service]]\nid = \"bureau\"\nname = \"le bureau du cimetière\"\nhours.tuesday = [\"09:00-11:00\"]\n";
    let town = Arc::new(Town::parse(town, "val.toml").unwrap());
    let now = at("2026-11-25T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // Two services named by different words: the first is the subject.
    let r = ask("la bibliothèque de l'ancienne école elle est ouverte quand");
    assert_eq!(r.service.as_deref(), Some("biblio"), "{}", r.answer);
    // "bureau" is not needed to name the office, but said it tells it from the cemetery.
    let r = ask("le bureau du cimetière il ouvre quand");
    assert_eq!(r.service.as_deref(), Some("bureau"), "{}", r.answer);
    let r = ask("le cimetière il ouvre quand");
    assert_eq!(r.service.as_deref(), Some("cimetiere"), "{}", r.answer);
}

#[test]
fn a_weekday_changed_by_a_holiday_also_gets_its_usual_hours_and_today_is_said_closed() {
    let town = Arc::new(Town::sample());
    // Wednesday 11 November 2026 (Armistice), 10:00: the town hall is shut all day.
    let now = at("2026-11-10T10:00:00+01:00");
    let a = Conversation::new(town.clone()).reply("la mairie est ouverte le mercredi ?", now).answer;
    assert!(a.contains("mercredi 11 novembre") && a.contains("Les autres mercredis, horaires de 8 h 30"), "{a}");
    // Asked about today while shut: said closed first, then the day's hours.
    let now = at("2026-11-25T07:30:00+01:00");
    let a = Conversation::new(town).reply("la mairie ouvre à quelle heure aujourd'hui", now).answer;
    assert!(a.starts_with("L'accueil de la mairie est fermé en ce moment. Aujourd'hui mercredi 25 novembre, horaires de 8 h 30"), "{a}");
}

#[test]
fn a_service_open_only_in_its_seasons_says_the_season() {
    let body = "[[service]]\nid = \"remontees\"\nname = \"les caisses des remontées\"\naliases = [\"remontées\"]\nclosed_on_holidays = false\n\
                [[service.exception]]\nfrom = \"2026-12-19\"\nto = \"2027-04-18\"\nhours = [\"08:30-16:45\"]\nreason = \"saison d'hiver\"\n";
    let town = plain(body);
    let r = Conversation::new(town.clone()).reply("les remontées c'est ouvert", at("2027-01-05T10:00:00+01:00"));
    assert!(r.answer.contains("ouvertes en ce moment, jusqu'à 16 h 45"), "{}", r.answer);
    assert!(r.answer.ends_with("Du 19 décembre au 18 avril (saison d'hiver), horaires de 8 h 30 à 16 h 45 chaque jour."), "{}", r.answer);
    // Before the season: closed, when it opens, and the season.
    let r = Conversation::new(town).reply("les remontées c'est ouvert", at("2026-11-30T10:00:00+01:00"));
    assert!(r.answer.contains("fermées en ce moment") && r.answer.contains("Du 19 décembre"), "{}", r.answer);
}

#[test]
fn a_life_event_is_a_question_of_procedure_whatever_day_it_names() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"la mairie\"\nhours.thursday = [\"08:30-12:00\"]\n\
                [[faq]]\nid = \"deces\"\nservice = \"mairie\"\nquestions = [\"Comment déclarer un décès ?\"]\nkeywords = [\"décès\", \"pompes funèbres\"]\n\
                answer = \"Un décès se déclare à la mairie dans les 24 heures. Les pompes funèbres s'en chargent souvent.\"\n";
    let town = plain(body);
    let now = at("2026-12-03T09:00:00+01:00");
    for q in [
        "mon père est mort ce matin à l'hôpital est-ce que je dois venir en mairie",
        "ma grand-mere est decedee ce matin on doit venir a la mairie",
        // Whom to call, the closure being known, is no question of hours.
        "ma grand mère est décédée cette nuit la mairie est fermée qui je préviens",
    ] {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!(r.faq.as_deref(), Some("deces"), "{q}: {}", r.answer);
    }
    // Asking only whether the town hall is open this morning is still a question of hours.
    assert_eq!(Conversation::new(town).reply("la mairie est ouverte ce matin", now).intent, Intent::Hours);
}

#[test]
fn a_birth_told_with_its_day_is_a_question_of_procedure() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"la mairie\"\nhours.thursday = [\"08:30-12:00\"]\nhours.saturday = [\"09:00-12:00\"]\n\
                [[faq]]\nid = \"naissance\"\nservice = \"mairie\"\nquestions = [\"Comment déclarer une naissance ?\"]\nkeywords = [\"naissance\", \"déclarer\"]\n\
                answer = \"Une naissance se déclare dans les cinq jours à la mairie du lieu de naissance, avec le certificat d'accouchement.\"\n";
    let town = plain(body);
    let now = at("2026-12-03T09:00:00+01:00");
    // The day is the birth's, not the visit's.
    for q in ["le petit est né ce matin qu'est ce qu'il faut apporter pour le déclarer", "ma femme a eu le bébé samedi jusqu'à quand je peux venir l'inscrire"]
    {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!(r.faq.as_deref(), Some("naissance"), "{q}: {}", r.answer);
    }
}

#[test]
fn a_thing_passed_or_received_is_no_visit_and_no_opening() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"la mairie\"\nhours.thursday = [\"08:30-12:00\"]\nhours.saturday = [\"09:00-12:00\"]\n\
                [[service]]\nid = \"urbanisme\"\nname = \"le service urbanisme\"\naliases = [\"urbanisme\", \"droit des sols\"]\nhours.monday = [\"09:00-12:00\"]\n\
                [[faq]]\nid = \"bruit\"\nquestions = [\"Quand peut-on faire des travaux bruyants ?\"]\nkeywords = [\"tondeuse\", \"bruit\"]\n\
                answer = \"La tondeuse est permise en semaine et le samedi matin, le dimanche de 10 h à 12 h.\"\n\
                [[faq]]\nid = \"sms\"\nservice = \"mairie\"\nquestions = [\"Comment s'inscrire aux alertes SMS de la commune ?\"]\nkeywords = [\"alerte\", \"SMS\", \"texto\"]\n\
                answer = \"Donnez votre numéro de portable au secrétariat de mairie pour recevoir les alertes.\"\n";
    let town = plain(body);
    let now = at("2026-12-03T09:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("le dimanche est ce qu'on a le droit de passer la tondeuse");
    assert_eq!(r.faq.as_deref(), Some("bruit"), "{}", r.answer);
    let r = ask("la voisine reçoit des textos de la mairie comment je fais pour les avoir aussi");
    assert_eq!(r.faq.as_deref(), Some("sms"), "{}", r.answer);
    // Going there on a day, and the office receiving, are still questions of hours.
    assert_eq!(ask("je peux passer le samedi à la mairie").intent, Intent::Hours);
    assert_eq!(ask("la mairie reçoit quels jours").intent, Intent::Hours);
    // Someone who handles a need, and a bill received, are no questions of hours.
    for q in ["y a quelqu'un à la mairie qui s'occupe des alertes par texto", "les textos d'alerte on les reçoit comment"] {
        let r = ask(q);
        assert_eq!(r.faq.as_deref(), Some("sms"), "{q}: {}", r.answer);
    }
    assert_eq!(ask("y a quelqu'un à la mairie ce matin").intent, Intent::Hours);
    // "et le dimanche ?" after rules that tell days and times: those rules, not the office's hours.
    let mut c = Conversation::new(town.clone());
    assert_eq!(c.reply("le bruit de la tondeuse c'est permis quand", now).faq.as_deref(), Some("bruit"));
    let r = c.reply("et le dimanche", now);
    assert_eq!(r.faq.as_deref(), Some("bruit"), "{}", r.answer);
    // After an office's hours, the same question stays one of hours.
    let mut c = Conversation::new(town);
    assert_eq!(c.reply("la mairie est ouverte quand", now).intent, Intent::Hours);
    assert_eq!(c.reply("et le samedi", now).intent, Intent::Hours);
}

#[test]
fn the_police_coming_by_is_no_visit_of_the_caller() {
    let body = "[[service]]\nid = \"police\"\nname = \"la police municipale\"\naliases = [\"la police\"]\nhours.monday = [\"08:00-12:00\"]\n\
                [[faq]]\nid = \"vacances\"\nservice = \"police\"\nquestions = [\"Comment faire surveiller ma maison pendant mes vacances ?\"]\n\
                keywords = [\"tranquillité vacances\", \"absence\", \"surveiller\"]\n\
                answer = \"Inscrivez-vous à l'opération tranquillité vacances au moins 48 heures avant votre départ.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2026-12-08T09:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("on part chez notre fille à noël pendant trois semaines la maison va être vide est ce que la police peut passer surveiller");
    assert_eq!(r.faq.as_deref(), Some("vacances"), "{}", r.answer);
    assert_eq!(ask("je peux passer à la police lundi").intent, Intent::Hours);
}

#[test]
fn until_when_a_thing_may_be_done_is_a_rule_not_an_opening() {
    let body = "[[service]]\nid = \"salle\"\nname = \"la salle des fêtes\"\naliases = [\"salle des fêtes\", \"salle\"]\nhours.saturday = [\"10:00-12:00\"]\n\
                [[faq]]\nid = \"salle-regles\"\nservice = \"salle\"\nquestions = [\"Quelles sont les règles de la salle des fêtes ?\"]\nkeywords = [\"musique\", \"bruit\", \"ménage\"]\n\
                answer = \"Dans la salle des fêtes, la musique doit s'arrêter à 2 heures du matin. La salle est rendue balayée.\"\n";
    let town = plain(body);
    let now = at("2026-12-03T09:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    for q in [
        "pour le mariage dans la salle on peut faire de la musique jusqu'à quelle heure",
        "la musique dans la salle des fêtes on doit l'arrêter à quelle heure",
    ] {
        let r = ask(q);
        assert_eq!(r.faq.as_deref(), Some("salle-regles"), "{q}: {}", r.answer);
    }
    // Going there is a question of its opening.
    assert_eq!(ask("on peut venir à la salle des fêtes jusqu'à quelle heure").intent, Intent::Hours);
}

#[test]
fn a_removal_van_parked_in_a_street_is_no_question_of_its_rounds() {
    let town = Arc::new(Town::sample());
    let now = at("2026-12-01T10:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("je déménage le 15 janvier rue des Lilas comment je fais pour garer le camion", now);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("déménagement"), "{}", r.answer);
    // The truck that collects, in the same street, is still a question of rounds.
    assert_eq!(Conversation::new(town.clone()).reply("rue des lilas le camion passe quand", now).intent, Intent::Collection);
    // A count of what one puts out is no question of the days; a count of passages is.
    let r = Conversation::new(town.clone()).reply("combien de fois je peux sortir le bac sans payer plus", now);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    assert_eq!(Conversation::new(town).reply("les poubelles ils passent combien de fois par semaine rue des lilas", now).intent, Intent::Collection);
}

#[test]
fn a_price_asked_beside_a_time_is_no_question_of_hours() {
    let body = "[[service]]\nid = \"ecole\"\nname = \"l'école, sa cantine et sa garderie\"\naliases = [\"l'école\"]\nhours.wednesday = [\"07:30-18:00\"]\n\
                [[faq]]\nid = \"garderie\"\nservice = \"ecole\"\nquestions = [\"Combien coûte la garderie ?\"]\nkeywords = [\"garderie\", \"tarif\"]\n\
                answer = \"La garderie coûte 1,50 euro le soir, goûter compris.\"\n";
    let town = plain(body);
    let now = at("2026-12-02T10:00:00+01:00");
    for q in ["si je récupère mon fils à six heures après l'école ça me coûte combien", "si je récupérer mon fils à 6h après l'école-car, me coûte combien"]
    {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!(r.faq.as_deref(), Some("garderie"), "{q}: {}", r.answer);
    }
    assert_eq!(Conversation::new(town).reply("l'école ferme à quelle heure", now).intent, Intent::Hours);
}

#[test]
fn where_a_procedure_is_done_comes_from_its_entry_and_a_number_from_the_service() {
    let body =
        "[[service]]\nid = \"ccas\"\nname = \"le CCAS\"\naliases = [\"CCAS\", \"logement social\"]\naddress = \"7 rue du Four\"\nphone = \"04 00 00 00 01\"\n\
                [[faq]]\nid = \"logement\"\nservice = \"ccas\"\nquestions = [\"Comment demander un logement social ?\"]\nkeywords = [\"logement social\"]\n\
                answer = \"La demande de logement social se fait en ligne, ou au CCAS avec un conseiller.\"\n";
    let town = plain(body);
    let now = at("2026-12-03T09:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("euh faire une demande de logement social c'est où");
    assert_eq!(r.faq.as_deref(), Some("logement"), "{}", r.answer);
    assert_eq!(ask("le ccas c'est où").intent, Intent::Contact);
    assert!(ask("le numéro du ccas pour la demande").answer.contains("04 00 00 00 01"));
    // A thing stolen: what to do comes from the entry, not the address of the office it names.
    let body = "[[service]]\nid = \"etat-civil\"\nname = \"l'état civil\"\naliases = [\"carte d'identité\"]\naddress = \"1 place de la Mairie\"\n\
                [[faq]]\nid = \"perte\"\nquestions = [\"J'ai perdu ou on m'a volé mes papiers, que faire ?\"]\nkeywords = [\"vol\", \"perte\", \"papiers\"]\n\
                answer = \"En cas de vol, portez plainte à la gendarmerie, puis refaites la carte sur rendez-vous.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let r = Conversation::new(town.clone()).reply("je me suis fait voler ma carte d'identite dans le bus il faut aller ou", now);
    assert_eq!(r.faq.as_deref(), Some("perte"), "{}", r.answer);
    assert_eq!(Conversation::new(town).reply("l'état civil c'est où", now).intent, Intent::Contact);
}

/// Whether a Debian package a test needs is `installed`; CI installs it (scripts/install.sh), so
/// there the test must run.
fn required_in_ci(installed: bool, package: &str) -> bool {
    assert!(installed || std::env::var_os("CI").is_none(), "{package} is not installed");
    installed
}

/// Whether the French word list is installed.
fn word_list_installed() -> bool {
    required_in_ci(standardiste::answer::respell::dictionary().is_some(), "the French word list (wfrench)")
}

#[test]
fn words_misheard_out_of_french_are_respelled_into_the_town_s_vocabulary() {
    if !word_list_installed() {
        return;
    }
    let town = Arc::new(Town::sample());
    let now = at("2026-12-01T10:00:00+01:00");
    // As the phone line and the recogniser hear them: one letter away from the town's words.
    for (heard, meant) in [
        ("la mairie est ouverte samdi", "la mairie est ouverte samedi"),
        ("la gardorie c'est à quelle heure", "la garderie c'est à quelle heure"),
        ("la piscille elle ouvre quand", "la piscine elle ouvre quand"),
    ] {
        let a = Conversation::new(town.clone()).reply(heard, now);
        let b = Conversation::new(town.clone()).reply(meant, now);
        assert_eq!(a.answer, b.answer, "{heard}");
        assert!(b.confidence >= 0.5, "{meant}: {}", b.answer);
    }
}

#[test]
fn an_errand_asked_open_at_a_moment_gets_the_hours_of_the_entry_s_service() {
    let town = Arc::new(Town::sample());
    let now = at("2026-12-01T10:00:00+01:00");
    // The entry tells how to declare a birth, not when the office is open: its service's hours.
    let r = Conversation::new(town.clone()).reply("mon bébé est né hier, je peux venir le déclarer ce matin, vous fermez quand ?", now);
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    assert!(r.answer.contains("état civil") && r.answer.contains("12 h"), "{}", r.answer);
    // Without a moment asked, the procedure.
    let r = Conversation::new(town.clone()).reply("mon bébé est né hier, comment le déclarer ?", now);
    assert_eq!(r.intent, Intent::Faq, "{}", r.answer);
}

/// A village whose names callers shorten, and a snow round told in an FAQ entry.
const SHORT_NAMES: &str = r#"
[town]
name = "Saint-Test"
timezone = "Europe/Paris"
operator = "mairie"
[[service]]
id = "mairie"
name = "la mairie"
hours.tuesday = ["09:00-12:00"]
[[service]]
id = "tourisme"
name = "le bureau d'information touristique"
aliases = ["l'office de tourisme"]
hours.tuesday = ["09:30-12:30", "15:00-19:00"]
[[service]]
id = "garde"
name = "le garde champêtre"
aliases = ["le garde"]
hours.tuesday = ["09:00-11:00"]
[[service]]
id = "dechetterie"
name = "la déchetterie des Grès"
aliases = ["la décharge"]
hours.tuesday = ["08:00-12:00"]
[[service]]
id = "etat-civil"
name = "l'état civil"
aliases = ["carte d'identité"]
hours.tuesday = ["09:00-12:00"]
[[service]]
id = "technique"
name = "les services techniques"
aliases = ["chasse-neige", "déneigement"]
hours.tuesday = ["07:30-12:00"]
[[faq]]
id = "neige"
service = "technique"
questions = ["Le chasse-neige passe-t-il dans les hameaux ?"]
keywords = ["chasse-neige", "déneigement"]
answer = "Le chasse-neige part à 5 heures du matin dès 5 centimètres de neige, par la route de l'école."
"#;

#[test]
fn a_shortened_name_a_presence_or_an_errand_at_a_moment_are_questions_of_hours() {
    let town = Arc::new(Town::parse(SHORT_NAMES, "t.toml").unwrap());
    // Tuesday 6 July 2027, 10:00.
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-07-06T10:00:00+02:00"));
    for (q, service, fact) in [
        ("l office il ferme a quelle heure", "tourisme", "12 h 30"),
        ("bonjour le garde champetre il est dans son bureau la", "garde", "11 h"),
        ("je voudrais vider mon coffre a la decharge ce matin c est possible", "dechetterie", "12 h"),
    ] {
        let r = ask(q);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some(service)), "{q}: {}", r.answer);
        assert!(r.answer.contains(fact), "{q}: {}", r.answer);
    }
    // "la carte grise" is not the identity card's office; another body's place is not ours.
    for q in ["la carte grise c est ouvert ce matin", "la pharmacie de garde ce soir"] {
        let r = ask(q);
        assert_ne!(r.intent, Intent::Hours, "{q}: {}", r.answer);
    }
    // The snow plough's own time is the entry's, not the office's hours.
    let r = ask("a quelle heure il passe le chasse neige le matin");
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("neige")), "{}", r.answer);
    assert!(r.answer.contains("5 heures du matin"), "{}", r.answer);
}

const BRIDGES: &str = r#"
[town]
name = "Saint-Test"
timezone = "Europe/Paris"
operator = "mairie"
[[service]]
id = "mairie"
name = "la mairie"
hours.monday = ["08:30-12:00", "14:00-16:00"]
hours.tuesday = ["08:30-12:00", "14:00-16:00"]
hours.wednesday = ["08:30-12:00"]
hours.thursday = ["08:30-12:00", "14:00-16:00"]
hours.friday = ["08:30-12:00", "14:00-16:00"]
hours.saturday = ["09:00-11:30"]
[[service]]
id = "piscine"
name = "la piscine"
hours.saturday = ["14:00-18:00"]
[[service]]
id = "dechetterie"
name = "la déchetterie"
aliases = ["la décharge"]
address = "route des Ocres, 84000 Saint-Test"
hours.saturday = ["08:00-12:00"]
[[service]]
id = "garde"
name = "le garde champêtre"
phone = "06 41 27 83 52"
hours.saturday = ["08:00-10:00"]
[[collection]]
kind = "ordures ménagères"
days = ["wednesday"]
streets = ["rue des Tisserands"]
[[faq]]
id = "carte-grise"
service = "mairie"
questions = ["Où faire la carte grise ?"]
keywords = ["carte grise"]
answer = "Les cartes grises se font en ligne sur le site de l'ANTS."
[[faq]]
id = "piscine-tarifs"
service = "piscine"
questions = ["Quels sont les tarifs de la piscine ?"]
keywords = ["tarifs piscine"]
answer = "Une entrée coûte 3,20 euros, la carte de dix entrées 28 euros."
[[faq]]
id = "piscine-tenue"
service = "piscine"
questions = ["Quelle tenue faut-il à la piscine ?"]
keywords = ["tenue", "bonnet"]
answer = "Le maillot de bain est obligatoire ; le short de bain est interdit."
[[faq]]
id = "passeport"
service = "mairie"
questions = ["Combien de temps pour avoir un passeport ?"]
keywords = ["passeport", "carte d'identité"]
answer = "Les titres sont fabriqués en préfecture : comptez 6 à 8 semaines."
"#;

#[test]
fn hours_said_plainly_bridges_a_person_and_the_kind_of_fact_asked() {
    let town = Arc::new(Town::parse(BRIDGES, "t.toml").unwrap());
    let ask = |q: &str, now: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "quatre heures et demie" on a Friday afternoon is 16:30, after closing: back on Saturday.
    let r = ask("il est quatre heures et demie c est trop tard pour passer a la mairie", "2027-07-02T16:30:00+02:00");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    assert!(r.answer.contains("16 h 30") && r.answer.contains("samedi 3 juillet à 9 h"), "{}", r.answer);
    // The Friday of the Ascension bridge, not the holiday itself.
    let r = ask("le vendredi du pont de l ascension la mairie elle est ouverte", "2027-05-03T10:00:00+02:00");
    assert!(r.answer.starts_with("Le vendredi 7 mai") && !r.answer.contains("jeudi 6 mai"), "{}", r.answer);
    // A living person asked for.
    let r = ask("y a quelqu un de vivant a la mairie je peux lui parler", "2027-07-02T10:00:00+02:00");
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
    // The town hall asked when it opens: its hours, not the delay of a passport.
    let r = ask("je vous appelle de loin pour un passeport vous ouvrez dans combien de temps", "2027-07-02T07:30:00+02:00");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // The place of an activity said without its name; a bridge day asked of the town hall.
    let r = ask("on peut aller nager samedi jusqu a quelle heure", "2027-07-02T10:00:00+02:00");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("piscine")), "{}", r.answer);
    assert!(r.answer.contains("18 h"), "{}", r.answer);
    let r = ask("vendredi sept mai vous faites le pont", "2027-05-03T10:00:00+02:00");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    // The way to a place, a mobile number, a grey bin, a goodbye in the country's words.
    let now = "2027-07-02T10:00:00+02:00";
    let r = ask("pour aller a la decharge je prends quelle route", now);
    assert!(r.answer.contains("route des Ocres"), "{}", r.answer);
    let r = ask("vous avez le portable du garde champetre", now);
    assert!(r.answer.contains("06 41 27 83 52"), "{}", r.answer);
    let r = ask("rue des tisserands la grise ils passent quand", now);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert_eq!(ask("la carte grise je la fais ou", now).faq.as_deref(), Some("carte-grise"));
    assert_eq!(ask("c est parfait merci madame a la revoyure", now).intent, Intent::Goodbye);
    // A price asked: the entry that tells one.
    let r = ask("c est combien pour aller nager une fois", "2027-07-02T10:00:00+02:00");
    assert_eq!(r.faq.as_deref(), Some("piscine-tarifs"), "{}", r.answer);
    // Another place's admission is not the pool's; a child's price asked next leans on the last entry.
    assert_ne!(ask("c est combien l entree au musee", now).faq.as_deref(), Some("piscine-tarifs"));
    let mut c = Conversation::new(town.clone());
    c.reply("c est combien l entree a la piscine", at(now));
    let r = c.reply("et mon fils de sept ans il paie combien", at(now));
    assert_eq!(r.faq.as_deref(), Some("piscine-tarifs"), "{}", r.answer);
}

#[test]
fn a_street_or_a_word_of_a_place_names_no_service_when_the_sentence_places_something_else() {
    let body = "[[service]]\nid = \"police\"\nname = \"la police municipale\"\naliases = [\"poste de police\"]\nhours.monday = [\"08:00-12:00\"]\n\
                [[service]]\nid = \"media\"\nname = \"la médiathèque\"\naddress = \"22 rue de la Filature\"\nhours.wednesday = [\"09:00-18:00\"]\n\
                [[service]]\nid = \"dechetterie\"\nname = \"la déchetterie\"\naddress = \"route de Villeneuve\"\nhours.wednesday = [\"09:00-18:00\"]\n\
                [[faq]]\nid = \"colis\"\nquestions = [\"Comment avoir le colis de Noël des aînés ?\"]\nkeywords = [\"colis de Noël\", \"aînés\"]\n\
                answer = \"Les colis de Noël des aînés sont distribués du 14 au 18 décembre.\"\n\
                [[faq]]\nid = \"carte\"\nquestions = [\"Comment faire une carte d'identité ?\"]\nkeywords = [\"carte d'identité\"]\n\
                answer = \"Les cartes d'identité se font sur rendez-vous.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2026-12-09T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // A parcel fetched is the post office's, and "le poste de police" is none.
    let r = ask("le colis de noel des aines on vient le chercher quand");
    assert_eq!(r.faq.as_deref(), Some("colis"), "{}", r.answer);
    // "là" and the article "la" are one word once accents go.
    let r = ask("où elle est la déchetterie je suis nouveau dans le coin");
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    assert!(r.answer.contains("Villeneuve"), "{}", r.answer);
    // The caller's new home is in the library's street.
    let r = ask("on emmenage rue de la filature il faut ouvrir l eau c est qui");
    assert_ne!(r.service.as_deref(), Some("media"), "{}", r.answer);
}

#[test]
fn an_hour_said_in_the_evening_is_the_evening_s_and_a_shut_afternoon_says_so() {
    let body = "[[service]]\nid = \"piscine\"\nname = \"la piscine\"\nhours.monday = [\"12:00-14:00\", \"16:30-20:00\"]\nhours.saturday = [\"09:00-20:00\"]\n";
    let town = plain(body);
    let ask = |q: &str, now: &str| Conversation::new(town.clone()).reply(q, at(now));
    let r = ask("je rentre vers sept heures et demie la piscine sera encore ouverte", "2026-12-05T19:00:00+01:00");
    assert!(r.answer.starts_with("Oui") && r.answer.contains("20 h"), "{}", r.answer);
    let r = ask("la piscine rouvre à quelle heure cet après-midi", "2026-12-07T14:30:00+01:00");
    assert!(r.answer.contains("fermée en ce moment") && r.answer.contains("16 h 30"), "{}", r.answer);
    // A morning missed: when it opens next, not the morning's hours.
    let r = ask("j'ai raté la piscine ce matin elle rouvre quel jour", "2026-12-05T20:30:00+01:00");
    assert!(r.answer.contains("fermée en ce moment") && r.answer.contains("lundi 7 décembre à 12 h"), "{}", r.answer);
}

#[test]
fn the_school_said_alone_is_never_the_school_of_music() {
    let body =
        "[[service]]\nid = \"conservatoire\"\nname = \"le conservatoire municipal\"\naliases = [\"école de musique\"]\nhours.thursday = [\"14:00-19:00\"]\n";
    let town = plain(body);
    let now = at("2026-12-03T17:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("euh la garderie de l'école le soir elle finit à quelle heure je travaille tard", now);
    assert_ne!(r.service.as_deref(), Some("conservatoire"), "{}", r.answer);
    assert_eq!(Conversation::new(town).reply("l'école de musique ferme à quelle heure", now).service.as_deref(), Some("conservatoire"));
}

#[test]
fn a_hamlet_named_with_a_word_of_its_annex_left_out_is_that_annex_even_when_another_place_bears_its_name() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"l'hôtel de ville\"\naliases = [\"la mairie\"]\nhours.monday = [\"08:00-12:00\"]\n\
                [[service]]\nid = \"annexe-savane\"\nname = \"la mairie annexe de Savane-Couri\"\naliases = [\"la mairie annexe\"]\nhours.tuesday = [\"08:00-12:00\"]\n\
                [[service]]\nid = \"annexe-macaya\"\nname = \"la mairie annexe de Crique-Macaya\"\naliases = [\"la mairie de Crique-Macaya\"]\nhours.thursday = [\"08:00-11:00\"]\n\
                [[service]]\nid = \"dechetterie\"\nname = \"la déchetterie de Crique-Macaya\"\nhours.saturday = [\"09:00-17:00\"]\n";
    let town = plain(body);
    let now = at("2027-02-16T09:00:00-03:00");
    for q in ["la mairie annexe de macaya elle ouvre quand", "la mairie de macaya elle ouvre quand"] {
        let r = Conversation::new(town.clone()).reply(q, now);
        assert_eq!(r.service.as_deref(), Some("annexe-macaya"), "{q}: {}", r.answer);
    }
}

#[test]
fn a_place_named_in_the_plural_is_said_in_the_plural() {
    let body = "[[service]]\nid = \"tech\"\nname = \"les services techniques\"\naddress = \"12 route du Cap-Noir\"\nhours.monday = [\"08:00-12:00\"]\n\
                [[service]]\nid = \"poste\"\nname = \"la poste\"\naddress = \"3 place de l'Église\"\nhours.monday = [\"08:00-12:00\"]\n";
    let town = plain(body);
    let now = at("2026-12-09T10:00:00+01:00");
    let r = Conversation::new(town.clone()).reply("les services techniques c'est où", now);
    assert!(r.answer.starts_with("Les services techniques se trouvent "), "{}", r.answer);
    let r = Conversation::new(town).reply("la poste c'est où", now);
    assert!(r.answer.starts_with("La poste se trouve "), "{}", r.answer);
}

#[test]
fn the_place_asked_open_is_the_one_the_opening_word_is_said_of() {
    let town = essai(
        r#"
[[service]]
id = "mairie"
name = "la mairie"
hours.wednesday = ["08:30-12:00"]
[[service]]
id = "remontees"
name = "les remontées mécaniques"
aliases = ["le télésiège"]
hours.wednesday = ["09:00-16:30"]
[[service]]
id = "port"
name = "le bureau du port"
hours.wednesday = ["08:00-12:00"]
[[faq]]
id = "garderie"
questions = ["À quelle heure ouvre la garderie du matin ?"]
keywords = ["garderie"]
answer = "La garderie du matin ouvre à 7 heures 15, à l'école."
"#,
    );
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, at("2027-02-10T10:30:00+01:00"));
    // The place named first is where the caller works; the town hall is asked about.
    let r = ask("je suis saisonnier au télésiège la mairie est ouverte aujourd'hui");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    // The garderie, no service, is asked about: its entry, never the port's hours.
    let r = ask("je commence au port à sept heures et demie la garderie ouvre à quelle heure");
    assert_eq!(r.faq.as_deref(), Some("garderie"), "{}", r.answer);
    // A complement is no subject: "le télésiège près de la mairie" is still the lift.
    let r = ask("le télésiège près de la mairie il est ouvert");
    assert_eq!(r.service.as_deref(), Some("remontees"), "{}", r.answer);
}

#[test]
fn a_closing_or_a_request_for_a_person_survives_one_misheard_word() {
    let town = Arc::new(Town::sample());
    let now = at("2026-07-08T10:15:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "ça marche" glued by the recogniser: a word the town does not know beside the closing words.
    assert_eq!(ask("Ok, Camarche, merci beaucoup, bonne soirée.").intent, Intent::Goodbye);
    // A word the town knows is a question: "bonne soirée, la piscine ouvre quand ?" is no closing.
    assert_ne!(ask("merci bonne soirée la piscine ouvre quand").intent, Intent::Goodbye);
    // Thanks, then the evening's greeting, close the call; a greeting before a question does not.
    assert_eq!(ask("D'accord, j'ai compris merci bonsoir.").intent, Intent::Goodbye);
    assert_eq!(ask("merci madame bonne nuit").intent, Intent::Goodbye);
    assert_ne!(ask("merci bonsoir la piscine ouvre quand").intent, Intent::Goodbye);
    // "mettez-moi" heard "métiez-moi".
    assert_eq!(ask("Métiez-moi en relation avec l'accueil, c'est urgent.").intent, Intent::Operator);
}

#[test]
fn questions_half_heard_on_the_phone_line_reach_their_service() {
    let town = Arc::new(Town::sample());
    let now = at("2026-07-08T10:15:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let service = |q: &str| {
        let r = ask(q);
        (r.intent, r.service)
    };
    // "le CCAS est fermé ?" heard "le cas est fermé", "le CCAS est ouvert ?" heard "lequel est ouvert".
    assert_eq!(service("Le cas est fermé, aujourd'hui ?"), (Intent::Hours, Some("ccas".to_string())));
    assert_eq!(service("Lequel est ouvert ce matin ?"), (Intent::Hours, Some("ccas".to_string())));
    // "le car" heard "le cas": the bus is no service of the town hall.
    assert_ne!(ask("Le cas pour la gare passe à quelle heure ?").service.as_deref(), Some("ccas"));
    // "le numéro" heard as a plural.
    assert_eq!(service("Vous avez les numéros de la piscine ?"), (Intent::Contact, Some("piscine".to_string())));
    // "vous êtes ouverts" heard "vous a été ouvert".
    assert_eq!(ask("Bonjour vous a été encore ouvert là ?").intent, Intent::Hours);
    // Half a sentence heard as made-up sounds ("c'est pour inscrire mon fils à…"): "fisa" sounds
    // like "visa", but no entry is given on it outright.
    assert_ne!(ask("C'est pour un scrime en FISA.").intent, Intent::Faq);
    // "vous êtes ouverts" heard "vous été ouverts"; "euh" heard "peu"; "l'aprèm" heard "à preme".
    assert_eq!(ask("Vous été ouverts, ce matin ?").intent, Intent::Hours);
    assert_eq!(service("Peu, la piscine, c'est ouvert, c'est à preme ?"), (Intent::Hours, Some("piscine".to_string())));
}

#[test]
fn a_message_a_closing_or_a_repeat_asked_in_other_words_or_half_heard() {
    let town = Arc::new(Town::sample());
    let now = at("2026-07-08T10:15:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "qu'on me rappelle" heard "qu'on ne rappelle": leaving one's number is enough.
    assert_eq!(ask("Bon, je vais vous laisser mon numéro qu'on ne rappelle.").intent, Intent::Message);
    // An answering machine asked for, even with the secretary named, is a message, not a transfer.
    assert_eq!(ask("Est-ce qu'il y a un répondeur pour laisser un moie à la secrétaire ?").intent, Intent::Message);
    // "bonne fin de journée" with its "fin" misheard.
    assert_eq!(ask("C'est parfait merci, bonne sin de journée !").intent, Intent::Goodbye);
    assert_eq!(ask("J'ai rien entendu, redite.").intent, Intent::Repeat);
    // The place's hours, not a goodbye: "de journée" beside a question.
    assert_ne!(ask("merci la piscine est ouverte en fin de journée").intent, Intent::Goodbye);
}

const HOLIDAYS_AND_PEOPLE: &str = r#"
[town]
name = "Saint-Test"
timezone = "Europe/Paris"
operator = "mairie"
[[service]]
id = "mairie"
name = "la mairie"
hours.monday = ["08:30-12:00"]
hours.wednesday = ["08:30-12:00"]
[[service]]
id = "technique"
name = "les services techniques"
hours.monday = ["07:00-12:00"]
hours.tuesday = ["07:00-12:00"]
[[service]]
id = "police"
name = "la police municipale"
hours.saturday = ["08:00-12:00"]
[[service]]
id = "dechetterie"
name = "la déchetterie"
hours.tuesday = ["08:00-12:00"]
hours.wednesday = ["08:00-12:00"]
[[service]]
id = "fontainier"
name = "le fontainier"
hours.thursday = ["09:00-11:00"]
[[collection]]
kind = "emballages"
days = ["wednesday"]
on_holiday = "next-day"
streets = ["Grande-Rue", "place de l'Église"]
[[collection]]
kind = "ordures ménagères"
days = ["monday"]
streets = ["quartier les Garrigues"]
[[faq]]
id = "mariage"
service = "mairie"
questions = ["Comment se marier à Saint-Test ?"]
keywords = ["mariage", "bans", "témoins"]
answer = "Le dossier de mariage se dépose à la mairie deux mois avant. Les mariages sont célébrés du lundi au samedi."
[[faq]]
id = "naissance"
service = "mairie"
questions = ["Comment déclarer une naissance ?"]
keywords = ["naissance", "bébé"]
answer = "La naissance se déclare dans les 5 jours, à la mairie du lieu de naissance."
[[faq]]
id = "fete"
questions = ["Quand a lieu la fête du village ?"]
keywords = ["fête du village", "fête votive"]
answer = "La fête du village a lieu le dernier week-end d'août."
"#;

#[test]
fn a_holiday_by_its_name_someone_in_at_the_town_hall_or_a_round_shifted() {
    let town = Arc::new(Town::parse(HOLIDAYS_AND_PEOPLE, "t.toml").unwrap());
    let now = at("2027-07-12T10:00:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "la fête nationale" is a day, not the village's festivity; "la décharge" is the dump.
    let r = ask("le jour de la fete nationale on peut aller a la decharge");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("dechetterie")), "{}", r.answer);
    assert!(r.answer.contains("14 juillet") && r.answer.contains("fermée"), "{}", r.answer);
    assert_eq!(ask("la fete du village c'est quand").faq.as_deref(), Some("fete"));
    // Someone of a service in at the town hall; a service named by its premises or its depot.
    let r = ask("le fontainier il est en mairie quel jour cette semaine");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("fontainier")), "{}", r.answer);
    let r = ask("samedi le poste de police municipale");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("police")), "{}", r.answer);
    let r = ask("vous commencez a quelle heure le matin a l atelier municipal");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("technique")), "{}", r.answer);
    // The caller coming on a day, for an errand no service is named for: the town hall's hours.
    let r = ask("je voulais venir ce samedi pour le livret de famille c est possible");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    // Asking to come on a day for a life event's papers: the hours, whatever days the entry tells
    // of the event itself; by when one may come is the procedure.
    let r = ask("je voulais venir demain matin pour le dossier de mariage c'est possible");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    let r = ask("ma femme a eu le bebe samedi jusqu a quand je peux venir l inscrire");
    assert_eq!(r.faq.as_deref(), Some("naissance"), "{}", r.answer);
    // The usual hours, or the town hall asked in the past tense: its hours.
    for q in ["euh jeudi apres midi d habitude c est ferme la c est ouvert", "je pensais que vous etiez ouverts"] {
        let r = ask(q);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{q}: {}", r.answer);
    }
    // A neighbourhood named without its kind, the article glued to the preposition.
    let r = ask("j habite aux garrigues la grise ils passent quand");
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("Garrigues") && r.answer.contains("lundi"), "{}", r.answer);
    // A round asked whether it is shifted by the holiday: its days, said of the whole commune.
    let r = ask("bonjour le tri avec le quatorze juillet c'est décalé ou pas");
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("jeudi 15 juillet") && !r.answer.contains(", Dans"), "{}", r.answer);
}

#[test]
fn an_urgent_number_or_whether_to_call_first_is_told_by_the_entry() {
    let town = |name: &str| Arc::new(Town::load(format!("{}/eval/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // "c'est urgent": the elected on call, not the office's number.
    let r = Conversation::new(town("heldout-2026-11-28/towns/orcelle.toml"))
        .reply("vous avez le numéro de portable du maire c'est urgent", at("2026-12-01T10:15:00+01:00"));
    assert!(r.answer.contains("06 80 14 27 33"), "{}", r.answer);
    let r = Conversation::new(town("dev-2026-11-29/towns/havre-aux-basques.toml"))
        .reply("c'est dimanche et on a plus d'eau dans le quartier y a un numero d'urgence", at("2027-03-16T09:30:00-02:00"));
    assert!(r.answer.contains("05 08 41 31 99"), "{}", r.answer);
    // "il faut appeler avant ?" asks whether one registers, which the entry tells.
    let r = Conversation::new(town("heldout-2026-11-28/towns/saint-aurele.toml"))
        .reply("pour les encombrants il faut appeler avant ou on sort comme ça", at("2026-12-01T10:15:00+04:00"));
    assert_eq!(r.faq.as_deref(), Some("encombrants"), "{}", r.answer);
}

#[test]
fn a_follow_up_on_the_topic_proposed_in_its_words_is_its_yes() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-b/towns/rebenheim.toml")).unwrap());
    let now = at("2027-11-18T10:00:00+01:00");
    let stand = "bonjour je fais des bredele et des couronnes de l'avent je voudrais avoir un stand au marché de noël";
    let mut c = Conversation::new(town.clone());
    let r = c.reply(stand, now);
    assert!(r.answer.contains("Votre question est-elle : Comment avoir un chalet"), "{}", r.answer);
    // The caller goes on about the chalet instead of saying "oui": the chalet's entry, its price.
    let r = c.reply("et ça coûte combien de louer un chalet", now);
    assert_eq!(r.faq.as_deref(), Some("marche-noel-chalet"), "{}", r.answer);
    assert!(r.answer.contains("150 euros"), "{}", r.answer);
    // "et c'est combien ?" alone names nothing of the topic proposed: it is not taken as a yes.
    let mut c = Conversation::new(town);
    c.reply(stand, now);
    let r = c.reply("et c'est combien", now);
    assert_ne!(r.faq.as_deref(), Some("marche-noel-chalet"), "{}", r.answer);
}

#[test]
fn whether_someone_can_be_reached_then_is_told_by_the_hours() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-11-29/towns/montrougeat.toml");
    let town = Arc::new(Town::load(path).unwrap());
    // "je peux encore appeler cet après-midi ?": until when someone answers, not the number.
    let r = Conversation::new(town.clone()).reply("je peux encore appeler pour le ramassage scolaire cet apres midi", at("2027-05-07T16:00:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("transport-scolaire")), "{}", r.answer);
    assert!(r.answer.contains("17 h"), "{}", r.answer);
    // The number asked outright stays the number.
    let r = Conversation::new(town).reply("c'est quoi le numéro du transport scolaire", at("2027-05-07T16:00:00+02:00"));
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
}

#[test]
fn coming_this_week_for_an_errand_is_told_by_the_hours_of_the_week() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-11-29-b/towns/vernassieux.toml");
    let town = Arc::new(Town::load(path).unwrap());
    let now = at("2027-02-01T09:30:00+01:00");
    let r = Conversation::new(town.clone()).reply("bonjour je dois récupérer mon passeport à l'annexe du plateau je peux venir cette semaine", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("annexe")), "{}", r.answer);
    assert!(r.answer.contains("Réouverture le jeudi 4 février à 9 h"), "{}", r.answer);
    // "voir les menus" is no visit.
    let r = Conversation::new(town).reply("c'est quoi qu'ils mangent à la cantine cette semaine où est ce que je peux voir les menus", now);
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn an_errand_at_a_moment_asked_possible_is_told_by_the_hours_then() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-01-b/towns/saint-aurele-du-luberon.toml");
    let mut c = Conversation::new(Arc::new(Town::load(path).unwrap()));
    let r = c.reply("je voudrais visiter la salle des fetes samedi avant de la reserver c est possible", at("2027-07-01T15:00:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("salle-des-fetes")), "{}", r.answer);
    assert!(r.answer.contains("Réouverture le samedi 4 septembre à 10 h"), "{}", r.answer);
    // A visit asked at what time: the place's opening, not the entry on until when music may play.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-01-c/towns/castellu-di-tarcu.toml");
    let r = Conversation::new(Arc::new(Town::load(path).unwrap()))
        .reply("on voudrait visiter la salle des fêtes ce samedi c'est possible à quelle heure", at("2027-07-06T10:20:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("salle-polyvalente")), "{}", r.answer);
    // An errand other than coming: the office's hours, not the hours of the thing it is about.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-11-29-b/towns/vernassieux.toml");
    let r = Conversation::new(Arc::new(Town::load(path).unwrap()))
        .reply("je voulais régler la facture du périscolaire ce matin c'est possible", at("2027-01-16T10:00:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("guichet-famille")), "{}", r.answer);
}

#[test]
fn a_building_named_or_the_office_spoken_to_is_asked_open() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // At a building door the address names after its postcode ("…, rez-de-chaussée, porte B").
    let r = Conversation::new(town("dev-2026-11-29-b/towns/vernassieux.toml")).reply("je suis devant la porte b c'est fermé", at("2027-01-18T12:10:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("etat-civil")), "{}", r.answer);
    // A building of the town's own name ("Maison des Balmettes").
    let r = Conversation::new(town("dev-2026-11-29-b/towns/les-balmettes.toml"))
        .reply("on est devant la maison des balmettes c'est fermé", at("2027-02-14T13:00:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("office-tourisme")), "{}", r.answer);
    // The town hall spoken to, beside words about the caller's day.
    let haubourcq = town("dev-2026-12-01-b/towns/haubourcq-les-forges.toml");
    let r = Conversation::new(haubourcq.clone()).reply("je finis le travail tard c est encore ouvert chez vous le jeudi soir", at("2027-02-11T18:25:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    // A service on a day and one word more, that no entry is about.
    let castera = town("dev-2026-12-01/towns/castera-montbrun.toml");
    let r = Conversation::new(castera.clone()).reply("le vendredi après-midi les services techniques répondent", at("2027-06-09T11:45:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("services-techniques")), "{}", r.answer);
    // "en ce moment" is also "these days": no hours for a question about hiring.
    let r = Conversation::new(castera).reply("la mairie recrute en ce moment", at("2027-06-09T11:45:00+02:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // Another body's place open, the service named only as where it stands: not the service's hours.
    let r = Conversation::new(town("dev-2026-12-01/towns/locarvel.toml"))
        .reply("il y a un restaurant ouvert le lundi soir sur le port", at("2027-03-16T10:20:00+01:00"));
    assert_eq!(r.intent, Intent::Unknown, "{}", r.answer);
}

#[test]
fn a_follow_up_after_an_entry_asks_the_same_of_another_thing_or_the_entry_again() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    let castelrenne = town("heldout-2026-11-28/towns/castelrenne.toml");
    let now = at("2026-12-01T10:15:00+01:00");
    // "c'est pareil" after an entry proposed: the same question of the passport, not its office's hours.
    let mut c = Conversation::new(castelrenne.clone());
    c.reply("c'est pour refaire ma carte d'identité", now);
    let r = c.reply("et pour le passeport c'est pareil", now);
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("carte-identite")), "{}", r.answer);
    // "on les trouve où": things found, not the office's address.
    let mut c = Conversation::new(castelrenne);
    c.reply("je voudrais inscrire ma fille à la cantine", now);
    let r = c.reply("et les menus on les trouve où", now);
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("menus-allergies")), "{}", r.answer);
    // The children's price, which the last entry tells.
    let mut c = Conversation::new(town("dev-2026-11-29/towns/villeroque.toml"));
    c.reply("c'est combien l'entree a la piscine pour un adulte", at("2026-12-10T10:15:00+01:00"));
    let r = c.reply("et pour les gamins c'est combien", at("2026-12-10T10:15:00+01:00"));
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("piscine-tarifs")), "{}", r.answer);
    assert!(r.answer.contains("2,50 euros"), "{}", r.answer);
    // After "d'accord", a weekday the last entry tells the times of: that entry, not an office's hours.
    let mut c = Conversation::new(town("dev-2026-11-29/towns/villeroque.toml"));
    c.reply("on peut tondre le dimanche a quelle heure", at("2026-12-10T10:15:00+01:00"));
    let r = c.reply("d'accord et le samedi c'est quoi les horaires", at("2026-12-10T10:15:00+01:00"));
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("bruit-travaux")), "{}", r.answer);
    // An acknowledgement with no question after it still closes the call.
    let r = c.reply("ok ça marche au revoir", at("2026-12-10T10:15:00+01:00"));
    assert_eq!(r.intent, Intent::Goodbye, "{}", r.answer);
}

#[test]
fn the_yellow_bags_or_a_day_beside_a_part_of_the_commune_ask_its_round() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // "les jaunes": the yellow bags, at a street said by its name alone.
    let r = Conversation::new(town("dev-2026-12-01-c/towns/mahury-les-criques.toml"))
        .reply("les jaunes à la savane ils sont passés ce matin j'ai raté c'est quand le prochain", at("2027-02-11T20:00:00-03:00"));
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("jeudi 25 février"), "{}", r.answer);
    // A day named beside the round and the part of the commune: whether it passes then.
    let castellu = town("dev-2026-12-01-c/towns/castellu-di-tarcu.toml");
    let now = at("2027-08-13T19:00:00+02:00");
    let r = Conversation::new(castellu.clone()).reply("demain samedi les poubelles dans le village y a le camion", now);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("samedi 14 août"), "{}", r.answer);
    // A day beside a bin and another errand is no question of rounds.
    let r = Conversation::new(castellu.clone()).reply("mon bac est cassé vous pouvez le changer lundi", now);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    // Yellow vests and yellow road lines are no bags.
    for q in ["les gilets jaunes passent quand au village", "les lignes jaunes dans le village c'est quand qu'ils les repeignent"] {
        let r = Conversation::new(castellu.clone()).reply(q, now);
        assert_ne!(r.intent, Intent::Collection, "{q}: {}", r.answer);
    }
    // Outside one of a commune's two parts: the other one.
    let r = Conversation::new(town("dev-2026-12-01-b/towns/saint-aurele-du-luberon.toml"))
        .reply("moi j habite dans la campagne hors du village la poubelle grise c est quand", at("2027-07-01T09:00:00+02:00"));
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("mercredi 7 juillet"), "{}", r.answer);
}

#[test]
fn a_service_asked_of_a_day_it_is_closed_by_a_holiday_is_told_closed() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // What the crèche does matters less than its closing on Christmas Day.
    let r = Conversation::new(town("dev-2026-11-29-b/towns/les-balmettes.toml"))
        .reply("euh le jour de noël la halte-garderie elle prend les petits", at("2026-12-25T10:00:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("garderie")), "{}", r.answer);
    assert!(r.answer.contains("samedi 26 décembre"), "{}", r.answer);
    // A booking for that day is no question of opening.
    let r = Conversation::new(town("dev-2026-11-29-b/towns/les-balmettes.toml"))
        .reply("le jour de noël on peut réserver la halte-garderie", at("2026-12-20T10:00:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // Christmas named in an errand ("le colis de Noël") is no question of hours.
    let r = Conversation::new(town("dev-2026-11-29/towns/villeroque.toml"))
        .reply("ma mere a soixante quinze ans elle a droit au colis de noel de la mairie", at("2026-12-10T10:15:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn a_building_asked_where_is_the_address_of_the_service_there() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // Two services share the building's address: either says it.
    let r = Conversation::new(town("dev-2026-12-01/towns/castera-montbrun.toml")).reply("c'est où la maison des solidarités", at("2027-06-09T11:45:00+02:00"));
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    assert!(r.answer.contains("6 rue des Cordeliers"), "{}", r.answer);
    // "elle est où" asks where too.
    let r =
        Conversation::new(town("dev-2026-11-29-b/towns/les-balmettes.toml")).reply("euh elle est où la maison des balmettes", at("2027-02-08T09:15:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Contact, Some("office-tourisme")), "{}", r.answer);
    // "je m'adresse à qui" asks whom to see, not the market's address.
    let r = Conversation::new(town("dev-2026-12-01/towns/castera-montbrun.toml"))
        .reply("pour avoir une place au marché jeudi je m'adresse à qui", at("2027-06-09T11:45:00+02:00"));
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("marche-emplacement")), "{}", r.answer);
}

#[test]
fn a_commune_nouvelle_s_places_creole_words_and_hours_during_an_event_are_understood() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap());
    let vireval = || Conversation::new(town("dev-2026-12-03/towns/terres-de-vireval.toml"));
    let may5 = at("2027-05-05T10:10:00+02:00");
    // "la mairie" alone, where every name says it with a place: the town hall that takes the calls.
    let r = vireval().reply("la mairie elle est ouverte le samedi matin jusqu'à quelle heure", may5);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie")), "{}", r.answer);
    // A former commune named for its rounds, though a town hall bears its name.
    let r = vireval().reply("les ordures à sainte honorine c'est quand", may5);
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("vendredi 7 mai"), "{}", r.answer);
    // A round serving two former communes, as its note says.
    let r = vireval().reply("les sacs jaunes au mesnil auger c'est quand", may5);
    assert!(r.answer.contains("jeudi 20 mai"), "{}", r.answer);
    // "fermé entre midi et deux" is the lunch break, not a time asked.
    let r = vireval().reply("la bibliothèque c'est fermé entre midi et deux ça rouvre à quelle heure", at("2027-05-12T12:45:00+02:00"));
    assert!(r.answer.contains("fermée") && r.answer.contains("14 h"), "{}", r.answer);
    // Réunion Creole: "lé où" is "est où".
    let r = Conversation::new(town("dev-2026-12-03/towns/ravine-songe.toml")).reply("la mairie annexe lé où dans les hauts", at("2027-12-17T14:20:00+04:00"));
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    assert!(r.answer.contains("Bras-Patate"), "{}", r.answer);
    // An event the hours depend on, which an entry tells: that entry, not the usual hours.
    let ravine = || Conversation::new(town("dev-2026-12-03/towns/ravine-songe.toml"));
    let dec17 = at("2027-12-17T14:20:00+04:00");
    let r = ravine().reply("la mairie i reste ouverte pendant le cyclone", dec17);
    assert_eq!((r.intent, r.faq.as_deref()), (Intent::Faq, Some("cyclone")), "{}", r.answer);
    let r = ravine().reply("la mairie est ouverte pendant les vacances", dec17);
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // A part another round's note names ("les Hauts de Piton-Calumet"), for the garden waste.
    let r = ravine().reply("bonjour les coupes de jardin à piton calumet lundi premier novembre", at("2027-10-29T16:00:00+04:00"));
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("mardi 2 novembre"), "{}", r.answer);
}

#[test]
fn one_of_several_town_halls_its_place_misheard_is_asked_which() {
    if !word_list_installed() {
        return;
    }
    let town = Arc::new(Town::load(format!("{}/eval/dev-2026-12-01-c/towns/mahury-les-criques.toml", env!("CARGO_MANIFEST_DIR"))).unwrap());
    // Never the main town hall's hours: which one.
    let r = Conversation::new(town).reply("la mairie de tritma kea elle est ouverte aujourd'hui", at("2027-02-08T09:40:00-03:00"));
    assert!(r.answer.starts_with("De quel endroit") && r.answer.contains("Crique-Macaya"), "{}", r.answer);
}

#[test]
fn a_service_named_by_its_first_words_or_its_person_and_waste_words_that_ask_no_round() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/dev-2026-12-03-b/towns/{p}.toml", env!("CARGO_MANIFEST_DIR"))).unwrap());
    let besse = || Conversation::new(town("la-besse-orlanges"));
    let may4 = at("2027-05-04T15:00:00+02:00");
    // "le secrétariat du SIVOS", the first words of its name, beats "la mairie" said elsewhere.
    let r = besse().reply("je passe à la mairie de chaumeillou demain, le secrétariat du sivos sera ouvert", may4);
    assert_eq!(r.service.as_deref(), Some("sivos"), "{}", r.answer);
    // The surname of the person a name holds ("la permanence de monsieur Vergnaud"), no French word.
    if word_list_installed() {
        let r = besse().reply("est-ce que je peux voir monsieur vergnaud samedi matin", may4);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("permanence-maire")), "{}", r.answer);
    }
    // "cette semaine ou la semaine prochaine": the next passage, whichever week.
    let r = besse().reply("route des chazeaux les ordures c'est cette semaine ou la semaine prochaine", at("2027-04-07T11:00:00+02:00"));
    assert!(r.answer.contains("jeudi 8 avril"), "{}", r.answer);

    let cap = || Conversation::new(town("cap-serane"));
    let aug13 = at("2027-08-13T10:40:00+02:00");
    // A beach flag is yellow, and a barbecue by a street is no round.
    let r = cap().reply("il y a un drapeau jaune avenue de la plage on peut se baigner", aug13);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    let r = cap().reply("chemin des oliviers j'ai le droit de brûler mes branches", aug13);
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    // Missed this morning: the next passage of that kind, another round's if sooner.
    let r = cap().reply("rue des tamaris ils sont passés ce matin j'ai raté le camion c'est quand le prochain", aug13);
    assert!(r.answer.contains("dimanche 15 août"), "{}", r.answer);
    // The part the caller lives in, placed by another ("au-dessus du village").
    let r = cap().reply("nous on habite dans les collines juste au-dessus du village les poubelles c'est quel jour", aug13);
    assert!(r.answer.contains("mercredi 18 août"), "{}", r.answer);
    // "l'année" is no misheard "l'annexe".
    let r = cap().reply("dans les collines les poubelles elles passent quand au début de l'année", at("2027-12-20T10:00:00+01:00"));
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    // The way, asked by the kind of street; a thing opened is not the opening.
    let r = cap().reply("la capitainerie c'est sur quel quai", aug13);
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    let r = cap().reply("avec la chaleur la mairie ouvre une salle fraîche pour les personnes âgées", aug13);
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // "les plages vont être fermées ?" during an alert: not the hours of the entry's office.
    let r = cap().reply("avec la vigilance orange pour le vent les plages vont être fermées ce soir", aug13);
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // "toute la journée ou que le matin", "le pont de l'Ascension … aujourd'hui", "le mariage de demain … ce soir".
    let r = besse().reply("la décharge samedi c'est ouvert toute la journée ou que le matin", at("2027-02-25T09:50:00+01:00"));
    assert!(r.answer.contains("17 h 30"), "{}", r.answer);
    let r = cap().reply("c'est le pont de l'ascension l'hôtel de ville est ouvert aujourd'hui", at("2027-05-07T09:00:00+02:00"));
    assert!(r.answer.contains("lundi 10 mai") && !r.answer.contains("2028"), "{}", r.answer);
    let r = besse().reply("les clés de la salle pour la fête de demain il y a quelqu'un ce soir", at("2027-05-07T17:30:00+02:00"));
    assert!(r.answer.contains("19 h"), "{}", r.answer);
}

#[test]
fn an_annex_said_the_other_way_round_duty_hours_and_words_that_ask_no_address_nor_number() {
    let town = |p: &str| Arc::new(Town::load(format!("{}/eval/dev-2026-12-03-c/towns/{p}.toml", env!("CARGO_MANIFEST_DIR"))).unwrap());
    let villaret = || Conversation::new(town("villaret-de-pramian"));
    // "l'annexe de la mairie" for "la mairie annexe de la station".
    let r = villaret().reply("on doit passer à l'annexe de la mairie c'est ouvert à quelle heure aujourd'hui", at("2027-02-20T14:30:00+01:00"));
    assert_eq!(r.service.as_deref(), Some("annexe-station"), "{}", r.answer);
    // On duty tonight, until when.
    let r = villaret().reply("les policiers municipaux sont en service cette nuit jusqu'à quand", at("2026-12-31T22:30:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("police-municipale")), "{}", r.answer);
    // "la prochaine ouverture" after "ce midi" gone by: from now.
    let r = villaret().reply("la bibliothèque a fermé ce midi c'est quand la prochaine ouverture", at("2027-02-20T12:45:00+01:00"));
    assert!(r.answer.contains("mardi 23 février"), "{}", r.answer);
    // "décéder" is a death; a place where one stands for the school bus is no opening asked.
    let r = villaret().reply("mon beau-père vient de décéder dans l'appartement qu'est-ce qu'on doit faire", at("2027-02-20T20:00:00+01:00"));
    assert_eq!(r.faq.as_deref(), Some("deces"), "{}", r.answer);
    let r = villaret().reply("à quelle heure elle doit être devant la mairie ma fille pour le bus du collège", at("2027-02-16T10:20:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);

    let aubrin = || Conversation::new(town("saint-aubrin-sur-marne"));
    let oct14 = at("2027-10-14T11:15:00+02:00");
    // The place named by its own name, not the office of the errand.
    let r = aubrin().reply("je voulais faire légaliser une signature à l'annexe des coudrais c'est ouvert en ce moment", at("2027-08-10T10:00:00+02:00"));
    assert_eq!(r.service.as_deref(), Some("annexe-coudrais"), "{}", r.answer);
    // "se trouve où" asks the way, whatever day follows.
    let r = aubrin().reply("elle se trouve où la mjd je dois y aller demain", oct14);
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    // A change of address, "ce numéro", "tout de suite" without going: no address, number nor hours.
    let r = aubrin().reply("le changement d'adresse sur la carte grise ça se fait à la mairie", oct14);
    assert_ne!(r.intent, Intent::Contact, "{}", r.answer);
    let r = aubrin().reply("pour la demande de logement on me parle d'un numéro c'est quoi ce numéro", oct14);
    assert_ne!(r.intent, Intent::Contact, "{}", r.answer);
    let r = aubrin().reply("au centre municipal de santé on paie la consultation tout de suite ou pas", oct14);
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // "l'accueil du soir" is the after-school care, and a person "en chair et en os" is asked for.
    let r = aubrin().reply("l'accueil du soir après l'école ça ferme à quelle heure", oct14);
    assert_ne!(r.service.as_deref(), Some("hotel-de-ville"), "{}", r.answer);
    let r = aubrin().reply("il y a pas quelqu'un en chair et en os qui peut me répondre", oct14);
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
    // The number of the place named, though an entry is about the errand; a body reached that an
    // entry names and gives a short number for; a phone asked "pour parler à quelqu'un".
    let r = aubrin().reply("vous avez le numéro du centre de santé pour prendre rendez-vous", oct14);
    assert!(r.answer.contains("01 48 72 43 00"), "{}", r.answer);
    let r = aubrin().reply("vous avez le numéro pour joindre pôle emploi", oct14);
    assert!(r.answer.contains("3949"), "{}", r.answer);
    let r = aubrin().reply("c'est quoi le téléphone pour parler à quelqu'un du logement à la mairie", oct14);
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
}

#[test]
fn a_service_said_inside_a_street_name_is_not_the_one_asked_about() {
    let body = "address = \"1 place de l'Église\"\n\
                [[service]]\nid = \"ccas\"\nname = \"le CCAS\"\naddress = \"3 rue du Marché\"\nhours.saturday = [\"08:00-10:00\"]\nhours.monday = [\"08:00-12:00\"]\n\
                [[service]]\nid = \"marche\"\nname = \"le marché couvert\"\naliases = [\"le marché\"]\naddress = \"rue du Marché\"\nhours.saturday = [\"06:00-13:00\"]\n";
    let town = plain(body);
    let now = at("2027-06-12T11:00:00+02:00");
    // The caller stands at the CCAS, in the rue du Marché: the market is only the street's name.
    let r = Conversation::new(town.clone()).reply("je suis devant le ccas rue du marché y a personne c'est quand qu'ils sont là", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("ccas")), "{}", r.answer);
    assert!(r.answer.contains("lundi"), "{}", r.answer);
    // Said as a place of its own, the market is asked about.
    let r = Conversation::new(town.clone()).reply("le marché il ferme à quelle heure", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("marche")), "{}", r.answer);
}

#[test]
fn a_rule_on_doing_something_in_the_place_named_is_its_entry_though_weakly_found() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-01-b/towns/saint-aurele-du-luberon.toml")).unwrap());
    // The hall is named and its entry tells until when the party may go on: the rule, not the
    // hall's visiting hours.
    let r =
        Conversation::new(town).reply("pour le mariage de mon fils on peut faire la fete jusqu a quelle heure dans la salle", at("2027-06-30T10:15:00+02:00"));
    assert_eq!(r.faq.as_deref(), Some("salle-location"), "{}", r.answer);
    assert!(r.answer.contains("1 h du matin"), "{}", r.answer);
}

#[test]
fn a_place_named_by_its_qualified_alias_is_asked_its_own_hours() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-c/towns/courvilliers.toml")).unwrap());
    // "la médiathèque du centre": the médiathèque's other name, not the centres de loisirs.
    let r = Conversation::new(town).reply("le mercredi 11 août la médiatèque du centre elle est ouverte", at("2027-07-13T10:15:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mediatheque-veil")), "{}", r.answer);
    assert!(r.answer.contains("mardi 24 août"), "{}", r.answer);
}

#[test]
fn a_need_of_ones_own_or_children_left_on_a_day_ask_the_hours_of_that_day() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/val-de-sinaise.toml")).unwrap());
    // "je dois travailler" is the caller's reason, not a rule of the place; tomorrow is 11 November.
    let r = Conversation::new(town.clone()).reply("bonjour la garderie demain matin elle est ouverte je dois travailler", at("2027-11-10T16:20:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("garderie")), "{}", r.answer);
    assert!(r.answer.contains("fermée") && r.answer.contains("vendredi 12 novembre"), "{}", r.answer);
    // Children left there on a named day, morning and evening: that whole day's hours.
    let r = Conversation::new(town).reply("euh demain jeudi je peux mettre les petits à la garderie le matin et le soir", at("2027-09-01T18:00:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("garderie")), "{}", r.answer);
    assert!(r.answer.contains("est ouverte de 7 h 15 à 8 h 45 et de 16 h 30 à 18 h 30"), "{}", r.answer);
}

#[test]
fn a_holiday_named_beside_a_hamlet_keeps_its_words() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/port-lanvern.toml")).unwrap());
    // "hameau de Kergoff" must not take the "de" of "lundi de Pâques"; "le dernier lundi" is to come.
    let r = Conversation::new(town)
        .reply("bonjour à kergoff les déchets verts du dernier lundi ce mois-ci c'est lundi de pâques ils passent", at("2027-03-24T10:00:00+01:00"));
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    assert!(r.answer.contains("lundi 29 mars") && r.answer.contains("lundi 26 avril") && !r.answer.contains("2026"), "{}", r.answer);
}

#[test]
fn a_visit_to_a_place_named_like_a_street_is_asked_its_hours() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/port-lanvern.toml")).unwrap());
    // "la mairie de Kerhouat": the annexe, visited for bags; not the rounds of the place de la
    // Mairie nor of the route de Kerhouat. It is in its summer closure.
    let r = Conversation::new(town)
        .reply("oui allo je voudrais passer à la mairie de kerouat ce matin pour des sacs jaunes c'est possible", at("2027-08-13T11:20:00+02:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mairie-annexe-kerhouat")), "{}", r.answer);
    assert!(r.answer.contains("mardi 24 août"), "{}", r.answer);
}

#[test]
fn a_day_asked_after_a_services_hours_in_a_few_more_words_is_its_hours_that_day() {
    let town = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/port-lanvern.toml")).unwrap());
    let now = at("2027-10-12T10:00:00+02:00");
    let mut c = Conversation::new(town);
    c.reply("bonjour la médiatèque elle ouvre à quelle heure le mardi", now);
    let r = c.reply("et le jeudi on peut y aller avec les enfants", now);
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mediatheque")), "{}", r.answer);
    assert!(r.answer.contains("jeudi 14 octobre") && r.answer.contains("fermée"), "{}", r.answer);
    // A moment of today without a day ("en retard le soir") is no such question.
    let r = c.reply("et si je suis en retard le soir qu'est-ce qui se passe", now);
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn a_service_asked_by_its_staff_or_its_running_on_a_day_is_its_hours() {
    let lanvern = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/port-lanvern.toml")).unwrap());
    let sinaise = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/val-de-sinaise.toml")).unwrap());
    let ask = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // An alias's word ("maître de port") that another service's entry holds ("maîtres-nageurs").
    let r = ask(&lanvern, "2027-11-08T10:00:00+01:00", "le maître de port il sera là jeudi pour le onze novembre");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("capitainerie")), "{}", r.answer);
    assert!(r.answer.contains("jeudi 11 novembre") && r.answer.contains("17 h 30"), "{}", r.answer);
    // A shuttle that runs on a day.
    let r = ask(&lanvern, "2027-12-28T11:00:00+01:00", "bonjour le premier janvier la vedette pour tévenn elle marche on peut avoir des billets");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("gare-maritime")), "{}", r.answer);
    assert!(r.answer.contains("1er janvier") && r.answer.contains("10 h à 12 h"), "{}", r.answer);
    // The ladies of the library, there until when.
    let r = ask(&sinaise, "2027-11-10T16:20:00+01:00", "allo les dames de la bibli elles sont là jusqu'à quand cet après midi");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("bibliotheque")), "{}", r.answer);
    assert!(r.answer.contains("17 h 30"), "{}", r.answer);
    // An office word followed by another service's name: the medical centre's, not the town hall's.
    let r = ask(&sinaise, "2027-12-23T10:00:00+01:00", "le vingt quatre le secrétariat des médecins il est ouvert jusqu'à quelle heure");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("maison-sante")), "{}", r.answer);
    // Not a street lamp that no longer works, nor keys lost at the market.
    let r = ask(&sinaise, "2027-11-10T16:20:00+01:00", "le lampadaire devant chez moi il marche plus depuis une semaine c'est tout noir le soir");
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn a_place_asked_where_in_other_words_and_a_church_service_in_a_village_are_read_right() {
    let sinaise = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-d/towns/val-de-sinaise.toml")).unwrap());
    let ask = |q: &str| Conversation::new(sinaise.clone()).reply(q, at("2027-11-10T16:20:00+01:00"));
    let r = ask("la décharge c'est à quel endroit exactement");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Contact, Some("dechetterie")), "{}", r.answer);
    assert!(r.answer.contains("Croix-Moreau, route de Villechaise"), "{}", r.answer);
    let r = ask("la bibli c'est dans quel bâtiment");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Contact, Some("bibliotheque")), "{}", r.answer);
    // The village's name, after "à", is where the mass is said: not its mairie déléguée's hours.
    let r = ask("euh c'est à quelle heure la messe dimanche à villechaise");
    assert_eq!(r.intent, Intent::Unknown, "{}", r.answer);
}

#[test]
fn holidays_just_gone_missed_days_and_either_day_are_read_as_the_caller_means() {
    let aub = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-e/towns/aubrelles-les-bains.toml")).unwrap());
    let sev = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-e/towns/sevrigny-sous-bois.toml")).unwrap());
    let ask = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now)).answer;
    // "le lendemain de la Toussaint", said on 2 November: today.
    let a = ask(&aub, "2027-11-02T07:40:00+01:00", "bonjour c'est le lendemain de la toussaint la poubelle boulevard anatole brugère elle passe quand");
    assert!(a.starts_with("Aujourd'hui mardi"), "{a}");
    // "avec Pâques" on Easter Monday: the reason, not next year's Easter.
    let a = ask(&aub, "2027-03-29T10:40:00+02:00", "bonjour avec pâques les ordures ménagères avenue berenice c'est quand");
    assert!(a.contains("mardi 30 mars") && !a.contains("2028"), "{a}");
    // "les emballages de Noël": a thing of the season.
    let a = ask(&aub, "2026-12-28T18:00:00+01:00", "bonsoir j'ai trois sacs jaunes avec les emballages de noël je les sors quand rue du casino");
    assert!(a.contains("samedi 2 janvier") && !a.contains("2027"), "{a}");
    // Missed on Saturday or at the weekend, said on Monday: the next passage, not the one after.
    for q in [
        "j'ai raté les sacs jaunes samedi rue du casino c'est quand la prochaine fois",
        "j'ai loupé le passage des emballages ce week end rue du casino ils repassent quand",
    ] {
        let a = ask(&aub, "2027-01-04T09:00:00+01:00", q);
        assert!(a.contains("vendredi 8 janvier"), "{q}: {a}");
    }
    // The street's own words ("chênes verts") name no green waste.
    let a = ask(&sev, "2026-12-24T18:00:00+01:00", "bonsoir rue des chenes vert avec noël vendredi le camion passe quel jour");
    assert!(a.contains("reportée au samedi 26 décembre") && !a.contains("2027"), "{a}");
    // Today or next Thursday: the next passage.
    let a = ask(&sev, "2027-05-07T07:30:00+02:00", "bonjour les sacs de tonte rue de la fosse blanche c'est aujourd'hui ou jeudi prochain");
    assert!(a.contains("Prochain passage : aujourd'hui, le vendredi 7 mai"), "{a}");
}

#[test]
fn a_service_reached_on_the_phone_on_leave_or_spoken_to_as_vous_is_asked_its_hours() {
    let aub = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-e/towns/aubrelles-les-bains.toml")).unwrap());
    let sev = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-e/towns/sevrigny-sous-bois.toml")).unwrap());
    let hours_of = |town: &Arc<Town>, now: &str, turns: &[&str]| {
        let mut c = Conversation::new(town.clone());
        let mut r = None;
        for t in turns {
            r = Some(c.reply(t, at(now)));
        }
        let r = r.unwrap();
        assert_eq!(r.intent, Intent::Hours, "{turns:?}: {}", r.answer);
        (r.service.unwrap_or_default(), r.answer)
    };
    let (s, a) = hours_of(&sev, "2027-08-17T10:00:00+02:00", &["le service logement il est en congé jusqu'à quand"]);
    assert!(s == "logement" && a.contains("lundi 30 août à 13 h 30"), "{a}");
    let (s, a) = hours_of(&sev, "2027-12-31T14:00:00+01:00", &["le service des encombrants il répond quand après le nouvel an"]);
    assert!(s == "allo-dechets" && a.contains("lundi 3 janvier à 9 h"), "{a}");
    let (s, _) = hours_of(&aub, "2027-01-20T14:00:00+01:00", &["le service des eaux répond le mercredi après midi sinon je rappelle quand"]);
    assert_eq!(s, "regie-eaux");
    // "vous" after a service's hours is that service; so is "l'accueil" when its name says it.
    let (s, a) = hours_of(
        &sev,
        "2027-12-23T10:00:00+01:00",
        &["le centre de santé vous fermez à quelle heure ce soir", "et demain vendredi veille de noël vous fermez à quelle heure"],
    );
    assert!(s == "cms" && a.contains("de 13 h 30 à 17 h"), "{a}");
    let (s, _) = hours_of(
        &aub,
        "2027-06-08T11:00:00+02:00",
        &["les thermes l'accueil des curistes c'est ouvert à quelle heure le matin", "et le samedi après midi y a quelqu'un à l'accueil"],
    );
    assert_eq!(s, "thermes");
    // The desk of a place named before it.
    let (s, _) =
        hours_of(&aub, "2027-11-07T15:00:00+01:00", &["bonjour je voudrais rendre visite à ma tante aux gentianes l'accueil il est ouvert cet après midi"]);
    assert_eq!(s, "residence-autonomie");
    // The day asked, not the one compared with.
    let (_, a) =
        hours_of(&aub, "2027-09-14T10:00:00+02:00", &["la déchetterie de pradoux elle ouvre quels jours", "et le jeudi c'est l'après midi comme le mercredi"]);
    assert!(a.contains("jeudi") && a.contains("fermée"), "{a}");
    // A holiday of one's own is no service on leave.
    let mut c = Conversation::new(sev.clone());
    let r = c.reply("on part en vacances en juillet quand est-ce que je dois demander les passeports", at("2027-03-02T10:00:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn still_time_to_go_a_gate_shut_and_an_entry_that_sends_to_the_hours_ask_the_hours() {
    let itx = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-f/towns/itxaslur.toml")).unwrap());
    let ver = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-f/towns/verlanges.toml")).unwrap());
    let hours_of = |town: &Arc<Town>, now: &str, q: &str| {
        let r = Conversation::new(town.clone()).reply(q, at(now));
        assert_eq!(r.intent, Intent::Hours, "{q}: {}", r.answer);
        (r.service.unwrap_or_default(), r.answer)
    };
    // "je peux encore passer": still open now; "patiner", "la tombe de": the rink, the cemetery.
    let (s, a) = hours_of(&ver, "2027-06-11T21:00:00+02:00", "avec les copains on peut encore aller patiner ce soir");
    assert!(s == "patinoire" && a.contains("fermée"), "{a}");
    let (s, a) = hours_of(&itx, "2027-10-31T18:30:00+01:00", "je peux encore passer sur la tombe de ma mère");
    assert!(s == "cimetiere" && a.contains("19 h"), "{a}");
    // Still time to go to an office whose entry tells the hours of what it teaches: its own hours.
    let (s, a) = hours_of(&itx, "2027-10-05T18:30:00+02:00", "je finis le travail je peux encore passer au service de la langue basque");
    assert!(s == "euskara" && a.contains("jusqu'à 20 h"), "{a}");
    // The gate of the place the caller stands before is that place's.
    let (s, _) = hours_of(&ver, "2027-11-02T18:15:00+01:00", "je suis devant le cimetière et le portail est fermé ça rouvre quand");
    assert_eq!(s, "cimetiere");
    // An entry on renting "pendant ses heures d'ouverture" does not tell whether it is open.
    let (s, _) = hours_of(&itx, "2027-04-14T16:30:00+02:00", "je voudrais louer une planche de surf c'est encore ouvert");
    assert_eq!(s, "centre-nautique");
    // The caller's own work, or a delay before a trip, is no question of hours.
    let mut c = Conversation::new(ver.clone());
    let r = c.reply("je travaille le samedi et mon fils n'a pas classe qui peut le garder", at("2027-11-01T10:20:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    let r = Conversation::new(ver.clone()).reply("ma carte d'identité expire en février et je pars en avril j'ai le temps", at("2027-11-01T10:20:00+01:00"));
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
}

#[test]
fn a_closure_said_at_the_end_a_covered_market_and_the_rounds_asked_by_the_office_alias() {
    let itx = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-f/towns/itxaslur.toml")).unwrap());
    let ver = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-04-f/towns/verlanges.toml")).unwrap());
    let cap = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05/towns/port-capelan.toml")).unwrap());
    let aub = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05/towns/aubrelay.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // An errand, then "c'est fermé ?" at the end: whether the office is open, not the errand's entry.
    let r = reply(&ver, "2027-08-05T11:00:00+02:00", "c'est pour la cantine de ma fille à la rentrée le guichet unique famille c'est fermé");
    assert!(r.intent == Intent::Hours && r.answer.contains("16 août"), "{}", r.answer);
    // "jusqu'à quand" beside a closure asks its end.
    let r = reply(&ver, "2027-09-10T11:00:00+02:00", "le centre aquatique est en vidange jusqu'à quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("20 septembre"), "{}", r.answer);
    // "le marché couvert" (an alias of the halles) on Christmas Day: the halles, not the open-air market.
    let r = reply(&itx, "2027-12-22T09:00:00+01:00", "le jour de noël je pourrai aller au marché couvert");
    assert!(r.intent == Intent::Hours && r.answer.contains("fermées"), "{}", r.answer);
    // "les poubelles", an alias of the waste office, asked on the eve of a holiday: the round.
    let r = reply(&cap, "2027-05-23T19:00:00+02:00", "demain c'est férié les poubelles à la gravelle ça passe quel jour");
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    // Yellow bags whose entry tells no day, asked "quel jour": the round's day.
    let r = reply(&aub, "2027-03-02T09:00:00+01:00", "mes sacs jaunes avec le plastique je les descends quel jour");
    assert!(r.intent == Intent::Collection && r.answer.contains("jeudi"), "{}", r.answer);
    // The part of the commune a bulky round serves, named: the round, not the appointment entry.
    let r = reply(&cap, "2027-02-01T09:00:00+01:00", "dans le quartier haut les encombrants passent quel jour");
    assert!(r.intent == Intent::Collection && r.answer.contains("dernier jeudi"), "{}", r.answer);
    // "quels jours de la semaine": the rule, not this week's passages.
    let r = reply(&cap, "2027-07-14T09:30:00+02:00", "impasse des filets le camion des ordures il vient quels jours de la semaine");
    assert!(r.answer.contains("le lundi, le mardi"), "{}", r.answer);
}

#[test]
fn a_reopening_a_vet_wanted_christmas_eve_and_the_town_named_by_its_own_name() {
    let her = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-b/towns/herouvray.toml")).unwrap());
    let mar = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-b/towns/marvange.toml")).unwrap());
    let aub = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05/towns/aubrelay.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "la mairie de Marvange", the town's own name: the town hall, not "la mairie de Haut-Marvange".
    let r = reply(&mar, "2027-03-24T10:00:00+01:00", "vendredi vingt-six c'est chômé la mairie de marvange ouvre quand même");
    assert_eq!(r.service.as_deref(), Some("hotel-de-ville"), "{}", r.answer);
    // "vous fermez à quelle heure la garderie ?": its hours, not a price entry naming a late hour.
    let r = reply(&her, "2027-11-08T17:30:00+01:00", "vous fermez à quelle heure la garderie ce soir");
    assert!(r.intent == Intent::Hours && r.answer.contains("18 h 45"), "{}", r.answer);
    // A vet asked for: another body's, whatever an entry says of cattle on the road.
    let r = reply(&her, "2027-10-21T09:10:00+02:00", "j'ai une vache qui vêle mal il me faut un vétérinaire tout de suite");
    assert_ne!(r.intent, Intent::Faq, "{}", r.answer);
    // No bin at a new home: the entry on bins, not the street's round.
    let r = reply(&her, "2027-10-21T09:10:00+02:00", "on vient d'arriver à la vieille cour y a pas de conteneur pour les ordures");
    assert!(r.intent == Intent::Faq && r.answer.contains("10 jours"), "{}", r.answer);
    // "jusqu'à quand … aujourd'hui": today's hours.
    let r = reply(&her, "2027-10-21T09:10:00+02:00", "c'est jusqu'à quand qu'on peut rester au cimetière aujourd'hui");
    assert!(r.intent == Intent::Hours && r.answer.contains("17 h 30"), "{}", r.answer);
    // A season's start asked of a place open only in season: its next opening, not its prices.
    let r = reply(&her, "2027-05-10T10:00:00+02:00", "la saison de la piscine d'été elle commence quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("5 juin"), "{}", r.answer);
    // "le soir de Noël": Christmas Eve.
    let r = reply(&her, "2026-12-21T10:00:00+01:00", "le soir de noël l'église reste ouverte jusqu'à quelle heure");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 décembre"), "{}", r.answer);
    // An address said outright, though "permanence" is a word of opening.
    let r = reply(&mar, "2026-12-26T10:05:00+01:00", "la permanence pour les frontaliers c'est à quelle adresse");
    assert!(r.intent == Intent::Contact && r.answer.contains("Saint-Éloi"), "{}", r.answer);
    // Mass in the church, a vet on duty: other bodies' hours, neither the church's nor an entry's.
    for q in ["bonjour la messe de minuit à noël c'est à quelle heure dans l'église", "bonjour y a un vétérinaire de garde pour mon chien ce soir"] {
        let r = reply(&aub, "2027-09-18T10:20:00+02:00", q);
        assert!(!matches!(r.intent, Intent::Hours | Intent::Faq), "{q}: {}", r.answer);
    }
    // "quels papiers" beside a street's name: documents, not the paper round.
    let r = reply(&aub, "2027-09-18T10:20:00+02:00", "euh pour louer les tilleuls pour une fête je dois ramener quels papiers");
    assert_ne!(r.intent, Intent::Collection, "{}", r.answer);
    // A closed office asked when it reopens, whatever the errand's entry says.
    let r = reply(&aub, "2027-08-16T09:15:00+02:00", "bonjour j'ai un recommandé à retirer l'agence postale est fermée elle rouvre quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("31 août"), "{}", r.answer);
}

#[test]
fn a_start_the_staff_a_short_street_name_the_week_after_christmas_and_a_word_of_a_market_s_name() {
    let bes = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-c/towns/bessac.toml")).unwrap());
    let sau = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-c/towns/sauvegrand.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "elle commence quand": the next opening of a place open in summer only, not its rules.
    let r = reply(&bes, "2027-01-16T09:40:00+01:00", "on prépare nos vacances le plan d'eau la baignade surveillée elle commence quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("26 juin"), "{}", r.answer);
    // One word of a market's name, asked open this morning: its hours today.
    let r = reply(&bes, "2027-01-16T09:40:00+01:00", "on arrive de bordeaux pour les truffes on a jusqu'à quand ce matin sous la halle");
    assert!(r.intent == Intent::Hours && r.answer.contains("13 h"), "{}", r.answer);
    // "le jeudi après-midi" of another day: that afternoon, and the whole day's hours.
    let r = reply(&sau, "2027-03-16T10:00:00+01:00", "bonjour l'urba le jeudi après-midi c'est jusqu'à quelle heure");
    assert!(r.intent == Intent::Hours && r.answer.contains("9 h") && r.answer.contains("17 h"), "{}", r.answer);
    // "rue Mistral" for the rue Frédéric-Mistral, a round shifted by Easter Monday.
    let r = reply(&sau, "2027-03-28T19:00:00+02:00", "rue mistral demain c'est lundi de pâques ils passent quand");
    assert!(r.intent == Intent::Collection && r.answer.contains("30 mars"), "{}", r.answer);
    // A place of several words named whole, a passage missed: the next one.
    let r = reply(&sau, "2026-12-30T15:00:00+01:00", "au mas des trois-taureaux ils sont passés trop tôt c'est quand la suivante");
    assert!(r.intent == Intent::Collection && r.answer.contains("6 janvier"), "{}", r.answer);
    // "sur le cours": the town's only cours.
    let r = reply(&sau, "2027-08-16T10:15:00+02:00", "j'avais pas sorti mon bac sur le cours c'est quand la prochaine");
    assert!(r.intent == Intent::Collection && r.answer.contains("Gambetta"), "{}", r.answer);
    // "entre Noël et le premier de l'an" in that week: closed now, and when it reopens.
    let r = reply(&sau, "2027-12-30T08:00:00+01:00", "les poulains c'est ouvert cette semaine entre noël et le premier de l'an");
    assert!(r.intent == Intent::Hours && r.answer.contains("3 janvier") && !r.answer.contains("2028"), "{}", r.answer);
    // "elle rouvre quand": the place's own reopening, whatever entry is about its school.
    let r = reply(&sau, "2027-08-16T10:15:00+02:00", "la garderie de l'école des salicornes elle rouvre quand à la rentrée");
    assert!(r.intent == Intent::Hours && r.answer.contains("1er septembre"), "{}", r.answer);
}

#[test]
fn a_square_said_alone_a_market_of_two_a_museum_without_its_prefix_and_a_wish_at_the_end() {
    let bes = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-c/towns/bessac.toml")).unwrap());
    let sau = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-c/towns/sauvegrand.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "sur la place": both squares of the village share the cardboard round.
    let r = reply(&sau, "2027-08-16T10:15:00+02:00", "les cartons pliés devant le magasin sur la place ils passent quand");
    assert!(r.intent == Intent::Collection && r.answer.contains("21 août"), "{}", r.answer);
    // "le musée" for the écomusée, visited in a month it is shut; said as a masculine noun.
    let r = reply(&sau, "2027-02-10T15:00:00+01:00", "le musée de la sansouïre on peut le visiter en février");
    assert!(r.intent == Intent::Hours && r.answer.contains("2 mars") && r.answer.contains("fermé "), "{}", r.answer);
    // "le marché" of a town of two markets: the one held the day asked…
    let r = reply(&bes, "2027-12-23T18:00:00+01:00", "on m'a dit que le marché est avancé demain c'est de quelle heure à quelle heure");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 décembre") && r.answer.contains("10 h"), "{}", r.answer);
    // …else which one; and no hours for the weather of a weekend.
    let r = reply(&bes, "2027-07-08T18:00:00+02:00", "le marché c'est jusqu'à quelle heure");
    assert!(r.answer.contains("truffes ou le marché nocturne"), "{}", r.answer);
    let r = reply(&bes, "2027-01-16T09:40:00+01:00", "bonjour il va faire beau ce week-end pour le marché");
    assert!(r.intent != Intent::Hours, "{}", r.answer);
    // A ticket office's days: when it sells.
    let r = reply(&sau, "2027-05-14T10:00:00+02:00", "le lundi dix-sept c'est férié mais les arènes vendent des places quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("15 h"), "{}", r.answer);
    // Bundles of branches are garden waste; a wish after goodbye ends the call.
    let r = reply(&bes, "2027-06-14T15:00:00+02:00", "rue des truffières ils ont pas pris mes fagots ce matin c'est quand la prochaine");
    assert!(r.intent == Intent::Collection && r.answer.contains("13 septembre"), "{}", r.answer);
    let r = reply(&sau, "2027-08-16T10:15:00+02:00", "merci au revoir bonne fête");
    assert_eq!(r.intent, Intent::Goodbye, "{}", r.answer);
    // "la vieille de Noël" as heard: Christmas Eve is today.
    let r = reply(&sau, "2027-12-24T10:00:00+01:00", "bonjour la crèche est ferme à quelle heure aujourd'hui vieille de noël");
    assert!(r.intent == Intent::Hours && r.answer.contains("16 h"), "{}", r.answer);
}

#[test]
fn still_open_whatever_the_errand_staff_and_things_that_name_a_place_and_the_christmas_holidays_under_way() {
    let fau = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-d/towns/fauvignac.toml")).unwrap());
    let ste = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-d/towns/saint-eutrope.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "il est encore ouvert là ?" beside an errand its entry tells: the opening.
    let r = reply(&fau, "2026-12-31T18:15:00+01:00", "euh le relais poste il est encore ouvert là je voulais retirer un colis");
    assert!(r.intent == Intent::Hours && r.answer.contains("2 janvier"), "{}", r.answer);
    // Who works there names the place: the lifeguards, the septic tanks' inspector.
    let r = reply(&ste, "2027-09-05T19:00:00+02:00", "bonsoir il y a encore des maîtres-nageurs sur la plage à cette heure-ci");
    assert!(r.intent == Intent::Hours && r.answer.contains("fermée"), "{}", r.answer);
    let r = reply(&fau, "2027-03-11T11:00:00+01:00", "euh le technicien des fosses il est joignable jusqu'à quelle heure là");
    assert!(r.intent == Intent::Hours && r.answer.contains("12 h"), "{}", r.answer);
    // "pendant les vacances de Noël" asked during them: not next year's.
    let r = reply(&fau, "2026-12-29T08:45:00+01:00", "bonjour la maison de la tourbière elle est ouverte pendant les vacances de noël");
    assert!(r.intent == Intent::Hours && r.answer.contains("1er avril") && !r.answer.contains("2028"), "{}", r.answer);
    // Today's passage said with its date; "il est resté plein" missed it.
    let r = reply(&fau, "2026-12-29T08:45:00+01:00", "bonjour les sacs jaunes aux gaudroux c'est quand le ramassage");
    assert!(r.intent == Intent::Collection && r.answer.contains("29 décembre"), "{}", r.answer);
    let r = reply(&ste, "2026-12-31T14:00:00+01:00", "euh route du phare le jaune il est resté plein ce matin c'est quand la suite");
    assert!(r.intent == Intent::Collection && r.answer.contains("7 janvier"), "{}", r.answer);
    // "quels jours dans la semaine": the rule's days.
    let r = reply(&ste, "2027-07-14T18:10:00+02:00", "euh au puits doux la poubelle grise c'est quels jours dans la semaine");
    assert!(r.intent == Intent::Collection && r.answer.contains("le mardi et le vendredi"), "{}", r.answer);
    // A child left at the after-school club on a day: its hours; a car left is no visit.
    let r = reply(&fau, "2027-05-06T18:30:00+02:00", "bonjour je dois partir à sept heures et demie demain vendredi je peux laisser le petit à la garderie");
    assert!(r.intent == Intent::Hours && r.answer.contains("10 mai"), "{}", r.answer);
    let r = reply(&ste, "2027-07-14T10:00:00+02:00", "on vient pour la journée on peut laisser l'auto devant la capitainerie demain");
    assert!(r.intent != Intent::Hours, "{}", r.answer);
    // The staff's arrival, someone still there: the hours.
    let r = reply(&fau, "2026-12-29T08:45:00+01:00", "allô c'est pour savoir si la secrétaire arrive bientôt ce matin parce que j'attends dans la voiture");
    assert!(r.intent == Intent::Hours && r.answer.contains("9 h"), "{}", r.answer);
    let r = reply(&fau, "2027-08-15T18:45:00+02:00", "oui bonjour il y a encore quelqu'un au poste de surveillance du lac là");
    assert!(r.intent == Intent::Hours && r.answer.contains("16 août"), "{}", r.answer);
    let r = reply(&ste, "2027-05-06T19:00:00+02:00", "demain vendredi c'est le pont le centre de loisirs prend les enfants");
    assert!(r.intent == Intent::Hours && r.answer.contains("7 mai"), "{}", r.answer);
    // "les plastiques" where a round is "plastiques agricoles": that round, not the sorting one.
    let r = reply(&fau, "2027-03-18T16:00:00+01:00", "ils sont pas passés prendre les plastiques ce matin à couraud c'est quand le prochain");
    assert!(r.intent == Intent::Collection && r.answer.contains("17 juin"), "{}", r.answer);
    // "le secrétariat" asked for: a person.
    let r = reply(&ste, "2027-07-14T10:00:00+02:00", "est-ce que je peux avoir le secrétariat du maire");
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
}

#[test]
fn a_ferry_called_the_bac_a_place_said_by_its_proper_name_a_weekday_in_a_season_and_the_town_hall_heard_as_a_mother() {
    let ver = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-e/towns/vaurenay.toml")).unwrap());
    let ser = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-e/towns/sermonville.toml")).unwrap());
    let cap = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-03-b/towns/cap-serane.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "le bac" where the ferry is "le bac de Vaurenay": the ferry, not a bin nor the rue du Bac.
    let r = reply(&ver, "2027-08-15T17:00:00+02:00", "le bac ce soir il s'arrête quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("20 h"), "{}", r.answer);
    // …but "le bac jaune" and "je sors le bac" are bins, and "aux Fontenelles" their street.
    let r = reply(&ver, "2027-08-15T17:00:00+02:00", "le bac jaune aux fontenelles c'est quel vendredi");
    assert!(r.intent == Intent::Collection && r.answer.contains("Fontenelles") && !r.answer.contains("rue du Bac"), "{}", r.answer);
    let r = reply(&ver, "2027-08-15T17:00:00+02:00", "je sors le bac quand");
    assert!(r.intent == Intent::Collection && !r.answer.contains("Loire"), "{}", r.answer);
    // A verb that is a one-word street's name ("rue de la Boire") names no street.
    let r = reply(&ver, "2027-08-15T17:00:00+02:00", "on aimerait boire un petit verre de blanc du coin ça se paie");
    assert!(!r.answer.contains("Boire"), "{}", r.answer);
    // "je passe" is no "passeur".
    let r = reply(&ver, "2027-02-11T10:00:00+01:00", "je passe pour la carte grise de mon fils c'est fermé le jeudi après midi");
    assert!(!r.answer.contains("bac"), "{}", r.answer);
    // "la mère" heard for "la mairie" in a question of its opening.
    let r = reply(&ver, "2027-05-01T10:15:00+02:00", "la mère de vaurenay elle est ouverte aujourd'hui samedi");
    assert!(r.intent == Intent::Hours && r.answer.contains("mairie") && r.answer.contains("3 mai"), "{}", r.answer);
    // A place said by its proper name: "aux Perrières" for "la déchetterie des Perrières"; not a
    // quarter the rounds serve ("au Grau", where the annex is "la mairie annexe du Grau").
    let r = reply(&ver, "2027-05-01T10:15:00+02:00", "le lundi je peux aller aux perrières avec la remorque");
    assert!(r.intent == Intent::Hours && r.answer.contains("déchetterie") && r.answer.contains("4 mai"), "{}", r.answer);
    let r = reply(&cap, "2027-08-13T10:40:00+02:00", "euh on m'a dit qu'il y avait des méduses au grau comment on sait si elles sont là");
    assert!(!r.answer.contains("mairie annexe"), "{}", r.answer);
    // A weekday in a season, and the season kept for the next weekday asked.
    let r = reply(&ver, "2027-05-01T10:15:00+02:00", "l'office de tourisme il est ouvert le lundi en hiver");
    assert!(r.intent == Intent::Hours && r.answer.contains("27 décembre") && r.answer.contains("fermé"), "{}", r.answer);
    let mut c = Conversation::new(ver.clone());
    c.reply("bonjour le château est ouvert le mercredi en hiver", at("2027-05-01T10:15:00+02:00"));
    let r = c.reply("et le mardi on peut visiter", at("2027-05-01T10:15:00+02:00"));
    assert!(r.answer.contains("21 décembre") && r.answer.contains("fermé"), "{}", r.answer);
    // The same service named again in a follow-up is no sibling ("l'assistante sociale de la mairie").
    let mut c = Conversation::new(ver.clone());
    c.reply("bonjour la mairie ouvre à quelle heure le lundi", at("2027-05-01T10:15:00+02:00"));
    let r = c.reply("et le jeudi la mairie c'est quels horaires", at("2027-05-01T10:15:00+02:00"));
    assert!(r.answer.contains("accueil de la mairie") && !r.answer.contains("CCAS"), "{}", r.answer);
    // Back from leave, and "il y a le marché aujourd'hui ?".
    let r = reply(&ver, "2027-08-12T10:00:00+02:00", "la biblio elle revient de congés quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 août"), "{}", r.answer);
    let r = reply(&ser, "2027-11-11T09:00:00+01:00", "il y a le marché aujourd'hui");
    assert!(r.intent == Intent::Hours && r.answer.contains("12 h 30"), "{}", r.answer);
    // The traffic going too fast is no request to speak slower.
    let r = reply(&ser, "2027-11-11T09:00:00+01:00", "ça roule trop vite les engins agricoles au centre c'est quoi la limite");
    assert!(r.intent != Intent::Slower, "{}", r.answer);
}

#[test]
fn a_closure_just_gone_a_return_asked_a_place_still_running_and_the_kinds_a_follow_up_keeps() {
    let val = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-f/towns/vallorupt.toml")).unwrap());
    let rou = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-f/towns/rouveyrac.toml")).unwrap());
    let ser = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-e/towns/sermonville.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // A holiday or a date just gone, said as the closure's reason, its reopening asked: from now,
    // not next year's.
    let r = reply(&val, "2027-11-12T08:45:00+01:00", "c'est fermé à cause du onze novembre d'hier vous rouvrez quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("13 novembre") && !r.answer.contains("2028"), "{}", r.answer);
    let r = reply(&val, "2027-05-07T10:00:00+02:00", "vendredi de l'ascension l'accueil est fermé je reviens quel jour");
    assert!(r.intent == Intent::Hours && r.answer.contains("10 mai") && !r.answer.contains("2028"), "{}", r.answer);
    let r = reply(&val, "2027-11-02T10:00:00+01:00", "le collège est fermé pour la toussaint jusqu'à quand");
    assert!(r.answer.contains("8 novembre") && !r.answer.contains("2028"), "{}", r.answer);
    // The caller's own coming back asks the next opening.
    let r = reply(&val, "2026-12-26T09:20:00+01:00", "bonjour j'ai trouvé porte close à l'hôtel de ville ce samedi quand est-ce que je peux revenir");
    assert!(r.intent == Intent::Hours && r.answer.contains("28 décembre"), "{}", r.answer);
    // "il reprend quel jour après les grandes vacances ?" asked in May: after the summer.
    let r = reply(&ser, "2027-05-17T09:40:00+02:00", "le périscolaire il reprend quel jour après les grandes vacances");
    assert!(r.intent == Intent::Hours && r.answer.contains("2 septembre"), "{}", r.answer);
    // An acronym said letter by letter before its pronoun: "le c t m il est fermé".
    let r = reply(&val, "2027-08-10T09:00:00+02:00", "bonjour le c t m il est fermé cette semaine vous rouvrez quand");
    assert!(r.answer.contains("centre technique") && r.answer.contains("16 août"), "{}", r.answer);
    // Whether a place runs now, asked yes or no: its hours, not its prices.
    let r = reply(&rou, "2027-08-14T11:15:00+02:00", "la chèvrerie du serre vend ses fromages ce matin");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    let r = reply(&rou, "2027-09-27T10:00:00+02:00", "la location de kayaks c'est fini pour l'année");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // …but not whether one may do something there, nor its price.
    let r = reply(&rou, "2027-08-14T11:15:00+02:00", "la chèvrerie du serre les fromages ça coûte combien");
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // "l'accueil du camping … ce soir" is the campsite's desk, not the morning or evening care.
    let r = reply(&rou, "2027-08-14T20:30:00+02:00", "l'accueil du camping ferme à quelle heure ce soir");
    assert!(r.intent == Intent::Hours && r.answer.contains("camping") && r.answer.contains("21 h"), "{}", r.answer);
    // A question ending on its "où" asks the place: "il se tient où".
    let r = reply(&rou, "2027-08-14T11:15:00+02:00", "le marché du samedi il se tient où");
    assert!(r.intent == Intent::Contact && r.answer.contains("Foirail"), "{}", r.answer);
    // "y a marché aujourd'hui malgré l'armistice ?": whether it is on.
    let r = reply(&ser, "2027-11-11T08:30:00+01:00", "y a marché aujourd'hui malgré l'armistice");
    assert!(r.intent == Intent::Hours && r.answer.contains("12 h 30"), "{}", r.answer);
    // Today's passage told with its date.
    let r = reply(&rou, "2026-12-24T09:00:00+01:00", "rue de la magnanerie le jaune c'est ce matin");
    assert!(r.intent == Intent::Collection && r.answer.contains("jeudi 24 décembre"), "{}", r.answer);
    // "et au Bouxard ?" after the household waste of another street: the household waste again.
    let mut c = Conversation::new(val.clone());
    c.reply("rue des tisserands c'est quand les ordures", at("2027-03-01T10:00:00+01:00"));
    let r = c.reply("et au bouxard chez ma mère", at("2027-03-01T10:00:00+01:00"));
    assert!(r.intent == Intent::Collection && r.answer.contains("mercredi 3 mars") && !r.answer.contains("jaune"), "{}", r.answer);
    // A person asked by name is a transfer; "merci madame" is a goodbye; the caller's "j'ai ce
    // qu'il me faut" too.
    let r = reply(&ser, "2027-05-18T10:40:00+02:00", "est ce que je peux avoir madame lhuillier en personne");
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
    let r = reply(&ser, "2027-05-18T10:40:00+02:00", "merci madame au revoir");
    assert_eq!(r.intent, Intent::Goodbye, "{}", r.answer);
    let r = reply(&rou, "2027-08-14T11:15:00+02:00", "c'est bon j'ai ce qu'il me faut merci");
    assert_eq!(r.intent, Intent::Goodbye, "{}", r.answer);
}

#[test]
fn a_place_named_where_a_thing_is_done_a_special_day_a_next_one_and_a_bin_not_emptied() {
    let val = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-f/towns/vallorupt.toml")).unwrap());
    let rou = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-f/towns/rouveyrac.toml")).unwrap());
    let sal = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-g/towns/salicourt.toml")).unwrap());
    let pon = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-g/towns/pontcharvin.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "Perrin" is no "Prairie": alike but for a nasal vowel.
    let r = reply(&val, "2027-01-02T10:00:00+01:00", "on est au parking de la chaume perrin la location ouvre quand");
    assert!(!r.answer.contains("déchetterie"), "{}", r.answer);
    // "de la barque sur le lac": the boats, not the beach the lake names.
    let r = reply(&val, "2027-09-13T10:00:00+02:00", "on peut encore faire de la barque sur le lac cette semaine");
    assert!(r.intent == Intent::Hours && r.answer.contains("pédalos"), "{}", r.answer);
    // A special day that only one service keeps names it.
    let r = reply(&val, "2027-09-18T17:00:00+02:00", "pour les journées du patrimoine vous fermez à six heures");
    assert!(r.intent == Intent::Hours && r.answer.contains("Filature"), "{}", r.answer);
    // "il redémarre quand", "la remontée", "ils sont au poste".
    let r = reply(&val, "2027-01-09T12:30:00+01:00", "le téléski s'est arrêté il redémarre quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("13 h 30"), "{}", r.answer);
    let r = reply(&val, "2027-01-09T12:30:00+01:00", "vous avez le téléphone de la remontée du haut rupt");
    assert!(r.intent == Intent::Contact && r.answer.contains("47 35"), "{}", r.answer);
    let r = reply(&val, "2027-01-18T10:00:00+01:00", "les policiers de la ville ils sont au poste aujourd'hui");
    assert!(r.intent == Intent::Hours && r.answer.contains("police"), "{}", r.answer);
    // The next one of a service, and one that begins, asked.
    let r = reply(&rou, "2027-09-11T10:00:00+02:00", "le prochain marché sur la place c'est quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("17 octobre"), "{}", r.answer);
    let r = reply(&pon, "2027-07-10T10:00:00+02:00", "la baignade surveillée commence quand aujourd'hui");
    assert!(r.intent == Intent::Hours && r.answer.contains("13 h"), "{}", r.answer);
    // "le bureau du tourisme" for the office; a train that is the service's own name.
    let r = reply(&sal, "2027-07-12T17:30:00+02:00", "jusqu'à quelle heure on peut passer au bureau du tourisme ce lundi");
    assert!(r.intent == Intent::Hours && r.answer.contains("19 h"), "{}", r.answer);
    let r = reply(&sal, "2027-04-03T15:00:00+02:00", "on peut encore prendre le train touristique cet après-midi");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // A bin not emptied this morning: the passage after today's.
    let r = reply(&sal, "2027-07-09T14:00:00+02:00", "j'ai pas pu sortir la poubelle ce matin rue des matelots le prochain camion c'est quand");
    assert!(r.intent == Intent::Collection && r.answer.contains("13 juillet"), "{}", r.answer);
    let r = reply(&sal, "2027-12-20T14:00:00+01:00", "au hable martin le camion a filé sans s'arrêter ce matin il vient quand");
    assert!(r.answer.contains("27 décembre"), "{}", r.answer);
}

#[test]
fn an_occasion_named_a_farm_a_day_in_a_name_and_a_morning_done() {
    let sal = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-g/towns/salicourt.toml")).unwrap());
    let pon = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-05-g/towns/pontcharvin.toml")).unwrap());
    let forg = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06/towns/forgeval.toml")).unwrap());
    let mail = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06/towns/maillevert.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // A special day named by the words of its reason: its day, the part of it said, its weekday.
    let r = reply(&sal, "2027-03-10T10:00:00+01:00", "pour le printemps des poètes le point lecture ouvre à quelle heure");
    assert!(r.intent == Intent::Hours && r.answer.contains("20 mars"), "{}", r.answer);
    let r = reply(&pon, "2027-10-12T10:00:00+02:00", "pour la fête des gaudes l'écomusée ouvre le matin");
    assert!(r.answer.contains("17 octobre") && r.answer.contains("10 h"), "{}", r.answer);
    let r = reply(&pon, "2026-12-23T11:35:00+01:00", "le grand marché aux volailles de noël il dure jusqu'à quelle heure");
    assert!(r.answer.contains("23 décembre") && r.answer.contains("12 h"), "{}", r.answer);
    // The service that keeps it, none named.
    let r = reply(&pon, "2026-12-14T10:00:00+01:00", "la distribution des colis de noël mardi c'est de quelle heure à quelle heure");
    assert!(r.answer.contains("22 décembre") && r.answer.contains("centre communal"), "{}", r.answer);
    // Not a season's words ("les vacances de Noël"), nor "le dimanche" alone, nor a saint's day.
    let r = reply(&pon, "2026-12-14T10:00:00+01:00", "la médiathèque est ouverte pendant les vacances de noël");
    assert!(!r.answer.contains("colis"), "{}", r.answer);
    // "la ferme" is the farm, not "elle ferme".
    let r = reply(&pon, "2026-12-23T09:35:00+01:00", "la ferme musée elle est dans quel hameau");
    assert!(r.intent == Intent::Contact && r.answer.contains("Teppes"), "{}", r.answer);
    let r = reply(&pon, "2026-12-23T09:35:00+01:00", "la mairie elle ferme à quelle heure");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // A day in the service's name is no day asked.
    let r = reply(&forg, "2027-10-20T10:00:00+02:00", "la patinoire de noël elle revient quand cette année");
    assert!(r.answer.contains("11 décembre"), "{}", r.answer);
    // What was done at the weekend is no moment asked beside "cet après-midi".
    let r = reply(&sal, "2027-03-29T15:40:00+02:00", "j'ai taillé la haie ce week-end je peux aller à la déchetterie cet après-midi");
    assert!(r.answer.contains("lundi") && !r.answer.contains("3 avril"), "{}", r.answer);
    // "après la Toussaint" a fortnight after it: from today.
    let r = reply(&sal, "2027-11-15T10:00:00+01:00", "le petit train il reprend quand après la toussaint");
    assert!(r.answer.contains("18 décembre"), "{}", r.answer);
    // Books to bring back: the library.
    let r = reply(&mail, "2027-05-01T10:00:00+02:00", "vous rouvrez quand pour rendre les bandes dessinées");
    assert!(r.answer.contains("bibliothèque"), "{}", r.answer);
    // The way there, and how to phone a place.
    let r = reply(&pon, "2026-12-23T09:35:00+01:00", "pour aller à la déchetterie je prends quelle direction depuis le centre");
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    let r = reply(&pon, "2026-12-23T09:35:00+01:00", "comment on appelle l'office de tourisme de pontcharvin");
    assert!(r.answer.contains("04 74"), "{}", r.answer);
}

#[test]
fn when_to_come_for_an_errand_the_time_left_an_activity_and_a_hamlet_misheard() {
    let forg = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06/towns/forgeval.toml")).unwrap());
    let mail = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06/towns/maillevert.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // When to come for an errand the entry tells no day of: the office's hours.
    let r = reply(&forg, "2027-05-12T14:00:00+02:00", "il faut que je scanne des papiers pour la caf je peux venir quand");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("france-services"), "{}", r.answer);
    // …not whether one may come at any time, nor someone else's coming.
    let r = reply(&forg, "2027-05-12T14:00:00+02:00", "pour la caf on peut passer quand on veut");
    assert_ne!(r.intent, Intent::Hours, "{}", r.answer);
    // The time left before closing.
    let r = reply(&mail, "2027-11-08T18:30:00+01:00", "il me reste combien de temps pour récupérer ma fille à la garderie");
    assert!(r.intent == Intent::Hours && r.answer.contains("18 h 45"), "{}", r.answer);
    // A place by what one goes there to do: swimming where a marina is also "nautique", stamps.
    let r = reply(&forg, "2026-12-24T19:00:00+01:00", "vous rouvrez quand après le réveillon pour nager");
    assert!(r.answer.contains("piscine") && r.answer.contains("26 décembre"), "{}", r.answer);
    let r = reply(&mail, "2026-12-31T10:30:00+01:00", "j'ai des timbres à acheter je peux venir jusqu'à quand aujourd'hui");
    assert!(r.answer.contains("agence postale") && r.answer.contains("11 h"), "{}", r.answer);
    let r = reply(&mail, "2027-04-01T17:30:00+02:00", "vous ouvrez quand pour avoir le programme des balades");
    assert!(r.answer.contains("touristique"), "{}", r.answer);
    // A hamlet's name with one word misheard by a sound, said beside its other word.
    let r = reply(&mail, "2027-05-07T10:20:00+02:00", "on habite à la maud blanche les sacs d'emballage c'est quel jour");
    assert!(r.intent == Intent::Collection && r.answer.contains("Mottes-Blanches"), "{}", r.answer);
    let r = reply(&mail, "2027-05-07T10:20:00+02:00", "au grand point les ordures ménagères c'est quel jour");
    assert!(r.answer.contains("Grand-Coin"), "{}", r.answer);
}

#[test]
fn the_market_asked_by_who_buys_a_guarded_season_a_place_that_takes_the_children_and_an_errand() {
    let brin = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-b/towns/brinvaux.toml")).unwrap());
    let valf = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-b/towns/valfrege.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // Who buys at the market asks when it is held, not what a pitch costs.
    let r = reply(&brin, "2027-05-04T18:00:00+02:00", "le jour de l'ascension les commerçants sont sur la place comme d'habitude");
    assert!(r.intent == Intent::Hours && r.answer.contains("6 mai"), "{}", r.answer);
    let r = reply(&brin, "2027-03-27T11:40:00+01:00", "on peut acheter aux producteurs le samedi sur la place du marché");
    assert!(r.intent == Intent::Hours && r.answer.contains("fermé"), "{}", r.answer);
    // …but who sells there asks the pitch.
    let r = reply(&brin, "2027-03-27T11:40:00+01:00", "je voudrais vendre mes légumes au marché il faut un emplacement");
    assert_eq!(r.faq.as_deref(), Some("marche-emplacement"), "{}", r.answer);
    // A guarded bathing place's start, its lifeguard's coming.
    let r = reply(&valf, "2027-06-12T14:00:00+02:00", "il commence à faire chaud la baignade du gouffre est surveillée à partir de quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("19 juin"), "{}", r.answer);
    let r = reply(&valf, "2027-06-23T16:00:00+02:00", "je voudrais emmener la classe se baigner en semaine le maître-nageur sera là quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("26 juin"), "{}", r.answer);
    // A place that takes the children on a holiday, from when to when.
    let r = reply(&brin, "2027-11-01T08:00:00+01:00", "c'est férié mais je travaille le centre de loisirs accueille ma fille aujourd'hui");
    assert!(r.intent == Intent::Hours && r.answer.contains("fermé"), "{}", r.answer);
    let r = reply(&brin, "2027-02-20T10:00:00+01:00", "pendant les vacances d'hiver le mercredi les colverts accueillent de quand à quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 février"), "{}", r.answer);
    // The place of an errand: fishing lines, a wreath, scrap metal; not a post office at a "poste de pêche".
    let r = reply(&brin, "2027-04-18T06:45:00+02:00", "on peut commencer à lancer les lignes à quelle heure ce dimanche");
    assert!(r.intent == Intent::Hours && r.answer.contains("pêche"), "{}", r.answer);
    let r = reply(&brin, "2027-06-23T10:00:00+02:00", "je voulais déposer de la ferraille aujourd'hui mercredi c'est pas possible");
    assert!(r.answer.contains("déchetterie"), "{}", r.answer);
    let r = reply(&brin, "2027-06-10T11:40:00+02:00", "j'attends un colis en instance depuis une semaine l'agence rouvre à quelle date");
    assert!(!r.answer.contains("pêche"), "{}", r.answer);
}

#[test]
fn how_to_reach_a_service_named_a_day_that_names_no_service_and_someone_there_then() {
    let brin = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-b/towns/brinvaux.toml")).unwrap());
    let valf = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-b/towns/valfrege.toml")).unwrap());
    let houb = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-c/towns/houblinghem.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "comment je joins <service>": its number, whatever reason follows.
    let r = reply(&brin, "2027-03-27T11:40:00+01:00", "comment je joins la police municipale pour un chien errant");
    assert!(r.intent == Intent::Contact && r.answer.contains("02 54 86 31 27"), "{}", r.answer);
    // …but "je joins quoi à ma lettre" attaches a thing, and "le poste de secours" is no post office.
    let r = reply(&valf, "2027-07-10T10:00:00+02:00", "pour qu'on me renvoie le papier de décès de papa je joins quoi à ma lettre");
    assert_ne!(r.intent, Intent::Contact, "{}", r.answer);
    let r = reply(&valf, "2027-07-10T10:00:00+02:00", "comment je joins le poste de secours de la rivière");
    assert!(!r.answer.contains("agence postale"), "{}", r.answer);
    let r = reply(&valf, "2027-07-10T10:00:00+02:00", "je vais à la poste de valfrège elle ouvre quand");
    assert!(r.answer.contains("agence postale"), "{}", r.answer);
    // "c'est quel mercredi" does not name "le centre du mercredi".
    let r = reply(&houb, "2027-12-24T10:00:00+01:00", "dans les hameaux les ordures après noël c'est quel mercredi");
    assert_eq!(r.intent, Intent::Collection, "{}", r.answer);
    // Someone there at a moment, a place visited when.
    let r = reply(&houb, "2027-01-02T10:00:00+01:00", "un tracteur a défoncé le bas-côté devant chez moi le garde est là ce samedi");
    assert!(r.intent == Intent::Hours && r.answer.contains("garde champêtre"), "{}", r.answer);
    let r = reply(&houb, "2027-01-02T10:00:00+01:00", "le vieux moulin se visite quand cette année");
    assert!(r.intent == Intent::Hours && r.answer.contains("28 mars"), "{}", r.answer);
}

#[test]
fn a_price_entry_that_names_the_closing_does_not_tell_the_hours() {
    let houb = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-c/towns/houblinghem.toml")).unwrap());
    // "un parent en retard après la fermeture paie 10 euros": a fee, not the garderie's hours.
    let r = Conversation::new(houb.clone()).reply("la garderie du soir ferme à quelle heure", at("2027-05-17T10:00:00+02:00"));
    assert!(r.intent == Intent::Hours && r.answer.contains("18 h 45"), "{}", r.answer);
    let r = Conversation::new(houb).reply("la garderie c'est combien", at("2027-05-17T10:00:00+02:00"));
    assert_eq!(r.faq.as_deref(), Some("periscolaire-tarifs"), "{}", r.answer);
}

#[test]
fn a_visitor_coming_a_holiday_said_by_its_weekday_a_dictated_message_and_a_verb_that_is_no_market() {
    let sorq = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-d/towns/sorquetot.toml")).unwrap());
    let bess = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-d/towns/bessonnac.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // A visitor's coming asks the permanence's next day, not what the entry says of it.
    let r = reply(&sorq, "2026-12-07T10:00:00+01:00", "l'architecte du département il passe quand à la mairie ce mois-ci");
    assert!(r.intent == Intent::Hours && r.answer.contains("8 décembre"), "{}", r.answer);
    // The day after the Thursday holiday.
    let r = reply(&sorq, "2027-05-04T11:00:00+02:00", "le vendredi qui suit le jeudi férié vous êtes là pour l'inscription de ma petite à l'école");
    assert!(r.intent == Intent::Hours && r.answer.contains("7 mai"), "{}", r.answer);
    // A message dictated.
    let r = reply(&bess, "2027-03-10T10:00:00+01:00", "notez que madame nadaud a appelé pour le lampadaire de la cité des kaolins");
    assert_eq!(r.intent, Intent::Message, "{}", r.answer);
    // "ne marche plus" is no market; "mercredi, l'accueil du camping" no "accueil du mercredi".
    let r = reply(&bess, "2027-03-10T10:00:00+01:00", "ma box internet ne marche plus depuis hier qui je dois appeler");
    assert_ne!(r.service.as_deref(), Some("marche"), "{}", r.answer);
    let r = reply(&bess, "2027-08-29T10:00:00+02:00", "mercredi premier septembre l'accueil du camping fait quels horaires");
    assert_eq!(r.service.as_deref(), Some("camping"), "{}", r.answer);
    // …but "ce mercredi, l'accueil des Kaolins" is the Wednesday care, said out of order.
    let r = reply(&bess, "2027-02-10T08:00:00+01:00", "je dois faire garder ma fille ce mercredi l'accueil des kaolins ouvre");
    assert_eq!(r.service.as_deref(), Some("periscolaire"), "{}", r.answer);
    // "le jour de Noël, la patinoire" asks of Christmas Day, not of "la patinoire de Noël" today.
    let forg = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06/towns/forgeval.toml")).unwrap());
    let r = reply(&forg, "2027-12-23T10:00:00+01:00", "le jour de noël la patinoire sera ouverte");
    assert!(r.answer.contains("25 décembre"), "{}", r.answer);
    // An errand names its place: apples to press.
    let r = reply(&sorq, "2027-10-14T14:00:00+02:00", "j'ai la remorque de pommes je peux venir presser tout de suite");
    assert_eq!(r.service.as_deref(), Some("pressoir"), "{}", r.answer);
}

#[test]
fn a_feast_said_in_other_words_someone_asked_back_and_a_call_told_for_the_secretary() {
    let cham = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-e/towns/chamvrelle.toml")).unwrap());
    let cast = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-e/towns/castelsuve.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "la fête des saints" is the Toussaint; "la victoire de quatorze-dix-huit" the Armistice, not 8 May.
    let r = reply(&cham, "2027-10-29T10:00:00+02:00", "le jour de la fête des saints c'est ouvert pour les bateaux aux écluses");
    assert!(r.intent == Intent::Hours && r.answer.contains("1er novembre"), "{}", r.answer);
    let r = reply(&cast, "2027-11-09T10:00:00+01:00", "pour la fête de la victoire de quatorze-dix-huit le bureau de la police est ouvert");
    assert!(r.intent == Intent::Hours && r.answer.contains("11 novembre"), "{}", r.answer);
    // "vous revenez quand ?" at a shut office: its reopening.
    let r = reply(&cham, "2027-06-13T16:00:00+02:00", "bonjour on est au ponton et personne au bureau du port vous revenez quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("15 juin"), "{}", r.answer);
    // Someone's call told for the secretary is a message; "mettez-moi en contact" a transfer.
    let r = reply(&cham, "2027-05-08T10:20:00+02:00", "vous pouvez dire à la secrétaire que monsieur verdier a rappelé");
    assert_eq!(r.intent, Intent::Message, "{}", r.answer);
    let r = reply(&cham, "2027-05-08T10:20:00+02:00", "mettez-moi en contact avec le maire ou son adjoint");
    assert_eq!(r.intent, Intent::Operator, "{}", r.answer);
    // "la mairie m'a rappelé" tells no message.
    let r = reply(&cham, "2027-05-08T10:20:00+02:00", "la mairie m'a rappelé pour mon dossier de mariage");
    assert_ne!(r.intent, Intent::Message, "{}", r.answer);
}

/// Whether the French thesaurus is installed.
fn thesaurus_installed() -> bool {
    required_in_ci(standardiste::answer::thesaurus::installed().is_some(), "the French thesaurus (mythes-fr)")
}

#[test]
fn a_word_the_town_never_wrote_reaches_its_entry_through_the_thesaurus() {
    if !thesaurus_installed() {
        return;
    }
    let body = "[[faq]]\nid = \"velos\"\nquestions = [\"Peut-on louer des vélos ?\"]\nkeywords = [\"vélo\"]\n\
                answer = \"L'office de tourisme loue des vélos, 14 euros la journée.\"\n\
                [[faq]]\nid = \"piscine\"\nquestions = [\"Combien coûte la piscine ?\"]\nkeywords = [\"piscine\"]\n\
                answer = \"L'entrée de la piscine coûte 3 euros.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2026-07-08T10:15:00+02:00");
    let r = Conversation::new(town.clone()).reply("on peut avoir une bicyclette", now);
    assert_eq!(r.faq.as_deref(), Some("velos"), "{}", r.answer);
    // A word the town did write is taken as written, never traded for a synonym.
    let r = Conversation::new(town).reply("combien pour une entrée à la piscine", now);
    assert_eq!(r.faq.as_deref(), Some("piscine"), "{}", r.answer);
}

#[test]
fn a_date_confirmed_by_its_weekday_a_ranked_weekday_a_place_held_and_a_round_not_passed() {
    let chal = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-f/towns/chalanceau.toml")).unwrap());
    let vaud = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-f/towns/vaudrecies.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "le quinze juin, un mardi": that date, not the next Tuesday.
    let r = reply(&chal, "2027-06-07T17:00:00+02:00", "je suis libre le quinze juin un mardi le conciliateur sera là");
    assert!(r.intent == Intent::Hours && r.answer.contains("15 juin"), "{}", r.answer);
    // "le jour avant Noël" is Christmas Eve; "le premier jeudi d'août" the 5th.
    let r = reply(&vaud, "2027-12-20T10:00:00+01:00", "le jour avant noël la mairie ouvre quand");
    assert!(r.answer.contains("24 décembre"), "{}", r.answer);
    let r = reply(&vaud, "2027-07-20T10:00:00+02:00", "le premier jeudi d'août l'architecte conseil reçoit");
    assert!(r.answer.contains("5 août"), "{}", r.answer);
    // Where a permanence is held is its place, not its hours.
    let r = reply(&vaud, "2027-12-20T10:00:00+01:00", "où a lieu la permanence de l'architecte");
    assert_eq!(r.intent, Intent::Contact, "{}", r.answer);
    // "la balance marche sans réserver": the verb, not the market.
    let r = reply(&chal, "2027-03-20T10:00:00+01:00", "au printemps la balance publique marche sans réserver");
    assert_ne!(r.service.as_deref(), Some("marche"), "{}", r.answer);
    // "le tri n'est pas passé aujourd'hui": the passage after today's.
    let r = reply(&vaud, "2027-10-02T16:00:00+02:00", "le tri n'est pas passé au chaufour aujourd'hui c'est quand la prochaine fois");
    assert!(r.answer.contains("6 novembre"), "{}", r.answer);
    // "ce jeudi ou le suivant": the next passage.
    let r = reply(&chal, "2027-07-13T18:15:00+02:00", "pour les emballages chemin du bac c'est ce jeudi ou le suivant");
    assert!(r.answer.contains("15 juillet"), "{}", r.answer);
}

#[test]
fn the_nativity_scene_in_the_church_is_no_nursery() {
    let vaud = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-06-f/towns/vaudrecies.toml")).unwrap());
    let r = Conversation::new(vaud.clone()).reply("le vingt-cinq décembre on pourra voir la crèche dans l'église", at("2026-12-20T10:00:00+01:00"));
    assert_ne!(r.service.as_deref(), Some("creche"), "{}", r.answer);
    // The nursery itself is still the nursery.
    let r = Conversation::new(vaud).reply("la crèche est ouverte le vingt-trois décembre", at("2026-12-20T10:00:00+01:00"));
    assert_eq!(r.service.as_deref(), Some("creche"), "{}", r.answer);
}

#[test]
fn a_place_asked_when_it_comes_or_opens_gets_its_hours_not_an_entry_of_another_season() {
    let hiti = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-07/towns/hitireva.toml")).unwrap());
    let ors = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-07/towns/orsenaz.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "le bus France services passe quand ?": its next coming, not what it does.
    let r = reply(&ors, "2027-07-14T10:20:00+02:00", "le bus france services passe quand à orsenaz");
    assert!(r.intent == Intent::Hours && r.answer.contains("22 juillet"), "{}", r.answer);
    // Asked open, the event's entry ("se tient … à 19 h 30") is not the ticket office's hours.
    let r = reply(&hiti, "2027-07-11T10:00:00-10:00", "la billetterie du heiva est ouverte ce dimanche");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // In March, the cemetery's hours of today, not its Toussaint week's.
    let r = reply(&hiti, "2027-03-05T09:40:00-10:00", "le cimetière de tiamaru est ouvert aujourd'hui je voulais fleurir la tombe de ma mama");
    assert!(r.intent == Intent::Hours && r.answer.contains("5 mars"), "{}", r.answer);
    // "samedi en huit": Saturday of next week.
    let r = reply(&ors, "2027-07-14T10:20:00+02:00", "samedi en huit le bureau du port est ouvert");
    assert!(r.answer.contains("24 juillet"), "{}", r.answer);
}

#[test]
fn a_place_closed_until_a_day_its_own_entry_silent_on_time_and_its_phone_ask_its_calendar_and_number() {
    let ors = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-07/towns/orsenaz.toml")).unwrap());
    let corb = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-08/towns/corbelles.toml")).unwrap());
    let reply = |town: &Arc<Town>, now: &str, q: &str| Conversation::new(town.clone()).reply(q, at(now));
    // "c'est fermé jusqu'à lundi ?": closed now, and its reopening, not Monday's hours alone.
    let r = reply(&ors, "2027-03-06T12:15:00+01:00", "la capitainerie c'est fermé jusqu'à lundi");
    assert!(r.intent == Intent::Hours && r.answer.contains("fermée en ce moment") && r.answer.contains("lundi 8 mars"), "{}", r.answer);
    // The bus's own entry tells what it does, not when: asked its next coming, its calendar.
    let r = reply(&ors, "2027-05-28T10:00:00+02:00", "et heu la prochaine permanence du bus c'est quand");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 juin"), "{}", r.answer);
    // Closed, "je peux revenir quand ?" is its reopening, not a rule of the harbour.
    let r = reply(&ors, "2027-02-13T12:30:00+01:00", "je suis au port la capitainerie est fermée je peux revenir quand");
    assert_eq!(r.intent, Intent::Hours, "{}", r.answer);
    // "le numéro de la permanence …": its phone, though a permanence has hours.
    let r = reply(&corb, "2027-11-11T10:15:00+01:00", "le numéro de la permanence des anciens combattants");
    assert!(r.intent == Intent::Contact && r.answer.contains("03 25 41 60 25"), "{}", r.answer);
    // A green bin is the round whose note gives it that colour.
    let hiti = Arc::new(Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/dev-2026-12-07/towns/hitireva.toml")).unwrap());
    let r = reply(&hiti, "2027-03-05T09:40:00-10:00", "heu rue du temple le bac vert pour les cartons c'est quand");
    assert!(r.answer.contains("recyclables") && r.answer.contains("10 mars"), "{}", r.answer);
}

#[test]
fn an_office_named_by_its_own_word_and_a_round_told_with_the_part_it_serves() {
    let body = "[[service]]\nid = \"mairie\"\nname = \"l'accueil de la mairie\"\nhours.monday = [\"08:30-12:00\"]\n\
                [[service]]\nid = \"tourisme\"\nname = \"le bureau d'information touristique\"\naliases = [\"l'accueil des visiteurs\"]\nhours.tuesday = [\"10:00-12:30\"]\n\
                [[service]]\nid = \"eau\"\nname = \"le service de l'eau\"\nhours.thursday = [\"14:00-17:00\"]\n\
                [[service]]\nid = \"police\"\nname = \"le poste de police municipale\"\nhours.friday = [\"09:00-12:00\"]\n";
    let town = plain(body);
    let now = at("2027-02-08T10:00:00+01:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // An office word, then a word only one service's names hold, or one of its family.
    for (q, id) in [
        ("l'accueil touristique est ouvert ce lundi", "tourisme"),
        ("le bureau des touristes ouvre quand", "tourisme"),
        ("le bureau des visiteurs ferme bientôt", "tourisme"),
        ("le service des eaux ouvre quand", "eau"),
        ("l'accueil de la mairie ouvre quand", "mairie"),
    ] {
        let r = ask(q);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some(id)), "{q}: {}", r.answer);
    }
    // An everyday word names no office: "le bureau de poste" is not the police's post.
    assert_ne!(ask("le bureau de poste ferme à quelle heure").service.as_deref(), Some("police"));

    // A round that serves one part of the commune, asked by its truck or bins without a street:
    // told with the part its note names, not "which street?".
    let (village, farms) = ("\"rue Haute\", \"rue du Four\", \"place du Rocher\", \"rue des Caves\"", "\"La Borie\", \"Le Mas\", \"Les Pins\", \"La Cazotte\"");
    let rounds = format!(
        "[[collection]]\nkind = \"ordures ménagères\"\ndays = [\"monday\"]\nstreets = [{village}]\nnote = \"Le Village. Sacs fermés.\"\n\
         [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"thursday\"]\nstreets = [{farms}]\nnote = \"Les fermes. Bac au bord de la route.\"\n\
         [[collection]]\nkind = \"biodéchets\"\ndays = [\"saturday\"]\nstreets = [{village}]\nnote = \"Le Village et la Combe. Bac marron.\"\n"
    );
    let town = plain(&rounds);
    let now = at("2027-05-20T10:00:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("le camion des biodéchets passe quand chez nous");
    assert!(!r.asks_back && r.answer.starts_with("Dans le Village et la Combe") && r.answer.contains("samedi 22 mai"), "{}", r.answer);
    // Named only by what is thrown, it may be an entry's subject: which street, as before.
    assert!(ask("les biodéchets c'est quand").asks_back);
    // Rounds that differ by part still ask which street.
    assert!(ask("le camion des ordures passe quand").asks_back);
    // A passage missed: the next one, not today's.
    let r = ask("rue Haute les poubelles n'ont pas été ramassées lundi");
    assert!(r.answer.contains("passage suivant") && r.answer.contains("lundi 24 mai"), "{}", r.answer);
    let r = ask("rue Haute les sacs sont toujours devant la porte ce lundi le prochain passage c'est quand");
    assert!(r.answer.contains("lundi 24 mai"), "{}", r.answer);

    // A coach called another ("le car des cimetières" for "la navette des cimetières"); someone to
    // be found at a place asks its hours.
    let body = "[[service]]\nid = \"navette\"\nname = \"la navette des cimetières\"\nhours.sunday = [\"10:00-17:00\"]\n\
                [[service]]\nid = \"police\"\nname = \"la police municipale\"\nhours.saturday = [\"09:00-12:00\"]\n";
    let town = plain(body);
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    assert_eq!(ask("le car des cimetières il passe quand dimanche").service.as_deref(), Some("navette"));
    let r = ask("un dimanche je peux trouver quelqu'un à la police municipale");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("police")), "{}", r.answer);
}

#[test]
fn the_police_post_a_landmark_day_a_service_that_starts_again_and_what_may_go_out_for_a_round() {
    let body = "[[service]]\nid = \"poste\"\nname = \"l'agence postale communale\"\naliases = [\"la poste\"]\nhours.thursday = [\"14:00-17:00\"]\n\
                [[service]]\nid = \"police\"\nname = \"la police municipale\"\naliases = [\"le poste de police\"]\nhours.thursday = [\"08:00-12:00\"]\nhours.friday = [\"08:00-12:00\"]\n\
                [[service.exception]]\nfrom = \"2027-05-07\"\nhours = []\nreason = \"pont de l'Ascension\"\n\
                [[service]]\nid = \"guides\"\nname = \"le bureau des guides\"\nhours.tuesday = [\"09:00-12:00\"]\n\
                [[service.exception]]\nfrom = \"2027-01-01\"\nto = \"2027-01-11\"\nhours = []\nreason = \"fermeture d'hiver\"\n";
    let town = plain(body);
    let now = at("2027-05-03T10:00:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "le poste", "au poste" alone is the police's post where the town has one; "la poste" the post office.
    for (q, id) in [("le poste est ouvert jeudi", "police"), ("je dois passer au poste jeudi c'est ouvert", "police"), ("la poste est ouverte jeudi", "poste")]
    {
        let r = ask(q);
        assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some(id)), "{q}: {}", r.answer);
    }
    // The weekday of a landmark beside the date asked is no day asked.
    let r = ask("vendredi sept mai le lendemain du jeudi férié la police municipale sera ouverte");
    assert!(r.answer.contains("vendredi 7 mai") && r.answer.contains("pont de l'Ascension"), "{}", r.answer);
    // "vous reprenez quel jour" asks when a closed service opens again.
    let r = Conversation::new(town.clone()).reply("personne au bureau des guides cette semaine vous reprenez quel jour", at("2027-01-05T10:00:00+01:00"));
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("guides")), "{}", r.answer);
    assert!(r.answer.contains("mardi 12 janvier"), "{}", r.answer);

    // What one may put out for a round, or how long ahead to book it, is an entry's, not the round's days.
    let body = "[[collection]]\nkind = \"encombrants\"\ndays = [\"thursday\"]\nmonthly = [\"second\"]\nstreets = [\"rue Haute\", \"rue Basse\"]\n\
                [[faq]]\nid = \"encombrants\"\nquestions = [\"Comment faire enlever les encombrants ?\"]\nkeywords = [\"encombrants\", \"objets volumineux\"]\n\
                answer = \"Les encombrants sont collectés le deuxième jeudi du mois, sur inscription à la mairie au plus tard le lundi d'avant. Deux mètres cubes au plus.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2027-03-29T09:50:00+02:00");
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    for q in ["je peux tout mettre sur le trottoir pour les encombrants", "le délai pour réserver le passage des encombrants c'est quoi"] {
        let r = ask(q);
        assert_ne!(r.intent, Intent::Collection, "{q}: {}", r.answer);
        assert!(!r.answer.contains("Prochain passage"), "{q}: {}", r.answer);
    }
    // Its days are still the round's.
    let r = ask("rue Haute les encombrants c'est quand");
    assert!(r.intent == Intent::Collection && r.answer.contains("jeudi 8 avril"), "{}", r.answer);
}

#[test]
fn a_house_number_the_way_an_office_of_information_and_what_runs_today() {
    let body = "[[service]]\nid = \"boutique\"\nname = \"la boutique des verriers\"\naddress = \"5 place du Four\"\nphone = \"03 87 00 00 01\"\nhours.saturday = [\"10:00-18:00\"]\n\
                [[service]]\nid = \"dechetterie\"\nname = \"la déchetterie\"\naddress = \"route du Sandhof\"\nphone = \"03 87 00 00 02\"\nhours.saturday = [\"09:00-17:00\"]\n\
                [[service]]\nid = \"info\"\nname = \"le point information tourisme\"\naliases = [\"point info\"]\nhours.tuesday = [\"09:30-12:30\"]\n\
                [[service]]\nid = \"marche\"\nname = \"le marché provençal\"\naliases = [\"marché\"]\nhours.thursday = [\"07:30-12:30\"]\n\
                [[service]]\nid = \"bac\"\nname = \"le bac du Rhône\"\naliases = [\"le bac\"]\nhours.monday = [\"06:00-20:30\"]\nhours.tuesday = [\"06:00-20:30\"]\n\
                [[service]]\nid = \"train\"\nname = \"le petit train des salins\"\nhours.sunday = [\"10:00-12:00\", \"14:00-17:00\"]\n\
                [[faq]]\nid = \"visite\"\nservice = \"train\"\nquestions = [\"Comment visiter les salins ?\"]\nkeywords = [\"salins\", \"visite\"]\n\
                answer = \"La visite des salins se fait en petit train, le dimanche à 10 h et à 14 h : 12 euros.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2027-04-06T10:00:00+02:00"); // a Tuesday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "à quel numéro de la place": the address, not the phone number.
    let r = ask("la boutique des verriers c'est à quel numéro de la place");
    assert!(r.intent == Intent::Contact && r.answer.contains("5 place du Four"), "{}", r.answer);
    // The way there, and the phone asked in other words.
    let r = ask("je cherche le chemin de la déchetterie j'ai une remorque");
    assert!(r.intent == Intent::Contact && r.answer.contains("route du Sandhof"), "{}", r.answer);
    let r = ask("vous avez les coordonnées téléphoniques de la déchetterie");
    assert!(r.intent == Intent::Contact && r.answer.contains("03 87 00 00 02"), "{}", r.answer);
    // "information" names the office whose name holds it.
    let r = ask("le point information ouvre quand");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("info")), "{}", r.answer);
    // Whether something runs today: its hours, not the days an entry gives; "le bateau marche" is no market.
    let r = ask("on est mardi le petit train fait des départs aujourd'hui");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("train")), "{}", r.answer);
    let r = ask("on peut prendre le bac maintenant");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("bac")), "{}", r.answer);
    assert_ne!(ask("le bateau marche maintenant").service.as_deref(), Some("marche"));
    assert_eq!(ask("y a marché jeudi").service.as_deref(), Some("marche"));
    // Not a fact of another kind asked "now", nor what happened "ce matin".
    assert_ne!(ask("la visite des salins ça coûte combien en ce moment").intent, Intent::Hours);
    // Someone "en vrai" is a person.
    assert_eq!(ask("j'ai besoin de quelqu'un en vrai").intent, Intent::Operator);
}

#[test]
fn a_last_la_is_now_the_eve_of_a_day_number_and_what_one_wants_to_do_now() {
    let body = "[[service]]\nid = \"poste\"\nname = \"l'agence postale\"\nphone = \"04 74 00 00 01\"\nhours.tuesday = [\"09:00-12:00\"]\nhours.friday = [\"09:00-12:00\"]\n\
                [[service]]\nid = \"cimetiere\"\nname = \"le cimetière\"\nhours.tuesday = [\"08:00-18:00\"]\n\
                [[service]]\nid = \"boutique\"\nname = \"la boutique des verriers\"\nhours.friday = [\"10:00-18:00\"]\n\
                [[service.exception]]\nfrom = \"2027-12-24\"\nhours = [\"10:00-16:00\"]\nreason = \"veille de Noël\"\n\
                [[faq]]\nid = \"concession\"\nservice = \"cimetiere\"\nquestions = [\"Combien coûte une concession ?\"]\nkeywords = [\"concession\", \"tombe\"]\n\
                answer = \"Une concession de 30 ans coûte 300 euros.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2027-12-21T10:00:00+01:00"); // a Tuesday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // A "là" that ends the question is now; the hours answer it, not an entry on the place.
    let r = ask("j'ai un paquet pour ma fille je peux passer à l'agence postale là");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("poste")), "{}", r.answer);
    assert!(r.answer.contains("en ce moment"), "{}", r.answer);
    let r = ask("je peux aller sur la tombe de mon père là");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("cimetiere")), "{}", r.answer);
    // "ce jour-là" is that day, not now.
    assert!(!standardiste::answer::lexicon::strip_openings("je peux passer ce jour-là").contains("maintenant"));
    // What one wants to do now: whether one may.
    let r = ask("je voulais acheter des timbres maintenant");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("poste")), "{}", r.answer);
    // "téléphoner à" asks the phone number as "appeler" does.
    assert_eq!(ask("je voudrais téléphoner à l'agence postale directement").intent, Intent::Contact);
    // "la veille du vingt-cinq": the 24th.
    let r = ask("la veille du vingt-cinq la boutique des verriers ferme plus tôt");
    assert!(r.intent == Intent::Hours && r.answer.contains("24 décembre") && r.answer.contains("16 h"), "{}", r.answer);
}

#[test]
fn the_lunch_break_asked_a_day_of_the_week_to_do_something_and_how_to_contact_a_permanence() {
    let body = "[[service]]\nid = \"poste\"\nname = \"l'agence postale\"\nphone = \"04 74 00 00 01\"\nhours.tuesday = [\"09:00-12:00\"]\nhours.friday = [\"09:00-12:00\"]\n\
                [[service]]\nid = \"mediatheque\"\nname = \"la médiathèque\"\nhours.wednesday = [\"10:00-12:30\", \"14:00-18:00\"]\nhours.saturday = [\"10:00-17:00\"]\n\
                [[service]]\nid = \"social\"\nname = \"la permanence sociale du Département\"\nphone = \"04 74 00 00 02\"\nhours.wednesday = [\"09:00-12:00\"]\n\
                [[service]]\nid = \"navette\"\nname = \"la navette des équipes\"\naliases = [\"navette\"]\nhours.monday = [\"05:00-06:00\", \"13:00-14:00\"]\nhours.wednesday = [\"05:00-06:00\"]\n\
                [[faq]]\nid = \"navette-prix\"\nservice = \"navette\"\nquestions = [\"Combien coûte la navette ?\"]\nkeywords = [\"navette\", \"abonnement\"]\n\
                answer = \"La navette est gratuite pour les résidents.\"\n\
                [[faq]]\nid = \"agence\"\nservice = \"poste\"\nquestions = [\"Que fait l'agence postale ?\"]\nkeywords = [\"agence postale\", \"colis\"]\n\
                answer = \"L'agence postale vend des timbres et reçoit les colis.\"\n";
    let town = plain(&format!("{body}{CANTEEN_ENTRY}"));
    let now = at("2027-03-24T11:00:00+01:00"); // a Wednesday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "fermée pour le repas": the lunch break, read at 13 h; the yes of a question asking "shut".
    let r = ask("la médiathèque est fermée pour le repas");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("mediatheque")), "{}", r.answer);
    assert!(r.answer.starts_with("Oui") && r.answer.contains("fermée") && r.answer.contains("14 h"), "{}", r.answer);
    // Open through lunch on Saturday: no.
    let r = ask("samedi la médiathèque est fermée pour midi");
    assert!(r.answer.starts_with("Non") && r.answer.contains("ouverte"), "{}", r.answer);
    // Asked open, the yes stays a yes.
    let r = ask("la médiathèque est ouverte samedi à quinze heures");
    assert!(r.answer.starts_with("Oui"), "{}", r.answer);
    // "je dois payer pour le repas" is no moment.
    let wednesday = jiff::civil::datetime(2027, 3, 24, 11, 0, 0, 0);
    assert!(standardiste::answer::timeexpr::parse("je dois payer pour le repas", wednesday).is_none());
    // A thing to do there on a day of the coming week: the place's hours that day.
    let r = ask("le lundi je peux envoyer un colis à l'agence postale");
    assert_eq!((r.intent, r.service.as_deref()), (Intent::Hours, Some("poste")), "{}", r.answer);
    assert!(r.answer.contains("lundi 29 mars") && r.answer.contains("fermée"), "{}", r.answer);
    // "à quels moments" asks the hours; "ce vingt-quatre" is the coming 24th.
    let r = ask("le lundi la navette passe à quels moments");
    assert!(r.intent == Intent::Hours && r.answer.contains("lundi 29 mars") && r.answer.contains("13 h"), "{}", r.answer);
    let r = ask("la navette passe ce trente et un");
    assert!(r.intent == Intent::Hours && r.answer.contains("mercredi 31 mars"), "{}", r.answer);
    // "comment je contacte" a permanence: its phone, though "permanence" says hours.
    let r = ask("comment je contacte la permanence sociale du département");
    assert!(r.intent == Intent::Contact && r.answer.contains("04 74 00 00 02"), "{}", r.answer);
}

#[test]
fn a_short_turn_ending_on_alors_leans_on_the_last_answer_and_until_when_is_asked_of_a_place() {
    let body = "[[service]]\nid = \"patinoire\"\nname = \"la patinoire\"\nhours.wednesday = [\"14:00-18:00\"]\n\
                [[faq]]\nid = \"patinoire-prix\"\nservice = \"patinoire\"\nquestions = [\"Combien coûte la patinoire ?\"]\n\
                keywords = [\"patinoire\", \"patins\"]\nanswer = \"L'entrée de la patinoire coûte 4 euros, patins compris.\"\n\
                [[faq]]\nid = \"bac\"\nquestions = [\"Comment avoir un bac jaune ?\"]\nkeywords = [\"bac jaune\", \"tri\", \"emballages\"]\n\
                answer = \"Le bac jaune se demande à l'accueil avec le bail.\"\n\
                [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"friday\"]\nstreets = [\"rue des Lilas\"]\n\
                [[collection]]\nkind = \"emballages\"\ndays = [\"tuesday\"]\nstreets = [\"rue des Lilas\"]\n";
    let town = plain(body);
    let now = at("2027-03-24T11:00:00+01:00"); // a Wednesday
                                               // "les emballages alors ?", "puis le tri ?" after a collection answer: the same street's round.
    for follow in ["les emballages alors", "puis les emballages", "les emballages du coup"] {
        let mut c = Conversation::new(town.clone());
        assert_eq!(c.reply("les ordures rue des lilas c'est quand", now).intent, Intent::Collection);
        let r = c.reply(follow, now);
        assert!(r.intent == Intent::Collection && r.answer.contains("emballages : le mardi"), "{follow}: {}", r.answer);
    }
    // "puis-je" is no follow-up.
    assert!(!standardiste::answer::follow::is_follow_up(&standardiste::answer::intent::Words::new("puis je venir")));
    // Until when, of a place named: its hours; of a step there: not.
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    let r = ask("on a jusqu'à quand pour patiner");
    assert!(r.intent == Intent::Hours && r.answer.contains("14 h"), "{}", r.answer);
    assert_ne!(ask("je dois m'inscrire à la patinoire jusqu'à quand").intent, Intent::Hours);
    // A farewell wished, a word left for someone named with their office.
    assert_eq!(ask("merci beaucoup bonne continuation").intent, Intent::Goodbye);
    assert_eq!(ask("dites à monsieur ducret de la police municipale que j'ai retrouvé son carnet").intent, Intent::Message);
}

#[test]
fn a_place_named_then_reached_by_a_pronoun_a_clipped_street_and_the_same_asked_of_another_day() {
    let body = "[[service]]\nid = \"info-tunnel\"\nname = \"la permanence info tunnel\"\nphone = \"04 50 47 21 19\"\nhours.thursday = [\"17:00-19:00\"]\n\
                [[service]]\nid = \"mairie\"\nname = \"la mairie\"\nhours.monday = [\"08:30-12:00\"]\nhours.tuesday = [\"08:30-17:30\"]\n\
                [[faq]]\nid = \"bac\"\nquestions = [\"Comment avoir un bac jaune ?\"]\nkeywords = [\"bac jaune\", \"tri\", \"emballages\"]\n\
                answer = \"Le bac jaune se demande à l'accueil avec le bail.\"\n\
                [[collection]]\nkind = \"emballages\"\ndays = [\"thursday\"]\nstreets = [\"avenue des Facultés\"]\n";
    let town = plain(body);
    let now = at("2027-09-16T07:10:00+02:00"); // a Thursday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // The place named, then "on la joint comment": its phone, though "permanence" says hours.
    let r = ask("la permanence du tunnel on la joint comment");
    assert!(r.intent == Intent::Contact && r.answer.contains("04 50 47 21 19"), "{}", r.answer);
    // "les facs" for "les Facultés": a plural the word list lacks, clipped after the street's type.
    let r = ask("je sors le bac jaune avenue des facs");
    assert!(r.intent == Intent::Collection && r.answer.contains("Avenue des Facultés"), "{}", r.answer);
    // "mardi pareil ?" after the town hall's Monday: its Tuesday.
    let mut c = Conversation::new(town.clone());
    assert_eq!(c.reply("la mairie ouvre quand le lundi", now).intent, Intent::Hours);
    let r = c.reply("mardi pareil", now);
    assert!(r.intent == Intent::Hours && r.answer.contains("17 h 30"), "{}", r.answer);
}

#[test]
fn a_place_misspelt_or_glued_to_its_article_and_someone_to_see_there() {
    let body = "[[service]]\nid = \"musee\"\nname = \"le musée du Colportage\"\nhours.sunday = [\"14:00-18:00\"]\n\
                [[service]]\nid = \"maison-air\"\nname = \"la maison de l'air\"\nhours.saturday = [\"09:00-12:00\"]\n\
                [[faq]]\nid = \"prime\"\nservice = \"maison-air\"\nquestions = [\"Existe-t-il une aide pour remplacer mon vieux poêle ?\"]\n\
                keywords = [\"poêle\", \"prime\"]\nanswer = \"La commune verse une prime de 2 000 euros.\"\n";
    let town = plain(body);
    let now = at("2027-10-30T10:00:00+02:00"); // a Saturday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // "musé" for "musée", "lair" for "l'air".
    let r = ask("le musé du colportage ouvre quand dimanche");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("musee"), "{}", r.answer);
    let r = ask("la maison de lair est ouverte");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("maison-air"), "{}", r.answer);
    // Someone to see now about what an entry of a service tells: that service's hours.
    let r = ask("je peux voir quelqu'un pour mon poêle là");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("maison-air"), "{}", r.answer);
    assert_ne!(ask("je peux voir le montant de la prime pour mon poêle").intent, Intent::Hours);
}

#[test]
fn a_street_said_inside_a_service_name_a_place_at_its_own_hamlet_leave_and_a_word_to_pass_on() {
    let body = "[[service]]\nid = \"parc\"\nname = \"le parc de la Bastide\"\naliases = [\"jardin de la Bastide\"]\nhours.wednesday = [\"07:00-21:00\"]\n\
                [[service]]\nid = \"decheterie\"\nname = \"la déchetterie des Brandes\"\naddress = \"lieu-dit les Brandes\"\nhours.monday = [\"14:00-18:00\"]\n\
                [[service]]\nid = \"poste\"\nname = \"l'agence postale\"\nhours.tuesday = [\"09:00-11:45\"]\n\
                [[service.exception]]\nfrom = \"2027-07-01\"\nto = \"2027-08-30\"\nhours = []\nreason = \"congés d'été\"\n\
                [[collection]]\nkind = \"ordures ménagères\"\ndays = [\"monday\"]\nstreets = [\"rue de la Bastide\", \"les Brandes\"]\n";
    let town = plain(body);
    let now = at("2027-07-14T20:45:00+02:00"); // a Wednesday
    let ask = |q: &str| Conversation::new(town.clone()).reply(q, now);
    // The park's name holds the street's: the park, not the rounds of the rue de la Bastide.
    let r = ask("le jardin de la bastide il ferme quand ce soir");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("parc"), "{}", r.answer);
    assert_eq!(ask("rue de la bastide les poubelles c'est quand").intent, Intent::Collection);
    // The dump named by the hamlet it stands at; the hamlet's rounds still its own.
    let r = ask("on peut aller aux brandes lundi");
    assert!(r.intent == Intent::Hours && r.service.as_deref() == Some("decheterie"), "{}", r.answer);
    assert_eq!(ask("aux brandes les poubelles c'est quand").intent, Intent::Collection);
    // A place "en congé": its hours, and why it is shut.
    let r = ask("l'agence postale est en congé");
    assert!(r.intent == Intent::Hours && r.answer.contains("congés d'été"), "{}", r.answer);
    // "vous direz à monsieur X que…" leaves a word.
    assert_eq!(ask("vous direz à monsieur dumontet que l'arbre est toujours sur le chemin").intent, Intent::Message);
}
