//! Differential test of libosipparser2's message core where the parser
//! dump does not reach it: `c-tests/parser/message_api.c` calls the
//! parser's tables (`parser_init`, `parser_add_comma_separated_header`,
//! `__osip_message_is_known_header`, `__osip_message_call_method`, ...),
//! the generic header accessors (`osip_message_set_header`,
//! `_set_topheader`, `_replace_header`, `_header_get_byname`, ...), the
//! start-line getters and setters, the serialisation cache, bodies built
//! through the API (`osip_message_set_body(_mime)`, `osip_body_*`) and
//! `osip_message_set_multiple_header` without a message, with the
//! library's traces. It runs with Debian's library (A) and with the
//! library under test (B, ours, or `OSIP2_PARSER_LIBDIR`), and
//! the outputs must be the same. B also runs under valgrind (unless
//! `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/compared.rs"]
mod compared;
#[path = "common/diff.rs"]
mod diff;

#[test]
fn message_api_matches_debian() {
    compared::matches_debian(
        "message_api",
        "the message core",
        300,
        true,
        compared::lines,
    );
}

#[test]
fn message_api_clean_under_valgrind() {
    compared::clean_under_valgrind("message_api");
}
