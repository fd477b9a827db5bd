//! `<osip2/osip_mt.h>`: mutexes, counting semaphores and threads.
//!
//! Each handle is the pthread object itself, allocated with the parser's
//! allocator: `osip_cond_wait` passes an `osip_mutex` straight to
//! `pthread_cond_wait`, and applications free thread handles with `osip_free`
//! after `osip_thread_join`. Handles stay pointers (`#[handle]`): their
//! memory is a pthread object that other threads use at the same time.

use crate::abi::{osip_mutex, osip_sem, osip_thread};
use crate::alloc::{osip_free, osip_malloc};
use crate::parser::OSIP_ERROR;
use libc::{c_int, c_uint, c_void};
use osip_cabi::export;
use std::mem::size_of;
use std::ptr::{self, NonNull};

/// Memory for one pthread object of type `T`, from the parser's allocator
/// (applications free some handles with `osip_free`); None when out of memory.
fn alloc<T>() -> Option<NonNull<T>> {
    // SAFETY: a plain allocation; the caller initialises it before use.
    NonNull::new(unsafe { osip_malloc(size_of::<T>()) }.cast())
}

/// Frees what [`alloc`] returned.
///
/// # Safety
/// `p` came from [`alloc`] and is not used after this.
unsafe fn free<T>(p: NonNull<T>) {
    // SAFETY: per the contract, memory of the parser's allocator.
    unsafe { osip_free(p.as_ptr().cast()) }
}

/// Allocates and initialises a default (non-recursive) mutex; NULL when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_init() -> *mut osip_mutex {
    let Some(m) = alloc::<libc::pthread_mutex_t>() else {
        return ptr::null_mut();
    };
    // SAFETY: `m` is writable memory for a mutex, not yet shared.
    unsafe { libc::pthread_mutex_init(m.as_ptr(), ptr::null()) };
    m.as_ptr().cast()
}

/// Destroys and frees a mutex; NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_destroy(#[handle] mutex: *mut osip_mutex) {
    let m = mutex.cast::<libc::pthread_mutex_t>();
    // SAFETY: a mutex made by osip_mutex_init, which the caller stops using.
    unsafe { libc::pthread_mutex_destroy(m.as_ptr()) };
    // SAFETY: allocated by osip_mutex_init, destroyed above.
    unsafe { free(m) };
}

/// Locks a mutex: 0, or the pthread error number; -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_lock(#[handle] mutex: *mut osip_mutex) -> c_int {
    // SAFETY: a non-NULL handle is a mutex made by osip_mutex_init.
    unsafe { libc::pthread_mutex_lock(mutex.cast().as_ptr()) }
}

/// Unlocks a mutex: 0, or the pthread error number; -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_unlock(#[handle] mutex: *mut osip_mutex) -> c_int {
    // SAFETY: a non-NULL handle is a mutex made by osip_mutex_init.
    unsafe { libc::pthread_mutex_unlock(mutex.cast().as_ptr()) }
}

/// Allocates a process-private semaphore with initial `value`; NULL on failure.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_sem_init(value: c_uint) -> *mut osip_sem {
    let Some(s) = alloc::<libc::sem_t>() else {
        return ptr::null_mut();
    };
    // SAFETY: `s` is writable memory for a semaphore, not yet shared.
    if unsafe { libc::sem_init(s.as_ptr(), 0, value) } != 0 {
        // SAFETY: allocated above, never initialised.
        unsafe { free(s) };
        return ptr::null_mut();
    }
    s.as_ptr().cast()
}

/// Destroys and frees a semaphore; returns 0 (also for NULL).
#[export(refuse = 0)]
#[no_mangle]
pub unsafe extern "C" fn osip_sem_destroy(#[handle] sem: *mut osip_sem) -> c_int {
    let s = sem.cast::<libc::sem_t>();
    // SAFETY: a semaphore made by osip_sem_init, which the caller stops using.
    unsafe { libc::sem_destroy(s.as_ptr()) };
    // SAFETY: allocated by osip_sem_init, destroyed above.
    unsafe { free(s) };
    0
}

/// Increments the semaphore: 0, or -1 with errno set; -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_sem_post(#[handle] sem: *mut osip_sem) -> c_int {
    // SAFETY: a non-NULL handle is a semaphore made by osip_sem_init.
    unsafe { libc::sem_post(sem.cast().as_ptr()) }
}

/// Waits for the semaphore: 0, or -1 with errno set (EINTR); -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_sem_wait(#[handle] sem: *mut osip_sem) -> c_int {
    // SAFETY: a non-NULL handle is a semaphore made by osip_sem_init.
    unsafe { libc::sem_wait(sem.cast().as_ptr()) }
}

/// Takes the semaphore if it is positive: 0, or -1 with errno EAGAIN; -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_sem_trywait(#[handle] sem: *mut osip_sem) -> c_int {
    // SAFETY: a non-NULL handle is a semaphore made by osip_sem_init.
    unsafe { libc::sem_trywait(sem.cast().as_ptr()) }
}

/// Starts a joinable thread running `func(arg)`. `stacksize` is ignored.
/// Returns a handle the caller frees with `osip_free` after joining, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_thread_create(
    stacksize: c_int,
    func: Option<unsafe extern "C" fn(*mut c_void) -> *mut c_void>,
    arg: *mut c_void,
) -> *mut osip_thread {
    let _ = stacksize;
    let Some(func) = func else {
        return ptr::null_mut();
    };
    let Some(t) = alloc::<libc::pthread_t>() else {
        return ptr::null_mut();
    };
    // SAFETY: `t` is writable memory for a pthread_t; `func` is the
    // application's start routine for `arg`.
    if unsafe { crate::sys::pthread_create(t.as_ptr(), ptr::null(), func, arg) } != 0 {
        trace!(
            "port_thread.c",
            56,
            OSIP_ERROR,
            "Error while creating a new thread\n"
        );
        // SAFETY: allocated above; no thread refers to it.
        unsafe { free(t) };
        return ptr::null_mut();
    }
    t.as_ptr().cast()
}

/// Waits for a thread to end: 0 or the pthread error; -2 for NULL. The handle
/// is not freed (callers free it, as with libosip2).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_thread_join(#[handle] thread: *mut osip_thread) -> c_int {
    // SAFETY: a non-NULL handle holds the pthread_t osip_thread_create wrote.
    let id = unsafe { *thread.cast::<libc::pthread_t>().as_ptr() };
    // SAFETY: a joinable thread this library started.
    unsafe { libc::pthread_join(id, ptr::null_mut()) }
}

/// Thread priorities are not supported on this platform: returns 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_thread_set_priority(
    thread: *mut osip_thread,
    priority: c_int,
) -> c_int {
    let _ = (thread, priority);
    0
}

/// Ends the calling thread.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_thread_exit() {
    // glibc ends a thread by a forced unwind of its stack. This frame holds
    // no value with a destructor and calls `pthread_exit` through a "C"
    // declaration, so it has no landing pad: the unwind passes through it
    // as through a C frame (a "C-unwind" callee would get an abort-on-unwind
    // pad under `panic = "abort"`).
    // SAFETY: ends this thread; nothing in this frame needs cleaning up.
    unsafe { libc::pthread_exit(ptr::null_mut()) }
}
