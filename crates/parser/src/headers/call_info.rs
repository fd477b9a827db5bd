//! Call-Info, and Alert-Info, Error-Info and Content-Disposition, which
//! share its structure and functions (`osip_call_info.c`,
//! `osip_content_disposition.c`): an element kept as written (trimmed) and
//! `;params`.
//!
//! Call-Info needs a `<` and a `>` after it; the parameters start at the
//! first `;` after the `>`, and the element is everything before them (text
//! around the `<...>` included). Content-Disposition's element is what
//! comes before the first `;`.

use super::{clrncpy, ostring, push_params};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::find_byte;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_call_info_t;

fn element_and_params(ci: &mut osip_call_info_t, v: &[u8], params_from: usize) -> c_int {
    let params_at = match find_byte(v, params_from, b';') {
        Some(p) => {
            let r = params::parse_all(&mut ci.gen_params_mut(), &v[p..]);
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
            ci.set_element(Some(e));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `osip_call_info_parse(ci, value)` (and Alert-Info, Error-Info).
pub fn parse(ci: &mut osip_call_info_t, v: &[u8]) -> c_int {
    let Some(lt) = find_byte(v, 0, b'<') else {
        return OSIP_SYNTAXERROR;
    };
    let Some(gt) = find_byte(v, lt + 1, b'>') else {
        return OSIP_SYNTAXERROR;
    };
    element_and_params(ci, v, gt + 1)
}

/// `osip_content_disposition_parse(cd, value)`: -5 when the value is empty
/// or starts with `;`.
pub fn parse_content_disposition(cd: &mut osip_call_info_t, v: &[u8]) -> c_int {
    element_and_params(cd, v, 0)
}

/// `osip_call_info_to_str` (and the three others): `element;params`; -2
/// without element.
pub fn to_str(ci: &osip_call_info_t) -> Result<OString, c_int> {
    let element = ci.element().ok_or(OSIP_BADPARAMETER)?;
    let mut out = element.to_bytes().to_vec();
    push_params(&mut out, &ci.gen_params())?;
    ostring(&out)
}

/// `osip_call_info_clone` (and the three others): -2 without element.
pub fn clone(ci: &osip_call_info_t) -> Result<Owned<osip_call_info_t>, c_int> {
    let element = ci.element().ok_or(OSIP_BADPARAMETER)?;
    let mut c = Owned::<osip_call_info_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_element(Some(OString::from_c_str(element).ok_or(OSIP_NOMEM)?));
    let r = params::clone_list(&ci.gen_params(), &mut c.gen_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}
