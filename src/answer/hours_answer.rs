//! The opening-hours answer of one service, for the ear: now, on a day, at a time or in a part of
//! a day, with the reason a day differs (holiday, exception) and the next opening when it is shut.

use jiff::civil::{Date, DateTime, Time};
use jiff::ToSpan;

use super::holidays::{holiday_name, HolidayRule};
use super::hours::{day_hours, ever_open, next_opening, open_range, Special};
use super::speak;
use super::timeexpr::{self, Moment, When};
use super::town::{Exception, Range, Service};

/// The answer to "when is `s` open?" about `when` (None: now and its usual week), asked at `now`;
/// `shut_asked`: the caller asked whether it is shut ("c'est fermé ?"), so yes means shut.
pub fn answer(s: &Service, when: Option<When>, now: DateTime, rule: HolidayRule, shut_asked: bool) -> String {
    if !ever_open(s) {
        return format!("Je n'ai pas d'horaires d'ouverture pour {}.", s.name);
    }
    let a = Asking { s, now, rule, shut_asked };
    match when {
        None => format!("{} {}", a.now(), a.usual()),
        Some(When { moment: Moment::Now, .. }) => a.now(),
        Some(When { date, moment: Moment::Period(to) }) => a.period(date, to),
        Some(When { date, moment }) => {
            let told = match moment {
                Moment::Day => a.day(date),
                Moment::At(t) => a.at(date, t),
                _ => a.part(date, moment),
            };
            let first = a.shut_first(date, moment, &told);
            // "Fermé en ce moment. Oui, à midi…" reads as a contradiction: the yes goes.
            let told = match told.strip_prefix(a.yes_if(true)).and_then(|r| r.strip_prefix(", ")) {
                Some(rest) if !first.is_empty() => speak::capitalize(rest),
                _ => told,
            };
            first + &told + &usual_hours(s, date, rule)
        }
    }
}

/// One hours question: the service, the instant it is asked, the town's holiday rule, whether it
/// asks if the place is shut.
struct Asking<'a> {
    s: &'a Service,
    now: DateTime,
    rule: HolidayRule,
    shut_asked: bool,
}

impl Asking<'_> {
    /// "Oui" or "Non" for a place found open (`open`) or shut, as the question was put.
    fn yes_if(&self, open: bool) -> &'static str {
        if open != self.shut_asked {
            "Oui"
        } else {
            "Non"
        }
    }

    fn today(&self) -> Date {
        self.now.date()
    }

    fn shut_now(&self) -> bool {
        open_range(self.s, self.today(), self.now.time(), self.rule).is_none()
    }

    /// " Réouverture demain à 9 h." after `t` on `d`; empty when it never opens again.
    fn reopen(&self, d: Date, t: Time) -> String {
        match next_opening(self.s, d, t, self.rule) {
            Some((nd, nt)) => format!(" Réouverture {} à {}.", speak::relative_date(nd, self.today()), speak::time(nt)),
            None => String::new(),
        }
    }

    /// " : c'est le 8 mai" or " (travaux)" when a holiday or an exception makes the day.
    fn why(&self, d: Date) -> String {
        match day_hours(self.s, d, self.rule).special {
            Some(Special::Holiday(h)) => format!(" : c'est {h}"),
            Some(Special::Exception(Some(r))) => format!(" ({r})"),
            _ => String::new(),
        }
    }

    /// "X est fermé en ce moment. " before the answer about a later moment of today, the part of
    /// today under way or tomorrow, when the service is shut now (the caller may be at the door,
    /// or calling on a holiday); nothing when the answer already speaks of being shut.
    fn shut_first(&self, date: Date, moment: Moment, told: &str) -> String {
        let hour = self.now.time().hour();
        // "cet après-midi" asked in the afternoon: the part of the day under way.
        let under_way = match moment {
            Moment::Morning => hour < 12,
            Moment::Afternoon => (12..18).contains(&hour),
            Moment::Evening => hour >= 18,
            _ => false,
        };
        let later_today = date == self.today() && (under_way || matches!(moment, Moment::At(t) if t > self.now.time()));
        let tomorrow = Some(date) == self.today().tomorrow().ok();
        if !(later_today || tomorrow) || !self.shut_now() || told.contains("fermé") {
            return String::new();
        }
        let (cap, e, v) = (speak::capitalize(&self.s.name), agree(&self.s.name), be(&self.s.name));
        format!("{cap} {v} fermé{e} en ce moment{}. ", self.why(self.today()))
    }

    /// Open or shut at this moment, and until or from when.
    fn now(&self) -> String {
        let (cap, e) = (speak::capitalize(&self.s.name), agree(&self.s.name));
        let v = be(&self.s.name);
        match open_range(self.s, self.today(), self.now.time(), self.rule) {
            Some(r) => format!("{cap} {v} ouvert{e} en ce moment, jusqu'à {}.", speak::time(r.end)),
            None => format!("{cap} {v} fermé{e} en ce moment{}.{}", self.why(self.today()), self.reopen(self.today(), self.now.time())),
        }
    }

    /// "Horaires habituels : …", or for a service open only in its seasons (no weekly hours), the
    /// season under way or the next one: "Du 19 décembre au 18 avril (saison d'hiver), horaires …".
    fn usual(&self) -> String {
        if self.s.week.iter().any(|d| !d.is_empty()) {
            return format!("Horaires habituels : {}.", speak::week(&self.s.week));
        }
        let today = self.today();
        let season = self.s.exceptions.iter().filter(|x| !x.hours.is_empty() && x.to >= today).min_by_key(|x| x.from);
        let Some(x) = season else { return String::new() };
        let reason = in_brackets(x);
        if x.from == x.to {
            return format!("{}{reason}, horaires {}.", speak::capitalize(&speak::date(x.from, today)), speak::ranges(&x.hours));
        }
        format!("Du {} au {}{reason}, horaires {} chaque jour.", speak::day_month(x.from), speak::day_month(x.to), speak::ranges(&x.hours))
    }

    /// Closures and changed hours over a span of days ("fermé en août ?"), with the reopening
    /// after a closure; the usual week and the public holidays it closes on when nothing differs.
    fn period(&self, from: Date, to: Date) -> String {
        let (cap, e, v) = (speak::capitalize(&self.s.name), agree(&self.s.name), be(&self.s.name));
        let today = self.today();
        // Shut now, the span at hand: when it reopens comes first ("ça rouvre en janvier ?"), and
        // the closure under way is not said twice.
        let now_first = self.shut_now() && from <= today + 7.days();
        let under_way = |x: &Exception| now_first && x.from <= today;
        let mut xs: Vec<&Exception> = self.s.exceptions.iter().filter(|x| x.from <= to && x.to >= from && x.to >= today && !under_way(x)).collect();
        xs.sort_by_key(|x| x.from);
        xs.truncate(3);
        let days = |x: &Exception| {
            if x.from == x.to {
                speak::date(x.from, today)
            } else {
                format!("du {} au {}", speak::date(x.from, today).trim_start_matches("le "), speak::date(x.to, today).trim_start_matches("le "))
            }
        };
        let mut told: Vec<String> = xs
            .iter()
            .map(|x| {
                if x.hours.is_empty() {
                    format!("{cap} {v} fermé{e} {}{}.", days(x), in_brackets(x))
                } else {
                    format!("{}{}, horaires {}.", speak::capitalize(&days(x)), in_brackets(x), speak::ranges(&x.hours))
                }
            })
            .collect();
        if let Some(last) = xs.iter().rfind(|x| x.hours.is_empty()) {
            told.push(self.reopen(last.to, END_OF_DAY).trim().to_string());
        }
        // Shut now to past the span's end: what `now` says is all; shut for part of it: the rest after.
        let shut_until = self.s.exceptions.iter().filter(|x| under_way(x) && x.hours.is_empty()).map(|x| x.to).max();
        if told.is_empty() && shut_until.is_none_or(|end| end < to) {
            let span = if shut_until.is_some() {
                "Ensuite".to_string()
            } else if from.day() == 1 && to == from.last_of_month() {
                format!("En {}", speak::day_month(from).trim_start_matches("1er "))
            } else {
                format!("Du {} au {}", speak::day_month(from), speak::day_month(to))
            };
            // Open on its exceptions only (a summer beach watch): the season's hours, or shut.
            let season = self.s.exceptions.iter().find(|x| !x.hours.is_empty() && x.from <= to && x.to >= from);
            if let (true, Some(x)) = (self.s.week.iter().all(|d| d.is_empty()), season) {
                told.push(format!("{span}, {} {v} ouvert{e} {} chaque jour{}.", self.s.name, speak::ranges(&x.hours), in_brackets(x)));
            } else if self.s.week.iter().all(|d| d.is_empty()) {
                told.push(format!("{span}, {} {v} fermé{e}.{}", self.s.name, self.reopen(to, END_OF_DAY)));
            } else {
                told.push(format!("{span}, {} {v} ouvert{e} aux horaires habituels : {}.", self.s.name, speak::week(&self.s.week)));
            }
        }
        // The public holidays it closes on, outside the closures already said.
        if self.s.closed_on_holidays {
            // Not a day it is shut every week anyway, nor one of a closure already said.
            let said =
                |d: Date| self.s.exceptions.iter().any(|x| x.from <= d && d <= x.to) || self.s.week[d.weekday().to_monday_zero_offset() as usize].is_empty();
            let shut: Vec<String> = timeexpr::days_between(from.max(today), to)
                .filter(|d| !said(*d) && holiday_name(*d, self.rule).is_some())
                .map(|d| speak::date(d, today))
                .collect();
            if !shut.is_empty() && shut.len() <= 4 {
                told.push(format!("{cap} {v} fermé{e} {}, jours fériés.", speak::join_et(&shut)));
            }
        }
        if now_first {
            told.insert(0, self.now());
        }
        told.retain(|t| !t.is_empty());
        told.join(" ")
    }

    /// The hours of one day.
    fn day(&self, date: Date) -> String {
        let (name, e) = (&self.s.name, agree(&self.s.name));
        let v = be(&self.s.name);
        let dh = day_hours(self.s, date, self.rule);
        let rel = speak::capitalize(&speak::relative_date(date, self.today()));
        if dh.ranges.is_empty() {
            format!("{rel}, {name} {v} fermé{e}{}.{}", self.why(date), self.reopen(date, END_OF_DAY))
        } else if date == self.today() && self.shut_now() {
            // Asked about today while it is shut (the caller may be at the door): say so first.
            let later = if dh.ranges.iter().any(|r| r.start > self.now.time()) { String::new() } else { self.reopen(date, self.now.time()) };
            let cap = speak::capitalize(name);
            format!("{cap} {v} fermé{e} en ce moment. {rel}, horaires {}{}.{later}", speak::ranges(&dh.ranges), self.why(date))
        } else {
            format!("{rel}, {name} {v} ouvert{e} {}{}.", speak::ranges(&dh.ranges), self.why(date))
        }
    }

    /// Open or shut at one time of one day.
    fn at(&self, date: Date, t: Time) -> String {
        let (name, e) = (&self.s.name, agree(&self.s.name));
        let v = be(&self.s.name);
        let dh = day_hours(self.s, date, self.rule);
        let rel = speak::relative_date(date, self.today());
        let at = format!("{rel} à {}", speak::time(t));
        if let Some(r) = dh.ranges.iter().find(|r| r.start <= t && t < r.end) {
            format!("{}, {at}, {name} {v} ouvert{e}, {}.", self.yes_if(true), speak::ranges(std::slice::from_ref(r)))
        } else if dh.ranges.is_empty() {
            format!("{}, {rel}, {name} {v} fermé{e}{}.{}", self.yes_if(false), self.why(date), self.reopen(date, END_OF_DAY))
        } else {
            // Nothing later that day: say when it opens next.
            let later = if dh.ranges.iter().any(|r| r.start > t) { String::new() } else { self.reopen(date, t) };
            let day = that_day(date, self.today());
            format!("{}, {at}, {name} {v} fermé{e}{}. {day} horaires {}.{later}", self.yes_if(false), self.why(date), speak::ranges(&dh.ranges))
        }
    }

    /// The hours of the morning, the afternoon or the evening of one day.
    fn part(&self, date: Date, moment: Moment) -> String {
        let (name, e) = (&self.s.name, agree(&self.s.name));
        let v = be(&self.s.name);
        let (from, to, part) = match moment {
            Moment::Morning => (Time::constant(0, 0, 0, 0), Time::constant(12, 0, 0, 0), "matin"),
            Moment::Afternoon => (Time::constant(12, 0, 0, 0), Time::constant(18, 0, 0, 0), "après-midi"),
            _ => (Time::constant(18, 0, 0, 0), Time::constant(23, 59, 59, 0), "soir"),
        };
        let (today, now) = (self.today(), self.now.time());
        let dh = day_hours(self.s, date, self.rule);
        let rel = part_phrase(date, today, part);
        // A range counts for a part of the day when it spends at least 45 minutes in it.
        let minutes = |t: Time| i32::from(t.hour()) * 60 + i32::from(t.minute());
        let inside: Vec<Range> = dh.ranges.iter().copied().filter(|r| minutes(r.end.min(to)) - minutes(r.start.max(from)) >= 45).collect();
        // "c'est encore ouvert cet après-midi ?" once this afternoon's hours are over.
        let over = date == today && (from..to).contains(&now) && !inside.is_empty() && inside.iter().all(|r| r.end <= now);
        let shut_now = self.shut_now();
        if over && shut_now {
            format!("{}, {name} {v} fermé{e} en ce moment : {rel}, horaires {}.{}", self.yes_if(false), speak::ranges(&inside), self.reopen(today, now))
        } else if !inside.is_empty() && date == today && shut_now && inside[0].start > now {
            format!("{} {v} fermé{e} en ce moment. {}, horaires {}.", speak::capitalize(name), speak::capitalize(&rel), speak::ranges(&inside))
        } else if !inside.is_empty() {
            // "le jeudi après-midi, c'est jusqu'à quand ?" of another day: that day's whole hours too.
            let whole = if date != today && inside.len() < dh.ranges.len() {
                format!(" {} horaires {}.", that_day(date, today), speak::ranges(&dh.ranges))
            } else {
                String::new()
            };
            format!("{}, {name} {v} ouvert{e} {}.{whole}", speak::capitalize(&rel), speak::ranges(&inside))
        } else if dh.ranges.is_empty() {
            format!("{}, {rel}, {name} {v} fermé{e}{}.{}", self.yes_if(false), self.why(date), self.reopen(date, END_OF_DAY))
        } else {
            // Nothing later that day: say when it opens next.
            let later = if dh.ranges.iter().any(|r| r.start >= to) { String::new() } else { self.reopen(date, to.min(END_OF_DAY)) };
            let day = that_day(date, today);
            format!("{}, {name} {v} fermé{e} {rel}{}. {day} horaires {}.{later}", self.yes_if(false), self.why(date), speak::ranges(&dh.ranges))
        }
    }
}

/// An exception's reason as said after its days: " (congés d'été)"; empty without one.
fn in_brackets(x: &Exception) -> String {
    x.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
}

/// The last minute from which "reopens" looks at the next days.
const END_OF_DAY: Time = Time::constant(23, 59, 0, 0);

/// " Les autres samedis, horaires …" when a holiday or an exception changes that day's usual
/// hours ("le samedi, c'est ouvert ?" when the next Saturday is the 8th of May); else nothing.
fn usual_hours(s: &Service, d: Date, rule: HolidayRule) -> String {
    let weekly = &s.week[d.weekday().to_monday_zero_offset() as usize];
    let dh = day_hours(s, d, rule);
    if dh.special.is_none() || weekly.is_empty() || *weekly == dh.ranges {
        return String::new();
    }
    format!(" Les autres {}s, horaires {}.", speak::weekday_name(d.weekday()), speak::ranges(weekly))
}

/// "Aujourd'hui," or "Ce jour-là," before a day's hours.
fn that_day(d: Date, today: Date) -> &'static str {
    if d == today {
        "Aujourd'hui,"
    } else {
        "Ce jour-là,"
    }
}

/// "ce matin", "demain matin, le jeudi 9 juillet", "le samedi 11 juillet au matin".
fn part_phrase(d: Date, today: Date, part: &str) -> String {
    if d == today {
        format!("ce {} {part}", speak::weekday_name(d.weekday()))
    } else if Some(d) == today.tomorrow().ok() {
        format!("demain {part}, {}", speak::date(d, today))
    } else if part == "après-midi" {
        format!("{} après-midi", speak::date(d, today))
    } else {
        format!("{} au {part}", speak::date(d, today))
    }
}

/// Whether a service's name is plural ("les services techniques").
pub fn plural(name: &str) -> bool {
    agree(name).ends_with('s')
}

/// "est" or "sont", as the service's name is singular or plural ("les services techniques sont").
pub fn be(name: &str) -> &'static str {
    if plural(name) {
        "sont"
    } else {
        "est"
    }
}

/// Agreement suffix for "ouvert"/"fermé" from the article of a name ("la piscine" → "e").
pub fn agree(name: &str) -> &'static str {
    let n = name.trim().to_lowercase();
    if let Some(rest) = n.strip_prefix("les ") {
        // The noun's ending tells most feminine plurals: "les halles", "les arènes", "les serres".
        const FEMININE: &[&str] =
            &["ées", "ettes", "ières", "ions", "ences", "ances", "ures", "alles", "elles", "ines", "ives", "ades", "eries", "ènes", "erres", "ottes", "isses"];
        let noun = rest.split_whitespace().next().unwrap_or("");
        if n.contains("ées ") || n.ends_with("ées") || FEMININE.iter().any(|e| noun.ends_with(e)) {
            "es"
        } else {
            "s"
        }
    } else if n.starts_with("la ") {
        "e"
    } else if let Some(rest) = n.strip_prefix("l'").or_else(|| n.strip_prefix("l’")) {
        // Elided article: guess the gender from the noun's ending.
        let noun = rest.split_whitespace().next().unwrap_or("");
        const MASC_E: &[&str] = &[
            "espace",
            "office",
            "observatoire",
            "hospice",
            "ossuaire",
            "oratoire",
            "orchestre",
            "intercommunale",
            "lycée",
            "mausolée",
            "colisée",
            "athénée",
            "gymnase",
            "immeuble",
            "embarcadère",
        ];
        const MASC_ENDINGS: &[&str] = &["age", "isme", "ème", "musée", "drome"];
        let fem = noun.ends_with('e') && !MASC_ENDINGS.iter().any(|x| noun.ends_with(x)) && !MASC_E.contains(&noun);
        if fem {
            "e"
        } else {
            ""
        }
    } else {
        ""
    }
}

/// A word of an hours question ("ouvert", "horaires", "passer"), beside the service and the day.
pub fn is_hours_word(w: &str) -> bool {
    matches!(
        w,
        "horaire"
            | "horaires"
            | "ouvert"
            | "ouverte"
            | "ouverts"
            | "ouvertes"
            | "ouvre"
            | "ouvrent"
            | "ouvrez"
            | "ouvrir"
            | "ouvrira"
            | "ferme"
            | "fermee"
            | "fermes"
            | "fermees"
            | "fermez"
            | "ferment"
            | "fermer"
            | "fermera"
            | "fermeture"
            | "ouverture"
            | "heure"
            | "heures"
            | "jusqu"
            | "quelle"
            | "jour"
            | "jours"
            | "horraires"
            | "horraire"
            | "acces"
            | "accessible"
            | "possible"
            | "peut"
            | "venir"
            | "passer"
            | "aller"
            | "recoit"
            | "recoivent"
            | "recevoir"
            | "rouvre"
            | "rouvrent"
            | "reouvre"
            | "reouverture"
            | "rouvrira"
            | "permanence"
            | "permanences"
            | "encore"
            | "etes"
            // "d'habitude c'est fermé", "c'est la pause de midi ?": the usual hours.
            | "habitude"
            | "habituellement"
            | "normalement"
            | "pause"
    )
}

#[cfg(test)]
mod tests {
    use super::{agree, be};

    #[test]
    fn open_and_shut_agree_with_the_name() {
        let said = |name: &str| format!("{name} {} ouvert{}", be(name), agree(name));
        assert_eq!(said("la piscine"), "la piscine est ouverte");
        assert_eq!(said("les services techniques"), "les services techniques sont ouverts");
        assert_eq!(said("les caisses des remontées mécaniques"), "les caisses des remontées mécaniques sont ouvertes");
        assert_eq!(said("l'office de tourisme"), "l'office de tourisme est ouvert");
        assert_eq!(said("les halles"), "les halles sont ouvertes");
        assert_eq!(said("les arènes du port"), "les arènes du port sont ouvertes");
        assert_eq!(said("les archives municipales"), "les archives municipales sont ouvertes");
        assert_eq!(said("les thermes"), "les thermes sont ouverts");
        assert_eq!(said("les caisses de la station"), "les caisses de la station sont ouvertes");
        assert_eq!(said("les ateliers municipaux"), "les ateliers municipaux sont ouverts");
        assert_eq!(said("l'écomusée de la Sansouïre"), "l'écomusée de la Sansouïre est ouvert");
        assert_eq!(said("l'aérodrome"), "l'aérodrome est ouvert");
        assert_eq!(said("l'école des Noyers"), "l'école des Noyers est ouverte");
    }
}
