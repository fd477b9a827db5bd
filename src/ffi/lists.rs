//! The four public transaction lists of `osip_t` (`osip_ict_transactions`
//! ...), which applications iterate, and the exported functions that add to
//! and remove from them.
//!
//! INTERFACE: `osip_transaction_init` calls `__osip_add_ict` ... `__osip_add_nist`
//! after building the context; `osip_transaction_free` calls
//! `osip_remove_transaction`.
//! (Temporary list-walking implementation; the engine replaces it.)

use crate::abi::{osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::parser::{osip_list_add, osip_list_get, osip_list_remove, osip_list_size, osip_list_t};
use libc::{c_int, c_void};

/// The list and mutex of `kind` in `osip`.
unsafe fn list_of(osip: *mut osip_t, kind: Kind) -> (*mut osip_list_t, *mut c_void) {
    // SAFETY: the caller passes a valid `osip_t`.
    let o = unsafe { &mut *osip };
    match kind {
        Kind::Ict => (&mut o.osip_ict_transactions, o.ict_fastmutex),
        Kind::Ist => (&mut o.osip_ist_transactions, o.ist_fastmutex),
        Kind::Nict => (&mut o.osip_nict_transactions, o.nict_fastmutex),
        Kind::Nist => (&mut o.osip_nist_transactions, o.nist_fastmutex),
    }
}

pub(crate) unsafe fn add(osip: *mut osip_t, tr: *mut osip_transaction_t, kind: Kind) -> c_int {
    if osip.is_null() || tr.is_null() {
        return crate::abi::codes::OSIP_BADPARAMETER;
    }
    // SAFETY: checked non-NULL above; the list belongs to `osip`.
    unsafe {
        let (list, m) = list_of(osip, kind);
        lock(m);
        osip_list_add(list, tr as *mut c_void, -1);
        unlock(m);
    }
    0
}

pub(crate) unsafe fn remove(osip: *mut osip_t, tr: *mut osip_transaction_t, kind: Kind) -> c_int {
    if osip.is_null() || tr.is_null() {
        return crate::abi::codes::OSIP_BADPARAMETER;
    }
    // SAFETY: checked non-NULL above; elements of the list are transactions.
    unsafe {
        let (list, m) = list_of(osip, kind);
        lock(m);
        let id = (*tr).transactionid;
        let mut found = -1;
        for pos in 0..osip_list_size(list) {
            let t = osip_list_get(list, pos) as *mut osip_transaction_t;
            if !t.is_null() && (*t).transactionid == id {
                osip_list_remove(list, pos);
                found = 0;
                break;
            }
        }
        unlock(m);
        found
    }
}

unsafe fn lock(m: *mut c_void) {
    if !m.is_null() {
        // SAFETY: osip_t mutexes are pthread mutexes made by osip_mutex_init.
        unsafe { libc::pthread_mutex_lock(m as *mut libc::pthread_mutex_t) };
    }
}

unsafe fn unlock(m: *mut c_void) {
    if !m.is_null() {
        // SAFETY: as in `lock`.
        unsafe { libc::pthread_mutex_unlock(m as *mut libc::pthread_mutex_t) };
    }
}

/// Appends `tr` to the ICT list.
#[no_mangle]
pub unsafe extern "C" fn __osip_add_ict(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: checked by `add`.
    ffi_guard!(-2, { unsafe { add(osip, tr, Kind::Ict) } })
}
/// Appends `tr` to the IST list.
#[no_mangle]
pub unsafe extern "C" fn __osip_add_ist(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: checked by `add`.
    ffi_guard!(-2, { unsafe { add(osip, tr, Kind::Ist) } })
}
/// Appends `tr` to the NICT list.
#[no_mangle]
pub unsafe extern "C" fn __osip_add_nict(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: checked by `add`.
    ffi_guard!(-2, { unsafe { add(osip, tr, Kind::Nict) } })
}
/// Appends `tr` to the NIST list.
#[no_mangle]
pub unsafe extern "C" fn __osip_add_nist(osip: *mut osip_t, tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: checked by `add`.
    ffi_guard!(-2, { unsafe { add(osip, tr, Kind::Nist) } })
}

/// Unlinks `tr` (matched by transaction id) from the list of its kind.
#[no_mangle]
pub unsafe extern "C" fn osip_remove_transaction(
    osip: *mut osip_t,
    tr: *mut osip_transaction_t,
) -> c_int {
    ffi_guard!(-2, {
        if tr.is_null() {
            return -2;
        }
        // SAFETY: `tr` is non-NULL and points to a transaction.
        match Kind::from_ctx_type_strict(unsafe { (*tr).ctx_type }) {
            // SAFETY: checked by `remove`.
            Some(kind) => unsafe { remove(osip, tr, kind) },
            None => -2,
        }
    })
}
