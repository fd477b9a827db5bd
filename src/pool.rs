//! Memory for `osip_transaction_t`.
//!
//! The ABI embeds a 15.7 KB SRV record in every transaction, which most
//! applications never fill. Clearing the whole struct at creation, as
//! libosip2 does through `memset`, writes four pages per transaction: with
//! many live transactions each create then faults in fresh pages and spends
//! most of its time in the kernel, and every transaction keeps 16 KB
//! resident. Here transactions live in page-aligned slots of four pages,
//! carved from large anonymous mappings. A fresh slot is zero already, so a
//! create only touches the pages holding the fields the library writes.
//!
//! A freed slot is cleared (only where it is not zero: reading a page nobody
//! wrote maps the kernel's shared zero page and writes nothing) and kept
//! warm for the next create, most recently freed first. The warm reserve is
//! bounded: beyond [`RESERVE`] slots or a quarter of the live ones,
//! whichever is more, the slots freed longest ago go back to the kernel
//! (`madvise(MADV_DONTNEED)`: their pages are dropped and read as zero
//! again), by batches of adjacent slots. A steady load reuses warm slots
//! without a system call; after a peak the memory returns to the system.
//! When no transaction and no `osip_t` is left, the mappings and the
//! bookkeeping go too.
//!
//! Under Valgrind the pool tells memcheck what it does (client requests:
//! a slot handed out is a zeroed heap block, a freed one is inaccessible,
//! unused parts of a mapping too), so Valgrind checks the allocator that
//! ships: a use after free of a pooled transaction is reported, and so is a
//! transaction never freed. The pool stands aside, and transactions come
//! from `osip_malloc` as in libosip2, when the application installed
//! allocator hooks (`osip_set_allocators`), under a sanitizer runtime
//! (its checks only know allocator blocks) and when
//! `OSIP2RS_TRANSACTION_POOL=0` is in the environment (for heap profilers).
//! Sanitizers are recognised when their runtime is loaded as C compilers
//! link it (exporting its interface); a Rust program built with
//! `-Zsanitizer` keeps it hidden and gets the pool.
//!
//! [`Pool`] is the bookkeeping alone, on plain addresses; the functions at
//! the bottom map, clear and release memory.

use crate::abi::osip::osip_transaction_t;
use crate::sys::valgrind;
use std::collections::VecDeque;
use std::mem::size_of;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

const PAGE: usize = 4096;
/// One mapping, aligned to its size so that an address finds its chunk by
/// masking.
const CHUNK: usize = 32 << 20;
/// A transaction, rounded up to whole pages: slots are released to the
/// kernel page by page without touching a neighbour.
const SLOT: usize = size_of::<osip_transaction_t>().next_multiple_of(PAGE);
const PER_CHUNK: usize = CHUNK / SLOT;
/// Warm slots kept whatever the load (a few MB resident at most).
pub const RESERVE: usize = 256;
/// Slots released together, once the warm ones exceed their bound by this
/// many: one `madvise` for each run of adjacent ones.
const BATCH: usize = 64;

/// What [`Pool::give`] made of an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given {
    /// A live slot: it is free now.
    Freed,
    /// A slot of ours that is already free (a double free): ignored.
    NotLive,
    /// Not ours: it came from `osip_malloc`.
    Foreign,
}

struct Chunk {
    /// Base address / CHUNK. Not the address itself: to Valgrind's leak
    /// checker that would be a pointer to the chunk's first slot, keeping a
    /// transaction the application never freed "still reachable".
    number: usize,
    /// One bit per slot: handed out and not given back.
    live: Vec<u64>,
}

/// Slots handed out and given back, over chunks obtained from a mapper.
#[derive(Default)]
pub struct Pool {
    /// Sorted by base.
    chunks: Vec<Chunk>,
    /// The next never-used slot of the newest chunk, and its end.
    fresh: usize,
    end: usize,
    /// Given back and cleared by the caller, pages still resident: reused
    /// newest first (their lines are the likeliest to be cached), released
    /// oldest first.
    warm: VecDeque<usize>,
    /// Given back and released to the kernel: zero, not resident.
    cold: Vec<usize>,
    /// Slots handed out.
    live: usize,
    /// Live `osip_t` instances (the pool is dismantled when it is idle and
    /// none is left).
    instances: usize,
}

impl Pool {
    const fn new() -> Pool {
        Pool {
            chunks: Vec::new(),
            fresh: 0,
            end: 0,
            warm: VecDeque::new(),
            cold: Vec::new(),
            live: 0,
            instances: 0,
        }
    }

    /// A zeroed slot (when the caller clears what it gives back), or None
    /// when `map` cannot provide a new chunk. `map` returns the base of
    /// `CHUNK` fresh bytes aligned to `CHUNK`.
    pub fn take(&mut self, map: impl FnOnce() -> Option<usize>) -> Option<usize> {
        let slot = match self.warm.pop_back().or_else(|| self.cold.pop()) {
            Some(s) => s,
            None => {
                if self.fresh + SLOT > self.end {
                    let base = map()?;
                    debug_assert_eq!(base % CHUNK, 0);
                    let number = base / CHUNK;
                    let at = self.chunks.partition_point(|c| c.number < number);
                    let live = vec![0; PER_CHUNK.div_ceil(64)];
                    self.chunks.insert(at, Chunk { number, live });
                    (self.fresh, self.end) = (base, base + PER_CHUNK * SLOT);
                }
                self.fresh += SLOT;
                self.fresh - SLOT
            }
        };
        self.set_live(slot, true);
        self.live += 1;
        Some(slot)
    }

    /// Takes back `addr` (already cleared by the caller if it is a live slot:
    /// ask [`Pool::is_live`] first).
    pub fn give(&mut self, addr: usize) -> Given {
        match self.chunk_of(addr) {
            None => Given::Foreign,
            Some(_) if !self.is_live(addr) => Given::NotLive,
            Some(_) => {
                self.set_live(addr, false);
                self.live -= 1;
                self.warm.push_back(addr);
                Given::Freed
            }
        }
    }

    /// The warm slots to give back to the kernel now, oldest first; the
    /// caller releases them and hands them to [`Pool::cooled`].
    pub fn excess(&mut self) -> Vec<usize> {
        let bound = RESERVE.max(self.live / 4);
        if self.warm.len() < bound + BATCH {
            return Vec::new();
        }
        let n = self.warm.len() - bound;
        self.warm.drain(..n).collect()
    }

    /// Slots from [`Pool::excess`], released: zero and not resident.
    pub fn cooled(&mut self, slots: Vec<usize>) {
        self.cold.extend(slots);
    }

    /// Whether no slot is handed out and no instance is left.
    pub fn is_idle(&self) -> bool {
        self.live == 0 && self.instances == 0
    }

    /// Forgets every chunk (the caller unmaps them) and frees the
    /// bookkeeping; returns the bases. Only when idle.
    pub fn dismantle(&mut self) -> Vec<usize> {
        debug_assert!(self.is_idle());
        let bases = self.chunks.iter().map(|c| c.number * CHUNK).collect();
        *self = Pool::new();
        bases
    }

    /// Whether `addr` is a slot of ours that is handed out.
    pub fn is_live(&self, addr: usize) -> bool {
        self.locate(addr)
            .is_some_and(|(c, i)| self.chunks[c].live[i / 64] & 1 << (i % 64) != 0)
    }

    /// Whether `addr` lies in one of our chunks (a slot or not).
    pub fn owns(&self, addr: usize) -> bool {
        self.chunk_of(addr).is_some()
    }

    fn chunk_of(&self, addr: usize) -> Option<usize> {
        self.chunks
            .binary_search_by_key(&(addr / CHUNK), |c| c.number)
            .ok()
    }

    /// The chunk and slot number of the slot starting at `addr`.
    fn locate(&self, addr: usize) -> Option<(usize, usize)> {
        let c = self.chunk_of(addr)?;
        let off = addr % CHUNK;
        (off.is_multiple_of(SLOT) && off / SLOT < PER_CHUNK).then_some((c, off / SLOT))
    }

    fn set_live(&mut self, addr: usize, on: bool) {
        if let Some((c, i)) = self.locate(addr) {
            let word = &mut self.chunks[c].live[i / 64];
            if on {
                *word |= 1 << (i % 64);
            } else {
                *word &= !(1 << (i % 64));
            }
        }
    }
}

/// Address ranges covering `slots` (sorted here): adjacent slots make one
/// range.
fn runs(slots: &mut [usize]) -> Vec<(usize, usize)> {
    slots.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &s in slots.iter() {
        match out.last_mut() {
            Some((start, len)) if *start + *len == s => *len += SLOT,
            _ => out.push((s, SLOT)),
        }
    }
    out
}

static POOL: Mutex<Pool> = Mutex::new(Pool::new());

fn pool() -> MutexGuard<'static, Pool> {
    POOL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Holds the pool across a fork (see `crate::forksafe`).
pub(crate) fn hold_for_fork(held: &mut crate::forksafe::Held) {
    held.push(Box::new(pool()));
}

/// Whether this process may use the pool at all, decided on first use:
/// 0 not decided yet, 1 no, 2 yes. An atomic rather than a lazy cell: no
/// lock a fork could catch half-way (two threads deciding at once decide
/// the same).
static ENABLED: AtomicU8 = AtomicU8::new(0);

/// `OSIP2RS_TRANSACTION_POOL=0` turns the pool off, `=1` keeps it on under
/// sanitizers too.
fn enabled() -> bool {
    match ENABLED.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            // getenv rather than std::env: no lock (see above).
            // SAFETY: a NUL-terminated name; the value is only read here.
            let v = unsafe { libc::getenv(c"OSIP2RS_TRANSACTION_POOL".as_ptr()) };
            let setting = if v.is_null() {
                None
            } else {
                // SAFETY: getenv returns a NUL-terminated string.
                Some(unsafe { std::ffi::CStr::from_ptr(v) }.to_bytes())
            };
            let on = match setting {
                Some(b"0") => false,
                Some(b"1") => true,
                _ => !crate::sys::sanitizer_present(),
            };
            ENABLED.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

/// Whether transactions created now come from the pool.
pub fn active() -> bool {
    !crate::alloc::hooked() && enabled()
}

/// Whether `tr` is a slot of ours that was freed and not handed out again.
pub fn is_freed(tr: *const osip_transaction_t) -> bool {
    let p = pool();
    p.owns(tr as usize) && !p.is_live(tr as usize)
}

/// A zeroed transaction from the pool, or None when the pool stands aside
/// (see the module documentation) or cannot map memory: the caller then
/// allocates with `osip_malloc`.
pub fn alloc() -> Option<*mut osip_transaction_t> {
    if !active() {
        return None;
    }
    let slot = pool().take(map_chunk)?;
    valgrind::malloclike_block(slot, size_of::<osip_transaction_t>(), true);
    Some(slot as *mut osip_transaction_t)
}

/// Gives a transaction's memory back if it is ours. False when `tr` did not
/// come from the pool: the caller frees it with `osip_free`.
///
/// # Safety
/// `tr` is a transaction nobody uses any more, or a pointer into an already
/// released slot of ours.
pub unsafe fn release(tr: *mut osip_transaction_t) -> bool {
    let addr = tr as usize;
    let live = {
        let p = pool();
        if !p.owns(addr) {
            return false;
        }
        p.is_live(addr)
    };
    if live {
        // SAFETY: a live slot holds `size_of::<osip_transaction_t>()` bytes
        // that only its (finished) owner used.
        unsafe { clear(addr) };
        valgrind::freelike_block(addr);
    }
    // A double free (not live) or a stray pointer into a chunk is ignored.
    let mut p = pool();
    p.give(addr);
    let mut excess = p.excess();
    if !excess.is_empty() {
        for (start, len) in runs(&mut excess) {
            // SAFETY: whole free slots of our mapping: nobody uses them, and
            // dropped pages read as zero, the state of a fresh slot.
            unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        }
        p.cooled(excess);
    }
    dismantle_if_idle(&mut p);
    true
}

/// An `osip_t` was made.
pub(crate) fn instance_created() {
    pool().instances += 1;
}

/// An `osip_t` was released.
pub(crate) fn instance_released() {
    let mut p = pool();
    p.instances = p.instances.saturating_sub(1);
    dismantle_if_idle(&mut p);
}

/// With no transaction and no instance left, the mappings and the
/// bookkeeping go, so nothing of the pool stays in use after a program's
/// orderly shutdown (whether it freed its last transactions before or after
/// its last `osip_release`).
fn dismantle_if_idle(p: &mut Pool) {
    if !p.is_idle() || p.chunks.is_empty() {
        return;
    }
    for base in p.dismantle() {
        // SAFETY: a whole chunk of ours with no slot handed out.
        unsafe { libc::munmap(base as *mut libc::c_void, CHUNK) };
    }
}

/// Zeroes the transaction at `addr`, page by page, skipping pages that are
/// zero already so that pages never written stay unwritten.
///
/// # Safety
/// `addr` starts `size_of::<osip_transaction_t>()` writable bytes, aligned
/// to 64.
unsafe fn clear(addr: usize) {
    let end = addr + size_of::<osip_transaction_t>();
    let mut at = addr;
    while at < end {
        let stop = ((at / PAGE + 1) * PAGE).min(end);
        // SAFETY: [at, stop) lies within the slot, 8-byte aligned (slots are
        // page-aligned, the size a multiple of 8).
        let words = unsafe { std::slice::from_raw_parts_mut(at as *mut u64, (stop - at) / 8) };
        // An OR over the whole page (no early exit) compiles to wide loads.
        if words.iter().fold(0, |acc, &w| acc | w) != 0 {
            words.fill(0);
        }
        at = stop;
    }
}

/// Maps a fresh chunk aligned to its size.
fn map_chunk() -> Option<usize> {
    // SAFETY: a new private anonymous mapping; no existing memory changes.
    // NORESERVE: only the pages slots touch are committed.
    let m = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            2 * CHUNK,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if m == libc::MAP_FAILED {
        return None;
    }
    let start = m as usize;
    let base = start.next_multiple_of(CHUNK);
    // SAFETY: both ranges lie inside the mapping just made and outside the
    // aligned chunk we keep; nothing refers to them.
    unsafe {
        if base > start {
            libc::munmap(start as *mut libc::c_void, base - start);
        }
        let tail = base + CHUNK;
        if start + 2 * CHUNK > tail {
            libc::munmap(tail as *mut libc::c_void, start + 2 * CHUNK - tail);
        }
    }
    // Until a slot is handed out, nothing may touch the chunk.
    valgrind::make_mem_noaccess(base, CHUNK);
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fake chunk bases: the bookkeeping never touches memory.
    fn chunks() -> impl FnMut() -> Option<usize> {
        let mut next = 0x10_0000_0000usize;
        move || {
            next += CHUNK;
            Some(next)
        }
    }

    #[test]
    fn slots_are_whole_pages() {
        assert_eq!(SLOT % PAGE, 0);
        assert!(SLOT - size_of::<osip_transaction_t>() < PAGE);
        assert_eq!(CHUNK % SLOT, 0, "no page of a chunk is left over");
    }

    #[test]
    fn slots_are_carved_in_order_then_reused_last_freed_first() {
        let mut p = Pool::default();
        let mut map = chunks();
        let a = p.take(&mut map).unwrap();
        let b = p.take(&mut map).unwrap();
        assert_eq!(b - a, SLOT);
        assert_eq!(a % PAGE, 0);
        assert_eq!(p.give(a), Given::Freed);
        assert_eq!(p.give(b), Given::Freed);
        assert_eq!(p.take(|| panic!("no new chunk needed")), Some(b));
        assert_eq!(p.take(|| panic!("no new chunk needed")), Some(a));
    }

    #[test]
    fn a_full_chunk_leads_to_a_new_one() {
        let mut p = Pool::default();
        let mut map = chunks();
        let first: Vec<_> = (0..PER_CHUNK).map(|_| p.take(&mut map).unwrap()).collect();
        let next = p.take(&mut map).unwrap();
        assert_eq!(next % CHUNK, 0, "starts the second chunk");
        assert!(first.iter().all(|&s| s & !(CHUNK - 1) != next));
        assert!(first.iter().chain([&next]).all(|&s| p.is_live(s)));
    }

    #[test]
    fn no_memory_is_no_slot() {
        let mut p = Pool::default();
        assert_eq!(p.take(|| None), None);
    }

    #[test]
    fn double_frees_and_foreign_or_inner_pointers_are_told_apart() {
        let mut p = Pool::default();
        let a = p.take(chunks()).unwrap();
        assert!(p.is_live(a));
        assert_eq!(p.give(a + 8), Given::NotLive, "inside a slot, not a slot");
        assert_eq!(p.give(a), Given::Freed);
        assert!(!p.is_live(a));
        assert_eq!(p.give(a), Given::NotLive, "second free ignored");
        assert_eq!(p.give(0x1000), Given::Foreign);
        assert!(!p.owns(0x1000));
        assert_eq!(p.take(|| None), Some(a), "reused once, not twice");
        assert_eq!(p.take(|| None), Some(a + SLOT), "then fresh slots");
    }

    #[test]
    fn after_a_peak_the_warm_slots_shrink_to_the_reserve() {
        let mut p = Pool::default();
        let mut map = chunks();
        let n = 20_000;
        let slots: Vec<_> = (0..n).map(|_| p.take(&mut map).unwrap()).collect();
        let mut released = 0;
        for s in &slots {
            p.give(*s);
            let batch = p.excess();
            // Bounded by a quarter of the live ones (or the reserve), by batches.
            assert!(batch.is_empty() || batch.len() >= BATCH);
            released += batch.len();
            p.cooled(batch);
            assert!(p.warm.len() < RESERVE.max(p.live / 4) + BATCH);
        }
        assert_eq!(p.live, 0);
        assert!(p.warm.len() < RESERVE + BATCH);
        assert_eq!(released + p.warm.len(), n);
        // Released slots are handed out again (after the warm ones).
        let again: Vec<_> = (0..n)
            .map(|_| p.take(|| panic!("no new chunk")).unwrap())
            .collect();
        assert_eq!(again.len(), n);
    }

    #[test]
    fn a_steady_load_releases_nothing() {
        let mut p = Pool::default();
        let mut map = chunks();
        let mut live: VecDeque<usize> = (0..10_000).map(|_| p.take(&mut map).unwrap()).collect();
        // Free and create in batches of a tenth: the batch stays warm.
        for _ in 0..20 {
            for _ in 0..1_000 {
                p.give(live.pop_front().unwrap());
                assert!(p.excess().is_empty(), "released during a steady load");
            }
            for _ in 0..1_000 {
                live.push_back(p.take(|| panic!("no new chunk")).unwrap());
            }
        }
    }

    #[test]
    fn adjacent_slots_make_one_range() {
        let b = 0x10_0000_0000;
        assert_eq!(
            runs(&mut [b + 2 * SLOT, b, b + SLOT, b + 5 * SLOT]),
            vec![(b, 3 * SLOT), (b + 5 * SLOT, SLOT)]
        );
    }

    #[test]
    fn an_idle_pool_is_dismantled() {
        let mut p = Pool::default();
        let mut map = chunks();
        p.instances = 1;
        let a = p.take(&mut map).unwrap();
        p.give(a);
        assert!(!p.is_idle(), "an instance is left");
        p.instances = 0;
        let b = p.take(&mut map).unwrap();
        assert!(!p.is_idle(), "a transaction is left");
        p.give(b);
        assert!(p.is_idle());
        assert_eq!(p.dismantle().len(), 1);
        assert!(!p.owns(a));
        assert_eq!(
            p.chunks.capacity() + p.warm.capacity() + p.cold.capacity(),
            0
        );
    }

    #[test]
    fn clearing_zeroes_what_was_written() {
        let base = map_chunk().expect("mmap");
        let tr = base as *mut osip_transaction_t;
        // SAFETY: a fresh mapping of CHUNK bytes, larger than a transaction.
        unsafe {
            (*tr).record.name[100] = 7;
            (*tr).reserved6 = 9 as *mut libc::c_void;
            (*tr).transactionid = 3;
            clear(base);
            let bytes =
                std::slice::from_raw_parts(base as *const u8, size_of::<osip_transaction_t>());
            assert!(bytes.iter().all(|&b| b == 0));
            libc::munmap(base as *mut libc::c_void, CHUNK);
        }
    }

    /// Resident memory of this process, in bytes.
    fn rss() -> usize {
        let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
        let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
        pages * PAGE
    }

    #[test]
    fn clearing_untouched_slots_commits_no_memory() {
        let base = map_chunk().expect("mmap");
        let before = rss();
        for i in 0..PER_CHUNK {
            // SAFETY: slot i of a fresh chunk of ours.
            unsafe { clear(base + i * SLOT) };
        }
        let grown = rss().saturating_sub(before);
        // SAFETY: our mapping, no longer used.
        unsafe { libc::munmap(base as *mut libc::c_void, CHUNK) };
        // Written, the chunk would be 32 MB; other tests may allocate a little
        // meanwhile.
        assert!(
            grown < CHUNK / 4,
            "clearing zero pages committed {grown} bytes"
        );
    }
}
