//! What cbindgen will find in a library's sources: its public items, read
//! with syn the way cbindgen reads them (each source a module file followed
//! into the modules it declares, `#[cfg(test)]` skipped), so that every one
//! of them can be given to exactly one header.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `#[no_mangle] extern "C" fn`
    Function,
    /// `#[no_mangle] static`
    Static,
    /// `pub const`
    Const,
    /// `pub struct` (an opaque one too)
    Struct,
    Union,
    Enum,
    /// `pub type`
    Typedef,
    /// A function of an `extern "C" { }` block: another library's, which
    /// cbindgen would declare too, and no header of ours does.
    Foreign,
}

impl Kind {
    /// The C keyword that names a tag of this kind (`struct X`), if any.
    pub fn tag(self) -> Option<&'static str> {
        match self {
            Kind::Struct => Some("struct"),
            Kind::Union => Some("union"),
            Kind::Enum => Some("enum"),
            _ => None,
        }
    }

    pub fn is_type(self) -> bool {
        matches!(
            self,
            Kind::Struct | Kind::Union | Kind::Enum | Kind::Typedef
        )
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    pub name: String,
    pub kind: Kind,
    /// The file that declares it, from the repository root.
    pub file: String,
}

#[derive(Default, Debug)]
pub struct Scan {
    /// In source order.
    pub items: Vec<Item>,
    /// `NAME` of every `#[cfg(not(c_defined = "NAME"))]`: C macros a program
    /// may define before including the header (cbindgen writes the item
    /// under `#if !defined(NAME)`).
    pub c_defined: Vec<String>,
    /// Every file read.
    pub files: Vec<PathBuf>,
}

impl Scan {
    pub fn find(&self, name: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.name == name)
    }
}

/// Reads `root`-relative module files and the modules they declare.
pub fn scan(root: &Path, sources: &[String]) -> Result<Scan, String> {
    let mut out = Scan::default();
    for s in sources {
        let path = root.join(s);
        // cbindgen reads a source as a crate root: its `mod x;` files are
        // beside it.
        let dir = path.parent().expect("a file").to_path_buf();
        file(root, &path, &dir, &mut out)?;
    }
    Ok(out)
}

fn file(root: &Path, path: &Path, submod_dir: &Path, out: &mut Scan) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    out.files.push(path.to_path_buf());
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    items(root, &rel, &parsed.items, submod_dir, out)
}

fn items(
    root: &Path,
    file_name: &str,
    list: &[syn::Item],
    submod_dir: &Path,
    out: &mut Scan,
) -> Result<(), String> {
    for item in list {
        let Some(attrs) = attrs(item) else { continue };
        if skipped(attrs) {
            continue;
        }
        let public = matches!(vis(item), Some(syn::Visibility::Public(_)));
        let mut add = |name: &syn::Ident, kind| {
            out.items.push(Item {
                name: name.to_string().trim_start_matches("r#").to_string(),
                kind,
                file: file_name.to_string(),
            })
        };
        match item {
            syn::Item::Fn(f) if exported(&f.attrs) && extern_c(&f.sig.abi) => {
                add(&f.sig.ident, Kind::Function)
            }
            syn::Item::Static(s) if exported(&s.attrs) => add(&s.ident, Kind::Static),
            syn::Item::Const(c) if public => {
                add(&c.ident, Kind::Const);
                c_defined(&c.attrs, &mut out.c_defined);
            }
            syn::Item::Struct(s) if public => add(&s.ident, Kind::Struct),
            syn::Item::Union(u) if public => add(&u.ident, Kind::Union),
            syn::Item::Enum(e) if public => add(&e.ident, Kind::Enum),
            syn::Item::Type(t) if public => add(&t.ident, Kind::Typedef),
            syn::Item::ForeignMod(m) if m.abi.name.as_ref().is_none_or(|n| n.value() == "C") => {
                for f in &m.items {
                    if let syn::ForeignItem::Fn(f) = f {
                        add(&f.sig.ident, Kind::Foreign);
                    }
                }
            }
            syn::Item::Mod(m) => {
                let dir = submod_dir.join(m.ident.to_string());
                match &m.content {
                    Some((_, inner)) => items(root, file_name, inner, &dir, out)?,
                    None => {
                        let flat = submod_dir.join(format!("{}.rs", m.ident));
                        let nested = dir.join("mod.rs");
                        if flat.exists() {
                            file(root, &flat, &dir, out)?;
                        } else if nested.exists() {
                            file(root, &nested, &dir, out)?;
                        } else {
                            return Err(format!(
                                "{file_name}: cannot find the file of `mod {}`",
                                m.ident
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn attrs(item: &syn::Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        syn::Item::Fn(x) => &x.attrs,
        syn::Item::Static(x) => &x.attrs,
        syn::Item::Const(x) => &x.attrs,
        syn::Item::Struct(x) => &x.attrs,
        syn::Item::Union(x) => &x.attrs,
        syn::Item::Enum(x) => &x.attrs,
        syn::Item::Type(x) => &x.attrs,
        syn::Item::Mod(x) => &x.attrs,
        syn::Item::ForeignMod(x) => &x.attrs,
        _ => return None,
    })
}

fn vis(item: &syn::Item) -> Option<&syn::Visibility> {
    Some(match item {
        syn::Item::Const(x) => &x.vis,
        syn::Item::Struct(x) => &x.vis,
        syn::Item::Union(x) => &x.vis,
        syn::Item::Enum(x) => &x.vis,
        syn::Item::Type(x) => &x.vis,
        _ => return None,
    })
}

/// What cbindgen skips: `#[test]` and `#[cfg(... test ...)]` items.
fn skipped(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| match &a.meta {
        syn::Meta::Path(p) => p.is_ident("test"),
        syn::Meta::List(l) if l.path.is_ident("cfg") => l
            .parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            )
            .map(|metas| {
                metas
                    .iter()
                    .any(|m| matches!(m, syn::Meta::Path(p) if p.is_ident("test")))
            })
            .unwrap_or(false),
        _ => false,
    })
}

/// `#[no_mangle]`, `#[unsafe(no_mangle)]` or `#[export_name = ...]`.
fn exported(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| match &a.meta {
        syn::Meta::Path(p) => p.is_ident("no_mangle"),
        syn::Meta::NameValue(nv) => nv.path.is_ident("export_name"),
        syn::Meta::List(l) if l.path.is_ident("unsafe") => l.tokens.to_string() == "no_mangle",
        _ => false,
    })
}

fn extern_c(abi: &Option<syn::Abi>) -> bool {
    abi.as_ref()
        .and_then(|a| a.name.as_ref())
        .is_some_and(|n| matches!(n.value().as_str(), "C" | "C-unwind"))
}

/// Collects `NAME` from `#[cfg(not(c_defined = "NAME"))]`.
fn c_defined(attrs: &[syn::Attribute], out: &mut Vec<String>) {
    fn walk(meta: &syn::Meta, out: &mut Vec<String>) {
        match meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("c_defined") => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    out.push(s.value());
                }
            }
            syn::Meta::List(l) => {
                if let Ok(inner) = l.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                ) {
                    for m in &inner {
                        walk(m, out);
                    }
                }
            }
            _ => {}
        }
    }
    for a in attrs {
        if a.path().is_ident("cfg") {
            walk(&a.meta, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Scan {
        let dir = std::env::temp_dir().join(format!("xtask-scan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("lib.rs");
        std::fs::write(&f, text).unwrap();
        let s = scan(&dir, &["lib.rs".to_string()]).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        s
    }

    #[test]
    fn finds_what_cbindgen_takes() {
        let s = scan_text(
            r#"
            #[export]
            #[no_mangle]
            pub unsafe extern "C" fn f(#[nonnull] x: *mut T) {}
            pub fn rust_only() {}
            #[no_mangle]
            pub static mut hook: Option<unsafe extern "C" fn()> = None;
            #[cfg(not(c_defined = "LIMIT"))]
            pub const LIMIT: c_int = 5;
            const PRIVATE: c_int = 1;
            #[repr(C)]
            pub struct s { a: c_int }
            pub type s_t = s;
            extern "C" { fn vsnprintf(s: *mut c_char) -> c_int; }
            #[cfg(test)]
            mod tests { #[no_mangle] pub extern "C" fn t() {} }
            pub mod inner { #[no_mangle] pub extern "C" fn g() {} }
            "#,
        );
        let names: Vec<(&str, Kind)> = s.items.iter().map(|i| (i.name.as_str(), i.kind)).collect();
        assert_eq!(
            names,
            [
                ("f", Kind::Function),
                ("hook", Kind::Static),
                ("LIMIT", Kind::Const),
                ("s", Kind::Struct),
                ("s_t", Kind::Typedef),
                ("vsnprintf", Kind::Foreign),
                ("g", Kind::Function),
            ]
        );
        assert_eq!(s.c_defined, ["LIMIT"]);
    }
}
