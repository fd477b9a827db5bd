//! The transaction engine of one `osip_t`: an index of its four public
//! lists, kept so that matching, executing and timers cost the same with a
//! million transactions as with ten.
//!
//! The public lists are the truth. Applications see
//! `osip->osip_ict_transactions` and its three siblings as plain
//! `osip_list_t`s and may edit them with `osip_list_*`; libosip2 walks them
//! on every operation, so it follows any edit. The engine is a cache of
//! them, checked before every use against the one memory that is certainly
//! alive, the list header inside the `osip_t` ([`Witness`]: the element
//! count, the first node and a stamp our `osip_list_*` functions change on
//! every edit, in the header's padding). If the header is not exactly as
//! the engine left it, the engine re-reads the list from its head (O(n)
//! once, then O(1) again). Only then does it follow nodes it recorded
//! earlier (to append after the last one, to unlink one); otherwise it
//! never dereferences a node it has not reached from the head in the same
//! call.
//!
//! The stamp exists only when the process's `osip_list_*` are ours (our
//! libosipparser2). With another libosipparser2 (Debian's) an edit can keep
//! the count and the first node, so the engine re-reads a list from its head
//! before each use: exact, at the cost libosip2 itself pays.
//!
//! Everything here is safe code over views: the C layer reaches the
//! lists' nodes ([`PublicList`]) and the transactions' fields ([`Mem`]).
//!
//! Locking: the registry has its own mutex, held only for bookkeeping:
//! never while calling application code (callbacks, trace hooks) or fifo
//! functions that come back here. Lock order: a list mutex of `osip_t`,
//! then the list of live engines (read), then a registry, then a `watch`
//! shard.

pub mod check;
mod index;
mod slab;
pub mod stats;
mod table;
pub mod watch;

use crate::kind::Kind;
use crate::matching::has_magic_cookie;
use crate::schedule::{self, Starts, Timer};
use crate::timeval::Tv;
#[cfg(test)]
use index::Record;
use index::{hash_key, Keys, ListIndex, Lookup};
pub use index::{AddrMap, Hints, Lead, Leads, Seq, NEAR};
use osip_abi::osip_transaction_t;
use slab::Slot;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::num::NonZeroU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use watch::Owner;

/// Transactions per list whose fields every timer call re-reads.
pub const SWEEP: usize = 32;

/// A public list's header, the memory the engine checks its cache against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Witness {
    pub count: i32,
    /// Address of the first node.
    pub head: usize,
    /// Changed by every edit our `osip_list_*` make (0: never stamped).
    pub stamp: u32,
}

/// Where a transaction sits in a public list: its node and the node before
/// it (0 for the head), as addresses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub node: usize,
    pub prev: usize,
}

/// One public list as the C layer reaches it.
pub trait PublicList {
    /// The header (inside the `osip_t`: always alive).
    fn witness(&self) -> Witness;
    /// Visits every element from the head, with its place, until `visit`
    /// returns false.
    fn walk(&self, visit: &mut dyn FnMut(usize, Place) -> bool);
    /// Appends `element` after the node `tail` (0: the list is empty).
    /// Returns the new node, None when out of memory. Only called when the
    /// list is as the engine left it (or was read from its head in this
    /// call), so `tail` is its last node.
    fn append(&mut self, tail: usize, element: usize) -> Option<usize>;
    /// Unlinks and frees `place.node`; returns the node after it (0: none).
    /// Same precondition.
    fn unlink(&mut self, place: Place) -> usize;
}

/// What the engine reads of transactions, through the C layer.
pub trait Mem {
    /// The transaction at `addr` (registered, so alive). Only called from
    /// the thread filing it: its headers are read through the view.
    fn view(&self, addr: usize) -> Option<&osip_transaction_t>;
    /// State and the three timer starts of the context of `kind`, read as
    /// other threads may be writing them (H25). None without that context.
    fn timers(&self, addr: usize, kind: Kind) -> Option<(i32, Starts)>;
    /// Events queued in the transaction's fifo.
    fn queued(&self, addr: usize) -> usize;
}

pub struct Engine {
    osip: usize,
    reg: Mutex<Registry>,
    /// Keyed hashing of branches and Call-IDs: a peer cannot choose values
    /// that all land in one bucket.
    hasher: RandomState,
    /// Whether edits of the public lists stamp their headers (our
    /// `osip_list_*` are the process's).
    stamped: bool,
}

#[derive(Default)]
struct Registry {
    lists: [ListIndex<Placed>; 4],
    /// Each public list's header as the engine left it; None: read the list
    /// from its head before trusting anything recorded about it.
    left: [Option<Witness>; 4],
    /// Last node of each public list (0 when empty).
    tails: [usize; 4],
    /// The list held a transaction twice when last read: the index files
    /// it once (at its first place), so it cannot say what the list holds
    /// after an edit; the list is read again before each use until the
    /// duplicate is gone.
    irregular: [bool; 4],
    /// Every transaction filed with this engine, listed or not.
    trs: AddrMap<Info>,
    next_serial: u64,
}

/// What the engine keeps about a transaction besides its records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Info {
    /// Distinguishes this transaction from a later one at the same address.
    serial: u64,
    /// Its record in each list's index (NIL: none).
    slots: [Slot; 4],
    /// Addresses registered in `watch` for it (its fifo, its context).
    watched: [usize; 2],
}

const NIL: Slot = Slot::MAX;

/// What a list's record keeps besides the index: the transaction's place.
#[derive(Clone, Copy, Debug, Default)]
struct Placed {
    place: Place,
}

/// Live engines, by the address of their instance.
static ENGINES: RwLock<Vec<(usize, Arc<Engine>)>> = RwLock::new(Vec::new());

/// The engine of the instance at `osip`.
pub fn of(osip: usize) -> Option<Arc<Engine>> {
    let engines = ENGINES.read().unwrap_or_else(PoisonError::into_inner);
    engines
        .iter()
        .find(|(o, _)| *o == osip)
        .map(|(_, e)| e.clone())
}

/// Creates the engine of a new instance (`osip_init`).
pub fn attach(osip: usize, stamped: bool) -> Arc<Engine> {
    let e = Arc::new(Engine {
        osip,
        reg: Mutex::default(),
        hasher: RandomState::new(),
        stamped,
    });
    ENGINES
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .push((osip, e.clone()));
    e
}

/// Drops the engine of an instance being released (`osip_release`).
/// Transactions still registered are left to the application, as libosip2
/// leaves them; calls still running keep the engine until they end.
pub fn detach(osip: usize) {
    let gone = {
        let mut engines = ENGINES.write().unwrap_or_else(PoisonError::into_inner);
        let at = engines.iter().position(|(o, _)| *o == osip);
        let gone = at.map(|i| engines.swap_remove(i).1);
        if engines.is_empty() {
            // Nothing process-wide outlives the last instance.
            *engines = Vec::new();
        }
        gone
    };
    if let Some(e) = gone {
        let reg = e.lock();
        for (tr, info) in reg.trs.iter() {
            for addr in info.watched {
                watch::remove(addr, Owner { osip, tr });
            }
        }
    }
}

/// The engine a transaction is registered with: its instance's (from
/// `config`) if it knows the transaction, else any live engine that does
/// (should the application have changed `config`).
pub fn registered(tr: usize, config: usize) -> Option<Arc<Engine>> {
    let engines = ENGINES.read().unwrap_or_else(PoisonError::into_inner);
    let knows = |e: &&(usize, Arc<Engine>)| e.1.lock().trs.contains_key(&tr);
    let own = engines.iter().filter(|(o, _)| *o == config).find(knows);
    own.or_else(|| engines.iter().filter(|(o, _)| *o != config).find(knows))
        .map(|(_, e)| e.clone())
}

/// Shards of the fork gate. A registry is only locked with its shard held
/// for reading, so while a fork holds every shard for writing
/// ([`hold_engines_for_fork`]) no registry is locked, and the child finds
/// them all free, without the fork having to hold a lock that lives inside
/// an engine. Sharded by engine so that threads on different instances do
/// not share one cache line.
static GATES: [RwLock<()>; 16] = [const { RwLock::new(()) }; 16];

/// The gate shard of the engine of the instance at `osip`.
fn gate(osip: usize) -> &'static RwLock<()> {
    &GATES[(osip >> 12) % GATES.len()]
}

/// Holds, across a fork, the list of live engines and every gate shard, in
/// the lock order (see the C layer's `forksafe`); the C layer holds the
/// watch map next ([`watch::hold_for_fork`]).
pub fn hold_engines_for_fork() -> Box<dyn std::any::Any> {
    let engines = ENGINES.write().unwrap_or_else(PoisonError::into_inner);
    let gates: Vec<RwLockWriteGuard<'static, ()>> = GATES
        .iter()
        .map(|g| g.write().unwrap_or_else(PoisonError::into_inner))
        .collect();
    Box::new((engines, gates))
}

/// A locked registry, with its gate shard held for reading. Fields drop in
/// order: the registry is unlocked before the gate opens.
struct Locked<'a> {
    reg: MutexGuard<'a, Registry>,
    _gate: RwLockReadGuard<'static, ()>,
}

impl std::ops::Deref for Locked<'_> {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        &self.reg
    }
}

impl std::ops::DerefMut for Locked<'_> {
    fn deref_mut(&mut self) -> &mut Registry {
        &mut self.reg
    }
}

impl Engine {
    /// The registry. Never called with another registry locked by this
    /// thread (a waiting fork would otherwise block the second gate).
    fn lock(&self) -> Locked<'_> {
        let gate = gate(self.osip)
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        Locked {
            reg: self.reg.lock().unwrap_or_else(PoisonError::into_inner),
            _gate: gate,
        }
    }

    fn hash(&self, bytes: &[u8]) -> NonZeroU64 {
        hash_key(self.hasher.hash_one(bytes))
    }

    pub fn osip(&self) -> usize {
        self.osip
    }
}

/// The keys a transaction is filed under, where the headers the matchers
/// read are (for its [`Lead`]), and the addresses the application reaches
/// it through without us (its fifo and its context, for `watch`).
struct Filing {
    keys: Keys,
    hints: Hints,
    watched: [usize; 2],
}

impl Engine {
    fn filing(&self, t: &osip_transaction_t, kind: Kind) -> Filing {
        let via = t.topvia();
        let param = via.and_then(|v| crate::msg::param(v.via_params(), b"branch"));
        let value = param.and_then(|p| p.gvalue());
        let branch = value.map(|v| self.hash(v.to_bytes()));
        let plain = value.is_some_and(|v| !has_magic_cookie(v.to_bytes()));
        let oddball = kind.is_client() && branch.is_none();
        let callid = if kind.is_client() {
            None
        } else {
            t.callid()
                .and_then(|c| c.number())
                .map(|n| self.hash(n.to_bytes()))
        };
        let keys = Keys {
            branch,
            plain,
            callid,
            id: t.transactionid,
            oddball,
        };
        // What the matchers read of it: its CSeq and the CSeq method, the
        // Via's first parameter node, the branch parameter with its name and
        // value, the Via's host and port. Each is a separate small block of
        // the application's heap, most reached through another; the
        // transaction itself may be far from them (see the C layer's
        // pool), so the hints start from the Via.
        let addr = |p: *const libc::c_char| p as usize;
        let near = [
            t.cseq_ptr() as usize,
            t.cseq().map_or(0, |c| addr(c.method_ptr())),
            via.map_or(0, |v| v.via_params().raw().head() as usize),
            param.map_or(0, |p| p as *const _ as usize),
            param.map_or(0, |p| addr(p.gname_ptr())),
            param.map_or(0, |p| addr(p.gvalue_ptr())),
            via.map_or(0, |v| addr(v.host_ptr())),
            via.map_or(0, |v| addr(v.port_ptr())),
        ];
        let context = match kind {
            Kind::Ict => t.ict_context_ptr() as usize,
            Kind::Ist => t.ist_context_ptr() as usize,
            Kind::Nict => t.nict_context_ptr() as usize,
            Kind::Nist => t.nist_context_ptr() as usize,
        };
        Filing {
            keys,
            hints: Hints::new(t.topvia_ptr() as usize, near),
            watched: [t.transactionff() as usize, context],
        }
    }

    /// Brings the index of `kind` up to date with its public list: nothing
    /// to do when the header is exactly as the engine left it and edits
    /// stamp it; otherwise the list is read again from its head.
    fn validate(&self, reg: &mut Registry, kind: Kind, list: &dyn PublicList, mem: &dyn Mem) {
        let now = list.witness();
        if self.stamped && !reg.irregular[kind.index()] && reg.left[kind.index()] == Some(now) {
            return;
        }
        self.resync(reg, kind, list, mem);
    }

    /// Reads a public list from its head and makes the index say what it
    /// says: the places of its elements, which transactions are listed,
    /// in which order. Elements the engine does not know (not transactions
    /// of this instance, or freed ones) are left alone: nothing can be read
    /// through them safely.
    fn resync(&self, reg: &mut Registry, kind: Kind, list: &dyn PublicList, mem: &dyn Mem) {
        let k = kind.index();
        // The usual answer first, without allocating: the list holds the
        // listed transactions in the index's order at the places recorded.
        let mut expected = reg.lists[k]
            .members()
            .map(|(_, r)| (r.handle, r.extra.place));
        let mut same = true;
        let mut walked = 0usize;
        let mut last = 0usize;
        list.walk(&mut |e, place| {
            walked += 1;
            last = place.node;
            same = expected.next() == Some((e, place));
            same
        });
        if same && expected.next().is_none() {
            stats::bump(&stats::NODES_WALKED, walked);
            reg.tails[k] = last;
            reg.left[k] = Some(list.witness());
            reg.irregular[k] = false;
            return;
        }
        drop(expected);
        let mut all = Vec::new();
        list.walk(&mut |e, place| {
            all.push((e, place));
            true
        });
        stats::bump(&stats::NODES_WALKED, walked + all.len());
        reg.tails[k] = all.last().map_or(0, |(_, p)| p.node);
        reg.left[k] = Some(list.witness());
        // The known elements, in list order, at their first place.
        let mut seen = std::collections::HashSet::new();
        let mut twice = false;
        let known: Vec<(usize, Place)> = all
            .into_iter()
            .filter(|(e, _)| {
                let first = seen.insert(*e);
                twice |= !first;
                reg.trs.contains_key(e) && first
            })
            .collect();
        reg.irregular[k] = twice;
        let listed: Vec<usize> = reg.lists[k].members().map(|(_, r)| r.handle).collect();
        if known.iter().map(|(e, _)| *e).eq(listed.iter().copied()) {
            // Same transactions in the same order: only places to refresh.
            for (e, place) in &known {
                if let Some(slot) = reg.trs.get(e).map(|i| i.slots[k]) {
                    if let Some(x) = reg.lists[k].extra_mut(slot) {
                        x.place = *place;
                    }
                }
            }
            return;
        }
        // Relist in the list's order (fresh sequence numbers).
        for e in listed {
            if let Some(slot) = reg.trs.get(&e).map(|i| i.slots[k]) {
                reg.lists[k].remove(slot);
            }
        }
        for (e, place) in known {
            self.list_known(reg, kind, e, place, mem);
        }
    }

    /// Files a registered transaction as listed at `place` of `kind`'s list
    /// (at the end of the index's order).
    fn list_known(&self, reg: &mut Registry, kind: Kind, e: usize, place: Place, mem: &dyn Mem) {
        let Some(view) = mem.view(e) else { return };
        let f = self.filing(view, kind);
        let Some(info) = reg.trs.get(&e).copied() else {
            return;
        };
        file(reg, kind, e, info, place, f, mem);
    }

    /// Appends `tr` to the public list of `kind` and files it (`__osip_add_*`,
    /// `osip_transaction_init`). Call with the list's mutex held. A
    /// transaction already in this list is not added twice; one listed in
    /// another list is added to this one too, as libosip2 does.
    pub fn add(&self, kind: Kind, tr: usize, list: &mut dyn PublicList, mem: &dyn Mem) -> i32 {
        let Some(view) = mem.view(tr) else {
            return osip_abi::codes::OSIP_BADPARAMETER;
        };
        let f = self.filing(view, kind);
        let k = kind.index();
        let mut reg = self.lock();
        reg.trs.prefetch(tr);
        reg.lists[k].prefetch(&f.keys);
        for a in f.watched {
            watch::prefetch(a);
        }
        self.validate(&mut reg, kind, list, mem);
        let known = reg.trs.get(&tr).copied();
        if let Some(info) = known {
            if info.slots[k] != NIL && reg.lists[k].is_listed(info.slots[k]) {
                return 0;
            }
        }
        let Some(node) = list.append(reg.tails[k], tr) else {
            return osip_abi::codes::OSIP_NOMEM;
        };
        let place = Place {
            node,
            prev: reg.tails[k],
        };
        reg.tails[k] = node;
        reg.left[k] = Some(list.witness());
        let reg = &mut *reg;
        let info = match known {
            Some(info) => info,
            None => {
                let owner = Owner {
                    osip: self.osip,
                    tr,
                };
                for a in f.watched {
                    watch::insert(a, owner);
                }
                let info = Info {
                    serial: reg.next_serial,
                    slots: [NIL; 4],
                    watched: f.watched,
                };
                reg.next_serial += 1;
                reg.trs.insert(tr, info);
                info
            }
        };
        file(reg, kind, tr, info, place, f, mem);
        0
    }

    /// Unlinks from the list of `kind` the first transaction with `tr`'s id
    /// (`tr` itself if several share it), as libosip2's
    /// `__osip_remove_*_transaction` do. Call with the list's mutex held.
    /// 0 if one was removed, -1 otherwise.
    pub fn remove(
        &self,
        kind: Kind,
        tr: usize,
        id: i32,
        list: &mut dyn PublicList,
        mem: &dyn Mem,
    ) -> i32 {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        let same_id = reg.lists[kind.index()].with_id(id);
        let victim = same_id
            .iter()
            .find(|(_, h)| *h == tr)
            .or(same_id.first())
            .map(|(_, h)| *h);
        match victim {
            Some(h) => {
                self.unlist_locked(&mut reg, kind, h, list);
                0
            }
            None => -1,
        }
    }

    /// Takes a transaction out of the public list of `kind` and its index,
    /// every time it is listed there (an application may have listed it
    /// twice by hand). Call with the list's mutex held.
    pub fn unlist(&self, kind: Kind, tr: usize, list: &mut dyn PublicList, mem: &dyn Mem) {
        let k = kind.index();
        let mut reg = self.lock();
        loop {
            // After an unlink an irregular list is read again, which finds
            // the next place of `tr`, if any.
            self.validate(&mut reg, kind, list, mem);
            let slot = reg.trs.get(&tr).map_or(NIL, |i| i.slots[k]);
            if slot == NIL || !reg.lists[k].is_listed(slot) {
                return;
            }
            self.unlist_locked(&mut reg, kind, tr, list);
        }
    }

    /// Unlinks a validated list's element: the index says where it is, and
    /// the list is as the index says.
    fn unlist_locked(&self, reg: &mut Registry, kind: Kind, tr: usize, list: &mut dyn PublicList) {
        let k = kind.index();
        let Some(slot) = reg.trs.get(&tr).map(|i| i.slots[k]) else {
            return;
        };
        let Some(place) = reg.lists[k]
            .record(slot)
            .filter(|_| reg.lists[k].is_listed(slot))
            .map(|r| r.extra.place)
        else {
            return;
        };
        let next = list.unlink(place);
        if reg.tails[k] == place.node {
            reg.tails[k] = place.prev;
        }
        if next != 0 {
            // The element after it now follows `place.prev`.
            let after = reg.lists[k].members_after(slot).next();
            if let Some(after) = after {
                if let Some(x) = reg.lists[k].extra_mut(after) {
                    if x.place.node == next {
                        x.place.prev = place.prev;
                    }
                }
            }
        }
        reg.lists[k].remove(slot);
        reg.left[k] = Some(list.witness());
    }

    /// Forgets a transaction being freed (`osip_transaction_free2`): the C
    /// layer has unlisted it from every list first (with their mutexes).
    pub fn forget(&self, tr: usize) {
        let mut reg = self.lock();
        let Some(info) = reg.trs.remove(&tr) else {
            return;
        };
        for kind in Kind::ALL {
            let slot = info.slots[kind.index()];
            if slot != NIL {
                reg.lists[kind.index()].release(slot);
            }
        }
        for a in info.watched {
            watch::remove(
                a,
                Owner {
                    osip: self.osip,
                    tr,
                },
            );
        }
    }

    /// The serial of a registered transaction (None: not registered).
    pub fn serial(&self, tr: usize) -> Option<u64> {
        self.lock().trs.get(&tr).map(|i| i.serial)
    }

    /// Whether the transaction registered with `serial` still exists.
    pub fn is_live(&self, tr: usize, serial: u64) -> bool {
        self.serial(tr) == Some(serial)
    }

    /// The first `n` listed transactions of `kind` (for the trace of a
    /// malformed message).
    pub fn leading(
        &self,
        kind: Kind,
        n: usize,
        list: &dyn PublicList,
        mem: &dyn Mem,
    ) -> Vec<usize> {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        reg.lists[kind.index()].leading(n)
    }

    /// The listed transactions of `kind` an incoming message must be
    /// matched against, in list order, with what the matchers will read of
    /// them already on its way to the cache. The lookup knows the message's
    /// top Via branch value, its Call-ID number (requests; hashed only if
    /// RFC 2543 matching may need it), and whether to include the
    /// branchless client transactions (responses).
    pub fn candidates(
        &self,
        kind: Kind,
        branch: Option<&[u8]>,
        callid: Option<&[u8]>,
        oddballs: bool,
        list: &dyn PublicList,
        mem: &dyn Mem,
    ) -> Leads {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
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

    /// The first listed transaction of `kind` with this id.
    pub fn with_id(
        &self,
        kind: Kind,
        id: i32,
        list: &dyn PublicList,
        mem: &dyn Mem,
    ) -> Option<usize> {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        reg.lists[kind.index()].with_id(id).first().map(|(_, h)| *h)
    }

    /// Starts an `osip_*_execute` walk; returns its limit. Call with the
    /// list's mutex held.
    pub fn begin_walk(&self, kind: Kind, list: &dyn PublicList, mem: &dyn Mem) -> Seq {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        reg.lists[kind.index()].begin_walk()
    }

    /// The next transaction of a walk that may have events, with its serial.
    pub fn next_ready(&self, kind: Kind, from: Seq, limit: Seq) -> Option<(Seq, usize, u64)> {
        let mut reg = self.lock();
        let index = &mut reg.lists[kind.index()];
        let (seq, _slot, h) = index.next_ready(from, limit)?;
        let serial = reg.trs.get(&h)?.serial;
        Some((seq, h, serial))
    }

    pub fn end_walk(&self, kind: Kind) {
        self.lock().lists[kind.index()].end_walk();
    }

    /// The timeouts `osip_timers_*_execute` must queue now: the first due
    /// timer of each listed transaction whose deadline has come, except ICT
    /// transactions that still have queued events (libosip2 skips those).
    /// Call with the list's mutex held.
    pub fn due_timers(
        &self,
        kind: Kind,
        now: Tv,
        list: &dyn PublicList,
        mem: &dyn Mem,
    ) -> Vec<(usize, Timer)> {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        let reg = &mut *reg;
        let index = &mut reg.lists[kind.index()];
        let mut batch = index.due(now);
        batch.extend(index.sweep(SWEEP));
        batch.sort_unstable();
        batch.dedup();
        stats::bump(&stats::TIMER_READS, batch.len());
        let mut out = Vec::new();
        for (_, slot) in batch {
            let Some((tr, state, starts)) = refresh(reg, kind, slot, mem) else {
                continue;
            };
            let Some(timer) = schedule::due(kind, state, &starts, now) else {
                continue;
            };
            if kind == Kind::Ict && mem.queued(tr) > 0 {
                continue;
            }
            out.push((tr, timer));
        }
        out
    }

    /// The earliest armed deadline of the timers that can fire in the
    /// transactions' current states; Err([`EventsQueued`]) when an ICT
    /// transaction has queued events (`osip_timers_gettimeout` then answers
    /// "now"). Call with the list's mutex held.
    pub fn earliest(
        &self,
        kind: Kind,
        list: &dyn PublicList,
        mem: &dyn Mem,
    ) -> Result<Option<Tv>, EventsQueued> {
        let mut reg = self.lock();
        self.validate(&mut reg, kind, list, mem);
        let reg = &mut *reg;
        if kind == Kind::Ict {
            let ready = reg.lists[0].ready();
            stats::bump(&stats::TIMER_READS, ready.len());
            for (seq, slot, h) in ready {
                if mem.queued(h) > 0 {
                    return Err(EventsQueued);
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
                refresh(reg, kind, slot, mem);
            }
        }
        loop {
            let Some((t, slot)) = reg.lists[kind.index()].earliest() else {
                return Ok(None);
            };
            stats::bump(&stats::TIMER_READS, 1);
            refresh(reg, kind, slot, mem);
            if reg.lists[kind.index()].earliest() == Some((t, slot)) {
                return Ok(Some(t));
            }
        }
    }

    /// Re-reads a registered transaction's state and timers in every list it
    /// is in (after one of its actions ran, or a timer field was written).
    pub fn refile(&self, tr: usize, mem: &dyn Mem) {
        let mut reg = self.lock();
        let Some(info) = reg.trs.get(&tr).copied() else {
            return;
        };
        for kind in Kind::ALL {
            let slot = info.slots[kind.index()];
            if slot != NIL {
                refresh(&mut reg, kind, slot, mem);
            }
        }
    }

    /// Notes that a transaction's fifo got an event (so that
    /// `osip_*_execute` visits it).
    pub fn mark_ready(&self, tr: usize) {
        let mut reg = self.lock();
        let Some(info) = reg.trs.get(&tr).copied() else {
            return;
        };
        for kind in Kind::ALL {
            let slot = info.slots[kind.index()];
            if slot != NIL {
                reg.lists[kind.index()].mark_ready(slot);
            }
        }
    }

    /// Whether `context` is the context address `tr` was filed with (the
    /// one whose timer fields `watch` maps to it).
    pub fn has_context(&self, tr: usize, context: usize) -> bool {
        self.lock()
            .trs
            .get(&tr)
            .is_some_and(|i| i.watched[1] == context)
    }
}

/// An ICT transaction has events waiting: they must run before any timer.
#[derive(Debug, PartialEq, Eq)]
pub struct EventsQueued;

/// Re-reads a listed transaction's state and timers and re-files its
/// deadline. Returns the transaction and what it read (None for unlisted
/// transactions or a missing context).
/// Files the registered transaction `e` (`info` its registry record) at
/// `place` of `kind`'s list, at the end of the index's order, with the keys
/// and hints of `f`: its slot in that list is made on first use, and it is
/// marked ready when events are queued for it.
fn file(
    reg: &mut Registry,
    kind: Kind,
    e: usize,
    info: Info,
    place: Place,
    f: Filing,
    mem: &dyn Mem,
) {
    let k = kind.index();
    let slot = match info.slots[k] {
        NIL => {
            let s = reg.lists[k].register(e, Placed { place });
            if let Some(i) = reg.trs.get_mut(&e) {
                i.slots[k] = s;
            }
            s
        }
        s => s,
    };
    if let Some(x) = reg.lists[k].extra_mut(slot) {
        x.place = place;
    }
    reg.lists[k].push(slot, f.keys, f.hints);
    refresh(reg, kind, slot, mem);
    if mem.queued(e) > 0 {
        reg.lists[k].mark_ready(slot);
    }
}

fn refresh(
    reg: &mut Registry,
    kind: Kind,
    slot: Slot,
    mem: &dyn Mem,
) -> Option<(usize, i32, Starts)> {
    let index = &mut reg.lists[kind.index()];
    if !index.is_listed(slot) {
        return None;
    }
    let tr = index.record(slot)?.handle;
    let read = mem.timers(tr, kind);
    let new = read.and_then(|(state, starts)| schedule::next_deadline(kind, state, &starts));
    index.set_deadline(slot, new);
    read.map(|(state, starts)| (tr, state, starts))
}

/// Candidates warmed per lookup: nearly always there is one.
const WARM: usize = 4;

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
        crate::hints::prefetch(tr + off);
    }
    for h in hints.addresses() {
        crate::hints::prefetch(h);
    }
    if hints.at != 0 {
        // The Via's parameter list ends 56 bytes in: it may cross a line.
        crate::hints::prefetch(hints.at + std::mem::size_of::<osip_parser_abi::osip_via_t>() - 1);
    }
}

/// Called when the application queued an event into the fifo at `ff`
/// (`osip_fifo_add`/`insert`): the transaction owning it gets visited by
/// `osip_*_execute`.
pub fn fifo_filled(ff: usize) {
    let Some(owner) = watch::get(ff) else { return };
    if let Some(e) = of(owner.osip) {
        e.mark_ready(owner.tr);
    }
}

/// The transaction whose context holds the timer field at `tp`, and its
/// engine, if `tp` is one (a write through `osip_gettimeofday` or
/// `add_gettimeofday`).
pub fn timer_owner(tp: usize) -> Option<(Arc<Engine>, usize)> {
    for off in TIMER_START_OFFSETS {
        let Some(context) = tp.checked_sub(off) else {
            continue;
        };
        let Some(owner) = watch::get(context) else {
            continue;
        };
        let Some(e) = of(owner.osip) else { continue };
        // Only a context address counts (not the transaction's or fifo's).
        if e.has_context(owner.tr, context) {
            return Some((e, owner.tr));
        }
    }
    None
}

/// Offsets of the timer start fields in every context (`timer_a_start`,
/// `timer_b_start`, `timer_d_start` in the ICT one and likewise; the NIST
/// context only has the first).
const TIMER_START_OFFSETS: [usize; 3] = [
    std::mem::offset_of!(osip_abi::osip_ict_t, timer_a_start),
    std::mem::offset_of!(osip_abi::osip_ict_t, timer_b_start),
    std::mem::offset_of!(osip_abi::osip_ict_t, timer_d_start),
];
const _: () = {
    use osip_abi::{osip_ist_t, osip_nict_t, osip_nist_t};
    use std::mem::offset_of;
    assert!(offset_of!(osip_nict_t, timer_e_start) == TIMER_START_OFFSETS[0]);
    assert!(offset_of!(osip_nict_t, timer_f_start) == TIMER_START_OFFSETS[1]);
    assert!(offset_of!(osip_nict_t, timer_k_start) == TIMER_START_OFFSETS[2]);
    assert!(offset_of!(osip_ist_t, timer_g_start) == TIMER_START_OFFSETS[0]);
    assert!(offset_of!(osip_ist_t, timer_h_start) == TIMER_START_OFFSETS[1]);
    assert!(offset_of!(osip_ist_t, timer_i_start) == TIMER_START_OFFSETS[2]);
    assert!(offset_of!(osip_nist_t, timer_j_start) == TIMER_START_OFFSETS[0]);
};

#[cfg(test)]
mod tests;
