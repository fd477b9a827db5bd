//! The message's generic headers (`osip_header.c`): the headers the parser
//! does not know, as name and value, and the getter of any header list.
//!
//! The setters store copies of the name and value trimmed of SP/HT/CR/LF
//! (a NULL value stays NULL), keep the name's case, and mark the message
//! changed. Lookups by name compare ASCII case-insensitively with the name
//! as given (not trimmed).

use super::lists::{Direct, Element, Sink};
use super::PROPERTY_CHANGED;
use crate::code::{OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::port::text::clean_copy;
use libc::c_int;
use osip_cmem::Owned;
use osip_parser_abi::{osip_header_t, osip_list_t, osip_message_t};

/// A new header of `name` and `value`, both trimmed.
fn make(name: &[u8], value: Option<&[u8]>) -> Result<Owned<osip_header_t>, c_int> {
    let mut h = Owned::<osip_header_t>::new().ok_or(OSIP_NOMEM)?;
    h.set_hname(Some(clean_copy(name).ok_or(OSIP_NOMEM)?));
    if let Some(v) = value {
        h.set_hvalue(Some(clean_copy(v).ok_or(OSIP_NOMEM)?));
    }
    Ok(h)
}

/// Adds `h` at `pos` of the generic headers and marks the message changed.
/// A node that cannot be allocated loses the header (the library leaks
/// it); the call still succeeds.
fn put(msg: &mut osip_message_t, h: Owned<osip_header_t>, pos: c_int) -> c_int {
    msg.message_property = PROPERTY_CHANGED;
    let _ = msg.headers_mut().add(h, pos);
    OSIP_SUCCESS
}

/// `osip_message_set_header(msg, name, value)`: appends the header.
pub fn set_header(msg: &mut osip_message_t, name: &[u8], value: Option<&[u8]>) -> c_int {
    set_header_in(msg, name, value, &mut Direct)
}

/// [`set_header`], the header going through `sink`.
pub(crate) fn set_header_in(
    msg: &mut osip_message_t,
    name: &[u8],
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    match make(name, value) {
        Ok(h) => {
            msg.message_property = PROPERTY_CHANGED;
            sink.attach(msg, Element::Header(h));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `osip_message_set_topheader(msg, name, value)`: inserts the header first.
pub fn set_topheader(msg: &mut osip_message_t, name: &[u8], value: Option<&[u8]>) -> c_int {
    match make(name, value) {
        Ok(h) => put(msg, h, 0),
        Err(e) => e,
    }
}

/// `osip_message_replace_header(msg, name, value)`: removes the first
/// header named `name` (if any) and appends the new one.
pub fn replace_header(msg: &mut osip_message_t, name: &[u8], value: Option<&[u8]>) -> c_int {
    let old = header_get_byname(msg, name, 0).0;
    let h = match make(name, value) {
        Ok(h) => h,
        Err(e) => return e,
    };
    if old != OSIP_UNDEFINED_ERROR {
        drop(msg.headers_mut().remove(old));
    }
    put(msg, h, -1)
}

/// `osip_message_header_get_byname(msg, name, pos, &dest)`: the first
/// generic header at or after `pos` whose name equals `name` (ASCII
/// case-insensitively) and its index, or -1. A NULL element, or one without
/// a name (where Debian dereferences NULL), does not match; so does nothing
/// before index 0.
pub fn header_get_byname<'a>(
    msg: &'a osip_message_t,
    name: &[u8],
    pos: c_int,
) -> (c_int, Option<&'a osip_header_t>) {
    let list = msg.headers();
    if list.raw().count() <= pos {
        return (OSIP_UNDEFINED_ERROR, None);
    }
    let from = usize::try_from(pos).unwrap_or(0);
    let found = list.iter().enumerate().skip(from).find_map(|(i, h)| {
        let h = h?;
        let n = h.hname()?.to_bytes();
        (n.len() == name.len() && n.eq_ignore_ascii_case(name)).then_some((i, h))
    });
    match found {
        Some((i, h)) => (i as c_int, Some(h)),
        None => (OSIP_UNDEFINED_ERROR, None),
    }
}

/// `osip_message_get_header(msg, pos, &dest)`: the generic header at `pos`
/// and `pos`, or -1 when `pos` is not below their number.
pub fn get_header(msg: &osip_message_t, pos: c_int) -> (c_int, Option<&osip_header_t>) {
    super::headers::get_at(msg.headers(), pos)
}

/// `osip_message_get_knownheaderlist(list, pos, &dest)`: the element at
/// `pos` of any list and `pos`, or -1 when `pos` is not below its size (a
/// NULL list has size -2, as `osip_list_size` says).
pub fn get_knownheaderlist(list: Option<&osip_list_t>, pos: c_int) -> (c_int, *mut libc::c_void) {
    let size = list.map_or(crate::code::OSIP_BADPARAMETER, osip_list_t::count);
    if size <= pos {
        return (OSIP_UNDEFINED_ERROR, std::ptr::null_mut());
    }
    (pos, list.map_or(std::ptr::null_mut(), |l| l.get_raw(pos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &osip_message_t) -> Vec<(Vec<u8>, Option<Vec<u8>>)> {
        m.headers()
            .iter()
            .map(|h| {
                let h = h.unwrap();
                (
                    h.hname().unwrap().to_bytes().to_vec(),
                    h.hvalue().map(|v| v.to_bytes().to_vec()),
                )
            })
            .collect()
    }

    #[test]
    fn set_replace_get() {
        let mut m = super::super::new().unwrap();
        assert_eq!(set_header(&mut m, b" X-A ", Some(b" 1 ")), 0);
        assert_eq!(m.message_property, 2);
        assert_eq!(set_header(&mut m, b"X-B", None), 0);
        assert_eq!(set_topheader(&mut m, b"X-C", Some(b"3")), 0);
        assert_eq!(
            names(&m),
            [
                (b"X-C".to_vec(), Some(b"3".to_vec())),
                (b"X-A".to_vec(), Some(b"1".to_vec())),
                (b"X-B".to_vec(), None)
            ]
        );
        assert_eq!(header_get_byname(&m, b"x-a", 0).0, 1);
        assert_eq!(header_get_byname(&m, b"x-a", 2).0, -1);
        assert_eq!(header_get_byname(&m, b"x-a", 3).0, -1);
        assert_eq!(header_get_byname(&m, b" X-A ", 0).0, -1, "not trimmed");
        assert_eq!(header_get_byname(&m, b"x-c", -4).0, 0);
        assert_eq!(replace_header(&mut m, b"x-c", Some(b"new")), 0);
        assert_eq!(names(&m)[2], (b"x-c".to_vec(), Some(b"new".to_vec())));
        assert_eq!(m.headers().len(), 3);
        assert_eq!(get_header(&m, 2).0, 2);
        assert_eq!(get_header(&m, 3).0, -1);
        assert_eq!(get_knownheaderlist(None, 0).0, -1);
        assert_eq!(get_knownheaderlist(None, -3).0, -3);
        assert_eq!(get_knownheaderlist(Some(&m.headers), 1).0, 1);
        assert!(!get_knownheaderlist(Some(&m.headers), 1).1.is_null());
    }
}
