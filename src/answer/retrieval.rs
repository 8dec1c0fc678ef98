//! Ranked FAQ retrieval: BM25F over questions, keywords and answers, with stems, synonyms and
//! fuzzy/phonetic term matching, and a calibrated confidence.
//!
//! Hand-written rather than the `bm25`/`tantivy` crates: we need query-time expansion of every
//! unknown word to fuzzy and phonetic neighbours (recognition errors), per-field weights, and the
//! per-term IDF mass that the confidence is computed from; the index is a few hundred entries and
//! is rebuilt in well under a millisecond, so a search engine would add weight without help.

use std::collections::HashMap;

use super::normalize::{content_tokens, is_stopword, phonetic, stem, tokens};
use super::senses::senses;
use super::synonyms::expand;
use super::thesaurus;
use super::timeexpr::is_time_word;
use super::town::Town;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const W_QUESTION: f32 = 1.0;
const W_KEYWORD: f32 = 1.6;
const W_ANSWER: f32 = 0.35;
/// How many unknown words of a question count against the confidence.
const MAX_UNKNOWN_WORDS: usize = 2;
/// Weight of words that frame a question ("horaires", "combien") rather than name its subject.
const FRAME_WEIGHT: f32 = 0.3;
/// Share of a question's information a word must carry for its naming another entry to matter.
const CONTESTED_SHARE: f32 = 0.2;
/// Share of a word's information credited when it matches only the answer text.
const ANSWER_ONLY: f32 = 0.4;
/// Most terms an unknown word may reach through the thesaurus and still be taken for one of them.
const THESAURUS_REACH: usize = 6;
/// Weight of a term reached through the thesaurus (a synonym of a hand-written list weighs 0.9).
const THESAURUS_WEIGHT: f32 = 0.6;

/// Words that frame a question (when, how much, opening) rather than say what it is about.
pub fn is_frame_word(w: &str) -> bool {
    matches!(
        w,
        "horaire"
            | "horaires"
            | "ouvert"
            | "ouverte"
            | "ouverts"
            | "ouvertes"
            | "ouvre"
            | "ouvrent"
            | "ferme"
            // The farm ("dans la cour de la ferme") is mostly where the caller is, as little the
            // subject as "ferme" the verb was before the two were told apart.
            | "fermette"
            | "fermee"
            | "fermes"
            | "ferment"
            | "heure"
            | "heures"
            | "combien"
            | "prix"
            | "cout"
            | "coute"
            | "coutent"
            | "tarif"
            | "tarifs"
            | "faire"
            | "demande"
            | "demander"
            | "possible"
            | "normal"
            | "fonctionne"
            | "passer"
            | "aller"
            | "venir"
            | "droit"
            | "faut"
            | "dois"
            | "doit"
            | "peut"
            | "obtenir"
            | "avoir"
            | "besoin"
            | "savoir"
            | "aider"
    )
}

/// How many words of an n-word keyword a question must contain for it to count as a keyword.
fn phrase_quorum(n: usize) -> usize {
    if n <= 2 {
        n
    } else {
        (2 * n).div_ceil(3)
    }
}

/// One ranked FAQ candidate.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Index into `town.faqs`.
    pub faq: usize,
    /// BM25F score.
    pub score: f32,
    /// Confidence in [0, 1] that this entry answers the question.
    pub confidence: f32,
    /// The question also names, as a weighty word, the subject of another entry that this one does
    /// not cover: name the topic rather than state this entry's facts.
    pub contested: bool,
    /// The weightiest question word this entry has in its phrasings or keywords (its share of the
    /// weight of a word found in one entry only): one telling word, however long the sentence.
    pub peak: f32,
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
    /// Per document: term → (weighted tf, found in a question or keyword).
    docs: Vec<HashMap<usize, (f32, bool)>>,
    /// Per document, the same with the words of multi-word keywords weighed as answer words.
    base: Vec<HashMap<usize, (f32, bool)>>,
    /// Per document: the terms of each multi-word keyword ("timbre fiscal").
    phrases: Vec<Vec<Vec<usize>>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    /// Surface word → term id (avoids stemming a word twice).
    surface: HashMap<String, usize>,
    /// Surface words already given a phonetic key.
    seen: std::collections::HashSet<String>,
}

impl Index {
    /// Builds the index of a town's FAQ.
    pub fn build(town: &Town) -> Index {
        let mut ix = Index::default();
        for f in &town.faqs {
            // `doc` holds every field at full weight; `base` holds the words of multi-word keywords
            // at the answer's weight, for when the rest of their phrase is missing from a question.
            let mut doc: HashMap<usize, (f32, bool)> = HashMap::new();
            let mut base: HashMap<usize, (f32, bool)> = HashMap::new();
            let mut phrases: Vec<Vec<usize>> = Vec::new();
            let mut len = 0.0;
            let add =
                |ix: &mut Index, text: &str, w: f32, wb: f32, doc: &mut HashMap<usize, (f32, bool)>, base: &mut HashMap<usize, (f32, bool)>, len: &mut f32| {
                    for word in content_tokens(text) {
                        let id = ix.intern(&word);
                        let e = doc.entry(id).or_default();
                        e.0 += w;
                        e.1 |= w >= W_QUESTION;
                        let e = base.entry(id).or_default();
                        e.0 += wb;
                        e.1 |= wb >= W_QUESTION;
                        *len += w;
                    }
                };
            for q in &f.questions {
                add(&mut ix, q, W_QUESTION, W_QUESTION, &mut doc, &mut base, &mut len);
            }
            for k in &f.keywords {
                let words = content_tokens(k);
                if words.len() >= 2 {
                    let mut ids: Vec<usize> = words.iter().map(|w| ix.intern(w)).collect();
                    ids.dedup();
                    phrases.push(ids);
                    add(&mut ix, k, W_KEYWORD, W_ANSWER, &mut doc, &mut base, &mut len);
                } else {
                    add(&mut ix, k, W_KEYWORD, W_KEYWORD, &mut doc, &mut base, &mut len);
                }
            }
            add(&mut ix, &f.answer, W_ANSWER, W_ANSWER, &mut doc, &mut base, &mut len);
            if let Some(s) = f.service.as_ref().and_then(|id| town.service(id)) {
                add(&mut ix, &s.name, W_ANSWER, W_ANSWER, &mut doc, &mut base, &mut len);
            }
            for t in doc.keys() {
                ix.df[*t] += 1;
            }
            ix.docs.push(doc);
            ix.base.push(base);
            ix.phrases.push(phrases);
            ix.doc_len.push(len);
        }
        let n = ix.docs.len().max(1) as f32;
        ix.avg_len = ix.doc_len.iter().sum::<f32>() / n;
        ix
    }

    fn intern(&mut self, word: &str) -> usize {
        if let Some(&id) = self.surface.get(word) {
            return id;
        }
        let id = self.intern_new(word);
        self.surface.insert(word.to_string(), id);
        id
    }

    fn intern_new(&mut self, word: &str) -> usize {
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
        if word.len() < 4 || word.chars().all(|c| c.is_ascii_digit()) || !self.seen.insert(word.to_string()) {
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

    /// How rare a normalised word is among the town's entries (its IDF; an unknown word's when absent).
    pub fn rarity(&self, word: &str) -> f32 {
        self.vocab.get(&stem(word)).map_or_else(|| self.unknown_idf(), |&id| self.idf(id))
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

    /// The terms an unknown word reaches through the thesaurus ("bicyclette": "vélo"), when they
    /// are few enough to say what it means here (at most `THESAURUS_REACH`), weighed less.
    fn other_words(&self, word: &str) -> Vec<(usize, f32)> {
        let Some(thesaurus) = thesaurus::installed().filter(|_| word.len() >= 4 && !word.chars().any(|c| c.is_ascii_digit())) else {
            return Vec::new();
        };
        let mut ids: Vec<usize> = Vec::new();
        for syn in thesaurus.synonyms(word).iter().filter(|s| s.len() >= 4 && !is_stopword(s)) {
            if let Some(&id) = self.vocab.get(&stem(syn)) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        if ids.len() > THESAURUS_REACH {
            return Vec::new();
        }
        ids.into_iter().map(|id| (id, THESAURUS_WEIGHT)).collect()
    }

    /// Ranks the FAQ entries for a question; best first, at most `k`.
    pub fn search(&self, text: &str, k: usize) -> Vec<Hit> {
        // "ça marche" / "ça fonctionne" frame the question; "marche" is then not the market.
        let all = tokens(text);
        let all_senses = senses(&all);
        let (raw, raw_senses): (Vec<String>, Vec<Vec<&str>>) = all
            .iter()
            .enumerate()
            .filter(|(i, w)| {
                let idiom = *i > 0 && all[i - 1] == "ca" && matches!(w.as_str(), "marche" | "passe" | "va");
                (!is_stopword(w) || !all_senses[*i].is_empty()) && !idiom
            })
            .map(|(i, w)| (w.clone(), all_senses[i].clone()))
            .unzip();
        if raw.is_empty() || self.docs.is_empty() {
            return Vec::new();
        }
        // Words split by the recogniser ("passe port"): join when only the joined form is known.
        let mut words: Vec<String> = Vec::with_capacity(raw.len());
        let mut word_senses: Vec<Vec<&str>> = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if i + 1 < raw.len() {
                let joined = format!("{}{}", raw[i], raw[i + 1]);
                if joined.len() >= 7 && self.knows(&joined) {
                    words.push(joined);
                    word_senses.push([raw_senses[i].clone(), raw_senses[i + 1].clone()].concat());
                    i += 2;
                    continue;
                }
            }
            words.push(raw[i].clone());
            word_senses.push(raw_senses[i].clone());
            i += 1;
        }
        let mut qterms: Vec<QTerm> = Vec::new();
        // Weight of each query word for the confidence (IDF of what it maps to).
        let mut word_mass: Vec<f32> = Vec::with_capacity(words.len());
        let mut frames: Vec<bool> = Vec::with_capacity(words.len());
        // Words the town's entries do not use (unknown, or reached through the thesaurus only).
        let mut unplaced: Vec<bool> = Vec::with_capacity(words.len());
        for (wi, w) in words.iter().enumerate() {
            let mut found = self.lookup(w);
            let unknown = found.is_empty();
            for syn in expand(w) {
                for (id, wt) in self.lookup(syn) {
                    found.push((id, wt * 0.9));
                }
            }
            // What an unknown word stands for in this question (a life event, an everyday name).
            for m in word_senses[wi].iter().filter(|_| unknown) {
                for (id, wt) in self.lookup(m) {
                    found.push((id, wt * 0.85));
                }
            }
            // A word only the thesaurus places weighs what an unknown word weighs: it may lift the
            // entries it reaches, never lower the others' share of the question.
            let bridged = found.is_empty() && {
                found = self.other_words(w);
                !found.is_empty()
            };
            unplaced.push(found.is_empty() || bridged);
            let mut best_mass: f32 = 0.0;
            for (id, wt) in &found {
                if !qterms.iter().any(|q| q.term == *id && q.word == wi) {
                    qterms.push(QTerm { term: *id, weight: *wt, word: wi });
                }
                best_mass = best_mass.max(self.idf(*id));
            }
            let frame = is_frame_word(w);
            frames.push(frame);
            let mass = if found.is_empty() || bridged {
                if frame || is_time_word(w) {
                    0.0
                } else {
                    0.6 * self.unknown_idf()
                }
            } else if frame {
                FRAME_WEIGHT * best_mass
            } else {
                best_mass
            };
            if frame {
                for q in qterms.iter_mut().filter(|q| q.word == wi) {
                    q.weight *= FRAME_WEIGHT;
                }
            }
            word_mass.push(mass);
        }
        // Unknown words say "maybe off-topic"; beyond two they are mostly a long, polite sentence.
        let mut unknown_seen = 0;
        for (wi, m) in word_mass.iter_mut().enumerate() {
            if unplaced[wi] && *m > 0.0 {
                unknown_seen += 1;
                if unknown_seen > MAX_UNKNOWN_WORDS {
                    *m = 0.0;
                }
            }
        }
        let total_mass: f32 = word_mass.iter().sum::<f32>().max(1e-6);

        let mut scored: Vec<(usize, f32, Vec<f32>, Vec<bool>)> = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let norm = K1 * (1.0 - B + B * self.doc_len[d] / self.avg_len.max(1e-6));
            let mut score = 0.0;
            // Per query word: the best matching term in this document (a word counts once).
            let mut per_word: Vec<f32> = vec![0.0; words.len()];
            let mut per_word_mass: Vec<f32> = vec![0.0; words.len()];
            let mut strong: Vec<bool> = vec![false; words.len()];
            // A multi-word keyword counts as a keyword only when most of its words are asked.
            let full: Vec<usize> = self.phrases[d]
                .iter()
                .filter(|p| {
                    let hit = p.iter().filter(|t| qterms.iter().any(|q| q.term == **t)).count();
                    hit >= phrase_quorum(p.len())
                })
                .flatten()
                .copied()
                .collect();
            for q in &qterms {
                let entry = if full.contains(&q.term) { doc.get(&q.term) } else { self.base[d].get(&q.term) };
                if let Some(&(tf, in_qk)) = entry {
                    let idf = self.idf(q.term);
                    let s = q.weight * idf * tf * (K1 + 1.0) / (tf + norm);
                    if s > per_word[q.word] {
                        per_word[q.word] = s;
                        // A word only found in the answer text says less about what the entry is for.
                        let field = if in_qk { 1.0 } else { ANSWER_ONLY };
                        per_word_mass[q.word] = (word_mass[q.word].min(idf * q.weight) * field).min(word_mass[q.word]);
                        strong[q.word] = in_qk;
                    }
                }
            }
            score += per_word.iter().sum::<f32>();
            if score > 0.0 {
                scored.push((d, score, per_word_mass, strong));
            }
        }
        // A word that names another entry's subject (its questions or keywords) says little for an
        // entry that only mentions it in its answer: no credit there, so the two topics stay apart.
        let named_elsewhere: Vec<bool> = (0..words.len()).map(|w| scored.iter().any(|s| s.3[w])).collect();
        let unit = self.unknown_idf().max(1e-6);
        let mut scored: Vec<(usize, f32, f32, bool, f32)> = scored
            .into_iter()
            .map(|(d, score, mass, strong)| {
                let covered: f32 = mass.iter().enumerate().filter(|(w, _)| strong[*w] || !named_elsewhere[*w]).map(|(_, m)| m).sum();
                // Contested: a weighty word of the question is another entry's subject, which this one
                // only mentions in its answer (a neighbouring topic).
                let contested =
                    (0..words.len()).any(|w| named_elsewhere[w] && !strong[w] && mass[w] > 0.0 && !frames[w] && word_mass[w] >= CONTESTED_SHARE * total_mass);
                let peak = (0..words.len()).filter(|w| strong[*w] && !frames[*w]).map(|w| mass[w] / unit).fold(0.0f32, f32::max);
                (d, score, covered / total_mass, contested, peak.min(1.0))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let second = scored.get(1).map_or(0.0, |s| s.1);
        scored
            .iter()
            .take(k)
            .enumerate()
            .map(|(rank, &(faq, score, coverage, contested, peak))| {
                let margin = if rank == 0 && score > 0.0 { ((score - second) / score).clamp(0.0, 1.0) } else { 0.0 };
                // Coverage of the question's information dominates; a clear lead adds a little.
                let confidence = (0.85 * coverage + 0.15 * margin).clamp(0.0, 1.0);
                Hit { faq, score, confidence, contested, peak }
            })
            .collect()
    }
}
