//! The constants, enumeration and type names of `<osipparser2/...>` that
//! are not structures: what C programs compile in (`SIP_OK`,
//! `OSIP_INFO1`, ...). The generated headers declare them from here
//! (xtask/headers.toml); the return codes are `osip_parser::code`'s.
#![allow(non_camel_case_types)]

use libc::{c_int, c_uchar, c_uint, c_ushort};

// <osipparser2/osip_const.h>: status codes.

/// Number of status codes the library knows a reason phrase for.
pub const RESPONSE_CODES: c_int = 51;
pub const SIP_TRYING: c_int = 100;
pub const SIP_RINGING: c_int = 180;
pub const SIP_CALL_IS_BEING_FORWARDED: c_int = 181;
pub const SIP_QUEUED: c_int = 182;
pub const SIP_SESSION_PROGRESS: c_int = 183;
pub const SIP_OK: c_int = 200;
pub const SIP_ACCEPTED: c_int = 202;
pub const SIP_MULTIPLE_CHOICES: c_int = 300;
pub const SIP_MOVED_PERMANENTLY: c_int = 301;
pub const SIP_MOVED_TEMPORARILY: c_int = 302;
pub const SIP_USE_PROXY: c_int = 305;
pub const SIP_ALTERNATIVE_SERVICE: c_int = 380;
pub const SIP_BAD_REQUEST: c_int = 400;
pub const SIP_UNAUTHORIZED: c_int = 401;
pub const SIP_PAYMENT_REQUIRED: c_int = 402;
pub const SIP_FORBIDDEN: c_int = 403;
pub const SIP_NOT_FOUND: c_int = 404;
pub const SIP_METHOD_NOT_ALLOWED: c_int = 405;
pub const SIP_406_NOT_ACCEPTABLE: c_int = 406;
pub const SIP_PROXY_AUTHENTICATION_REQUIRED: c_int = 407;
pub const SIP_REQUEST_TIME_OUT: c_int = 408;
pub const SIP_GONE: c_int = 410;
pub const SIP_REQUEST_ENTITY_TOO_LARGE: c_int = 413;
pub const SIP_REQUEST_URI_TOO_LARGE: c_int = 414;
pub const SIP_UNSUPPORTED_MEDIA_TYPE: c_int = 415;
pub const SIP_UNSUPPORTED_URI_SCHEME: c_int = 416;
pub const SIP_BAD_EXTENSION: c_int = 420;
pub const SIP_EXTENSION_REQUIRED: c_int = 421;
pub const SIP_INTERVAL_TOO_BRIEF: c_int = 423;
pub const SIP_TEMPORARILY_UNAVAILABLE: c_int = 480;
pub const SIP_CALL_TRANSACTION_DOES_NOT_EXIST: c_int = 481;
pub const SIP_LOOP_DETECTED: c_int = 482;
pub const SIP_TOO_MANY_HOPS: c_int = 483;
pub const SIP_ADDRESS_INCOMPLETE: c_int = 484;
pub const SIP_AMBIGUOUS: c_int = 485;
pub const SIP_BUSY_HERE: c_int = 486;
pub const SIP_REQUEST_TERMINATED: c_int = 487;
pub const SIP_NOT_ACCEPTABLE_HERE: c_int = 488;
pub const SIP_BAD_EVENT: c_int = 489;
pub const SIP_REQUEST_PENDING: c_int = 491;
pub const SIP_UNDECIPHERABLE: c_int = 493;
pub const SIP_INTERNAL_SERVER_ERROR: c_int = 500;
pub const SIP_NOT_IMPLEMENTED: c_int = 501;
pub const SIP_BAD_GATEWAY: c_int = 502;
pub const SIP_SERVICE_UNAVAILABLE: c_int = 503;
pub const SIP_SERVER_TIME_OUT: c_int = 504;
pub const SIP_VERSION_NOT_SUPPORTED: c_int = 505;
pub const SIP_MESSAGE_TOO_LARGE: c_int = 513;
pub const SIP_BUSY_EVRYWHERE: c_int = 600;
pub const SIP_DECLINE: c_int = 603;
pub const SIP_DOES_NOT_EXIST_ANYWHERE: c_int = 604;
pub const SIP_606_NOT_ACCEPTABLE: c_int = 606;

// <osipparser2/osip_port.h>

/// Old error codes, kept for programs that still use them.
pub const SIP_SYNTAX_ERROR: c_int = -1;
pub const SIP_NETWORK_ERROR: c_int = -2;
pub const SIP_ECONNREFUSED: c_int = -3;
pub const SIP_RESSOURCE_ERROR: c_int = -4;
pub const SIP_GLOBAL_ERROR: c_int = -5;

pub const LOG_TRUE: c_int = 1;
pub const LOG_FALSE: c_int = 0;

/// Trace levels (`osip_trace_level_t`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum _trace_level {
    TRACE_LEVEL0 = 0,
    TRACE_LEVEL1 = 1,
    TRACE_LEVEL2 = 2,
    TRACE_LEVEL3 = 3,
    TRACE_LEVEL4 = 4,
    TRACE_LEVEL5 = 5,
    TRACE_LEVEL6 = 6,
    TRACE_LEVEL7 = 7,
    END_TRACE_LEVEL = 8,
}
/// A trace level (see `enum _trace_level`). A plain `unsigned int` (the
/// type GCC gives that enum) for Rust: C programs may pass any value.
pub type osip_trace_level_t = c_uint;

pub const OSIP_FATAL: _trace_level = _trace_level::TRACE_LEVEL0;
pub const OSIP_BUG: _trace_level = _trace_level::TRACE_LEVEL1;
pub const OSIP_ERROR: _trace_level = _trace_level::TRACE_LEVEL2;
pub const OSIP_WARNING: _trace_level = _trace_level::TRACE_LEVEL3;
pub const OSIP_INFO1: _trace_level = _trace_level::TRACE_LEVEL4;
pub const OSIP_INFO2: _trace_level = _trace_level::TRACE_LEVEL5;
pub const OSIP_INFO3: _trace_level = _trace_level::TRACE_LEVEL6;
pub const OSIP_INFO4: _trace_level = _trace_level::TRACE_LEVEL7;

// <osipparser2/osip_message.h>: sizes a C program may set itself (the
// headers say `#if !defined(NAME)`; `c_defined` is never set for Rust).

#[cfg(not(c_defined = "SIP_MESSAGE_MAX_LENGTH"))]
pub const SIP_MESSAGE_MAX_LENGTH: c_int = 8000;
#[cfg(not(c_defined = "BODY_MESSAGE_MAX_SIZE"))]
pub const BODY_MESSAGE_MAX_SIZE: c_int = 4000;

// <osipparser2/osip_md5.h>: the names of RSA's reference MD5 code.

/// The prototypes are ANSI C.
pub const PROTOTYPES: c_int = 1;
pub type POINTER = *mut c_uchar;
pub type UINT2 = c_ushort;
pub type UINT4 = c_uint;
