//! A whole call on one fake clock: the caller's audio in, the engine's actions out. The test plays
//! the shell's part (recogniser results, playback progress) by hand, so every step is exact.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::engine::{CallEngine, EngineSettings, Output};
use super::report::Record;
use super::turn::FRAME;
use crate::answer::Town;
use crate::speech::vad::EnergyVad;

struct Rig {
    e: CallEngine,
    t0: Instant,
    now: Instant,
    out: Vec<Output>,
}

fn voice(i: usize) -> Vec<i16> {
    let amp = 5000.0 + 2000.0 * ((i as f32) * 0.5).sin();
    (0..160).map(|k| ((k as f32 * 0.37).sin() * amp) as i16).collect()
}

impl Rig {
    /// Saturday 28 November 2026, 10:00 in the sample town (Europe/Paris): the mairie is open.
    fn new() -> Rig {
        Rig::at("2026-11-28T09:00:00Z")
    }

    /// A call whose welcome has been played to the end.
    fn after_welcome() -> Rig {
        let mut r = Rig::new();
        let w = r.take();
        r.play_all(&w);
        r
    }

    fn at(wall: &str) -> Rig {
        let t0 = Instant::now();
        let e = CallEngine::new(EngineSettings::default(), Arc::new(Town::sample()), Box::new(EnergyVad::new(8000)), 8000, t0, wall.parse().unwrap());
        let mut r = Rig { e, t0, now: t0, out: Vec::new() };
        r.e.handle_answered(t0);
        r.drain();
        r
    }

    fn drain(&mut self) {
        while let Some(o) = self.e.poll_output() {
            if !matches!(o, Output::Timeout(_)) {
                self.out.push(o);
            }
        }
    }

    /// Advances the clock frame by frame with `frame(i)` received, firing due timeouts.
    fn frames(&mut self, n: usize, frame: impl Fn(usize) -> Vec<i16>) {
        for i in 0..n {
            self.now += FRAME;
            let sent = self.e.is_speaking().then(|| vec![0i16; 160]);
            self.e.handle_audio(self.now, &frame(i), sent.as_deref());
            if self.e.poll_timeout() <= self.now {
                self.e.handle_timeout(self.now);
            }
            self.drain();
        }
    }

    fn speak(&mut self, frames: usize) {
        self.frames(frames, voice);
    }

    fn quiet(&mut self, frames: usize) {
        self.frames(frames, |_| vec![0; 160]);
    }

    fn take(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.out)
    }

    fn spoken(out: &[Output]) -> String {
        out.iter().filter_map(|o| if let Output::Speak { text, .. } = o { Some(text.as_str()) } else { None }).collect::<Vec<_>>().join(" ")
    }

    /// Plays every queued sentence to the end.
    fn play_all(&mut self, out: &[Output]) {
        for o in out {
            if let Output::Speak { id, .. } = o {
                self.e.handle_speech_started(self.now, *id);
                self.e.handle_speech_done(self.now, *id);
            }
        }
        self.drain();
    }

    fn job(out: &[Output]) -> Option<u64> {
        out.iter().find_map(|o| if let Output::Recognize { job, .. } = o { Some(*job) } else { None })
    }

    /// The caller asks `text` (1 s of voice), the recogniser returns it at the pause; returns what came out.
    fn ask(&mut self, text: &str) -> Vec<Output> {
        self.speak(50);
        self.quiet(10);
        let job = Rig::job(&self.take()).expect("recognition asked at the pause");
        self.now += Duration::from_millis(150);
        self.e.handle_transcript(self.now, job, text, None);
        self.drain();
        for _ in 0..200 {
            if self.out.iter().any(|o| matches!(o, Output::Speak { .. })) {
                break;
            }
            self.quiet(1);
        }
        self.take()
    }
}

#[test]
fn welcome_says_who_answers_how_to_reach_a_person_and_what_is_kept() {
    let mut r = Rig::new();
    let out = r.take();
    let text = Rig::spoken(&out);
    assert!(text.contains("assistant automatique"), "{text}");
    assert!(text.contains("tapez 0"), "{text}");
    assert!(text.contains("tapez 8"), "{text}");
    r.play_all(&out);
}

#[test]
fn a_question_is_answered_with_its_latency_measured() {
    let mut r = Rig::after_welcome();
    r.speak(50);
    r.quiet(10);
    let out = r.take();
    let job = Rig::job(&out).expect("speculative recognition at the first pause");
    assert!(Rig::spoken(&out).is_empty());
    r.now += Duration::from_millis(150);
    r.e.handle_transcript(r.now, job, "La mairie est ouverte samedi ?", None);
    r.drain();
    assert!(r.take().is_empty(), "a complete question still waits for the end-of-turn pause");
    let mut out = Vec::new();
    for _ in 0..30 {
        r.quiet(1);
        out = r.take();
        if !out.is_empty() {
            break;
        }
    }
    let answer = Rig::spoken(&out);
    assert!(answer.to_lowercase().contains("samedi") || answer.contains("9"), "{answer}");
    r.play_all(&out);
    let turn = r.take().into_iter().find_map(|o| if let Output::Store(Record::Turn { intent, latency }) = o { Some((intent, latency)) } else { None });
    let (intent, latency) = turn.expect("a turn record when the answer starts playing");
    assert_eq!(intent, "hours");
    // Speech ended 200 ms before the pause was seen, the text came 150 ms later, the answer at
    // the end-of-turn wait (450 ms after the speech end), its audio at once.
    assert_eq!(latency.speech_end_to_text, Duration::from_millis(350), "{latency:?}");
    assert_eq!(latency.total, Duration::from_millis(450), "{latency:?}");
}

#[test]
fn a_slow_speaker_who_pauses_mid_sentence_is_not_cut_off() {
    let mut r = Rig::after_welcome();
    r.speak(40);
    r.quiet(10);
    let job = Rig::job(&r.take()).unwrap();
    r.e.handle_transcript(r.now, job, "Je voudrais savoir les horaires de", None);
    r.drain();
    // 1.6 s of thinking: nothing is said.
    r.quiet(70);
    assert!(Rig::spoken(&r.take()).is_empty(), "cut off during a 1.6 s pause after a dangling word");
    r.speak(30);
    r.quiet(10);
    let job2 = Rig::job(&r.take()).unwrap();
    assert!(job2 > job);
    // The stale first result changes nothing.
    r.e.handle_transcript(r.now, job, "Je voudrais savoir les horaires de", None);
    r.e.handle_transcript(r.now, job2, "Je voudrais savoir les horaires de la mairie.", None);
    r.drain();
    r.quiet(100);
    let text = Rig::spoken(&r.take());
    assert!(text.contains("mairie"), "{text}");
}

#[test]
fn a_caller_who_goes_on_after_an_early_answer_is_heard_whole() {
    let mut r = Rig::after_welcome();
    // "À quelle heure ferme la mairie ?" sounds finished and is answered after the short wait…
    let out = r.ask("À quelle heure ferme la mairie ?");
    let first = Rig::spoken(&out);
    assert!(!first.is_empty());
    if let Some(Output::Speak { id, .. }) = out.first() {
        r.e.handle_speech_started(r.now, *id);
    }
    // …but the caller, who had only paused, goes on within the window: our voice stops.
    r.speak(12);
    assert!(r.take().contains(&Output::StopSpeaking), "the early answer stops");
    r.speak(30);
    r.quiet(10);
    let out = r.take();
    let context = out.iter().find_map(|o| if let Output::Recognize { context, .. } = o { context.clone() } else { None }).unwrap();
    assert!(context.ends_with("À quelle heure ferme la mairie ?"), "the recogniser reads the question's beginning first: {context}");
    let job = Rig::job(&out).unwrap();
    r.e.handle_transcript(r.now, job, "le lundi ?", None);
    r.drain();
    r.quiet(100);
    let answer = Rig::spoken(&r.take());
    // Heard as one question: Monday's hours (17 h 30), not a new turn about "le lundi".
    assert!(answer.contains("lundi 30 novembre") && answer.contains("17 h 30"), "{answer}");

    // Well after the window, the caller's next words are a new question.
    let mut r = Rig::after_welcome();
    let out = r.ask("À quelle heure ferme la mairie ?");
    r.play_all(&out);
    r.quiet(150);
    let out = r.ask("Où se trouve la médiathèque ?");
    let answer = Rig::spoken(&out);
    assert!(answer.to_lowercase().contains("médiathèque"), "{answer}");
}

#[test]
fn barge_in_stops_our_voice_and_a_hmm_lets_it_carry_on() {
    let mut r = Rig::new();
    let welcome = r.take();
    let sentences = welcome.iter().filter(|o| matches!(o, Output::Speak { .. })).count();
    assert!(sentences >= 3);
    // The first sentence starts; 200 ms of the caller's voice stops us.
    if let Some(Output::Speak { id, .. }) = welcome.first() {
        r.e.handle_speech_started(r.now, *id);
    }
    r.speak(7);
    assert!(!r.take().contains(&Output::StopSpeaking), "140 ms is not yet a barge-in");
    r.speak(1);
    assert!(r.take().contains(&Output::StopSpeaking), "160 ms of voice is");
    r.speak(5);
    r.quiet(10);
    let job = Rig::job(&r.take()).unwrap();
    r.e.handle_transcript(r.now, job, "Hmm.", None);
    r.quiet(30);
    let out = r.take();
    let again = Rig::spoken(&out);
    assert!(again.contains("Quelle est votre question"), "the interrupted welcome goes on: {again}");
    // A real question over our voice is answered instead.
    r.speak(12);
    assert!(r.take().contains(&Output::StopSpeaking));
    let out = r.ask("Quels sont les horaires de la mairie ?");
    assert!(Rig::spoken(&out).contains("mairie"), "{out:?}");
}

#[test]
fn keys_repeat_slow_down_and_reach_a_person() {
    let mut r = Rig::new();
    let w = r.take();
    r.play_all(&w);
    r.e.handle_key(r.now, '9');
    r.drain();
    let again = r.take();
    assert_eq!(Rig::spoken(&again), Rig::spoken(&w), "9 repeats");
    r.play_all(&again);
    r.e.handle_key(r.now, '*');
    r.drain();
    let slower = r.take();
    assert!(slower.iter().any(|o| matches!(o, Output::Speak { rate, .. } if *rate < 1.0)));
    r.play_all(&slower);
    r.e.handle_key(r.now, '0');
    r.drain();
    let out = r.take();
    assert!(Rig::spoken(&out).contains("Ne quittez pas"), "{out:?}");
    r.play_all(&out);
    let target = r.take().into_iter().find_map(|o| if let Output::Transfer { target } = o { Some(target) } else { None });
    assert_eq!(target.as_deref(), Some("sip:accueil@192.0.2.10"));
    // The transfer fails: an apology and the offer of a message; "oui" starts it.
    r.e.handle_transfer_result(r.now, false);
    r.drain();
    let out = r.take();
    assert!(Rig::spoken(&out).contains("message"));
    r.play_all(&out);
    let out = r.ask("oui");
    assert!(Rig::spoken(&out).contains("votre nom"), "{out:?}");
    r.play_all(&out);
    let out = r.ask("Je m'appelle Jeanne Martin");
    r.play_all(&out);
    let out = r.ask("zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit");
    assert!(Rig::spoken(&out).contains("zéro six, un deux, trois quatre, cinq six, sept huit"), "{out:?}");
    r.play_all(&out);
    let out = r.ask("oui c'est ça");
    r.play_all(&out);
    // The message itself may hold long pauses: 2.5 s of silence does not end it.
    r.speak(50);
    r.quiet(10);
    let job = Rig::job(&r.take()).unwrap();
    r.e.handle_transcript(r.now, job, "Je voudrais un rendez-vous pour ma carte d'identité", None);
    r.quiet(100);
    assert!(!r.take().iter().any(|o| matches!(o, Output::Store(Record::Message(_)))));
    r.quiet(60);
    let out = r.take();
    let msg = out.iter().find_map(|o| if let Output::Store(Record::Message(m)) = o { Some(m.clone()) } else { None }).expect("message stored");
    assert_eq!(msg.name, "Jeanne Martin");
    assert_eq!(msg.callback_number, "0612345678");
    assert!(msg.text.contains("carte d'identité"));
}

#[test]
fn a_silent_line_gets_a_reprompt_the_menu_then_a_goodbye() {
    let mut r = Rig::after_welcome();
    let mut said = Vec::new();
    for _ in 0..3 {
        r.quiet(9 * 50 + 5);
        let out = r.take();
        said.push(Rig::spoken(&out));
        r.play_all(&out);
    }
    assert!(said[0].contains("Je vous écoute"), "{said:?}");
    assert!(said[1].contains("clavier"), "{said:?}");
    assert!(said[2].contains("au revoir"), "{said:?}");
    let end = r.take();
    assert!(end.contains(&Output::HangUp), "{end:?}");
    assert!(r.e.is_ended());
}

#[test]
fn a_hang_up_mid_answer_ends_with_a_summary_and_no_bye() {
    let mut r = Rig::after_welcome();
    let out = r.ask("Quels sont les horaires de la mairie ?");
    assert!(!Rig::spoken(&out).is_empty());
    r.e.handle_hangup(r.now);
    r.drain();
    let out = r.take();
    assert!(!out.contains(&Output::HangUp));
    let summary = out.iter().find_map(|o| if let Output::Store(Record::Ended(s)) = o { Some(s.clone()) } else { None }).unwrap();
    assert_eq!(summary.turns, 1);
    assert_eq!(summary.outcome.as_str(), "answered");
    assert!(summary.transcript.is_empty(), "no transcript unless the town keeps them");
    let _ = r.t0;
}

#[test]
fn a_pending_transfer_waits_for_its_ringing_call_then_apologises() {
    let mut r = Rig::after_welcome();
    r.e.handle_key(r.now, '0');
    r.drain();
    let out = r.take();
    r.play_all(&out);
    assert!(r.take().iter().any(|o| matches!(o, Output::Transfer { .. })));
    // The REFER is refused after 30 s; our own call to the target may ring 35 s more.
    r.now += Duration::from_secs(30);
    r.e.handle_transfer_pending(r.now, Duration::from_secs(35));
    r.quiet(30 * 50);
    assert!(Rig::spoken(&r.take()).is_empty(), "still waiting past the usual limit");
    r.quiet(6 * 50);
    assert!(Rig::spoken(&r.take()).contains("désolé"), "the apology once the wait is over");
}

/// The caller speaks 1 s and pauses; the recogniser returns `first`. Returns the outputs and the
/// second hearing asked for, if any (its job, and whether it is wide and on the same audio).
fn first_hearing(r: &mut Rig, first: &str) -> (Vec<Output>, Option<u64>) {
    r.speak(50);
    r.quiet(10);
    let out = r.take();
    let job = Rig::job(&out).expect("recognition asked at the pause");
    let audio = out.iter().find_map(|o| if let Output::Recognize { audio, .. } = o { Some(audio.clone()) } else { None });
    r.now += Duration::from_millis(150);
    r.e.handle_transcript(r.now, job, first, None);
    r.drain();
    let out = r.take();
    let again = out.iter().find_map(|o| match o {
        Output::Recognize { job, audio: a, wide: true, .. } => {
            assert_eq!(Some(a), audio.as_ref(), "the second hearing is of the same words");
            Some(*job)
        }
        _ => None,
    });
    (out, again)
}

/// Quiet frames until something is said (at most 4 s); what came out meanwhile.
fn until_spoken(r: &mut Rig) -> Vec<Output> {
    let mut out = Vec::new();
    for _ in 0..200 {
        r.quiet(1);
        out.extend(r.take());
        if out.iter().any(|o| matches!(o, Output::Speak { .. })) {
            break;
        }
    }
    out
}

#[test]
fn words_not_understood_are_heard_again_wider_and_the_second_hearing_answers() {
    let mut r = Rig::after_welcome();
    // Understood words are not heard again.
    let (_, again) = first_hearing(&mut r, "La mairie est ouverte samedi ?");
    assert_eq!(again, None);
    let out = until_spoken(&mut r);
    r.play_all(&out);
    // Past the window in which new words would be the rest of the question answered.
    r.quiet(120);
    r.take();

    let (out, again) = first_hearing(&mut r, "L'Amérique, c'est zorglub samedi ?");
    let again = again.expect("words the core cannot place are heard again");
    assert!(Rig::spoken(&out).is_empty());
    // The second hearing takes 600 ms: the turn waits for it, past the 450 ms of a complete question.
    r.quiet(30);
    assert!(Rig::spoken(&r.take()).is_empty(), "the turn ended before the second hearing came back");
    r.e.handle_transcript(r.now, again, "La mairie, c'est ouvert samedi ?", None);
    r.drain();
    let out = until_spoken(&mut r);
    let answer = Rig::spoken(&out);
    assert!(answer.to_lowercase().contains("samedi") && answer.contains("mairie"), "{answer}");
    let caption = out.iter().find_map(|o| if let Output::Caption { text, .. } = o { Some(text.clone()) } else { None });
    assert_eq!(caption.as_deref(), Some("La mairie, c'est ouvert samedi ?"));
}

#[test]
fn a_second_hearing_not_understood_or_too_late_leaves_the_first_words() {
    let mut r = Rig::after_welcome();
    let (_, again) = first_hearing(&mut r, "Zorglub blabla ?");
    let again = again.expect("heard again");
    r.e.handle_transcript(r.now, again, "Bidule machin ?", None);
    r.drain();
    let out = until_spoken(&mut r);
    let caption = out.iter().find_map(|o| if let Output::Caption { text, .. } = o { Some(text.clone()) } else { None });
    assert_eq!(caption.as_deref(), Some("Zorglub blabla ?"));
    r.play_all(&out);
    // Past the window in which new words would be the rest of the question answered.
    r.quiet(120);
    r.take();

    // A second hearing that comes back after the turn has ended changes nothing.
    let (_, again) = first_hearing(&mut r, "Zorglub encore ?");
    let again = again.expect("heard again");
    let out = until_spoken(&mut r);
    assert!(!Rig::spoken(&out).is_empty(), "the turn ends without the second hearing, at the wait of unsure words");
    r.play_all(&out);
    r.e.handle_transcript(r.now, again, "La mairie est ouverte samedi ?", None);
    r.drain();
    r.quiet(50);
    assert!(Rig::spoken(&r.take()).is_empty(), "a late second hearing was answered");
}
