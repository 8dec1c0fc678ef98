//! Which kind of answer a turn gets: a short reply to what we offered, a request (a person, a
//! message, goodbye), the waste collection of a street, a service's hours or place, an FAQ entry,
//! or the honest "I don't know". Each step answers or passes the question on.

use jiff::civil::DateTime;
use jiff::ToSpan;

use super::{Conversation, Pending, Reply, VISIT_WORDS};
use crate::answer::choose::{choose_faq, FaqChoice};
use crate::answer::collection_answer;
use crate::answer::follow::{self, is_follow_up, FOLLOW_WORDS, SAME_WORDS};
use crate::answer::hours;
use crate::answer::hours_answer::is_hours_word;
use crate::answer::intent::{self, word_sim, Intent, Words};
use crate::answer::kinds::{self, tells_clock_time, Kinds};
use crate::answer::lexicon;
use crate::answer::normalize::{is_stopword, stem, tokens};
use crate::answer::retrieval::{self, Hit};
use crate::answer::rounds;
use crate::answer::senses;
use crate::answer::services::{self, ServiceMatch};
use crate::answer::speak;
use crate::answer::streets::{find_street, is_common_type, StreetMatch};
use crate::answer::synonyms;
use crate::answer::timeexpr::{self, is_time_word, Moment, When};
use crate::answer::town::{weekday_from_name, Collection};

/// Nouns for the premises of a service, said before its name ("le poste de police").
const PLACE_OF: &[&str] = &["poste", "bureau", "bureaux", "guichet", "local", "locaux", "accueil", "agence", "siege"];

/// Words a short answer to our offer may hold beside "oui" or "non".
const YES_NO_WORDS: &[&str] =
    &["oui", "ouais", "volontiers", "ok", "daccord", "accord", "veux", "non", "merci", "ca", "ira", "plait", "plais", "svp", "bien", "sur"];

/// Words of the collection truck's passage ("ils passent", "ils sont passés trop tôt").
const PASSAGE_WORDS: &[&str] = &["passent", "passe", "passes", "passera", "passeront", "passage", "passages"];

/// Words of a turn that holds no question ("allô, bonjour madame").
const NO_QUESTION_WORDS: &[&str] =
    &["oui", "allo", "bonjour", "bonsoir", "merci", "beaucoup", "madame", "monsieur", "euh", "ben", "alors", "voila", "ok", "hein", "ah", "oh"];

/// One question, read once: its words, the services, the street and the FAQ entries they name.
struct Question<'a> {
    text: &'a str,
    w: Words,
    svcs: Vec<ServiceMatch>,
    street: Option<StreetMatch>,
    /// Every FAQ entry the words reach, best first.
    faq_hits: Vec<Hit>,
    /// No word of the question, as heard, is French or the town's ("c'est pour un scrime en fisa").
    garbled: bool,
}

impl Question<'_> {
    fn svc(&self) -> Option<ServiceMatch> {
        self.svcs.first().copied()
    }

    fn faq_conf(&self) -> f32 {
        self.faq_hits.first().map_or(0.0, |h| h.confidence)
    }
}

/// What the hours step learnt of a question, which the later steps weigh too.
struct Reading {
    when: Option<When>,
    hours_q: bool,
    follow: bool,
    last_intent: Option<Intent>,
    /// The content words beside the service's name, the day and the words of hours.
    residual: usize,
    /// A price asked and no time ("si je le récupère à six heures, ça coûte combien ?"), which
    /// no opening hours tell.
    price_only: bool,
}

impl Conversation {
    /// The reply to one turn, in local time.
    pub(super) fn decide(&mut self, text: &str, now: DateTime) -> Reply {
        let w = Words::new(text);
        if w.t.is_empty() {
            return self.reply_of(Intent::Unknown, None, "Je ne vous ai pas entendu. Pouvez-vous répéter votre question ?".into(), 0.0);
        }
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        if let Some(r) = self.short_answer(&w, &pending, now) {
            return r;
        }
        // The question without its openings and politeness ("bonjour madame, je voulais savoir si…").
        let stripped = lexicon::strip_openings(text);
        let garbled = self.garbled(&Words::new(&stripped));
        // Words misheard out of French respelled into the town's vocabulary ("la gardorie").
        let stripped = self.town.respell(&stripped);
        let w = Words::new(&stripped);
        let q = Question {
            text: &stripped,
            svcs: services::find_services(&w, &self.town),
            street: find_street(&stripped, &self.town.streets),
            faq_hits: self.town.index.search(&stripped, self.town.faqs.len()),
            w,
            garbled,
        };
        if let Some(r) = self.request(&q, now) {
            return r;
        }
        if let Some(r) = self.waste(&q, &pending, now) {
            return r;
        }
        let reading = self.read(&q, &pending, now);
        if let Some(r) = self.opening_hours(&q, &reading, now) {
            return r;
        }
        self.the_rest(&q, &reading, now)
    }

    /// Whether every content word is neither French nor the town's: sounds the recogniser made up,
    /// on which no entry is given outright (a respelled "fisa" is no question about a visa).
    fn garbled(&self, w: &Words) -> bool {
        let content = w.content();
        !content.is_empty() && content.iter().all(|x| self.made_up(x))
    }

    /// Whether a word is neither French nor the town's (false without a word list).
    fn made_up(&self, x: &str) -> bool {
        crate::answer::respell::dictionary().is_some_and(|french| !french.contains(x) && !self.town.index.knows(x))
    }

    /// Whether a content word is neither French nor the town's ("c'est zorglub samedi ?"): a word
    /// misheard, which may have been the subject.
    fn made_up_word(&self, w: &Words) -> bool {
        w.content().iter().any(|x| !is_number(x) && self.made_up(x))
    }

    /// A yes first, then only words the town does not know: "oui, s'il vous plaît" misheard on a
    /// bad line ("oui, c'est vous, plé").
    fn yes_then_unknown_words(&self, w: &Words) -> bool {
        let first_is_yes = w.t.first().is_some_and(|f| matches!(f.as_str(), "oui" | "ouais" | "daccord" | "ok" | "volontiers"))
            || w.t.starts_with(&["d".to_string(), "accord".to_string()]);
        first_is_yes
            && !w.any(&["quand", "ou", "comment", "combien", "quel", "quelle", "quels", "quelles", "pourquoi", "qui"])
            && w.content().into_iter().all(|x| YES_NO_WORDS.contains(&x) || !self.town.index.knows(x))
    }

    /// "oui", "non", "répétez", "plus lentement", or a greeting without a question.
    fn short_answer(&mut self, w: &Words, pending: &Pending, now: DateTime) -> Option<Reply> {
        let bare = w.content().into_iter().all(|x| YES_NO_WORDS.contains(&x));
        if intent::is_yes(w) && (bare || (*pending != Pending::None && self.yes_then_unknown_words(w))) {
            match pending.clone() {
                Pending::More(rest) => {
                    let last = self.last.clone();
                    let text = self.limit(&rest);
                    let mut r = self.reply_of(last.as_ref().map_or(Intent::Faq, |l| l.intent), None, text, 0.9);
                    if let Some(l) = last {
                        r.service = l.service;
                        r.faq = l.faq;
                    }
                    return Some(r);
                }
                Pending::Transfer(i) => return Some(self.operator(Some(i), now)),
                Pending::Confirm(f) => {
                    // The answer's sentences chosen for the question the caller confirmed.
                    let asked = self.last_question.as_ref().map(|super::Private(t)| Words::new(t));
                    return Some(self.faq_reply(f, 0.8, asked.as_ref()));
                }
                Pending::Message => return Some(self.take_message()),
                _ => {}
            }
        }
        if intent::is_no(w) && bare {
            if matches!(pending, Pending::Confirm(_)) {
                let offer = self.offer(now);
                return Some(self.reply_of(Intent::Unknown, None, format!("D'accord. Pouvez-vous reformuler votre question ? {offer}"), 0.5));
            }
            if *pending != Pending::None {
                return Some(self.reply_of(Intent::Smalltalk, None, "Très bien. Avez-vous une autre question ?".into(), 0.9));
            }
            if w.has("merci") {
                return Some(self.goodbye());
            }
        }
        if intent::asks_slower(w) {
            let again = self.last.as_ref().map(|l| l.answer.clone()).unwrap_or_default();
            let answer = format!("D'accord, je parle plus lentement. {again}").trim().to_string();
            self.pending = pending.clone();
            return Some(Reply {
                intent: Intent::Slower,
                service: None,
                faq: None,
                answer,
                confidence: 1.0,
                action: Some(super::Action::SlowDown),
                asks_back: false,
            });
        }
        if intent::asks_repeat(w) {
            self.pending = pending.clone();
            let answer = self.last.as_ref().map(|l| l.answer.clone()).unwrap_or_else(|| "Je n'ai encore rien dit. Quelle est votre question ?".into());
            return Some(Reply { intent: Intent::Repeat, service: None, faq: None, answer, confidence: 1.0, action: None, asks_back: false });
        }
        // Greetings, thanks or a bare "oui" with nothing pending: invite the question.
        if w.t.iter().all(|x| NO_QUESTION_WORDS.contains(&x.as_str())) {
            let answer =
                if w.has("merci") { "Je vous en prie. Avez-vous une autre question ?" } else { "Bonjour, je vous écoute. Quelle est votre question ?" };
            self.pending = pending.clone();
            return Some(self.reply_of(Intent::Smalltalk, None, answer.into(), 1.0));
        }
        None
    }

    /// A message, a person or goodbye.
    fn request(&mut self, q: &Question, now: DateTime) -> Option<Reply> {
        if intent::asks_message(&q.w) {
            return Some(self.take_message());
        }
        if intent::asks_operator(&q.w) {
            return Some(self.operator(q.svc().map(|s| s.index), now));
        }
        // Besides the closing words, at most one word the town does not know ("ok, camarche, merci
        // beaucoup, bonne soirée": "ça marche" glued by the recogniser).
        let stray: Vec<&str> = q.w.content().into_iter().filter(|x| !intent::CLOSING_WORDS.contains(x)).collect();
        let closing = match stray[..] {
            [] => true,
            [x] => q.svcs.is_empty() && q.street.is_none() && !self.town.index.knows(x),
            _ => false,
        };
        if intent::asks_goodbye(&q.w) && closing {
            return Some(self.goodbye());
        }
        None
    }

    /// The entry the last question and this follow-up ask together, when the chooser gives it outright.
    fn with_last_question(&self, q: &Question) -> Option<FaqChoice> {
        let super::Private(last) = self.last_question.as_ref()?;
        let joined = format!("{last} {}", q.text);
        let hits = self.town.index.search(&joined, self.town.faqs.len());
        match choose_faq(&self.town, &joined, &hits, None) {
            c @ FaqChoice::Answer(..) => Some(c),
            _ => None,
        }
    }

    /// The waste collection of a street, named now or earlier in the call.
    fn waste(&mut self, q: &Question, pending: &Pending, now: DateTime) -> Option<Reply> {
        let (w, text, svc) = (&q.w, q.text, q.svc());
        // "ça va me coûter combien ?", "de quelle longueur ?": a price or a measure, which no
        // round's days tell, unless the street was just asked for.
        let fact = kinds::asked(w);
        let other_fact = !fact.is_empty() && !fact.meets(Kinds::CLOCK);
        // "on peut sortir combien d'objets ?", "combien de fois je sors le bac sans payer plus ?": a
        // count of what one puts out, not of the passages ("ils passent combien de fois ?").
        let how_many = w.t.windows(2).any(|p| p[0] == "combien" && matches!(p[1].as_str(), "de" | "d"));
        let counts_things = how_many && !w.any(PASSAGE_WORDS) && !w.any(&["ramassage", "collecte", "ramassent"]);
        if (other_fact || counts_things) && !fact.meets(Kinds::WHEN) && *pending != Pending::Street {
            return None;
        }
        // A kind of round named beside a street ("les encombrants rue des Lilas") asks about it too,
        // unless the words name a service and no street type ("des papiers à la mairie de Saint-Roch").
        // "le camion de l'épicerie passe quand ?" is not a round, unless a round is named so.
        let foreign = lexicon::elsewhere_subjects(&w.t).iter().any(|s| !self.town.collections.iter().any(|c| lexicon::names(&c.kind, s)));
        // "quai Saint-Yves, ils passent lundi de Pâques ?": a street named with its type, and a passage.
        // Not when an FAQ entry fits the words ("la rue des Vergers n'est pas déneigée, ils passent quand ?").
        let passes = q.street.as_ref().is_some_and(|m| m.typed) && svc.is_none() && w.any(PASSAGE_WORDS) && q.faq_conf() < 0.3;
        let waste = !foreign && (intent::asks_waste(w) || passes) || q.street.as_ref().is_some_and(|m| self.rounds(m.index, w).1 && (m.typed || svc.is_none()));
        let town = self.town.clone();
        let all: Vec<&Collection> = town.collections.iter().collect();
        let named = rounds::named_unprompted(&all, &w.t);
        // "je déménage le 15 rue des Teinturiers, le camion peut se garer ?": a car or a removal
        // van parked in a street, not its rounds, unless waste is named.
        let parking = w.any(&["demenage", "demenager", "demenagement", "garer", "stationner", "stationnement", "voiture", "voitures"])
            && named.is_empty()
            && !w.any(&["poubelle", "poubelles", "bac", "bacs", "sac", "sacs", "ordures", "dechets", "tri", "verre", "encombrants"]);
        if parking && *pending != Pending::Street {
            return None;
        }
        let last_collection = self.last.as_ref().is_some_and(|l| l.intent == Intent::Collection);
        if let (None, true, true, Some(st)) = (&q.street, (waste || !named.is_empty()) && is_follow_up(w), last_collection, self.last_street) {
            return Some(self.collection(st, text, w, now, 0.8));
        }
        if let Some(m) = &q.street {
            // After a collection answer, a street named alone or as a follow-up asks about its days;
            // "où se trouve la mairie ?" does not ask about the place de la Mairie.
            let after_collection = last_collection && (m.typed || is_follow_up(w) || !(intent::asks_where(w) || intent::asks_hours(w) || svc.is_some()));
            if waste || *pending == Pending::Street || after_collection {
                return Some(self.collection(m.index, text, w, now, m.score));
            }
        }
        if let (None, Some(i), true) = (&q.street, self.last_street, last_collection) {
            if asks_another_passage(w, text, now) {
                return Some(self.collection(i, text, w, now, 0.8));
            }
        }
        let kinds = self.town.collections.iter().flat_map(|c| std::iter::once(c.kind.as_str()).chain(c.note.as_deref()));
        let collected = !intent::names_uncollected_material(w, kinds);
        // The encombrants are often an FAQ entry (with how to register); a round only where the
        // town has one and no entry fits better.
        let bulky = w.any(&["encombrants", "encombrant"]) && (named.is_empty() || q.faq_conf() >= 0.75);
        // "demain samedi les poubelles dans le village, y a le camion ?": a day named beside the round
        // alone asks whether it passes then, where no entry fits and no earlier answer is followed up.
        let when_asked = intent::asks_when(w);
        let day_asked = !when_asked && !is_follow_up(w) && q.faq_conf() < 0.3 && day_said(text, now).is_some();
        // "les ordures à Sainte-Honorine": a part of the commune, named as its own town hall is.
        let place_only = !intent::asks_hours(w) && svc.is_some_and(|s| self.named_as_a_part(q, s));
        if (waste || !named.is_empty())
            && collected
            && (when_asked || day_asked)
            && !w.any(&["dechetterie", "decheterie"])
            && !bulky
            && (svc.is_none() || place_only)
        {
            // Nothing but the round and the day: which street?
            let round_word = |x: &str| intent::asks_waste(&Words::one(x)) || !rounds::named_unprompted(&all, &[x.to_string()]).is_empty();
            let other: Vec<&str> = w.content().into_iter().filter(|x| !round_word(x) && !intent::asks_when(&Words::one(x))).collect();
            let bare = other.iter().all(|x| is_time_word(x) || is_common_type(x) || rounds::is_area_word(x, &self.town.collections) || *x == "habite");
            if bare || (when_asked && q.faq_conf() < 0.75) {
                let asked = if named.is_empty() { &all } else { &named };
                return Some(self.rounds_without_street(asked, text, w, now));
            }
        }
        if *pending == Pending::Street && q.street.is_none() && w.t.iter().any(|x| is_common_type(x)) {
            return Some(self.unknown_street(now));
        }
        None
    }

    /// Whether service match `s` is said only by the words of a part of the commune ("à
    /// Sainte-Honorine", a former commune whose town hall bears its name).
    fn named_as_a_part(&self, q: &Question, s: ServiceMatch) -> bool {
        let said: Vec<&String> = q.w.t.iter().skip(s.first).take(s.words).filter(|x| !is_stopword(x)).collect();
        !said.is_empty() && said.iter().all(|x| rounds::is_area_word(x, &self.town.collections))
    }

    /// The rounds asked about without a street: those of the part of the commune the words name
    /// ("les ordures dans le bourg"), or one answer when they all serve the same streets, else
    /// "which street?".
    fn rounds_without_street(&mut self, asked: &[&Collection], text: &str, w: &Words, now: DateTime) -> Reply {
        // A part that another round's note names ("les Hauts de Piton-Calumet"), whose streets the
        // rounds asked about serve too.
        let all: Vec<&Collection> = self.town.collections.iter().collect();
        let elsewhere = || rounds::in_area(&all, &w.t).filter(|(street, _)| asked.iter().any(|c| c.streets.contains(street)));
        let area = rounds::in_area(asked, &w.t)
            .or_else(elsewhere)
            .and_then(|(street, place)| Some((self.town.streets.iter().position(|s| s.display == street)?, place)));
        // "la rue principale du village": a street of the part named, or which street.
        if w.t.iter().any(|x| is_common_type(x)) || w.any(&["square", "lotissement", "residence"]) {
            if let Some((street, place)) = area {
                return self.collection_in(street, &format!("dans {place}"), text, w, now);
            }
            return self.unknown_street(now);
        }
        // The rounds asked about serve the same streets, every one of the commune, all but a
        // few or only a few: one answer for all, no need to ask which.
        if let Some((street, place)) = self.same_streets(asked) {
            return self.collection_in(street, &place, text, w, now);
        }
        if let Some((street, place)) = area {
            return self.collection_in(street, &format!("dans {place}"), text, w, now);
        }
        self.pending = Pending::Street;
        let ask = self.reply_of(Intent::Collection, None, "Pour quelle rue ? Dites-moi le nom de votre rue.".into(), 0.8);
        Reply { asks_back: true, ..ask }
    }

    /// The moment asked about, and what the words hold beside a service and a day.
    fn read(&self, q: &Question, pending: &Pending, now: DateTime) -> Reading {
        let follow = is_follow_up(&q.w);
        let last_intent = self.last.as_ref().map(|l| l.intent);
        let earlier = match pending {
            Pending::Which(w) => *w,
            _ if follow && last_intent == Some(Intent::Hours) => self.last_when,
            _ => None,
        };
        let svc_words: Vec<String> = q.svc().map(|s| follow::name_words(&self.town, s.index)).unwrap_or_default();
        // "et samedi, c'est pareil ?": the same question on another day.
        // Not after an entry given or proposed, nor after "I don't know": "et le passeport, c'est
        // pareil ?" asks the same of the passport, not its office's hours.
        let same = |x: &str| follow && !matches!(last_intent, Some(Intent::Faq | Intent::Unknown)) && SAME_WORDS.contains(&x);
        // The commune's own name ("il y a marché quand à Castéra ?") says nothing more.
        let commune = tokens(&self.town.name);
        // "le jour de la fête nationale": a day, not a festivity.
        let holiday = timeexpr::holiday_name_words(q.text);
        let residual =
            q.w.content()
                .iter()
                .filter(|x| {
                    !is_time_word(x)
                    && !is_hours_word(x)
                    // "j'ai raté le marché ce matin": when it is on next.
                    && !timeexpr::is_missed_word(x)
                    && !same(x)
                    && !commune.iter().any(|c| c == *x)
                    && !holiday.iter().any(|h| h == *x)
                    // "le poste de police", "le bureau du CCAS": the place of the service named.
                    && (q.svc().is_none() || !PLACE_OF.contains(x))
                    && !svc_words.iter().any(|s| word_sim(x, s) > 0.0)
                })
                .count();
        let asked = kinds::asked(&q.w);
        let price_only = asked.meets(Kinds::PRICE) && !asked.meets(Kinds::WHEN) && !asked.meets(Kinds::CLOCK);
        let when = timeexpr::parse(q.text, now).or(earlier);
        let hours_q = intent::asks_hours(&q.w) || reach_then(&q.w, when);
        Reading { when, hours_q, follow, last_intent, residual, price_only }
    }

    /// A service's hours, or where it is, when the words ask that rather than an FAQ entry.
    fn opening_hours(&mut self, q: &Question, r: &Reading, now: DateTime) -> Option<Reply> {
        let (w, when) = (&q.w, r.when);
        let going = visiting(when, w);
        let placed = self.placed(q, r);
        let svc = placed.or(q.svc());
        // "et celle des Tilleuls ?" after the hours of one annex: the other annex's hours.
        if let Some(last) = self.last_service.filter(|_| r.follow && r.last_intent == Some(Intent::Hours)) {
            let named: Vec<&str> = w.content().into_iter().filter(|c| !is_time_word(c) && !is_hours_word(c) && !SAME_WORDS.contains(c)).collect();
            if let Some(i) = follow::sibling(&self.town, last, &named) {
                self.last_service = Some(i);
                return Some(self.hours(i, when, now, 0.8));
            }
        }
        // "la piscine" in a town of two pools: ask which, never pick one.
        if q.svcs.len() > 1 && placed.is_none() && (r.hours_q || when.is_some() || intent::asks_where(w)) {
            return Some(self.which(&q.svcs, when));
        }
        // "la mairie de Tritma-Kéa": one of several town halls, its place misheard.
        if let (None, true) = (placed, r.hours_q || when.is_some()) {
            if let Some(sites) = self.misheard_site(q) {
                return Some(self.which(&sites, when));
            }
        }
        if r.price_only {
            return None;
        }
        let faq_conf = q.faq_conf();
        tracing::debug!(residual = r.residual, hours_q = r.hours_q, when = r.when.is_some(), service = ?svc.map(|s| &self.town.services[s.index].id),
            hits = ?q.faq_hits.iter().take(3).map(|h| (&self.town.faqs[h.faq].id, h.confidence)).collect::<Vec<_>>(), "hours or entry");
        // "ma grand-mère est décédée ce matin, on doit venir à la mairie ?": a life event the best
        // entry is about is a question of procedure, whatever day or place it names.
        // But "je voulais venir demain pour le dossier de mariage, c'est possible ?" asks the hours.
        if r.residual >= 2 && self.about_life_event(q) && !(going && i_may_come(w)) {
            return None;
        }
        // "la mairie est fermée, qui je préviens ?": whom to call, the closure being known.
        if intent::asks_whom_to_call(w) {
            return None;
        }
        // "elle est où la déchetterie": where, not when.
        if let (Some(s), true) = (svc, intent::asks_where(w) && !r.hours_q) {
            if (r.residual <= 2 || faq_conf < 0.6) && !does_procedure(w, faq_conf) && !self.urgent_number(q) {
                return Some(self.contact(s.index, w));
            }
        }
        // "on peut faire de la musique jusqu'à quelle heure dans la salle ?": a rule on doing
        // something, which an entry telling a time of day answers, not the place's opening.
        let rule = q.faq_hits.first().is_some_and(|h| h.confidence >= 0.3 && tells_clock_time(&tokens(&self.town.faqs[h.faq].answer)));
        if r.hours_q && rule && allowed_to_do(w) && !reach_then(w, when) {
            return None;
        }
        if let Some((f, c)) = svc.and_then(|s| self.event_entry(q, s.index)) {
            return Some(self.faq_reply(f, c, Some(w)));
        }
        if let Some(s) = svc {
            // "l'accueil périscolaire": the words beside the service name point to another entry.
            let faq_svc = q.faq_hits.first().and_then(|h| self.town.faqs[h.faq].service.as_deref());
            let other_service = faq_svc != Some(self.town.services[s.index].id.as_str());
            let faq_elsewhere = r.residual > 0 && (faq_conf >= 0.8 || (faq_conf >= 0.6 && other_service));
            // "samedi je peux aller à la poste pour un colis ?": a visit on a day is a question of
            // hours, whatever it is for; so is "c'est ouvert ce samedi ?" beside an errand.
            let visit = going || errand_then(when, w);
            // A place named in full ("la mairie annexe de Saint-Roch") asked open at a moment: its hours.
            let full_name = s.words >= 3 && s.score >= 0.9;
            let open_then = r.hours_q && when.is_some() && (full_name || !(faq_svc.is_some() && other_service && faq_conf >= 0.6));
            let said = day_said(q.text, now);
            let at_a_moment = self.at_a_moment(q, r, said) || (r.residual <= 2 && self.closed_that_day(s.index, q, said));
            if (r.hours_q && !faq_elsewhere) || visit || open_then || at_a_moment || (r.residual == 0 && faq_conf < 0.9) {
                // "je voulais payer la facture du périscolaire ce matin, c'est possible ?": the office's
                // hours for an errand there, not the hours of the thing it is about.
                let errand_only = errand_then(when, w) && !going && !r.hours_q;
                if let (true, Some((f, c))) = (r.hours_q || visit, self.hours_entry(q, s.index, going).filter(|_| !errand_only)) {
                    return Some(self.faq_reply(f, c, Some(w)));
                }
                self.last_service = Some(s.index);
                return Some(self.hours(s.index, when, now, s.score));
            }
        } else if (r.hours_q || when.is_some())
            && r.residual == 0
            && !(r.follow && (!r.hours_q || self.last_faq_tells_day_asked(q)) && self.last_faq_tells_when(r))
        {
            let i = self.last_service.unwrap_or_else(|| self.town.operator_index());
            return Some(self.hours(i, when, now, 0.7));
        } else if r.hours_q && self.at_the_office(q) {
            let op = self.town.operator_index();
            self.last_service = Some(op);
            return Some(self.hours(op, when, now, 0.7));
        } else if going && i_come(w) {
            // "je voulais venir ce samedi pour le livret de famille": the hours that day of the
            // office the best entry names, else of the town hall.
            let office = q.faq_hits.first().filter(|h| h.confidence >= 0.3).and_then(|h| self.town.faqs[h.faq].service.as_deref());
            let i = office.and_then(|id| self.town.services.iter().position(|s| s.id == id)).unwrap_or_else(|| self.town.operator_index());
            self.last_service = Some(i);
            return Some(self.hours(i, when, now, 0.7));
        }
        None
    }

    /// Whether every one of `words`, or what it stands for ("les gamins": "enfant"), is a word of
    /// entry `faq`, its answer included.
    fn entry_names(&self, faq: usize, words: &[&str]) -> bool {
        let answer: Vec<String> = tokens(&self.town.faqs[faq].answer).iter().map(|t| stem(t)).collect();
        words.iter().all(|x| {
            let meant = senses::senses(&[x.to_string()]).into_iter().flatten().chain(synonyms::expand(x).iter().copied());
            let stems: Vec<String> = std::iter::once(*x).chain(meant).map(stem).collect();
            stems.iter().any(|m| answer.contains(m)) || crate::answer::choose::names_any(&self.town, faq, &stems)
        })
    }

    /// "c'est encore ouvert chez vous le jeudi soir ?": the town hall spoken to, asked open, and no
    /// entry nor other subject in the words ("chez vous" alone is also "in your town").
    fn at_the_office(&self, q: &Question) -> bool {
        let you = q.w.any_phrase(YOU_OPEN) || q.w.any_phrase(&["ouvert chez vous", "ouverte chez vous", "ferme chez vous", "fermee chez vous"]);
        you && q.faq_conf() < 0.3 && lexicon::elsewhere_subjects(&q.w.t).is_empty()
    }

    /// "le vendredi après-midi les services techniques répondent ?": a service on a day or at a time
    /// this question names, and one word more, that no entry is about, that is no other subject ("la
    /// pharmacie de garde ce soir") nor a booking ("la salle est libre samedi ?"); "en ce moment" is
    /// also "these days" ("la mairie recrute en ce moment").
    fn at_a_moment(&self, q: &Question, r: &Reading, said: Option<When>) -> bool {
        said.is_some() && r.residual <= 1 && q.faq_conf() < 0.3 && !booked_or_elsewhere(&q.w) && !self.made_up_word(&q.w)
    }

    /// "le jour de Noël, la halte-garderie elle prend les petits ?": the day this question names
    /// (`said`), on which service `i` is closed by an exception or a public holiday, which matters
    /// more than what the service does (when little else is said).
    fn closed_that_day(&self, i: usize, q: &Question, said: Option<When>) -> bool {
        q.faq_conf() < 0.6
            && !booked_or_elsewhere(&q.w)
            && said.is_some_and(|when| {
                let day = hours::day_hours(&self.town.services[i], when.date, self.town.holidays);
                day.ranges.is_empty() && day.special.is_some()
            })
    }

    /// "la mairie reste ouverte pendant le cyclone ?": the hours during an event, which an entry the
    /// words reach tells (a keyword of it is the event, its answer says that service opens or closes).
    fn event_entry(&self, q: &Question, svc: usize) -> Option<(usize, f32)> {
        let t = &q.w.t;
        let at = t.iter().position(|x| matches!(x.as_str(), "pendant" | "durant" | "lors"))?;
        let event = t[at + 1..].iter().find(|x| !matches!(x.as_str(), "le" | "la" | "les" | "l" | "un" | "une" | "du" | "des" | "d" | "de"))?;
        // Holidays and leave are the calendar's: the service's exceptions tell them.
        let season =
            matches!(event.as_str(), "vacances" | "vacance" | "conges" | "conge" | "fete" | "fetes" | "ete" | "hiver" | "printemps" | "automne" | "travaux");
        if season || is_time_word(event) || is_stopword(event) || timeexpr::holiday_name_words(q.text).contains(event) {
            return None;
        }
        let event = stem(event);
        // The service as the caller named it ("la mairie"), which the answer must say.
        let said = q.svcs.iter().find(|m| m.index == svc)?;
        let names: Vec<String> = t.iter().skip(said.first).take(said.words).filter(|n| n.len() > 3 && !is_stopword(n)).map(|n| stem(n)).collect();
        q.faq_hits.iter().take(3).filter(|h| h.confidence >= 0.15).find_map(|h| {
            let f = &self.town.faqs[h.faq];
            let keyword = f.keywords.iter().any(|k| tokens(k).iter().any(|x| stem(x) == event));
            let answer: Vec<String> = tokens(&f.answer).iter().map(|x| stem(x)).collect();
            let opens = answer.iter().any(|x| x.starts_with("ouv") || x.starts_with("ferm"));
            (keyword && opens && !names.is_empty() && names.iter().all(|n| answer.contains(n))).then_some((h.faq, h.confidence.max(0.8)))
        })
    }

    /// The services of one kind ("mairie": the town hall and its annexes) when the service named is
    /// followed by a place no one knows ("la mairie de Tritma-Kéa", "Crique-Macaya" misheard): the
    /// place said was one of them, maybe not the one whose name is the plainest.
    fn misheard_site(&self, q: &Question) -> Option<Vec<ServiceMatch>> {
        let [s] = q.svcs.as_slice() else {
            return None;
        };
        let t = &q.w.t;
        let after = t.get(s.first + s.words..).unwrap_or_default();
        let rest = match after {
            [de, rest @ ..] if matches!(de.as_str(), "de" | "du" | "d" | "des") => rest,
            _ => return None,
        };
        let place = rest.iter().find(|x| !matches!(x.as_str(), "la" | "l" | "le" | "les"))?;
        let commune = tokens(&self.town.name);
        if !self.made_up(place) || commune.contains(place) {
            return None;
        }
        let said: Vec<&String> = t[s.first..s.first + s.words].iter().filter(|x| x.len() > 2 && !is_stopword(x)).collect();
        let kin: Vec<ServiceMatch> = (0..self.town.services.len())
            .filter(|&i| i == s.index || follow::name_words(&self.town, i).iter().any(|n| said.contains(&n)))
            .map(|index| ServiceMatch { index, score: 0.5, words: s.words, first: s.first })
            .collect();
        (kin.len() > 1).then_some(kin)
    }

    /// "le portable du maire, c'est urgent", "un numéro d'urgence ?": an entry the words reach that
    /// tells a phone number holds the number for emergencies, not the office's.
    fn urgent_number(&self, q: &Question) -> bool {
        let urgent = q.w.any(&["urgent", "urgente", "urgence", "urgences", "astreinte"]);
        urgent && q.faq_hits.first().is_some_and(|h| h.confidence >= 0.3 && kinds::told(&self.town.faqs[h.faq].answer).meets(Kinds::PHONE))
    }

    /// Whether the last answer was an FAQ entry that tells days or times of its own: "et le
    /// samedi ?" after the rules on noisy work asks those rules, not the town hall's hours.
    fn last_faq_tells_when(&self, r: &Reading) -> bool {
        let last = self.last_faq().filter(|_| r.last_intent == Some(Intent::Faq));
        last.is_some_and(|f| tells_day_or_time(&tokens(&self.town.faqs[f].answer)))
    }

    /// Whether the last entry tells times of day on a weekday these words name: "et le samedi,
    /// c'est quoi les horaires ?" after the rules on noisy work asks those rules' Saturday.
    fn last_faq_tells_day_asked(&self, q: &Question) -> bool {
        let Some(f) = self.last_faq() else { return false };
        let answer = tokens(&self.town.faqs[f].answer);
        tells_clock_time(&answer) && q.w.t.iter().any(|x| weekday_from_name(x).is_some() && answer.contains(x))
    }

    /// The FAQ entry of the last answer (an index into `town.faqs`), if it gave one.
    fn last_faq(&self) -> Option<usize> {
        let id = self.last.as_ref()?.faq.as_ref()?;
        self.town.faqs.iter().position(|f| &f.id == id)
    }

    /// The place an hours question names by its street: of the services it names (or their kind),
    /// the one there ("la petite mairie avenue du Pic-Saint-Loup"); naming none, the one there, or
    /// the main office among several ("je suis devant, place des Graviers, ça rouvre quand ?").
    fn placed(&self, q: &Question, r: &Reading) -> Option<ServiceMatch> {
        if !(r.hours_q || r.when.is_some()) {
            return None;
        }
        let here = services::at_address(&q.w, &self.town);
        let kind = |i: usize| -> Vec<String> { follow::name_words(&self.town, i).into_iter().filter(|t| t.len() > 2 && !is_stopword(t)).collect() };
        let pick = if q.svcs.is_empty() {
            // Not when the street places another subject: "le bus … place Jean-Jaurès", "la poste du boulevard Carnot".
            if !lexicon::elsewhere_subjects(&q.w.t).is_empty() || street_of_a_thing(&q.w) || street_of_a_home(&q.w) {
                return None;
            }
            let operator = self.town.operator_index();
            here.contains(&operator).then_some(operator).or_else(|| (here.len() == 1).then(|| here[0]))
        } else {
            let named: Vec<String> = q.svcs.iter().flat_map(|s| kind(s.index)).collect();
            let fits: Vec<usize> = here.into_iter().filter(|&i| kind(i).iter().any(|t| named.contains(t))).collect();
            (fits.len() == 1).then(|| fits[0])
        }?;
        let first = q.svc();
        (first.map(|s| s.index) != Some(pick) || q.svcs.len() > 1).then(|| ServiceMatch {
            index: pick,
            score: 0.9,
            words: first.map_or(0, |s| s.words),
            first: first.map_or(0, |s| s.first),
        })
    }

    /// Whether the words tell a life event (a death, a birth, a sixteenth birthday) that the best
    /// FAQ entry's questions or keywords name.
    fn about_life_event(&self, q: &Question) -> bool {
        // What the words stand for ("décédée": "décès"), or the event named by its own name ("un décès").
        let said = q.w.t.iter().map(String::as_str);
        let meant: Vec<String> = senses::senses(&q.w.t).into_iter().flatten().chain(said).filter(|m| senses::is_life_event(m)).map(stem).collect();
        let best = q.faq_hits.first().filter(|h| h.confidence >= 0.2);
        !meant.is_empty() && best.is_some_and(|h| crate::answer::choose::names_any(&self.town, h.faq, &meant))
    }

    /// Where rounds that all serve the same streets are asked about without a street, when those
    /// are every street ("dans toute la commune"), every street but at most three ("dans toute la
    /// commune (sauf …)") or at most three ("rue des Vergers et route de Sarreinsming"), the shorter
    /// said: one of those streets and how to name them all.
    fn same_streets(&self, asked: &[&Collection]) -> Option<(usize, String)> {
        const FEW: usize = 3;
        let first = asked.first()?;
        let serves = |c: &Collection, st: &str| c.streets.iter().any(|x| x == st);
        let same = asked.iter().all(|c| self.town.streets.iter().all(|st| serves(c, &st.display) == serves(first, &st.display)));
        let (served, left): (Vec<usize>, Vec<usize>) = (0..self.town.streets.len()).partition(|i| serves(first, &self.town.streets[*i].display));
        let names = |ix: &[usize]| -> Vec<String> { ix.iter().map(|i| self.town.streets[*i].display.clone()).collect() };
        // The shorter list of the two is said.
        match (same, served.first()) {
            (true, Some(&one)) if left.is_empty() && served.len() > 1 => Some((one, "dans toute la commune".to_string())),
            (true, Some(&one)) if !left.is_empty() && left.len() <= FEW && left.len() < served.len() => {
                Some((one, format!("dans toute la commune (sauf {})", speak::join_et(&names(&left)))))
            }
            (true, Some(&one)) if !left.is_empty() && served.len() <= FEW => Some((one, speak::join_et(&names(&served)))),
            _ => None,
        }
    }

    /// An FAQ entry that gives the hours of a thing the service only handles: "la garderie, elle
    /// finit à quelle heure ?" names the school office by its alias "garderie", but the town's entry
    /// "Quels sont les horaires de la garderie ?" has the garderie's own hours. `going`: the caller
    /// goes there, so only an entry asking the thing's hours counts.
    fn hours_entry(&self, q: &Question, svc: usize, going: bool) -> Option<(usize, f32)> {
        let s = &self.town.services[svc];
        // The words that name the place itself: its name before any ", pour …"; of an office's name
        // ("le service des cimetières"), the office word only: "le cimetière" is the thing it handles.
        let head: Vec<String> = tokens(s.name.split(',').next().unwrap_or_default()).iter().map(|t| stem(t)).collect();
        let office: Vec<String> = OFFICE_WORDS.iter().map(|w| stem(w)).collect();
        let head: Vec<String> = if head.iter().any(|h| office.contains(h)) { office } else { head };
        let aliases: Vec<String> = s.aliases.iter().chain(std::iter::once(&s.name)).flat_map(|a| tokens(a)).map(|t| stem(&t)).collect();
        // Not the town hall's own names ("l'accueil de la mairie" for "l'hôtel de ville").
        let things: Vec<String> =
            q.w.content()
                .iter()
                .filter(|x| x.len() > 3 && !matches!(**x, "mairie" | "accueil" | "hotel" | "ville" | "annexe"))
                .map(|x| stem(x))
                .filter(|x| aliases.contains(x) && !head.contains(x))
                .collect();
        // "le bureau du périscolaire": the office itself; "ça rouvre quand ?": a closure's end,
        // which the service's calendar tells.
        if things.is_empty() || q.w.any(OFFICE_WORDS) || q.w.any(timeexpr::REOPEN_WORDS) {
            return None;
        }
        let names_thing = |text: &str| tokens(text).iter().any(|x| things.contains(&stem(x)));
        // Gone to, the place's hours: "visiter la salle samedi, à quelle heure ?" is not answered by
        // "jusqu'à quelle heure peut-on faire la fête dans la salle ?" (a rule on a deed), nor by an
        // entry about the thing.
        let asks_its_hours = |question: &str| {
            let t = tokens(question);
            let qw = Words::new(question);
            let of_hours = intent::asks_hours(&qw) || t.windows(2).any(|p| p == ["quelle", "heure"]) || t.first().is_some_and(|x| x == "quand");
            of_hours && names_thing(question) && !(going && allowed_to_do(&qw))
        };
        // "le fronton, il est éclairé jusqu'à quelle heure ?": an entry about the thing itself (a
        // keyword is its name) that tells a time of day answers it too.
        let is_thing = |k: &str| {
            let content: Vec<String> = tokens(k).into_iter().filter(|x| !is_stopword(x)).collect();
            !content.is_empty() && content.iter().all(|x| things.contains(&stem(x)))
        };
        let about_thing = |f: &crate::answer::town::Faq| !going && f.keywords.iter().any(|k| is_thing(k)) && f.questions.iter().any(|x| names_thing(x));
        q.faq_hits
            .iter()
            .take(3)
            .find(|h| {
                let f = &self.town.faqs[h.faq];
                h.confidence >= 0.3 && tells_clock_time(&tokens(&f.answer)) && (f.questions.iter().any(|x| asks_its_hours(x)) || about_thing(f))
            })
            .map(|h| (h.faq, h.confidence.max(0.7)))
    }

    /// The service of entry `faq` when the words ask whether it is open at a moment for that
    /// errand ("je peux venir le déclarer ce matin, vous fermez quand ?"), which an entry that
    /// tells no hours and no days does not answer.
    fn open_for(&self, faq: usize, q: &Question, r: &Reading) -> Option<usize> {
        let service = self.town.faq_service(faq)?;
        // "ma mère est décédée, on doit venir ce matin ?": the procedure, unless opening is asked.
        let open_then = r.hours_q && r.when.is_some();
        let visit = visiting(r.when, &q.w) && !self.about_life_event(q);
        let t = tokens(&self.town.faqs[faq].answer);
        // "le maire peut être joint le week-end": when to come or call is told.
        let weekend = t.windows(2).any(|p| p == ["week", "end"]) || t.iter().any(|x| x == "weekend");
        let tells_when = weekend || tells_day_or_time(&t);
        // "je voulais venir demain matin pour le dossier de mariage": the office's hours that day,
        // whatever days the entry tells of the errand itself.
        let i_come_then = visit && i_may_come(&q.w);
        ((open_then || visit) && (!tells_when || i_come_then) && !r.price_only).then_some(service)
    }

    /// An address or a phone number, an FAQ entry, a service's hours on a weaker sign, a
    /// confirmation question, or the honest "I don't know".
    fn the_rest(&mut self, q: &Question, r: &Reading, now: DateTime) -> Reply {
        let (w, svc, faq_conf) = (&q.w, q.svc(), q.faq_conf());
        // "les menus, on les trouve où ?": things found, not a place.
        let finds_things = w.any_phrase(&["les trouve", "les trouver"]);
        let where_words = intent::says_address(w) || (w.has("trouve") && !finds_things);
        if where_words || intent::asks_phone(w) || w.any_phrase(intent::WHERE_IS) {
            // "c'est où la maison des solidarités ?": the building named whole (no street), at one
            // address whichever of the services there gives it.
            let housed = || {
                let here = if q.street.is_none() { services::at_address(w, &self.town) } else { Vec::new() };
                let address = |i: &usize| self.town.services[*i].address.as_deref();
                here.first().copied().filter(|f| here.iter().all(|i| address(i) == address(f)))
            };
            if let Some(i) = svc.map(|s| s.index).or_else(housed).or(self.last_service) {
                if (r.residual <= 2 || svc.is_some() && faq_conf < 0.6) && !does_procedure(w, faq_conf) && !self.urgent_number(q) {
                    return self.contact(i, w);
                }
            }
        }
        // "et c'est combien ?" after an FAQ answer: the same entry, unless the words name another.
        if r.follow && r.last_intent == Some(Intent::Faq) && svc.is_none() {
            // Nothing but "how much", "which papers": the subject is the last one.
            let last_faq = self.last_faq();
            let framing = |c: &&str| retrieval::is_frame_word(c) || FOLLOW_WORDS.contains(c) || is_time_word(c) || is_number(c);
            let rest: Vec<&str> = w.content().into_iter().filter(|c| !framing(c)).collect();
            // "et pour les gamins, c'est combien ?" after the pool's prices, which tell the children's.
            let asked = kinds::asked(w);
            let told_there = last_faq
                .is_some_and(|f| !rest.is_empty() && rest.len() <= 2 && !asked.is_empty() && asked.meets(self.town.told[f]) && self.entry_names(f, &rest));
            if let (Some(f), true) = (last_faq, rest.is_empty() || told_there) {
                return self.faq_reply(f, 0.7, Some(w));
            }
            if let Some(h) = self.follow_up(w) {
                return self.faq_reply(h.faq, h.confidence, Some(w));
            }
        }
        let choice = match choose_faq(&self.town, q.text, &q.faq_hits, svc.map(|s| s.index)) {
            // "et la réparation, c'est qui qui paye ?" after the frozen meter: the two turns as one question.
            c @ FaqChoice::Answer(..) => c,
            alone if r.follow && r.last_intent == Some(Intent::Faq) && svc.is_none() => self.with_last_question(q).unwrap_or(alone),
            alone => alone,
        };
        // Made-up sounds only: proposed, never given outright.
        let choice = match choice {
            FaqChoice::Answer(f, c) if q.garbled => FaqChoice::Confirm(f, c.min(0.45)),
            c => c,
        };
        // "vous ouvrez dans combien de temps ?": the town hall's own hours, asked of it.
        let you_open = r.hours_q && svc.is_none() && w.any_phrase(YOU_OPEN);
        if let FaqChoice::Answer(f, c) = choice {
            if let Some(i) = self.open_for(f, q, r) {
                self.last_service = Some(i);
                return self.hours(i, r.when, now, c);
            }
            if !you_open || tells_clock_time(&tokens(&self.town.faqs[f].answer)) {
                return self.faq_reply(f, c, Some(w));
            }
        }
        if let Some(s) = svc {
            // No FAQ entry for it: going to a place on a day or at a time is a question of its hours.
            let going = visiting(r.when, w);
            if (r.residual == 0 || going || r.hours_q) && !r.price_only {
                self.last_service = Some(s.index);
                return self.hours(s.index, r.when, now, s.score * 0.8);
            }
        } else if you_open {
            // "vous êtes encore ouverts ?": the town hall itself.
            let op = self.town.operator_index();
            return self.hours(op, r.when, now, 0.7);
        }
        if let Some(h) = self.follow_up(w) {
            return self.faq_reply(h.faq, h.confidence, Some(w));
        }
        if let FaqChoice::Confirm(f, c) = choice {
            return self.confirm(f, c);
        }
        self.unknown(now, faq_conf)
    }
}

/// The town hall asked of its own opening ("vous ouvrez quand ?").
const YOU_OPEN: &[&str] = &[
    "vous etes",
    "etes vous",
    "vous etiez",
    "vous ouvrez",
    "vous fermez",
    "vous rouvrez",
    "vous reouvrez",
    "vous serez",
    "vous y serez",
    "vous faites le pont",
    "vous faites l accueil",
    "vous recevez",
];

/// Words that name an office rather than the thing it handles ("le bureau du cimetière").
const OFFICE_WORDS: &[&str] = &["bureau", "guichet", "service", "secretariat"];

/// "il faut l'inscrire où ?", "la demande de logement, c'est où ?": where a procedure is done, which
/// an entry that fits says better than the service's address.
fn does_procedure(w: &Words, faq_conf: f32) -> bool {
    const PROCEDURE: &[&str] = &[
        "inscrire",
        "inscription",
        "inscrit",
        "demande",
        "demander",
        "redemande",
        "redemander",
        "refaire",
        "renouveler",
        "remplacer",
        "declarer",
        "declaration",
        "reserver",
        "reservation",
        // A thing lost or stolen: "on m'a volé ma carte d'identité, il faut aller où ?"
        "perdu",
        "perdue",
        "perdus",
        "vole",
        "volee",
        "voler",
        "plainte",
        // Passports are made in some town halls only: "pour le passeport c'est où la mairie la plus proche".
        "passeport",
        "passeports",
    ];
    // "le numéro de la garderie pour réserver": a number asked is the service's.
    faq_conf >= 0.4 && w.any(PROCEDURE) && !intent::asks_phone(w)
}

/// Whether a word is a number said in digits.
fn is_number(x: &str) -> bool {
    x.chars().all(|c| c.is_ascii_digit())
}

/// Words of a booking ("la salle est libre samedi ?"), not of opening.
const BOOKED: &[&str] =
    &["libre", "libres", "disponible", "disponibles", "dispo", "reservee", "reserve", "reserver", "louee", "loue", "louer", "complet", "complete"];

/// A booking ("la salle est libre samedi ?") or a subject usually handled elsewhere ("la
/// pharmacie de garde ce soir"): no question of a service's opening.
fn booked_or_elsewhere(w: &Words) -> bool {
    w.any(BOOKED) || !lexicon::elsewhere_subjects(&w.t).is_empty()
}

/// A day or a time of day the words name ("samedi", "demain matin", "le jour de Noël"); not "now"
/// nor a span ("en ce moment", "cet été").
fn day_said(text: &str, now: DateTime) -> Option<When> {
    timeexpr::parse(text, now).filter(|x| !matches!(x.moment, Moment::Now | Moment::Period(_)))
}

/// "je peux encore appeler cet après-midi ?", "je voudrais joindre la maîtresse, c'est possible ?":
/// whether someone is there to answer then, which the opening hours tell; not the number.
fn reach_then(w: &Words, when: Option<When>) -> bool {
    let reach = w.any(&["joindre", "appeler", "contacter", "telephoner"]) && !w.any(&["numero", "telephone", "tel", "portable"]);
    reach && (when.is_some() || w.any(&["encore"]) || w.phrase("c est possible")) && !intent::asks_whom_to_call(w)
}

/// "je voulais payer la facture ce matin, c'est possible ?": an errand at the office at a moment,
/// which its hours that moment answer.
fn errand_then(when: Option<When>, w: &Words) -> bool {
    let i_want = w.t.windows(2).any(|p| p[0] == "je" && matches!(p[1].as_str(), "voulais" | "voudrais" | "peux" | "pourrais"));
    i_want && w.phrase("c est possible") && when.is_some_and(|x| !matches!(x.moment, Moment::Period(_)))
}

/// After a collection answer, "et la semaine prochaine ?", "et après jeudi ?" or "j'ai raté le
/// camion, ils repassent quand ?" without a street: the same street again.
fn asks_another_passage(w: &Words, text: &str, now: DateTime) -> bool {
    let content = w.content();
    let only_when = content.iter().all(|x| is_time_word(x) || intent::asks_waste(&Words::one(x)) || intent::asks_when(&Words::one(x)));
    let after = collection_answer::asks_after(&w.t)
        && content.iter().all(|x| {
            is_time_word(x)
                || FOLLOW_WORDS.contains(x)
                || collection_answer::is_after_word(x)
                || matches!(*x, "apres" | "fois" | "passage" | "quand" | "prochaine" | "prochain")
        });
    after || (only_when && (w.has("semaine") || timeexpr::parse(text, now).is_some()))
}

/// A street named as where a thing is ("la poste du boulevard Carnot"), not where the caller is
/// ("devant la porte, place des Graviers").
fn street_of_a_thing(w: &Words) -> bool {
    let thing = |x: &str| !is_stopword(x) && !matches!(x, "devant" | "pres" | "cote" | "face" | "porte");
    let of = |x: &str| matches!(x, "du" | "de" | "des" | "d");
    w.t.windows(3).any(|t| thing(&t[0]) && of(&t[1]) && is_common_type(&t[2]))
        || w.t.windows(4).any(|t| thing(&t[0]) && t[1] == "de" && matches!(t[2].as_str(), "la" | "l") && is_common_type(&t[3]))
}

/// Whether the words tell the caller's home is in the street they name: "on emménage rue de la
/// Filature, il faut ouvrir l'eau" asks nothing of the library at number 22.
fn street_of_a_home(w: &Words) -> bool {
    let home = |x: &str| matches!(x, "habite" | "habites" | "habitons" | "habitez" | "habitent" | "habiter" | "domicile");
    w.t.iter().any(|x| home(x) || x.starts_with("emmenag") || x.starts_with("demenag"))
}

/// Whether normalised words tell a time of day or a day of the week.
fn tells_day_or_time(t: &[String]) -> bool {
    tells_clock_time(t) || t.iter().any(|x| weekday_from_name(x.trim_end_matches('s')).is_some())
}

/// Whether the words ask until when something may or must be done, other than going somewhere:
/// "on peut faire la fête jusqu'à quelle heure", "la musique, on doit l'arrêter à quelle heure".
fn allowed_to_do(w: &Words) -> bool {
    const MAY: &[&str] = &["peut", "peuvent", "peux", "pouvons", "pouvez", "droit", "doit", "doivent", "dois", "devons", "devez", "autorise", "autorisee"];
    let deed = |x: &str| {
        x.len() >= 5
            && (x.ends_with("er") || x.ends_with("ir") || x.ends_with("re"))
            && !VISIT_WORDS.contains(&x)
            && !matches!(x, "etre" | "avoir" | "ouvrir" | "rouvrir" | "fermer")
    };
    w.t.iter().enumerate().any(|(i, x)| MAY.contains(&x.as_str()) && w.t[i + 1..].iter().take(3).any(|n| deed(n)))
}

/// The caller comes to the town hall: "je peux venir", "je voulais venir" (not "on peut aller").
fn i_come(w: &Words) -> bool {
    says_i_come(w, &["peux", "voulais", "voudrais", "pourrais", "pourrai", "dois", "vais", "viens"])
}

/// The caller asks to come, not whether they must, nor by when: "je peux venir", "je voulais
/// venir", not "jusqu'à quand je peux venir".
fn i_may_come(w: &Words) -> bool {
    let deadline = w.any_phrase(&["jusqu a quand", "combien de temps", "quel delai"]);
    !deadline && says_i_come(w, &["peux", "voulais", "voudrais", "pourrais", "pourrai"])
}

/// Whether the words say "je <one of modals> venir".
fn says_i_come(w: &Words, modals: &[&str]) -> bool {
    w.t.windows(3).any(|p| p[0] == "je" && modals.contains(&p[1].as_str()) && p[2] == "venir")
}

/// Going somewhere on a day, at a time or within a week ("je peux passer samedi ?", "je peux venir
/// cette semaine ?"); not over a longer span: "venir chez nous cet été" is no visit to an office.
fn visiting(when: Option<When>, w: &Words) -> bool {
    // "passer la tondeuse", "passer un coup de fil": a thing passed, not a place gone to; but
    // "passer le samedi" is a visit.
    let passes_a_thing = |i: usize| {
        w.t[i] == "passer"
            && matches!(w.t.get(i + 1).map(String::as_str), Some("la" | "le" | "les" | "l" | "un" | "une"))
            && w.t.get(i + 2).is_some_and(|n| !is_time_word(n))
    };
    // "la police peut passer surveiller": someone else comes to the caller.
    let comes_to_them = |i: usize| {
        const MODALS: &[&str] = &["peut", "peuvent", "pourrait", "pourraient", "doit", "doivent", "va", "vont", "viendra", "viendront"];
        const ACTORS: &[&str] =
            &["police", "gendarmerie", "gendarmes", "municipaux", "agent", "agents", "facteur", "technicien", "pompiers", "medecin", "infirmiere"];
        let subject = (0..i).rev().find(|&j| !MODALS.contains(&w.t[j].as_str()));
        subject.is_some_and(|j| ACTORS.contains(&w.t[j].as_str()))
    };
    // "voir les menus": things looked at, not someone met.
    let sees_things = |i: usize| w.t[i] == "voir" && matches!(w.t.get(i + 1).map(String::as_str), Some("les" | "des"));
    let goes = w.t.iter().enumerate().any(|(i, x)| VISIT_WORDS.contains(&x.as_str()) && !passes_a_thing(i) && !comes_to_them(i) && !sees_things(i));
    // A week is a visit's span ("je peux venir cette semaine ?"); a month or a season is not.
    let short = |x: When| match x.moment {
        Moment::Period(to) => to <= x.date + 7.days(),
        _ => true,
    };
    when.is_some_and(short) && goes
}
