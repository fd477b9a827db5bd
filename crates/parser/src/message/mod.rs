//! The message (`osip_message_t`, `osip_message.c` and the message parts of
//! `osip_message_parse.c`, `osip_message_to_str.c`, `osip_header.c`,
//! `osip_parser_cfg.c`).
//!
//! - [`parse`]: `osip_message_parse(_sipfrag)` and
//!   `osip_message_set_multiple_header`;
//! - [`to_str`]: `osip_message_to_str(_sipfrag)`, the cached serialisation;
//! - [`config`]: the known and comma-separated header tables
//!   (`parser_init`, ...);
//! - [`headers`]: the typed header setters and getters
//!   (`osip_message_set_via`, `osip_message_get_contact`, ...),
//!   `osip_message_append_via` and `osip_message_fix_last_via_header`;
//! - [`auth`]: the setters and getters of the authentication headers;
//! - [`generic`]: the generic headers (`osip_message_set_header`, ...);
//! - [`lists`]: how the setters append to the message's lists (in one walk
//!   per list when the parser fills them);
//! - [`new`] and [`clone`]: `osip_message_init` and `osip_message_clone`.
//!
//! `message_property` says whether the cached serialisation (`message`)
//! still holds: 3 after init, 2 once something changed, 1 after to_str.

pub mod auth;
pub mod config;
pub mod generic;
pub mod headers;
pub mod lists;
pub mod parse;
pub mod to_str;

use crate::code::{OSIP_NOMEM, OSIP_SUCCESS};
use crate::headers::{
    accept_encoding, authentication_info, authorization, call_id, call_info, content_length,
    content_type, cseq, from, header, via, www_authenticate,
};
use crate::{body, uri};
use libc::c_int;
use osip_cmem::{CObject, ListMut, ListRef, OBytes, OString, Owned};
use osip_parser_abi::osip_message_t;
use std::ffi::CStr;

/// `message_property` of a message nothing was done to.
pub const PROPERTY_NEW: c_int = 3;
/// `message_property` of a message changed since it was last serialised.
pub const PROPERTY_CHANGED: c_int = 2;

/// `osip_message_init`: an empty message (every list empty, every field
/// NULL, `message_property` 3); None when out of memory.
pub fn new() -> Option<Owned<osip_message_t>> {
    let mut m = Owned::<osip_message_t>::new()?;
    m.message_property = PROPERTY_NEW;
    Some(m)
}

/// A copy of an optional string: -4 when it cannot be made.
fn dup(s: Option<&CStr>) -> Result<Option<OString>, c_int> {
    match s {
        None => Ok(None),
        Some(s) => OString::from_c_str(s).map(Some).ok_or(OSIP_NOMEM),
    }
}

/// `osip_list_clone`: a copy of each element up to a NULL one, appended;
/// the first that cannot be copied gives its code.
fn clone_list<T: CObject>(
    src: ListRef<'_, T>,
    mut dst: ListMut<'_, T>,
    f: fn(&T) -> Result<Owned<T>, c_int>,
) -> Result<(), c_int> {
    let mut r = Ok(());
    let copies = src.iter().map_while(|e| e).map_while(|e| match f(e) {
        Ok(c) => Some(c),
        Err(e) => {
            r = Err(e);
            None
        }
    });
    dst.append_all(copies);
    r
}

/// `osip_message_clone`: a deep copy of every field, in the library's
/// order (which decides the code returned when several parts cannot be
/// copied: a body of length 0 is -2, ...). The cached serialisation is
/// copied whole (Debian copies it with `strdup`, losing what follows a NUL
/// while keeping the length); `application_data` is shared.
pub fn clone(msg: &osip_message_t) -> Result<Owned<osip_message_t>, c_int> {
    let mut c = new().ok_or(OSIP_NOMEM)?;
    c.set_sip_method(dup(msg.sip_method())?);
    c.set_sip_version(dup(msg.sip_version())?);
    c.status_code = msg.status_code;
    c.set_reason_phrase(dup(msg.reason_phrase())?);
    if let Some(u) = msg.req_uri() {
        c.set_req_uri(Some(uri::clone(u)?));
    }
    clone_list(msg.accepts(), c.accepts_mut(), content_type::clone)?;
    clone_list(
        msg.accept_encodings(),
        c.accept_encodings_mut(),
        accept_encoding::clone,
    )?;
    clone_list(
        msg.accept_languages(),
        c.accept_languages_mut(),
        accept_encoding::clone,
    )?;
    clone_list(msg.alert_infos(), c.alert_infos_mut(), call_info::clone)?;
    clone_list(msg.allows(), c.allows_mut(), content_length::clone)?;
    clone_list(
        msg.authentication_infos(),
        c.authentication_infos_mut(),
        authentication_info::clone,
    )?;
    clone_list(
        msg.content_encodings(),
        c.content_encodings_mut(),
        content_length::clone,
    )?;
    clone_list(msg.error_infos(), c.error_infos_mut(), call_info::clone)?;
    clone_list(
        msg.proxy_authentication_infos(),
        c.proxy_authentication_infos_mut(),
        authentication_info::clone,
    )?;
    clone_list(msg.call_infos(), c.call_infos_mut(), call_info::clone)?;
    clone_list(
        msg.authorizations(),
        c.authorizations_mut(),
        authorization::clone,
    )?;
    if let Some(h) = msg.call_id() {
        c.set_call_id(Some(call_id::clone(h)?));
    }
    clone_list(msg.contacts(), c.contacts_mut(), from::clone)?;
    if let Some(h) = msg.content_length() {
        c.set_content_length(Some(content_length::clone(h)?));
    }
    if let Some(h) = msg.content_type() {
        c.set_content_type(Some(content_type::clone(h)?));
    }
    if let Some(h) = msg.cseq() {
        c.set_cseq(Some(cseq::clone(h)?));
    }
    if let Some(h) = msg.from() {
        c.set_from(Some(from::clone(h)?));
    }
    if let Some(h) = msg.mime_version() {
        c.set_mime_version(Some(content_length::clone(h)?));
    }
    clone_list(
        msg.proxy_authenticates(),
        c.proxy_authenticates_mut(),
        www_authenticate::clone,
    )?;
    clone_list(
        msg.proxy_authorizations(),
        c.proxy_authorizations_mut(),
        authorization::clone,
    )?;
    clone_list(msg.record_routes(), c.record_routes_mut(), from::clone)?;
    clone_list(msg.routes(), c.routes_mut(), from::clone)?;
    if let Some(h) = msg.to() {
        c.set_to(Some(from::clone(h)?));
    }
    clone_list(msg.vias(), c.vias_mut(), via::clone)?;
    clone_list(
        msg.www_authenticates(),
        c.www_authenticates_mut(),
        www_authenticate::clone,
    )?;
    clone_list(msg.headers(), c.headers_mut(), header::clone)?;
    clone_list(msg.bodies(), c.bodies_mut(), body::clone)?;
    if let Some(m) = msg.message() {
        c.set_message(Some(OBytes::new(m).ok_or(OSIP_NOMEM)?));
    }
    c.message_length = msg.message_length;
    c.message_property = msg.message_property;
    c.set_application_data(msg.application_data());
    Ok(c)
}

/// `osip_message_get__property`.
pub fn property(msg: &osip_message_t) -> c_int {
    msg.message_property
}

/// `osip_message_force_update`: the cached serialisation no longer holds.
pub fn force_update(msg: &mut osip_message_t) -> c_int {
    msg.message_property = PROPERTY_CHANGED;
    OSIP_SUCCESS
}

/// `osip_message_get_reason(code)`: the reason phrase the library knows for
/// a status code, or None.
pub fn reason(code: c_int) -> Option<&'static CStr> {
    let text: &'static CStr = match code {
        100 => c"Trying",
        180 => c"Ringing",
        181 => c"Call Is Being Forwarded",
        182 => c"Queued",
        183 => c"Session Progress",
        199 => c"Early Dialog Terminated",
        200 => c"OK",
        202 => c"Accepted",
        204 => c"No Notification",
        300 => c"Multiple Choices",
        301 => c"Moved Permanently",
        302 => c"Moved Temporarily",
        305 => c"Use Proxy",
        380 => c"Alternative Service",
        400 => c"Bad Request",
        401 => c"Unauthorized",
        402 => c"Payment Required",
        403 => c"Forbidden",
        404 => c"Not Found",
        405 => c"Method Not Allowed",
        406 => c"Not Acceptable",
        407 => c"Proxy Authentication Required",
        408 => c"Request Timeout",
        409 => c"Conflict",
        410 => c"Gone",
        411 => c"Length Required",
        412 => c"Conditional Request Failed",
        413 => c"Request Entity Too Large",
        414 => c"Request-URI Too Long",
        415 => c"Unsupported Media Type",
        416 => c"Unsupported URI Scheme",
        417 => c"Unknown Resource-Priority",
        420 => c"Bad Extension",
        421 => c"Extension Required",
        422 => c"Session Interval Too Small",
        423 => c"Interval Too Brief",
        424 => c"Bad Location Information",
        428 => c"Use Identity Header",
        429 => c"Provide Referrer Identity",
        430 => c"Flow Failed",
        433 => c"Anonymity Disallowed",
        436 => c"Bad Identity Info",
        437 => c"Unsupported Credential",
        438 => c"Invalid Identity Header",
        439 => c"First Hop Lacks Outbound Support",
        440 => c"Max-Breadth Exceeded",
        469 => c"Bad Info Package",
        470 => c"Consent Needed",
        480 => c"Temporarily Unavailable",
        481 => c"Call/Transaction Does Not Exist",
        482 => c"Loop Detected",
        483 => c"Too Many Hops",
        484 => c"Address Incomplete",
        485 => c"Ambiguous",
        486 => c"Busy Here",
        487 => c"Request Terminated",
        488 => c"Not Acceptable Here",
        489 => c"Bad Event",
        491 => c"Request Pending",
        493 => c"Undecipherable",
        494 => c"Security Agreement Required",
        500 => c"Server Internal Error",
        501 => c"Not Implemented",
        502 => c"Bad Gateway",
        503 => c"Service Unavailable",
        504 => c"Server Time-out",
        505 => c"Version Not Supported",
        513 => c"Message Too Large",
        580 => c"Precondition Failure",
        600 => c"Busy Everywhere",
        603 => c"Decline",
        604 => c"Does Not Exist Anywhere",
        606 => c"Not Acceptable",
        607 => c"Unwanted",
        687 => c"Dialog Terminated",
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests;
