//! Small readers over parser structures, shared by every FFI module.
//!
//! All take raw pointers from messages the real parser built; each checks for
//! NULL itself, so callers only need the pointers to be valid or NULL.

use super::funcs::*;
use super::types::*;
use libc::{c_char, c_int};
use std::ffi::CStr;

/// `Some(&CStr)` for a non-NULL C string.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives the borrow.
pub unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        None
    } else {
        // SAFETY: non-NULL and NUL-terminated per the contract.
        Some(unsafe { CStr::from_ptr(p) })
    }
}

/// `strcmp(a, b) == 0`, false when either is NULL.
///
/// # Safety
/// As for [`cstr`].
pub unsafe fn streq(a: *const c_char, b: *const c_char) -> bool {
    // SAFETY: per the contract.
    match unsafe { (cstr(a), cstr(b)) } {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The parameter called `name` (case-insensitive, as the parser matches it)
/// in a parameter list, or None. Its value may still be NULL (`;lr`).
///
/// # Safety
/// `list` is NULL or a valid list of `osip_uri_param_t`.
pub unsafe fn param(list: *const osip_list_t, name: &CStr) -> Option<*mut osip_uri_param_t> {
    if list.is_null() {
        return None;
    }
    let mut p: *mut osip_uri_param_t = std::ptr::null_mut();
    // SAFETY: the parser only reads `list` and `name`.
    let r = unsafe {
        osip_uri_param_get_byname(
            list as *mut osip_list_t,
            name.as_ptr() as *mut c_char,
            &mut p,
        )
    };
    if r == 0 && !p.is_null() {
        Some(p)
    } else {
        None
    }
}

/// The value of parameter `name`: None when the parameter is absent,
/// Some(NULL) when present without value.
///
/// # Safety
/// As for [`param`].
pub unsafe fn param_value(list: *const osip_list_t, name: &CStr) -> Option<*mut c_char> {
    // SAFETY: `param` returns a valid parameter.
    unsafe { param(list, name).map(|p| (*p).gvalue) }
}

/// Element `pos` of a parser list, or NULL.
///
/// # Safety
/// `list` is NULL or a valid list.
pub unsafe fn list_get(list: *const osip_list_t, pos: c_int) -> *mut libc::c_void {
    if list.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: valid list; out-of-range positions give NULL.
    unsafe { osip_list_get(list, pos) }
}

/// The top Via of a message, or NULL.
///
/// # Safety
/// `msg` is NULL or a valid message.
pub unsafe fn top_via(msg: *const osip_message_t) -> *mut osip_via_t {
    if msg.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: `msg` is valid; `vias` is a list of `osip_via_t`.
    unsafe { list_get(&(*msg).vias, 0) as *mut osip_via_t }
}

/// The `branch` parameter of a Via: None if absent, Some(NULL) if valueless.
///
/// # Safety
/// `via` is NULL or a valid Via.
pub unsafe fn via_branch(via: *const osip_via_t) -> Option<*mut c_char> {
    if via.is_null() {
        return None;
    }
    // SAFETY: valid Via.
    unsafe { param_value(&(*via).via_params, c"branch") }
}

/// The `tag` parameter of a From/To header: None if absent, Some(NULL) if valueless.
///
/// # Safety
/// `h` is NULL or a valid From/To.
pub unsafe fn tag(h: *const osip_from_t) -> Option<*mut c_char> {
    if h.is_null() {
        return None;
    }
    // SAFETY: valid header.
    unsafe { param_value(&(*h).gen_params, c"tag") }
}

/// A message is a request when its status code is 0.
///
/// # Safety
/// `msg` is a valid message.
pub unsafe fn is_request(msg: *const osip_message_t) -> bool {
    // SAFETY: valid message.
    unsafe { (*msg).status_code == 0 }
}
