//! RFC 4475 torture messages, written as test vectors: each is answered as expected (parsed, or 4xx/5xx) or dropped; none panics.
//!
//! The messages follow the cases of RFC 4475 §3 (retyped, lightly shortened; hosts kept in
//! documentation ranges). The endpoint is driven sans-IO: nothing is sent anywhere.

use std::time::Instant;

use standardiste::sip::message::{Via, DEFAULT_MAX_MESSAGE};
use standardiste::sip::{Endpoint, EndpointConfig, Event, Output, Transport};

/// What the endpoint must do with a vector.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// A response with exactly this status code.
    Status(u16),
    /// Parsed and handled as a new call (100 Trying + Incoming event).
    NewCall,
    /// Nothing sent (unparseable, or a stray response).
    Dropped,
}

fn run(raw: &[u8]) -> (Vec<Vec<u8>>, Vec<Event>) {
    let mut ep = Endpoint::new(EndpointConfig { seed: 3, ..EndpointConfig::default() });
    let now = Instant::now();
    ep.handle_timeout(now);
    ep.handle_input(now, Transport::Udp, "127.0.0.1:5099".parse().unwrap(), raw);
    let (mut sent, mut events) = (Vec::new(), Vec::new());
    while let Some(o) = ep.poll_output() {
        match o {
            Output::Transmit { bytes, .. } => sent.push(bytes),
            Output::Event(e) => events.push(e),
            Output::Timeout(_) => {}
        }
    }
    (sent, events)
}

fn check(name: &str, raw: &str, expect: Expect) {
    let raw = raw.replace('\n', "\r\n");
    let (sent, events) = run(raw.as_bytes());
    let codes: Vec<u16> = sent.iter().map(|m| status(m)).collect();
    match expect {
        Expect::Status(c) => assert_eq!(codes, vec![c], "{name}: {sent:?}"),
        Expect::NewCall => {
            assert_eq!(codes, vec![100], "{name}");
            assert!(matches!(events.first(), Some(Event::Incoming { .. })), "{name}: {events:?}");
        }
        Expect::Dropped => assert!(sent.is_empty() && events.is_empty(), "{name}: {sent:?}"),
    }
    // Every response must carry a Via we can parse (the one it is routed by).
    for m in &sent {
        let text = String::from_utf8_lossy(m);
        let via = text.lines().find_map(|l| l.strip_prefix("Via: ")).unwrap_or("");
        assert!(Via::parse(via).is_some(), "{name}: response without usable Via: {text}");
    }
}

/// Status code of a response we sent (our responses to malformed requests echo their headers,
/// so they are read leniently: the status line only).
fn status(bytes: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().next().unwrap_or("");
    line.strip_prefix("SIP/2.0 ").and_then(|r| r.get(..3)).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[test]
fn valid_but_tortuous_messages_are_accepted() {
    // §3.1.1.1 wsinv: folding, compact forms, odd spacing, unknown headers, escaped URIs.
    check(
        "wsinv",
        "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
TO :
 sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8
MaX-fOrWaRdS: 0068
Call-ID: wsinv.ndaksdj@192.0.2.1
Content-Length   : 150
cseq: 0009
  INVITE
Via  : SIP  /   2.0
 /UDP
    192.0.2.2;branch=390skdjuw
s :
NewFangledHeader:   newfangled value
 continued newfangled value
UnknownHeaderWithUnusualValue: ;;,,;;,;
Content-Type: application/sdp
Route:
 <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
v:  SIP  / 2.0  / TCP     spindle.example.com   ;
  branch  =   z9hG4bK9ikj8  ,
 SIP  /    2.0   / UDP  192.168.255.111   ; branch=
 z9hG4bK30239
m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =
      newvalue ;
  secondparam ; q = 0.33

v=0
o=mhandley 29739 7272939 IN IP4 192.0.2.3
s=-
c=IN IP4 192.0.2.4
t=0 0
m=audio 49217 RTP/AVP 0 12
m=video 3227 RTP/AVP 31
a=rtpmap:31 LPC
",
        // The To tag makes it an in-dialog request for a dialog we do not have.
        Expect::Status(481),
    );
    // §3.1.1.2 intmeth: unusual but valid method and URI characters: unknown method → 501.
    check(
        "intmeth",
        "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0
Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~
To: \"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7F\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>
From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.
Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{
CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~
Max-Forwards: 255
extensionHeader-!.%*+_`'~:﻿大停電
Content-Length: 0

",
        Expect::Status(501),
    );
    // §3.1.1.3 esc01: escaped characters in URIs.
    check(
        "esc01",
        "OPTIONS sip:sips%3Auser%40example.com@example.net SIP/2.0
To: sip:%75se%72@example.com
From: <sip:I%20have%20spaces@example.net>;tag=938
Max-Forwards: 87
i: esc01.239409asdfakjkn23onasd0-3234
CSeq: 234234 OPTIONS
Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
C: application/sdp
Contact:
  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
Content-Length: 0

",
        Expect::Status(200),
    );
    // §3.1.1.4 escnull: escaped NULs in URIs (REGISTER is not served here: 405).
    check(
        "escnull",
        "REGISTER sip:example.com SIP/2.0
To: sip:null-%00-null@example.com
From: sip:null-%00-null@example.com;tag=839923423
Max-Forwards: 70
Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd
CSeq: 14398234 REGISTER
Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw
Contact: <sip:%00@host5.example.com>
Contact: <sip:%00%00@host5.example.com>
L:0

",
        Expect::Status(405),
    );
    // §3.1.1.5 esc02: an escaped method name is a different (unknown) method.
    check(
        "esc02",
        "RE%47IST%45R sip:registrar.example.com SIP/2.0
To: \"%Z%45\" <sip:resource@example.com>
From: \"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23
Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234
CSeq: 29344 RE%47IST%45R
Max-Forwards: 70
Contact: <sip:alias1@host1.example.com>
C%6Fntact: <sip:alias2@host2.example.com>
Contact: <sip:alias3@host3.example.com>
l: 0

",
        Expect::Status(501),
    );
    // §3.1.1.6 lwsdisp: no LWS between display name and <.
    check(
        "lwsdisp",
        "OPTIONS sip:user@example.com SIP/2.0
To: sip:user@example.com
From: caller<sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID: lwsdisp.1234abcd@funky.example.com
CSeq: 60 OPTIONS
Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw
l: 0

",
        Expect::Status(200),
    );
    // §3.1.1.9 semiuri: semicolon-separated parameters in the user part.
    check(
        "semiuri",
        "OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
To: sip:j_user@example.com
From: sip:caller@example.org;tag=33242
Max-Forwards: 3
Call-ID: semiuri.0ha0isndaksdj
CSeq: 8 OPTIONS
Accept: application/sdp, application/pkcs7-mime,
        multipart/mixed, multipart/signed,
        message/sip, message/sipfrag
Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw
l: 0

",
        Expect::Status(200),
    );
    // §3.1.1.10 transports: Via with several transports.
    check(
        "transports",
        "OPTIONS sip:user@example.com SIP/2.0
To: sip:user@example.com
From: <sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID:  transports.kijh4akdnaqjkwendsasfdj
Accept: application/sdp
CSeq: 60 OPTIONS
Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw
Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
l: 0

",
        Expect::Status(200),
    );
    // §3.1.1.8 dblreq: a second request after Content-Length is ignored; the first is a new call.
    check(
        "dblreq",
        "REGISTER sip:example.com SIP/2.0
To: sip:j.user@example.com
From: sip:j.user@example.com;tag=43251j3j324
Max-Forwards: 8
I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
Contact: sip:j.user@host.example.com
CSeq: 8 REGISTER
Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492
Content-Length: 0

INVITE sip:joe@example.com SIP/2.0
t: sip:joe@example.com
From: sip:caller@example.net;tag=141334
Max-Forwards: 8
Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
CSeq: 8 INVITE
Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234
Content-Type: application/sdp
Content-Length: 0

",
        Expect::Status(405),
    );
    // §3.1.2.19 badbranch: a branch that is only the magic cookie is still valid; INVITE → new call.
    check(
        "badbranch",
        "INVITE sip:user@example.com SIP/2.0
To: sip:j.user@example.com
From: sip:caller@example.net;tag=134161461246
Max-Forwards: 7
Call-ID: badbranch.sadonfo23i420jv0as0derf3j3n
CSeq: 8 INVITE
Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bK
Content-Length: 0

",
        Expect::NewCall,
    );
    // RFC 2543-style INVITE without a branch still opens a call (§3.3.? inv2543).
    check(
        "inv2543",
        "INVITE sip:UserB@example.com SIP/2.0
Via: SIP/2.0/UDP 192.0.2.15
From: <sip:UserA@example.com>;tag=1
To: <sip:UserB@example.com>
Call-ID: inv2543.1717@example.com
CSeq: 1 INVITE
Content-Length: 0

",
        Expect::NewCall,
    );
}

#[test]
fn invalid_messages_get_400_or_are_dropped() {
    let base = |first: &str, extra: &str| {
        format!(
            "{first}\nVia: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKt{}\nTo: <sip:user@example.com>\nFrom: <sip:caller@example.net>;tag=1\nCall-ID: torture-{}\nMax-Forwards: 70\n{extra}",
            first.len(),
            first.len()
        )
    };
    let cases: Vec<(&str, String, Expect)> = vec![
        // §3.1.2.1 badinv01: extraneous separators in Via.
        ("badinv01", "INVITE sip:user@example.com SIP/2.0\nTo: sip:j.user@example.com\nFrom: sip:caller@example.net;tag=134161461246\nMax-Forwards: 7\nCall-ID: badinv01.0ha0isndaksdjasdf3234nas\nCSeq: 8 INVITE\nVia: SIP/2.0/UDP 192.0.2.15;;,;,,\nContact: \"Joe\" <sip:joe@example.org>;;;;\nContent-Length: 0\n\n".into(), Expect::Status(400)),
        // §3.1.2.2 clerr: Content-Length larger than the body.
        ("clerr", base("INVITE sip:user@example.com SIP/2.0", "CSeq: 1 INVITE\nContent-Type: application/sdp\nContent-Length: 9999\n\nv=0\n"), Expect::Status(400)),
        // §3.1.2.3 scalar02: negative Content-Length.
        ("scalar02", base("REGISTER sip:example.com SIP/2.0", "CSeq: 1 REGISTER\nContent-Length: -999\n\n"), Expect::Status(400)),
        // §3.1.2.4 scalarlg: overlarge scalars.
        ("scalarlg", base("REGISTER sip:example.com SIP/2.0", "CSeq: 36893488147419103232 REGISTER\nContent-Length: 0\n\n"), Expect::Status(400)),
        ("scalarlg-mf", base("OPTIONS sip:example.com SIP/2.0", "CSeq: 1 OPTIONS\nMax-Forwards: 300\nContent-Length: 0\n\n"), Expect::Status(400)),
        ("scalarlg-exp", base("OPTIONS sip:example.com SIP/2.0", "CSeq: 1 OPTIONS\nExpires: 10000000000000000000000\nContent-Length: 0\n\n"), Expect::Status(400)),
        // §3.1.2.5 quotbal: unterminated quoted display name.
        ("quotbal", "INVITE sip:user@example.com SIP/2.0\nTo: \"Mr. J. User <sip:j.user@example.com>\nFrom: sip:caller@example.net;tag=93334\nMax-Forwards: 10\nCall-ID: quotbal.aksdj\nCSeq: 8 INVITE\nVia: SIP/2.0/UDP 192.0.2.59:5050;branch=z9hG4bKkdjuw39234\nContent-Length: 0\n\n".into(), Expect::Status(400)),
        // §3.1.2.6 ltgtruri: Request-URI in angle brackets.
        ("ltgtruri", base("INVITE <sip:user@example.com> SIP/2.0", "CSeq: 1 INVITE\nContent-Length: 0\n\n"), Expect::Status(400)),
        // §3.1.2.7 lwsruri: whitespace inside the Request-URI.
        ("lwsruri", base("INVITE sip:user@example.com; lr SIP/2.0", "CSeq: 1 INVITE\nContent-Length: 0\n\n"), Expect::Status(400)),
        // §3.1.2.8 lwsstart: several spaces between Request-Line elements.
        ("lwsstart", base("INVITE  sip:user@example.com  SIP/2.0", "CSeq: 1 INVITE\nContent-Length: 0\n\n"), Expect::Status(400)),
        // §3.1.2.10 escruri: escaped headers in a SIP Request-URI.
        ("escruri", base("INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0", "CSeq: 1 INVITE\nContent-Length: 0\n\n"), Expect::Status(400)),
        // §3.1.2.13 badaspec: whitespace inside an addr-spec.
        ("badaspec", "OPTIONS sip:user@example.org SIP/2.0\nVia: SIP/2.0/UDP host4.example.com:5060;branch=z9hG4bKkdju43234\nMax-Forwards: 70\nFrom: \"Bell, Alexander\" <sip:a.g.bell@example.com>;tag=433423\nTo: \"Watson, Thomas\" < sip:t.watson@example.org >\nCall-ID: badaspec.sdf0234n2nds0a099u23h3hnnw009cdkne3\nAccept: application/sdp\nCSeq: 3923239 OPTIONS\nl: 0\n\n".into(), Expect::Status(400)),
        // §3.1.2.14 baddn: unquoted display name with non-token characters.
        ("baddn", "OPTIONS sip:t.watson@example.org SIP/2.0\nVia: SIP/2.0/UDP c.example.com:5060;branch=z9hG4bKkdjuw\nMax-Forwards: 70\nFrom: Bell, Alexander <sip:a.g.bell@example.com>;tag=43\nTo: Watson, Thomas <sip:t.watson@example.org>\nCall-ID: baddn.31415@c.example.com\nAccept: application/sdp\nCSeq: 3923239 OPTIONS\nl: 0\n\n".into(), Expect::Status(400)),
        // §3.1.2.15 badvers: SIP/7.0.
        ("badvers", base("OPTIONS sip:t.watson@example.org SIP/7.0", "CSeq: 1 OPTIONS\nl: 0\n\n"), Expect::Status(505)),
        // §3.1.2.16 mismatch01: CSeq method differs from the method.
        ("mismatch01", base("OPTIONS sip:user@example.com SIP/2.0", "CSeq: 8 INVITE\nl: 0\n\n"), Expect::Status(400)),
        // §3.1.2.17 mismatch02: unknown method and mismatched CSeq: 400, not 501.
        ("mismatch02", base("NEWMETHOD sip:user@example.com SIP/2.0", "CSeq: 8 INVITE\nl: 0\n\n"), Expect::Status(400)),
        // §3.1.2.18 bigcode: status code out of range (a response: dropped).
        ("bigcode", "SIP/2.0 4294967301 better not break the receiver\nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\nCall-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i\nCSeq: 353494 INVITE\nFrom: <sip:user@example.com>;tag=39ansfi3\nTo: <sip:user@example.edu>;tag=902jndnke3\nContent-Length: 0\n\n".into(), Expect::Dropped),
        // §3.3.1 insuf: missing Call-ID, From, To.
        ("insuf", "INVITE sip:user@example.com SIP/2.0\nCSeq: 193942 INVITE\nVia: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf\nContent-Type: application/sdp\nl: 0\n\n".into(), Expect::Dropped),
        // §3.3.2 unkscm / §3.3.3 novelsc: unknown Request-URI schemes → 416.
        ("unkscm", base("OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0", "CSeq: 1 OPTIONS\nl: 0\n\n"), Expect::Status(416)),
        ("novelsc", base("OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0", "CSeq: 1 OPTIONS\nl: 0\n\n"), Expect::Status(416)),
        // §3.3.5 bext01: unsupported Require → 420.
        ("bext01", base("OPTIONS sip:user@example.com SIP/2.0", "CSeq: 1 OPTIONS\nRequire: nothingSupportedHere\nl: 0\n\n"), Expect::Status(420)),
        // §3.3.6 invut: INVITE with an unknown body type → 415.
        ("invut", base("INVITE sip:user@example.com SIP/2.0", "CSeq: 1 INVITE\nContent-Type: application/unknownformat\nContent-Length: 3\n\nxyz"), Expect::Status(415)),
        // §3.3.8 multi01: several values in single-value headers.
        ("multi01", format!("{}To: <sip:other@example.com>\nCSeq: 1 INVITE\nl: 0\n\n", base("INVITE sip:user@example.com SIP/2.0", "")), Expect::Status(400)),
        // §3.3.9 mcl01: several Content-Length headers.
        ("mcl01", base("OPTIONS sip:user@example.com SIP/2.0", "CSeq: 1 OPTIONS\nContent-Length: 0\nContent-Length: 2\n\n"), Expect::Status(400)),
        // §3.3.10 bcast: a response to nothing we sent is dropped.
        ("bcast", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\nVia: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23\nCall-ID: bcast.0384840201234ksdfak3j2erwedfsASdf\nCSeq: 35 INVITE\nFrom: sip:user@example.com;tag=11141343\nTo: sip:user@example.edu;tag=2229\nContent-Length: 0\n\n".into(), Expect::Dropped),
        // Header line without a colon.
        ("nocolon", base("OPTIONS sip:user@example.com SIP/2.0", "CSeq: 1 OPTIONS\nThis line has no colon\nl: 0\n\n"), Expect::Status(400)),
        // Binary garbage and truncated messages: dropped.
        ("garbage", "\u{1}\u{2}\u{3}not sip at all\n\n".into(), Expect::Dropped),
        ("truncated", "INVITE sip:user@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\nCSeq: 1 INV".into(), Expect::Dropped),
    ];
    for (name, raw, expect) in cases {
        check(name, &raw, expect);
    }
}

#[test]
fn oversized_request_gets_513() {
    let raw = format!(
        "INVITE sip:user@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKbig\r\nTo: <sip:user@example.com>\r\nFrom: <sip:c@example.net>;tag=1\r\nCall-ID: big\r\nCSeq: 1 INVITE\r\nSubject: {}\r\nContent-Length: 0\r\n\r\n",
        "x".repeat(DEFAULT_MAX_MESSAGE)
    );
    let (sent, events) = run(raw.as_bytes());
    assert_eq!(sent.iter().map(|m| status(m)).collect::<Vec<_>>(), vec![513]);
    assert!(events.is_empty());
}

#[test]
fn no_prefix_of_a_valid_message_panics() {
    // Every truncation and single-byte corruption of a valid INVITE is handled without panicking.
    let raw = "INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP [::1]:5060;branch=z9hG4bKp;rport\r\nFrom: \"A\" <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: p\r\nCSeq: 1 INVITE\r\nContact: <sip:a@[::1]:5060>\r\nContent-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n";
    let bytes = raw.as_bytes();
    for n in 0..bytes.len() {
        let _ = run(&bytes[..n]);
    }
    for i in 0..bytes.len() {
        for b in [b'\0', b' ', b':', b'<', b'"', b';', 0xff] {
            let mut v = bytes.to_vec();
            v[i] = b;
            let _ = run(&v);
        }
    }
}
