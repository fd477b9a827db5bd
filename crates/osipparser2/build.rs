//! Build script of libosipparser2.so: its SONAME, the linker's version
//! script made from exports.list (a listed name the library does not define
//! fails the link), and the build mark (see osip_cabi::library!).

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=exports.list");
    println!("cargo:rerun-if-changed=missing.list");

    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libosipparser2.so.15");
    let names = |file: &str| -> Vec<String> {
        let text =
            fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
        text.lines()
            .filter(|l| !l.is_empty() && !l.starts_with(['#', '[']))
            .map(str::to_string)
            .collect()
    };
    let missing = names("missing.list");
    let names: Vec<String> = names("exports.list")
        .into_iter()
        .filter(|n| !missing.contains(n))
        .collect();
    let script = out.join("libosipparser2.map");
    let text = format!(
        "{{\n  global:\n{};\n  local: *;\n}};\n",
        names
            .iter()
            .map(|n| format!("    {n}"))
            .collect::<Vec<_>>()
            .join(";\n")
    );
    fs::write(&script, text).expect("write the version script");
    println!(
        "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
        script.display()
    );
    println!("cargo:rustc-cdylib-link-arg=-Wl,--no-undefined-version");

    let profile = env::var("PROFILE").unwrap_or_default();
    let mut features: Vec<String> = env::vars()
        .filter_map(|(k, _)| k.strip_prefix("CARGO_FEATURE_").map(|f| f.to_lowercase()))
        .collect();
    features.sort();
    println!("cargo:rustc-env=OSIP2RS_PROFILE={profile}");
    println!("cargo:rustc-env=OSIP2RS_FEATURES={}", features.join(","));
}
