//! Generic parameters (`;name=value` of most headers) and URI parameters
//! and headers: one struct, `osip_uri_param_t` (= `osip_generic_param_t`),
//! and the functions of `osip_uri.c` / `osip_from.c` on lists of them.

use crate::code::{
    OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR,
};
use crate::port::scan::{find_byte, next_separator, quote_find};
use crate::port::text::{clean, copy};
use libc::c_int;
use osip_cmem::{Appender, ListMut, ListRef, OString, Owned};
use osip_parser_abi::osip_uri_param_t;

/// `osip_clrspace` on an owned string: SP/HT/CR/LF trimmed at both ends,
/// in its own block.
pub fn clrspace(s: &mut OString) {
    let bytes = s.as_bytes();
    let kept = clean(bytes);
    let start = kept.as_ptr() as usize - bytes.as_ptr() as usize;
    let range = start..start + kept.len();
    if range.len() != bytes.len() {
        s.keep(range);
    }
}

/// `osip_uri_param_set(param, name, value)`: stores both, trimmed
/// (`osip_clrspace`; a blank value becomes ""). The previous values are
/// freed (the C entry point leaves them to their owner instead).
pub fn set(param: &mut osip_uri_param_t, mut name: Option<OString>, mut value: Option<OString>) {
    if let Some(n) = name.as_mut() {
        clrspace(n);
    }
    if let Some(v) = value.as_mut() {
        clrspace(v);
    }
    param.set_gname(name);
    param.set_gvalue(value);
}

/// A new parameter holding `name` and `value` as [`set`] stores them; None
/// when out of memory.
pub fn new_param(
    name: OString,
    value: Option<OString>,
) -> Result<Owned<osip_uri_param_t>, (OString, Option<OString>)> {
    let Some(mut p) = Owned::<osip_uri_param_t>::new() else {
        return Err((name, value));
    };
    set(&mut p, Some(name), value);
    Ok(p)
}

/// `osip_uri_param_add(list, name, value)` (and `osip_generic_param_add`):
/// appends a parameter made of `name` and `value`, trimmed. When no
/// parameter can be allocated the strings are given back (the library
/// returns -4 and its callers free them); when no list node can, the
/// parameter is dropped and the call still succeeds, as in the library
/// (which leaks it).
pub fn add(
    list: &mut ListMut<'_, osip_uri_param_t>,
    name: OString,
    value: Option<OString>,
) -> Result<(), (OString, Option<OString>)> {
    let p = new_param(name, value)?;
    let _ = list.push(p);
    Ok(())
}

/// `osip_uri_param_get_byname(list, name, &p)`: the first parameter whose
/// name equals `name` ASCII-case-insensitively. -2 for an empty `name`, -1
/// when there is none (the walk stops at a NULL element, as the library's
/// iterator loop does; a parameter without a name is skipped where Debian
/// dereferences NULL).
pub fn get_byname<'a>(
    list: &ListRef<'a, osip_uri_param_t>,
    name: &[u8],
) -> Result<&'a osip_uri_param_t, c_int> {
    if name.is_empty() {
        return Err(OSIP_BADPARAMETER);
    }
    list.iter()
        .map_while(|p| p)
        .find(|p| {
            p.gname()
                .is_some_and(|n| n.to_bytes().eq_ignore_ascii_case(name))
        })
        .ok_or(OSIP_UNDEFINED_ERROR)
}

/// `osip_uri_param_clone(param, &copy)`: -2 when the name is NULL, -4 when
/// out of memory (a string that cannot be copied is left NULL, as in the
/// library).
pub fn clone(param: &osip_uri_param_t) -> Result<Owned<osip_uri_param_t>, c_int> {
    let name = param.gname().ok_or(OSIP_BADPARAMETER)?;
    let mut p = Owned::<osip_uri_param_t>::new().ok_or(OSIP_NOMEM)?;
    p.set_gname(OString::from_c_str(name));
    p.set_gvalue(param.gvalue().and_then(OString::from_c_str));
    Ok(p)
}

/// `osip_list_clone(src, dst, osip_uri_param_clone)`: appends a copy of
/// each element to `dst`; stops at, and returns, the first error (a NULL
/// element is -2), the copies made so far staying in `dst`.
pub fn clone_list(
    src: &ListRef<'_, osip_uri_param_t>,
    dst: &mut ListMut<'_, osip_uri_param_t>,
) -> c_int {
    let mut dst = dst.appender();
    for p in src.iter() {
        let copy = match p.map(clone) {
            None => return OSIP_BADPARAMETER,
            Some(Err(e)) => return e,
            Some(Ok(c)) => c,
        };
        dst.push(copy);
    }
    OSIP_SUCCESS
}

/// Where the next `=` and `;` of a generic parameter list are, from the
/// `;` at `params`: the `=` counts only before the next `;`, and a `;`
/// inside a quoted value (`a="x;y"`) is skipped (when the quote does not
/// end, there is no next `;`).
fn equal_and_comma(s: &[u8], params: usize) -> (Option<usize>, Option<usize>) {
    let equal = next_separator(s, params + 1, b'=', b';');
    let mut comma = find_byte(s, params + 1, b';');
    if let Some(e) = equal {
        let mut t = e + 1;
        while s.get(t) == Some(&b' ') {
            t += 1;
        }
        if s.get(t) == Some(&b'"') && comma.is_some_and(|c| c > t) {
            comma = quote_find(s, t + 1).and_then(|q| find_byte(s, q, b';'));
        }
    }
    (equal, comma)
}

/// The value of one generic parameter, `=` at `equal`, ending at `comma`:
/// None when only SP/HT follow the `=` up to a `,` or the end (`;tag=`
/// gives a valueless `tag`), else the raw bytes (trimmed later); -5 when
/// the `=` is right before the `;` (`;a=;b`).
fn generic_value(s: &[u8], equal: usize, comma: usize) -> Result<Option<OString>, c_int> {
    let mut t = equal + 1;
    while matches!(s.get(t), Some(b'\t' | b' ')) {
        t += 1;
    }
    if matches!(s.get(t), None | Some(b',')) {
        return Ok(None);
    }
    if comma < equal + 2 {
        return Err(OSIP_SYNTAXERROR);
    }
    copy(&s[equal + 1..comma]).map(Some).ok_or(OSIP_NOMEM)
}

fn add_generic(
    list: &mut Appender<'_, '_, osip_uri_param_t>,
    s: &[u8],
    params: usize,
    equal: usize,
    value: Option<OString>,
) -> c_int {
    if equal < params + 2 {
        return OSIP_SYNTAXERROR;
    }
    let Some(name) = copy(&s[params + 1..equal]) else {
        return OSIP_NOMEM;
    };
    match new_param(name, value) {
        Ok(p) => {
            list.push(p);
            OSIP_SUCCESS
        }
        Err(_) => OSIP_NOMEM,
    }
}

/// `__osip_generic_param_parseall(list, s)`: the `;name[=value]` parameters
/// of a header, `s` starting at the first `;` (its first byte is skipped
/// whatever it is). Names and values are trimmed; a quoted value keeps its
/// quotes and may hold `;`. Parameters are appended as they are read, so a
/// syntax error (-5: empty name, `=` right before `;`) leaves the earlier
/// ones in the list. A trailing empty segment (`;a;`) is ignored.
pub fn parse_all(list: &mut ListMut<'_, osip_uri_param_t>, s: &[u8]) -> c_int {
    // Appended in one walk of the list however many there are.
    let list = &mut list.appender();
    let mut params = 0;
    let (mut equal, mut comma) = equal_and_comma(s, params);
    while let Some(c) = comma {
        let (eq, value) = match equal {
            None => (c, None),
            Some(e) => match generic_value(s, e, c) {
                Ok(v) => (e, v),
                Err(err) => return err,
            },
        };
        let r = add_generic(list, s, params, eq, value);
        if r != OSIP_SUCCESS {
            return r;
        }
        params = c;
        (equal, comma) = equal_and_comma(s, params);
    }
    let end = s.len();
    let (eq, value) = match equal {
        None if end < params + 2 => return OSIP_SUCCESS,
        None => (end, None),
        Some(e) => match generic_value(s, e, end) {
            Ok(v) => (e, v),
            Err(err) => return err,
        },
    };
    add_generic(list, s, params, eq, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use osip_parser_abi::osip_uri_t;

    type Pairs = Vec<(Vec<u8>, Option<Vec<u8>>)>;

    fn parse(s: &[u8]) -> (c_int, Pairs) {
        let mut u = Owned::<osip_uri_t>::new().unwrap();
        let mut l = u.url_params_mut();
        let r = parse_all(&mut l, s);
        let got = l
            .as_ref()
            .iter()
            .map(|p| {
                let p = p.unwrap();
                (
                    p.gname().unwrap().to_bytes().to_vec(),
                    p.gvalue().map(|v| v.to_bytes().to_vec()),
                )
            })
            .collect();
        l.clear();
        (r, got)
    }

    fn pv(n: &str, v: Option<&str>) -> (Vec<u8>, Option<Vec<u8>>) {
        (n.as_bytes().to_vec(), v.map(|v| v.as_bytes().to_vec()))
    }

    #[test]
    fn generic_params() {
        assert_eq!(
            parse(b";tag=1;lr"),
            (0, vec![pv("tag", Some("1")), pv("lr", None)])
        );
        assert_eq!(
            parse(b"; a = b ;c"),
            (0, vec![pv("a", Some("b")), pv("c", None)])
        );
        assert_eq!(parse(b";tag="), (0, vec![pv("tag", None)]));
        assert_eq!(parse(b";tag= "), (0, vec![pv("tag", None)]));
        assert_eq!(
            parse(b";x=\"a;b\";y"),
            (0, vec![pv("x", Some("\"a;b\"")), pv("y", None)])
        );
        assert_eq!(parse(b";x=\"a;b"), (0, vec![pv("x", Some("\"a;b"))]));
        assert_eq!(parse(b";a=;b"), (-5, vec![]));
        assert_eq!(
            parse(b";a= ;b"),
            (0, vec![pv("a", Some("")), pv("b", None)])
        );
        assert_eq!(parse(b";a;"), (0, vec![pv("a", None)]));
        assert_eq!(parse(b";a;;b"), (-5, vec![pv("a", None)]));
        assert_eq!(parse(b";=x"), (-5, vec![]));
        assert_eq!(parse(b";"), (0, vec![]));
        assert_eq!(parse(b""), (0, vec![]));
    }

    #[test]
    fn lookup_and_clone() {
        let mut u = Owned::<osip_uri_t>::new().unwrap();
        let mut u2 = Owned::<osip_uri_t>::new().unwrap();
        let mut l = u.url_params_mut();
        assert!(add(
            &mut l,
            OString::new(b" Tag ").unwrap(),
            OString::new(b" x ")
        )
        .is_ok());
        assert!(add(&mut l, OString::new(b"lr").unwrap(), None).is_ok());
        let r = l.as_ref();
        assert_eq!(
            get_byname(&r, b"TAG").unwrap().gvalue().unwrap().to_bytes(),
            b"x"
        );
        assert_eq!(get_byname(&r, b"ta").err(), Some(-1));
        assert_eq!(get_byname(&r, b"").err(), Some(-2));
        let c = clone(get_byname(&r, b"lr").unwrap()).unwrap();
        assert!(c.gvalue().is_none() && c.gname().unwrap().to_bytes() == b"lr");
        let mut l2 = u2.url_params_mut();
        assert_eq!(clone_list(&r, &mut l2), 0);
        assert_eq!(l2.len(), 2);
        l2.clear();
        l.clear();
    }
}
