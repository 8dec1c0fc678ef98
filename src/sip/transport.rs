//! The transport a SIP message travels on: a leaf type that the endpoint, its transactions, dialogs
//! and registration all use, so that none of them imports another to name it.

/// Transport a message travels on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// Datagrams; we retransmit.
    Udp,
    /// Stream; no retransmissions.
    Tcp,
}

impl Transport {
    /// The transport's name in a Via header (`SIP/2.0/UDP`).
    pub fn via_name(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
        }
    }
}
