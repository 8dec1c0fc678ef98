//! When the caller's turn is over: how long a pause must last, from what they have said so far.
//!
//! A pause is only a candidate end. The words recognised during the pause (speculative
//! recognition) decide how long to wait: a question the town's knowledge can answer, ending on a
//! full word, ends after a short pause; a sentence that stops on "de", "pour", "euh" or that the
//! core cannot place waits much longer, so a caller who thinks is not cut off. A caller who paused
//! before and went on gets longer waits for the rest of the call, and so do answers that ask for a
//! name, a number or a message. A question answered after a short wait is not final: a caller who
//! goes on within the engine's continuation window stops the answer and is heard whole
//! (`EngineSettings::continuation`).

use std::time::Duration;

/// How a turn's words look, for the end-of-turn wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Answerable and not hanging on a function word.
    Complete,
    /// Answerable words, but the voice does not sound finished (end-of-turn model).
    Hesitant,
    /// Ends on a word that announces more ("de", "et", "euh"), or trails off ("...").
    Dangling,
    /// Neither: words the core cannot place yet (more may come: wait as long as for a dangling word,
    /// which costs time only on questions the town file cannot answer anyway).
    Unsure,
}

/// What the caller's turn is expected to hold (set by what we just asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expecting {
    /// A question (or an answer to a yes/no question).
    Question,
    /// Their name.
    Name,
    /// A phone number (spoken in groups, with pauses between them).
    Number,
    /// A free message.
    Message,
}

/// The end-of-turn policy.
#[derive(Debug, Clone)]
pub enum EndOfTurn {
    /// Waits that depend on the words, on what we asked and on the caller's own pauses.
    Adaptive {
        /// Wait after a complete-looking question.
        complete: Duration,
        /// Wait after answerable words said in a voice that does not sound finished.
        hesitant: Duration,
        /// Wait when unsure.
        unsure: Duration,
        /// Wait after a dangling word.
        dangling: Duration,
        /// The longest wait, whatever the caller's past pauses.
        longest: Duration,
    },
    /// A fixed silence whatever was said (the reference for `bench call`).
    FixedSilence(Duration),
}

impl Default for EndOfTurn {
    fn default() -> Self {
        EndOfTurn::Adaptive {
            complete: Duration::from_millis(450),
            hesitant: Duration::from_millis(900),
            unsure: Duration::from_millis(2500),
            dangling: Duration::from_millis(2500),
            longest: Duration::from_millis(3000),
        }
    }
}

impl EndOfTurn {
    /// The pause, counted from the end of speech, after which the turn is over.
    pub fn wait(&self, words: Completeness, expecting: Expecting, longest_resumed_pause: Duration) -> Duration {
        let (complete, hesitant, unsure, dangling, longest) = match self {
            EndOfTurn::FixedSilence(d) => return *d,
            EndOfTurn::Adaptive { complete, hesitant, unsure, dangling, longest } => (*complete, *hesitant, *unsure, *dangling, *longest),
        };
        let base = match (expecting, words) {
            (_, Completeness::Dangling) => dangling,
            (Expecting::Question, Completeness::Complete) => complete,
            (Expecting::Question, Completeness::Hesitant) => hesitant,
            (Expecting::Question, Completeness::Unsure) => unsure,
            (Expecting::Name, _) => unsure,
            (Expecting::Number, _) => dangling,
            (Expecting::Message, _) => longest,
        };
        // A caller who already paused this long and went on may do it again.
        let learned = match words {
            Completeness::Complete => longest_resumed_pause / 2,
            _ => longest_resumed_pause + Duration::from_millis(300),
        };
        base.max(learned.min(longest)).min(longest.max(base))
    }
}

/// Words after which a French sentence is not finished.
const DANGLING: &[&str] = &[
    "de",
    "du",
    "des",
    "d",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "et",
    "ou",
    "mais",
    "pour",
    "a",
    "à",
    "au",
    "aux",
    "en",
    "dans",
    "sur",
    "avec",
    "sans",
    "chez",
    "par",
    "que",
    "qu",
    "qui",
    "quand",
    "si",
    "euh",
    "heu",
    "hum",
    "hmm",
    "bah",
    "ben",
    "alors",
    "donc",
    "je",
    "j",
    "tu",
    "il",
    "elle",
    "on",
    "nous",
    "vous",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "son",
    "sa",
    "ses",
    "notre",
    "votre",
    "leur",
    "ce",
    "cet",
    "cette",
    "ces",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "comment",
    "pourquoi",
    "parce",
    "puis",
    "enfin",
    "est",
    "c",
    "voudrais",
    "veux",
    "savoir",
    "faut",
    "fait",
    "peux",
    "pouvez",
    "dire",
    "demander",
    "connaitre",
    "connaître",
    "renseigner",
    "aimerais",
    "cherche",
    "rue",
    "avenue",
    "place",
    "chemin",
    "numéro",
    "numero",
];

/// Judges the words recognised so far; `answerable` is the answering core's verdict on them.
pub fn completeness(text: &str, answerable: bool) -> Completeness {
    let trimmed = text.trim();
    // A trailing comma is no sign: Whisper ends many a full question with one after a prompt
    // that lists names ("Aquéleur, ferme la médiathèque,"). The last word says more.
    if trimmed.ends_with("...") || trimmed.ends_with('…') {
        return Completeness::Dangling;
    }
    let mut words: Vec<String> = trimmed.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    // Whisper joins a last word left hanging to the one before ("mon fils-à."); a pronoun after
    // its verb ("ouvre-t-elle ?") is no such word.
    if let Some(last) = words.pop() {
        match last.rsplit('-').next() {
            Some(tail) if tail != last && !SUBJECT_AFTER_VERB.contains(&tail) => words.extend(last.split('-').filter(|w| !w.is_empty()).map(str::to_string)),
            _ => words.push(last),
        }
    }
    let last = words.last();
    match last {
        None => Completeness::Unsure,
        // "Ça ferme quand ?": a question word asked last, with its question mark, ends the question.
        Some(w) if matches!(w.as_str(), "quand" | "comment" | "pourquoi") && answerable && trimmed.ends_with('?') => Completeness::Complete,
        Some(w) if DANGLING.contains(&w.as_str()) => Completeness::Dangling,
        Some(_) if awaits_its_subject(&words) => Completeness::Dangling,
        Some(_) if answerable || trimmed.ends_with('?') => Completeness::Complete,
        Some(_) => Completeness::Unsure,
    }
}

/// Pronouns that follow their verb by a hyphen in a question ("ouvre-t-elle", "est-ce").
const SUBJECT_AFTER_VERB: &[&str] = &["je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "le", "la", "les", "moi"];

/// Verbs of opening and passing that a question puts before their subject ("quand passe le camion").
const INVERTED: &[&str] =
    &["ferme", "ferment", "ouvre", "ouvrent", "rouvre", "rouvrent", "passe", "passent", "commence", "commencent", "finit", "finissent", "termine", "terminent"];

/// A question word then such a verb, and nothing after: the subject is still to come
/// ("À quelle heure ferme…", heard "A qui leur ferme ?"; "quand passe…", heard "qu'en passe ?").
fn awaits_its_subject(words: &[String]) -> bool {
    let [.., before, verb] = words else { return false };
    let asks = match before.as_str() {
        "quand" | "heure" | "heures" | "leur" | "où" | "jour" | "jours" => true,
        // "qu'en": Whisper's spelling of "quand" cut short.
        "en" => words.len() >= 3 && words[words.len() - 3] == "qu",
        _ => false,
    };
    asks && INVERTED.contains(&verb.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: fn(u64) -> Duration = Duration::from_millis;

    #[test]
    fn the_words_set_the_wait() {
        assert_eq!(completeness("La mairie est ouverte samedi ?", true), Completeness::Complete);
        assert_eq!(completeness("Je voudrais savoir les horaires de", false), Completeness::Dangling);
        assert_eq!(completeness("C'est pour euh...", false), Completeness::Dangling);
        assert_eq!(completeness("Bonjour, c'est pour la", true), Completeness::Dangling);
        assert_eq!(completeness("Mon chat est parti", false), Completeness::Unsure);
        assert_eq!(completeness("Aquéleur, ferme la médiathèque,", true), Completeness::Complete);
        assert_eq!(completeness("Bonjour, euh,", false), Completeness::Dangling);
        assert_eq!(completeness("", false), Completeness::Unsure);
        assert_eq!(completeness("A qui leur ferme ?", true), Completeness::Dangling, "the subject of 'ferme' is still to come");
        assert_eq!(completeness("Est-ce que vous pouvez me dire qu'en passe ?", true), Completeness::Dangling);
        assert_eq!(completeness("À quelle heure ça ferme ?", true), Completeness::Complete);
        assert_eq!(completeness("Quand est-ce que la mairie ferme ?", true), Completeness::Complete);
        assert_eq!(completeness("Le camion passe quand ?", true), Completeness::Complete);
        assert_eq!(completeness("C'est pour inscrire mon fils-à.", true), Completeness::Dangling, "a hanging 'à' joined by a hyphen");
        assert_eq!(completeness("Est-ce que la mairie est ouverte ?", true), Completeness::Complete);
        assert_eq!(completeness("Quand ouvre-t-elle ?", true), Completeness::Complete, "a pronoun after its verb ends the question");
        let p = EndOfTurn::default();
        assert_eq!(p.wait(Completeness::Complete, Expecting::Question, Duration::ZERO), MS(450));
        assert_eq!(p.wait(Completeness::Hesitant, Expecting::Question, Duration::ZERO), MS(900));
        assert_eq!(p.wait(Completeness::Dangling, Expecting::Question, Duration::ZERO), MS(2500));
        assert_eq!(p.wait(Completeness::Complete, Expecting::Number, Duration::ZERO), MS(2500));
        assert_eq!(p.wait(Completeness::Complete, Expecting::Message, Duration::ZERO), MS(3000));
    }

    #[test]
    fn a_caller_who_paused_before_gets_longer_waits() {
        let p = EndOfTurn::default();
        assert_eq!(p.wait(Completeness::Unsure, Expecting::Question, MS(2600)), MS(2900));
        assert_eq!(p.wait(Completeness::Complete, Expecting::Question, MS(1500)), MS(750));
        assert_eq!(p.wait(Completeness::Dangling, Expecting::Question, MS(5000)), MS(3000), "never past the longest wait");
        assert_eq!(EndOfTurn::FixedSilence(MS(900)).wait(Completeness::Dangling, Expecting::Message, MS(5000)), MS(900));
    }
}
