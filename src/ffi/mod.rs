//! The `extern "C"` surface: one module per area of the public headers.
//!
//! Every exported function is written in the one pattern of both libraries,
//! `#[osip_cabi::export]`: it refuses NULL arguments (the refusal value
//! chosen by its return type), then runs a few lines over safe code. A
//! panic inside one is reported by `crate::boundary` and aborts.

/// `osip_trace` with a compile-time format string, as libosip2 logs:
/// `trace!("osip.c", 1690, OSIP_ERROR, "invalid callback type %d\n", t)`.
/// File name and line are those of the C library, so logs stay identical.
#[allow(unused_macros)]
macro_rules! trace {
    ($file:literal, $line:expr, $level:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {
        // SAFETY: the format is a NUL-terminated literal and the arguments
        // match its conversions.
        #[allow(unused_unsafe)]
        let _ = unsafe {
            $crate::parser::osip_trace(
                concat!($file, "\0").as_ptr() as *const ::libc::c_char,
                $line,
                $level,
                ::std::ptr::null_mut(),
                concat!($fmt, "\0").as_ptr() as *const ::libc::c_char
                $(, $arg)*
            )
        };
    };
}

// Macros above are in textual scope for every module below.

// Header-facing modules (cbindgen reads the ones listed in build.rs).
pub mod callbacks; // osip_set_*_callback, dispatchers, the send helper
pub mod condv; // <osip2/osip_condv.h>
pub mod dialog; // <osip2/osip_dialog.h>
pub mod event; // osip_parse, osip_new_outgoing_sipmessage, osip_event_free
pub mod execute; // osip_ict_execute ... osip_nist_execute
pub mod fifo; // <osip2/osip_fifo.h>
pub mod find; // matching: __osip_find_transaction, osip_transaction_find, osip_create_transaction
pub mod ixt; // 2xx/ACK retransmissions outside the state machines
pub mod lists; // the four public transaction lists (__osip_add_*, osip_remove_transaction)
pub mod matching; // the request and response matchers (exported, not in the headers)
pub mod mt; // <osip2/osip_mt.h>
pub mod osip; // osip_init, osip_release, application context
pub mod time; // <osip2/osip_time.h>
pub mod timer_watch; // tells the scheduler about timer fields written through our time functions
pub mod timers; // osip_timers_*_execute, osip_timers_gettimeout
pub mod transaction; // osip_transaction_*
pub mod via; // osip_response_get_destination and the Via-derived next hop

// Symbols outside the headers.
pub mod internal; // symbols libosip2 exports outside its headers
