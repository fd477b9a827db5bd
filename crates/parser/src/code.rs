//! Return codes of the library (`<osipparser2/osip_port.h>`).

use libc::c_int;

pub const OSIP_SUCCESS: c_int = 0;
pub const OSIP_UNDEFINED_ERROR: c_int = -1;
pub const OSIP_BADPARAMETER: c_int = -2;
pub const OSIP_WRONG_STATE: c_int = -3;
pub const OSIP_NOMEM: c_int = -4;
pub const OSIP_SYNTAXERROR: c_int = -5;
pub const OSIP_NOTFOUND: c_int = -6;
pub const OSIP_API_NOT_INITIALIZED: c_int = -7;
pub const OSIP_NO_NETWORK: c_int = -10;
pub const OSIP_PORT_BUSY: c_int = -11;
pub const OSIP_UNKNOWN_HOST: c_int = -12;
pub const OSIP_DISK_FULL: c_int = -30;
pub const OSIP_NO_RIGHTS: c_int = -31;
pub const OSIP_FILE_NOT_EXIST: c_int = -32;
pub const OSIP_TIMEOUT: c_int = -50;
pub const OSIP_TOOMUCHCALL: c_int = -51;
pub const OSIP_WRONG_FORMAT: c_int = -52;
pub const OSIP_NOCOMMONCODEC: c_int = -53;
pub const OSIP_RETRY_LIMIT: c_int = -60;
