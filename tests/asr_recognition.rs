//! Real Whisper base model on real French telephone speech (Debian's Asterisk prompts).
//! Needs `scripts/install.sh` (model + prompts). Speed is measured by `standardiste bench asr`, not here.

use std::path::Path;
use std::sync::OnceLock;

use standardiste::speech::asr::{AsrError, AsrOptions, Recognizer};
use standardiste::speech::audio::Audio;
use standardiste::speech::corpus;
use standardiste::speech::wer::{word_errors, WordErrors};

/// The model, loaded once for the whole test binary.
fn recognizer() -> &'static Recognizer {
    static REC: OnceLock<Recognizer> = OnceLock::new();
    REC.get_or_init(|| Recognizer::load_default().unwrap_or_else(|e| panic!("{e}")))
}

/// Prompts with clean transcripts, 1–5 s: statements, instructions, a digit to read as a word.
const CLIPS: [&str; 7] = ["vm-nobodyavail", "vm-passchanged", "agent-loggedoff", "check-number-dial-again", "conf-otherinparty", "pbx-invalid", "vm-undelete"];

fn clip(name: &str) -> corpus::Clip {
    let all = corpus::load_default().unwrap_or_else(|e| panic!("{e}"));
    all.into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("prompt {name} not in the corpus"))
}

/// A folder of its own for one test, removed when the test ends.
fn tmp_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("std-asr-test-").tempdir().unwrap()
}

#[test]
fn french_prompts_are_recognised() {
    let mut stream = recognizer().stream(AsrOptions::default()).unwrap();
    let mut total = WordErrors::default();
    let mut report = String::new();
    for name in CLIPS {
        let c = clip(name);
        let audio = Audio::read_wav(&c.wav).unwrap();
        assert_eq!(audio.rate, 8000, "the prompts are telephone-band");
        let t = stream.transcribe(&audio).unwrap();
        let e = word_errors(&c.text, &t.text);
        report.push_str(&format!("{name}: {:.2} | {} | {}\n", e.rate(), c.text, t.text));
        // Per clip: at most 2 errors in 5 words (one misheard word in a short prompt is tolerated).
        assert!(e.rate() <= 0.4, "{name}: WER {:.2}\n{report}", e.rate());
        assert!((t.audio_seconds - audio.seconds()).abs() < 1e-9);
        assert!(t.processing_seconds > 0.0);
        total = total + e;
    }
    eprintln!("{report}corpus WER {:.3}", total.rate());
    assert!(total.rate() <= 0.25, "corpus WER {:.3}\n{report}", total.rate());
}

#[test]
fn any_rate_and_layout_is_accepted() {
    // 48 kHz stereo float and 16 kHz mono int versions of the same 8 kHz prompt give the same words.
    let c = clip("vm-passchanged");
    let audio = Audio::read_wav(&c.wav).unwrap();
    let up = audio.resampled(48000).unwrap();
    let dir = tmp_dir();
    let p48 = dir.path().join("stereo48.wav");
    let spec = hound::WavSpec { channels: 2, sample_rate: 48000, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    let mut w = hound::WavWriter::create(&p48, spec).unwrap();
    for s in &up.samples {
        w.write_sample(*s).unwrap();
        w.write_sample(*s).unwrap();
    }
    w.finalize().unwrap();
    let p16 = dir.path().join("mono16.wav");
    audio.resampled(16000).unwrap().write_wav(&p16).unwrap();
    let mut stream = recognizer().stream(AsrOptions::default()).unwrap();
    for p in [&p48, &p16] {
        let a = Audio::read_wav(p).unwrap();
        let t = stream.transcribe(&a).unwrap();
        assert!(word_errors(&c.text, &t.text).rate() <= 0.2, "{}: {:?}", p.display(), t.text);
    }
}

#[test]
fn silence_and_noise_give_empty_text_not_hallucinations() {
    let mut stream = recognizer().stream(AsrOptions::default()).unwrap();
    let silence = Audio::new(8000, vec![0.0; 8000 * 3]);
    assert_eq!(stream.transcribe(&silence).unwrap().text, "");
    // Line hiss at −60 dBFS: below the speech floor.
    let mut seed = 0x2545_f491_u32;
    let mut noise = |amp: f32, n: usize| -> Vec<f32> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                (seed as f32 / u32::MAX as f32 * 2.0 - 1.0) * amp
            })
            .collect()
    };
    let hiss = Audio::new(8000, noise(0.001, 8000 * 3));
    assert_eq!(stream.transcribe(&hiss).unwrap().text, "");
    // Loud white noise (−12 dBFS): Whisper's classic failure is a made-up sentence
    // ("Sous-titres réalisés par…"); the guards must keep it to nothing or a word or two.
    let loud = Audio::new(16000, noise(0.25, 16000 * 4));
    let t = stream.transcribe(&loud).unwrap();
    assert!(t.text.split_whitespace().count() <= 2, "hallucinated on noise: {:?}", t.text);
}

#[test]
fn a_stream_is_reusable_and_streams_share_the_model() {
    let rec = recognizer().clone();
    let a = Audio::read_wav(&clip("agent-loggedoff").wav).unwrap();
    let b = Audio::read_wav(&clip("vm-passchanged").wav).unwrap();
    let h = std::thread::spawn(move || {
        let mut s = rec.stream(AsrOptions::default()).unwrap();
        (s.transcribe(&a).unwrap().text, s.transcribe(&a).unwrap().text)
    });
    let mut s = recognizer().stream(AsrOptions { initial_prompt: Some("mot de passe".into()), ..Default::default() }).unwrap();
    let tb = s.transcribe(&b).unwrap().text;
    let (ta1, ta2) = h.join().unwrap();
    assert_eq!(ta1, ta2, "same audio, same stream, same text");
    assert!(word_errors("Vous n'êtes plus en ligne.", &ta1).rate() <= 0.4, "{ta1:?}");
    assert!(word_errors("Votre mot de passe a été changé.", &tb).rate() <= 0.2, "{tb:?}");
}

#[test]
fn a_vocabulary_longer_than_the_prompt_window_is_cut_not_fatal() {
    // A large town's vocabulary runs past half of Whisper's text context: it used to reach the
    // decoder as uninitialised token ids and abort the process.
    let names = "Hôtel de ville, médiathèque Marguerite-Yourcenar, conservatoire, rue du 11-Novembre-1918, ";
    let vocabulary = names.repeat(40);
    let b = Audio::read_wav(&clip("vm-passchanged").wav).unwrap();
    let mut s = recognizer().stream(AsrOptions { initial_prompt: Some(vocabulary.clone()), ..Default::default() }).unwrap();
    let t = s.transcribe(&b).unwrap().text;
    assert!(word_errors("Votre mot de passe a été changé.", &t).rate() <= 0.4, "{t:?}");
    let t = s.transcribe_after(&b, Some(&vocabulary)).unwrap().text;
    assert!(word_errors("Votre mot de passe a été changé.", &t).rate() <= 0.4, "{t:?}");
}

#[test]
fn empty_audio_is_an_error() {
    let mut stream = recognizer().stream(AsrOptions::default()).unwrap();
    assert!(matches!(stream.transcribe(&Audio::new(8000, vec![])), Err(AsrError::EmptyAudio)));
}

#[test]
fn missing_or_corrupt_model_names_the_file_and_the_fix() {
    let missing = Path::new("/nonexistent/ggml-base.bin");
    let e = Recognizer::load(missing).unwrap_err().to_string();
    assert!(e.contains("/nonexistent/ggml-base.bin") && e.contains("scripts/install.sh"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");

    // A truncated copy of the real model's first megabyte.
    let real = standardiste::assets::whisper_model().unwrap();
    let mut head = vec![0u8; 1 << 20];
    use std::io::Read;
    std::fs::File::open(&real).unwrap().read_exact(&mut head).unwrap();
    let dir = tmp_dir();
    let cut = dir.path().join("ggml-cut.bin");
    std::fs::write(&cut, &head).unwrap();
    let e = Recognizer::load(&cut).unwrap_err().to_string();
    assert!(e.contains("ggml-cut.bin") && e.contains("truncated") && e.contains("scripts/install.sh"), "{e}");

    let junk = dir.path().join("ggml-junk.bin");
    std::fs::write(&junk, b"<html>404 not found</html>").unwrap();
    let e = Recognizer::load(&junk).unwrap_err().to_string();
    assert!(e.contains("ggml-junk.bin") && e.contains("bad magic"), "{e}");
}
