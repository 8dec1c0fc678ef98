//! Pure decisions around a Whisper call: window size, token budget, silence, hallucination clean-up.

/// Encoder frames per second of audio (whisper.cpp: 1500 frames for 30 s).
pub const FRAMES_PER_SECOND: f64 = 50.0;
/// Longest audio that fits one Whisper window, in seconds.
pub const WINDOW_SECONDS: f64 = 30.0;

/// Smallest encoder context used (7.68 s). Shorter contexts cost words: on 200 Debian prompts the
/// base model's WER was 26.1 % at 192, 23.4 % at 256, 22.4 % at 384, 22.1 % at 512 and 23.0 % at
/// 768, while the time grows with the context (`standardiste bench asr`).
pub const MIN_AUDIO_CTX: i32 = 384;

/// Encoder context (`audio_ctx`) for an utterance of `seconds`: its frames plus a margin, rounded up
/// to a multiple of 64, at least [`MIN_AUDIO_CTX`], at most 1500. Returns 0 (the full window) for
/// audio that does not fit one window.
pub fn audio_ctx_for(seconds: f64) -> i32 {
    if seconds >= WINDOW_SECONDS - 1.0 {
        return 0;
    }
    let frames = (seconds * FRAMES_PER_SECOND).ceil() as i32 + 64;
    let rounded = (frames + 63) / 64 * 64;
    rounded.clamp(MIN_AUDIO_CTX, 1500)
}

/// Token budget for an utterance of `seconds`: room for fast French speech (≈ 4 words/s at
/// ≈ 1.5 tokens per word, plus punctuation), small enough that a looping decoder stops quickly.
pub fn max_tokens_for(seconds: f64) -> i32 {
    ((seconds * 7.0).ceil() as i32 + 12).clamp(16, 224)
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
/// segment or sentence, a trailing sentence that restarts the previous one (a loop cut by the token
/// budget), runs of a word or word pair repeated more than `max_repeat` times, and repeats of any
/// longer phrase (decoder loops).
pub fn clean_segments<'a>(segments: impl IntoIterator<Item = &'a str>, max_repeat: usize) -> String {
    let mut kept: Vec<String> = Vec::new();
    for s in segments {
        let s = s.trim();
        if s.is_empty() || is_tag(s) || kept.last().is_some_and(|p| p == s) {
            continue;
        }
        kept.push(s.to_string());
    }
    let joined = kept.join(" ");
    let sentences = drop_repeated_sentences(&joined);
    let words: Vec<&str> = sentences.split_whitespace().collect();
    collapse_loops(&words, max_repeat).join(" ")
}

/// Lowercase letters and digits only, words separated by one space: what a sentence says.
fn sentence_key(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops a sentence equal to the one before it, and a last, unfinished sentence that only repeats
/// the start of the one before it.
fn drop_repeated_sentences(text: &str) -> String {
    let mut sentences: Vec<&str> = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let end_of_sentence = matches!(c, '.' | '?' | '!' | '…') && chars.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if end_of_sentence {
            let end = pos + c.len_utf8();
            sentences.push(text[start..end].trim());
            start = end;
        }
    }
    let rest = text[start..].trim();
    let mut kept: Vec<(&str, String)> = Vec::new();
    for s in sentences.into_iter().filter(|s| !s.is_empty()) {
        let key = sentence_key(s);
        if kept.last().is_some_and(|(_, k)| *k == key) || key.is_empty() {
            continue;
        }
        kept.push((s, key));
    }
    if !rest.is_empty() {
        let key = sentence_key(rest);
        let restarts_previous = kept.last().is_some_and(|(_, k)| !key.is_empty() && k.starts_with(&key));
        if !restarts_previous {
            kept.push((rest, key));
        }
    }
    kept.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(" ")
}

/// Keeps at most `max_repeat` consecutive copies of a word or word pair, and one copy of any
/// longer phrase (up to 16 words) repeated back to back.
fn collapse_loops<'a>(words: &[&'a str], max_repeat: usize) -> Vec<&'a str> {
    // Compare what the words say, not their punctuation: "oui, oui, oui" is a run of "oui".
    let mut out: Vec<&'a str> = Vec::with_capacity(words.len());
    let mut keys: Vec<String> = Vec::with_capacity(words.len());
    for &w in words {
        out.push(w);
        keys.push(sentence_key(w));
        for n in 1..=16usize {
            let copies = if n <= 2 { max_repeat + 1 } else { 2 };
            let need = n * copies;
            if keys.len() < need {
                continue;
            }
            let tail = &keys[keys.len() - need..];
            let unit = &tail[..n];
            if unit.iter().any(|k| !k.is_empty()) && tail.chunks(n).all(|c| c == unit) {
                out.truncate(out.len() - n);
                keys.truncate(keys.len() - n);
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
        assert_eq!(audio_ctx_for(1.0), MIN_AUDIO_CTX);
        assert_eq!(audio_ctx_for(4.0), 384); // 200 + 64 = 264 → 320, raised to the minimum
        assert_eq!(audio_ctx_for(8.0), 512); // 400 + 64 = 464 → 512
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
        assert!(max_tokens_for(1.0) >= 16);
        assert!(max_tokens_for(3.0) < 40, "a 3 s prompt cannot loop four times");
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
        assert_eq!(clean_segments(["oui c'est ça oui c'est ça oui c'est ça"], 2), "oui c'est ça");
        // A whole sentence looping, the last copy cut by the token budget.
        let looped = "Pour récupérer ce message, appuyez sur 7. Pour récupérer ce message, appuyez sur 7. Pour récupérer ce";
        assert_eq!(clean_segments([looped], 4), "Pour récupérer ce message, appuyez sur 7.");
        assert_eq!(clean_segments(["Bonjour. Bonjour ! Je voudrais la mairie."], 4), "Bonjour. Je voudrais la mairie.");
        assert_eq!(clean_segments(["Merci. Au revoir, merci."], 4), "Merci. Au revoir, merci.");
        assert_eq!(clean_segments(["très très bien"], 3), "très très bien");
        assert_eq!(clean_segments(["douxie-nasse, douxie-nasse, douxie-nasse, douxie-nasse, douxie-nasse"], 3), "douxie-nasse, douxie-nasse, douxie-nasse,");
    }
}
