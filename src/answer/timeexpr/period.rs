//! Spans of days named without a day: a month, the year's end feasts, a week, the summer.

use jiff::civil::Date;
use jiff::ToSpan;

use super::calendar::{in_year_end, month, next_week, this_week, year_end};
use super::{Moment, When};

/// A span of days named without a day ("en août", "pendant les fêtes", "cet été"): its first
/// day, the next such span that has not ended, or when `past` the last one begun.
pub(super) fn period(t: &[String], today: Date, past: bool) -> Option<When> {
    let at = |i: usize| t.get(i).map(String::as_str).unwrap_or("");
    let span =
        |from: (i16, i8, i8), to: (i16, i8, i8)| -> Option<(Date, Date)> { Some((Date::new(from.0, from.1, from.2).ok()?, Date::new(to.0, to.1, to.2).ok()?)) };
    let next = |f: &dyn Fn(i16) -> Option<(Date, Date)>| -> Option<When> {
        if past {
            let (from, to) = [today.year(), today.year() - 1].into_iter().filter_map(f).find(|(from, _)| *from <= today)?;
            return Some(When { date: from, moment: Moment::Period(to) });
        }
        let (from, to) = [today.year() - 1, today.year(), today.year() + 1].into_iter().filter_map(f).find(|(_, to)| *to >= today)?;
        Some(When { date: from.max(today), moment: Moment::Period(to) })
    };
    for i in 0..t.len() {
        let w = at(i);
        // "en août", "au mois d'août", "fin juillet"; not "le 3 août" (a date, read above).
        if let Some(m) = month(w) {
            if at(i.wrapping_sub(1)).parse::<i8>().is_err() {
                return next(&|y| {
                    let from = Date::new(y, m, 1).ok()?;
                    Some((from, from.last_of_month()))
                });
            }
        }
        // "après les fêtes" said in the month after them: from today, not after next year's.
        let just_over = |end: Date| today > end && today <= end + 31.days();
        if w == "fetes" && at(i.wrapping_sub(1)) == "les" && at(i.wrapping_sub(2)) == "apres" && !past && just_over(year_end(today.year() - 1).1) {
            return Some(When { date: today, moment: Moment::Period(today + 13.days()) });
        }
        // "pendant les fêtes", "entre les fêtes", "les fêtes de fin d'année": the year's end.
        // "c'est les fêtes là" said in August: the town's own feast under way, no date asked.
        let stated_now = at(i.wrapping_sub(2)) == "est" && at(i.wrapping_sub(3)) == "c" && !in_year_end(today) && at(i + 2) != "fin";
        // Not "la salle des fêtes", "le comité des fêtes": "des" only after a word of time.
        let of_time = at(i.wrapping_sub(1)) == "les" || matches!(at(i.wrapping_sub(2)), "periode" | "moment" | "veille" | "lendemain" | "temps" | "fin");
        if w == "fetes" && of_time && !stated_now && matches!(at(i.wrapping_sub(1)), "les" | "des") && !matches!(at(i + 1), "du" | "de" if at(i + 2) != "fin") {
            return next(&|y| Some(year_end(y)));
        }
        // "cette semaine": to Sunday; "la semaine prochaine": Monday to Sunday.
        if w == "semaine" && at(i.wrapping_sub(1)) == "cette" && !past {
            let (from, to) = this_week(today);
            return Some(When { date: from, moment: Moment::Period(to) });
        }
        if w == "semaine" && (at(i + 1) == "prochaine" || at(i.wrapping_sub(1)) == "prochaine") && !past {
            let (from, to) = next_week(today);
            return Some(When { date: from, moment: Moment::Period(to) });
        }
        // "pendant les grandes vacances", "les vacances d'été": the summer; "après les grandes
        // vacances", "après l'été": the first of September.
        let summer_holidays = (w == "grandes" && at(i + 1) == "vacances") || (w == "vacances" && at(i + 1) == "d" && at(i + 2) == "ete");
        let after_summer = at(i.wrapping_sub(1)) == "apres" && (w == "l" && at(i + 1) == "ete" || w == "les" && matches!(at(i + 1), "grandes" | "vacances"));
        // Said in the summer or after it, the closure under way or gone: from now.
        if after_summer && (at(i + 1) == "ete" || at(i + 1) == "grandes" || at(i + 2) == "d") && !past && today.month() < 7 {
            return Date::new(today.year(), 9, 1).ok().map(|date| When { date, moment: Moment::Day });
        }
        // "après les grandes vacances" said in or after the summer: no span (from now).
        let after_them = at(i.wrapping_sub(1)) == "les" && at(i.wrapping_sub(2)) == "apres";
        if summer_holidays && !after_them {
            return next(&|y| span((y, 7, 1), (y, 8, 31)));
        }
        // "cet été", "pendant l'été", "en été" (not "j'ai été").
        if w == "ete" && matches!(at(i.wrapping_sub(1)), "cet" | "en") || (w == "ete" && at(i.wrapping_sub(1)) == "l" && at(i.wrapping_sub(2)) == "pendant") {
            return next(&|y| span((y, 7, 1), (y, 8, 31)));
        }
        // "en hiver", "cet hiver", "pendant l'hiver", "les horaires d'hiver"; the spring and the autumn too.
        let season_said = matches!(at(i.wrapping_sub(1)), "cet" | "en" | "au" | "d")
            || (at(i.wrapping_sub(1)) == "l" && matches!(at(i.wrapping_sub(2)), "pendant" | "durant" | "tout"));
        // Not "il reprend quand au printemps ?": the next opening, from now.
        let reopen = t.iter().any(|x| super::is_reopen_word(x)) || super::back_from_leave(t);
        if season_said && !reopen {
            match w {
                "hiver" => return next(&|y| span((y, 12, 21), (y + 1, 3, 20))),
                "printemps" => return next(&|y| span((y, 3, 20), (y, 6, 20))),
                "automne" => return next(&|y| span((y, 9, 22), (y, 12, 20))),
                _ => {}
            }
        }
    }
    None
}
