//! Media: RTP/RTCP, G.711, RFC 4733 DTMF, jitter buffer, paced sending, SDP — sans-IO cores.

pub mod dtmf;
pub mod g711;
pub mod io;
pub mod jitter;
pub mod pacer;
pub mod relay;
pub mod rtcp;
pub mod rtp;
pub mod sdp;
pub mod session;
pub mod vad;

pub use session::{Channel, MediaOutput, MediaSession};
