//! The accessors of `sdp_accessor.c`.
//!
//! Positions are the library's: `pos_media == -1` is the session level,
//! `0..n` a media section; an element position out of range reads as
//! nothing. The setters and `_add` functions take ownership of the strings
//! they store and never free what a field held before (the application
//! may still hold it): only `sdp_message_m_port_set` frees the old port.
//! When one of them refuses, the strings stay the caller's: they come in as
//! [`OString`]s and are handed back with [`disown`], not freed.
//!
//! Where the library dereferences NULL (a position below -1 given to the
//! `_add` functions, `k_key_set` and the `k_*_get` getters; a NULL name in
//! the attribute deletions), these functions refuse with the library's
//! error code for a bad position instead.

use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use libc::c_int;
use osip_cmem::{CObject, ListItem, ListMut, ListRef, OString, Owned, StrItem};
use osip_parser_abi::{
    sdp_attribute, sdp_bandwidth, sdp_connection, sdp_key, sdp_media, sdp_message, sdp_time_descr,
};
use std::ffi::CStr;
use std::ptr;

/// Gives up a string without freeing it: it still belongs to whoever holds
/// its pointer (the caller of a refused setter, or the application that
/// set a value the library replaces without freeing).
pub fn disown(s: Option<OString>) {
    if let Some(s) = s {
        let _ = s.into_raw();
    }
}

/// [`disown`] for an object.
fn disown_object<T: CObject>(o: Option<Owned<T>>) {
    if let Some(o) = o {
        let _ = o.into_raw();
    }
}

fn disown_all<const N: usize>(strings: [Option<OString>; N]) {
    strings.into_iter().for_each(disown);
}

/// `osip_list_get(list, pos)`.
fn at<'a, I: ListItem + ?Sized>(list: ListRef<'a, I>, pos: c_int) -> Option<&'a I::Target> {
    list.get(usize::try_from(pos).ok()?)
}

/// `osip_list_add(list, s, -1)` for a string that may be NULL. When no
/// node can be allocated the library loses the string; it is freed here.
fn push_str(mut list: ListMut<'_, StrItem>, s: Option<OString>) {
    match s {
        Some(s) => drop(list.push(s)),
        None => drop(list.raw().add_raw(ptr::null_mut(), -1)),
    }
}

/// `osip_list_add(list, element, -1)` (an element no node can be
/// allocated for is freed).
fn push<T: CObject>(mut list: ListMut<'_, T>, element: Owned<T>) {
    drop(list.push(element));
}

/// Media section `pos`.
pub fn media(sdp: &sdp_message, pos: c_int) -> Option<&sdp_media> {
    at(sdp.m_medias(), pos)
}

fn media_mut(sdp: &mut sdp_message, pos: c_int) -> Option<&mut sdp_media> {
    sdp.m_medias_mut().into_mut(usize::try_from(pos).ok()?)
}

/// The library's check of a `pos_media` before adding to it: -1 or an
/// existing media section. Positions below -1 pass the library's check
/// (then it dereferences NULL): refused here too.
fn media_exists(sdp: &sdp_message, pos_media: c_int) -> bool {
    pos_media == -1 || media(sdp, pos_media).is_some()
}

// ---- session-level strings ----

/// `sdp_message_v_version_set`.
pub fn set_v_version(sdp: &mut sdp_message, v: Option<OString>) {
    disown(sdp.take_v_version());
    sdp.set_v_version(v);
}

/// `sdp_message_o_origin_set`: username, sess_id, sess_version, nettype,
/// addrtype, addr.
pub fn set_origin(sdp: &mut sdp_message, o: [Option<OString>; 6]) {
    let [username, sess_id, sess_version, nettype, addrtype, addr] = o;
    disown_all([
        sdp.take_o_username(),
        sdp.take_o_sess_id(),
        sdp.take_o_sess_version(),
        sdp.take_o_nettype(),
        sdp.take_o_addrtype(),
        sdp.take_o_addr(),
    ]);
    sdp.set_o_username(username);
    sdp.set_o_sess_id(sess_id);
    sdp.set_o_sess_version(sess_version);
    sdp.set_o_nettype(nettype);
    sdp.set_o_addrtype(addrtype);
    sdp.set_o_addr(addr);
}

/// `sdp_message_s_name_set`.
pub fn set_s_name(sdp: &mut sdp_message, v: Option<OString>) {
    disown(sdp.take_s_name());
    sdp.set_s_name(v);
}

/// `sdp_message_u_uri_set`.
pub fn set_u_uri(sdp: &mut sdp_message, v: Option<OString>) {
    disown(sdp.take_u_uri());
    sdp.set_u_uri(v);
}

/// `sdp_message_z_adjustments_set`.
pub fn set_z_adjustments(sdp: &mut sdp_message, v: Option<OString>) {
    disown(sdp.take_z_adjustments());
    sdp.set_z_adjustments(v);
}

/// `sdp_message_i_info_get`.
pub fn i_info(sdp: &sdp_message, pos_media: c_int) -> Option<&CStr> {
    if pos_media == -1 {
        return sdp.i_info();
    }
    media(sdp, pos_media)?.i_info()
}

/// `sdp_message_i_info_set`: -1 for a media section that does not exist.
pub fn set_i_info(sdp: &mut sdp_message, pos_media: c_int, v: Option<OString>) -> c_int {
    if pos_media == -1 {
        disown(sdp.take_i_info());
        sdp.set_i_info(v);
        return OSIP_SUCCESS;
    }
    match media_mut(sdp, pos_media) {
        Some(m) => {
            disown(m.take_i_info());
            m.set_i_info(v);
            OSIP_SUCCESS
        }
        None => {
            disown(v);
            OSIP_UNDEFINED_ERROR
        }
    }
}

/// `sdp_message_e_email_add` (a NULL email is added as such).
pub fn add_email(sdp: &mut sdp_message, v: Option<OString>) {
    push_str(sdp.e_emails_mut(), v);
}

/// `sdp_message_e_email_get`.
pub fn email(sdp: &sdp_message, pos: c_int) -> Option<&CStr> {
    at(sdp.e_emails(), pos)
}

/// `sdp_message_p_phone_add`.
pub fn add_phone(sdp: &mut sdp_message, v: Option<OString>) {
    push_str(sdp.p_phones_mut(), v);
}

/// `sdp_message_p_phone_get`.
pub fn phone(sdp: &sdp_message, pos: c_int) -> Option<&CStr> {
    at(sdp.p_phones(), pos)
}

// ---- c= b= ----

/// `sdp_message_c_connection_add`: nettype, addrtype, addr,
/// multicast ttl, multicast int. At the session level the connection
/// replaces the previous one, which is not freed. -1 for a media section
/// that does not exist, -4 out of memory.
pub fn add_connection(sdp: &mut sdp_message, pos_media: c_int, c: [Option<OString>; 5]) -> c_int {
    if !media_exists(sdp, pos_media) {
        disown_all(c);
        return OSIP_UNDEFINED_ERROR;
    }
    let Some(mut conn) = Owned::<sdp_connection>::new() else {
        disown_all(c);
        return OSIP_NOMEM;
    };
    let [nettype, addrtype, addr, ttl, int] = c;
    conn.set_c_nettype(nettype);
    conn.set_c_addrtype(addrtype);
    conn.set_c_addr(addr);
    conn.set_c_addr_multicast_ttl(ttl);
    conn.set_c_addr_multicast_int(int);
    match media_mut(sdp, pos_media) {
        Some(m) => push(m.c_connections_mut(), conn),
        None => {
            disown_object(sdp.take_c_connection());
            sdp.set_c_connection(Some(conn));
        }
    }
    OSIP_SUCCESS
}

/// `sdp_message_connection_get`: at the session level `pos` is not looked
/// at (there is one connection).
pub fn connection(sdp: &sdp_message, pos_media: c_int, pos: c_int) -> Option<&sdp_connection> {
    if pos_media == -1 {
        return sdp.c_connection();
    }
    at(media(sdp, pos_media)?.c_connections(), pos)
}

/// `sdp_message_b_bandwidth_add`: -1 for a media section that does not
/// exist, -4 out of memory.
pub fn add_bandwidth(
    sdp: &mut sdp_message,
    pos_media: c_int,
    bwtype: Option<OString>,
    bandwidth: Option<OString>,
) -> c_int {
    if !media_exists(sdp, pos_media) {
        disown_all([bwtype, bandwidth]);
        return OSIP_UNDEFINED_ERROR;
    }
    let Some(mut b) = Owned::<sdp_bandwidth>::new() else {
        disown_all([bwtype, bandwidth]);
        return OSIP_NOMEM;
    };
    b.set_b_bwtype(bwtype);
    b.set_b_bandwidth(bandwidth);
    match media_mut(sdp, pos_media) {
        Some(m) => push(m.b_bandwidths_mut(), b),
        None => push(sdp.b_bandwidths_mut(), b),
    }
    OSIP_SUCCESS
}

/// `sdp_message_bandwidth_get`.
pub fn bandwidth(sdp: &sdp_message, pos_media: c_int, pos: c_int) -> Option<&sdp_bandwidth> {
    if pos_media == -1 {
        return at(sdp.b_bandwidths(), pos);
    }
    at(media(sdp, pos_media)?.b_bandwidths(), pos)
}

// ---- t= r= ----

/// `sdp_message_t_time_descr_add`: -4 out of memory.
pub fn add_time_descr(
    sdp: &mut sdp_message,
    start: Option<OString>,
    stop: Option<OString>,
) -> c_int {
    let Some(mut t) = Owned::<sdp_time_descr>::new() else {
        disown_all([start, stop]);
        return OSIP_NOMEM;
    };
    t.set_t_start_time(start);
    t.set_t_stop_time(stop);
    push(sdp.t_descrs_mut(), t);
    OSIP_SUCCESS
}

/// Time description `pos`.
pub fn time_descr(sdp: &sdp_message, pos: c_int) -> Option<&sdp_time_descr> {
    at(sdp.t_descrs(), pos)
}

/// `sdp_message_r_repeat_add`: -1 for a time description that does not
/// exist.
pub fn add_repeat(sdp: &mut sdp_message, pos_td: c_int, v: Option<OString>) -> c_int {
    let Some(t) = usize::try_from(pos_td)
        .ok()
        .and_then(|p| sdp.t_descrs_mut().into_mut(p))
    else {
        disown(v);
        return OSIP_UNDEFINED_ERROR;
    };
    push_str(t.r_repeats_mut(), v);
    OSIP_SUCCESS
}

/// `sdp_message_r_repeat_get`.
pub fn repeat(sdp: &sdp_message, pos_td: c_int, pos: c_int) -> Option<&CStr> {
    at(time_descr(sdp, pos_td)?.r_repeats(), pos)
}

// ---- k= ----

/// `sdp_message_k_key_set`: the key replaces the previous one, which is
/// not freed. -1 for a media section that does not exist, -4 out of
/// memory.
pub fn set_key(
    sdp: &mut sdp_message,
    pos_media: c_int,
    keytype: Option<OString>,
    keydata: Option<OString>,
) -> c_int {
    if !media_exists(sdp, pos_media) {
        disown_all([keytype, keydata]);
        return OSIP_UNDEFINED_ERROR;
    }
    let Some(mut k) = Owned::<sdp_key>::new() else {
        disown_all([keytype, keydata]);
        return OSIP_NOMEM;
    };
    k.set_k_keytype(keytype);
    k.set_k_keydata(keydata);
    match media_mut(sdp, pos_media) {
        Some(m) => {
            disown_object(m.take_k_key());
            m.set_k_key(Some(k));
        }
        None => {
            disown_object(sdp.take_k_key());
            sdp.set_k_key(Some(k));
        }
    }
    OSIP_SUCCESS
}

/// The key of the session (`pos_media == -1`) or of a media section.
pub fn key(sdp: &sdp_message, pos_media: c_int) -> Option<&sdp_key> {
    if pos_media == -1 {
        return sdp.k_key();
    }
    media(sdp, pos_media)?.k_key()
}

// ---- a= ----

/// `sdp_message_a_attribute_add`: -1 for a media section that does not
/// exist, -4 out of memory.
pub fn add_attribute(
    sdp: &mut sdp_message,
    pos_media: c_int,
    field: Option<OString>,
    value: Option<OString>,
) -> c_int {
    if !media_exists(sdp, pos_media) {
        disown_all([field, value]);
        return OSIP_UNDEFINED_ERROR;
    }
    let Some(mut a) = Owned::<sdp_attribute>::new() else {
        disown_all([field, value]);
        return OSIP_NOMEM;
    };
    a.set_a_att_field(field);
    a.set_a_att_value(value);
    match media_mut(sdp, pos_media) {
        Some(m) => push(m.a_attributes_mut(), a),
        None => push(sdp.a_attributes_mut(), a),
    }
    OSIP_SUCCESS
}

/// `sdp_message_attribute_get`.
pub fn attribute(sdp: &sdp_message, pos_media: c_int, pos: c_int) -> Option<&sdp_attribute> {
    if pos_media == -1 {
        return at(sdp.a_attributes(), pos);
    }
    at(media(sdp, pos_media)?.a_attributes(), pos)
}

/// Whether an attribute is named `field` (`strcmp`; a NULL on either side,
/// which the library dereferences, matches nothing).
fn named(a: Option<&sdp_attribute>, field: Option<&CStr>) -> bool {
    matches!((a.and_then(sdp_attribute::a_att_field), field), (Some(x), Some(y)) if x == y)
}

/// The attribute list of the session or of a media section.
fn attributes_mut(sdp: &mut sdp_message, pos_media: c_int) -> Option<ListMut<'_, sdp_attribute>> {
    if pos_media == -1 {
        return Some(sdp.a_attributes_mut());
    }
    Some(media_mut(sdp, pos_media)?.a_attributes_mut())
}

/// `sdp_message_a_attribute_del`: frees every attribute named `field`;
/// -1 for a media section that does not exist.
pub fn del_attributes(sdp: &mut sdp_message, pos_media: c_int, field: Option<&CStr>) -> c_int {
    let Some(mut list) = attributes_mut(sdp, pos_media) else {
        return OSIP_UNDEFINED_ERROR;
    };
    let doomed: Vec<c_int> = list
        .as_ref()
        .iter()
        .enumerate()
        .filter(|(_, a)| named(*a, field))
        .filter_map(|(i, _)| c_int::try_from(i).ok())
        .collect();
    for i in doomed.into_iter().rev() {
        drop(list.remove(i));
    }
    OSIP_SUCCESS
}

/// `sdp_message_a_attribute_del_at_index`: frees attribute `pos_attr` if
/// it is named `field` (-2 otherwise), or every attribute named `field`
/// when `pos_attr` is -1. -2 for a media position past the end, -1 for a
/// negative one other than -1.
pub fn del_attribute_at(
    sdp: &mut sdp_message,
    pos_media: c_int,
    field: Option<&CStr>,
    pos_attr: c_int,
) -> c_int {
    if pos_media >= sdp.m_medias().raw().count() {
        return OSIP_BADPARAMETER;
    }
    if pos_attr == -1 {
        return del_attributes(sdp, pos_media, field);
    }
    let Some(mut list) = attributes_mut(sdp, pos_media) else {
        return OSIP_UNDEFINED_ERROR;
    };
    if !named(at(list.as_ref(), pos_attr), field) {
        return OSIP_BADPARAMETER;
    }
    drop(list.remove(pos_attr));
    OSIP_SUCCESS
}

// ---- m= ----

/// `sdp_message_m_media_add`: appends a media section; -4 out of memory.
pub fn add_media(sdp: &mut sdp_message, m: [Option<OString>; 4]) -> c_int {
    let Some(mut media) = Owned::<sdp_media>::new() else {
        disown_all(m);
        return OSIP_NOMEM;
    };
    let [kind, port, number_of_port, proto] = m;
    media.set_m_media(kind);
    media.set_m_port(port);
    media.set_m_number_of_port(number_of_port);
    media.set_m_proto(proto);
    push(sdp.m_medias_mut(), media);
    OSIP_SUCCESS
}

/// `sdp_message_m_port_set`: replaces (and frees) the port; -2 for a media
/// section that does not exist.
pub fn set_port(sdp: &mut sdp_message, pos_media: c_int, port: Option<OString>) -> c_int {
    match media_mut(sdp, pos_media) {
        Some(m) => {
            m.set_m_port(port);
            OSIP_SUCCESS
        }
        None => {
            disown(port);
            OSIP_BADPARAMETER
        }
    }
}

/// `sdp_message_m_payload_add`: -2 for a media section that does not
/// exist.
pub fn add_payload(sdp: &mut sdp_message, pos_media: c_int, payload: Option<OString>) -> c_int {
    match media_mut(sdp, pos_media) {
        Some(m) => {
            push_str(m.m_payloads_mut(), payload);
            OSIP_SUCCESS
        }
        None => {
            disown(payload);
            OSIP_BADPARAMETER
        }
    }
}

/// `sdp_message_m_payload_get`.
pub fn payload(sdp: &sdp_message, pos_media: c_int, pos: c_int) -> Option<&CStr> {
    at(media(sdp, pos_media)?.m_payloads(), pos)
}

/// `sdp_message_m_payload_del`: frees payload `pos`; -2 for a media
/// section that does not exist, -1 for a payload that does not (or is
/// NULL).
pub fn del_payload(sdp: &mut sdp_message, pos_media: c_int, pos: c_int) -> c_int {
    let Some(m) = media_mut(sdp, pos_media) else {
        return OSIP_BADPARAMETER;
    };
    let mut list = m.m_payloads_mut();
    if at(list.as_ref(), pos).is_none() {
        return OSIP_UNDEFINED_ERROR;
    }
    drop(list.remove(pos));
    OSIP_SUCCESS
}

/// `sdp_message_endof_media`: 0 for -1 or any position before the end
/// (negative ones included), -1 past the end.
pub fn endof_media(sdp: &sdp_message, i: c_int) -> c_int {
    if i == -1 || i < sdp.m_medias().raw().count() {
        OSIP_SUCCESS
    } else {
        OSIP_UNDEFINED_ERROR
    }
}
