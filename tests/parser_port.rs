//! Differential test of libosipparser2's utilities: `c-tests/parser/port.c`
//! prints what the string utilities, tokenizers, traces and MD5 of the
//! library compute (the functions the parser dump does not reach directly);
//! it runs with Debian's library (A) and with the library under test (B,
//! ours, or `OSIP2_PARSER_LIBDIR`), and the outputs must be the
//! same but for the `~` lines and the trace timestamps. B also runs under
//! valgrind (unless `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/compared.rs"]
mod compared;
#[path = "common/diff.rs"]
mod diff;

/// The lines to compare: `~` lines dropped, trace timestamps masked.
fn comparable(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| !l.starts_with('~'))
        .map(|l| {
            if l.starts_with('|') && l.len() > 34 {
                let (head, rest) = l.split_at(10);
                let stamp: String = rest[..24]
                    .chars()
                    .map(|c| if c.is_ascii_digit() { 'N' } else { c })
                    .collect();
                format!("{head}{stamp}{}", &rest[24..])
            } else {
                l.to_string()
            }
        })
        .collect()
}

#[test]
fn port_utilities_match_debian() {
    compared::matches_debian("port", "utilities", 1000, false, comparable);
}

#[test]
fn port_utilities_clean_under_valgrind() {
    compared::clean_under_valgrind("port");
}
