//! Printing `bench answers`: one table per set, the tuned and frozen totals apart, and speed.

use std::collections::BTreeMap;
use std::time::Instant;

use super::eval::{Outcome, Report};
use super::SetEntry;
use crate::answer::normalize::normalize;
use crate::answer::Town;

/// Prints one set's figures: per kind, wrong facts, honest unknowns, right after one "oui".
pub fn print_set(set: &SetEntry, town: &Town, written: &Report, spoken: Option<&Report>, failures: bool) {
    println!(
        "\n== {} [{}{}] — {} ({} services, {} FAQ entries, {} streets)",
        set.name,
        set.status,
        set.written.as_deref().map(|w| format!(", written {w}")).unwrap_or_default(),
        town.name,
        town.services.len(),
        town.faqs.len(),
        town.streets.len()
    );
    print_table(&[("written", written)].into_iter().chain(spoken.map(|s| ("spoken", s))).collect::<Vec<_>>());
    if failures && set.status == "frozen" {
        // Reading a frozen set's failures would make it a tuned set.
        println!("(failures of a frozen set are not printed)");
    } else if failures {
        for (how, r) in [("written", Some(written)), ("spoken", spoken)] {
            for o in r.into_iter().flat_map(|r| r.outcomes.iter()).filter(|o| !o.correct) {
                print_failure(how, o);
            }
        }
    }
}

fn print_failure(how: &str, o: &Outcome) {
    let mark = if o.wrong_fact { "✗ WRONG" } else { "✗" };
    let heard = o.heard.as_ref().map(|h| format!(" (heard {h:?})")).unwrap_or_default();
    println!(
        "{mark} {how} [{} {}] {:?}{heard} → {} {:?} {:?}: {}",
        o.expected,
        o.wanted,
        o.question,
        o.reply.intent.as_str(),
        o.reply.service,
        o.reply.faq,
        o.reply.answer
    );
}

/// Width of a report's column: wide enough for "433 → 55 answered".
const COL: usize = 19;

/// One table: per expected kind, then the totals, one column pair per report.
fn print_table(reports: &[(&str, &Report)]) {
    let mut kinds: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, (_, r)) in reports.iter().enumerate() {
        for (k, v) in r.per_intent() {
            kinds.entry(k).or_insert_with(|| vec![(0, 0); reports.len()])[i] = v;
        }
    }
    let head: String = reports.iter().map(|(n, _)| format!("{:>COL$}", n)).collect();
    println!("{:<12}{head}", "kind");
    for (k, v) in &kinds {
        let cols: String = v.iter().map(|(c, t)| format!("{:>COL$}", format!("{c}/{t} {:.0}%", pct(*c, *t)))).collect();
        println!("{k:<12}{cols}");
    }
    let line = |label: &str, f: &dyn Fn(&Report) -> String| {
        let cols: String = reports.iter().map(|(_, r)| format!("{:>COL$}", f(r))).collect();
        println!("{label:<12}{cols}");
    };
    line("correct", &|r| format!("{:.1}%", 100.0 * r.accuracy()));
    line("wrong facts", &|r| r.wrong_facts().to_string());
    line("honest miss", &|r| r.honest_misses().to_string());
    line("  asked back", &|r| r.asked_back().to_string());
    line("unknown ok", &|r| format!("{:.0}% of {}", 100.0 * r.unknown_rate(), r.unknown_count()));
    line("+ after oui", &|r| r.right_after_yes().to_string());
    if reports.iter().any(|(_, r)| r.heard_again.0 > 0) {
        line("heard again", &|r| format!("{} → {} answered", r.heard_again.0, r.heard_again.1));
    }
}

fn pct(c: usize, t: usize) -> f64 {
    100.0 * c as f64 / t.max(1) as f64
}

/// Totals over the tuned sets and over the frozen sets, never mixed.
pub fn print_summary(results: &[(SetEntry, Report, Option<Report>)]) {
    for status in ["tuned", "frozen", "given"] {
        let mine: Vec<&(SetEntry, Report, Option<Report>)> = results.iter().filter(|r| r.0.status == status).collect();
        if mine.is_empty() {
            continue;
        }
        let merge = |spoken: bool| -> Option<Report> {
            let mut all = Report::default();
            for (_, w, s) in &mine {
                let r = if spoken { s.as_ref()? } else { w };
                all.outcomes.extend(r.outcomes.iter().cloned());
                all.heard_again.0 += r.heard_again.0;
                all.heard_again.1 += r.heard_again.1;
            }
            Some(all)
        };
        let written = merge(false).unwrap_or_default();
        let spoken = merge(true);
        let names: Vec<&str> = mine.iter().map(|r| r.0.name.as_str()).collect();
        println!("\n== all {status} sets ({}): {} questions", names.join(", "), written.outcomes.len());
        print_table(&[("written", &written)].into_iter().chain(spoken.as_ref().map(|s| ("spoken", s))).collect::<Vec<_>>());
    }
}

/// Latency per question (the best of `runs` after a warm-up, or one cold run) against a reference
/// in the same run, and the load time of a large town.
pub fn print_speed(results: &[(SetEntry, Report, Option<Report>)], runs: usize) -> anyhow::Result<()> {
    let mut all = Report::default();
    for (_, w, _) in results {
        all.outcomes.extend(w.outcomes.iter().cloned());
    }
    let p50 = all.percentile(0.5);
    let p99 = all.percentile(0.99);
    // Reference in the same run: the cost of normalising the questions alone.
    let t0 = Instant::now();
    let mut n = 0usize;
    for o in &all.outcomes {
        n += normalize(&o.question).len();
    }
    let norm_us = t0.elapsed().as_secs_f64() * 1e6 / all.outcomes.len().max(1) as f64;
    std::hint::black_box(n);
    println!(
        "\nlatency per question ({}, one core): p50 {:.0} µs, p99 {:.0} µs (budget 50000 µs: {:.3}×; {:.1}× the normalisation-only reference of {:.1} µs)",
        if runs > 1 { format!("best of {runs} after a warm-up") } else { "one cold run: --quick".to_string() },
        p50,
        p99,
        p99 / 50000.0,
        p99 / norm_us.max(0.001),
        norm_us
    );
    let big = generated_town(500);
    let mut load_ms = f64::MAX;
    let mut faqs = 0;
    for _ in 0..3 {
        let t0 = Instant::now();
        faqs = Town::parse(&big, "generated-500.toml")?.faqs.len();
        load_ms = load_ms.min(t0.elapsed().as_secs_f64() * 1e3);
    }
    let t0 = Instant::now();
    let _s = Town::sample();
    let sample_ms = t0.elapsed().as_secs_f64() * 1e3;
    println!("load of a {faqs}-entry town (best of 3): {load_ms:.1} ms (budget 200 ms: {:.3}×; sample town: {sample_ms:.1} ms)", load_ms / 200.0);
    Ok(())
}

/// A generated town with `n` FAQ entries (the sample's services, its entries repeated with new ids).
pub fn generated_town(n: usize) -> String {
    let sample = crate::answer::town::SAMPLE_TOML;
    let head_end = sample.find("\n[[faq]]").unwrap_or(sample.len());
    let mut out = String::from(&sample[..head_end]);
    let words = ["vélo", "jardin", "fête", "sport", "musique", "théâtre", "forêt", "rivière", "marché", "école", "santé", "travaux"];
    for i in 0..n {
        let w = words[i % words.len()];
        out.push_str(&format!(
            "\n[[faq]]\nid = \"gen-{i}\"\nservice = \"accueil\"\nquestions = [\"Question {i} sur le {w} de la commune ?\", \"Comment faire pour le {w} numéro {i} ?\"]\nkeywords = [\"{w} {i}\", \"thème {w}\"]\nanswer = \"Pour le {w} numéro {i}, adressez-vous à l'accueil de la mairie. Le dossier est gratuit et traité sous {d} jours.\"\n",
            d = i % 30 + 1
        ));
    }
    out
}
