//! INVITE server transaction (RFC 3261 section 17.2.1, figure 7).

use super::{
    answer_retransmission, fail, held, keep, keep_and_send, report, send_last_response, set_state,
    status, terminate, Event, Left, Slot,
};
use crate::classify::{ist_final_sent, ist_response_resent, timer_g_next};
use crate::context;
use crate::host::{Env, Tr};
use crate::kind::Kind;
use libc::c_int;
use osip_abi::_state_t::{IST_COMPLETED, IST_CONFIRMED, IST_PRE_PROCEEDING, IST_PROCEEDING};
use osip_abi::osip_ist_t;
use osip_abi::osip_message_callback_type::*;

/// The IST context of `t` (None once `t` or its context is gone).
fn ist<'e>(env: &'e mut Env<'_>, t: Tr) -> Option<&'e mut osip_ist_t> {
    env.calls.tr(t)?.ist_context_mut()
}

/// The state of `t` (None once it is gone).
fn state(env: &mut Env<'_>, t: Tr) -> Option<c_int> {
    env.calls.tr(t).map(|tr| tr.state)
}

/// PRE_PROCEEDING|PROCEEDING|COMPLETED + RCV_REQINVITE: the first INVITE
/// starts the transaction; a retransmission is answered with the last
/// response, if any.
pub(super) fn rcv_invite(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if state(env, t) != Some(IST_PRE_PROCEEDING as c_int) {
        let again = OSIP_IST_INVITE_RECEIVED_AGAIN as c_int;
        return answer_retransmission(env, t, Kind::Ist, again, ist_response_resent, ev);
    }
    let invite = keep(env, t, Slot::OrigRequest, ev.msg);
    report(env, t, OSIP_IST_INVITE_RECEIVED as c_int, invite);
    set_state(env, t, IST_PROCEEDING);
    Left::Kept
}

/// PROCEEDING + SND_STATUS_1XX.
pub(super) fn snd_1xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if keep_and_send(env, t, Kind::Ist, ev) {
        let response = held(env, t, Slot::LastResponse);
        report(env, t, OSIP_IST_STATUS_1XX_SENT as c_int, response);
    }
    Left::Kept
}

/// PROCEEDING + SND_STATUS_2XX: the transaction ends; retransmitting the
/// 2xx is the dialog's job.
pub(super) fn snd_2xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if keep_and_send(env, t, Kind::Ist, ev) {
        let response = held(env, t, Slot::LastResponse);
        report(env, t, OSIP_IST_STATUS_2XX_SENT as c_int, response);
        terminate(env, t, Kind::Ist);
    }
    Left::Kept
}

/// PROCEEDING + SND_STATUS_3456XX: wait for the ACK, retransmitting the
/// response (timer G) until it comes or timer H gives up.
pub(super) fn snd_3456xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if !keep_and_send(env, t, Kind::Ist, ev) {
        return Left::Kept;
    }
    let response = held(env, t, Slot::LastResponse);
    let ty = ist_final_sent(status(env, t, Slot::LastResponse));
    report(env, t, ty, response);
    let clock = env.clock;
    if let Some(ist) = ist(env, t) {
        if ist.timer_g_length != -1 {
            context::start(&mut ist.timer_g_start, clock, ist.timer_g_length);
        }
        context::start(&mut ist.timer_h_start, clock, ist.timer_h_length);
    }
    set_state(env, t, IST_COMPLETED);
    Left::Kept
}

/// COMPLETED + TIMEOUT_G: retransmit the final response, backing off up to
/// T2.
pub(super) fn timeout_g(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let clock = env.clock;
    if let Some(ist) = ist(env, t) {
        ist.timer_g_length = timer_g_next(ist.timer_g_length);
        context::start(&mut ist.timer_g_start, clock, ist.timer_g_length);
    }
    let response = held(env, t, Slot::LastResponse);
    let r = send_last_response(env, t);
    if r != 0 {
        fail(env, t, Kind::Ist, r);
    } else {
        report(env, t, OSIP_IST_STATUS_3456XX_SENT_AGAIN as c_int, response);
    }
    Left::Lent(ev.msg)
}

/// COMPLETED + TIMEOUT_H: the ACK never came.
pub(super) fn timeout_h(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(ist) = ist(env, t) {
        context::stop(&mut ist.timer_h_length, &mut ist.timer_h_start);
    }
    terminate(env, t, Kind::Ist);
    Left::Lent(ev.msg)
}

/// COMPLETED|CONFIRMED + RCV_REQACK: keep the latest ACK and (re)start
/// timer I to absorb further retransmissions.
pub(super) fn rcv_ack(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    keep(env, t, Slot::Ack, ev.msg);
    let ty = if state(env, t) == Some(IST_COMPLETED as c_int) {
        OSIP_IST_ACK_RECEIVED
    } else {
        OSIP_IST_ACK_RECEIVED_AGAIN
    };
    let ack = held(env, t, Slot::Ack);
    report(env, t, ty as c_int, ack);
    let clock = env.clock;
    if let Some(ist) = ist(env, t) {
        context::start(&mut ist.timer_i_start, clock, ist.timer_i_length);
    }
    set_state(env, t, IST_CONFIRMED);
    Left::Kept
}

/// CONFIRMED + TIMEOUT_I.
pub(super) fn timeout_i(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(ist) = ist(env, t) {
        context::stop(&mut ist.timer_i_length, &mut ist.timer_i_start);
    }
    terminate(env, t, Kind::Ist);
    Left::Lent(ev.msg)
}
