//! Our side of the call: sentences queued and played, interrupted and resumed, and the silence
//! after an answer (a gentle reprompt, then the menu, then goodbye).

use super::*;

impl CallEngine {
    /// Speaks an answer (remembered for "répétez").
    pub(super) fn say_answer(&mut self, text: &str, after: After, interruptible: bool) {
        self.last_answer = text.to_string();
        self.say(text, after, interruptible);
    }

    pub(super) fn say(&mut self, text: &str, after: After, interruptible: bool) {
        tracing::debug!(text, "saying");
        let sentences = crate::answer::speak::sentences(text);
        self.asked = sentences.last().filter(|s| s.trim_end().ends_with('?')).cloned();
        if self.settings.keep_transcript {
            self.summary.transcript.push((Party::Assistant, text.to_string()));
        }
        self.outputs.push_back(Output::Caption { who: Party::Assistant, text: text.to_string() });
        self.queue_sentences(sentences, after, interruptible);
    }

    pub(super) fn queue_sentences(&mut self, sentences: Vec<String>, after: After, interruptible: bool) {
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

    pub(super) fn stop_speaking(&mut self, keep_for_resume: bool) {
        if self.queue.is_empty() {
            return;
        }
        self.interrupted = if keep_for_resume { self.queue.drain(..).map(|(_, t)| t).collect() } else { Vec::new() };
        self.queue.clear();
        self.stamp = None;
        self.outputs.push_back(Output::StopSpeaking);
    }

    pub(super) fn resume_interrupted(&mut self) {
        let rest = std::mem::take(&mut self.interrupted);
        if !rest.is_empty() && self.queue.is_empty() {
            let after = self.after.clone();
            self.queue_sentences(rest, after, true);
        }
    }

    pub(super) fn playback_ended(&mut self, now: Instant) {
        match std::mem::replace(&mut self.after, After::Listen) {
            After::Listen => self.arm_silence(now),
            After::Transfer(target) => {
                self.phase = Phase::Transferring { deadline: now + self.settings.transfer_limit };
                self.outputs.push_back(Output::Transfer { target });
            }
            After::HangUp => self.finish(true),
        }
    }

    pub(super) fn arm_silence(&mut self, now: Instant) {
        if self.phase == Phase::Live && self.queue.is_empty() {
            let level = self.silence.map_or(0, |(_, l)| l);
            self.silence = Some((now, level));
        }
    }

    pub(super) fn check_silence(&mut self, now: Instant) {
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
}
