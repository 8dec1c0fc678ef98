//! `bench answers --faq-features FILE`: the chooser's candidates for every FAQ and unanswerable
//! question of the sets, with their features and whether each is the expected entry, as a table
//! to fit the chooser's weights on the tuned sets (`scripts/fit_chooser.py`); frozen sets are
//! left out.

use std::io::Write;

use anyhow::Context;

use super::{Case, EvalFile, SetEntry};
use crate::answer::choose::candidates;
use crate::answer::dense;
use crate::answer::encoder::INSTALL_STEP;
use crate::answer::intent::Words;
use crate::answer::lexicon::strip_openings;
use crate::answer::services::find_service;
use crate::answer::Town;

/// Appends one row per candidate of every context-free FAQ or unknown question of `eval`.
pub fn write(out: &mut impl Write, set: &SetEntry, town: &Town, eval: &EvalFile, first: bool) -> anyhow::Result<()> {
    if first {
        writeln!(
            out,
            "set\tstatus\tquestion\texpected\tcandidate\tlabel\tlex_conf\tlex_rel\tlex_lead\tcontested\tcosine\tcos_lead\tagree\tpeak\tanswer_cos\tanswer_lead\tsense\tservice\tkeyword\tkind_fit\tkind_miss"
        )?;
    }
    for (ci, case, expected) in fitted_cases(set, eval) {
        for (qi, q) in case.questions.iter().enumerate() {
            let text = town.respell(&strip_openings(q));
            let service = find_service(&Words::new(&text), town).map(|m| m.index);
            let cands = candidates(town, &text, &town.index.search(&text, town.faqs.len()), service).with_context(missing)?;
            for c in cands {
                let id = &town.faqs[c.faq].id;
                let label = u8::from(id == expected);
                let f = c.features().map(|x| format!("{x:.4}")).join("\t");
                writeln!(out, "{}\t{}\t{ci}.{qi}\t{expected}\t{id}\t{label}\t{f}", set.name, set.status)?;
            }
        }
    }
    Ok(())
}

/// Appends the vectors the meaning adapter is fitted on (`scripts/fit_adapter.py`): one line per
/// example question or keyword line of the town's FAQ (`P set entry v…`), then one per
/// context-free FAQ or unknown question of `eval` as the chooser embeds it (`Q set expected v…`,
/// `-` when unanswerable). Frozen sets are left out.
pub fn write_vectors(out: &mut impl Write, set: &SetEntry, town: &Town, eval: &EvalFile) -> anyhow::Result<()> {
    if set.status == "frozen" {
        return Ok(());
    }
    let line = |v: &[f32]| v.iter().map(|x| format!("{x:.6}")).collect::<Vec<_>>().join(" ");
    for (faq, v) in dense::phrasings(town).with_context(missing)? {
        writeln!(out, "P\t{}\t{}\t{}", set.name, town.faqs[faq].id, line(&v))?;
    }
    for (_, case, expected) in fitted_cases(set, eval) {
        for q in &case.questions {
            let text = town.respell(&strip_openings(q));
            writeln!(out, "Q\t{}\t{expected}\t{}", set.name, line(&dense::query_vector(&text).with_context(missing)?))?;
        }
    }
    Ok(())
}

/// The cases of a tuned set that the chooser and the adapter are fitted on (context-free FAQ or
/// unknown questions), with their index and expected entry ("-" when unanswerable); none of a
/// frozen set.
fn fitted_cases<'a>(set: &SetEntry, eval: &'a EvalFile) -> impl Iterator<Item = (usize, &'a Case, &'a str)> {
    let tuned = set.status != "frozen";
    eval.cases.iter().enumerate().filter(move |(_, c)| tuned && c.context.is_empty() && matches!(c.intent.as_str(), "faq" | "unknown")).map(|(i, c)| {
        let expected = if c.intent == "faq" { c.faq.as_deref().unwrap_or("?") } else { "-" };
        (i, c, expected)
    })
}

/// The error when no sentence encoder is installed.
fn missing() -> String {
    format!("the sentence encoder is not installed (run {INSTALL_STEP})")
}
