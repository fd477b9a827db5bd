//! Where a server transaction sends its responses: the top Via's `maddr`,
//! `received` and `rport` (RFC 3261 section 18.2.2 as libosip2 applies it).

use crate::host::Parser;
use crate::msg::{param, param_value, top_via};
use libc::c_int;
use osip_parser_abi::{osip_message_t, osip_via_t};
use std::ffi::CStr;

/// Host (possibly none) and port a response with top Via `via` goes to:
/// `maddr` if the parameter is present (even without a value), else
/// `received` if present, else the Via host; port from a valued `rport`,
/// else the Via port, else 5060.
pub fn target<'v>(parser: &dyn Parser, via: &'v osip_via_t) -> (Option<&'v CStr>, c_int) {
    let host =
        match param(via.via_params(), b"maddr").or_else(|| param(via.via_params(), b"received")) {
            Some(p) => p.gvalue(),
            None => via.host(),
        };
    let port = match param_value(via.via_params(), b"rport").or(via.port()) {
        Some(p) => parser.atoi(p),
        None => 5060,
    };
    (host, port)
}

/// [`target`] of a response's top Via; None without one.
pub fn destination<'m>(
    parser: &dyn Parser,
    msg: &'m osip_message_t,
) -> Option<(Option<&'m CStr>, c_int)> {
    top_via(msg).map(|via| target(parser, via))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{via, FakeParser};

    fn to(params: &[(&str, Option<&str>)]) -> (Option<Vec<u8>>, c_int) {
        let v = via("UDP", "client.example", params);
        let (host, port) = target(&FakeParser::default(), &v);
        (host.map(|h| h.to_bytes().to_vec()), port)
    }

    #[test]
    fn maddr_then_received_then_the_via_host() {
        assert_eq!(to(&[]), (Some(b"client.example".to_vec()), 5060));
        let received = [("received", Some("192.0.2.1")), ("rport", Some("5099"))];
        assert_eq!(to(&received), (Some(b"192.0.2.1".to_vec()), 5099));
        // Present without a value, `maddr` still wins (with no host).
        assert_eq!(
            to(&[("maddr", None), ("received", Some("x"))]),
            (None, 5060)
        );
        let mut v = via("UDP", "client.example", &[("rport", None)]);
        v.set_port(crate::fake::ostring("5070"));
        assert_eq!(target(&FakeParser::default(), &v).1, 5070);
    }
}
