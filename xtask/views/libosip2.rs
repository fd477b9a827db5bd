//! C views of libosip2's Rust definitions: how some of them read in C.
//!
//! Read by cbindgen only (xtask/headers.toml, `views`), before the real
//! sources: each item here replaces the item of the same name there, for the
//! headers alone. xtask fails if a view replaces nothing.
//!
//! These typedefs name a C enum. In Rust the struct fields and parameters
//! of these types are a plain `c_int`: C programs may store any value there,
//! so Rust never reads them as the enum (crates/osip-abi). C programs see Debian's
//! `typedef enum TAG NAME;`, so that C++ code assigning a field to an
//! enum-typed variable compiles as with the upstream headers.
#![allow(non_camel_case_types)]

/// A transaction or dialog state (see `enum _state_t`).
pub type state_t = _state_t;

/// An event type (see `enum type_t`); `type_t` in C.
pub type event_type_t = type_t;

/// A transaction kind (see `enum osip_fsm_type_t`); `osip_fsm_type_t` in C.
pub type fsm_type_t = osip_fsm_type_t;

/// The state of a FIFO (see `enum osip_fifo_state`); `osip_fifo_state` in C.
pub type fifo_state_t = osip_fifo_state;

/// CALLER or CALLEE (see `enum _osip_dialog_type_t`).
pub type osip_dialog_type_t = _osip_dialog_type_t;
