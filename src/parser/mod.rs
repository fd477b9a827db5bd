//! The slice of libosipparser2 this library uses: type mirrors and functions.
pub mod funcs;
pub mod types;

pub use funcs::*;
pub use types::*;
