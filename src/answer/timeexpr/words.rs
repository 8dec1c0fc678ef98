//! The words of a sentence read one by one for the day they name: holidays and the days beside
//! them, weekdays, day numbers, dates and clock times.

use jiff::civil::{date, Date, Time, Weekday};
use jiff::ToSpan;

use super::super::holidays::easter;
use super::super::normalize::is_article;
use super::calendar::{holiday_date, holiday_on, in_toussaint_holidays, in_year_end, last_yearly, month, next_week, next_weekday, next_yearly, weekday};
use super::{asks_after_closure, eve_of_new_year, is_eve, says_today};
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
pub(super) struct Words<'a> {
    pub(super) t: &'a [String],
    pub(super) today: Date,
    /// The caller speaks of a moment gone by.
    pub(super) past: bool,
}

impl Words<'_> {
    pub(super) fn at(&self, i: usize) -> &str {
        self.t.get(i).map(String::as_str).unwrap_or("")
    }

    pub(super) fn has(&self, w: &str) -> bool {
        self.t.iter().any(|x| x == w)
    }

    /// "ce soir", "ce matin", "cet après-midi", "aujourd'hui": today said outright.
    pub(super) fn today_period(&self) -> bool {
        says_today(self.t)
    }

    /// A yearly date's next occurrence, or its last one when the caller speaks of the past.
    pub(super) fn yearly(&self, f: &dyn Fn(i16) -> Option<Date>) -> Option<Date> {
        if self.past {
            last_yearly(self.today, f)
        } else {
            next_yearly(self.today, f)
        }
    }

    /// A holiday whose name starts at word `start`, or the day beside it that the words before
    /// name: "la veille de Noël", "le lendemain du jour de l'an", "le vendredi avant Pâques".
    pub(super) fn around(&self, start: usize, holiday: &dyn Fn(i16) -> Option<Date>) -> Option<Date> {
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
    pub(super) fn bridge(&self, start: usize, holiday: &dyn Fn(i16) -> Option<Date>) -> Option<Option<Date>> {
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
    pub(super) fn cause_just_gone(&self, i: usize) -> bool {
        let Some(when) = holiday_date(self.at(i)) else { return false };
        self.said_as_cause(i) && last_yearly(self.today, when).is_some_and(|d| d < self.today && self.today - 2.days() <= d)
    }

    /// Whether the holiday at `i` is said as a reason: "avec Noël", "à cause de la Toussaint".
    pub(super) fn said_as_cause(&self, i: usize) -> bool {
        let at = |k: usize| self.at(k);
        let k = if is_article(at(i.wrapping_sub(1))) { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
        at(k) == "avec" || (matches!(at(k), "de" | "du") && at(k.wrapping_sub(1)) == "cause")
    }

    /// The day named by a holiday word at `i` ("Noël", "la veille de l'Ascension", "le jour de
    /// l'an"), when it is one; `day` is what was read before.
    pub(super) fn holiday_day(&self, i: usize, day: Option<Date>) -> Option<Date> {
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
        // "la crèche ferme plus tôt pour Noël ?" asked on its eve: today's closing.
        let closing = self.t.iter().any(|x| matches!(x.as_str(), "ferme" | "fermez" | "fermer" | "fermera" | "fermerez"));
        let eve = holiday_date(at(i)).is_some_and(|f| f(self.today.year()) == self.today.tomorrow().ok());
        if at(i.wrapping_sub(1)) == "pour" && closing && eve {
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
    pub(super) fn weekday_day(&self, i: usize) -> Option<(Weekday, Date)> {
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
    pub(super) fn nth_weekday(&self, i: usize, wd: Weekday) -> Option<Date> {
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
    pub(super) fn beside_weekday_holiday(&self, i: usize, wd: Weekday) -> Option<Option<(Weekday, Date)>> {
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
    pub(super) fn day_number(&self, i: usize) -> Option<Date> {
        let phone = self.has("appeler") || self.has("numero") || self.has("composer") || self.has("faire");
        // "le réveillon du 31", "le soir du 14".
        let of_eve = self.at(i.wrapping_sub(1)) == "du" && is_eve(self.at(i.wrapping_sub(2)));
        // "la veille du 25", "le lendemain du 14": the day next to the one said.
        let shift = match (self.at(i.wrapping_sub(1)), self.at(i.wrapping_sub(2))) {
            ("du", "veille") => -1,
            ("du", "lendemain") => 1,
            _ => 0,
        };
        // "le 24", and "ce 24" ("la navette passe ce vingt-quatre ?").
        if (!matches!(self.at(i.wrapping_sub(1)), "le" | "ce") && !of_eve && shift == 0)
            || phone
            || month(self.at(i + 1)).is_some()
            || matches!(self.at(i + 1), "h" | "heure" | "heures")
        {
            return None;
        }
        let n = self.at(i).parse::<i8>().ok().filter(|n| (1..=31).contains(n))?;
        // The day said may be tomorrow when its eve is today, yesterday when its morrow is.
        let from = self.today + (-shift).days();
        (0..62).map(|k| from + k.days()).find(|d| d.day() == n).map(|d| d + shift.days())
    }

    /// A date said with its month at `i` ("le 14 juillet", "mi-septembre", "la veille du 15 août").
    pub(super) fn dated_day(&self, i: usize) -> Option<Date> {
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
    pub(super) fn clock_time(&self, i: usize) -> Option<Time> {
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
