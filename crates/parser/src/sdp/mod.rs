//! SDP (`<osipparser2/sdp_message.h>`): `sdp_message_parse`,
//! `sdp_message_to_str`, `sdp_message_clone` and the accessors of
//! `sdp_accessor.c`, with libosipparser2 5.3.0's results.
//!
//! - [`parse`]: the line-by-line parser, in the library's fixed order of
//!   line types;
//! - [`to_str`]: the serialisation (CRLF line ends, missing optional lines
//!   left out, a missing mandatory field is -1);
//! - [`clone()`]: serialise, then parse the text into a new message, as the
//!   library does;
//! - [`accessors`]: the getters, setters, `_add` and `_del` functions.
//!
//! Errors of this area are -1 (`OSIP_UNDEFINED_ERROR`), not -5.

pub mod accessors;
mod parse;
mod to_str;

pub use parse::parse;
pub use to_str::{to_bytes, to_str};

use crate::code::OSIP_UNDEFINED_ERROR;
use libc::c_int;
use osip_cmem::Owned;
use osip_parser_abi::sdp_message;

/// `sdp_message_clone`: a new message made by parsing the serialisation of
/// `sdp` (so only what survives a to_str/parse round trip is copied). Any
/// failure, of either step, is -1.
pub fn clone(sdp: &sdp_message) -> Result<Owned<sdp_message>, c_int> {
    let text = to_bytes(sdp).map_err(|_| OSIP_UNDEFINED_ERROR)?;
    let mut copy = Owned::<sdp_message>::new().ok_or(OSIP_UNDEFINED_ERROR)?;
    if parse(&mut copy, &text) != 0 {
        return Err(OSIP_UNDEFINED_ERROR);
    }
    Ok(copy)
}

#[cfg(test)]
mod tests;
