//! Content-Length, and Allow, Content-Encoding and Mime-Version, which share
//! its structure and functions (`osip_content_length.c`): one value, copied
//! as given (no trimming, no check).

use super::dup;
use crate::code::{OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::port::text::copy;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_content_length_t;

/// `osip_content_length_parse(cl, value)`: the value as is; -5 when empty.
pub fn parse(cl: &mut osip_content_length_t, v: &[u8]) -> c_int {
    if v.is_empty() {
        return OSIP_SYNTAXERROR;
    }
    match copy(v) {
        Some(s) => {
            cl.set_value(Some(s));
            OSIP_SUCCESS
        }
        None => OSIP_NOMEM,
    }
}

/// `osip_content_length_to_str`: a copy of the value; -4 when there is none
/// (the library's `osip_strdup(NULL)` is NULL, taken for a failed
/// allocation).
pub fn to_str(cl: &osip_content_length_t) -> Result<OString, c_int> {
    dup(cl.value()).ok_or(OSIP_NOMEM)
}

/// [`to_str`]'s text appended to `out`.
pub fn write(cl: &osip_content_length_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    out.extend_from_slice(cl.value().ok_or(OSIP_NOMEM)?.to_bytes());
    Ok(())
}

/// `osip_content_length_clone`: an empty element clones to an empty one.
pub fn clone(cl: &osip_content_length_t) -> Result<Owned<osip_content_length_t>, c_int> {
    let mut c = Owned::<osip_content_length_t>::new().ok_or(OSIP_NOMEM)?;
    if let Some(v) = cl.value() {
        c.set_value(Some(OString::from_c_str(v).ok_or(OSIP_NOMEM)?));
    }
    Ok(c)
}
