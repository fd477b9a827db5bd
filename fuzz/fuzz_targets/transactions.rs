//! Bytes from the network through the whole transaction layer: parse,
//! match or create, run the state machines, make timers due, run them, with
//! live client and server transactions the messages can match.
//!
//! Input: records separated by a NUL byte. The first byte of a record says
//! what to do with it (see `Op`), the rest is a SIP message.
#![no_main]

mod common;

use common::*;
use libfuzzer_sys::fuzz_target;
use osip2::abi::osip_t;
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::find::{osip_create_transaction, osip_find_transaction_and_add_event};
use osip2::ffi::timers::*;
use osip2::ffi::transaction::osip_transaction_add_event;

/// The transactions every input starts with; seeds use these branches.
const LIVE: [(&str, bool); 4] = [
    (
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKict\r\n\
         From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: ict@fuzz\r\n\
         CSeq: 1 INVITE\r\nContact: <sip:alice@127.0.0.1>\r\nContent-Length: 0\r\n\r\n",
        true,
    ),
    (
        "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnict\r\n\
         From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: nict@fuzz\r\n\
         CSeq: 2 OPTIONS\r\nContent-Length: 0\r\n\r\n",
        true,
    ),
    (
        "INVITE sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKist\r\n\
         From: <sip:bob@example.com>;tag=b\r\nTo: <sip:alice@example.com>\r\nCall-ID: ist@fuzz\r\n\
         CSeq: 10 INVITE\r\nContact: <sip:bob@127.0.0.2:5070>\r\nContent-Length: 0\r\n\r\n",
        false,
    ),
    (
        "MESSAGE sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKnist\r\n\
         From: <sip:bob@example.com>;tag=b\r\nTo: <sip:alice@example.com>\r\nCall-ID: nist@fuzz\r\n\
         CSeq: 11 MESSAGE\r\nContent-Length: 0\r\n\r\n",
        false,
    ),
];

/// Record opcode bits.
struct Op(u8);

impl Op {
    /// The message is the application's own (sent), not received.
    fn outgoing(&self) -> bool {
        self.0 & 1 != 0
    }
    /// Make every armed timer due before the timer functions run.
    fn force(&self) -> bool {
        self.0 & 2 != 0
    }
    /// Force by plain stores rather than through `add_gettimeofday`.
    fn direct(&self) -> bool {
        self.0 & 4 != 0
    }
    /// Run `osip_timers_*_execute` after the message.
    fn timers(&self) -> bool {
        self.0 & 8 != 0
    }
    /// Result of the send callback from now on: 0, -1 or 1.
    fn send_result(&self) -> i32 {
        [0, 0, -1, 1][((self.0 >> 4) & 3) as usize]
    }
    /// What the kill callback does from now on.
    fn on_kill(&self) -> OnKill {
        [
            OnKill::RemoveAndFree,
            OnKill::RemoveAndFree,
            OnKill::Remove,
            OnKill::Nothing,
        ][(self.0 >> 6) as usize]
    }
}

/// Matches `evt` to a transaction, or creates one for a new request.
///
/// # Safety
/// `osip` is valid; `evt` is a fresh event the call takes over.
unsafe fn feed(osip: *mut osip_t, evt: *mut osip2::abi::osip_event_t) {
    // SAFETY: per the contract; the event is queued, given to a new
    // transaction, or freed here.
    unsafe {
        if osip_find_transaction_and_add_event(osip, evt) == 0 {
            return;
        }
        let tr = osip_create_transaction(osip, evt);
        if tr.is_null() {
            osip_event_free(evt);
            return;
        }
        track(tr);
        assert_eq!(osip_transaction_add_event(tr, evt), 0);
    }
}

/// Every `osip_*_execute`, then the invariants.
///
/// # Safety
/// `osip` is valid.
unsafe fn run(osip: *mut osip_t) {
    // SAFETY: per the contract.
    unsafe {
        assert_eq!(osip_ict_execute(osip), 0);
        assert_eq!(osip_ist_execute(osip), 0);
        assert_eq!(osip_nict_execute(osip), 0);
        assert_eq!(osip_nist_execute(osip), 0);
        check(osip);
    }
}

fuzz_target!(|data: &[u8]| {
    let osip = new_osip();
    // SAFETY: one instance per input, used by this thread only; events are
    // handed over as the API says.
    unsafe {
        for (text, outgoing) in LIVE {
            let evt = parse(text.as_bytes(), outgoing).expect("seed transactions parse");
            feed(osip, evt);
        }
        run(osip);
        for record in data.split(|b| *b == 0).take(64) {
            let Some((&code, message)) = record.split_first() else {
                continue;
            };
            let op = Op(code);
            with(|s| {
                s.send_result = op.send_result();
                s.on_kill = op.on_kill();
            });
            if let Some(evt) = parse(message, op.outgoing()) {
                feed(osip, evt);
            }
            run(osip);
            if op.force() {
                force_timers(op.direct());
            }
            if op.timers() {
                osip_timers_ict_execute(osip);
                osip_timers_ist_execute(osip);
                osip_timers_nict_execute(osip);
                osip_timers_nist_execute(osip);
                let mut tv = libc::timeval {
                    tv_sec: 0,
                    tv_usec: 0,
                };
                osip_timers_gettimeout(osip, &mut tv);
                assert!(tv.tv_sec >= 0 && tv.tv_usec >= 0, "negative timeout");
                run(osip);
            }
        }
        // Killed exactly once: the kill callback asserts "at most"; every
        // transaction still around in a TERMINATED state must have had it.
        for tr in alive() {
            if [4, 9, 14, 19].contains(&(*tr).state) {
                let kills = with(|s| s.kills.get(&(tr as usize)).copied());
                assert_eq!(kills, Some(1), "terminated without its kill callback");
            }
        }
        teardown(osip);
    }
});
