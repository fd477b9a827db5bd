//! `<osipparser2/osip_uri.h>`: URIs, their parameters and headers, and the
//! generic parameters of the other headers (the same struct). The logic is
//! `osip_parser::uri` and `osip_parser::params`.
//!
//! Setters store the pointer given and leave the previous value alone: the
//! library does not free it (the application may still own it).

use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::{ListMut, ListRef, OString, Owned};
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS};
use osip_parser::port::globals::Var;
use osip_parser::{params, uri};
use osip_parser_abi::{osip_list_t, osip_uri_param_t, osip_uri_t};
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

/// The params of a list the caller passes.
///
/// # Safety
/// `list`'s elements are `osip_uri_param_t` (NULL or valid), owned by it.
unsafe fn param_list(list: &mut osip_list_t) -> ListMut<'_, osip_uri_param_t> {
    // SAFETY: per the contract.
    unsafe { ListMut::new(list) }
}

/// Allocates an empty URI into `*url`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_init(#[nonnull] url: *mut *mut osip_uri_t) -> c_int {
    match Owned::<osip_uri_t>::new() {
        Some(u) => {
            *url = u.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *url = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Frees a URI and everything it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_free(url: *mut osip_uri_t) {
    // SAFETY: the caller hands the URI over (NULL or from osip_uri_init).
    drop(unsafe { Owned::from_raw(url) });
}

/// Parses `buf` into `url` (from `osip_uri_init`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_parse(
    #[nonnull] url: *mut osip_uri_t,
    #[cstr] buf: *const c_char,
) -> c_int {
    uri::parse(url, buf.to_bytes())
}

/// Parses `;name[=value]...` into `url`'s params.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_parse_params(
    #[nonnull] url: *mut osip_uri_t,
    #[cstr] params: *const c_char,
) -> c_int {
    uri::parse_params(url, params.to_bytes())
}

/// Parses `?name=value&...` into `url`'s headers.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_parse_headers(
    #[nonnull] url: *mut osip_uri_t,
    #[cstr] headers: *const c_char,
) -> c_int {
    uri::parse_headers(url, headers.to_bytes())
}

/// Writes `*dest` = NULL first, then the serialisation of `url`.
unsafe fn give_string(dest: &mut *mut c_char, r: Result<OString, c_int>) -> c_int {
    match r {
        Ok(s) => {
            *dest = s.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// The URI as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_to_str(
    url: *const osip_uri_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid URI.
    let Some(url) = (unsafe { url.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: `dest` is the caller's out parameter.
    unsafe { give_string(dest, uri::to_str(url)) }
}

/// [`osip_uri_to_str`] unescaped as a whole.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_to_str_canonical(
    url: *const osip_uri_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid URI.
    let Some(url) = (unsafe { url.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: `dest` is the caller's out parameter.
    unsafe { give_string(dest, uri::to_str_canonical(url)) }
}

/// A deep copy of `url` into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_clone(
    url: *const osip_uri_t,
    #[nonnull] dest: *mut *mut osip_uri_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid URI.
    let Some(url) = (unsafe { url.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    match uri::clone(url) {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Stores `scheme` in `url` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_set_scheme(#[nonnull] url: *mut osip_uri_t, scheme: *mut c_char) {
    forget(url.take_scheme());
    // SAFETY: the caller hands the string over.
    url.set_scheme(unsafe { handed(scheme) });
}

/// `url`'s scheme, or NULL (also for a NULL `url`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_get_scheme(#[nonnull] url: *mut osip_uri_t) -> *mut c_char {
    url.scheme_ptr() as *mut c_char
}

/// Stores `username` in `url` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_set_username(
    #[nonnull] url: *mut osip_uri_t,
    username: *mut c_char,
) {
    forget(url.take_username());
    // SAFETY: the caller hands the string over.
    url.set_username(unsafe { handed(username) });
}

/// `url`'s username, or NULL (also for a NULL `url`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_get_username(#[nonnull] url: *mut osip_uri_t) -> *mut c_char {
    url.username_ptr() as *mut c_char
}

/// Stores `password` in `url` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_set_password(
    #[nonnull] url: *mut osip_uri_t,
    password: *mut c_char,
) {
    forget(url.take_password());
    // SAFETY: the caller hands the string over.
    url.set_password(unsafe { handed(password) });
}

/// `url`'s password, or NULL (also for a NULL `url`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_get_password(#[nonnull] url: *mut osip_uri_t) -> *mut c_char {
    url.password_ptr() as *mut c_char
}

/// Stores `host` in `url` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_set_host(#[nonnull] url: *mut osip_uri_t, host: *mut c_char) {
    forget(url.take_host());
    // SAFETY: the caller hands the string over.
    url.set_host(unsafe { handed(host) });
}

/// `url`'s host, or NULL (also for a NULL `url`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_get_host(#[nonnull] url: *mut osip_uri_t) -> *mut c_char {
    url.host_ptr() as *mut c_char
}

/// Stores `port` in `url` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_set_port(#[nonnull] url: *mut osip_uri_t, port: *mut c_char) {
    forget(url.take_port());
    // SAFETY: the caller hands the string over.
    url.set_port(unsafe { handed(port) });
}

/// `url`'s port, or NULL (also for a NULL `url`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_get_port(#[nonnull] url: *mut osip_uri_t) -> *mut c_char {
    url.port_ptr() as *mut c_char
}

/// Allocates an empty parameter into `*url_param`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_init(
    #[nonnull] url_param: *mut *mut osip_uri_param_t,
) -> c_int {
    match Owned::<osip_uri_param_t>::new() {
        Some(p) => {
            *url_param = p.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *url_param = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Frees a parameter, its name and value (NULL: nothing; Debian crashes).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_free(url_param: *mut osip_uri_param_t) {
    // SAFETY: the caller hands the parameter over.
    drop(unsafe { Owned::from_raw(url_param) });
}

/// Stores `pname` and `pvalue` (taking them over), trimmed in place; the
/// previous ones are not freed. 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_set(
    #[nonnull] url_param: *mut osip_uri_param_t,
    pname: *mut c_char,
    pvalue: *mut c_char,
) -> c_int {
    forget(url_param.take_gname());
    forget(url_param.take_gvalue());
    // SAFETY: the caller hands both strings over.
    let (name, value) = unsafe { (handed(pname), handed(pvalue)) };
    params::set(url_param, name, value);
    OSIP_SUCCESS
}

/// A copy of `url_param` into `*dest`: -2 for NULL or a nameless one.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_clone(
    url_param: *const osip_uri_param_t,
    #[nonnull] dest: *mut *mut osip_uri_param_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid parameter.
    let Some(p) = (unsafe { url_param.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    match params::clone(p) {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Frees every parameter of the list and empties it.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_freelist(#[nonnull] url_params: *mut osip_list_t) {
    // SAFETY: a list of parameters (the C contract).
    unsafe { param_list(url_params) }.clear();
}

/// Appends a parameter made of `pname` and `pvalue` (taken over, trimmed):
/// 0, or -4 (the strings stay the caller's). A NULL list gives 0, as in
/// Debian's, and frees the strings (Debian leaks them).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_add(
    url_params: *mut osip_list_t,
    pname: *mut c_char,
    pvalue: *mut c_char,
) -> c_int {
    // SAFETY: the caller hands both strings over.
    let (name, value) = unsafe { (handed(pname), handed(pvalue)) };
    // SAFETY: the C contract: NULL or a list of parameters.
    let Some(url_params) = (unsafe { url_params.as_mut() }) else {
        return OSIP_SUCCESS;
    };
    let Some(p) = Owned::<osip_uri_param_t>::new() else {
        forget(name);
        forget(value);
        return OSIP_NOMEM;
    };
    let mut p = p;
    params::set(&mut p, name, value);
    // SAFETY: a list of parameters (the C contract).
    let _ = unsafe { param_list(url_params) }.push(p);
    OSIP_SUCCESS
}

/// The first parameter named `pname` (ASCII case-insensitively) into
/// `*url_param`: 0; -1 when there is none; -2 for a NULL or empty name.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_uri_param_get_byname(
    url_params: *mut osip_list_t,
    pname: *mut c_char,
    #[nonnull] url_param: *mut *mut osip_uri_param_t,
) -> c_int {
    *url_param = ptr::null_mut();
    // SAFETY: the caller's name, NULL or NUL-terminated.
    let Some(name) = (unsafe { osip_cabi::c_str(pname) }) else {
        return OSIP_BADPARAMETER;
    };
    // SAFETY: the C contract: NULL or a list of parameters.
    let Some(list) = (unsafe { url_params.as_ref() }) else {
        return if name.is_empty() {
            OSIP_BADPARAMETER
        } else {
            osip_parser::code::OSIP_UNDEFINED_ERROR
        };
    };
    // SAFETY: as above.
    let list = unsafe { ListRef::<osip_uri_param_t>::new(list) };
    match params::get_byname(&list, name.to_bytes()) {
        Ok(p) => {
            *url_param = p as *const osip_uri_param_t as *mut osip_uri_param_t;
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Parses the `;name[=value]` parameters of a header into `gen_params`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_generic_param_parseall(
    #[nonnull] gen_params: *mut osip_list_t,
    #[cstr] params: *const c_char,
) -> c_int {
    // SAFETY: a list of parameters (the C contract).
    params::parse_all(&mut unsafe { param_list(gen_params) }, params.to_bytes())
}

/// The parameter's name (NULL for NULL).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_generic_param_get_name(
    #[nonnull] fparam: *const osip_uri_param_t,
) -> *mut c_char {
    fparam.gname_ptr() as *mut c_char
}

/// The parameter's value (NULL for NULL or a nameless parameter).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_generic_param_get_value(
    #[nonnull] fparam: *const osip_uri_param_t,
) -> *mut c_char {
    if fparam.gname().is_none() {
        return ptr::null_mut();
    }
    fparam.gvalue_ptr() as *mut c_char
}

/// Stores `name` (the previous one is not freed, nor trimmed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_generic_param_set_name(
    #[nonnull] fparam: *mut osip_uri_param_t,
    name: *mut c_char,
) {
    forget(fparam.take_gname());
    // SAFETY: the caller hands the string over.
    fparam.set_gname(unsafe { handed(name) });
}

/// Stores `value` (the previous one is not freed, nor trimmed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_generic_param_set_value(
    #[nonnull] fparam: *mut osip_uri_param_t,
    value: *mut c_char,
) {
    forget(fparam.take_gvalue());
    // SAFETY: the caller hands the string over.
    fparam.set_gvalue(unsafe { handed(value) });
}

/// A new string: `string` with every byte that is not an ASCII letter,
/// digit or in `def` written `%XX`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_escape_nonascii_and_nondef(
    #[cstr] string: *const c_char,
    #[cstr] def: *const c_char,
) -> *mut c_char {
    OString::new(&uri::escape(string.to_bytes(), def.to_bytes()))
        .map_or(ptr::null_mut(), OString::into_raw)
}

fn escaped(s: &std::ffi::CStr, var: Var) -> *mut c_char {
    OString::new(&uri::escape_with(s.to_bytes(), var)).map_or(ptr::null_mut(), OString::into_raw)
}

/// `string` escaped for a URI's user part (`userinfo_def`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_escape_userinfo(#[cstr] string: *const c_char) -> *mut c_char {
    escaped(string, Var::UserinfoDef)
}

/// `string` escaped for a URI's password (`password_def`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_escape_password(#[cstr] string: *const c_char) -> *mut c_char {
    escaped(string, Var::PasswordDef)
}

/// `string` escaped for a URI parameter (`uri_param_def`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_escape_uri_param(#[cstr] string: *mut c_char) -> *mut c_char {
    escaped(string, Var::UriParamDef)
}

/// `string` escaped for a URI header (`header_param_def`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_escape_header_param(
    #[cstr] string: *mut c_char,
) -> *mut c_char {
    escaped(string, Var::HeaderParamDef)
}

/// Decodes the `%XX` escapes of `string` in place (`sscanf("%02X")` rules).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_uri_unescape(string: *mut c_char) {
    if string.is_null() {
        return;
    }
    // SAFETY: the caller's NUL-terminated string.
    let len = unsafe { libc::strlen(string) };
    // SAFETY: its `len` bytes, changed in place.
    let bytes = unsafe { std::slice::from_raw_parts_mut(string as *mut u8, len) };
    let n = uri::unescape(bytes);
    if n < len {
        bytes[n] = 0;
    }
}
