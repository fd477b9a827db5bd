//! The logic of libosipparser2 5.3.0 in safe Rust: what `osip_message_parse`,
//! the `*_to_str`, `*_clone` and `*_parse` functions, the setters and the
//! SDP functions compute, with Debian's results byte for byte (return
//! codes, structures, serialised text; see c-tests/parser/).
//!
//! It works on the C structures themselves (`osip_parser_abi`) through
//! their safe accessors; the entry points of `crates/osipparser2` turn C
//! pointers into references and call in here. No raw pointer and no
//! `unsafe` in this crate: the compiler holds us to it.
#![forbid(unsafe_code)]

pub mod body;
pub mod code;
pub mod headers;
pub mod md5;
pub mod message;
pub mod params;
pub mod port;
pub mod sdp;
pub mod uri;

#[cfg(test)]
use osip_alloc_hooks as _;
