//! The checked views of libosip2's structs: what `#[derive(CObject)]`
//! generates, run on objects made by `Owned::new()` (under Miri too, which
//! checks that every accessor stays in bounds and frees exactly once).

use super::*;
use osip_alloc_hooks as _;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_from_t;

fn text(s: &str) -> Option<OString> {
    Some(OString::new(s.as_bytes()).expect("memory"))
}

#[test]
fn dialog_strings_owned_fields_and_route_set() {
    let mut d = Owned::<osip_dialog_t>::new().expect("memory");
    assert!(d.call_id().is_none());
    d.set_call_id(text("c1@host"));
    d.set_local_tag(text("a"));
    d.set_local_tag(text("b")); // the first string is freed
    assert_eq!(d.call_id(), Some(c"c1@host"));
    assert_eq!(
        d.take_local_tag().as_ref().map(OString::as_bytes),
        Some(&b"b"[..])
    );
    assert!(d.local_tag().is_none());

    let mut to = Owned::<osip_from_t>::new().expect("memory");
    to.set_displayname(text("Bob"));
    d.set_remote_uri(Some(to));
    assert_eq!(d.remote_uri().and_then(|u| u.displayname()), Some(c"Bob"));
    d.remote_uri_mut().expect("set").set_displayname(None);
    assert!(d.take_remote_uri().expect("set").displayname().is_none());

    for host in ["r1", "r2"] {
        let mut rr = Owned::<osip_from_t>::new().expect("memory");
        rr.set_displayname(text(host));
        assert!(d.route_set_mut().push(rr).is_ok());
    }
    let names: Vec<_> = d
        .route_set()
        .iter()
        .map(|r| r.and_then(|r| r.displayname()).map(|n| n.to_owned()))
        .collect();
    assert_eq!(names, [Some(c"r1".to_owned()), Some(c"r2".to_owned())]);
    let first = d
        .route_set_mut()
        .remove(0)
        .expect("in range")
        .expect("element");
    assert_eq!(first.displayname(), Some(c"r1"));
    assert_eq!(d.route_set().len(), 1);
    // Dropping `d` frees the call-id, the remaining route and the list node.
}

#[test]
fn transaction_contexts_are_owned() {
    let mut tr = Owned::<osip_transaction_t>::new().expect("memory");
    assert!(tr.ict_context().is_none());
    let mut ict = Owned::<osip_ict_t>::new().expect("memory");
    ict.set_destination(text("10.0.0.1"));
    ict.port = 5060;
    tr.set_ict_context(Some(ict));
    let ctx = tr.ict_context_mut().expect("set");
    assert_eq!(ctx.destination(), Some(c"10.0.0.1"));
    ctx.set_destination(text("10.0.0.2"));
    tr.set_nist_context(Owned::new());
    tr.set_nist_context(None); // frees the context
    assert!(tr.nist_context().is_none());
    let ict = tr.take_ict_context().expect("set");
    assert_eq!((ict.destination(), ict.port), (Some(c"10.0.0.2"), 5060));
    tr.set_ict_context(Some(ict));
    // Dropping `tr` frees the context and its destination.
}
