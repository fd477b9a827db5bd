//! Traces: what the library writes through `osip_trace` when a parse
//! fails (Debian's build has tracing on: with no sink configured, the first
//! trace switches WARNING and below on, to stdout).
//!
//! The state (the `tracing_table` and `logfile` variables, the syslog and
//! function sinks) belongs to the C layer, which installs the [`Sink`] once
//! when the library is loaded; this crate only says what to trace, with
//! [`trace!`](crate::trace). Without a sink (unit tests) traces go nowhere.

use std::fmt;
use std::sync::OnceLock;

/// `osip_trace_level_t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Level {
    Fatal = 0,
    Bug = 1,
    Error = 2,
    Warning = 3,
    Info1 = 4,
    Info2 = 5,
    Info3 = 6,
    Info4 = 7,
}

/// Where traces go: `enabled` is asked first (it may switch the default
/// sink on, as `osip_trace` does), and `emit` is called only when it said
/// yes, so that disabled traces cost no formatting.
pub struct Sink {
    pub enabled: fn(Level) -> bool,
    /// The text as bytes: a trace may quote a message's bytes as they are
    /// (the C library's `%s`), which need not be UTF-8.
    pub emit: fn(Level, &str, u32, &[u8]),
}

static SINK: OnceLock<Sink> = OnceLock::new();

/// Installs the sink (once; later calls are ignored).
pub fn install(sink: Sink) {
    let _ = SINK.set(sink);
}

/// One trace: `file` and `line` name the place in the C library that
/// traces the same event.
pub fn trace(level: Level, file: &str, line: u32, args: fmt::Arguments<'_>) {
    if let Some(sink) = SINK.get() {
        if (sink.enabled)(level) {
            (sink.emit)(level, file, line, fmt::format(args).as_bytes());
        }
    }
}

/// A trace whose text is `parts` joined, bytes as they are (what the C
/// library's `%s` of a message's bytes prints).
pub fn trace_bytes(level: Level, file: &str, line: u32, parts: &[&[u8]]) {
    if let Some(sink) = SINK.get() {
        if (sink.enabled)(level) {
            (sink.emit)(level, file, line, &parts.concat());
        }
    }
}

/// `trace!(Level::Error, "osip_message_parse.c", 886, "No crlf found\n")`,
/// with `format!` arguments after the text: what `OSIP_TRACE(osip_trace(
/// __FILE__, __LINE__, OSIP_ERROR, NULL, "No crlf found\n"))` does in the
/// C library. The texts and lines are not a contract (applications only
/// see that something is printed); keep them close to Debian's.
#[macro_export]
macro_rules! trace {
    ($level:expr, $file:expr, $line:expr, $($fmt:tt)+) => {
        $crate::port::trace::trace($level, $file, $line, format_args!($($fmt)+))
    };
}
