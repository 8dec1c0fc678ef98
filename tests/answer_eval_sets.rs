//! The caller-style tuning sets and the held-out corpora as tests: the held-out files are
//! never edited (their checksums are pinned), and neither set may fall below the figures measured
//! when this test was written. The goals (≥ 95 % correct, 0 wrong facts) are not met on these
//! sets yet: these floors catch regressions, the bench (`standardiste bench answers`) reports
//! the figures.

use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use standardiste::answer::Town;
use standardiste::bench::answers::{evaluate_heard, parse_eval, Report};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(town: &str, questions: &str) -> Report {
    let town = Town::load(Path::new(ROOT).join(town)).unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join(questions)).unwrap();
    let eval = parse_eval(&text, questions).unwrap();
    evaluate_heard(Arc::new(town), &eval, None, 1).unwrap()
}

fn merged(sets: &[(&str, &str)]) -> Report {
    let mut all = Report::default();
    for (t, q) in sets {
        all.outcomes.extend(run(t, q).outcomes);
    }
    all
}

/// The sets of `label` merged, their figures printed.
fn figures(label: &str, sets: &[(&str, &str)]) -> Report {
    let r = merged(sets);
    eprintln!("{label}: {:.1} % correct, {} wrong facts, {:.0} % unknown honest", 100.0 * r.accuracy(), r.wrong_facts(), 100.0 * r.unknown_rate());
    r
}

fn unedited(corpus: &str) -> usize {
    let dir = Path::new(ROOT).join(corpus);
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let mut n = 0;
    for line in sums.lines() {
        let (sum, file) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(format!("{:x}", Sha256::digest(&bytes)), sum, "{corpus}/{file} was edited after it was frozen");
        n += 1;
    }
    n
}

#[test]
fn the_held_out_corpora_are_never_edited() {
    assert_eq!(unedited("eval/heldout-2026-11-28"), 8, "four towns and their four question files");
    assert_eq!(unedited("eval/heldout-2026-11-28-b"), 10, "four towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-11-29"), 8, "three towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-11-29-b"), 8, "three towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-01"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-01-b"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-01-c"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-03"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-03-b"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-03-c"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04-b"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04-c"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04-d"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04-e"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-04-f"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-b"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-c"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-d"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-e"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-f"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-05-g"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06-b"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06-c"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06-d"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06-e"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-06-f"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-07"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-08"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-09"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-10"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-11"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-12"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-13"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/dev-2026-12-14"), 6, "two towns, their question files, the README and the self-check");
    assert_eq!(unedited("eval/heldout-2026-12-01-c"), 6, "two towns, their question files, the README and the self-check");
}

#[test]
fn development_towns_of_2026_11_29_hold_their_figures() {
    // Written by a helper who never saw the code; scored once before any tuning, then tuned against.
    let r = figures(
        "development sets",
        &[
            ("eval/dev-2026-11-29/towns/villeroque.toml", "eval/dev-2026-11-29/questions/villeroque.toml"),
            ("eval/dev-2026-11-29/towns/montrougeat.toml", "eval/dev-2026-11-29/questions/montrougeat.toml"),
            ("eval/dev-2026-11-29/towns/havre-aux-basques.toml", "eval/dev-2026-11-29/questions/havre-aux-basques.toml"),
        ],
    );
    // Before any tuning: 70.8 % correct, 114 wrong facts. Tuned against on 2026-11-29: 79.0 %, 76, 85 %.
    assert!(r.accuracy() >= 0.89, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 29, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.84, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn second_development_towns_of_2026_11_29_hold_their_figures() {
    // Written by another helper who never saw the code; scored once before any tuning, then tuned against.
    let r = figures(
        "second development sets",
        &[
            ("eval/dev-2026-11-29-b/towns/vernassieux.toml", "eval/dev-2026-11-29-b/questions/vernassieux.toml"),
            ("eval/dev-2026-11-29-b/towns/les-balmettes.toml", "eval/dev-2026-11-29-b/questions/les-balmettes.toml"),
            ("eval/dev-2026-11-29-b/towns/hettwiller.toml", "eval/dev-2026-11-29-b/questions/hettwiller.toml"),
        ],
    );
    // Before any tuning: 76.3 % correct, 56 wrong facts, 81 % honest. Tuned against: 79.1 %, 51, 85 %.
    assert!(r.accuracy() >= 0.855, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 28, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.82, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn development_towns_of_2026_12_01_hold_their_figures() {
    // Written by a third helper who never saw the code, heavier on collection; scored once before any tuning.
    let r = figures(
        "development sets of 2026-12-01",
        &[
            ("eval/dev-2026-12-01/towns/locarvel.toml", "eval/dev-2026-12-01/questions/locarvel.toml"),
            ("eval/dev-2026-12-01/towns/castera-montbrun.toml", "eval/dev-2026-12-01/questions/castera-montbrun.toml"),
        ],
    );
    // Before any tuning: 80.3 % correct, 29 wrong facts, 92 % honest (collection 75 %). Tuned against: 85.4 %, 21, 95 %.
    assert!(r.accuracy() >= 0.88, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 25, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.9, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn development_towns_of_2026_12_01_b_hold_their_figures() {
    // Written by a fourth helper who never saw the code, heavier on the FAQ in callers' own words;
    // scored once before any tuning.
    let r = figures(
        "development sets of 2026-12-01-b",
        &[
            ("eval/dev-2026-12-01-b/towns/haubourcq-les-forges.toml", "eval/dev-2026-12-01-b/questions/haubourcq-les-forges.toml"),
            ("eval/dev-2026-12-01-b/towns/saint-aurele-du-luberon.toml", "eval/dev-2026-12-01-b/questions/saint-aurele-du-luberon.toml"),
        ],
    );
    // Before any tuning (bfa1722): 67.6 % correct, 30 wrong facts, 100 % honest (FAQ 46 %, hours 75 %).
    // Tuned against: 69.1 %, 31, 100 % (hours 81 %); on 2026-12-01, 79.3 %, 23, 100 % (FAQ weighed by the kind of fact asked).
    assert!(r.accuracy() >= 0.78, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 25, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn development_towns_of_2026_12_01_c_hold_their_figures() {
    // Written by a fifth helper who never saw the code: a Corsican village, a town of French Guiana.
    let r = figures(
        "development sets of 2026-12-01-c",
        &[
            ("eval/dev-2026-12-01-c/towns/castellu-di-tarcu.toml", "eval/dev-2026-12-01-c/questions/castellu-di-tarcu.toml"),
            ("eval/dev-2026-12-01-c/towns/mahury-les-criques.toml", "eval/dev-2026-12-01-c/questions/mahury-les-criques.toml"),
        ],
    );
    // Before any tuning (d11cd10): 86.9 % correct, 22 wrong facts, 88 % honest (FAQ 79 %, collection 89 %).
    assert!(r.accuracy() >= 0.86, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 22, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.88, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn development_towns_of_2026_12_03_hold_their_figures() {
    // Written by a sixth helper who never saw the code: a Normandy commune nouvelle, a commune of La Réunion.
    let r = figures(
        "development sets of 2026-12-03",
        &[
            ("eval/dev-2026-12-03/towns/terres-de-vireval.toml", "eval/dev-2026-12-03/questions/terres-de-vireval.toml"),
            ("eval/dev-2026-12-03/towns/ravine-songe.toml", "eval/dev-2026-12-03/questions/ravine-songe.toml"),
        ],
    );
    // Before any tuning (5f43e22): 86.2 % correct, 16 wrong facts, 100 % honest (FAQ 76 %, collection 85 %).
    // Tuned against on 2026-12-03: 91.2 %, 8, 100 %. A machine whose sentence encoder rounds
    // otherwise gives one wrong fact more with the same rules (9 on 2026-12-06).
    assert!(r.accuracy() >= 0.91, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 9, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn second_development_towns_of_2026_12_03_hold_their_figures() {
    // Written by a seventh helper who never saw the code: a Creuse commune of 300, a Hérault seaside town.
    let r = figures(
        "development sets of 2026-12-03-b",
        &[
            ("eval/dev-2026-12-03-b/towns/la-besse-orlanges.toml", "eval/dev-2026-12-03-b/questions/la-besse-orlanges.toml"),
            ("eval/dev-2026-12-03-b/towns/cap-serane.toml", "eval/dev-2026-12-03-b/questions/cap-serane.toml"),
        ],
    );
    // Before any tuning (8a4a489): 85.9 % correct, 30 wrong facts, 96 % honest (FAQ 79 %, hours 88 %).
    // Tuned against on 2026-12-03: 90.0 %, 10, 96 %.
    assert!(r.accuracy() >= 0.895, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 10, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn caller_style_tuning_sets_hold_their_figures() {
    let r = figures("tuning sets", &[("towns/sample.toml", "eval/dev-sample.toml"), ("tests/data/village.toml", "eval/dev-village.toml")]);
    // Measured on 2026-11-28: 83.9 % correct, 22 wrong facts (at the start of that day: 66.3 % and 73.2 %, 42 wrong);
    // 87.1 % and 19 with the fitted FAQ chooser.
    assert!(r.accuracy() >= 0.93, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 3, "{} wrong facts", r.wrong_facts());
}

#[test]
fn first_held_out_towns_hold_their_figures() {
    // Frozen on 2026-11-28 and held out until 17:20 UTC that day; tuned against since.
    let r = figures(
        "first held-out sets (tuned)",
        &[
            ("eval/heldout-2026-11-28/towns/castelrenne.toml", "eval/heldout-2026-11-28/questions/castelrenne.toml"),
            ("eval/heldout-2026-11-28/towns/orcelle.toml", "eval/heldout-2026-11-28/questions/orcelle.toml"),
            ("eval/heldout-2026-11-28/towns/lautenbourg.toml", "eval/heldout-2026-11-28/questions/lautenbourg.toml"),
            ("eval/heldout-2026-11-28/towns/saint-aurele.toml", "eval/heldout-2026-11-28/questions/saint-aurele.toml"),
        ],
    );
    // Held out: 73.6 % correct, 82 wrong facts, 91 % honest. Tuned against on 2026-11-28: 80.2 %, 75, 89 %.
    // 47 wrong facts with the meaning adapter of 2026-12-01 (46 before; 5 fewer on the frozen sets).
    assert!(r.accuracy() >= 0.87, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 47, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.85, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn frozen_held_out_towns_hold_their_figures() {
    let r = figures(
        "frozen sets",
        &[
            ("eval/heldout-2026-11-28-b/towns/courvilliers.toml", "eval/heldout-2026-11-28-b/questions/courvilliers.toml"),
            ("eval/heldout-2026-11-28-b/towns/plouzennec.toml", "eval/heldout-2026-11-28-b/questions/plouzennec.toml"),
            ("eval/heldout-2026-11-28-b/towns/falkenau.toml", "eval/heldout-2026-11-28-b/questions/falkenau.toml"),
            ("eval/heldout-2026-11-28-b/towns/bois-caraibe.toml", "eval/heldout-2026-11-28-b/questions/bois-caraibe.toml"),
        ],
    );
    // Measured on 2026-11-28: 68.0 % correct, 147 wrong facts, 84 % honest with the code of the
    // moment they were frozen; 75.7 %, 126 and 88 % with the fitted FAQ chooser; on 2026-11-29,
    // 81.5 %, 78 and 89 %; 82.1 %, 73 and 89 % after the tuning on the second development set;
    // 86.5 %, 54 and 93 % on 2026-12-01; 87.9 %, 50 and 94 % with the meaning adapter that evening.
    assert!(r.accuracy() >= 0.87, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 52, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.85, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn third_frozen_held_out_towns_hold_their_figures() {
    let r = figures(
        "frozen sets of 2026-12-01-c",
        &[
            ("eval/heldout-2026-12-01-c/towns/bessancourt-les-vignes.toml", "eval/heldout-2026-12-01-c/questions/bessancourt-les-vignes.toml"),
            ("eval/heldout-2026-12-01-c/towns/montbrenay-la-combe.toml", "eval/heldout-2026-12-01-c/questions/montbrenay-la-combe.toml"),
        ],
    );
    // Written by a helper who never saw the code or any other set; first run, before anyone read a
    // question, at b736264: 89.3 % correct, 12 wrong facts, 100 % honest; 90.9 %, 11 and 100 % with
    // the meaning adapter.
    assert!(r.accuracy() >= 0.89, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 14, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn third_development_towns_of_2026_12_03_hold_their_figures() {
    // Written by an eighth helper who never saw the code: a Savoie ski commune, a Val-de-Marne suburb.
    let r = figures(
        "development sets of 2026-12-03-c",
        &[
            ("eval/dev-2026-12-03-c/towns/villaret-de-pramian.toml", "eval/dev-2026-12-03-c/questions/villaret-de-pramian.toml"),
            ("eval/dev-2026-12-03-c/towns/saint-aubrin-sur-marne.toml", "eval/dev-2026-12-03-c/questions/saint-aubrin-sur-marne.toml"),
        ],
    );
    // Before any tuning (8a54542): 89.7 % correct, 19 wrong facts, 93 % honest (FAQ 83 %, contact 83 %).
    // Tuned against on 2026-12-03: 92.9 %, 6, 96 %.
    assert!(r.accuracy() >= 0.925, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 6, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn development_towns_of_2026_12_04_hold_their_figures() {
    // Written by a ninth helper who never saw the code: a Pas-de-Calais mining town, a Mayotte commune.
    let r = figures(
        "development sets of 2026-12-04",
        &[
            ("eval/dev-2026-12-04/towns/sainte-barbe-les-fosses.toml", "eval/dev-2026-12-04/questions/sainte-barbe-les-fosses.toml"),
            ("eval/dev-2026-12-04/towns/dzoudzaboua.toml", "eval/dev-2026-12-04/questions/dzoudzaboua.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 86.5 % correct, 34 wrong facts, 96 %
    // honest. Tuned against the same day: 87.6 %, 30, 96 %; then 89.7 %, 25, 96 %.
    assert!(r.accuracy() >= 0.895, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 25, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn second_development_towns_of_2026_12_04_hold_their_figures() {
    // Written by a tenth helper who never saw the code: a Martinique commune, a Bas-Rhin wine town.
    let r = figures(
        "development sets of 2026-12-04-b",
        &[
            ("eval/dev-2026-12-04-b/towns/morne-balisier.toml", "eval/dev-2026-12-04-b/questions/morne-balisier.toml"),
            ("eval/dev-2026-12-04-b/towns/rebenheim.toml", "eval/dev-2026-12-04-b/questions/rebenheim.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 81.8 % correct, 34 wrong facts, 96 %
    // honest (FAQ 62 %). Tuned against the same day: 83.6 %, 29, 96 % (FAQ 64.5 %).
    assert!(r.accuracy() >= 0.835, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 29, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn third_development_towns_of_2026_12_04_hold_their_figures() {
    // Written by an eleventh helper who never saw the code: a Val-d'Oise suburb, a Pyrenean village;
    // 95 % of its FAQ questions share at most one content word with their entry.
    let r = figures(
        "development sets of 2026-12-04-c",
        &[
            ("eval/dev-2026-12-04-c/towns/courvilliers.toml", "eval/dev-2026-12-04-c/questions/courvilliers.toml"),
            ("eval/dev-2026-12-04-c/towns/ourdiac.toml", "eval/dev-2026-12-04-c/questions/ourdiac.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 65.3 % correct, 19 wrong facts, 96 %
    // honest (FAQ 20 %). Tuned against the same day: 67.4 %, 14, 96 %.
    assert!(r.accuracy() >= 0.674, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 14, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn fourth_development_towns_of_2026_12_04_hold_their_figures() {
    // Written by a twelfth helper who never saw the code: a Morbihan port town, an Indre commune
    // nouvelle; every FAQ question shares at most one content word with its entry.
    let r = figures(
        "development sets of 2026-12-04-d",
        &[
            ("eval/dev-2026-12-04-d/towns/port-lanvern.toml", "eval/dev-2026-12-04-d/questions/port-lanvern.toml"),
            ("eval/dev-2026-12-04-d/towns/val-de-sinaise.toml", "eval/dev-2026-12-04-d/questions/val-de-sinaise.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 70.3 % correct, 36 wrong facts, 89 %
    // honest (FAQ 37 %). Tuned against the same day: 73.9 %, 24, 93 %.
    assert!(r.accuracy() >= 0.738, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 24, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.92, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn fifth_development_towns_of_2026_12_04_hold_their_figures() {
    // Written by a thirteenth helper who never saw the code: a Puy-de-Dôme spa town, a
    // Seine-Saint-Denis suburb; every FAQ question shares at most one content word with its entry.
    let r = figures(
        "development sets of 2026-12-04-e",
        &[
            ("eval/dev-2026-12-04-e/towns/aubrelles-les-bains.toml", "eval/dev-2026-12-04-e/questions/aubrelles-les-bains.toml"),
            ("eval/dev-2026-12-04-e/towns/sevrigny-sous-bois.toml", "eval/dev-2026-12-04-e/questions/sevrigny-sous-bois.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 63.8 % correct, 35 wrong facts, 96 %
    // honest (FAQ 19 %). Tuned against the same evening: 67.6 %, 20, 96 %; the next night 68.7 %, 14;
    // the next morning 384/556 = 69.1 %, 14.
    // With the rules of the ninth development towns (2026-12-05): 385/556 = 69.2 %, 13. With the
    // thesaurus (2026-12-06): 14 (keeping a father's ashes "près de la famille", said after he
    // wished to rest in the cemetery, is answered with the lost-property entry).
    assert!(r.accuracy() >= 0.692, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 14, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.96, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn sixth_development_towns_of_2026_12_04_hold_their_figures() {
    // Written by a fourteenth helper who never saw the code: a surf and fishing town of the Basque
    // coast, a university town of the west with a tram; every FAQ question shares at most one
    // content word with its entry.
    let r = figures(
        "development sets of 2026-12-04-f",
        &[
            ("eval/dev-2026-12-04-f/towns/itxaslur.toml", "eval/dev-2026-12-04-f/questions/itxaslur.toml"),
            ("eval/dev-2026-12-04-f/towns/verlanges.toml", "eval/dev-2026-12-04-f/questions/verlanges.toml"),
        ],
    );
    // First scored on 2026-12-04, before anyone read a question: 64.9 % correct, 35 wrong facts, 93 %
    // of unanswerable questions honest (FAQ 18 %). Tuned against the same night: 67.4 %, 22, 93 %;
    // the next night 67.9 %, 19; the next morning 411/598 = 68.7 %, 17.
    // With the rules of the ninth development towns (2026-12-05): 412/598 = 68.9 %, 16.
    assert!(r.accuracy() >= 0.688, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 16, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.92, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn seventh_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a fifteenth helper who never saw the code: a Burgundy wine village in a school
    // grouping with two others, a Mediterranean port town with ferries, a fish auction and joutes;
    // every FAQ question shares at most one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05",
        &[
            ("eval/dev-2026-12-05/towns/aubrelay.toml", "eval/dev-2026-12-05/questions/aubrelay.toml"),
            ("eval/dev-2026-12-05/towns/port-capelan.toml", "eval/dev-2026-12-05/questions/port-capelan.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 61.7 % correct, 27 wrong facts, 89 %
    // of unanswerable questions honest (FAQ 16 %, collection 74 %). Tuned against the same night:
    // 65.2 %, 21, 89 %; the next morning 418/630 = 66.3 %, 16.
    // With the rules of the ninth development towns (2026-12-05): 422/630 = 67.0 %, 15.
    assert!(r.accuracy() >= 0.669, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 15, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.89, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn eighth_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a sixteenth helper who never saw the code: a Normandy bocage market town with its
    // cattle market, a Lorraine former steel town of cross-border workers; no FAQ question shares
    // more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05 (b)",
        &[
            ("eval/dev-2026-12-05-b/towns/herouvray.toml", "eval/dev-2026-12-05-b/questions/herouvray.toml"),
            ("eval/dev-2026-12-05-b/towns/marvange.toml", "eval/dev-2026-12-05-b/questions/marvange.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 65.6 % correct, 47 wrong facts
    // (FAQ 27 %, hours 82 %). Tuned against the same morning: 438/648 = 67.6 %, 30, 100 %.
    // With the rules of the ninth development towns (2026-12-05): 445/648 = 68.7 %, 24.
    assert!(r.accuracy() >= 0.686, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 24, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.96, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn ninth_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a seventeenth helper who never saw the code: a Périgord noir village with British
    // residents and a truffle market, a Petite-Camargue village with bulls and a fête votive; no FAQ
    // question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05 (c)",
        &[
            ("eval/dev-2026-12-05-c/towns/bessac.toml", "eval/dev-2026-12-05-c/questions/bessac.toml"),
            ("eval/dev-2026-12-05-c/towns/sauvegrand.toml", "eval/dev-2026-12-05-c/questions/sauvegrand.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 466/658 = 70.8 % correct, 26
    // wrong facts (FAQ 30 %, hours 91 %). Tuned against the same morning: 499/658 = 75.8 %, 14, 100 %;
    // with the rules of the afternoon (the eighteenth corpus's), 507/658 = 77.1 %, 12; with the
    // nineteenth corpus's, 506/658: "le mercredi de la rentrée, l'accueil il ouvre quand ?" was the
    // after-school club ("l'accueil du mercredi") only because "accueil il" was read joined as a
    // likeness of "accueil", which two French words no longer are.
    assert!(r.accuracy() >= 0.768, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 12, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.96, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn tenth_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by an eighteenth helper who never saw the code: a village of the plateau de
    // Millevaches, a commune of an Atlantic island with oyster farmers and a ferry to an islet; no
    // FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05 (d)",
        &[
            ("eval/dev-2026-12-05-d/towns/fauvignac.toml", "eval/dev-2026-12-05-d/questions/fauvignac.toml"),
            ("eval/dev-2026-12-05-d/towns/saint-eutrope.toml", "eval/dev-2026-12-05-d/questions/saint-eutrope.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 409/664 = 61.6 % correct, 44
    // wrong facts (FAQ 17 %, hours 82 %, collection 87 %). Tuned against the same afternoon:
    // 441/664 = 66.4 %, 29 wrong facts (FAQ 19 %, hours 89 %, collection 95 %), 89 % honest.
    assert!(r.accuracy() >= 0.664, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 29, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.89, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn eleventh_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a nineteenth helper who never saw the code: a market town of the Beauce cereal
    // plain, a château and wine town of the Loire valley with troglodyte caves and a ferry called
    // "le bac"; no FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05 (e)",
        &[
            ("eval/dev-2026-12-05-e/towns/sermonville.toml", "eval/dev-2026-12-05-e/questions/sermonville.toml"),
            ("eval/dev-2026-12-05-e/towns/vaurenay.toml", "eval/dev-2026-12-05-e/questions/vaurenay.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 481/680 = 70.7 % correct, 34
    // wrong facts (FAQ 26 %, hours 88 %, collection 98 %). Tuned against the same afternoon:
    // 509/680 = 74.9 %, 17 wrong facts (FAQ 28 %, hours 96 %, collection 99 %), 100 % honest.
    assert!(r.accuracy() >= 0.748, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 17, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twelfth_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a twentieth helper who never saw the code: a former textile valley town of the
    // Hautes-Vosges with a lake, a small ski lift and cross-country trails, a village of the
    // Ardèche gorges with canoes, campsites, a cave and river floods; no FAQ question shares more
    // than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-05 (f)",
        &[
            ("eval/dev-2026-12-05-f/towns/vallorupt.toml", "eval/dev-2026-12-05-f/questions/vallorupt.toml"),
            ("eval/dev-2026-12-05-f/towns/rouveyrac.toml", "eval/dev-2026-12-05-f/questions/rouveyrac.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 826/1,346 = 61.4 % correct, 86
    // wrong facts (FAQ 18 %, hours 86 %, collection 90 %). Tuned against the same evening: 64.5 %,
    // 56 wrong facts (FAQ 18 %, hours 91 %, collection 96 %), 94 % honest; the next run 879 =
    // 65.3 %, 50 wrong facts (hours 93 %); on 2026-12-06 880 = 65.4 %, 49 wrong facts.
    assert!(r.accuracy() >= 0.653, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 49, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.93, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn thirteenth_development_towns_of_2026_12_05_hold_their_figures() {
    // Written by a twenty-first helper who never saw the code: a village of the baie de Somme with
    // tides, seals, hunting huts and a steam train, a poultry market town of the Bresse with its
    // halle, markets, an écomusée and a lake; no FAQ question shares more than one content word
    // with its entry.
    let r = figures(
        "development sets of 2026-12-05 (g)",
        &[
            ("eval/dev-2026-12-05-g/towns/salicourt.toml", "eval/dev-2026-12-05-g/questions/salicourt.toml"),
            ("eval/dev-2026-12-05-g/towns/pontcharvin.toml", "eval/dev-2026-12-05-g/questions/pontcharvin.toml"),
        ],
    );
    // First scored on 2026-12-05, before anyone read a question: 821/1,370 = 59.9 % correct, 94
    // wrong facts (FAQ 20 %, hours 82 %, collection 89 %). Tuned against the same evening: 838 =
    // 61.2 %, 86 wrong facts (FAQ 20 %, hours 85 %, collection 90 %), 85 % honest; on 2026-12-06
    // 850 = 62.0 %, 74 wrong facts (hours 88 %); 75 on a machine whose sentence encoder rounds
    // otherwise, with the same rules.
    assert!(r.accuracy() >= 0.620, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 75, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.85, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn fourteenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-second helper who never saw the code: a village of the Marais poitevin
    // with canals, boats, a chain ferry and an eco-museum, a small foundry town of the Ardennes in
    // the Meuse valley with a lock, a slate museum, firewood rights and a Christmas rink; no FAQ
    // question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06",
        &[
            ("eval/dev-2026-12-06/towns/maillevert.toml", "eval/dev-2026-12-06/questions/maillevert.toml"),
            ("eval/dev-2026-12-06/towns/forgeval.toml", "eval/dev-2026-12-06/questions/forgeval.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 739/1,374 = 53.8 % correct, 97
    // wrong facts (FAQ 20 %, hours 68 %, collection 73 %); spoken 37.7 %, 120 wrong facts. Tuned
    // against the same night: 745 = 54.2 %, 93 wrong facts (hours 70 %), 100 % honest; the next
    // morning 760 = 55.3 %, 82 wrong facts; that afternoon 766 = 55.7 %, 80 wrong facts.
    assert!(r.accuracy() >= 0.557, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 81, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn fifteenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-third helper who never saw the code: a chestnut village on the schist
    // terraces of the Cévennes with a drying house, a silk-mill museum and flash floods, a hunting-
    // and-ponds village of the Sologne with a communal pond, driven hunts and a summer pool; no FAQ
    // question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06 (b)",
        &[
            ("eval/dev-2026-12-06-b/towns/valfrege.toml", "eval/dev-2026-12-06-b/questions/valfrege.toml"),
            ("eval/dev-2026-12-06-b/towns/brinvaux.toml", "eval/dev-2026-12-06-b/questions/brinvaux.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 794/1,372 = 57.9 % correct, 90
    // wrong facts (FAQ 17 %, hours 77 %, collection 96 %, contact 89 %), 89.6 % honest; spoken 40.0 %,
    // 125 wrong facts. Tuned against the next morning: 798 = 58.2 %, 86 wrong facts; that afternoon
    // 827 = 60.3 %, 69 wrong facts (one more allowed: encoders of other machines round apart).
    assert!(r.accuracy() >= 0.602, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 70, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.89, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn sixteenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-fourth helper who never saw the code: a fishing-and-oyster village of the
    // bassin d'Arcachon with a seasonal boat to the Cap Ferret and a lifeguarded beach, a
    // hop-and-brewery village of French Flanders with a windmill, a ducasse and a Christmas rink; no
    // FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06 (c)",
        &[
            ("eval/dev-2026-12-06-c/towns/caupeyre.toml", "eval/dev-2026-12-06-c/questions/caupeyre.toml"),
            ("eval/dev-2026-12-06-c/towns/houblinghem.toml", "eval/dev-2026-12-06-c/questions/houblinghem.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 797/1,372 = 58.1 % correct, 111
    // wrong facts (FAQ 15 %, hours 81 %, collection 90 %, contact 88 %), 92 % honest; spoken 41.1 %,
    // 143 wrong facts. Tuned against the same day: 812 = 59.2 %, 98 wrong facts (one more allowed:
    // encoders of other machines round apart).
    assert!(r.accuracy() >= 0.591, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 99, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.91, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn seventeenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-fifth helper who never saw the code: a flax-growing cliff village of the
    // Pays de Caux with a stair down a valleuse, a cider press and an architect's permanence, a
    // porcelain town of the Limousin with a museum in a globe kiln and a camping by a kaolin quarry;
    // no FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06 (d)",
        &[
            ("eval/dev-2026-12-06-d/towns/sorquetot.toml", "eval/dev-2026-12-06-d/questions/sorquetot.toml"),
            ("eval/dev-2026-12-06-d/towns/bessonnac.toml", "eval/dev-2026-12-06-d/questions/bessonnac.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 733/1,372 = 53.4 % correct, 111
    // wrong facts (FAQ 11 %, hours 69 %, collection 96 %, contact 91 %), 92 % honest; spoken 39.7 %,
    // 128 wrong facts. Tuned against the same day: 750 = 54.7 %, 96 wrong facts (one more allowed:
    // encoders of other machines round apart).
    assert!(r.accuracy() >= 0.546, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 97, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn eighteenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-sixth helper who never saw the code: a canal-and-locks village of the
    // Nivernais with hand-worked locks, boats hired without a licence and a towpath, a cork-oak hill
    // village of the Massif des Maures with brush clearing and a summer fire-risk map; no FAQ
    // question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06 (e)",
        &[
            ("eval/dev-2026-12-06-e/towns/chamvrelle.toml", "eval/dev-2026-12-06-e/questions/chamvrelle.toml"),
            ("eval/dev-2026-12-06-e/towns/castelsuve.toml", "eval/dev-2026-12-06-e/questions/castelsuve.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 775/1,372 = 56.5 % correct, 81
    // wrong facts (FAQ 12 %, hours 77 %, collection 96 %, contact 88 %), 94 % honest; spoken 39.7 %, 112
    // wrong facts (FAQ 6 %, hours 57 %, collection 57 %, contact 64 %). Tuned against the same
    // day: 778 = 56.7 %, 79 wrong facts; then 781 = 56.9 %, 79 (one more allowed: encoders of
    // other machines round apart).
    assert!(r.accuracy() >= 0.568, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 80, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.93, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn nineteenth_development_towns_of_2026_12_06_hold_their_figures() {
    // Written by a twenty-seventh helper who never saw the code: a walnut village of the Isère
    // valley with orchards, a communal oil mill and a harvest weighbridge, a bocage village of the
    // Thiérache with a fortified church, a wicker museum and a greenway; no FAQ question shares
    // more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-06 (f)",
        &[
            ("eval/dev-2026-12-06-f/towns/chalanceau.toml", "eval/dev-2026-12-06-f/questions/chalanceau.toml"),
            ("eval/dev-2026-12-06-f/towns/vaudrecies.toml", "eval/dev-2026-12-06-f/questions/vaudrecies.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: 785/1,372 = 57.2 % correct, 94
    // wrong facts (FAQ 10 %, hours 82 %, collection 93 %, contact 91 %), 94 % honest; spoken 39.1 %,
    // 145 wrong facts (FAQ 4 %, hours 58 %, collection 54 %, contact 71 %). With the thesaurus: 785 =
    // 57.2 %, 91 wrong facts. With the dates, places held and rounds not passed read as said
    // (tuned against these towns): 803 = 58.5 %, 77 wrong facts (one more allowed: encoders of
    // other machines round apart).
    assert!(r.accuracy() >= 0.584, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 78, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.93, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twentieth_development_towns_of_2026_12_07_hold_their_figures() {
    // Written by a twenty-eighth helper who never saw the code: a vanilla-and-lagoon commune of
    // French Polynesia in its own time zone (Pacific/Tahiti, its local holidays written as
    // exceptions), a lakeside harbour town of the Chablais on the Léman; no FAQ question shares
    // more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-07",
        &[
            ("eval/dev-2026-12-07/towns/hitireva.toml", "eval/dev-2026-12-07/questions/hitireva.toml"),
            ("eval/dev-2026-12-07/towns/orsenaz.toml", "eval/dev-2026-12-07/questions/orsenaz.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: with 4dfb32e, 828/1,372 = 60.3 %
    // correct, 97 wrong facts (FAQ 17 %, hours 84 %, collection 89 %, contact 91 %), 96 % honest;
    // with this stop's rules as they stood when it arrived, 829 = 60.4 %, 96 wrong facts. Tuned
    // against ("samedi en huit", "pas venu", "aujourd'hui ou la semaine prochaine", "passe quand",
    // entries of other months or without opening): 841 = 61.3 %, 84 wrong facts (one more allowed:
    // encoders of other machines round apart).
    // On 2026-12-07 a green bin named by its note ("Bac vert" of the sorting round), closures until a
    // day, the phone of a permanence: 860 = 62.7 %, 63 wrong facts.
    assert!(r.accuracy() >= 0.626, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 64, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_first_development_towns_of_2026_12_08_hold_their_figures() {
    // Written by a twenty-ninth helper who never saw the code: a Marian pilgrimage town of the
    // Pyrenees foothills (its local feast written as exceptions), a garrison town of the Champagne
    // plains in the Aube; no FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-08",
        &[
            ("eval/dev-2026-12-08/towns/auberos.toml", "eval/dev-2026-12-08/questions/auberos.toml"),
            ("eval/dev-2026-12-08/towns/corbelles.toml", "eval/dev-2026-12-08/questions/corbelles.toml"),
        ],
    );
    // First scored on 2026-12-06, before anyone read a question: with 75ca180's rules (d9908d7),
    // 859/1,372 = 62.6 % correct, 85 wrong facts (FAQ 22 %, hours 83 %, collection 98 %, contact
    // 89 %), 100 % honest; with this stop's rules as they stood when it arrived, 860 = 62.7 %, 84.
    // Tuned against ("la Nativité", "les saints", "fermé jusqu'à lundi", "le numéro de la
    // permanence", "il finit quand", the deadline to register): 876 = 63.8 %, 71 wrong facts; then
    // (thanks and farewells, "dites à madame … que", "les secouristes sont là jusqu'au soir"): 893 =
    // 65.1 %, 69 wrong facts; then (an office named by its own word, "l'office des combattants"):
    // 901 = 65.7 %, 64 wrong facts (one more allowed: encoders of other machines round apart).
    assert!(r.accuracy() >= 0.656, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 65, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_second_development_towns_of_2026_12_09_hold_their_figures() {
    // Written by a thirtieth helper who never saw the code: a ewe's-cheese cellar village of the
    // Aveyron causses, a new town of the Paris region on the RER beside a theme park; no FAQ
    // question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-09",
        &[
            ("eval/dev-2026-12-09/towns/caussignac.toml", "eval/dev-2026-12-09/questions/caussignac.toml"),
            ("eval/dev-2026-12-09/towns/vernelle.toml", "eval/dev-2026-12-09/questions/vernelle.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with e52fb04's rules, 742/1,372 =
    // 54.1 % correct, 85 wrong facts (FAQ 14 %, hours 75 %, collection 84 %, contact 86 %), 100 %
    // honest; with this stop's rules as they stood when it arrived, 755 = 55.0 %, 83. Tuned
    // against ("le tantôt", "le secrétariat", "dans un quart d'heure", "de quand jusqu'où", "une
    // ligne directe"): 770 = 56.1 %, 77 wrong facts; then ("l'accueil touristique", "le bureau des
    // visiteurs", a round told with the part it serves): 780 = 56.9 %, 73 wrong facts (one more
    // allowed: encoders round apart).
    assert!(r.accuracy() >= 0.568, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 74, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_third_development_towns_of_2026_12_10_hold_their_figures() {
    // Written by a thirty-first helper who never saw the code: a racecourse and training-stables
    // town of the Oise, a remembrance village of the Somme battlefields; no FAQ question shares
    // more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-10",
        &[
            ("eval/dev-2026-12-10/towns/lormeuil.toml", "eval/dev-2026-12-10/questions/lormeuil.toml"),
            ("eval/dev-2026-12-10/towns/vermesnil.toml", "eval/dev-2026-12-10/questions/vermesnil.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with 3d35b55's rules, 826/1,372 =
    // 60.2 % correct, 68 wrong facts (FAQ 10 %, hours 90 %, collection 92 %, contact 96 %), 98 %
    // honest; with this stop's rules as they stood when it arrived, 829 = 60.4 %, 67. Tuned against
    // ("n'ont pas été ramassées", "le car des cimetières", "trouver quelqu'un", "merci de votre
    // aide"): 840 = 61.2 %, 61 wrong facts (one more allowed: encoders round apart).
    assert!(r.accuracy() >= 0.612, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 62, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_fourth_development_towns_of_2026_12_11_hold_their_figures() {
    // Written by a thirty-second helper who never saw the code: a glassmaking and crystal village
    // of the Moselle (alsace-moselle holidays), a rice-growing and salt-works village of the
    // Camargue; no FAQ question shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-11",
        &[
            ("eval/dev-2026-12-11/towns/holderbronn.toml", "eval/dev-2026-12-11/questions/holderbronn.toml"),
            ("eval/dev-2026-12-11/towns/salinelle.toml", "eval/dev-2026-12-11/questions/salinelle.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with 9c7964d's rules, 780/1,372 =
    // 56.9 % correct, 98 wrong facts (FAQ 15 %, hours 77 %, collection 91 %, contact 82 %), 88 %
    // honest; with this stop's rules as they stood when it arrived, 782, 94. Tuned against ("le
    // point information", "à quel numéro de la place", "on peut prendre le bac maintenant"): 798 =
    // 58.2 %, 89 wrong facts (one more allowed: encoders round apart).
    assert!(r.accuracy() >= 0.581, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 90, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.85, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_fifth_development_towns_of_2026_12_12_hold_their_figures() {
    // Written by a thirty-third helper who never saw the code: an aircraft-assembly suburb of
    // Toulouse with shift workers, a Beaujolais wine village; no FAQ question shares more than one
    // content word with its entry.
    let r = figures(
        "development sets of 2026-12-12",
        &[
            ("eval/dev-2026-12-12/towns/mirevent.toml", "eval/dev-2026-12-12/questions/mirevent.toml"),
            ("eval/dev-2026-12-12/towns/tremonceau.toml", "eval/dev-2026-12-12/questions/tremonceau.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with 3d50d3f's rules, 900/1,372 =
    // 65.6 % correct, 68 wrong facts (FAQ 30 %, hours 83 %, collection 93 %, contact 88 %), 96 %
    // honest; the same with this stop's rules as they stood when it arrived. Tuned against ("je
    // peux passer à la poste là", "je voulais acheter des timbres maintenant", "téléphoner à"):
    // 921 = 67.1 %, 59 wrong facts (one more allowed: encoders round apart).
    assert!(r.accuracy() >= 0.671, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 60, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_sixth_development_towns_of_2026_12_13_hold_their_figures() {
    // Written by a thirty-fourth helper who never saw the code: a valley town on the Mont-Blanc
    // tunnel road with its lorry traffic, a university town of the Vienne; no FAQ question shares
    // more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-13",
        &[
            ("eval/dev-2026-12-13/towns/combeloz.toml", "eval/dev-2026-12-13/questions/combeloz.toml"),
            ("eval/dev-2026-12-13/towns/lorvaux.toml", "eval/dev-2026-12-13/questions/lorvaux.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with e620fd0's rules, 855/1,372 =
    // 62.3 % correct, 54 wrong facts (FAQ 18 %, hours 87 %, collection 90 %, contact 95 %), 98 %
    // honest; the same with this stop's rules as they stood when it arrived. Tuned against ("on a
    // jusqu'à quand pour patiner", "puis le tri", "le marché c'est quand le prochain"): 865 =
    // 63.0 %, 47 wrong facts; with the next stop's rules ("on la joint comment", "avenue des
    // facs", "mardi pareil"): 878 = 64.0 %, 44 (one more allowed: encoders round apart).
    assert!(r.accuracy() >= 0.639, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 45, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.95, "unknown honest {:.3}", r.unknown_rate());
}

#[test]
fn twenty_seventh_development_towns_of_2026_12_14_hold_their_figures() {
    // Written by a thirty-fifth helper who never saw the code: the district town hall of an
    // invented ninth sector of Marseille, a book village of the Allier bocage; no FAQ question
    // shares more than one content word with its entry.
    let r = figures(
        "development sets of 2026-12-14",
        &[
            ("eval/dev-2026-12-14/towns/marseille-9e-secteur.toml", "eval/dev-2026-12-14/questions/marseille-9e-secteur.toml"),
            ("eval/dev-2026-12-14/towns/ambreuil.toml", "eval/dev-2026-12-14/questions/ambreuil.toml"),
        ],
    );
    // First scored on 2026-12-07, before anyone read a question: with 8f11b81's rules, 867/1,372 =
    // 63.2 % correct, 70 wrong facts (FAQ 21 %, hours 85 %, collection 94 %, contact 96 %), 92 %
    // honest; the same with this stop's rules written before it was read. Tuned against ("le
    // jardin de la Bastide", "aux Brandes", "l'agence postale est en congé"): 882 = 64.3 %, 65
    // wrong facts (one more allowed: encoders round apart).
    assert!(r.accuracy() >= 0.642, "accuracy {:.3}", r.accuracy());
    assert!(r.wrong_facts() <= 66, "{} wrong facts", r.wrong_facts());
    assert!(r.unknown_rate() >= 0.90, "unknown honest {:.3}", r.unknown_rate());
}
