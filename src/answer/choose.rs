//! Which FAQ entry answers a question: the words (BM25 retrieval) and the meaning (sentence
//! vectors) weighed together, with thresholds calibrated on the tuning sets (`eval/sets.toml`,
//! status "tuned"; the frozen sets never informed them).

use std::collections::HashSet;

use super::dense;
use super::intent::Words;
use super::kinds;
use super::lexicon;
use super::normalize::{is_stopword, phonetic, stem, tokens};
use super::retrieval;
use super::retrieval::Hit;
use super::senses;
use super::streets::is_common_type;
use super::timeexpr::is_time_word;
use super::town::Town;

/// Lexical confidence from which an entry is given on the words alone.
const WORDS_SURE: f32 = 0.8;
/// Lexical confidence from which an entry is given when the meaning does not object.
const WORDS_ENOUGH: f32 = 0.5;
/// Lexical confidence from which the closest topic is proposed for confirmation.
const WORDS_CONFIRM: f32 = 0.4;

/// Cosine from which the closest entry by meaning is proposed for confirmation.
const MEANING_CONFIRM: f32 = 0.88;
/// Probability from which the chooser's best entry is given outright.
const ANSWER_PROBABILITY: f32 = 0.8;
/// Probability from which the chooser's best entry is proposed for confirmation.
const CONFIRM_PROBABILITY: f32 = 0.3;
/// The chooser's weights: bias, then one per feature of `Candidate::features`, fitted by
/// `scripts/fit_chooser.py` on the tuned sets only (conditional logit), each half of them turned by
/// the meaning adapter fitted on the other half.
const WEIGHTS: (f32, [f32; FEATURES]) =
    (-38.3375, [0.9887, 2.6031, 1.8273, 0.9940, 27.7245, 3.5376, 0.2709, 0.9310, 18.0005, 20.6875, 2.2079, 0.9749, 0.5771, 0.2484, -1.3156]);

/// The chooser's score of a candidate: its log-odds against "none of them".
fn score(c: &Candidate) -> f32 {
    WEIGHTS.0 + c.features().iter().zip(WEIGHTS.1).map(|(x, w)| x * w).sum::<f32>()
}

/// The chooser's probability that each candidate is the entry asked about: the candidates of one
/// question and "none of them" share one probability, so a close rival lowers it.
pub fn probabilities(cands: &[Candidate]) -> Vec<f32> {
    let scores: Vec<f32> = cands.iter().map(score).collect();
    let top = scores.iter().copied().fold(0.0f32, f32::max);
    let weights: Vec<f32> = scores.iter().map(|z| (z - top).exp()).collect();
    let total = (-top).exp() + weights.iter().sum::<f32>();
    weights.iter().map(|w| w / total).collect()
}

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

/// Weighs the lexical hits (every entry the words reach, best first) and the meaning of `text`
/// (its openings already stripped), beside the service it names (an index into `town.services`);
/// never an entry foreign to a subject the question names.
pub fn choose_faq(town: &Town, text: &str, lexical: &[Hit], service: Option<usize>) -> FaqChoice {
    match weigh(town, text, lexical, service) {
        FaqChoice::Answer(f, _) | FaqChoice::Confirm(f, _) if foreign_to(town, f, text) => FaqChoice::None,
        c => c,
    }
}

/// Whether `text` names a subject usually handled elsewhere (`lexicon::elsewhere_subjects`) that
/// entry `faq` never names, in its own words or its service's, and shares no other word with the
/// entry: "la pharmacie de garde" reached "la garderie" by sound alone.
pub fn foreign_to(town: &Town, faq: usize, text: &str) -> bool {
    let words = tokens(text);
    let subjects = lexicon::elsewhere_subjects(&words);
    if subjects.is_empty() {
        return false;
    }
    let f = &town.faqs[faq];
    let service = f.service.as_ref().and_then(|id| town.services.iter().find(|s| &s.id == id));
    let own =
        [f.questions.join(" "), f.keywords.join(" "), f.answer.clone(), service.map(|s| format!("{} {}", s.name, s.aliases.join(" "))).unwrap_or_default()]
            .join(" ");
    // The entry's words, stemmed once.
    let own: HashSet<String> = tokens(&own).iter().map(|t| stem(t)).collect();
    let named = |w: &str| own.contains(&stem(w));
    if subjects.iter().all(|w| named(w)) {
        return false;
    }
    // "un vétérinaire de garde pour mon chien": the one on duty, whatever else the entry shares.
    let on_duty = words.windows(3).any(|t| subjects.contains(&t[0].as_str()) && t[1] == "de" && t[2] == "garde");
    // "il me faut un vétérinaire tout de suite": one of them asked for, not a rule of the town's.
    let wanted = words.iter().enumerate().any(|(i, w)| {
        subjects.contains(&w.as_str())
            && i >= 2
            && matches!(words[i - 1].as_str(), "un" | "une")
            && words[i.saturating_sub(4)..i - 1].iter().any(|x| matches!(x.as_str(), "faut" | "cherche" | "besoin" | "trouver" | "connaissez" | "appeler"))
    });
    if on_duty || wanted {
        return true;
    }
    // The other words of the question, and what they stand for ("décédée": "décès"); not the
    // subject's own complement ("la pharmacie de garde": "garde"), nor a street's kind ("dans la rue").
    let senses = senses::senses(&words);
    let complement = |j: usize| {
        (j.saturating_sub(3)..j)
            .any(|i| subjects.contains(&words[i].as_str()) && words[i + 1..j].iter().all(|x| matches!(x.as_str(), "de" | "du" | "des" | "d" | "la" | "l")))
    };
    // "internet qui marche": the verb, not the market.
    let works = |j: usize, w: &str| matches!(w, "marche" | "marchent") && j > 0 && matches!(words[j - 1].as_str(), "qui" | "ca" | "pas" | "ne" | "plus");
    let topical = |j: usize, w: &str| {
        !is_stopword(w)
            && !works(j, w)
            && !retrieval::is_frame_word(w)
            && !is_time_word(w)
            && !subjects.contains(&w)
            && w.len() > 2
            && !complement(j)
            // Kinds of street: every answer about a round or a road shares them with any question.
            && !is_common_type(w)
            // What any place sells or gives: "l'entrée au musée" is not the pool's.
            && !matches!(w, "entree" | "entrees" | "billet" | "billets" | "ticket" | "tickets" | "cours" | "lecon" | "lecons" | "rendez")
    };
    // What the subject itself stands for does not count: "le fioul" means heating, but an entry on
    // the heating allowance does not sell fuel.
    let meant = senses.iter().enumerate().filter(|(j, _)| !subjects.contains(&words[*j].as_str())).flat_map(|(_, m)| m.iter().copied());
    let mut others = words.iter().enumerate().filter(|(j, w)| topical(*j, w)).map(|(_, w)| w.as_str()).chain(meant);
    !others.any(named)
}

/// The chooser's decision on the words and the meaning.
fn weigh(town: &Town, text: &str, lexical: &[Hit], service: Option<usize>) -> FaqChoice {
    let lex = lexical.first();
    if let Some(h) = lex.filter(|h| h.confidence >= WORDS_SURE && !h.contested) {
        return FaqChoice::Answer(h.faq, h.confidence);
    }
    let Some(cands) = candidates(town, text, lexical, service) else {
        // No encoder installed: the words alone.
        return match lex {
            Some(h) if h.confidence >= WORDS_ENOUGH && !h.contested => FaqChoice::Answer(h.faq, h.confidence),
            Some(h) if h.confidence >= WORDS_CONFIRM => FaqChoice::Confirm(h.faq, h.confidence),
            _ => FaqChoice::None,
        };
    };
    let weighed: Vec<(usize, f32)> = cands.iter().map(|c| c.faq).zip(probabilities(&cands)).collect();
    tracing::debug!(candidates = ?weighed, "faq choice");
    let best = weighed.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    // The closest meaning, when the words say nothing: worth proposing (a "non" costs little).
    let meaning = cands.iter().filter(|c| c.cos_lead > 0.0 && c.cosine >= MEANING_CONFIRM).map(|c| c.faq).next();
    match (best, meaning) {
        (Some((faq, p)), _) if p >= ANSWER_PROBABILITY => FaqChoice::Answer(faq, p),
        (Some((faq, p)), _) if p >= CONFIRM_PROBABILITY => FaqChoice::Confirm(faq, p.min(0.45)),
        (_, Some(faq)) => FaqChoice::Confirm(faq, 0.3),
        _ => FaqChoice::None,
    }
}

/// How many entries of each ranking (words, meaning) are weighed as candidates.
const CANDIDATES_EACH: usize = 4;

/// What is known of one FAQ entry as the answer to a question: the features the chooser weighs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Index into `town.faqs`.
    pub faq: usize,
    /// Lexical confidence (share of the question's information the entry covers).
    pub lex_conf: f32,
    /// Lexical score relative to the best entry's (1 for the best).
    pub lex_rel: f32,
    /// Lexical lead over the best other entry, relative to this entry's score (negative when behind).
    pub lex_lead: f32,
    /// A weighty word of the question is another entry's subject, only mentioned here.
    pub contested: bool,
    /// The weightiest question word among the entry's phrasings and keywords (`Hit::peak`).
    pub peak: f32,
    /// Best cosine between the question and the entry's phrasings.
    pub cosine: f32,
    /// Cosine lead over the best other entry (negative when behind).
    pub cos_lead: f32,
    /// Cosine between the question and the entry's answer.
    pub answer_cos: f32,
    /// That cosine's lead over the best other answer's (negative when behind).
    pub answer_lead: f32,
    /// What a word of the question stands for (a life event, an everyday name: "décédé" for
    /// "décès") is a word of the entry's questions or keywords.
    pub sense: bool,
    /// The question names the entry's own service.
    pub service: bool,
    /// One of the entry's keywords is said whole in the question ("carte d'identité").
    pub keyword: bool,
    /// The question asks for a kind of fact (a price, a time of day) that the entry's answer tells.
    pub kind_fit: bool,
    /// The question asks for a kind of fact that the entry's answer never tells.
    pub kind_miss: bool,
}

impl Candidate {
    /// The features, in the order of the chooser's weights.
    pub fn features(&self) -> [f32; FEATURES] {
        // The lexical ranking counts as far as the words cover the question.
        let agree = (self.lex_lead > 0.0 && self.cos_lead > 0.0) as u8 as f32;
        let c = self.lex_conf;
        [
            c,
            c * self.lex_rel,
            c * self.lex_lead,
            self.contested as u8 as f32,
            self.cosine,
            self.cos_lead,
            c * agree,
            self.peak,
            self.answer_cos,
            self.answer_lead,
            self.sense as u8 as f32,
            self.service as u8 as f32,
            self.keyword as u8 as f32,
            self.kind_fit as u8 as f32,
            self.kind_miss as u8 as f32,
        ]
    }
}

/// Number of features of a candidate.
pub const FEATURES: usize = 15;

/// The entries worth weighing for a question (best by words and best by meaning), with their
/// features; `lexical` is the words' ranking of every entry they reach (`Index::search`). None
/// when no sentence encoder is installed.
pub fn candidates(town: &Town, text: &str, lexical: &[Hit], service: Option<usize>) -> Option<Vec<Candidate>> {
    let dense::Meaning { hits: meaning, answer_cosine } = dense::meaning(town, text)?;
    let top_score = lexical.first().map_or(0.0, |h| h.score);
    let mut picks: Vec<usize> = lexical.iter().take(CANDIDATES_EACH).map(|h| h.faq).collect();
    for m in meaning.iter().take(CANDIDATES_EACH) {
        if !picks.contains(&m.faq) {
            picks.push(m.faq);
        }
    }
    let words = tokens(text);
    let spoken = said(&words);
    let meant: Vec<String> = senses::senses(&words).into_iter().flatten().map(stem).collect();
    let named = service.map(|i| town.services[i].id.as_str());
    let asked = kinds::asked(&Words::new(text));
    let best_other = |skip: usize, v: &mut dyn Iterator<Item = (usize, f32)>| v.filter(|(f, _)| *f != skip).map(|(_, s)| s).fold(0.0f32, f32::max);
    Some(
        picks
            .into_iter()
            .map(|faq| {
                let hit = lexical.iter().find(|h| h.faq == faq);
                let score = hit.map_or(0.0, |h| h.score);
                let other = best_other(faq, &mut lexical.iter().map(|h| (h.faq, h.score)));
                let cosine = meaning.iter().find(|m| m.faq == faq).map_or(0.0, |m| m.cosine);
                let other_cos = best_other(faq, &mut meaning.iter().map(|m| (m.faq, m.cosine)));
                let answer_cos = answer_cosine.get(faq).copied().unwrap_or(0.0);
                let told = town.told[faq];
                let other_answer = best_other(faq, &mut answer_cosine.iter().copied().enumerate());
                Candidate {
                    faq,
                    lex_conf: hit.map_or(0.0, |h| h.confidence),
                    lex_rel: if top_score > 0.0 { score / top_score } else { 0.0 },
                    lex_lead: if score.max(other) > 0.0 { (score - other) / score.max(other) } else { 0.0 },
                    contested: hit.is_some_and(|h| h.contested),
                    peak: hit.map_or(0.0, |h| h.peak),
                    cosine,
                    cos_lead: cosine - other_cos,
                    answer_cos,
                    answer_lead: answer_cos - other_answer,
                    sense: !meant.is_empty() && names_any(town, faq, &meant),
                    service: named.is_some() && town.faqs[faq].service.as_deref() == named,
                    keyword: says_keyword(town, faq, &spoken),
                    kind_fit: asked.meets(told),
                    kind_miss: !asked.is_empty() && !asked.meets(told),
                }
            })
            .collect(),
    )
}

/// A word as the keyword match weighs it: its stem and its phonetic key.
type Said = (String, String);

/// The stem and phonetic key of each of `words` (normalised tokens).
fn said(words: &[String]) -> Vec<Said> {
    words.iter().map(|w| (stem(w), phonetic(w))).collect()
}

/// Whether one of entry `faq`'s keywords is said whole, word for word, in a question (`said`):
/// the same stem, or the same sound for a longer word ("quantine"); a keyword of one word counts
/// from four letters, when it is not a small word.
fn says_keyword(town: &Town, faq: usize, words: &[Said]) -> bool {
    let same = |w: &Said, k: &Said| w.0 == k.0 || (k.1.len() >= 4 && w.1 == k.1);
    town.faqs[faq].keywords.iter().any(|k| {
        let kw = said(&tokens(k));
        match kw.as_slice() {
            [] => false,
            [one] if one.0.len() < 4 || is_stopword(&one.0) => false,
            _ => said_in_a_row(&kw, words, same),
        }
    })
}

/// Whether the words `kw` are said in a row in `words`, each the `same` as its own.
fn said_in_a_row(kw: &[Said], words: &[Said], same: impl Fn(&Said, &Said) -> bool) -> bool {
    words.windows(kw.len()).any(|w| w.iter().zip(kw).all(|(w, k)| same(w, k)))
}

/// Whether `words` say whole a keyword of entry `faq` of two words or more, one not among `names` ("Pôle emploi").
pub fn says_own_keyword(town: &Town, faq: usize, words: &[String], names: &[String]) -> bool {
    let heard = said(words);
    let named: Vec<String> = names.iter().map(|n| stem(n)).collect();
    town.faqs[faq].keywords.iter().any(|k| {
        let kw = said(&tokens(k));
        let own = kw.iter().any(|(st, _)| !is_stopword(st) && !named.contains(st));
        kw.len() >= 2 && own && said_in_a_row(&kw, &heard, |w, k| w.0 == k.0)
    })
}

/// Whether entry `faq`'s questions or keywords hold one of the stems.
pub fn names_any(town: &Town, faq: usize, stems: &[String]) -> bool {
    let f = &town.faqs[faq];
    f.questions.iter().chain(&f.keywords).flat_map(|x| tokens(x)).any(|t| stems.contains(&stem(&t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(lex_conf: f32, lead: f32, cosine: f32, cos_lead: f32) -> Candidate {
        let rel = if lead >= 0.0 { 1.0 } else { 1.0 + lead };
        Candidate {
            faq: 0,
            lex_conf,
            lex_rel: rel,
            lex_lead: lead,
            contested: false,
            peak: lex_conf,
            cosine,
            cos_lead,
            answer_cos: cosine - 0.05,
            answer_lead: cos_lead,
            sense: false,
            service: false,
            keyword: false,
            kind_fit: false,
            kind_miss: false,
        }
    }

    /// A town of one service and the given FAQ entries.
    fn town_with(faqs: &str) -> Town {
        let head = "[town]\nname = \"Essai\"\ntimezone = \"Europe/Paris\"\noperator = \"mairie\"\n[[service]]\nid = \"mairie\"\nname = \"la mairie\"\nhours.monday = [\"09:00-12:00\"]\n";
        Town::parse(&format!("{head}{faqs}"), "t.toml").unwrap()
    }

    fn probability(c: Candidate) -> f32 {
        probabilities(&[c])[0]
    }

    #[test]
    fn agreement_is_sure_and_nothing_is_nothing() {
        // Words and meaning both point to the entry, clearly: given outright.
        assert!(probability(cand(0.7, 0.5, 0.93, 0.03)) >= ANSWER_PROBABILITY);
        // Weak words, a middling meaning, behind another entry: not even proposed.
        assert!(probability(cand(0.1, -0.3, 0.84, -0.02)) < CONFIRM_PROBABILITY);
        // More of either never lowers the probability.
        let base = probability(cand(0.4, 0.2, 0.88, 0.0));
        assert!(probability(cand(0.6, 0.2, 0.88, 0.0)) > base);
        assert!(probability(cand(0.4, 0.2, 0.90, 0.01)) > base);
    }

    #[test]
    fn a_keyword_counts_when_said_whole() {
        let town = town_with(
            r#"
[[faq]]
id = "cni"
questions = ["Comment refaire ma carte d'identité ?"]
keywords = ["carte d'identité", "CNI", "vol", "tarif cantine"]
answer = "Sur rendez-vous."
"#,
        );
        assert!(says_keyword(&town, 0, &said(&tokens("ma carte d'identite est perimee"))));
        assert!(says_keyword(&town, 0, &said(&tokens("et le tarif quantine"))));
        // Part of a keyword is not the keyword; a word of three letters never counts on its own.
        assert!(!says_keyword(&town, 0, &said(&tokens("ma carte grise"))));
        assert!(!says_keyword(&town, 0, &said(&tokens("il me faut une cni"))));
        assert!(!says_keyword(&town, 0, &said(&tokens("on m'a vole mon sac, un vol"))));
    }

    #[test]
    fn a_subject_handled_elsewhere_is_foreign_to_an_entry_sharing_only_a_homograph() {
        let town = town_with(
            r#"
[[faq]]
id = "navette"
questions = ["Y a-t-il une navette pour le marché ?"]
answer = "Une navette emmène les habitants au marché le jeudi matin."
"#,
        );
        // "qui marche" is the verb, not the market.
        assert!(foreign_to(&town, 0, "pourquoi on a pas internet qui marche ici"));
        assert!(!foreign_to(&town, 0, "internet au marché du jeudi"));
    }

    #[test]
    fn an_answer_without_the_kind_of_fact_asked_counts_less() {
        let base = cand(0.5, 0.2, 0.89, 0.01);
        let tells = probability(Candidate { kind_fit: true, ..base });
        let lacks = probability(Candidate { kind_miss: true, ..base });
        assert!(tells > probability(base) && probability(base) > lacks);
    }

    #[test]
    fn a_close_rival_lowers_the_probability() {
        let sure = cand(0.7, 0.5, 0.93, 0.03);
        let rival = Candidate { faq: 1, ..cand(0.6, 0.3, 0.92, 0.01) };
        let shared = probabilities(&[sure, rival]);
        assert!(shared[0] < probability(sure));
        assert!(shared[0] > shared[1]);
        assert!(shared.iter().sum::<f32>() < 1.0);
    }
}
