//! Dialogs and out-of-transaction retransmissions through the Rust library:
//! NULL and inconsistent input must give libosip2's error codes (or the
//! safe result chosen where libosip2 crashes: spec H14, H16, H17, H18),
//! never a crash.

mod common;

use libc::{c_char, c_int};
use osip2::abi::{ixt_t, osip_dialog_t, osip_t, osip_transaction_t};
use osip2::ffi::dialog::*;
use osip2::ffi::ixt::*;
use osip2::parser::util::list_get;
use osip2::parser::*;
use std::ffi::CStr;
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::Mutex;

const INVITE: &str = "INVITE sip:bob@example.com;line=abc SIP/2.0\r\n\
Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1\r\n\
Record-Route: <sip:rrX.example.com;lr>\r\n\
From: <sip:carol@example.com>;tag=c1\r\n\
To: <sip:bob@example.com>\r\n\
Call-ID: cid3@h\r\n\
CSeq: 5 INVITE\r\n\
Contact: <sip:carol@10.0.0.9>\r\n\
Content-Length: 0\r\n\r\n";

const OK: &str = "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1;received=9.9.9.9;rport=7777\r\n\
Record-Route: <sip:rr1.example.com;lr>\r\n\
Record-Route: <sip:rr2.example.com;lr>\r\n\
From: <sip:carol@example.com>;tag=c1\r\n\
To: <sip:bob@example.com>;tag=b1\r\n\
Call-ID: cid3@h\r\n\
CSeq: 5 INVITE\r\n\
Contact: <sip:bob@10.0.0.2>\r\n\
Content-Length: 0\r\n\r\n";

const ACK: &str = "ACK sip:bob@10.0.0.2 SIP/2.0\r\n\
Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK2\r\n\
From: <sip:carol@example.com>;tag=c1\r\n\
To: <sip:bob@example.com>;tag=b1\r\n\
Call-ID: cid3@h\r\n\
CSeq: 5 ACK\r\n\
Content-Length: 0\r\n\r\n";

/// A parsed message the test owns.
struct Msg(*mut osip_message_t);

impl Msg {
    fn parse(text: &str) -> Msg {
        Msg(common::sip::message(text))
    }

    /// `text` with `from` replaced by `to` before parsing.
    fn edited(text: &str, from: &str, to: &str) -> Msg {
        assert!(text.contains(from), "{from}");
        Msg::parse(&text.replacen(from, to, 1))
    }
}

impl Drop for Msg {
    fn drop(&mut self) {
        // SAFETY: ours.
        unsafe { osip_message_free(self.0) };
    }
}

fn text(p: *const c_char) -> Option<String> {
    // SAFETY: NULL or a C string of a live dialog.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Route set hosts, in order.
fn routes(d: *mut osip_dialog_t) -> Vec<String> {
    // SAFETY: a live dialog; its route set holds record-routes.
    unsafe {
        (0..osip_list_size(&(*d).route_set))
            .map(|i| {
                let rr = list_get(&(*d).route_set, i) as *mut osip_record_route_t;
                text((*(*rr).url).host).unwrap()
            })
            .collect()
    }
}

fn uas_dialog(invite: &Msg, ok: &Msg) -> *mut osip_dialog_t {
    let mut d = ptr::null_mut();
    // SAFETY: valid messages.
    let r = unsafe { osip_dialog_init_as_uas(&mut d, invite.0, ok.0) };
    assert_eq!(r, 0);
    d
}

#[test]
fn constructors_reject_null_without_crashing() {
    let ok = Msg::parse(OK);
    let invite = Msg::parse(INVITE);
    let bogus = ptr::dangling_mut::<osip_dialog_t>();
    // SAFETY: every call is given NULL or valid pointers.
    unsafe {
        assert_eq!(osip_dialog_init_as_uac(ptr::null_mut(), ok.0), -2);
        assert_eq!(
            osip_dialog_init_as_uac_with_remote_request(ptr::null_mut(), invite.0, 1),
            -2
        );
        assert_eq!(osip_dialog_init_as_uas(ptr::null_mut(), invite.0, ok.0), -2);

        let mut d = bogus;
        assert_eq!(osip_dialog_init_as_uac(&mut d, ptr::null_mut()), -2);
        assert!(d.is_null());
        d = bogus;
        assert_eq!(
            osip_dialog_init_as_uac_with_remote_request(&mut d, ptr::null_mut(), 1),
            -2
        );
        assert!(d.is_null());
        d = bogus;
        assert_eq!(
            osip_dialog_init_as_uas(&mut d, invite.0, ptr::null_mut()),
            -2
        );
        assert!(d.is_null());
        d = bogus;
        assert_eq!(
            osip_dialog_init_as_uas(&mut d, ptr::null_mut(), ptr::null_mut()),
            -2
        );
        assert!(d.is_null());

        osip_dialog_free(ptr::null_mut());
        osip_dialog_set_state(ptr::null_mut(), 22);
        assert_eq!(osip_dialog_is_originator(ptr::null_mut()), -2);
        assert_eq!(osip_dialog_is_callee(ptr::null_mut()), -2);
    }
}

#[test]
fn missing_headers_are_errors() {
    let invite = Msg::parse(INVITE);
    let ok = Msg::parse(OK);
    // SAFETY: messages we own; detached headers are freed by us.
    unsafe {
        let mut d = ptr::null_mut();
        let cseq = (*ok.0).cseq;
        (*ok.0).cseq = ptr::null_mut();
        assert_eq!(osip_dialog_init_as_uas(&mut d, invite.0, ok.0), -5);
        assert_eq!(osip_dialog_init_as_uac(&mut d, ok.0), -5);
        (*ok.0).cseq = cseq;

        let call_id = (*ok.0).call_id;
        (*ok.0).call_id = ptr::null_mut();
        assert_eq!(osip_dialog_init_as_uac(&mut d, ok.0), -2);
        assert!(d.is_null());
        (*ok.0).call_id = call_id;

        let from = (*ok.0).from;
        (*ok.0).from = ptr::null_mut();
        assert_eq!(osip_dialog_init_as_uac(&mut d, ok.0), -5);
        (*ok.0).from = from;

        // The request's To has no tag: our local tag is missing.
        assert_eq!(
            osip_dialog_init_as_uac_with_remote_request(&mut d, invite.0, 7),
            -1
        );
        assert!(d.is_null());
        let cseq = (*invite.0).cseq;
        (*invite.0).cseq = ptr::null_mut();
        assert_eq!(
            osip_dialog_init_as_uac_with_remote_request(&mut d, invite.0, 7),
            -2
        );
        (*invite.0).cseq = cseq;
    }
}

#[test]
fn uas_and_uac_dialogs_follow_libosip2() {
    let invite = Msg::parse(INVITE);
    let ok = Msg::parse(OK);
    let d = uas_dialog(&invite, &ok);
    // SAFETY: live dialogs we free at the end.
    unsafe {
        let r = &*d;
        assert_eq!(text(r.call_id).as_deref(), Some("cid3@h"));
        assert_eq!(text(r.local_tag).as_deref(), Some("b1"));
        assert_eq!(text(r.remote_tag).as_deref(), Some("c1"));
        assert_eq!(text(r.line_param).as_deref(), Some("abc"));
        assert_eq!(
            (r.local_cseq, r.remote_cseq, r.secure, r.type_, r.state),
            (5, 5, -1, 1, 21)
        );
        assert_eq!(
            text((*(*r.remote_contact_uri).url).host).as_deref(),
            Some("10.0.0.9")
        );
        assert_eq!(routes(d), ["rr1.example.com", "rr2.example.com"]);
        assert_eq!(osip_dialog_is_callee(d), 1);
        assert_eq!(osip_dialog_is_originator(d), 0);
        osip_dialog_free(d);

        let mut c = ptr::null_mut();
        assert_eq!(osip_dialog_init_as_uac(&mut c, ok.0), 0);
        let r = &*c;
        assert_eq!(text(r.local_tag).as_deref(), Some("c1"));
        assert_eq!(text(r.remote_tag).as_deref(), Some("b1"));
        assert!(r.line_param.is_null());
        assert_eq!(
            (r.local_cseq, r.remote_cseq, r.type_, r.state),
            (5, -1, 0, 21)
        );
        assert_eq!(routes(c), ["rr2.example.com", "rr1.example.com"]);
        assert_eq!(osip_dialog_is_originator(c), 1);
        assert_eq!(osip_dialog_update_tag_as_uac(c, ok.0), -3);
        osip_dialog_free(c);
    }
}

#[test]
fn invite_without_request_uri_or_contact_still_builds() {
    let invite = Msg::edited(INVITE, "Contact: <sip:carol@10.0.0.9>\r\n", "");
    let ok = Msg::parse(OK);
    // SAFETY: messages we own; the detached URI is freed by us.
    unsafe {
        let uri = (*invite.0).req_uri;
        (*invite.0).req_uri = ptr::null_mut();
        let d = uas_dialog(&invite, &ok);
        assert!((*d).line_param.is_null());
        assert!((*d).remote_contact_uri.is_null());
        osip_dialog_free(d);
        (*invite.0).req_uri = uri;

        // No INVITE at all: treated as a peer that sent no Contact; like
        // libosip2, the route set is then ordered as for a UAC.
        let mut d = ptr::null_mut();
        assert_eq!(osip_dialog_init_as_uas(&mut d, ptr::null_mut(), ok.0), 0);
        assert!((*d).remote_contact_uri.is_null());
        assert_eq!(routes(d), ["rr2.example.com", "rr1.example.com"]);
        osip_dialog_free(d);
    }
}

#[test]
fn mutators_reject_null() {
    let invite = Msg::parse(INVITE);
    let ok = Msg::parse(OK);
    let d = uas_dialog(&invite, &ok);
    // SAFETY: a live dialog and messages we own.
    unsafe {
        assert_eq!(
            osip_dialog_update_route_set_as_uas(ptr::null_mut(), invite.0),
            -2
        );
        assert_eq!(osip_dialog_update_route_set_as_uas(d, ptr::null_mut()), -2);
        assert_eq!(
            osip_dialog_update_route_set_as_uac(ptr::null_mut(), ok.0),
            -2
        );
        assert_eq!(osip_dialog_update_route_set_as_uac(d, ptr::null_mut()), -2);
        assert_eq!(
            osip_dialog_update_osip_cseq_as_uas(ptr::null_mut(), invite.0),
            -2
        );
        assert_eq!(osip_dialog_update_osip_cseq_as_uas(d, ptr::null_mut()), -2);
        assert_eq!(osip_dialog_update_tag_as_uac(ptr::null_mut(), ok.0), -2);
        assert_eq!(osip_dialog_update_tag_as_uac(d, ptr::null_mut()), -2);

        let number = (*(*invite.0).cseq).number;
        (*(*invite.0).cseq).number = ptr::null_mut();
        assert_eq!(osip_dialog_update_osip_cseq_as_uas(d, invite.0), -2);
        (*(*invite.0).cseq).number = number;
        assert_eq!(osip_dialog_update_osip_cseq_as_uas(d, invite.0), 0);

        let to = (*ok.0).to;
        (*ok.0).to = ptr::null_mut();
        assert_eq!(osip_dialog_update_tag_as_uac(d, ok.0), -2);
        (*ok.0).to = to;
        osip_dialog_free(d);
    }
}

#[test]
fn matchers_reject_null_and_valueless_tags() {
    let invite = Msg::parse(INVITE);
    let ok = Msg::parse(OK);
    let d = uas_dialog(&invite, &ok);
    let mut c = ptr::null_mut();
    // SAFETY: live dialogs and messages we own.
    unsafe {
        assert_eq!(osip_dialog_init_as_uac(&mut c, ok.0), 0);
        for f in [osip_dialog_match_as_uac, osip_dialog_match_as_uas] {
            assert_eq!(f(ptr::null_mut(), ok.0), -2);
            assert_eq!(f(d, ptr::null_mut()), -2);
            let call_id = (*ok.0).call_id;
            (*ok.0).call_id = ptr::null_mut();
            assert_eq!(f(d, ok.0), -2);
            (*ok.0).call_id = call_id;
        }
        assert_eq!(osip_dialog_match_as_uac(c, ok.0), 0);
        assert_eq!(osip_dialog_match_as_uas(d, invite.0), 0);

        // H17: `;tag` without a value is a mismatch, not strcmp(NULL).
        let resp = Msg::edited(OK, "tag=c1", "tag");
        assert_eq!(osip_dialog_match_as_uac(c, resp.0), -1);
        let resp = Msg::edited(OK, "tag=b1", "tag");
        assert_eq!(osip_dialog_match_as_uac(c, resp.0), -1);
        let req = Msg::edited(INVITE, "tag=c1", "tag");
        assert_eq!(osip_dialog_match_as_uas(d, req.0), -1);

        // A dialog whose strings the application removed.
        let saved = (*c).local_tag;
        (*c).local_tag = ptr::null_mut();
        assert_eq!(osip_dialog_match_as_uac(c, ok.0), -5);
        assert_eq!(osip_dialog_match_as_uas(c, invite.0), -5);
        (*c).local_tag = saved;
        let saved = (*c).call_id;
        (*c).call_id = ptr::null_mut();
        assert_eq!(osip_dialog_match_as_uac(c, ok.0), -2);
        (*c).call_id = saved;
        osip_dialog_free(c);
        osip_dialog_free(d);
    }
}

/// A zeroed `osip_t` with empty lists and no mutexes, as a C program might
/// build one by hand; freed with [`release`].
fn bare_osip() -> *mut osip_t {
    // SAFETY: zero is a valid `osip_t` (NULL pointers, empty lists).
    Box::into_raw(Box::new(unsafe { std::mem::zeroed::<osip_t>() }))
}

/// Frees what is left in the ixt list and the `osip_t`.
fn release(osip: *mut osip_t) {
    // SAFETY: `osip` came from `bare_osip`.
    unsafe {
        osip_stop_retransmissions_from_dialog(osip, ptr::null_mut());
        assert_eq!(osip_list_size(&(*osip).ixt_retransmissions), 0);
        drop(Box::from_raw(osip));
    }
}

fn record(osip: *mut osip_t, pos: c_int) -> *mut ixt_t {
    // SAFETY: a live `osip_t`.
    unsafe { list_get(&(*osip).ixt_retransmissions, pos) as *mut ixt_t }
}

/// Makes every record due.
fn force_due(osip: *mut osip_t) {
    // SAFETY: a live `osip_t` whose records are valid.
    unsafe {
        for i in 0..osip_list_size(&(*osip).ixt_retransmissions) {
            (*record(osip, i)).start.tv_sec = 0;
        }
    }
}

#[test]
fn ixt_functions_ignore_null() {
    let ok = Msg::parse(OK);
    let osip = bare_osip();
    // SAFETY: NULL or valid pointers.
    unsafe {
        osip_start_200ok_retransmissions(ptr::null_mut(), ptr::null_mut(), ok.0, 1);
        osip_start_ack_retransmissions(
            ptr::null_mut(),
            ptr::null_mut(),
            ok.0,
            ptr::null_mut(),
            1,
            1,
        );
        osip_stop_retransmissions_from_dialog(ptr::null_mut(), ptr::null_mut());
        osip_retransmissions_execute(ptr::null_mut());
        assert!(osip_stop_200ok_retransmissions(ptr::null_mut(), ok.0).is_null());
        assert!(osip_stop_200ok_retransmissions(osip, ptr::null_mut()).is_null());
        // H18: no 2xx, no record.
        osip_start_200ok_retransmissions(osip, ptr::null_mut(), ptr::null_mut(), 1);
        assert_eq!(osip_list_size(&(*osip).ixt_retransmissions), 0);
        // A NULL ACK is kept, as libosip2 does: it only counts down.
        osip_start_ack_retransmissions(
            osip,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
            9,
            3,
        );
        let r = record(osip, 0);
        assert!((*r).ack.is_null() && (*r).dest.is_null());
        assert_eq!(
            ((*r).port, (*r).sock, (*r).counter, (*r).interval),
            (9, 3, 10, 500)
        );
        force_due(osip);
        osip_retransmissions_execute(osip);
        assert_eq!((*r).counter, 9);
    }
    release(osip);
}

#[test]
fn missing_send_callback_still_counts() {
    let ok = Msg::parse(OK);
    let osip = bare_osip();
    // SAFETY: valid pointers.
    unsafe {
        osip_start_200ok_retransmissions(osip, ptr::null_mut(), ok.0, 42);
        let r = record(osip, 0);
        assert_eq!(text((*r).dest).as_deref(), Some("9.9.9.9"));
        assert_eq!(((*r).port, (*r).sock), (7777, 42));
        for left in (0..10).rev() {
            force_due(osip);
            osip_retransmissions_execute(osip);
            let n = osip_list_size(&(*osip).ixt_retransmissions);
            if left == 0 {
                assert_eq!(n, 0);
            } else {
                assert_eq!((*record(osip, 0)).counter, left);
            }
        }
    }
    release(osip);
}

static SENDS: AtomicUsize = AtomicUsize::new(0);
static REENTER: AtomicPtr<osip_t> = AtomicPtr::new(ptr::null_mut());
static SERIAL: Mutex<()> = Mutex::new(());

/// A send callback that stops every retransmission from inside the send,
/// which deadlocks libosip2 (H14).
unsafe extern "C" fn stop_all_while_sending(
    tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    dest: *mut c_char,
    port: c_int,
    sock: c_int,
) -> c_int {
    assert!(tr.is_null());
    let _ = (dest, port, sock);
    // SAFETY: the message must still be alive while being sent.
    assert!(unsafe { !(*msg).cseq.is_null() });
    SENDS.fetch_add(1, Ordering::SeqCst);
    let osip = REENTER.load(Ordering::SeqCst);
    // SAFETY: the `osip_t` of the running test.
    unsafe {
        osip_stop_retransmissions_from_dialog(osip, ptr::null_mut());
        osip_start_ack_retransmissions(
            osip,
            0x10 as *mut osip_dialog_t,
            ptr::null_mut(),
            ptr::null_mut(),
            1,
            1,
        );
    }
    0
}

#[test]
fn send_callback_may_stop_and_start_retransmissions() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let ok = Msg::parse(OK);
    let ack = Msg::parse(ACK);
    let osip = bare_osip();
    // SAFETY: valid pointers; the callback frees records being sent.
    unsafe {
        (*osip).cb_send_message = Some(stop_all_while_sending);
        REENTER.store(osip, Ordering::SeqCst);
        SENDS.store(0, Ordering::SeqCst);
        osip_start_200ok_retransmissions(osip, ptr::null_mut(), ok.0, 1);
        osip_start_ack_retransmissions(
            osip,
            ptr::null_mut(),
            ack.0,
            c"10.0.0.2".as_ptr() as *mut c_char,
            5060,
            1,
        );
        force_due(osip);
        osip_retransmissions_execute(osip);
        // Both due sends happened although the first send stopped both records.
        assert_eq!(SENDS.load(Ordering::SeqCst), 2);
        // Each send started one ACK record for dialog 0x10.
        assert_eq!(osip_list_size(&(*osip).ixt_retransmissions), 2);
        osip_stop_retransmissions_from_dialog(osip, 0x10 as *mut osip_dialog_t);
    }
    release(osip);
}

#[test]
fn stop_200ok_needs_a_matching_dialog_and_cseq() {
    let invite = Msg::parse(INVITE);
    let ok = Msg::parse(OK);
    let ack = Msg::parse(ACK);
    let osip = bare_osip();
    let d = uas_dialog(&invite, &ok);
    // SAFETY: valid pointers.
    unsafe {
        osip_start_200ok_retransmissions(osip, d, ok.0, 1);
        osip_start_200ok_retransmissions(osip, ptr::null_mut(), ok.0, 1);
        let other = Msg::edited(ACK, "CSeq: 5 ACK", "CSeq: 6 ACK");
        assert!(osip_stop_200ok_retransmissions(osip, other.0).is_null());
        let number = (*(*ack.0).cseq).number;
        (*(*ack.0).cseq).number = ptr::null_mut();
        assert!(osip_stop_200ok_retransmissions(osip, ack.0).is_null());
        (*(*ack.0).cseq).number = number;
        assert_eq!(osip_stop_200ok_retransmissions(osip, ack.0), d);
        assert!(osip_stop_200ok_retransmissions(osip, ack.0).is_null());
        assert_eq!(osip_list_size(&(*osip).ixt_retransmissions), 1);
        osip_dialog_free(d);
    }
    release(osip);
}

static STRESS_SENDS: AtomicUsize = AtomicUsize::new(0);
static STRESS_OSIP: AtomicPtr<osip_t> = AtomicPtr::new(ptr::null_mut());

/// Every third send stops every record, including those being sent.
unsafe extern "C" fn stop_some_while_sending(
    _tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    _dest: *mut c_char,
    _port: c_int,
    _sock: c_int,
) -> c_int {
    // SAFETY: a message being sent stays alive until the send returns.
    assert!(unsafe { !(*msg).cseq.is_null() });
    if STRESS_SENDS
        .fetch_add(1, Ordering::SeqCst)
        .is_multiple_of(3)
    {
        // SAFETY: the `osip_t` of the running test.
        unsafe {
            osip_stop_retransmissions_from_dialog(
                STRESS_OSIP.load(Ordering::SeqCst),
                ptr::null_mut(),
            )
        };
    }
    0
}

/// Makes every record due, under the list's mutex as an application must.
///
/// # Safety
/// `osip` comes from `osip_init`.
unsafe fn force_due_locked(osip: *mut osip_t) {
    // SAFETY: per the contract.
    unsafe {
        let m = (*osip).ixt_fastmutex as *mut osip2::abi::osip_mutex;
        osip2::ffi::mt::osip_mutex_lock(m);
        force_due(osip);
        osip2::ffi::mt::osip_mutex_unlock(m);
    }
}

#[test]
fn concurrent_sends_starts_and_stops() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let ok = Msg::parse(OK);
    let ack = Msg::parse(ACK);
    let mut osip = ptr::null_mut();
    // SAFETY: valid out-pointer.
    assert_eq!(unsafe { osip2::ffi::osip::osip_init(&mut osip) }, 0);
    STRESS_OSIP.store(osip, Ordering::SeqCst);
    // SAFETY: a fresh `osip_t`.
    unsafe { (*osip).cb_send_message = Some(stop_some_while_sending) };
    let shared = osip as usize;
    let (ok_msg, ack_msg) = (ok.0 as usize, ack.0 as usize);
    let starting = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let running = starting.clone();
    let sender = std::thread::spawn(move || {
        let osip = shared as *mut osip_t;
        // Until the other thread is done starting and stopping, then once more.
        let mut last = false;
        while !last {
            last = !running.load(Ordering::SeqCst);
            // SAFETY: the `osip_t` outlives both threads.
            unsafe {
                force_due_locked(osip);
                osip_retransmissions_execute(osip);
            }
        }
    });
    for i in 0..3000 {
        // SAFETY: the messages and `osip_t` outlive the thread.
        unsafe {
            osip_start_200ok_retransmissions(osip, ptr::null_mut(), ok_msg as *mut _, i);
            osip_start_ack_retransmissions(
                osip,
                ptr::null_mut(),
                ack_msg as *mut _,
                ptr::null_mut(),
                1,
                i,
            );
            if i % 7 == 0 {
                osip_stop_retransmissions_from_dialog(osip, ptr::null_mut());
            }
        }
    }
    starting.store(false, Ordering::SeqCst);
    sender.join().unwrap();
    assert!(STRESS_SENDS.load(Ordering::SeqCst) > 0);
    // SAFETY: no other thread uses `osip` any more.
    unsafe {
        osip_stop_retransmissions_from_dialog(osip, ptr::null_mut());
        assert_eq!(osip_list_size(&(*osip).ixt_retransmissions), 0);
        osip2::ffi::osip::osip_release(osip);
    }
}
