//! Call-ID and CSeq (`osip_call_id_t`, `osip_cseq_t`): the logic is
//! `osip_parser::headers::{call_id, cseq}`.

use super::{forget, give, give_str, handed, init};
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::code::OSIP_BADPARAMETER;
use osip_parser::headers::{call_id, cseq};
use osip_parser_abi::{osip_call_id_t, osip_cseq_t};
use std::ptr;

/// Allocates an empty Call-ID into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_init(#[nonnull] dest: *mut *mut osip_call_id_t) -> c_int {
    init(dest)
}

/// Frees a Call-ID and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_free(header: *mut osip_call_id_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_call_id_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_parse(
    #[nonnull] header: *mut osip_call_id_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    call_id::parse(header, hvalue.to_bytes())
}

/// The Call-ID as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_to_str(
    header: *const osip_call_id_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, call_id::to_str(header))
}

/// A copy of the Call-ID into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_clone(
    header: *const osip_call_id_t,
    #[nonnull] dest: *mut *mut osip_call_id_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, call_id::clone(header))
}

/// Whether two Call-ID headers match: 0, -1, or -2.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_match(
    a: *mut osip_call_id_t,
    b: *mut osip_call_id_t,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    call_id::matches(a, b)
}

/// The number, or NULL (also for a NULL element, where Debian's CSeq getters
/// dereference it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_get_number(
    #[nonnull] header: *mut osip_call_id_t,
) -> *mut c_char {
    header.number_ptr() as *mut c_char
}

/// Stores `value` as the number (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_set_number(
    #[nonnull] header: *mut osip_call_id_t,
    value: *mut c_char,
) {
    forget(header.take_number());
    // SAFETY: the caller hands the string over.
    header.set_number(unsafe { handed(value) });
}

/// The host, or NULL (also for a NULL element, where Debian's CSeq getters
/// dereference it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_get_host(
    #[nonnull] header: *mut osip_call_id_t,
) -> *mut c_char {
    header.host_ptr() as *mut c_char
}

/// Stores `value` as the host (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_id_set_host(
    #[nonnull] header: *mut osip_call_id_t,
    value: *mut c_char,
) {
    forget(header.take_host());
    // SAFETY: the caller hands the string over.
    header.set_host(unsafe { handed(value) });
}

/// Allocates an empty CSeq into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_init(#[nonnull] dest: *mut *mut osip_cseq_t) -> c_int {
    init(dest)
}

/// Frees a CSeq and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_free(header: *mut osip_cseq_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_cseq_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_parse(
    #[nonnull] header: *mut osip_cseq_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    cseq::parse(header, hvalue.to_bytes())
}

/// The CSeq as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_to_str(
    header: *const osip_cseq_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, cseq::to_str(header))
}

/// A copy of the CSeq into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_clone(
    header: *const osip_cseq_t,
    #[nonnull] dest: *mut *mut osip_cseq_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, cseq::clone(header))
}

/// Whether two CSeq headers match: 0, -1, or -2.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_match(a: *mut osip_cseq_t, b: *mut osip_cseq_t) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    cseq::matches(a, b)
}

/// The number, or NULL (also for a NULL element, where Debian's CSeq getters
/// dereference it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_get_number(#[nonnull] header: *mut osip_cseq_t) -> *mut c_char {
    header.number_ptr() as *mut c_char
}

/// Stores `value` as the number (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_set_number(
    #[nonnull] header: *mut osip_cseq_t,
    value: *mut c_char,
) {
    forget(header.take_number());
    // SAFETY: the caller hands the string over.
    header.set_number(unsafe { handed(value) });
}

/// The method, or NULL (also for a NULL element, where Debian's CSeq getters
/// dereference it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_get_method(#[nonnull] header: *mut osip_cseq_t) -> *mut c_char {
    header.method_ptr() as *mut c_char
}

/// Stores `value` as the method (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_cseq_set_method(
    #[nonnull] header: *mut osip_cseq_t,
    value: *mut c_char,
) {
    forget(header.take_method());
    // SAFETY: the caller hands the string over.
    header.set_method(unsafe { handed(value) });
}
