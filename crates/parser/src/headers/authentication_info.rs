//! Authentication-Info and Proxy-Authentication-Info
//! (`osip_authentication_info.c`): `[scheme SP] params`.
//!
//! A scheme is read only when the value has a space before its first `=`
//! (then it is the text before that space, possibly empty); otherwise the
//! parameters start at the beginning. Parameters tried in the order
//! nextnonce, cnonce, rspauth (quoted strings, kept with their quotes), nc,
//! qop (tokens), snum, srand, targetname, realm, opaque (quoted); see
//! [`auth_params`](super::auth_params). Unknown ones are dropped.

use super::auth_params::{dup_or_null, param, parse_params, push, Param};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM};
use crate::port::scan::find_byte;
use crate::port::text::copy;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_authentication_info_t;
use std::ffi::CStr;

type I = osip_authentication_info_t;

const PARAMS: [Param<I>; 10] = [
    param!(b"nextnonce", quoted, take_nextnonce, set_nextnonce),
    param!(b"cnonce", quoted, take_cnonce, set_cnonce),
    param!(b"rspauth", quoted, take_rspauth, set_rspauth),
    param!(b"nc", token, take_nonce_count, set_nonce_count),
    param!(b"qop", token, take_qop_options, set_qop_options),
    param!(b"snum", quoted, take_snum, set_snum),
    param!(b"srand", quoted, take_srand, set_srand),
    param!(b"targetname", quoted, take_targetname, set_targetname),
    param!(b"realm", quoted, take_realm, set_realm),
    param!(b"opaque", quoted, take_opaque, set_opaque),
];

/// `osip_authentication_info_parse(ainfo, value)`: 0, -5 (a known
/// parameter without `=` or quoted value, no `=` left where a token
/// parameter is tried, an unterminated quote), -4. Fields set before an
/// error stay set.
pub fn parse(ainfo: &mut I, value: &[u8]) -> c_int {
    let space = find_byte(value, 0, b' ').filter(|&s| s < value.len());
    let equal = find_byte(value, 0, b'=').filter(|&e| e < value.len());
    let start = match (space, equal) {
        (Some(space), Some(equal)) if equal > space => {
            let Some(scheme) = copy(&value[..space]) else {
                return OSIP_NOMEM;
            };
            ainfo.set_auth_type(Some(scheme));
            space
        }
        _ => 0,
    };
    parse_params(ainfo, value, start, &PARAMS)
}

/// `osip_authentication_info_to_str`: `scheme SP` when there is a scheme,
/// then `name=value` for qop, nextnonce, rspauth, cnonce, nc, snum, srand,
/// targetname, realm, opaque, separated by `, `. -2 when no field is set.
pub fn to_str(ainfo: &I) -> Result<OString, c_int> {
    let fields: [(&[u8], Option<&CStr>); 10] = [
        (b"qop=", ainfo.qop_options()),
        (b"nextnonce=", ainfo.nextnonce()),
        (b"rspauth=", ainfo.rspauth()),
        (b"cnonce=", ainfo.cnonce()),
        (b"nc=", ainfo.nonce_count()),
        (b"snum=", ainfo.snum()),
        (b"srand=", ainfo.srand()),
        (b"targetname=", ainfo.targetname()),
        (b"realm=", ainfo.realm()),
        (b"opaque=", ainfo.opaque()),
    ];
    if ainfo.auth_type().is_none() && fields.iter().all(|(_, v)| v.is_none()) {
        return Err(OSIP_BADPARAMETER);
    }
    let mut out = Vec::with_capacity(64);
    if let Some(scheme) = ainfo.auth_type() {
        push(&mut out, scheme);
        out.push(b' ');
    }
    let start = out.len();
    for (name, value) in fields {
        if let Some(v) = value {
            if out.len() != start {
                out.extend_from_slice(b", ");
            }
            out.extend_from_slice(name);
            push(&mut out, v);
        }
    }
    OString::new(&out).ok_or(OSIP_NOMEM)
}

/// `osip_authentication_info_clone`: a copy of the 11 fields; the library
/// does not check its copies, so one that fails is left NULL.
pub fn clone(ainfo: &I) -> Result<Owned<I>, c_int> {
    let mut c = Owned::<I>::new().ok_or(OSIP_NOMEM)?;
    c.set_auth_type(dup_or_null(ainfo.auth_type()));
    c.set_nextnonce(dup_or_null(ainfo.nextnonce()));
    c.set_cnonce(dup_or_null(ainfo.cnonce()));
    c.set_rspauth(dup_or_null(ainfo.rspauth()));
    c.set_nonce_count(dup_or_null(ainfo.nonce_count()));
    c.set_qop_options(dup_or_null(ainfo.qop_options()));
    c.set_snum(dup_or_null(ainfo.snum()));
    c.set_srand(dup_or_null(ainfo.srand()));
    c.set_targetname(dup_or_null(ainfo.targetname()));
    c.set_realm(dup_or_null(ainfo.realm()));
    c.set_opaque(dup_or_null(ainfo.opaque()));
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(v: &str) -> (c_int, Owned<I>) {
        let mut i = Owned::<I>::new().unwrap();
        let rc = parse(&mut i, v.as_bytes());
        (rc, i)
    }

    fn text(i: &I) -> String {
        String::from_utf8(to_str(i).unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn with_and_without_scheme() {
        let (rc, i) = parsed("qop=auth, rspauth=\"abc\", cnonce=\"x\", nc=00000001");
        assert_eq!(rc, 0);
        assert!(i.auth_type().is_none());
        assert_eq!(
            text(&i),
            "qop=auth, rspauth=\"abc\", cnonce=\"x\", nc=00000001"
        );
        let (rc, i) = parsed("Digest nextnonce=\"a\"");
        assert_eq!((rc, text(&i)), (0, "Digest nextnonce=\"a\"".to_string()));
        assert_eq!(text(&clone(&i).unwrap()), text(&i));
        let (rc, i) = parsed(" nextnonce=\"a\"");
        assert_eq!((rc, text(&i)), (0, " nextnonce=\"a\"".to_string()));
        let empty = Owned::<I>::new().unwrap();
        assert_eq!(to_str(&empty).err(), Some(-2));
        assert!(clone(&empty).is_ok());
        assert_eq!(parsed("nextnonce=\"unterminated").0, -5);
        assert_eq!(parsed("Digest").0, -5);
    }
}
