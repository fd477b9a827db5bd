//! Transactions: creation from a request, release, event queueing and
//! execution through the state machines, and the plain accessors.

use crate::abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use crate::abi::type_t::KILL_TRANSACTION;
use crate::abi::{
    _state_t, fsm_type_t, osip_event_t, osip_fifo_t, osip_ict_t, osip_mutex, osip_naptr_t,
    osip_nict_t, osip_srv_record_t, osip_t, osip_transaction_t,
};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::classify::is_message_event;
use crate::core::fsm;
use crate::core::kind::Kind;
use crate::ffi::contexts;
use crate::ffi::event::free_event;
use crate::ffi::fifo::{osip_fifo_add, osip_fifo_free, osip_fifo_init, osip_fifo_tryget};
use crate::ffi::lists;
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::time::{now, osip_getsystemtime, store_tv};
use crate::parser::util::top_via;
use crate::parser::{
    osip_call_id_clone, osip_call_id_free, osip_cseq_clone, osip_cseq_free, osip_from_clone,
    osip_from_free, osip_message_free, osip_message_t, osip_to_clone, osip_to_free, osip_via_clone,
    osip_via_free, OSIP_INFO2, OSIP_INFO3, OSIP_INFO4,
};
use libc::{c_char, c_int, c_uint, c_void};
use std::ptr;

/// Creates a transaction of kind `ctx_type` (ICT, IST, NICT; any other value
/// behaves as NIST) for `request`, and appends it to the matching list of
/// `osip`. The request stays the caller's: the transaction copies its Via,
/// From, To, Call-ID and CSeq. Returns 0, -2 for missing arguments or
/// headers (or a client request without usable next hop), -5 without Via,
/// -4 when out of memory; `*transaction` is NULL on failure.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_init(
    transaction: *mut *mut osip_transaction_t,
    ctx_type: fsm_type_t,
    osip: *mut osip_t,
    request: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if transaction.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL out-pointer.
        unsafe { *transaction = ptr::null_mut() };
        // SAFETY: `request` is NULL or a valid message.
        if request.is_null() || osip.is_null() || unsafe { (*request).call_id.is_null() } {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: Call-ID checked above.
        let call_id_number = unsafe { (*(*request).call_id).number };
        if call_id_number.is_null() {
            return OSIP_BADPARAMETER;
        }
        let tr = match crate::pool::alloc() {
            Some(tr) => tr,
            // SAFETY: plain allocation; zero is the empty state of a transaction.
            None => unsafe { osip_calloc::<osip_transaction_t>() },
        };
        if tr.is_null() {
            return OSIP_NOMEM;
        }
        // SAFETY: `tr` is fresh; `osip` and `request` are valid.
        match unsafe { build(tr, ctx_type, osip, request, call_id_number) } {
            Ok(()) => {
                // SAFETY: non-NULL out-pointer.
                unsafe { *transaction = tr };
                0
            }
            Err(e) => {
                // SAFETY: `tr` is not published; free releases what was built.
                unsafe { unlist_and_free(tr) };
                e
            }
        }
    })
}

/// Fills a fresh transaction; on error the caller frees it with
/// `osip_transaction_free`, as libosip2 does.
unsafe fn build(
    tr: *mut osip_transaction_t,
    ctx_type: c_int,
    osip: *mut osip_t,
    request: *mut osip_message_t,
    call_id_number: *mut c_char,
) -> Result<(), c_int> {
    let ok = |r: c_int| if r == 0 { Ok(()) } else { Err(r) };
    // SAFETY: `tr` is fresh and exclusively ours; `osip` and `request` are valid.
    unsafe {
        let t = &mut *tr;
        t.birth_time = osip_getsystemtime(ptr::null_mut());
        // Not a timer field, and the transaction is not listed yet: no need
        // to tell the engine (as osip_gettimeofday would).
        store_tv(&mut t.created_time, now());
        let id_mutex = (*osip).id_mutex as *mut osip_mutex;
        osip_mutex_lock(id_mutex);
        t.transactionid = (*osip).transactionid;
        (*osip).transactionid = (*osip).transactionid.wrapping_add(1);
        osip_mutex_unlock(id_mutex);
        trace!(
            "osip_transaction.c",
            143,
            OSIP_INFO2,
            "allocating transaction resource %i %s\n",
            t.transactionid,
            call_id_number
        );
        t.ctx_type = ctx_type;
        t.config = osip as *mut c_void;

        let via = top_via(request);
        if via.is_null() {
            return Err(OSIP_SYNTAXERROR);
        }
        ok(osip_via_clone(via, &mut t.topvia))?;
        ok(osip_from_clone((*request).from, &mut t.from))?;
        ok(osip_to_clone((*request).to, &mut t.to))?;
        ok(osip_call_id_clone((*request).call_id, &mut t.callid))?;
        ok(osip_cseq_clone((*request).cseq, &mut t.cseq))?;

        let ff = osip_calloc::<osip_fifo_t>();
        if ff.is_null() {
            return Err(OSIP_NOMEM);
        }
        osip_fifo_init(ff);
        t.transactionff = ff;

        match Kind::from_ctx_type(ctx_type) {
            Kind::Ict => {
                t.state = _state_t::ICT_PRE_CALLING as c_int;
                t.ict_context = contexts::new_ict(request)?;
                lists::__osip_add_ict(osip, tr);
            }
            Kind::Ist => {
                t.state = _state_t::IST_PRE_PROCEEDING as c_int;
                t.ist_context = contexts::new_ist(request)?;
                lists::__osip_add_ist(osip, tr);
            }
            Kind::Nict => {
                t.state = _state_t::NICT_PRE_TRYING as c_int;
                t.nict_context = contexts::new_nict(request)?;
                lists::__osip_add_nict(osip, tr);
            }
            Kind::Nist => {
                t.state = _state_t::NIST_PRE_TRYING as c_int;
                t.nist_context = contexts::new_nist(request)?;
                lists::__osip_add_nist(osip, tr);
            }
        }
    }
    Ok(())
}

/// `osip_transaction_free` without the FFI wrapper.
unsafe fn unlist_and_free(tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: valid transaction.
    let osip = unsafe { (*tr).config } as *mut osip_t;
    // Without a live instance there is no list to leave, and after
    // osip_release `config` points to freed memory (H15).
    // SAFETY: valid transaction.
    let live = !osip.is_null() && unsafe { crate::engine::instance_of(tr) } == Some(osip);
    // SAFETY: `osip` is the live instance the transaction is registered with.
    if !live || unsafe { lists::osip_remove_transaction(osip, tr) } != 0 {
        trace!(
            "osip_transaction.c",
            293,
            OSIP_INFO4,
            "transaction already removed from list %i!\n",
            // SAFETY: valid transaction.
            unsafe { (*tr).transactionid }
        );
    }
    // SAFETY: valid transaction, no longer listed.
    unsafe { release(tr) }
}

/// `osip_transaction_free2` without the FFI wrapper.
unsafe fn release(tr: *mut osip_transaction_t) -> c_int {
    // SAFETY: valid transaction that nothing uses after this.
    unsafe {
        crate::engine::forget(tr);
        let t = &mut *tr;
        let req = t.orig_request;
        if !req.is_null() && !(*req).call_id.is_null() && !(*(*req).call_id).number.is_null() {
            trace!(
                "osip_transaction.c",
                308,
                OSIP_INFO2,
                "free transaction resource %i %s\n",
                t.transactionid,
                (*(*req).call_id).number
            );
        }
        match Kind::from_ctx_type(t.ctx_type) {
            Kind::Ict => contexts::free_ict(t.ict_context),
            Kind::Ist => contexts::free_ist(t.ist_context),
            Kind::Nict => contexts::free_nict(t.nict_context),
            Kind::Nist => contexts::free_nist(t.nist_context),
        }
        if !t.transactionff.is_null() {
            loop {
                let evt = osip_fifo_tryget(t.transactionff) as *mut osip_event_t;
                if evt.is_null() {
                    break;
                }
                free_event(evt);
            }
            osip_fifo_free(t.transactionff);
        }
        osip_message_free(t.orig_request);
        osip_message_free(t.last_response);
        osip_message_free(t.ack);
        osip_via_free(t.topvia);
        osip_from_free(t.from);
        osip_to_free(t.to);
        osip_call_id_free(t.callid);
        osip_cseq_free(t.cseq);
        if !crate::pool::release(tr) {
            osip_free(tr as *mut c_void);
        }
    }
    0
}

/// Removes the transaction from its list, then frees it like
/// [`osip_transaction_free2`]. Returns 0, or -2 for NULL or a transaction
/// freed before.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_free(transaction: *mut osip_transaction_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // A transaction already freed, while its slot is not reused yet, is
        // known: refused rather than freed twice.
        if transaction.is_null() || crate::pool::is_freed(transaction) {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: a transaction from osip_transaction_init.
        unsafe { unlist_and_free(transaction) }
    })
}

/// Frees a transaction that is no longer in any list: its context, queued
/// events with their messages, stored messages and headers. Returns 0, or
/// -2 for NULL or a transaction freed before.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_free2(transaction: *mut osip_transaction_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // A transaction already freed, while its slot is not reused yet, is
        // known: refused rather than freed twice.
        if transaction.is_null() || crate::pool::is_freed(transaction) {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: a transaction from osip_transaction_init.
        unsafe { release(transaction) }
    })
}

/// Queues `evt` for the transaction, which then owns it; `osip_*_execute`
/// runs it later. Returns 0, or -2 for NULL arguments or a transaction
/// without event queue (the caller then keeps the event).
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_add_event(
    transaction: *mut osip_transaction_t,
    evt: *mut osip_event_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if evt.is_null() || transaction.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: non-NULL transaction.
        if unsafe { (*transaction).transactionff.is_null() } {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: both are valid; the fifo belongs to the transaction.
        unsafe {
            (*evt).transactionid = (*transaction).transactionid;
            if osip_fifo_add((*transaction).transactionff, evt as *mut c_void) != 0 {
                // Out of memory. Callers take 0 to mean the transaction owns
                // the event (libosip2 returns 0 and leaks it): drop it, as
                // the network might have.
                free_event(evt);
            }
        }
        0
    })
}

/// Runs one event through the transaction's state machine and frees the
/// event; its message ends up stored in the transaction or freed. Returns 1,
/// or 0 for a KILL_TRANSACTION event (freed without its message; the
/// transaction is left alone), -2 for NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_execute(
    transaction: *mut osip_transaction_t,
    evt: *mut osip_event_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if transaction.is_null() || evt.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid event.
        let ty = unsafe { (*evt).type_ };
        if ty == KILL_TRANSACTION as c_int {
            // SAFETY: the event is ours; its message may still be the caller's.
            unsafe { osip_free(evt as *mut c_void) };
            return 0;
        }
        // SAFETY: valid transaction and event.
        let (state, kind) = unsafe {
            let t = &*transaction;
            trace!(
                "osip_transaction.c",
                377,
                OSIP_INFO4,
                "sipevent tr->transactionid: %i\n",
                t.transactionid
            );
            trace!(
                "osip_transaction.c",
                378,
                OSIP_INFO4,
                "sipevent tr->state: %i\n",
                t.state
            );
            trace!(
                "osip_transaction.c",
                379,
                OSIP_INFO4,
                "sipevent evt->type: %i\n",
                ty
            );
            trace!(
                "osip_transaction.c",
                380,
                OSIP_INFO4,
                "sipevent evt->sip: %x\n",
                (*evt).sip as usize as c_uint
            );
            (t.state, Kind::from_ctx_type(t.ctx_type))
        };
        let ran = match fsm::lookup(kind, state, ty) {
            // SAFETY: valid transaction and event; `transaction` is not used after the action.
            Some(action) => unsafe { crate::ffi::actions::run(transaction, evt, action) },
            None => false,
        };
        if ran {
            trace!(
                "osip_transaction.c",
                405,
                OSIP_INFO4,
                "sipevent evt: method called!\n"
            );
        } else {
            trace!("osip_transaction.c", 395, OSIP_INFO3, "USELESS event!\n");
            if is_message_event(ty) {
                // SAFETY: the transaction owns the event's message; NULL is ignored.
                unsafe { osip_message_free((*evt).sip) };
            }
        }
        // SAFETY: the event is ours; its message was stored or freed.
        unsafe { osip_free(evt as *mut c_void) };
        1
    })
}

/// Stores `ptr` for the application. Despite the name, libosip2 keeps it in
/// `reserved1` (the `your_instance` field is never used). 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_your_instance(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 1, ptr) }
    })
}

/// The pointer stored by `osip_transaction_set_your_instance` (`reserved1`); NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_your_instance(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 1) }
    })
}

/// The `reservedN` field (N in 1..=6) of a valid transaction.
unsafe fn reserved_field(tr: *mut osip_transaction_t, n: u8) -> *mut *mut c_void {
    // SAFETY: valid transaction; only a field address is taken.
    unsafe {
        match n {
            1 => ptr::addr_of_mut!((*tr).reserved1),
            2 => ptr::addr_of_mut!((*tr).reserved2),
            3 => ptr::addr_of_mut!((*tr).reserved3),
            4 => ptr::addr_of_mut!((*tr).reserved4),
            5 => ptr::addr_of_mut!((*tr).reserved5),
            _ => ptr::addr_of_mut!((*tr).reserved6),
        }
    }
}

/// Writes `value` to the field `field` locates in a non-NULL transaction,
/// as every plain setter does: 0, or -2 for NULL.
///
/// # Safety
/// `tr` is NULL or valid; `field` returns a field of the transaction it gets.
unsafe fn set_field<T>(
    tr: *mut osip_transaction_t,
    field: impl FnOnce(*mut osip_transaction_t) -> *mut T,
    value: T,
) -> c_int {
    if tr.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: per the contract.
    unsafe { *field(tr) = value };
    0
}

/// # Safety
/// `tr` is NULL or valid.
unsafe fn set_reserved(tr: *mut osip_transaction_t, n: u8, value: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { set_field(tr, |t| reserved_field(t, n), value) }
}

/// # Safety
/// `tr` is NULL or valid.
unsafe fn get_reserved(tr: *mut osip_transaction_t, n: u8) -> *mut c_void {
    if tr.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: non-NULL transaction.
    unsafe { *reserved_field(tr, n) }
}

// Written out rather than generated by a macro: cbindgen does not expand
// macros, and these belong in the header.
/// Stores an application pointer in `reserved1`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved1(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 1, ptr) }
    })
}

/// The pointer in `reserved1`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved1(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 1) }
    })
}

/// Stores an application pointer in `reserved2`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved2(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 2, ptr) }
    })
}

/// The pointer in `reserved2`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved2(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 2) }
    })
}

/// Stores an application pointer in `reserved3`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved3(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 3, ptr) }
    })
}

/// The pointer in `reserved3`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved3(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 3) }
    })
}

/// Stores an application pointer in `reserved4`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved4(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 4, ptr) }
    })
}

/// The pointer in `reserved4`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved4(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 4) }
    })
}

/// Stores an application pointer in `reserved5`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved5(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 5, ptr) }
    })
}

/// The pointer in `reserved5`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved5(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 5) }
    })
}

/// Stores an application pointer in `reserved6`. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_reserved6(
    transaction: *mut osip_transaction_t,
    ptr: *mut c_void,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { set_reserved(transaction, 6, ptr) }
    })
}

/// The pointer in `reserved6`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_reserved6(
    transaction: *mut osip_transaction_t,
) -> *mut c_void {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or a transaction from osip_transaction_init.
        unsafe { get_reserved(transaction, 6) }
    })
}

/// The next hop of a client transaction: `*ip` (borrowed, may be NULL) and
/// `*port`. Both are reset to NULL / 0 first. Returns 0, -1 for a server
/// transaction, -2 for NULL. NULL out-pointers are skipped.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_get_destination(
    transaction: *mut osip_transaction_t,
    ip: *mut *mut c_char,
    port: *mut c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        let put = |h: *mut c_char, p: c_int| {
            // SAFETY: out-pointers are checked before writing.
            unsafe {
                if !ip.is_null() {
                    *ip = h;
                }
                if !port.is_null() {
                    *port = p;
                }
            }
        };
        put(ptr::null_mut(), 0);
        if transaction.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid transaction; contexts are NULL or live.
        unsafe {
            let t = &*transaction;
            if !t.ict_context.is_null() {
                put((*t.ict_context).destination, (*t.ict_context).port);
            } else if !t.nict_context.is_null() {
                put((*t.nict_context).destination, (*t.nict_context).port);
            } else {
                return OSIP_UNDEFINED_ERROR;
            }
        }
        0
    })
}

/// Sets the next hop of an ICT. The context takes ownership of
/// `destination` (allocated with `osip_malloc`/`osip_strdup`) and frees the
/// previous one. 0, or -2 for a NULL context.
#[no_mangle]
pub unsafe extern "C" fn osip_ict_set_destination(
    ict: *mut osip_ict_t,
    destination: *mut c_char,
    port: c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if ict.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: live ICT context.
        unsafe { contexts::set_ict_destination(ict, destination, port) };
        0
    })
}

/// Sets the next hop of a NICT, as [`osip_ict_set_destination`].
#[no_mangle]
pub unsafe extern "C" fn osip_nict_set_destination(
    nict: *mut osip_nict_t,
    destination: *mut c_char,
    port: c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if nict.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: live NICT context.
        unsafe { contexts::set_nict_destination(nict, destination, port) };
        0
    })
}

/// Copies an SRV lookup result into the transaction. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_srv_record(
    transaction: *mut osip_transaction_t,
    record: *mut osip_srv_record_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if transaction.is_null() || record.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: both are valid; `copy` tolerates a record that is the
        // transaction's own.
        unsafe { ptr::copy(record, ptr::addr_of_mut!((*transaction).record), 1) };
        0
    })
}

/// Stores a NAPTR result pointer (not copied, never freed). 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_naptr_record(
    transaction: *mut osip_transaction_t,
    record: *mut osip_naptr_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a valid transaction; only a field address is taken.
        unsafe {
            set_field(
                transaction,
                |t| ptr::addr_of_mut!((*t).naptr_record),
                record,
            )
        }
    })
}

/// Records the socket the request came in on. 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_in_socket(
    transaction: *mut osip_transaction_t,
    sock: c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a valid transaction; only a field address is taken.
        unsafe { set_field(transaction, |t| ptr::addr_of_mut!((*t).in_socket), sock) }
    })
}

/// Sets the socket passed to the send callback (-999 turns timer B/F
/// expiry into a transport error). 0, or -2 for NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_transaction_set_out_socket(
    transaction: *mut osip_transaction_t,
    sock: c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a valid transaction; only a field address is taken.
        unsafe { set_field(transaction, |t| ptr::addr_of_mut!((*t).out_socket), sock) }
    })
}
