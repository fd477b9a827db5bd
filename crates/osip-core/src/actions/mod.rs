//! The actions of the four state machines (RFC 3261 section 17, figures 5
//! to 8, as libosip2 5.3.0 runs them; [`crate::fsm`] says which runs when),
//! over views of the transaction.
//!
//! A callback may free the transaction: the kill callback usually does,
//! and nothing stops another one from it. No view lives across a call into
//! the application (each takes `&mut` of the host); after one the
//! transaction is fetched again, and an action whose transaction is gone
//! ends there. Each action reports the end of its transaction (the kill
//! callback) last.

mod ict;
mod ist;
mod nict;
mod nist;
#[cfg(test)]
mod tests;

use crate::callbacks;
use crate::classify::is_message_event;
use crate::fsm::{self, Action};
use crate::host::{Env, Host, Msg, Tr};
use crate::kind::Kind;
use crate::response;
use libc::c_int;
use osip_abi::_state_t;
use osip_abi::codes::{OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use osip_abi::osip_transaction_t;
use osip_cmem::Owned;
use osip_parser_abi::osip_message_t;

/// An event as an action gets it: its type, and the message it carries.
pub struct Event {
    pub ty: c_int,
    pub msg: Option<Owned<osip_message_t>>,
}

/// What became of the event's message.
pub enum Left {
    /// The action only lent it to a callback (a timeout's): still the
    /// event's.
    Lent(Option<Owned<osip_message_t>>),
    /// The transaction keeps it.
    Kept,
    /// A retransmission: freed.
    Freed,
}

/// One action: the transaction, the event.
type Step = fn(&mut Env<'_>, Tr, Event) -> Left;

/// The function of each action of the tables.
fn step(action: Action) -> Step {
    use Action::*;
    match action {
        IctSndInvite => ict::snd_invite,
        IctTimeoutA => ict::timeout_a,
        IctTimeoutB => ict::timeout_b,
        IctRcv1xx => ict::rcv_1xx,
        IctRcv2xx => ict::rcv_2xx,
        IctRcv3456xx => ict::rcv_3456xx,
        IctRetransmitAck => ict::retransmit_ack,
        IctTimeoutD => ict::timeout_d,
        IstRcvInvite => ist::rcv_invite,
        IstTimeoutG => ist::timeout_g,
        IstTimeoutH => ist::timeout_h,
        IstSnd1xx => ist::snd_1xx,
        IstSnd2xx => ist::snd_2xx,
        IstSnd3456xx => ist::snd_3456xx,
        IstRcvAck => ist::rcv_ack,
        IstTimeoutI => ist::timeout_i,
        NictSndRequest => nict::snd_request,
        NictTimeoutE => nict::timeout_e,
        NictTimeoutF => nict::timeout_f,
        NictTimeoutK => nict::timeout_k,
        NictRcv1xx => nict::rcv_1xx,
        NictRcv23456xx => nict::rcv_23456xx,
        NistRcvRequest => nist::rcv_request,
        NistSnd1xx => nist::snd_1xx,
        NistSnd23456xx => nist::snd_23456xx,
        NistTimeoutJ => nist::timeout_j,
    }
}

/// Runs `action` for `ev` on `t` if the transaction has the context the
/// action needs and a message event carries its message; otherwise gives
/// the event back untouched (the caller treats it as useless). Whatever
/// the state: `osip_transaction_execute` looked the action up in the
/// tables, an application calling an action's function did not.
pub fn run(env: &mut Env<'_>, t: Tr, ev: Event, action: Action) -> Result<Left, Event> {
    let has_context = env
        .calls
        .tr(t)
        .is_some_and(|tr| has_context(tr, action.kind()));
    if !has_context || (is_message_event(ev.ty) && ev.msg.is_none()) {
        return Err(ev);
    }
    let left = step(action)(env, t, ev);
    env.calls.stepped(t);
    Ok(left)
}

fn has_context(tr: &osip_transaction_t, kind: Kind) -> bool {
    match kind {
        Kind::Ict => tr.ict_context().is_some(),
        Kind::Ist => tr.ist_context().is_some(),
        Kind::Nict => tr.nict_context().is_some(),
        Kind::Nist => tr.nist_context().is_some(),
    }
}

/// The message slots of a transaction.
#[derive(Clone, Copy, Debug)]
enum Slot {
    OrigRequest,
    LastResponse,
    Ack,
}

impl Slot {
    fn get(self, tr: &osip_transaction_t) -> Option<&osip_message_t> {
        match self {
            Slot::OrigRequest => tr.orig_request(),
            Slot::LastResponse => tr.last_response(),
            Slot::Ack => tr.ack(),
        }
    }

    /// Puts `msg` in the slot, freeing the message it held, unless the
    /// application handed that very message in again.
    fn put(self, tr: &mut osip_transaction_t, msg: Option<Owned<osip_message_t>>) {
        let held = self.get(tr).map(|m| m as *const osip_message_t);
        if msg.as_ref().is_some_and(|m| Some(m.as_ptr()) == held) {
            // Already the slot's.
            std::mem::forget(msg);
            return;
        }
        match self {
            Slot::OrigRequest => tr.set_orig_request(msg),
            Slot::LastResponse => tr.set_last_response(msg),
            Slot::Ack => tr.set_ack(msg),
        }
    }
}

/// Puts the event's message in a slot of `t`; the address the callbacks
/// then get for it.
fn keep(env: &mut Env<'_>, t: Tr, slot: Slot, msg: Option<Owned<osip_message_t>>) -> Msg {
    let m = Msg::of(msg.as_deref());
    match env.calls.tr(t) {
        Some(tr) => slot.put(tr, msg),
        // Gone before the action ran (only a host that lies could say so):
        // nobody owns the message any more.
        None => drop(msg),
    }
    m
}

/// The message a slot of `t` holds (NULL once `t` is gone).
fn held(env: &mut Env<'_>, t: Tr, slot: Slot) -> Msg {
    Msg::of(env.calls.tr(t).and_then(|tr| slot.get(tr)))
}

/// The status of the message a slot of `t` holds (0 for none, as for a
/// request).
fn status(env: &mut Env<'_>, t: Tr, slot: Slot) -> c_int {
    env.calls
        .tr(t)
        .and_then(|tr| slot.get(tr))
        .map_or(0, |m| m.status_code)
}

/// Moves `t` to `state`.
fn set_state(env: &mut Env<'_>, t: Tr, state: _state_t) {
    if let Some(tr) = env.calls.tr(t) {
        tr.store_state(state as c_int);
    }
}

/// Reports message event `ty` of `t` with `msg`.
fn report(env: &mut Env<'_>, t: Tr, ty: c_int, msg: Msg) {
    callbacks::message(env, ty, Some(t), msg);
}

/// The end of a transaction: TERMINATED, then the kill callback.
fn terminate(env: &mut Env<'_>, t: Tr, kind: Kind) {
    set_state(env, t, fsm::terminated(kind));
    callbacks::kill(env, callbacks::of_kind(kind), Some(t));
}

/// A failed send: the transport-error callback (still in the old state),
/// then the end of the transaction.
fn fail(env: &mut Env<'_>, t: Tr, kind: Kind, code: c_int) {
    callbacks::transport_error(env, callbacks::of_kind(kind), Some(t), code);
    terminate(env, t, kind);
}

/// Timer B / F: no final response in time. Applications mark a transaction
/// whose connection never came up with out_socket -999 to get a transport
/// error instead of the timeout callback (which gets the event's message).
fn no_answer(env: &mut Env<'_>, t: Tr, kind: Kind, timeout: c_int, lent: Msg) {
    let Some(tr) = env.calls.tr(t) else { return };
    if tr.out_socket == -999 {
        callbacks::transport_error(env, callbacks::of_kind(kind), Some(t), -1);
    } else {
        report(env, t, timeout, lent);
    }
    terminate(env, t, kind);
}

/// The send callback for `msg` of `t` to `host`:`port` from its
/// `out_socket`. A missing message is a failed send (-1), not a NULL for
/// the application: a state the application set without the message it
/// implies (an ICT put in COMPLETED without `ack`).
fn send(env: &mut Env<'_>, t: Tr, msg: Msg, host: Host, port: c_int) -> c_int {
    if msg == Msg::NULL {
        return OSIP_UNDEFINED_ERROR;
    }
    let Some(tr) = env.calls.tr(t) else {
        return OSIP_UNDEFINED_ERROR;
    };
    let sock = tr.out_socket;
    env.calls.send(t, msg, host, port, sock)
}

/// Sends the message of `slot` of client transaction `t` (of `kind`) to
/// its context's next hop.
fn send_request(env: &mut Env<'_>, t: Tr, kind: Kind, slot: Slot) -> c_int {
    let Some(tr) = env.calls.tr(t) else {
        return OSIP_UNDEFINED_ERROR;
    };
    let msg = Msg::of(slot.get(tr));
    let hop = match kind {
        Kind::Ict => tr
            .ict_context()
            .map(|c| (Host::of(c.destination()), c.port)),
        _ => tr
            .nict_context()
            .map(|c| (Host::of(c.destination()), c.port)),
    };
    let Some((host, port)) = hop else {
        return OSIP_UNDEFINED_ERROR;
    };
    send(env, t, msg, host, port)
}

/// Sends `msg` of server transaction `t` to `target` (from its top Via: see
/// [`response::destination`]); -5 without one.
pub fn send_response(env: &mut Env<'_>, t: Tr, msg: Msg, target: Option<(Host, c_int)>) -> c_int {
    match target {
        Some((host, port)) => send(env, t, msg, host, port),
        None => OSIP_SYNTAXERROR,
    }
}

/// Sends the last response of server transaction `t` where its top Via
/// says.
fn send_last_response(env: &mut Env<'_>, t: Tr) -> c_int {
    let Some(tr) = env.calls.tr(t) else {
        return OSIP_UNDEFINED_ERROR;
    };
    let last = tr.last_response();
    let target = last
        .and_then(|m| response::destination(env.parser, m))
        .map(|(host, port)| (Host::of(host), port));
    let last = Msg::of(last);
    send_response(env, t, last, target)
}

/// Server transactions: keeps the event's response as the last one and
/// sends it. False when the send failed, which ended the transaction.
fn keep_and_send(env: &mut Env<'_>, t: Tr, kind: Kind, ev: Event) -> bool {
    keep(env, t, Slot::LastResponse, ev.msg);
    let r = send_last_response(env, t);
    if r != 0 {
        fail(env, t, kind, r);
    }
    r == 0
}

/// Server transactions: a retransmitted request is freed, reported (with
/// the original request) and answered with the last response, if one was
/// sent; `resent` picks the callback for that response from its status.
fn answer_retransmission(
    env: &mut Env<'_>,
    t: Tr,
    kind: Kind,
    again: c_int,
    resent: fn(c_int) -> c_int,
    ev: Event,
) -> Left {
    drop(ev.msg);
    let request = held(env, t, Slot::OrigRequest);
    report(env, t, again, request);
    let last = held(env, t, Slot::LastResponse);
    if last == Msg::NULL {
        return Left::Freed;
    }
    let r = send_last_response(env, t);
    if r != 0 {
        fail(env, t, kind, r);
        return Left::Freed;
    }
    let ty = resent(status(env, t, Slot::LastResponse));
    report(env, t, ty, last);
    Left::Freed
}
