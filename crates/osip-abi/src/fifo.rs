//! `<osip2/osip_fifo.h>`: the thread-safe event queue of every transaction.
#![allow(non_camel_case_types)]

use crate::mt::{osip_mutex, osip_sem};
use libc::c_int;
use osip_parser_abi::osip_list_t;

/// Whether a fifo holds elements.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum osip_fifo_state {
    osip_ok,
    osip_empty,
}

/// The state of a fifo (see `enum osip_fifo_state`).
pub type fifo_state_t = c_int;

/// A FIFO guarded by a mutex, with a semaphore counting its elements.
#[repr(C)]
pub struct osip_fifo {
    pub qislocked: *mut osip_mutex,
    pub qisempty: *mut osip_sem,
    pub queue: osip_list_t,
    /// Kept for layout compatibility; always 0.
    pub nb_elt: c_int,
    pub state: fifo_state_t,
}
pub type osip_fifo_t = osip_fifo;
