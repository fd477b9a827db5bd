//! Storage for the engine's per-transaction records, addressed by small
//! integers.
//!
//! Records live in fixed-size chunks, so growing never moves (or copies) the
//! ones already stored and the memory used follows the number of records,
//! not a doubling capacity. Freed slots are reused last-in first-out, which
//! keeps the live records packed into the chunks already touched.

/// Where a record lives.
pub type Slot = u32;

const CHUNK: usize = 256;

pub struct Slab<T> {
    chunks: Vec<Box<[Option<T>]>>,
    free: Vec<Slot>,
    /// Slots handed out at least once.
    used: usize,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            chunks: Vec::new(),
            free: Vec::new(),
            used: 0,
        }
    }
}

impl<T> Slab<T> {
    pub fn insert(&mut self, value: T) -> Slot {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                if self.used == self.chunks.len() * CHUNK {
                    self.chunks
                        .push(std::iter::repeat_with(|| None).take(CHUNK).collect());
                }
                self.used += 1;
                Slot::try_from(self.used - 1).expect("fewer than 2^32 transactions per list")
            }
        };
        self.chunks[slot as usize / CHUNK][slot as usize % CHUNK] = Some(value);
        slot
    }

    pub fn get(&self, slot: Slot) -> Option<&T> {
        let s = slot as usize;
        self.chunks.get(s / CHUNK)?[s % CHUNK].as_ref()
    }

    pub fn get_mut(&mut self, slot: Slot) -> Option<&mut T> {
        let s = slot as usize;
        self.chunks.get_mut(s / CHUNK)?[s % CHUNK].as_mut()
    }

    pub fn remove(&mut self, slot: Slot) -> Option<T> {
        let s = slot as usize;
        let value = self.chunks.get_mut(s / CHUNK)?[s % CHUNK].take()?;
        self.free.push(slot);
        Some(value)
    }

    /// Every stored record, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (Slot, &T)> {
        self.chunks
            .iter()
            .flat_map(|c| c.iter())
            .enumerate()
            .filter_map(|(i, v)| Some((i as Slot, v.as_ref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused_and_records_stay_put() {
        let mut s = Slab::default();
        let a = s.insert("a");
        let b = s.insert("b");
        assert_eq!((s.get(a), s.get(b)), (Some(&"a"), Some(&"b")));
        assert_eq!(s.remove(a), Some("a"));
        assert_eq!(s.remove(a), None, "removed twice");
        assert_eq!(s.get(a), None);
        let c = s.insert("c");
        assert_eq!(c, a, "the freed slot is reused");
        *s.get_mut(b).unwrap() = "B";
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![(a, &"c"), (b, &"B")]);
        assert_eq!(s.get(5000), None);
    }

    #[test]
    fn grows_by_whole_chunks() {
        let mut s = Slab::default();
        let slots: Vec<Slot> = (0..2 * CHUNK + 1).map(|i| s.insert(i)).collect();
        assert_eq!(s.chunks.len(), 3);
        assert!(slots.iter().enumerate().all(|(i, k)| s.get(*k) == Some(&i)));
    }
}
