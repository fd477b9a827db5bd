//! Unit tests of the message core: parse, serialise, clone.

use super::*;

fn parsed(text: &[u8]) -> (c_int, Owned<osip_message_t>) {
    config::parser_init();
    let mut m = new().unwrap();
    let r = parse::parse(&mut m, text, false);
    (r, m)
}

#[test]
fn minimal_request() {
    let (r, mut m) = parsed(b"INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
    assert_eq!(r, 0);
    assert_eq!(m.sip_method().unwrap().to_bytes(), b"INVITE");
    let s = to_str::to_str(&mut m, false).unwrap();
    assert_eq!(
        s.as_bytes(),
        b"INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 0\r\n\r\n"
    );
}
