//! Meaning-based FAQ retrieval beside the words: every example question of an entry (and its
//! keywords) as a sentence vector, compared with the caller's question.
//!
//! The encoder is loaded once per process and shared; a town's vectors are made once per text
//! (a process-wide memo), so reloading a town or starting another conversation costs nothing.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use super::adapter;
use super::encoder::{cosine, Encoder};
use super::town::Town;

/// The shared encoder, or None (with one warning) when its model is not installed.
pub fn encoder() -> Option<&'static Encoder> {
    static ENCODER: OnceLock<Option<Encoder>> = OnceLock::new();
    ENCODER
        .get_or_init(|| match Encoder::load_default() {
            Ok(e) => Some(e),
            Err(e) => {
                tracing::warn!(error = %e, "sentence encoder unavailable: FAQ answers use words only");
                None
            }
        })
        .as_ref()
}

/// The embedding of a town file's text, as a question or as a passage to be found, memoised for
/// the life of the process.
fn embed(enc: &Encoder, text: &str, passage: bool) -> Arc<Vec<f32>> {
    type Memo = Mutex<HashMap<(String, bool), Arc<Vec<f32>>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let key = (text.to_string(), passage);
    if let Some(v) = memo.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return v.clone();
    }
    let v = Arc::new(if passage { enc.embed_passage(text) } else { enc.embed_query(text) });
    memo.lock().unwrap_or_else(|p| p.into_inner()).insert(key, v.clone());
    v
}

/// One FAQ entry's closeness in meaning to a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DenseHit {
    /// Index into `town.faqs`.
    pub faq: usize,
    /// Best cosine between the question and one of the entry's texts.
    pub cosine: f32,
}

/// The sentence vectors of a town's FAQ.
#[derive(Clone, Default)]
pub struct DenseIndex {
    /// (FAQ index, vector) for every example question and keyword line.
    vectors: Vec<(usize, Arc<Vec<f32>>)>,
    /// Per FAQ entry, its answer's vector as a passage.
    answers: Vec<Arc<Vec<f32>>>,
}

impl std::fmt::Debug for DenseIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DenseIndex({} vectors)", self.vectors.len())
    }
}

impl DenseIndex {
    /// Embeds every example question and the keywords of each FAQ entry.
    pub fn build(town: &Town, enc: &Encoder) -> DenseIndex {
        let mut vectors = Vec::new();
        let mut answers = Vec::new();
        for (i, f) in town.faqs.iter().enumerate() {
            for q in &f.questions {
                vectors.push((i, embed(enc, q, false)));
            }
            if !f.keywords.is_empty() {
                vectors.push((i, embed(enc, &f.keywords.join(", "), false)));
            }
            answers.push(embed(enc, &f.answer, true));
        }
        DenseIndex { vectors, answers }
    }

    /// Entries ranked by their best cosine to the question's vector; best first, at most `k`.
    pub fn search(&self, query: &[f32], k: usize) -> Vec<DenseHit> {
        let mut best: HashMap<usize, f32> = HashMap::new();
        for (faq, v) in &self.vectors {
            let c = cosine(query, v);
            let e = best.entry(*faq).or_insert(f32::MIN);
            *e = e.max(c);
        }
        let mut hits: Vec<DenseHit> = best.into_iter().map(|(faq, cosine)| DenseHit { faq, cosine }).collect();
        hits.sort_by(|a, b| b.cosine.total_cmp(&a.cosine).then(a.faq.cmp(&b.faq)));
        hits.truncate(k);
        hits
    }
}

/// The vector of every example question and keyword line of a town's FAQ, with its entry's
/// index; None when no encoder is installed (to fit the meaning adapter on the tuned sets).
pub fn phrasings(town: &Town) -> Option<Vec<(usize, Arc<Vec<f32>>)>> {
    let enc = encoder()?;
    Some(index(town, enc).vectors.clone())
}

/// A question's vector as the encoder makes it, before the adapter; None when no encoder is installed.
pub fn query_vector(question: &str) -> Option<Vec<f32>> {
    Some(encoder()?.embed_query(question))
}

/// A question's closeness in meaning to every FAQ entry of a town.
#[derive(Debug, Clone)]
pub struct Meaning {
    /// Entries by their best cosine to the question's phrasings and keywords; best first.
    pub hits: Vec<DenseHit>,
    /// Per entry (index into `town.faqs`), the cosine between the question and its answer.
    pub answer_cosine: Vec<f32>,
}

/// How close in meaning a question is to each FAQ entry; None when no encoder is installed.
pub fn meaning(town: &Town, question: &str) -> Option<Meaning> {
    let enc = encoder()?;
    // Not ready yet: made here, at the caller's priority, reusing what the background thread has
    // embedded so far, rather than waiting on that low-priority thread.
    let index = index(town, enc);
    // The caller's words are embedded afresh, never kept; compared with the example questions
    // once turned by the adapter, with the answers as they are.
    let q = enc.embed_query(question);
    let turned = adapter::adapt(&q);
    Some(Meaning { hits: index.search(&turned, town.faqs.len()), answer_cosine: index.answers.iter().map(|a| cosine(&q, a)).collect() })
}

/// A town's sentence vectors, made on this thread if no one has finished them yet (two threads
/// may both make them; the memo of texts spares the second most of the work).
fn index(town: &Town, enc: &Encoder) -> Arc<DenseIndex> {
    if let Some(index) = town.dense.get() {
        return index.clone();
    }
    let index = Arc::new(DenseIndex::build(town, enc));
    town.dense.get_or_init(|| index).clone()
}

/// Makes a town's sentence vectors (and its respelling) ahead of its first caller. What every
/// caller's first question waits for (the French word list, the town's respelling, the encoder,
/// the thesaurus: a few tenths of a second) is made at once at normal priority: a caller never
/// waits on a thread that a busy machine starves. The vectors follow on one long-lived thread at the lowest
/// priority: a town replaced before its turn (several saves in a row) is skipped. A caller who
/// asks before they are ready makes the rest (a few seconds for a town of 50 entries, right after
/// start or a reload).
pub fn warm(town: Arc<Town>) {
    let spawned = std::thread::Builder::new().name("town-warm".into()).spawn(move || {
        town.respell("");
        encoder();
        super::thesaurus::installed();
        warm_vectors(town);
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot start the town warm-up thread: the first caller loads the word list");
    }
}

/// Hands a town to the low-priority thread that makes its sentence vectors.
fn warm_vectors(town: Arc<Town>) {
    static NEXT: OnceLock<(Mutex<Option<Arc<Town>>>, Condvar)> = OnceLock::new();
    static WORKER: OnceLock<()> = OnceLock::new();
    let slot = NEXT.get_or_init(|| (Mutex::new(None), Condvar::new()));
    *slot.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(town);
    slot.1.notify_one();
    WORKER.get_or_init(|| {
        let spawned = std::thread::Builder::new().name("faq-vectors".into()).spawn(move || {
            yield_to_callers();
            loop {
                let town = {
                    let mut next = slot.0.lock().unwrap_or_else(|p| p.into_inner());
                    loop {
                        if let Some(t) = next.take() {
                            break t;
                        }
                        next = slot.1.wait(next).unwrap_or_else(|p| p.into_inner());
                    }
                };
                if let Some(enc) = encoder() {
                    let t0 = std::time::Instant::now();
                    index(&town, enc);
                    tracing::info!(town = %town.name, ms = t0.elapsed().as_millis() as u64, "FAQ sentence vectors ready");
                }
            }
        });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "cannot start the FAQ vector thread: vectors are made on first use");
        }
    });
}

/// Lowers the calling thread's scheduling priority to the least, so that the recognition and the
/// voice of calls in progress get the cores first (Linux gives each thread its own nice value).
fn yield_to_callers() {
    // SAFETY: setpriority only reads its arguments; `0` names the calling thread on Linux.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
    if rc != 0 {
        tracing::debug!(error = %std::io::Error::last_os_error(), "cannot lower the FAQ vector thread's priority");
    }
}
