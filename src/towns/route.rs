//! Which town a call was dialled for: the called number or SIP user (Request-URI user, else the To
//! user) matched against each town's `numbers`. A pure function of the URIs and the table.

/// The key a number or SIP user is compared by: phone numbers lose their spaces, dots, dashes and
/// brackets, and `+33…` / `0033…` become the national `0…`; SIP users are compared case-blind.
pub fn normalize(number: &str) -> String {
    let s = number.trim();
    let phone = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || " .-()+/".contains(c)) && s.chars().any(|c| c.is_ascii_digit());
    if !phone {
        return s.to_lowercase();
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    for prefix in ["+33", "0033"] {
        if let Some(rest) = digits.strip_prefix(prefix) {
            return format!("0{}", rest.trim_start_matches('0'));
        }
    }
    digits
}

/// The user part of a `sip:`, `sips:` or `tel:` URI (`None` when it has none).
pub fn called_user(uri: &str) -> Option<String> {
    let uri = uri.trim().trim_start_matches('<').trim_end_matches('>');
    let (scheme, rest) = uri.split_once(':')?;
    if scheme.eq_ignore_ascii_case("tel") {
        let number = rest.split(';').next().unwrap_or_default();
        return (!number.is_empty()).then(|| number.to_string());
    }
    crate::sip::message::uri_user(uri).filter(|u| !u.is_empty())
}

/// The routing table: normalised numbers to town indexes, and the town answering any number.
#[derive(Debug, Clone, Default)]
pub struct Routes {
    exact: std::collections::HashMap<String, usize>,
    any: Option<usize>,
}

impl Routes {
    /// A table from each town's numbers, in town order; `"*"` makes a town answer any other number.
    pub fn new<'a>(towns: impl IntoIterator<Item = &'a [String]>) -> Routes {
        let mut r = Routes::default();
        for (i, numbers) in towns.into_iter().enumerate() {
            for n in numbers {
                if n.trim() == "*" {
                    r.any.get_or_insert(i);
                } else {
                    r.exact.entry(normalize(n)).or_insert(i);
                }
            }
        }
        r
    }

    /// One town answering every number (the single `[town]` configuration).
    pub fn single() -> Routes {
        Routes { exact: Default::default(), any: Some(0) }
    }

    /// The town a call is for: the Request-URI user, else the To user, else the catch-all town.
    pub fn route(&self, request_uri: &str, to: &str) -> Option<usize> {
        [request_uri, to].iter().filter_map(|u| called_user(u)).find_map(|user| self.exact.get(&normalize(&user)).copied()).or(self.any)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Routes {
        let a = vec!["05 61 00 00 01".to_string(), "mairie-a".to_string()];
        let b = vec!["+33 5 61 00 00 02".to_string(), "Mairie-B".to_string()];
        Routes::new([a.as_slice(), b.as_slice()])
    }

    #[test]
    fn numbers_are_compared_without_their_punctuation_or_country_code() {
        assert_eq!(normalize("05.61.00.00.01"), "0561000001");
        assert_eq!(normalize("+33 (0)5 61 00 00 01"), "0561000001");
        assert_eq!(normalize("0033561000001"), "0561000001");
        assert_eq!(normalize("Mairie-A"), "mairie-a");
        assert_eq!(normalize("3615"), "3615");
    }

    #[test]
    fn the_request_uri_user_chooses_the_town() {
        let r = table();
        assert_eq!(r.route("sip:0561000001@10.0.0.1:5060", "sip:x@y"), Some(0));
        assert_eq!(r.route("sip:+33561000002@pbx;user=phone", "sip:x@y"), Some(1));
        assert_eq!(r.route("sip:MAIRIE-b@node1", "<sip:mairie-a@pbx>"), Some(1), "the Request-URI wins over To");
        assert_eq!(r.route("tel:+33561000001;phone-context=x", ""), Some(0));
    }

    #[test]
    fn the_to_user_is_the_fallback_and_unknown_numbers_reach_nothing() {
        let r = table();
        assert_eq!(r.route("sip:node1.example:5060", "<sip:0561000002@pbx.example>"), Some(1), "a Request-URI without a user");
        assert_eq!(r.route("sip:standardiste@10.0.0.1", "sip:mairie-a@pbx"), Some(0), "a Request-URI user that is no town");
        assert_eq!(r.route("sip:0561000009@10.0.0.1", "sip:0561000009@pbx"), None);
        assert_eq!(r.route("garbage", ""), None);
    }

    #[test]
    fn a_catch_all_town_answers_the_rest_and_one_town_answers_everything() {
        let a = vec!["mairie-a".to_string()];
        let any = vec!["*".to_string()];
        let r = Routes::new([a.as_slice(), any.as_slice()]);
        assert_eq!(r.route("sip:mairie-a@h", ""), Some(0));
        assert_eq!(r.route("sip:other@h", ""), Some(1));
        assert_eq!(Routes::single().route("sip:whatever@h", "sip:else@h"), Some(0));
        assert_eq!(Routes::single().route("", ""), Some(0));
    }
}
