//! The variables of libosipparser2 (besides the allocator hooks, which
//! live in `osip_alloc_hooks`): what Debian's build defines, with the same
//! types and sizes (an application linked against Debian's library may
//! hold a copy of one, sized by Debian's symbol), readable and writable by
//! applications. The library reads them at every use, as Debian's does:
//! the reader installed in `osip_parser::port::globals` when the library is
//! loaded sees the application's changes.
#![allow(non_upper_case_globals)]

use libc::{c_char, c_int, FILE};
use osip_parser::port::globals::{self, Var};
use osip_parser::port::text::ERROR_TABLE;
use std::ffi::CStr;
use std::ptr;

/// `const char *osip_error_table[61]`: the texts `osip_strerror` returns.
#[no_mangle]
pub static mut osip_error_table: [*const c_char; 61] = {
    let mut t = [ptr::null(); 61];
    let mut i = 0;
    while i < 61 {
        t[i] = ERROR_TABLE[i].as_ptr() as *const c_char;
        i += 1;
    }
    t
};

/// `const char *osip_protocol_version = "SIP/2.0"`: the version written
/// when a message has none.
#[no_mangle]
pub static mut osip_protocol_version: *const c_char = c"SIP/2.0".as_ptr();

/// `const char *userinfo_def`: bytes (besides ASCII letters and digits) a
/// URI's user part keeps unescaped.
#[no_mangle]
pub static mut userinfo_def: *const c_char = c"-_.!~*'()&=+$,;?/".as_ptr();

/// `const char *password_def`: the same for a URI's password.
#[no_mangle]
pub static mut password_def: *const c_char = c"-_.!~*'()&=+$,".as_ptr();

/// `const char *uri_param_def`: the same for URI parameters.
#[no_mangle]
pub static mut uri_param_def: *const c_char = c"-_.!~*'()[]/:&+$".as_ptr();

/// `const char *header_param_def`: the same for URI headers.
#[no_mangle]
pub static mut header_param_def: *const c_char = c"-_.!~*'()[]/?:+$".as_ptr();

/// `FILE *logfile`: where traces go (set by `osip_trace_initialize`).
#[no_mangle]
pub static mut logfile: *mut FILE = ptr::null_mut();

/// `int tracing_table[8]`: which trace levels are on.
#[no_mangle]
pub static mut tracing_table: [c_int; 8] = [0; 8];

/// The current value of one of the variables above, for the safe code.
fn read(var: Var) -> Option<&'static [u8]> {
    // SAFETY: plain reads of our variables (applications change them, if
    // at all, before starting threads: the C contract).
    let p = unsafe {
        match var {
            Var::UserinfoDef => ptr::addr_of!(userinfo_def).read(),
            Var::PasswordDef => ptr::addr_of!(password_def).read(),
            Var::UriParamDef => ptr::addr_of!(uri_param_def).read(),
            Var::HeaderParamDef => ptr::addr_of!(header_param_def).read(),
            Var::ProtocolVersion => ptr::addr_of!(osip_protocol_version).read(),
        }
    };
    if p.is_null() {
        return None;
    }
    // SAFETY: the variable points to a NUL-terminated string that lives as
    // long as the program (a literal, ours or the application's).
    Some(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// Installs the reader (from the library's constructor).
pub(crate) fn install() {
    globals::install(read);
}
