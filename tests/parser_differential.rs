//! Differential test of the message library (libosipparser2): the dump of
//! `c-tests/parser/` (one C program, built once against the system headers)
//! prints every field, return code, serialisation and allocation count the
//! library computes for each input of `c-tests/parser/corpus/all.list`. It
//! runs with `LD_LIBRARY_PATH` set to Debian's directory (A, the reference)
//! and to the library under test (B, `common::parser_libdir_under_test()`),
//! and every unit (message, SDP file or direct case) must print the same.
//! See `c-tests/parser/README.md`.
//!
//! Environment: `OSIP2_PARSER_LIBDIR` (B's directory; our shipped build by default),
//! `OSIP2_PARSER_LIST` (another input list), `OSIP2_PARSER_UNITS=substring`
//! (only matching units), `OSIP2_PARSER_STRICT=1` (compare the `~` lines
//! too), `OSIP2_VALGRIND=0` (skip the valgrind pass), `OSIP2_PARSER_VALGRIND=1`
//! (run the valgrind pass even when B is Debian's library).

mod common;
#[path = "common/diff.rs"]
mod diff;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// Differing lines shown per unit.
const SHOW_LINES: usize = 24;

fn parser_dir() -> PathBuf {
    common::manifest_dir().join("c-tests").join("parser")
}

fn list() -> PathBuf {
    std::env::var_os("OSIP2_PARSER_LIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| parser_dir().join("corpus").join("all.list"))
}

fn unit_filter() -> Option<String> {
    std::env::var("OSIP2_PARSER_UNITS")
        .ok()
        .filter(|s| !s.is_empty())
}

/// The dump, compiled once per test binary.
fn dump_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let dir = common::profile_dir().join("parser-harness");
        fs::create_dir_all(&dir).expect("create parser-harness dir");
        let exe = dir.join("dump");
        let src = parser_dir();
        let mut cmd = common::cc();
        cmd.args([
            "-std=c99",
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-O1",
            "-g",
        ])
        .arg(src.join("dump.c"))
        .arg(src.join("dump_util.c"))
        .arg(src.join("dump_show.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-losipparser2");
        common::run(&mut cmd);
        exe
    })
}

/// The libosipparser2 the dump loads with `LD_LIBRARY_PATH=libdir`.
fn loaded_parser(libdir: &Path) -> String {
    let out = common::run(
        Command::new("ldd")
            .arg(dump_exe())
            .env("LD_LIBRARY_PATH", libdir),
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.trim_start().starts_with("libosipparser2"))
        .and_then(|l| l.split("=>").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_default()
        .to_string()
}

/// Runs the dump over the list with `libdir` first on the library path;
/// one output file per input in `out`, crashed units in `out/crashes`.
fn run_dump(libdir: &Path, out: &Path, valgrind: bool) {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).expect("create output dir");
    let mut cmd = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
        ])
        .arg(format!("--log-file={}/valgrind.%p.log", out.display()))
        .arg(dump_exe())
        .args(["-t", "600"]);
        c
    } else {
        Command::new(dump_exe())
    };
    // -T: the library's traces (file, line, level, text), which
    // applications see through their trace function, are compared too.
    cmd.arg("-T")
        .arg("-c")
        .arg(out.join("crashes"))
        .arg("-o")
        .arg(out.join("units"))
        .arg("-l")
        .arg(list())
        .env("LD_LIBRARY_PATH", libdir);
    if let Some(f) = unit_filter() {
        cmd.args(["-k", &f]);
    }
    common::run(&mut cmd);
}

/// unit name → its lines (without the `===` frame; `~` lines dropped
/// unless OSIP2_PARSER_STRICT=1).
fn units(out: &Path) -> BTreeMap<String, Vec<String>> {
    let strict = std::env::var("OSIP2_PARSER_STRICT").is_ok_and(|v| v == "1");
    let mut all = BTreeMap::new();
    let dir = out.join("units");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        let bytes = fs::read(&f).expect("read dump output");
        let text = String::from_utf8_lossy(&bytes);
        let mut current: Option<(String, Vec<String>)> = None;
        for line in text.lines() {
            if line == "=== end" {
                if let Some((name, lines)) = current.take() {
                    all.insert(name, lines);
                }
            } else if let Some(head) = line.strip_prefix("=== ") {
                let name = head.split_once(' ').map(|(_, n)| n).unwrap_or(head);
                current = Some((name.to_string(), Vec::new()));
            } else if let Some((_, lines)) = current.as_mut() {
                if strict || !line.starts_with('~') {
                    lines.push(line.to_string());
                }
            }
        }
        if let Some((name, mut lines)) = current.take() {
            lines.push("!!! output ends inside the unit".into());
            all.insert(name, lines);
        }
    }
    all
}

/// `c-tests/parser/expected-differences.txt`: unit name → reason.
fn expected_differences() -> BTreeMap<String, String> {
    let path = parser_dir().join("expected-differences.txt");
    fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, why) = l.split_once('\t').unwrap_or((l, ""));
            (name.trim().to_string(), why.trim().to_string())
        })
        .collect()
}

fn crashed(lines: &[String]) -> bool {
    lines.iter().any(|l| l.starts_with("!!! "))
}

/// The two tests share the machine's two cores: one at a time.
fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn parser_matches_debian_libosipparser2() {
    let _guard = exclusive();
    let a_dir = PathBuf::from(common::DEBIAN_LIBDIR);
    let b_dir = common::parser_libdir_under_test();
    let (a_so, b_so) = (loaded_parser(&a_dir), loaded_parser(&b_dir));
    assert!(
        a_so.starts_with(common::DEBIAN_LIBDIR),
        "A should be Debian's library, the dump loads {a_so:?}"
    );
    assert!(
        b_so.starts_with(&*b_dir.to_string_lossy()),
        "B should come from {}, the dump loads {b_so:?}",
        b_dir.display()
    );
    let scratch = common::scratch("parser-differential");
    let (a_out, b_out) = (scratch.join("a"), scratch.join("b"));
    run_dump(&a_dir, &a_out, false);
    run_dump(&b_dir, &b_out, false);
    let (ua, ub) = (units(&a_out), units(&b_out));
    assert!(!ua.is_empty(), "no unit ran: check {}", list().display());

    // With the default corpus, the units Debian crashes on must be the
    // recorded ones (a stale list or a nondeterministic crash shows here).
    if std::env::var_os("OSIP2_PARSER_LIST").is_none() && unit_filter().is_none() {
        let recorded: BTreeSet<String> =
            fs::read_to_string(parser_dir().join("corpus").join("debian-crashes.txt"))
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').next().unwrap_or(l).to_string())
                .collect();
        let now: BTreeSet<String> = ua
            .iter()
            .filter(|(_, l)| crashed(l))
            .map(|(n, _)| n.clone())
            .collect();
        assert_eq!(
            now, recorded,
            "units on which Debian's library crashes differ from corpus/debian-crashes.txt \
             (regenerate it with c-tests/parser/make-corpus.py)"
        );
    }

    let expected = expected_differences();
    let names: BTreeSet<&String> = ua.keys().chain(ub.keys()).collect();
    let empty = Vec::new();
    let (mut same, mut oracle_crashed, mut as_expected) = (0, 0, 0);
    let mut failures = Vec::new();
    for name in &names {
        let la = ua.get(*name).unwrap_or(&empty);
        let lb = ub.get(*name).unwrap_or(&empty);
        if la == lb {
            same += 1;
            continue;
        }
        if crashed(la) && !crashed(lb) && !lb.is_empty() {
            oracle_crashed += 1;
            continue;
        }
        if expected.contains_key(*name) && !crashed(lb) {
            as_expected += 1;
            continue;
        }
        let d = diff::unified(&la.join("\n"), &lb.join("\n"), "A (Debian)", "B", 2);
        let shown: Vec<&str> = d.lines().take(SHOW_LINES).collect();
        let more = d.lines().count().saturating_sub(SHOW_LINES);
        failures.push(format!(
            "== {name}\n{}{}",
            shown.join("\n"),
            if more > 0 {
                format!("\n   ... {more} more diff lines")
            } else {
                String::new()
            }
        ));
    }
    eprintln!(
        "parser differential (B = {b_so}): {} units, {same} identical, {} differ, \
         {as_expected} of them expected, {oracle_crashed} where Debian crashed and B did not",
        names.len(),
        names.len() - same
    );
    if !failures.is_empty() {
        for f in failures.iter().take(40) {
            eprintln!("{f}");
        }
        panic!(
            "{} units differ from Debian's libosipparser2 (outputs in {} and {})",
            failures.len(),
            a_out.display(),
            b_out.display()
        );
    }
}

#[test]
fn parser_clean_under_valgrind() {
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0") {
        eprintln!("parser valgrind: skipped (OSIP2_VALGRIND=0)");
        return;
    }
    if !common::valgrind() {
        return;
    }
    let b_dir = common::parser_libdir_under_test();
    let forced = std::env::var("OSIP2_PARSER_VALGRIND").is_ok_and(|v| v == "1");
    if b_dir == Path::new(common::DEBIAN_LIBDIR) && !forced {
        eprintln!(
            "parser valgrind: B is Debian's library, skipped (OSIP2_PARSER_VALGRIND=1 runs it)"
        );
        return;
    }
    let _guard = exclusive();
    let out = common::scratch("parser-valgrind");
    run_dump(&b_dir, &out, true);
    let bad: Vec<String> = units(&out)
        .into_iter()
        .filter(|(_, l)| crashed(l) || l.iter().any(|x| x.starts_with("foreign_frees")))
        .map(|(n, l)| {
            let why: Vec<&String> = l
                .iter()
                .filter(|x| x.starts_with("!!! ") || x.starts_with("foreign_frees"))
                .collect();
            format!("{n}: {why:?}")
        })
        .collect();
    eprintln!("parser valgrind: {} units with errors", bad.len());
    assert!(
        bad.is_empty(),
        "memory errors, leaks or crashes under valgrind (logs in {}):\n{}",
        out.display(),
        bad.join("\n")
    );
}
