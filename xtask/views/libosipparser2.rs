//! C views of libosipparser2's Rust definitions: how some of them read in C.
//!
//! Read by cbindgen only (xtask/headers.toml, `views`), before the real
//! sources: each item here replaces the item of the same name there, for the
//! headers alone. xtask fails if a view replaces nothing; tests/layout.rs
//! checks the headers against Debian's. Doc comments (`///`) go into the
//! headers; plain comments explain the view.
#![allow(non_camel_case_types)]

// osip_list_t is defined by crates/cmem (`osip_cmem::osip_list`), which may
// give the struct a field of its own in the padding between `nb_elt` and
// `node` (offsets 4 to 7 on LP64). C programs must see Debian's two fields
// only: they read and write them directly, and a third field would be a
// difference bindgen reports against Debian's header. This view is what the
// header says; the Rust struct keeps Debian's size and the offsets of these
// two fields (crates/parser-abi's layout test checks it against Debian's
// headers, tests/layout.rs checks this header).
/// A list: its number of elements and its first node.
#[repr(C)]
pub struct osip_list {
    pub nb_elt: c_int,
    pub node: *mut __node_t,
}

// A plain `unsigned int` in Rust, where C programs may pass any value:
// reading it as the Rust enum would be undefined behaviour for values
// outside it. C sees the enum typedef of Debian's header.
/// A trace level (see `enum _trace_level`).
pub type osip_trace_level_t = _trace_level;
