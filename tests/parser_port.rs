//! Differential test of libosipparser2's utilities: `c-tests/parser/port.c`
//! prints what the string utilities, tokenizers, traces and MD5 of the
//! library compute (the functions the parser dump does not reach directly);
//! it runs with Debian's library (A) and with the library under test (B,
//! `OSIP2_PARSER_LIBDIR`, Debian's by default), and the outputs must be the
//! same but for the `~` lines and the trace timestamps. B also runs under
//! valgrind (unless `OSIP2_VALGRIND=0`, or B is Debian's).

mod common;
#[path = "common/diff.rs"]
mod diff;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The program, compiled once: both tests use it, and two compilations at
/// the same time would let one test run a file the other is rewriting.
fn port_exe() -> PathBuf {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(compile).clone()
}

fn compile() -> PathBuf {
    let dir = common::profile_dir().join("parser-harness");
    std::fs::create_dir_all(&dir).expect("create parser-harness dir");
    let exe = dir.join("port");
    let mut cmd = common::cc();
    cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-g"])
        .arg(common::manifest_dir().join("c-tests/parser/port.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-losipparser2");
    common::run(&mut cmd);
    exe
}

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

fn run_port(exe: &Path, libdir: &Path, valgrind: bool) -> String {
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
fn port_utilities_match_debian() {
    let exe = port_exe();
    let a = comparable(&run_port(&exe, Path::new(common::DEBIAN_LIBDIR), false));
    let b_dir = common::parser_libdir_under_test();
    let b = comparable(&run_port(&exe, &b_dir, false));
    assert!(a.len() > 1000, "the port program printed too little");
    if a != b {
        let d = diff::unified(&a.join("\n"), &b.join("\n"), "A (Debian)", "B", 2);
        panic!(
            "utilities differ from Debian's (B = {}):\n{d}",
            b_dir.display()
        );
    }
    eprintln!("parser port: {} lines identical", a.len());
}

#[test]
fn port_utilities_clean_under_valgrind() {
    let b_dir = common::parser_libdir_under_test();
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0")
        || b_dir == Path::new(common::DEBIAN_LIBDIR)
        || Command::new("valgrind").arg("--version").output().is_err()
    {
        eprintln!("parser port valgrind: skipped");
        return;
    }
    let out = run_port(&port_exe(), &b_dir, true);
    assert!(out.contains("leak = 0 blocks, foreign frees = 0"), "{out}");
}
