//! Waste collection rules (sans-IO): every week, odd or even ISO weeks, the nth weekday of the month
//! or fixed dates; public holidays keep, move or cancel a passage. Also how a rule is said, and its
//! strict loading from the town file.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde::Deserialize;
use toml::Spanned;

use super::holidays::{holiday_name, HolidayRule};
use super::speak::{self, join_et, weekday_name};
use super::town::{weekday_from_name, Collection, Ctx, TownError};

/// Odd or even ISO weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parity {
    /// ISO weeks 1, 3, 5…
    Odd,
    /// ISO weeks 2, 4, 6…
    Even,
}

/// Which weekday of the month: first … fourth, or last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordinal {
    /// Days 1 to 7.
    First,
    /// Days 8 to 14.
    Second,
    /// Days 15 to 21.
    Third,
    /// Days 22 to 28.
    Fourth,
    /// The last seven days of the month.
    Last,
}

/// How often a round passes on its days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Only in odd or even ISO weeks.
    Weeks(Parity),
    /// Only the given weekdays of the month ("the first Monday").
    Monthly(Vec<Ordinal>),
    /// Only on these dates (sorted, unique).
    Dates(Vec<Date>),
}

/// What a public holiday does to a passage planned that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnHoliday {
    /// The collection takes place anyway.
    #[default]
    Kept,
    /// Moved to the next day that is neither a holiday nor a Sunday.
    NextDay,
    /// No collection that day.
    Cancelled,
}

/// When a collection round passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Collection days (may be empty with fixed dates).
    pub days: Vec<Weekday>,
    /// Every week, some weeks, some days of the month, or fixed dates.
    pub frequency: Frequency,
    /// The holiday policy.
    pub on_holiday: OnHoliday,
}

/// One planned passage and what becomes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// The day the rule gives.
    pub planned: Date,
    /// The day the collection really takes place; None when a holiday cancels it.
    pub date: Option<Date>,
}

impl Passage {
    /// The day it is about: the real day, or the planned day when cancelled.
    pub fn day(&self) -> Date {
        self.date.unwrap_or(self.planned)
    }
    /// A holiday moved or cancelled it.
    pub fn changed(&self) -> bool {
        self.date != Some(self.planned)
    }
}

impl Parity {
    /// "odd"/"even" (or "impaires"/"paires").
    pub fn parse(s: &str) -> Option<Parity> {
        match s.trim().to_lowercase().as_str() {
            "odd" | "impaires" => Some(Parity::Odd),
            "even" | "paires" => Some(Parity::Even),
            _ => None,
        }
    }
    fn holds(self, d: Date) -> bool {
        (d.iso_week_date().week() % 2 == 1) == (self == Parity::Odd)
    }
}

impl Ordinal {
    /// "first" … "fourth", "last" (or "premier" … "quatrième", "dernier").
    pub fn parse(s: &str) -> Option<Ordinal> {
        Some(match s.trim().to_lowercase().as_str() {
            "first" | "premier" => Ordinal::First,
            "second" | "deuxième" | "deuxieme" => Ordinal::Second,
            "third" | "troisième" | "troisieme" => Ordinal::Third,
            "fourth" | "quatrième" | "quatrieme" => Ordinal::Fourth,
            "last" | "dernier" => Ordinal::Last,
            _ => return None,
        })
    }
    fn holds(self, d: Date) -> bool {
        let n = (d.day() - 1) / 7;
        match self {
            Ordinal::First => n == 0,
            Ordinal::Second => n == 1,
            Ordinal::Third => n == 2,
            Ordinal::Fourth => n == 3,
            Ordinal::Last => d.day() + 7 > d.days_in_month(),
        }
    }
    fn spoken(self) -> &'static str {
        match self {
            Ordinal::First => "premier",
            Ordinal::Second => "deuxième",
            Ordinal::Third => "troisième",
            Ordinal::Fourth => "quatrième",
            Ordinal::Last => "dernier",
        }
    }
}

impl OnHoliday {
    /// "kept", "next-day" or "cancelled".
    pub fn parse(s: &str) -> Option<OnHoliday> {
        match s.trim().to_lowercase().as_str() {
            "kept" => Some(OnHoliday::Kept),
            "next-day" => Some(OnHoliday::NextDay),
            "cancelled" => Some(OnHoliday::Cancelled),
            _ => None,
        }
    }
}

impl Schedule {
    /// Every week on these days, whatever the holidays.
    pub fn weekly(days: Vec<Weekday>) -> Schedule {
        Schedule { days, frequency: Frequency::Weekly, on_holiday: OnHoliday::Kept }
    }

    /// Every week, whatever the holidays: the answer keeps its plain weekly form.
    pub fn is_weekly(&self) -> bool {
        self.frequency == Frequency::Weekly
    }

    /// The rule plans a passage on `d` (before any holiday policy).
    pub fn is_planned(&self, d: Date) -> bool {
        match &self.frequency {
            Frequency::Dates(ds) => ds.binary_search(&d).is_ok(),
            f => {
                self.days.contains(&d.weekday())
                    && match f {
                        Frequency::Weeks(p) => p.holds(d),
                        Frequency::Monthly(os) => os.iter().any(|o| o.holds(d)),
                        _ => true,
                    }
            }
        }
    }

    /// What the holiday policy makes of a passage planned on `planned`.
    pub fn passage(&self, planned: Date, holidays: HolidayRule) -> Passage {
        let off = |d: Date| holiday_name(d, holidays).is_some();
        if self.on_holiday == OnHoliday::Kept || !off(planned) {
            return Passage { planned, date: Some(planned) };
        }
        if self.on_holiday == OnHoliday::Cancelled {
            return Passage { planned, date: None };
        }
        let mut d = planned + 1.day();
        while off(d) || d.weekday() == Weekday::Sunday {
            d += 1.day();
        }
        Passage { planned, date: Some(d) }
    }
}

/// The next passages from `from` (included), in date order, until `n` of them take place; holiday
/// cancellations met on the way are included (their `date` is None).
pub fn next_collections(rule: &Schedule, from: Date, holidays: HolidayRule, n: usize) -> Vec<Passage> {
    // A passage planned a few days before `from` may be moved onto or after it.
    let start = from.saturating_sub(7.days());
    let planned: Box<dyn Iterator<Item = Date> + '_> = match &rule.frequency {
        Frequency::Dates(ds) => Box::new(ds.iter().copied().filter(move |d| *d >= start)),
        _ => {
            let end = from.saturating_add((40 * n as i64 + 14).days());
            Box::new(super::timeexpr::days_between(start, end).filter(|d| rule.is_planned(*d)))
        }
    };
    let mut out: Vec<Passage> = Vec::new();
    let mut latest = from;
    for day in planned {
        let taking_place = out.iter().filter(|p| p.date.is_some()).count();
        if taking_place >= n && day > latest {
            break;
        }
        let p = rule.passage(day, holidays);
        // Moved onto a day that already has a passage: one passage that day.
        if p.day() < from || p.date.is_some() && out.iter().any(|q| q.date == p.date) {
            continue;
        }
        latest = latest.max(p.day());
        out.push(p);
    }
    out.sort_by_key(|p| (p.day(), p.date.is_some()));
    let mut seen = 0;
    out.retain(|p| {
        let keep = seen < n;
        seen += usize::from(p.date.is_some());
        keep
    });
    out
}

/// The rule as said after "collecte des … :": "le lundi et le jeudi", "le mardi des semaines
/// impaires", "le premier lundi du mois", "le lundi 7 décembre et le lundi 1er mars 2027".
pub fn describe(rule: &Schedule, today: Date) -> String {
    let each: Vec<String> = rule.days.iter().map(|d| format!("le {}", weekday_name(*d))).collect();
    match &rule.frequency {
        Frequency::Weekly => join_et(&each),
        Frequency::Weeks(p) => format!("{} des semaines {}", join_et(&each), if *p == Parity::Odd { "impaires" } else { "paires" }),
        Frequency::Monthly(os) if rule.days.len() == 1 => {
            let nth: Vec<String> = os.iter().map(|o| format!("le {}", o.spoken())).collect();
            format!("{} {} du mois", join_et(&nth), weekday_name(rule.days[0]))
        }
        Frequency::Monthly(os) => {
            let all: Vec<String> = rule.days.iter().flat_map(|d| os.iter().map(move |o| format!("le {} {}", o.spoken(), weekday_name(*d)))).collect();
            format!("{} du mois", join_et(&all))
        }
        Frequency::Dates(ds) => {
            let upcoming: Vec<String> = ds.iter().filter(|d| **d >= today).map(|d| speak::date(*d, today)).collect();
            match upcoming.len() {
                0 => "à des dates fixes, toutes passées".to_string(),
                1..=3 => join_et(&upcoming),
                _ => format!("{}, puis d'autres dates", upcoming[..3].join(", ")),
            }
        }
    }
}

/// A `[[collection]]` table as written in the town file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCollection {
    kind: Spanned<String>,
    days: Option<Spanned<Vec<Spanned<String>>>>,
    streets: Spanned<Vec<String>>,
    note: Option<String>,
    weeks: Option<Spanned<String>>,
    monthly: Option<Spanned<Vec<Spanned<String>>>>,
    dates: Option<Spanned<Vec<Spanned<String>>>>,
    on_holiday: Option<Spanned<String>>,
}

impl Ctx<'_> {
    /// Validates the `i`-th collection round.
    pub(super) fn collection(&self, i: usize, c: RawCollection) -> Result<Collection, TownError> {
        let field = |f: &str| format!("collection[{i}].{f}");
        let mut days = Vec::new();
        for d in c.days.as_ref().map(|d| d.get_ref().as_slice()).unwrap_or_default() {
            let wd = weekday_from_name(d.get_ref())
                .ok_or_else(|| self.err(d.span(), &field("days"), format!("unknown day `{}` (expected monday … sunday)", d.get_ref())))?;
            if !days.contains(&wd) {
                days.push(wd);
            }
        }
        let frequency = self.frequency(&c, &days, &field)?;
        if days.is_empty() && !matches!(frequency, Frequency::Dates(_)) {
            let span = c.days.as_ref().map_or(c.kind.span(), |d| d.span());
            return Err(self.err(span, &field("days"), "no collection day (give `days`, or `dates` for fixed dates)"));
        }
        if c.streets.get_ref().is_empty() {
            return Err(self.err(c.streets.span(), &field("streets"), "no street"));
        }
        let on_holiday = match &c.on_holiday {
            None => OnHoliday::Kept,
            Some(h) => OnHoliday::parse(h.get_ref()).ok_or_else(|| {
                self.err(h.span(), &field("on_holiday"), format!("unknown value `{}` (expected \"kept\", \"next-day\" or \"cancelled\")", h.get_ref()))
            })?,
        };
        let schedule = Schedule { days, frequency, on_holiday };
        Ok(Collection { kind: c.kind.into_inner(), schedule, streets: c.streets.into_inner(), note: c.note })
    }

    /// At most one of `weeks`, `monthly` and `dates`; none means every week.
    fn frequency(&self, c: &RawCollection, days: &[Weekday], field: &dyn Fn(&str) -> String) -> Result<Frequency, TownError> {
        let given =
            [("weeks", c.weeks.as_ref().map(|w| w.span())), ("monthly", c.monthly.as_ref().map(|m| m.span())), ("dates", c.dates.as_ref().map(|d| d.span()))];
        let given: Vec<_> = given.into_iter().filter_map(|(name, span)| span.map(|s| (name, s))).collect();
        if let [(first, _), (second, span), ..] = given.as_slice() {
            return Err(self.err(span.clone(), &field(second), format!("give at most one of `weeks`, `monthly` and `dates` (`{first}` is already set)")));
        }
        if let Some(w) = &c.weeks {
            let p = Parity::parse(w.get_ref())
                .ok_or_else(|| self.err(w.span(), &field("weeks"), format!("unknown value `{}` (expected \"odd\" or \"even\")", w.get_ref())))?;
            return Ok(Frequency::Weeks(p));
        }
        if let Some(m) = &c.monthly {
            let mut os = Vec::new();
            for o in m.get_ref() {
                let v = Ordinal::parse(o.get_ref()).ok_or_else(|| {
                    let msg = format!("unknown value `{}` (expected \"first\", \"second\", \"third\", \"fourth\" or \"last\")", o.get_ref());
                    self.err(o.span(), &field("monthly"), msg)
                })?;
                if !os.contains(&v) {
                    os.push(v);
                }
            }
            if os.is_empty() {
                return Err(self.err(m.span(), &field("monthly"), "empty list (e.g. [\"first\"] for the first day of the month)"));
            }
            return Ok(Frequency::Monthly(os));
        }
        if let Some(ds) = &c.dates {
            let mut dates = Vec::new();
            for d in ds.get_ref() {
                let date = self.date(d, &field("dates"))?;
                if !days.is_empty() && !days.contains(&date.weekday()) {
                    let msg = format!("`{}` is a {}, not one of the collection days", d.get_ref(), weekday_name(date.weekday()));
                    return Err(self.err(d.span(), &field("dates"), msg));
                }
                dates.push(date);
            }
            if dates.is_empty() {
                return Err(self.err(ds.span(), &field("dates"), "empty list of dates"));
            }
            dates.sort();
            dates.dedup();
            return Ok(Frequency::Dates(dates));
        }
        Ok(Frequency::Weekly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use Weekday::*;

    fn rule(days: &[Weekday], frequency: Frequency, on_holiday: OnHoliday) -> Schedule {
        Schedule { days: days.to_vec(), frequency, on_holiday }
    }

    fn dates(r: &Schedule, from: Date, n: usize) -> Vec<Date> {
        next_collections(r, from, HolidayRule::France, n).iter().filter_map(|p| p.date).collect()
    }

    #[test]
    fn odd_and_even_iso_weeks_across_the_year_end() {
        assert_eq!(date(2026, 12, 28).iso_week_date().week(), 53);
        let odd = rule(&[Monday], Frequency::Weeks(Parity::Odd), OnHoliday::Kept);
        // Weeks 53 of 2026 and 1 of 2027 are both odd: two weeks running.
        assert_eq!(dates(&odd, date(2026, 12, 15), 3), [date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 18)]);
        let even = rule(&[Tuesday], Frequency::Weeks(Parity::Even), OnHoliday::Kept);
        assert_eq!(dates(&even, date(2026, 12, 15), 3), [date(2026, 12, 22), date(2027, 1, 12), date(2027, 1, 26)]);
    }

    #[test]
    fn first_and_last_weekday_of_the_month() {
        let first = rule(&[Monday], Frequency::Monthly(vec![Ordinal::First]), OnHoliday::Kept);
        assert_eq!(dates(&first, date(2026, 11, 3), 3), [date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1)]);
        let last = rule(&[Monday], Frequency::Monthly(vec![Ordinal::Last]), OnHoliday::Kept);
        assert_eq!(dates(&last, date(2026, 11, 30), 3), [date(2026, 11, 30), date(2026, 12, 28), date(2027, 1, 25)]);
        let two = rule(&[Thursday], Frequency::Monthly(vec![Ordinal::Second, Ordinal::Fourth]), OnHoliday::Kept);
        assert_eq!(dates(&two, date(2026, 7, 1), 3), [date(2026, 7, 9), date(2026, 7, 23), date(2026, 8, 13)]);
    }

    #[test]
    fn holidays_move_or_cancel() {
        // 25 December 2026 and 1 January 2027 are Fridays.
        let next = rule(&[Friday], Frequency::Weekly, OnHoliday::NextDay);
        let got = next_collections(&next, date(2026, 12, 21), HolidayRule::France, 3);
        assert_eq!(got[0], Passage { planned: date(2026, 12, 25), date: Some(date(2026, 12, 26)) });
        assert_eq!(got[1], Passage { planned: date(2027, 1, 1), date: Some(date(2027, 1, 2)) });
        assert_eq!(got[2].date, Some(date(2027, 1, 8)));
        // Asked on the Saturday itself: the moved passage is today's.
        assert_eq!(dates(&next, date(2026, 12, 26), 1), [date(2026, 12, 26)]);
        // A Saturday holiday moves past the Sunday; Alsace-Moselle's 26 December is a holiday too.
        let sat = rule(&[Saturday], Frequency::Weekly, OnHoliday::NextDay);
        assert_eq!(dates(&sat, date(2026, 8, 10), 1), [date(2026, 8, 17)]);
        let fri = next_collections(&next, date(2026, 12, 21), HolidayRule::AlsaceMoselle, 1);
        assert_eq!(fri[0].date, Some(date(2026, 12, 28)));
        let kept = rule(&[Friday], Frequency::Weekly, OnHoliday::Kept);
        assert_eq!(dates(&kept, date(2026, 12, 21), 1), [date(2026, 12, 25)]);
        let cancelled = rule(&[Friday], Frequency::Weekly, OnHoliday::Cancelled);
        let got = next_collections(&cancelled, date(2026, 12, 21), HolidayRule::France, 1);
        assert_eq!(
            got,
            [
                Passage { planned: date(2026, 12, 25), date: None },
                Passage { planned: date(2027, 1, 1), date: None },
                Passage { planned: date(2027, 1, 8), date: Some(date(2027, 1, 8)) }
            ]
        );
        assert!(got[0].changed() && !got[2].changed());
    }

    #[test]
    fn a_moved_passage_merges_with_one_that_day() {
        let r = rule(&[Monday, Tuesday], Frequency::Weekly, OnHoliday::NextDay);
        // Easter Monday 2026-04-06 moves onto Tuesday 7, which already has a passage.
        assert_eq!(dates(&r, date(2026, 4, 6), 3), [date(2026, 4, 7), date(2026, 4, 13), date(2026, 4, 14)]);
    }

    #[test]
    fn fixed_dates_skip_the_past() {
        let r = rule(&[], Frequency::Dates(vec![date(2026, 12, 7), date(2027, 3, 1)]), OnHoliday::Kept);
        assert_eq!(dates(&r, date(2026, 12, 8), 3), [date(2027, 3, 1)]);
        assert_eq!(dates(&r, date(2026, 12, 7), 1), [date(2026, 12, 7)]);
        assert!(dates(&r, date(2027, 3, 2), 3).is_empty());
        assert_eq!(describe(&r, date(2026, 11, 1)), "le lundi 7 décembre et le lundi 1er mars 2027");
        assert_eq!(describe(&r, date(2027, 3, 2)), "à des dates fixes, toutes passées");
    }

    #[test]
    fn rules_said_in_french() {
        let today = date(2026, 7, 8);
        assert_eq!(describe(&Schedule::weekly(vec![Monday, Thursday]), today), "le lundi et le jeudi");
        assert_eq!(describe(&rule(&[Tuesday], Frequency::Weeks(Parity::Odd), OnHoliday::Kept), today), "le mardi des semaines impaires");
        assert_eq!(describe(&rule(&[Monday], Frequency::Monthly(vec![Ordinal::First]), OnHoliday::Kept), today), "le premier lundi du mois");
        let two = rule(&[Monday], Frequency::Monthly(vec![Ordinal::Second, Ordinal::Fourth]), OnHoliday::Kept);
        assert_eq!(describe(&two, today), "le deuxième et le quatrième lundi du mois");
        let days = rule(&[Monday, Friday], Frequency::Monthly(vec![Ordinal::Last]), OnHoliday::Kept);
        assert_eq!(describe(&days, today), "le dernier lundi et le dernier vendredi du mois");
    }
}
