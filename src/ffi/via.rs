//! Where responses go (`osip_core::response`).

use crate::core::response;
use crate::host::Lib;
use crate::parser::osip_message_t;
use libc::{c_char, c_int};
use osip_cabi::export;
use osip_cmem::OString;
use std::ptr;

/// Computes where `response` must be sent from its top Via. `*address` gets
/// a copy the caller frees with `osip_free` (NULL if there is no Via or no
/// host); `*portnum` gets the port (0 without a Via). NULL arguments are
/// ignored.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_response_get_destination(
    #[nonnull] response: *mut osip_message_t,
    #[nullable] address: *mut *mut c_char,
    #[nullable] portnum: *mut c_int,
) {
    let (host, port) = response::destination(&Lib, response).unwrap_or((None, 0));
    if let Some(portnum) = portnum {
        *portnum = port;
    }
    if let Some(address) = address {
        let copy = host.and_then(|h| OString::new(h.to_bytes()));
        *address = copy.map_or(ptr::null_mut(), OString::into_raw);
    }
}
