//! Storage for the engine's per-transaction records, addressed by small
//! integers.
//!
//! Records live in fixed-size chunks, so growing never moves (or copies) the
//! ones already stored and the memory used follows the number of records,
//! not a doubling capacity. Freed slots are reused last-in first-out, which
//! keeps the live records packed into the chunks already touched. A chunk
//! whose records are all gone is freed (and allocated again when one of its
//! slots is reused), so after a peak the memory goes back.

/// Where a record lives.
pub type Slot = u32;

const CHUNK: usize = 256;

pub struct Slab<T> {
    /// None: every record of the chunk is gone and its memory freed.
    chunks: Vec<Option<Box<[Option<T>]>>>,
    /// Records stored in each chunk.
    counts: Vec<u16>,
    free: Vec<Slot>,
    /// Slots handed out at least once.
    used: usize,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            chunks: Vec::new(),
            counts: Vec::new(),
            free: Vec::new(),
            used: 0,
        }
    }
}

fn new_chunk<T>() -> Box<[Option<T>]> {
    std::iter::repeat_with(|| None).take(CHUNK).collect()
}

impl<T> Slab<T> {
    pub fn insert(&mut self, value: T) -> Slot {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                if self.used == self.chunks.len() * CHUNK {
                    self.chunks.push(None);
                    self.counts.push(0);
                }
                self.used += 1;
                Slot::try_from(self.used - 1).expect("fewer than 2^32 transactions per list")
            }
        };
        let (c, i) = (slot as usize / CHUNK, slot as usize % CHUNK);
        self.chunks[c].get_or_insert_with(new_chunk)[i] = Some(value);
        self.counts[c] += 1;
        slot
    }

    pub fn get(&self, slot: Slot) -> Option<&T> {
        let s = slot as usize;
        self.chunks.get(s / CHUNK)?.as_ref()?[s % CHUNK].as_ref()
    }

    pub fn get_mut(&mut self, slot: Slot) -> Option<&mut T> {
        let s = slot as usize;
        self.chunks.get_mut(s / CHUNK)?.as_mut()?[s % CHUNK].as_mut()
    }

    pub fn remove(&mut self, slot: Slot) -> Option<T> {
        let (c, i) = (slot as usize / CHUNK, slot as usize % CHUNK);
        let value = self.chunks.get_mut(c)?.as_mut()?[i].take()?;
        self.free.push(slot);
        self.counts[c] -= 1;
        if self.counts[c] == 0 {
            self.chunks[c] = None;
        }
        if self.free.len() == self.used {
            // Nothing stored: start over with no memory held.
            *self = Slab::default();
        }
        Some(value)
    }

    /// Every stored record, in slot order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (Slot, &T)> {
        self.chunks
            .iter()
            .enumerate()
            .filter_map(|(c, chunk)| Some((c, chunk.as_ref()?)))
            .flat_map(|(c, chunk)| {
                chunk
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, v)| Some(((c * CHUNK + i) as Slot, v.as_ref()?)))
            })
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
    fn empty_chunks_are_freed() {
        let mut s = Slab::default();
        let slots: Vec<Slot> = (0..3 * CHUNK).map(|i| s.insert(i)).collect();
        for k in &slots[CHUNK..2 * CHUNK] {
            s.remove(*k);
        }
        assert!(s.chunks[1].is_none(), "the middle chunk is gone");
        assert!(slots[..CHUNK].iter().all(|k| s.get(*k).is_some()));
        assert_eq!(s.iter().count(), 2 * CHUNK);
        let again = s.insert(7);
        assert_eq!(
            s.get(again),
            Some(&7),
            "a slot of a freed chunk is usable again"
        );
        for k in slots[..CHUNK]
            .iter()
            .chain(&slots[2 * CHUNK..])
            .chain([&again])
        {
            s.remove(*k);
        }
        assert_eq!(
            (s.chunks.capacity(), s.free.capacity()),
            (0, 0),
            "nothing held"
        );
        assert_eq!(s.insert(1), 0, "starts over");
    }

    #[test]
    fn grows_by_whole_chunks() {
        let mut s = Slab::default();
        let slots: Vec<Slot> = (0..2 * CHUNK + 1).map(|i| s.insert(i)).collect();
        assert_eq!(s.chunks.len(), 3);
        assert!(slots.iter().enumerate().all(|(i, k)| s.get(*k) == Some(&i)));
    }
}
