//! The slice of libosipparser2 this library uses: type mirrors, functions and
//! small NULL-safe readers.
pub mod funcs;
pub mod types;
pub mod util;

pub use funcs::*;
pub use types::*;
