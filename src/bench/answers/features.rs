//! `bench answers --faq-features FILE`: the chooser's candidates for every FAQ and unanswerable
//! question of the sets, with their features and whether each is the expected entry, as a table
//! to fit the chooser's weights on the tuned sets (`scripts/fit_chooser.py`); frozen sets are
//! left out.

use std::io::Write;

use anyhow::Context;

use super::{EvalFile, SetEntry};
use crate::answer::choose::candidates;
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
    for (ci, case) in eval.cases.iter().enumerate() {
        if set.status == "frozen" || !case.context.is_empty() || !matches!(case.intent.as_str(), "faq" | "unknown") {
            continue;
        }
        let expected = if case.intent == "faq" { case.faq.as_deref().unwrap_or("?") } else { "-" };
        for (qi, q) in case.questions.iter().enumerate() {
            let text = town.respell(&strip_openings(q));
            let service = find_service(&Words::new(&text), town).map(|m| m.index);
            let cands = candidates(town, &text, &town.index.search(&text, town.faqs.len()), service)
                .context("the sentence encoder is not installed (scripts/install-models.sh)")?;
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
