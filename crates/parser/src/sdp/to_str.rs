//! `sdp_message_to_str`.
//!
//! Lines in the parser's order, each ending in CRLF: v, o, s, i, u, e*,
//! p*, c, b*, each t with its r*, z, k, a*, then each m with its i, c*, b*,
//! k, a*. Optional fields that are NULL leave their line (or their `/ttl`,
//! `/n`, `:value` part) out; a NULL mandatory field (v, any of the six of
//! o, c's nettype/addrtype/addr, b's two, t's two, k's type, a's field, m's
//! media/port/proto) fails the whole call with -1. `s=` is optional.
//!
//! The library dereferences NULL strings that sit in a list (an e=, p=,
//! r= or payload added as NULL through the accessors) and NULL elements of
//! the element lists; those are -1 here.

use crate::code::{OSIP_NOMEM, OSIP_UNDEFINED_ERROR};
use libc::c_int;
use osip_cmem::{ListItem, ListRef, OString};
use osip_parser_abi::{
    sdp_attribute, sdp_bandwidth, sdp_connection, sdp_key, sdp_media, sdp_message, sdp_time_descr,
};
use std::ffi::CStr;

type Out = Vec<u8>;
type R = Result<(), c_int>;

const FAIL: c_int = OSIP_UNDEFINED_ERROR;

/// A mandatory string: its bytes, or -1 when NULL.
fn req(s: Option<&CStr>) -> Result<&[u8], c_int> {
    s.map(CStr::to_bytes).ok_or(FAIL)
}

/// `x=value` CRLF.
fn line(out: &mut Out, kind: &[u8], value: &[u8]) {
    out.extend_from_slice(kind);
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// An optional line.
fn opt_line(out: &mut Out, kind: &[u8], value: Option<&CStr>) {
    if let Some(v) = value {
        line(out, kind, v.to_bytes());
    }
}

/// One line per string of a list.
fn str_lines(out: &mut Out, kind: &[u8], list: ListRef<'_, osip_cmem::StrItem>) -> R {
    for s in list.iter() {
        line(out, kind, req(s)?);
    }
    Ok(())
}

/// Every element of a list of structures, each NULL one failing.
fn each<'a, T: ListItem<Target = T> + 'a>(
    out: &mut Out,
    list: ListRef<'a, T>,
    f: impl Fn(&mut Out, &T) -> R,
) -> R {
    for e in list.iter() {
        f(out, e.ok_or(FAIL)?)?;
    }
    Ok(())
}

fn connection(out: &mut Out, c: &sdp_connection) -> R {
    let (nettype, addrtype, addr) = (req(c.c_nettype())?, req(c.c_addrtype())?, req(c.c_addr())?);
    out.extend_from_slice(b"c=");
    out.extend_from_slice(nettype);
    out.push(b' ');
    out.extend_from_slice(addrtype);
    out.push(b' ');
    out.extend_from_slice(addr);
    for part in [c.c_addr_multicast_ttl(), c.c_addr_multicast_int()]
        .into_iter()
        .flatten()
    {
        out.push(b'/');
        out.extend_from_slice(part.to_bytes());
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

fn bandwidth(out: &mut Out, b: &sdp_bandwidth) -> R {
    let (bwtype, value) = (req(b.b_bwtype())?, req(b.b_bandwidth())?);
    out.extend_from_slice(b"b=");
    out.extend_from_slice(bwtype);
    out.push(b':');
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
    Ok(())
}

fn time_descr(out: &mut Out, t: &sdp_time_descr) -> R {
    let (start, stop) = (req(t.t_start_time())?, req(t.t_stop_time())?);
    out.extend_from_slice(b"t=");
    out.extend_from_slice(start);
    out.push(b' ');
    out.extend_from_slice(stop);
    out.extend_from_slice(b"\r\n");
    str_lines(out, b"r=", t.r_repeats())
}

/// `x=first[:second]` CRLF (keys and attributes).
fn pair(out: &mut Out, kind: &[u8], first: Option<&CStr>, second: Option<&CStr>) -> R {
    let first = req(first)?;
    out.extend_from_slice(kind);
    out.extend_from_slice(first);
    if let Some(s) = second {
        out.push(b':');
        out.extend_from_slice(s.to_bytes());
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

fn key(out: &mut Out, k: &sdp_key) -> R {
    pair(out, b"k=", k.k_keytype(), k.k_keydata())
}

fn attribute(out: &mut Out, a: &sdp_attribute) -> R {
    pair(out, b"a=", a.a_att_field(), a.a_att_value())
}

fn media(out: &mut Out, m: &sdp_media) -> R {
    let (kind, port, proto) = (req(m.m_media())?, req(m.m_port())?, req(m.m_proto())?);
    out.extend_from_slice(b"m=");
    out.extend_from_slice(kind);
    out.push(b' ');
    // A port starting with 0 is written as 0 (the library's rule: a
    // rejected stream, RFC 3264 section 6).
    out.extend_from_slice(if port.first() == Some(&b'0') {
        b"0"
    } else {
        port
    });
    if let Some(n) = m.m_number_of_port() {
        out.push(b'/');
        out.extend_from_slice(n.to_bytes());
    }
    out.push(b' ');
    out.extend_from_slice(proto);
    for p in m.m_payloads().iter() {
        out.push(b' ');
        out.extend_from_slice(req(p)?);
    }
    out.extend_from_slice(b"\r\n");
    opt_line(out, b"i=", m.i_info());
    each(out, m.c_connections(), connection)?;
    each(out, m.b_bandwidths(), bandwidth)?;
    if let Some(k) = m.k_key() {
        key(out, k)?;
    }
    each(out, m.a_attributes(), attribute)
}

/// The serialisation's bytes (no NUL), or -1.
pub fn to_bytes(sdp: &sdp_message) -> Result<Vec<u8>, c_int> {
    let version = req(sdp.v_version())?;
    let origin = [
        req(sdp.o_username())?,
        req(sdp.o_sess_id())?,
        req(sdp.o_sess_version())?,
        req(sdp.o_nettype())?,
        req(sdp.o_addrtype())?,
        req(sdp.o_addr())?,
    ];
    let mut out = Vec::with_capacity(512);
    line(&mut out, b"v=", version);
    line(&mut out, b"o=", &origin.join(&b' '));
    opt_line(&mut out, b"s=", sdp.s_name());
    opt_line(&mut out, b"i=", sdp.i_info());
    opt_line(&mut out, b"u=", sdp.u_uri());
    str_lines(&mut out, b"e=", sdp.e_emails())?;
    str_lines(&mut out, b"p=", sdp.p_phones())?;
    if let Some(c) = sdp.c_connection() {
        connection(&mut out, c)?;
    }
    each(&mut out, sdp.b_bandwidths(), bandwidth)?;
    each(&mut out, sdp.t_descrs(), time_descr)?;
    opt_line(&mut out, b"z=", sdp.z_adjustments());
    if let Some(k) = sdp.k_key() {
        key(&mut out, k)?;
    }
    each(&mut out, sdp.a_attributes(), attribute)?;
    each(&mut out, sdp.m_medias(), media)?;
    Ok(out)
}

/// `sdp_message_to_str`: the text in a block of the osip allocator, -1
/// when a mandatory field is missing, -4 when out of memory.
pub fn to_str(sdp: &sdp_message) -> Result<OString, c_int> {
    let text = to_bytes(sdp)?;
    OString::new(&text).ok_or(OSIP_NOMEM)
}
