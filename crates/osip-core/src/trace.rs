//! libosip2's log lines, written through [`Parser::trace`]: the process's
//! `osip_trace`, which filters by level and hands each line to the
//! application's trace function.
//!
//! [`Parser::trace`]: crate::host::Parser::trace

use std::ffi::CStr;

/// `trace!(parser, "ict.c", 30, OSIP_INFO2, "allocating ICT context\n")`:
/// `parser` is a `&dyn Parser`; the arguments after the format are
/// `c_int` (`%i`, `%d`), `&CStr` (`%s`) or [`Arg::Hex`] (`%x`).
///
/// [`Arg::Hex`]: crate::host::Arg::Hex
#[macro_export]
macro_rules! trace {
    ($parser:expr, $file:literal, $line:expr, $level:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {
        $crate::host::Parser::trace(
            $parser,
            &$crate::host::Trace {
                file: const { $crate::trace::c_str(concat!($file, "\0")) },
                line: $line,
                level: $level as ::libc::c_int,
                format: const { $crate::trace::c_str(concat!($fmt, "\0")) },
                args: &[$($crate::host::Arg::from($arg)),*],
            },
        )
    };
}

/// A string literal with its NUL, as a `&CStr` (at compile time).
#[doc(hidden)]
pub const fn c_str(s: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(s.as_bytes()) {
        Ok(c) => c,
        Err(_) => panic!("a trace literal holds a NUL"),
    }
}
