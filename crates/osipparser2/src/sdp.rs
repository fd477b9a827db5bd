//! `<osipparser2/sdp_message.h>`: SDP messages, their parts, and the
//! accessors of `sdp_accessor.c`. The logic is `osip_parser::sdp`.
//!
//! Strings given to a setter or `_add` function become the message's
//! (they are freed with it); when the function refuses, they stay the
//! caller's. Getters return the message's own pointers.
//!
//! NULL arguments: where the library crashes (`sdp_message_parse(sdp,
//! NULL)`, every `m_*` function on a NULL message, the `*_init(NULL)`
//! functions, a NULL `dest`), these return the function's error value (-1
//! for parse, to_str and clone, -2 or NULL for the others).

use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::{CObject, OString, Owned};
use osip_parser::code::{OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use osip_parser::sdp::{self, accessors as acc};
use osip_parser_abi::{
    sdp_attribute_t, sdp_bandwidth_t, sdp_connection_t, sdp_key_t, sdp_media_t, sdp_message_t,
    sdp_time_descr_t,
};
use std::ffi::CStr;
use std::ptr;

/// Takes a string the application hands over.
///
/// # Safety
/// `p` is NULL or a NUL-terminated block of the osip allocator that the
/// caller gives up.
unsafe fn given(p: *mut c_char) -> Option<OString> {
    // SAFETY: per the contract.
    unsafe { OString::from_raw(p) }
}

/// A string of the message as the `char *` getters return it.
fn out_str(s: Option<&CStr>) -> *mut c_char {
    s.map_or(ptr::null_mut(), |s| s.as_ptr() as *mut c_char)
}

/// An element of the message as the element getters return it.
fn out_obj<T>(o: Option<&T>) -> *mut T {
    o.map_or(ptr::null_mut(), |r| r as *const T as *mut T)
}

/// `sdp_X_init`: a new, empty object in `*dest` (NULL and -4 when out of
/// memory).
fn init<T: CObject>(dest: &mut *mut T) -> c_int {
    match Owned::<T>::new() {
        Some(o) => {
            *dest = o.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *dest = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

// ---- init / free of the parts ----

/// Allocates an empty `b=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_bandwidth_init(#[nonnull] elem: *mut *mut sdp_bandwidth_t) -> c_int {
    init(elem)
}

/// Frees a `b=` and its strings (NULL: nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_bandwidth_free(elem: *mut sdp_bandwidth_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

/// Allocates an empty `t=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_time_descr_init(#[nonnull] elem: *mut *mut sdp_time_descr_t) -> c_int {
    init(elem)
}

/// Frees a `t=`, its strings and its `r=` list.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_time_descr_free(elem: *mut sdp_time_descr_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

/// Allocates an empty `k=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_key_init(#[nonnull] elem: *mut *mut sdp_key_t) -> c_int {
    init(elem)
}

/// Frees a `k=` and its strings.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_key_free(elem: *mut sdp_key_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

/// Allocates an empty `a=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_attribute_init(#[nonnull] elem: *mut *mut sdp_attribute_t) -> c_int {
    init(elem)
}

/// Frees an `a=` and its strings.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_attribute_free(elem: *mut sdp_attribute_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

/// Allocates an empty `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_connection_init(#[nonnull] elem: *mut *mut sdp_connection_t) -> c_int {
    init(elem)
}

/// Frees a `c=` and its strings.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_connection_free(elem: *mut sdp_connection_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

/// Allocates an empty media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_media_init(#[nonnull] elem: *mut *mut sdp_media_t) -> c_int {
    init(elem)
}

/// Frees a media section and everything in it.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_media_free(elem: *mut sdp_media_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(elem) });
}

// ---- the message ----

/// Allocates an empty SDP message.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_init(#[nonnull] sdp: *mut *mut sdp_message_t) -> c_int {
    init(sdp)
}

/// Frees an SDP message and everything in it.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_free(sdp: *mut sdp_message_t) {
    // SAFETY: the application gives up its object (C contract).
    drop(unsafe { Owned::from_raw(sdp) });
}

/// Parses `buf` into `sdp`: 0, or -1 (what was read stays in `sdp`).
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_parse(
    #[nonnull] sdp: *mut sdp_message_t,
    #[cstr] buf: *const c_char,
) -> c_int {
    sdp::parse(sdp, buf.to_bytes())
}

/// Serialises `sdp` into a new string `*dest` (NULL on error): 0, -1 when
/// a mandatory field is missing (or `sdp` is NULL), -4 out of memory.
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_to_str(
    sdp: *mut sdp_message_t,
    #[nonnull] dest: *mut *mut c_char,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message, not otherwise
    // borrowed during the call.
    let Some(sdp) = (unsafe { sdp.as_ref() }) else {
        return OSIP_UNDEFINED_ERROR;
    };
    match sdp::to_str(sdp) {
        Ok(s) => {
            *dest = s.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// A copy of `sdp` in `*dest`, made by serialising and parsing again: 0,
/// or -1 (`*dest` NULL then).
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_clone(
    sdp: *mut sdp_message_t,
    #[nonnull] dest: *mut *mut sdp_message_t,
) -> c_int {
    *dest = ptr::null_mut();
    // SAFETY: the C contract: NULL or a valid message, not otherwise
    // borrowed during the call.
    let Some(sdp) = (unsafe { sdp.as_ref() }) else {
        return OSIP_UNDEFINED_ERROR;
    };
    match sdp::clone(sdp) {
        Ok(c) => {
            *dest = c.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// 0 when media section `pos` exists or `pos` is -1 (or any negative), -1
/// past the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_endof_media(
    #[nonnull] sdp: *mut sdp_message_t,
    pos: c_int,
) -> c_int {
    acc::endof_media(sdp, pos)
}

// ---- v= o= s= i= u= e= p= z= ----

/// Sets `v=` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_v_version_set(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_v_version(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `v=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_v_version_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.v_version())
}

/// Sets the six fields of `o=` (the previous ones are not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_origin_set(
    #[nonnull] sdp: *mut sdp_message_t,
    username: *mut c_char,
    sess_id: *mut c_char,
    sess_version: *mut c_char,
    nettype: *mut c_char,
    addrtype: *mut c_char,
    addr: *mut c_char,
) -> c_int {
    let o = [username, sess_id, sess_version, nettype, addrtype, addr].map(|p| {
        // SAFETY: the application hands the strings over (C contract).
        unsafe { given(p) }
    });
    acc::set_origin(sdp, o);
    OSIP_SUCCESS
}

/// The username of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_username_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.o_username())
}

/// The session id of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_sess_id_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.o_sess_id())
}

/// The session version of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_sess_version_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.o_sess_version())
}

/// The network type of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_nettype_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.o_nettype())
}

/// The address type of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_addrtype_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.o_addrtype())
}

/// The address of `o=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_o_addr_get(#[nonnull] sdp: *mut sdp_message_t) -> *mut c_char {
    out_str(sdp.o_addr())
}

/// Sets `s=` (the previous value is not freed); -1 for a NULL message.
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_s_name_set(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_s_name(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `s=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_s_name_get(#[nonnull] sdp: *mut sdp_message_t) -> *mut c_char {
    out_str(sdp.s_name())
}

/// Sets `i=` of the session (-1) or of a media section (-1 when it does
/// not exist); the previous value is not freed.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_i_info_set(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_i_info(sdp, pos_media, unsafe { given(value) })
}

/// `i=` of the session (-1) or of a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_i_info_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::i_info(sdp, pos_media))
}

/// Sets `u=` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_u_uri_set(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_u_uri(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `u=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_u_uri_get(#[nonnull] sdp: *mut sdp_message_t) -> *mut c_char {
    out_str(sdp.u_uri())
}

/// Appends an `e=` (NULL included).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_e_email_add(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::add_email(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `e=` number `pos`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_e_email_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::email(sdp, pos))
}

/// Appends a `p=` (NULL included).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_p_phone_add(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::add_phone(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `p=` number `pos`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_p_phone_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::phone(sdp, pos))
}

/// Sets `z=` (the previous value is not freed).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_z_adjustments_set(
    #[nonnull] sdp: *mut sdp_message_t,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_z_adjustments(sdp, unsafe { given(value) });
    OSIP_SUCCESS
}

/// `z=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_z_adjustments_get(
    #[nonnull] sdp: *mut sdp_message_t,
) -> *mut c_char {
    out_str(sdp.z_adjustments())
}

// ---- c= ----

/// Adds a `c=`: the session's (-1, replacing the previous one, not freed)
/// or one more of a media section's. -1 when the section does not exist.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_connection_add(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    nettype: *mut c_char,
    addrtype: *mut c_char,
    addr: *mut c_char,
    addr_multicast_ttl: *mut c_char,
    addr_multicast_int: *mut c_char,
) -> c_int {
    let c = [
        nettype,
        addrtype,
        addr,
        addr_multicast_ttl,
        addr_multicast_int,
    ]
    .map(|p| {
        // SAFETY: the application hands the strings over (C contract).
        unsafe { given(p) }
    });
    acc::add_connection(sdp, pos_media, c)
}

/// The session's `c=` (-1; `pos` unused) or `c=` number `pos` of a media
/// section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_connection_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut sdp_connection_t {
    out_obj(acc::connection(sdp, pos_media, pos))
}

/// The network type of a `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_nettype_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::connection(sdp, pos_media, pos).and_then(|c| c.c_nettype()))
}

/// The address type of a `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_addrtype_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::connection(sdp, pos_media, pos).and_then(|c| c.c_addrtype()))
}

/// The address of a `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_addr_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::connection(sdp, pos_media, pos).and_then(|c| c.c_addr()))
}

/// The multicast TTL of a `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_addr_multicast_ttl_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::connection(sdp, pos_media, pos).and_then(|c| c.c_addr_multicast_ttl()))
}

/// The multicast address count of a `c=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_c_addr_multicast_int_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::connection(sdp, pos_media, pos).and_then(|c| c.c_addr_multicast_int()))
}

// ---- b= ----

/// Appends a `b=` to the session (-1) or a media section (-1 when it does
/// not exist).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_b_bandwidth_add(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    bwtype: *mut c_char,
    bandwidth: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the strings over (C contract).
    let bwtype = unsafe { given(bwtype) };
    // SAFETY: as above.
    let bandwidth = unsafe { given(bandwidth) };
    acc::add_bandwidth(sdp, pos_media, bwtype, bandwidth)
}

/// `b=` number `pos` of the session (-1) or a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_bandwidth_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut sdp_bandwidth_t {
    out_obj(acc::bandwidth(sdp, pos_media, pos))
}

/// The type of a `b=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_b_bwtype_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::bandwidth(sdp, pos_media, pos).and_then(|b| b.b_bwtype()))
}

/// The value of a `b=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_b_bandwidth_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::bandwidth(sdp, pos_media, pos).and_then(|b| b.b_bandwidth()))
}

// ---- t= r= ----

/// Appends a `t=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_t_time_descr_add(
    #[nonnull] sdp: *mut sdp_message_t,
    start: *mut c_char,
    stop: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the strings over (C contract).
    let start = unsafe { given(start) };
    // SAFETY: as above.
    let stop = unsafe { given(stop) };
    acc::add_time_descr(sdp, start, stop)
}

/// The start time of `t=` number `pos_td`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_t_start_time_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_td: c_int,
) -> *mut c_char {
    out_str(acc::time_descr(sdp, pos_td).and_then(|t| t.t_start_time()))
}

/// The stop time of `t=` number `pos_td`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_t_stop_time_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_td: c_int,
) -> *mut c_char {
    out_str(acc::time_descr(sdp, pos_td).and_then(|t| t.t_stop_time()))
}

/// Appends an `r=` to `t=` number `pos_time_descr` (-1 when it does not
/// exist).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_r_repeat_add(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_time_descr: c_int,
    value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::add_repeat(sdp, pos_time_descr, unsafe { given(value) })
}

/// `r=` number `pos_repeat` of `t=` number `pos_time_descr`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_r_repeat_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_time_descr: c_int,
    pos_repeat: c_int,
) -> *mut c_char {
    out_str(acc::repeat(sdp, pos_time_descr, pos_repeat))
}

// ---- k= ----

/// Sets the `k=` of the session (-1) or a media section (-1 when it does
/// not exist); the previous key is not freed.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_k_key_set(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    keytype: *mut c_char,
    keydata: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the strings over (C contract).
    let keytype = unsafe { given(keytype) };
    // SAFETY: as above.
    let keydata = unsafe { given(keydata) };
    acc::set_key(sdp, pos_media, keytype, keydata)
}

/// The method of the `k=` of the session (-1) or a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_k_keytype_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::key(sdp, pos_media).and_then(|k| k.k_keytype()))
}

/// The key of the `k=` of the session (-1) or a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_k_keydata_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::key(sdp, pos_media).and_then(|k| k.k_keydata()))
}

// ---- a= ----

/// Appends an `a=` to the session (-1) or a media section (-1 when it does
/// not exist).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_a_attribute_add(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    att_field: *mut c_char,
    att_value: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the strings over (C contract).
    let field = unsafe { given(att_field) };
    // SAFETY: as above.
    let value = unsafe { given(att_value) };
    acc::add_attribute(sdp, pos_media, field, value)
}

/// Frees every `a=` named `att_field` of the session (-1) or a media
/// section (-1 when it does not exist).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_a_attribute_del(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    att_field: *mut c_char,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string, unchanged during the call.
    let field = unsafe { osip_cabi::c_str(att_field) };
    acc::del_attributes(sdp, pos_media, field)
}

/// Frees `a=` number `pos_attr` if it is named `att_field` (-2 if not);
/// `pos_attr` -1: every `a=` so named.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_a_attribute_del_at_index(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    att_field: *mut c_char,
    pos_attr: c_int,
) -> c_int {
    // SAFETY: the C contract: NULL or a C string, unchanged during the call.
    let field = unsafe { osip_cabi::c_str(att_field) };
    acc::del_attribute_at(sdp, pos_media, field, pos_attr)
}

/// `a=` number `pos` of the session (-1) or a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_attribute_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut sdp_attribute_t {
    out_obj(acc::attribute(sdp, pos_media, pos))
}

/// The name of an `a=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_a_att_field_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::attribute(sdp, pos_media, pos).and_then(|a| a.a_att_field()))
}

/// The value of an `a=`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_a_att_value_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::attribute(sdp, pos_media, pos).and_then(|a| a.a_att_value()))
}

// ---- m= ----

/// Appends a media section.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_media_add(
    #[nonnull] sdp: *mut sdp_message_t,
    media: *mut c_char,
    port: *mut c_char,
    number_of_port: *mut c_char,
    proto: *mut c_char,
) -> c_int {
    let m = [media, port, number_of_port, proto].map(|p| {
        // SAFETY: the application hands the strings over (C contract).
        unsafe { given(p) }
    });
    acc::add_media(sdp, m)
}

/// The media type of section `pos_media`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_media_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::media(sdp, pos_media).and_then(|m| m.m_media()))
}

/// The port of section `pos_media`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_port_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::media(sdp, pos_media).and_then(|m| m.m_port()))
}

/// Replaces (and frees) the port of section `pos_media`; -2 when it does
/// not exist.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_port_set(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    port: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::set_port(sdp, pos_media, unsafe { given(port) })
}

/// The number of ports of section `pos_media`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_number_of_port_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::media(sdp, pos_media).and_then(|m| m.m_number_of_port()))
}

/// The protocol of section `pos_media`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_proto_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
) -> *mut c_char {
    out_str(acc::media(sdp, pos_media).and_then(|m| m.m_proto()))
}

/// Appends a format to section `pos_media` (-2 when it does not exist).
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_payload_add(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    payload: *mut c_char,
) -> c_int {
    // SAFETY: the application hands the string over (C contract).
    acc::add_payload(sdp, pos_media, unsafe { given(payload) })
}

/// Format number `pos` of section `pos_media`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_payload_get(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> *mut c_char {
    out_str(acc::payload(sdp, pos_media, pos))
}

/// Frees format number `pos` of section `pos_media`: -2 when the section
/// does not exist, -1 when the format does not.
#[export]
#[no_mangle]
pub unsafe extern "C" fn sdp_message_m_payload_del(
    #[nonnull] sdp: *mut sdp_message_t,
    pos_media: c_int,
    pos: c_int,
) -> c_int {
    acc::del_payload(sdp, pos_media, pos)
}
