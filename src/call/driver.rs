//! The thin async shell of one call: moves a [`CallEngine`]'s outputs to the call leg, the
//! recogniser and the voice, and their results back in, on the engine's clock. It knows no
//! protocol: a SIP/RTP leg and a browser leg both implement [`Leg`].

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc;

use super::engine::{CallEngine, Output};
use super::recognition::{RecognitionPool, Recognized};
use super::report::{Party, Record};
use super::synthesis::Voice;
use super::CallId;
use crate::speech::audio::Audio;

/// What a call leg reports to its call.
#[derive(Debug, Clone, PartialEq)]
pub enum LegEvent {
    /// The call is up: media flows both ways.
    Answered,
    /// One 20 ms slot of audio: what the caller sent, and what we sent in the same slot.
    Audio {
        /// The caller's audio.
        received: Vec<i16>,
        /// Our speech in that slot (`None`: silence).
        sent: Option<Vec<i16>>,
    },
    /// A key pressed.
    Key(char),
    /// The next queued utterance started playing.
    SpeechStarted,
    /// The oldest playing utterance finished.
    SpeechDone,
    /// A transfer succeeded (`true`) or failed.
    TransferResult(bool),
    /// The transfer goes on another way (a call of ours to the target): its result may take this long.
    TransferPending(std::time::Duration),
    /// The caller hung up, or the leg broke.
    HungUp,
}

/// What a call needs from the protocol that carries it.
pub trait Leg: Send {
    /// Queues audio to play after what is queued.
    fn play(&mut self, audio: Audio);
    /// Stops playing and drops what is queued.
    fn stop(&mut self);
    /// Blind-transfers the call to `target`.
    fn transfer(&mut self, target: &str);
    /// Ends the call.
    fn hang_up(&mut self);
    /// Shows a line of the conversation as it happens (live captions); a phone ignores it.
    fn caption(&mut self, _who: Party, _text: &str) {}
}

/// Everything a call shares with the others.
#[derive(Debug, Clone)]
pub struct CallServices {
    /// The recognisers.
    pub recognition: Arc<RecognitionPool>,
    /// The voice.
    pub voice: Arc<Voice>,
    /// Where records go (store, metrics).
    pub records: mpsc::UnboundedSender<(CallId, Record)>,
    /// The service's metrics.
    pub metrics: Arc<crate::web::Metrics>,
}

struct Sentence {
    generation: u64,
    id: u64,
    text: String,
    rate: f32,
}

/// Runs one call until it ends; `events` come from the leg.
pub async fn drive(id: CallId, mut engine: CallEngine, mut leg: impl Leg, mut events: mpsc::UnboundedReceiver<LegEvent>, services: CallServices) {
    let (asr_tx, mut asr_rx) = mpsc::unbounded_channel::<Recognized>();
    let generation = Arc::new(AtomicU64::new(0));
    let (say_tx, mut voiced_rx) = spawn_voice(services.voice.clone(), generation.clone());
    // Sentence ids in the order the leg plays them (the leg reports starts and ends in that order).
    let mut playing: VecDeque<u64> = VecDeque::new();
    let mut started = 0usize;
    let mut deadline = Instant::now();
    let mut hung_up = false;
    loop {
        while let Some(out) = engine.poll_output() {
            match out {
                Output::Speak { id, text, rate } => {
                    let _ = say_tx.send(Sentence { generation: generation.load(Ordering::SeqCst), id, text, rate });
                }
                Output::StopSpeaking => {
                    generation.fetch_add(1, Ordering::SeqCst);
                    playing.clear();
                    started = 0;
                    leg.stop();
                }
                Output::Recognize { job, audio, context, wide } => services.recognition.submit(id, job, audio, context, wide, asr_tx.clone()),
                Output::Transfer { target } => leg.transfer(&target),
                Output::Store(r) => {
                    let _ = services.records.send((id, r));
                }
                Output::HangUp => {
                    hung_up = true;
                    leg.hang_up();
                }
                Output::Caption { who, text } => leg.caption(who, &text),
                Output::Timeout(t) => deadline = t,
            }
        }
        if engine.is_ended() || hung_up {
            break;
        }
        tokio::select! {
            ev = events.recv() => {
                let now = Instant::now();
                match ev {
                    None | Some(LegEvent::HungUp) => engine.handle_hangup(now),
                    Some(LegEvent::Answered) => engine.handle_answered(now),
                    Some(LegEvent::Audio { received, sent }) => engine.handle_audio(now, &received, sent.as_deref()),
                    Some(LegEvent::Key(k)) => engine.handle_key(now, k),
                    Some(LegEvent::SpeechStarted) => {
                        if let Some(&s) = playing.get(started) {
                            started += 1;
                            engine.handle_speech_started(now, s);
                        }
                    }
                    Some(LegEvent::SpeechDone) => {
                        if let Some(s) = playing.pop_front() {
                            started = started.saturating_sub(1);
                            engine.handle_speech_done(now, s);
                        }
                    }
                    Some(LegEvent::TransferResult(ok)) => engine.handle_transfer_result(now, ok),
                    Some(LegEvent::TransferPending(wait)) => engine.handle_transfer_pending(now, wait),
                }
            }
            Some(r) = asr_rx.recv() => {
                tracing::debug!(call = %id, job = r.job, queued = r.queued_seconds, seconds = r.processing_seconds, end = ?r.end_probability, "recognised");
                answering(|| engine.handle_transcript(Instant::now(), r.job, &r.text, r.end_probability));
            }
            Some((g, sid, audio)) = voiced_rx.recv() => {
                if g != generation.load(Ordering::SeqCst) {
                    continue;
                }
                match audio {
                    Some(audio) => {
                        playing.push_back(sid);
                        leg.play(audio);
                    }
                    None if playing.is_empty() => {
                        // Nothing to play (synthesis failed): the sentence is over at once.
                        let now = Instant::now();
                        engine.handle_speech_started(now, sid);
                        engine.handle_speech_done(now, sid);
                    }
                    None => {}
                }
            }
            _ = tokio::time::sleep_until(deadline.into()) => answering(|| engine.handle_timeout(Instant::now())),
        }
    }
    // Drain what the end produced (the summary).
    while let Some(out) = engine.poll_output() {
        if let Output::Store(r) = out {
            let _ = services.records.send((id, r));
        }
    }
    generation.fetch_add(1, Ordering::SeqCst);
}

/// Runs an engine step that may work out an answer (the answering core and its sentence encoder:
/// tens of milliseconds) without holding up the other calls' tasks on this runtime thread.
fn answering<R>(step: impl FnOnce() -> R) -> R {
    match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(step),
        _ => step(),
    }
}

/// Synthesised sentences: (generation, sentence id, audio or `None` when synthesis failed).
type Voiced = (u64, u64, Option<Audio>);

/// A task that synthesises sentences in order, skipping those of an older generation (barge-in).
fn spawn_voice(voice: Arc<Voice>, generation: Arc<AtomicU64>) -> (mpsc::UnboundedSender<Sentence>, mpsc::UnboundedReceiver<Voiced>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Sentence>();
    let (out_tx, out_rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(s) = rx.recv().await {
            if s.generation != generation.load(Ordering::SeqCst) {
                continue;
            }
            let v = voice.clone();
            let text = s.text.clone();
            let audio = match tokio::task::spawn_blocking(move || v.sentence(&text, s.rate)).await {
                Ok(Ok(audio)) => Some(audio),
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "speech synthesis failed");
                    None
                }
                Err(e) => {
                    tracing::warn!(error = %e, "speech synthesis task failed");
                    None
                }
            };
            if out_tx.send((s.generation, s.id, audio)).is_err() {
                break;
            }
        }
    });
    (tx, out_rx)
}
