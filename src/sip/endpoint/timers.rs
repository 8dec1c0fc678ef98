//! Time: the transaction timers A–K, the 2xx retransmitted until its ACK, the registration refresh,
//! and the soonest of their deadlines.

use std::net::SocketAddr;
use std::time::Instant;

use super::call::CallState;
use super::{CallRef, EndReason, Endpoint, Owner};
use crate::sip::transaction::{ClientState, ServerState, TimerAction, T2};
use crate::sip::transport::Transport;

/// Bytes a timer asks to send again: transport, destination, message.
type Retransmission = (Transport, SocketAddr, Vec<u8>);

impl Endpoint {
    /// Runs every timer due at `now` (the body of `handle_timeout`).
    pub(super) fn run_timers(&mut self, now: Instant) {
        let mut retx = self.server_tx_timers(now);
        let timed_out = self.client_tx_timers(now, &mut retx);
        for (t, to, b) in retx {
            self.transmit(t, to, b);
        }
        for owner in timed_out {
            self.on_client_timeout(now, owner);
        }
        self.pending_ok_timers(now);
        let rung: Vec<CallRef> = self.calls.iter().filter(|(_, c)| c.ring_deadline.is_some_and(|d| d <= now)).map(|(r, _)| *r).collect();
        for call in rung {
            self.ring_expired(now, call);
        }
        let due = self.registration.as_ref().and_then(|r| r.next_at).is_some_and(|t| t <= now);
        if due {
            self.send_register(now, false);
        }
    }

    /// The earliest instant any timer needs `handle_timeout`, if any is armed.
    pub(super) fn next_deadline(&self) -> Option<Instant> {
        let server = self.server_txs.values().filter_map(|tx| tx.deadline());
        let client = self.client_txs.values().filter_map(|(tx, _)| tx.deadline());
        let pending_ok = self.calls.values().filter_map(|c| c.pending_ok.as_ref().map(|p| p.deadline()));
        let ring = self.calls.values().filter_map(|c| c.ring_deadline);
        let registration = self.registration.as_ref().and_then(|r| r.next_at);
        server.chain(client).chain(pending_ok).chain(ring).chain(registration).min()
    }

    /// Server transactions (timers G, H, I, J): their retransmissions; the finished ones removed.
    fn server_tx_timers(&mut self, now: Instant) -> Vec<Retransmission> {
        let mut retx = Vec::new();
        let mut dead = Vec::new();
        for (k, tx) in self.server_txs.iter_mut() {
            while tx.deadline().is_some_and(|d| d <= now) {
                match tx.on_timer(now) {
                    Some(TimerAction::Retransmit(b)) => retx.push((tx.transport, tx.peer, b)),
                    Some(TimerAction::TimedOut) | None => {}
                }
                if tx.state == ServerState::Terminated {
                    dead.push(k.clone());
                    break;
                }
            }
        }
        for k in dead {
            self.server_txs.remove(&k);
            self.server_tx_call.remove(&k);
        }
        retx
    }

    /// Client transactions (timers A, B, D, E, F, K): retransmissions added to `retx`, the owners
    /// of those that timed out returned; the finished ones removed.
    fn client_tx_timers(&mut self, now: Instant, retx: &mut Vec<Retransmission>) -> Vec<Owner> {
        let mut timed_out = Vec::new();
        let mut dead = Vec::new();
        for (k, (tx, owner)) in self.client_txs.iter_mut() {
            while tx.deadline().is_some_and(|d| d <= now) {
                match tx.on_timer(now) {
                    Some(TimerAction::Retransmit(b)) => retx.push((tx.transport, tx.to, b)),
                    Some(TimerAction::TimedOut) => timed_out.push(*owner),
                    None => {}
                }
                if tx.state == ClientState::Terminated {
                    dead.push(k.clone());
                    break;
                }
            }
        }
        for k in dead {
            self.client_txs.remove(&k);
        }
        timed_out
    }

    /// A request of ours got no final answer (timer B or F).
    fn on_client_timeout(&mut self, now: Instant, owner: Owner) {
        match owner {
            Owner::Call(call) | Owner::Bye(call) => self.end_call(call, EndReason::Timeout),
            Owner::Refer(call) => self.refer_failed(call, 408),
            Owner::Cancel => {}
            Owner::Register => self.on_register_timeout(now),
        }
    }

    /// 2xx retransmission until ACK (timer T1 doubling to T2); after 64·T1 without ACK, BYE.
    fn pending_ok_timers(&mut self, now: Instant) {
        let mut ok_retx = Vec::new();
        let mut ack_timeouts: Vec<CallRef> = Vec::new();
        for (r, c) in self.calls.iter_mut() {
            let Some(p) = c.pending_ok.as_mut() else {
                continue;
            };
            if now >= p.give_up {
                ack_timeouts.push(*r);
                continue;
            }
            if let Some(n) = p.next {
                if now >= n {
                    p.interval = (p.interval * 2).min(T2);
                    p.next = Some(now + p.interval);
                    ok_retx.push((c.dialog.transport, c.dialog.peer, p.bytes.clone()));
                }
            }
        }
        for (t, to, b) in ok_retx {
            self.transmit(t, to, b);
        }
        for call in ack_timeouts {
            let c = self.calls.get_mut(&call).unwrap();
            c.pending_ok = None;
            c.state = CallState::Confirmed;
            self.send_bye(now, call);
            self.end_call(call, EndReason::Timeout);
        }
    }
}
