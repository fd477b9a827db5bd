//! Placeholder until the scheduler lands: writes to timer fields.
use libc::timeval;

/// Called after `osip_gettimeofday` or `add_gettimeofday` wrote `tp`.
pub(crate) fn field_written(tp: *mut timeval) {
    let _ = tp;
}
