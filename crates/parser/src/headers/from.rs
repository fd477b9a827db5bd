//! From, To, Contact, Route and Record-Route (`osip_from.c`,
//! `osip_contact.c`, `osip_route.c`, `osip_record_route.c`): one structure,
//! `osip_from_t`, a display name, a URI and generic parameters.
//!
//! Debian's quirks kept (c-tests/parser/NOTES.md, "Name-addr headers"):
//! - a quoted display name is kept with its quotes; an unquoted one is read
//!   up to `<` but copied *from the start of the value* for that length, so
//!   leading spaces cost its last bytes (`  Bob <sip:b@h>` gives `Bo`);
//! - without `<>` the whole value up to the first `;` is the URI and the
//!   `;params` belong to the header; after `>` anything up to the first `;`
//!   is ignored; a second name-addr after a comma is ignored;
//! - the URI must be 6 bytes or more, 5 when it runs to the end of the value
//!   (the library counts the terminating NUL);
//! - parameters are read before the URI: a bad parameter list leaves the
//!   display name and the parameters read so far, without URI.

use super::{clrncpy, ostring, push_params};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::{find_byte, quote_find};
use crate::uri;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::{osip_from_t, osip_generic_param_t, osip_uri_t};

/// Bytes an unquoted display name may hold (`token` characters and spaces).
fn is_name_byte(b: u8) -> bool {
    b == b' '
        || b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
        )
}

/// `osip_from_parse(from, value)` (also To, Route, Record-Route, and
/// Contact once `*` is ruled out). An empty or all-space value is 0 with
/// nothing set.
pub fn parse(from: &mut osip_from_t, v: &[u8]) -> c_int {
    match parse_inner(from, v) {
        Ok(()) => OSIP_SUCCESS,
        Err(e) => e,
    }
}

fn parse_inner(from: &mut osip_from_t, v: &[u8]) -> Result<(), c_int> {
    let len = v.len();
    let mut ptr = v.iter().take_while(|&&b| b == b' ').count();
    if ptr == len {
        return Ok(());
    }
    let url = if v[ptr] == b'"' {
        let second = quote_find(v, ptr + 1).ok_or(OSIP_SYNTAXERROR)?;
        from.set_displayname(Some(ostring(&v[ptr..=second])?));
        ptr = second + 1;
        while v.get(ptr) == Some(&b' ') {
            ptr += 1;
        }
        if v.get(ptr) != Some(&b'<') || ptr + 1 == len {
            return Err(OSIP_SYNTAXERROR);
        }
        ptr
    } else {
        let beg = ptr;
        while ptr < len && is_name_byte(v[ptr]) {
            ptr += 1;
        }
        if ptr == len {
            return Err(OSIP_SYNTAXERROR);
        }
        if v[ptr] == b'<' {
            if ptr + 1 == len {
                return Err(OSIP_SYNTAXERROR);
            }
            if ptr > beg {
                // The library copies `ptr - beg` bytes from the start of the
                // value, not from `beg`.
                from.set_displayname(Some(clrncpy(v, 0, ptr - beg)?));
            }
            ptr
        } else {
            beg
        }
    };
    // The URI is v[start..end]; `nul` when it runs to the end of the value
    // (the library's length then counts the NUL).
    let (start, end, nul, gen_params) = if v[url] == b'<' {
        let start = url + 1;
        let gt = find_byte(v, start, b'>').ok_or(OSIP_SYNTAXERROR)?;
        // The library searches from the byte before `>`.
        (start, gt, false, find_byte(v, gt - 1, b';'))
    } else {
        match find_byte(v, url, b';') {
            Some(p) => (url, p, false, Some(p)),
            None => (url, len, true, None),
        }
    };
    if let Some(p) = gen_params {
        let r = params::parse_all(&mut from.gen_params_mut(), &v[p..]);
        if r != OSIP_SUCCESS {
            return Err(r);
        }
    }
    if end - start + usize::from(nul) + 1 < 7 {
        return Err(OSIP_SYNTAXERROR);
    }
    from.set_url(Some(Owned::<osip_uri_t>::new().ok_or(OSIP_NOMEM)?));
    let url = from.url_mut().ok_or(OSIP_NOMEM)?;
    match uri::parse(url, &v[start..end]) {
        OSIP_SUCCESS => Ok(()),
        e => Err(e),
    }
}

/// `osip_from_to_str` (also To, Route and Record-Route):
/// `displayname <uri>;params`, or `<uri>;params` without display name. -2
/// without URI; the URI's own errors are returned as they are.
pub fn to_str(from: &osip_from_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(96);
    write(from, &mut out)?;
    ostring(&out)
}

/// [`to_str`]'s text appended to `out` (part of it on error).
pub fn write(from: &osip_from_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let url = from.url().ok_or(OSIP_BADPARAMETER)?;
    if let Some(d) = from.displayname() {
        out.extend_from_slice(d.to_bytes());
        out.push(b' ');
    }
    out.push(b'<');
    uri::write(url, out)?;
    out.push(b'>');
    push_params(out, &from.gen_params())
}

/// `osip_from_clone` (also the other four): display name, URI and
/// parameters copied; a URI or parameter that cannot be copied makes the
/// whole clone fail with its code.
pub fn clone(from: &osip_from_t) -> Result<Owned<osip_from_t>, c_int> {
    let mut c = Owned::<osip_from_t>::new().ok_or(OSIP_NOMEM)?;
    if let Some(d) = from.displayname() {
        c.set_displayname(Some(OString::from_c_str(d).ok_or(OSIP_NOMEM)?));
    }
    if let Some(u) = from.url() {
        c.set_url(Some(uri::clone(u)?));
    }
    let r = params::clone_list(&from.gen_params(), &mut c.gen_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}

/// The value of the first parameter whose name *starts with* `tag`
/// (`strncmp(name, "tag", 3)`), for [`compare`]: None when there is none or
/// it has no value.
fn tag_prefix_value(from: &osip_from_t) -> Option<&std::ffi::CStr> {
    from.gen_params()
        .iter()
        .map_while(|p| p)
        .find(|p| p.gname().is_some_and(|n| n.to_bytes().starts_with(b"tag")))
        .and_then(|p| p.gvalue())
}

/// `osip_from_compare(a, b)`: 0 when the URIs have the same host (or, both
/// without host, the same opaque string) and the same user when both have
/// one, and the tags are equal when both have one (`strcmp` everywhere);
/// -1 otherwise; -2 when either has no URI.
pub fn compare(a: &osip_from_t, b: &osip_from_t) -> c_int {
    let (Some(ua), Some(ub)) = (a.url(), b.url()) else {
        return OSIP_BADPARAMETER;
    };
    const DIFFERENT: c_int = crate::code::OSIP_UNDEFINED_ERROR;
    if ua.host().is_none() && ub.host().is_none() {
        let (Some(sa), Some(sb)) = (ua.string(), ub.string()) else {
            return DIFFERENT;
        };
        if sa == sb {
            return OSIP_SUCCESS;
        }
    }
    let (Some(ha), Some(hb)) = (ua.host(), ub.host()) else {
        return DIFFERENT;
    };
    if ha != hb {
        return DIFFERENT;
    }
    if let (Some(na), Some(nb)) = (ua.username(), ub.username()) {
        if na != nb {
            return DIFFERENT;
        }
    }
    if let (Some(ta), Some(tb)) = (tag_prefix_value(a), tag_prefix_value(b)) {
        if ta != tb {
            return DIFFERENT;
        }
    }
    OSIP_SUCCESS
}

/// `osip_from_tag_match(a, b)` (and `osip_to_tag_match`): the `tag`
/// parameters (name compared case-insensitively): both absent is 0, one
/// absent or valueless is -1, else 0 when the values are equal (`strcmp`).
pub fn tag_match(a: &osip_from_t, b: &osip_from_t) -> c_int {
    const DIFFERENT: c_int = crate::code::OSIP_UNDEFINED_ERROR;
    let ta = params::get_byname(&a.gen_params(), b"tag").ok();
    let tb = params::get_byname(&b.gen_params(), b"tag").ok();
    match (ta, tb) {
        (None, None) => OSIP_SUCCESS,
        (Some(ta), Some(tb)) => match (ta.gvalue(), tb.gvalue()) {
            (Some(va), Some(vb)) if va == vb => OSIP_SUCCESS,
            _ => DIFFERENT,
        },
        _ => DIFFERENT,
    }
}

/// `osip_from_param_get(from, pos, &p)`: the parameter at `pos` and `pos`,
/// or -1 when `pos` is not below the number of parameters (a negative `pos`
/// gives no parameter and `pos`).
pub fn param_get(from: &osip_from_t, pos: c_int) -> (c_int, Option<&osip_generic_param_t>) {
    let params = from.gen_params();
    if params.raw().count() <= pos {
        return (crate::code::OSIP_UNDEFINED_ERROR, None);
    }
    let p = usize::try_from(pos).ok().and_then(|i| params.get(i));
    (pos, p)
}

/// `osip_contact_parse(contact, value)`: a value starting with `*` is kept
/// whole as the display name, without URI; anything else is [`parse`].
pub fn parse_contact(contact: &mut osip_from_t, v: &[u8]) -> c_int {
    if v.first() == Some(&b'*') {
        return match OString::new(v) {
            Some(s) => {
                contact.set_displayname(Some(s));
                OSIP_SUCCESS
            }
            None => OSIP_NOMEM,
        };
    }
    parse(contact, v)
}

/// `osip_contact_to_str`: `*` when the display name starts with `*`, else
/// [`to_str`].
pub fn to_str_contact(contact: &osip_from_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(96);
    write_contact(contact, &mut out)?;
    ostring(&out)
}

/// [`to_str_contact`]'s text appended to `out` (part of it on error).
pub fn write_contact(contact: &osip_from_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    if contact
        .displayname()
        .is_some_and(|d| d.to_bytes().first() == Some(&b'*'))
    {
        out.push(b'*');
        return Ok(());
    }
    write(contact, out)
}
