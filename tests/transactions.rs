//! Transactions driven through the exported functions: state machine flows
//! and the inputs on which libosip2 5.3.0 crashes (spec section 16), which
//! must give error codes or be ignored instead.

mod common;

use libc::{c_char, c_int, c_void};
use osip2::abi::osip_message_callback_type::*;
use osip2::abi::type_t::*;
use osip2::abi::{_state_t::*, osip_event_t, osip_srv_record_t, osip_t, osip_transaction_t};
use osip2::ffi::callbacks::*;
use osip2::ffi::event::*;
use osip2::ffi::internal::*;
use osip2::ffi::osip::osip_release;
use osip2::ffi::transaction::*;
use osip2::parser::{osip_message_free, osip_message_t, osip_uri_free};
use std::cell::RefCell;
use std::ptr;

/// What the callbacks saw, in order.
#[derive(Debug, PartialEq, Eq, Clone)]
enum Seen {
    Msg(c_int, c_int),
    Kill(c_int, c_int),
    Err(c_int, c_int, c_int),
    Send(String, c_int),
}

thread_local! {
    static SEEN: RefCell<Vec<Seen>> = const { RefCell::new(Vec::new()) };
    static SEND_RESULT: RefCell<c_int> = const { RefCell::new(0) };
    static FREE_IN_KILL: RefCell<bool> = const { RefCell::new(false) };
    static LAST_SENT: RefCell<String> = const { RefCell::new(String::new()) };
}

fn seen() -> Vec<Seen> {
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

unsafe extern "C" fn on_msg(ty: c_int, tr: *mut osip_transaction_t, _msg: *mut osip_message_t) {
    SEEN.with(|s| s.borrow_mut().push(Seen::Msg(ty, unsafe { (*tr).state })));
}

unsafe extern "C" fn on_kill(ty: c_int, tr: *mut osip_transaction_t) {
    SEEN.with(|s| s.borrow_mut().push(Seen::Kill(ty, unsafe { (*tr).state })));
    if FREE_IN_KILL.with(|f| *f.borrow()) {
        assert_eq!(unsafe { osip_transaction_free(tr) }, 0);
    }
}

unsafe extern "C" fn on_error(ty: c_int, tr: *mut osip_transaction_t, e: c_int) {
    SEEN.with(|s| {
        s.borrow_mut()
            .push(Seen::Err(ty, unsafe { (*tr).state }, e))
    });
}

unsafe extern "C" fn on_send(
    _tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    host: *mut c_char,
    port: c_int,
    _sock: c_int,
) -> c_int {
    // SAFETY: the stack passes a valid message.
    let sent = unsafe { common::sip::text_of(msg) };
    LAST_SENT.with(|l| *l.borrow_mut() = sent);
    let host = if host.is_null() {
        "(null)".to_string()
    } else {
        unsafe { std::ffi::CStr::from_ptr(host) }
            .to_string_lossy()
            .into_owned()
    };
    SEEN.with(|s| s.borrow_mut().push(Seen::Send(host, port)));
    SEND_RESULT.with(|r| *r.borrow())
}

/// An instance with every callback registered (and the send callback unless
/// `with_send` is false).
fn instance(with_send: bool) -> *mut osip_t {
    common::sip::instance(common::sip::Callbacks {
        message: Some(on_msg),
        kill: Some(on_kill),
        transport_error: Some(on_error),
        send: if with_send { Some(on_send) } else { None },
    })
}

use common::sip::{incoming, message as parse, outgoing};

fn request(method: &str, uri: &str, proto: &str) -> String {
    format!(
        "{method} {uri} SIP/2.0\r\nVia: SIP/2.0/{proto} 10.0.0.1:5062;branch=z9hG4bKt1\r\n\
         From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>\r\n\
         Call-ID: c1@h\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"
    )
}

fn response(code: u32, method: &str) -> String {
    format!(
        "SIP/2.0 {code} X\r\nVia: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt1;received=9.9.9.9\r\n\
         From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>;tag=2\r\n\
         Call-ID: c1@h\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"
    )
}

fn transaction(osip: *mut osip_t, kind: c_int, text: &str) -> *mut osip_transaction_t {
    let m = parse(text);
    let mut tr = ptr::null_mut();
    unsafe {
        assert_eq!(osip_transaction_init(&mut tr, kind, osip, m), 0);
        osip_message_free(m);
    }
    assert!(!tr.is_null());
    tr
}

fn timeout(ty: osip2::abi::type_t) -> *mut osip_event_t {
    unsafe { __osip_event_new(ty as c_int, 0) }
}

fn state(tr: *mut osip_transaction_t) -> c_int {
    unsafe { (*tr).state }
}

fn done(osip: *mut osip_t, tr: *mut osip_transaction_t) {
    unsafe {
        assert_eq!(osip_transaction_free(tr), 0);
        osip_release(osip);
    }
}

#[test]
fn nict_register_flow() {
    let osip = instance(true);
    let tr = transaction(osip, 2, &request("REGISTER", "sip:reg.example.com", "UDP"));
    unsafe {
        let e = outgoing(&request("REGISTER", "sip:reg.example.com", "UDP"));
        assert_eq!(osip_transaction_execute(tr, e), 1);
        assert_eq!(
            seen(),
            [
                Seen::Send("reg.example.com".into(), 5060),
                Seen::Msg(OSIP_NICT_REGISTER_SENT as c_int, NICT_PRE_TRYING as c_int)
            ]
        );
        assert_eq!((*(*tr).nict_context).timer_e_length, 500);
        assert_ne!((*(*tr).nict_context).timer_e_start.tv_sec, -1);
        assert_eq!(
            osip_transaction_execute(tr, incoming(&response(100, "REGISTER"))),
            1
        );
        assert_eq!((*(*tr).nict_context).timer_e_length, 4000);
        assert_eq!(
            osip_transaction_execute(tr, incoming(&response(200, "REGISTER"))),
            1
        );
        assert_eq!(state(tr), NICT_COMPLETED as c_int);
        // Responses in COMPLETED are dropped and freed.
        assert_eq!(
            osip_transaction_execute(tr, incoming(&response(200, "REGISTER"))),
            1
        );
        assert_eq!(osip_transaction_execute(tr, timeout(TIMEOUT_K)), 1);
        assert_eq!(
            seen(),
            [
                Seen::Msg(OSIP_NICT_STATUS_1XX_RECEIVED as c_int, NICT_TRYING as c_int),
                Seen::Msg(
                    OSIP_NICT_STATUS_2XX_RECEIVED as c_int,
                    NICT_PROCEEDING as c_int
                ),
                Seen::Kill(2, NICT_TERMINATED as c_int),
            ]
        );
        assert_ne!((*tr).completed_time, 0);
    }
    done(osip, tr);
}

#[test]
fn ist_rejects_and_absorbs_retransmissions() {
    let osip = instance(true);
    let invite = request("INVITE", "sip:b@10.0.0.2", "UDP");
    let tr = transaction(osip, 1, &invite);
    unsafe {
        osip_transaction_execute(tr, incoming(&invite));
        osip_transaction_execute(tr, outgoing(&response(486, "INVITE")));
        osip_transaction_execute(tr, incoming(&invite));
        osip_transaction_execute(tr, timeout(TIMEOUT_G));
        assert_eq!((*(*tr).ist_context).timer_g_length, 1000);
        assert_eq!(
            seen(),
            [
                Seen::Msg(
                    OSIP_IST_INVITE_RECEIVED as c_int,
                    IST_PRE_PROCEEDING as c_int
                ),
                Seen::Send("9.9.9.9".into(), 5062),
                Seen::Msg(OSIP_IST_STATUS_4XX_SENT as c_int, IST_PROCEEDING as c_int),
                Seen::Msg(
                    OSIP_IST_INVITE_RECEIVED_AGAIN as c_int,
                    IST_COMPLETED as c_int
                ),
                Seen::Send("9.9.9.9".into(), 5062),
                Seen::Msg(
                    OSIP_IST_STATUS_3456XX_SENT_AGAIN as c_int,
                    IST_COMPLETED as c_int
                ),
                Seen::Send("9.9.9.9".into(), 5062),
                Seen::Msg(
                    OSIP_IST_STATUS_3456XX_SENT_AGAIN as c_int,
                    IST_COMPLETED as c_int
                ),
            ]
        );
    }
    done(osip, tr);
}

#[test]
fn null_arguments_are_rejected() {
    let osip = instance(true);
    let tr = transaction(osip, 3, &request("OPTIONS", "sip:b@h", "UDP"));
    unsafe {
        // H6
        let e = timeout(TIMEOUT_J);
        assert_eq!(osip_transaction_execute(ptr::null_mut(), e), -2);
        assert_eq!(osip_transaction_execute(tr, ptr::null_mut()), -2);
        osip_event_free(e);
        assert_eq!(osip_transaction_add_event(tr, ptr::null_mut()), -2);
        assert_eq!(osip_transaction_free(ptr::null_mut()), -2);
        assert_eq!(osip_transaction_free2(ptr::null_mut()), -2);
        // H10: NULL out-pointers are skipped.
        assert_eq!(
            osip_transaction_get_destination(tr, ptr::null_mut(), ptr::null_mut()),
            -1
        );
        assert_eq!(
            osip_transaction_get_destination(ptr::null_mut(), ptr::null_mut(), ptr::null_mut()),
            -2
        );
        // H11
        assert_eq!(osip_transaction_set_srv_record(tr, ptr::null_mut()), -2);
        let mut rec: osip_srv_record_t = std::mem::zeroed();
        rec.srv_state = 3;
        assert_eq!(osip_transaction_set_srv_record(tr, &mut rec), 0);
        assert_eq!((*tr).record.srv_state, 3);
        // H1
        assert_eq!(osip_set_message_callback(osip, -1, Some(on_msg)), -2);
        assert_eq!(
            osip_set_kill_transaction_callback(osip, -1, Some(on_kill)),
            -2
        );
        assert_eq!(
            osip_set_transport_error_callback(osip, -5, Some(on_error)),
            -2
        );
        assert_eq!(
            osip_set_message_callback(ptr::null_mut(), 1, Some(on_msg)),
            -2
        );
        __osip_message_callback(-1, tr, ptr::null_mut());
        __osip_kill_transaction_callback(-1, tr);
        __osip_transport_error_callback(-1, tr, 0);
        osip_set_cb_send_message(ptr::null_mut(), Some(on_send));
        // Init without instance, request or out-pointer.
        let m = parse(&request("OPTIONS", "sip:b@h", "UDP"));
        let mut t2 = ptr::dangling_mut::<osip_transaction_t>();
        assert_eq!(osip_transaction_init(&mut t2, 3, ptr::null_mut(), m), -2);
        assert!(t2.is_null());
        assert_eq!(osip_transaction_init(ptr::null_mut(), 3, osip, m), -2);
        assert_eq!(osip_transaction_init(&mut t2, 3, osip, ptr::null_mut()), -2);
        osip_message_free(m);
        // H24
        let m = parse(&request("OPTIONS", "sip:b@h", "UDP"));
        let method = (*m).sip_method;
        (*m).sip_method = ptr::null_mut();
        assert_eq!(evt_set_type_incoming_sipmessage(m), RCV_REQUEST as c_int);
        assert_eq!(evt_set_type_outgoing_sipmessage(m), SND_REQUEST as c_int);
        assert!(osip_new_outgoing_sipmessage(m).is_null());
        (*m).sip_method = method;
        osip_message_free(m);
        assert_eq!(
            evt_set_type_incoming_sipmessage(ptr::null_mut()),
            UNKNOWN_EVT as c_int
        );
    }
    assert!(seen().is_empty());
    done(osip, tr);
}

#[test]
fn missing_send_callback_is_a_transport_error() {
    // H3
    let osip = instance(false);
    let text = request("INVITE", "sip:b@h", "UDP");
    let tr = transaction(osip, 0, &text);
    unsafe {
        assert_eq!(osip_transaction_execute(tr, outgoing(&text)), 1);
    }
    assert_eq!(
        seen(),
        [
            Seen::Err(0, ICT_PRE_CALLING as c_int, -1),
            Seen::Kill(0, ICT_TERMINATED as c_int)
        ]
    );
    done(osip, tr);
}

#[test]
fn client_request_without_next_hop() {
    // H4: no loose route and no request-URI.
    let osip = instance(true);
    for (kind, method) in [(0, "INVITE"), (2, "BYE")] {
        let m = parse(&request(method, "sip:b@h", "UDP"));
        unsafe {
            osip_uri_free((*m).req_uri);
            (*m).req_uri = ptr::null_mut();
            let mut tr = ptr::dangling_mut::<osip_transaction_t>();
            assert_eq!(osip_transaction_init(&mut tr, kind, osip, m), -2);
            assert!(tr.is_null());
            assert_eq!((*osip).osip_ict_transactions.count(), 0);
            assert_eq!((*osip).osip_nict_transactions.count(), 0);
            osip_message_free(m);
        }
    }
    unsafe { osip_release(osip) };
}

#[test]
fn context_init_failure_clears_the_out_pointer() {
    // H5
    let m = parse(
        "INVITE sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n",
    );
    unsafe {
        let mut ict = ptr::dangling_mut::<osip2::abi::osip_ict_t>();
        assert_eq!(__osip_ict_init(&mut ict, ptr::null_mut(), m), -1);
        assert!(ict.is_null());
        let mut nist = ptr::dangling_mut::<osip2::abi::osip_nist_t>();
        assert_eq!(
            __osip_nist_init(&mut nist, ptr::null_mut(), ptr::null_mut()),
            -2
        );
        assert!(nist.is_null());
        assert_eq!(__osip_ict_init(ptr::null_mut(), ptr::null_mut(), m), -2);
        osip_message_free(m);
    }
}

#[test]
fn free_without_instance() {
    // H12
    let osip = instance(true);
    let tr = transaction(osip, 3, &request("OPTIONS", "sip:b@h", "UDP"));
    unsafe {
        assert_eq!(osip2::ffi::lists::osip_remove_transaction(osip, tr), 0);
        (*tr).config = ptr::null_mut();
        // Without an instance the dispatchers report to nobody.
        __osip_kill_transaction_callback(3, tr);
        assert_ne!((*tr).destroyed_time.tv_sec, 0);
        assert_eq!(osip_transaction_free(tr), 0);
        osip_release(osip);
    }
    assert!(seen().is_empty());
}

#[test]
fn message_events_without_message_are_dropped() {
    let osip = instance(true);
    let tr = transaction(osip, 3, &request("OPTIONS", "sip:b@h", "UDP"));
    unsafe {
        let e = __osip_event_new(RCV_REQUEST as c_int, 0);
        assert_eq!(osip_transaction_execute(tr, e), 1);
        assert_eq!(state(tr), NIST_PRE_TRYING as c_int);
        // A KILL event's message stays the caller's.
        let m = parse(&request("OPTIONS", "sip:b@h", "UDP"));
        let k = __osip_event_new(KILL_TRANSACTION as c_int, 0);
        (*k).sip = m;
        assert_eq!(osip_transaction_execute(tr, k), 0);
        osip_message_free(m);
        // Actions called directly need the right context.
        let e = incoming(&request("OPTIONS", "sip:b@h", "UDP"));
        ict_rcv_1xx(tr, e);
        osip_event_free(e);
    }
    assert!(seen().is_empty());
    done(osip, tr);
}

#[test]
fn kill_callback_may_free_the_transaction() {
    let osip = instance(true);
    let text = request("INVITE", "sip:b@h", "TCP");
    let tr = transaction(osip, 0, &text);
    FREE_IN_KILL.with(|f| *f.borrow_mut() = true);
    unsafe {
        assert_eq!(osip_transaction_execute(tr, outgoing(&text)), 1);
        assert_eq!(
            osip_transaction_execute(tr, incoming(&response(200, "INVITE"))),
            1
        );
    }
    FREE_IN_KILL.with(|f| *f.borrow_mut() = false);
    assert_eq!(
        seen(),
        [
            Seen::Send("h".into(), 5060),
            Seen::Msg(OSIP_ICT_INVITE_SENT as c_int, ICT_PRE_CALLING as c_int),
            Seen::Msg(OSIP_ICT_STATUS_2XX_RECEIVED as c_int, ICT_CALLING as c_int),
            Seen::Kill(0, ICT_TERMINATED as c_int),
        ]
    );
    unsafe {
        assert_eq!((*osip).osip_ict_transactions.count(), 0);
        osip_release(osip);
    }
}

#[test]
fn your_instance_is_reserved1() {
    let osip = instance(true);
    let tr = transaction(osip, 1, &request("INVITE", "sip:b@h", "UDP"));
    let p = 0x1234 as *mut c_void;
    unsafe {
        assert_eq!(osip_transaction_set_your_instance(tr, p), 0);
        assert_eq!(osip_transaction_get_reserved1(tr), p);
        assert!((*tr).your_instance.is_null());
        assert_eq!(
            osip_transaction_get_your_instance(ptr::null_mut()),
            ptr::null_mut()
        );
        assert_eq!(osip_transaction_set_reserved4(ptr::null_mut(), p), -2);
    }
    done(osip, tr);
}

#[test]
fn exported_tables_follow_the_core_tables() {
    use osip2::core::fsm;
    use osip2::core::kind::Kind;
    unsafe {
        let machines = [
            (Kind::Ict, ptr::addr_of_mut!(ict_fsm)),
            (Kind::Ist, ptr::addr_of_mut!(ist_fsm)),
            (Kind::Nict, ptr::addr_of_mut!(nict_fsm)),
            (Kind::Nist, ptr::addr_of_mut!(nist_fsm)),
        ];
        for (kind, sm) in machines {
            let mut rows = vec![];
            let mut t = (*sm).transitions;
            while !t.is_null() {
                assert!((*t).method.is_some());
                assert!((*t).parent.is_null());
                rows.push(((*t).state, (*t).type_));
                t = (*t).next;
            }
            let want: Vec<_> = fsm::table(kind)
                .iter()
                .map(|r| (r.state as c_int, r.event as c_int))
                .collect();
            assert_eq!(rows, want);
        }
        assert_eq!(
            fsm_callmethod(
                99,
                0,
                ptr::addr_of_mut!(ict_fsm),
                ptr::null_mut(),
                ptr::null_mut()
            ),
            -1
        );
        assert_eq!(
            fsm_callmethod(16, 0, ptr::null_mut(), ptr::null_mut(), ptr::null_mut()),
            -1
        );
    }
    // Through the table, with a real transaction.
    let osip = instance(true);
    let tr = transaction(osip, 3, &request("OPTIONS", "sip:b@h", "UDP"));
    unsafe {
        let e = incoming(&request("OPTIONS", "sip:b@h", "UDP"));
        let r = fsm_callmethod(
            RCV_REQUEST as c_int,
            NIST_PRE_TRYING as c_int,
            ptr::addr_of_mut!(nist_fsm),
            e as *mut c_void,
            tr as *mut c_void,
        );
        assert_eq!(r, 0);
        libc::free(e as *mut c_void);
    }
    assert_eq!(
        seen(),
        [Seen::Msg(
            OSIP_NIST_OPTIONS_RECEIVED as c_int,
            NIST_PRE_TRYING as c_int
        )]
    );
    assert_eq!(state(tr), NIST_TRYING as c_int);
    done(osip, tr);
}

/// The ACK for a non-2xx response: dialog identifiers from the response,
/// request-URI, top Via and Routes from the INVITE, credentials unless the
/// response is a challenge.
#[test]
fn ack_for_non_2xx_responses() {
    let invite = "INVITE sip:b@10.0.0.2:5070;maddr=10.9.9.9 SIP/2.0\r\n\
                  Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt1;rport\r\n\
                  Via: SIP/2.0/UDP 10.0.0.7;branch=z9hG4bKlower\r\n\
                  Route: <sip:strict.example.com>\r\n\
                  From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>\r\n\
                  Call-ID: c1@h\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n\
                  Contact: <sip:a@10.0.0.1>\r\n\
                  Proxy-Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:b\", response=\"x\"\r\n\
                  Content-Length: 0\r\n\r\n";
    let osip = instance(true);
    for (code, credentials) in [(486, true), (407, false)] {
        let tr = transaction(osip, 0, invite);
        unsafe {
            osip_transaction_execute(tr, outgoing(invite));
            osip_transaction_execute(tr, incoming(&response(code, "INVITE")));
            assert_eq!(state(tr), ICT_COMPLETED as c_int);
            assert!(!(*tr).ack.is_null());
        }
        let ack = LAST_SENT.with(|l| l.borrow().clone());
        let mut want = String::from(
            "ACK sip:b@10.0.0.2:5070;maddr=10.9.9.9 SIP/2.0\r\n\
             Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKt1;rport\r\n\
             Route: <sip:strict.example.com>\r\n\
             From: <sip:a@a.example.com>;tag=1\r\n\
             To: <sip:b@b.example.com>;tag=2\r\n\
             Call-ID: c1@h\r\nCSeq: 1 ACK\r\n",
        );
        if credentials {
            want.push_str(
                "Proxy-Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:b\", response=\"x\"\r\n",
            );
        }
        want.push_str("Content-Length: 0\r\n\r\n");
        assert_eq!(ack, want);
        let last = seen();
        assert_eq!(last[last.len() - 3], Seen::Send("10.9.9.9".into(), 5070));
        unsafe { assert_eq!(osip_transaction_free(tr), 0) };
    }
    unsafe { osip_release(osip) };
}
