//! HTTP digest authentication for SIP, client side (RFC 2617, RFC 7616, RFC 8760): MD5 and SHA-256, qop=auth.

use md5::{Digest as _, Md5};
use sha2::Sha256;

/// Digest hash algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// MD5 (RFC 2617).
    Md5,
    /// SHA-256 (RFC 7616 / RFC 8760).
    Sha256,
}

impl Algorithm {
    fn hash(self, data: &str) -> String {
        match self {
            Algorithm::Md5 => hex(&Md5::digest(data.as_bytes())),
            Algorithm::Sha256 => hex(&Sha256::digest(data.as_bytes())),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
        }
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A parsed `WWW-Authenticate` / `Proxy-Authenticate` digest challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// Protection realm.
    pub realm: String,
    /// Server nonce.
    pub nonce: String,
    /// Opaque value to echo.
    pub opaque: Option<String>,
    /// Hash algorithm.
    pub algorithm: Algorithm,
    /// Whether qop=auth was offered.
    pub qop_auth: bool,
    /// Whether the previous nonce was stale.
    pub stale: bool,
}

impl Challenge {
    /// Parses one challenge; None if not Digest or its algorithm is not supported.
    pub fn parse(value: &str) -> Option<Challenge> {
        let value = value.trim();
        let (scheme, rest) = value.split_once(char::is_whitespace)?;
        if !scheme.eq_ignore_ascii_case("Digest") {
            return None;
        }
        let params = parse_auth_params(rest);
        let get = |k: &str| params.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
        let algorithm = match get("algorithm").as_deref().map(str::to_ascii_uppercase).as_deref() {
            None | Some("MD5") => Algorithm::Md5,
            Some("SHA-256") => Algorithm::Sha256,
            _ => return None,
        };
        let qop_auth = match get("qop") {
            Some(q) => q.split(',').any(|t| t.trim().eq_ignore_ascii_case("auth")),
            None => false,
        };
        Some(Challenge {
            realm: get("realm")?,
            nonce: get("nonce")?,
            opaque: get("opaque"),
            algorithm,
            qop_auth,
            stale: get("stale").is_some_and(|s| s.eq_ignore_ascii_case("true")),
        })
    }

    /// Picks the strongest supported challenge among several header values.
    pub fn best<'a>(values: impl Iterator<Item = &'a str>) -> Option<Challenge> {
        let all: Vec<Challenge> = values.filter_map(Challenge::parse).collect();
        all.iter().find(|c| c.algorithm == Algorithm::Sha256).or(all.first()).cloned()
    }

    /// Computes the `response` value (hex) for these credentials.
    pub fn response(&self, username: &str, password: &str, method: &str, uri: &str, nc: u32, cnonce: &str) -> String {
        let a = self.algorithm;
        let ha1 = a.hash(&format!("{username}:{}:{password}", self.realm));
        let ha2 = a.hash(&format!("{method}:{uri}"));
        if self.qop_auth {
            a.hash(&format!("{ha1}:{}:{nc:08x}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            a.hash(&format!("{ha1}:{}:{ha2}", self.nonce))
        }
    }

    /// Builds the full `Authorization` header value.
    pub fn authorization(&self, username: &str, password: &str, method: &str, uri: &str, nc: u32, cnonce: &str) -> String {
        let response = self.response(username, password, method, uri, nc, cnonce);
        let mut s = format!(
            "Digest username=\"{username}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\", response=\"{response}\", algorithm={}",
            self.realm,
            self.nonce,
            self.algorithm.name()
        );
        if self.qop_auth {
            s.push_str(&format!(", qop=auth, nc={nc:08x}, cnonce=\"{cnonce}\""));
        }
        if let Some(o) = &self.opaque {
            s.push_str(&format!(", opaque=\"{o}\""));
        }
        s
    }
}

/// Parses `k=v, k="v, w"` auth parameters.
fn parse_auth_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in crate::sip::message::split_commas(s) {
        if let Some((k, v)) = part.split_once('=') {
            out.push((k.trim().to_string(), v.trim().trim_matches('"').to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_md5_vector() {
        let c = Challenge::parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        )
        .unwrap();
        assert_eq!(c.algorithm, Algorithm::Md5);
        assert!(c.qop_auth);
        let r = c.response("Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");
        assert_eq!(r, "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn rfc7616_md5_and_sha256_vectors() {
        let base = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        let cn = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let md5 = Challenge::parse(&format!("Digest {base}, algorithm=MD5")).unwrap();
        assert_eq!(md5.response("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, cn), "8ca523f5e9506fed4657c9700eebdbec");
        let sha = Challenge::parse(&format!("Digest {base}, algorithm=SHA-256")).unwrap();
        assert_eq!(
            sha.response("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, cn),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
        let best = Challenge::best([format!("Digest {base}, algorithm=MD5"), format!("Digest {base}, algorithm=SHA-256")].iter().map(String::as_str)).unwrap();
        assert_eq!(best.algorithm, Algorithm::Sha256);
        let h = sha.authorization("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, cn);
        assert!(h.contains("nc=00000001") && h.contains("qop=auth,") && h.contains("algorithm=SHA-256"), "{h}");
    }

    #[test]
    fn unsupported_algorithm_is_ignored() {
        assert!(Challenge::parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256").is_none());
        assert!(Challenge::parse("Basic realm=\"r\"").is_none());
    }
}
