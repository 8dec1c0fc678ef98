//! Taking a message: the caller's name, a callback number read back digit by digit, the message.

/// A message left by a caller, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftMessage {
    /// The name the caller gave.
    pub name: String,
    /// The callback number (digits), as confirmed by the caller.
    pub callback_number: String,
    /// What they said, as recognised.
    pub text: String,
    /// The service the message is for (id), if known.
    pub service: Option<String>,
}

/// Where the message dialogue stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// We asked for their name.
    Name,
    /// We asked for the number; keys typed so far.
    Number {
        /// Digits typed on the keypad.
        typed: String,
        /// Failed attempts.
        tries: u8,
    },
    /// We read the number back and asked whether it is right.
    Confirm(String),
    /// We asked for the message.
    Body,
}

/// What we say at each step.
pub mod prompts {
    /// Start of the dialogue.
    pub const NAME: &str = "Je prends votre message. Quel est votre nom ?";
    /// After the name.
    pub const NUMBER: &str =
        "Merci. À quel numéro pouvons-nous vous rappeler ? Dites-le chiffre par chiffre, ou tapez-le sur le clavier, puis la touche dièse.";
    /// A number we could not read.
    pub const NUMBER_AGAIN: &str = "Je n'ai pas compris le numéro. Pouvez-vous le redire, ou le taper sur le clavier, puis la touche dièse ?";
    /// The number was wrong.
    pub const NUMBER_WRONG: &str = "D'accord. Redites-moi le numéro, ou tapez-le sur le clavier, puis la touche dièse.";
    /// After the number is confirmed.
    pub const BODY: &str = "Très bien. Je vous écoute : laissez votre message. Quand vous avez fini, ne dites plus rien.";
    /// Nothing heard for the message.
    pub const BODY_AGAIN: &str = "Je n'ai rien entendu. Quel est votre message ?";
    /// The message is stored.
    pub const DONE: &str = "Merci, votre message est enregistré. Nous vous rappellerons dès que possible. Avez-vous une autre question ?";
}

const UNITS: [(&str, u32); 17] = [
    ("zero", 0),
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
];
const TENS: [(&str, u32); 6] = [("seize", 16), ("vingt", 20), ("vingts", 20), ("trente", 30), ("quarante", 40), ("cinquante", 50)];

fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'à' | 'â' => 'a',
            c => c,
        })
        .collect()
}

/// The digits of a phone number spoken in French ("zéro six, douze, trente-quatre…") or written
/// in digits by the recogniser ("06 12 34"), in order. Groups spoken as numbers keep two digits
/// ("cinq" after a pair is "05" only when spoken "zéro cinq").
pub fn phone_digits(text: &str) -> String {
    let lower = fold(&text.to_lowercase());
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(w);
            i += 1;
            continue;
        }
        let (value, used) = spoken_number(&words[i..]);
        if used == 0 {
            i += 1;
            continue;
        }
        if value < 10 {
            out.push(char::from(b'0' + value as u8));
        } else {
            out.push_str(&value.to_string());
        }
        i += used;
    }
    out
}

/// A number from 0 to 99 at the start of `words`, and how many words it took (0: none).
fn spoken_number(words: &[&str]) -> (u32, usize) {
    let unit = |w: &str| UNITS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    let ten = |w: &str| TENS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    let at = |k: usize| words.get(k).copied().unwrap_or("");
    let digit_at = |k: usize| unit(at(k)).filter(|u| (1..=9).contains(u));
    // base + "et un" / "-trois": the units after a ten, starting at word k.
    let plus_units = |base: u32, k: usize| -> (u32, usize) {
        if at(k) == "et" && matches!(at(k + 1), "un" | "une") {
            return (base + 1, k + 2);
        }
        match digit_at(k) {
            Some(u) => (base + u, k + 1),
            None => (base, k),
        }
    };
    let first = at(0);
    if first == "dix" && matches!(at(1), "sept" | "huit" | "neuf") {
        return (10 + unit(at(1)).unwrap_or(0), 2);
    }
    if first == "quatre" && at(1).starts_with("vingt") {
        if at(2) == "dix" {
            return digit_at(3).map_or((90, 3), |u| (90 + u, 4));
        }
        if let Some(u) = unit(at(2)).filter(|u| (11..=16).contains(u)) {
            return (80 + u, 3);
        }
        return digit_at(2).map_or((80, 2), |u| (80 + u, 3));
    }
    if first == "soixante" {
        if at(1) == "et" && at(2) == "onze" {
            return (71, 3);
        }
        if at(1) == "dix" {
            return digit_at(2).map_or((70, 2), |u| (70 + u, 3));
        }
        if let Some(u) = unit(at(1)).filter(|u| (11..=16).contains(u)) {
            return (60 + u, 2);
        }
        return plus_units(60, 1);
    }
    if let Some(u) = unit(first) {
        return (u, 1);
    }
    match ten(first) {
        Some(16) => (16, 1),
        Some(t) => plus_units(t, 1),
        None => (0, 0),
    }
}

/// A number read back digit by digit, in pairs: "zéro six, un deux, …".
pub fn read_back(digits: &str) -> String {
    const NAMES: [&str; 10] = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"];
    let spoken: Vec<&str> = digits.chars().filter_map(|c| c.to_digit(10)).map(|d| NAMES[d as usize]).collect();
    spoken.chunks(2).map(|p| p.join(" ")).collect::<Vec<_>>().join(", ")
}

/// Whether a string of digits can be a callback number (French or international).
pub fn plausible_number(digits: &str) -> bool {
    (6..=15).contains(&digits.len())
}

/// The name in "je m'appelle Jeanne Martin" or "c'est madame Martin".
pub fn clean_name(text: &str) -> String {
    let t = text.trim().trim_end_matches(['.', '!', '?', ',']).trim();
    let lower = t.to_lowercase();
    for lead in ["je m'appelle ", "je suis ", "c'est ", "moi c'est ", "mon nom est ", "mon nom c'est ", "oui ", "alors "] {
        if let Some(rest) = lower.strip_prefix(lead) {
            return t[t.len() - rest.len()..].trim().to_string();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_digits_words_and_pairs() {
        assert_eq!(phone_digits("06 12 34 56 78."), "0612345678");
        assert_eq!(phone_digits("zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"), "0612345678");
        assert_eq!(phone_digits("zéro trois quatre-vingt-dix-neuf vingt et un soixante et onze quatre-vingts"), "0399217180");
        assert_eq!(phone_digits("c'est le zéro un, deux trois, quarante-cinq"), "012345");
        assert_eq!(phone_digits("0 2 4 8, 15 16 17"), "0248151617");
        assert_eq!(phone_digits("soixante-douze"), "72");
        assert_eq!(phone_digits("rien du tout"), "");
    }

    #[test]
    fn read_back_goes_digit_by_digit() {
        assert_eq!(read_back("0612345678"), "zéro six, un deux, trois quatre, cinq six, sept huit");
        assert!(plausible_number("0612345678"));
        assert!(!plausible_number("12"));
    }

    #[test]
    fn names_lose_their_lead_in() {
        assert_eq!(clean_name("Je m'appelle Jeanne Martin."), "Jeanne Martin");
        assert_eq!(clean_name("C'est madame Durand"), "madame Durand");
        assert_eq!(clean_name("Paul"), "Paul");
    }
}
