//! The parser differential target's two halves (fuzz_targets/parser_diff.rs):
//! the dump of c-tests/parser as a static library, linked with our
//! libosipparser2 into the target, and the same dump as a program on
//! Debian's libosipparser2 (the oracle), which the target runs beside it.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../c-tests/parser");
    let sources = ["dump.c", "dump_show.c", "dump_util.c"].map(|f| dir.join(f));
    for s in &sources {
        println!("cargo:rerun-if-changed={}", s.display());
    }
    println!("cargo:rerun-if-changed={}", dir.join("dump.h").display());

    // Only dump_setup and dump_unit are called; the program's own driver
    // functions stay unused in the library build.
    cc::Build::new()
        .files(&sources)
        .define("DUMP_NO_MAIN", None)
        .flag("-std=c99")
        .flag("-Wno-unused-function")
        .flag("-Wno-unused-variable")
        .compile("parserdump");

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let oracle = out.join("parser-dump-oracle");
    let status = Command::new(env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-std=c99", "-O1", "-g", "-o"])
        .arg(&oracle)
        .args(&sources)
        .arg("-losipparser2")
        .status()
        .expect("run cc");
    assert!(status.success(), "building the oracle dump failed");
    println!("cargo:rustc-env=PARSER_DUMP_ORACLE={}", oracle.display());
}
