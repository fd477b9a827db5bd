//! Bodies (`osip_body_t`) and the message's bodies: the logic is
//! `osip_parser::body`.
//!
//! NULL arguments where Debian dereferences them (`osip_body_init(NULL)`,
//! `osip_body_clone(b, NULL)`, a NULL `dest` to `osip_body_to_str`, a NULL
//! message to `osip_message_set_body` or `_get_body`) are refused with -2.

use libc::{c_char, c_int, size_t};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::body;
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS};
use osip_parser_abi::{osip_body_t, osip_message_t};
use std::ptr;

/// The `len` bytes at `buf` (None for NULL).
///
/// # Safety
/// `buf` is NULL or points to `len` readable bytes that stay unchanged
/// during the call.
unsafe fn bytes<'a>(buf: *const c_char, len: size_t) -> Option<&'a [u8]> {
    if buf.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    Some(unsafe { std::slice::from_raw_parts(buf as *const u8, len) })
}

/// Allocates an empty body (with its empty header list) into `*body`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_init(#[nonnull] body: *mut *mut osip_body_t) -> c_int {
    match body::new() {
        Some(b) => {
            *body = b.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *body = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Frees a body, its bytes, headers and content type (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_free(body: *mut osip_body_t) {
    // SAFETY: the caller hands the body over (NULL or from osip_body_init).
    drop(unsafe { Owned::from_raw(body) });
}

/// A copy of the body into `*dest` (untouched on error): -2 for a body of
/// length 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_clone(
    #[nonnull] body: *const osip_body_t,
    #[nonnull] dest: *mut *mut osip_body_t,
) -> c_int {
    match body::clone(body) {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// The `length` bytes at `buf` as the body's bytes (NULs allowed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_parse(
    #[nonnull] body: *mut osip_body_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    match unsafe { bytes(buf, length) } {
        Some(b) => body::parse(body, b),
        None => OSIP_BADPARAMETER,
    }
}

/// A MIME part (headers, blank line, content) of `length` bytes at `buf`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_parse_mime(
    #[nonnull] body: *mut osip_body_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    match unsafe { bytes(buf, length) } {
        Some(b) => body::parse_mime(body, b),
        None => OSIP_BADPARAMETER,
    }
}

/// The body as text (part headers, blank line, bytes) into `*dest` and its
/// length into `*str_length` (if given).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_to_str(
    body: *const osip_body_t,
    dest: *mut *mut c_char,
    str_length: *mut size_t,
) -> c_int {
    // SAFETY: the C contract: NULL or a writable pointer.
    let dest = unsafe { dest.as_mut() };
    // SAFETY: the C contract: NULL or a writable size_t.
    let mut str_length = unsafe { str_length.as_mut() };
    let Some(dest) = dest else {
        return OSIP_BADPARAMETER;
    };
    *dest = ptr::null_mut();
    if let Some(l) = str_length.as_deref_mut() {
        *l = 0;
    }
    // SAFETY: the C contract: NULL or a valid body.
    let Some(body) = (unsafe { body.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    match body::to_str(body) {
        Ok(b) => {
            let (p, n) = b.into_raw();
            *dest = p;
            if let Some(l) = str_length {
                *l = n;
            }
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Parses `hvalue` as the body's content type (replacing the one held).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_set_contenttype(
    #[nonnull] body: *mut osip_body_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    body::set_contenttype(body, hvalue.to_bytes())
}

/// Appends a copy of the part header `hname: hvalue`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_body_set_header(
    #[nonnull] body: *mut osip_body_t,
    #[cstr] hname: *const c_char,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    body::set_header(body, hname.to_bytes(), hvalue.to_bytes())
}

/// Appends a body of the `length` bytes at `buf`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_body(
    #[nonnull] sip: *mut osip_message_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    match unsafe { bytes(buf, length) } {
        Some(b) => body::message_set_body(sip, b),
        None => OSIP_BADPARAMETER,
    }
}

/// Appends a MIME part parsed from the `length` bytes at `buf`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_body_mime(
    #[nonnull] sip: *mut osip_message_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    match unsafe { bytes(buf, length) } {
        Some(b) => body::message_set_body_mime(sip, b),
        None => OSIP_BADPARAMETER,
    }
}

/// The body at `pos` into `*dest` (NULL first): `pos`, or -1 past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_body(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_body_t,
) -> c_int {
    let (r, b) = body::message_get_body(sip, pos);
    *dest = b.map_or(ptr::null_mut(), |b| {
        b as *const osip_body_t as *mut osip_body_t
    });
    r
}
