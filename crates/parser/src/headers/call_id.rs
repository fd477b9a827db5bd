//! Call-ID (`osip_call_id.c`): `number[@host]`, split at the first `@`,
//! both parts trimmed (`abc@` has host `""`; `@h` is -5).

use super::{clrncpy, dup, ostring};
use crate::code::{
    OSIP_BADPARAMETER, OSIP_NOMEM, OSIP_SUCCESS, OSIP_SYNTAXERROR, OSIP_UNDEFINED_ERROR,
};
use crate::port::scan::find_byte;
use libc::c_int;
use osip_cmem::{OString, Owned};
use osip_parser_abi::osip_call_id_t;

/// `osip_call_id_parse(callid, value)`: the previous number and host are
/// dropped first; the host is read before the number, so `@h` leaves the
/// host set.
pub fn parse(callid: &mut osip_call_id_t, v: &[u8]) -> c_int {
    callid.set_number(None);
    callid.set_host(None);
    let at = match find_byte(v, 0, b'@') {
        Some(at) => {
            match clrncpy(v, at + 1, v.len()) {
                Ok(h) => callid.set_host(Some(h)),
                Err(e) => return e,
            }
            at
        }
        None => v.len(),
    };
    if at == 0 {
        return OSIP_SYNTAXERROR;
    }
    match clrncpy(v, 0, at) {
        Ok(n) => {
            callid.set_number(Some(n));
            OSIP_SUCCESS
        }
        Err(e) => e,
    }
}

/// `osip_call_id_to_str`: `number` or `number@host`; -2 without number.
pub fn to_str(callid: &osip_call_id_t) -> Result<OString, c_int> {
    let mut out = Vec::with_capacity(64);
    write(callid, &mut out)?;
    ostring(&out)
}

/// [`to_str`]'s text appended to `out`.
pub fn write(callid: &osip_call_id_t, out: &mut Vec<u8>) -> Result<(), c_int> {
    let number = callid.number().ok_or(OSIP_BADPARAMETER)?.to_bytes();
    out.extend_from_slice(number);
    if let Some(h) = callid.host() {
        out.push(b'@');
        out.extend_from_slice(h.to_bytes());
    }
    Ok(())
}

/// `osip_call_id_clone`: -2 without number (a string that cannot be copied
/// is left NULL, as in the library).
pub fn clone(callid: &osip_call_id_t) -> Result<Owned<osip_call_id_t>, c_int> {
    if callid.number().is_none() {
        return Err(OSIP_BADPARAMETER);
    }
    let mut c = Owned::<osip_call_id_t>::new().ok_or(OSIP_NOMEM)?;
    c.set_number(dup(callid.number()));
    c.set_host(dup(callid.host()));
    Ok(c)
}

/// `osip_call_id_match(a, b)`: 0 when the numbers and the hosts are equal
/// (`strcmp`; two missing hosts are equal), -1 when not, -2 when a number
/// is missing.
pub fn matches(a: &osip_call_id_t, b: &osip_call_id_t) -> c_int {
    let (Some(na), Some(nb)) = (a.number(), b.number()) else {
        return OSIP_BADPARAMETER;
    };
    if na != nb {
        return OSIP_UNDEFINED_ERROR;
    }
    if a.host() == b.host() {
        OSIP_SUCCESS
    } else {
        OSIP_UNDEFINED_ERROR
    }
}
