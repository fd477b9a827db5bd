//! The tokenizers the header parsers share (`osip_port.c`,
//! `osip_message_parse.c`, `osip_uri.c`, `osip_www_authenticate.c`), on
//! byte slices.
//!
//! Positions are offsets into the slice given; the end of the slice plays
//! the part of the C string's NUL (a `&[u8]` from a `CStr` has no NUL
//! inside). "Next" positions that C returns as pointers (`char **next`) are
//! `Option<usize>` here, None for C's NULL.

use super::text::{clean_copy, copy, starts_with_ignore_case, strstr};
use super::trace::Level;
use crate::code::{OSIP_NOMEM, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR};
use libc::c_int;
use osip_cmem::OString;

/// The signature of [`quoted_string_set`] and [`token_set`]: parameter
/// name, header value, position, the field to fill.
pub type ParamReader =
    fn(&[u8], &[u8], usize, &mut Option<OString>) -> Result<Option<usize>, c_int>;

/// `strchr(s + from, c)` as an offset into `s`. A NUL `c` finds the end
/// (the terminator), as strchr does.
pub fn find_byte(s: &[u8], from: usize, c: u8) -> Option<usize> {
    if c == 0 {
        return Some(s.len());
    }
    memchr::memchr(c, s.get(from..)?).map(|i| i + from)
}

/// `next_separator(s + from, sep, before)`: the first `sep` at or after
/// `from`, provided it comes before the first `before` (when `before` is not
/// NUL and occurs at all). A NUL `sep` finds the end of the string.
pub fn next_separator(s: &[u8], from: usize, sep: u8, before: u8) -> Option<usize> {
    if before == 0 || sep == 0 {
        let ind = find_byte(s, from, sep)?;
        return match (before, find_byte(s, from, before)) {
            (0, _) => Some(ind),
            (_, Some(tmp)) if ind >= tmp => None,
            _ => Some(ind),
        };
    }
    // One scan, to whichever comes first (the library searches the whole
    // string for each: quadratic over a list of parameters).
    let at = find_any(s, from, &[sep, before])?;
    (s[at] == sep && sep != before).then_some(at)
}

/// `__osip_quote_find(s + from)`: the first `"` at or after `from` that is
/// not escaped, that is, preceded by an even number of backslashes (counted
/// back no further than `from`).
pub fn quote_find(s: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let q = find_byte(s, at, b'"')?;
        if q >= s.len() {
            return None;
        }
        let backslashes = s[from..q].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(q);
        }
        at = q + 1;
    }
}

/// `__osip_set_next_token(&dest, buf, sep, &next)` on `s[from..]`: the
/// token up to the separator `sep` (not included) and the position after
/// the separator. -1 when the token is empty, when the string ends first,
/// or when a CR or LF comes first (unless `sep` is that byte); a NUL `sep`
/// always fails. The token is copied as is (no trimming).
pub fn next_token(s: &[u8], from: usize, sep: u8) -> Result<(OString, usize), c_int> {
    let rest = s.get(from..).unwrap_or_default();
    let n = rest
        .iter()
        .position(|&b| b == sep || b == b'\r' || b == b'\n')
        .ok_or(OSIP_UNDEFINED_ERROR)?;
    if rest[n] != sep || sep == 0 || n == 0 {
        return Err(OSIP_UNDEFINED_ERROR);
    }
    let token = copy(&rest[..n]).ok_or(OSIP_NOMEM)?;
    Ok((token, from + n + 1))
}

/// Where the next parameter starts after a value ending before `at`: SP/HT,
/// then CR/LF, are skipped; None (C's NULL `next`) at the end of the
/// string. What `__osip_quoted_string_set` and `__osip_token_set` compute.
fn after_value(s: &[u8], mut at: usize) -> Option<usize> {
    while matches!(s.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    while matches!(s.get(at), Some(b'\n' | b'\r')) {
        at += 1;
    }
    if at >= s.len() {
        return None;
    }
    while matches!(s.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    if at >= s.len() {
        return None;
    }
    Some(at)
}

fn skip_separators(s: &[u8], mut at: usize) -> usize {
    while matches!(s.get(at), Some(b' ' | b'\t' | b',')) {
        at += 1;
    }
    at
}

/// `__osip_quoted_string_set(name, s + at, result, &next)`: reads the
/// quoted value of parameter `name` of an authentication header, for the
/// parsers of (Proxy-)Authorization, WWW-/Proxy-Authenticate and
/// (Proxy-)Authentication-Info.
///
/// - `result` already set: nothing happens, `Ok(Some(at))`.
/// - SP/HT/`,` are skipped; when what follows does not start with `name`
///   (ASCII case-insensitively), or the first `=` after it (spaces before
///   `=` ignored) is not right after the name: `Ok(Some(p))`, `p` the
///   position after the skipped separators ("not this parameter"; `p !=
///   at` when something was skipped, which the callers count as progress).
/// - Otherwise the value is from the first unescaped `"` at or after the
///   name (which need not be after the `=`: `realm=x, nonce="n"` gives
///   realm `"n"`) to the next unescaped `"`, quotes included; no `=` or no
///   such quotes → -5. `""` stores nothing. Then `Ok(next)`: None at the end of the value, else where the
///   next parameter starts (after SP/HT, then CR/LF, then SP/HT).
pub fn quoted_string_set(
    name: &[u8],
    s: &[u8],
    at: usize,
    result: &mut Option<OString>,
) -> Result<Option<usize>, c_int> {
    if result.is_some() {
        return Ok(Some(at));
    }
    let str_at = skip_separators(s, at);
    let rest = &s[str_at.min(s.len())..];
    if !starts_with_ignore_case(rest, name) {
        return Ok(Some(str_at));
    }
    let mut hack = find_byte(s, str_at, b'=')
        .filter(|&h| h < s.len())
        .ok_or(OSIP_SYNTAXERROR)?;
    while hack > 0 && s[hack - 1] == b' ' {
        hack -= 1;
    }
    if hack.checked_sub(str_at) != Some(name.len()) {
        return Ok(Some(str_at));
    }
    let quote1 = quote_find(s, str_at).ok_or(OSIP_SYNTAXERROR)?;
    let quote2 = quote_find(s, quote1 + 1).ok_or(OSIP_SYNTAXERROR)?;
    if quote2 - quote1 > 1 {
        *result = Some(copy(&s[quote1..=quote2]).ok_or(OSIP_NOMEM)?);
    }
    Ok(after_value(s, quote2 + 1))
}

/// `__osip_token_set(name, s + at, result, &next)`: reads the token value
/// of parameter `name` (`stale`, `algorithm`, `nc`, ...) of an
/// authentication header.
///
/// - `result` already set: `Ok(Some(at))`.
/// - No `=` from `at` on: -5. Fewer than 6 bytes left: `Ok(None)` (end).
/// - SP/HT/`,` skipped; not starting with `name` (a prefix test:
///   `algorithmx=` matches `algorithm`): `Ok(Some(p))` after the skipped
///   separators.
/// - Otherwise the value runs from after the first `=` (from `at`) to the
///   next `,` (or the end), trimmed (`osip_clrncpy`); an empty span, or a
///   `,` before the `=`, is -5. Then `Ok(next)` as for
///   [`quoted_string_set`], from after the `,`.
pub fn token_set(
    name: &[u8],
    s: &[u8],
    at: usize,
    result: &mut Option<OString>,
) -> Result<Option<usize>, c_int> {
    if result.is_some() {
        return Ok(Some(at));
    }
    let beg = find_byte(s, at, b'=')
        .filter(|&b| b < s.len())
        .ok_or(OSIP_SYNTAXERROR)?;
    if s.len().saturating_sub(at) < 6 {
        return Ok(None);
    }
    let str_at = skip_separators(s, at);
    if !starts_with_ignore_case(&s[str_at.min(s.len())..], name) {
        return Ok(Some(str_at));
    }
    let end = find_byte(s, str_at, b',').unwrap_or(s.len());
    if end < beg + 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    *result = Some(clean_copy(&s[beg + 1..end]).ok_or(OSIP_NOMEM)?);
    let tmp = if end < s.len() { end + 1 } else { end };
    Ok(after_value(s, tmp))
}

/// The first position at or after `from` holding one of the bytes of
/// `set` (one to three of them with `memchr`'s vector search, four
/// eight bytes at a time); None when there is none. The line scanners' inner loop.
pub fn find_any(s: &[u8], from: usize, set: &[u8]) -> Option<usize> {
    match *set {
        [a] => memchr::memchr(a, s.get(from..)?).map(|k| from + k),
        [a, b] => memchr::memchr2(a, b, s.get(from..)?).map(|k| from + k),
        [a, b, c] => memchr::memchr3(a, b, c, s.get(from..)?).map(|k| from + k),
        [a, b, c, d] => find_with(s, from, |v| {
            hits(v, a) | hits(v, b) | hits(v, c) | hits(v, d)
        }),
        _ => s
            .get(from..)?
            .iter()
            .position(|b| set.contains(b))
            .map(|k| from + k),
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The bytes of `v` equal to `b`, marked by their high bit; the lowest
/// mark is exact (a borrow only moves marks upwards).
#[inline(always)]
fn hits(v: u64, b: u8) -> u64 {
    let x = v ^ (LO * u64::from(b));
    x.wrapping_sub(LO) & !x & HI
}

#[inline(always)]
fn find_with(s: &[u8], from: usize, marks: impl Fn(u64) -> u64) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let hit = marks(u64::from_le_bytes(word));
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i < s.len() {
        let mut word = [0u8; 8];
        word[0] = s[i];
        // A lone byte: the zero padding must not match (it is not in `s`).
        if marks(u64::from_le_bytes(word)) & 0x80 != 0 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `__osip_find_next_crlf(s + from, &end)`: the position after the end of
/// the line starting at `from` (CRLF, CR or LF). -5 when the string ends
/// first; -2 when the next line starts with SP or HT (a folded line, which
/// the caller must have unfolded). Both errors trace, as Debian's.
pub fn find_next_crlf(s: &[u8], from: usize) -> Result<usize, c_int> {
    let Some(mut soh) = find_any(s, from, b"\r\n") else {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            352,
            "Final CRLF is missing\n"
        );
        return Err(OSIP_SYNTAXERROR);
    };
    if s[soh] == b'\r' && s.get(soh + 1) == Some(&b'\n') {
        soh += 1;
    }
    if matches!(s.get(soh + 1), Some(b' ' | b'\t')) {
        crate::trace!(
            Level::Bug,
            "osip_message_parse.c",
            370,
            "Message that contains LWS must be processed with osip_util_replace_all_lws(char *tmp) before being parsed.\n"
        );
        return Err(crate::code::OSIP_BADPARAMETER);
    }
    Ok(soh + 1)
}

/// `__osip_find_next_crlfcrlf(s + from, &end)`: the position after the
/// first empty line (CRLF, CR or LF directly after a line end). -5 when the
/// string ends first. On a folded line Debian dereferences NULL (crash);
/// ours returns -5 (docs/deviations.md).
pub fn find_next_crlfcrlf(s: &[u8], from: usize) -> Result<usize, c_int> {
    let mut line = from;
    loop {
        let end = match find_next_crlf(s, line) {
            Ok(e) => e,
            Err(crate::code::OSIP_BADPARAMETER) => return Err(OSIP_SYNTAXERROR),
            Err(e) => {
                crate::trace!(
                    Level::Error,
                    "osip_message_parse.c",
                    390,
                    "Final CRLF is missing\n"
                );
                return Err(e);
            }
        };
        match s.get(end) {
            None => {
                crate::trace!(
                    Level::Error,
                    "osip_message_parse.c",
                    395,
                    "Final CRLF is missing\n"
                );
                return Err(OSIP_SYNTAXERROR);
            }
            Some(b'\r') => {
                return Ok(if s.get(end + 1) == Some(&b'\n') {
                    end + 2
                } else {
                    end + 1
                })
            }
            Some(b'\n') => return Ok(end + 1),
            Some(_) => line = end,
        }
    }
}

/// `__osip_find_next_occurence(needle, buf + from, &index, buf +
/// buf.len())` as Debian's 5.3.0 build has it: the first position `p` at or
/// after `from` where the bytes of `needle` are found (NULs inside `buf` are
/// ordinary bytes) *and* `p + needle.len() < buf.len()`: a match touching
/// the last byte does not count. -5 when there is none.
pub fn find_next_occurence(needle: &[u8], buf: &[u8], from: usize) -> Result<usize, c_int> {
    let end = buf.len().checked_sub(1).ok_or(OSIP_SYNTAXERROR)?;
    let region = buf.get(from..end).ok_or(OSIP_SYNTAXERROR)?;
    if needle.is_empty() {
        return Ok(from);
    }
    strstr(region, needle)
        .map(|i| from + i)
        .ok_or(OSIP_SYNTAXERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(next_separator(b"a=b;c", 0, b'=', b';'), Some(1));
        assert_eq!(next_separator(b"a;c=b", 0, b'=', b';'), None);
        assert_eq!(next_separator(b"abc", 0, b'=', b';'), None);
        assert_eq!(next_separator(b"a=b", 0, b'=', 0), Some(1));
        assert_eq!(next_separator(b"ab", 0, 0, b';'), Some(2));
        assert_eq!(find_byte(b"ab", 5, b'a'), None);
    }

    #[test]
    fn quotes() {
        assert_eq!(quote_find(b"\"abc\"", 0), Some(0));
        assert_eq!(quote_find(b"ab\\\"c\"", 0), Some(5));
        assert_eq!(quote_find(b"ab\\\\\"c", 0), Some(4));
        assert_eq!(quote_find(b"\\\"x", 0), None);
        assert_eq!(quote_find(b"\\\\\"x", 0), Some(2));
        assert_eq!(quote_find(b"a\\\"b", 2), Some(2));
        assert_eq!(quote_find(b"abc", 0), None);
    }

    #[test]
    fn tokens() {
        let (t, n) = next_token(b"INVITE sip:x", 0, b' ').unwrap();
        assert_eq!((t.as_bytes(), n), (&b"INVITE"[..], 7));
        assert_eq!(next_token(b" x", 0, b' ').err(), Some(-1));
        assert_eq!(next_token(b"ab\r\n", 0, b' ').err(), Some(-1));
        assert_eq!(next_token(b"ab", 0, b' ').err(), Some(-1));
        assert_eq!(next_token(b"ab\ncd", 0, b'\n').unwrap().1, 3);
        assert_eq!(next_token(b"ab", 0, 0).err(), Some(-1));
    }

    fn qs(name: &[u8], s: &[u8], at: usize) -> (Result<Option<usize>, c_int>, Option<Vec<u8>>) {
        let mut r = None;
        let n = quoted_string_set(name, s, at, &mut r);
        (n, r.map(|v| v.as_bytes().to_vec()))
    }

    #[test]
    fn quoted_strings() {
        let s = b"Digest realm=\"atlanta.com\", nonce=\"n\"";
        assert_eq!(
            qs(b"realm", s, 6),
            (Ok(Some(26)), Some(b"\"atlanta.com\"".to_vec()))
        );
        assert_eq!(qs(b"nonce", s, 6), (Ok(Some(7)), None));
        assert_eq!(qs(b"nonce", s, 26), (Ok(None), Some(b"\"n\"".to_vec())));
        let s = b" username=bob, realm=\"r\"";
        assert_eq!(qs(b"username", s, 0), (Ok(None), Some(b"\"r\"".to_vec())));
        assert_eq!(qs(b"realm", b" realm=x", 0), (Err(-5), None));
        assert_eq!(qs(b"realm", b" realm", 0), (Err(-5), None));
        assert_eq!(qs(b"opaque", b" opaque=\"\", x", 0), (Ok(Some(10)), None));
        assert_eq!(qs(b"realm", b"realmx=\"a\"", 0), (Ok(Some(0)), None));
        assert_eq!(
            qs(b"realm", b"realm = \"a\"  ", 0),
            (Ok(None), Some(b"\"a\"".to_vec()))
        );
        let mut set = OString::new(b"x");
        assert_eq!(
            quoted_string_set(b"realm", b" realm=\"a\"", 0, &mut set),
            Ok(Some(0))
        );
    }

    #[test]
    fn token_values() {
        let t = |name: &[u8], s: &[u8], at| {
            let mut r = None;
            let n = token_set(name, s, at, &mut r);
            (n, r.map(|v| v.as_bytes().to_vec()))
        };
        let s = b", algorithm=MD5 , stale=true";
        assert_eq!(t(b"algorithm", s, 0), (Ok(Some(18)), Some(b"MD5".to_vec())));
        assert_eq!(t(b"stale", s, 17), (Ok(None), Some(b"true".to_vec())));
        assert_eq!(t(b"stale", s, 0), (Ok(Some(2)), None));
        assert_eq!(t(b"stale", b"abcd", 0), (Err(-5), None));
        assert_eq!(t(b"stale", b"a=b", 0), (Ok(None), None));
        assert_eq!(t(b"stale", b"stale=,x=y", 0), (Err(-5), None));
    }

    #[test]
    fn any_of() {
        let s = b"0123456789abcdef\r\n";
        assert_eq!(find_any(s, 0, b"\r\n"), Some(16));
        assert_eq!(find_any(s, 17, b"\r\n"), Some(17));
        assert_eq!(find_any(s, 18, b"\r\n"), None);
        assert_eq!(find_any(s, 99, b"\r\n"), None);
        assert_eq!(find_any(b"ab\0c\n", 0, b"\r\n\0"), Some(2));
        assert_eq!(find_any(b"\x80\x8a\x0a", 0, b"\n"), Some(2));
        assert_eq!(
            find_any(b"abc", 0, b"\0"),
            None,
            "the tail's padding is no NUL"
        );
        assert_eq!(find_any(b"abcdefghij\0", 0, b"\0"), Some(10));
        assert_eq!(find_any(b"abcd", 0, b"xyzd"), Some(3));
        for n in 0..40 {
            let mut v = vec![b'x'; n + 1];
            v[n] = b'\r';
            assert_eq!(find_any(&v, 0, b"\r\n"), Some(n));
            assert_eq!(find_any(&v[..n], 0, b"\r\n"), None);
        }
    }

    #[test]
    fn line_ends() {
        assert_eq!(find_next_crlf(b"ab\r\ncd", 0), Ok(4));
        assert_eq!(find_next_crlf(b"ab\rcd", 0), Ok(3));
        assert_eq!(find_next_crlf(b"ab\ncd", 0), Ok(3));
        assert_eq!(find_next_crlf(b"ab", 0), Err(-5));
        assert_eq!(find_next_crlf(b"ab\r\n cd", 0), Err(-2));
        assert_eq!(find_next_crlfcrlf(b"a\r\nb\r\n\r\nbody", 0), Ok(8));
        assert_eq!(find_next_crlfcrlf(b"a\nb\n\nbody", 0), Ok(5));
        assert_eq!(find_next_crlfcrlf(b"a\rb\r\rbody", 0), Ok(5));
        assert_eq!(find_next_crlfcrlf(b"a\r\nb\r\n", 0), Err(-5));
        assert_eq!(find_next_crlfcrlf(b"a\r\n b\r\n\r\n", 0), Err(-5));
    }

    #[test]
    fn occurences_across_nuls() {
        let buf = b"x\0y--b\0\0z--bend";
        assert_eq!(find_next_occurence(b"--b", buf, 0), Ok(3));
        assert_eq!(find_next_occurence(b"--b", &buf[..6], 0), Err(-5));
        assert_eq!(find_next_occurence(b"--b", &buf[..7], 0), Ok(3));
        assert_eq!(find_next_occurence(b"end", buf, 0), Err(-5));
        assert_eq!(find_next_occurence(b"", buf, 1), Ok(1));
        assert_eq!(find_next_occurence(b"", b"", 0), Err(-5));
        assert_eq!(find_next_occurence(b"x", buf, 20), Err(-5));
    }
}
