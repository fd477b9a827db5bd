//! The C boundary of osip2-rs's libraries (libosip2 and libosipparser2):
//! what every entry point shares.
//!
//! - [`export`]: the one pattern of an entry point (NULL checks, refusal
//!   values, fault injection), an attribute on a literal `#[no_mangle] pub
//!   unsafe extern "C" fn` so that cbindgen still reads its signature;
//! - [`Refusal`]: what an entry point returns for a NULL argument, by
//!   return type;
//! - [`library!`]: the panic hook that names the entry point a panic
//!   happened in and aborts, and the build mark the test suite checks.
//!
//! A panic is a bug of ours. It never becomes an ordinary error code: a
//! program would go on with state we could not finish updating, and a test
//! asserting that error code would pass. In the shipped build
//! (`panic = "abort"`) the hook prints which entry point the application
//! called (found in a backtrace against the library's list of exports),
//! what panicked and where, then aborts. In unwinding builds (the Rust
//! tests) the hook reports the same and the unwind then reaches the
//! `extern "C"` frame of the entry point, where Rust aborts: the test that
//! caused it fails.
//!
//! Forced unwinds (`pthread_exit`, `pthread_cancel`) are not panics and do
//! not come here: under `panic = "abort"` our frames have no landing pads,
//! so glibc's unwinder passes through them as through C frames. What keeps
//! that sound is that no frame holds a lock across a cancellation point or
//! a call into the application.
#![deny(unsafe_op_in_unsafe_fn)]

pub use osip_macros::export;

use libc::{c_char, c_int};
use std::ffi::CStr;

/// `OSIP_BADPARAMETER`: what an `int` entry point returns for a NULL argument.
pub const OSIP_BADPARAMETER: c_int = -2;

/// What an entry point returns when a required pointer is NULL.
pub trait Refusal {
    const REFUSED: Self;
}

impl Refusal for c_int {
    const REFUSED: c_int = OSIP_BADPARAMETER;
}

impl Refusal for () {
    const REFUSED: () = ();
}

impl<T> Refusal for *mut T {
    const REFUSED: *mut T = std::ptr::null_mut();
}

impl<T> Refusal for *const T {
    const REFUSED: *const T = std::ptr::null();
}

/// The C string a `char *` argument points to.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that stays unchanged for `'a`.
pub unsafe fn c_str<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract.
        Some(unsafe { CStr::from_ptr(p) })
    }
}

/// With the `fault-injection` feature of the library (never shipped; the
/// build mark says when it is on): panics when `OSIP2RS_PANIC_AT` names
/// this point, so the suite can see what a panic inside an entry point does.
#[track_caller]
pub fn inject(point: &str) {
    if std::env::var_os("OSIP2RS_PANIC_AT").is_some_and(|v| v == point) {
        panic!("fault injected at {point}");
    }
}

/// The outermost entry point named in a rendered backtrace: the function
/// the application called (entry points may call each other). `exports` is
/// the library's export list (one name per line, `#` comments, `[section]`
/// headers).
pub fn entry_point_in<'a>(backtrace: &'a str, exports: &str) -> Option<&'a str> {
    let listed = |name: &str| {
        exports
            .lines()
            .any(|l| l == name && !l.starts_with(['#', '[']))
    };
    backtrace
        .lines()
        .rev()
        .filter_map(|l| {
            let (number, name) = l.trim_start().split_once(": ")?;
            number.parse::<u32>().ok()?;
            Some(name.trim())
        })
        .find(|name| listed(name))
}

/// Reports a panic inside one of `library`'s entry points and aborts the
/// process. Other panics (a Rust test's failed assertion, in the test
/// binaries that link the library) are reported as Rust's default hook does
/// and go on unwinding.
pub fn on_panic(info: &std::panic::PanicHookInfo<'_>, library: &str, exports: &str) {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let at = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("<unnamed>");
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let Some(entry) = entry_point_in(&trace, exports) else {
        eprintln!("\nthread '{thread}' panicked at {at}:\n{what}");
        return;
    };
    eprintln!(
        "osip2-rs: internal error in {entry}() (thread '{thread}'): {what} at {at}\n\
         This is a bug in osip2-rs ({library}); the process is aborted rather than left \
         with inconsistent state. Backtrace:\n{trace}"
    );
    std::process::abort();
}

#[cfg(panic = "abort")]
#[doc(hidden)]
#[macro_export]
macro_rules! __panic_strategy {
    () => {
        "abort"
    };
}
#[cfg(not(panic = "abort"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __panic_strategy {
    () => {
        "unwind"
    };
}

/// Copies a `&str` into an array (for a static in a link section).
pub const fn bytes<const N: usize>(s: &str) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = s.as_bytes()[i];
        i += 1;
    }
    out
}

/// What every library of ours has once: the panic hook, installed when the
/// library is loaded (an ELF constructor: no check on any call path), and
/// the build mark (cargo's profile, the panic strategy, the enabled
/// features; `build.rs` passes the first and last as `OSIP2RS_PROFILE` and
/// `OSIP2RS_FEATURES`), which the test suite reads from the file and which
/// refuses a library built otherwise than by `cargo build --release`.
///
/// `library!("libosipparser2", include_str!("exports.list"));`
#[macro_export]
macro_rules! library {
    ($name:literal, $exports:expr) => {
        extern "C" fn __osip_install_panic_hook() {
            // The hook captures nothing: boxing it allocates nothing that
            // would still be in use at exit.
            ::std::panic::set_hook(::std::boxed::Box::new(|info| {
                $crate::on_panic(info, $name, $exports)
            }));
        }

        #[used]
        #[link_section = ".init_array"]
        static __OSIP_INSTALL_PANIC_HOOK: extern "C" fn() = __osip_install_panic_hook;

        const __OSIP_BUILD: &str = concat!(
            "osip2-rs build: profile=",
            env!("OSIP2RS_PROFILE"),
            " panic=",
            $crate::__panic_strategy!(),
            " features=",
            env!("OSIP2RS_FEATURES"),
            ";\0"
        );

        #[used]
        #[link_section = ".osip2rs.build"]
        static __OSIP_BUILD_MARK: [u8; __OSIP_BUILD.len()] = $crate::bytes(__OSIP_BUILD);
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outermost_entry_point_is_named() {
        let exports =
            "# comment\n[public]\nosip_init\nosip_transaction_init\n[internal]\n__osip_add_ict\n";
        let trace = "   0: std::backtrace::Backtrace::force_capture\n\
                     \x20            at /rustc/library/std/src/backtrace.rs:312:13\n\
                     \x20 12: osip2::engine::Engine::add\n\
                     \x20 13: __osip_add_ict\n\
                     \x20 14: osip_transaction_init\n\
                     \x20            at src/ffi/transaction.rs:40:1\n\
                     \x20 15: main\n";
        assert_eq!(
            entry_point_in(trace, exports),
            Some("osip_transaction_init")
        );
        assert_eq!(
            entry_point_in("   3: main\n   4: [public]\n", exports),
            None
        );
    }
}
