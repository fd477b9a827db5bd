//! The library's variables that change what it computes: the four sets of
//! bytes the URI serialiser leaves unescaped (`userinfo_def`,
//! `password_def`, `uri_param_def`, `header_param_def`) and
//! `osip_protocol_version`. They are exported `const char *` variables
//! (`D` symbols) that an application may point elsewhere, and Debian's code
//! reads them at every use; so do we. The C layer owns them and installs a
//! [`Reader`] when the library is loaded; without one (unit tests) the
//! values are Debian's initial ones.

use std::sync::OnceLock;

/// `userinfo_def`'s initial value: bytes (besides ASCII letters and
/// digits) a URI's user part keeps unescaped.
pub const USERINFO_DEF: &[u8] = b"-_.!~*'()&=+$,;?/";
/// `password_def`'s initial value.
pub const PASSWORD_DEF: &[u8] = b"-_.!~*'()&=+$,";
/// `uri_param_def`'s initial value (URI parameter names and values).
pub const URI_PARAM_DEF: &[u8] = b"-_.!~*'()[]/:&+$";
/// `header_param_def`'s initial value (URI header names and values).
pub const HEADER_PARAM_DEF: &[u8] = b"-_.!~*'()[]/?:+$";
/// `osip_protocol_version`'s initial value.
pub const PROTOCOL_VERSION: &[u8] = b"SIP/2.0";

/// Which variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    UserinfoDef,
    PasswordDef,
    UriParamDef,
    HeaderParamDef,
    ProtocolVersion,
}

impl Var {
    /// The initial value.
    pub fn default_value(self) -> &'static [u8] {
        match self {
            Var::UserinfoDef => USERINFO_DEF,
            Var::PasswordDef => PASSWORD_DEF,
            Var::UriParamDef => URI_PARAM_DEF,
            Var::HeaderParamDef => HEADER_PARAM_DEF,
            Var::ProtocolVersion => PROTOCOL_VERSION,
        }
    }
}

/// Reads a variable's current value (None when the application set it to
/// NULL, where Debian would crash: the initial value is used instead).
pub type Reader = fn(Var) -> Option<&'static [u8]>;

static READER: OnceLock<Reader> = OnceLock::new();

/// Installs the reader (once; later calls are ignored).
pub fn install(reader: Reader) {
    let _ = READER.set(reader);
}

/// The current value of `var`.
pub fn get(var: Var) -> &'static [u8] {
    READER
        .get()
        .and_then(|read| read(var))
        .unwrap_or_else(|| var.default_value())
}
