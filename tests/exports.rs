//! The export surface of our `libosip2.so` against Debian's 5.3.0: which
//! public functions exist yet (a ratchet over `common::STILL_MISSING`), no
//! stray global symbols, the right SONAME and dependencies.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// Every function the six Debian headers declare, `OSIP_MONOTHREAD` ones included.
fn declared() -> BTreeSet<String> {
    let mut names = fn_names(&common::bindgen_text(false));
    // Upstream declares it only under OSIP_MONOTHREAD, which bindgen does not see.
    let osip_h = std::fs::read_to_string("/usr/include/osip2/osip.h").expect("Debian osip.h");
    assert!(osip_h.contains("osip_find_transaction(osip_t *osip, osip_event_t *evt)"));
    names.insert("osip_find_transaction".to_string());
    names
}

fn fn_names(bindgen_text: &str) -> BTreeSet<String> {
    bindgen_text
        .split("pub fn ")
        .skip(1)
        .map(|rest| rest.split('(').next().unwrap_or("").trim().to_string())
        .collect()
}

/// Defined dynamic symbols of a shared library, with their `nm` type letter.
fn exported(so: &Path) -> BTreeMap<String, String> {
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
fn export_surface_ratchet() {
    if !common::libclang() {
        return;
    }
    let declared = declared();
    assert_eq!(
        declared.len(),
        101,
        "functions declared by Debian's headers"
    );
    let ours = exported(&common::our_so());
    let debian = exported(Path::new(common::DEBIAN_SO));

    for name in common::BEYOND_DEBIAN {
        assert!(declared.contains(*name), "{name} is not declared upstream");
        assert!(!debian.contains_key(*name), "Debian exports {name}");
    }
    let wanted: BTreeSet<&String> = declared.iter().collect();
    for name in &wanted {
        assert!(
            debian.contains_key(*name) || common::BEYOND_DEBIAN.contains(&name.as_str()),
            "Debian does not export {name}"
        );
    }
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|n| !ours.contains_key(**n))
        .map(|n| n.as_str())
        .collect();
    println!(
        "declared {}, exported {}, missing: {}",
        declared.len(),
        wanted.len() - missing.len(),
        if missing.is_empty() {
            "none".to_string()
        } else {
            missing.join(" ")
        }
    );

    let unexpected: Vec<&&str> = missing
        .iter()
        .filter(|n| !common::STILL_MISSING.contains(*n))
        .collect();
    assert!(
        unexpected.is_empty(),
        "no longer exported (regression): {unexpected:?}"
    );
    let landed: Vec<&&str> = common::STILL_MISSING
        .iter()
        .filter(|n| ours.contains_key(**n))
        .collect();
    assert!(
        landed.is_empty(),
        "now exported: remove from STILL_MISSING in tests/common/mod.rs: {landed:?}"
    );
    for name in common::STILL_MISSING {
        assert!(wanted.contains(&name.to_string()), "{name} is not public");
    }
}

/// Everything we export is exported by Debian's library too (its public
/// functions and the internal names of spec section 1.2, which programs and
/// eXosip2 may link to), or declared by its headers (`BEYOND_DEBIAN`). No
/// Rust symbols, no libc re-exports.
#[test]
fn no_unexpected_global_symbols() {
    if !common::libclang() {
        return;
    }
    let ours = exported(&common::our_so());
    let debian = exported(Path::new(common::DEBIAN_SO));
    let stray: Vec<String> = ours
        .iter()
        .filter(|(name, _)| {
            !debian.contains_key(*name) && !common::BEYOND_DEBIAN.contains(&name.as_str())
        })
        .map(|(name, kind)| format!("{kind} {name}"))
        .collect();
    assert!(stray.is_empty(), "exported by us only: {stray:?}");
    // Same kind of symbol (T for functions, D for the FSM tables).
    let changed: Vec<String> = ours
        .iter()
        .filter(|(name, kind)| debian.contains_key(*name) && debian.get(*name) != Some(*kind))
        .map(|(name, kind)| format!("{name}: ours {kind}, Debian {:?}", debian.get(name)))
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
    let declared = declared();
    let internal = debian
        .keys()
        .filter(|n| !ours.contains_key(*n) && !declared.contains(*n))
        .count();
    println!("internal symbols of Debian's library not exported yet: {internal}");
}

/// `src/exports.list` is the surface: the library exports exactly its
/// names, the `[public]` ones are the functions Debian's headers declare and
/// the `[internal]` ones are exported by Debian's library but not declared.
#[test]
fn the_export_list_is_the_surface() {
    if !common::libclang() {
        return;
    }
    let text = std::fs::read_to_string(common::manifest_dir().join("src/exports.list"))
        .expect("src/exports.list");
    let mut section = "";
    let mut public = BTreeSet::new();
    let mut internal = BTreeSet::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match line {
            "[public]" | "[internal]" => section = line,
            name if section == "[public]" => {
                assert!(public.insert(name.to_string()), "{name} twice")
            }
            name if section == "[internal]" => {
                assert!(internal.insert(name.to_string()), "{name} twice")
            }
            name => panic!("{name} outside a section"),
        }
    }
    assert_eq!(
        public,
        declared(),
        "[public] against the functions Debian's headers declare"
    );
    let debian = exported(Path::new(common::DEBIAN_SO));
    for name in &internal {
        assert!(
            debian.contains_key(name),
            "[internal] {name} is not exported by Debian's library"
        );
        assert!(!public.contains(name), "{name} is in both sections");
    }
    let listed: BTreeSet<String> = public.union(&internal).cloned().collect();
    let ours: BTreeSet<String> = exported(&common::our_so()).into_keys().collect();
    assert_eq!(ours, listed, "exported symbols against src/exports.list");
}

/// Every public function we export is declared in our headers (which the
/// header table, xtask/headers.toml, could fail to do).
#[test]
fn exported_public_functions_are_in_our_headers() {
    if !common::libclang() {
        return;
    }
    let ours = exported(&common::our_so());
    let mut in_headers = fn_names(&common::bindgen_text(true));
    // Declared, like upstream, only under OSIP_MONOTHREAD.
    let osip_h = std::fs::read_to_string("include/osip2/osip.h").expect("our osip.h");
    if osip_h.contains("osip_find_transaction(osip_t *osip, osip_event_t *evt)") {
        in_headers.insert("osip_find_transaction".to_string());
    }
    let declared = declared();
    let undeclared: Vec<&String> = declared
        .iter()
        .filter(|n| ours.contains_key(*n) && !in_headers.contains(*n))
        .collect();
    assert!(
        undeclared.is_empty(),
        "exported but missing from include/osip2: {undeclared:?}"
    );
}

/// Programs linked against Debian's library find ours by the same SONAME,
/// and ours loads the same system parser library.
#[test]
fn soname_and_needed() {
    let out = common::run(Command::new("objdump").arg("-p").arg(common::our_so()));
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                (it.next() == Some(name)).then(|| it.next().unwrap_or("").to_string())
            })
            .collect()
    };
    assert_eq!(field("SONAME"), ["libosip2.so.15"]);
    assert!(
        field("NEEDED").iter().any(|n| n == "libosipparser2.so.15"),
        "NEEDED: {:?}",
        field("NEEDED")
    );
}

/// `pkg-config` flags for `libosip2` with `PKG_CONFIG_PATH=dir`.
fn pkg_config(dir: &Path, args: &[&str]) -> Vec<String> {
    pkg_config_of(dir, "libosip2", args)
}

/// `pkg-config` flags for `package` with `PKG_CONFIG_PATH=dir`.
fn pkg_config_of(dir: &Path, package: &str, args: &[&str]) -> Vec<String> {
    let out = common::run(
        Command::new("pkg-config")
            .env("PKG_CONFIG_PATH", dir)
            .args(args)
            .arg(package),
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Builds `c-tests/utility/hello.c` with pkg-config's flags and runs it with
/// `env`, checking that it loaded the libosip2 in `expect_dir`.
fn build_and_run_hello(pc_dir: &Path, exe: &Path, env: &[(&str, &Path)], expect_dir: &Path) {
    let flags = pkg_config(pc_dir, &["--cflags", "--libs"]);
    let src = common::manifest_dir().join("c-tests/utility/hello.c");
    common::run(common::cc().arg(&src).arg("-o").arg(exe).args(&flags));
    let mut ldd = Command::new("ldd");
    let mut prog = Command::new(exe);
    for cmd in [&mut ldd, &mut prog] {
        cmd.env_remove("LD_LIBRARY_PATH");
        for (k, v) in env {
            cmd.env(k, v);
        }
    }
    let loaded = String::from_utf8_lossy(&common::run(ldd.arg(exe)).stdout).to_string();
    let expect = expect_dir.canonicalize().expect("library dir");
    // Both of our libraries, not Debian's libosipparser2.
    for name in ["libosip2.so", "libosipparser2.so"] {
        let line = loaded
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default();
        let got = line.split("=> ").nth(1).and_then(|r| r.split(" (").next());
        let got = got.map(|p| Path::new(p).parent().unwrap().canonicalize().unwrap());
        assert_eq!(got.as_deref(), Some(expect.as_path()), "ldd: {line}");
    }
    let out = common::run(&mut prog);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello from libosip2: 42\n"
    );
}

/// `scripts/install.sh PREFIX` lays out the library like Debian's package and
/// a program builds against it with pkg-config alone.
#[test]
fn install_script_and_pkg_config() {
    if !common::tool("pkg-config", "--version", "pkg-config") {
        return;
    }
    let dir = common::scratch("install");
    let build_dir = common::our_so().parent().unwrap().to_path_buf();
    let prefix = dir.join("prefix");
    let script = common::manifest_dir().join("scripts/install.sh");
    common::run(
        Command::new("bash")
            .arg(&script)
            .arg(&prefix)
            .env("OSIP2_BUILD_DIR", &build_dir)
            .env_remove("DESTDIR"),
    );
    let lib = prefix.join("lib");
    for name in ["libosip2", "libosipparser2"] {
        let real = format!("{name}.so.15.0.0");
        for link in [format!("{name}.so.15"), format!("{name}.so")] {
            assert_eq!(
                std::fs::read_link(lib.join(link)).unwrap(),
                Path::new(&real)
            );
        }
        assert!(lib.join(format!("{name}.a")).is_file());
    }
    let mut headers: Vec<String> = common::HEADERS
        .iter()
        .map(|h| format!("osip2/{h}"))
        .collect();
    headers.extend(common::parser_headers(&common::our_include()));
    assert!(headers.len() > 40, "{headers:?}");
    for h in headers {
        let installed = std::fs::read(prefix.join("include").join(&h)).unwrap();
        let ours = std::fs::read(common::our_include().join(&h)).unwrap();
        assert!(installed == ours, "{h} differs from include/{h}");
    }
    let pc = lib.join("pkgconfig");
    let (inc, libdir) = (
        format!("-I{}", prefix.join("include").display()),
        format!("-L{}", lib.display()),
    );
    assert_eq!(
        pkg_config(&pc, &["--cflags", "--libs"]),
        [&inc, &libdir, "-losip2", "-losipparser2"]
    );
    assert_eq!(
        pkg_config_of(&pc, "libosipparser2", &["--cflags", "--libs"]),
        [&inc, &libdir, "-losipparser2"]
    );
    build_and_run_hello(
        &pc,
        &dir.join("hello"),
        &[("LD_LIBRARY_PATH", lib.as_path())],
        &lib,
    );

    // Staged install: files under DESTDIR, paths in the .pc without it.
    let stage = dir.join("stage");
    common::run(
        Command::new("bash")
            .arg(&script)
            .arg("/opt/osip2-rs")
            .env("OSIP2_BUILD_DIR", &build_dir)
            .env("DESTDIR", &stage),
    );
    let staged_pc = stage.join("opt/osip2-rs/lib/pkgconfig");
    assert!(stage.join("opt/osip2-rs/lib/libosip2.so.15.0.0").is_file());
    assert!(stage
        .join("opt/osip2-rs/lib/libosipparser2.so.15.0.0")
        .is_file());
    assert!(stage.join("opt/osip2-rs/include/osip2/osip.h").is_file());
    assert!(stage
        .join("opt/osip2-rs/include/osipparser2/headers/osip_via.h")
        .is_file());
    assert_eq!(
        pkg_config(&staged_pc, &["--variable=prefix"]),
        ["/opt/osip2-rs"]
    );
}

/// `pkgconfig/libosip2.pc` points into the build tree (our headers, the
/// release library with an rpath to it).
#[test]
fn build_tree_pkg_config() {
    if !common::tool("pkg-config", "--version", "pkg-config") {
        return;
    }
    let root = common::manifest_dir();
    let pc = root.join("pkgconfig");
    let flags = pkg_config(&pc, &["--cflags", "--libs"]);
    // `${pcfiledir}/..` is left as is by pkg-config: resolve the dots.
    let path_of = |flag: &str| -> Option<PathBuf> {
        let raw = flags.iter().find_map(|f| f.strip_prefix(flag))?;
        let mut resolved = PathBuf::new();
        for c in Path::new(raw).components() {
            match c {
                Component::ParentDir => {
                    resolved.pop();
                }
                other => resolved.push(other),
            }
        }
        Some(resolved)
    };
    assert_eq!(path_of("-I"), Some(root.join("include")));
    assert_eq!(path_of("-L"), Some(root.join("target/release")));
    assert!(flags.ends_with(&["-losip2".to_string(), "-losipparser2".to_string()]));
    // The .pc points at what `cargo build --release` leaves in
    // target/release (.ci/test builds it before the tests).
    let release = root.join("target/release");
    if !release.join("libosip2.so").exists() {
        common::missing("target/release/libosip2.so (run `cargo build --release` first)");
        return;
    }
    // Programs ask the loader for the SONAMEs, which cargo does not make:
    // the README's step for using the build tree.
    for name in ["libosip2", "libosipparser2"] {
        let so = format!("{name}.so");
        common::assert_shipped(&release.join(&so));
        let link = release.join(format!("{name}.so.15"));
        if std::fs::read_link(&link).ok().as_deref() != Some(Path::new(&so)) {
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&so, &link).expect("link the SONAME");
        }
    }
    let parser_flags = pkg_config_of(&pc, "libosipparser2", &["--libs"]);
    assert_eq!(
        parser_flags.last().map(String::as_str),
        Some("-losipparser2")
    );
    let dir = common::scratch("build-tree-pc");
    build_and_run_hello(&pc, &dir.join("hello"), &[], &release);
}

/// Every declared function is called by at least one test: a C scenario or
/// program under c-tests/ (the compile-only header and layout probes do not
/// count) or a Rust test. A function nobody calls could be a stub.
#[test]
fn every_public_function_is_exercised() {
    if !common::libclang() {
        return;
    }
    fn sources(dir: &Path, ext: &str, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let p = entry.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() {
                if !matches!(name, "headers" | "probe" | "common") {
                    sources(&p, ext, out);
                }
            } else if p.extension().and_then(|e| e.to_str()) == Some(ext)
                && !matches!(name, "exports.rs" | "layout.rs" | "headers.rs")
            {
                out.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut text = String::new();
    sources(Path::new("c-tests"), "c", &mut text);
    sources(Path::new("tests"), "rs", &mut text);
    let unexercised: Vec<String> = declared()
        .into_iter()
        .filter(|n| !text.contains(&format!("{n}(")))
        .collect();
    assert!(
        unexercised.is_empty(),
        "declared functions no test calls: {unexercised:?}"
    );
}
