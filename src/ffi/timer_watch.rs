//! Writes to timer fields through our time functions.
use libc::timeval;

/// Called after `osip_gettimeofday` or `add_gettimeofday` wrote `tp`:
/// applications force a transaction timer that way.
pub(crate) fn field_written(tp: *mut timeval) {
    crate::engine::timer_written(tp);
}
