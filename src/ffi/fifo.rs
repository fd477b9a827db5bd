//! `<osip2/osip_fifo.h>`: the thread-safe FIFO every transaction queues its
//! events in. A mutex guards the list; a semaphore counts the elements so
//! that `osip_fifo_get` can block.
//!
//! A fifo is shared by the threads that fill and drain it, so it stays a
//! pointer (`#[handle]`): only its queue and state are borrowed, and only
//! while its mutex is held.

use crate::abi::codes::OSIP_NOMEM;
use crate::abi::{osip_fifo_state, osip_fifo_t, osip_mutex, osip_sem};
use crate::alloc::osip_free;
use crate::ffi::mt::{
    osip_mutex_destroy, osip_mutex_init, osip_mutex_lock, osip_mutex_unlock, osip_sem_destroy,
    osip_sem_init, osip_sem_post, osip_sem_trywait, osip_sem_wait,
};
use crate::parser::{
    osip_list_add, osip_list_get, osip_list_init, osip_list_remove, osip_list_size, osip_list_t,
    OSIP_ERROR, OSIP_INFO4,
};
use libc::{c_int, c_void};
use osip_cabi::export;
use std::ptr::{self, addr_of_mut, NonNull};

const EMPTY: c_int = osip_fifo_state::osip_empty as c_int;
const OK: c_int = osip_fifo_state::osip_ok as c_int;

/// An initialised fifo: made once per call from the application's pointer,
/// then used by safe code.
#[derive(Clone, Copy)]
struct Fifo(NonNull<osip_fifo_t>);

impl Fifo {
    /// # Safety
    /// `ff` is a fifo initialised by `osip_fifo_init`, not freed while the
    /// value is in use.
    unsafe fn new(ff: NonNull<osip_fifo_t>) -> Fifo {
        Fifo(ff)
    }

    /// Its mutex and semaphore, which `osip_fifo_init` sets and nothing
    /// changes until `osip_fifo_free`.
    fn handles(self) -> (*mut osip_mutex, *mut osip_sem) {
        let f = self.0.as_ptr();
        // SAFETY: an initialised fifo (`new`); read-only after osip_fifo_init.
        let mutex = unsafe { (*f).qislocked };
        // SAFETY: as above.
        let sem = unsafe { (*f).qisempty };
        (mutex, sem)
    }

    /// Runs `f` on the queue and the state with the fifo's mutex held.
    fn locked<R>(self, f: impl FnOnce(&mut osip_list_t, &mut c_int) -> R) -> R {
        let (mutex, _) = self.handles();
        // SAFETY: the fifo's own mutex (NULL if its creation failed, which
        // the lock refuses).
        unsafe { osip_mutex_lock(mutex) };
        let p = self.0.as_ptr();
        // SAFETY: the mutex is held: no other thread touches the queue.
        let queue = unsafe { &mut *addr_of_mut!((*p).queue) };
        // SAFETY: the mutex is held: no other thread touches the state.
        let state = unsafe { &mut *addr_of_mut!((*p).state) };
        let r = f(queue, state);
        // SAFETY: locked above.
        unsafe { osip_mutex_unlock(mutex) };
        r
    }

    /// Queues `element` at the tail (`at_head == false`) or at the head.
    fn push(self, element: *mut c_void, at_head: bool) -> c_int {
        let queued = self.locked(|queue, state| {
            // SAFETY: the fifo's list, borrowed under its mutex.
            if unsafe { osip_list_add(queue, element, if at_head { 0 } else { -1 }) } < 0 {
                // Unlike libosip2, do not post for an element that is not there.
                return false;
            }
            *state = OK;
            // SAFETY: the fifo's semaphore; posted under the mutex, as libosip2 does.
            unsafe { osip_sem_post(self.handles().1) };
            true
        });
        if !queued {
            return OSIP_NOMEM;
        }
        crate::engine::fifo_filled(self.0.as_ptr());
        0
    }

    fn size(self) -> c_int {
        self.locked(|queue, _| {
            // SAFETY: the fifo's list, borrowed under its mutex.
            unsafe { osip_list_size(queue) }
        })
    }

    /// Removes the head element once the semaphore was taken; NULL (and a
    /// trace line at `empty_line` and `empty_level`) if there is none.
    fn pop(self, empty_line: c_int, empty_level: c_int) -> *mut c_void {
        self.locked(|queue, state| {
            if *state == EMPTY {
                trace!(
                    "port_fifo.c",
                    empty_line,
                    empty_level,
                    "no element in fifo.\n"
                );
                return ptr::null_mut();
            }
            // SAFETY: the fifo's list, borrowed under its mutex.
            let el = unsafe { osip_list_get(queue, 0) };
            // SAFETY: as above.
            unsafe { osip_list_remove(queue, 0) };
            // SAFETY: as above.
            let left = unsafe { osip_list_size(queue) };
            *state = if left <= 0 { EMPTY } else { OK };
            el
        })
    }
}

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
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_init(#[nonnull] ff: *mut osip_fifo_t) {
    // SAFETY: no preconditions.
    ff.qislocked = unsafe { osip_mutex_init() };
    // SAFETY: no preconditions.
    ff.qisempty = unsafe { osip_sem_init(0) };
    // SAFETY: the caller's fifo, not shared before it is initialised.
    unsafe { osip_list_init(&mut ff.queue) };
    // libosip2 leaves this uninitialised; nothing reads it.
    ff.nb_elt = 0;
    ff.state = EMPTY;
}

/// Appends `element`; 0, or -4 when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_add(
    #[handle] ff: *mut osip_fifo_t,
    element: *mut c_void,
) -> c_int {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    unsafe { Fifo::new(ff) }.push(element, false)
}

/// Prepends `element`; 0, or -4 when out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_insert(
    #[handle] ff: *mut osip_fifo_t,
    element: *mut c_void,
) -> c_int {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    unsafe { Fifo::new(ff) }.push(element, true)
}

/// Number of queued elements; -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_size(#[handle] ff: *mut osip_fifo_t) -> c_int {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    unsafe { Fifo::new(ff) }.size()
}

/// Waits for an element and removes it; NULL if the wait failed.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_get(#[handle] ff: *mut osip_fifo_t) -> *mut c_void {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    let fifo = unsafe { Fifo::new(ff) };
    // SAFETY: the fifo's semaphore.
    if unsafe { osip_sem_wait(fifo.handles().1) } != 0 {
        return ptr::null_mut();
    }
    fifo.pop(100, OSIP_ERROR)
}

/// Removes the head element if there is one; NULL otherwise.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_tryget(#[handle] ff: *mut osip_fifo_t) -> *mut c_void {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    let fifo = unsafe { Fifo::new(ff) };
    // SAFETY: the fifo's semaphore.
    if unsafe { osip_sem_trywait(fifo.handles().1) } != 0 {
        return ptr::null_mut();
    }
    fifo.pop(146, OSIP_INFO4)
}

/// Destroys the fifo's mutex and semaphore and frees the fifo itself (not
/// the queued elements).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_fifo_free(#[handle] ff: *mut osip_fifo_t) {
    // SAFETY: a non-NULL fifo was initialised by osip_fifo_init.
    let (mutex, sem) = unsafe { Fifo::new(ff) }.handles();
    // SAFETY: the fifo's own mutex; no thread uses the fifo any more.
    unsafe { osip_mutex_destroy(mutex) };
    // SAFETY: the fifo's own semaphore, likewise.
    unsafe { osip_sem_destroy(sem) };
    // SAFETY: the fifo came from osip_malloc and is not used after this.
    unsafe { osip_free(ff.as_ptr().cast()) };
}
