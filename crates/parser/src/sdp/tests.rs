//! Edge cases of the SDP functions, each checked against what Debian's
//! libosipparser2 5.3.0 gives (the differential units of
//! c-tests/parser/corpus/cases/sdp.cases and sdp_accessors.c prove the
//! same on the C side).

use super::accessors as acc;
use super::*;
use osip_cmem::OString;
use std::ffi::CStr;

fn parsed(text: &str) -> (c_int, Owned<sdp_message>) {
    let mut sdp = Owned::<sdp_message>::new().unwrap();
    let rc = parse(&mut sdp, text.as_bytes());
    (rc, sdp)
}

fn ok(text: &str) -> Owned<sdp_message> {
    let (rc, sdp) = parsed(text);
    assert_eq!(rc, 0, "parse of {text:?}");
    sdp
}

fn text(sdp: &sdp_message) -> String {
    String::from_utf8(to_bytes(sdp).expect("to_str")).unwrap()
}

fn s(b: &str) -> Option<OString> {
    OString::new(b.as_bytes())
}

fn c(v: Option<&CStr>) -> Option<&str> {
    v.map(|v| v.to_str().unwrap())
}

const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n";

#[test]
fn minimal_round_trip() {
    let t = format!("{HEAD}t=0 0\r\n");
    let sdp = ok(&t);
    assert_eq!(text(&sdp), t);
    let copy = clone(&sdp).unwrap();
    assert_eq!(text(&copy), t);
}

#[test]
fn the_order_of_lines_is_fixed() {
    // s= is optional, o= and t= are not; unknown lines fail.
    assert_eq!(parsed("v=0\r\no=- 1 1 IN IP4 h\r\nt=0 0\r\n").0, 0);
    assert_eq!(parsed("v=0\r\ns=-\r\no=- 1 1 IN IP4 h\r\nt=0 0\r\n").0, 0);
    assert_eq!(parsed("v=0\r\ns=-\r\nt=0 0\r\n").0, -1);
    assert_eq!(parsed(&format!("{HEAD}\r\n")).0, -1);
    assert_eq!(parsed(&format!("{HEAD}x=1\r\nt=0 0\r\n")).0, -1);
    assert_eq!(parsed(&format!("{HEAD}t=0 0\r\nx=1\r\n")).0, -1);
    assert_eq!(parsed(&format!("{HEAD}t=0 0\r\nc=IN IP4 a\r\n")).0, -1);
    assert_eq!(parsed(&format!("{HEAD}t=0 0")).0, -1);
    assert_eq!(parsed("").0, -1);
    assert_eq!(parsed("garbage").0, -1);
}

#[test]
fn an_empty_line_after_t_ends_the_sdp() {
    let sdp = ok(&format!("{HEAD}t=0 0\r\n\r\nm=audio 1 RTP/AVP 0\r\n"));
    assert!(sdp.m_medias().is_empty());
    // A LF right after a line end is part of it.
    let sdp = ok(&format!("{HEAD}t=0 0\n\nm=audio 1 RTP/AVP 0\n"));
    assert_eq!(sdp.m_medias().len(), 1);
}

#[test]
fn lines_without_equal_sign_are_skipped() {
    let sdp = ok("junk\r\nv=0\r\nfoo\r\no=- 1 1 IN IP4 h\r\nbar\r\nt=0 0\r\n");
    assert_eq!(c(sdp.v_version()), Some("0"));
    assert!(sdp.s_name().is_none());
    // The byte before `=` names the type.
    let sdp = ok(&format!("{HEAD}t=0 0\r\nxa=y\r\n"));
    assert_eq!(
        c(acc::attribute(&sdp, -1, 0).unwrap().a_att_field()),
        Some("y")
    );
}

#[test]
fn media_formats_are_cut_like_the_library() {
    let sdp = ok(&format!("{HEAD}t=0 0\r\nm=audio 1 RTP/AVP 0  8\r\n"));
    let m = acc::media(&sdp, 0).unwrap();
    let p: Vec<_> = m.m_payloads().iter().map(|p| c(p).unwrap()).collect();
    assert_eq!(p, ["0", " 8"]);
    assert_eq!(
        parsed(&format!("{HEAD}t=0 0\r\nm=audio 1 RTP/AVP  0 8\r\n")).0,
        -1
    );
    let sdp = ok(&format!("{HEAD}t=0 0\r\nm=audio 1/2 RTP/AVP\r\n"));
    let m = acc::media(&sdp, 0).unwrap();
    assert_eq!(c(m.m_number_of_port()), Some("2"));
    assert_eq!(c(m.m_proto()), Some("RTP/AVP"));
    assert!(m.m_payloads().is_empty());
    assert_eq!(parsed(&format!("{HEAD}t=0 0\r\nm=audio 1\r\n")).0, -1);
    assert_eq!(
        parsed(&format!("{HEAD}t=0 0\r\nm=audio 1/ RTP/AVP 0\r\n")).0,
        -1
    );
    // The end of the text right after a line's CR.
    let sdp = ok(&format!("{HEAD}t=0 0\r\nm=audio 1 RTP/AVP\r"));
    assert!(acc::media(&sdp, 0).unwrap().m_payloads().is_empty());
}

#[test]
fn connections_keys_attributes() {
    let sdp = ok(&format!(
        "{HEAD}c=IN IP4 224.2.1.1/127/3/4\r\nt=0 0\r\nk=prompt\r\na=k:v:w\r\n\
         m=audio 1 RTP/AVP 0\r\nc=IN IP4 a\r\nc=IN IP4 b/5\r\nk=clear:x\r\na=sendonly\r\n"
    ));
    let conn = acc::connection(&sdp, -1, 7).unwrap();
    assert_eq!(c(conn.c_addr()), Some("224.2.1.1"));
    assert_eq!(c(conn.c_addr_multicast_ttl()), Some("127"));
    assert_eq!(c(conn.c_addr_multicast_int()), Some("3/4"));
    assert_eq!(c(acc::key(&sdp, -1).unwrap().k_keytype()), Some("prompt"));
    assert_eq!(
        c(acc::attribute(&sdp, -1, 0).unwrap().a_att_value()),
        Some("v:w")
    );
    assert_eq!(
        c(acc::connection(&sdp, 0, 1).unwrap().c_addr_multicast_ttl()),
        Some("5")
    );
    assert_eq!(c(acc::key(&sdp, 0).unwrap().k_keydata()), Some("x"));
    for bad in ["c=IN IP4 a/\r\n", "c=IN IP4\r\n", "b=CT\r\n", "b=:1\r\n"] {
        assert_eq!(parsed(&format!("{HEAD}{bad}t=0 0\r\n")).0, -1, "{bad:?}");
    }
    for bad in ["a=\r\n", "a=:x\r\n", "a=x:\r\n", "k=clear:\r\n"] {
        assert_eq!(parsed(&format!("{HEAD}t=0 0\r\n{bad}")).0, -1, "{bad:?}");
    }
}

#[test]
fn repeats_and_times() {
    let sdp = ok(&format!(
        "{HEAD}t=0 0\r\nr=1 2\r\nr=3\r\nt=1 2 3\r\nr=4\r\nz=5\r\n"
    ));
    assert_eq!(c(acc::repeat(&sdp, 0, 1)), Some("3"));
    assert_eq!(c(acc::repeat(&sdp, 1, 0)), Some("4"));
    assert_eq!(
        c(acc::time_descr(&sdp, 1).unwrap().t_stop_time()),
        Some("2 3")
    );
    assert_eq!(c(sdp.z_adjustments()), Some("5"));
    assert_eq!(parsed(&format!("{HEAD}r=1\r\nt=0 0\r\n")).0, -1);
}

#[test]
fn parsing_into_a_filled_message_appends() {
    let mut sdp = ok(&format!("{HEAD}t=0 0\r\nm=audio 1 RTP/AVP 0\r\n"));
    // Lines of the second text before its m= go to the last media section.
    assert_eq!(
        parse(
            &mut sdp,
            b"v=1\r\no=- 2 2 IN IP4 h\r\nt=1 1\r\nr=9\r\nk=a\r\na=x\r\nm=video 2 RTP/AVP 31\r\n"
        ),
        0
    );
    assert_eq!(sdp.m_medias().len(), 2);
    assert_eq!(sdp.t_descrs().len(), 2);
    assert_eq!(c(acc::key(&sdp, 0).unwrap().k_keytype()), Some("a"));
    assert_eq!(
        c(acc::attribute(&sdp, 0, 0).unwrap().a_att_field()),
        Some("x")
    );
    assert_eq!(c(acc::repeat(&sdp, 1, 0)), Some("9"));
}

#[test]
fn to_str_needs_the_mandatory_fields() {
    let mut sdp = Owned::<sdp_message>::new().unwrap();
    assert_eq!(to_bytes(&sdp), Err(-1));
    acc::set_v_version(&mut sdp, s("0"));
    assert_eq!(to_bytes(&sdp), Err(-1));
    acc::set_origin(
        &mut sdp,
        [s("a"), s("1"), s("2"), s("IN"), s("IP4"), s("h")],
    );
    assert_eq!(text(&sdp), "v=0\r\no=a 1 2 IN IP4 h\r\n");
    // ... but it does not parse back (no t=).
    assert_eq!(clone(&sdp).err(), Some(-1));
    assert_eq!(acc::add_time_descr(&mut sdp, s("0"), None), 0);
    assert_eq!(to_bytes(&sdp), Err(-1));
    assert_eq!(acc::add_email(&mut sdp, None), ());
    assert_eq!(to_bytes(&sdp), Err(-1));
}

#[test]
fn accessor_positions() {
    let mut sdp = ok(&format!(
        "{HEAD}t=0 0\r\na=x\r\na=y:1\r\na=x:2\r\nm=audio 1 RTP/AVP 0 8\r\n"
    ));
    assert_eq!(acc::endof_media(&sdp, -1), 0);
    assert_eq!(acc::endof_media(&sdp, -7), 0);
    assert_eq!(acc::endof_media(&sdp, 0), 0);
    assert_eq!(acc::endof_media(&sdp, 1), -1);
    assert_eq!(acc::add_attribute(&mut sdp, 1, None, None), -1);
    assert_eq!(acc::add_attribute(&mut sdp, -2, None, None), -1);
    assert_eq!(acc::del_attribute_at(&mut sdp, 1, None, 0), -2);
    assert_eq!(acc::del_attribute_at(&mut sdp, -2, None, 0), -1);
    assert_eq!(acc::del_attribute_at(&mut sdp, -1, Some(c"y"), 0), -2);
    assert_eq!(acc::del_attribute_at(&mut sdp, -1, Some(c"y"), 1), 0);
    assert_eq!(acc::del_attributes(&mut sdp, -1, Some(c"x")), 0);
    assert!(sdp.a_attributes().is_empty());
    assert_eq!(acc::del_attributes(&mut sdp, 3, Some(c"x")), -1);
    assert_eq!(acc::del_payload(&mut sdp, 0, 2), -1);
    assert_eq!(acc::del_payload(&mut sdp, 1, 0), -2);
    assert_eq!(acc::del_payload(&mut sdp, 0, 0), 0);
    assert_eq!(acc::set_port(&mut sdp, 0, s("9")), 0);
    assert_eq!(acc::set_port(&mut sdp, 1, None), -2);
    assert_eq!(acc::add_payload(&mut sdp, 0, s("98")), 0);
    assert_eq!(acc::set_i_info(&mut sdp, 4, None), -1);
    assert_eq!(acc::add_repeat(&mut sdp, 1, None), -1);
    assert_eq!(acc::set_key(&mut sdp, 0, s("prompt"), None), 0);
    assert_eq!(
        text(&sdp),
        format!("{HEAD}t=0 0\r\nm=audio 9 RTP/AVP 8 98\r\nk=prompt\r\n")
    );
}

#[test]
fn a_media_port_starting_with_zero_is_written_as_zero() {
    // Found by the parser_diff fuzz target: Debian writes "0" for any port
    // whose first digit is 0, keeping the parsed value itself.
    let sdp = ok(&format!(
        "{HEAD}t=0 0\r\nm=audio 01 RTP/AVP 0\r\nm=video 10 RTP/AVP 0\r\n"
    ));
    assert_eq!(
        text(&sdp),
        format!("{HEAD}t=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=video 10 RTP/AVP 0\r\n")
    );
}
