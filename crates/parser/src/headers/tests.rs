//! Edge cases of the header types, with the results Debian's library gives
//! (c-tests/parser/corpus/cases/*.cases show them all in the dump).

use super::*;
use crate::message::headers::{
    append_via, fix_last_via_header, get_at, set_list, set_single, ListHeader, SingleHeader,
};
use osip_cmem::Owned;
use osip_parser_abi::{
    osip_accept_encoding_t, osip_call_id_t, osip_call_info_t, osip_content_length_t,
    osip_content_type_t, osip_cseq_t, osip_from_t, osip_header_t, osip_via_t,
};

fn s(o: Option<&CStr>) -> Option<&str> {
    o.map(|c| c.to_str().unwrap())
}

fn text(r: Result<OString, c_int>) -> Result<String, c_int> {
    r.map(|o| String::from_utf8(o.as_bytes().to_vec()).unwrap())
}

fn via(v: &str) -> (c_int, Owned<osip_via_t>) {
    let mut h = Owned::<osip_via_t>::new().unwrap();
    let r = via::parse(&mut h, v.as_bytes());
    (r, h)
}

fn via_str(v: &str) -> Result<String, c_int> {
    let (r, h) = via(v);
    if r != 0 {
        return Err(r);
    }
    text(via::to_str(&h))
}

#[test]
fn via_parse_and_print() {
    assert_eq!(
        via_str("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds").as_deref(),
        Ok("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds")
    );
    assert_eq!(
        via_str("SIP  /   2.0   /UDP      192.0.2.2;branch=390skdjuw").as_deref(),
        Ok("SIP/2.0/UDP 192.0.2.2;branch=390skdjuw")
    );
    assert_eq!(via_str("SIP/2.0/ UDP h").as_deref(), Ok("SIP/2.0/UDP h"));
    assert_eq!(via_str("HTTP/2.0/UDP h").as_deref(), Ok("SIP/2.0/UDP h"));
    assert_eq!(
        via_str("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=x").as_deref(),
        Ok("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=x")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP [::1]x:5060;branch=x").as_deref(),
        Ok("SIP/2.0/UDP [::1]:5060;branch=x")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP h:5060:6").as_deref(),
        Ok("SIP/2.0/UDP h:5060:6")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP h;received=1:2").as_deref(),
        Ok("SIP/2.0/UDP h;received=1:2")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP h:99999999999").as_deref(),
        Ok("SIP/2.0/UDP h:99999999999")
    );
}

#[test]
fn via_comments() {
    assert_eq!(
        via_str("SIP/2.0/UDP h;branch=x (a comment)").as_deref(),
        Ok("SIP/2.0/UDP h;branch=x (a comment)")
    );
    // The byte before `(` ends the parameters (and the host).
    assert_eq!(
        via_str("SIP/2.0/UDP h;a=b(c)").as_deref(),
        Ok("SIP/2.0/UDP h;a (c)")
    );
    assert_eq!(via_str("SIP/2.0/UDP h(c)"), Err(-5));
    // A `;` in the comment still bounds the host; the comment ends at the
    // first `)`.
    assert_eq!(
        via_str("SIP/2.0/UDP h (c;x)").as_deref(),
        Ok("SIP/2.0/UDP h (c (c;x)")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP h;branch=x (c) ;y").as_deref(),
        Ok("SIP/2.0/UDP h;branch=x (c)")
    );
    assert_eq!(
        via_str("SIP/2.0/UDP [::1]:(c)").as_deref(),
        Ok("SIP/2.0/UDP [::1] (c)")
    );
    assert_eq!(via_str("SIP/2.0/UDP h )(c"), Err(-5));
    assert_eq!(via_str("SIP/2.0/UDP h;branch=x ()"), Err(-5));
    assert_eq!(via_str("SIP/2.0/UDP h;branch=x (unterminated"), Err(-5));
}

#[test]
fn via_errors_leave_what_was_read() {
    for bad in [
        "",
        "SIP/2.0",
        "SIP/2.0 h",
        "SIP//UDP h",
        "SIP/2.0/UDP",
        "SIP/2.0/UDP ",
        "SIP/2.0/ ",
        "SIP/2.0/  x",
        "SIP/2.0/UDP h:",
        "SIP/2.0/UDP []",
        "SIP/2.0/UDP (c)",
        "SIP/2.0/UDP h;=",
        "SIP/2.0/UDP [::1;branch=]",
    ] {
        assert_eq!(via(bad).0, -5, "{bad:?}");
    }
    let (r, h) = via("SIP/2.0/UDP h:-1");
    assert_eq!((r, s(h.port()), s(h.host())), (-5, Some("-1"), None));
    let (r, h) = via("SIP/2.0/UDP h:9999999999999999999999");
    assert_eq!(
        (r, s(h.version()), s(h.protocol())),
        (-5, Some("2.0"), Some("UDP"))
    );
    let (r, h) = via("SIP/2.0/UDP h;;branch=x");
    assert_eq!((r, h.via_params().len(), s(h.host())), (-5, 0, None));
}

#[test]
fn via_clone_and_match() {
    let (_, a) = via("SIP/2.0/UDP h:1;branch=x;rport (c)");
    let c = via::clone(&a).unwrap();
    assert_eq!(via::matches(&a, &c), 0);
    let (_, b) = via("SIP/2.0/UDP  h:1 ; branch=x;rport (c)");
    assert_eq!(via::matches(&a, &b), 0);
    let (_, d) = via("SIP/2.0/TCP h:1;branch=x;rport (c)");
    assert_eq!(via::matches(&a, &d), -1);
    let empty = Owned::<osip_via_t>::new().unwrap();
    assert_eq!(via::matches(&a, &empty), -2);
    assert_eq!(via::clone(&empty).err(), Some(-2));
    assert_eq!(via::to_str(&empty).err(), Some(-2));
}

fn from(v: &str) -> (c_int, Owned<osip_from_t>) {
    let mut h = Owned::<osip_from_t>::new().unwrap();
    let r = from::parse(&mut h, v.as_bytes());
    (r, h)
}

fn from_str(v: &str) -> Result<String, c_int> {
    let (r, h) = from(v);
    if r != 0 {
        return Err(r);
    }
    text(from::to_str(&h))
}

#[test]
fn name_addr_forms() {
    assert_eq!(
        from_str("sip:alice@atlanta.com;tag=1").as_deref(),
        Ok("<sip:alice@atlanta.com>;tag=1")
    );
    assert_eq!(
        from_str("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>   ;   tag = 98asjd8")
            .as_deref(),
        Ok("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8")
    );
    assert_eq!(
        from_str("  Alice   Liddell   <sip:a@h>").as_deref(),
        Ok("Alice   Liddell <sip:a@h>")
    );
    // Leading spaces cost the unquoted display name its last bytes.
    assert_eq!(from_str("  Bob <sip:b@h>").as_deref(), Ok("Bo <sip:b@h>"));
    assert_eq!(from_str(" Bob <sip:b@h>").as_deref(), Ok("Bob <sip:b@h>"));
    assert_eq!(from_str("name<sip:a@b>").as_deref(), Ok("name <sip:a@b>"));
    assert_eq!(from_str("sip:a@b>").as_deref(), Ok("<sip:a@b>>"));
    assert_eq!(from_str("<sip:a@b>, <sip:c@d>").as_deref(), Ok("<sip:a@b>"));
    assert_eq!(from_str("<sip:a@b> garbage").as_deref(), Ok("<sip:a@b>"));
    assert_eq!(from_str("<sip:a@b;>").as_deref(), Ok("<sip:a@b>;>"));
    assert_eq!(from_str("<sip:a@b>;tag=").as_deref(), Ok("<sip:a@b>;tag"));
    assert_eq!(from_str("<tel:+1>").as_deref(), Ok("<tel:+1>"));
}

#[test]
fn name_addr_uri_length() {
    // 5 bytes are enough only when the URI runs to the end of the value.
    assert_eq!(from_str("sip:a").as_deref(), Ok("<sip:a>"));
    assert_eq!(from_str("<sip:a>"), Err(-5));
    assert_eq!(from_str("sip:a;x"), Err(-5));
    assert_eq!(from_str("<sip:ab>").as_deref(), Ok("<sip:ab>"));
    assert_eq!(from_str("<>"), Err(-5));
}

#[test]
fn name_addr_errors() {
    for bad in [
        "\"unterminated <sip:a@b>",
        "<sip:a@b",
        "*",
        " * ",
        "bad",
        "\"x\"   ",
        "\"x\"<",
        "x<",
        "\"x\"",
        "x y",
        "< sip:a@b >",
        "<<sip:a@b>>",
    ] {
        assert_eq!(from(bad).0, -5, "{bad:?}");
    }
    // Parameters are read before the URI.
    let (r, h) = from("\"A\" <sip:a@b>;x=1;;tag=1");
    assert_eq!(r, -5);
    assert_eq!(s(h.displayname()), Some("\"A\""));
    assert_eq!(h.gen_params().len(), 1);
    assert!(h.url().is_none());
    let (r, h) = from("   ");
    assert_eq!(
        (r, h.displayname().is_none(), h.url().is_none()),
        (0, true, true)
    );
    assert_eq!(from::to_str(&h).err(), Some(-2));
}

#[test]
fn contacts() {
    let mut c = Owned::<osip_from_t>::new().unwrap();
    assert_eq!(from::parse_contact(&mut c, b"*;q=1"), 0);
    assert_eq!(s(c.displayname()), Some("*;q=1"));
    assert_eq!(text(from::to_str_contact(&c)).as_deref(), Ok("*"));
    let mut c = Owned::<osip_from_t>::new().unwrap();
    assert_eq!(from::parse_contact(&mut c, b" *"), -5);
    let mut c = Owned::<osip_from_t>::new().unwrap();
    assert_eq!(from::parse_contact(&mut c, b"<sip:a@h>;expires=3"), 0);
    assert_eq!(
        text(from::to_str_contact(&c)).as_deref(),
        Ok("<sip:a@h>;expires=3")
    );
}

#[test]
fn from_compare_and_tags() {
    let cmp = |a: &str, b: &str| {
        let (_, x) = from(a);
        let (_, y) = from(b);
        (from::compare(&x, &y), from::tag_match(&x, &y))
    };
    assert_eq!(cmp("<sip:a@h>;tag=1", "<sip:a@h>;tag=1"), (0, 0));
    assert_eq!(cmp("<sip:a@h>;tag=1", "<sip:a@h>;tag=2"), (-1, -1));
    assert_eq!(cmp("<sip:a@h>;tag=1", "<sip:a@h>"), (0, -1));
    assert_eq!(cmp("<sip:a@h>", "<sip:a@h>"), (0, 0));
    assert_eq!(cmp("<sip:a@H>", "<sip:a@h>"), (-1, 0));
    assert_eq!(cmp("<sip:A@h>", "<sip:a@h>"), (-1, 0));
    assert_eq!(cmp("<sip:hh>", "<sip:a@hh>"), (0, 0));
    assert_eq!(cmp("<tel:123>", "<tel:123>"), (0, 0));
    assert_eq!(cmp("<tel:123>", "<tel:124>"), (-1, 0));
    // compare looks for a name starting with "tag"; tag_match for "tag".
    assert_eq!(cmp("<sip:a@h>;tagx=1", "<sip:a@h>;tag=2"), (-1, -1));
    assert_eq!(cmp("<sip:a@h>;TAG=1", "<sip:a@h>;tag=2"), (0, -1));
    assert_eq!(cmp("<sip:a@h>;tag", "<sip:a@h>;tag"), (0, -1));
    let (_, a) = from("<sip:a@h>;tag=1;x");
    assert_eq!(from::param_get(&a, 1).0, 1);
    assert_eq!(s(from::param_get(&a, 1).1.unwrap().gname()), Some("x"));
    assert_eq!(from::param_get(&a, 2).0, -1);
    let (r, p) = from::param_get(&a, -3);
    assert!(r == -3 && p.is_none());
    let c = from::clone(&a).unwrap();
    assert_eq!(text(from::to_str(&c)).as_deref(), Ok("<sip:a@h>;tag=1;x"));
}

#[test]
fn call_id_and_cseq() {
    let mut c = Owned::<osip_call_id_t>::new().unwrap();
    assert_eq!(call_id::parse(&mut c, b"  spaced@host  "), 0);
    assert_eq!((s(c.number()), s(c.host())), (Some("spaced"), Some("host")));
    assert_eq!(call_id::parse(&mut c, b"a@b@c"), 0);
    assert_eq!(text(call_id::to_str(&c)).as_deref(), Ok("a@b@c"));
    assert_eq!(call_id::parse(&mut c, b"abc@"), 0);
    assert_eq!(text(call_id::to_str(&c)).as_deref(), Ok("abc@"));
    assert_eq!(call_id::parse(&mut c, b"@h"), -5);
    assert_eq!((s(c.number()), s(c.host())), (None, Some("h")));
    assert_eq!(call_id::parse(&mut c, b""), -5);
    assert_eq!(call_id::parse(&mut c, b"\t"), 0);
    assert_eq!(s(c.number()), Some(""));
    let mut d = Owned::<osip_call_id_t>::new().unwrap();
    call_id::parse(&mut d, b"\t");
    assert_eq!(call_id::matches(&c, &d), 0);
    call_id::parse(&mut d, b"x@h");
    assert_eq!(call_id::matches(&c, &d), -1);

    let mut q = Owned::<osip_cseq_t>::new().unwrap();
    assert_eq!(cseq::parse(&mut q, b"1 INVITE  "), 0);
    assert_eq!(s(q.method()), Some("INVITE  "));
    assert_eq!(cseq::parse(&mut q, b"1 \tINVITE\t"), 0);
    assert_eq!(text(cseq::to_str(&q)).as_deref(), Ok("1 INVITE\t"));
    assert_eq!(cseq::parse(&mut q, b"1 "), 0);
    assert_eq!(text(cseq::to_str(&q)).as_deref(), Ok("1 "));
    assert_eq!(cseq::parse(&mut q, b"  1 INVITE"), -5);
    assert_eq!(cseq::parse(&mut q, b"1\tINVITE"), -5);
    let pair = |a: &[u8], b: &[u8]| {
        let mut x = Owned::<osip_cseq_t>::new().unwrap();
        let mut y = Owned::<osip_cseq_t>::new().unwrap();
        cseq::parse(&mut x, a);
        cseq::parse(&mut y, b);
        cseq::matches(&x, &y)
    };
    assert_eq!(pair(b"1 INVITE", b"1 ACK"), 0);
    assert_eq!(pair(b"1 ACK", b"1 INVITE"), 0);
    assert_eq!(pair(b"1 BYE", b"1 INVITE"), -1);
    assert_eq!(pair(b"01 BYE", b"1 BYE"), -1);
    assert_eq!(pair(b"1 BYE", b"1"), -2);
}

#[test]
fn content_types() {
    let ct = |v: &[u8]| {
        let mut h = Owned::<osip_content_type_t>::new().unwrap();
        let r = content_type::parse(&mut h, v);
        (r, h)
    };
    let (r, h) = ct(b"TEXT/Plain ;  a = b");
    assert_eq!(r, 0);
    assert_eq!(
        text(content_type::to_str(&h)).as_deref(),
        Ok("TEXT/Plain; a=b")
    );
    let (r, h) = ct(b"application/sdp;x");
    assert_eq!((r, content_type::to_str(&h).err()), (0, Some(-5)));
    let (r, h) = ct(b"");
    assert_eq!((r, content_type::to_str(&h).err()), (0, Some(-2)));
    assert_eq!(text(content_type::accept_to_str(&h)).as_deref(), Ok(" "));
    let (r, h) = ct(b"a;b/c");
    assert_eq!(
        (r, h.gen_params().len(), s(h.type_())),
        (-5, 1, Some("a;b"))
    );
    assert_eq!(ct(b"/sdp").0, -5);
    assert_eq!(ct(b"application/").0, -5);
    assert_eq!(ct(b"a/;x=1").0, -5);
    let mut h = Owned::<osip_content_type_t>::new().unwrap();
    h.set_subtype(OString::new(b"plain"));
    assert_eq!(
        text(content_type::accept_to_str(&h)).as_deref(),
        Ok("(null)/plain")
    );
    let c = content_type::clone(&h).unwrap();
    assert_eq!((c.type_().is_none(), s(c.subtype())), (true, Some("plain")));
}

#[test]
fn single_values_and_lists() {
    let mut cl = Owned::<osip_content_length_t>::new().unwrap();
    assert_eq!(content_length::to_str(&cl).err(), Some(-4));
    assert!(content_length::clone(&cl).unwrap().value().is_none());
    assert_eq!(content_length::parse(&mut cl, b""), -5);
    assert_eq!(content_length::parse(&mut cl, b"  42  "), 0);
    assert_eq!(text(content_length::to_str(&cl)).as_deref(), Ok("  42  "));

    let mut ae = Owned::<osip_accept_encoding_t>::new().unwrap();
    assert_eq!(accept_encoding::parse(&mut ae, b"  da  ; q = 1"), 0);
    assert_eq!(text(accept_encoding::to_str(&ae)).as_deref(), Ok("da;q=1"));
    let mut ae = Owned::<osip_accept_encoding_t>::new().unwrap();
    assert_eq!(accept_encoding::parse(&mut ae, b";q=1"), -5);
    assert_eq!(ae.gen_params().len(), 1);
    let mut ae = Owned::<osip_accept_encoding_t>::new().unwrap();
    assert_eq!(accept_encoding::parse(&mut ae, b" ;x"), 0);
    assert_eq!(text(accept_encoding::to_str(&ae)).as_deref(), Ok(";x"));

    let ci = |v: &[u8]| {
        let mut h = Owned::<osip_call_info_t>::new().unwrap();
        let r = call_info::parse(&mut h, v);
        (r, text(call_info::to_str(&h)))
    };
    assert_eq!(
        ci(b"  <http://x>  ;  purpose = icon "),
        (0, Ok("<http://x>;purpose=icon".into()))
    );
    assert_eq!(
        ci(b"x<http://y>garbage"),
        (0, Ok("x<http://y>garbage".into()))
    );
    assert_eq!(ci(b"<>x;y"), (0, Ok("<>x;y".into())));
    assert_eq!(ci(b"http://x").0, -5);
    assert_eq!(ci(b"a>b<c").0, -5);
    assert_eq!(ci(b"<").0, -5);
    let mut cd = Owned::<osip_call_info_t>::new().unwrap();
    assert_eq!(call_info::parse_content_disposition(&mut cd, b";x"), -5);
    let mut cd = Owned::<osip_call_info_t>::new().unwrap();
    assert_eq!(
        call_info::parse_content_disposition(&mut cd, b"session ; handling = optional"),
        0
    );
    assert_eq!(
        text(call_info::to_str(&cd)).as_deref(),
        Ok("session;handling=optional")
    );
}

#[test]
fn generic_headers() {
    let mut h = Owned::<osip_header_t>::new().unwrap();
    assert_eq!(header::to_str(&h).err(), Some(-2));
    assert_eq!(header::clone(&h).err(), Some(-2));
    h.set_hname(OString::new(b"x-foo"));
    assert_eq!(text(header::to_str(&h)).as_deref(), Ok("X-foo: "));
    h.set_hvalue(OString::new(b" v "));
    assert_eq!(text(header::to_str(&h)).as_deref(), Ok("X-foo:  v "));
    h.set_hname(OString::new(b""));
    assert_eq!(text(header::to_str(&h)).as_deref(), Ok(":  v "));
    let c = header::clone(&h).unwrap();
    assert_eq!(s(c.hvalue()), Some(" v "));
}

#[test]
fn message_setters() {
    let mut m = crate::message::new().unwrap();
    assert_eq!(m.message_property, 3);
    assert_eq!(set_list(Some(&mut m), ListHeader::Via, None), 0);
    assert_eq!(set_list(Some(&mut m), ListHeader::Via, Some(b"")), 0);
    assert_eq!(set_list(Some(&mut m), ListHeader::Via, Some(b"bad")), -5);
    assert_eq!(m.message_property, 3);
    assert_eq!(
        set_list(Some(&mut m), ListHeader::Via, Some(b"SIP/2.0/UDP h1")),
        0
    );
    assert_eq!(m.message_property, 2);
    assert_eq!(append_via(Some(&mut m), Some(b"SIP/2.0/UDP h0")), 0);
    assert_eq!(append_via(Some(&mut m), None), -2);
    assert_eq!(append_via(Some(&mut m), Some(b"")), -5);
    let (r, v) = get_at(m.vias(), 0);
    assert_eq!((r, s(v.unwrap().host())), (0, Some("h0")));
    assert_eq!(get_at(m.vias(), 2).0, -1);
    let (r, v) = get_at(m.vias(), -2);
    assert!(r == -2 && v.is_none());
    // Accept takes NULL and "" as an empty element.
    assert_eq!(set_list(Some(&mut m), ListHeader::Accept, None), 0);
    assert_eq!(set_list(Some(&mut m), ListHeader::Accept, Some(b"")), 0);
    assert_eq!(m.accepts().len(), 2);

    let mut m = crate::message::new().unwrap();
    assert_eq!(set_single(Some(&mut m), SingleHeader::Cseq, Some(b"1")), -5);
    assert_eq!((m.message_property, m.cseq().is_none()), (2, true));
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::Cseq, Some(b"1 A")),
        0
    );
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::Cseq, Some(b"2 B")),
        -2
    );
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::From, Some(b"<sip:a@h>")),
        0
    );
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::From, Some(b"<sip:b@h>")),
        -5
    );
    assert_eq!(set_single(Some(&mut m), SingleHeader::From, Some(b"")), 0);
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::ContentType, Some(b"a/b")),
        0
    );
    assert_eq!(
        set_single(Some(&mut m), SingleHeader::ContentType, None),
        -2
    );
}

#[test]
fn fix_last_via() {
    assert_eq!(set_list(None, ListHeader::Via, Some(b"bad")), -5);
    assert_eq!(set_list(None, ListHeader::Via, Some(b"")), 0);
    assert_eq!(set_list(None, ListHeader::Via, Some(b"SIP/2.0/UDP h")), -2);
    assert_eq!(set_single(None, SingleHeader::From, Some(b"")), 0);
    assert_eq!(set_single(None, SingleHeader::From, Some(b"<sip:a@h>")), -2);
    assert_eq!(set_single(None, SingleHeader::ContentType, None), -2);
    assert_eq!(append_via(None, Some(b"")), -5);
    let mut m = crate::message::new().unwrap();
    assert_eq!(fix_last_via_header(&mut m, Some(b"h"), 1), -2);
    set_list(
        Some(&mut m),
        ListHeader::Via,
        Some(b"SIP/2.0/UDP h0;RPORT;branch=1"),
    );
    assert_eq!(
        fix_last_via_header(&mut m, Some(b"192.0.2.1"), 123456789),
        0
    );
    let v = m.vias().get(0).unwrap();
    assert_eq!(
        text(via::to_str(v)).as_deref(),
        Ok("SIP/2.0/UDP h0;RPORT=1234567;branch=1;received=192.0.2.1")
    );
    assert_eq!(fix_last_via_header(&mut m, Some(b"h0"), 5), 0);
    assert_eq!(m.vias().get(0).unwrap().via_params().len(), 3);
    assert_eq!(fix_last_via_header(&mut m, None, 5), -2);
    m.status_code = 200;
    assert_eq!(fix_last_via_header(&mut m, None, 5), 0);
}

#[test]
fn clrncpy_variants() {
    assert_eq!(clrncpy(b" a b ", 0, 5).unwrap().as_bytes(), b"a b");
    assert_eq!(clrncpy_to_end(b"x  a b  ", 1).unwrap().as_bytes(), b"a b  ");
    assert_eq!(clrncpy_to_end(b"x", 1).unwrap().as_bytes(), b"");
}
