//! Dialogs as libosip2 keeps them (RFC 3261 section 12): building one from
//! the messages that establish it, refreshing its target and route set,
//! and deciding whether an in-dialog message belongs to it. The rules
//! themselves (route-set order, confirmation, tag checks) are plain
//! functions over plain data; the operations apply them to the C structs
//! through their views, with the parser the process loaded.
//!
//! Every string and header a dialog holds is a block of the osip
//! allocator: applications swap them for their own copies and free them
//! with `osip_free` and the parser's free functions.

use crate::host::{Parser, Trace};
use crate::msg;
use libc::c_int;
use osip_abi::codes::{
    OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR,
    OSIP_WRONG_STATE,
};
use osip_abi::{_osip_dialog_type_t, _state_t, osip_dialog_t, state_t};
use osip_cmem::{ListMut, OString, Owned};
use osip_parser_abi::defines::{_trace_level, OSIP_ERROR, OSIP_WARNING};
use osip_parser_abi::{osip_cseq_t, osip_from_t, osip_message_t};
use std::ffi::CStr;

/// Where each Record-Route of a message goes in a new route set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteOrder {
    /// Each entry is prepended: a UAC reverses the Record-Routes it received.
    Reversed,
    /// Each entry is appended: a UAS keeps the order of the message.
    AsReceived,
}

impl RouteOrder {
    /// libosip2 decides by whether the dialog is built with a request in
    /// hand (UAS, or UAC from a remote request) or from a response alone.
    pub fn for_dialog(has_request: bool) -> RouteOrder {
        if has_request {
            RouteOrder::AsReceived
        } else {
            RouteOrder::Reversed
        }
    }

    /// The position argument of `osip_list_add`.
    pub fn list_position(self) -> i32 {
        match self {
            RouteOrder::Reversed => 0,
            RouteOrder::AsReceived => -1,
        }
    }
}

/// A 2xx confirms a dialog; anything else (1xx, or a request's status 0)
/// leaves it early.
pub fn confirms(status: i32) -> bool {
    (200..300).contains(&status)
}

/// A `tag` parameter as found in a From or To header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    Absent,
    /// `;tag` without a value.
    Valueless,
    Value(&'a [u8]),
}

impl<'a> Tag<'a> {
    pub fn from_param(param: Option<Option<&'a [u8]>>) -> Tag<'a> {
        match param {
            None => Tag::Absent,
            Some(None) => Tag::Valueless,
            Some(Some(v)) => Tag::Value(v),
        }
    }
}

/// What a tag comparison decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagCheck {
    /// The tags agree: go on (local tag) or the message matches (remote tag).
    Agree,
    /// The message does not belong to the dialog (-1).
    Mismatch,
    /// A tag that must exist is missing (-5).
    Missing,
    /// Tags cannot decide (an RFC 2543 peer): compare the From and To URIs.
    /// `warn`: the message has a tag the dialog never learnt, which
    /// libosip2 reports as a non-compliant peer.
    CompareUris { warn: bool },
}

/// The local tag of a response matched as UAC (its From tag): both it and
/// the dialog's tag are required.
pub fn local_tag_check(msg: Tag<'_>, dialog: Option<&[u8]>) -> TagCheck {
    match (msg, dialog) {
        (Tag::Absent, _) | (_, None) => TagCheck::Missing,
        (msg, Some(d)) => compare(msg, d),
    }
}

/// The remote tag of a message (To tag of a response, From tag of a
/// request) against the dialog's remote tag.
pub fn remote_tag_check(msg: Tag<'_>, dialog: Option<&[u8]>) -> TagCheck {
    match (msg, dialog) {
        (Tag::Absent, Some(_)) => TagCheck::Missing,
        (Tag::Absent, None) => TagCheck::CompareUris { warn: false },
        (_, None) => TagCheck::CompareUris { warn: true },
        (msg, Some(d)) => compare(msg, d),
    }
}

/// A present message tag against the dialog's tag. libosip2 crashes
/// comparing a valueless tag: it cannot match.
fn compare(msg: Tag<'_>, dialog: &[u8]) -> TagCheck {
    match msg {
        Tag::Value(m) if m == dialog => TagCheck::Agree,
        _ => TagCheck::Mismatch,
    }
}

/// The file libosip2's traces name.
const FILE: &CStr = c"osip_dialog.c";

/// A line of libosip2's dialog log, at its `line` there. The text is the
/// format, as libosip2 passes it (the C layer keeps a `%` in it from
/// reading an argument that is not there).
fn log(p: &impl Parser, line: c_int, level: _trace_level, text: &'static CStr) {
    p.trace(&Trace {
        file: FILE,
        line,
        level: level as c_int,
        format: text,
        args: &[],
    });
}

/// A copy of a string, as `osip_strdup` makes it (None when out of memory).
fn copy(s: &CStr) -> Option<OString> {
    OString::new(s.to_bytes())
}

/// A CSeq's number as `osip_atoi` reads it (-1 without one).
fn number(p: &impl Parser, cseq: &osip_cseq_t) -> c_int {
    cseq.number().map_or(OSIP_UNDEFINED_ERROR, |n| p.atoi(n))
}

/// The `tag` parameter of a From or To header.
fn tag_of(h: &osip_from_t) -> Tag<'_> {
    Tag::from_param(msg::param(h.gen_params(), b"tag").map(|p| p.gvalue().map(CStr::to_bytes)))
}

/// The first Contact of `m`: None when there is no message or it has no
/// Contact, else the element as stored (None for a NULL element, which the
/// clone then rejects, as in libosip2).
fn first_contact(m: Option<&osip_message_t>) -> Option<Option<&osip_from_t>> {
    let contacts = m?.contacts();
    if contacts.is_empty() {
        return None;
    }
    Some(contacts.get(0))
}

/// Adds a copy of each Record-Route of `m` to `routes`, placed by `order`;
/// the first failed clone stops the copy and gives its code. A copy no list
/// node can be allocated for is lost (libosip2 leaks it).
fn copy_record_routes(
    p: &impl Parser,
    mut routes: ListMut<'_, osip_from_t>,
    m: &osip_message_t,
    order: RouteOrder,
) -> Result<(), c_int> {
    for rr in m.record_routes().iter() {
        let _ = routes.add(p.clone_name_addr(rr)?, order.list_position());
    }
    Ok(())
}

/// Which messages and headers a new dialog is built from.
struct Origin<'m> {
    /// The request whose request-URI may carry `line`; whether there is
    /// one also decides the route-set order.
    request: Option<&'m osip_message_t>,
    /// Gives the state, Call-ID, Record-Routes and local CSeq.
    response: &'m osip_message_t,
    local: Option<&'m osip_from_t>,
    remote: Option<&'m osip_from_t>,
    /// Gives the remote target (its first Contact).
    remote_msg: Option<&'m osip_message_t>,
}

impl<'m> Origin<'m> {
    /// The answer to a request we sent: we are its From, the peer its To
    /// and its Contact.
    fn answer(response: &'m osip_message_t) -> Origin<'m> {
        Origin {
            request: None,
            response,
            local: response.from(),
            remote: response.to(),
            remote_msg: Some(response),
        }
    }

    /// A request the peer sent (None: a peer without Contact) and the
    /// message that gives the rest: we are its To, the peer its From.
    fn peer_request(
        request: Option<&'m osip_message_t>,
        response: &'m osip_message_t,
    ) -> Origin<'m> {
        Origin {
            request,
            response,
            local: response.to(),
            remote: response.from(),
            remote_msg: request,
        }
    }
}

/// Why building a dialog stopped: the code to return and the line of
/// libosip2's error trace.
struct Failure {
    line: c_int,
    code: c_int,
}

/// A step of [`fill`] that gives the parser's code on failure.
fn at<T>(line: c_int, r: Result<T, c_int>) -> Result<T, Failure> {
    r.map_err(|code| Failure { line, code })
}

/// Fills a zeroed dialog from `o`.
fn fill(
    p: &impl Parser,
    d: &mut osip_dialog_t,
    o: &Origin<'_>,
    cseq: &osip_cseq_t,
    local: &osip_from_t,
    remote: &osip_from_t,
) -> Result<(), Failure> {
    d.state = if confirms(o.response.status_code) {
        _state_t::DIALOG_CONFIRMED
    } else {
        _state_t::DIALOG_EARLY
    } as state_t;
    d.set_call_id(Some(at(349, p.call_id_to_str(o.response.call_id()))?));

    let Some(local_tag) = msg::param(local.gen_params(), b"tag") else {
        return Err(Failure {
            line: 358,
            code: OSIP_UNDEFINED_ERROR,
        });
    };
    d.set_local_tag(local_tag.gvalue().and_then(copy));
    if let Some(remote_tag) = msg::param(remote.gen_params(), b"tag") {
        d.set_remote_tag(remote_tag.gvalue().and_then(copy));
    }
    let line = o
        .request
        .and_then(|r| r.req_uri())
        .and_then(|uri| msg::param_value(uri.url_params(), b"line"));
    if let Some(line) = line {
        d.set_line_param(copy(line));
    }

    let order = RouteOrder::for_dialog(o.request.is_some());
    at(
        393,
        copy_record_routes(p, d.route_set_mut(), o.response, order),
    )?;
    d.local_cseq = number(p, cseq);
    d.set_remote_uri(Some(at(415, p.clone_name_addr(Some(remote)))?));
    d.set_local_uri(Some(at(424, p.clone_name_addr(Some(local)))?));

    match first_contact(o.remote_msg) {
        // A UAS dialog built without the INVITE: a peer without Contact.
        None => log(
            p,
            446,
            OSIP_WARNING,
            c"Remote UA is not compliant: missing a contact in remote message!\n",
        ),
        Some(contact) => {
            d.set_remote_contact_uri(Some(at(438, p.clone_name_addr(contact))?));
        }
    }
    d.secure = -1;
    Ok(())
}

/// The part the three constructors share: a new dialog from `o`, or the
/// code to return (after libosip2's error trace).
fn establish(p: &impl Parser, o: &Origin<'_>) -> Result<Owned<osip_dialog_t>, c_int> {
    let (Some(cseq), Some(local), Some(remote)) = (o.response.cseq(), o.local, o.remote) else {
        return Err(OSIP_SYNTAXERROR);
    };
    let mut d = Owned::<osip_dialog_t>::new().ok_or(OSIP_NOMEM)?;
    match fill(p, &mut d, o, cseq, local, remote) {
        Ok(()) => Ok(d),
        Err(Failure { line, code }) => {
            log(p, line, OSIP_ERROR, c"Could not establish dialog!\n");
            Err(code)
        }
    }
}

/// `osip_dialog_init_as_uac`: a CALLER dialog from a response to our
/// request (a 1xx with a To tag, or a 2xx). Local tag from From
/// (required), remote tag from To (optional), route set the response's
/// Record-Routes reversed, remote target its Contact.
pub fn init_as_uac(
    p: &impl Parser,
    response: Option<&osip_message_t>,
) -> Result<Owned<osip_dialog_t>, c_int> {
    let response = response.ok_or(OSIP_BADPARAMETER)?;
    let mut d = establish(p, &Origin::answer(response))?;
    d.type_ = _osip_dialog_type_t::CALLER as c_int;
    d.remote_cseq = -1;
    Ok(d)
}

/// `osip_dialog_init_as_uac_with_remote_request`: a confirmed CALLER dialog
/// from a request the peer sent inside a dialog we have not seen
/// established yet (a NOTIFY before the answer to our SUBSCRIBE); its To
/// carries our tag.
pub fn init_as_uac_with_remote_request(
    p: &impl Parser,
    next_request: Option<&osip_message_t>,
    local_cseq: c_int,
) -> Result<Owned<osip_dialog_t>, c_int> {
    let request = next_request.ok_or(OSIP_BADPARAMETER)?;
    let cseq = request.cseq().ok_or(OSIP_BADPARAMETER)?;
    let mut d = establish(p, &Origin::peer_request(Some(request), request))?;
    d.type_ = _osip_dialog_type_t::CALLER as c_int;
    d.state = _state_t::DIALOG_CONFIRMED as state_t;
    d.local_cseq = local_cseq;
    d.remote_cseq = number(p, cseq);
    Ok(d)
}

/// `osip_dialog_init_as_uas`: a CALLEE dialog from a received INVITE
/// (None: built from our response alone) and our response to it. Local tag
/// from the response's To, remote tag from its From, route set its
/// Record-Routes in order, remote target the INVITE's Contact,
/// `line_param` from the INVITE's request-URI.
pub fn init_as_uas(
    p: &impl Parser,
    invite: Option<&osip_message_t>,
    response: Option<&osip_message_t>,
) -> Result<Owned<osip_dialog_t>, c_int> {
    let response = response.ok_or(OSIP_BADPARAMETER)?;
    let cseq = response.cseq().ok_or(OSIP_SYNTAXERROR)?;
    let mut d = establish(p, &Origin::peer_request(invite, response))?;
    d.type_ = _osip_dialog_type_t::CALLEE as c_int;
    d.remote_cseq = number(p, cseq);
    Ok(d)
}

/// Replaces the remote target with the first Contact of `m`: None when `m`
/// has none (the old target stays), else the clone's code (the old target
/// is gone either way).
fn refresh_target(p: &impl Parser, d: &mut osip_dialog_t, m: &osip_message_t) -> Option<c_int> {
    let contact = first_contact(Some(m))?;
    d.set_remote_contact_uri(None);
    Some(match p.clone_name_addr(contact) {
        Ok(c) => {
            d.set_remote_contact_uri(Some(c));
            OSIP_SUCCESS
        }
        Err(code) => code,
    })
}

/// `osip_dialog_update_route_set_as_uas`: target refresh from a request
/// (the route set never changes). A request without Contact keeps the
/// target and gives 0.
pub fn update_route_set_as_uas(
    p: &impl Parser,
    d: &mut osip_dialog_t,
    invite: &osip_message_t,
) -> c_int {
    refresh_target(p, d, invite).unwrap_or_else(|| {
        log(p, 44, OSIP_WARNING, c"missing a contact in invite!\n");
        OSIP_SUCCESS
    })
}

/// `osip_dialog_update_osip_cseq_as_uas`: the CSeq number of a request
/// received in the dialog becomes the remote CSeq; -2 without one.
pub fn update_cseq_as_uas(
    p: &impl Parser,
    d: &mut osip_dialog_t,
    request: &osip_message_t,
) -> c_int {
    match request.cseq() {
        Some(cseq) if cseq.number().is_some() => {
            d.remote_cseq = number(p, cseq);
            OSIP_SUCCESS
        }
        _ => OSIP_BADPARAMETER,
    }
}

/// `osip_dialog_update_route_set_as_uac`: target refresh from a response;
/// while the dialog is early its route set is rebuilt from the response's
/// Record-Routes (reversed); a 2xx confirms it.
pub fn update_route_set_as_uac(
    p: &impl Parser,
    d: &mut osip_dialog_t,
    response: &osip_message_t,
) -> c_int {
    match refresh_target(p, d, response) {
        None => log(p, 85, OSIP_WARNING, c"missing a contact in response!\n"),
        Some(OSIP_SUCCESS) => {}
        Some(code) => return code,
    }
    if d.state == _state_t::DIALOG_EARLY as state_t {
        let mut routes = d.route_set_mut();
        routes.clear();
        if let Err(code) = copy_record_routes(p, routes, response, RouteOrder::Reversed) {
            return code;
        }
    }
    if confirms(response.status_code) {
        d.state = _state_t::DIALOG_CONFIRMED as state_t;
    }
    OSIP_SUCCESS
}

/// `osip_dialog_update_tag_as_uac`: learns the remote tag from a response's
/// To (when the early response had none). -2 without a To; a dialog that
/// has a remote tag keeps it and gets -3.
pub fn update_tag_as_uac(
    p: &impl Parser,
    d: &mut osip_dialog_t,
    response: &osip_message_t,
) -> c_int {
    let Some(to) = response.to() else {
        return OSIP_BADPARAMETER;
    };
    if d.remote_tag().is_some() {
        log(
            p,
            142,
            OSIP_WARNING,
            c"This dialog already have a remote tag: it can't be changed!\n",
        );
        return OSIP_WRONG_STATE;
    }
    match msg::tag(to) {
        Some(tag) => d.set_remote_tag(copy(tag)),
        None => {
            log(
                p,
                149,
                OSIP_WARNING,
                c"Remote UA is not compliant: missing a tag in response!\n",
            );
            d.set_remote_tag(None);
        }
    }
    OSIP_SUCCESS
}

/// The From and To of a message matched against `d`; None (-2) when the
/// dialog or the message lacks a Call-ID, or the message a From or To.
fn match_headers<'m>(
    d: &osip_dialog_t,
    m: &'m osip_message_t,
) -> Option<(&'m osip_from_t, &'m osip_from_t)> {
    d.call_id()?;
    m.call_id()?;
    Some((m.from()?, m.to()?))
}

/// Ok when the message's Call-ID is the dialog's; otherwise the code to
/// return (-1 for another dialog, or the parser's code).
fn same_call_id(p: &impl Parser, d: &osip_dialog_t, m: &osip_message_t) -> Result<(), c_int> {
    let text = p.call_id_to_str(m.call_id())?;
    if d.call_id().map(CStr::to_bytes) == Some(text.as_bytes()) {
        Ok(())
    } else {
        Err(OSIP_UNDEFINED_ERROR)
    }
}

/// Turns the remote-tag decision into the match result: when tags cannot
/// decide, the From and To URIs do (`pairs`, compared in order with
/// `osip_from_compare`), after the warning at `line` if the message has a
/// tag the dialog never learnt.
fn remote_verdict(
    p: &impl Parser,
    check: TagCheck,
    (line, warning): (c_int, &'static CStr),
    pairs: [(Option<&osip_from_t>, &osip_from_t); 2],
) -> c_int {
    match check {
        TagCheck::Agree => OSIP_SUCCESS,
        TagCheck::Mismatch => OSIP_UNDEFINED_ERROR,
        TagCheck::Missing => OSIP_SYNTAXERROR,
        TagCheck::CompareUris { warn } => {
            if warn {
                log(p, line, OSIP_WARNING, warning);
            }
            // The parser's compare refuses a missing header (-2).
            let same = pairs
                .iter()
                .all(|&(a, b)| a.is_some_and(|a| p.compare_from(a, b) == 0));
            if same {
                OSIP_SUCCESS
            } else {
                OSIP_UNDEFINED_ERROR
            }
        }
    }
}

/// `osip_dialog_match_as_uac`: whether a response we received belongs to
/// the dialog: 0 yes, -1 no, -2 for missing headers, -5 when a required
/// tag is missing. Peers without tags (RFC 2543) are matched on the From
/// and To URIs. Warns on every call, as libosip2 discourages it (forked
/// answers from tagless peers cannot be told apart).
pub fn match_as_uac(p: &impl Parser, d: &osip_dialog_t, response: &osip_message_t) -> c_int {
    let Some((from, to)) = match_headers(d, response) else {
        return OSIP_BADPARAMETER;
    };
    log(
        p,
        170,
        OSIP_WARNING,
        c"Using this method is discouraged. See source code explanations!\n",
    );
    if let Err(code) = same_call_id(p, d, response) {
        return code;
    }
    match local_tag_check(tag_of(from), d.local_tag().map(CStr::to_bytes)) {
        TagCheck::Agree => {}
        TagCheck::Missing => return OSIP_SYNTAXERROR,
        _ => return OSIP_UNDEFINED_ERROR,
    }
    remote_verdict(
        p,
        remote_tag_check(tag_of(to), d.remote_tag().map(CStr::to_bytes)),
        (
            224,
            c"Remote UA is not compliant: missing a tag in To fields!\n",
        ),
        [(d.local_uri(), from), (d.remote_uri(), to)],
    )
}

/// `osip_dialog_match_as_uas`: whether a request we received belongs to
/// the dialog: 0 yes, -1 no, -2 for missing headers, -5 when a required
/// tag is missing. Only the remote (From) tag is compared: the request's
/// To tag is not examined.
pub fn match_as_uas(p: &impl Parser, d: &osip_dialog_t, request: &osip_message_t) -> c_int {
    let Some((from, to)) = match_headers(d, request) else {
        return OSIP_BADPARAMETER;
    };
    if let Err(code) = same_call_id(p, d, request) {
        return code;
    }
    if d.local_tag().is_none() {
        return OSIP_SYNTAXERROR;
    }
    remote_verdict(
        p,
        remote_tag_check(tag_of(from), d.remote_tag().map(CStr::to_bytes)),
        (
            301,
            c"Remote UA is not compliant: missing a tag in To feilds!\n",
        ),
        [(d.remote_uri(), from), (d.local_uri(), to)],
    )
}

/// Whether the dialog was created as `side` (`type` holds what a
/// constructor put there, or what the application wrote).
pub fn created_as(d: &osip_dialog_t, side: _osip_dialog_type_t) -> bool {
    d.type_ == side as c_int
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uac_reverses_uas_keeps_order() {
        assert_eq!(RouteOrder::for_dialog(false), RouteOrder::Reversed);
        assert_eq!(RouteOrder::for_dialog(true), RouteOrder::AsReceived);
        assert_eq!(RouteOrder::Reversed.list_position(), 0);
        assert_eq!(RouteOrder::AsReceived.list_position(), -1);
    }

    #[test]
    fn only_2xx_confirms() {
        for status in [0, 180, 199, 300, 486] {
            assert!(!confirms(status), "{status}");
        }
        for status in [200, 299] {
            assert!(confirms(status), "{status}");
        }
    }

    #[test]
    fn tag_from_param() {
        assert_eq!(Tag::from_param(None), Tag::Absent);
        assert_eq!(Tag::from_param(Some(None)), Tag::Valueless);
        assert_eq!(Tag::from_param(Some(Some(b"x"))), Tag::Value(b"x"));
    }

    type Case = (Tag<'static>, Option<&'static [u8]>, TagCheck);

    fn check_all(check: fn(Tag<'_>, Option<&[u8]>) -> TagCheck, cases: &[Case]) {
        for &(msg, dialog, want) in cases {
            assert_eq!(check(msg, dialog), want, "{msg:?} {dialog:?}");
        }
    }

    #[test]
    fn local_tag_is_required_on_both_sides() {
        use TagCheck::*;
        check_all(
            local_tag_check,
            &[
                (Tag::Absent, Some(b"a"), Missing),
                (Tag::Value(b"a"), None, Missing),
                (Tag::Absent, None, Missing),
                (Tag::Valueless, Some(b"a"), Mismatch),
                (Tag::Value(b"a"), Some(b"a"), Agree),
                (Tag::Value(b"a"), Some(b"ab"), Mismatch),
            ],
        );
    }

    #[test]
    fn remote_tag_falls_back_to_uris_for_old_peers() {
        use TagCheck::*;
        check_all(
            remote_tag_check,
            &[
                (Tag::Absent, Some(b"b"), Missing),
                (Tag::Absent, None, CompareUris { warn: false }),
                (Tag::Value(b"b"), None, CompareUris { warn: true }),
                (Tag::Valueless, None, CompareUris { warn: true }),
                (Tag::Valueless, Some(b"b"), Mismatch),
                (Tag::Value(b"b"), Some(b"b"), Agree),
                (Tag::Value(b"B"), Some(b"b"), Mismatch),
            ],
        );
    }

    use crate::fake::{message, text, FakeParser};
    use std::ptr;

    const INVITE: &[&str] = &[
        "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1",
        "Record-Route: <sip:rrX.example.com;lr>",
        "From: <sip:carol@example.com>;tag=c1",
        "To: <sip:bob@example.com>",
        "Call-ID: cid3@h",
        "CSeq: 5 INVITE",
        "Contact: <sip:carol@10.0.0.9>",
    ];

    const OK: &[&str] = &[
        "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK1",
        "Record-Route: <sip:rr1.example.com;lr>",
        "Record-Route: <sip:rr2.example.com;lr>",
        "From: <sip:carol@example.com>;tag=c1",
        "To: <sip:bob@example.com>;tag=b1",
        "Call-ID: cid3@h",
        "CSeq: 5 INVITE",
        "Contact: <sip:bob@10.0.0.2>",
    ];

    fn invite() -> Owned<osip_message_t> {
        message("INVITE sip:bob@example.com;line=abc", INVITE)
    }

    /// `headers` with the ones named in `without` left out and `with` added.
    fn response(
        status: &str,
        headers: &[&str],
        without: &[&str],
        with: &[&str],
    ) -> Owned<osip_message_t> {
        let kept: Vec<&str> = headers
            .iter()
            .copied()
            .filter(|h| !without.iter().any(|w| h.starts_with(w)))
            .chain(with.iter().copied())
            .collect();
        message(status, &kept)
    }

    fn ok() -> Owned<osip_message_t> {
        response("SIP/2.0 200 OK", OK, &[], &[])
    }

    fn host_of(h: Option<&osip_from_t>) -> Option<&str> {
        text(h?.url()?.host())
    }

    fn routes(d: &osip_dialog_t) -> Vec<&str> {
        d.route_set().iter().map(|r| host_of(r).unwrap()).collect()
    }

    #[test]
    fn a_uas_dialog_follows_the_invite_and_our_answer() {
        let p = FakeParser::default();
        let d = init_as_uas(&p, Some(&invite()), Some(&ok())).unwrap();
        assert_eq!(d.type_, _osip_dialog_type_t::CALLEE as c_int);
        assert_eq!(d.state, _state_t::DIALOG_CONFIRMED as state_t);
        assert_eq!(text(d.call_id()), Some("cid3@h"));
        assert_eq!(
            (text(d.local_tag()), text(d.remote_tag())),
            (Some("b1"), Some("c1"))
        );
        assert_eq!(text(d.line_param()), Some("abc"));
        assert_eq!(routes(&d), ["rr1.example.com", "rr2.example.com"]);
        assert_eq!((d.local_cseq, d.remote_cseq, d.secure), (5, 5, -1));
        assert_eq!(host_of(d.remote_contact_uri()), Some("10.0.0.9"));
        assert_eq!(
            text(d.local_uri().unwrap().url().unwrap().username()),
            Some("bob")
        );
        assert_eq!(
            text(d.remote_uri().unwrap().url().unwrap().username()),
            Some("carol")
        );
        assert!(p.traces.borrow().is_empty());
        assert!(created_as(&d, _osip_dialog_type_t::CALLEE));
        assert!(!created_as(&d, _osip_dialog_type_t::CALLER));
    }

    #[test]
    fn a_uac_dialog_follows_the_answer() {
        let p = FakeParser::default();
        let ringing = response(
            "SIP/2.0 180 Ringing",
            OK,
            &["To:"],
            &["To: <sip:bob@example.com>"],
        );
        let d = init_as_uac(&p, Some(&ringing)).unwrap();
        assert_eq!(d.type_, _osip_dialog_type_t::CALLER as c_int);
        assert_eq!(d.state, _state_t::DIALOG_EARLY as state_t);
        assert_eq!((text(d.local_tag()), d.remote_tag()), (Some("c1"), None));
        assert_eq!(d.line_param(), None);
        assert_eq!(routes(&d), ["rr2.example.com", "rr1.example.com"]);
        assert_eq!((d.local_cseq, d.remote_cseq), (5, -1));
        assert_eq!(host_of(d.remote_contact_uri()), Some("10.0.0.2"));
        assert_eq!(
            text(d.local_uri().unwrap().url().unwrap().username()),
            Some("carol")
        );
    }

    #[test]
    fn a_notify_before_the_answer_makes_a_confirmed_uac_dialog() {
        let p = FakeParser::default();
        let notify = message(
            "NOTIFY sip:carol@10.0.0.9",
            &[
                "From: <sip:bob@example.com>;tag=b1",
                "To: <sip:carol@example.com>;tag=c1",
                "Call-ID: n@h",
                "CSeq: 7 NOTIFY",
                "Contact: <sip:bob@10.0.0.2>",
            ],
        );
        let d = init_as_uac_with_remote_request(&p, Some(&notify), 20).unwrap();
        assert_eq!(d.type_, _osip_dialog_type_t::CALLER as c_int);
        assert_eq!(d.state, _state_t::DIALOG_CONFIRMED as state_t);
        assert_eq!((d.local_cseq, d.remote_cseq), (20, 7));
        assert_eq!(
            (text(d.local_tag()), text(d.remote_tag())),
            (Some("c1"), Some("b1"))
        );
        let no_cseq = response("NOTIFY sip:carol@10.0.0.9", OK, &["CSeq:"], &[]);
        assert_eq!(
            init_as_uac_with_remote_request(&p, Some(&no_cseq), 1).err(),
            Some(-2)
        );
        assert_eq!(init_as_uac_with_remote_request(&p, None, 1).err(), Some(-2));
    }

    #[test]
    fn constructors_give_libosip2s_codes_and_traces() {
        let p = FakeParser::default();
        assert_eq!(init_as_uac(&p, None).err(), Some(-2));
        assert_eq!(init_as_uas(&p, Some(&invite()), None).err(), Some(-2));
        // Headers left out, headers added, the code, the lines traced.
        type Case = (
            &'static [&'static str],
            &'static [&'static str],
            c_int,
            &'static [c_int],
        );
        let cases: [Case; 5] = [
            (&["CSeq:"], &[], -5, &[]),
            (&["From:"], &[], -5, &[]),
            (&["To:"], &[], -5, &[]),
            (&["Call-ID:"], &[], -2, &[349]),
            (&["From:"], &["From: <sip:carol@example.com>"], -1, &[358]),
        ];
        for (without, with, code, lines) in cases {
            let m = response("SIP/2.0 200 OK", OK, without, with);
            assert_eq!(
                init_as_uac(&p, Some(&m)).err(),
                Some(code),
                "{without:?} {with:?}"
            );
            assert_eq!(p.take_lines(), lines, "{without:?} {with:?}");
        }
        let mut m = ok();
        m.call_id_mut().unwrap().set_number(None);
        assert_eq!(init_as_uac(&p, Some(&m)).err(), Some(-2));
        assert_eq!(
            p.traces.borrow()[0],
            (
                "osip_dialog.c".into(),
                349,
                OSIP_ERROR as c_int,
                "Could not establish dialog!\n".into()
            )
        );
    }

    #[test]
    fn a_uas_dialog_without_the_invite_has_no_target() {
        let p = FakeParser::default();
        let d = init_as_uas(&p, None, Some(&ok())).unwrap();
        assert!(d.remote_contact_uri().is_none() && d.line_param().is_none());
        assert_eq!(p.traces.borrow()[0].1, 446);
        assert_eq!(p.traces.borrow()[0].2, OSIP_WARNING as c_int);
        let no_cseq = response("SIP/2.0 200 OK", OK, &["CSeq:"], &[]);
        assert_eq!(init_as_uas(&p, None, Some(&no_cseq)).err(), Some(-5));
    }

    #[test]
    fn a_null_contact_or_record_route_is_refused_by_the_clone() {
        let p = FakeParser::default();
        let mut inv = invite();
        inv.contacts_mut()
            .raw()
            .add_raw(ptr::null_mut(), 0)
            .unwrap();
        assert_eq!(init_as_uas(&p, Some(&inv), Some(&ok())).err(), Some(-2));
        assert_eq!(p.take_lines(), [438]);
        let mut resp = ok();
        resp.record_routes_mut()
            .raw()
            .add_raw(ptr::null_mut(), 1)
            .unwrap();
        assert_eq!(init_as_uac(&p, Some(&resp)).err(), Some(-2));
        assert_eq!(p.take_lines(), [393]);
        // The test frees what it put there.
        drop(inv.contacts_mut().remove(0));
        drop(resp.record_routes_mut().remove(1));
    }

    #[test]
    fn target_refreshes() {
        let p = FakeParser::default();
        let mut d = init_as_uas(&p, Some(&invite()), Some(&ok())).unwrap();
        let reinvite = response(
            "INVITE sip:bob@10.0.0.2",
            INVITE,
            &["Contact:"],
            &["Contact: <sip:carol@10.0.0.77>"],
        );
        assert_eq!(update_route_set_as_uas(&p, &mut d, &reinvite), 0);
        assert_eq!(host_of(d.remote_contact_uri()), Some("10.0.0.77"));
        let bare = response("INVITE sip:bob@10.0.0.2", INVITE, &["Contact:"], &[]);
        assert_eq!(update_route_set_as_uas(&p, &mut d, &bare), 0);
        assert_eq!(host_of(d.remote_contact_uri()), Some("10.0.0.77"));
        assert_eq!(p.take_lines(), [44]);
        let mut nulled = bare;
        nulled
            .contacts_mut()
            .raw()
            .add_raw(ptr::null_mut(), 0)
            .unwrap();
        assert_eq!(update_route_set_as_uas(&p, &mut d, &nulled), -2);
        assert!(d.remote_contact_uri().is_none(), "the old target is gone");
        drop(nulled.contacts_mut().remove(0));
        assert_eq!(routes(&d), ["rr1.example.com", "rr2.example.com"]);
    }

    #[test]
    fn the_remote_cseq_follows_requests() {
        let p = FakeParser::default();
        let mut d = init_as_uas(&p, Some(&invite()), Some(&ok())).unwrap();
        let bye = response("BYE sip:bob@10.0.0.2", INVITE, &["CSeq:"], &["CSeq: 9 BYE"]);
        assert_eq!(update_cseq_as_uas(&p, &mut d, &bye), 0);
        assert_eq!(d.remote_cseq, 9);
        let bare = response("BYE sip:bob@10.0.0.2", INVITE, &["CSeq:"], &[]);
        assert_eq!(update_cseq_as_uas(&p, &mut d, &bare), -2);
        assert_eq!(d.remote_cseq, 9);
    }

    #[test]
    fn an_early_uac_dialog_takes_the_final_route_set() {
        let p = FakeParser::default();
        let ringing = response(
            "SIP/2.0 180 Ringing",
            OK,
            &["Record-Route:", "Contact:"],
            &[],
        );
        let mut d = init_as_uac(&p, Some(&ringing)).unwrap();
        assert!(routes(&d).is_empty());
        assert_eq!(p.take_lines(), [446]);
        assert_eq!(update_route_set_as_uac(&p, &mut d, &ringing), 0);
        assert_eq!(p.take_lines(), [85]);
        assert_eq!(d.state, _state_t::DIALOG_EARLY as state_t);
        assert_eq!(update_route_set_as_uac(&p, &mut d, &ok()), 0);
        assert_eq!(routes(&d), ["rr2.example.com", "rr1.example.com"]);
        assert_eq!(d.state, _state_t::DIALOG_CONFIRMED as state_t);
        assert_eq!(host_of(d.remote_contact_uri()), Some("10.0.0.2"));
        // Confirmed: the route set stays.
        let other = response(
            "SIP/2.0 200 OK",
            OK,
            &["Record-Route:"],
            &["Record-Route: <sip:rr9.example.com>"],
        );
        assert_eq!(update_route_set_as_uac(&p, &mut d, &other), 0);
        assert_eq!(routes(&d), ["rr2.example.com", "rr1.example.com"]);
    }

    #[test]
    fn the_remote_tag_is_learnt_once() {
        let p = FakeParser::default();
        let ringing = response(
            "SIP/2.0 180 Ringing",
            OK,
            &["To:"],
            &["To: <sip:bob@example.com>"],
        );
        let mut d = init_as_uac(&p, Some(&ringing)).unwrap();
        assert_eq!(update_tag_as_uac(&p, &mut d, &ringing), 0);
        assert_eq!((d.remote_tag(), p.take_lines()), (None, vec![149]));
        assert_eq!(update_tag_as_uac(&p, &mut d, &ok()), 0);
        assert_eq!(text(d.remote_tag()), Some("b1"));
        assert_eq!(update_tag_as_uac(&p, &mut d, &ok()), -3);
        assert_eq!(p.take_lines(), [142]);
        let no_to = response("SIP/2.0 200 OK", OK, &["To:"], &[]);
        assert_eq!(update_tag_as_uac(&p, &mut d, &no_to), -2);
    }

    #[test]
    fn responses_match_a_uac_dialog_by_call_id_and_tags() {
        let p = FakeParser::default();
        let d = init_as_uac(&p, Some(&ok())).unwrap();
        let with = |without: &[&str], with: &[&str]| response("SIP/2.0 200 OK", OK, without, with);
        let cases: [(&[&str], &[&str], c_int); 6] = [
            (&[], &[], 0),
            (&["Call-ID:"], &["Call-ID: other@h"], -1),
            (&["From:"], &["From: <sip:carol@example.com>;tag=zz"], -1),
            (&["From:"], &["From: <sip:carol@example.com>"], -5),
            (&["To:"], &["To: <sip:bob@example.com>;tag=b2"], -1),
            (&["To:"], &[], -2),
        ];
        for (without, add, code) in cases {
            assert_eq!(
                match_as_uac(&p, &d, &with(without, add)),
                code,
                "{without:?} {add:?}"
            );
        }
        assert!(p.take_lines().iter().all(|&l| l == 170));
    }

    #[test]
    fn tagless_peers_are_matched_on_uris() {
        let p = FakeParser::default();
        let ringing = response(
            "SIP/2.0 180 Ringing",
            OK,
            &["To:"],
            &["To: <sip:bob@example.com>"],
        );
        let d = init_as_uac(&p, Some(&ringing)).unwrap();
        p.take_lines();
        assert_eq!(match_as_uac(&p, &d, &ringing), 0);
        assert_eq!(p.take_lines(), [170]);
        assert_eq!(match_as_uac(&p, &d, &ok()), 0);
        assert_eq!(p.take_lines(), [170, 224]);
        let elsewhere = response(
            "SIP/2.0 200 OK",
            OK,
            &["To:"],
            &["To: <sip:bob@example.org>;tag=b1"],
        );
        assert_eq!(match_as_uac(&p, &d, &elsewhere), -1);
    }

    #[test]
    fn requests_match_a_uas_dialog_by_call_id_and_from_tag() {
        let p = FakeParser::default();
        let mut d = init_as_uas(&p, Some(&invite()), Some(&ok())).unwrap();
        let req =
            |without: &[&str], with: &[&str]| response("ACK sip:bob@10.0.0.2", OK, without, with);
        assert_eq!(match_as_uas(&p, &d, &req(&[], &[])), 0);
        // The To tag is not looked at.
        assert_eq!(
            match_as_uas(
                &p,
                &d,
                &req(&["To:"], &["To: <sip:bob@example.com>;tag=zz"])
            ),
            0
        );
        assert_eq!(
            match_as_uas(
                &p,
                &d,
                &req(&["From:"], &["From: <sip:carol@example.com>;tag=zz"])
            ),
            -1
        );
        assert_eq!(
            match_as_uas(&p, &d, &req(&["From:"], &["From: <sip:carol@example.com>"])),
            -5
        );
        assert_eq!(match_as_uas(&p, &d, &req(&["Call-ID:"], &[])), -2);
        d.set_remote_tag(None);
        assert_eq!(match_as_uas(&p, &d, &req(&[], &[])), 0);
        assert_eq!(p.take_lines(), [301]);
        d.set_local_tag(None);
        assert_eq!(match_as_uas(&p, &d, &req(&[], &[])), -5);
        d.set_call_id(None);
        assert_eq!(match_as_uas(&p, &d, &req(&[], &[])), -2);
    }
}
