//! Speech synthesis for every call: the voice, and a cache of what is said on every call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::speech::audio::Audio;
use crate::speech::tts::{SpeakOptions, Speaker, TtsError};

/// Most sentences the cache keeps (welcome, menu, prompts: the same on every call).
const CACHE_MAX: usize = 256;

/// The voice shared by all calls, with its sentence cache.
#[derive(Debug)]
pub struct Voice {
    speaker: Arc<Speaker>,
    cache: Mutex<HashMap<(String, u32, u32), Audio>>,
    sample_rate: u32,
}

impl Voice {
    /// The synthesiser behind this voice.
    pub fn speaker(&self) -> Arc<Speaker> {
        self.speaker.clone()
    }

    /// A voice speaking at `sample_rate` Hz (8000 for the phone).
    pub fn new(speaker: Arc<Speaker>, sample_rate: u32) -> Voice {
        Voice { speaker, cache: Mutex::new(HashMap::new()), sample_rate }
    }

    /// The voice's name.
    pub fn name(&self) -> &str {
        self.speaker.voice_name()
    }

    /// One sentence as audio (blocking: call from a blocking thread).
    pub fn sentence(&self, text: &str, rate: f32) -> Result<Audio, TtsError> {
        let key = (text.to_string(), (rate * 100.0).round() as u32, self.sample_rate);
        if let Some(a) = self.cache.lock().unwrap().get(&key) {
            return Ok(a.clone());
        }
        let mut audio = self.speaker.speak(text, &SpeakOptions { rate, sample_rate: Some(self.sample_rate) })?;
        // The breath between two sentences, as when the answer is spoken whole.
        let pause = (crate::speech::tts::SENTENCE_PAUSE_S / rate.clamp(0.5, 2.0) * audio.rate as f32) as usize;
        audio.samples.extend(std::iter::repeat_n(0.0, pause));
        let mut c = self.cache.lock().unwrap();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(key, audio.clone());
        Ok(audio)
    }
}
