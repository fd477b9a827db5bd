//! `#[export]`'s argument kinds: what reaches the body, and the refusal a
//! NULL one gets.
// The expansion tests the `fault-injection` feature of the library using
// it; this test crate has none.
#![allow(unexpected_cfgs)]

use libc::c_int;
use osip_cabi::export;
use std::ffi::CStr;
use std::ptr::{self, NonNull};

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_nonnull(#[nonnull] x: *mut c_int) -> c_int {
    *x += 1;
    *x
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_kept(#[nonnull(ptr)] x: *mut c_int) -> *mut c_int {
    let p: NonNull<c_int> = x;
    p.as_ptr()
}

#[export(refuse = -1)]
#[no_mangle]
pub unsafe extern "C" fn export_test_nullable(
    #[nullable] out: *mut c_int,
    #[nullable(ptr)] other: *const c_int,
) -> c_int {
    if let Some(out) = out {
        *out = 7;
    }
    // SAFETY: the test passes NULL or a valid int.
    other.map_or(0, |p| unsafe { *p.as_ptr() })
}

#[export]
#[no_mangle]
pub unsafe extern "C" fn export_test_cstr(#[cstr] s: *const libc::c_char) -> c_int {
    let s: &CStr = s;
    s.to_bytes().len() as c_int
}

#[test]
fn arguments_and_refusals() {
    let mut n: c_int = 1;
    unsafe {
        assert_eq!(export_test_nonnull(&mut n), 2);
        assert_eq!(export_test_nonnull(ptr::null_mut()), osip_cabi::OSIP_BADPARAMETER);
        assert_eq!(export_test_kept(&mut n), &mut n as *mut c_int);
        assert!(export_test_kept(ptr::null_mut()).is_null());
        // Nullable arguments are no reason to refuse.
        assert_eq!(export_test_nullable(ptr::null_mut(), ptr::null()), 0);
        let mut out: c_int = 0;
        assert_eq!(export_test_nullable(&mut out, &n), 2);
        assert_eq!(out, 7);
        assert_eq!(export_test_cstr(c"abc".as_ptr()), 3);
        assert_eq!(export_test_cstr(ptr::null()), osip_cabi::OSIP_BADPARAMETER);
    }
}
