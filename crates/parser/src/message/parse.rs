//! `osip_message_parse` and `osip_message_parse_sipfrag`
//! (`osip_message_parse.c`), and `osip_message_set_multiple_header`, which
//! the parser runs on every header line.
//!
//! The library works on a private copy of the bytes and reads most of it as
//! a C string: the start line and the headers end at the first NUL, bodies
//! are taken from the copy by length. In order:
//!
//! 1. leading CR and LF bytes are skipped;
//! 2. folded lines are unfolded in place: a line end (CRLF, CR or LF)
//!    followed by SP or HT becomes two spaces and the blanks after it
//!    spaces, up to the first empty line (see [`unfold`]);
//! 3. the start line: a response when it starts with `SIP/`, else a
//!    request (see [`response_line`] and [`request_line`]); its searches
//!    for spaces are C string searches, so they may run into later lines;
//! 4. the header lines, each one through [`set_multiple_header`], up to an
//!    empty line or the end of the string;
//! 5. the body, when Content-Length says there is one or, without
//!    Content-Length, when bytes follow the empty line (see [`body`]).
//!
//! Everything is read once, left to right; the only searches that can run
//! far (a `>` after `<sip:` in a header value, a colon missing from a line)
//! are answered from what was already seen or end the parse.

use super::config;
use super::generic;
use super::headers::{set_single, SingleHeader};
use super::lists::{Direct, Pending, Sink};
use crate::body;
use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::scan::{find_any, find_byte, find_next_crlf, find_next_occurence};
use crate::port::text::{atoi, clean, copy, starts_with_ignore_case, strcasecmp};
use crate::port::trace::Level;
use crate::uri;
use libc::c_int;
use osip_cmem::Owned;
use osip_parser_abi::{osip_message_t, osip_uri_t};

const CR: u8 = b'\r';
const LF: u8 = b'\n';

/// The byte at `i`, or NUL past the end (the copy's terminator).
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// `osip_message_parse(msg, buf, len)` (`sipfrag` false) and
/// `osip_message_parse_sipfrag` (true: a start line that does not parse is
/// ignored and the headers are read from the start). 0, or the code of
/// what failed, the fields read so far staying in `msg`.
pub fn parse(msg: &mut osip_message_t, input: &[u8], sipfrag: bool) -> c_int {
    let mut pending = Pending::default();
    let r = parse_in(msg, input, sipfrag, &mut pending);
    pending.flush(msg);
    r
}

fn parse_in(msg: &mut osip_message_t, input: &[u8], sipfrag: bool, pending: &mut Pending) -> c_int {
    let mut start = 0;
    while matches!(input.get(start), Some(&(CR | LF))) {
        start += 1;
    }
    // The library unfolds a copy; most messages have nothing to unfold.
    let unfolded;
    let buf: &[u8] = match first_fold(input, start) {
        None => input,
        Some(j) => {
            let mut copy = input.to_vec();
            unfold(&mut copy, j);
            unfolded = copy;
            &unfolded
        }
    };
    // The start line and the headers are a C string.
    let text_end = find_any(buf, start, b"\0").unwrap_or(buf.len());
    let text = &buf[..text_end];
    let headers_at = match start_line(msg, text, start) {
        Ok(h) => h,
        Err(e) if !sipfrag => {
            crate::trace!(
                Level::Error,
                "osip_message_parse.c",
                886,
                "Could not parse start line of message.\n"
            );
            return e;
        }
        Err(_) => start,
    };
    let blank = match headers(msg, text, headers_at, pending) {
        Ok(b) => b,
        Err(e) => {
            crate::trace!(
                Level::Error,
                "osip_message_parse.c",
                897,
                "error in msg_headers_parse()\n"
            );
            return e;
        }
    };
    // Where the body is looked for: the empty line, or, when the headers
    // ran to the end of the string, where they started (the library's
    // pointer is left as the start line set it).
    let tmp = blank.unwrap_or(headers_at);
    if msg.content_length().is_some_and(|cl| cl.value().is_none()) {
        msg.set_content_length(None);
    }
    let len = buf.len();
    let has_body = match msg.content_length() {
        Some(cl) => cl.value().is_some_and(|v| atoi(v.to_bytes()) > 0),
        None => {
            (at(buf, tmp) == CR && at(buf, tmp + 1) == LF && len > tmp + 2)
                || (at(buf, tmp) == LF && len > tmp + 1)
        }
    };
    if !has_body {
        if msg.content_length().is_none() {
            set_single(Some(msg), SingleHeader::ContentLength, Some(b"0"));
        }
        return OSIP_SUCCESS;
    }
    let r = body(msg, buf, tmp, pending);
    if r != OSIP_SUCCESS {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            928,
            "error in msg_osip_body_parse()\n"
        );
        return r;
    }
    if msg.content_length().is_none() {
        set_single(Some(msg), SingleHeader::ContentLength, Some(b"0"));
    }
    OSIP_SUCCESS
}

/// `osip_util_replace_all_lws` on the copy, from `from`: up to the first
/// empty line (CRLFCRLF, CRCR or LFLF) or a NUL within the next four bytes,
/// each CRLF, CR or LF followed by SP or HT becomes two spaces, and the SP
/// and HT after it spaces. As in the library, the byte after such a run is
/// skipped unexamined (even when it is the NUL that ends the string).
pub fn unfold(s: &mut [u8], from: usize) {
    let blank = |x: u8| x == b' ' || x == b'\t';
    let mut i = from;
    while let Some(j) = next_fold(s, i) {
        s[j] = b' ';
        s[j + 1] = b' ';
        i = j + 2;
        while i < s.len() && blank(s[i]) {
            s[i] = b' ';
            i += 1;
        }
        // The loop's increment: the byte after the blanks is skipped
        // unexamined, even a NUL (the scan then goes on past it).
        i += 1;
    }
}

/// [`next_fold`] from the start of the headers. Most messages have no
/// fold: a fold needs a CR or LF followed by SP or HT before the empty
/// line, and when none of these four pairs occurs before the first CRLFCRLF
/// (vector searches, each over the headers once) there is none; otherwise
/// the scan line by line decides.
fn first_fold(s: &[u8], i: usize) -> Option<usize> {
    use memchr::memmem::Finder;
    use std::sync::OnceLock;
    static PAIRS: OnceLock<[Finder<'static>; 5]> = OnceLock::new();
    let [end, pairs @ ..] =
        PAIRS.get_or_init(|| [b"\r\n\r\n", &b"\r "[..], b"\r\t", b"\n ", b"\n\t"].map(Finder::new));
    let rest = s.get(i..)?;
    // The scan stops at the empty line at the latest: a pair from its CR
    // on cannot matter.
    let headers = &rest[..end.find(rest).map_or(rest.len(), |e| e + 1)];
    if pairs.iter().all(|p| p.find(headers).is_none()) {
        return None;
    }
    next_fold(s, i)
}

/// Where [`unfold`]'s scan from `i` finds the next fold (a CRLF, CR or LF
/// followed by SP or HT), or None when it ends first.
fn next_fold(s: &[u8], mut i: usize) -> Option<usize> {
    let n = s.len();
    let blank = |x: u8| x == b' ' || x == b'\t';
    // Only a CR or LF can start a fold or the end of the headers, and the
    // library's loop stops at the first NUL (or one within the next three
    // bytes, which the line end that precedes it also sees): jump from one
    // of these bytes to the next.
    loop {
        // The byte after a line end is often the next one to look at.
        let j = match s.get(i) {
            Some(&(CR | LF)) => i,
            _ => find_any(s, i, b"\r\n\0")?,
        };
        if s[j] == 0 || j + 3 >= n || s[j + 1] == 0 || s[j + 2] == 0 || s[j + 3] == 0 {
            return None;
        }
        let (a, b, c, d) = (s[j], s[j + 1], s[j + 2], s[j + 3]);
        if (a == CR && b == LF && c == CR && d == LF)
            || (a == CR && b == CR)
            || (a == LF && b == LF)
        {
            return None;
        }
        if (a == CR && b == LF && blank(c)) || (a == CR && blank(b)) || (a == LF && blank(b)) {
            return Some(j);
        }
        i = j + 1;
    }
}

/// The start line at `at` of the C string `s`: where the headers start.
fn start_line(msg: &mut osip_message_t, s: &[u8], at: usize) -> Result<usize, c_int> {
    if s[at..].starts_with(b"SIP/") {
        response_line(msg, s, at)
    } else {
        request_line(msg, s, at)
    }
}

/// After the end of a start line at `hp` (a CR or LF): where the next line
/// starts.
fn after_line_end(s: &[u8], hp: usize) -> usize {
    let next = hp + 1;
    if at(s, next) != 0 && s[hp] == CR && s[next] == LF {
        next + 1
    } else {
        next
    }
}

/// `__osip_message_startline_parsereq`: `METHOD SP Request-URI SP
/// SIP/version`. The method runs to the first space (which may lie on a
/// later line: the search is a C string search), must not be empty and
/// must be followed by two bytes; the URI runs from there to the next
/// space but one byte later, trimmed, and must parse; the version must be
/// 7 bytes at least, start with `SIP/` (the letters in either case), then
/// only digits and dots up to CR or LF. On error the method and URI are
/// dropped again; everything is -5.
fn request_line(msg: &mut osip_message_t, s: &[u8], at0: usize) -> Result<usize, c_int> {
    msg.set_sip_method(None);
    msg.status_code = 0;
    msg.set_reason_phrase(None);
    let p2 = find_byte(s, at0, b' ').ok_or(OSIP_SYNTAXERROR)?;
    if at(s, p2 + 1) == 0 || at(s, p2 + 2) == 0 {
        return Err(OSIP_SYNTAXERROR);
    }
    if p2 == at0 {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            53,
            "No space allowed here\n"
        );
        return Err(OSIP_SYNTAXERROR);
    }
    msg.set_sip_method(Some(copy(&s[at0..p2]).ok_or(OSIP_NOMEM)?));
    let fail = |msg: &mut osip_message_t, e: c_int| {
        msg.set_sip_method(None);
        msg.set_req_uri(None);
        Err(e)
    };
    let Some(p1) = find_byte(s, p2 + 2, b' ') else {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            68,
            "Uncompliant request-uri\n"
        );
        return fail(msg, OSIP_SYNTAXERROR);
    };
    let Some(mut url) = Owned::<osip_uri_t>::new() else {
        return fail(msg, OSIP_NOMEM);
    };
    if uri::parse(&mut url, clean(&s[p2 + 1..p1])) != OSIP_SUCCESS {
        return fail(msg, OSIP_SYNTAXERROR);
    }
    msg.set_req_uri(Some(url));
    let mut hp = p1 + 1;
    if (hp..hp + 7).any(|i| at(s, i) == 0) {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            118,
            "Uncomplete request line\n"
        );
        return fail(msg, OSIP_SYNTAXERROR);
    }
    if !s[hp..hp + 3].eq_ignore_ascii_case(b"SIP") || s[hp + 3] != b'/' {
        crate::trace!(
            Level::Error,
            "osip_message_parse.c",
            127,
            "No crlf found/No SIP/2.0 found\n"
        );
        return fail(msg, OSIP_SYNTAXERROR);
    }
    hp += 4;
    loop {
        match at(s, hp) {
            CR | LF => break,
            b'0'..=b'9' | b'.' => hp += 1,
            0 => {
                crate::trace!(Level::Error, "osip_message_parse.c", 155, "No crlf found\n");
                return fail(msg, OSIP_SYNTAXERROR);
            }
            _ => {
                crate::trace!(
                    Level::Error,
                    "osip_message_parse.c",
                    146,
                    "incorrect sip version string\n"
                );
                return fail(msg, OSIP_SYNTAXERROR);
            }
        }
    }
    let Some(version) = copy(&s[p1 + 1..hp]) else {
        return fail(msg, OSIP_NOMEM);
    };
    if strcasecmp(version.as_bytes(), b"SIP/2.0") != 0 {
        crate::trace!(
            Level::Warning,
            "osip_message_parse.c",
            185,
            "Wrong version number\n"
        );
    }
    msg.set_sip_version(Some(version));
    Ok(after_line_end(s, hp))
}

/// `__osip_message_startline_parseresp`: `SIP/version SP code SP reason`.
/// The version runs to the first space and has 7 bytes at least, the reason phrase from the next
/// space (searched as a C string, possibly on a later line) to the end of
/// that line; the code is `sscanf("%d")` of what follows the first space
/// and must not be 0. -5 on error; the version (and code) read before the
/// error stay.
fn response_line(msg: &mut osip_message_t, s: &[u8], at0: usize) -> Result<usize, c_int> {
    msg.set_req_uri(None);
    msg.set_sip_method(None);
    let code_at = find_byte(s, at0, b' ').ok_or(OSIP_SYNTAXERROR)?;
    if code_at - at0 < 7 {
        return Err(OSIP_SYNTAXERROR);
    }
    msg.set_sip_version(Some(copy(&s[at0..code_at]).ok_or(OSIP_NOMEM)?));
    let Some(reason_at) = find_byte(s, code_at + 1, b' ') else {
        msg.set_sip_version(None);
        return Err(OSIP_SYNTAXERROR);
    };
    let Some(code) = scan_int(&s[code_at + 1..]) else {
        return Err(OSIP_SYNTAXERROR);
    };
    msg.status_code = code;
    if code == 0 {
        return Err(OSIP_SYNTAXERROR);
    }
    let mut hp = reason_at;
    loop {
        match at(s, hp) {
            CR | LF => break,
            0 => {
                crate::trace!(Level::Error, "osip_message_parse.c", 248, "No crlf found\n");
                return Err(OSIP_SYNTAXERROR);
            }
            _ => hp += 1,
        }
    }
    let Some(reason) = copy(&s[reason_at + 1..hp]) else {
        msg.set_sip_version(None);
        return Err(OSIP_NOMEM);
    };
    msg.set_reason_phrase(Some(reason));
    Ok(after_line_end(s, hp))
}

/// glibc's `sscanf(s, "%d", &v)`: C-locale white space skipped, a sign, at
/// least one digit; the value as `strtol` reads it (saturated to the
/// `long` range) cut to `int`. None when no number is there.
fn scan_int(s: &[u8]) -> Option<c_int> {
    let mut i = 0;
    while matches!(s.get(i), Some(b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) {
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
    let digits = s[i.min(s.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let mut v: i128 = 0;
    for &d in &s[i..i + digits] {
        v = (v * 10 + i128::from(d - b'0')).min(i128::from(i64::MAX) + 1);
    }
    let v = if negative { -v } else { v };
    let long = v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    Some(long as c_int)
}

/// `msg_headers_parse`: the header lines from `at` of the C string `s`,
/// each `name: value` ending in CRLF, CR or LF. Returns where the empty
/// line is, or None when the string ends at the start of a line (which the
/// library accepts). A line that ends the string without a line end, has
/// no colon, starts with one or is folded, and a header its setter refuses
/// (for the headers that are not ignored when invalid) are -5.
///
/// The name is trimmed and lower-cased; the value is what lies between the
/// colon and the line end, trimmed, or NULL when that is less than 1 byte
/// (`Subject:` CRLF), "" when it is only blanks.
fn headers(
    msg: &mut osip_message_t,
    s: &[u8],
    mut at: usize,
    pending: &mut Pending,
) -> Result<Option<usize>, c_int> {
    // The lower-cased name: on the stack, unless it is long.
    let mut small = [0u8; 64];
    let mut long = Vec::new();
    loop {
        if at >= s.len() {
            crate::trace!(
                Level::Info1,
                "osip_message_parse.c",
                584,
                "SIP message does not end with CRLFCRLF\n"
            );
            return Ok(None);
        }
        let eol = match find_next_crlf(s, at) {
            Ok(e) => Some(e),
            // Folded: the line end is unknown (NULL in the library).
            Err(OSIP_BADPARAMETER) => None,
            Err(e) => {
                crate::trace!(
                    Level::Error,
                    "osip_message_parse.c",
                    592,
                    "End of header Not found\n"
                );
                return Err(e);
            }
        };
        if s[at] == CR || s[at] == LF {
            return Ok(Some(at));
        }
        // The colon must be on this line (the library searches the rest of
        // the string, and fails when what it finds is past the line end).
        let line_end = eol.unwrap_or(s.len());
        let colon = find_byte(&s[..line_end], at, b':');
        let (Some(colon), Some(eol)) = (colon, eol) else {
            let (line, what) = if find_byte(s, at, b':').is_none() {
                (607, "End of header Not found\n")
            } else {
                (615, "Malformed message\n")
            };
            crate::trace!(Level::Error, "osip_message_parse.c", line, "{}", what);
            return Err(OSIP_SYNTAXERROR);
        };
        if colon == at {
            return Err(OSIP_SYNTAXERROR);
        }
        let raw = clean(&s[at..colon]);
        let name: &[u8] = if raw.len() <= small.len() {
            let n = &mut small[..raw.len()];
            n.copy_from_slice(raw);
            n.make_ascii_lowercase();
            n
        } else {
            long.clear();
            long.extend_from_slice(raw);
            long.make_ascii_lowercase();
            &long
        };
        let end = if s[eol - 2] == CR || s[eol - 2] == LF {
            eol - 2
        } else {
            eol - 1
        };
        let value = (end >= colon + 2).then(|| clean(&s[colon + 1..end]));
        if set_multiple_header_in(Some(msg), name, value, pending) != OSIP_SUCCESS {
            crate::trace!(
                Level::Error,
                "osip_message_parse.c",
                663,
                "End of header Not found\n"
            );
            return Err(OSIP_SYNTAXERROR);
        }
        at = eol;
    }
}

/// `osip_message_set__header`: a known header (by its exact, lower-case
/// name) through its setter, the others as generic headers (whose failure
/// is ignored).
fn set_header_line(
    msg: Option<&mut osip_message_t>,
    name: &[u8],
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    let i = config::known_header(name);
    if i >= 0 {
        return config::call_method_in(i, msg, value, sink);
    }
    let r = match msg {
        Some(msg) => generic::set_header_in(msg, name, value, sink),
        None => OSIP_BADPARAMETER,
    };
    if r != OSIP_SUCCESS {
        crate::trace!(
            Level::Warning,
            "osip_message_parse.c",
            437,
            "Could not set unknown header\n"
        );
    }
    OSIP_SUCCESS
}

/// `osip_message_set_multiple_header(msg, name, value)` with `name` already
/// lower-cased (the C entry point lower-cases the caller's string in
/// place). A value with a comma, of a header in the comma-separated table,
/// is cut at each comma outside double quotes (a quote preceded by an odd
/// number of backslashes does not count) and outside `<...>` when the `<`
/// is followed by `sip:`, `sips:`, `http:`, `https:` or `tel:` (any case)
/// and a `>` follows somewhere; the end of the value closes quotes and
/// brackets. Each piece is trimmed and set on its own; empty pieces (two
/// commas in a row, a comma first) are skipped, blank ones give "" values.
/// The first piece a setter refuses stops the split with its code. With a
/// NULL message (None) the setters say what they say and generic headers
/// are dropped (0).
pub fn set_multiple_header(
    msg: Option<&mut osip_message_t>,
    name: &[u8],
    value: Option<&[u8]>,
) -> c_int {
    match msg {
        Some(msg) => {
            let mut pending = Pending::default();
            let r = set_multiple_header_in(Some(&mut *msg), name, value, &mut pending);
            pending.flush(msg);
            r
        }
        None => set_multiple_header_in(None, name, value, &mut Direct),
    }
}

/// [`set_multiple_header`], list elements going through `sink`.
fn set_multiple_header_in(
    mut msg: Option<&mut osip_message_t>,
    name: &[u8],
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    let Some(v) = value else {
        return set_header_line(msg, name, None, sink);
    };
    if !v.contains(&b',') || config::is_comma_separated(name) != OSIP_SUCCESS {
        return set_header_line(msg, name, Some(v), sink);
    }
    let last_gt = v.iter().rposition(|&b| b == b'>');
    let (mut beg, mut inquotes, mut inuri) = (0, false, false);
    let mut i = 0;
    loop {
        // Only quotes, brackets, commas and the end matter.
        i = find_any(v, i, b"\",<>").unwrap_or(v.len());
        let c = at(v, i);
        match c {
            b'"' => {
                let backslashes = v[beg.min(i)..i]
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    inquotes = !inquotes;
                }
            }
            b'<' if !inquotes && !inuri => {
                let rest = &v[i + 1..];
                let scheme = [&b"sip:"[..], b"sips:", b"http:", b"https:", b"tel:"]
                    .iter()
                    .any(|p| starts_with_ignore_case(rest, p));
                if scheme && last_gt.is_some_and(|g| g > i) {
                    inuri = true;
                }
            }
            b'>' if !inquotes => inuri = false,
            0 | b',' => {
                if c == 0 {
                    inquotes = false;
                    inuri = false;
                }
                if !inquotes && !inuri {
                    if beg >= v.len() {
                        return OSIP_SUCCESS;
                    }
                    if i == beg {
                        beg = i + 1;
                        i += 1;
                        continue;
                    }
                    let r =
                        set_header_line(msg.as_deref_mut(), name, Some(clean(&v[beg..i])), sink);
                    if r != OSIP_SUCCESS {
                        return r;
                    }
                    beg = i + 1;
                }
                if c == 0 {
                    return OSIP_SUCCESS;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// `msg_osip_body_parse`: the body from `tmp` (the empty line) of the copy
/// `buf`. Nothing without a Content-Type (type and subtype). Otherwise:
///
/// - not multipart: after the empty line's line end, Content-Length bytes
///   (all that is left, without Content-Length, which is then set to that
///   number); fewer bytes than that, or none, is -5;
/// - multipart: the parts between `LF--boundary` delimiters (the boundary
///   parameter is required: -1 without, -5 without value; quotes around it
///   dropped), each from one byte after the delimiter (and one more if that
///   is a CR or LF) to the next delimiter (less a CR before it), parsed as
///   a MIME part; a delimiter followed by `--` ends the body. An empty part
///   or a missing delimiter is -5.
fn body(msg: &mut osip_message_t, buf: &[u8], tmp: usize, pending: &mut Pending) -> c_int {
    let Some(ct) = msg.content_type() else {
        return OSIP_SUCCESS;
    };
    let (Some(t), Some(_)) = (ct.type_(), ct.subtype()) else {
        return OSIP_SUCCESS;
    };
    if strcasecmp(t.to_bytes(), b"multipart") != 0 {
        let start = match (at(buf, tmp), at(buf, tmp + 1)) {
            (CR, LF) => tmp + 2,
            (CR, _) | (LF, _) => tmp + 1,
            _ => return OSIP_SYNTAXERROR,
        };
        let length = buf.len() - start;
        if length == 0 {
            return OSIP_SYNTAXERROR;
        }
        let body_len = match msg.content_length().and_then(|cl| cl.value()) {
            Some(v) => atoi(v.to_bytes()) as isize as usize,
            None => {
                let text = (length as c_int).to_string();
                let r = set_single(
                    Some(msg),
                    SingleHeader::ContentLength,
                    Some(text.as_bytes()),
                );
                if r != OSIP_SUCCESS {
                    return r;
                }
                length
            }
        };
        if length < body_len {
            crate::trace!(
                Level::Error,
                "osip_message_parse.c",
                734,
                "Message was not receieved enterely. length={} osip_body_len={}\n",
                length as c_int,
                body_len as c_int
            );
            return OSIP_SYNTAXERROR;
        }
        return body::add_body(msg, &buf[start..start + body_len], body::parse, pending);
    }
    let sep = match params::get_byname(&ct.gen_params(), b"boundary") {
        Ok(p) => match p.gvalue() {
            Some(v) => delimiter(v.to_bytes()),
            None => return OSIP_SYNTAXERROR,
        },
        Err(e) => return e,
    };
    let region = &buf[tmp..];
    let mut sob = 0;
    loop {
        sob = match find_next_occurence(&sep, region, sob) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let eob = match find_next_occurence(&sep, region, sob + sep.len()) {
            Ok(p) => p,
            Err(e) => return e,
        };
        sob += sep.len() + 1;
        if matches!(at(region, sob), LF | CR) {
            sob += 1;
        }
        if eob <= sob {
            return OSIP_SYNTAXERROR;
        }
        let mut part_len = eob - sob;
        if region[eob - 1] == CR {
            part_len -= 1;
        }
        let r = body::add_body(msg, &region[sob..sob + part_len], body::parse_mime, pending);
        if r != OSIP_SUCCESS {
            return r;
        }
        let after = eob + sep.len();
        if at(region, after) == b'-' && at(region, after + 1) == b'-' {
            return OSIP_SUCCESS;
        }
        sob = eob;
    }
}

/// `LF--boundary`, the boundary without surrounding quotes when it both
/// starts and ends with one (`"` alone gives an empty boundary).
fn delimiter(boundary: &[u8]) -> Vec<u8> {
    let inner = match boundary {
        [b'"', rest @ ..] if boundary.last() == Some(&b'"') => {
            &rest[..rest.len().saturating_sub(1)]
        }
        _ => boundary,
    };
    let mut sep = Vec::with_capacity(inner.len() + 3);
    sep.extend_from_slice(b"\n--");
    sep.extend_from_slice(inner);
    sep
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives what the line-by-line scan gives, fold or not,
    /// wherever the empty line, a NUL or the end of the input is.
    #[test]
    fn first_fold_is_next_fold() {
        let cases: &[&[u8]] = &[
            b"INVITE sip:a@h SIP/2.0\r\nVia: x\r\n\r\nbody\r\n text",
            b"INVITE sip:a@h SIP/2.0\r\nSubject: a\r\n b\r\n\r\n",
            b"INVITE sip:a@h SIP/2.0\r\nSubject: a\r\n\tb\r\n\r\n",
            b"INVITE sip:a@h SIP/2.0\nSubject: a\n b\n\n",
            b"INVITE sip:a@h SIP/2.0\rSubject: a\r b\r\r",
            b"INVITE sip:a@h SIP/2.0\r\nA: b\r\n\r\n\r\n x",
            b"INVITE sip:a@h SIP/2.0\r\nA: b\n\nC: d\r\n e\r\n\r\n",
            b"INVITE sip:a@h SIP/2.0\r\nA: b\0\r\n e\r\n\r\n",
            b"INVITE sip:a@h SIP/2.0\r\nA: b\r\n e",
            b"\r\n ",
            b" \r",
            b"",
        ];
        for &c in cases {
            for i in 0..=c.len() + 1 {
                assert_eq!(first_fold(c, i), next_fold(c, i), "{:?} from {i}", c);
            }
        }
    }
}
