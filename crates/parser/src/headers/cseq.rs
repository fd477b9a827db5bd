//! CSeq (`osip_cseq.c`): `number SP method`, split at the first space. The
//! number is trimmed; the method keeps its trailing spaces (the library's
//! copy runs into the terminating NUL, so its trailing trim never starts).
//! A value starting with a space, or without one, is -5.

use super::{clrncpy, clrncpy_to_end, dup, ostring};
use crate::code::{
    OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR,
};
use crate::port::scan::find_byte;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_cseq_t;

/// `osip_cseq_parse(cseq, value)`: the previous number and method are
/// dropped first.
pub fn parse(cseq: &mut osip_cseq_t, v: &[u8]) -> c_int {
    cseq.set_number(None);
    cseq.set_method(None);
    let Some(space) = find_byte(v, 0, b' ') else {
        return OSIP_SYNTAXERROR;
    };
    if space == 0 {
        return OSIP_SYNTAXERROR;
    }
    match clrncpy(v, 0, space) {
        Ok(n) => cseq.set_number(Some(n)),
        Err(e) => return e,
    }
    match clrncpy_to_end(v, space + 1) {
        Ok(m) => {
            cseq.set_method(Some(m));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `osip_cseq_to_str`: `number method`; -2 when either is missing.
pub fn to_str(cseq: &osip_cseq_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(32);
    write(cseq, &mut out)?;
    ostring(&out)
}

/// [`to_str`]'s text appended to `out`.
pub fn write(cseq: &osip_cseq_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let (Some(number), Some(method)) = (cseq.number(), cseq.method()) else {
        return Err(OSIP_BADPARAMETER);
    };
    out.extend_from_slice(number.to_bytes());
    out.push(b' ');
    out.extend_from_slice(method.to_bytes());
    Ok(())
}

/// `osip_cseq_clone`: -2 when the number or the method is missing.
pub fn clone(cseq: &osip_cseq_t) -> Result<Owned<osip_cseq_t>, c_int> {
    if cseq.method().is_none() || cseq.number().is_none() {
        return Err(OSIP_BADPARAMETER);
    }
    let mut c = Owned::<osip_cseq_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_method(dup(cseq.method()));
    c.set_number(dup(cseq.number()));
    Ok(c)
}

/// `osip_cseq_match(a, b)`: 0 when the numbers are equal and the methods
/// too, INVITE and ACK counting as one (`strcmp`); -1 when not; -2 when a
/// field is missing.
pub fn matches(a: &osip_cseq_t, b: &osip_cseq_t) -> c_int {
    let (Some(na), Some(nb), Some(ma), Some(mb)) = (a.number(), b.number(), a.method(), b.method())
    else {
        return OSIP_BADPARAMETER;
    };
    let invite_or_ack = |m: &std::ffi::CStr| matches!(m.to_bytes(), b"INVITE" | b"ACK");
    if na == nb {
        if invite_or_ack(mb) {
            if invite_or_ack(ma) {
                return OSIP_SUCCESS;
            }
        } else if ma == mb {
            return OSIP_SUCCESS;
        }
    }
    OSIP_UNDEFINED_ERROR
}
