//! SIP user agent (RFC 3261) for the switchboard: a sans-IO core and a thin tokio shell.
//!
//! Layout: [`message`] parses and writes messages, [`transaction`] holds the RFC 3261 §17 state
//! machines and timers, [`dialog`] the dialog state, [`digest`] and [`register`] authentication and
//! registration, [`endpoint`] ties them into one user agent driven by `handle_input` /
//! `handle_timeout` / `poll_output`, and [`server`] is the only part that touches sockets and clocks.
//!
//! Why hand-written rather than a crate:
//! - `rsipstack` is a full stack, but its transaction and dialog layers own UDP/TCP sockets and spawn
//!   tokio tasks with their own timers. That breaks the sans-IO rule (no deterministic fake-clock
//!   tests of timers A–K, no way to drive it from a replayed byte stream), and its dialog API is
//!   shaped around its own transport layer.
//! - `rsip` is a message model only (no transactions); its parser is nom-based and is lenient where
//!   RFC 4475 expects a 400 (e.g. it does not tell us which request could still be answered), so we
//!   would still need our own validation pass. A small parser that keeps the partial request of a
//!   malformed message (to answer 400/505/513 with the right Via) fits the "bad input gets the right
//!   4xx" rule better, and is a few hundred lines.

pub mod cidr;
pub mod dialog;
pub mod digest;
pub mod endpoint;
pub mod message;
pub mod register;
pub mod server;
pub mod transaction;

#[cfg(test)]
mod tests;

pub use endpoint::{CallRef, EndReason, Endpoint, EndpointConfig, Event, Output, Transport};
