//! Splitting normalised text into sentences, so the first one can be spoken at once.

/// Longest sentence (in characters) before it is cut at a comma or semicolon.
const MAX_CHARS: usize = 220;

/// Splits text at `.`, `!`, `?`, `…`, `;` and line breaks (punctuation kept), dropping empty
/// pieces; very long sentences are cut at their last comma before [`MAX_CHARS`].
pub fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' || c == '\r' {
            push(&mut out, &mut cur);
            continue;
        }
        cur.push(c);
        let next = chars.get(i + 1).copied();
        let ends = matches!(c, '.' | '!' | '?' | '…' | ';') && next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '»' || n == ')');
        if ends {
            push(&mut out, &mut cur);
        }
    }
    push(&mut out, &mut cur);
    out.into_iter().flat_map(cut_long).collect()
}

fn push(out: &mut Vec<String>, cur: &mut String) {
    let s = cur.trim();
    if s.chars().any(|c| c.is_alphanumeric()) {
        out.push(s.to_owned());
    }
    cur.clear();
}

fn cut_long(s: String) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = s.as_str();
    while rest.chars().count() > MAX_CHARS {
        let limit = rest.char_indices().nth(MAX_CHARS).map_or(rest.len(), |(i, _)| i);
        let cut = rest[..limit].rfind([',', ':']).or_else(|| rest[..limit].rfind(' '));
        let Some(at) = cut.filter(|&a| a > 0) else { break };
        parts.push(rest[..=at].trim().to_owned());
        rest = rest[at + 1..].trim_start();
    }
    if !rest.trim().is_empty() {
        parts.push(rest.trim().to_owned());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends_and_keeps_punctuation() {
        let s = split("Bonjour. La mairie est ouverte ! Vous venez ?\nMerci…  Au revoir");
        assert_eq!(s, ["Bonjour.", "La mairie est ouverte !", "Vous venez ?", "Merci…", "Au revoir"]);
    }

    #[test]
    fn drops_empty_pieces_and_keeps_decimal_points() {
        assert_eq!(split("  ...  \n\n"), Vec::<String>::new());
        assert_eq!(split("Version 1.5 disponible."), ["Version 1.5 disponible."]);
    }

    #[test]
    fn cuts_very_long_sentences_at_commas() {
        let long = "un deux trois, ".repeat(40);
        let parts = split(&long);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_CHARS));
        assert_eq!(parts.join(" ").split_whitespace().count(), long.split_whitespace().count());
    }
}
