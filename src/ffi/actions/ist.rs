//! INVITE server transaction (RFC 3261 section 17.2.1, figure 7).

use super::{
    answer_retransmission, fail, send_response, set_state, status_of, store, store_and_send,
    terminate,
};
use crate::abi::_state_t::{IST_COMPLETED, IST_CONFIRMED, IST_PRE_PROCEEDING, IST_PROCEEDING};
use crate::abi::osip_message_callback_type::*;
use crate::abi::{osip_event_t, osip_ist_t, osip_transaction_t};
use crate::core::classify::{ist_final_sent, ist_response_resent, timer_g_next};
use crate::core::kind::Kind;
use crate::ffi::callbacks::message;
use crate::ffi::contexts::{disable_timer, start_timer};
use libc::c_int;
use std::ptr;

unsafe fn ctx(tr: *mut osip_transaction_t) -> *mut osip_ist_t {
    // SAFETY: valid transaction (the caller checked the context exists).
    unsafe { (*tr).ist_context }
}

/// PRE_PROCEEDING|PROCEEDING|COMPLETED + RCV_REQINVITE: the first INVITE
/// starts the transaction; a retransmission is answered with the last
/// response, if any.
pub(super) unsafe fn rcv_invite(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction; the INVITE passes to it or is freed.
    unsafe {
        if (*tr).state == IST_PRE_PROCEEDING as c_int {
            super::store(ptr::addr_of_mut!((*tr).orig_request), (*evt).sip);
            message(OSIP_IST_INVITE_RECEIVED as c_int, tr, (*evt).sip);
            set_state(tr, IST_PROCEEDING);
            return;
        }
        answer_retransmission(
            tr,
            evt,
            Kind::Ist,
            OSIP_IST_INVITE_RECEIVED_AGAIN as c_int,
            ist_response_resent,
        );
    }
}

/// PROCEEDING + SND_STATUS_1XX.
pub(super) unsafe fn snd_1xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction, not used after a failure.
    unsafe {
        if store_and_send(tr, evt, Kind::Ist) {
            message(OSIP_IST_STATUS_1XX_SENT as c_int, tr, (*tr).last_response);
        }
    }
}

/// PROCEEDING + SND_STATUS_2XX: the transaction ends; retransmitting the
/// 2xx is the dialog's job.
pub(super) unsafe fn snd_2xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction, not used after a failure or the kill.
    unsafe {
        if store_and_send(tr, evt, Kind::Ist) {
            message(OSIP_IST_STATUS_2XX_SENT as c_int, tr, (*tr).last_response);
            terminate(tr, Kind::Ist);
        }
    }
}

/// PROCEEDING + SND_STATUS_3456XX: wait for the ACK, retransmitting the
/// response (timer G) until it comes or timer H gives up.
pub(super) unsafe fn snd_3456xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an IST context, not used after a failure.
    unsafe {
        if !store_and_send(tr, evt, Kind::Ist) {
            return;
        }
        let last = (*tr).last_response;
        message(ist_final_sent(status_of(last)), tr, last);
        let ist = ctx(tr);
        if (*ist).timer_g_length != -1 {
            start_timer(&mut (*ist).timer_g_start, (*ist).timer_g_length);
        }
        start_timer(&mut (*ist).timer_h_start, (*ist).timer_h_length);
        set_state(tr, IST_COMPLETED);
    }
}

/// COMPLETED + TIMEOUT_G: retransmit the final response, backing off up to T2.
pub(super) unsafe fn timeout_g(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with an IST context.
    unsafe {
        let ist = ctx(tr);
        (*ist).timer_g_length = timer_g_next((*ist).timer_g_length);
        start_timer(&mut (*ist).timer_g_start, (*ist).timer_g_length);
        let last = (*tr).last_response;
        let r = send_response(tr, last);
        if r != 0 {
            return fail(tr, Kind::Ist, r);
        }
        message(OSIP_IST_STATUS_3456XX_SENT_AGAIN as c_int, tr, last);
    }
}

/// COMPLETED + TIMEOUT_H: the ACK never came.
pub(super) unsafe fn timeout_h(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with an IST context.
    unsafe {
        let ist = ctx(tr);
        disable_timer(&mut (*ist).timer_h_length, &mut (*ist).timer_h_start);
        terminate(tr, Kind::Ist);
    }
}

/// COMPLETED|CONFIRMED + RCV_REQACK: keep the latest ACK and (re)start
/// timer I to absorb further retransmissions.
pub(super) unsafe fn rcv_ack(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with an IST context; the ACK passes to it.
    unsafe {
        store(ptr::addr_of_mut!((*tr).ack), (*evt).sip);
        let ty = if (*tr).state == IST_COMPLETED as c_int {
            OSIP_IST_ACK_RECEIVED
        } else {
            OSIP_IST_ACK_RECEIVED_AGAIN
        };
        message(ty as c_int, tr, (*tr).ack);
        let ist = ctx(tr);
        start_timer(&mut (*ist).timer_i_start, (*ist).timer_i_length);
        set_state(tr, IST_CONFIRMED);
    }
}

/// CONFIRMED + TIMEOUT_I.
pub(super) unsafe fn timeout_i(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with an IST context.
    unsafe {
        let ist = ctx(tr);
        disable_timer(&mut (*ist).timer_i_length, &mut (*ist).timer_i_start);
        terminate(tr, Kind::Ist);
    }
}
