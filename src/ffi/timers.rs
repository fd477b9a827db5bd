//! `osip_timers_*_execute` and `osip_timers_gettimeout`, driven by the
//! engine's timer index: their cost follows the number of due timers, not
//! the number of transactions.

use crate::abi::{ixt_t, osip_t};
use crate::core::kind::Kind;
use crate::core::timeval::{Tv, ONE_YEAR_SECS};
use crate::engine::{self, stats, CList, CMem};
use crate::ffi::event::new_event;
use crate::ffi::fifo::osip_fifo_add;
use crate::ffi::lists::with_list;
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::time::{from_tv, now, to_tv};
use libc::{c_int, c_void, timeval};

/// Queues, for each transaction of `kind` whose timer is due, one timeout
/// event (the first due timer in libosip2's order).
unsafe fn timers_execute(osip: *mut osip_t, kind: Kind) {
    // SAFETY: `of` accepts NULL or an instance.
    let Some(e) = engine::of(osip) else {
        return;
    };
    // SAFETY: valid instance; the list mutex keeps the due transactions from
    // being removed (and so freed) until their events are queued.
    unsafe {
        with_list(osip, kind, || {
            for (tr, timer) in e.due_timers(kind, now(), &CList::of(osip, kind), &CMem) {
                let tr = tr as *mut crate::abi::osip_transaction_t;
                let evt = new_event(timer as c_int, (*tr).transactionid);
                if !evt.is_null() {
                    osip_fifo_add((*tr).transactionff, evt as *mut c_void);
                }
            }
        })
    }
}

/// Queues a timeout event in each ICT transaction whose timer is due.
/// NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_timers_ict_execute(osip: *mut osip_t) {
    // SAFETY: `timers_execute` checks the instance.
    ffi_guard!((), { unsafe { timers_execute(osip, Kind::Ict) } })
}

/// Queues a timeout event in each IST transaction whose timer is due.
/// NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_timers_ist_execute(osip: *mut osip_t) {
    // SAFETY: `timers_execute` checks the instance.
    ffi_guard!((), { unsafe { timers_execute(osip, Kind::Ist) } })
}

/// Queues a timeout event in each NICT transaction whose timer is due.
/// NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_timers_nict_execute(osip: *mut osip_t) {
    // SAFETY: `timers_execute` checks the instance.
    ffi_guard!((), { unsafe { timers_execute(osip, Kind::Nict) } })
}

/// Queues a timeout event in each NIST transaction whose timer is due.
/// NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_timers_nist_execute(osip: *mut osip_t) {
    // SAFETY: `timers_execute` checks the instance.
    ffi_guard!((), { unsafe { timers_execute(osip, Kind::Nist) } })
}

/// The earliest deadline of every armed timer that can fire, transactions
/// and 2xx/ACK retransmissions alike; None when an ICT transaction has a
/// queued event (it must be executed now).
///
/// # Safety
/// `osip` is a valid instance from `osip_init`.
unsafe fn earliest(osip: *mut osip_t, e: &engine::Engine, mut lower: Tv) -> Option<Tv> {
    for kind in Kind::ALL {
        // SAFETY: per the contract.
        let t = unsafe {
            with_list(osip, kind, || {
                e.earliest(kind, &CList::of(osip, kind), &CMem)
            })
        }
        .ok()?;
        if let Some(t) = t {
            lower = lower.min_armed(t);
        }
    }
    // SAFETY: per the contract; ixt records are listed under their mutex.
    unsafe {
        let m = (*osip).ixt_fastmutex as *mut crate::abi::osip_mutex;
        osip_mutex_lock(m);
        let mut node = (*osip).ixt_retransmissions.head();
        while !node.is_null() {
            stats::bump(&stats::NODES_WALKED, 1);
            if let Some(ixt) = ((*node).element as *const ixt_t).as_ref() {
                lower = lower.min_armed(to_tv(&ixt.start));
            }
            node = (*node).next;
        }
        osip_mutex_unlock(m);
    }
    Some(lower)
}

/// Stores in `lower` the time until the next timer is due: {0,0} when one is
/// due already (or an ICT transaction has a queued event), one year when no
/// timer is armed.
#[no_mangle]
pub unsafe extern "C" fn osip_timers_gettimeout(osip: *mut osip_t, lower: *mut timeval) {
    ffi_guard!((), {
        if lower.is_null() {
            return;
        }
        // SAFETY: `of` accepts NULL or an instance.
        let Some(e) = engine::of(osip) else {
            return;
        };
        let now = now();
        let year = Tv::new(now.sec + ONE_YEAR_SECS, now.usec);
        // SAFETY: valid instance.
        let out = match unsafe { earliest(osip, &e, year) } {
            Some(t) if !t.is_due(now) => Tv::remaining_until(t, now),
            _ => Tv::new(0, 0),
        };
        // SAFETY: non-NULL out-pointer from the caller.
        unsafe { *lower = from_tv(out) };
    })
}
