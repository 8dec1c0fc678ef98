//! The web side of the service: the HTTP listener (health, metrics) and the metrics registry.
//! (The WebRTC page and the clerks' desk will live here too.)

#![warn(missing_docs)]

pub mod http;
pub mod metrics;

pub use http::{serve_http, Health, HttpError, HttpServer, HttpState};
pub use metrics::{Metrics, TurnLatency};
