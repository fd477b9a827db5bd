//! URIs (`osip_uri.c`): parse, serialise, clone, and the escaping rules.
//!
//! Debian's quirks kept (c-tests/parser/NOTES.md, "URIs"): the scheme is 2+
//! ASCII letters and anything starting with `sip` is parsed as a SIP URI
//! (others are kept whole in `string`); the port is 1 to 7 bytes, not
//! checked otherwise, trimmed; a malformed params or headers part drops
//! what it could not read but the URI still parses, except a `;` after
//! the `?` (-5) unless one also comes before it; names and values are
//! unescaped (`sscanf("%02X")` rules) then trimmed; `x-obr` and `x-obp`
//! params are not written out.

use crate::code::{OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR};
use crate::params;
use crate::port::globals::{self, Var};
use crate::port::scan::{find_byte, next_separator};
use crate::port::text::{clean_copy, copy, starts_with_ignore_case};
use libc::c_int;
use osip_cmem::{Appender, OString, Owned};
use osip_parser_abi::{osip_uri_param_t, osip_uri_t};

/// The bytes `isspace` accepts in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `sscanf(s, "%02X", &hex) == 1`: leading whitespace skipped, then at
/// most two bytes: an optional sign, an optional `0x` prefix, hex digits.
/// None when that reads no number (glibc's rules: `"0x"` alone is 0, a
/// lone sign is a failure, `"-1"` is `0xffffffff`). The byte kept.
fn scan_hex2(s: &[u8]) -> Option<u8> {
    let mut i = s.iter().take_while(|&&b| is_c_space(b)).count();
    s.get(i)?;
    let mut width = 2;
    let mut read = 0;
    let mut negative = false;
    let mut value: u32 = 0;
    if let Some(&c @ (b'-' | b'+')) = s.get(i) {
        negative = c == b'-';
        width -= 1;
        i += 1;
    }
    if width != 0 && s.get(i) == Some(&b'0') {
        width -= 1;
        read += 1;
        i += 1;
        if width != 0 && matches!(s.get(i), Some(b'x' | b'X')) {
            width -= 1;
            i += 1;
        }
    }
    while width != 0 {
        match s.get(i).and_then(|&c| (c as char).to_digit(16)) {
            Some(d) => value = value * 16 + d,
            None => break,
        }
        width -= 1;
        read += 1;
        i += 1;
    }
    if read == 0 {
        return None;
    }
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    } as u8)
}

/// `__osip_uri_unescape` on a C string's bytes, in place: each `%` and
/// what `sscanf("%02X")` reads after it become that byte; the input moves
/// on by 2 when the second byte after `%` is a hex digit, else by 1 (`%4g`
/// → 0x04 `g`, `% 41` → `A1`). A `%` with fewer than two bytes after it,
/// or no number, ends the string there. Returns the new length; a decoded
/// NUL byte ends the C string earlier.
pub fn unescape(s: &mut [u8]) -> usize {
    let n = s.len();
    let mut left = n + 1;
    let (mut read, mut write) = (0, 0);
    loop {
        left -= 1;
        if left == 0 {
            break;
        }
        let mut c = s[read];
        if c == b'%' {
            let Some(hex) = (if left > 2 {
                scan_hex2(&s[read + 1..])
            } else {
                None
            }) else {
                break;
            };
            c = hex;
            if s[read + 2].is_ascii_hexdigit() {
                left -= 2;
                read += 2;
            } else {
                left -= 1;
                read += 1;
            }
        }
        s[write] = c;
        write += 1;
        read += 1;
    }
    write
}

/// [`unescape`] on an owned string, in its block.
pub fn unescape_owned(s: &mut OString) {
    s.rewrite(unescape);
}

/// A copy of `s` unescaped (`osip_malloc` + `osip_strncpy` +
/// `__osip_uri_unescape`).
fn unescaped_copy(s: &[u8]) -> Result<OString, c_int> {
    let mut o = copy(s).ok_or(OSIP_NOMEM)?;
    unescape_owned(&mut o);
    Ok(o)
}

/// `__osip_uri_escape_nonascii_and_nondef(s, def)`: every byte that is not
/// an ASCII letter or digit and not in `def` becomes `%XX` (upper-case
/// hex); bytes of 0x80 and more always do.
pub fn escape(s: &[u8], def: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    escape_into(&mut out, s, def);
    out
}

/// [`escape`], appended to `out`. Letters and digits are told by a table;
/// only the other bytes are looked for in `def`; runs of bytes that stay
/// as they are go in one copy.
pub fn escape_into(out: &mut Vec<u8>, s: &[u8], def: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let kept = |b: u8| b.is_ascii_alphanumeric() || (b < 0x80 && def.contains(&b));
    let mut from = 0;
    while from < s.len() {
        let run = s[from..].iter().take_while(|&&b| kept(b)).count();
        out.extend_from_slice(&s[from..from + run]);
        from += run;
        if let Some(&b) = s.get(from) {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            from += 1;
        }
    }
}

/// [`escape`] with the set in one of the library's variables
/// (`userinfo_def`, `password_def`, `uri_param_def`, `header_param_def`).
pub fn escape_with(s: &[u8], var: Var) -> Vec<u8> {
    escape(s, globals::get(var))
}

fn add_param(
    list: &mut Appender<'_, '_, osip_uri_param_t>,
    name: OString,
    value: Option<OString>,
) -> c_int {
    match params::new_param(name, value) {
        Ok(p) => {
            list.push(p);
            OSIP_SUCCESS
        }
        Err(_) => OSIP_NOMEM,
    }
}

/// `osip_uri_parse_params(url, s)`: the `;name[=value]` parameters of `s`
/// (which must start with `;`, else -5) appended to `url_params`,
/// names and values unescaped then trimmed. -5 on an empty name, an empty
/// value after `=`, or a trailing `;` (the parameters before it stay).
pub fn parse_params(url: &mut osip_uri_t, s: &[u8]) -> c_int {
    if s.first() != Some(&b';') {
        return OSIP_SYNTAXERROR;
    }
    let mut list = url.url_params_mut();
    let list = &mut list.appender();
    let mut params = 0;
    loop {
        let equal = next_separator(s, params + 1, b'=', b';');
        let comma = find_byte(s, params + 1, b';');
        let end = comma.unwrap_or(s.len());
        let (eq, value) = match equal {
            None => (end, None),
            Some(e) => {
                if end < e + 2 {
                    return OSIP_SYNTAXERROR;
                }
                match unescaped_copy(&s[e + 1..end]) {
                    Ok(v) => (e, Some(v)),
                    Err(err) => return err,
                }
            }
        };
        if eq < params + 2 {
            return OSIP_SYNTAXERROR;
        }
        let name = match unescaped_copy(&s[params + 1..eq]) {
            Ok(n) => n,
            Err(err) => return err,
        };
        let r = add_param(list, name, value);
        if r != OSIP_SUCCESS {
            return r;
        }
        match comma {
            Some(c) => params = c,
            None => return OSIP_SUCCESS,
        }
    }
}

/// `osip_uri_parse_headers(url, s)`: the `name=value` headers of `s`
/// (which must start with `?`, else -5; `&` separates them) appended to
/// `url_headers`, unescaped then trimmed. -5 when a header has no `=` or an
/// empty value before `&` (the headers before it stay).
pub fn parse_headers(url: &mut osip_uri_t, s: &[u8]) -> c_int {
    if s.first() != Some(&b'?') {
        return OSIP_SYNTAXERROR;
    }
    let mut headers = 0;
    let Some(mut equal) = find_byte(s, 0, b'=').filter(|&e| e < s.len()) else {
        return OSIP_SYNTAXERROR;
    };
    let mut and = find_byte(s, 1, b'&');
    let mut list = url.url_headers_mut();
    let list = &mut list.appender();
    loop {
        if equal < headers + 1 {
            return OSIP_SYNTAXERROR;
        }
        let name = match unescaped_copy(&s[headers + 1..equal]) {
            Ok(n) => n,
            Err(err) => return err,
        };
        let end = and.unwrap_or(s.len());
        if and.is_some() && end < equal + 2 {
            return OSIP_SYNTAXERROR;
        }
        let value = match unescaped_copy(&s[equal + 1..end]) {
            Ok(v) => v,
            Err(err) => return err,
        };
        let r = add_param(list, name, Some(value));
        if r != OSIP_SUCCESS {
            return r;
        }
        let Some(a) = and else {
            return OSIP_SUCCESS;
        };
        headers = a;
        match find_byte(s, headers, b'=').filter(|&e| e < s.len()) {
            Some(e) => equal = e,
            None => return OSIP_SYNTAXERROR,
        }
        and = find_byte(s, headers + 1, b'&');
    }
}

/// `osip_uri_parse(url, buf)` into an empty `url`. -2 for an empty `buf`;
/// -5 on a syntax error, the fields read so far staying in `url` (the
/// caller frees it); -4 when out of memory.
pub fn parse(url: &mut osip_uri_t, buf: &[u8]) -> c_int {
    if buf.is_empty() {
        return OSIP_BADPARAMETER;
    }
    let Some(colon) = find_byte(buf, 0, b':') else {
        return OSIP_SYNTAXERROR;
    };
    if colon < 2 || !buf[..colon].iter().all(u8::is_ascii_alphabetic) {
        return OSIP_SYNTAXERROR;
    }
    let scheme = &buf[..colon];
    let Some(s) = copy(scheme) else {
        return OSIP_NOMEM;
    };
    url.set_scheme(Some(s));
    if scheme.len() < 3 || !starts_with_ignore_case(scheme, b"sip") {
        let rest = &buf[colon + 1..];
        if rest.len() < 2 {
            return OSIP_SYNTAXERROR;
        }
        let Some(s) = copy(rest) else {
            return OSIP_NOMEM;
        };
        url.set_string(Some(s));
        return OSIP_SUCCESS;
    }
    match parse_sip(url, buf, colon) {
        Ok(()) => OSIP_SUCCESS,
        Err(e) => e,
    }
}

fn parse_sip(url: &mut osip_uri_t, buf: &[u8], username: usize) -> Result<(), c_int> {
    let mut host = match find_byte(buf, 0, b'@') {
        None => username,
        Some(_) if buf.get(username + 1) == Some(&b'@') => username + 1,
        Some(at) => {
            let password = match next_separator(buf, username + 1, b':', b'@') {
                None => at,
                Some(p) => {
                    if at < p + 2 {
                        return Err(OSIP_SYNTAXERROR);
                    }
                    url.set_password(Some(unescaped_copy(&buf[p + 1..at])?));
                    p
                }
            };
            if password < username + 2 {
                return Err(OSIP_SYNTAXERROR);
            }
            url.set_username(Some(unescaped_copy(&buf[username + 1..password])?));
            at
        }
    };
    let headers = match find_byte(buf, host, b'?') {
        Some(h) => {
            // Its result is ignored, as in the library.
            let _ = parse_headers(url, &buf[h..]);
            h
        }
        None => buf.len(),
    };
    let params = match find_byte(buf, host, b';') {
        None => headers,
        Some(p) => {
            if p > headers {
                return Err(OSIP_SYNTAXERROR);
            }
            let _ = parse_params(url, &buf[p..headers]);
            p
        }
    };
    let mut port = params - 1;
    while port > host && buf[port] != b']' && buf[port] != b':' {
        port -= 1;
    }
    if buf[port] == b':' && port != host {
        if params < port + 2 || params > port + 8 {
            return Err(OSIP_SYNTAXERROR);
        }
        url.set_port(Some(clean_copy(&buf[port + 1..params]).ok_or(OSIP_NOMEM)?));
    } else {
        port = params;
    }
    let mut tmp = port;
    while tmp > host && buf.get(tmp) != Some(&b']') {
        tmp -= 1;
    }
    if buf.get(tmp) == Some(&b']') {
        port = tmp;
        while host < port && buf[host] != b'[' {
            host += 1;
        }
        if host >= port {
            return Err(OSIP_SYNTAXERROR);
        }
    }
    if port < host + 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    url.set_host(Some(clean_copy(&buf[host + 1..port]).ok_or(OSIP_NOMEM)?));
    Ok(())
}

/// `osip_uri_to_str(url, &dest)`: `scheme:string` for an opaque URI, else
/// `scheme:[user[:password]@]host[:port][;params][?headers]` with user,
/// password, params and headers escaped (each with its variable's set), the
/// host in `[]` when it holds a `:`, `x-obr`/`x-obp` params left out. A NULL
/// scheme is `sip` (but -2 with a `string`); -2 without host or string. A
/// param or header without name (or header without value), where Debian
/// dereferences NULL, is -5.
pub fn to_str(url: &osip_uri_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(64);
    write(url, &mut out)?;
    OString::truncated(&out).ok_or(OSIP_NOMEM)
}

/// [`to_str`]'s text appended to `out` (the fields are C strings: it holds
/// no NUL). On error, part of it may have been appended.
pub fn write(url: &osip_uri_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    // Each field read once (each read measures the string).
    let (host, string, scheme) = (url.host(), url.string(), url.scheme());
    if host.is_none() && string.is_none() {
        return Err(OSIP_BADPARAMETER);
    }
    if scheme.is_none() && string.is_some() {
        return Err(OSIP_BADPARAMETER);
    }
    let scheme = scheme.map_or(&b"sip"[..], |s| s.to_bytes());
    out.extend_from_slice(scheme);
    out.push(b':');
    if let Some(s) = string {
        out.extend_from_slice(s.to_bytes());
        return Ok(());
    }
    if let Some(user) = url.username() {
        escape_into(out, user.to_bytes(), globals::get(Var::UserinfoDef));
        if let Some(password) = url.password() {
            out.push(b':');
            escape_into(out, password.to_bytes(), globals::get(Var::PasswordDef));
        }
        out.push(b'@');
    }
    let host = host.map_or(&b""[..], |h| h.to_bytes());
    if host.contains(&b':') {
        out.push(b'[');
        out.extend_from_slice(host);
        out.push(b']');
    } else {
        out.extend_from_slice(host);
    }
    if let Some(port) = url.port() {
        out.push(b':');
        out.extend_from_slice(port.to_bytes());
    }
    let param_def = globals::get(Var::UriParamDef);
    for p in url.url_params().iter().map_while(|p| p) {
        let name = p.gname().ok_or(OSIP_SYNTAXERROR)?.to_bytes();
        if name.eq_ignore_ascii_case(b"x-obr") || name.eq_ignore_ascii_case(b"x-obp") {
            continue;
        }
        out.push(b';');
        escape_into(out, name, param_def);
        if let Some(v) = p.gvalue() {
            out.push(b'=');
            escape_into(out, v.to_bytes(), param_def);
        }
    }
    for (i, h) in url.url_headers().iter().map_while(|h| h).enumerate() {
        let name = h.gname().ok_or(OSIP_SYNTAXERROR)?.to_bytes();
        let value = h.gvalue().ok_or(OSIP_SYNTAXERROR)?.to_bytes();
        out.push(if i == 0 { b'?' } else { b'&' });
        let def = globals::get(Var::HeaderParamDef);
        escape_into(out, name, def);
        out.push(b'=');
        escape_into(out, value, def);
    }
    Ok(())
}

/// `osip_uri_to_str_canonical(url, &dest)`: [`to_str`], then unescaped as a
/// whole (RFC 3261 16.5).
pub fn to_str_canonical(url: &osip_uri_t) -> Result<OString, c_int> {
    let mut s = to_str(url)?;
    unescape_owned(&mut s);
    Ok(s)
}

/// `osip_uri_clone(url, &copy)`: -2 without host and string; strings that
/// cannot be copied are left NULL (as in the library); a param or header
/// that cannot be cloned makes the call fail with its code.
pub fn clone(url: &osip_uri_t) -> Result<Owned<osip_uri_t>, c_int> {
    if url.host().is_none() && url.string().is_none() {
        return Err(OSIP_BADPARAMETER);
    }
    let mut c = Owned::<osip_uri_t>::new().ok_or(OSIP_NOMEM)?;
    let dup = |s: Option<&std::ffi::CStr>| s.and_then(OString::from_c_str);
    c.set_scheme(dup(url.scheme()));
    c.set_username(dup(url.username()));
    c.set_password(dup(url.password()));
    c.set_host(dup(url.host()));
    c.set_port(dup(url.port()));
    c.set_string(dup(url.string()));
    let r = params::clone_list(&url.url_params(), &mut c.url_params_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    let r = params::clone_list(&url.url_headers(), &mut c.url_headers_mut());
    if r != OSIP_SUCCESS {
        return Err(r);
    }
    Ok(c)
}

/// `osip_uri_param_get_byname(&url->url_params, name, &p)` (the
/// `osip_uri_uparam_get_byname` macro).
pub fn param_get_byname<'a>(
    url: &'a osip_uri_t,
    name: &[u8],
) -> Result<&'a osip_uri_param_t, c_int> {
    params::get_byname(&url.url_params(), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table and runs of [`escape_into`] against the definition, byte
    /// by byte, for every byte and a set with letters, marks and high bytes.
    #[test]
    fn escape_into_is_per_byte_escape() {
        let all: Vec<u8> = (0..=255).collect();
        for def in [&b""[..], b"-_.!~*'()&=+$,;?/", b"a%\x80\xff"] {
            let mut want = Vec::new();
            for &b in &all {
                if b.is_ascii_alphanumeric() || (b < 0x80 && def.contains(&b)) {
                    want.push(b);
                } else {
                    want.extend_from_slice(format!("%{b:02X}").as_bytes());
                }
            }
            let mut got = b"x".to_vec();
            escape_into(&mut got, &all, def);
            assert_eq!(&got[1..], &want[..]);
        }
    }

    fn unesc(s: &[u8]) -> Vec<u8> {
        let mut v = s.to_vec();
        let n = unescape(&mut v);
        v.truncate(n);
        v.split(|&b| b == 0).next().unwrap().to_vec()
    }

    #[test]
    fn unescape_follows_sscanf() {
        assert_eq!(unesc(b"a%20b"), b"a b");
        assert_eq!(unesc(b"a%zzb"), b"a");
        assert_eq!(unesc(b"a%4"), b"a");
        assert_eq!(unesc(b"a%4g"), b"a\x04g");
        assert_eq!(unesc(b"a%-1"), b"a\xff");
        assert_eq!(unesc(b"a% 41"), b"aA1");
        assert_eq!(unesc(b"a%0x41"), b"a");
        assert_eq!(unesc(b"a%+4g"), b"a\x04g");
        assert_eq!(unesc(b"%"), b"");
        assert_eq!(unesc(b"%41%42"), b"AB");
        assert_eq!(unesc(b"%%41"), b"");
    }

    #[test]
    fn escape_sets() {
        assert_eq!(escape(b"a b\xc3\xa9", b""), b"a%20b%C3%A9");
        assert_eq!(escape_with(b"!~;?", Var::UserinfoDef), b"!~;?");
        assert_eq!(escape_with(b";?", Var::PasswordDef), b"%3B%3F");
    }

    fn rt(s: &[u8]) -> (c_int, Option<Vec<u8>>) {
        let mut u = Owned::<osip_uri_t>::new().unwrap();
        let r = parse(&mut u, s);
        (r, to_str(&u).ok().map(|s| s.as_bytes().to_vec()))
    }

    #[test]
    fn parse_and_print() {
        assert_eq!(
            rt(b"sip:alice@atlanta.com").1.unwrap(),
            b"sip:alice@atlanta.com"
        );
        assert_eq!(
            rt(b"sip:a:p@h:5060;transport=tcp?x=1&y=2").1.unwrap(),
            b"sip:a:p@h:5060;transport=tcp?x=1&y=2"
        );
        assert_eq!(rt(b"sip:[::1]:5060").1.unwrap(), b"sip:[::1]:5060");
        assert_eq!(rt(b"sip:[::1").1.unwrap(), b"sip:[[:]:1");
        assert_eq!(rt(b"sip:a@b:99999999").0, -5);
        assert_eq!(rt(b"sip:a@h:1234567").0, 0);
        assert_eq!(rt(b"tel:911").1.unwrap(), b"tel:911");
        assert_eq!(rt(b"tel:1").0, -5);
        assert_eq!(rt(b"x:ab").0, -5);
        assert_eq!(rt(b"").0, -2);
        assert_eq!(rt(b"sip:a@").0, -5);
        assert_eq!(rt(b"sip:a@b;;x").1.unwrap(), b"sip:a@b");
        assert_eq!(rt(b"sip:a@b;x;;y").1.unwrap(), b"sip:a@b;x");
        assert_eq!(rt(b"sip:a@h?a=b;c=d").0, -5);
        assert_eq!(rt(b"sip:h;x?a=b;y=z").1.unwrap(), b"sip:h;x?a=b%3By%3Dz");
        assert_eq!(rt(b"sip:a@h;x-obr=1;X-OBP;y").1.unwrap(), b"sip:a@h;y");
        assert_eq!(rt(b"sip:a@h: 5060").1.unwrap(), b"sip:a@h:5060");
    }

    #[test]
    fn clone_is_deep() {
        let mut u = Owned::<osip_uri_t>::new().unwrap();
        assert_eq!(parse(&mut u, b"sip:a@h;p=1?h=v"), 0);
        let c = clone(&u).unwrap();
        assert_eq!(to_str(&c).unwrap().as_bytes(), b"sip:a@h;p=1?h=v");
        assert_eq!(
            param_get_byname(&c, b"P")
                .unwrap()
                .gvalue()
                .unwrap()
                .to_bytes(),
            b"1"
        );
        assert_eq!(to_str_canonical(&u).unwrap().as_bytes(), b"sip:a@h;p=1?h=v");
        let empty = Owned::<osip_uri_t>::new().unwrap();
        assert_eq!(clone(&empty).err(), Some(-2));
        assert_eq!(to_str(&empty).err(), Some(-2));
    }
}
