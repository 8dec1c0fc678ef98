//! Calendar lookups for time expressions: weekday and month names, holidays' dates, the next or
//! last occurrence of a yearly date, weeks and the year's end.

use jiff::civil::{date, Date, Weekday};
use jiff::ToSpan;

use crate::answer::holidays::{easter, holiday_name, HolidayRule};

pub(super) fn weekday(w: &str) -> Option<Weekday> {
    // "les mardis": any Tuesday, answered as the next one with its usual hours.
    let w = w.strip_suffix('s').filter(|one| one.ends_with("di") || *one == "dimanche").unwrap_or(w);
    Some(match w {
        "lundi" => Weekday::Monday,
        "mardi" => Weekday::Tuesday,
        "mercredi" => Weekday::Wednesday,
        "jeudi" => Weekday::Thursday,
        "vendredi" => Weekday::Friday,
        "samedi" => Weekday::Saturday,
        "dimanche" => Weekday::Sunday,
        _ => return misheard_weekday(w),
    })
}

/// A long weekday name the recogniser garbled by a letter or two ("merpredit", "zendredi").
fn misheard_weekday(w: &str) -> Option<Weekday> {
    const LONG: &[(&str, Weekday)] =
        &[("mercredi", Weekday::Wednesday), ("vendredi", Weekday::Friday), ("samedi", Weekday::Saturday), ("dimanche", Weekday::Sunday)];
    if w.len() < 6 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    LONG.iter()
        .find(|(name, _)| {
            w.len().abs_diff(name.len()) <= 1 && strsim::levenshtein(w, name) <= 2 && (w[..3] == name[..3] || w[w.len() - 2..] == name[name.len() - 2..])
        })
        .map(|(_, d)| *d)
}

/// The number of a month named in normalised French ("aout": 8).
pub fn month(w: &str) -> Option<i8> {
    Some(match w {
        "janvier" => 1,
        "fevrier" => 2,
        "mars" => 3,
        "avril" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" => 7,
        "aout" => 8,
        "septembre" => 9,
        "octobre" => 10,
        "novembre" => 11,
        "decembre" => 12,
        _ => return None,
    })
}

/// The next date (today included unless `strict`) falling on `wd`.
pub(super) fn next_weekday(today: Date, wd: Weekday, strict: bool) -> Date {
    let mut d = today;
    if strict {
        d = d.tomorrow().unwrap_or(d);
    }
    while d.weekday() != wd {
        d = d.tomorrow().unwrap_or(d);
    }
    d
}

/// The next occurrence (today included) of a yearly date.
pub(super) fn next_yearly(today: Date, f: impl Fn(i16) -> Option<Date>) -> Option<Date> {
    let this = f(today.year())?;
    if this >= today {
        Some(this)
    } else {
        f(today.year() + 1)
    }
}

/// The date in a year of a holiday named by one word ("noel", "paques", "ascension"…).
pub(super) fn holiday_date(name: &str) -> Option<fn(i16) -> Option<Date>> {
    Some(match name {
        "noel" => |y| Some(date(y, 12, 25)),
        "toussaint" => |y| Some(date(y, 11, 1)),
        "paques" => |y| Some(easter(y)),
        "ascension" => |y| Some(easter(y) + 39.days()),
        "pentecote" => |y| Some(easter(y) + 50.days()),
        _ => return None,
    })
}

/// "le jeudi férié": the national holiday on that weekday nearest to come (within three weeks),
/// else the one of the week gone by; "le jeudi férié de mai": the next one in that month.
pub(super) fn holiday_on(today: Date, wd: Weekday, in_month: Option<i8>) -> Option<Date> {
    let holiday = |d: &Date| d.weekday() == wd && holiday_name(*d, HolidayRule::France).is_some();
    if let Some(m) = in_month {
        return (0..400).map(|k| today + k.days()).filter(|d| d.month() == m).find(holiday);
    }
    (0..21).map(|k| today + k.days()).chain((1..7).map(|k| today - k.days())).find(holiday)
}

/// The last occurrence (today included) of a yearly date.
pub(super) fn last_yearly(today: Date, f: impl Fn(i16) -> Option<Date>) -> Option<Date> {
    let this = f(today.year())?;
    if this <= today {
        Some(this)
    } else {
        f(today.year() - 1)
    }
}

/// A public holiday named at word `i` by a name that is no single date word ("la fête nationale",
/// "l'Assomption"): how many words the name takes, and the holiday's month and day.
pub(super) fn named_holiday(t: &[String], i: usize) -> Option<(usize, (i8, i8))> {
    let at = |k: usize| t.get(k).map(String::as_str).unwrap_or("");
    // "la victoire de 14-18": the Armistice, with the years said after it ("quatorze-dix-huit" runs
    // together as one number, 32).
    let great_war = |k: usize| matches!(at(k), "de" | "en") && matches!(at(k + 1), "14" | "32" | "1914" | "1918");
    let years = |k: usize| 2 + (k + 2..k + 4).take_while(|&j| at(j).chars().all(|c| c.is_ascii_digit()) && !at(j).is_empty()).count();
    Some(match (at(i), at(i + 1), at(i + 2), at(i + 3)) {
        ("fete", "nationale", _, _) => (2, (7, 14)),
        ("fete", "du", "travail", _) => (3, (5, 1)),
        ("fete", "de", "la", "victoire") if great_war(i + 4) => (4 + years(i + 4), (11, 11)),
        ("fete", "de", "la", "victoire") => (4, (5, 8)),
        // "la fête des saints", "la fête de tous les saints": the Toussaint.
        // "le jour des saints", "pour les saints".
        ("fete" | "jour", "des", "saints", _) | ("tous", "les", "saints", _) => (3, (11, 1)),
        // Not "les saints de glace" of May.
        ("les", "saints", next, _) if (i == 0 || at(i - 1) != "tous") && next != "de" => (2, (11, 1)),
        // "le jour de la Nativité", "la veille de la Nativité": Christmas, as churchgoers say it;
        // not "l'église de la Nativité".
        ("nativite", ..)
            if i >= 3 && at(i - 1) == "la" && at(i - 2) == "de" && matches!(at(i - 3), "jour" | "veille" | "fete" | "lendemain" | "semaine" | "nuit") =>
        {
            (1, (12, 25))
        }
        ("assomption", ..) => (1, (8, 15)),
        ("armistice", ..) => (1, (11, 11)),
        ("saint", "sylvestre", _, _) => (2, (12, 31)),
        _ => return None,
    })
}

/// The days from `from` to `to`, inclusive.
pub fn days_between(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from), |d| d.tomorrow().ok()).take_while(move |d| *d <= to)
}

/// "cette semaine": from `today` to Sunday.
pub fn this_week(today: Date) -> (Date, Date) {
    (today, today + i64::from(6 - today.weekday().to_monday_zero_offset()).days())
}

/// "la semaine prochaine": next Monday to next Sunday.
pub fn next_week(today: Date) -> (Date, Date) {
    let monday = today + i64::from(7 - today.weekday().to_monday_zero_offset()).days();
    (monday, monday + 6.days())
}

/// The year's end that starts in December of `year`: the Christmas holidays and the feasts,
/// 20 December to 5 January.
pub(super) fn year_end(year: i16) -> (Date, Date) {
    (date(year, 12, 20), date(year + 1, 1, 5))
}

/// Whether `d` falls in a year's end.
pub(super) fn in_year_end(d: Date) -> bool {
    let (from, to) = year_end(if d.month() == 12 { d.year() } else { d.year() - 1 });
    (from..=to).contains(&d)
}

/// Whether day `d` falls in the fortnight of the Toussaint school holidays, give or take a few
/// days (from 17 October to 8 November).
pub(super) fn in_toussaint_holidays(d: Date) -> bool {
    (d.month() == 10 && d.day() >= 17) || (d.month() == 11 && d.day() <= 8)
}
