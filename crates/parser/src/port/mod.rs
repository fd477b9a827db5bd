//! `osip_port.h` and the parsing helpers every header parser shares, as
//! safe functions on byte slices:
//!
//! - [`text`]: the string utilities (`osip_clrncpy`, `osip_atoi`,
//!   `osip_strncasecmp`, `osip_enquote`, `osip_hash`, ...);
//! - [`scan`]: the tokenizers (`__osip_set_next_token`,
//!   `__osip_quote_find`, `__osip_quoted_string_set`, `__osip_token_set`,
//!   `next_separator`, `__osip_find_next_crlf`, ...);
//! - [`trace`]: what the library traces ([`trace!`](crate::trace));
//! - [`globals`]: the exported variables that change results.
//!
//! A `&[u8]` argument is the bytes of a C string without its NUL: the end
//! of the slice is where the C code finds the NUL.

pub mod globals;
pub mod scan;
pub mod text;
pub mod trace;

pub use scan::{
    find_byte, find_next_crlf, find_next_crlfcrlf, find_next_occurence, next_separator, next_token,
    quote_find, quoted_string_set, token_set,
};
pub use text::{
    atoi, clean, clean_copy, copy, dequote, dequoted, enquote, hash, is_lws,
    starts_with_ignore_case, strcasecmp, strcasestr, strdup_without_quote, strncasecmp, strstr,
    tolower,
};
