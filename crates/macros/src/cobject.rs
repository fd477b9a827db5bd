use crate::split_commas;
use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

enum Kind {
    Str,
    Owned(String),
    List(String),
    StrList,
    OwnedList(String),
    Bytes(String),
    Raw(String),
    Plain,
}

struct Field {
    name: String,
    kind: Kind,
}

pub fn derive(input: TokenStream) -> Result<TokenStream, String> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let at = tokens
        .iter()
        .position(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "struct"))
        .ok_or("derive(CObject) is for structs")?;
    let name = match tokens.get(at + 1) {
        Some(TokenTree::Ident(i)) => i.to_string(),
        _ => return Err("a struct name".into()),
    };
    let body = match tokens.get(at + 2) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g.clone(),
        _ => return Err("derive(CObject): a struct with named fields and no generics".into()),
    };
    let fields = fields(&body)?;
    generate(&name, &fields)
        .parse()
        .map_err(|e| format!("{e:?}"))
}

fn fields(body: &Group) -> Result<Vec<Field>, String> {
    split_commas(body.stream())
        .iter()
        .map(|f| field(f))
        .collect()
}

fn field(tokens: &[TokenTree]) -> Result<Field, String> {
    let mut annotation: Option<Vec<TokenTree>> = None;
    let mut i = 0;
    // Attributes: `#` then a bracket group.
    while let Some(TokenTree::Punct(p)) = tokens.get(i) {
        if p.as_char() != '#' {
            break;
        }
        if let Some(TokenTree::Group(g)) = tokens.get(i + 1) {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            if let (Some(TokenTree::Ident(id)), Some(TokenTree::Group(args))) =
                (inner.first(), inner.get(1))
            {
                if id.to_string() == "c" {
                    annotation = Some(args.stream().into_iter().collect());
                }
            }
        }
        i += 2;
    }
    // Visibility.
    if matches!(tokens.get(i), Some(TokenTree::Ident(id)) if id.to_string() == "pub") {
        i += 1;
        if matches!(tokens.get(i), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        {
            i += 1;
        }
    }
    let name = match tokens.get(i) {
        Some(TokenTree::Ident(id)) => id.to_string(),
        _ => return Err("a field name".into()),
    };
    let ty = tokens[i + 2..]
        .iter()
        .cloned()
        .collect::<TokenStream>()
        .to_string();
    let is_pointer = ty.starts_with('*');
    let kind = match annotation {
        None if is_pointer => {
            return Err(format!(
                "field {name}: a pointer field needs #[c(str | owned | list = T | raw)]"
            ));
        }
        None => Kind::Plain,
        Some(args) => {
            let words: Vec<String> = args.iter().map(|t| t.to_string()).collect();
            match words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                ["str"] => Kind::Str,
                ["owned"] => {
                    let target = ty
                        .strip_prefix("* mut ")
                        .or_else(|| ty.strip_prefix("*mut "))
                        .ok_or(format!("field {name}: #[c(owned)] is for `*mut T`"))?;
                    Kind::Owned(target.to_string())
                }
                ["raw"] => Kind::Raw(ty.clone()),
                ["list", "=", "str"] => Kind::StrList,
                ["list", "=", ..] => Kind::List(
                    args[2..]
                        .iter()
                        .cloned()
                        .collect::<TokenStream>()
                        .to_string(),
                ),
                ["bytes", "=", len] => Kind::Bytes(len.to_string()),
                ["owned_list", "=", ..] => Kind::OwnedList(
                    args[2..]
                        .iter()
                        .cloned()
                        .collect::<TokenStream>()
                        .to_string(),
                ),
                other => return Err(format!("field {name}: unknown annotation {other:?}")),
            }
        }
    };
    Ok(Field { name, kind })
}

fn generate(name: &str, fields: &[Field]) -> String {
    let m = "::osip_cmem";
    let mut methods = String::new();
    let mut release = String::new();
    for Field { name: f, kind } in fields {
        match kind {
            Kind::Str => {
                methods += &format!(
                    "pub fn {f}(&self) -> Option<&::std::ffi::CStr> {{
                        // SAFETY: the field holds NULL or an owned string.
                        unsafe {{ {m}::field::get_str(self.{f}) }}
                    }}
                    pub fn set_{f}(&mut self, value: Option<{m}::OString>) {{
                        drop(self.take_{f}());
                        self.{f} = value.map_or(::std::ptr::null_mut(), {m}::OString::into_raw);
                    }}
                    pub fn take_{f}(&mut self) -> Option<{m}::OString> {{
                        let p = ::std::mem::replace(&mut self.{f}, ::std::ptr::null_mut());
                        // SAFETY: the field held NULL or an owned string; it is ours now.
                        unsafe {{ {m}::OString::from_raw(p) }}
                    }}
                    pub fn {f}_ptr(&self) -> *const ::libc::c_char {{ self.{f} }}\n"
                );
                release += &format!("drop(self.take_{f}());\n");
            }
            Kind::Owned(t) => {
                methods += &format!(
                    "pub fn {f}(&self) -> Option<&{t}> {{
                        // SAFETY: the field holds NULL or an owned, valid object.
                        unsafe {{ self.{f}.as_ref() }}
                    }}
                    pub fn {f}_mut(&mut self) -> Option<&mut {t}> {{
                        // SAFETY: as above; borrowed through `&mut self`.
                        unsafe {{ self.{f}.as_mut() }}
                    }}
                    pub fn set_{f}(&mut self, value: Option<{m}::Owned<{t}>>) {{
                        drop(self.take_{f}());
                        self.{f} = value.map_or(::std::ptr::null_mut(), {m}::Owned::into_raw);
                    }}
                    pub fn take_{f}(&mut self) -> Option<{m}::Owned<{t}>> {{
                        let p = ::std::mem::replace(&mut self.{f}, ::std::ptr::null_mut());
                        // SAFETY: the field held NULL or an owned object; it is ours now.
                        unsafe {{ {m}::Owned::from_raw(p) }}
                    }}
                    pub fn {f}_ptr(&self) -> *const {t} {{ self.{f} }}\n"
                );
                release += &format!("drop(self.take_{f}());\n");
            }
            Kind::List(t) => {
                methods += &list_methods(m, f, t);
                release += &format!("self.{f}_mut().clear();\n");
            }
            Kind::OwnedList(t) => {
                methods += &format!(
                    "pub fn {f}(&self) -> Option<{m}::ListRef<'_, {t}>> {{
                        // SAFETY: the field holds NULL or an owned list of such elements.
                        unsafe {{ self.{f}.as_ref().map(|l| {m}::ListRef::new(l)) }}
                    }}
                    pub fn {f}_mut(&mut self) -> Option<{m}::ListMut<'_, {t}>> {{
                        // SAFETY: as above; borrowed through `&mut self`.
                        unsafe {{ self.{f}.as_mut().map(|l| {m}::ListMut::new(l)) }}
                    }}
                    pub fn init_{f}(&mut self) -> Result<(), {m}::NoMemory> {{
                        if self.{f}.is_null() {{
                            self.{f} = {m}::list::new_owned()?;
                        }}
                        Ok(())
                    }}\n"
                );
                release += &format!(
                    "if let Some(mut l) = self.{f}_mut() {{ l.clear(); }}
                    // SAFETY: the field held NULL or an owned, now empty list block.
                    unsafe {{ {m}::list::free_owned(::std::mem::replace(&mut self.{f}, ::std::ptr::null_mut())) }};\n"
                );
            }
            Kind::Bytes(len) => {
                methods += &format!(
                    "pub fn {f}(&self) -> Option<&[u8]> {{
                        // SAFETY: the field holds NULL or `{len}` owned bytes.
                        unsafe {{ {m}::field::get_bytes(self.{f}, self.{len}) }}
                    }}
                    pub fn set_{f}(&mut self, value: Option<{m}::OBytes>) {{
                        drop(self.take_{f}());
                        (self.{f}, self.{len}) = value.map_or((::std::ptr::null_mut(), 0), {m}::OBytes::into_raw);
                    }}
                    pub fn take_{f}(&mut self) -> Option<{m}::OBytes> {{
                        let p = ::std::mem::replace(&mut self.{f}, ::std::ptr::null_mut());
                        let n = ::std::mem::replace(&mut self.{len}, 0);
                        // SAFETY: the field held NULL or `n` owned bytes; they are ours now.
                        unsafe {{ {m}::OBytes::from_raw(p, n) }}
                    }}
                    pub fn {f}_ptr(&self) -> *const ::libc::c_char {{ self.{f} }}\n"
                );
                release += &format!("drop(self.take_{f}());\n");
            }
            Kind::StrList => {
                methods += &list_methods(m, f, &format!("{m}::StrItem"));
                release += &format!("self.{f}_mut().clear();\n");
            }
            Kind::Raw(t) => {
                methods += &format!(
                    "pub fn {f}(&self) -> {t} {{ self.{f} }}
                    pub fn set_{f}(&mut self, value: {t}) {{ self.{f} = value; }}\n"
                );
            }
            Kind::Plain => {}
        }
    }
    let all: Vec<String> = fields.iter().map(|f| format!("{}: _", f.name)).collect();
    let offsets: Vec<String> = fields
        .iter()
        .map(|f| format!("({:?}, ::std::mem::offset_of!({name}, {}))", f.name, f.name))
        .collect();
    format!(
        "#[allow(clippy::undocumented_unsafe_blocks, dead_code)]
        impl {name} {{ {methods}
            /// Every field and its offset (for the layout tests against the C headers).
            #[doc(hidden)]
            pub const FIELD_OFFSETS: &'static [(&'static str, usize)] = &[{offsets}];
        }}
        // SAFETY: generated from the field annotations: `release` frees every
        // owned field and leaves it NULL or empty; all-zero is the empty value.
        unsafe impl {m}::CObject for {name} {{
            fn release(&mut self) {{
                {release}
            }}
        }}
        // Every field is listed above: this pattern names them all.
        const _: fn(&{name}) = |v| {{ let {name} {{ {all} }} = v; }};\n",
        all = all.join(", "),
        offsets = offsets.join(", ")
    )
}

fn list_methods(m: &str, f: &str, item: &str) -> String {
    format!(
        "pub fn {f}(&self) -> {m}::ListRef<'_, {item}> {{
            // SAFETY: the list owns elements of this kind.
            unsafe {{ {m}::ListRef::new(&self.{f}) }}
        }}
        pub fn {f}_mut(&mut self) -> {m}::ListMut<'_, {item}> {{
            // SAFETY: as above.
            unsafe {{ {m}::ListMut::new(&mut self.{f}) }}
        }}\n"
    )
}
