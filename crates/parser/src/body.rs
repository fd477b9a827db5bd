//! Bodies (`osip_body.c`): a message body or a MIME part, with its part
//! headers (`content-type` apart) and its bytes.
//!
//! - [`new`]: `osip_body_init` (the struct and its `headers` list block);
//! - [`parse`] / [`parse_mime`]: the bytes as they are / a MIME part
//!   (headers, blank line, content);
//! - [`to_str`], [`clone`], [`set_contenttype`], [`set_header`];
//! - [`message_set_body`], [`message_set_body_mime`], [`message_get_body`]:
//!   the message's bodies.
//!
//! Bytes may hold NULs: a body is `length` bytes (the block has a NUL after
//! them). Part headers are read as a C string (they end at a NUL), bounded
//! by the length given, where Debian reads on past it (see NOTES.md).

use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::headers::{content_type, header};
use crate::message::lists::{Direct, Element, Sink};
use crate::message::PROPERTY_CHANGED;
use crate::port::scan::{find_byte, find_next_crlf};
use crate::port::text::{clean_copy, starts_with_ignore_case};
use libc::c_int;
use osip_cmem::{ListRef, OBytes, OString, Owned};
use osip_parser_abi::{osip_body_t, osip_content_type_t, osip_header_t, osip_message_t};

/// `osip_body_init`: an empty body with an empty `headers` list; None when
/// out of memory.
pub fn new() -> Option<Owned<osip_body_t>> {
    let mut b = Owned::<osip_body_t>::new()?;
    b.init_headers().ok()?;
    Some(b)
}

/// `osip_body_parse(body, buf, len)`: the `len` bytes as the body (what it
/// held before is freed). -2 when the body has no `headers` list.
pub fn parse(body: &mut osip_body_t, buf: &[u8]) -> c_int {
    if body.headers().is_none() {
        return OSIP_BADPARAMETER;
    }
    match OBytes::new(buf) {
        Some(b) => {
            body.set_body(Some(b));
            OSIP_SUCCESS
        }
        None => OSIP_NOMEM,
    }
}

/// `osip_body_parse_mime(body, buf, len)`: part headers up to a blank line,
/// then the content, which must not be empty (-5). Each header line is
/// `Name: value` ending in CRLF, CR or LF; the value is what lies between
/// the colon and *two* bytes before the line's end, trimmed (so an LF- or
/// CR-ended line loses its last byte, as in the library), and must span at
/// least one byte (`X:` CRLF is -5, `X: ` CRLF gives ""). A name starting
/// with `content-type` (ASCII case-insensitively) sets the content type
/// (replacing one set before); the others are added as headers, their
/// names as written. A line without colon, a folded line, a missing blank
/// line: -5. The headers already read stay in the body on error.
pub fn parse_mime(body: &mut osip_body_t, buf: &[u8]) -> c_int {
    if body.headers().is_none() {
        return OSIP_BADPARAMETER;
    }
    // The part headers go to the list in one walk, however many there are.
    let mut headers = Vec::new();
    let r = parse_mime_in(body, buf, &mut headers);
    if let Some(mut list) = body.headers_mut() {
        list.append_all(headers);
    }
    r
}

fn parse_mime_in(
    body: &mut osip_body_t,
    buf: &[u8],
    headers: &mut Vec<Owned<osip_header_t>>,
) -> c_int {
    // The headers are a C string: they end at the first NUL.
    let text = &buf[..buf.iter().position(|&b| b == 0).unwrap_or(buf.len())];
    let mut line = 0;
    let blank = loop {
        let eol = match find_next_crlf(text, line) {
            Ok(e) => Some(e),
            // A folded line: the library goes on with no line end, and the
            // value's length then comes out negative.
            Err(OSIP_BADPARAMETER) => None,
            Err(e) => return e,
        };
        let Some(colon) = find_byte(text, line, b':') else {
            return OSIP_SYNTAXERROR;
        };
        if colon == line {
            return OSIP_SYNTAXERROR;
        }
        let Some(name) = clean_copy(&text[line..colon]) else {
            return OSIP_NOMEM;
        };
        let eol = match eol {
            Some(e) if e >= colon + 4 => e,
            _ => return OSIP_SYNTAXERROR,
        };
        let Some(value) = clean_copy(&text[colon + 1..eol - 2]) else {
            return OSIP_NOMEM;
        };
        let r = if starts_with_ignore_case(name.as_bytes(), b"content-type") {
            set_contenttype(body, value.as_bytes())
        } else {
            match header_of(name, value) {
                Some(h) => {
                    headers.push(h);
                    OSIP_SUCCESS
                }
                None => OSIP_NOMEM,
            }
        };
        if r != OSIP_SUCCESS {
            return r;
        }
        if matches!(text.get(eol), Some(b'\r' | b'\n')) {
            break eol;
        }
        line = eol;
    };
    let start = if text[blank..].starts_with(b"\r\n") {
        blank + 2
    } else {
        blank + 1
    };
    if buf.len() <= start {
        return OSIP_SYNTAXERROR;
    }
    match OBytes::new(&buf[start..]) {
        Some(b) => {
            body.set_body(Some(b));
            OSIP_SUCCESS
        }
        None => OSIP_NOMEM,
    }
}

/// A part header of `name` and `value`.
fn header_of(name: OString, value: OString) -> Option<Owned<osip_header_t>> {
    let mut h = Owned::<osip_header_t>::new()?;
    h.set_hname(Some(name));
    h.set_hvalue(Some(value));
    Some(h)
}

/// `osip_body_set_contenttype(body, value)`: parses `value` as the body's
/// content type. The one held before goes first (Debian loses it without
/// freeing it); a value that does not parse leaves none and gives the
/// parser's code.
pub fn set_contenttype(body: &mut osip_body_t, value: &[u8]) -> c_int {
    body.set_content_type(None);
    let Some(mut ct) = Owned::<osip_content_type_t>::new() else {
        return OSIP_NOMEM;
    };
    let r = content_type::parse(&mut ct, value);
    if r == OSIP_SUCCESS {
        body.set_content_type(Some(ct));
    }
    r
}

/// `osip_body_set_header(body, name, value)`: appends a copy of the header.
pub fn set_header(body: &mut osip_body_t, name: &[u8], value: &[u8]) -> c_int {
    let (Some(n), Some(v)) = (OString::truncated(name), OString::truncated(value)) else {
        return OSIP_NOMEM;
    };
    let Some(h) = header_of(n, v) else {
        return OSIP_NOMEM;
    };
    // The library ignores a failing `osip_list_add` (and leaks the header);
    // ours drops it.
    if let Some(mut list) = body.headers_mut() {
        let _ = list.push(h);
    }
    OSIP_SUCCESS
}

/// `osip_body_to_str`: `content-type: type/subtype` CRLF (the name in lower
/// case) when the body has a content type, each header `Name: value` CRLF
/// (up to a NULL element), a blank line when there is a content type or
/// the list is not empty, then the bytes. -2 without bytes (or with none:
/// length 0) or without `headers` list; an element that does not serialise
/// gives its code.
pub fn to_str(body: &osip_body_t) -> Result<OBytes, c_int> {
    let (Some(bytes), Some(headers)) = (body.body(), body.headers()) else {
        return Err(OSIP_BADPARAMETER);
    };
    if bytes.is_empty() {
        return Err(OSIP_BADPARAMETER);
    }
    let mut out = Vec::with_capacity(bytes.len() + 64);
    write(&mut out, body.content_type(), &headers)?;
    out.extend_from_slice(bytes);
    OBytes::new(&out).ok_or(OSIP_NOMEM)
}

/// The part headers and the blank line of [`to_str`], appended to `out`.
pub(crate) fn write(
    out: &mut Vec<u8>,
    ct: Option<&osip_content_type_t>,
    headers: &ListRef<'_, osip_header_t>,
) -> Result<(), c_int> {
    if let Some(ct) = ct {
        out.extend_from_slice(b"content-type: ");
        out.extend_from_slice(content_type::to_str(ct)?.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for h in headers.iter().map_while(|h| h) {
        out.extend_from_slice(header::to_str(h)?.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if ct.is_some() || headers.raw().count() > 0 {
        out.extend_from_slice(b"\r\n");
    }
    Ok(())
}

/// `osip_body_clone`: -2 for a body without bytes (length 0, or NULL
/// bytes: Debian copies from NULL there); otherwise a copy of the bytes,
/// the content type and the headers (up to a NULL element; the first that
/// cannot be copied gives its code).
pub fn clone(body: &osip_body_t) -> Result<Owned<osip_body_t>, c_int> {
    let bytes = body.body().filter(|b| !b.is_empty());
    let Some(bytes) = bytes else {
        return Err(OSIP_BADPARAMETER);
    };
    let mut c = new().ok_or(OSIP_NOMEM)?;
    c.set_body(Some(OBytes::new(bytes).ok_or(OSIP_NOMEM)?));
    if let Some(ct) = body.content_type() {
        c.set_content_type(Some(content_type::clone(ct)?));
    }
    if let (Some(headers), Some(mut list)) = (body.headers(), c.headers_mut()) {
        let mut r = Ok(());
        list.append_all(
            headers
                .iter()
                .map_while(|h| h)
                .map_while(|h| match header::clone(h) {
                    Ok(h) => Some(h),
                    Err(e) => {
                        r = Err(e);
                        None
                    }
                }),
        );
        r?;
    }
    Ok(c)
}

/// `osip_message_set_body(msg, buf, len)`: a body of the bytes, appended;
/// the message is marked changed.
pub fn message_set_body(msg: &mut osip_message_t, buf: &[u8]) -> c_int {
    add_body(msg, buf, parse, &mut Direct)
}

/// `osip_message_set_body_mime(msg, buf, len)`: a MIME part, appended; the
/// message is marked changed. A part that does not parse gives its code.
pub fn message_set_body_mime(msg: &mut osip_message_t, buf: &[u8]) -> c_int {
    add_body(msg, buf, parse_mime, &mut Direct)
}

/// A body made by `how` from `buf`, handed to `sink` for the message's
/// bodies (the message parser's way).
pub(crate) fn add_body(
    msg: &mut osip_message_t,
    buf: &[u8],
    how: fn(&mut osip_body_t, &[u8]) -> c_int,
    sink: &mut impl Sink,
) -> c_int {
    let Some(mut b) = new() else {
        return OSIP_NOMEM;
    };
    let r = how(&mut b, buf);
    if r != OSIP_SUCCESS {
        return r;
    }
    msg.message_property = PROPERTY_CHANGED;
    sink.attach(msg, Element::Body(b));
    OSIP_SUCCESS
}

/// `osip_message_get_body(msg, pos, &dest)`: the body at `pos` and `pos`,
/// or -1 when `pos` is not below the number of bodies.
pub fn message_get_body(msg: &osip_message_t, pos: c_int) -> (c_int, Option<&osip_body_t>) {
    crate::message::headers::get_at(msg.bodies(), pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mime(text: &[u8]) -> (c_int, Owned<osip_body_t>) {
        let mut b = new().unwrap();
        let r = parse_mime(&mut b, text);
        (r, b)
    }

    fn headers(b: &osip_body_t) -> Vec<(Vec<u8>, Vec<u8>)> {
        b.headers()
            .unwrap()
            .iter()
            .map(|h| {
                let h = h.unwrap();
                (
                    h.hname().unwrap().to_bytes().to_vec(),
                    h.hvalue().unwrap().to_bytes().to_vec(),
                )
            })
            .collect()
    }

    #[test]
    fn plain_bodies() {
        let mut b = new().unwrap();
        assert_eq!(parse(&mut b, b"a\0b"), 0);
        assert_eq!(b.body(), Some(&b"a\0b"[..]));
        assert_eq!(to_str(&b).unwrap().as_bytes(), b"a\0b");
        let c = clone(&b).unwrap();
        assert_eq!(c.body(), Some(&b"a\0b"[..]));
        assert_eq!(parse(&mut b, b""), 0);
        assert_eq!(to_str(&b).err(), Some(-2), "length 0");
        assert_eq!(clone(&b).err(), Some(-2));
        let mut bare = Owned::<osip_body_t>::new().unwrap();
        assert_eq!(parse(&mut bare, b"x"), -2, "no headers list");
        assert_eq!(to_str(&bare).err(), Some(-2));
    }

    #[test]
    fn mime_parts() {
        let (r, b) = mime(b"Content-Type: text/plain\r\nX-A: 1\r\n\r\nhello");
        assert_eq!(r, 0);
        assert_eq!(
            b.content_type().unwrap().subtype().unwrap().to_bytes(),
            b"plain"
        );
        assert_eq!(headers(&b), [(b"X-A".to_vec(), b"1".to_vec())]);
        assert_eq!(b.body(), Some(&b"hello"[..]));
        assert_eq!(
            to_str(&b).unwrap().as_bytes(),
            b"content-type: text/plain\r\nX-A: 1\r\n\r\nhello"
        );
        // LF-only lines lose the last byte of each value.
        let (r, b) = mime(b"X: abc\nY: def\n\nbody");
        assert_eq!(r, 0);
        assert_eq!(
            headers(&b),
            [
                (b"X".to_vec(), b"ab".to_vec()),
                (b"Y".to_vec(), b"de".to_vec())
            ]
        );
        assert_eq!(mime(b"X:\r\n\r\nb").0, -5);
        let (r, b) = mime(b"X: \r\n\r\nb");
        assert_eq!((r, headers(&b)), (0, vec![(b"X".to_vec(), b"".to_vec())]));
        assert_eq!(mime(b"\r\nbody").0, -5, "no header");
        assert_eq!(mime(b"X: a\r\n\r\n").0, -5, "no content");
        assert_eq!(mime(b"X: a\r\n").0, -5, "no blank line");
        assert_eq!(mime(b"X a\r\n\r\nb").0, -5);
        assert_eq!(mime(b"X: a\r\n b\r\n\r\nb").0, -5, "folded");
        // The header scan stops at a NUL, the content may hold them.
        assert_eq!(mime(b"X: a\0\r\n\r\nb").0, -5);
        let (r, b) = mime(b"X: a\r\n\r\nb\0c");
        assert_eq!((r, b.body()), (0, Some(&b"b\0c"[..])));
        // A name starting with content-type sets the type; a second one
        // replaces it; one that does not parse leaves none.
        let (r, b) = mime(b"Content-Typex: a/b\r\ncontent-type: c/d\r\n\r\nz");
        assert_eq!(r, 0);
        assert_eq!(b.content_type().unwrap().type_().unwrap().to_bytes(), b"c");
        let (r, b) = mime(b"Content-Type: a/b\r\ncontent-type: x\r\n\r\nz");
        assert_eq!(r, -5);
        assert!(b.content_type().is_none());
    }

    #[test]
    fn setters_and_clone() {
        let mut b = new().unwrap();
        assert_eq!(set_contenttype(&mut b, b"application/sdp"), 0);
        assert_eq!(set_header(&mut b, b"X-Y", b"z"), 0);
        assert_eq!(to_str(&b).err(), Some(-2), "no bytes");
        assert_eq!(parse(&mut b, b"v=0"), 0);
        let c = clone(&b).unwrap();
        assert_eq!(
            to_str(&c).unwrap().as_bytes(),
            b"content-type: application/sdp\r\nX-Y: z\r\n\r\nv=0"
        );
        let mut m = crate::message::new().unwrap();
        assert_eq!(message_set_body(&mut m, b"abc"), 0);
        assert_eq!(m.message_property, 2);
        assert_eq!(message_set_body_mime(&mut m, b"abc"), -5);
        assert_eq!(message_get_body(&m, 0).0, 0);
        assert_eq!(message_get_body(&m, 1).0, -1);
    }
}
