//! Threads doing what multi-threaded applications do, on one `osip_t`:
//! - a sender creating client transactions (INVITE and MESSAGE),
//! - a receiver parsing every message the stack sent and calling
//!   `osip_find_transaction_and_add_event`, creating a server transaction
//!   when nothing matched,
//! - a timer thread running `osip_timers_*_execute` and
//!   `osip_timers_gettimeout`,
//! - an execute thread running `osip_ict/ist/nict_execute`,
//! - one thread per NIST transaction blocking in `osip_fifo_get` on its fifo
//!   and calling `osip_transaction_execute` (libosip2's original pattern).
//!
//! The "network" is a loopback queue: what one side sends, the receiver
//! parses, so every client request creates a server transaction that
//! answers it from its message callback. Transport is TCP so that every
//! transaction ends without waiting for the 32 s UDP timers. The kill
//! callback removes the transaction from its list (re-entering the API);
//! everything is freed after the threads are joined. The verdict only
//! depends on counts: every transaction killed exactly once, every request
//! answered with a final response, nothing unmatched, all lists empty,
//! within the time limit.

mod common;

use libc::{c_char, c_int};
use osip2::abi::osip::_state_t::NIST_TERMINATED;
use osip2::abi::osip::osip_message_callback_type::*;
use osip2::abi::{osip_event_t, osip_t, osip_transaction_t};
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::fifo::osip_fifo_get;
use osip2::ffi::find::{osip_create_transaction, osip_find_transaction_and_add_event};
use osip2::ffi::internal::evt_set_type_outgoing_sipmessage;
use osip2::ffi::lists::osip_remove_transaction;
use osip2::ffi::osip::osip_release;
use osip2::ffi::timers::*;
use osip2::ffi::transaction::*;
use osip2::parser::{osip_list_size, osip_message_t};
use std::collections::{HashMap, VecDeque};
use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Client transactions (half INVITE, half MESSAGE); as many server ones.
const CALLS: usize = 5000;
/// Client transactions in flight at once (bounds the NIST threads).
const IN_FLIGHT: usize = 64;
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// A pointer the threads share; the stack's own locking makes that sound.
#[derive(Clone, Copy)]
struct P<T>(*mut T);
// SAFETY: osip_t and transactions are designed to be used from several
// threads (their lists and fifos are locked).
unsafe impl<T> Send for P<T> {}

static OSIP: AtomicUsize = AtomicUsize::new(0);
static STOP: AtomicBool = AtomicBool::new(false);
static CLIENT_FINALS: AtomicUsize = AtomicUsize::new(0);
static SERVER_FINALS: AtomicUsize = AtomicUsize::new(0);
static UNMATCHED: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// Messages on the wire, waiting for the receiver.
static WIRE: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());
static WIRE_READY: Condvar = Condvar::new();
/// Kills per transaction id, and every killed transaction (freed at the end).
static KILLS: Mutex<Option<HashMap<c_int, u32>>> = Mutex::new(None);
static DEAD: Mutex<Vec<usize>> = Mutex::new(Vec::new());
static NIST_THREADS: Mutex<Vec<thread::JoinHandle<()>>> = Mutex::new(Vec::new());

fn osip() -> *mut osip_t {
    OSIP.load(Ordering::SeqCst) as *mut osip_t
}

/// Even calls are INVITEs, odd ones MESSAGEs.
fn method(n: usize) -> &'static str {
    if n.is_multiple_of(2) {
        "INVITE"
    } else {
        "MESSAGE"
    }
}

fn request(n: usize) -> String {
    let method = method(n);
    format!(
        "{method} sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKs{n}\r\n\
         From: <sip:alice@127.0.0.1>;tag=a{n}\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: {n}@stress\r\n\
         CSeq: 1 {method}\r\nContact: <sip:alice@127.0.0.1;transport=tcp>\r\nContent-Length: 0\r\n\r\n"
    )
}

fn response(n: usize, code: u32) -> String {
    let method = method(n);
    let tag = if code > 100 {
        format!(";tag=b{n}")
    } else {
        String::new()
    };
    format!(
        "SIP/2.0 {code} Answer\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKs{n}\r\n\
         From: <sip:alice@127.0.0.1>;tag=a{n}\r\nTo: <sip:bob@127.0.0.1>{tag}\r\nCall-ID: {n}@stress\r\n\
         CSeq: 1 {method}\r\nContact: <sip:bob@127.0.0.1;transport=tcp>\r\nContent-Length: 0\r\n\r\n"
    )
}

use common::sip::incoming as parse;

/// The call number of a message, from its Call-ID.
///
/// # Safety
/// `msg` is a valid message with a Call-ID.
unsafe fn call_of(msg: *mut osip_message_t) -> usize {
    // SAFETY: per the contract.
    let number = unsafe { CStr::from_ptr((*(*msg).call_id).number) };
    let s = number.to_str().expect("ascii Call-ID");
    s.split('@')
        .next()
        .unwrap()
        .parse()
        .expect("numbered Call-ID")
}

/// Queues an answer for the server transaction `tr` (re-entering the API
/// from a message callback).
///
/// # Safety
/// `tr` is a live server transaction.
unsafe fn answer(tr: *mut osip_transaction_t, n: usize, code: u32) {
    let evt = parse(&response(n, code));
    // SAFETY: the event is ours and becomes the transaction's.
    unsafe {
        (*evt).type_ = evt_set_type_outgoing_sipmessage((*evt).sip);
        assert_eq!(osip_transaction_add_event(tr, evt), 0);
    }
}

unsafe extern "C" fn on_message(ty: c_int, tr: *mut osip_transaction_t, msg: *mut osip_message_t) {
    let ty = ty as u32;
    // SAFETY: the stack passes a live transaction and its message.
    unsafe {
        if ty == OSIP_IST_INVITE_RECEIVED as u32 {
            let n = call_of(msg);
            answer(tr, n, 180);
            answer(tr, n, if n.is_multiple_of(4) { 200 } else { 486 });
        } else if (OSIP_NIST_REGISTER_RECEIVED as u32..=OSIP_NIST_UNKNOWN_REQUEST_RECEIVED as u32)
            .contains(&ty)
        {
            let n = call_of(msg);
            answer(tr, n, 100);
            answer(tr, n, if n % 4 == 1 { 200 } else { 404 });
        } else if [
            OSIP_ICT_STATUS_2XX_RECEIVED as u32,
            OSIP_ICT_STATUS_4XX_RECEIVED as u32,
            OSIP_NICT_STATUS_2XX_RECEIVED as u32,
            OSIP_NICT_STATUS_4XX_RECEIVED as u32,
        ]
        .contains(&ty)
        {
            CLIENT_FINALS.fetch_add(1, Ordering::SeqCst);
        } else if [
            OSIP_IST_STATUS_2XX_SENT as u32,
            OSIP_IST_STATUS_4XX_SENT as u32,
            OSIP_NIST_STATUS_2XX_SENT as u32,
            OSIP_NIST_STATUS_4XX_SENT as u32,
        ]
        .contains(&ty)
        {
            SERVER_FINALS.fetch_add(1, Ordering::SeqCst);
        } else if ty == OSIP_ICT_STATUS_TIMEOUT as u32 || ty == OSIP_NICT_STATUS_TIMEOUT as u32 {
            panic!("a client transaction timed out: a message was lost");
        }
    }
}

unsafe extern "C" fn on_kill(_ty: c_int, tr: *mut osip_transaction_t) {
    // SAFETY: the stack passes a live transaction of our instance.
    unsafe {
        let id = (*tr).transactionid;
        *KILLS
            .lock()
            .unwrap()
            .get_or_insert_with(HashMap::new)
            .entry(id)
            .or_insert(0) += 1;
        assert_eq!(
            osip_remove_transaction(osip(), tr),
            0,
            "listed until killed"
        );
    }
    DEAD.lock().unwrap().push(tr as usize);
}

unsafe extern "C" fn on_transport_error(_ty: c_int, _tr: *mut osip_transaction_t, e: c_int) {
    panic!("transport error {e}: the loopback never fails");
}

/// Puts what the stack sends on the wire.
unsafe extern "C" fn on_send(
    _tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    _host: *mut c_char,
    _port: c_int,
    _sock: c_int,
) -> c_int {
    // SAFETY: the stack passes a valid message.
    let s = unsafe { common::sip::text_of(msg) };
    WIRE.lock().unwrap().push_back(s);
    WIRE_READY.notify_one();
    0
}

/// Runs one NIST transaction's events until it terminates.
fn nist_thread(tr: P<osip_transaction_t>) {
    let tr = tr.0;
    loop {
        // SAFETY: the transaction is freed only after this thread is joined.
        unsafe {
            let evt = osip_fifo_get((*tr).transactionff) as *mut osip_event_t;
            assert!(!evt.is_null());
            osip_transaction_execute(tr, evt);
            if (*tr).state == NIST_TERMINATED as c_int {
                return;
            }
        }
    }
}

fn receiver() {
    loop {
        let text = {
            let mut wire = WIRE.lock().unwrap();
            loop {
                if let Some(t) = wire.pop_front() {
                    break t;
                }
                if STOP.load(Ordering::SeqCst) {
                    return;
                }
                wire = WIRE_READY
                    .wait_timeout(wire, Duration::from_millis(5))
                    .unwrap()
                    .0;
            }
        };
        let evt = parse(&text);
        // SAFETY: the event is handed over as the API says.
        unsafe {
            if osip_find_transaction_and_add_event(osip(), evt) == 0 {
                continue;
            }
            let tr = osip_create_transaction(osip(), evt);
            if tr.is_null() {
                UNMATCHED.fetch_add(1, Ordering::SeqCst);
                osip_event_free(evt);
                continue;
            }
            let nist = (*tr).ctx_type == 3;
            assert_eq!(osip_transaction_add_event(tr, evt), 0);
            if nist {
                let p = P(tr);
                NIST_THREADS
                    .lock()
                    .unwrap()
                    .push(thread::spawn(move || nist_thread(p)));
            }
        }
    }
}

fn sender() {
    for n in 0..CALLS {
        while STARTED.load(Ordering::SeqCst) - CLIENT_FINALS.load(Ordering::SeqCst) >= IN_FLIGHT {
            if STOP.load(Ordering::SeqCst) {
                return;
            }
            thread::sleep(Duration::from_micros(200));
        }
        let evt = parse(&request(n));
        // SAFETY: the event is handed over as the API says.
        unsafe {
            (*evt).type_ = evt_set_type_outgoing_sipmessage((*evt).sip);
            let tr = osip_create_transaction(osip(), evt);
            assert!(!tr.is_null());
            STARTED.fetch_add(1, Ordering::SeqCst);
            assert_eq!(osip_transaction_add_event(tr, evt), 0);
        }
    }
}

fn executor() {
    while !STOP.load(Ordering::SeqCst) {
        // SAFETY: the instance outlives the threads.
        unsafe {
            osip_ict_execute(osip());
            osip_ist_execute(osip());
            osip_nict_execute(osip());
        }
        thread::sleep(Duration::from_micros(100));
    }
}

fn timers() {
    while !STOP.load(Ordering::SeqCst) {
        // SAFETY: the instance outlives the threads.
        unsafe {
            osip_timers_ict_execute(osip());
            osip_timers_ist_execute(osip());
            osip_timers_nict_execute(osip());
            osip_timers_nist_execute(osip());
            let mut tv = libc::timeval {
                tv_sec: 0,
                tv_usec: 0,
            };
            osip_timers_gettimeout(osip(), &mut tv);
        }
        thread::sleep(Duration::from_micros(500));
    }
}

fn killed() -> usize {
    KILLS.lock().unwrap().as_ref().map_or(0, HashMap::len)
}

#[test]
fn threads_share_one_instance_without_loss_or_deadlock() {
    let o = common::sip::instance(common::sip::Callbacks {
        message: Some(on_message),
        kill: Some(on_kill),
        transport_error: Some(on_transport_error),
        send: Some(on_send),
    });
    OSIP.store(o as usize, Ordering::SeqCst);
    let start = Instant::now();
    let workers = [
        thread::spawn(receiver),
        thread::spawn(sender),
        thread::spawn(executor),
        thread::spawn(timers),
    ];
    let expected = 2 * CALLS;
    while killed() < expected && start.elapsed() < TIME_LIMIT {
        thread::sleep(Duration::from_millis(20));
    }
    let elapsed = start.elapsed();
    STOP.store(true, Ordering::SeqCst);
    let progress = format!(
        "after {elapsed:?}: started {}, client finals {}, server finals {}, killed {}, unmatched {}",
        STARTED.load(Ordering::SeqCst),
        CLIENT_FINALS.load(Ordering::SeqCst),
        SERVER_FINALS.load(Ordering::SeqCst),
        killed(),
        UNMATCHED.load(Ordering::SeqCst)
    );
    assert!(killed() == expected, "deadlock or lost events: {progress}");
    for w in workers {
        w.join().expect("worker");
    }
    for t in NIST_THREADS.lock().unwrap().drain(..) {
        t.join().expect("NIST thread");
    }
    eprintln!("stress: {progress}");
    assert_eq!(CLIENT_FINALS.load(Ordering::SeqCst), CALLS, "{progress}");
    assert_eq!(SERVER_FINALS.load(Ordering::SeqCst), CALLS, "{progress}");
    assert_eq!(UNMATCHED.load(Ordering::SeqCst), 0, "{progress}");
    let kills = KILLS.lock().unwrap().take().unwrap();
    assert!(
        kills.values().all(|k| *k == 1),
        "a transaction killed twice"
    );
    // SAFETY: every thread is joined; each dead transaction is freed once.
    unsafe {
        let r = &mut *o;
        for list in [
            &mut r.osip_ict_transactions,
            &mut r.osip_ist_transactions,
            &mut r.osip_nict_transactions,
            &mut r.osip_nist_transactions,
        ] {
            assert_eq!(osip_list_size(list), 0);
        }
        let dead = std::mem::take(&mut *DEAD.lock().unwrap());
        assert_eq!(dead.len(), expected);
        for tr in dead {
            assert_eq!(osip_transaction_free(tr as *mut osip_transaction_t), 0);
        }
        osip_release(o);
    }
}
