//! Events: a message from the network or from the application, or a
//! timeout, for one transaction. An event owns its message.

use crate::classify::{message_event, Direction};
use crate::host::Parser;
use crate::trace;
use libc::c_int;
use osip_abi::{osip_event_t, type_t};
use osip_cmem::Owned;
use osip_parser_abi::defines::{OSIP_ERROR, OSIP_INFO3};
use osip_parser_abi::osip_message_t;

/// A new event of type `ty` for transaction `tid`, without message; None
/// when out of memory.
pub fn new(ty: c_int, tid: c_int) -> Option<Owned<osip_event_t>> {
    let mut evt = Owned::<osip_event_t>::new()?;
    evt.type_ = ty;
    evt.transactionid = tid;
    Some(evt)
}

/// The event type of `sip` seen from `dir`; no message is an unknown event.
pub fn classify(sip: Option<&osip_message_t>, dir: Direction) -> c_int {
    match sip {
        None => type_t::UNKNOWN_EVT as c_int,
        Some(m) => {
            let method = m.sip_method().map(|m| m.to_bytes());
            message_event(dir, m.status_code, method) as c_int
        }
    }
}

/// A request needs a method and a request-URI to be usable as an event.
fn is_incomplete_request(sip: &osip_message_t) -> bool {
    sip.status_code == 0 && (sip.sip_method().is_none() || sip.req_uri().is_none())
}

/// `osip_parse`: the incoming event of a message's text; None if the text
/// (or its absence) is not a SIP message, or a request lacks its method or
/// request-URI.
pub fn parse(parser: &dyn Parser, text: Option<&[u8]>) -> Option<Owned<osip_event_t>> {
    let mut evt = new(type_t::UNKNOWN_EVT as c_int, 0)?;
    let mut sip = parser.new_message().ok()?;
    if text.is_none_or(|text| parser.parse_message(&mut sip, text) != 0) {
        trace!(
            parser,
            "osip_event.c",
            44,
            OSIP_ERROR,
            "could not parse message\n"
        );
        return None;
    }
    if let Some(number) = sip.call_id().and_then(|c| c.number()) {
        trace!(
            parser,
            "osip_event.c",
            51,
            OSIP_INFO3,
            "MESSAGE REC. CALLID:%s\n",
            number
        );
    }
    if is_incomplete_request(&sip) {
        return None;
    }
    evt.type_ = classify(Some(&sip), Direction::Incoming);
    evt.set_sip(Some(sip));
    Some(evt)
}

/// `osip_new_outgoing_sipmessage`: the event of a message the application
/// sends, which then owns it. The message comes back for a request without
/// method or request-URI, or when out of memory.
pub fn outgoing(sip: Owned<osip_message_t>) -> Result<Owned<osip_event_t>, Owned<osip_message_t>> {
    if is_incomplete_request(&sip) {
        return Err(sip);
    }
    let Some(mut evt) = new(type_t::UNKNOWN_EVT as c_int, 0) else {
        return Err(sip);
    };
    evt.type_ = classify(Some(&sip), Direction::Outgoing);
    evt.set_sip(Some(sip));
    Ok(evt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{request, response, FakeParser};

    #[test]
    fn an_outgoing_request_needs_a_method_and_a_request_uri() {
        let evt = outgoing(request("INVITE", "UDP")).ok().unwrap();
        assert_eq!(evt.type_, type_t::SND_REQINVITE as c_int);
        assert!(evt.sip().is_some());
        let evt = outgoing(response(180, "INVITE", "UDP")).ok().unwrap();
        assert_eq!(evt.type_, type_t::SND_STATUS_1XX as c_int);
        let mut bare = request("INVITE", "UDP");
        bare.set_req_uri(None);
        let back = outgoing(bare).err().unwrap();
        assert_eq!(back.sip_method().unwrap().to_bytes(), b"INVITE");
        assert_eq!(
            classify(None, Direction::Incoming),
            type_t::UNKNOWN_EVT as c_int
        );
    }

    #[test]
    fn unparsable_text_is_no_event_and_a_logged_error() {
        let lib = FakeParser::default();
        assert!(parse(&lib, Some(b"junk")).is_none());
        assert!(parse(&lib, None).is_none());
        let traces = lib.traces.borrow();
        assert_eq!(traces.len(), 2);
        assert_eq!(traces[0].0, "osip_event.c");
        assert_eq!((traces[0].1, traces[0].2), (44, OSIP_ERROR as c_int));
    }
}
