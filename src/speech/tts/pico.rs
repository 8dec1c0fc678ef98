//! SVOX Pico fr-FR: the embedded default voice (16 kHz), resources compiled into the binary.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Mutex;

use super::{Synthesizer, TtsError};
use crate::speech::audio::Audio;

/// Pico's output sample rate.
pub const PICO_RATE: u32 = 16000;

const TA_NAME: &str = "fr-FR_ta.bin";
const SG_NAME: &str = "fr-FR_nk0_sg.bin";
static TA_BIN: &[u8] = include_bytes!(concat!(env!("STANDARDISTE_PICO_LANG_DIR"), "/fr-FR_ta.bin"));
static SG_BIN: &[u8] = include_bytes!(concat!(env!("STANDARDISTE_PICO_LANG_DIR"), "/fr-FR_nk0_sg.bin"));

/// Pico's pitch in percent of its own (100). A slightly lower voice is better understood through
/// the phone: round-trip WER (bench tts, 70 sentences, 8 kHz G.711) 21.5 % at 100, 19.6 % at 90
/// (both with 0.95 pre-emphasis; 85 → 20.4 %, 80 → 22.1 %, 115 → 23.8 % with 0.8).
const PITCH_PERCENT: u32 = 90;

/// Memory handed to one Pico system (the two French resources take about 1.2 MB).
const PICO_MEM: usize = 8 * 1024 * 1024;

/// One Pico system, voice and engine. The `Rc`s never leave this struct, and it is only used
/// under [`Pico`]'s mutex, so moving it between threads is sound.
struct Engine {
    engine: ttspico::Engine,
    _sys: Rc<RefCell<ttspico::System>>,
}

// SAFETY: every `Rc` clone of the Pico objects lives inside this struct (none is handed out), and
// all access goes through `Pico::engine`'s mutex, so no two threads touch them at once.
unsafe impl Send for Engine {}

/// The SVOX Pico French voice, safe to share between threads (one engine behind a mutex).
pub struct Pico {
    engine: Mutex<Engine>,
}

fn engine_err(e: impl std::fmt::Display) -> TtsError {
    TtsError::Engine { engine: "pico".into(), reason: e.to_string() }
}

impl Pico {
    /// Loads the embedded fr-FR voice (its resources are written once to a cache folder).
    pub fn french() -> Result<Self, TtsError> {
        let dir = resource_dir()?;
        let sys = ttspico::System::new(PICO_MEM).map_err(engine_err)?;
        let path = |n: &str| dir.join(n).to_string_lossy().into_owned();
        let ta = ttspico::System::load_resource(Rc::clone(&sys), path(TA_NAME)).map_err(engine_err)?;
        let sg = ttspico::System::load_resource(Rc::clone(&sys), path(SG_NAME)).map_err(engine_err)?;
        let voice = ttspico::System::create_voice(Rc::clone(&sys), "standardiste-fr").map_err(engine_err)?;
        voice.borrow_mut().add_resource(ta).map_err(engine_err)?;
        voice.borrow_mut().add_resource(sg).map_err(engine_err)?;
        // SAFETY: both the TA and the SG resource were added to the voice just above.
        let engine = unsafe { ttspico::Voice::create_engine(voice) }.map_err(engine_err)?;
        Ok(Self { engine: Mutex::new(Engine { engine, _sys: sys }) })
    }

    /// Speaks one sentence in another voice than ours: Pico's pitch and speed in percent (a test
    /// caller, never the assistant).
    pub fn synthesize_as(&self, text: &str, pitch_percent: u32, speed_percent: u32) -> Result<Audio, TtsError> {
        self.run_with(text, pitch_percent, speed_percent)
    }

    /// Speaks one sentence; `speed_percent` is Pico's own speed (100 normal, 80 slower).
    fn run(&self, text: &str, speed_percent: u32) -> Result<Audio, TtsError> {
        self.run_with(text, PITCH_PERCENT, speed_percent)
    }

    fn run_with(&self, text: &str, pitch_percent: u32, speed_percent: u32) -> Result<Audio, TtsError> {
        // Pico reads `<…>` as markup: keep the caller's text plain, then add our speed tag.
        let clean: String = text.chars().map(|c| if c == '<' || c == '>' { ' ' } else { c }).collect();
        let marked = if speed_percent == 100 { clean } else { format!("<speed level=\"{speed_percent}\">{clean}</speed>") };
        let marked = format!("<pitch level=\"{pitch_percent}\">{marked}</pitch>");
        let mut bytes = marked.into_bytes();
        bytes.push(0); // the terminating NUL makes Pico flush and speak everything
        let mut guard = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        let engine = &mut guard.engine;
        // Each sentence starts from a clean engine, so the same text always gives the same audio.
        engine.reset(ttspico::EngineResetMode::Soft).map_err(engine_err)?;
        let result = speak_bytes(engine, &bytes);
        if result.is_err() {
            let _ = engine.reset(ttspico::EngineResetMode::Full);
        }
        Ok(Audio::from_i16(PICO_RATE, &result?))
    }
}

fn speak_bytes(engine: &mut ttspico::Engine, mut text: &[u8]) -> Result<Vec<i16>, TtsError> {
    let mut pcm = Vec::new();
    let mut buf = [0i16; 2048];
    loop {
        if !text.is_empty() {
            let n = engine.put_text(text).map_err(engine_err)?;
            text = &text[n..];
        }
        let (n, status) = engine.get_data(&mut buf[..]).map_err(engine_err)?;
        pcm.extend_from_slice(&buf[..n]);
        if text.is_empty() && status == ttspico::EngineStatus::Idle {
            return Ok(pcm);
        }
    }
}

impl Synthesizer for Pico {
    fn name(&self) -> &str {
        "pico"
    }

    fn synthesize(&self, text: &str) -> Result<Audio, TtsError> {
        self.run(text, 100)
    }

    /// Pico's own text analysis reads French numbers clearly; spelled-out numbers it garbles.
    fn numbers(&self) -> super::normalize::Numbers {
        super::normalize::Numbers::Digits
    }

    /// Pico's own `<speed>` markup changes durations only, so the pitch stays the same.
    fn synthesize_at(&self, text: &str, rate: f32) -> Result<Audio, TtsError> {
        self.run(text, (rate.clamp(0.2, 5.0) * 100.0).round() as u32)
    }
}

/// Writes the embedded resources once to a per-content cache folder and returns it.
fn resource_dir() -> Result<PathBuf, TtsError> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join("standardiste").join(format!("pico-fr-{:016x}", fnv1a(&[TA_BIN, SG_BIN])));
    for (name, bytes) in [(TA_NAME, TA_BIN), (SG_NAME, SG_BIN)] {
        write_once(&dir, name, bytes)?;
    }
    Ok(dir)
}

fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), TtsError> {
    let path = dir.join(name);
    if std::fs::metadata(&path).map(|m| m.len() == bytes.len() as u64).unwrap_or(false) {
        return Ok(());
    }
    let io = |source| TtsError::Io { path: path.clone(), source };
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)
}

fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in p.iter() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    h
}
