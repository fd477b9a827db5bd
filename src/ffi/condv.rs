//! `<osip2/osip_condv.h>`: condition variables. A handle is a bare
//! `pthread_cond_t` in memory from the parser's allocator, and the mutex a
//! caller pairs with it is the `pthread_mutex_t` behind an `osip_mutex`
//! (both `#[handle]`s: pthread objects that other threads use meanwhile).

use crate::abi::{osip_cond, osip_mutex};
use crate::alloc::{osip_free, osip_malloc};
use libc::{c_int, pthread_cond_t, timespec};
use osip_cabi::export;
use std::mem::size_of;
use std::ptr::{self, NonNull};

/// Creates a condition variable with default attributes; NULL when out of
/// memory or when the system refuses to create one.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cond_init() -> *mut osip_cond {
    // SAFETY: a plain allocation, initialised below before use.
    let Some(cv) = NonNull::new(unsafe { osip_malloc(size_of::<pthread_cond_t>()) }) else {
        return ptr::null_mut();
    };
    let cv = cv.cast::<pthread_cond_t>();
    // SAFETY: `cv` is writable memory for a `pthread_cond_t`, not yet shared.
    if unsafe { libc::pthread_cond_init(cv.as_ptr(), ptr::null()) } != 0 {
        // SAFETY: allocated above with the matching allocator, never initialised.
        unsafe { osip_free(cv.as_ptr().cast()) };
        return ptr::null_mut();
    }
    cv.as_ptr().cast()
}

/// Destroys and frees `cond`; returns the `pthread_cond_destroy` result.
/// The handle is freed even if destruction reports an error, as in libosip2.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cond_destroy(#[handle] cond: *mut osip_cond) -> c_int {
    // SAFETY: a condition variable made by `osip_cond_init`, which the
    // caller stops using.
    let r = unsafe { libc::pthread_cond_destroy(cond.cast().as_ptr()) };
    // SAFETY: allocated by `osip_cond_init` with the parser's allocator.
    unsafe { osip_free(cond.as_ptr().cast()) };
    r
}

/// Wakes one waiter; returns the pthread result.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cond_signal(#[handle] cond: *mut osip_cond) -> c_int {
    // SAFETY: a non-NULL handle is a condition variable from `osip_cond_init`.
    unsafe { libc::pthread_cond_signal(cond.cast().as_ptr()) }
}

/// Waits on `cond`; `mut_` must be an `osip_mutex` the caller holds.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cond_wait(
    #[handle] cond: *mut osip_cond,
    #[handle] mut_: *mut osip_mutex,
) -> c_int {
    // SAFETY: non-NULL handles from `osip_cond_init` and `osip_mutex_init`.
    unsafe { libc::pthread_cond_wait(cond.cast().as_ptr(), mut_.cast().as_ptr()) }
}

/// Waits on `cond` until the absolute CLOCK_REALTIME time `abstime`; returns
/// ETIMEDOUT when it passes.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cond_timedwait(
    #[handle] cond: *mut osip_cond,
    #[handle] mut_: *mut osip_mutex,
    #[nonnull] abstime: *const timespec,
) -> c_int {
    // SAFETY: non-NULL handles from `osip_cond_init` and `osip_mutex_init`;
    // the deadline is a reference.
    unsafe { libc::pthread_cond_timedwait(cond.cast().as_ptr(), mut_.cast().as_ptr(), abstime) }
}
