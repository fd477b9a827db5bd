//! `xtask/headers.toml`: what each generated header holds. The file itself
//! explains every key; this module only reads it.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the table lives, from the repository root.
pub const TABLE: &str = "xtask/headers.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// cbindgen settings shared by every header (cbindgen.toml keys).
    pub cbindgen: toml::Table,
    /// One entry per C library, by name.
    pub library: BTreeMap<String, Library>,
    /// One entry per header, by its path under `include/`.
    pub header: BTreeMap<String, Header>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// Module files (from the repository root) cbindgen reads, each with the
    /// modules it declares.
    pub sources: Vec<String>,
    /// C views: Rust declarations read before `sources`, each replacing the
    /// item of the same name there.
    #[serde(default)]
    pub views: Vec<String>,
    /// The library's export list: the names of its `[internal]` section are
    /// exported but left out of the headers.
    #[serde(default)]
    pub exports: Option<String>,
    /// Public items of the sources that belong in no header (names or `*`
    /// patterns).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Rust name -> C spelling, in every header of the library.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub library: String,
    /// The include guard macro.
    pub guard: String,
    /// One line for the comment at the top of the header.
    pub doc: String,
    /// The items this header declares: Rust names or `*` patterns; the most
    /// specific pattern of all headers of the library wins.
    #[serde(default)]
    pub items: Vec<String>,
    /// Declarations of existing functions that cbindgen cannot write.
    #[serde(default)]
    pub prototypes: Vec<Prototype>,
    /// C that cbindgen cannot generate, after the generated declarations.
    #[serde(default)]
    pub c_text: String,
    /// cbindgen.toml keys for this header, over the shared ones.
    #[serde(default)]
    pub cbindgen: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prototype {
    /// The C declaration, ending in `;`.
    pub c: String,
    /// Declared only `#ifdef` this macro.
    #[serde(default)]
    pub ifdef: Option<String>,
}

impl Prototype {
    /// The function's name: the identifier before the first `(`.
    pub fn name(&self) -> &str {
        let head = self.c.split('(').next().unwrap_or("");
        head.rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .find(|w| !w.is_empty())
            .unwrap_or("")
    }
}

impl Table {
    pub fn load(path: &Path) -> Result<Table, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let table: Table = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for (name, h) in &table.header {
            if !table.library.contains_key(&h.library) {
                return Err(format!(
                    "{TABLE}: header {name} names library {:?}, which has no [library.{}] entry",
                    h.library, h.library
                ));
            }
        }
        Ok(table)
    }

    /// The cbindgen configuration of one header: the shared settings with
    /// the header's own over them.
    pub fn cbindgen_config(&self, header: &Header) -> Result<cbindgen::Config, String> {
        let mut merged = self.cbindgen.clone();
        merge(&mut merged, &header.cbindgen);
        toml::Value::Table(merged)
            .try_into()
            .map_err(|e| format!("{TABLE}: cbindgen settings: {e}"))
    }
}

/// `over`'s keys into `base`, tables merged key by key.
fn merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any run of
/// characters.
pub fn glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(at) => rest = &rest[at + mid.len()..],
            None => return false,
        }
    }
    true
}

/// How specific a pattern is: an exact name beats every pattern, then the
/// more literal characters the better.
pub fn specificity(pattern: &str) -> usize {
    if pattern.contains('*') {
        pattern.len() - pattern.matches('*').count()
    } else {
        usize::MAX
    }
}

/// The names of the `[internal]` section of an export list.
pub fn internal_exports(path: &Path) -> Result<Vec<String>, String> {
    let list =
        std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let mut section = "";
    let mut out = Vec::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
        } else if section == "[internal]" {
            out.push(line.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("osip_via_*", "osip_via_parse"));
        assert!(glob("*", "anything"));
        assert!(glob("osip_*_free", "osip_uri_free"));
        assert!(!glob("osip_*_free", "osip_uri_free2"));
        assert!(glob("via_*", "via_"));
        assert!(!glob("osip_via", "osip_via_t"));
        assert!(!glob("a*b*c", "acb"));
        assert!(glob("a*b*c", "axbyc"));
    }

    #[test]
    fn exact_names_beat_patterns() {
        assert!(specificity("osip_message_set_via") > specificity("osip_message_set_*"));
        assert!(specificity("osip_message_set_*") > specificity("osip_message_*"));
        assert!(specificity("osip_message_*") > specificity("*"));
    }

    #[test]
    fn prototype_names() {
        let p = |c: &str| Prototype {
            c: c.to_string(),
            ifdef: None,
        };
        assert_eq!(
            p("osip_transaction_t *osip_find_transaction(osip_t *osip, osip_event_t *evt);").name(),
            "osip_find_transaction"
        );
        assert_eq!(
            p("void msg_logrequest(osip_message_t *sip, char *fmt);").name(),
            "msg_logrequest"
        );
    }

    #[test]
    fn the_table_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let table = Table::load(&root.join(TABLE)).unwrap();
        for h in table.header.values() {
            table.cbindgen_config(h).unwrap();
        }
    }
}
