//! Unit tests of the message core: parse, serialise, clone. The expected
//! values are what Debian's 5.3.0 gives (see c-tests/parser/corpus/extra
//! for the same shapes run against it).

use super::*;
use crate::message::parse::{parse as parse_with, set_multiple_header, unfold};
use crate::message::to_str::to_str as serialise;

fn parsed(text: &[u8]) -> (c_int, Owned<osip_message_t>) {
    config::parser_init();
    let mut m = new().unwrap();
    let r = parse_with(&mut m, text, false);
    (r, m)
}

fn text(m: &mut osip_message_t) -> Vec<u8> {
    serialise(m, false).unwrap().as_bytes().to_vec()
}

fn s(c: Option<&CStr>) -> Option<&[u8]> {
    c.map(CStr::to_bytes)
}

const INV: &[u8] = b"INVITE sip:bob@biloxi.com SIP/2.0\r\n";
const HDRS: &[u8] = b"Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n\
CSeq: 314159 INVITE\r\n";

fn msg(start: &[u8], extra: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = start.to_vec();
    v.extend_from_slice(HDRS);
    v.extend_from_slice(extra);
    v.extend_from_slice(b"\r\n");
    v.extend_from_slice(body);
    v
}

#[test]
fn minimal_request() {
    let (r, mut m) = parsed(b"INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
    assert_eq!(r, 0);
    assert_eq!(s(m.sip_method()), Some(&b"INVITE"[..]));
    assert_eq!(m.message_property, 2);
    assert_eq!(
        text(&mut m),
        b"INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 0\r\n\r\n"
    );
    assert_eq!(m.message_property, 1);
    assert_eq!(m.message_length, 67);
}

#[test]
fn spec_example() {
    let input = b"INVITE sip:bob@biloxi.com SIP/2.0\r\n\
v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds , SIP/2.0/TCP h2:5061;received=1.2.3.4;rport\r\n\
Max-Forwards: 70\r\n\
t: Bob <sip:bob@biloxi.com>\r\n\
f: \"Alice A\" <sip:alice@atlanta.com>;tag=1928301774\r\n\
i: a84b4c76e66710@pc33.atlanta.com\r\n\
CSeq: 314159 INVITE\r\n\
m: <sip:alice@pc33.atlanta.com>, \"x,y\" <sip:c@d>;q=0.5\r\n\
Subject: hi,  there\r\n\
X-Foo:  bar ,baz\r\n\
Route: <sip:p1;lr>,<sip:p2;lr>\r\n\
Supported: a, b\r\n\
k: c\r\n\
c: application/sdp\r\n\
l: 4\r\n\
\r\n\
abcdEXTRA";
    let (r, mut m) = parsed(input);
    assert_eq!(r, 0);
    let expected: &[u8] = b"INVITE sip:bob@biloxi.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n\
Via: SIP/2.0/TCP h2:5061;received=1.2.3.4;rport\r\n\
Route: <sip:p1;lr>\r\n\
Route: <sip:p2;lr>\r\n\
From: \"Alice A\" <sip:alice@atlanta.com>;tag=1928301774\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.com>\r\n\
Contact: \"x,y\" <sip:c@d>;q=0.5\r\n\
Content-Type: application/sdp\r\n\
Max-forwards: 70\r\n\
Subject: hi,  there\r\n\
X-foo: bar ,baz\r\n\
Supported: a\r\n\
Supported: b\r\n\
K: c\r\n\
Content-Length:     4\r\n\
\r\n\
abcd";
    assert_eq!(text(&mut m), expected);
    // The cached path gives the same bytes without looking at the fields.
    m.set_reason_phrase(OString::new(b"ignored"));
    assert_eq!(text(&mut m), expected);
    assert_eq!(force_update(&mut m), 0);
    let c = clone(&m).unwrap();
    assert_eq!(c.message_property, 2);
    let mut c = c;
    assert_eq!(text(&mut c), expected);
}

#[test]
fn start_lines() {
    let p = |t: &[u8]| parsed(t).0;
    assert_eq!(p(b"SIP/2.0 200 OK\r\n\r\n"), 0);
    assert_eq!(p(b"SIP/2 200 OK\r\n\r\n"), -5, "version under 7 bytes");
    assert_eq!(p(b"SIP/2.0 abc OK\r\n\r\n"), -5);
    assert_eq!(p(b"SIP/2.0 0 OK\r\n\r\n"), -5);
    assert_eq!(p(b"OPTIONS * SIP/2.0\r\n\r\n"), -5);
    assert_eq!(p(b"INVITE sip:a@b SIP/2.x\r\n\r\n"), -5);
    assert_eq!(p(b" INVITE sip:a@b SIP/2.0\r\n\r\n"), -5);
    assert_eq!(p(b"INVITE sip:a@b SIP/\r\n\r\n"), 0, "SIP/ and nothing");
    assert_eq!(p(b"INVITE sip:a@b SIP/2.0"), -5, "no line end");
    // The reason phrase is searched past the line: it may come from the
    // next one, which is then eaten.
    let (r, m) = parsed(b"SIP/2.0 200\r\nVia: x\r\n\r\n");
    assert_eq!((r, m.status_code), (0, 200));
    assert_eq!(s(m.reason_phrase()), Some(&b"x"[..]));
    assert!(m.vias().is_empty());
    let (r, m) = parsed(b"SIP/2.0  200 OK\r\n\r\n");
    assert_eq!(r, 0);
    assert_eq!(s(m.reason_phrase()), Some(&b"200 OK"[..]));
    // sscanf's %d: truncated to int.
    let (r, m) = parsed(b"SIP/2.0 4294967496 x\r\n\r\n");
    assert_eq!((r, m.status_code), (0, 200));
    // What a failed start line leaves.
    let (r, m) = parsed(b"SIP/2.0 abc OK\r\n\r\n");
    assert_eq!(r, -5);
    assert_eq!(s(m.sip_version()), Some(&b"SIP/2.0"[..]));
    let (r, m) = parsed(b"INVITE bob SIP/2.0\r\n\r\n");
    assert_eq!(r, -5);
    assert!(m.sip_method().is_none() && m.req_uri().is_none());
    // `sip/` is not a response: a request whose URI `180` does not parse.
    assert_eq!(p(b"\r\n\n\rsip/2.0 180 Ringing\r\n\r\n"), -5);
}

#[test]
fn sipfrag() {
    config::parser_init();
    let mut m = new().unwrap();
    assert_eq!(
        parse_with(&mut m, b"Via: SIP/2.0/UDP h\r\nX: y\r\n", true),
        0
    );
    assert_eq!(
        serialise(&mut m, true).unwrap().as_bytes(),
        b"Via: SIP/2.0/UDP h\r\nX: y\r\n\r\n",
        "no Content-Length without bodies"
    );
    let mut m = new().unwrap();
    assert_eq!(parse_with(&mut m, b"SIP/2.0 200 OK\r\n", true), 0);
    let mut e = new().unwrap();
    assert_eq!(serialise(&mut e, false).err(), Some(-2));
    assert_eq!(serialise(&mut e, true).unwrap().as_bytes(), b"\r\n");
    assert_eq!(
        serialise(&mut e, false).unwrap().as_bytes(),
        b"\r\n",
        "the cache answers"
    );
}

#[test]
fn header_lines() {
    let (r, m) = parsed(&msg(INV, b"NoColonHere\r\n", b""));
    assert_eq!(r, -5);
    assert_eq!(m.vias().len(), 1, "what came before stays");
    assert_eq!(parsed(&msg(INV, b": v\r\n", b"")).0, -5);
    assert_eq!(
        parsed(&msg(INV, b"Via: x\r\n", b"")).0,
        -5,
        "a required header"
    );
    assert_eq!(
        parsed(&msg(INV, b"Accept: x\r\n", b"")).0,
        0,
        "an ignored one"
    );
    assert_eq!(
        parsed(&msg(INV, b"From: <sip:x@y>\r\n", b"")).0,
        -5,
        "taken"
    );
    // Empty values: NULL for `Name:`, "" for `Name: `.
    let (r, m) = parsed(&msg(INV, b"Subject:\r\nX-E:   \r\n", b""));
    assert_eq!(r, 0);
    let h: Vec<_> = m.headers().iter().map(|h| s(h.unwrap().hvalue())).collect();
    assert_eq!(h, [None, Some(&b""[..])]);
    // Compact forms and case.
    let (r, m) = parsed(&msg(INV, b"MAX-FORWARDS: 70\r\ns: subj\r\n", b""));
    assert_eq!(r, 0);
    let h: Vec<_> = m.headers().iter().map(|h| s(h.unwrap().hname())).collect();
    assert_eq!(h, [Some(&b"max-forwards"[..]), Some(&b"s"[..])]);
    // No empty line: fine; the last line without its end: -5.
    let mut v = INV.to_vec();
    v.extend_from_slice(HDRS);
    assert_eq!(parsed(&v).0, 0);
    v.extend_from_slice(b"X: y");
    assert_eq!(parsed(&v).0, -5);
}

#[test]
fn folding() {
    let mut b = b"X: a\r\n  b\r\n\tc\r\n\r\n d".to_vec();
    unfold(&mut b, 0);
    assert_eq!(&b, b"X: a    b   c\r\n\r\n d");
    let mut b = b"X: a\n b\n\n c".to_vec();
    unfold(&mut b, 0);
    assert_eq!(&b, b"X: a  b\n\n c");
    let (r, m) = parsed(&msg(INV, b"Subject: line1\r\n  line2\r\n\tline3\r\n", b""));
    assert_eq!(r, 0);
    let v = m
        .headers()
        .get(0)
        .unwrap()
        .hvalue()
        .unwrap()
        .to_bytes()
        .to_vec();
    assert_eq!(v, b"line1    line2   line3");
    assert_eq!(parsed(&msg(INV, b"Subject: a\r\n \r\n b\r\n", b"")).0, -5);
}

#[test]
fn comma_splitting() {
    config::parser_init();
    let split = |name: &[u8], value: &[u8]| {
        let mut m = new().unwrap();
        let r = set_multiple_header(Some(&mut m), name, Some(value));
        let hs: Vec<Option<Vec<u8>>> = m
            .headers()
            .iter()
            .map(|h| h.unwrap().hvalue().map(|v| v.to_bytes().to_vec()))
            .collect();
        (r, hs, m)
    };
    let v = |x: &[u8]| Some(x.to_vec());
    assert_eq!(
        split(b"supported", b"a, b,  c").1,
        [v(b"a"), v(b"b"), v(b"c")]
    );
    assert_eq!(split(b"x-foo", b"a, b").1, [v(b"a, b")], "not in the table");
    assert_eq!(split(b"supported", b",a,,b,").1, [v(b"a"), v(b"b")]);
    assert_eq!(split(b"supported", b"a, ,b").1, [v(b"a"), v(b""), v(b"b")]);
    assert_eq!(
        split(b"supported", b"\"x,y\", z").1,
        [v(b"\"x,y\""), v(b"z")]
    );
    assert_eq!(
        split(b"supported", b"\"x\\\",y\", z").1,
        [v(b"\"x\\\",y\""), v(b"z")],
        "an escaped quote does not end the quotes"
    );
    assert_eq!(
        split(b"supported", b"<sip:a,b>, c").1,
        [v(b"<sip:a,b>"), v(b"c")]
    );
    assert_eq!(
        split(b"supported", b"<mailto:a,b>, c").1,
        [v(b"<mailto:a"), v(b"b>"), v(b"c")]
    );
    assert_eq!(
        split(b"supported", b"<sip:a, b").1,
        [v(b"<sip:a"), v(b"b")],
        "no >"
    );
    assert_eq!(
        split(b"supported", b"\"a, b").1,
        [v(b"\"a, b")],
        "closed at the end"
    );
    let (r, _, m) = split(b"contact", b"<sip:a@b>, <sip:c@d>");
    assert_eq!((r, m.contacts().len()), (0, 2));
    let (r, _, m) = split(b"via", b"SIP/2.0/UDP a, x");
    assert_eq!(
        (r, m.vias().len()),
        (-5, 1),
        "the first refused piece stops"
    );
    // A NULL message: generic headers are dropped, known ones refuse.
    assert_eq!(set_multiple_header(None, b"x-a", Some(b"b")), 0);
    assert_eq!(
        set_multiple_header(None, b"via", Some(b"SIP/2.0/UDP h")),
        -2
    );
}

#[test]
fn content_length_and_bodies() {
    let ct = b"Content-Type: application/sdp\r\n";
    let with = |extra: &[u8], body: &[u8]| {
        let mut e = ct.to_vec();
        e.extend_from_slice(extra);
        parsed(&msg(INV, &e, body))
    };
    // Content-Length: the body is that many bytes; more are dropped,
    // fewer are -5.
    let (r, m) = with(b"Content-Length: 4\r\n", b"abcdEXTRA");
    assert_eq!(
        (r, m.bodies().get(0).unwrap().body()),
        (0, Some(&b"abcd"[..]))
    );
    assert_eq!(with(b"Content-Length: 10\r\n", b"abcd").0, -5);
    assert_eq!(with(b"Content-Length: 4\r\n", b"").0, -5);
    // Without: all that follows, and Content-Length is set.
    let (r, m) = with(b"", b"v=0\r\n");
    assert_eq!(r, 0);
    assert_eq!(s(m.content_length().unwrap().value()), Some(&b"5"[..]));
    assert_eq!(m.bodies().len(), 1);
    // No body: Content-Length 0 is added.
    let (r, m) = with(b"", b"");
    assert_eq!(
        (r, s(m.content_length().unwrap().value())),
        (0, Some(&b"0"[..]))
    );
    // A value that is not positive: no body, the header kept as written.
    let (r, m) = with(b"Content-Length: -3\r\n", b"abc");
    assert_eq!((r, m.bodies().len()), (0, 0));
    assert_eq!(s(m.content_length().unwrap().value()), Some(&b"-3"[..]));
    // An int overflow wraps as in the library: 4294967301 is 5.
    let (r, m) = with(b"Content-Length: 4294967301\r\n", b"12345678");
    assert_eq!((r, m.bodies().get(0).unwrap().length), (0, 5));
    // An empty Content-Length is dropped, then set from the body.
    let (r, m) = with(b"Content-Length:\r\n", b"xy");
    assert_eq!(
        (r, s(m.content_length().unwrap().value())),
        (0, Some(&b"2"[..]))
    );
    // A body without Content-Type is dropped.
    let (r, m) = parsed(&msg(INV, b"", b"body"));
    assert_eq!((r, m.bodies().len()), (0, 0));
    // NUL bytes in a body are kept.
    let (r, mut m) = with(b"Content-Length: 3\r\n", b"a\0b");
    assert_eq!(
        (r, m.bodies().get(0).unwrap().body()),
        (0, Some(&b"a\0b"[..]))
    );
    let out = text(&mut m);
    assert!(out.ends_with(b"Content-Length:     3\r\n\r\na\0b"));
    // Content-Length of 100000 bytes and more eats the space.
    let big = vec![b'x'; 100_000];
    let (r, mut m) = with(b"", &big);
    assert_eq!(r, 0);
    let out = text(&mut m);
    assert!(out.windows(22).any(|w| w == b"Content-Length:100000\r"));
    let bigger = vec![b'x'; 1_000_000];
    let (_, mut m) = with(b"", &bigger);
    let out = text(&mut m);
    assert!(out.windows(23).any(|w| w == b"Content-Length1000000\r\n"));
}

#[test]
fn multipart() {
    let ct = b"Content-Type: multipart/mixed;boundary=\"b1\"\r\nMime-Version: 1.0\r\n";
    let body = b"preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\none\r\n--b1\r\nX-A: 1\r\n\r\ntwo\r\n--b1--\r\nepilogue";
    let (r, mut m) = parsed(&msg(INV, ct, body));
    assert_eq!(r, 0);
    assert_eq!(m.bodies().len(), 2);
    assert_eq!(m.bodies().get(0).unwrap().body(), Some(&b"one"[..]));
    assert_eq!(m.bodies().get(1).unwrap().body(), Some(&b"two"[..]));
    let out = text(&mut m);
    let tail: &[u8] = b"Content-Length:    70\r\n\r\n\r\n--b1\r\ncontent-type: text/plain\r\n\r\none\r\n--b1\r\nX-A: 1\r\n\r\ntwo\r\n--b1--\r\n";
    assert!(out.ends_with(tail), "{}", String::from_utf8_lossy(&out));
    // Without boundary: -1; valueless: -5; missing close: -5.
    let p = |ct: &[u8], b: &[u8]| parsed(&msg(INV, ct, b)).0;
    assert_eq!(p(b"Content-Type: multipart/mixed\r\n", body), -1);
    assert_eq!(p(b"Content-Type: multipart/mixed;boundary\r\n", body), -5);
    assert_eq!(p(ct, b"\r\n--b1\r\nX: a\r\n\r\nz"), -5);
    assert_eq!(p(ct, b"\r\n--b1\r\n--b1--\r\n"), -5, "an empty part");
}

#[test]
fn clone_copies_everything() {
    let (r, mut m) = parsed(&msg(
        INV,
        b"Content-Type: application/sdp\r\nX-A: 1\r\nAccept: a/b\r\nMime-Version: 1.0\r\n",
        b"a\0b",
    ));
    assert_eq!(r, 0);
    let first = text(&mut m);
    let mut c = clone(&m).unwrap();
    assert_eq!(c.message(), m.message(), "the cache, NULs and all");
    assert_eq!(c.message_length, first.len());
    assert_eq!(text(&mut c), first);
    assert_eq!(force_update(&mut c), 0);
    assert_eq!(text(&mut c), first);
    // A body of length 0 cannot be cloned, nor the message.
    let mut e = new().unwrap();
    assert_eq!(body::message_set_body(&mut e, b""), 0);
    assert_eq!(clone(&e).err(), Some(-2));
}

#[test]
fn to_str_errors() {
    let mut m = new().unwrap();
    m.status_code = 700;
    m.set_reason_phrase(OString::new(b"x"));
    assert_eq!(serialise(&mut m, false).err(), Some(-2));
    m.status_code = 699;
    assert!(serialise(&mut m, false).is_ok());
    // A single header that does not serialise leaves its name alone.
    let (r, mut m) = parsed(&msg(
        INV,
        b"Content-Type: application/sdp;x\r\nMax-Forwards: 70\r\n",
        b"",
    ));
    assert_eq!(r, 0);
    let out = text(&mut m);
    assert!(out
        .windows(30)
        .any(|w| w == b"Content-Type: Max-forwards: 70"));
    // A list element that does not serialise fails the whole call.
    let (r, mut m) = parsed(&msg(INV, b"Accept: application/sdp;x\r\n", b""));
    assert_eq!(r, 0);
    assert_eq!(serialise(&mut m, false).err(), Some(-5));
    // The cache with property 1 and nothing cached.
    let mut m = new().unwrap();
    m.message_property = 1;
    assert_eq!(serialise(&mut m, false).unwrap().as_bytes(), b"");
    m.message_length = 3;
    assert_eq!(serialise(&mut m, false).err(), Some(-2));
}

#[test]
fn reasons() {
    assert_eq!(reason(486).unwrap().to_bytes(), b"Busy Here");
    assert_eq!(reason(687).unwrap().to_bytes(), b"Dialog Terminated");
    assert!(reason(555).is_none() && reason(608).is_none() && reason(299).is_none());
    assert!(reason(-1).is_none() && reason(700).is_none());
}
