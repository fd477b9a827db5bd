//! Reading messages and headers as libosip2 reads them (through the
//! parser's accessors, with the parser's own lookup rules).

use osip_cmem::ListRef;
use osip_parser_abi::{osip_from_t, osip_generic_param_t, osip_message_t, osip_via_t};
use std::ffi::CStr;

/// `osip_uri_param_get_byname`: the first parameter whose name is `name`,
/// compared without case, in list order; the walk stops at a NULL element.
/// (A parameter without a name would crash the library; it never matches
/// here.)
pub fn param<'a>(
    list: ListRef<'a, osip_generic_param_t>,
    name: &[u8],
) -> Option<&'a osip_generic_param_t> {
    if name.is_empty() {
        return None;
    }
    list.iter().map_while(|p| p).find(|p| {
        p.gname()
            .is_some_and(|g| g.to_bytes().eq_ignore_ascii_case(name))
    })
}

/// The value of the parameter `name`, if it has one.
pub fn param_value<'a>(list: ListRef<'a, osip_generic_param_t>, name: &[u8]) -> Option<&'a CStr> {
    param(list, name)?.gvalue()
}

/// A message's first Via.
pub fn top_via(msg: &osip_message_t) -> Option<&osip_via_t> {
    msg.vias().get(0)
}

/// A Via's `branch` value.
pub fn branch(via: &osip_via_t) -> Option<&CStr> {
    param_value(via.via_params(), b"branch")
}

/// A From or To header's `tag` value.
pub fn tag(h: &osip_from_t) -> Option<&CStr> {
    param_value(h.gen_params(), b"tag")
}

/// Whether a message is a request (libosip2: its status code is 0).
pub fn is_request(msg: &osip_message_t) -> bool {
    msg.status_code == 0
}
