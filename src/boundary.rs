//! The library's conduct at the C boundary beyond return values: what a
//! panic does, and the mark that says how the library was built.
//!
//! A panic is a bug of ours. It never becomes an ordinary error code: a
//! program would go on with state we could not finish updating, and a test
//! asserting that error code would pass. In the shipped build
//! (`panic = "abort"`) the hook below prints which entry point the
//! application called, what panicked and where, then aborts. In unwinding
//! builds (the Rust tests) the hook reports the same and the unwind then
//! reaches the `extern "C"` frame of the entry point, where Rust aborts: the
//! test that caused it fails.
//!
//! Forced unwinds (`pthread_exit`, `pthread_cancel`) are not panics and do
//! not come here: under `panic = "abort"` our frames have no landing pads,
//! so glibc's unwinder passes through them as through C frames. What keeps
//! that sound is that we never hold a lock across a cancellation point or a
//! call into the application (see `docs/robustness.md`).

/// The symbols the library exports (see the file's header).
const EXPORTS: &str = include_str!("exports.list");

/// Whether `name` is one of our entry points.
fn is_entry_point(name: &str) -> bool {
    EXPORTS
        .lines()
        .any(|l| l == name && !l.starts_with(['#', '[']))
}

/// The outermost entry point in a rendered backtrace: the function the
/// application called (entry points may call each other).
fn entry_point_in(backtrace: &str) -> Option<&str> {
    backtrace
        .lines()
        .rev()
        .filter_map(|l| {
            let (number, name) = l.trim_start().split_once(": ")?;
            number.parse::<u32>().ok()?;
            Some(name.trim())
        })
        .find(|name| is_entry_point(name))
}

/// Reports a panic inside an entry point and aborts the process. Other
/// panics (a Rust test's failed assertion, in the test binaries that link
/// this crate) are reported as Rust's default hook does and go on unwinding.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
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
    let Some(entry) = entry_point_in(&trace) else {
        eprintln!("\nthread '{thread}' panicked at {at}:\n{what}");
        return;
    };
    eprintln!(
        "osip2-rs: internal error in {entry}() (thread '{thread}'): {what} at {at}\n\
         This is a bug in osip2-rs; the process is aborted rather than left \
         with inconsistent state. Backtrace:\n{trace}"
    );
    std::process::abort();
}

/// Installs the hook when the library is loaded (an ELF constructor: no
/// check on any call path). The hook captures nothing, so boxing it
/// allocates nothing that would still be in use at exit.
extern "C" fn install_panic_hook() {
    std::panic::set_hook(Box::new(on_panic));
}

#[used]
#[link_section = ".init_array"]
static INSTALL_PANIC_HOOK: extern "C" fn() = install_panic_hook;

#[cfg(panic = "abort")]
macro_rules! panic_strategy {
    () => {
        "abort"
    };
}
#[cfg(not(panic = "abort"))]
macro_rules! panic_strategy {
    () => {
        "unwind"
    };
}

/// How this library was built: cargo's profile, the panic strategy and the
/// enabled features. The test suite reads it from the `.so` and refuses to
/// test a library built otherwise than by `cargo build --release`.
const BUILD: &str = concat!(
    "osip2-rs build: profile=",
    env!("OSIP2RS_PROFILE"),
    " panic=",
    panic_strategy!(),
    " features=",
    env!("OSIP2RS_FEATURES"),
    ";\0"
);

const fn bytes<const N: usize>(s: &str) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = s.as_bytes()[i];
        i += 1;
    }
    out
}

#[used]
#[link_section = ".osip2rs.build"]
static BUILD_MARK: [u8; BUILD.len()] = bytes(BUILD);

/// With the `fault-injection` feature (never shipped; the build mark says
/// when it is on), panics where a test asks, through the environment, so the
/// suite can see what a panic inside an entry point does.
#[cfg(feature = "fault-injection")]
#[track_caller]
pub(crate) fn inject(point: &str) {
    if std::env::var_os("OSIP2RS_PANIC_AT").is_some_and(|v| v == point) {
        panic!("fault injected at {point}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outermost_entry_point_is_named() {
        let trace = "   0: std::backtrace::Backtrace::force_capture\n\
                     \x20            at /rustc/library/std/src/backtrace.rs:312:13\n\
                     \x20 12: osip2::engine::Engine::add\n\
                     \x20 13: __osip_add_ict\n\
                     \x20 14: osip_transaction_init\n\
                     \x20            at src/ffi/transaction.rs:40:1\n\
                     \x20 15: main\n";
        assert_eq!(entry_point_in(trace), Some("osip_transaction_init"));
        assert_eq!(entry_point_in("   3: main\n   4: helper\n"), None);
        assert!(!is_entry_point("[public]"));
        assert!(is_entry_point("osip_init"));
    }

    #[test]
    fn the_build_mark_is_one_nul_terminated_line() {
        assert!(BUILD.ends_with(";\0"));
        assert_eq!(BUILD.matches('\0').count(), 1);
        assert!(BUILD.contains(" panic="));
    }
}
