//! The application's callbacks: registration, and the dispatchers every state
//! machine action reports through. The `osip_t` of a transaction is its
//! `config`; a transaction without one reports to nobody.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{
    osip_kill_callback_type, osip_kill_transaction_cb_t, osip_message_callback_type,
    osip_message_cb_t, osip_t, osip_transaction_t, osip_transport_error_callback_type,
    osip_transport_error_cb_t,
};
use crate::core::kind::Kind;
use crate::ffi::time::{osip_getsystemtime, osip_gettimeofday};
use crate::parser::{osip_message_t, OSIP_BUG, OSIP_ERROR};
use libc::{c_char, c_int};
use std::ptr;

const MESSAGE_TYPES: usize = osip_message_callback_type::OSIP_MESSAGE_CALLBACK_COUNT as usize;
const KILL_TYPES: usize = osip_kill_callback_type::OSIP_KILL_CALLBACK_COUNT as usize;
const TRANSPORT_ERROR_TYPES: usize =
    osip_transport_error_callback_type::OSIP_TRANSPORT_ERROR_CALLBACK_COUNT as usize;

/// The index of callback type `ty` among `count` types; any other type is
/// logged at `line` of osip.c, as libosip2 does. Negative types are rejected
/// too, where libosip2 indexed with them.
fn index(ty: c_int, count: usize, level: c_int, line: c_int) -> Option<usize> {
    let i = usize::try_from(ty).ok().filter(|&i| i < count);
    if i.is_none() {
        trace!("osip.c", line, level, "invalid callback type %d\n", ty);
    }
    i
}

/// The part the three setters share: `store` gets the non-NULL instance and
/// the index of `ty`. Returns 0, or -2 for a bad type or a NULL `osip`.
fn register(
    osip: *mut osip_t,
    ty: c_int,
    count: usize,
    line: c_int,
    store: impl FnOnce(*mut osip_t, usize),
) -> c_int {
    let Some(i) = index(ty, count, OSIP_ERROR, line) else {
        return OSIP_BADPARAMETER;
    };
    if osip.is_null() {
        return OSIP_BADPARAMETER;
    }
    store(osip, i);
    0
}

/// Registers the message callback `type` (an `osip_message_callback_type_t`).
/// Returns 0, or -2 for a type outside 0..59 or a NULL `osip`.
#[no_mangle]
pub unsafe extern "C" fn osip_set_message_callback(
    osip: *mut osip_t,
    type_: c_int,
    cb: osip_message_cb_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        register(osip, type_, MESSAGE_TYPES, 1690, |o, i| {
            // SAFETY: an instance from osip_init; `i` is in range.
            unsafe { (*o).msg_callbacks[i] = cb }
        })
    })
}

/// Registers the kill callback `type` (an `osip_kill_callback_type_t`).
/// Returns 0, or -2 for a type outside 0..3 or a NULL `osip`.
#[no_mangle]
pub unsafe extern "C" fn osip_set_kill_transaction_callback(
    osip: *mut osip_t,
    type_: c_int,
    cb: osip_kill_transaction_cb_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        register(osip, type_, KILL_TYPES, 1701, |o, i| {
            // SAFETY: an instance from osip_init; `i` is in range.
            unsafe { (*o).kill_callbacks[i] = cb }
        })
    })
}

/// Registers the transport-error callback `type` (an
/// `osip_transport_error_callback_type_t`). Returns 0, or -2 for a type
/// outside 0..3 or a NULL `osip`.
#[no_mangle]
pub unsafe extern "C" fn osip_set_transport_error_callback(
    osip: *mut osip_t,
    type_: c_int,
    cb: osip_transport_error_cb_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        register(osip, type_, TRANSPORT_ERROR_TYPES, 1711, |o, i| {
            // SAFETY: an instance from osip_init; `i` is in range.
            unsafe { (*o).tp_error_callbacks[i] = cb }
        })
    })
}

/// The function that sends messages: `cb(tr, msg, host, port, out_socket)`
/// returns 0 when sent, a negative value on error, a positive value while a
/// connection is still being established. NULL `osip` is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_set_cb_send_message(
    osip: *mut osip_t,
    cb: Option<
        unsafe extern "C" fn(
            *mut osip_transaction_t,
            *mut osip_message_t,
            *mut c_char,
            c_int,
            c_int,
        ) -> c_int,
    >,
) {
    ffi_guard!((), {
        if !osip.is_null() {
            // SAFETY: non-NULL instance from osip_init.
            unsafe { (*osip).cb_send_message = cb };
        }
    })
}

/// What `pick` reads from the instance managing `tr` (its non-NULL
/// `config`); None without an instance.
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn registered<F>(
    tr: *mut osip_transaction_t,
    pick: impl FnOnce(*mut osip_t) -> Option<F>,
) -> Option<F> {
    // SAFETY: per the contract; `config` is NULL or the instance.
    let osip = unsafe { (*tr).config } as *mut osip_t;
    if osip.is_null() {
        None
    } else {
        pick(osip)
    }
}

/// Reports message event `ty` of `tr` to the application.
///
/// # Safety
/// `tr` is NULL or a valid transaction; `msg` is whatever the callback gets.
pub(crate) unsafe fn message(ty: c_int, tr: *mut osip_transaction_t, msg: *mut osip_message_t) {
    let Some(i) = index(ty, MESSAGE_TYPES, OSIP_BUG, 1647).filter(|_| !tr.is_null()) else {
        return;
    };
    // SAFETY: valid transaction; `i` is in range of its instance's callbacks.
    if let Some(cb) = unsafe { registered(tr, |o| (*o).msg_callbacks[i]) } {
        // SAFETY: the application's callback, with libosip2's arguments.
        unsafe { cb(ty, tr, msg) };
    }
}

/// Stamps `tr` as finished and reports its end (kind `ty`) to the application.
/// The application usually frees `tr` in this callback: callers must not
/// touch `tr` afterwards.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn kill(ty: c_int, tr: *mut osip_transaction_t) {
    let Some(i) = index(ty, KILL_TYPES, OSIP_BUG, 1661).filter(|_| !tr.is_null()) else {
        return;
    };
    // SAFETY: valid transaction; the time fields are plain values.
    unsafe {
        (*tr).completed_time = osip_getsystemtime(ptr::null_mut());
        osip_gettimeofday(ptr::addr_of_mut!((*tr).destroyed_time), ptr::null_mut());
    }
    // SAFETY: valid transaction; `i` is in range of its instance's callbacks.
    if let Some(cb) = unsafe { registered(tr, |o| (*o).kill_callbacks[i]) } {
        // SAFETY: the application's callback.
        unsafe { cb(ty, tr) };
    }
}

/// Reports a transport error `code` of `tr` (kind `ty`) to the application.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn transport_error(ty: c_int, tr: *mut osip_transaction_t, code: c_int) {
    let Some(i) = index(ty, TRANSPORT_ERROR_TYPES, OSIP_BUG, 1678).filter(|_| !tr.is_null()) else {
        return;
    };
    // SAFETY: valid transaction; `i` is in range of its instance's callbacks.
    if let Some(cb) = unsafe { registered(tr, |o| (*o).tp_error_callbacks[i]) } {
        // SAFETY: the application's callback.
        unsafe { cb(ty, tr, code) };
    }
}

/// The kill / transport-error callback type of a kind of transaction.
pub(crate) fn kind_type(kind: Kind) -> c_int {
    kind.index() as c_int
}

/// Sends `msg` for `tr` through the application's send function. Without an
/// instance, a send function or a message this is a failed send (-1), so
/// the state machine takes its transport-error path instead of crashing.
///
/// # Safety
/// `tr` is a valid transaction; `msg` and `host` are passed through.
pub(crate) unsafe fn send(
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    host: *mut c_char,
    port: c_int,
    sock: c_int,
) -> c_int {
    // A state the application stored without the message it implies (an
    // ICT in COMPLETED without `ack`): libosip2 hands the callback NULL,
    // which it is not written to expect; fail the send instead.
    if msg.is_null() {
        return -1;
    }
    // SAFETY: valid transaction.
    match unsafe { registered(tr, |o| (*o).cb_send_message) } {
        // SAFETY: the application's send function.
        Some(cb) => unsafe { cb(tr, msg, host, port, sock) },
        None => -1,
    }
}
