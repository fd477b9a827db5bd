//! The C programs of `c-tests/parser` that print what libosipparser2
//! computes (`message_api.c`, `headers_api.c`, `auth_api.c`, `port.c`):
//! each is compiled once, run with Debian's library (A) and with the
//! library under test (B, [`crate::common::parser_libdir_under_test`]),
//! and the outputs must be the same; B also runs under valgrind (unless
//! `OSIP2_VALGRIND=0`, or B is Debian's). Included by the tests that use
//! it, beside `diff.rs`.

#![allow(dead_code)] // each test uses its own subset

use crate::common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// What every program prints last when the hooks saw no block leak and no
/// foreign free.
const CLEAN: &str = "leak = 0 blocks, foreign frees = 0";

/// `c-tests/parser/NAME.c`, compiled once per test binary.
fn exe(name: &'static str) -> PathBuf {
    static BUILT: Mutex<BTreeMap<&'static str, PathBuf>> = Mutex::new(BTreeMap::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    built
        .entry(name)
        .or_insert_with(|| {
            let dir = common::profile_dir().join("parser-harness");
            std::fs::create_dir_all(&dir).expect("create parser-harness dir");
            let exe = dir.join(name);
            common::run(
                common::cc()
                    .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-g"])
                    .arg(
                        common::manifest_dir()
                            .join("c-tests/parser")
                            .join(format!("{name}.c")),
                    )
                    .arg("-o")
                    .arg(&exe)
                    .arg("-losipparser2"),
            );
            exe
        })
        .clone()
}

/// The program's stdout with the libosipparser2 of `libdir`.
fn run(name: &'static str, libdir: &Path, valgrind: bool) -> String {
    let mut cmd = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--trace-children=no",
        ])
        .arg(exe(name));
        c
    } else {
        Command::new(exe(name))
    };
    cmd.env("LD_LIBRARY_PATH", libdir);
    String::from_utf8_lossy(&common::run(&mut cmd).stdout).into_owned()
}

/// The output's lines, all compared.
pub fn lines(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

/// Runs `name` with A and B and fails with a diff unless `comparable` of
/// both outputs are the same; A must print at least `min_lines` (the
/// program really ran) and, when `clean` is set, end clean.
pub fn matches_debian(
    name: &'static str,
    what: &str,
    min_lines: usize,
    clean: bool,
    comparable: fn(&str) -> Vec<String>,
) {
    let a_out = run(name, Path::new(common::DEBIAN_LIBDIR), false);
    if clean {
        assert!(a_out.contains(CLEAN), "{a_out}");
    }
    let a = comparable(&a_out);
    let b_dir = common::parser_libdir_under_test();
    let b = comparable(&run(name, &b_dir, false));
    assert!(a.len() > min_lines, "the {name} program printed too little");
    if a != b {
        let d = crate::diff::unified(&a.join("\n"), &b.join("\n"), "A (Debian)", "B", 2);
        panic!(
            "{what} differ from Debian's (B = {}):\n{d}",
            b_dir.display()
        );
    }
    eprintln!("parser {name}: {} lines identical", a.len());
}

/// Runs `name` with B under valgrind: no memory error, no definite or
/// indirect leak, and the hooks saw every block freed.
pub fn clean_under_valgrind(name: &'static str) {
    let b_dir = common::parser_libdir_under_test();
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0")
        || b_dir == Path::new(common::DEBIAN_LIBDIR)
    {
        eprintln!("parser {name} valgrind: skipped");
        return;
    }
    if !common::valgrind() {
        return;
    }
    let out = run(name, &b_dir, true);
    assert!(out.contains(CLEAN), "{out}");
}
