//! `<osip2/osip_time.h>`: the monotonic clock every timer uses, and the
//! timeval helpers applications call on timer fields.

use crate::core::timeval::Tv;
use libc::{c_int, c_void, time_t, timeval};
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
#[no_mangle]
pub unsafe extern "C" fn osip_gettimeofday(tp: *mut timeval, tz: *mut c_void) -> c_int {
    let _ = tz;
    ffi_guard!(0, {
        if tp.is_null() {
            return 0;
        }
        // SAFETY: `tp` is non-NULL and points to a timeval owned by the caller.
        unsafe { store_tv(tp, now()) };
        crate::ffi::timer_watch::field_written(tp);
        0
    })
}

/// Adds `ms` milliseconds to `atv`. Delays of 1000000 ms or more are added in
/// whole seconds; a negative delay may leave `tv_usec` negative.
#[no_mangle]
pub unsafe extern "C" fn add_gettimeofday(atv: *mut timeval, ms: c_int) {
    ffi_guard!((), {
        if atv.is_null() {
            return;
        }
        // SAFETY: `atv` is non-NULL and points to a timeval owned by the caller.
        unsafe { store_tv(atv, load_tv(atv).add_ms(ms)) };
        crate::ffi::timer_watch::field_written(atv);
    })
}

/// Replaces `tv1` by `tv2` when `tv2` is armed (`tv_sec != -1`) and earlier.
#[no_mangle]
pub unsafe extern "C" fn min_timercmp(tv1: *mut timeval, tv2: *mut timeval) {
    ffi_guard!((), {
        if tv1.is_null() || tv2.is_null() {
            return;
        }
        // SAFETY: both pointers are non-NULL timevals owned by the caller.
        unsafe { *tv1 = from_tv(to_tv(&*tv1).min_armed(to_tv(&*tv2))) };
    })
}

/// Monotonic seconds, also stored in `*t` when `t` is not NULL.
#[no_mangle]
pub unsafe extern "C" fn osip_getsystemtime(t: *mut time_t) -> time_t {
    ffi_guard!(0, {
        let secs = now().sec;
        if !t.is_null() {
            // SAFETY: `t` is non-NULL and owned by the caller.
            unsafe { *t = secs };
        }
        secs
    })
}

/// Clock-jump compensation: nothing to do with a monotonic clock on Linux.
#[no_mangle]
pub extern "C" fn osip_compensatetime() {}
