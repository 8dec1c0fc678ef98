//! The desk's town-file page: check the file and reload it, errors shown by line.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::auth::TokenForm;
use super::{desk_page, signed_in, signed_in_post, Clerk};
use crate::answer::{Town, TownError};
use crate::web::pages::layout::esc;
use crate::web::site::Site;

/// `?recharge=1` confirms a reload.
#[derive(Debug, Deserialize)]
pub struct TownQuery {
    /// A reload just succeeded.
    pub recharge: Option<u8>,
}

/// A load error for clerks: where, what, and the line itself.
pub fn error_html(e: &TownError, path: &Path) -> String {
    let mut h = String::from("<div class=\"boite\" role=\"alert\"><h2>Le fichier contient une erreur</h2>");
    match e {
        TownError::Invalid { file, line, field, message } => {
            let _ = write!(h, "<p>Fichier <code>{}</code>, <strong>ligne {line}</strong>, champ <code>{}</code> : {}</p>", esc(file), esc(field), esc(message));
            if let Some(text) = std::fs::read_to_string(path).ok().and_then(|t| t.lines().nth(line.saturating_sub(1)).map(str::to_string)) {
                let _ = write!(h, "<p>La ligne {line} :</p><pre class=\"ligne\">{}</pre>", esc(&text));
            }
        }
        TownError::Io { .. } => {
            let _ = write!(h, "<p>{}</p>", esc(&e.to_string()));
        }
    }
    h.push_str("<p>La version précédente du fichier reste en service tant que l'erreur n'est pas corrigée.</p></div>\n");
    h
}

fn summary(t: &Town) -> String {
    format!(
        "<p class=\"note\">Le fichier est valide : {} services, {} réponses (FAQ), {} collectes de déchets, {} rues.</p>\n",
        t.services.len(),
        t.faqs.len(),
        t.collections.len(),
        t.streets.len()
    )
}

async fn render_page(site: &Site, clerk: &Clerk, reloaded: bool, reload_error: Option<TownError>) -> Response {
    let current = site.town.current();
    let mut m = String::from("<h1>Fichier de la commune</h1>\n");
    if reloaded {
        m.push_str("<p class=\"note\" role=\"status\">Le fichier a été rechargé : les nouveaux appels utilisent cette version.</p>\n");
    }
    let _ = writeln!(m, "<p>Commune en service : <strong>{}</strong>.</p>", esc(&current.name));
    let Some(path) = site.town.path().map(Path::to_path_buf) else {
        m.push_str(
            "<p>Le service utilise la commune d'exemple intégrée : aucun fichier à vérifier. Indiquez le fichier de votre commune \
             dans <code>standardiste.toml</code> (<code>[town] file = …</code>).</p>\n",
        );
        return desk_page(site, Some(clerk), "Fichier de la commune", "/admin/commune", &m).into_response();
    };
    let _ = writeln!(m, "<p>Fichier : <code>{}</code>.</p>", esc(&path.display().to_string()));
    let p: PathBuf = path.clone();
    let check = match reload_error {
        Some(e) => Err(e),
        None => tokio::task::spawn_blocking(move || Town::load(&p))
            .await
            .unwrap_or_else(|e| Err(TownError::Io { file: path.display().to_string(), source: std::io::Error::other(e) })),
    };
    let failed = check.is_err();
    m.push_str("<h2>Vérification</h2>\n");
    match &check {
        Ok(t) => m.push_str(&summary(t)),
        Err(e) => m.push_str(&error_html(e, &path)),
    }
    let _ = write!(
        m,
        "<h2>Recharger</h2>\n<p>Le service recharge seul le fichier quand il change. Pour le recharger tout de suite :</p>\n\
         <form method=\"post\" action=\"/admin/commune/recharger\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button type=\"submit\">Recharger le fichier</button></form>\n",
        esc(&clerk.csrf)
    );
    let status = if failed { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    (status, desk_page(site, Some(clerk), "Fichier de la commune", "/admin/commune", &m)).into_response()
}

/// `GET /admin/commune`.
pub async fn page(State(site): State<Arc<Site>>, headers: HeaderMap, Query(q): Query<TownQuery>) -> Response {
    match signed_in(&site, &headers) {
        Ok(clerk) => render_page(&site, &clerk, q.recharge == Some(1), None).await,
        Err(r) => *r,
    }
}

/// `POST /admin/commune/recharger`.
pub async fn reload(State(site): State<Arc<Site>>, headers: HeaderMap, Form(f): Form<TokenForm>) -> Response {
    let clerk = match signed_in_post(&site, &headers, &f.csrf) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let s = site.clone();
    match tokio::task::spawn_blocking(move || s.town.reload()).await {
        Ok(Ok(_)) => {
            tracing::info!(clerk = %clerk.name, "town file reloaded from the desk");
            Redirect::to("/admin/commune?recharge=1").into_response()
        }
        Ok(Err(e)) => {
            tracing::warn!(clerk = %clerk.name, error = %e, "town file not reloaded: the previous one stays");
            render_page(&site, &clerk, false, Some(e)).await
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
