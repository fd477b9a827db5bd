//! Differential test of libosipparser2's header functions where the parser
//! dump does not reach them: `c-tests/parser/headers_api.c` prints what the
//! typed message accessors (`osip_message_set_via`, `_get_contact`, ...),
//! `osip_message_append_via`, `osip_message_fix_last_via_header`, the field
//! getters and setters and the match functions compute, on messages made
//! with `osip_message_init`. It runs with Debian's library (A) and with the
//! library under test (B, `OSIP2_PARSER_LIBDIR`, Debian's by default), and
//! the outputs must be the same. B also runs under valgrind (unless
//! `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/diff.rs"]
mod diff;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The program, compiled once (both tests use it; compiling it twice at
/// the same time would let one run a half-written file).
fn headers_api_exe() -> PathBuf {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(compile).clone()
}

fn compile() -> PathBuf {
    let dir = common::profile_dir().join("parser-harness");
    std::fs::create_dir_all(&dir).expect("create parser-harness dir");
    let exe = dir.join("headers_api");
    let mut cmd = common::cc();
    cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-g"])
        .arg(common::manifest_dir().join("c-tests/parser/headers_api.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-losipparser2");
    common::run(&mut cmd);
    exe
}

/// The lines to compare.
fn comparable(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

fn run_headers_api(exe: &Path, libdir: &Path, valgrind: bool) -> String {
    let mut cmd = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--trace-children=no",
        ])
        .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.env("LD_LIBRARY_PATH", libdir);
    let out = common::run(&mut cmd);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn header_functions_match_debian() {
    let exe = headers_api_exe();
    let a = comparable(&run_headers_api(
        &exe,
        Path::new(common::DEBIAN_LIBDIR),
        false,
    ));
    let b_dir = common::parser_libdir_under_test();
    let b = comparable(&run_headers_api(&exe, &b_dir, false));
    assert!(a.len() > 400, "the headers_api program printed too little");
    if a != b {
        let d = diff::unified(&a.join("\n"), &b.join("\n"), "A (Debian)", "B", 2);
        panic!(
            "header functions differ from Debian's (B = {}):\n{d}",
            b_dir.display()
        );
    }
    eprintln!("parser headers_api: {} lines identical", a.len());
}

#[test]
fn header_functions_clean_under_valgrind() {
    let b_dir = common::parser_libdir_under_test();
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0")
        || b_dir == Path::new(common::DEBIAN_LIBDIR)
        || Command::new("valgrind").arg("--version").output().is_err()
    {
        eprintln!("parser headers_api valgrind: skipped");
        return;
    }
    let out = run_headers_api(&headers_api_exe(), &b_dir, true);
    assert!(out.contains("leak = 0 blocks, foreign frees = 0"), "{out}");
}
