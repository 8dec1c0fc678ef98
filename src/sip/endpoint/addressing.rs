//! What we call things and ourselves: call references, tags, branches, our Via and Contact.

use std::net::SocketAddr;

use super::{CallRef, Endpoint};
use crate::sip::transport::Transport;

impl Endpoint {
    fn next_u64(&mut self) -> u64 {
        // xorshift64*: deterministic from the seed, good enough for tags and branches.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A fresh reference for a new call.
    pub(super) fn next_call_ref(&mut self) -> CallRef {
        let call = CallRef(self.next_call);
        self.next_call += 1;
        call
    }

    /// A fresh random token (tags, Call-IDs, cnonces).
    pub(super) fn token(&mut self) -> String {
        format!("{:016x}", self.next_u64())
    }

    fn branch(&mut self) -> String {
        format!("z9hG4bK{}", self.token())
    }

    fn public(&self) -> SocketAddr {
        self.cfg.public_addr.unwrap_or(self.cfg.udp_addr)
    }

    /// Our `host:port` as written in Via and Contact for `transport`.
    pub(super) fn host_port(&self, transport: Transport) -> String {
        let a = match transport {
            Transport::Tcp => self
                .cfg
                .public_addr
                .map(|p| SocketAddr::new(p.ip(), self.cfg.tcp_addr.map(|t| t.port()).unwrap_or(p.port())))
                .or(self.cfg.tcp_addr)
                .unwrap_or(self.public()),
            Transport::Udp => self.public(),
        };
        match a {
            SocketAddr::V4(v4) => v4.to_string(),
            SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
        }
    }

    /// A Via header value with a fresh branch, and that branch.
    pub(super) fn via(&mut self, transport: Transport) -> (String, String) {
        let b = self.branch();
        (format!("SIP/2.0/{} {};branch={b};rport", transport.via_name(), self.host_port(transport)), b)
    }

    fn contact_user(&self) -> String {
        self.cfg.registration.as_ref().map(|r| r.username.clone()).unwrap_or_else(|| self.cfg.contact_user.clone())
    }

    /// Our Contact URI on `transport`.
    pub(super) fn contact_uri(&self, transport: Transport) -> String {
        let user = self.contact_user();
        match transport {
            Transport::Udp => format!("sip:{user}@{}", self.host_port(transport)),
            Transport::Tcp => format!("sip:{user}@{};transport=tcp", self.host_port(transport)),
        }
    }

    /// Contact for one call: the configured address, or, when that is a wildcard (0.0.0.0), the
    /// address the caller reached us at (its Request-URI).
    pub(super) fn call_contact(&self, call: CallRef) -> String {
        let Some(c) = self.calls.get(&call) else {
            return self.contact_uri(Transport::Udp);
        };
        let t = c.dialog.transport;
        match &c.local_host {
            Some(h) if self.public().ip().is_unspecified() => {
                let user = self.contact_user();
                match t {
                    Transport::Udp => format!("sip:{user}@{h}"),
                    Transport::Tcp => format!("sip:{user}@{h};transport=tcp"),
                }
            }
            _ => self.contact_uri(t),
        }
    }
}
