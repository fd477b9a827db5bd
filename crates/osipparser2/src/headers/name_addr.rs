//! From, To, Contact, Route and Record-Route (`osip_from_t`): the logic is
//! `osip_parser::headers::from`. To, Route and Record-Route are From under
//! other names; Contact adds the `*` contact.

use super::{forget, give, give_str, handed, init, out};
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::Owned;
use osip_parser::code::OSIP_BADPARAMETER;
use osip_parser::headers::from;
use osip_parser_abi::{osip_from_t, osip_generic_param_t, osip_uri_t};
use std::ptr;

/// Allocates an empty From into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_init(#[nonnull] dest: *mut *mut osip_from_t) -> c_int {
    init(dest)
}

/// Frees a From and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_free(header: *mut osip_from_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_from_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_from_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_parse(
    #[nonnull] header: *mut osip_from_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    from::parse(header, hvalue.to_bytes())
}

/// The From as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_to_str(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, from::to_str(header))
}

/// A deep copy of the From into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_clone(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut osip_from_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, from::clone(header))
}

/// Allocates an empty To into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_init(#[nonnull] dest: *mut *mut osip_from_t) -> c_int {
    init(dest)
}

/// Frees a To and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_free(header: *mut osip_from_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_to_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_to_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_parse(
    #[nonnull] header: *mut osip_from_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    from::parse(header, hvalue.to_bytes())
}

/// The To as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_to_str(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, from::to_str(header))
}

/// A deep copy of the To into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_clone(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut osip_from_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, from::clone(header))
}

/// Allocates an empty Contact into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_contact_init(#[nonnull] dest: *mut *mut osip_from_t) -> c_int {
    init(dest)
}

/// Frees a Contact and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_contact_free(header: *mut osip_from_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_contact_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_contact_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_contact_parse(
    #[nonnull] header: *mut osip_from_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    from::parse_contact(header, hvalue.to_bytes())
}

/// The Contact as text into `*dest` (the caller frees it): `*` for the
/// star contact. Unlike the others, `*dest` is left alone for a NULL
/// contact.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_contact_to_str(
    #[nonnull] header: *const osip_from_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    let star = header
        .displayname()
        .is_some_and(|d| d.to_bytes().first() == Some(&b'*'));
    if !star {
        *dest = ptr::null_mut();
    }
    give_str(dest, from::to_str_contact(header))
}

/// A deep copy of the Contact into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_contact_clone(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut osip_from_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give(dest, from::clone(header))
}

/// Allocates an empty Route into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_route_init(#[nonnull] dest: *mut *mut osip_from_t) -> c_int {
    init(dest)
}

/// Frees a Route and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_route_free(header: *mut osip_from_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_route_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_route_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_route_parse(
    #[nonnull] header: *mut osip_from_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    from::parse(header, hvalue.to_bytes())
}

/// The Route as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_route_to_str(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, from::to_str(header))
}

/// Allocates an empty Record-Route into `*dest`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_record_route_init(#[nonnull] dest: *mut *mut osip_from_t) -> c_int {
    init(dest)
}

/// Frees a Record-Route and what it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_record_route_free(header: *mut osip_from_t) {
    // SAFETY: the caller hands the element over (NULL or from osip_record_route_init).
    drop(unsafe { Owned::from_raw(header) });
}

/// Parses `hvalue` into `header` (from osip_record_route_init).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_record_route_parse(
    #[nonnull] header: *mut osip_from_t,
    #[cstr] hvalue: *const c_char,
) -> c_int {
    from::parse(header, hvalue.to_bytes())
}

/// The Record-Route as text into `*dest` (the caller frees it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_record_route_to_str(
    header: *const osip_from_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    give_str(dest, from::to_str(header))
}

/// Whether the `tag` parameters of two From headers match: 0 (also
/// when neither has one), -1, or -2 for a NULL header.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_tag_match(a: *mut osip_from_t, b: *mut osip_from_t) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    from::tag_match(a, b)
}

/// Whether the `tag` parameters of two To headers match: 0 (also
/// when neither has one), -1, or -2 for a NULL header.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_to_tag_match(a: *mut osip_from_t, b: *mut osip_from_t) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    from::tag_match(a, b)
}

/// Whether two From headers designate the same party (host, user, tags):
/// 0, -1, or -2 for a NULL header or URI.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_compare(a: *mut osip_from_t, b: *mut osip_from_t) -> c_int {
    // SAFETY: the C contract: NULL or a valid element, only read here.
    let a = unsafe { a.as_ref() };
    // SAFETY: as for `a`.
    let b = unsafe { b.as_ref() };
    let (Some(a), Some(b)) = (a, b) else {
        return OSIP_BADPARAMETER;
    };
    from::compare(a, b)
}

/// The parameter at `pos` into `*dest` (NULL first): `pos`, or -1 past the
/// end, -2 for a NULL header.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_param_get(
    header: *mut osip_from_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_generic_param_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid element.
    let Some(header) = (unsafe { header.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    let (r, p) = from::param_get(header, pos);
    *dest = out(p);
    r
}

/// The display name, or NULL (also for a NULL header).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_get_displayname(
    #[nonnull] header: *mut osip_from_t,
) -> *mut c_char {
    header.displayname_ptr() as *mut c_char
}

/// Stores `value` as the display name (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_set_displayname(
    #[nonnull] header: *mut osip_from_t,
    value: *mut c_char,
) {
    forget(header.take_displayname());
    // SAFETY: the caller hands the string over.
    header.set_displayname(unsafe { handed(value) });
}

/// The URI, or NULL (also for a NULL header).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_get_url(#[nonnull] header: *mut osip_from_t) -> *mut osip_uri_t {
    header.url_ptr() as *mut osip_uri_t
}

/// Stores `url` as the URI (the previous one is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_from_set_url(
    #[nonnull] header: *mut osip_from_t,
    url: *mut osip_uri_t,
) {
    if let Some(old) = header.take_url() {
        let _ = old.into_raw();
    }
    // SAFETY: the caller hands the URI over (NULL or a valid one).
    header.set_url(unsafe { Owned::from_raw(url) });
}
