//! The public API driven by a byte stream: valid, NULL and inconsistent
//! arguments (an event for the wrong transaction, a state from another
//! machine, double removal, `osip_transaction_free2` on a listed
//! transaction, execution after the kill), and callbacks that re-enter the
//! API (the kill callback frees, message callbacks queue events, the send
//! callback asks for the next timeout). The harness itself only ever passes
//! transactions it has not freed.
//!
//! Input: 3-byte instructions `[op, a, b]`.
#![no_main]

mod common;

use common::*;
use libc::c_int;
use libfuzzer_sys::fuzz_target;
use osip2::abi::osip::type_t::KILL_TRANSACTION;
use osip2::abi::{osip_event_t, osip_t, osip_transaction_t};
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::find::*;
use osip2::ffi::internal::{__osip_event_new, __osip_transaction_set_state};
use osip2::ffi::lists::osip_remove_transaction;
use osip2::ffi::timers::*;
use osip2::ffi::transaction::*;
use std::ptr::null_mut;

/// A request or response of dialog `d` (branch `z9hG4bK<d>`): 0 INVITE,
/// 1 OPTIONS, 2 ACK, 3 CANCEL, 4..7 responses 100, 180, 200, 486 to INVITE,
/// 8 a 200 to OPTIONS.
fn template(what: u8, d: u8) -> String {
    let what = what % 9;
    let (first, method) = match what {
        0 => ("INVITE sip:bob@127.0.0.1 SIP/2.0".to_string(), "INVITE"),
        1 => ("OPTIONS sip:bob@127.0.0.1 SIP/2.0".to_string(), "OPTIONS"),
        2 => ("ACK sip:bob@127.0.0.1 SIP/2.0".to_string(), "ACK"),
        3 => ("CANCEL sip:bob@127.0.0.1 SIP/2.0".to_string(), "CANCEL"),
        8 => ("SIP/2.0 200 OK".to_string(), "OPTIONS"),
        n => {
            let code = [100, 180, 200, 486][(n - 4) as usize];
            (format!("SIP/2.0 {code} Status"), "INVITE")
        }
    };
    let to_tag = if what >= 5 { ";tag=t" } else { "" };
    format!(
        "{first}\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK{d}\r\n\
         From: <sip:alice@127.0.0.1>;tag=f{d}\r\nTo: <sip:bob@127.0.0.1>{to_tag}\r\n\
         Call-ID: {d}@fuzz\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"
    )
}

fn event(what: u8, d: u8, outgoing: bool) -> *mut osip_event_t {
    parse(template(what, d).as_bytes(), outgoing).expect("templates parse")
}

/// The `a`-th transaction the harness has not freed.
fn pick(a: u8) -> Option<*mut osip_transaction_t> {
    let v = alive();
    (!v.is_empty()).then(|| v[a as usize % v.len()])
}

/// One instruction.
///
/// # Safety
/// `osip` is valid; the registry is accurate.
unsafe fn step(osip: *mut osip_t, op: u8, a: u8, b: u8) {
    // SAFETY: transactions come from `pick` (alive); events are fresh and
    // handed over as the API says (freed here when it does not take them).
    unsafe {
        match op % 16 {
            0 => {
                let msg = event(b, a % 4, false);
                let mut tr = null_mut();
                // Any kind for any message: an INVITE as NIST is inconsistent, not invalid.
                if osip_transaction_init(&mut tr, c_int::from(a % 5), osip, (*msg).sip) == 0 {
                    track(tr);
                }
                osip_event_free(msg);
            }
            1 => {
                let evt = event(b, a % 4, a & 0x80 != 0);
                let tr = osip_create_transaction(osip, evt);
                if tr.is_null() {
                    osip_event_free(evt);
                } else {
                    track(tr);
                    assert_eq!(osip_transaction_add_event(tr, evt), 0);
                }
            }
            2 | 3 => {
                let Some(tr) = pick(a) else { return };
                let evt = if b & 0x80 != 0 {
                    // A message event, possibly of another transaction, of
                    // any message type. Only message types own a message
                    // (timeouts, KILL_TRANSACTION and unknown types do not,
                    // as in libosip2), so others get none.
                    let e = event(b, b % 4, b & 0x40 != 0);
                    (*e).type_ = c_int::from(10 + b % 12);
                    e
                } else {
                    __osip_event_new(c_int::from(b % 26), 0)
                };
                if op % 16 == 2 {
                    assert_eq!(osip_transaction_add_event(tr, evt), 0);
                } else {
                    let r = osip_transaction_execute(tr, evt);
                    assert!(r == 0 || r == 1, "execute returned {r}");
                }
            }
            4 => {
                let r = match a % 4 {
                    0 => osip_ict_execute(osip),
                    1 => osip_ist_execute(osip),
                    2 => osip_nict_execute(osip),
                    _ => osip_nist_execute(osip),
                };
                assert_eq!(r, 0);
            }
            5 => {
                match a % 4 {
                    0 => osip_timers_ict_execute(osip),
                    1 => osip_timers_ist_execute(osip),
                    2 => osip_timers_nict_execute(osip),
                    _ => osip_timers_nist_execute(osip),
                }
                let mut tv = libc::timeval {
                    tv_sec: 0,
                    tv_usec: 0,
                };
                osip_timers_gettimeout(osip, &mut tv);
            }
            6 => force_timers(a & 1 != 0),
            7 => {
                if let Some(tr) = pick(a) {
                    // -2 for a kind outside 0..3 (libosip2's quirk; init took it as NIST).
                    let odd = !(0..4).contains(&(*tr).ctx_type);
                    let r = osip_remove_transaction(osip, tr);
                    assert!(r == 0 || r == -1 || (odd && r == -2), "remove returned {r}");
                }
            }
            8 | 9 => {
                if let Some(tr) = pick(a) {
                    mark_freed(tr);
                    // free2 on a listed transaction is the misuse under test.
                    let r = if op % 16 == 8 {
                        osip_transaction_free(tr)
                    } else {
                        osip_transaction_free2(tr)
                    };
                    assert_eq!(r, 0);
                }
            }
            10 => {
                let evt = event(b, a % 4, false);
                let tr = pick(a).unwrap_or(null_mut());
                assert_eq!(osip_transaction_execute(null_mut(), evt), -2);
                assert_eq!(osip_transaction_execute(tr, null_mut()), -2);
                assert_eq!(osip_transaction_add_event(null_mut(), evt), -2);
                assert_eq!(osip_remove_transaction(osip, null_mut()), -2);
                assert!(osip_create_transaction(osip, null_mut()).is_null());
                assert!(osip_create_transaction(null_mut(), evt).is_null());
                assert_eq!(osip_find_transaction_and_add_event(null_mut(), evt), -1);
                assert_eq!(osip_find_transaction_and_add_event(osip, null_mut()), -1);
                assert!(osip_transaction_find(null_mut(), evt).is_null());
                assert_eq!(osip_transaction_free(null_mut()), -2);
                assert_eq!(osip_transaction_free2(null_mut()), -2);
                osip_event_free(evt);
            }
            11 => with(|s| {
                s.on_kill =
                    [OnKill::RemoveAndFree, OnKill::Remove, OnKill::Nothing][a as usize % 3];
                s.msg_adds_event = b & 1 != 0;
                s.send_reenters = b & 2 != 0;
                s.send_result = [0, -1, 1, 0][((b >> 2) & 3) as usize];
            }),
            12 => {
                let evt = event(b, a % 4, a & 0x80 != 0);
                if osip_find_transaction_and_add_event(osip, evt) != 0 {
                    osip_event_free(evt);
                }
            }
            13 => {
                // KILL_TRANSACTION leaves the transaction (and any message) alone.
                if let Some(tr) = pick(a) {
                    let evt = __osip_event_new(KILL_TRANSACTION as c_int, (*tr).transactionid);
                    assert_eq!(osip_transaction_execute(tr, evt), 0);
                }
            }
            14 => {
                // Applications may store any state, also one of another machine.
                if let Some(tr) = pick(a) {
                    __osip_transaction_set_state(tr, c_int::from(b % 32) - 4);
                }
            }
            _ => {
                if let Some(tr) = pick(a) {
                    let mut ip = null_mut();
                    let mut port = 0;
                    osip_transaction_get_destination(tr, &mut ip, &mut port);
                    osip_transaction_get_destination(tr, null_mut(), null_mut());
                    assert_eq!(osip_transaction_set_srv_record(tr, null_mut()), -2);
                    osip_transaction_set_in_socket(tr, c_int::from(b));
                    osip_transaction_set_out_socket(tr, -c_int::from(b));
                }
            }
        }
        check(osip);
    }
}

fuzz_target!(|data: &[u8]| {
    let osip = new_osip();
    // SAFETY: one instance per input, used by this thread only.
    unsafe {
        for ins in data.chunks_exact(3).take(200) {
            step(osip, ins[0], ins[1], ins[2]);
        }
        teardown(osip);
    }
});
