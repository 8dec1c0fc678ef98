//! An evaluation file of callers' questions, run against a town: each answer checked for its
//! intent, service, FAQ entry and facts.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;

use super::spoken::Heard;
use crate::answer::normalize::normalize;
use crate::answer::{Conversation, Intent, Reply, Town};

/// An evaluation file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalFile {
    /// Default moment of the questions (RFC 3339).
    pub now: String,
    /// Groups of questions sharing an expectation.
    #[serde(rename = "case")]
    pub cases: Vec<Case>,
}

/// Questions with the same expected answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Moment of the question, when it matters.
    pub now: Option<String>,
    /// Turns said before, in the same conversation.
    #[serde(default)]
    pub context: Vec<String>,
    /// Expected intent name ("unknown" for questions the town file cannot answer).
    pub intent: String,
    /// Expected service id.
    pub service: Option<String>,
    /// Expected FAQ id.
    pub faq: Option<String>,
    /// Facts the answer must contain.
    #[serde(default)]
    pub facts: Vec<String>,
    /// The questions, as callers say them.
    pub questions: Vec<String>,
}

/// One question's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The question.
    pub question: String,
    /// Expected intent.
    pub expected: String,
    /// Expected service, FAQ entry and facts, as printed with a failure.
    pub wanted: String,
    /// The reply.
    pub reply: Reply,
    /// Intent, service, FAQ and facts all right.
    pub correct: bool,
    /// A fact was stated that is not the expected one.
    pub wrong_fact: bool,
    /// Not answered at once, but a confirmation question was asked and "oui" gave the right answer.
    pub right_after_yes: bool,
    /// What the recogniser heard, when the question was spoken.
    pub heard: Option<String>,
    /// Time to answer, in microseconds.
    pub micros: f64,
}

/// The evaluation summary.
#[derive(Debug, Default)]
pub struct Report {
    /// Every outcome.
    pub outcomes: Vec<Outcome>,
    /// Spoken turns (questions and their context) whose first hearing the core could not answer.
    pub unplaced: Vec<String>,
    /// Of those, the turns heard again, and the ones whose second hearing was answered.
    pub heard_again: (usize, usize),
}

/// What the recogniser heard of each spoken turn: first, and a second time, wider, for the
/// turns whose first hearing the core could not answer (as a call does).
#[derive(Debug, Clone, Copy)]
pub struct Hearings<'a> {
    /// The first hearing of every turn.
    pub first: &'a Heard,
    /// The wide second hearing of some turns.
    pub again: Option<&'a Heard>,
}

fn states_fact(i: Intent) -> bool {
    matches!(i, Intent::Hours | Intent::Faq | Intent::Collection | Intent::Contact)
}

impl Report {
    /// Share of correct answers.
    pub fn accuracy(&self) -> f64 {
        self.outcomes.iter().filter(|o| o.correct).count() as f64 / self.outcomes.len().max(1) as f64
    }
    /// Number of questions answered right after one "oui" to a confirmation question.
    pub fn right_after_yes(&self) -> usize {
        self.outcomes.iter().filter(|o| o.right_after_yes).count()
    }
    /// Number of answerable questions answered honestly "I don't know" (or a confirmation).
    pub fn honest_misses(&self) -> usize {
        self.outcomes.iter().filter(|o| o.expected != "unknown" && !o.correct && !o.wrong_fact).count()
    }
    /// Number of answerable questions answered by a question back ("Pour quelle rue ?").
    pub fn asked_back(&self) -> usize {
        self.outcomes.iter().filter(|o| o.expected != "unknown" && !o.correct && o.reply.asks_back).count()
    }
    /// Number of answers stating a wrong fact.
    pub fn wrong_facts(&self) -> usize {
        self.outcomes.iter().filter(|o| o.wrong_fact).count()
    }
    /// Share of unanswerable questions answered honestly (no fact stated).
    pub fn unknown_rate(&self) -> f64 {
        let u: Vec<&Outcome> = self.outcomes.iter().filter(|o| o.expected == "unknown").collect();
        u.iter().filter(|o| !states_fact(o.reply.intent)).count() as f64 / u.len().max(1) as f64
    }
    /// Number of unanswerable questions.
    pub fn unknown_count(&self) -> usize {
        self.outcomes.iter().filter(|o| o.expected == "unknown").count()
    }
    /// (correct, total) per expected intent.
    pub fn per_intent(&self) -> BTreeMap<String, (usize, usize)> {
        let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let e = m.entry(o.expected.clone()).or_default();
            e.1 += 1;
            if o.correct {
                e.0 += 1;
            }
        }
        m
    }
    /// Latency percentile in microseconds.
    pub fn percentile(&self, p: f64) -> f64 {
        let mut v: Vec<f64> = self.outcomes.iter().map(|o| o.micros).collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return 0.0;
        }
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
}

/// How many times each question is timed (the minimum is kept).
pub(crate) const TIMING_RUNS: usize = 3;

/// Runs an evaluation file against a town, on the written questions, each timed.
pub fn evaluate(town: Arc<Town>, eval: &EvalFile) -> anyhow::Result<Report> {
    evaluate_heard(town, eval, None, TIMING_RUNS)
}

/// Runs an evaluation file against a town; with `heard`, each question is replaced by its
/// transcript (the question spoken over the phone). Each question is answered `runs` times and
/// the fastest time kept.
pub fn evaluate_heard(town: Arc<Town>, eval: &EvalFile, heard: Option<Hearings>, runs: usize) -> anyhow::Result<Report> {
    let mut report = Report::default();
    for case in &eval.cases {
        let now: jiff::Timestamp =
            case.now.as_deref().unwrap_or(&eval.now).parse().with_context(|| format!("bad `now` in case {:?}", case.questions.first()))?;
        for (k, q) in case.questions.iter().enumerate() {
            let fresh = |report: Option<&mut Report>| {
                let mut conv = Conversation::new(town.clone());
                let mut report = report;
                for c in &case.context {
                    let said = hear(&conv, c, heard, now, report.as_deref_mut());
                    conv.reply(&said, now);
                }
                conv
            };
            // The context turns are the same for each question of the case: counted once.
            let mut conv = fresh(if k == 0 { Some(&mut report) } else { None });
            let said = hear(&conv, q, heard, now, Some(&mut report));
            let t0 = Instant::now();
            let reply = conv.reply(&said, now);
            let mut micros = t0.elapsed().as_secs_f64() * 1e6;
            // Shared, noisy machine: a question's time is the best of a few fresh runs.
            for _ in 1..runs {
                let mut again = fresh(None);
                let t0 = Instant::now();
                std::hint::black_box(again.reply(&said, now));
                micros = micros.min(t0.elapsed().as_secs_f64() * 1e6);
            }
            let correct = is_right(case, &reply);
            // "Pour quelle rue ?" states nothing: asked back, not a wrong fact.
            let wrong_fact = states_fact(reply.intent) && !correct && !reply.asks_back;
            let right_after_yes = !correct && reply.intent == Intent::Unknown && reply.answer.contains("Votre question est-elle") && {
                let yes = conv.reply("oui", now);
                is_right(case, &yes)
            };
            let heard = heard.map(|_| said);
            let wanted = format!("{:?} {:?} {:?}", case.service, case.faq, case.facts);
            report.outcomes.push(Outcome {
                question: q.clone(),
                expected: case.intent.clone(),
                wanted,
                reply,
                correct,
                wrong_fact,
                right_after_yes,
                heard,
                micros,
            });
        }
    }
    Ok(report)
}

/// The words the conversation `conv` gets for the turn `q`: as written; or the first hearing, or
/// the second when the first is not answered and the second is; noted in `report`.
fn hear(conv: &Conversation, q: &String, heard: Option<Hearings>, now: jiff::Timestamp, report: Option<&mut Report>) -> String {
    let Some(h) = heard else {
        return q.clone();
    };
    let first = h.first.get(q).cloned().unwrap_or_else(|| q.clone());
    if conv.clone().reply(&first, now).answers() {
        return first;
    }
    let again = h.again.and_then(|a| a.get(q));
    let answered = again.filter(|a| conv.clone().reply(a, now).answers_heard_again());
    if let Some(r) = report {
        r.unplaced.push(q.clone());
        r.heard_again.0 += usize::from(again.is_some());
        r.heard_again.1 += usize::from(answered.is_some());
    }
    answered.cloned().unwrap_or(first)
}

/// Whether a reply has the case's intent, service, FAQ entry and facts.
fn is_right(case: &Case, reply: &Reply) -> bool {
    let answer = normalize(&reply.answer);
    // Midnight, the end of a day, is said "minuit" and may be written "24 h".
    let said = |f: &str| answer.contains(f) || (f == normalize("24 h") && answer.contains("minuit"));
    let facts_ok = case.facts.iter().all(|f| said(&normalize(f)));
    let intent_ok = reply.intent.as_str() == case.intent;
    let service_ok = case.service.is_none() || case.service == reply.service;
    let faq_ok = case.faq.is_none() || case.faq == reply.faq;
    intent_ok && service_ok && faq_ok && facts_ok
}

/// Parses an evaluation file.
pub fn parse_eval(text: &str, name: &str) -> anyhow::Result<EvalFile> {
    toml::from_str(text).with_context(|| format!("{name}: invalid evaluation file"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Intent;

    #[test]
    fn midnight_written_24_h_is_met_by_minuit_or_24_h() {
        let case = Case {
            now: None,
            context: Vec::new(),
            intent: "hours".into(),
            service: Some("police".into()),
            faq: None,
            facts: vec!["24 h".into()],
            questions: vec!["jusqu'à quelle heure ?".into()],
        };
        let reply = |answer: &str| Reply {
            intent: Intent::Hours,
            service: Some("police".into()),
            faq: None,
            answer: answer.into(),
            confidence: 1.0,
            action: None,
            asks_back: false,
        };
        assert!(is_right(&case, &reply("La police est ouverte de 8 h à minuit.")));
        assert!(is_right(&case, &reply("La police est ouverte de 8 h à 24 h.")));
        assert!(!is_right(&case, &reply("La police est ouverte de 8 h à 20 h.")));
    }
}
