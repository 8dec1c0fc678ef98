//! What we serve and how statuses read: the Allow list, the methods we refuse, reason phrases.

/// Methods we implement (the Allow header).
pub const ALLOW: &str = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY";

/// Standard reason phrase for a status code.
pub fn reason_phrase(code: u16) -> &'static str {
    match code {
        180 => "Ringing",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        491 => "Request Pending",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        603 => "Decline",
        _ => "Error",
    }
}

/// Methods we know but do not serve here (405 with Allow).
pub(super) const KNOWN_UNSUPPORTED: &[&str] = &["REGISTER", "SUBSCRIBE", "PUBLISH", "MESSAGE", "UPDATE", "PRACK", "REFER"];
