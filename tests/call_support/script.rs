//! A scripted SIPp caller (telephony/sipp/media-caller-script.xml.in): a microphone track with
//! speech at planned times, keys pressed on the script's clock, and how the call ends. The timing
//! comes from the prompts' own lengths, synthesised here as the server does, with wide margins.

use std::fmt::Write as _;
use std::time::Duration;

use jiff::civil::Weekday;
use jiff::Timestamp;
use standardiste::answer::{Conversation, Town};
use standardiste::call::message::prompts;
use standardiste::speech::tts::{SpeakOptions, Speaker};

use super::{caller_voice, root, sipp_to, Track, RATE};

/// How long `text` lasts in the server's voice (seconds).
pub fn spoken_seconds(text: &str) -> f64 {
    let speaker = Speaker::default_voice().unwrap();
    speaker.speak(text, &SpeakOptions { rate: 1.0, sample_rate: Some(8000) }).unwrap().seconds()
}

/// A one-service town: the accueil, open on `days` all day (00:00-24:00), transfers to `target`.
pub fn town_file(dir: &std::path::Path, days: &[Weekday], target: &str) -> (std::path::PathBuf, Town) {
    let mut t = String::from(
        "[town]\nname = \"Val-d'Essai\"\ntimezone = \"Europe/Paris\"\nholidays = \"none\"\nphone = \"02 47 99 00 01\"\n\
         address = \"2 rue de l'Essai, 37998 Val-d'Essai\"\noperator = \"accueil\"\n\n[[service]]\nid = \"accueil\"\n\
         name = \"l'accueil de la mairie\"\naliases = [\"mairie\", \"accueil\"]\n",
    );
    writeln!(t, "transfer = \"{target}\"").unwrap();
    for d in days {
        writeln!(t, "hours.{} = [\"00:00-24:00\"]", format!("{d:?}").to_lowercase()).unwrap();
    }
    let file = dir.join("val-essai.toml");
    std::fs::write(&file, t).unwrap();
    let town = Town::load(&file).expect("the test's town file is valid");
    (file, town)
}

/// Every day of the week.
pub const EVERY_DAY: [Weekday; 7] =
    [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];

/// The weekdays except today and tomorrow in the town's time zone (always closed for the test's call).
pub fn other_days() -> Vec<Weekday> {
    let today = Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap()).date();
    let skip = [today.weekday(), today.tomorrow().unwrap().weekday()];
    EVERY_DAY.into_iter().filter(|d| !skip.contains(d)).collect()
}

/// SIPp XML: wait `ms` milliseconds.
pub fn pause(ms: f64) -> String {
    format!("  <pause milliseconds=\"{}\"/>\n", ms.max(0.0) as u64)
}

/// SIPp XML: press `key` (RFC 4733, 140 ms).
pub fn press(key: char) -> String {
    let name = match key {
        '#' => "pound".to_string(),
        '*' => "star".to_string(),
        d => d.to_string(),
    };
    format!("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_{name}.pcap\"/></action></nop>\n")
}

/// SIPp XML: wait up to `timeout_ms` for a `method` request and answer it with `status`
/// ("200 OK", "501 Not Implemented").
pub fn answer_request(method: &str, status: &str, timeout_ms: u64) -> String {
    format!(
        r#"  <recv request="{method}" timeout="{timeout_ms}"/>
  <send>
    <![CDATA[

      SIP/2.0 {status}
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
"#
    )
}

/// SIPp XML: the caller hangs up (along the route set of our 200, so also through a proxy).
pub const HANG_UP: &str = r#"  <send retrans="500">
    <![CDATA[

      BYE [next_url] SIP/2.0
      [routes]
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

/// Runs SIPp on the scripted-caller template against `sip_port` with this microphone and script.
pub fn scripted_call(sip_port: u16, mic: &[i16], script: &str, limit: Duration) -> (i32, String) {
    use standardiste::media::g711::Law;
    let dir = tempfile::tempdir().unwrap();
    let ul = dir.path().join("speech.ul");
    std::fs::write(&ul, Law::Ulaw.encode(mic)).unwrap();
    let template = std::fs::read_to_string(root().join("telephony/sipp/media-caller-script.xml.in")).unwrap();
    let scen = dir.path().join("script.xml");
    std::fs::write(&scen, template.replace("@SPEECH_UL@", &ul.display().to_string()).replace("@SCRIPT@", script)).unwrap();
    sipp_to(sip_port, &scen.display().to_string(), &["-m", "1", "-l", "1"], limit)
}

/// An after-hours caller who leaves a message: 0, a spoken "oui" to the offer, their name, a
/// callback number typed on the keypad and confirmed aloud, the message, then hangs up.
pub struct MessageCall {
    /// The microphone.
    pub mic: Vec<i16>,
    /// The SIPp script (keys, pauses, hang-up).
    pub script: String,
    /// When the caller hangs up (seconds from the answer).
    pub end: f64,
}

/// The number the caller types.
pub const CALLBACK_NUMBER: &str = "0612345678";
/// The name the caller says.
pub const CALLER_NAME: &str = "Martin Dupont.";
/// The message the caller leaves.
pub const MESSAGE: &str = "Bonjour, je voudrais un rendez-vous pour ma carte d'identité. Merci de me rappeler.";

impl MessageCall {
    /// The script for `town` (closed now: 0 offers a message).
    pub fn new(town: &Town) -> MessageCall {
        let welcome = spoken_seconds(&standardiste::call::prompts::welcome(town, false));
        let closed = Conversation::new(std::sync::Arc::new(town.clone())).ask_operator(Timestamp::now()).answer;
        assert!(closed.contains("message"), "after hours, 0 offers a message: {closed}");
        let read_back = format!("J'ai noté le {}. Est-ce bien cela ?", standardiste::call::message::read_back(CALLBACK_NUMBER));
        // Margins: the end-of-turn wait after a name, a yes or a message (up to 3 s) and recognition on a busy machine.
        let answer_margin = 7.0;
        // The number is confirmed in a whole sentence: a bare "oui" there was missed once on a loaded CI
        // machine (an open defect, see the closing note); the bare "oui" to the message offer stays.
        let confirm = caller_voice("Oui, c'est bien ça.");
        let (yes, name, body) = (caller_voice("Oui."), caller_voice(CALLER_NAME), caller_voice(MESSAGE));
        let secs = |v: &[i16]| v.len() as f64 / RATE as f64;
        // The microphone: speech at planned times; the keys go between, on the script's clock.
        let key0 = welcome + 1.0;
        let t_yes = key0 + 1.0 + spoken_seconds(&closed) + 1.0;
        let t_name = t_yes + secs(&yes) + answer_margin + spoken_seconds(prompts::NAME);
        let t_keys = t_name + secs(&name) + answer_margin + spoken_seconds(prompts::NUMBER);
        let keys: Vec<char> = CALLBACK_NUMBER.chars().chain(['#']).collect();
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
        MessageCall { mic: mic.samples, script, end: t_end }
    }

    /// Runs the call against `sip_port` (bounded); returns SIPp's exit code and output.
    pub fn run(&self, sip_port: u16) -> (i32, String) {
        scripted_call(sip_port, &self.mic, &self.script, Duration::from_secs(self.end as u64 + 40))
    }
}
