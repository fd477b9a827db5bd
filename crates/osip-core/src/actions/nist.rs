//! Non-INVITE server transaction (RFC 3261 section 17.2.2, figure 8).

use super::{
    answer_retransmission, held, keep, keep_and_send, report, set_state, status, terminate, Event,
    Left, Slot,
};
use crate::classify::{nist_final_sent, nist_request_received, nist_response_resent};
use crate::context;
use crate::host::{Env, Tr};
use crate::kind::Kind;
use libc::c_int;
use osip_abi::_state_t::{NIST_COMPLETED, NIST_PRE_TRYING, NIST_PROCEEDING, NIST_TRYING};
use osip_abi::osip_message_callback_type::*;
use osip_abi::osip_nist_t;
use osip_abi::type_t::SND_STATUS_2XX;

/// The NIST context of `t` (None once `t` or its context is gone).
fn nist<'e>(env: &'e mut Env<'_>, t: Tr) -> Option<&'e mut osip_nist_t> {
    env.calls.tr(t)?.nist_context_mut()
}

/// PRE_TRYING|PROCEEDING|COMPLETED + RCV_REQUEST: the first request starts
/// the transaction; a retransmission is answered with the last response.
pub(super) fn rcv_request(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let first = env
        .calls
        .tr(t)
        .is_some_and(|tr| tr.state == NIST_PRE_TRYING as c_int);
    if !first {
        let again = OSIP_NIST_REQUEST_RECEIVED_AGAIN as c_int;
        return answer_retransmission(env, t, Kind::Nist, again, nist_response_resent, ev);
    }
    let received = ev.msg.as_ref().map_or(nist_request_received(0, None), |m| {
        nist_request_received(m.status_code, m.sip_method().map(|m| m.to_bytes()))
    });
    let request = keep(env, t, Slot::OrigRequest, ev.msg);
    report(env, t, received, request);
    set_state(env, t, NIST_TRYING);
    Left::Kept
}

/// TRYING|PROCEEDING + SND_STATUS_1XX.
pub(super) fn snd_1xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if keep_and_send(env, t, Kind::Nist, ev) {
        let response = held(env, t, Slot::LastResponse);
        report(env, t, OSIP_NIST_STATUS_1XX_SENT as c_int, response);
        set_state(env, t, NIST_PROCEEDING);
    }
    Left::Kept
}

/// TRYING|PROCEEDING + SND_STATUS_2XX|SND_STATUS_3456XX: keep answering
/// retransmissions until timer J.
pub(super) fn snd_23456xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let is_2xx = ev.ty == SND_STATUS_2XX as c_int;
    if !keep_and_send(env, t, Kind::Nist, ev) {
        return Left::Kept;
    }
    let response = held(env, t, Slot::LastResponse);
    let ty = nist_final_sent(is_2xx, status(env, t, Slot::LastResponse));
    report(env, t, ty, response);
    let clock = env.clock;
    if let Some(tr) = env.calls.tr(t) {
        let completed = tr.state == NIST_COMPLETED as c_int;
        if let Some(nist) = tr.nist_context_mut().filter(|_| !completed) {
            context::start(&mut nist.timer_j_start, clock, nist.timer_j_length);
        }
    }
    set_state(env, t, NIST_COMPLETED);
    Left::Kept
}

/// COMPLETED + TIMEOUT_J.
pub(super) fn timeout_j(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(nist) = nist(env, t) {
        context::stop(&mut nist.timer_j_length, &mut nist.timer_j_start);
    }
    terminate(env, t, Kind::Nist);
    Left::Lent(ev.msg)
}
