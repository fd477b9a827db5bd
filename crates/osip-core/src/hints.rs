//! What the C layer sets when the library loads. Hints about memory to the
//! CPU (prefetch) and to the kernel (huge pages): they change no result,
//! only how fast memory comes (the engine's tables are far larger than the
//! CPU cache with a million transactions), and issuing them takes `unsafe`
//! (an intrinsic, a system call); without them (unit tests) they do
//! nothing. And whether the engine cross-checks its answers.

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

/// Whether the engine's answers are checked against the public lists on
/// every operation (see `engine::check`): set by the C layer when the
/// library loads (debug builds, or `OSIP2RS_CROSS_CHECK=1`).
static CROSS_CHECK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_cross_check(on: bool) {
    CROSS_CHECK.store(on, std::sync::atomic::Ordering::Relaxed);
}

pub fn cross_check() -> bool {
    CROSS_CHECK.load(std::sync::atomic::Ordering::Relaxed)
}
