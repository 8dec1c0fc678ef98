//! Public holidays of France and Alsace-Moselle, computed for any year (fixed and Easter-based).

use jiff::civil::{date, Date};
use jiff::ToSpan;

/// Which public holidays apply to a town.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    /// The eleven national holidays.
    France,
    /// National holidays plus Good Friday and 26 December.
    AlsaceMoselle,
    /// No public holidays.
    None,
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

/// All public holidays of a year under a rule, with their French names, in date order.
pub fn holidays(year: i16, rule: HolidayRule) -> Vec<(Date, &'static str)> {
    if rule == HolidayRule::None {
        return Vec::new();
    }
    let e = easter(year);
    let mut v = vec![
        (date(year, 1, 1), "le jour de l'an"),
        (e + 1.day(), "le lundi de Pâques"),
        (date(year, 5, 1), "la fête du Travail"),
        (date(year, 5, 8), "le 8 mai"),
        (e + 39.days(), "l'Ascension"),
        (e + 50.days(), "le lundi de Pentecôte"),
        (date(year, 7, 14), "la fête nationale"),
        (date(year, 8, 15), "l'Assomption"),
        (date(year, 11, 1), "la Toussaint"),
        (date(year, 11, 11), "le 11 novembre"),
        (date(year, 12, 25), "Noël"),
    ];
    if rule == HolidayRule::AlsaceMoselle {
        v.push((e - 2.days(), "le Vendredi saint"));
        v.push((date(year, 12, 26), "la Saint-Étienne"));
    }
    v.sort_by_key(|(d, _)| *d);
    v
}

/// The holiday's name when `day` is a public holiday under `rule`.
pub fn holiday_name(day: Date, rule: HolidayRule) -> Option<&'static str> {
    holidays(day.year(), rule).into_iter().find(|(d, _)| *d == day).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), date(2024, 3, 31));
        assert_eq!(easter(2025), date(2025, 4, 20));
        assert_eq!(easter(2026), date(2026, 4, 5));
        assert_eq!(easter(2027), date(2027, 3, 28));
        assert_eq!(easter(2038), date(2038, 4, 25));
        assert_eq!(easter(2000), date(2000, 4, 23));
        assert_eq!(easter(1818), date(1818, 3, 22));
    }

    #[test]
    fn france_has_eleven_and_moveable_feasts() {
        let h = holidays(2026, HolidayRule::France);
        assert_eq!(h.len(), 11);
        assert_eq!(holiday_name(date(2026, 4, 6), HolidayRule::France), Some("le lundi de Pâques"));
        assert_eq!(holiday_name(date(2026, 5, 14), HolidayRule::France), Some("l'Ascension"));
        assert_eq!(holiday_name(date(2026, 5, 25), HolidayRule::France), Some("le lundi de Pentecôte"));
        assert_eq!(holiday_name(date(2026, 7, 14), HolidayRule::France), Some("la fête nationale"));
        assert_eq!(holiday_name(date(2026, 4, 3), HolidayRule::France), None);
        assert_eq!(holiday_name(date(2026, 12, 26), HolidayRule::France), None);
    }

    #[test]
    fn alsace_moselle_extras() {
        assert_eq!(holidays(2026, HolidayRule::AlsaceMoselle).len(), 13);
        assert_eq!(holiday_name(date(2026, 4, 3), HolidayRule::AlsaceMoselle), Some("le Vendredi saint"));
        assert_eq!(holiday_name(date(2025, 4, 18), HolidayRule::AlsaceMoselle), Some("le Vendredi saint"));
        assert_eq!(holiday_name(date(2026, 12, 26), HolidayRule::AlsaceMoselle), Some("la Saint-Étienne"));
        assert!(holidays(2026, HolidayRule::None).is_empty());
    }
}
