//! Build script: gives the shared library its SONAME, links the system
//! libosipparser2 and generates the public C headers in `include/osip2/`
//! from the Rust definitions with cbindgen.

use std::collections::HashMap;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One generated header: which Rust files declare its items and what C text
/// surrounds them.
struct Header {
    file: &'static str,
    guard: &'static str,
    doc: &'static str,
    sources: &'static [&'static str],
    sys_includes: &'static [&'static str],
    includes: &'static [&'static str],
    /// Declarations needed before the generated items (forward declarations).
    before_items: &'static str,
    /// Function-like macros and declarations cbindgen cannot express.
    trailer: &'static str,
    /// Rust names that are spelt differently in C.
    renames: &'static [(&'static str, &'static str)],
    /// Items of the source files that belong to another header.
    excludes: &'static [&'static str],
}

/// C enum typedefs. Struct fields hold these as `int` in Rust (C may store any
/// value there); in C they keep their enum type, so the generated
/// `typedef int NAME;` becomes `typedef enum TAG NAME;`.
const ENUM_TYPEDEFS: &[(&str, &str)] = &[
    ("state_t", "_state_t"),
    ("type_t", "type_t"),
    ("osip_fsm_type_t", "osip_fsm_type_t"),
    ("osip_fifo_state", "osip_fifo_state"),
    ("osip_dialog_type_t", "_osip_dialog_type_t"),
];

/// Symbols the 5.3.0 library exports without declaring them in its headers
/// (spec section 1.2): the `[internal]` part of `src/exports.list`. We
/// export them too, for programs and libraries that link to them, but they
/// stay out of our headers like out of upstream's.
fn internal_exports(root: &Path) -> Vec<String> {
    let list = fs::read_to_string(root.join("src/exports.list")).expect("read src/exports.list");
    list.lines()
        .skip_while(|l| *l != "[internal]")
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Timer defaults that programs may set themselves with `-D`, as upstream allows.
const OVERRIDABLE: &[&str] = &[
    "DEFAULT_T1",
    "DEFAULT_T1_TCP_PROGRESS",
    "DEFAULT_T2",
    "DEFAULT_T4",
];

const HEADERS: &[Header] = &[
    Header {
        file: "osip_time.h",
        guard: "_OSIP_TIME_H_",
        doc: "Monotonic time helpers used by the transaction timers.",
        sources: &["src/ffi/time.rs"],
        sys_includes: &["sys/time.h", "time.h"],
        includes: &[],
        before_items: "",
        trailer: TIME_MACROS,
        renames: &[("timeval", "struct timeval")],
        excludes: &[],
    },
    Header {
        file: "osip_mt.h",
        guard: "_OSIP_MT_H_",
        doc: "Threads, semaphores and mutexes (thin POSIX wrappers).",
        sources: &["crates/osip-abi/src/mt.rs", "src/ffi/mt.rs"],
        sys_includes: &["stdio.h"],
        includes: &[],
        before_items: "",
        trailer: "",
        renames: &[],
        excludes: &["osip_cond"],
    },
    Header {
        file: "osip_condv.h",
        guard: "__OSIP_CONDV_H__",
        doc: "Condition variables (thin POSIX wrappers).",
        sources: &["crates/osip-abi/src/mt.rs", "src/ffi/condv.rs"],
        sys_includes: &["stdio.h", "time.h"],
        includes: &["osip2/osip_mt.h"],
        before_items: "struct timespec;\n",
        trailer: "",
        renames: &[
            ("timespec", "struct timespec"),
            ("osip_mutex", "struct osip_mutex"),
        ],
        excludes: &["osip_mutex", "osip_sem", "osip_thread"],
    },
    Header {
        file: "osip_fifo.h",
        guard: "_FIFO_H_",
        doc: "Thread-safe FIFO used as the event queue of every transaction.",
        sources: &["crates/osip-abi/src/fifo.rs", "src/ffi/fifo.rs"],
        sys_includes: &[],
        includes: &["osip2/osip_mt.h", "osipparser2/osip_list.h"],
        before_items: "",
        trailer: "",
        renames: &[
            ("fifo_state_t", "osip_fifo_state"),
            ("osip_mutex", "struct osip_mutex"),
            ("osip_sem", "struct osip_sem"),
        ],
        excludes: &[],
    },
    Header {
        file: "osip.h",
        guard: "_OSIP_H_",
        doc: "The SIP transaction layer (RFC 3261 section 17).",
        sources: &[
            "crates/osip-abi/src/osip.rs",
            "src/ffi/osip.rs",
            "src/ffi/transaction.rs",
            "src/ffi/event.rs",
            "src/ffi/find.rs",
            "src/ffi/execute.rs",
            "src/ffi/timers.rs",
            "src/ffi/ixt.rs",
            "src/ffi/callbacks.rs",
            "src/ffi/via.rs",
            "src/ffi/lists.rs",
        ],
        sys_includes: &["sys/time.h", "time.h", "stddef.h"],
        includes: &[
            "osipparser2/osip_const.h",
            "osip2/osip_time.h",
            "osipparser2/osip_parser.h",
            "osip2/osip_fifo.h",
        ],
        before_items: "struct osip_dialog;\n",
        trailer: OSIP_TRAILER,
        renames: &[
            ("timeval", "struct timeval"),
            ("osip_dialog", "struct osip_dialog"),
            ("event_type_t", "type_t"),
            ("fsm_type_t", "osip_fsm_type_t"),
        ],
        // Declared by the trailer, under OSIP_MONOTHREAD like upstream.
        excludes: &["osip_find_transaction"],
    },
    Header {
        file: "osip_dialog.h",
        guard: "_DIALOG_H_",
        doc: "SIP dialogs (RFC 3261 section 12).",
        sources: &["crates/osip-abi/src/dialog.rs", "src/ffi/dialog.rs"],
        sys_includes: &[],
        includes: &["osip2/osip.h"],
        before_items: "",
        trailer: DIALOG_TRAILER,
        renames: &[],
        excludes: &[],
    },
];

const TIME_MACROS: &str = r#"
/* Operations on struct timeval: the C library's macros where it has them. */
#if defined(timerisset)
#define osip_timerisset(tvp) timerisset(tvp)
#else
#define osip_timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#endif
#if defined(timercmp)
#define osip_timercmp(tvp, uvp, cmp) timercmp(tvp, uvp, cmp)
#else
#define osip_timercmp(a, b, CMP) \
  (((a)->tv_sec == (b)->tv_sec) ? ((a)->tv_usec CMP (b)->tv_usec) : ((a)->tv_sec CMP (b)->tv_sec))
#endif
#if defined(timerclear)
#define osip_timerclear(tvp) timerclear(tvp)
#else
#define osip_timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
#endif
#if defined(timersub)
#define osip_timersub(a, b, result) timersub(a, b, result)
#else
#define osip_timersub(a, b, result)                   \
  do {                                                \
    (result)->tv_sec = (a)->tv_sec - (b)->tv_sec;     \
    (result)->tv_usec = (a)->tv_usec - (b)->tv_usec;  \
    if ((result)->tv_usec < 0) {                      \
      (result)->tv_sec -= 1;                          \
      (result)->tv_usec += 1000000;                   \
    }                                                 \
  } while (0)
#endif
"#;

const OSIP_TRAILER: &str = r#"
#ifdef OSIP_MONOTHREAD
/* Find the transaction an event belongs to, without queueing the event. */
osip_transaction_t *osip_find_transaction(osip_t *osip, osip_event_t *evt);
#endif

/* Event classification helpers. */
#define EVT_IS_RCV_INVITE(event) ((event)->type == RCV_REQINVITE)
#define EVT_IS_RCV_ACK(event) ((event)->type == RCV_REQACK)
#define EVT_IS_RCV_REQUEST(event) ((event)->type == RCV_REQUEST)
#define EVT_IS_RCV_STATUS_1XX(event) ((event)->type == RCV_STATUS_1XX)
#define EVT_IS_RCV_STATUS_2XX(event) ((event)->type == RCV_STATUS_2XX)
#define EVT_IS_RCV_STATUS_3456XX(event) ((event)->type == RCV_STATUS_3456XX)
#define EVT_IS_SND_INVITE(event) ((event)->type == SND_REQINVITE)
#define EVT_IS_SND_ACK(event) ((event)->type == SND_REQACK)
#define EVT_IS_SND_REQUEST(event) ((event)->type == SND_REQUEST)
#define EVT_IS_SND_STATUS_1XX(event) ((event)->type == SND_STATUS_1XX)
#define EVT_IS_SND_STATUS_2XX(event) ((event)->type == SND_STATUS_2XX)
#define EVT_IS_SND_STATUS_3456XX(event) ((event)->type == SND_STATUS_3456XX)
#define EVT_IS_INCOMINGMSG(event) ((event)->type >= RCV_REQINVITE && (event)->type <= RCV_STATUS_3456XX)
#define EVT_IS_INCOMINGREQ(event) (EVT_IS_RCV_INVITE(event) || EVT_IS_RCV_ACK(event) || EVT_IS_RCV_REQUEST(event))
#define EVT_IS_INCOMINGRESP(event) \
  (EVT_IS_RCV_STATUS_1XX(event) || EVT_IS_RCV_STATUS_2XX(event) || EVT_IS_RCV_STATUS_3456XX(event))
#define EVT_IS_OUTGOINGMSG(event) ((event)->type >= SND_REQINVITE && (event)->type <= SND_STATUS_3456XX)
#define EVT_IS_OUTGOINGREQ(event) (EVT_IS_SND_INVITE(event) || EVT_IS_SND_ACK(event) || EVT_IS_SND_REQUEST(event))
#define EVT_IS_OUTGOINGRESP(event) \
  (EVT_IS_SND_STATUS_1XX(event) || EVT_IS_SND_STATUS_2XX(event) || EVT_IS_SND_STATUS_3456XX(event))
#define EVT_IS_MSG(event) ((event)->type >= RCV_REQINVITE && (event)->type <= SND_STATUS_3456XX)
#define EVT_IS_KILL_TRANSACTION(event) ((event)->type == KILL_TRANSACTION)
"#;

const DIALOG_TRAILER: &str = r#"
/* Application data attached to a dialog. */
#define osip_dialog_set_instance(dialog, instance) (dialog)->your_instance = (void *) (instance)
#define osip_dialog_get_instance(dialog) (dialog)->your_instance
"#;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());

    // The shared library is a drop-in for Debian's libosip2.so.15.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libosip2.so.15");
    println!("cargo:rerun-if-changed=build.rs");

    parser_link();

    soname_link();
    build_mark();

    let out_dir = root.join("include").join("osip2");
    fs::create_dir_all(&out_dir).expect("create include/osip2");
    println!("cargo:rerun-if-changed=src/exports.list");
    let internal = internal_exports(&root);
    for h in HEADERS {
        for s in h.sources {
            println!("cargo:rerun-if-changed={s}");
        }
        generate(&root, &out_dir, h, &internal);
    }
}

/// Names of the `pub struct`, `pub enum` and `pub type` items of a source file.
fn public_types(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            ["pub struct ", "pub enum ", "pub type "]
                .iter()
                .find_map(|k| l.strip_prefix(k))
                .map(|rest| {
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn generate(root: &Path, out_dir: &Path, h: &Header, internal: &[String]) {
    let mut config = cbindgen::Config {
        language: cbindgen::Language::C,
        style: cbindgen::Style::Tag,
        cpp_compat: true,
        no_includes: true,
        documentation: true,
        documentation_style: cbindgen::DocumentationStyle::C,
        include_guard: Some(h.guard.to_string()),
        header: Some(format!(
            "/* osip2-rs: {} */\n/* Generated by cbindgen from the Rust sources of osip2-rs; do not edit. */",
            h.doc
        )),
        sys_includes: h.sys_includes.iter().chain(h.includes).map(|s| s.to_string()).collect(),
        after_includes: if h.before_items.is_empty() { None } else { Some(h.before_items.to_string()) },
        ..Default::default()
    };
    config.enumeration.prefix_with_name = false;
    config.export.rename = h
        .renames
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect::<HashMap<_, _>>();
    config.export.exclude = h
        .excludes
        .iter()
        .map(|s| s.to_string())
        .chain(internal.iter().cloned())
        .collect();
    // cbindgen only emits types that exported functions use; every public
    // type of the source files belongs in the header.
    config.export.include = h
        .sources
        .iter()
        .flat_map(|s| public_types(&root.join(s)))
        .collect();
    config.function.sort_by = Some(cbindgen::SortKey::None);
    config.sort_by = cbindgen::SortKey::None;

    let mut builder = cbindgen::Builder::new().with_config(config);
    for s in h.sources {
        let p = root.join(s);
        if p.exists() {
            builder = builder.with_src(p);
        }
    }
    let bindings = match builder.generate() {
        Ok(b) => b,
        Err(e) => panic!("cbindgen failed for {}: {e}", h.file),
    };
    let mut text = Vec::new();
    bindings.write(&mut text);
    let mut text = String::from_utf8(text).expect("cbindgen writes UTF-8");
    for (name, tag) in ENUM_TYPEDEFS {
        text = text.replace(
            &format!("typedef int {name};"),
            &format!("typedef enum {tag} {name};"),
        );
    }
    for name in OVERRIDABLE {
        // Applications may define these before including <osip2/osip.h>.
        if let Some(at) = text.find(&format!("#define {name} ")) {
            let end = at + text[at..].find('\n').expect("#define ends its line");
            text.insert_str(end + 1, "#endif\n");
            text.insert_str(at, &format!("#ifndef {name}\n"));
        }
    }
    if !h.trailer.is_empty() {
        // Inside the `extern "C"` block and the include guard.
        let close = "#ifdef __cplusplus\n}  // extern \"C\"";
        let guard_end = format!("#endif  /* {} */", h.guard);
        let trailer = h.trailer.trim_start();
        match text.rfind(close) {
            Some(at) => text.insert_str(at, &format!("{trailer}\n")),
            None => {
                // No exported function yet, so no C linkage block to join.
                let at = text.rfind(&guard_end).expect("cbindgen closes the header");
                text.insert_str(
                    at,
                    &format!("#ifdef __cplusplus\nextern \"C\" {{\n#endif\n{trailer}#ifdef __cplusplus\n}}\n#endif\n\n"),
                );
            }
        }
    }
    let path = out_dir.join(h.file);
    // Only rewrite on change so that C builds depending on the headers stay incremental.
    if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// Tells `src/boundary.rs` the profile and features of this build, for the
/// mark the test suite checks.
fn build_mark() {
    let profile = env::var("PROFILE").unwrap_or_default();
    let mut features: Vec<String> = env::vars()
        .filter_map(|(k, _)| k.strip_prefix("CARGO_FEATURE_").map(|f| f.to_lowercase()))
        .collect();
    features.sort();
    println!("cargo:rustc-env=OSIP2RS_PROFILE={profile}");
    println!("cargo:rustc-env=OSIP2RS_FEATURES={}", features.join(","));
}

/// Links the system libosipparser2, found with pkg-config. Debian's
/// libosip2-dev has no libosipparser2.pc: its `libosip2.pc` (Libs:
/// `-L${libdir} -losipparser2 -losip2`) names the directory of both. A
/// libosip2.pc of osip2-rs itself (`pkgconfig/` on `PKG_CONFIG_PATH`, or one
/// written by scripts/install.sh) may come first under the same name; its
/// libdir holds no parser, so the other libosip2.pc files on pkg-config's
/// search path are tried after it. Without any, the build stops with one line
/// that names the package to install.
fn parser_link() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_LIBDIR");
    let hint = "install the Debian package libosip2-dev";
    let pkg_config = |args: &[&str]| -> Option<String> {
        let out = Command::new("pkg-config").args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_string())
    };
    if Command::new("pkg-config")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("cargo::error=osip2-rs: libosipparser2 not found (pkg-config is not installed): install the Debian packages pkg-config and libosip2-dev");
        return;
    }
    let Some(first) = pkg_config(&["--variable=libdir", "libosip2"]) else {
        println!(
            "cargo::error=osip2-rs: libosipparser2 not found (pkg-config libosip2 failed): {hint}"
        );
        return;
    };
    // PKG_CONFIG_PATH comes first, then PKG_CONFIG_LIBDIR or else the
    // default search path, as in pkg-config.
    let user_path = env::var("PKG_CONFIG_PATH").unwrap_or_default();
    let search_path = env::var("PKG_CONFIG_LIBDIR")
        .ok()
        .or_else(|| pkg_config(&["--variable=pc_path", "pkg-config"]))
        .unwrap_or_default();
    let others = user_path
        .split(':')
        .chain(search_path.split(':'))
        .filter(|dir| !dir.is_empty())
        .map(|dir| Path::new(dir).join("libosip2.pc"))
        .filter(|pc| pc.is_file())
        .filter_map(|pc| pkg_config(&["--variable=libdir", pc.to_str()?]));
    let found = std::iter::once(first.clone())
        .chain(others)
        .find(|dir| !dir.is_empty() && Path::new(dir).join("libosipparser2.so").exists());
    match found {
        Some(dir) => {
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:rustc-link-lib=dylib=osipparser2");
        }
        None => println!(
            "cargo::error=osip2-rs: libosipparser2 not found (no libosipparser2.so in {first}, the libdir of pkg-config libosip2): {hint}"
        ),
    }
}

/// Makes `target/<profile>/libosip2.so.15` point at the library cargo puts
/// next to it: programs linked with `-losip2` ask the loader for the SONAME,
/// so without this link an rpath or `LD_LIBRARY_PATH` to the build tree would
/// silently load the system's libosip2 instead.
fn soname_link() {
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        return;
    };
    // OUT_DIR is <profile dir>/build/<package>-<hash>/out.
    let Some(profile_dir) = Path::new(&out_dir).ancestors().nth(3) else {
        return;
    };
    let link = profile_dir.join("libosip2.so.15");
    if fs::read_link(&link).ok().as_deref() != Some(Path::new("libosip2.so")) {
        let _ = fs::remove_file(&link);
        // Best effort: the library itself builds without it.
        let _ = std::os::unix::fs::symlink("libosip2.so", &link);
    }
}
