//! The call engine: one call's conversation, sans-IO, knowing nothing of SIP, RTP or browsers.
//!
//! Fed with 20 ms audio frames, keys, recognition results, playback progress, transfer results
//! and the clock (`handle_*`); drained with [`CallEngine::poll_output`], which ends each drain with
//! [`Output::Timeout`], the next instant at which `handle_timeout` must be called. It owns its
//! parts (turn-taking, the end-of-turn policy, the conversation, playout tracking) and reports
//! their soonest deadline itself. Recognition and synthesis are asked for as outputs: the shell
//! runs them and reports back, so the engine stays deterministic and fast to test.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::endpoint::{completeness, Completeness, EndOfTurn, Expecting};
use super::message::{self, prompts, LeftMessage, Step};
use super::prompts as say;
use super::report::{CallSummary, Outcome, Party, Record, TurnLatency};
use super::turn::{TurnEvent, TurnSettings, TurnTaker};
use crate::answer::intent::{self, Words};
use crate::answer::{Action, Conversation, Intent, Reply, Town};
use crate::speech::audio::Audio;
use crate::speech::vad::VoiceActivity;

mod speaking;
mod turn_end;

/// Settings of the call engine.
#[derive(Debug, Clone)]
pub struct EngineSettings {
    /// The caller's turn-taking thresholds.
    pub turn: TurnSettings,
    /// When a pause ends the caller's turn.
    pub end_of_turn: EndOfTurn,
    /// Smart Turn probability under which a complete-looking sentence still waits (`Hesitant`).
    pub turn_end_threshold: f32,
    /// After the end of a question's speech, how long a caller who goes on is still finishing it:
    /// our answer stops and the question is heard again with the rest.
    pub continuation: Duration,
    /// Silence after an answer before a gentle reprompt (then the menu, then goodbye).
    pub silence_reprompt: Duration,
    /// How much slower each "plus lentement" makes the voice.
    pub slower_step: f32,
    /// The slowest speaking rate.
    pub slowest: f32,
    /// The longest a goodbye may take before we hang up anyway.
    pub goodbye_limit: Duration,
    /// The longest we wait for a transfer's result.
    pub transfer_limit: Duration,
    /// Whether the call's transcript is kept (the town's choice).
    pub keep_transcript: bool,
    /// Days the store keeps calls (said in the personal-data notice).
    pub retention_days: u32,
    /// Services offered on the keypad menu.
    pub menu_size: usize,
    /// Whether words the answering core cannot place are heard a second time with a wider search.
    pub hear_again: bool,
}

impl Default for EngineSettings {
    fn default() -> Self {
        Self {
            turn: TurnSettings::default(),
            end_of_turn: EndOfTurn::default(),
            turn_end_threshold: 0.5,
            continuation: Duration::from_millis(2000),
            silence_reprompt: Duration::from_secs(9),
            slower_step: 0.15,
            slowest: 0.6,
            goodbye_limit: Duration::from_secs(12),
            transfer_limit: Duration::from_secs(40),
            keep_transcript: false,
            retention_days: 30,
            hear_again: true,
            menu_size: 5,
        }
    }
}

/// What the engine asks of its shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Synthesise and play this sentence after the ones already queued; report `handle_speech_*`.
    Speak {
        /// Identifies the sentence in `handle_speech_started` / `handle_speech_done`.
        id: u64,
        /// French text.
        text: String,
        /// Speaking rate (1.0 normal, lower is slower).
        rate: f32,
    },
    /// Stop playing now and drop every queued sentence (barge-in).
    StopSpeaking,
    /// Recognise this audio and report it with `handle_transcript(job, …)`.
    Recognize {
        /// Job number (later jobs make earlier ones useless).
        job: u64,
        /// The caller's words so far.
        audio: Audio,
        /// What the recogniser reads first: the call's town vocabulary, then the question we last
        /// asked when the caller is answering one (helps hear a bare "oui").
        context: Option<String>,
        /// Search a beam of readings (slower, fewer errors): the second hearing of words that
        /// the answering core could not place.
        wide: bool,
    },
    /// Blind-transfer the call; report `handle_transfer_result`.
    Transfer {
        /// Where to (the service's `transfer` address).
        target: String,
    },
    /// Keep this (store, metrics).
    Store(Record),
    /// Show this line of the conversation as it happens (live captions): what the caller said as
    /// recognised, or what the assistant says.
    Caption {
        /// Who said it.
        who: Party,
        /// The words.
        text: String,
    },
    /// End the call.
    HangUp,
    /// Call `handle_timeout` at this instant.
    Timeout(Instant),
}

#[derive(Debug, Clone, PartialEq)]
enum After {
    Listen,
    Transfer(String),
    HangUp,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Setup,
    Live,
    Transferring { deadline: Instant },
    Leaving { deadline: Instant },
    Ended,
}

#[derive(Debug)]
struct Pending {
    job: u64,
    speech_end: Instant,
    text: Option<(String, Instant)>,
    end_at: Option<Instant>,
    /// The answer worked out while waiting to know whether the turn is over, with the conversation
    /// as it stands after it: used as is when the turn ends on the same words.
    draft: Option<Box<(Conversation, Reply)>>,
    /// The audio and context to hear again, wider, if the first reading is not understood.
    again: Option<Box<(Audio, String)>>,
    /// The job of the second hearing under way, when the first words alone would end the turn,
    /// and whether they dangled (a caller pausing mid-sentence: the second hearing never ends
    /// the turn sooner).
    wide: Option<(u64, Instant, bool)>,
    /// Smart Turn's verdict on the first reading.
    end_probability: Option<f32>,
}

/// A question answered while the caller might still go on: taken back if they do.
#[derive(Debug)]
struct Early {
    /// The words answered.
    text: String,
    /// When the caller stopped saying them.
    speech_end: Instant,
    /// The conversation before the answer.
    before: Conversation,
    /// Whether the caller has started talking again within the window.
    resumed: bool,
}

#[derive(Debug, Clone, Copy)]
struct Stamp {
    speech_end: Instant,
    text_at: Instant,
    answer_at: Instant,
    first_id: u64,
}

/// The recogniser's context for the caller's answer to `question`: the question itself, after "Oui. Non."
/// when it asks for a yes or a no (a bare "oui" on a phone line is otherwise often heard as "hum").
fn heard_after(question: &str) -> String {
    let w = Words::new(question);
    let open = w.any(&["quel", "quelle", "quels", "quelles", "comment", "ou", "quand", "combien", "pourquoi", "qui", "quoi", "lequel", "laquelle"]);
    if open {
        question.to_string()
    } else {
        format!("Oui. Non. {question}")
    }
}

/// One call's conversation; see the module documentation.
#[derive(Debug)]
pub struct CallEngine {
    settings: EngineSettings,
    conv: Conversation,
    turn: TurnTaker,
    rate: u32,
    clock: (Instant, Timestamp),
    now: Instant,
    phase: Phase,
    expecting: Option<Step>,
    queue: VecDeque<(u64, String)>,
    after: After,
    interruptible: bool,
    next_id: u64,
    speed: f32,
    last_answer: String,
    interrupted: Vec<String>,
    ignoring_utterance: bool,
    pending: Option<Pending>,
    early: Option<Early>,
    longest_resumed_pause: Duration,
    silence: Option<(Instant, u8)>,
    stamp: Option<Stamp>,
    offer_message: bool,
    /// The last sentence we said, when it is a question (the context in which the caller's next words are heard).
    asked: Option<String>,
    /// The town's names and streets: what the recogniser reads before every turn of this call.
    vocabulary: String,
    message: LeftMessage,
    summary: CallSummary,
    outputs: VecDeque<Output>,
    timeout_due: bool,
}

impl CallEngine {
    /// An engine for a call about `town`, hearing audio at `rate` Hz judged by `vad`; `now` and
    /// `wall` are the same instant on the monotonic and the civil clock.
    pub fn new(settings: EngineSettings, town: Arc<Town>, vad: Box<dyn VoiceActivity>, rate: u32, now: Instant, wall: Timestamp) -> Self {
        let turn = TurnTaker::new(settings.turn.clone(), vad, rate);
        let vocabulary = crate::answer::vocabulary(&town);
        Self {
            settings,
            conv: Conversation::new(town),
            turn,
            rate,
            clock: (now, wall),
            now,
            phase: Phase::Setup,
            expecting: None,
            queue: VecDeque::new(),
            after: After::Listen,
            interruptible: true,
            next_id: 1,
            speed: 1.0,
            last_answer: String::new(),
            interrupted: Vec::new(),
            ignoring_utterance: false,
            pending: None,
            early: None,
            longest_resumed_pause: Duration::ZERO,
            silence: None,
            stamp: None,
            offer_message: false,
            asked: None,
            vocabulary,
            message: LeftMessage { name: String::new(), callback_number: String::new(), text: String::new(), service: None },
            summary: CallSummary { outcome: Outcome::Abandoned, turns: 0, intents: Vec::new(), latencies: Vec::new(), transcript: Vec::new() },
            outputs: VecDeque::new(),
            timeout_due: true,
        }
    }

    // ---- getters ----

    /// Samples in one 20 ms frame at this call's rate.
    pub fn frame_samples(&self) -> usize {
        self.turn.frame_samples()
    }

    /// Whether the call is over (no more outputs but the summary).
    pub fn is_ended(&self) -> bool {
        self.phase == Phase::Ended
    }

    /// Whether our voice is playing or queued.
    pub fn is_speaking(&self) -> bool {
        !self.queue.is_empty()
    }

    /// The current speaking rate.
    pub fn speed(&self) -> f32 {
        self.speed
    }

    // ---- handle_* (handle_transcript is in turn_end.rs, with the end of the caller's turn) ----

    /// The call leg is up: welcome the caller.
    pub fn handle_answered(&mut self, now: Instant) {
        self.tick(now);
        if self.phase != Phase::Setup {
            return;
        }
        self.phase = Phase::Live;
        let text = say::welcome(self.conv.town(), self.settings.keep_transcript);
        self.last_answer = text.clone();
        self.say(&text, After::Listen, true);
    }

    /// One 20 ms slot: the audio received and the audio we sent in it (`None`: we sent nothing).
    pub fn handle_audio(&mut self, now: Instant, received: &[i16], sent: Option<&[i16]>) {
        self.tick(now);
        if self.phase != Phase::Live {
            return;
        }
        self.turn.handle_frame(now, received, sent, self.is_speaking());
        while let Some(ev) = self.turn.poll_event() {
            self.on_turn_event(now, ev);
        }
        self.check_end(now);
    }

    /// A key pressed (RFC 4733 or SIP INFO).
    pub fn handle_key(&mut self, now: Instant, key: char) {
        self.tick(now);
        tracing::debug!(phase = ?self.phase, speaking = self.is_speaking(), "key pressed");
        if self.phase != Phase::Live {
            return;
        }
        self.silence = None;
        self.early = None;
        // A key may change the conversation: an answer drafted before it is stale.
        if let Some(p) = &mut self.pending {
            p.draft = None;
        }
        if let Some(Step::Number { typed, tries }) = &mut self.expecting {
            if key.is_ascii_digit() {
                typed.push(key);
                return;
            }
            if key == '#' && !typed.is_empty() {
                let digits = std::mem::take(typed);
                let tries = *tries;
                self.stop_speaking(false);
                self.number_heard(&digits, tries);
                return;
            }
        }
        if self.is_speaking() && self.interruptible {
            self.stop_speaking(false);
        } else if self.is_speaking() {
            return;
        }
        self.key_action(now, key);
    }

    /// The sentence `id` started playing (its first audio is leaving now).
    pub fn handle_speech_started(&mut self, now: Instant, id: u64) {
        self.tick(now);
        let Some(s) = self.stamp.filter(|s| s.first_id == id) else { return };
        self.stamp = None;
        let latency = TurnLatency {
            speech_end_to_text: s.text_at.saturating_duration_since(s.speech_end),
            text_to_answer: s.answer_at.saturating_duration_since(s.text_at),
            answer_to_first_audio: now.saturating_duration_since(s.answer_at),
            total: now.saturating_duration_since(s.speech_end),
        };
        self.summary.latencies.push(latency);
        let intent = self.summary.intents.last().cloned().unwrap_or_default();
        self.outputs.push_back(Output::Store(Record::Turn { intent, latency }));
    }

    /// The sentence `id` has been played in full.
    pub fn handle_speech_done(&mut self, now: Instant, id: u64) {
        self.tick(now);
        let before = self.queue.len();
        self.queue.retain(|(i, _)| *i != id);
        if before > 0 && self.queue.is_empty() {
            self.playback_ended(now);
        }
    }

    /// The outcome of a transfer.
    pub fn handle_transfer_result(&mut self, now: Instant, ok: bool) {
        self.tick(now);
        if !matches!(self.phase, Phase::Transferring { .. }) {
            return;
        }
        if ok {
            self.summary.outcome = Outcome::Transferred;
            self.finish(true);
        } else {
            self.phase = Phase::Live;
            self.offer_message = true;
            self.say(say::TRANSFER_FAILED, After::Listen, true);
        }
    }

    /// The transfer goes on another way (our own call to the target rings): wait up to `wait` more for its result.
    pub fn handle_transfer_pending(&mut self, now: Instant, wait: Duration) {
        self.tick(now);
        if let Phase::Transferring { deadline } = &mut self.phase {
            *deadline = (*deadline).max(now + wait);
        }
    }

    /// The caller hung up (or the leg broke).
    pub fn handle_hangup(&mut self, now: Instant) {
        self.tick(now);
        if self.phase != Phase::Ended {
            self.finish(false);
        }
    }

    /// The clock: end-of-turn waits, silence prompts, goodbye and transfer limits.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.tick(now);
        match self.phase {
            Phase::Leaving { deadline } if now >= deadline => self.finish(true),
            Phase::Transferring { deadline } if now >= deadline => self.handle_transfer_result(now, false),
            Phase::Live => {
                self.check_end(now);
                self.check_silence(now);
            }
            _ => {}
        }
    }

    // ---- poll ----

    /// The next output; each drain ends with `Timeout` (when to call `handle_timeout`).
    pub fn poll_output(&mut self) -> Option<Output> {
        if let Some(o) = self.outputs.pop_front() {
            return Some(o);
        }
        if std::mem::take(&mut self.timeout_due) {
            return Some(Output::Timeout(self.poll_timeout()));
        }
        None
    }

    /// The soonest deadline of the engine and its parts.
    pub fn poll_timeout(&self) -> Instant {
        let far = self.now + Duration::from_secs(3600);
        let mut t = far;
        match self.phase {
            Phase::Leaving { deadline } | Phase::Transferring { deadline } => t = t.min(deadline),
            Phase::Live => {
                if let Some(e) = self.pending.as_ref().and_then(|p| p.end_at) {
                    t = t.min(e);
                }
                if let Some((since, _)) = self.silence {
                    t = t.min(since + self.settings.silence_reprompt);
                }
            }
            _ => {}
        }
        t
    }

    // ---- internals ----

    fn tick(&mut self, now: Instant) {
        self.now = self.now.max(now);
        self.timeout_due = true;
    }

    fn wall(&self, now: Instant) -> Timestamp {
        let d = now.saturating_duration_since(self.clock.0);
        self.clock.1.checked_add(jiff::SignedDuration::try_from(d).unwrap_or_default()).unwrap_or(self.clock.1)
    }

    fn question(&mut self, now: Instant, text: &str, draft: Option<Box<(Conversation, Reply)>>) {
        if std::mem::take(&mut self.offer_message) && intent::is_yes(&Words::new(text)) {
            self.start_message(None);
            return;
        }
        let reply = match draft {
            Some(d) => {
                let (conv, reply) = *d;
                self.conv = conv;
                reply
            }
            None => self.conv.reply(text, self.wall(now)),
        };
        if reply.intent == Intent::Unknown {
            self.outputs.push_back(Output::Store(Record::Unanswered(text.trim().to_string())));
        }
        self.apply_reply(reply);
    }

    fn apply_reply(&mut self, reply: Reply) {
        self.summary.turns += 1;
        self.summary.intents.push(reply.intent.as_str().to_string());
        if !matches!(reply.intent, Intent::Unknown | Intent::Smalltalk | Intent::Repeat | Intent::Slower) && self.summary.outcome == Outcome::Abandoned {
            self.summary.outcome = Outcome::Answered;
        }
        match reply.action {
            Some(Action::SlowDown) => {
                self.speed = (self.speed - self.settings.slower_step).max(self.settings.slowest);
                self.say_answer(&reply.answer, After::Listen, true);
            }
            Some(Action::Transfer { target, .. }) => self.say_answer(&reply.answer, After::Transfer(target), false),
            Some(Action::TakeMessage) => self.start_message(reply.service),
            Some(Action::HangUp) => self.say_answer(&reply.answer, After::HangUp, false),
            None => self.say_answer(&reply.answer, After::Listen, true),
        }
    }

    fn key_action(&mut self, now: Instant, key: char) {
        let town = self.conv.town().clone();
        let wall = self.wall(now);
        match key {
            '0' => {
                let r = self.conv.ask_operator(wall);
                self.apply_reply(r);
            }
            '9' => {
                let again = if self.last_answer.is_empty() { say::NOTHING_TO_REPEAT.to_string() } else { self.last_answer.clone() };
                self.say(&again, After::Listen, true);
            }
            '*' => {
                self.speed = (self.speed - self.settings.slower_step).max(self.settings.slowest);
                let again = format!("{} {}", say::SLOWER, self.last_answer);
                self.say(&again, After::Listen, true);
            }
            '#' => self.say_answer(&say::menu(&town, self.settings.menu_size), After::Listen, true),
            '8' => {
                let notice = say::privacy_notice(&town, self.settings.keep_transcript, self.settings.retention_days);
                self.say_answer(&notice, After::Listen, true);
            }
            d if d.is_ascii_digit() => {
                let services = say::menu_services(&town, self.settings.menu_size);
                match services.get((d as u8 - b'1') as usize) {
                    Some(&i) => {
                        let r = self.conv.about_service(i, wall);
                        self.apply_reply(r);
                    }
                    None => self.say_answer(&say::menu(&town, self.settings.menu_size), After::Listen, true),
                }
            }
            _ => {}
        }
    }

    fn start_message(&mut self, service: Option<String>) {
        self.message = LeftMessage { name: String::new(), callback_number: String::new(), text: String::new(), service };
        self.expecting = Some(Step::Name);
        self.say(prompts::NAME, After::Listen, true);
    }

    fn message_turn(&mut self, step: Step, text: &str) {
        match step {
            Step::Name => {
                self.message.name = message::clean_name(text);
                self.expecting = Some(Step::Number { typed: String::new(), tries: 0 });
                self.say(prompts::NUMBER, After::Listen, true);
            }
            Step::Number { tries, .. } => self.number_heard(&message::phone_digits(text), tries),
            Step::Confirm(digits) => {
                let w = Words::new(text);
                if intent::is_yes(&w) && !intent::is_no(&w) {
                    self.message.callback_number = digits;
                    self.expecting = Some(Step::Body);
                    self.say(prompts::BODY, After::Listen, true);
                } else {
                    self.expecting = Some(Step::Number { typed: String::new(), tries: 0 });
                    self.say(prompts::NUMBER_WRONG, After::Listen, true);
                }
            }
            Step::Body => {
                self.message.text = text.trim().to_string();
                self.expecting = None;
                self.summary.outcome = Outcome::Message;
                self.outputs.push_back(Output::Store(Record::Message(self.message.clone())));
                self.say(prompts::DONE, After::Listen, true);
            }
        }
    }

    fn number_heard(&mut self, digits: &str, tries: u8) {
        if message::plausible_number(digits) {
            self.expecting = Some(Step::Confirm(digits.to_string()));
            let text = format!("J'ai noté le {}. Est-ce bien cela ?", message::read_back(digits));
            self.say(&text, After::Listen, true);
        } else if tries >= 2 {
            // Keep the message without a number rather than lose it.
            self.expecting = Some(Step::Body);
            self.say(prompts::BODY, After::Listen, true);
        } else {
            self.expecting = Some(Step::Number { typed: String::new(), tries: tries + 1 });
            self.say(prompts::NUMBER_AGAIN, After::Listen, true);
        }
    }

    fn finish(&mut self, hang_up: bool) {
        if self.phase == Phase::Ended {
            return;
        }
        self.phase = Phase::Ended;
        self.pending = None;
        self.queue.clear();
        self.outputs.push_back(Output::Store(Record::Ended(self.summary.clone())));
        if hang_up {
            self.outputs.push_back(Output::HangUp);
        }
    }
}

/// Words that are no request: hesitation, agreement, a cough read as a word.
fn is_backchannel(text: &str) -> bool {
    let w = Words::new(text);
    w.t.iter().all(|t| {
        matches!(
            t.as_str(),
            "hmm"
                | "hum"
                | "mm"
                | "mmm"
                | "euh"
                | "heu"
                | "ah"
                | "oh"
                | "oui"
                | "ouais"
                | "daccord"
                | "d"
                | "accord"
                | "ok"
                | "bon"
                | "ben"
                | "voila"
                | "merci"
        )
    })
}
