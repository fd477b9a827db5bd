//! The parser's configuration (`osip_parser_cfg.c`): which header names
//! the message parser knows (and which setter each goes to), and which
//! headers it splits on commas.
//!
//! - The known headers are a fixed table of 33 lower-case names, compact
//!   forms included; `__osip_message_is_known_header` gives a name's index
//!   (exact, case-sensitive match: the parser lower-cases names first) and
//!   `__osip_message_call_method` runs the setter at an index. Debian looks
//!   names up in a hash table that `parser_init` builds (before it, the
//!   lookup dereferences NULL); ours is a match, always ready.
//! - The comma-separated headers are a table of 256 slots of 256 bytes
//!   that `parser_init` resets to 61 built-in names (two of them twice);
//!   `parser_add_comma_separated_header` writes a name (cut to 255 bytes)
//!   into the first empty slot (an empty name leaves it empty: 0, nothing
//!   added), -1 when none is left. The lookup compares ASCII
//!   case-insensitively and stops at the first empty slot. Before
//!   `parser_init` the table is empty, as in the library.

use super::auth::{self, AuthHeader};
use super::headers::{self as mh, ListHeader, SingleHeader};
use super::lists::{Direct, Sink};
use crate::code::{OSIP_BADPARAMETER, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::port::trace::Level;
use libc::c_int;
use osip_parser_abi::osip_message_t;
use std::sync::RwLock;

/// What a known header's setter is.
#[derive(Clone, Copy)]
enum Setter {
    List(ListHeader),
    Single(SingleHeader),
    Auth(AuthHeader),
}

/// One entry of the known-header table: its name, its setter, and whether
/// a value the setter refuses is ignored (1 in the library) or fails the
/// parse.
struct Known {
    name: &'static str,
    set: Setter,
    ignored_when_invalid: bool,
}

const fn k(name: &'static str, set: Setter, ignored_when_invalid: bool) -> Known {
    Known {
        name,
        set,
        ignored_when_invalid,
    }
}

use AuthHeader as A;
use ListHeader as L;
use Setter::{Auth, List, Single};
use SingleHeader as S;

/// The table, in the library's order (the indices are observable through
/// `__osip_message_is_known_header`).
static KNOWN: [Known; 33] = [
    k("accept", List(L::Accept), true),
    k("accept-encoding", List(L::AcceptEncoding), true),
    k("accept-language", List(L::AcceptLanguage), true),
    k("alert-info", List(L::AlertInfo), true),
    k("allow", List(L::Allow), true),
    k("authentication-info", Auth(A::AuthenticationInfo), true),
    k("authorization", Auth(A::Authorization), true),
    k("c", Single(S::ContentType), false),
    k("call-id", Single(S::CallId), false),
    k("call-info", List(L::CallInfo), true),
    k("contact", List(L::Contact), false),
    k("content-encoding", List(L::ContentEncoding), true),
    k("content-length", Single(S::ContentLength), false),
    k("content-type", Single(S::ContentType), false),
    k("cseq", Single(S::Cseq), false),
    k("e", List(L::ContentEncoding), true),
    k("error-info", List(L::ErrorInfo), true),
    k("f", Single(S::From), false),
    k("from", Single(S::From), false),
    k("i", Single(S::CallId), false),
    k("l", Single(S::ContentLength), false),
    k("m", List(L::Contact), false),
    k("mime-version", Single(S::MimeVersion), true),
    k("proxy-authenticate", Auth(A::ProxyAuthenticate), true),
    k(
        "proxy-authentication-info",
        Auth(A::ProxyAuthenticationInfo),
        true,
    ),
    k("proxy-authorization", Auth(A::ProxyAuthorization), true),
    k("record-route", List(L::RecordRoute), true),
    k("route", List(L::Route), true),
    k("t", Single(S::To), false),
    k("to", Single(S::To), false),
    k("v", List(L::Via), false),
    k("via", List(L::Via), false),
    k("www-authenticate", Auth(A::WwwAuthenticate), true),
];

/// `__osip_message_is_known_header(name)`: the index of `name` in the
/// known-header table (exact match), or -1.
pub fn known_header(name: &[u8]) -> c_int {
    // The table's order (a unit test holds the two together).
    match name {
        b"accept" => 0,
        b"accept-encoding" => 1,
        b"accept-language" => 2,
        b"alert-info" => 3,
        b"allow" => 4,
        b"authentication-info" => 5,
        b"authorization" => 6,
        b"c" => 7,
        b"call-id" => 8,
        b"call-info" => 9,
        b"contact" => 10,
        b"content-encoding" => 11,
        b"content-length" => 12,
        b"content-type" => 13,
        b"cseq" => 14,
        b"e" => 15,
        b"error-info" => 16,
        b"f" => 17,
        b"from" => 18,
        b"i" => 19,
        b"l" => 20,
        b"m" => 21,
        b"mime-version" => 22,
        b"proxy-authenticate" => 23,
        b"proxy-authentication-info" => 24,
        b"proxy-authorization" => 25,
        b"record-route" => 26,
        b"route" => 27,
        b"t" => 28,
        b"to" => 29,
        b"v" => 30,
        b"via" => 31,
        b"www-authenticate" => 32,
        _ => -1,
    }
}

/// `__osip_message_call_method(i, msg, value)`: the setter of known header
/// `i` on `msg`. Its error is returned, or ignored (0) for the headers the
/// table says so; either way a failure traces a warning. An index out of
/// the table (Debian reads past it and calls what it finds) is -2.
pub fn call_method(i: c_int, msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    call_method_in(i, msg, value, &mut Direct)
}

/// [`call_method`], list elements going through `sink`.
pub(crate) fn call_method_in(
    i: c_int,
    msg: Option<&mut osip_message_t>,
    value: Option<&[u8]>,
    sink: &mut impl Sink,
) -> c_int {
    let Some(k) = usize::try_from(i).ok().and_then(|i| KNOWN.get(i)) else {
        return OSIP_BADPARAMETER;
    };
    let err = match k.set {
        Setter::List(h) => mh::set_list_in(msg, h, value, sink),
        Setter::Single(h) => mh::set_single(msg, h, value),
        Setter::Auth(h) => auth::set_in(h, msg, value, sink),
    };
    if err < 0 {
        // The value's bytes as they are, up to a NUL, as C's `%s` prints them.
        let value = value.map_or(&b"(null)"[..], |v| v.split(|&b| b == 0).next().unwrap_or(v));
        crate::port::trace::trace_bytes(
            Level::Warning,
            "osip_parser_cfg.c",
            362,
            &[
                b"Could not set header: ",
                k.name.as_bytes(),
                b": ",
                value,
                b"\n",
            ],
        );
    }
    if k.ignored_when_invalid {
        OSIP_SUCCESS
    } else {
        err
    }
}

/// Slots of the comma-separated table.
const SLOTS: usize = 256;
/// Bytes of a slot (names are cut to one less).
const SLOT_BYTES: usize = 256;

/// The built-in comma-separated headers, in `parser_init`'s order.
const BUILT_IN: [&str; 61] = [
    "Accept",
    "a",
    "Accept-Encoding",
    "Accept-Language",
    "Alert-Info",
    "Allow",
    "Authentication-Info",
    "Call-Info",
    "Contact",
    "m",
    "Content-Encoding",
    "e",
    "Content-Language",
    "Error-Info",
    "In-Reply-To",
    "Proxy-Require",
    "Record-Route",
    "Require",
    "Route",
    "Supported",
    "k",
    "Unsupported",
    "Via",
    "v",
    "Warning",
    "P-Media-Authorization",
    "P-Asserted-Identity",
    "P-Preferred-Identity",
    "Reason",
    "Path",
    "Security-Client",
    "Security-Server",
    "Security-Verify",
    "Service-Route",
    "Request-Disposition",
    "d",
    "Accept-Contact",
    "a",
    "Reject-Contact",
    "j",
    "Resource-Priority",
    "Accept-Resource-Priority",
    "P-Early-Media",
    "P-Refused-URI-List",
    "Permission-Missing",
    "Trigger-Consent",
    "P-Asserted-Service",
    "P-Preferred-Service",
    "Recv-Info",
    "Allow-Events",
    "u",
    "Policy-ID",
    "Policy-Contact",
    "Feature-Caps",
    "History-Info",
    "Accept",
    "P-Associated-URI",
    "P-Visited-Network-ID",
    "P-Access-Network-Info",
    "P-Charging-Function-Addresses",
    "User-to-User",
];

/// The comma-separated table: the names of the non-empty slots, in order
/// (an empty slot ends the table, so only these matter). Fixed slots, as
/// the library's: no heap memory, so nothing of it is left in use at exit
/// (programs checked with valgrind's "still reachable" see none).
pub struct CommaTable {
    names: [[u8; SLOT_BYTES]; SLOTS],
    lens: [u8; SLOTS],
    used: usize,
}

impl Default for CommaTable {
    fn default() -> Self {
        Self::new()
    }
}

impl CommaTable {
    /// An empty table.
    pub const fn new() -> Self {
        CommaTable {
            names: [[0; SLOT_BYTES]; SLOTS],
            lens: [0; SLOTS],
            used: 0,
        }
    }

    /// What `parser_init` leaves.
    pub fn reset(&mut self) {
        self.used = 0;
        for name in BUILT_IN {
            self.push(name.as_bytes());
        }
    }

    fn push(&mut self, name: &[u8]) {
        let name = &name[..name.len().min(SLOT_BYTES - 1)];
        self.names[self.used][..name.len()].copy_from_slice(name);
        // SLOT_BYTES - 1 fits in a u8.
        self.lens[self.used] = name.len() as u8;
        self.used += 1;
    }

    /// `parser_add_comma_separated_header`: 0, or -1 when full.
    pub fn add(&mut self, name: &[u8]) -> c_int {
        if self.used >= SLOTS {
            return OSIP_UNDEFINED_ERROR;
        }
        if !name.is_empty() {
            self.push(name);
        }
        OSIP_SUCCESS
    }

    /// Whether `name` is in the table, ASCII case-insensitively.
    pub fn contains(&self, name: &[u8]) -> bool {
        (0..self.used).any(|i| {
            let n = &self.names[i][..usize::from(self.lens[i])];
            n.len() == name.len() && n.eq_ignore_ascii_case(name)
        })
    }
}

/// The library's table.
static COMMA: RwLock<CommaTable> = RwLock::new(CommaTable::new());

/// `parser_init()`: resets the comma-separated table to the built-in names
/// (the known-header table needs nothing). Always 0.
pub fn parser_init() -> c_int {
    COMMA.write().unwrap_or_else(|e| e.into_inner()).reset();
    OSIP_SUCCESS
}

/// `parser_add_comma_separated_header(name)`: 0, or -1 when the table is
/// full (see the module).
pub fn add_comma_separated(name: &[u8]) -> c_int {
    COMMA.write().unwrap_or_else(|e| e.into_inner()).add(name)
}

/// `__osip_message_is_header_comma_separated(name)`: 0 when `name` is in
/// the table (ASCII case-insensitively), else -1.
pub fn is_comma_separated(name: &[u8]) -> c_int {
    if COMMA
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .contains(name)
    {
        OSIP_SUCCESS
    } else {
        OSIP_UNDEFINED_ERROR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_headers() {
        assert_eq!(known_header(b"accept"), 0);
        assert_eq!(known_header(b"c"), 7);
        assert_eq!(known_header(b"via"), 31);
        assert_eq!(known_header(b"v"), 30);
        assert_eq!(known_header(b"www-authenticate"), 32);
        assert_eq!(known_header(b"Via"), -1);
        assert_eq!(known_header(b""), -1);
        assert_eq!(known_header(b"s"), -1);
        for (i, k) in KNOWN.iter().enumerate() {
            assert_eq!(known_header(k.name.as_bytes()), i as c_int, "{}", k.name);
        }
        assert_eq!(call_method(33, None, None), -2);
        assert_eq!(call_method(-1, None, None), -2);
        // An ignored header refusing its value: 0; a required one: the code.
        assert_eq!(call_method(0, None, Some(b"a")), 0);
        assert_eq!(call_method(31, None, Some(b"x")), -5);
    }

    #[test]
    fn comma_table() {
        let mut t = CommaTable::default();
        assert!(!t.contains(b"via"), "empty before parser_init");
        assert_eq!(t.add(b"X-Pre"), 0);
        assert!(t.contains(b"x-pre"));
        t.reset();
        assert!(!t.contains(b"x-pre"), "parser_init resets");
        assert!(t.contains(b"VIA") && t.contains(b"p-charging-function-addresses"));
        assert!(!t.contains(b"Accept ") && !t.contains(b""));
        assert_eq!(t.add(b""), 0);
        let long = vec![b'a'; 300];
        assert_eq!(t.add(&long), 0);
        assert!(t.contains(&long[..255]) && !t.contains(&long[..256]));
        let mut added = 0;
        while t.add(format!("X-{added}").as_bytes()) == 0 {
            added += 1;
        }
        assert_eq!(added, 256 - 61 - 1);
        assert_eq!(t.add(b""), -1, "full");
        t.reset();
        assert!(!t.contains(b"x-1"));
        assert_eq!(parser_init(), 0);
        assert_eq!(is_comma_separated(b"Supported"), 0);
        assert_eq!(is_comma_separated(b"Subject"), -1);
    }
}
