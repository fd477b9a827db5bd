//! `<osip2/osip_dialog.h>`: the dialog structure (RFC 3261 section 12).
#![allow(non_camel_case_types)]

use crate::abi::osip::state_t;
use crate::parser::{osip_contact_t, osip_from_t, osip_list_t, osip_to_t};
use libc::{c_char, c_int, c_void};

/// Which side created the dialog.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum _osip_dialog_type_t {
    CALLER,
    CALLEE,
}
/// CALLER or CALLEE (see `enum _osip_dialog_type_t`).
pub type osip_dialog_type_t = c_int;

/// cbindgen:field-names=[call_id, local_tag, remote_tag, line_param, route_set, local_cseq, remote_cseq, remote_uri, local_uri, remote_contact_uri, secure, type, state, your_instance]
/// A dialog. Its strings and lists are allocated with the parser's allocator,
/// so applications may replace them with their own `osip_strdup` copies.
#[repr(C)]
pub struct osip_dialog {
    /// "number@host" form of the Call-ID.
    pub call_id: *mut c_char,
    pub local_tag: *mut c_char,
    pub remote_tag: *mut c_char,
    /// `line` parameter of the request-URI of an incoming INVITE.
    pub line_param: *mut c_char,
    /// Route set: a list of `osip_record_route_t`.
    pub route_set: osip_list_t,
    pub local_cseq: c_int,
    pub remote_cseq: c_int,
    pub remote_uri: *mut osip_to_t,
    pub local_uri: *mut osip_from_t,
    /// Remote target.
    pub remote_contact_uri: *mut osip_contact_t,
    pub secure: c_int,
    pub type_: osip_dialog_type_t,
    /// DIALOG_EARLY, DIALOG_CONFIRMED or DIALOG_CLOSE.
    pub state: state_t,
    pub your_instance: *mut c_void,
}
pub type osip_dialog_t = osip_dialog;
