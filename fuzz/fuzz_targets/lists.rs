//! The public transaction lists edited by hand between API calls (issue
//! 15): `osip_list_add` / `osip_list_remove` at any position of the four
//! lists, transactions listed twice or in two lists, mixed with creating,
//! matching, executing, timers, `osip_remove_transaction`, the
//! `__osip_add_*` / `__osip_remove_*` functions and frees. Our
//! `osip_list_*` are linked in, so the lists carry edit stamps and the
//! engine trusts them between edits: the mode where a stale record would
//! be followed. The engine's cross-check compares every answer with a walk
//! of the lists, and the sanitizer reports any touch of a freed node or
//! transaction.
//!
//! Input: 3-byte instructions `[op, a, b]`.
#![no_main]

mod common;

use common::*;
use libc::{c_int, c_void};
use libfuzzer_sys::fuzz_target;
use osip2::abi::osip::type_t::{KILL_TRANSACTION, TIMEOUT_B};
use osip2::abi::{osip_event_t, osip_t, osip_transaction_t};
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::find::*;
use osip2::ffi::internal::__osip_event_new;
use osip2::ffi::lists::*;
use osip2::ffi::timers::*;
use osip2::ffi::transaction::*;
use osip2::parser::{osip_list_add, osip_list_get, osip_list_remove, osip_list_size};
// Our osip_list_*, in place of the system libosipparser2's.
use osipparser2 as _;

/// A message of dialog `d` (branch `z9hG4bK<d>`, over TCP so that no
/// retransmission timer runs): 0 INVITE, 1 OPTIONS, 2 a 100 to INVITE,
/// 3 a 200 to OPTIONS, 4 a 486 to INVITE, 5 ACK.
fn template(what: u8, d: u8) -> String {
    let (first, method) = match what % 6 {
        0 => ("INVITE sip:bob@127.0.0.1 SIP/2.0", "INVITE"),
        1 => ("OPTIONS sip:bob@127.0.0.1 SIP/2.0", "OPTIONS"),
        2 => ("SIP/2.0 100 Trying", "INVITE"),
        3 => ("SIP/2.0 200 OK", "OPTIONS"),
        4 => ("SIP/2.0 486 Busy", "INVITE"),
        _ => ("ACK sip:bob@127.0.0.1 SIP/2.0", "ACK"),
    };
    format!(
        "{first}\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK{d}\r\n\
         From: <sip:alice@127.0.0.1>;tag=f{d}\r\nTo: <sip:bob@127.0.0.1>;tag=t{d}\r\n\
         Call-ID: {d}@lists\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n"
    )
}

fn event(what: u8, d: u8, outgoing: bool) -> *mut osip_event_t {
    parse(template(what, d).as_bytes(), outgoing).expect("templates parse")
}

fn pick(a: u8) -> Option<*mut osip_transaction_t> {
    let v = alive();
    (!v.is_empty()).then(|| v[a as usize % v.len()])
}

type AddFn = unsafe extern "C" fn(*mut osip_t, *mut osip_transaction_t) -> c_int;
const ADD: [AddFn; 4] = [
    __osip_add_ict,
    __osip_add_ist,
    __osip_add_nict,
    __osip_add_nist,
];
const REMOVE: [AddFn; 4] = [
    __osip_remove_ict_transaction,
    __osip_remove_ist_transaction,
    __osip_remove_nict_transaction,
    __osip_remove_nist_transaction,
];

/// One instruction.
///
/// # Safety
/// `osip` is valid; the registry is accurate.
unsafe fn step(osip: *mut osip_t, op: u8, a: u8, b: u8) {
    // SAFETY: transactions come from `pick` (alive); list positions are
    // within the lists; events are fresh and handed over as the API says.
    unsafe {
        let list = lists(osip)[a as usize % 4];
        match op % 12 {
            0 => {
                // An outgoing request (a & 4) or an incoming one.
                let evt = event(a & 1, b % 8, a & 4 != 0);
                let tr = osip_create_transaction(osip, evt);
                if tr.is_null() {
                    osip_event_free(evt);
                } else {
                    track(tr);
                    assert_eq!(osip_transaction_add_event(tr, evt), 0);
                }
            }
            1 => {
                let n = osip_list_size(list);
                if n > 0 {
                    osip_list_remove(list, c_int::from(b) % n);
                }
            }
            2 => {
                if let Some(tr) = pick(b) {
                    let n = osip_list_size(list);
                    let pos = match a >> 2 & 3 {
                        0 => 0,
                        1 => -1,
                        _ => c_int::from(b) % (n + 1),
                    };
                    osip_list_add(list, tr as *mut c_void, pos);
                }
            }
            3 => {
                if let Some(tr) = pick(b) {
                    let r = osip_remove_transaction(osip, tr);
                    assert!((-2..=0).contains(&r), "remove returned {r}");
                }
            }
            4 => {
                if let Some(tr) = pick(b) {
                    assert_eq!(ADD[a as usize % 4](osip, tr), 0);
                }
            }
            5 => {
                if let Some(tr) = pick(b) {
                    let r = REMOVE[a as usize % 4](osip, tr);
                    assert!(r == 0 || r == -1, "__osip_remove returned {r}");
                }
            }
            6 => {
                let evt = event(b, a % 8, false);
                if osip_find_transaction_and_add_event(osip, evt) != 0 {
                    osip_event_free(evt);
                }
            }
            7 => {
                let evt = event(b, a % 8, false);
                osip_transaction_find(list, evt);
                osip_event_free(evt);
            }
            8 => {
                let r = match a % 4 {
                    0 => osip_ict_execute(osip),
                    1 => osip_ist_execute(osip),
                    2 => osip_nict_execute(osip),
                    _ => osip_nist_execute(osip),
                };
                assert_eq!(r, 0);
            }
            9 => {
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
                if b & 1 != 0 {
                    force_timers(b & 2 != 0);
                }
            }
            10 => {
                if let Some(tr) = pick(b) {
                    // Freeing unlists it from every list, hand-made places
                    // included (check() below asserts no list holds it).
                    mark_freed(tr);
                    assert_eq!(osip_transaction_free(tr), 0);
                }
            }
            _ => {
                if let Some(tr) = pick(b) {
                    let kind = if a & 1 == 0 {
                        KILL_TRANSACTION
                    } else {
                        TIMEOUT_B
                    };
                    let evt = __osip_event_new(kind as c_int, (*tr).transactionid);
                    assert_eq!(osip_transaction_add_event(tr, evt), 0);
                }
            }
        }
        check(osip);
        // Every node of every list is one the list holds: walk them all.
        for list in lists(osip) {
            for i in 0..osip_list_size(list) {
                assert!(!osip_list_get(list, i).is_null());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // Not left to the library's load-time switch: this target is the
    // cross-check's, in any build.
    osip2::engine::set_cross_check(true);
    let osip = new_osip();
    // SAFETY: one instance per input, used by this thread only.
    unsafe {
        for ins in data.chunks_exact(3).take(300) {
            step(osip, ins[0], ins[1], ins[2]);
        }
        teardown(osip);
    }
});
