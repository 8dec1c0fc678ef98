//! One service, many towns, and a graceful stop, end to end with SIPp on loopback: each town
//! answers its own numbers with its own welcome (heard through Whisper), an unknown number gets
//! 404, and on SIGTERM a call in progress ends normally while new calls and OPTIONS get 503.

mod call_support;

use std::time::Duration;

use call_support::{plain, rtp_played, sipp_refused, sipp_to, transcribe, Capture, Server};

/// A town file: the sample town renamed, with its own welcome.
fn town_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let sample = std::fs::read_to_string(call_support::root().join("towns/sample.toml")).unwrap();
    let text = sample.replace("Roche-Aubière", name);
    assert_ne!(text, sample);
    let path = dir.join(format!("{}.toml", name.to_lowercase()));
    std::fs::write(&path, text).unwrap();
    path
}

/// What the caller of a call to `service` hears in its first seconds (Whisper on our RTP).
fn welcome_heard(server: &Server, service: &str) -> String {
    let cap = Capture::start((server.rtp_min, server.rtp_max), Duration::from_secs(30));
    let (code, out) = sipp_to(server.sip_port, "media-caller-bye.xml", &["-m", "1", "-l", "1", "-d", "5000", "-s", service], Duration::from_secs(30));
    let rtp = cap.finish();
    assert_eq!(code, 0, "the call to {service} was answered:\n{out}\n{}", server.log_text());
    let ours = rtp_played(&rtp, |p| (server.rtp_min..=server.rtp_max).contains(&p.src));
    let heard = transcribe(&ours[..ours.len().min(8000 * 5)]);
    println!("{service}: heard {heard:?}");
    plain(&heard)
}

#[test]
fn two_towns_answer_their_own_numbers_as_themselves_and_an_unknown_number_gets_404() {
    let towns = tempfile::tempdir().unwrap();
    let (bordeaux, marseille) = (town_file(towns.path(), "Bordeaux"), town_file(towns.path(), "Marseille"));
    let config = format!(
        "[[towns]]\nname = \"bordeaux\"\nnumbers = [\"05 56 00 00 01\"]\nfile = \"{}\"\nclerks = [\"marie\"]\n\n\
         [[towns]]\nname = \"marseille\"\nnumbers = [\"mairie-marseille\", \"0491000001\"]\nfile = \"{}\"\n",
        bordeaux.display(),
        marseille.display()
    );
    let mut server = Server::start_with(20, &config);
    assert!(server.count_log("towns=bordeaux, marseille") == 1, "{}", server.log_text());

    let heard = welcome_heard(&server, "+33556000001");
    assert!(heard.contains("bordeaux") && !heard.contains("marseille"), "the Bordeaux number hears Bordeaux: {heard:?}");
    let heard = welcome_heard(&server, "mairie-marseille");
    assert!(heard.contains("marseille") && !heard.contains("bordeaux"), "the Marseille user hears Marseille: {heard:?}");

    let (code, out) = sipp_refused(server.sip_port, "0999999999", 404, "To:", Duration::from_secs(20));
    assert_eq!(code, 0, "an unknown number is refused with 404:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("no town answers this number: 404", Duration::from_secs(5)), "{}", server.log_text());
    assert!(server.log_text().lines().any(|l| l.contains("called=0999999999") && !l.contains("sipp@")), "the log names the called number, not the caller");
    assert!(server.stop(), "serve exits cleanly");

    // Each call is kept with its town.
    let db = server.dir().join("standardiste.db");
    let store = standardiste::store::Store::open(&db, standardiste::store::StoreOptions::beside(&db)).unwrap();
    let mut kept: Vec<String> = store.recent_calls(10).unwrap().into_iter().filter_map(|c| c.town).collect();
    kept.sort();
    assert_eq!(kept, ["bordeaux", "marseille"]);
}

#[test]
fn sigterm_lets_the_call_in_progress_end_refuses_new_calls_and_exits_after_it() {
    let mut server = Server::start(30);
    let port = server.sip_port;
    // A caller who talks for 10 s, then hangs up.
    let call = std::thread::spawn(move || sipp_to(port, "media-caller-bye.xml", &["-m", "1", "-l", "1", "-d", "10000"], Duration::from_secs(40)));
    assert!(server.wait_log("incoming call", Duration::from_secs(20)), "{}", server.log_text());
    std::thread::sleep(Duration::from_secs(1));
    server.signal("TERM");
    assert!(server.wait_log("draining", Duration::from_secs(5)), "{}", server.log_text());

    let (code, out) = sipp_refused(port, "bot", 503, "Retry-After:", Duration::from_secs(20));
    assert_eq!(code, 0, "a new call during the drain gets 503 with Retry-After:\n{out}\n{}", server.log_text());
    let (code, out) = sipp_to(port, "options-503.xml", &["-m", "1", "-l", "1"], Duration::from_secs(20));
    assert_eq!(code, 0, "OPTIONS during the drain get 503:\n{out}");
    assert_eq!(server.wait_exit(Duration::from_millis(100)), None, "the node still runs while its call is up");

    let (code, out) = call.join().unwrap();
    assert_eq!(code, 0, "the call in progress ended normally, by the caller's BYE:\n{out}\n{}", server.log_text());
    assert_eq!(server.wait_exit(Duration::from_secs(15)), Some(true), "the node exits 0 after its last call:\n{}", server.log_text());
    let log = server.log_text();
    assert!(log.contains("reason=RemoteBye") && log.contains("drained: no call left"), "{log}");
    assert!(!log.contains("hanging up the calls left"), "{log}");
}
