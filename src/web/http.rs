//! The service's HTTP listener: `GET /healthz`, `GET /metrics` (Prometheus), the "Appeler la mairie"
//! page (`/appeler`, see [`super::call_page`]) and the web pages when given ([`HttpState::with_pages`]).
//!
//! Bind it to a loopback address, behind an HTTPS reverse proxy to reach it from elsewhere:
//! `/healthz` and `/metrics` do not authenticate, and the clerks' desk (`/admin`, behind a log-in)
//! shows the callback numbers residents left.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use super::metrics::Metrics;

/// Why the HTTP listener stopped or could not start.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The address could not be bound.
    #[error("cannot listen for HTTP on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: io::Error,
    },
    /// The server failed while running.
    #[error("HTTP server: {0}")]
    Serve(io::Error),
}

/// What the service says about itself on `/healthz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// Whether it can take calls (200) or not (503).
    pub ok: bool,
    /// Why not, when not ok (no caller data).
    pub reason: Option<String>,
}

impl Health {
    /// All is well.
    pub fn ok() -> Health {
        Health { ok: true, reason: None }
    }
}

/// What the HTTP handlers read: the metrics and a health check.
#[derive(Clone)]
pub struct HttpState {
    metrics: Arc<Metrics>,
    health: Arc<dyn Fn() -> Health + Send + Sync>,
    pages: Option<Router>,
    pub(crate) calls: Option<Arc<crate::call::browser::BrowserCalls>>,
}

impl std::fmt::Debug for HttpState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpState").finish_non_exhaustive()
    }
}

impl HttpState {
    /// Serves these metrics; healthy until [`HttpState::with_health`] says otherwise.
    pub fn new(metrics: Arc<Metrics>) -> HttpState {
        HttpState { metrics, health: Arc::new(Health::ok), pages: None, calls: None }
    }

    /// Takes browser calls on `/appeler` with `calls` (without it the page says calls are off).
    pub fn with_calls(mut self, calls: Arc<crate::call::browser::BrowserCalls>) -> HttpState {
        self.calls = Some(calls);
        self
    }

    /// Uses `check` (called on each `/healthz`; keep it quick and non-blocking) for health.
    pub fn with_health(mut self, check: impl Fn() -> Health + Send + Sync + 'static) -> HttpState {
        self.health = Arc::new(check);
        self
    }

    /// Also serves these routes (the web pages, see [`crate::web::site::router`]).
    pub fn with_pages(mut self, pages: Router) -> HttpState {
        self.pages = Some(pages);
        self
    }
}

/// A bound HTTP listener, not yet serving (bind port 0 and read [`HttpServer::local_addr`]).
#[derive(Debug)]
pub struct HttpServer {
    listener: tokio::net::TcpListener,
}

impl HttpServer {
    /// Binds the listen address.
    pub async fn bind(listen: SocketAddr) -> Result<HttpServer, HttpError> {
        let listener = tokio::net::TcpListener::bind(listen).await.map_err(|source| HttpError::Bind { addr: listen, source })?;
        Ok(HttpServer { listener })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop` completes, then finishes the requests in progress.
    pub async fn run(self, state: HttpState, stop: impl Future<Output = ()> + Send + 'static) -> Result<(), HttpError> {
        // The peer address reaches the handlers (the desk rate-limits log-ins per address).
        let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, app).with_graceful_shutdown(stop).await.map_err(HttpError::Serve)
    }
}

/// Binds `listen` and serves `/healthz` and `/metrics` until `stop` completes.
pub async fn serve_http(listen: SocketAddr, state: HttpState, stop: impl Future<Output = ()> + Send + 'static) -> Result<(), HttpError> {
    let server = HttpServer::bind(listen).await?;
    if let Ok(addr) = server.local_addr() {
        tracing::info!(%addr, "HTTP listening (/healthz, /metrics)");
    }
    server.run(state, stop).await
}

/// The routes.
pub fn router(state: HttpState) -> Router {
    let pages = state.pages.clone();
    let base = Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics)).merge(super::call_page::routes()).with_state(state);
    match pages {
        Some(p) => base.merge(p),
        None => base,
    }
}

async fn healthz(State(state): State<HttpState>) -> impl IntoResponse {
    let health = (state.health)();
    let body = serde_json::json!({
        "status": if health.ok { "ok" } else { "unavailable" },
        "reason": health.reason,
        "active_calls": state.metrics.active_calls(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    let code = if health.ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, [(header::CONTENT_TYPE, "application/json")], body.to_string())
}

async fn metrics(State(state): State<HttpState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::web::metrics::TurnLatency;

    /// One HTTP/1.1 GET over a fresh connection; returns the status code and the body.
    async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).await.unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).await.unwrap();
        let (head, body) = resp.split_once("\r\n\r\n").unwrap();
        let code = head.split(' ').nth(1).unwrap().parse().unwrap();
        (code, body.to_string())
    }

    #[tokio::test]
    async fn health_and_metrics_over_loopback() {
        let metrics = Arc::new(Metrics::new());
        let healthy = Arc::new(AtomicBool::new(true));
        let flag = healthy.clone();
        let state = HttpState::new(metrics.clone())
            .with_health(move || Health { ok: flag.load(Ordering::Relaxed), reason: (!flag.load(Ordering::Relaxed)).then(|| "no SIP socket".into()) });
        let server = HttpServer::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = server.local_addr().unwrap();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run(state, async {
            let _ = stop_rx.await;
        }));

        metrics.call_started();
        metrics.observe_turn(TurnLatency {
            speech_end_to_text: Duration::from_millis(420),
            text_to_answer: Duration::from_millis(3),
            answer_to_first_audio: Duration::from_millis(250),
            total: Duration::from_millis(673),
        });
        let (code, body) = get(addr, "/metrics").await;
        assert_eq!(code, 200);
        assert!(body.contains("standardiste_turn_seconds_bucket{stage=\"total\",le=\"0.75\"} 1"), "{body}");
        assert!(body.contains("standardiste_turn_seconds_count{stage=\"recognition\"} 1"));

        let (code, body) = get(addr, "/healthz").await;
        assert_eq!(code, 200);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["active_calls"], 1);
        healthy.store(false, Ordering::Relaxed);
        let (code, body) = get(addr, "/healthz").await;
        assert_eq!(code, 503);
        assert!(body.contains("no SIP socket"), "{body}");
        assert_eq!(get(addr, "/nothing").await.0, 404);

        stop_tx.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), task).await.expect("the server stops").unwrap().unwrap();
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    }

    #[tokio::test]
    async fn a_busy_address_is_named() {
        let first = HttpServer::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = first.local_addr().unwrap();
        let err = serve_http(addr, HttpState::new(Arc::new(Metrics::new())), async {}).await.unwrap_err();
        assert!(err.to_string().contains(&addr.to_string()), "{err}");
    }
}
