//! libosip2's log lines, written through [`Parser::trace`]: the process's
//! `osip_trace`, which filters by level and hands each line to the
//! application's trace function.
//!
//! [`Parser::trace`]: crate::host::Parser::trace

use crate::host::{Arg, Trace};
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

impl Trace<'_> {
    /// Whether each conversion of the format has its argument, of the type
    /// it reads, and no argument is left over: only then may the format go
    /// to `osip_trace` as it is. (libosip2 passes text chosen at run time as
    /// the format; a `%` in such text must not read an argument that is
    /// not there.)
    pub fn conversions_match(&self) -> bool {
        let mut args = self.args.iter();
        let mut format = self.format.to_bytes().iter();
        while let Some(&b) = format.next() {
            if b != b'%' {
                continue;
            }
            let fits = match format.next() {
                Some(b'%') => true,
                Some(b'i' | b'd') => matches!(args.next(), Some(Arg::Int(_))),
                Some(b'x') => matches!(args.next(), Some(Arg::Hex(_))),
                Some(b's') => matches!(args.next(), Some(Arg::Str(_))),
                _ => false,
            };
            if !fits {
                return false;
            }
        }
        args.next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use crate::host::{Arg, Trace};
    use std::ffi::CStr;

    fn fits(format: &'static CStr, args: &[Arg<'_>]) -> bool {
        let t = Trace {
            file: c"f.c",
            line: 1,
            level: 0,
            format,
            args,
        };
        t.conversions_match()
    }

    #[test]
    fn conversions_need_their_arguments() {
        assert!(fits(c"plain\n", &[]));
        assert!(fits(c"100%% sure\n", &[]));
        assert!(fits(c"%s: %i %x\n", &[c"a".into(), 1.into(), Arg::Hex(2)]));
        assert!(!fits(c"50% off\n", &[]));
        assert!(!fits(c"%s\n", &[]));
        assert!(!fits(c"%s\n", &[1.into()]));
        assert!(!fits(c"%i\n", &[1.into(), 2.into()]));
        assert!(!fits(c"ends in %", &[]));
    }
}
