//! Pure logic of the transaction layer: no raw pointers, no FFI.
pub mod classify;
pub mod dialog;
pub mod fsm;
pub mod ixt;
pub mod kind;
pub mod matching;
pub mod nexthop;
pub mod schedule;
pub mod timeval;
