//! `#[export]`: see the crate documentation.

use crate::split_commas;
use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

enum Check {
    /// A pointer made a reference; `mutable` for `*mut T`.
    NonNull { target: String, mutable: bool },
    /// A pointer made an `Option` of a reference (NULL is allowed).
    Nullable { target: String, mutable: bool },
    /// A pointer kept as a `NonNull<T>` (NULL is refused).
    Handle { target: String },
    /// A pointer kept as an `Option<NonNull<T>>` (NULL is allowed).
    NullableHandle { target: String },
    /// A `*const c_char` made a `&CStr`.
    CStr,
}

struct Param {
    /// The parameter as the C signature has it (attributes removed).
    tokens: Vec<TokenTree>,
    name: String,
    check: Option<Check>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> Result<TokenStream, String> {
    let refuse = refusal(attr)?;
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let fn_at = tokens
        .iter()
        .position(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "fn"))
        .ok_or("#[export] is for functions")?;
    let head: String = tokens[..fn_at]
        .iter()
        .cloned()
        .collect::<TokenStream>()
        .to_string();
    let words: Vec<String> = tokens[..fn_at]
        .iter()
        .map(|t| match t {
            TokenTree::Group(g) => g.stream().to_string(),
            other => other.to_string(),
        })
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let extern_c = words
        .windows(2)
        .any(|w| w[0] == "extern" && w[1] == "\"C\"");
    for (required, present) in [
        ("#[no_mangle]", has("no_mangle")),
        ("pub", has("pub")),
        ("unsafe", has("unsafe")),
        ("extern \"C\"", extern_c),
    ] {
        if !present {
            return Err(format!(
                "#[export]: an entry point is `#[no_mangle] pub unsafe extern \"C\" fn` (missing `{required}`)"
            ));
        }
    }
    let name = match tokens.get(fn_at + 1) {
        Some(TokenTree::Ident(i)) => i.to_string(),
        _ => return Err("#[export]: a function name".into()),
    };
    let params = match tokens.get(fn_at + 2) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => g.clone(),
        _ => return Err("#[export]: no generics on an entry point".into()),
    };
    let body = match tokens.last() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g.clone(),
        _ => return Err("#[export]: a function body".into()),
    };
    let ret: String = tokens[fn_at + 3..tokens.len() - 1]
        .iter()
        .cloned()
        .collect::<TokenStream>()
        .to_string();
    let ret = ret
        .trim()
        .strip_prefix("->")
        .map(str::trim)
        .unwrap_or("()")
        .to_string();
    let params: Vec<Param> = split_commas(params.stream())
        .into_iter()
        .map(param)
        .collect::<Result<_, _>>()?;

    let refused = refuse.unwrap_or_else(|| format!("<{ret} as ::osip_cabi::Refusal>::REFUSED"));
    let mut prologue = format!(
        "#[cfg(feature = \"fault-injection\")]
        ::osip_cabi::inject({name:?});\n"
    );
    for p in &params {
        let n = &p.name;
        match &p.check {
            None => {}
            Some(Check::NonNull { target, mutable }) => {
                let (amp, conv) = if *mutable {
                    ("&mut", "as_mut")
                } else {
                    ("&", "as_ref")
                };
                prologue += &format!(
                    "#[allow(clippy::undocumented_unsafe_blocks)]
                    // SAFETY: the C contract: a non-NULL pointer points to a valid
                    // object of its type, not otherwise borrowed during the call.
                    let {n}: {amp} {target} = match unsafe {{ {n}.{conv}() }} {{
                        Some(r) => r,
                        None => return {refused},
                    }};\n"
                );
            }
            Some(Check::Nullable { target, mutable }) => {
                let (amp, conv) = if *mutable {
                    ("&mut", "as_mut")
                } else {
                    ("&", "as_ref")
                };
                prologue += &format!(
                    "#[allow(clippy::undocumented_unsafe_blocks)]
                    // SAFETY: the C contract: a non-NULL pointer points to a valid
                    // object of its type, not otherwise borrowed during the call.
                    let {n}: ::std::option::Option<{amp} {target}> = unsafe {{ {n}.{conv}() }};\n"
                );
            }
            Some(Check::Handle { target }) => {
                prologue += &format!(
                    "let {n}: ::std::ptr::NonNull<{target}> = match ::std::ptr::NonNull::new({n} as *mut {target}) {{
                        Some(p) => p,
                        None => return {refused},
                    }};\n"
                );
            }
            Some(Check::NullableHandle { target }) => {
                prologue += &format!(
                    "let {n}: ::std::option::Option<::std::ptr::NonNull<{target}>> =
                        ::std::ptr::NonNull::new({n} as *mut {target});\n"
                );
            }
            Some(Check::CStr) => {
                prologue += &format!(
                    "#[allow(clippy::undocumented_unsafe_blocks)]
                    // SAFETY: the C contract: a non-NULL `char *` is NUL-terminated
                    // and stays unchanged during the call.
                    let {n}: &::std::ffi::CStr = match unsafe {{ ::osip_cabi::c_str({n}) }} {{
                        Some(s) => s,
                        None => return {refused},
                    }};\n"
                );
            }
        }
    }
    let signature_params: Vec<String> = params
        .iter()
        .map(|p| {
            p.tokens
                .iter()
                .cloned()
                .collect::<TokenStream>()
                .to_string()
        })
        .collect();
    let out = format!(
        "{head} fn {name}({params}) -> {ret} {{ {prologue} {body} }}",
        params = signature_params.join(", "),
        body = Group::new(Delimiter::Brace, body.stream()),
    );
    out.parse()
        .map_err(|e| format!("#[export] on {name}: {e:?}"))
}

/// `refuse = EXPR`, if given.
fn refusal(attr: TokenStream) -> Result<Option<String>, String> {
    let tokens: Vec<TokenTree> = attr.into_iter().collect();
    match tokens.as_slice() {
        [] => Ok(None),
        [TokenTree::Ident(k), TokenTree::Punct(eq), rest @ ..]
            if k.to_string() == "refuse" && eq.as_char() == '=' =>
        {
            Ok(Some(
                rest.iter().cloned().collect::<TokenStream>().to_string(),
            ))
        }
        _ => Err("#[export] takes nothing or `refuse = EXPR`".into()),
    }
}

fn param(tokens: Vec<TokenTree>) -> Result<Param, String> {
    let mut check_kind: Option<String> = None;
    let mut rest = tokens.as_slice();
    while let [TokenTree::Punct(p), TokenTree::Group(g), tail @ ..] = rest {
        if p.as_char() != '#' {
            break;
        }
        check_kind = Some(g.stream().to_string());
        rest = tail;
    }
    let name = match rest.first() {
        Some(TokenTree::Ident(i)) => i.to_string(),
        _ => return Err("#[export]: parameters are `name: type`".into()),
    };
    let ty: String = rest[2..]
        .iter()
        .cloned()
        .collect::<TokenStream>()
        .to_string();
    let pointee = |kind: &str| -> Result<(bool, String), String> {
        if let Some(t) = ty
            .strip_prefix("* mut ")
            .or_else(|| ty.strip_prefix("*mut "))
        {
            Ok((true, t.to_string()))
        } else if let Some(t) = ty
            .strip_prefix("* const ")
            .or_else(|| ty.strip_prefix("*const "))
        {
            Ok((false, t.to_string()))
        } else {
            Err(format!("#[export]: #[{kind}] {name} is not a pointer"))
        }
    };
    let check = match check_kind.as_deref() {
        None => None,
        Some("nonnull") => {
            let (mutable, target) = pointee("nonnull")?;
            Some(Check::NonNull { target, mutable })
        }
        Some("nullable") => {
            let (mutable, target) = pointee("nullable")?;
            Some(Check::Nullable { target, mutable })
        }
        Some("handle") => {
            let (_, target) = pointee("handle")?;
            Some(Check::Handle { target })
        }
        Some("nullable(handle)") => {
            let (_, target) = pointee("nullable(handle)")?;
            Some(Check::NullableHandle { target })
        }
        Some("cstr") => Some(Check::CStr),
        Some(other) => {
            return Err(format!(
                "#[export]: unknown parameter attribute #[{other}] on {name}"
            ))
        }
    };
    Ok(Param {
        tokens: rest.to_vec(),
        name,
        check,
    })
}
