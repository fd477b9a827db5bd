//! Differential test of libosipparser2's authentication headers:
//! `c-tests/parser/auth_api.c` calls every getter, setter, init, free,
//! parse, to_str and clone of `osip_authorization_t`,
//! `osip_www_authenticate_t` and `osip_authentication_info_t`, and the
//! message's `osip_message_{set,get}_X` for the six headers, on
//! hand-built structures (what the parser dump does not reach); it runs
//! with Debian's library (A) and with the library under test (B,
//! ours, or `OSIP2_PARSER_LIBDIR`), and the outputs must be
//! the same. B also runs under valgrind (unless `OSIP2_VALGRIND=0`, or B is
//! Debian's).

mod common;
#[path = "common/compared.rs"]
mod compared;
#[path = "common/diff.rs"]
mod diff;

#[test]
fn auth_api_matches_debian() {
    compared::matches_debian(
        "auth_api",
        "authentication headers",
        2000,
        true,
        compared::lines,
    );
}

#[test]
fn auth_api_clean_under_valgrind() {
    compared::clean_under_valgrind("auth_api");
}
