//! `<osip2/osip_dialog.h>`: creating, updating and matching dialogs.
//!
//! Every string and header a dialog holds comes from the parser's allocator
//! (`osip_strdup`, parser clone functions): applications swap them for their
//! own copies and free them with `osip_free` / parser free functions.

use crate::abi::codes::{
    OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR,
    OSIP_WRONG_STATE,
};
use crate::abi::{_osip_dialog_type_t, _state_t, osip_dialog_t, state_t};
use crate::alloc::{osip_calloc, osip_free};
use crate::core::dialog::{confirms, local_tag_check, remote_tag_check, RouteOrder, Tag, TagCheck};
use crate::parser::util::{cstr, list_get, param_value, tag};
use crate::parser::{
    osip_atoi, osip_call_id_to_str, osip_contact_clone, osip_contact_free, osip_contact_t,
    osip_from_clone, osip_from_compare, osip_from_free, osip_from_t, osip_list_add, osip_list_init,
    osip_list_size, osip_list_special_free, osip_list_t, osip_message_t, osip_record_route_free,
    osip_record_route_t, osip_strdup, osip_to_clone, osip_to_free, OSIP_ERROR, OSIP_WARNING,
};
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;
use std::ptr;

/// The bytes of a C string, None for NULL.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string outliving the borrow.
unsafe fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: per the contract.
    unsafe { cstr(p) }.map(CStr::to_bytes)
}

/// The `tag` parameter of a From/To header.
///
/// # Safety
/// `h` is a valid header.
unsafe fn tag_of<'a>(h: *const osip_from_t) -> Tag<'a> {
    // SAFETY: valid header; a tag value is a NUL-terminated parser string.
    Tag::from_param(unsafe { tag(h) }.map(|v| unsafe { bytes(v) }))
}

/// `osip_list_special_free` wants a `void (*)(void *)`.
unsafe extern "C" fn free_record_route(rr: *mut c_void) {
    // SAFETY: route-set elements are record-routes cloned by the parser.
    unsafe { osip_record_route_free(rr as *mut osip_record_route_t) };
}

/// The first Contact of `msg`: None when it has none, else the element as
/// stored (NULL if the application put a NULL there, which the clone then
/// rejects, as in libosip2).
///
/// # Safety
/// `msg` is NULL or valid; NULL has no Contact.
unsafe fn first_contact(msg: *const osip_message_t) -> Option<*mut osip_contact_t> {
    // SAFETY: valid message.
    if msg.is_null() || unsafe { osip_list_size(&(*msg).contacts) } <= 0 {
        return None;
    }
    // SAFETY: valid message with at least one element.
    Some(unsafe { list_get(&(*msg).contacts, 0) } as *mut osip_contact_t)
}

/// Adds a copy of each Record-Route of `msg` to `routes`, placed by
/// `order`; the first failed clone stops the copy and gives its code.
///
/// # Safety
/// `routes` is a valid list of record-routes; `msg` is a valid message.
unsafe fn copy_record_routes(
    routes: &mut osip_list_t,
    msg: &osip_message_t,
    order: RouteOrder,
) -> c_int {
    // SAFETY: valid list.
    let count = unsafe { osip_list_size(&msg.record_routes) };
    for pos in 0..count {
        let mut copy: *mut osip_record_route_t = ptr::null_mut();
        // SAFETY: element of a valid list (the clone rejects NULL).
        let r = unsafe {
            osip_from_clone(
                list_get(&msg.record_routes, pos) as *const osip_record_route_t,
                &mut copy,
            )
        };
        if r != OSIP_SUCCESS {
            return r;
        }
        // SAFETY: the list takes the clone.
        unsafe { osip_list_add(routes, copy as *mut c_void, order.list_position()) };
    }
    OSIP_SUCCESS
}

/// Frees a dialog and everything it owns, tolerating a partly built one.
///
/// # Safety
/// `dlg` is a valid dialog whose fields are NULL or owned by it.
unsafe fn release(dlg: *mut osip_dialog_t) {
    // SAFETY: per the contract; each free function accepts NULL.
    unsafe {
        let d = &mut *dlg;
        osip_contact_free(d.remote_contact_uri);
        osip_from_free(d.local_uri);
        osip_to_free(d.remote_uri);
        osip_list_special_free(&mut d.route_set, Some(free_record_route));
        osip_free(d.line_param as *mut c_void);
        osip_free(d.remote_tag as *mut c_void);
        osip_free(d.local_tag as *mut c_void);
        osip_free(d.call_id as *mut c_void);
        osip_free(dlg as *mut c_void);
    }
}

/// Which messages and headers a new dialog is built from.
struct Origin {
    /// The request whose request-URI may carry `line` (also decides the
    /// route-set order); NULL when building from a response alone.
    request: *mut osip_message_t,
    /// Gives the state, Call-ID, Record-Routes and local CSeq.
    response: *mut osip_message_t,
    local: *mut osip_from_t,
    remote: *mut osip_from_t,
    /// Gives the remote target (first Contact).
    remote_msg: *mut osip_message_t,
}

impl Origin {
    /// The answer to a request we sent: we are its From, the peer its To
    /// and its Contact.
    ///
    /// # Safety
    /// `response` is valid.
    unsafe fn answer(response: *mut osip_message_t) -> Origin {
        // SAFETY: per the contract.
        let (local, remote) = unsafe { ((*response).from, (*response).to) };
        Origin {
            request: ptr::null_mut(),
            response,
            local,
            remote,
            remote_msg: response,
        }
    }

    /// A request the peer sent (NULL allowed: a peer without Contact) and
    /// the message that gives the rest: we are its To, the peer its From.
    ///
    /// # Safety
    /// `request` is NULL or valid; `response` is valid.
    unsafe fn peer_request(request: *mut osip_message_t, response: *mut osip_message_t) -> Origin {
        // SAFETY: per the contract.
        let (local, remote) = unsafe { ((*response).to, (*response).from) };
        Origin {
            request,
            response,
            local,
            remote,
            remote_msg: request,
        }
    }
}

/// Why building a dialog stopped: the code to return and the line of the
/// C library's error trace.
struct Failure {
    line: c_int,
    code: c_int,
}

/// A parser result as one step of [`fill`].
fn step(r: c_int, line: c_int) -> Result<(), Failure> {
    if r == OSIP_SUCCESS {
        Ok(())
    } else {
        Err(Failure { line, code: r })
    }
}

/// Fills a zeroed dialog from `o`; on failure the caller frees it.
///
/// # Safety
/// `o.response` is valid with a CSeq, `o.local` and `o.remote` are valid,
/// the other pointers of `o` are NULL or valid.
unsafe fn fill(d: &mut osip_dialog_t, o: &Origin) -> Result<(), Failure> {
    // SAFETY: per the contract; every string and header the dialog takes is
    // a fresh copy from the parser's allocator.
    unsafe {
        let response = &*o.response;
        d.state = if confirms(response.status_code) {
            _state_t::DIALOG_CONFIRMED
        } else {
            _state_t::DIALOG_EARLY
        } as state_t;
        // A NULL Call-ID is rejected by the parser.
        step(osip_call_id_to_str(response.call_id, &mut d.call_id), 349)?;

        match tag(o.local) {
            None => {
                return Err(Failure {
                    line: 358,
                    code: OSIP_UNDEFINED_ERROR,
                })
            }
            Some(v) => d.local_tag = osip_strdup(v),
        }
        if let Some(v) = tag(o.remote) {
            d.remote_tag = osip_strdup(v);
        }

        if !o.request.is_null() {
            let uri = (*o.request).req_uri;
            if !uri.is_null() {
                if let Some(v) = param_value(&(*uri).url_params, c"line") {
                    if !v.is_null() {
                        d.line_param = osip_strdup(v);
                    }
                }
            }
        }

        osip_list_init(&mut d.route_set);
        let order = RouteOrder::for_dialog(!o.request.is_null());
        step(copy_record_routes(&mut d.route_set, response, order), 393)?;

        // osip_atoi(NULL) is -1.
        d.local_cseq = osip_atoi((*response.cseq).number);

        step(osip_from_clone(o.remote, &mut d.remote_uri), 415)?;
        step(osip_to_clone(o.local, &mut d.local_uri), 424)?;

        // A missing remote message (UAS without INVITE) is a peer without Contact.
        match first_contact(o.remote_msg) {
            None => {
                trace!(
                    "osip_dialog.c",
                    446,
                    OSIP_WARNING,
                    "Remote UA is not compliant: missing a contact in remote message!\n"
                );
            }
            // A NULL element is rejected by the clone.
            Some(contact) => step(osip_contact_clone(contact, &mut d.remote_contact_uri), 438)?,
        }
    }
    d.secure = -1;
    Ok(())
}

/// The part common to the three constructors.
///
/// # Safety
/// `o.response` is valid; the other pointers of `o` are NULL or valid.
unsafe fn establish(o: &Origin) -> Result<*mut osip_dialog_t, c_int> {
    // SAFETY: per the contract.
    let cseq = unsafe { (*o.response).cseq };
    if cseq.is_null() || o.local.is_null() || o.remote.is_null() {
        return Err(OSIP_SYNTAXERROR);
    }
    // SAFETY: plain allocation.
    let dlg = unsafe { osip_calloc::<osip_dialog_t>() };
    if dlg.is_null() {
        return Err(OSIP_NOMEM);
    }
    // SAFETY: a zeroed dialog we own (the zeroed route set is a valid empty
    // list); `o` is checked as `fill` needs.
    match unsafe { fill(&mut *dlg, o) } {
        Ok(()) => Ok(dlg),
        Err(Failure { line, code }) => {
            trace!(
                "osip_dialog.c",
                line,
                OSIP_ERROR,
                "Could not establish dialog!\n"
            );
            // SAFETY: partly built, and ours.
            unsafe { release(dlg) };
            Err(code)
        }
    }
}

/// Runs a constructor: `origin` checks the arguments and names the sources
/// (or gives the code to return), `finish` completes the new dialog.
/// `*out` gets the dialog, or NULL on failure.
///
/// # Safety
/// `out` is NULL or valid; `origin` names pointers as [`establish`] needs.
unsafe fn construct(
    out: *mut *mut osip_dialog_t,
    origin: impl FnOnce() -> Result<Origin, c_int>,
    finish: impl FnOnce(&mut osip_dialog_t),
) -> c_int {
    if out.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: per the contract.
    let (dlg, code) = match origin().and_then(|o| unsafe { establish(&o) }) {
        Ok(dlg) => {
            // SAFETY: a dialog `establish` just built.
            finish(unsafe { &mut *dlg });
            (dlg, OSIP_SUCCESS)
        }
        Err(code) => (ptr::null_mut(), code),
    };
    // SAFETY: non-NULL out-pointer.
    unsafe { *out = dlg };
    code
}

/// Creates a CALLER dialog from a response to our request (a 1xx with a
/// To tag, or a 2xx): local tag from From (required), remote tag from To
/// (optional), route set = the response's Record-Routes reversed, remote
/// target = its Contact. Returns 0, or an error with `*dialog` set to NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uac(
    dialog: *mut *mut osip_dialog_t,
    response: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: `dialog` and `response` are NULL or valid.
        unsafe {
            construct(
                dialog,
                || {
                    if response.is_null() {
                        Err(OSIP_BADPARAMETER)
                    } else {
                        Ok(Origin::answer(response))
                    }
                },
                |d| {
                    d.type_ = _osip_dialog_type_t::CALLER as c_int;
                    d.remote_cseq = -1;
                },
            )
        }
    })
}

/// Creates a confirmed CALLER dialog from a request the peer sent inside a
/// dialog we have not seen established yet (e.g. a NOTIFY arriving before
/// the answer to our SUBSCRIBE). The request's To must carry our tag.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uac_with_remote_request(
    dialog: *mut *mut osip_dialog_t,
    next_request: *mut osip_message_t,
    local_cseq: c_int,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: `dialog` and `next_request` are NULL or valid; the CSeq is
        // checked before `finish` reads it.
        unsafe {
            construct(
                dialog,
                || {
                    if next_request.is_null() || (*next_request).cseq.is_null() {
                        Err(OSIP_BADPARAMETER)
                    } else {
                        Ok(Origin::peer_request(next_request, next_request))
                    }
                },
                |d| {
                    d.type_ = _osip_dialog_type_t::CALLER as c_int;
                    d.state = _state_t::DIALOG_CONFIRMED as state_t;
                    d.local_cseq = local_cseq;
                    d.remote_cseq = osip_atoi((*(*next_request).cseq).number);
                },
            )
        }
    })
}

/// Creates a CALLEE dialog from a received INVITE and our response to it:
/// local tag from the response's To, remote tag from its From, route set =
/// the response's Record-Routes in order, remote target = the INVITE's
/// Contact, `line_param` from the INVITE's request-URI.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uas(
    dialog: *mut *mut osip_dialog_t,
    invite: *mut osip_message_t,
    response: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: every pointer is NULL or valid; the CSeq is checked before
        // `finish` reads it.
        unsafe {
            construct(
                dialog,
                || {
                    if response.is_null() {
                        Err(OSIP_BADPARAMETER)
                    } else if (*response).cseq.is_null() {
                        Err(OSIP_SYNTAXERROR)
                    } else {
                        Ok(Origin::peer_request(invite, response))
                    }
                },
                |d| {
                    d.type_ = _osip_dialog_type_t::CALLEE as c_int;
                    d.remote_cseq = osip_atoi((*(*response).cseq).number);
                },
            )
        }
    })
}

/// Frees a dialog and everything it holds. NULL is ignored.
///
/// Stop its out-of-transaction retransmissions first
/// (`osip_stop_retransmissions_from_dialog`): they point to it.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_free(dialog: *mut osip_dialog_t) {
    ffi_guard!((), {
        if !dialog.is_null() {
            // SAFETY: a dialog from one of the constructors (fields owned).
            unsafe { release(dialog) };
        }
    })
}

/// Sets the dialog's state (DIALOG_EARLY, DIALOG_CONFIRMED, DIALOG_CLOSE).
/// NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_set_state(dialog: *mut osip_dialog_t, state: state_t) {
    ffi_guard!((), {
        if !dialog.is_null() {
            // SAFETY: valid dialog.
            unsafe { (*dialog).state = state };
        }
    })
}

/// Replaces the remote target with the first Contact of `msg`: None when
/// `msg` has no Contact (the old target stays), else the clone's result.
///
/// # Safety
/// `dlg` and `msg` are valid.
unsafe fn refresh_target(dlg: &mut osip_dialog_t, msg: *mut osip_message_t) -> Option<c_int> {
    // SAFETY: valid message.
    let contact = unsafe { first_contact(msg) }?;
    // SAFETY: the old target is ours; the new one is a clone we own.
    Some(unsafe {
        osip_contact_free(dlg.remote_contact_uri);
        dlg.remote_contact_uri = ptr::null_mut();
        osip_contact_clone(contact, &mut dlg.remote_contact_uri)
    })
}

/// Target refresh as UAS: the remote target becomes the first Contact of
/// the request (the route set is never changed). A request without Contact
/// keeps the target and returns 0.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_route_set_as_uas(
    dialog: *mut osip_dialog_t,
    invite: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if dialog.is_null() || invite.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: both valid.
        unsafe { refresh_target(&mut *dialog, invite) }.unwrap_or_else(|| {
            trace!(
                "osip_dialog.c",
                44,
                OSIP_WARNING,
                "missing a contact in invite!\n"
            );
            OSIP_SUCCESS
        })
    })
}

/// Records the CSeq number of a request received in the dialog as the
/// remote CSeq.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_osip_cseq_as_uas(
    dialog: *mut osip_dialog_t,
    request: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if dialog.is_null() || request.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid request; the CSeq is NULL or valid.
        let cseq = unsafe { (*request).cseq };
        // SAFETY: checked non-NULL before the read.
        if cseq.is_null() || unsafe { (*cseq).number.is_null() } {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid dialog and CSeq number.
        unsafe { (*dialog).remote_cseq = osip_atoi((*cseq).number) };
        OSIP_SUCCESS
    })
}

/// Target refresh as UAC from a response: the remote target becomes its
/// Contact; while the dialog is early, the route set is rebuilt from its
/// Record-Routes (reversed); a 2xx confirms the dialog.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_route_set_as_uac(
    dialog: *mut osip_dialog_t,
    response: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        if dialog.is_null() || response.is_null() {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: both valid.
        let (d, resp) = unsafe { (&mut *dialog, &*response) };
        // SAFETY: as above.
        match unsafe { refresh_target(d, response) } {
            None => {
                trace!(
                    "osip_dialog.c",
                    85,
                    OSIP_WARNING,
                    "missing a contact in response!\n"
                );
            }
            Some(OSIP_SUCCESS) => {}
            Some(err) => return err,
        }
        if d.state == _state_t::DIALOG_EARLY as state_t {
            // SAFETY: the route set is the dialog's list of record-routes,
            // re-initialised after its elements are freed.
            let r = unsafe {
                osip_list_special_free(&mut d.route_set, Some(free_record_route));
                osip_list_init(&mut d.route_set);
                copy_record_routes(&mut d.route_set, resp, RouteOrder::Reversed)
            };
            if r != OSIP_SUCCESS {
                return r;
            }
        }
        if confirms(resp.status_code) {
            d.state = _state_t::DIALOG_CONFIRMED as state_t;
        }
        OSIP_SUCCESS
    })
}

/// Learns the remote tag from a response's To (when the early response
/// carried none). A dialog that already has one keeps it and gets -3.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_tag_as_uac(
    dialog: *mut osip_dialog_t,
    response: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: `response` is NULL or valid.
        if dialog.is_null() || response.is_null() || unsafe { (*response).to.is_null() } {
            return OSIP_BADPARAMETER;
        }
        // SAFETY: valid dialog.
        let d = unsafe { &mut *dialog };
        if !d.remote_tag.is_null() {
            trace!(
                "osip_dialog.c",
                142,
                OSIP_WARNING,
                "This dialog already have a remote tag: it can't be changed!\n"
            );
            return OSIP_WRONG_STATE;
        }
        // SAFETY: valid To header.
        match unsafe { tag((*response).to) } {
            // SAFETY: a parser string.
            Some(v) if !v.is_null() => d.remote_tag = unsafe { osip_strdup(v) },
            _ => {
                trace!(
                    "osip_dialog.c",
                    149,
                    OSIP_WARNING,
                    "Remote UA is not compliant: missing a tag in response!\n"
                );
                d.remote_tag = ptr::null_mut();
            }
        }
        OSIP_SUCCESS
    })
}

/// The arguments of a match, once checked: NULL dialog, Call-ID or message
/// headers are -2.
///
/// # Safety
/// `dlg` and `msg` are NULL or valid.
unsafe fn match_args<'a>(
    dlg: *mut osip_dialog_t,
    msg: *mut osip_message_t,
) -> Option<(&'a osip_dialog_t, &'a osip_message_t)> {
    if dlg.is_null() || msg.is_null() {
        return None;
    }
    // SAFETY: both valid.
    let (d, m) = unsafe { (&*dlg, &*msg) };
    if d.call_id.is_null() || m.call_id.is_null() || m.from.is_null() || m.to.is_null() {
        return None;
    }
    Some((d, m))
}

/// Ok(()) when the message's Call-ID is the dialog's; otherwise the code to
/// return (-1 for another dialog, or the parser's error).
///
/// # Safety
/// Both valid, with the Call-IDs checked non-NULL.
unsafe fn same_call_id(d: &osip_dialog_t, m: &osip_message_t) -> Result<(), c_int> {
    let mut text: *mut c_char = ptr::null_mut();
    // SAFETY: valid Call-ID; `text` is ours to free.
    let r = unsafe { osip_call_id_to_str(m.call_id, &mut text) };
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    // SAFETY: both NUL-terminated; `text` came from the parser's allocator.
    let equal = unsafe { bytes(d.call_id) == bytes(text) };
    // SAFETY: as above.
    unsafe { osip_free(text as *mut c_void) };
    if equal {
        Ok(())
    } else {
        Err(OSIP_UNDEFINED_ERROR)
    }
}

/// Turns a remote-tag decision into the match result; `uris_match` compares
/// the From/To URIs when tags cannot decide and `warn` logs a peer that
/// sends a tag the dialog never learnt.
fn remote_verdict(
    check: TagCheck,
    warn: impl FnOnce(),
    uris_match: impl FnOnce() -> bool,
) -> c_int {
    match check {
        TagCheck::Agree => OSIP_SUCCESS,
        TagCheck::Mismatch => OSIP_UNDEFINED_ERROR,
        TagCheck::Missing => OSIP_SYNTAXERROR,
        TagCheck::CompareUris { warn: w } => {
            if w {
                warn();
            }
            if uris_match() {
                OSIP_SUCCESS
            } else {
                OSIP_UNDEFINED_ERROR
            }
        }
    }
}

/// `osip_from_compare(a, b) == 0` for each pair, in order, stopping at the
/// first difference.
///
/// # Safety
/// Every header is NULL or valid.
unsafe fn headers_equal(pairs: [(*mut osip_from_t, *mut osip_from_t); 2]) -> bool {
    pairs.iter().all(|&(a, b)| {
        // SAFETY: the parser rejects NULL headers with an error code.
        unsafe { osip_from_compare(a, b) == 0 }
    })
}

/// Whether a response we received belongs to the dialog: 0 yes, -1 no,
/// -2 for missing arguments, -5 when a required tag is missing. Peers
/// without tags (RFC 2543) are matched on the From and To URIs. Logs a
/// warning on every call, as libosip2 discourages it (forked answers from
/// tagless peers cannot be told apart).
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_match_as_uac(
    dialog: *mut osip_dialog_t,
    response: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or valid pointers from the caller.
        let Some((d, m)) = (unsafe { match_args(dialog, response) }) else {
            return OSIP_BADPARAMETER;
        };
        trace!(
            "osip_dialog.c",
            170,
            OSIP_WARNING,
            "Using this method is discouraged. See source code explanations!\n"
        );
        // SAFETY: checked by `match_args`.
        if let Err(code) = unsafe { same_call_id(d, m) } {
            return code;
        }
        // SAFETY: valid headers and dialog strings.
        let (local, remote, local_tag, remote_tag) = unsafe {
            (
                tag_of(m.from),
                tag_of(m.to),
                bytes(d.local_tag),
                bytes(d.remote_tag),
            )
        };
        match local_tag_check(local, local_tag) {
            TagCheck::Agree => {}
            TagCheck::Missing => return OSIP_SYNTAXERROR,
            _ => return OSIP_UNDEFINED_ERROR,
        }
        remote_verdict(
            remote_tag_check(remote, remote_tag),
            || {
                trace!(
                    "osip_dialog.c",
                    224,
                    OSIP_WARNING,
                    "Remote UA is not compliant: missing a tag in To fields!\n"
                );
            },
            // SAFETY: the dialog's URIs and the message's headers are NULL or valid.
            || unsafe { headers_equal([(d.local_uri, m.from), (d.remote_uri, m.to)]) },
        )
    })
}

/// Whether a request we received belongs to the dialog: 0 yes, -1 no, -2
/// for missing arguments, -5 when a required tag is missing. Only the
/// remote (From) tag is compared: the request's To tag is not examined.
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_match_as_uas(
    dialog: *mut osip_dialog_t,
    request: *mut osip_message_t,
) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or valid pointers from the caller.
        let Some((d, m)) = (unsafe { match_args(dialog, request) }) else {
            return OSIP_BADPARAMETER;
        };
        // SAFETY: checked by `match_args`.
        if let Err(code) = unsafe { same_call_id(d, m) } {
            return code;
        }
        if d.local_tag.is_null() {
            return OSIP_SYNTAXERROR;
        }
        // SAFETY: valid header and dialog string.
        let (remote, remote_tag) = unsafe { (tag_of(m.from), bytes(d.remote_tag)) };
        remote_verdict(
            remote_tag_check(remote, remote_tag),
            || {
                trace!(
                    "osip_dialog.c",
                    301,
                    OSIP_WARNING,
                    "Remote UA is not compliant: missing a tag in To feilds!\n"
                );
            },
            // SAFETY: the dialog's URIs and the message's headers are NULL or valid.
            || unsafe { headers_equal([(d.remote_uri, m.from), (d.local_uri, m.to)]) },
        )
    })
}

/// 1 if the dialog was created as CALLER (we sent the initial request),
/// 0 if not, -2 for NULL. (Declared but not exported by libosip2 5.3.0.)
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_is_originator(dialog: *mut osip_dialog_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a valid dialog.
        unsafe { has_type(dialog, _osip_dialog_type_t::CALLER) }
    })
}

/// 1 if the dialog was created as CALLEE (we received the initial request),
/// 0 if not, -2 for NULL. (Declared but not exported by libosip2 5.3.0.)
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_is_callee(dialog: *mut osip_dialog_t) -> c_int {
    ffi_guard!(OSIP_BADPARAMETER, {
        // SAFETY: NULL or a valid dialog.
        unsafe { has_type(dialog, _osip_dialog_type_t::CALLEE) }
    })
}

/// # Safety
/// `dialog` is NULL or valid.
unsafe fn has_type(dialog: *const osip_dialog_t, t: _osip_dialog_type_t) -> c_int {
    if dialog.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: valid dialog.
    c_int::from(unsafe { (*dialog).type_ } == t as c_int)
}
