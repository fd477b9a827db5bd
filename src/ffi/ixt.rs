//! Retransmissions outside the transaction state machines: a UAS repeats
//! its 2xx to an INVITE until the ACK arrives, a UAC repeats its ACK for
//! each retransmitted 2xx (RFC 3261 13.3.1.4 and 13.2.2.4).
//!
//! Records are plain `ixt_t` in the public `osip->ixt_retransmissions` list
//! (newest first), guarded by `ixt_fastmutex`: `osip_timers_gettimeout`
//! reads their `start` there, and applications drive time by writing it.
//!
//! Unlike libosip2, sends happen with `ixt_fastmutex` released, so a send
//! callback may start or stop retransmissions. A record being sent stays
//! allocated until its send returns: stopping it meanwhile unlinks it and
//! leaves the release to the sender (see [`Pins`]).

use crate::abi::{ixt_t, osip_dialog, osip_mutex, osip_t};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::ixt::{Pins, Schedule, DEFAULT_PORT};
use crate::ffi::dialog::osip_dialog_match_as_uas;
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::ffi::time::{from_tv, now, to_tv};
use crate::ffi::via::osip_response_get_destination;
use crate::parser::util::streq;
use crate::parser::{
    __node_t, osip_list_add, osip_list_t, osip_message_clone, osip_message_free, osip_message_t,
    osip_strdup,
};
use libc::{c_char, c_int, c_void};
use std::ptr;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// `ixt_fastmutex` held for the lifetime of the value (no lock when the
/// `osip_t` has no mutex, as for one not made by `osip_init`).
struct IxtLock(*mut osip_mutex);

impl IxtLock {
    /// # Safety
    /// `osip` is valid; its mutex is NULL or made by `osip_mutex_init`.
    unsafe fn take(osip: *mut osip_t) -> IxtLock {
        // SAFETY: valid `osip_t`; NULL is ignored by the lock.
        unsafe {
            let m = (*osip).ixt_fastmutex as *mut osip_mutex;
            osip_mutex_lock(m);
            IxtLock(m)
        }
    }
}

impl Drop for IxtLock {
    fn drop(&mut self) {
        // SAFETY: locked by `take` on this thread.
        unsafe { osip_mutex_unlock(self.0) };
    }
}

/// The record list of `osip`.
///
/// # Safety
/// `osip` is valid.
unsafe fn records(osip: *mut osip_t) -> *mut osip_list_t {
    // SAFETY: valid `osip_t`.
    unsafe { ptr::addr_of_mut!((*osip).ixt_retransmissions) }
}

/// The records held by sends in progress. Only touched with the record's
/// `ixt_fastmutex` held (lock order: `ixt_fastmutex`, then this).
static PINS: Mutex<Pins> = Mutex::new(Pins::new());

fn pins() -> MutexGuard<'static, Pins> {
    PINS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Holds the pins across a fork (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    held.push(Box::new(pins()));
}

/// Frees a record and the messages and string it owns.
///
/// # Safety
/// `rec` is a valid record no longer in any list.
unsafe fn free_record(rec: *mut ixt_t) {
    // SAFETY: per the contract; each free accepts NULL.
    unsafe {
        osip_message_free((*rec).ack);
        osip_message_free((*rec).msg2xx);
        osip_free((*rec).dest as *mut c_void);
        osip_free(rec as *mut c_void);
    }
}

/// Visits the records of `osip` in order with `ixt_fastmutex` held,
/// skipping NULL elements; each record `visit` returns true for is unlinked
/// and freed, unless a send holds it.
///
/// # Safety
/// `osip` is valid and its list holds records; `visit` gets each one valid.
unsafe fn sweep(osip: *mut osip_t, mut visit: impl FnMut(*mut ixt_t) -> bool) {
    // SAFETY: per the contract; nodes are walked and unlinked with the
    // list's lock held, each node freed as `osip_list_remove` frees it.
    unsafe {
        let _lock = IxtLock::take(osip);
        let list = records(osip);
        // The link that points at the current node: walking by node keeps a
        // sweep linear (libosip2 fetches each record by position).
        let mut link: *mut *mut __node_t = (*list).head_link_mut();
        while !(*link).is_null() {
            let node = *link;
            let rec = (*node).element as *mut ixt_t;
            if rec.is_null() || !visit(rec) {
                link = ptr::addr_of_mut!((*node).next);
                continue;
            }
            *link = (*node).next;
            (*list).note_unlinked();
            osip_free(node as *mut c_void);
            if !pins().defer_free(rec as usize) {
                // Unlinked and not held.
                free_record(rec);
            }
        }
    }
}

/// Frees every record of an instance being released: they are the
/// instance's (the application cannot reach them to free them), so they go
/// with it (libosip2 leaks them).
///
/// # Safety
/// `osip` is valid and no other thread uses it any more.
pub(crate) unsafe fn free_all(osip: *mut osip_t) {
    // SAFETY: per the contract.
    unsafe { sweep(osip, |_| true) };
}

fn schedule_of(r: &ixt_t) -> Schedule {
    Schedule {
        start: to_tv(&r.start),
        interval: r.interval,
        counter: r.counter,
    }
}

fn set_schedule(r: &mut ixt_t, s: Schedule) {
    r.start = from_tv(s.start);
    r.interval = s.interval;
    r.counter = s.counter;
}

/// Starts a new record for `dialog`: first send 510 ms from now, default
/// port, no socket, then whatever `fill` sets; it goes first in the list,
/// as libosip2 puts it. Nothing happens when out of memory.
///
/// # Safety
/// `osip` is valid.
unsafe fn start(osip: *mut osip_t, dialog: *mut osip_dialog, fill: impl FnOnce(&mut ixt_t)) {
    // SAFETY: plain allocation.
    let rec = unsafe { osip_calloc::<ixt_t>() };
    if rec.is_null() {
        return;
    }
    // SAFETY: a zeroed record we own (NULL messages and dest).
    let r = unsafe { &mut *rec };
    r.dialog = dialog;
    set_schedule(r, Schedule::new(now()));
    r.port = DEFAULT_PORT;
    r.sock = -1;
    fill(r);
    // SAFETY: valid `osip_t`; the list takes the record.
    unsafe {
        let _lock = IxtLock::take(osip);
        osip_list_add(records(osip), rec as *mut c_void, 0);
    }
}

/// Starts retransmitting a copy of `msg200ok` (our 2xx to an INVITE) to
/// the address its top Via gives, on socket `sock`, until
/// `osip_stop_200ok_retransmissions` sees the ACK, or ten times.
/// NULL `osip` or message: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn osip_start_200ok_retransmissions(
    osip: *mut osip_t,
    dialog: *mut osip_dialog,
    msg200ok: *mut osip_message_t,
    sock: c_int,
) {
    ffi_guard!((), {
        if osip.is_null() || msg200ok.is_null() {
            return;
        }
        // SAFETY: valid `osip_t` and message; the record takes the clone
        // and the address.
        unsafe {
            start(osip, dialog, |r| {
                osip_message_clone(msg200ok, &mut r.msg2xx);
                r.sock = sock;
                osip_response_get_destination(msg200ok, &mut r.dest, &mut r.port);
            })
        }
    })
}

/// Starts retransmitting a copy of `ack` to `dest`:`port` on socket
/// `sock`, ten times. A NULL `ack` makes a record that sends nothing (as
/// in libosip2). NULL `osip`: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn osip_start_ack_retransmissions(
    osip: *mut osip_t,
    dialog: *mut osip_dialog,
    ack: *mut osip_message_t,
    dest: *mut c_char,
    port: c_int,
    sock: c_int,
) {
    ffi_guard!((), {
        if osip.is_null() {
            return;
        }
        // SAFETY: valid `osip_t`; `ack` and `dest` are NULL or valid (the
        // parser accepts NULL); the record takes the copies.
        unsafe {
            start(osip, dialog, |r| {
                osip_message_clone(ack, &mut r.ack);
                r.dest = osip_strdup(dest);
                r.port = port;
                r.sock = sock;
            })
        }
    })
}

/// Stops the 2xx retransmission this ACK acknowledges: the first record
/// whose dialog matches the ACK as UAS and whose 2xx has the ACK's CSeq
/// number. Returns that record's dialog, or NULL (also for NULL arguments
/// or an ACK without CSeq number).
#[no_mangle]
pub unsafe extern "C" fn osip_stop_200ok_retransmissions(
    osip: *mut osip_t,
    ack: *mut osip_message_t,
) -> *mut osip_dialog {
    ffi_guard!(ptr::null_mut(), {
        // SAFETY: NULL or valid pointers from the caller.
        let number = unsafe {
            if osip.is_null() || ack.is_null() || (*ack).cseq.is_null() {
                return ptr::null_mut();
            }
            (*(*ack).cseq).number
        };
        if number.is_null() {
            return ptr::null_mut();
        }
        let mut stopped = None;
        // SAFETY: valid `osip_t`; `sweep` gives valid records.
        unsafe {
            sweep(osip, |rec| {
                if stopped.is_some() {
                    return false;
                }
                let sent = (*rec).msg2xx;
                let acked = !sent.is_null()
                    && !(*sent).cseq.is_null()
                    && !(*(*sent).cseq).number.is_null()
                    && osip_dialog_match_as_uas((*rec).dialog, ack) == 0
                    && streq((*(*sent).cseq).number, number);
                if acked {
                    stopped = Some((*rec).dialog);
                }
                acked
            })
        };
        stopped.unwrap_or(ptr::null_mut())
    })
}

/// Stops every retransmission of `dialog` (compared by pointer; NULL stops
/// those started without a dialog). Call it before freeing the dialog.
#[no_mangle]
pub unsafe extern "C" fn osip_stop_retransmissions_from_dialog(
    osip: *mut osip_t,
    dialog: *mut osip_dialog,
) {
    ffi_guard!((), {
        if osip.is_null() {
            return;
        }
        // SAFETY: valid `osip_t`; `sweep` gives valid records.
        unsafe { sweep(osip, |rec| (*rec).dialog == dialog) };
    })
}

/// One send decided under the lock and made after releasing it.
struct Send {
    rec: *mut ixt_t,
    msg: *mut osip_message_t,
    dest: *mut c_char,
    port: c_int,
    sock: c_int,
}

/// Sends every retransmission that is due (through `cb_send_message`, with
/// no transaction) and drops records that made their tenth send. Each send
/// doubles the record's interval up to 4 s and moves its deadline on from
/// the previous one. NULL `osip`: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn osip_retransmissions_execute(osip: *mut osip_t) {
    ffi_guard!((), {
        if osip.is_null() {
            return;
        }
        let current = now();
        let mut sends = Vec::new();
        // SAFETY: valid `osip_t`; `sweep` gives valid records, each ours
        // while the lock is held.
        unsafe {
            sweep(osip, |rec| {
                let r = &mut *rec;
                let mut s = schedule_of(r);
                if s.tick(current) {
                    set_schedule(r, s);
                    let msg = if r.ack.is_null() { r.msg2xx } else { r.ack };
                    if !msg.is_null() {
                        pins().hold(rec as usize);
                        sends.push(Send {
                            rec,
                            msg,
                            dest: r.dest,
                            port: r.port,
                            sock: r.sock,
                        });
                    }
                }
                s.exhausted()
            })
        };
        if sends.is_empty() {
            return;
        }
        for s in &sends {
            // SAFETY: valid `osip_t`; the callback is read per send, as a
            // send may replace it.
            let send = unsafe { (*osip).cb_send_message };
            if let Some(send) = send {
                // SAFETY: held records keep their message and dest alive.
                unsafe { send(ptr::null_mut(), s.msg, s.dest, s.port, s.sock) };
            }
        }
        // SAFETY: valid `osip_t`; records stopped during the sends were
        // unlinked and are ours to free.
        unsafe {
            let _lock = IxtLock::take(osip);
            for s in &sends {
                if pins().release(s.rec as usize) {
                    free_record(s.rec);
                }
            }
        }
    })
}
