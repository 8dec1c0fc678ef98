//! The accessibility statement `/accessibilite` (déclaration d'accessibilité), in the form French
//! public sites publish it: state of compliance, what was tested, what is not accessible, how to
//! report a problem, and the recourse through the Défenseur des droits.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;

use super::layout::{esc, render, Nav, Page};
use crate::web::site::Site;

/// `GET /accessibilite`.
pub async fn page(State(site): State<Arc<Site>>) -> Html<String> {
    let town = site.town.current();
    let t = esc(&town.name);
    let mut contact = String::new();
    if let Some(p) = &town.phone {
        let _ = write!(contact, "<li>par téléphone : {}</li>", esc(p));
    }
    if let Some(a) = &town.address {
        let _ = write!(contact, "<li>par courrier ou à l'accueil : {}</li>", esc(a));
    }
    contact.push_str("<li>par écrit, sur ce site : <a href=\"/ecrire\">Écrire une question</a>, puis « Laisser un message aux agents »</li>");
    let main = format!(
        "<h1>Déclaration d'accessibilité</h1>\n\
<p>La mairie de {t} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du \
11 février 2005. Cette déclaration s'applique au site de l'assistant de la mairie : l'accueil, l'appel depuis le navigateur \
(« Appeler la mairie »), le mode écrit (« Écrire une question »), cette page, et le bureau des agents.</p>\n\
<h2>État de conformité</h2>\n\
<p>Ce site est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), \
version 4.1, et les règles WCAG 2.1 de niveau AA, en raison des points énumérés ci-dessous. Aucun audit complet par un \
organisme indépendant n'a encore été réalisé : le taux de conformité n'est pas connu.</p>\n\
<h2>Ce qui a été vérifié</h2>\n\
<ul>\n\
<li>Un contrôle automatique (axe-core, règles WCAG 2.1 A et AA) sur chaque page, à chaque version du logiciel : aucune erreur grave ou critique.</li>\n\
<li>La navigation au clavier seul : chaque lien, champ et bouton est atteint et activé au clavier, avec un repère de focus visible, \
et un lien « Aller au contenu » en tête de page.</li>\n\
<li>Le mode écrit fonctionne sans JavaScript ; avec JavaScript, chaque réponse est annoncée aux lecteurs d'écran (zone « live »).</li>\n\
<li>Les textes sont grands, contrastés (rapport d'au moins 4,5 pour 1), agrandissables à 200 % sans perte de contenu ; la langue \
des pages est déclarée (français).</li>\n\
<li>Aucune limite de temps pour lire ou répondre.</li>\n\
</ul>\n\
<h2>Contenus non accessibles ou limites</h2>\n\
<ul>\n\
<li>L'appel depuis le navigateur demande un micro et l'audition des réponses ; ses réponses sont aussi affichées en sous-titres. \
Le mode écrit en est l'équivalent complet, sans micro ni son.</li>\n\
<li>Une conversation écrite sans nouvelle question pendant 30 minutes est close ; une question envoyée ensuite reçoit quand même \
sa réponse, dans une nouvelle conversation : rien n'est perdu.</li>\n\
<li>Les réponses viennent d'un assistant automatique : il peut mal comprendre une question. Les agents de la mairie lisent les \
messages laissés et les questions restées sans réponse.</li>\n\
<li>Aucun test n'a encore été mené avec des personnes utilisant un lecteur d'écran ou une commande vocale.</li>\n\
</ul>\n\
<h2>Technologies utilisées</h2>\n\
<p>HTML, CSS ; JavaScript seulement pour l'appel depuis le navigateur et, sans être nécessaire, pour le mode écrit.</p>\n\
<h2>Retour d'information et contact</h2>\n\
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez la mairie de {t} pour être orienté vers une \
alternative accessible ou obtenir le contenu sous une autre forme :</p>\n<ul>{contact}</ul>\n\
<h2>Voies de recours</h2>\n\
<p>Si vous avez signalé à la mairie un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et que \
vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :</p>\n\
<ul>\n\
<li>par le formulaire en ligne : formulaire.defenseurdesdroits.fr ;</li>\n\
<li>en contactant le délégué du Défenseur des droits de votre département ;</li>\n\
<li>par courrier, gratuit et sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>\n\
</ul>\n"
    );
    let page = Page { town: &town.name, title: "Déclaration d'accessibilité", path: "/accessibilite", nav: Nav::Public, csrf: None, scripts: &[] };
    Html(render(&page, &main))
}
