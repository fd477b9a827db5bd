//! `osip_message_t` (`osip_message.c`, `osip_parser.h`): the message-level
//! functions, one module per area.

pub mod auth;
