//! Opening hours logic: the hours of a given day (weekly, exceptions, public holidays), open at a
//! moment, next opening.

use jiff::civil::{Date, Time};
use jiff::ToSpan;

use super::holidays::{holiday_name, HolidayRule};
use super::town::{Range, Service};

/// Why a day's hours differ from the usual week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Special {
    /// A dated exception, with its optional reason.
    Exception(Option<String>),
    /// A public holiday, with its name.
    Holiday(&'static str),
}

/// The hours of one service on one date.
#[derive(Debug, Clone)]
pub struct DayHours {
    /// Opening ranges, sorted (empty: closed all day).
    pub ranges: Vec<Range>,
    /// Set when the day is not the usual week.
    pub special: Option<Special>,
}

/// The hours of `service` on `day`, applying exceptions first, then public holidays.
pub fn day_hours(service: &Service, day: Date, rule: HolidayRule) -> DayHours {
    if let Some(e) = service.exceptions.iter().find(|e| e.from <= day && day <= e.to) {
        return DayHours { ranges: e.hours.clone(), special: Some(Special::Exception(e.reason.clone())) };
    }
    if service.closed_on_holidays {
        if let Some(name) = holiday_name(day, rule) {
            return DayHours { ranges: Vec::new(), special: Some(Special::Holiday(name)) };
        }
    }
    let idx = day.weekday().to_monday_zero_offset() as usize;
    DayHours { ranges: service.week[idx].clone(), special: None }
}

/// The range open at `time` on `day`, if any.
pub fn open_range(service: &Service, day: Date, time: Time, rule: HolidayRule) -> Option<Range> {
    day_hours(service, day, rule).ranges.into_iter().find(|r| r.start <= time && time < r.end)
}

/// The next opening strictly after (`day`, `time`), looking up to a year ahead.
pub fn next_opening(service: &Service, day: Date, time: Time, rule: HolidayRule) -> Option<(Date, Time)> {
    let mut d = day;
    for i in 0..=366 {
        let h = day_hours(service, d, rule);
        for r in &h.ranges {
            if i > 0 || r.start > time {
                return Some((d, r.start));
            }
        }
        d = d.checked_add(1.day()).ok()?;
    }
    None
}

/// Whether the service has any opening in its week, exceptions aside.
pub fn ever_open(service: &Service) -> bool {
    service.week.iter().any(|d| !d.is_empty()) || service.exceptions.iter().any(|e| !e.hours.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::town::Town;
    use jiff::civil::{date, time};

    const T: &str = r#"
[town]
name = "Testville"
timezone = "Europe/Paris"
operator = "accueil"
[[service]]
id = "accueil"
name = "l'accueil"
hours.monday = ["08:30-12:00", "13:30-17:30"]
hours.friday = ["08:30-12:00"]
[[service.exception]]
from = "2026-12-21"
to = "2026-12-22"
hours = ["09:00-11:00"]
reason = "inventaire"
[[service]]
id = "piscine"
name = "la piscine"
closed_on_holidays = false
hours.monday = ["10:00-12:00"]
"#;

    fn town() -> Town {
        Town::parse(T, "t.toml").unwrap()
    }

    #[test]
    fn weekly_exception_and_holiday() {
        let t = town();
        let a = &t.services[0];
        // Monday 2026-12-14: usual hours.
        let h = day_hours(a, date(2026, 12, 14), HolidayRule::France);
        assert_eq!(h.ranges.len(), 2);
        assert!(h.special.is_none());
        // Monday 2026-12-21: exception.
        let h = day_hours(a, date(2026, 12, 21), HolidayRule::France);
        assert_eq!(h.ranges, vec![Range { start: time(9, 0, 0, 0), end: time(11, 0, 0, 0) }]);
        assert_eq!(h.special, Some(Special::Exception(Some("inventaire".into()))));
        // Easter Monday 2026-04-06: closed for the holiday.
        let h = day_hours(a, date(2026, 4, 6), HolidayRule::France);
        assert!(h.ranges.is_empty());
        assert_eq!(h.special, Some(Special::Holiday("le lundi de Pâques")));
        // The pool ignores holidays.
        assert_eq!(day_hours(&t.services[1], date(2026, 4, 6), HolidayRule::France).ranges.len(), 1);
    }

    #[test]
    fn open_at_and_next_opening_across_week_end() {
        let t = town();
        let a = &t.services[0];
        assert!(open_range(a, date(2026, 12, 14), time(9, 0, 0, 0), HolidayRule::France).is_some());
        assert!(open_range(a, date(2026, 12, 14), time(12, 30, 0, 0), HolidayRule::France).is_none());
        assert!(open_range(a, date(2026, 12, 14), time(17, 30, 0, 0), HolidayRule::France).is_none());
        // Lunch break: reopens the same day.
        assert_eq!(next_opening(a, date(2026, 12, 14), time(12, 30, 0, 0), HolidayRule::France), Some((date(2026, 12, 14), time(13, 30, 0, 0))));
        // Friday afternoon → next Monday (exception day, 9:00).
        assert_eq!(next_opening(a, date(2026, 12, 18), time(14, 0, 0, 0), HolidayRule::France), Some((date(2026, 12, 21), time(9, 0, 0, 0))));
        // Saturday before Easter Monday → Friday after (Monday is a holiday).
        assert_eq!(next_opening(a, date(2026, 4, 4), time(10, 0, 0, 0), HolidayRule::France), Some((date(2026, 4, 10), time(8, 30, 0, 0))));
    }
}
