//! The structures of libosipparser2 5.3.0 (`<osipparser2/...>`), byte for
//! byte as Debian compiled them (without `MINISIZE`): applications and
//! libosip2 read and write their fields directly, so the layouts are ABI
//! (checked against Debian's headers by bindgen in the layout tests).
//!
//! Fields are private to this crate: safe Rust reaches them through the
//! accessors `#[derive(CObject)]` generates from each field's annotation
//! (see `osip_cmem`), which own what the C contract says the field owns.
//! The few still `pub` are read or written in place by code outside
//! (libosip2's C layer, the parser's message core, tests that play the
//! application); each becomes private when that code uses an accessor.
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
    gname: *mut c_char,
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
    scheme: *mut c_char,
    #[c(str)]
    username: *mut c_char,
    #[c(str)]
    password: *mut c_char,
    #[c(str)]
    pub host: *mut c_char,
    #[c(str)]
    pub port: *mut c_char,
    #[c(list = osip_uri_param_t)]
    pub url_params: osip_list_t,
    #[c(list = osip_uri_param_t)]
    url_headers: osip_list_t,
    /// The whole URI, for schemes other than sip/sips.
    #[c(str)]
    string: *mut c_char,
}
pub type osip_uri_t = osip_uri;

/// `osip_from_t`, also To, Contact, Route and Record-Route.
#[derive(CObject)]
#[repr(C)]
pub struct osip_from {
    #[c(str)]
    displayname: *mut c_char,
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
    version: *mut c_char,
    #[c(str)]
    pub protocol: *mut c_char,
    #[c(str)]
    pub host: *mut c_char,
    #[c(str)]
    pub port: *mut c_char,
    #[c(str)]
    comment: *mut c_char,
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
    host: *mut c_char,
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
    value: *mut c_char,
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
    type_: *mut c_char,
    #[c(str)]
    subtype: *mut c_char,
    #[c(list = osip_generic_param_t)]
    gen_params: osip_list_t,
}
pub type osip_content_type_t = osip_content_type;
pub type osip_accept_t = osip_content_type;

/// `osip_accept_encoding_t`, also Accept-Language.
#[derive(CObject)]
#[repr(C)]
pub struct osip_accept_encoding {
    #[c(str)]
    element: *mut c_char,
    #[c(list = osip_generic_param_t)]
    gen_params: osip_list_t,
}
pub type osip_accept_encoding_t = osip_accept_encoding;
pub type osip_accept_language_t = osip_accept_encoding;

/// `osip_call_info_t`, also Alert-Info, Error-Info and Content-Disposition.
#[derive(CObject)]
#[repr(C)]
pub struct osip_call_info {
    #[c(str)]
    element: *mut c_char,
    #[c(list = osip_generic_param_t)]
    gen_params: osip_list_t,
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
    auth_type: *mut c_char,
    #[c(str)]
    username: *mut c_char,
    #[c(str)]
    realm: *mut c_char,
    #[c(str)]
    nonce: *mut c_char,
    #[c(str)]
    uri: *mut c_char,
    #[c(str)]
    response: *mut c_char,
    #[c(str)]
    digest: *mut c_char,
    #[c(str)]
    algorithm: *mut c_char,
    #[c(str)]
    cnonce: *mut c_char,
    #[c(str)]
    opaque: *mut c_char,
    #[c(str)]
    message_qop: *mut c_char,
    #[c(str)]
    nonce_count: *mut c_char,
    #[c(str)]
    version: *mut c_char,
    #[c(str)]
    targetname: *mut c_char,
    #[c(str)]
    gssapi_data: *mut c_char,
    #[c(str)]
    crand: *mut c_char,
    #[c(str)]
    cnum: *mut c_char,
    /// Never set by the library and not freed by `osip_authorization_free`
    /// (Debian's frees the 17 fields before it only): not the struct's.
    #[c(raw)]
    auth_param: *mut c_char,
}
pub type osip_authorization_t = osip_authorization;
pub type osip_proxy_authorization_t = osip_authorization;

/// `osip_www_authenticate_t`, also Proxy-Authenticate.
#[derive(CObject)]
#[repr(C)]
pub struct osip_www_authenticate {
    #[c(str)]
    auth_type: *mut c_char,
    #[c(str)]
    realm: *mut c_char,
    #[c(str)]
    domain: *mut c_char,
    #[c(str)]
    nonce: *mut c_char,
    #[c(str)]
    opaque: *mut c_char,
    #[c(str)]
    stale: *mut c_char,
    #[c(str)]
    algorithm: *mut c_char,
    #[c(str)]
    qop_options: *mut c_char,
    #[c(str)]
    version: *mut c_char,
    #[c(str)]
    targetname: *mut c_char,
    #[c(str)]
    gssapi_data: *mut c_char,
    /// Never set by the library and not freed by
    /// `osip_www_authenticate_free`: not the struct's.
    #[c(raw)]
    auth_param: *mut c_char,
}
pub type osip_www_authenticate_t = osip_www_authenticate;
pub type osip_proxy_authenticate_t = osip_www_authenticate;

/// `osip_authentication_info_t`, also Proxy-Authentication-Info.
#[derive(CObject)]
#[repr(C)]
pub struct osip_authentication_info {
    #[c(str)]
    auth_type: *mut c_char,
    #[c(str)]
    nextnonce: *mut c_char,
    #[c(str)]
    qop_options: *mut c_char,
    #[c(str)]
    rspauth: *mut c_char,
    #[c(str)]
    cnonce: *mut c_char,
    #[c(str)]
    nonce_count: *mut c_char,
    #[c(str)]
    snum: *mut c_char,
    #[c(str)]
    srand: *mut c_char,
    #[c(str)]
    realm: *mut c_char,
    #[c(str)]
    targetname: *mut c_char,
    #[c(str)]
    opaque: *mut c_char,
}
pub type osip_authentication_info_t = osip_authentication_info;
pub type osip_proxy_authentication_info_t = osip_authentication_info;

/// `osip_header_t`: a header the parser does not know, as name and value.
#[derive(CObject)]
#[repr(C)]
pub struct osip_header {
    #[c(str)]
    hname: *mut c_char,
    #[c(str)]
    hvalue: *mut c_char,
}
pub type osip_header_t = osip_header;

/// `osip_body_t`: a body or a MIME part. `body` holds `length` bytes (and a
/// NUL after them): it may contain NULs.
#[derive(CObject)]
#[repr(C)]
pub struct osip_body {
    #[c(bytes = length)]
    body: *mut c_char,
    pub length: size_t,
    #[c(owned_list = osip_header_t)]
    headers: *mut osip_list_t,
    #[c(owned)]
    content_type: *mut osip_content_type_t,
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
    accepts: osip_list_t,
    #[c(list = osip_accept_encoding_t)]
    accept_encodings: osip_list_t,
    #[c(list = osip_accept_language_t)]
    accept_languages: osip_list_t,
    #[c(list = osip_alert_info_t)]
    alert_infos: osip_list_t,
    #[c(list = osip_allow_t)]
    allows: osip_list_t,
    #[c(list = osip_authentication_info_t)]
    authentication_infos: osip_list_t,
    #[c(list = osip_authorization_t)]
    pub authorizations: osip_list_t,
    #[c(owned)]
    pub call_id: *mut osip_call_id_t,
    #[c(list = osip_call_info_t)]
    call_infos: osip_list_t,
    #[c(list = osip_contact_t)]
    contacts: osip_list_t,
    #[c(list = osip_content_encoding_t)]
    content_encodings: osip_list_t,
    #[c(owned)]
    content_length: *mut osip_content_length_t,
    #[c(owned)]
    content_type: *mut osip_content_type_t,
    #[c(owned)]
    pub cseq: *mut osip_cseq_t,
    #[c(list = osip_error_info_t)]
    error_infos: osip_list_t,
    #[c(owned)]
    pub from: *mut osip_from_t,
    #[c(owned)]
    mime_version: *mut osip_mime_version_t,
    #[c(list = osip_proxy_authenticate_t)]
    proxy_authenticates: osip_list_t,
    #[c(list = osip_proxy_authentication_info_t)]
    proxy_authentication_infos: osip_list_t,
    #[c(list = osip_proxy_authorization_t)]
    pub proxy_authorizations: osip_list_t,
    #[c(list = osip_record_route_t)]
    record_routes: osip_list_t,
    #[c(list = osip_route_t)]
    pub routes: osip_list_t,
    #[c(owned)]
    pub to: *mut osip_to_t,
    #[c(list = osip_via_t)]
    pub vias: osip_list_t,
    #[c(list = osip_www_authenticate_t)]
    www_authenticates: osip_list_t,
    #[c(list = osip_header_t)]
    pub headers: osip_list_t,
    #[c(list = osip_body_t)]
    bodies: osip_list_t,
    /// 0: `message` holds the serialised message; 2: the message changed.
    pub message_property: c_int,
    /// The message as last serialised (or as received), `message_length` bytes.
    #[c(bytes = message_length)]
    message: *mut c_char,
    pub message_length: size_t,
    /// The application's.
    #[c(raw)]
    application_data: *mut c_void,
}
pub type osip_message_t = osip_message;

/// `sdp_bandwidth_t`: `b=<bwtype>:<bandwidth>`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_bandwidth {
    #[c(str)]
    b_bwtype: *mut c_char,
    #[c(str)]
    b_bandwidth: *mut c_char,
}
pub type sdp_bandwidth_t = sdp_bandwidth;

/// `sdp_time_descr_t`: `t=` and its `r=` lines.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_time_descr {
    #[c(str)]
    t_start_time: *mut c_char,
    #[c(str)]
    t_stop_time: *mut c_char,
    #[c(list = str)]
    r_repeats: osip_list_t,
}
pub type sdp_time_descr_t = sdp_time_descr;

/// `sdp_key_t`: `k=<method>[:<key>]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_key {
    #[c(str)]
    k_keytype: *mut c_char,
    #[c(str)]
    k_keydata: *mut c_char,
}
pub type sdp_key_t = sdp_key;

/// `sdp_attribute_t`: `a=<field>[:<value>]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_attribute {
    #[c(str)]
    a_att_field: *mut c_char,
    #[c(str)]
    a_att_value: *mut c_char,
}
pub type sdp_attribute_t = sdp_attribute;

/// `sdp_connection_t`: `c=<nettype> <addrtype> <addr>[/ttl[/n]]`.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_connection {
    #[c(str)]
    c_nettype: *mut c_char,
    #[c(str)]
    c_addrtype: *mut c_char,
    #[c(str)]
    c_addr: *mut c_char,
    #[c(str)]
    c_addr_multicast_ttl: *mut c_char,
    #[c(str)]
    c_addr_multicast_int: *mut c_char,
}
pub type sdp_connection_t = sdp_connection;

/// `sdp_media_t`: an `m=` line and what follows it.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_media {
    #[c(str)]
    m_media: *mut c_char,
    #[c(str)]
    m_port: *mut c_char,
    #[c(str)]
    m_number_of_port: *mut c_char,
    #[c(str)]
    m_proto: *mut c_char,
    #[c(list = str)]
    m_payloads: osip_list_t,
    #[c(str)]
    i_info: *mut c_char,
    #[c(list = sdp_connection_t)]
    c_connections: osip_list_t,
    #[c(list = sdp_bandwidth_t)]
    b_bandwidths: osip_list_t,
    #[c(list = sdp_attribute_t)]
    a_attributes: osip_list_t,
    #[c(owned)]
    k_key: *mut sdp_key_t,
}
pub type sdp_media_t = sdp_media;

/// `sdp_message_t`: a session description.
#[derive(CObject)]
#[repr(C)]
pub struct sdp_message {
    #[c(str)]
    v_version: *mut c_char,
    #[c(str)]
    o_username: *mut c_char,
    #[c(str)]
    o_sess_id: *mut c_char,
    #[c(str)]
    o_sess_version: *mut c_char,
    #[c(str)]
    o_nettype: *mut c_char,
    #[c(str)]
    o_addrtype: *mut c_char,
    #[c(str)]
    o_addr: *mut c_char,
    #[c(str)]
    s_name: *mut c_char,
    #[c(str)]
    i_info: *mut c_char,
    #[c(str)]
    u_uri: *mut c_char,
    #[c(list = str)]
    e_emails: osip_list_t,
    #[c(list = str)]
    p_phones: osip_list_t,
    #[c(owned)]
    c_connection: *mut sdp_connection_t,
    #[c(list = sdp_bandwidth_t)]
    b_bandwidths: osip_list_t,
    #[c(list = sdp_time_descr_t)]
    t_descrs: osip_list_t,
    #[c(str)]
    z_adjustments: *mut c_char,
    #[c(owned)]
    k_key: *mut sdp_key_t,
    #[c(list = sdp_attribute_t)]
    a_attributes: osip_list_t,
    #[c(list = sdp_media_t)]
    m_medias: osip_list_t,
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
