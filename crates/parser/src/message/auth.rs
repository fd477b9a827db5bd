//! The message's authentication headers: `osip_message_set_X(sip, value)`
//! and `osip_message_get_X(sip, pos, &dest)` for Authorization,
//! Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate,
//! Authentication-Info and Proxy-Authentication-Info (the Proxy- ones share
//! the structures and parsers).

use super::lists::{Direct, Element, Sink};
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::headers::{authentication_info, authorization, www_authenticate};
use libc::c_int;
use osip_cmem::{CObject, ListRef, Owned};
use osip_parser_abi::osip_message_t;

/// `osip_message_set_X(sip, value)`: a NULL or empty value is 0 and
/// changes nothing (even with a NULL message); a NULL message is then -2.
/// The value is parsed into a new element (its error returned, nothing
/// kept), which goes to `sink` for its list; the message is marked changed
/// (`message_property` 2).
fn add<T: CObject>(
    msg: Option<&mut osip_message_t>,
    value: Option<&[u8]>,
    parse: fn(&mut T, &[u8]) -> c_int,
    wrap: fn(Owned<T>) -> Element,
    sink: &mut impl Sink,
) -> c_int {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return OSIP_SUCCESS;
    };
    let Some(msg) = msg else {
        return OSIP_BADPARAMETER;
    };
    let Some(mut h) = Owned::<T>::new() else {
        return OSIP_NOMEM;
    };
    let r = parse(&mut h, value);
    if r != OSIP_SUCCESS {
        return r;
    }
    msg.message_property = 2;
    sink.attach(msg, wrap(h));
    OSIP_SUCCESS
}

/// The six headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthHeader {
    Authorization,
    ProxyAuthorization,
    WwwAuthenticate,
    ProxyAuthenticate,
    AuthenticationInfo,
    ProxyAuthenticationInfo,
}

/// `osip_message_set_X(sip, value)` for one of the six, the element going
/// through `sink`.
pub(crate) fn set_in(
    which: AuthHeader,
    msg: Option<&mut osip_message_t>,
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    use AuthHeader as A;
    match which {
        A::Authorization => add(
            msg,
            value,
            authorization::parse,
            Element::Authorization,
            sink,
        ),
        A::ProxyAuthorization => add(
            msg,
            value,
            authorization::parse,
            Element::ProxyAuthorization,
            sink,
        ),
        A::WwwAuthenticate => add(
            msg,
            value,
            www_authenticate::parse,
            Element::WwwAuthenticate,
            sink,
        ),
        A::ProxyAuthenticate => add(
            msg,
            value,
            www_authenticate::parse,
            Element::ProxyAuthenticate,
            sink,
        ),
        A::AuthenticationInfo => add(
            msg,
            value,
            authentication_info::parse,
            Element::AuthenticationInfo,
            sink,
        ),
        A::ProxyAuthenticationInfo => add(
            msg,
            value,
            authentication_info::parse,
            Element::ProxyAuthenticationInfo,
            sink,
        ),
    }
}

/// `osip_message_get_X(sip, pos, &dest)`: `(pos, element)` when `pos` is
/// below the list's size (a negative `pos` gives no element and is
/// returned as is), `(-1, None)` otherwise.
pub fn get<'a, T: CObject>(list: ListRef<'a, T>, pos: c_int) -> (c_int, Option<&'a T>) {
    if list.raw().count() <= pos {
        return (OSIP_UNDEFINED_ERROR, None);
    }
    let element = usize::try_from(pos).ok().and_then(|p| list.get(p));
    (pos, element)
}

/// `osip_message_set_authorization`.
pub fn set_authorization(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    set_in(AuthHeader::Authorization, msg, value, &mut Direct)
}

/// `osip_message_set_proxy_authorization`.
pub fn set_proxy_authorization(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    set_in(AuthHeader::ProxyAuthorization, msg, value, &mut Direct)
}

/// `osip_message_set_www_authenticate`.
pub fn set_www_authenticate(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    set_in(AuthHeader::WwwAuthenticate, msg, value, &mut Direct)
}

/// `osip_message_set_proxy_authenticate`.
pub fn set_proxy_authenticate(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    set_in(AuthHeader::ProxyAuthenticate, msg, value, &mut Direct)
}

/// `osip_message_set_authentication_info`.
pub fn set_authentication_info(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    set_in(AuthHeader::AuthenticationInfo, msg, value, &mut Direct)
}

/// `osip_message_set_proxy_authentication_info`.
pub fn set_proxy_authentication_info(
    msg: Option<&mut osip_message_t>,
    value: Option<&[u8]>,
) -> c_int {
    set_in(AuthHeader::ProxyAuthenticationInfo, msg, value, &mut Direct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_get() {
        let mut m = Owned::<osip_message_t>::new().unwrap();
        assert_eq!(set_authorization(Some(&mut m), Some(b"")), 0);
        assert_eq!(set_authorization(None, None), 0);
        assert_eq!(set_proxy_authorization(None, Some(b"Digest x")), -2);
        assert_eq!(m.message_property, 0);
        assert_eq!(set_authorization(Some(&mut m), Some(b"Digest")), -5);
        assert_eq!(m.authorizations().len(), 0);
        assert_eq!(
            set_authorization(Some(&mut m), Some(b"Digest username=\"u\"")),
            0
        );
        assert_eq!(m.message_property, 2);
        assert_eq!(
            set_www_authenticate(Some(&mut m), Some(b"Digest realm=\"r\"")),
            0
        );
        assert_eq!(
            set_authentication_info(Some(&mut m), Some(b"rspauth=\"r\"")),
            0
        );
        let (rc, a) = get(m.authorizations(), 0);
        assert_eq!(rc, 0);
        assert_eq!(a.unwrap().username().unwrap().to_bytes(), b"\"u\"");
        assert_eq!(get(m.authorizations(), 1).0, -1);
        let (rc, a) = get(m.authorizations(), -3);
        assert!(rc == -3 && a.is_none());
        assert_eq!(get(m.proxy_authorizations(), -1).0, -1);
        assert_eq!(get(m.proxy_authorizations(), 0).0, -1);
        assert_eq!(get(m.www_authenticates(), 0).0, 0);
        assert_eq!(get(m.authentication_infos(), 0).0, 0);
    }
}
