//! The export surface of our libosipparser2.so against Debian's: the
//! names of crates/osipparser2/exports.list (Debian's 448 functions and 11
//! variables) less those of crates/osipparser2/missing.list, a ratchet that
//! may only shrink as functions land; the SONAME of the drop-in.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn names(file: &str) -> BTreeSet<String> {
    let path = common::manifest_dir().join("crates/osipparser2").join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '[']))
        .map(str::to_string)
        .collect()
}

/// Defined dynamic symbols and their nm type letters.
fn exported(so: &Path) -> BTreeSet<(String, String)> {
    let out = common::run(Command::new("nm").args(["-D", "--defined-only"]).arg(so));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let (_addr, kind, name) = (it.next()?, it.next()?, it.next()?);
            Some((name.to_string(), kind.to_string()))
        })
        .collect()
}

#[test]
fn the_export_list_is_debians_surface() {
    let listed = names("exports.list");
    let debian: BTreeSet<String> =
        exported(Path::new("/usr/lib/x86_64-linux-gnu/libosipparser2.so.15"))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
    assert_eq!(
        listed, debian,
        "exports.list against Debian's libosipparser2"
    );
    assert_eq!(listed.len(), 459);
}

#[test]
fn exported_are_the_listed_less_the_missing() {
    let listed = names("exports.list");
    let missing = names("missing.list");
    for n in &missing {
        assert!(
            listed.contains(n),
            "missing.list names {n}, which exports.list does not"
        );
    }
    let ours: BTreeSet<String> = exported(&common::our_parser_dir().join("libosipparser2.so"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let landed: Vec<&String> = missing.iter().filter(|n| ours.contains(*n)).collect();
    assert!(
        landed.is_empty(),
        "exported now: remove from missing.list: {landed:?}"
    );
    let expected: BTreeSet<String> = listed.difference(&missing).cloned().collect();
    assert_eq!(
        ours, expected,
        "exported symbols against exports.list less missing.list"
    );
    println!(
        "libosipparser2: {} of {} symbols exported",
        ours.len(),
        listed.len()
    );
}

#[test]
fn soname_is_debians() {
    let out = common::run(
        Command::new("objdump")
            .arg("-p")
            .arg(common::our_parser_dir().join("libosipparser2.so")),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("SONAME               libosipparser2.so.15"),
        "{text}"
    );
    assert!(
        !text.contains("NEEDED               libosip2"),
        "the parser must not need libosip2"
    );
}

/// Every exported name is used by a C program that a differential test
/// runs on both libraries (c-tests/parser, whose programs
/// tests/parser_*.rs compare, and c-tests/scenarios): the symbols each
/// program's objects leave to the library (`nm -u`), so that calls made
/// through the programs' macros count too.
#[test]
fn every_export_is_used_by_a_compared_program() {
    let dir = common::scratch("parser-export-use");
    let mut used = BTreeSet::new();
    for sub in ["c-tests/parser", "c-tests/scenarios"] {
        let src = common::manifest_dir().join(sub);
        for entry in std::fs::read_dir(&src).expect("read_dir").flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("c") {
                continue;
            }
            let obj = dir.join(path.file_stem().unwrap()).with_extension("o");
            common::run(
                common::cc()
                    .args(["-std=gnu99", "-w", "-c"])
                    .arg(format!("-I{}", common::our_include().display()))
                    .arg(format!(
                        "-I{}",
                        common::manifest_dir().join("c-tests").display()
                    ))
                    .arg(&path)
                    .arg("-o")
                    .arg(&obj),
            );
            let out = common::run(Command::new("nm").arg("-u").arg(&obj));
            used.extend(
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .filter_map(|l| l.split_whitespace().last().map(str::to_string)),
            );
        }
    }
    let unused: Vec<String> = names("exports.list").difference(&used).cloned().collect();
    assert!(
        unused.is_empty(),
        "exports no compared C program uses: {unused:?}"
    );
}
