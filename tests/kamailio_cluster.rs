//! Kamailio (telephony/kamailio/kamailio.cfg, Debian's kamailio 5.6) in front of two standardiste
//! nodes on 127.0.0.2 and 127.0.0.3, both keeping their calls in one PostgreSQL database this test
//! starts. Two after-hours callers leave a message through Kamailio, one on each node (spoken
//! name, number typed and confirmed, spoken message): both messages are in PostgreSQL. Then SIPp
//! calls spread over both nodes; one node is killed (SIGKILL) and the next calls all go to the
//! other. That node comes back; the other is stopped with SIGTERM during a call: new calls go to
//! the node that came back, the call in progress ends normally, then the stopped node exits.
//! Every call answered is in PostgreSQL.
//! Networked: run inside `unshare -n` (scripts/test.sh does); bounded to about two minutes.

mod call_support;
mod pg_support;

use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use call_support::script::{other_days, town_file, MessageCall, CALLBACK_NUMBER};
use call_support::{plain, require, root, sipp_at, sipp_to, Server};
use pg_support::TempPostgres;

/// A program whose stderr lines are collected; it and its children (Kamailio forks its workers)
/// are killed when dropped.
struct Proc {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Proc {
    fn spawn(cmd: &mut Command) -> Proc {
        use std::os::unix::process::CommandExt;
        let mut child = cmd.process_group(0).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stderr, l2) = (child.stderr.take().unwrap(), log.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                l2.lock().unwrap().push(line);
            }
        });
        Proc { child, log }
    }

    fn count(&self, needle: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|l| l.contains(needle)).count()
    }

    fn text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn calls_in_db(pg: &TempPostgres) -> i64 {
    pg.client("cluster").query_one("SELECT COUNT(*) FROM calls", &[]).unwrap().get(0)
}

fn wait_calls_in_db(pg: &TempPostgres, n: i64) -> i64 {
    let t0 = Instant::now();
    while calls_in_db(pg) < n && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
    }
    calls_in_db(pg)
}

#[test]
fn kamailio_spreads_calls_over_two_nodes_fails_over_and_postgres_keeps_them_all() {
    require("sipp");
    require("kamailio");
    let dir = tempfile::tempdir().unwrap();
    let pg = TempPostgres::start();
    pg.create_database("cluster");
    let url = pg.url("cluster");
    // A town closed today and tomorrow: 0 offers to leave a message.
    let (file, town) = town_file(dir.path(), &other_days(), "sip:accueil@127.0.0.1:5999");
    let town_conf = format!("[town]\nfile = \"{}\"\n", file.display());
    let mut a = Server::start_node("127.0.0.2", 30_000, &url, &town_conf);
    let b = Server::start_node("127.0.0.3", 30_200, &url, &town_conf);

    let list = dir.path().join("dispatcher.list");
    std::fs::write(&list, "1 sip:127.0.0.2:5060\n1 sip:127.0.0.3:5060\n").unwrap();
    let port = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = dir.path().join("kamailio-run");
    std::fs::create_dir_all(&run).unwrap();
    let kam = Proc::spawn(
        Command::new("kamailio")
            .arg("-f")
            .arg(root().join("telephony/kamailio/kamailio.cfg"))
            .args(["-DD", "-E", "-m", "64", "-M", "8", "-n", "2"])
            .args(["-A", &format!("LISTEN=udp:127.0.0.1:{port}")])
            .arg("-Y")
            .arg(&run)
            .arg("-A")
            .arg(format!("DISPATCHER_LIST=\"{}\"", list.display())),
    );
    std::thread::sleep(Duration::from_secs(2));
    assert!(kam.count("ERROR") == 0, "kamailio:\n{}", kam.text());

    // Phase 1: two callers at once leave a message; round robin gives one to each node, and both
    // messages are in PostgreSQL with their callback number, their town and their transcript.
    let call = std::sync::Arc::new(MessageCall::new(&town));
    let callers: Vec<_> = (0..2)
        .map(|_| {
            let call = call.clone();
            std::thread::spawn(move || call.run(port))
        })
        .collect();
    for c in callers {
        let (code, out) = c.join().unwrap();
        assert_eq!(code, 0, "a message through kamailio:\n{out}\nnode a:\n{}\nnode b:\n{}", a.log_text(), b.log_text());
    }
    assert_eq!(wait_calls_in_db(&pg, 2), 2, "both message calls are in PostgreSQL");
    let left = |n: &Server| n.log.lock().unwrap().iter().filter(|l| l.contains("call summary") && l.contains("message")).count();
    assert_eq!((left(&a), left(&b)), (1, 1), "one message left on each node:\nnode a:\n{}\nnode b:\n{}", a.log_text(), b.log_text());
    let rows = pg.client("cluster").query("SELECT callback_number, town, transcript FROM messages", &[]).unwrap();
    assert_eq!(rows.len(), 2, "both messages are in PostgreSQL");
    for r in &rows {
        let (number, town_name, said): (Option<String>, Option<String>, String) = (r.get(0), r.get(1), r.get(2));
        assert_eq!(number.as_deref(), Some(CALLBACK_NUMBER));
        assert_eq!(town_name.as_deref(), Some(town.name.as_str()));
        assert!(plain(&said).contains("rappeler"), "the message's transcript: {said:?}");
    }
    eprintln!("phase 1: a message left on each node, both in PostgreSQL");

    // Phase 2: both nodes up; round robin spreads the calls.
    let (code, out) = sipp_to(port, "proxy-caller-bye.xml", &["-m", "8", "-r", "4", "-l", "8"], Duration::from_secs(60));
    assert_eq!(code, 0, "sipp through kamailio:\n{out}\nkamailio:\n{}", kam.text());
    assert_eq!(wait_calls_in_db(&pg, 10), 10, "every call answered is in PostgreSQL");
    let (on_a, on_b) = (a.count_log("call summary") - 1, b.count_log("call summary") - 1);
    eprintln!("phase 2: node a {on_a} calls, node b {on_b}");
    assert!(on_a >= 2 && on_b >= 2 && on_a + on_b == 8, "calls spread over both nodes: a {on_a}, b {on_b}");

    // Phase 3: node a dies; Kamailio's INVITE to it times out, the next node takes the call,
    // and OPTIONS keepalives mark it down.
    a.kill();
    let t0 = Instant::now();
    let (code, out) = sipp_to(port, "proxy-caller-bye.xml", &["-m", "6", "-r", "2", "-l", "6"], Duration::from_secs(60));
    eprintln!("phase 3: 6 calls with node a killed in {:.1} s", t0.elapsed().as_secs_f64());
    assert_eq!(code, 0, "every call after the kill is answered:\n{out}\nkamailio:\n{}", kam.text());
    assert_eq!(wait_calls_in_db(&pg, 16), 16, "nothing lost: 2 + 8 + 6 calls in PostgreSQL");
    assert_eq!(b.count_log("call summary"), on_b + 1 + 6, "the calls after the kill all went to node b");
    let failovers = kam.count("node failed");
    eprintln!("phase 3: {failovers} INVITE(s) moved to the next node by Kamailio's failure_route");
    // Phase 4: node a comes back; node b drains (SIGTERM) during a call: its 503s send the new
    // calls to node a, its call in progress ends normally, then it exits cleanly.
    let a = Server::start_node("127.0.0.2", 30_000, &url, &town_conf);
    std::thread::sleep(Duration::from_secs(5)); // two OPTIONS rounds: Kamailio sees node a alive again
    let in_progress = b.count_log("incoming call");
    let long_call = std::thread::spawn(|| sipp_at("127.0.0.3:5060", "proxy-caller-bye.xml", &["-m", "1", "-l", "1", "-d", "10000"], Duration::from_secs(40)));
    let t0 = Instant::now();
    while b.count_log("incoming call") == in_progress && t0.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut b = b;
    b.signal("TERM");
    assert!(b.wait_log("draining", Duration::from_secs(5)), "node b did not start draining:\n{}", b.log_text());
    let (code, out) = sipp_to(port, "proxy-caller-bye.xml", &["-m", "4", "-r", "2", "-l", "4"], Duration::from_secs(60));
    assert_eq!(code, 0, "every call while node b drains is answered:\n{out}\nkamailio:\n{}", kam.text());
    // The summary is logged just after the BYE's answer: wait for the last one (bounded).
    let t0 = Instant::now();
    while a.count_log("call summary") < 4 && t0.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(a.count_log("call summary"), 4, "the calls during the drain all went to node a:\n{}", a.log_text());
    let (code, out) = long_call.join().unwrap();
    assert_eq!(code, 0, "the call in progress on the draining node ended normally:\n{out}\n{}", b.log_text());
    assert_eq!(b.wait_exit(Duration::from_secs(20)), Some(true), "node b exits cleanly once its call is over:\n{}", b.log_text());
    assert_eq!(wait_calls_in_db(&pg, 21), 21, "nothing lost: 2 + 8 + 6 + 4 + 1 calls in PostgreSQL");
    eprintln!("phase 4: node b drained: 4 new calls went to node a, its own call ended, it exited cleanly");

    // One salt for the whole cluster: it is in the database.
    let salts: i64 = pg.client("cluster").query_one("SELECT COUNT(*) FROM settings WHERE name = 'caller_salt'", &[]).unwrap().get(0);
    assert_eq!(salts, 1);
}
