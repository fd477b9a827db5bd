//! INVITE client transaction (RFC 3261 section 17.1.1, figure 5).

use super::{fail, no_answer, replace_last_response, send_to, set_state, status_of, terminate};
use crate::abi::_state_t::{ICT_CALLING, ICT_COMPLETED, ICT_PROCEEDING};
use crate::abi::osip_message_callback_type::*;
use crate::abi::{osip_event_t, osip_ict_t, osip_transaction_t};
use crate::core::classify::{ict_final_received, timer_a_next};
use crate::core::kind::Kind;
use crate::ffi::ack;
use crate::ffi::callbacks::message;
use crate::ffi::contexts::{
    disable_timer, next_hop, set_ict_destination, start_timer, transport, Transport,
};
use crate::parser::{osip_message_free, osip_message_t};
use libc::c_int;
use std::ptr;

unsafe fn ctx(tr: *mut osip_transaction_t) -> *mut osip_ict_t {
    // SAFETY: valid transaction (the caller checked the context exists).
    unsafe { (*tr).ict_context }
}

/// Sends `msg` (the INVITE or the ACK) to the context's next hop.
unsafe fn send(tr: *mut osip_transaction_t, msg: *mut osip_message_t) -> c_int {
    // SAFETY: valid transaction with an ICT context.
    unsafe {
        let ict = ctx(tr);
        send_to(tr, msg, (*ict).destination, (*ict).port)
    }
}

/// Sends the INVITE (again): Ok(true) once sent, Ok(false) while the
/// connection is still being established, else the transport error to
/// report.
unsafe fn send_invite(tr: *mut osip_transaction_t) -> Result<bool, c_int> {
    // SAFETY: valid transaction with an ICT context.
    let r = unsafe { send(tr, (*tr).orig_request) };
    match r {
        ..=-1 => Err(r),
        0 => {
            // SAFETY: as above.
            unsafe { after_sent(tr) }?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// After a completed send over a reliable transport the INVITE needs no
/// retransmission: timer A stops. A Via that cannot be read is a transport
/// error with the lookup's code (0 for a missing protocol).
unsafe fn after_sent(tr: *mut osip_transaction_t) -> Result<(), c_int> {
    // SAFETY: valid transaction with an ICT context.
    unsafe {
        match transport((*tr).orig_request) {
            Transport::NoVia(e) => Err(e),
            Transport::NoProtocol => Err(0),
            Transport::Known { reliable } => {
                if reliable {
                    let ict = ctx(tr);
                    disable_timer(&mut (*ict).timer_a_length, &mut (*ict).timer_a_start);
                }
                Ok(())
            }
        }
    }
}

/// PRE_CALLING + SND_REQINVITE. While connecting, timer A keeps running to
/// poll the connection.
pub(super) unsafe fn snd_invite(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an ICT context; the INVITE passes to it.
    unsafe {
        super::store(ptr::addr_of_mut!((*tr).orig_request), (*evt).sip);
        if let Err(e) = send_invite(tr) {
            return fail(tr, Kind::Ict, e);
        }
        message(OSIP_ICT_INVITE_SENT as c_int, tr, (*tr).orig_request);
        set_state(tr, ICT_CALLING);
    }
}

/// CALLING + TIMEOUT_A: retransmit, doubling the interval without bound.
pub(super) unsafe fn timeout_a(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with an ICT context.
    unsafe {
        let ict = ctx(tr);
        (*ict).timer_a_length = timer_a_next((*ict).timer_a_length);
        start_timer(&mut (*ict).timer_a_start, (*ict).timer_a_length);
        match send_invite(tr) {
            Err(e) => fail(tr, Kind::Ict, e),
            Ok(true) => message(OSIP_ICT_INVITE_SENT_AGAIN as c_int, tr, (*tr).orig_request),
            Ok(false) => {}
        }
    }
}

/// CALLING + TIMEOUT_B: no answer at all.
pub(super) unsafe fn timeout_b(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an ICT context, not used after the end.
    unsafe {
        let ict = ctx(tr);
        disable_timer(&mut (*ict).timer_b_length, &mut (*ict).timer_b_start);
        no_answer(tr, evt, Kind::Ict, OSIP_ICT_STATUS_TIMEOUT as c_int);
    }
}

/// CALLING|PROCEEDING + RCV_STATUS_1XX.
pub(super) unsafe fn rcv_1xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction; the response passes to it.
    unsafe {
        replace_last_response(tr, evt);
        message(OSIP_ICT_STATUS_1XX_RECEIVED as c_int, tr, (*evt).sip);
        set_state(tr, ICT_PROCEEDING);
    }
}

/// CALLING|PROCEEDING + RCV_STATUS_2XX: the transaction ends; the 2xx is
/// acknowledged by the application (the ACK belongs to the dialog).
pub(super) unsafe fn rcv_2xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction; the response passes to it.
    unsafe {
        replace_last_response(tr, evt);
        message(OSIP_ICT_STATUS_2XX_RECEIVED as c_int, tr, (*evt).sip);
        terminate(tr, Kind::Ict);
    }
}

/// CALLING|PROCEEDING + RCV_STATUS_3456XX: acknowledge the final response
/// and wait (timer D) for its retransmissions.
pub(super) unsafe fn rcv_3456xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an ICT context; the response and the
    // ACK pass to it.
    unsafe {
        replace_last_response(tr, evt);
        let ict = ctx(tr);
        if (*tr).state != ICT_COMPLETED as c_int {
            let ack = ack::create(tr, (*evt).sip);
            (*tr).ack = ack;
            if ack.is_null() {
                return terminate(tr, Kind::Ict);
            }
            if (*ict).destination.is_null() {
                if let Ok((dest, port)) = next_hop(ack) {
                    set_ict_destination(ict, dest, port);
                }
            }
            let r = send(tr, ack);
            if r != 0 {
                return fail(tr, Kind::Ict, r);
            }
            let status = status_of((*evt).sip);
            message(ict_final_received(status), tr, (*evt).sip);
            message(OSIP_ICT_ACK_SENT as c_int, tr, ack);
        }
        start_timer(&mut (*ict).timer_d_start, (*ict).timer_d_length);
        set_state(tr, ICT_COMPLETED);
    }
}

/// COMPLETED + RCV_STATUS_3456XX: the ACK got lost; send it again.
pub(super) unsafe fn retransmit_ack(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an ICT context; the retransmitted
    // response is only lent to the callback, then freed.
    unsafe {
        message(
            OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN as c_int,
            tr,
            (*evt).sip,
        );
        osip_message_free((*evt).sip);
        (*evt).sip = ptr::null_mut();
        let r = send(tr, (*tr).ack);
        if r != 0 {
            return fail(tr, Kind::Ict, r);
        }
        message(OSIP_ICT_ACK_SENT_AGAIN as c_int, tr, (*tr).ack);
        set_state(tr, ICT_COMPLETED);
    }
}

/// COMPLETED + TIMEOUT_D: no more retransmissions to absorb.
pub(super) unsafe fn timeout_d(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with an ICT context.
    unsafe {
        let ict = ctx(tr);
        disable_timer(&mut (*ict).timer_d_length, &mut (*ict).timer_d_start);
        terminate(tr, Kind::Ict);
    }
}
