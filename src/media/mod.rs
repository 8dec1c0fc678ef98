//! Media: RTP/RTCP, G.711, RFC 4733 DTMF, jitter buffer, paced sending — sans-IO cores.
