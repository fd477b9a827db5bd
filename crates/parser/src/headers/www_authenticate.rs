//! WWW-Authenticate and Proxy-Authenticate (`osip_www_authenticate.c`):
//! `scheme SP params`.
//!
//! The scheme as for Authorization (text before the first space; none, or
//! a leading space: -5). Parameters tried in the order realm, domain,
//! nonce, opaque (quoted strings, kept with their quotes), stale, algorithm
//! (tokens), qop (quoted, into `qop_options`), version (token), targetname,
//! gssapi-data (quoted); see [`auth_params`](super::auth_params). Unknown
//! ones are dropped; `auth_param` is never set.

use super::auth_params::{dup, param, parse_scheme_and_params, push, Param};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM};
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_www_authenticate_t;
use std::ffi::CStr;

type W = osip_www_authenticate_t;

const PARAMS: [Param<W>; 10] = [
    param!(b"realm", quoted, take_realm, set_realm),
    param!(b"domain", quoted, take_domain, set_domain),
    param!(b"nonce", quoted, take_nonce, set_nonce),
    param!(b"opaque", quoted, take_opaque, set_opaque),
    param!(b"stale", token, take_stale, set_stale),
    param!(b"algorithm", token, take_algorithm, set_algorithm),
    param!(b"qop", quoted, take_qop_options, set_qop_options),
    param!(b"version", token, take_version, set_version),
    param!(b"targetname", quoted, take_targetname, set_targetname),
    param!(b"gssapi-data", quoted, take_gssapi_data, set_gssapi_data),
];

/// `osip_www_authenticate_parse(wwwa, value)`: 0, -5, -4, with the rules of
/// [`authorization::parse`](super::authorization::parse).
pub fn parse(wwwa: &mut W, value: &[u8]) -> c_int {
    parse_scheme_and_params(wwwa, value, |h, v| h.set_auth_type(v), &PARAMS)
}

/// `osip_www_authenticate_to_str`: the scheme, ` realm=value` when set,
/// then `, name=value` for domain, nonce, opaque, stale, algorithm, qop,
/// version, targetname, gssapi-data. Without a realm the `,` right after
/// the scheme becomes a space (`Digest  nonce="n"`). -2 without a scheme.
pub fn to_str(wwwa: &W) -> Result<OString, c_int> {
    let scheme = wwwa.auth_type().ok_or(OSIP_BADPARAMETER)?;
    let fields: [(&[u8], Option<&CStr>); 9] = [
        (b", domain=", wwwa.domain()),
        (b", nonce=", wwwa.nonce()),
        (b", opaque=", wwwa.opaque()),
        (b", stale=", wwwa.stale()),
        (b", algorithm=", wwwa.algorithm()),
        (b", qop=", wwwa.qop_options()),
        (b", version=", wwwa.version()),
        (b", targetname=", wwwa.targetname()),
        (b", gssapi-data=", wwwa.gssapi_data()),
    ];
    let mut out = Vec::with_capacity(64);
    push(&mut out, scheme);
    let after_scheme = out.len();
    if let Some(realm) = wwwa.realm() {
        out.extend_from_slice(b" realm=");
        push(&mut out, realm);
    }
    for (name, value) in fields {
        if let Some(v) = value {
            out.extend_from_slice(name);
            push(&mut out, v);
        }
    }
    if wwwa.realm().is_none() && out.get(after_scheme) == Some(&b',') {
        out[after_scheme] = b' ';
    }
    OString::new(&out).ok_or(OSIP_NOMEM)
}

/// `osip_www_authenticate_clone`: -2 without a scheme, -4 when any copy
/// fails; the 11 fields (not `auth_param`).
pub fn clone(wwwa: &W) -> Result<Owned<W>, c_int> {
    let scheme = wwwa.auth_type().ok_or(OSIP_BADPARAMETER)?;
    let mut c = Owned::<W>::new().ok_or(OSIP_NOMEM)?;
    c.set_auth_type(dup(Some(scheme))?);
    c.set_realm(dup(wwwa.realm())?);
    c.set_domain(dup(wwwa.domain())?);
    c.set_nonce(dup(wwwa.nonce())?);
    c.set_opaque(dup(wwwa.opaque())?);
    c.set_stale(dup(wwwa.stale())?);
    c.set_algorithm(dup(wwwa.algorithm())?);
    c.set_qop_options(dup(wwwa.qop_options())?);
    c.set_version(dup(wwwa.version())?);
    c.set_targetname(dup(wwwa.targetname())?);
    c.set_gssapi_data(dup(wwwa.gssapi_data())?);
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(v: &str) -> (c_int, Owned<W>) {
        let mut w = Owned::<W>::new().unwrap();
        let rc = parse(&mut w, v.as_bytes());
        (rc, w)
    }

    fn text(w: &W) -> String {
        String::from_utf8(to_str(w).unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn challenge_round_trip() {
        let v = "Digest realm=\"a.com\", domain=\"sip:s\", qop=\"auth\", nonce=\"n\", \
                 opaque=\"\", stale=FALSE, algorithm=MD5";
        let (rc, w) = parsed(v);
        assert_eq!(rc, 0);
        assert!(w.opaque().is_none());
        assert_eq!(
            text(&w),
            "Digest realm=\"a.com\", domain=\"sip:s\", nonce=\"n\", stale=FALSE, \
             algorithm=MD5, qop=\"auth\""
        );
        assert_eq!(text(&clone(&w).unwrap()), text(&w));
    }

    #[test]
    fn without_realm_the_first_comma_goes() {
        let (rc, w) = parsed("Digest nonce=\"n\"");
        assert_eq!((rc, text(&w)), (0, "Digest  nonce=\"n\"".to_string()));
        let (rc, w) = parsed("Basic foo=\"x\"");
        assert_eq!((rc, text(&w)), (0, "Basic".to_string()));
        let empty = Owned::<W>::new().unwrap();
        assert_eq!(to_str(&empty).err(), Some(-2));
        assert_eq!(clone(&empty).err(), Some(-2));
        assert_eq!(parsed("Digest").0, -5);
        assert_eq!(parsed("Digest realm=\"unterminated").0, -5);
    }
}
