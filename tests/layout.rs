//! Layout proof: our headers and our `#[repr(C)]` types against Debian's
//! libosip2 5.3.0 headers.
//!
//! bindgen parses both header sets (same parser headers, same compiler
//! target) and the numbers it records for each struct (size, alignment,
//! field offsets), each enum constant and `#define`, and each function
//! prototype are compared. The Rust types are then checked against the
//! numbers found for Debian's headers.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// What bindgen found in one header set.
#[derive(Default, Debug)]
struct Api {
    /// "Size of osip", "Alignment of osip", "Offset of field: osip::transactionid"
    /// -> the number.
    layout: BTreeMap<String, u64>,
    /// Enum constants and object-like macros -> their value.
    consts: BTreeMap<String, i64>,
    /// Function name -> parameter and return types, typedefs resolved.
    functions: BTreeMap<String, String>,
}

/// Collapses whitespace so that the parsing below sees one item per line
/// regardless of how bindgen formatted it.
fn items(text: &str) -> Vec<String> {
    let mut text = text.to_string();
    while let Some(start) = text.find("/*") {
        let end = text[start..]
            .find("*/")
            .map_or(text.len(), |e| start + e + 2);
        text.replace_range(start..end, " ");
    }
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in flat.chars() {
        cur.push(c);
        let end = match c {
            '{' | '(' | '[' => {
                depth += 1;
                false
            }
            '}' | ')' | ']' => {
                depth -= 1;
                c == '}' && depth == 0
            }
            // Statements inside `extern "C" { }` and `const _: () = { }`.
            ';' => depth <= 1,
            _ => false,
        };
        if end {
            out.push(strip_noise(&cur));
            cur.clear();
        }
    }
    out
}

/// Drops attributes, block openers and closers around one item.
fn strip_noise(item: &str) -> String {
    let mut s = item.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let t = s.trim_start_matches(['}', ' ']);
        let t = if t.starts_with("#[") {
            let mut depth = 0;
            let mut cut = t.len();
            for (i, c) in t.char_indices() {
                match c {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            cut = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            &t[cut..]
        } else if let Some(rest) = t.strip_prefix("extern \"C\" {") {
            rest
        } else if let Some(rest) = t.strip_prefix("const _: () = {") {
            rest
        } else {
            t
        };
        let t = t.trim_start().to_string();
        if t == s {
            return s;
        }
        s = t;
    }
}

fn parse(text: &str) -> Api {
    let mut api = Api::default();
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut raw_fns: Vec<(String, String)> = Vec::new();
    for item in items(text) {
        let item = item.as_str();
        // Layout assertions: ["Offset of field: osip::transactionid"][offset_of!(osip, transactionid) - 56usize];
        if let Some(start) = item.find("[\"") {
            let rest = &item[start + 2..];
            if let Some(end) = rest.find("\"]") {
                let key = rest[..end].to_string();
                if let Some(num) = rest.rfind(" - ").map(|i| &rest[i + 3..]) {
                    let digits: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
                    if let Ok(n) = digits.parse() {
                        api.layout.insert(key, n);
                    }
                }
            }
            continue;
        }
        if let Some(rest) = item.strip_prefix("pub const ") {
            // pub const DEFAULT_T1: u32 = 500;
            let (name, rest) = rest.split_once(':').expect("const name");
            let value = rest.split_once('=').expect("const value").1;
            let value = value.trim().trim_end_matches(';').trim();
            if let Ok(v) = value.parse() {
                api.consts.insert(name.trim().to_string(), v);
            }
        } else if let Some(rest) = item.strip_prefix("pub type ") {
            let (name, target) = rest.split_once(" = ").expect("type alias");
            aliases.insert(
                name.trim().to_string(),
                target.trim().trim_end_matches(';').trim().to_string(),
            );
        } else if let Some(rest) = item.strip_prefix("pub fn ") {
            let (name, sig) = rest.split_once('(').expect("fn name");
            raw_fns.push((name.trim().to_string(), format!("({sig}")));
        }
    }
    for (name, sig) in raw_fns {
        api.functions
            .insert(name, canonical_signature(&sig, &aliases));
    }
    api
}

/// `(ff: *mut osip_fifo_t, el: *mut c_void) -> c_int;` becomes
/// `(*mutosip_fifo,*mutc_void)->c_int` with parameter names dropped and
/// typedef names replaced by what they stand for.
fn canonical_signature(sig: &str, aliases: &BTreeMap<String, String>) -> String {
    // `->` inside function-pointer types must not count as a closing `>`.
    let sig = sig.trim().trim_end_matches(';').replace("->", "~~");
    let close = sig.rfind(')').expect("closing paren");
    let params = &sig[1..close];
    let ret = sig[close + 1..].trim();
    let mut parts = Vec::new();
    // Function-pointer parameters contain commas; split at depth 0 only.
    let mut depth = 0;
    let mut cur = String::new();
    for c in params.chars() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        parts.push(cur);
    }
    let params: Vec<String> = parts
        .iter()
        .map(|p| {
            let ty = p.split_once(':').map(|(_, t)| t).unwrap_or(p);
            resolve(ty, aliases)
        })
        .collect();
    let text = format!("({}){}", params.join(","), resolve(ret, aliases));
    // One spelling whatever bindgen's formatting: no blanks, no trailing commas.
    let text: String = text.split_whitespace().collect();
    text.replace(",)", ")")
        .replace(",>", ">")
        .replace("~~", "->")
}

/// Replaces every typedef name in a type by its target, repeatedly, and drops
/// parameter names inside function-pointer types.
fn resolve(ty: &str, aliases: &BTreeMap<String, String>) -> String {
    let mut t = ty.trim().to_string();
    for _ in 0..16 {
        let mut out = String::new();
        let mut word = String::new();
        for c in t.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' || c == ':' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                let last = word.rsplit("::").next().unwrap_or(&word).to_string();
                out.push_str(aliases.get(&last).map(String::as_str).unwrap_or(&last));
                word.clear();
            }
            out.push(c);
        }
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if out == t {
            break;
        }
        t = out;
    }
    // `unsafe extern "C" fn(type_: c_int, ...)`: keep types only.
    let mut cleaned = String::new();
    for tok in t.split_inclusive([',', '(']) {
        match tok.split_once(": ") {
            Some((_, rest)) => cleaned.push_str(rest),
            None => cleaned.push_str(tok),
        }
    }
    cleaned
}

fn debian() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| parse(&common::bindgen_text(false)))
}

fn ours() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| parse(&common::bindgen_text(true)))
}

/// Differences between two maps, for one readable failure message.
fn diff<V: PartialEq + std::fmt::Debug>(
    what: &str,
    deb: &BTreeMap<String, V>,
    our: &BTreeMap<String, V>,
    only_common: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let keys: BTreeSet<&String> = deb.keys().chain(our.keys()).collect();
    for k in keys {
        match (deb.get(k), our.get(k)) {
            (Some(a), Some(b)) if a != b => {
                out.push(format!("{what} {k}: Debian {a:?}, ours {b:?}"))
            }
            (Some(a), None) if !only_common => {
                out.push(format!("{what} {k}: Debian {a:?}, missing in ours"))
            }
            (None, Some(b)) if !only_common => {
                out.push(format!("{what} {k}: ours {b:?}, not in Debian's"))
            }
            _ => {}
        }
    }
    out
}

#[test]
fn bindgen_sees_the_public_api() {
    if !common::libclang() {
        return;
    }
    // Guards the parsing above: if bindgen's output format changed, the
    // comparisons below would vacuously pass.
    let d = debian();
    assert_eq!(d.layout.get("Size of osip_transaction"), Some(&15184));
    assert_eq!(d.layout.get("Size of osip"), Some(&728));
    assert_eq!(d.consts.get("DEFAULT_T1"), Some(&500));
    assert_eq!(d.consts.get("DEFAULT_T2"), Some(&4000));
    assert!(d.layout.len() >= 250, "{} layout facts", d.layout.len());
    assert!(d.consts.len() >= 140, "{} constants", d.consts.len());
    assert_eq!(d.consts.get("OSIP_MESSAGE_CALLBACK_COUNT"), Some(&60));
    assert!(d.functions.contains_key("osip_transaction_init"));
    assert!(d.functions.len() >= 99, "{} functions", d.functions.len());
}

#[test]
fn struct_sizes_alignments_and_offsets_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff("layout", &debian().layout, &ours().layout, false);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn enum_constants_and_defines_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff("constant", &debian().consts, &ours().consts, false);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn common_prototypes_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff("prototype", &debian().functions, &ours().functions, true);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn we_declare_nothing_debian_does_not() {
    if !common::libclang() {
        return;
    }
    let extra: Vec<&String> = ours()
        .functions
        .keys()
        .filter(|f| !debian().functions.contains_key(*f))
        .collect();
    assert!(extra.is_empty(), "functions only in our headers: {extra:?}");
}
/// Records a mismatch between a Rust-side number and Debian's.
fn expect(errors: &mut Vec<String>, seen: &mut BTreeSet<String>, key: String, ours: usize) {
    match debian().layout.get(&key) {
        Some(&d) if d == ours as u64 => {}
        Some(&d) => errors.push(format!("{key}: Debian {d}, Rust {ours}")),
        None => errors.push(format!("{key}: not in Debian's headers")),
    }
    seen.insert(key);
}

/// As `check_struct!` for a `#[derive(CObject)]` type, whose field table
/// (`FIELD_OFFSETS`, Rust names as bindgen spells Debian's) lists every
/// field: its fields need not be visible here.
macro_rules! check_object {
    ($errors:ident, $seen:ident, $c:literal, $ty:ty) => {{
        expect(
            &mut $errors,
            &mut $seen,
            format!("Size of {}", $c),
            std::mem::size_of::<$ty>(),
        );
        expect(
            &mut $errors,
            &mut $seen,
            format!("Alignment of {}", $c),
            std::mem::align_of::<$ty>(),
        );
        for (field, offset) in <$ty>::FIELD_OFFSETS {
            let key = format!("Offset of field: {}::{field}", $c);
            expect(&mut $errors, &mut $seen, key, *offset);
        }
    }};
}

/// Size, alignment and every field offset of a Rust `#[repr(C)]` type
/// against the C struct `$c` of Debian's headers (fields as `"c_name" => rust_name`).
macro_rules! check_struct {
    ($errors:ident, $seen:ident, $c:literal, $ty:ty { $($cf:literal => $rf:ident),* $(,)? }) => {{
        expect(&mut $errors, &mut $seen, format!("Size of {}", $c), std::mem::size_of::<$ty>());
        expect(&mut $errors, &mut $seen, format!("Alignment of {}", $c), std::mem::align_of::<$ty>());
        $(expect(
            &mut $errors,
            &mut $seen,
            format!("Offset of field: {}::{}", $c, $cf),
            std::mem::offset_of!($ty, $rf),
        );)*
    }};
}

#[test]
fn rust_types_match_debian_layouts() {
    if !common::libclang() {
        return;
    }
    use osip2::abi::*;
    use osip2::parser::*;
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    check_object!(errors, seen, "osip_ict", osip_ict);
    check_object!(errors, seen, "osip_nict", osip_nict);
    check_object!(errors, seen, "osip_ist", osip_ist);
    check_object!(errors, seen, "osip_nist", osip_nist);
    check_struct!(errors, seen, "osip_srv_entry", osip_srv_entry {
        "srv" => srv, "priority" => priority, "weight" => weight, "rweight" => rweight,
        "port" => port, "ipaddress" => ipaddress, "srv_is_broken" => srv_is_broken,
    });
    check_struct!(errors, seen, "osip_srv_record", osip_srv_record {
        "name" => name, "srv_state" => srv_state, "flag" => flag, "protocol" => protocol,
        "regexp" => regexp, "replacement" => replacement, "order" => order,
        "preference" => preference, "index" => index, "srventry" => srventry,
    });
    check_struct!(errors, seen, "osip_naptr", osip_naptr {
        "domain" => domain, "AUS" => AUS, "naptr_state" => naptr_state, "arg" => arg,
        "keep_in_cache" => keep_in_cache, "sipudp_record" => sipudp_record,
        "siptcp_record" => siptcp_record, "siptls_record" => siptls_record,
        "sipdtls_record" => sipdtls_record, "sipsctp_record" => sipsctp_record,
        "sipenum_record" => sipenum_record,
    });
    check_object!(errors, seen, "osip_transaction", osip_transaction);
    check_object!(errors, seen, "ixt", ixt);
    check_object!(errors, seen, "osip", osip2::abi::osip::osip);
    check_object!(errors, seen, "osip_event", osip_event);
    check_struct!(errors, seen, "osip_fifo", osip_fifo {
        "qislocked" => qislocked, "qisempty" => qisempty, "queue" => queue,
        "nb_elt" => nb_elt, "state" => state,
    });
    check_object!(errors, seen, "osip_dialog", osip_dialog);
    // The parser types we read.
    check_struct!(errors, seen, "__node", __node { "next" => next, "element" => element });
    // osip_list_t: its fields are private to osip_cmem; the parser types'
    // layout test (crates/parser-abi) checks them.
    check_struct!(errors, seen, "osip_list", osip_list {});
    seen.insert("Offset of field: osip_list::nb_elt".to_string());
    seen.insert("Offset of field: osip_list::node".to_string());
    check_object!(errors, seen, "osip_uri_param", osip_uri_param);
    check_object!(errors, seen, "osip_uri", osip_uri);
    check_object!(errors, seen, "osip_from", osip_from);
    check_object!(errors, seen, "osip_via", osip_via);
    check_object!(errors, seen, "osip_call_id", osip_call_id);
    check_object!(errors, seen, "osip_cseq", osip_cseq);
    check_object!(errors, seen, "osip_message", osip_message);

    // A field Debian has that the lists above forgot would go unchecked.
    let checked: BTreeSet<String> = seen
        .iter()
        .filter_map(|k| k.strip_prefix("Size of ").map(str::to_string))
        .collect();
    for key in debian().layout.keys() {
        if let Some(field) = key.strip_prefix("Offset of field: ") {
            let owner = field.split("::").next().unwrap_or("");
            if checked.contains(owner) && !seen.contains(key) {
                errors.push(format!("{key}: not checked against the Rust type"));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Every variant of a Rust enum whose discriminants run 0..=`$last` has the
/// value Debian's headers give the constant of the same name.
macro_rules! check_enum {
    ($errors:ident, $ty:ty, $last:expr) => {{
        let last = $last as i32;
        for v in 0..=last {
            // SAFETY: the enum is `#[repr(C)]` with implicit, contiguous
            // discriminants from 0 to `$last`, so `v` is a valid value.
            let variant: $ty = unsafe { std::mem::transmute::<i32, $ty>(v) };
            let name = format!("{variant:?}");
            match debian().consts.get(&name) {
                Some(&d) if d == i64::from(v) => {}
                other => $errors.push(format!("{name}: Rust {v}, Debian {other:?}")),
            }
        }
    }};
}

#[test]
fn rust_enums_and_constants_match_debian() {
    if !common::libclang() {
        return;
    }
    use osip2::abi::*;
    let mut errors: Vec<String> = Vec::new();
    check_enum!(errors, _state_t, _state_t::DIALOG_CLOSE);
    check_enum!(errors, type_t, type_t::UNKNOWN_EVT);
    check_enum!(errors, osip_fsm_type_t, osip_fsm_type_t::NIST);
    check_enum!(errors, osip_fifo_state, osip_fifo_state::osip_empty);
    check_enum!(errors, _osip_dialog_type_t, _osip_dialog_type_t::CALLEE);
    check_enum!(
        errors,
        osip_message_callback_type,
        osip_message_callback_type::OSIP_MESSAGE_CALLBACK_COUNT
    );
    check_enum!(
        errors,
        osip_kill_callback_type,
        osip_kill_callback_type::OSIP_KILL_CALLBACK_COUNT
    );
    check_enum!(
        errors,
        osip_transport_error_callback_type,
        osip_transport_error_callback_type::OSIP_TRANSPORT_ERROR_CALLBACK_COUNT
    );
    let defines = [
        ("DEFAULT_T1", DEFAULT_T1),
        ("DEFAULT_T1_TCP_PROGRESS", DEFAULT_T1_TCP_PROGRESS),
        ("DEFAULT_T2", DEFAULT_T2),
        ("DEFAULT_T4", DEFAULT_T4),
        ("OSIP_SRV_STATE_UNKNOWN", OSIP_SRV_STATE_UNKNOWN),
        ("OSIP_SRV_STATE_RETRYLATER", OSIP_SRV_STATE_RETRYLATER),
        ("OSIP_SRV_STATE_COMPLETED", OSIP_SRV_STATE_COMPLETED),
        ("OSIP_SRV_STATE_NOTSUPPORTED", OSIP_SRV_STATE_NOTSUPPORTED),
        ("OSIP_NAPTR_STATE_UNKNOWN", OSIP_NAPTR_STATE_UNKNOWN),
        ("OSIP_NAPTR_STATE_INPROGRESS", OSIP_NAPTR_STATE_INPROGRESS),
        ("OSIP_NAPTR_STATE_NAPTRDONE", OSIP_NAPTR_STATE_NAPTRDONE),
        (
            "OSIP_NAPTR_STATE_SRVINPROGRESS",
            OSIP_NAPTR_STATE_SRVINPROGRESS,
        ),
        ("OSIP_NAPTR_STATE_SRVDONE", OSIP_NAPTR_STATE_SRVDONE),
        ("OSIP_NAPTR_STATE_RETRYLATER", OSIP_NAPTR_STATE_RETRYLATER),
        (
            "OSIP_NAPTR_STATE_NOTSUPPORTED",
            OSIP_NAPTR_STATE_NOTSUPPORTED,
        ),
    ];
    for (name, v) in defines {
        if debian().consts.get(name) != Some(&i64::from(v)) {
            errors.push(format!(
                "{name}: Rust {v}, Debian {:?}",
                debian().consts.get(name)
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The C view of the same facts: `c-tests/probe/probe.c` prints every
/// struct's size, alignment and field offsets and every constant, built once
/// with Debian's headers and once with ours.
#[test]
fn c_probe_prints_the_same_with_both_header_sets() {
    let dir = common::scratch("probe");
    let src = common::manifest_dir().join("c-tests/probe/probe.c");
    let mut outputs = Vec::new();
    for ours in [false, true] {
        let exe = dir.join(if ours { "probe-ours" } else { "probe-debian" });
        let mut cmd = common::cc();
        cmd.args(["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"]);
        if ours {
            cmd.arg(format!("-I{}", common::our_include().display()));
        }
        common::run(cmd.arg(&src).arg("-o").arg(&exe));
        let out = common::run(&mut std::process::Command::new(&exe));
        outputs.push(String::from_utf8(out.stdout).expect("UTF-8 probe output"));
    }
    assert!(outputs[0].lines().count() > 300, "probe printed too little");
    let mismatches: Vec<String> = outputs[0]
        .lines()
        .zip(outputs[1].lines())
        .filter(|(d, o)| d != o)
        .map(|(d, o)| format!("Debian: {d}\nours:   {o}"))
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(outputs[0], outputs[1]);
}

// ---------------------------------------------------------------------------
// libosipparser2's headers (include/osipparser2) against Debian's, as bindgen
// sees them: every layout, constant (integers and strings), typedef and
// variable alike; every prototype alike, where a function of
// crates/osipparser2/missing.list (not written yet) is absent from ours.

/// What bindgen found in one set of parser headers.
struct ParserApi {
    /// Layouts, integer constants and enum values, prototypes.
    api: Api,
    /// String `#define`s -> bindgen's byte-string literal.
    strings: BTreeMap<String, String>,
    /// Typedef name -> the type it stands for, typedefs resolved.
    typedefs: BTreeMap<String, String>,
    /// Variable -> its type, typedefs resolved.
    variables: BTreeMap<String, String>,
}

fn parse_parser(text: &str) -> ParserApi {
    // String constants (`pub const ACCEPT: &[u8; 7] = b"accept\0";`) are
    // taken apart: `parse` reads integers only.
    let mut strings = BTreeMap::new();
    let mut rest = String::new();
    for line in text.lines() {
        if let Some(r) = line.trim().strip_prefix("pub const ") {
            if let Some((name, value)) = r.split_once(": &[u8;") {
                let value = value.split_once(" = ").expect("string value").1;
                strings.insert(
                    name.trim().to_string(),
                    value.trim().trim_end_matches(';').to_string(),
                );
                continue;
            }
        }
        rest.push_str(line);
        rest.push('\n');
    }
    let api = parse(&rest);
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut raw_variables = Vec::new();
    for item in items(&rest) {
        if let Some(r) = item.strip_prefix("pub type ") {
            let (name, target) = r.split_once(" = ").expect("type alias");
            aliases.insert(
                name.trim().to_string(),
                target.trim().trim_end_matches(';').trim().to_string(),
            );
        } else if let Some(r) = item.strip_prefix("pub use self::") {
            // `pub use self::_trace_level as osip_trace_level_t;`
            let (target, name) = r
                .trim_end_matches(';')
                .split_once(" as ")
                .expect("use alias");
            aliases.insert(name.trim().to_string(), target.trim().to_string());
        } else if let Some(r) = item.strip_prefix("pub static mut ") {
            let (name, ty) = r.split_once(':').expect("variable");
            raw_variables.push((
                name.trim().to_string(),
                ty.trim().trim_end_matches(';').to_string(),
            ));
        }
    }
    let canon = |t: &str| resolve(t, &aliases).split_whitespace().collect::<String>();
    ParserApi {
        typedefs: aliases
            .values()
            .cloned()
            .zip(aliases.keys().cloned())
            .map(|(t, n)| (n, canon(&t)))
            .collect(),
        variables: raw_variables
            .into_iter()
            .map(|(n, t)| (n, canon(&t)))
            .collect(),
        strings,
        api,
    }
}

fn debian_parser() -> &'static ParserApi {
    static API: OnceLock<ParserApi> = OnceLock::new();
    API.get_or_init(|| parse_parser(&common::bindgen_parser_text(false)))
}

fn our_parser() -> &'static ParserApi {
    static API: OnceLock<ParserApi> = OnceLock::new();
    API.get_or_init(|| parse_parser(&common::bindgen_parser_text(true)))
}

#[test]
fn parser_bindgen_sees_debians_api() {
    if !common::libclang() {
        return;
    }
    // Guards the parsing above against a change of bindgen's output.
    let d = debian_parser();
    assert_eq!(d.api.layout.get("Size of osip_list"), Some(&16));
    assert_eq!(
        d.api.layout.get("Offset of field: osip_uri::url_params"),
        Some(&40)
    );
    assert!(
        d.api.layout.len() >= 220,
        "{} layout facts",
        d.api.layout.len()
    );
    assert_eq!(d.api.consts.get("SIP_OK"), Some(&200));
    assert_eq!(d.api.consts.get("OSIP_NOMEM"), Some(&-4));
    assert_eq!(d.api.consts.get("END_TRACE_LEVEL"), Some(&8));
    assert_eq!(
        d.strings.get("VIA").map(String::as_str),
        Some("b\"via\\0\"")
    );
    assert!(
        d.strings.len() >= 58,
        "{} string constants",
        d.strings.len()
    );
    assert_eq!(
        d.api.functions.len(),
        439,
        "Debian's headers declare 439 functions"
    );
    assert!(d.typedefs.contains_key("osip_proxy_authenticate_t"));
    assert!(d.typedefs.contains_key("osip_trace_level_t"));
    assert_eq!(d.variables.len(), 3, "{:?}", d.variables);
}

#[test]
fn parser_struct_layouts_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff(
        "layout",
        &debian_parser().api.layout,
        &our_parser().api.layout,
        false,
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn parser_constants_and_defines_match() {
    if !common::libclang() {
        return;
    }
    let mut errors = diff(
        "constant",
        &debian_parser().api.consts,
        &our_parser().api.consts,
        false,
    );
    errors.extend(diff(
        "string constant",
        &debian_parser().strings,
        &our_parser().strings,
        false,
    ));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn parser_typedefs_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff(
        "typedef",
        &debian_parser().typedefs,
        &our_parser().typedefs,
        false,
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn parser_variables_match() {
    if !common::libclang() {
        return;
    }
    let errors = diff(
        "variable",
        &debian_parser().variables,
        &our_parser().variables,
        false,
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The ratchet: ours declares exactly Debian's functions less those of
/// missing.list, with Debian's prototypes.
#[test]
fn parser_prototypes_match_less_the_missing() {
    if !common::libclang() {
        return;
    }
    let missing = common::parser_missing();
    let (deb, ours) = (&debian_parser().api.functions, &our_parser().api.functions);
    let mut errors = diff("prototype", deb, ours, true);
    for f in ours.keys() {
        if !deb.contains_key(f) {
            errors.push(format!("{f}: declared by ours, not by Debian's headers"));
        } else if missing.contains(f) {
            errors.push(format!(
                "{f}: declared by ours but listed in crates/osipparser2/missing.list (so not exported)"
            ));
        }
    }
    for f in deb.keys() {
        if !ours.contains_key(f) && !missing.contains(f) {
            errors.push(format!(
                "{f}: exported (not in missing.list) but not declared by ours: is its module read by xtask/headers.toml?"
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    println!(
        "libosipparser2 headers: {} of Debian's {} functions declared",
        ours.len(),
        deb.len()
    );
}
