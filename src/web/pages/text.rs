//! The text mode `/ecrire`: type a question, read the answer. The same conversation core and
//! context rules as a call, one [`Conversation`] per visitor held server-side behind a random
//! cookie. Works without JavaScript (form POST, redirect to the answer, which takes the focus);
//! `/static/ecrire.js` only keeps the page in place and announces the answer in a live region.
//!
//! Like calls: questions without an answer go to the store for the clerks, a message left here
//! reaches their inbox, and each conversation is recorded with its outcome when it ends. The
//! visitor's words are never logged at info level.

use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use jiff::Timestamp;
use serde::Deserialize;

use super::layout::{esc, render, Nav, Page};
use crate::answer::{Action, Conversation, Intent, Reply};
use crate::speech::tts::SpeakOptions;
use crate::store::{CallRecord, Channel, NewMessage, Outcome, Speaker, TranscriptLine};
use crate::web::site::{cookie_value, lock, Site};

/// The cookie that names a visitor's conversation.
pub const COOKIE: &str = "ecrire";
/// The longest question or message taken, in characters.
pub const MAX_TEXT: usize = 1000;
/// Exchanges shown (the conversation keeps its context regardless).
const SHOWN: usize = 30;

/// One question and its answer, as shown.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// Its number in the conversation (for "Écouter la réponse").
    pub n: u32,
    /// What the visitor wrote.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// A remark for the written channel (no transfer here, message left…).
    pub note: Option<String>,
}

/// One visitor's conversation.
#[derive(Debug)]
pub struct Visit {
    id: String,
    conv: Conversation,
    started: Timestamp,
    last: Timestamp,
    exchanges: Vec<Exchange>,
    turns: u32,
    intents: Vec<String>,
    outcome: Outcome,
    service: Option<String>,
    wants_message: bool,
}

/// A visit as the session table holds it (locked on its own while the core answers).
pub type SharedVisit = Arc<Mutex<Visit>>;

impl Visit {
    fn new(site: &Site, now: Timestamp) -> Visit {
        let token = crate::web::session::random_token();
        Visit {
            id: format!("web-{}", &token[..16]),
            conv: Conversation::new(site.town.current()),
            started: now,
            last: now,
            exchanges: Vec::new(),
            turns: 0,
            intents: Vec::new(),
            outcome: Outcome::Abandoned,
            service: None,
            wants_message: false,
        }
    }

    /// Answers one question and keeps the exchange.
    fn ask(&mut self, question: &str, now: Timestamp) -> Reply {
        let reply = self.conv.reply(question, now);
        self.last = now;
        self.turns += 1;
        self.intents.push(reply.intent.as_str().to_string());
        if !matches!(reply.intent, Intent::Unknown | Intent::Smalltalk | Intent::Repeat | Intent::Slower) && self.outcome == Outcome::Abandoned {
            self.outcome = Outcome::Answered;
        }
        if reply.service.is_some() {
            self.service = reply.service.clone();
        }
        self.wants_message = matches!(reply.action, Some(Action::TakeMessage));
        let note = match &reply.action {
            Some(Action::Transfer { .. }) => {
                Some("Par écrit, nous ne pouvons pas vous passer un agent : appelez la mairie, ou laissez-lui un message ci-dessous.".to_string())
            }
            Some(Action::TakeMessage) => Some("Vous pouvez laisser votre message aux agents avec le formulaire « Laisser un message » ci-dessous.".to_string()),
            Some(Action::HangUp) => Some("Merci de votre visite. Vous pouvez poser une autre question à tout moment.".to_string()),
            _ => None,
        };
        self.push(Exchange { n: self.turns, question: question.to_string(), answer: reply.answer.clone(), note });
        reply
    }

    fn push(&mut self, e: Exchange) {
        self.exchanges.push(e);
        if self.exchanges.len() > SHOWN {
            self.exchanges.remove(0);
        }
    }

    /// The call record of this conversation (nothing when nothing was asked).
    fn record(&self) -> Option<CallRecord> {
        (self.turns > 0 || self.outcome == Outcome::Message).then(|| CallRecord {
            id: self.id.clone(),
            started_at: self.started,
            ended_at: self.last,
            channel: Channel::Web,
            // The site serves the first town (a town per site comes with the desk's per-clerk towns).
            town: None,
            caller_hash: None,
            outcome: self.outcome,
            turns: self.turns,
            intents: self.intents.clone(),
            latencies: Vec::new(),
            // Kept only when the town keeps transcripts (the store drops it otherwise).
            transcript: Some(
                self.exchanges
                    .iter()
                    .flat_map(|e| {
                        [TranscriptLine { who: Speaker::Caller, text: e.question.clone() }, TranscriptLine { who: Speaker::Bot, text: e.answer.clone() }]
                    })
                    .collect(),
            ),
        })
    }
}

/// Records ended conversations in the store.
pub async fn record_ended(site: &Arc<Site>, ended: Vec<SharedVisit>) {
    let records: Vec<CallRecord> = ended.iter().filter_map(|v| lock(v).record()).collect();
    if records.is_empty() {
        return;
    }
    let store = site.store.clone();
    let r = tokio::task::spawn_blocking(move || records.iter().try_for_each(|r| store.record_call(r))).await;
    match r {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "cannot store a text conversation"),
        Err(e) => tracing::warn!(error = %e, "the store task for a text conversation failed"),
    }
}

/// The visitor's conversation, or a new one (with the cookie to set); ended ones are returned
/// to be recorded.
fn visit_for(site: &Site, headers: &HeaderMap, create: bool) -> (Option<SharedVisit>, Option<String>, Vec<SharedVisit>) {
    let now = Instant::now();
    let mut visits = lock(&site.visits);
    let mut ended = visits.expire(now);
    if let Some(v) = cookie_value(headers, COOKIE).and_then(|id| visits.get_mut(id, now)) {
        return (Some(v.clone()), None, ended);
    }
    if !create {
        return (None, None, ended);
    }
    let visit = Arc::new(Mutex::new(Visit::new(site, Timestamp::now())));
    let (id, evicted) = visits.insert(visit.clone(), now);
    ended.extend(evicted);
    (Some(visit), Some(id), ended)
}

/// The question form's fields.
#[derive(Debug, Deserialize)]
pub struct AskForm {
    /// The question.
    #[serde(default)]
    pub question: String,
}

/// What the script receives instead of a redirect.
#[derive(Debug, serde::Serialize)]
struct Answered {
    question: String,
    answer: String,
    note: Option<String>,
    take_message: bool,
    listen: Option<String>,
}

fn clip(text: &str) -> String {
    text.trim().chars().take(MAX_TEXT).collect()
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

fn with_cookie(site: &Site, headers: &HeaderMap, mut res: Response, id: Option<String>) -> Response {
    if let Some(id) = id {
        if let Ok(v) = site.cookie(headers, COOKIE, &id, "/ecrire").parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// `POST /ecrire`: answers a question, then back to the page at the answer (or JSON for the script).
pub async fn ask(State(site): State<Arc<Site>>, headers: HeaderMap, Form(form): Form<AskForm>) -> Response {
    let question = clip(&form.question);
    if question.is_empty() {
        return if wants_json(&headers) { StatusCode::UNPROCESSABLE_ENTITY.into_response() } else { Redirect::to("/ecrire#question").into_response() };
    }
    let (visit, new_id, ended) = visit_for(&site, &headers, true);
    record_ended(&site, ended).await;
    let Some(visit) = visit else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    let q = question.clone();
    let answered = tokio::task::spawn_blocking(move || {
        let mut v = lock(&visit);
        let reply = v.ask(&q, Timestamp::now());
        let note = v.exchanges.last().and_then(|e| e.note.clone());
        (reply, note, v.wants_message, v.turns)
    })
    .await;
    let Ok((reply, note, take_message, n)) = answered else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    tracing::info!(channel = "web", intent = reply.intent.as_str(), "text question answered");
    if reply.intent == Intent::Unknown {
        site.metrics.unanswered_question();
        let (store, town) = (site.store.clone(), site.town_name());
        let q = question.clone();
        match tokio::task::spawn_blocking(move || store.add_unanswered(Timestamp::now(), &town, &q)).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "cannot store the question left unanswered"),
            Err(e) => tracing::warn!(error = %e, "the store task failed"),
        }
    }
    let res = if wants_json(&headers) {
        let listen = site.speaker.is_some().then(|| format!("/ecrire/ecouter?n={n}"));
        Json(Answered { question, answer: reply.answer, note, take_message, listen }).into_response()
    } else {
        Redirect::to("/ecrire#reponse").into_response()
    };
    with_cookie(&site, &headers, res, new_id)
}

/// `POST /ecrire/nouvelle`: ends the conversation (recorded) and starts afresh.
pub async fn restart(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    let ended = cookie_value(&headers, COOKIE).and_then(|id| lock(&site.visits).remove(id));
    record_ended(&site, ended.into_iter().collect()).await;
    let mut res = Redirect::to("/ecrire").into_response();
    if let Ok(v) = site.cookie_gone(&headers, COOKIE, "/ecrire").parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The message form's fields.
#[derive(Debug, Deserialize)]
pub struct MessageForm {
    /// The visitor's name.
    #[serde(default)]
    pub nom: String,
    /// A phone number or e-mail address to answer to.
    #[serde(default)]
    pub rappel: String,
    /// The message.
    #[serde(default)]
    pub message: String,
}

/// `POST /ecrire/message`: a message for the clerks, into the store like one left by phone.
pub async fn leave_message(State(site): State<Arc<Site>>, headers: HeaderMap, Form(form): Form<MessageForm>) -> Response {
    let (message, name, callback) = (clip(&form.message), clip(&form.nom), clip(&form.rappel));
    if message.is_empty() || callback.is_empty() {
        return Redirect::to("/ecrire?message=incomplet#titre-message").into_response();
    }
    let (visit, new_id, ended) = visit_for(&site, &headers, true);
    record_ended(&site, ended).await;
    let Some(visit) = visit else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    let (call_id, service) = {
        let v = lock(&visit);
        (v.id.clone(), v.service.clone())
    };
    let store = site.store.clone();
    let saved = tokio::task::spawn_blocking(move || -> Result<_, String> {
        let mut m = NewMessage::new(call_id, Timestamp::now(), message).map_err(|e| e.to_string())?;
        m.caller_name = (!name.is_empty()).then_some(name);
        m.callback_number = Some(callback);
        m.service = service;
        store.save_message(&m).map_err(|e| e.to_string())
    })
    .await;
    let ok = matches!(saved, Ok(Ok(_)));
    if ok {
        site.metrics.messages_stored();
        tracing::info!(channel = "web", "message stored");
        let mut v = lock(&visit);
        v.outcome = Outcome::Message;
        v.wants_message = false;
        v.last = Timestamp::now();
        let n = v.exchanges.last().map_or(0, |e| e.n) + 1000;
        v.push(Exchange {
            n,
            question: "(message aux agents)".into(),
            answer: "Votre message a bien été transmis aux agents de la mairie. Ils vous répondront dès que possible.".into(),
            note: None,
        });
    } else {
        tracing::error!(channel = "web", "a message could not be kept");
    }
    let res = Redirect::to(if ok { "/ecrire#reponse" } else { "/ecrire?message=erreur#titre-message" }).into_response();
    with_cookie(&site, &headers, res, new_id)
}

/// Which answer to read aloud.
#[derive(Debug, Deserialize)]
pub struct ListenQuery {
    /// The exchange's number.
    pub n: u32,
}

/// `GET /ecrire/ecouter?n=N`: the visitor's answer number N spoken by the service's voice (WAV).
pub async fn listen(State(site): State<Arc<Site>>, headers: HeaderMap, axum::extract::Query(q): axum::extract::Query<ListenQuery>) -> Response {
    let Some(speaker) = site.speaker.clone() else { return StatusCode::NOT_FOUND.into_response() };
    let (visit, _, _) = visit_for(&site, &headers, false);
    let Some(text) = visit.and_then(|v| lock(&v).exchanges.iter().find(|e| e.n == q.n).map(|e| e.answer.clone())) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let wav = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, String> {
        let audio = speaker.speak(&text, &SpeakOptions::default()).map_err(|e| e.to_string())?;
        wav_bytes(&audio.samples, audio.rate).map_err(|e| e.to_string())
    })
    .await;
    match wav {
        Ok(Ok(bytes)) => ([(header::CONTENT_TYPE, "audio/wav"), (header::CACHE_CONTROL, "private, max-age=600")], bytes).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "cannot speak a text-mode answer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Mono 16-bit PCM WAV bytes.
fn wav_bytes(samples: &[f32], rate: u32) -> Result<Vec<u8>, hound::Error> {
    let spec = hound::WavSpec { channels: 1, sample_rate: rate, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut cursor = std::io::Cursor::new(Vec::new());
    let mut w = hound::WavWriter::new(&mut cursor, spec)?;
    for s in samples {
        w.write_sample((s.clamp(-1.0, 1.0) * 32767.0) as i16)?;
    }
    w.finalize()?;
    Ok(cursor.into_inner())
}

/// `GET /ecrire`: the conversation so far, the question form and the message form.
pub async fn page(State(site): State<Arc<Site>>, headers: HeaderMap, query: axum::extract::RawQuery) -> Response {
    let (visit, _, ended) = visit_for(&site, &headers, false);
    record_ended(&site, ended).await;
    let (exchanges, wants_message) = match &visit {
        Some(v) => {
            let v = lock(v);
            (v.exchanges.clone(), v.wants_message)
        }
        None => (Vec::new(), false),
    };
    let town = site.town.current();
    let greeting = Conversation::new(town.clone()).greeting(Timestamp::now()).answer;
    let problem = match query.0.as_deref() {
        Some("message=incomplet") => Some("Écrivez votre message et un numéro de téléphone ou une adresse électronique pour vous répondre."),
        Some("message=erreur") => Some("Votre message n'a pas pu être enregistré. Réessayez, ou appelez la mairie."),
        _ => None,
    };
    let main = body(&town.name, &greeting, &exchanges, wants_message || problem.is_some(), problem, site.speaker.is_some());
    let page = Page { town: &town.name, title: "Écrire une question", path: "/ecrire", nav: Nav::Public, csrf: None, scripts: &["/static/ecrire.js"] };
    Html(render(&page, &main)).into_response()
}

fn body(town: &str, greeting: &str, exchanges: &[Exchange], message_open: bool, problem: Option<&str>, audio: bool) -> String {
    let mut m = String::new();
    let _ = write!(
        m,
        "<h1>Écrire une question</h1>\n<p>Posez votre question à l'assistant de la mairie de {}, comme au téléphone : horaires, démarches, \
         ramassage des déchets… Il répond avec les informations de la mairie. Vous pouvez aussi laisser un message aux agents.</p>\n",
        esc(town)
    );
    m.push_str("<h2 id=\"titre-fil\">Votre conversation</h2>\n<ol class=\"fil\" id=\"fil\" aria-labelledby=\"titre-fil\">\n");
    let _ = writeln!(m, "<li class=\"mairie\"><span class=\"qui\">La mairie :</span> {}</li>", esc(greeting));
    for (i, e) in exchanges.iter().enumerate() {
        let _ = writeln!(m, "<li class=\"vous\"><span class=\"qui\">Vous :</span> {}</li>", esc(&e.question));
        let last = i + 1 == exchanges.len();
        let id = if last { " id=\"reponse\" tabindex=\"-1\"" } else { "" };
        let _ = write!(m, "<li class=\"mairie\"{id}><span class=\"qui\">La mairie :</span> {}", esc(&e.answer));
        if let Some(n) = &e.note {
            let _ = write!(m, "<span class=\"note bloc\">{}</span>", esc(n));
        }
        if last && audio {
            let _ = write!(m, "<audio class=\"bloc\" controls preload=\"none\" src=\"/ecrire/ecouter?n={}\" aria-label=\"Écouter la réponse\"></audio>", e.n);
        }
        m.push_str("</li>\n");
    }
    m.push_str("</ol>\n<div id=\"annonce\" class=\"annonce\" role=\"status\" aria-live=\"polite\"></div>\n");
    let _ = write!(
        m,
        "<form method=\"post\" action=\"/ecrire\" id=\"formulaire\">\n<label for=\"question\">Votre question</label>\n\
         <p class=\"aide\" id=\"aide-question\">Par exemple : la mairie est-elle ouverte samedi ?</p>\n\
         <textarea id=\"question\" name=\"question\" required maxlength=\"{MAX_TEXT}\" rows=\"3\" aria-describedby=\"aide-question\"></textarea>\n\
         <button type=\"submit\">Envoyer la question</button>\n</form>\n\
         <form method=\"post\" action=\"/ecrire/nouvelle\"><button type=\"submit\" class=\"second\">Nouvelle conversation</button></form>\n"
    );
    let open = if message_open { " open" } else { "" };
    let _ =
        writeln!(m, "<details id=\"laisser-message\"{open}><summary><h2 id=\"titre-message\" class=\"en-ligne\">Laisser un message aux agents</h2></summary>");
    if let Some(p) = problem {
        let _ = writeln!(m, "<p class=\"erreur\" role=\"alert\">{}</p>", esc(p));
    }
    let _ = write!(
        m,
        "<p>Les agents de la mairie liront votre message et vous répondront. Les champs marqués d'un astérisque (*) sont obligatoires.</p>\n\
         <form method=\"post\" action=\"/ecrire/message\">\n\
         <label for=\"nom\">Votre nom</label>\n<input type=\"text\" id=\"nom\" name=\"nom\" autocomplete=\"name\" maxlength=\"200\">\n\
         <label for=\"rappel\">Téléphone ou adresse électronique pour vous répondre *</label>\n\
         <input type=\"text\" id=\"rappel\" name=\"rappel\" autocomplete=\"email\" required maxlength=\"200\">\n\
         <label for=\"message\">Votre message *</label>\n<textarea id=\"message\" name=\"message\" required maxlength=\"{MAX_TEXT}\" rows=\"4\"></textarea>\n\
         <button type=\"submit\">Envoyer le message</button>\n</form>\n</details>\n"
    );
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_the_conversation_and_marks_the_last_answer() {
        let ex = vec![
            Exchange { n: 1, question: "<b>horaires</b> ?".into(), answer: "De 9 h à 12 h.".into(), note: None },
            Exchange { n: 2, question: "et samedi".into(), answer: "Fermé & <i>clos</i>".into(), note: Some("n".into()) },
        ];
        let html = body("Exemple", "Bonjour", &ex, false, None, true);
        assert!(html.contains("&lt;b&gt;horaires&lt;/b&gt;"));
        assert!(html.contains("Fermé &amp; &lt;i&gt;clos&lt;/i&gt;"));
        assert_eq!(html.matches("id=\"reponse\"").count(), 1);
        let last = html.find("id=\"reponse\"").unwrap();
        assert!(last > html.find("De 9 h").unwrap());
        assert!(html.contains("role=\"status\" aria-live=\"polite\""));
        assert!(!html.contains("<details id=\"laisser-message\" open"));
        assert!(html.contains("src=\"/ecrire/ecouter?n=2\""));
        assert!(body("Exemple", "Bonjour", &[], true, None, false).contains("<details id=\"laisser-message\" open"));
    }

    #[test]
    fn a_visit_is_recorded_with_its_outcome() {
        let town = std::sync::Arc::new(crate::answer::TownHandle::fixed(crate::answer::Town::sample()));
        let conv = Conversation::new(town.current());
        let now = Timestamp::now();
        let mut v = Visit {
            id: "web-1".into(),
            conv,
            started: now,
            last: now,
            exchanges: vec![],
            turns: 0,
            intents: vec![],
            outcome: Outcome::Abandoned,
            service: None,
            wants_message: false,
        };
        assert!(v.record().is_none(), "nothing asked, nothing recorded");
        let r = v.ask("quels sont les horaires de la mairie le samedi ?", now);
        assert_eq!(r.intent, Intent::Hours, "{r:?}");
        let rec = v.record().unwrap();
        assert_eq!((rec.channel, rec.outcome, rec.turns), (Channel::Web, Outcome::Answered, 1));
        assert!(rec.caller_hash.is_none());
    }
}
