//! Ranked FAQ retrieval: BM25F over questions, keywords and answers, with stems, synonyms and
//! fuzzy/phonetic term matching, and a calibrated confidence.
//!
//! Hand-written rather than the `bm25`/`tantivy` crates: we need query-time expansion of every
//! unknown word to fuzzy and phonetic neighbours (recognition errors), per-field weights, and the
//! per-term IDF mass that the confidence is computed from; the index is a few hundred entries and
//! is rebuilt in well under a millisecond, so a search engine would add weight without help.

use std::collections::HashMap;

use super::normalize::{content_tokens, phonetic, stem};
use super::synonyms::expand;
use super::town::Town;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const W_QUESTION: f32 = 1.0;
const W_KEYWORD: f32 = 1.6;
const W_ANSWER: f32 = 0.35;

/// One ranked FAQ candidate.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Index into `town.faqs`.
    pub faq: usize,
    /// BM25F score.
    pub score: f32,
    /// Confidence in [0, 1] that this entry answers the question.
    pub confidence: f32,
}

/// A query term: a stem with the weight of how it was obtained (typed, synonym, fuzzy).
#[derive(Debug, Clone)]
struct QTerm {
    term: usize,
    weight: f32,
    /// Index of the query word it comes from.
    word: usize,
}

/// The FAQ index of one town.
#[derive(Debug, Clone, Default)]
pub struct Index {
    vocab: HashMap<String, usize>,
    /// Phonetic key of surface words → term ids.
    phon: HashMap<String, Vec<usize>>,
    terms: Vec<String>,
    df: Vec<u32>,
    /// Per document: term → weighted tf.
    docs: Vec<HashMap<usize, f32>>,
    doc_len: Vec<f32>,
    avg_len: f32,
}

impl Index {
    /// Builds the index of a town's FAQ.
    pub fn build(town: &Town) -> Index {
        let mut ix = Index::default();
        for f in &town.faqs {
            let mut doc: HashMap<usize, f32> = HashMap::new();
            let mut len = 0.0;
            let add = |ix: &mut Index, text: &str, w: f32, doc: &mut HashMap<usize, f32>, len: &mut f32| {
                for word in content_tokens(text) {
                    let id = ix.intern(&word);
                    *doc.entry(id).or_default() += w;
                    *len += w;
                }
            };
            for q in &f.questions {
                add(&mut ix, q, W_QUESTION, &mut doc, &mut len);
            }
            for k in &f.keywords {
                add(&mut ix, k, W_KEYWORD, &mut doc, &mut len);
            }
            add(&mut ix, &f.answer, W_ANSWER, &mut doc, &mut len);
            if let Some(s) = f.service.as_ref().and_then(|id| town.service(id)) {
                add(&mut ix, &s.name, W_ANSWER, &mut doc, &mut len);
            }
            for t in doc.keys() {
                ix.df[*t] += 1;
            }
            ix.docs.push(doc);
            ix.doc_len.push(len);
        }
        let n = ix.docs.len().max(1) as f32;
        ix.avg_len = ix.doc_len.iter().sum::<f32>() / n;
        ix
    }

    fn intern(&mut self, word: &str) -> usize {
        let st = stem(word);
        if let Some(&id) = self.vocab.get(&st) {
            self.add_phon(word, id);
            return id;
        }
        let id = self.terms.len();
        self.terms.push(st.clone());
        self.df.push(0);
        self.vocab.insert(st, id);
        self.add_phon(word, id);
        id
    }

    fn add_phon(&mut self, word: &str, id: usize) {
        if word.len() < 4 || word.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let v = self.phon.entry(phonetic(word)).or_default();
        if !v.contains(&id) {
            v.push(id);
        }
    }

    fn idf(&self, term: usize) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.df[term] as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// The IDF a word would have if it were in one document: the weight of an unknown word.
    fn unknown_idf(&self) -> f32 {
        let n = self.docs.len() as f32;
        ((n - 0.5) / 1.5 + 1.0).ln()
    }

    /// Whether a normalised word is known to the index (exactly, by stem).
    pub fn knows(&self, word: &str) -> bool {
        self.vocab.contains_key(&stem(word))
    }

    /// Finds the terms a word stands for: its stem, else fuzzy and phonetic neighbours.
    fn lookup(&self, word: &str) -> Vec<(usize, f32)> {
        let st = stem(word);
        if let Some(&id) = self.vocab.get(&st) {
            return vec![(id, 1.0)];
        }
        let mut out = Vec::new();
        if word.len() >= 4 && !word.chars().all(|c| c.is_ascii_digit()) {
            if let Some(ids) = self.phon.get(&phonetic(word)) {
                out.extend(ids.iter().map(|&i| (i, 0.8)));
            }
            if out.is_empty() && st.len() >= 5 {
                for (i, t) in self.terms.iter().enumerate() {
                    if t.len() >= 5 && strsim::jaro_winkler(&st, t) >= 0.92 {
                        out.push((i, 0.7));
                    }
                }
            }
        }
        out
    }

    /// Ranks the FAQ entries for a question; best first, at most `k`.
    pub fn search(&self, text: &str, k: usize) -> Vec<Hit> {
        let words = content_tokens(text);
        if words.is_empty() || self.docs.is_empty() {
            return Vec::new();
        }
        let mut qterms: Vec<QTerm> = Vec::new();
        // Weight of each query word for the confidence (IDF of what it maps to).
        let mut word_mass: Vec<f32> = Vec::with_capacity(words.len());
        for (wi, w) in words.iter().enumerate() {
            let mut found = self.lookup(w);
            for syn in expand(w) {
                for (id, wt) in self.lookup(syn) {
                    found.push((id, wt * 0.9));
                }
            }
            let mut best_mass: f32 = 0.0;
            for (id, wt) in &found {
                if !qterms.iter().any(|q| q.term == *id && q.word == wi) {
                    qterms.push(QTerm { term: *id, weight: *wt, word: wi });
                }
                best_mass = best_mass.max(self.idf(*id));
            }
            word_mass.push(if found.is_empty() { 0.6 * self.unknown_idf() } else { best_mass });
        }
        let total_mass: f32 = word_mass.iter().sum::<f32>().max(1e-6);

        let mut scored: Vec<(usize, f32, f32)> = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let norm = K1 * (1.0 - B + B * self.doc_len[d] / self.avg_len.max(1e-6));
            let mut score = 0.0;
            // Per query word: the best matching term in this document (a word counts once).
            let mut per_word: Vec<f32> = vec![0.0; words.len()];
            let mut per_word_mass: Vec<f32> = vec![0.0; words.len()];
            for q in &qterms {
                if let Some(&tf) = doc.get(&q.term) {
                    let idf = self.idf(q.term);
                    let s = q.weight * idf * tf * (K1 + 1.0) / (tf + norm);
                    if s > per_word[q.word] {
                        per_word[q.word] = s;
                        per_word_mass[q.word] = word_mass[q.word].min(idf) * q.weight;
                    }
                }
            }
            score += per_word.iter().sum::<f32>();
            if score > 0.0 {
                let covered: f32 = per_word_mass.iter().sum();
                scored.push((d, score, covered / total_mass));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let second = scored.get(1).map_or(0.0, |s| s.1);
        scored
            .iter()
            .take(k)
            .enumerate()
            .map(|(rank, &(faq, score, coverage))| {
                let margin = if rank == 0 && score > 0.0 { ((score - second) / score).clamp(0.0, 1.0) } else { 0.0 };
                // Coverage of the question's information dominates; a clear lead adds a little.
                let confidence = (0.85 * coverage + 0.15 * margin).clamp(0.0, 1.0);
                Hit { faq, score, confidence }
            })
            .collect()
    }
}
