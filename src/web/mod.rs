//! The web side of the service: the HTTP listener (health, metrics), the metrics registry, the
//! residents' pages (home, text mode, accessibility statement) and the clerks' desk.
//! the "Appeler la mairie" page with its WebRTC signalling (the call itself is in [`crate::call::browser`]).

#![warn(missing_docs)]

pub mod admin;
pub mod call_page;
pub mod http;
pub mod metrics;
pub mod pages;
pub mod session;
pub mod site;

pub use http::{serve_http, Health, HttpError, HttpServer, HttpState};
pub use metrics::{Metrics, TurnLatency};
pub use site::Site;
