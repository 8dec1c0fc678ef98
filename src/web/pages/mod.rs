//! The residents' pages: home, text mode, accessibility statement; the shared layout.

pub mod accessibility;
pub mod home;
pub mod layout;
pub mod text;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use super::site::Site;

/// The residents' routes.
pub fn router() -> Router<Arc<Site>> {
    Router::new()
        .route("/", get(home::page))
        .route("/ecrire", get(text::page).post(text::ask))
        .route("/ecrire/nouvelle", post(text::restart))
        .route("/ecrire/message", post(text::leave_message))
        .route("/ecrire/ecouter", get(text::listen))
        .route("/accessibilite", get(accessibility::page))
}
