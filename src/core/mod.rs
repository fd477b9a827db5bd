//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod dialog;
pub mod ixt;
pub mod kind;
pub mod timeval;
