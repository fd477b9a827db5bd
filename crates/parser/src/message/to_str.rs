//! `osip_message_to_str` and `osip_message_to_str_sipfrag`
//! (`osip_message_to_str.c`).
//!
//! The serialisation is cached in the message (`message`,
//! `message_length`, `message_property` 1) and a message whose property is
//! 1 is not looked at again: its cached bytes are returned.
//!
//! Otherwise: the start line, then the headers one per line in a fixed
//! order (see [`to_str`]), the generic headers, `Content-Length` (always
//! computed from the bodies, never the stored header), an empty line and
//! the bodies (MIME parts between boundary delimiters for a multipart
//! message).

use crate::body;
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SYNTAXERROR};
use crate::headers::{
    accept_encoding, authentication_info, authorization, call_id, call_info, content_length,
    content_type, cseq, from, header, via, www_authenticate,
};
use crate::params;
use crate::port::globals::{self, Var};
use crate::port::text::strcasecmp;
use crate::port::trace::Level;
use crate::uri;
use libc::c_int;
use osip_cmem::{CObject, ListRef, OBytes};
use osip_parser_abi::osip_message_t;

/// `message_property` of a message whose cached serialisation holds.
pub const PROPERTY_CACHED: c_int = 1;

/// The longest boundary the serialiser accepts.
const MAX_BOUNDARY: usize = 70;

/// A serialiser of one element, appending its text (the text of the
/// element's `*_to_str`, which holds no NUL: it is made of C strings) to
/// the message's; on error, part of it may have been appended.
type Write<T> = fn(&T, &mut Vec<u8>) -> Result<(), c_int>;

/// A [`Write`] from a `*_to_str` that makes its own string (for the headers
/// rarely seen, whose serialisers have no `write`).
macro_rules! via_string {
    ($f:path) => {
        |e, out: &mut Vec<u8>| {
            out.extend_from_slice($f(e)?.as_bytes());
            Ok(())
        }
    };
}

/// `Name: value` CRLF for each element of a list, up to a NULL element; an
/// element that does not serialise fails the whole message.
fn list<T: CObject>(
    out: &mut Vec<u8>,
    name: &[u8],
    l: ListRef<'_, T>,
    f: Write<T>,
) -> Result<(), c_int> {
    for e in l.iter().map_while(|e| e) {
        out.extend_from_slice(name);
        f(e, out)?;
        out.extend_from_slice(b"\r\n");
    }
    Ok(())
}

/// `Name: value` CRLF for a single header. When the value does not
/// serialise, the library writes the name alone (no value, no line end) and
/// goes on: so do we.
fn single<T>(out: &mut Vec<u8>, name: &[u8], e: Option<&T>, f: Write<T>) {
    if let Some(e) = e {
        out.extend_from_slice(name);
        let value_at = out.len();
        match f(e, out) {
            Ok(()) => out.extend_from_slice(b"\r\n"),
            Err(_) => out.truncate(value_at),
        }
    }
}

/// Appends the decimal digits of `n`.
fn push_int(out: &mut Vec<u8>, n: c_int) {
    let mut digits = [0u8; 12];
    let mut i = digits.len();
    let mut v = i64::from(n).unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        digits[i] = b'-';
    }
    out.extend_from_slice(&digits[i..]);
}

thread_local! {
    /// The buffer each serialisation is made in, kept from one message to
    /// the next (its text is copied into the two blocks the library
    /// returns and caches).
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The start line (without line end): `METHOD SP uri SP version` for a
/// request (method and URI required), `version SP code SP reason` for a
/// response (reason required, code 100 to 699); -2 otherwise. A missing
/// version is `osip_protocol_version`'s.
fn start_line(msg: &osip_message_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let version = match msg.sip_version() {
        Some(v) => v.to_bytes(),
        None => globals::get(Var::ProtocolVersion),
    };
    if let Some(method) = msg.sip_method() {
        let url = msg.req_uri().ok_or(OSIP_BADPARAMETER)?;
        out.extend_from_slice(method.to_bytes());
        out.push(b' ');
        uri::write(url, out)?;
        out.push(b' ');
        out.extend_from_slice(version);
        return Ok(());
    }
    if msg.status_code != 0 {
        let reason = msg.reason_phrase().ok_or(OSIP_BADPARAMETER)?;
        if !(100..=699).contains(&msg.status_code) {
            return Err(OSIP_BADPARAMETER);
        }
        out.extend_from_slice(version);
        out.push(b' ');
        push_int(out, msg.status_code);
        out.push(b' ');
        out.extend_from_slice(reason.to_bytes());
        return Ok(());
    }
    crate::trace!(
        Level::Bug,
        "osip_message_to_str.c",
        119,
        "ERROR method has no value or status code is 0!\n"
    );
    Err(OSIP_BADPARAMETER)
}

/// `osip_message_to_str(msg, &dest, &len)` (`sipfrag` false) and
/// `osip_message_to_str_sipfrag` (true: no start line needed, and no
/// Content-Length without bodies). The bytes returned are also cached in
/// the message (property 1).
///
/// Headers, in this order: Via, Record-Route, Route, From, To, Call-ID,
/// CSeq, Contact, Authorization, WWW-Authenticate, Proxy-Authenticate,
/// Proxy-Authorization, Call-Info, Content-Type, Mime-Version, Allow,
/// Content-Encoding, Alert-Info, Error-Info, Accept, Accept-Encoding,
/// Accept-Language, Authentication-Info, Proxy-Authentication-Info, then
/// the generic headers. `Content-Length: 0` without bodies; with bodies the
/// number is right-aligned in 5 columns (`Content-Length:   123`), longer
/// numbers overwriting what precedes (`Content-Length:123456`).
pub fn to_str(msg: &mut osip_message_t, sipfrag: bool) -> Result<OBytes, c_int> {
    if msg.message_property == PROPERTY_CACHED {
        return match msg.message() {
            Some(m) => OBytes::new(m).ok_or(OSIP_NOMEM),
            // Debian copies `message_length` bytes from NULL.
            None if msg.message_length == 0 => OBytes::new(b"").ok_or(OSIP_NOMEM),
            None => Err(OSIP_BADPARAMETER),
        };
    }
    // The old cache goes; its length stays until a new one is made.
    let old_length = msg.message_length;
    drop(msg.take_message());
    msg.message_length = old_length;

    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut out) => {
            out.clear();
            let r = serialise(msg, sipfrag, &mut out);
            // A message of many kilobytes does not keep its buffer.
            if out.capacity() > 1 << 16 {
                *out = Vec::new();
            }
            r
        }
        Err(_) => serialise(msg, sipfrag, &mut Vec::with_capacity(2048)),
    })
}

/// The text of [`to_str`] made in `out` (empty), then cached.
fn serialise(msg: &mut osip_message_t, sipfrag: bool, out: &mut Vec<u8>) -> Result<OBytes, c_int> {
    let out = &mut *out;
    let line_start = out.len();
    match start_line(msg, out) {
        Ok(()) => out.extend_from_slice(b"\r\n"),
        Err(e) if !sipfrag => return Err(e),
        Err(_) => out.truncate(line_start),
    }
    headers(msg, out)?;

    let no_body = msg.bodies().raw().count() <= 0;
    if sipfrag && no_body {
        out.extend_from_slice(b"\r\n");
        return cache(msg, out, true);
    }
    out.extend_from_slice(b"Content-Length: ");
    let length_at = out.len();
    out.extend_from_slice(if no_body { b"0" } else { b"     " });
    out.extend_from_slice(b"\r\n\r\n");
    if no_body {
        return cache(msg, out, true);
    }
    let bodies_at = out.len();
    let boundary = match boundary(msg)? {
        Some(b) => {
            let mut d = Vec::with_capacity(b.len() + 4);
            d.extend_from_slice(b"\r\n--");
            d.extend_from_slice(&b);
            Some(d)
        }
        None => None,
    };
    for b in msg.bodies().iter().map_while(|b| b) {
        if let Some(d) = &boundary {
            out.extend_from_slice(d);
            out.extend_from_slice(b"\r\n");
        }
        let (Some(bytes), Some(hs)) = (b.body(), b.headers()) else {
            return Err(OSIP_BADPARAMETER);
        };
        if bytes.is_empty() {
            return Err(OSIP_BADPARAMETER);
        }
        body::write(out, b.content_type(), &hs)?;
        out.extend_from_slice(bytes);
    }
    if let Some(d) = &boundary {
        out.extend_from_slice(d);
        out.extend_from_slice(b"--\r\n");
    }
    let size = (out.len() - bodies_at) as c_int;
    let mut digits = Vec::with_capacity(12);
    push_int(&mut digits, size);
    let at = length_at + 5 - digits.len();
    out[at..at + digits.len()].copy_from_slice(&digits);
    cache(msg, out, false)
}

/// The headers of [`to_str`], appended to `out`.
fn headers(msg: &osip_message_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    list(out, b"Via: ", msg.vias(), via::write)?;
    list(out, b"Record-Route: ", msg.record_routes(), from::write)?;
    list(out, b"Route: ", msg.routes(), from::write)?;
    single(out, b"From: ", msg.from(), from::write);
    single(out, b"To: ", msg.to(), from::write);
    single(out, b"Call-ID: ", msg.call_id(), call_id::write);
    single(out, b"CSeq: ", msg.cseq(), cseq::write);
    list(out, b"Contact: ", msg.contacts(), from::write_contact)?;
    list(
        out,
        b"Authorization: ",
        msg.authorizations(),
        via_string!(authorization::to_str),
    )?;
    list(
        out,
        b"WWW-Authenticate: ",
        msg.www_authenticates(),
        via_string!(www_authenticate::to_str),
    )?;
    list(
        out,
        b"Proxy-Authenticate: ",
        msg.proxy_authenticates(),
        via_string!(www_authenticate::to_str),
    )?;
    list(
        out,
        b"Proxy-Authorization: ",
        msg.proxy_authorizations(),
        via_string!(authorization::to_str),
    )?;
    list(
        out,
        b"Call-Info: ",
        msg.call_infos(),
        via_string!(call_info::to_str),
    )?;
    single(
        out,
        b"Content-Type: ",
        msg.content_type(),
        content_type::write,
    );
    single(
        out,
        b"Mime-Version: ",
        msg.mime_version(),
        content_length::write,
    );
    list(out, b"Allow: ", msg.allows(), content_length::write)?;
    list(
        out,
        b"Content-Encoding: ",
        msg.content_encodings(),
        content_length::write,
    )?;
    list(
        out,
        b"Alert-Info: ",
        msg.alert_infos(),
        via_string!(call_info::to_str),
    )?;
    list(
        out,
        b"Error-Info: ",
        msg.error_infos(),
        via_string!(call_info::to_str),
    )?;
    list(
        out,
        b"Accept: ",
        msg.accepts(),
        via_string!(content_type::accept_to_str),
    )?;
    list(
        out,
        b"Accept-Encoding: ",
        msg.accept_encodings(),
        via_string!(accept_encoding::to_str),
    )?;
    list(
        out,
        b"Accept-Language: ",
        msg.accept_languages(),
        via_string!(accept_encoding::to_str),
    )?;
    list(
        out,
        b"Authentication-Info: ",
        msg.authentication_infos(),
        via_string!(authentication_info::to_str),
    )?;
    list(
        out,
        b"Proxy-Authentication-Info: ",
        msg.proxy_authentication_infos(),
        via_string!(authentication_info::to_str),
    )?;
    for h in msg.headers().iter().map_while(|h| h) {
        header::write(h, out)?;
        out.extend_from_slice(b"\r\n");
    }
    Ok(())
}

/// The boundary of a multipart message (Content-Type `multipart/...`, any
/// case, with a `boundary` parameter that has a value), without its quotes
/// when it has both; None for another message (whose bodies are then
/// written one after the other). -5 for a boundary longer than 70 bytes
/// (quotes included) and for `"` and `""`.
fn boundary(msg: &osip_message_t) -> Result<Option<Vec<u8>>, c_int> {
    let Some(ct) = msg.content_type() else {
        return Ok(None);
    };
    let Some(t) = ct.type_() else {
        return Ok(None);
    };
    if strcasecmp(t.to_bytes(), b"multipart") != 0 {
        return Ok(None);
    }
    let Ok(p) = params::get_byname(&ct.gen_params(), b"boundary") else {
        return Ok(None);
    };
    let Some(v) = p.gvalue() else {
        return Ok(None);
    };
    let v = v.to_bytes();
    if v.len() > MAX_BOUNDARY {
        return Err(OSIP_SYNTAXERROR);
    }
    let inner = match v {
        [b'"', .., b'"'] => &v[1..v.len() - 1],
        [b'"'] => &v[1..],
        _ => v,
    };
    if inner.is_empty() && v.first() == Some(&b'"') {
        return Err(OSIP_SYNTAXERROR);
    }
    Ok(Some(inner.to_vec()))
}

/// Caches the serialisation in the message (property 1) and returns it.
/// Without bodies the library caches a `strdup` of it (cut at a NUL, which
/// the headers cannot hold).
fn cache(msg: &mut osip_message_t, out: &[u8], _headers_only: bool) -> Result<OBytes, c_int> {
    let dest = OBytes::new(out).ok_or(OSIP_NOMEM)?;
    msg.message_property = PROPERTY_CACHED;
    msg.set_message(OBytes::new(out));
    msg.message_length = out.len();
    Ok(dest)
}
