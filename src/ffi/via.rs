//! Where responses go: the top Via's `maddr`, `received` and `rport`
//! (RFC 3261 section 18.2.2 as libosip2 applies it).

use crate::parser::util::{param, param_value, top_via};
use crate::parser::{osip_atoi, osip_message_t, osip_strdup, osip_via_t};
use libc::{c_char, c_int};

/// Host (borrowed from the Via, possibly NULL) and port a response with top
/// Via `via` is sent to: `maddr` if the parameter is present (even without a
/// value), else `received` if present, else the Via host; port from a valued
/// `rport`, else the Via port, else 5060.
///
/// # Safety
/// `via` is a valid Via.
pub(crate) unsafe fn response_target(via: *const osip_via_t) -> (*mut c_char, c_int) {
    // SAFETY: valid Via; parameters come from the parser.
    unsafe {
        let params = &(*via).via_params;
        let host = match param(params, c"maddr") {
            Some(p) => (*p).gvalue,
            None => match param(params, c"received") {
                Some(p) => (*p).gvalue,
                None => (*via).host,
            },
        };
        let port = match param_value(params, c"rport") {
            Some(v) if !v.is_null() => osip_atoi(v),
            _ if !(*via).port.is_null() => osip_atoi((*via).port),
            _ => 5060,
        };
        (host, port)
    }
}

/// Computes where `response` must be sent from its top Via. `*address` gets
/// a copy the caller frees with `osip_free` (NULL if there is no Via or no
/// host); `*portnum` gets the port (0 without a Via). NULL arguments are
/// ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_response_get_destination(
    response: *mut osip_message_t,
    address: *mut *mut c_char,
    portnum: *mut c_int,
) {
    ffi_guard!((), {
        if response.is_null() {
            return;
        }
        // SAFETY: `response` is a valid message from the parser.
        let via = unsafe { top_via(response) };
        let (host, port) = if via.is_null() {
            (std::ptr::null_mut(), 0)
        } else {
            // SAFETY: `via` is the message's valid top Via.
            unsafe { response_target(via) }
        };
        if !portnum.is_null() {
            // SAFETY: non-NULL out-pointer from the caller.
            unsafe { *portnum = port };
        }
        if !address.is_null() {
            // SAFETY: non-NULL out-pointer; osip_strdup(NULL) is NULL.
            unsafe { *address = osip_strdup(host) };
        }
    })
}
