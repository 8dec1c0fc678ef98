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

    // ---- handle_* ----

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

    /// The recogniser's text for `job`, with the end-of-turn model's probability that the caller
    /// has finished (`None` without the model).
    pub fn handle_transcript(&mut self, now: Instant, job: u64, text: &str, end_probability: Option<f32>) {
        self.tick(now);
        if self.pending.as_ref().is_some_and(|p| p.wide.is_some_and(|(j, _, _)| j == job)) {
            self.heard_again(now, text);
            return;
        }
        if !self.pending.as_ref().is_some_and(|p| p.job == job && p.text.is_none()) {
            return;
        }
        let expecting = self.expecting_now();
        let draft = (expecting == Expecting::Question).then(|| self.draft(text, now));
        // A greeting alone ("Bonjour, euh…") is nearly always followed by the question.
        let answerable = draft.as_ref().is_some_and(|d| d.1.answers());
        // Nothing, or a "hmm" over our voice: decide quickly (the answer may carry on).
        let quick = text.trim().is_empty() || (is_backchannel(text) && !self.interrupted.is_empty());
        let wait = self.wait_for(text, quick, answerable, end_probability, expecting);
        // Words the answering core cannot place are heard again with a wider search; the turn
        // waits for it as it would for unsure words, no longer.
        let again = expecting == Expecting::Question && !answerable && !quick && !is_backchannel(text);
        let unsure = self.settings.end_of_turn.wait(Completeness::Unsure, expecting, self.longest_resumed_pause);
        let p = self.pending.as_mut().expect("checked above");
        p.text = Some((text.to_string(), now));
        p.end_at = Some(p.speech_end + wait);
        p.draft = draft;
        p.end_probability = end_probability;
        if let Some(hearing) = p.again.take().filter(|_| again) {
            let (audio, context) = *hearing;
            let id = self.next_id;
            self.next_id += 1;
            let dangling = completeness(text, false) == Completeness::Dangling;
            p.wide = Some((id, p.speech_end + wait, dangling));
            p.end_at = Some(p.speech_end + wait.max(unsure));
            self.outputs.push_back(Output::Recognize { job: id, audio, context: Some(context), wide: true });
        }
        self.check_end(now);
    }

    /// The second, wider hearing of words the core could not place: its words replace the first
    /// ones when the core can answer them. Otherwise the turn ends at the wait of unsure words
    /// (set when the second hearing was asked for): twice unplaced, the words are more likely
    /// unfinished than a question that ends with a "?".
    fn heard_again(&mut self, now: Instant, text: &str) {
        let expecting = self.expecting_now();
        let draft = (expecting == Expecting::Question).then(|| self.draft(text, now)).filter(|d| d.1.answers_heard_again());
        let end_probability = self.pending.as_ref().and_then(|p| p.end_probability);
        let wait = draft.is_some().then(|| self.wait_for(text, false, true, end_probability, expecting));
        let p = self.pending.as_mut().expect("checked by the caller");
        let (_, first_end, dangling) = p.wide.take().expect("checked by the caller");
        if let (Some(draft), Some(wait)) = (draft, wait) {
            tracing::debug!("the second hearing was understood: its words replace the first");
            p.text = Some((text.to_string(), now));
            p.draft = Some(draft);
            let end = p.speech_end + wait;
            p.end_at = Some(if dangling { end.max(first_end) } else { end });
        }
        self.check_end(now);
    }

    /// What the caller's next words are expected to be.
    fn expecting_now(&self) -> Expecting {
        match &self.expecting {
            None => Expecting::Question,
            Some(Step::Name) => Expecting::Name,
            Some(Step::Number { .. }) => Expecting::Number,
            Some(Step::Confirm(_)) => Expecting::Question,
            Some(Step::Body) => Expecting::Message,
        }
    }

    /// The reply the conversation would give to `text` now, with the conversation after it.
    fn draft(&self, text: &str, now: Instant) -> Box<(Conversation, Reply)> {
        let mut conv = self.conv.clone();
        let reply = conv.reply(text, self.wall(now));
        Box::new((conv, reply))
    }

    /// How long after the end of speech the turn ends on these words.
    fn wait_for(&self, text: &str, quick: bool, answerable: bool, end_probability: Option<f32>, expecting: Expecting) -> Duration {
        let mut words = if quick { Completeness::Complete } else { completeness(text, answerable) };
        // Answerable words, but a voice that does not sound finished (Smart Turn).
        if words == Completeness::Complete && !quick && end_probability.is_some_and(|p| p < self.settings.turn_end_threshold) {
            words = Completeness::Hesitant;
        }
        self.settings.end_of_turn.wait(words, expecting, self.longest_resumed_pause)
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

    fn on_turn_event(&mut self, now: Instant, ev: TurnEvent) {
        match ev {
            TurnEvent::Started { barge_in } => {
                self.silence = None;
                self.early_resumed(now);
                if barge_in && !self.interruptible {
                    self.ignoring_utterance = true;
                } else if barge_in {
                    tracing::debug!("barge-in: the caller talks over us");
                    self.stop_speaking(true);
                }
            }
            TurnEvent::Paused { speech_end } => {
                if std::mem::take(&mut self.ignoring_utterance) {
                    self.turn.finish();
                    return;
                }
                let job = self.next_id;
                self.next_id += 1;
                let audio = Audio::from_i16(self.rate, self.turn.audio());
                let context = match (self.early.as_ref().filter(|e| e.resumed), self.asked.as_deref()) {
                    // The rest of a question: the recogniser reads its beginning first.
                    (Some(e), _) => format!("{} {}", self.vocabulary, e.text),
                    (None, Some(q)) => format!("{} {}", self.vocabulary, heard_after(q)),
                    (None, None) => self.vocabulary.clone(),
                };
                let again = self.settings.hear_again.then(|| Box::new((audio.clone(), context.clone())));
                self.outputs.push_back(Output::Recognize { job, audio, context: Some(context), wide: false });
                self.pending = Some(Pending { job, speech_end, text: None, end_at: None, draft: None, again, wide: None, end_probability: None });
            }
            TurnEvent::Resumed { pause } => {
                self.longest_resumed_pause = self.longest_resumed_pause.max(pause);
                self.pending = None;
            }
            TurnEvent::Noise => {
                self.ignoring_utterance = false;
                self.resume_interrupted();
                self.arm_silence(now);
            }
        }
    }

    /// The caller starts talking: within the continuation window of the last question, they are
    /// finishing it (and paused this long); later, it is a new turn.
    fn early_resumed(&mut self, now: Instant) {
        let Some(e) = &mut self.early else { return };
        let pause = now.saturating_duration_since(e.speech_end);
        if pause <= self.settings.continuation {
            e.resumed = true;
            self.longest_resumed_pause = self.longest_resumed_pause.max(pause);
        } else {
            self.early = None;
        }
    }

    /// A turn that held no request leaves the early answer standing.
    fn keep_early(&mut self, early: Option<Early>) {
        self.early = early.map(|e| Early { resumed: false, ..e });
    }

    fn check_end(&mut self, now: Instant) {
        let ready = self.pending.as_ref().is_some_and(|p| p.end_at.is_some_and(|e| e <= now)) && !self.turn.talking();
        if !ready {
            return;
        }
        let p = self.pending.take().expect("checked");
        let (mut text, text_at) = p.text.expect("end_at is set with the text");
        self.turn.finish();
        let early = self.early.take();
        if is_backchannel(&text) && !self.interrupted.is_empty() {
            // "hmm", a cough, a "oui" over our voice: carry on from the sentence it cut.
            self.keep_early(early);
            self.resume_interrupted();
            return;
        }
        if text.trim().is_empty() {
            tracing::debug!("the caller's turn held no words");
            self.keep_early(early);
            self.resume_interrupted();
            self.arm_silence(now);
            return;
        }
        self.interrupted.clear();
        let mut draft = p.draft;
        if let Some(e) = early.filter(|e| e.resumed && self.expecting.is_none()) {
            // The caller was still asking: the answer we began is taken back, the question heard whole.
            tracing::debug!("the caller went on after an early answer: the question is heard again with the rest");
            text = format!("{} {}", e.text.trim(), text.trim());
            self.conv = e.before;
            draft = None;
        }
        if self.settings.keep_transcript {
            self.summary.transcript.push((Party::Caller, text.clone()));
        }
        self.outputs.push_back(Output::Caption { who: Party::Caller, text: text.clone() });
        let first_id = self.next_id;
        tracing::debug!(taking_message = self.expecting.is_some(), "the caller's turn is over");
        tracing::trace!(text = %text, "the caller said (trace only: caller data)");
        self.stamp = Some(Stamp { speech_end: p.speech_end, text_at, answer_at: now, first_id });
        match self.expecting.clone() {
            Some(step) => self.message_turn(step, &text),
            None => {
                let before = self.conv.clone();
                self.question(now, &text, draft);
                // Only an answer the caller may interrupt can be taken back.
                if self.interruptible && self.expecting.is_none() {
                    self.early = Some(Early { text: text.clone(), speech_end: p.speech_end, before, resumed: false });
                }
            }
        }
        if self.stamp.is_some_and(|s| s.first_id >= self.next_id) {
            self.stamp = None; // nothing was said
        }
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

    /// Speaks an answer (remembered for "répétez").
    fn say_answer(&mut self, text: &str, after: After, interruptible: bool) {
        self.last_answer = text.to_string();
        self.say(text, after, interruptible);
    }

    fn say(&mut self, text: &str, after: After, interruptible: bool) {
        tracing::debug!(text, "saying");
        let sentences = crate::answer::speak::sentences(text);
        self.asked = sentences.last().filter(|s| s.trim_end().ends_with('?')).cloned();
        if self.settings.keep_transcript {
            self.summary.transcript.push((Party::Assistant, text.to_string()));
        }
        self.outputs.push_back(Output::Caption { who: Party::Assistant, text: text.to_string() });
        self.queue_sentences(sentences, after, interruptible);
    }

    fn queue_sentences(&mut self, sentences: Vec<String>, after: After, interruptible: bool) {
        self.silence = None;
        if matches!(after, After::HangUp) {
            self.phase = Phase::Leaving { deadline: self.now + self.settings.goodbye_limit };
        }
        self.after = after;
        self.interruptible = interruptible;
        for text in sentences {
            let id = self.next_id;
            self.next_id += 1;
            self.queue.push_back((id, text.clone()));
            self.outputs.push_back(Output::Speak { id, text, rate: self.speed });
        }
        if self.queue.is_empty() {
            let now = self.now;
            self.playback_ended(now);
        }
    }

    fn stop_speaking(&mut self, keep_for_resume: bool) {
        if self.queue.is_empty() {
            return;
        }
        self.interrupted = if keep_for_resume { self.queue.drain(..).map(|(_, t)| t).collect() } else { Vec::new() };
        self.queue.clear();
        self.stamp = None;
        self.outputs.push_back(Output::StopSpeaking);
    }

    fn resume_interrupted(&mut self) {
        let rest = std::mem::take(&mut self.interrupted);
        if !rest.is_empty() && self.queue.is_empty() {
            let after = self.after.clone();
            self.queue_sentences(rest, after, true);
        }
    }

    fn playback_ended(&mut self, now: Instant) {
        match std::mem::replace(&mut self.after, After::Listen) {
            After::Listen => self.arm_silence(now),
            After::Transfer(target) => {
                self.phase = Phase::Transferring { deadline: now + self.settings.transfer_limit };
                self.outputs.push_back(Output::Transfer { target });
            }
            After::HangUp => self.finish(true),
        }
    }

    fn arm_silence(&mut self, now: Instant) {
        if self.phase == Phase::Live && self.queue.is_empty() {
            let level = self.silence.map_or(0, |(_, l)| l);
            self.silence = Some((now, level));
        }
    }

    fn check_silence(&mut self, now: Instant) {
        let Some((since, level)) = self.silence else { return };
        if now < since + self.settings.silence_reprompt || self.turn.in_utterance() || self.pending.is_some() || self.is_speaking() {
            return;
        }
        let town = self.conv.town().clone();
        match level {
            0 => self.say(say::REPROMPT, After::Listen, true),
            1 => self.say(&say::menu(&town, self.settings.menu_size), After::Listen, true),
            _ => self.say(say::SILENT_GOODBYE, After::HangUp, false),
        }
        self.silence = Some((now, level + 1));
        if level >= 2 {
            self.silence = None;
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
