//! Accept-Encoding and Accept-Language (`osip_accept_encoding.c`): an
//! element (trimmed) and `;params`, serialised `element;name=value`.

use super::{clone_params_walk, clrncpy, ostring, push_params};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::find_byte;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_accept_encoding_t;

/// `osip_accept_encoding_parse(ae, value)`: the parameters from the first
/// `;`, then the element before it; -5 when the value is empty or starts
/// with `;`.
pub fn parse(ae: &mut osip_accept_encoding_t, v: &[u8]) -> c_int {
    let params_at = match find_byte(v, 0, b';') {
        Some(p) => {
            let r = params::parse_all(&mut ae.gen_params_mut(), &v[p..]);
            if r != OSIP_SUCCESS {
                return r;
            }
            p
        }
        None => v.len(),
    };
    if params_at == 0 {
        return OSIP_SYNTAXERROR;
    }
    match clrncpy(v, 0, params_at) {
        Ok(e) => {
            ae.set_element(Some(e));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `osip_accept_encoding_to_str`: `element;params`; -2 without element.
pub fn to_str(ae: &osip_accept_encoding_t) -> Result<OString, c_int> {
    let element = ae.element().ok_or(OSIP_BADPARAMETER)?;
    let mut out = element.to_bytes().to_vec();
    push_params(&mut out, &ae.gen_params())?;
    ostring(&out)
}

/// `osip_accept_encoding_clone`: -2 without element.
pub fn clone(ae: &osip_accept_encoding_t) -> Result<Owned<osip_accept_encoding_t>, c_int> {
    let element = ae.element().ok_or(OSIP_BADPARAMETER)?;
    let mut c = Owned::<osip_accept_encoding_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_element(Some(OString::from_c_str(element).ok_or(OSIP_NOMEM)?));
    let r = clone_params_walk(&ae.gen_params(), &mut c.gen_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}
