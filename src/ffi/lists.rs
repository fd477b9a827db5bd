//! The four public transaction lists of `osip_t` (`osip_ict_transactions`
//! ...), which applications iterate, and the exported functions that add to
//! and remove from them and lock them. The engine keeps them in constant
//! time; the list mutexes are still taken as libosip2 takes them, because
//! applications lock them (`osip_ict_lock`) to iterate safely.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::engine::{self, CMem};
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::osip::Instance;
use libc::c_int;
use osip_cabi::export;
use std::ptr::NonNull;

/// Runs `f` with the list mutex of `kind` held.
///
/// # Safety
/// `osip` is a valid instance.
pub(crate) unsafe fn with_list<R>(osip: *mut osip_t, kind: Kind, f: impl FnOnce() -> R) -> R {
    // SAFETY: per the contract, a valid (so non-NULL) instance.
    let osip = unsafe { Instance::new(NonNull::new_unchecked(osip)) };
    osip.with_list(kind, |_| f())
}

/// Appends `tr` to the list of `kind` (the work of `__osip_add_ict` ...).
pub(crate) fn add(osip: Instance, tr: NonNull<osip_transaction_t>, kind: Kind) -> c_int {
    let Some(e) = osip.engine() else {
        return OSIP_BADPARAMETER;
    };
    #[cfg(feature = "fault-injection")]
    osip_cabi::inject("engine-add");
    osip.with_list(kind, |list| {
        let r = e.add(kind, tr.as_ptr() as usize, list, &CMem);
        // SAFETY: the engine's live instance, its list mutex held.
        unsafe { engine::cross_check(&e, osip.as_ptr(), kind) };
        r
    })
}

/// Unlinks the first transaction with `tr`'s id from the list of `kind`.
///
/// # Safety
/// `tr` is a transaction.
pub(crate) unsafe fn remove(osip: Instance, tr: NonNull<osip_transaction_t>, kind: Kind) -> c_int {
    let Some(e) = osip.engine() else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: per the contract; the id is written once, when the
    // transaction is made.
    let id = unsafe { (*tr.as_ptr()).transactionid };
    osip.with_list(kind, |list| {
        let r = e.remove(kind, tr.as_ptr() as usize, id, list, &CMem);
        // SAFETY: the engine's live instance, its list mutex held.
        unsafe { engine::cross_check(&e, osip.as_ptr(), kind) };
        r
    })
}

macro_rules! list_functions {
    ($($add:ident, $remove:ident, $lock:ident, $unlock:ident, $kind:expr;)*) => {$(
        /// Appends `tr` to this kind's list (constant time); 0, or -2 for NULL.
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $add(
            #[handle] osip: *mut osip_t,
            #[handle] tr: *mut osip_transaction_t,
        ) -> c_int {
            // SAFETY: the caller's instance.
            add(unsafe { Instance::new(osip) }, tr, $kind)
        }

        /// Unlinks the first transaction with `tr`'s id from this kind's list:
        /// 0 if one was removed, -1 if none, -2 for NULL.
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $remove(
            #[handle] osip: *mut osip_t,
            #[handle] tr: *mut osip_transaction_t,
        ) -> c_int {
            // SAFETY: the caller's instance.
            let osip = unsafe { Instance::new(osip) };
            // SAFETY: the caller's transaction.
            unsafe { remove(osip, tr, $kind) }
        }

        /// Locks this kind's list mutex (the pthread result; -2 for NULL).
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $lock(#[handle] osip: *mut osip_t) -> c_int {
            // SAFETY: the caller's instance.
            let m = unsafe { Instance::new(osip) }.list_mutex($kind);
            // SAFETY: the instance's own mutex.
            unsafe { osip_mutex_lock(m) }
        }

        /// Unlocks this kind's list mutex (the pthread result; -2 for NULL).
        #[export]
        #[no_mangle]
        pub unsafe extern "C" fn $unlock(#[handle] osip: *mut osip_t) -> c_int {
            // SAFETY: the caller's instance.
            let m = unsafe { Instance::new(osip) }.list_mutex($kind);
            // SAFETY: the instance's own mutex.
            unsafe { osip_mutex_unlock(m) }
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
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_id_mutex_lock(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance.
    let m = unsafe { Instance::new(osip) }.id_mutex();
    // SAFETY: the instance's own mutex.
    unsafe { osip_mutex_lock(m) }
}

/// Unlocks the mutex guarding the transaction id counter.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_id_mutex_unlock(#[handle] osip: *mut osip_t) -> c_int {
    // SAFETY: the caller's instance.
    let m = unsafe { Instance::new(osip) }.id_mutex();
    // SAFETY: the instance's own mutex.
    unsafe { osip_mutex_unlock(m) }
}

/// Unlinks `tr` (matched by transaction id, as libosip2 does) from the list
/// of its `ctx_type`: 0 if removed, -1 if not listed, -2 for NULL or an
/// unknown `ctx_type`. The transaction is not freed.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_remove_transaction(
    #[handle] osip: *mut osip_t,
    #[handle] tr: *mut osip_transaction_t,
) -> c_int {
    // SAFETY: the caller's transaction; its kind is set when it is made.
    let ctx_type = unsafe { (*tr.as_ptr()).ctx_type };
    // SAFETY: the caller's instance.
    let osip = unsafe { Instance::new(osip) };
    match Kind::from_ctx_type_strict(ctx_type) {
        // SAFETY: the caller's transaction.
        Some(kind) => unsafe { remove(osip, tr, kind) },
        None => OSIP_BADPARAMETER,
    }
}
