//! `#[repr(C)]` mirrors of the libosipparser2 types this library reads.
//!
//! The parser library is not replaced: these definitions only let Rust code
//! read the fields of messages the real parser built. Their layout is checked
//! against `/usr/include/osipparser2` by `tests/layout.rs`.
#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_void, size_t};

/// One node of an `osip_list_t` (`__node_t` in C).
#[repr(C)]
pub struct __node {
    pub next: *mut __node,
    pub element: *mut c_void,
}
pub type __node_t = __node;

/// `osip_list_t`: a singly linked list with an element count.
#[repr(C)]
pub struct osip_list {
    pub nb_elt: c_int,
    pub node: *mut __node_t,
}
pub type osip_list_t = osip_list;

/// `osip_uri_param_t` / `osip_generic_param_t`: a `name=value` pair.
#[repr(C)]
pub struct osip_uri_param {
    pub gname: *mut c_char,
    pub gvalue: *mut c_char,
}
pub type osip_uri_param_t = osip_uri_param;
pub type osip_generic_param_t = osip_uri_param;

#[repr(C)]
pub struct osip_uri {
    pub scheme: *mut c_char,
    pub username: *mut c_char,
    pub password: *mut c_char,
    pub host: *mut c_char,
    pub port: *mut c_char,
    pub url_params: osip_list_t,
    pub url_headers: osip_list_t,
    pub string: *mut c_char,
}
pub type osip_uri_t = osip_uri;

/// `osip_from_t`, also `osip_to_t`, `osip_contact_t`, `osip_route_t`, `osip_record_route_t`.
#[repr(C)]
pub struct osip_from {
    pub displayname: *mut c_char,
    pub url: *mut osip_uri_t,
    pub gen_params: osip_list_t,
}
pub type osip_from_t = osip_from;
pub type osip_to_t = osip_from;
pub type osip_contact_t = osip_from;
pub type osip_route_t = osip_from;
pub type osip_record_route_t = osip_from;

#[repr(C)]
pub struct osip_via {
    pub version: *mut c_char,
    pub protocol: *mut c_char,
    pub host: *mut c_char,
    pub port: *mut c_char,
    pub comment: *mut c_char,
    pub via_params: osip_list_t,
}
pub type osip_via_t = osip_via;

#[repr(C)]
pub struct osip_call_id {
    pub number: *mut c_char,
    pub host: *mut c_char,
}
pub type osip_call_id_t = osip_call_id;

#[repr(C)]
pub struct osip_cseq {
    pub method: *mut c_char,
    pub number: *mut c_char,
}
pub type osip_cseq_t = osip_cseq;

/// `osip_message_t` as compiled by Debian (without `MINISIZE`).
#[repr(C)]
pub struct osip_message {
    pub sip_version: *mut c_char,
    pub req_uri: *mut osip_uri_t,
    pub sip_method: *mut c_char,
    pub status_code: c_int,
    pub reason_phrase: *mut c_char,
    pub accepts: osip_list_t,
    pub accept_encodings: osip_list_t,
    pub accept_languages: osip_list_t,
    pub alert_infos: osip_list_t,
    pub allows: osip_list_t,
    pub authentication_infos: osip_list_t,
    pub authorizations: osip_list_t,
    pub call_id: *mut osip_call_id_t,
    pub call_infos: osip_list_t,
    pub contacts: osip_list_t,
    pub content_encodings: osip_list_t,
    pub content_length: *mut c_void,
    pub content_type: *mut c_void,
    pub cseq: *mut osip_cseq_t,
    pub error_infos: osip_list_t,
    pub from: *mut osip_from_t,
    pub mime_version: *mut c_void,
    pub proxy_authenticates: osip_list_t,
    pub proxy_authentication_infos: osip_list_t,
    pub proxy_authorizations: osip_list_t,
    pub record_routes: osip_list_t,
    pub routes: osip_list_t,
    pub to: *mut osip_to_t,
    pub vias: osip_list_t,
    pub www_authenticates: osip_list_t,
    pub headers: osip_list_t,
    pub bodies: osip_list_t,
    pub message_property: c_int,
    pub message: *mut c_char,
    pub message_length: size_t,
    pub application_data: *mut c_void,
}
pub type osip_message_t = osip_message;
