//! The `osip_t` instance: creation, release and the application context.

use crate::abi::codes::OSIP_NOMEM;
use crate::abi::{osip_mutex, osip_t};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::kind::Kind;
use crate::engine::{self, CList, Engine};
use crate::ffi::mt::{osip_mutex_destroy, osip_mutex_init, osip_mutex_lock, osip_mutex_unlock};
use crate::parser::{osip_list_init, osip_list_remove, parser_init};
use libc::{c_int, c_void};
use osip_cabi::export;
use std::ptr::NonNull;
use std::sync::{Arc, Mutex, PoisonError};

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

/// An instance made by `osip_init`, as the C layer uses it: made once per
/// call from the application's pointer, then used by safe code. It stays a
/// pointer rather than a reference: other threads use the instance at the
/// same time, each of its lists under its own mutex.
#[derive(Clone, Copy)]
pub(crate) struct Instance(NonNull<osip_t>);

impl Instance {
    /// # Safety
    /// `osip` was made by `osip_init` and is not released while the value
    /// is in use.
    pub(crate) unsafe fn new(osip: NonNull<osip_t>) -> Instance {
        Instance(osip)
    }

    pub(crate) fn as_ptr(self) -> *mut osip_t {
        self.0.as_ptr()
    }

    /// Its engine; None for an `osip_t` that `osip_init` did not make.
    pub(crate) fn engine(self) -> Option<Arc<Engine>> {
        engine::of(self.as_ptr())
    }

    /// The mutex of its public list of `kind` (NULL if `osip_init` could
    /// not make it, which the lock functions refuse).
    pub(crate) fn list_mutex(self, kind: Kind) -> *mut osip_mutex {
        // SAFETY: a live instance (`new`).
        unsafe { engine::public_list(self.as_ptr(), kind) }.1
    }

    /// The mutex of its transaction id counter.
    pub(crate) fn id_mutex(self) -> *mut osip_mutex {
        // SAFETY: a live instance (`new`); set by osip_init, read-only after.
        unsafe { (*self.as_ptr()).id_mutex }.cast()
    }

    /// Runs `f` on its public list of `kind` with the list's mutex held.
    pub(crate) fn with_list<R>(self, kind: Kind, f: impl FnOnce(&mut CList) -> R) -> R {
        let m = self.list_mutex(kind);
        // SAFETY: the instance's own mutex.
        unsafe { osip_mutex_lock(m) };
        // SAFETY: a live instance (`new`) whose list mutex is held.
        let mut list = unsafe { CList::of(self.as_ptr(), kind) };
        let r = f(&mut list);
        // SAFETY: locked above.
        unsafe { osip_mutex_unlock(m) };
        r
    }
}

/// Allocates a new instance with its six mutexes and empty lists; the first
/// call in the process also initialises the parser. Returns 0, -4 when out of
/// memory, -2 for a NULL argument.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_init(#[nonnull] osip: *mut *mut osip_t) -> c_int {
    {
        let mut done = PARSER_INIT.lock().unwrap_or_else(PoisonError::into_inner);
        if !*done {
            // SAFETY: parser_init has no preconditions.
            unsafe { parser_init() };
            *done = true;
        }
    }
    // SAFETY: a zero-filled osip_t is its valid empty state.
    *osip = unsafe { osip_calloc::<osip_t>() };
    let Some(o) = NonNull::new(*osip) else {
        return OSIP_NOMEM;
    };
    // SAFETY: a fresh instance, not shared yet.
    let r = unsafe { &mut *o.as_ptr() };
    // libosip2's order; mutex handles are opaque pointers in osip_t.
    for m in [
        &mut r.ict_fastmutex,
        &mut r.ist_fastmutex,
        &mut r.nict_fastmutex,
        &mut r.nist_fastmutex,
        &mut r.ixt_fastmutex,
        &mut r.id_mutex,
    ] {
        // SAFETY: no preconditions.
        *m = unsafe { osip_mutex_init() }.cast();
    }
    for list in [
        &mut r.osip_ict_transactions,
        &mut r.osip_ist_transactions,
        &mut r.osip_nict_transactions,
        &mut r.osip_nist_transactions,
        &mut r.ixt_retransmissions,
    ] {
        // SAFETY: a list of the fresh instance.
        unsafe { osip_list_init(list) };
    }
    r.transactionid = 1;
    // SAFETY: a live instance, initialised above.
    unsafe { crate::engine::attach(o.as_ptr()) };
    0
}

/// Destroys the instance's mutexes and frees it, with the 2xx/ACK
/// retransmission records still pending (libosip2 leaks them).
/// Transactions still listed are left to the application, as with
/// libosip2. NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_release(#[handle] osip: *mut osip_t) {
    crate::engine::detach(osip.as_ptr());
    // SAFETY: an instance from osip_init, which no other thread uses any more.
    unsafe { crate::ffi::ixt::free_all(osip.as_ptr()) };
    // SAFETY: as above; nothing else refers to it now.
    let r = unsafe { &mut *osip.as_ptr() };
    // The transactions stay the application's, but nothing can reach
    // the list nodes once the instance is gone.
    for list in [
        &mut r.osip_ict_transactions,
        &mut r.osip_ist_transactions,
        &mut r.osip_nict_transactions,
        &mut r.osip_nist_transactions,
    ] {
        // SAFETY: a list of the instance; removing frees only its nodes.
        while unsafe { osip_list_remove(list, 0) } >= 0 {}
    }
    for m in [
        r.ict_fastmutex,
        r.ist_fastmutex,
        r.nict_fastmutex,
        r.nist_fastmutex,
        r.ixt_fastmutex,
        r.id_mutex,
    ] {
        // SAFETY: made by osip_init's osip_mutex_init (or NULL), unused now.
        unsafe { osip_mutex_destroy(m.cast()) };
    }
    // SAFETY: allocated by osip_init; not used after this.
    unsafe { osip_free(osip.as_ptr().cast()) };
}

/// Stores the application's pointer in the instance. NULL `osip` is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_application_context(
    #[handle] osip: *mut osip_t,
    pointer: *mut c_void,
) {
    // SAFETY: an instance from osip_init; a field store, no reference to the
    // instance other threads use.
    unsafe { (*osip.as_ptr()).application_context = pointer };
}

/// The application's pointer, or NULL (also for a NULL `osip`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_get_application_context(#[handle] osip: *mut osip_t) -> *mut c_void {
    // SAFETY: an instance from osip_init; a field load.
    unsafe { (*osip.as_ptr()).application_context }
}
