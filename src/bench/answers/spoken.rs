//! The questions as a caller says them on the phone: a voice that is not ours (Pico, lower and
//! slower) saying the words spelt as French, the phone channel (8 kHz G.711 A-law, as in France)
//! and our Whisper with the town's vocabulary.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;

use super::spelling::spoken_form;
use crate::answer::{vocabulary, Town};
use crate::media::g711::Law;
use crate::speech::asr::{AsrOptions, Recognizer};
use crate::speech::audio::Audio;
use crate::speech::tts::pico::Pico;

/// The caller's voice: Pico's pitch and speed in percent (ours speaks at 90 % pitch, 100 % speed).
const CALLER_PITCH: u32 = 85;
const CALLER_SPEED: u32 = 92;
/// Where transcripts are kept between runs (speech is slow; the text side is tuned often).
const CACHE: &str = ".cache/spoken-questions.tsv";

/// Transcripts of spoken questions, by question text.
pub type Heard = HashMap<String, String>;

/// Speaks every question through the phone channel into Whisper (primed with the town's
/// vocabulary; `wide`: a beam search, as for a second hearing), on `workers` threads;
/// transcripts already in the cache are reused.
pub fn hear_all(town: &Town, questions: &[String], workers: usize, wide: bool) -> anyhow::Result<Heard> {
    let recognizer = Recognizer::load_default().context("the Whisper model is needed for --spoken")?;
    let pico = Pico::french().context("Pico")?;
    let prompt = vocabulary(town);
    let key = |q: &str| cache_key(recognizer.model_path(), &prompt, &spoken_form(town, q), wide);
    let cache = load_cache(Path::new(CACHE));
    let mut heard = Heard::new();
    let mut todo: Vec<&String> = Vec::new();
    for q in questions {
        match cache.get(&key(q)) {
            Some(t) => {
                heard.insert(q.clone(), t.clone());
            }
            None if !todo.contains(&q) => todo.push(q),
            None => {}
        }
    }
    let done = Mutex::new(Vec::<(String, String)>::new());
    let next = Mutex::new(todo.into_iter());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for _ in 0..workers.max(1) {
            handles.push(scope.spawn(|| -> anyhow::Result<()> {
                let mut stream = recognizer.stream(AsrOptions { initial_prompt: Some(prompt.clone()), full_window: false, threads: 1 })?;
                loop {
                    let Some(q) = next.lock().unwrap_or_else(|p| p.into_inner()).next() else {
                        return Ok(());
                    };
                    let audio = phone_channel(&pico.synthesize_as(&spoken_form(town, q), CALLER_PITCH, CALLER_SPEED)?)?;
                    let text = if wide { stream.transcribe_wide_after(&audio, None)? } else { stream.transcribe(&audio)? }.text;
                    done.lock().unwrap_or_else(|p| p.into_inner()).push((q.clone(), text));
                }
            }));
        }
        for h in handles {
            h.join().map_err(|_| anyhow::anyhow!("a recognition thread panicked"))??;
        }
        Ok(())
    })?;
    let done = done.into_inner().unwrap_or_else(|p| p.into_inner());
    append_cache(Path::new(CACHE), done.iter().map(|(q, t)| (key(q), t.as_str())))?;
    heard.extend(done);
    Ok(heard)
}

/// 16 kHz speech as it reaches us over the phone: 8 kHz, A-law there and back.
fn phone_channel(audio: &Audio) -> anyhow::Result<Audio> {
    let narrow = audio.resampled(8000)?;
    let law = Law::Alaw;
    let bytes = law.encode(&narrow.to_i16());
    Ok(Audio::from_i16(8000, &law.decode(&bytes)))
}

fn cache_key(model: &Path, prompt: &str, question: &str, wide: bool) -> String {
    let mut h = DefaultHasher::new();
    (model.file_name(), CALLER_PITCH, CALLER_SPEED, prompt, question).hash(&mut h);
    if wide {
        "wide".hash(&mut h); // first hearings keep the keys of earlier runs
    }
    format!("{:016x}", h.finish())
}

fn load_cache(path: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines().filter_map(|l| l.split_once('\t')).map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn append_cache<'a>(path: &Path, entries: impl Iterator<Item = (String, &'a str)>) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).with_context(|| format!("cannot write {}", path.display()))?;
    for (k, t) in entries {
        writeln!(f, "{k}\t{}", t.replace(['\t', '\n'], " "))?;
    }
    Ok(())
}

/// The cache file's path, for messages.
pub fn cache_path() -> PathBuf {
    PathBuf::from(CACHE)
}
