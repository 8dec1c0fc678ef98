//! Registration with the trunk: REGISTER sent in a client transaction, its responses and timeout
//! fed to the `sip::register` state machine, and `unregister` at shutdown.

use std::time::Instant;

use super::{Endpoint, Event, Owner};
use crate::sip::message::Message;
use crate::sip::register::RegOutcome;
use crate::sip::transaction::client_key;
use crate::sip::transport::Transport;

impl Endpoint {
    /// Removes a registration binding (REGISTER with expires 0), e.g. at shutdown.
    pub fn unregister(&mut self, now: Instant) {
        self.timeout_reported = false;
        if self.is_registered() {
            self.send_register(now, true);
        }
    }

    /// Sends a REGISTER (or, with `unregister`, its expires-0 form).
    pub(super) fn send_register(&mut self, now: Instant, unregister: bool) {
        let Some(t) = self.registration.as_ref().map(|r| r.config.transport) else {
            return;
        };
        let (via, branch) = self.via(t);
        let contact = self.contact_uri(t);
        let cnonce = self.token();
        let ua = self.cfg.user_agent.clone();
        let reg = self.registration.as_mut().unwrap();
        let m = reg.build(&via, &contact, &ua, &cnonce, unregister);
        let to = reg.config.registrar_addr;
        let key = client_key(&branch, "REGISTER");
        reg.in_flight = Some(key);
        reg.next_at = None;
        let bytes = m.to_bytes();
        self.start_client_tx(now, branch, "REGISTER", t, to, bytes, Owner::Register);
    }

    /// A response to our REGISTER.
    pub(super) fn on_register_response(&mut self, now: Instant, msg: &Message) {
        let contact = self.registration_contact();
        let Some(reg) = self.registration.as_mut() else {
            return;
        };
        match reg.on_response(now, msg, &contact) {
            RegOutcome::Pending => {}
            RegOutcome::Retry => self.send_register(now, false),
            RegOutcome::Registered(secs) => {
                let r = secs > 0;
                self.emit(Event::Registration { registered: r, detail: format!("registered for {secs} s") });
            }
            RegOutcome::Failed(detail) => self.emit(Event::Registration { registered: false, detail }),
        }
    }

    /// Our REGISTER got no answer (timer F).
    pub(super) fn on_register_timeout(&mut self, now: Instant) {
        if let Some(reg) = self.registration.as_mut() {
            if let RegOutcome::Failed(detail) = reg.on_timeout(now) {
                self.emit(Event::Registration { registered: false, detail });
            }
        }
    }

    fn registration_contact(&self) -> String {
        let t = self.registration.as_ref().map(|r| r.config.transport).unwrap_or(Transport::Udp);
        self.contact_uri(t)
    }
}
