//! Our generated headers as C and C++ programs see them: each one
//! self-contained and warning-free under strict flags, and a program written
//! for the upstream headers building unchanged against them.

mod common;

use std::path::Path;
use std::process::Command;

const C_STRICT: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"];
const CXX_STRICT: &[&str] = &["-x", "c++", "-Wall", "-Wextra", "-pedantic", "-Werror"];

/// Each header of both libraries alone, nothing before it: it has to
/// bring what it needs.
#[test]
fn each_header_compiles_alone_as_strict_c99() {
    check_all_alone(common::cc, C_STRICT, "c");
}

#[test]
fn each_header_compiles_alone_as_strict_cxx() {
    check_all_alone(common::cxx, CXX_STRICT, "cxx");
}

fn upstream_program() -> std::path::PathBuf {
    common::manifest_dir().join("c-tests/headers/upstream_api.c")
}

/// Compiles the upstream-style program; returns success and diagnostics.
fn compile_upstream(mut compiler: Command, flags: &[&str], ours: bool) -> (bool, Vec<String>) {
    compiler
        .args(flags)
        .args(["-fsyntax-only", "-fno-diagnostics-show-caret"]);
    if ours {
        compiler.arg(format!("-I{}", common::our_include().display()));
    }
    let out = compiler
        .arg(upstream_program())
        .output()
        .expect("run the compiler");
    let diagnostics = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
        .map(str::to_string)
        .collect();
    (out.status.success(), diagnostics)
}

/// The source line a `file:line:col: ...` diagnostic points at, if it is
/// in `src`.
fn source_line(diagnostic: &str, src: &Path, text: &str) -> Option<String> {
    let rest = diagnostic.strip_prefix(src.to_str()?)?.strip_prefix(':')?;
    let line: usize = rest.split(':').next()?.parse().ok()?;
    text.lines().nth(line.checked_sub(1)?).map(str::to_string)
}

#[test]
fn upstream_program_compiles_with_debian_headers() {
    // Guards the program itself: it really is valid against upstream.
    for (compiler, flags) in [(common::cc(), C_STRICT), (common::cxx(), CXX_STRICT)] {
        let (ok, diagnostics) = compile_upstream(compiler, flags, false);
        assert!(ok && diagnostics.is_empty(), "{}", diagnostics.join("\n"));
    }
}

/// Until every public function exists, the only diagnostics allowed are on
/// lines that call a function of `common::STILL_MISSING` (its prototype is
/// not generated yet); once that list is empty this is a plain strict build.
#[test]
fn upstream_program_compiles_unchanged_with_our_headers() {
    let src = upstream_program();
    let text = std::fs::read_to_string(&src).expect("read upstream_api.c");
    let mut relaxed: Vec<&str> = C_STRICT.to_vec();
    if !common::STILL_MISSING.is_empty() {
        relaxed.retain(|f| *f != "-Werror");
    }
    let (ok, diagnostics) = compile_upstream(common::cc(), &relaxed, true);
    let unexplained: Vec<&String> = diagnostics
        .iter()
        .filter(|d| {
            let line = source_line(d, &src, &text).unwrap_or_default();
            !common::STILL_MISSING
                .iter()
                .any(|f| line.contains(&format!("{f}(")))
        })
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:#?}");
    if common::STILL_MISSING.is_empty() {
        assert!(ok, "{diagnostics:#?}");
    }
}

/// C++ has no implicit declarations, so this runs once nothing is missing.
#[test]
fn upstream_program_compiles_as_cxx_with_our_headers() {
    if !common::STILL_MISSING.is_empty() {
        println!(
            "skipped until STILL_MISSING is empty ({} functions)",
            common::STILL_MISSING.len()
        );
        return;
    }
    let (ok, diagnostics) = compile_upstream(common::cxx(), CXX_STRICT, true);
    assert!(ok && diagnostics.is_empty(), "{}", diagnostics.join("\n"));
}

// ---------------------------------------------------------------------------
// libosipparser2's headers (include/osipparser2, generated like ours of
// libosip2 by `cargo run -p xtask -- headers`).

#[test]
fn parser_headers_are_debians_files() {
    let ours = common::parser_headers(&common::our_parser_include());
    let debian = common::parser_headers(std::path::Path::new("/usr/include"));
    assert!(debian.len() >= 37, "{debian:?}");
    assert_eq!(ours, debian, "include/osipparser2 against Debian's");
}

/// Every header of ours (osipparser2's, and osip2's on top of them) alone.
fn check_all_alone(compiler: fn() -> Command, flags: &[&str], lang: &str) {
    let include = common::our_parser_include();
    let dir = common::scratch(&format!("parser-headers-alone-{lang}"));
    let mut headers = common::parser_headers(&include);
    headers.extend(common::HEADERS.iter().map(|h| format!("osip2/{h}")));
    let mut failures = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let src = dir.join(format!("h{i}.c"));
        std::fs::write(
            &src,
            format!("#include <{h}>\nint main(void) {{ return 0; }}\n"),
        )
        .expect("write test source");
        let out = compiler()
            .args(flags)
            .arg(format!("-I{}", include.display()))
            .arg("-fsyntax-only")
            .arg(&src)
            .output()
            .expect("run the compiler");
        if !out.status.success() || !out.stderr.is_empty() {
            failures.push(format!("{h}:\n{}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn upstream_parser_program() -> std::path::PathBuf {
    common::manifest_dir().join("c-tests/headers/upstream_parser_api.c")
}

const PARSER_HEADERS_ALL: &str = "#include <osipparser2/osip_parser.h>\n#include <osipparser2/sdp_message.h>\n#include <osipparser2/osip_md5.h>\n";

/// The prototypes Debian's headers give the functions of
/// crates/osipparser2/missing.list, which ours do not declare yet: each
/// top-level declaration of the preprocessed headers whose declarator is one
/// of those names.
fn missing_prototypes() -> Vec<String> {
    let missing = common::parser_missing();
    let mut pp = common::cc();
    pp.args(["-E", "-P", "-x", "c", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = pp.spawn().expect("run the preprocessor");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(PARSER_HEADERS_ALL.as_bytes())
        .expect("write to the preprocessor");
    let out = child.wait_with_output().expect("preprocess");
    assert!(
        out.status.success(),
        "preprocessing Debian's headers failed"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut decls = Vec::new();
    let (mut cur, mut depth) = (String::new(), 0i32);
    for c in text.chars() {
        cur.push(c);
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ';' if depth == 0 => {
                decls.push(cur.split_whitespace().collect::<Vec<_>>().join(" "));
                cur.clear();
            }
            _ => {}
        }
    }
    decls
        .into_iter()
        .filter(|d| !d.starts_with("typedef") && !d.contains('{'))
        .filter(|d| {
            // The declarator: the identifier right before the first `(`.
            let head = d.split('(').next().unwrap_or("");
            let name = head
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                .find(|w| !w.is_empty())
                .unwrap_or("");
            missing.contains(name)
        })
        .collect()
}

/// Compiles the upstream-style parser program; returns success and
/// diagnostics. Against ours, a header given with `-include` first declares
/// the functions still missing, with Debian's prototypes: the rest (types,
/// macros, constants, the prototypes we generate) must serve the program
/// unchanged, warning-free.
fn compile_upstream_parser(
    mut compiler: Command,
    flags: &[&str],
    ours: bool,
    lang: &str,
) -> (bool, Vec<String>) {
    compiler
        .args(flags)
        .args(["-fsyntax-only", "-fno-diagnostics-show-caret"]);
    if ours {
        let dir = common::scratch(&format!("upstream-parser-{lang}"));
        let shim = dir.join("missing_prototypes.h");
        let text = format!(
            "{PARSER_HEADERS_ALL}#ifdef __cplusplus\nextern \"C\" {{\n#endif\n{}\n#ifdef __cplusplus\n}}\n#endif\n",
            missing_prototypes().join("\n")
        );
        std::fs::write(&shim, text).expect("write the missing prototypes");
        compiler
            .arg(format!("-I{}", common::our_parser_include().display()))
            .arg("-include")
            .arg(&shim);
    }
    let out = compiler
        .arg(upstream_parser_program())
        .output()
        .expect("run the compiler");
    let diagnostics = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
        .map(str::to_string)
        .collect();
    (out.status.success(), diagnostics)
}

#[test]
fn upstream_parser_program_compiles_with_debian_headers() {
    // Guards the program itself: it really is valid against upstream.
    for (compiler, flags, lang) in [
        (common::cc(), C_STRICT, "c"),
        (common::cxx(), CXX_STRICT, "cxx"),
    ] {
        let (ok, diagnostics) = compile_upstream_parser(compiler, flags, false, lang);
        assert!(
            ok && diagnostics.is_empty(),
            "{lang}: {}",
            diagnostics.join("\n")
        );
    }
}

#[test]
fn upstream_parser_program_compiles_unchanged_with_our_headers() {
    let missing = common::parser_missing();
    let shimmed = missing_prototypes();
    // Every missing function Debian declares got its prototype (the data
    // symbols and [internal] names of the list have none).
    let declared_by_debian = missing
        .iter()
        .filter(|n| shimmed.iter().any(|d| d.contains(&format!("{n}("))))
        .count();
    println!(
        "{declared_by_debian} functions declared from Debian's prototypes until they land ({} names in missing.list)",
        missing.len()
    );
    for (compiler, flags, lang) in [
        (common::cc(), C_STRICT, "c"),
        (common::cxx(), CXX_STRICT, "cxx"),
    ] {
        let (ok, diagnostics) = compile_upstream_parser(compiler, flags, true, lang);
        assert!(
            ok && diagnostics.is_empty(),
            "{lang}: {}",
            diagnostics.join("\n")
        );
    }
}
