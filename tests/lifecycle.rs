//! What happens to a program when the library itself fails: a panic inside
//! an entry point aborts the process with a message naming the function the
//! program called (src/boundary.rs), whatever error code the function could
//! have returned.

mod common;

use common::Side;
use std::process::Command;

#[test]
fn a_panic_inside_an_entry_point_aborts_naming_it() {
    let dir = common::scratch("fault");
    let exe = dir.join("fault");
    let src = common::manifest_dir().join("c-tests/lifecycle/fault.c");
    common::build_c(Side::Ours, Side::Debian, &[src], &exe);
    let libdir = common::fault_injection_lib_dir();
    assert_eq!(
        common::build_mark(&libdir.join("libosip2.so")),
        "osip2-rs build: profile=release panic=abort features=fault_injection"
    );
    let run = |panic_at: &str| {
        Command::new(&exe)
            .env("LD_LIBRARY_PATH", &libdir)
            .env("OSIP2RS_PANIC_AT", panic_at)
            .output()
            .expect("run fault")
    };

    let out = run("engine-add");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGABRT),
        "{stdout}\n{stderr}"
    );
    assert_eq!(stdout, "creating\n", "nothing after the panic");
    assert!(
        stderr.starts_with("osip2-rs: internal error in osip_transaction_init() "),
        "{stderr}"
    );
    assert!(
        stderr.contains("fault injected at engine-add at src/ffi/lists.rs:"),
        "{stderr}"
    );

    // The same build without the fault: the program runs to its end.
    let out = run("");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "creating\nosip_transaction_init returned 0\n"
    );
}

/// The transaction pool is on under valgrind and tells it what it does
/// (client requests): a read of a freed transaction is an invalid read and
/// a transaction never freed is a leak, as they are with Debian's library.
#[test]
fn valgrind_sees_the_transaction_pool() {
    if !common::valgrind() {
        return;
    }
    let dir = common::scratch("use-after-free");
    let src = common::manifest_dir().join("c-tests/lifecycle/use_after_free.c");
    for side in [Side::Debian, Side::Ours, Side::Pair] {
        let exe = dir.join(format!("uaf-{side:?}"));
        common::build_c(side, side, std::slice::from_ref(&src), &exe);
        let valgrind = |arg: &str| {
            let mut cmd = Command::new("valgrind");
            cmd.args(["--error-exitcode=99", "--leak-check=full"])
                .arg(&exe);
            if !arg.is_empty() {
                cmd.arg(arg);
            }
            match side.lib_dir() {
                Some(dir) => cmd.env("LD_LIBRARY_PATH", dir),
                None => cmd.env_remove("LD_LIBRARY_PATH"),
            };
            let out = cmd.output().expect("run valgrind");
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        let (code, stderr) = valgrind("");
        assert_eq!(code, Some(99), "{side:?}: {stderr}");
        assert!(
            stderr.contains("Invalid read of size 4"),
            "{side:?}: {stderr}"
        );
        assert!(stderr.contains(": main ("), "{side:?}: {stderr}");
        assert!(
            stderr.contains("osip_transaction_free"),
            "{side:?}: freed where: {stderr}"
        );
        let (code, stderr) = valgrind("leak");
        assert_eq!(code, Some(99), "{side:?}: {stderr}");
        assert!(stderr.contains("lost in loss record"), "{side:?}: {stderr}");
        assert!(
            stderr.contains("osip_transaction_init"),
            "{side:?}: allocated where: {stderr}"
        );
    }
}
