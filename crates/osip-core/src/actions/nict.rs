//! Non-INVITE client transaction (RFC 3261 section 17.1.2, figure 6).

use super::{
    fail, held, keep, no_answer, report, send_request, set_state, terminate, Event, Left, Slot,
};
use crate::classify::{nict_final_received, nict_request_sent, timer_e_next, TIMER_E_PROCEEDING};
use crate::context::{self, Transport};
use crate::host::{Env, Msg, Tr};
use crate::kind::Kind;
use libc::c_int;
use osip_abi::_state_t::{NICT_COMPLETED, NICT_PROCEEDING, NICT_TRYING};
use osip_abi::osip_message_callback_type::*;
use osip_abi::type_t::RCV_STATUS_2XX;
use osip_abi::{osip_nict_t, DEFAULT_T1_TCP_PROGRESS};

/// The NICT context of `t` (None once `t` or its context is gone).
fn nict<'e>(env: &'e mut Env<'_>, t: Tr) -> Option<&'e mut osip_nict_t> {
    env.calls.tr(t)?.nict_context_mut()
}

/// Whether the request went over a reliable transport; None when its Via
/// cannot be read (or `t` is gone).
fn reliable(env: &mut Env<'_>, t: Tr) -> Option<bool> {
    match context::transport(env.calls.tr(t)?.orig_request()) {
        Transport::Known { reliable } => Some(reliable),
        Transport::NoVia(_) | Transport::NoProtocol => None,
    }
}

/// PRE_TRYING + SND_REQUEST. The "sent" callback comes before the Via
/// check, which may still end the transaction.
pub(super) fn snd_request(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let request = keep(env, t, Slot::OrigRequest, ev.msg);
    let r = send_request(env, t, Kind::Nict, Slot::OrigRequest);
    if r < 0 {
        fail(env, t, Kind::Nict, r);
        return Left::Kept;
    }
    let Some(tr) = env.calls.tr(t) else {
        return Left::Kept;
    };
    let sent = tr.orig_request().map_or(nict_request_sent(0, None), |m| {
        nict_request_sent(m.status_code, m.sip_method().map(|m| m.to_bytes()))
    });
    report(env, t, sent, request);
    let Some(reliable) = reliable(env, t) else {
        fail(env, t, Kind::Nict, -1);
        return Left::Kept;
    };
    let clock = env.clock;
    if let Some(nict) = nict(env, t) {
        if reliable && r == 0 {
            context::stop(&mut nict.timer_e_length, &mut nict.timer_e_start);
        } else if reliable {
            // Still connecting: poll until the connection is up.
            nict.timer_e_length = DEFAULT_T1_TCP_PROGRESS;
        }
        if nict.timer_e_length > 0 {
            context::start(&mut nict.timer_e_start, clock, nict.timer_e_length);
        }
    }
    set_state(env, t, NICT_TRYING);
    Left::Kept
}

/// TRYING|PROCEEDING + TIMEOUT_E: retransmit the request.
pub(super) fn timeout_e(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let clock = env.clock;
    if let Some(tr) = env.calls.tr(t) {
        let trying = tr.state == NICT_TRYING as c_int;
        let elapsed = clock.now().ms_since(context::tv(&tr.created_time));
        if let Some(nict) = tr.nict_context_mut() {
            nict.timer_e_length = timer_e_next(trying, elapsed, nict.timer_e_length);
            context::start(&mut nict.timer_e_start, clock, nict.timer_e_length);
        }
    }
    let r = send_request(env, t, Kind::Nict, Slot::OrigRequest);
    if r < 0 {
        fail(env, t, Kind::Nict, r);
        return Left::Lent(ev.msg);
    }
    if r > 0 {
        return Left::Lent(ev.msg);
    }
    match reliable(env, t) {
        None => {
            fail(env, t, Kind::Nict, -1);
            return Left::Lent(ev.msg);
        }
        Some(true) => {
            if let Some(nict) = nict(env, t) {
                context::stop(&mut nict.timer_e_length, &mut nict.timer_e_start);
            }
        }
        Some(false) => {}
    }
    let request = held(env, t, Slot::OrigRequest);
    report(env, t, OSIP_NICT_REQUEST_SENT_AGAIN as c_int, request);
    Left::Lent(ev.msg)
}

/// TRYING|PROCEEDING + TIMEOUT_F: no final response in time.
pub(super) fn timeout_f(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(nict) = nict(env, t) {
        context::stop(&mut nict.timer_f_length, &mut nict.timer_f_start);
    }
    let lent = Msg::of(ev.msg.as_deref());
    no_answer(env, t, Kind::Nict, OSIP_NICT_STATUS_TIMEOUT as c_int, lent);
    Left::Lent(ev.msg)
}

/// TRYING|PROCEEDING + RCV_STATUS_1XX: retransmit at T2 from now on.
pub(super) fn rcv_1xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let response = keep(env, t, Slot::LastResponse, ev.msg);
    let clock = env.clock;
    if let Some(nict) = nict(env, t).filter(|n| n.timer_e_length > 0) {
        nict.timer_e_length = TIMER_E_PROCEEDING;
        context::start(&mut nict.timer_e_start, clock, nict.timer_e_length);
    }
    report(env, t, OSIP_NICT_STATUS_1XX_RECEIVED as c_int, response);
    set_state(env, t, NICT_PROCEEDING);
    Left::Kept
}

/// TRYING|PROCEEDING + RCV_STATUS_2XX|RCV_STATUS_3456XX: wait (timer K)
/// for retransmissions of the final response.
pub(super) fn rcv_23456xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let is_2xx = ev.ty == RCV_STATUS_2XX as c_int;
    let status = ev.msg.as_ref().map_or(0, |m| m.status_code);
    let response = keep(env, t, Slot::LastResponse, ev.msg);
    report(env, t, nict_final_received(is_2xx, status), response);
    let clock = env.clock;
    if let Some(tr) = env.calls.tr(t) {
        let completed = tr.state == NICT_COMPLETED as c_int;
        if let Some(nict) = tr.nict_context_mut().filter(|_| !completed) {
            context::start(&mut nict.timer_k_start, clock, nict.timer_k_length);
        }
    }
    set_state(env, t, NICT_COMPLETED);
    Left::Kept
}

/// COMPLETED + TIMEOUT_K.
pub(super) fn timeout_k(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(nict) = nict(env, t) {
        context::stop(&mut nict.timer_k_length, &mut nict.timer_k_start);
    }
    terminate(env, t, Kind::Nict);
    Left::Lent(ev.msg)
}
