//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod kind;
pub mod matching;
pub mod schedule;
pub mod timeval;
