//! Fields a state machine writes while another thread may be reading them.
//!
//! Many applications run the timer functions (`osip_timers_*_execute`,
//! `osip_timers_gettimeout`) in one thread and `osip_*_execute` in another,
//! as libosip2 allows: the timer side reads a transaction's state and its
//! timer starts without any lock (hazard H25). The writing side stores
//! them atomically, a single relaxed store per field, so that those reads
//! are defined; the engine re-reads the fields when the step ends.

use crate::osip::{osip_transaction, state_t};
use libc::{time_t, timeval};
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering::Relaxed};

impl osip_transaction {
    /// Sets `state`.
    pub fn store_state(&mut self, state: state_t) {
        // SAFETY: the pointer comes from `&mut self.state`, an aligned
        // `int` this thread may write; other threads only load it atomically.
        unsafe { AtomicI32::from_ptr(&mut self.state) }.store(state, Relaxed);
    }
}

/// Sets a timer start to `sec`.`usec` (seconds first: a reader seeing -1
/// there treats the timer as off).
pub fn store_timer(t: &mut timeval, sec: time_t, usec: libc::suseconds_t) {
    store_timer_sec(t, sec);
    // SAFETY: as in `osip_transaction::store_state`, for an aligned `long`.
    unsafe { AtomicI64::from_ptr(&mut t.tv_usec) }.store(usec, Relaxed);
}

/// Sets only the seconds of a timer start (-1 turns the timer off).
pub fn store_timer_sec(t: &mut timeval, sec: time_t) {
    // SAFETY: as in `osip_transaction::store_state`, for an aligned `long`.
    unsafe { AtomicI64::from_ptr(&mut t.tv_sec) }.store(sec, Relaxed);
}
