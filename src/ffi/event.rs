//! Events: messages parsed from the network or handed in by the application,
//! classified for the state machines.

use crate::abi::{osip_event_t, type_t};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::classify::{message_event, Direction};
use crate::parser::util::cstr;
use crate::parser::{
    osip_message_free, osip_message_init, osip_message_parse, osip_message_t, OSIP_ERROR,
    OSIP_INFO3,
};
use libc::{c_char, c_int, c_void, size_t};
use std::ptr;

/// A new event of type `ty` for transaction `tid`, without message; NULL when
/// out of memory.
pub(crate) unsafe fn new_event(ty: c_int, tid: c_int) -> *mut osip_event_t {
    // SAFETY: plain allocation; the zeroed event has no message.
    let evt = unsafe { osip_calloc::<osip_event_t>() };
    if !evt.is_null() {
        // SAFETY: fresh allocation.
        unsafe {
            (*evt).type_ = ty;
            (*evt).transactionid = tid;
        }
    }
    evt
}

/// Frees an event and the message it owns, if any.
///
/// # Safety
/// `evt` is an event from the parser's allocator that nothing uses after this.
pub(crate) unsafe fn free_event(evt: *mut osip_event_t) {
    // SAFETY: per the contract.
    unsafe {
        osip_message_free((*evt).sip);
        osip_free(evt as *mut c_void);
    }
}

/// The event type of `sip` seen from `dir`; NULL is an unknown event.
pub(crate) unsafe fn classify(sip: *const osip_message_t, dir: Direction) -> c_int {
    if sip.is_null() {
        return type_t::UNKNOWN_EVT as c_int;
    }
    // SAFETY: valid message; its method is NULL or a C string.
    let (status, method) = unsafe { ((*sip).status_code, cstr((*sip).sip_method)) };
    message_event(dir, status, method.map(|m| m.to_bytes())) as c_int
}

/// A request needs a method and a request-URI to be usable as an event.
///
/// # Safety
/// `sip` is a valid message.
unsafe fn is_incomplete_request(sip: *const osip_message_t) -> bool {
    // SAFETY: per the contract.
    unsafe { (*sip).status_code == 0 && ((*sip).sip_method.is_null() || (*sip).req_uri.is_null()) }
}

/// Parses `length` bytes of `buf` into a new incoming event, which the caller
/// owns together with its message. NULL if the text is not a valid SIP
/// message or is a request without method or request-URI.
#[no_mangle]
pub unsafe extern "C" fn osip_parse(buf: *const c_char, length: size_t) -> *mut osip_event_t {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: allocation of a message-less event.
        let evt = unsafe { new_event(type_t::UNKNOWN_EVT as c_int, 0) };
        if evt.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `evt` is ours; the parser owns the message it builds and
        // copes with a NULL buffer.
        unsafe {
            if osip_message_init(&mut (*evt).sip) != 0 {
                osip_free(evt as *mut c_void);
                return ptr::null_mut();
            }
            let sip = (*evt).sip;
            if buf.is_null() || osip_message_parse(sip, buf, length) != 0 {
                trace!("osip_event.c", 44, OSIP_ERROR, "could not parse message\n");
                free_event(evt);
                return ptr::null_mut();
            }
            let call_id = (*sip).call_id;
            if !call_id.is_null() && !(*call_id).number.is_null() {
                trace!(
                    "osip_event.c",
                    51,
                    OSIP_INFO3,
                    "MESSAGE REC. CALLID:%s\n",
                    (*call_id).number
                );
            }
            if is_incomplete_request(sip) {
                free_event(evt);
                return ptr::null_mut();
            }
            (*evt).type_ = classify(sip, Direction::Incoming);
        }
        evt
    })
}

/// Wraps a message the application wants to send into a new event, which
/// then owns the message. NULL (the caller keeps the message) for NULL, for a
/// request without method or request-URI, or when out of memory.
#[no_mangle]
pub unsafe extern "C" fn osip_new_outgoing_sipmessage(
    sip: *mut osip_message_t,
) -> *mut osip_event_t {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: `sip` is checked for NULL first.
        if sip.is_null() || unsafe { is_incomplete_request(sip) } {
            return ptr::null_mut();
        }
        // SAFETY: allocation of a message-less event.
        let evt = unsafe { new_event(type_t::UNKNOWN_EVT as c_int, 0) };
        if !evt.is_null() {
            // SAFETY: fresh event; `sip` is a valid message.
            unsafe {
                (*evt).sip = sip;
                (*evt).type_ = classify(sip, Direction::Outgoing);
            }
        }
        evt
    })
}

/// Frees an event and its message. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_event_free(event: *mut osip_event_t) {
    ffi_guard!((), {
        if !event.is_null() {
            // SAFETY: an event from this library (osip allocator) owning its message.
            unsafe { free_event(event) };
        }
    })
}
