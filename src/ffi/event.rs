//! Events: messages parsed from the network or handed in by the
//! application, classified for the state machines (`osip_core::event`).

use crate::abi::osip_event_t;
use crate::core::event;
use crate::host::Lib;
use crate::parser::osip_message_t;
use libc::{c_char, c_int, size_t};
use osip_cabi::export;
use osip_cmem::Owned;
use std::ptr;

/// A new event of type `ty` for transaction `tid`, without message; NULL
/// when out of memory.
pub(crate) fn new_event(ty: c_int, tid: c_int) -> *mut osip_event_t {
    event::new(ty, tid).map_or(ptr::null_mut(), Owned::into_raw)
}

/// Parses `length` bytes of `buf` into a new incoming event, which the caller
/// owns together with its message. NULL if the text is not a valid SIP
/// message or is a request without method or request-URI.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_parse(buf: *const c_char, length: size_t) -> *mut osip_event_t {
    // SAFETY: a buffer of `length` bytes (the C contract), only read.
    let text = (!buf.is_null()).then(|| unsafe { std::slice::from_raw_parts(buf.cast(), length) });
    event::parse(&Lib, text).map_or(ptr::null_mut(), Owned::into_raw)
}

/// Wraps a message the application wants to send into a new event, which
/// then owns the message. NULL (the caller keeps the message) for NULL, for a
/// request without method or request-URI, or when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_new_outgoing_sipmessage(
    sip: *mut osip_message_t,
) -> *mut osip_event_t {
    // SAFETY: NULL or a message of the osip allocator, handed over (given
    // back below if no event takes it).
    let Some(sip) = (unsafe { Owned::from_raw(sip) }) else {
        return ptr::null_mut();
    };
    match event::outgoing(sip) {
        Ok(evt) => evt.into_raw(),
        Err(sip) => {
            let _ = sip.into_raw();
            ptr::null_mut()
        }
    }
}

/// Frees an event and its message. NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_event_free(event: *mut osip_event_t) {
    // SAFETY: NULL or an event of this library (osip allocator) owning its
    // message, handed over.
    drop(unsafe { Owned::from_raw(event) });
}
