//! French text normaliser for speech: numbers, times, dates, ordinals, money, phone numbers and
//! common abbreviations become the words a person would say (numbers may stay digits for an engine
//! that reads them better itself, see [`Numbers`]).

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// How the normaliser writes the numbers it reads out (counts, times, dates, prices, phone numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbers {
    /// In words: "huit heures trente" (for engines that misread digits, and for scoring).
    #[default]
    Words,
    /// As plain digits the engine reads itself: "8 heures 30". Pico's own number reading is
    /// clearer than its reading of spelled-out numbers (round-trip WER 18.0 → 15.6 % and
    /// 23.0 → 20.9 % on the two sentence sets of `bench tts`). Ordinals stay in words.
    Digits,
}

impl Numbers {
    /// `n` as this style writes it.
    fn card(self, n: u64) -> String {
        match self {
            Numbers::Words => cardinal(n),
            Numbers::Digits => n.to_string(),
        }
    }

    /// `n` before a feminine noun ("une heure", "vingt-et-une heures").
    fn card_fem(self, n: u64) -> String {
        match self {
            Numbers::Words => cardinal_fem(n),
            Numbers::Digits => n.to_string(),
        }
    }
}

/// Rewrites text so an engine reads it as a French speaker would (digits and symbols to words).
pub fn normalize(text: &str) -> String {
    normalize_with(text, Numbers::Words)
}

/// As [`normalize`], with the numbers written as `numbers` says.
pub fn normalize_with(text: &str, numbers: Numbers) -> String {
    let r = rules();
    let mut s = clean_typography(text);
    s = r.phone.replace_all(&s, |c: &Captures| phone(&c[0], numbers)).into_owned();
    s = r
        .around_the_clock
        .replace_all(&s, |c: &Captures| {
            let (n, unit) = (num(&c[1]), if c[2].eq_ignore_ascii_case("h") { "heures" } else { "jours" });
            format!("{} {unit} sur {}", numbers.card_fem(n), numbers.card_fem(num(&c[3])))
        })
        .into_owned();
    s = r
        .time_range
        .replace_all(&s, |c: &Captures| {
            format!("{} à {}", time(&c[1], c.get(2).map(|m| m.as_str()), numbers), time(&c[3], c.get(4).map(|m| m.as_str()), numbers))
        })
        .into_owned();
    s = r.time.replace_all(&s, |c: &Captures| time(&c[1], c.get(2).map(|m| m.as_str()), numbers)).into_owned();
    s = r.clock.replace_all(&s, |c: &Captures| time(&c[1], Some(&c[2]), numbers)).into_owned();
    s = r.date.replace_all(&s, |c: &Captures| date(&c[1], &c[2], c.get(3).map(|m| m.as_str()), numbers).unwrap_or_else(|| c[0].to_owned())).into_owned();
    s = r.money.replace_all(&s, |c: &Captures| money(&c[1], c.get(2).map(|m| m.as_str()), numbers)).into_owned();
    s = r.ordinal.replace_all(&s, |c: &Captures| ordinal_words(&c[1], &c[2])).into_owned();
    s = r.thousands.replace_all(&s, |c: &Captures| c[0].chars().filter(|ch| ch.is_ascii_digit()).collect::<String>()).into_owned();
    s = r.percent.replace_all(&s, |c: &Captures| format!("{} pour cent", decimal(&c[1], numbers))).into_owned();
    s = r.decimal.replace_all(&s, |c: &Captures| decimal(&c[0], numbers)).into_owned();
    s = r.number.replace_all(&s, |c: &Captures| number_str(&c[0], numbers)).into_owned();
    s = expand_abbreviations(&s, r);
    s = r
        .symbols
        .replace_all(&s, |c: &Captures| {
            match &c[0] {
                "&" => " et ",
                "+" => " plus ",
                "@" => " arobase ",
                "=" => " égale ",
                "€" => " euros ",
                "%" => " pour cent ",
                "°" => " degrés ",
                "/" => " ",
                _ => " ",
            }
            .to_owned()
        })
        .into_owned();
    // Dashes left in prose (not ranges, handled above) are pauses.
    let s = s.replace(" —", ",").replace(" –", ",").replace(['—', '–'], ",");
    r.spaces.replace_all(s.trim(), " ").replace(" ,", ",").replace(" .", ".")
}

struct Rules {
    phone: Regex,
    around_the_clock: Regex,
    time_range: Regex,
    time: Regex,
    clock: Regex,
    date: Regex,
    money: Regex,
    ordinal: Regex,
    thousands: Regex,
    percent: Regex,
    decimal: Regex,
    number: Regex,
    word: Regex,
    symbols: Regex,
    spaces: Regex,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("normaliser pattern");
        Rules {
            // 03 29 00 00 00, 03.29.00.00.00, 0329000000, +33 3 29 00 00 00
            phone: re(r"(?:\+33\s?\(?0?\)?\s?[1-9]|\b0[1-9])(?:[\s.\-]?\d{2}){4}\b"),
            around_the_clock: re(r"\b(\d{1,2})\s?([hHjJ])\s?/\s?(\d{1,2})\b"),
            time_range: re(r"\b([01]?\d|2[0-4])\s?[hH](?:\s?([0-5]\d))?\s?(?:-|–|à)\s?([01]?\d|2[0-4])\s?[hH](?:\s?([0-5]\d))?\b"),
            time: re(r"\b([01]?\d|2[0-4])\s?[hH](?:\s?([0-5]\d))?\b"),
            clock: re(r"\b([01]?\d|2[0-3]):([0-5]\d)\b"),
            date: re(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b"),
            money: re(r"\b(\d+(?:[\s\u{202f}]\d{3})*)(?:[,.](\d{1,2}))?\s?(?:€|euros?\b|EUR\b)"),
            ordinal: re(r"\b(\d+)\s?(ères?|res?|ers?|èmes?|emes?|es|e|nde?s?)\b"),
            thousands: re(r"\b\d{1,3}(?:[ \u{202f}.]\d{3})+\b"),
            percent: re(r"(\d+(?:,\d+)?)\s?%"),
            decimal: re(r"\b\d+,\d+\b"),
            number: re(r"\d+"),
            word: re(r"[\p{L}°]+\.?"),
            symbols: re(r"[&+@=€%°/]"),
            spaces: re(r"[ \t]+"),
        }
    })
}

/// Typographic spaces, apostrophes, quotes and dashes to plain characters the engines read.
fn clean_typography(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            '’' | '‘' | '`' => '\'',
            '«' | '»' | '“' | '”' | '"' | '*' | '_' | '#' | '<' | '>' | '|' | '[' | ']' | '{' | '}' => ' ',
            _ => c,
        })
        .collect()
}

fn num(s: &str) -> u64 {
    s.chars().filter(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap_or(0)
}

/// A phone number read in pairs: "03 29 00 00 00" → "zéro trois, vingt-neuf, zéro zéro, …".
fn phone(s: &str, st: Numbers) -> String {
    let mut digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = Vec::new();
    if s.trim_start().starts_with('+') {
        // +33 then the national number without its leading 0: read it as 0X XX XX XX XX.
        digits = format!("0{}", digits.trim_start_matches("33").trim_start_matches('0'));
    }
    let bytes = digits.as_bytes();
    for pair in bytes.chunks(2) {
        let words: Vec<String> = if pair.len() == 2 && pair[0] == b'0' {
            vec!["zéro".into(), st.card((pair[1] - b'0') as u64)]
        } else {
            vec![st.card(num(std::str::from_utf8(pair).unwrap_or("0")))]
        };
        out.push(words.join(" "));
    }
    out.join(", ")
}

/// "8", Some("30") → "huit heures trente"; "1" → "une heure"; "0" → "minuit".
fn time(h: &str, m: Option<&str>, st: Numbers) -> String {
    let (h, m) = (num(h), m.map(num).unwrap_or(0));
    let hours = match h {
        0 | 24 => "minuit".to_owned(),
        1 => "une heure".to_owned(),
        _ => format!("{} heures", st.card_fem(h)),
    };
    if m == 0 {
        hours
    } else {
        format!("{hours} {}", st.card_fem(m))
    }
}

const MONTHS: [&str; 12] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// "14", "07", Some("2026") → "quatorze juillet deux mille vingt-six"; None if not a date.
fn date(d: &str, m: &str, y: Option<&str>, st: Numbers) -> Option<String> {
    let (d, m) = (num(d), num(m));
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    let day = if d == 1 { "premier".to_owned() } else { st.card(d) };
    let mut out = format!("{day} {}", MONTHS[m as usize - 1]);
    if let Some(y) = y {
        let year = if y.len() == 2 { 2000 + num(y) } else { num(y) };
        out.push(' ');
        out.push_str(&st.card(year));
    }
    Some(out)
}

/// "12", Some("50") → "douze euros cinquante"; "0", Some("50") → "cinquante centimes".
fn money(units: &str, cents: Option<&str>, st: Numbers) -> String {
    let e = num(units);
    let c = cents.map(|c| if c.len() == 1 { num(c) * 10 } else { num(c) }).unwrap_or(0);
    let euros = match e {
        1 => "un euro".to_owned(),
        _ if e > 0 && e.is_multiple_of(1_000_000) => format!("{} d'euros", st.card(e)),
        _ => format!("{} euros", st.card(e)),
    };
    match (e, c) {
        (_, 0) => euros,
        (0, c) => format!("{} centime{}", st.card(c), if c > 1 { "s" } else { "" }),
        (_, c) => format!("{euros} {}", st.card(c)),
    }
}

/// "1", "er" → "premier"; "1", "re" → "première"; "2", "e" → "deuxième"; "2", "nd" → "second".
fn ordinal_words(n: &str, suffix: &str) -> String {
    let n = num(n);
    let plural = suffix.ends_with('s') && n > 1;
    let s = suffix.to_lowercase();
    let word = if n == 1 && (s.starts_with("èr") || s.starts_with("re") || s.starts_with("ère")) {
        "première".to_owned()
    } else if n == 1 {
        "premier".to_owned()
    } else if n == 2 && s.starts_with('n') {
        if s.starts_with("nde") {
            "seconde".to_owned()
        } else {
            "second".to_owned()
        }
    } else {
        ordinal(n)
    };
    if plural {
        format!("{word}s")
    } else {
        word
    }
}

/// "1,5" → "un virgule cinq"; "3,05" → "trois virgule zéro cinq".
fn decimal(s: &str, st: Numbers) -> String {
    match s.split_once(',') {
        None => number_str(s, st),
        Some((int, frac)) => {
            let zeros = frac.chars().take_while(|&c| c == '0').count();
            let mut out = format!("{} virgule", st.card(num(int)));
            for _ in 0..zeros.min(frac.len().saturating_sub(1)) {
                out.push_str(" zéro");
            }
            out.push(' ');
            out.push_str(&st.card(num(frac)));
            out
        }
    }
}

/// A run of digits: as a number, or digit by digit when it is too long to be one.
fn number_str(s: &str, st: Numbers) -> String {
    if s.len() > 12 {
        return s.chars().map(|c| st.card(c.to_digit(10).unwrap_or(0) as u64)).collect::<Vec<_>>().join(" ");
    }
    st.card(num(s))
}

const UNITS: [&str; 17] =
    ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"];
const TENS: [&str; 7] = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

/// 0–99 in words; `last` says whether nothing follows (for "quatre-vingts").
fn below_100(n: u64, last: bool) -> String {
    match n {
        0..=16 => UNITS[n as usize].to_owned(),
        17..=19 => format!("dix-{}", UNITS[n as usize - 10]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => TENS[t as usize].to_owned(),
                1 => format!("{} et un", TENS[t as usize]),
                _ => format!("{}-{}", TENS[t as usize], UNITS[u as usize]),
            }
        }
        70..=79 => {
            if n == 71 {
                "soixante et onze".to_owned()
            } else {
                format!("soixante-{}", below_100(n - 60, true))
            }
        }
        80 => {
            if last {
                "quatre-vingts".to_owned()
            } else {
                "quatre-vingt".to_owned()
            }
        }
        _ => format!("quatre-vingt-{}", below_100(n - 80, true)),
    }
}

/// 0–999 in words; `last` says whether nothing follows (plural "cents", "quatre-vingts").
fn below_1000(n: u64, last: bool) -> String {
    let (h, r) = (n / 100, n % 100);
    let hundreds = match h {
        0 => String::new(),
        1 => "cent".to_owned(),
        _ if r == 0 && last => format!("{} cents", UNITS[h as usize]),
        _ => format!("{} cent", UNITS[h as usize]),
    };
    match (h, r) {
        (0, _) => below_100(r, last),
        (_, 0) => hundreds,
        _ => format!("{hundreds} {}", below_100(r, last)),
    }
}

/// A whole number in French words (masculine): 2026 → "deux mille vingt-six".
pub fn cardinal(n: u64) -> String {
    if n == 0 {
        return "zéro".to_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    let milliards = n / 1_000_000_000;
    let millions = (n / 1_000_000) % 1000;
    let thousands = (n / 1000) % 1000;
    let rest = n % 1000;
    // "millions" and "milliards" are nouns: the number before them keeps its plural marks.
    if milliards > 0 {
        let w = if milliards >= 1000 { cardinal(milliards) } else { below_1000(milliards, true) };
        parts.push(format!("{w} milliard{}", if milliards > 1 { "s" } else { "" }));
    }
    if millions > 0 {
        parts.push(format!("{} million{}", below_1000(millions, true), if millions > 1 { "s" } else { "" }));
    }
    if thousands > 0 {
        parts.push(if thousands == 1 { "mille".to_owned() } else { format!("{} mille", below_1000(thousands, false)) });
    }
    if rest > 0 {
        parts.push(below_1000(rest, true));
    }
    parts.join(" ")
}

/// A whole number in words, feminine where it ends in "un": 21 → "vingt et une".
pub fn cardinal_fem(n: u64) -> String {
    let w = cardinal(n);
    match w.strip_suffix("un") {
        Some(stem) if stem.is_empty() || stem.ends_with(' ') || stem.ends_with('-') => format!("{stem}une"),
        _ => w,
    }
}

/// An ordinal in words: 2 → "deuxième", 21 → "vingt et unième", 1 → "premier".
pub fn ordinal(n: u64) -> String {
    if n == 1 {
        return "premier".to_owned();
    }
    let w = cardinal(n);
    let w = w.strip_suffix('s').filter(|s| s.ends_with("vingt") || s.ends_with("cent")).map(str::to_owned).unwrap_or(w);
    if let Some(stem) = w.strip_suffix("cinq") {
        format!("{stem}cinquième")
    } else if let Some(stem) = w.strip_suffix("neuf") {
        format!("{stem}neuvième")
    } else if let Some(stem) = w.strip_suffix('e') {
        format!("{stem}ième")
    } else {
        format!("{w}ième")
    }
}

/// Abbreviations (with their dot when they have one) → words. Case-sensitive where it matters.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("av.", "avenue"),
    ("Av.", "avenue"),
    ("bd", "boulevard"),
    ("bd.", "boulevard"),
    ("Bd", "boulevard"),
    ("Bd.", "boulevard"),
    ("boul.", "boulevard"),
    ("pl.", "place"),
    ("Pl.", "place"),
    ("chem.", "chemin"),
    ("rte", "route"),
    ("Rte", "route"),
    ("imp.", "impasse"),
    ("all.", "allée"),
    ("fg", "faubourg"),
    ("Fg", "faubourg"),
    ("sq.", "square"),
    ("St", "Saint"),
    ("Ste", "Sainte"),
    ("M.", "Monsieur"),
    ("MM.", "Messieurs"),
    ("Mme", "Madame"),
    ("Mmes", "Mesdames"),
    ("Mlle", "Mademoiselle"),
    ("Dr", "docteur"),
    ("Pr", "professeur"),
    ("n°", "numéro"),
    ("N°", "numéro"),
    ("tél.", "téléphone"),
    ("Tél.", "téléphone"),
    ("tél", "téléphone"),
    ("Tél", "téléphone"),
    ("tel.", "téléphone"),
    ("Tel.", "téléphone"),
    ("CNI", "carte nationale d'identité"),
    ("RDV", "rendez-vous"),
    ("rdv", "rendez-vous"),
    ("CCAS", "C C A S"),
    ("CAF", "caf"),
    ("SNCF", "S N C F"),
    ("ANTS", "A N T S"),
    ("RSA", "R S A"),
    ("PLU", "P L U"),
    ("etc.", "et cetera"),
    ("env.", "environ"),
    ("cf.", "voir"),
    ("ex.", "exemple"),
    ("min", "minutes"),
    ("mn", "minutes"),
    ("km", "kilomètres"),
    ("kg", "kilos"),
    ("m²", "mètres carrés"),
    ("lun.", "lundi"),
    ("mar.", "mardi"),
    ("mer.", "mercredi"),
    ("jeu.", "jeudi"),
    ("ven.", "vendredi"),
    ("sam.", "samedi"),
    ("dim.", "dimanche"),
    ("janv.", "janvier"),
    ("févr.", "février"),
    ("avr.", "avril"),
    ("juil.", "juillet"),
    ("oct.", "octobre"),
    ("nov.", "novembre"),
    ("déc.", "décembre"),
];

fn expand_abbreviations(s: &str, r: &Rules) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let bytes = s.as_bytes();
    for m in r.word.find_iter(s) {
        // "n°" and "m²": the symbol right after the word belongs to it.
        let mut end = m.end();
        let mut token = &s[m.start()..end];
        if matches!(s[end..].chars().next(), Some('°') | Some('²')) {
            let c = s[end..].chars().next().unwrap();
            end += c.len_utf8();
            token = &s[m.start()..end];
        }
        let prev_is_word = m.start() > 0 && (bytes[m.start() - 1].is_ascii_alphanumeric() || bytes[m.start() - 1] == b'-');
        let found = (!prev_is_word)
            .then(|| {
                ABBREVIATIONS.iter().find(|(a, _)| *a == token).map(|(_, w)| (w.to_string(), "")).or_else(|| {
                    // The regex takes a trailing dot; the abbreviation may not want it.
                    let bare = token.strip_suffix('.')?;
                    ABBREVIATIONS.iter().find(|(a, _)| *a == bare).map(|(_, w)| (w.to_string(), "."))
                })
            })
            .flatten();
        if let Some((word, keep)) = found {
            out.push_str(&s[last..m.start()]);
            out.push_str(&word);
            out.push_str(keep);
            // An abbreviation's dot at the end of the text also ends the sentence.
            if keep.is_empty() && token.ends_with('.') && s[end..].trim().is_empty() {
                out.push('.');
            }
            last = end;
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        let cases = [
            (0, "zéro"),
            (1, "un"),
            (16, "seize"),
            (17, "dix-sept"),
            (21, "vingt et un"),
            (22, "vingt-deux"),
            (60, "soixante"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (77, "soixante-dix-sept"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (99, "quatre-vingt-dix-neuf"),
            (100, "cent"),
            (101, "cent un"),
            (200, "deux cents"),
            (280, "deux cent quatre-vingts"),
            (1000, "mille"),
            (1001, "mille un"),
            (2000, "deux mille"),
            (2026, "deux mille vingt-six"),
            (80_000, "quatre-vingt mille"),
            (200_000, "deux cent mille"),
            (1_000_000, "un million"),
            (2_500_000, "deux millions cinq cent mille"),
            (200_000_000, "deux cents millions"),
            (3_000_000_000, "trois milliards"),
        ];
        for (n, w) in cases {
            assert_eq!(cardinal(n), w, "{n}");
        }
        assert_eq!(cardinal_fem(21), "vingt et une");
        assert_eq!(cardinal_fem(1), "une");
        assert_eq!(cardinal_fem(11), "onze");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(2), "deuxième");
        assert_eq!(ordinal(4), "quatrième");
        assert_eq!(ordinal(5), "cinquième");
        assert_eq!(ordinal(9), "neuvième");
        assert_eq!(ordinal(21), "vingt et unième");
        assert_eq!(ordinal(80), "quatre-vingtième");
        assert_eq!(ordinal(100), "centième");
        assert_eq!(normalize("le 1er mai"), "le premier mai");
        assert_eq!(normalize("la 1re fois"), "la première fois");
        assert_eq!(normalize("la 1ère fois"), "la première fois");
        assert_eq!(normalize("au 2e étage"), "au deuxième étage");
        assert_eq!(normalize("le 3ème jeudi"), "le troisième jeudi");
        assert_eq!(normalize("les 2es lundis"), "les deuxièmes lundis");
        assert_eq!(normalize("le 2nd tour"), "le second tour");
    }

    #[test]
    fn times_and_ranges() {
        assert_eq!(normalize("ouvert à 8h30"), "ouvert à huit heures trente");
        assert_eq!(normalize("rendez-vous 08:30"), "rendez-vous huit heures trente");
        assert_eq!(normalize("jusqu'à 17 h"), "jusqu'à dix-sept heures");
        assert_eq!(normalize("à 1h"), "à une heure");
        assert_eq!(normalize("à 21h"), "à vingt et une heures");
        assert_eq!(normalize("à 14h05"), "à quatorze heures cinq");
        assert_eq!(normalize("fermé 12h-13h30"), "fermé douze heures à treize heures trente");
        assert_eq!(normalize("de 8h à 12h"), "de huit heures à douze heures");
        assert_eq!(normalize("9h–17h"), "neuf heures à dix-sept heures");
        assert_eq!(normalize("à 0h"), "à minuit");
        assert_eq!(normalize("de 8h30 à 12h et de 13h30 à 17h."), "de huit heures trente à douze heures et de treize heures trente à dix-sept heures.");
        assert_eq!(normalize("après 19h, sortez"), "après dix-neuf heures, sortez");
        assert_eq!(normalize("2 heures"), "deux heures", "a written-out unit is not a time");
        assert_eq!(normalize("24h/24 et 7j/7"), "vingt-quatre heures sur vingt-quatre et sept jours sur sept");
    }

    #[test]
    fn dates_and_days() {
        assert_eq!(normalize("le 14/07"), "le quatorze juillet");
        assert_eq!(normalize("le 01/05/2026"), "le premier mai deux mille vingt-six");
        assert_eq!(normalize("le 3/11/26"), "le trois novembre deux mille vingt-six");
        assert_eq!(normalize("le 14 juillet 2026"), "le quatorze juillet deux mille vingt-six");
        assert_eq!(normalize("lun. et mer."), "lundi et mercredi.");
        assert_eq!(normalize("le 31/13"), "le trente et un treize", "not a date: numbers stay numbers");
    }

    #[test]
    fn money_and_percent() {
        assert_eq!(normalize("12,50 €"), "douze euros cinquante");
        assert_eq!(normalize("12,5 €"), "douze euros cinquante");
        assert_eq!(normalize("1 €"), "un euro");
        assert_eq!(normalize("0,50 €"), "cinquante centimes");
        assert_eq!(normalize("25 euros"), "vingt-cinq euros");
        assert_eq!(normalize("1 500 €"), "mille cinq cents euros");
        assert_eq!(normalize("86€"), "quatre-vingt-six euros");
        assert_eq!(normalize("10 %"), "dix pour cent");
        assert_eq!(normalize("2,5 %"), "deux virgule cinq pour cent");
    }

    #[test]
    fn phone_numbers_in_pairs() {
        assert_eq!(normalize("Appelez le 03 29 00 00 00."), "Appelez le zéro trois, vingt-neuf, zéro zéro, zéro zéro, zéro zéro.");
        assert_eq!(normalize("tél 0612345678"), "téléphone zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit");
        assert_eq!(normalize("03.83.10.20.30"), "zéro trois, quatre-vingt-trois, dix, vingt, trente");
        assert_eq!(normalize("+33 3 29 11 22 33"), "zéro trois, vingt-neuf, onze, vingt-deux, trente-trois");
    }

    #[test]
    fn numbers_and_decimals() {
        assert_eq!(normalize("10 000 habitants"), "dix mille habitants");
        assert_eq!(normalize("3 enfants"), "trois enfants");
        assert_eq!(normalize("1,5 km"), "un virgule cinq kilomètres");
        assert_eq!(normalize("88000 Épinal"), "quatre-vingt-huit mille Épinal");
    }

    #[test]
    fn abbreviations() {
        assert_eq!(normalize("12 av. de la Gare"), "douze avenue de la Gare");
        assert_eq!(normalize("3 bd Carnot"), "trois boulevard Carnot");
        assert_eq!(normalize("M. Dupont et Mme Martin"), "Monsieur Dupont et Madame Martin");
        assert_eq!(normalize("au n° 5"), "au numéro cinq");
        assert_eq!(normalize("votre CNI"), "votre carte nationale d'identité");
        assert_eq!(normalize("pain, lait, etc."), "pain, lait, et cetera.");
        assert_eq!(normalize("au bout de la rue."), "au bout de la rue.", "ordinary words are untouched");
        assert_eq!(normalize("Mme."), "Madame.", "the sentence end survives");
        assert_eq!(normalize("comme M. le maire."), "comme Monsieur le maire.");
    }

    #[test]
    fn digits_style_keeps_numbers_for_the_engine() {
        let d = |t: &str| normalize_with(t, Numbers::Digits);
        assert_eq!(d("Ouvert de 8h30 à 17h."), "Ouvert de 8 heures 30 à 17 heures.");
        assert_eq!(d("à 1h"), "à une heure");
        assert_eq!(d("Appelez le 03 29 64 12 30."), "Appelez le zéro 3, 29, 64, 12, 30.");
        assert_eq!(d("Le 14/07/2026, 12,50 € le 2e jour, 3,5 %"), "Le 14 juillet 2026, 12 euros 50 le deuxième jour, 3 virgule 5 pour cent");
        assert_eq!(d("M. le maire, 1er étage"), "Monsieur le maire, premier étage");
        // The default style is unchanged.
        assert_eq!(normalize("à 17h"), normalize_with("à 17h", Numbers::Words));
        assert_eq!(normalize("à 17h"), "à dix-sept heures");
    }

    #[test]
    fn symbols_and_typography() {
        assert_eq!(normalize("papiers & justificatifs"), "papiers et justificatifs");
        assert_eq!(normalize("«\u{a0}Bonjour\u{a0}»"), "Bonjour");
        assert_eq!(normalize("l’école"), "l'école");
        assert_eq!(normalize(""), "");
    }
}
