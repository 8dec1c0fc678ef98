//! The state of one call: which side we are, how far it got, its dialog, and the 2xx awaiting its ACK.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::sip::dialog::Dialog;
use crate::sip::message::Message;
use crate::sip::transaction::T1;
use crate::sip::transport::Transport;

/// Which side of the call we are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Uas,
    Uac,
}

/// How far the call got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CallState {
    /// UAS: INVITE received, 100 sent.
    Incoming,
    /// UAS: 2xx sent, waiting for ACK.
    Accepted,
    /// UAC: INVITE sent.
    Calling,
    /// UAC: provisional received.
    Early,
    /// Dialog confirmed.
    Confirmed,
    /// BYE sent, waiting for its response.
    Terminating,
}

/// A 2xx we keep retransmitting until the ACK (RFC 3261 §13.3.1.4).
#[derive(Debug, Clone)]
pub(super) struct PendingOk {
    pub(super) bytes: Vec<u8>,
    pub(super) cseq: u32,
    pub(super) next: Option<Instant>,
    pub(super) interval: Duration,
    pub(super) give_up: Instant,
}

impl PendingOk {
    /// A 2xx just sent at `now`: retransmitted from T1 over UDP, given up after 64·T1.
    pub(super) fn new(now: Instant, bytes: Vec<u8>, cseq: u32, transport: Transport) -> Self {
        let udp = transport == Transport::Udp;
        PendingOk { bytes, cseq, next: udp.then(|| now + T1), interval: T1, give_up: now + 64 * T1 }
    }

    /// When this 2xx next needs attention (a retransmission or giving up).
    pub(super) fn deadline(&self) -> Instant {
        self.next.map_or(self.give_up, |n| n.min(self.give_up))
    }
}

/// One call, incoming or outgoing.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub(super) role: Role,
    pub(super) state: CallState,
    pub(super) dialog: Dialog,
    /// Server transaction of the initial INVITE (UAS) or client key of our INVITE (UAC).
    pub(super) invite_tx: String,
    /// Our INVITE, for CANCEL and authenticated retries (UAC).
    pub(super) invite_msg: Option<Message>,
    pub(super) invite_dest: SocketAddr,
    pub(super) offer_in_invite: bool,
    pub(super) pending_ok: Option<PendingOk>,
    /// Server transaction of a re-INVITE awaiting the engine's reply.
    pub(super) reinvite_tx: Option<String>,
    pub(super) hangup_after_ack: bool,
    pub(super) cancel_when_provisional: bool,
    pub(super) auth_tries: u32,
    pub(super) ack_bytes: Option<Vec<u8>>,
    pub(super) refer_pending: bool,
    /// The Refer-To URI of the REFER in progress (what a refused REFER is bridged to).
    pub(super) refer_target: Option<String>,
    /// UAC: when an unanswered INVITE of ours is cancelled (the ring limit).
    pub(super) ring_deadline: Option<Instant>,
    /// UAC: the ring limit passed; the call ends as a timeout, not a hang-up.
    pub(super) ring_expired: bool,
    /// Our address as the peer wrote it in the Request-URI (used in Contact when we listen on 0.0.0.0).
    pub(super) local_host: Option<String>,
}

impl Call {
    /// A call the peer's INVITE (server transaction `invite_tx`, from `source`) just created.
    pub(super) fn incoming(dialog: Dialog, invite_tx: String, source: SocketAddr, offer_in_invite: bool, local_host: Option<String>) -> Self {
        Call { local_host, ..Call::new(Role::Uas, CallState::Incoming, dialog, invite_tx, None, source, offer_in_invite) }
    }

    /// A call we place with `invite` (client transaction `invite_tx`) sent to `dest`.
    pub(super) fn outgoing(dialog: Dialog, invite_tx: String, invite: Message, dest: SocketAddr, offer_in_invite: bool) -> Self {
        Call::new(Role::Uac, CallState::Calling, dialog, invite_tx, Some(invite), dest, offer_in_invite)
    }

    fn new(
        role: Role,
        state: CallState,
        dialog: Dialog,
        invite_tx: String,
        invite_msg: Option<Message>,
        invite_dest: SocketAddr,
        offer_in_invite: bool,
    ) -> Self {
        Call {
            role,
            state,
            dialog,
            invite_tx,
            invite_msg,
            invite_dest,
            offer_in_invite,
            pending_ok: None,
            reinvite_tx: None,
            hangup_after_ack: false,
            cancel_when_provisional: false,
            auth_tries: 0,
            ack_bytes: None,
            refer_pending: false,
            refer_target: None,
            ring_deadline: None,
            ring_expired: false,
            local_host: None,
        }
    }
}
