//! `#[export]` as the libraries use it: what each parameter attribute makes
//! of a pointer, and what a NULL one returns.
// The expansion tests the library's `fault-injection` feature, which this
// test crate does not declare.
#![allow(unexpected_cfgs)]
#![deny(unsafe_op_in_unsafe_fn)]

use osip_cabi::export;
use std::ffi::{c_char, c_int};
use std::ptr::{self, NonNull};

#[repr(C)]
struct Pair {
    a: c_int,
    b: c_int,
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_swap(#[nonnull] p: *mut Pair) -> c_int {
    let p: &mut Pair = p;
    std::mem::swap(&mut p.a, &mut p.b);
    p.a
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_first(#[nonnull] p: *const Pair) -> *const c_int {
    &p.a
}

#[export(refuse = -1)]
#[no_mangle]
pub unsafe extern "C" fn export_test_len(#[cstr] s: *const c_char) -> c_int {
    s.to_bytes().len() as c_int
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_store(#[nullable] out: *mut c_int, v: c_int) -> c_int {
    match out {
        Some(out) => {
            *out = v;
            1
        }
        None => 0,
    }
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_handle(#[handle] p: *mut Pair) -> *mut Pair {
    let p: NonNull<Pair> = p;
    p.as_ptr()
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_void(#[nonnull] p: *mut Pair, #[handle] q: *const Pair) {
    let _ = q;
    p.a = 7;
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_maybe_handle(#[nullable(handle)] p: *mut Pair) -> c_int {
    let p: Option<NonNull<Pair>> = p;
    c_int::from(p.is_some())
}

#[test]
fn non_null_pointers_become_references_and_null_is_refused() {
    let mut pair = Pair { a: 1, b: 2 };
    // SAFETY: a live pair, or NULL.
    unsafe {
        assert_eq!(export_test_swap(&mut pair), 2);
        assert_eq!((pair.a, pair.b), (2, 1));
        assert_eq!(export_test_swap(ptr::null_mut()), -2, "OSIP_BADPARAMETER");
        assert_eq!(export_test_first(&pair), &pair.a as *const c_int);
        assert!(export_test_first(ptr::null()).is_null());
    }
}

#[test]
fn strings_and_overridden_refusals() {
    // SAFETY: a NUL-terminated literal, or NULL.
    unsafe {
        assert_eq!(export_test_len(c"abc".as_ptr()), 3);
        assert_eq!(export_test_len(ptr::null()), -1);
    }
}

#[test]
fn nullable_pointers_are_options() {
    let mut v = 0;
    // SAFETY: a live int, or NULL.
    unsafe {
        assert_eq!(export_test_store(&mut v, 5), 1);
        assert_eq!(export_test_store(ptr::null_mut(), 5), 0);
    }
    assert_eq!(v, 5);
}

#[test]
fn handles_stay_pointers_and_null_is_refused() {
    let mut pair = Pair { a: 1, b: 2 };
    let p: *mut Pair = &mut pair;
    // SAFETY: the entry points only compare or write a live pair.
    unsafe {
        assert_eq!(export_test_handle(p), p);
        assert!(export_test_handle(ptr::null_mut()).is_null());
        export_test_void(p, ptr::null());
        assert_eq!(pair.a, 1, "refused: the second argument is NULL");
        export_test_void(p, p);
        assert_eq!(pair.a, 7);
    }
}

#[test]
fn nullable_handles_stay_pointers_and_null_is_none() {
    let mut pair = Pair { a: 1, b: 2 };
    // SAFETY: the entry point only looks at whether the pointer is NULL.
    assert_eq!(unsafe { export_test_maybe_handle(&mut pair) }, 1);
    // SAFETY: as above.
    assert_eq!(unsafe { export_test_maybe_handle(ptr::null_mut()) }, 0);
}
