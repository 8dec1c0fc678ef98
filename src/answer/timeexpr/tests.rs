//! Tests of the time expressions.

use super::*;
use jiff::civil::{date, datetime};

// Wednesday 2026-07-08, 10:15.
fn now() -> DateTime {
    datetime(2026, 7, 8, 10, 15, 0, 0)
}

fn p(s: &str) -> Option<When> {
    parse(s, now())
}

#[test]
fn relative_days_and_parts() {
    assert_eq!(p("c'est ouvert demain matin ?"), Some(When { date: date(2026, 7, 9), moment: Moment::Morning }));
    assert_eq!(p("et ce soir"), Some(When { date: date(2026, 7, 8), moment: Moment::Evening }));
    assert_eq!(p("demain je peux les mettre le matin et le soir"), Some(When { date: date(2026, 7, 9), moment: Moment::Day }));
    assert_eq!(p("cet après-midi"), Some(When { date: date(2026, 7, 8), moment: Moment::Afternoon }));
    assert_eq!(p("en ce moment"), Some(When { date: date(2026, 7, 8), moment: Moment::Now }));
    assert_eq!(p("après-demain"), Some(When { date: date(2026, 7, 10), moment: Moment::Day }));
    assert_eq!(p("aujourd'hui"), Some(When { date: date(2026, 7, 8), moment: Moment::Day }));
    assert_eq!(p("la piscine"), None);
    assert_eq!(p("samedi c'est ouvert le matin et l'après-midi"), Some(When { date: date(2026, 7, 11), moment: Moment::Day }));
    assert_eq!(p("samedi c'est ouvert toute la journée ou que le matin"), Some(When { date: date(2026, 7, 11), moment: Moment::Day }));
    assert_eq!(p("les clés pour le mariage de demain il y a quelqu'un ce soir"), Some(When { date: date(2026, 7, 8), moment: Moment::Evening }));
}

#[test]
fn the_morning_asked_in_the_evening_is_tomorrows_and_until_six_is_in_the_evening() {
    let evening = datetime(2026, 7, 8, 19, 0, 0, 0);
    let morning = |d| Some(When { date: d, moment: Moment::Morning });
    assert_eq!(parse("ça ouvre à quelle heure le matin", evening), morning(date(2026, 7, 9)));
    assert_eq!(parse("ça ouvre à quelle heure le matin", now()), morning(date(2026, 7, 8)));
    assert_eq!(parse("c'était ouvert ce matin ?", evening), morning(date(2026, 7, 8)));
    let at = |h| Some(When { date: date(2026, 7, 8), moment: Moment::At(Time::constant(h, 0, 0, 0)) });
    assert_eq!(p("je pensais que c'était ouvert jusqu'à six heures"), at(18));
    assert_eq!(p("c'est ouvert à six heures du matin ?"), at(6));
    assert_eq!(p("jusqu'à 10 heures"), at(10));
}

#[test]
fn a_month_the_year_end_holidays_and_the_summer_are_spans_of_days() {
    let span = |from, to| Some(When { date: from, moment: Moment::Period(to) });
    // Asked on 8 July 2026.
    assert_eq!(p("c'est fermé en août"), span(date(2026, 8, 1), date(2026, 8, 31)));
    assert_eq!(p("au mois de juillet"), span(date(2026, 7, 8), date(2026, 7, 31)));
    assert_eq!(p("et en mars"), span(date(2027, 3, 1), date(2027, 3, 31)));
    // A week: to Sunday, or the next one from Monday.
    assert_eq!(p("je peux venir cette semaine"), span(date(2026, 7, 8), date(2026, 7, 12)));
    assert_eq!(p("la semaine prochaine c'est ouvert"), span(date(2026, 7, 13), date(2026, 7, 19)));
    assert_eq!(p("vous êtes fermés pendant les fêtes"), span(date(2026, 12, 20), date(2027, 1, 5)));
    assert_eq!(p("cet été c'est ouvert"), span(date(2026, 7, 8), date(2026, 8, 31)));
    // A date, the village fête, "j'ai été": no span.
    assert_eq!(p("le 3 août").unwrap().moment, Moment::Day);
    assert_eq!(p("les fêtes du village"), None);
    assert_eq!(p("j'ai été malade"), None);
    // Early January: the holidays under way.
    assert_eq!(parse("après les fêtes", datetime(2027, 1, 2, 10, 0, 0, 0)), span(date(2027, 1, 2), date(2027, 1, 5)));
}

#[test]
fn a_holiday_or_a_month_the_caller_missed_is_the_last_one() {
    // Asked on 8 July 2026.
    assert_eq!(p("j'ai raté le camion à Noël").unwrap().date, date(2025, 12, 25));
    assert_eq!(p("j'ai loupé le passage du 1er mai").unwrap().date, date(2026, 5, 1));
    assert_eq!(p("en mai dernier"), Some(When { date: date(2026, 5, 1), moment: Moment::Period(date(2026, 5, 31)) }));
    // Before its noun, "dernier" is a rank, not the past: the next Easter Monday.
    assert_eq!(p("le dernier lundi du mois c'est lundi de pâques ils passent").unwrap().date, date(2027, 3, 29));
    assert_eq!(p("j'ai manqué les encombrants en juillet").unwrap().date, date(2026, 7, 1));
    // Without such a word, the next one.
    assert_eq!(p("et en mai").unwrap().date, date(2027, 5, 1));
    // "après Pâques", said two days after Easter: this year's, just gone by; a week on, still.
    assert_eq!(parse("les sacs jaunes après pâques", datetime(2027, 3, 30, 10, 0, 0, 0)).unwrap().date, date(2027, 3, 28));
    assert_eq!(parse("après le lundi de pâques", datetime(2027, 4, 5, 10, 0, 0, 0)).unwrap().date, date(2027, 3, 29));
    assert_eq!(parse("les sacs jaunes à pâques", datetime(2027, 3, 30, 10, 0, 0, 0)).unwrap().date, date(2028, 4, 16));
    assert_eq!(parse("après pâques", datetime(2027, 5, 30, 10, 0, 0, 0)).unwrap().date, date(2028, 4, 16));
}

#[test]
fn weekdays_and_dates() {
    assert_eq!(p("samedi prochain").unwrap().date, date(2026, 7, 11));
    assert_eq!(p("mercredi").unwrap().date, date(2026, 7, 8));
    assert_eq!(p("mercredi prochain").unwrap().date, date(2026, 7, 15));
    assert_eq!(p("et les jeudis c'est à quelle heure").unwrap().date, date(2026, 7, 9));
    assert_eq!(p("le 14 juillet").unwrap().date, date(2026, 7, 14));
    assert_eq!(p("le quatorze juillet").unwrap().date, date(2026, 7, 14));
    assert_eq!(p("le 1er mai").unwrap().date, date(2027, 5, 1));
    assert_eq!(p("le samedi 12 septembre").unwrap().date, date(2026, 9, 12));
    // Said on Wednesday 8 July: next week's Thursday, not tomorrow; a weekday and its day.
    assert_eq!(p("jeudi de la semaine prochaine le 16 c'est ouvert").unwrap().date, date(2026, 7, 16));
    assert_eq!(p("et jeudi la semaine prochaine").unwrap().date, date(2026, 7, 16));
    assert_eq!(p("elle est en congé la semaine prochaine c'est ouvert jeudi").unwrap().date, date(2026, 7, 16));
    assert_eq!(p("la semaine prochaine je pars mais ce jeudi c'est ouvert").unwrap().date, date(2026, 7, 9));
    assert_eq!(p("le jeudi 23 vous êtes ouverts").unwrap().date, date(2026, 7, 23));
    assert_eq!(p("jeudi 18 h").unwrap().date, date(2026, 7, 9));
    assert_eq!(p("à Noël").unwrap().date, date(2026, 12, 25));
    assert_eq!(p("le lundi de Pâques").unwrap().date, date(2027, 3, 29));
    assert_eq!(p("ce week-end").unwrap().date, date(2026, 7, 11));
    assert_eq!(p("le 31 la mairie ferme à quelle heure").unwrap().date, date(2026, 7, 31));
    assert_eq!(p("la veille du vingt-cinq la boutique ferme plus tôt").unwrap().date, date(2026, 7, 24));
    assert_eq!(p("le lendemain du 14 c'est ouvert").unwrap().date, date(2026, 7, 15));
    assert_eq!(parse("le lendemain du vingt-cinq", datetime(2026, 12, 26, 9, 0, 0, 0)).unwrap().date, date(2026, 12, 26));
    assert_eq!(p("le lendemain de Noël").unwrap().date, date(2026, 12, 26));
    assert_eq!(p("demain c'est la veille de Noël").unwrap().date, date(2026, 12, 24));
    assert_eq!(p("jeudi pour la veille de noël").unwrap().date, date(2026, 12, 24));
    // The Christmas holidays asked during them are under way, not next year's.
    let during = parse("c'est ouvert pendant les vacances de noël", datetime(2026, 12, 29, 8, 45, 0, 0)).unwrap();
    assert_eq!(during.date, date(2026, 12, 29));
    assert_eq!(parse("pendant les vacances de noël", datetime(2026, 12, 10, 9, 0, 0, 0)).unwrap().date, date(2026, 12, 25));
    assert_eq!(p("la veille du jour de l'an").unwrap().date, date(2026, 12, 31));
    assert_eq!(p("le jour de l'an").unwrap().date, date(2027, 1, 1));
    assert_eq!(p("après le nouvel an").unwrap().date, date(2027, 1, 1));
    assert_eq!(p("ils travaillent tard le soir du nouvel an").unwrap().date, date(2026, 12, 31));
    assert_eq!(p("le réveillon du nouvel an").unwrap().date, date(2026, 12, 31));
    assert_eq!(p("le soir après le nouvel an").unwrap().date, date(2027, 1, 1));
    assert_eq!(p("le dernier jour de l'année vous fermez à quelle heure").unwrap().date, date(2026, 12, 31));
    assert_eq!(p("ce vendredi avant Pâques").unwrap().date, date(2027, 3, 26));
    assert_eq!(p("le vendredi saint").unwrap().date, date(2027, 3, 26));
    // The holiday's own article passed over; Christmas as a season's thing or a purpose.
    assert_eq!(p("vendredi le lendemain de l'ascension").unwrap().date, date(2027, 5, 7));
    assert_eq!(p("la veille de l'ascension").unwrap().date, date(2027, 5, 5));
    let eve = datetime(2026, 12, 24, 10, 0, 0, 0);
    assert_eq!(parse("vous fermez tôt aujourd'hui pour noël", eve).unwrap().date, date(2026, 12, 24));
    assert_eq!(parse("elle ferme à quelle heure aujourd'hui avec noël", eve).unwrap().date, date(2026, 12, 24));
    assert_eq!(parse("c'est fermé avec noël", eve).unwrap().date, date(2026, 12, 25));
    let advent = datetime(2026, 12, 22, 10, 0, 0, 0);
    assert_eq!(parse("demain mercredi on sort la poubelle avant noël", advent).unwrap().date, date(2026, 12, 23));
    assert_eq!(parse("le soir de noël l'église reste ouverte jusqu'à quelle heure", advent).unwrap().date, date(2026, 12, 24));
    assert_eq!(parse("pour le réveillon du trente et un la police reste jusqu'à quelle heure", advent).unwrap().date, date(2026, 12, 31));
    let evening = datetime(2026, 12, 18, 20, 0, 0, 0);
    assert_eq!(parse("la police est encore là ce soir avec le marché de noël", evening).unwrap().date, date(2026, 12, 18));
    assert_eq!(p("il est midi passé c'est fermé").unwrap().moment, Moment::Now);
    // The weekday of a bridge beside a holiday or a date.
    assert_eq!(p("le vendredi du pont de l'ascension").unwrap().date, date(2027, 5, 7));
    assert_eq!(p("le vendredi du pont du quinze août").unwrap().date, date(2026, 8, 14));
    assert_eq!(p("la mairie est ouverte pour le pont de l'ascension").unwrap().date, date(2027, 5, 7));
    let bridge = datetime(2027, 5, 7, 9, 0, 0, 0);
    assert_eq!(parse("c'est le pont de l'ascension la mairie est ouverte aujourd'hui", bridge).unwrap().date, date(2027, 5, 7));
    assert_eq!(parse("vous êtes ouverts pour le pont de l'ascension", bridge).unwrap().date, date(2027, 5, 7), "today's bridge");
    assert_eq!(p("le lundi de la toussaint").unwrap().date, date(2026, 11, 2));
    assert_eq!(p("le jour de la fête nationale").unwrap().date, date(2026, 7, 14));
    assert_eq!(p("la veille de la fête du travail").unwrap().date, date(2027, 4, 30));
    assert_eq!(p("le lendemain de l'assomption").unwrap().date, date(2026, 8, 16));
    assert_eq!(p("le jour de l'armistice").unwrap().date, date(2026, 11, 11));
    assert_eq!(p("la fête de la victoire de quatorze-dix-huit").unwrap().date, date(2026, 11, 11));
    assert_eq!(p("la fête de la victoire de 1918").unwrap().date, date(2026, 11, 11));
    assert_eq!(p("la fête de la victoire").unwrap().date.month(), 5);
    assert_eq!(p("le jour de la fête des saints").unwrap().date, date(2026, 11, 1));
    assert_eq!(p("pour la fête de tous les saints").unwrap().date, date(2026, 11, 1));
    assert_eq!(p("la saint-sylvestre").unwrap().date, date(2026, 12, 31));
    assert!(p("la fête du village").is_none());
    assert_eq!(p("à la mi-septembre vous êtes ouverts").unwrap().date, date(2026, 9, 15));
    assert_eq!(p("le vendredi après l'ascension").unwrap().date, date(2027, 5, 7));
    assert_eq!(p("la veille du quatorze juillet").unwrap().date, date(2026, 7, 13));
    assert_eq!(p("le lendemain du 15 août").unwrap().date, date(2026, 8, 16));
    assert_eq!(p("vendredi sept mai le lendemain du jeudi férié").unwrap().date, date(2027, 5, 7));
    assert_eq!(p("le lendemain de Noël à 10 h").unwrap().moment, Moment::At(Time::constant(10, 0, 0, 0)));
    assert_eq!(p("il faut appeler le 15"), None);
    // Recognition slips on long weekday names, never on short words.
    assert_eq!(p("la bibliothèque merpredit").unwrap().date, date(2026, 7, 8));
    assert_eq!(p("je veux vendre ma maison"), None);
}

#[test]
fn clock_times() {
    assert_eq!(p("à midi"), Some(When { date: date(2026, 7, 8), moment: Moment::At(Time::constant(12, 0, 0, 0)) }));
    assert_eq!(p("demain à 18h30").unwrap(), When { date: date(2026, 7, 9), moment: Moment::At(Time::constant(18, 30, 0, 0)) });
    assert_eq!(p("vendredi à dix-sept heures").unwrap().moment, Moment::At(Time::constant(17, 0, 0, 0)));
    assert_eq!(p("à 9 heures et demie").unwrap().moment, Moment::At(Time::constant(9, 30, 0, 0)));
    assert_eq!(p("à 2 h de l'après-midi").unwrap().moment, Moment::At(Time::constant(14, 0, 0, 0)));
    // An hour of the small hours said plainly is one of the afternoon, unless the morning is said.
    assert_eq!(p("il est quatre heures et demie").unwrap().moment, Moment::At(Time::constant(16, 30, 0, 0)));
    assert_eq!(p("avant cinq heures").unwrap().moment, Moment::At(Time::constant(17, 0, 0, 0)));
    assert_eq!(p("à 5 heures du matin").unwrap().moment, Moment::At(Time::constant(5, 0, 0, 0)));
    assert_eq!(p("à sept heures et demie").unwrap().moment, Moment::At(Time::constant(7, 30, 0, 0)));
    let at_seven_pm = datetime(2026, 7, 8, 19, 0, 0, 0);
    let later = |s: &str| parse(s, at_seven_pm).unwrap().moment;
    assert_eq!(later("je rentre vers sept heures et demie, c'est encore ouvert ?"), Moment::At(Time::constant(19, 30, 0, 0)), "this evening's");
    assert_eq!(later("ça ouvre à sept heures et demie le matin ?"), Moment::At(Time::constant(7, 30, 0, 0)));
    assert_eq!(later("demain à sept heures"), Moment::At(Time::constant(7, 0, 0, 0)), "a day named: as said");
    assert_eq!(later("j'ai raté l'agence ce matin, elle rouvre quel jour"), Moment::Now, "when it next opens");
    assert_eq!(later("elle est fermée à midi ça rouvre à quelle heure"), Moment::Now, "the break has begun");
    assert_eq!(later("j'arrive trop tard pour ce matin c'est quand que ça rouvre"), Moment::Now, "the morning is over");
    // 2026-07-08 is a Wednesday: "mercredi matin" names the day, not this morning gone by.
    assert_ne!(later("ça rouvre mercredi matin"), Moment::Now);
    assert_ne!(later("j'ai raté l'agence ce matin, elle ouvre demain"), Moment::Now);
    assert_eq!(later("j'ai raté le marché ce matin le prochain c'est quand"), Moment::Now, "missed: when it is on next");
}

#[test]
fn after_the_holidays_said_in_the_month_after_them_is_from_today() {
    let in_january = datetime(2027, 1, 7, 10, 0, 0, 0);
    let w = parse("après les fêtes je mets mon sapin dehors", in_january).unwrap();
    assert_eq!((w.date, w.moment), (date(2027, 1, 7), Moment::Period(date(2027, 1, 20))));
    let in_december = datetime(2026, 12, 10, 10, 0, 0, 0);
    assert_eq!(parse("après les fêtes", in_december).unwrap().date, date(2026, 12, 20), "the holidays to come, as before");
}

#[test]
fn the_last_day_of_the_year_after_its_weekday_is_to_come() {
    let w = parse("vendredi dernier jour de l'année je peux vider mes cartons de noël", datetime(2027, 12, 30, 18, 0, 0, 0)).unwrap();
    assert_eq!(w.date, date(2027, 12, 31));
}

#[test]
fn a_moment_after_depuis_is_gone_by_not_asked() {
    assert_eq!(p("je suis papa depuis ce matin il y a un délai"), None);
    assert_eq!(p("c'est fermé depuis lundi"), None);
    assert_eq!(p("fermé depuis hier, ça rouvre demain ?").unwrap().date, date(2026, 7, 9));
}

#[test]
fn a_weekday_in_a_season_or_a_month_and_the_seasons() {
    // Said on Wednesday 8 July 2026.
    let day = |s: &str| p(s).map(|w| (w.date, w.moment));
    assert_eq!(day("c'est ouvert le lundi en hiver"), Some((date(2026, 12, 21), Moment::Day)));
    assert_eq!(day("le samedi en septembre"), Some((date(2026, 9, 5), Moment::Day)));
    assert_eq!(p("c'est ouvert en hiver").map(|w| w.moment), Some(Moment::Period(date(2027, 3, 20))));
    assert_eq!(p("cet automne").map(|w| w.date), Some(date(2026, 9, 22)));
    // A weekday said of its own stays this week's: "c'est samedi", "avant juin", "la salle des fêtes".
    assert_eq!(p("c'est samedi je voulais le faire avant septembre").map(|w| w.date), Some(date(2026, 7, 11)));
    assert_eq!(p("on loue la salle des fêtes pour samedi").map(|w| w.date), Some(date(2026, 7, 11)));
    // "il reprend quand au printemps ?": the next opening from now, no span.
    assert!(!matches!(p("il reprend quand au printemps").map(|w| w.moment), Some(Moment::Period(_))));
    // Back from leave asks the reopening.
    assert!(back_from_leave(&tokens("la biblio elle revient de congés quand")));
    assert!(!back_from_leave(&tokens("il revient de Paris quand")));
}

#[test]
fn the_summer_holidays_and_after_them() {
    // Said on Wednesday 8 July 2026.
    assert_eq!(p("c'est ouvert pendant les grandes vacances").map(|w| (w.date, w.moment)), Some((date(2026, 7, 8), Moment::Period(date(2026, 8, 31)))));
    assert_eq!(p("et pendant les vacances d'été").map(|w| w.moment), Some(Moment::Period(date(2026, 8, 31))));
    // After them, said before them: the first of September, as a day.
    let may = datetime(2026, 5, 17, 9, 40, 0, 0);
    assert_eq!(parse("il reprend quel jour après les grandes vacances", may).map(|w| (w.date, w.moment)), Some((date(2026, 9, 1), Moment::Day)));
    assert_eq!(parse("ça rouvre après l'été", may).map(|w| w.date), Some(date(2026, 9, 1)));
    // Said in the summer, the closure under way: no day (the reopening from now).
    assert!(p("ça rouvre quand après l'été").is_none_or(|w| w.date != date(2026, 9, 1)));
    // Not other holidays, nor "les vacances" alone.
    assert!(parse("après les vacances de la toussaint", may).is_none_or(|w| w.date != date(2026, 9, 1)));
    assert!(p("on part en vacances").is_none());
}

#[test]
fn a_weekday_after_or_before_a_holiday_in_its_week_or_said_of_its_own() {
    // Christmas 2026 is a Friday, Easter 2027 a Sunday.
    assert_eq!(p("le mardi qui suit noël").unwrap().date, date(2026, 12, 29));
    assert_eq!(p("samedi après noël").unwrap().date, date(2026, 12, 26));
    assert_eq!(p("le jeudi avant pâques").unwrap().date, date(2027, 3, 25));
    assert_eq!(p("le lundi de la semaine de noël").unwrap().date, date(2026, 12, 21));
    // The weekday said, the holiday its reason.
    let saturday = datetime(2026, 12, 19, 17, 0, 0, 0);
    assert_eq!(parse("lundi qui vient c'est la semaine de noël", saturday).unwrap().date, date(2026, 12, 21));
    // Beside a bridge, as before.
    assert_eq!(p("le vendredi du pont de l'ascension").unwrap().date, date(2027, 5, 7));
}

#[test]
fn the_toussaint_holidays_asked_during_them_are_under_way() {
    let during = datetime(2027, 11, 4, 18, 0, 0, 0);
    assert_eq!(parse("pendant les vacances de la toussaint le périscolaire est ouvert", during).unwrap().date, date(2027, 11, 4));
    // Asked in the summer: the feast itself, as before.
    assert_eq!(p("pendant les vacances de la toussaint").unwrap().date, date(2026, 11, 1));
}

#[test]
fn a_holiday_said_by_its_weekday_and_the_day_after_it() {
    // Tuesday 4 May 2027: Ascension is Thursday 6 May.
    let tuesday = datetime(2027, 5, 4, 11, 0, 0, 0);
    let day = |s: &str, at: DateTime| parse(s, at).map(|w| w.date);
    assert_eq!(day("le jeudi férié la mairie est ouverte", tuesday), Some(date(2027, 5, 6)));
    assert_eq!(day("le vendredi qui suit le jeudi férié vous êtes là", tuesday), Some(date(2027, 5, 7)));
    assert_eq!(day("vendredi après le jeudi férié la garderie est ouverte", tuesday), Some(date(2027, 5, 7)));
    assert_eq!(day("le vendredi d'après le jeudi férié de mai", datetime(2027, 4, 30, 11, 0, 0, 0)), Some(date(2027, 5, 7)));
    assert_eq!(day("la mairie reste fermée entre le jeudi férié et le week-end", tuesday), Some(date(2027, 5, 7)));
    // The holiday of November asked from May.
    assert_eq!(day("le jeudi férié de novembre", tuesday), Some(date(2027, 11, 11)));
    // No holiday on that weekday near: the weekday alone.
    assert_eq!(day("le mardi férié", tuesday), Some(date(2027, 5, 4)));
}

#[test]
fn a_weekday_beside_a_full_date_confirms_it_and_a_ranked_weekday_is_in_its_month() {
    let day = |d| Some(When { date: d, moment: Moment::Day });
    // Asked on Wednesday 8 July 2026: Tuesday 14 July 2026, not next Tuesday.
    assert_eq!(p("le quatorze juillet un mardi c'est ouvert"), day(date(2026, 7, 14)));
    assert_eq!(p("le 14 juillet c'est un mardi vous ouvrez"), day(date(2026, 7, 14)));
    assert_eq!(p("le 22 août un samedi"), day(date(2026, 8, 22)));
    // The first Thursday of August, the last Saturday of the month, the second Tuesday of next month.
    assert_eq!(p("le premier jeudi d'août"), day(date(2026, 8, 6)));
    assert_eq!(p("le dernier samedi du mois"), day(date(2026, 7, 25)));
    assert_eq!(p("le premier mercredi du mois"), day(date(2026, 8, 5)));
    assert_eq!(p("le deuxième mardi du mois de septembre"), day(date(2026, 9, 8)));
    // Without a month, a rank is not read: "mon premier lundi de travail".
    assert_eq!(p("le premier lundi").map(|w| w.date), Some(date(2026, 7, 13)));
    // "samedi en huit": Saturday of next week; "aujourd'hui" is Wednesday 8 July.
    assert_eq!(p("samedi en huit le bureau est ouvert"), day(date(2026, 7, 18)));
    assert_eq!(p("mercredi en huit"), day(date(2026, 7, 15)));
    assert_eq!(p("lundi en quinze"), day(date(2026, 7, 27)));
    // The last and the first day of a month.
    assert_eq!(p("le dernier jour d'août la piscine est ouverte"), day(date(2026, 8, 31)));
    assert_eq!(p("le premier jour de septembre"), day(date(2026, 9, 1)));
    // "le jour avant Noël" is its eve, "le jour d'après" its morrow.
    assert_eq!(p("le jour avant noël la mairie ouvre quand"), day(date(2026, 12, 24)));
    assert_eq!(p("le jour d'après noël"), day(date(2026, 12, 26)));
    assert_eq!(p("le jour avant le 15 août"), day(date(2026, 8, 14)));
    // "pour Noël" beside "maintenant" is the reason, not the day.
    assert_eq!(p("je peux venir choisir des livres pour noël maintenant").map(|w| w.date), Some(date(2026, 7, 8)));
    // Church words: "la Nativité" is Christmas, "les saints" the Toussaint; a weekday beside a holiday
    // that falls on it only confirms it (Christmas Eve 2026 is a Thursday, the Toussaint a Sunday).
    let on = |q: &str| p(q).map(|w| w.date);
    assert_eq!(on("la veille de la nativité jeudi la mairie ouvre"), Some(date(2026, 12, 24)));
    assert_eq!(on("le jour de la nativité"), Some(date(2026, 12, 25)));
    assert_eq!(on("pour la fête des saints le dimanche le cimetière ouvre comment"), Some(date(2026, 11, 1)));
    assert_eq!(on("dimanche pour les saints le cimetière ouvre"), Some(date(2026, 11, 1)));
    assert_eq!(on("le jour des saints"), Some(date(2026, 11, 1)));
    assert_ne!(on("après les saints de glace on peut planter"), Some(date(2026, 11, 1)));
    assert_eq!(on("l'église de la nativité est ouverte"), None);
}

#[test]
fn the_lunch_break_is_read_at_one() {
    let one = Moment::At(Time::constant(13, 0, 0, 0));
    assert_eq!(p("c'est fermé pour midi").map(|w| w.moment), Some(one));
    assert_eq!(p("mercredi midi la médiathèque est fermée pour le repas"), Some(When { date: date(2026, 7, 8), moment: one }));
    assert_eq!(p("pendant la pause vous êtes ouverts").map(|w| w.moment), Some(one));
    assert_eq!(p("la poste est fermée à l'heure du déjeuner").map(|w| w.moment), Some(one));
    // A meal named, a booking at noon, a payment: no break asked.
    assert_eq!(p("la salle est ouverte pour le repas des anciens"), None);
    assert_eq!(p("je dois payer pour le repas"), None);
    assert_eq!(p("un rendez-vous pour midi").map(|w| w.moment), Some(Moment::At(Time::constant(12, 0, 0, 0))));
}

#[test]
fn a_day_number_after_ce_is_the_coming_one() {
    assert_eq!(p("la navette passe ce vingt-quatre").map(|w| w.date), Some(date(2026, 7, 24)));
    assert_eq!(p("ce 3 on est fermé").map(|w| w.date), Some(date(2026, 8, 3)));
}

#[test]
fn a_closing_asked_for_a_holiday_on_its_eve_is_todays() {
    let eve = datetime(2027, 12, 24, 11, 0, 0, 0);
    assert_eq!(parse("la crèche ferme plus tôt pour noël", eve).map(|w| w.date), Some(date(2027, 12, 24)));
    assert_eq!(parse("la déchetterie ferme quand pour noël", eve).map(|w| w.date), Some(date(2027, 12, 24)));
    // Asked days before, or an opening asked: the holiday itself.
    let before = datetime(2027, 12, 20, 11, 0, 0, 0);
    assert_eq!(parse("la déchetterie ferme quand pour noël", before).map(|w| w.date), Some(date(2027, 12, 25)));
    assert_eq!(parse("vous êtes ouverts pour noël", eve).map(|w| w.date), Some(date(2027, 12, 25)));
}
