//! libosipparser2.so.15: the C entry points of the oSIP message library.
//!
//! Each entry point is `#[osip_cabi::export]` on a literal `#[no_mangle]
//! pub unsafe extern "C" fn` (cbindgen reads the signature for the
//! headers): pointers become references or the call is refused, then safe
//! code runs, most of it in `osip_parser`. This crate is the C layer: the
//! few `unsafe` blocks left here call functions the application handed us
//! or follow pointers of structures the application owns (list iterators).
#![allow(clippy::missing_safety_doc)]
#![deny(unsafe_op_in_unsafe_fn)]

// The allocator hooks applications set (`osip_malloc_func` and the two
// others) are variables of this library.
pub use osip_alloc_hooks::{osip_free_func, osip_malloc_func, osip_realloc_func};

osip_cabi::library!("libosipparser2", include_str!("../exports.list"));

pub mod auth;
pub mod body;
pub mod data;
pub mod headers;
pub mod list;
pub mod md5;
pub mod message;
pub mod port;
pub mod sdp;
pub mod trace;
pub mod uri;

/// Connects the safe code to this library's variables and trace sinks
/// (`osip_parser::port::globals`, `osip_parser::port::trace`), when the
/// library is loaded.
extern "C" fn __osip_parser_connect() {
    data::install();
    trace::install();
}

#[used]
#[link_section = ".init_array"]
static __OSIP_PARSER_CONNECT: extern "C" fn() = __osip_parser_connect;
