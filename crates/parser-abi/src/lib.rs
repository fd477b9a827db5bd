//! The structures of libosipparser2 5.3.0 (`<osipparser2/...>`), byte for
//! byte as Debian compiled them (without `MINISIZE`): applications and
//! libosip2 read and write their fields directly, so the layouts are ABI
//! (checked against Debian's headers by bindgen in the layout tests).
//!
//! TRANSITION (issue 16): the fields are `pub` while libosip2's code moves
//! to the accessors; they become private when it has.
//!
//! Fields are private to this crate: safe Rust reaches them through the
//! accessors `#[derive(CObject)]` generates from each field's annotation
//! (see `osip_cmem`), which own what the C contract says the field owns.
//! Freeing an `Owned<T>` frees what the library's `osip_X_free` frees.
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

use libc::{c_char, c_int, c_void, size_t};
use osip_cmem::CObject;
pub use osip_cmem::{__node, __node_t, osip_list, osip_list_t};

pub mod defines;

/// `osip_uri_param_t`, also `osip_generic_param_t`: a `name[=value]` pair.
#[derive(CObject)]
#[repr(C)]
pub struct osip_uri_param {
    #[c(str)]
    pub gname: *mut c_char,
    #[c(str)]
    pub gvalue: *mut c_char,
}
pub type osip_uri_param_t = osip_uri_param;
pub type osip_uri_header_t = osip_uri_param;
pub type osip_generic_param_t = osip_uri_param;

/// `osip_uri_t`: a SIP (or other) URI.
#[derive(CObject)]
#[repr(C)]
pub struct osip_uri {
    #[c(str)]
    pub scheme: *mut c_char,
    #[c(str)]
    pub username: *mut c_char,
    #[c(str)]
    pub password: *mut c_char,
    #[c(str)]
    pub host: *mut c_char,
    #[c(str)]
    pub port: *mut c_char,
    #[c(list = osip_uri_param_t)]
    pub url_params: osip_list_t,
    #[c(list = osip_uri_param_t)]
    pub url_headers: osip_list_t,
    /// The whole URI, for schemes other than sip/sips.
    #[c(str)]
    pub string: *mut c_char,
}
pub type osip_uri_t = osip_uri;

/// `osip_from_t`, also To, Contact, Route and Record-Route.
#[derive(CObject)]
#[repr(C)]
pub struct osip_from {
    #[c(str)]
    pub displayname: *mut c_char,
    #[c(owned)]
    pub url: *mut osip_uri_t,
    #[c(list = osip_generic_param_t)]
    pub gen_params: osip_list_t,
}
pub type osip_from_t = osip_from;
pub type osip_to_t = osip_from;
pub type osip_contact_t = osip_from;
pub type osip_route_t = osip_from;
pub type osip_record_route_t = osip_from;

/// `osip_via_t`.
#[derive(CObject)]
#[repr(C)]
pub struct osip_via {
    #[c(str)]
    pub version: *mut c_char,
    #[c(str)]
    pub protocol: *mut c_char,
    #[c(str)]
    pub host: *mut c_char,
    #[c(str)]
    pub port: *mut c_char,
    #[c(str)]
    pub comment: *mut c_char,
    #[c(list = osip_generic_param_t)]
    pub via_params: osip_list_t,
}
pub type osip_via_t = osip_via;

/// `osip_call_id_t`: `number[@host]`.
#[derive(CObject)]
#[repr(C)]
pub struct osip_call_id {
    #[c(str)]
    pub number: *mut c_char,
    #[c(str)]
    pub host: *mut c_char,
}
pub type osip_call_id_t = osip_call_id;

/// `osip_cseq_t`.
#[derive(CObject)]
#[repr(C)]
pub struct osip_cseq {
    #[c(str)]
    pub method: *mut c_char,
    #[c(str)]
    pub number: *mut c_char,
}
pub type osip_cseq_t = osip_cseq;

/// `osip_content_length_t`, also Allow, Content-Encoding and Mime-Version:
/// one value.
#[derive(CObject)]
#[repr(C)]
pub struct osip_content_length {
    #[c(str)]
    pub value: *mut c_char,
}
pub type osip_content_length_t = osip_content_length;
pub type osip_allow_t = osip_content_length;
pub type osip_content_encoding_t = osip_content_length;
pub type osip_mime_version_t = osip_content_length;

/// `osip_content_type_t`, also Accept.
///
/// cbindgen:field-names=[type, subtype, gen_params]
#[derive(CObject)]
#[repr(C)]
pub struct osip_content_type {
    #[c(str)]
    pub type_: *mut c_char,
    #[c(str)]
    pub subtype: *mut c_char,
    #[c(list = osip_generic_param_t)]
    pub gen_params: osip_list_t,
}
pub type osip_content_type_t = osip_content_type;
pub type osip_accept_t = osip_content_type;

/// `osip_accept_encoding_t`, also Accept-Language.
#[derive(CObject)]
#[repr(C)]
pub struct osip_accept_encoding {
    #[c(str)]
    pub element: *mut c_char,
    #[c(list = osip_generic_param_t)]
    pub gen_params: osip_list_t,
}
pub type osip_accept_encoding_t = osip_accept_encoding;
pub type osip_accept_language_t = osip_accept_encoding;

/// `osip_call_info_t`, also Alert-Info, Error-Info and Content-Disposition.
#[derive(CObject)]
#[repr(C)]
pub struct osip_call_info {
    #[c(str)]
    pub element: *mut c_char,
    #[c(list = osip_generic_param_t)]
    pub gen_params: osip_list_t,
}
pub type osip_call_info_t = osip_call_info;
pub type osip_alert_info_t = osip_call_info;
pub type osip_error_info_t = osip_call_info;
pub type osip_content_disposition_t = osip_call_info;

/// `osip_authorization_t`, also Proxy-Authorization.
#[derive(CObject)]
#[repr(C)]
pub struct osip_authorization {
    #[c(str)]
    pub auth_type: *mut c_char,
    #[c(str)]
    pub username: *mut c_char,
    #[c(str)]
    pub realm: *mut c_char,
    #[c(str)]
    pub nonce: *mut c_char,
    #[c(str)]
    pub uri: *mut c_char,
    #[c(str)]
    pub response: *mut c_char,
    #[c(str)]
    pub digest: *mut c_char,
    #[c(str)]
    pub algorithm: *mut c_char,
    #[c(str)]
    pub cnonce: *mut c_char,
    #[c(str)]
    pub opaque: *mut c_char,
    #[c(str)]
    pub message_qop: *mut c_char,
    #[c(str)]
    pub nonce_count: *mut c_char,
    #[c(str)]
    pub version: *mut c_char,
    #[c(str)]
    pub targetname: *mut c_char,
    #[c(str)]
    pub gssapi_data: *mut c_char,
    #[c(str)]
    pub crand: *mut c_char,
    #[c(str)]
    pub cnum: *mut c_char,
    /// Never set by the library and not freed by `osip_authorization_free`
    /// (Debian's frees the 17 fields before it only): not the struct's.
    #[c(raw)]
    pub auth_param: *mut c_char,
}
pub type osip_authorization_t = osip_authorization;
pub type osip_proxy_authorization_t = osip_authorization;

/// `osip_www_authenticate_t`, also Proxy-Authenticate.
#[derive(CObject)]
#[repr(C)]
pub struct osip_www_authenticate {
    #[c(str)]
    pub auth_type: *mut c_char,
    #[c(str)]
    pub realm: *mut c_char,
    #[c(str)]
    pub domain: *mut c_char,
    #[c(str)]
    pub nonce: *mut c_char,
    #[c(str)]
    pub opaque: *mut c_char,
    #[c(str)]
    pub stale: *mut c_char,
    #[c(str)]
    pub algorithm: *mut c_char,
    #[c(str)]
    pub qop_options: *mut c_char,
    #[c(str)]
    pub version: *mut c_char,
    #[c(str)]
    pub targetname: *mut c_char,
    #[c(str)]
    pub gssapi_data: *mut c_char,
    /// Never set by the library and not freed by
    /// `osip_www_authenticate_free`: not the struct's.
    #[c(raw)]
    pub auth_param: *mut c_char,
}
pub type osip_www_authenticate_t = osip_www_authenticate;
pub type osip_proxy_authenticate_t = osip_www_authenticate;

/// `osip_authentication_info_t`, also Proxy-Authentication-Info.
#[derive(CObject)]
#[repr(C)]
pub struct osip_authentication_info {
    #[c(str)]
    pub auth_type: *mut c_char,
    #[c(str)]
    pub nextnonce: *mut c_char,
    #[c(str)]
    pub qop_options: *mut c_char,
    #[c(str)]
    pub rspauth: *mut c_char,
    #[c(str)]
    pub cnonce: *mut c_char,
    #[c(str)]
    pub nonce_count: *mut c_char,
    #[c(str)]
    pub snum: *mut c_char,
    #[c(str)]
    pub srand: *mut c_char,
    #[c(str)]
    pub realm: *mut c_char,
    #[c(str)]
    pub targetname: *mut c_char,
    #[c(str)]
    pub opaque: *mut c_char,
}
pub type osip_authentication_info_t = osip_authentication_info;
pub type osip_proxy_authentication_info_t = osip_authentication_info;

/// `osip_header_t`: a header the parser does not know, as name and value.
#[derive(CObject)]
#[repr(C)]
pub struct osip_header {
    #[c(str)]
    pub hname: *mut c_char,
    #[c(str)]
    pub hvalue: *mut c_char,
}
pub type osip_header_t = osip_header;

/// `osip_body_t`: a body or a MIME part. `body` holds `length` bytes (and a
/// NUL after them): it may contain NULs.
#[derive(CObject)]
#[repr(C)]
pub struct osip_body {
    #[c(bytes = length)]
    pub body: *mut c_char,
    pub length: size_t,
    #[c(owned_list = osip_header_t)]
    pub headers: *mut osip_list_t,
    #[c(owned)]
    pub content_type: *mut osip_content_type_t,
}
pub type osip_body_t = osip_body;

/// `osip_message_t` as Debian compiled it (without `MINISIZE`).
#[derive(CObject)]
#[repr(C)]
pub struct osip_message {
    #[c(str)]
    pub sip_version: *mut c_char,
    #[c(owned)]
    pub req_uri: *mut osip_uri_t,
    #[c(str)]
    pub sip_method: *mut c_char,
    pub status_code: c_int,
    #[c(str)]
    pub reason_phrase: *mut c_char,
    #[c(list = osip_accept_t)]
    pub accepts: osip_list_t,
    #[c(list = osip_accept_encoding_t)]
    pub accept_encodings: osip_list_t,
    #[c(list = osip_accept_language_t)]
    pub accept_languages: osip_list_t,
    #[c(list = osip_alert_info_t)]
    pub alert_infos: osip_list_t,
    #[c(list = osip_allow_t)]
    pub allows: osip_list_t,
    #[c(list = osip_authentication_info_t)]
    pub authentication_infos: osip_list_t,
    #[c(list = osip_authorization_t)]
    pub authorizations: osip_list_t,
    #[c(owned)]
    pub call_id: *mut osip_call_id_t,
    #[c(list = osip_call_info_t)]
    pub call_infos: osip_list_t,
    #[c(list = osip_contact_t)]
    pub contacts: osip_list_t,
    #[c(list = osip_content_encoding_t)]
    pub content_encodings: osip_list_t,
    #[c(owned)]
    pub content_length: *mut osip_content_length_t,
    #[c(owned)]
    pub content_type: *mut osip_content_type_t,
    #[c(owned)]
    pub cseq: *mut osip_cseq_t,
    #[c(list = osip_error_info_t)]
    pub error_infos: osip_list_t,
    #[c(owned)]
    pub from: *mut osip_from_t,
    #[c(owned)]
    pub mime_version: *mut osip_mime_version_t,
    #[c(list = osip_proxy_authenticate_t)]
    pub proxy_authenticates: osip_list_t,
    #[c(list = osip_proxy_authentication_info_t)]
    pub proxy_authentication_infos: osip_list_t,
    #[c(list = osip_proxy_authorization_t)]
    pub proxy_authorizations: osip_list_t,
    #[c(list = osip_record_route_t)]
    pub record_routes: osip_list_t,
    #[c(list = osip_route_t)]
    pub routes: osip_list_t,
    #[c(owned)]
    pub to: *mut osip_to_t,
    #[c(list = osip_via_t)]
    pub vias: osip_list_t,
    #[c(list = osip_www_authenticate_t)]
    pub www_authenticates: osip_list_t,
    #[c(list = osip_header_t)]
    pub headers: osip_list_t,
    #[c(list = osip_body_t)]
    pub bodies: osip_list_t,
    /// 0: `message` holds the serialised message; 2: the message changed.
    pub message_property: c_int,
    /// The message as last serialised (or as received), `message_length` bytes.
    #[c(bytes = message_length)]
    pub message: *mut c_char,
    pub message_length: size_t,
    /// The application's.
    #[c(raw)]
    pub application_data: *mut c_void,
}
pub type osip_message_t = osip_message;

/// `sdp_bandwidth_t`: `b=<bwtype>:<bandwidth>`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_bandwidth {
    #[c(str)]
    pub b_bwtype: *mut c_char,
    #[c(str)]
    pub b_bandwidth: *mut c_char,
}
pub type sdp_bandwidth_t = sdp_bandwidth;

/// `sdp_time_descr_t`: `t=` and its `r=` lines.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_time_descr {
    #[c(str)]
    pub t_start_time: *mut c_char,
    #[c(str)]
    pub t_stop_time: *mut c_char,
    #[c(list = str)]
    pub r_repeats: osip_list_t,
}
pub type sdp_time_descr_t = sdp_time_descr;

/// `sdp_key_t`: `k=<method>[:<key>]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_key {
    #[c(str)]
    pub k_keytype: *mut c_char,
    #[c(str)]
    pub k_keydata: *mut c_char,
}
pub type sdp_key_t = sdp_key;

/// `sdp_attribute_t`: `a=<field>[:<value>]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_attribute {
    #[c(str)]
    pub a_att_field: *mut c_char,
    #[c(str)]
    pub a_att_value: *mut c_char,
}
pub type sdp_attribute_t = sdp_attribute;

/// `sdp_connection_t`: `c=<nettype> <addrtype> <addr>[/ttl[/n]]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_connection {
    #[c(str)]
    pub c_nettype: *mut c_char,
    #[c(str)]
    pub c_addrtype: *mut c_char,
    #[c(str)]
    pub c_addr: *mut c_char,
    #[c(str)]
    pub c_addr_multicast_ttl: *mut c_char,
    #[c(str)]
    pub c_addr_multicast_int: *mut c_char,
}
pub type sdp_connection_t = sdp_connection;

/// `sdp_media_t`: an `m=` line and what follows it.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_media {
    #[c(str)]
    pub m_media: *mut c_char,
    #[c(str)]
    pub m_port: *mut c_char,
    #[c(str)]
    pub m_number_of_port: *mut c_char,
    #[c(str)]
    pub m_proto: *mut c_char,
    #[c(list = str)]
    pub m_payloads: osip_list_t,
    #[c(str)]
    pub i_info: *mut c_char,
    #[c(list = sdp_connection_t)]
    pub c_connections: osip_list_t,
    #[c(list = sdp_bandwidth_t)]
    pub b_bandwidths: osip_list_t,
    #[c(list = sdp_attribute_t)]
    pub a_attributes: osip_list_t,
    #[c(owned)]
    pub k_key: *mut sdp_key_t,
}
pub type sdp_media_t = sdp_media;

/// `sdp_message_t`: a session description.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_message {
    #[c(str)]
    pub v_version: *mut c_char,
    #[c(str)]
    pub o_username: *mut c_char,
    #[c(str)]
    pub o_sess_id: *mut c_char,
    #[c(str)]
    pub o_sess_version: *mut c_char,
    #[c(str)]
    pub o_nettype: *mut c_char,
    #[c(str)]
    pub o_addrtype: *mut c_char,
    #[c(str)]
    pub o_addr: *mut c_char,
    #[c(str)]
    pub s_name: *mut c_char,
    #[c(str)]
    pub i_info: *mut c_char,
    #[c(str)]
    pub u_uri: *mut c_char,
    #[c(list = str)]
    pub e_emails: osip_list_t,
    #[c(list = str)]
    pub p_phones: osip_list_t,
    #[c(owned)]
    pub c_connection: *mut sdp_connection_t,
    #[c(list = sdp_bandwidth_t)]
    pub b_bandwidths: osip_list_t,
    #[c(list = sdp_time_descr_t)]
    pub t_descrs: osip_list_t,
    #[c(str)]
    pub z_adjustments: *mut c_char,
    #[c(owned)]
    pub k_key: *mut sdp_key_t,
    #[c(list = sdp_attribute_t)]
    pub a_attributes: osip_list_t,
    #[c(list = sdp_media_t)]
    pub m_medias: osip_list_t,
}
pub type sdp_message_t = sdp_message;

/// `osip_list_iterator_t`: the application's, on its stack.
#[repr(C)]
pub struct osip_list_iterator {
    pub actual: *mut __node_t,
    pub prev: *mut *mut __node_t,
    pub li: *mut osip_list_t,
    pub pos: c_int,
}
pub type osip_list_iterator_t = osip_list_iterator;

/// `osip_MD5_CTX`.
#[repr(C)]
pub struct osip_MD5_CTX {
    pub state: [defines::UINT4; 4],
    pub count: [defines::UINT4; 2],
    pub buffer: [libc::c_uchar; 64],
}

#[cfg(test)]
use osip_alloc_hooks as _;

#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod view_tests;
