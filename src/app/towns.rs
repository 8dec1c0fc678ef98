//! The towns of the configuration, loaded: `[town]` (one town answering every number) or
//! `[[towns]]` (each with its numbers, file, transfer targets, voice and clerks).

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;

use crate::answer::{Town, TownHandle};
use crate::call::synthesis::Voice;
use crate::config::Config;
use crate::speech::tts::Speaker;
use crate::towns::{Routes, ServedTown, Towns};

/// The Piper voice a configured name selects; `None` (or `pico…`) is the embedded Pico voice.
pub fn piper_voice(name: Option<&str>) -> Option<String> {
    name.map(str::trim).filter(|v| !v.is_empty() && !v.to_ascii_lowercase().starts_with("pico")).map(str::to_string)
}

/// Voices loaded once each, whichever towns share them.
struct Voices(HashMap<Option<String>, Arc<Voice>>);

impl Voices {
    fn get(&mut self, name: Option<&str>) -> anyhow::Result<Arc<Voice>> {
        let key = piper_voice(name);
        if let Some(v) = self.0.get(&key) {
            return Ok(v.clone());
        }
        let speaker = Speaker::selected(key.as_deref()).with_context(|| format!("cannot load the voice {}", key.as_deref().unwrap_or("pico")))?;
        let voice = Arc::new(Voice::new(Arc::new(speaker), 8000));
        self.0.insert(key, voice.clone());
        Ok(voice)
    }
}

/// Loads every town of the configuration and its voice (blocking: files and voices are read).
pub fn load_towns(config: &Config) -> anyhow::Result<Towns> {
    let mut voices = Voices(HashMap::new());
    let default_voice = config.speech.voice.as_deref();
    if config.towns.is_empty() {
        let town = match &config.town.file {
            Some(path) => TownHandle::load(path)?,
            None => TownHandle::fixed(Town::sample()),
        };
        return Ok(Towns::single(town, voices.get(default_voice)?));
    }
    let mut served = Vec::new();
    for t in &config.towns {
        let name = t.name.get_ref().trim().to_string();
        let town = TownHandle::load_with_transfers(&t.file, t.transfers.clone()).with_context(|| format!("town {name:?} of {}", config.path().display()))?;
        let voice = voices.get(t.voice.as_deref().or(default_voice))?;
        served.push(ServedTown { name, town: Arc::new(town), voice, clerks: t.clerks.clone() });
    }
    let numbers: Vec<Vec<String>> = config.towns.iter().map(|t| t.numbers.get_ref().iter().map(|n| n.get_ref().clone()).collect()).collect();
    Ok(Towns::new(served, Routes::new(numbers.iter().map(Vec::as_slice))))
}
