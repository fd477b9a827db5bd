//! `osip_ict_execute` ... `osip_nist_execute`: run every queued event of the
//! transactions of one kind.
//!
//! libosip2 copies the whole list and drains each transaction's fifo in list
//! order. We visit only the transactions that may have events, in the same
//! order and with the same snapshot rules: transactions appended during the
//! call wait for the next call, transactions removed during the call are
//! still drained, events queued to a later transaction during the call run in
//! this call. A transaction freed by a callback (typically from its kill
//! callback) is never touched again (hazard H13).

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::osip_t;
use crate::core::kind::Kind;
use crate::engine::{self, stats, CList, CMem};
use crate::ffi::fifo::osip_fifo_tryget;
use crate::ffi::lists::with_list;
use crate::ffi::transaction::osip_transaction_execute;
use libc::c_int;

unsafe fn execute(osip: *mut osip_t, kind: Kind) -> c_int {
    // The engine is looked up again after each callback instead of being
    // held across them: a thread ending inside one would leak it.
    let Some(e) = engine::of(osip) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: a live instance; the list is read under its mutex.
    let limit = unsafe {
        with_list(osip, kind, || {
            e.begin_walk(kind, &CList::of(osip, kind), &CMem)
        })
    };
    drop(e);
    let mut from = 0;
    while let Some((seq, tr, serial)) =
        engine::of(osip).and_then(|e| e.next_ready(kind, from, limit))
    {
        let tr = tr as *mut crate::abi::osip_transaction_t;
        from = seq + 1;
        stats::bump(&stats::EXECUTE_VISITS, 1);
        loop {
            // SAFETY: `tr` is registered with `serial`, so not freed.
            let evt = unsafe { osip_fifo_tryget((*tr).transactionff) };
            if evt.is_null() {
                break;
            }
            // SAFETY: the event came from the transaction's own fifo.
            unsafe { osip_transaction_execute(tr, evt as *mut crate::abi::osip_event_t) };
            if !engine::of(osip).is_some_and(|e| e.is_live(tr as usize, serial)) {
                break;
            }
        }
    }
    if let Some(e) = engine::of(osip) {
        e.end_walk(kind);
    }
    0
}

/// Runs every event queued in ICT transactions, in list order. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_ict_execute(osip: *mut osip_t) -> c_int {
    // SAFETY: `execute` checks the instance.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { execute(osip, Kind::Ict) } })
}

/// Runs every event queued in IST transactions, in list order. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_ist_execute(osip: *mut osip_t) -> c_int {
    // SAFETY: `execute` checks the instance.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { execute(osip, Kind::Ist) } })
}

/// Runs every event queued in NICT transactions, in list order. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_nict_execute(osip: *mut osip_t) -> c_int {
    // SAFETY: `execute` checks the instance.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { execute(osip, Kind::Nict) } })
}

/// Runs every event queued in NIST transactions, in list order. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_nist_execute(osip: *mut osip_t) -> c_int {
    // SAFETY: `execute` checks the instance.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { execute(osip, Kind::Nist) } })
}
