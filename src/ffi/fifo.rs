//! `<osip2/osip_fifo.h>`: the thread-safe FIFO every transaction queues its
//! events in. A mutex guards the list; a semaphore counts the elements so
//! that `osip_fifo_get` can block.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM};
use crate::abi::{osip_fifo_state, osip_fifo_t};
use crate::alloc::osip_free;
use crate::ffi::mt::{
    osip_mutex_destroy, osip_mutex_init, osip_mutex_lock, osip_mutex_unlock, osip_sem_destroy,
    osip_sem_init, osip_sem_post, osip_sem_trywait, osip_sem_wait,
};
use crate::parser::{
    osip_list_add, osip_list_get, osip_list_init, osip_list_remove, osip_list_size, OSIP_ERROR,
    OSIP_INFO4,
};
use libc::{c_int, c_void};
use std::ptr;

/// Number of queued elements (the engine's view of `osip_fifo_size`).
///
/// # Safety
/// `ff` is an initialised fifo.
pub(crate) unsafe fn size(ff: *mut osip_fifo_t) -> c_int {
    // SAFETY: per the contract.
    unsafe { osip_fifo_size(ff) }
}

/// Initialises a caller-allocated fifo (allocate it with `osip_malloc`:
/// `osip_fifo_free` frees it).
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_init(ff: *mut osip_fifo_t) {
    ffi_guard!((), {
        if ff.is_null() {
            return;
        }
        // SAFETY: `ff` points to caller-owned fifo memory.
        unsafe {
            let f = &mut *ff;
            f.qislocked = osip_mutex_init();
            f.qisempty = osip_sem_init(0);
            osip_list_init(&mut f.queue);
            // libosip2 leaves this uninitialised; nothing reads it.
            f.nb_elt = 0;
            f.state = osip_fifo_state::osip_empty as c_int;
        }
    })
}

/// Queues `element` at the tail (`at_head == false`) or at the head.
unsafe fn push(ff: *mut osip_fifo_t, element: *mut c_void, at_head: bool) -> c_int {
    if ff.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `ff` was initialised by osip_fifo_init; the list is only
    // touched with its mutex held.
    unsafe {
        let f = &mut *ff;
        osip_mutex_lock(f.qislocked);
        if osip_list_add(&mut f.queue, element, if at_head { 0 } else { -1 }) < 0 {
            // Unlike libosip2, do not post for an element that is not there.
            osip_mutex_unlock(f.qislocked);
            return OSIP_NOMEM;
        }
        f.state = osip_fifo_state::osip_ok as c_int;
        osip_sem_post(f.qisempty);
        osip_mutex_unlock(f.qislocked);
        crate::engine::fifo_filled(ff);
    }
    0
}

/// Appends `element`; 0, or -4 when out of memory.
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_add(ff: *mut osip_fifo_t, element: *mut c_void) -> c_int {
    // SAFETY: `push` checks `ff`.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { push(ff, element, false) } })
}

/// Prepends `element`; 0, or -4 when out of memory.
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_insert(ff: *mut osip_fifo_t, element: *mut c_void) -> c_int {
    // SAFETY: `push` checks `ff`.
    ffi_guard!(OSIP_BADPARAMETER, { unsafe { push(ff, element, true) } })
}

/// Number of queued elements; -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_size(ff: *mut osip_fifo_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if ff.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: initialised fifo; list read under its mutex.
        unsafe {
            let f = &mut *ff;
            osip_mutex_lock(f.qislocked);
            let n = osip_list_size(&f.queue);
            osip_mutex_unlock(f.qislocked);
            n
        }
    })
}

/// Removes the head element once the semaphore was taken.
unsafe fn pop(ff: *mut osip_fifo_t, empty_line: c_int, empty_level: c_int) -> *mut c_void {
    // SAFETY: `ff` is an initialised fifo; the list is touched under its mutex.
    unsafe {
        let f = &mut *ff;
        osip_mutex_lock(f.qislocked);
        if f.state == osip_fifo_state::osip_empty as c_int {
            trace!(
                "port_fifo.c",
                empty_line,
                empty_level,
                "no element in fifo.\n"
            );
            osip_mutex_unlock(f.qislocked);
            return ptr::null_mut();
        }
        let el = osip_list_get(&f.queue, 0);
        osip_list_remove(&mut f.queue, 0);
        f.state = if osip_list_size(&f.queue) <= 0 {
            osip_fifo_state::osip_empty as c_int
        } else {
            osip_fifo_state::osip_ok as c_int
        };
        osip_mutex_unlock(f.qislocked);
        el
    }
}

/// Waits for an element and removes it; NULL if the wait failed.
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_get(ff: *mut osip_fifo_t) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        if ff.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `ff` is an initialised fifo.
        unsafe {
            if osip_sem_wait((*ff).qisempty) != 0 {
                return ptr::null_mut();
            }
            pop(ff, 100, OSIP_ERROR)
        }
    })
}

/// Removes the head element if there is one; NULL otherwise.
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_tryget(ff: *mut osip_fifo_t) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        if ff.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `ff` is an initialised fifo.
        unsafe {
            if osip_sem_trywait((*ff).qisempty) != 0 {
                return ptr::null_mut();
            }
            pop(ff, 146, OSIP_INFO4)
        }
    })
}

/// Destroys the fifo's mutex and semaphore and frees the fifo itself (not
/// the queued elements).
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_free(ff: *mut osip_fifo_t) {
    ffi_guard!((), {
        if ff.is_null() {
            return;
        }
        // SAFETY: `ff` came from osip_malloc and was initialised; it is not
        // used after this.
        unsafe {
            osip_mutex_destroy((*ff).qislocked);
            osip_sem_destroy((*ff).qisempty);
            osip_free(ff as *mut c_void);
        }
    })
}
