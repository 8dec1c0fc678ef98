//! What kind of fact a question asks for (a price, a time of day, a day or a delay, a phone
//! number, a measure, an age) and which kinds an answer tells, so that an entry that tells what
//! is asked counts for more than one that only shares its subject.

use super::intent::{asks_phone, asks_whom_to_call, Words};
use super::normalize::tokens;
use super::streets::is_common_type;
use super::timeexpr::month;
use super::town::weekday_from_name;

/// A set of kinds of fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    /// A price or that it is free.
    pub const PRICE: Kinds = Kinds(1);
    /// A time of day.
    pub const CLOCK: Kinds = Kinds(2);
    /// A day, a date, a month or a delay.
    pub const WHEN: Kinds = Kinds(4);
    /// A phone number.
    pub const PHONE: Kinds = Kinds(8);
    /// A length or a surface.
    pub const MEASURE: Kinds = Kinds(16);
    /// An age.
    pub const AGE: Kinds = Kinds(32);

    /// Whether no kind is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share a kind.
    pub fn meets(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    fn with(self, k: Kinds, on: bool) -> Kinds {
        if on {
            Kinds(self.0 | k.0)
        } else {
            self
        }
    }
}

/// The kinds of fact a question asks for ("ça coûte combien": a price; "jusqu'à quelle heure": a
/// time of day); empty when it asks for none in particular ("comment on fait").
pub fn asked(w: &Words) -> Kinds {
    let price = w.any(&["prix", "tarif", "tarifs", "coute", "coutent", "couter", "coutera", "payant", "payante", "gratuit", "gratuite"])
        || w.any_phrase(&[
            "c est combien",
            "ca fait combien",
            "combien ca",
            "combien pour",
            "combien d euros",
            "combien par",
            "payer combien",
            "paie combien",
            "paye combien",
            "combien je paie",
            "combien on paie",
            "combien je paye",
            "combien on paye",
        ]);
    let clock = w.phrase("quelle heure");
    let when =
        w.any(&["quand", "delai", "delais"]) || w.any_phrase(&["quel jour", "quels jours", "quelle date", "quel mois", "combien de temps", "en combien"]);
    let phone = asks_phone(w) || asks_whom_to_call(w);
    let measure = w.any(&["hauteur", "haut", "distance", "metres", "largeur"]) || w.any_phrase(&["jusqu ou", "a quelle distance"]);
    let age = w.any_phrase(&["quel age", "quelle age", "combien d ans", "partir de quel"]);
    Kinds::default()
        .with(Kinds::PRICE, price)
        .with(Kinds::CLOCK, clock)
        .with(Kinds::WHEN, when)
        .with(Kinds::PHONE, phone)
        .with(Kinds::MEASURE, measure)
        .with(Kinds::AGE, age)
}

/// Whether a text tells a short phone number ("au 3949", "appelez le 17").
pub fn tells_short_number(text: &str) -> bool {
    let t = tokens(text);
    let word = |i: usize| t.get(i).map_or("", String::as_str);
    let short = |x: &str| (2..=4).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit());
    // Not "du 1er au 15 août", "au 12 rue de la Gare", "jusqu'au 31/12", "le 15 à 9 h".
    let counted = |x: &str| {
        month(x).is_some()
            || is_common_type(x)
            || (!x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
            || matches!(x, "h" | "heures" | "heure" | "euros" | "euro" | "jours" | "ans" | "mois" | "minutes" | "metres" | "km" | "personnes" | "bis")
    };
    (0..t.len()).any(|i| {
        let at = match word(i) {
            "au" | "numero" => i + 1,
            "composez" | "appelez" | "appeler" | "composer" if word(i + 1) == "le" => i + 2,
            _ => return false,
        };
        short(word(at)) && !counted(word(at + 1))
    })
}

/// The kinds of fact a text tells (an FAQ answer).
pub fn told(text: &str) -> Kinds {
    let t = tokens(text);
    let number = |x: &String| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    let has = |ws: &[&str]| t.iter().any(|x| ws.contains(&x.as_str()));
    let price = has(&["euro", "euros", "centimes", "gratuit", "gratuite", "gratuits", "gratuites", "gratuitement", "payant", "payante"]);
    let clock = tells_clock_time(&t);
    const SPANS: &[&str] = &["jour", "jours", "semaine", "semaines", "mois", "an", "ans", "annee", "heures"];
    let when = t.iter().any(|x| month(x).is_some() || weekday_from_name(x.trim_end_matches('s')).is_some())
        || t.windows(2).any(|p| number(&p[0]) && SPANS.contains(&p[1].as_str()));
    // "04 90 78 54 00", "0 800 40 59 62": four numbers or more in a row, the first from 0.
    let phone = t.windows(4).any(|p| p.iter().all(number) && p[0].starts_with('0'));
    let measure = has(&["metre", "metres", "m2", "centimetres", "kilometres", "km"]);
    let age = t.windows(2).any(|p| number(&p[0]) && p[1] == "ans");
    Kinds::default()
        .with(Kinds::PRICE, price)
        .with(Kinds::CLOCK, clock)
        .with(Kinds::WHEN, when)
        .with(Kinds::PHONE, phone)
        .with(Kinds::MEASURE, measure)
        .with(Kinds::AGE, age)
}

/// Whether normalised words tell a time of day ("9 h", "18 h 30", "7 heures 45", "à 22 heures",
/// "5 heures du matin"), not a delay ("dans les 24 heures", "48 heures avant").
pub fn tells_clock_time(t: &[String]) -> bool {
    let number = |x: &String| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    let hour = |x: &String| number(x) && x.parse::<u32>().is_ok_and(|n| n <= 24);
    let heures = |x: &String| matches!(x.as_str(), "heure" | "heures");
    let at = |x: &String| matches!(x.as_str(), "a" | "vers" | "des");
    let of_day = |x: &String| matches!(x.as_str(), "matin" | "soir");
    t.windows(2).any(|p| number(&p[0]) && p[1] == "h")
        || t.windows(3).any(|p| (hour(&p[0]) && heures(&p[1]) && number(&p[2])) || (at(&p[0]) && hour(&p[1]) && heures(&p[2])))
        || t.windows(4).any(|p| number(&p[0]) && heures(&p[1]) && p[2] == "du" && of_day(&p[3]))
}

/// Whether normalised words tell a span of the day: "de 7 h 30 à 8 h 30", "de 9 h à 12 h".
pub fn tells_span(t: &[String]) -> bool {
    let clock = |k: usize| t.get(k).is_some_and(|x| x.parse::<u8>().is_ok()) && t.get(k + 1).is_some_and(|x| x == "h");
    (0..t.len()).any(|i| t[i] == "de" && clock(i + 1) && (i + 3..i + 6).any(|j| t.get(j).is_some_and(|x| x == "a") && clock(j + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_asked_and_what_is_told() {
        assert_eq!(asked(&Words::new("c'est combien pour aller nager une fois")), Kinds::PRICE);
        assert_eq!(asked(&Words::new("je veux venir au marché du jeudi je dois payer combien")), Kinds::PRICE);
        assert_eq!(asked(&Words::new("on doit arrêter la musique à quelle heure")), Kinds::CLOCK);
        assert_eq!(asked(&Words::new("jusqu'à quelle hauteur je peux monter")), Kinds::MEASURE);
        assert_eq!(asked(&Words::new("à partir de quel âge on reçoit le colis")), Kinds::AGE);
        assert!(asked(&Words::new("comment on fait pour un passeport")).is_empty());
        assert!(told("La piscine coûte 3,20 euros.").meets(Kinds::PRICE));
        assert!(told("Appelez le 04 90 78 54 00.").meets(Kinds::PHONE));
        assert!(tells_short_number("L'inscription se fait à France Travail, en ligne ou au 3949."));
        assert!(tells_short_number("La nuit, appelez le 17."));
        assert!(!tells_short_number("Le marché a lieu du 1er au 15 août, et le 15 à 9 h."));
        assert!(!tells_short_number("Le bureau est au 12 rue de la Gare, ouvert jusqu'au 31/12."));
        assert!(told("Le marché a lieu le jeudi matin.").meets(Kinds::WHEN));
        assert!(told("Dans les 5 jours qui suivent.").meets(Kinds::WHEN));
        assert!(told("La fête se termine à 1 h du matin.").meets(Kinds::CLOCK));
        assert!(told("La garderie ouvre à 6 heures 45 et ferme à 18 heures.").meets(Kinds::CLOCK));
        assert!(told("La musique s'arrête à 2 heures du matin.").meets(Kinds::CLOCK));
        assert!(!told("Déclarez-le dans les 24 heures, ou 48 heures avant.").meets(Kinds::CLOCK));
        assert!(told("Les clôtures font 1,80 mètre au plus.").meets(Kinds::MEASURE));
        assert!(!told("Adressez-vous à l'accueil avec un justificatif.").meets(Kinds::PRICE));
        // A year is no age, a count of days no phone number.
        assert!(!told("Depuis 2019, 3 jours.").meets(Kinds::AGE.with(Kinds::PHONE, true)));
    }
}
