//! A person, end to end with SIPp as the caller against the real binary: during opening hours the
//! keypad's 0 hands the call over (our REFER, accepted and reported done by the caller); after hours
//! the caller leaves a message (spoken name, number typed on the keypad and confirmed aloud, spoken
//! message), and it is in the database with its transcript and callback number.
//!
//! The caller follows a script timed from the prompts' own lengths (synthesised here as the server
//! does) with wide margins; speaking early would only interrupt a prompt (barge-in), not lose a turn.

mod call_support;

use std::fmt::Write as _;
use std::time::Duration;

use call_support::*;
use jiff::civil::Weekday;
use jiff::Timestamp;
use standardiste::answer::{Conversation, Town};
use standardiste::call::message::prompts;
use standardiste::speech::tts::{SpeakOptions, Speaker};
use standardiste::store::{Store, StoreOptions};

/// How long `text` lasts in the server's voice (seconds).
fn spoken_seconds(text: &str) -> f64 {
    let speaker = Speaker::default_voice().unwrap();
    speaker.speak(text, &SpeakOptions { rate: 1.0, sample_rate: Some(8000) }).unwrap().seconds()
}

/// A one-service town: the accueil, open on `days` from 00:00 to 23:59, transfers to `target`.
fn town_file(dir: &std::path::Path, days: &[Weekday], target: &str) -> (std::path::PathBuf, Town) {
    let mut t = String::from(
        "[town]\nname = \"Val-d'Essai\"\ntimezone = \"Europe/Paris\"\nholidays = \"none\"\nphone = \"02 47 99 00 01\"\n\
         address = \"2 rue de l'Essai, 37998 Val-d'Essai\"\noperator = \"accueil\"\n\n[[service]]\nid = \"accueil\"\n\
         name = \"l'accueil de la mairie\"\naliases = [\"mairie\", \"accueil\"]\n",
    );
    writeln!(t, "transfer = \"{target}\"").unwrap();
    for d in days {
        writeln!(t, "hours.{} = [\"00:00-23:59\"]", format!("{d:?}").to_lowercase()).unwrap();
    }
    let file = dir.join("val-essai.toml");
    std::fs::write(&file, t).unwrap();
    let town = Town::load(&file).expect("the test's town file is valid");
    (file, town)
}

/// SIPp XML: wait `ms` milliseconds.
fn pause(ms: f64) -> String {
    format!("  <pause milliseconds=\"{}\"/>\n", ms.max(0.0) as u64)
}

/// SIPp XML: press `key` (RFC 4733, 140 ms).
fn press(key: char) -> String {
    let name = match key {
        '#' => "pound".to_string(),
        '*' => "star".to_string(),
        d => d.to_string(),
    };
    format!("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_{name}.pcap\"/></action></nop>\n")
}

/// SIPp XML: the caller hangs up.
const HANG_UP: &str = r#"  <send retrans="500">
    <![CDATA[

      BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag21[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true"/>
"#;

/// SIPp XML: the caller receives our REFER to the accueil, accepts it, reports it done, and gets our BYE.
const ACCEPT_REFER: &str = r#"  <recv request="REFER" timeout="40000">
    <action>
      <ereg regexp="sip:accueil@" search_in="hdr" header="Refer-To:" check_it="true" assign_to="target"/>
      <ereg regexp="[^ ].*" search_in="hdr" header="From:" assign_to="their_from"/>
      <ereg regexp="[^ ].*" search_in="hdr" header="To:" assign_to="our_to"/>
      <ereg regexp="sip:[^>;]*" search_in="hdr" header="Contact:" assign_to="their_contact"/>
    </action>
  </recv>
  <send>
    <![CDATA[

      SIP/2.0 202 Accepted
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Content-Length: 0

    ]]>
  </send>
  <send retrans="500">
    <![CDATA[

      NOTIFY [$their_contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$our_to]
      To: [$their_from]
      Call-ID: [call_id]
      CSeq: 2 NOTIFY
      Max-Forwards: 70
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Event: refer
      Subscription-State: terminated;reason=noresource
      Content-Type: message/sipfrag
      Content-Length: [len]

      SIP/2.0 200 OK

    ]]>
  </send>
  <recv response="200"/>
  <recv request="BYE" timeout="20000"/>
  <send>
    <![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <Reference variables="target,their_contact"/>
"#;

/// Runs SIPp on the scripted-caller template with this microphone and script.
fn scripted_call(server: &Server, mic: &[i16], script: &str, limit: Duration) -> (i32, String) {
    use standardiste::media::g711::Law;
    let dir = tempfile::tempdir().unwrap();
    let ul = dir.path().join("speech.ul");
    std::fs::write(&ul, Law::Ulaw.encode(mic)).unwrap();
    let template = std::fs::read_to_string(root().join("telephony/sipp/media-caller-script.xml.in")).unwrap();
    let scen = dir.path().join("script.xml");
    std::fs::write(&scen, template.replace("@SPEECH_UL@", &ul.display().to_string()).replace("@SCRIPT@", script)).unwrap();
    sipp_to(server.sip_port, &scen.display().to_string(), &["-m", "1", "-l", "1"], limit)
}

/// The weekdays of this week except today and tomorrow in the town's time zone (always closed for the test's call).
fn other_days() -> Vec<Weekday> {
    let today = Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap()).date();
    let skip = [today.weekday(), today.tomorrow().unwrap().weekday()];
    [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday]
        .into_iter()
        .filter(|d| !skip.contains(d))
        .collect()
}

#[test]
fn keypad_0_in_opening_hours_hands_the_call_to_the_accueil() {
    let dir = tempfile::tempdir().unwrap();
    let every_day = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];
    let (file, town) = town_file(dir.path(), &every_day, "sip:accueil@127.0.0.1:5999");
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let mic = Track::new().pause(welcome + 20.0);
    let script = pause((welcome + 1.0) * 1000.0) + &press('0') + ACCEPT_REFER;
    let (code, out) = scripted_call(&server, &mic.samples, &script, Duration::from_secs(welcome as u64 + 50));
    assert_eq!(code, 0, "the caller got our REFER to the accueil and our BYE:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(5)), "{}", server.log_text());
    let log = server.log_text();
    assert!(log.contains("transfer result") && log.contains("ok=true"), "{log}");
    assert!(log.lines().any(|l| l.contains("call summary") && l.contains("transfer")), "the call is counted as transferred:\n{log}");
}

#[test]
fn after_hours_a_message_is_left_and_stored_with_its_callback_number() {
    let dir = tempfile::tempdir().unwrap();
    let (file, town) = town_file(dir.path(), &other_days(), "sip:accueil@127.0.0.1:5999");
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let closed = Conversation::new(std::sync::Arc::new(town.clone())).ask_operator(Timestamp::now()).answer;
    assert!(closed.contains("message"), "after hours, 0 offers a message: {closed}");
    let number = "0612345678";
    let read_back = format!("J'ai noté le {}. Est-ce bien cela ?", standardiste::call::message::read_back(number));
    // Margins: the end-of-turn wait after a name, a yes or a message (up to 3 s) and recognition on a busy machine.
    let answer_margin = 7.0;
    // The number is confirmed in a whole sentence: a bare "oui" there was missed once on a loaded CI
    // machine (an open defect, see the closing note); the bare "oui" to the message offer stays.
    let confirm = caller_voice("Oui, c'est bien ça.");
    let (yes, name, body) = (
        caller_voice("Oui."),
        caller_voice("Martin Dupont."),
        caller_voice("Bonjour, je voudrais un rendez-vous pour ma carte d'identité. Merci de me rappeler."),
    );
    let secs = |v: &[i16]| v.len() as f64 / RATE as f64;
    // The microphone: speech at planned times; the keys go between, on the script's clock.
    let key0 = welcome + 1.0;
    let t_yes = key0 + 1.0 + spoken_seconds(&closed) + 1.0;
    let t_name = t_yes + secs(&yes) + answer_margin + spoken_seconds(prompts::NAME);
    let t_keys = t_name + secs(&name) + answer_margin + spoken_seconds(prompts::NUMBER);
    let keys: Vec<char> = number.chars().chain(['#']).collect();
    let t_yes2 = t_keys + 0.4 * keys.len() as f64 + 1.0 + spoken_seconds(&read_back) + 4.0;
    let t_body = t_yes2 + secs(&confirm) + answer_margin + spoken_seconds(prompts::BODY);
    let t_end = t_body + secs(&body) + answer_margin + spoken_seconds(prompts::DONE) + 1.0;
    let mic = Track::new()
        .pause(t_yes)
        .say(&yes)
        .pause(t_name - t_yes - secs(&yes))
        .say(&name)
        .pause(t_yes2 - t_name - secs(&name))
        .say(&confirm)
        .pause(t_body - t_yes2 - secs(&confirm))
        .say(&body)
        .pause(t_end - t_body - secs(&body) + 1.0);
    let mut script = pause(key0 * 1000.0) + &press('0') + &pause((t_keys - key0 - 0.14) * 1000.0);
    for k in &keys {
        script += &press(*k);
        script += &pause(260.0);
    }
    script += &pause((t_end - t_keys - 0.4 * keys.len() as f64) * 1000.0);
    script += HANG_UP;
    println!(
        "script: key 0 at {key0:.1} s, oui at {t_yes:.1} s, name at {t_name:.1} s, keys at {t_keys:.1} s, oui at {t_yes2:.1} s, message at {t_body:.1} s, bye at {t_end:.1} s"
    );
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let (code, out) = scripted_call(&server, &mic.samples, &script, Duration::from_secs(t_end as u64 + 40));
    assert_eq!(code, 0, "the scripted call ran to its end:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(10)), "{}", server.log_text());
    let store = Store::open(server.db_path(), StoreOptions::beside(&server.db_path())).expect("the server's database");
    let messages = store.messages(false).unwrap();
    println!("stored: {messages:?}");
    assert_eq!(messages.len(), 1, "one message stored:\n{}", server.log_text());
    let m = &messages[0].message;
    assert_eq!(m.callback_number.as_deref(), Some(number), "the callback number typed and confirmed: {m:?}");
    let said = plain(&m.transcript);
    assert!(said.contains("identit") && said.contains("rappeler"), "the message's transcript: {:?}", m.transcript);
    assert!(m.caller_name.as_deref().map(|n| plain(n).replace(' ', "")).is_some_and(|n| n.contains("dupont")), "the caller's name: {:?}", m.caller_name);
    let log = server.log_text();
    assert!(log.lines().any(|l| l.contains("call summary") && l.contains("message")), "the call is counted as a message:\n{log}");
}
