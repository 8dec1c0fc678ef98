//! Speech recognition for every call: one shared Whisper model, a fair queue, worker threads.
//!
//! Each call has at most one job waiting: a newer job of the same call (the caller went on after a
//! speculative start) replaces the one queued, so a long talker cannot crowd others out and the
//! queue never holds more jobs than there are calls. Each worker decodes with its own whisper.cpp
//! state. The cores are never oversubscribed: whisper.cpp's threads spin while they wait for each
//! other, and two 2-thread decodes on two cores slow each other tenfold. So a decode gets several
//! threads (one caller is answered about twice as fast on two cores) only when nothing else
//! needs the machine: no other job waiting, no other decode in this process, and the machine's
//! cores idle over the last fifth of a second (`cpu_load`); otherwise one thread, and at most one
//! decode per core in the whole process (several servers in one process, as in tests, share them).

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
    wide: bool,
    queued_at: Instant,
    reply: mpsc::UnboundedSender<Recognized>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

/// Decoding threads at work in this process, whatever the pool.
static BUSY: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// The most threads one decode gets (Whisper base gains little past four).
const MAX_JOB_THREADS: usize = 4;

/// The recognition workers shared by all calls.
pub struct RecognitionPool {
    shared: Arc<(Mutex<Queue>, Condvar)>,
    workers: usize,
}

/// A job taken by a worker, and whether no other job was waiting behind it.
struct Taken {
    job: Job,
    alone: bool,
}

impl std::fmt::Debug for RecognitionPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecognitionPool").field("workers", &self.workers).field("queued", &self.queued()).finish()
    }
}

impl RecognitionPool {
    /// Starts one worker per core (`cores` of them) on `recognizer`, each priming the decoder with
    /// `prompt`; decodes never use more than `cores` threads together.
    pub fn start(recognizer: &Recognizer, cores: usize, prompt: Option<String>) -> Result<RecognitionPool, AsrError> {
        let workers = cores.max(1);
        let shared: Arc<(Mutex<Queue>, Condvar)> = Arc::default();
        let turn_model = match EndOfTurnModel::start() {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!("Smart Turn unavailable, the end of turn uses words and pauses only: {e}");
                None
            }
        };
        for i in 0..workers {
            let mut stream = recognizer.stream(AsrOptions { initial_prompt: prompt.clone(), full_window: false, threads: 1 })?;
            let turn = turn_model.clone();
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("asr-{i}"))
                .spawn(move || {
                    while let Some(Taken { job, alone }) = next_job(&shared) {
                        let threads = acquire(workers, alone);
                        stream.set_threads(threads);
                        let queued_seconds = job.queued_at.elapsed().as_secs_f64();
                        tracing::debug!(call = %job.call, threads, queued_seconds, "decoding");
                        // Smart Turn runs on its own thread meanwhile (see `EndOfTurnModel`).
                        // A second, wide hearing only replaces the words: the end of turn is known.
                        let end = turn.as_ref().filter(|_| !job.wide).map(|t| t.ask(&job.audio));
                        let heard = if job.wide {
                            stream.transcribe_wide_after(&job.audio, job.context.as_deref())
                        } else {
                            stream.transcribe_after(&job.audio, job.context.as_deref())
                        };
                        let (text, processing_seconds) = match heard {
                            Ok(t) => (t.text, t.processing_seconds),
                            Err(e) => {
                                tracing::warn!(call = %job.call, error = %e, "recognition failed");
                                (String::new(), 0.0)
                            }
                        };
                        release(threads);
                        let end_probability = end.and_then(|rx| rx.recv().ok().flatten());
                        let _ = job.reply.send(Recognized { job: job.job, text, queued_seconds, processing_seconds, end_probability });
                    }
                })
                .map_err(|e| AsrError::Whisper(format!("cannot start a recognition thread: {e}")))?;
        }
        Ok(RecognitionPool { shared, workers })
    }

    /// Queues `audio` of `call` as job `job`, heard after `context` (what we last asked), `wide`
    /// for a beam search; the result goes to `reply`. Replaces the call's queued job.
    pub fn submit(&self, call: CallId, job: u64, audio: Audio, context: Option<String>, wide: bool, reply: mpsc::UnboundedSender<Recognized>) {
        let (lock, cv) = &*self.shared;
        let mut q = lock.lock().unwrap();
        q.jobs.retain(|j| j.call != call);
        q.jobs.push_back(Job { call, job, audio, context, wide, queued_at: Instant::now(), reply });
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

fn next_job(shared: &(Mutex<Queue>, Condvar)) -> Option<Taken> {
    let (lock, cv) = shared;
    let mut q = lock.lock().unwrap();
    loop {
        if q.closed {
            return None;
        }
        if let Some(job) = q.jobs.pop_front() {
            return Some(Taken { job, alone: q.jobs.is_empty() });
        }
        q = cv.wait(q).unwrap();
    }
}

/// Waits for a free core in this process; returns the threads the decode may use.
fn acquire(cores: usize, alone: bool) -> usize {
    let (lock, cv) = &BUSY;
    let mut busy = lock.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        if let Some(threads) = threads_for(cores, *busy, alone, super::cpu_load::idle_cores) {
            *busy += threads;
            return threads;
        }
        busy = cv.wait(busy).unwrap_or_else(|p| p.into_inner());
    }
}

/// Gives a finished decode's threads back.
fn release(threads: usize) {
    let (lock, cv) = &BUSY;
    *lock.lock().unwrap_or_else(|p| p.into_inner()) -= threads;
    cv.notify_all();
}

/// The threads for a decode with `busy` of `cores` at work in this process (None: wait), when it
/// is `alone` in its queue; `idle` gives the machine's idle cores of late.
fn threads_for(cores: usize, busy: usize, alone: bool, idle: impl Fn() -> Option<f32>) -> Option<usize> {
    if busy >= cores {
        return None;
    }
    let threads = cores.min(MAX_JOB_THREADS);
    // Half a core of slack: the thread that queued the job, Smart Turn, the media tasks.
    let idle_machine = busy == 0 && alone && threads > 1 && idle().is_some_and(|n| n >= threads as f32 - 0.5);
    Some(if idle_machine { threads } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::threads_for;

    #[test]
    fn several_threads_only_on_an_idle_machine_and_never_oversubscribed() {
        let idle = || Some(1.9);
        // One caller alone on an idle 2-core machine decodes on both cores.
        assert_eq!(threads_for(2, 0, true, idle), Some(2));
        // Another job waiting, another decode at work, or the machine busy of late: one thread.
        assert_eq!(threads_for(2, 0, false, idle), Some(1));
        assert_eq!(threads_for(2, 1, true, idle), Some(1));
        assert_eq!(threads_for(2, 0, true, || Some(1.2)), Some(1));
        // Unknown load: one thread.
        assert_eq!(threads_for(2, 0, true, || None), Some(1));
        // Every core at work: the job waits.
        assert_eq!(threads_for(2, 2, true, idle), None);
        // A big machine gives a lone job a few threads, not all of them, when that many are idle.
        assert_eq!(threads_for(16, 0, true, || Some(4.0)), Some(4));
        assert_eq!(threads_for(16, 0, true, || Some(3.0)), Some(1));
    }
}
