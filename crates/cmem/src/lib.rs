//! The memory of oSIP objects, as safe Rust values.
//!
//! Everything an oSIP application may free, and everything it hands over,
//! is a block of the allocator the osip contract names: the application's
//! hooks (`osip_set_allocators`) when it installed them, else libc's
//! `malloc` (the `osip_free` macro compiled into applications calls `free`
//! directly). This crate is where Rust code meets those blocks:
//!
//! - [`alloc`]: allocation through the hooks;
//! - [`OString`]: an owned, NUL-terminated `char *` block;
//! - [`Owned`]: an owned C object (a struct of `<osipparser2/...>`) and what
//!   its fields own, freed as the library's `*_free` functions free it;
//! - [`osip_list_t`](list::osip_list) and its typed views [`ListRef`] and
//!   [`ListMut`], which follow `osip_list_*`'s rules exactly;
//! - `#[derive(CObject)]` (crate `osip-macros`, re-exported here): safe
//!   getters and setters for a C struct's fields, and the [`CObject`]
//!   implementation that frees what they own.
//!
//! The soundness argument is the C contract, established once at the
//! boundary: a reference to a C struct is made from a pointer the
//! application passed (non-NULL, to a valid object), and from then on every
//! field of it holds NULL or what the field's kind says (an owned string, an
//! owned object, a list of owned elements). Fields are private to the crate
//! declaring the struct, so safe Rust cannot break that invariant; the
//! accessors rely on it.
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(
    clippy::undocumented_unsafe_blocks,
    clippy::multiple_unsafe_ops_per_block
)]

pub mod alloc;
pub mod list;
mod owned;
mod string;

pub use list::{
    __node, __node_t, osip_list, osip_list_t, Appender, CursorMut, ListItem, ListMut, ListRef,
    NoMemory, OutOfRange, StrItem,
};
pub use osip_macros::CObject;
pub use owned::{CObject, Owned};
pub use string::{OBytes, OString};

// Generated code names this crate `::osip_cmem`, also inside it.
extern crate self as osip_cmem;

/// Reading fields, for `#[derive(CObject)]`'s generated accessors.
#[doc(hidden)]
pub mod field {
    pub use crate::string::{bytes_field as get_bytes, field as get_str};
}

#[cfg(test)]
use osip_alloc_hooks as _;

// The macro's expansions name these through `$crate`.
#[doc(hidden)]
pub use libc;
