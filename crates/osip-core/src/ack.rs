//! The ACK an INVITE client transaction sends for a non-2xx final response
//! (RFC 3261 section 17.1.1.3): dialog identifiers from the response,
//! routing from the original INVITE.

use crate::host::Parser;
use crate::msg::top_via;
use libc::c_int;
use osip_abi::codes::{OSIP_BADPARAMETER, OSIP_NOMEM};
use osip_cmem::{CObject, ListMut, ListRef, OString, Owned};
use osip_parser_abi::osip_message_t;

/// The ACK of `invite` for `response`; None if either is missing, a piece
/// cannot be copied, or when out of memory.
pub fn create(
    parser: &dyn Parser,
    invite: Option<&osip_message_t>,
    response: Option<&osip_message_t>,
) -> Option<Owned<osip_message_t>> {
    let (invite, response) = (invite?, response?);
    let mut ack = parser.new_message().ok()?;
    fill(parser, &mut ack, invite, response).ok()?;
    Some(ack)
}

/// A copy of a header the ACK needs (-2 if it is missing).
fn copy<T: CObject>(
    h: Option<&T>,
    clone: impl FnOnce(&T) -> Result<Owned<T>, c_int>,
) -> Result<Owned<T>, c_int> {
    clone(h.ok_or(OSIP_BADPARAMETER)?)
}

/// Appends a copy of every element of `src` to `dst`, in order (-2 for a
/// NULL element, as `osip_list_clone` would get from the copy function).
fn copy_all<T: CObject>(
    src: ListRef<'_, T>,
    mut dst: ListMut<'_, T>,
    clone: impl Fn(&T) -> Result<Owned<T>, c_int>,
) -> Result<(), c_int> {
    for element in src.iter() {
        // An element no node can be allocated for is dropped, as
        // `osip_list_clone` drops it.
        let _ = dst.push(copy(element, &clone)?);
    }
    Ok(())
}

/// Fills `ack`; on error the caller frees the partial message.
fn fill(
    parser: &dyn Parser,
    ack: &mut osip_message_t,
    invite: &osip_message_t,
    response: &osip_message_t,
) -> Result<(), c_int> {
    ack.set_from(Some(copy(response.from(), |h| {
        parser.clone_name_addr(Some(h))
    })?));
    ack.set_to(Some(copy(response.to(), |h| parser.clone_to(h))?));
    ack.set_call_id(Some(copy(response.call_id(), |h| parser.clone_call_id(h))?));
    let mut cseq = copy(response.cseq(), |h| parser.clone_cseq(h))?;
    cseq.set_method(None);
    cseq.set_method(Some(OString::new(b"ACK").ok_or(OSIP_NOMEM)?));
    ack.set_cseq(Some(cseq));

    ack.set_sip_method(Some(request_line_method()?));
    let version = invite.sip_version().ok_or(OSIP_BADPARAMETER)?;
    ack.set_sip_version(Some(OString::new(version.to_bytes()).ok_or(OSIP_NOMEM)?));
    ack.status_code = 0;
    ack.set_reason_phrase(None);
    ack.set_req_uri(Some(copy(invite.req_uri(), |u| parser.clone_uri(u))?));

    let via = copy(top_via(invite), |v| parser.clone_via(v))?;
    let _ = ack.vias_mut().push(via);
    copy_all(invite.routes(), ack.routes_mut(), |r| {
        parser.clone_name_addr(Some(r))
    })?;

    // Credentials were for the INVITE; a challenge means they failed.
    if !matches!(response.status_code, 401 | 407) {
        let clone = |a: &_| parser.clone_authorization(a);
        copy_all(invite.authorizations(), ack.authorizations_mut(), clone)?;
        copy_all(
            invite.proxy_authorizations(),
            ack.proxy_authorizations_mut(),
            clone,
        )?;
    }
    Ok(())
}

/// "ACK" in a 5-byte block, as libosip2 allocates the request line's
/// method: an application may write a four-letter method over it.
fn request_line_method() -> Result<OString, c_int> {
    let mut method = OString::new(b"ACKK").ok_or(OSIP_NOMEM)?;
    method.keep(0..3);
    Ok(method)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{name_addr, request, response, FakeParser};
    use osip_parser_abi::osip_authorization_t;

    fn invite() -> Owned<osip_message_t> {
        let mut invite = request("INVITE", "UDP");
        let _ = invite.routes_mut().push(name_addr("proxy.example", None));
        let auth = Owned::<osip_authorization_t>::new().unwrap();
        let _ = invite.proxy_authorizations_mut().push(auth);
        invite
    }

    #[test]
    fn the_ack_takes_the_dialog_from_the_response_and_the_route_from_the_invite() {
        let lib = FakeParser::default();
        let invite = invite();
        let ack = create(&lib, Some(&invite), Some(&response(486, "INVITE", "UDP"))).unwrap();
        assert_eq!(ack.sip_method().unwrap().to_bytes(), b"ACK");
        assert_eq!(ack.cseq().unwrap().number().unwrap().to_bytes(), b"1");
        assert_eq!(ack.cseq().unwrap().method().unwrap().to_bytes(), b"ACK");
        assert_eq!(ack.sip_version().unwrap().to_bytes(), b"SIP/2.0");
        assert_eq!((ack.routes().len(), ack.vias().len()), (1, 1));
        assert_eq!(ack.proxy_authorizations().len(), 1);
        // A challenge: the credentials failed.
        let ack = create(&lib, Some(&invite), Some(&response(407, "INVITE", "UDP"))).unwrap();
        assert!(ack.proxy_authorizations().is_empty());
    }

    #[test]
    fn no_ack_without_its_pieces() {
        let lib = FakeParser::default();
        let mut invite = invite();
        let busy = response(486, "INVITE", "UDP");
        assert!(create(&lib, None, Some(&busy)).is_none());
        assert!(create(&lib, Some(&invite), None).is_none());
        invite.vias_mut().clear();
        assert!(create(&lib, Some(&invite), Some(&busy)).is_none());
    }
}
