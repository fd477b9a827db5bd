//! The `osip_t` instance: creation, release and the application context.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM};
use crate::abi::osip_t;
use crate::alloc::{osip_calloc, osip_free};
use crate::ffi::mt::{osip_mutex_destroy, osip_mutex_init};
use crate::parser::{osip_list_init, osip_list_remove, parser_init};
use libc::{c_int, c_void};
use std::sync::{Mutex, PoisonError};

/// libosip2 initialises the parser once per process, on the first
/// `osip_init`. A mutex rather than a `Once`, so that a fork can take it
/// (see `crate::forksafe`).
static PARSER_INIT: Mutex<bool> = Mutex::new(false);

/// Holds the parser initialisation across a fork (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    held.push(Box::new(
        PARSER_INIT.lock().unwrap_or_else(PoisonError::into_inner),
    ));
}

/// Allocates a new instance with its six mutexes and empty lists; the first
/// call in the process also initialises the parser. Returns 0, -4 when out of
/// memory, -2 for a NULL argument.
#[no_mangle]
pub unsafe extern "C" fn osip_init(osip: *mut *mut osip_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if osip.is_null() {
            return OSIP_BADPARAMETER;
        }
        {
            let mut done = PARSER_INIT.lock().unwrap_or_else(PoisonError::into_inner);
            if !*done {
                // SAFETY: parser_init has no preconditions.
                unsafe { parser_init() };
                *done = true;
            }
        }
        // SAFETY: a zero-filled osip_t is its valid empty state.
        let o = unsafe { osip_calloc::<osip_t>() };
        // SAFETY: `osip` is a non-NULL out-pointer from the caller.
        unsafe { *osip = o };
        if o.is_null() {
            return OSIP_NOMEM;
        }
        // SAFETY: `o` is a fresh, exclusively owned osip_t.
        unsafe {
            let r = &mut *o;
            // libosip2's order; mutex handles are opaque pointers in osip_t.
            r.ict_fastmutex = osip_mutex_init() as *mut c_void;
            r.ist_fastmutex = osip_mutex_init() as *mut c_void;
            r.nict_fastmutex = osip_mutex_init() as *mut c_void;
            r.nist_fastmutex = osip_mutex_init() as *mut c_void;
            r.ixt_fastmutex = osip_mutex_init() as *mut c_void;
            r.id_mutex = osip_mutex_init() as *mut c_void;
            osip_list_init(&mut r.osip_ict_transactions);
            osip_list_init(&mut r.osip_ist_transactions);
            osip_list_init(&mut r.osip_nict_transactions);
            osip_list_init(&mut r.osip_nist_transactions);
            osip_list_init(&mut r.ixt_retransmissions);
            r.transactionid = 1;
            crate::engine::attach(o);
        }
        0
    })
}

/// Destroys the instance's mutexes and frees it, with the 2xx/ACK
/// retransmission records still pending (libosip2 leaks them).
/// Transactions still listed are left to the application, as with
/// libosip2. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_release(osip: *mut osip_t) {
    ffi_guard!((), {
        if osip.is_null() {
            return;
        }
        // SAFETY: `osip` was made by osip_init and is not used after this.
        unsafe {
            crate::engine::detach(osip);
            crate::ffi::ixt::free_all(osip);
            let r = &mut *osip;
            // The transactions stay the application's, but nothing can reach
            // the list nodes once the instance is gone.
            for list in [
                &mut r.osip_ict_transactions,
                &mut r.osip_ist_transactions,
                &mut r.osip_nict_transactions,
                &mut r.osip_nist_transactions,
            ] {
                while osip_list_remove(list, 0) >= 0 {}
            }
            for m in [
                r.ict_fastmutex,
                r.ist_fastmutex,
                r.nict_fastmutex,
                r.nist_fastmutex,
                r.ixt_fastmutex,
                r.id_mutex,
            ] {
                osip_mutex_destroy(m as *mut crate::abi::osip_mutex);
            }
            osip_free(osip as *mut c_void);
        }
    })
}

/// Stores the application's pointer in the instance. NULL `osip` is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_set_application_context(osip: *mut osip_t, pointer: *mut c_void) {
    ffi_guard!((), {
        if !osip.is_null() {
            // SAFETY: non-NULL instance from osip_init.
            unsafe { (*osip).application_context = pointer };
        }
    })
}

/// The application's pointer, or NULL (also for a NULL `osip`).
#[no_mangle]
pub unsafe extern "C" fn osip_get_application_context(osip: *mut osip_t) -> *mut c_void {
    ffi_guard!(std::ptr::null_mut(), {
        if osip.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: non-NULL instance from osip_init.
        unsafe { (*osip).application_context }
    })
}
