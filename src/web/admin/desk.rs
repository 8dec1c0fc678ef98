//! The desk's pages read from the store: messages to call back, calls by outcome, questions left
//! unanswered. No caller's number appears anywhere but a message's callback number.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::Deserialize;

use super::scope::DeskTowns;
use super::{desk_page, signed_in, signed_in_post};
use crate::store::{Message, Outcome, OutcomeCounts, StoreError};
use crate::web::pages::layout::esc;
use crate::web::site::Site;

/// A moment in the town's time zone, as clerks read it.
pub fn local(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%d/%m/%Y à %H h %M").to_string()
}

/// An outcome in the clerks' words.
pub fn outcome_fr(o: Outcome) -> &'static str {
    match o {
        Outcome::Answered => "Réponse donnée",
        Outcome::Transferred => "Passé à un agent",
        Outcome::Message => "Message laissé",
        Outcome::Abandoned => "Sans suite",
        Outcome::Refused => "Refusé (occupé)",
        Outcome::Error => "Erreur",
    }
}

async fn from_store<T: Send + 'static>(site: &Site, f: impl FnOnce(&crate::store::Store) -> Result<T, StoreError> + Send + 'static) -> Result<T, Response> {
    let store = site.store.clone();
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the desk cannot read the database");
            Err((StatusCode::INTERNAL_SERVER_ERROR, "La base de données ne répond pas ; voir le journal du service.").into_response())
        }
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// `?tous=1` lists the messages already dealt with too; `?traite=N` confirms one.
#[derive(Debug, Deserialize)]
pub struct MessagesQuery {
    /// Show done messages too.
    pub tous: Option<u8>,
    /// The message just marked done.
    pub traite: Option<i64>,
}

/// One message; `commune` names its town when the clerk sees several.
fn message_html(m: &Message, tz: &TimeZone, csrf: &str, commune: Option<&str>, service_name: impl Fn(&str) -> String) -> String {
    let mut h = String::new();
    let who = m.message.caller_name.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("Nom non donné");
    let _ = write!(h, "<article class=\"message\" aria-labelledby=\"m{id}\"><h2 id=\"m{id}\">Message n° {id} : {}</h2><dl>", esc(who), id = m.id);
    if let Some(c) = commune {
        let _ = write!(h, "<dt>Commune</dt><dd>{}</dd>", esc(c));
    }
    let _ = write!(h, "<dt>Laissé le</dt><dd>{}</dd>", esc(&local(m.message.created_at, tz)));
    let number = m.message.callback_number.as_deref().filter(|s| !s.trim().is_empty());
    let _ = write!(h, "<dt>À rappeler au</dt><dd>{}</dd>", number.map(esc).unwrap_or_else(|| "aucun numéro laissé".into()));
    if let Some(s) = &m.message.service {
        let _ = write!(h, "<dt>Service</dt><dd>{}</dd>", esc(&service_name(s)));
    }
    let _ = write!(h, "<dt>Message</dt><dd>« {} »</dd>", esc(m.message.transcript.trim()));
    match m.done_at {
        Some(t) => {
            let _ = write!(h, "<dt>État</dt><dd>Traité le {}</dd></dl>", esc(&local(t, tz)));
        }
        None => {
            let _ = write!(
                h,
                "<dt>État</dt><dd>À traiter</dd></dl><form method=\"post\" action=\"/admin/messages/traiter\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{id}\">\
                 <button type=\"submit\" aria-describedby=\"m{id}\">Marquer comme traité</button></form>",
                esc(csrf),
                id = m.id
            );
        }
    }
    h.push_str("</article>\n");
    h
}

/// `GET /admin/messages`.
pub async fn messages(State(site): State<Arc<Site>>, headers: HeaderMap, Query(q): Query<MessagesQuery>) -> Response {
    let clerk = match signed_in(&site, &headers) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let all = q.tous == Some(1);
    let towns = DeskTowns::of(&site, &clerk.name);
    let scope = towns.scope.clone();
    let list = match from_store(&site, move |s| s.messages_in(&scope, !all)).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let mut m = String::from("<h1>Messages à rappeler</h1>\n");
    if towns.towns.is_empty() {
        m.push_str(DeskTowns::none_html());
    }
    if let Some(id) = q.traite {
        let _ = writeln!(m, "<p class=\"note\" role=\"status\">Le message n° {id} est marqué comme traité.</p>");
    }
    let open = list.iter().filter(|m| !m.is_done()).count();
    let _ = writeln!(
        m,
        "<p>{}. {}</p>",
        match open {
            0 => "Aucun message à traiter".to_string(),
            1 => "1 message à traiter".to_string(),
            n => format!("{n} messages à traiter"),
        },
        if all {
            "<a href=\"/admin/messages\">Ne montrer que les messages à traiter</a>"
        } else {
            "<a href=\"/admin/messages?tous=1\">Montrer aussi les messages traités</a>"
        }
    );
    for msg in list.iter().rev() {
        let Some(town) = towns.for_row(msg.message.town.as_deref()) else { continue };
        let file = town.handle.current();
        let service_name = |id: &str| file.services.iter().find(|s| s.id == id).map_or_else(|| id.to_string(), |s| s.name.clone());
        let commune = towns.several().then_some(town.name.as_str());
        m.push_str(&message_html(msg, &file.tz, &clerk.csrf, commune, service_name));
    }
    desk_page(&site, Some(&clerk), "Messages", "/admin/messages", &m).into_response()
}

/// The mark-done form's fields.
#[derive(Debug, Deserialize)]
pub struct DoneForm {
    /// The message.
    pub id: i64,
    /// The CSRF token.
    #[serde(default)]
    pub csrf: String,
}

/// `POST /admin/messages/traiter`.
pub async fn mark_done(State(site): State<Arc<Site>>, headers: HeaderMap, Form(f): Form<DoneForm>) -> Response {
    let clerk = match signed_in_post(&site, &headers, &f.csrf) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let id = f.id;
    let scope = DeskTowns::of(&site, &clerk.name).scope;
    match from_store(&site, move |s| s.mark_message_done_in(&scope, id, Timestamp::now())).await {
        Ok(true) => {
            tracing::info!(clerk = %clerk.name, message = id, "message marked done");
            Redirect::to(&format!("/admin/messages?traite={id}")).into_response()
        }
        Ok(false) => Redirect::to("/admin/messages").into_response(),
        Err(r) => r,
    }
}

fn counts_table(caption: &str, c: &OutcomeCounts) -> String {
    let mut h = format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">Issue</th><th scope=\"col\" class=\"nombre\">Appels</th></tr></thead><tbody>",
        esc(caption)
    );
    for o in Outcome::ALL {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th><td class=\"nombre\">{}</td></tr>", outcome_fr(o), c.get(o));
    }
    let _ = write!(h, "</tbody><tfoot><tr><th scope=\"row\">Total</th><td class=\"nombre\">{}</td></tr></tfoot></table>", c.total());
    h
}

/// `GET /admin/appels`: today's and this month's calls by outcome, and the latest calls.
pub async fn calls(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    let clerk = match signed_in(&site, &headers) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let towns = DeskTowns::of(&site, &clerk.name);
    let tz = towns.for_row(None).map_or(TimeZone::UTC, |t| t.handle.current().tz.clone());
    let now = Timestamp::now().to_zoned(tz.clone());
    let today = now.start_of_day().map(|z| z.timestamp()).unwrap_or(Timestamp::UNIX_EPOCH);
    let month = now.date().first_of_month().to_zoned(tz.clone()).map(|z| z.timestamp()).unwrap_or(today);
    let scope = towns.scope.clone();
    let data = from_store(&site, move |s| Ok((s.stats_since_in(&scope, today)?, s.stats_since_in(&scope, month)?, s.recent_calls_in(&scope, 30)?))).await;
    let (day, mon, recent) = match data {
        Ok(d) => d,
        Err(r) => return r,
    };
    let mut m = String::from("<h1>Appels</h1>\n<p>Appels téléphoniques et conversations du site (appel ou écrit), comptés par issue.</p>\n");
    if towns.towns.is_empty() {
        m.push_str(DeskTowns::none_html());
    }
    m.push_str(&counts_table("Aujourd'hui", &day));
    m.push_str(&counts_table("Ce mois-ci", &mon));
    m.push_str("<h2>Derniers appels</h2>\n");
    if recent.is_empty() {
        m.push_str("<p>Aucun appel enregistré.</p>\n");
    } else {
        let commune_th = if towns.several() { "<th scope=\"col\">Commune</th>" } else { "" };
        let _ = write!(m, "<table><caption>Les 30 derniers appels, du plus récent au plus ancien</caption><thead><tr><th scope=\"col\">Début</th>{commune_th}<th scope=\"col\">Canal</th><th scope=\"col\">Issue</th><th scope=\"col\" class=\"nombre\">Questions</th></tr></thead><tbody>");
        for c in &recent {
            let channel = match c.channel {
                crate::store::Channel::Sip => "Téléphone",
                crate::store::Channel::Web => "Site",
            };
            let commune = match towns.for_row(c.town.as_deref()) {
                Some(t) if towns.several() => format!("<td>{}</td>", esc(&t.name)),
                _ => String::new(),
            };
            let _ = write!(
                m,
                "<tr><td>{}</td>{commune}<td>{channel}</td><td>{}</td><td class=\"nombre\">{}</td></tr>",
                esc(&local(c.started_at, &tz)),
                outcome_fr(c.outcome),
                c.turns
            );
        }
        m.push_str("</tbody></table>\n");
    }
    desk_page(&site, Some(&clerk), "Appels", "/admin/appels", &m).into_response()
}

/// `GET /admin/questions`: the questions the town file could not answer.
pub async fn questions(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    let clerk = match signed_in(&site, &headers) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let towns = DeskTowns::of(&site, &clerk.name);
    let scope = towns.scope.clone();
    let list = match from_store(&site, move |s| s.recent_unanswered_in(&scope, 200)).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let tz = towns.for_row(None).map_or(TimeZone::UTC, |t| t.handle.current().tz.clone());
    let mut m = String::from(
        "<h1>Questions sans réponse</h1>\n<p>Les questions que l'assistant n'a pas su traiter, des plus récentes aux plus anciennes. \
         Ajoutez les réponses utiles au fichier de la commune (rubrique <code>[[faq]]</code>), puis rechargez-le depuis la page \
         <a href=\"/admin/commune\">Fichier de la commune</a>.</p>\n",
    );
    if towns.towns.is_empty() {
        m.push_str(DeskTowns::none_html());
    }
    if list.is_empty() {
        m.push_str("<p>Aucune question sans réponse.</p>\n");
    } else {
        let commune_th = if towns.several() { "<th scope=\"col\">Commune</th>" } else { "" };
        let _ = write!(
            m,
            "<table><caption>Questions sans réponse</caption><thead><tr><th scope=\"col\">Posée le</th>{commune_th}<th scope=\"col\">Question</th></tr></thead><tbody>",
        );
        for q in &list {
            let commune = if towns.several() { format!("<td>{}</td>", esc(&q.town)) } else { String::new() };
            let _ = write!(m, "<tr><td>{}</td>{commune}<td>{}</td></tr>", esc(&local(q.created_at, &tz)), esc(&q.text));
        }
        m.push_str("</tbody></table>\n");
    }
    desk_page(&site, Some(&clerk), "Questions sans réponse", "/admin/questions", &m).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewMessage;

    #[test]
    fn a_message_shows_its_callback_number_escaped_and_a_done_form_while_open() {
        let mut nm = NewMessage::new("c1", Timestamp::UNIX_EPOCH, "rappelez <moi>").unwrap();
        nm.callback_number = Some("06 12 34 56 78".into());
        let mut m = Message { id: 7, message: nm, done_at: None };
        m.message.service = Some("etat-civil".into());
        let h = message_html(&m, &TimeZone::UTC, "tok", None, |id| format!("Service {id}"));
        assert!(!h.contains("Commune"));
        assert!(message_html(&m, &TimeZone::UTC, "tok", Some("Alpha"), str::to_string).contains("<dt>Commune</dt><dd>Alpha</dd>"));
        assert!(h.contains("Service etat-civil"));
        assert!(h.contains("06 12 34 56 78"));
        assert!(h.contains("rappelez &lt;moi&gt;"));
        assert!(h.contains("name=\"csrf\" value=\"tok\""));
        assert!(h.contains("Marquer comme traité"));
        m.done_at = Some(Timestamp::UNIX_EPOCH);
        assert!(!message_html(&m, &TimeZone::UTC, "tok", None, str::to_string).contains("<form"));
    }
}
