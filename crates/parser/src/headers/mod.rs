//! The header types of `<osipparser2/headers/...>`, one module each: parse,
//! to_str and clone with libosipparser2 5.3.0's results, on the C
//! structures (`osip_parser_abi`).
//!
//! Every module has `pub fn parse(h: &mut T, value: &[u8]) -> c_int`
//! (what a failed parse already stored stays in `h`, as in the library),
//! `pub fn to_str(h: &T) -> Result<OString, c_int>` and
//! `pub fn clone(h: &T) -> Result<Owned<T>, c_int>`.

mod auth_params;
pub mod authentication_info;
pub mod authorization;
pub mod www_authenticate;
