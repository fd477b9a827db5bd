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
//! `osip_message_clone` (+ free each time) and `osip_message_free` alone, of
//! six messages (INVITE with SDP, 200 with SDP, REGISTER, ACK, BYE and the
//! RFC 4475 "wsinv" torture message), side by side (A/B: how many times
//! faster B is); the same binary runs with Debian's library and with ours (B:
//! `OSIP2_PARSER_LIBDIR`, else the release build of `crates/osipparser2`).
//! It also counts the blocks each operation allocates through the hooks
//! (`m+Nr`: mallocs and reallocs; `Nf`: frees), the heap in use per parsed
//! message (live bytes), B's allocator floor (its allocations replayed
//! straight to libc: what B would take if nothing but the allocator took
//! time), and times messages of 1000, 4000 and 16000 headers of one kind, where
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

/// `key=value` words of a bench line.
fn fields(line: &str) -> std::collections::HashMap<String, String> {
    line.split_whitespace()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
#[ignore = "a benchmark: cargo test --release --test parser_bench -- --ignored --nocapture"]
fn message_core_speed_against_debian() {
    let exe = bench_exe();
    let debian = Path::new(common::DEBIAN_LIBDIR);
    let ours = ours();
    println!("B = {}", ours.display());
    let torture = common::manifest_dir().join("c-tests/torture/rfc4475_3.1.1.1_wsinv.sip");
    let torture = torture.to_str().expect("path").to_string();
    let kinds: [(&str, Vec<&str>); 6] = [
        ("invite", vec!["-k", "invite"]),
        ("200 ok", vec!["-k", "ok"]),
        ("register", vec!["-k", "register"]),
        ("ack", vec!["-k", "ack"]),
        ("bye", vec!["-k", "bye"]),
        ("torture", vec![torture.as_str()]),
    ];
    println!(
        "{:>9} {:>12} {:>9} {:>9} {:>6} {:>9}  {:>9} {:>9}",
        "message", "operation", "A us", "B us", "A/B", "B floor", "A allocs", "B allocs"
    );
    for (name, args) in &kinds {
        let timed = |lib: &Path| {
            let mut a = args.clone();
            a.extend(["-n", "20000"]);
            fields(&run(&exe, lib, &a))
        };
        let counted = |lib: &Path| {
            let mut a = args.clone();
            a.push("-a");
            fields(&run(&exe, lib, &a))
        };
        // Twice each, interleaved; the best of both.
        let (a1, b1, a2, b2) = (timed(debian), timed(&ours), timed(debian), timed(&ours));
        let (ac, bc) = (counted(debian), counted(&ours));
        // B's allocator floor: its mallocs and frees replayed, nothing else.
        let floor = {
            let mut a = args.clone();
            a.extend(["-f", "-n", "20000"]);
            fields(&run(&exe, &ours, &a))
        };
        let best = |x: &std::collections::HashMap<String, String>,
                    y: &std::collections::HashMap<String, String>,
                    k: &str| {
            let v = |m: &std::collections::HashMap<String, String>| {
                m.get(k)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(f64::NAN)
            };
            v(x).min(v(y))
        };
        for op in ["parse", "parse_to_str", "to_str", "clone", "free"] {
            let key = format!("{op}_us");
            let (a, b) = (best(&a1, &a2, &key), best(&b1, &b2, &key));
            let allocs = |m: &std::collections::HashMap<String, String>| {
                let get = |k: String| m.get(&k).cloned().unwrap_or_else(|| "?".into());
                if op == "free" {
                    format!("{}f", get("free_frees".into()))
                } else {
                    format!(
                        "{}+{}r",
                        get(format!("{op}_mallocs")),
                        get(format!("{op}_reallocs"))
                    )
                }
            };
            let floor = floor
                .get(&format!("{op}_floor_us"))
                .map_or("?", |v| v.as_str());
            println!(
                "{name:>9} {op:>12} {a:>9.3} {b:>9.3} {:>6.2} {floor:>9}  {:>9} {:>9}",
                a / b,
                allocs(&ac),
                allocs(&bc)
            );
        }
        println!(
            "{name:>9} {:>12} {:>9} {:>9}",
            "live bytes",
            ac.get("live_bytes").map_or("?", |v| v.as_str()),
            bc.get("live_bytes").map_or("?", |v| v.as_str())
        );
    }
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
