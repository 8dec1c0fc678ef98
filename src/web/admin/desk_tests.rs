//! The desk of a service for several towns: each clerk reads and acts on their own towns only.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;

use super::desk::{self, DoneForm, MessagesQuery};
use super::town::{self, ReloadForm, TownQuery};
use super::{DeskSession, COOKIE};
use crate::answer::TownHandle;
use crate::call::synthesis::Voice;
use crate::store::{NewMessage, Store, StoreOptions, TownScope};
use crate::towns::{Routes, ServedTown, Towns};
use crate::web::metrics::Metrics;
use crate::web::site::{lock, Site};

/// A service for "alpha" (clerk marie) and "beta" (clerks marie and paul), one message each.
fn two_towns(dir: &std::path::Path) -> Arc<Site> {
    let voice = Arc::new(Voice::new(Arc::new(crate::speech::tts::Speaker::selected(None).unwrap()), 8000));
    let served = |name: &str, clerks: &[&str]| {
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(&file, crate::answer::town::SAMPLE_TOML.replacen("name = \"", &format!("name = \"{name} "), 1)).unwrap();
        let handle = TownHandle::load(&file).unwrap();
        ServedTown { name: name.into(), town: Arc::new(handle), voice: voice.clone(), clerks: clerks.iter().map(|c| c.to_string()).collect() }
    };
    let towns = Arc::new(Towns::new(vec![served("alpha", &["marie"]), served("beta", &["marie", "paul"])], Routes::single()));
    let db = dir.join("s.db");
    let store = Arc::new(Store::open(&db, StoreOptions::beside(&db)).unwrap());
    for town in ["alpha", "beta"] {
        let mut m = NewMessage::new(format!("call-{town}"), jiff::Timestamp::now(), format!("message pour {town}")).unwrap();
        m.town = Some(town.into());
        store.save_message(&m).unwrap();
    }
    Arc::new(Site::new(towns.first().town.clone(), store, Arc::new(Metrics::new()), "127.0.0.1:8080".parse().unwrap()).with_towns(towns))
}

/// The headers of a signed-in `clerk`, and their CSRF token.
fn signed_in(site: &Site, clerk: &str) -> (HeaderMap, String) {
    let s = DeskSession::new(Some(clerk.into()));
    let csrf = s.csrf.clone();
    let (id, _) = lock(&site.desk).insert(s, Instant::now());
    let mut h = HeaderMap::new();
    h.insert(header::COOKIE, HeaderValue::from_str(&format!("{COOKIE}={id}")).unwrap());
    (h, csrf)
}

async fn body(res: Response) -> (StatusCode, String) {
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn inbox(site: &Arc<Site>, headers: &HeaderMap) -> String {
    body(desk::messages(State(site.clone()), headers.clone(), Query(MessagesQuery { tous: Some(1), traite: None })).await).await.1
}

#[tokio::test]
async fn each_clerk_sees_and_handles_their_own_towns_only() {
    let dir = tempfile::tempdir().unwrap();
    let site = two_towns(dir.path());
    let (paul, paul_csrf) = signed_in(&site, "paul");
    let (marie, _) = signed_in(&site, "marie");
    let (stranger, _) = signed_in(&site, "intrus");

    let p = inbox(&site, &paul).await;
    assert!(p.contains("message pour beta") && !p.contains("message pour alpha"), "paul sees beta's message only:\n{p}");
    assert!(!p.contains("<dt>Commune</dt>"), "one town: no town named on each message");
    let m = inbox(&site, &marie).await;
    assert!(m.contains("message pour beta") && m.contains("message pour alpha"), "marie sees both:\n{m}");
    assert!(m.contains("<dt>Commune</dt><dd>alpha</dd>") && m.contains("<dt>Commune</dt><dd>beta</dd>"));
    let s = inbox(&site, &stranger).await;
    assert!(!s.contains("message pour") && s.contains("aucune commune"), "a clerk of no town sees nothing:\n{s}");

    // Paul cannot mark alpha's message done, even with its id.
    let alpha_id = site.store.messages_in(&TownScope::Towns { names: vec!["alpha".into()], untagged: false }, true).unwrap()[0].id;
    let res = desk::mark_done(State(site.clone()), paul.clone(), Form(DoneForm { id: alpha_id, csrf: paul_csrf.clone() })).await;
    assert_eq!(res.headers().get(header::LOCATION).unwrap(), "/admin/messages", "no confirmation for another town's message");
    assert_eq!(site.store.messages(true).unwrap().len(), 2, "alpha's message is still open");

    // The town-file page shows paul's town only, and refuses to reload another.
    let (status, t) = body(town::page(State(site.clone()), paul.clone(), Query(TownQuery { recharge: None })).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(t.contains("Commune en service : <strong>beta ") && !t.contains("<strong>alpha "), "{t}");
    assert!(!t.contains("name=\"commune\" value=\"alpha\""), "paul has no form for alpha:\n{t}");
    let res = town::reload(State(site.clone()), paul.clone(), Form(ReloadForm { csrf: paul_csrf.clone(), commune: Some("alpha".into()) })).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = town::reload(State(site.clone()), paul, Form(ReloadForm { csrf: paul_csrf, commune: Some("beta".into()) })).await;
    assert_eq!(res.headers().get(header::LOCATION).unwrap(), "/admin/commune?recharge=1");
    let (_, t) = body(town::page(State(site.clone()), marie, Query(TownQuery { recharge: Some(2) })).await).await;
    assert!(t.contains("Le fichier de beta a été rechargé"), "{t}");
    assert!(t.contains("<h2>alpha</h2>") && t.contains("<h2>beta</h2>"), "marie's page has a section per town:\n{t}");
}
