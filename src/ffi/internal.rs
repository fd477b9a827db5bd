//! Symbols libosip2 5.3.0 exports without declaring them in its public
//! headers (contexts and their timer checks, dispatchers, event helpers, the
//! state machine actions and tables).
//! Some applications and tests call them; they are kept for ABI parity and
//! are not part of the generated headers.

use crate::abi::{
    _state_t, osip_event_t, osip_ict_t, osip_ist_t, osip_nict_t, osip_nist_t, osip_t,
    osip_transaction_t, state_t, type_t,
};
use crate::core::actions::{self, Event, Left};
use crate::core::classify::Direction;
use crate::core::fsm::{self, Action};
use crate::core::host::{Host, Msg, Tr};
use crate::core::{ack, callbacks, context, event, response};
use crate::ffi::event::new_event;
use crate::ffi::time::now;
use crate::host::{App, Lib, Mono};
use crate::parser::osip_message_t;
use libc::{c_int, c_void, timeval};
use osip_cabi::export;
use osip_cmem::Owned;
use std::ptr::{self, NonNull};

/// Exports the constructor and destructor of one kind of context:
/// `init(&ctx, osip, request)` builds it into `*ctx` (`osip` is unused; on
/// failure `*ctx` is NULL, where libosip2 left it dangling), `free(ctx)`
/// frees it and returns 0, also for NULL.
macro_rules! context_exports {
    ($($init:ident, $free:ident: $ctx:ident = $new:expr, $release:path;)*) => {$(
        #[doc = concat!("Builds a `", stringify!($ctx), "` for `request` into `*ctx`.")]
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $init(
            #[nonnull] ctx: *mut *mut $ctx,
            _osip: *mut osip_t,
            #[nullable] request: *mut osip_message_t,
        ) -> c_int {
            let (made, r) = match ($new)(request.as_deref()) {
                Ok(c) => (Owned::into_raw(c), 0),
                Err(e) => (ptr::null_mut(), e),
            };
            *ctx = made;
            r
        }

        #[doc = concat!("Frees a `", stringify!($ctx), "`; 0 (also for NULL).")]
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $free(ctx: *mut $ctx) -> c_int {
            // SAFETY: NULL or a context from the matching init, handed back.
            if let Some(c) = unsafe { Owned::from_raw(ctx) } {
                $release(&Lib, c);
            }
            0
        }
    )*};
}

context_exports! {
    __osip_ict_init, __osip_ict_free: osip_ict_t =
        |r| context::new_ict(&Lib, &Mono, r), context::free_ict;
    __osip_ist_init, __osip_ist_free: osip_ist_t =
        |r| context::new_ist(&Lib, r), context::free_ist;
    __osip_nict_init, __osip_nict_free: osip_nict_t =
        |r| context::new_nict(&Lib, &Mono, r), context::free_nict;
    __osip_nist_init, __osip_nist_free: osip_nist_t =
        |r| context::new_nist(&Lib, r), context::free_nist;
}

/// Sets a transaction's state; 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_set_state(
    #[nonnull] transaction: *mut osip_transaction_t,
    state: state_t,
) -> c_int {
    transaction.store_state(state);
    0
}

/// Sends a response of a server transaction where its top Via says; the send
/// callback's result, -5 for a response without Via, -2 for NULL `tr`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_snd_xxx(
    #[handle] transaction: *mut osip_transaction_t,
    msg: *mut osip_message_t,
) -> c_int {
    // SAFETY: NULL or a valid message; the view ends before the send
    // callback, which gets the message too.
    let view = unsafe { msg.as_ref() };
    let target = view
        .and_then(|m| response::destination(&Lib, m))
        .map(|(host, port)| (Host::of(host), port));
    // SAFETY: the caller's valid transaction.
    let mut app = unsafe { App::new(transaction.as_ptr()) };
    let t = Tr(transaction.as_ptr() as usize);
    actions::send_response(&mut app.env(), t, Msg(msg as usize), target)
}

/// Calls message callback `type` of the transaction's instance.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_message_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
) {
    // SAFETY: NULL or the caller's valid transaction.
    let mut app = unsafe { App::new(tr) };
    let t = app.handle();
    callbacks::message(&mut app.env(), type_, t, Msg(msg as usize));
}

/// Stamps the transaction's end times and calls kill callback `type`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_kill_transaction_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
) {
    // SAFETY: NULL or the caller's valid transaction.
    let mut app = unsafe { App::new(tr) };
    let t = app.handle();
    callbacks::kill(&mut app.env(), type_, t);
}

/// Calls transport-error callback `type` with `error`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transport_error_callback(
    type_: c_int,
    tr: *mut osip_transaction_t,
    error: c_int,
) {
    // SAFETY: NULL or the caller's valid transaction.
    let mut app = unsafe { App::new(tr) };
    let t = app.handle();
    callbacks::transport_error(&mut app.env(), type_, t, error);
}

/// A new message-less event; NULL when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_event_new(type_: c_int, transactionid: c_int) -> *mut osip_event_t {
    new_event(type_, transactionid)
}

/// The incoming event type of a message (a request without method counts as
/// RCV_REQUEST; NULL is UNKNOWN_EVT).
#[export]
#[no_mangle]
pub unsafe extern "C" fn evt_set_type_incoming_sipmessage(
    #[nullable] sip: *mut osip_message_t,
) -> c_int {
    event::classify(sip.as_deref(), Direction::Incoming)
}

/// The outgoing event type of a message (a request without method counts as
/// SND_REQUEST; NULL is UNKNOWN_EVT).
#[export]
#[no_mangle]
pub unsafe extern "C" fn evt_set_type_outgoing_sipmessage(
    #[nullable] sip: *mut osip_message_t,
) -> c_int {
    event::classify(sip.as_deref(), Direction::Outgoing)
}

/// The ACK of the transaction's INVITE for a non-2xx `response`, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn ict_create_ack(
    #[nonnull] ict: *mut osip_transaction_t,
    #[nullable] response: *mut osip_message_t,
) -> *mut osip_message_t {
    ack::create(&Lib, ict.orig_request(), response.as_deref())
        .map_or(ptr::null_mut(), Owned::into_raw)
}

/// Runs an action called by its exported name (or through
/// `fsm_callmethod`): whatever the state, as in C, but nothing for a
/// transaction without the needed context or a message event without
/// message. The event stays the caller's; its message passes to the
/// transaction as in libosip2 (`sip` then still points at it), or is freed
/// and cleared.
///
/// # Safety
/// `tr` is a valid transaction no reference points to, `evt` a valid event.
unsafe fn run(tr: NonNull<osip_transaction_t>, evt: NonNull<osip_event_t>, action: Action) {
    let e = evt.as_ptr();
    let (ty, sip) = {
        // SAFETY: the caller's event, read once; the view ends here.
        let ev = unsafe { &*e };
        (ev.type_, ev.sip)
    };
    // SAFETY: the event's message, handed to the action as the event's.
    let msg = unsafe { Owned::from_raw(sip) };
    // SAFETY: a valid transaction no reference points to (this function's
    // contract).
    let mut app = unsafe { App::new(tr.as_ptr()) };
    let t = Tr(tr.as_ptr() as usize);
    let keep = |m: Option<Owned<osip_message_t>>| m.map(Owned::into_raw);
    match actions::run(&mut app.env(), t, Event { ty, msg }, action) {
        Err(ev) => drop(keep(ev.msg)),
        Ok(Left::Lent(m)) => drop(keep(m)),
        Ok(Left::Kept) => {}
        // SAFETY: the caller's event; its message is gone.
        Ok(Left::Freed) => unsafe { (*e).sip = ptr::null_mut() },
    }
}

/// Exports each state machine action under its libosip2 name (see `run`);
/// NULL arguments do nothing.
macro_rules! action_exports {
    ($($name:ident => $action:ident,)*) => {$(
        #[doc = concat!("The `", stringify!($name), "` state machine action.")]
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            #[handle] tr: *mut osip_transaction_t,
            #[handle] evt: *mut osip_event_t,
        ) {
            // SAFETY: the caller's transaction and event.
            unsafe { run(tr, evt, Action::$action) };
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
#[export(refuse = -1)]
#[no_mangle]
pub unsafe extern "C" fn fsm_callmethod(
    type_: c_int,
    state: state_t,
    #[handle] statemachine: *mut osip_statemachine_t,
    sipevent: *mut c_void,
    transaction: *mut c_void,
) -> c_int {
    // SAFETY: a state machine as libosip2 lays it out (ours, or the
    // application's).
    let mut row = unsafe { (*statemachine.as_ptr()).transitions };
    // SAFETY: each row of the chain is NULL or valid; it is read before
    // the action runs, which may be the application's code.
    while let Some(t) = unsafe { row.as_ref() } {
        let (found, method, next) = (t.type_ == type_ && t.state == state, t.method, t.next);
        if found {
            if let Some(method) = method {
                // SAFETY: the row's action, called as libosip2 calls it.
                unsafe { method(transaction, sipevent) };
            }
            return 0;
        }
        row = next;
    }
    -1
}

/// A timeout event of `type` for transaction `transactionid` when `timer`
/// is armed and due (equal counts) and `cond_state` holds; else NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_transaction_need_timer_x_event(
    #[handle] xixt: *mut c_void,
    #[nonnull] timer: *mut timeval,
    cond_state: c_int,
    transactionid: c_int,
    timer_val: c_int,
) -> *mut osip_event_t {
    // Only checked for NULL, as libosip2 does.
    let _ = xixt;
    context::timeout_event(now(), timer, cond_state != 0, timer_val, transactionid)
        .map_or(ptr::null_mut(), Owned::into_raw)
}

/// Exports `__osip_X_need_timer_Y_event(ctx, state, tid)`: the timeout
/// event of one context timer when it is due in its state.
macro_rules! need_timer_exports {
    ($($name:ident($ctx:ident, $field:ident, $event:ident, $($state:ident)|+);)*) => {$(
        #[doc = concat!("The ", stringify!($event), " event when `", stringify!($field), "` is due in its state; else NULL.")]
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            #[nonnull] ctx: *mut $ctx,
            state: state_t,
            transactionid: c_int,
        ) -> *mut osip_event_t {
            let in_state = $(state == _state_t::$state as c_int)||+;
            let ty = type_t::$event as c_int;
            context::timeout_event(now(), &ctx.$field, in_state, ty, transactionid)
                .map_or(ptr::null_mut(), Owned::into_raw)
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
