//! Non-INVITE server transaction (RFC 3261 section 17.2.2, figure 8).

use super::{answer_retransmission, set_state, status_of, store_and_send, terminate};
use crate::abi::_state_t::{NIST_COMPLETED, NIST_PRE_TRYING, NIST_PROCEEDING, NIST_TRYING};
use crate::abi::osip_message_callback_type::*;
use crate::abi::type_t::SND_STATUS_2XX;
use crate::abi::{osip_event_t, osip_nist_t, osip_transaction_t};
use crate::core::classify::{nist_final_sent, nist_request_received, nist_response_resent};
use crate::core::kind::Kind;
use crate::ffi::callbacks::message;
use crate::ffi::contexts::{disable_timer, start_timer};
use crate::parser::util::cstr;
use libc::c_int;

unsafe fn ctx(tr: *mut osip_transaction_t) -> *mut osip_nist_t {
    // SAFETY: valid transaction (the caller checked the context exists).
    unsafe { (*tr).nist_context }
}

/// PRE_TRYING|PROCEEDING|COMPLETED + RCV_REQUEST: the first request starts
/// the transaction; a retransmission is answered with the last response.
pub(super) unsafe fn rcv_request(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction; the request passes to it or is freed.
    unsafe {
        let request = (*evt).sip;
        if (*tr).state == NIST_PRE_TRYING as c_int {
            super::store(std::ptr::addr_of_mut!((*tr).orig_request), request);
            let method = cstr((*request).sip_method).map(|m| m.to_bytes());
            message(
                nist_request_received(status_of(request), method),
                tr,
                request,
            );
            set_state(tr, NIST_TRYING);
            return;
        }
        answer_retransmission(
            tr,
            evt,
            Kind::Nist,
            OSIP_NIST_REQUEST_RECEIVED_AGAIN as c_int,
            nist_response_resent,
        );
    }
}

/// TRYING|PROCEEDING + SND_STATUS_1XX.
pub(super) unsafe fn snd_1xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction, not used after a failure.
    unsafe {
        if store_and_send(tr, evt, Kind::Nist) {
            message(OSIP_NIST_STATUS_1XX_SENT as c_int, tr, (*tr).last_response);
            set_state(tr, NIST_PROCEEDING);
        }
    }
}

/// TRYING|PROCEEDING + SND_STATUS_2XX|SND_STATUS_3456XX: keep answering
/// retransmissions until timer J.
pub(super) unsafe fn snd_23456xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with a NIST context, not used after a failure.
    unsafe {
        if !store_and_send(tr, evt, Kind::Nist) {
            return;
        }
        let last = (*tr).last_response;
        let is_2xx = (*evt).type_ == SND_STATUS_2XX as c_int;
        message(nist_final_sent(is_2xx, status_of(last)), tr, last);
        if (*tr).state != NIST_COMPLETED as c_int {
            let nist = ctx(tr);
            start_timer(&mut (*nist).timer_j_start, (*nist).timer_j_length);
        }
        set_state(tr, NIST_COMPLETED);
    }
}

/// COMPLETED + TIMEOUT_J.
pub(super) unsafe fn timeout_j(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with a NIST context.
    unsafe {
        let nist = ctx(tr);
        disable_timer(&mut (*nist).timer_j_length, &mut (*nist).timer_j_start);
        terminate(tr, Kind::Nist);
    }
}
