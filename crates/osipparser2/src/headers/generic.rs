//! The generic header (`osip_header_t`): the logic is
//! `osip_parser::headers::header`.

use super::{forget, give, give_str, handed, init};
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::code::OSIP_BADPARAMETER;
use osip_parser::headers::header;
use osip_parser_abi::osip_header_t;
use std::ptr;

/// Allocates an empty header into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_init(#[nonnull] dest: *mut *mut osip_header_t) -> c_int {
    init(dest)
}

/// Frees a header, its name and value (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_free(header: *mut osip_header_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_header_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// `Name: value` into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_to_str(
    header: *const osip_header_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(h) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, header::to_str(h))
}

/// A copy of the header into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_clone(
    header: *const osip_header_t,
    #[nonnull] dest: *mut *mut osip_header_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(h) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, header::clone(h))
}

/// The name, or NULL (also for a NULL header).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_get_name(
    #[nonnull] header: *const osip_header_t,
) -> *mut c_char {
    header.hname_ptr() as *mut c_char
}

/// Stores `pname` as the name (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_set_name(
    #[nonnull] header: *mut osip_header_t,
    pname: *mut c_char,
) {
    forget(header.take_hname());
    // SAFETY: the caller hands the string over.
    header.set_hname(unsafe { handed(pname) });
}

/// The value, or NULL (also for a NULL header).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_get_value(
    #[nonnull] header: *const osip_header_t,
) -> *mut c_char {
    header.hvalue_ptr() as *mut c_char
}

/// Stores `pvalue` as the value (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_header_set_value(
    #[nonnull] header: *mut osip_header_t,
    pvalue: *mut c_char,
) {
    forget(header.take_hvalue());
    // SAFETY: the caller hands the string over.
    header.set_hvalue(unsafe { handed(pvalue) });
}
