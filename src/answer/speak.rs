//! Writing for the ear: times ("8 h 30"), dates ("le lundi 14 juillet"), hour lists, short sentences.

use jiff::civil::{Date, Time, Weekday};

use super::town::Range;

/// French name of a weekday.
pub fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Monday => "lundi",
        Weekday::Tuesday => "mardi",
        Weekday::Wednesday => "mercredi",
        Weekday::Thursday => "jeudi",
        Weekday::Friday => "vendredi",
        Weekday::Saturday => "samedi",
        Weekday::Sunday => "dimanche",
    }
}

const MONTHS: [&str; 12] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// A time as written for the French TTS normaliser: "8 h 30", "12 h".
pub fn time(t: Time) -> String {
    if t.hour() == 23 && t.minute() == 59 {
        return "minuit".to_string();
    }
    if t.minute() == 0 {
        format!("{} h", t.hour())
    } else {
        format!("{} h {:02}", t.hour(), t.minute())
    }
}

/// A date as spoken: "le lundi 14 juillet" (the year only when not the current one).
pub fn date(d: Date, today: Date) -> String {
    let mut s = format!("le {} {}", weekday_name(d.weekday()), day_month(d));
    if d.year() != today.year() && (d - today).get_days().abs() > 60 {
        s.push_str(&format!(" {}", d.year()));
    }
    s
}

/// A day of the year without its weekday: "19 décembre", "1er mai".
pub fn day_month(d: Date) -> String {
    let day = if d.day() == 1 { "1er".to_string() } else { d.day().to_string() };
    format!("{day} {}", MONTHS[(d.month() - 1) as usize])
}

/// A date relative to today: "aujourd'hui jeudi 24 décembre", "demain, le vendredi 25
/// décembre", else "le lundi 14 juillet": the date said too, which the caller may not have in mind.
pub fn relative_date(d: Date, today: Date) -> String {
    if d == today {
        format!("aujourd'hui {} {}", weekday_name(d.weekday()), day_month(d))
    } else if Some(d) == today.tomorrow().ok() {
        format!("demain, {}", date(d, today))
    } else {
        date(d, today)
    }
}

/// Opening ranges as spoken: "de 8 h 30 à 12 h et de 13 h 30 à 17 h 30".
pub fn ranges(rs: &[Range]) -> String {
    let parts: Vec<String> = rs.iter().map(|r| format!("de {} à {}", time(r.start), time(r.end))).collect();
    join_et(&parts)
}

/// Joins items with commas and a final "et".
pub fn join_et(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} et {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// "a, b ou c".
pub fn join_ou(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} ou {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// A weekly schedule, grouping days with the same hours: "du lundi au vendredi de 9 h à 12 h, et le samedi de 9 h à 12 h".
pub fn week(week: &[Vec<Range>; 7]) -> String {
    let days = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];
    let mut groups: Vec<(Vec<usize>, &Vec<Range>)> = Vec::new();
    for (i, r) in week.iter().enumerate() {
        if r.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, g)| *g == r) {
            Some((v, _)) => v.push(i),
            None => groups.push((vec![i], r)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(idx, r)| {
            let contiguous = idx.windows(2).all(|w| w[1] == w[0] + 1);
            let d = if idx.len() >= 3 && contiguous {
                format!("du {} au {}", weekday_name(days[idx[0]]), weekday_name(days[*idx.last().unwrap()]))
            } else {
                let names: Vec<String> = idx.iter().map(|&i| format!("le {}", weekday_name(days[i]))).collect();
                join_et(&names)
            };
            format!("{} {}", d, ranges(r))
        })
        .collect();
    if parts.len() <= 1 {
        parts.join("")
    } else {
        format!("{}, et {}", parts[..parts.len() - 1].join(", "), parts[parts.len() - 1])
    }
}

/// Capitalises the first letter of a sentence.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "de" before a name, contracted with its article: "du service", "des services", "de la mairie".
pub fn of(name: &str) -> String {
    let n = name.trim();
    let lower = n.to_lowercase();
    if let Some(rest) = lower.strip_prefix("le ").map(|_| &n[3..]) {
        format!("du {rest}")
    } else if let Some(rest) = lower.strip_prefix("les ").map(|_| &n[4..]) {
        format!("des {rest}")
    } else {
        format!("de {n}")
    }
}

/// Splits a text into sentences (on ". ", "? ", "! ").
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        if matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            let s = cur.trim().to_string();
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.trim().to_string();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date as d, time as t};

    #[test]
    fn of_contracts_the_article() {
        assert_eq!(of("le service environnement"), "du service environnement");
        assert_eq!(of("les services techniques"), "des services techniques");
        assert_eq!(of("la mairie"), "de la mairie");
        assert_eq!(of("l'école"), "de l'école");
        assert_eq!(of("Le Bureau du port"), "du Bureau du port");
    }

    #[test]
    fn times_and_dates_for_the_ear() {
        assert_eq!(time(t(8, 30, 0, 0)), "8 h 30");
        assert_eq!(time(t(12, 0, 0, 0)), "12 h");
        assert_eq!(time(t(9, 5, 0, 0)), "9 h 05");
        assert_eq!(date(d(2026, 7, 14), d(2026, 7, 1)), "le mardi 14 juillet");
        assert_eq!(date(d(2026, 9, 1), d(2026, 7, 1)), "le mardi 1er septembre");
    }

    #[test]
    fn week_grouping() {
        let r = |a: i8, b: i8| Range { start: t(a, 0, 0, 0), end: t(b, 0, 0, 0) };
        let mut w: [Vec<Range>; 7] = Default::default();
        for day in w.iter_mut().take(5) {
            *day = vec![r(9, 12), r(14, 17)];
        }
        w[5] = vec![r(9, 12)];
        assert_eq!(week(&w), "du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h, et le samedi de 9 h à 12 h");
        assert_eq!(sentences("Un. Deux ? Trois 3.5 ok !"), vec!["Un.", "Deux ?", "Trois 3.5 ok !"]);
    }
}
