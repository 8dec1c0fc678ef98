//! What the endpoint hands out: outputs for the IO shell, events for the call engine, call references.

use std::net::SocketAddr;
use std::time::Instant;

use crate::sip::transport::Transport;

/// Identifies one call for the life of the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallRef(pub u64);

/// Why a call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// The peer sent BYE.
    RemoteBye,
    /// We hung up (BYE answered, CANCEL done, or we declined).
    LocalHangup,
    /// The caller cancelled before we answered.
    Cancelled,
    /// A final error status ended the call (ours via `reject`, or the peer's to our INVITE).
    Rejected(u16),
    /// The peer stopped answering (timer B/F, or no ACK to our 2xx).
    Timeout,
}

/// Something the call engine must know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A new call; 100 Trying has been sent. Reply with `ring`, `accept` or `reject`.
    Incoming {
        /// The call.
        call: CallRef,
        /// From URI.
        from: String,
        /// To URI.
        to: String,
        /// Request-URI (whose user part is the number dialled).
        request_uri: String,
        /// SDP offer, if the INVITE had one.
        offer: Option<Vec<u8>>,
        /// Source address of the INVITE.
        source: SocketAddr,
    },
    /// ACK received: the call is up (answer = SDP in the ACK when we offered in the 200).
    Established {
        /// The call.
        call: CallRef,
        /// SDP answer carried by the ACK.
        answer: Option<Vec<u8>>,
    },
    /// A re-INVITE: reply with `accept_reoffer` or `reject`.
    ReOffer {
        /// The call.
        call: CallRef,
        /// The new offer, if any.
        offer: Option<Vec<u8>>,
    },
    /// A DTMF digit received in an INFO.
    Dtmf {
        /// The call.
        call: CallRef,
        /// 0-9, *, #, A-D.
        digit: char,
        /// Duration in milliseconds (0 if not given).
        duration_ms: u32,
    },
    /// Our outbound INVITE got 200 (ACK already sent).
    Answered {
        /// The call.
        call: CallRef,
        /// SDP answer.
        answer: Vec<u8>,
    },
    /// The call is over.
    Ended {
        /// The call.
        call: CallRef,
        /// Why.
        reason: EndReason,
    },
    /// Outcome of a `refer`.
    TransferResult {
        /// The call that was transferred.
        call: CallRef,
        /// Whether the transfer target answered.
        ok: bool,
    },
    /// Our REFER was refused (a final error, or no answer): the call is still ours, and may be
    /// bridged to `target` with an outgoing INVITE; else report a failed transfer.
    ReferRefused {
        /// The call whose transfer was refused.
        call: CallRef,
        /// The resolved transfer target (a SIP URI).
        target: String,
        /// The REFER's final status (408 when it got none).
        code: u16,
    },
    /// Registration state changed.
    Registration {
        /// Whether we are registered now.
        registered: bool,
        /// What happened, for logs.
        detail: String,
    },
}

/// What the endpoint wants the IO shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Send bytes (a TCP message goes on the connection to/from `to`).
    Transmit {
        /// Transport.
        transport: Transport,
        /// Destination.
        to: SocketAddr,
        /// One whole SIP message.
        bytes: Vec<u8>,
    },
    /// Tell the call engine.
    Event(Event),
    /// Call `handle_timeout` at this instant; always the last output of a drain.
    Timeout(Instant),
}
