//! Speech recognition for every call: one shared Whisper model, a fair queue, worker threads.
//!
//! Each call has at most one job waiting: a newer job of the same call (the caller went on after a
//! speculative start) replaces the one queued, so a long talker cannot crowd others out and the
//! queue never holds more jobs than there are calls. Each worker decodes with its own whisper.cpp
//! state; with several workers each uses one thread, because whisper.cpp's threads spin while they
//! wait for each other and two multi-threaded decodes on two cores slow each other tenfold.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use tokio::sync::mpsc;

use super::CallId;
use crate::speech::asr::{AsrError, AsrOptions, Recognizer};
use crate::speech::audio::Audio;
use crate::speech::turn::SmartTurn;

/// A finished recognition.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized {
    /// The engine's job number.
    pub job: u64,
    /// The text (empty for noise, or when recognition failed).
    pub text: String,
    /// Seconds spent waiting in the queue.
    pub queued_seconds: f64,
    /// Seconds spent recognising.
    pub processing_seconds: f64,
    /// Smart Turn's probability that the caller has finished (when its model is installed).
    pub end_probability: Option<f32>,
}

struct Job {
    call: CallId,
    job: u64,
    audio: Audio,
    context: Option<String>,
    queued_at: Instant,
    reply: mpsc::UnboundedSender<Recognized>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

/// The recognition workers shared by all calls.
pub struct RecognitionPool {
    shared: Arc<(Mutex<Queue>, Condvar)>,
    workers: usize,
}

impl std::fmt::Debug for RecognitionPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecognitionPool").field("workers", &self.workers).field("queued", &self.queued()).finish()
    }
}

impl RecognitionPool {
    /// Starts `workers` threads on `recognizer`, each priming the decoder with `prompt`.
    pub fn start(recognizer: &Recognizer, workers: usize, prompt: Option<String>) -> Result<RecognitionPool, AsrError> {
        let workers = workers.max(1);
        let threads = if workers > 1 { 1 } else { 0 };
        let shared: Arc<(Mutex<Queue>, Condvar)> = Arc::default();
        let turn_model = match EndOfTurnModel::start() {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!("Smart Turn unavailable, the end of turn uses words and pauses only: {e}");
                None
            }
        };
        for i in 0..workers {
            let mut stream = recognizer.stream(AsrOptions { initial_prompt: prompt.clone(), full_window: false, threads })?;
            let turn = turn_model.clone();
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("asr-{i}"))
                .spawn(move || {
                    while let Some(job) = next_job(&shared) {
                        let queued_seconds = job.queued_at.elapsed().as_secs_f64();
                        // Smart Turn runs on its own thread meanwhile (see `EndOfTurnModel`).
                        let end = turn.as_ref().map(|t| t.ask(&job.audio));
                        let (text, processing_seconds) = match stream.transcribe_after(&job.audio, job.context.as_deref()) {
                            Ok(t) => (t.text, t.processing_seconds),
                            Err(e) => {
                                tracing::warn!(call = %job.call, error = %e, "recognition failed");
                                (String::new(), 0.0)
                            }
                        };
                        let end_probability = end.and_then(|rx| rx.recv().ok().flatten());
                        let _ = job.reply.send(Recognized { job: job.job, text, queued_seconds, processing_seconds, end_probability });
                    }
                })
                .map_err(|e| AsrError::Whisper(format!("cannot start a recognition thread: {e}")))?;
        }
        Ok(RecognitionPool { shared, workers })
    }

    /// Queues `audio` of `call` as job `job`, heard after `context` (what we last asked); the result
    /// goes to `reply`. Replaces the call's queued job.
    pub fn submit(&self, call: CallId, job: u64, audio: Audio, context: Option<String>, reply: mpsc::UnboundedSender<Recognized>) {
        let (lock, cv) = &*self.shared;
        let mut q = lock.lock().unwrap();
        q.jobs.retain(|j| j.call != call);
        q.jobs.push_back(Job { call, job, audio, context, queued_at: Instant::now(), reply });
        cv.notify_one();
    }

    /// Jobs waiting for a worker.
    pub fn queued(&self) -> usize {
        self.shared.0.lock().unwrap().jobs.len()
    }

    /// Worker threads.
    pub fn workers(&self) -> usize {
        self.workers
    }
}

impl Drop for RecognitionPool {
    fn drop(&mut self) {
        let (lock, cv) = &*self.shared;
        lock.lock().unwrap().closed = true;
        cv.notify_all();
    }
}

/// Smart Turn on a thread of its own. ONNX Runtime must not run on a recognition thread: after
/// it has, whisper.cpp on that thread hears nothing (seen in `tests/call_conversation.rs`).
#[derive(Clone)]
struct EndOfTurnModel {
    tx: std::sync::mpsc::Sender<(Audio, std::sync::mpsc::Sender<Option<f32>>)>,
}

impl EndOfTurnModel {
    fn start() -> Result<EndOfTurnModel, String> {
        let (tx, rx) = std::sync::mpsc::channel::<(Audio, std::sync::mpsc::Sender<Option<f32>>)>();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("smart-turn".into())
            .spawn(move || {
                let mut model = match SmartTurn::load_default() {
                    Ok(m) => {
                        let _ = ready_tx.send(Ok(()));
                        m
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                        return;
                    }
                };
                while let Ok((audio, reply)) = rx.recv() {
                    let _ = reply.send(end_probability(&mut model, &audio));
                }
            })
            .map_err(|e| e.to_string())?;
        ready_rx.recv().map_err(|e| e.to_string())??;
        Ok(EndOfTurnModel { tx })
    }

    /// Asks for the probability that `audio` ends a turn; the answer comes on the receiver.
    fn ask(&self, audio: &Audio) -> std::sync::mpsc::Receiver<Option<f32>> {
        let (reply, rx) = std::sync::mpsc::channel();
        let _ = self.tx.send((audio.clone(), reply));
        rx
    }
}

/// Smart Turn on the utterance (resampled to its 16 kHz), `None` if it fails.
pub fn end_probability(turn: &mut SmartTurn, audio: &Audio) -> Option<f32> {
    let wide = if audio.rate == 16000 { audio.clone() } else { audio.resampled(16000).ok()? };
    match turn.end_probability(&wide.samples) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::debug!(error = %e, "Smart Turn failed");
            None
        }
    }
}

fn next_job(shared: &(Mutex<Queue>, Condvar)) -> Option<Job> {
    let (lock, cv) = shared;
    let mut q = lock.lock().unwrap();
    loop {
        if q.closed {
            return None;
        }
        if let Some(j) = q.jobs.pop_front() {
            return Some(j);
        }
        q = cv.wait(q).unwrap();
    }
}
