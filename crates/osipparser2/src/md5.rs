//! `<osipparser2/osip_md5.h>`: MD5 over the application's `osip_MD5_CTX`
//! (`osip_parser::md5`).

use libc::{c_uchar, c_uint};
use osip_cabi::export;
use osip_parser::md5;
use osip_parser_abi::osip_MD5_CTX;

/// Starts a digest.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_MD5Init(#[nonnull] context: *mut osip_MD5_CTX) {
    md5::init(context);
}

/// Hashes `input_len` bytes of `input` on (NULL `input` with a zero length
/// is nothing).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_MD5Update(
    #[nonnull] context: *mut osip_MD5_CTX,
    input: *mut c_uchar,
    input_len: c_uint,
) {
    if input.is_null() || input_len == 0 {
        md5::update(context, &[]);
        return;
    }
    // SAFETY: the caller's `input_len` bytes.
    let input = unsafe { std::slice::from_raw_parts(input, input_len as usize) };
    md5::update(context, input);
}

/// Writes the 16-byte digest to `digest` and zeroes the context.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_MD5Final(
    digest: *mut c_uchar,
    #[nonnull] context: *mut osip_MD5_CTX,
) {
    let d = md5::finish(context);
    if !digest.is_null() {
        // SAFETY: the caller's 16-byte buffer.
        unsafe { std::ptr::copy_nonoverlapping(d.as_ptr(), digest, 16) };
    }
}
