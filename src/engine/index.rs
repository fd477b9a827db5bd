//! The per-list bookkeeping of the engine, with no pointers: transactions are
//! opaque handles filed under a sequence number that grows with every
//! append, so sequence order *is* the order of the public list.
//!
//! It answers, without walking the list:
//! - which transactions may match a message (by branch, by Call-ID, by id),
//!   in list order, so the first real match is libosip2's first match;
//! - which transactions may have queued events, for `osip_*_execute`;
//! - which timers are due, for `osip_timers_*_execute` and
//!   `osip_timers_gettimeout`.

use crate::core::timeval::Tv;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

pub type Seq = u64;
pub type Handle = usize;

/// Keys are already keyed SipHash values: hashing them again is wasted work.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_i32(&mut self, n: i32) {
        // Transaction ids are small consecutive integers: spread them.
        self.0 = u64::from(n as u32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type PreMap<K> = HashMap<K, Bucket, BuildHasherDefault<Prehashed>>;

/// Hashes heap addresses. Peers cannot choose them, so a multiply and fold
/// is enough; SipHash would cost more than the lookup it serves (the
/// registry and the watch map are read on every step and timer re-read).
#[derive(Default)]
pub struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_usize(self.0 as usize ^ usize::from(*b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        // Allocations are 16-byte aligned: the fold brings the well-mixed
        // high half of the product down to the bucket-index bits.
        let x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }
}

/// A map keyed by addresses.
pub type AddrMap<V> = HashMap<usize, V, BuildHasherDefault<AddrHasher>>;

/// Sequence numbers sharing a key, ascending. Nearly always one, so the
/// rare list is boxed to keep every bucket two words.
#[derive(Debug)]
// A plain Vec would make every bucket three words instead of two.
#[allow(clippy::box_collection)]
enum Bucket {
    One(Seq),
    Many(Box<Vec<Seq>>),
}

impl Bucket {
    fn as_slice(&self) -> &[Seq] {
        match self {
            Bucket::One(s) => std::slice::from_ref(s),
            Bucket::Many(v) => v,
        }
    }
}

fn bucket_add<K: std::hash::Hash + Eq>(map: &mut PreMap<K>, key: K, seq: Seq) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, Bucket::One(seq));
        }
        Some(b) => {
            let mut v = b.as_slice().to_vec();
            v.push(seq);
            *b = Bucket::Many(Box::new(v));
        }
    }
}

fn bucket_remove<K: std::hash::Hash + Eq>(map: &mut PreMap<K>, key: K, seq: Seq) {
    let Some(b) = map.get_mut(&key) else { return };
    match b {
        Bucket::One(s) if *s == seq => {
            map.remove(&key);
        }
        Bucket::One(_) => {}
        Bucket::Many(v) => {
            v.retain(|s| *s != seq);
            if let [only] = v[..] {
                *b = Bucket::One(only);
            } else if v.is_empty() {
                map.remove(&key);
            }
        }
    }
}

/// The keys a transaction is filed under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Hash of the top Via branch value.
    pub branch: Option<u64>,
    /// Hash of the Call-ID number (server transactions: RFC 2543 matching).
    pub callid: Option<u64>,
    pub id: i32,
    /// A client transaction whose Via branch is missing or empty: libosip2
    /// logs a BUG for it each time a response is matched past it, so such
    /// transactions are walked by every response lookup.
    pub oddball: bool,
}

/// One of the four transaction lists.
#[derive(Default)]
pub struct ListIndex {
    next_seq: Seq,
    members: BTreeMap<Seq, Handle>,
    /// Removed while an execute walk was running: libosip2 walks a snapshot,
    /// so such transactions are still visited by that walk.
    ghosts: BTreeMap<Seq, Handle>,
    walks: usize,
    by_branch: PreMap<u64>,
    by_callid: PreMap<u64>,
    by_id: PreMap<i32>,
    oddballs: BTreeSet<Seq>,
    ready: BTreeSet<Seq>,
    timers: BTreeSet<(Tv, Seq)>,
    sweep_from: Seq,
}

impl ListIndex {
    /// Appends a transaction; returns its sequence number.
    pub fn push(&mut self, h: Handle, keys: &Keys) -> Seq {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.members.insert(seq, h);
        if let Some(b) = keys.branch {
            bucket_add(&mut self.by_branch, b, seq);
        }
        if let Some(c) = keys.callid {
            bucket_add(&mut self.by_callid, c, seq);
        }
        bucket_add(&mut self.by_id, keys.id, seq);
        if keys.oddball {
            self.oddballs.insert(seq);
        }
        seq
    }

    /// Takes a transaction out of the list and of every index.
    pub fn remove(&mut self, seq: Seq, keys: &Keys, deadline: Option<Tv>) {
        let Some(h) = self.members.remove(&seq) else {
            return;
        };
        if let Some(b) = keys.branch {
            bucket_remove(&mut self.by_branch, b, seq);
        }
        if let Some(c) = keys.callid {
            bucket_remove(&mut self.by_callid, c, seq);
        }
        bucket_remove(&mut self.by_id, keys.id, seq);
        self.oddballs.remove(&seq);
        if let Some(t) = deadline {
            self.timers.remove(&(t, seq));
        }
        if self.walks > 0 {
            self.ghosts.insert(seq, h);
        } else {
            self.ready.remove(&seq);
        }
    }

    /// Forgets a ghost whose transaction was freed.
    pub fn bury(&mut self, seq: Seq) {
        if self.ghosts.remove(&seq).is_some() {
            self.ready.remove(&seq);
        }
    }

    /// The transaction filed under `seq`, listed or ghost.
    pub fn handle(&self, seq: Seq) -> Option<Handle> {
        self.members
            .get(&seq)
            .or_else(|| self.ghosts.get(&seq))
            .copied()
    }

    /// Transactions a lookup with these keys must look at, in list order:
    /// those that may match, and the oddballs if asked for.
    pub fn candidates(&self, branch: Option<u64>, callid: Option<u64>, oddballs: bool) -> Vec<Seq> {
        let mut out = self.matching(branch, callid);
        if oddballs && !self.oddballs.is_empty() {
            out.extend(self.oddballs.iter().copied());
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// The first `n` listed transactions.
    pub fn leading(&self, n: usize) -> Vec<Handle> {
        self.members.values().copied().take(n).collect()
    }

    fn matching(&self, branch: Option<u64>, callid: Option<u64>) -> Vec<Seq> {
        fn pick(m: &PreMap<u64>, k: Option<u64>) -> &[Seq] {
            k.and_then(|k| m.get(&k))
                .map(Bucket::as_slice)
                .unwrap_or(&[])
        }
        let (a, b) = (pick(&self.by_branch, branch), pick(&self.by_callid, callid));
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x == y => {
                    i += 1;
                    j += 1;
                    x
                }
                (Some(&x), Some(&y)) if x < y => {
                    i += 1;
                    x
                }
                (Some(_), Some(&y)) | (None, Some(&y)) => {
                    j += 1;
                    y
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (None, None) => unreachable!(),
            };
            out.push(next);
        }
        out
    }

    /// Listed transactions with this transaction id, in list order.
    pub fn with_id(&self, id: i32) -> &[Seq] {
        self.by_id.get(&id).map(Bucket::as_slice).unwrap_or(&[])
    }

    /// Notes that the transaction may have queued events.
    pub fn mark_ready(&mut self, seq: Seq) {
        if self.members.contains_key(&seq) || self.ghosts.contains_key(&seq) {
            self.ready.insert(seq);
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
    pub fn next_ready(&mut self, from: Seq, limit: Seq) -> Option<(Seq, Handle)> {
        let seq = *self.ready.range(from..limit).next()?;
        self.ready.remove(&seq);
        Some((seq, self.handle(seq)?))
    }

    pub fn end_walk(&mut self) {
        self.walks = self.walks.saturating_sub(1);
        if self.walks == 0 {
            for seq in std::mem::take(&mut self.ghosts).into_keys() {
                self.ready.remove(&seq);
            }
        }
    }

    /// Ready transactions (a superset of those with queued events).
    pub fn ready(&self) -> impl Iterator<Item = Seq> + '_ {
        self.ready.iter().copied()
    }

    pub fn unready(&mut self, seq: Seq) {
        self.ready.remove(&seq);
    }

    /// Moves a transaction's cached deadline from `old` to `new`.
    pub fn set_deadline(&mut self, seq: Seq, old: Option<Tv>, new: Option<Tv>) {
        if old == new {
            return;
        }
        if let Some(t) = old {
            self.timers.remove(&(t, seq));
        }
        if let Some(t) = new {
            if self.members.contains_key(&seq) {
                self.timers.insert((t, seq));
            }
        }
    }

    /// Cached deadlines at or before `now`.
    pub fn due(&self, now: Tv) -> Vec<(Tv, Seq)> {
        self.timers.range(..=(now, Seq::MAX)).copied().collect()
    }

    /// The earliest cached deadline.
    pub fn earliest(&self) -> Option<(Tv, Seq)> {
        self.timers.first().copied()
    }

    /// The next `n` listed transactions after the previous batch, wrapping
    /// around: lets callers re-read, a few at a time, fields applications
    /// may have written without telling us.
    pub fn sweep(&mut self, n: usize) -> Vec<(Seq, Handle)> {
        if self.members.len() <= n {
            return self.members.iter().map(|(s, h)| (*s, *h)).collect();
        }
        let mut out: Vec<(Seq, Handle)> = self
            .members
            .range(self.sweep_from..)
            .map(|(s, h)| (*s, *h))
            .take(n)
            .collect();
        if out.len() < n {
            let more = n - out.len();
            out.extend(self.members.iter().map(|(s, h)| (*s, *h)).take(more));
        }
        self.sweep_from = out.last().map_or(0, |(s, _)| s + 1);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(branch: u64, callid: u64, id: i32) -> Keys {
        Keys {
            branch: Some(branch),
            callid: Some(callid),
            id,
            oddball: false,
        }
    }

    #[test]
    fn candidates_merge_in_list_order_without_duplicates() {
        let mut l = ListIndex::default();
        let a = l.push(100, &keys(1, 10, 1));
        let b = l.push(200, &keys(2, 10, 2));
        let c = l.push(300, &keys(1, 30, 3));
        assert_eq!(l.candidates(Some(1), Some(10), false), vec![a, b, c]);
        assert_eq!(l.candidates(Some(1), None, false), vec![a, c]);
        assert_eq!(l.candidates(None, Some(10), false), vec![a, b]);
        assert_eq!(l.candidates(Some(9), Some(99), false), Vec::<Seq>::new());
        l.remove(a, &keys(1, 10, 1), None);
        assert_eq!(l.candidates(Some(1), Some(10), false), vec![b, c]);
        assert_eq!(l.handle(c), Some(300));
        assert_eq!(l.leading(5), vec![200, 300]);
    }

    #[test]
    fn oddballs_join_response_lookups_in_list_order() {
        let mut l = ListIndex::default();
        let odd = Keys {
            oddball: true,
            ..Keys::default()
        };
        let a = l.push(1, &odd);
        let b = l.push(2, &keys(5, 0, 2));
        let c = l.push(3, &odd);
        assert_eq!(l.candidates(Some(5), None, true), vec![a, b, c]);
        assert_eq!(l.candidates(Some(5), None, false), vec![b]);
        l.remove(a, &odd, None);
        assert_eq!(l.candidates(Some(5), None, true), vec![b, c]);
        assert_eq!(l.leading(1), vec![2]);
    }

    #[test]
    fn ids_keep_list_order() {
        let mut l = ListIndex::default();
        let a = l.push(1, &keys(1, 1, 7));
        let b = l.push(2, &keys(2, 2, 7));
        assert_eq!(l.with_id(7), &[a, b]);
        l.remove(a, &keys(1, 1, 7), None);
        assert_eq!(l.with_id(7), &[b]);
        l.remove(b, &keys(2, 2, 7), None);
        assert!(l.with_id(7).is_empty());
        assert!(l.leading(1).is_empty());
    }

    #[test]
    fn walks_visit_ready_transactions_of_the_snapshot_once() {
        let mut l = ListIndex::default();
        let k = Keys::default();
        let a = l.push(1, &k);
        let b = l.push(2, &k);
        l.mark_ready(b);
        l.mark_ready(a);
        let limit = l.begin_walk();
        let late = l.push(3, &k);
        l.mark_ready(late);
        assert_eq!(l.next_ready(0, limit), Some((a, 1)));
        // Removed during the walk: still visited, as libosip2's snapshot is.
        l.remove(b, &k, None);
        assert_eq!(l.next_ready(a + 1, limit), Some((b, 2)));
        assert_eq!(l.next_ready(b + 1, limit), None, "appended during the walk");
        l.end_walk();
        assert_eq!(l.handle(b), None);
        assert_eq!(l.ready().collect::<Vec<_>>(), vec![late]);
    }

    #[test]
    fn removed_outside_a_walk_is_gone_at_once() {
        let mut l = ListIndex::default();
        let a = l.push(1, &Keys::default());
        l.mark_ready(a);
        l.remove(a, &Keys::default(), None);
        let limit = l.begin_walk();
        assert_eq!(l.next_ready(0, limit), None);
        l.end_walk();
    }

    #[test]
    fn timers_are_ordered_by_deadline() {
        let mut l = ListIndex::default();
        let k = Keys::default();
        let a = l.push(1, &k);
        let b = l.push(2, &k);
        l.set_deadline(a, None, Some(Tv::new(5, 0)));
        l.set_deadline(b, None, Some(Tv::new(3, 0)));
        assert_eq!(l.earliest(), Some((Tv::new(3, 0), b)));
        assert_eq!(l.due(Tv::new(4, 0)), vec![(Tv::new(3, 0), b)]);
        assert_eq!(l.due(Tv::new(5, 0)).len(), 2);
        l.set_deadline(b, Some(Tv::new(3, 0)), None);
        assert_eq!(l.earliest(), Some((Tv::new(5, 0), a)));
        l.remove(a, &k, Some(Tv::new(5, 0)));
        assert_eq!(l.earliest(), None);
    }

    #[test]
    fn sweep_wraps_around() {
        let mut l = ListIndex::default();
        let seqs: Vec<Seq> = (0..5).map(|h| l.push(h, &Keys::default())).collect();
        let seq = |batch: Vec<(Seq, Handle)>| batch.into_iter().map(|(s, _)| s).collect::<Vec<_>>();
        assert_eq!(seq(l.sweep(2)), vec![seqs[0], seqs[1]]);
        assert_eq!(seq(l.sweep(2)), vec![seqs[2], seqs[3]]);
        assert_eq!(l.sweep(2), vec![(seqs[4], 4), (seqs[0], 0)]);
        assert_eq!(l.sweep(10).len(), 5);
    }
}
