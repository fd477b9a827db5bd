//! `<osip2/osip_dialog.h>`: creating, updating and matching dialogs. The
//! rules live in `osip_core::dialog`; each entry point checks its pointers
//! and calls in with the process's parser.
//!
//! Every string and header a dialog holds comes from the osip allocator:
//! applications swap them for their own copies and free them with
//! `osip_free` and the parser's free functions.

use crate::abi::codes::OSIP_SUCCESS;
use crate::abi::{_osip_dialog_type_t, osip_dialog_t, state_t};
use crate::core::dialog;
use crate::host::Lib;
use crate::parser::osip_message_t;
use libc::c_int;
use osip_cabi::export;
use osip_cmem::Owned;
use std::ptr;

/// Hands a constructor's result to C: `*out` gets the dialog, or NULL on
/// failure; the code is returned.
fn deliver(out: &mut *mut osip_dialog_t, made: Result<Owned<osip_dialog_t>, c_int>) -> c_int {
    let (dialog, code) = match made {
        Ok(d) => (d.into_raw(), OSIP_SUCCESS),
        Err(code) => (ptr::null_mut(), code),
    };
    *out = dialog;
    code
}

/// Creates a CALLER dialog from a response to our request (a 1xx with a
/// To tag, or a 2xx): local tag from From (required), remote tag from To
/// (optional), route set = the response's Record-Routes reversed, remote
/// target = its Contact. Returns 0, or an error with `*dialog` set to NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uac(
    #[nonnull] dialog: *mut *mut osip_dialog_t,
    #[nullable] response: *mut osip_message_t,
) -> c_int {
    deliver(dialog, dialog::init_as_uac(&Lib, response.as_deref()))
}

/// Creates a confirmed CALLER dialog from a request the peer sent inside a
/// dialog we have not seen established yet (e.g. a NOTIFY arriving before
/// the answer to our SUBSCRIBE). The request's To must carry our tag.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uac_with_remote_request(
    #[nonnull] dialog: *mut *mut osip_dialog_t,
    #[nullable] next_request: *mut osip_message_t,
    local_cseq: c_int,
) -> c_int {
    let request = next_request.as_deref();
    let made = dialog::init_as_uac_with_remote_request(&Lib, request, local_cseq);
    deliver(dialog, made)
}

/// Creates a CALLEE dialog from a received INVITE and our response to it:
/// local tag from the response's To, remote tag from its From, route set =
/// the response's Record-Routes in order, remote target = the INVITE's
/// Contact, `line_param` from the INVITE's request-URI.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_init_as_uas(
    #[nonnull] dialog: *mut *mut osip_dialog_t,
    invite: *mut osip_message_t,
    response: *mut osip_message_t,
) -> c_int {
    // Shared borrows, not `#[nullable]`'s `&mut`: an application may pass
    // one message as both.
    // SAFETY: the C contract: NULL or a valid message.
    let invite = unsafe { invite.as_ref() };
    // SAFETY: as above.
    let response = unsafe { response.as_ref() };
    deliver(dialog, dialog::init_as_uas(&Lib, invite, response))
}

/// Frees a dialog and everything it holds. NULL is ignored.
///
/// Stop its out-of-transaction retransmissions first
/// (`osip_stop_retransmissions_from_dialog`): they point to it.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_free(dialog: *mut osip_dialog_t) {
    // SAFETY: the C contract: NULL or a dialog from one of the
    // constructors, whose fields it owns; not used after this.
    drop(unsafe { Owned::from_raw(dialog) });
}

/// Sets the dialog's state (DIALOG_EARLY, DIALOG_CONFIRMED, DIALOG_CLOSE).
/// NULL is ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_set_state(
    #[nonnull] dialog: *mut osip_dialog_t,
    state: state_t,
) {
    dialog.state = state;
}

/// Target refresh as UAS: the remote target becomes the first Contact of
/// the request (the route set is never changed). A request without Contact
/// keeps the target and returns 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_route_set_as_uas(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] invite: *mut osip_message_t,
) -> c_int {
    dialog::update_route_set_as_uas(&Lib, dialog, invite)
}

/// Records the CSeq number of a request received in the dialog as the
/// remote CSeq.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_osip_cseq_as_uas(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] request: *mut osip_message_t,
) -> c_int {
    dialog::update_cseq_as_uas(&Lib, dialog, request)
}

/// Target refresh as UAC from a response: the remote target becomes its
/// Contact; while the dialog is early, the route set is rebuilt from its
/// Record-Routes (reversed); a 2xx confirms the dialog.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_route_set_as_uac(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] response: *mut osip_message_t,
) -> c_int {
    dialog::update_route_set_as_uac(&Lib, dialog, response)
}

/// Learns the remote tag from a response's To (when the early response
/// carried none). A dialog that already has one keeps it and gets -3.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_update_tag_as_uac(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] response: *mut osip_message_t,
) -> c_int {
    dialog::update_tag_as_uac(&Lib, dialog, response)
}

/// Whether a response we received belongs to the dialog: 0 yes, -1 no,
/// -2 for missing arguments, -5 when a required tag is missing. Peers
/// without tags (RFC 2543) are matched on the From and To URIs. Logs a
/// warning on every call, as libosip2 discourages it (forked answers from
/// tagless peers cannot be told apart).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_match_as_uac(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] response: *mut osip_message_t,
) -> c_int {
    dialog::match_as_uac(&Lib, dialog, response)
}

/// Whether a request we received belongs to the dialog: 0 yes, -1 no, -2
/// for missing arguments, -5 when a required tag is missing. Only the
/// remote (From) tag is compared: the request's To tag is not examined.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_match_as_uas(
    #[nonnull] dialog: *mut osip_dialog_t,
    #[nonnull] request: *mut osip_message_t,
) -> c_int {
    dialog::match_as_uas(&Lib, dialog, request)
}

/// 1 if the dialog was created as CALLER (we sent the initial request),
/// 0 if not, -2 for NULL. (Declared but not exported by libosip2 5.3.0.)
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_is_originator(#[nonnull] dialog: *mut osip_dialog_t) -> c_int {
    c_int::from(dialog::created_as(dialog, _osip_dialog_type_t::CALLER))
}

/// 1 if the dialog was created as CALLEE (we received the initial request),
/// 0 if not, -2 for NULL. (Declared but not exported by libosip2 5.3.0.)
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dialog_is_callee(#[nonnull] dialog: *mut osip_dialog_t) -> c_int {
    c_int::from(dialog::created_as(dialog, _osip_dialog_type_t::CALLEE))
}
