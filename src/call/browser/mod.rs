//! The browser call leg: a resident calls from the `/appeler` page over WebRTC (str0m, Opus at
//! 16 kHz), reaching the same call engine and driver as a phone call. The page's keypad and the
//! live captions travel on a WebRTC data channel.

pub mod leg;
pub mod session;
#[cfg(test)]
mod tests;

pub use leg::{BrowserCallError, BrowserCalls};
pub use session::{BrowserOutput, BrowserSession, SessionError};
