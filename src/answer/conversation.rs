//! One caller's conversation: context across turns (last service, pending offer, last answer) and
//! the choice and wording of each reply. Sans-IO: text and an instant in, a `Reply` out.

use std::sync::Arc;

use jiff::civil::{Date, DateTime, Time};
use jiff::Timestamp;
use serde::Serialize;

use super::choose::{choose_faq, FaqChoice};
use super::collection_answer;
use super::follow::{self, is_follow_up, FOLLOW_WORDS, SAME_WORDS};
use super::holidays::HolidayRule;
use super::hours::{day_hours, ever_open, next_opening, open_range, Special};
use super::intent::{self, word_sim, Intent, Words};
use super::lexicon;
use super::normalize::content_tokens;
use super::retrieval;
use super::speak;
use super::streets::find_street;
use super::timeexpr::{self, is_time_word, Moment, When};
use super::town::{Collection, Range, Service, Town};

/// Confidence from which a FAQ entry is given as the answer.
pub const ANSWER_THRESHOLD: f32 = 0.5;
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
    last: Option<Reply>,
    pending: Pending,
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
        let r = Reply { intent: Intent::Smalltalk, service: None, faq: None, answer: s, confidence: 1.0, action: None };
        self.last = Some(r.clone());
        r
    }

    /// Answers one caller turn at the instant `now`.
    pub fn reply(&mut self, text: &str, now: Timestamp) -> Reply {
        let local = now.to_zoned(self.town.tz.clone()).datetime();
        let r = self.decide(text, local);
        if !matches!(r.intent, Intent::Repeat | Intent::Slower) {
            self.last = Some(r.clone());
        }
        // Kept for a follow-up only while the last answer stated a fact; a follow-up keeps the
        // question it leaned on ("et pour un enfant ?" then "et c'est combien ?").
        self.last_question = match r.intent {
            Intent::Faq | Intent::Hours | Intent::Contact | Intent::Collection => {
                let asked = lexicon::strip_openings(text);
                let leaned = is_follow_up(&Words::new(&asked)).then(|| self.last_question.take()).flatten();
                Some(Private(match leaned {
                    Some(Private(before)) => format!("{before} {asked}"),
                    None => asked,
                }))
            }
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
        (hit.confidence >= ANSWER_THRESHOLD && !hit.contested).then_some(hit)
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
        Reply { intent, service: service.map(|i| self.town.services[i].id.clone()), faq: None, answer, confidence, action: None }
    }

    fn decide(&mut self, text: &str, now: DateTime) -> Reply {
        let w = Words::new(text);
        if w.t.is_empty() {
            return self.reply_of(Intent::Unknown, None, "Je ne vous ai pas entendu. Pouvez-vous répéter votre question ?".into(), 0.0);
        }
        let pending = std::mem::replace(&mut self.pending, Pending::None);

        // Short answers to what we offered.
        let content_after_yes = w
            .content()
            .into_iter()
            .filter(|x| {
                !matches!(
                    *x,
                    "oui"
                        | "ouais"
                        | "volontiers"
                        | "ok"
                        | "daccord"
                        | "accord"
                        | "veux"
                        | "non"
                        | "merci"
                        | "ca"
                        | "ira"
                        | "plait"
                        | "plais"
                        | "svp"
                        | "bien"
                        | "sur"
                )
            })
            .count();
        if intent::is_yes(&w) && content_after_yes == 0 {
            match pending {
                Pending::More(rest) => {
                    let last = self.last.clone();
                    let text = self.limit(&rest);
                    let mut r = self.reply_of(last.as_ref().map_or(Intent::Faq, |l| l.intent), None, text, 0.9);
                    if let Some(l) = last {
                        r.service = l.service;
                        r.faq = l.faq;
                    }
                    return r;
                }
                Pending::Transfer(i) => return self.operator(Some(i), now),
                Pending::Confirm(f) => return self.faq_reply(f, 0.8, None),
                Pending::Message => return self.take_message(),
                _ => {}
            }
        }
        if intent::is_no(&w) && content_after_yes == 0 {
            if matches!(pending, Pending::Confirm(_)) {
                let offer = self.offer(now);
                return self.reply_of(Intent::Unknown, None, format!("D'accord. Pouvez-vous reformuler votre question ? {offer}"), 0.5);
            }
            if pending != Pending::None {
                return self.reply_of(Intent::Smalltalk, None, "Très bien. Avez-vous une autre question ?".into(), 0.9);
            }
            if w.has("merci") {
                return self.goodbye();
            }
        }
        if intent::asks_slower(&w) {
            let again = self.last.as_ref().map(|l| l.answer.clone()).unwrap_or_default();
            let answer = format!("D'accord, je parle plus lentement. {again}").trim().to_string();
            self.pending = pending;
            return Reply { intent: Intent::Slower, service: None, faq: None, answer, confidence: 1.0, action: Some(Action::SlowDown) };
        }
        if intent::asks_repeat(&w) {
            self.pending = pending;
            let answer = self.last.as_ref().map(|l| l.answer.clone()).unwrap_or_else(|| "Je n'ai encore rien dit. Quelle est votre question ?".into());
            return Reply { intent: Intent::Repeat, service: None, faq: None, answer, confidence: 1.0, action: None };
        }
        // Greetings, thanks or a bare "oui" with nothing pending: invite the question.
        if w.t.iter().all(|x| {
            matches!(
                x.as_str(),
                "oui"
                    | "allo"
                    | "bonjour"
                    | "bonsoir"
                    | "merci"
                    | "beaucoup"
                    | "madame"
                    | "monsieur"
                    | "euh"
                    | "ben"
                    | "alors"
                    | "voila"
                    | "ok"
                    | "hein"
                    | "ah"
                    | "oh"
            )
        }) {
            let answer =
                if w.has("merci") { "Je vous en prie. Avez-vous une autre question ?" } else { "Bonjour, je vous écoute. Quelle est votre question ?" };
            self.pending = pending;
            return self.reply_of(Intent::Smalltalk, None, answer.into(), 1.0);
        }
        // The question without its openings and politeness ("bonjour madame, je voulais savoir si…").
        let stripped = lexicon::strip_openings(text);
        let text = stripped.as_str();
        let w = Words::new(text);
        let svcs = intent::find_services(&w, &self.town);
        let svc = svcs.first().copied();
        if intent::asks_message(&w) {
            return self.take_message();
        }
        if intent::asks_operator(&w) {
            return self.operator(svc.map(|s| s.index), now);
        }
        let content = w.content();
        if intent::asks_goodbye(&w) && content.iter().all(|x| intent::CLOSING_WORDS.contains(x)) {
            return self.goodbye();
        }

        // Waste collection by street.
        let street = find_street(text, &self.town.streets);
        // A kind of round named beside a street ("les encombrants rue des Lilas") asks about it too,
        // unless the words name a service and no street type ("des papiers à la mairie de Saint-Roch").
        let waste = intent::asks_waste(&w) || street.as_ref().is_some_and(|m| self.rounds(m.index, &w).1 && (m.typed || svc.is_none()));
        // Every entry the words reach: the FAQ chooser weighs them all.
        let faq_hits = self.town.index.search(text, self.town.faqs.len());
        let faq_top = faq_hits.first().cloned();
        if let (None, true, Some(Intent::Collection), Some(st)) = (&street, waste && is_follow_up(&w), self.last.as_ref().map(|l| l.intent), self.last_street) {
            return self.collection(st, text, &w, now, 0.8);
        }
        if let Some(m) = &street {
            // After a collection answer, a street named alone or as a follow-up asks about its days;
            // "où se trouve la mairie ?" does not ask about the place de la Mairie.
            let after_collection = self.last.as_ref().is_some_and(|l| l.intent == Intent::Collection)
                && (m.typed || is_follow_up(&w) || !(intent::asks_where(&w) || intent::asks_hours(&w) || svc.is_some()));
            let from_context = pending == Pending::Street || after_collection;
            if waste || from_context {
                return self.collection(m.index, text, &w, now, m.score);
            }
        }
        if let (None, Some(i), Some(Intent::Collection)) = (&street, self.last_street, self.last.as_ref().map(|l| l.intent)) {
            let single = |x: &str| Words { t: vec![x.to_string()], ph: vec![] };
            let only_when = content.iter().all(|x| is_time_word(x) || intent::asks_waste(&single(x)) || intent::asks_when(&single(x)));
            let after = collection_answer::asks_after(&w.t)
                && content.iter().all(|x| {
                    is_time_word(x)
                        || FOLLOW_WORDS.contains(x)
                        || collection_answer::is_after_word(x)
                        || matches!(*x, "apres" | "fois" | "passage" | "quand" | "prochaine" | "prochain")
                });
            if after || (only_when && (w.has("semaine") || timeexpr::parse(text, now).is_some())) {
                return self.collection(i, text, &w, now, 0.8);
            }
        }
        let kinds = self.town.collections.iter().flat_map(|c| std::iter::once(c.kind.as_str()).chain(c.note.as_deref()));
        let collected = !intent::names_uncollected_material(&w, kinds);
        if waste && collected && intent::asks_when(&w) && !w.any(&["dechetterie", "decheterie", "encombrants", "encombrant"]) && svc.is_none() {
            let other = Words {
                t: w.t
                    .iter()
                    .filter(|x| {
                        !intent::asks_waste(&Words { t: vec![(*x).clone()], ph: vec![] }) && !intent::asks_when(&Words { t: vec![(*x).clone()], ph: vec![] })
                    })
                    .cloned()
                    .collect(),
                ph: vec![],
            };
            if other
                .content()
                .iter()
                .all(|x| is_time_word(x) || matches!(*x, "rue" | "avenue" | "boulevard" | "place" | "chemin" | "impasse" | "allee" | "route" | "habite"))
                || faq_top.as_ref().is_none_or(|h| h.confidence < 0.75)
            {
                if w.any(&["rue", "avenue", "boulevard", "place", "chemin", "impasse", "allee", "route", "quai", "square", "lotissement", "residence"]) {
                    return self.unknown_street(now);
                }
                // Every round serves every street: no need to ask which.
                let everywhere = |c: &Collection| self.town.streets.iter().all(|st| c.streets.contains(&st.display));
                if self.town.streets.len() > 1 && !self.town.collections.is_empty() && self.town.collections.iter().all(everywhere) {
                    return self.collection_everywhere(text, &w, now);
                }
                self.pending = Pending::Street;
                return self.reply_of(Intent::Collection, None, "Pour quelle rue ? Dites-moi le nom de votre rue.".into(), 0.8);
            }
        }
        if pending == Pending::Street && street.is_none() && w.any(&["rue", "avenue", "boulevard", "place", "chemin", "impasse", "allee", "route"]) {
            return self.unknown_street(now);
        }

        // Opening hours.
        let follow = is_follow_up(&w);
        let last_intent = self.last.as_ref().map(|l| l.intent);
        let earlier = match pending {
            Pending::Which(w) => w,
            _ if follow && last_intent == Some(Intent::Hours) => self.last_when,
            _ => None,
        };
        let when = timeexpr::parse(text, now).or(earlier);
        let hours_q = intent::asks_hours(&w);
        // "et celle des Tilleuls ?" after the hours of one annex: the other annex's hours.
        if let Some(last) = self.last_service.filter(|_| follow && last_intent == Some(Intent::Hours)) {
            let named: Vec<&str> = content.iter().copied().filter(|c| !is_time_word(c) && !is_hours_word(c) && !SAME_WORDS.contains(c)).collect();
            if let Some(i) = follow::sibling(&self.town, last, &named) {
                self.last_service = Some(i);
                return self.hours(i, when, now, 0.8);
            }
        }
        // "la piscine" in a town of two pools: ask which, never pick one.
        if svcs.len() > 1 && (hours_q || when.is_some() || intent::asks_where(&w)) {
            return self.which(&svcs, when);
        }
        let svc_words: Vec<String> = svc.map(|s| follow::name_words(&self.town, s.index)).unwrap_or_default();
        // "et samedi, c'est pareil ?": the same question on another day.
        let same = |x: &str| follow && SAME_WORDS.contains(&x);
        let residual: Vec<&str> =
            content.iter().copied().filter(|x| !is_time_word(x) && !is_hours_word(x) && !same(x) && !svc_words.iter().any(|s| word_sim(x, s) > 0.0)).collect();
        let faq_conf = faq_top.as_ref().map_or(0.0, |h| h.confidence);
        let faq_svc = faq_top.as_ref().and_then(|h| self.town.faqs[h.faq].service.clone());
        // "elle est où la déchetterie": where, not when.
        if let (Some(s), true) = (svc, intent::asks_where(&w) && !hours_q) {
            if residual.len() <= 2 || faq_conf < 0.6 {
                return self.contact(s.index, &w);
            }
        }
        if let Some(s) = svc {
            // "l'accueil périscolaire": the words beside the service name point to another entry.
            let other_service = faq_svc.as_deref() != Some(self.town.services[s.index].id.as_str());
            let faq_elsewhere = !residual.is_empty() && (faq_conf >= 0.8 || (faq_conf >= 0.6 && other_service));
            // "samedi je peux aller à la poste pour un colis ?": a visit on a day is a question of hours.
            let visit = when.is_some() && faq_conf < 0.6 && w.any(VISIT_WORDS);
            if (hours_q && !faq_elsewhere) || visit || (residual.is_empty() && faq_conf < 0.9) {
                self.last_service = Some(s.index);
                return self.hours(s.index, when, now, s.score);
            }
        } else if (hours_q || when.is_some()) && residual.is_empty() {
            let target = self.last_service.or_else(|| self.town.services.iter().position(|s| s.id == self.town.operator));
            if let Some(i) = target {
                return self.hours(i, when, now, 0.7);
            }
        }

        // Address or phone of a service.
        if w.any(&["adresse", "situe", "situee", "trouve", "numero", "telephone", "tel"]) || w.phrase("c est ou") || w.phrase("ou est") {
            if let Some(i) = svc.map(|s| s.index).or(self.last_service) {
                if residual.len() <= 2 || svc.is_some() && faq_conf < 0.6 {
                    return self.contact(i, &w);
                }
            }
        }

        // "et c'est combien ?" after an FAQ answer: the same entry, unless the words name another.
        if follow && last_intent == Some(Intent::Faq) && svc.is_none() {
            // Nothing but "how much", "which papers": the subject is the last one.
            let last_faq = self.last.as_ref().and_then(|l| l.faq.clone()).and_then(|id| self.town.faqs.iter().position(|f| f.id == id));
            if let (Some(f), true) = (last_faq, content.iter().all(|c| retrieval::is_frame_word(c) || FOLLOW_WORDS.contains(c) || is_time_word(c))) {
                return self.faq_reply(f, 0.7, Some(&w));
            }
            if let Some(h) = self.follow_up(&w) {
                return self.faq_reply(h.faq, h.confidence, Some(&w));
            }
        }
        // FAQ: the words and the meaning.
        let choice = choose_faq(&self.town, text, &faq_hits);
        if let FaqChoice::Answer(f, c) = choice {
            return self.faq_reply(f, c, Some(&w));
        }
        if let Some(s) = svc {
            // No FAQ entry for it: going to a place on a day or at a time is a question of its hours.
            let going = when.is_some() && w.any(VISIT_WORDS);
            if residual.is_empty() || going || hours_q {
                self.last_service = Some(s.index);
                return self.hours(s.index, when, now, s.score * 0.8);
            }
        } else if hours_q && w.any_phrase(&["vous etes", "etes vous", "vous ouvrez", "vous fermez", "vous rouvrez", "vous reouvrez"]) {
            // "vous êtes encore ouverts ?": the town hall itself.
            let op = self.op_index();
            return self.hours(op, when, now, 0.7);
        }
        if let Some(h) = self.follow_up(&w) {
            return self.faq_reply(h.faq, h.confidence, Some(&w));
        }
        if let FaqChoice::Confirm(f, c) = choice {
            return self.confirm(f, c);
        }
        self.unknown(now, faq_conf)
    }

    /// Several services fit the words: name them and ask which.
    fn which(&mut self, svcs: &[intent::ServiceMatch], when: Option<When>) -> Reply {
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
        let svc_idx = f.service.as_ref().and_then(|id| town.services.iter().position(|s| &s.id == id));
        if svc_idx.is_some() {
            self.last_service = svc_idx;
        }
        let answer = self.limit_to(&f.answer, asked);
        let mut r = self.reply_of(Intent::Faq, svc_idx, answer, confidence);
        r.faq = Some(f.id.clone());
        r
    }

    /// Keeps two sentences of a long answer, the second being the one that answers what was asked
    /// ("c'est long ?" → the sentence with the delay), and offers the rest.
    fn limit_to(&mut self, text: &str, asked: Option<&Words>) -> String {
        let s = speak::sentences(text);
        let Some(asked) = asked.filter(|_| s.len() > 2) else {
            return self.limit(text);
        };
        let best = (1..s.len()).map(|i| (i, lexicon::facet_score(asked, &s[i], &s[0]))).filter(|(_, sc)| *sc > 0).max_by_key(|(i, sc)| (*sc, usize::MAX - i));
        let Some((pick, _)) = best.filter(|(i, _)| *i >= 2) else {
            return self.limit(text);
        };
        let rest: Vec<&str> = s.iter().enumerate().filter(|(i, _)| *i != 0 && *i != pick).map(|(_, x)| x.as_str()).collect();
        self.pending = Pending::More(rest.join(" "));
        format!("{} {} Voulez-vous les autres précisions ?", s[0], s[pick])
    }

    /// Keeps at most two sentences of a long answer and offers the rest.
    fn limit(&mut self, text: &str) -> String {
        let s = speak::sentences(text);
        if s.len() <= 2 {
            return text.trim().to_string();
        }
        self.pending = Pending::More(s[2..].join(" "));
        format!("{} {} Voulez-vous la suite ?", s[0], s[1])
    }

    fn goodbye(&mut self) -> Reply {
        let mut r = self.reply_of(Intent::Goodbye, None, "Merci de votre appel. Au revoir et bonne journée.".into(), 1.0);
        r.action = Some(Action::HangUp);
        r
    }

    fn take_message(&mut self) -> Reply {
        let mut r = self.reply_of(
            Intent::Message,
            Some(self.op_index()),
            "Je vous écoute. Après le bip, laissez votre message avec votre nom et votre numéro de téléphone ; nous vous rappellerons.".into(),
            1.0,
        );
        r.action = Some(Action::TakeMessage);
        r
    }

    fn op_index(&self) -> usize {
        self.town.services.iter().position(|s| s.id == self.town.operator).unwrap_or(0)
    }

    fn operator(&mut self, requested: Option<usize>, now: DateTime) -> Reply {
        let rule = self.town.holidays;
        let open = |s: &Service| open_range(s, now.date(), now.time(), rule).is_some();
        let op = self.op_index();
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
            let mut a = format!("{} est fermé{} en ce moment.", speak::capitalize(&s.name), agree(&s.name));
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
        let i = self.op_index();
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
        let wants_phone = w.any(&["numero", "telephone", "tel", "appeler", "joindre"]);
        let mut parts = Vec::new();
        if wants_phone {
            if let Some(p) = s.phone.as_ref().or(self.town.phone.as_ref()) {
                parts.push(format!("Le numéro de {} est le {}.", s.name, p));
            }
        }
        if let Some(a) = s.address.as_ref().or(self.town.address.as_ref()) {
            if parts.is_empty() {
                parts.push(format!("{name} se trouve {a}.", a = with_preposition(a)));
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
        let named: Vec<&Collection> = rounds
            .iter()
            .copied()
            .filter(|c| {
                content_tokens(&c.kind)
                    .iter()
                    .any(|k| k.len() >= 4 && !matches!(k.as_str(), "dechets" | "collecte") && !is_time_word(k) && w.t.iter().any(|q| word_sim(q, k) >= 0.9))
            })
            .collect();
        if named.is_empty() {
            (rounds, false)
        } else {
            (named, true)
        }
    }

    /// The rounds of a town where every round serves every street.
    fn collection_everywhere(&mut self, text: &str, w: &Words, now: DateTime) -> Reply {
        let mut r = self.collection(0, text, w, now, 0.8);
        // No street was named: never say one, and ask for one if the caller goes on.
        self.last_street = None;
        let first = self.town.streets[0].display.clone();
        r.answer = r.answer.replacen(&speak::capitalize(&first), "Dans toute la commune", 1).replace(&first, "dans toute la commune");
        r
    }

    fn collection(&mut self, street_idx: usize, text: &str, w: &Words, now: DateTime, score: f32) -> Reply {
        let town = self.town.clone();
        let street = &town.streets[street_idx].display;
        self.last_street = Some(street_idx);
        let (rounds, _) = self.rounds(street_idx, w);
        let kinds: Vec<&str> = rounds.iter().map(|c| c.kind.as_str()).collect();
        let last = self.last_passage.filter(|_| self.last.as_ref().is_some_and(|l| l.intent == Intent::Collection));
        let asked = collection_answer::asked(text, street, &kinds, now, last);
        let mut answer = collection_answer::answer(street, &rounds, asked, now.date(), town.holidays);
        let told = collection_answer::first_told(&rounds, asked, now.date(), town.holidays);
        let notes: Vec<String> = rounds.iter().filter_map(|c| c.note.clone()).collect();
        self.last_passage = told;
        if let Some(n) = notes.first() {
            self.pending = Pending::More(n.clone());
            answer.push_str(" Voulez-vous un conseil pour la sortie des bacs ?");
        }
        self.reply_of(Intent::Collection, None, answer, score)
    }

    fn hours(&mut self, i: usize, when: Option<When>, now: DateTime, confidence: f32) -> Reply {
        self.last_service = Some(i);
        self.last_when = when;
        let town = self.town.clone();
        let s = &town.services[i];
        let rule = town.holidays;
        let today = now.date();
        let name = &s.name;
        let e = agree(name);
        let cap = speak::capitalize(name);
        if !ever_open(s) {
            return self.reply_of(Intent::Hours, Some(i), format!("Je n'ai pas d'horaires d'ouverture pour {name}."), confidence);
        }
        let reopen = |d: Date, t: Time| -> String {
            match next_opening(s, d, t, rule) {
                Some((nd, nt)) => format!(" Réouverture {} à {}.", speak::relative_date(nd, today), speak::time(nt)),
                None => String::new(),
            }
        };
        let why = |d: Date| -> String {
            match day_hours(s, d, rule).special {
                Some(Special::Holiday(h)) => format!(" : c'est {h}"),
                Some(Special::Exception(Some(r))) => format!(" ({r})"),
                _ => String::new(),
            }
        };
        let shut_now = open_range(s, today, now.time(), rule).is_none();
        let answer = match when {
            None | Some(When { moment: Moment::Now, .. }) => {
                let first = match open_range(s, today, now.time(), rule) {
                    Some(r) => format!("{cap} est ouvert{e} en ce moment, jusqu'à {}.", speak::time(r.end)),
                    None => format!("{cap} est fermé{e} en ce moment{}.{}", why(today), reopen(today, now.time())),
                };
                if when.is_none() {
                    let week = speak::week(&s.week);
                    format!("{first} Horaires habituels : {week}.")
                } else {
                    first
                }
            }
            Some(When { date, moment: Moment::Day }) => {
                let dh = day_hours(s, date, rule);
                let rel = speak::capitalize(&speak::relative_date(date, today));
                if dh.ranges.is_empty() {
                    format!("{rel}, {name} est fermé{e}{}.{}", why(date), reopen(date, Time::constant(23, 59, 0, 0)))
                } else if date == today && shut_now {
                    // Asked about today while it is shut (the caller may be at the door): say so first.
                    let later = if dh.ranges.iter().any(|r| r.start > now.time()) { String::new() } else { reopen(today, now.time()) };
                    format!("{cap} est fermé{e} en ce moment. {rel}, horaires {}{}.{later}", speak::ranges(&dh.ranges), why(date))
                } else {
                    format!("{rel}, {name} est ouvert{e} {}{}.", speak::ranges(&dh.ranges), why(date))
                }
            }
            Some(When { date, moment: Moment::At(t) }) => {
                let dh = day_hours(s, date, rule);
                let rel = speak::relative_date(date, today);
                let at = format!("{rel} à {}", speak::time(t));
                if let Some(r) = dh.ranges.iter().find(|r| r.start <= t && t < r.end) {
                    format!("Oui, {at}, {name} est ouvert{e}, {}.", speak::ranges(std::slice::from_ref(r)))
                } else if dh.ranges.is_empty() {
                    format!("Non, {rel}, {name} est fermé{e}{}.{}", why(date), reopen(date, Time::constant(23, 59, 0, 0)))
                } else {
                    // Nothing later that day: say when it opens next.
                    let later = if dh.ranges.iter().any(|r| r.start > t) { String::new() } else { reopen(date, t) };
                    format!("Non, {at}, {name} est fermé{e}{}. {} horaires {}.{later}", why(date), that_day(date, today), speak::ranges(&dh.ranges))
                }
            }
            Some(When { date, moment }) => {
                let (from, to, part) = match moment {
                    Moment::Morning => (Time::constant(0, 0, 0, 0), Time::constant(12, 0, 0, 0), "matin"),
                    Moment::Afternoon => (Time::constant(12, 0, 0, 0), Time::constant(18, 0, 0, 0), "après-midi"),
                    _ => (Time::constant(18, 0, 0, 0), Time::constant(23, 59, 59, 0), "soir"),
                };
                let dh = day_hours(s, date, rule);
                let rel = part_phrase(date, today, part);
                // A range counts for a part of the day when it spends at least 45 minutes in it.
                let minutes = |t: Time| i32::from(t.hour()) * 60 + i32::from(t.minute());
                let inside: Vec<Range> = dh.ranges.iter().copied().filter(|r| minutes(r.end.min(to)) - minutes(r.start.max(from)) >= 45).collect();
                // "c'est encore ouvert cet après-midi ?" once this afternoon's hours are over.
                let over = date == today && (from..to).contains(&now.time()) && !inside.is_empty() && inside.iter().all(|r| r.end <= now.time());
                if over && shut_now {
                    format!("Non, {name} est fermé{e} en ce moment : {rel}, horaires {}.{}", speak::ranges(&inside), reopen(today, now.time()))
                } else if !inside.is_empty() && date == today && shut_now && inside[0].start > now.time() {
                    format!("{cap} est fermé{e} en ce moment. {}, horaires {}.", speak::capitalize(&rel), speak::ranges(&inside))
                } else if !inside.is_empty() {
                    format!("{}, {name} est ouvert{e} {}.", speak::capitalize(&rel), speak::ranges(&inside))
                } else if dh.ranges.is_empty() {
                    format!("Non, {}, {name} est fermé{e}{}.{}", rel, why(date), reopen(date, Time::constant(23, 59, 0, 0)))
                } else {
                    // Nothing later that day: say when it opens next.
                    let later = if dh.ranges.iter().any(|r| r.start >= to) { String::new() } else { reopen(date, to.min(Time::constant(23, 59, 0, 0))) };
                    format!("Non, {name} est fermé{e} {rel}{}. {} horaires {}.{later}", why(date), that_day(date, today), speak::ranges(&dh.ranges))
                }
            }
        };
        let answer = match when {
            Some(When { date, moment }) if moment != Moment::Now => answer + &usual_hours(s, date, rule),
            _ => answer,
        };
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
const VISIT_WORDS: &[&str] =
    &["aller", "passer", "venir", "monter", "descendre", "emmener", "amener", "deposer", "chercher", "apporter", "ramener", "rapporter", "poster", "voir"];

/// " Les autres samedis, horaires …" when a holiday or an exception changes that day's usual
/// hours ("le samedi, c'est ouvert ?" when the next Saturday is the 8th of May); else nothing.
fn usual_hours(s: &Service, d: Date, rule: HolidayRule) -> String {
    let weekly = &s.week[d.weekday().to_monday_zero_offset() as usize];
    let dh = day_hours(s, d, rule);
    if dh.special.is_none() || weekly.is_empty() || *weekly == dh.ranges {
        return String::new();
    }
    format!(" Les autres {}s, horaires {}.", speak::weekday_name(d.weekday()), speak::ranges(weekly))
}

/// "Aujourd'hui," or "Ce jour-là," before a day's hours.
fn that_day(d: Date, today: Date) -> &'static str {
    if d == today {
        "Aujourd'hui,"
    } else {
        "Ce jour-là,"
    }
}

/// "ce matin", "demain matin, le jeudi 9 juillet", "le samedi 11 juillet au matin".
fn part_phrase(d: Date, today: Date, part: &str) -> String {
    if d == today {
        format!("ce {} {part}", speak::weekday_name(d.weekday()))
    } else if Some(d) == today.tomorrow().ok() {
        format!("demain {part}, {}", speak::date(d, today))
    } else if part == "après-midi" {
        format!("{} après-midi", speak::date(d, today))
    } else {
        format!("{} au {part}", speak::date(d, today))
    }
}

/// Agreement suffix for "ouvert"/"fermé" from the article of a name ("la piscine" → "e").
fn agree(name: &str) -> &'static str {
    let n = name.trim().to_lowercase();
    if n.starts_with("les ") {
        if n.contains("ées ") || n.ends_with("ées") || n.contains("salles") || n.contains("archives") {
            "es"
        } else {
            "s"
        }
    } else if n.starts_with("la ") {
        "e"
    } else if let Some(rest) = n.strip_prefix("l'").or_else(|| n.strip_prefix("l’")) {
        // Elided article: guess the gender from the noun's ending.
        let noun = rest.split_whitespace().next().unwrap_or("");
        const MASC_E: &[&str] = &["espace", "office", "observatoire", "hospice", "ossuaire", "oratoire", "orchestre", "intercommunale"];
        let fem = noun.ends_with('e') && !noun.ends_with("age") && !noun.ends_with("isme") && !noun.ends_with("ème") && !MASC_E.contains(&noun);
        if fem {
            "e"
        } else {
            ""
        }
    } else {
        ""
    }
}

/// "1 place de la Mairie" → "au 1 place de la Mairie"; "place X" → "place X".
fn with_preposition(address: &str) -> String {
    if address.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        format!("au {address}")
    } else {
        address.to_string()
    }
}

fn is_hours_word(w: &str) -> bool {
    matches!(
        w,
        "horaire"
            | "horaires"
            | "ouvert"
            | "ouverte"
            | "ouverts"
            | "ouvertes"
            | "ouvre"
            | "ouvrent"
            | "ouvrez"
            | "ouvrir"
            | "ouvrira"
            | "ferme"
            | "fermee"
            | "fermes"
            | "fermees"
            | "fermez"
            | "ferment"
            | "fermer"
            | "fermera"
            | "fermeture"
            | "ouverture"
            | "heure"
            | "heures"
            | "jusqu"
            | "quelle"
            | "jour"
            | "jours"
            | "horraires"
            | "horraire"
            | "acces"
            | "accessible"
            | "possible"
            | "peut"
            | "venir"
            | "passer"
            | "aller"
            | "recoit"
            | "recoivent"
            | "recevoir"
            | "rouvre"
            | "rouvrent"
            | "reouvre"
            | "reouverture"
            | "rouvrira"
            | "permanence"
            | "encore"
            | "etes"
    )
}
