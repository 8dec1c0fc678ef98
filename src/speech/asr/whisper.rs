//! The whisper.cpp engine behind [`Recognizer`] and [`AsrStream`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};
use std::time::Instant;

use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters, WhisperState};

use super::guards::{audio_ctx_for, clean_segments, is_silence, max_tokens_for};
use super::{AsrError, AsrOptions, Transcript};
use crate::speech::audio::Audio;

/// Sample rate whisper.cpp expects.
const RATE: u32 = 16000;
/// whisper.cpp returns nothing for inputs under 1 s: shorter audio is padded with silence to this.
const MIN_SAMPLES: usize = RATE as usize * 11 / 10;
/// Silence appended after the speech so the last word is not cut by the window edge.
const TAIL_SAMPLES: usize = RATE as usize / 4;
/// A segment whose no-speech probability exceeds this and whose mean token log-probability is
/// below [`LOGPROB_THOLD`] is noise, not speech (Whisper's own rule).
const NO_SPEECH_THOLD: f32 = 0.6;
/// Mean token log-probability under which a decode counts as unreliable.
const LOGPROB_THOLD: f32 = -1.0;
/// Token entropy above which whisper.cpp flags a decode as looping.
const ENTROPY_THOLD: f32 = 2.4;
/// Consecutive copies of a word or phrase kept before a run counts as a decoder loop.
const MAX_REPEAT: usize = 3;

/// Readings searched at once by a wide hearing (beam search; 3 gave 25 %, 5 gave 23 % word errors).
const WIDE_BEAM: i32 = 5;

/// How the decoder searches: the likeliest token each step, or a beam of readings.
#[derive(Debug, Clone, Copy)]
enum Search {
    Greedy,
    Beam(i32),
}

/// Routes whisper.cpp's and ggml's own logging away from stderr (silenced).
fn silence_whisper_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(whisper_rs::install_logging_hooks);
}

/// Whisper recogniser: one loaded model, shared by every stream (cheap to clone).
#[derive(Clone)]
pub struct Recognizer {
    ctx: Arc<WhisperContext>,
    path: Arc<PathBuf>,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recognizer").field("model", &self.path).finish()
    }
}

impl Recognizer {
    /// Loads the ggml Whisper model at `model` (checked first: missing or corrupt files give one clear line).
    pub fn load(model: &Path) -> Result<Self, AsrError> {
        crate::assets::check_whisper_model(model)?;
        silence_whisper_logs();
        let t = Instant::now();
        let ctx = WhisperContext::new_with_params(model, WhisperContextParameters::default())
            .map_err(|e| AsrError::Load { path: model.to_owned(), reason: e.to_string() })?;
        tracing::debug!(model = %model.display(), seconds = t.elapsed().as_secs_f64(), "whisper model loaded");
        Ok(Self { ctx: Arc::new(ctx), path: Arc::new(model.to_owned()) })
    }

    /// Loads the model chosen by [`crate::assets::whisper_model`] (env var, else best in `models/`).
    pub fn load_default() -> Result<Self, AsrError> {
        Self::load(&crate::assets::whisper_model()?)
    }

    /// The model file in use.
    pub fn model_path(&self) -> &Path {
        &self.path
    }

    /// Opens a recognition stream with its own reusable whisper.cpp state.
    pub fn stream(&self, options: AsrOptions) -> Result<AsrStream, AsrError> {
        let state = self.ctx.create_state().map_err(|e| AsrError::Whisper(e.to_string()))?;
        let max_prompt = (self.ctx.n_text_ctx() / 2 - 1).max(1) as usize;
        let prompt_tokens = match options.initial_prompt.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => {
                let mut toks = tokenize(&self.ctx, &format!(" {p}"))?;
                tracing::debug!(tokens = toks.len(), kept = toks.len().min(max_prompt), prompt = p, "recogniser prompt");
                toks.truncate(max_prompt);
                toks
            }
            None => Vec::new(),
        };
        let threads = if options.threads > 0 { options.threads } else { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) };
        Ok(AsrStream { ctx: self.ctx.clone(), state, prompt_tokens, max_prompt, threads, options, eot: self.ctx.token_eot() })
    }
}

/// The tokens of a text, however long. whisper.cpp answers minus the count when the buffer is
/// too small, which whisper-rs 0.x takes for a length (uninitialised token ids reached the
/// decoder and aborted the process on a long town vocabulary): the buffer always fits.
fn tokenize(ctx: &WhisperContext, text: &str) -> Result<Vec<i32>, AsrError> {
    // A token is at least one byte of the text.
    ctx.tokenize(text, text.len() + 8).map_err(|e| AsrError::Whisper(e.to_string()))
}

/// One recognition stream: transcribes utterances one after another, reusing its state.
pub struct AsrStream {
    ctx: Arc<WhisperContext>,
    state: WhisperState,
    prompt_tokens: Vec<i32>,
    max_prompt: usize,
    threads: usize,
    options: AsrOptions,
    eot: i32,
}

impl std::fmt::Debug for AsrStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsrStream").field("threads", &self.threads).field("options", &self.options).finish()
    }
}

impl AsrStream {
    /// Sets the decoding threads for the next utterances (at least one).
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// Transcribes one utterance (any sample rate; resampled to 16 kHz) as French text.
    pub fn transcribe(&mut self, audio: &Audio) -> Result<Transcript, AsrError> {
        self.hear_after(audio, None, Search::Greedy)
    }

    /// Transcribes one utterance heard right after `context` (what we last asked the caller): the
    /// decoder reads it after the stream's prompt, as the conversation so far, so a short answer
    /// ("oui", a name) is heard as an answer to that question.
    pub fn transcribe_after(&mut self, audio: &Audio, context: Option<&str>) -> Result<Transcript, AsrError> {
        self.hear_after(audio, context, Search::Greedy)
    }

    /// The same as [`AsrStream::transcribe_after`], searching a beam of five readings: about 1.4×
    /// slower and fewer word errors (26 → 23 % on Debian's telephone prompts). For a second
    /// hearing of words the answering core could not place.
    pub fn transcribe_wide_after(&mut self, audio: &Audio, context: Option<&str>) -> Result<Transcript, AsrError> {
        self.hear_after(audio, context, Search::Beam(WIDE_BEAM))
    }

    fn hear_after(&mut self, audio: &Audio, context: Option<&str>, search: Search) -> Result<Transcript, AsrError> {
        let Some(context) = context.map(str::trim).filter(|c| !c.is_empty()) else {
            let prompt = std::mem::take(&mut self.prompt_tokens);
            let result = self.decode(audio, &prompt, search);
            self.prompt_tokens = prompt;
            return result;
        };
        let mut said = tokenize(&self.ctx, &format!(" {context}"))?;
        said.truncate(self.max_prompt);
        let mut tokens = self.prompt_tokens.clone();
        tokens.extend(said);
        // Whisper keeps the most recent context: drop from the front when it is too long.
        let extra = tokens.len().saturating_sub(self.max_prompt);
        self.decode(audio, &tokens[extra..], search)
    }

    fn decode(&mut self, audio: &Audio, prompt: &[i32], search: Search) -> Result<Transcript, AsrError> {
        let start = Instant::now();
        if audio.samples.is_empty() || audio.rate == 0 {
            return Err(AsrError::EmptyAudio);
        }
        let audio_seconds = audio.seconds();
        let mut pcm = if audio.rate == RATE { audio.samples.clone() } else { audio.resampled(RATE)?.samples };
        let done = |text: String| Transcript { text, audio_seconds, processing_seconds: start.elapsed().as_secs_f64() };
        if is_silence(&pcm) {
            return Ok(done(String::new()));
        }
        pcm.extend(std::iter::repeat_n(0.0, TAIL_SAMPLES));
        if pcm.len() < MIN_SAMPLES {
            pcm.resize(MIN_SAMPLES, 0.0);
        }
        let padded_seconds = pcm.len() as f64 / RATE as f64;
        let audio_ctx = if self.options.full_window { 0 } else { audio_ctx_for(padded_seconds) };
        let long = audio_ctx == 0 && padded_seconds >= super::guards::WINDOW_SECONDS - 1.0;

        let mut p = FullParams::new(match search {
            Search::Greedy => SamplingStrategy::Greedy { best_of: 1 },
            Search::Beam(beam_size) => SamplingStrategy::BeamSearch { beam_size, patience: -1.0 },
        });
        p.set_language(Some("fr"));
        p.set_detect_language(false);
        p.set_translate(false);
        p.set_n_threads(self.threads as i32);
        p.set_no_context(true);
        p.set_single_segment(!long);
        p.set_no_timestamps(!long);
        p.set_audio_ctx(audio_ctx);
        p.set_max_tokens(if long { 0 } else { max_tokens_for(audio_seconds) });
        p.set_temperature(0.0);
        p.set_temperature_inc(0.0);
        p.set_entropy_thold(ENTROPY_THOLD);
        p.set_logprob_thold(LOGPROB_THOLD);
        p.set_no_speech_thold(NO_SPEECH_THOLD);
        p.set_suppress_blank(true);
        p.set_suppress_nst(true);
        p.set_print_special(false);
        p.set_print_progress(false);
        p.set_print_realtime(false);
        p.set_print_timestamps(false);
        if !prompt.is_empty() {
            p.set_tokens(prompt);
        }
        self.state.full(p, &pcm).map_err(|e| AsrError::Whisper(e.to_string()))?;

        let mut texts = Vec::new();
        for seg in self.state.as_iter() {
            let n = seg.n_tokens();
            let (mut sum, mut count) = (0f32, 0);
            for i in 0..n {
                if let Some(t) = seg.get_token(i) {
                    let d = t.token_data();
                    // Text tokens only: specials (≥ end-of-text) carry no content.
                    if d.id < self.eot {
                        sum += d.plog;
                        count += 1;
                    }
                }
            }
            let avg_logprob = if count > 0 { sum / count as f32 } else { f32::NEG_INFINITY };
            let no_speech = seg.no_speech_probability();
            let text = seg.to_str_lossy().map(|t| t.into_owned()).unwrap_or_default();
            if no_speech > NO_SPEECH_THOLD && avg_logprob < LOGPROB_THOLD {
                tracing::debug!(no_speech, avg_logprob, "dropped a no-speech segment");
                continue;
            }
            texts.push(text);
        }
        let text = clean_segments(texts.iter().map(String::as_str), MAX_REPEAT);
        let t = done(text);
        tracing::debug!(audio_ctx, audio_seconds, threads = self.threads, processing_seconds = t.processing_seconds, "transcribed");
        Ok(t)
    }
}
