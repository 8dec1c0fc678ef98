//! Smart Turn v3.2 on French phone speech: complete Asterisk prompts (8 kHz, resampled to 16 kHz)
//! against the same prompts cut mid-sentence. Prints the distributions, the accuracy at 0.5 and
//! the cost of a call; asserts only that complete sentences score higher on average. Both go
//! through G.711 A-law, are resampled to 16 kHz and end with 200 ms of silence, as when a VAD has
//! just heard the caller stop.
//!
//! Needs `models/smart-turn-v3.2-cpu.onnx` and ONNX Runtime in `voices/lib` (`scripts/install.sh`).
//! `STANDARDISTE_TURN_CLIPS=N` sets how many prompts are scored (default 60; 1000 takes all 111
//! usable ones), `STANDARDISTE_TURN_VERBOSE=1` prints every pair.
//!
//! Measured on all 111 one-sentence prompts (A-law, 8 → 16 kHz): complete mean 0.86 (91 % above
//! 0.5), cut mean 0.43 (46 % above 0.5, bimodal); accuracy 0.73 at 0.5 (0.78 at 0.9); complete
//! above cut in 99 of 111 pairs (AUC 0.86); about 30 ms a call. The cuts are artificial (no
//! hesitation, no lengthened syllable): a real mid-sentence pause may be easier to tell.
#![cfg(feature = "onnx")]

use std::path::Path;
use std::time::Instant;

use standardiste::media::g711::Law;
use standardiste::speech::audio::Audio;
use standardiste::speech::corpus;
use standardiste::speech::turn::features::{MelExtractor, N_FRAMES, N_MELS};
use standardiste::speech::turn::smart_turn::THRESHOLD;
use standardiste::speech::turn::SmartTurn;

/// Digital silence appended after the last word, as a VAD would wait before asking (200 ms).
const TRAILING_SILENCE_S: f64 = 0.2;

fn model() -> SmartTurn {
    SmartTurn::load_default().unwrap_or_else(|e| panic!("{e}"))
}

/// RMS energy of 10 ms hops over 20 ms windows (8 kHz).
fn energies(s: &[f32]) -> Vec<f32> {
    (0..s.len().saturating_sub(160) / 80).map(|i| s[i * 80..i * 80 + 160].iter().map(|v| v * v).sum::<f32>() / 160.0).collect()
}

/// First and last sample of speech: 10 ms hops within 35 dB of the loudest.
fn speech_bounds(e: &[f32]) -> (usize, usize) {
    let peak = e.iter().cloned().fold(0.0, f32::max);
    let on = |x: &f32| *x > peak * 10f32.powf(-3.5);
    let first = e.iter().position(on).unwrap_or(0);
    let last = e.iter().rposition(on).unwrap_or(e.len() - 1);
    (first * 80, last * 80 + 160)
}

/// A complete prompt and the same prompt cut at its quietest 20 ms between 50 % and 70 % of the
/// speech (a pause between words where there is one), both at 8 kHz, trimmed after the last sound.
struct Pair {
    name: String,
    complete: Vec<f32>,
    cut: Vec<f32>,
    cut_at: f64,
}

fn pairs(n: usize) -> Vec<Pair> {
    let all = corpus::load_default().unwrap_or_else(|e| panic!("{e}"));
    // One whole sentence each: the corpus also holds single words, fragments ending in "…", and
    // prompts of several sentences (where a cut between two sentences is a complete turn).
    let sentences: Vec<_> = all.into_iter().filter(|c| is_one_sentence(&c.text)).collect();
    let mut out = Vec::new();
    for clip in corpus::spread(&sentences, n) {
        let a = Audio::read_wav(&clip.wav).unwrap();
        assert_eq!(a.rate, 8000);
        let e = energies(&a.samples);
        let (start, end) = speech_bounds(&e);
        if end - start < 12_000 {
            continue; // under 1.5 s: too short to cut meaningfully
        }
        let (lo, hi) = ((start + (end - start) / 2) / 80, (start + (end - start) * 7 / 10) / 80);
        let quietest = (lo..hi).min_by(|&a, &b| e[a].total_cmp(&e[b])).unwrap();
        let cut = quietest * 80 + 80;
        out.push(Pair {
            name: clip.name.clone(),
            complete: a.samples[..end.min(a.samples.len())].to_vec(),
            cut: a.samples[..cut].to_vec(),
            cut_at: (cut - start) as f64 / (end - start) as f64,
        });
    }
    out
}

/// One sentence of at least five words, ending in `.` or `?` (not `...`), none inside.
fn is_one_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let Some(body) = t.strip_suffix(['.', '?']) else {
        return false;
    };
    !t.ends_with("..") && !body.contains(['.', '?', '!', ';', ':', '…']) && t.split_whitespace().count() >= 5
}

/// Through the phone line (G.711 A-law, as French operators carry it), 8 kHz → 16 kHz, then the
/// trailing silence.
fn to_16k(s: &[f32]) -> Vec<f32> {
    let line = Law::Alaw.decode(&Law::Alaw.encode(&Audio::new(8000, s.to_vec()).to_i16()));
    let mut a = Audio::from_i16(8000, &line).resampled(16000).unwrap().samples;
    a.extend(std::iter::repeat_n(0.0, (TRAILING_SILENCE_S * 16000.0) as usize));
    a
}

fn summary(label: &str, p: &[f32]) {
    let mut s = p.to_vec();
    s.sort_by(f32::total_cmp);
    let q = |f: f64| s[((s.len() - 1) as f64 * f).round() as usize];
    let mean = s.iter().sum::<f32>() / s.len() as f32;
    let mut hist = [0usize; 10];
    for &v in &s {
        hist[((v * 10.0) as usize).min(9)] += 1;
    }
    println!(
        "{label:>9}: n={} mean={mean:.3} min={:.3} q25={:.3} median={:.3} q75={:.3} max={:.3} deciles {hist:?}",
        s.len(),
        s[0],
        q(0.25),
        q(0.5),
        q(0.75),
        s[s.len() - 1]
    );
}

#[test]
fn model_has_the_expected_inputs_and_outputs() {
    let (inputs, outputs) = model().io_names();
    assert_eq!(inputs, ["input_features"]);
    assert_eq!(outputs, ["logits"]);
}

#[test]
fn complete_sentences_score_higher_than_sentences_cut_in_the_middle() {
    let n = std::env::var("STANDARDISTE_TURN_CLIPS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let pairs = pairs(n);
    assert!(pairs.len() >= 30, "only {} usable prompts", pairs.len());
    let mut m = model();
    let (mut complete, mut cut) = (Vec::new(), Vec::new());
    let mut calls = 0.0;
    let t = Instant::now();
    for p in &pairs {
        let pc = m.end_probability(&to_16k(&p.complete)).unwrap();
        let pi = m.end_probability(&to_16k(&p.cut)).unwrap();
        calls += 2.0;
        if std::env::var_os("STANDARDISTE_TURN_VERBOSE").is_some() {
            println!("{:32} complete {pc:.3}  cut at {:3.0} % {pi:.3}", p.name, p.cut_at * 100.0);
        }
        complete.push(pc);
        cut.push(pi);
    }
    let per_call = t.elapsed().as_secs_f64() * 1e3 / calls;
    summary("complete", &complete);
    summary("cut", &cut);
    let right = complete.iter().filter(|&&p| p > THRESHOLD).count() + cut.iter().filter(|&&p| p <= THRESHOLD).count();
    let pairs_ordered = complete.iter().zip(&cut).filter(|(c, i)| c > i).count();
    println!(
        "accuracy at {THRESHOLD}: {right}/{} = {:.3}; complete > cut in {pairs_ordered}/{} pairs; \
         {per_call:.1} ms a call (features + inference, one thread, incl. resampling)",
        2 * pairs.len(),
        right as f64 / (2 * pairs.len()) as f64,
        pairs.len()
    );
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
    assert!(mean(&complete) > mean(&cut), "Smart Turn does not tell complete from cut on this audio");
}

#[test]
fn cost_of_features_and_inference() {
    let a = Audio::read_wav(Path::new("/usr/share/asterisk/sounds/fr/agent-newlocation.wav")).unwrap();
    let a = a.resampled(16000).unwrap().samples;
    let mut mel = MelExtractor::new();
    let mut m = model();
    let runs = 10;
    let t = Instant::now();
    let mut f = Vec::new();
    for _ in 0..runs {
        f = mel.features(&a);
    }
    let features_ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    assert_eq!(f.len(), N_MELS * N_FRAMES);
    let t = Instant::now();
    for _ in 0..runs {
        m.probability_of_features(&f).unwrap();
    }
    let infer_ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("Smart Turn per call: features {features_ms:.1} ms + inference {infer_ms:.1} ms (one thread)");
}

#[test]
fn missing_model_names_the_file_and_the_install_script() {
    let msg = SmartTurn::load(Path::new("/nonexistent/smart-turn.onnx")).err().unwrap().to_string();
    assert!(msg.contains("/nonexistent/smart-turn.onnx") && msg.contains("scripts/install.sh"), "{msg}");
}

/// Writes one clip's 16 kHz audio, features and probability as raw little-endian f32 into
/// `$STANDARDISTE_TURN_DUMP` (a folder), for comparison with pipecat's Python reference.
#[test]
#[ignore]
fn dump_features_for_the_python_reference() {
    let dir = std::env::var("STANDARDISTE_TURN_DUMP").expect("set STANDARDISTE_TURN_DUMP to a folder");
    let dir = Path::new(&dir);
    let le = |v: &[f32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    let mut m = model();
    for (name, wav) in [("long", "agent-newlocation"), ("short", "agent-pass")] {
        let a = Audio::read_wav(Path::new(&format!("/usr/share/asterisk/sounds/fr/{wav}.wav"))).unwrap();
        let mut a = a.resampled(16000).unwrap().samples;
        if name == "long" {
            // Over 8 s, so truncation to the last 8 s is exercised too.
            a = [a.clone(), a].concat();
        }
        let f = MelExtractor::new().features(&a);
        let p = m.end_probability(&a).unwrap();
        std::fs::write(dir.join(format!("{name}.audio.f32")), le(&a)).unwrap();
        std::fs::write(dir.join(format!("{name}.features.f32")), le(&f)).unwrap();
        std::fs::write(dir.join(format!("{name}.prob.txt")), p.to_string()).unwrap();
    }
}
