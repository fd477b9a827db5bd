//! The four machines on a fake host (`crate::fake`): what the
//! application is told, in which order, and what the transaction holds
//! after each step; a callback that frees the transaction ends the action.

use super::*;
use crate::fake::*;
use crate::transaction;
use osip_abi::_state_t::*;
use osip_abi::osip_message_callback_type::{self, *};
use osip_abi::type_t::{self, *};
use osip_abi::{DEFAULT_T1, DEFAULT_T1_TCP_PROGRESS};

fn kind_of(w: &World) -> Kind {
    Kind::from_ctx_type(w.app.view().ctx_type)
}

/// Runs the action the tables give for `ty` in the current state.
fn step(w: &mut World, ty: type_t, msg: Option<Owned<osip_message_t>>) -> Left {
    let (kind, state) = (kind_of(w), w.app.view().state);
    let action = fsm::lookup(kind, state, ty as c_int).expect("an action in this state");
    let ev = Event {
        ty: ty as c_int,
        msg,
    };
    let Ok(left) = w.with(|env, t| run(env, t, ev, action)) else {
        panic!("the action did not run");
    };
    left
}

fn cb(ty: osip_message_callback_type, msg: Msg) -> Seen {
    Seen::Message(ty as c_int, msg)
}

/// A new world for a transaction of `kind` made for `request`.
fn world(kind: Kind, request: &osip_message_t) -> World {
    World::new(crate::fake::transaction(kind, request))
}

#[test]
fn ict_acknowledges_a_final_response_then_waits_for_timer_d() {
    let invite = request("INVITE", "UDP");
    let mut w = world(Kind::Ict, &invite);
    let invite_at = addr(&invite);
    assert!(matches!(
        step(&mut w, SND_REQINVITE, Some(invite)),
        Left::Kept
    ));
    let tr = w.app.view();
    assert_eq!(tr.state, ICT_CALLING as c_int);
    assert_eq!(tr.orig_request().map(addr), Some(invite_at));
    let ict = tr.ict_context().unwrap();
    assert_eq!(ict.destination().unwrap().to_bytes(), b"b.example");
    assert_eq!((ict.port, ict.timer_a_length), (5070, DEFAULT_T1));
    assert_eq!(
        (ict.timer_a_start.tv_sec, ict.timer_a_start.tv_usec),
        (100, 500_000)
    );
    let hop = Host::of(ict.destination());
    assert_eq!(
        w.app.seen,
        [
            Seen::Send {
                msg: invite_at,
                host: hop,
                port: 5070,
                sock: 0
            },
            cb(OSIP_ICT_INVITE_SENT, invite_at),
        ]
    );
    w.app.seen.clear();

    let busy = response(486, "INVITE", "UDP");
    let busy_at = addr(&busy);
    step(&mut w, RCV_STATUS_3456XX, Some(busy));
    let tr = w.app.view();
    assert_eq!(tr.state, ICT_COMPLETED as c_int);
    let ack = tr.ack().unwrap();
    assert_eq!(ack.sip_method().unwrap().to_bytes(), b"ACK");
    assert_eq!(ack.cseq().unwrap().method().unwrap().to_bytes(), b"ACK");
    assert_eq!(
        crate::msg::tag(ack.to().unwrap()).unwrap().to_bytes(),
        b"b1"
    );
    assert_eq!(
        ack.req_uri().unwrap().host().unwrap().to_bytes(),
        b"b.example"
    );
    let ack_at = addr(ack);
    assert_eq!(
        w.app.seen,
        [
            Seen::Send {
                msg: ack_at,
                host: hop,
                port: 5070,
                sock: 0
            },
            cb(OSIP_ICT_STATUS_4XX_RECEIVED, busy_at),
            cb(OSIP_ICT_ACK_SENT, ack_at),
        ]
    );
    let ict = tr.ict_context().unwrap();
    assert_eq!(ict.timer_d_start.tv_sec, 100 + 32);
    w.app.seen.clear();

    // The ACK got lost: the retransmitted response is freed, the ACK resent.
    let again = response(486, "INVITE", "UDP");
    let again_at = addr(&again);
    assert!(matches!(
        step(&mut w, RCV_STATUS_3456XX, Some(again)),
        Left::Freed
    ));
    assert_eq!(
        w.app.seen[0],
        cb(OSIP_ICT_STATUS_3456XX_RECEIVED_AGAIN, again_at)
    );
    assert_eq!(w.app.seen[2], cb(OSIP_ICT_ACK_SENT_AGAIN, ack_at));
    w.app.seen.clear();

    assert!(matches!(step(&mut w, TIMEOUT_D, None), Left::Lent(None)));
    let tr = w.app.view();
    assert_eq!(tr.state, ICT_TERMINATED as c_int);
    assert_eq!((tr.completed_time, tr.destroyed_time.tv_sec), (100, 100));
    assert_eq!(tr.ict_context().unwrap().timer_d_length, -1);
    assert_eq!(w.app.seen, [Seen::Kill(0)]);
    assert_eq!(w.app.steps, 4);
}

#[test]
fn the_kill_callback_may_free_the_transaction() {
    let invite = request("INVITE", "UDP");
    let mut w = world(Kind::Ict, &invite);
    step(&mut w, SND_REQINVITE, Some(invite));
    w.app.free_when = Some(|s| matches!(s, Seen::Kill(_)));
    let ok = response(200, "INVITE", "UDP");
    let ok_at = addr(&ok);
    w.app.seen.clear();
    step(&mut w, RCV_STATUS_2XX, Some(ok));
    assert!(w.app.tr.is_none());
    assert_eq!(
        w.app.seen,
        [cb(OSIP_ICT_STATUS_2XX_RECEIVED, ok_at), Seen::Kill(0)]
    );
    assert_eq!(w.app.steps, 2);
}

#[test]
fn a_message_callback_may_free_the_transaction_too() {
    let bye = request("BYE", "UDP");
    let mut w = world(Kind::Nict, &bye);
    step(&mut w, SND_REQUEST, Some(bye));
    w.app.free_when = Some(|s| matches!(s, Seen::Message(..)));
    w.app.seen.clear();
    let trying = response(100, "BYE", "UDP");
    let trying_at = addr(&trying);
    step(&mut w, RCV_STATUS_1XX, Some(trying));
    assert!(w.app.tr.is_none());
    assert_eq!(w.app.seen, [cb(OSIP_NICT_STATUS_1XX_RECEIVED, trying_at)]);
}

#[test]
fn a_failed_send_is_a_transport_error_then_the_end() {
    let invite = request("INVITE", "UDP");
    let mut w = world(Kind::Ict, &invite);
    w.app.send_results.push_back(-3);
    step(&mut w, SND_REQINVITE, Some(invite));
    assert_eq!(w.app.view().state, ICT_TERMINATED as c_int);
    assert_eq!(
        w.app.seen[1..],
        [Seen::TransportError(0, -3), Seen::Kill(0)]
    );
}

#[test]
fn timer_b_reports_a_connection_that_never_came_up_as_a_transport_error() {
    let invite = request("INVITE", "TCP");
    let mut w = world(Kind::Ict, &invite);
    step(&mut w, SND_REQINVITE, Some(invite));
    // Reliable and sent: no retransmissions.
    assert_eq!(w.app.view().ict_context().unwrap().timer_a_length, -1);
    w.app.tr.as_mut().unwrap().out_socket = -999;
    w.app.seen.clear();
    step(&mut w, TIMEOUT_B, None);
    assert_eq!(w.app.seen, [Seen::TransportError(0, -1), Seen::Kill(0)]);
}

#[test]
fn ist_answers_a_retransmitted_invite_with_its_last_response() {
    let invite = request("INVITE", "UDP");
    let mut w = world(Kind::Ist, &invite);
    let invite_at = addr(&invite);
    step(&mut w, RCV_REQINVITE, Some(invite));
    assert_eq!(w.app.seen, [cb(OSIP_IST_INVITE_RECEIVED, invite_at)]);
    w.app.seen.clear();

    let mut busy = response(486, "INVITE", "UDP");
    let via = via(
        "UDP",
        "client.example",
        &[("received", Some("192.0.2.1")), ("rport", Some("5099"))],
    );
    busy.vias_mut().clear();
    let _ = busy.vias_mut().push(via);
    let busy_at = addr(&busy);
    let received = {
        let via = crate::msg::top_via(&busy).unwrap();
        Host::of(crate::msg::param_value(via.via_params(), b"received"))
    };
    step(&mut w, SND_STATUS_3456XX, Some(busy));
    let sent = Seen::Send {
        msg: busy_at,
        host: received,
        port: 5099,
        sock: 0,
    };
    assert_eq!(w.app.seen, [sent, cb(OSIP_IST_STATUS_4XX_SENT, busy_at)]);
    let tr = w.app.view();
    assert_eq!(tr.state, IST_COMPLETED as c_int);
    let ist = tr.ist_context().unwrap();
    assert_eq!(
        (ist.timer_g_start.tv_sec, ist.timer_h_start.tv_sec),
        (100, 132)
    );
    w.app.seen.clear();

    let again = request("INVITE", "UDP");
    assert!(matches!(
        step(&mut w, RCV_REQINVITE, Some(again)),
        Left::Freed
    ));
    assert_eq!(
        w.app.seen,
        [
            cb(OSIP_IST_INVITE_RECEIVED_AGAIN, invite_at),
            sent,
            cb(OSIP_IST_STATUS_3456XX_SENT_AGAIN, busy_at),
        ]
    );
    w.app.seen.clear();

    let ack = request("ACK", "UDP");
    let ack_at = addr(&ack);
    step(&mut w, RCV_REQACK, Some(ack));
    assert_eq!(w.app.seen, [cb(OSIP_IST_ACK_RECEIVED, ack_at)]);
    assert_eq!(w.app.view().state, IST_CONFIRMED as c_int);
}

#[test]
fn nict_polls_a_connection_in_progress() {
    let options = request("OPTIONS", "TCP");
    let mut w = world(Kind::Nict, &options);
    let at = addr(&options);
    w.app.send_results.push_back(1);
    step(&mut w, SND_REQUEST, Some(options));
    let tr = w.app.view();
    assert_eq!(tr.state, NICT_TRYING as c_int);
    let nict = tr.nict_context().unwrap();
    assert_eq!(nict.timer_e_length, DEFAULT_T1_TCP_PROGRESS);
    assert_eq!(nict.timer_e_start.tv_usec, 500_000);
    assert_eq!(w.app.seen[1], cb(OSIP_NICT_OPTIONS_SENT, at));
    w.app.seen.clear();

    // Still connecting: nothing to report.
    w.app.send_results.push_back(1);
    step(&mut w, TIMEOUT_E, None);
    assert_eq!(w.app.seen.len(), 1);
    // Connected: a reliable transport needs no more retransmissions.
    step(&mut w, TIMEOUT_E, None);
    assert_eq!(w.app.seen[2], cb(OSIP_NICT_REQUEST_SENT_AGAIN, at));
    assert_eq!(w.app.view().nict_context().unwrap().timer_e_length, -1);
}

#[test]
fn nist_answers_retransmissions_until_timer_j() {
    let register = request("REGISTER", "UDP");
    let mut w = world(Kind::Nist, &register);
    let at = addr(&register);
    step(&mut w, RCV_REQUEST, Some(register));
    assert_eq!(w.app.seen, [cb(OSIP_NIST_REGISTER_RECEIVED, at)]);
    let ok = response(200, "REGISTER", "UDP");
    let ok_at = addr(&ok);
    step(&mut w, SND_STATUS_2XX, Some(ok));
    assert_eq!(w.app.seen[2], cb(OSIP_NIST_STATUS_2XX_SENT, ok_at));
    let tr = w.app.view();
    assert_eq!(tr.state, NIST_COMPLETED as c_int);
    assert_eq!(tr.nist_context().unwrap().timer_j_start.tv_sec, 132);
    w.app.seen.clear();

    step(&mut w, RCV_REQUEST, Some(request("REGISTER", "UDP")));
    assert_eq!(w.app.seen[0], cb(OSIP_NIST_REQUEST_RECEIVED_AGAIN, at));
    assert_eq!(w.app.seen[2], cb(OSIP_NIST_STATUS_2XX_SENT_AGAIN, ok_at));
    step(&mut w, TIMEOUT_J, None);
    assert_eq!(w.app.view().state, NIST_TERMINATED as c_int);
    assert_eq!(w.app.seen.last(), Some(&Seen::Kill(3)));
}

#[test]
fn an_action_needs_its_context_and_a_message_event_its_message() {
    let bye = request("BYE", "UDP");
    let mut w = world(Kind::Nict, &bye);
    let ev = |ty: type_t| Event {
        ty: ty as c_int,
        msg: None,
    };
    let refused = w.with(|env, t| run(env, t, ev(SND_REQUEST), Action::NictSndRequest));
    assert!(refused.is_err());
    let refused = w.with(|env, t| run(env, t, ev(TIMEOUT_A), Action::IctTimeoutA));
    assert!(refused.is_err());
    assert_eq!((w.app.steps, w.app.seen.len()), (0, 0));
}

#[test]
fn execute_frees_a_useless_event_and_its_message() {
    let register = request("REGISTER", "UDP");
    let mut w = world(Kind::Nist, &register);
    let mut evt = crate::event::new(RCV_STATUS_2XX as c_int, 7).unwrap();
    evt.set_sip(Some(response(200, "REGISTER", "UDP")));
    assert_eq!(w.with(|env, t| transaction::execute(env, t, evt)), 1);
    assert_eq!(w.app.view().state, NIST_PRE_TRYING as c_int);
    let traces = w.parser.traces.borrow();
    assert_eq!(traces.last().unwrap().3, "USELESS event!\n");
    assert_eq!(traces[0].3, "sipevent tr->transactionid: 7\n");
    drop(traces);

    let kill = crate::event::new(KILL_TRANSACTION as c_int, 7).unwrap();
    assert_eq!(w.with(|env, t| transaction::execute(env, t, kill)), 0);
    let mut evt = crate::event::new(RCV_REQUEST as c_int, 7).unwrap();
    evt.set_sip(Some(register));
    assert_eq!(w.with(|env, t| transaction::execute(env, t, evt)), 1);
    assert_eq!(w.app.view().state, NIST_TRYING as c_int);
    assert_eq!(w.app.steps, 1);
}
