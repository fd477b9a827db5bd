//! `<osip2/osip_time.h>`: the monotonic clock every timer uses, and the
//! timeval helpers applications call on timer fields.

use crate::core::timeval::Tv;
use libc::{c_int, c_void, time_t, timeval};
use osip_cabi::export;
use std::ptr;
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

/// Reads CLOCK_MONOTONIC (falling back to the wall clock if it fails).
pub(crate) fn now() -> Tv {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-parameter.
    if unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) } == 0 {
        return Tv::new(ts.tv_sec, ts.tv_nsec / 1000);
    }
    let mut tv = timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: `tv` is a valid out-parameter; a NULL timezone is allowed.
    unsafe { libc::gettimeofday(&mut tv, std::ptr::null_mut()) };
    Tv::new(tv.tv_sec, tv.tv_usec)
}

pub(crate) fn to_tv(t: &timeval) -> Tv {
    Tv::new(t.tv_sec, t.tv_usec)
}

/// Reads a transaction timer that another thread's state machine may be
/// writing while the timer functions look at it (H25). Field by field with
/// atomic loads, so the read is defined; a pair torn between two writes is
/// harmless because the engine re-reads the timers when that step ends.
///
/// # Safety
/// `t` points to a live, aligned timeval.
pub(crate) unsafe fn load_tv(t: *const timeval) -> Tv {
    // SAFETY: per the contract; `time_t` and `suseconds_t` are `i64` here.
    unsafe {
        Tv::new(
            AtomicI64::from_ptr(ptr::addr_of!((*t).tv_sec) as *mut i64).load(Relaxed),
            AtomicI64::from_ptr(ptr::addr_of!((*t).tv_usec) as *mut i64).load(Relaxed),
        )
    }
}

/// The writing side of [`load_tv`].
///
/// # Safety
/// `t` points to a live, aligned timeval.
pub(crate) unsafe fn store_tv(t: *mut timeval, v: Tv) {
    // SAFETY: per the contract.
    unsafe {
        store_sec(t, v.sec);
        AtomicI64::from_ptr(ptr::addr_of_mut!((*t).tv_usec)).store(v.usec, Relaxed);
    }
}

/// Writes only the seconds of a timer (-1 disarms it), atomically.
///
/// # Safety
/// `t` points to a live, aligned timeval.
pub(crate) unsafe fn store_sec(t: *mut timeval, sec: time_t) {
    // SAFETY: per the contract.
    unsafe { AtomicI64::from_ptr(ptr::addr_of_mut!((*t).tv_sec)).store(sec, Relaxed) };
}

pub(crate) fn from_tv(t: Tv) -> timeval {
    timeval {
        tv_sec: t.sec,
        tv_usec: t.usec,
    }
}

/// Stores the monotonic time in `tp` and returns 0. `tz` is ignored.
///
/// Applications force a transaction timer by writing "now" into its start
/// field with this function; the timer scheduler is told about such writes.
#[export(refuse = 0)]
#[no_mangle]
pub unsafe extern "C" fn osip_gettimeofday(#[handle] tp: *mut timeval, tz: *mut c_void) -> c_int {
    let _ = tz;
    // Other threads read a timer field meanwhile (H25): `tp` stays a
    // pointer, written atomically.
    // SAFETY: a non-NULL `tp` is the caller's live, aligned timeval.
    unsafe { store_tv(tp.as_ptr(), now()) };
    crate::ffi::timer_watch::field_written(tp.as_ptr());
    0
}

/// Adds `ms` milliseconds to `atv`. Delays of 1000000 ms or more are added in
/// whole seconds; a negative delay may leave `tv_usec` negative.
#[export]
#[no_mangle]
pub unsafe extern "C" fn add_gettimeofday(#[handle] atv: *mut timeval, ms: c_int) {
    // Atomic, as in `osip_gettimeofday`.
    // SAFETY: a non-NULL `atv` is the caller's live, aligned timeval.
    let t = unsafe { load_tv(atv.as_ptr()) };
    // SAFETY: as above.
    unsafe { store_tv(atv.as_ptr(), t.add_ms(ms)) };
    crate::ffi::timer_watch::field_written(atv.as_ptr());
}

/// Replaces `tv1` by `tv2` when `tv2` is armed (`tv_sec != -1`) and earlier.
#[export]
#[no_mangle]
pub unsafe extern "C" fn min_timercmp(#[handle] tv1: *mut timeval, #[handle] tv2: *mut timeval) {
    // Both may be the same timeval: they stay pointers.
    // SAFETY: non-NULL timevals of the caller.
    let a = to_tv(unsafe { tv1.as_ref() });
    // SAFETY: as above.
    let b = to_tv(unsafe { tv2.as_ref() });
    // SAFETY: as above; no reference to either is live.
    unsafe { tv1.write(from_tv(a.min_armed(b))) };
}

/// Monotonic seconds, also stored in `*t` when `t` is not NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_getsystemtime(#[nullable] t: *mut time_t) -> time_t {
    let secs = now().sec;
    if let Some(t) = t {
        *t = secs;
    }
    secs
}

/// Clock-jump compensation: nothing to do with a monotonic clock on Linux.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_compensatetime() {}
