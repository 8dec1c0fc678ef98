//! A throwaway PostgreSQL server for tests: Debian's PostgreSQL 15, a data directory and a
//! private socket directory in a temporary directory, a free port on 127.0.0.1, stopped and
//! removed when dropped (also when the test panics). initdb refuses to run as root: as root the
//! server runs as the `postgres` system user.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where Debian puts PostgreSQL 15's programs.
pub const BIN: &str = "/usr/lib/postgresql/15/bin";

/// A running test server; see the module documentation.
pub struct TempPostgres {
    dir: tempfile::TempDir,
    /// Its TCP port on 127.0.0.1.
    pub port: u16,
    /// Extra `postgresql.conf` lines it was started with.
    settings: Vec<String>,
}

/// Whether this process runs as root (the owner of `/proc/self` is our effective user).
fn as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// Runs a PostgreSQL program as the `postgres` user when we are root.
fn pg(program: &str, args: &[&str]) -> Output {
    let bin = Path::new(BIN).join(program);
    assert!(bin.exists(), "{} is missing: run scripts/install.sh (apt package postgresql)", bin.display());
    let mut cmd = if as_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.args(args).env("LC_ALL", "C").output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()))
}

fn check(what: &str, out: Output) {
    assert!(out.status.success(), "{what} failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl TempPostgres {
    /// Initialises and starts a server (trust authentication on loopback, user `postgres`).
    pub fn start() -> TempPostgres {
        TempPostgres::start_with(&[])
    }

    /// Same, with extra `postgresql.conf` lines (e.g. `ssl = on`).
    pub fn start_with(settings: &[&str]) -> TempPostgres {
        let dir = tempfile::Builder::new().prefix("standardiste-pg-").tempdir().unwrap();
        if as_root() {
            let out = Command::new("chown").arg("postgres:postgres").arg(dir.path()).output().unwrap();
            check("chown", out);
        }
        let data = dir.path().join("data");
        let out = pg("initdb", &["-D", data.to_str().unwrap(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        check("initdb", out);
        let pg = TempPostgres { dir, port: free_port(), settings: settings.iter().map(|s| s.to_string()).collect() };
        pg.start_again();
        pg
    }

    /// The temporary directory (data in `data/`, socket in `sock/`, log in `log`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Starts the server after [`TempPostgres::stop`].
    pub fn start_again(&self) {
        let sock = self.dir.path().join("sock");
        std::fs::create_dir_all(&sock).unwrap();
        if as_root() {
            check("chown", Command::new("chown").arg("postgres:postgres").arg(&sock).output().unwrap());
        }
        let mut conf = format!("port = {}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\nfsync = off\n", self.port, sock.display());
        for s in &self.settings {
            conf.push_str(s);
            conf.push('\n');
        }
        let auto = self.dir.path().join("data/postgresql.auto.conf");
        std::fs::write(&auto, conf).unwrap();
        let log = self.dir.path().join("log");
        let out = pg("pg_ctl", &["-D", self.data().to_str().unwrap(), "-l", log.to_str().unwrap(), "-w", "-t", "30", "start"]);
        if !out.status.success() {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("pg_ctl start failed: {}{}\n{log}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        }
    }

    /// Stops the server at once (connections are cut, as when a database machine fails).
    pub fn stop(&self) {
        check("pg_ctl stop", pg("pg_ctl", &["-D", self.data().to_str().unwrap(), "-m", "immediate", "-w", "stop"]));
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A connection URL to one of its databases.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// A driver connection to one of its databases (for checks the store does not offer).
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&format!("host=127.0.0.1 port={} user=postgres dbname={db}", self.port), postgres::NoTls).unwrap()
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) {
        self.client("postgres").batch_execute(&format!("CREATE DATABASE \"{name}\"")).unwrap();
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let _ = pg("pg_ctl", &["-D", self.data().to_str().unwrap(), "-m", "immediate", "-w", "stop"]);
        }
    }
}
