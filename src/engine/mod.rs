//! The transaction engine of one `osip_t`: the public lists kept in constant
//! time, the matching index, the set of transactions with queued events and
//! the timer schedule. Owned by the `osip_t` (behind its `*_hastable`
//! pointers) and created by `osip_init`.
//!
//! INTERFACE used by the state machines (`ffi/transaction.rs`):
//! - `step_begin(tr)` before running one event through a transaction's state
//!   machine and `step_end(step)` afterwards (even if the transaction was
//!   freed by a callback in between: `step_end` never dereferences a freed
//!   transaction). The engine re-reads the transaction's state and timer
//!   fields there.
//! - `forget(tr)` from `osip_transaction_free2`, before the transaction's
//!   memory is released.

// Until the engine lands, its hooks are only interfaces.
#![allow(dead_code)]

use crate::abi::{osip_fifo_t, osip_t, osip_transaction_t};

/// What `step_begin` remembers about a transaction.
pub(crate) struct Step {
    _tr: usize,
}

/// See the module documentation.
pub(crate) unsafe fn step_begin(tr: *mut osip_transaction_t) -> Option<Step> {
    if tr.is_null() {
        return None;
    }
    Some(Step { _tr: tr as usize })
}

/// See the module documentation.
pub(crate) unsafe fn step_end(step: Option<Step>) {
    let _ = step;
}

/// See the module documentation.
pub(crate) unsafe fn forget(tr: *mut osip_transaction_t) {
    let _ = tr;
}

/// Called by `osip_fifo_add` / `osip_fifo_insert` after an element was
/// queued, so that `osip_*_execute` visits the transaction owning `ff` (if
/// any) without scanning every transaction.
pub(crate) unsafe fn fifo_filled(ff: *mut osip_fifo_t) {
    let _ = ff;
}

/// Creates the engine of a new `osip_t` (from `osip_init`).
pub(crate) unsafe fn attach(osip: *mut osip_t) {
    let _ = osip;
}

/// Drops the engine of an `osip_t` being released (from `osip_release`).
pub(crate) unsafe fn detach(osip: *mut osip_t) {
    let _ = osip;
}
