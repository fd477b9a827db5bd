//! The C-visible types of libosip2 5.3.0's six public headers
//! (`<osip2/...>`), byte-identical to Debian's build: applications read and
//! write their fields directly, so the layouts are ABI (checked against
//! Debian's headers by tests/layout.rs).
//!
//! Pointer fields carry their ownership annotation (`#[derive(CObject)]`,
//! see `osip_cmem`), which gives them safe accessors.
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

mod dialog;
mod fifo;
mod mt;
pub mod osip;
mod shared;

pub use dialog::*;
pub use fifo::*;
pub use mt::*;
pub use osip::*;
pub use shared::{store_timer, store_timer_sec};

/// Return codes of `<osipparser2/osip_port.h>`.
pub mod codes {
    use libc::c_int;
    pub const OSIP_SUCCESS: c_int = 0;
    pub const OSIP_UNDEFINED_ERROR: c_int = -1;
    pub const OSIP_BADPARAMETER: c_int = -2;
    pub const OSIP_WRONG_STATE: c_int = -3;
    pub const OSIP_NOMEM: c_int = -4;
    pub const OSIP_SYNTAXERROR: c_int = -5;
    pub const OSIP_NOTFOUND: c_int = -6;
}

#[cfg(test)]
mod view_tests;
