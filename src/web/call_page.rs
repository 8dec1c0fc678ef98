//! The "Appeler la mairie" page: `GET /appeler` (plain HTML, CSS and JavaScript embedded in the
//! binary) and its signalling, `POST /appeler/offer` (the browser's SDP offer, ICE gathering
//! complete, in; our SDP answer out).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::http::HttpState;
use crate::call::browser::leg::local_ip_toward;
use crate::call::browser::BrowserCallError;

/// The call page.
const PAGE: &str = include_str!("assets/appeler.html");
/// The call page's script.
const SCRIPT: &str = include_str!("assets/appeler.js");
/// The site's one stylesheet (shared by every page).
const STYLE: &str = include_str!("assets/site.css");
/// Largest SDP offer accepted (a browser's is a few kilobytes).
const MAX_OFFER: usize = 64 * 1024;

/// The call page's routes.
pub fn routes() -> Router<HttpState> {
    Router::new()
        .route("/appeler", get(page))
        .route("/appeler.js", get(|| asset("text/javascript; charset=utf-8", SCRIPT)))
        .route("/site.css", get(|| asset("text/css; charset=utf-8", STYLE)))
        .route("/appeler/offer", post(offer))
}

async fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE).await
}

async fn offer(State(state): State<HttpState>, ConnectInfo(peer): ConnectInfo<SocketAddr>, body: String) -> Response {
    let text = |code: StatusCode, msg: String| (code, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], msg).into_response();
    let Some(calls) = state.calls.clone() else {
        return text(StatusCode::SERVICE_UNAVAILABLE, "Les appels depuis le navigateur ne sont pas ouverts sur ce service.".into());
    };
    if body.len() > MAX_OFFER || !body.starts_with("v=0") {
        return text(StatusCode::BAD_REQUEST, "Offre SDP attendue.".into());
    }
    match calls.start(&body, local_ip_toward(peer)).await {
        Ok(answer) => ([(header::CONTENT_TYPE, "application/sdp")], answer).into_response(),
        Err(BrowserCallError::Busy) => text(StatusCode::SERVICE_UNAVAILABLE, "Toutes les lignes sont occupées. Réessayez dans quelques minutes.".into()),
        Err(e @ BrowserCallError::Session(_)) => {
            tracing::info!(error = %e, "browser offer refused");
            text(StatusCode::BAD_REQUEST, format!("Appel refusé : {e}"))
        }
        Err(e) => {
            tracing::warn!(error = %e, "browser call failed");
            text(StatusCode::INTERNAL_SERVER_ERROR, "L'appel n'a pas pu démarrer.".into())
        }
    }
}
