//! `<osipparser2/headers/osip_authorization.h>`,
//! `osip_www_authenticate.h`, `osip_authentication_info.h` and the
//! message's accessors for them: Authorization, WWW-Authenticate,
//! Authentication-Info and their Proxy- twins (same structures, same
//! functions: the `osip_proxy_*` names are macros of the headers). The
//! logic is `osip_parser::headers` and `osip_parser::message::auth`.
//!
//! Setters store the pointer given and leave the previous value alone:
//! the library does not free it (the application may still own it).
//! Getters return the structure's own pointers.
//!
//! NULL arguments: where the library crashes (a NULL structure given to a
//! getter, setter, `_init` or `_parse`, a NULL value to `_parse`, a NULL
//! message to `osip_message_get_X` or, for the Proxy- ones, to
//! `osip_message_set_X`), these return -2, NULL or nothing.

use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::{CObject, ListRef, OString, Owned};
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS};
use osip_parser::headers::{authentication_info, authorization, www_authenticate};
use osip_parser::message::auth as msg;
use osip_parser_abi::{
    osip_authentication_info_t, osip_authorization_t, osip_message_t, osip_www_authenticate_t,
};
use std::ffi::CStr;
use std::ptr;

/// A string the caller hands over (`osip_X_set_Y(x, value)`).
///
/// # Safety
/// `p` is NULL or a string of the osip allocator nobody else owns now.
unsafe fn handed(p: *mut c_char) -> Option<OString> {
    // SAFETY: per the contract.
    unsafe { OString::from_raw(p) }
}

/// Gives up a field's previous value without freeing it (its owner is the
/// caller, as with Debian's setters).
fn forget(old: Option<OString>) {
    if let Some(o) = old {
        let _ = o.into_raw();
    }
}

/// `osip_X_init`: a new, empty structure in `*dest` (NULL and -4 when out
/// of memory).
fn init<T: CObject>(dest: &mut *mut T) -> c_int {
    match Owned::<T>::new() {
        Some(o) => {
            *dest = o.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *dest = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Hands a result string over to the caller's `*dest`.
fn give_str(dest: &mut *mut c_char, r: Result<OString, c_int>) -> c_int {
    match r {
        Ok(s) => {
            *dest = s.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Hands a copy over to the caller's `*dest`.
fn give_obj<T: CObject>(dest: &mut *mut T, r: Result<Owned<T>, c_int>) -> c_int {
    match r {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// The bytes of the caller's value, None for NULL.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string.
unsafe fn value<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: per the contract.
    unsafe { osip_cabi::c_str(p) }.map(CStr::to_bytes)
}

/// `osip_message_get_X`'s answer into `*dest`.
fn give_elem<T: CObject>(dest: &mut *mut T, list: ListRef<'_, T>, pos: c_int) -> c_int {
    let (rc, e) = msg::get(list, pos);
    *dest = e.map_or(ptr::null_mut(), |e| e as *const T as *mut T);
    rc
}

// ---- Authorization ----

/// Allocates an empty Authorization structure into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_init(
    #[nonnull] dest: *mut *mut osip_authorization_t,
) -> c_int {
    init(dest)
}

/// Frees the structure and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_free(header: *mut osip_authorization_t) {
    // SAFETY: the caller hands the structure over (NULL or from `_init`).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header`: 0, -5 or -4 (what was read before an
/// error stays in `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_parse(
    #[nonnull] header: *mut osip_authorization_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    authorization::parse(header, hvalue.to_bytes())
}

/// `header` as text into `*dest` (the caller frees it): -2 without a scheme.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_to_str(
    header: *const osip_authorization_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, authorization::to_str(header))
}

/// A copy of `header` (its 17 fields, not `auth_param`) into `*dest`: -2 for NULL, -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_clone(
    header: *const osip_authorization_t,
    #[nonnull] dest: *mut *mut osip_authorization_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_obj(dest, authorization::clone(header))
}

/// The `auth_type` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_auth_type(
    #[nonnull] header: *const osip_authorization_t,
) -> *mut c_char {
    header.auth_type_ptr() as *mut c_char
}

/// Stores `value` as `auth_type` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_auth_type(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_auth_type());
    // SAFETY: the caller hands the string over.
    header.set_auth_type(unsafe { handed(value) });
}

/// The `username` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_username(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.username_ptr() as *mut c_char
}

/// Stores `value` as `username` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_username(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_username());
    // SAFETY: the caller hands the string over.
    header.set_username(unsafe { handed(value) });
}

/// The `realm` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_realm(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.realm_ptr() as *mut c_char
}

/// Stores `value` as `realm` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_realm(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_realm());
    // SAFETY: the caller hands the string over.
    header.set_realm(unsafe { handed(value) });
}

/// The `nonce` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_nonce(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.nonce_ptr() as *mut c_char
}

/// Stores `value` as `nonce` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_nonce(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_nonce());
    // SAFETY: the caller hands the string over.
    header.set_nonce(unsafe { handed(value) });
}

/// The `uri` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_uri(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.uri_ptr() as *mut c_char
}

/// Stores `value` as `uri` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_uri(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_uri());
    // SAFETY: the caller hands the string over.
    header.set_uri(unsafe { handed(value) });
}

/// The `response` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_response(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.response_ptr() as *mut c_char
}

/// Stores `value` as `response` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_response(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_response());
    // SAFETY: the caller hands the string over.
    header.set_response(unsafe { handed(value) });
}

/// The `digest` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_digest(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.digest_ptr() as *mut c_char
}

/// Stores `value` as `digest` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_digest(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_digest());
    // SAFETY: the caller hands the string over.
    header.set_digest(unsafe { handed(value) });
}

/// The `algorithm` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_algorithm(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.algorithm_ptr() as *mut c_char
}

/// Stores `value` as `algorithm` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_algorithm(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_algorithm());
    // SAFETY: the caller hands the string over.
    header.set_algorithm(unsafe { handed(value) });
}

/// The `cnonce` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_cnonce(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.cnonce_ptr() as *mut c_char
}

/// Stores `value` as `cnonce` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_cnonce(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_cnonce());
    // SAFETY: the caller hands the string over.
    header.set_cnonce(unsafe { handed(value) });
}

/// The `opaque` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_opaque(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.opaque_ptr() as *mut c_char
}

/// Stores `value` as `opaque` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_opaque(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_opaque());
    // SAFETY: the caller hands the string over.
    header.set_opaque(unsafe { handed(value) });
}

/// The `message_qop` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_message_qop(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.message_qop_ptr() as *mut c_char
}

/// Stores `value` as `message_qop` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_message_qop(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_message_qop());
    // SAFETY: the caller hands the string over.
    header.set_message_qop(unsafe { handed(value) });
}

/// The `nonce_count` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_nonce_count(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.nonce_count_ptr() as *mut c_char
}

/// Stores `value` as `nonce_count` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_nonce_count(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_nonce_count());
    // SAFETY: the caller hands the string over.
    header.set_nonce_count(unsafe { handed(value) });
}

/// The `version` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_version(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.version_ptr() as *mut c_char
}

/// Stores `value` as `version` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_version(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_version());
    // SAFETY: the caller hands the string over.
    header.set_version(unsafe { handed(value) });
}

/// The `targetname` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_targetname(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.targetname_ptr() as *mut c_char
}

/// Stores `value` as `targetname` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_targetname(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_targetname());
    // SAFETY: the caller hands the string over.
    header.set_targetname(unsafe { handed(value) });
}

/// The `gssapi_data` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_gssapi_data(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.gssapi_data_ptr() as *mut c_char
}

/// Stores `value` as `gssapi_data` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_gssapi_data(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_gssapi_data());
    // SAFETY: the caller hands the string over.
    header.set_gssapi_data(unsafe { handed(value) });
}

/// The `crand` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_crand(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.crand_ptr() as *mut c_char
}

/// Stores `value` as `crand` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_crand(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_crand());
    // SAFETY: the caller hands the string over.
    header.set_crand(unsafe { handed(value) });
}

/// The `cnum` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_get_cnum(
    #[nonnull] header: *mut osip_authorization_t,
) -> *mut c_char {
    header.cnum_ptr() as *mut c_char
}

/// Stores `value` as `cnum` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authorization_set_cnum(
    #[nonnull] header: *mut osip_authorization_t,
    value: *mut c_char,
) {
    forget(header.take_cnum());
    // SAFETY: the caller hands the string over.
    header.set_cnum(unsafe { handed(value) });
}

// ---- WWW-Authenticate ----

/// Allocates an empty WWW-Authenticate structure into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_init(
    #[nonnull] dest: *mut *mut osip_www_authenticate_t,
) -> c_int {
    init(dest)
}

/// Frees the structure and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_free(header: *mut osip_www_authenticate_t) {
    // SAFETY: the caller hands the structure over (NULL or from `_init`).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header`: 0, -5 or -4 (what was read before an
/// error stays in `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_parse(
    #[nonnull] header: *mut osip_www_authenticate_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    www_authenticate::parse(header, hvalue.to_bytes())
}

/// `header` as text into `*dest` (the caller frees it): -2 without a scheme.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_to_str(
    header: *const osip_www_authenticate_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, www_authenticate::to_str(header))
}

/// A copy of `header` (its 11 fields, not `auth_param`) into `*dest`: -2 for NULL or without a scheme, -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_clone(
    header: *const osip_www_authenticate_t,
    #[nonnull] dest: *mut *mut osip_www_authenticate_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_obj(dest, www_authenticate::clone(header))
}

/// The `auth_type` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_auth_type(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.auth_type_ptr() as *mut c_char
}

/// Stores `value` as `auth_type` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_auth_type(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_auth_type());
    // SAFETY: the caller hands the string over.
    header.set_auth_type(unsafe { handed(value) });
}

/// The `realm` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_realm(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.realm_ptr() as *mut c_char
}

/// Stores `value` as `realm` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_realm(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_realm());
    // SAFETY: the caller hands the string over.
    header.set_realm(unsafe { handed(value) });
}

/// The `domain` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_domain(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.domain_ptr() as *mut c_char
}

/// Stores `value` as `domain` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_domain(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_domain());
    // SAFETY: the caller hands the string over.
    header.set_domain(unsafe { handed(value) });
}

/// The `nonce` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_nonce(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.nonce_ptr() as *mut c_char
}

/// Stores `value` as `nonce` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_nonce(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_nonce());
    // SAFETY: the caller hands the string over.
    header.set_nonce(unsafe { handed(value) });
}

/// The `stale` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_stale(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.stale_ptr() as *mut c_char
}

/// Stores `value` as `stale` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_stale(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_stale());
    // SAFETY: the caller hands the string over.
    header.set_stale(unsafe { handed(value) });
}

/// The `opaque` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_opaque(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.opaque_ptr() as *mut c_char
}

/// Stores `value` as `opaque` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_opaque(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_opaque());
    // SAFETY: the caller hands the string over.
    header.set_opaque(unsafe { handed(value) });
}

/// The `algorithm` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_algorithm(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.algorithm_ptr() as *mut c_char
}

/// Stores `value` as `algorithm` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_algorithm(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_algorithm());
    // SAFETY: the caller hands the string over.
    header.set_algorithm(unsafe { handed(value) });
}

/// The `qop_options` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_qop_options(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.qop_options_ptr() as *mut c_char
}

/// Stores `value` as `qop_options` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_qop_options(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_qop_options());
    // SAFETY: the caller hands the string over.
    header.set_qop_options(unsafe { handed(value) });
}

/// The `version` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_version(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.version_ptr() as *mut c_char
}

/// Stores `value` as `version` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_version(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_version());
    // SAFETY: the caller hands the string over.
    header.set_version(unsafe { handed(value) });
}

/// The `targetname` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_targetname(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.targetname_ptr() as *mut c_char
}

/// Stores `value` as `targetname` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_targetname(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_targetname());
    // SAFETY: the caller hands the string over.
    header.set_targetname(unsafe { handed(value) });
}

/// The `gssapi_data` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_get_gssapi_data(
    #[nonnull] header: *mut osip_www_authenticate_t,
) -> *mut c_char {
    header.gssapi_data_ptr() as *mut c_char
}

/// Stores `value` as `gssapi_data` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_www_authenticate_set_gssapi_data(
    #[nonnull] header: *mut osip_www_authenticate_t,
    value: *mut c_char,
) {
    forget(header.take_gssapi_data());
    // SAFETY: the caller hands the string over.
    header.set_gssapi_data(unsafe { handed(value) });
}

// ---- Authentication-Info ----

/// Allocates an empty Authentication-Info structure into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_init(
    #[nonnull] dest: *mut *mut osip_authentication_info_t,
) -> c_int {
    init(dest)
}

/// Frees the structure and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_free(header: *mut osip_authentication_info_t) {
    // SAFETY: the caller hands the structure over (NULL or from `_init`).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header`: 0, -5 or -4 (what was read before an
/// error stays in `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_parse(
    #[nonnull] header: *mut osip_authentication_info_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    authentication_info::parse(header, hvalue.to_bytes())
}

/// `header` as text into `*dest` (the caller frees it): -2 when no field is set.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_to_str(
    header: *const osip_authentication_info_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, authentication_info::to_str(header))
}

/// A copy of `header` into `*dest`: -2 for NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_clone(
    header: *const osip_authentication_info_t,
    #[nonnull] dest: *mut *mut osip_authentication_info_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid structure.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_obj(dest, authentication_info::clone(header))
}

/// The `auth_type` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_auth_type(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.auth_type_ptr() as *mut c_char
}

/// Stores `value` as `auth_type` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_auth_type(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_auth_type());
    // SAFETY: the caller hands the string over.
    header.set_auth_type(unsafe { handed(value) });
}

/// The `nextnonce` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_nextnonce(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.nextnonce_ptr() as *mut c_char
}

/// Stores `value` as `nextnonce` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_nextnonce(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_nextnonce());
    // SAFETY: the caller hands the string over.
    header.set_nextnonce(unsafe { handed(value) });
}

/// The `cnonce` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_cnonce(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.cnonce_ptr() as *mut c_char
}

/// Stores `value` as `cnonce` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_cnonce(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_cnonce());
    // SAFETY: the caller hands the string over.
    header.set_cnonce(unsafe { handed(value) });
}

/// The `rspauth` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_rspauth(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.rspauth_ptr() as *mut c_char
}

/// Stores `value` as `rspauth` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_rspauth(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_rspauth());
    // SAFETY: the caller hands the string over.
    header.set_rspauth(unsafe { handed(value) });
}

/// The `nonce_count` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_nonce_count(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.nonce_count_ptr() as *mut c_char
}

/// Stores `value` as `nonce_count` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_nonce_count(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_nonce_count());
    // SAFETY: the caller hands the string over.
    header.set_nonce_count(unsafe { handed(value) });
}

/// The `qop_options` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_qop_options(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.qop_options_ptr() as *mut c_char
}

/// Stores `value` as `qop_options` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_qop_options(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_qop_options());
    // SAFETY: the caller hands the string over.
    header.set_qop_options(unsafe { handed(value) });
}

/// The `snum` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_snum(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.snum_ptr() as *mut c_char
}

/// Stores `value` as `snum` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_snum(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_snum());
    // SAFETY: the caller hands the string over.
    header.set_snum(unsafe { handed(value) });
}

/// The `srand` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_srand(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.srand_ptr() as *mut c_char
}

/// Stores `value` as `srand` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_srand(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_srand());
    // SAFETY: the caller hands the string over.
    header.set_srand(unsafe { handed(value) });
}

/// The `targetname` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_targetname(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.targetname_ptr() as *mut c_char
}

/// Stores `value` as `targetname` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_targetname(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_targetname());
    // SAFETY: the caller hands the string over.
    header.set_targetname(unsafe { handed(value) });
}

/// The `realm` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_realm(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.realm_ptr() as *mut c_char
}

/// Stores `value` as `realm` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_realm(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_realm());
    // SAFETY: the caller hands the string over.
    header.set_realm(unsafe { handed(value) });
}

/// The `opaque` field (NULL for a NULL `header`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_get_opaque(
    #[nonnull] header: *mut osip_authentication_info_t,
) -> *mut c_char {
    header.opaque_ptr() as *mut c_char
}

/// Stores `value` as `opaque` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_authentication_info_set_opaque(
    #[nonnull] header: *mut osip_authentication_info_t,
    value: *mut c_char,
) {
    forget(header.take_opaque());
    // SAFETY: the caller hands the string over.
    header.set_opaque(unsafe { handed(value) });
}

// ---- the message's headers ----

/// Parses `hvalue` into a new Authorization appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_authorization(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_authorization(unsafe { sip.as_mut() }, hvalue)
}

/// The Authorization at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_authorization(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_authorization_t,
) -> c_int {
    give_elem(dest, sip.authorizations(), pos)
}

/// Parses `hvalue` into a new Proxy-Authorization appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_proxy_authorization(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_proxy_authorization(unsafe { sip.as_mut() }, hvalue)
}

/// The Proxy-Authorization at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_proxy_authorization(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_authorization_t,
) -> c_int {
    give_elem(dest, sip.proxy_authorizations(), pos)
}

/// Parses `hvalue` into a new WWW-Authenticate appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_www_authenticate(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_www_authenticate(unsafe { sip.as_mut() }, hvalue)
}

/// The WWW-Authenticate at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_www_authenticate(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_www_authenticate_t,
) -> c_int {
    give_elem(dest, sip.www_authenticates(), pos)
}

/// Parses `hvalue` into a new Proxy-Authenticate appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_proxy_authenticate(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_proxy_authenticate(unsafe { sip.as_mut() }, hvalue)
}

/// The Proxy-Authenticate at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_proxy_authenticate(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_www_authenticate_t,
) -> c_int {
    give_elem(dest, sip.proxy_authenticates(), pos)
}

/// Parses `hvalue` into a new Authentication-Info appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_authentication_info(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_authentication_info(unsafe { sip.as_mut() }, hvalue)
}

/// The Authentication-Info at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_authentication_info(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_authentication_info_t,
) -> c_int {
    give_elem(dest, sip.authentication_infos(), pos)
}

/// Parses `hvalue` into a new Proxy-Authentication-Info appended to `sip`: 0 (also for a
/// NULL or empty value, which changes nothing), -2 for a NULL message, the
/// parser's error (nothing kept).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_proxy_authentication_info(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a NUL-terminated value.
    let hvalue = unsafe { value(hvalue) };
    // SAFETY: the C contract: NULL or a valid message.
    msg::set_proxy_authentication_info(unsafe { sip.as_mut() }, hvalue)
}

/// The Proxy-Authentication-Info at `pos` into `*dest`: returns `pos`, or -1 (and NULL) past
/// the end; a negative `pos` gives NULL and is returned as is.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_proxy_authentication_info(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_authentication_info_t,
) -> c_int {
    give_elem(dest, sip.proxy_authentication_infos(), pos)
}
