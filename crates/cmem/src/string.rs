//! Owned C strings: a NUL-terminated block of the osip allocator.

use crate::alloc;
use libc::c_char;
use std::ffi::CStr;
use std::ptr::NonNull;

/// An owned `char *`: a NUL-terminated block of the osip allocator with no
/// NUL before its end. What `osip_strdup` returns and what every `char *`
/// field of an oSIP struct owns.
#[repr(transparent)]
pub struct OString(NonNull<c_char>);

// SAFETY: an OString is the only owner of its block; the allocator is
// thread-safe.
unsafe impl Send for OString {}
// SAFETY: shared references only read the bytes.
unsafe impl Sync for OString {}

impl OString {
    /// A copy of `bytes` with a NUL after them; None when out of memory or
    /// when `bytes` holds a NUL (a C string would end there).
    pub fn new(bytes: &[u8]) -> Option<OString> {
        if !bytes.iter().fold(true, |all, &b| all & (b != 0)) {
            return None;
        }
        Self::copy_of(bytes)
    }

    /// A copy of `bytes` up to their first NUL (the C library's `strncpy`
    /// behaviour); None when out of memory.
    pub fn truncated(bytes: &[u8]) -> Option<OString> {
        // Most strings hold no NUL at all: a branch-free test first (it
        // vectorises, and costs less than a memchr on short strings).
        let end = if bytes.iter().fold(true, |all, &b| all & (b != 0)) {
            bytes.len()
        } else {
            bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len())
        };
        Self::copy_of(&bytes[..end])
    }

    /// A copy of a C string (`osip_strdup`): it holds no NUL before its
    /// end, so nothing needs checking. None when out of memory.
    pub fn from_c_str(s: &CStr) -> Option<OString> {
        Self::copy_of(s.to_bytes())
    }

    fn copy_of(bytes: &[u8]) -> Option<OString> {
        let p = copy_with_nul(bytes)?;
        Some(OString(p.cast()))
    }

    /// Takes ownership of a C string.
    ///
    /// # Safety
    /// `p` is NULL or a NUL-terminated block of the osip allocator that
    /// nothing else owns.
    pub unsafe fn from_raw(p: *mut c_char) -> Option<OString> {
        NonNull::new(p).map(OString)
    }

    /// Gives up ownership: the caller frees the block (with `osip_free`).
    pub fn into_raw(self) -> *mut c_char {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }

    pub fn as_c_str(&self) -> &CStr {
        // SAFETY: the type's invariant: a NUL-terminated block we own.
        unsafe { CStr::from_ptr(self.0.as_ptr()) }
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.as_c_str().to_bytes()
    }

    pub fn as_ptr(&self) -> *const c_char {
        self.0.as_ptr()
    }

    /// Keeps only the bytes `range` of the string, moved to the front of
    /// the same block with a NUL after them: what C code that trims or
    /// unescapes a string in place leaves (the pointer does not change).
    ///
    /// # Panics
    /// When `range` is not within the string.
    pub fn keep(&mut self, range: std::ops::Range<usize>) {
        let len = self.as_bytes().len();
        assert!(
            range.start <= range.end && range.end <= len,
            "OString::keep out of range"
        );
        // SAFETY: our block holds `len + 1` bytes (the string and its NUL),
        // borrowed exclusively through `&mut self`.
        let block = unsafe { std::slice::from_raw_parts_mut(self.0.as_ptr() as *mut u8, len + 1) };
        let n = range.len();
        block.copy_within(range, 0);
        block[n] = 0;
    }

    /// Rewrites the string in place: `f` gets its bytes and returns the new
    /// length (at most the old one); a NUL goes after them. For C functions
    /// that edit a string in its block (`__osip_uri_unescape`,
    /// `osip_dequote`).
    pub fn rewrite(&mut self, f: impl FnOnce(&mut [u8]) -> usize) {
        let len = self.as_bytes().len();
        // SAFETY: as in `keep`.
        let block = unsafe { std::slice::from_raw_parts_mut(self.0.as_ptr() as *mut u8, len + 1) };
        let n = f(&mut block[..len]).min(len);
        block[n] = 0;
    }
}

impl Drop for OString {
    fn drop(&mut self) {
        // SAFETY: the block is ours and not used after this.
        unsafe { alloc::free(self.0.as_ptr() as *mut u8) };
    }
}

impl std::fmt::Debug for OString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_c_str())
    }
}

impl PartialEq<[u8]> for OString {
    fn eq(&self, other: &[u8]) -> bool {
        self.as_bytes() == other
    }
}

/// A new block of the osip allocator holding `bytes` and a NUL.
fn copy_with_nul(bytes: &[u8]) -> Option<NonNull<u8>> {
    let p = alloc::malloc(bytes.len() + 1)?;
    // SAFETY: a fresh block of `len + 1` bytes, ours alone.
    let block = unsafe { std::slice::from_raw_parts_mut(p.as_ptr(), bytes.len() + 1) };
    block[..bytes.len()].copy_from_slice(bytes);
    block[bytes.len()] = 0;
    Some(p)
}

/// Owned bytes: a block of the osip allocator holding `len` bytes (NULs
/// allowed) and a NUL after them, as a body or a serialised message.
pub struct OBytes {
    ptr: NonNull<u8>,
    len: usize,
}

// SAFETY: as for OString.
unsafe impl Send for OBytes {}
// SAFETY: as for OString.
unsafe impl Sync for OBytes {}

impl OBytes {
    /// A copy of `bytes` with a NUL after them; None when out of memory.
    pub fn new(bytes: &[u8]) -> Option<OBytes> {
        Some(OBytes {
            ptr: copy_with_nul(bytes)?,
            len: bytes.len(),
        })
    }

    /// Takes ownership of `len` bytes (and the NUL after them).
    ///
    /// # Safety
    /// `p` is NULL or a block of the osip allocator holding at least `len`
    /// initialised bytes, that nothing else owns.
    pub unsafe fn from_raw(p: *mut c_char, len: usize) -> Option<OBytes> {
        NonNull::new(p as *mut u8).map(|ptr| OBytes { ptr, len })
    }

    /// Gives up ownership: the block and its length.
    pub fn into_raw(self) -> (*mut c_char, usize) {
        let r = (self.ptr.as_ptr() as *mut c_char, self.len);
        std::mem::forget(self);
        r
    }

    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the type's invariant: `len` initialised bytes we own.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for OBytes {
    fn drop(&mut self) {
        // SAFETY: the block is ours and not used after this.
        unsafe { alloc::free(self.ptr.as_ptr()) };
    }
}

/// The bytes a (pointer, length) pair of fields holds.
///
/// # Safety
/// `p` is NULL or holds `len` initialised bytes that live and stay
/// unchanged for `'a`.
pub unsafe fn bytes_field<'a>(p: *const c_char, len: usize) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract.
        Some(unsafe { std::slice::from_raw_parts(p as *const u8, len) })
    }
}

/// The string a `char *` field holds.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that lives and stays unchanged
/// for `'a`.
pub unsafe fn field<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract.
        Some(unsafe { CStr::from_ptr(p) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_frees() {
        let s = OString::new(b"sip:bob@example.com").unwrap();
        assert_eq!(s.as_bytes(), b"sip:bob@example.com");
        assert!(
            OString::new(b"a\0b").is_none(),
            "a C string cannot hold a NUL"
        );
        assert_eq!(OString::truncated(b"a\0b").unwrap().as_bytes(), b"a");
        let raw = s.into_raw();
        // SAFETY: the block just given up, owned by nothing else.
        let back = unsafe { OString::from_raw(raw) }.unwrap();
        assert_eq!(back.as_bytes(), b"sip:bob@example.com");
        assert_eq!(OString::new(b"").unwrap().as_bytes(), b"");
        assert_eq!(OString::from_c_str(c"a b").unwrap().as_bytes(), b"a b");
    }

    #[test]
    fn edits_in_place() {
        let mut s = OString::new(b"  abc ").unwrap();
        let p = s.as_ptr();
        s.keep(2..5);
        assert_eq!((s.as_bytes(), s.as_ptr()), (&b"abc"[..], p));
        s.keep(0..0);
        assert_eq!(s.as_bytes(), b"");
        let mut s = OString::new(b"a%41").unwrap();
        s.rewrite(|b| {
            b[1] = b'A';
            2
        });
        assert_eq!(s.as_bytes(), b"aA");
        s.rewrite(|_| 99);
        assert_eq!(s.as_bytes(), b"aA");
    }
}
