//! The desk's town-file page: check the file and reload it, errors shown by line.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::scope::{DeskTown, DeskTowns};
use super::{desk_page, signed_in, signed_in_post, Clerk};
use crate::answer::{Town, TownError};
use crate::web::pages::layout::esc;
use crate::web::site::Site;

/// `?recharge=1` confirms a reload.
#[derive(Debug, Deserialize)]
pub struct TownQuery {
    /// A reload just succeeded: the clerk's n-th town (from 1).
    pub recharge: Option<usize>,
}

/// The reload form's fields.
#[derive(Debug, Deserialize)]
pub struct ReloadForm {
    /// The CSRF token.
    #[serde(default)]
    pub csrf: String,
    /// The town to reload (the clerk's first one when absent).
    pub commune: Option<String>,
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

/// The check and reload form of one town; headings one level lower when the page shows several.
async fn town_section(town: &DeskTown, clerk: &Clerk, several: bool, reload_error: Option<TownError>) -> (String, bool) {
    let h2 = if several { "h3" } else { "h2" };
    let current = town.handle.current();
    let mut m = String::new();
    if several {
        let _ = writeln!(m, "<h2>{}</h2>", esc(&town.name));
    }
    let _ = writeln!(m, "<p>Commune en service : <strong>{}</strong>.</p>", esc(&current.name));
    let Some(path) = town.handle.path().map(Path::to_path_buf) else {
        m.push_str(
            "<p>Le service utilise la commune d'exemple intégrée : aucun fichier à vérifier. Indiquez le fichier de votre commune \
             dans <code>standardiste.toml</code> (<code>[town] file = …</code>).</p>\n",
        );
        return (m, false);
    };
    let _ = writeln!(m, "<p>Fichier : <code>{}</code>.</p>", esc(&path.display().to_string()));
    let p: PathBuf = path.clone();
    let check = match reload_error {
        Some(e) => Err(e),
        None => tokio::task::spawn_blocking(move || Town::load(&p))
            .await
            .unwrap_or_else(|e| Err(TownError::Io { file: path.display().to_string(), source: std::io::Error::other(e) })),
    };
    let _ = writeln!(m, "<{h2}>Vérification</{h2}>");
    match &check {
        Ok(t) => m.push_str(&summary(t)),
        Err(e) => m.push_str(&error_html(e, &path)),
    }
    let _ = write!(
        m,
        "<{h2}>Recharger</{h2}>\n<p>Le service recharge seul le fichier quand il change. Pour le recharger tout de suite :</p>\n\
         <form method=\"post\" action=\"/admin/commune/recharger\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"commune\" value=\"{}\"><button type=\"submit\"{}>Recharger le fichier</button></form>\n",
        esc(&clerk.csrf),
        esc(&town.name),
        if several { format!(" aria-label=\"Recharger le fichier de {}\"", esc(&town.name)) } else { String::new() }
    );
    (m, check.is_err())
}

/// The page: each of the clerk's towns; `reloaded` is the index of the town just reloaded, `failed`
/// the town whose reload was refused.
async fn render_page(site: &Site, clerk: &Clerk, reloaded: Option<usize>, mut failed: Option<(String, TownError)>) -> Response {
    let towns = DeskTowns::of(site, &clerk.name);
    let mut m = String::from("<h1>Fichier de la commune</h1>\n");
    if towns.towns.is_empty() {
        m.push_str(DeskTowns::none_html());
    }
    if let Some(town) = reloaded.and_then(|i| towns.towns.get(i)) {
        let which = if towns.several() { format!(" de {}", esc(&town.name)) } else { String::new() };
        let _ = writeln!(m, "<p class=\"note\" role=\"status\">Le fichier{which} a été rechargé : les nouveaux appels utilisent cette version.</p>");
    }
    let mut any_error = false;
    for town in &towns.towns {
        let error = failed.take_if(|(name, _)| *name == town.name).map(|(_, e)| e);
        let (section, bad) = town_section(town, clerk, towns.several(), error).await;
        m.push_str(&section);
        any_error |= bad;
    }
    let status = if any_error { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    (status, desk_page(site, Some(clerk), "Fichier de la commune", "/admin/commune", &m)).into_response()
}

/// `GET /admin/commune`.
pub async fn page(State(site): State<Arc<Site>>, headers: HeaderMap, Query(q): Query<TownQuery>) -> Response {
    match signed_in(&site, &headers) {
        Ok(clerk) => render_page(&site, &clerk, q.recharge.map(|n| n.saturating_sub(1)), None).await,
        Err(r) => *r,
    }
}

/// `POST /admin/commune/recharger`.
pub async fn reload(State(site): State<Arc<Site>>, headers: HeaderMap, Form(f): Form<ReloadForm>) -> Response {
    let clerk = match signed_in_post(&site, &headers, &f.csrf) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let towns = DeskTowns::of(&site, &clerk.name);
    let town = match f.commune.as_deref() {
        Some(name) => towns.towns.iter().find(|t| t.name == name),
        None => towns.towns.first(),
    };
    let Some(town) = town.cloned() else {
        tracing::warn!(clerk = %clerk.name, "town reload refused: not one of this clerk's towns");
        return (StatusCode::FORBIDDEN, "Cette commune n'est pas la vôtre : rien n'a été rechargé.").into_response();
    };
    let handle = town.handle.clone();
    match tokio::task::spawn_blocking(move || handle.reload()).await {
        Ok(Ok(_)) => {
            tracing::info!(clerk = %clerk.name, town = %town.name, "town file reloaded from the desk");
            let n = towns.towns.iter().position(|t| t.name == town.name).unwrap_or(0) + 1;
            Redirect::to(&format!("/admin/commune?recharge={n}")).into_response()
        }
        Ok(Err(e)) => {
            tracing::warn!(clerk = %clerk.name, town = %town.name, error = %e, "town file not reloaded: the previous one stays");
            render_page(&site, &clerk, None, Some((town.name.clone(), e))).await
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
