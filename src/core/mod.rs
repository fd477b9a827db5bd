//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod classify;
pub mod fsm;
pub mod kind;
pub mod nexthop;
pub mod timeval;
