//! Symbols libosip2 5.3.0 exports without declaring them in its public
//! headers (contexts and their timer checks, dispatchers, event helpers, the
//! state machine actions and tables).
//! Some applications and tests call them; they are kept for ABI parity and
//! are not part of the generated headers.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{
    _state_t, osip_event_t, osip_ict_t, osip_ist_t, osip_nict_t, osip_nist_t, osip_t,
    osip_transaction_t, state_t, type_t,
};
use crate::core::classify::Direction;
use crate::core::fsm::{self, Action};
use crate::ffi::{ack, actions, callbacks, contexts, event};
use crate::parser::osip_message_t;
use libc::{c_int, c_void, timeval};
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

/// Exports the constructor and destructor of one kind of context:
/// `init(&ctx, osip, request)` builds it into `*ctx` (`osip` is unused),
/// `free(ctx)` frees it and returns 0, also for NULL.
macro_rules! context_exports {
    ($($init:ident, $free:ident: $ctx:ty = $new:path, $release:path;)*) => {$(
        #[doc = concat!("Builds a `", stringify!($ctx), "` for `request` into `*ctx`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $init(
            ctx: *mut *mut $ctx,
            _osip: *mut osip_t,
            request: *mut osip_message_t,
        ) -> c_int {
            ffi_guard!(OSIP_BADPARAMETER, {
                // SAFETY: the parser checks the message for NULL.
                unsafe { init_context(ctx, || $new(request)) }
            })
        }

        #[doc = concat!("Frees a `", stringify!($ctx), "`; 0 (also for NULL).")]
        #[no_mangle]
        pub unsafe extern "C" fn $free(ctx: *mut $ctx) -> c_int {
            ffi_guard!(0, {
                // SAFETY: NULL or a context from the matching init.
                unsafe { $release(ctx) };
                0
            })
        }
    )*};
}

context_exports! {
    __osip_ict_init, __osip_ict_free: osip_ict_t = contexts::new_ict, contexts::free_ict;
    __osip_ist_init, __osip_ist_free: osip_ist_t = contexts::new_ist, contexts::free_ist;
    __osip_nict_init, __osip_nict_free: osip_nict_t = contexts::new_nict, contexts::free_nict;
    __osip_nist_init, __osip_nist_free: osip_nist_t = contexts::new_nist, contexts::free_nist;
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
    ffi_guard!((), {
        // SAFETY: the dispatcher checks the type and the transaction.
        unsafe { callbacks::message(type_, tr, msg) }
    })
}

/// Stamps the transaction's end times and calls kill callback `type`.
#[no_mangle]
pub unsafe extern "C" fn __osip_kill_transaction_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
) {
    ffi_guard!((), {
        // SAFETY: the dispatcher checks the type and the transaction.
        unsafe { callbacks::kill(type_, tr) }
    })
}

/// Calls transport-error callback `type` with `error`.
#[no_mangle]
pub unsafe extern "C" fn __osip_transport_error_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
    error: c_int,
) {
    ffi_guard!((), {
        // SAFETY: the dispatcher checks the type and the transaction.
        unsafe { callbacks::transport_error(type_, tr, error) }
    })
}

/// A new message-less event; NULL when out of memory.
#[no_mangle]
pub unsafe extern "C" fn __osip_event_new(type_: c_int, transactionid: c_int) -> *mut osip_event_t {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: plain allocation.
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

/// One row of libosip2's exported transition tables (`transition_t`).
#[repr(C)]
pub struct transition_t {
    pub state: state_t,
    pub type_: c_int,
    pub method: Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>,
    pub next: *mut transition_t,
    /// Always NULL.
    pub parent: *mut transition_t,
}

/// A state machine: the head of a chain of transitions (`osip_statemachine_t`).
#[repr(C)]
pub struct osip_statemachine_t {
    pub transitions: *mut transition_t,
}

/// The exported function of an action, typed as the tables store it.
const fn method_of(action: Action) -> unsafe extern "C" fn(*mut c_void, *mut c_void) {
    type Typed = unsafe extern "C" fn(*mut osip_transaction_t, *mut osip_event_t);
    use Action::*;
    let f: Typed = match action {
        IctSndInvite => ict_snd_invite,
        IctTimeoutA => osip_ict_timeout_a_event,
        IctTimeoutB => osip_ict_timeout_b_event,
        IctRcv1xx => ict_rcv_1xx,
        IctRcv2xx => ict_rcv_2xx,
        IctRcv3456xx => ict_rcv_3456xx,
        IctRetransmitAck => ict_retransmit_ack,
        IctTimeoutD => osip_ict_timeout_d_event,
        IstRcvInvite => ist_rcv_invite,
        IstTimeoutG => osip_ist_timeout_g_event,
        IstTimeoutH => osip_ist_timeout_h_event,
        IstSnd1xx => ist_snd_1xx,
        IstSnd2xx => ist_snd_2xx,
        IstSnd3456xx => ist_snd_3456xx,
        IstRcvAck => ist_rcv_ack,
        IstTimeoutI => osip_ist_timeout_i_event,
        NictSndRequest => nict_snd_request,
        NictTimeoutE => osip_nict_timeout_e_event,
        NictTimeoutF => osip_nict_timeout_f_event,
        NictTimeoutK => osip_nict_timeout_k_event,
        NictRcv1xx => nict_rcv_1xx,
        NictRcv23456xx => nict_rcv_23456xx,
        NistRcvRequest => nist_rcv_request,
        NistSnd1xx => nist_snd_1xx,
        NistSnd23456xx => nist_snd_23456xx,
        NistTimeoutJ => osip_nist_timeout_j_event,
    };
    // SAFETY: both are C functions of two pointer arguments; C calls them
    // with the transaction and the event, as `fsm_callmethod` does.
    unsafe { std::mem::transmute::<Typed, unsafe extern "C" fn(*mut c_void, *mut c_void)>(f) }
}

/// A core table as the C chain stored at `base`: rows linked in order.
const fn chain<const N: usize>(
    rows: [fsm::Transition; N],
    base: *mut transition_t,
) -> [transition_t; N] {
    let mut out: [transition_t; N] = [const {
        transition_t {
            state: 0,
            type_: 0,
            method: None,
            next: ptr::null_mut(),
            parent: ptr::null_mut(),
        }
    }; N];
    let mut i = 0;
    while i < N {
        out[i].state = rows[i].state as c_int;
        out[i].type_ = rows[i].event as c_int;
        out[i].method = Some(method_of(rows[i].action));
        if i + 1 < N {
            // SAFETY: `base` points to an array of N rows; i + 1 < N.
            out[i].next = unsafe { base.add(i + 1) };
        }
        i += 1;
    }
    out
}

// libosip2 exports its tables as data; these are copies of the core tables
// (the state machines themselves run from `core::fsm`).
/// The ICT transition table, rows chained through `next`.
#[no_mangle]
pub static mut ict_transition: [transition_t; 11] = chain(
    fsm::ICT,
    ptr::addr_of_mut!(ict_transition) as *mut transition_t,
);
/// The IST transition table, rows chained through `next`.
#[no_mangle]
pub static mut ist_transition: [transition_t; 11] = chain(
    fsm::IST,
    ptr::addr_of_mut!(ist_transition) as *mut transition_t,
);
/// The NICT transition table, rows chained through `next`.
#[no_mangle]
pub static mut nict_transition: [transition_t; 12] = chain(
    fsm::NICT,
    ptr::addr_of_mut!(nict_transition) as *mut transition_t,
);
/// The NIST transition table, rows chained through `next`.
#[no_mangle]
pub static mut nist_transition: [transition_t; 10] = chain(
    fsm::NIST,
    ptr::addr_of_mut!(nist_transition) as *mut transition_t,
);
/// The ICT state machine (its first transition).
#[no_mangle]
pub static mut ict_fsm: osip_statemachine_t = osip_statemachine_t {
    transitions: ptr::addr_of_mut!(ict_transition) as *mut transition_t,
};
/// The IST state machine (its first transition).
#[no_mangle]
pub static mut ist_fsm: osip_statemachine_t = osip_statemachine_t {
    transitions: ptr::addr_of_mut!(ist_transition) as *mut transition_t,
};
/// The NICT state machine (its first transition).
#[no_mangle]
pub static mut nict_fsm: osip_statemachine_t = osip_statemachine_t {
    transitions: ptr::addr_of_mut!(nict_transition) as *mut transition_t,
};
/// The NIST state machine (its first transition).
#[no_mangle]
pub static mut nist_fsm: osip_statemachine_t = osip_statemachine_t {
    transitions: ptr::addr_of_mut!(nist_transition) as *mut transition_t,
};

/// Runs the first transition of `statemachine` for (`type`, `state`) with
/// `(transaction, sipevent)`: 0, or -1 when there is none (or for NULL).
#[no_mangle]
pub unsafe extern "C" fn fsm_callmethod(
    type_: c_int,
    state: state_t,
    statemachine: *mut osip_statemachine_t,
    sipevent: *mut c_void,
    transaction: *mut c_void,
) -> c_int {
    ffi_guard!(-1, {
        if statemachine.is_null() {
            return -1;
        }
        // SAFETY: a chain of transitions as libosip2 lays them out.
        let mut t = unsafe { (*statemachine).transitions };
        while !t.is_null() {
            // SAFETY: non-NULL row of the chain.
            let row = unsafe { &*t };
            if row.type_ == type_ && row.state == state {
                if let Some(method) = row.method {
                    // SAFETY: the row's action, called as libosip2 does.
                    unsafe { method(transaction, sipevent) };
                }
                return 0;
            }
            t = row.next;
        }
        -1
    })
}

/// A timeout event of `type` for transaction `transactionid` when `timer`
/// is armed and due (equal counts) and `cond_state` holds; else NULL.
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_need_timer_x_event(
    xixt: *mut c_void,
    timer: *mut timeval,
    cond_state: c_int,
    transactionid: c_int,
    timer_val: c_int,
) -> *mut osip_event_t {
    ffi_guard!(ptr::null_mut(), {
        let now = crate::ffi::time::now();
        if xixt.is_null() || timer.is_null() || cond_state == 0 {
            return ptr::null_mut();
        }
        // SAFETY: a timer field of a live context.
        let start = crate::ffi::time::to_tv(unsafe { &*timer });
        if !start.is_armed() || !start.is_due(now) {
            return ptr::null_mut();
        }
        // SAFETY: plain allocation.
        unsafe { event::new_event(timer_val, transactionid) }
    })
}

/// Exports `__osip_X_need_timer_Y_event(ctx, state, tid)`: the timeout
/// event of one context timer when it is due in its state.
macro_rules! need_timer_exports {
    ($($name:ident($ctx:ty, $field:ident, $event:ident, $($state:ident)|+);)*) => {$(
        #[doc = concat!("The ", stringify!($event), " event when `", stringify!($field), "` is due in its state; else NULL.")]
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            ctx: *mut $ctx,
            state: state_t,
            transactionid: c_int,
        ) -> *mut osip_event_t {
            ffi_guard!(ptr::null_mut(), {
                if ctx.is_null() {
                    return ptr::null_mut();
                }
                let due_state = $(state == _state_t::$state as c_int)||+;
                // SAFETY: the field of a live context.
                unsafe {
                    __osip_transaction_need_timer_x_event(
                        ctx as *mut c_void,
                        ptr::addr_of_mut!((*ctx).$field),
                        due_state as c_int,
                        transactionid,
                        type_t::$event as c_int,
                    )
                }
            })
        }
    )*};
}

need_timer_exports! {
    __osip_ict_need_timer_a_event(osip_ict_t, timer_a_start, TIMEOUT_A, ICT_CALLING);
    __osip_ict_need_timer_b_event(osip_ict_t, timer_b_start, TIMEOUT_B, ICT_CALLING);
    __osip_ict_need_timer_d_event(osip_ict_t, timer_d_start, TIMEOUT_D, ICT_COMPLETED);
    __osip_ist_need_timer_g_event(osip_ist_t, timer_g_start, TIMEOUT_G, IST_COMPLETED);
    __osip_ist_need_timer_h_event(osip_ist_t, timer_h_start, TIMEOUT_H, IST_COMPLETED);
    __osip_ist_need_timer_i_event(osip_ist_t, timer_i_start, TIMEOUT_I, IST_CONFIRMED);
    __osip_nict_need_timer_e_event(osip_nict_t, timer_e_start, TIMEOUT_E, NICT_TRYING | NICT_PROCEEDING);
    __osip_nict_need_timer_f_event(osip_nict_t, timer_f_start, TIMEOUT_F, NICT_TRYING | NICT_PROCEEDING);
    __osip_nict_need_timer_k_event(osip_nict_t, timer_k_start, TIMEOUT_K, NICT_COMPLETED);
    __osip_nist_need_timer_j_event(osip_nist_t, timer_j_start, TIMEOUT_J, NIST_COMPLETED);
}
