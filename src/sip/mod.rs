//! SIP user agent (RFC 3261) for the switchboard: a sans-IO core and a thin tokio shell.
//!
//! Layout: [`message`] parses and writes messages, [`transaction`] holds the RFC 3261 §17 state
//! machines and timers, [`dialog`] the dialog state, [`digest`] and [`register`] authentication and
//! registration, [`transport`] the one type they all share, [`endpoint`] ties them into one user
//! agent driven by `handle_input` / `handle_timeout` / `poll_output` (one file per job: UAS, UAC,
//! REFER, registration, timers), and [`server`] is the only part that touches sockets and clocks.
//! Imports run one way: `transport` and `message` are leaves, `endpoint` uses the state machines,
//! `server` uses `endpoint`; nothing imports its importer.
//!
//! Why hand-written rather than a crate (evaluated 2026-11):
//! - `rsipstack` (0.4–0.7) is a full stack, but it is not sans-IO: its `transaction::endpoint`
//!   runs a `tokio::select!` loop over a `TransportLayer` with unbounded channels and a
//!   `CancellationToken`, `transport::udp::UdpConnection` binds its own `tokio::net::UdpSocket`, and
//!   its timers read the wall clock. Timers A–K could then only be tested with real sleeps, a
//!   replayed byte stream could not drive it, and our per-source fairness would sit behind its queue.
//! - `rsip` (which rsipstack builds on) is a message model only (no transactions, no dialogs). We
//!   would still need our own validation pass for the RFC 4475 cases, and a way to keep the partial
//!   request of a malformed message so that it can still be answered 400/505/513 with the right
//!   Via. A small parser that does exactly that is a few hundred lines and has no dependencies.

#![warn(missing_docs)]

pub mod cidr;
pub mod dialog;
pub mod digest;
pub mod endpoint;
pub mod message;
pub mod register;
pub mod server;
pub mod transaction;
pub mod transport;

#[cfg(test)]
mod tests;

pub use endpoint::{CallRef, EndReason, Endpoint, EndpointConfig, Event, Output};
pub use transport::Transport;
