//! Retransmissions outside the transaction state machines: a UAS repeats
//! its 2xx to an INVITE until the ACK arrives, a UAC repeats its ACK for
//! each retransmitted 2xx (RFC 3261 13.3.1.4 and 13.2.2.4). The logic lives
//! in `osip_core::ixt`; here is an instance's side of it ([`Instance`]):
//! its record list under `ixt_fastmutex`, the dialogs records point to, the
//! send callback, and the process-wide pins of sends in progress.

use crate::abi::{ixt_t, osip_dialog, osip_dialog_t, osip_mutex, osip_t};
use crate::core::host::{Host, Msg, Retransmissions};
use crate::core::ixt::{self, Pins};
use crate::ffi::mt::{osip_mutex_lock, osip_mutex_unlock};
use crate::host::{Lib, Mono};
use crate::parser::osip_message_t;
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::ListMut;
use std::ptr::{self, NonNull};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The records held by sends in progress, and those stopped meanwhile.
/// Only touched with the records' `ixt_fastmutex` held (lock order:
/// `ixt_fastmutex`, then this).
static PINS: Mutex<SharedPins> = Mutex::new(SharedPins(Pins::new()));

struct SharedPins(Pins);

// SAFETY: what the pins hold (stopped records, by value) are blocks of the
// osip allocator that nothing else refers to: any thread may free them.
unsafe impl Send for SharedPins {}

fn pins() -> MutexGuard<'static, SharedPins> {
    PINS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Holds the pins across a fork (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    held.push(Box::new(pins()));
}

/// An instance, for its retransmissions. Never a reference to the whole
/// `osip_t`: other threads use its other fields meanwhile, and a send
/// callback may come back in through another entry point.
struct Instance(NonNull<osip_t>);

impl Instance {
    /// # Safety
    /// `osip` is an instance (from `osip_init`, or zeroed by the
    /// application: then without mutex) that stays alive while the value
    /// is used.
    unsafe fn new(osip: NonNull<osip_t>) -> Instance {
        Instance(osip)
    }
}

/// `ixt_fastmutex` held for the lifetime of the value (nothing to hold for
/// an instance without mutex).
struct IxtLock(*mut osip_mutex);

impl IxtLock {
    fn take(inst: &Instance) -> IxtLock {
        // SAFETY: a live instance; the mutex field is only written by
        // osip_init and osip_release.
        let m = unsafe { (*inst.0.as_ptr()).ixt_fastmutex } as *mut osip_mutex;
        // SAFETY: NULL (ignored) or the instance's mutex.
        unsafe { osip_mutex_lock(m) };
        IxtLock(m)
    }
}

impl Drop for IxtLock {
    fn drop(&mut self) {
        // SAFETY: locked by `take` on this thread.
        unsafe { osip_mutex_unlock(self.0) };
    }
}

impl Retransmissions for Instance {
    fn locked<R>(&self, f: impl FnOnce(ListMut<'_, ixt_t>, &mut Pins) -> R) -> R {
        let _lock = IxtLock::take(self);
        // SAFETY: a live instance: the address of one of its fields.
        let list = unsafe { &raw mut (*self.0.as_ptr()).ixt_retransmissions };
        // SAFETY: only code holding `ixt_fastmutex` touches the list (as we
        // do now), and nothing else borrows it.
        let list = unsafe { &mut *list };
        // SAFETY: its elements are NULL or records, owned by the list.
        let records = unsafe { ListMut::new(list) };
        f(records, &mut pins().0)
    }

    fn dialog_of<'r>(&'r self, rec: &'r ixt_t) -> Option<&'r osip_dialog_t> {
        // SAFETY: the C contract: a record's dialog is NULL or a live dialog
        // (the application stops its retransmissions before freeing it).
        unsafe { rec.dialog().as_ref() }
    }

    fn send(&mut self, msg: Msg, dest: Host, port: c_int, sock: c_int) {
        // SAFETY: a live instance; the callback is read at each send, as a
        // send may replace it.
        let Some(send) = (unsafe { (*self.0.as_ptr()).cb_send_message }) else {
            return;
        };
        let (msg, dest) = (msg.0 as *mut osip_message_t, dest.0 as *mut c_char);
        // SAFETY: the message and destination of a record a pin keeps
        // alive until this send returns; no transaction.
        unsafe { send(ptr::null_mut(), msg, dest, port, sock) };
    }
}

/// Frees every record of an instance being released: they are the
/// instance's (the application cannot reach them to free them), so they go
/// with it (libosip2 leaks them).
///
/// # Safety
/// `osip` is a live instance no other thread uses any more.
pub(crate) unsafe fn free_all(osip: *mut osip_t) {
    if let Some(osip) = NonNull::new(osip) {
        // SAFETY: a live instance (the contract).
        ixt::free_all(&unsafe { Instance::new(osip) });
    }
}

/// Starts retransmitting a copy of `msg200ok` (our 2xx to an INVITE) to
/// the address its top Via gives, on socket `sock`, until
/// `osip_stop_200ok_retransmissions` sees the ACK, or ten times.
/// NULL `osip` or message: nothing happens.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_start_200ok_retransmissions(
    #[handle] osip: *mut osip_t,
    dialog: *mut osip_dialog,
    #[nonnull] msg200ok: *mut osip_message_t,
    sock: c_int,
) {
    // SAFETY: the C contract: a live instance.
    let inst = unsafe { Instance::new(osip) };
    ixt::start_200ok(&inst, &Lib, &Mono, dialog, msg200ok, sock);
}

/// Starts retransmitting a copy of `ack` to `dest`:`port` on socket
/// `sock`, ten times. A NULL `ack` makes a record that sends nothing (as
/// in libosip2). NULL `osip`: nothing happens.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_start_ack_retransmissions(
    #[handle] osip: *mut osip_t,
    dialog: *mut osip_dialog,
    #[nullable] ack: *mut osip_message_t,
    dest: *mut c_char,
    port: c_int,
    sock: c_int,
) {
    // SAFETY: the C contract: a live instance.
    let inst = unsafe { Instance::new(osip) };
    // SAFETY: the C contract: NULL or a NUL-terminated string.
    let dest = unsafe { osip_cabi::c_str(dest) };
    let ack = ack.as_deref();
    ixt::start_ack(&inst, &Lib, &Mono, dialog, ack, (dest, port, sock));
}

/// Stops the 2xx retransmission this ACK acknowledges: the first record
/// whose dialog matches the ACK as UAS and whose 2xx has the ACK's CSeq
/// number. Returns that record's dialog, or NULL (also for NULL arguments
/// or an ACK without CSeq number).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_stop_200ok_retransmissions(
    #[handle] osip: *mut osip_t,
    #[nonnull] ack: *mut osip_message_t,
) -> *mut osip_dialog {
    // SAFETY: the C contract: a live instance.
    let inst = unsafe { Instance::new(osip) };
    ixt::stop_200ok(&inst, &Lib, ack)
}

/// Stops every retransmission of `dialog` (compared by pointer; NULL stops
/// those started without a dialog). Call it before freeing the dialog.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_stop_retransmissions_from_dialog(
    #[handle] osip: *mut osip_t,
    dialog: *mut osip_dialog,
) {
    // SAFETY: the C contract: a live instance.
    let inst = unsafe { Instance::new(osip) };
    ixt::stop_from_dialog(&inst, dialog);
}

/// Sends every retransmission that is due (through `cb_send_message`, with
/// no transaction) and drops records that made their tenth send. Each send
/// doubles the record's interval up to 4 s and moves its deadline on from
/// the previous one. NULL `osip`: nothing happens.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_retransmissions_execute(#[handle] osip: *mut osip_t) {
    // SAFETY: the C contract: a live instance.
    let mut inst = unsafe { Instance::new(osip) };
    ixt::execute(&mut inst, &Mono);
}
