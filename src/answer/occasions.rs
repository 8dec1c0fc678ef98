//! The special days a town's services keep, known by the words of their reasons ("concours des
//! volailles fines", "fête des gaudes"), and the day a caller means by naming one: "pour le
//! printemps des poètes, la bibliothèque ouvre à quelle heure ?" asks of that Saturday.

use jiff::civil::{Date, Weekday};

use super::hours_answer::is_hours_word;
use super::intent::Words;
use super::normalize::{is_stopword, tokens};
use super::timeexpr::is_time_word;
use super::town::{weekday_from_name, Service};

/// Words of the calendar that the time expressions read, or that any season's reason says.
const CALENDAR: &[&str] = &[
    "vacances",
    "conges",
    "fete",
    "fetes",
    "ete",
    "rentree",
    "veille",
    "lendemain",
    "saint",
    "sainte",
    "tard",
    "tot",
    "plus",
    "moins",
    "longtemps",
    "exceptionnellement",
    "habituels",
    "habituelles",
    "continu",
    "continue",
    "debut",
    "nouvel",
    "nouvelle",
    "reveillon",
    "ends",
    "weekends",
    "pont",
    "fin",
    "annee",
    "an",
    "saison",
    "journee",
    "jours",
    "semaines",
    "matins",
    "soirs",
    "nuit",
    "tous",
    "toute",
    "seulement",
    "exceptionnel",
    "exceptionnelle",
];

/// Whether a word of a reason may tell its occasion from a season or a holiday.
fn telling(x: &str) -> bool {
    !is_time_word(x) && !is_hours_word(x) && !CALENDAR.contains(&x)
}

/// One special day or span of a service, by the content words of its reason.
#[derive(Debug, Clone)]
pub struct Occasion {
    /// The service (an index into the town's services).
    pub service: usize,
    /// The reason's content words, two or more.
    pub words: Vec<String>,
    /// Those of them that are neither a day's nor an opening's word nor one of the service's
    /// names ("gaudes" of "fête des gaudes"; not "marché" nor "Noël" of "marché de Noël").
    pub own: Vec<String>,
    /// First day.
    pub from: Date,
    /// Last day (inclusive).
    pub to: Date,
}

/// Every exception of the services whose reason has two content words or more.
pub fn occasions(services: &[Service]) -> Vec<Occasion> {
    let content = |text: &str| tokens(text).into_iter().filter(|t| !is_stopword(t)).collect::<Vec<String>>();
    let mut out = Vec::new();
    for (service, s) in services.iter().enumerate() {
        let names: Vec<String> = std::iter::once(&s.name).chain(&s.aliases).flat_map(|n| content(n)).collect();
        for e in &s.exceptions {
            let Some(reason) = e.reason.as_deref() else { continue };
            let words = content(reason);
            if words.len() >= 2 {
                let own = words.iter().filter(|x| telling(x) && !names.contains(x)).cloned().collect();
                out.push(Occasion { service, words, own, from: e.from, to: e.to });
            }
        }
    }
    out
}

/// The services one of whose occasions the words name whole, each once.
pub fn services_named(occasions: &[Occasion], w: &Words) -> Vec<usize> {
    let mut out: Vec<usize> = occasions.iter().filter(|o| o.words.iter().all(|x| w.has(x))).map(|o| o.service).collect();
    out.dedup();
    out
}

/// An occasion the words name, as [`named`] finds it.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// Its day on or after today (today while it is under way).
    pub date: Date,
    /// The words of its reason.
    pub words: &'a [String],
    /// The service that keeps it, when every occasion so named is that one service's.
    pub service: Option<usize>,
}

/// The occasion the words name, on or after `today`: two of its reason's words at least and more
/// than half of them ("le grand marché de Noël" of "grand marché de Noël avancé au mercredi"),
/// one of its own words among them ("les vacances de Noël" is a span the time words read). The
/// soonest occasion wins, then the one most fully said.
pub fn named<'a>(occasions: &'a [Occasion], w: &Words, today: Date) -> Option<Named<'a>> {
    let weekdays: Vec<Weekday> = w.t.iter().filter_map(|x| weekday_from_name(x)).collect();
    let found: Vec<(Date, usize, &Occasion)> = occasions
        .iter()
        .filter(|o| o.to >= today && o.own.iter().any(|x| w.has(x)))
        .filter_map(|o| {
            let said = o.words.iter().filter(|x| w.has(x)).count();
            let missing = o.words.len() - said;
            (said >= 2 && missing * 2 < o.words.len()).then_some((day_said(o, today, &weekdays), missing, o))
        })
        .collect();
    let (date, _, first) = found.iter().min_by_key(|(date, missing, _)| (*date, *missing))?;
    let service = found.iter().all(|(_, _, o)| o.service == first.service).then_some(first.service);
    Some(Named { date: *date, words: &first.words, service })
}

/// The occasion's first day on or after `today`, or its first day of a weekday said ("le lundi
/// de la ducasse" of a ducasse from Saturday to Monday).
fn day_said(o: &Occasion, today: Date, weekdays: &[Weekday]) -> Date {
    let first = o.from.max(today);
    let mut days = std::iter::successors(Some(first), |d| d.tomorrow().ok().filter(|n| *n <= o.to)).take(31);
    days.find(|d| weekdays.contains(&d.weekday())).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn occasion(service: usize, reason: &str, from: Date, to: Date) -> Occasion {
        let words: Vec<String> = tokens(reason).into_iter().filter(|t| !is_stopword(t)).collect();
        let own = words.iter().filter(|x| telling(x)).cloned().collect();
        Occasion { service, words, own, from, to }
    }

    #[test]
    fn an_occasion_named_gives_its_day() {
        let all = vec![
            occasion(0, "concours des volailles fines", date(2026, 12, 19), date(2026, 12, 19)),
            occasion(0, "concours des volailles fines", date(2027, 12, 18), date(2027, 12, 18)),
            occasion(1, "vacances de Noël", date(2026, 12, 19), date(2027, 1, 3)),
        ];
        let today = date(2027, 3, 1);
        let w = Words::new("le concours des volailles ouvre à quelle heure");
        assert_eq!(named(&all, &w, today).map(|n| (n.date, n.service)), Some((date(2027, 12, 18), Some(0))));
        // Only time words in common: the span is the time words' to read.
        assert!(named(&all, &Words::new("pendant les vacances de noel"), date(2026, 12, 1)).is_none());
        // One word of two is not enough.
        assert!(named(&all, &Words::new("le concours de belote"), today).is_none());
    }

    #[test]
    fn a_span_under_way_gives_today() {
        let all = vec![occasion(2, "travaux sur le pont bascule", date(2027, 3, 1), date(2027, 3, 6))];
        let w = Words::new("avec les travaux du pont bascule vous êtes ouverts");
        assert_eq!(named(&all, &w, date(2027, 3, 3)).map(|n| n.date), Some(date(2027, 3, 3)));
        assert!(named(&all, &w, date(2027, 3, 7)).is_none());
        assert_eq!(services_named(&all, &Words::new("les travaux du pont bascule")), vec![2]);
    }

    #[test]
    fn a_weekday_said_picks_its_day_in_the_span() {
        let all = vec![occasion(1, "fête du village : ouvert du samedi au lundi", date(2027, 9, 4), date(2027, 9, 6))];
        let day = |q: &str| named(&all, &Words::new(q), date(2027, 9, 1)).map(|n| n.date);
        assert_eq!(day("le lundi de la fête du village c'est ouvert"), Some(date(2027, 9, 6)));
        assert_eq!(day("pour la fête du village c'est ouvert"), Some(date(2027, 9, 4)));
        // A weekday the span does not hold leaves its first day.
        assert_eq!(day("le mercredi de la fête du village c'est ouvert"), Some(date(2027, 9, 4)));
    }
}
