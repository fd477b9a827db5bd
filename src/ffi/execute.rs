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
use crate::abi::{osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::engine::{self, stats, CMem, Engine};
use crate::ffi::fifo::osip_fifo_tryget;
use crate::ffi::osip::Instance;
use crate::ffi::transaction::execute as execute_event;
use libc::c_int;
use osip_cabi::export;
use std::cell::RefCell;
use std::sync::{Arc, Weak};

/// The execute walks this thread has begun and not ended yet, innermost
/// last. A thread can end inside a callback (`osip_thread_exit`,
/// `pthread_cancel`) with a walk open: the forced unwind runs no code of
/// ours, but thread-local destructors do run, and this one ends the walks
/// the thread left open. Otherwise the engine would believe a walk is still
/// running and keep every transaction removed since visible to walks, for
/// the life of the process.
struct OpenWalks(RefCell<Vec<(Weak<Engine>, Kind)>>);

impl Drop for OpenWalks {
    fn drop(&mut self) {
        for (e, kind) in self.0.take().into_iter().rev() {
            if let Some(e) = e.upgrade() {
                e.end_walk(kind);
            }
        }
    }
}

thread_local! {
    static OPEN_WALKS: OpenWalks = const { OpenWalks(RefCell::new(Vec::new())) };
}

/// Notes a walk begun; returns its depth, for [`walk_ended`].
fn walk_begun(e: &Arc<Engine>, kind: Kind) -> usize {
    OPEN_WALKS.with(|w| {
        let mut open = w.0.borrow_mut();
        open.push((Arc::downgrade(e), kind));
        open.len() - 1
    })
}

/// Notes that the walk at `depth` ended (walks nest: the thread's inner
/// walks ended before it).
fn walk_ended(depth: usize) {
    let _ = OPEN_WALKS.try_with(|w| w.0.borrow_mut().truncate(depth));
}

fn execute(osip: Instance, kind: Kind) -> c_int {
    // The engine is looked up again after each callback instead of being
    // held across them: a thread ending inside one would leak it.
    let Some(e) = osip.engine() else {
        return OSIP_BADPARAMETER;
    };
    let limit = osip.with_list(kind, |list| {
        let limit = e.begin_walk(kind, list, &CMem);
        // SAFETY: the engine's live instance, its list mutex held.
        unsafe { engine::cross_check(&e, osip.as_ptr(), kind) };
        limit
    });
    let depth = walk_begun(&e, kind);
    drop(e);
    let mut from = 0;
    while let Some((seq, tr, serial)) = osip.engine().and_then(|e| e.next_ready(kind, from, limit))
    {
        let tr = tr as *mut osip_transaction_t;
        from = seq + 1;
        stats::bump(&stats::EXECUTE_VISITS, 1);
        loop {
            // SAFETY: `tr` is registered with `serial`, so not freed; its
            // fifo is set when it is made.
            let fifo = unsafe { (*tr).transactionff };
            // SAFETY: the transaction's own fifo.
            let evt = unsafe { osip_fifo_tryget(fifo) };
            if evt.is_null() {
                break;
            }
            // SAFETY: a live transaction and an event from its own fifo.
            unsafe { execute_event(tr, evt.cast()) };
            if !osip
                .engine()
                .is_some_and(|e| e.is_live(tr as usize, serial))
            {
                break;
            }
        }
    }
    walk_ended(depth);
    if let Some(e) = osip.engine() {
        e.end_walk(kind);
    }
    0
}

/// Runs every event queued in ICT transactions, in list order. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_ict_execute(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance, for this call.
    execute(unsafe { Instance::new(osip) }, Kind::Ict)
}

/// Runs every event queued in IST transactions, in list order. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_ist_execute(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance, for this call.
    execute(unsafe { Instance::new(osip) }, Kind::Ist)
}

/// Runs every event queued in NICT transactions, in list order. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_nict_execute(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance, for this call.
    execute(unsafe { Instance::new(osip) }, Kind::Nict)
}

/// Runs every event queued in NIST transactions, in list order. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_nist_execute(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance, for this call.
    execute(unsafe { Instance::new(osip) }, Kind::Nist)
}
