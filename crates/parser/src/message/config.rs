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

use super::{auth, headers as mh};
use crate::code::{OSIP_BADPARAMETER, OSIP_SUCCESS, OSIP_UNDEFINED_ERROR};
use crate::port::trace::Level;
use libc::c_int;
use osip_parser_abi::osip_message_t;
use std::sync::RwLock;

/// A setter of the known-header table.
type Setter = fn(Option<&mut osip_message_t>, Option<&[u8]>) -> c_int;

/// One entry of the known-header table: its name, its setter, and whether
/// a value the setter refuses is ignored (1 in the library) or fails the
/// parse.
struct Known {
    name: &'static str,
    set: Setter,
    ignored_when_invalid: bool,
}

macro_rules! list {
    ($h:ident) => {
        |m, v| mh::set_list(m, mh::ListHeader::$h, v)
    };
}
macro_rules! single {
    ($h:ident) => {
        |m, v| mh::set_single(m, mh::SingleHeader::$h, v)
    };
}

/// The table, in the library's order (the indices are observable through
/// `__osip_message_is_known_header`).
static KNOWN: [Known; 33] = [
    Known {
        name: "accept",
        set: list!(Accept),
        ignored_when_invalid: true,
    },
    Known {
        name: "accept-encoding",
        set: list!(AcceptEncoding),
        ignored_when_invalid: true,
    },
    Known {
        name: "accept-language",
        set: list!(AcceptLanguage),
        ignored_when_invalid: true,
    },
    Known {
        name: "alert-info",
        set: list!(AlertInfo),
        ignored_when_invalid: true,
    },
    Known {
        name: "allow",
        set: list!(Allow),
        ignored_when_invalid: true,
    },
    Known {
        name: "authentication-info",
        set: auth::set_authentication_info,
        ignored_when_invalid: true,
    },
    Known {
        name: "authorization",
        set: auth::set_authorization,
        ignored_when_invalid: true,
    },
    Known {
        name: "c",
        set: single!(ContentType),
        ignored_when_invalid: false,
    },
    Known {
        name: "call-id",
        set: single!(CallId),
        ignored_when_invalid: false,
    },
    Known {
        name: "call-info",
        set: list!(CallInfo),
        ignored_when_invalid: true,
    },
    Known {
        name: "contact",
        set: list!(Contact),
        ignored_when_invalid: false,
    },
    Known {
        name: "content-encoding",
        set: list!(ContentEncoding),
        ignored_when_invalid: true,
    },
    Known {
        name: "content-length",
        set: single!(ContentLength),
        ignored_when_invalid: false,
    },
    Known {
        name: "content-type",
        set: single!(ContentType),
        ignored_when_invalid: false,
    },
    Known {
        name: "cseq",
        set: single!(Cseq),
        ignored_when_invalid: false,
    },
    Known {
        name: "e",
        set: list!(ContentEncoding),
        ignored_when_invalid: true,
    },
    Known {
        name: "error-info",
        set: list!(ErrorInfo),
        ignored_when_invalid: true,
    },
    Known {
        name: "f",
        set: single!(From),
        ignored_when_invalid: false,
    },
    Known {
        name: "from",
        set: single!(From),
        ignored_when_invalid: false,
    },
    Known {
        name: "i",
        set: single!(CallId),
        ignored_when_invalid: false,
    },
    Known {
        name: "l",
        set: single!(ContentLength),
        ignored_when_invalid: false,
    },
    Known {
        name: "m",
        set: list!(Contact),
        ignored_when_invalid: false,
    },
    Known {
        name: "mime-version",
        set: single!(MimeVersion),
        ignored_when_invalid: true,
    },
    Known {
        name: "proxy-authenticate",
        set: auth::set_proxy_authenticate,
        ignored_when_invalid: true,
    },
    Known {
        name: "proxy-authentication-info",
        set: auth::set_proxy_authentication_info,
        ignored_when_invalid: true,
    },
    Known {
        name: "proxy-authorization",
        set: auth::set_proxy_authorization,
        ignored_when_invalid: true,
    },
    Known {
        name: "record-route",
        set: list!(RecordRoute),
        ignored_when_invalid: true,
    },
    Known {
        name: "route",
        set: list!(Route),
        ignored_when_invalid: true,
    },
    Known {
        name: "t",
        set: single!(To),
        ignored_when_invalid: false,
    },
    Known {
        name: "to",
        set: single!(To),
        ignored_when_invalid: false,
    },
    Known {
        name: "v",
        set: list!(Via),
        ignored_when_invalid: false,
    },
    Known {
        name: "via",
        set: list!(Via),
        ignored_when_invalid: false,
    },
    Known {
        name: "www-authenticate",
        set: auth::set_www_authenticate,
        ignored_when_invalid: true,
    },
];

/// `__osip_message_is_known_header(name)`: the index of `name` in the
/// known-header table (exact match), or -1.
pub fn known_header(name: &[u8]) -> c_int {
    // The names are short: compare only those of the same length.
    KNOWN
        .iter()
        .position(|k| k.name.len() == name.len() && k.name.as_bytes() == name)
        .map_or(-1, |i| i as c_int)
}

/// `__osip_message_call_method(i, msg, value)`: the setter of known header
/// `i` on `msg`. Its error is returned, or ignored (0) for the headers the
/// table says so; either way a failure traces a warning. An index out of
/// the table (Debian reads past it and calls what it finds) is -2.
pub fn call_method(i: c_int, msg: Option<&mut osip_message_t>, value: Option<&[u8]>) -> c_int {
    let Some(k) = usize::try_from(i).ok().and_then(|i| KNOWN.get(i)) else {
        return OSIP_BADPARAMETER;
    };
    let err = (k.set)(msg, value);
    if err < 0 {
        crate::trace!(
            Level::Warning,
            "osip_parser_cfg.c",
            362,
            "Could not set header: {}: {}\n",
            k.name,
            value.map_or(
                std::borrow::Cow::Borrowed("(null)"),
                String::from_utf8_lossy
            )
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
/// (an empty slot ends the table, so only these matter).
#[derive(Default)]
pub struct CommaTable(Vec<Vec<u8>>);

impl CommaTable {
    /// What `parser_init` leaves.
    pub fn reset(&mut self) {
        self.0.clear();
        self.0
            .extend(BUILT_IN.iter().map(|n| n.as_bytes().to_vec()));
    }

    /// `parser_add_comma_separated_header`: 0, or -1 when full.
    pub fn add(&mut self, name: &[u8]) -> c_int {
        if self.0.len() >= SLOTS {
            return OSIP_UNDEFINED_ERROR;
        }
        if !name.is_empty() {
            self.0.push(name[..name.len().min(SLOT_BYTES - 1)].to_vec());
        }
        OSIP_SUCCESS
    }

    /// Whether `name` is in the table, ASCII case-insensitively.
    pub fn contains(&self, name: &[u8]) -> bool {
        self.0
            .iter()
            .any(|n| n.len() == name.len() && n.eq_ignore_ascii_case(name))
    }
}

/// The library's table.
static COMMA: RwLock<CommaTable> = RwLock::new(CommaTable(Vec::new()));

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
