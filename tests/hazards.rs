//! Rows of the misuse table (docs/robustness.md) that are easier to set up
//! from Rust than from C: a failing allocator for one thread, freeing a
//! transaction that is still listed, the state/message mismatch the fuzzer
//! found. The C-level rows are in c-tests/scenarios/misuse_hazards.c.

mod common;

use libc::{c_char, c_int, c_void, size_t};
use osip2::abi::codes::OSIP_NOMEM;
use osip2::abi::osip::_state_t::ICT_COMPLETED;
use osip2::abi::osip::type_t::{RCV_STATUS_3456XX, SND_REQINVITE};
use osip2::abi::{osip_fifo_t, osip_t, osip_transaction_t};
use osip2::alloc::osip_calloc;
use osip2::ffi::callbacks::*;
use osip2::ffi::event::osip_event_free;
use osip2::ffi::execute::*;
use osip2::ffi::fifo::*;
use osip2::ffi::find::osip_create_transaction;
use osip2::ffi::mt::{osip_thread_create, osip_thread_join};
use osip2::ffi::osip::{osip_init, osip_release};
use osip2::ffi::timers::*;
use osip2::ffi::transaction::*;
use osip2::parser::{osip_list_size, osip_malloc_func, osip_message_t};
use std::cell::Cell;
use std::ptr::{self, null_mut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

thread_local! {
    /// Makes the parser's allocator fail, on this thread only.
    static FAIL_MALLOC: Cell<bool> = const { Cell::new(false) };
}

unsafe extern "C" fn malloc_hook(size: size_t) -> *mut c_void {
    if FAIL_MALLOC.with(Cell::get) {
        return null_mut();
    }
    // SAFETY: plain malloc; frees go to plain free (no free hook is set).
    unsafe { libc::malloc(size) }
}

/// Installs the hook once for the whole process; it only fails on threads
/// that ask for it, so the other tests running in parallel are unaffected.
fn install_malloc_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: set before any test thread allocates through it; the hook
        // has malloc's contract.
        unsafe { ptr::addr_of_mut!(osip_malloc_func).write(Some(malloc_hook)) };
    });
}

/// H19: when the fifo cannot store an element it says so and does not post
/// its semaphore, so a later `osip_fifo_get` cannot return a phantom NULL.
#[test]
fn h19_fifo_add_reports_out_of_memory_without_posting() {
    install_malloc_hook();
    // SAFETY: a heap fifo used by this thread only, freed at the end.
    unsafe {
        let ff = osip_calloc::<osip_fifo_t>();
        osip_fifo_init(ff);
        let el = 0x1000 as *mut c_void;
        FAIL_MALLOC.with(|f| f.set(true));
        let add = osip_fifo_add(ff, el);
        let insert = osip_fifo_insert(ff, el);
        FAIL_MALLOC.with(|f| f.set(false));
        assert_eq!(add, OSIP_NOMEM);
        assert_eq!(insert, OSIP_NOMEM);
        assert_eq!(osip_fifo_size(ff), 0);
        assert!(osip_fifo_tryget(ff).is_null());
        assert_eq!(osip_fifo_add(ff, el), 0);
        assert_eq!(
            osip_fifo_get(ff),
            el,
            "no phantom element before the real one"
        );
        osip_fifo_free(ff);
    }
}

/// N5: when the transaction's fifo cannot store an event,
/// `osip_transaction_add_event` still returns 0 (callers take that as "the
/// transaction owns it") and frees the event instead of leaking it.
#[test]
fn n5_add_event_out_of_memory_drops_the_event() {
    install_malloc_hook();
    // SAFETY: an instance and a transaction used by this thread only, freed
    // at the end; the event is handed over once.
    unsafe {
        let mut osip = null_mut();
        assert_eq!(osip2::ffi::osip::osip_init(&mut osip), 0);
        let text = "OPTIONS sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h:5060;branch=z9hG4bKn5\r\n\
                    From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: n5@h\r\n\
                    CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        let evt = osip2::ffi::event::osip_parse(text.as_ptr() as *const _, text.len());
        assert!(!evt.is_null());
        let tr = osip2::ffi::find::osip_create_transaction(osip, evt);
        assert!(!tr.is_null());
        FAIL_MALLOC.with(|f| f.set(true));
        let r = osip2::ffi::transaction::osip_transaction_add_event(tr, evt);
        FAIL_MALLOC.with(|f| f.set(false));
        assert_eq!(r, 0);
        assert_eq!(
            osip_fifo_size((*tr).transactionff),
            0,
            "dropped, not queued"
        );
        assert_eq!(osip2::ffi::transaction::osip_transaction_free(tr), 0);
        osip2::ffi::osip::osip_release(osip);
    }
}

/// H26: `osip_thread_join` leaves the handle to its caller, who frees it
/// with `osip_free` (eXosip does; freeing it here would double free).
#[test]
fn h26_thread_join_leaves_the_handle() {
    static RAN: AtomicUsize = AtomicUsize::new(0);
    unsafe extern "C" fn body(_: *mut c_void) -> *mut c_void {
        RAN.fetch_add(1, Ordering::SeqCst);
        null_mut()
    }
    // SAFETY: the handle is joined once, then freed once by us.
    unsafe {
        let th = osip_thread_create(0, Some(body), null_mut());
        assert!(!th.is_null());
        assert_eq!(osip_thread_join(th), 0);
        osip2::alloc::osip_free(th as *mut c_void);
    }
    assert_eq!(RAN.load(Ordering::SeqCst), 1);
}

const INVITE: &str = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n\
    Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKhz\r\n\
    From: <sip:alice@127.0.0.1>;tag=a\r\nTo: <sip:bob@127.0.0.1>\r\n\
    Call-ID: hz@127.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

const RESPONSE_486: &str = "SIP/2.0 486 Busy Here\r\n\
    Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKhz\r\n\
    From: <sip:alice@127.0.0.1>;tag=a\r\nTo: <sip:bob@127.0.0.1>;tag=b\r\n\
    Call-ID: hz@127.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

use common::sip::incoming as parse;

static SENT_NULL: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn send_ok(
    _tr: *mut osip_transaction_t,
    msg: *mut osip_message_t,
    _host: *mut c_char,
    _port: c_int,
    _sock: c_int,
) -> c_int {
    if msg.is_null() {
        SENT_NULL.fetch_add(1, Ordering::SeqCst);
    }
    0
}

/// An instance whose sends succeed, and an ICT created for [`INVITE`].
fn ict() -> (*mut osip_t, *mut osip_transaction_t) {
    let mut osip = null_mut();
    // SAFETY: a fresh instance; the event is handed to the new transaction.
    unsafe {
        assert_eq!(osip_init(&mut osip), 0);
        osip_set_cb_send_message(osip, Some(send_ok));
        let evt = parse(INVITE);
        (*evt).type_ = SND_REQINVITE as c_int;
        let tr = osip_create_transaction(osip, evt);
        assert!(!tr.is_null());
        assert_eq!(osip_transaction_add_event(tr, evt), 0);
        assert_eq!(osip_ict_execute(osip), 0);
        (osip, tr)
    }
}

/// Found: `osip_transaction_free2` on a transaction that is still listed
/// leaves a dangling pointer in libosip2's list (the next timer call reads
/// freed memory). Here the transaction leaves the list as it is freed.
#[test]
fn free2_on_a_listed_transaction_unlists_it() {
    let (osip, tr) = ict();
    // SAFETY: `tr` is freed once; the instance stays valid.
    unsafe {
        assert_eq!(osip_list_size(&(*osip).osip_ict_transactions), 1);
        assert_eq!(osip_transaction_free2(tr), 0);
        assert_eq!(osip_list_size(&(*osip).osip_ict_transactions), 0);
        assert_eq!((*osip).osip_ict_transactions.count(), 0);
        osip_timers_ict_execute(osip);
        assert_eq!(osip_ict_execute(osip), 0);
        osip_release(osip);
    }
}

/// Found by the `api` fuzz target: an application that stores ICT_COMPLETED
/// into a transaction that never built its ACK. libosip2 then calls the
/// send callback with a NULL message; here the send fails instead
/// (transport error, transaction terminated).
#[test]
fn completed_state_without_ack_does_not_send_null() {
    let (osip, tr) = ict();
    // SAFETY: `tr` stays valid (no kill callback frees it) until freed below.
    unsafe {
        assert!((*tr).ack.is_null());
        (*tr).state = ICT_COMPLETED as c_int;
        let evt = parse(RESPONSE_486);
        (*evt).type_ = RCV_STATUS_3456XX as c_int;
        assert_eq!(osip_transaction_execute(tr, evt), 1);
        assert_eq!(SENT_NULL.load(Ordering::SeqCst), 0);
        assert_eq!(
            (*tr).state,
            osip2::abi::osip::_state_t::ICT_TERMINATED as c_int
        );
        assert_eq!(osip_transaction_free(tr), 0);
        osip_release(osip);
    }
}

/// Found by valgrind on misuse_hazards: freeing a transaction after its
/// instance was released must not read the instance (H15).
#[test]
fn free_after_release_does_not_touch_the_instance() {
    let (osip, tr) = ict();
    // SAFETY: the instance is released first; the transaction stays ours.
    unsafe {
        osip_release(osip);
        assert_eq!(osip_transaction_free(tr), 0);
    }
}

/// Events for a transaction freed by the application are never generated:
/// a freed transaction is out of every list, so timers and execute skip it
/// even when its memory is reused by the next transaction.
#[test]
fn freed_transactions_get_no_timer_events() {
    let (osip, tr) = ict();
    // SAFETY: `tr` is freed once; the instance stays valid until released.
    unsafe {
        assert_eq!(osip_transaction_free(tr), 0);
        osip_timers_ict_execute(osip);
        let mut tv = libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        osip_timers_gettimeout(osip, &mut tv);
        assert!(tv.tv_sec > 1000, "no timer left: {}", tv.tv_sec);
        assert_eq!(osip_ict_execute(osip), 0);
        let evt = parse(INVITE);
        osip_event_free(evt);
        osip_release(osip);
    }
}

/// Found by the `api` fuzz target (LeakSanitizer): an application that puts
/// a server transaction back into its first state and feeds it a second
/// request. libosip2 overwrites the stored request without freeing it; here
/// the old one is freed. Checked for leaks under AddressSanitizer
/// (`.ci/hardening`).
#[test]
fn a_restarted_transaction_frees_the_request_it_held() {
    let mut osip = null_mut();
    // SAFETY: a fresh instance; events are handed over as the API says.
    unsafe {
        assert_eq!(osip_init(&mut osip), 0);
        osip_set_cb_send_message(osip, Some(send_ok));
        let evt = parse(INVITE);
        let tr = osip_create_transaction(osip, evt);
        assert!(!tr.is_null());
        assert_eq!(osip_transaction_execute(tr, evt), 1);
        assert!(!(*tr).orig_request.is_null());
        (*tr).state = osip2::abi::osip::_state_t::IST_PRE_PROCEEDING as c_int;
        assert_eq!(osip_transaction_execute(tr, parse(INVITE)), 1);
        assert_eq!(
            (*tr).state,
            osip2::abi::osip::_state_t::IST_PROCEEDING as c_int
        );
        assert_eq!(osip_transaction_free(tr), 0);
        osip_release(osip);
    }
}
