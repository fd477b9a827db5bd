//! Speed of the message core against Debian's (a benchmark, ignored by
//! default; run it by hand):
//!
//! ```sh
//! cargo test --release --test parser_bench -- --ignored --nocapture
//! OSIP2_PARSER_LIBDIR=DIR cargo test --release --test parser_bench -- --ignored --nocapture
//! ```
//!
//! `c-tests/parser/bench_message.c` times, in microseconds of process CPU
//! per operation (best of several rounds), `osip_message_parse`, parse +
//! `osip_message_to_str`, `osip_message_to_str` alone and
//! `osip_message_clone` (+ free each time) of a typical INVITE with SDP; the
//! same binary runs with Debian's library and with ours (B:
//! `OSIP2_PARSER_LIBDIR`, else the release build of `crates/osipparser2`).
//! It also counts the blocks each operation allocates through the hooks,
//! and times messages of 1000, 4000 and 16000 headers of one kind, where
//! Debian's list appends make it quadratic.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn bench_exe() -> PathBuf {
    let dir = common::profile_dir().join("parser-harness");
    std::fs::create_dir_all(&dir).expect("create parser-harness dir");
    let exe = dir.join("bench_message");
    let mut cmd = common::cc();
    cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O2"])
        .arg(common::manifest_dir().join("c-tests/parser/bench_message.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-losipparser2");
    common::run(&mut cmd);
    exe
}

fn ours() -> PathBuf {
    match std::env::var_os("OSIP2_PARSER_LIBDIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            common::our_parser_dir();
            common::manifest_dir().join("target/parser/test-lib")
        }
    }
}

fn run(exe: &Path, libdir: &Path, args: &[&str]) -> String {
    let out = common::run(Command::new(exe).args(args).env("LD_LIBRARY_PATH", libdir));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A message of `n` headers made by `line(i)`.
fn big_message(dir: &Path, name: &str, n: usize, line: impl Fn(usize) -> String) -> PathBuf {
    let mut m = String::from(
        "INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n\
         To: <sip:b@h>\r\nCall-ID: c@h\r\nCSeq: 1 INVITE\r\n",
    );
    for i in 0..n {
        m.push_str(&line(i));
    }
    m.push_str("\r\n");
    let path = dir.join(format!("{name}{n}.sip"));
    std::fs::write(&path, m).expect("write message");
    path
}

#[test]
#[ignore = "a benchmark: cargo test --release --test parser_bench -- --ignored --nocapture"]
fn message_core_speed_against_debian() {
    let exe = bench_exe();
    let debian = Path::new(common::DEBIAN_LIBDIR);
    let ours = ours();
    println!("B = {}", ours.display());
    for _ in 0..2 {
        println!("A (Debian) {}", run(&exe, debian, &[]));
        println!("B (ours)   {}", run(&exe, &ours, &[]));
    }
    println!("A (Debian) {}", run(&exe, debian, &["-a"]));
    println!("B (ours)   {}", run(&exe, &ours, &["-a"]));
    let dir = common::scratch("parser-bench");
    for n in [1000, 4000, 16000] {
        let files = [
            big_message(&dir, "unknown", n, |i| format!("X-H{i}: v\r\n")),
            big_message(&dir, "via", n, |i| format!("Via: SIP/2.0/UDP h{i}\r\n")),
        ];
        for f in &files {
            let f = f.to_str().expect("path");
            for phase in ["parse", "clone"] {
                let a = run(&exe, debian, &["-p", phase, "-n", "3", "-r", "3", f]);
                let b = run(&exe, &ours, &["-p", phase, "-n", "3", "-r", "3", f]);
                let field = |s: &str| {
                    s.split_whitespace()
                        .find(|w| w.starts_with(&format!("{phase}_us=")))
                        .unwrap_or("?")
                        .to_string()
                };
                println!(
                    "{:>24} {phase:>5}: A {:>20}  B {:>20}",
                    Path::new(f).file_name().unwrap().to_string_lossy(),
                    field(&a),
                    field(&b)
                );
            }
        }
    }
}
