//! `osip_timers_*_execute` and `osip_timers_gettimeout`, driven by the
//! engine's timer index: their cost follows the number of due timers, not
//! the number of transactions.

use crate::abi::{ixt_t, osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::core::timeval::{Tv, ONE_YEAR_SECS};
use crate::engine::{self, stats, CMem};
use crate::ffi::event::new_event;
use crate::ffi::fifo::osip_fifo_add;
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::osip::Instance;
use crate::ffi::time::{from_tv, now, to_tv};
use libc::{c_int, timeval};
use osip_cabi::export;
use std::ptr::addr_of;

/// Queues, for each transaction of `kind` whose timer is due, one timeout
/// event (the first due timer in libosip2's order).
fn timers_execute(osip: Instance, kind: Kind) {
    let Some(e) = osip.engine() else {
        return;
    };
    // The list mutex keeps the due transactions from being removed (and so
    // freed) until their events are queued.
    osip.with_list(kind, |list| {
        let due = e.due_timers(kind, now(), list, &CMem);
        // SAFETY: the engine's live instance, its list mutex held.
        unsafe { engine::cross_check(&e, osip.as_ptr(), kind) };
        for (tr, timer) in due {
            let tr = tr as *const osip_transaction_t;
            // SAFETY: a listed transaction, kept alive by the list mutex;
            // its id and fifo are set when it is made.
            let (id, fifo) = unsafe { ((*tr).transactionid, (*tr).transactionff) };
            let evt = new_event(timer as c_int, id);
            if !evt.is_null() {
                // SAFETY: the transaction's fifo takes the new event.
                unsafe { osip_fifo_add(fifo, evt.cast()) };
            }
        }
    })
}

/// Queues a timeout event in each ICT transaction whose timer is due.
/// NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_timers_ict_execute(#[handle] osip: *mut osip_t) {
    // SAFETY: the caller's instance, for this call.
    timers_execute(unsafe { Instance::new(osip) }, Kind::Ict)
}

/// Queues a timeout event in each IST transaction whose timer is due.
/// NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_timers_ist_execute(#[handle] osip: *mut osip_t) {
    // SAFETY: the caller's instance, for this call.
    timers_execute(unsafe { Instance::new(osip) }, Kind::Ist)
}

/// Queues a timeout event in each NICT transaction whose timer is due.
/// NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_timers_nict_execute(#[handle] osip: *mut osip_t) {
    // SAFETY: the caller's instance, for this call.
    timers_execute(unsafe { Instance::new(osip) }, Kind::Nict)
}

/// Queues a timeout event in each NIST transaction whose timer is due.
/// NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_timers_nist_execute(#[handle] osip: *mut osip_t) {
    // SAFETY: the caller's instance, for this call.
    timers_execute(unsafe { Instance::new(osip) }, Kind::Nist)
}

/// The earliest deadline of every armed timer that can fire, transactions
/// and 2xx/ACK retransmissions alike; None when an ICT transaction has a
/// queued event (it must be executed now).
fn earliest(osip: Instance, e: &engine::Engine, mut lower: Tv) -> Option<Tv> {
    for kind in Kind::ALL {
        let t = osip
            .with_list(kind, |list| {
                let t = e.earliest(kind, list, &CMem);
                // SAFETY: the engine's live instance, its list mutex held.
                unsafe { engine::cross_check(e, osip.as_ptr(), kind) };
                t
            })
            .ok()?;
        if let Some(t) = t {
            lower = lower.min_armed(t);
        }
    }
    let o = osip.as_ptr();
    // SAFETY: a live instance; set by osip_init, read-only after.
    let m = unsafe { (*o).ixt_fastmutex }.cast();
    // SAFETY: the instance's own mutex, which guards its ixt records.
    unsafe { osip_mutex_lock(m) };
    // SAFETY: the ixt list of a live instance, its mutex held.
    let records = unsafe { &*addr_of!((*o).ixt_retransmissions) };
    for record in records.iter_raw() {
        stats::bump(&stats::NODES_WALKED, 1);
        // SAFETY: the list holds NULL or ixt records, alive while listed.
        if let Some(ixt) = unsafe { record.cast::<ixt_t>().as_ref() } {
            lower = lower.min_armed(to_tv(&ixt.start));
        }
    }
    // SAFETY: locked above.
    unsafe { osip_mutex_unlock(m) };
    Some(lower)
}

/// Stores in `lower` the time until the next timer is due: {0,0} when one is
/// due already (or an ICT transaction has a queued event), one year when no
/// timer is armed.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_timers_gettimeout(
    #[handle] osip: *mut osip_t,
    #[nonnull] lower: *mut timeval,
) {
    // SAFETY: the caller's instance, for this call.
    let osip = unsafe { Instance::new(osip) };
    let Some(e) = osip.engine() else {
        return;
    };
    let now = now();
    let year = Tv::new(now.sec + ONE_YEAR_SECS, now.usec);
    let out = match earliest(osip, &e, year) {
        Some(t) if !t.is_due(now) => Tv::remaining_until(t, now),
        _ => Tv::new(0, 0),
    };
    *lower = from_tv(out);
}
