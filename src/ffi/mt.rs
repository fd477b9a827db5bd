//! `<osip2/osip_mt.h>`: mutexes, counting semaphores and threads.
//!
//! Each handle is the pthread object itself, allocated with the parser's
//! allocator: `osip_cond_wait` passes an `osip_mutex` straight to
//! `pthread_cond_wait`, and applications free thread handles with `osip_free`
//! after `osip_thread_join`.

use crate::abi::codes::OSIP_BADPARAMETER;
use crate::abi::{osip_mutex, osip_sem, osip_thread};
use crate::alloc::{osip_free, osip_malloc};
use crate::parser::OSIP_ERROR;
use libc::{c_int, c_uint, c_void};
use std::mem::size_of;
use std::ptr;

/// Allocates and initialises a default (non-recursive) mutex; NULL when out of memory.
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_init() -> *mut osip_mutex {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: plain allocation of a pthread_mutex_t.
        let m = unsafe { osip_malloc(size_of::<libc::pthread_mutex_t>()) }
            as *mut libc::pthread_mutex_t;
        if !m.is_null() {
            // SAFETY: `m` points to enough writable memory for a mutex.
            unsafe { libc::pthread_mutex_init(m, ptr::null()) };
        }
        m as *mut osip_mutex
    })
}

/// Destroys and frees a mutex; NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_destroy(mutex: *mut osip_mutex) {
    ffi_guard!((), {
        if mutex.is_null() {
            return;
        }
        // SAFETY: `mutex` was made by osip_mutex_init and is not used after this.
        unsafe {
            libc::pthread_mutex_destroy(mutex as *mut libc::pthread_mutex_t);
            osip_free(mutex as *mut c_void);
        }
    })
}

/// Locks a mutex: 0, or the pthread error number; -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_lock(mutex: *mut osip_mutex) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if mutex.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: `mutex` is a pthread mutex made by osip_mutex_init.
        unsafe { libc::pthread_mutex_lock(mutex as *mut libc::pthread_mutex_t) }
    })
}

/// Unlocks a mutex: 0, or the pthread error number; -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_mutex_unlock(mutex: *mut osip_mutex) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if mutex.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: as in `osip_mutex_lock`.
        unsafe { libc::pthread_mutex_unlock(mutex as *mut libc::pthread_mutex_t) }
    })
}

/// Allocates a process-private semaphore with initial `value`; NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn osip_sem_init(value: c_uint) -> *mut osip_sem {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: plain allocation of a sem_t.
        let s = unsafe { osip_malloc(size_of::<libc::sem_t>()) } as *mut libc::sem_t;
        if s.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `s` points to enough writable memory for a semaphore.
        if unsafe { libc::sem_init(s, 0, value) } != 0 {
            // SAFETY: `s` came from osip_malloc and was never initialised.
            unsafe { osip_free(s as *mut c_void) };
            return ptr::null_mut();
        }
        s as *mut osip_sem
    })
}

/// Destroys and frees a semaphore; returns 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn osip_sem_destroy(sem: *mut osip_sem) -> c_int {
    ffi_guard!(0, {
        if sem.is_null() {
            return 0;
        }
        // SAFETY: `sem` was made by osip_sem_init and is not used after this.
        unsafe {
            libc::sem_destroy(sem as *mut libc::sem_t);
            osip_free(sem as *mut c_void);
        }
        0
    })
}

/// Applies one of the sem_* calls to a handle that may be NULL.
unsafe fn sem_call(
    sem: *mut osip_sem,
    f: unsafe extern "C" fn(*mut libc::sem_t) -> c_int,
) -> c_int {
    if sem.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `sem` was made by osip_sem_init.
    unsafe { f(sem as *mut libc::sem_t) }
}

/// Increments the semaphore: 0, or -1 with errno set; -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_sem_post(sem: *mut osip_sem) -> c_int {
    // SAFETY: `sem_call` checks the handle.
    ffi_guard!(OSIP_BADPARAMETER, {
        unsafe { sem_call(sem, libc::sem_post) }
    })
}

/// Waits for the semaphore: 0, or -1 with errno set (EINTR); -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_sem_wait(sem: *mut osip_sem) -> c_int {
    // SAFETY: `sem_call` checks the handle.
    ffi_guard!(OSIP_BADPARAMETER, {
        unsafe { sem_call(sem, libc::sem_wait) }
    })
}

/// Takes the semaphore if it is positive: 0, or -1 with errno EAGAIN; -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_sem_trywait(sem: *mut osip_sem) -> c_int {
    // SAFETY: `sem_call` checks the handle.
    ffi_guard!(OSIP_BADPARAMETER, {
        unsafe { sem_call(sem, libc::sem_trywait) }
    })
}

/// Starts a joinable thread running `func(arg)`. `stacksize` is ignored.
/// Returns a handle the caller frees with `osip_free` after joining, or NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_thread_create(
    stacksize: c_int,
    func: Option<unsafe extern "C" fn(*mut c_void) -> *mut c_void>,
    arg: *mut c_void,
) -> *mut osip_thread {
    let _ = stacksize;
    ffi_guard!(ptr::null_mut(), {
        let Some(func) = func else {
            return ptr::null_mut();
        };
        // SAFETY: plain allocation of a pthread_t.
        let t = unsafe { osip_malloc(size_of::<libc::pthread_t>()) } as *mut libc::pthread_t;
        if t.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `t` is writable; `func` has the start-routine signature.
        let r = unsafe { crate::sys::pthread_create(t, ptr::null(), func, arg) };
        if r != 0 {
            trace!(
                "port_thread.c",
                56,
                OSIP_ERROR,
                "Error while creating a new thread\n"
            );
            // SAFETY: `t` came from osip_malloc; no thread refers to it.
            unsafe { osip_free(t as *mut c_void) };
            return ptr::null_mut();
        }
        t as *mut osip_thread
    })
}

/// Waits for a thread to end: 0 or the pthread error; -2 for NULL. The handle
/// is not freed (callers free it, as with libosip2).
#[no_mangle]
pub unsafe extern "C" fn osip_thread_join(thread: *mut osip_thread) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if thread.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: `thread` holds a pthread_t written by osip_thread_create.
        unsafe { libc::pthread_join(*(thread as *mut libc::pthread_t), ptr::null_mut()) }
    })
}

/// Thread priorities are not supported on this platform: returns 0.
#[no_mangle]
pub unsafe extern "C" fn osip_thread_set_priority(
    thread: *mut osip_thread,
    priority: c_int,
) -> c_int {
    let _ = (thread, priority);
    0
}

/// Ends the calling thread.
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
