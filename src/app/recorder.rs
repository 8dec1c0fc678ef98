//! Keeps what calls report: the store (calls, messages, unanswered questions) and the metrics.
//! No caller words or numbers are logged at info level.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use tokio::sync::mpsc;

use crate::call::report::{CallSummary, Party, Record};
use crate::call::CallId;
use crate::store::{CallRecord, Channel, MessageSaved, NewMessage, Speaker, Store, TranscriptLine, TurnLatencyMs};
use crate::web::Metrics;

/// What is known of a call from its start.
struct Started {
    at: Timestamp,
    channel: Channel,
    caller: Option<String>,
    town: String,
}

/// A prefix that makes this process's call ids unique in the database: ids count from 1 in every
/// process, and several nodes (or one node restarted) write into the same tables.
fn run_prefix() -> String {
    let mut b = [0u8; 4];
    if getrandom::fill(&mut b).is_err() {
        b = (std::process::id() ^ Timestamp::now().subsec_nanosecond() as u32).to_be_bytes();
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Receives every call's records until the channel closes; `town` names calls that did not say theirs.
pub async fn run(mut rx: mpsc::UnboundedReceiver<(CallId, Record)>, store: Arc<Store>, metrics: Arc<Metrics>, town: String) {
    let mut started: HashMap<CallId, Started> = HashMap::new();
    let prefix = run_prefix();
    while let Some((id, r)) = rx.recv().await {
        match r {
            Record::Began { channel, caller, town: call_town } => {
                metrics.call_started();
                let channel = if channel == "web" { Channel::Web } else { Channel::Sip };
                started.insert(id, Started { at: Timestamp::now(), channel, caller, town: call_town.unwrap_or_else(|| town.clone()) });
            }
            Record::Refused => metrics.calls_refused("busy"),
            Record::Turn { intent, latency } => {
                metrics.observe_turn(latency);
                tracing::info!(
                    call = %id,
                    intent = %intent,
                    recognition_ms = latency.speech_end_to_text.as_millis() as u64,
                    answer_ms = latency.text_to_answer.as_millis() as u64,
                    synthesis_ms = latency.answer_to_first_audio.as_millis() as u64,
                    total_ms = latency.total.as_millis() as u64,
                    "turn answered"
                );
            }
            Record::Unanswered(text) => {
                metrics.unanswered_question();
                let (s, town) = (store.clone(), started.get(&id).map_or_else(|| town.clone(), |c| c.town.clone()));
                blocking(move || s.add_unanswered(Timestamp::now(), &town, &text).map(|_| ()), "question left unanswered").await;
            }
            Record::Message(m) => {
                let s = store.clone();
                let call = format!("{prefix}-{id}");
                let msg_town = started.get(&id).map_or_else(|| town.clone(), |c| c.town.clone());
                let saved = tokio::task::spawn_blocking(move || -> Result<MessageSaved, String> {
                    let mut msg = NewMessage::new(&call, Timestamp::now(), &m.text).map_err(|e| e.to_string())?;
                    msg.callback_number = (!m.callback_number.is_empty()).then(|| m.callback_number.clone());
                    msg.caller_name = (!m.name.is_empty()).then(|| m.name.clone());
                    msg.service = m.service.clone();
                    msg.town = Some(msg_town);
                    s.save_message(&msg).map_err(|e| e.to_string())
                })
                .await;
                match saved {
                    Ok(Ok(MessageSaved::Stored(_))) => {
                        metrics.messages_stored();
                        tracing::info!(call = %id, "message stored");
                    }
                    Ok(Ok(MessageSaved::Spooled(_))) => {
                        metrics.messages_spooled();
                        tracing::warn!(call = %id, "the database refused a message: spooled to disk, it will be written later");
                    }
                    Ok(Err(e)) => tracing::error!(call = %id, error = %e, "a message could not be kept"),
                    Err(e) => tracing::error!(call = %id, error = %e, "the message task failed"),
                }
            }
            Record::Ended(summary) => {
                metrics.call_ended(summary.outcome.as_str());
                tracing::info!(call = %id, outcome = summary.outcome.as_str(), turns = summary.turns, "call summary");
                let start = started.remove(&id).unwrap_or_else(|| Started { at: Timestamp::now(), channel: Channel::Sip, caller: None, town: town.clone() });
                let s = store.clone();
                let stored_id = format!("{prefix}-{id}");
                blocking(
                    move || {
                        let caller_hash = start.caller.as_deref().map(|c| s.hash_caller(c));
                        let mut record = call_record(stored_id, &start.at, start.channel, caller_hash, &summary);
                        record.town = Some(start.town);
                        s.record_call(&record)
                    },
                    "call record",
                )
                .await;
            }
        }
    }
}

async fn blocking<E: std::fmt::Display + Send + 'static>(f: impl FnOnce() -> Result<(), E> + Send + 'static, what: &'static str) {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "cannot store the {what}"),
        Err(e) => tracing::warn!(error = %e, "the store task for the {what} failed"),
    }
}

fn call_record(id: String, at: &Timestamp, channel: Channel, caller_hash: Option<crate::store::CallerHash>, s: &CallSummary) -> CallRecord {
    let ms = |d: std::time::Duration| d.as_millis() as u64;
    CallRecord {
        id,
        started_at: *at,
        ended_at: Timestamp::now(),
        channel,
        caller_hash,
        outcome: s.outcome,
        turns: s.turns,
        intents: s.intents.clone(),
        latencies: s
            .latencies
            .iter()
            .map(|l| TurnLatencyMs {
                speech_end_to_text_ms: ms(l.speech_end_to_text),
                text_to_answer_ms: ms(l.text_to_answer),
                answer_to_first_audio_ms: ms(l.answer_to_first_audio),
                total_ms: ms(l.total),
            })
            .collect(),
        transcript: (!s.transcript.is_empty()).then(|| {
            s.transcript
                .iter()
                .map(|(who, text)| TranscriptLine { who: if *who == Party::Caller { Speaker::Caller } else { Speaker::Bot }, text: text.clone() })
                .collect()
        }),
        town: None,
    }
}
