//! Allocation through the parser library's hooks.
//!
//! The hooks are three variables of libosipparser2 (`osip_malloc_func`,
//! `osip_realloc_func`, `osip_free_func`), NULL unless the application set
//! them with `osip_set_allocators`. They are declared here and defined by
//! whichever libosipparser2 the process loaded: ours (`crates/alloc-hooks`,
//! linked into it) or Debian's, so that libosip2, the parser and the
//! application always agree on one allocator.

use libc::{c_void, size_t};
use std::ptr::NonNull;

pub type MallocFn = unsafe extern "C" fn(size: size_t) -> *mut c_void;
pub type ReallocFn = unsafe extern "C" fn(ptr: *mut c_void, size: size_t) -> *mut c_void;
pub type FreeFn = unsafe extern "C" fn(ptr: *mut c_void);

#[cfg(not(miri))]
extern "C" {
    static mut osip_malloc_func: Option<MallocFn>;
    static mut osip_realloc_func: Option<ReallocFn>;
    static mut osip_free_func: Option<FreeFn>;
}

/// Applications set the hooks before starting threads, as the C library
/// assumes; they are read, never written, here.
#[cfg(not(miri))]
fn malloc_hook() -> Option<MallocFn> {
    // SAFETY: a plain read of the parser's variable (see above).
    unsafe { osip_malloc_func }
}

#[cfg(not(miri))]
fn realloc_hook() -> Option<ReallocFn> {
    // SAFETY: as in `malloc_hook`.
    unsafe { osip_realloc_func }
}

#[cfg(not(miri))]
fn free_hook() -> Option<FreeFn> {
    // SAFETY: as in `malloc_hook`.
    unsafe { osip_free_func }
}

// Miri cannot read an extern static (.ci/miri): its tests run with libc's
// allocator, as a program that sets no hooks.
#[cfg(miri)]
fn malloc_hook() -> Option<MallocFn> {
    None
}

#[cfg(miri)]
fn realloc_hook() -> Option<ReallocFn> {
    None
}

#[cfg(miri)]
fn free_hook() -> Option<FreeFn> {
    None
}

/// Whether the application installed its own allocator.
pub fn hooked() -> bool {
    malloc_hook().is_some()
}

/// `osip_malloc(size)`; None when out of memory.
pub fn malloc(size: usize) -> Option<NonNull<u8>> {
    let p = match malloc_hook() {
        // SAFETY: the hook has malloc's contract.
        Some(f) => unsafe { f(size) },
        // SAFETY: plain malloc.
        None => unsafe { libc::malloc(size) },
    };
    NonNull::new(p as *mut u8)
}

/// `osip_malloc(size)` filled with zeros; None when out of memory.
pub fn calloc(size: usize) -> Option<NonNull<u8>> {
    // The structs of oSIP are small: malloc and a few stores cost less than
    // glibc's calloc (which clears what malloc hands out anyway). Large
    // blocks may come fresh from the system, already zero: calloc knows.
    if !hooked() && size > 1024 {
        // calloc knows when the memory is fresh from the system and
        // already zero.
        // SAFETY: plain calloc.
        return NonNull::new(unsafe { libc::calloc(1, size) } as *mut u8);
    }
    let p = malloc(size)?;
    // SAFETY: `p` is a fresh block of `size` writable bytes.
    unsafe { p.as_ptr().write_bytes(0, size) };
    Some(p)
}

/// `osip_realloc(p, size)`: NULL `p` allocates; None when out of memory
/// (the old block is then untouched).
///
/// # Safety
/// `p` is NULL or a live block of the osip allocator, not used after this
/// unless None is returned.
pub unsafe fn realloc(p: *mut u8, size: usize) -> Option<NonNull<u8>> {
    let q = match realloc_hook() {
        // SAFETY: the hook has realloc's contract; `p` is from the same
        // allocator per the contract.
        Some(f) => unsafe { f(p as *mut c_void, size) },
        // SAFETY: as above, with libc.
        None => unsafe { libc::realloc(p as *mut c_void, size) },
    };
    NonNull::new(q as *mut u8)
}

/// `osip_free(p)`; NULL is ignored.
///
/// # Safety
/// `p` is NULL or a live block of the osip allocator, not used after this.
pub unsafe fn free(p: *mut u8) {
    if p.is_null() {
        return;
    }
    match free_hook() {
        // SAFETY: `p` came from the matching allocator per the contract.
        Some(f) => unsafe { f(p as *mut c_void) },
        // SAFETY: as above, with libc.
        None => unsafe { libc::free(p as *mut c_void) },
    }
}
