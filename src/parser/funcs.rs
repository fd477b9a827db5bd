//! `extern "C"` declarations of the libosipparser2 functions we call.
//!
//! Their semantics (case rules, NULL handling, allocation) are part of the
//! observable behaviour of libosip2, so we call the real parser rather than
//! re-implementing any of them.
#![allow(non_camel_case_types)]

use super::types::*;
use libc::{c_char, c_int, c_void, size_t};

pub type osip_malloc_func_t = unsafe extern "C" fn(size: size_t) -> *mut c_void;
pub type osip_free_func_t = unsafe extern "C" fn(ptr: *mut c_void);

/// Trace levels of `osip_trace` (`osip_trace_level_t`).
pub const OSIP_FATAL: c_int = 0;
pub const OSIP_BUG: c_int = 1;
pub const OSIP_ERROR: c_int = 2;
pub const OSIP_WARNING: c_int = 3;
pub const OSIP_INFO1: c_int = 4;
pub const OSIP_INFO2: c_int = 5;
pub const OSIP_INFO3: c_int = 6;
pub const OSIP_INFO4: c_int = 7;

#[link(name = "osipparser2")]
extern "C" {
    // The application's allocator hooks (NULL means libc malloc/free).
    pub static mut osip_malloc_func: Option<osip_malloc_func_t>;
    pub static mut osip_free_func: Option<osip_free_func_t>;

    pub fn parser_init() -> c_int;
    pub fn osip_trace(
        fi: *const c_char,
        li: c_int,
        level: c_int,
        f: *mut c_void,
        chfr: *const c_char,
        ...
    ) -> c_int;
    pub fn osip_is_trace_level_activate(level: c_int) -> c_int;

    pub fn osip_strdup(ch: *const c_char) -> *mut c_char;
    pub fn osip_atoi(number: *const c_char) -> c_int;
    pub fn osip_strcasecmp(s1: *const c_char, s2: *const c_char) -> c_int;

    pub fn osip_list_init(li: *mut osip_list_t) -> c_int;
    pub fn osip_list_size(li: *const osip_list_t) -> c_int;
    pub fn osip_list_add(li: *mut osip_list_t, element: *mut c_void, pos: c_int) -> c_int;
    pub fn osip_list_get(li: *const osip_list_t, pos: c_int) -> *mut c_void;
    pub fn osip_list_remove(li: *mut osip_list_t, pos: c_int) -> c_int;
    pub fn osip_list_special_free(
        li: *mut osip_list_t,
        free_func: Option<unsafe extern "C" fn(*mut c_void)>,
    );

    pub fn osip_message_init(sip: *mut *mut osip_message_t) -> c_int;
    pub fn osip_message_free(sip: *mut osip_message_t);
    pub fn osip_message_parse(
        sip: *mut osip_message_t,
        buf: *const c_char,
        length: size_t,
    ) -> c_int;
    pub fn osip_message_clone(sip: *const osip_message_t, dest: *mut *mut osip_message_t) -> c_int;
    pub fn osip_message_to_str(
        sip: *mut osip_message_t,
        dest: *mut *mut c_char,
        len: *mut size_t,
    ) -> c_int;
    pub fn osip_message_get_contact(
        sip: *const osip_message_t,
        pos: c_int,
        dest: *mut *mut osip_contact_t,
    ) -> c_int;
    pub fn osip_message_get_record_route(
        sip: *const osip_message_t,
        pos: c_int,
        dest: *mut *mut osip_record_route_t,
    ) -> c_int;

    pub fn osip_uri_param_get_byname(
        params: *mut osip_list_t,
        name: *mut c_char,
        dest: *mut *mut osip_uri_param_t,
    ) -> c_int;
    pub fn osip_uri_clone(url: *const osip_uri_t, dest: *mut *mut osip_uri_t) -> c_int;
    pub fn osip_uri_free(url: *mut osip_uri_t);

    pub fn osip_via_clone(header: *const osip_via_t, dest: *mut *mut osip_via_t) -> c_int;
    pub fn osip_via_match(via1: *mut osip_via_t, via2: *mut osip_via_t) -> c_int;

    pub fn osip_from_clone(header: *const osip_from_t, dest: *mut *mut osip_from_t) -> c_int;
    pub fn osip_from_free(header: *mut osip_from_t);
    pub fn osip_from_compare(header1: *mut osip_from_t, header2: *mut osip_from_t) -> c_int;
    pub fn osip_from_tag_match(from1: *mut osip_from_t, from2: *mut osip_from_t) -> c_int;
    pub fn osip_to_clone(header: *const osip_to_t, dest: *mut *mut osip_to_t) -> c_int;
    pub fn osip_to_free(header: *mut osip_to_t);
    pub fn osip_to_tag_match(to1: *mut osip_to_t, to2: *mut osip_to_t) -> c_int;
    pub fn osip_contact_clone(
        header: *const osip_contact_t,
        dest: *mut *mut osip_contact_t,
    ) -> c_int;
    pub fn osip_contact_free(header: *mut osip_contact_t);
    pub fn osip_record_route_free(header: *mut osip_record_route_t);

    pub fn osip_call_id_clone(
        header: *const osip_call_id_t,
        dest: *mut *mut osip_call_id_t,
    ) -> c_int;
    pub fn osip_call_id_to_str(header: *const osip_call_id_t, dest: *mut *mut c_char) -> c_int;
    pub fn osip_call_id_match(c1: *mut osip_call_id_t, c2: *mut osip_call_id_t) -> c_int;

    pub fn osip_cseq_clone(header: *const osip_cseq_t, dest: *mut *mut osip_cseq_t) -> c_int;
    pub fn osip_cseq_match(c1: *mut osip_cseq_t, c2: *mut osip_cseq_t) -> c_int;

    pub fn osip_authorization_clone(
        header: *const osip_authorization_t,
        dest: *mut *mut osip_authorization_t,
    ) -> c_int;
    pub fn osip_authorization_free(header: *mut c_void);
    pub fn osip_route_free(header: *mut osip_route_t);
    pub fn osip_strncasecmp(s1: *const c_char, s2: *const c_char, len: size_t) -> c_int;
    pub fn osip_uri_to_str(url: *const osip_uri_t, dest: *mut *mut c_char) -> c_int;
    pub fn osip_via_to_str(via: *const osip_via_t, dest: *mut *mut c_char) -> c_int;
}
