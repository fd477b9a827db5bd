//! Via (`osip_via_t`): the logic is `osip_parser::headers::via`.

use super::{forget, give, give_str, handed, init};
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::code::OSIP_BADPARAMETER;
use osip_parser::headers::via;
use osip_parser_abi::osip_via_t;
use std::ptr;

/// Allocates an empty Via into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_init(#[nonnull] dest: *mut *mut osip_via_t) -> c_int {
    init(dest)
}

/// Frees a Via and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_free(header: *mut osip_via_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_via_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_via_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_parse(
    #[nonnull] header: *mut osip_via_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    via::parse(header, hvalue.to_bytes())
}

/// The Via as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_to_str(
    header: *const osip_via_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, via::to_str(header))
}

/// A deep copy of the Via into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_clone(
    header: *const osip_via_t,
    #[nonnull] dest: *mut *mut osip_via_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, via::clone(header))
}

/// Whether two Vias serialise alike: 0, -1, or an error code.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_via_match(a: *mut osip_via_t, b: *mut osip_via_t) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    via::matches(a, b)
}

/// Stores `value` as the version (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_set_version(#[nonnull] header: *mut osip_via_t, value: *mut c_char) {
    forget(header.take_version());
    // SAFETY: the caller hands the string over.
    header.set_version(unsafe { handed(value) });
}

/// The version, or NULL (also for a NULL Via).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_get_version(#[nonnull] header: *mut osip_via_t) -> *mut c_char {
    header.version_ptr() as *mut c_char
}

/// Stores `value` as the protocol (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_set_protocol(#[nonnull] header: *mut osip_via_t, value: *mut c_char) {
    forget(header.take_protocol());
    // SAFETY: the caller hands the string over.
    header.set_protocol(unsafe { handed(value) });
}

/// The protocol, or NULL (also for a NULL Via).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_get_protocol(#[nonnull] header: *mut osip_via_t) -> *mut c_char {
    header.protocol_ptr() as *mut c_char
}

/// Stores `value` as the host (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_set_host(#[nonnull] header: *mut osip_via_t, value: *mut c_char) {
    forget(header.take_host());
    // SAFETY: the caller hands the string over.
    header.set_host(unsafe { handed(value) });
}

/// The host, or NULL (also for a NULL Via).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_get_host(#[nonnull] header: *mut osip_via_t) -> *mut c_char {
    header.host_ptr() as *mut c_char
}

/// Stores `value` as the port (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_set_port(#[nonnull] header: *mut osip_via_t, value: *mut c_char) {
    forget(header.take_port());
    // SAFETY: the caller hands the string over.
    header.set_port(unsafe { handed(value) });
}

/// The port, or NULL (also for a NULL Via).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_get_port(#[nonnull] header: *mut osip_via_t) -> *mut c_char {
    header.port_ptr() as *mut c_char
}

/// Stores `value` as the comment (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_set_comment(#[nonnull] header: *mut osip_via_t, value: *mut c_char) {
    forget(header.take_comment());
    // SAFETY: the caller hands the string over.
    header.set_comment(unsafe { handed(value) });
}

/// The comment, or NULL (also for a NULL Via).
#[export]
#[no_mangle]
pub unsafe extern "C" fn via_get_comment(#[nonnull] header: *mut osip_via_t) -> *mut c_char {
    header.comment_ptr() as *mut c_char
}
