//! Registration of the application's callbacks. The state machines report
//! through them in `crate::host::App`; `osip_core::callbacks` checks the
//! types. The `osip_t` of a transaction is its `config`; a transaction
//! without one reports to nobody.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_SUCCESS};
use crate::abi::{
    osip_kill_transaction_cb_t, osip_message_cb_t, osip_t, osip_transaction_t,
    osip_transport_error_cb_t,
};
use crate::core::callbacks::{slot, Family};
use crate::host::Lib;
use crate::parser::osip_message_t;
use libc::{c_char, c_int};
use osip_cabi::export;
use std::ptr::NonNull;

/// Stores a callback of `family` at index `ty` of `osip`: 0, or -2 for a
/// bad type (logged first, as libosip2 does) or a NULL `osip`.
fn register(
    osip: Option<NonNull<osip_t>>,
    family: Family,
    ty: c_int,
    store: impl FnOnce(*mut osip_t, usize),
) -> c_int {
    match (slot(&Lib, family, ty), osip) {
        (Some(i), Some(osip)) => {
            store(osip.as_ptr(), i);
            OSIP_SUCCESS
        }
        _ => OSIP_BADPARAMETER,
    }
}

/// Registers the message callback `type` (an `osip_message_callback_type_t`).
/// Returns 0, or -2 for a type outside 0..59 or a NULL `osip`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_message_callback(
    #[nullable(handle)] osip: *mut osip_t,
    type_: c_int,
    cb: osip_message_cb_t,
) -> c_int {
    register(osip, Family::Message, type_, |o, i| {
        // SAFETY: an instance from osip_init; `i` is within the array.
        unsafe { (*o).msg_callbacks[i] = cb }
    })
}

/// Registers the kill callback `type` (an `osip_kill_callback_type_t`).
/// Returns 0, or -2 for a type outside 0..3 or a NULL `osip`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_kill_transaction_callback(
    #[nullable(handle)] osip: *mut osip_t,
    type_: c_int,
    cb: osip_kill_transaction_cb_t,
) -> c_int {
    register(osip, Family::Kill, type_, |o, i| {
        // SAFETY: an instance from osip_init; `i` is within the array.
        unsafe { (*o).kill_callbacks[i] = cb }
    })
}

/// Registers the transport-error callback `type` (an
/// `osip_transport_error_callback_type_t`). Returns 0, or -2 for a type
/// outside 0..3 or a NULL `osip`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_transport_error_callback(
    #[nullable(handle)] osip: *mut osip_t,
    type_: c_int,
    cb: osip_transport_error_cb_t,
) -> c_int {
    register(osip, Family::TransportError, type_, |o, i| {
        // SAFETY: an instance from osip_init; `i` is within the array.
        unsafe { (*o).tp_error_callbacks[i] = cb }
    })
}

/// The function that sends messages: `cb(tr, msg, host, port, out_socket)`
/// returns 0 when sent, a negative value on error, a positive value while a
/// connection is still being established. NULL `osip` is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_cb_send_message(
    #[handle] osip: *mut osip_t,
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
    // SAFETY: an instance from osip_init; one field is written.
    unsafe { (*osip.as_ptr()).cb_send_message = cb };
}
