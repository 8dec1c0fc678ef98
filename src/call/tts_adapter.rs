//! TEMPORARY adapter: SVOX Pico French through `ttspico`, with the API of `crate::speech::tts`.
//! Delete this file when the real `Speaker` lands on main (branch `tts`).

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{mpsc, Mutex};

use crate::speech::audio::Audio;

/// Speech synthesis errors.
#[derive(Debug, thiserror::Error)]
pub enum TtsError {
    /// Pico failed or its resources are missing.
    #[error("pico: {0}")]
    Engine(String),
}

/// Synthesis options.
#[derive(Debug, Clone)]
pub struct SpeakOptions {
    /// Speed factor (1.0 normal).
    pub rate: f32,
    /// Output sample rate, if not the engine's own.
    pub sample_rate: Option<u32>,
}

type Job = (String, mpsc::Sender<Result<Audio, TtsError>>);

/// The French Pico voice, running on its own thread.
pub struct Speaker {
    jobs: Mutex<mpsc::Sender<Job>>,
}

fn lang_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    std::fs::read_dir(home.join("registry/src")).ok()?.flatten().map(|e| e.path().join("ttspico-sys-0.1.5/build/pico/lang")).find(|d| d.join("fr-FR_ta.bin").is_file())
}

fn engine() -> Result<ttspico::Engine, TtsError> {
    let e = |x: ttspico::PicoError| TtsError::Engine(x.to_string());
    let dir = lang_dir().ok_or_else(|| TtsError::Engine("fr-FR resources of ttspico-sys not found".into()))?;
    let sys = ttspico::System::new(8 * 1024 * 1024).map_err(e)?;
    let ta = ttspico::System::load_resource(Rc::clone(&sys), dir.join("fr-FR_ta.bin").to_string_lossy().into_owned()).map_err(e)?;
    let sg = ttspico::System::load_resource(Rc::clone(&sys), dir.join("fr-FR_nk0_sg.bin").to_string_lossy().into_owned()).map_err(e)?;
    let voice = ttspico::System::create_voice(sys, "fr").map_err(e)?;
    voice.borrow_mut().add_resource(ta).map_err(e)?;
    voice.borrow_mut().add_resource(sg).map_err(e)?;
    // SAFETY: both resources were added above.
    unsafe { ttspico::Voice::create_engine(voice) }.map_err(e)
}

fn run(engine: &mut ttspico::Engine, text: &str) -> Result<Audio, TtsError> {
    let e = |x: ttspico::PicoError| TtsError::Engine(x.to_string());
    let mut bytes = text.replace(['<', '>'], " ").into_bytes();
    bytes.push(0);
    let mut rest: &[u8] = &bytes;
    while !rest.is_empty() {
        let n = engine.put_text(rest).map_err(e)?;
        rest = &rest[n..];
    }
    let mut pcm = Vec::new();
    let mut buf = [0i16; 1024];
    loop {
        let (n, status) = engine.get_data(&mut buf).map_err(e)?;
        pcm.extend_from_slice(&buf[..n]);
        if status == ttspico::EngineStatus::Idle {
            break;
        }
    }
    Ok(Audio::from_i16(16000, &pcm))
}

impl Speaker {
    /// The French Pico voice.
    pub fn default_voice() -> Result<Speaker, TtsError> {
        let (tx, rx) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut eng = match engine() {
                Ok(x) => {
                    let _ = ready_tx.send(Ok(()));
                    x
                }
                Err(err) => {
                    let _ = ready_tx.send(Err(err));
                    return;
                }
            };
            for (text, reply) in rx {
                let _ = reply.send(run(&mut eng, &text));
            }
        });
        ready_rx.recv().map_err(|_| TtsError::Engine("pico thread died".into()))??;
        Ok(Speaker { jobs: Mutex::new(tx) })
    }

    /// Speaks `text` (blocking).
    pub fn speak(&self, text: &str, opts: &SpeakOptions) -> Result<Audio, TtsError> {
        let (tx, rx) = mpsc::channel();
        self.jobs.lock().unwrap().send((text.to_string(), tx)).map_err(|_| TtsError::Engine("pico thread stopped".into()))?;
        let audio = rx.recv().map_err(|_| TtsError::Engine("pico thread stopped".into()))??;
        match opts.sample_rate {
            Some(r) if r != audio.rate => audio.resampled(r).map_err(|x| TtsError::Engine(x.to_string())),
            _ => Ok(audio),
        }
    }
}
