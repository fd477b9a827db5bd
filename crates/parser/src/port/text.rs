//! The string utilities of `osip_port.c`, on byte slices.
//!
//! A `&[u8]` here is the bytes of a C string without its NUL: where the C
//! code stops at the NUL, these functions stop at the end of the slice.
//! Each function says which C function it is and what Debian's does with
//! the edge cases (NULL pointers are the entry points' business).

use osip_cmem::OString;

/// The whitespace `osip_clrncpy` and `osip_clrspace` trim: SP, CR, LF, HT
/// (not VT or FF).
pub fn is_lws(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// `s` without leading and trailing SP/CR/LF/HT: the span `osip_clrncpy`
/// copies and `osip_clrspace` keeps. All blank gives the empty span.
pub fn clean(s: &[u8]) -> &[u8] {
    let Some(start) = s.iter().position(|&b| !is_lws(b)) else {
        return &s[..0];
    };
    let end = s.iter().rposition(|&b| !is_lws(b)).map_or(start, |e| e + 1);
    &s[start..end]
}

/// `osip_clrncpy(dst, src, len)` into a new string: the first `len` bytes
/// of `src` with leading and trailing SP/CR/LF/HT removed (empty when all
/// blank), cut at the first NUL. None when out of memory.
///
/// This is how every header parser of the library copies a span:
/// `clean_copy(&value[a..b])` gives what `osip_malloc(b - a + 1)` +
/// `osip_clrncpy(p, value + a, b - a)` leave in `p`.
pub fn clean_copy(s: &[u8]) -> Option<OString> {
    OString::truncated(clean(s))
}

/// `osip_strncpy(dst, src, n)` into a new string (what `osip_malloc(n + 1)`
/// + `osip_strncpy` leave): the bytes of `s` up to its first NUL. None when
///   out of memory.
pub fn copy(s: &[u8]) -> Option<OString> {
    OString::truncated(s)
}

/// `osip_strdup_without_quote(s)`: a copy of `s`; when `s` starts with `"`
/// the copy drops that quote and then the last byte, whatever it is
/// (`"ab"` → `ab`, `"ab` → `a`, `ab"` → `ab"`). For `s` = `"` alone Debian
/// writes a NUL one byte before its block (heap underflow) and returns "":
/// we return "" without the stray write. None when out of memory.
pub fn strdup_without_quote(s: &[u8]) -> Option<OString> {
    match s.split_first() {
        Some((b'"', rest)) => OString::truncated(&rest[..rest.len().saturating_sub(1)]),
        _ => OString::truncated(s),
    }
}

/// `osip_tolower`: ASCII `A`-`Z` to lower case in place (libc `tolower` in
/// the C and UTF-8 locales Debian programs run in; other bytes untouched).
pub fn tolower(s: &mut [u8]) {
    s.make_ascii_lowercase();
}

/// `osip_atoi(s)`: libc `strtol(s, NULL, 10)` truncated to `int`, with
/// `LONG_MIN`/`LONG_MAX` (overflow, either way) giving -1. Leading
/// whitespace (SP, HT, LF, VT, FF, CR) and one sign are accepted, the digits
/// end at the first non-digit, no digit gives 0: `"99999999999"` →
/// 1215752191, `"-5x"` → -5, `"x"` → 0.
pub fn atoi(s: &[u8]) -> i32 {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    // Accumulate as strtol does, negatively so that LONG_MIN fits.
    let mut value: i64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).filter(|b| b.is_ascii_digit()) {
        let digit = i64::from(d - b'0');
        if !overflow {
            match value.checked_mul(10).and_then(|v| v.checked_sub(digit)) {
                Some(v) => value = v,
                None => overflow = true,
            }
        }
        i += 1;
    }
    let long = if overflow {
        if negative {
            i64::MIN
        } else {
            i64::MAX
        }
    } else if negative {
        value
    } else {
        // -LONG_MIN does not fit: strtol saturates to LONG_MAX.
        value.checked_neg().unwrap_or(i64::MAX)
    };
    if long == i64::MIN || long == i64::MAX {
        return -1;
    }
    long as i32
}

/// `osip_strcasecmp(a, b)` (glibc `strcasecmp`): the difference of the
/// first differing bytes once lower-cased (ASCII), as `int`; the end of a
/// slice counts as a NUL. `("a", "B")` → -1.
pub fn strcasecmp(a: &[u8], b: &[u8]) -> i32 {
    strncasecmp(a, b, usize::MAX)
}

/// `osip_strncasecmp(a, b, n)` (glibc `strncasecmp`): as [`strcasecmp`]
/// over at most `n` bytes; `n` = 0 gives 0. `("ab", "abc", 5)` → -99.
pub fn strncasecmp(a: &[u8], b: &[u8], n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let x = a.get(i).copied().unwrap_or(0).to_ascii_lowercase();
        let y = b.get(i).copied().unwrap_or(0).to_ascii_lowercase();
        if x != y || x == 0 {
            return i32::from(x) - i32::from(y);
        }
        i += 1;
    }
    0
}

/// Whether `s` starts with `prefix`, ASCII case-insensitively: what the
/// library's `osip_strncasecmp(prefix, s, strlen(prefix)) == 0` tests.
pub fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// `osip_strcasestr(haystack, needle)`: the offset of the first
/// case-insensitive (ASCII) occurrence of `needle` in `haystack`; an empty
/// needle is found at 0.
pub fn strcasestr(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// `strstr(haystack, needle)`: the offset of the first occurrence; an empty
/// needle is found at 0.
pub fn strstr(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `osip_enquote(s)`: `s` between double quotes, with `"`, `\` and DEL
/// (0x7f) escaped by a backslash and CR and LF each replaced by a space.
/// None when out of memory.
pub fn enquote(s: &[u8]) -> Option<OString> {
    let mut out = Vec::with_capacity(s.len() * 2 + 2);
    out.push(b'"');
    for &b in s {
        match b {
            b'"' | b'\\' | 0x7f => out.extend_from_slice(&[b'\\', b]),
            b'\r' | b'\n' => out.push(b' '),
            _ => out.push(b),
        }
    }
    out.push(b'"');
    OString::truncated(&out)
}

/// `osip_dequote(s)` in place, on a C string's bytes: nothing unless `s`
/// starts with `"`; then that quote goes, a last byte `"` goes, and every
/// backslash goes with the byte after it kept as is (`"a\"b"` → `a"b`,
/// `"a\\b"` → `a\b`, `"ab` → `ab`). Returns the new length: the caller
/// puts the NUL there.
pub fn dequote(s: &mut [u8]) -> usize {
    if s.first() != Some(&b'"') {
        return s.len();
    }
    let mut len = s.len() - 1;
    s.copy_within(1.., 0);
    if len > 0 && s[len - 1] == b'"' {
        len -= 1;
    }
    let mut w = 0;
    let mut r = 0;
    while r < len {
        if s[r] == b'\\' {
            r += 1;
            if r == len {
                break;
            }
        }
        s[w] = s[r];
        w += 1;
        r += 1;
    }
    w
}

/// `osip_dequote` on a copy.
pub fn dequoted(s: &[u8]) -> Vec<u8> {
    let mut v = s.to_vec();
    let n = dequote(&mut v);
    v.truncate(n);
    v
}

/// `osip_hash(s)`: djb2 (5381, `h * 33 + c`) over the bytes taken as
/// *signed* chars, in 32-bit arithmetic. `"via"` → 193509061.
pub fn hash(s: &[u8]) -> u32 {
    s.iter().fold(5381u32, |h, &c| {
        h.wrapping_mul(33).wrapping_add(i32::from(c as i8) as u32)
    })
}

/// Index into `osip_error_table` that `osip_strerror(err)` returns: 0 for
/// `err > 0`, `-err` for -59..=0, 59 ("undefined") below.
pub fn strerror_index(err: i32) -> usize {
    if err > 0 {
        0
    } else if err > -60 {
        (-err) as usize
    } else {
        59
    }
}

/// The 61 texts of `osip_error_table`, NUL-terminated.
pub const ERROR_TABLE: [&str; 61] = {
    let mut t = ["undefined\0"; 61];
    t[0] = "success\0";
    t[1] = "undefined error\0";
    t[2] = "bad parameter\0";
    t[3] = "wrong state\0";
    t[4] = "allocation failure\0";
    t[5] = "syntax error\0";
    t[6] = "not found\0";
    t[7] = "api not initialized\0";
    t[10] = "no network\0";
    t[11] = "busy port\0";
    t[12] = "unknown host\0";
    t[30] = "disk full\0";
    t[31] = "no rights\0";
    t[32] = "file not found\0";
    t[50] = "time out\0";
    t[51] = "too much call\0";
    t[52] = "wrong format\0";
    t[53] = "no common codec\0";
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_trims_lws_only() {
        assert_eq!(clean(b"  a b \r\n"), b"a b");
        assert_eq!(clean(b" \t\r\n"), b"");
        assert_eq!(clean(b""), b"");
        assert_eq!(clean(b"\x0bx\x0c"), b"\x0bx\x0c");
        assert_eq!(clean_copy(b" \0x ").unwrap().as_bytes(), b"");
        assert_eq!(copy(b"ab\0c").unwrap().as_bytes(), b"ab");
    }

    #[test]
    fn strdup_without_quote_drops_the_last_byte() {
        let f = |s: &[u8]| strdup_without_quote(s).unwrap().as_bytes().to_vec();
        assert_eq!(f(b"\"ab\""), b"ab");
        assert_eq!(f(b"\"ab"), b"a");
        assert_eq!(f(b"ab\""), b"ab\"");
        assert_eq!(f(b"\""), b"");
        assert_eq!(f(b""), b"");
    }

    #[test]
    fn atoi_is_strtol_truncated() {
        assert_eq!(atoi(b"99999999999"), 1215752191);
        assert_eq!(atoi(b"-5x"), -5);
        assert_eq!(atoi(b"x"), 0);
        assert_eq!(atoi(b" \t\x0b+42"), 42);
        assert_eq!(atoi(b"99999999999999999999"), -1);
        assert_eq!(atoi(b"-99999999999999999999"), -1);
        assert_eq!(atoi(b"9223372036854775807"), -1);
        assert_eq!(atoi(b"9223372036854775806"), -2);
        assert_eq!(atoi(b"-9223372036854775808"), -1);
        assert_eq!(atoi(b"4294967301"), 5);
        assert_eq!(atoi(b""), 0);
        assert_eq!(atoi(b"- 5"), 0);
    }

    #[test]
    fn case_comparisons_return_differences() {
        assert_eq!(strcasecmp(b"a", b"B"), -1);
        assert_eq!(strcasecmp(b"SIP", b"sip"), 0);
        assert_eq!(strncasecmp(b"ab", b"abc", 5), -99);
        assert_eq!(strncasecmp(b"ab", b"abc", 2), 0);
        assert_eq!(strncasecmp(b"x", b"y", 0), 0);
        assert_eq!(strcasecmp(b"\xe9", b"a"), 0xe9 - 0x61);
        assert_eq!(strcasestr(b"Hello World", b"WORLD"), Some(6));
        assert_eq!(strcasestr(b"abc", b""), Some(0));
        assert_eq!(strcasestr(b"abc", b"abcd"), None);
        assert!(starts_with_ignore_case(b"Realm=x", b"realm"));
    }

    #[test]
    fn quoting() {
        assert_eq!(
            enquote(b"a\"b\\c\x7f\r\n").unwrap().as_bytes(),
            b"\"a\\\"b\\\\c\\\x7f  \""
        );
        assert_eq!(dequoted(b"\"a\\\"b\""), b"a\"b");
        assert_eq!(dequoted(b"\"a\\\\b\""), b"a\\b");
        assert_eq!(dequoted(b"\"ab"), b"ab");
        assert_eq!(dequoted(b"ab\""), b"ab\"");
        assert_eq!(dequoted(b"\"a\\\""), b"a");
        assert_eq!(dequoted(b"\""), b"");
        assert_eq!(dequoted(b"\"\""), b"");
        assert_eq!(dequoted(b""), b"");
    }

    #[test]
    fn hash_and_errors() {
        assert_eq!(hash(b"via"), 193509061);
        assert_eq!(hash(b""), 5381);
        assert_eq!(hash(b"\xff"), 5381u32.wrapping_mul(33).wrapping_sub(1));
        assert_eq!(strerror_index(5), 0);
        assert_eq!(strerror_index(-59), 59);
        assert_eq!(strerror_index(-60), 59);
        assert_eq!(ERROR_TABLE[strerror_index(-53)], "no common codec\0");
        assert_eq!(ERROR_TABLE[60], "undefined\0");
    }
}
