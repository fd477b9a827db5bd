//! Non-INVITE client transaction (RFC 3261 section 17.1.2, figure 6).

use super::{fail, no_answer, replace_last_response, send_to, set_state, status_of, terminate};
use crate::abi::_state_t::{NICT_COMPLETED, NICT_PROCEEDING, NICT_TRYING};
use crate::abi::osip_message_callback_type::*;
use crate::abi::type_t::RCV_STATUS_2XX;
use crate::abi::{osip_event_t, osip_nict_t, osip_transaction_t, DEFAULT_T1_TCP_PROGRESS};
use crate::core::classify::{
    nict_final_received, nict_request_sent, timer_e_next, TIMER_E_PROCEEDING,
};
use crate::core::kind::Kind;
use crate::ffi::callbacks::message;
use crate::ffi::contexts::{disable_timer, start_timer, transport, Transport};
use crate::ffi::time::{now, to_tv};
use crate::parser::util::cstr;
use libc::c_int;

unsafe fn ctx(tr: *mut osip_transaction_t) -> *mut osip_nict_t {
    // SAFETY: valid transaction (the caller checked the context exists).
    unsafe { (*tr).nict_context }
}

unsafe fn send_request(tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: valid transaction with a NICT context.
    unsafe {
        let nict = ctx(tr);
        send_to(tr, (*tr).orig_request, (*nict).destination, (*nict).port)
    }
}

/// Whether the request went over a reliable transport; None when its Via
/// cannot be read.
unsafe fn reliable(tr: *mut osip_transaction_t) -> Option<bool> {
    // SAFETY: valid transaction.
    match unsafe { transport((*tr).orig_request) } {
        Transport::Known { reliable } => Some(reliable),
        Transport::NoVia(_) | Transport::NoProtocol => None,
    }
}

/// PRE_TRYING + SND_REQUEST. The "sent" callback comes before the Via
/// check, which may still end the transaction.
pub(super) unsafe fn snd_request(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with a NICT context; the request passes to it.
    unsafe {
        let request = (*evt).sip;
        super::store(std::ptr::addr_of_mut!((*tr).orig_request), request);
        let r = send_request(tr);
        if r < 0 {
            return fail(tr, Kind::Nict, r);
        }
        let method = cstr((*request).sip_method).map(|m| m.to_bytes());
        message(nict_request_sent(status_of(request), method), tr, request);
        let Some(reliable) = reliable(tr) else {
            return fail(tr, Kind::Nict, -1);
        };
        let nict = ctx(tr);
        if reliable && r == 0 {
            disable_timer(&mut (*nict).timer_e_length, &mut (*nict).timer_e_start);
        } else if reliable {
            // Still connecting: poll until the connection is up.
            (*nict).timer_e_length = DEFAULT_T1_TCP_PROGRESS;
        }
        if (*nict).timer_e_length > 0 {
            start_timer(&mut (*nict).timer_e_start, (*nict).timer_e_length);
        }
        set_state(tr, NICT_TRYING);
    }
}

/// TRYING|PROCEEDING + TIMEOUT_E: retransmit the request.
pub(super) unsafe fn timeout_e(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with a NICT context.
    unsafe {
        let nict = ctx(tr);
        let trying = (*tr).state == NICT_TRYING as c_int;
        let elapsed = now().ms_since(to_tv(&(*tr).created_time));
        (*nict).timer_e_length = timer_e_next(trying, elapsed, (*nict).timer_e_length);
        start_timer(&mut (*nict).timer_e_start, (*nict).timer_e_length);
        let r = send_request(tr);
        if r < 0 {
            return fail(tr, Kind::Nict, r);
        }
        if r > 0 {
            return;
        }
        match reliable(tr) {
            None => return fail(tr, Kind::Nict, -1),
            Some(true) => disable_timer(&mut (*nict).timer_e_length, &mut (*nict).timer_e_start),
            Some(false) => {}
        }
        message(
            OSIP_NICT_REQUEST_SENT_AGAIN as c_int,
            tr,
            (*tr).orig_request,
        );
    }
}

/// TRYING|PROCEEDING + TIMEOUT_F: no final response in time.
pub(super) unsafe fn timeout_f(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with a NICT context, not used after the end.
    unsafe {
        let nict = ctx(tr);
        disable_timer(&mut (*nict).timer_f_length, &mut (*nict).timer_f_start);
        no_answer(tr, evt, Kind::Nict, OSIP_NICT_STATUS_TIMEOUT as c_int);
    }
}

/// TRYING|PROCEEDING + RCV_STATUS_1XX: retransmit at T2 from now on.
pub(super) unsafe fn rcv_1xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with a NICT context; the response passes to it.
    unsafe {
        replace_last_response(tr, evt);
        let nict = ctx(tr);
        if (*nict).timer_e_length > 0 {
            (*nict).timer_e_length = TIMER_E_PROCEEDING;
            start_timer(&mut (*nict).timer_e_start, (*nict).timer_e_length);
        }
        message(OSIP_NICT_STATUS_1XX_RECEIVED as c_int, tr, (*evt).sip);
        set_state(tr, NICT_PROCEEDING);
    }
}

/// TRYING|PROCEEDING + RCV_STATUS_2XX|RCV_STATUS_3456XX: wait (timer K)
/// for retransmissions of the final response.
pub(super) unsafe fn rcv_23456xx(tr: *mut osip_transaction_t, evt: *mut osip_event_t) {
    // SAFETY: valid transaction with a NICT context; the response passes to it.
    unsafe {
        replace_last_response(tr, evt);
        let is_2xx = (*evt).type_ == RCV_STATUS_2XX as c_int;
        message(
            nict_final_received(is_2xx, status_of((*evt).sip)),
            tr,
            (*evt).sip,
        );
        if (*tr).state != NICT_COMPLETED as c_int {
            let nict = ctx(tr);
            start_timer(&mut (*nict).timer_k_start, (*nict).timer_k_length);
        }
        set_state(tr, NICT_COMPLETED);
    }
}

/// COMPLETED + TIMEOUT_K.
pub(super) unsafe fn timeout_k(tr: *mut osip_transaction_t) {
    // SAFETY: valid transaction with a NICT context.
    unsafe {
        let nict = ctx(tr);
        disable_timer(&mut (*nict).timer_k_length, &mut (*nict).timer_k_start);
        terminate(tr, Kind::Nict);
    }
}
