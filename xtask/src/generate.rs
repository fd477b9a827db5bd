//! One cbindgen run per header: the table's settings, plus what follows from
//! giving every public item of a library to exactly one header (the
//! `export.include`, `export.exclude` and `export.rename` lists, and the
//! `[defines]` of overridable constants).

use crate::scan::{self, Item, Kind, Scan};
use crate::table::{self, Header, Library, Table, TABLE};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Where an item of a library goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    /// Declared by this header (by cbindgen, or by a `prototypes` entry).
    Header(String),
    /// Exported but undeclared: the `[internal]` part of the export list.
    Internal,
    /// The library's `exclude` list: in no header.
    Excluded,
}

/// A library's sources, read once for all its headers.
struct Lib<'a> {
    name: &'a str,
    spec: &'a Library,
    scan: Scan,
    views: Scan,
    place: HashMap<String, Place>,
}

/// Every header of the table, as `(path under include/, text)`.
pub fn all(root: &Path, table: &Table) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (name, spec) in &table.library {
        let lib = Lib::read(root, table, name, spec)?;
        for (file, h) in table.header.iter().filter(|(_, h)| h.library == *name) {
            out.push((file.clone(), lib.header(root, table, file, h)?));
        }
    }
    Ok(out)
}

impl<'a> Lib<'a> {
    fn read(
        root: &Path,
        table: &'a Table,
        name: &'a str,
        spec: &'a Library,
    ) -> Result<Lib<'a>, String> {
        let scan = scan::scan(root, &spec.sources)?;
        let views = scan::scan(root, &spec.views)?;
        let internal: BTreeSet<String> = match &spec.exports {
            Some(list) => table::internal_exports(&root.join(list))?
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
        let mut errors = Vec::new();

        // cbindgen keeps the first of two items of the same name: a second
        // one would silently vanish.
        let mut seen = BTreeSet::new();
        for item in &scan.items {
            if !seen.insert(&item.name) {
                errors.push(format!(
                    "{} is declared twice in the sources of {name} (again in {})",
                    item.name, item.file
                ));
            }
        }
        // A view replaces a real item; one that replaces nothing is stale.
        for v in &views.items {
            match scan.find(&v.name) {
                Some(real) if real.kind.is_type() && v.kind.is_type() => {}
                Some(real) => errors.push(format!(
                    "view {} ({}) replaces {:?} {} of {}: views are for types only",
                    v.name, v.file, real.kind, real.name, real.file
                )),
                None => errors.push(format!(
                    "view {} ({}) replaces nothing: no item of that name in the sources of {name}",
                    v.name, v.file
                )),
            }
        }

        let headers: Vec<(&String, &Header)> = table
            .header
            .iter()
            .filter(|(_, h)| h.library == name)
            .collect();
        let mut place = HashMap::new();
        for item in &scan.items {
            match placement(item, &internal, spec, &headers) {
                Ok(p) => {
                    place.insert(item.name.clone(), p);
                }
                Err(e) => errors.push(e),
            }
        }
        for (file, h) in &headers {
            for p in &h.prototypes {
                if !p.c.trim_end().ends_with(';') || p.name().is_empty() {
                    errors.push(format!(
                        "{file}: prototype {:?} is not one C declaration ending in `;`",
                        p.c
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(format!(
                "{TABLE}, library {name}:\n  {}",
                errors.join("\n  ")
            ));
        }
        Ok(Lib {
            name,
            spec,
            scan,
            views,
            place,
        })
    }

    fn header(&self, root: &Path, table: &Table, file: &str, h: &Header) -> Result<String, String> {
        let mut config = table.cbindgen_config(h)?;
        let here = Place::Header(file.to_string());
        let prototyped: BTreeSet<&str> = table
            .header
            .values()
            .filter(|o| o.library == self.name)
            .flat_map(|o| o.prototypes.iter().map(|p| p.name()))
            .collect();

        // What this header declares, in source order (the order cbindgen
        // writes items that nothing else pulls in).
        for item in &self.scan.items {
            if item.kind.is_type() && self.place[&item.name] == here {
                config.export.include.push(item.name.clone());
            }
        }
        // Everything else stays out; types of other headers are referred to
        // by their tag (`struct osip_list`), which cbindgen only writes for
        // types it declares itself.
        for (k, v) in &self.spec.rename {
            config.export.rename.entry(k.clone()).or_insert(v.clone());
        }
        for item in &self.scan.items {
            let elsewhere = self.place[&item.name] != here;
            if elsewhere || prototyped.contains(item.name.as_str()) {
                config.export.exclude.push(item.name.clone());
            }
            if elsewhere {
                let kind = self.views.find(&item.name).map_or(item.kind, |v| v.kind);
                if let Some(tag) = kind.tag() {
                    let c_name = self.spec.rename.get(&item.name).unwrap_or(&item.name);
                    config
                        .export
                        .rename
                        .entry(item.name.clone())
                        .or_insert(format!("{tag} {c_name}"));
                }
            }
        }
        // `#[cfg(not(c_defined = "X"))]` is written `#if !defined(X)`.
        for name in &self.scan.c_defined {
            config
                .defines
                .insert(format!("c_defined = {name}"), name.clone());
        }

        config.include_guard = None;
        config.header = Some(format!(
            "/* osip2-rs: {} */\n/* Generated by cbindgen from the Rust sources of osip2-rs as {TABLE} says\n   (cargo run -p xtask -- headers); do not edit. */\n\n#ifndef {g}\n#define {g}",
            h.doc,
            g = h.guard
        ));
        config.trailer = Some(self.trailer(&here, h));

        let mut builder = cbindgen::Builder::new().with_config(config);
        // Views first: cbindgen keeps the first item of a name.
        for s in self.spec.views.iter().chain(&self.spec.sources) {
            builder = builder.with_src(root.join(s));
        }
        let bindings = builder
            .generate()
            .map_err(|e| format!("cbindgen, {file}: {e}"))?;
        let mut text = Vec::new();
        bindings.write(&mut text);
        String::from_utf8(text).map_err(|e| format!("{file}: {e}"))
    }

    /// After the generated declarations, inside the include guard: the
    /// table's C text, then the prototypes cbindgen cannot write (of
    /// functions that exist), which may use the C text's typedefs.
    fn trailer(&self, here: &Place, h: &Header) -> String {
        let mut out = String::new();
        let c_text = h.c_text.trim();
        if !c_text.is_empty() {
            out.push_str(c_text);
            out.push_str("\n\n");
        }
        // Only what exists, and is this header's (not `[internal]`).
        let existing: Vec<&table::Prototype> = h
            .prototypes
            .iter()
            .filter(|p| {
                self.scan
                    .find(p.name())
                    .is_some_and(|i| i.kind == Kind::Function)
                    && self.place.get(p.name()) == Some(here)
            })
            .collect();
        if !existing.is_empty() {
            out.push_str("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
            for p in existing {
                match &p.ifdef {
                    Some(m) => out.push_str(&format!("#ifdef {m}\n{}\n#endif\n\n", p.c.trim())),
                    None => out.push_str(&format!("{}\n\n", p.c.trim())),
                }
            }
            out.push_str("#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n");
        }
        out.push_str(&format!("#endif  /* {} */", h.guard));
        out
    }
}

/// The one header (or none) an item belongs to.
fn placement(
    item: &Item,
    internal: &BTreeSet<String>,
    lib: &Library,
    headers: &[(&String, &Header)],
) -> Result<Place, String> {
    if matches!(item.kind, Kind::Function | Kind::Static) && internal.contains(&item.name) {
        return Ok(Place::Internal);
    }
    if item.kind == Kind::Foreign {
        return Ok(Place::Excluded);
    }
    if lib.exclude.iter().any(|p| table::glob(p, &item.name)) {
        return Ok(Place::Excluded);
    }
    let mut best: Vec<(usize, &String)> = Vec::new();
    for (file, h) in headers {
        let exact = h.prototypes.iter().any(|p| p.name() == item.name);
        let score = h
            .items
            .iter()
            .filter(|p| table::glob(p, &item.name))
            .map(|p| table::specificity(p))
            .chain(exact.then_some(usize::MAX))
            .max();
        if let Some(score) = score {
            best.push((score, file));
        }
    }
    best.sort_by_key(|b| std::cmp::Reverse(b.0));
    match best.as_slice() {
        [] => Err(format!(
            "{:?} {} ({}) is in no header: add it to the `items` of one, or to the library's `exclude`",
            item.kind, item.name, item.file
        )),
        [(s1, f1), (s2, f2), ..] if s1 == s2 => Err(format!(
            "{} ({}) matches {f1} and {f2} equally: make one pattern more specific",
            item.name, item.file
        )),
        [(_, file), ..] => Ok(Place::Header((*file).clone())),
    }
}

/// For tests: the placement of every item of a library.
#[cfg(test)]
fn places(root: &Path, table: &Table, name: &str) -> std::collections::BTreeMap<String, Place> {
    let lib = Lib::read(root, table, name, &table.library[name]).unwrap();
    lib.place.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        let p = dir.join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A library of two headers with a view, generated in a scratch dir.
    fn fixture(tag: &str) -> (std::path::PathBuf, Table) {
        let dir = std::env::temp_dir().join(format!("xtask-gen-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write(
            &dir,
            "src/lib.rs",
            r#"
            #[repr(C)]
            pub enum _color { RED, GREEN }
            /// C may store any int here.
            pub type color_t = c_int;
            #[repr(C)]
            pub struct pair { pub a: color_t, pub b: *mut box_t }
            pub type pair_t = pair;
            #[repr(C)]
            pub struct boxed { pub p: *mut pair_t }
            pub type box_t = boxed;
            #[cfg(not(c_defined = "LIMIT"))]
            pub const LIMIT: c_int = 5;
            #[no_mangle]
            pub extern "C" fn pair_new(c: color_t) -> *mut pair_t { todo!() }
            #[no_mangle]
            pub extern "C" fn box_new() -> *mut box_t { todo!() }
            #[no_mangle]
            pub extern "C" fn hidden() {}
            "#,
        );
        write(&dir, "views.rs", "pub type color_t = _color;\n");
        write(
            &dir,
            "exports.list",
            "[public]\npair_new\n[internal]\nhidden\n",
        );
        let table: Table = toml::from_str(
            r##"
            [cbindgen]
            language = "C"
            style = "tag"
            no_includes = true
            [library.l]
            sources = ["src/lib.rs"]
            views = ["views.rs"]
            exports = "exports.list"
            [header."l/pair.h"]
            library = "l"
            guard = "PAIR_H"
            doc = "pairs"
            items = ["*"]
            c_text = "#define PAIR_FIRST(p) ((p)->a)"
            prototypes = [
                { c = "int gone(void);" },
                { ifdef = "OLD_API", c = "pair_t *pair_new(color_t c);" },
            ]
            [header."l/box.h"]
            library = "l"
            guard = "BOX_H"
            doc = "boxes"
            items = ["box_*"]
            "##,
        )
        .unwrap();
        (dir, table)
    }

    #[test]
    fn items_go_to_the_most_specific_header() {
        let (dir, table) = fixture("places");
        let p = places(&dir, &table, "l");
        let h = |f: &str| Place::Header(f.to_string());
        assert_eq!(p["pair_new"], h("l/pair.h"));
        assert_eq!(p["box_new"], h("l/box.h"));
        assert_eq!(p["boxed"], h("l/pair.h"));
        assert_eq!(p["box_t"], h("l/box.h"));
        assert_eq!(p["hidden"], Place::Internal);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn views_tags_defines_and_the_guard() {
        let (dir, table) = fixture("text");
        let out: std::collections::BTreeMap<String, String> =
            all(&dir, &table).unwrap().into_iter().collect();
        let pair = &out["l/pair.h"];
        // The view replaced `typedef int color_t`, before its first use.
        let typedef = pair.find("typedef enum _color color_t;").expect(pair);
        assert!(typedef < pair.find("struct pair {").unwrap(), "{pair}");
        assert!(!pair.contains("typedef int color_t"), "{pair}");
        // box_t is box.h's: referred to, not declared.
        assert!(pair.contains("box_t *b;"), "{pair}");
        assert!(!pair.contains("typedef struct boxed box_t"), "{pair}");
        assert!(
            pair.contains("#if !defined(LIMIT)\n#define LIMIT 5\n#endif"),
            "{pair}"
        );
        assert!(!pair.contains("hidden"), "{pair}");
        assert!(
            pair.trim_end().ends_with("pair_new(color_t c);\n#endif\n\n#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif  /* PAIR_H */"),
            "{pair}"
        );
        let c_text = pair.find("#define PAIR_FIRST(p) ((p)->a)\n").expect(pair);
        assert!(c_text < pair.find("#ifdef OLD_API").unwrap(), "{pair}");
        assert!(pair.contains("#ifndef PAIR_H\n#define PAIR_H\n"), "{pair}");
        // A prototype of the table: only under its condition, only if the
        // function exists.
        assert!(
            pair.contains("#ifdef OLD_API\npair_t *pair_new(color_t c);\n#endif"),
            "{pair}"
        );
        assert_eq!(pair.matches("pair_new").count(), 1, "{pair}");
        assert!(!pair.contains("gone"), "{pair}");
        let boxh = &out["l/box.h"];
        // `boxed` lives in pair.h: named by its tag here.
        assert!(boxh.contains("typedef struct boxed box_t;"), "{boxh}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
