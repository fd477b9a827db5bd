//! `<osip2/osip_condv.h>`: condition variables. A handle is a bare
//! `pthread_cond_t` in memory from the parser's allocator, and the mutex a
//! caller pairs with it is the `pthread_mutex_t` behind an `osip_mutex`.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{osip_cond, osip_mutex};
use crate::alloc::{osip_free, osip_malloc};
use libc::{c_int, c_void, pthread_cond_t, pthread_mutex_t, timespec};
use std::mem::size_of;
use std::ptr;

/// Creates a condition variable with default attributes; NULL when out of
/// memory or when the system refuses to create one.
#[no_mangle]
pub unsafe extern "C" fn osip_cond_init() -> *mut osip_cond {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: plain allocation of a `pthread_cond_t`.
        let cv = unsafe { osip_malloc(size_of::<pthread_cond_t>()) } as *mut pthread_cond_t;
        if cv.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `cv` points to enough writable memory for a `pthread_cond_t`.
        if unsafe { libc::pthread_cond_init(cv, ptr::null()) } != 0 {
            // SAFETY: allocated above with the matching allocator.
            unsafe { osip_free(cv as *mut c_void) };
            return ptr::null_mut();
        }
        cv as *mut osip_cond
    })
}

/// Destroys and frees `cond`; returns the `pthread_cond_destroy` result.
/// The handle is freed even if destruction reports an error, as in libosip2.
#[no_mangle]
pub unsafe extern "C" fn osip_cond_destroy(cond: *mut osip_cond) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if cond.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: a non-NULL handle comes from `osip_cond_init`.
        let r = unsafe { libc::pthread_cond_destroy(cond as *mut pthread_cond_t) };
        // SAFETY: the handle was allocated with the parser's allocator.
        unsafe { osip_free(cond as *mut c_void) };
        r
    })
}

/// Wakes one waiter; returns the pthread result.
#[no_mangle]
pub unsafe extern "C" fn osip_cond_signal(cond: *mut osip_cond) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if cond.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: a non-NULL handle comes from `osip_cond_init`.
        unsafe { libc::pthread_cond_signal(cond as *mut pthread_cond_t) }
    })
}

/// Waits on `cond`; `mut_` must be an `osip_mutex` the caller holds.
#[no_mangle]
pub unsafe extern "C" fn osip_cond_wait(cond: *mut osip_cond, mut_: *mut osip_mutex) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if cond.is_null() || mut_.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: both handles are non-NULL and wrap the pthread objects made
        // by `osip_cond_init` and `osip_mutex_init`.
        unsafe {
            libc::pthread_cond_wait(cond as *mut pthread_cond_t, mut_ as *mut pthread_mutex_t)
        }
    })
}

/// Waits on `cond` until the absolute CLOCK_REALTIME time `abstime`; returns
/// ETIMEDOUT when it passes.
#[no_mangle]
pub unsafe extern "C" fn osip_cond_timedwait(
    cond: *mut osip_cond,
    mut_: *mut osip_mutex,
    abstime: *const timespec,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if cond.is_null() || mut_.is_null() || abstime.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL handles from `osip_cond_init` / `osip_mutex_init`
        // and a non-NULL deadline owned by the caller.
        unsafe {
            libc::pthread_cond_timedwait(
                cond as *mut pthread_cond_t,
                mut_ as *mut pthread_mutex_t,
                abstime,
            )
        }
    })
}
