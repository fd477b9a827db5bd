//! The three allocator hooks of libosipparser2: variables the application
//! sets with `osip_set_allocators` and reads through the `osip_malloc`,
//! `osip_realloc` and `osip_free` macros compiled into it. Our
//! libosipparser2 links this crate and exports them; everything else of
//! ours declares them (`osip_cmem::alloc`) and uses whichever parser the
//! process loaded. Unit tests of crates that allocate link it too.
#![allow(non_upper_case_globals)]

use libc::{c_void, size_t};

/// `osip_malloc_func`: NULL, or the application's malloc.
#[no_mangle]
pub static mut osip_malloc_func: Option<unsafe extern "C" fn(size: size_t) -> *mut c_void> = None;

/// `osip_realloc_func`: NULL, or the application's realloc.
#[no_mangle]
pub static mut osip_realloc_func: Option<
    unsafe extern "C" fn(ptr: *mut c_void, size: size_t) -> *mut c_void,
> = None;

/// `osip_free_func`: NULL, or the application's free.
#[no_mangle]
pub static mut osip_free_func: Option<unsafe extern "C" fn(ptr: *mut c_void)> = None;
