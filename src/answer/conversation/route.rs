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
use crate::answer::kinds::{self, tells_clock_time, tells_span, Kinds};
use crate::answer::lexicon;
use crate::answer::normalize::{is_stopword, stem, tokens};
use crate::answer::occasions;
use crate::answer::retrieval::{self, Hit};
use crate::answer::rounds;
use crate::answer::senses;
use crate::answer::services::{self, ServiceMatch};
use crate::answer::speak;
use crate::answer::streets::{self, find_street, is_common_type, StreetMatch};
use crate::answer::synonyms;
use crate::answer::timeexpr::{self, is_time_word, Moment, When};
use crate::answer::town::{weekday_from_name, Collection};

mod collection;
mod cues;
mod opening;
use cues::*;

/// Nouns for the premises of a service, said before its name ("le poste de police").
const PLACE_OF: &[&str] = &["poste", "bureau", "bureaux", "guichet", "local", "locaux", "accueil", "agence", "siege"];

/// Words a short answer to our offer may hold beside "oui" or "non".
const YES_NO_WORDS: &[&str] =
    &["oui", "ouais", "volontiers", "ok", "daccord", "accord", "veux", "non", "merci", "ca", "ira", "plait", "plais", "svp", "bien", "sur"];

/// Words of a turn that holds no question ("allô, bonjour madame").
const NO_QUESTION_WORDS: &[&str] =
    &["oui", "allo", "bonjour", "bonsoir", "merci", "beaucoup", "madame", "monsieur", "euh", "ben", "alors", "voila", "ok", "hein", "ah", "oh"];

/// One question, read once: its words, the services, the street and the FAQ entries they name.
struct Question<'a> {
    text: &'a str,
    w: Words,
    /// The words as said, openings and thanks included ("merci, bonsoir").
    said: &'a Words,
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

    /// The words that named service match `s` ("la mairie", "sainte honorine").
    fn naming(&self, s: &ServiceMatch) -> impl Iterator<Item = &String> {
        self.named(s).iter()
    }

    /// The same words, as a slice (a match read on split or joined words may run past the end).
    fn named(&self, s: &ServiceMatch) -> &[String] {
        let end = self.w.t.len();
        &self.w.t[s.first.min(end)..(s.first + s.words).min(end)]
    }

    /// The words that named service match `s` and the word after them ("le bac jaune").
    fn naming_and_next(&self, s: &ServiceMatch) -> Vec<String> {
        self.w.t.iter().skip(s.first).take(s.words + 1).cloned().collect()
    }

    fn faq_conf(&self) -> f32 {
        self.faq_hits.first().map_or(0.0, |h| h.confidence)
    }

    /// A message to leave: asked, or something told for someone on the words as said
    /// ("prévenez monsieur Carlier que…" names its person by a civility).
    fn asks_message(&self) -> bool {
        intent::asks_message(&self.w) || intent::tells_someone(self.said)
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
    /// The entry the last turn proposed for confirmation, when this turn follows up on it instead
    /// of saying "oui".
    proposed: Option<usize>,
    /// The service keeping the occasion the words name ("la distribution des colis de Noël").
    occasion_of: Option<usize>,
}

/// The moment asked of an occasion on `date` named by `named`: its day, or the part of it said
/// ("pour la fête des gaudes, c'est ouvert le matin ?", "la distribution des colis mardi"); None
/// when another day is said beside it (a holiday in its name, "le grand marché de Noël", is none).
fn on_occasion(q: &Question, date: jiff::civil::Date, named: &[String], now: DateTime) -> Option<When> {
    let rest: Vec<&str> = q.w.t.iter().map(String::as_str).filter(|x| !named.iter().any(|n| n == x)).collect();
    let numbered = rest.iter().any(|x| x.starts_with(|c: char| c.is_ascii_digit()));
    let x = match timeexpr::parse(&rest.join(" "), now) {
        None => return Some(When { date, moment: Moment::Day }),
        Some(x) if matches!(x.moment, Moment::Now | Moment::Period(_)) => return None,
        Some(x) => x,
    };
    // Its weekday said, or a part of the day alone ("le matin", read as today's).
    let its_day = x.date == date || (x.date.weekday() == date.weekday() && !numbered);
    let part_only = x.date == now.date() && !timeexpr::says_today(&q.w.t);
    (its_day || part_only).then_some(When { date, moment: x.moment })
}

impl Conversation {
    /// The reply to one turn, in local time.
    pub(super) fn decide(&mut self, text: &str, now: DateTime) -> Reply {
        let w = Words::new(text);
        if w.t.is_empty() {
            return self.reply_of(Intent::Unknown, None, "Je ne vous ai pas entendu. Pouvez-vous répéter votre question ?".into(), 0.0);
        }
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        self.asks_shut = false;
        if let Some(r) = self.short_answer(&w, &pending, now) {
            return r;
        }
        let person_asked = intent::named_person_asked(&w);
        // The question without its openings and politeness ("bonjour madame, je voulais savoir si…").
        let stripped = lexicon::strip_openings(text);
        let garbled = self.garbled(&Words::new(&stripped));
        // Words misheard out of French respelled into the town's vocabulary ("la gardorie").
        let stripped = self.town.respell(&stripped);
        let words = Words::new(&stripped);
        self.asks_shut = intent::asks_if_shut(&words);
        let svcs = services::find_services(&words, &self.town);
        // "le jardin de la Bastide" where a street is "rue de la Bastide": the street's name said,
        // without its type, inside a service's name.
        let inside_a_service = |m: &StreetMatch| {
            let name = self.town.streets[m.index].name_words();
            let covers =
                |s: &services::ServiceMatch| s.words > name.len() && name.iter().all(|x| words.t.iter().skip(s.first).take(s.words + 2).any(|y| y == x));
            !m.typed && svcs.iter().any(covers)
        };
        let q = Question {
            text: &stripped,
            street: find_street(&stripped, &self.town.streets).filter(|m| !inside_a_service(m)),
            svcs,
            faq_hits: self.town.index.search(&stripped, self.town.faqs.len()),
            w: words,
            said: &w,
            garbled,
        };
        if person_asked && !q.asks_message() {
            return self.operator(q.svc().map(|s| s.index), now);
        }
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
        if q.asks_message() {
            return Some(self.take_message());
        }
        if intent::asks_operator(&q.w) {
            return Some(self.operator(q.svc().map(|s| s.index), now));
        }
        // Besides the closing words, at most one word the town does not know ("ok, camarche, merci
        // beaucoup, bonne soirée": "ça marche" glued by the recogniser).
        // A wish's own word is no question ("merci, au revoir, bonne fête", "bon courage").
        let closing = |w: &Words| {
            let wished: Vec<&str> = w.t.windows(2).filter(|p| matches!(p[0].as_str(), "bon" | "bonne" | "bonnes")).map(|p| p[1].as_str()).collect();
            // "merci de votre aide", "merci pour votre patience": what the thanks are for.
            let thanked = w.any(&["merci", "remercie"]);
            let thanked_for: Vec<&str> = w.t.windows(2).filter(|p| thanked && matches!(p[0].as_str(), "votre" | "vos")).map(|p| p[1].as_str()).collect();
            let stray: Vec<&str> = w.content().into_iter().filter(|x| !intent::is_closing_word(x) && !wished.contains(x) && !thanked_for.contains(x)).collect();
            match stray[..] {
                [] => true,
                [x] => q.svcs.is_empty() && q.street.is_none() && !self.town.index.knows(x),
                _ => false,
            }
        };
        // The words as said too: a farewell in another language is no word to respell ("mèsi anpil").
        if (intent::asks_goodbye(&q.w) || intent::asks_goodbye(q.said)) && (closing(&q.w) || closing(q.said)) {
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
        // "pour la fête des gaudes": a special day of the town's, by the words of its reason.
        // Its words say no more than the service's name when a service keeps it or is named.
        let occasion = occasions::named(&self.town.occasions, &q.w, now.date()).filter(|o| o.service.is_some() || q.svc().is_some());
        let of_occasion = |x: &str| occasion.is_some_and(|o| o.words.iter().any(|n| n == x));
        // "je pourrai y aller ?": a visit, which asks no more than the day does.
        let visit = intent::visit_there(&q.w);
        let of_visit = |x: &str| visit && intent::is_visit_word(x);
        let residual =
            q.w.content()
                .iter()
                .filter(|x| {
                    !is_time_word(x)
                    && !is_hours_word(x)
                    // "j'ai raté le marché ce matin": when it is on next.
                    && !timeexpr::is_missed_word(x)
                    && !same(x)
                    && !of_visit(x)
                    && !commune.iter().any(|c| c == *x)
                    && !holiday.iter().any(|h| h == *x)
                    && !of_occasion(x)
                    // "le poste de police", "le bureau du CCAS": the place of the service named.
                    && (q.svc().is_none() || !PLACE_OF.contains(x))
                    && !svc_words.iter().any(|s| word_sim(x, s) > 0.0)
                })
                .count();
        let asked = kinds::asked(&q.w);
        let price_only = asked.meets(Kinds::PRICE) && !asked.meets(Kinds::WHEN) && !asked.meets(Kinds::CLOCK);
        // "et le mardi ?" after "le château est ouvert le mercredi en hiver ?": a Tuesday in winter.
        let earlier_span =
            |x: When| match (&self.last_question, follow && last_intent == Some(Intent::Hours) && q.w.t.iter().any(|t| weekday_from_name(t).is_some())) {
                (Some(super::Private(before)), true) => timeexpr::within_earlier_span(x, before, now),
                _ => x,
            };
        let said = self.day_asked(q, now).map(earlier_span);
        let when = occasion.and_then(|o| on_occasion(q, o.date, o.words, now)).or(said).or(earlier);
        let hours_q = intent::asks_hours(&q.w) || reach_then(&q.w, when) || next_one_asked(q) || until_when_there(q);
        let proposed = match pending {
            Pending::Confirm(f) if follow => Some(*f),
            _ => None,
        };
        let occasion_of = occasion.and_then(|o| o.service);
        Reading { when, hours_q, follow, last_intent, residual, price_only, proposed, occasion_of }
    }

    /// The moment the words say, a holiday of the service's own name said with it left out: "la
    /// patinoire de Noël, elle revient quand ?" asks no day ("le marché du jeudi, ce jeudi" does).
    fn day_asked(&self, q: &Question, now: DateTime) -> Option<When> {
        const HOLIDAYS: &[&str] = &["noel", "paques", "toussaint", "pentecote", "ascension", "assomption", "sylvestre"];
        let of_name: Vec<usize> = q
            .svc()
            .map(|s| {
                let near: Vec<usize> = (s.first..(s.first + s.words + 2).min(q.w.t.len())).filter(|&i| HOLIDAYS.contains(&q.w.t[i].as_str())).collect();
                if near.is_empty() {
                    return near;
                }
                // Only then the service's names, tokenized.
                let svc = &self.town.services[s.index];
                let name: Vec<String> = std::iter::once(&svc.name).chain(&svc.aliases).flat_map(|n| tokens(n)).collect();
                near.into_iter().filter(|&i| name.contains(&q.w.t[i])).collect()
            })
            .unwrap_or_default();
        if of_name.is_empty() {
            return timeexpr::parse(q.text, now);
        }
        let rest: Vec<&str> = (0..q.w.t.len()).filter(|i| !of_name.contains(i)).map(|i| q.w.t[i].as_str()).collect();
        timeexpr::parse(&rest.join(" "), now)
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

    /// The FAQ entry of the last answer (an index into `town.faqs`), if it gave one.
    fn last_faq(&self) -> Option<usize> {
        let id = self.last.as_ref()?.faq.as_ref()?;
        self.town.faqs.iter().position(|f| &f.id == id)
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

    /// Whether the words ask whether something runs now or today, and no other fact ("on peut
    /// prendre le bac maintenant ?", "le petit train fait des départs aujourd'hui ?"; not "c'est
    /// long en ce moment ?", "quels papiers pour la cantine aujourd'hui ?", a life event, nor
    /// "depuis ce matin").
    fn now_or_today(&self, q: &Question, r: &Reading) -> bool {
        // Besides the words saying it is open (`intent::OPEN`).
        const RUNS: &[&str] = &[
            "possible",
            "ouvre",
            "ouvrent",
            "fait",
            "font",
            "marche",
            "marchent",
            "fonctionne",
            "fonctionnent",
            "part",
            "partent",
            "demarre",
            "roule",
            "circule",
            "traverse",
            "prendre",
            "entrer",
            "visiter",
            "voir",
            "installe",
            "installes",
            "dure",
            "accueille",
            "encore",
        ];
        let asked = kinds::asked(&q.w);
        let other_fact = [Kinds::PRICE, Kinds::PHONE, Kinds::MEASURE, Kinds::AGE, Kinds::WHEN].iter().any(|k| asked.meets(*k));
        let today = r.when.is_some_and(|x| x.moment == Moment::Now || !matches!(x.moment, Moment::Period(_)) && timeexpr::says_today(&q.w.t));
        today && (q.w.any(RUNS) || q.w.any(intent::OPEN)) && !q.w.has("depuis") && !other_fact && !self.about_life_event(q)
    }

    /// The service of entry `faq` when the words ask whether it is open at a moment for that
    /// errand ("je peux venir le déclarer ce matin, vous fermez quand ?"), which an entry that
    /// tells no hours and no days does not answer.
    fn open_for(&self, faq: usize, q: &Question, r: &Reading) -> Option<usize> {
        // "légaliser une signature à l'annexe des Coudrais, c'est ouvert ?": the place named by its
        // own name, not the entry's office.
        let named = q.svc().filter(|s| s.words >= 2 && s.score >= 0.9 && s.index != self.town.operator_index()).map(|s| s.index);
        let service = named.or_else(|| self.town.faq_service(faq))?;
        // "ma mère est décédée, on doit venir ce matin ?": the procedure, unless opening is asked;
        // "alerte au vent, les plages vont être fermées ce soir ?": not of the entry's office.
        let open_then = r.hours_q && r.when.is_some() && !services::other_thing_opens(&q.w, &self.town, service);
        let visit = visiting(r.when, &q.w) && !self.about_life_event(q);
        let t = tokens(&self.town.faqs[faq].answer);
        // "le maire peut être joint le week-end": when to come or call is told.
        let weekend = t.windows(2).any(|p| p == ["week", "end"]) || t.iter().any(|x| x == "weekend");
        let tells_when = weekend || tells_day_or_time(&t);
        // "je voulais venir demain matin pour le dossier de mariage": the office's hours that day,
        // whatever days the entry tells of the errand itself.
        let i_come_then = visit && i_may_come(&q.w);
        // "pour la CAF, je peux venir quand ?": when to come for the errand, which the entry does not tell.
        let come = come_when(&q.w);
        // "on voudrait voir les souffleurs en ce moment, c'est possible ?", "le petit train fait des
        // départs aujourd'hui ?": today or now, which the service's hours tell better than the
        // days an entry gives.
        // Only of the service named ("la carte grise, c'est ouvert ce matin ?" names none).
        let today = q.svc().is_some_and(|s| s.index == service) && self.now_or_today(q, r);
        ((open_then || visit || come || today) && (!tells_when || i_come_then || today) && !r.price_only).then_some(service)
    }

    /// An address or a phone number, an FAQ entry, a service's hours on a weaker sign, a
    /// confirmation question, or the honest "I don't know".
    fn the_rest(&mut self, q: &Question, r: &Reading, now: DateTime) -> Reply {
        let (w, svc, faq_conf) = (&q.w, q.svc(), q.faq_conf());
        // "les menus, on les trouve où ?": things found, not a place.
        let finds_things = w.any_phrase(&["les trouve", "les trouver"]);
        let where_words = intent::says_address(w) || intent::asks_way(w) || (w.has("trouve") && !finds_things);
        if where_words || intent::asks_phone(w) || w.any_phrase(intent::WHERE_IS) {
            // "c'est où la maison des solidarités ?": the building named whole (no street), at one
            // address whichever of the services there gives it.
            let housed = || {
                let here = if q.street.is_none() { services::at_address(w, &self.town) } else { Vec::new() };
                let address = |i: &usize| self.town.services[*i].address.as_deref();
                here.first().copied().filter(|f| here.iter().all(|i| address(i) == address(f)))
            };
            if let Some(i) = svc.map(|s| s.index).or_else(housed).or(self.last_service) {
                let few_words = r.residual <= 2 || svc.is_some() && faq_conf < 0.6;
                if (few_words || self.number_of_named(q) || reach_named(w, svc))
                    && !does_procedure(w, faq_conf)
                    && !self.urgent_number(q)
                    && !self.number_in_entry(q, i)
                {
                    return self.contact(i, w);
                }
            }
        }
        let framing = |c: &&str| retrieval::is_frame_word(c) || FOLLOW_WORDS.contains(c) || is_time_word(c) || is_number(c);
        let rest: Vec<&str> = w.content().into_iter().filter(|c| !framing(c)).collect();
        // "et ça coûte combien, le chalet ?" after "Votre question est-elle : comment avoir un
        // chalet au marché de Noël ?": a follow-up on the topic proposed, in its words, is its yes.
        // ("et c'est quel prix ?" alone confirms nothing: the topic proposed may be the wrong one.)
        if let (Some(f), None) = (r.proposed, svc) {
            if rest.iter().any(|x| self.entry_names(f, &[x])) {
                return self.faq_reply(f, 0.7, Some(w));
            }
        }
        // "et c'est combien ?" after an FAQ answer: the same entry, unless the words name another.
        if r.follow && r.last_intent == Some(Intent::Faq) && svc.is_none() {
            // Nothing but "how much", "which papers": the subject is the last one.
            let last_faq = self.last_faq();
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
            if (r.residual == 0 || going || r.hours_q || self.now_or_today(q, r)) && !r.price_only {
                self.last_service = Some(s.index);
                return self.hours(s.index, r.when, now, s.score * 0.8);
            }
        } else if you_open {
            // "vous êtes encore ouverts ?": the town hall itself, or the service whose hours were
            // just told ("le centre de santé …", then "et demain vous fermez à quelle heure ?").
            let op = self.you(r, w);
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
