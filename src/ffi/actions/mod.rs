//! The actions of the four state machines, and what they share: reporting a
//! failed send, replacing the last response, sending from a server
//! transaction.
//!
//! Actions work on raw pointers only: the application's callbacks receive
//! the transaction and may read or change it while an action runs. Each
//! action reports the end of its transaction (the kill callback) last and
//! never touches the transaction afterwards, since the application usually
//! frees it there.

mod ict;
mod ist;
mod nict;
mod nist;

use crate::abi::{_state_t, osip_event_t, osip_transaction_t};
use crate::core::classify::is_message_event;
use crate::core::fsm::{self, Action};
use crate::core::kind::Kind;
use crate::ffi::callbacks::{self, kind_type};
use crate::ffi::via::response_target;
use crate::parser::util::top_via;
use crate::parser::{osip_message_free, osip_message_t};
use libc::c_int;
use std::ptr;

/// Runs `action` for `evt` on `tr`, if the transaction has the context the
/// action needs and a message event carries its message. Returns false (and
/// does nothing) otherwise; the caller then treats the event as useless.
///
/// # Safety
/// `tr` and `evt` are valid. After a true return `tr` may have been freed by
/// the application and must not be used.
pub(crate) unsafe fn run(
    tr: *mut osip_transaction_t,
    evt: *mut osip_event_t,
    action: Action,
) -> bool {
    // SAFETY: valid transaction and event.
    let runnable = unsafe {
        let t = &*tr;
        let has_context = match action.kind() {
            Kind::Ict => !t.ict_context.is_null(),
            Kind::Ist => !t.ist_context.is_null(),
            Kind::Nict => !t.nict_context.is_null(),
            Kind::Nist => !t.nist_context.is_null(),
        };
        has_context && !(is_message_event((*evt).type_) && (*evt).sip.is_null())
    };
    if !runnable {
        return false;
    }
    use Action::*;
    // The engine re-reads the transaction's state and timers after the
    // action, whichever way it was reached (osip_transaction_execute, the
    // exported action functions, fsm_callmethod).
    // SAFETY: valid transaction.
    let step = unsafe { crate::engine::step_begin(tr) };
    // SAFETY: the context of the action's kind exists; message events carry
    // a message, which the action now owns.
    unsafe {
        match action {
            IctSndInvite => ict::snd_invite(tr, evt),
            IctTimeoutA => ict::timeout_a(tr),
            IctTimeoutB => ict::timeout_b(tr, evt),
            IctRcv1xx => ict::rcv_1xx(tr, evt),
            IctRcv2xx => ict::rcv_2xx(tr, evt),
            IctRcv3456xx => ict::rcv_3456xx(tr, evt),
            IctRetransmitAck => ict::retransmit_ack(tr, evt),
            IctTimeoutD => ict::timeout_d(tr),
            IstRcvInvite => ist::rcv_invite(tr, evt),
            IstTimeoutG => ist::timeout_g(tr),
            IstTimeoutH => ist::timeout_h(tr),
            IstSnd1xx => ist::snd_1xx(tr, evt),
            IstSnd2xx => ist::snd_2xx(tr, evt),
            IstSnd3456xx => ist::snd_3456xx(tr, evt),
            IstRcvAck => ist::rcv_ack(tr, evt),
            IstTimeoutI => ist::timeout_i(tr),
            NictSndRequest => nict::snd_request(tr, evt),
            NictTimeoutE => nict::timeout_e(tr),
            NictTimeoutF => nict::timeout_f(tr, evt),
            NictTimeoutK => nict::timeout_k(tr),
            NictRcv1xx => nict::rcv_1xx(tr, evt),
            NictRcv23456xx => nict::rcv_23456xx(tr, evt),
            NistRcvRequest => nist::rcv_request(tr, evt),
            NistSnd1xx => nist::snd_1xx(tr, evt),
            NistSnd23456xx => nist::snd_23456xx(tr, evt),
            NistTimeoutJ => nist::timeout_j(tr),
        }
        // The transaction may be freed by now: `step_end` copes.
        crate::engine::step_end(step);
    }
    true
}

unsafe fn set_state(tr: *mut osip_transaction_t, state: _state_t) {
    // Atomic because the timer functions read it from other threads (H25).
    // SAFETY: valid transaction; `state` is an aligned int.
    unsafe {
        std::sync::atomic::AtomicI32::from_ptr(std::ptr::addr_of_mut!((*tr).state))
            .store(state as c_int, std::sync::atomic::Ordering::Relaxed)
    };
}

/// The end of a transaction: TERMINATED, then the kill callback. Last use of `tr`.
unsafe fn terminate(tr: *mut osip_transaction_t, kind: Kind) {
    // SAFETY: valid transaction, not used after the kill callback.
    unsafe {
        set_state(tr, fsm::terminated(kind));
        callbacks::kill(kind_type(kind), tr);
    }
}

/// A failed send: the transport-error callback (still in the old state),
/// then the end of the transaction. Last use of `tr`.
unsafe fn fail(tr: *mut osip_transaction_t, kind: Kind, code: c_int) {
    // SAFETY: valid transaction, not used after `terminate`.
    unsafe {
        callbacks::transport_error(kind_type(kind), tr, code);
        terminate(tr, kind);
    }
}

/// Timer B / F: no final response in time. Applications mark a transaction
/// whose connection never came up with out_socket -999 to get a transport
/// error instead of the timeout callback. Last use of `tr`.
unsafe fn no_answer(
    tr: *mut osip_transaction_t,
    evt: *mut osip_event_t,
    kind: Kind,
    timeout: c_int,
) {
    // SAFETY: valid transaction and event, `tr` not used after `terminate`.
    unsafe {
        if (*tr).out_socket == -999 {
            callbacks::transport_error(kind_type(kind), tr, -1);
        } else {
            callbacks::message(timeout, tr, (*evt).sip);
        }
        terminate(tr, kind);
    }
}

/// Puts `msg` in a message slot of a transaction, freeing the message it
/// held (unless the application handed the very same message in again).
unsafe fn store(slot: *mut *mut osip_message_t, msg: *mut osip_message_t) {
    // SAFETY: `slot` is a field of a valid transaction, which owns its message.
    unsafe {
        if *slot != msg {
            osip_message_free(*slot);
        }
        *slot = msg;
    }
}

/// Stores the event's response as the transaction's last one.
unsafe fn replace_last_response(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction; the event's message passes to it.
    unsafe { store(ptr::addr_of_mut!((*tr).last_response), (*evt).sip) };
}

/// The status code of a message (0 for NULL, as for a request).
unsafe fn status_of(msg: *const osip_message_t) -> c_int {
    if msg.is_null() {
        0
    } else {
        // SAFETY: valid message.
        unsafe { (*msg).status_code }
    }
}

/// Sends a request (or ACK) of a client transaction to its next hop.
unsafe fn send_to(
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    dest: *mut libc::c_char,
    port: c_int,
) -> c_int {
    // SAFETY: valid transaction.
    unsafe { callbacks::send(tr, msg, dest, port, (*tr).out_socket) }
}

/// Sends a response of a server transaction where its top Via says
/// (`maddr`, `received`, host; `rport`, port, 5060). A response without Via
/// is not sent and gives -5; a NULL one likewise.
///
/// # Safety
/// `tr` is a valid transaction; `msg` is NULL or a valid message.
pub(crate) unsafe fn send_response(tr: *mut osip_transaction_t, msg: *mut osip_message_t) -> c_int {
    // SAFETY: `top_via` accepts NULL.
    let via = unsafe { top_via(msg) };
    if via.is_null() {
        return crate::abi::codes::OSIP_SYNTAXERROR;
    }
    // SAFETY: `via` is the message's valid top Via.
    let (host, port) = unsafe { response_target(via) };
    // SAFETY: valid transaction.
    unsafe { callbacks::send(tr, msg, host, port, (*tr).out_socket) }
}

/// Server transactions: stores the event's response as the last one and
/// sends it. False when the send failed; the failure has then ended the
/// transaction and `tr` must not be used.
unsafe fn store_and_send(tr: *mut osip_transaction_t, evt: *mut osip_event_t, kind: Kind) -> bool {
    // SAFETY: valid transaction; the response passes to it.
    unsafe {
        replace_last_response(tr, evt);
        let r = send_response(tr, (*tr).last_response);
        if r != 0 {
            fail(tr, kind, r);
            return false;
        }
    }
    true
}

/// Server transactions: a retransmitted request is reported (with the
/// original request) and answered with the last response, if one was sent;
/// `resent` picks the callback for that response from its status.
unsafe fn answer_retransmission(
    tr: *mut osip_transaction_t,
    evt: *mut osip_event_t,
    kind: Kind,
    again: c_int,
    resent: fn(c_int) -> c_int,
) {
    // SAFETY: valid transaction; the retransmission is ours to free.
    unsafe {
        osip_message_free((*evt).sip);
        (*evt).sip = ptr::null_mut();
        callbacks::message(again, tr, (*tr).orig_request);
        let last = (*tr).last_response;
        if last.is_null() {
            return;
        }
        let r = send_response(tr, last);
        if r != 0 {
            return fail(tr, kind, r);
        }
        callbacks::message(resent(status_of(last)), tr, last);
    }
}
