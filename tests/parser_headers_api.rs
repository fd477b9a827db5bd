//! Differential test of libosipparser2's header functions where the parser
//! dump does not reach them: `c-tests/parser/headers_api.c` prints what the
//! typed message accessors (`osip_message_set_via`, `_get_contact`, ...),
//! `osip_message_append_via`, `osip_message_fix_last_via_header`, the field
//! getters and setters and the match functions compute, on messages made
//! with `osip_message_init`. It runs with Debian's library (A) and with the
//! library under test (B, ours, or `OSIP2_PARSER_LIBDIR`), and
//! the outputs must be the same. B also runs under valgrind (unless
//! `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/compared.rs"]
mod compared;
#[path = "common/diff.rs"]
mod diff;

#[test]
fn header_functions_match_debian() {
    compared::matches_debian(
        "headers_api",
        "header functions",
        400,
        false,
        compared::lines,
    );
}

#[test]
fn header_functions_clean_under_valgrind() {
    compared::clean_under_valgrind("headers_api");
}
