//! `<osip2/osip_dialog.h>`: the dialog structure (RFC 3261 section 12).
#![allow(non_camel_case_types)]

use crate::osip::state_t;
use libc::{c_char, c_int, c_void};
use osip_cmem::CObject;
use osip_parser_abi::{osip_contact_t, osip_from_t, osip_list_t, osip_to_t};

/// Which side created the dialog.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum _osip_dialog_type_t {
    CALLER,
    CALLEE,
}
/// CALLER or CALLEE (see `enum _osip_dialog_type_t`).
pub type osip_dialog_type_t = c_int;

#[derive(CObject)]
/// cbindgen:field-names=[call_id, local_tag, remote_tag, line_param, route_set, local_cseq, remote_cseq, remote_uri, local_uri, remote_contact_uri, secure, type, state, your_instance]
/// A dialog. Its strings and lists are allocated with the parser's allocator,
/// so applications may replace them with their own `osip_strdup` copies.
#[repr(C)]
pub struct osip_dialog {
    /// "number@host" form of the Call-ID.
    #[c(str)]
    pub call_id: *mut c_char,
    #[c(str)]
    pub local_tag: *mut c_char,
    #[c(str)]
    pub remote_tag: *mut c_char,
    /// `line` parameter of the request-URI of an incoming INVITE.
    #[c(str)]
    pub line_param: *mut c_char,
    /// Route set: a list of `osip_record_route_t`.
    #[c(list = osip_from_t)]
    pub route_set: osip_list_t,
    pub local_cseq: c_int,
    pub remote_cseq: c_int,
    #[c(owned)]
    remote_uri: *mut osip_to_t,
    #[c(owned)]
    local_uri: *mut osip_from_t,
    /// Remote target.
    #[c(owned)]
    pub remote_contact_uri: *mut osip_contact_t,
    pub secure: c_int,
    pub type_: osip_dialog_type_t,
    /// DIALOG_EARLY, DIALOG_CONFIRMED or DIALOG_CLOSE.
    pub state: state_t,
    #[c(raw)]
    your_instance: *mut c_void,
}
pub type osip_dialog_t = osip_dialog;
