//! The per-kind contexts of a transaction: timer lengths chosen from the
//! request's transport and, for client transactions, the next hop.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use crate::abi::{osip_ict_t, osip_ist_t, osip_nict_t, osip_nist_t, DEFAULT_T1};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::classify::{self, initial, TIMEOUT_64T1};
use crate::core::nexthop::{self, NextHop, Offer};
use crate::ffi::time::{now, store_tv};
use crate::parser::util::{cstr, param, param_value};
use crate::parser::{
    osip_atoi, osip_message_get_route, osip_message_get_via, osip_message_t, osip_route_t,
    osip_strdup, osip_via_t, OSIP_INFO2,
};
use libc::{c_char, c_int, c_void, timeval};
use std::ptr;

/// The transport of a message's top Via.
pub(crate) enum Transport {
    /// `osip_message_get_via` failed with this code (no Via, NULL message).
    NoVia(c_int),
    /// The top Via has no protocol.
    NoProtocol,
    Known {
        reliable: bool,
    },
}

/// Reads the transport of the top Via of `msg` (NULL allowed).
pub(crate) unsafe fn transport(msg: *mut osip_message_t) -> Transport {
    let mut via: *mut osip_via_t = ptr::null_mut();
    // SAFETY: the parser checks `msg` for NULL and fills `via`.
    let r = unsafe { osip_message_get_via(msg, 0, &mut via) };
    if r < 0 || via.is_null() {
        return Transport::NoVia(r.min(OSIP_UNDEFINED_ERROR));
    }
    // SAFETY: `via` is the message's valid top Via.
    match unsafe { cstr((*via).protocol) } {
        None => Transport::NoProtocol,
        Some(p) => Transport::Known {
            reliable: classify::is_reliable(p.to_bytes()),
        },
    }
}

/// "Start timer": `now + len` milliseconds, with `add_gettimeofday`'s
/// arithmetic. A plain store: contexts are started before their transaction
/// is listed, and actions run between `engine::step_begin` and `step_end`
/// (see `actions::run`), which re-files the deadlines.
pub(crate) unsafe fn start_timer(start: *mut timeval, len: c_int) {
    // SAFETY: `start` points into a live context.
    unsafe { store_tv(start, now().add_ms(len)) };
}

/// "Disable timer": length -1, start second -1 (microseconds untouched).
pub(crate) unsafe fn disable_timer(len: *mut c_int, start: *mut timeval) {
    // SAFETY: both point into a live context.
    unsafe {
        *len = -1;
        crate::ffi::time::store_sec(start, -1);
    }
}

/// The next hop of a request (host copied with `osip_strdup`, possibly NULL,
/// and port); -2 when it has to come from a missing request-URI.
pub(crate) unsafe fn next_hop(msg: *mut osip_message_t) -> Result<(*mut c_char, c_int), c_int> {
    let port_of = |p: *mut c_char| {
        // SAFETY: a URI port string or NULL.
        nexthop::uri_port((!p.is_null()).then(|| unsafe { osip_atoi(p) }))
    };
    let mut route: *mut osip_route_t = ptr::null_mut();
    // SAFETY: `msg` is a valid message; `route` receives its first Route.
    unsafe { osip_message_get_route(msg, 0, &mut route) };
    let route_url = if route.is_null() {
        ptr::null_mut()
    } else {
        // SAFETY: a Route of `msg`.
        unsafe { (*route).url }
    };
    // SAFETY: `route_url` is checked before use.
    let loose_route =
        !route_url.is_null() && unsafe { param(&(*route_url).url_params, c"lr") }.is_some();
    if loose_route {
        // SAFETY: valid URI.
        return Ok(unsafe { (osip_strdup((*route_url).host), port_of((*route_url).port)) });
    }
    // SAFETY: valid message.
    let uri = unsafe { (*msg).req_uri };
    if uri.is_null() {
        return Err(OSIP_BADPARAMETER);
    }
    // SAFETY: valid URI; parameter values are NULL or C strings.
    unsafe {
        let params = &(*uri).url_params;
        let valued = |name| param_value(params, name).filter(|v| !v.is_null());
        let maddr = valued(c"maddr");
        let obr = valued(c"x-obr");
        let obp = valued(c"x-obp");
        let offer = Offer {
            loose_route,
            maddr: maddr.is_some(),
            outbound: obr.is_some() && obp.is_some(),
        };
        let port = port_of((*uri).port);
        Ok(match (nexthop::choose(offer), maddr, obr, obp) {
            (NextHop::Maddr, Some(m), _, _) => (osip_strdup(m), port),
            (NextHop::Outbound, _, Some(h), Some(p)) => (osip_strdup(h), osip_atoi(p)),
            _ => (osip_strdup((*uri).host), port),
        })
    }
}

/// Replaces a client context's destination, freeing the previous one.
///
/// # Safety
/// The context owns `*dest_field` (NULL or from the parser's allocator).
unsafe fn set_destination(
    dest_field: &mut *mut c_char,
    port_field: &mut c_int,
    dest: *mut c_char,
    port: c_int,
) {
    // SAFETY: per the contract.
    unsafe { osip_free(*dest_field as *mut c_void) };
    *dest_field = dest;
    *port_field = port;
}

/// `osip_ict_set_destination` without the FFI wrapper.
pub(crate) unsafe fn set_ict_destination(ict: *mut osip_ict_t, dest: *mut c_char, port: c_int) {
    // SAFETY: live ICT context, which owns its destination.
    unsafe { set_destination(&mut (*ict).destination, &mut (*ict).port, dest, port) }
}

/// `osip_nict_set_destination` without the FFI wrapper.
pub(crate) unsafe fn set_nict_destination(nict: *mut osip_nict_t, dest: *mut c_char, port: c_int) {
    // SAFETY: live NICT context, which owns its destination.
    unsafe { set_destination(&mut (*nict).destination, &mut (*nict).port, dest, port) }
}

/// Allocates a zeroed context (-4 when out of memory), then runs `setup`;
/// a failed setup frees the context and passes its error on.
unsafe fn alloc_then<T, V>(setup: impl FnOnce() -> Result<V, c_int>) -> Result<(*mut T, V), c_int> {
    // SAFETY: zero is the empty state of every context.
    let ctx = unsafe { osip_calloc::<T>() };
    if ctx.is_null() {
        return Err(OSIP_NOMEM);
    }
    match setup() {
        Ok(v) => Ok((ctx, v)),
        Err(e) => {
            // SAFETY: nothing else refers to the fresh context.
            unsafe { osip_free(ctx as *mut c_void) };
            Err(e)
        }
    }
}

/// Reliability of the request's transport; contexts fail with the Via
/// lookup's code or, for a Via without protocol, `no_protocol`.
unsafe fn reliability(msg: *mut osip_message_t, no_protocol: c_int) -> Result<bool, c_int> {
    // SAFETY: `msg` is passed through to the parser.
    match unsafe { transport(msg) } {
        Transport::NoVia(e) => Err(e),
        Transport::NoProtocol => Err(no_protocol),
        Transport::Known { reliable } => Ok(reliable),
    }
}

/// Builds an ICT context for `invite`: timers A and B armed now, D ready.
pub(crate) unsafe fn new_ict(invite: *mut osip_message_t) -> Result<*mut osip_ict_t, c_int> {
    trace!("ict.c", 30, OSIP_INFO2, "allocating ICT context\n");
    // SAFETY: allocation, then fields of the unpublished context.
    unsafe {
        let (ict, (reliable, (dest, port))) = alloc_then::<osip_ict_t, _>(|| {
            Ok((reliability(invite, OSIP_SYNTAXERROR)?, next_hop(invite)?))
        })?;
        (*ict).timer_a_length = DEFAULT_T1;
        start_timer(&mut (*ict).timer_a_start, DEFAULT_T1);
        (*ict).timer_d_length = initial::wait_64t1(reliable);
        (*ict).timer_d_start.tv_sec = -1;
        set_ict_destination(ict, dest, port);
        (*ict).timer_b_length = TIMEOUT_64T1;
        start_timer(&mut (*ict).timer_b_start, TIMEOUT_64T1);
        Ok(ict)
    }
}

/// Builds a NICT context for `request`: timer F armed now, E armed by the
/// first send.
pub(crate) unsafe fn new_nict(request: *mut osip_message_t) -> Result<*mut osip_nict_t, c_int> {
    trace!("nict.c", 30, OSIP_INFO2, "allocating NICT context\n");
    // SAFETY: allocation, then fields of the unpublished context.
    unsafe {
        let (nict, (reliable, (dest, port))) = alloc_then::<osip_nict_t, _>(|| {
            Ok((
                reliability(request, OSIP_UNDEFINED_ERROR)?,
                next_hop(request)?,
            ))
        })?;
        (*nict).timer_e_length = DEFAULT_T1;
        (*nict).timer_e_start.tv_sec = -1;
        (*nict).timer_k_length = initial::wait_t4(reliable);
        (*nict).timer_k_start.tv_sec = -1;
        set_nict_destination(nict, dest, port);
        (*nict).timer_f_length = TIMEOUT_64T1;
        start_timer(&mut (*nict).timer_f_start, TIMEOUT_64T1);
        Ok(nict)
    }
}

/// Builds an IST context for `invite`; no timer runs until a final response.
pub(crate) unsafe fn new_ist(invite: *mut osip_message_t) -> Result<*mut osip_ist_t, c_int> {
    trace!("ist.c", 28, OSIP_INFO2, "allocating IST context\n");
    // SAFETY: allocation, then fields of the unpublished context.
    unsafe {
        let (ist, reliable) =
            alloc_then::<osip_ist_t, _>(|| reliability(invite, OSIP_UNDEFINED_ERROR))?;
        (*ist).timer_g_length = initial::ist_g(reliable);
        (*ist).timer_g_start.tv_sec = -1;
        (*ist).timer_h_length = TIMEOUT_64T1;
        (*ist).timer_h_start.tv_sec = -1;
        (*ist).timer_i_length = initial::wait_t4(reliable);
        (*ist).timer_i_start.tv_sec = -1;
        Ok(ist)
    }
}

/// Builds a NIST context for `request`.
pub(crate) unsafe fn new_nist(request: *mut osip_message_t) -> Result<*mut osip_nist_t, c_int> {
    trace!("nist.c", 29, OSIP_INFO2, "allocating NIST context\n");
    // SAFETY: allocation, then fields of the unpublished context.
    unsafe {
        let (nist, reliable) =
            alloc_then::<osip_nist_t, _>(|| reliability(request, OSIP_UNDEFINED_ERROR))?;
        (*nist).timer_j_length = initial::wait_64t1(reliable);
        (*nist).timer_j_start.tv_sec = -1;
        Ok(nist)
    }
}

/// Frees an ICT context and its destination (NULL ignored).
pub(crate) unsafe fn free_ict(ict: *mut osip_ict_t) {
    if ict.is_null() {
        return;
    }
    trace!("ict.c", 175, OSIP_INFO2, "free ict resource\n");
    // SAFETY: a context from `new_ict`, not used afterwards.
    unsafe {
        osip_free((*ict).destination as *mut c_void);
        osip_free(ict as *mut c_void);
    }
}

/// Frees a NICT context and its destination (NULL ignored).
pub(crate) unsafe fn free_nict(nict: *mut osip_nict_t) {
    if nict.is_null() {
        return;
    }
    trace!("nict.c", 157, OSIP_INFO2, "free nict resource\n");
    // SAFETY: a context from `new_nict`, not used afterwards.
    unsafe {
        osip_free((*nict).destination as *mut c_void);
        osip_free(nict as *mut c_void);
    }
}

/// Frees an IST context (NULL ignored).
pub(crate) unsafe fn free_ist(ist: *mut osip_ist_t) {
    if ist.is_null() {
        return;
    }
    trace!("ist.c", 83, OSIP_INFO2, "free ist resource\n");
    // SAFETY: a context from `new_ist`, not used afterwards.
    unsafe { osip_free(ist as *mut c_void) };
}

/// Frees a NIST context (NULL ignored).
pub(crate) unsafe fn free_nist(nist: *mut osip_nist_t) {
    if nist.is_null() {
        return;
    }
    trace!("nist.c", 75, OSIP_INFO2, "free nist resource\n");
    // SAFETY: a context from `new_nist`, not used afterwards.
    unsafe { osip_free(nist as *mut c_void) };
}
