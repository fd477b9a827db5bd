//! The typed header accessors of `osip_message_t` (`osip_message_set_X`,
//! `osip_message_get_X` in each header's C file).
//!
//! A setter parses the value into a new element and attaches it: appended
//! to the header's list, or stored in the header's single slot. They take
//! the value as one header (no comma splitting: that is the message
//! parser's business). Their rules, as Debian has them:
//!
//! - a NULL or empty value is 0 with nothing done, except for Accept (an
//!   empty Accept element is appended) and `append_via` (whose parse then
//!   fails);
//! - a single slot already filled is -5 (-2 for CSeq and Content-Type; the
//!   Content-Type check comes even before the value's);
//! - list setters set `message_property` to 2 only on success; single-slot
//!   setters set it before parsing, so a failed parse still marks the
//!   message changed;
//! - a failed parse frees the new element and returns the parser's code.
//!
//! List getters return the element at `pos` and `pos`, or -1 when `pos` is
//! not below the number of elements (a negative `pos` gives no element and
//! `pos`).

use super::lists::{Direct, Element, Sink};
use super::PROPERTY_CHANGED;
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::headers::{
    accept_encoding, call_id, call_info, content_length, content_type, cseq, from, via,
};
use crate::params;
use libc::c_int;
use osip_cmem::{CObject, ListRef, OString, Owned};
use osip_parser_abi::{osip_message_t, osip_via_t};

/// A parser of one header type.
type Parser<T> = fn(&mut T, &[u8]) -> c_int;

/// The list headers with a setter and a getter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListHeader {
    Accept,
    AcceptEncoding,
    AcceptLanguage,
    AlertInfo,
    Allow,
    CallInfo,
    Contact,
    ContentEncoding,
    ErrorInfo,
    RecordRoute,
    Route,
    Via,
}

/// The single-slot headers with a setter and a getter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SingleHeader {
    CallId,
    ContentLength,
    ContentType,
    Cseq,
    From,
    MimeVersion,
    To,
}

/// Parses `value` into a new `T` and hands it to `sink` for its list of
/// `msg` (`wrap` names the list). The value is parsed before the message is
/// looked at: a NULL message (where Debian dereferences NULL) only fails,
/// with -2, once the value parsed.
fn add<T: CObject>(
    msg: Option<&mut osip_message_t>,
    wrap: fn(Owned<T>) -> Element,
    value: &[u8],
    parse: Parser<T>,
    sink: &mut impl Sink,
) -> c_int {
    let Some(mut element) = Owned::<T>::new() else {
        return OSIP_NOMEM;
    };
    let r = parse(&mut element, value);
    if r != OSIP_SUCCESS {
        return r;
    }
    let Some(msg) = msg else {
        return OSIP_BADPARAMETER;
    };
    msg.message_property = PROPERTY_CHANGED;
    sink.attach(msg, wrap(element));
    OSIP_SUCCESS
}

/// `osip_message_set_X(msg, value)` for a list header X. `msg` is None for
/// a NULL message: a value that is ignored or does not parse gives what it
/// gives with a message (Debian looks at the message only after that).
pub fn set_list(
    msg: Option<&mut osip_message_t>,
    which: ListHeader,
    value: Option<&[u8]>,
) -> c_int {
    set_list_in(msg, which, value, &mut Direct)
}

/// [`set_list`], the element going through `sink`.
pub(crate) fn set_list_in(
    msg: Option<&mut osip_message_t>,
    which: ListHeader,
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    use ListHeader as H;
    let value = match (which, value) {
        (H::Accept, v) => v.unwrap_or_default(),
        (_, None | Some([])) => return OSIP_SUCCESS,
        (_, Some(v)) => v,
    };
    match which {
        H::Accept => add(msg, Element::Accept, value, content_type::parse, sink),
        H::AcceptEncoding => add(
            msg,
            Element::AcceptEncoding,
            value,
            accept_encoding::parse,
            sink,
        ),
        H::AcceptLanguage => add(
            msg,
            Element::AcceptLanguage,
            value,
            accept_encoding::parse,
            sink,
        ),
        H::AlertInfo => add(msg, Element::AlertInfo, value, call_info::parse, sink),
        H::Allow => add(msg, Element::Allow, value, content_length::parse, sink),
        H::CallInfo => add(msg, Element::CallInfo, value, call_info::parse, sink),
        H::Contact => add(msg, Element::Contact, value, from::parse_contact, sink),
        H::ContentEncoding => add(
            msg,
            Element::ContentEncoding,
            value,
            content_length::parse,
            sink,
        ),
        H::ErrorInfo => add(msg, Element::ErrorInfo, value, call_info::parse, sink),
        H::RecordRoute => add(msg, Element::RecordRoute, value, from::parse, sink),
        H::Route => add(msg, Element::Route, value, from::parse, sink),
        H::Via => add(msg, Element::Via, value, via::parse, sink),
    }
}

/// `osip_message_append_via(msg, value)`: the Via goes first (a NULL value
/// is -2, an empty one -5: the Via parser's codes).
pub fn append_via(msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    let Some(value) = value else {
        return OSIP_BADPARAMETER;
    };
    let Some(mut element) = Owned::<osip_via_t>::new() else {
        return OSIP_NOMEM;
    };
    let r = via::parse(&mut element, value);
    if r != OSIP_SUCCESS {
        return r;
    }
    let Some(msg) = msg else {
        return OSIP_BADPARAMETER;
    };
    msg.message_property = PROPERTY_CHANGED;
    // A node that cannot be allocated loses the element; the call still
    // succeeds, as in the library (which leaks it).
    let _ = msg.vias_mut().add(element, 0);
    OSIP_SUCCESS
}

/// The element at `pos` of a list and `pos`, or -1 (see the module).
pub fn get_at<'a, T: CObject>(list: ListRef<'a, T>, pos: c_int) -> (c_int, Option<&'a T>) {
    if list.raw().count() <= pos {
        return (crate::code::OSIP_UNDEFINED_ERROR, None);
    }
    (pos, usize::try_from(pos).ok().and_then(|i| list.get(i)))
}

/// Parses `value` into a new `T` for a single slot: the message is marked
/// changed first; on success the element is returned, to be stored.
fn parse_single<T: CObject>(
    msg: &mut osip_message_t,
    value: &[u8],
    parse: Parser<T>,
) -> Result<Owned<T>, c_int> {
    let mut element = Owned::<T>::new().ok_or(OSIP_NOMEM)?;
    msg.message_property = PROPERTY_CHANGED;
    match parse(&mut element, value) {
        OSIP_SUCCESS => Ok(element),
        e => Err(e),
    }
}

/// `osip_message_set_X(msg, value)` for a single-slot header X. `msg` is
/// None for a NULL message: an ignored value still gives 0 (Debian looks at
/// the message only after that; for Content-Type it looks first: -2).
pub fn set_single(
    msg: Option<&mut osip_message_t>,
    which: SingleHeader,
    value: Option<&[u8]>,
) -> c_int {
    use SingleHeader as H;
    let Some(msg) = msg else {
        return match value {
            Some(v) if !v.is_empty() || which == H::ContentType => OSIP_BADPARAMETER,
            _ if which == H::ContentType => OSIP_BADPARAMETER,
            _ => OSIP_SUCCESS,
        };
    };
    if which == H::ContentType && msg.content_type().is_some() {
        return OSIP_BADPARAMETER;
    }
    let value = match value {
        Some(v) if !v.is_empty() => v,
        _ => return OSIP_SUCCESS,
    };
    let taken = match which {
        H::CallId => msg.call_id().is_some(),
        H::ContentLength => msg.content_length().is_some(),
        H::ContentType => false,
        H::Cseq => msg.cseq().is_some(),
        H::From => msg.from().is_some(),
        H::MimeVersion => msg.mime_version().is_some(),
        H::To => msg.to().is_some(),
    };
    if taken {
        return if which == H::Cseq {
            OSIP_BADPARAMETER
        } else {
            OSIP_SYNTAXERROR
        };
    }
    let r =
        match which {
            H::CallId => parse_single(msg, value, call_id::parse).map(|e| msg.set_call_id(Some(e))),
            H::ContentLength => parse_single(msg, value, content_length::parse)
                .map(|e| msg.set_content_length(Some(e))),
            H::ContentType => {
                parse_single(msg, value, content_type::parse).map(|e| msg.set_content_type(Some(e)))
            }
            H::Cseq => parse_single(msg, value, cseq::parse).map(|e| msg.set_cseq(Some(e))),
            H::From => parse_single(msg, value, from::parse).map(|e| msg.set_from(Some(e))),
            H::MimeVersion => parse_single(msg, value, content_length::parse)
                .map(|e| msg.set_mime_version(Some(e))),
            H::To => parse_single(msg, value, from::parse).map(|e| msg.set_to(Some(e))),
        };
    match r {
        Ok(()) => OSIP_SUCCESS,
        Err(e) => e,
    }
}

/// `osip_message_fix_last_via_header(msg, ip, port)`, for a request just
/// received from `ip`:`port`: in the top Via, a valueless `rport` gets the
/// port (as `%i`, 7 characters at most) and, when `ip` differs from the
/// Via's host (`strcmp`), a `received=ip` parameter is appended (after any
/// existing one). A response is left alone (0); -2 without a top Via with a
/// host, or without `ip` (where Debian dereferences NULL).
pub fn fix_last_via_header(msg: &mut osip_message_t, ip: Option<&[u8]>, port: c_int) -> c_int {
    if msg.status_code != 0 {
        return OSIP_SUCCESS;
    }
    let mut vias = msg.vias_mut();
    let Some(via) = vias.get_mut(0) else {
        return OSIP_BADPARAMETER;
    };
    fix_via(via, ip, port)
}

fn fix_via(via: &mut osip_via_t, ip: Option<&[u8]>, port: c_int) -> c_int {
    if via.host().is_none() {
        return OSIP_BADPARAMETER;
    }
    let mut via_params = via.via_params_mut();
    let rport = via_params.iter_mut().map_while(|p| p).find(|p| {
        p.gname()
            .is_some_and(|n| n.to_bytes().eq_ignore_ascii_case(b"rport"))
    });
    if let Some(rport) = rport {
        if rport.gvalue().is_none() {
            let text = port.to_string();
            let text = &text.as_bytes()[..text.len().min(7)];
            match OString::new(text) {
                Some(v) => rport.set_gvalue(Some(v)),
                None => return OSIP_NOMEM,
            }
        }
    }
    let Some(ip) = ip else {
        return OSIP_BADPARAMETER;
    };
    if via.host().is_some_and(|h| h.to_bytes() == ip) {
        return OSIP_SUCCESS;
    }
    // `osip_via_set_received`: the name and the copy of `ip` are added as
    // they come (a copy that cannot be made leaves the value NULL).
    if let Some(name) = OString::new(b"received") {
        let _ = params::add(&mut via.via_params_mut(), name, OString::new(ip));
    }
    OSIP_SUCCESS
}
