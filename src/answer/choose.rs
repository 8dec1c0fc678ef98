//! Which FAQ entry answers a question: the words (BM25 retrieval) and the meaning (sentence
//! vectors) weighed together, with thresholds calibrated on the tuning sets (`eval/sets.toml`,
//! status "tuned"; the frozen sets never informed them).

use super::dense;
use super::retrieval::Hit;
use super::town::Town;

/// Lexical confidence from which an entry is given on the words alone.
const WORDS_SURE: f32 = 0.8;
/// Lexical confidence from which an entry is given when the meaning does not object.
const WORDS_ENOUGH: f32 = 0.5;
/// When words and meaning pick the same entry: the lexical confidence that suffices…
const AGREE_WORDS: f32 = 0.4;
/// …or the cosine that suffices.
const AGREE_MEANING: f32 = 0.905;
/// Below this best cosine, the question is probably about nothing in the FAQ: the words alone
/// must then be sure.
const OFF_TOPIC: f32 = 0.89;
/// The meaning alone gives an entry from this cosine…
const MEANING_SURE: f32 = 0.92;
/// …when it leads the next entry by this much.
const MEANING_LEAD: f32 = 0.02;
/// Lexical confidence from which the closest topic is proposed for confirmation.
const WORDS_CONFIRM: f32 = 0.4;
/// Cosine from which the closest topic is proposed for confirmation.
const MEANING_CONFIRM: f32 = 0.88;

/// What to do with the FAQ for a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FaqChoice {
    /// Give this entry (index into `town.faqs`) with this confidence.
    Answer(usize, f32),
    /// Ask whether the caller means this entry.
    Confirm(usize, f32),
    /// No entry fits.
    None,
}

/// Weighs the lexical hits and the meaning of `text` (its openings already stripped).
pub fn choose_faq(town: &Town, text: &str, lexical: &[Hit]) -> FaqChoice {
    let lex = lexical.first();
    if let Some(h) = lex.filter(|h| h.confidence >= WORDS_SURE && !h.contested) {
        return FaqChoice::Answer(h.faq, h.confidence);
    }
    let Some(meaning) = dense::search(town, text, 2) else {
        // No encoder installed: the words alone, as before.
        return match lex {
            Some(h) if h.confidence >= WORDS_ENOUGH && !h.contested => FaqChoice::Answer(h.faq, h.confidence),
            Some(h) if h.confidence >= WORDS_CONFIRM => FaqChoice::Confirm(h.faq, h.confidence),
            _ => FaqChoice::None,
        };
    };
    let top = meaning.first().copied();
    tracing::debug!(lexical = ?lex.map(|h| (h.faq, h.confidence, h.contested)), meaning = ?meaning.iter().map(|m| (m.faq, m.cosine)).collect::<Vec<_>>(), "faq choice");
    let lead = match (meaning.first(), meaning.get(1)) {
        (Some(a), Some(b)) => a.cosine - b.cosine,
        (Some(_), None) => 1.0,
        _ => 0.0,
    };
    if let (Some(h), Some(m)) = (lex, top) {
        if h.faq == m.faq && !h.contested && (h.confidence >= AGREE_WORDS || m.cosine >= AGREE_MEANING) {
            return FaqChoice::Answer(h.faq, h.confidence.max(m.cosine.min(0.9)));
        }
        if h.confidence >= WORDS_ENOUGH && !h.contested && m.cosine >= OFF_TOPIC {
            return FaqChoice::Answer(h.faq, h.confidence);
        }
    }
    if let Some(m) = top.filter(|m| m.cosine >= MEANING_SURE && lead >= MEANING_LEAD) {
        return FaqChoice::Answer(m.faq, m.cosine.min(0.9));
    }
    match (lex, top) {
        (Some(h), _) if h.confidence >= WORDS_CONFIRM => FaqChoice::Confirm(h.faq, h.confidence),
        (_, Some(m)) if m.cosine >= MEANING_CONFIRM => FaqChoice::Confirm(m.faq, m.cosine.min(0.45)),
        _ => FaqChoice::None,
    }
}
