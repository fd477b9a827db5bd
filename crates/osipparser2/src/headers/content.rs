//! Content-Length (and Allow, Content-Encoding, Mime-Version, which are it
//! under other names), Content-Type and Accept, Accept-Encoding (and
//! Accept-Language), Call-Info (and Alert-Info, Error-Info,
//! Content-Disposition). The logic is in `osip_parser::headers`.

use super::{forget, give, give_str, handed, init};
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_SUCCESS};
use osip_parser::headers::{accept_encoding, call_info, content_length, content_type};
use osip_parser_abi::{
    osip_accept_encoding_t, osip_call_info_t, osip_content_length_t, osip_content_type_t,
};
use std::ffi::CStr;
use std::ptr;

/// Allocates an empty Content-Length into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_length_init(
    #[nonnull] dest: *mut *mut osip_content_length_t,
) -> c_int {
    init(dest)
}

/// Frees a Content-Length and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_length_free(header: *mut osip_content_length_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_content_length_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// A copy of the Content-Length into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_length_clone(
    header: *const osip_content_length_t,
    #[nonnull] dest: *mut *mut osip_content_length_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, content_length::clone(header))
}

/// Parses `hvalue` into `header`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_length_parse(
    #[nonnull] header: *mut osip_content_length_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    content_length::parse(header, hvalue.to_bytes())
}

/// A copy of the value into `*dest`; -4 (and NULL) when there is none.
/// `*dest` is left alone for a NULL element.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_length_to_str(
    #[nonnull] header: *const osip_content_length_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    give_str(dest, content_length::to_str(header))
}

/// Allocates an empty Content-Type into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_type_init(
    #[nonnull] dest: *mut *mut osip_content_type_t,
) -> c_int {
    init(dest)
}

/// Frees a Content-Type and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_type_free(header: *mut osip_content_type_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_content_type_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// A copy of the Content-Type into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_type_clone(
    header: *const osip_content_type_t,
    #[nonnull] dest: *mut *mut osip_content_type_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, content_type::clone(header))
}

/// Parses `hvalue` into `header`: a NULL or empty value is 0 with nothing
/// set (even for a NULL element, as in the library).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_type_parse(
    header: *mut osip_content_type_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated string.
    let Some(value) = (unsafe { osip_cabi::c_str(hvalue) }).map(CStr::to_bytes) else {
        return OSIP_SUCCESS;
    };
    if value.is_empty() {
        return OSIP_SUCCESS;
    }
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_mut() }) else {
        return OSIP_BADPARAMETER;
    };
    content_type::parse(header, value)
}

/// The Content-Type as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_type_to_str(
    header: *const osip_content_type_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, content_type::to_str(header))
}

/// The Accept (`" "` when empty) as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_to_str(
    header: *const osip_content_type_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, content_type::accept_to_str(header))
}

/// Allocates an empty Accept-Encoding into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_init(
    #[nonnull] dest: *mut *mut osip_accept_encoding_t,
) -> c_int {
    init(dest)
}

/// Frees a Accept-Encoding and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_free(header: *mut osip_accept_encoding_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_accept_encoding_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// A copy of the Accept-Encoding into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_clone(
    header: *const osip_accept_encoding_t,
    #[nonnull] dest: *mut *mut osip_accept_encoding_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, accept_encoding::clone(header))
}

/// Parses `hvalue` into `header`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_parse(
    #[nonnull] header: *mut osip_accept_encoding_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    accept_encoding::parse(header, hvalue.to_bytes())
}

/// The Accept-Encoding as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_to_str(
    header: *const osip_accept_encoding_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, accept_encoding::to_str(header))
}

/// The element, or NULL (also for a NULL header, where Debian
/// dereferences it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_get_element(
    #[nonnull] header: *const osip_accept_encoding_t,
) -> *mut c_char {
    header.element_ptr() as *mut c_char
}

/// Stores `value` as the element (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_accept_encoding_set_element(
    #[nonnull] header: *mut osip_accept_encoding_t,
    value: *mut c_char,
) {
    forget(header.take_element());
    // SAFETY: the caller hands the string over.
    header.set_element(unsafe { handed(value) });
}

/// Allocates an empty Call-Info into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_init(#[nonnull] dest: *mut *mut osip_call_info_t) -> c_int {
    init(dest)
}

/// Frees a Call-Info and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_free(header: *mut osip_call_info_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_call_info_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// A copy of the Call-Info into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_clone(
    header: *const osip_call_info_t,
    #[nonnull] dest: *mut *mut osip_call_info_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, call_info::clone(header))
}

/// Parses `hvalue` into `header`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_parse(
    #[nonnull] header: *mut osip_call_info_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    call_info::parse(header, hvalue.to_bytes())
}

/// The Call-Info as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_to_str(
    header: *const osip_call_info_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, call_info::to_str(header))
}

/// The element (the URI with its brackets), or NULL (also for a NULL
/// header, where Debian dereferences it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_get_uri(
    #[nonnull] header: *mut osip_call_info_t,
) -> *mut c_char {
    header.element_ptr() as *mut c_char
}

/// Stores `uri` as the element (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_call_info_set_uri(
    #[nonnull] header: *mut osip_call_info_t,
    uri: *mut c_char,
) {
    forget(header.take_element());
    // SAFETY: the caller hands the string over.
    header.set_element(unsafe { handed(uri) });
}

/// Parses a Content-Disposition value into `header` (a Call-Info element:
/// the other Content-Disposition functions are the Call-Info ones).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_content_disposition_parse(
    #[nonnull] header: *mut osip_call_info_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    call_info::parse_content_disposition(header, hvalue.to_bytes())
}
