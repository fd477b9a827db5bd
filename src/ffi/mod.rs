//! The `extern "C"` surface: one module per area of the public headers.
//!
//! Every exported function wraps its body in [`ffi_guard!`], so that a Rust
//! panic never unwinds into C, and checks each pointer it is given before use.

/// Runs the body of an exported function; a panic becomes `$on_panic`.
///
/// Release builds abort on panic (`panic = "abort"`), so this matters for
/// test builds, where the Rust test harness forces unwinding.
macro_rules! ffi_guard {
    ($on_panic:expr, $body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(v) => v,
            Err(_) => $on_panic,
        }
    };
}

/// `osip_trace` with a compile-time format string, as libosip2 logs:
/// `trace!("osip.c", 1690, OSIP_ERROR, "invalid callback type %d\n", t)`.
/// File name and line are those of the C library, so logs stay identical.
macro_rules! trace {
    ($file:literal, $line:expr, $level:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {
        // SAFETY: the format is a NUL-terminated literal and the arguments
        // match its conversions.
        unsafe {
            $crate::parser::osip_trace(
                concat!($file, "\0").as_ptr() as *const ::libc::c_char,
                $line,
                $level,
                ::std::ptr::null_mut(),
                concat!($fmt, "\0").as_ptr() as *const ::libc::c_char
                $(, $arg)*
            );
        }
    };
}

pub(crate) use ffi_guard;
pub(crate) use trace;

pub mod condv;
pub mod fifo;
pub mod mt;
pub mod time;
pub mod timer_watch;
