//! What a call leaves behind for the store and the metrics: turns, latencies, the call's outcome.

use std::time::Duration;

use super::message::LeftMessage;

/// How one turn's answer was reached, from the end of the caller's speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TurnLatency {
    /// End of speech → recognised text.
    pub speech_end_to_text: Duration,
    /// Recognised text → answer chosen (includes the rest of the end-of-turn wait).
    pub text_to_answer: Duration,
    /// Answer chosen → first audio of it sent to the caller.
    pub answer_to_first_audio: Duration,
    /// End of speech → first audio sent: voice to voice, less the network.
    pub total: Duration,
}

/// How a call ended, as the clerks count it (the store's own list).
pub use crate::store::Outcome;

/// Who said a line of the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The resident.
    Caller,
    /// The assistant.
    Assistant,
}

/// The summary of a finished call (no audio; the transcript only where the town keeps it).
#[derive(Debug, Clone, PartialEq)]
pub struct CallSummary {
    /// How it ended.
    pub outcome: Outcome,
    /// Caller turns answered.
    pub turns: u32,
    /// The intent of each turn ("hours", "faq", …).
    pub intents: Vec<String>,
    /// Latency of each answered turn.
    pub latencies: Vec<TurnLatency>,
    /// Who said what (empty unless transcripts are kept).
    pub transcript: Vec<(Party, String)>,
}

/// Something the call asks its shell to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The call was answered (sent by the leg, not the engine).
    Began {
        /// "sip" or "web".
        channel: &'static str,
        /// The caller's number or address as the leg knows it (hashed before it is kept).
        caller: Option<String>,
        /// The town the call was for (`None`: the service's first town).
        town: Option<String>,
    },
    /// The call was refused for lack of capacity (sent by the leg).
    Refused,
    /// A turn was answered: its intent and latency (as soon as its first audio left).
    Turn {
        /// The intent understood.
        intent: String,
        /// Its latency.
        latency: TurnLatency,
    },
    /// A question the town file could not answer (text only).
    Unanswered(String),
    /// A message for the clerks.
    Message(LeftMessage),
    /// The call is over.
    Ended(CallSummary),
}
