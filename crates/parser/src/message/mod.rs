//! The message (`osip_message_t`): for now, what the header types need.
//!
//! - [`auth`]: the setters and getters of the authentication headers;
//! - [`headers`]: the typed header setters and getters
//!   (`osip_message_set_via`, `osip_message_get_contact`, ...),
//!   `osip_message_append_via` and `osip_message_fix_last_via_header`;
//! - [`new`]: `osip_message_init`'s empty message.
//!
//! `message_property` says whether the cached serialisation (`message`)
//! still holds: 3 after init, 2 once something changed, 1 after to_str.

pub mod auth;
pub mod headers;

use libc::c_int;
use osip_cmem::Owned;
use osip_parser_abi::osip_message_t;

/// `message_property` of a message nothing was done to.
pub const PROPERTY_NEW: c_int = 3;
/// `message_property` of a message changed since it was last serialised.
pub const PROPERTY_CHANGED: c_int = 2;

/// `osip_message_init`: an empty message (every list empty, every field
/// NULL, `message_property` 3); None when out of memory.
pub fn new() -> Option<Owned<osip_message_t>> {
    let mut m = Owned::<osip_message_t>::new()?;
    m.message_property = PROPERTY_NEW;
    Some(m)
}
