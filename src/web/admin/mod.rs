//! The clerks' desk `/admin`: log-in (argon2 hashes set with `standardiste clerk add`), messages
//! to call back, calls by outcome, questions left unanswered, the town file's check and reload.
//!
//! Sessions: a random 256-bit id in the `bureau` cookie (HttpOnly, SameSite=Strict, Path=/admin,
//! Secure unless served on loopback), held server-side, forgotten after 8 hours unused, a new id
//! at log-in. Every POST carries the session's CSRF token. Log-in attempts are rate-limited per
//! name and per address ([`limit`]). Everything shown comes from the store; the only phone
//! number ever shown is a message's callback number.

pub mod auth;
pub mod desk;
pub mod limit;
pub mod password;
pub mod scope;
pub mod town;

use std::sync::Arc;
use std::time::Instant;

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use super::pages::layout::{render, Nav, Page};
use super::session::{random_token, same_secret};
use super::site::{cookie_value, lock, Site};

/// The desk's session cookie.
pub const COOKIE: &str = "bureau";

/// One desk session: on the log-in page (no clerk yet) or signed in.
#[derive(Debug, Clone)]
pub struct DeskSession {
    /// The signed-in clerk.
    pub clerk: Option<String>,
    /// The token every form of this session must send back.
    pub csrf: String,
}

impl DeskSession {
    /// A session with a fresh CSRF token.
    pub fn new(clerk: Option<String>) -> DeskSession {
        DeskSession { clerk, csrf: random_token() }
    }
}

/// Whether a form's token is the session's (no session, no match).
pub fn csrf_ok(session: Option<&DeskSession>, given: &str) -> bool {
    session.is_some_and(|s| !given.is_empty() && same_secret(&s.csrf, given))
}

/// The desk routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/messages") }))
        .route("/admin/connexion", get(auth::login_page).post(auth::login))
        .route("/admin/deconnexion", post(auth::logout))
        .route("/admin/messages", get(desk::messages))
        .route("/admin/messages/traiter", post(desk::mark_done))
        .route("/admin/appels", get(desk::calls))
        .route("/admin/questions", get(desk::questions))
        .route("/admin/commune", get(town::page))
        .route("/admin/commune/recharger", post(town::reload))
}

/// The session named by the request's cookie, with its id.
pub fn session(site: &Site, headers: &HeaderMap) -> Option<(String, DeskSession)> {
    let id = cookie_value(headers, COOKIE)?;
    let s = lock(&site.desk).get_mut(id, Instant::now())?.clone();
    Some((id.to_string(), s))
}

/// A signed-in clerk: their name and CSRF token.
#[derive(Debug, Clone)]
pub struct Clerk {
    /// The clerk's name.
    pub name: String,
    /// The session's CSRF token.
    pub csrf: String,
}

/// The signed-in clerk, or the redirect to the log-in page.
pub fn signed_in(site: &Site, headers: &HeaderMap) -> Result<Clerk, Box<Response>> {
    match session(site, headers) {
        Some((_, DeskSession { clerk: Some(name), csrf })) => Ok(Clerk { name, csrf }),
        _ => Err(Box::new(Redirect::to("/admin/connexion").into_response())),
    }
}

/// A signed-in clerk whose form carries the session's token; otherwise the log-in page or 403.
pub fn signed_in_post(site: &Site, headers: &HeaderMap, csrf: &str) -> Result<Clerk, Box<Response>> {
    let clerk = signed_in(site, headers)?;
    if same_secret(&clerk.csrf, csrf) && !csrf.is_empty() {
        Ok(clerk)
    } else {
        tracing::warn!("desk form refused: CSRF token missing or wrong");
        Err(Box::new((axum::http::StatusCode::FORBIDDEN, desk_page(site, Some(&clerk), "Formulaire refusé", "", &refused())).into_response()))
    }
}

fn refused() -> String {
    "<h1>Formulaire refusé</h1>\n<p class=\"erreur\">Ce formulaire n'a pas été envoyé depuis le bureau de la mairie, ou la page était trop \
     ancienne. Rien n'a été modifié. <a href=\"/admin/messages\">Revenir aux messages</a>.</p>"
        .to_string()
}

/// A desk page in the shared layout (no-store, see the site's headers).
pub fn desk_page(site: &Site, clerk: Option<&Clerk>, title: &str, path: &str, main: &str) -> axum::response::Html<String> {
    let town = site.town_name();
    let page =
        Page { town: &town, title, path, nav: if clerk.is_some() { Nav::Desk } else { Nav::DeskLogin }, csrf: clerk.map(|c| c.csrf.as_str()), scripts: &[] };
    axum::response::Html(render(&page, main))
}

/// Adds a `Set-Cookie` header.
pub fn set_cookie(mut res: Response, value: String) -> Response {
    if let Ok(v) = value.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_needs_its_sessions_token() {
        let s = DeskSession::new(Some("martine".into()));
        assert!(csrf_ok(Some(&s), &s.csrf.clone()));
        assert!(!csrf_ok(Some(&s), ""));
        assert!(!csrf_ok(Some(&s), &DeskSession::new(None).csrf), "another session's token");
        assert!(!csrf_ok(None, &s.csrf), "no session");
        assert_eq!(s.csrf.len(), 64);
    }
}

#[cfg(test)]
mod desk_tests;
