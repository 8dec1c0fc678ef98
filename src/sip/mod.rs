//! SIP user agent (RFC 3261): messages, transactions, dialogs, SDP, registration — sans-IO.
