//! `standardiste.toml`: the one configuration file (SIP, RTP, trunk, security, town, speech), strict and defaulted.

#![warn(missing_docs)]

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::sip::cidr::Cidr;
use crate::sip::endpoint::{EndpointConfig, Transport};
use crate::sip::register::RegistrationConfig;
use crate::sip::server::{ServerConfig, DEFAULT_PER_SOURCE_QUEUE};

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A syntax or type error at a place in the file.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the field.
        message: String,
    },
    /// A value that is well-typed but unusable.
    #[error("{path}: [{section}] {field}: {message}")]
    Invalid {
        /// The file (or "<defaults>").
        path: PathBuf,
        /// Table name.
        section: &'static str,
        /// Field name.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// SIP listener and identity.
    pub sip: SipSection,
    /// RTP media ports.
    pub rtp: RtpSection,
    /// Optional trunk / PBX registration.
    pub trunk: Option<TrunkSection>,
    /// Who may call.
    pub security: SecuritySection,
    /// The town knowledge file (one town answering every number).
    pub town: TownSection,
    /// Several towns in one service, each reached by its own numbers (`[[towns]]`, instead of `[town]`).
    pub towns: Vec<TownEntry>,
    /// Speech models.
    pub speech: SpeechSection,
    /// The embedded database (calls, messages, unanswered questions).
    pub store: StoreSection,
    /// Optional HTTP listener (health and metrics); absent = none.
    pub http: Option<HttpSection>,
    #[serde(skip)]
    path: PathBuf,
}

/// `[sip]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SipSection {
    /// UDP listen address.
    pub udp: SocketAddr,
    /// TCP listen address; absent disables TCP.
    pub tcp: Option<SocketAddr>,
    /// Address written in Via, Contact and SDP (when behind NAT or listening on 0.0.0.0).
    pub public_address: Option<String>,
    /// User-Agent / Server header.
    pub user_agent: String,
    /// User part of our Contact when not registered.
    pub contact_user: String,
    /// Simultaneous calls before 503.
    pub max_calls: usize,
    /// Largest SIP message accepted, in bytes.
    pub max_message_bytes: usize,
    /// Seconds a stopping node lets its calls finish before it hangs them up.
    pub drain_timeout: u64,
    /// Seconds a bridged transfer's outgoing call may ring before it is cancelled.
    pub ring_timeout: u64,
}

impl Default for SipSection {
    fn default() -> Self {
        SipSection {
            udp: "0.0.0.0:5060".parse().unwrap(),
            tcp: Some("0.0.0.0:5060".parse().unwrap()),
            public_address: None,
            user_agent: concat!("standardiste/", env!("CARGO_PKG_VERSION")).into(),
            contact_user: "standardiste".into(),
            max_calls: 32,
            max_message_bytes: crate::sip::message::DEFAULT_MAX_MESSAGE,
            drain_timeout: 600,
            ring_timeout: 30,
        }
    }
}

/// `[rtp]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RtpSection {
    /// Lowest RTP port (even).
    pub port_min: u16,
    /// Highest RTP port.
    pub port_max: u16,
    /// Seconds a side of a bridged call may send no RTP or RTCP before both sides are hung up.
    pub media_timeout: u64,
}

impl Default for RtpSection {
    fn default() -> Self {
        RtpSection { port_min: 10_000, port_max: 20_000, media_timeout: 60 }
    }
}

/// `[trunk]`: registration with a PBX or operator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrunkSection {
    /// Registrar URI, e.g. `sip:pbx.mairie.local`.
    pub registrar: String,
    /// Outbound proxy `host:port` if not the registrar's host.
    pub proxy: Option<String>,
    /// `udp` or `tcp`.
    #[serde(default = "default_transport")]
    pub transport: String,
    /// Address of record; defaults to `sip:<username>@<registrar host>`.
    pub aor: Option<String>,
    /// Digest username.
    pub username: String,
    /// Password in clear (prefer `password_env`).
    pub password: Option<String>,
    /// Name of the environment variable holding the password.
    pub password_env: Option<String>,
    /// Registration expiry in seconds.
    #[serde(default = "default_expires")]
    pub expires: u32,
}

fn default_transport() -> String {
    "udp".into()
}

fn default_expires() -> u32 {
    600
}

/// `[security]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecuritySection {
    /// Source networks allowed to send SIP requests (CIDR); empty allows everyone.
    pub allowed_networks: Vec<String>,
}

/// `[town]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TownSection {
    /// Path of the town TOML file.
    pub file: Option<PathBuf>,
}

/// One `[[towns]]` entry: a town of a multi-town service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TownEntry {
    /// Short name kept with its calls and messages (e.g. "saint-martin"); unique.
    pub name: toml::Spanned<String>,
    /// Called numbers or SIP users that reach it (Request-URI user, else To user); "*" = any.
    pub numbers: toml::Spanned<Vec<toml::Spanned<String>>>,
    /// Path of its town TOML file.
    pub file: PathBuf,
    /// Its voice (Pico or a Piper voice); default `[speech] voice`.
    pub voice: Option<String>,
    /// Transfer targets by service id, replacing those of the town file (`{ accueil = "sip:…" }`).
    #[serde(default)]
    pub transfers: std::collections::BTreeMap<String, String>,
    /// Clerks allowed to see this town's calls and messages.
    #[serde(default)]
    pub clerks: Vec<String>,
}

/// `[speech]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechSection {
    /// Whisper model path.
    pub model: Option<PathBuf>,
    /// Voice name or path (Pico by default).
    pub voice: Option<String>,
}

/// `[store]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreSection {
    /// Database file; default `standardiste.db` in `$STATE_DIRECTORY` (systemd) or the working
    /// directory. The salt (`<stem>.salt`) and the message spool (`<stem>.spool/`) sit beside it.
    pub path: Option<PathBuf>,
    /// A PostgreSQL connection URL instead of the SQLite file (`postgres://user@host/db?sslmode=verify-full`);
    /// the message spool then stays on this machine, where the database file would have been.
    pub url: Option<String>,
    /// Name of the environment variable holding the PostgreSQL password (instead of the URL).
    pub password_env: Option<String>,
    /// Days calls, messages and unanswered questions are kept.
    pub retention_days: u32,
    /// Keep what was said in each call.
    pub keep_transcripts: bool,
}

impl Default for StoreSection {
    fn default() -> Self {
        StoreSection { path: None, url: None, password_env: None, retention_days: 30, keep_transcripts: false }
    }
}

/// `[http]`: health and metrics.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpSection {
    /// Listen address.
    pub listen: SocketAddr,
}

impl Default for HttpSection {
    fn default() -> Self {
        HttpSection { listen: "127.0.0.1:8080".parse().unwrap() }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

impl Config {
    /// Parses configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError::Syntax { path: path.to_path_buf(), line, column, message: e.message().to_string() }
        })?;
        cfg.path = path.to_path_buf();
        cfg.validate()?;
        cfg.validate_towns(text)?;
        Ok(cfg)
    }

    /// Reads a file; a missing file is an error (use `Config::default()` when none is given).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
        Config::parse(&text, path)
    }

    fn invalid(&self, section: &'static str, field: &'static str, message: impl Into<String>) -> ConfigError {
        let path = if self.path.as_os_str().is_empty() { PathBuf::from("<defaults>") } else { self.path.clone() };
        ConfigError::Invalid { path, section, field, message: message.into() }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.allowed_networks()?;
        if self.store.retention_days == 0 {
            return Err(self.invalid("store", "retention_days", "must be at least 1 (a purge would delete every call as it ends)"));
        }
        if self.store.path.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
            return Err(self.invalid("store", "path", "must not be empty"));
        }
        if let Some(url) = &self.store.url {
            if self.store.path.is_some() {
                return Err(self.invalid("store", "url", "give either path (SQLite) or url (PostgreSQL), not both"));
            }
            crate::store::check_url(url).map_err(|m| self.invalid("store", "url", m))?;
        } else if self.store.password_env.is_some() {
            return Err(self.invalid("store", "password_env", "only with url (PostgreSQL)"));
        }
        if self.rtp.port_min == 0 || self.rtp.port_min >= self.rtp.port_max {
            return Err(self.invalid("rtp", "port_min", "must be non-zero and below port_max"));
        }
        if let Some(p) = &self.sip.public_address {
            if p.parse::<std::net::IpAddr>().is_err() && p.parse::<SocketAddr>().is_err() {
                return Err(self.invalid("sip", "public_address", format!("{p:?} is not an IP address or IP:port")));
            }
        }
        if let Some(t) = &self.trunk {
            if self.sip.udp.ip().is_unspecified() && self.sip.public_address.is_none() {
                return Err(self.invalid(
                    "sip",
                    "public_address",
                    "required with [trunk] when listening on a wildcard address: the registrar must learn where to send calls",
                ));
            }
            if !t.registrar.to_ascii_lowercase().starts_with("sip:") {
                return Err(self.invalid("trunk", "registrar", "must be a sip: URI, e.g. sip:pbx.example.org"));
            }
            if !matches!(t.transport.as_str(), "udp" | "tcp") {
                return Err(self.invalid("trunk", "transport", "must be \"udp\" or \"tcp\""));
            }
            if t.password.is_some() == t.password_env.is_some() {
                return Err(self.invalid("trunk", "password", "give exactly one of password or password_env"));
            }
        }
        Ok(())
    }

    fn at(&self, text: &str, span: std::ops::Range<usize>, field: &str, message: impl std::fmt::Display) -> ConfigError {
        let (line, column) = line_col(text, span.start);
        ConfigError::Syntax { path: self.path.clone(), line, column, message: format!("{field}: {message}") }
    }

    /// `[[towns]]`: names and numbers unique and present, transfer targets SIP URIs, not beside `[town]`.
    fn validate_towns(&self, text: &str) -> Result<(), ConfigError> {
        let Some(first) = self.towns.first() else { return Ok(()) };
        if self.town.file.is_some() {
            return Err(self.at(text, first.name.span(), "towns", "give either [town] (one town) or [[towns]] (several), not both"));
        }
        let mut names = std::collections::HashSet::new();
        let mut numbers = std::collections::HashMap::new();
        for t in &self.towns {
            let name = t.name.get_ref().trim();
            if name.is_empty() {
                return Err(self.at(text, t.name.span(), "name", "must not be empty"));
            }
            if !names.insert(name.to_lowercase()) {
                return Err(self.at(text, t.name.span(), "name", format!("{name:?} names two towns")));
            }
            if t.numbers.get_ref().is_empty() {
                return Err(self.at(text, t.numbers.span(), "numbers", "list at least one called number or SIP user (\"*\" for any)"));
            }
            for n in t.numbers.get_ref() {
                let key = crate::towns::route::normalize(n.get_ref());
                if key.is_empty() {
                    return Err(self.at(text, n.span(), "numbers", "an empty number reaches nothing"));
                }
                if let Some(other) = numbers.insert(key, name.to_string()) {
                    return Err(self.at(text, n.span(), "numbers", format!("{:?} already reaches {other:?}", n.get_ref())));
                }
            }
            if t.file.as_os_str().is_empty() {
                return Err(self.at(text, t.name.span(), "file", format!("town {name:?} needs its town file")));
            }
            if let Some((service, target)) = t.transfers.iter().find(|(_, v)| !v.to_ascii_lowercase().starts_with("sip:")) {
                return Err(self.at(text, t.name.span(), "transfers", format!("{service} = {target:?} in town {name:?} is not a sip: URI")));
            }
        }
        Ok(())
    }

    /// The names of the towns `clerk` may see (with one `[town]`, that town, named `single`).
    pub fn towns_of_clerk(&self, clerk: &str, single: &str) -> Vec<String> {
        if self.towns.is_empty() {
            return vec![single.to_string()];
        }
        self.towns.iter().filter(|t| t.clerks.iter().any(|c| c == clerk)).map(|t| t.name.get_ref().clone()).collect()
    }

    /// The file this configuration was read from (empty for the built-in defaults).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The allowed source networks, parsed.
    pub fn allowed_networks(&self) -> Result<Vec<Cidr>, ConfigError> {
        self.security.allowed_networks.iter().map(|s| s.parse::<Cidr>().map_err(|e| self.invalid("security", "allowed_networks", e.to_string()))).collect()
    }

    /// The trunk password (from the file or its environment variable).
    pub fn trunk_password(&self) -> Result<Option<String>, ConfigError> {
        let Some(t) = &self.trunk else {
            return Ok(None);
        };
        match (&t.password, &t.password_env) {
            (Some(p), _) => Ok(Some(p.clone())),
            (None, Some(var)) => {
                std::env::var(var).map(Some).map_err(|_| self.invalid("trunk", "password_env", format!("environment variable {var} is not set")))
            }
            (None, None) => Ok(None),
        }
    }

    /// The database file: `[store] path`, else `standardiste.db` in `$STATE_DIRECTORY`, else in
    /// the working directory.
    pub fn store_path(&self) -> PathBuf {
        if let Some(p) = &self.store.path {
            return p.clone();
        }
        match std::env::var_os("STATE_DIRECTORY").filter(|d| !d.is_empty()) {
            // systemd may list several directories separated by ':'; the first is ours.
            Some(dirs) => {
                let dirs = dirs.to_string_lossy().into_owned();
                PathBuf::from(dirs.split(':').next().unwrap_or(".")).join("standardiste.db")
            }
            None => PathBuf::from("standardiste.db"),
        }
    }

    /// The database: PostgreSQL when `[store] url` is set, else the SQLite file of [`Config::store_path`].
    pub fn store_database(&self) -> Result<crate::store::Database, ConfigError> {
        let Some(url) = &self.store.url else {
            return Ok(crate::store::Database::Sqlite(self.store_path()));
        };
        let password = match &self.store.password_env {
            Some(var) => Some(std::env::var(var).map_err(|_| self.invalid("store", "password_env", format!("environment variable {var} is not set")))?),
            None => None,
        };
        Ok(crate::store::Database::Postgres { url: url.clone(), password })
    }

    /// The store settings (salt and spool beside the database file).
    pub fn store_options(&self) -> crate::store::StoreOptions {
        crate::store::StoreOptions {
            retention_days: self.store.retention_days,
            keep_transcripts: self.store.keep_transcripts,
            ..crate::store::StoreOptions::beside(&self.store_path())
        }
    }

    /// Builds the SIP server settings, resolving the registrar's host name (blocking DNS).
    pub fn sip_server_config(&self) -> Result<ServerConfig, ConfigError> {
        let public_addr = match &self.sip.public_address {
            Some(p) => Some(match p.parse::<SocketAddr>() {
                Ok(sa) => sa,
                Err(_) => SocketAddr::new(p.parse().map_err(|_| self.invalid("sip", "public_address", "not an IP"))?, self.sip.udp.port()),
            }),
            None => None,
        };
        let registration = match &self.trunk {
            None => None,
            Some(t) => {
                let (host, port) = crate::sip::message::uri_host_port(&t.registrar).ok_or_else(|| self.invalid("trunk", "registrar", "no host in URI"))?;
                let target = match &t.proxy {
                    Some(p) => p.clone(),
                    None => format!("{host}:{}", port.unwrap_or(5060)),
                };
                let addr = target
                    .to_socket_addrs()
                    .ok()
                    .and_then(|mut a| a.next())
                    .ok_or_else(|| self.invalid("trunk", if t.proxy.is_some() { "proxy" } else { "registrar" }, format!("cannot resolve {target}")))?;
                Some(RegistrationConfig {
                    registrar_uri: t.registrar.clone(),
                    registrar_addr: addr,
                    transport: if t.transport == "tcp" { Transport::Tcp } else { Transport::Udp },
                    aor: t.aor.clone().unwrap_or_else(|| format!("sip:{}@{host}", t.username)),
                    username: t.username.clone(),
                    password: self.trunk_password()?.unwrap_or_default(),
                    expires: t.expires,
                })
            }
        };
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1) ^ u64::from(std::process::id());
        Ok(ServerConfig {
            endpoint: EndpointConfig {
                udp_addr: self.sip.udp,
                tcp_addr: self.sip.tcp,
                public_addr,
                contact_user: self.sip.contact_user.clone(),
                user_agent: self.sip.user_agent.clone(),
                registration,
                allowed_sources: self.allowed_networks()?,
                max_message: self.sip.max_message_bytes,
                max_calls: self.sip.max_calls,
                seed,
                ring_limit: std::time::Duration::from_secs(self.sip.ring_timeout.max(1)),
            },
            tcp: self.sip.tcp.is_some(),
            per_source_queue: DEFAULT_PER_SOURCE_QUEUE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_file() {
        let c = Config::parse("", Path::new("x.toml")).unwrap();
        assert_eq!(c.sip.udp, "0.0.0.0:5060".parse().unwrap());
        assert!(c.trunk.is_none());
        let s = c.sip_server_config().unwrap();
        assert!(s.tcp && s.endpoint.allowed_sources.is_empty());
        assert!(c.http.is_none());
        assert_eq!(c.store.retention_days, 30);
        assert!(!c.store.keep_transcripts);
    }

    #[test]
    fn store_and_http_sections() {
        let c = Config::parse(
            "[store]\npath = \"/var/lib/s/calls.db\"\nretention_days = 7\nkeep_transcripts = true\n[http]\nlisten = \"127.0.0.1:9100\"\n",
            Path::new("s.toml"),
        )
        .unwrap();
        assert_eq!(c.store_path(), Path::new("/var/lib/s/calls.db"));
        let o = c.store_options();
        assert_eq!(o.retention_days, 7);
        assert!(o.keep_transcripts);
        assert_eq!(o.salt_path, Path::new("/var/lib/s/calls.salt"));
        assert_eq!(o.spool_dir, Path::new("/var/lib/s/calls.spool"));
        assert_eq!(c.http.unwrap().listen, "127.0.0.1:9100".parse().unwrap());
        let c = Config::parse("[http]\n", Path::new("s.toml")).unwrap();
        assert_eq!(c.http.unwrap().listen, "127.0.0.1:8080".parse().unwrap());
    }

    #[test]
    fn store_and_http_errors_are_named() {
        let err = Config::parse("[store]\nretention_days = 0\n", Path::new("s.toml")).unwrap_err().to_string();
        assert_eq!(err, "s.toml: [store] retention_days: must be at least 1 (a purge would delete every call as it ends)");
        let err = Config::parse("[store]\nkeep_transcript = true\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.starts_with("s.toml:2:") && err.contains("keep_transcript"), "{err}");
        let err = Config::parse("\n[http]\nlisten = \"localhost\"\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.starts_with("s.toml:3:"), "{err}");
        let err = Config::parse("[http]\nport = 80\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.contains("port"), "{err}");
        let err = Config::parse("[store]\nurl = \"postgres://db/s?sslmode=sometimes\"\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.starts_with("s.toml: [store] url: sslmode \"sometimes\""), "{err}");
        let err = Config::parse("[store]\npath = \"a.db\"\nurl = \"postgres://db/s\"\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.contains("either path"), "{err}");
    }

    #[test]
    fn a_store_url_chooses_postgres() {
        let c = Config::parse("[store]\nurl = \"postgres://standardiste@db.example/standardiste?sslmode=verify-full\"\n", Path::new("s.toml")).unwrap();
        let crate::store::Database::Postgres { url, password } = c.store_database().unwrap() else {
            panic!("expected PostgreSQL");
        };
        assert!(url.ends_with("sslmode=verify-full") && password.is_none());
        assert_eq!(c.store_options().spool_dir, c.store_path().with_extension("spool"));
        let c = Config::parse("", Path::new("s.toml")).unwrap();
        assert!(matches!(c.store_database().unwrap(), crate::store::Database::Sqlite(_)));
    }

    #[test]
    fn example_file_parses() {
        let text = include_str!("../standardiste.example.toml");
        std::env::set_var("STANDARDISTE_TRUNK_PASSWORD", "secret");
        let c = Config::parse(text, Path::new("standardiste.example.toml")).unwrap();
        assert_eq!(c.trunk_password().unwrap().as_deref(), Some("secret"));
        assert!(!c.allowed_networks().unwrap().is_empty());
    }

    #[test]
    fn unknown_field_names_file_line_and_field() {
        let err = Config::parse("[sip]\nudp = \"127.0.0.1:5060\"\nusr_agent = \"x\"\n", Path::new("/etc/s.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/etc/s.toml:3:"), "{msg}");
        assert!(msg.contains("usr_agent"), "{msg}");
    }

    #[test]
    fn bad_values_are_named() {
        let err = Config::parse("[sip]\nudp = \"nonsense\"\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.starts_with("s.toml:2:"), "{err}");
        let err = Config::parse("[security]\nallowed_networks = [\"10.0.0.0/99\"]\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.contains("allowed_networks") && err.contains("10.0.0.0/99"), "{err}");
        let err = Config::parse("[sip]\npublic_address = \"192.0.2.1\"\n[trunk]\nregistrar = \"sip:pbx\"\nusername = \"u\"\n", Path::new("s.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("password"), "{err}");
        let err = Config::parse("[trunk]\nregistrar = \"sip:pbx\"\nusername = \"u\"\npassword = \"p\"\n", Path::new("s.toml")).unwrap_err().to_string();
        assert!(err.contains("public_address"), "{err}");
    }

    const TWO_TOWNS: &str = "[[towns]]\nname = \"alpha\"\nnumbers = [\"05 61 00 00 01\", \"mairie-alpha\"]\nfile = \"towns/alpha.toml\"\nclerks = [\"marie\"]\n\n[[towns]]\nname = \"beta\"\nnumbers = [\"+33561000002\"]\nfile = \"towns/beta.toml\"\nvoice = \"fr_FR-siwis-medium\"\ntransfers = { accueil = \"sip:accueil@pbx.beta\" }\nclerks = [\"marie\", \"paul\"]\n";

    #[test]
    fn several_towns_with_their_numbers_voices_transfers_and_clerks() {
        let c = Config::parse(TWO_TOWNS, Path::new("s.toml")).unwrap();
        assert_eq!(c.towns.len(), 2);
        assert_eq!(c.towns[1].transfers["accueil"], "sip:accueil@pbx.beta");
        assert_eq!(c.towns[1].voice.as_deref(), Some("fr_FR-siwis-medium"));
        assert_eq!(c.towns_of_clerk("paul", "x"), ["beta"]);
        assert_eq!(c.towns_of_clerk("marie", "x"), ["alpha", "beta"]);
        assert!(c.towns_of_clerk("intrus", "x").is_empty());
        // One [town]: the desk shows that town to its clerks.
        assert_eq!(Config::parse("[town]\nfile = \"t.toml\"\n", Path::new("s.toml")).unwrap().towns_of_clerk("marie", "Roche"), ["Roche"]);
    }

    #[test]
    fn town_list_errors_name_the_file_line_and_field() {
        let err = |text: &str| Config::parse(text, Path::new("s.toml")).unwrap_err().to_string();
        let dup = TWO_TOWNS.replace("+33561000002", "0561000001");
        assert_eq!(err(&dup), "s.toml:9:12: numbers: \"0561000001\" already reaches \"alpha\"");
        let same = TWO_TOWNS.replace("name = \"beta\"", "name = \"Alpha\"");
        assert!(err(&same).starts_with("s.toml:8:") && err(&same).contains("name"), "{}", err(&same));
        let both = format!("[town]\nfile = \"t.toml\"\n{TWO_TOWNS}");
        assert!(err(&both).starts_with("s.toml:4:") && err(&both).contains("not both"), "{}", err(&both));
        let bad_target = TWO_TOWNS.replace("sip:accueil@pbx.beta", "accueil");
        assert!(err(&bad_target).starts_with("s.toml:8:") && err(&bad_target).contains("transfers"), "{}", err(&bad_target));
        assert!(err("[[towns]]\nname = \"a\"\nnumbers = []\nfile = \"a.toml\"\n").starts_with("s.toml:3:"));
        let missing = err("[[towns]]\nname = \"a\"\nnumbers = [\"1\"]\n");
        assert!(missing.starts_with("s.toml:1:") && missing.contains("file"), "{missing}");
        let typo = err("[[towns]]\nname = \"a\"\nnumbers = [\"1\"]\nfile = \"a.toml\"\nclerk = []\n");
        assert!(typo.starts_with("s.toml:5:") && typo.contains("clerk"), "{typo}");
    }
}
