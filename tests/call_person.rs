//! A person, end to end with SIPp as the caller against the real binary: during opening hours the
//! keypad's 0 hands the call over (our REFER, accepted and reported done by the caller); after hours
//! the caller leaves a message (spoken name, number typed on the keypad and confirmed aloud, spoken
//! message), and it is in the database with its transcript and callback number.
//!
//! The caller follows a script timed from the prompts' own lengths (synthesised here as the server
//! does) with wide margins; speaking early would only interrupt a prompt (barge-in), not lose a turn.

mod call_support;

use std::time::Duration;

use call_support::script::*;
use call_support::*;
use standardiste::store::{Store, StoreOptions};

/// SIPp XML: the caller receives our REFER to the accueil, accepts it and reports it done.
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
"#;

/// SIPp XML: the REFER's variables count as used (after our BYE is answered).
const REFERENCE: &str = "  <Reference variables=\"target,their_contact\"/>\n";

#[test]
fn keypad_0_in_opening_hours_hands_the_call_to_the_accueil() {
    let dir = tempfile::tempdir().unwrap();
    let (file, town) = town_file(dir.path(), &EVERY_DAY, "sip:accueil@127.0.0.1:5999");
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let mic = Track::new().pause(welcome + 20.0);
    let script = pause((welcome + 1.0) * 1000.0) + &press('0') + ACCEPT_REFER + &answer_request("BYE", "200 OK", 20_000) + REFERENCE;
    let (code, out) = scripted_call(server.sip_port, &mic.samples, &script, Duration::from_secs(welcome as u64 + 50));
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
    let call = MessageCall::new(&town);
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let (code, out) = call.run(server.sip_port);
    assert_eq!(code, 0, "the scripted call ran to its end:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(10)), "{}", server.log_text());
    let store = Store::open(server.db_path(), StoreOptions::beside(&server.db_path())).expect("the server's database");
    let messages = store.messages(false).unwrap();
    println!("stored: {messages:?}");
    assert_eq!(messages.len(), 1, "one message stored:\n{}", server.log_text());
    let m = &messages[0].message;
    assert_eq!(m.callback_number.as_deref(), Some(CALLBACK_NUMBER), "the callback number typed and confirmed: {m:?}");
    let said = plain(&m.transcript);
    assert!(said.contains("identit") && said.contains("rappeler"), "the message's transcript: {:?}", m.transcript);
    assert!(m.caller_name.as_deref().map(|n| plain(n).replace(' ', "")).is_some_and(|n| n.contains("dupont")), "the caller's name: {:?}", m.caller_name);
    let log = server.log_text();
    assert!(log.lines().any(|l| l.contains("call summary") && l.contains("message")), "the call is counted as a message:\n{log}");
}
