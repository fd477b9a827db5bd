//! The libosipparser2 and the clock of the process, as the safe core asks
//! for them ([`Parser`], [`Clock`]): each method one call of the parser's C
//! function, whichever library the process loaded (Debian's or ours), so
//! that copies, comparisons and traces are that library's.

use crate::core::host::{Clock, Level, Parser};
use crate::core::timeval::Tv;
use crate::parser::{osip_atoi, osip_from_tag_match, osip_trace};
use crate::parser::{
    osip_call_id_clone, osip_call_id_match, osip_call_id_t, osip_call_id_to_str, osip_cseq_clone,
    osip_cseq_match, osip_cseq_t, osip_from_clone, osip_from_compare, osip_from_t,
    osip_message_clone, osip_message_t, osip_to_clone, osip_to_t, osip_uri_clone, osip_uri_t,
    osip_via_clone, osip_via_match, osip_via_t, OSIP_ERROR, OSIP_WARNING,
};
use libc::{c_char, c_int};
use osip_cmem::{CObject, OString, Owned};
use std::ffi::CStr;
use std::ptr;

/// The parser's functions and the monotonic clock.
pub(crate) struct Process;

/// What a parser function that makes an object left: the object, or its
/// code (success without an object reads as out of memory).
///
/// # Safety
/// `out` is what the function stored: NULL or an object of the osip
/// allocator that is now ours.
unsafe fn made<T: CObject>(r: c_int, out: *mut T) -> Result<Owned<T>, c_int> {
    // SAFETY: per the contract.
    let made = unsafe { Owned::from_raw(out) };
    match (r, made) {
        (0, Some(object)) => Ok(object),
        (0, None) => Err(crate::abi::codes::OSIP_NOMEM),
        (r, _) => Err(r),
    }
}

/// Runs a parser clone function on `from`.
fn clone_with<T: CObject>(
    from: &T,
    clone: unsafe extern "C" fn(*const T, *mut *mut T) -> c_int,
) -> Option<Owned<T>> {
    let mut out = ptr::null_mut();
    // SAFETY: `from` is a valid object; the clone writes NULL or a new
    // object to `out`.
    let r = unsafe { clone(from, &mut out) };
    // SAFETY: what the clone stored.
    unsafe { made(r, out) }.ok()
}

/// A header as the parser's `*_match` functions take it: they only read.
fn arg<T>(h: &T) -> *mut T {
    h as *const T as *mut T
}

fn opt<T>(h: Option<&T>) -> *const T {
    h.map_or(ptr::null(), |h| h as *const T)
}

impl Parser for Process {
    fn clone_message(&self, m: &osip_message_t) -> Option<Owned<osip_message_t>> {
        clone_with(m, osip_message_clone)
    }
    fn clone_via(&self, v: &osip_via_t) -> Option<Owned<osip_via_t>> {
        clone_with(v, osip_via_clone)
    }
    fn clone_from(&self, f: &osip_from_t) -> Option<Owned<osip_from_t>> {
        clone_with(f, osip_from_clone)
    }
    fn clone_to(&self, t: &osip_to_t) -> Option<Owned<osip_to_t>> {
        clone_with(t, osip_to_clone)
    }
    fn clone_call_id(&self, c: &osip_call_id_t) -> Option<Owned<osip_call_id_t>> {
        clone_with(c, osip_call_id_clone)
    }
    fn clone_cseq(&self, c: &osip_cseq_t) -> Option<Owned<osip_cseq_t>> {
        clone_with(c, osip_cseq_clone)
    }
    fn clone_uri(&self, u: &osip_uri_t) -> Option<Owned<osip_uri_t>> {
        clone_with(u, osip_uri_clone)
    }
    fn via_match(&self, a: &osip_via_t, b: &osip_via_t) -> c_int {
        // SAFETY: two valid Vias.
        unsafe { osip_via_match(arg(a), arg(b)) }
    }
    fn call_id_match(&self, a: &osip_call_id_t, b: &osip_call_id_t) -> c_int {
        // SAFETY: two valid Call-IDs.
        unsafe { osip_call_id_match(arg(a), arg(b)) }
    }
    fn cseq_match(&self, a: &osip_cseq_t, b: &osip_cseq_t) -> c_int {
        // SAFETY: two valid CSeqs.
        unsafe { osip_cseq_match(arg(a), arg(b)) }
    }
    fn tag_match(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        // SAFETY: two valid headers.
        unsafe { osip_from_tag_match(arg(a), arg(b)) }
    }
    fn compare_from(&self, a: &osip_from_t, b: &osip_from_t) -> c_int {
        // SAFETY: two valid headers.
        unsafe { osip_from_compare(arg(a), arg(b)) }
    }

    fn clone_name_addr(&self, h: Option<&osip_from_t>) -> Result<Owned<osip_from_t>, c_int> {
        let mut out = ptr::null_mut();
        // SAFETY: NULL (refused by the parser) or a valid header; the clone
        // writes NULL or a new header to `out`.
        let r = unsafe { osip_from_clone(opt(h), &mut out) };
        // SAFETY: what the clone stored.
        unsafe { made(r, out) }
    }
    fn call_id_to_str(&self, c: Option<&osip_call_id_t>) -> Result<OString, c_int> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL (refused by the parser) or a valid Call-ID; the
        // parser writes NULL or a new string to `out`.
        let r = unsafe { osip_call_id_to_str(opt(c), &mut out) };
        // SAFETY: NULL or a string of the osip allocator, now ours.
        let text = unsafe { OString::from_raw(out) };
        match (r, text) {
            (0, Some(text)) => Ok(text),
            (0, None) => Err(crate::abi::codes::OSIP_NOMEM),
            (r, _) => Err(r),
        }
    }
    fn atoi(&self, s: &CStr) -> c_int {
        // SAFETY: a NUL-terminated string.
        unsafe { osip_atoi(s.as_ptr()) }
    }
    fn trace(&self, file: &CStr, line: c_int, level: Level, text: &CStr) {
        let level = match level {
            Level::Error => OSIP_ERROR,
            Level::Warning => OSIP_WARNING,
        };
        let null = ptr::null_mut();
        // The text is the format, as libosip2 passes it to a trace function
        // the application installed; one with a conversion in it (none of
        // ours) goes as an argument.
        if text.to_bytes().contains(&b'%') {
            // SAFETY: NUL-terminated strings; "%s" takes one.
            unsafe {
                osip_trace(
                    file.as_ptr(),
                    line,
                    level,
                    null,
                    c"%s".as_ptr(),
                    text.as_ptr(),
                )
            };
        } else {
            // SAFETY: NUL-terminated strings; the format has no conversion.
            unsafe { osip_trace(file.as_ptr(), line, level, null, text.as_ptr()) };
        }
    }
}

impl Clock for Process {
    fn now(&self) -> Tv {
        super::time::now()
    }
    fn seconds(&self) -> i64 {
        super::time::now().sec
    }
}
