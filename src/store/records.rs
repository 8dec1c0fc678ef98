//! The rows the store keeps: calls, messages, unanswered questions, and their small value types.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The caller's questions were answered and the call ended normally.
    Answered,
    /// The call was handed to a clerk.
    Transferred,
    /// The caller left a message.
    Message,
    /// The caller hung up before anything useful happened.
    Abandoned,
    /// The call was refused (busy, filtered, outside the allowed networks).
    Refused,
    /// The call ended on an internal error.
    Error,
}

impl Outcome {
    /// Every outcome, in a stable order (for tables and statistics).
    pub const ALL: [Outcome; 6] = [Outcome::Answered, Outcome::Transferred, Outcome::Message, Outcome::Abandoned, Outcome::Refused, Outcome::Error];

    /// The word stored in the database and shown in metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Transferred => "transferred",
            Outcome::Message => "message",
            Outcome::Abandoned => "abandoned",
            Outcome::Refused => "refused",
            Outcome::Error => "error",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s).ok_or_else(|| format!("unknown call outcome {s:?}"))
    }
}

/// Where a call came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A telephone call over SIP.
    Sip,
    /// A browser call (WebRTC or text mode).
    Web,
}

impl Channel {
    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sip => "sip",
            Channel::Web => "web",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sip" => Ok(Channel::Sip),
            "web" => Ok(Channel::Web),
            _ => Err(format!("unknown call channel {s:?}")),
        }
    }
}

/// A caller's number, salted and hashed: the only form in which a caller is kept in `calls`.
///
/// Built by [`crate::store::Store::hash_caller`]; there is no way to build one from a clear number
/// without the store's salt.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallerHash(pub(crate) String);

impl CallerHash {
    /// The lowercase hex SHA-256 digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallerHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The latencies of one turn, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnLatencyMs {
    /// End of the caller's speech to recognised text.
    pub speech_end_to_text_ms: u64,
    /// Recognised text to the answer's text.
    pub text_to_answer_ms: u64,
    /// Answer text to the first audio packet sent.
    pub answer_to_first_audio_ms: u64,
    /// End of the caller's speech to the first audio packet sent.
    pub total_ms: u64,
}

/// Who said a line of a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The resident who called.
    Caller,
    /// The switchboard.
    Bot,
}

/// One line of a call transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    /// Who spoke.
    pub who: Speaker,
    /// What was said (recognised text for the caller, answer text for the bot).
    pub text: String,
}

/// One finished call, as the call engine reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    /// Our call id.
    pub id: String,
    /// When the call was answered (or refused).
    pub started_at: Timestamp,
    /// When it ended.
    pub ended_at: Timestamp,
    /// SIP or web.
    pub channel: Channel,
    /// The hashed caller number; `None` when unknown or anonymous.
    pub caller_hash: Option<CallerHash>,
    /// How it ended.
    pub outcome: Outcome,
    /// Caller turns (questions) in the call.
    pub turns: u32,
    /// The intents recognised, in order.
    pub intents: Vec<String>,
    /// Latencies of each turn, in order.
    pub latencies: Vec<TurnLatencyMs>,
    /// What was said; kept only when the town enabled transcripts (dropped by the store otherwise).
    pub transcript: Option<Vec<TranscriptLine>>,
    /// The town the call was for (`[[towns]] name`, or the single town's name).
    pub town: Option<String>,
}

impl CallRecord {
    /// The median of the turns' total latency, if there was a turn.
    pub fn median_total_ms(&self) -> Option<u64> {
        let mut totals: Vec<u64> = self.latencies.iter().map(|l| l.total_ms).collect();
        if totals.is_empty() {
            return None;
        }
        totals.sort_unstable();
        let mid = totals.len() / 2;
        Some(if totals.len() % 2 == 1 { totals[mid] } else { (totals[mid - 1] + totals[mid]) / 2 })
    }
}

/// A message a caller asked to leave, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// A random unique id (32 hex digits): the key that makes a spooled message insert once.
    pub uid: String,
    /// The call it was left in.
    pub call_id: String,
    /// When it was left.
    pub created_at: Timestamp,
    /// The number to call back, in clear: the caller chose to leave it.
    pub callback_number: Option<String>,
    /// The name the caller gave.
    pub caller_name: Option<String>,
    /// The message, as recognised.
    pub transcript: String,
    /// The service it is for (e.g. "état civil"), if known.
    pub service: Option<String>,
    /// The town it was left for.
    pub town: Option<String>,
}

impl NewMessage {
    /// A message with a fresh random uid and no name, number or service.
    pub fn new(call_id: impl Into<String>, created_at: Timestamp, transcript: impl Into<String>) -> Result<NewMessage, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        Ok(NewMessage {
            uid: hex(&bytes),
            call_id: call_id.into(),
            created_at,
            callback_number: None,
            caller_name: None,
            transcript: transcript.into(),
            service: None,
            town: None,
        })
    }
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The row id, used to mark it done.
    pub id: i64,
    /// What was left.
    pub message: NewMessage,
    /// When a clerk marked it done; `None` while open.
    pub done_at: Option<Timestamp>,
}

impl Message {
    /// Whether a clerk has dealt with it.
    pub fn is_done(&self) -> bool {
        self.done_at.is_some()
    }
}

/// Where a message went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageSaved {
    /// In the database, with this row id.
    Stored(i64),
    /// The database could not be written: the message waits in this spool file.
    Spooled(std::path::PathBuf),
}

/// A question the answering core could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    /// The row id.
    pub id: i64,
    /// When it was asked.
    pub created_at: Timestamp,
    /// The town whose file had no answer.
    pub town: String,
    /// The question text, nothing else.
    pub text: String,
}

/// Which towns' rows a query returns (the desk shows each clerk their own towns only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TownScope {
    /// Every town's rows.
    #[default]
    All,
    /// The rows of these towns and, with `untagged`, the rows kept without a town (a single-town
    /// service before it listed towns).
    Towns {
        /// The towns' names (as in `[[towns]] name`).
        names: Vec<String>,
        /// Whether rows without a town belong to these towns.
        untagged: bool,
    },
}

impl TownScope {
    /// The towns named (`None`: every town) and whether rows without a town are in.
    pub(crate) fn filter(&self) -> (Option<&[String]>, bool) {
        match self {
            TownScope::All => (None, true),
            TownScope::Towns { names, untagged } => (Some(names), *untagged),
        }
    }
}

/// Calls per outcome since a moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    counts: [u64; 6],
}

impl OutcomeCounts {
    /// The number of calls with this outcome.
    pub fn get(&self, outcome: Outcome) -> u64 {
        self.counts[outcome as usize]
    }

    /// Adds `n` calls with this outcome.
    pub fn add(&mut self, outcome: Outcome, n: u64) {
        self.counts[outcome as usize] += n;
    }

    /// All calls.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// What [`crate::store::Store::purge`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeCounts {
    /// Call records.
    pub calls: usize,
    /// Messages a clerk had marked done.
    pub done_messages: usize,
    /// Messages nobody marked done before the retention period ran out.
    pub open_messages: usize,
    /// Unanswered questions.
    pub unanswered: usize,
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(o.as_str().parse::<Outcome>().unwrap(), o);
        }
        assert!("fine".parse::<Outcome>().is_err());
        assert_eq!("web".parse::<Channel>().unwrap(), Channel::Web);
    }

    #[test]
    fn median_of_totals() {
        let mut c = CallRecord {
            id: "c".into(),
            started_at: Timestamp::UNIX_EPOCH,
            ended_at: Timestamp::UNIX_EPOCH,
            channel: Channel::Sip,
            caller_hash: None,
            outcome: Outcome::Answered,
            turns: 0,
            intents: vec![],
            latencies: vec![],
            transcript: None,
            town: None,
        };
        assert_eq!(c.median_total_ms(), None);
        for t in [900, 100, 500] {
            c.latencies.push(TurnLatencyMs { total_ms: t, ..Default::default() });
        }
        assert_eq!(c.median_total_ms(), Some(500));
        c.latencies.push(TurnLatencyMs { total_ms: 700, ..Default::default() });
        assert_eq!(c.median_total_ms(), Some(600));
    }

    #[test]
    fn fresh_uids_differ() {
        let a = NewMessage::new("c", Timestamp::UNIX_EPOCH, "x").unwrap();
        let b = NewMessage::new("c", Timestamp::UNIX_EPOCH, "x").unwrap();
        assert_eq!(a.uid.len(), 32);
        assert_ne!(a.uid, b.uid);
    }
}
