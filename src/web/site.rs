//! The web pages assembled: the residents' site (home, text mode, accessibility statement) and
//! the clerks' desk, their shared state, the stylesheet, and the security headers of every page.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::admin::{self, limit::LoginLimiter, DeskSession};
use super::metrics::Metrics;
use super::pages::{self, text::SharedVisit};
use super::session::Sessions;
use crate::answer::TownHandle;
use crate::speech::tts::Speaker;
use crate::store::Store;
use crate::towns::Towns;

/// How long a text conversation lives without a new question.
pub const VISIT_IDLE: Duration = Duration::from_secs(30 * 60);
/// Text conversations held at once (the least recently used ends first).
pub const MAX_VISITS: usize = 1000;
/// How long a clerk stays signed in without using the desk.
pub const DESK_IDLE: Duration = Duration::from_secs(8 * 60 * 60);
/// Desk sessions held at once (signed in or on the log-in page).
pub const MAX_DESK_SESSIONS: usize = 200;

/// What the pages share.
pub struct Site {
    /// The town of the residents' pages (reloadable).
    pub town: Arc<TownHandle>,
    /// Every town of the service, for the desk (each clerk sees their own); `None`: `town` only.
    pub towns: Option<Arc<Towns>>,
    /// The database.
    pub store: Arc<Store>,
    /// The service's metrics.
    pub metrics: Arc<Metrics>,
    /// Whether cookies carry `Secure` (see [`Site::new`]).
    pub secure_cookies: bool,
    /// The voice that reads text-mode answers aloud ("Écouter la réponse"), when loaded.
    pub speaker: Option<Arc<Speaker>>,
    pub(crate) visits: Mutex<Sessions<SharedVisit>>,
    pub(crate) desk: Mutex<Sessions<DeskSession>>,
    pub(crate) limiter: Mutex<LoginLimiter>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site").field("secure_cookies", &self.secure_cookies).finish_non_exhaustive()
    }
}

impl Site {
    /// The site served on `listen`: cookies are `Secure` unless it is a loopback address (a
    /// non-loopback listener must sit behind an HTTPS reverse proxy).
    pub fn new(town: Arc<TownHandle>, store: Arc<Store>, metrics: Arc<Metrics>, listen: SocketAddr) -> Site {
        Site {
            town,
            towns: None,
            store,
            metrics,
            secure_cookies: !listen.ip().is_loopback(),
            speaker: None,
            visits: Mutex::new(Sessions::new(VISIT_IDLE, MAX_VISITS)),
            desk: Mutex::new(Sessions::new(DESK_IDLE, MAX_DESK_SESSIONS)),
            limiter: Mutex::new(LoginLimiter::new()),
        }
    }

    /// Serves the desk for every town of the service: each clerk sees the towns listing them.
    pub fn with_towns(mut self, towns: Arc<Towns>) -> Site {
        self.towns = Some(towns);
        self
    }

    /// Reads text-mode answers aloud with this voice.
    pub fn with_speaker(mut self, speaker: Arc<Speaker>) -> Site {
        self.speaker = Some(speaker);
        self
    }

    /// Ends every text conversation (recording them): the service is stopping.
    pub async fn close(self: &Arc<Self>) {
        let ended = lock(&self.visits).drain();
        pages::text::record_ended(self, ended).await;
    }

    /// The town's name for page headers.
    pub fn town_name(&self) -> String {
        self.town.current().name.clone()
    }

    /// Whether cookies must carry `Secure`: off loopback, or when a reverse proxy says the
    /// visitor came over HTTPS (`X-Forwarded-Proto: https`).
    pub fn secure(&self, headers: &HeaderMap) -> bool {
        self.secure_cookies || headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Secure when [`Site::secure`].
    pub fn cookie(&self, headers: &HeaderMap, name: &str, value: &str, path: &str) -> String {
        let secure = if self.secure(headers) { "; Secure" } else { "" };
        format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict{secure}")
    }

    /// A `Set-Cookie` value that deletes the cookie.
    pub fn cookie_gone(&self, headers: &HeaderMap, name: &str, path: &str) -> String {
        let secure = if self.secure(headers) { "; Secure" } else { "" };
        format!("{name}=; Path={path}; Max-Age=0; HttpOnly; SameSite=Strict{secure}")
    }

    /// Ends the text conversations idle too long (recording them); call it now and then.
    pub async fn sweep(self: &Arc<Self>) {
        let ended = lock(&self.visits).expire(Instant::now());
        pages::text::record_ended(self, ended).await;
    }
}

/// Locks a mutex, ignoring poisoning (the data stay consistent: each critical section is short
/// and leaves no half-made change).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The value of a request cookie.
pub fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Every page, the stylesheet and the script, with security headers.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(admin::router())
        .route("/static/site.css", get(css))
        .route("/static/ecrire.js", get(script))
        .with_state(site.clone())
        .layer(middleware::from_fn(headers))
}

/// Ends the idle text conversations every minute, forever.
pub async fn sweep_forever(site: Arc<Site>) {
    loop {
        tokio::time::sleep(Duration::from_secs(60)).await;
        site.sweep().await;
    }
}

async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], include_str!("pages/site.css"))
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], include_str!("pages/ecrire.js"))
}

/// Same-origin everything, no framing, no referrer, no sniffing; the desk is never cached.
async fn headers(req: Request, next: Next) -> Response {
    let desk = req.uri().path().starts_with("/admin");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; media-src 'self' blob:; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "no-referrer");
    set(h, "x-frame-options", "DENY");
    if desk {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_from_every_header() {
        let mut h = axum::http::HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; ecrire=abc"));
        h.append(header::COOKIE, HeaderValue::from_static("bureau=def"));
        assert_eq!(cookie_value(&h, "ecrire"), Some("abc"));
        assert_eq!(cookie_value(&h, "bureau"), Some("def"));
        assert_eq!(cookie_value(&h, "cr"), None);
    }

    #[test]
    fn cookies_are_secure_off_loopback_or_behind_https() {
        let town = Arc::new(TownHandle::fixed(crate::answer::Town::sample()));
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let store = Arc::new(Store::open(&db, crate::store::StoreOptions::beside(&db)).unwrap());
        let local = Site::new(town.clone(), store.clone(), Arc::new(Metrics::new()), "127.0.0.1:8080".parse().unwrap());
        let lan = Site::new(town, store, Arc::new(Metrics::new()), "192.168.1.10:8080".parse().unwrap());
        let plain = HeaderMap::new();
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(local.cookie(&plain, "bureau", "x", "/admin"), "bureau=x; Path=/admin; HttpOnly; SameSite=Strict");
        assert!(local.cookie(&proxied, "bureau", "x", "/admin").ends_with("; Secure"));
        assert!(lan.cookie(&plain, "bureau", "x", "/admin").ends_with("; Secure"));
        assert!(lan.cookie_gone(&plain, "bureau", "/admin").contains("Max-Age=0"));
    }
}
