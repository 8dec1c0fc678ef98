//! French time expressions relative to the moment of the call: "demain matin", "samedi prochain",
//! "ce soir", "le 14 juillet", "à midi", "en ce moment", "à 18 h 30", "Noël"…

use jiff::civil::{date, Date, DateTime, Time, Weekday};
use jiff::ToSpan;

use super::holidays::easter;
use super::normalize::{is_article, tokens};

mod calendar;
mod period;

pub use calendar::{days_between, month, next_week, this_week};
use calendar::{holiday_date, holiday_on, in_toussaint_holidays, in_year_end, last_yearly, named_holiday, next_weekday, next_yearly, weekday};
use period::period;

/// The part of a day a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Right now.
    Now,
    /// A precise time.
    At(Time),
    /// Before noon.
    Morning,
    /// Noon to 18 h.
    Afternoon,
    /// From 18 h.
    Evening,
    /// The whole day.
    Day,
    /// Every day from the date to this one (inclusive): a month, the year-end holidays, the summer.
    Period(Date),
}

/// When the caller asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The local date.
    pub date: Date,
    /// The part of that date.
    pub moment: Moment,
}

/// The words this module consumes, so callers can tell what is left of a sentence.
pub fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "aujourd"
            | "aujourdhui"
            | "hui"
            | "demain"
            | "apres"
            | "maintenant"
            | "moment"
            | "actuellement"
            | "matin"
            | "matinee"
            | "midi"
            | "soir"
            | "soiree"
            | "aprem"
            | "minuit"
            | "prochain"
            | "prochaine"
            | "h"
            | "heure"
            | "heures"
            | "demie"
            | "quart"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "janvier"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "noel"
            | "paques"
            | "toussaint"
            | "ascension"
            | "pentecote"
            | "assomption"
            | "armistice"
            | "sylvestre"
            | "week"
            | "end"
            | "weekend"
            | "semaine"
            | "hiver"
            | "printemps"
            | "automne"
            | "jour"
            | "ce"
            | "cet"
            | "cette"
            | "tout"
            | "suite"
            | "instant"
            | "present"
    ) || w.chars().all(|c| c.is_ascii_digit())
        || weekday(w).is_some_and(|_| w.ends_with('s'))
}

/// A word saying the caller missed something ("j'ai raté", "loupé", "manqué").
pub fn is_missed_word(w: &str) -> bool {
    matches!(w, "rate" | "loupe" | "manque")
}

/// Words telling that the moment named is past: the caller missed it, or "en mai dernier".
fn said_past(t: &[String]) -> bool {
    // "lundi dernier", "le mois dernier"; not "le dernier lundi du mois", which is to come.
    let after_time = |i: usize| i > 0 && (is_time_word(&t[i - 1]) || matches!(t[i - 1].as_str(), "mois" | "an" | "annee" | "fois"));
    // Nor "vendredi, dernier jour de l'année", a rank again.
    let rank = |i: usize| t.get(i + 1).is_some_and(|n| n == "jour");
    t.iter().enumerate().any(|(i, w)| is_missed_word(w) || (matches!(w.as_str(), "dernier" | "derniere") && after_time(i) && !rank(i)))
}

/// Words that say a closed place opens its doors again ("elle rouvre").
pub const OPEN_AGAIN_WORDS: &[&str] = &["rouvre", "rouvrent", "rouvrez", "rouvrira", "reouvre", "reouvrent", "reouverture"];

/// Words that say a stopped service starts again ("il reprend", "il repart").
const START_AGAIN_WORDS: &[&str] = &["reprend", "reprennent", "repart", "repartent", "redemarre", "redemarrent"];

/// Whether a word asks when a closed place or a stopped service opens again.
pub fn is_reopen_word(x: &str) -> bool {
    OPEN_AGAIN_WORDS.contains(&x) || START_AGAIN_WORDS.contains(&x)
}

/// The words of `text` that name a public holiday by a name that is no date word ("fête" in "la
/// fête nationale", "travail" in "la fête du travail"): they say when, not what.
pub fn holiday_name_words(text: &str) -> Vec<String> {
    let t = tokens(text);
    (0..t.len()).filter_map(|i| named_holiday(&t, i).map(|(n, _)| t[i..i + n].to_vec())).flatten().collect()
}

fn is_at(m: Option<Moment>) -> bool {
    matches!(m, Some(Moment::At(_)))
}

/// Parses the time expression of a sentence relative to `now` (local time); None when there is none.
pub fn parse(text: &str, now: DateTime) -> Option<When> {
    let t = tokens(text);
    // "j'ai taillé la haie ce week-end, je peux venir cet après-midi ?": what was done then is no
    // moment asked, when a day is said beside it.
    let done = done_then(&t);
    if done.iter().any(|&d| d) {
        let rest: Vec<String> = t.iter().zip(&done).filter(|(_, &d)| !d).map(|(x, _)| x.clone()).collect();
        let asked = read_tokens(&t, now, &done).filter(|x| !matches!(x.moment, Moment::Period(_)) && (x.date != now.date() || says_today(&rest)));
        if asked.is_some() {
            return asked;
        }
    }
    read_tokens(&t, now, &vec![false; t.len()])
}

/// The time expression of tokens `t`, the words marked `skip` left unread.
fn read_tokens(t: &[String], now: DateTime, skip: &[bool]) -> Option<When> {
    // "j'ai raté le tri avant Noël": a holiday or a month the caller has missed is the last one.
    let words = Words { t, today: now.date(), past: said_past(t) };
    let mut r = Reading::default();
    // "je suis papa depuis ce matin", "fermé depuis lundi": a moment gone by, not the one asked.
    let since = |i: usize| (1..=2).any(|k| i >= k && t[i - k] == "depuis");
    for i in (0..t.len()).filter(|&i| !since(i) && !skip[i]) {
        r.read(&words, i);
    }
    r.beside_landmark(&words);
    r.settle(&words, now)
}

/// The words of a clause in the past tense ("j'ai taillé la haie ce week-end"): after a subject,
/// a form of "avoir" and a past participle (not of a thing missed), up to the next clause (a subject, "et", "mais"…), six
/// words at most.
fn done_then(t: &[String]) -> Vec<bool> {
    const SUBJECT: &[&str] = &["j", "je", "on", "il", "elle", "nous", "vous", "ils", "elles", "tu"];
    const AVOIR: &[&str] = &["ai", "a", "avons", "avez", "ont", "as"];
    const CLAUSE: &[&str] = &["et", "mais", "donc", "alors", "c", "est", "que", "qui", "si", "quand", "ou", "pour", "parce"];
    let participle =
        |x: &str| x.len() >= 4 && !is_time_word(x) && ["e", "es", "ee", "ees", "i", "is", "it", "u", "us", "ert", "ort"].iter().any(|e| x.ends_with(e));
    let mut done = vec![false; t.len()];
    for j in 2..t.len() {
        // Not "j'ai raté le tri ce matin": a moment missed is the one the answer starts from.
        if SUBJECT.contains(&t[j - 2].as_str()) && AVOIR.contains(&t[j - 1].as_str()) && participle(&t[j]) && !is_missed_word(&t[j]) {
            for k in j + 1..(j + 7).min(t.len()) {
                if SUBJECT.contains(&t[k].as_str()) || CLAUSE.contains(&t[k].as_str()) {
                    break;
                }
                done[k] = true;
            }
        }
    }
    done
}

/// A day asked in a follow-up ("et le mardi ?") after a question about a span ("le mercredi en
/// hiver"): that weekday within the span, when the day is outside it.
pub fn within_earlier_span(when: When, earlier: &str, now: DateTime) -> When {
    let t = tokens(earlier);
    let Some(When { date: from, moment: Moment::Period(to) }) = period(&t, now.date(), said_past(&t)) else { return when };
    if matches!(when.moment, Moment::Period(_) | Moment::Now) || (from..=to).contains(&when.date) {
        return when;
    }
    let wd = when.date.weekday();
    days_between(from, to).find(|d| d.weekday() == wd).map_or(when, |date| When { date, ..when })
}

/// "elle revient de congés", "ils rentrent de vacances": back from leave, a reopening asked.
pub fn back_from_leave(t: &[String]) -> bool {
    t.windows(3).any(|p| {
        matches!(p[0].as_str(), "revient" | "reviennent" | "rentre" | "rentrent" | "revenu" | "revenue" | "rentree")
            && p[1] == "de"
            && matches!(p[2].as_str(), "conges" | "conge" | "vacances")
    })
}

/// "ce soir", "ce matin", "cet après-midi", "aujourd'hui": today said outright.
pub fn says_today(t: &[String]) -> bool {
    t.iter().any(|x| x == "aujourd" || x == "aujourdhui")
        || t.windows(2).any(|p| matches!((p[0].as_str(), p[1].as_str()), ("ce", "soir" | "matin") | ("cet", "apres")))
}

/// The caller's own coming back: "je reviens quel jour", "quand est-ce que je peux revenir".
pub const RETURN_VERBS: &[&str] = &["revenir", "reviens", "repasser", "repasse", "retourner"];

/// Whether the words ask when a place closed at a moment said opens again: a word of reopening,
/// the caller's coming back, or "fermé … jusqu'à quand".
fn asks_after_closure(t: &[String]) -> bool {
    let until_when = t.windows(3).any(|p| p == ["jusqu", "a", "quand"]) && t.iter().any(|x| matches!(x.as_str(), "ferme" | "fermee" | "fermes" | "fermees"));
    t.iter().any(|x| is_reopen_word(x) || RETURN_VERBS.contains(&x.as_str())) || until_when
}

/// Things named after Christmas that are no day: "le marché de Noël".
const SEASON_THINGS: &[&str] = &[
    "marche",
    "colis",
    "repas",
    "sapin",
    "sapins",
    "spectacle",
    "concert",
    "illuminations",
    "decorations",
    "arbre",
    "gouter",
    "emballages",
    "cadeaux",
    "papiers",
    "cartons",
    "coquilles",
    "huitres",
    "bouteilles",
];

/// The words of a sentence and the day they are read from.
struct Words<'a> {
    t: &'a [String],
    today: Date,
    /// The caller speaks of a moment gone by.
    past: bool,
}

impl Words<'_> {
    fn at(&self, i: usize) -> &str {
        self.t.get(i).map(String::as_str).unwrap_or("")
    }

    fn has(&self, w: &str) -> bool {
        self.t.iter().any(|x| x == w)
    }

    /// "ce soir", "ce matin", "cet après-midi", "aujourd'hui": today said outright.
    fn today_period(&self) -> bool {
        says_today(self.t)
    }

    /// A yearly date's next occurrence, or its last one when the caller speaks of the past.
    fn yearly(&self, f: &dyn Fn(i16) -> Option<Date>) -> Option<Date> {
        if self.past {
            last_yearly(self.today, f)
        } else {
            next_yearly(self.today, f)
        }
    }

    /// A holiday whose name starts at word `start`, or the day beside it that the words before
    /// name: "la veille de Noël", "le lendemain du jour de l'an", "le vendredi avant Pâques".
    fn around(&self, start: usize, holiday: &dyn Fn(i16) -> Option<Date>) -> Option<Date> {
        let before = |k: usize| self.at(start.wrapping_sub(k));
        if let Some(bridge) = self.bridge(start, holiday) {
            return bridge;
        }
        // "les poubelles après Pâques", two days after Easter: this year's, just gone by.
        let just_after = before(1) == "apres" || (before(2) == "apres" && matches!(before(1), "l" | "la" | "le"));
        let today = self.today;
        // "c'est fermé à cause du 11 novembre d'hier, vous rouvrez quand ?": the one just gone.
        let closure = asks_after_closure(self.t) && !self.has("prochain") && !self.has("prochaine");
        // "il reprend quand après la Toussaint ?" a fortnight after it: the one gone by too.
        let recent = last_yearly(today, holiday).filter(|d| {
            let within = |n: i64| *d < today && today - n.days() <= *d;
            (just_after && !self.past && within(31)) || (closure && within(10))
        });
        let h = recent.or_else(|| self.yearly(holiday))?;
        // "la veille de Noël", "le lendemain de l'Ascension" (the name's article passed over).
        let named = |k: usize| if is_article(before(1)) { before(k + 1) } else { before(k) };
        let linked = matches!(named(1), "de" | "du" | "d");
        // "le jour avant Noël", "le jour d'après la Toussaint": its eve, its morrow.
        let next_to = |w: &str| named(1) == w && (named(2) == "jour" || (named(2) == "d" && named(3) == "jour"));
        let (day_before, day_after) = (next_to("avant"), next_to("apres"));
        if named(1) == "veille" || (linked && named(2) == "veille") || day_before {
            return h.yesterday().ok();
        }
        if day_after {
            return h.tomorrow().ok();
        }
        if named(1) == "lendemain" || (linked && named(2) == "lendemain") {
            // "c'est le lendemain de la Toussaint": today, the day after this year's.
            let gone = last_yearly(today, holiday).and_then(|d| d.tomorrow().ok()).filter(|d| *d == today && !self.past);
            return gone.or_else(|| h.tomorrow().ok());
        }
        if before(1) == "avant" {
            if let Some(wd) = weekday(before(2)).or_else(|| weekday(before(3))) {
                let mut d = h.yesterday().ok()?;
                while d.weekday() != wd {
                    d = d.yesterday().ok()?;
                }
                return Some(d);
            }
        }
        // "le vendredi après l'Ascension": that weekday after the holiday.
        let after = if before(1) == "apres" {
            2
        } else if before(2) == "apres" && matches!(before(1), "l" | "la" | "le") {
            3
        } else {
            0
        };
        if after > 0 {
            if let Some(wd) = weekday(before(after)).or_else(|| weekday(before(after + 1))) {
                return Some(next_weekday(h, wd, true));
            }
        }
        Some(h)
    }

    /// "le pont de l'Ascension" before the holiday named at `start`: the working day between the
    /// holiday and the weekend (this year's while it is today or to come); None when no bridge is said.
    fn bridge(&self, start: usize, holiday: &dyn Fn(i16) -> Option<Date>) -> Option<Option<Date>> {
        let before = |k: usize| self.at(start.wrapping_sub(k));
        let linked_to = |k: usize| before(k) == "pont" && matches!(before(k - 1), "de" | "du" | "d" | "l" | "la" | "le");
        let of_bridge = linked_to(2) || (linked_to(3) && matches!(before(2), "de" | "d"));
        if !of_bridge || (1..=5).any(|k| weekday(before(k)).is_some()) {
            return None;
        }
        let bridge = |d: Date| match d.weekday() {
            Weekday::Thursday => d.tomorrow().ok(),
            Weekday::Tuesday => d.yesterday().ok(),
            _ => Some(d),
        };
        let this = last_yearly(self.today, holiday).and_then(bridge).filter(|b| *b >= self.today);
        Some(this.or_else(|| self.yearly(holiday).and_then(bridge)))
    }

    /// Whether the holiday at `i` is said as a reason ("avec Pâques", "à cause de la Toussaint")
    /// when it was yesterday or the day before.
    fn cause_just_gone(&self, i: usize) -> bool {
        let Some(when) = holiday_date(self.at(i)) else { return false };
        self.said_as_cause(i) && last_yearly(self.today, when).is_some_and(|d| d < self.today && self.today - 2.days() <= d)
    }

    /// Whether the holiday at `i` is said as a reason: "avec Noël", "à cause de la Toussaint".
    fn said_as_cause(&self, i: usize) -> bool {
        let at = |k: usize| self.at(k);
        let k = if is_article(at(i.wrapping_sub(1))) { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
        at(k) == "avec" || (matches!(at(k), "de" | "du") && at(k.wrapping_sub(1)) == "cause")
    }

    /// The day named by a holiday word at `i` ("Noël", "la veille de l'Ascension", "le jour de
    /// l'an"), when it is one; `day` is what was read before.
    fn holiday_day(&self, i: usize, day: Option<Date>) -> Option<Date> {
        let at = |k: usize| self.at(k);
        // "vous fermez tôt aujourd'hui pour Noël": today, said outright.
        // "elle ferme à quelle heure aujourd'hui avec Noël ?": today again, the holiday its reason.
        let purpose = at(i.wrapping_sub(1)) == "pour" || (is_article(at(i.wrapping_sub(1))) && at(i.wrapping_sub(2)) == "pour") || self.said_as_cause(i);
        // So is "je peux venir choisir des livres pour Noël maintenant ?".
        if purpose && (self.has("aujourd") || self.has("aujourdhui") || self.has("maintenant")) {
            return day;
        }
        // "c'est fermé avec Pâques ?" the day after Easter: the holiday just gone is the reason,
        // not a day asked.
        if self.cause_just_gone(i) {
            return day;
        }
        // "demain mercredi on sort la poubelle avant Noël ?": the day said, the holiday after it.
        let before_it = at(i.wrapping_sub(1)) == "avant" || (is_article(at(i.wrapping_sub(1))) && at(i.wrapping_sub(2)) == "avant");
        if before_it && day.is_some() && (self.has("demain") || self.today_period() || self.t.iter().any(|x| weekday(x).is_some())) {
            return day;
        }
        // "c'est ouvert entre Noël et le jour de l'an ?" in that week: today, Noël just gone.
        let just_gone = |f: fn(i16) -> Option<Date>| last_yearly(self.today, f).is_some_and(|d| d < self.today && self.today - 7.days() <= d);
        if at(i.wrapping_sub(1)) == "entre" && holiday_date(at(i)).is_some_and(just_gone) {
            return Some(self.today);
        }
        // "pendant les vacances de Noël" asked during them: from today.
        let holidays_of = matches!(at(i.wrapping_sub(2)), "vacances" | "conges" | "fetes") && at(i.wrapping_sub(1)) == "de";
        if at(i) == "noel" && holidays_of && in_year_end(self.today) {
            return Some(self.today);
        }
        // "pendant les vacances de la Toussaint" asked during them: from today.
        let of_the = matches!(at(i.wrapping_sub(3)), "vacances" | "conges") && at(i.wrapping_sub(2)) == "de" && at(i.wrapping_sub(1)) == "la";
        if at(i) == "toussaint" && (holidays_of || of_the) && in_toussaint_holidays(self.today) {
            return Some(self.today);
        }
        // "le soir de Noël", "la nuit de Noël": Christmas Eve.
        if at(i) == "noel" && at(i.wrapping_sub(1)) == "de" && is_eve(at(i.wrapping_sub(2))) {
            return next_yearly(self.today, |y| date(y, 12, 24).into()).or(day);
        }
        match at(i) {
            // "le marché de Noël", "le colis de Noël": a thing of the season, not the day.
            "noel" if at(i.wrapping_sub(1)) == "de" && SEASON_THINGS.contains(&at(i.wrapping_sub(2))) => day,
            "noel" | "toussaint" | "ascension" | "pentecote" => holiday_date(at(i)).and_then(|f| self.around(i, &f)).or(day),
            "paques" => {
                let monday = at(i.wrapping_sub(1)) == "de" && at(i.wrapping_sub(2)) == "lundi";
                let start = if monday { i - 2 } else { i };
                self.around(start, &|y| Some(if monday { easter(y) + 1.day() } else { easter(y) })).or(day)
            }
            "saint" if at(i.wrapping_sub(1)) == "vendredi" => self.yearly(&|y| Some(easter(y) - 2.days())),
            "an" if at(i.wrapping_sub(1)) == "l" && at(i.wrapping_sub(2)) == "de" && at(i.wrapping_sub(3)) == "jour" => {
                self.around(i - 3, &|y| date(y, 1, 1).into()).or(day)
            }
            // "ce soir pour le nouvel an", "le réveillon du nouvel an": its eve.
            "an" if at(i.wrapping_sub(1)) == "nouvel" && eve_of_new_year(self.t, i - 1) => next_yearly(self.today, |y| date(y, 12, 31).into()).or(day),
            "an" if at(i.wrapping_sub(1)) == "nouvel" => self.around(i - 1, &|y| date(y, 1, 1).into()).or(day),
            // "le dernier jour de l'année".
            "annee" if (1..=4).map(|k| at(i.wrapping_sub(k))).eq(["l", "de", "jour", "dernier"]) => next_yearly(self.today, |y| date(y, 12, 31).into()).or(day),
            _ => day,
        }
    }

    /// The weekday said at `i` as a day of its own, with the date it names: not "lundi de Pâques",
    /// "vendredi saint", "le vendredi avant Pâques" (a holiday or a day beside it), nor "samedi 12
    /// juillet" (a full date).
    fn weekday_day(&self, i: usize) -> Option<(Weekday, Date)> {
        let (w, at) = (self.at(i), |k: usize| self.at(k));
        let wd = weekday(w)?;
        let holiday_at = |k: usize| matches!(at(k), "noel" | "paques" | "pentecote" | "toussaint" | "ascension");
        let before_holiday = (at(i + 1) == "avant" && holiday_at(i + 2)) || (at(i + 1) == "juste" && at(i + 2) == "avant" && holiday_at(i + 3));
        let holiday_name = (w == "lundi" && at(i + 1) == "de" && matches!(at(i + 2), "paques" | "pentecote")) || (w == "vendredi" && at(i + 1) == "saint");
        let dated = at(i + 1).parse::<i8>().is_ok() && month(at(i + 2)).is_some();
        // "et le jeudi c'est l'après-midi comme le mercredi ?": the day compared with, not asked.
        let compared = at(i.wrapping_sub(1)) == "comme" || (is_article(at(i.wrapping_sub(1))) && at(i.wrapping_sub(2)) == "comme");
        let another_day = self.t.iter().enumerate().any(|(k, x)| k != i && weekday(x).is_some());
        // "le quinze juin, un mardi", "le 13 juillet, c'est un mardi": the weekday of a full date
        // said beside it, which only confirms that date.
        let of_date = (0..self.t.len()).filter_map(|k| self.dated_day(k)).any(|d| d.weekday() == wd || at(i.wrapping_sub(1)) == "un");
        if holiday_name || before_holiday || dated || (compared && another_day) || of_date {
            return None;
        }
        if let Some(d) = self.nth_weekday(i, wd) {
            return Some((wd, d));
        }
        if let Some(found) = self.beside_weekday_holiday(i, wd) {
            return found;
        }
        // "jeudi de la semaine prochaine", "jeudi la semaine prochaine": that day of next week.
        let of = if at(i + 1) == "de" { i + 2 } else { i + 1 };
        // "la semaine prochaine …, c'est ouvert vendredi ?": said elsewhere, the same (not "ce vendredi").
        let next_week_said = self.t.windows(3).any(|p| p == ["la", "semaine", "prochaine"]) && !matches!(at(i.wrapping_sub(1)), "ce" | "cette");
        if (of..of + 3).map(at).eq(["la", "semaine", "prochaine"]) || next_week_said {
            return Some((wd, next_weekday(next_week(self.today).0, wd, false)));
        }
        // "samedi en huit", "lundi en quinze": that weekday a week (two) after the coming one.
        if at(i + 1) == "en" && matches!(at(i + 2), "8" | "15") {
            let weeks: i64 = if at(i + 2) == "8" { 7 } else { 14 };
            return Some((wd, next_weekday(self.today, wd, false) + weeks.days()));
        }
        // "jeudi 18": the next Thursday the 18th (not "jeudi 18 h").
        let number = at(i + 1).parse::<i8>().ok().filter(|n| (1..=31).contains(n) && !matches!(at(i + 2), "h" | "heure" | "heures"));
        if let Some(d) = number.and_then(|n| (0..370).map(|k| self.today + k.days()).find(|d| d.day() == n && d.weekday() == wd)) {
            return Some((wd, d));
        }
        let strict = matches!(at(i + 1), "prochain" | "prochaine") || (at(i + 1) == "de" && at(i + 2) == "la" && at(i + 3) == "semaine");
        Some((wd, next_weekday(self.today, wd, strict)))
    }

    /// "le premier jeudi d'août", "le dernier samedi du mois": the weekday at `i` ranked in a month
    /// (the month said, else this one or the next), its next such day.
    fn nth_weekday(&self, i: usize, wd: Weekday) -> Option<Date> {
        let at = |k: usize| self.at(k);
        let rank: i8 = match at(i.wrapping_sub(1)) {
            "premier" | "1er" | "1" => 1,
            "deuxieme" | "second" | "2e" | "2eme" => 2,
            "troisieme" | "3e" | "3eme" => 3,
            "quatrieme" | "4e" | "4eme" => 4,
            "dernier" => -1,
            _ => return None,
        };
        // "d'août", "de septembre", "du mois d'août", "du mois".
        let of = matches!(at(i + 1), "de" | "d" | "du");
        let named = if at(i + 2) == "mois" { month(at(i + 4)).filter(|_| matches!(at(i + 3), "de" | "d")) } else { month(at(i + 2)) };
        if !of || (named.is_none() && at(i + 2) != "mois") {
            return None;
        }
        let in_month = |y: i16, m: i8| -> Option<Date> {
            let mut days = (1..=31).filter_map(|n| Date::new(y, m, n).ok()).filter(|d| d.weekday() == wd);
            if rank > 0 {
                days.nth(rank as usize - 1)
            } else {
                days.next_back()
            }
        };
        let (y, m) = (self.today.year(), self.today.month());
        let months: Vec<(i16, i8)> = match named {
            Some(n) => vec![(y, n), (y + 1, n)],
            None => vec![(y, m), if m == 12 { (y + 1, 1) } else { (y, m + 1) }],
        };
        months.into_iter().filter_map(|(y, m)| in_month(y, m)).find(|d| *d >= self.today)
    }

    /// The weekday at `i` as a holiday said by its weekday ("le jeudi férié", "le jeudi férié de
    /// mai") or as the day after one ("le vendredi qui suit le jeudi férié", "entre le jeudi férié
    /// et le week-end"); `Some(None)` when a weekday before it reads the day; None when no such
    /// holiday is said.
    fn beside_weekday_holiday(&self, i: usize, wd: Weekday) -> Option<Option<(Weekday, Date)>> {
        let at = |k: usize| self.at(k);
        let holiday = |k: usize| {
            let of_month = if at(k + 2) == "de" { month(at(k + 3)) } else { None };
            weekday(at(k)).filter(|_| matches!(at(k + 1), "ferie" | "feriee")).and_then(|x| holiday_on(self.today, x, of_month))
        };
        // "le vendredi (juste) après / qui suit / d'après le jeudi férié".
        let mut j = i + 1 + usize::from(at(i + 1) == "juste");
        j += match (at(j), at(j + 1)) {
            ("qui", "suit") | ("d", "apres") => 2,
            ("apres", _) => 1,
            _ => 0,
        };
        if j > i + 1 && at(j) == "le" {
            if let Some(h) = holiday(j + 1) {
                return Some(Some((wd, next_weekday(h, wd, true))));
            }
        }
        let h = holiday(i)?;
        let linked = at(i.wrapping_sub(1)) == "le" && matches!(at(i.wrapping_sub(2)), "apres" | "suit");
        if linked && (3..=6).any(|k| weekday(at(i.wrapping_sub(k))).is_some()) {
            return Some(None);
        }
        // "fermée entre le jeudi férié et le week-end": the day after it.
        if at(i.wrapping_sub(1)) == "le" && at(i.wrapping_sub(2)) == "entre" {
            let next = h.tomorrow().ok()?;
            return Some(Some((next.weekday(), next)));
        }
        Some(Some((wd, h)))
    }

    /// "le 31" without a month at `i`: the next such day of a month ("appeler le 15", "faire le
    /// 18": a phone number).
    fn day_number(&self, i: usize) -> Option<Date> {
        let phone = self.has("appeler") || self.has("numero") || self.has("composer") || self.has("faire");
        // "le réveillon du 31", "le soir du 14".
        let of_eve = self.at(i.wrapping_sub(1)) == "du" && is_eve(self.at(i.wrapping_sub(2)));
        if (self.at(i.wrapping_sub(1)) != "le" && !of_eve) || phone || month(self.at(i + 1)).is_some() || matches!(self.at(i + 1), "h" | "heure" | "heures") {
            return None;
        }
        let n = self.at(i).parse::<i8>().ok().filter(|n| (1..=31).contains(n))?;
        (0..62).map(|k| self.today + k.days()).find(|d| d.day() == n)
    }

    /// A date said with its month at `i` ("le 14 juillet", "mi-septembre", "la veille du 15 août").
    fn dated_day(&self, i: usize) -> Option<Date> {
        let m = month(self.at(i))?;
        // "le dernier jour d'août", "le premier jour de septembre".
        let of_day = matches!(self.at(i.wrapping_sub(1)), "de" | "d") && self.at(i.wrapping_sub(2)) == "jour";
        match self.at(i.wrapping_sub(3)) {
            "dernier" if of_day => return self.around(i - 3, &|y| Date::new(y, m, 1).ok().map(|d| d.last_of_month())),
            "1" if of_day => return self.around(i - 3, &|y| Date::new(y, m, 1).ok()),
            _ => {}
        }
        // "mi-septembre": the middle of the month.
        let n = if self.at(i.wrapping_sub(1)) == "mi" { Ok(15) } else { self.at(i.wrapping_sub(1)).parse::<i8>() };
        let n = n.ok().filter(|n| (1..=31).contains(n))?;
        self.around(i - 1, &|y| Date::new(y, m, n).ok())
    }

    /// A time of day said at the hour word `i`: "18 h 30", "18 heures", "9 h et demie", "à 8 h
    /// moins le quart", "à 2 h de l'après-midi".
    fn clock_time(&self, i: usize) -> Option<Time> {
        let at = |k: usize| self.at(k);
        if !matches!(at(i), "h" | "heure" | "heures") {
            return None;
        }
        let h = at(i.wrapping_sub(1)).parse::<i8>().ok().filter(|h| (0..=24).contains(h))?;
        let mut h = h % 24;
        let mut m: i8 = 0;
        if let Ok(mm) = at(i + 1).parse::<i8>() {
            if (0..60).contains(&mm) {
                m = mm;
            }
        } else if at(i + 1) == "et" && at(i + 2) == "demie" {
            m = 30;
        } else if at(i + 1) == "et" && at(i + 2) == "quart" {
            m = 15;
        } else if at(i + 1) == "moins" && at(i + 2) == "le" && at(i + 3) == "quart" {
            h = (h + 23) % 24;
            m = 45;
        }
        // "8 h du soir"; "jusqu'à 6 heures" is a closing time.
        let until = (2..=3).any(|k| at(i.wrapping_sub(k)) == "jusqu") && (1..=7).contains(&h) && !self.has("matin");
        // "à quatre heures et demie": no one means the small hours of the night.
        let night = (1..=6).contains(&h) && !self.has("matin") && !self.has("nuit");
        if h < 12 && (self.has("soir") || (self.has("apres") && self.has("midi")) || until || night) && h > 0 {
            h += 12;
        }
        Time::new(h, m, 0, 0).ok()
    }
}

/// What the words read so far say of the day and the moment.
#[derive(Default)]
struct Reading {
    day: Option<Date>,
    moment: Option<Moment>,
    /// "le matin" rather than "ce matin": any morning, the next one once this one is over.
    any_morning: bool,
    /// The weekday said, and where ("le vendredi du pont de l'Ascension").
    named: Option<(Weekday, usize)>,
    /// The day was last set by a holiday or a date.
    landmark: bool,
}

impl Reading {
    /// Reads word `i`.
    fn read(&mut self, words: &Words, i: usize) {
        let (w, at) = (words.at(i), |k: usize| words.at(k));
        let prev = self.day;
        if let Some((_, (m, d))) = named_holiday(words.t, i) {
            // "la veille de la fête du Travail": the article belongs to the name.
            let start = if matches!(at(i.wrapping_sub(1)), "la" | "l" | "le") { i - 1 } else { i };
            self.day = words.around(start, &|y| Date::new(y, m, d).ok()).or(self.day);
        }
        self.read_moment(words, i);
        match w {
            // "c'est le pont de l'Ascension, la mairie est ouverte aujourd'hui ?": today.
            "aujourd" | "aujourdhui" => self.day = if self.landmark { Some(words.today) } else { self.day.or(Some(words.today)) },
            "demain" => {
                if at(i.wrapping_sub(1)) == "apres" {
                    self.day = Some(words.today + 2.days());
                } else if !(at(i.wrapping_sub(1)) == "de" && words.today_period()) {
                    // Not "les clés pour le mariage de demain, il y a quelqu'un ce soir ?".
                    self.day = self.day.or(Some(words.today + 1.day()));
                }
            }
            "week" | "weekend" if self.day.is_none() => self.day = Some(next_weekday(words.today, Weekday::Saturday, false)),
            _ => self.day = words.holiday_day(i, self.day),
        }
        if let Some((wd, d)) = words.weekday_day(i) {
            self.day = Some(d);
            self.named = Some((wd, i));
        }
        if self.day.is_none() {
            self.day = words.day_number(i);
        }
        if let Some(d) = words.dated_day(i) {
            self.day = Some(d);
        }
        if let Some(time) = words.clock_time(i) {
            self.moment = Some(Moment::At(time));
        }
        if self.day != prev {
            self.landmark =
                matches!(w, "noel" | "toussaint" | "paques" | "ascension" | "pentecote" | "an") || month(w).is_some() || named_holiday(words.t, i).is_some();
        }
    }

    /// Reads word `i` as a part of the day or a now.
    fn read_moment(&mut self, words: &Words, i: usize) {
        let at = |k: usize| words.at(k);
        let before = self.moment;
        self.read_moment_word(words, i);
        // "le matin et le soir": two parts of the day joined, the whole day.
        let parts = |m: Option<Moment>| matches!(m, Some(Moment::Morning | Moment::Afternoon | Moment::Evening));
        let joined = (1..=3).any(|k| at(i.wrapping_sub(k)) == "et");
        if parts(before) && parts(self.moment) && before != self.moment && joined {
            self.moment = Some(Moment::Day);
        }
    }

    /// Reads word `i` alone as a part of the day or a now.
    fn read_moment_word(&mut self, words: &Words, i: usize) {
        let at = |k: usize| words.at(k);
        match at(i) {
            "maintenant" | "actuellement" | "present" => self.moment = self.moment.or(Some(Moment::Now)),
            "moment" if at(i.wrapping_sub(1)) == "ce" => self.moment = self.moment.or(Some(Moment::Now)),
            "suite" if at(i.wrapping_sub(1)) == "tout" => self.moment = self.moment.or(Some(Moment::Now)),
            "instant" if at(i.wrapping_sub(1)) == "l" => self.moment = self.moment.or(Some(Moment::Now)),
            "matin" | "matinee" if !is_at(self.moment) => {
                self.moment = Some(Moment::Morning);
                self.any_morning = matches!(at(i.wrapping_sub(1)), "le" | "la");
            }
            "aprem" if !is_at(self.moment) => self.moment = Some(Moment::Afternoon),
            // "fermé entre midi et deux": the lunch break, no time asked.
            "midi" if at(i.wrapping_sub(1)) == "entre" && at(i + 1) == "et" && matches!(at(i + 2), "deux" | "2") => {}
            // "il est midi passé": now.
            "midi" if at(i + 1) == "passe" => self.moment = Some(Moment::Now),
            "midi" if at(i.wrapping_sub(1)) == "apres" && !is_at(self.moment) => self.moment = Some(Moment::Afternoon),
            "midi" if at(i.wrapping_sub(1)) == "apres" => {}
            "midi" if !is_at(self.moment) => self.moment = Some(Moment::At(Time::constant(12, 0, 0, 0))),
            "minuit" => self.moment = Some(Moment::At(Time::constant(0, 0, 0, 0))),
            "soir" | "soiree" if !is_at(self.moment) => self.moment = Some(Moment::Evening),
            _ => {}
        }
    }

    /// "le vendredi du pont de l'Ascension", "le samedi du 15 août": that weekday beside the holiday.
    fn beside_landmark(&mut self, words: &Words) {
        if let (Some((wd, i)), Some(d), true) = (self.named, self.day, self.landmark) {
            let at = |k: usize| words.at(k);
            // "le mardi qui suit Noël", "samedi après Noël", "le jeudi d'avant Pâques": the first
            // such weekday after it, the last before it.
            let after = matches!(at(i + 1), "apres" | "suivant") || (at(i + 1) == "qui" && at(i + 2) == "suit") || (at(i + 1) == "d" && at(i + 2) == "apres");
            let before = at(i + 1) == "avant" || (at(i + 1) == "d" && at(i + 2) == "avant");
            // "lundi qui vient, c'est la semaine de Noël": the weekday said, the holiday its reason.
            let own = (at(i + 1) == "qui" && at(i + 2) == "vient") || at(i + 1).starts_with("prochain");
            // "le lundi de la semaine de Noël": that weekday within the holiday's week.
            let week = words.t.windows(2).any(|p| p[0] == "semaine" && matches!(p[1].as_str(), "de" | "du" | "d"));
            if d.weekday() != wd && after {
                self.day = (1i64..=7).map(|k| d + k.days()).find(|x| x.weekday() == wd);
            } else if d.weekday() != wd && before {
                self.day = (1i64..=7).map(|k| d - k.days()).find(|x| x.weekday() == wd);
            } else if own {
                self.day = words.weekday_day(i).map(|(_, x)| x).or(self.day);
            } else if d.weekday() != wd && week {
                let monday = d - (d.weekday().to_monday_zero_offset() as i64).days();
                self.day = (0i64..7).map(|k| monday + k.days()).find(|x| x.weekday() == wd);
            } else if d.weekday() != wd && (words.has("pont") || matches!(at(i + 1), "de" | "du" | "d")) {
                self.day = [1i64, -1, 2, -2, 3, -3].iter().map(|k| d + k.days()).find(|x| x.weekday() == wd).or(self.day);
            }
        }
    }

    /// The day and moment asked, once every word is read.
    fn settle(self, words: &Words, now: DateTime) -> Option<When> {
        let (today, has) = (words.today, |w: &str| words.has(w));
        let (day, mut moment) = (self.day, self.moment);
        // "le matin et l'après-midi", "toute la journée ou que le matin": the whole day.
        let afternoon = has("aprem") || words.t.windows(2).any(|p| p[0] == "apres" && p[1] == "midi");
        let whole_day = words.t.windows(3).any(|p| p == ["toute", "la", "journee"]);
        if matches!(moment, Some(Moment::Morning | Moment::Afternoon)) && ((has("matin") || has("matinee")) && afternoon || whole_day) {
            moment = Some(Moment::Day);
        }
        // "ce matin", "cet après-midi", "ce soir" without a day: today.
        if day.is_none() && moment.is_none() {
            return period(words.t, today, words.past);
        }
        // "le lundi en hiver", "le mardi en août": that weekday within the span said.
        // Not "c'est samedi, je voulais le faire avant juin": a weekday said of its own.
        let any_such = |i: usize| matches!(words.at(i.wrapping_sub(1)), "le" | "les") || words.at(i).ends_with('s');
        let bounded = words.t.iter().any(|x| matches!(x.as_str(), "avant" | "apres" | "depuis" | "jusqu"));
        let day = match (day, self.named, period(words.t, today, words.past)) {
            (Some(d), Some((wd, i)), Some(When { date: from, moment: Moment::Period(to) }))
                if d.weekday() == wd && any_such(i) && !bounded && !(from..=to).contains(&d) =>
            {
                days_between(from, to).find(|x| x.weekday() == wd).or(day)
            }
            _ => day,
        };
        let noon = Time::constant(12, 0, 0, 0);
        // "je rentre vers sept heures et demie", said at seven in the evening: this evening's, not
        // the morning's gone by.
        if let (None, Some(Moment::At(t))) = (day, moment) {
            let evening = Time::new(t.hour() + 12, t.minute(), 0, 0).ok();
            if (1..12).contains(&t.hour()) && !has("matin") && now.time() >= noon && now.time() > t && evening.is_some_and(|e| e > now.time()) {
                moment = evening.map(Moment::At);
            }
        }
        // A closure gone by, its reopening asked: from now.
        if day.is_some_and(|d| d < today) && asks_after_closure(words.t) {
            return Some(When { date: today, moment: Moment::Now });
        }
        let date = match day {
            Some(d) => d,
            None if self.any_morning && moment == Some(Moment::Morning) && now.time() >= noon => today.tomorrow().unwrap_or(today),
            None => today,
        };
        Some(When { date, moment: settle_moment(words, moment, date, day.is_none(), now) })
    }
}

/// The moment asked on `date`, from the moment said: "ça rouvre quand" after a closing asks from now.
fn settle_moment(words: &Words, moment: Option<Moment>, date: Date, no_day: bool, now: DateTime) -> Moment {
    let (today, past) = (words.today, words.past);
    let noon = Time::constant(12, 0, 0, 0);
    // "c'est quand la prochaine ouverture ?": from now.
    let reopen = words.t.iter().any(|w| is_reopen_word(w)) || words.t.windows(2).any(|p| p == ["prochaine", "ouverture"]) || back_from_leave(words.t);
    match moment {
        Some(Moment::Now) if date != today => Moment::Day,
        // "elle est fermée à midi, ça rouvre à quelle heure ?", said after noon: from now.
        Some(Moment::At(at)) if reopen && date == today && at <= now.time() => Moment::Now,
        // "j'ai raté l'agence ce matin, elle rouvre quel jour ?": when it next opens, from now.
        Some(Moment::Morning | Moment::Afternoon | Moment::Evening | Moment::At(_))
            if past && date == today && (reopen || words.t.iter().any(|w| is_missed_word(w))) =>
        {
            Moment::Now
        }
        // "j'arrive trop tard pour ce matin, ça rouvre quand ?", said after noon: from now.
        Some(Moment::Morning) if reopen && no_day && now.time() >= noon => Moment::Now,
        Some(m) => m,
        None => Moment::Day,
    }
}

/// Whether "nouvel an" at word `i` is said of its eve: "le soir du nouvel an", "le réveillon du
/// nouvel an", "ce soir pour le nouvel an".
fn eve_of_new_year(t: &[String], i: usize) -> bool {
    let at = |k: usize| i.checked_sub(k).map_or("", |j| t[j].as_str());
    (matches!(at(1), "du" | "de") && is_eve(at(2))) || (at(1) == "le" && at(2) == "pour" && is_eve(at(3)))
}

/// Words of an evening before a day ("le soir de Noël", "le réveillon du 31", "la nuit de Noël").
fn is_eve(x: &str) -> bool {
    matches!(x, "soir" | "soiree" | "reveillon" | "nuit")
}

#[cfg(test)]
mod tests;
