//! The C layer of the transaction engine (`osip_core::engine`): the
//! instance's public lists and its transactions' fields as the engine
//! reads them, and the hardware hints it gives.
//!
//! Everything the engine decides is safe code in `osip_core`. What needs
//! `unsafe` is here: following a public list's nodes (only when the engine
//! says the list is as it left it, or from its head in the same call),
//! viewing a registered transaction, reading the fields other threads may
//! be writing (H25) with atomic loads, prefetching, asking for huge pages.

use crate::abi::{osip_mutex, osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::core::schedule::Starts;
use crate::core::timeval::Tv;
use crate::parser::{__node_t, osip_list_t};
pub use osip_core::engine::stats;
pub(crate) use osip_core::engine::Engine;
use osip_core::engine::{self as core_engine, Mem, Place, PublicList, Witness};
use std::sync::Arc;

/// The public list and list mutex of `kind` in `osip`.
///
/// # Safety
/// `osip` is a valid instance.
pub(crate) unsafe fn public_list(
    osip: *mut osip_t,
    kind: Kind,
) -> (*mut osip_list_t, *mut osip_mutex) {
    // SAFETY: per the contract.
    let o = unsafe { &mut *osip };
    let (l, m) = match kind {
        Kind::Ict => (&mut o.osip_ict_transactions, o.ict_fastmutex),
        Kind::Ist => (&mut o.osip_ist_transactions, o.ist_fastmutex),
        Kind::Nict => (&mut o.osip_nict_transactions, o.nict_fastmutex),
        Kind::Nist => (&mut o.osip_nist_transactions, o.nist_fastmutex),
    };
    (l as *mut osip_list_t, m as *mut osip_mutex)
}

/// The engine of an instance made by `osip_init` (None for NULL or one the
/// engine does not know).
pub(crate) fn of(osip: *const osip_t) -> Option<Arc<Engine>> {
    core_engine::of(osip as usize)
}

/// One public list of a live instance.
pub(crate) struct CList(*mut osip_list_t);

impl CList {
    /// # Safety
    /// `osip` is a valid instance; the list's mutex is held (or the instance
    /// is not shared yet).
    pub(crate) unsafe fn of(osip: *mut osip_t, kind: Kind) -> CList {
        // SAFETY: per the contract.
        CList(unsafe { public_list(osip, kind) }.0)
    }

    fn list(&self) -> &osip_list_t {
        // SAFETY: a list inside a live `osip_t` (the constructor's contract).
        unsafe { &*self.0 }
    }

    fn list_mut(&mut self) -> &mut osip_list_t {
        // SAFETY: as above; its mutex is held.
        unsafe { &mut *self.0 }
    }
}

impl PublicList for CList {
    fn witness(&self) -> Witness {
        let l = self.list();
        Witness {
            count: l.count(),
            head: l.head() as usize,
            stamp: l.stamp(),
        }
    }

    fn walk(&self, visit: &mut dyn FnMut(usize, Place) -> bool) {
        let mut prev = 0usize;
        let mut node = self.list().head();
        while !node.is_null() {
            // SAFETY: a node reached from the head in this call: the list's
            // chain is valid (the C contract for an `osip_list_t`).
            let n = unsafe { &*node };
            let place = Place {
                node: node as usize,
                prev,
            };
            if !visit(n.element as usize, place) {
                return;
            }
            prev = node as usize;
            node = n.next;
        }
    }

    fn append(&mut self, tail: usize, element: usize) -> Option<usize> {
        // SAFETY: the engine passes the list's last node, known from a walk
        // in this call or from its own records while the header says the
        // list is as it left it.
        let r = unsafe {
            self.list_mut()
                .append_after(tail as *mut __node_t, element as *mut libc::c_void)
        };
        r.ok().map(|n| n as usize)
    }

    fn unlink(&mut self, place: Place) -> usize {
        // SAFETY: as for `append`: the node and its predecessor as recorded.
        let next = unsafe {
            self.list_mut()
                .unlink_at(place.node as *mut __node_t, place.prev as *mut __node_t)
        };
        next as usize
    }
}

/// Transactions as the engine reads them.
pub(crate) struct CMem;

impl Mem for CMem {
    fn view(&self, addr: usize) -> Option<&osip_transaction_t> {
        // SAFETY: the engine asks only for transactions registered with it
        // (or being registered), which the application frees only through
        // `osip_transaction_free`, which forgets them first.
        unsafe { (addr as *const osip_transaction_t).as_ref() }
    }

    fn timers(&self, addr: usize, kind: Kind) -> Option<(i32, Starts)> {
        // SAFETY: as in `view`; fields other threads may write are read
        // with atomic loads.
        unsafe { read_timers(addr as *const osip_transaction_t, kind) }
    }

    fn queued(&self, addr: usize) -> usize {
        // SAFETY: as in `view`.
        let ff = unsafe { (*(addr as *const osip_transaction_t)).transactionff };
        if ff.is_null() {
            return 0;
        }
        // SAFETY: a transaction's fifo from osip_transaction_init.
        unsafe { crate::ffi::fifo::size(ff) }.max(0) as usize
    }
}

/// State and the timer start fields of the context of `kind`.
///
/// # Safety
/// `tr` is a valid transaction whose context pointers are NULL or valid.
unsafe fn read_timers(tr: *const osip_transaction_t, kind: Kind) -> Option<(i32, Starts)> {
    use crate::ffi::time::load_tv;
    // SAFETY: per the contract.
    unsafe {
        let t = &*tr;
        let off = Tv::new(-1, 0);
        let starts = match kind {
            Kind::Ict => {
                let c = t.ict_context.as_ref()?;
                [
                    load_tv(&c.timer_a_start),
                    load_tv(&c.timer_b_start),
                    load_tv(&c.timer_d_start),
                ]
            }
            Kind::Ist => {
                let c = t.ist_context.as_ref()?;
                [
                    load_tv(&c.timer_g_start),
                    load_tv(&c.timer_h_start),
                    load_tv(&c.timer_i_start),
                ]
            }
            Kind::Nict => {
                let c = t.nict_context.as_ref()?;
                [
                    load_tv(&c.timer_e_start),
                    load_tv(&c.timer_f_start),
                    load_tv(&c.timer_k_start),
                ]
            }
            Kind::Nist => [load_tv(&t.nist_context.as_ref()?.timer_j_start), off, off],
        };
        // The state machine may be writing it in another thread (H25).
        let state = std::sync::atomic::AtomicI32::from_ptr(std::ptr::addr_of!(t.state) as *mut i32)
            .load(std::sync::atomic::Ordering::Relaxed);
        Some((state, starts))
    }
}

/// Creates the engine of a new instance (from `osip_init`), after its lists
/// were initialised with the process's `osip_list_init`: ours stamps list
/// headers, Debian's zeroes them.
///
/// # Safety
/// `osip` is a valid, freshly initialised instance.
pub(crate) unsafe fn attach(osip: *mut osip_t) {
    // SAFETY: per the contract.
    let stamped = unsafe { (*osip).osip_ict_transactions.stamp() } != 0;
    core_engine::attach(osip as usize, stamped);
    crate::pool::instance_created();
}

/// Drops the engine of an instance being released (from `osip_release`).
pub(crate) fn detach(osip: *mut osip_t) {
    core_engine::detach(osip as usize);
    crate::pool::instance_released();
}

/// What `step_begin` remembers about a transaction whose action runs: keys,
/// not the engine itself (no reference is held across the application's
/// callbacks: a thread ending inside one would leak it).
#[derive(Clone, Copy)]
pub(crate) struct Step {
    osip: usize,
    tr: usize,
    serial: u64,
}

impl Step {
    /// Whether the transaction still exists (no callback freed it); None
    /// once its instance was released, when the engine cannot tell.
    pub(crate) fn is_live(&self) -> Option<bool> {
        core_engine::of(self.osip).map(|e| e.is_live(self.tr, self.serial))
    }
}

/// The engine a transaction is registered with.
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn registered(tr: *mut osip_transaction_t) -> Option<Arc<Engine>> {
    // SAFETY: per the contract.
    let config = unsafe { (*tr).config } as usize;
    core_engine::registered(tr as usize, config)
}

/// Before an action of `tr`'s state machine runs.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn step_begin(tr: *mut osip_transaction_t) -> Option<Step> {
    if tr.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    let engine = unsafe { registered(tr) }?;
    let serial = engine.serial(tr as usize)?;
    Some(Step {
        osip: engine.osip(),
        tr: tr as usize,
        serial,
    })
}

/// After the action: the engine re-reads the transaction's state and
/// timers, unless a callback freed it meanwhile.
pub(crate) fn step_end(step: Option<Step>) {
    let Some(s) = step else { return };
    let Some(engine) = core_engine::of(s.osip) else {
        return;
    };
    if engine.is_live(s.tr, s.serial) {
        engine.refile(s.tr, &CMem);
    }
}

/// The live instance `tr` is registered with: None once that instance was
/// released (its transactions are left to the application) or if `tr` was
/// never listed.
///
/// # Safety
/// `tr` is a valid transaction.
pub(crate) unsafe fn instance_of(tr: *mut osip_transaction_t) -> Option<*mut osip_t> {
    // SAFETY: per the contract.
    unsafe { registered(tr) }.map(|e| e.osip() as *mut osip_t)
}

/// Before `osip_transaction_free2` frees `tr`: out of every public list it
/// is in (each under its mutex), then out of the engine.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn forget(tr: *mut osip_transaction_t) {
    if tr.is_null() {
        return;
    }
    // SAFETY: per the contract.
    let Some(e) = (unsafe { registered(tr) }) else {
        return;
    };
    let osip = e.osip() as *mut osip_t;
    // Every list, not only those the index knows of: the application may
    // have listed it by hand since the engine last looked.
    for kind in Kind::ALL {
        // SAFETY: the engine's instance is live while the engine is.
        unsafe {
            crate::ffi::lists::with_list(osip, kind, || {
                e.unlist(kind, tr as usize, &mut CList::of(osip, kind), &CMem);
                cross_check(&e, osip, kind);
            })
        };
    }
    e.forget(tr as usize);
}

/// The cross-check (`osip_core::engine::check`), after an operation that
/// read the list of `kind`: its index against the list read from the head.
/// A difference is a bug of ours: the panic aborts, naming the call.
///
/// # Safety
/// `osip` is the engine's live instance; the list's mutex is held.
pub(crate) unsafe fn cross_check(e: &Engine, osip: *mut osip_t, kind: Kind) {
    if !osip_core::hints::cross_check() {
        return;
    }
    // SAFETY: per the contract.
    let list = unsafe { CList::of(osip, kind) };
    if !core_engine::check::sampled(list.witness().count.max(0) as usize) {
        return;
    }
    if let Err(why) = e.check(kind, &list, &CMem) {
        panic!("cross-check: the engine disagrees with the public list: {why}");
    }
}

/// Turns the cross-check on or off (Rust tests of the rlib; programs use
/// `OSIP2RS_CROSS_CHECK=1`).
pub fn set_cross_check(on: bool) {
    osip_core::hints::set_cross_check(on);
}

/// Called by `osip_fifo_add` / `osip_fifo_insert` after an element was
/// queued, so that `osip_*_execute` visits the transaction owning `ff`.
pub(crate) fn fifo_filled(ff: *mut crate::abi::osip_fifo_t) {
    core_engine::fifo_filled(ff as usize);
}

/// Called when `osip_gettimeofday` or `add_gettimeofday` wrote `tp`: if it is
/// a transaction's timer, re-file that transaction's deadline.
pub(crate) fn timer_written(tp: *mut libc::timeval) {
    if let Some((e, tr)) = core_engine::timer_owner(tp as usize) {
        e.refile(tr, &CMem);
    }
}

/// Holds the engines' locks across a fork (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    held.push(core_engine::hold_engines_for_fork());
    core_engine::watch::hold_for_fork(held);
}

/// The hints the engine gives the hardware (see `osip_core::hints`),
/// installed when the library is loaded.
extern "C" fn install_hints() {
    osip_core::hints::install(osip_core::hints::Hints {
        prefetch,
        huge_pages,
    });
    let asked = std::env::var_os("OSIP2RS_CROSS_CHECK").is_some_and(|v| v == "1");
    osip_core::hints::set_cross_check(cfg!(debug_assertions) || asked);
}

#[used]
#[link_section = ".init_array"]
static INSTALL_HINTS: extern "C" fn() = install_hints;

fn prefetch(addr: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only loads a cache line; it never faults, whatever
    // the address, and changes nothing the program can observe.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(addr as *const i8);
    }
}

/// Huge pages for the whole 2 MB pages inside a fresh array.
fn huge_pages(start: usize, bytes: usize) {
    const HUGE: usize = 2 << 20;
    let first = start.next_multiple_of(HUGE);
    let end = (start + bytes) / HUGE * HUGE;
    if end > first {
        // SAFETY: the range lies inside the array's own allocation; the
        // advice changes how the kernel backs those pages, never their
        // contents, and failure (no THP support) leaves ordinary pages.
        unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE) };
    }
}
