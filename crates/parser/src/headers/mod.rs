//! The header types of libosipparser2 5.3.0 (`<osipparser2/headers/*.h>`):
//! parse, serialise, clone and compare,
//! with Debian's results (c-tests/parser/, `corpus/headers.list`).
//!
//! Each module works on one structure of `osip_parser_abi` and gives the
//! message core what it needs, in the same shape everywhere:
//!
//! - `parse(h, value) -> c_int`: parses a header value (the bytes of a C
//!   string) into an element fresh from `*_init`. On error the fields read
//!   so far stay in `h`, as in the library (the caller frees it);
//! - `to_str(h) -> Result<OString, c_int>`: the serialisation;
//! - `clone(h) -> Result<Owned<T>, c_int>`: the deep copy.
//!
//! | module | structure | C functions |
//! |---|---|---|
//! | [`from`] | `osip_from_t` | From, To, Contact, Route, Record-Route |
//! | [`via`] | `osip_via_t` | Via |
//! | [`call_id`] | `osip_call_id_t` | Call-ID |
//! | [`cseq`] | `osip_cseq_t` | CSeq |
//! | [`content_length`] | `osip_content_length_t` | Content-Length, Allow, Content-Encoding, Mime-Version |
//! | [`content_type`] | `osip_content_type_t` | Content-Type, Accept |
//! | [`accept_encoding`] | `osip_accept_encoding_t` | Accept-Encoding, Accept-Language |
//! | [`call_info`] | `osip_call_info_t` | Call-Info, Alert-Info, Error-Info, Content-Disposition |
//! | [`header`] | `osip_header_t` | the generic header |
//! | [`authorization`] | `osip_authorization_t` | Authorization, Proxy-Authorization |
//! | [`www_authenticate`] | `osip_www_authenticate_t` | WWW-Authenticate, Proxy-Authenticate |
//! | [`authentication_info`] | `osip_authentication_info_t` | Authentication-Info, Proxy-Authentication-Info |
//!
//! Where Debian dereferences NULL (a parameter without a name in a list
//! being serialised, a NULL value given to a parser that does not check)
//! these return an error code instead (docs/deviations.md).

pub mod accept_encoding;
mod auth_params;
pub mod authentication_info;
pub mod authorization;
pub mod call_id;
pub mod call_info;
pub mod content_length;
pub mod content_type;
pub mod cseq;
pub mod from;
pub mod header;
pub mod via;
pub mod www_authenticate;

use crate::code::{OSIP_NOMEM, OSIP_SYNTAXERROR};
use crate::port::text::{clean_copy, is_lws};
use libc::c_int;
use osip_cmem::{ListRef, OString};
use osip_parser_abi::osip_generic_param_t;
use std::ffi::CStr;

/// `osip_clrncpy(dst, s + start, end - start)` into a new string: the span
/// trimmed of SP/HT/CR/LF at both ends. -4 when out of memory.
pub(crate) fn clrncpy(s: &[u8], start: usize, end: usize) -> Result<OString, c_int> {
    clean_copy(&s[start..end]).ok_or(OSIP_NOMEM)
}

/// `osip_clrncpy(dst, s + start, n)` where the `n` bytes run to the string's
/// terminating NUL included: the library's trailing trim then starts on the
/// NUL and keeps everything, so only the leading SP/HT/CR/LF go
/// (`CSeq: 1 INVITE  ` keeps `INVITE  `).
pub(crate) fn clrncpy_to_end(s: &[u8], start: usize) -> Result<OString, c_int> {
    let rest = &s[start..];
    let lead = rest.iter().take_while(|&&b| is_lws(b)).count();
    OString::truncated(&rest[lead..]).ok_or(OSIP_NOMEM)
}

/// `osip_strdup` of an optional field: None stays None, and so does a copy
/// that cannot be allocated (the library does not check those).
pub(crate) fn dup(s: Option<&CStr>) -> Option<OString> {
    s.and_then(OString::from_c_str)
}

/// A new string of `bytes`; -4 when out of memory.
pub(crate) fn ostring(bytes: &[u8]) -> Result<OString, c_int> {
    OString::truncated(bytes).ok_or(OSIP_NOMEM)
}

/// Appends `;name` or `;name=value` for each parameter, up to the first NULL
/// element (the library's iterator loops stop there). A parameter without a
/// name, where the library calls `strlen(NULL)`, is -5.
pub(crate) fn push_params(
    out: &mut Vec<u8>,
    params: &ListRef<'_, osip_generic_param_t>,
) -> Result<(), c_int> {
    for p in params.iter().map_while(|p| p) {
        let name = p.gname().ok_or(OSIP_SYNTAXERROR)?;
        out.push(b';');
        out.extend_from_slice(name.to_bytes());
        if let Some(v) = p.gvalue() {
            out.push(b'=');
            out.extend_from_slice(v.to_bytes());
        }
    }
    Ok(())
}

/// Clones the parameters of `src` into `dst` the way the clone functions
/// that walk the list themselves do (Content-Type, Accept-Encoding): up to
/// the first NULL element, the first failing copy ending the walk with its
/// code.
pub(crate) fn clone_params_walk(
    src: &ListRef<'_, osip_generic_param_t>,
    dst: &mut osip_cmem::ListMut<'_, osip_generic_param_t>,
) -> c_int {
    let mut dst = dst.appender();
    for p in src.iter().map_while(|p| p) {
        match crate::params::clone(p) {
            Ok(c) => dst.push(c),
            Err(e) => return e,
        }
    }
    0
}

#[cfg(test)]
mod tests;
