//! The service's counters, gauges and latency histograms, rendered in Prometheus text format.
//!
//! Hand-written rather than the `prometheus-client` crate: about ten fixed series, atomics and
//! one rendering function, no derive macros or registry to learn. Every name starts with
//! `standardiste_`. Labels hold only words chosen by the program (outcomes, refusal reasons),
//! never caller data; at most [`MAX_LABEL_VALUES`] distinct values per family, further values
//! are counted under `other`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Upper bounds of the turn latency buckets, in seconds (`+Inf` is added).
pub const TURN_BUCKETS: [f64; 11] = [0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0];

/// Distinct label values kept per labelled counter before folding into `other`.
pub const MAX_LABEL_VALUES: usize = 32;

pub use crate::call::report::TurnLatency;

/// A histogram over [`TURN_BUCKETS`].
#[derive(Debug, Default)]
struct Histogram {
    /// Observations per bucket, not cumulative; the last one is `+Inf`.
    buckets: [AtomicU64; TURN_BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        let i = TURN_BUCKETS.iter().position(|&b| secs <= b).unwrap_or(TURN_BUCKETS.len());
        self.buckets[i].fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (i, bucket) in self.buckets.iter().enumerate() {
            cumulative += bucket.load(Ordering::Relaxed);
            let le = TURN_BUCKETS.get(i).map_or_else(|| "+Inf".to_string(), |b| b.to_string());
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{le}\"}} {cumulative}");
        }
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum{{{labels}}} {sum}");
        // The count is the +Inf bucket, so that the two always agree.
        let _ = writeln!(out, "{name}_count{{{labels}}} {cumulative}");
    }
}

/// Counters keyed by one label, bounded in size.
#[derive(Debug, Default)]
struct LabelledCounter(Mutex<BTreeMap<String, u64>>);

impl LabelledCounter {
    fn inc(&self, value: &str) {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let key = if map.contains_key(value) || map.len() < MAX_LABEL_VALUES { value } else { "other" };
        *map.entry(key.to_string()).or_default() += 1;
    }

    fn render(&self, out: &mut String, name: &str, label: &str) {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for (value, n) in map.iter() {
            let _ = writeln!(out, "{name}{{{label}=\"{}\"}} {n}", escape(value));
        }
    }
}

/// Escapes a label value (backslash, double quote, newline).
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The service's metrics, shared as `Arc<Metrics>` by the call engine and the HTTP listener.
#[derive(Debug, Default)]
pub struct Metrics {
    calls_started: AtomicU64,
    calls_ended: LabelledCounter,
    calls_refused: LabelledCounter,
    active_calls: AtomicU64,
    turn_recognition: Histogram,
    turn_answer: Histogram,
    turn_synthesis: Histogram,
    turn_total: Histogram,
    recognition_queue_depth: AtomicU64,
    messages_stored: AtomicU64,
    messages_spooled: AtomicU64,
    unanswered_questions: AtomicU64,
}

impl Metrics {
    /// Empty metrics.
    pub fn new() -> Metrics {
        Metrics::default()
    }

    /// A call was answered: counts it and raises the active calls gauge.
    pub fn call_started(&self) {
        self.calls_started.fetch_add(1, Ordering::Relaxed);
        self.active_calls.fetch_add(1, Ordering::Relaxed);
    }

    /// A started call ended with this outcome (e.g. `Outcome::as_str()`): lowers the gauge.
    pub fn call_ended(&self, outcome: &str) {
        self.calls_ended.inc(outcome);
        let _ = self.active_calls.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
    }

    /// A call was refused before it started (e.g. "busy", "forbidden").
    pub fn calls_refused(&self, reason: &str) {
        self.calls_refused.inc(reason);
    }

    /// Calls in progress.
    pub fn active_calls(&self) -> u64 {
        self.active_calls.load(Ordering::Relaxed)
    }

    /// Records one turn's latencies in the `turn_seconds` histograms.
    pub fn observe_turn(&self, t: TurnLatency) {
        self.turn_recognition.observe(t.speech_end_to_text);
        self.turn_answer.observe(t.text_to_answer);
        self.turn_synthesis.observe(t.answer_to_first_audio);
        self.turn_total.observe(t.total);
    }

    /// Utterances waiting for the recogniser now.
    pub fn recognition_queue_depth(&self, n: usize) {
        self.recognition_queue_depth.store(n as u64, Ordering::Relaxed);
    }

    /// A message was written to the database.
    pub fn messages_stored(&self) {
        self.messages_stored.fetch_add(1, Ordering::Relaxed);
    }

    /// A message went to the spool because the database could not be written.
    pub fn messages_spooled(&self) {
        self.messages_spooled.fetch_add(1, Ordering::Relaxed);
    }

    /// The answering core had no answer to a question.
    pub fn unanswered_question(&self) {
        self.unanswered_questions.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        header(&mut out, "build_info", "gauge", "The running version.");
        let _ = writeln!(out, "standardiste_build_info{{version=\"{}\"}} 1", env!("CARGO_PKG_VERSION"));
        simple(&mut out, "calls_started_total", "counter", "Calls answered.", load(&self.calls_started));
        header(&mut out, "calls_ended_total", "counter", "Calls ended, by outcome.");
        self.calls_ended.render(&mut out, "standardiste_calls_ended_total", "outcome");
        header(&mut out, "calls_refused_total", "counter", "Calls refused, by reason.");
        self.calls_refused.render(&mut out, "standardiste_calls_refused_total", "reason");
        simple(&mut out, "active_calls", "gauge", "Calls in progress.", load(&self.active_calls));
        header(
            &mut out,
            "turn_seconds",
            "histogram",
            "Turn latency by stage: recognition (speech end to text), answer (text to answer), \
             synthesis (answer to first audio), total (speech end to first audio).",
        );
        for (stage, h) in
            [("recognition", &self.turn_recognition), ("answer", &self.turn_answer), ("synthesis", &self.turn_synthesis), ("total", &self.turn_total)]
        {
            h.render(&mut out, "standardiste_turn_seconds", &format!("stage=\"{stage}\""));
        }
        simple(&mut out, "recognition_queue_depth", "gauge", "Utterances waiting for the recogniser.", load(&self.recognition_queue_depth));
        simple(&mut out, "messages_stored_total", "counter", "Messages written to the database.", load(&self.messages_stored));
        simple(&mut out, "messages_spooled_total", "counter", "Messages spooled because the database could not be written.", load(&self.messages_spooled));
        simple(&mut out, "unanswered_questions_total", "counter", "Questions the town file had no answer for.", load(&self.unanswered_questions));
        out
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP standardiste_{name} {help}");
    let _ = writeln!(out, "# TYPE standardiste_{name} {kind}");
}

fn simple(out: &mut String, name: &str, kind: &str, help: &str, value: u64) {
    header(out, name, kind, help);
    let _ = writeln!(out, "standardiste_{name} {value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_value(text: &str, series: &str) -> Option<String> {
        text.lines().find_map(|l| l.strip_prefix(series)?.strip_prefix(' ').map(str::to_owned))
    }

    #[test]
    fn histograms_are_cumulative_and_counts_agree() {
        let m = Metrics::new();
        let ms = Duration::from_millis;
        m.observe_turn(TurnLatency { speech_end_to_text: ms(450), text_to_answer: ms(5), answer_to_first_audio: ms(300), total: ms(755) });
        m.observe_turn(TurnLatency { total: Duration::from_secs(9), ..Default::default() });
        let text = m.render();
        let total = |le: &str| line_value(&text, &format!("standardiste_turn_seconds_bucket{{stage=\"total\",le=\"{le}\"}}"));
        assert_eq!(total("0.75").as_deref(), Some("0"));
        assert_eq!(total("1").as_deref(), Some("1"));
        assert_eq!(total("5").as_deref(), Some("1"));
        assert_eq!(total("+Inf").as_deref(), Some("2"));
        let sum = line_value(&text, "standardiste_turn_seconds_sum{stage=\"total\"}").unwrap();
        assert_eq!(sum.parse::<f64>().unwrap(), 9.755);
        let count = line_value(&text, "standardiste_turn_seconds_count{stage=\"recognition\"}");
        assert_eq!(count.as_deref(), Some("2"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(line.starts_with("standardiste_"), "{line}");
        }
    }

    #[test]
    fn calls_and_counters() {
        let m = Metrics::new();
        m.call_started();
        m.call_started();
        m.call_ended("answered");
        m.call_ended("answered");
        m.call_ended("answered"); // one too many: the gauge stays at zero
        m.calls_refused("busy");
        m.calls_refused("a \"quoted\"\nreason");
        m.messages_stored();
        m.messages_spooled();
        m.unanswered_question();
        m.recognition_queue_depth(3);
        let text = m.render();
        let v = |s: &str| line_value(&text, s);
        assert_eq!(v("standardiste_calls_started_total").as_deref(), Some("2"));
        assert_eq!(v("standardiste_active_calls").as_deref(), Some("0"));
        let ended = v("standardiste_calls_ended_total{outcome=\"answered\"}");
        assert_eq!(ended.as_deref(), Some("3"));
        let refused = v("standardiste_calls_refused_total{reason=\"a \\\"quoted\\\"\\nreason\"}");
        assert_eq!(refused.as_deref(), Some("1"));
        assert_eq!(v("standardiste_recognition_queue_depth").as_deref(), Some("3"));
        assert_eq!(v("standardiste_messages_spooled_total").as_deref(), Some("1"));
        assert_eq!(v("standardiste_unanswered_questions_total").as_deref(), Some("1"));
    }

    #[test]
    fn label_values_are_bounded() {
        let m = Metrics::new();
        for i in 0..100 {
            m.calls_refused(&format!("r{i}"));
        }
        let text = m.render();
        let series = text.lines().filter(|l| l.starts_with("standardiste_calls_refused_total{")).count();
        assert_eq!(series, MAX_LABEL_VALUES + 1);
        let other = line_value(&text, "standardiste_calls_refused_total{reason=\"other\"}");
        assert_eq!(other.as_deref(), Some("68"));
    }
}
