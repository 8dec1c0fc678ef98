//! The home page `/`: the three doors (call, write) and the accessibility statement.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;

use super::layout::{esc, render, Nav, Page};
use crate::web::site::Site;

/// `GET /`.
pub async fn page(State(site): State<Arc<Site>>) -> Html<String> {
    let town = site.town_name();
    let main = format!(
        "<h1>Mairie de {t} : posez vos questions</h1>\n\
         <p>L'assistant de la mairie répond à toute heure, par la voix ou par écrit : horaires des services, démarches, \
         ramassage des déchets. Il peut aussi prendre un message pour les agents.</p>\n\
         <ul class=\"portes\">\n\
         <li><a href=\"/appeler\">Appeler la mairie<span>Parlez à l'assistant avec le micro de votre appareil ; ses réponses s'affichent aussi à l'écran.</span></a></li>\n\
         <li><a href=\"/ecrire\">Écrire une question<span>Tapez votre question et lisez la réponse, sans micro.</span></a></li>\n\
         </ul>\n\
         <p>Ce site est conçu pour être utilisable au clavier seul et avec un lecteur d'écran. \
         <a href=\"/accessibilite\">Lire la déclaration d'accessibilité</a>.</p>\n",
        t = esc(&town)
    );
    let page = Page { town: &town, title: "Accueil", path: "/", nav: Nav::Public, csrf: None, scripts: &[] };
    Html(render(&page, &main))
}
