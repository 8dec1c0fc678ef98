//! A bridged transfer, end to end against the real binary: the caller (SIPp) presses 0 during
//! opening hours and refuses our REFER with 501 Not Implemented, as a PBX without REFER does; we
//! then call the transfer target ourselves (a SIPp UAS). When it answers, media flows both ways
//! through us (the agent's RTP is the test's own socket) until the caller's BYE reaches the agent
//! as our BYE, and the call is recorded as transferred; the agent's BYE likewise reaches the caller.
//! When the target is busy (486), the caller hears the apology and the conversation goes on.
//! The agent may hold the caller (re-INVITE) during the bridge; an agent whose media stops (a
//! phone that died) is hung up with the caller once the media timeout passes.

mod call_support;

use std::net::UdpSocket;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use call_support::script::{answer_request, pause, press, scripted_call, spoken_seconds, town_file, EVERY_DAY, HANG_UP};
use call_support::*;
use standardiste::media::rtp::RtpPacket;

/// The byte the test's agent fills its RTP payloads with (no G.711 silence code, no speech).
const AGENT_BYTE: u8 = 0x55;

/// The agent's ending: after 4 s it hangs up (BYE in its dialog with us).
const AGENT_HANGS_UP: &str = r#"  <pause milliseconds="4000"/>
  <send retrans="500">
    <![CDATA[

      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$their_to];tag=[pid]SIPpTag01[call_number]
      To: [$their_from]
      Call-ID: [call_id]
      CSeq: 1 BYE
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200"/>"#;

/// The agent's hold: after 1 s it puts the caller on hold (re-INVITE with a=sendonly) and expects
/// our a=recvonly answer; its media then stops (the test's agent socket sends 3 s only).
const AGENT_HOLDS: &str = r#"  <pause milliseconds="1000"/>
  <send retrans="500">
    <![CDATA[

      INVITE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$their_to];tag=[pid]SIPpTag01[call_number]
      To: [$their_from]
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:agent@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=agent 1 2 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[local_ip_type] [local_ip]
      t=0 0
      m=audio @MEDIA_PORT@ RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      a=sendonly

    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="200">
    <action>
      <ereg regexp="a=recvonly" search_in="body" check_it="true" assign_to="held"/>
    </action>
  </recv>
  <send>
    <![CDATA[

      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: [$their_to];tag=[pid]SIPpTag01[call_number]
      To: [$their_from]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
"#;

/// The caller's script: wait for the welcome, press 0, refuse our REFER with 501, then `ending`.
fn refusing_caller_script(welcome: f64, ending: &str) -> String {
    pause((welcome + 1.0) * 1000.0) + &press('0') + &answer_request("REFER", "501 Not Implemented", 40_000) + ending
}

/// The caller's ending: stay `stay_ms`, then hang up.
fn caller_hangs_up(stay_ms: u64) -> String {
    pause(stay_ms as f64) + HANG_UP
}

/// A SIPp UAS at the transfer target, on `base` (SIP) and `base + 10` (its own media), in a thread.
fn agent(scenario: std::path::PathBuf, base: u16, limit: Duration) -> std::thread::JoinHandle<(i32, String, Instant)> {
    require("sipp");
    std::thread::spawn(move || {
        let work = tempfile::tempdir().unwrap();
        let mut c = std::process::Command::new("sipp");
        c.current_dir(work.path()).arg("-sf").arg(&scenario).args(["-i", "127.0.0.1", "-p", &base.to_string(), "-mp", &(base + 10).to_string()]);
        c.args(["-m", "1", "-nostdin", "-trace_err"]);
        let (code, mut out) = run_bounded(&mut c, limit);
        let done = Instant::now();
        for e in std::fs::read_dir(work.path()).unwrap().flatten() {
            if e.file_name().to_string_lossy().ends_with("_errors.log") {
                out.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        (code, out, done)
    })
}

/// The agent's RTP: counts the caller's packets relayed to it, and once the first arrives,
/// answers 150 packets (3 s) of `AGENT_BYTE` to where they come from. Runs until `stop`.
fn agent_media(sock: UdpSocket, received: Arc<AtomicU64>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        sock.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let mut buf = [0u8; 2048];
        let (mut peer, mut sent, mut next) = (None, 0u16, Instant::now());
        while !stop.load(Ordering::SeqCst) {
            if let Ok((n, from)) = sock.recv_from(&mut buf) {
                if RtpPacket::parse(&buf[..n]).is_ok_and(|p| p.payload_type == 0) {
                    received.fetch_add(1, Ordering::SeqCst);
                    peer.get_or_insert(from);
                }
            }
            if let (Some(to), true) = (peer, sent < 150 && Instant::now() >= next) {
                let p = RtpPacket::new(0, 1000 + sent, 4000 + 160 * sent as u32, 0xA6E7_0001, vec![AGENT_BYTE; 160]);
                let _ = sock.send_to(&p.build(), to);
                sent += 1;
                next += Duration::from_millis(20);
            }
        }
    })
}

#[test]
fn a_refused_refer_is_bridged_and_media_flows_both_ways_until_the_callers_bye() {
    let dir = tempfile::tempdir().unwrap();
    let agent_base = port_block();
    let (file, town) = town_file(dir.path(), &EVERY_DAY, &format!("sip:accueil@127.0.0.1:{agent_base}"));
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let media = UdpSocket::bind(("127.0.0.1", agent_base + 50)).unwrap();
    let scen = dir.path().join("agent.xml");
    let template = std::fs::read_to_string(root().join("telephony/sipp/uas_bridge.xml.in")).unwrap();
    std::fs::write(&scen, template.replace("@MEDIA_PORT@", &(agent_base + 50).to_string()).replace("@ENDING@", &answer_request("BYE", "200 OK", 60_000)))
        .unwrap();
    let limit = Duration::from_secs(welcome as u64 + 60);
    let agent = agent(scen, agent_base, limit);
    let (received, stop) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
    let agent_rtp = agent_media(media, received.clone(), stop.clone());
    let capture = Capture::start((server.rtp_min, server.rtp_max), limit);
    let mic = Track::new().pause(welcome + 40.0);
    let (code, out) = scripted_call(server.sip_port, &mic.samples, &refusing_caller_script(welcome, &caller_hangs_up(8000)), limit);
    let (agent_code, agent_out, _) = agent.join().unwrap();
    stop.store(true, Ordering::SeqCst);
    agent_rtp.join().unwrap();
    let rtp = capture.finish();
    assert_eq!(code, 0, "the caller refused our REFER, stayed bridged, hung up:\n{out}\n{}", server.log_text());
    assert_eq!(agent_code, 0, "the agent got our INVITE (PCMU, PCMA offered), answered, then got our BYE:\n{agent_out}\n{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(5)), "{}", server.log_text());
    assert!(server.wait_log("bridge media ended", Duration::from_secs(5)), "{}", server.log_text());
    let log = server.log_text();
    let relayed = received.load(Ordering::SeqCst);
    assert!(relayed >= 100, "the caller's RTP reached the agent through us ({relayed} packets):\n{log}");
    let range = server.rtp_min..=server.rtp_max;
    let to_caller = rtp.iter().filter(|p| range.contains(&p.src) && !range.contains(&p.dst) && p.dst != agent_base + 50).collect::<Vec<_>>();
    let agents = to_caller.iter().filter(|p| p.payload.len() == 160 && p.payload.iter().all(|&b| b == AGENT_BYTE)).count();
    println!("relayed: {relayed} caller packets to the agent, {agents} agent packets to the caller");
    assert!(agents >= 100, "the agent's RTP reached the caller through us ({agents} of {} packets to the caller):\n{log}", to_caller.len());
    assert!(log.lines().any(|l| l.contains("call summary") && l.contains("transferred")), "the call is recorded as transferred:\n{log}");
    assert_eq!(log.matches("call summary").count(), 1, "one record for the call:\n{log}");
}

#[test]
fn a_busy_target_brings_the_assistant_back_with_an_apology() {
    let dir = tempfile::tempdir().unwrap();
    let agent_base = port_block();
    let (file, town) = town_file(dir.path(), &EVERY_DAY, &format!("sip:accueil@127.0.0.1:{agent_base}"));
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let limit = Duration::from_secs(welcome as u64 + 60);
    let agent = agent(root().join("telephony/sipp/uas_busy.xml"), agent_base, limit);
    let capture = Capture::start((server.rtp_min, server.rtp_max), limit);
    let mic = Track::new().pause(welcome + 40.0);
    let (code, out) = scripted_call(server.sip_port, &mic.samples, &refusing_caller_script(welcome, &caller_hangs_up(10_000)), limit);
    let hung_up = Instant::now();
    let (agent_code, agent_out, busy_at) = agent.join().unwrap();
    let rtp = capture.finish();
    assert_eq!(code, 0, "the caller refused our REFER, stayed on, hung up:\n{out}\n{}", server.log_text());
    assert_eq!(agent_code, 0, "the agent got our INVITE and answered 486:\n{agent_out}\n{}", server.log_text());
    assert!(server.wait_log("call summary", Duration::from_secs(5)), "{}", server.log_text());
    let log = server.log_text();
    assert!(log.contains("the transfer target did not answer"), "{log}");
    assert!(!log.lines().any(|l| l.contains("call summary") && l.contains("transferred")), "a busy target is no transfer:\n{log}");
    // What the caller heard after the 486 (the timeline ends with the caller's BYE): the apology.
    let range = server.rtp_min..=server.rtp_max;
    let heard = rtp_timeline(&rtp, |p| range.contains(&p.src) && !range.contains(&p.dst));
    let from = heard.len() as f64 / RATE as f64 - hung_up.duration_since(busy_at).as_secs_f64() - 0.5;
    let after = transcribe(span(&heard, from, from + 8.0));
    println!("heard after the 486 (from {from:.1} s): {after:?}");
    assert!(plain(&after).contains("désolé"), "the caller hears the apology after the 486: {after:?}\n{log}");
}

#[test]
fn the_agents_bye_ends_the_callers_call() {
    let dir = tempfile::tempdir().unwrap();
    let agent_base = port_block();
    let (file, town) = town_file(dir.path(), &EVERY_DAY, &format!("sip:accueil@127.0.0.1:{agent_base}"));
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with(60, &format!("[town]\nfile = \"{}\"\n", file.display()));
    let scen = dir.path().join("agent.xml");
    let template = std::fs::read_to_string(root().join("telephony/sipp/uas_bridge.xml.in")).unwrap();
    std::fs::write(&scen, template.replace("@MEDIA_PORT@", &(agent_base + 50).to_string()).replace("@ENDING@", AGENT_HANGS_UP)).unwrap();
    let limit = Duration::from_secs(welcome as u64 + 60);
    let agent = agent(scen, agent_base, limit);
    let mic = Track::new().pause(welcome + 40.0);
    let (code, out) = scripted_call(server.sip_port, &mic.samples, &refusing_caller_script(welcome, &answer_request("BYE", "200 OK", 30_000)), limit);
    let (agent_code, agent_out, _) = agent.join().unwrap();
    assert_eq!(agent_code, 0, "the agent answered, hung up, and its BYE was answered:\n{agent_out}\n{}", server.log_text());
    assert_eq!(code, 0, "the caller refused our REFER, then got our BYE when the agent hung up:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("bridge media ended", Duration::from_secs(5)), "{}", server.log_text());
    let log = server.log_text();
    assert!(log.contains("the transfer target hung up"), "{log}");
    assert_eq!(log.lines().filter(|l| l.contains("call summary") && l.contains("transferred")).count(), 1, "one record, transferred:\n{log}");
}

#[test]
fn the_agent_may_hold_and_an_agent_gone_silent_ends_both_calls() {
    let dir = tempfile::tempdir().unwrap();
    let agent_base = port_block();
    let (file, town) = town_file(dir.path(), &EVERY_DAY, &format!("sip:accueil@127.0.0.1:{agent_base}"));
    let welcome = spoken_seconds(&standardiste::call::prompts::welcome(&town, false));
    let server = Server::start_with_rtp(60, "media_timeout = 4\n", &format!("[town]\nfile = \"{}\"\n", file.display()));
    let media = UdpSocket::bind(("127.0.0.1", agent_base + 50)).unwrap();
    let scen = dir.path().join("agent.xml");
    let template = std::fs::read_to_string(root().join("telephony/sipp/uas_bridge.xml.in")).unwrap();
    std::fs::write(
        &scen,
        template
            .replace("@ENDING@", &(AGENT_HOLDS.to_string() + &answer_request("BYE", "200 OK", 30_000) + "  <Reference variables=\"held\"/>"))
            .replace("@MEDIA_PORT@", &(agent_base + 50).to_string()),
    )
    .unwrap();
    let limit = Duration::from_secs(welcome as u64 + 60);
    let agent = agent(scen, agent_base, limit);
    let (received, stop) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
    let agent_rtp = agent_media(media, received.clone(), stop.clone());
    let mic = Track::new().pause(welcome + 40.0);
    let (code, out) = scripted_call(server.sip_port, &mic.samples, &refusing_caller_script(welcome, &answer_request("BYE", "200 OK", 30_000)), limit);
    let (agent_code, agent_out, _) = agent.join().unwrap();
    stop.store(true, Ordering::SeqCst);
    agent_rtp.join().unwrap();
    assert_eq!(agent_code, 0, "the agent's hold was answered a=recvonly (not 481), then it got our BYE:\n{agent_out}\n{}", server.log_text());
    assert_eq!(code, 0, "the caller refused our REFER, was bridged, then got our BYE:\n{out}\n{}", server.log_text());
    assert!(server.wait_log("bridge media ended", Duration::from_secs(5)), "{}", server.log_text());
    let log = server.log_text();
    assert!(log.lines().any(|l| l.contains("re-INVITE during the bridge") && l.contains("Agent") && l.contains("RecvOnly")), "{log}");
    assert!(log.contains("a side of the bridged call fell silent"), "{log}");
    assert_eq!(log.lines().filter(|l| l.contains("call summary") && l.contains("transferred")).count(), 1, "one record, transferred:\n{log}");
}
