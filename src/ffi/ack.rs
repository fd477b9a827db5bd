//! The ACK an INVITE client transaction sends for a non-2xx final response
//! (RFC 3261 section 17.1.1.3): dialog identifiers from the response, routing
//! from the original INVITE.

use crate::abi::osip_transaction_t;
use crate::alloc::{osip_free, osip_malloc};
use crate::parser::util::{list_get, top_via};
use crate::parser::{
    osip_authorization_clone, osip_call_id_clone, osip_cseq_clone, osip_from_clone, osip_list_add,
    osip_list_clone, osip_list_size, osip_list_t, osip_message_free, osip_message_init,
    osip_message_t, osip_route_t, osip_strdup, osip_to_clone, osip_uri_clone, osip_via_clone,
    osip_via_t,
};
use libc::{c_char, c_int, c_void};
use std::ptr;

/// Builds the ACK for `response` to the INVITE of `tr` (its `orig_request`);
/// NULL if any piece is missing or out of memory.
///
/// # Safety
/// `tr` is a valid transaction; `response` is NULL or a valid message.
pub(crate) unsafe fn create(
    tr: *mut osip_transaction_t,
    response: *mut osip_message_t,
) -> *mut osip_message_t {
    // SAFETY: per the contract.
    let invite = unsafe { (*tr).orig_request };
    if invite.is_null() || response.is_null() {
        return ptr::null_mut();
    }
    let mut ack: *mut osip_message_t = ptr::null_mut();
    // SAFETY: the parser allocates the message.
    if unsafe { osip_message_init(&mut ack) } != 0 {
        return ptr::null_mut();
    }
    // SAFETY: `ack` is a fresh message we own; `invite` and `response` are valid.
    if unsafe { fill(ack, invite, response) }.is_err() {
        // SAFETY: partial ACK, freed once.
        unsafe { osip_message_free(ack) };
        return ptr::null_mut();
    }
    ack
}

/// Turns a parser return code into a Result.
fn ok(r: c_int) -> Result<(), ()> {
    if r == 0 {
        Ok(())
    } else {
        Err(())
    }
}

/// A fresh `osip_malloc` copy of `s`, or Err when out of memory.
unsafe fn dup(s: &std::ffi::CStr) -> Result<*mut c_char, ()> {
    // SAFETY: a NUL-terminated string.
    let p = unsafe { osip_strdup(s.as_ptr()) };
    if p.is_null() {
        Err(())
    } else {
        Ok(p)
    }
}

/// Copies a list of (proxy-)authorization headers into `dst`, in order,
/// when it is not empty.
unsafe fn clone_authorizations(src: *const osip_list_t, dst: *mut osip_list_t) -> Result<(), ()> {
    // SAFETY: both lists are valid.
    unsafe {
        if osip_list_size(src) > 0 {
            ok(osip_list_clone(src, dst, Some(clone_authorization)))?;
        }
    }
    Ok(())
}

/// `osip_authorization_clone` with the element type `osip_list_clone` passes.
unsafe extern "C" fn clone_authorization(src: *mut c_void, dst: *mut *mut c_void) -> c_int {
    // SAFETY: `src` is an authorization header from a parsed message.
    unsafe { osip_authorization_clone(src, dst) }
}

/// Fills `ack`; on error the caller frees the partial message.
unsafe fn fill(
    ack: *mut osip_message_t,
    invite: *mut osip_message_t,
    response: *mut osip_message_t,
) -> Result<(), ()> {
    // SAFETY: all three messages are valid; every header put into `ack` is a
    // fresh clone owned by it.
    unsafe {
        let a = &mut *ack;
        ok(osip_from_clone((*response).from, &mut a.from))?;
        ok(osip_to_clone((*response).to, &mut a.to))?;
        ok(osip_call_id_clone((*response).call_id, &mut a.call_id))?;
        ok(osip_cseq_clone((*response).cseq, &mut a.cseq))?;
        osip_free((*a.cseq).method as *mut c_void);
        // Not left dangling if the copy below fails and the ACK is freed.
        (*a.cseq).method = ptr::null_mut();
        (*a.cseq).method = dup(c"ACK")?;

        // libosip2 gives the request line its own 5-byte buffer.
        let method = osip_malloc(5) as *mut c_char;
        if method.is_null() {
            return Err(());
        }
        ptr::copy_nonoverlapping(c"ACK".as_ptr(), method, 4);
        a.sip_method = method;
        a.sip_version = osip_strdup((*invite).sip_version);
        if a.sip_version.is_null() {
            return Err(());
        }
        a.status_code = 0;
        a.reason_phrase = ptr::null_mut();
        ok(osip_uri_clone((*invite).req_uri, &mut a.req_uri))?;

        let via = top_via(invite);
        if via.is_null() {
            return Err(());
        }
        let mut via_copy: *mut osip_via_t = ptr::null_mut();
        ok(osip_via_clone(via, &mut via_copy))?;
        osip_list_add(&mut a.vias, via_copy as *mut c_void, -1);

        let routes = &(*invite).routes;
        for pos in 0..osip_list_size(routes) {
            let route = list_get(routes, pos) as *mut osip_route_t;
            let mut copy: *mut osip_route_t = ptr::null_mut();
            ok(osip_from_clone(route, &mut copy))?;
            osip_list_add(&mut a.routes, copy as *mut c_void, -1);
        }

        // Credentials were for the INVITE; a challenge means they failed.
        let status = (*response).status_code;
        if status != 401 && status != 407 {
            clone_authorizations(&(*invite).authorizations, &mut a.authorizations)?;
            clone_authorizations(&(*invite).proxy_authorizations, &mut a.proxy_authorizations)?;
        }
    }
    Ok(())
}
