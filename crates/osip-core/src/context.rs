//! The per-kind contexts of a transaction: the lengths of its timers,
//! chosen from the request's transport, and for client transactions the
//! next hop. Also how their timers start, stop and fall due.

use crate::classify::{self, initial, TIMEOUT_64T1};
use crate::event;
use crate::host::{Clock, Parser};
use crate::msg::{param, param_value};
use crate::nexthop::{self, NextHop, Offer};
use crate::timeval::Tv;
use crate::trace;
use libc::{c_int, timeval};
use osip_abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use osip_abi::{
    osip_event_t, osip_ict_t, osip_ist_t, osip_nict_t, osip_nist_t, store_timer, store_timer_sec,
    DEFAULT_T1,
};
use osip_cmem::{CObject, OString, Owned};
use osip_parser_abi::defines::OSIP_INFO2;
use osip_parser_abi::osip_message_t;
use std::ffi::CStr;

/// The transport of a message's top Via.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// No Via to read: `osip_message_get_via`'s code (-2 without a
    /// message, -1 without a Via).
    NoVia(c_int),
    /// The top Via has no protocol.
    NoProtocol,
    Known {
        reliable: bool,
    },
}

/// The transport of `msg`'s top Via.
pub fn transport(msg: Option<&osip_message_t>) -> Transport {
    let Some(msg) = msg else {
        return Transport::NoVia(OSIP_BADPARAMETER);
    };
    let Some(via) = crate::msg::top_via(msg) else {
        return Transport::NoVia(OSIP_UNDEFINED_ERROR);
    };
    match via.protocol() {
        None => Transport::NoProtocol,
        Some(p) => Transport::Known {
            reliable: classify::is_reliable(p.to_bytes()),
        },
    }
}

/// A timer start as the timer functions read it.
pub fn tv(t: &timeval) -> Tv {
    Tv::new(t.tv_sec, t.tv_usec)
}

/// "Start timer": `now + len` milliseconds, with `add_gettimeofday`'s
/// arithmetic.
pub fn start(timer: &mut timeval, clock: &dyn Clock, len: c_int) {
    let at = clock.now().add_ms(len);
    store_timer(timer, at.sec, at.usec);
}

/// "Stop timer": length -1, start second -1 (microseconds untouched).
pub fn stop(len: &mut c_int, timer: &mut timeval) {
    *len = -1;
    store_timer_sec(timer, -1);
}

/// The timeout event of type `ty` for transaction `tid` when `timer` is
/// armed and due at `now` and the transaction is in a state where it
/// counts; else None (also when out of memory).
pub fn timeout_event(
    now: Tv,
    timer: &timeval,
    in_state: bool,
    ty: c_int,
    tid: c_int,
) -> Option<Owned<osip_event_t>> {
    let start = tv(timer);
    if !in_state || !start.is_armed() || !start.is_due(now) {
        return None;
    }
    event::new(ty, tid)
}

/// A copy of a host for the next hop (None for none, or when out of
/// memory, as `osip_strdup` gives NULL for both).
fn host_copy(s: Option<&CStr>) -> Option<OString> {
    OString::new(s?.to_bytes())
}

/// The next hop of a request (host copy, possibly None, and port), by
/// [`nexthop::choose`]: a loose-routing first Route, else the request-URI's
/// `maddr`, eXosip's outbound hints or host. -2 when it has to come from a
/// missing request-URI.
pub fn next_hop(
    parser: &dyn Parser,
    msg: &osip_message_t,
) -> Result<(Option<OString>, c_int), c_int> {
    let port_of = |p: Option<&CStr>| nexthop::uri_port(p.map(|p| parser.atoi(p)));
    let loose = msg
        .routes()
        .get(0)
        .and_then(|r| r.url())
        .filter(|u| param(u.url_params(), b"lr").is_some());
    let uri = msg.req_uri();
    let value = |name: &[u8]| uri.and_then(|u| param_value(u.url_params(), name));
    let (maddr, obr, obp) = (value(b"maddr"), value(b"x-obr"), value(b"x-obp"));
    let offer = Offer {
        loose_route: loose.is_some(),
        maddr: maddr.is_some(),
        outbound: obr.is_some() && obp.is_some(),
    };
    let hop = nexthop::choose(offer);
    if let (NextHop::Route, Some(url)) = (hop, loose) {
        return Ok((host_copy(url.host()), port_of(url.port())));
    }
    let uri = uri.ok_or(OSIP_BADPARAMETER)?;
    let port = port_of(uri.port());
    Ok(match (hop, maddr, obr, obp) {
        (NextHop::Maddr, Some(m), _, _) => (host_copy(Some(m)), port),
        (NextHop::Outbound, _, Some(h), Some(p)) => (host_copy(Some(h)), parser.atoi(p)),
        _ => (host_copy(uri.host()), port),
    })
}

/// Whether the request's transport is reliable; contexts fail with the
/// Via lookup's code or, for a Via without protocol, `no_protocol`.
fn reliability(msg: Option<&osip_message_t>, no_protocol: c_int) -> Result<bool, c_int> {
    match transport(msg) {
        Transport::NoVia(e) => Err(e),
        Transport::NoProtocol => Err(no_protocol),
        Transport::Known { reliable } => Ok(reliable),
    }
}

/// A zeroed context (-4 when out of memory) and what `setup` reads of the
/// request; a failed setup frees the context again.
fn alloc_then<T: CObject, V>(
    setup: impl FnOnce() -> Result<V, c_int>,
) -> Result<(Owned<T>, V), c_int> {
    let ctx = Owned::<T>::new().ok_or(OSIP_NOMEM)?;
    Ok((ctx, setup()?))
}

/// An ICT context for `invite`: timers A and B run from now, D is ready.
pub fn new_ict(
    parser: &dyn Parser,
    clock: &dyn Clock,
    invite: Option<&osip_message_t>,
) -> Result<Owned<osip_ict_t>, c_int> {
    trace!(parser, "ict.c", 30, OSIP_INFO2, "allocating ICT context\n");
    let (mut ict, (reliable, (dest, port))) = alloc_then::<osip_ict_t, _>(|| {
        let reliable = reliability(invite, OSIP_SYNTAXERROR)?;
        Ok((
            reliable,
            next_hop(parser, invite.ok_or(OSIP_BADPARAMETER)?)?,
        ))
    })?;
    ict.timer_a_length = DEFAULT_T1;
    start(&mut ict.timer_a_start, clock, DEFAULT_T1);
    ict.timer_d_length = initial::wait_64t1(reliable);
    ict.timer_d_start.tv_sec = -1;
    ict.set_destination(dest);
    ict.port = port;
    ict.timer_b_length = TIMEOUT_64T1;
    start(&mut ict.timer_b_start, clock, TIMEOUT_64T1);
    Ok(ict)
}

/// A NICT context for `request`: timer F runs from now, E starts with the
/// first send.
pub fn new_nict(
    parser: &dyn Parser,
    clock: &dyn Clock,
    request: Option<&osip_message_t>,
) -> Result<Owned<osip_nict_t>, c_int> {
    trace!(
        parser,
        "nict.c",
        30,
        OSIP_INFO2,
        "allocating NICT context\n"
    );
    let (mut nict, (reliable, (dest, port))) = alloc_then::<osip_nict_t, _>(|| {
        let reliable = reliability(request, OSIP_UNDEFINED_ERROR)?;
        Ok((
            reliable,
            next_hop(parser, request.ok_or(OSIP_BADPARAMETER)?)?,
        ))
    })?;
    nict.timer_e_length = DEFAULT_T1;
    nict.timer_e_start.tv_sec = -1;
    nict.timer_k_length = initial::wait_t4(reliable);
    nict.timer_k_start.tv_sec = -1;
    nict.set_destination(dest);
    nict.port = port;
    nict.timer_f_length = TIMEOUT_64T1;
    start(&mut nict.timer_f_start, clock, TIMEOUT_64T1);
    Ok(nict)
}

/// An IST context for `invite`; no timer runs until a final response.
pub fn new_ist(
    parser: &dyn Parser,
    invite: Option<&osip_message_t>,
) -> Result<Owned<osip_ist_t>, c_int> {
    trace!(parser, "ist.c", 28, OSIP_INFO2, "allocating IST context\n");
    let (mut ist, reliable) =
        alloc_then::<osip_ist_t, _>(|| reliability(invite, OSIP_UNDEFINED_ERROR))?;
    ist.timer_g_length = initial::ist_g(reliable);
    ist.timer_g_start.tv_sec = -1;
    ist.timer_h_length = TIMEOUT_64T1;
    ist.timer_h_start.tv_sec = -1;
    ist.timer_i_length = initial::wait_t4(reliable);
    ist.timer_i_start.tv_sec = -1;
    Ok(ist)
}

/// A NIST context for `request`.
pub fn new_nist(
    parser: &dyn Parser,
    request: Option<&osip_message_t>,
) -> Result<Owned<osip_nist_t>, c_int> {
    trace!(
        parser,
        "nist.c",
        29,
        OSIP_INFO2,
        "allocating NIST context\n"
    );
    let (mut nist, reliable) =
        alloc_then::<osip_nist_t, _>(|| reliability(request, OSIP_UNDEFINED_ERROR))?;
    nist.timer_j_length = initial::wait_64t1(reliable);
    nist.timer_j_start.tv_sec = -1;
    Ok(nist)
}

/// Frees an ICT context and its destination.
pub fn free_ict(parser: &dyn Parser, ict: Owned<osip_ict_t>) {
    trace!(parser, "ict.c", 175, OSIP_INFO2, "free ict resource\n");
    drop(ict);
}

/// Frees an IST context.
pub fn free_ist(parser: &dyn Parser, ist: Owned<osip_ist_t>) {
    trace!(parser, "ist.c", 83, OSIP_INFO2, "free ist resource\n");
    drop(ist);
}

/// Frees a NICT context and its destination.
pub fn free_nict(parser: &dyn Parser, nict: Owned<osip_nict_t>) {
    trace!(parser, "nict.c", 157, OSIP_INFO2, "free nict resource\n");
    drop(nict);
}

/// Frees a NIST context.
pub fn free_nist(parser: &dyn Parser, nist: Owned<osip_nist_t>) {
    trace!(parser, "nist.c", 75, OSIP_INFO2, "free nist resource\n");
    drop(nist);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{request, uri, FakeParser};

    fn hop(msg: &osip_message_t) -> Result<(Vec<u8>, c_int), c_int> {
        next_hop(&FakeParser::default(), msg).map(|(h, p)| (h.unwrap().as_bytes().to_vec(), p))
    }

    #[test]
    fn the_next_hop_follows_the_first_loose_route_else_the_request_uri() {
        let mut m = request("OPTIONS", "UDP");
        assert_eq!(hop(&m), Ok((b"b.example".to_vec(), 5070)));
        m.set_req_uri(Some(uri("b.example", None, &[("maddr", Some("10.0.0.9"))])));
        assert_eq!(hop(&m), Ok((b"10.0.0.9".to_vec(), 5060)));
        // A strict router is where the request-URI points already.
        let mut strict = crate::fake::name_addr("proxy.example", None);
        strict.set_url(Some(uri("proxy.example", Some("5080"), &[])));
        let _ = m.routes_mut().push(strict);
        assert_eq!(hop(&m), Ok((b"10.0.0.9".to_vec(), 5060)));
        m.routes_mut().clear();
        let mut loose = crate::fake::name_addr("proxy.example", None);
        loose.set_url(Some(uri("proxy.example", Some("5080"), &[("lr", None)])));
        let _ = m.routes_mut().push(loose);
        assert_eq!(hop(&m), Ok((b"proxy.example".to_vec(), 5080)));
        m.routes_mut().clear();
        let params = [("x-obr", Some("192.0.2.7")), ("x-obp", Some("5999"))];
        m.set_req_uri(Some(uri("b.example", None, &params)));
        assert_eq!(hop(&m), Ok((b"192.0.2.7".to_vec(), 5999)));
        m.set_req_uri(None);
        assert_eq!(hop(&m), Err(OSIP_BADPARAMETER));
    }

    #[test]
    fn contexts_take_their_timers_from_the_transport() {
        let lib = FakeParser::default();
        let udp = request("INVITE", "UDP");
        let ist = new_ist(&lib, Some(&udp)).unwrap();
        assert_eq!((ist.timer_g_length, ist.timer_i_length), (DEFAULT_T1, 5000));
        let tcp = request("INVITE", "tcp");
        let ist = new_ist(&lib, Some(&tcp)).unwrap();
        assert_eq!((ist.timer_g_length, ist.timer_i_length), (-1, 0));
        assert_eq!(ist.timer_h_start.tv_sec, -1);
        let mut bare = request("INVITE", "UDP");
        bare.vias_mut().get_mut(0).unwrap().set_protocol(None);
        let clock = crate::fake::FakeClock(std::cell::Cell::new(Tv::new(1, 0)));
        assert_eq!(
            new_ict(&lib, &clock, Some(&bare)).err(),
            Some(OSIP_SYNTAXERROR)
        );
        assert_eq!(
            new_nist(&lib, Some(&bare)).err(),
            Some(OSIP_UNDEFINED_ERROR)
        );
        assert_eq!(new_nist(&lib, None).err(), Some(OSIP_BADPARAMETER));
        bare.vias_mut().clear();
        assert_eq!(
            new_nict(&lib, &clock, Some(&bare)).err(),
            Some(OSIP_UNDEFINED_ERROR)
        );
    }

    #[test]
    fn a_timer_is_due_when_armed_and_reached_in_its_state() {
        let mut t = timeval {
            tv_sec: 10,
            tv_usec: 0,
        };
        assert!(timeout_event(Tv::new(10, 0), &t, true, 3, 7).is_some());
        assert!(timeout_event(Tv::new(9, 999_999), &t, true, 3, 7).is_none());
        assert!(timeout_event(Tv::new(10, 0), &t, false, 3, 7).is_none());
        let mut len = 500;
        stop(&mut len, &mut t);
        assert_eq!((len, t.tv_sec), (-1, -1));
        assert!(timeout_event(Tv::new(99, 0), &t, true, 3, 7).is_none());
        let e = timeout_event(
            Tv::new(10, 0),
            &timeval {
                tv_sec: 1,
                tv_usec: 0,
            },
            true,
            3,
            7,
        );
        assert_eq!(e.map(|e| (e.type_, e.transactionid)), Some((3, 7)));
    }
}
