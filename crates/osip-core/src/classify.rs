//! How libosip2 sorts things: messages into event types, statuses and methods
//! into message-callback types, transports into reliable or not, and how the
//! retransmission timers grow.

use osip_abi::osip_message_callback_type as Cb;
use osip_abi::{type_t, DEFAULT_T1, DEFAULT_T2};

/// Which side of the transaction layer a message event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Received from the network (`osip_parse`).
    Incoming,
    /// Handed to the stack by the application (`osip_new_outgoing_sipmessage`).
    Outgoing,
}

/// Event type of a message: `status` 0 is a request, classified by its exact
/// (case-sensitive) method; a request without method counts as "any other
/// request". Responses are bucketed 1xx, 2xx and everything else.
pub fn message_event(dir: Direction, status: i32, method: Option<&[u8]>) -> type_t {
    use type_t::*;
    let (invite, ack, other_req, s1, s2, s_other) = match dir {
        Direction::Incoming => (
            RCV_REQINVITE,
            RCV_REQACK,
            RCV_REQUEST,
            RCV_STATUS_1XX,
            RCV_STATUS_2XX,
            RCV_STATUS_3456XX,
        ),
        Direction::Outgoing => (
            SND_REQINVITE,
            SND_REQACK,
            SND_REQUEST,
            SND_STATUS_1XX,
            SND_STATUS_2XX,
            SND_STATUS_3456XX,
        ),
    };
    match status {
        0 => match method {
            Some(b"INVITE") => invite,
            Some(b"ACK") => ack,
            _ => other_req,
        },
        100..=199 => s1,
        200..=299 => s2,
        _ => s_other,
    }
}

/// Whether an event type carries a message (received or to be sent).
pub fn is_message_event(ty: i32) -> bool {
    (type_t::RCV_REQINVITE as i32..=type_t::SND_STATUS_3456XX as i32).contains(&ty)
}

/// Offset of a final status within the "3XX, 4XX, 5XX, 6XX" callback groups:
/// anything outside 300..=599 lands in the last ("6XX") bucket.
fn final_bucket(status: i32) -> i32 {
    match status {
        300..=399 => 0,
        400..=499 => 1,
        500..=599 => 2,
        _ => 3,
    }
}

/// Offset of a request within the "REGISTER, BYE, OPTIONS, INFO, CANCEL,
/// NOTIFY, SUBSCRIBE, other" callback groups. Responses are "other".
fn method_bucket(status: i32, method: Option<&[u8]>) -> i32 {
    if status != 0 {
        return 7;
    }
    match method {
        Some(b"REGISTER") => 0,
        Some(b"BYE") => 1,
        Some(b"OPTIONS") => 2,
        Some(b"INFO") => 3,
        Some(b"CANCEL") => 4,
        Some(b"NOTIFY") => 5,
        Some(b"SUBSCRIBE") => 6,
        _ => 7,
    }
}

/// ICT: callback for a received non-2xx final response.
pub fn ict_final_received(status: i32) -> i32 {
    Cb::OSIP_ICT_STATUS_3XX_RECEIVED as i32 + final_bucket(status)
}

/// IST: callback for a non-2xx final response sent for the first time.
pub fn ist_final_sent(status: i32) -> i32 {
    Cb::OSIP_IST_STATUS_3XX_SENT as i32 + final_bucket(status)
}

/// NICT: callback for a received final response. The 2xx callback follows
/// the event type, the others the status code (a 2xx carried by a
/// RCV_STATUS_3456XX event reports "6XX").
pub fn nict_final_received(is_2xx_event: bool, status: i32) -> i32 {
    if is_2xx_event {
        Cb::OSIP_NICT_STATUS_2XX_RECEIVED as i32
    } else {
        Cb::OSIP_NICT_STATUS_3XX_RECEIVED as i32 + final_bucket(status)
    }
}

/// NIST: callback for a final response sent, chosen as for the NICT.
pub fn nist_final_sent(is_2xx_event: bool, status: i32) -> i32 {
    if is_2xx_event {
        Cb::OSIP_NIST_STATUS_2XX_SENT as i32
    } else {
        Cb::OSIP_NIST_STATUS_3XX_SENT as i32 + final_bucket(status)
    }
}

/// NICT: callback for the first send of a request.
pub fn nict_request_sent(status: i32, method: Option<&[u8]>) -> i32 {
    Cb::OSIP_NICT_REGISTER_SENT as i32 + method_bucket(status, method)
}

/// NIST: callback for the first reception of a request.
pub fn nist_request_received(status: i32, method: Option<&[u8]>) -> i32 {
    Cb::OSIP_NIST_REGISTER_RECEIVED as i32 + method_bucket(status, method)
}

/// IST: callback after re-sending the last response because the INVITE was
/// retransmitted. A re-sent provisional reports the plain "1XX sent".
pub fn ist_response_resent(status: i32) -> i32 {
    match status {
        100..=199 => Cb::OSIP_IST_STATUS_1XX_SENT as i32,
        200..=299 => Cb::OSIP_IST_STATUS_2XX_SENT_AGAIN as i32,
        _ => Cb::OSIP_IST_STATUS_3456XX_SENT_AGAIN as i32,
    }
}

/// NIST: as [`ist_response_resent`], for a retransmitted request.
pub fn nist_response_resent(status: i32) -> i32 {
    match status {
        100..=199 => Cb::OSIP_NIST_STATUS_1XX_SENT as i32,
        200..=299 => Cb::OSIP_NIST_STATUS_2XX_SENT_AGAIN as i32,
        _ => Cb::OSIP_NIST_STATUS_3456XX_SENT_AGAIN as i32,
    }
}

/// A Via protocol is reliable when it is TCP, TLS or SCTP in any case; all
/// others (UDP, DTLS-UDP, WS, unknown) get retransmission timers.
pub fn is_reliable(protocol: &[u8]) -> bool {
    [&b"TCP"[..], b"TLS", b"SCTP"]
        .iter()
        .any(|p| protocol.eq_ignore_ascii_case(p))
}

/// Timer B / F length: 64*T1.
pub const TIMEOUT_64T1: i32 = 64 * DEFAULT_T1;

/// Lengths a new context starts with; a disabled timer is -1 and a timer of
/// length 0 fires as soon as it is started (reliable transports).
pub mod initial {
    use super::TIMEOUT_64T1;
    use osip_abi::{DEFAULT_T1, DEFAULT_T4};

    /// Timer D (ICT) and timer J (NIST) both last 64*T1 over unreliable
    /// transports.
    pub fn wait_64t1(reliable: bool) -> i32 {
        if reliable {
            0
        } else {
            TIMEOUT_64T1
        }
    }

    /// Timer G: T1, or disabled where nothing is retransmitted.
    pub fn ist_g(reliable: bool) -> i32 {
        if reliable {
            -1
        } else {
            DEFAULT_T1
        }
    }

    /// Timer I (IST) and timer K (NICT) both last T4 over unreliable transports.
    pub fn wait_t4(reliable: bool) -> i32 {
        if reliable {
            0
        } else {
            DEFAULT_T4
        }
    }
}

/// Timer A after it fired: doubled with no upper bound (C `int` wrap kept).
pub fn timer_a_next(len: i32) -> i32 {
    len.wrapping_mul(2)
}

/// Timer G after it fired: doubled, capped at T2.
pub fn timer_g_next(len: i32) -> i32 {
    len.wrapping_mul(2).min(DEFAULT_T2)
}

/// Timer E after it fired (libosip2 5.3.0). While TRYING the length follows
/// the time elapsed since the transaction was created: T1, then 2*T1 and
/// 4*T1 by the second, then doubling up to T2. In PROCEEDING it is T2.
pub fn timer_e_next(trying: bool, elapsed_ms: i64, len: i32) -> i32 {
    if !trying {
        return DEFAULT_T2;
    }
    match elapsed_ms {
        i64::MIN..=499 => DEFAULT_T1,
        500..=999 => 2 * DEFAULT_T1,
        1000..=1999 => 4 * DEFAULT_T1,
        _ => len.wrapping_mul(2).min(DEFAULT_T2),
    }
}

/// Timer E after a provisional response, when it is running at all.
pub const TIMER_E_PROCEEDING: i32 = DEFAULT_T2;

#[cfg(test)]
mod tests {
    use super::*;
    use osip_abi::type_t::*;

    #[test]
    fn events_of_messages() {
        use Direction::*;
        assert_eq!(message_event(Incoming, 0, Some(b"INVITE")), RCV_REQINVITE);
        assert_eq!(message_event(Incoming, 0, Some(b"invite")), RCV_REQUEST);
        assert_eq!(message_event(Incoming, 0, Some(b"ACK")), RCV_REQACK);
        assert_eq!(message_event(Incoming, 0, None), RCV_REQUEST);
        assert_eq!(message_event(Incoming, 180, None), RCV_STATUS_1XX);
        assert_eq!(message_event(Incoming, 200, None), RCV_STATUS_2XX);
        assert_eq!(message_event(Incoming, 99, None), RCV_STATUS_3456XX);
        assert_eq!(message_event(Incoming, 700, None), RCV_STATUS_3456XX);
        assert_eq!(message_event(Outgoing, 0, Some(b"INVITE")), SND_REQINVITE);
        assert_eq!(message_event(Outgoing, 0, Some(b"ACK")), SND_REQACK);
        assert_eq!(message_event(Outgoing, 0, Some(b"BYE")), SND_REQUEST);
        assert_eq!(message_event(Outgoing, 100, None), SND_STATUS_1XX);
        assert_eq!(message_event(Outgoing, 299, None), SND_STATUS_2XX);
        assert_eq!(message_event(Outgoing, 486, None), SND_STATUS_3456XX);
    }

    #[test]
    fn message_events_range() {
        assert!(!is_message_event(TIMEOUT_J as i32));
        assert!(is_message_event(RCV_REQINVITE as i32));
        assert!(is_message_event(SND_STATUS_3456XX as i32));
        assert!(!is_message_event(KILL_TRANSACTION as i32));
        assert!(!is_message_event(UNKNOWN_EVT as i32));
    }

    #[test]
    fn final_response_callbacks() {
        assert_eq!(ict_final_received(302), 7);
        assert_eq!(ict_final_received(486), 8);
        assert_eq!(ict_final_received(503), 9);
        assert_eq!(ict_final_received(603), 10);
        assert_eq!(ict_final_received(700), 10);
        assert_eq!(ist_final_sent(301), 19);
        assert_eq!(ist_final_sent(603), 22);
        assert_eq!(nict_final_received(true, 200), 34);
        assert_eq!(nict_final_received(false, 200), 39);
        assert_eq!(nict_final_received(false, 404), 37);
        assert_eq!(nist_final_sent(true, 202), 51);
        assert_eq!(nist_final_sent(false, 500), 55);
        assert_eq!(nist_final_sent(false, 99), 56);
    }

    #[test]
    fn request_callbacks() {
        assert_eq!(nict_request_sent(0, Some(b"REGISTER")), 24);
        assert_eq!(nict_request_sent(0, Some(b"BYE")), 25);
        assert_eq!(nict_request_sent(0, Some(b"SUBSCRIBE")), 30);
        assert_eq!(nict_request_sent(0, Some(b"MESSAGE")), 31);
        assert_eq!(nict_request_sent(0, Some(b"bye")), 31);
        assert_eq!(nict_request_sent(200, Some(b"BYE")), 31);
        assert_eq!(nist_request_received(0, Some(b"OPTIONS")), 43);
        assert_eq!(nist_request_received(0, Some(b"CANCEL")), 45);
        assert_eq!(nist_request_received(0, None), 48);
    }

    #[test]
    fn resent_callbacks() {
        assert_eq!(ist_response_resent(180), 16);
        assert_eq!(ist_response_resent(200), 18);
        assert_eq!(ist_response_resent(486), 23);
        assert_eq!(nist_response_resent(100), 50);
        assert_eq!(nist_response_resent(200), 52);
        assert_eq!(nist_response_resent(404), 57);
    }

    #[test]
    fn reliable_transports() {
        for p in ["TCP", "tcp", "Tls", "SCTP"] {
            assert!(is_reliable(p.as_bytes()), "{p}");
        }
        for p in ["UDP", "DTLS-UDP", "WS", "WSS", "", "TCPX"] {
            assert!(!is_reliable(p.as_bytes()), "{p}");
        }
    }

    #[test]
    fn initial_lengths() {
        assert_eq!(initial::wait_64t1(false), 32000);
        assert_eq!(initial::wait_64t1(true), 0);
        assert_eq!(initial::ist_g(false), 500);
        assert_eq!(initial::ist_g(true), -1);
        assert_eq!(initial::wait_t4(false), 5000);
        assert_eq!(initial::wait_t4(true), 0);
    }

    #[test]
    fn timer_a_doubles_without_cap() {
        let mut len = 500;
        let mut seen = vec![];
        for _ in 0..8 {
            len = timer_a_next(len);
            seen.push(len);
        }
        assert_eq!(seen, [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000]);
    }

    #[test]
    fn timer_g_caps_at_t2() {
        assert_eq!(timer_g_next(500), 1000);
        assert_eq!(timer_g_next(2000), 4000);
        assert_eq!(timer_g_next(4000), 4000);
    }

    #[test]
    fn timer_e_follows_elapsed_time_while_trying() {
        // The S4 reference trace: created_time moved back by these amounts.
        let cases = [
            (100, 500, 500),
            (700, 500, 1000),
            (1500, 1000, 2000),
            (2500, 2000, 4000),
            (2600, 4000, 4000),
            (2700, 4000, 4000),
        ];
        for (elapsed, len, want) in cases {
            assert_eq!(timer_e_next(true, elapsed, len), want, "{elapsed}");
        }
        assert_eq!(timer_e_next(true, 499, 4000), 500);
        assert_eq!(timer_e_next(true, 999, 4000), 1000);
        assert_eq!(timer_e_next(true, 1999, 4000), 2000);
        assert_eq!(timer_e_next(true, 2000, 500), 1000);
        assert_eq!(timer_e_next(true, -5, 500), 500);
        assert_eq!(timer_e_next(false, 100, 500), 4000);
    }
}
