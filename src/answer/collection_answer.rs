//! The waste collection answer for a street, for the ear: its rounds and their rules, the next
//! passage, holidays that move or cancel one; or only one day ("demain") or one week ("cette semaine").

use jiff::civil::{Date, DateTime};
use jiff::ToSpan;

use super::collection::{next_collections, Passage};
use super::holidays::HolidayRule;
use super::normalize::{content_tokens, stem, tokens};
use super::speak::{self, capitalize, join_et};
use super::timeexpr::{self, Moment};
use super::town::Collection;

/// What the caller asks about the collection of a street.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// When it passes.
    General,
    /// Whether it passes that day.
    Day(Date),
    /// What passes between these two days (included).
    Week(Date, Date),
    /// The same, said "la semaine prochaine".
    NextWeek(Date, Date),
    /// The next passage after that day ("j'ai raté le camion ce matin", "et la fois d'après ?").
    After(Date),
    /// What passes from today until the day before that one ("le prochain ramassage avant Noël").
    Before(Date),
}

/// A word that asks for the passage after one ("ils repassent quand ?", "celle d'après ?").
pub fn is_after_word(w: &str) -> bool {
    timeexpr::is_missed_word(w)
        || matches!(
            w,
            "oublie"
                | "oubliee"
                | "oublies"
                | "oubliees"
                | "passes"
                | "repassent"
                | "repasse"
                | "repassera"
                | "repasseront"
                | "reviennent"
                | "revient"
                | "reviendra"
                | "reviendront"
                | "suivant"
                | "suivante"
                | "celle"
                | "celui"
        )
}

/// "a sauté", "ont sauté": a passage that did not take place.
fn skipped(words: &[String], i: usize) -> bool {
    words[i] == "saute" && i > 0 && matches!(words[i - 1].as_str(), "a" | "ont" | "est")
}

/// Whether word `i` says bins were left where they were put out ("les sacs sont toujours devant
/// la porte", "le bac est toujours dehors").
fn left_out(words: &[String], i: usize) -> bool {
    let out = |n: &String| matches!(n.as_str(), "devant" | "dehors" | "sur" | "plein" | "pleins" | "la");
    words[i] == "toujours" && i > 0 && matches!(words[i - 1].as_str(), "est" | "sont") && words.get(i + 1).is_some_and(out)
}

/// Whether word `i` says a bin or bag was not taken ("pas pris", "pas été ramassés").
fn not_taken(words: &[String], i: usize) -> bool {
    is_taken(&words[i]) && i > 0 && (words[i - 1] == "pas" || (i > 1 && words[i - 2] == "pas" && words[i - 1] == "ete"))
}

/// A bin or bag taken, emptied or collected, said of one that was not ("pas été ramassés").
fn is_taken(w: &str) -> bool {
    const TAKEN: &[&str] = &["pris", "prise", "prises", "sorti", "sortie", "sortis", "sorties", "venu", "venus", "enleve", "enleves", "enlevee", "enlevees"];
    const EMPTIED: &[&str] = &["vide", "vides", "videe", "videes", "collectee", "collectees"];
    TAKEN.contains(&w) || EMPTIED.contains(&w) || PICKED_UP.contains(&w)
}

/// A round picking waste up, said as a noun or a participle ("la collecte", "pas ramassées").
pub const PICKED_UP: &[&str] = &["ramasse", "ramasses", "ramassee", "ramassees", "collecte", "collectes"];

/// "la poubelle passe aujourd'hui, après les fêtes ?": "après" at `i` names the season gone by,
/// today being asked, not the passage after one.
fn season_gone(words: &[String], i: usize) -> bool {
    let season = |k: usize| words.get(k).is_some_and(|x| matches!(x.as_str(), "fetes" | "vacances" | "conges" | "noel" | "toussaint" | "paques"));
    let article = words.get(i + 1).is_some_and(|x| matches!(x.as_str(), "les" | "la" | "le" | "l"));
    (season(i + 1) || (article && season(i + 2))) && timeexpr::says_today(words)
}

/// Words that ask for the passage after one ("ils repassent quand ?", "et la fois d'après ?").
pub fn asks_after(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        is_after_word(w)
            || (w == "apres" && words.get(i + 1).is_none_or(|n| n != "midi") && !season_gone(words, i))
            // "le camion est passé trop tôt", "le tri n'est pas passé"
            || (w == "passe" && i > 0 && (words[i - 1] == "est" || (words[i - 1] == "pas" && i > 1 && words[i - 2] == "est")))
            // "la collecte de vendredi a sauté": missed, not "la collecte saute à Noël ?".
            || skipped(words, i)
            // "ils ont pas pris mon bac", "j'ai pas sorti la poubelle", "ils n'ont pas été
            // ramassés", "mes sacs n'ont pas été pris": this one is missed.
            || not_taken(words, i)
            // "j'ai pas pu la sortir", "le camion a filé".
            || (w == "pu" && i > 0 && words[i - 1] == "pas")
            || left_out(words, i)
            || (w == "file" && i > 0 && words[i - 1] == "a")
            // "le bac est resté plein", "mes fagots sont restés sur le trottoir"; "c'est quand la suite ?"
            || (matches!(w.as_str(), "reste" | "restee" | "restes" | "restees") && i > 0 && matches!(words[i - 1].as_str(), "est" | "sont"))
            || (w == "suite" && i > 0 && words[i - 1] == "la")
    })
}

/// What the question asks, ignoring the words of the street's name ("rue du 8 Mai 1945") and of a
/// kind named in full ("les sapins de Noël"); `last` is the passage last told in this call.
pub fn asked(text: &str, street: &str, kinds: &[&str], now: DateTime, last: Option<Date>) -> Asked {
    // The street's own words, not its particles: "hameau de Kergoff" leaves "lundi de Pâques" whole.
    let mut ignored = content_tokens(street);
    let mut words = tokens(text);
    // A kind's words in the singular or the plural ("mon sapin de Noël", "les sapins de Noël").
    let stems = |ts: &[String]| -> Vec<String> { ts.iter().map(|t| stem(t)).collect() };
    let said = stems(&words);
    for kind in kinds {
        let k = stems(&content_tokens(kind));
        if k.iter().all(|t| said.contains(t)) {
            ignored.extend(k);
        }
    }
    words.retain(|t| !ignored.contains(t) && !ignored.contains(&stem(t)));
    let today = now.date();
    if words.iter().any(|w| w == "semaine") {
        // "cette semaine ou la semaine prochaine ?": the next passage. "Quels jours de la semaine ?",
        // "combien de fois par semaine ?": the rule.
        let rule = words.windows(4).any(|p| matches!(p[0].as_str(), "jour" | "jours") && matches!(p[1].as_str(), "de" | "dans") && p[2..] == ["la", "semaine"])
            || words.windows(2).any(|p| p == ["par", "semaine"]);
        // So is "c'est cette semaine les ordures ou la semaine prochaine ?": two weeks, "ou" between.
        let weeks: Vec<usize> = words.iter().enumerate().filter(|(_, w)| *w == "semaine").map(|(i, _)| i).collect();
        let either = weeks.len() >= 2 && words[weeks[0]..weeks[weeks.len() - 1]].iter().any(|w| w == "ou");
        // …and "ils passent aujourd'hui ou la semaine prochaine ?": a day, or that week.
        let either = either || words.iter().position(|w| w == "ou").is_some_and(|k| k < weeks[0] && timeexpr::parse(&words[..k].join(" "), now).is_some());
        if rule || either {
            return Asked::General;
        }
        if words.iter().any(|w| w == "prochaine") {
            let (from, to) = timeexpr::next_week(today);
            return Asked::NextWeek(from, to);
        }
        let (from, to) = timeexpr::this_week(today);
        return Asked::Week(from, to);
    }
    // "c'est aujourd'hui ou jeudi prochain ?": either day, so the next passage.
    let parses = |ws: &[String]| timeexpr::parse(&ws.join(" "), now).is_some();
    if words.iter().position(|w| w == "ou").is_some_and(|k| parses(&words[..k]) && parses(&words[k + 1..])) && !asks_after(&words) {
        return Asked::General;
    }
    // "c'est ce jeudi ou le suivant ?": this one or the one after, so the next passage.
    let or_next = ["ou le suivant", "ou la suivante", "ou celui d apres", "ou celle d apres", "ou l autre"];
    if words.iter().position(|w| w == "ou").is_some_and(|k| parses(&words[..k]) && or_next.contains(&words[k..].join(" ").as_str())) {
        return Asked::General;
    }
    let when = timeexpr::parse(&words.join(" "), now);
    if let Some(d) = before_day(&words, now) {
        return Asked::Before(d);
    }
    if asks_after(&words) {
        // "après jeudi", "ce matin", else the passage just told, else today; after a span that is
        // over ("j'ai raté les encombrants en mai"), after its end.
        let missed = words.iter().enumerate().any(|(i, w)| timeexpr::is_missed_word(w) || skipped(&words, i) || not_taken(&words, i) || left_out(&words, i));
        let from = when.map(|w| match w.moment {
            Moment::Period(to) if to < today => to,
            // A span not over ("j'ai loupé les branches en août" on the 16th): never a passage gone by.
            Moment::Period(_) => w.date.max(today.yesterday().unwrap_or(today)),
            // "j'ai raté les sacs samedi", "ce week-end", said on Monday: the last one, not the next.
            _ if missed && w.date > today => Some(w.date - 7.days()).filter(|d| *d <= today).unwrap_or(today),
            _ => w.date,
        });
        // "ils sont passés hier".
        let yesterday = words.iter().any(|w| w == "hier").then(|| today.yesterday().ok()).flatten();
        return Asked::After(from.or(yesterday).or(last).unwrap_or(today));
    }
    match when {
        // "en juillet, le bac gris passe quel jour ?": a span longer than a week asks the next
        // passage within it, from today when it is under way.
        Some(w) if matches!(w.moment, Moment::Period(to) if to > w.date + 6.days()) => match w.date.yesterday() {
            Ok(eve) if w.date > today => Asked::After(eve),
            _ => Asked::General,
        },
        Some(w) if w.moment != Moment::Now || w.date != today => Asked::Day(w.date),
        _ => Asked::General,
    }
}

/// "avant Noël", "avant le 14 juillet", no day named before the word: the day, when it is to come
/// within two weeks ("le vendredi avant Noël" is one day, told by the time expression).
fn before_day(words: &[String], now: DateTime) -> Option<Date> {
    let k = words.iter().position(|w| w == "avant")?;
    if timeexpr::parse(&words[..k].join(" "), now).is_some() {
        return None;
    }
    let today = now.date();
    let d = timeexpr::parse(&words[k..].join(" "), now)?.date;
    (today < d && d <= today + 14.days()).then_some(d)
}

/// The rounds among `rounds` that pass on `day`, holidays counted.
pub fn passing_on<'a>(rounds: &[&'a Collection], day: Date, holidays: HolidayRule) -> Vec<&'a Collection> {
    rounds.iter().copied().filter(|c| next_collections(&c.schedule, day, holidays, 1).first().is_some_and(|p| p.date == Some(day))).collect()
}

/// The rounds among `rounds` whose rule sets a passage on `day` that a holiday cancels or moves.
pub fn shifted_from<'a>(rounds: &[&'a Collection], day: Date, holidays: HolidayRule) -> Vec<&'a Collection> {
    rounds.iter().copied().filter(|c| next_collections(&c.schedule, day, holidays, 1).first().is_some_and(|p| p.planned == day && p.changed())).collect()
}

/// The first passage the answer to `asked` tells (what "la fois d'après" follows).
pub fn first_told(rounds: &[&Collection], asked: Asked, today: Date, holidays: HolidayRule) -> Option<Date> {
    let from = match asked {
        Asked::General => today,
        Asked::Day(d) => d,
        Asked::After(d) => d.tomorrow().ok()?,
        Asked::Week(..) | Asked::NextWeek(..) | Asked::Before(_) => return None,
    };
    rounds.iter().filter_map(|c| next_collections(&c.schedule, from, holidays, 1).into_iter().find_map(|p| p.date)).min()
}

/// The answer about the rounds serving `street`, on `today`.
pub fn answer(street: &str, rounds: &[&Collection], asked: Asked, now: DateTime, holidays: HolidayRule) -> String {
    let today = now.date();
    let several = rounds.len() > 1;
    match asked {
        Asked::General => {
            let next: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, today, holidays, 1)).collect();
            let items: Vec<String> = rounds
                .iter()
                .enumerate()
                .map(|(k, c)| format!("{} : {}", if k == 0 { of_kind(&c.kind) } else { c.kind.clone() }, super::collection::describe(&c.schedule, today)))
                .collect();
            let mut s = format!("{}, collecte {}.", capitalize(street), items.join(" ; "));
            s.push_str(&changes(rounds, &next, today, several, |_| true));
            s.push_str(&next_passage(rounds, &next, today));
            s.push_str(&if_passed_today(rounds, &next, now, holidays));
            s
        }
        Asked::Day(day) => {
            let on: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, day, holidays, 1)).collect();
            let kinds = kinds_on(rounds, &on, day, day);
            let rel = speak::relative_date(day, today);
            let mut s = if kinds.is_empty() {
                format!("Pas de collecte {rel}, {street}.")
            } else {
                format!("{}, collecte {}, {street}.", capitalize(&rel), join_et(&kinds.iter().map(|k| of_kind(k)).collect::<Vec<_>>()))
            };
            s.push_str(&changes(rounds, &on, today, several, |p| p.planned == day || p.date == Some(day)));
            // "avec le 1er janvier, le camion passe vendredi ?": the next passage of the rounds that
            // day cancels, not of whatever round comes first.
            let cancelled = shifted_from(rounds, day, holidays);
            if kinds.is_empty() && !cancelled.is_empty() && cancelled.len() < rounds.len() {
                let after = day.tomorrow().unwrap_or(day);
                let next: Vec<Vec<Passage>> = cancelled.iter().map(|c| next_collections(&c.schedule, after, holidays, 3)).collect();
                s.push_str(&next_passage(&cancelled, &next, today));
            } else if kinds.is_empty() {
                s.push_str(&next_passage(rounds, &on, today));
            }
            s
        }
        Asked::Week(from, to) => week(street, rounds, "cette semaine", (from, to), today, holidays),
        Asked::NextWeek(from, to) => week(street, rounds, "la semaine prochaine", (from, to), today, holidays),
        Asked::Before(day) => {
            let label = format!("avant {}", speak::date(day, today));
            week(street, rounds, &label, (today, day.yesterday().unwrap_or(day)), today, holidays)
        }
        Asked::After(day) => {
            let from = day.tomorrow().unwrap_or(day);
            let next: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, from, holidays, 1)).collect();
            let told = next_passage(rounds, &next, today);
            let told = told.trim_start().strip_prefix("Prochain passage : ").unwrap_or("aucun passage prévu.");
            let mut s = format!("{}, passage suivant : {told}", capitalize(street));
            s.push_str(&changes(rounds, &next, today, several, |_| true));
            s
        }
    }
}

/// The passages of a week or a few days (`label`: "cette semaine"), day by day.
fn week(street: &str, rounds: &[&Collection], label: &str, (from, to): (Date, Date), today: Date, holidays: HolidayRule) -> String {
    let all: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, from, holidays, 15)).collect();
    let mut days: Vec<Date> = all.iter().flatten().filter_map(|p| p.date).filter(|d| *d <= to).collect();
    days.sort();
    days.dedup();
    let parts: Vec<String> = days
        .iter()
        .map(|d| {
            let kinds: Vec<String> = kinds_on(rounds, &all, *d, *d).iter().map(|k| the_kind(k)).collect();
            let rel = speak::relative_date(*d, today);
            if rounds.len() == 1 {
                return rel;
            }
            let sep = if rel.contains(',') { ", " } else { " " };
            format!("{rel}{sep}pour {}", join_et(&kinds))
        })
        .collect();
    let mut s = if parts.is_empty() {
        format!("Pas de collecte {label}, {street}.")
    } else if let [one] = rounds {
        format!("{}, {street} : collecte {} {}.", capitalize(label), of_kind(&one.kind), join_et(&parts))
    } else {
        format!("{}, {street} : collecte {}.", capitalize(label), join_et(&parts))
    };
    s.push_str(&changes(rounds, &all, today, rounds.len() > 1, |p| from <= p.planned && p.planned <= to));
    if parts.is_empty() {
        let next: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, from, holidays, 1)).collect();
        s.push_str(&next_passage(rounds, &next, today));
    }
    s
}

/// The kinds (unique, in round order) collected between `from` and `to`.
fn kinds_on<'a>(rounds: &[&'a Collection], passages: &[Vec<Passage>], from: Date, to: Date) -> Vec<&'a str> {
    let mut kinds: Vec<&str> = Vec::new();
    for (c, ps) in rounds.iter().zip(passages) {
        if ps.iter().any(|p| p.date.is_some_and(|d| from <= d && d <= to)) && !kinds.contains(&c.kind.as_str()) {
            kinds.push(&c.kind);
        }
    }
    kinds
}

/// " Prochain passage : demain, le jeudi 9 juillet, pour les ordures ménagères." and, for rounds
/// that are not weekly, their own next passage.
fn next_passage(rounds: &[&Collection], next: &[Vec<Passage>], today: Date) -> String {
    let first = |ps: &Vec<Passage>| ps.iter().find_map(|p| p.date);
    let Some(soonest) = next.iter().filter_map(first).min() else {
        return String::new();
    };
    let kinds = kinds_on(rounds, next, soonest, soonest);
    // Today's passage with its date: the caller checks it against the calendar on the fridge.
    let told = if soonest == today { format!("aujourd'hui, {}", speak::date(soonest, today)) } else { speak::relative_date(soonest, today) };
    let mut s = format!(" Prochain passage : {told}");
    if rounds.len() > 1 {
        s.push_str(&format!(", pour {}", join_et(&kinds.iter().map(|k| the_kind(k)).collect::<Vec<_>>())));
    }
    s.push('.');
    for (c, ps) in rounds.iter().zip(next) {
        let fixed = matches!(c.schedule.frequency, super::collection::Frequency::Dates(_));
        if let Some(d) = first(ps).filter(|_| !c.schedule.is_weekly() && !fixed && !kinds.contains(&c.kind.as_str())) {
            s.push_str(&format!(" Prochain passage {} : {}.", of_kind(&c.kind), speak::relative_date(d, today)));
        }
    }
    s
}

/// Asked from 9 h on a day the rounds pass: " S'il est déjà passé, passage suivant : le mercredi
/// 16 juin." (rounds pass early in the morning in most towns).
fn if_passed_today(rounds: &[&Collection], next: &[Vec<Passage>], now: DateTime, holidays: HolidayRule) -> String {
    let today = now.date();
    let soonest = next.iter().filter_map(|ps| ps.iter().find_map(|p| p.date)).min();
    let (true, Ok(tomorrow)) = (now.hour() >= 9 && soonest == Some(today), today.tomorrow()) else {
        return String::new();
    };
    let after: Vec<Vec<Passage>> = rounds.iter().map(|c| next_collections(&c.schedule, tomorrow, holidays, 1)).collect();
    let told = next_passage(rounds, &after, today);
    // Its first sentence only: the other rounds' own next passages were told already.
    match told.trim_start().strip_prefix("Prochain passage : ") {
        Some(rest) => format!(" Si le camion est déjà passé, passage suivant : {}.", rest.split(". ").next().unwrap_or(rest).trim_end_matches('.')),
        None => String::new(),
    }
}

/// " Le lundi 25 décembre étant férié, la collecte est reportée au mardi 26 décembre." for the
/// first passage of each round when a holiday changed it and `which` keeps it.
fn changes(rounds: &[&Collection], passages: &[Vec<Passage>], today: Date, several: bool, which: impl Fn(&Passage) -> bool) -> String {
    let mut s = String::new();
    for (c, ps) in rounds.iter().zip(passages) {
        let Some(p) = ps.iter().find(|p| p.changed() && which(p)) else {
            continue;
        };
        let what = if several { format!("la collecte {}", of_kind(&c.kind)) } else { "la collecte".to_string() };
        let planned = capitalize(&speak::date(p.planned, today));
        match p.date {
            Some(d) => s.push_str(&format!(" {planned} étant férié, {what} est reportée {}.", au(&speak::date(d, today)))),
            None => s.push_str(&format!(" {planned} étant férié, {what} n'a pas lieu ce jour-là.")),
        }
    }
    s
}

/// "le mardi 26 décembre" → "au mardi 26 décembre".
fn au(date: &str) -> String {
    date.strip_prefix("le ").map_or_else(|| format!("au {date}"), |d| format!("au {d}"))
}

/// The kind with its article: "les ordures ménagères", "le verre", "l'huile" (kept when written).
pub fn the_kind(kind: &str) -> String {
    let k = kind.trim();
    let lower = k.to_lowercase();
    if ["le ", "la ", "les ", "l'", "l’"].iter().any(|a| lower.starts_with(a)) {
        return k.to_string();
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    if first.ends_with('s') || first.ends_with('x') {
        format!("les {k}")
    } else if first.starts_with(['a', 'e', 'i', 'o', 'u', 'é', 'è', 'h']) {
        format!("l'{k}")
    } else {
        format!("le {k}")
    }
}

/// "des ordures ménagères", "du verre", "de l'huile", "de la ferraille".
pub fn of_kind(kind: &str) -> String {
    let t = the_kind(kind);
    if let Some(rest) = t.strip_prefix("les ").or_else(|| t.strip_prefix("Les ")) {
        format!("des {rest}")
    } else if let Some(rest) = t.strip_prefix("le ").or_else(|| t.strip_prefix("Le ")) {
        format!("du {rest}")
    } else {
        format!("de {t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::collection::{Frequency, OnHoliday, Ordinal, Parity, Schedule};
    use jiff::civil::{date, datetime, Weekday};
    use Weekday::*;

    fn round(kind: &str, days: &[Weekday], frequency: Frequency, on_holiday: OnHoliday) -> Collection {
        Collection { kind: kind.into(), schedule: Schedule { days: days.to_vec(), frequency, on_holiday }, streets: vec!["rue des Lilas".into()], note: None }
    }

    #[test]
    fn this_one_or_the_next_a_season_gone_by_and_a_round_not_passed_are_read() {
        // Tuesday 13 July 2027, evening.
        let now = datetime(2027, 7, 13, 18, 15, 0, 0);
        let asks = |q: &str| asked(q, "chemin du Bac", &["emballages"], now, None);
        assert_eq!(asks("pour les emballages chemin du bac c'est ce jeudi ou le suivant"), Asked::General);
        // "après les fêtes" beside today is the season gone by; today is asked.
        let jan = datetime(2027, 1, 4, 6, 40, 0, 0);
        assert_eq!(asked("la poubelle grise passe aujourd'hui après les fêtes", "rue du Donjon", &[], jan, None), Asked::Day(date(2027, 1, 4)));
        assert_eq!(asked("après les fêtes ils repassent quand", "rue du Donjon", &[], jan, None), Asked::After(date(2027, 1, 4)));
        // A day or the week after; a round that did not come.
        assert_eq!(asks("ils passent aujourd'hui ou la semaine prochaine"), Asked::General);
        // Bins "oubliées" today: the passage after today's.
        assert_eq!(asks("les ordures ont été oubliées aujourd'hui la prochaine fois c'est quand"), Asked::After(date(2027, 7, 13)));
        assert_eq!(asks("le camion n'est pas venu ce mardi c'est quand la prochaine fois"), Asked::After(date(2027, 7, 13)));
        // A month asked: the next passage within it.
        assert_eq!(asks("en juillet le bac jaune passe quel jour"), Asked::General);
        assert_eq!(asks("en septembre le bac jaune passe quel jour"), Asked::After(date(2027, 8, 31)));
        // "le tri n'est pas passé aujourd'hui": the next one after today.
        assert_eq!(asks("le tri n'est pas passé aujourd'hui c'est quand la prochaine fois"), Asked::After(date(2027, 7, 13)));
    }

    #[test]
    fn articles() {
        assert_eq!(of_kind("ordures ménagères"), "des ordures ménagères");
        assert_eq!(of_kind("verre"), "du verre");
        assert_eq!(of_kind("huile"), "de l'huile");
        assert_eq!(of_kind("la ferraille"), "de la ferraille");
        assert_eq!(the_kind("tri sélectif"), "le tri sélectif");
    }

    #[test]
    fn monthly_and_odd_weeks_with_their_next_date() {
        let now = date(2026, 11, 20).at(10, 0, 0, 0);
        let big = round("encombrants", &[Monday], Frequency::Monthly(vec![Ordinal::First]), OnHoliday::Kept);
        let a = answer("rue des Lilas", &[&big], Asked::General, now, HolidayRule::France);
        assert_eq!(a, "Rue des Lilas, collecte des encombrants : le premier lundi du mois. Prochain passage : le lundi 7 décembre.");
        let tri = round("tri sélectif", &[Tuesday], Frequency::Weeks(Parity::Even), OnHoliday::Kept);
        let a = answer("rue des Lilas", &[&tri], Asked::General, now, HolidayRule::France);
        assert_eq!(a, "Rue des Lilas, collecte du tri sélectif : le mardi des semaines paires. Prochain passage : le mardi 24 novembre.");
    }

    #[test]
    fn holiday_shift_is_said() {
        let now = date(2026, 12, 21).at(10, 0, 0, 0);
        let om = round("ordures ménagères", &[Friday], Frequency::Weekly, OnHoliday::NextDay);
        let a = answer("rue des Lilas", &[&om], Asked::General, now, HolidayRule::France);
        assert!(a.contains("Le vendredi 25 décembre étant férié, la collecte est reportée au samedi 26 décembre."), "{a}");
        assert!(a.contains("Prochain passage : le samedi 26 décembre."), "{a}");
        let a = answer("rue des Lilas", &[&om], Asked::Day(date(2026, 12, 25)), now, HolidayRule::France);
        assert!(a.starts_with("Pas de collecte le vendredi 25 décembre, rue des Lilas. Le vendredi 25 décembre étant férié"), "{a}");
        let cancelled = round("verre", &[Friday], Frequency::Weekly, OnHoliday::Cancelled);
        let a = answer("rue des Lilas", &[&om, &cancelled], Asked::General, now, HolidayRule::France);
        assert!(a.contains("Le vendredi 25 décembre étant férié, la collecte du verre n'a pas lieu ce jour-là."), "{a}");
        assert!(a.contains("Prochain passage : le samedi 26 décembre, pour les ordures ménagères."), "{a}");
        // A day the holiday cancels: the next passage of that round, not of the first other one.
        let brown = round("biodéchets", &[Saturday], Frequency::Weekly, OnHoliday::Kept);
        let a = answer("rue des Lilas", &[&cancelled, &brown], Asked::Day(date(2026, 12, 25)), now, HolidayRule::France);
        assert!(a.ends_with("Prochain passage : le vendredi 8 janvier."), "{a}");
        assert_eq!(shifted_from(&[&cancelled, &brown], date(2026, 12, 25), HolidayRule::France).len(), 1);
        assert!(
            asked("la collecte de vendredi a sauté c'est quand la prochaine", "rue des Lilas", &[], date(2026, 12, 26).at(10, 0, 0, 0), None)
                == Asked::After(date(2026, 12, 25))
        );
    }

    #[test]
    fn tomorrow_and_this_week() {
        // Wednesday 8 July 2026.
        let now = datetime(2026, 7, 8, 10, 15, 0, 0);
        let today = now.date();
        assert_eq!(asked("les poubelles passent demain rue des lilas", "rue des Lilas", &[], now, None), Asked::Day(date(2026, 7, 9)));
        assert_eq!(asked("collecte rue du 8 mai 1945", "rue du 8 Mai 1945", &[], now, None), Asked::General);
        assert_eq!(asked("les sapins de noël rue des lilas", "rue des Lilas", &["sapins de Noël"], now, None), Asked::General);
        assert_eq!(asked("les poubelles à noël rue des lilas", "rue des Lilas", &["sapins de Noël"], now, None), Asked::Day(date(2026, 12, 25)));
        assert_eq!(asked("cette semaine", "rue des Lilas", &[], now, None), Asked::Week(today, date(2026, 7, 12)));
        assert_eq!(asked("la semaine prochaine", "rue des Lilas", &[], now, None), Asked::NextWeek(date(2026, 7, 13), date(2026, 7, 19)));
        assert_eq!(asked("il vient quand cette semaine ou la semaine prochaine", "rue des Lilas", &[], now, None), Asked::General);
        assert_eq!(asked("ils passent quels jours de la semaine", "rue des Lilas", &[], now, None), Asked::General);
        assert_eq!(asked("ils passent combien de fois par semaine", "rue des Lilas", &[], now, None), Asked::General);
        // The passage after one: missed this morning, after a named day, or after the one just told.
        assert_eq!(asked("j'ai raté le camion ce matin ils repassent quand", "rue des Lilas", &[], now, None), Asked::After(today));
        assert_eq!(asked("ils ont pas pris mon bac jaune ce matin c'est quand la prochaine", "rue des Lilas", &[], now, None), Asked::After(today));
        assert_eq!(asked("ce matin j'ai pas sorti la poubelle ils reviennent quand", "rue des Lilas", &[], now, None), Asked::After(today));
        assert_eq!(asked("et après vendredi c'est quand", "rue des Lilas", &[], now, None), Asked::After(date(2026, 7, 10)));
        assert_eq!(asked("et la fois d'après", "rue des Lilas", &[], now, Some(date(2026, 7, 9))), Asked::After(date(2026, 7, 9)));
        assert_eq!(asked("la collecte cet après-midi", "rue des Lilas", &[], now, None), Asked::Day(today));
        // Missed in a month not over: the next passage from today, never one gone by.
        assert_eq!(asked("j'ai loupé le ramassage en juillet c'est quand le suivant", "rue des Lilas", &[], now, None), Asked::After(date(2026, 7, 7)));
        let om = round("ordures ménagères", &[Monday, Thursday], Frequency::Weekly, OnHoliday::Kept);
        let yellow = round("emballages", &[Wednesday], Frequency::Weekly, OnHoliday::Kept);
        let rounds = [&om, &yellow];
        let a = answer("rue des Lilas", &rounds, Asked::Day(date(2026, 7, 9)), now, HolidayRule::France);
        assert_eq!(a, "Demain, le jeudi 9 juillet, collecte des ordures ménagères, rue des Lilas.");
        let a = answer("rue des Lilas", &rounds, Asked::After(date(2026, 7, 9)), now, HolidayRule::France);
        assert_eq!(a, "Rue des Lilas, passage suivant : le lundi 13 juillet, pour les ordures ménagères.");
        assert_eq!(first_told(&rounds, Asked::After(date(2026, 7, 9)), today, HolidayRule::France), Some(date(2026, 7, 13)));
        let a = answer("rue des Lilas", &rounds, Asked::Day(date(2026, 7, 10)), now, HolidayRule::France);
        assert_eq!(a, "Pas de collecte le vendredi 10 juillet, rue des Lilas. Prochain passage : le lundi 13 juillet, pour les ordures ménagères.");
        let a = answer("rue des Lilas", &rounds, asked("cette semaine", "rue des Lilas", &[], now, None), now, HolidayRule::France);
        assert_eq!(
            a,
            "Cette semaine, rue des Lilas : collecte aujourd'hui mercredi 8 juillet pour les emballages et demain, le jeudi 9 juillet, pour les ordures ménagères."
        );
        // Asked in the afternoon of the day it passes: today's, and the next if it has passed.
        let a = answer("rue des Lilas", &[&yellow], Asked::General, date(2026, 7, 8).at(15, 0, 0, 0), HolidayRule::France);
        assert!(
            a.ends_with("Prochain passage : aujourd'hui, le mercredi 8 juillet. Si le camion est déjà passé, passage suivant : le mercredi 15 juillet."),
            "{a}"
        );
        // Before 9 h, the truck may not have come yet: today's alone.
        let a = answer("rue des Lilas", &[&yellow], Asked::General, date(2026, 7, 8).at(7, 30, 0, 0), HolidayRule::France);
        assert!(a.ends_with("Prochain passage : aujourd'hui, le mercredi 8 juillet."), "{a}");
        // "avant le 14 juillet": what passes from today to the day before.
        let before = asked("le prochain ramassage avant le 14 juillet rue des lilas", "rue des Lilas", &[], now, None);
        assert_eq!(before, Asked::Before(date(2026, 7, 14)));
        let a = answer("rue des Lilas", &[&om], before, now, HolidayRule::France);
        assert_eq!(a, "Avant le mardi 14 juillet, rue des Lilas : collecte des ordures ménagères demain, le jeudi 9 juillet et le lundi 13 juillet.");
        assert_eq!(asked("le vendredi avant noël", "rue des Lilas", &[], now, None), Asked::Day(date(2026, 12, 18)));
    }
}
