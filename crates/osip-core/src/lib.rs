//! The SIP transaction layer of osip2-rs in safe Rust (RFC 3261 section 17):
//! the state tables, timer arithmetic, matching rules, dialog rules and the
//! decisions of the four state machines. No raw pointer and no `unsafe`
//! here: the compiler holds us to it. The C layer (the `osip2` crate) turns
//! C pointers into views and calls in.
#![forbid(unsafe_code)]

pub mod ack;
pub mod actions;
pub mod callbacks;
pub mod classify;
pub mod context;
pub mod dialog;
pub mod engine;
pub mod event;
#[cfg(test)]
mod fake;
pub mod fsm;
pub mod hints;
pub mod host;
pub mod ixt;
pub mod kind;
pub mod matching;
pub mod msg;
pub mod nexthop;
pub mod response;
pub mod schedule;
pub mod timeval;
pub mod trace;
pub mod transaction;
