//! osip2-rs: a memory-safe, ABI-compatible replacement for libosip2 5.3.0,
//! the SIP transaction library (RFC 3261 section 17).
//!
//! Layers, from the inside out:
//! - [`core`]: pure logic with no raw pointers: state tables, timer
//!   arithmetic, matching rules, classification of messages and statuses.
//! - [`abi`] and [`parser`]: `#[repr(C)]` mirrors of the public structs of
//!   libosip2 and of the libosipparser2 types we read.
//! - [`engine`]: per-`osip_t` bookkeeping for scale: the public lists in
//!   constant time, the matching index, queued-event and timer schedules.
//! - [`ffi`]: the `extern "C"` functions of the six public headers. Every
//!   pointer from C is checked there, and `unsafe` stays in that layer.
//! - `host`: the application's callbacks, the process's libosipparser2 and
//!   the clock, behind the traits of `osip_core::host`, for the state
//!   machines of the core.
#![allow(clippy::missing_safety_doc)]

pub use osip_abi as abi;
pub mod alloc;
mod boundary;
pub use osip_core as core;
pub mod engine;
pub mod ffi;
mod forksafe;
mod host;
pub mod parser;
pub mod pool;
mod sys;
