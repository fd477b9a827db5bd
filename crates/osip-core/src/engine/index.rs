//! The per-list bookkeeping of the engine, with no pointers: transactions are
//! opaque handles. Each registered transaction has one record in a slab;
//! listed records are chained in list order and carry a sequence number
//! that grows with every append, so sequence order *is* the order of the
//! public list. Indexes refer to records by (sequence number, slot), which
//! gives both the order and the record without any further lookup.
//!
//! It answers, without walking the list:
//! - which transactions may match a message (by branch, by Call-ID, by id),
//!   in list order, so the first real match is libosip2's first match;
//! - which transactions may have queued events, for `osip_*_execute`;
//! - which timers are due, for `osip_timers_*_execute` and
//!   `osip_timers_gettimeout`.

use super::slab::{Slab, Slot};
use super::table::Table;
use crate::timeval::Tv;
use std::collections::BTreeSet;
use std::num::NonZeroU64;

pub type Seq = u64;
pub type Handle = usize;

/// A map keyed by addresses (0 is never a key), over the engine's
/// [`Table`]: the registry and the watch map grow with the transactions,
/// and at a million of them each lookup in `std`'s map costs two cache and
/// TLB misses (control bytes, then the entry) where the table costs one.
/// Addresses are spread by the table's multiplicative hash: peers cannot
/// choose them.
pub struct AddrMap<V>(Table<Option<V>>);

impl<V> Default for AddrMap<V> {
    fn default() -> Self {
        AddrMap::new()
    }
}

impl<V> AddrMap<V> {
    pub const fn new() -> Self {
        AddrMap(Table::new())
    }
}

impl<V: Copy> AddrMap<V> {
    fn key(addr: usize) -> Option<NonZeroU64> {
        NonZeroU64::new(addr as u64)
    }

    pub fn get(&self, addr: &usize) -> Option<&V> {
        self.0.get(Self::key(*addr)?)?.as_ref()
    }

    pub fn prefetch(&self, addr: usize) {
        if let Some(k) = Self::key(addr) {
            self.0.prefetch(k);
        }
    }

    pub fn contains_key(&self, addr: &usize) -> bool {
        self.get(addr).is_some()
    }

    /// Sets the value for `addr` (ignored for address 0).
    pub fn insert(&mut self, addr: usize, value: V) {
        if let Some(k) = Self::key(addr) {
            self.0.insert(k, Some(value));
        }
    }

    pub fn remove(&mut self, addr: &usize) -> Option<V> {
        self.0.remove(Self::key(*addr)?)?
    }

    /// Every (address, value).
    pub fn iter(&self) -> impl Iterator<Item = (usize, V)> + '_ {
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.get() as usize, (*v)?)))
    }

    pub fn get_mut(&mut self, addr: &usize) -> Option<&mut V> {
        self.0.get_mut(Self::key(*addr)?)?.as_mut()
    }
}

/// A record as ordered sets refer to it: its place in list order and its
/// slot.
type At = (Seq, Slot);

/// Marks a bucket's slot as the index of a spilled list, not a slot.
const SPILL: u32 = 1 << 31;

/// What a lookup can start loading before it has read any record: the
/// transaction's handle, and where the engine expects the matchers to read
/// next to it (opaque here, see [`Hints`]). The branch bucket keeps it with
/// the slot, so a lookup by branch reaches the transaction with one hash
/// probe: reading the record first would add a cache miss, the costliest
/// part of a lookup with 100,000 transactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lead {
    pub handle: Handle,
    // The hints, flat: nested, their padding would make a bucket entry
    // 56 bytes instead of 48.
    at: usize,
    near: [i16; NEAR],
    slot: u32,
}

impl Lead {
    pub fn hints(&self) -> Hints {
        Hints {
            at: self.at,
            near: self.near,
        }
    }
}

/// How many addresses [`Hints`] keep as offsets.
pub const NEAR: usize = 8;

/// Addresses the engine will read first when a lookup finds a transaction,
/// for it to start loading them: one address, and [`NEAR`] more as offsets
/// from it in 16-byte units (0: none), so that a [`Lead`] and its key take
/// 48 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    pub at: usize,
    pub near: [i16; NEAR],
}

impl Hints {
    /// Hints for `at` and [`NEAR`] more addresses (0: none). An address more
    /// than half a megabyte away from `at` is left out. Heap blocks are
    /// 16-byte aligned, and rounding down to 16 never leaves the 64-byte
    /// cache line, so an offset in 16-byte units finds the line again.
    pub fn new(at: usize, others: [usize; NEAR]) -> Hints {
        let near = others.map(|a| {
            if at == 0 || a == 0 {
                return 0;
            }
            let units = (a >> 4) as i64 - (at >> 4) as i64;
            i16::try_from(units).unwrap_or(0)
        });
        Hints { at, near }
    }

    /// The addresses hinted at, `at` first (0: none).
    pub fn addresses(&self) -> impl Iterator<Item = usize> + '_ {
        let others = self.near.iter().map(|&units| {
            if units == 0 {
                return 0;
            }
            (((self.at >> 4) as i64 + i64::from(units)) as usize) << 4
        });
        std::iter::once(self.at).chain(others)
    }
}

/// The transactions a lookup must look at, as a slice: nearly always the
/// one its branch names, kept without allocating (every incoming message
/// is looked up, and a Vec of one would cost a malloc and a free each).
#[derive(Debug)]
pub enum Leads {
    One(Lead),
    Many(Vec<Lead>),
}

impl std::ops::Deref for Leads {
    type Target = [Lead];
    fn deref(&self) -> &[Lead] {
        match self {
            Leads::One(lead) => std::slice::from_ref(lead),
            Leads::Many(leads) => leads,
        }
    }
}

/// What a bucket keeps under a key: a slot (or `SPILL` and the index of a
/// list of slots), and possibly more about the record when it is alone.
trait Filed: Copy + Default {
    fn slot(&self) -> &u32;
    /// A value with this slot and nothing more.
    fn bare(slot: u32) -> Self;
}

impl Filed for u32 {
    fn slot(&self) -> &u32 {
        self
    }
    fn bare(slot: u32) -> Self {
        slot
    }
}

impl Filed for Lead {
    fn slot(&self) -> &u32 {
        &self.slot
    }
    /// Handle 0: the record must be read for it.
    fn bare(slot: u32) -> Self {
        Lead {
            slot,
            ..Lead::default()
        }
    }
}

/// Records filed under keys. Nearly every key has one record, so a key maps
/// to one value holding the record's slot; for the rare keys several
/// records share, it names a list of their slots, in list order.
struct Buckets<V = u32> {
    map: Table<V>,
    spilled: Slab<Vec<Slot>>,
}

impl<V> Default for Buckets<V> {
    fn default() -> Self {
        Buckets {
            map: Table::default(),
            spilled: Slab::default(),
        }
    }
}

impl<V> Buckets<V> {
    /// Buckets for keys handed out in order (see [`Table::sequential`]).
    fn sequential() -> Self {
        Buckets {
            map: Table::sequential(),
            spilled: Slab::default(),
        }
    }
}

impl<V: Filed> Buckets<V> {
    /// Files `value`'s slot last under `key`.
    fn add(&mut self, key: NonZeroU64, value: V) {
        let slot = *value.slot();
        assert!(slot < SPILL, "fewer than 2^31 transactions per list");
        match self.map.get_mut(key) {
            None => self.map.insert(key, value),
            Some(v) if *v.slot() & SPILL == 0 => {
                *v = V::bare(SPILL | self.spilled.insert(vec![*v.slot(), slot]));
            }
            Some(v) => {
                if let Some(list) = self.spilled.get_mut(*v.slot() & !SPILL) {
                    list.push(slot);
                }
            }
        }
    }

    /// Takes `slot` out of `key`. When one record is left of several, the
    /// bucket keeps nothing more of it than its slot.
    fn remove(&mut self, key: NonZeroU64, slot: Slot) {
        let Some(v) = self.map.get(key).copied() else {
            return;
        };
        let filed = *v.slot();
        if filed & SPILL == 0 {
            if filed == slot {
                self.map.remove(key);
            }
            return;
        }
        let i = filed & !SPILL;
        let Some(list) = self.spilled.get_mut(i) else {
            return;
        };
        list.retain(|s| *s != slot);
        match list[..] {
            [] => {
                self.map.remove(key);
                self.spilled.remove(i);
            }
            [only] => {
                self.map.insert(key, V::bare(only));
                self.spilled.remove(i);
            }
            _ => {}
        }
    }

    /// The slots filed under `key`, in list order, and the bucket's value
    /// when there is only one.
    fn get(&self, key: Option<NonZeroU64>) -> (&[Slot], Option<V>) {
        let Some(v) = key.and_then(|k| self.map.get(k)) else {
            return (&[], None);
        };
        let filed = *v.slot();
        if filed & SPILL == 0 {
            (std::slice::from_ref(v.slot()), Some(*v))
        } else {
            (self.spilled.get(filed & !SPILL).map_or(&[], |l| l), None)
        }
    }
}

/// A transaction id as the id buckets file it.
fn id_key(id: i32) -> NonZeroU64 {
    NonZeroU64::MIN.saturating_add(u64::from(id as u32))
}

/// A hash as the indexes file it (hashes are never zero, so that an absent
/// one costs no extra word).
pub fn hash_key(h: u64) -> NonZeroU64 {
    NonZeroU64::new(h).unwrap_or(NonZeroU64::MIN)
}

/// The keys a transaction is filed under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Hash of the top Via branch value.
    pub branch: Option<NonZeroU64>,
    /// The branch value does not start with RFC 3261's magic cookie: a
    /// request may then match it by the RFC 2543 rules, through its Call-ID.
    pub plain: bool,
    /// Hash of the Call-ID number (server transactions: RFC 2543 matching).
    pub callid: Option<NonZeroU64>,
    pub id: i32,
    /// A client transaction whose Via branch is missing or empty: libosip2
    /// logs a BUG for it each time a response is matched past it, so such
    /// transactions are walked by every response lookup.
    pub oddball: bool,
}

/// What a lookup for an incoming message knows about it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lookup {
    /// Hash of its top Via branch value.
    pub branch: Option<NonZeroU64>,
    /// That branch starts with the magic cookie: only transactions whose
    /// own branch does not can match it by Call-ID.
    pub magic: bool,
    /// Hash of its Call-ID number (requests).
    pub callid: Option<NonZeroU64>,
    /// Include the oddballs (responses).
    pub oddballs: bool,
}

const NIL: Slot = Slot::MAX;

/// What the index keeps about one registered transaction; `X` is what the
/// engine adds to it.
pub struct Record<X> {
    pub handle: Handle,
    pub extra: X,
    listed: bool,
    /// Taken out of the list while an execute walk was running: libosip2
    /// walks a snapshot, so that walk still visits it.
    ghost: bool,
    seq: Seq,
    keys: Keys,
    deadline: Option<Tv>,
    /// Neighbours in list order while listed.
    prev: Slot,
    next: Slot,
}

/// One of the four transaction lists.
pub struct ListIndex<X> {
    records: Slab<Record<X>>,
    head: Slot,
    tail: Slot,
    len: usize,
    next_seq: Seq,
    by_branch: Buckets<Lead>,
    by_callid: Buckets,
    by_id: Buckets,
    /// Listed transactions whose branch lacks the magic cookie.
    plain: usize,
    oddballs: BTreeSet<At>,
    ready: BTreeSet<At>,
    walks: usize,
    ghosts: Vec<At>,
    timers: BTreeSet<(Tv, Seq, Slot)>,
    /// Where the next sweep starts (NIL: at the head).
    sweep_at: Slot,
}

impl<X> Default for ListIndex<X> {
    fn default() -> Self {
        ListIndex {
            records: Slab::default(),
            head: NIL,
            tail: NIL,
            len: 0,
            next_seq: 0,
            by_branch: Buckets::default(),
            by_callid: Buckets::default(),
            by_id: Buckets::sequential(),
            plain: 0,
            oddballs: BTreeSet::new(),
            ready: BTreeSet::new(),
            walks: 0,
            ghosts: Vec::new(),
            timers: BTreeSet::new(),
            sweep_at: NIL,
        }
    }
}

impl<X> ListIndex<X> {
    /// Number of listed transactions.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Records a transaction, not listed yet.
    pub fn register(&mut self, handle: Handle, extra: X) -> Slot {
        self.records.insert(Record {
            handle,
            extra,
            listed: false,
            ghost: false,
            seq: 0,
            keys: Keys::default(),
            deadline: None,
            prev: NIL,
            next: NIL,
        })
    }

    pub fn record(&self, slot: Slot) -> Option<&Record<X>> {
        self.records.get(slot)
    }

    pub fn extra_mut(&mut self, slot: Slot) -> Option<&mut X> {
        self.records.get_mut(slot).map(|r| &mut r.extra)
    }

    pub fn is_listed(&self, slot: Slot) -> bool {
        self.records.get(slot).is_some_and(|r| r.listed)
    }

    /// The listed records after `slot`, in list order.
    pub fn members_after(&self, slot: Slot) -> impl Iterator<Item = Slot> + '_ {
        let mut at = self.records.get(slot).map_or(NIL, |r| r.next);
        std::iter::from_fn(move || {
            let r = self.records.get(at)?;
            let here = at;
            at = r.next;
            Some(here)
        })
    }

    /// Listed records in list order.
    pub fn members(&self) -> impl Iterator<Item = (Slot, &Record<X>)> {
        let mut at = self.head;
        std::iter::from_fn(move || {
            let r = self.records.get(at)?;
            let here = at;
            at = r.next;
            Some((here, r))
        })
    }

    /// Starts loading the bucket entries [`ListIndex::push`] will write for
    /// `keys`: with many transactions each is a cache miss, and these can
    /// overlap.
    pub fn prefetch(&self, keys: &Keys) {
        if let Some(b) = keys.branch {
            self.by_branch.map.prefetch(b);
        }
        if let Some(c) = keys.callid {
            self.by_callid.map.prefetch(c);
        }
        self.by_id.map.prefetch(id_key(keys.id));
    }

    /// Appends a registered transaction to the list; returns its sequence
    /// number (None if it is unknown or already listed). `hints` go into
    /// its [`Lead`].
    pub fn push(&mut self, slot: Slot, keys: Keys, hints: Hints) -> Option<Seq> {
        let seq = self.next_seq;
        let tail = self.tail;
        let r = self.records.get_mut(slot).filter(|r| !r.listed)?;
        let lead = Lead {
            handle: r.handle,
            at: hints.at,
            near: hints.near,
            slot,
        };
        self.next_seq += 1;
        (r.listed, r.seq, r.keys, r.deadline) = (true, seq, keys, None);
        (r.prev, r.next) = (tail, NIL);
        match self.records.get_mut(tail) {
            Some(t) => t.next = slot,
            None => self.head = slot,
        }
        self.tail = slot;
        self.len += 1;
        if let Some(b) = keys.branch {
            self.by_branch.add(b, lead);
        }
        if let Some(c) = keys.callid {
            self.by_callid.add(c, slot);
        }
        self.by_id.add(id_key(keys.id), slot);
        if keys.oddball {
            self.oddballs.insert((seq, slot));
        }
        if keys.plain {
            self.plain += 1;
        }
        Some(seq)
    }

    /// Takes a transaction out of the list and of every index; its record
    /// stays until `release`.
    pub fn remove(&mut self, slot: Slot) {
        let walking = self.walks > 0;
        let Some(r) = self.records.get_mut(slot).filter(|r| r.listed) else {
            return;
        };
        r.listed = false;
        r.ghost = walking;
        let (seq, keys, deadline, prev, next) = (r.seq, r.keys, r.deadline.take(), r.prev, r.next);
        match self.records.get_mut(prev) {
            Some(p) => p.next = next,
            None => self.head = next,
        }
        match self.records.get_mut(next) {
            Some(n) => n.prev = prev,
            None => self.tail = prev,
        }
        if self.sweep_at == slot {
            self.sweep_at = next;
        }
        self.len -= 1;
        let at = (seq, slot);
        if let Some(b) = keys.branch {
            self.by_branch.remove(b, slot);
        }
        if let Some(c) = keys.callid {
            self.by_callid.remove(c, slot);
        }
        self.by_id.remove(id_key(keys.id), slot);
        self.oddballs.remove(&at);
        if keys.plain {
            self.plain -= 1;
        }
        if let Some(t) = deadline {
            self.timers.remove(&(t, seq, slot));
        }
        if walking {
            self.ghosts.push(at);
        } else {
            self.ready.remove(&at);
        }
    }

    /// Forgets a transaction (it is being freed): out of the list, the
    /// indexes and any walk.
    pub fn release(&mut self, slot: Slot) -> Option<Record<X>> {
        self.remove(slot);
        let r = self.records.remove(slot)?;
        self.ready.remove(&(r.seq, slot));
        Some(r)
    }

    /// The listed record at `at`, or the ghost of one.
    fn visible(&self, (seq, slot): At) -> Option<&Record<X>> {
        self.records
            .get(slot)
            .filter(|r| r.seq == seq && (r.listed || r.ghost))
    }

    /// Whether a request lookup needs its Call-ID. A request whose branch has
    /// the magic cookie can only match a transaction with another branch by
    /// RFC 2543 rules, which need that transaction's branch to lack the
    /// cookie.
    pub fn needs_callid(&self, magic: bool) -> bool {
        !magic || self.plain > 0
    }

    /// Transactions a lookup must look at, in list order: those that may
    /// match it, and the oddballs if asked for. The usual answer, the one
    /// transaction filed under the message's branch, comes from the branch
    /// bucket alone, with its hints; the others have none.
    pub fn candidates(&self, q: Lookup) -> Leads {
        let (a, lead) = self.by_branch.get(q.branch);
        let by_callid = q.callid.filter(|_| self.needs_callid(q.magic));
        let (b, _) = self.by_callid.get(by_callid);
        let oddballs = q.oddballs && !self.oddballs.is_empty();
        let lead_of = |slot: &Slot| {
            self.records.get(*slot).map(|r| Lead {
                handle: r.handle,
                ..Lead::bare(*slot)
            })
        };
        match (a, b, oddballs, lead) {
            (_, [], false, Some(lead)) if lead.handle != 0 => Leads::One(lead),
            (a, [], false, _) => Leads::Many(a.iter().filter_map(lead_of).collect()),
            ([], b, false, _) => Leads::Many(b.iter().filter_map(lead_of).collect()),
            _ => {
                let mut ats: Vec<At> = a
                    .iter()
                    .chain(b)
                    .filter_map(|s| Some((self.records.get(*s)?.seq, *s)))
                    .collect();
                if oddballs {
                    ats.extend(self.oddballs.iter());
                }
                ats.sort_unstable();
                ats.dedup();
                Leads::Many(ats.iter().filter_map(|at| lead_of(&at.1)).collect())
            }
        }
    }

    /// The first `n` listed transactions.
    pub fn leading(&self, n: usize) -> Vec<Handle> {
        self.members().take(n).map(|(_, r)| r.handle).collect()
    }

    /// Listed transactions with this transaction id, in list order.
    pub fn with_id(&self, id: i32) -> Vec<(Slot, Handle)> {
        self.by_id
            .get(Some(id_key(id)))
            .0
            .iter()
            .filter_map(|s| Some((*s, self.records.get(*s)?.handle)))
            .collect()
    }

    /// Notes that the transaction may have queued events.
    pub fn mark_ready(&mut self, slot: Slot) {
        if let Some(r) = self.records.get(slot).filter(|r| r.listed || r.ghost) {
            self.ready.insert((r.seq, slot));
        }
    }

    /// Starts an execute walk; returns the sequence number it stops at
    /// (transactions appended during the walk are not visited).
    pub fn begin_walk(&mut self) -> Seq {
        self.walks += 1;
        self.next_seq
    }

    /// The next transaction of a walk: the first ready one in `[from, limit)`,
    /// taken out of the ready set.
    pub fn next_ready(&mut self, from: Seq, limit: Seq) -> Option<(Seq, Slot, Handle)> {
        loop {
            let at = *self.ready.range((from, 0)..(limit, 0)).next()?;
            self.ready.remove(&at);
            if let Some(r) = self.visible(at) {
                return Some((at.0, at.1, r.handle));
            }
        }
    }

    pub fn end_walk(&mut self) {
        self.walks = self.walks.saturating_sub(1);
        if self.walks == 0 {
            for at in std::mem::take(&mut self.ghosts) {
                self.ready.remove(&at);
                if let Some(r) = self.records.get_mut(at.1).filter(|r| r.seq == at.0) {
                    r.ghost = false;
                }
            }
        }
    }

    /// Ready transactions (a superset of those with queued events).
    pub fn ready(&self) -> Vec<(Seq, Slot, Handle)> {
        self.ready
            .iter()
            .filter_map(|at| Some((at.0, at.1, self.visible(*at)?.handle)))
            .collect()
    }

    pub fn unready(&mut self, seq: Seq, slot: Slot) {
        self.ready.remove(&(seq, slot));
    }

    /// Files a listed transaction's deadline (None: no timer armed).
    pub fn set_deadline(&mut self, slot: Slot, new: Option<Tv>) {
        let Some(r) = self.records.get_mut(slot).filter(|r| r.listed) else {
            return;
        };
        if r.deadline == new {
            return;
        }
        let (old, seq) = (std::mem::replace(&mut r.deadline, new), r.seq);
        if let Some(t) = old {
            self.timers.remove(&(t, seq, slot));
        }
        if let Some(t) = new {
            self.timers.insert((t, seq, slot));
        }
    }

    /// Listed transactions whose filed deadline is at or before `now`.
    pub fn due(&self, now: Tv) -> Vec<(Seq, Slot)> {
        self.timers
            .range(..=(now, Seq::MAX, Slot::MAX))
            .map(|(_, seq, slot)| (*seq, *slot))
            .collect()
    }

    /// The earliest filed deadline and its transaction.
    pub fn earliest(&self) -> Option<(Tv, Slot)> {
        self.timers.first().map(|(t, _, slot)| (*t, *slot))
    }

    /// The next `n` listed transactions after the previous batch, in list
    /// order and wrapping around: lets callers re-read, a few at a time,
    /// fields applications may have written without telling us.
    pub fn sweep(&mut self, n: usize) -> Vec<(Seq, Slot)> {
        let n = n.min(self.len);
        let mut out = Vec::with_capacity(n);
        let mut at = if self.records.get(self.sweep_at).is_some_and(|r| r.listed) {
            self.sweep_at
        } else {
            self.head
        };
        while out.len() < n {
            let r = match self.records.get(at) {
                Some(r) => r,
                // The end of the list: wrap around.
                None => match self.records.get(self.head) {
                    Some(r) => {
                        at = self.head;
                        r
                    }
                    None => break,
                },
            };
            out.push((r.seq, at));
            at = r.next;
        }
        self.sweep_at = at;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(branch: u64, callid: u64, id: i32) -> Keys {
        Keys {
            branch: Some(hash_key(branch)),
            callid: Some(hash_key(callid)),
            id,
            ..Keys::default()
        }
    }

    fn lookup(branch: Option<u64>, callid: Option<u64>) -> Lookup {
        Lookup {
            branch: branch.map(hash_key),
            callid: callid.map(hash_key),
            ..Lookup::default()
        }
    }

    fn handles(l: &ListIndex<()>, q: Lookup) -> Vec<Handle> {
        l.candidates(q).iter().map(|c| c.handle).collect()
    }

    /// Registers and lists a transaction.
    fn add(l: &mut ListIndex<()>, h: Handle, k: Keys) -> Slot {
        let s = l.register(h, ());
        l.push(s, k, Hints::default()).expect("new");
        s
    }

    #[test]
    fn an_address_map_keeps_nothing_under_zero() {
        let mut m = AddrMap::default();
        m.insert(0, 1u8);
        m.insert(0x7f00_0010, 2);
        assert_eq!((m.get(&0), m.get(&0x7f00_0010)), (None, Some(&2)));
        assert_eq!(m.remove(&0x7f00_0010), Some(2));
        assert!(!m.contains_key(&0x7f00_0010));
    }

    #[test]
    fn hints_find_the_lines_again() {
        let list = |h: Hints| h.addresses().collect::<Vec<_>>();
        let mut others = [0; NEAR];
        others[..2].copy_from_slice(&[0x7f00_0000_2a38, 0x7f00_0000_0ff0]);
        let h = Hints::new(0x7f00_0000_1010, others);
        assert_eq!(
            list(h)[..3],
            [0x7f00_0000_1010, 0x7f00_0000_2a30, 0x7f00_0000_0ff0]
        );
        assert!(list(h)[3..].iter().all(|&a| a == 0));
        others[0] = 0x1000 + (1 << 20);
        assert_eq!(
            list(Hints::new(0x1000, others))[..2],
            [0x1000, 0],
            "too far"
        );
        assert!(list(Hints::new(0, others)).iter().all(|&a| a == 0));
    }

    /// A lookup by branch gets the transaction and its hints from the
    /// bucket; keys shared by several transactions fall back to records.
    #[test]
    fn a_branch_hit_comes_from_the_bucket() {
        let mut l = ListIndex::default();
        let a = l.register(100, ());
        let hints = Hints {
            at: 0x5000,
            near: [5, -6, 0, 0, 0, 0, 0, 7],
        };
        l.push(a, keys(1, 10, 1), hints).expect("new");
        let q = lookup(Some(1), None);
        let only = l.candidates(q);
        assert_eq!((only[0].handle, only[0].hints()), (100, hints));
        let b = add(&mut l, 200, keys(1, 20, 2));
        let none = Hints::default();
        let both: Vec<_> = l
            .candidates(q)
            .iter()
            .map(|c| (c.handle, c.hints()))
            .collect();
        assert_eq!(both, vec![(100, none), (200, none)]);
        l.remove(a);
        let left: Vec<_> = l
            .candidates(q)
            .iter()
            .map(|c| (c.handle, c.hints()))
            .collect();
        assert_eq!(left, vec![(200, none)], "read from the record again");
        l.remove(b);
        assert!(l.candidates(q).is_empty());
        // Four bucket entries per three cache lines.
        assert_eq!(std::mem::size_of::<(u64, Lead)>(), 48);
    }

    #[test]
    fn candidates_merge_in_list_order_without_duplicates() {
        let mut l = ListIndex::default();
        let a = add(&mut l, 100, keys(1, 10, 1));
        add(&mut l, 200, keys(2, 10, 2));
        let c = add(&mut l, 300, keys(1, 30, 3));
        assert_eq!(handles(&l, lookup(Some(1), Some(10))), vec![100, 200, 300]);
        assert_eq!(handles(&l, lookup(Some(1), None)), vec![100, 300]);
        assert_eq!(handles(&l, lookup(None, Some(10))), vec![100, 200]);
        assert!(handles(&l, lookup(Some(9), Some(99))).is_empty());
        l.remove(a);
        assert_eq!(handles(&l, lookup(Some(1), Some(10))), vec![200, 300]);
        assert_eq!(l.record(c).map(|r| r.handle), Some(300));
        assert_eq!(l.leading(5), vec![200, 300]);
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn magic_requests_skip_call_ids_unless_a_plain_branch_is_listed() {
        let mut l = ListIndex::default();
        add(&mut l, 1, keys(1, 10, 1));
        let q = Lookup {
            magic: true,
            ..lookup(Some(2), Some(10))
        };
        assert!(handles(&l, q).is_empty());
        let plain = Keys {
            plain: true,
            ..keys(3, 10, 2)
        };
        let p = add(&mut l, 2, plain);
        assert_eq!(handles(&l, q), vec![1, 2]);
        l.remove(p);
        assert!(handles(&l, q).is_empty());
        assert_eq!(
            handles(&l, Lookup { magic: false, ..q }),
            vec![1],
            "a branch without the cookie may match by Call-ID"
        );
    }

    #[test]
    fn oddballs_join_response_lookups_in_list_order() {
        let mut l = ListIndex::default();
        let odd = Keys {
            oddball: true,
            ..Keys::default()
        };
        let a = add(&mut l, 1, odd);
        add(&mut l, 2, keys(5, 0, 2));
        add(&mut l, 3, odd);
        let q = Lookup {
            oddballs: true,
            ..lookup(Some(5), None)
        };
        assert_eq!(handles(&l, q), vec![1, 2, 3]);
        assert_eq!(handles(&l, lookup(Some(5), None)), vec![2]);
        l.remove(a);
        assert_eq!(handles(&l, q), vec![2, 3]);
        assert_eq!(l.leading(1), vec![2]);
    }

    #[test]
    fn ids_keep_list_order() {
        let mut l = ListIndex::default();
        let a = add(&mut l, 1, keys(1, 1, 7));
        let b = add(&mut l, 2, keys(2, 2, 7));
        assert_eq!(l.with_id(7), vec![(a, 1), (b, 2)]);
        l.remove(a);
        assert_eq!(l.with_id(7), vec![(b, 2)]);
        l.remove(b);
        assert!(l.with_id(7).is_empty());
        assert!(l.leading(1).is_empty());
        assert_eq!(l.len(), 0);
    }

    #[test]
    fn listed_again_goes_to_the_tail_with_a_new_sequence_number() {
        let mut l = ListIndex::default();
        let a = add(&mut l, 1, keys(1, 1, 1));
        add(&mut l, 2, keys(2, 2, 2));
        assert_eq!(
            l.push(a, keys(1, 1, 1), Hints::default()),
            None,
            "already listed"
        );
        l.remove(a);
        assert!(!l.is_listed(a));
        assert!(l.push(a, keys(1, 1, 1), Hints::default()).is_some());
        assert_eq!(l.leading(5), vec![2, 1]);
        assert_eq!(handles(&l, lookup(Some(1), None)), vec![1]);
        assert!(l.release(a).is_some());
        assert_eq!(l.leading(5), vec![2]);
        assert!(l.release(a).is_none());
    }

    #[test]
    fn walks_visit_ready_transactions_of_the_snapshot_once() {
        let mut l = ListIndex::default();
        let k = Keys::default();
        let a = add(&mut l, 1, k);
        let b = add(&mut l, 2, k);
        l.mark_ready(b);
        l.mark_ready(a);
        let limit = l.begin_walk();
        let late = add(&mut l, 3, k);
        l.mark_ready(late);
        let (sa, _, ha) = l.next_ready(0, limit).unwrap();
        assert_eq!(ha, 1);
        // Removed during the walk: still visited, as libosip2's snapshot is.
        l.remove(b);
        let (sb, _, hb) = l.next_ready(sa + 1, limit).unwrap();
        assert_eq!(hb, 2);
        assert_eq!(
            l.next_ready(sb + 1, limit),
            None,
            "appended during the walk"
        );
        l.end_walk();
        l.mark_ready(b);
        assert_eq!(
            l.ready().into_iter().map(|r| r.2).collect::<Vec<_>>(),
            vec![3],
            "no longer a ghost"
        );
    }

    #[test]
    fn released_during_a_walk_is_not_visited() {
        let mut l = ListIndex::default();
        let k = Keys::default();
        let a = add(&mut l, 1, k);
        l.mark_ready(a);
        let limit = l.begin_walk();
        l.release(a);
        // The slot is reused by a newcomer, which the walk must not visit.
        let b = add(&mut l, 2, k);
        assert_eq!(a, b);
        l.mark_ready(b);
        assert_eq!(l.next_ready(0, limit), None);
        l.end_walk();
    }

    #[test]
    fn removed_outside_a_walk_is_gone_at_once() {
        let mut l = ListIndex::default();
        let a = add(&mut l, 1, Keys::default());
        l.mark_ready(a);
        l.remove(a);
        let limit = l.begin_walk();
        assert_eq!(l.next_ready(0, limit), None);
        l.end_walk();
    }

    #[test]
    fn timers_are_ordered_by_deadline() {
        let mut l = ListIndex::default();
        let k = Keys::default();
        let a = add(&mut l, 1, k);
        let b = add(&mut l, 2, k);
        l.set_deadline(a, Some(Tv::new(5, 0)));
        l.set_deadline(b, Some(Tv::new(3, 0)));
        assert_eq!(l.earliest(), Some((Tv::new(3, 0), b)));
        assert_eq!(l.due(Tv::new(4, 0)).len(), 1);
        assert_eq!(l.due(Tv::new(5, 0)).len(), 2);
        l.set_deadline(b, None);
        assert_eq!(l.earliest(), Some((Tv::new(5, 0), a)));
        l.remove(a);
        assert_eq!(l.earliest(), None);
        l.set_deadline(a, Some(Tv::new(1, 0)));
        assert_eq!(l.earliest(), None, "unlisted transactions have no deadline");
    }

    #[test]
    fn sweep_wraps_around_in_list_order() {
        let mut l = ListIndex::default();
        let slots: Vec<Slot> = (0..5).map(|h| add(&mut l, h, Keys::default())).collect();
        let batch =
            |l: &mut ListIndex<()>, n| l.sweep(n).into_iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(batch(&mut l, 2), vec![slots[0], slots[1]]);
        assert_eq!(batch(&mut l, 2), vec![slots[2], slots[3]]);
        // The next one to read leaves: the sweep goes on after it.
        l.remove(slots[4]);
        assert_eq!(batch(&mut l, 2), vec![slots[0], slots[1]]);
        assert_eq!(batch(&mut l, 10).len(), 4);
    }
}
