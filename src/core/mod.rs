//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod timeval;
