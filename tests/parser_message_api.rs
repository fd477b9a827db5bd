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
//! library under test (B, `OSIP2_PARSER_LIBDIR`, Debian's by default), and
//! the outputs must be the same. B also runs under valgrind (unless
//! `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/diff.rs"]
mod diff;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The program, compiled once (both tests use it).
fn message_api_exe() -> PathBuf {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(compile).clone()
}

fn compile() -> PathBuf {
    let dir = common::profile_dir().join("parser-harness");
    std::fs::create_dir_all(&dir).expect("create parser-harness dir");
    let exe = dir.join("message_api");
    let mut cmd = common::cc();
    cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-g"])
        .arg(common::manifest_dir().join("c-tests/parser/message_api.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-losipparser2");
    common::run(&mut cmd);
    exe
}

fn run_message_api(exe: &Path, libdir: &Path, valgrind: bool) -> String {
    let mut cmd = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
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
fn message_api_matches_debian() {
    let exe = message_api_exe();
    let a = run_message_api(&exe, Path::new(common::DEBIAN_LIBDIR), false);
    let b_dir = common::parser_libdir_under_test();
    let b = run_message_api(&exe, &b_dir, false);
    assert!(
        a.lines().count() > 300,
        "the message_api program printed too little"
    );
    assert!(a.contains("leak = 0 blocks, foreign frees = 0"), "{a}");
    if a != b {
        let d = diff::unified(&a, &b, "A (Debian)", "B", 2);
        panic!(
            "the message core differs from Debian's (B = {}):\n{d}",
            b_dir.display()
        );
    }
    eprintln!("parser message_api: {} lines identical", a.lines().count());
}

#[test]
fn message_api_clean_under_valgrind() {
    let b_dir = common::parser_libdir_under_test();
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0")
        || b_dir == Path::new(common::DEBIAN_LIBDIR)
        || Command::new("valgrind").arg("--version").output().is_err()
    {
        eprintln!("parser message_api valgrind: skipped");
        return;
    }
    let out = run_message_api(&message_api_exe(), &b_dir, true);
    assert!(out.contains("leak = 0 blocks, foreign frees = 0"), "{out}");
}
