//! The generic header (`osip_header.c`): a name and a value, for the
//! headers the parser does not know.

use super::ostring;
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM};
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_header_t;

/// `osip_header_to_str`: `Name: value` (or `Name: ` without value), the
/// first byte upper-cased when it is `a`-`z`; -2 without name.
pub fn to_str(h: &osip_header_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(96);
    write(h, &mut out)?;
    ostring(&out)
}

/// [`to_str`]'s text appended to `out`.
pub fn write(h: &osip_header_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let name = h.hname().ok_or(OSIP_BADPARAMETER)?.to_bytes();
    let start = out.len();
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    if let Some(v) = h.hvalue() {
        out.extend_from_slice(v.to_bytes());
    }
    out[start] = out[start].to_ascii_uppercase();
    Ok(())
}

/// `osip_header_clone`: -2 without name.
pub fn clone(h: &osip_header_t) -> Result<Owned<osip_header_t>, c_int> {
    let name = h.hname().ok_or(OSIP_BADPARAMETER)?;
    let mut c = Owned::<osip_header_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_hname(Some(OString::from_c_str(name).ok_or(OSIP_NOMEM)?));
    if let Some(v) = h.hvalue() {
        c.set_hvalue(Some(OString::from_c_str(v).ok_or(OSIP_NOMEM)?));
    }
    Ok(c)
}
