//! Owned C objects: one block of the osip allocator holding a struct of
//! `<osipparser2/...>`, and what its fields own.

use crate::alloc;
use std::mem::size_of;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

/// A struct of `<osipparser2/...>` that lives in its own block of the osip
/// allocator and owns what its fields point to.
///
/// # Safety
/// Implemented by [`accessors!`](crate::accessors) only: the struct is
/// `#[repr(C)]`, all-zero bytes are its empty value (what the library's
/// `*_init` functions make), and `release` frees exactly what its fields own
/// and leaves them empty.
pub unsafe trait CObject: Sized {
    /// Frees what the fields own (not the struct itself), as the library's
    /// `*_free` function does before it frees the struct.
    fn release(&mut self);
}

/// An owned C object: what `osip_X_init` allocates and `osip_X_free` frees.
#[repr(transparent)]
pub struct Owned<T: CObject>(NonNull<T>);

impl<T: CObject> Owned<T> {
    /// A zeroed object (its empty value); None when out of memory.
    pub fn new() -> Option<Owned<T>> {
        alloc::calloc(size_of::<T>()).map(|p| Owned(p.cast()))
    }

    /// Takes ownership of an object.
    ///
    /// # Safety
    /// `p` is NULL or an object of the osip allocator, valid per the C
    /// contract (its fields own what their kinds say), that nothing else
    /// owns.
    pub unsafe fn from_raw(p: *mut T) -> Option<Owned<T>> {
        NonNull::new(p).map(Owned)
    }

    /// Gives up ownership: the caller frees the object (with `osip_X_free`).
    pub fn into_raw(self) -> *mut T {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }

    pub fn as_ptr(&self) -> *const T {
        self.0.as_ptr()
    }
}

impl<T: CObject> Deref for Owned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: we own a valid object.
        unsafe { self.0.as_ref() }
    }
}

impl<T: CObject> DerefMut for Owned<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: we own a valid object, borrowed exclusively here.
        unsafe { self.0.as_mut() }
    }
}

impl<T: CObject> Drop for Owned<T> {
    fn drop(&mut self) {
        self.release();
        // SAFETY: our block, not used after this.
        unsafe { alloc::free(self.0.as_ptr() as *mut u8) };
    }
}

impl<T: CObject + std::fmt::Debug> std::fmt::Debug for Owned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use crate::{CObject, OString, Owned};
    use libc::c_char;
    use std::ptr;

    #[derive(CObject)]
    #[repr(C)]
    struct param {
        #[c(str)]
        gname: *mut c_char,
        #[c(str)]
        gvalue: *mut c_char,
    }

    #[derive(CObject)]
    #[repr(C)]
    struct header {
        #[c(str)]
        name: *mut c_char,
        #[c(owned)]
        first: *mut param,
        #[c(list = param)]
        params: crate::osip_list_t,
        #[c(list = str)]
        words: crate::osip_list_t,
        #[c(raw)]
        app: *mut libc::c_void,
        pub count: libc::c_int,
    }

    fn param_of(n: &[u8], v: &[u8]) -> Owned<param> {
        let mut p = Owned::<param>::new().unwrap();
        p.set_gname(OString::new(n));
        p.set_gvalue(OString::new(v));
        p
    }

    #[test]
    fn derived_accessors_own_what_they_hold() {
        let mut h = Owned::<header>::new().unwrap();
        assert!(h.name().is_none() && h.first().is_none() && h.params().is_empty());
        h.set_name(OString::new(b"Via"));
        h.set_name(OString::new(b"To"));
        assert_eq!(h.name().unwrap().to_bytes(), b"To");
        h.set_first(Some(param_of(b"tag", b"1")));
        assert_eq!(h.first().unwrap().gvalue().unwrap().to_bytes(), b"1");
        h.first_mut().unwrap().set_gvalue(None);
        assert!(h.first().unwrap().gvalue().is_none());
        for i in 0..3u8 {
            assert!(h.params_mut().push(param_of(b"p", &[b'0' + i])).is_ok());
            assert!(h.words_mut().push(OString::new(b"w").unwrap()).is_ok());
        }
        let values: Vec<u8> = h
            .params()
            .iter()
            .map(|p| p.unwrap().gvalue().unwrap().to_bytes()[0])
            .collect();
        assert_eq!(values, b"012");
        h.set_app(ptr::null_mut());
        h.count = 3;
        let taken = h.take_name().unwrap();
        assert_eq!(taken.as_bytes(), b"To");
        assert!(h.name().is_none());
        // Dropping `h` frees the rest: the leak checks of the C tests and
        // ASan runs see any miss.
        h.release();
        assert!(h.params().is_empty() && h.first().is_none() && h.words().is_empty());
    }
}
