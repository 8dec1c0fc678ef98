//! `standardiste doctor`: checks what the service needs (configuration, models, voices, ports,
//! database, each town file), one line each with the command that fixes a problem; exits non-zero
//! when something is wrong.

use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};

use crate::answer::TownHandle;
use crate::config::Config;

/// Arguments of `standardiste doctor`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (standardiste.toml); built-in defaults without one.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
}

/// One line of the report: what was checked, and either what is fine or the problem and its fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked ("Whisper model", "SIP UDP port", "town alpha"…).
    pub what: String,
    /// `Ok(detail)` or `Err((problem, fix))`.
    pub result: Result<String, (String, String)>,
}

impl Check {
    fn ok(what: impl Into<String>, detail: impl Into<String>) -> Check {
        Check { what: what.into(), result: Ok(detail.into()) }
    }

    fn problem(what: impl Into<String>, problem: impl std::fmt::Display, fix: impl Into<String>) -> Check {
        Check { what: what.into(), result: Err((problem.to_string(), fix.into())) }
    }

    /// The report line.
    pub fn line(&self) -> String {
        match &self.result {
            Ok(detail) => format!("ok       {}: {detail}", self.what),
            Err((problem, fix)) => format!("PROBLEM  {}: {problem}\n         fix: {fix}", self.what),
        }
    }
}

/// The command that installs the models and voices: the packaged one, or the source tree's script.
pub fn install_command() -> &'static str {
    let packaged = std::env::current_exe().is_ok_and(|e| e.starts_with("/usr"));
    if packaged {
        "sudo -u standardiste standardiste models install --dir /var/lib/standardiste"
    } else {
        crate::assets::INSTALL_COMMAND
    }
}

/// Runs `standardiste doctor`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let checks = match &args.config {
        Some(p) => match Config::load(p) {
            Ok(c) => std::iter::once(Check::ok("configuration", p.display().to_string())).chain(checks(&c)).collect(),
            Err(e) => vec![Check::problem("configuration", e, format!("edit {} (see standardiste.example.toml)", p.display()))],
        },
        None => std::iter::once(Check::ok("configuration", "built-in defaults (no --config)")).chain(checks(&Config::default())).collect::<Vec<_>>(),
    };
    for c in &checks {
        println!("{}", c.line());
    }
    let problems = checks.iter().filter(|c| c.result.is_err()).count();
    if problems > 0 {
        anyhow::bail!("{problems} problem(s) found");
    }
    println!("everything is in place");
    Ok(())
}

/// Every check of a loaded configuration, in report order.
pub fn checks(config: &Config) -> Vec<Check> {
    let mut out = models(config);
    out.extend(voices(config));
    out.extend(ports(config));
    out.push(database(config));
    out.extend(towns(config));
    out
}

fn file_check(what: &str, path: &Path) -> Check {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() > 0 => Check::ok(what, format!("{} ({:.1} MB)", path.display(), m.len() as f64 / 1e6)),
        Ok(_) => Check::problem(what, format!("{} is empty or not a file", path.display()), install_command()),
        Err(_) => Check::problem(what, format!("{} is missing", path.display()), install_command()),
    }
}

fn models(config: &Config) -> Vec<Check> {
    let whisper = match &config.speech.model {
        Some(p) => crate::assets::check_whisper_model(p).map(|i| (p.clone(), i)),
        None => crate::assets::whisper_model().and_then(|p| crate::assets::check_whisper_model(&p).map(|i| (p, i))),
    };
    let whisper = match whisper {
        Ok((p, i)) => Check::ok("Whisper model", format!("{} ({} multilingual, {:.1} MB)", p.display(), i.hparams.size_name(), i.bytes as f64 / 1e6)),
        Err(e) => Check::problem("Whisper model", e, install_command()),
    };
    vec![
        whisper,
        file_check("voice activity model (Silero)", &crate::speech::vad::silero::default_path()),
        file_check("end-of-turn model (Smart Turn)", &crate::speech::turn::smart_turn::default_path()),
        file_check("sentence encoder", &crate::answer::encoder::default_path()),
        file_check("French word list", &crate::answer::respell::wordlist_path()),
        file_check("French thesaurus", &crate::answer::thesaurus::path()),
    ]
}

fn voices(config: &Config) -> Vec<Check> {
    let mut out = vec![match crate::speech::tts::voices::onnxruntime_library() {
        Ok(p) => Check::ok("ONNX Runtime", p.display().to_string()),
        Err(e) => Check::problem("ONNX Runtime", e, install_command()),
    }];
    let mut names: Vec<Option<String>> = vec![crate::app::towns::piper_voice(config.speech.voice.as_deref())];
    for t in &config.towns {
        let v = crate::app::towns::piper_voice(t.voice.as_deref().or(config.speech.voice.as_deref()));
        if !names.contains(&v) {
            names.push(v);
        }
    }
    for name in names {
        let what = format!("voice {}", name.as_deref().unwrap_or("pico"));
        out.push(match crate::speech::tts::Speaker::selected(name.as_deref()) {
            Ok(s) => Check::ok(what, s.voice_name().to_string()),
            Err(e) => Check::problem(
                what,
                e,
                format!(
                    "put the voice's .onnx and .onnx.json in {} (see voices/README.md), or remove it from the configuration",
                    crate::speech::tts::voices::voices_dir().display()
                ),
            ),
        });
    }
    out
}

fn in_use(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        "in use by another program (a running standardiste?)".into()
    } else {
        e.to_string()
    }
}

fn ports(config: &Config) -> Vec<Check> {
    let fix = "free the port or choose another in the configuration (and stop a service already running: systemctl stop standardiste)";
    let mut out = Vec::new();
    let udp = config.sip.udp;
    out.push(match UdpSocket::bind(udp) {
        Ok(_) => Check::ok("SIP UDP port", udp.to_string()),
        Err(e) => Check::problem("SIP UDP port", format!("cannot listen on {udp}: {}", in_use(&e)), fix),
    });
    if let Some(tcp) = config.sip.tcp {
        out.push(match TcpListener::bind(tcp) {
            Ok(_) => Check::ok("SIP TCP port", tcp.to_string()),
            Err(e) => Check::problem("SIP TCP port", format!("cannot listen on {tcp}: {}", in_use(&e)), fix),
        });
    }
    let (lo, hi) = (config.rtp.port_min, config.rtp.port_max);
    let ip = config.sip.udp.ip();
    let free = (lo..=hi).step_by(2).take(64).find(|&p| UdpSocket::bind(SocketAddr::new(ip, p)).is_ok());
    out.push(match free {
        Some(p) => Check::ok("RTP ports", format!("{lo}-{hi} on {ip} (port {p} free)")),
        None => Check::problem("RTP ports", format!("no free port among the first of {lo}-{hi} on {ip}"), fix),
    });
    if let Some(h) = &config.http {
        out.push(match TcpListener::bind(h.listen) {
            Ok(_) => Check::ok("HTTP port", h.listen.to_string()),
            Err(e) => Check::problem("HTTP port", format!("cannot listen on {}: {}", h.listen, in_use(&e)), fix),
        });
    }
    out
}

fn database(config: &Config) -> Check {
    let path = config.store_path();
    let options = config.store_options();
    let spool = options.spool_dir.clone();
    let fix = format!(
        "make {} writable by the service's user (chown standardiste: /var/lib/standardiste for the package)",
        path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).display()
    );
    let probe = || -> Result<String, String> {
        let store = crate::store::Store::open(&path, options).map_err(|e| e.to_string())?;
        drop(store);
        let conn = rusqlite::Connection::open(&path).map_err(|e| e.to_string())?;
        conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").map_err(|e| format!("cannot write: {e}"))?;
        let calls: i64 = conn.query_row("SELECT COUNT(*) FROM calls", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&spool).map_err(|e| format!("spool {}: {e}", spool.display()))?;
        let p = spool.join(".doctor-probe");
        std::fs::write(&p, b"ok").and_then(|_| std::fs::remove_file(&p)).map_err(|e| format!("spool {}: {e}", spool.display()))?;
        Ok(format!("{} (opens and writes; {calls} calls kept)", path.display()))
    };
    match probe() {
        Ok(d) => Check::ok("database", d),
        Err(e) => Check::problem("database", format!("{}: {e}", path.display()), fix),
    }
}

fn towns(config: &Config) -> Vec<Check> {
    let describe = |t: &TownHandle| {
        let town = t.current();
        format!("{} ({} services, {} FAQ entries)", town.source, town.services.len(), town.faqs.len())
    };
    let fix = |file: &Path| format!("correct {} at the line named (the format: towns/README.md)", file.display());
    if config.towns.is_empty() {
        return vec![match &config.town.file {
            Some(f) => match TownHandle::load(f) {
                Ok(t) => Check::ok("town", describe(&t)),
                Err(e) => Check::problem("town", e, fix(f)),
            },
            None => Check::ok("town", "the embedded sample town (no [town] file)"),
        }];
    }
    config
        .towns
        .iter()
        .map(|t| {
            let what = format!("town {}", t.name.get_ref());
            match TownHandle::load_with_transfers(&t.file, t.transfers.clone()) {
                Ok(h) => Check::ok(what, describe(&h)),
                Err(e) => Check::problem(what, e, fix(&t.file)),
            }
        })
        .collect()
}
