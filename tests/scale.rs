//! Constant-time behaviour, pinned by work counters rather than by clocks
//! (the machine is shared): with 1 and with 20,000 live transactions of each
//! kind, matching, creating, an idle `osip_*_execute`, the timer calls and
//! `osip_timers_gettimeout` look at the same bounded number of transactions
//! and walk no list. Also: the public lists stay libosip2's lists under
//! interleaved adds and removes, and the timer-write contract of
//! docs/scale.md ("Writing timer fields").

mod common;

use libc::{c_char, c_int, timeval};
use osip2::abi::_state_t::*;
use osip2::abi::type_t::*;
use osip2::abi::{osip_event_t, osip_t, osip_transaction_t};
use osip2::engine::stats::{self, Snapshot};
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::fifo::{osip_fifo_add, osip_fifo_size, osip_fifo_tryget};
use osip2::ffi::find::{__osip_find_transaction, osip_create_transaction};
use osip2::ffi::lists::*;
use osip2::ffi::osip::osip_release;
use osip2::ffi::time::{add_gettimeofday, osip_gettimeofday};
use osip2::ffi::timers::*;
use osip2::ffi::transaction::{osip_transaction_execute, osip_transaction_free};
use osip2::parser::{osip_list_t, osip_message_t};
use std::collections::HashMap;
// Our osip_list_* in this binary, in place of Debian's libosipparser2 ones:
// they stamp every edit, which is what lets the engine trust its index of
// the public lists without re-reading them (docs/scale.md). With Debian's
// list functions each call re-reads the lists, as libosip2 itself does.
use osipparser2 as _;
use std::ptr::null_mut;
use std::sync::Mutex;

/// The counters are process-wide: one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// Transactions per list whose fields each timer call re-reads (the
/// engine's rolling sweep, docs/scale.md).
const SWEEP: u64 = 32;
const BIG: u32 = 20_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ict,
    Ist,
    Nict,
    Nist,
}
const KINDS: [Kind; 4] = [Kind::Ict, Kind::Ist, Kind::Nict, Kind::Nist];

impl Kind {
    fn client(self) -> bool {
        matches!(self, Kind::Ict | Kind::Nict)
    }
    fn method(self) -> &'static str {
        match self {
            Kind::Ict | Kind::Ist => "INVITE",
            Kind::Nict | Kind::Nist => "REGISTER",
        }
    }
}

unsafe extern "C" fn on_message(_: c_int, _: *mut osip_transaction_t, _: *mut osip_message_t) {}
unsafe extern "C" fn on_kill(_: c_int, _: *mut osip_transaction_t) {}
unsafe extern "C" fn on_send(
    _: *mut osip_transaction_t,
    _: *mut osip_message_t,
    _: *mut c_char,
    _: c_int,
    _: c_int,
) -> c_int {
    0
}

/// The request creating transaction `i` of `kind`: clients send over TCP
/// (no retransmission timer, so nothing fires during a test), servers
/// receive over UDP. `tag` keeps instances' branches apart.
fn request(kind: Kind, i: u32) -> String {
    let (proto, host) = if kind.client() {
        ("TCP", "127.0.0.1")
    } else {
        ("UDP", "127.0.0.2")
    };
    format!(
        "{m} sip:bob@127.0.0.3 SIP/2.0\r\n\
         Via: SIP/2.0/{proto} {host}:5060;branch=z9hG4bK{k:?}{i}\r\n\
         From: <sip:alice@127.0.0.2>;tag=f{i}\r\n\
         To: <sip:bob@127.0.0.3>\r\n\
         Call-ID: {k:?}{i}@127.0.0.2\r\n\
         CSeq: 1 {m}\r\n\
         Content-Length: 0\r\n\r\n",
        m = kind.method(),
        k = kind,
    )
}

/// What transaction `i` receives: a provisional response (clients) or a
/// retransmission (servers).
fn incoming(kind: Kind, i: u32) -> String {
    if !kind.client() {
        return request(kind, i);
    }
    format!(
        "SIP/2.0 180 Ringing\r\n\
         Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK{k:?}{i}\r\n\
         From: <sip:alice@127.0.0.2>;tag=f{i}\r\n\
         To: <sip:bob@127.0.0.3>;tag=t{i}\r\n\
         Call-ID: {k:?}{i}@127.0.0.2\r\n\
         CSeq: 1 {m}\r\n\
         Content-Length: 0\r\n\r\n",
        m = kind.method(),
        k = kind,
    )
}

use common::sip::incoming as parse;

/// The event creating transaction `i`: incoming for servers, outgoing for
/// clients.
fn request_event(kind: Kind, i: u32) -> *mut osip_event_t {
    let text = request(kind, i);
    if kind.client() {
        common::sip::outgoing(&text)
    } else {
        parse(&text)
    }
}

struct Osip {
    osip: *mut osip_t,
    /// Live transactions of each kind, in creation order.
    trs: [Vec<*mut osip_transaction_t>; 4],
    /// The message number each transaction was made from.
    number: HashMap<*mut osip_transaction_t, u32>,
    made: [u32; 4],
}

impl Osip {
    fn new() -> Osip {
        let osip = common::sip::instance(common::sip::Callbacks {
            message: Some(on_message),
            kill: Some(on_kill),
            send: Some(on_send),
            ..Default::default()
        });
        // SAFETY: a fresh instance.
        let stamp = unsafe { (*osip).osip_ict_transactions.stamp() };
        assert_ne!(stamp, 0, "the lists are initialised by our osip_list_init");
        Osip {
            osip,
            trs: Default::default(),
            number: HashMap::new(),
            made: [0; 4],
        }
    }

    /// `n` live transactions of each kind, sent or received (so client
    /// timers B/F are armed, 32 s away).
    fn with(n: u32) -> Osip {
        let mut o = Osip::new();
        for kind in KINDS {
            for _ in 0..n {
                o.make(kind);
            }
        }
        o
    }

    /// Creates the next transaction of `kind` and runs its first event.
    fn make(&mut self, kind: Kind) -> *mut osip_transaction_t {
        let i = self.made[kind as usize];
        self.made[kind as usize] += 1;
        let evt = request_event(kind, i);
        // SAFETY: valid instance and event; execute takes the event.
        unsafe {
            let tr = osip_create_transaction(self.osip, evt);
            assert!(!tr.is_null());
            osip_transaction_execute(tr, evt);
            self.trs[kind as usize].push(tr);
            self.number.insert(tr, i);
            tr
        }
    }

    fn list(&self, kind: Kind) -> *mut osip_list_t {
        // SAFETY: valid instance.
        unsafe {
            let o = &mut *self.osip;
            match kind {
                Kind::Ict => &mut o.osip_ict_transactions,
                Kind::Ist => &mut o.osip_ist_transactions,
                Kind::Nict => &mut o.osip_nict_transactions,
                Kind::Nist => &mut o.osip_nist_transactions,
            }
        }
    }

    /// The public list as an application iterating it sees it.
    fn listed(&self, kind: Kind) -> Vec<*mut osip_transaction_t> {
        let mut out = Vec::new();
        // SAFETY: the public list is a NULL-terminated chain of nodes.
        unsafe {
            let list = self.list(kind);
            let mut node = (*list).head();
            while !node.is_null() {
                out.push((*node).element as *mut osip_transaction_t);
                node = (*node).next;
            }
            assert_eq!((*list).count() as usize, out.len(), "nb_elt of {kind:?}");
        }
        out
    }

    fn timers_execute(&self, kind: Kind) {
        // SAFETY: valid instance.
        unsafe {
            match kind {
                Kind::Ict => osip_timers_ict_execute(self.osip),
                Kind::Ist => osip_timers_ist_execute(self.osip),
                Kind::Nict => osip_timers_nict_execute(self.osip),
                Kind::Nist => osip_timers_nist_execute(self.osip),
            }
        }
    }

    fn execute(&self, kind: Kind) {
        // SAFETY: valid instance.
        let rc = unsafe {
            match kind {
                Kind::Ict => osip_ict_execute(self.osip),
                Kind::Ist => osip_ist_execute(self.osip),
                Kind::Nict => osip_nict_execute(self.osip),
                Kind::Nist => osip_nist_execute(self.osip),
            }
        };
        assert_eq!(rc, 0);
    }

    fn gettimeout(&self) -> timeval {
        let mut tv = timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        // SAFETY: valid instance and out-pointer.
        unsafe { osip_timers_gettimeout(self.osip, &mut tv) };
        tv
    }

    fn queued(&self) -> usize {
        self.trs
            .iter()
            .flatten()
            // SAFETY: live transactions.
            .filter(|tr| unsafe { osip_fifo_size((***tr).transactionff) } != 0)
            .count()
    }
}

impl Drop for Osip {
    fn drop(&mut self) {
        // SAFETY: every transaction is ours and still live; then the instance.
        unsafe {
            for tr in self.trs.iter().flatten() {
                osip_transaction_free(*tr);
            }
            osip_release(self.osip);
        }
    }
}

/// The counters' change over `f`.
fn work(f: impl FnOnce()) -> Snapshot {
    let before = stats::snapshot();
    f();
    stats::snapshot() - before
}

/// What each operation costs, in counted work, on one instance.
#[derive(Debug)]
struct Costs {
    hit: Snapshot,
    miss: Snapshot,
    create: Snapshot,
    execute: Snapshot,
    timers: Snapshot,
    gettimeout: Snapshot,
}

fn costs(o: &mut Osip, kind: Kind) -> Costs {
    let n = o.trs[kind as usize].len() as u32;
    let target = o.trs[kind as usize][(n / 2) as usize];
    let hit_evt = parse(&incoming(kind, n / 2));
    let miss_evt = parse(&incoming(kind, n + 1000));
    // SAFETY: valid instance and events; lookups do not consume them.
    let (hit, miss) = unsafe {
        let hit = work(|| assert_eq!(__osip_find_transaction(o.osip, hit_evt, 0), target));
        let miss = work(|| assert!(__osip_find_transaction(o.osip, miss_evt, 0).is_null()));
        osip_event_free(hit_evt);
        osip_event_free(miss_evt);
        (hit, miss)
    };
    let create_evt = request_event(kind, n + 2000);
    let mut created = null_mut();
    // SAFETY: valid instance and event.
    let create = work(|| created = unsafe { osip_create_transaction(o.osip, create_evt) });
    assert!(!created.is_null());
    // SAFETY: the created transaction and its (unconsumed) event are ours.
    unsafe {
        osip_transaction_free(created);
        osip_event_free(create_evt);
    }
    Costs {
        hit,
        miss,
        create,
        execute: work(|| o.execute(kind)),
        timers: work(|| o.timers_execute(kind)),
        gettimeout: work(|| {
            o.gettimeout();
        }),
    }
}

#[test]
fn work_per_operation_does_not_grow_with_live_transactions() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut small = Osip::with(1);
    let mut big = Osip::with(BIG);
    for kind in KINDS {
        let (s, b) = (costs(&mut small, kind), costs(&mut big, kind));
        for (op, s, b) in [
            ("match (hit)", s.hit, b.hit),
            ("match (miss)", s.miss, b.miss),
            ("create", s.create, b.create),
            ("execute", s.execute, b.execute),
        ] {
            assert_eq!(s, b, "{kind:?} {op}: 1 vs {BIG} live");
        }
        // The only matcher call of a hit is the transaction it finds.
        assert_eq!(b.hit.matched, 1, "{kind:?}");
        assert_eq!(b.miss.matched, 0, "{kind:?}");
        assert_eq!(b.execute.execute_visits, 0, "{kind:?}: nothing queued");
        // Timer calls re-read the due transactions (none) and one sweep
        // batch per list: 1 per list when small, SWEEP when big.
        assert_eq!(s.timers.timer_reads, 1, "{kind:?}");
        assert_eq!(b.timers.timer_reads, SWEEP, "{kind:?}");
        assert!(s.gettimeout.timer_reads <= 4 * 2, "{kind:?}: {s:?}");
        assert!(
            b.gettimeout.timer_reads <= 4 * (SWEEP + 1),
            "{kind:?}: {b:?}"
        );
        for c in [&s, &b] {
            for snap in [c.hit, c.miss, c.create, c.execute, c.timers, c.gettimeout] {
                assert_eq!(snap.nodes_walked, 0, "{kind:?}: no list walk: {c:?}");
            }
        }
    }
    assert_eq!(big.queued(), 0, "no timer was due");
}

#[test]
fn public_lists_stay_libosip2_lists_under_interleaved_adds_and_removes() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut o = Osip::new();
    let mut model: [Vec<*mut osip_transaction_t>; 4] = Default::default();
    // A fixed pseudo-random schedule of adds, frees, unlink/re-adds.
    let mut seed = 0x2545_f491_u32;
    let mut next = |m: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % m
    };
    for step in 0..3000 {
        let kind = KINDS[next(4) as usize];
        let k = kind as usize;
        let live = o.trs[k].len() as u32;
        match next(10) {
            // Add (appended at the end, as osip_list_add(list, tr, -1) does).
            0..=4 => model[k].push(o.make(kind)),
            // Free one anywhere (unlinked, the others keep their order).
            5..=7 if live > 0 => {
                let tr = o.trs[k].remove(next(live) as usize);
                model[k].retain(|t| *t != tr);
                // SAFETY: a live transaction of ours.
                assert_eq!(unsafe { osip_transaction_free(tr) }, 0);
            }
            // Unlink one and add it again: it moves to the end.
            8..=9 if live > 0 => {
                let tr = o.trs[k][next(live) as usize];
                // SAFETY: valid instance and transaction.
                unsafe {
                    assert_eq!(osip_remove_transaction(o.osip, tr), 0);
                    assert_eq!(osip_remove_transaction(o.osip, tr), -1, "only once");
                    let add = match kind {
                        Kind::Ict => __osip_add_ict,
                        Kind::Ist => __osip_add_ist,
                        Kind::Nict => __osip_add_nict,
                        Kind::Nist => __osip_add_nist,
                    };
                    assert_eq!(add(o.osip, tr), 0);
                }
                model[k].retain(|t| *t != tr);
                model[k].push(tr);
            }
            _ => {}
        }
        if step % 97 == 0 || step == 2999 {
            for kind in KINDS {
                assert_eq!(o.listed(kind), model[kind as usize], "step {step} {kind:?}");
            }
        }
    }
    // The matching index followed every move: each listed transaction is
    // found by its own incoming message, freed ones by none.
    for kind in KINDS {
        for tr in o.listed(kind) {
            let evt = parse(&incoming(kind, o.number[&tr]));
            // SAFETY: valid instance and event; the lookup does not consume it.
            unsafe {
                assert_eq!(__osip_find_transaction(o.osip, evt, 0), tr, "{kind:?}");
                osip_event_free(evt);
            }
        }
        let evt = parse(&incoming(kind, 0));
        let first_live = o.trs[kind as usize].iter().any(|t| o.number[t] == 0);
        // SAFETY: as above.
        unsafe {
            let found = __osip_find_transaction(o.osip, evt, 0);
            assert_eq!(found.is_null(), !first_live, "{kind:?}");
            osip_event_free(evt);
        }
    }
}

#[test]
fn applications_iterating_a_list_see_creation_order() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut o = Osip::new();
    for _ in 0..50 {
        o.make(Kind::Nist);
    }
    let listed = o.listed(Kind::Nist);
    assert_eq!(listed, o.trs[Kind::Nist as usize]);
    // SAFETY: live transactions.
    let ids: Vec<c_int> = listed
        .iter()
        .map(|t| unsafe { (**t).transactionid })
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids ascend: {ids:?}");
}

/// Pops the one queued event of `tr` and returns its type.
fn pop_event(tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: a live transaction; the event is ours once taken.
    unsafe {
        assert_eq!(osip_fifo_size((*tr).transactionff), 1);
        let evt = osip_fifo_tryget((*tr).transactionff) as *mut osip_event_t;
        let t = (*evt).type_;
        osip_event_free(evt);
        t
    }
}

#[test]
fn timer_started_through_the_time_functions_fires_at_the_next_call() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut o = Osip::new();
    for _ in 0..BIG {
        o.make(Kind::Ict);
    }
    let tr = o.trs[0][12_345];
    // SAFETY: a live ICT transaction in CALLING (timer A off: TCP).
    unsafe {
        assert_eq!((*tr).state, ICT_CALLING as c_int);
        let start = &mut (*(*tr).ict_context).timer_a_start;
        assert_eq!(start.tv_sec, -1);
        osip_gettimeofday(start, null_mut());
        add_gettimeofday(start, 0);
    }
    o.timers_execute(Kind::Ict);
    assert_eq!(o.queued(), 1);
    assert_eq!(pop_event(tr), TIMEOUT_A as c_int);

    // Timer B sits at another offset of the context: found all the same.
    // SAFETY: as above; disarming A keeps the first transaction quiet.
    unsafe { (*(*tr).ict_context).timer_a_start.tv_sec = -1 };
    let tr = o.trs[0][777];
    // SAFETY: a live ICT transaction in CALLING, timer B armed 32 s ahead.
    unsafe {
        let start = &mut (*(*tr).ict_context).timer_b_start;
        assert_ne!(start.tv_sec, -1);
        osip_gettimeofday(start, null_mut());
        add_gettimeofday(start, 0);
    }
    o.timers_execute(Kind::Ict);
    assert_eq!(o.queued(), 1);
    assert_eq!(pop_event(tr), TIMEOUT_B as c_int);
}

/// Calls of `osip_timers_ict_execute` until `tr` has a queued event.
fn calls_until_queued(o: &Osip, tr: *mut osip_transaction_t, max: u32) -> Option<u32> {
    (1..=max).find(|_| {
        o.timers_execute(Kind::Ict);
        // SAFETY: a live transaction.
        unsafe { osip_fifo_size((*tr).transactionff) > 0 }
    })
}

#[test]
fn plain_timer_stores_are_seen_by_the_rolling_sweep() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Up to SWEEP transactions: the next call sees the store, as libosip2.
    let mut small = Osip::new();
    for _ in 0..SWEEP {
        small.make(Kind::Ict);
    }
    for i in [0, SWEEP as usize - 1, 7] {
        let tr = small.trs[0][i];
        // SAFETY: a live ICT transaction; a plain store, as C code does.
        unsafe { (*(*tr).ict_context).timer_a_start.tv_sec = 0 };
        assert_eq!(calls_until_queued(&small, tr, 1), Some(1), "index {i}");
        assert_eq!(pop_event(tr), TIMEOUT_A as c_int);
        // SAFETY: as above; switch it off again.
        unsafe { (*(*tr).ict_context).timer_a_start.tv_sec = -1 };
        small.timers_execute(Kind::Ict);
    }

    // More: each call re-reads the next SWEEP transactions in list order,
    // so a store is seen within ceil(N / SWEEP) calls, never later.
    let mut big = Osip::new();
    for _ in 0..BIG {
        big.make(Kind::Ict);
    }
    let rounds = BIG.div_ceil(SWEEP as u32);
    let mut worst = 0;
    for i in [0, 1, 9_999, BIG as usize - 1] {
        let tr = big.trs[0][i];
        // SAFETY: as above.
        unsafe { (*(*tr).ict_context).timer_a_start.tv_sec = 0 };
        let calls = calls_until_queued(&big, tr, rounds);
        assert!(calls.is_some(), "index {i} not seen within {rounds} calls");
        worst = worst.max(calls.unwrap());
        assert_eq!(pop_event(tr), TIMEOUT_A as c_int);
        // SAFETY: as above.
        unsafe { (*(*tr).ict_context).timer_a_start.tv_sec = -1 };
        // Let the sweep pass it again so the next case starts clean.
        calls_until_queued(&big, tr, rounds);
    }
    assert!(
        worst > 1,
        "a store far from the sweep cursor takes several calls"
    );
    assert_eq!(big.queued(), 0);

    // A store that disarms or delays a timer is honoured at once: fields are
    // re-read before any timeout is queued.
    let tr = big.trs[0][777];
    // SAFETY: as above.
    unsafe {
        let start = &mut (*(*tr).ict_context).timer_a_start;
        osip_gettimeofday(start, null_mut());
        start.tv_sec = -1;
    }
    big.timers_execute(Kind::Ict);
    assert_eq!(big.queued(), 0);
}

#[test]
fn events_queued_with_osip_fifo_add_run_at_the_next_execute() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut o = Osip::new();
    for _ in 0..BIG {
        o.make(Kind::Ict);
    }
    let i = 4_321;
    let tr = o.trs[0][i];
    let evt = parse(&incoming(Kind::Ict, i as u32));
    // SAFETY: a live transaction; the fifo takes the event.
    unsafe {
        (*evt).transactionid = (*tr).transactionid;
        assert_eq!(
            osip_fifo_add((*tr).transactionff, evt as *mut libc::c_void),
            0
        );
    }
    let w = work(|| o.execute(Kind::Ict));
    // SAFETY: still live (a 180 does not end an ICT).
    unsafe {
        assert_eq!((*tr).state, ICT_PROCEEDING as c_int);
        assert_eq!(osip_fifo_size((*tr).transactionff), 0);
    }
    assert_eq!(w.execute_visits, 1, "only the transaction with the event");
    assert_eq!(o.queued(), 0);
}
