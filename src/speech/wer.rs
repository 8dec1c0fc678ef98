//! Word error rate for French: a normaliser (case, punctuation, apostrophes, numbers) and the edit distance.

/// Word-level edit counts between a reference and a hypothesis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordErrors {
    /// Substitutions + deletions + insertions.
    pub errors: usize,
    /// Words in the normalised reference.
    pub reference_words: usize,
}

impl WordErrors {
    /// The error rate (errors / reference words); 0 for an empty reference matched by an empty hypothesis.
    pub fn rate(&self) -> f64 {
        match (self.errors, self.reference_words) {
            (0, _) => 0.0,
            (e, 0) => e as f64,
            (e, n) => e as f64 / n as f64,
        }
    }
}

impl std::ops::Add for WordErrors {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self { errors: self.errors + o.errors, reference_words: self.reference_words + o.reference_words }
    }
}

impl std::iter::Sum for WordErrors {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| a + b)
    }
}

/// Normalises French text into comparable words: lowercase, apostrophes and hyphens split words,
/// punctuation dropped, numbers written out in words (`21` → `vingt et un`), `1er` → `premier`.
pub fn normalize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut cleaned = String::with_capacity(lower.len());
    let mut prev_digit = false;
    for c in lower.chars() {
        let is_digit = c.is_ascii_digit();
        if c.is_alphanumeric() {
            // Split "10h30" into "10 h 30" so the numbers read as words.
            if is_digit != prev_digit && cleaned.chars().last().is_some_and(|l| l.is_alphanumeric()) {
                cleaned.push(' ');
            }
            cleaned.push(c);
        } else {
            cleaned.push(' ');
        }
        prev_digit = is_digit;
    }
    let mut words = Vec::new();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        let w = tokens[i];
        if let Ok(n) = w.parse::<u64>() {
            // "1 er" / "1 re" ordinals.
            if n == 1 && matches!(tokens.get(i + 1), Some(&"er") | Some(&"re") | Some(&"ère")) {
                words.push(if tokens[i + 1] == "er" { "premier".to_string() } else { "première".to_string() });
                i += 2;
                continue;
            }
            words.extend(number_words(n).split(' ').map(str::to_string));
        } else {
            words.push(w.to_string());
        }
        i += 1;
    }
    words
}

/// A number in French words, hyphens as spaces (`71` → `soixante et onze`).
pub fn number_words(n: u64) -> String {
    crate::speech::tts::normalize::cardinal(n).replace('-', " ")
}

/// Word errors of `hypothesis` against `reference`, both normalised with [`normalize`].
pub fn word_errors(reference: &str, hypothesis: &str) -> WordErrors {
    let r = normalize(reference);
    let h = normalize(hypothesis);
    WordErrors { errors: edit_distance(&r, &h), reference_words: r.len() }
}

/// Word error rate of `hypothesis` against `reference` (see [`word_errors`]).
pub fn wer(reference: &str, hypothesis: &str) -> f64 {
    word_errors(reference, hypothesis).rate()
}

/// Levenshtein distance between two word sequences.
fn edit_distance(a: &[String], b: &[String]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_punctuation_apostrophes_numbers() {
        assert_eq!(normalize("L'heure, SVP !"), ["l", "heure", "svp"]);
        assert_eq!(normalize("Appuyez sur 1."), ["appuyez", "sur", "un"]);
        assert_eq!(normalize("Est-ce qu’il"), ["est", "ce", "qu", "il"]);
        assert_eq!(normalize("à 10h30"), ["à", "dix", "h", "trente"]);
        assert_eq!(normalize("le 1er mai"), ["le", "premier", "mai"]);
        assert_eq!(normalize("«Bonjour»"), ["bonjour"]);
    }

    #[test]
    fn french_numbers() {
        for (n, w) in [
            (0, "zéro"),
            (17, "dix sept"),
            (21, "vingt et un"),
            (71, "soixante et onze"),
            (72, "soixante douze"),
            (80, "quatre vingts"),
            (81, "quatre vingt un"),
            (91, "quatre vingt onze"),
            (99, "quatre vingt dix neuf"),
            (100, "cent"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (1000, "mille"),
            (2024, "deux mille vingt quatre"),
            (1_000_000, "un million"),
        ] {
            assert_eq!(number_words(n), w, "{n}");
        }
    }

    #[test]
    fn word_error_rate() {
        assert_eq!(wer("Appuyez sur 1", "appuyez sur un."), 0.0);
        assert_eq!(wer("un deux trois quatre", "un deux quatre"), 0.25);
        assert_eq!(wer("un deux", "un deux trois quatre"), 1.0);
        assert_eq!(wer("", ""), 0.0);
        let total: WordErrors = [word_errors("a b", "a c"), word_errors("d e f", "d e f")].into_iter().sum();
        assert_eq!((total.errors, total.reference_words), (1, 5));
    }
}
