//! Hints about memory to the CPU (prefetch) and to the kernel (huge pages).
//! They change no result, only how fast memory comes: the engine's tables
//! are far larger than the CPU cache with a million transactions. Issuing
//! them takes `unsafe` (an intrinsic, a system call), so the C layer
//! installs the two functions when the library loads; without them (unit
//! tests) the hints do nothing.

use std::sync::OnceLock;

/// What the C layer provides.
pub struct Hints {
    /// Start loading the cache line holding an address (any address: a
    /// prefetch never faults).
    pub prefetch: fn(usize),
    /// Back whole 2 MB pages inside `(address, bytes)` of a fresh, untouched
    /// array with huge pages.
    pub huge_pages: fn(usize, usize),
}

static HINTS: OnceLock<Hints> = OnceLock::new();

/// Installs the hints (the first call wins).
pub fn install(hints: Hints) {
    let _ = HINTS.set(hints);
}

pub fn prefetch(addr: usize) {
    if addr != 0 {
        if let Some(h) = HINTS.get() {
            (h.prefetch)(addr);
        }
    }
}

pub fn huge_pages(addr: usize, bytes: usize) {
    if let Some(h) = HINTS.get() {
        (h.huge_pages)(addr, bytes);
    }
}
