//! The transaction engine of one `osip_t`: the public lists kept in constant
//! time, the matching index, the set of transactions that may have queued
//! events and the timer schedule. It lives behind `osip->osip_ict_hastable`
//! (libosip2 leaves the four `*_hastable` pointers unused) from `osip_init`
//! to `osip_release`.
//!
//! Interface with the state machines:
//! - `step_begin(tr)` before running one action of a transaction's state
//!   machine and `step_end(step)` afterwards (`ffi/actions/mod.rs`), even
//!   if a callback freed the transaction in between (`step_end` never
//!   dereferences a freed one). The engine re-reads the transaction's state
//!   and timer fields there.
//! - `forget(tr)` from `osip_transaction_free2`, before the memory goes.
//!
//! Locking: the registry has its own mutex, held only for bookkeeping: never
//! while calling application code (callbacks, trace hooks) or fifo
//! functions that come back here. Lock order: a list mutex of `osip_t`, then
//! the registry, then a fifo mutex or a `watch` shard.
//!
//! Fields applications write directly (`tr->state`, timer starts with a
//! plain store) are re-read when the transaction is stepped, when its timer
//! looks due, and by a rolling check of [`SWEEP`] transactions per list on
//! every timer call, so with up to that many transactions per list every such
//! write is seen by the next `osip_timers_*` call, exactly as libosip2 does.
//! Writes through `osip_gettimeofday`/`add_gettimeofday` are seen at once.

pub(crate) mod index;
mod publist;
pub mod stats;
pub(crate) mod watch;

use crate::abi::{osip_fifo_t, osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::core::schedule::{self, Starts, Timer};
use crate::core::timeval::Tv;
use crate::ffi::time::load_tv;
use crate::parser::osip_list_t;
use crate::parser::util::{cstr, via_branch};
use index::{AddrMap, Keys, ListIndex, Seq};
use publist::Place;
use std::collections::hash_map::{Entry as MapEntry, RandomState};
use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};
use watch::Owner;

/// Transactions per list whose fields every timer call re-reads.
pub(crate) const SWEEP: usize = 32;

pub(crate) struct Engine {
    osip: usize,
    reg: Mutex<Registry>,
    /// Keyed hashing of branches and Call-IDs: a peer cannot choose values
    /// that all land in one bucket.
    hasher: RandomState,
}

#[derive(Default)]
struct Registry {
    lists: [ListIndex; 4],
    /// Last node of each public list (0 when empty).
    tails: [usize; 4],
    trs: AddrMap<Entry>,
    next_serial: u64,
}

struct Entry {
    /// The list it was added to.
    kind: Kind,
    /// Distinguishes this transaction from a later one at the same address.
    serial: u64,
    seq: Seq,
    listed: bool,
    place: Place,
    keys: Keys,
    deadline: Option<Tv>,
    /// Addresses registered in `watch` for it.
    watched: [usize; 3],
}

/// The public list and list mutex of `kind` in `osip`.
///
/// # Safety
/// `osip` is a valid instance.
pub(crate) unsafe fn public_list(
    osip: *mut osip_t,
    kind: Kind,
) -> (*mut osip_list_t, *mut crate::abi::osip_mutex) {
    // SAFETY: per the contract.
    let o = unsafe { &mut *osip };
    let (l, m) = match kind {
        Kind::Ict => (&mut o.osip_ict_transactions, o.ict_fastmutex),
        Kind::Ist => (&mut o.osip_ist_transactions, o.ist_fastmutex),
        Kind::Nict => (&mut o.osip_nict_transactions, o.nict_fastmutex),
        Kind::Nist => (&mut o.osip_nist_transactions, o.nist_fastmutex),
    };
    (l as *mut osip_list_t, m as *mut crate::abi::osip_mutex)
}

/// The engine of an instance made by `osip_init`.
///
/// # Safety
/// `osip` is NULL or a valid instance.
pub(crate) unsafe fn of(osip: *const osip_t) -> Option<&'static Engine> {
    if osip.is_null() {
        return None;
    }
    // SAFETY: `osip_ict_hastable` is NULL or the engine `attach` leaked.
    unsafe { ((*osip).osip_ict_hastable as *const Engine).as_ref() }
}

fn engine_at(addr: usize) -> &'static Engine {
    // SAFETY: `watch` only holds addresses of live engines (`detach` removes
    // them before freeing one).
    unsafe { &*(addr as *const Engine) }
}

/// Creates the engine of a new `osip_t` (from `osip_init`).
///
/// # Safety
/// `osip` is a valid, freshly initialised instance.
pub(crate) unsafe fn attach(osip: *mut osip_t) {
    let e = Box::new(Engine {
        osip: osip as usize,
        reg: Mutex::default(),
        hasher: RandomState::new(),
    });
    // SAFETY: per the contract.
    unsafe { (*osip).osip_ict_hastable = Box::into_raw(e) as *mut libc::c_void };
}

/// Drops the engine of an `osip_t` being released (from `osip_release`).
/// Transactions still registered are left to the application, as libosip2
/// leaves them.
///
/// # Safety
/// `osip` is a valid instance; no other thread uses it any more.
pub(crate) unsafe fn detach(osip: *mut osip_t) {
    // SAFETY: per the contract; the pointer came from `attach`.
    let e = unsafe {
        let p = (*osip).osip_ict_hastable as *mut Engine;
        (*osip).osip_ict_hastable = std::ptr::null_mut();
        if p.is_null() {
            return;
        }
        Box::from_raw(p)
    };
    let reg = e.lock();
    let me = &*e as *const Engine as usize;
    for (tr, entry) in reg.trs.iter() {
        for addr in entry.watched {
            watch::remove(
                addr,
                Owner {
                    engine: me,
                    tr: *tr,
                },
            );
        }
    }
}

impl Engine {
    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.reg.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn hash(&self, bytes: &[u8]) -> u64 {
        self.hasher.hash_one(bytes)
    }

    fn addr(&self) -> usize {
        self as *const Engine as usize
    }

    /// The keys a transaction is filed under.
    ///
    /// # Safety
    /// `tr` is a valid transaction.
    unsafe fn keys_of(&self, tr: *const osip_transaction_t, kind: Kind) -> Keys {
        // SAFETY: per the contract; the header pointers are NULL or valid.
        unsafe {
            let t = &*tr;
            let branch = via_branch(t.topvia)
                .and_then(|v| cstr(v))
                .map(|v| self.hash(v.to_bytes()));
            let oddball = kind.is_client() && branch.is_none();
            let callid = if kind.is_client() || t.callid.is_null() {
                None
            } else {
                cstr((*t.callid).number).map(|n| self.hash(n.to_bytes()))
            };
            Keys {
                branch,
                callid,
                id: t.transactionid,
                oddball,
            }
        }
    }

    /// Hash of a message's top Via branch value, for looking up candidates.
    pub(crate) fn branch_key(&self, branch: Option<&[u8]>) -> Option<u64> {
        branch.map(|b| self.hash(b))
    }

    /// Hash of a Call-ID number, for looking up candidates.
    pub(crate) fn callid_key(&self, number: Option<&[u8]>) -> Option<u64> {
        number.map(|n| self.hash(n))
    }

    /// Appends `tr` to the public list of `kind` and files it. Call with the
    /// list's mutex held. Adding a transaction that is already listed does
    /// nothing.
    ///
    /// # Safety
    /// `tr` is a valid transaction that outlives its registration.
    pub(crate) unsafe fn add(&self, kind: Kind, tr: *mut osip_transaction_t) -> libc::c_int {
        let mut reg = self.lock();
        let key = tr as usize;
        if reg.trs.get(&key).is_some_and(|e| e.listed) {
            return 0;
        }
        // SAFETY: the engine's instance is valid while the engine exists.
        let (list, _) = unsafe { public_list(self.osip as *mut osip_t, kind) };
        // SAFETY: `list` is the instance's list and the tail is ours.
        let place = match unsafe {
            publist::append(list, reg.tails[kind.index()], tr as *mut libc::c_void)
        } {
            Some(p) => p,
            None => {
                // SAFETY: as above.
                unsafe { self.resync(&mut reg, kind) };
                // SAFETY: as above; the tail is fresh.
                match unsafe {
                    publist::append(list, reg.tails[kind.index()], tr as *mut libc::c_void)
                } {
                    Some(p) => p,
                    None => return crate::abi::codes::OSIP_NOMEM,
                }
            }
        };
        reg.tails[kind.index()] = place.node;
        // SAFETY: `tr` is valid per the contract.
        let keys = unsafe { self.keys_of(tr, kind) };
        let seq = reg.lists[kind.index()].push(key, &keys);
        let reg = &mut *reg;
        match reg.trs.entry(key) {
            // Listed again after a removal: same registration, new place.
            MapEntry::Occupied(o) => {
                let e = o.into_mut();
                (e.kind, e.seq, e.listed, e.place, e.keys) = (kind, seq, true, place, keys);
            }
            MapEntry::Vacant(v) => {
                let owner = Owner {
                    engine: self.addr(),
                    tr: key,
                };
                // SAFETY: `tr` is valid per the contract.
                let watched = unsafe { watched_addresses(tr, kind) };
                for a in watched {
                    watch::insert(a, owner);
                }
                v.insert(Entry {
                    kind,
                    serial: reg.next_serial,
                    seq,
                    listed: true,
                    place,
                    keys,
                    deadline: None,
                    watched,
                });
                reg.next_serial += 1;
            }
        }
        // SAFETY: `tr` is valid per the contract.
        unsafe {
            refresh(reg, key);
            if fifo_len((*tr).transactionff) > 0 {
                reg.lists[kind.index()].mark_ready(seq);
            }
        }
        0
    }

    /// Unlinks from the list of `kind` the first transaction with `tr`'s id
    /// (`tr` itself if several share it). Call with the list's mutex held.
    /// 0 if one was removed, -1 otherwise.
    ///
    /// # Safety
    /// `tr` is a valid transaction.
    pub(crate) unsafe fn remove(&self, kind: Kind, tr: *mut osip_transaction_t) -> libc::c_int {
        let mut reg = self.lock();
        // SAFETY: per the contract.
        let id = unsafe { (*tr).transactionid };
        let list = &reg.lists[kind.index()];
        let seqs = list.with_id(id);
        let victim = seqs
            .iter()
            .filter_map(|s| list.handle(*s))
            .find(|h| *h == tr as usize)
            .or_else(|| seqs.first().and_then(|s| list.handle(*s)));
        match victim {
            Some(h) => {
                // SAFETY: listed transactions are valid.
                unsafe { self.unlist(&mut reg, h) };
                0
            }
            None => -1,
        }
    }

    /// Takes a transaction out of its public list and the indexes.
    ///
    /// # Safety
    /// The transaction is registered and valid.
    unsafe fn unlist(&self, reg: &mut Registry, key: usize) {
        let Some(e) = reg.trs.get(&key) else { return };
        if !e.listed {
            return;
        }
        let kind = e.kind;
        // SAFETY: the engine's instance is valid while the engine exists.
        let (list, _) = unsafe { public_list(self.osip as *mut osip_t, kind) };
        // SAFETY: the recorded place is checked before it is trusted.
        if !unsafe { publist::holds(list, e.place, key as *mut libc::c_void) } {
            // SAFETY: `list` is the instance's valid list.
            unsafe { self.resync(reg, kind) };
        }
        let Some(e) = reg.trs.get_mut(&key) else {
            return;
        };
        if !e.listed {
            return;
        }
        let place = e.place;
        let (seq, keys, deadline) = (e.seq, e.keys, e.deadline);
        e.listed = false;
        e.deadline = None;
        // SAFETY: `holds` is true (checked, or re-read by `resync`).
        let next = unsafe { publist::unlink(list, place) };
        if reg.tails[kind.index()] == place.node {
            reg.tails[kind.index()] = place.prev;
        }
        if next != 0 {
            // SAFETY: `next` is a live node of the list.
            let after = unsafe { publist::element(next) } as usize;
            if let Some(n) = reg.trs.get_mut(&after) {
                if n.place.node == next {
                    n.place.prev = place.prev;
                }
            }
        }
        reg.lists[kind.index()].remove(seq, &keys, deadline);
    }

    /// Re-reads a public list that was edited behind our back: recorded
    /// places are refreshed, transactions no longer in it are unlisted.
    ///
    /// # Safety
    /// The instance and its list are valid.
    unsafe fn resync(&self, reg: &mut Registry, kind: Kind) {
        // SAFETY: per the contract.
        let (elements, last) =
            unsafe { publist::read_all(public_list(self.osip as *mut osip_t, kind).0) };
        let mut seen = std::collections::HashSet::new();
        for (el, place) in elements {
            if let Some(e) = reg.trs.get_mut(&(el as usize)) {
                if e.kind == kind && e.listed {
                    e.place = place;
                    seen.insert(el as usize);
                }
            }
        }
        let gone: Vec<usize> = reg
            .trs
            .iter()
            .filter(|(k, e)| e.kind == kind && e.listed && !seen.contains(*k))
            .map(|(k, _)| *k)
            .collect();
        for k in gone {
            let e = reg.trs.get_mut(&k).expect("collected above");
            e.listed = false;
            let (seq, keys, deadline) = (e.seq, e.keys, e.deadline.take());
            reg.lists[kind.index()].remove(seq, &keys, deadline);
        }
        reg.tails[kind.index()] = last;
    }

    /// The first `n` listed transactions of `kind`.
    pub(crate) fn leading(&self, kind: Kind, n: usize) -> Vec<*mut osip_transaction_t> {
        let reg = self.lock();
        reg.lists[kind.index()]
            .leading(n)
            .into_iter()
            .map(|h| h as _)
            .collect()
    }

    /// The listed transactions a lookup with these keys must look at, in
    /// list order (with the branchless client transactions for responses).
    pub(crate) fn candidates(
        &self,
        kind: Kind,
        branch: Option<u64>,
        callid: Option<u64>,
        oddballs: bool,
    ) -> Vec<*mut osip_transaction_t> {
        let reg = self.lock();
        let list = &reg.lists[kind.index()];
        list.candidates(branch, callid, oddballs)
            .into_iter()
            .filter_map(|s| list.handle(s))
            .map(|h| h as _)
            .collect()
    }

    /// The first listed transaction with this id.
    pub(crate) fn with_id(&self, kind: Kind, id: i32) -> Option<*mut osip_transaction_t> {
        let reg = self.lock();
        let list = &reg.lists[kind.index()];
        list.with_id(id)
            .first()
            .and_then(|s| list.handle(*s))
            .map(|h| h as _)
    }

    /// Starts an `osip_*_execute` walk; returns its limit.
    pub(crate) fn begin_walk(&self, kind: Kind) -> Seq {
        self.lock().lists[kind.index()].begin_walk()
    }

    /// The next transaction of a walk that may have events, with its serial.
    pub(crate) fn next_ready(
        &self,
        kind: Kind,
        from: Seq,
        limit: Seq,
    ) -> Option<(Seq, *mut osip_transaction_t, u64)> {
        let mut reg = self.lock();
        let (seq, h) = reg.lists[kind.index()].next_ready(from, limit)?;
        let serial = reg.trs.get(&h)?.serial;
        Some((seq, h as _, serial))
    }

    pub(crate) fn end_walk(&self, kind: Kind) {
        self.lock().lists[kind.index()].end_walk();
    }

    /// Whether the transaction registered with `serial` still exists.
    pub(crate) fn is_live(&self, tr: *mut osip_transaction_t, serial: u64) -> bool {
        self.lock()
            .trs
            .get(&(tr as usize))
            .is_some_and(|e| e.serial == serial)
    }

    /// The timeouts `osip_timers_*_execute` must queue now: the first due
    /// timer of each listed transaction whose deadline has come, except ICT
    /// transactions that still have queued events (libosip2 skips those).
    /// Call with the list's mutex held.
    pub(crate) fn due_timers(&self, kind: Kind, now: Tv) -> Vec<(*mut osip_transaction_t, Timer)> {
        let mut reg = self.lock();
        let reg = &mut *reg;
        let list = &mut reg.lists[kind.index()];
        let mut batch: Vec<(Seq, usize)> = list
            .due(now)
            .into_iter()
            .filter_map(|(_, s)| Some((s, list.handle(s)?)))
            .collect();
        batch.extend(list.sweep(SWEEP));
        batch.sort_unstable();
        batch.dedup();
        stats::bump(&stats::TIMER_READS, batch.len());
        let mut out = Vec::new();
        for (_, h) in batch {
            // SAFETY: listed transactions are valid.
            let Some((state, starts)) = (unsafe { refresh(reg, h) }) else {
                continue;
            };
            let Some(timer) = schedule::due(kind, state, &starts, now) else {
                continue;
            };
            let tr = h as *mut osip_transaction_t;
            // SAFETY: listed transactions are valid.
            if kind == Kind::Ict && unsafe { fifo_len((*tr).transactionff) } > 0 {
                continue;
            }
            out.push((tr, timer));
        }
        out
    }

    /// The earliest armed deadline of the timers that can fire in the
    /// transactions' current states; Err(()) when an ICT transaction has
    /// queued events (`osip_timers_gettimeout` then answers "now"). Call with
    /// the list's mutex held.
    pub(crate) fn earliest(&self, kind: Kind) -> Result<Option<Tv>, ()> {
        let mut reg = self.lock();
        let reg = &mut *reg;
        if kind == Kind::Ict {
            let ready: Vec<Seq> = reg.lists[0].ready().collect();
            stats::bump(&stats::TIMER_READS, ready.len());
            for seq in ready {
                let Some(h) = reg.lists[0].handle(seq) else {
                    continue;
                };
                // SAFETY: listed transactions are valid.
                if unsafe { fifo_len((*(h as *mut osip_transaction_t)).transactionff) } > 0 {
                    return Err(());
                }
                reg.lists[0].unready(seq);
            }
        }
        // A small list is re-read whole, as libosip2 walks it, so a plain
        // store into a timer field is reported at once. A large one is left
        // to the rolling sweep of `osip_timers_*_execute`, keeping this call
        // (made on every turn of an application's loop) flat.
        if reg.lists[kind.index()].len() <= SWEEP {
            let batch = reg.lists[kind.index()].sweep(SWEEP);
            stats::bump(&stats::TIMER_READS, batch.len());
            for (_, h) in batch {
                // SAFETY: listed transactions are valid.
                unsafe { refresh(reg, h) };
            }
        }
        loop {
            let Some((t, seq)) = reg.lists[kind.index()].earliest() else {
                return Ok(None);
            };
            let Some(h) = reg.lists[kind.index()].handle(seq) else {
                return Ok(Some(t));
            };
            stats::bump(&stats::TIMER_READS, 1);
            // SAFETY: listed transactions are valid.
            unsafe { refresh(reg, h) };
            if reg.lists[kind.index()].earliest() == Some((t, seq)) {
                return Ok(Some(t));
            }
        }
    }
}

/// Re-reads a registered transaction's state and timers and re-files its
/// deadline. Returns what it read (None for unlisted transactions or a
/// missing context).
///
/// # Safety
/// `key` is a registered, valid transaction.
unsafe fn refresh(reg: &mut Registry, key: usize) -> Option<(i32, Starts)> {
    let e = reg.trs.get_mut(&key)?;
    if !e.listed {
        return None;
    }
    // SAFETY: per the contract.
    let read = unsafe { read_timers(key as *const osip_transaction_t, e.kind) };
    let new = read.and_then(|(state, starts)| schedule::next_deadline(e.kind, state, &starts));
    reg.lists[e.kind.index()].set_deadline(e.seq, e.deadline, new);
    e.deadline = new;
    read
}

/// State and the timer start fields of the context of `kind`.
///
/// # Safety
/// `tr` is a valid transaction whose context pointers are NULL or valid.
unsafe fn read_timers(tr: *const osip_transaction_t, kind: Kind) -> Option<(i32, Starts)> {
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

/// The addresses through which the application reaches a transaction: the
/// transaction itself, its fifo and the context holding its timers (one
/// entry for all its timer fields: see [`timer_written`]).
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn watched_addresses(tr: *mut osip_transaction_t, kind: Kind) -> [usize; 3] {
    // SAFETY: per the contract.
    let t = unsafe { &*tr };
    let context = match kind {
        Kind::Ict => t.ict_context as usize,
        Kind::Ist => t.ist_context as usize,
        Kind::Nict => t.nict_context as usize,
        Kind::Nist => t.nist_context as usize,
    };
    [tr as usize, t.transactionff as usize, context]
}

/// Offsets of the timer start fields in every context (`timer_a_start`,
/// `timer_b_start`, `timer_d_start` in the ICT one and likewise; the NIST
/// context only has the first).
const TIMER_START_OFFSETS: [usize; 3] = [
    std::mem::offset_of!(crate::abi::osip_ict_t, timer_a_start),
    std::mem::offset_of!(crate::abi::osip_ict_t, timer_b_start),
    std::mem::offset_of!(crate::abi::osip_ict_t, timer_d_start),
];
const _: () = {
    use crate::abi::{osip_ist_t, osip_nict_t, osip_nist_t};
    use std::mem::offset_of;
    assert!(offset_of!(osip_nict_t, timer_e_start) == TIMER_START_OFFSETS[0]);
    assert!(offset_of!(osip_nict_t, timer_f_start) == TIMER_START_OFFSETS[1]);
    assert!(offset_of!(osip_nict_t, timer_k_start) == TIMER_START_OFFSETS[2]);
    assert!(offset_of!(osip_ist_t, timer_g_start) == TIMER_START_OFFSETS[0]);
    assert!(offset_of!(osip_ist_t, timer_h_start) == TIMER_START_OFFSETS[1]);
    assert!(offset_of!(osip_ist_t, timer_i_start) == TIMER_START_OFFSETS[2]);
    assert!(offset_of!(osip_nist_t, timer_j_start) == TIMER_START_OFFSETS[0]);
};

/// Number of queued events.
///
/// # Safety
/// `ff` is NULL or an initialised fifo.
unsafe fn fifo_len(ff: *mut osip_fifo_t) -> i32 {
    if ff.is_null() {
        return 0;
    }
    // SAFETY: per the contract.
    unsafe { crate::ffi::fifo::osip_fifo_size(ff) }
}

/// What `step_begin` remembers about a transaction.
pub(crate) struct Step {
    engine: &'static Engine,
    tr: usize,
    serial: u64,
}

/// See the module documentation.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn step_begin(tr: *mut osip_transaction_t) -> Option<Step> {
    let owner = watch::get(tr as usize)?;
    let engine = engine_at(owner.engine);
    let serial = engine.lock().trs.get(&owner.tr)?.serial;
    Some(Step {
        engine,
        tr: owner.tr,
        serial,
    })
}

/// See the module documentation.
///
/// # Safety
/// `step` comes from `step_begin`; the transaction may have been freed since.
pub(crate) unsafe fn step_end(step: Option<Step>) {
    let Some(s) = step else { return };
    let mut reg = s.engine.lock();
    if reg.trs.get(&s.tr).is_some_and(|e| e.serial == s.serial) {
        // SAFETY: still registered with the same serial: not freed.
        unsafe { refresh(&mut reg, s.tr) };
    }
}

/// The live instance `tr` is registered with: None once that instance was
/// released (its transactions are left to the application) or if `tr` was
/// never listed.
pub(crate) fn instance_of(tr: *mut osip_transaction_t) -> Option<*mut osip_t> {
    watch::get(tr as usize).map(|o| engine_at(o.engine).osip as *mut osip_t)
}

/// See the module documentation.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn forget(tr: *mut osip_transaction_t) {
    let Some(owner) = watch::get(tr as usize) else {
        return;
    };
    let engine = engine_at(owner.engine);
    let mut reg = engine.lock();
    // SAFETY: registered transactions are valid until this call returns.
    unsafe { engine.unlist(&mut reg, owner.tr) };
    if let Some(e) = reg.trs.remove(&owner.tr) {
        reg.lists[e.kind.index()].bury(e.seq);
        for a in e.watched {
            watch::remove(a, owner);
        }
    }
}

/// Called by `osip_fifo_add` / `osip_fifo_insert` after an element was
/// queued, so that `osip_*_execute` visits the transaction owning `ff`.
pub(crate) fn fifo_filled(ff: *mut osip_fifo_t) {
    let Some(owner) = watch::get(ff as usize) else {
        return;
    };
    let mut reg = engine_at(owner.engine).lock();
    if let Some(e) = reg.trs.get(&owner.tr) {
        let (kind, seq) = (e.kind, e.seq);
        reg.lists[kind.index()].mark_ready(seq);
    }
}

/// Called when `osip_gettimeofday` or `add_gettimeofday` wrote `tp`: if it is
/// a transaction's timer, re-file that transaction's deadline.
pub(crate) fn timer_written(tp: *mut libc::timeval) {
    for off in TIMER_START_OFFSETS {
        let Some(context) = (tp as usize).checked_sub(off) else {
            continue;
        };
        let Some(owner) = watch::get(context) else {
            continue;
        };
        let mut reg = engine_at(owner.engine).lock();
        // Only a context address counts (not the transaction's or fifo's).
        if reg
            .trs
            .get(&owner.tr)
            .is_some_and(|e| e.watched[2] == context)
        {
            // SAFETY: registered transactions are valid.
            unsafe { refresh(&mut reg, owner.tr) };
            return;
        }
    }
}
