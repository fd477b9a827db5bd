//! Via (`osip_via.c`): `SIP/version/protocol host[:port];params (comment)`.
//!
//! Debian's rules kept (c-tests/parser/NOTES.md and `cases/via.cases`):
//! - what comes before the first `/` is not looked at (nor stored: the
//!   serialisation always writes `SIP/`);
//! - the protocol runs to the first space after the second `/` (spaces right
//!   after that `/` are skipped first);
//! - a comment is from the first `(` to the first `)` after the protocol;
//!   the byte before the `(` ends the parameters and the host (`h(c)` is
//!   host `` h`` minus its last byte);
//! - parameters are the text from the first `;` to the comment; a `;` only
//!   after the comment still bounds the host and port;
//! - the port is what follows the first `:` (after `]` for IPv6), trimmed,
//!   and must not read as a negative number (`osip_atoi`);
//! - on error the fields read so far stay set.

use super::{clrncpy, ostring, push_params};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::find_byte;
use crate::port::text::{atoi, copy};
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_via_t;

/// `osip_via_parse(via, value)` into an empty `via`.
pub fn parse(via: &mut osip_via_t, v: &[u8]) -> c_int {
    match parse_inner(via, v) {
        Ok(()) => OSIP_SUCCESS,
        Err(e) => e,
    }
}

fn parse_inner(via: &mut osip_via_t, v: &[u8]) -> Result<(), c_int> {
    let len = v.len();
    let version = find_byte(v, 0, b'/').ok_or(OSIP_SYNTAXERROR)?;
    let protocol = find_byte(v, version + 1, b'/').ok_or(OSIP_SYNTAXERROR)?;
    if protocol - version < 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    via.set_version(Some(clrncpy(v, version + 1, protocol)?));
    let mut host = find_byte(v, protocol + 1, b' ').ok_or(OSIP_SYNTAXERROR)?;
    if host == protocol + 1 {
        while v.get(host) == Some(&b' ') {
            host += 1;
            if len - host == 1 {
                return Err(OSIP_SYNTAXERROR);
            }
        }
        if host == len {
            // Only spaces after the second `/` (`SIP/2.0/ `).
            return Err(OSIP_SYNTAXERROR);
        }
        host = find_byte(v, host + 1, b' ').ok_or(OSIP_SYNTAXERROR)?;
    }
    if host - protocol < 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    via.set_protocol(Some(clrncpy(v, protocol + 1, host)?));
    // `comment` ends the parameters: the byte before `(`, or the end.
    let comment = match find_byte(v, host, b'(') {
        Some(open) => {
            let close = find_byte(v, host, b')').ok_or(OSIP_SYNTAXERROR)?;
            if close < open + 2 {
                return Err(OSIP_SYNTAXERROR);
            }
            via.set_comment(Some(copy(&v[open + 1..close]).ok_or(OSIP_NOMEM)?));
            open - 1
        }
        None => len,
    };
    let semicolon = find_byte(v, host, b';');
    if let Some(p) = semicolon.filter(|&p| p < comment) {
        let r = params::parse_all(&mut via.via_params_mut(), &v[p..comment]);
        if r != OSIP_SUCCESS {
            return Err(r);
        }
    }
    // Host and port end at the first `;`, wherever it is, else at the
    // comment.
    let params_at = semicolon.unwrap_or(comment);
    let ipv6 = find_byte(v, host, b'[').filter(|&b| b < params_at);
    let port = match ipv6 {
        Some(open) => {
            let close = find_byte(v, open, b']')
                .filter(|&c| c <= params_at)
                .ok_or(OSIP_SYNTAXERROR)?;
            if close - open < 2 {
                return Err(OSIP_SYNTAXERROR);
            }
            via.set_host(Some(clrncpy(v, open + 1, close)?));
            find_byte(v, close, b':')
        }
        None => find_byte(v, host, b':'),
    };
    let port = match port.filter(|&p| p < params_at) {
        Some(p) => {
            if params_at - p < 2 {
                return Err(OSIP_SYNTAXERROR);
            }
            let text = clrncpy(v, p + 1, params_at)?;
            let negative = atoi(text.as_bytes()) < 0;
            via.set_port(Some(text));
            if negative {
                return Err(OSIP_SYNTAXERROR);
            }
            p
        }
        None => params_at,
    };
    if ipv6.is_some() {
        return Ok(());
    }
    if port - host < 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    via.set_host(Some(clrncpy(v, host + 1, port)?));
    Ok(())
}

/// `osip_via_to_str`: `SIP/version/protocol host[:port];params (comment)`,
/// the host in brackets when it holds a `:`. -2 without version, protocol
/// or host.
pub fn to_str(via: &osip_via_t) -> Result<OString, c_int> {
    let out = to_bytes(via)?;
    ostring(&out)
}

fn to_bytes(via: &osip_via_t) -> Result<Vec<u8>, c_int> {
    let mut out = Vec::with_capacity(64);
    write(via, &mut out)?;
    Ok(out)
}

/// [`to_str`]'s text appended to `out` (part of it on error).
pub fn write(via: &osip_via_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let (Some(host), Some(version), Some(protocol)) = (via.host(), via.version(), via.protocol())
    else {
        return Err(OSIP_BADPARAMETER);
    };
    let host = host.to_bytes();
    out.extend_from_slice(b"SIP/");
    out.extend_from_slice(version.to_bytes());
    out.push(b'/');
    out.extend_from_slice(protocol.to_bytes());
    out.push(b' ');
    if host.contains(&b':') {
        out.push(b'[');
        out.extend_from_slice(host);
        out.push(b']');
    } else {
        out.extend_from_slice(host);
    }
    if let Some(port) = via.port() {
        out.push(b':');
        out.extend_from_slice(port.to_bytes());
    }
    push_params(out, &via.via_params())?;
    if let Some(c) = via.comment() {
        out.extend_from_slice(b" (");
        out.extend_from_slice(c.to_bytes());
        out.push(b')');
    }
    Ok(())
}

/// `osip_via_clone`: -2 without version, protocol or host.
pub fn clone(via: &osip_via_t) -> Result<Owned<osip_via_t>, c_int> {
    let (Some(version), Some(protocol), Some(host)) = (via.version(), via.protocol(), via.host())
    else {
        return Err(OSIP_BADPARAMETER);
    };
    let mut c = Owned::<osip_via_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_version(Some(OString::from_c_str(version).ok_or(OSIP_NOMEM)?));
    c.set_protocol(Some(OString::from_c_str(protocol).ok_or(OSIP_NOMEM)?));
    c.set_host(Some(OString::from_c_str(host).ok_or(OSIP_NOMEM)?));
    if let Some(p) = via.port() {
        c.set_port(Some(OString::from_c_str(p).ok_or(OSIP_NOMEM)?));
    }
    if let Some(m) = via.comment() {
        c.set_comment(Some(OString::from_c_str(m).ok_or(OSIP_NOMEM)?));
    }
    let r = params::clone_list(&via.via_params(), &mut c.via_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}

/// `osip_via_match(a, b)`: 0 when both serialise to the same text, -1 when
/// not; a serialisation error is returned as is.
pub fn matches(a: &osip_via_t, b: &osip_via_t) -> c_int {
    let sa = match to_bytes(a) {
        Ok(s) => s,
        Err(e) => return e,
    };
    match to_bytes(b) {
        Ok(sb) if sa == sb => OSIP_SUCCESS,
        Ok(_) => crate::code::OSIP_UNDEFINED_ERROR,
        Err(e) => e,
    }
}
