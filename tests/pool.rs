//! Transactions' memory (src/pool.rs) through the C API: a reused slot
//! starts as zero as a fresh `calloc` would, a second free is refused, and
//! the SRV record a transaction embeds costs no memory until written.
//!
//! The pool stands aside under sanitizers; the checks that
//! need it say so and pass over it there.

mod common;

use libc::{c_char, c_void};
use osip2::abi::{osip_fsm_type_t, osip_t, osip_transaction_t};
use osip2::ffi::osip::{osip_init, osip_release};
use osip2::ffi::transaction::{osip_transaction_free, osip_transaction_init};
use osip2::parser::{osip_message_free, osip_message_t};
use osip2::pool;
use std::ptr;
use std::sync::Mutex;

/// The pool is one per process and reuses the last freed slot first: the
/// tests take turns so that the slot they free is the one they get back.
static SERIAL: Mutex<()> = Mutex::new(());

fn instance() -> *mut osip_t {
    let mut osip = ptr::null_mut();
    // SAFETY: a valid out-pointer.
    assert_eq!(unsafe { osip_init(&mut osip) }, 0);
    osip
}

fn register(i: usize) -> *mut osip_message_t {
    let text = format!(
        "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKp{i}\r\n\
         From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\n\
         Call-ID: p{i}@h\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n"
    );
    common::sip::message(&text)
}

fn create(osip: *mut osip_t, msg: *mut osip_message_t) -> *mut osip_transaction_t {
    let mut tr = ptr::null_mut();
    // SAFETY: valid instance and request.
    let r = unsafe { osip_transaction_init(&mut tr, osip_fsm_type_t::NIST as _, osip, msg) };
    assert_eq!(r, 0);
    tr
}

fn is_zero(tr: *const osip_transaction_t) -> bool {
    // SAFETY: a live transaction of `size_of` bytes.
    let bytes = unsafe {
        std::slice::from_raw_parts(tr as *const u8, std::mem::size_of::<osip_transaction_t>())
    };
    bytes.iter().all(|&b| b == 0)
}

#[test]
fn a_reused_transaction_starts_zeroed() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let osip = instance();
    let msg = register(1);
    let a = create(osip, msg);
    // SAFETY: a live transaction; plain fields the library never frees.
    unsafe {
        (*a).record.name[0] = b's' as c_char;
        (*a).record.srventry[9].ipaddress[500] = 1;
        (*a).your_instance = 0x1234 as *mut c_void;
        (*a).reserved6 = 0x5678 as *mut c_void;
        assert_eq!(osip_transaction_free(a), 0);
    }
    let b = create(osip, msg);
    if pool::active() {
        assert_eq!(b, a, "the freed slot comes back first");
    }
    // SAFETY: a live transaction.
    unsafe {
        assert_eq!((*b).record.name[0], 0);
        assert_eq!((*b).record.srventry[9].ipaddress[500], 0);
        assert!((*b).your_instance.is_null() && (*b).reserved6.is_null());
        // What init set, cleared again, leaves nothing behind.
        let id = (*b).transactionid;
        assert!(id > 0);
        assert_eq!(osip_transaction_free(b), 0);
        osip_message_free(msg);
        osip_release(osip);
    }
}

#[test]
fn a_second_free_is_refused() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !pool::active() {
        eprintln!("pool inactive (a sanitizer): a second free would be a real one");
        return;
    }
    let osip = instance();
    let msg = register(2);
    let tr = create(osip, msg);
    // SAFETY: `tr` is live for the first call; the second passes a pointer
    // to a freed slot of the pool, which the library recognises.
    unsafe {
        assert_eq!(osip_transaction_free(tr), 0);
        assert!(pool::is_freed(tr));
        assert!(is_zero(tr), "a freed slot is cleared");
        assert_eq!(osip_transaction_free(tr), -2);
        assert_eq!(osip2::ffi::transaction::osip_transaction_free2(tr), -2);
        // An address inside a slot is no transaction either.
        let inner = (tr as *mut u8).add(8) as *mut osip_transaction_t;
        assert_eq!(osip_transaction_free(inner), -2);
        osip_message_free(msg);
        osip_release(osip);
    }
}

/// Resident memory of this process, in bytes.
fn rss() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

#[test]
fn the_srv_record_costs_no_memory_until_written() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !pool::active() {
        eprintln!("pool inactive (a sanitizer): transactions come from malloc");
        return;
    }
    const N: usize = 4000;
    let osip = instance();
    let msg = register(3);
    let before = rss();
    let trs: Vec<_> = (0..N).map(|_| create(osip, msg)).collect();
    let per_tr = rss().saturating_sub(before) / N;
    for tr in trs {
        // SAFETY: live transactions, freed once.
        assert_eq!(unsafe { osip_transaction_free(tr) }, 0);
    }
    // SAFETY: the message and instance are no longer used.
    unsafe {
        osip_message_free(msg);
        osip_release(osip);
    }
    // Clearing the whole struct, as libosip2 does, commits at least its size.
    let whole = std::mem::size_of::<osip_transaction_t>();
    assert!(
        per_tr < whole * 3 / 4,
        "{per_tr} bytes per transaction (struct: {whole})"
    );
}
