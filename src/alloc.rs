//! Memory that crosses the C boundary goes through the parser's allocator
//! hooks (`osip_malloc_func` / `osip_free_func`, installed by applications
//! with `osip_set_allocators`), never through Rust's global allocator: C code
//! frees events, thread handles and dialog strings with `osip_free`.

use crate::parser::funcs::{osip_free_func, osip_malloc_func};
use libc::c_void;
use std::mem::size_of;
use std::ptr;

/// `osip_malloc`: the application's allocator if set, else `malloc`.
pub unsafe fn osip_malloc(size: usize) -> *mut c_void {
    // SAFETY: reading the parser's hook variable; applications set it before
    // starting threads, exactly as the C library assumes.
    let hook = unsafe { ptr::addr_of!(osip_malloc_func).read() };
    match hook {
        // SAFETY: the hook has malloc's contract.
        Some(f) => unsafe { f(size) },
        // SAFETY: plain malloc.
        None => unsafe { libc::malloc(size) },
    }
}

/// Whether the application installed its own allocator
/// (`osip_set_allocators`).
pub fn hooked() -> bool {
    // SAFETY: reading the parser's hook variable; applications set it before
    // starting threads, exactly as the C library assumes.
    unsafe { ptr::addr_of!(osip_malloc_func).read() }.is_some()
}

/// `osip_free`: NULL is ignored.
pub unsafe fn osip_free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: see `osip_malloc`.
    let hook = unsafe { ptr::addr_of!(osip_free_func).read() };
    match hook {
        // SAFETY: `p` came from the matching allocator.
        Some(f) => unsafe { f(p) },
        // SAFETY: `p` came from malloc.
        None => unsafe { libc::free(p) },
    }
}

/// Allocates a zero-filled `T` with `osip_malloc`; NULL when out of memory.
///
/// Without an application allocator this is `calloc`, which knows when the
/// memory is fresh from the system and already zero: a transaction (when
/// `crate::pool` stands aside) embeds a 16 KB SRV record that most
/// applications never touch, and clearing it by hand would fault in its
/// pages on every create.
pub unsafe fn osip_calloc<T>() -> *mut T {
    if !hooked() {
        // SAFETY: plain allocation; calloc returns zeroed memory or NULL.
        return unsafe { libc::calloc(1, size_of::<T>()) } as *mut T;
    }
    // SAFETY: plain allocation.
    let p = unsafe { osip_malloc(size_of::<T>()) } as *mut T;
    if !p.is_null() {
        // SAFETY: `p` points to `size_of::<T>()` writable bytes.
        unsafe { ptr::write_bytes(p as *mut u8, 0, size_of::<T>()) };
    }
    p
}
