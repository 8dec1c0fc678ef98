//! The minimal call behaviour, sans-IO: welcome, DTMF echo, hang up on `#` or after silence.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// What happened on the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallEvent {
    /// The call is up (ACK received).
    Established,
    /// A queued utterance finished playing.
    SpeechDone,
    /// The caller pressed a key.
    Dtmf(char),
    /// The caller started (`true`) or stopped (`false`) talking.
    Voice(bool),
    /// The caller hung up.
    RemoteHangup,
}

/// What the call must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallAction {
    /// Say this French text.
    Speak(String),
    /// End the call (BYE).
    HangUp,
}

/// Settings of the call behaviour.
#[derive(Debug, Clone)]
pub struct FlowSettings {
    /// The welcome message.
    pub welcome: String,
    /// Hang up after this long without the caller speaking or pressing a key.
    pub silence_timeout: Duration,
    /// Said before hanging up on `#` or on silence.
    pub goodbye: String,
    /// The longest we wait for the goodbye to play before hanging up anyway.
    pub goodbye_limit: Duration,
}

impl FlowSettings {
    /// Settings with the given welcome and silence timeout, and the default goodbye.
    pub fn new(welcome: impl Into<String>, silence_timeout: Duration) -> Self {
        Self { welcome: welcome.into(), silence_timeout, goodbye: "Au revoir, et bonne journée.".into(), goodbye_limit: Duration::from_secs(8) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Talking,
    Leaving { deadline: Instant },
    Done,
}

/// Decisions of one call: events in, actions out.
#[derive(Debug)]
pub struct CallFlow {
    settings: FlowSettings,
    state: State,
    pending_speech: u32,
    voice: bool,
    last_activity: Instant,
    actions: VecDeque<CallAction>,
}

/// How a key is said in French.
pub fn key_name(key: char) -> String {
    match key {
        '*' => "étoile".into(),
        '#' => "dièse".into(),
        c => c.to_string(),
    }
}

impl CallFlow {
    /// A call not yet established.
    pub fn new(settings: FlowSettings, now: Instant) -> Self {
        Self { settings, state: State::Waiting, pending_speech: 0, voice: false, last_activity: now, actions: VecDeque::new() }
    }

    fn speak(&mut self, text: String) {
        self.pending_speech += 1;
        self.actions.push_back(CallAction::Speak(text));
    }

    fn leave(&mut self, now: Instant) {
        let goodbye = self.settings.goodbye.clone();
        self.speak(goodbye);
        self.state = State::Leaving { deadline: now + self.settings.goodbye_limit };
    }

    fn finish(&mut self) {
        self.state = State::Done;
        self.actions.push_back(CallAction::HangUp);
    }

    /// Feeds one event.
    pub fn handle(&mut self, now: Instant, event: CallEvent) {
        match (self.state, event) {
            (State::Done, _) => {}
            (_, CallEvent::RemoteHangup) => self.state = State::Done,
            (State::Waiting, CallEvent::Established) => {
                self.state = State::Talking;
                self.last_activity = now;
                let welcome = self.settings.welcome.clone();
                self.speak(welcome);
            }
            (_, CallEvent::SpeechDone) => {
                self.pending_speech = self.pending_speech.saturating_sub(1);
                self.last_activity = now;
                if matches!(self.state, State::Leaving { .. }) && self.pending_speech == 0 {
                    self.finish();
                }
            }
            (State::Talking, CallEvent::Dtmf('#')) => self.leave(now),
            (State::Talking, CallEvent::Dtmf(k)) => {
                self.last_activity = now;
                self.speak(format!("Vous avez tapé {}.", key_name(k)));
            }
            (_, CallEvent::Voice(v)) => {
                self.voice = v;
                self.last_activity = now;
            }
            _ => {}
        }
    }

    /// Applies the clock: silence timeout, goodbye time limit.
    pub fn handle_timeout(&mut self, now: Instant) {
        match self.state {
            State::Talking if self.pending_speech == 0 && !self.voice && now >= self.last_activity + self.settings.silence_timeout => self.leave(now),
            State::Leaving { deadline } if now >= deadline => self.finish(),
            _ => {}
        }
    }

    /// When `handle_timeout` should next be called, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.state {
            State::Talking if self.pending_speech == 0 && !self.voice => Some(self.last_activity + self.settings.silence_timeout),
            State::Leaving { deadline } => Some(deadline),
            _ => None,
        }
    }

    /// The next action to carry out.
    pub fn poll_action(&mut self) -> Option<CallAction> {
        self.actions.pop_front()
    }

    /// Whether the call is over (hung up by either side).
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(t0: Instant) -> CallFlow {
        CallFlow::new(FlowSettings::new("Bienvenue.", Duration::from_secs(20)), t0)
    }

    fn actions(f: &mut CallFlow) -> Vec<CallAction> {
        std::iter::from_fn(|| f.poll_action()).collect()
    }

    fn s(t: &str) -> CallAction {
        CallAction::Speak(t.into())
    }

    #[test]
    fn welcome_echo_and_pound_hangs_up_after_goodbye() {
        let t0 = Instant::now();
        let mut f = flow(t0);
        f.handle(t0, CallEvent::Dtmf('1'));
        assert!(actions(&mut f).is_empty(), "nothing before the call is up");
        f.handle(t0, CallEvent::Established);
        assert_eq!(actions(&mut f), vec![s("Bienvenue.")]);
        f.handle(t0, CallEvent::Dtmf('1'));
        f.handle(t0, CallEvent::Dtmf('*'));
        assert_eq!(actions(&mut f), vec![s("Vous avez tapé 1."), s("Vous avez tapé étoile.")]);
        f.handle(t0, CallEvent::Dtmf('#'));
        assert_eq!(actions(&mut f), vec![s("Au revoir, et bonne journée.")]);
        // The goodbye waits for the earlier utterances and itself to finish.
        for _ in 0..3 {
            f.handle(t0, CallEvent::SpeechDone);
            assert!(actions(&mut f).is_empty());
        }
        f.handle(t0, CallEvent::SpeechDone);
        assert_eq!(actions(&mut f), vec![CallAction::HangUp]);
        assert!(f.is_done());
        f.handle(t0, CallEvent::Dtmf('2'));
        assert!(actions(&mut f).is_empty());
    }

    #[test]
    fn silence_timeout_counts_from_the_end_of_our_speech() {
        let t0 = Instant::now();
        let sec = |n| t0 + Duration::from_secs(n);
        let mut f = flow(t0);
        f.handle(t0, CallEvent::Established);
        actions(&mut f);
        assert_eq!(f.poll_timeout(), None, "no silence timer while we speak");
        f.handle(sec(5), CallEvent::SpeechDone);
        assert_eq!(f.poll_timeout(), Some(sec(25)));
        f.handle(sec(10), CallEvent::Voice(true));
        assert_eq!(f.poll_timeout(), None, "no timer while the caller talks");
        f.handle(sec(12), CallEvent::Voice(false));
        f.handle_timeout(sec(31));
        assert!(actions(&mut f).is_empty());
        f.handle_timeout(sec(32));
        assert_eq!(actions(&mut f), vec![s("Au revoir, et bonne journée.")]);
        // If the goodbye never reports done, the limit hangs up anyway.
        assert_eq!(f.poll_timeout(), Some(sec(40)));
        f.handle_timeout(sec(40));
        assert_eq!(actions(&mut f), vec![CallAction::HangUp]);
    }

    #[test]
    fn caller_hangup_ends_quietly() {
        let t0 = Instant::now();
        let mut f = flow(t0);
        f.handle(t0, CallEvent::Established);
        actions(&mut f);
        f.handle(t0, CallEvent::RemoteHangup);
        assert!(f.is_done());
        f.handle_timeout(t0 + Duration::from_secs(100));
        assert!(actions(&mut f).is_empty());
        assert_eq!(f.poll_timeout(), None);
    }
}
