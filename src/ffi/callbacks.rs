//! The application's callbacks: registration, and the dispatchers every state
//! machine action reports through. The `osip_t` of a transaction is its
//! `config`; a transaction without one reports to nobody.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{
    osip_kill_transaction_cb_t, osip_message_cb_t, osip_t, osip_transaction_t,
    osip_transport_error_cb_t,
};
use crate::core::kind::Kind;
use crate::ffi::time::{osip_getsystemtime, osip_gettimeofday};
use crate::parser::{osip_message_t, OSIP_BUG, OSIP_ERROR};
use libc::{c_char, c_int};
use std::ptr;

/// The callback slot `ty` of an array, or None when `ty` is out of range
/// (negative types are rejected too, unlike libosip2, which indexed with them).
fn slot<T>(slots: &mut [T], ty: c_int) -> Option<&mut T> {
    usize::try_from(ty).ok().and_then(|i| slots.get_mut(i))
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
        if !(0..60).contains(&type_) {
            trace!(
                "osip.c",
                1690,
                OSIP_ERROR,
                "invalid callback type %d\n",
                type_
            );
            return OSIP_BADPARAMETER;
        }
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL instance from osip_init.
        let callbacks = unsafe { &mut (*osip).msg_callbacks };
        if let Some(s) = slot(callbacks, type_) {
            *s = cb;
        }
        0
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
        if !(0..4).contains(&type_) {
            trace!(
                "osip.c",
                1701,
                OSIP_ERROR,
                "invalid callback type %d\n",
                type_
            );
            return OSIP_BADPARAMETER;
        }
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL instance from osip_init.
        let callbacks = unsafe { &mut (*osip).kill_callbacks };
        if let Some(s) = slot(callbacks, type_) {
            *s = cb;
        }
        0
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
        if !(0..4).contains(&type_) {
            trace!(
                "osip.c",
                1711,
                OSIP_ERROR,
                "invalid callback type %d\n",
                type_
            );
            return OSIP_BADPARAMETER;
        }
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL instance from osip_init.
        let callbacks = unsafe { &mut (*osip).tp_error_callbacks };
        if let Some(s) = slot(callbacks, type_) {
            *s = cb;
        }
        0
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

/// The instance managing `tr`, or NULL.
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn instance(tr: *mut osip_transaction_t) -> *mut osip_t {
    // SAFETY: per the contract.
    unsafe { (*tr).config as *mut osip_t }
}

/// Reports message event `ty` of `tr` to the application.
///
/// # Safety
/// `tr` is NULL or a valid transaction; `msg` is whatever the callback gets.
pub(crate) unsafe fn message(ty: c_int, tr: *mut osip_transaction_t, msg: *mut osip_message_t) {
    if !(0..60).contains(&ty) {
        trace!("osip.c", 1647, OSIP_BUG, "invalid callback type %d\n", ty);
        return;
    }
    if tr.is_null() {
        return;
    }
    // SAFETY: valid transaction; its config is NULL or an osip_t.
    let osip = unsafe { instance(tr) };
    if osip.is_null() {
        return;
    }
    // SAFETY: `ty` is in range of the 60 message callbacks.
    let cb = unsafe { (*osip).msg_callbacks[ty as usize] };
    if let Some(cb) = cb {
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
    if !(0..4).contains(&ty) {
        trace!("osip.c", 1661, OSIP_BUG, "invalid callback type %d\n", ty);
        return;
    }
    if tr.is_null() {
        return;
    }
    // SAFETY: valid transaction; the time fields are plain values.
    unsafe {
        (*tr).completed_time = osip_getsystemtime(ptr::null_mut());
        osip_gettimeofday(ptr::addr_of_mut!((*tr).destroyed_time), ptr::null_mut());
    }
    // SAFETY: valid transaction.
    let osip = unsafe { instance(tr) };
    if osip.is_null() {
        return;
    }
    // SAFETY: `ty` is in range of the 4 kill callbacks.
    let cb = unsafe { (*osip).kill_callbacks[ty as usize] };
    if let Some(cb) = cb {
        // SAFETY: the application's callback.
        unsafe { cb(ty, tr) };
    }
}

/// Reports a transport error `code` of `tr` (kind `ty`) to the application.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn transport_error(ty: c_int, tr: *mut osip_transaction_t, code: c_int) {
    if !(0..4).contains(&ty) {
        trace!("osip.c", 1678, OSIP_BUG, "invalid callback type %d\n", ty);
        return;
    }
    if tr.is_null() {
        return;
    }
    // SAFETY: valid transaction.
    let osip = unsafe { instance(tr) };
    if osip.is_null() {
        return;
    }
    // SAFETY: `ty` is in range of the 4 transport-error callbacks.
    let cb = unsafe { (*osip).tp_error_callbacks[ty as usize] };
    if let Some(cb) = cb {
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
    // SAFETY: valid transaction.
    let osip = unsafe { instance(tr) };
    // A state the application stored without the message it implies (an
    // ICT in COMPLETED without `ack`): libosip2 hands the callback NULL,
    // which it is not written to expect; fail the send instead.
    if osip.is_null() || msg.is_null() {
        return -1;
    }
    // SAFETY: non-NULL instance.
    match unsafe { (*osip).cb_send_message } {
        // SAFETY: the application's send function.
        Some(cb) => unsafe { cb(tr, msg, host, port, sock) },
        None => -1,
    }
}
