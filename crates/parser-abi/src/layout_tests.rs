//! The layouts against Debian's headers: bindgen reads `<osipparser2/...>`
//! and states the size of every struct and the offset of every field; each
//! of ours must agree, field by field.

use super::*;
use std::collections::BTreeMap;
use std::mem::size_of;

/// "Size of osip_via" / "Offset of field: osip_via::host" → bytes, from
/// bindgen's layout assertions.
fn debian_layouts() -> BTreeMap<String, usize> {
    let text = bindgen::Builder::default()
        .header_contents(
            "wrapper.h",
            "#include <osipparser2/osip_parser.h>\n#include <osipparser2/sdp_message.h>\n#include <osipparser2/osip_md5.h>\n",
        )
        .allowlist_file(".*/osipparser2/.*")
        .layout_tests(true)
        .generate()
        .expect("bindgen on Debian's osipparser2 headers (libosip2-dev, libclang-dev)")
        .to_string();
    let mut out = BTreeMap::new();
    for part in text.split("[\"").skip(1) {
        let Some((key, rest)) = part.split_once("\"]") else {
            continue;
        };
        let Some(num) = rest.split_once(" - ").map(|x| x.1) else {
            continue;
        };
        let digits: String = num.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse() {
            out.insert(key.to_string(), n);
        }
    }
    out
}

#[test]
#[cfg_attr(miri, ignore = "bindgen loads libclang, C code Miri cannot run")]
fn structures_match_debian_byte_for_byte() {
    let debian = debian_layouts();
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut check = |key: String, ours: usize| {
        match debian.get(&key) {
            Some(&d) if d == ours => {}
            other => wrong.push(format!("{key}: ours {ours}, Debian {other:?}")),
        }
        checked += 1;
    };
    macro_rules! structs {
        ($($t:ident),* $(,)?) => {$(
            check(format!("Size of {}", stringify!($t)), size_of::<$t>());
            for (field, offset) in $t::FIELD_OFFSETS {
                check(format!("Offset of field: {}::{field}", stringify!($t)), *offset);
            }
        )*};
    }
    structs!(
        osip_uri_param,
        osip_uri,
        osip_from,
        osip_via,
        osip_call_id,
        osip_cseq,
        osip_content_length,
        osip_content_type,
        osip_accept_encoding,
        osip_call_info,
        osip_authorization,
        osip_www_authenticate,
        osip_authentication_info,
        osip_header,
        osip_body,
        osip_message,
        sdp_bandwidth,
        sdp_time_descr,
        sdp_key,
        sdp_attribute,
        sdp_connection,
        sdp_media,
        sdp_message,
    );
    check("Size of osip_list".into(), size_of::<osip_list>());
    check("Size of __node".into(), size_of::<__node>());
    check(
        "Size of osip_list_iterator".into(),
        size_of::<osip_list_iterator>(),
    );
    check("Size of osip_MD5_CTX".into(), size_of::<osip_MD5_CTX>());
    assert!(
        wrong.is_empty(),
        "layouts differing from Debian's headers:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        checked, 184,
        "sizes and offsets checked: every field of every struct"
    );
}
