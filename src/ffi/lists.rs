//! The four public transaction lists of `osip_t` (`osip_ict_transactions`
//! ...), which applications iterate, and the exported functions that add to
//! and remove from them and lock them. The engine keeps them in constant
//! time; the list mutexes are still taken as libosip2 takes them, because
//! applications lock them (`osip_ict_lock`) to iterate safely.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{osip_mutex, osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::engine::{self, CList, CMem};
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use libc::c_int;

/// Runs `f` with the list mutex of `kind` held.
///
/// # Safety
/// `osip` is a valid instance.
pub(crate) unsafe fn with_list<R>(osip: *mut osip_t, kind: Kind, f: impl FnOnce() -> R) -> R {
    // SAFETY: per the contract.
    let (_, m) = unsafe { engine::public_list(osip, kind) };
    // SAFETY: the mutex is NULL (tolerated) or made by osip_mutex_init.
    unsafe { osip_mutex_lock(m) };
    let r = f();
    // SAFETY: as above.
    unsafe { osip_mutex_unlock(m) };
    r
}

unsafe fn add(osip: *mut osip_t, tr: *mut osip_transaction_t, kind: Kind) -> c_int {
    if tr.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `osip` is NULL or an instance from osip_init.
    let Some(e) = engine::of(osip) else {
        return OSIP_BADPARAMETER;
    };
    #[cfg(feature = "fault-injection")]
    osip_cabi::inject("engine-add");
    // SAFETY: checked above; the transaction is the caller's valid one.
    unsafe {
        with_list(osip, kind, || {
            let r = e.add(kind, tr as usize, &mut CList::of(osip, kind), &CMem);
            engine::cross_check(&e, osip, kind);
            r
        })
    }
}

unsafe fn remove(osip: *mut osip_t, tr: *mut osip_transaction_t, kind: Kind) -> c_int {
    if tr.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `osip` is NULL or an instance from osip_init.
    let Some(e) = engine::of(osip) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: a valid transaction (the caller's contract).
    let id = unsafe { (*tr).transactionid };
    // SAFETY: checked above.
    unsafe {
        with_list(osip, kind, || {
            let r = e.remove(kind, tr as usize, id, &mut CList::of(osip, kind), &CMem);
            engine::cross_check(&e, osip, kind);
            r
        })
    }
}

macro_rules! list_functions {
    ($($add:ident, $remove:ident, $lock:ident, $unlock:ident, $kind:expr;)*) => {$(
        /// Appends `tr` to this kind's list (constant time); 0, or -2 for NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $add(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
            // SAFETY: `add` checks its arguments.
            ffi_guard!(OSIP_BADPARAMETER, { unsafe { add(osip, tr, $kind) } })
        }

        /// Unlinks the first transaction with `tr`'s id from this kind's list:
        /// 0 if one was removed, -1 if none, -2 for NULL.
        #[no_mangle]
        pub unsafe extern "C" fn $remove(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
            // SAFETY: `remove` checks its arguments.
            ffi_guard!(OSIP_BADPARAMETER, { unsafe { remove(osip, tr, $kind) } })
        }

        /// Locks this kind's list mutex (the pthread result; -2 for NULL).
        #[no_mangle]
        pub unsafe extern "C" fn $lock(osip: *mut osip_t) -> c_int {
            ffi_guard!(OSIP_BADPARAMETER, {
                if osip.is_null() {
                    return OSIP_BADPARAMETER;
                }
                // SAFETY: non-NULL instance; the mutex is ours.
                unsafe { osip_mutex_lock(engine::public_list(osip, $kind).1) }
            })
        }

        /// Unlocks this kind's list mutex (the pthread result; -2 for NULL).
        #[no_mangle]
        pub unsafe extern "C" fn $unlock(osip: *mut osip_t) -> c_int {
            ffi_guard!(OSIP_BADPARAMETER, {
                if osip.is_null() {
                    return OSIP_BADPARAMETER;
                }
                // SAFETY: non-NULL instance; the mutex is ours.
                unsafe { osip_mutex_unlock(engine::public_list(osip, $kind).1) }
            })
        }
    )*};
}

list_functions! {
    __osip_add_ict, __osip_remove_ict_transaction, osip_ict_lock, osip_ict_unlock, Kind::Ict;
    __osip_add_ist, __osip_remove_ist_transaction, osip_ist_lock, osip_ist_unlock, Kind::Ist;
    __osip_add_nict, __osip_remove_nict_transaction, osip_nict_lock, osip_nict_unlock, Kind::Nict;
    __osip_add_nist, __osip_remove_nist_transaction, osip_nist_lock, osip_nist_unlock, Kind::Nist;
}

/// Locks the mutex guarding the transaction id counter.
#[no_mangle]
pub unsafe extern "C" fn osip_id_mutex_lock(osip: *mut osip_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL instance; the mutex is ours.
        unsafe { osip_mutex_lock((*osip).id_mutex as *mut osip_mutex) }
    })
}

/// Unlocks the mutex guarding the transaction id counter.
#[no_mangle]
pub unsafe extern "C" fn osip_id_mutex_unlock(osip: *mut osip_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL instance; the mutex is ours.
        unsafe { osip_mutex_unlock((*osip).id_mutex as *mut osip_mutex) }
    })
}

/// Unlinks `tr` (matched by transaction id, as libosip2 does) from the list
/// of its `ctx_type`: 0 if removed, -1 if not listed, -2 for NULL or an
/// unknown `ctx_type`. The transaction is not freed.
#[no_mangle]
pub unsafe extern "C" fn osip_remove_transaction(
    osip: *mut osip_t,
    tr: *mut osip_transaction_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if tr.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: `tr` is non-NULL and points to a transaction.
        match Kind::from_ctx_type_strict(unsafe { (*tr).ctx_type }) {
            // SAFETY: `remove` checks the instance.
            Some(kind) => unsafe { remove(osip, tr, kind) },
            None => OSIP_BADPARAMETER,
        }
    })
}
