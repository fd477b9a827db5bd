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

use libc::{c_char, c_int, c_void, size_t};
use osip_cabi::export;
use osip_cmem::{ListRef, Owned};
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use osip_parser::message::{
    self, config, generic,
    headers::{self as mh, ListHeader, SingleHeader},
    parse, to_str,
};
use osip_parser_abi::{
    osip_accept_encoding_t, osip_accept_t, osip_call_id_t, osip_call_info_t, osip_contact_t,
    osip_content_length_t, osip_content_type_t, osip_cseq_t, osip_from_t, osip_header_t,
    osip_list_t, osip_message_t, osip_record_route_t, osip_route_t, osip_to_t, osip_uri_t,
    osip_via_t,
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

// ---------------------------------------------------------------------
// The message core: parse, serialise, clone, the start-line fields, the
// generic headers and the parser's tables.
// ---------------------------------------------------------------------

/// The `len` bytes at `buf`: None for a NULL `buf` with bytes to read
/// (where Debian copies from NULL), empty for a NULL `buf` and no bytes.
///
/// # Safety
/// `buf` is NULL or points to `len` readable bytes that stay unchanged
/// during the call.
unsafe fn bytes<'a>(buf: *const c_char, len: size_t) -> Option<&'a [u8]> {
    if buf.is_null() {
        return (len == 0).then_some(&[][..]);
    }
    // SAFETY: per the contract.
    Some(unsafe { std::slice::from_raw_parts(buf as *const u8, len) })
}

/// The caller's string, to change in place (`osip_tolower` of the name).
///
/// # Safety
/// `p` is a NUL-terminated string the caller lets us change, not otherwise
/// borrowed during the call.
unsafe fn c_bytes_mut<'a>(p: *mut c_char) -> &'a mut [u8] {
    // SAFETY: per the contract, a NUL-terminated string.
    let len = unsafe { libc::strlen(p) };
    // SAFETY: the `len` bytes before the NUL are the caller's string.
    unsafe { std::slice::from_raw_parts_mut(p as *mut u8, len) }
}

/// Builds the parser's tables (resets the comma-separated headers to the
/// built-in ones). Always 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn parser_init() -> c_int {
    config::parser_init()
}

/// Adds a header name to those the parser splits on commas: 0, or -1 when
/// the table (256 names) is full. NULL adds `(null)`, as glibc's
/// `snprintf("%s", NULL)` writes.
#[export]
#[no_mangle]
pub unsafe extern "C" fn parser_add_comma_separated_header(hname: *const c_char) -> c_int {
    // SAFETY: the C contract: NULL or a C string.
    let name = unsafe { value(hname) }.unwrap_or(b"(null)");
    config::add_comma_separated(name)
}

/// 0 when the parser splits `hname` on commas (ASCII case-insensitive
/// lookup), else -1.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_message_is_header_comma_separated(
    #[cstr] hname: *const c_char,
) -> c_int {
    config::is_comma_separated(hname.to_bytes())
}

/// The index of a (lower-case) header name in the parser's known-header
/// table, or -1.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_message_is_known_header(#[cstr] hname: *const c_char) -> c_int {
    config::known_header(hname.to_bytes())
}

/// Runs the setter of known header `i` (an index of
/// `__osip_message_is_known_header`) on `dest`: its code, or 0 for the
/// headers whose invalid values are ignored; -2 for an index out of the
/// table.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_message_call_method(
    i: c_int,
    dest: *mut osip_message_t,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid message.
    let dest = unsafe { dest.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    config::call_method(i, dest, unsafe { value(hvalue) })
}

/// Parses `length` bytes at `buf` into `sip` (fresh from
/// `osip_message_init`): 0 or an error code, what was read staying in
/// `sip`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_parse(
    #[nonnull] sip: *mut osip_message_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    let Some(buf) = (unsafe { bytes(buf, length) }) else {
        return OSIP_BADPARAMETER;
    };
    parse::parse(sip, buf, false)
}

/// As `osip_message_parse`, for a message/sipfrag body: the start line may
/// be missing.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_parse_sipfrag(
    #[nonnull] sip: *mut osip_message_t,
    buf: *const c_char,
    length: size_t,
) -> c_int {
    // SAFETY: the C contract: `length` bytes at `buf`.
    let Some(buf) = (unsafe { bytes(buf, length) }) else {
        return OSIP_BADPARAMETER;
    };
    parse::parse(sip, buf, true)
}

/// Hands a serialisation to `*dest` (and its length to `*len`, if given).
fn give_message(
    dest: &mut *mut c_char,
    len: *mut size_t,
    r: Result<osip_cmem::OBytes, c_int>,
) -> c_int {
    match r {
        Ok(b) => {
            let (p, n) = b.into_raw();
            *dest = p;
            // SAFETY: the C contract: NULL or a writable size_t.
            if let Some(len) = unsafe { len.as_mut() } {
                *len = n;
            }
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// The message as text into `*dest` (NUL-terminated; `*len`, if given, is
/// its length without the NUL); cached in the message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_to_str(
    sip: *mut osip_message_t,
    #[nonnull] dest: *mut *mut c_char,
    len: *mut size_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message.
    let Some(sip) = (unsafe { sip.as_mut() }) else {
        return OSIP_BADPARAMETER;
    };
    give_message(dest, len, to_str::to_str(sip, false))
}

/// As `osip_message_to_str`, for a message/sipfrag body: no start line
/// needed, no Content-Length without bodies.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_to_str_sipfrag(
    sip: *mut osip_message_t,
    #[nonnull] dest: *mut *mut c_char,
    len: *mut size_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message.
    let Some(sip) = (unsafe { sip.as_mut() }) else {
        return OSIP_BADPARAMETER;
    };
    give_message(dest, len, to_str::to_str(sip, true))
}

/// A deep copy of the message into `*dest` (NULL on error).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_clone(
    sip: *const osip_message_t,
    #[nonnull] dest: *mut *mut osip_message_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message.
    let Some(sip) = (unsafe { sip.as_ref() }) else {
        return OSIP_BADPARAMETER;
    };
    match message::clone(sip) {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Marks the cached serialisation stale (property 2).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_force_update(#[nonnull] sip: *mut osip_message_t) -> c_int {
    message::force_update(sip)
}

/// `message_property`: 1 cached serialisation up to date, 2 changed, 3 new.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get__property(
    #[nonnull] sip: *const osip_message_t,
) -> c_int {
    message::property(sip)
}

/// The element at `pos` of any list into `*dest` (NULL first): `pos`, or
/// -1 when `pos` is not below the list's size.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_knownheaderlist(
    header_list: *mut osip_list_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut c_void,
) -> c_int {
    // SAFETY: the C contract: NULL or a valid list.
    let list = unsafe { header_list.as_ref() };
    let (r, e) = generic::get_knownheaderlist(list, pos);
    *dest = e;
    r
}

/// The first generic header named `hname` (ASCII case-insensitively) at or
/// after `pos` into `*dest` (NULL first): its index, or -1.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_header_get_byname(
    #[nonnull] sip: *const osip_message_t,
    hname: *const c_char,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_header_t,
) -> c_int {
    *dest = ptr::null_mut();
    if sip.headers().raw().count() <= pos {
        return OSIP_UNDEFINED_ERROR;
    }
    // SAFETY: the C contract: NULL or a C string.
    let Some(name) = (unsafe { value(hname) }) else {
        return OSIP_BADPARAMETER;
    };
    let (r, h) = generic::header_get_byname(sip, name, pos);
    *dest = h.map_or(ptr::null_mut(), |h| {
        h as *const osip_header_t as *mut osip_header_t
    });
    r
}

/// The generic header at `pos` into `*dest` (NULL first): `pos`, or -1.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_header(
    #[nonnull] sip: *const osip_message_t,
    pos: c_int,
    #[nonnull] dest: *mut *mut osip_header_t,
) -> c_int {
    get_at(sip.headers(), pos, dest)
}

/// Appends a generic header (name and value trimmed copies, the value may
/// be NULL).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_header(
    #[nonnull] sip: *mut osip_message_t,
    #[cstr] hname: *const c_char,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string.
    generic::set_header(sip, hname.to_bytes(), unsafe { value(hvalue) })
}

/// Inserts a generic header first.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_topheader(
    #[nonnull] sip: *mut osip_message_t,
    #[cstr] hname: *const c_char,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string.
    generic::set_topheader(sip, hname.to_bytes(), unsafe { value(hvalue) })
}

/// Removes the first generic header named `hname` and appends the new one.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_replace_header(
    #[nonnull] sip: *mut osip_message_t,
    #[cstr] hname: *const c_char,
    hvalue: *const c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string.
    generic::replace_header(sip, hname.to_bytes(), unsafe { value(hvalue) })
}

/// One header line as the parser takes it: `hname` is lower-cased in
/// place, then a known header goes to its setter, another to the generic
/// headers, each comma-separated piece on its own for the headers of the
/// comma-separated table.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_multiple_header(
    sip: *mut osip_message_t,
    hname: *mut c_char,
    hvalue: *mut c_char,
) -> c_int {
    if hname.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: the caller's string, lower-cased in place as in the library.
    let name = unsafe { c_bytes_mut(hname) };
    name.make_ascii_lowercase();
    // SAFETY: the C contract: NULL or a valid message.
    let sip = unsafe { sip.as_mut() };
    // SAFETY: the C contract: NULL or a C string.
    parse::set_multiple_header(sip, name, unsafe { value(hvalue) })
}

/// The method of a request (NULL for a response).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_method(
    #[nonnull] sip: *const osip_message_t,
) -> *mut c_char {
    sip.sip_method
}

/// Stores `method` as the method, without freeing the one held (the
/// message owns `method` from now on).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_method(
    #[nonnull] sip: *mut osip_message_t,
    method: *mut c_char,
) {
    sip.sip_method = method;
}

/// The SIP version of the start line.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_version(
    #[nonnull] sip: *const osip_message_t,
) -> *mut c_char {
    sip.sip_version
}

/// Stores `version`, without freeing the one held.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_version(
    #[nonnull] sip: *mut osip_message_t,
    version: *mut c_char,
) {
    sip.sip_version = version;
}

/// The request URI (NULL for a response).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_uri(
    #[nonnull] sip: *const osip_message_t,
) -> *mut osip_uri_t {
    sip.req_uri
}

/// Stores `uri` as the request URI, without freeing the one held.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_uri(
    #[nonnull] sip: *mut osip_message_t,
    uri: *mut osip_uri_t,
) {
    sip.req_uri = uri;
}

/// The status code of a response (0 for a request).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_status_code(
    #[nonnull] sip: *const osip_message_t,
) -> c_int {
    sip.status_code
}

/// Sets the status code.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_status_code(
    #[nonnull] sip: *mut osip_message_t,
    status_code: c_int,
) {
    sip.status_code = status_code;
}

/// The reason phrase of a response.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_reason_phrase(
    #[nonnull] sip: *const osip_message_t,
) -> *mut c_char {
    sip.reason_phrase
}

/// Stores `reason` as the reason phrase, without freeing the one held.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_set_reason_phrase(
    #[nonnull] sip: *mut osip_message_t,
    reason: *mut c_char,
) {
    sip.reason_phrase = reason;
}

/// The reason phrase of a status code (a static string), or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_message_get_reason(replycode: c_int) -> *const c_char {
    message::reason(replycode).map_or(ptr::null(), CStr::as_ptr)
}
