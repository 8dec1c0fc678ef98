//! Pure decisions around a Whisper call: window size, token budget, silence, hallucination clean-up.

/// Encoder frames per second of audio (whisper.cpp: 1500 frames for 30 s).
pub const FRAMES_PER_SECOND: f64 = 50.0;
/// Longest audio that fits one Whisper window, in seconds.
pub const WINDOW_SECONDS: f64 = 30.0;

/// Encoder context (`audio_ctx`) for an utterance of `seconds`: its frames plus a margin, rounded up
/// to a multiple of 64, at least 256 (shorter contexts derail the base model), at most 1500.
/// Returns 0 (the full window) for audio that does not fit one window.
pub fn audio_ctx_for(seconds: f64) -> i32 {
    if seconds >= WINDOW_SECONDS - 1.0 {
        return 0;
    }
    let frames = (seconds * FRAMES_PER_SECOND).ceil() as i32 + 64;
    let rounded = (frames + 63) / 64 * 64;
    rounded.clamp(256, 1500)
}

/// Token budget for an utterance of `seconds`: generous for speech (≈ 3 tokens per French word,
/// ≈ 3 words per second), small enough that a looping decoder stops quickly.
pub fn max_tokens_for(seconds: f64) -> i32 {
    ((seconds * 10.0).ceil() as i32 + 16).clamp(16, 224)
}

/// Whether the audio is silence or near-silence (RMS below −50 dBFS and peak below −30 dBFS).
pub fn is_silence(samples: &[f32]) -> bool {
    if samples.is_empty() {
        return true;
    }
    let rms = (samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32).sqrt();
    let peak = samples.iter().fold(0f32, |m, s| m.max(s.abs()));
    rms < 0.003_16 && peak < 0.0316
}

/// Bracketed or parenthesised non-speech tags Whisper emits on noise: `[Musique]`, `(applaudissements)`, `*…*`.
fn is_tag(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('*') && t.ends_with('*') && t.len() > 1)
}

/// Joins decoded segments into one text: drops non-speech tags, exact repeats of the previous
/// segment, and runs of a word or short phrase repeated more than `max_repeat` times (decoder loops).
pub fn clean_segments<'a>(segments: impl IntoIterator<Item = &'a str>, max_repeat: usize) -> String {
    let mut kept: Vec<String> = Vec::new();
    for s in segments {
        let s = s.trim();
        if s.is_empty() || is_tag(s) || kept.last().is_some_and(|p| p == s) {
            continue;
        }
        kept.push(s.to_string());
    }
    let words: Vec<&str> = kept.iter().flat_map(|s| s.split_whitespace()).collect();
    collapse_loops(&words, max_repeat).join(" ")
}

/// Keeps at most `max_repeat` consecutive copies of any n-gram (n ≤ 4).
fn collapse_loops<'a>(words: &[&'a str], max_repeat: usize) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::with_capacity(words.len());
    for &w in words {
        out.push(w);
        for n in 1..=4usize {
            let need = n * (max_repeat + 1);
            if out.len() < need {
                continue;
            }
            let tail = &out[out.len() - need..];
            let unit = &tail[..n];
            if tail.chunks(n).all(|c| c == unit) {
                out.truncate(out.len() - n);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_ctx_fits_the_utterance() {
        assert_eq!(audio_ctx_for(1.0), 256);
        assert_eq!(audio_ctx_for(4.0), 320); // 200 + 64 = 264 → 320
        assert_eq!(audio_ctx_for(10.0), 576);
        assert!(audio_ctx_for(27.0) as f64 >= 27.0 * FRAMES_PER_SECOND);
        assert_eq!(audio_ctx_for(29.5), 0);
        for s in [0.5, 2.0, 6.0, 12.3, 20.0, 28.0] {
            let c = audio_ctx_for(s);
            assert!(c == 0 || (c as f64 >= s * FRAMES_PER_SECOND && c % 64 == 0 && c <= 1500), "{s} → {c}");
        }
    }

    #[test]
    fn token_budget_grows_with_duration_and_is_bounded() {
        assert!(max_tokens_for(1.0) >= 20);
        assert!(max_tokens_for(6.0) > max_tokens_for(2.0));
        assert_eq!(max_tokens_for(300.0), 224);
    }

    #[test]
    fn silence_detection() {
        assert!(is_silence(&[]));
        assert!(is_silence(&vec![0.0; 16000]));
        assert!(is_silence(&vec![0.001; 16000]));
        let tone: Vec<f32> = (0..16000).map(|i| (i as f32 * 0.1).sin() * 0.1).collect();
        assert!(!is_silence(&tone));
    }

    #[test]
    fn cleaning_drops_tags_repeats_and_loops() {
        assert_eq!(clean_segments(["Bonjour.", "Bonjour.", " la mairie "], 3), "Bonjour. la mairie");
        assert_eq!(clean_segments(["[Musique]", "(rires)"], 3), "");
        assert_eq!(clean_segments(["merci merci merci merci merci merci"], 3), "merci merci merci");
        assert_eq!(clean_segments(["oui c'est ça oui c'est ça oui c'est ça oui c'est ça oui c'est ça"], 2), "oui c'est ça oui c'est ça");
        assert_eq!(clean_segments(["très très bien"], 3), "très très bien");
    }
}
