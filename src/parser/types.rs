//! The libosipparser2 types this library reads: those of `osip_parser_abi`,
//! the structures of `<osipparser2/...>` byte for byte.
pub use osip_parser_abi::*;
