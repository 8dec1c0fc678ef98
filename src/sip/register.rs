//! Registration with a trunk or PBX (RFC 3261 §10): digest auth, refresh before expiry, back-off on failure.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::digest::Challenge;
use super::message::{Message, NameAddr};
use super::transport::Transport;

/// Where and as whom to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationConfig {
    /// Registrar URI, e.g. `sip:pbx.example.org`.
    pub registrar_uri: String,
    /// Resolved address of the registrar (the IO shell resolves names).
    pub registrar_addr: SocketAddr,
    /// Transport to the registrar.
    pub transport: Transport,
    /// Address of record, e.g. `sip:mairie@pbx.example.org`.
    pub aor: String,
    /// Digest username.
    pub username: String,
    /// Digest password.
    pub password: String,
    /// Requested expiry in seconds.
    pub expires: u32,
}

/// Smallest back-off after a failure.
pub const BACKOFF_MIN: Duration = Duration::from_secs(5);
/// Largest back-off after repeated failures.
pub const BACKOFF_MAX: Duration = Duration::from_secs(600);

/// What a REGISTER response meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegOutcome {
    /// Send the REGISTER again now (with credentials, or a new expiry).
    Retry,
    /// Registered for this many seconds.
    Registered(u32),
    /// Failed; retrying after back-off.
    Failed(String),
    /// Provisional; keep waiting.
    Pending,
}

/// Registration state machine; the endpoint sends what it builds.
#[derive(Debug, Clone)]
pub struct Registration {
    /// Configuration.
    pub config: RegistrationConfig,
    call_id: String,
    local_tag: String,
    cseq: u32,
    challenge: Option<(Challenge, bool)>,
    nc: u32,
    auth_retries: u32,
    failures: u32,
    expires: u32,
    /// Whether the registrar currently holds our binding.
    pub registered: bool,
    /// When the next REGISTER is due (None while one is in flight).
    pub next_at: Option<Instant>,
    /// Client transaction key of the REGISTER in flight.
    pub in_flight: Option<String>,
}

impl Registration {
    /// New registration; nothing is due until `next_at` is set (the endpoint's first timeout).
    pub fn new(config: RegistrationConfig, call_id: String, local_tag: String) -> Self {
        let expires = config.expires;
        Registration {
            config,
            call_id,
            local_tag,
            cseq: 0,
            challenge: None,
            nc: 0,
            auth_retries: 0,
            failures: 0,
            expires,
            registered: false,
            next_at: None,
            in_flight: None,
        }
    }

    /// Builds the next REGISTER (`expires` 0 unregisters).
    pub fn build(&mut self, via: &str, contact_uri: &str, user_agent: &str, cnonce: &str, unregister: bool) -> Message {
        self.cseq += 1;
        let expires = if unregister { 0 } else { self.expires };
        let mut m = Message::request("REGISTER", &self.config.registrar_uri);
        m.push("Via", via);
        m.push("Max-Forwards", "70");
        m.push("From", format!("<{}>;tag={}", self.config.aor, self.local_tag));
        m.push("To", format!("<{}>", self.config.aor));
        m.push("Call-ID", self.call_id.clone());
        m.push("CSeq", format!("{} REGISTER", self.cseq));
        m.push("Contact", format!("<{contact_uri}>;expires={expires}"));
        m.push("Expires", expires.to_string());
        m.push("User-Agent", user_agent);
        if let Some((c, proxy)) = &self.challenge {
            self.nc += 1;
            let h = c.authorization(&self.config.username, &self.config.password, "REGISTER", &self.config.registrar_uri, self.nc, cnonce);
            m.push(if *proxy { "Proxy-Authorization" } else { "Authorization" }, h);
        }
        m
    }

    fn backoff(&mut self, now: Instant) {
        self.failures += 1;
        let d = BACKOFF_MIN.saturating_mul(1 << (self.failures - 1).min(10)).min(BACKOFF_MAX);
        self.next_at = Some(now + d);
        self.registered = false;
    }

    /// Feeds the final or provisional response to the REGISTER in flight.
    pub fn on_response(&mut self, now: Instant, resp: &Message, contact_uri: &str) -> RegOutcome {
        let code = resp.code().unwrap_or(0);
        if code < 200 {
            return RegOutcome::Pending;
        }
        self.in_flight = None;
        match code {
            200..=299 => {
                self.failures = 0;
                self.auth_retries = 0;
                // Granted expiry: our Contact's expires param, else Expires, else what we asked.
                let granted = resp
                    .headers_named("Contact")
                    .filter_map(NameAddr::parse)
                    .find(|c| c.uri == contact_uri)
                    .and_then(|c| c.param("expires"))
                    .and_then(|e| e.parse().ok())
                    .or_else(|| resp.header("Expires").and_then(|e| e.parse().ok()))
                    .unwrap_or(self.expires);
                self.registered = granted > 0;
                // Refresh well before expiry: halfway for short bindings, 30 s early for long ones.
                let lead = (granted / 2).min(30);
                self.next_at = (granted > 0).then(|| now + Duration::from_secs(u64::from(granted - lead).max(1)));
                RegOutcome::Registered(granted)
            }
            401 | 407 => {
                let header = if code == 401 { "WWW-Authenticate" } else { "Proxy-Authenticate" };
                let challenge = Challenge::best(resp.headers_named(header));
                match challenge {
                    Some(c) if self.auth_retries == 0 || c.stale => {
                        self.auth_retries += 1;
                        self.nc = 0;
                        self.challenge = Some((c, code == 407));
                        RegOutcome::Retry
                    }
                    Some(_) => {
                        self.challenge = None;
                        self.auth_retries = 0;
                        self.backoff(now);
                        RegOutcome::Failed(format!("{code}: credentials refused"))
                    }
                    None => {
                        self.backoff(now);
                        RegOutcome::Failed(format!("{code}: no supported digest challenge"))
                    }
                }
            }
            423 => match resp.header("Min-Expires").and_then(|v| v.parse::<u32>().ok()) {
                Some(min) if min > self.expires => {
                    self.expires = min;
                    RegOutcome::Retry
                }
                _ => {
                    self.backoff(now);
                    RegOutcome::Failed("423 without usable Min-Expires".into())
                }
            },
            _ => {
                self.backoff(now);
                RegOutcome::Failed(format!("{code} {}", reason(resp)))
            }
        }
    }

    /// The REGISTER in flight got no answer.
    pub fn on_timeout(&mut self, now: Instant) -> RegOutcome {
        self.in_flight = None;
        self.backoff(now);
        RegOutcome::Failed("registrar did not answer".into())
    }
}

fn reason(m: &Message) -> String {
    match &m.start {
        super::message::StartLine::Response { reason, .. } => reason.clone(),
        _ => String::new(),
    }
}
