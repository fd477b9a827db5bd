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
//! the list of live engines (read), then a registry, then a fifo mutex or a
//! `watch` shard.
//!
//! Fields applications write directly (`tr->state`, timer starts with a
//! plain store) are re-read when the transaction is stepped, when its timer
//! looks due, and by a rolling check of [`SWEEP`] transactions per list on
//! every timer call, so with up to that many transactions per list every such
//! write is seen by the next `osip_timers_*` call, exactly as libosip2 does.
//! Writes through `osip_gettimeofday`/`add_gettimeofday` are seen at once.

pub(crate) mod index;
mod publist;
mod slab;
pub mod stats;
mod table;
pub(crate) mod watch;

use crate::abi::{osip_fifo_t, osip_t, osip_transaction_t};
use crate::core::kind::Kind;
use crate::core::matching::has_magic_cookie;
use crate::core::schedule::{self, Starts, Timer};
use crate::core::timeval::Tv;
use crate::ffi::time::load_tv;
use crate::parser::util::{cstr, param};
use crate::parser::{osip_generic_param_t, osip_list_t};
use index::{hash_key, AddrMap, Hints, Keys, Lead, Leads, ListIndex, Lookup, Record, Seq};
use publist::Place;
use slab::Slot;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::num::NonZeroU64;
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard};
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
    lists: [ListIndex<Extra>; 4],
    /// Last node of each public list (0 when empty).
    tails: [usize; 4],
    /// Where each registered transaction's record is: the list it was last
    /// added to, and its slot there.
    trs: AddrMap<(Kind, Slot)>,
    next_serial: u64,
}

/// What the engine keeps in a transaction's record besides the index.
struct Extra {
    /// Distinguishes this transaction from a later one at the same address.
    serial: u64,
    place: Place,
    /// Addresses registered in `watch` for it.
    watched: [usize; 2],
}

impl Registry {
    fn locate(&self, tr: usize) -> Option<(Kind, Slot)> {
        self.trs.get(&tr).copied()
    }

    fn record(&self, tr: usize) -> Option<&Record<Extra>> {
        let (kind, slot) = self.locate(tr)?;
        self.lists[kind.index()].record(slot)
    }
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
    // SAFETY: `watch` and `ENGINES` only hold addresses of live engines
    // (`detach` removes them before freeing one).
    unsafe { &*(addr as *const Engine) }
}

/// Live engines, by the address of their instance.
static ENGINES: RwLock<Vec<(usize, usize)>> = RwLock::new(Vec::new());

fn engines() -> RwLockReadGuard<'static, Vec<(usize, usize)>> {
    ENGINES.read().unwrap_or_else(|e| e.into_inner())
}

/// Holds the list of live engines, each engine's registry and the watch
/// map across a fork, in the lock order (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    let engines = ENGINES.write().unwrap_or_else(|e| e.into_inner());
    let live: Vec<usize> = engines.iter().map(|(_, e)| *e).collect();
    held.push(Box::new(engines));
    for e in live {
        held.push(Box::new(engine_at(e).lock()));
    }
    watch::hold_for_fork(held);
}

/// The engine a transaction is registered with, locked. Found through the
/// transaction's `config` (its instance), checked against the live engines
/// and that engine's registry; should `config` have been changed, every
/// live engine is asked.
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn registered(
    tr: *mut osip_transaction_t,
) -> Option<(&'static Engine, MutexGuard<'static, Registry>)> {
    // SAFETY: per the contract.
    let config = unsafe { (*tr).config } as usize;
    let engines = engines();
    let has = |e: &'static Engine| {
        let reg = e.lock();
        reg.trs.contains_key(&(tr as usize)).then_some((e, reg))
    };
    let own = engines.iter().find(|(osip, _)| *osip == config);
    own.and_then(|(_, e)| has(engine_at(*e))).or_else(|| {
        engines
            .iter()
            .filter(|(osip, _)| *osip != config)
            .find_map(|(_, e)| has(engine_at(*e)))
    })
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
    let e = Box::into_raw(e);
    ENGINES
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .push((osip as usize, e as usize));
    // SAFETY: per the contract.
    unsafe { (*osip).osip_ict_hastable = e as *mut libc::c_void };
    crate::pool::instance_created();
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
    let me = &*e as *const Engine as usize;
    {
        let mut engines = ENGINES.write().unwrap_or_else(|e| e.into_inner());
        engines.retain(|(_, e)| *e != me);
        if engines.is_empty() {
            // Nothing process-wide outlives the last instance.
            *engines = Vec::new();
        }
    }
    let reg = e.lock();
    for list in &reg.lists {
        for (_, r) in list.records() {
            for addr in r.extra.watched {
                watch::remove(
                    addr,
                    Owner {
                        engine: me,
                        tr: r.handle,
                    },
                );
            }
        }
    }
    drop(reg);
    crate::pool::instance_released();
}

impl Engine {
    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.reg.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn hash(&self, bytes: &[u8]) -> NonZeroU64 {
        hash_key(self.hasher.hash_one(bytes))
    }

    fn addr(&self) -> usize {
        self as *const Engine as usize
    }

    /// The keys a transaction is filed under, and where the headers the
    /// matchers read through are (its top Via, CSeq and Via branch
    /// parameter), for its [`index::Lead`]: see [`warm`].
    ///
    /// # Safety
    /// `tr` is a valid transaction.
    unsafe fn filing(&self, tr: *const osip_transaction_t, kind: Kind) -> (Keys, Hints) {
        // SAFETY: per the contract; the header pointers are NULL or valid.
        unsafe {
            let t = &*tr;
            let param = if t.topvia.is_null() {
                None
            } else {
                param(&(*t.topvia).via_params, c"branch")
            };
            let value = param.and_then(|p| cstr((*p).gvalue));
            let branch = value.map(|v| self.hash(v.to_bytes()));
            let plain = value.is_some_and(|v| !has_magic_cookie(v.to_bytes()));
            let oddball = kind.is_client() && branch.is_none();
            let callid = if kind.is_client() || t.callid.is_null() {
                None
            } else {
                cstr((*t.callid).number).map(|n| self.hash(n.to_bytes()))
            };
            let keys = Keys {
                branch,
                plain,
                callid,
                id: t.transactionid,
                oddball,
            };
            // The transaction itself may be far from its headers (see
            // `crate::pool`): the hints start from the Via.
            let hints = Hints::new(t.topvia as usize, match_reads(t, param));
            (keys, hints)
        }
    }

    /// Appends `tr` to the public list of `kind` and files it. Call with the
    /// list's mutex held. Adding a transaction that is already listed does
    /// nothing.
    ///
    /// # Safety
    /// `tr` is a valid transaction that outlives its registration.
    pub(crate) unsafe fn add(&self, kind: Kind, tr: *mut osip_transaction_t) -> libc::c_int {
        #[cfg(feature = "fault-injection")]
        crate::boundary::inject("engine-add");
        // SAFETY: `tr` is valid per the contract.
        let (keys, hints) = unsafe { self.filing(tr, kind) };
        let mut reg = self.lock();
        let key = tr as usize;
        reg.trs.prefetch(key);
        reg.lists[kind.index()].prefetch(&keys);
        // SAFETY: `tr` is valid per the contract.
        let watched = unsafe { watched_addresses(tr, kind) };
        for a in watched {
            watch::prefetch(a);
        }
        let found = reg.locate(key);
        if let Some((k, s)) = found {
            if reg.lists[k.index()].is_listed(s) {
                return 0;
            }
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
        let reg = &mut *reg;
        let slot = match found {
            // Listed again after a removal: same registration, new place.
            Some((k, s)) if k == kind => s,
            // Listed again in another list: the record moves there.
            Some((k, s)) => {
                let Some(old) = reg.lists[k.index()].release(s) else {
                    return crate::abi::codes::OSIP_UNDEFINED_ERROR;
                };
                let s = reg.lists[kind.index()].register(key, old.extra);
                reg.trs.insert(key, (kind, s));
                s
            }
            None => {
                let owner = Owner {
                    engine: self.addr(),
                    tr: key,
                };
                for a in watched {
                    watch::insert(a, owner);
                }
                let extra = Extra {
                    serial: reg.next_serial,
                    place,
                    watched,
                };
                reg.next_serial += 1;
                let s = reg.lists[kind.index()].register(key, extra);
                reg.trs.insert(key, (kind, s));
                s
            }
        };
        let index = &mut reg.lists[kind.index()];
        if let Some(x) = index.extra_mut(slot) {
            x.place = place;
        }
        index.push(slot, keys, hints);
        // SAFETY: `tr` is valid per the contract.
        unsafe {
            refresh(reg, kind, slot);
            if fifo_len((*tr).transactionff) > 0 {
                reg.lists[kind.index()].mark_ready(slot);
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
        let same_id = reg.lists[kind.index()].with_id(id);
        let victim = same_id
            .iter()
            .find(|(_, h)| *h == tr as usize)
            .or(same_id.first());
        match victim {
            Some((_, h)) => {
                // SAFETY: listed transactions are valid.
                unsafe { self.unlist(&mut reg, *h) };
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
        let Some((kind, slot)) = reg.locate(key) else {
            return;
        };
        let place_of = |reg: &Registry| {
            reg.lists[kind.index()]
                .record(slot)
                .filter(|_| reg.lists[kind.index()].is_listed(slot))
                .map(|r| r.extra.place)
        };
        let Some(place) = place_of(reg) else { return };
        // SAFETY: the engine's instance is valid while the engine exists.
        let (list, _) = unsafe { public_list(self.osip as *mut osip_t, kind) };
        // SAFETY: the recorded place is checked before it is trusted.
        if !unsafe { publist::holds(list, place, key as *mut libc::c_void) } {
            // SAFETY: `list` is the instance's valid list.
            unsafe { self.resync(reg, kind) };
        }
        let Some(place) = place_of(reg) else { return };
        // SAFETY: `holds` is true (checked, or re-read by `resync`).
        let next = unsafe { publist::unlink(list, place) };
        if reg.tails[kind.index()] == place.node {
            reg.tails[kind.index()] = place.prev;
        }
        if next != 0 {
            // SAFETY: `next` is a live node of the list.
            let after = unsafe { publist::element(next) } as usize;
            if let Some((k, s)) = reg.locate(after) {
                if let Some(x) = reg.lists[k.index()].extra_mut(s) {
                    if x.place.node == next {
                        x.place.prev = place.prev;
                    }
                }
            }
        }
        reg.lists[kind.index()].remove(slot);
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
            if let Some((k, s)) = reg.locate(el as usize) {
                let index = &mut reg.lists[k.index()];
                if k == kind && index.is_listed(s) {
                    if let Some(x) = index.extra_mut(s) {
                        x.place = place;
                    }
                    seen.insert(s);
                }
            }
        }
        let index = &mut reg.lists[kind.index()];
        let gone: Vec<Slot> = index
            .members()
            .map(|(s, _)| s)
            .filter(|s| !seen.contains(s))
            .collect();
        for s in gone {
            index.remove(s);
        }
        reg.tails[kind.index()] = last;
    }

    /// The first `n` listed transactions of `kind`.
    pub(crate) fn leading(&self, kind: Kind, n: usize) -> Vec<*mut osip_transaction_t> {
        let reg = self.lock();
        let handles = reg.lists[kind.index()].leading(n);
        handles.into_iter().map(|h| h as _).collect()
    }

    /// The listed transactions of `kind` an incoming message must be
    /// matched against, in list order, with what the matchers will read of
    /// them already on its way to the cache. The lookup knows the message's
    /// top Via branch value, its Call-ID number (requests; hashed only if
    /// RFC 2543 matching may need it), and whether to include the
    /// branchless client transactions (responses).
    pub(crate) fn candidates(
        &self,
        kind: Kind,
        branch: Option<&[u8]>,
        callid: Option<&[u8]>,
        oddballs: bool,
    ) -> Leads {
        let reg = self.lock();
        let index = &reg.lists[kind.index()];
        let magic = branch.is_some_and(has_magic_cookie);
        let found = index.candidates(Lookup {
            branch: branch.map(|b| self.hash(b)),
            magic,
            callid: callid
                .filter(|_| index.needs_callid(magic))
                .map(|n| self.hash(n)),
            oddballs,
        });
        for lead in found.iter().take(WARM) {
            warm(lead);
        }
        found
    }

    /// The first listed transaction with this id.
    pub(crate) fn with_id(&self, kind: Kind, id: i32) -> Option<*mut osip_transaction_t> {
        let reg = self.lock();
        let first = reg.lists[kind.index()].with_id(id).first().copied();
        first.map(|(_, h)| h as _)
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
        let index = &mut reg.lists[kind.index()];
        let (seq, slot, h) = index.next_ready(from, limit)?;
        let serial = index.record(slot)?.extra.serial;
        Some((seq, h as _, serial))
    }

    pub(crate) fn end_walk(&self, kind: Kind) {
        self.lock().lists[kind.index()].end_walk();
    }

    /// Whether the transaction registered with `serial` still exists.
    pub(crate) fn is_live(&self, tr: *mut osip_transaction_t, serial: u64) -> bool {
        self.lock()
            .record(tr as usize)
            .is_some_and(|r| r.extra.serial == serial)
    }

    /// The timeouts `osip_timers_*_execute` must queue now: the first due
    /// timer of each listed transaction whose deadline has come, except ICT
    /// transactions that still have queued events (libosip2 skips those).
    /// Call with the list's mutex held.
    pub(crate) fn due_timers(&self, kind: Kind, now: Tv) -> Vec<(*mut osip_transaction_t, Timer)> {
        let mut reg = self.lock();
        let reg = &mut *reg;
        let index = &mut reg.lists[kind.index()];
        let mut batch = index.due(now);
        batch.extend(index.sweep(SWEEP));
        batch.sort_unstable();
        batch.dedup();
        stats::bump(&stats::TIMER_READS, batch.len());
        let mut out = Vec::new();
        for (_, slot) in batch {
            // SAFETY: listed transactions are valid.
            let Some((tr, state, starts)) = (unsafe { refresh(reg, kind, slot) }) else {
                continue;
            };
            let Some(timer) = schedule::due(kind, state, &starts, now) else {
                continue;
            };
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
            let ready = reg.lists[0].ready();
            stats::bump(&stats::TIMER_READS, ready.len());
            for (seq, slot, h) in ready {
                // SAFETY: listed transactions are valid.
                if unsafe { fifo_len((*(h as *mut osip_transaction_t)).transactionff) } > 0 {
                    return Err(());
                }
                reg.lists[0].unready(seq, slot);
            }
        }
        // A small list is re-read whole, as libosip2 walks it, so a plain
        // store into a timer field is reported at once. A large one is left
        // to the rolling sweep of `osip_timers_*_execute`, keeping this call
        // (made on every turn of an application's loop) flat.
        if reg.lists[kind.index()].len() <= SWEEP {
            let batch = reg.lists[kind.index()].sweep(SWEEP);
            stats::bump(&stats::TIMER_READS, batch.len());
            for (_, slot) in batch {
                // SAFETY: listed transactions are valid.
                unsafe { refresh(reg, kind, slot) };
            }
        }
        loop {
            let Some((t, slot)) = reg.lists[kind.index()].earliest() else {
                return Ok(None);
            };
            stats::bump(&stats::TIMER_READS, 1);
            // SAFETY: listed transactions are valid.
            unsafe { refresh(reg, kind, slot) };
            if reg.lists[kind.index()].earliest() == Some((t, slot)) {
                return Ok(Some(t));
            }
        }
    }
}

/// Re-reads a listed transaction's state and timers and re-files its
/// deadline. Returns the transaction and what it read (None for unlisted
/// transactions or a missing context).
///
/// # Safety
/// Listed transactions are valid.
unsafe fn refresh(
    reg: &mut Registry,
    kind: Kind,
    slot: Slot,
) -> Option<(*mut osip_transaction_t, i32, Starts)> {
    let index = &mut reg.lists[kind.index()];
    if !index.is_listed(slot) {
        return None;
    }
    let tr = index.record(slot)?.handle as *mut osip_transaction_t;
    // SAFETY: per the contract.
    let read = unsafe { read_timers(tr, kind) };
    let new = read.and_then(|(state, starts)| schedule::next_deadline(kind, state, &starts));
    index.set_deadline(slot, new);
    read.map(|(state, starts)| (tr, state, starts))
}

/// [`refresh`] for a registered transaction known by address.
///
/// # Safety
/// Listed transactions are valid.
unsafe fn refresh_tr(reg: &mut Registry, tr: usize) {
    if let Some((kind, slot)) = reg.locate(tr) {
        // SAFETY: per the contract.
        unsafe { refresh(reg, kind, slot) };
    }
}

/// Candidates warmed per lookup: nearly always there is one.
const WARM: usize = 4;

/// Besides the top Via, what the matchers read of a transaction: its CSeq
/// and the CSeq method, the Via's first parameter node, the branch
/// parameter with its name and value, the Via's host and port. Each is a
/// separate small block of the application's heap, most reached through
/// another, so that left to the matchers they cost a chain of cache misses.
///
/// # Safety
/// `t`'s headers are NULL or valid; `param` is the Via's branch parameter.
unsafe fn match_reads(
    t: &osip_transaction_t,
    param: Option<*mut osip_generic_param_t>,
) -> [usize; index::NEAR] {
    // SAFETY: per the contract.
    unsafe {
        let via = t.topvia.as_ref();
        let cseq = t.cseq.as_ref();
        let param = param.and_then(|p| p.as_ref());
        [
            t.cseq as usize,
            cseq.map_or(0, |c| c.method as usize),
            via.map_or(0, |v| v.via_params.head() as usize),
            param.map_or(0, |p| p as *const osip_generic_param_t as usize),
            param.map_or(0, |p| p.gname as usize),
            param.map_or(0, |p| p.gvalue as usize),
            via.map_or(0, |v| v.host as usize),
            via.map_or(0, |v| v.port as usize),
        ]
    }
}

/// Starts loading what the matchers read first of a listed transaction: the
/// lines of the transaction holding its header and context pointers, and
/// the headers [`Engine::filing`] located. With many transactions the one a
/// message belongs to is rarely in the CPU cache, and the matchers would
/// otherwise meet each of these misses one after the other.
fn warm(lead: &Lead) {
    use std::mem::offset_of;
    type T = osip_transaction_t;
    let tr = lead.handle;
    let hints = lead.hints();
    for off in [
        offset_of!(T, topvia),
        offset_of!(T, cseq),
        offset_of!(T, ict_context),
        offset_of!(T, nist_context),
    ] {
        prefetch(tr + off);
    }
    for h in hints.addresses() {
        prefetch(h);
    }
    if hints.at != 0 {
        // The Via's parameter list ends 56 bytes in: it may cross a line.
        prefetch(hints.at + std::mem::size_of::<crate::parser::osip_via_t>() - 1);
    }
}

/// A hint to the CPU to load the cache line holding `addr`.
pub(crate) fn prefetch(addr: usize) {
    if addr == 0 {
        return;
    }
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only loads a cache line; it never faults, whatever
    // the address, and changes nothing the program can observe.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(addr as *const i8);
    }
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

/// The addresses through which the application reaches a transaction
/// without passing it to us: its fifo and the context holding its timers
/// (one entry for all its timer fields: see [`timer_written`]).
///
/// # Safety
/// `tr` is a valid transaction.
unsafe fn watched_addresses(tr: *mut osip_transaction_t, kind: Kind) -> [usize; 2] {
    // SAFETY: per the contract.
    let t = unsafe { &*tr };
    let context = match kind {
        Kind::Ict => t.ict_context as usize,
        Kind::Ist => t.ist_context as usize,
        Kind::Nict => t.nict_context as usize,
        Kind::Nist => t.nist_context as usize,
    };
    [t.transactionff as usize, context]
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
    if tr.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    let (engine, reg) = unsafe { registered(tr) }?;
    let serial = reg.record(tr as usize)?.extra.serial;
    Some(Step {
        engine,
        tr: tr as usize,
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
    if reg.record(s.tr).is_some_and(|r| r.extra.serial == s.serial) {
        // SAFETY: still registered with the same serial: not freed.
        unsafe { refresh_tr(&mut reg, s.tr) };
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
    unsafe { registered(tr) }.map(|(e, _)| e.osip as *mut osip_t)
}

/// See the module documentation.
///
/// # Safety
/// `tr` is NULL or a valid transaction.
pub(crate) unsafe fn forget(tr: *mut osip_transaction_t) {
    if tr.is_null() {
        return;
    }
    // SAFETY: per the contract.
    let Some((engine, mut reg)) = (unsafe { registered(tr) }) else {
        return;
    };
    let owner = Owner {
        engine: engine.addr(),
        tr: tr as usize,
    };
    // SAFETY: registered transactions are valid until this call returns.
    unsafe { engine.unlist(&mut reg, owner.tr) };
    let released = reg
        .trs
        .remove(&owner.tr)
        .and_then(|(kind, slot)| reg.lists[kind.index()].release(slot));
    if let Some(r) = released {
        for a in r.extra.watched {
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
    if let Some((kind, slot)) = reg.locate(owner.tr) {
        reg.lists[kind.index()].mark_ready(slot);
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
            .record(owner.tr)
            .is_some_and(|r| r.extra.watched[1] == context)
        {
            // SAFETY: registered transactions are valid.
            unsafe { refresh_tr(&mut reg, owner.tr) };
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the engine adds to every live transaction is most of its memory
    /// overhead over libosip2 (issue 5 allows a few hundred bytes): keep the
    /// record from growing unnoticed.
    #[test]
    fn a_record_stays_small() {
        assert!(std::mem::size_of::<Option<Record<Extra>>>() <= 120);
        assert_eq!(std::mem::size_of::<(Kind, Slot)>(), 8, "registry value");
    }
}
