//! `osip_transaction_*`: creation, release, events, and the plain
//! accessors. The rules are `osip_core::transaction`'s; here are the
//! transaction's memory (the pool), its event queue, and its instance's
//! lists and id counter.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::abi::{
    fsm_type_t, osip_event_t, osip_fifo_t, osip_ict_t, osip_mutex, osip_naptr_t, osip_nict_t,
    osip_srv_record_t, osip_t, osip_transaction_t,
};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::kind::Kind;
use crate::core::transaction as rules;
use crate::engine;
use crate::ffi::fifo::{osip_fifo_add, osip_fifo_free, osip_fifo_init, osip_fifo_tryget};
use crate::ffi::lists;
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::osip::Instance;
use crate::host::{App, Lib, Mono};
use crate::parser::osip_message_t;
use libc::{c_char, c_int, c_void};
use osip_cabi::export;
use osip_cmem::{OString, Owned};
use std::ptr::{self, NonNull};

/// Creates a transaction of kind `ctx_type` (ICT, IST, NICT; any other value
/// behaves as NIST) for `request`, and appends it to the matching list of
/// `osip`. The request stays the caller's: the transaction copies its Via,
/// From, To, Call-ID and CSeq. Returns 0, -2 for missing arguments or
/// headers (or a client request without usable next hop), -5 without Via,
/// -4 when out of memory; `*transaction` is NULL on failure.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_init(
    #[nonnull] transaction: *mut *mut osip_transaction_t,
    ctx_type: fsm_type_t,
    #[nullable(handle)] osip: *mut osip_t,
    #[nullable] request: *mut osip_message_t,
) -> c_int {
    // SAFETY: `osip` is NULL or an instance from osip_init (the C contract).
    unsafe { init(transaction, ctx_type, osip, request.as_deref()) }
}

/// [`osip_transaction_init`] for the library's own callers.
///
/// Always inlined: as a tail call the entry point would leave no frame of
/// its own, and a panic report or valgrind's "allocated where" names the
/// entry point the application called from the stack.
///
/// # Safety
/// `osip` is None or a live instance.
#[inline(always)]
pub(crate) unsafe fn init(
    out: &mut *mut osip_transaction_t,
    ctx_type: c_int,
    osip: Option<NonNull<osip_t>>,
    request: Option<&osip_message_t>,
) -> c_int {
    *out = ptr::null_mut();
    let (Some(osip), Some(request)) = (osip, request) else {
        return OSIP_BADPARAMETER;
    };
    if rules::call_id(request).is_none() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `osip` is a live instance (this function's contract).
    match unsafe { create(osip, ctx_type, request) } {
        Ok(tr) => {
            *out = tr.as_ptr();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// A new transaction of `osip` for `request`, listed.
///
/// # Safety
/// `osip` is a live instance.
unsafe fn create(
    osip: NonNull<osip_t>,
    ctx_type: c_int,
    request: &osip_message_t,
) -> Result<NonNull<osip_transaction_t>, c_int> {
    let tr = new_transaction().ok_or(OSIP_NOMEM)?;
    // SAFETY: a fresh zeroed transaction (its empty value) nothing else
    // knows of yet.
    let view = unsafe { &mut *tr.as_ptr() };
    // SAFETY: `osip` is a live instance (this function's contract).
    view.transactionid = unsafe { next_id(osip) };
    view.set_config(osip.as_ptr() as *mut c_void);
    let built = match new_queue() {
        Some(ff) => {
            view.set_transactionff(ff.as_ptr());
            rules::build(&Lib, &Mono, view, ctx_type, request)
        }
        None => Err(OSIP_NOMEM),
    };
    match built {
        Ok(kind) => {
            // As libosip2: a transaction its list cannot take (out of
            // memory) is returned all the same.
            // SAFETY: `osip` is a live instance (this function's contract).
            let osip = unsafe { Instance::new(osip) };
            lists::add(osip, tr, kind);
            Ok(tr)
        }
        Err(e) => {
            // SAFETY: ours alone; freed as libosip2 frees it.
            unsafe { unlist_and_free(tr) };
            Err(e)
        }
    }
}

/// A zeroed transaction: from the pool, or from the osip allocator when the
/// pool stands aside (see `crate::pool`).
fn new_transaction() -> Option<NonNull<osip_transaction_t>> {
    crate::pool::alloc()
        .and_then(NonNull::new)
        .or_else(|| NonNull::new(Owned::<osip_transaction_t>::new()?.into_raw()))
}

/// The id the instance gives its next transaction, under its id mutex.
///
/// # Safety
/// `osip` is a live instance.
unsafe fn next_id(osip: NonNull<osip_t>) -> c_int {
    let o = osip.as_ptr();
    // SAFETY: a live instance's mutex (NULL is tolerated).
    let m = unsafe { (*o).id_mutex } as *mut osip_mutex;
    // SAFETY: as above.
    unsafe { osip_mutex_lock(m) };
    // SAFETY: the counter, under its mutex.
    let id = unsafe { (*o).transactionid };
    // SAFETY: as above.
    unsafe { (*o).transactionid = id.wrapping_add(1) };
    // SAFETY: as above.
    unsafe { osip_mutex_unlock(m) };
    id
}

/// An empty event queue; None when out of memory.
fn new_queue() -> Option<NonNull<osip_fifo_t>> {
    // SAFETY: an allocation of the size of a fifo; zero is a fifo's state
    // before `osip_fifo_init`.
    let ff = NonNull::new(unsafe { osip_calloc::<osip_fifo_t>() })?;
    // SAFETY: `ff` is a fresh fifo nothing else knows of.
    unsafe { osip_fifo_init(ff.as_ptr()) };
    Some(ff)
}

/// Frees the event queue of a transaction being freed, with the events
/// still in it (and their messages).
///
/// # Safety
/// `ff` is NULL or a transaction's queue that nothing uses after this.
unsafe fn drop_queue(ff: *mut osip_fifo_t) {
    if ff.is_null() {
        return;
    }
    loop {
        // SAFETY: `ff` is an initialised fifo only this call uses now.
        let evt = unsafe { osip_fifo_tryget(ff) } as *mut osip_event_t;
        // SAFETY: a queued event is the transaction's, with its message.
        match unsafe { Owned::from_raw(evt) } {
            Some(evt) => drop(evt),
            None => break,
        }
    }
    // SAFETY: an initialised fifo, now empty, that nothing uses after this.
    unsafe { osip_fifo_free(ff) };
}

/// `osip_transaction_free`: out of its instance's list, then freed.
///
/// # Safety
/// `tr` is a valid transaction nothing uses after this.
unsafe fn unlist_and_free(tr: NonNull<osip_transaction_t>) -> c_int {
    let (config, ctx_type, id) = {
        // SAFETY: `tr` is a valid transaction; the view ends in this block,
        // before any other code sees `tr`.
        let t = unsafe { tr.as_ref() };
        (t.config() as *mut osip_t, t.ctx_type, t.transactionid)
    };
    // Without a live instance there is no list to leave, and after
    // osip_release `config` points to freed memory (H15).
    // SAFETY: `tr` is a valid transaction (its `config` is read).
    let live = unsafe { engine::instance_of(tr.as_ptr()) }
        .filter(|&o| o == config)
        .and_then(NonNull::new);
    let removed = live
        .zip(Kind::from_ctx_type_strict(ctx_type))
        .is_some_and(|(osip, kind)| {
            // SAFETY: the live instance the transaction is registered with.
            let osip = unsafe { Instance::new(osip) };
            // SAFETY: `tr` is a valid transaction of that instance.
            unsafe { lists::remove(osip, tr, kind) == 0 }
        });
    if !removed {
        rules::note_unlisted(&Lib, id);
    }
    // SAFETY: a valid transaction, out of its lists now, that nothing uses
    // after this (this function's contract).
    unsafe { release(tr) }
}

/// `osip_transaction_free2`.
///
/// # Safety
/// `tr` is a valid transaction no list holds and nothing uses after this.
unsafe fn release(tr: NonNull<osip_transaction_t>) -> c_int {
    // SAFETY: `tr` is a valid transaction.
    unsafe { engine::forget(tr.as_ptr()) };
    // SAFETY: a valid transaction nothing else uses any more (this
    // function's contract), so the only reference from here on.
    let t = unsafe { &mut *tr.as_ptr() };
    rules::release(&Lib, t);
    let ff = t.transactionff();
    // SAFETY: the transaction's queue, freed with it.
    unsafe { drop_queue(ff) };
    // SAFETY: a block of the pool or, if the pool does not know it, of the
    // osip allocator; not used after this.
    if !unsafe { crate::pool::release(tr.as_ptr()) } {
        // SAFETY: as above.
        unsafe { osip_free(tr.as_ptr() as *mut c_void) };
    }
    OSIP_SUCCESS
}

/// Removes the transaction from its list, then frees it like
/// [`osip_transaction_free2`]. Returns 0, or -2 for NULL or a transaction
/// freed before.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_free(
    #[handle] transaction: *mut osip_transaction_t,
) -> c_int {
    // A transaction already freed, while its slot is not reused yet, is
    // known: refused rather than freed twice.
    if crate::pool::is_freed(transaction.as_ptr()) {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: a transaction from osip_transaction_init, the caller's to free.
    unsafe { unlist_and_free(transaction) }
}

/// Frees a transaction that is no longer in any list: its context, queued
/// events with their messages, stored messages and headers. Returns 0, or
/// -2 for NULL or a transaction freed before.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_free2(
    #[handle] transaction: *mut osip_transaction_t,
) -> c_int {
    // As in `osip_transaction_free`.
    if crate::pool::is_freed(transaction.as_ptr()) {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: a transaction from osip_transaction_init, the caller's to free.
    unsafe { release(transaction) }
}

/// Queues `evt` for the transaction, which then owns it; `osip_*_execute`
/// runs it later. Returns 0, or -2 for NULL arguments or a transaction
/// without event queue (the caller then keeps the event).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_add_event(
    #[handle] transaction: *mut osip_transaction_t,
    #[handle] evt: *mut osip_event_t,
) -> c_int {
    // SAFETY: the caller's valid transaction and event.
    unsafe { add_event(transaction.as_ptr(), evt.as_ptr()) }
}

/// [`osip_transaction_add_event`] for the library's own callers.
///
/// # Safety
/// `tr` is a valid transaction and `evt` a valid event of the osip
/// allocator, both non-NULL.
#[inline(always)] // the entry point keeps its frame, as for `init`
pub(crate) unsafe fn add_event(tr: *mut osip_transaction_t, evt: *mut osip_event_t) -> c_int {
    // SAFETY: `tr` is a valid transaction; the view ends before the fifo
    // (which `osip_*_execute` may be draining) is touched.
    let t = unsafe { &*tr };
    let (ff, id) = (t.transactionff(), t.transactionid);
    if ff.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: `evt` is a valid event, still the caller's alone.
    unsafe { (*evt).transactionid = id };
    // SAFETY: the transaction's queue, which owns the event from now on.
    if unsafe { osip_fifo_add(ff, evt as *mut c_void) } != 0 {
        // Out of memory. Callers take 0 to mean the transaction owns the
        // event (libosip2 returns 0 and leaks it): drop it, as the network
        // might have.
        // SAFETY: the event is still the caller's, given to us.
        drop(unsafe { Owned::from_raw(evt) });
    }
    OSIP_SUCCESS
}

/// Runs one event through the transaction's state machine and frees the
/// event; its message ends up stored in the transaction or freed. Returns 1,
/// or 0 for a KILL_TRANSACTION event (freed without its message; the
/// transaction is left alone), -2 for NULL arguments.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_execute(
    #[handle] transaction: *mut osip_transaction_t,
    #[handle] evt: *mut osip_event_t,
) -> c_int {
    // SAFETY: the caller's valid transaction and event.
    unsafe { execute(transaction.as_ptr(), evt.as_ptr()) }
}

/// [`osip_transaction_execute`] for the library's own callers
/// (`osip_*_execute`).
///
/// # Safety
/// `tr` is a valid transaction that no reference points to, and `evt` a
/// valid event of the osip allocator, handed over; both non-NULL.
#[inline(always)] // the entry point keeps its frame, as for `init`
pub(crate) unsafe fn execute(tr: *mut osip_transaction_t, evt: *mut osip_event_t) -> c_int {
    // SAFETY: an event of the osip allocator, handed over (this function's
    // contract).
    let Some(evt) = (unsafe { Owned::from_raw(evt) }) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: a valid transaction that no reference points to (this
    // function's contract).
    let mut app = unsafe { App::new(tr) };
    let Some(t) = app.handle() else {
        // The event is the caller's still.
        let _ = evt.into_raw();
        return OSIP_BADPARAMETER;
    };
    rules::execute(&mut app.env(), t, evt)
}

/// Stores `ptr` for the application. Despite the name, libosip2 keeps it in
/// `reserved1` (the `your_instance` field is never used). 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_your_instance(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved1(ptr);
    OSIP_SUCCESS
}

/// The pointer stored by `osip_transaction_set_your_instance` (`reserved1`); NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_your_instance(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved1()
}

// Written out rather than generated by a macro: cbindgen does not expand
// macros, and these belong in the header.
/// Stores an application pointer in `reserved1`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved1(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved1(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved1`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved1(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved1()
}

/// Stores an application pointer in `reserved2`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved2(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved2(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved2`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved2(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved2()
}

/// Stores an application pointer in `reserved3`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved3(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved3(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved3`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved3(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved3()
}

/// Stores an application pointer in `reserved4`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved4(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved4(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved4`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved4(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved4()
}

/// Stores an application pointer in `reserved5`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved5(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved5(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved5`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved5(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved5()
}

/// Stores an application pointer in `reserved6`. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved6(
    #[nonnull] transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    transaction.set_reserved6(ptr);
    OSIP_SUCCESS
}

/// The pointer in `reserved6`; NULL for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved6(
    #[nonnull] transaction: *mut osip_transaction_t,
) -> *mut c_void {
    transaction.reserved6()
}

/// The next hop of a client transaction: `*ip` (borrowed, may be NULL) and
/// `*port`. Both are reset to NULL / 0 first. Returns 0, -1 for a server
/// transaction, -2 for NULL. NULL out-pointers are skipped.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_destination(
    #[nullable] transaction: *mut osip_transaction_t,
    #[nullable] ip: *mut *mut c_char,
    #[nullable] port: *mut c_int,
) -> c_int {
    let (host, p, r) = match transaction.map(|t| rules::destination(t)) {
        None => (None, 0, OSIP_BADPARAMETER),
        Some(None) => (None, 0, OSIP_UNDEFINED_ERROR),
        Some(Some((host, p))) => (host, p, OSIP_SUCCESS),
    };
    if let Some(ip) = ip {
        *ip = host.map_or(ptr::null_mut(), |h| h.as_ptr() as *mut c_char);
    }
    if let Some(port) = port {
        *port = p;
    }
    r
}

/// Sets the next hop of an ICT. The context takes ownership of
/// `destination` (allocated with `osip_malloc`/`osip_strdup`) and frees the
/// previous one. 0, or -2 for a NULL context.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_ict_set_destination(
    #[nonnull] ict: *mut osip_ict_t,
    destination: *mut c_char,
    port: c_int,
) -> c_int {
    // SAFETY: NULL or a string of the osip allocator, handed over.
    ict.set_destination(unsafe { OString::from_raw(destination) });
    ict.port = port;
    OSIP_SUCCESS
}

/// Sets the next hop of a NICT, as [`osip_ict_set_destination`].
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_nict_set_destination(
    #[nonnull] nict: *mut osip_nict_t,
    destination: *mut c_char,
    port: c_int,
) -> c_int {
    // SAFETY: NULL or a string of the osip allocator, handed over.
    nict.set_destination(unsafe { OString::from_raw(destination) });
    nict.port = port;
    OSIP_SUCCESS
}

/// Copies an SRV lookup result into the transaction. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_srv_record(
    #[handle] transaction: *mut osip_transaction_t,
    #[handle] record: *mut osip_srv_record_t,
) -> c_int {
    // The record may be the transaction's own: no reference to either.
    let at = std::mem::offset_of!(osip_transaction_t, record);
    let own = transaction.as_ptr().wrapping_byte_add(at) as *mut osip_srv_record_t;
    // SAFETY: two valid records, possibly the same; `copy` allows overlap.
    unsafe { ptr::copy(record.as_ptr(), own, 1) };
    OSIP_SUCCESS
}

/// Stores a NAPTR result pointer (not copied, never freed). 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_naptr_record(
    #[nonnull] transaction: *mut osip_transaction_t,
    record: *mut osip_naptr_t,
) -> c_int {
    transaction.set_naptr_record(record);
    OSIP_SUCCESS
}

/// Records the socket the request came in on. 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_in_socket(
    #[nonnull] transaction: *mut osip_transaction_t,
    sock: c_int,
) -> c_int {
    transaction.in_socket = sock;
    OSIP_SUCCESS
}

/// Sets the socket passed to the send callback (-999 turns timer B/F
/// expiry into a transport error). 0, or -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_out_socket(
    #[nonnull] transaction: *mut osip_transaction_t,
    sock: c_int,
) -> c_int {
    transaction.out_socket = sock;
    OSIP_SUCCESS
}
