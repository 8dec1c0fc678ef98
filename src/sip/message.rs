//! SIP message model, parser and serialiser (RFC 3261 §7, §25), strict enough to answer 400.

use std::fmt::Write as _;

/// Largest message we accept by default; bigger requests get 513.
pub const DEFAULT_MAX_MESSAGE: usize = 16 * 1024;

/// Why a byte string is not a SIP message we can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not even a start line and headers; nothing can be answered.
    #[error("unparseable message: {0}")]
    Garbage(&'static str),
    /// A request whose framing is fine but whose content is wrong: answer with this status.
    #[error("bad request ({code}): {reason}")]
    BadRequest {
        /// Status code to answer (400, 505, 416, 513…).
        code: u16,
        /// Human-readable reason, used as the reason phrase.
        reason: String,
        /// The partly parsed request, enough to build a response.
        partial: Box<Message>,
    },
    /// A malformed response: it is dropped.
    #[error("bad response: {0}")]
    BadResponse(String),
}

/// First line of a SIP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    /// `METHOD uri SIP/2.0`.
    Request {
        /// Method name, case-sensitive.
        method: String,
        /// Request-URI as written.
        uri: String,
    },
    /// `SIP/2.0 code reason`.
    Response {
        /// Status code 100–699.
        code: u16,
        /// Reason phrase (may be empty).
        reason: String,
    },
}

/// A SIP request or response: start line, ordered headers, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Request or status line.
    pub start: StartLine,
    /// Headers in order, names in canonical long form, values trimmed and unfolded.
    pub headers: Vec<(String, String)>,
    /// Body bytes (exactly Content-Length of them).
    pub body: Vec<u8>,
}

/// Expands compact header forms and canonicalises the case of well-known names.
pub fn canonical_name(name: &str) -> String {
    let long = match name.to_ascii_lowercase().as_str() {
        "v" | "via" => "Via",
        "f" | "from" => "From",
        "t" | "to" => "To",
        "i" | "call-id" => "Call-ID",
        "m" | "contact" => "Contact",
        "l" | "content-length" => "Content-Length",
        "c" | "content-type" => "Content-Type",
        "e" | "content-encoding" => "Content-Encoding",
        "k" | "supported" => "Supported",
        "s" | "subject" => "Subject",
        "o" | "event" => "Event",
        "r" | "refer-to" => "Refer-To",
        "b" | "referred-by" => "Referred-By",
        "u" | "allow-events" => "Allow-Events",
        "cseq" => "CSeq",
        "max-forwards" => "Max-Forwards",
        "route" => "Route",
        "record-route" => "Record-Route",
        "www-authenticate" => "WWW-Authenticate",
        "proxy-authenticate" => "Proxy-Authenticate",
        "authorization" => "Authorization",
        "proxy-authorization" => "Proxy-Authorization",
        "expires" => "Expires",
        "allow" => "Allow",
        "accept" => "Accept",
        "user-agent" => "User-Agent",
        "server" => "Server",
        "require" => "Require",
        "unsupported" => "Unsupported",
        "retry-after" => "Retry-After",
        "subscription-state" => "Subscription-State",
        _ => return name.to_string(),
    };
    long.to_string()
}

/// Headers whose comma-separated values are separate entries (split on parse).
fn is_list_header(name: &str) -> bool {
    matches!(name, "Via" | "Route" | "Record-Route" | "Contact")
}

/// Splits a header value on top-level commas (outside quotes and angle brackets).
pub fn split_commas(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut quoted, mut angle, mut escaped) = (false, false, false);
    let mut cur = String::new();
    for ch in value.chars() {
        if escaped {
            escaped = false;
            cur.push(ch);
            continue;
        }
        match ch {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
}

impl Message {
    /// Parses one message. `max` bounds its size (larger requests yield 513).
    pub fn parse(bytes: &[u8], max: usize) -> Result<Message, ParseError> {
        // Leading CRLFs are keep-alives / stray line ends and are skipped (RFC 3261 §7.5).
        let start = bytes.iter().position(|&b| b != b'\r' && b != b'\n').ok_or(ParseError::Garbage("empty"))?;
        let bytes = &bytes[start..];
        let (head_end, body_start) = find_head_end(bytes).ok_or(ParseError::Garbage("no end of headers"))?;
        let head = std::str::from_utf8(&bytes[..head_end]).map_err(|_| ParseError::Garbage("headers not UTF-8"))?;
        let mut lines = unfold(head).into_iter();
        let first = lines.next().ok_or(ParseError::Garbage("no start line"))?;
        let (start, start_problem) = match parse_start_line(&first) {
            Ok(s) => (s, None),
            Err(ParseError::BadRequest { code, reason, partial }) => (partial.start, Some((code, reason))),
            Err(e) => return Err(e),
        };
        let is_request = matches!(start, StartLine::Request { .. });
        let mut msg = Message { start, headers: Vec::new(), body: Vec::new() };
        let mut problems: Vec<(u16, String)> = start_problem.into_iter().collect();
        let bad = |msg: &Message, code: u16, reason: String| -> ParseError {
            if matches!(msg.start, StartLine::Request { .. }) {
                ParseError::BadRequest { code, reason, partial: Box::new(msg.clone()) }
            } else {
                ParseError::BadResponse(reason)
            }
        };
        for line in lines {
            let Some(colon) = line.find(':') else {
                problems.push((400, "header line without colon".to_string()));
                continue;
            };
            let raw_name = line[..colon].trim_end();
            if !is_token(raw_name) {
                problems.push((400, "bad header name".to_string()));
                continue;
            }
            let name = canonical_name(raw_name);
            let value = line[colon + 1..].trim().to_string();
            if is_list_header(&name) && value != "*" {
                for v in split_commas(&value) {
                    msg.headers.push((name.clone(), v));
                }
            } else {
                msg.headers.push((name, value));
            }
        }
        if bytes.len() > max && is_request {
            return Err(bad(&msg, 513, "Message Too Large".into()));
        }
        if bytes.len() > max {
            return Err(ParseError::BadResponse("too large".into()));
        }
        // Body framing by Content-Length (absent = rest of datagram).
        let rest = &bytes[body_start..];
        let cls: Vec<&str> = msg.headers.iter().filter(|(n, _)| n == "Content-Length").map(|(_, v)| v.as_str()).collect();
        match cls.as_slice() {
            [] => msg.body = rest.to_vec(),
            [one] => match one.parse::<usize>() {
                Ok(n) if n <= rest.len() => msg.body = rest[..n].to_vec(),
                Ok(_) => problems.push((400, "Content-Length larger than body".into())),
                Err(_) => problems.push((400, "bad Content-Length".into())),
            },
            _ => problems.push((400, "several Content-Length headers".into())),
        }
        // Mandatory headers and their syntax.
        for h in ["Via", "From", "To", "Call-ID", "CSeq"] {
            let n = msg.headers.iter().filter(|(n, _)| n == h).count();
            if n == 0 {
                problems.push((400, format!("missing {h}")));
            } else if n > 1 && h != "Via" {
                problems.push((400, format!("several {h} headers")));
            }
        }
        if let Some(cseq) = msg.header("CSeq") {
            match parse_cseq(cseq) {
                Some((_, m)) => {
                    if let StartLine::Request { method, .. } = &msg.start {
                        if &m != method {
                            problems.push((400, "CSeq method does not match".into()));
                        }
                    }
                }
                None => problems.push((400, "bad CSeq".into())),
            }
        }
        for (i, mf) in msg.headers_named("Max-Forwards").enumerate() {
            if mf.parse::<u8>().is_err() || i > 0 {
                problems.push((400, "bad Max-Forwards".into()));
            }
        }
        for e in msg.headers_named("Expires") {
            if e.parse::<u32>().is_err() {
                problems.push((400, "bad Expires".into()));
            }
        }
        for h in ["From", "To"] {
            if let Some(v) = msg.header(h) {
                if NameAddr::parse(v).is_none() {
                    problems.push((400, format!("bad {h}")));
                }
            }
        }
        for (_, v) in msg.headers.iter().filter(|(n, _)| n == "Via") {
            if Via::parse(v).is_none() {
                problems.push((400, "bad Via".into()));
            }
        }
        if let StartLine::Request { uri, .. } = &msg.start {
            if let Some(scheme) = uri.split(':').next() {
                let s = scheme.to_ascii_lowercase();
                if !(s == "sip" || s == "sips" || s == "tel") && problems.is_empty() {
                    problems.push((416, "Unsupported URI Scheme".into()));
                }
            }
        }
        if let Some((code, reason)) = problems.into_iter().next() {
            return Err(bad(&msg, code, reason));
        }
        Ok(msg)
    }

    /// Builds a request with no headers.
    pub fn request(method: &str, uri: &str) -> Message {
        Message { start: StartLine::Request { method: method.into(), uri: uri.into() }, headers: Vec::new(), body: Vec::new() }
    }

    /// Builds a response with no headers.
    pub fn response(code: u16, reason: &str) -> Message {
        Message { start: StartLine::Response { code, reason: reason.into() }, headers: Vec::new(), body: Vec::new() }
    }

    /// Method of a request, or the CSeq method of a response.
    pub fn method(&self) -> Option<String> {
        match &self.start {
            StartLine::Request { method, .. } => Some(method.clone()),
            StartLine::Response { .. } => self.cseq().map(|(_, m)| m),
        }
    }

    /// Status code of a response.
    pub fn code(&self) -> Option<u16> {
        match &self.start {
            StartLine::Response { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Request-URI of a request.
    pub fn uri(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { uri, .. } => Some(uri),
            _ => None,
        }
    }

    /// First value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// All values of a header, in order.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Appends a header.
    pub fn push(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Parsed CSeq (number, method).
    pub fn cseq(&self) -> Option<(u32, String)> {
        self.header("CSeq").and_then(parse_cseq)
    }

    /// Top Via, parsed.
    pub fn top_via(&self) -> Option<Via> {
        self.header("Via").and_then(Via::parse)
    }

    /// Call-ID value.
    pub fn call_id(&self) -> &str {
        self.header("Call-ID").unwrap_or("")
    }

    /// Tag of the From header.
    pub fn from_tag(&self) -> Option<String> {
        self.header("From").and_then(NameAddr::parse).and_then(|n| n.param("tag"))
    }

    /// Tag of the To header.
    pub fn to_tag(&self) -> Option<String> {
        self.header("To").and_then(NameAddr::parse).and_then(|n| n.param("tag"))
    }

    /// Content-Type media type, lower-cased, without parameters.
    pub fn content_type(&self) -> Option<String> {
        self.header("Content-Type").map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
    }

    /// Serialises with a correct Content-Length.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = String::new();
        match &self.start {
            StartLine::Request { method, uri } => {
                let _ = write!(s, "{method} {uri} SIP/2.0\r\n");
            }
            StartLine::Response { code, reason } => {
                let _ = write!(s, "SIP/2.0 {code} {reason}\r\n");
            }
        }
        for (n, v) in &self.headers {
            if n == "Content-Length" {
                continue;
            }
            let _ = write!(s, "{n}: {v}\r\n");
        }
        let _ = write!(s, "Content-Length: {}\r\n\r\n", self.body.len());
        let mut out = s.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

/// Finds where headers end; returns (end of header text, start of body).
pub fn find_head_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|p| (p, p + 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Splits header text into logical lines, joining continuation lines (LWS folding).
fn unfold(head: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in head.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if (line.starts_with(' ') || line.starts_with('\t')) && !out.is_empty() {
            let last = out.last_mut().unwrap();
            last.push(' ');
            last.push_str(line.trim());
        } else {
            out.push(line.to_string());
        }
    }
    out
}

fn parse_start_line(line: &str) -> Result<StartLine, ParseError> {
    if let Some(rest) = line.strip_prefix("SIP/") {
        let mut it = rest.splitn(3, ' ');
        let version = it.next().unwrap_or("");
        let code = it.next().unwrap_or("");
        let reason = it.next().unwrap_or("").to_string();
        if version != "2.0" {
            return Err(ParseError::BadResponse("bad version".into()));
        }
        let code: u16 = code.parse().map_err(|_| ParseError::BadResponse("bad status code".into()))?;
        if !(100..=699).contains(&code) {
            return Err(ParseError::BadResponse("status code out of range".into()));
        }
        return Ok(StartLine::Response { code, reason });
    }
    let line = line.trim_end();
    let parts: Vec<&str> = line.split(' ').collect();
    if parts.len() < 3 || !is_token(parts[0]) {
        return Err(ParseError::Garbage("bad request line"));
    }
    if parts.len() > 3 || parts[1].is_empty() {
        // Extra spaces or whitespace inside the Request-URI: recognisably a request, answered 400.
        let (method, version) = (parts[0], parts[parts.len() - 1]);
        if !version.eq_ignore_ascii_case("SIP/2.0") {
            return Err(ParseError::Garbage("bad request line"));
        }
        let uri = parts[1..parts.len() - 1].join(" ");
        return Err(ParseError::BadRequest {
            code: 400,
            reason: "whitespace in Request-Line".into(),
            partial: Box::new(Message { start: StartLine::Request { method: method.into(), uri }, headers: Vec::new(), body: Vec::new() }),
        });
    }
    let (method, uri, version) = (parts[0], parts[1], parts[2]);
    let start = StartLine::Request { method: method.into(), uri: uri.into() };
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        // Well-formed enough to answer: 505 (checked by the caller with the partial message).
        return Err(ParseError::BadRequest {
            code: 505,
            reason: "Version Not Supported".into(),
            partial: Box::new(Message { start, headers: Vec::new(), body: Vec::new() }),
        });
    }
    let is_sip = uri.len() > 4 && (uri[..4].eq_ignore_ascii_case("sip:") || uri.len() > 5 && uri[..5].eq_ignore_ascii_case("sips:"));
    // Escaped headers (`?h=v` after the host) are not allowed in a SIP Request-URI (§19.1.5).
    let host_part = uri.rsplit_once('@').map(|(_, h)| h).unwrap_or(uri);
    if uri.contains('<') || uri.contains('>') || !uri.contains(':') || (is_sip && host_part.contains('?')) {
        return Err(ParseError::BadRequest {
            code: 400,
            reason: "bad Request-URI".into(),
            partial: Box::new(Message { start, headers: Vec::new(), body: Vec::new() }),
        });
    }
    Ok(start)
}

/// Parses `CSeq: 123 METHOD`.
pub fn parse_cseq(v: &str) -> Option<(u32, String)> {
    let mut it = v.split_whitespace();
    let n: u32 = it.next()?.parse().ok()?;
    let m = it.next()?;
    if it.next().is_some() || !is_token(m) {
        return None;
    }
    Some((n, m.to_string()))
}

/// Splits `;name=value` parameters (after the first `;`), lower-casing names.
fn parse_params(s: &str) -> Vec<(String, Option<String>)> {
    s.split(';')
        .filter(|p| !p.trim().is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_lowercase(), Some(v.trim().trim_matches('"').to_string())),
            None => (p.trim().to_ascii_lowercase(), None),
        })
        .collect()
}

/// A parsed Via header entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    /// Transport token (UDP, TCP…), upper-cased.
    pub transport: String,
    /// sent-by host.
    pub host: String,
    /// sent-by port, if given.
    pub port: Option<u16>,
    /// Parameters (branch, received, rport…).
    pub params: Vec<(String, Option<String>)>,
}

impl Via {
    /// Parses one Via entry, e.g. `SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1`.
    pub fn parse(v: &str) -> Option<Via> {
        // SLASH = SWS "/" SWS: drop whitespace around the slashes of the sent-protocol.
        let mut norm = String::with_capacity(v.len());
        let mut pending_ws = false;
        for c in v.trim().chars() {
            if c.is_whitespace() {
                pending_ws = true;
                continue;
            }
            if pending_ws && c != '/' && !norm.ends_with('/') {
                norm.push(' ');
            }
            pending_ws = false;
            norm.push(c);
        }
        let v = norm.as_str();
        let (proto, rest) = v.split_once(|c: char| c.is_whitespace())?;
        let mut p = proto.split('/').map(str::trim);
        let (name, ver, transport) = (p.next()?, p.next()?, p.next()?);
        if !name.eq_ignore_ascii_case("SIP") || ver != "2.0" || !is_token(transport) {
            return None;
        }
        let rest = rest.trim();
        let (sent_by, params) = match rest.find(';') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let sent_by = sent_by.trim();
        let (host, port) = split_host_port(sent_by)?;
        Some(Via { transport: transport.to_ascii_uppercase(), host, port, params: parse_params(params) })
    }

    /// Value of a parameter (None if absent or valueless).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// The branch parameter.
    pub fn branch(&self) -> Option<&str> {
        self.param("branch")
    }
}

/// Splits `host[:port]`, handling IPv6 references `[::1]:5060`.
pub fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    if s.is_empty() {
        return None;
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.trim().parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((h.to_string(), port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) => Some((h.trim().to_string(), Some(p.trim().parse().ok()?))),
        None => {
            if s.contains(char::is_whitespace) {
                return None;
            }
            Some((s.to_string(), None))
        }
    }
}

/// A name-addr or addr-spec header value (From, To, Contact, Route, Refer-To).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAddr {
    /// Display name without quotes, if any.
    pub display: Option<String>,
    /// The URI.
    pub uri: String,
    /// Header parameters (tag, expires…).
    pub params: Vec<(String, Option<String>)>,
}

impl NameAddr {
    /// Parses `"Name" <sip:u@h>;tag=x` or `sip:u@h;tag=x`.
    pub fn parse(v: &str) -> Option<NameAddr> {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        if let Some(lt) = find_unquoted(v, '<') {
            let display = v[..lt].trim();
            let display = if display.is_empty() {
                None
            } else if display.starts_with('"') {
                if !(display.len() >= 2 && display.ends_with('"')) {
                    return None;
                }
                Some(display[1..display.len() - 1].to_string())
            } else {
                // An unquoted display name is tokens separated by spaces.
                if !display.split_whitespace().all(is_token) {
                    return None;
                }
                Some(display.to_string())
            };
            let gt = v[lt..].find('>')? + lt;
            let uri = v[lt + 1..gt].to_string();
            if uri.is_empty() || !uri.contains(':') || uri.contains(char::is_whitespace) {
                return None;
            }
            let params = parse_params(&v[gt + 1..]);
            return Some(NameAddr { display, uri, params });
        }
        // addr-spec: parameters after the URI belong to the header (LWS allowed around ; and =).
        if v.contains('"') || v.contains('>') {
            return None;
        }
        let (uri, params) = match v.find(';') {
            Some(i) => (v[..i].trim_end(), &v[i..]),
            None => (v, ""),
        };
        if !uri.contains(':') || uri.contains(char::is_whitespace) {
            return None;
        }
        Some(NameAddr { display: None, uri: uri.to_string(), params: parse_params(params) })
    }

    /// A header parameter value.
    pub fn param(&self, name: &str) -> Option<String> {
        self.params.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.clone())
    }

    /// The value without header parameters, in `<uri>` form.
    pub fn bare(&self) -> String {
        match &self.display {
            Some(d) => format!("\"{d}\" <{}>", self.uri),
            None => format!("<{}>", self.uri),
        }
    }
}

fn find_unquoted(s: &str, target: char) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == target && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// The host and port of a SIP URI (`sip:user@host:port;params`).
pub fn uri_host_port(uri: &str) -> Option<(String, Option<u16>)> {
    let rest = uri.split_once(':')?.1;
    let rest = rest.split(['?', ';']).next()?;
    let hostport = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    split_host_port(hostport)
}

/// The user part of a SIP URI, if any.
pub fn uri_user(uri: &str) -> Option<String> {
    let rest = uri.split_once(':')?.1;
    let rest = rest.split(['?', ';']).next()?;
    rest.rsplit_once('@').map(|(u, _)| u.split(':').next().unwrap_or(u).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips_a_request() {
        let raw = b"INVITE sip:bob@127.0.0.1 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKb\r\nf: <sip:a@x>;tag=1\r\nt: sip:bob@y\r\ni: abc\r\nCSeq: 1 INVITE\r\nSubject: folded\r\n  line\r\nl: 4\r\n\r\nv=0\nextra";
        let m = Message::parse(raw, DEFAULT_MAX_MESSAGE).unwrap();
        assert_eq!(m.method().as_deref(), Some("INVITE"));
        assert_eq!(m.headers_named("Via").count(), 2);
        assert_eq!(m.top_via().unwrap().branch(), Some("z9hG4bKa"));
        assert_eq!(m.from_tag().as_deref(), Some("1"));
        assert_eq!(m.header("Subject"), Some("folded line"));
        assert_eq!(m.body, b"v=0\n");
        let again = Message::parse(&m.to_bytes(), DEFAULT_MAX_MESSAGE).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn name_addr_forms() {
        let n = NameAddr::parse("\"J, Rosenberg\" <sip:j@x;lr>;tag=9").unwrap();
        assert_eq!(n.display.as_deref(), Some("J, Rosenberg"));
        assert_eq!(n.uri, "sip:j@x;lr");
        assert_eq!(n.param("tag").as_deref(), Some("9"));
        assert!(NameAddr::parse("\"unbalanced <sip:a@b>").is_none());
        assert_eq!(uri_host_port("sip:u@[::1]:5070;transport=tcp"), Some(("::1".into(), Some(5070))));
        assert_eq!(uri_user("sip:3615@h"), Some("3615".into()));
    }

    #[test]
    fn cseq_mismatch_is_400() {
        let raw =
            b"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n";
        match Message::parse(raw, DEFAULT_MAX_MESSAGE) {
            Err(ParseError::BadRequest { code: 400, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
