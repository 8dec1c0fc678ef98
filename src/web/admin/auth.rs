//! Signing in and out of the desk.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{csrf_ok, desk_page, password, session, set_cookie, signed_in_post, DeskSession, COOKIE};
use crate::web::pages::layout::esc;
use crate::web::site::{lock, Site};

/// The log-in form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    /// The clerk's name.
    #[serde(default)]
    pub nom: String,
    /// The password.
    #[serde(default)]
    pub mot_de_passe: String,
    /// The CSRF token.
    #[serde(default)]
    pub csrf: String,
}

fn form(csrf: &str, name: &str, problem: Option<&str>) -> String {
    let problem = problem.map(|p| format!("<p class=\"erreur boite\" role=\"alert\" id=\"probleme\">{}</p>\n", esc(p))).unwrap_or_default();
    format!(
        "<h1>Connexion au bureau des agents</h1>\n{problem}\
         <p>Réservé aux agents de la mairie. Un compte se crée sur le serveur avec <code>standardiste clerk add NOM</code>.</p>\n\
         <form method=\"post\" action=\"/admin/connexion\">\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n\
         <label for=\"nom\">Nom d'agent</label>\n<input type=\"text\" id=\"nom\" name=\"nom\" autocomplete=\"username\" required value=\"{}\">\n\
         <label for=\"mot_de_passe\">Mot de passe</label>\n<input type=\"password\" id=\"mot_de_passe\" name=\"mot_de_passe\" autocomplete=\"current-password\" required>\n\
         <button type=\"submit\">Se connecter</button>\n</form>\n",
        esc(csrf),
        esc(name)
    )
}

/// A log-in page for a (new, if needed) anonymous session, with `status` and a problem shown.
fn login_response(site: &Site, headers: &HeaderMap, status: StatusCode, name: &str, problem: Option<&str>) -> Response {
    let (csrf, cookie) = match session(site, headers) {
        Some((_, s)) => (s.csrf, None),
        None => {
            let s = DeskSession::new(None);
            let csrf = s.csrf.clone();
            let (id, _) = lock(&site.desk).insert(s, Instant::now());
            (csrf, Some(site.cookie(headers, COOKIE, &id, "/admin")))
        }
    };
    let res = (status, desk_page(site, None, "Connexion", "/admin/connexion", &form(&csrf, name, problem))).into_response();
    match cookie {
        Some(c) => set_cookie(res, c),
        None => res,
    }
}

/// `GET /admin/connexion`.
pub async fn login_page(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    if let Some((_, DeskSession { clerk: Some(_), .. })) = session(&site, &headers) {
        return Redirect::to("/admin/messages").into_response();
    }
    login_response(&site, &headers, StatusCode::OK, "", None)
}

/// `POST /admin/connexion`: checks the token, the rate limit, then the password.
pub async fn login(State(site): State<Arc<Site>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, Form(f): Form<LoginForm>) -> Response {
    let current = session(&site, &headers);
    if !csrf_ok(current.as_ref().map(|(_, s)| s), &f.csrf) {
        tracing::warn!("log-in form refused: CSRF token missing or wrong");
        return login_response(
            &site,
            &headers,
            StatusCode::FORBIDDEN,
            &f.nom,
            Some("La page de connexion était trop ancienne. Rien n'a été envoyé : réessayez."),
        );
    }
    let name = f.nom.trim().to_string();
    let keys = vec![format!("name:{}", name.to_lowercase()), format!("addr:{}", peer.ip())];
    if let Err(wait) = lock(&site.limiter).check(&keys, Instant::now()) {
        let secs = wait.as_secs().max(1);
        tracing::warn!(wait_s = secs, "log-in attempt refused: too many wrong passwords");
        let msg = format!("Trop de mots de passe erronés. Par sécurité, attendez {secs} secondes avant de réessayer.");
        let mut res = login_response(&site, &headers, StatusCode::TOO_MANY_REQUESTS, &name, Some(&msg));
        if let Ok(v) = secs.to_string().parse() {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    let store = site.store.clone();
    let (n, pw) = (name.clone(), f.mot_de_passe);
    let ok = tokio::task::spawn_blocking(move || {
        let stored = store.clerk(&n).ok().flatten().map(|c| c.password_hash);
        password::verify_password(stored.as_deref(), &pw)
    })
    .await
    .unwrap_or(false);
    if !ok {
        lock(&site.limiter).failed(&keys, Instant::now());
        tracing::warn!("log-in failed: wrong name or password");
        return login_response(&site, &headers, StatusCode::UNAUTHORIZED, &name, Some("Nom ou mot de passe incorrect."));
    }
    lock(&site.limiter).succeeded(&keys);
    // A new session id at log-in: an id known before cannot ride the signed-in session.
    let id = {
        let mut desk = lock(&site.desk);
        if let Some((old, _)) = &current {
            desk.remove(old);
        }
        desk.insert(DeskSession::new(Some(name.clone())), Instant::now()).0
    };
    tracing::info!(clerk = %name, "clerk signed in");
    set_cookie(Redirect::to("/admin/messages").into_response(), site.cookie(&headers, COOKIE, &id, "/admin"))
}

/// The log-out form's fields.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    /// The CSRF token.
    #[serde(default)]
    pub csrf: String,
}

/// `POST /admin/deconnexion`.
pub async fn logout(State(site): State<Arc<Site>>, headers: HeaderMap, Form(f): Form<TokenForm>) -> Response {
    let clerk = match signed_in_post(&site, &headers, &f.csrf) {
        Ok(c) => c,
        Err(res) => return *res,
    };
    if let Some((id, _)) = session(&site, &headers) {
        lock(&site.desk).remove(&id);
    }
    tracing::info!(clerk = %clerk.name, "clerk signed out");
    set_cookie(Redirect::to("/admin/connexion").into_response(), site.cookie_gone(&headers, COOKIE, "/admin"))
}
