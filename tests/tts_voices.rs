//! Real voices: Pico and the installed Piper voice speak, the rate control keeps the pitch, and a
//! wrong voice name says where voices live.

use standardiste::speech::audio::Audio;
use standardiste::speech::tts::{post, SpeakOptions, Speaker, TtsError};

const FRENCH: &str = "Bonjour, la mairie est ouverte du lundi au vendredi de 8h30 à 17h. \
                      Pour une carte d'identité, prenez rendez-vous au 03 29 00 00 00.";

/// Checks the audio sounds like speech for `text`: plausible length, audible, not clipped.
fn assert_speech(a: &Audio, text: &str) {
    let chars = text.chars().filter(|c| c.is_alphabetic()).count() as f64;
    let secs = a.seconds();
    // Read speech runs at roughly 10–20 letters a second; allow a wide margin either side.
    assert!(secs > chars / 40.0 && secs < chars / 5.0, "{secs:.2} s for {chars} letters");
    let rms = post::voiced_rms(&a.samples, a.rate);
    assert!(rms > 0.03, "too quiet: voiced RMS {rms}");
    let clipped = a.samples.iter().filter(|s| s.abs() >= 0.999).count();
    assert!(clipped == 0, "{clipped} clipped samples");
    let peak = a.samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    assert!(peak <= post::PEAK_LIMIT + 1e-3, "peak {peak}");
    // Speech has gaps and bursts: the loudest 20 ms frames are far above the quietest.
    let frame = a.rate as usize / 50;
    let mut e: Vec<f32> = a.samples.chunks(frame).map(|c| c.iter().map(|s| s * s).sum::<f32>() / c.len() as f32).collect();
    e.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert!(e[e.len() * 9 / 10] > 100.0 * e[e.len() / 10].max(1e-9), "no speech dynamics");
}

/// Median pitch (Hz) of the voiced 40 ms frames, by autocorrelation over 70–400 Hz.
fn median_pitch(a: &Audio) -> f32 {
    let (rate, frame) = (a.rate as usize, a.rate as usize / 25);
    let (min_lag, max_lag) = (rate / 400, rate / 70);
    let loud = post::voiced_rms(&a.samples, a.rate);
    let mut f0s = Vec::new();
    for c in a.samples.chunks(frame).filter(|c| c.len() == frame) {
        let energy: f32 = c.iter().map(|s| s * s).sum();
        if (energy / frame as f32).sqrt() < loud * 0.5 {
            continue;
        }
        let (mut best, mut best_r) = (0, 0.0f32);
        for lag in min_lag..=max_lag {
            let r: f32 = c[..frame - lag].iter().zip(&c[lag..]).map(|(x, y)| x * y).sum::<f32>() / energy;
            if r > best_r {
                best_r = r;
                best = lag;
            }
        }
        if best_r > 0.4 {
            f0s.push(rate as f32 / best as f32);
        }
    }
    assert!(f0s.len() > 10, "too few voiced frames: {}", f0s.len());
    f0s.sort_by(|x, y| x.partial_cmp(y).unwrap());
    f0s[f0s.len() / 2]
}

#[test]
fn pico_speaks_french() {
    let s = Speaker::default_voice().unwrap();
    assert_eq!(s.voice_name(), "pico");
    let a = s.speak(FRENCH, &SpeakOptions::default()).unwrap();
    assert_eq!(a.rate, 16000);
    assert_speech(&a, &standardiste::speech::tts::normalize::normalize(FRENCH));
}

#[test]
fn sentences_come_one_by_one_and_add_up_to_the_whole() {
    let s = Speaker::default_voice().unwrap();
    let opts = SpeakOptions { rate: 1.0, sample_rate: Some(8000) };
    let parts: Vec<Audio> = s.sentences(FRENCH, &opts).collect::<Result<_, _>>().unwrap();
    assert_eq!(parts.len(), 2);
    assert!(parts.iter().all(|p| p.rate == 8000 && p.seconds() > 1.0));
    // The first sentence ends with a pause of silence; the last does not.
    let tail = &parts[0].samples[parts[0].samples.len() - 1600..];
    assert!(tail.iter().all(|s| s.abs() < 1e-3));
    let whole = s.speak(FRENCH, &opts).unwrap();
    // Pico's output varies by a few samples from run to run: compare within 1 %.
    let sum: usize = parts.iter().map(|p| p.samples.len()).sum();
    let diff = (whole.samples.len() as f64 - sum as f64).abs() / sum as f64;
    assert!(diff < 0.01, "whole {} vs parts {sum}", whole.samples.len());
}

#[test]
fn slower_rate_is_longer_with_the_same_pitch() {
    let s = Speaker::default_voice().unwrap();
    let text = "La déchetterie est ouverte le samedi matin. Les encombrants sont ramassés le premier mardi du mois.";
    let normal = s.speak(text, &SpeakOptions::default()).unwrap();
    let slow = s.speak(text, &SpeakOptions { rate: 0.8, sample_rate: None }).unwrap();
    let ratio = slow.seconds() / normal.seconds();
    assert!(ratio > 1.12 && ratio < 1.45, "duration ratio {ratio:.2}");
    let (p0, p1) = (median_pitch(&normal), median_pitch(&slow));
    assert!((p1 / p0 - 1.0).abs() < 0.15, "pitch moved: {p0:.0} Hz → {p1:.0} Hz");
}

#[test]
fn unknown_voice_names_the_voices_folder() {
    let err = Speaker::with_voice("no-such-voice").unwrap_err();
    assert!(matches!(err, TtsError::UnknownVoice { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("voices") && msg.contains("no-such-voice") && msg.contains("pico"), "{msg}");
    assert!(Speaker::with_voice("pico").is_ok());
    assert!(Speaker::with_voice("PICO").is_ok());
}

#[test]
fn empty_text_gives_empty_audio() {
    let s = Speaker::default_voice().unwrap();
    assert!(s.speak(" … ", &SpeakOptions::default()).unwrap().samples.is_empty());
}

#[cfg(feature = "piper")]
#[test]
fn piper_english_voice_speaks() {
    let name = "en_US-joe-medium";
    let s = Speaker::with_voice(name).unwrap_or_else(|e| panic!("{e} (install it with scripts/install.sh)"));
    assert_eq!(s.voice_name(), name);
    let text = "Hello. The town hall is open from Monday to Friday, and the library closes at noon.";
    let a = s.speak(text, &SpeakOptions::default()).unwrap();
    assert_eq!(a.rate, 22050);
    assert_speech(&a, text);
    let slow = s.speak(text, &SpeakOptions { rate: 0.8, sample_rate: Some(8000) }).unwrap();
    assert_eq!(slow.rate, 8000);
    // Piper's durations are sampled (noise_w): compare totals over a few runs.
    let (mut t_normal, mut t_slow) = (a.seconds(), slow.seconds());
    for _ in 0..3 {
        t_normal += s.speak(text, &SpeakOptions::default()).unwrap().seconds();
        t_slow += s.speak(text, &SpeakOptions { rate: 0.8, sample_rate: None }).unwrap().seconds();
    }
    let ratio = t_slow / t_normal;
    assert!(ratio > 1.12 && ratio < 1.45, "duration ratio {ratio:.2}");
    let (p0, p1) = (median_pitch(&a), median_pitch(&slow.resampled(22050).unwrap()));
    assert!((p1 / p0 - 1.0).abs() < 0.15, "pitch moved: {p0:.0} Hz → {p1:.0} Hz");
}

#[cfg(not(feature = "piper"))]
#[test]
fn piper_voice_without_the_feature_says_so() {
    // With the voice installed it resolves, then reports the missing feature; else it is unknown.
    let err = Speaker::with_voice("en_US-joe-medium").unwrap_err();
    assert!(matches!(err, TtsError::PiperNotBuilt(_) | TtsError::UnknownVoice { .. }), "{err}");
}
