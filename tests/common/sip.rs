//! Helpers of the tests that call libosip2's entry points in-process (the
//! rlib): messages and events made from text, an instance with callbacks.

use libc::{c_char, c_int, c_void, size_t};
use osip2::abi::{
    osip_event_t, osip_kill_transaction_cb_t, osip_message_cb_t, osip_t, osip_transaction_t,
    osip_transport_error_cb_t,
};
use osip2::ffi::callbacks::{
    osip_set_cb_send_message, osip_set_kill_transaction_callback, osip_set_message_callback,
    osip_set_transport_error_callback,
};
use osip2::ffi::event::{osip_new_outgoing_sipmessage, osip_parse};
use osip2::ffi::osip::{osip_init, osip_release};
use osip2::parser::{osip_message_init, osip_message_parse, osip_message_t, osip_message_to_str};
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::Once;

/// The callback that sends a message (`osip_set_cb_send_message`).
pub type SendCb = unsafe extern "C" fn(
    *mut osip_transaction_t,
    *mut osip_message_t,
    *mut c_char,
    c_int,
    c_int,
) -> c_int;

/// The parser's tables, set up once per process by the first `osip_init`
/// (as libosip2 does), before a test parses a message on its own.
pub fn init_parser() {
    static PARSER: Once = Once::new();
    PARSER.call_once(|| {
        let mut osip = null_mut();
        // SAFETY: an out-pointer, then the instance made there.
        unsafe {
            assert_eq!(osip_init(&mut osip), 0);
            osip_release(osip);
        }
    });
}

/// A message parsed from `text`, which the test frees or hands over.
pub fn message(text: &str) -> *mut osip_message_t {
    init_parser();
    let mut m = null_mut();
    // SAFETY: an out-pointer, then a buffer of `text.len()` bytes.
    unsafe {
        assert_eq!(osip_message_init(&mut m), 0);
        assert_eq!(
            osip_message_parse(m, text.as_ptr() as *const c_char, text.len()),
            0,
            "parse failed:\n{text}"
        );
    }
    m
}

/// The event of a received message: `osip_parse` of `text`.
pub fn incoming(text: &str) -> *mut osip_event_t {
    // SAFETY: a buffer of `text.len()` bytes.
    let evt = unsafe { osip_parse(text.as_ptr() as *const c_char, text.len()) };
    assert!(!evt.is_null(), "parse failed:\n{text}");
    evt
}

/// The event of a message to send: `osip_new_outgoing_sipmessage`.
pub fn outgoing(text: &str) -> *mut osip_event_t {
    // SAFETY: a fresh message, handed over to the event.
    let evt = unsafe { osip_new_outgoing_sipmessage(message(text)) };
    assert!(!evt.is_null());
    evt
}

/// A message as `osip_message_to_str` writes it.
///
/// # Safety
/// `msg` is a valid message.
pub unsafe fn text_of(msg: *mut osip_message_t) -> String {
    let mut text: *mut c_char = null_mut();
    let mut len: size_t = 0;
    // SAFETY: per the contract; the string is the parser's, freed here.
    unsafe {
        assert_eq!(osip_message_to_str(msg, &mut text, &mut len), 0);
        let s = CStr::from_ptr(text).to_string_lossy().into_owned();
        osip2::alloc::osip_free(text as *mut c_void);
        s
    }
}

/// The callbacks of an instance made by [`instance`]: one message callback
/// for every message type, one kill and one transport-error callback for
/// every kind of transaction.
#[derive(Default)]
pub struct Callbacks {
    pub message: osip_message_cb_t,
    pub kill: osip_kill_transaction_cb_t,
    pub transport_error: osip_transport_error_cb_t,
    pub send: Option<SendCb>,
}

/// A new instance with `cb` registered (`osip_release` it).
pub fn instance(cb: Callbacks) -> *mut osip_t {
    let mut osip = null_mut();
    // SAFETY: an out-pointer, then setters on the fresh instance.
    unsafe {
        assert_eq!(osip_init(&mut osip), 0);
        if cb.message.is_some() {
            for t in 0..60 {
                osip_set_message_callback(osip, t, cb.message);
            }
        }
        for t in 0..4 {
            if cb.kill.is_some() {
                osip_set_kill_transaction_callback(osip, t, cb.kill);
            }
            if cb.transport_error.is_some() {
                osip_set_transport_error_callback(osip, t, cb.transport_error);
            }
        }
        if cb.send.is_some() {
            osip_set_cb_send_message(osip, cb.send);
        }
    }
    osip
}
