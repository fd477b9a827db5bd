//! `osip_message_t`: init and free, and the typed header accessors
//! (`osip_message_set_via`, `osip_message_get_contact`, ...). The logic is
//! `osip_parser::message`.
//!
//! NULL arguments: Debian's setters look at the value first (ignored: 0;
//! for a list header, not parsing: the parser's code) and dereference a
//! NULL message after that; ours return -2 there. Debian's getters
//! dereference a NULL message (except `osip_message_get_via` and
//! `osip_message_get_contact`, which return -2 after `*dest = NULL`) and a
//! NULL `dest`; ours return -2 or NULL.

use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::{ListRef, Owned};
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS};
use osip_parser::message::{
    self,
    headers::{self as mh, ListHeader, SingleHeader},
};
use osip_parser_abi::{
    osip_accept_encoding_t, osip_accept_t, osip_call_id_t, osip_call_info_t, osip_contact_t,
    osip_content_length_t, osip_content_type_t, osip_cseq_t, osip_from_t, osip_message_t,
    osip_record_route_t, osip_route_t, osip_to_t, osip_via_t,
};
use std::ffi::CStr;
use std::ptr;

/// Allocates an empty message into `*sip`: 0 or -4.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_init(#[nonnull] sip: *mut *mut osip_message_t) -> c_int {
    match message::new() {
        Some(m) => {
            *sip = m.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *sip = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Frees a message and everything it holds (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_free(sip: *mut osip_message_t) {
    // SAFETY: the caller hands the message over (NULL or from osip_message_init).
    drop(unsafe { Owned::from_raw(sip) });
}

/// The value a header setter was given: None for NULL.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that stays unchanged during the
/// call.
unsafe fn value<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: per the contract.
    unsafe { osip_cabi::c_str(p) }.map(CStr::to_bytes)
}

/// The element at `pos` of a list into `*dest` (NULL first): `pos`, or -1.
fn get_at<T: osip_cmem::CObject>(list: ListRef<'_, T>, pos: c_int, dest: &mut *mut T) -> c_int {
    let (r, e) = mh::get_at(list, pos);
    *dest = e.map_or(ptr::null_mut(), |e| e as *const T as *mut T);
    r
}

/// Parses `hvalue` as one accept header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_accept(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::Accept, unsafe { value(hvalue) })
}

/// The accept header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_accept(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_accept_t,
) -> c_int {
    get_at(sip.accepts(), pos, dest)
}

/// Parses `hvalue` as one accept-encoding header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_accept_encoding(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::AcceptEncoding, unsafe { value(hvalue) })
}

/// The accept-encoding header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_accept_encoding(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_accept_encoding_t,
) -> c_int {
    get_at(sip.accept_encodings(), pos, dest)
}

/// Parses `hvalue` as one accept-language header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_accept_language(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::AcceptLanguage, unsafe { value(hvalue) })
}

/// The accept-language header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_accept_language(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_accept_encoding_t,
) -> c_int {
    get_at(sip.accept_languages(), pos, dest)
}

/// Parses `hvalue` as one alert-info header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_alert_info(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::AlertInfo, unsafe { value(hvalue) })
}

/// The alert-info header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_alert_info(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_call_info_t,
) -> c_int {
    get_at(sip.alert_infos(), pos, dest)
}

/// Parses `hvalue` as one allow header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_allow(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::Allow, unsafe { value(hvalue) })
}

/// The allow header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_allow(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_content_length_t,
) -> c_int {
    get_at(sip.allows(), pos, dest)
}

/// Parses `hvalue` as one call-info header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_call_info(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::CallInfo, unsafe { value(hvalue) })
}

/// The call-info header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_call_info(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_call_info_t,
) -> c_int {
    get_at(sip.call_infos(), pos, dest)
}

/// Parses `hvalue` as one contact header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_contact(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::Contact, unsafe { value(hvalue) })
}

/// The contact header at `pos` into `*dest` (NULL first): `pos`, -1 past
/// the end, -2 for a NULL message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_contact(
    sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_contact_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message.
    let Some(sip) = (unsafe { sip.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    get_at(sip.contacts(), pos, dest)
}

/// Parses `hvalue` as one content-encoding header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_content_encoding(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::ContentEncoding, unsafe { value(hvalue) })
}

/// The content-encoding header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_content_encoding(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_content_length_t,
) -> c_int {
    get_at(sip.content_encodings(), pos, dest)
}

/// Parses `hvalue` as one error-info header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_error_info(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::ErrorInfo, unsafe { value(hvalue) })
}

/// The error-info header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_error_info(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_call_info_t,
) -> c_int {
    get_at(sip.error_infos(), pos, dest)
}

/// Parses `hvalue` as one record-route header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_record_route(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::RecordRoute, unsafe { value(hvalue) })
}

/// The record-route header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_record_route(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_record_route_t,
) -> c_int {
    get_at(sip.record_routes(), pos, dest)
}

/// Parses `hvalue` as one route header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_route(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::Route, unsafe { value(hvalue) })
}

/// The route header at `pos` into `*dest` (NULL first): `pos`, or -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_route(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_route_t,
) -> c_int {
    get_at(sip.routes(), pos, dest)
}

/// Parses `hvalue` as one via header and appends it to the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_via(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_list(sip, ListHeader::Via, unsafe { value(hvalue) })
}

/// The via header at `pos` into `*dest` (NULL first): `pos`, -1 past
/// the end, -2 for a NULL message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_via(
    sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_via_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message.
    let Some(sip) = (unsafe { sip.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    get_at(sip.vias(), pos, dest)
}

/// Parses `hvalue` as the Call-ID header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_call_id(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::CallId, unsafe { value(hvalue) })
}

/// The Call-ID header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_call_id(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_call_id_t {
    sip.call_id_ptr() as *mut osip_call_id_t
}

/// Parses `hvalue` as the Content-Length header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_content_length(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::ContentLength, unsafe { value(hvalue) })
}

/// The Content-Length header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_content_length(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_content_length_t {
    sip.content_length_ptr() as *mut osip_content_length_t
}

/// Parses `hvalue` as the Content-Type header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_content_type(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::ContentType, unsafe { value(hvalue) })
}

/// The Content-Type header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_content_type(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_content_type_t {
    sip.content_type_ptr() as *mut osip_content_type_t
}

/// Parses `hvalue` as the CSeq header of the message (-5 when there is
/// one already, -2 for CSeq).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_cseq(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::Cseq, unsafe { value(hvalue) })
}

/// The CSeq header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_cseq(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_cseq_t {
    sip.cseq_ptr() as *mut osip_cseq_t
}

/// Parses `hvalue` as the From header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_from(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::From, unsafe { value(hvalue) })
}

/// The From header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_from(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_from_t {
    sip.from_ptr() as *mut osip_from_t
}

/// Parses `hvalue` as the Mime-Version header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_mime_version(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::MimeVersion, unsafe { value(hvalue) })
}

/// The Mime-Version header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_mime_version(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_content_length_t {
    sip.mime_version_ptr() as *mut osip_content_length_t
}

/// Parses `hvalue` as the To header of the message (-5 when there is
/// one already).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_to(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::set_single(sip, SingleHeader::To, unsafe { value(hvalue) })
}

/// The To header of the message, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_to(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_to_t {
    sip.to_ptr() as *mut osip_to_t
}

/// Parses `hvalue` as a Via and puts it first (for proxies).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_append_via(
    sip: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    mh::append_via(sip, unsafe { value(hvalue) })
}

/// Adds `received` (and fills a valueless `rport`) in the top Via of a
/// request received from `ip_addr`:`port`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_fix_last_via_header(
    #[nonnull] request: *mut osip_message_t,
    ip_addr: *const c_char,
    port: c_int,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string.
    mh::fix_last_via_header(request, unsafe { value(ip_addr) }, port)
}
