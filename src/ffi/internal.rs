//! Symbols libosip2 5.3.0 exports without declaring them in its public
//! headers (contexts, dispatchers, event helpers, the state machine actions).
//! Some applications and tests call them; they are kept for ABI parity and
//! are not part of the generated headers.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{
    osip_event_t, osip_ict_t, osip_ist_t, osip_nict_t, osip_nist_t, osip_t, osip_transaction_t,
    state_t, type_t,
};
use crate::core::classify::Direction;
use crate::core::fsm::Action;
use crate::ffi::{ack, actions, callbacks, contexts, event};
use crate::parser::osip_message_t;
use libc::c_int;
use std::ptr;

/// Stores a context built by `build` in `*ctx`; on failure `*ctx` is NULL
/// (libosip2 left it dangling) and the error is returned.
unsafe fn init_context<T>(
    ctx: *mut *mut T,
    build: impl FnOnce() -> Result<*mut T, c_int>,
) -> c_int {
    if ctx.is_null() {
        return OSIP_BADPARAMETER;
    }
    let (p, r) = match build() {
        Ok(p) => (p, 0),
        Err(e) => (ptr::null_mut(), e),
    };
    // SAFETY: non-NULL out-pointer.
    unsafe { *ctx = p };
    r
}

/// Builds the ICT context of `invite` into `*ict`. `osip` is unused.
#[no_mangle]
pub unsafe extern "C" fn __osip_ict_init(
    ict: *mut *mut osip_ict_t,
    osip: *mut osip_t,
    invite: *mut osip_message_t,
) -> c_int {
    let _ = osip;
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: the parser checks the message for NULL.
        unsafe { init_context(ict, || contexts::new_ict(invite)) }
    })
}

/// Builds the IST context of `invite` into `*ist`. `osip` is unused.
#[no_mangle]
pub unsafe extern "C" fn __osip_ist_init(
    ist: *mut *mut osip_ist_t,
    osip: *mut osip_t,
    invite: *mut osip_message_t,
) -> c_int {
    let _ = osip;
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: the parser checks the message for NULL.
        unsafe { init_context(ist, || contexts::new_ist(invite)) }
    })
}

/// Builds the NICT context of `request` into `*nict`. `osip` is unused.
#[no_mangle]
pub unsafe extern "C" fn __osip_nict_init(
    nict: *mut *mut osip_nict_t,
    osip: *mut osip_t,
    request: *mut osip_message_t,
) -> c_int {
    let _ = osip;
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: the parser checks the message for NULL.
        unsafe { init_context(nict, || contexts::new_nict(request)) }
    })
}

/// Builds the NIST context of `request` into `*nist`. `osip` is unused.
#[no_mangle]
pub unsafe extern "C" fn __osip_nist_init(
    nist: *mut *mut osip_nist_t,
    osip: *mut osip_t,
    request: *mut osip_message_t,
) -> c_int {
    let _ = osip;
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: the parser checks the message for NULL.
        unsafe { init_context(nist, || contexts::new_nist(request)) }
    })
}

/// Frees an ICT context; 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn __osip_ict_free(ict: *mut osip_ict_t) -> c_int {
    // SAFETY: NULL or a context from __osip_ict_init.
    ffi_guard!(0, {
        unsafe { contexts::free_ict(ict) };
        0
    })
}

/// Frees an IST context; 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn __osip_ist_free(ist: *mut osip_ist_t) -> c_int {
    // SAFETY: NULL or a context from __osip_ist_init.
    ffi_guard!(0, {
        unsafe { contexts::free_ist(ist) };
        0
    })
}

/// Frees a NICT context; 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn __osip_nict_free(nict: *mut osip_nict_t) -> c_int {
    // SAFETY: NULL or a context from __osip_nict_init.
    ffi_guard!(0, {
        unsafe { contexts::free_nict(nict) };
        0
    })
}

/// Frees a NIST context; 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn __osip_nist_free(nist: *mut osip_nist_t) -> c_int {
    // SAFETY: NULL or a context from __osip_nist_init.
    ffi_guard!(0, {
        unsafe { contexts::free_nist(nist) };
        0
    })
}

/// Sets a transaction's state; 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_set_state(
    transaction: *mut osip_transaction_t,
    state: state_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if transaction.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid transaction.
        unsafe { (*transaction).state = state };
        0
    })
}

/// Sends a response of a server transaction where its top Via says; the send
/// callback's result, -5 for a response without Via, -2 for NULL `tr`.
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_snd_xxx(
    transaction: *mut osip_transaction_t,
    msg: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if transaction.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid transaction; the message is NULL or valid.
        unsafe { actions::send_response(transaction, msg) }
    })
}

/// Calls message callback `type` of the transaction's instance.
#[no_mangle]
pub unsafe extern "C" fn __osip_message_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
) {
    // SAFETY: the dispatcher checks the type and the transaction.
    ffi_guard!((), { unsafe { callbacks::message(type_, tr, msg) } })
}

/// Stamps the transaction's end times and calls kill callback `type`.
#[no_mangle]
pub unsafe extern "C" fn __osip_kill_transaction_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
) {
    // SAFETY: the dispatcher checks the type and the transaction.
    ffi_guard!((), { unsafe { callbacks::kill(type_, tr) } })
}

/// Calls transport-error callback `type` with `error`.
#[no_mangle]
pub unsafe extern "C" fn __osip_transport_error_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
    error: c_int,
) {
    // SAFETY: the dispatcher checks the type and the transaction.
    ffi_guard!((), {
        unsafe { callbacks::transport_error(type_, tr, error) }
    })
}

/// A new message-less event; NULL when out of memory.
#[no_mangle]
pub unsafe extern "C" fn __osip_event_new(type_: c_int, transactionid: c_int) -> *mut osip_event_t {
    // SAFETY: plain allocation.
    ffi_guard!(ptr::null_mut(), {
        unsafe { event::new_event(type_, transactionid) }
    })
}

/// The incoming event type of a message (a request without method counts as
/// RCV_REQUEST; NULL is UNKNOWN_EVT).
#[no_mangle]
pub unsafe extern "C" fn evt_set_type_incoming_sipmessage(sip: *mut osip_message_t) -> c_int {
    ffi_guard!(type_t::UNKNOWN_EVT as c_int, {
        // SAFETY: NULL or a valid message.
        unsafe { event::classify(sip, Direction::Incoming) }
    })
}

/// The outgoing event type of a message (a request without method counts as
/// SND_REQUEST; NULL is UNKNOWN_EVT).
#[no_mangle]
pub unsafe extern "C" fn evt_set_type_outgoing_sipmessage(sip: *mut osip_message_t) -> c_int {
    ffi_guard!(type_t::UNKNOWN_EVT as c_int, {
        // SAFETY: NULL or a valid message.
        unsafe { event::classify(sip, Direction::Outgoing) }
    })
}

/// The ACK of the transaction's INVITE for a non-2xx `response`, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ict_create_ack(
    ict: *mut osip_transaction_t,
    response: *mut osip_message_t,
) -> *mut osip_message_t {
    ffi_guard!(ptr::null_mut(), {
        if ict.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: valid transaction; the response is NULL or valid.
        unsafe { ack::create(ict, response) }
    })
}

/// Exports each state machine action under its libosip2 name. Called
/// directly, an action runs whatever the state (as in C) but does nothing
/// for NULL arguments, a transaction without the needed context or a
/// message event without message.
macro_rules! action_exports {
    ($($name:ident => $action:ident,)*) => {$(
        #[doc = concat!("The `", stringify!($name), "` state machine action.")]
        #[no_mangle]
        pub unsafe extern "C" fn $name(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
            ffi_guard!((), {
                if !tr.is_null() && !evt.is_null() {
                    // SAFETY: both are non-NULL; `run` checks the rest.
                    unsafe { actions::run(tr, evt, Action::$action) };
                }
            })
        }
    )*};
}

action_exports! {
    ict_snd_invite => IctSndInvite,
    osip_ict_timeout_a_event => IctTimeoutA,
    osip_ict_timeout_b_event => IctTimeoutB,
    ict_rcv_1xx => IctRcv1xx,
    ict_rcv_2xx => IctRcv2xx,
    ict_rcv_3456xx => IctRcv3456xx,
    ict_retransmit_ack => IctRetransmitAck,
    osip_ict_timeout_d_event => IctTimeoutD,
    ist_rcv_invite => IstRcvInvite,
    osip_ist_timeout_g_event => IstTimeoutG,
    osip_ist_timeout_h_event => IstTimeoutH,
    ist_snd_1xx => IstSnd1xx,
    ist_snd_2xx => IstSnd2xx,
    ist_snd_3456xx => IstSnd3456xx,
    ist_rcv_ack => IstRcvAck,
    osip_ist_timeout_i_event => IstTimeoutI,
    nict_snd_request => NictSndRequest,
    osip_nict_timeout_e_event => NictTimeoutE,
    osip_nict_timeout_f_event => NictTimeoutF,
    osip_nict_timeout_k_event => NictTimeoutK,
    nict_rcv_1xx => NictRcv1xx,
    nict_rcv_23456xx => NictRcv23456xx,
    nist_rcv_request => NistRcvRequest,
    nist_snd_1xx => NistSnd1xx,
    nist_snd_23456xx => NistSnd23456xx,
    osip_nist_timeout_j_event => NistTimeoutJ,
}
