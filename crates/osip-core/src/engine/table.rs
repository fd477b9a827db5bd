//! The hash table behind the engine's buckets: open addressing with linear
//! probing, keys and values side by side in one array.
//!
//! A lookup by branch is the first thing every incoming message costs, and
//! with a million transactions the table is far larger than the CPU cache.
//! `std`'s map reads a control array and then the entry, two dependent
//! cache misses; here the entry is found at its home position or just after
//! it, on the same or the next cache line, so a hit costs one miss. Large
//! tables also ask the kernel for transparent huge pages, so that this one
//! miss is not also a TLB miss.

use std::num::NonZeroU64;

/// Above this share of used entries the table doubles: linear probing stays
/// short (a failed lookup reads about eight entries at the worst load), and
/// memory is what `std`'s map used at the same sizes.
const MAX_LOAD: (usize, usize) = (3, 4);

/// Smallest table that allocates.
const MIN_CAPACITY: usize = 8;

/// Below this share of used entries the table shrinks to a quarter, so that
/// memory follows the number of keys down after a peak (and an empty table
/// holds none) without growing and shrinking back and forth.
const MIN_LOAD: (usize, usize) = (1, 16);

/// Tables at least this large are given huge pages.
const HUGE_PAGE: usize = 2 << 20;

pub struct Table<V> {
    /// `(key, value)`; key 0 marks a free entry. Empty until the first insert.
    entries: Vec<(u64, V)>,
    len: usize,
    /// Keys are hashes or addresses, spread by a multiply; otherwise they
    /// are counted up one by one (see [`Table::sequential`]).
    spread: bool,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table::new()
    }
}

impl<V> Table<V> {
    /// An empty table (allocates nothing).
    pub const fn new() -> Self {
        Table {
            entries: Vec::new(),
            len: 0,
            spread: true,
        }
    }

    /// A table for keys handed out in order (transaction ids): each key's
    /// home is the entry after its predecessor's, so filing a new key
    /// writes the cache line the previous one did instead of a random one,
    /// and consecutive keys never collide.
    pub fn sequential() -> Self {
        Table {
            spread: false,
            ..Table::new()
        }
    }
}

impl<V: Copy + Default> Table<V> {
    /// Where `key` would sit with no collisions. Keys are hashes, except
    /// transaction ids (small consecutive numbers): the multiply spreads
    /// both, and the top bits of the product are the best mixed.
    fn home(&self, key: u64) -> usize {
        if !self.spread {
            return key as usize & (self.entries.len() - 1);
        }
        let bits = self.entries.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The index holding `key`, if any.
    fn find(&self, key: NonZeroU64) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let mask = self.entries.len() - 1;
        let mut i = self.home(key.get());
        loop {
            match self.entries[i].0 {
                0 => return None,
                k if k == key.get() => return Some(i),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Starts loading the cache line where `key` is looked for first, so
    /// that the lookups of one operation can wait for memory together.
    pub fn prefetch(&self, key: NonZeroU64) {
        if !self.entries.is_empty() {
            crate::hints::prefetch(&self.entries[self.home(key.get())] as *const (u64, V) as usize);
        }
    }

    pub fn get(&self, key: NonZeroU64) -> Option<&V> {
        self.find(key).map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: NonZeroU64) -> Option<&mut V> {
        self.find(key).map(|i| &mut self.entries[i].1)
    }

    /// Every (key, value).
    pub fn iter(&self) -> impl Iterator<Item = (NonZeroU64, &V)> {
        self.entries
            .iter()
            .filter_map(|(k, v)| Some((NonZeroU64::new(*k)?, v)))
    }

    /// Sets the value of `key`, adding it if it is new.
    pub fn insert(&mut self, key: NonZeroU64, value: V) {
        if let Some(v) = self.get_mut(key) {
            *v = value;
            return;
        }
        if (self.len + 1) * MAX_LOAD.1 > self.entries.len() * MAX_LOAD.0 {
            self.grow();
        }
        self.place(key.get(), value);
        self.len += 1;
    }

    /// Puts a key known to be absent into the first free entry from its home.
    fn place(&mut self, key: u64, value: V) {
        let mask = self.entries.len() - 1;
        let mut i = self.home(key);
        while self.entries[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.entries[i] = (key, value);
    }

    fn grow(&mut self) {
        self.resize((self.entries.len() * 2).max(MIN_CAPACITY));
    }

    /// Shrinks a sparse table; an empty one gives its memory back.
    fn shrink(&mut self) {
        if self.len == 0 {
            self.entries = Vec::new();
        } else if self.len * MIN_LOAD.1 < self.entries.len() * MIN_LOAD.0 {
            self.resize((self.entries.len() / 4).max(MIN_CAPACITY));
        }
    }

    fn resize(&mut self, capacity: usize) {
        let old = std::mem::replace(&mut self.entries, Vec::with_capacity(capacity));
        advise_huge_pages(&mut self.entries);
        self.entries.resize(capacity, (0, V::default()));
        for (k, v) in old {
            if k != 0 {
                self.place(k, v);
            }
        }
    }

    /// Takes `key` out, moving later entries of its run back so that every
    /// key stays reachable from its home without markers for removed ones.
    pub fn remove(&mut self, key: NonZeroU64) -> Option<V> {
        let mut hole = self.find(key)?;
        let value = self.entries[hole].1;
        let mask = self.entries.len() - 1;
        let mut i = hole;
        loop {
            i = (i + 1) & mask;
            let k = self.entries[i].0;
            if k == 0 {
                break;
            }
            // An entry may fill the hole unless its home lies cyclically
            // after the hole and at or before its position.
            let home = self.home(k);
            let stays = if hole <= i {
                hole < home && home <= i
            } else {
                hole < home || home <= i
            };
            if !stays {
                self.entries[hole] = self.entries[i];
                hole = i;
            }
        }
        self.entries[hole] = (0, V::default());
        self.len -= 1;
        self.shrink();
        Some(value)
    }
}

/// Asks for transparent huge pages under the (still untouched) spare
/// capacity of a large table (see `crate::hints`).
fn advise_huge_pages<T>(v: &mut Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes >= 2 * HUGE_PAGE {
        crate::hints::huge_pages(v.as_mut_ptr() as usize, bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(n: u64) -> NonZeroU64 {
        NonZeroU64::new(n).unwrap()
    }

    #[test]
    fn insert_get_remove() {
        let mut t = Table::default();
        assert_eq!(t.get(k(1)), None, "empty table");
        t.insert(k(1), 10u32);
        t.insert(k(2), 20);
        t.insert(k(1), 11);
        assert_eq!((t.get(k(1)), t.get(k(2)), t.len), (Some(&11), Some(&20), 2));
        assert_eq!(t.remove(k(1)), Some(11));
        assert_eq!(t.remove(k(1)), None);
        assert_eq!((t.get(k(1)), t.get(k(2)), t.len), (None, Some(&20), 1));
    }

    /// Many keys sharing homes, removed in an order that exercises every
    /// case of the backward shift, wrapping around the end of the array.
    #[test]
    fn agrees_with_a_map_through_collisions_and_removals() {
        agrees_with_a_map(Table::default(), 1);
        // Identity homes: keys far apart that share their low bits.
        agrees_with_a_map(Table::sequential(), 1021);
    }

    /// 700 distinct keys, `stride` apart.
    fn agrees_with_a_map(mut t: Table<u32>, stride: u64) {
        let mut m = std::collections::HashMap::new();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for step in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Few distinct keys, so inserts and removals meet the same runs.
            let key = k((x % 700) * stride + 1);
            if x.is_multiple_of(3) {
                assert_eq!(t.remove(key), m.remove(&key), "step {step}");
            } else {
                t.insert(key, step);
                m.insert(key, step);
            }
            assert_eq!(t.len, m.len());
        }
        for key in (0..700).map(|n| k(n * stride + 1)) {
            assert_eq!(t.get(key), m.get(&key), "key {key}");
        }
    }

    #[test]
    fn memory_follows_the_keys_down() {
        let mut t = Table::default();
        for n in 1..=100_000u64 {
            t.insert(k(n), n);
        }
        let peak = t.entries.len();
        for n in 1..=99_000u64 {
            assert_eq!(t.remove(k(n)), Some(n));
        }
        assert!(
            t.entries.len() <= peak / 16,
            "{} of {peak}",
            t.entries.len()
        );
        assert!((99_001..=100_000).all(|n| t.get(k(n)) == Some(&n)));
        for n in 99_001..=100_000u64 {
            t.remove(k(n));
        }
        assert_eq!(t.entries.capacity(), 0, "an empty table holds no memory");
    }

    #[test]
    fn sequential_keys_sit_side_by_side() {
        let mut t = Table::sequential();
        for n in 1..=1000u64 {
            t.insert(k(n), n);
        }
        let at = |n: u64| t.find(k(n)).unwrap();
        assert!((1..1000).all(|n| at(n + 1) == at(n) + 1));
    }

    #[test]
    fn keeps_a_load_of_at_most_three_quarters() {
        let mut t = Table::default();
        for n in 1..=10_000u64 {
            t.insert(k(n), ());
            assert!(t.len * 4 <= t.entries.len() * 3);
        }
        assert_eq!(t.entries.len(), 16_384);
    }
}
