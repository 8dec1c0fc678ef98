//! Silero VAD v5/v6 (MIT), `models/silero_vad.onnx`, on the project's ONNX Runtime.
//!
//! The model takes chunks of 256 samples at 8 kHz (512 at 16 kHz, 32 ms either way), each
//! preceded by the last 32 (64) samples of the previous chunk, plus a recurrent state
//! `[2, 1, 128]` carried from chunk to chunk. Frames of any length (20 ms from the phone) are
//! buffered into those chunks; the probability returned is that of the latest complete chunk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::onnx::{Input, Model};
use super::{VadError, VoiceActivity};

/// File name of the model in the models folder.
pub const SILERO_FILE: &str = "silero_vad.onnx";
const WHAT: &str = "Silero VAD model";
const STATE_LEN: usize = 2 * 128;

/// The default model path: `silero_vad.onnx` in the models folder.
pub fn default_path() -> PathBuf {
    crate::assets::models_dir().join(SILERO_FILE)
}

/// The loaded models, one per file, shared by every stream: a chunk takes a fraction of a
/// millisecond, so calls take turns on one session instead of each loading its own.
fn shared(path: &Path) -> Result<Arc<Mutex<Model>>, VadError> {
    static MODELS: OnceLock<Mutex<HashMap<PathBuf, Arc<Mutex<Model>>>>> = OnceLock::new();
    let mut models = MODELS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(m) = models.get(path) {
        return Ok(m.clone());
    }
    let m = Arc::new(Mutex::new(Model::load(WHAT, path)?));
    models.insert(path.to_path_buf(), m.clone());
    Ok(m)
}

/// One stream's Silero VAD: its recurrent state and context, on the shared session.
pub struct SileroVad {
    model: Arc<Mutex<Model>>,
    rate: u32,
    chunk: usize,
    /// The context (last samples of the previous chunk) followed by the chunk being filled.
    window: Vec<f32>,
    context: usize,
    state: Vec<f32>,
    last: f32,
    warned: bool,
}

impl SileroVad {
    /// A detector for audio at `rate` (8000 or 16000 Hz) on the model at `path` (loaded once).
    pub fn load(path: &Path, rate: u32) -> Result<Self, VadError> {
        let (chunk, context) = match rate {
            8000 => (256, 32),
            16000 => (512, 64),
            r => return Err(VadError::Rate(r)),
        };
        let model = shared(path)?;
        let mut window = Vec::with_capacity(context + chunk);
        window.resize(context, 0.0);
        Ok(Self { model, rate, chunk, window, context, state: vec![0.0; STATE_LEN], last: 0.0, warned: false })
    }

    /// Loads the installed model for 8 kHz phone audio.
    pub fn load_default() -> Result<Self, VadError> {
        Self::new_for_rate(8000)
    }

    /// Loads the installed model for audio at `rate` (8000 or 16000 Hz).
    pub fn new_for_rate(rate: u32) -> Result<Self, VadError> {
        Self::load(&default_path(), rate)
    }

    /// The sample rate this detector expects.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// The model's input and output names, as ONNX Runtime lists them.
    pub fn io_names(&self) -> (Vec<String>, Vec<String>) {
        self.model.lock().unwrap_or_else(|p| p.into_inner()).io_names()
    }

    /// Feeds samples; returns the probability of the last chunk they completed, if any.
    pub fn push(&mut self, samples: &[i16]) -> Result<Option<f32>, VadError> {
        let mut latest = None;
        for &s in samples {
            self.window.push(s as f32 / 32768.0);
            if self.window.len() == self.context + self.chunk {
                latest = Some(self.run_chunk()?);
            }
        }
        Ok(latest)
    }

    /// Runs the model on the full window and keeps its tail as the next chunk's context.
    fn run_chunk(&mut self) -> Result<f32, VadError> {
        let n = self.window.len() as i64;
        let out = self.model.lock().unwrap_or_else(|p| p.into_inner()).run(
            &[("input", Input::F32(vec![1, n], &self.window)), ("state", Input::F32(vec![2, 1, 128], &self.state)), ("sr", Input::I64Scalar(self.rate as i64))],
            &["output", "stateN"],
        );
        let tail = self.window.len() - self.context;
        self.window.drain(..tail);
        let out = out?;
        let p = out[0].first().copied().unwrap_or(0.0);
        if out[1].len() == STATE_LEN {
            self.state.copy_from_slice(&out[1]);
        }
        self.last = p;
        Ok(p)
    }

    /// The probability of the latest complete chunk.
    pub fn last_probability(&self) -> f32 {
        self.last
    }
}

impl VoiceActivity for SileroVad {
    /// Errors (which should not happen once loaded) are logged once and keep the last probability.
    fn probability(&mut self, frame: &[i16]) -> f32 {
        if let Err(e) = self.push(frame) {
            if !self.warned {
                tracing::warn!("Silero VAD: {e}");
                self.warned = true;
            }
        }
        self.last
    }

    fn reset(&mut self) {
        self.window.clear();
        self.window.resize(self.context, 0.0);
        self.state.fill(0.0);
        self.last = 0.0;
    }

    fn name(&self) -> &str {
        "silero"
    }
}
