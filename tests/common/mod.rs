//! Shared helpers of the integration tests: where the built library is, how
//! to compile C against either header set, scratch directories, the tools a
//! test needs ([`tool`], [`libclang`]); [`sip`] for the tests that call the
//! entry points in-process.
#![allow(dead_code)] // each test binary uses its own subset

pub mod sip;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Debian's libosip2 5.3.0, the reference implementation.
pub const DEBIAN_LIBDIR: &str = "/usr/lib/x86_64-linux-gnu";
pub const DEBIAN_SO: &str = "/usr/lib/x86_64-linux-gnu/libosip2.so";
/// The six public headers, in an order where each only needs earlier ones.
pub const HEADERS: &[&str] = &[
    "osip_time.h",
    "osip_mt.h",
    "osip_condv.h",
    "osip_fifo.h",
    "osip.h",
    "osip_dialog.h",
];

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where C programs find our headers (`-I` this to get `<osip2/...>` and
/// `<osipparser2/...>`): `include/`.
pub fn our_include() -> PathBuf {
    our_parser_include()
}

/// All our generated headers, libosipparser2's included (`-I` this).
pub fn our_parser_include() -> PathBuf {
    manifest_dir().join("include")
}

/// Debian's libosipparser2 headers.
pub const DEBIAN_PARSER_INCLUDE: &str = "/usr/include/osipparser2";

/// The names of a list file of crates/osipparser2 (one per line, `#`
/// comments and `[section]` lines skipped).
pub fn parser_list(file: &str) -> std::collections::BTreeSet<String> {
    let path = manifest_dir().join("crates/osipparser2").join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '[']))
        .map(str::to_string)
        .collect()
}

/// The libosipparser2 symbols not implemented yet: a ratchet that only
/// shrinks (tests/parser_exports.rs).
pub fn parser_missing() -> std::collections::BTreeSet<String> {
    parser_list("missing.list")
}

/// The parser headers, as `osipparser2/...` paths, under `dir` (the
/// directory holding `osipparser2/`).
pub fn parser_headers(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["osipparser2", "osipparser2/headers"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".h") {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// bindgen's view of every libosipparser2 header, Debian's (`ours ==
/// false`) or ours: only what the headers declare (no system types), with
/// layout tests.
pub fn bindgen_parser_text(ours: bool) -> String {
    let mut b = bindgen::Builder::default()
        .header_contents(
            "wrapper.h",
            "#include <osipparser2/osip_parser.h>\n#include <osipparser2/sdp_message.h>\n#include <osipparser2/osip_md5.h>\n",
        )
        .allowlist_file(".*/osipparser2/.*")
        .allowlist_recursively(false)
        .prepend_enum_name(false)
        .layout_tests(true)
        .generate_comments(false);
    if ours {
        b = b.clang_arg(format!("-I{}", our_parser_include().display()));
    }
    b.generate()
        .unwrap_or_else(|e| {
            panic!(
                "bindgen on the {} parser headers: {e}",
                if ours { "our" } else { "Debian" }
            )
        })
        .to_string()
}

/// `target/<profile>` of the running test binary (it lives in its `deps/`).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent()
        .and_then(Path::parent)
        .expect("test binary sits in target/<profile>/deps")
        .to_path_buf()
}

/// The target directory the library under test is built into, apart from
/// the one `cargo test` uses: `cargo test` builds the library with the test
/// profile's unwinding (whatever `panic` says in `[profile.release]`), and
/// the C-level tests must load what users get from `cargo build --release`.
fn shipped_target_dir() -> PathBuf {
    manifest_dir().join("target").join("shipped")
}

/// Builds the library with exactly `cargo build --release` (plus `features`)
/// into `target_dir`, once per test process; cargo's lock on that directory
/// orders test processes running at once. Flags the outer `cargo test` may
/// carry (`RUSTFLAGS` of a sanitizer run, a target dir) are not passed on.
fn cargo_build_release(target_dir: &Path, features: &[&str]) -> PathBuf {
    cargo_build(target_dir, &[], features)
}

/// `cargo build --release` with `args` (a package) and `features`.
fn cargo_build(target_dir: &Path, args: &[&str], features: &[&str]) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(manifest_dir())
        .args(["build", "--release", "--target-dir"])
        .arg(target_dir)
        .args(args);
    if !features.is_empty() {
        cmd.arg("--features").arg(features.join(","));
    }
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_RUSTFLAGS",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd.output().expect("run cargo build --release");
    assert!(
        out.status.success(),
        "cargo build --release failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target_dir.join("release")
}

/// The build mark `src/boundary.rs` puts in the library: profile, panic
/// strategy and features.
pub fn build_mark(lib: &Path) -> String {
    let bytes = std::fs::read(lib).unwrap_or_else(|e| panic!("read {}: {e}", lib.display()));
    let tag = b"osip2-rs build: ";
    let at = bytes
        .windows(tag.len())
        .position(|w| w == tag)
        .unwrap_or_else(|| panic!("{} carries no osip2-rs build mark", lib.display()));
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b';')
        .expect("mark ends with ;");
    String::from_utf8_lossy(&bytes[at..at + end]).into_owned()
}

/// What the mark of the shipped library says.
pub const SHIPPED_MARK: &str = "osip2-rs build: profile=release panic=abort features=";

/// Panics unless `lib` was built as `cargo build --release` builds it.
pub fn assert_shipped(lib: &Path) {
    assert_eq!(
        build_mark(lib),
        SHIPPED_MARK,
        "{} was not built by `cargo build --release`: the C-level tests only test the shipped library",
        lib.display()
    );
}

/// The directory holding the shipped libraries (`libosip2.so`,
/// `libosip2.a`, `libosipparser2.so`, `libosipparser2.a`), built by
/// `cargo build --release` into `target/shipped` and checked by their marks.
pub fn shipped_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = cargo_build_release(&shipped_target_dir(), &[]);
        for lib in [
            "libosip2.so",
            "libosip2.a",
            "libosipparser2.so",
            "libosipparser2.a",
        ] {
            assert_shipped(&dir.join(lib));
        }
        dir
    })
    .clone()
}

/// The directory of our shipped libosipparser2 (see [`shipped_dir`]).
pub fn our_parser_dir() -> PathBuf {
    shipped_dir()
}

/// The shipped `libosip2.so` (see [`shipped_dir`]).
pub fn our_so() -> PathBuf {
    shipped_dir().join("libosip2.so")
}

/// The library built with the `fault-injection` feature (never shipped):
/// panics where `OSIP2RS_PANIC_AT` says. A directory that also holds the
/// SONAME link.
pub fn fault_injection_lib_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = cargo_build_release(
            &manifest_dir().join("target").join("fault"),
            &["fault-injection"],
        );
        soname_links(&dir.join("libosip2.so"), &dir.join("test-lib"))
    })
    .clone()
}

/// `dir` with `libosip2.so` and `libosip2.so.15` pointing at `so`.
fn soname_links(so: &Path, dir: &Path) -> PathBuf {
    links(dir, &[("libosip2.so", so), ("libosip2.so.15", so)])
}

/// `dir` with each `(name, target)` symlink.
fn links(dir: &Path, names: &[(&str, &Path)]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("create lib dir");
    for &(name, so) in names {
        let link = dir.join(name);
        if std::fs::read_link(&link).ok().as_deref() != Some(so) {
            // Several test binaries may race here; whoever wins made the same link.
            let tmp = dir.join(format!("{name}.{}", std::process::id()));
            let _ = std::fs::remove_file(&tmp);
            std::os::unix::fs::symlink(so, &tmp).expect("symlink");
            std::fs::rename(&tmp, &link).expect("rename symlink");
        }
    }
    dir.to_path_buf()
}

/// A directory where our shipped libosip2 is also reachable by its SONAME:
/// programs linked with `-losip2` ask the loader for `libosip2.so.15`, and
/// without this link it would find Debian's in the system directories.
/// `-losipparser2` stays Debian's: our libosip2 on Debian's parser.
pub fn our_lib_dir() -> PathBuf {
    soname_links(&our_so(), &shipped_target_dir().join("test-lib"))
}

/// As [`our_lib_dir`] with our libosipparser2 too: the pair of our two
/// libraries.
pub fn our_pair_dir() -> PathBuf {
    let (osip, parser) = (our_so(), our_parser_dir().join("libosipparser2.so"));
    links(
        &shipped_target_dir().join("test-pair"),
        &[
            ("libosip2.so", &osip),
            ("libosip2.so.15", &osip),
            ("libosipparser2.so", &parser),
            ("libosipparser2.so.15", &parser),
        ],
    )
}

/// Whether this run is CI's (`CI` set, as `.ci/run` runs): there a test
/// whose prerequisite is missing fails instead of being skipped.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false")
}

/// A prerequisite of a test is missing: fails in CI, and says so loudly
/// elsewhere (the test then returns without checking anything).
pub fn missing(what: &str) {
    assert!(!in_ci(), "missing in CI: {what}");
    eprintln!("\n*** SKIPPED, missing: {what} ***\n");
}

/// Whether the program a test needs can be run (`probe` is an argument it
/// answers quickly, `--version` or so); if not, [`missing`] names it with
/// the Debian package that has it (`bash .ci/test` installs them as root).
pub fn tool(program: &str, probe: &str, package: &str) -> bool {
    let runs = Command::new(program)
        .arg(probe)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !runs {
        missing(&format!("{program} (Debian package {package})"));
    }
    runs
}

/// `valgrind`, see [`tool`].
pub fn valgrind() -> bool {
    tool("valgrind", "--version", "valgrind")
}

/// Whether bindgen can load libclang; if not, [`missing`] says so.
pub fn libclang() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    // bindgen panics when it cannot load libclang.
    let found = *FOUND.get_or_init(|| std::panic::catch_unwind(bindgen::clang_version).is_ok());
    if !found {
        missing("libclang, which bindgen loads (Debian package libclang-dev)");
    }
    found
}

/// A fresh scratch directory under the target dir, unique per test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = profile_dir()
        .join("test-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Runs a command, panicking with its output if it fails.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The C compiler: `$CC` or `cc`.
pub fn cc() -> Command {
    Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
}

/// The C++ compiler: `$CXX` or `c++`.
pub fn cxx() -> Command {
    Command::new(std::env::var("CXX").unwrap_or_else(|_| "c++".into()))
}

/// Which implementation a C program is compiled against or runs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Debian's libosip2 and libosipparser2.
    Debian,
    /// Our libosip2 on Debian's libosipparser2.
    Ours,
    /// Our libosip2 and our libosipparser2.
    Pair,
}

impl Side {
    /// The directory a program of this side loads its libraries from
    /// (`None`: the system's).
    pub fn lib_dir(self) -> Option<PathBuf> {
        match self {
            Side::Debian => None,
            Side::Ours => Some(our_lib_dir()),
            Side::Pair => Some(our_pair_dir()),
        }
    }
}

/// Compiles `sources` into the executable `out` with the headers of
/// `headers`, linked with `-losip2`. Linking against our library also
/// records an rpath to it.
pub fn build_c(headers: Side, link: Side, sources: &[PathBuf], out: &Path) {
    let mut cmd = cc();
    cmd.args([
        "-std=c99",
        "-Wall",
        "-Wextra",
        "-pedantic",
        "-Werror",
        "-O1",
    ]);
    if headers != Side::Debian {
        cmd.arg(format!("-I{}", our_include().display()));
    }
    if let Some(dir) = link.lib_dir() {
        cmd.arg(format!("-L{}", dir.display()))
            .arg(format!("-Wl,-rpath,{}", dir.display()));
    }
    cmd.args(sources).arg("-o").arg(out);
    cmd.args(["-losip2", "-losipparser2", "-lpthread"]);
    run(&mut cmd);
}

/// Runs a program with the libosip2 of `lib` and returns its stdout. Ours
/// is forced with `LD_LIBRARY_PATH` (it wins over a program's RUNPATH and
/// the system directories); for Debian's it is cleared. Checks with `ldd`
/// that the intended library is the one loaded.
pub fn run_c(exe: &Path, lib: Side) -> String {
    let with_env = |mut cmd: Command| {
        match lib.lib_dir() {
            Some(dir) => cmd.env("LD_LIBRARY_PATH", dir),
            None => cmd.env_remove("LD_LIBRARY_PATH"),
        };
        cmd
    };
    let mut ldd = with_env(Command::new("ldd"));
    let out = run(ldd.arg(exe));
    let ldd = String::from_utf8_lossy(&out.stdout);
    let loaded = |name: &str| {
        ldd.lines()
            .find(|l| l.trim_start().starts_with(name))
            .map(|l| l.trim().to_string())
            .unwrap_or_default()
    };
    let debian = DEBIAN_LIBDIR.trim_start_matches("/usr").to_string();
    let ours = |side: Side| side.lib_dir().map(|d| d.display().to_string());
    let parser_side = if lib == Side::Pair {
        Side::Pair
    } else {
        Side::Debian
    };
    for (name, side) in [("libosip2.so", lib), ("libosipparser2.so", parser_side)] {
        let (found, expected) = (loaded(name), ours(side).unwrap_or_else(|| debian.clone()));
        assert!(
            found.contains(&expected),
            "{} loads {found:?}, expected {side:?}'s {name}",
            exe.display()
        );
    }
    let out = run(&mut with_env(Command::new(exe)));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// bindgen's view of the public API: the six headers of Debian (`ours ==
/// false`) or ours, with the parser headers they include from the system.
pub fn bindgen_text(ours: bool) -> String {
    let mut b = bindgen::Builder::default()
        // Upstream's osip.h relies on <sys/time.h> having been included first.
        .header_contents(
            "wrapper.h",
            "#include <sys/time.h>\n#include <osip2/osip.h>\n#include <osip2/osip_dialog.h>\n#include <osip2/osip_condv.h>\n",
        )
        .allowlist_file(".*/osip2/.*")
        // Read by our Rust code but reached from no osip2 declaration.
        .allowlist_type("osip_uri_param")
        .prepend_enum_name(false)
        .layout_tests(true)
        .generate_comments(false);
    if ours {
        b = b.clang_arg(format!("-I{}", our_include().display()));
    }
    b.generate()
        .unwrap_or_else(|e| {
            panic!(
                "bindgen on the {} headers: {e}",
                if ours { "our" } else { "Debian" }
            )
        })
        .to_string()
}

/// Declared by the 5.3.0 headers but not exported by Debian's library:
/// `osip_find_transaction` (declared only under `OSIP_MONOTHREAD`) and two
/// dialog functions upstream never wrote. A program calling them fails to
/// link against Debian's library; against ours it works.
pub const BEYOND_DEBIAN: &[&str] = &[
    "osip_dialog_is_callee",
    "osip_dialog_is_originator",
    "osip_find_transaction",
];

/// Public functions not implemented yet. `tests/exports.rs` fails when one
/// outside this list is missing and when one in it is exported: remove
/// names as they land, so that this list only ever shrinks.
pub const STILL_MISSING: &[&str] = &[];

/// A directory holding only our libosipparser2 under its names: a program
/// run with it first on the library path uses Debian's libosip2 on our
/// parser, the pairing users get by replacing only the parser.
pub fn our_parser_only_dir() -> PathBuf {
    let parser = our_parser_dir().join("libosipparser2.so");
    links(
        &shipped_target_dir().join("test-parser"),
        &[
            ("libosipparser2.so", &parser),
            ("libosipparser2.so.15", &parser),
        ],
    )
}

/// The libosipparser2 that the parser tests compare with Debian's: ours
/// (the shipped build), or the directory in `$OSIP2_PARSER_LIBDIR` (it
/// must hold a `libosipparser2.so.15`; Debian's own directory checks the
/// harness itself).
pub fn parser_libdir_under_test() -> PathBuf {
    match std::env::var_os("OSIP2_PARSER_LIBDIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => our_pair_dir(),
    }
}
