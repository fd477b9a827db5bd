//! Content-Type and Accept (`osip_content_type.c`, `osip_accept.c`):
//! `type/subtype;params`, serialised with `"; "` between parameters (the
//! other headers use `";"`). A parameter without value is accepted by the
//! parser and refused (-5) by the serialisers.

use super::{clone_params_walk, clrncpy, dup, ostring};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::find_byte;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_content_type_t;

/// `osip_content_type_parse(ct, value)` (and `osip_accept_parse`): an empty
/// value is 0 with nothing set. The parameters (from the first `;`, even
/// one before the `/`) are read first, then the type, then the subtype.
pub fn parse(ct: &mut osip_content_type_t, v: &[u8]) -> c_int {
    if v.is_empty() {
        return OSIP_SUCCESS;
    }
    let Some(slash) = find_byte(v, 0, b'/') else {
        return OSIP_SYNTAXERROR;
    };
    let params_at = match find_byte(v, 0, b';') {
        Some(p) => {
            let r = params::parse_all(&mut ct.gen_params_mut(), &v[p..]);
            if r != OSIP_SUCCESS {
                return r;
            }
            p
        }
        None => v.len(),
    };
    if slash == 0 {
        return OSIP_SYNTAXERROR;
    }
    match clrncpy(v, 0, slash) {
        Ok(t) => ct.set_type_(Some(t)),
        Err(e) => return e,
    }
    if params_at < slash + 2 {
        return OSIP_SYNTAXERROR;
    }
    match clrncpy(v, slash + 1, params_at) {
        Ok(s) => {
            ct.set_subtype(Some(s));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `; name=value` for each parameter up to the first NULL element; -5 for
/// a parameter without value (or without name, where the library
/// dereferences NULL).
fn push_params(out: &mut Vec<u8>, ct: &osip_content_type_t) -> Result<(), c_int> {
    for p in ct.gen_params().iter().map_while(|p| p) {
        let (Some(name), Some(value)) = (p.gname(), p.gvalue()) else {
            return Err(OSIP_SYNTAXERROR);
        };
        out.extend_from_slice(b"; ");
        out.extend_from_slice(name.to_bytes());
        out.push(b'=');
        out.extend_from_slice(value.to_bytes());
    }
    Ok(())
}

/// `osip_content_type_to_str`: `type/subtype; name=value...`; -2 without
/// type or subtype.
pub fn to_str(ct: &osip_content_type_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(64);
    write(ct, &mut out)?;
    ostring(&out)
}

/// [`to_str`]'s text appended to `out` (part of it on error).
pub fn write(ct: &osip_content_type_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let (Some(t), Some(s)) = (ct.type_(), ct.subtype()) else {
        return Err(OSIP_BADPARAMETER);
    };
    out.extend_from_slice(t.to_bytes());
    out.push(b'/');
    out.extend_from_slice(s.to_bytes());
    push_params(out, ct)
}

/// `osip_accept_to_str`: as [`to_str`], but an element whose type and
/// subtype are both missing or empty gives `" "`, and one missing part is
/// written `(null)` (glibc's `%s` of NULL).
pub fn accept_to_str(accept: &osip_content_type_t) -> Result<OString, c_int> {
    let len = ct_len(accept.type_()) + ct_len(accept.subtype());
    if len == 0 {
        return ostring(b" ");
    }
    let mut out = part(accept.type_()).to_vec();
    out.push(b'/');
    out.extend_from_slice(part(accept.subtype()));
    push_params(&mut out, accept)?;
    ostring(&out)
}

fn part(s: Option<&std::ffi::CStr>) -> &[u8] {
    s.map_or(&b"(null)"[..], |s| s.to_bytes())
}

fn ct_len(s: Option<&std::ffi::CStr>) -> usize {
    s.map_or(0, |s| s.to_bytes().len())
}

/// `osip_content_type_clone` (and `osip_accept_clone`): type and subtype
/// copied when present, parameters up to the first NULL element.
pub fn clone(ct: &osip_content_type_t) -> Result<Owned<osip_content_type_t>, c_int> {
    let mut c = Owned::<osip_content_type_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_type_(dup(ct.type_()));
    c.set_subtype(dup(ct.subtype()));
    let r = clone_params_walk(&ct.gen_params(), &mut c.gen_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}
