//! One caller's conversation: context across turns (last service, pending offer, last answer) and
//! the choice and wording of each reply. Sans-IO: text and an instant in, a `Reply` out.

use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::Timestamp;
use serde::Serialize;

use super::choose;
use super::collection_answer;
use super::follow::{is_follow_up, FOLLOW_WORDS};
use super::hours::{next_opening, open_range};
use super::hours_answer::{self, agree, be, plural};
use super::intent::{self, Intent, Words};
use super::lexicon;
use super::retrieval;
use super::rounds;
use super::services::ServiceMatch;
use super::speak;
use super::timeexpr::{is_time_word, When};
use super::town::{Collection, Service, Town};

mod route;

/// Confidence from which a FAQ entry is given as the answer.
pub const ANSWER_THRESHOLD: f32 = 0.5;

/// The confidence a FAQ answer to words heard a second time must reach (see [`Reply::answers_heard_again`]).
const SURE_AGAIN: f32 = 0.9;
/// Confidence from which the closest FAQ topic is proposed (without its facts) for confirmation.
pub const CONFIRM_THRESHOLD: f32 = 0.4;

/// What the call engine should do after speaking the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// Hand the call over to this service (its `transfer` address).
    Transfer {
        /// Service id.
        service: String,
        /// Where to send the call (`transfer` of the service).
        target: String,
    },
    /// Record a message from the caller.
    TakeMessage,
    /// End the call.
    HangUp,
    /// Speak more slowly from now on.
    SlowDown,
}

/// The answer to one turn.
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    /// What was understood.
    pub intent: Intent,
    /// The service the answer is about.
    pub service: Option<String>,
    /// The FAQ entry given.
    pub faq: Option<String>,
    /// The text to speak.
    pub answer: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// What to do next.
    pub action: Option<Action>,
    /// The reply asks the caller something back ("Pour quelle rue ?") and states no fact.
    pub asks_back: bool,
}

impl Reply {
    /// Whether this reply answers the words (neither "I don't know", a question back, nor small talk).
    pub fn answers(&self) -> bool {
        !matches!(self.intent, Intent::Unknown | Intent::Smalltalk) && self.confidence >= ANSWER_THRESHOLD
    }

    /// Whether this reply to words heard a second time may stand for the first hearing's: an
    /// answer, and a sure one when it is a FAQ entry's (garbled words land on some entry about as
    /// often as on the right one: 17 right and 15 wrong on the second development towns).
    pub fn answers_heard_again(&self) -> bool {
        self.answers() && (self.intent != Intent::Faq || self.confidence >= SURE_AGAIN)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Pending {
    None,
    /// We asked for the street name.
    Street,
    /// We offered a transfer to this service.
    Transfer(usize),
    /// We offered to take a message.
    Message,
    /// The rest of a long answer.
    More(String),
    /// We asked whether the caller meant this FAQ entry.
    Confirm(usize),
    /// We asked which of several services of the same kind; the moment asked about.
    Which(Option<When>),
}

/// A conversation with one caller; keeps the town it started with for its whole life.
#[derive(Debug, Clone)]
pub struct Conversation {
    town: Arc<Town>,
    last_service: Option<usize>,
    /// The words of the last question that was answered with a fact (for follow-ups).
    last_question: Option<Private>,
    /// The moment the last hours question was about ("et la médiathèque ?" keeps it).
    last_when: Option<When>,
    /// The street of the last collection answer ("et le tri ?").
    last_street: Option<usize>,
    /// The collection passage last told, which "et la fois d'après ?" follows.
    last_passage: Option<Date>,
    /// The kinds of waste the last collection question named ("les ordures"), which "et au
    /// Bouxard ?" keeps.
    last_kinds: Vec<String>,
    last: Option<Reply>,
    pending: Pending,
    /// The question being answered asks whether a place is shut ("c'est fermé ?"): a yes is shut.
    asks_shut: bool,
}

impl Conversation {
    /// Starts a conversation about a town.
    pub fn new(town: Arc<Town>) -> Conversation {
        Conversation {
            town,
            last_service: None,
            last: None,
            pending: Pending::None,
            last_question: None,
            last_when: None,
            last_street: None,
            last_passage: None,
            last_kinds: Vec::new(),
            asks_shut: false,
        }
    }

    /// The town this conversation answers about.
    pub fn town(&self) -> &Arc<Town> {
        &self.town
    }

    /// Welcome, privacy notice and how to ask.
    pub fn greeting(&mut self, now: Timestamp) -> Reply {
        let t = &self.town;
        let _ = now;
        let mut s = t.welcome.clone().unwrap_or_else(|| format!("Bonjour, vous êtes bien à la mairie de {}.", t.name));
        if let Some(p) = &t.privacy_notice {
            s.push(' ');
            s.push_str(p);
        }
        s.push_str(" Posez votre question simplement, par exemple : quels sont les horaires de la mairie ?");
        let r = Reply { intent: Intent::Smalltalk, service: None, faq: None, answer: s, confidence: 1.0, action: None, asks_back: false };
        self.last = Some(r.clone());
        r
    }

    /// Answers one caller turn at the instant `now`.
    pub fn reply(&mut self, text: &str, now: Timestamp) -> Reply {
        let local = now.to_zoned(self.town.tz.clone()).datetime();
        let proposed = match self.pending {
            Pending::Confirm(f) => Some(self.town.faqs[f].id.clone()),
            _ => None,
        };
        let r = self.decide(text, local);
        if !matches!(r.intent, Intent::Repeat | Intent::Slower) {
            self.last = Some(r.clone());
        }
        // Kept for a follow-up only while the last answer stated a fact, or while a topic is
        // proposed (its answer, on "oui", tells what that question asked); a follow-up keeps the
        // question it leaned on ("et pour un enfant ?" then "et c'est combien ?").
        let accepted = r.intent == Intent::Faq && proposed.is_some() && r.faq == proposed && intent::is_yes(&Words::new(text));
        let town = self.town.clone();
        let asked = || town.respell(&lexicon::strip_openings(text));
        self.last_question = match r.intent {
            _ if accepted => self.last_question.take(),
            Intent::Faq | Intent::Hours | Intent::Contact | Intent::Collection => {
                let asked = asked();
                let leaned = is_follow_up(&Words::new(&asked)).then(|| self.last_question.take()).flatten();
                Some(Private(match leaned {
                    Some(Private(before)) => format!("{before} {asked}"),
                    None => asked,
                }))
            }
            _ if matches!(self.pending, Pending::Confirm(_)) => Some(Private(asked())),
            Intent::Repeat | Intent::Slower => self.last_question.take(),
            _ => None,
        };
        r
    }

    /// A short follow-up ("et pour un enfant ?") read with the question it leans on.
    fn follow_up(&self, w: &Words) -> Option<retrieval::Hit> {
        if !is_follow_up(w) {
            return None;
        }
        let Private(last) = self.last_question.as_ref()?;
        let content = w.content();
        if content.is_empty() || content.len() > 4 {
            return None;
        }
        // Every word of the follow-up must be known to the town's FAQ or only frame the question:
        // "et le prix du pain" is not a follow-up of the pool's prices.
        if !content.iter().all(|c| {
            self.town.index.knows(c) || is_time_word(c) || c.chars().all(|ch| ch.is_ascii_digit()) || retrieval::is_frame_word(c) || FOLLOW_WORDS.contains(c)
        }) {
            return None;
        }
        let joined = format!("{last} {}", w.t.join(" "));
        let hit = self.town.index.search(&joined, 1).into_iter().next()?;
        (hit.confidence >= ANSWER_THRESHOLD && !hit.contested && !choose::foreign_to(&self.town, hit.faq, &joined)).then_some(hit)
    }

    /// The caller asked for a person (key 0): a transfer when open, else the next opening and a message.
    pub fn ask_operator(&mut self, now: Timestamp) -> Reply {
        let local = now.to_zoned(self.town.tz.clone()).datetime();
        let r = self.operator(None, local);
        self.last = Some(r.clone());
        r
    }

    /// The opening hours of the service at `index` (keypad menu).
    pub fn about_service(&mut self, index: usize, now: Timestamp) -> Reply {
        let local = now.to_zoned(self.town.tz.clone()).datetime();
        let r = self.hours(index.min(self.town.services.len().saturating_sub(1)), None, local, 1.0);
        self.last = Some(r.clone());
        r
    }

    fn reply_of(&self, intent: Intent, service: Option<usize>, answer: String, confidence: f32) -> Reply {
        Reply { intent, service: service.map(|i| self.town.services[i].id.clone()), faq: None, answer, confidence, action: None, asks_back: false }
    }

    /// Several services fit the words: name them and ask which.
    fn which(&mut self, svcs: &[ServiceMatch], when: Option<When>) -> Reply {
        let names: Vec<String> = svcs.iter().map(|m| self.town.services[m.index].name.clone()).collect();
        self.pending = Pending::Which(when);
        self.reply_of(Intent::Unknown, None, format!("De quel endroit parlez-vous : {} ?", speak::join_ou(&names)), 0.5)
    }

    /// Unsure: name the closest topic without stating its facts, and wait for a yes.
    fn confirm(&mut self, faq: usize, confidence: f32) -> Reply {
        let q = self.town.faqs[faq].questions.first().cloned().unwrap_or_default();
        if q.is_empty() {
            return self.reply_of(
                Intent::Unknown,
                None,
                "Je ne suis pas sûr d'avoir bien compris votre question. Pouvez-vous la reformuler ?".into(),
                confidence,
            );
        }
        self.pending = Pending::Confirm(faq);
        let q = q.trim().trim_end_matches(['?', '.', ' ']).to_string();
        self.reply_of(Intent::Unknown, None, format!("Je ne suis pas sûr d'avoir bien compris. Votre question est-elle : {q} ?"), confidence)
    }

    fn faq_reply(&mut self, faq: usize, confidence: f32, asked: Option<&Words>) -> Reply {
        let town = self.town.clone();
        let f = &town.faqs[faq];
        let svc_idx = town.faq_service(faq);
        if svc_idx.is_some() {
            self.last_service = svc_idx;
        }
        let answer = self.limit_to(&f.answer, asked);
        let mut r = self.reply_of(Intent::Faq, svc_idx, answer, confidence);
        r.faq = Some(f.id.clone());
        r
    }

    /// Keeps the first part of a long answer, with the sentence that answers what was asked ("c'est
    /// long ?" → the sentence with the delay), and offers the rest.
    fn limit_to(&mut self, text: &str, asked: Option<&Words>) -> String {
        let s = spoken_sentences(text);
        let Some(asked) = asked.filter(|_| s.len() > 2 && !said_whole(text)) else {
            return self.limit(text);
        };
        let index = &self.town.index;
        let meant = lexicon::meanings(asked);
        let best = (1..s.len())
            .map(|i| (i, lexicon::facet_score(asked, &meant, &s[i], &s[0], |w| index.rarity(w))))
            .filter(|(_, sc)| *sc >= 1.0)
            .max_by(|(i, a), (j, b)| a.total_cmp(b).then(j.cmp(i)));
        let Some((pick, _)) = best.filter(|(i, _)| *i >= 2) else {
            return self.limit(text);
        };
        self.first_part(&s, &[0, pick])
    }

    /// Keeps the first part of a long answer (two sentences, more while short) and offers the rest.
    fn limit(&mut self, text: &str) -> String {
        let s = spoken_sentences(text);
        if s.len() <= 2 || said_whole(text) {
            return text.trim().to_string();
        }
        self.first_part(&s, &[0, 1])
    }

    /// Says the sentences `keep` of an answer, with the others in their order while the part said
    /// stays short, and offers what is left.
    fn first_part(&mut self, s: &[String], keep: &[usize]) -> String {
        let words = |i: usize| s[i].split_whitespace().count();
        let mut kept: Vec<usize> = keep.to_vec();
        let mut said: usize = kept.iter().map(|&i| words(i)).sum();
        for i in (0..s.len()).filter(|i| !keep.contains(i)) {
            if said + words(i) > FIRST_PART_WORDS {
                break;
            }
            kept.push(i);
            said += words(i);
        }
        kept.sort_unstable();
        let rest: Vec<&str> = (0..s.len()).filter(|i| !kept.contains(i)).map(|i| s[i].as_str()).collect();
        let in_order = kept.iter().enumerate().all(|(k, &i)| k == i);
        self.pending = Pending::More(rest.join(" "));
        let part: Vec<&str> = kept.iter().map(|&i| s[i].as_str()).collect();
        let offer = if in_order { "Voulez-vous la suite ?" } else { "Voulez-vous les autres précisions ?" };
        format!("{} {offer}", part.join(" "))
    }

    fn goodbye(&mut self) -> Reply {
        let mut r = self.reply_of(Intent::Goodbye, None, "Merci de votre appel. Au revoir et bonne journée.".into(), 1.0);
        r.action = Some(Action::HangUp);
        r
    }

    fn take_message(&mut self) -> Reply {
        let mut r = self.reply_of(
            Intent::Message,
            Some(self.town.operator_index()),
            "Je vous écoute. Après le bip, laissez votre message avec votre nom et votre numéro de téléphone ; nous vous rappellerons.".into(),
            1.0,
        );
        r.action = Some(Action::TakeMessage);
        r
    }

    fn operator(&mut self, requested: Option<usize>, now: DateTime) -> Reply {
        let rule = self.town.holidays;
        let open = |s: &Service| open_range(s, now.date(), now.time(), rule).is_some();
        let op = self.town.operator_index();
        let wanted = requested.unwrap_or(op);
        let s = &self.town.services[wanted];
        if let (Some(target), true) = (&s.transfer, open(s)) {
            let mut r = self.reply_of(Intent::Operator, Some(wanted), format!("Je vous passe {}. Ne quittez pas.", s.name), 1.0);
            r.action = Some(Action::Transfer { service: s.id.clone(), target: target.clone() });
            return r;
        }
        let mut answer = if s.transfer.is_none() && open(s) {
            format!("Je ne peux pas transférer l'appel vers {}.", s.name)
        } else {
            let mut a = format!("{} {} fermé{} en ce moment.", speak::capitalize(&s.name), be(&s.name), agree(&s.name));
            if let Some((d, t)) = next_opening(s, now.date(), now.time(), rule) {
                a.push_str(&format!(" Réouverture {} à {}.", speak::relative_date(d, now.date()), speak::time(t)));
            }
            a
        };
        let o = &self.town.services[op];
        if wanted != op && o.transfer.is_some() && open(o) {
            answer.push_str(&format!(" Voulez-vous que je vous passe {} ?", o.name));
            self.pending = Pending::Transfer(op);
        } else {
            answer.push_str(" Voulez-vous laisser un message ?");
            self.pending = Pending::Message;
        }
        self.reply_of(Intent::Operator, Some(wanted), answer, 1.0)
    }

    /// The honest "I don't know", offering the operator or a message.
    fn unknown(&mut self, now: DateTime, confidence: f32) -> Reply {
        let head = if confidence >= 0.3 {
            "Je ne suis pas sûr d'avoir bien compris votre question. Pouvez-vous la reformuler ?"
        } else {
            "Je suis désolé, je n'ai pas cette information."
        };
        let offer = self.offer(now);
        self.reply_of(Intent::Unknown, None, format!("{head} {offer}"), confidence.min(ANSWER_THRESHOLD - 0.01))
    }

    fn unknown_street(&mut self, now: DateTime) -> Reply {
        let offer = self.offer(now);
        self.reply_of(
            Intent::Unknown,
            None,
            format!("Je ne trouve pas cette rue dans le calendrier des collectes. Pouvez-vous redire le nom de la rue ? {offer}"),
            0.3,
        )
    }

    fn offer(&mut self, now: DateTime) -> String {
        let i = self.town.operator_index();
        let s = &self.town.services[i];
        if s.transfer.is_some() && open_range(s, now.date(), now.time(), self.town.holidays).is_some() {
            self.pending = Pending::Transfer(i);
            format!("Voulez-vous que je vous passe {} ?", s.name)
        } else {
            self.pending = Pending::Message;
            "Voulez-vous laisser un message ? Nous vous rappellerons.".to_string()
        }
    }

    fn contact(&mut self, i: usize, w: &Words) -> Reply {
        let s = &self.town.services[i];
        let name = speak::capitalize(&s.name);
        let mut parts = Vec::new();
        if intent::asks_phone(w) {
            if let Some(p) = s.phone.as_ref().or(self.town.phone.as_ref()) {
                parts.push(format!("Le numéro {} est le {}.", speak::of(&s.name), p));
            }
        }
        if let Some(a) = s.address.as_ref().or(self.town.address.as_ref()) {
            if parts.is_empty() {
                // "Les services techniques se trouvent …".
                let verb = if plural(&s.name) { "se trouvent" } else { "se trouve" };
                parts.push(format!("{name} {verb} {a}.", a = with_preposition(a)));
            }
        }
        if parts.is_empty() {
            return self.reply_of(Intent::Unknown, None, "Je n'ai pas cette information.".into(), 0.3);
        }
        self.last_service = Some(i);
        self.reply_of(Intent::Contact, Some(i), parts.join(" "), 0.9)
    }

    /// The rounds serving a street; only those of the kind the caller names ("le verre"), if any.
    fn rounds(&self, street_idx: usize, w: &Words) -> (Vec<&Collection>, bool) {
        let street = &self.town.streets[street_idx];
        let rounds: Vec<&Collection> = self.town.collections.iter().filter(|c| c.streets.iter().any(|s| s == &street.display)).collect();
        // Not the street's own words, however said ("rue des chenes vert" names no green waste).
        let own: Vec<String> = super::normalize::content_tokens(&street.display).iter().map(|t| super::normalize::stem(t)).collect();
        let said: Vec<String> = w.t.iter().filter(|t| !own.contains(&super::normalize::stem(t))).cloned().collect();
        let named = rounds::named(&rounds, &said);
        if named.is_empty() {
            (rounds, false)
        } else {
            (named, true)
        }
    }

    /// The rounds of a part of the commune ("dans le bourg", "dans toute la commune"), told as
    /// those of one of its streets, `street_idx`.
    fn collection_in(&mut self, street_idx: usize, place: &str, text: &str, w: &Words, now: DateTime) -> Reply {
        let mut r = self.collection(street_idx, text, w, now, 0.8);
        // No street was named: never say one, and ask for one if the caller goes on.
        self.last_street = None;
        let street = self.town.streets[street_idx].display.clone();
        // Marked first, then named: the place may hold the street's own name ("Centre et Plateau").
        // Capitalised only where the answer opens with it: a street name has capitals of its own.
        let opening = speak::capitalize(&street);
        let marked = match r.answer.strip_prefix(&opening) {
            Some(rest) => format!("\u{1}{}", rest.replace(&street, "\u{2}")),
            None => r.answer.replace(&street, "\u{2}"),
        };
        r.answer = marked.replace('\u{1}', &speak::capitalize(place)).replace('\u{2}', place);
        r
    }

    fn collection(&mut self, street_idx: usize, text: &str, w: &Words, now: DateTime, score: f32) -> Reply {
        let town = self.town.clone();
        let street = &town.streets[street_idx].display;
        let other_street = self.last_street.is_some_and(|l| l != street_idx);
        self.last_street = Some(street_idx);
        let (mut rounds, named) = self.rounds(street_idx, w);
        let after_collection = self.last.as_ref().is_some_and(|l| l.intent == Intent::Collection);
        // "et au Bouxard ?" after "rue des Tisserands, les ordures c'est quand ?": the same kinds.
        let kept = !named && other_street && after_collection && super::follow::is_follow_up(w) && rounds.iter().any(|c| self.last_kinds.contains(&c.kind));
        if kept {
            rounds.retain(|c| self.last_kinds.contains(&c.kind));
        }
        let kinds_named: Vec<String> = if named || kept { rounds.iter().map(|c| c.kind.clone()).collect() } else { Vec::new() };
        let kinds: Vec<&str> = rounds.iter().map(|c| c.kind.as_str()).collect();
        let last = self.last_passage.filter(|_| after_collection);
        let asked = collection_answer::asked(text, street, &kinds, now, last);
        // "ils sont passés ce matin, j'ai raté": the rounds that passed that day, when none is named.
        if let (collection_answer::Asked::After(day), false) = (asked, named) {
            // "il est pas passé hier avec Noël": the rounds the holiday cancelled that day.
            let mut passed = collection_answer::passing_on(&rounds, day, town.holidays);
            if passed.is_empty() {
                passed = collection_answer::shifted_from(&rounds, day, town.holidays);
            }
            if !passed.is_empty() {
                // With every round of those kinds: the next one may be another ("le dimanche en été").
                rounds.retain(|c| passed.iter().any(|p| p.kind == c.kind));
            }
        }
        let mut answer = collection_answer::answer(street, &rounds, asked, now, town.holidays);
        let told = collection_answer::first_told(&rounds, asked, now.date(), town.holidays);
        let notes: Vec<String> = rounds.iter().filter_map(|c| c.note.clone()).collect();
        self.last_passage = told;
        self.last_kinds = kinds_named;
        // "je sors ma poubelle quand ?": the advice on putting the bins out is the answer's end.
        if let Some(n) = notes.iter().find(|n| rounds::tells_put_out(n)).filter(|_| rounds::asks_put_out(&w.t)) {
            answer.push(' ');
            answer.push_str(n);
        } else if let Some(n) = notes.first() {
            self.pending = Pending::More(n.clone());
            answer.push_str(" Voulez-vous un conseil pour la sortie des bacs ?");
        }
        self.reply_of(Intent::Collection, None, answer, score)
    }

    fn hours(&mut self, i: usize, when: Option<When>, now: DateTime, confidence: f32) -> Reply {
        self.last_service = Some(i);
        self.last_when = when;
        let answer = hours_answer::answer(&self.town.services[i], when, now, self.town.holidays, self.asks_shut);
        self.reply_of(Intent::Hours, Some(i), answer, confidence)
    }
}

/// A caller's words kept for the length of a call, never printed.
#[derive(Clone)]
struct Private(String);

impl std::fmt::Debug for Private {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(caller's words)")
    }
}

/// Words of going somewhere ("je peux passer samedi ?"), which make a day a question of hours.
pub(super) const VISIT_WORDS: &[&str] = &[
    "aller",
    "passer",
    "venir",
    // Coming back: "la capitainerie est fermée, je peux revenir quand ?"
    "revenir",
    "repasser",
    "retourner",
    "monter",
    "descendre",
    "emmener",
    "amener",
    "deposer",
    "chercher",
    "apporter",
    "ramener",
    "rapporter",
    "poster",
    "voir",
    "rendre",
    "recuperer",
    "retirer",
    "vider",
    "jeter",
    "nager",
    "emprunter",
    "visiter",
    // "porter mes branchages" (not "porter plainte").
    "porter",
    // "je peux mettre les petits à la garderie demain ?"
    "mettre",
];

/// "1 place de la Mairie" → "au 1 place de la Mairie"; "place X" → "place X".
fn with_preposition(address: &str) -> String {
    if address.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        format!("au {address}")
    } else {
        address.to_string()
    }
}

/// Words of an answer short enough to be said whole, whatever its sentences (about twenty
/// seconds of speech, what a caller still takes in one go); a longer one is cut after two
/// sentences, the rest offered.
const WHOLE_ANSWER_WORDS: usize = 60;

/// Words of a long answer's first part: two sentences, and the next ones while it stays this short.
const FIRST_PART_WORDS: usize = 50;

/// Whether an answer is short enough to be said whole.
fn said_whole(text: &str) -> bool {
    text.split_whitespace().count() <= WHOLE_ANSWER_WORDS
}

/// Words of a sentence too short to count on its own against the two sentences of an answer.
const TINY_SENTENCE_WORDS: usize = 3;

/// The sentences of an answer as the ear takes them: one of a few words ("Oui.", "C'est gratuit.")
/// goes with the sentence before it, or the next one when it opens the answer.
fn spoken_sentences(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut carry = String::new();
    for s in speak::sentences(text) {
        let tiny = s.split_whitespace().count() <= TINY_SENTENCE_WORDS;
        match out.last_mut() {
            Some(last) if tiny => {
                last.push(' ');
                last.push_str(&s);
            }
            None if tiny => {
                carry.push_str(&s);
                carry.push(' ');
            }
            _ => out.push(format!("{carry}{s}")),
        }
        if !tiny {
            carry.clear();
        }
    }
    if !carry.is_empty() {
        out.push(carry.trim().to_string());
    }
    out
}
