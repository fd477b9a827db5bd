//! The parameter loop the three authentication parsers share
//! (`osip_authorization_parse`, `osip_www_authenticate_parse`,
//! `osip_authentication_info_parse`).
//!
//! From the position after the scheme, each round tries every known
//! parameter in the parser's fixed order, each with its reader
//! ([`quoted_string_set`] or [`token_set`], which skip SP/HT/`,` first and
//! leave a field that is already set alone). A reader that moved the
//! position makes the round count; one that says "end of value" ends the
//! parse with 0; an error ends it with that error, the fields read so far
//! staying in the structure. A round where nothing moved skips one unknown
//! parameter: up to the next `,` (or, when a quoted string starts before
//! that comma, the first `,` after its closing quote); no `,` left ends the
//! parse with 0, an unterminated quote there is -5.
//!
//! So values are not checked (`username=bob, realm="r"` takes `"r"` as the
//! username, see c-tests/parser/NOTES.md), a repeated parameter keeps its
//! first value, and unknown parameters are dropped.

use crate::code::{OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::port::scan::{find_byte, quote_find, ParamReader};
use libc::c_int;
use osip_cmem::OString;
use std::ffi::CStr;

pub(crate) use crate::port::scan::{quoted_string_set as quoted, token_set as token};

/// One known parameter: its name, its reader, and the field it fills.
pub(crate) struct Param<T> {
    pub name: &'static [u8],
    pub read: ParamReader,
    pub take: fn(&mut T) -> Option<OString>,
    pub put: fn(&mut T, Option<OString>),
}

/// `Param { name, read, take: |h| h.take_f(), put: |h, v| h.set_f(v) }`.
macro_rules! param {
    ($name:literal, $read:ident, $take:ident, $put:ident) => {
        $crate::headers::auth_params::Param {
            name: $name,
            read: $crate::headers::auth_params::$read,
            take: |h| h.$take(),
            put: |h, v| h.$put(v),
        }
    };
}
pub(crate) use param;

/// `Authorization` and `WWW-Authenticate` values: the scheme up to the
/// first space, set (replacing one already there) with `set_scheme`, then
/// the parameters. -5 without a space or with a leading one, -4, or what
/// [`parse_params`] gives.
pub(crate) fn parse_scheme_and_params<T>(
    h: &mut T,
    s: &[u8],
    set_scheme: fn(&mut T, Option<OString>),
    params: &[Param<T>],
) -> c_int {
    let Some(space) = find_byte(s, 0, b' ').filter(|&sp| sp < s.len()) else {
        return OSIP_SYNTAXERROR;
    };
    if space == 0 {
        return OSIP_SYNTAXERROR;
    }
    let Some(scheme) = crate::port::text::copy(&s[..space]) else {
        return OSIP_NOMEM;
    };
    set_scheme(h, Some(scheme));
    parse_params(h, s, space, params)
}

/// Reads the parameters of `s` from `at` (the scheme's space, or the start)
/// into `h`: 0, or the first error (see the module).
pub(crate) fn parse_params<T>(h: &mut T, s: &[u8], mut at: usize, params: &[Param<T>]) -> c_int {
    loop {
        let mut moved = false;
        for p in params {
            let mut field = (p.take)(h);
            let next = (p.read)(p.name, s, at, &mut field);
            (p.put)(h, field);
            match next {
                Err(e) => return e,
                Ok(None) => return OSIP_SUCCESS,
                Ok(Some(n)) if n != at => {
                    at = n;
                    moved = true;
                }
                Ok(Some(_)) => {}
            }
        }
        if !moved {
            match skip_unknown(s, at) {
                Ok(Some(n)) => at = n,
                Ok(None) => return OSIP_SUCCESS,
                Err(e) => return e,
            }
        }
    }
}

/// Where the parameter after the unknown one at `at` starts (its `,`);
/// None when there is none.
fn skip_unknown(s: &[u8], at: usize) -> Result<Option<usize>, c_int> {
    if at >= s.len() {
        return Ok(None);
    }
    let Some(comma) = find_byte(s, at + 1, b',') else {
        return Ok(None);
    };
    // Only a quote before the comma matters: the search stops there (the
    // escapes of a quote only look backwards, so the answer is the same).
    let Some(quote1) = quote_find(&s[..comma], at) else {
        return Ok(Some(comma));
    };
    let quote2 = quote_find(s, quote1 + 1).ok_or(OSIP_SYNTAXERROR)?;
    if comma < quote2 {
        Ok(find_byte(s, quote2, b','))
    } else {
        Ok(Some(comma))
    }
}

/// A copy of an optional field for a clone; -4 when out of memory.
pub(crate) fn dup(s: Option<&CStr>) -> Result<Option<OString>, c_int> {
    match s {
        None => Ok(None),
        Some(s) => OString::from_c_str(s).map(Some).ok_or(OSIP_NOMEM),
    }
}

/// A copy of an optional field for a clone where the library ignores a
/// failed copy: NULL then.
pub(crate) fn dup_or_null(s: Option<&CStr>) -> Option<OString> {
    s.and_then(OString::from_c_str)
}

/// Appends a C string's bytes.
pub(crate) fn push(out: &mut Vec<u8>, s: &CStr) {
    out.extend_from_slice(s.to_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_parameters_are_skipped_to_their_comma() {
        assert_eq!(skip_unknown(b"x", 1), Ok(None));
        assert_eq!(skip_unknown(b" foo=bar", 0), Ok(None));
        assert_eq!(skip_unknown(b" foo=bar, x", 0), Ok(Some(8)));
        // A comma inside a quoted value: the one after the closing quote.
        assert_eq!(skip_unknown(b" f=\"a,b\", x", 0), Ok(Some(8)));
        assert_eq!(skip_unknown(b" f=\"a,b\"", 0), Ok(None));
        // A quote after the comma does not count.
        assert_eq!(skip_unknown(b" f=a, x=\"y\"", 0), Ok(Some(4)));
        // An escaped quote does not open a string.
        assert_eq!(skip_unknown(b" f=\\\"a, x", 0), Ok(Some(6)));
        // An unterminated quote before the comma is -5.
        assert_eq!(skip_unknown(b" f=\"a, x", 0), Err(-5));
        // The first byte is never the comma looked for.
        assert_eq!(skip_unknown(b",a,b", 0), Ok(Some(2)));
    }
}
