//! Authorization and Proxy-Authorization (`osip_authorization.c`):
//! `scheme SP params`.
//!
//! The scheme is the text before the first space (none, or a value that
//! starts with a space: -5, nothing stored). The parameters, in the order
//! they are tried (see [`auth_params`](super::auth_params)): username,
//! realm, nonce, uri, response, digest (quoted strings, stored with their
//! quotes), algorithm (token), cnonce, opaque (quoted), qop, nc, version
//! (tokens), targetname, gssapi-data, crand, cnum (quoted). Unknown ones are
//! dropped; `auth_param` is never set.

use super::auth_params::{dup, dup_or_null, param, parse_scheme_and_params, push, Param};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM};
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_authorization_t;
use std::ffi::CStr;

type A = osip_authorization_t;

const PARAMS: [Param<A>; 16] = [
    param!(b"username", quoted, take_username, set_username),
    param!(b"realm", quoted, take_realm, set_realm),
    param!(b"nonce", quoted, take_nonce, set_nonce),
    param!(b"uri", quoted, take_uri, set_uri),
    param!(b"response", quoted, take_response, set_response),
    param!(b"digest", quoted, take_digest, set_digest),
    param!(b"algorithm", token, take_algorithm, set_algorithm),
    param!(b"cnonce", quoted, take_cnonce, set_cnonce),
    param!(b"opaque", quoted, take_opaque, set_opaque),
    param!(b"qop", token, take_message_qop, set_message_qop),
    param!(b"nc", token, take_nonce_count, set_nonce_count),
    param!(b"version", token, take_version, set_version),
    param!(b"targetname", quoted, take_targetname, set_targetname),
    param!(b"gssapi-data", quoted, take_gssapi_data, set_gssapi_data),
    param!(b"crand", quoted, take_crand, set_crand),
    param!(b"cnum", quoted, take_cnum, set_cnum),
];

/// `osip_authorization_parse(auth, value)`: 0, -5 (a syntax error: no
/// space, a leading space, a known parameter without `=` or without a
/// quoted value after it, no `=` left where a token parameter is tried, an
/// unterminated quote), -4. Fields set before an error stay set; a field
/// already set (a second parse) is kept, except the scheme, which is
/// replaced.
pub fn parse(auth: &mut A, value: &[u8]) -> c_int {
    parse_scheme_and_params(auth, value, |h, v| h.set_auth_type(v), &PARAMS)
}

/// `osip_authorization_to_str`: the scheme, then ` name=value` for each
/// field set, in the order username, realm, nonce, uri, response, digest,
/// algorithm, cnonce, opaque, qop, nc, version, targetname, gssapi-data,
/// crand, cnum, separated by `,`. -2 without a scheme.
pub fn to_str(auth: &A) -> Result<OString, c_int> {
    let scheme = auth.auth_type().ok_or(OSIP_BADPARAMETER)?;
    let fields: [(&[u8], Option<&CStr>); 16] = [
        (b" username=", auth.username()),
        (b" realm=", auth.realm()),
        (b" nonce=", auth.nonce()),
        (b" uri=", auth.uri()),
        (b" response=", auth.response()),
        (b" digest=", auth.digest()),
        (b" algorithm=", auth.algorithm()),
        (b" cnonce=", auth.cnonce()),
        (b" opaque=", auth.opaque()),
        (b" qop=", auth.message_qop()),
        (b" nc=", auth.nonce_count()),
        (b" version=", auth.version()),
        (b" targetname=", auth.targetname()),
        (b" gssapi-data=", auth.gssapi_data()),
        (b" crand=", auth.crand()),
        (b" cnum=", auth.cnum()),
    ];
    let mut out = Vec::with_capacity(64);
    push(&mut out, scheme);
    let mut first = true;
    for (name, value) in fields {
        if let Some(v) = value {
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(name);
            push(&mut out, v);
        }
    }
    OString::new(&out).ok_or(OSIP_NOMEM)
}

/// `osip_authorization_clone`: a copy of the 17 fields (not `auth_param`).
/// Out of memory: -4 when copying the scheme, username, uri, digest or
/// cnonce fails; for the other fields the library checks the source
/// instead of the copy, so a copy that fails is left NULL.
pub fn clone(auth: &A) -> Result<Owned<A>, c_int> {
    let mut c = Owned::<A>::new().ok_or(OSIP_NOMEM)?;
    c.set_auth_type(dup(auth.auth_type())?);
    c.set_username(dup(auth.username())?);
    c.set_realm(dup_or_null(auth.realm()));
    c.set_nonce(dup_or_null(auth.nonce()));
    c.set_uri(dup(auth.uri())?);
    c.set_response(dup_or_null(auth.response()));
    c.set_digest(dup(auth.digest())?);
    c.set_algorithm(dup_or_null(auth.algorithm()));
    c.set_cnonce(dup(auth.cnonce())?);
    c.set_opaque(dup_or_null(auth.opaque()));
    c.set_message_qop(dup_or_null(auth.message_qop()));
    c.set_nonce_count(dup_or_null(auth.nonce_count()));
    c.set_version(dup_or_null(auth.version()));
    c.set_targetname(dup_or_null(auth.targetname()));
    c.set_gssapi_data(dup_or_null(auth.gssapi_data()));
    c.set_crand(dup_or_null(auth.crand()));
    c.set_cnum(dup_or_null(auth.cnum()));
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(v: &str) -> (c_int, Owned<A>) {
        let mut a = Owned::<A>::new().unwrap();
        let rc = parse(&mut a, v.as_bytes());
        (rc, a)
    }

    fn text(a: &A) -> String {
        String::from_utf8(to_str(a).unwrap().as_bytes().to_vec()).unwrap()
    }

    fn s(v: Option<&CStr>) -> Option<&str> {
        v.map(|v| v.to_str().unwrap())
    }

    #[test]
    fn digest_round_trip() {
        let (rc, a) = parsed(
            "Digest username=\"bob\", realm=\"b.com\", nonce=\"n\", uri=\"sip:b\", qop=auth, \
             nc=00000001, cnonce=\"c\", response=\"r\", opaque=\"o\"",
        );
        assert_eq!(rc, 0);
        assert_eq!(s(a.auth_type()), Some("Digest"));
        assert_eq!(s(a.username()), Some("\"bob\""));
        assert_eq!(s(a.message_qop()), Some("auth"));
        assert_eq!(s(a.nonce_count()), Some("00000001"));
        assert_eq!(
            text(&a),
            "Digest username=\"bob\", realm=\"b.com\", nonce=\"n\", uri=\"sip:b\", \
             response=\"r\", cnonce=\"c\", opaque=\"o\", qop=auth, nc=00000001"
        );
        let c = clone(&a).unwrap();
        assert_eq!(text(&c), text(&a));
    }

    #[test]
    fn syntax() {
        assert_eq!(parsed("Digest").0, -5);
        assert_eq!(parsed(" Digest x").0, -5);
        assert!(parsed(" Digest x").1.auth_type().is_none());
        assert_eq!(parsed("Digest ").0, -5);
        assert_eq!(parsed("Digest username=").0, -5);
        let (rc, a) = parsed("Digest username=\"u\", cnonce=c");
        assert_eq!((rc, s(a.username())), (-5, Some("\"u\"")));
        // Unquoted values take the next quoted string.
        let (rc, a) = parsed("Digest username=bob, realm=\"r\"");
        assert_eq!(
            (rc, s(a.username()), s(a.realm())),
            (0, Some("\"r\""), None)
        );
        // Unknown parameters are skipped, commas inside quotes too.
        let (rc, a) = parsed("Digest foo=\"a,b\", username=\"u\"");
        assert_eq!((rc, s(a.username())), (0, Some("\"u\"")));
        // `Basic token`: the token is dropped when it holds a `=` (the
        // token readers need one), else -5.
        let (rc, a) = parsed("Basic QWxh==");
        assert_eq!((rc, text(&a)), (0, "Basic".to_string()));
        assert_eq!(parsed("Basic QWxh").0, -5);
        assert_eq!(parsed("Digest foo=\"a, username=\"u\"").0, 0);
        let (rc, a) = parsed("Digest username=\"a\", username=\"b\"");
        assert_eq!((rc, s(a.username())), (0, Some("\"a\"")));
    }

    #[test]
    fn token_readers_stop_short_of_six_bytes() {
        // After `username`, ",nc=1" is 5 bytes: the first token reader
        // (algorithm) takes it for the end of the value. With ",nc=12",
        // algorithm skips the comma and qop then sees 5 bytes.
        let (rc, a) = parsed("Digest username=\"u\",nc=1");
        assert_eq!((rc, a.nonce_count().is_none()), (0, true));
        let (rc, a) = parsed("Digest username=\"u\",nc=12");
        assert_eq!((rc, a.nonce_count().is_none()), (0, true));
        // The readers before nc see "nc=12" (5 bytes) too; "nc=123" is
        // long enough.
        let (rc, a) = parsed("Digest username=\"u\", nc=12");
        assert_eq!((rc, a.nonce_count().is_none()), (0, true));
        let (rc, a) = parsed("Digest username=\"u\", nc=123");
        assert_eq!((rc, s(a.nonce_count())), (0, Some("123")));
        // Token names are prefixes: `ncount` is read as `nc`.
        let (rc, a) = parsed("Digest ncount=5, username=\"u\"");
        assert_eq!((rc, s(a.nonce_count())), (0, Some("5")));
        assert_eq!(parsed("Digest algorithm=").0, -5);
    }

    #[test]
    fn a_second_parse_replaces_the_scheme_only() {
        let (_, mut a) = parsed("Digest username=\"u\"");
        assert_eq!(parse(&mut a, b"Basic username=\"v\", realm=\"r\""), 0);
        assert_eq!(s(a.auth_type()), Some("Basic"));
        assert_eq!(s(a.username()), Some("\"u\""));
        assert_eq!(s(a.realm()), Some("\"r\""));
    }

    #[test]
    fn to_str_and_clone_edges() {
        let a = Owned::<A>::new().unwrap();
        assert_eq!(to_str(&a).err(), Some(-2));
        let c = clone(&a).unwrap();
        assert!(c.auth_type().is_none());
        let (_, a) = parsed("NTLM realm=\"r\", targetname=\"t\", crand=\"c\", cnum=\"1\"");
        assert_eq!(
            text(&a),
            "NTLM realm=\"r\", targetname=\"t\", crand=\"c\", cnum=\"1\""
        );
    }
}
