//! The export surface of our `libosip2.so` against Debian's 5.3.0: which
//! public functions exist yet (a ratchet over `common::STILL_MISSING`), no
//! stray global symbols, the right SONAME and dependencies.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
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

/// Every public function we export is declared in our headers (a source
/// file missing from build.rs's lists would leave it out).
#[test]
fn exported_public_functions_are_in_our_headers() {
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
