//! SDP offer/answer for one G.711 audio stream (RFC 4566, RFC 3264): parse, answer, offer, hold.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use super::g711::Law;

/// Why an SDP body cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SdpError {
    /// A line is not `x=value` or a field does not parse.
    #[error("SDP line {line}: {reason}")]
    Malformed { line: usize, reason: String },
    /// No audio stream, or none with an address to send to.
    #[error("SDP has no usable audio stream")]
    NoAudio,
    /// The audio stream offers neither PCMU nor PCMA (answer 488 Not Acceptable Here).
    #[error("no common codec: offered {offered:?}, we support PCMU and PCMA")]
    NoCommonCodec { offered: Vec<String> },
}

/// The media direction attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Both ways (the default).
    SendRecv,
    /// The sender only sends (puts the other on hold).
    SendOnly,
    /// The sender only receives.
    RecvOnly,
    /// No media either way.
    Inactive,
}

impl Direction {
    /// The direction to answer with (RFC 3264 §6.1).
    pub fn answer(self) -> Direction {
        match self {
            Direction::SendRecv => Direction::SendRecv,
            Direction::SendOnly => Direction::RecvOnly,
            Direction::RecvOnly => Direction::SendOnly,
            Direction::Inactive => Direction::Inactive,
        }
    }

    /// Whether a side with this direction sends media.
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }

    /// Whether a side with this direction receives media.
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }

    fn attr(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }
}

/// One `m=` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaDescription {
    /// Media type (audio, video…).
    pub kind: String,
    /// Port (0 = disabled).
    pub port: u16,
    /// Transport protocol (RTP/AVP…).
    pub proto: String,
    /// Payload types in preference order.
    pub formats: Vec<String>,
    /// `a=rtpmap` entries: payload type, encoding name, clock rate.
    pub rtpmaps: Vec<(u8, String, u32)>,
    /// The media-level connection address, if any.
    pub connection: Option<IpAddr>,
    /// The direction attribute (media-level, else session-level, else sendrecv).
    pub direction: Direction,
    /// `a=ptime`, if given.
    pub ptime: Option<u32>,
}

/// A parsed session description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDescription {
    /// The session-level connection address, if any.
    pub connection: Option<IpAddr>,
    /// The media sections, in order.
    pub media: Vec<MediaDescription>,
}

/// What both sides agreed on for the audio stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated {
    /// Where to send RTP (before symmetric RTP latching).
    pub remote: SocketAddr,
    /// The codec.
    pub law: Law,
    /// The payload type used for that codec (0 or 8).
    pub payload_type: u8,
    /// The telephone-event payload type, if both support it.
    pub telephone_event: Option<u8>,
    /// Our direction.
    pub direction: Direction,
}

impl Negotiated {
    /// Whether the peer put us on hold (we must not send).
    pub fn on_hold(&self) -> bool {
        !self.direction.sends()
    }
}

fn bad(line: usize, reason: impl Into<String>) -> SdpError {
    SdpError::Malformed { line, reason: reason.into() }
}

fn parse_connection(line: usize, v: &str) -> Result<IpAddr, SdpError> {
    let mut it = v.split_whitespace();
    let (net, _ty, addr) = (it.next(), it.next(), it.next());
    if net != Some("IN") {
        return Err(bad(line, format!("c= network type {net:?} is not IN")));
    }
    let addr = addr.ok_or_else(|| bad(line, "c= has no address"))?;
    let addr = addr.split('/').next().unwrap_or(addr);
    addr.parse().map_err(|_| bad(line, format!("c= address {addr:?} is not an IP address")))
}

impl SessionDescription {
    /// Parses an SDP body.
    pub fn parse(text: &str) -> Result<Self, SdpError> {
        let mut sd = SessionDescription { connection: None, media: Vec::new() };
        let mut session_dir = None;
        let mut saw_version = false;
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let (key, value) = line.split_once('=').ok_or_else(|| bad(n, format!("{line:?} is not key=value")))?;
            if key.len() != 1 {
                return Err(bad(n, format!("key {key:?} is not one letter")));
            }
            match key {
                "v" => {
                    if value != "0" {
                        return Err(bad(n, format!("version {value:?} is not 0")));
                    }
                    saw_version = true;
                }
                "c" => {
                    let addr = parse_connection(n, value)?;
                    match sd.media.last_mut() {
                        Some(m) => m.connection = Some(addr),
                        None => sd.connection = Some(addr),
                    }
                }
                "m" => {
                    let mut it = value.split_whitespace();
                    let kind = it.next().ok_or_else(|| bad(n, "m= is empty"))?.to_string();
                    let port = it.next().ok_or_else(|| bad(n, "m= has no port"))?;
                    let port: u16 = port.split('/').next().unwrap_or("").parse().map_err(|_| bad(n, format!("m= port {port:?}")))?;
                    let proto = it.next().ok_or_else(|| bad(n, "m= has no protocol"))?.to_string();
                    let formats = it.map(str::to_string).collect();
                    sd.media.push(MediaDescription {
                        kind,
                        port,
                        proto,
                        formats,
                        rtpmaps: Vec::new(),
                        connection: None,
                        direction: session_dir.unwrap_or(Direction::SendRecv),
                        ptime: None,
                    });
                }
                "a" => {
                    let (name, val) = value.split_once(':').unwrap_or((value, ""));
                    let dir = match name {
                        "sendrecv" => Some(Direction::SendRecv),
                        "sendonly" => Some(Direction::SendOnly),
                        "recvonly" => Some(Direction::RecvOnly),
                        "inactive" => Some(Direction::Inactive),
                        _ => None,
                    };
                    match (sd.media.last_mut(), dir) {
                        (None, Some(d)) => session_dir = Some(d),
                        (Some(m), Some(d)) => m.direction = d,
                        (Some(m), None) if name == "rtpmap" => {
                            let (pt, enc) = val.split_once(' ').ok_or_else(|| bad(n, "rtpmap without encoding"))?;
                            let pt: u8 = pt.trim().parse().map_err(|_| bad(n, format!("rtpmap payload type {pt:?}")))?;
                            let mut parts = enc.trim().split('/');
                            let name = parts.next().unwrap_or("").to_string();
                            let rate = parts.next().and_then(|r| r.parse().ok()).ok_or_else(|| bad(n, format!("rtpmap clock rate in {enc:?}")))?;
                            m.rtpmaps.push((pt, name, rate));
                        }
                        (Some(m), None) if name == "ptime" => m.ptime = val.trim().parse().ok(),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if !saw_version {
            return Err(bad(1, "no v=0 line"));
        }
        Ok(sd)
    }
}

impl MediaDescription {
    /// The encoding name and clock rate of a payload type (static types 0 and 8 need no rtpmap).
    pub fn encoding(&self, pt: u8) -> Option<(String, u32)> {
        if let Some((_, name, rate)) = self.rtpmaps.iter().find(|(p, _, _)| *p == pt) {
            return Some((name.clone(), *rate));
        }
        Law::from_payload_type(pt).map(|l| (l.name().to_string(), 8000))
    }

    fn address(&self, session: Option<IpAddr>) -> Option<IpAddr> {
        self.connection.or(session)
    }
}

/// Our side of the session: address, port and the `o=` line's id and version.
#[derive(Debug, Clone)]
pub struct LocalMedia {
    /// The address written in `c=` and `o=`.
    pub address: IpAddr,
    /// Our RTP port.
    pub port: u16,
    /// The session id of `o=`.
    pub session_id: u64,
    /// The session version of `o=`, bumped on each new description.
    pub version: u64,
}

impl LocalMedia {
    /// A fresh local description state.
    pub fn new(address: IpAddr, port: u16, session_id: u64) -> Self {
        Self { address, port, session_id, version: session_id }
    }

    fn render(&mut self, law_pts: &[(u8, &str)], te: Option<u8>, direction: Direction, extra_disabled: &[&MediaDescription], audio_first: usize) -> String {
        let ip = match self.address {
            IpAddr::V4(_) => "IP4",
            IpAddr::V6(_) => "IP6",
        };
        let mut s = format!(
            "v=0\r\no=standardiste {} {} IN {ip} {}\r\ns=standardiste\r\nc=IN {ip} {}\r\nt=0 0\r\n",
            self.session_id, self.version, self.address, self.address
        );
        self.version += 1;
        let audio = {
            let mut fmts: Vec<String> = law_pts.iter().map(|(pt, _)| pt.to_string()).collect();
            fmts.extend(te.map(|p| p.to_string()));
            let mut m = format!("m=audio {} RTP/AVP {}\r\n", self.port, fmts.join(" "));
            for (pt, name) in law_pts {
                m.push_str(&format!("a=rtpmap:{pt} {name}/8000\r\n"));
            }
            if let Some(te) = te {
                m.push_str(&format!("a=rtpmap:{te} telephone-event/8000\r\na=fmtp:{te} 0-15\r\n"));
            }
            m.push_str(&format!("a=ptime:20\r\na={}\r\n", direction.attr()));
            m
        };
        let mut sections: Vec<String> = extra_disabled.iter().map(|m| format!("m={} 0 {} {}\r\n", m.kind, m.proto, m.formats.join(" "))).collect();
        sections.insert(audio_first.min(sections.len()), audio);
        s.push_str(&sections.concat());
        s
    }

    /// Our offer (for an INVITE without SDP, or a call we place): PCMU, PCMA, telephone-event 101.
    pub fn offer(&mut self) -> String {
        self.render(&[(0, "PCMU"), (8, "PCMA")], Some(101), Direction::SendRecv, &[], 0)
    }

    /// Our offer for a bridged call: `law` first (no transcoding when the peer takes it), the other G.711 second.
    pub fn offer_preferring(&mut self, law: Law) -> String {
        let order = if law == Law::Alaw { [(8, "PCMA"), (0, "PCMU")] } else { [(0, "PCMU"), (8, "PCMA")] };
        self.render(&order, Some(101), Direction::SendRecv, &[], 0)
    }

    /// Answers an offer: picks the offerer's first of PCMU/PCMA, mirrors its telephone-event type.
    pub fn answer(&mut self, offer: &SessionDescription) -> Result<(Negotiated, String), SdpError> {
        let (idx, neg) = choose(offer)?;
        let others: Vec<&MediaDescription> = offer.media.iter().enumerate().filter(|(i, _)| *i != idx).map(|(_, m)| m).collect();
        let name = neg.law.name();
        let sdp = self.render(&[(neg.payload_type, name)], neg.telephone_event, neg.direction, &others, idx);
        Ok((neg, sdp))
    }
}

fn choose(sd: &SessionDescription) -> Result<(usize, Negotiated), SdpError> {
    let mut offered = Vec::new();
    let mut saw_audio = false;
    for (i, m) in sd.media.iter().enumerate() {
        if m.kind != "audio" || m.port == 0 || !m.proto.starts_with("RTP/AVP") {
            continue;
        }
        saw_audio = true;
        let Some(addr) = m.address(sd.connection) else { continue };
        let mut law = None;
        let mut te = None;
        for f in &m.formats {
            let Ok(pt) = f.parse::<u8>() else { continue };
            let Some((name, rate)) = m.encoding(pt) else {
                offered.push(f.clone());
                continue;
            };
            offered.push(name.clone());
            if rate != 8000 {
                continue;
            }
            if law.is_none() {
                if name.eq_ignore_ascii_case("PCMU") {
                    law = Some((Law::Ulaw, pt));
                } else if name.eq_ignore_ascii_case("PCMA") {
                    law = Some((Law::Alaw, pt));
                }
            }
            if te.is_none() && name.eq_ignore_ascii_case("telephone-event") {
                te = Some(pt);
            }
        }
        if let Some((law, payload_type)) = law {
            // c=0.0.0.0 is the RFC 2543 way to put a call on hold.
            let held = addr.is_unspecified();
            let answer = m.direction.answer();
            let direction = if held { Direction::from_flags(false, answer.receives()) } else { answer };
            return Ok((i, Negotiated { remote: SocketAddr::new(addr, m.port), law, payload_type, telephone_event: te, direction }));
        }
    }
    if saw_audio && !offered.is_empty() {
        Err(SdpError::NoCommonCodec { offered })
    } else {
        Err(SdpError::NoAudio)
    }
}

impl Direction {
    fn from_flags(send: bool, recv: bool) -> Direction {
        match (send, recv) {
            (true, true) => Direction::SendRecv,
            (true, false) => Direction::SendOnly,
            (false, true) => Direction::RecvOnly,
            (false, false) => Direction::Inactive,
        }
    }
}

/// Reads the peer's answer to our offer: the codec and telephone-event type it chose.
pub fn parse_answer(text: &str) -> Result<Negotiated, SdpError> {
    let sd = SessionDescription::parse(text)?;
    choose(&sd).map(|(_, n)| n)
}

/// The address to use when none is configured: the unspecified IPv4 address.
pub const UNSPECIFIED: IpAddr = IpAddr::V4(Ipv4Addr::UNSPECIFIED);

#[cfg(test)]
mod tests {
    use super::*;

    const SIPP_OFFER: &str = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,16\r\n";

    fn local() -> LocalMedia {
        LocalMedia::new("127.0.0.1".parse().unwrap(), 40000, 1000)
    }

    #[test]
    fn answers_a_sipp_offer() {
        let offer = SessionDescription::parse(SIPP_OFFER).unwrap();
        let mut l = local();
        let (neg, sdp) = l.answer(&offer).unwrap();
        assert_eq!(neg.remote, "127.0.0.1:6000".parse().unwrap());
        assert_eq!((neg.law, neg.payload_type, neg.telephone_event), (Law::Alaw, 8, Some(101)));
        assert_eq!(neg.direction, Direction::SendRecv);
        assert!(sdp.contains("m=audio 40000 RTP/AVP 8 101\r\n"), "{sdp}");
        assert!(sdp.contains("c=IN IP4 127.0.0.1\r\n"));
        assert!(sdp.contains("a=rtpmap:101 telephone-event/8000\r\n"));
        assert!(sdp.contains("a=sendrecv\r\n"));
        assert!(sdp.contains("o=standardiste 1000 1000 IN IP4"));
        // The answer parses as an answer, and the next description bumps the version.
        assert_eq!(parse_answer(&sdp).unwrap().law, Law::Alaw);
        let (_, again) = l.answer(&offer).unwrap();
        assert!(again.contains("o=standardiste 1000 1001 IN IP4"));
    }

    #[test]
    fn keeps_the_offerers_preference_and_mirrors_dynamic_types() {
        let o = "v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/AVP 9 0 8 96\r\na=rtpmap:9 G722/8000\r\na=rtpmap:96 telephone-event/8000\r\n";
        let (neg, sdp) = local().answer(&SessionDescription::parse(o).unwrap()).unwrap();
        assert_eq!((neg.law, neg.payload_type, neg.telephone_event), (Law::Ulaw, 0, Some(96)));
        assert!(sdp.contains("m=audio 40000 RTP/AVP 0 96\r\n"));
        // Without telephone-event, none is answered.
        let o = "v=0\r\nc=IN IP4 10.0.0.2\r\nm=audio 5004 RTP/AVP 8\r\n";
        let (neg, sdp) = local().answer(&SessionDescription::parse(o).unwrap()).unwrap();
        assert_eq!(neg.telephone_event, None);
        assert!(!sdp.contains("telephone-event"));
    }

    #[test]
    fn hold_and_unhold() {
        let with = |attr: &str| format!("v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 0\r\n{attr}");
        let dir = |o: &str| local().answer(&SessionDescription::parse(o).unwrap()).unwrap().0.direction;
        assert_eq!(dir(&with("a=sendonly\r\n")), Direction::RecvOnly);
        assert_eq!(dir(&with("a=inactive\r\n")), Direction::Inactive);
        assert_eq!(dir(&with("a=recvonly\r\n")), Direction::SendOnly);
        assert_eq!(dir(&with("a=sendrecv\r\n")), Direction::SendRecv);
        assert!(local().answer(&SessionDescription::parse(&with("a=sendonly\r\n")).unwrap()).unwrap().0.on_hold());
        // Session-level attribute applies to the media; old-style hold with c=0.0.0.0.
        let o = "v=0\r\nc=IN IP4 127.0.0.1\r\na=sendonly\r\nm=audio 6000 RTP/AVP 0\r\n";
        assert_eq!(dir(o), Direction::RecvOnly);
        let o = "v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 6000 RTP/AVP 0\r\n";
        assert!(!dir(o).sends());
        let (_, sdp) = local().answer(&SessionDescription::parse(&with("a=sendonly\r\n")).unwrap()).unwrap();
        assert!(sdp.contains("a=recvonly\r\n"));
    }

    #[test]
    fn nothing_in_common_is_an_error_for_488() {
        let o = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 9 18\r\na=rtpmap:9 G722/8000\r\n";
        match local().answer(&SessionDescription::parse(o).unwrap()) {
            Err(SdpError::NoCommonCodec { offered }) => assert_eq!(offered, vec!["G722".to_string(), "18".to_string()]),
            other => panic!("{other:?}"),
        }
        let o = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=video 6000 RTP/AVP 96\r\n";
        assert_eq!(local().answer(&SessionDescription::parse(o).unwrap()).unwrap_err(), SdpError::NoAudio);
        let o = "v=0\r\nm=audio 6000 RTP/AVP 0\r\n";
        assert_eq!(local().answer(&SessionDescription::parse(o).unwrap()).unwrap_err(), SdpError::NoAudio, "no c= line");
    }

    #[test]
    fn other_streams_are_declined_in_place() {
        let o = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=video 7000 RTP/AVP 96\r\nm=audio 6000 RTP/AVP 0\r\n";
        let (_, sdp) = local().answer(&SessionDescription::parse(o).unwrap()).unwrap();
        let v = sdp.find("m=video 0 RTP/AVP 96").expect("video declined");
        let a = sdp.find("m=audio 40000").unwrap();
        assert!(v < a, "m-lines keep the offer's order");
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(
            SessionDescription::parse("v=0\r\nnonsense\r\n").unwrap_err(),
            SdpError::Malformed { line: 2, reason: "\"nonsense\" is not key=value".into() }
        );
        assert!(matches!(SessionDescription::parse("v=0\r\nc=IN IP4 nope\r\n"), Err(SdpError::Malformed { line: 2, .. })));
        assert!(matches!(SessionDescription::parse("v=0\r\nm=audio x RTP/AVP 0\r\n"), Err(SdpError::Malformed { line: 2, .. })));
        assert!(matches!(SessionDescription::parse("o=x\r\n"), Err(SdpError::Malformed { .. })));
    }

    #[test]
    fn our_offer_parses_back() {
        let mut l = local();
        let o = l.offer();
        let neg = parse_answer(&o).unwrap();
        assert_eq!((neg.law, neg.telephone_event), (Law::Ulaw, Some(101)));
        assert!(o.contains("m=audio 40000 RTP/AVP 0 8 101\r\n"));
    }
}
