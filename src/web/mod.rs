//! The web side of the service: the HTTP listener (health, metrics) and the metrics registry.
//! and the "Appeler la mairie" page with its WebRTC signalling (the call itself is in
//! [`crate::call::browser`]).

#![warn(missing_docs)]

pub mod call_page;
pub mod http;
pub mod metrics;

pub use http::{serve_http, Health, HttpError, HttpServer, HttpState};
pub use metrics::{Metrics, TurnLatency};
