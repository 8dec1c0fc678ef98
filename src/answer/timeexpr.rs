//! French time expressions relative to the moment of the call: "demain matin", "samedi prochain",
//! "ce soir", "le 14 juillet", "à midi", "en ce moment", "à 18 h 30", "Noël"…

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::ToSpan;

use super::normalize::tokens;

mod calendar;
mod period;
mod words;

pub use calendar::{days_between, month, next_week, this_week};
use calendar::{named_holiday, next_weekday, weekday};
use period::period;
use words::Words;

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
const START_AGAIN_WORDS: &[&str] = &["reprend", "reprennent", "reprenez", "repart", "repartent", "repartez", "redemarre", "redemarrent", "redemarrez"];

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

/// "fermé pour midi", "fermée pour le repas", "pendant la pause", "à l'heure du déjeuner": the
/// lunch break asked of a place open or shut (not "le repas de Noël", a meal named).
fn lunch_break(words: &Words, i: usize) -> bool {
    let at = |k: usize| words.at(k);
    let lead = if matches!(at(i.wrapping_sub(1)), "le" | "la" | "l") { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
    // Asked of a place open or shut, not "je dois payer pour le repas ?".
    let open_or_shut = words.t.iter().any(|x| x.starts_with("ferm") || x.starts_with("ouvert") || x.starts_with("ouvre"));
    let asked = match at(i) {
        "midi" => at(lead) == "pour" && lead + 1 == i,
        _ => matches!(at(lead), "pour" | "pendant") || (at(lead) == "du" && at(lead.wrapping_sub(1)) == "heure"),
    };
    asked && open_or_shut && !matches!(at(i + 1), "de" | "du" | "des" | "d")
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
    // "vendredi sept mai, le lendemain du jeudi férié": the weekday of a landmark beside the date
    // asked is no day asked.
    let landmark = |i: usize| {
        i >= 2
            && t[i - 1] == "du"
            && matches!(t[i - 2].as_str(), "lendemain" | "veille")
            && calendar::weekday(&t[i]).is_some()
            && t.iter().enumerate().any(|(k, x)| k != i && (calendar::weekday(x).is_some() || calendar::month(x).is_some()))
    };
    for i in (0..t.len()).filter(|&i| !since(i) && !landmark(i) && !skip[i]) {
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
            // "la veille de la Nativité, vendredi", "la fête des saints, le lundi": the weekday of the
            // holiday said before it only confirms that day.
            if !(self.landmark && self.day.is_some_and(|x| x.weekday() == wd)) {
                self.day = Some(d);
            }
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
            // "fermé pour midi", "fermée pour le repas": the lunch break, read at 13 h.
            "midi" | "repas" | "dejeuner" | "pause" if lunch_break(words, i) => self.moment = Some(Moment::At(Time::constant(13, 0, 0, 0))),
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
