//! `<osipparser2/osip_port.h>`: string utilities, random numbers, sleeping,
//! the allocator hooks' setter, error texts, and the tokenizers the header
//! parsers share (exported although no header declares them). The logic is
//! `osip_parser::port`; the raw-buffer functions (`osip_strncpy`,
//! `osip_clrncpy`, `osip_str_append`, ...) write where the caller says, as
//! their C contract is.
//!
//! Where Debian dereferences a NULL argument, ours refuses the call (-2,
//! NULL or nothing, unless the function's own NULL result is given:
//! docs/deviations.md).

use crate::data::osip_error_table;
use libc::{c_char, c_int, c_uint, c_ulong, c_void, size_t};
use osip_cabi::export;
use osip_cmem::OString;
use osip_parser::code::{OSIP_BADPARAMETER, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use osip_parser::port::{scan, text};
use std::ffi::CStr;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};

/// The bytes of a C string argument, mutable, NUL excluded.
///
/// # Safety
/// `p` is a NUL-terminated string the caller lets us change, not otherwise
/// borrowed during the call.
unsafe fn c_bytes_mut<'a>(p: *mut c_char) -> &'a mut [u8] {
    // SAFETY: per the contract, a NUL-terminated string.
    let len = unsafe { libc::strlen(p) };
    // SAFETY: the `len` bytes before the NUL are the caller's string.
    unsafe { std::slice::from_raw_parts_mut(p as *mut u8, len) }
}

/// `strncpy(dest, src, length)` then `dest[length] = 0` (writes `length +
/// 1` bytes); returns `dest`.
#[export(refuse = ptr::null_mut())]
#[no_mangle]
pub unsafe extern "C" fn osip_strncpy(
    dest: *mut c_char,
    src: *const c_char,
    length: size_t,
) -> *mut c_char {
    if dest.is_null() || src.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the caller's buffers: `dest` holds `length + 1` bytes.
    unsafe { libc::strncpy(dest, src, length) };
    // SAFETY: as above.
    unsafe { *dest.add(length) = 0 };
    dest
}

/// A copy of `ch` from the osip allocator; NULL for NULL or out of memory.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strdup(#[cstr] ch: *const c_char) -> *mut c_char {
    OString::new(ch.to_bytes()).map_or(ptr::null_mut(), OString::into_raw)
}

/// A copy of `ch` without a leading `"` and, when there was one, without
/// its last byte.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strdup_without_quote(#[cstr] ch: *const c_char) -> *mut c_char {
    text::strdup_without_quote(ch.to_bytes()).map_or(ptr::null_mut(), OString::into_raw)
}

/// Copies the first `len` bytes of `src` less leading and trailing
/// SP/HT/CR/LF into `dst`, NUL-padded to `len` (and one more NUL when
/// nothing was trimmed); returns `dst`, or NULL (with `*dst = 0`) for a NULL
/// `src` or a zero `len`.
#[export(refuse = ptr::null_mut())]
#[no_mangle]
pub unsafe extern "C" fn osip_clrncpy(
    dst: *mut c_char,
    src: *const c_char,
    len: size_t,
) -> *mut c_char {
    if dst.is_null() {
        return ptr::null_mut();
    }
    if src.is_null() || len == 0 {
        // SAFETY: the caller's buffer holds at least one byte.
        unsafe { *dst = 0 };
        return ptr::null_mut();
    }
    let (start, kept) = {
        // SAFETY: the caller's `src` holds `len` readable bytes (the C
        // function reads all of them); this view ends before any write.
        let s = unsafe { std::slice::from_raw_parts(src as *const u8, len) };
        let kept = text::clean(s);
        (kept.as_ptr() as usize - s.as_ptr() as usize, kept.len())
    };
    if kept == 0 {
        // SAFETY: as above, one byte of `dst`.
        unsafe { *dst = 0 };
        return dst;
    }
    // SAFETY: `dst` holds `len + 1` bytes (the C contract); memmove as C.
    unsafe { ptr::copy(src.add(start), dst, kept) };
    // SAFETY: the NULs up to `len`, and at `kept` when nothing was trimmed.
    unsafe { ptr::write_bytes(dst.add(kept), 0, len.max(kept + 1) - kept) };
    dst
}

/// Trims SP/HT/CR/LF at both ends, in place; 0, or -1 for NULL.
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn osip_clrspace(word: *mut c_char) -> c_int {
    if word.is_null() {
        return OSIP_UNDEFINED_ERROR;
    }
    // SAFETY: the caller's string, changed in place.
    let s = unsafe { c_bytes_mut(word) };
    let kept = text::clean(s);
    let (start, n) = (kept.as_ptr() as usize - s.as_ptr() as usize, kept.len());
    s.copy_within(start..start + n, 0);
    if n < s.len() {
        s[n] = 0;
    }
    OSIP_SUCCESS
}

/// ASCII upper case to lower case, in place; 0.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_tolower(word: *mut c_char) -> c_int {
    if word.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: the caller's string, changed in place.
    text::tolower(unsafe { c_bytes_mut(word) });
    OSIP_SUCCESS
}

/// `strtol(number, NULL, 10)` as `int`; -1 for NULL or on overflow.
#[export(refuse = OSIP_UNDEFINED_ERROR)]
#[no_mangle]
pub unsafe extern "C" fn osip_atoi(#[cstr] number: *const c_char) -> c_int {
    text::atoi(number.to_bytes())
}

/// glibc's `strcasecmp` (Debian's build calls it).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strcasecmp(s1: *const c_char, s2: *const c_char) -> c_int {
    if s1.is_null() || s2.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: two NUL-terminated strings per the contract.
    unsafe { libc::strcasecmp(s1, s2) }
}

/// glibc's `strncasecmp` (Debian's build calls it): reads at most `len`
/// bytes of each string.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strncasecmp(
    s1: *const c_char,
    s2: *const c_char,
    len: size_t,
) -> c_int {
    if len == 0 {
        return OSIP_SUCCESS;
    }
    if s1.is_null() || s2.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: strings per the contract, read up to `len` bytes or a NUL.
    unsafe { libc::strncasecmp(s1, s2, len) }
}

/// The first case-insensitive occurrence of `needle` in `haystack`, or
/// NULL; an empty needle gives `haystack`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strcasestr(
    #[cstr] haystack: *const c_char,
    #[cstr] needle: *const c_char,
) -> *mut c_char {
    match text::strcasestr(haystack.to_bytes(), needle.to_bytes()) {
        Some(i) => haystack.as_ptr().wrapping_add(i) as *mut c_char,
        None => ptr::null_mut(),
    }
}

/// Copies `src` (and its NUL) to `dst`; returns the position of the NUL
/// written.
#[export(refuse = ptr::null_mut())]
#[no_mangle]
pub unsafe extern "C" fn osip_str_append(dst: *mut c_char, src: *const c_char) -> *mut c_char {
    if dst.is_null() || src.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: a NUL-terminated `src`.
    let n = unsafe { libc::strlen(src) };
    // SAFETY: `dst` has room for `n + 1` bytes (the C contract).
    unsafe { ptr::copy(src, dst, n) };
    // SAFETY: as above.
    unsafe { *dst.add(n) = 0 };
    dst.wrapping_add(n)
}

/// Copies `len` bytes of `src` to `dst` and a NUL after them; returns the
/// position of that NUL.
#[export(refuse = ptr::null_mut())]
#[no_mangle]
pub unsafe extern "C" fn osip_strn_append(
    dst: *mut c_char,
    src: *const c_char,
    len: size_t,
) -> *mut c_char {
    if dst.is_null() || (src.is_null() && len > 0) {
        return ptr::null_mut();
    }
    if len > 0 {
        // SAFETY: `len` bytes of `src`, room for `len + 1` in `dst`.
        unsafe { ptr::copy(src, dst, len) };
    }
    // SAFETY: as above.
    unsafe { *dst.add(len) = 0 };
    dst.wrapping_add(len)
}

/// `s` between double quotes with `"`, `\` and DEL escaped and CR/LF turned
/// into spaces.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_enquote(#[cstr] s: *const c_char) -> *mut c_char {
    text::enquote(s.to_bytes()).map_or(ptr::null_mut(), OString::into_raw)
}

/// Removes the quotes around `s` and its backslash escapes, in place (only
/// when `s` starts with `"`).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_dequote(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: the caller's string, changed in place.
    let bytes = unsafe { c_bytes_mut(s) };
    let n = text::dequote(bytes);
    if n < bytes.len() {
        bytes[n] = 0;
    }
}

/// djb2 of the string's (signed) bytes, in 32 bits.
#[export(refuse = 0)]
#[no_mangle]
pub unsafe extern "C" fn osip_hash(#[cstr] str: *const c_char) -> c_ulong {
    c_ulong::from(text::hash(str.to_bytes()))
}

/// The text of an error code: `osip_error_table[-err]` (entry 0 for
/// positive codes, 59 below -59).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_strerror(err: c_int) -> *const c_char {
    let i = text::strerror_index(err);
    // SAFETY: a read of our table (an application may have changed an
    // entry, as Debian's would see).
    unsafe { ptr::addr_of!(osip_error_table[i]).read() }
}

/// Whether `osip_build_random_number` seeded libc's generator.
static RANDOM_SEEDED: AtomicBool = AtomicBool::new(false);

fn now_ticks() -> c_uint {
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: `tv` is ours.
    unsafe { libc::gettimeofday(&mut tv, ptr::null_mut()) };
    (tv.tv_sec as c_uint).wrapping_add(tv.tv_usec as c_uint)
}

/// A random number from libc's `lrand48`, seeded on the first call from the
/// time and 512 words of /dev/urandom (as Debian's; not cryptographic).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_build_random_number() -> c_uint {
    if !RANDOM_SEEDED.swap(true, Ordering::AcqRel) {
        let mut ticks = now_ticks();
        if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            use std::io::Read;
            let mut word = [0u8; 4];
            for _ in 0..512 {
                if f.read_exact(&mut word).is_ok() {
                    ticks = ticks.wrapping_add(u32::from_ne_bytes(word));
                }
            }
        }
        // SAFETY: libc's generator state, as Debian's library uses it.
        unsafe { libc::srand48(libc::c_long::from(ticks)) };
    }
    // SAFETY: as above.
    let val = unsafe { libc::lrand48() } as c_int;
    if val == 0 {
        // SAFETY: as above.
        unsafe { libc::srand48(libc::c_long::from(now_ticks())) };
        // SAFETY: as above.
        return unsafe { libc::lrand48() } as c_uint;
    }
    val as c_uint
}

/// Sleeps with `select`: whole seconds when `useconds` is a second or more
/// (the rest is dropped), else `useconds` microseconds.
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_usleep(useconds: c_int) {
    let sec = useconds / 1_000_000;
    let mut delay = if sec > 0 {
        libc::timeval {
            tv_sec: libc::time_t::from(sec),
            tv_usec: 0,
        }
    } else {
        libc::timeval {
            tv_sec: 0,
            tv_usec: libc::suseconds_t::from(useconds),
        }
    };
    // SAFETY: a plain sleep on no descriptors.
    unsafe {
        libc::select(
            0,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
            &mut delay,
        )
    };
}

/// Sets the three allocator hooks (NULL: libc's function).
#[export]
#[no_mangle]
pub unsafe extern "C" fn osip_set_allocators(
    malloc_func: Option<unsafe extern "C" fn(size_t) -> *mut c_void>,
    realloc_func: Option<unsafe extern "C" fn(*mut c_void, size_t) -> *mut c_void>,
    free_func: Option<unsafe extern "C" fn(*mut c_void)>,
) {
    // SAFETY: plain stores into the library's variables; applications set
    // them before starting threads (the C contract).
    unsafe {
        crate::osip_malloc_func = malloc_func;
    }
    // SAFETY: as above.
    unsafe {
        crate::osip_realloc_func = realloc_func;
    }
    // SAFETY: as above.
    unsafe {
        crate::osip_free_func = free_func;
    }
}

/// A `char` argument passed as `int` and compared with `*p` (a signed
/// char): the byte it matches, or None when no char equals it.
fn char_of(c: c_int) -> Option<u8> {
    i8::try_from(c).ok().map(|c| c as u8)
}

/// Copies the text up to `end_separator` into `*dest` and points `*next`
/// after the separator: 0, or -1 (empty text, end of string, or CR/LF
/// first) with `*next` NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_set_next_token(
    #[nonnull] dest: *mut *mut c_char,
    // `char *`, as upstream's header declares it.
    #[cstr] buf: *mut c_char,
    end_separator: c_int,
    #[nonnull] next: *mut *mut c_char,
) -> c_int {
    *next = ptr::null_mut();
    let Some(sep) = char_of(end_separator) else {
        return OSIP_UNDEFINED_ERROR;
    };
    match scan::next_token(buf.to_bytes(), 0, sep) {
        Ok((token, after)) => {
            *dest = token.into_raw();
            *next = buf.as_ptr().wrapping_add(after) as *mut c_char;
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// The first `"` of `qstring` not escaped by a backslash, or NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_quote_find(#[cstr] qstring: *const c_char) -> *const c_char {
    match scan::quote_find(qstring.to_bytes(), 0) {
        Some(i) => qstring.as_ptr().wrapping_add(i),
        None => ptr::null(),
    }
}

/// The shared body of `__osip_quoted_string_set` and `__osip_token_set`.
///
/// # Safety
/// `result` and `next` are valid for writes; `*result` is NULL or a string
/// the caller owns.
unsafe fn set_param(
    reader: scan::ParamReader,
    name: &CStr,
    str: &CStr,
    result: &mut *mut c_char,
    next: &mut *const c_char,
) -> c_int {
    if !result.is_null() {
        *next = str.as_ptr();
        return OSIP_SUCCESS;
    }
    let mut value = None;
    let r = reader(name.to_bytes(), str.to_bytes(), 0, &mut value);
    if let Some(v) = value {
        *result = v.into_raw();
    }
    match r {
        Ok(n) => {
            *next = n.map_or(ptr::null(), |i| str.as_ptr().wrapping_add(i));
            OSIP_SUCCESS
        }
        Err(e) => {
            *next = ptr::null();
            e
        }
    }
}

/// Reads the quoted value of parameter `name` at `str` into `*result`
/// (unless already set); `*next` is where the next parameter starts, NULL
/// at the end.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_quoted_string_set(
    #[cstr] name: *const c_char,
    #[cstr] str: *const c_char,
    #[nonnull] result: *mut *mut c_char,
    #[nonnull] next: *mut *const c_char,
) -> c_int {
    // SAFETY: references made from the caller's pointers.
    unsafe { set_param(scan::quoted_string_set, name, str, result, next) }
}

/// Reads the token value of parameter `name` at `str` into `*result`
/// (unless already set); `*next` as for `__osip_quoted_string_set`.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_token_set(
    #[cstr] name: *const c_char,
    #[cstr] str: *const c_char,
    #[nonnull] result: *mut *mut c_char,
    #[nonnull] next: *mut *const c_char,
) -> c_int {
    // SAFETY: as above.
    unsafe { set_param(scan::token_set, name, str, result, next) }
}

/// The first `separator_osip_to_find` in `ch`, if it comes before the first
/// `before_separator` (0: no such condition); else NULL.
#[export]
#[no_mangle]
pub unsafe extern "C" fn next_separator(
    #[cstr] ch: *const c_char,
    separator_osip_to_find: c_int,
    before_separator: c_int,
) -> *const c_char {
    let s = ch.to_bytes();
    // strchr converts its argument to char.
    let sep = separator_osip_to_find as u8;
    let found = if before_separator != 0 && before_separator as u8 == 0 {
        // strchr(ch, 0) finds the terminator: only a separator before it.
        scan::find_byte(s, 0, sep).filter(|&i| i < s.len())
    } else {
        scan::next_separator(s, 0, sep, before_separator as u8)
    };
    match found {
        Some(i) => ch.as_ptr().wrapping_add(i),
        None => ptr::null(),
    }
}

/// Points `*end_of_header` after the line end (CRLF, CR or LF) of the line
/// at `start_of_header`: 0; -5 at the end of the string; -2 when the next
/// line is a continuation (`*end_of_header` NULL on errors).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_find_next_crlf(
    #[cstr] start_of_header: *const c_char,
    #[nonnull] end_of_header: *mut *const c_char,
) -> c_int {
    *end_of_header = ptr::null();
    match scan::find_next_crlf(start_of_header.to_bytes(), 0) {
        Ok(e) => {
            *end_of_header = start_of_header.as_ptr().wrapping_add(e);
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Points `*end_of_part` after the first empty line from `start_of_part`:
/// 0, or -5 (`*end_of_part` untouched).
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_find_next_crlfcrlf(
    #[cstr] start_of_part: *const c_char,
    #[nonnull] end_of_part: *mut *const c_char,
) -> c_int {
    match scan::find_next_crlfcrlf(start_of_part.to_bytes(), 0) {
        Ok(e) => {
            *end_of_part = start_of_part.as_ptr().wrapping_add(e);
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// Points `*index_of_str` at the first `str` in `buf` that ends before the
/// last byte before `end_of_buf` (a binary search: NULs are ordinary
/// bytes): 0; -2 for a NULL `str` or `buf`; -5 when not found
/// (`*index_of_str` NULL). Debian scans on past memory when `end_of_buf`
/// is before `buf`; ours finds nothing.
#[export]
#[no_mangle]
pub unsafe extern "C" fn __osip_find_next_occurence(
    str: *const c_char,
    buf: *const c_char,
    #[nonnull] index_of_str: *mut *const c_char,
    end_of_buf: *const c_char,
) -> c_int {
    *index_of_str = ptr::null();
    if str.is_null() || buf.is_null() {
        return OSIP_BADPARAMETER;
    }
    // SAFETY: a NUL-terminated string per the contract.
    let needle = unsafe { CStr::from_ptr(str) }.to_bytes();
    let len = (end_of_buf as usize).saturating_sub(buf as usize);
    // SAFETY: the caller's buffer: `len` readable bytes from `buf` to
    // `end_of_buf` (the C contract).
    let hay = unsafe { std::slice::from_raw_parts(buf as *const u8, len) };
    match scan::find_next_occurence(needle, hay, 0) {
        Ok(i) => {
            *index_of_str = buf.wrapping_add(i);
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}
