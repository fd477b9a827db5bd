//! The checked views of the parser's structs: what `#[derive(CObject)]`
//! generates, run on objects made by `Owned::new()` (under Miri too, which
//! checks that every accessor stays in bounds and frees exactly once).

use super::*;
use osip_cmem::{OString, Owned};

fn text(s: &str) -> Option<OString> {
    Some(OString::new(s.as_bytes()).expect("memory"))
}

fn param(name: &str, value: Option<&str>) -> Owned<osip_generic_param_t> {
    let mut p = Owned::<osip_generic_param_t>::new().expect("memory");
    p.set_gname(text(name));
    p.set_gvalue(value.and_then(text));
    p
}

#[test]
fn from_header_fields_and_parameters() {
    let mut from = Owned::<osip_from_t>::new().expect("memory");
    from.set_displayname(text("Alice"));
    assert_eq!(from.displayname(), Some(c"Alice"));
    assert!(from.url().is_none());
    from.set_url(Owned::new());
    assert!(from.url().is_some());

    assert!(from.gen_params_mut().push(param("tag", Some("1"))).is_ok());
    assert!(from.gen_params_mut().push(param("lr", None)).is_ok());
    let params = from.gen_params();
    assert_eq!(params.len(), 2);
    let tag = params.get(0).expect("first");
    assert_eq!((tag.gname(), tag.gvalue()), (Some(c"tag"), Some(c"1")));
    assert!(params.get(1).expect("second").gvalue().is_none());
    assert!(params.get(2).is_none());

    let lr = from
        .gen_params_mut()
        .remove(1)
        .expect("in range")
        .expect("element");
    assert_eq!(lr.gname(), Some(c"lr"));
    assert!(from.gen_params_mut().remove(5).is_err());
    if let Some(tag) = from.gen_params_mut().get_mut(0) {
        tag.set_gvalue(text("2"));
    }
    assert_eq!(
        from.gen_params().get(0).and_then(|p| p.gvalue()),
        Some(c"2")
    );
    let name = from.take_displayname().expect("set");
    assert_eq!(name.as_bytes(), b"Alice");
    // Dropping `from` frees the URL, the parameter left and the list node.
}
