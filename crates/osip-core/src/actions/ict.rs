//! INVITE client transaction (RFC 3261 section 17.1.1, figure 5).

use super::{
    fail, held, keep, no_answer, report, send_request, set_state, status, terminate, Event, Left,
    Slot,
};
use crate::ack;
use crate::classify::{ict_final_received, timer_a_next};
use crate::context::{self, Transport};
use crate::host::{Env, Msg, Tr};
use crate::kind::Kind;
use libc::c_int;
use osip_abi::_state_t::{ICT_CALLING, ICT_COMPLETED, ICT_PROCEEDING};
use osip_abi::osip_ict_t;
use osip_abi::osip_message_callback_type::*;

/// The ICT context of `t` (None once `t` or its context is gone).
fn ict<'e>(env: &'e mut Env<'_>, t: Tr) -> Option<&'e mut osip_ict_t> {
    env.calls.tr(t)?.ict_context_mut()
}

/// Sends the INVITE (again): Ok(true) once sent, Ok(false) while the
/// connection is still being established, else the transport error to
/// report.
fn send_invite(env: &mut Env<'_>, t: Tr) -> Result<bool, c_int> {
    match send_request(env, t, Kind::Ict, Slot::OrigRequest) {
        r @ ..=-1 => Err(r),
        0 => after_sent(env, t).map(|()| true),
        _ => Ok(false),
    }
}

/// After a completed send over a reliable transport the INVITE needs no
/// retransmission: timer A stops. A Via that cannot be read is a transport
/// error with the lookup's code (0 for a missing protocol).
fn after_sent(env: &mut Env<'_>, t: Tr) -> Result<(), c_int> {
    let Some(tr) = env.calls.tr(t) else {
        return Ok(());
    };
    match context::transport(tr.orig_request()) {
        Transport::NoVia(e) => Err(e),
        Transport::NoProtocol => Err(0),
        Transport::Known { reliable } => {
            if let Some(ict) = tr.ict_context_mut().filter(|_| reliable) {
                context::stop(&mut ict.timer_a_length, &mut ict.timer_a_start);
            }
            Ok(())
        }
    }
}

/// PRE_CALLING + SND_REQINVITE. While connecting, timer A keeps running to
/// poll the connection.
pub(super) fn snd_invite(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    keep(env, t, Slot::OrigRequest, ev.msg);
    if let Err(e) = send_invite(env, t) {
        fail(env, t, Kind::Ict, e);
        return Left::Kept;
    }
    let invite = held(env, t, Slot::OrigRequest);
    report(env, t, OSIP_ICT_INVITE_SENT as c_int, invite);
    set_state(env, t, ICT_CALLING);
    Left::Kept
}

/// CALLING + TIMEOUT_A: retransmit, doubling the interval without bound.
pub(super) fn timeout_a(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let clock = env.clock;
    if let Some(ict) = ict(env, t) {
        ict.timer_a_length = timer_a_next(ict.timer_a_length);
        context::start(&mut ict.timer_a_start, clock, ict.timer_a_length);
    }
    match send_invite(env, t) {
        Err(e) => fail(env, t, Kind::Ict, e),
        Ok(true) => {
            let invite = held(env, t, Slot::OrigRequest);
            report(env, t, OSIP_ICT_INVITE_SENT_AGAIN as c_int, invite);
        }
        Ok(false) => {}
    }
    Left::Lent(ev.msg)
}

/// CALLING + TIMEOUT_B: no answer at all.
pub(super) fn timeout_b(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(ict) = ict(env, t) {
        context::stop(&mut ict.timer_b_length, &mut ict.timer_b_start);
    }
    let lent = Msg::of(ev.msg.as_deref());
    no_answer(env, t, Kind::Ict, OSIP_ICT_STATUS_TIMEOUT as c_int, lent);
    Left::Lent(ev.msg)
}

/// CALLING|PROCEEDING + RCV_STATUS_1XX.
pub(super) fn rcv_1xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let response = keep(env, t, Slot::LastResponse, ev.msg);
    report(env, t, OSIP_ICT_STATUS_1XX_RECEIVED as c_int, response);
    set_state(env, t, ICT_PROCEEDING);
    Left::Kept
}

/// CALLING|PROCEEDING + RCV_STATUS_2XX: the transaction ends; the 2xx is
/// acknowledged by the application (the ACK belongs to the dialog).
pub(super) fn rcv_2xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let response = keep(env, t, Slot::LastResponse, ev.msg);
    report(env, t, OSIP_ICT_STATUS_2XX_RECEIVED as c_int, response);
    terminate(env, t, Kind::Ict);
    Left::Kept
}

/// CALLING|PROCEEDING + RCV_STATUS_3456XX: acknowledge the final response
/// and wait (timer D) for its retransmissions.
pub(super) fn rcv_3456xx(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let response = keep(env, t, Slot::LastResponse, ev.msg);
    let Some(tr) = env.calls.tr(t) else {
        return Left::Kept;
    };
    if tr.state != ICT_COMPLETED as c_int {
        let made = ack::create(env.parser, tr.orig_request(), tr.last_response());
        let ack = Msg::of(made.as_deref());
        tr.set_ack(made);
        let Some(made) = tr.ack() else {
            terminate(env, t, Kind::Ict);
            return Left::Kept;
        };
        // A destination set by the application, or by the INVITE, stays.
        let hop = tr
            .ict_context()
            .is_some_and(|c| c.destination().is_none())
            .then(|| context::next_hop(env.parser, made));
        if let (Some(Ok((dest, port))), Some(ict)) = (hop, tr.ict_context_mut()) {
            ict.set_destination(dest);
            ict.port = port;
        }
        let r = send_request(env, t, Kind::Ict, Slot::Ack);
        if r != 0 {
            fail(env, t, Kind::Ict, r);
            return Left::Kept;
        }
        let final_received = ict_final_received(status(env, t, Slot::LastResponse));
        report(env, t, final_received, response);
        report(env, t, OSIP_ICT_ACK_SENT as c_int, ack);
    }
    let clock = env.clock;
    if let Some(ict) = ict(env, t) {
        context::start(&mut ict.timer_d_start, clock, ict.timer_d_length);
    }
    set_state(env, t, ICT_COMPLETED);
    Left::Kept
}

/// COMPLETED + RCV_STATUS_3456XX: the ACK got lost; send it again.
pub(super) fn retransmit_ack(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    let response = Msg::of(ev.msg.as_deref());
    report(
        env,
        t,
        OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN as c_int,
        response,
    );
    drop(ev.msg);
    let r = send_request(env, t, Kind::Ict, Slot::Ack);
    if r != 0 {
        fail(env, t, Kind::Ict, r);
        return Left::Freed;
    }
    let ack = held(env, t, Slot::Ack);
    report(env, t, OSIP_ICT_ACK_SENT_AGAIN as c_int, ack);
    set_state(env, t, ICT_COMPLETED);
    Left::Freed
}

/// COMPLETED + TIMEOUT_D: no more retransmissions to absorb.
pub(super) fn timeout_d(env: &mut Env<'_>, t: Tr, ev: Event) -> Left {
    if let Some(ict) = ict(env, t) {
        context::stop(&mut ict.timer_d_length, &mut ict.timer_d_start);
    }
    terminate(env, t, Kind::Ict);
    Left::Lent(ev.msg)
}
