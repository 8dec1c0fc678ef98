//! The evaluation sets run as tests, with the goals as thresholds (accuracy, not timing).

use std::sync::Arc;

use standardiste::answer::Town;
use standardiste::bench::answers::{evaluate, parse_eval};

fn check(town: Town, eval: &str, name: &str) {
    let eval = parse_eval(eval, name).unwrap();
    let r = evaluate(Arc::new(town), &eval).unwrap();
    let failures: Vec<String> = r
        .outcomes
        .iter()
        .filter(|o| !o.correct)
        .map(|o| format!("[{}] {:?} → {} {}", o.expected, o.question, o.reply.intent.as_str(), o.reply.answer))
        .collect();
    eprintln!(
        "{name}: accuracy {:.1}%, wrong facts {}, unknown honest {:.1}%\n{}",
        100.0 * r.accuracy(),
        r.wrong_facts(),
        100.0 * r.unknown_rate(),
        failures.join("\n")
    );
    assert!(r.accuracy() >= 0.95, "{name}: accuracy {:.3} < 0.95", r.accuracy());
    assert!(r.unknown_rate() >= 0.95, "{name}: unknown handling {:.3} < 0.95", r.unknown_rate());
    assert_eq!(r.wrong_facts(), WRONG_FACTS_ALLOWED, "{name}: {} wrong facts", r.wrong_facts());
}

/// The goal is zero; the known residual mistakes are listed in the report.
const WRONG_FACTS_ALLOWED: usize = 0;

#[test]
fn sample_town_eval_meets_the_goals() {
    check(Town::sample(), include_str!("../eval/answers-sample.toml"), "eval/answers-sample.toml");
}

#[test]
fn held_out_village_eval_meets_the_goals() {
    let town = Town::load(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/village.toml")).unwrap();
    check(town, include_str!("../eval/answers-village.toml"), "eval/answers-village.toml");
}
