//! When the caller's turn ends, and on which words: the recogniser's transcripts, the second
//! hearing of words not understood, the end-of-turn waits, and an early answer taken back when
//! the caller goes on.

use super::*;

impl CallEngine {
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
    pub(super) fn heard_again(&mut self, now: Instant, text: &str) {
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
    pub(super) fn expecting_now(&self) -> Expecting {
        match &self.expecting {
            None => Expecting::Question,
            Some(Step::Name) => Expecting::Name,
            Some(Step::Number { .. }) => Expecting::Number,
            Some(Step::Confirm(_)) => Expecting::Question,
            Some(Step::Body) => Expecting::Message,
        }
    }

    /// The reply the conversation would give to `text` now, with the conversation after it.
    pub(super) fn draft(&self, text: &str, now: Instant) -> Box<(Conversation, Reply)> {
        let mut conv = self.conv.clone();
        let reply = conv.reply(text, self.wall(now));
        Box::new((conv, reply))
    }

    /// How long after the end of speech the turn ends on these words.
    pub(super) fn wait_for(&self, text: &str, quick: bool, answerable: bool, end_probability: Option<f32>, expecting: Expecting) -> Duration {
        let mut words = if quick { Completeness::Complete } else { completeness(text, answerable) };
        // Answerable words, but a voice that does not sound finished (Smart Turn).
        if words == Completeness::Complete && !quick && end_probability.is_some_and(|p| p < self.settings.turn_end_threshold) {
            words = Completeness::Hesitant;
        }
        self.settings.end_of_turn.wait(words, expecting, self.longest_resumed_pause)
    }

    pub(super) fn on_turn_event(&mut self, now: Instant, ev: TurnEvent) {
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
    pub(super) fn early_resumed(&mut self, now: Instant) {
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
    pub(super) fn keep_early(&mut self, early: Option<Early>) {
        self.early = early.map(|e| Early { resumed: false, ..e });
    }

    pub(super) fn check_end(&mut self, now: Instant) {
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
}
