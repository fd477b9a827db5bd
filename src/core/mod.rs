//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod kind;
pub mod timeval;
