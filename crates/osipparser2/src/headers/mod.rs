//! `<osipparser2/headers/*.h>`: the entry points of the header types other
//! than the authentication ones. The logic is `osip_parser::headers`.
//!
//! Shared rules, as in the library:
//! - `*_to_str(h, &dest)` and `*_clone(h, &dest)` write NULL to `*dest`
//!   first (except where noted), then refuse a NULL element with -2;
//! - setters (`via_set_host`, `osip_from_set_url`, ...) store the pointer
//!   given and leave the previous value alone (its owner may still use it);
//! - getters return the element's own pointers.
//!
//! Where Debian dereferences NULL (a NULL element or `dest` almost
//! everywhere, a NULL value given to the parsers that do not check it),
//! these return -2 (or NULL, or nothing); docs/deviations.md lists them.

mod call_id;
mod content;
mod generic;
mod name_addr;
mod via;

use libc::{c_char, c_int};
use osip_cmem::{CObject, OString, Owned};
use osip_parser::code::{OSIP_NOMEM, OSIP_SUCCESS};
use std::ptr;

/// `osip_X_init(&dest)`: a new, empty element in `*dest`; -4 (and NULL)
/// when out of memory.
pub(crate) fn init<T: CObject>(dest: &mut *mut T) -> c_int {
    match Owned::<T>::new() {
        Some(o) => {
            *dest = o.into_raw();
            OSIP_SUCCESS
        }
        None => {
            *dest = ptr::null_mut();
            OSIP_NOMEM
        }
    }
}

/// Hands a serialisation (or its error) to the caller's `*dest`, which
/// stays as it is on error.
pub(crate) fn give_str(dest: &mut *mut c_char, r: Result<OString, c_int>) -> c_int {
    match r {
        Ok(s) => {
            *dest = s.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Hands a copy (or its error) to the caller's `*dest`, which stays as it
/// is on error.
pub(crate) fn give<T: CObject>(dest: &mut *mut T, r: Result<Owned<T>, c_int>) -> c_int {
    match r {
        Ok(o) => {
            *dest = o.into_raw();
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// A string the caller hands over (`osip_X_set_Y(x, value)`).
///
/// # Safety
/// `p` is NULL or a string of the osip allocator nobody else owns now.
pub(crate) unsafe fn handed(p: *mut c_char) -> Option<OString> {
    // SAFETY: per the contract.
    unsafe { OString::from_raw(p) }
}

/// Gives up a field's previous value without freeing it (its owner is the
/// caller, as with the library's setters).
pub(crate) fn forget(old: Option<OString>) {
    if let Some(o) = old {
        let _ = o.into_raw();
    }
}

/// The C pointer of an element of a structure (for the getters).
pub(crate) fn out<T>(r: Option<&T>) -> *mut T {
    r.map_or(ptr::null_mut(), |r| r as *const T as *mut T)
}
