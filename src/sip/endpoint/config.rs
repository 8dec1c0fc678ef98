//! How the user agent is configured: addresses, identity, registration, limits.

use std::net::SocketAddr;
use std::time::Duration;

use crate::sip::cidr::Cidr;
use crate::sip::message::DEFAULT_MAX_MESSAGE;
use crate::sip::register::RegistrationConfig;

/// Configuration of the user agent.
#[derive(Clone, Debug)]
pub struct EndpointConfig {
    /// Local UDP address.
    pub udp_addr: SocketAddr,
    /// Local TCP address, if listening on TCP.
    pub tcp_addr: Option<SocketAddr>,
    /// Address written in Via and Contact (defaults to `udp_addr`).
    pub public_addr: Option<SocketAddr>,
    /// User part of our Contact.
    pub contact_user: String,
    /// User-Agent / Server header value.
    pub user_agent: String,
    /// Registration with a trunk, if any.
    pub registration: Option<RegistrationConfig>,
    /// Source networks allowed to send requests (empty = everyone).
    pub allowed_sources: Vec<Cidr>,
    /// Largest accepted message in bytes (bigger requests get 513).
    pub max_message: usize,
    /// Most simultaneous calls; beyond, INVITEs get 503.
    pub max_calls: usize,
    /// Seed for tags, branches and Call-IDs.
    pub seed: u64,
    /// How long an INVITE of ours may ring unanswered before we CANCEL it.
    pub ring_limit: Duration,
}

impl Default for EndpointConfig {
    fn default() -> Self {
        EndpointConfig {
            udp_addr: "127.0.0.1:5060".parse().unwrap(),
            tcp_addr: None,
            public_addr: None,
            contact_user: "standardiste".into(),
            user_agent: concat!("standardiste/", env!("CARGO_PKG_VERSION")).into(),
            registration: None,
            allowed_sources: Vec::new(),
            max_message: DEFAULT_MAX_MESSAGE,
            max_calls: 64,
            seed: 0x5eed_cafe,
            ring_limit: Duration::from_secs(30),
        }
    }
}
